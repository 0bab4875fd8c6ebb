//! BZPOPMIN key [key ...] timeout / BZPOPMAX key [key ...] timeout
//! BZMPOP timeout numkeys key [key ...] <MIN | MAX> [COUNT count]
//!
//! The blocking forms of ZPOPMIN/ZPOPMAX and ZMPOP: when no key holds a sorted set, the client
//! blocks (see `crate::blocking`) until a write creates one, its timeout (fractional seconds, 0
//! for ever) or CLIENT UNBLOCK; a timeout answers a null array. Inside a transaction they never
//! block and answer as the timeout would. BZPOPMIN/BZPOPMAX reply [key, member, score] (the
//! score a bulk string in RESP2, a double in RESP3); BZMPOP replies as ZMPOP does. A woken
//! client runs the same handler again once one of its keys holds a sorted set, then like a
//! first call, as Redis 7.2 re-executes it (see `crate::blocking::stay_parked`).

use shoal_resp::{Args, ReplyBuf};

use super::common;
use super::pop::{pop_reply, End, Shape};
use super::zmpop;
use crate::blocking::{block_on, my_turn, parse_timeout, stay_parked};
use crate::ctx::Ctx;
use crate::errors::CmdResult;
use crate::spec::{
    Acl, Arg, ArgFlags, ArgKind, BeginSearch, CommandSpec, FindKeys, Flags, Group, KeySpec, KsFlags,
};

const POP_FLAGS: KsFlags = KsFlags::RW.union(KsFlags::ACCESS).union(KsFlags::DELETE);

const BZPOP_ARGS: &[Arg] = &[
    Arg {
        flags: ArgFlags::MULTIPLE,
        ..Arg::new("key", ArgKind::Key)
    },
    Arg::new("timeout", ArgKind::Double),
];

const fn bzpop_spec(
    name: &'static str,
    summary: &'static str,
    handler: crate::spec::Handler,
) -> CommandSpec {
    CommandSpec {
        name,
        arity: -3,
        flags: Flags::WRITE
            .union(Flags::NOSCRIPT)
            .union(Flags::FAST)
            .union(Flags::BLOCKING),
        acl: Acl::SORTEDSET,
        key_specs: &[KeySpec {
            notes: "",
            flags: POP_FLAGS,
            begin: BeginSearch::Index(1),
            find: FindKeys::Range {
                lastkey: -2,
                keystep: 1,
                limit: 0,
            },
        }],
        group: Group::SortedSet,
        since: "5.0.0",
        summary,
        complexity: "O(log(N)) with N being the number of elements in the sorted set.",
        args: BZPOP_ARGS,
        history: &[(
            "6.0.0",
            "`timeout` is interpreted as a double instead of an integer.",
        )],
        handler,
        ..CommandSpec::DEFAULT
    }
}

pub static BZPOPMIN: CommandSpec = bzpop_spec(
    "bzpopmin",
    "Removes and returns the member with the lowest score from one or more sorted sets. Blocks until a member is available otherwise. Deletes the sorted set if the last element was popped.",
    bzpopmin,
);

// Redis 7.2's summary text, its missing "is" and double space included.
pub static BZPOPMAX: CommandSpec = bzpop_spec(
    "bzpopmax",
    "Removes and returns the member with the highest score from one or more sorted sets. Blocks until a member available otherwise.  Deletes the sorted set if the last element was popped.",
    bzpopmax,
);

pub static BZMPOP: CommandSpec = CommandSpec {
    name: "bzmpop",
    arity: -5,
    flags: Flags::WRITE.union(Flags::BLOCKING),
    acl: Acl::SORTEDSET,
    key_specs: &[KeySpec {
        notes: "",
        flags: POP_FLAGS,
        begin: BeginSearch::Index(2),
        find: FindKeys::Keynum {
            keynumidx: 0,
            firstkey: 1,
            keystep: 1,
        },
    }],
    group: Group::SortedSet,
    since: "7.0.0",
    summary: "Removes and returns a member by score from one or more sorted sets. Blocks until a member is available otherwise. Deletes the sorted set if the last element was popped.",
    complexity: "O(K) + O(M*log(N)) where K is the number of provided keys, N being the number of elements in the sorted set, and M being the number of elements popped.",
    args: &[
        Arg::new("timeout", ArgKind::Double),
        Arg::new("numkeys", ArgKind::Integer),
        Arg {
            flags: ArgFlags::MULTIPLE,
            ..Arg::new("key", ArgKind::Key)
        },
        Arg {
            children: &[
                Arg { token: "MIN", ..Arg::new("min", ArgKind::PureToken) },
                Arg { token: "MAX", ..Arg::new("max", ArgKind::PureToken) },
            ],
            ..Arg::new("where", ArgKind::Oneof)
        },
        Arg {
            token: "COUNT",
            flags: ArgFlags::OPTIONAL,
            ..Arg::new("count", ArgKind::Integer)
        },
    ],
    handler: bzmpop,
    ..CommandSpec::DEFAULT
};

fn bzpopmin(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    bzpop(ctx, args, End::Min)
}

fn bzpopmax(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    bzpop(ctx, args, End::Max)
}

fn bzpop(ctx: &mut Ctx<'_>, args: &Args<'_>, end: End) -> CmdResult {
    let deadline = parse_timeout(args.get(args.len() - 1), ctx.keys.now)?;
    let keys: Vec<&[u8]> = (1..args.len() - 1).map(|i| args.get(i)).collect();
    serve_or_block(ctx, &keys, end, 1, Shape::KeyFlat, deadline)
}

fn bzmpop(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    // Redis checks numkeys, MIN/MAX and COUNT before the timeout.
    let p = zmpop::parse(args, 2)?;
    let deadline = parse_timeout(args.get(1), ctx.keys.now)?;
    let keys: Vec<&[u8]> = p.keys.map(|i| args.get(i)).collect();
    serve_or_block(ctx, &keys, p.end, p.count, Shape::KeyNested, deadline)
}

/// Pops from the first key holding a sorted set (on a re-run: the first whose queue this client
/// heads), or blocks on all of `keys`.
fn serve_or_block(
    ctx: &mut Ctx<'_>,
    keys: &[&[u8]],
    end: End,
    count: usize,
    shape: Shape,
    deadline: Option<u64>,
) -> CmdResult {
    if !stay_parked(ctx, keys, "zset") {
        for &key in keys {
            if my_turn(ctx, key) && common::write(&mut ctx.keys, key)?.is_some() {
                pop_reply(ctx, &[key], end, count, shape, true)?;
                return Ok(());
            }
        }
    }
    let owned = keys.iter().map(|k| k.to_vec()).collect();
    block_on(ctx, owned, deadline, ReplyBuf::null_array);
    Ok(())
}
