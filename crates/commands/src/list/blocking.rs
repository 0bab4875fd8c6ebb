//! BLPOP key [key ...] timeout / BRPOP key [key ...] timeout
//! BLMOVE source destination <LEFT | RIGHT> <LEFT | RIGHT> timeout
//! BRPOPLPUSH source destination timeout
//! BLMPOP timeout numkeys key [key ...] <LEFT | RIGHT> [COUNT count]
//!
//! The blocking forms of LPOP/RPOP, LMOVE, RPOPLPUSH and LMPOP: when no key holds a list, the
//! client blocks (see `crate::blocking`) until a push, its timeout (fractional seconds, 0 for
//! ever) or CLIENT UNBLOCK. On timeout the reply is a null array. Inside a transaction they
//! never block and answer as the timeout would (BLMOVE/BRPOPLPUSH: a null bulk). A woken client
//! runs the same handler again; see `crate::blocking::stay_parked` for how that matches Redis
//! 7.2's re-execution of a woken command (WRONGTYPE included).

use shoal_resp::{Args, ReplyBuf};
use shoal_store::list::End;

use super::{end_arg, lmpop, ops, optional, parse_end};
use crate::blocking::{block_on, my_turn, parse_timeout, stay_parked};
use crate::ctx::Ctx;
use crate::errors::CmdResult;
use crate::spec::{
    Acl, Arg, ArgFlags, ArgKind, BeginSearch, CommandSpec, FindKeys, Flags, Group, KeySpec, KsFlags,
};

const POP_FLAGS: KsFlags = KsFlags::RW.union(KsFlags::ACCESS).union(KsFlags::DELETE);
const TIMEOUT_HISTORY: &[(&str, &str)] = &[(
    "6.0.0",
    "`timeout` is interpreted as a double instead of an integer.",
)];

const BPOP_ARGS: &[Arg] = &[
    Arg {
        flags: ArgFlags::MULTIPLE,
        ..Arg::new("key", ArgKind::Key)
    },
    Arg::new("timeout", ArgKind::Double),
];
const BPOP_KEY_SPECS: &[KeySpec] = &[KeySpec {
    notes: "",
    flags: POP_FLAGS,
    begin: BeginSearch::Index(1),
    find: FindKeys::Range {
        lastkey: -2,
        keystep: 1,
        limit: 0,
    },
}];

const fn bpop(
    name: &'static str,
    summary: &'static str,
    handler: crate::spec::Handler,
) -> CommandSpec {
    CommandSpec {
        name,
        arity: -3,
        flags: Flags::WRITE.union(Flags::NOSCRIPT).union(Flags::BLOCKING),
        acl: Acl::LIST,
        key_specs: BPOP_KEY_SPECS,
        group: Group::List,
        since: "2.0.0",
        summary,
        complexity: "O(N) where N is the number of provided keys.",
        args: BPOP_ARGS,
        history: TIMEOUT_HISTORY,
        handler,
        ..CommandSpec::DEFAULT
    }
}

pub static BLPOP: CommandSpec = bpop(
    "blpop",
    "Removes and returns the first element in a list. Blocks until an element is available otherwise. Deletes the list if the last element was popped.",
    blpop,
);
pub static BRPOP: CommandSpec = bpop(
    "brpop",
    "Removes and returns the last element in a list. Blocks until an element is available otherwise. Deletes the list if the last element was popped.",
    brpop,
);

const MOVE_KEY_SPECS: &[KeySpec] = &[
    KeySpec::single(1, POP_FLAGS),
    KeySpec::single(2, KsFlags::RW.union(KsFlags::INSERT)),
];
const MOVE_FLAGS: Flags = Flags::WRITE
    .union(Flags::DENYOOM)
    .union(Flags::NOSCRIPT)
    .union(Flags::BLOCKING);

pub static BLMOVE: CommandSpec = CommandSpec {
    name: "blmove",
    arity: 6,
    flags: MOVE_FLAGS,
    acl: Acl::LIST,
    key_specs: MOVE_KEY_SPECS,
    group: Group::List,
    since: "6.2.0",
    summary: "Pops an element from a list, pushes it to another list and returns it. Blocks until an element is available otherwise. Deletes the list if the last element was moved.",
    complexity: "O(1)",
    args: &[
        Arg::new("source", ArgKind::Key),
        Arg::new("destination", ArgKind::Key),
        end_arg("wherefrom"),
        end_arg("whereto"),
        Arg::new("timeout", ArgKind::Double),
    ],
    handler: blmove,
    ..CommandSpec::DEFAULT
};

