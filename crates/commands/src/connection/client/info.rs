//! CLIENT INFO
//!
//! The calling connection's CLIENT LIST line, newline-terminated, as verbatim text.

use shoal_resp::Args;

use super::describe::{describe, Caller};
use crate::ctx::Ctx;
use crate::errors::CmdResult;
use crate::spec::{Acl, CommandSpec, Flags, Group};

pub const SPEC: CommandSpec = CommandSpec {
    name: "info",
    arity: 2,
    flags: Flags::NOSCRIPT.union(Flags::LOADING).union(Flags::STALE),
    acl: Acl::CONNECTION,
    tips: &["nondeterministic_output"],
    group: Group::Connection,
    since: "6.2.0",
    summary: "Returns information about the connection.",
    complexity: "O(1)",
    handler: info,
    ..CommandSpec::DEFAULT
};

fn info(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    let caller = Caller {
        id: ctx.client.id,
        args,
    };
    let mut text = Vec::with_capacity(320);
    describe(&mut text, &ctx.client.handle, ctx.keys.now, &caller);
    text.push(b'\n');
    ctx.out.verbatim(b"txt", &text);
    Ok(())
}
