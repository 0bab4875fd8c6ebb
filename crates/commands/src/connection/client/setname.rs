//! CLIENT SETNAME connection-name
//!
//! Names the connection; an empty name removes it. Names must be printable ASCII without
//! spaces so that CLIENT LIST stays splittable on spaces.

use shoal_resp::Args;

use crate::ctx::Ctx;
use crate::errors::{CmdResult, Error};
use crate::spec::{Acl, Arg, ArgKind, CommandSpec, Flags, Group};

pub const SPEC: CommandSpec = CommandSpec {
    name: "setname",
    arity: 3,
    flags: Flags::NOSCRIPT.union(Flags::LOADING).union(Flags::STALE),
    acl: Acl::CONNECTION,
    group: Group::Connection,
    since: "2.6.9",
    summary: "Sets the connection name.",
    complexity: "O(1)",
    args: &[Arg::new("connection-name", ArgKind::String)],
    handler: setname,
    ..CommandSpec::DEFAULT
};

fn setname(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    let name = args.get(2);
    validate_name(name)?;
    set_name(ctx, name);
    ctx.out.ok();
    Ok(())
}

/// Every byte in '!'..='~' (Redis compares signed chars, so bytes >= 0x80 are refused too).
pub(crate) fn validate_name(name: &[u8]) -> CmdResult {
    if name.iter().all(|b| (b'!'..=b'~').contains(b)) {
        Ok(())
    } else {
        Err(Error::Static(
            "ERR Client names cannot contain spaces, newlines or special characters.",
        ))
    }
}

/// Stores an already validated name; empty clears it.
pub(crate) fn set_name(ctx: &mut Ctx<'_>, name: &[u8]) {
    let mut names = ctx.client.handle.names.lock();
    names.name.clear();
    names.name.extend_from_slice(name);
}
