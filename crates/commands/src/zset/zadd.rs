//! ZADD key [NX | XX] [GT | LT] [CH] [INCR] score member [score member ...]
//! ZINCRBY key increment member
//!
//! One implementation, as in Redis (zaddGenericCommand): ZINCRBY is ZADD with INCR, and it
//! even parses options the same way, so `ZINCRBY key nx member` is a syntax error. Every score
//! is parsed before the key is touched, so a bad one changes nothing.

use shoal_resp::Args;
use shoal_store::zset::{AddFlags, AddOutcome, ZSet};

use super::common::{self, limits, modified};
use crate::args::is_c;
use crate::ctx::Ctx;
use crate::errors::{CmdResult, Error};
use crate::spec::{Acl, Arg, ArgFlags, ArgKind, CommandSpec, Flags, Group, KeySpec, KsFlags};

pub static ZADD: CommandSpec = CommandSpec {
    name: "zadd",
    arity: -4,
    flags: Flags::WRITE.union(Flags::DENYOOM).union(Flags::FAST),
    acl: Acl::SORTEDSET,
    key_specs: &[KeySpec::single(1, KsFlags::RW.union(KsFlags::UPDATE))],
    group: Group::SortedSet,
    since: "1.2.0",
    summary: "Adds one or more members to a sorted set, or updates their scores. Creates the key if it doesn't exist.",
    complexity: "O(log(N)) for each item added, where N is the number of elements in the sorted set.",
    history: &[
        ("2.4.0", "Accepts multiple elements."),
        ("3.0.2", "Added the `XX`, `NX`, `CH` and `INCR` options."),
        ("6.2.0", "Added the `GT` and `LT` options."),
    ],
    args: &[
        Arg::new("key", ArgKind::Key),
        Arg {
            flags: ArgFlags::OPTIONAL,
            since: "3.0.2",
            children: &[
                Arg { token: "NX", ..Arg::new("nx", ArgKind::PureToken) },
                Arg { token: "XX", ..Arg::new("xx", ArgKind::PureToken) },
            ],
            ..Arg::new("condition", ArgKind::Oneof)
        },
        Arg {
            flags: ArgFlags::OPTIONAL,
            since: "6.2.0",
            children: &[
                Arg { token: "GT", ..Arg::new("gt", ArgKind::PureToken) },
                Arg { token: "LT", ..Arg::new("lt", ArgKind::PureToken) },
            ],
            ..Arg::new("comparison", ArgKind::Oneof)
        },
        Arg {
            token: "CH",
            flags: ArgFlags::OPTIONAL,
            since: "3.0.2",
            ..Arg::new("change", ArgKind::PureToken)
        },
        Arg {
            token: "INCR",
            flags: ArgFlags::OPTIONAL,
            since: "3.0.2",
            ..Arg::new("increment", ArgKind::PureToken)
        },
        Arg {
            flags: ArgFlags::MULTIPLE,
            children: &[
                Arg::new("score", ArgKind::Double),
                Arg::new("member", ArgKind::String),
            ],
            ..Arg::new("score_member", ArgKind::Block)
        },
    ],
    handler: zadd,
    ..CommandSpec::DEFAULT
};

pub static ZINCRBY: CommandSpec = CommandSpec {
    name: "zincrby",
    arity: 4,
    flags: Flags::WRITE.union(Flags::DENYOOM).union(Flags::FAST),
    acl: Acl::SORTEDSET,
    key_specs: &[KeySpec::single(
        1,
        KsFlags::RW.union(KsFlags::ACCESS).union(KsFlags::UPDATE),
    )],
    group: Group::SortedSet,
    since: "1.2.0",
    summary: "Increments the score of a member in a sorted set.",
    complexity: "O(log(N)) where N is the number of elements in the sorted set.",
    args: &[
        Arg::new("key", ArgKind::Key),
        Arg::new("increment", ArgKind::Integer),
        Arg::new("member", ArgKind::String),
    ],
    handler: zincrby,
    ..CommandSpec::DEFAULT
};

fn zadd(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    generic(ctx, args, false)
}

