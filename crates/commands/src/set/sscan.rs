//! SSCAN key cursor [MATCH pattern] [COUNT count]
//!
//! An intset or listpack comes back whole with cursor 0, whatever the cursor. A hashtable is
//! walked bucket by bucket in Redis's reverse-binary cursor order, so members present for the
//! whole scan are returned at least once across resizes. As in Redis the cursor is checked
//! before the key, and the options only after it (a missing key ignores bad options).

use shoal_resp::Args;
use shoal_store::set::Member;
use shoal_util::glob_match;

use super::as_set;
use crate::args::is_c;
use crate::ctx::Ctx;
use crate::errors::{CmdResult, Error};
use crate::keyspace::scan::parse_cursor;
use crate::spec::{Acl, Arg, ArgFlags, ArgKind, CommandSpec, Flags, Group, KeySpec, KsFlags};

pub static SPEC: CommandSpec = CommandSpec {
    name: "sscan",
    arity: -3,
    flags: Flags::READONLY,
    acl: Acl::SET,
    key_specs: &[KeySpec::single(1, KsFlags::RO.union(KsFlags::ACCESS))],
    tips: &["nondeterministic_output"],
    group: Group::Set,
    since: "2.8.0",
    summary: "Iterates over members of a set.",
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
    handler: sscan,
    ..CommandSpec::DEFAULT
};

fn sscan(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    let mut cursor = parse_cursor(args.get(2))?;
    let Some(e) = ctx.keys.get(args.get(1)) else {
        ctx.out.array(2);
        ctx.out.bulk(b"0");
        ctx.out.empty_array();
        return Ok(());
    };
    let set = as_set(e)?;
    let mut count = 10usize;
    let mut pattern: Option<&[u8]> = None;
    let mut i = 3;
    while i < args.len() {
        let has_value = i + 1 < args.len();
        if is_c(args.get(i), "COUNT") && has_value {
            let n = crate::args::int(args.get(i + 1))?;
            if n < 1 {
                return Err(Error::Syntax);
            }
            count = usize::try_from(n).unwrap_or(usize::MAX);
        } else if is_c(args.get(i), "MATCH") && has_value {
            let p = args.get(i + 1);
            // "*" matches everything: skip matching.
            pattern = (p != b"*").then_some(p);
        } else {
            return Err(Error::Syntax);
        }
        i += 2;
    }
    let mut found: Vec<Vec<u8>> = Vec::new();
    let mut keep = |m: Member<'_>| {
        m.with_bytes(|b| {
            if pattern.is_none_or(|p| glob_match(p, b, false)) {
                found.push(b.to_vec());
            }
        })
    };
    // Redis's loop: at least one bucket, then more while the cursor goes on, the bucket budget
    // (ten per requested element) lasts and fewer than COUNT members were seen.
    let mut budget = count.saturating_mul(10);
    let mut seen = 0usize;
    loop {
        cursor = set.scan(cursor, &mut |m| {
            seen += 1;
            keep(m);
        });
        if cursor == 0 || budget == 0 || seen >= count {
            break;
        }
        budget -= 1;
    }
    ctx.out.array(2);
    ctx.out.bulk(cursor.to_string().as_bytes());
    ctx.out.array(found.len());
    for m in &found {
        ctx.out.bulk(m);
    }
    Ok(())
}
