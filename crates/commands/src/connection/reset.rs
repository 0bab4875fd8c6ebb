//! RESET
//!
//! Returns the connection to its state right after connecting (Redis's
//! clearClientConnectionState): database 0, RESP2, replies on, no name, NO-EVICT and NO-TOUCH
//! off, out of MONITOR mode, and unauthenticated again when a password is required. The
//! library name and version stay: they still describe the client behind the connection.

use std::sync::atomic::Ordering::Relaxed;

use shoal_resp::{Args, Proto};

use super::auth::password_required;
use super::monitor::stop_monitoring;
use crate::client::flag;
use crate::ctx::Ctx;
use crate::errors::CmdResult;
use crate::spec::{Acl, CommandSpec, Flags, Group};

pub static SPEC: CommandSpec = CommandSpec {
    name: "reset",
    arity: 1,
    flags: Flags::NOSCRIPT
        .union(Flags::LOADING)
        .union(Flags::STALE)
        .union(Flags::FAST)
        .union(Flags::NO_AUTH)
        .union(Flags::ALLOW_BUSY),
    acl: Acl::CONNECTION,
    group: Group::Connection,
    since: "6.2.0",
    summary: "Resets the connection.",
    complexity: "O(1)",
    handler: reset,
    ..CommandSpec::DEFAULT
};

fn reset(ctx: &mut Ctx<'_>, _args: &Args<'_>) -> CmdResult {
    stop_monitoring(ctx.server, &ctx.client.handle);
    ctx.client.multi = None;
    crate::transactions::unwatch_all(&mut ctx.keys, ctx.client);
    ctx.client.select(0);
    ctx.out.proto = Proto::Resp2;
    ctx.client.handle.resp.store(2, Relaxed);
    ctx.client.authenticated = !password_required(ctx);
    ctx.client.handle.names.lock().name.clear();
    // The running command's own skip (CLIENT REPLY SKIP before RESET) is kept, as in Redis.
    ctx.client.reply_off = false;
    ctx.client.skip_next_reply = false;
    ctx.client.no_touch = false;
    ctx.keys.no_touch = false;
    ctx.client
        .handle
        .set_flag(flag::NO_TOUCH | flag::NO_EVICT, false);
    ctx.out.simple(b"RESET");
    Ok(())
}
