//! QUIT
//!
//! Replies OK, then closes the connection once the reply is written.

use shoal_resp::Args;

use crate::client::flag;
use crate::ctx::Ctx;
use crate::errors::CmdResult;
use crate::spec::{Acl, CommandSpec, Flags, Group};

pub static SPEC: CommandSpec = CommandSpec {
    name: "quit",
    arity: -1,
    flags: Flags::NOSCRIPT
        .union(Flags::LOADING)
        .union(Flags::STALE)
        .union(Flags::FAST)
        .union(Flags::NO_AUTH)
        .union(Flags::ALLOW_BUSY),
    acl: Acl::CONNECTION,
    group: Group::Connection,
    since: "1.0.0",
    summary: "Closes the connection.",
    complexity: "O(1)",
    handler: quit,
    ..CommandSpec::DEFAULT
};

fn quit(ctx: &mut Ctx<'_>, _args: &Args<'_>) -> CmdResult {
    ctx.out.ok();
    ctx.client.close_after_reply = true;
    ctx.client.handle.set_flag(flag::CLOSE_AFTER_REPLY, true);
    Ok(())
}
