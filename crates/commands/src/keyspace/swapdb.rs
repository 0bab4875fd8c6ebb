//! SWAPDB index1 index2
//!
//! Exchanges the contents of two databases: clients connected to one see the other's keys at
//! once. Every slot keeps one table per database, so this swaps two tables in each slot under
//! all slot locks.

use shoal_resp::Args;

use super::common::{cluster_enabled, databases, int32};
use crate::ctx::Ctx;
use crate::errors::{CmdResult, Error};
use crate::spec::{Acl, Arg, ArgKind, CommandSpec, Flags, Group};

pub static SPEC: CommandSpec = CommandSpec {
    name: "swapdb",
    arity: 3,
    flags: Flags::WRITE.union(Flags::FAST),
    acl: Acl::KEYSPACE.union(Acl::DANGEROUS),
    group: Group::Server,
    since: "4.0.0",
    summary: "Swaps two databases.",
    complexity:
        "O(N) where N is the count of clients watching or blocking on keys from both databases.",
    args: &[
        Arg::new("index1", ArgKind::Integer),
        Arg::new("index2", ArgKind::Integer),
    ],
    handler: swapdb,
    ..CommandSpec::DEFAULT
};

fn swapdb(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    if cluster_enabled(ctx) {
        return Err(Error::Static("ERR SWAPDB is not allowed in cluster mode"));
    }
    let a = int32(args.get(1)).map_err(|_| Error::Static("ERR invalid first DB index"))?;
    let b = int32(args.get(2)).map_err(|_| Error::Static("ERR invalid second DB index"))?;
    let n = databases(ctx) as i64;
    if !(0..n).contains(&a) || !(0..n).contains(&b) {
        return Err(Error::DbIndexOutOfRange);
    }
    let (a, b) = (a as usize, b as usize);
    if a != b {
        ctx.keys.with_all_slots(|guards| {
            for slot in guards.iter_mut() {
                // A slot that never held keys in either database has nothing to swap.
                slot.touch_watched_db(a);
                slot.touch_watched_db(b);
                if slot.db_count() > a.min(b) {
                    slot.swap_dbs(a, b);
                    slot.shrink();
                }
            }
        });
    }
    ctx.keys.dirty += 1;
    ctx.out.ok();
    Ok(())
}
