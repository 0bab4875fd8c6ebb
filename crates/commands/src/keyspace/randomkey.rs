//! RANDOMKEY
//!
//! A random key of the current database, nil when it is empty. Every key is about equally
//! likely: a position is drawn over the per-slot key counts, then that slot is locked alone.
//! An expired key drawn this way is removed and the draw repeated.

use shoal_resp::Args;
use shoal_store::hash_key;

use crate::ctx::{is_expired, Ctx};
use crate::errors::CmdResult;
use crate::spec::{Acl, CommandSpec, Flags, Group};

pub static SPEC: CommandSpec = CommandSpec {
    name: "randomkey",
    arity: 1,
    flags: Flags::READONLY,
    acl: Acl::KEYSPACE,
    tips: &["request_policy:all_shards", "nondeterministic_output"],
    group: Group::Generic,
    since: "1.0.0",
    summary: "Returns a random key name from the database.",
    complexity: "O(1)",
    handler: randomkey,
    ..CommandSpec::DEFAULT
};

fn randomkey(ctx: &mut Ctx<'_>, _args: &Args<'_>) -> CmdResult {
    let (db, now) = (ctx.keys.db, ctx.keys.now);
    let ks = ctx.keys.keyspace();
    let mut counts: Vec<u64> = (0..ks.slot_count())
        .map(|s| ks.lock(s as u16).db_ref(db).map_or(0, |t| t.len() as u64))
        .collect();
    let mut total: u64 = counts.iter().sum();
    // Every round either answers or lowers `total`, so the loop ends.
    while total > 0 {
        let mut r = fastrand::u64(0..total);
        let mut slot = 0;
        while r >= counts[slot] {
            r -= counts[slot];
            slot += 1;
        }
        let mut guard = ks.lock(slot as u16);
        let len = guard.db_ref(db).map_or(0, |t| t.len() as u64);
        if len < counts[slot] {
            // Keys went away since the counts were taken: trust the smaller number.
            total -= counts[slot] - len;
            counts[slot] = len;
            continue;
        }
        let Some(table) = guard.db_if_exists(db) else {
            continue;
        };
        let Some(entry) = table.nth(r as usize) else {
            continue;
        };
        if !is_expired(entry, now) {
            ctx.out.bulk(entry.key());
            return Ok(());
        }
        let key = entry.key().to_vec();
        table.remove(hash_key(&key), &key);
        guard.shrink();
        ctx.shard.expired_keys.inc();
        counts[slot] -= 1;
        total -= 1;
    }
    ctx.out.null();
    Ok(())
}
