//! Running one command: lookup, arity, auth, key routing and slot locking, then the handler.
//!
//! Handlers never count their own arguments or lock anything: by the time one runs, its arity
//! is right and every slot its keys live in is locked (ascending order when several).

use std::sync::atomic::Ordering::Relaxed;

use shoal_resp::{Args, ReplyBuf};
use smallvec::SmallVec;

use crate::client::Client;
use crate::ctx::{Ctx, KeySlot, KeySlots, Keys, Locks};
use crate::errors::{error_prefix, unknown_command, Error};
use crate::keys::{key_positions, single_key_position};
use crate::monitor;
use crate::registry::{registry, RegEntry};
use crate::spec::{CommandSpec, Flags};
use crate::state::Server;
use crate::stats::ShardStats;

/// What the connection should do after a command.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Flow {
    Continue,
    /// Write what is buffered, then close (QUIT, protocol errors).
    Close,
    /// The command blocked (BLPOP & co.): no reply yet; the connection waits for a wake-up,
    /// its deadline or CLIENT UNBLOCK, then calls [`rerun`] (see `crate::blocking`).
    Block,
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
    let text = err.bytes();
    out.error(&text);
    shard.count_error(&error_prefix(&text));
}

/// What a connection's look-ahead learned about a command before running it (see [`plan`]),
/// so that dispatch does not resolve it and hash its key a second time.
#[derive(Clone, Copy)]
pub struct Planned {
    entry: &'static RegEntry,
    /// The slot and table hash of its key when it has exactly one (GET, SET, INCR...).
    key: Option<(u16, u64)>,
}

impl Planned {
    /// What to warm in the cache before the command runs.
    pub fn prefetch_target(&self) -> Option<(u16, u64)> {
        self.key
    }
}

/// Resolves `args` ahead of running them: None when resolving fails (the error is left for
/// [`execute`] to give and count) or for an empty command.
pub fn plan(args: &Args<'_>) -> Option<Planned> {
    if args.is_empty() {
        return None;
    }
    let entry = resolve(args).ok()?;
    let spec = entry.spec;
    // Mirrors lock_keys' single-key case: a command locking everything has no one slot.
    let key = single_key_position(spec)
        .filter(|&p| p >= 1 && p < args.len() && !spec.locks_all(args))
        .map(|p| {
            let key = args.get(p);
            (shoal_util::key_slot(key), shoal_store::hash_key(key))
        });
    Some(Planned { entry, key })
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
    execute_planned(server, client, shard, out, args, now_ms, None)
}

/// As [`execute`], reusing what [`plan`] found for the same `args`.
pub fn execute_planned(
    server: &Server,
    client: &mut Client,
    shard: &ShardStats,
    out: &mut ReplyBuf,
    args: &Args<'_>,
    now_ms: u64,
    planned: Option<Planned>,
) -> Flow {
    if args.is_empty() {
        return Flow::Continue;
    }
    let reply_start = out.buf.len();
    // CLIENT REPLY: SKIP silences the command after it; OFF silences until ON (whose own OK is
    // sent because the mode is read after the command ran; ON also clears `skip_reply`).
    client.skip_reply = std::mem::take(&mut client.skip_next_reply);
    let flow = run(server, client, shard, out, args, now_ms, planned);
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
    planned: Option<Planned>,
) -> Flow {
    let resolved = match planned {
        Some(p) => Ok(p.entry),
        None => resolve_counted(shard, args),
    };
    let entry = match resolved.and_then(|e| admit(server, client, shard, e)) {
        Ok(e) => e,
        Err(e) => {
            // Redis's rejectCommand: the error is the reply, and a transaction being queued
            // is doomed to EXECABORT.
            if let Some(m) = client.multi.as_mut() {
                m.aborted = true;
            }
            write_error(out, shard, &e);
            return Flow::Continue;
        }
    };
    if let Some(m) = client.multi.as_mut() {
        if !crate::transactions::runs_inside_multi(entry.spec) {
            m.queued.push(args.to_vec());
            out.simple(b"QUEUED");
            return Flow::Continue;
        }
    }
    let key = planned.and_then(|p| p.key);
    let mut known = KeySlots::new();
    let locks = match key {
        Some((slot, _)) => lock_one(server, shard, slot),
        None => lock_keys(server, shard, entry.spec, args, &mut known),
    };
    let mut ctx = Ctx {
        server,
        client,
        out,
        shard,
        keys: Keys::new(&server.keyspace, locks, 0, now_ms, shard),
    };
    ctx.keys.known_slots(&known);
    if let (Some((_, hash)), Some(p)) = (key, single_key_position(entry.spec)) {
        ctx.keys.known_hash(args.get(p), hash);
    }
    call(&mut ctx, entry, args);
    let (blocked, wakes) = crate::blocking::settle(&mut ctx, false);
    let close = ctx.client.close_after_reply;
    drop(ctx);
    for w in wakes {
        w.wake();
    }
    if blocked {
        Flow::Block
    } else if close {
        Flow::Close
    } else {
        Flow::Continue
    }
}

