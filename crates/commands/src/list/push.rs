//! LPUSH key element [element ...] / RPUSH key element [element ...]
//! LPUSHX key element [element ...] / RPUSHX key element [element ...]
//!
//! Adds the elements one by one at the head (so LPUSH reverses them) or tail, creating the list
//! unless it is an X variant; replies with the new length.

use shoal_resp::Args;
use shoal_store::list::{End, List};

use super::{fill, list_mut, push_event, store_new, touched, KEY_ARG};
use crate::ctx::Ctx;
use crate::errors::CmdResult;
use crate::spec::{Acl, Arg, ArgFlags, ArgKind, CommandSpec, Flags, Group, KeySpec, KsFlags};

const ARGS: &[Arg] = &[
    KEY_ARG,
    Arg {
        flags: ArgFlags::MULTIPLE,
        ..Arg::new("element", ArgKind::String)
    },
];

const MULTIPLE: &str = "Accepts multiple `element` arguments.";

const KEY_SPECS: &[KeySpec] = &[KeySpec::single(1, KsFlags::RW.union(KsFlags::INSERT))];

const fn spec(
    name: &'static str,
    since: &'static str,
    summary: &'static str,
    history: &'static [(&'static str, &'static str)],
    handler: crate::spec::Handler,
) -> CommandSpec {
    CommandSpec {
        name,
        arity: -3,
        flags: Flags::WRITE.union(Flags::DENYOOM).union(Flags::FAST),
        acl: Acl::LIST,
        key_specs: KEY_SPECS,
        group: Group::List,
        since,
        summary,
        complexity: "O(1) for each element added, so O(N) to add N elements when the command is called with multiple arguments.",
        args: ARGS,
        history,
        handler,
        ..CommandSpec::DEFAULT
    }
}

pub static LPUSH: CommandSpec = spec(
    "lpush",
    "1.0.0",
    "Prepends one or more elements to a list. Creates the key if it doesn't exist.",
    &[("2.4.0", MULTIPLE)],
    lpush,
);
pub static RPUSH: CommandSpec = spec(
    "rpush",
    "1.0.0",
    "Appends one or more elements to a list. Creates the key if it doesn't exist.",
    &[("2.4.0", MULTIPLE)],
    rpush,
);
pub static LPUSHX: CommandSpec = spec(
    "lpushx",
    "2.2.0",
    "Prepends one or more elements to a list only when the list exists.",
    &[("4.0.0", MULTIPLE)],
    lpushx,
);
pub static RPUSHX: CommandSpec = spec(
    "rpushx",
    "2.2.0",
    "Appends an element to a list only when the list exists.",
    &[("4.0.0", MULTIPLE)],
    rpushx,
);

fn lpush(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    push(ctx, args, End::Head, false)
}

fn rpush(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    push(ctx, args, End::Tail, false)
}

fn lpushx(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    push(ctx, args, End::Head, true)
}

fn rpushx(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    push(ctx, args, End::Tail, true)
}

fn push(ctx: &mut Ctx<'_>, args: &Args<'_>, end: End, only_existing: bool) -> CmdResult {
    let key = args.get(1);
    let elems: smallvec::SmallVec<[&[u8]; 8]> = args.iter().skip(2).collect();
    let fill = fill(ctx);
    let len = match list_mut(&mut ctx.keys, key)? {
        Some(list) => {
            list.push_all(end, &elems, fill);
            list.len()
        }
        None if only_existing => {
            ctx.out.int(0);
            return Ok(());
        }
        None => {
            let mut list = List::new();
            list.push_all(end, &elems, fill);
            let len = list.len();
            store_new(&mut ctx.keys, key, list);
            len
        }
    };
    touched(&mut ctx.keys, push_event(end), key, elems.len() as u64);
    ctx.out.int(len as i64);
    Ok(())
}
