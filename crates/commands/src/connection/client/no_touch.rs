//! CLIENT NO-TOUCH <ON | OFF>
//!
//! While on, the connection's reads do not update the keys' LRU/LFU data (dispatch passes the
//! mode to `ctx.keys.no_touch`); shown as flag `T`.

use shoal_resp::Args;

use super::no_evict::ON_OFF_ARGS;
use super::on_off;
use crate::client::flag;
use crate::ctx::Ctx;
use crate::errors::CmdResult;
use crate::spec::{Acl, CommandSpec, Flags, Group};

pub const SPEC: CommandSpec = CommandSpec {
    name: "no-touch",
    arity: 3,
    flags: Flags::NOSCRIPT.union(Flags::LOADING).union(Flags::STALE),
    acl: Acl::CONNECTION,
    group: Group::Connection,
    since: "7.2.0",
    summary: "Controls whether commands sent by the client affect the LRU/LFU of accessed keys.",
    complexity: "O(1)",
    args: ON_OFF_ARGS,
    handler: no_touch,
    ..CommandSpec::DEFAULT
};

fn no_touch(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    let on = on_off(args.get(2))?;
    ctx.client.no_touch = on;
    ctx.client.handle.set_flag(flag::NO_TOUCH, on);
    ctx.out.ok();
    Ok(())
}