/// Runs a blocked client's command again after a wake-up, under the normal locks and without
/// counting it a second time; `Flow::Block` when it found nothing and stays parked.
pub fn rerun(
    server: &Server,
    client: &mut Client,
    shard: &ShardStats,
    out: &mut ReplyBuf,
    args: &Args<'_>,
    now_ms: u64,
) -> Flow {
    let Ok(entry) = resolve(args) else {
        return Flow::Continue;
    };
    let mut known = KeySlots::new();
    let locks = lock_keys(server, shard, entry.spec, args, &mut known);
    let mut ctx = Ctx {
        server,
        client,
        out,
        shard,
        keys: Keys::new(&server.keyspace, locks, 0, now_ms, shard),
    };
    ctx.keys.known_slots(&known);
    ctx.keys.db = ctx.client.db;
    ctx.keys.no_touch = ctx.client.no_touch;
    ctx.keys.lfu = crate::ctx::lfu_params(&server.config);
    if let Err(e) = (entry.spec.handler)(&mut ctx, args) {
        write_error(ctx.out, shard, &e);
    }
    if ctx.keys.dirty > 0 {
        shard.dirty.add(ctx.keys.dirty);
    }
    let (blocked, wakes) = crate::blocking::settle(&mut ctx, true);
    drop(ctx);
    for w in wakes {
        w.wake();
    }
    if blocked {
        Flow::Block
    } else {
        Flow::Continue
    }
}

/// [`resolve`], counting a rejected call against the command it names.
fn resolve_counted<'r>(shard: &ShardStats, args: &Args<'_>) -> Result<&'r RegEntry, Error> {
    resolve(args).inspect_err(|_| {
        if let Some(id) = rejected_entry(args) {
            shard.cmds[id].rejected_calls.inc();
        }
    })
}

/// Everything Redis checks before it runs or queues a command: name, arity, authentication,
/// loading, memory, and commands a transaction may not contain.
fn admit<'r>(
    server: &Server,
    client: &mut Client,
    shard: &ShardStats,
    entry: &'r RegEntry,
) -> Result<&'r RegEntry, Error> {
    let spec = entry.spec;
    client.handle.last_cmd.store(entry.id as u32 + 1, Relaxed);
    let rejection = if !client.authenticated && !spec.flags.contains(Flags::NO_AUTH) {
        Some(Error::NoAuth)
    } else if server.loading.load(Relaxed) && !spec.flags.contains(Flags::LOADING) {
        Some(Error::Loading)
    } else if spec.flags.contains(Flags::DENYOOM) && crate::memory::over_maxmemory(server) {
        Some(Error::OutOfMemory)
    } else if client.multi.is_some()
        && spec.flags.contains(Flags::NO_MULTI)
        && !crate::transactions::runs_inside_multi(spec)
    {
        Some(Error::Static(
            "ERR Command not allowed inside a transaction",
        ))
    } else {
        None
    };
    match rejection {
        Some(e) => {
            shard.cmds[entry.id].rejected_calls.inc();
            Err(e)
        }
        None => Ok(entry),
    }
}

/// Runs a resolved command whose slots `ctx.keys` already holds: statistics, the handler,
/// its error reply, and the MONITOR feed. EXEC runs each queued command through here.
pub fn call(ctx: &mut Ctx<'_>, entry: &RegEntry, args: &Args<'_>) {
    let spec = entry.spec;
    let (server, shard) = (ctx.server, ctx.shard);
    let cstats = &shard.cmds[entry.id];
    ctx.keys.db = ctx.client.db;
    ctx.keys.no_touch = ctx.client.no_touch;
    ctx.keys.lfu = crate::ctx::lfu_params(&server.config);
    let dirty_before = ctx.keys.dirty;
    let started = shoal_util::ticks::now();
    let result = (spec.handler)(ctx, args);
    let nanos = shoal_util::ticks::elapsed_nanos(started, shoal_util::ticks::now());
    cstats.calls.inc();
    cstats.usec.add(nanos / 1000);
    cstats.latency.record(nanos);
    shard.commands.inc();
    let dirty = ctx.keys.dirty - dirty_before;
    if dirty > 0 {
        shard.dirty.add(dirty);
    }
    if let Err(e) = result {
        cstats.failed_calls.inc();
        write_error(ctx.out, shard, &e);
    }
    // Like Redis's call(): monitors see the command after it ran, so SELECT shows its new db
    // and AUTH its redacted arguments.
    if server.monitor_count.load(Relaxed) > 0
        && !spec.flags.intersects(Flags::SKIP_MONITOR | Flags::ADMIN)
    {
        monitor::feed(server, ctx.client, ctx.out, args);
    }
    ctx.client.redacted_args.clear();
}

