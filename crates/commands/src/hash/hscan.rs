//! HSCAN key cursor [MATCH pattern] [COUNT count] [NOVALUES]
//!
//! A compact hash is returned whole with cursor 0, as Redis does for a listpack; the full
//! encoding is walked COUNT positions at a time. A missing key gives cursor "0" and nothing.

use shoal_resp::Args;

use super::access;
use crate::args;
use crate::ctx::Ctx;
use crate::errors::{CmdResult, Error};
use crate::spec::{Acl, Arg, ArgFlags, ArgKind, CommandSpec, Flags, Group, KeySpec, KsFlags};

pub static SPEC: CommandSpec = CommandSpec {
    name: "hscan",
    arity: -3,
    flags: Flags::READONLY,
    acl: Acl::HASH,
    key_specs: &[KeySpec::single(1, KsFlags::RO.union(KsFlags::ACCESS))],
    tips: &["nondeterministic_output"],
    group: Group::Hash,
    since: "2.8.0",
    summary: "Iterates over fields and values of a hash.",
    complexity: "O(1) for every call. O(N) for a complete iteration, including enough command calls for the cursor to return back to 0. N is the number of elements inside the collection.",
    args: &[
        Arg::new("key", ArgKind::Key),
        Arg::new("cursor", ArgKind::Integer),
        Arg {
            token: "MATCH",
            flags: ArgFlags::OPTIONAL,
            ..Arg::new("pattern", ArgKind::Pattern)
        },
        Arg {
            token: "COUNT",
            flags: ArgFlags::OPTIONAL,
            ..Arg::new("count", ArgKind::Integer)
        },
        Arg {
            token: "NOVALUES",
            flags: ArgFlags::OPTIONAL,
            since: "7.4.0",
            ..Arg::new("novalues", ArgKind::PureToken)
        },
    ],
    handler: hscan,
    ..CommandSpec::DEFAULT
};

/// Redis reads scan cursors with `strtoull`: optional sign (a minus wraps), decimal digits,
/// nothing after them, no leading space, no overflow.
pub fn parse_cursor(arg: &[u8]) -> Result<u64, Error> {
    const INVALID: Error = Error::Static("ERR invalid cursor");
    let (neg, digits) = match arg.first() {
        Some(b'-') => (true, &arg[1..]),
        Some(b'+') => (false, &arg[1..]),
        _ => (false, arg),
    };
    if arg.is_empty() {
        return Ok(0);
    }
    if digits.is_empty() || !digits.iter().all(u8::is_ascii_digit) {
        return Err(INVALID);
    }
    let mut v: u64 = 0;
    for &d in digits {
        v = v
            .checked_mul(10)
            .and_then(|v| v.checked_add(u64::from(d - b'0')))
            .ok_or(INVALID)?;
    }
    Ok(if neg { v.wrapping_neg() } else { v })
}

fn hscan(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    let cursor = parse_cursor(args.get(2))?;
    let Some(h) = access::read(&mut ctx.keys, args.get(1))? else {
        ctx.out.array(2);
        ctx.out.bulk(b"0");
        ctx.out.empty_array();
        return Ok(());
    };
    let mut count = 10usize;
    let mut pattern: Option<&[u8]> = None;
    let mut no_values = false;
    let mut j = 3;
    while j < args.len() {
        let opt = args.get(j);
        let has_value = j + 1 < args.len();
        if args::is_c(opt, "COUNT") && has_value {
            let n = args::int(args.get(j + 1))?;
            if n < 1 {
                return Err(Error::Syntax);
            }
            count = n as usize;
            j += 2;
        } else if args::is_c(opt, "MATCH") && has_value {
            let p = args.get(j + 1);
            pattern = (p != b"*").then_some(p);
            j += 2;
        } else if args::is_c(opt, "NOVALUES") {
            no_values = true;
            j += 1;
        } else {
            return Err(Error::Syntax);
        }
    }
    let mut found: Vec<(&[u8], &[u8])> = Vec::new();
    let next = h.scan(cursor, count, |f, v| {
        if pattern.is_none_or(|p| shoal_util::glob_match(p, f, false)) {
            found.push((f, v));
        }
    });
    let out = &mut *ctx.out;
    out.array(2);
    let mut cur = Vec::with_capacity(20);
    shoal_util::append_u64(&mut cur, next);
    out.bulk(&cur);
    out.array(if no_values {
        found.len()
    } else {
        found.len() * 2
    });
    for (f, v) in found {
        out.bulk(f);
        if !no_values {
            out.bulk(v);
        }
    }
    Ok(())
}
