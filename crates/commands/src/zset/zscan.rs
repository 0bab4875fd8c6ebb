//! ZSCAN key cursor [MATCH pattern] [COUNT count]
//!
//! A listpack-encoded set is returned whole with cursor 0, as Redis does. A skiplist is walked
//! by arena index (see [`ZSet::scan`]): every member present for the whole iteration is
//! returned exactly once. Scores are strings: the listpack's as Redis stores them (its double
//! format), the skiplist's printed with "%.17g" like Redis's long-double formatting.
//!
//! [`ZSet::scan`]: shoal_store::zset::ZSet::scan

use shoal_resp::Args;
use shoal_util::glob_match;

use super::common;
use crate::args::is_c;
use crate::ctx::Ctx;
use crate::errors::{CmdResult, Error};
use crate::keyspace::scan::parse_cursor;
use crate::spec::{Acl, Arg, ArgFlags, ArgKind, CommandSpec, Flags, Group, KeySpec, KsFlags};

pub static SPEC: CommandSpec = CommandSpec {
    name: "zscan",
    arity: -3,
    flags: Flags::READONLY,
    acl: Acl::SORTEDSET,
    key_specs: &[KeySpec::single(1, KsFlags::RO.union(KsFlags::ACCESS))],
    tips: &["nondeterministic_output"],
    group: Group::SortedSet,
    since: "2.8.0",
    summary: "Iterates over members and scores of a sorted set.",
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
    ],
    handler: zscan,
    ..CommandSpec::DEFAULT
};

/// C's "%.17g", which Redis's ld2string(LD_STR_AUTO) amounts to for a double's value.
fn format_g17(v: f64) -> Vec<u8> {
    if v.is_infinite() {
        return if v > 0.0 {
            b"inf".to_vec()
        } else {
            b"-inf".to_vec()
        };
    }
    let mut buf = [0u8; 64];
    // SAFETY: the buffer is 64 bytes, more than "%.17g" ever writes (at most 24 characters),
    // and the format consumes exactly the one double passed.
    let n = unsafe { libc::snprintf(buf.as_mut_ptr().cast(), buf.len(), c"%.17g".as_ptr(), v) };
    buf[..n.max(0) as usize].to_vec()
}

fn zscan(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    let cursor = parse_cursor(args.get(2))?;
    let Some(z) = common::read(&mut ctx.keys, args.get(1))? else {
        ctx.out.array(2);
        ctx.out.bulk(b"0");
        ctx.out.empty_array();
        return Ok(());
    };
    let mut count = 10usize;
    let mut pattern = None;
    let mut i = 3;
    while i < args.len() {
        let opt = args.get(i);
        let has_value = i + 1 < args.len();
        if is_c(opt, "COUNT") && has_value {
            let n = crate::args::int(args.get(i + 1))?;
            if n < 1 {
                return Err(Error::Syntax);
            }
            count = n as usize;
        } else if is_c(opt, "MATCH") && has_value {
            let p = args.get(i + 1);
            pattern = (p != b"*").then_some(p);
        } else {
            return Err(Error::Syntax);
        }
        i += 2;
    }
    let listpack = z.is_listpack();
    let mut items: Vec<(Vec<u8>, Vec<u8>)> = Vec::new();
    let next = z.scan(cursor, count, |m, s| {
        if pattern.is_some_and(|p| !glob_match(p, m, false)) {
            return;
        }
        let score = if listpack {
            let mut tmp = [0u8; shoal_resp::MAX_DOUBLE_CHARS];
            shoal_resp::format_double(s, &mut tmp).as_bytes().to_vec()
        } else {
            format_g17(s)
        };
        items.push((m.to_vec(), score));
    });
    let out = &mut *ctx.out;
    out.array(2);
    out.bulk(next.to_string().as_bytes());
    out.array(items.len() * 2);
    for (m, s) in &items {
        out.bulk(m);
        out.bulk(s);
    }
    Ok(())
}
