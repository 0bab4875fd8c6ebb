//! ZREMRANGEBYRANK key start stop
//! ZREMRANGEBYSCORE key min max
//! ZREMRANGEBYLEX key min max
//!
//! One implementation (Redis's zremrangeGenericCommand): the range is parsed first, then the
//! members inside it are removed and counted; an emptied key is deleted.

use shoal_resp::Args;

use super::bounds;
use super::common::{self, modified};
use crate::ctx::Ctx;
use crate::errors::CmdResult;
use crate::spec::{Acl, Arg, ArgKind, CommandSpec, Flags, Group, KeySpec, KsFlags};

const KEY: &[KeySpec] = &[KeySpec::single(1, KsFlags::RW.union(KsFlags::DELETE))];
const COMPLEXITY: &str = "O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements removed by the operation.";

const fn spec(
    name: &'static str,
    since: &'static str,
    summary: &'static str,
    args: &'static [Arg],
    handler: crate::spec::Handler,
) -> CommandSpec {
    CommandSpec {
        name,
        arity: 4,
        flags: Flags::WRITE,
        acl: Acl::SORTEDSET,
        key_specs: KEY,
        group: Group::SortedSet,
        since,
        summary,
        complexity: COMPLEXITY,
        args,
        handler,
        ..CommandSpec::DEFAULT
    }
}

pub static ZREMRANGEBYRANK: CommandSpec = spec(
    "zremrangebyrank",
    "2.0.0",
    "Removes members in a sorted set within a range of indexes. Deletes the sorted set if all members were removed.",
    &[
        Arg::new("key", ArgKind::Key),
        Arg::new("start", ArgKind::Integer),
        Arg::new("stop", ArgKind::Integer),
    ],
    by_rank,
);

pub static ZREMRANGEBYSCORE: CommandSpec = spec(
    "zremrangebyscore",
    "1.2.0",
    "Removes members in a sorted set within a range of scores. Deletes the sorted set if all members were removed.",
    &[
        Arg::new("key", ArgKind::Key),
        Arg::new("min", ArgKind::Double),
        Arg::new("max", ArgKind::Double),
    ],
    by_score,
);

pub static ZREMRANGEBYLEX: CommandSpec = spec(
    "zremrangebylex",
    "2.8.9",
    "Removes members in a sorted set within a lexicographical range. Deletes the sorted set if all members were removed.",
    &[
        Arg::new("key", ArgKind::Key),
        Arg::new("min", ArgKind::String),
        Arg::new("max", ArgKind::String),
    ],
    by_lex,
);

fn by_rank(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    let start = crate::args::int(args.get(2))?;
    let end = crate::args::int(args.get(3))?;
    let key = args.get(1);
    let removed = match common::write(&mut ctx.keys, key)? {
        None => 0,
        Some(z) => {
            let len = z.len() as i64;
            let start = if start < 0 { start + len } else { start }.max(0);
            let end = if end < 0 { end + len } else { end };
            if start > end || start >= len {
                0
            } else {
                z.remove_rank_range(start as usize, end.min(len - 1) as usize)
            }
        }
    };
    finish(ctx, key, removed, "zremrangebyrank");
    Ok(())
}

fn by_score(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    let range = bounds::score_range(args.get(2), args.get(3))?;
    let key = args.get(1);
    let removed = common::write(&mut ctx.keys, key)?.map_or(0, |z| z.remove_score_range(&range));
    finish(ctx, key, removed, "zremrangebyscore");
    Ok(())
}

fn by_lex(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    let range = bounds::lex_range(args.get(2), args.get(3))?;
    let key = args.get(1);
    let removed = common::write(&mut ctx.keys, key)?.map_or(0, |z| z.remove_lex_range(&range));
    finish(ctx, key, removed, "zremrangebylex");
    Ok(())
}

fn finish(ctx: &mut Ctx<'_>, key: &[u8], removed: usize, event: &'static str) {
    if removed > 0 {
        if common::drop_if_empty(&mut ctx.keys, key) {
            modified(&mut ctx.keys, key, &[event, "del"], removed as u64);
        } else {
            modified(&mut ctx.keys, key, &[event], removed as u64);
        }
    }
    ctx.out.int(removed as i64);
}
