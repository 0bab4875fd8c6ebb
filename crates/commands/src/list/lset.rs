//! LSET key index element
//!
//! Replaces the element at index; "no such key" for a missing key, "index out of range" when
//! the index misses.

use shoal_resp::Args;

use super::{fill, list_mut, touched, KEY_ARG};
use crate::args::int;
use crate::ctx::Ctx;
use crate::errors::{CmdResult, Error};
use crate::spec::{Acl, Arg, ArgKind, CommandSpec, Flags, Group, KeySpec, KsFlags};

pub static SPEC: CommandSpec = CommandSpec {
    name: "lset",
    arity: 4,
    flags: Flags::WRITE.union(Flags::DENYOOM),
    acl: Acl::LIST,
    key_specs: &[KeySpec::single(1, KsFlags::RW.union(KsFlags::UPDATE))],
    group: Group::List,
    since: "1.0.0",
    summary: "Sets the value of an element in a list by its index.",
    complexity: "O(N) where N is the length of the list. Setting either the first or the last element of the list is O(1).",
    args: &[
        KEY_ARG,
        Arg::new("index", ArgKind::Integer),
        Arg::new("element", ArgKind::String),
    ],
    handler: lset,
    ..CommandSpec::DEFAULT
};

fn lset(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    let key = args.get(1);
    let fill = fill(ctx);
    let list = list_mut(&mut ctx.keys, key)?.ok_or(Error::NoSuchKey)?;
    let index = int(args.get(2))?;
    if !list.set(index, args.get(3), fill) {
        return Err(Error::Static("ERR index out of range"));
    }
    touched(&mut ctx.keys, "lset", key, 1);
    ctx.out.ok();
    Ok(())
}