pub static BRPOPLPUSH: CommandSpec = CommandSpec {
    name: "brpoplpush",
    arity: 4,
    flags: MOVE_FLAGS,
    acl: Acl::LIST,
    key_specs: MOVE_KEY_SPECS,
    group: Group::List,
    since: "2.2.0",
    summary: "Pops an element from a list, pushes it to another list and returns it. Block until an element is available otherwise. Deletes the list if the last element was popped.",
    complexity: "O(1)",
    args: &[
        Arg::new("source", ArgKind::Key),
        Arg::new("destination", ArgKind::Key),
        Arg::new("timeout", ArgKind::Double),
    ],
    history: TIMEOUT_HISTORY,
    doc_flags: &["deprecated"],
    deprecated_since: "6.2.0",
    replaced_by: "`BLMOVE` with the `RIGHT` and `LEFT` arguments",
    handler: brpoplpush,
    ..CommandSpec::DEFAULT
};

pub static BLMPOP: CommandSpec = CommandSpec {
    name: "blmpop",
    arity: -5,
    flags: Flags::WRITE.union(Flags::BLOCKING),
    acl: Acl::LIST,
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
    group: Group::List,
    since: "7.0.0",
    summary: "Pops the first element from one of multiple lists. Blocks until an element is available otherwise. Deletes the list if the last element was popped.",
    complexity: "O(N+M) where N is the number of provided keys and M is the number of elements returned.",
    args: &[
        Arg::new("timeout", ArgKind::Double),
        Arg::new("numkeys", ArgKind::Integer),
        Arg {
            flags: ArgFlags::MULTIPLE,
            ..Arg::new("key", ArgKind::Key)
        },
        end_arg("where"),
        optional(Arg {
            token: "COUNT",
            ..Arg::new("count", ArgKind::Integer)
        }),
    ],
    handler: blmpop,
    ..CommandSpec::DEFAULT
};

fn blpop(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    bpop_run(ctx, args, End::Head)
}

fn brpop(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    bpop_run(ctx, args, End::Tail)
}

fn bpop_run(ctx: &mut Ctx<'_>, args: &Args<'_>, end: End) -> CmdResult {
    let deadline = parse_timeout(args.get(args.len() - 1), ctx.keys.now)?;
    let keys = 1..args.len() - 1;
    let names: smallvec::SmallVec<[&[u8]; 8]> = keys.clone().map(|i| args.get(i)).collect();
    if !stay_parked(ctx, &names, "list") {
        for &key in &names {
            if !my_turn(ctx, key) {
                continue;
            }
            if let Some(v) = ops::pop_one(ctx, key, end)? {
                ctx.out.array(2);
                ctx.out.bulk(key);
                ctx.out.bulk(&v);
                return Ok(());
            }
        }
    }
    block_on(ctx, owned(args, keys), deadline, ReplyBuf::null_array);
    Ok(())
}

fn owned(args: &Args<'_>, range: std::ops::Range<usize>) -> Vec<Vec<u8>> {
    range.map(|i| args.get(i).to_vec()).collect()
}

fn blmove(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    let from = parse_end(args.get(3))?;
    let to = parse_end(args.get(4))?;
    move_run(ctx, args, from, to, 5)
}

fn brpoplpush(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    move_run(ctx, args, End::Tail, End::Head, 3)
}

fn move_run(ctx: &mut Ctx<'_>, args: &Args<'_>, from: End, to: End, t: usize) -> CmdResult {
    let deadline = parse_timeout(args.get(t), ctx.keys.now)?;
    let src = args.get(1);
    if !stay_parked(ctx, &[src], "list")
        && my_turn(ctx, src)
        && super::list_mut(&mut ctx.keys, src)?.is_some()
    {
        if let Some(v) = ops::move_one(ctx, src, args.get(2), from, to)? {
            ctx.out.bulk(&v);
            return Ok(());
        }
    }
    block_on(ctx, owned(args, 1..2), deadline, ReplyBuf::null);
    Ok(())
}

fn blmpop(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    let crate::args::Mpop {
        keys: range,
        end,
        count,
    } = lmpop::parse(args, 2)?;
    let deadline = parse_timeout(args.get(1), ctx.keys.now)?;
    let keys: smallvec::SmallVec<[&[u8]; 8]> = range.clone().map(|i| args.get(i)).collect();
    // Key by key: a re-run passes over keys whose queue another waiter heads (`my_turn` is
    // always true on a first call).
    let mut served = false;
    if !stay_parked(ctx, &keys, "list") {
        for &key in &keys {
            if my_turn(ctx, key) && ops::pop_first_nonempty(ctx, &[key], end, count)? {
                served = true;
                break;
            }
        }
    }
    if !served {
        block_on(ctx, owned(args, range), deadline, ReplyBuf::null_array);
    }
    Ok(())
}
