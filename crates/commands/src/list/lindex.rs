//! LINDEX key index
//!
//! The element at index (negative counts from the tail), or nil when out of range.

use shoal_resp::Args;

use super::{list_ref, reply_elem, KEY_ARG};
use crate::args::int;
use crate::ctx::Ctx;
use crate::errors::CmdResult;
use crate::spec::{Acl, Arg, ArgKind, CommandSpec, Flags, Group, KeySpec, KsFlags};

pub static SPEC: CommandSpec = CommandSpec {
    name: "lindex",
    arity: 3,
    flags: Flags::READONLY,
    acl: Acl::LIST,
    key_specs: &[KeySpec::single(1, KsFlags::RO.union(KsFlags::ACCESS))],
    group: Group::List,
    since: "1.0.0",
    summary: "Returns an element from a list by its index.",
    complexity: "O(N) where N is the number of elements to traverse to get to the element at index. This makes asking for the first or the last element of the list O(1).",
    args: &[KEY_ARG, Arg::new("index", ArgKind::Integer)],
    handler: lindex,
    ..CommandSpec::DEFAULT
};

fn lindex(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    let Ctx { keys, out, .. } = ctx;
    // A missing key answers nil before the index is even parsed.
    let Some(list) = list_ref(keys, args.get(1))? else {
        out.null();
        return Ok(());
    };
    match list.get(int(args.get(2))?) {
        Some(e) => reply_elem(out, e),
        None => out.null(),
    }
    Ok(())
}
