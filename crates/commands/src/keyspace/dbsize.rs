//! DBSIZE
//!
//! The number of keys in the current database (like Redis, counting expired keys that were not
//! removed yet).

use shoal_resp::Args;

use crate::ctx::Ctx;
use crate::ctx::SlotAccess;
use crate::errors::CmdResult;
use crate::spec::{Acl, CommandSpec, Flags, Group};

pub static SPEC: CommandSpec = CommandSpec {
    name: "dbsize",
    arity: 1,
    flags: Flags::READONLY.union(Flags::FAST),
    acl: Acl::KEYSPACE,
    tips: &["request_policy:all_shards", "response_policy:agg_sum"],
    group: Group::Server,
    since: "1.0.0",
    summary: "Returns the number of keys in the database.",
    complexity: "O(1)",
    handler: dbsize,
    ..CommandSpec::DEFAULT
};

fn dbsize(ctx: &mut Ctx<'_>, _args: &Args<'_>) -> CmdResult {
    let db = ctx.keys.db;
    let n: usize = (0..shoal_util::SLOTS)
        .map(|s| {
            ctx.keys
                .with_slot(s as u16, |g| g.db_ref(db).map_or(0, |t| t.len()))
        })
        .sum();
    ctx.out.int(n as i64);
    Ok(())
}
