//! Running one command: lookup, arity, auth, key routing and slot locking, then the handler.
//!
//! Handlers never count their own arguments or lock anything: by the time one runs, its arity
//! is right and every slot its keys live in is locked (ascending order when several).

use std::sync::atomic::Ordering::Relaxed;
use std::time::Instant;

use shoal_resp::{Args, ReplyBuf};
use smallvec::SmallVec;

use crate::client::Client;
use crate::ctx::{Ctx, Keys, Locks};
use crate::errors::{error_prefix, unknown_command, Error};
use crate::keys::key_positions;
use crate::monitor;
use crate::registry::{registry, RegEntry};
use crate::spec::Flags;
use crate::state::Server;
use crate::stats::ShardStats;

/// What the connection should do after a command.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Flow {
    Continue,
    /// Write what is buffered, then close (QUIT, protocol errors).
    Close,
}

/// Resolves the command (and subcommand) for `args`, or the error Redis would give.
pub fn resolve<'r>(args: &Args<'_>) -> Result<&'r RegEntry, Error> {
    let reg = registry();
    let Some(top) = reg.lookup(args.get(0)) else {
        return Err(unknown_command(args));
    };
    // A container called alone runs its own handler when its arity allows (COMMAND does).
    if top.spec.subcommands.is_empty() || args.len() < 2 {
        if !top.spec.accepts_arity(args.len()) {
            return Err(Error::arity(&top.fullname));
        }
        return Ok(top);
    }
    let Some(sub) = reg.lookup_sub(top, args.get(1)) else {
        return Err(Error::unknown_subcommand(args.get(1), top.spec.name));
    };
    if !sub.spec.accepts_arity(args.len()) {
        return Err(Error::arity(&sub.fullname));
    }
    Ok(sub)
}

/// The command a rejected call is counted against, as Redis counts it: the subcommand when
/// one was named (bad arity), nothing for an unknown command or subcommand.
fn rejected_entry(args: &Args<'_>) -> Option<usize> {
    let reg = registry();
    let top = reg.lookup(args.get(0))?;
    if top.spec.subcommands.is_empty() || args.len() < 2 {
        return Some(top.id);
    }
    reg.lookup_sub(top, args.get(1)).map(|sub| sub.id)
}

fn write_error(out: &mut ReplyBuf, shard: &ShardStats, err: &Error) {
    let text = err.text();
    out.error(text.as_bytes());
    shard.count_error(error_prefix(&text));
}

/// Executes one command and appends its reply to `out`.
pub fn execute(
    server: &Server,
    client: &mut Client,
    shard: &ShardStats,
    out: &mut ReplyBuf,
    args: &Args<'_>,
    now_ms: u64,
) -> Flow {
    if args.is_empty() {
        return Flow::Continue;
    }
    let reply_start = out.buf.len();
    // CLIENT REPLY: SKIP silences the command after it; OFF silences until ON (whose own OK is
    // sent because the mode is read after the command ran; ON also clears `skip_reply`).
    client.skip_reply = std::mem::take(&mut client.skip_next_reply);
    let flow = run(server, client, shard, out, args, now_ms);
    if std::mem::take(&mut client.skip_reply) || client.reply_off {
        out.buf.truncate(reply_start);
    }
    flow
}

fn run(
    server: &Server,
    client: &mut Client,
    shard: &ShardStats,
    out: &mut ReplyBuf,
    args: &Args<'_>,
    now_ms: u64,
) -> Flow {
    let entry = match resolve(args) {
        Ok(e) => e,
        Err(e) => {
            if let Some(id) = rejected_entry(args) {
                shard.cmds[id].rejected_calls.inc();
            }
            write_error(out, shard, &e);
            return Flow::Continue;
        }
    };
    let spec = entry.spec;
    let cstats = &shard.cmds[entry.id];
    client.handle.last_cmd.store(entry.id as u32 + 1, Relaxed);

    if !client.authenticated && !spec.flags.contains(Flags::NO_AUTH) {
        cstats.rejected_calls.inc();
        write_error(out, shard, &Error::NoAuth);
        return Flow::Continue;
    }
    if server.loading.load(Relaxed) && !spec.flags.contains(Flags::LOADING) {
        cstats.rejected_calls.inc();
        write_error(out, shard, &Error::Loading);
        return Flow::Continue;
    }
    if spec.flags.contains(Flags::DENYOOM) && crate::memory::over_maxmemory(server) {
        cstats.rejected_calls.inc();
        write_error(out, shard, &Error::OutOfMemory);
        return Flow::Continue;
    }

    let locks = lock_keys(server, shard, spec, args);
    let started = Instant::now();
    let mut ctx = Ctx {
        server,
        client,
        out,
        shard,
        keys: Keys::new(&server.keyspace, locks, 0, now_ms, shard),
    };
    ctx.keys.db = ctx.client.db;
    ctx.keys.no_touch = ctx.client.no_touch;
    ctx.keys.lfu = crate::ctx::lfu_params(&server.config);
    let result = (spec.handler)(&mut ctx, args);
    let Ctx {
        keys, client, out, ..
    } = ctx;
    let dirty = keys.dirty;
    drop(keys);
    let flow = if client.close_after_reply {
        Flow::Close
    } else {
        Flow::Continue
    };
    let nanos = started.elapsed().as_nanos() as u64;
    cstats.calls.inc();
    cstats.usec.add(nanos / 1000);
    cstats.latency.record(nanos);
    shard.commands.inc();
    if dirty > 0 {
        shard.dirty.add(dirty);
    }
    if let Err(e) = result {
        cstats.failed_calls.inc();
        write_error(out, shard, &e);
    }
    // Like Redis's call(): monitors see the command after it ran, so SELECT shows its new db
    // and AUTH its redacted arguments.
    if server.monitor_count.load(Relaxed) > 0
        && !spec.flags.intersects(Flags::SKIP_MONITOR | Flags::ADMIN)
    {
        monitor::feed(server, client, out, args);
    }
    client.redacted_args.clear();
    flow
}

fn lock_keys<'s>(
    server: &'s Server,
    shard: &ShardStats,
    spec: &crate::spec::CommandSpec,
    args: &Args<'_>,
) -> Locks<'s> {
    if spec.key_specs.is_empty() && spec.keys_proc.is_none() {
        return Locks::None;
    }
    let mut positions = crate::spec::KeyPositions::new();
    key_positions(spec, args, &mut positions);
    let mut slots: SmallVec<[u16; 8]> = positions
        .iter()
        .map(|&p| shoal_util::key_slot(args.get(p)))
        .collect();
    slots.sort_unstable();
    slots.dedup();
    let ks = &server.keyspace;
    match slots.len() {
        0 => Locks::None,
        1 => {
            let mut waited = false;
            let g = ks.lock_counting(slots[0], &mut waited);
            if waited {
                shard.slot_lock_waits.inc();
            }
            Locks::One(slots[0], g)
        }
        _ => Locks::Many(ks.lock_many(&slots)),
    }
}
