//! LMOVE source destination <LEFT | RIGHT> <LEFT | RIGHT>
//! RPOPLPUSH source destination
//!
//! Pops an element from one end of source, pushes it at one end of destination (created when
//! missing) and replies with it; nil when source is missing. RPOPLPUSH is LMOVE RIGHT LEFT.
//! Both keys are in the key specs, so dispatch holds both slots.

use shoal_resp::Args;
use shoal_store::list::End;

use super::{end_arg, ops, parse_end};
use crate::ctx::Ctx;
use crate::errors::CmdResult;
use crate::spec::{Acl, Arg, ArgKind, CommandSpec, Flags, Group, KeySpec, KsFlags};

const KEY_SPECS: &[KeySpec] = &[
    KeySpec::single(1, KsFlags::RW.union(KsFlags::ACCESS).union(KsFlags::DELETE)),
    KeySpec::single(2, KsFlags::RW.union(KsFlags::INSERT)),
];

pub static LMOVE: CommandSpec = CommandSpec {
    name: "lmove",
    arity: 5,
    flags: Flags::WRITE.union(Flags::DENYOOM),
    acl: Acl::LIST,
    key_specs: KEY_SPECS,
    group: Group::List,
    since: "6.2.0",
    summary: "Returns an element after popping it from one list and pushing it to another. Deletes the list if the last element was moved.",
    complexity: "O(1)",
    args: &[
        Arg::new("source", ArgKind::Key),
        Arg::new("destination", ArgKind::Key),
        end_arg("wherefrom"),
        end_arg("whereto"),
    ],
    handler: lmove,
    ..CommandSpec::DEFAULT
};

pub static RPOPLPUSH: CommandSpec = CommandSpec {
    name: "rpoplpush",
    arity: 3,
    flags: Flags::WRITE.union(Flags::DENYOOM),
    acl: Acl::LIST,
    key_specs: KEY_SPECS,
    group: Group::List,
    since: "1.2.0",
    summary: "Returns the last element of a list after removing and pushing it to another list. Deletes the list if the last element was popped.",
    complexity: "O(1)",
    args: &[
        Arg::new("source", ArgKind::Key),
        Arg::new("destination", ArgKind::Key),
    ],
    doc_flags: &["deprecated"],
    deprecated_since: "6.2.0",
    replaced_by: "`LMOVE` with the `RIGHT` and `LEFT` arguments",
    handler: rpoplpush,
    ..CommandSpec::DEFAULT
};

fn lmove(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    let from = parse_end(args.get(3))?;
    let to = parse_end(args.get(4))?;
    run(ctx, args, from, to)
}

fn rpoplpush(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    run(ctx, args, End::Tail, End::Head)
}

fn run(ctx: &mut Ctx<'_>, args: &Args<'_>, from: End, to: End) -> CmdResult {
    match ops::move_one(ctx, args.get(1), args.get(2), from, to)? {
        Some(v) => ctx.out.bulk(&v),
        None => ctx.out.null(),
    }
    Ok(())
}
