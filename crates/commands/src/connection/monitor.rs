//! MONITOR
//!
//! Turns the connection into a monitor: from now on it receives every command the server runs
//! (see `crate::monitor::feed` for the line format). A second MONITOR gets no reply at all.

use std::sync::atomic::Ordering::Relaxed;
use std::sync::Arc;

use shoal_resp::Args;

use crate::client::{flag, ClientHandle};
use crate::ctx::Ctx;
use crate::errors::CmdResult;
use crate::spec::{Acl, CommandSpec, Flags, Group};
use crate::state::Server;

pub static SPEC: CommandSpec = CommandSpec {
    name: "monitor",
    arity: 1,
    flags: Flags::ADMIN
        .union(Flags::NOSCRIPT)
        .union(Flags::LOADING)
        .union(Flags::STALE),
    acl: Acl::empty(),
    group: Group::Server,
    since: "1.0.0",
    summary: "Listens for all requests received by the server in real-time.",
    handler: monitor,
    ..CommandSpec::DEFAULT
};

fn monitor(ctx: &mut Ctx<'_>, _args: &Args<'_>) -> CmdResult {
    let handle = &ctx.client.handle;
    if handle.has_flag(flag::MONITOR) {
        return Ok(());
    }
    handle.set_flag(flag::MONITOR, true);
    let mut monitors = ctx.server.monitors.lock();
    monitors.push(handle.clone());
    ctx.server.monitor_count.store(monitors.len(), Relaxed);
    drop(monitors);
    ctx.out.ok();
    Ok(())
}

/// Takes `handle` out of MONITOR mode (RESET); a no-op for other clients.
pub(crate) fn stop_monitoring(server: &Server, handle: &Arc<ClientHandle>) {
    if !handle.has_flag(flag::MONITOR) {
        return;
    }
    handle.set_flag(flag::MONITOR, false);
    let mut monitors = server.monitors.lock();
    monitors.retain(|m| m.id != handle.id);
    server.monitor_count.store(monitors.len(), Relaxed);
}
