//! EXEC
//!
//! Runs the queued commands atomically and replies with an array of their replies; a null
//! reply when a watched key changed, EXECABORT when queueing had failed.

use shoal_resp::Args;
use shoal_util::key_slot;
use smallvec::SmallVec;

use super::{unwatch_all, watch_broken};
use crate::ctx::{Ctx, KeySlots, Locks};
use crate::dispatch::{call, key_slots, lock_slots, resolve, Needs};
use crate::errors::{CmdResult, Error};
use crate::registry::RegEntry;
use crate::spec::{Acl, CommandSpec, Flags, Group};

pub static SPEC: CommandSpec = CommandSpec {
    name: "exec",
    arity: 1,
    flags: Flags::NOSCRIPT
        .union(Flags::LOADING)
        .union(Flags::STALE)
        .union(Flags::SKIP_SLOWLOG),
    acl: Acl::TRANSACTION,
    group: Group::Transactions,
    since: "1.2.0",
    summary: "Executes all commands in a transaction.",
    complexity: "Depends on commands in the transaction",
    handler: exec,
    ..CommandSpec::DEFAULT
};

/// Keyless commands known not to walk the keyspace; any other keyless command in a
/// transaction makes EXEC lock every slot, so that it runs under the transaction's locks.
const NO_KEYSPACE: &[&str] = &[
    "ping", "echo", "time", "select", "client", "config", "command", "lastsave", "unwatch",
    "hello", "auth", "multi", "watch", "discard",
];

fn exec(ctx: &mut Ctx<'_>, _args: &Args<'_>) -> CmdResult {
    let Some(multi) = ctx.client.multi.take() else {
        return Err(Error::Static("ERR EXEC without MULTI"));
    };
    if multi.aborted {
        unwatch_all(&mut ctx.keys, ctx.client);
        return Err(Error::Static(
            "EXECABORT Transaction discarded because of previous errors.",
        ));
    }
    let queued: Vec<Vec<&[u8]>> = multi
        .queued
        .iter()
        .map(|q| q.iter().map(Vec::as_slice).collect())
        .collect();
    let mut entries: Vec<&RegEntry> = Vec::with_capacity(queued.len());
    let mut slots: SmallVec<[u16; 8]> = ctx
        .client
        .watched
        .iter()
        .map(|w| key_slot(&w.key))
        .collect();
    let mut keys = KeySlots::new();
    let mut all = false;
    for q in &queued {
        let args = Args::from_slices(q);
        // Validated when queued; the registry does not change at run time.
        let entry =
            resolve(&args).map_err(|_| Error::Static("ERR internal: queued command vanished"))?;
        keys.clear();
        all |= match key_slots(entry.spec, &args, &mut keys) {
            Needs::All => true,
            Needs::Nothing => !NO_KEYSPACE.contains(&entry.spec.name),
            Needs::Keys => false,
        };
        slots.extend(keys.iter().map(|k| k.slot));
        entries.push(entry);
    }
    let locks = if all {
        Locks::All(ctx.keys.keyspace().lock_all())
    } else {
        lock_slots(ctx.server, ctx.shard, &mut slots)
    };
    ctx.keys.hold(locks);
    let watched = std::mem::take(&mut ctx.client.watched);
    let broken = watch_broken(&mut ctx.keys, &watched);
    ctx.client.watched = watched;
    unwatch_all(&mut ctx.keys, ctx.client);
    if broken {
        ctx.out.null_array();
        return Ok(());
    }
    ctx.out.array(entries.len());
    // Blocking commands answer at once inside a transaction, as if their timeout expired.
    ctx.client.deny_blocking = true;
    for (entry, q) in entries.into_iter().zip(&queued) {
        call(ctx, entry, &Args::from_slices(q));
    }
    ctx.client.deny_blocking = false;
    Ok(())
}
