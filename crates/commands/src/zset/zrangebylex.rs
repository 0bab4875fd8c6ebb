//! ZRANGEBYLEX key min max [LIMIT offset count]
//! ZREVRANGEBYLEX key max min [LIMIT offset count]
//!
//! The pre-6.2 forms of `ZRANGE ... BYLEX [REV]`. WITHSCORES is refused with its own error.

use shoal_resp::Args;

use super::range::{self, Dir, Kind};
use super::zrange::LIMIT;
use crate::ctx::Ctx;
use crate::errors::CmdResult;
use crate::spec::{Acl, Arg, ArgKind, CommandSpec, Flags, Group, KeySpec, KsFlags};

const KEY: &[KeySpec] = &[KeySpec::single(1, KsFlags::RO.union(KsFlags::ACCESS))];
const COMPLEXITY: &str = "O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements being returned. If M is constant (e.g. always asking for the first 10 elements with LIMIT), you can consider it O(log(N)).";

pub static ZRANGEBYLEX: CommandSpec = CommandSpec {
    name: "zrangebylex",
    arity: -4,
    flags: Flags::READONLY,
    acl: Acl::SORTEDSET,
    key_specs: KEY,
    group: Group::SortedSet,
    since: "2.8.9",
    summary: "Returns members in a sorted set within a lexicographical range.",
    complexity: COMPLEXITY,
    deprecated_since: "6.2.0",
    replaced_by: "`ZRANGE` with the `BYLEX` argument",
    args: &[
        Arg::new("key", ArgKind::Key),
        Arg::new("min", ArgKind::String),
        Arg::new("max", ArgKind::String),
        LIMIT,
    ],
    handler: zrangebylex,
    ..CommandSpec::DEFAULT
};

pub static ZREVRANGEBYLEX: CommandSpec = CommandSpec {
    name: "zrevrangebylex",
    arity: -4,
    flags: Flags::READONLY,
    acl: Acl::SORTEDSET,
    key_specs: KEY,
    group: Group::SortedSet,
    since: "2.8.9",
    summary: "Returns members in a sorted set within a lexicographical range in reverse order.",
    complexity: COMPLEXITY,
    deprecated_since: "6.2.0",
    replaced_by: "`ZRANGE` with the `REV` and `BYLEX` arguments",
    args: &[
        Arg::new("key", ArgKind::Key),
        Arg::new("max", ArgKind::String),
        Arg::new("min", ArgKind::String),
        LIMIT,
    ],
    handler: zrevrangebylex,
    ..CommandSpec::DEFAULT
};

fn zrangebylex(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    range::run(ctx, args, 1, None, Kind::Lex, Dir::Forward)
}

fn zrevrangebylex(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    range::run(ctx, args, 1, None, Kind::Lex, Dir::Reverse)
}
