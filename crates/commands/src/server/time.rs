//! TIME
//!
//! The server clock as two bulk strings: Unix seconds and the microseconds within the second.

use std::time::{SystemTime, UNIX_EPOCH};

use shoal_resp::Args;

use crate::ctx::Ctx;
use crate::errors::CmdResult;
use crate::spec::{Acl, CommandSpec, Flags, Group};

pub static SPEC: CommandSpec = CommandSpec {
    name: "time",
    arity: 1,
    flags: Flags::LOADING.union(Flags::STALE).union(Flags::FAST),
    acl: Acl::FAST,
    tips: &["nondeterministic_output"],
    group: Group::Server,
    since: "2.6.0",
    summary: "Returns the server time.",
    complexity: "O(1)",
    handler: time,
    ..CommandSpec::DEFAULT
};

fn time(ctx: &mut Ctx<'_>, _args: &Args<'_>) -> CmdResult {
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default();
    ctx.out.array(2);
    ctx.out.bulk_int(now.as_secs() as i64);
    ctx.out.bulk_int(now.subsec_micros() as i64);
    Ok(())
}
