//! ZRANK key member [WITHSCORE]
//! ZREVRANK key member [WITHSCORE]
//!
//! The 0-based position of a member, counted from the lowest score (ZRANK) or the highest
//! (ZREVRANK); with WITHSCORE also its score. Nil (a null array with WITHSCORE) when the key
//! or the member is missing.

use shoal_resp::Args;

use super::common;
use crate::args::is_c;
use crate::ctx::Ctx;
use crate::errors::{CmdResult, Error};
use crate::spec::{Acl, Arg, ArgFlags, ArgKind, CommandSpec, Flags, Group, KeySpec, KsFlags};

const KEY: &[KeySpec] = &[KeySpec::single(1, KsFlags::RO.union(KsFlags::ACCESS))];
const ARGS: &[Arg] = &[
    Arg::new("key", ArgKind::Key),
    Arg::new("member", ArgKind::String),
    Arg {
        token: "WITHSCORE",
        flags: ArgFlags::OPTIONAL,
        ..Arg::new("withscore", ArgKind::PureToken)
    },
];
const HISTORY: &[(&str, &str)] = &[("7.2.0", "Added the optional `WITHSCORE` argument.")];

pub static ZRANK: CommandSpec = CommandSpec {
    name: "zrank",
    arity: -3,
    flags: Flags::READONLY.union(Flags::FAST),
    acl: Acl::SORTEDSET,
    key_specs: KEY,
    group: Group::SortedSet,
    since: "2.0.0",
    summary: "Returns the index of a member in a sorted set ordered by ascending scores.",
    complexity: "O(log(N))",
    history: HISTORY,
    args: ARGS,
    handler: zrank,
    ..CommandSpec::DEFAULT
};

pub static ZREVRANK: CommandSpec = CommandSpec {
    name: "zrevrank",
    arity: -3,
    flags: Flags::READONLY.union(Flags::FAST),
    acl: Acl::SORTEDSET,
    key_specs: KEY,
    group: Group::SortedSet,
    since: "2.0.0",
    summary: "Returns the index of a member in a sorted set ordered by descending scores.",
    complexity: "O(log(N))",
    history: HISTORY,
    args: ARGS,
    handler: zrevrank,
    ..CommandSpec::DEFAULT
};

fn zrank(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    generic(ctx, args, false)
}

fn zrevrank(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    generic(ctx, args, true)
}

fn generic(ctx: &mut Ctx<'_>, args: &Args<'_>, rev: bool) -> CmdResult {
    if args.len() > 4 {
        return Err(Error::arity(if rev { "zrevrank" } else { "zrank" }));
    }
    let withscore = args.len() == 4;
    if withscore && !is_c(args.get(3), "WITHSCORE") {
        return Err(Error::Syntax);
    }
    let found = common::read(&mut ctx.keys, args.get(1))?.and_then(|z| z.rank(args.get(2), rev));
    match found {
        Some((rank, score)) => {
            if withscore {
                ctx.out.array(2);
            }
            ctx.out.int(rank as i64);
            if withscore {
                ctx.out.double(score);
            }
        }
        None if withscore => ctx.out.null_array(),
        None => ctx.out.null(),
    }
    Ok(())
}