/// What a command needs locked, as [`key_slots`] finds it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Needs {
    /// Every slot: its arguments make it touch keys outside its key specs.
    All,
    /// No slot: it declares no keys.
    Nothing,
    /// The slots of its declared keys.
    Keys,
}

/// The one reading of which slots a command locks, for dispatch and for EXEC (which locks the
/// union for all its commands): appends each declared key's slot, CRC16 computed once, to
/// `out` in argument order. A key declared at a position past the end is skipped (the handler
/// reports the error).
pub(crate) fn key_slots(spec: &CommandSpec, args: &Args<'_>, out: &mut KeySlots) -> Needs {
    if spec.locks_all(args) {
        return Needs::All;
    }
    if spec.key_specs.is_empty() && spec.keys_proc.is_none() {
        return Needs::Nothing;
    }
    let mut positions = crate::spec::KeyPositions::new();
    match single_key_position(spec) {
        Some(p) if p >= 1 && p < args.len() => positions.push(p),
        Some(_) => {}
        None => key_positions(spec, args, &mut positions),
    }
    out.extend(positions.iter().map(|&p| KeySlot::new(args.get(p))));
    Needs::Keys
}

/// Locks `slots` (any order, repeats allowed) in ascending order.
pub(crate) fn lock_slots<'s>(
    server: &'s Server,
    shard: &ShardStats,
    slots: &mut SmallVec<[u16; 8]>,
) -> Locks<'s> {
    slots.sort_unstable();
    slots.dedup();
    match slots.len() {
        0 => Locks::None,
        1 => lock_one(server, shard, slots[0]),
        _ => Locks::Many(server.keyspace.lock_many(slots)),
    }
}

/// Locks the slots of `args`'s keys; with several keys, `known` gets each key's slot so the
/// handler's accesses do not compute them again (see `Keys::known_slots`).
fn lock_keys<'s>(
    server: &'s Server,
    shard: &ShardStats,
    spec: &CommandSpec,
    args: &Args<'_>,
    known: &mut KeySlots,
) -> Locks<'s> {
    if let Some(p) = single_key_position(spec).filter(|_| !spec.locks_all(args)) {
        if p >= args.len() || p < 1 {
            return Locks::None;
        }
        return lock_one(server, shard, shoal_util::key_slot(args.get(p)));
    }
    match key_slots(spec, args, known) {
        Needs::All => Locks::All(server.keyspace.lock_all()),
        Needs::Nothing => Locks::None,
        Needs::Keys => {
            let mut slots: SmallVec<[u16; 8]> = known.iter().map(|k| k.slot).collect();
            lock_slots(server, shard, &mut slots)
        }
    }
}

