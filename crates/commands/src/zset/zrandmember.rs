//! ZRANDMEMBER key [count [WITHSCORES]]
//!
//! Without a count: one random member (nil for a missing key). A positive count returns
//! distinct members, a negative one may repeat them. The order follows Redis where it is not
//! random: a count covering the whole set returns it from the highest score down, and a
//! listpack sample comes out in the set's order.

use shoal_resp::Args;
use shoal_store::zset::ZSet;

use super::common::{self, pair, pairs_header};
use crate::args::is_c;
use crate::ctx::Ctx;
use crate::errors::{CmdResult, Error};
use crate::spec::{Acl, Arg, ArgFlags, ArgKind, CommandSpec, Flags, Group, KeySpec, KsFlags};

pub static SPEC: CommandSpec = CommandSpec {
    name: "zrandmember",
    arity: -2,
    flags: Flags::READONLY,
    acl: Acl::SORTEDSET,
    key_specs: &[KeySpec::single(1, KsFlags::RO.union(KsFlags::ACCESS))],
    tips: &["nondeterministic_output"],
    group: Group::SortedSet,
    since: "6.2.0",
    summary: "Returns one or more random members from a sorted set.",
    complexity: "O(N) where N is the number of members returned",
    args: &[
        Arg::new("key", ArgKind::Key),
        Arg {
            flags: ArgFlags::OPTIONAL,
            children: &[
                Arg::new("count", ArgKind::Integer),
                Arg {
                    token: "WITHSCORES",
                    flags: ArgFlags::OPTIONAL,
                    ..Arg::new("withscores", ArgKind::PureToken)
                },
            ],
            ..Arg::new("options", ArgKind::Block)
        },
    ],
    handler: zrandmember,
    ..CommandSpec::DEFAULT
};

fn zrandmember(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    if args.len() == 2 {
        match common::read(&mut ctx.keys, args.get(1))?.and_then(ZSet::random) {
            Some((m, _)) => ctx.out.bulk(m),
            None => ctx.out.null(),
        }
        return Ok(());
    }
    let l = match shoal_util::string2ll(args.get(2)) {
        Some(v) if v != i64::MIN => v,
        Some(_) => {
            return Err(Error::Static(
                "ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807",
            ))
        }
        None => return Err(Error::NotInteger),
    };
    if args.len() > 4 || (args.len() == 4 && !is_c(args.get(3), "WITHSCORES")) {
        return Err(Error::Syntax);
    }
    let withscores = args.len() == 4;
    if withscores && !(-(i64::MAX / 2)..=i64::MAX / 2).contains(&l) {
        return Err(Error::Static("ERR value is out of range"));
    }
    let Some(z) = common::read(&mut ctx.keys, args.get(1))? else {
        ctx.out.empty_array();
        return Ok(());
    };
    let count = l.unsigned_abs() as usize;
    let out = &mut *ctx.out;
    if count == 0 {
        out.empty_array();
        return Ok(());
    }
    let size = z.len();
    if l < 0 || count == 1 {
        // Sampling with repetition, in random order.
        pairs_header(out, count, withscores);
        for _ in 0..count {
            let (m, s) = z.random().expect("sets are never empty");
            pair(out, m, s, withscores);
        }
        return Ok(());
    }
    pairs_header(out, count.min(size), withscores);
    if count >= size {
        // Redis walks the set from its tail here.
        for (m, s) in z.iter_from(0, true) {
            pair(out, m, s, withscores);
        }
        return Ok(());
    }
    let mut picked = sample(size, count);
    if z.is_listpack() {
        picked.sort_unstable();
    } else {
        fastrand::shuffle(&mut picked);
    }
    for rank in picked {
        let (m, s) = z.get_by_rank(rank).expect("rank inside the set");
        pair(out, m, s, withscores);
    }
    Ok(())
}

/// `count` distinct ranks out of `size` (count < size), uniformly.
fn sample(size: usize, count: usize) -> Vec<usize> {
    if count * 3 > size {
        // Close to the whole set: drop random ranks until `count` remain.
        let mut all: Vec<usize> = (0..size).collect();
        fastrand::shuffle(&mut all);
        all.truncate(count);
        all
    } else {
        let mut seen = std::collections::HashSet::with_capacity(count);
        let mut out = Vec::with_capacity(count);
        while out.len() < count {
            let r = fastrand::usize(..size);
            if seen.insert(r) {
                out.push(r);
            }
        }
        out
    }
}
