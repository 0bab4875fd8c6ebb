//! SELECT index
//!
//! Switches the connection to database `index`.

use shoal_config::Param;
use shoal_resp::Args;

use crate::ctx::Ctx;
use crate::errors::{CmdResult, Error};
use crate::spec::{Acl, Arg, ArgKind, CommandSpec, Flags, Group};

pub static SPEC: CommandSpec = CommandSpec {
    name: "select",
    arity: 2,
    flags: Flags::LOADING.union(Flags::STALE).union(Flags::FAST),
    acl: Acl::CONNECTION,
    group: Group::Connection,
    since: "1.0.0",
    summary: "Changes the selected database.",
    complexity: "O(1)",
    args: &[Arg::new("index", ArgKind::Integer)],
    handler: select,
    ..CommandSpec::DEFAULT
};

fn select(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    let id = int_arg(args.get(1))?;
    let config = &ctx.server.config;
    if id != 0 && config.get_bool(Param::ClusterEnabled) {
        return Err(Error::Static("ERR SELECT is not allowed in cluster mode"));
    }
    if id < 0 || id >= config.get_i64(Param::Databases) {
        return Err(Error::DbIndexOutOfRange);
    }
    ctx.client.select(id as usize);
    ctx.out.ok();
    Ok(())
}

/// Redis's getIntFromObjectOrReply: an i64 first, then the C `int` range with its own text.
fn int_arg(arg: &[u8]) -> Result<i64, Error> {
    let v = crate::args::int(arg)?;
    if v < i32::MIN as i64 || v > i32::MAX as i64 {
        return Err(Error::Static(
            "ERR value is out of range, value must between -2147483648 and 2147483647",
        ));
    }
    Ok(v)
}