fn zincrby(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    generic(ctx, args, true)
}

fn generic(ctx: &mut Ctx<'_>, args: &Args<'_>, incr: bool) -> CmdResult {
    let key = args.get(1);
    let mut flags = AddFlags {
        incr,
        ..AddFlags::default()
    };
    let mut ch = false;
    let mut first = 2;
    while first < args.len() {
        // Redis compares with strcasecmp: the option ends at its first NUL byte.
        let opt = args.get(first);
        if is_c(opt, "NX") {
            flags.nx = true;
        } else if is_c(opt, "XX") {
            flags.xx = true;
        } else if is_c(opt, "CH") {
            ch = true;
        } else if is_c(opt, "INCR") {
            flags.incr = true;
        } else if is_c(opt, "GT") {
            flags.gt = true;
        } else if is_c(opt, "LT") {
            flags.lt = true;
        } else {
            break;
        }
        first += 1;
    }
    let rest = args.len() - first;
    if rest == 0 || !rest.is_multiple_of(2) {
        return Err(Error::Syntax);
    }
    let pairs = rest / 2;
    if flags.nx && flags.xx {
        return Err(Error::Static(
            "ERR XX and NX options at the same time are not compatible",
        ));
    }
    if (flags.nx && (flags.gt || flags.lt)) || (flags.gt && flags.lt) {
        return Err(Error::Static(
            "ERR GT, LT, and/or NX options at the same time are not compatible",
        ));
    }
    if flags.incr && pairs > 1 {
        return Err(Error::Static(
            "ERR INCR option supports a single increment-element pair",
        ));
    }
    let mut scores = smallvec::SmallVec::<[f64; 8]>::with_capacity(pairs);
    for i in 0..pairs {
        scores.push(crate::args::float(args.get(first + 2 * i))?);
    }
    insert(ctx, key, flags, ch, &scores, |i| {
        args.get(first + 2 * i + 1)
    })
}

/// Adds `scores[i]` for member `member(i)` to the sorted set at `key` (created unless XX) and
/// replies as ZADD does: the score with INCR, else the number added (or changed, with `ch`).
/// GEOADD comes here too, with geohash scores.
pub(crate) fn insert<'a>(
    ctx: &mut Ctx<'_>,
    key: &[u8],
    flags: AddFlags,
    ch: bool,
    scores: &[f64],
    member: impl Fn(usize) -> &'a [u8],
) -> CmdResult {
    let pairs = scores.len();
    let limits = limits(ctx);
    let (mut added, mut updated, mut processed) = (0u64, 0u64, 0u64);
    let mut last_score = 0.0;
    let mut apply = |z: &mut ZSet| -> Result<(), Error> {
        for (i, &score) in scores.iter().enumerate() {
            match z.add(member(i), score, flags, limits) {
                AddOutcome::Nan => {
                    return Err(Error::Static("ERR resulting score is not a number (NaN)"))
                }
                AddOutcome::Added(s) => {
                    added += 1;
                    processed += 1;
                    last_score = s;
                }
                AddOutcome::Updated(s) => {
                    updated += 1;
                    processed += 1;
                    last_score = s;
                }
                AddOutcome::Unchanged(s) => {
                    processed += 1;
                    last_score = s;
                }
                AddOutcome::Skipped => {}
            }
        }
        Ok(())
    };
    match common::write(&mut ctx.keys, key)? {
        Some(z) => {
            z.maybe_convert(pairs, limits);
            apply(z)?;
        }
        None if flags.xx => {}
        None => {
            let mut z = ZSet::new(pairs, member(0).len(), limits);
            apply(&mut z)?;
            common::store(&mut ctx.keys, key, z);
        }
    }
    if added + updated > 0 {
        let event = if flags.incr { "zincr" } else { "zadd" };
        modified(&mut ctx.keys, key, &[event], added + updated);
    }
    if flags.incr {
        if processed > 0 {
            ctx.out.double(last_score);
        } else {
            ctx.out.null();
        }
    } else {
        ctx.out
            .int((if ch { added + updated } else { added }) as i64);
    }
    Ok(())
}
