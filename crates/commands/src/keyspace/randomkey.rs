//! RANDOMKEY
//!
//! A random key of the current database, nil when it is empty. Every key is about equally
//! likely: a position is drawn over the per-slot key counts, then that slot is locked alone.
//! An expired key drawn this way is removed and the draw repeated.

use shoal_resp::Args;
use shoal_store::hash_key;

use crate::ctx::SlotAccess;
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
    let mut counts: Vec<u64> = (0..shoal_util::SLOTS)
        .map(|s| {
            ctx.keys
                .with_slot(s as u16, |g| g.db_ref(db).map_or(0, |t| t.len() as u64))
        })
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
        let out = &mut *ctx.out;
        let stats = ctx.shard;
        // Ok(true): answered; Ok(false): an expired key was removed; Err: the slot shrank.
        let step = ctx.keys.with_slot(slot as u16, |guard| {
            let len = guard.db_ref(db).map_or(0, |t| t.len() as u64);
            if len < counts[slot] {
                return Err(len);
            }
            let table = guard.db_if_exists(db).ok_or(len)?;
            let entry = table.nth(r as usize).ok_or(len)?;
            if !is_expired(entry, now) {
                out.bulk(entry.key());
                return Ok(true);
            }
            let key = entry.key().to_vec();
            table.remove(hash_key(&key), &key);
            guard.shrink();
            stats.expired_keys.inc();
            Ok(false)
        });
        match step {
            Ok(true) => return Ok(()),
            Ok(false) => {
                counts[slot] -= 1;
                total -= 1;
            }
            Err(len) => {
                // Keys went away since the counts were taken: trust the smaller number (and
                // never loop on a slot whose table no longer answers).
                let keep = if len < counts[slot] { len } else { 0 };
                total -= counts[slot] - keep;
                counts[slot] = keep;
            }
        }
    }
    ctx.out.null();
    Ok(())
}
