//! SCAN cursor [MATCH pattern] [COUNT count] [TYPE type]
//!
//! Iterates the current database. The cursor is the index of the next slot to visit: each call
//! returns whole slots, one slot locked at a time, until it has looked at COUNT keys, and answers
//! cursor 0 after the last slot. A key that exists from the first call to the last is therefore
//! returned at least once, whatever else is written meanwhile, and no key is returned twice
//! unless it moved between slots (it cannot: a key's slot is fixed by its name).

use shoal_resp::Args;
use shoal_util::glob_match;

use super::common::type_name;
use crate::args::is_c;
use crate::ctx::SlotAccess;
use crate::ctx::{is_expired, Ctx};
use crate::errors::{CmdResult, Error};
use crate::spec::{Acl, Arg, ArgFlags, ArgKind, CommandSpec, Flags, Group};

pub static SPEC: CommandSpec = CommandSpec {
    name: "scan",
    arity: -2,
    flags: Flags::READONLY,
    acl: Acl::KEYSPACE,
    tips: &["nondeterministic_output", "request_policy:special"],
    group: Group::Generic,
    since: "2.8.0",
    summary: "Iterates over the key names in the database.",
    complexity: "O(1) for every call. O(N) for a complete iteration, including enough command calls for the cursor to return back to 0. N is the number of elements inside the collection.",
    args: &[
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
            token: "TYPE",
            flags: ArgFlags::OPTIONAL,
            since: "6.0.0",
            ..Arg::new("type", ArgKind::String)
        },
    ],
    handler: scan,
    ..CommandSpec::DEFAULT
};

/// Parses a cursor the way C's `strtoul` does for Redis: optional sign (a minus wraps around),
/// no leading space, nothing after the digits, no overflow. The empty string is cursor 0.
pub fn parse_cursor(arg: &[u8]) -> Result<u64, Error> {
    let invalid = || Error::Static("ERR invalid cursor");
    // C strings end at the first NUL byte.
    let arg = &arg[..arg.iter().position(|&b| b == 0).unwrap_or(arg.len())];
    let (negative, digits) = match arg.first() {
        Some(b'-') => (true, &arg[1..]),
        Some(b'+') => (false, &arg[1..]),
        _ => (false, arg),
    };
    if digits.is_empty() {
        return if arg.is_empty() {
            Ok(0)
        } else {
            Err(invalid())
        };
    }
    let mut v: u64 = 0;
    for &b in digits {
        if !b.is_ascii_digit() {
            return Err(invalid());
        }
        v = v
            .checked_mul(10)
            .and_then(|v| v.checked_add((b - b'0') as u64))
            .ok_or_else(invalid)?;
    }
    Ok(if negative { v.wrapping_neg() } else { v })
}

struct Options<'a> {
    count: u64,
    pattern: Option<&'a [u8]>,
    type_name: Option<&'a [u8]>,
}

fn parse_options<'a>(args: &Args<'a>) -> Result<Options<'a>, Error> {
    let mut o = Options {
        count: 10,
        pattern: None,
        type_name: None,
    };
    let mut i = 2;
    while i < args.len() {
        let opt = args.get(i);
        let has_value = i + 1 < args.len();
        if is_c(opt, "COUNT") && has_value {
            let n = crate::args::int(args.get(i + 1))?;
            if n < 1 {
                return Err(Error::Syntax);
            }
            o.count = n as u64;
        } else if is_c(opt, "MATCH") && has_value {
            let p = args.get(i + 1);
            // "*" matches everything, so it costs nothing to skip matching.
            o.pattern = (p != b"*").then_some(p);
        } else if is_c(opt, "TYPE") && has_value {
            o.type_name = Some(args.get(i + 1));
        } else {
            return Err(Error::Syntax);
        }
        i += 2;
    }
    Ok(o)
}

fn scan(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    let cursor = parse_cursor(args.get(1))?;
    let o = parse_options(args)?;
    let (db, now) = (ctx.keys.db, ctx.keys.now);
    let slots = shoal_util::SLOTS as u64;
    let mut slot = cursor;
    let mut sampled = 0u64;
    let mut found: Vec<Vec<u8>> = Vec::new();
    let (mut expired, mut hits) = (0u64, 0u64);
    while slot < slots && sampled < o.count {
        ctx.keys.with_slot(slot as u16, |guard| {
            if let Some(table) = guard.db_if_exists(db) {
                let mut removed = 0;
                if table.expires() > 0 {
                    removed = table.remove_if(|e| is_expired(e, now));
                    expired += removed as u64;
                }
                for e in table.iter() {
                    sampled += 1;
                    if o.pattern.is_some_and(|p| !glob_match(p, e.key(), false)) {
                        continue;
                    }
                    if let Some(t) = o.type_name {
                        // Redis looks each candidate up to learn its type, which counts as a hit.
                        hits += 1;
                        if !crate::args::is_c(t, type_name(e)) {
                            continue;
                        }
                    }
                    found.push(e.key().to_vec());
                }
                if removed > 0 {
                    guard.shrink();
                }
            }
        });
        slot += 1;
    }
    ctx.shard.expired_keys.add(expired);
    ctx.shard.keyspace_hits.add(hits);
    let next = if slot >= slots { 0 } else { slot };
    ctx.out.array(2);
    ctx.out.bulk(next.to_string().as_bytes());
    ctx.out.array(found.len());
    for k in &found {
        ctx.out.bulk(k);
    }
    Ok(())
}