fn lock_one<'s>(server: &'s Server, shard: &ShardStats, slot: u16) -> Locks<'s> {
    let mut waited = false;
    let g = server.keyspace.lock_counting(slot, &mut waited);
    if waited {
        shard.slot_lock_waits.inc();
    }
    Locks::One(slot, g)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(parts: &[&str]) -> Vec<Vec<u8>> {
        parts.iter().map(|p| p.as_bytes().to_vec()).collect()
    }

    fn target(parts: &[&str]) -> Option<(u16, u64)> {
        let owned = args(parts);
        let slices: Vec<&[u8]> = owned.iter().map(Vec::as_slice).collect();
        plan(&Args::from_slices(&slices)).and_then(|p| p.prefetch_target())
    }

    #[test]
    fn prefetch_targets_only_single_key_commands() {
        let expect = |k: &str| {
            Some((
                shoal_util::key_slot(k.as_bytes()),
                shoal_store::hash_key(k.as_bytes()),
            ))
        };
        assert_eq!(target(&["get", "{a}x"]), expect("{a}x"));
        assert_eq!(target(&["SET", "k", "v"]), expect("k"));
        assert_eq!(target(&["lpush", "q", "1", "2"]), expect("q"));
        // Several keys, no key, a missing key argument, an unknown command: nothing to warm.
        assert_eq!(target(&["mset", "a", "1", "b", "2"]), None);
        assert_eq!(target(&["ping"]), None);
        assert_eq!(target(&["get"]), None);
        assert_eq!(target(&["nosuchcommand", "k"]), None);
    }

    fn slots_of(parts: &[&str]) -> (Needs, Vec<u16>) {
        let owned = args(parts);
        let slices: Vec<&[u8]> = owned.iter().map(Vec::as_slice).collect();
        let a = Args::from_slices(&slices);
        let entry = resolve(&a).expect("resolves");
        let mut out = KeySlots::new();
        let needs = key_slots(entry.spec, &a, &mut out);
        (needs, out.iter().map(|k| k.slot).collect())
    }

    #[test]
    fn key_slots_in_argument_order() {
        let slot = |k: &str| shoal_util::key_slot(k.as_bytes());
        assert_eq!(
            slots_of(&["mset", "b", "1", "a", "2", "b", "3"]),
            (Needs::Keys, vec![slot("b"), slot("a"), slot("b")])
        );
        assert_eq!(
            slots_of(&["del", "x", "y"]),
            (Needs::Keys, vec![slot("x"), slot("y")])
        );
        assert_eq!(slots_of(&["get", "k"]), (Needs::Keys, vec![slot("k")]));
        assert_eq!(slots_of(&["ping"]), (Needs::Nothing, vec![]));
        // SORT ... BY reads keys its specs do not name.
        assert_eq!(slots_of(&["sort", "l", "by", "w_*"]), (Needs::All, vec![]));
    }

    #[test]
    fn multi_key_commands_reply_alike_across_slots() {
        let mut t = crate::testing::TestServer::new();
        // Ten keys over different slots: more than the inline guard capacity.
        let mut mset = vec!["mset"];
        let keys = ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j"];
        for k in &keys {
            mset.extend([*k, *k]);
        }
        assert_eq!(t.text(&mset), "+OK\r\n");
        let mut mget = vec!["mget"];
        mget.extend(keys.iter().rev());
        assert_eq!(
            t.text(&mget),
            "*10\r\n$1\r\nj\r\n$1\r\ni\r\n$1\r\nh\r\n$1\r\ng\r\n$1\r\nf\r\n\
             $1\r\ne\r\n$1\r\nd\r\n$1\r\nc\r\n$1\r\nb\r\n$1\r\na\r\n"
        );
        assert_eq!(t.text(&["del", "a", "zz", "a", "j"]), ":2\r\n");
        assert_eq!(t.text(&["exists", "a", "b", "j"]), ":1\r\n");
    }

    fn planned(parts: &[&str]) -> Option<Planned> {
        let owned = args(parts);
        let slices: Vec<&[u8]> = owned.iter().map(Vec::as_slice).collect();
        plan(&Args::from_slices(&slices))
    }

    #[test]
    fn plans_resolve_like_dispatch() {
        let p = planned(&["GeT", "k"]).expect("resolves");
        assert_eq!(p.entry.spec.name, "get");
        let p = planned(&["config", "get", "maxmemory"]).expect("resolves");
        assert_eq!(p.entry.fullname, "config|get");
        assert_eq!(p.prefetch_target(), None);
        // Whatever resolve rejects is left for execute to reject and count.
        assert!(planned(&["get", "a", "b"]).is_none());
        assert!(planned(&["config", "nosuch"]).is_none());
        assert!(planned(&[]).is_none());
    }

    #[test]
    fn planned_and_unplanned_runs_reply_alike() {
        let t = crate::testing::TestServer::new();
        let run = |planned_run: bool, parts: &[&str]| {
            let owned = args(parts);
            let slices: Vec<&[u8]> = owned.iter().map(Vec::as_slice).collect();
            let a = Args::from_slices(&slices);
            let p = if planned_run { plan(&a) } else { None };
            let mut client = crate::testing::TestServer::new_client(&t.server);
            let mut out = ReplyBuf::new(shoal_resp::Proto::Resp2);
            let shard = &t.server.shards[0];
            let now = crate::state::unix_ms();
            execute_planned(&t.server, &mut client, shard, &mut out, &a, now, p);
            out.buf
        };
        for planned_run in [false, true] {
            assert_eq!(run(planned_run, &["set", "k", "v"]), b"+OK\r\n");
            assert_eq!(run(planned_run, &["get", "k"]), b"$1\r\nv\r\n");
            assert_eq!(run(planned_run, &["del", "k"]), b":1\r\n");
            assert_eq!(run(planned_run, &["get", "k"]), b"$-1\r\n");
        }
    }
}
