//! EXEC
//!
//! Runs the queued commands atomically and replies with an array of their replies; a null
//! reply when a watched key changed, EXECABORT when queueing had failed.

use shoal_resp::Args;
use shoal_util::key_slot;

use super::{unwatch_all, watch_broken};
use crate::ctx::{Ctx, Locks};
use crate::dispatch::{call, resolve};
use crate::errors::{CmdResult, Error};
use crate::keys::key_positions;
use crate::registry::RegEntry;
use crate::spec::{Acl, CommandSpec, Flags, Group, KeyPositions};

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
    let mut slots: Vec<u16> = ctx
        .client
        .watched
        .iter()
        .map(|w| key_slot(&w.key))
        .collect();
    let mut all = false;
    for q in &queued {
        let args = Args::from_slices(q);
        // Validated when queued; the registry does not change at run time.
        let entry =
            resolve(&args).map_err(|_| Error::Static("ERR internal: queued command vanished"))?;
        let spec = entry.spec;
        all |= spec.locks_all(&args);
        if spec.key_specs.is_empty() && spec.keys_proc.is_none() {
            all |= !NO_KEYSPACE.contains(&spec.name);
        } else {
            let mut positions = KeyPositions::new();
            key_positions(spec, &args, &mut positions);
            slots.extend(positions.iter().map(|&p| key_slot(args.get(p))));
        }
        entries.push(entry);
    }
    slots.sort_unstable();
    slots.dedup();
    let ks = ctx.keys.keyspace();
    let locks = if all {
        Locks::All(ks.lock_all())
    } else {
        match slots.len() {
            0 => Locks::None,
            1 => Locks::One(slots[0], ks.lock(slots[0])),
            _ => Locks::Many(ks.lock_many(&slots)),
        }
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
