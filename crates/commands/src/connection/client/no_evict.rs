//! CLIENT NO-EVICT <ON | OFF>
//!
//! Exempts the connection from client eviction (maxmemory-clients); shown as flag `e`.

use shoal_resp::Args;

use super::on_off;
use crate::client::flag;
use crate::ctx::Ctx;
use crate::errors::CmdResult;
use crate::spec::{Acl, Arg, ArgKind, CommandSpec, Flags, Group};

pub const SPEC: CommandSpec = CommandSpec {
    name: "no-evict",
    arity: 3,
    flags: Flags::ADMIN
        .union(Flags::NOSCRIPT)
        .union(Flags::LOADING)
        .union(Flags::STALE),
    acl: Acl::CONNECTION,
    group: Group::Connection,
    since: "7.0.0",
    summary: "Sets the client eviction mode of the connection.",
    complexity: "O(1)",
    args: ON_OFF_ARGS,
    handler: no_evict,
    ..CommandSpec::DEFAULT
};

/// `enabled`: ON | OFF, shared with NO-TOUCH.
pub(super) const ON_OFF_ARGS: &[Arg] = &[Arg {
    children: &[
        Arg {
            token: "ON",
            ..Arg::new("on", ArgKind::PureToken)
        },
        Arg {
            token: "OFF",
            ..Arg::new("off", ArgKind::PureToken)
        },
    ],
    ..Arg::new("enabled", ArgKind::Oneof)
}];

fn no_evict(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    let on = on_off(args.get(2))?;
    ctx.client.handle.set_flag(flag::NO_EVICT, on);
    ctx.out.ok();
    Ok(())
}
