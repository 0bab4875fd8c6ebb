//! Blocking commands (BLPOP & co.): parking a client on keys, waking it, and letting it go.
//!
//! A blocking handler that finds no data sets [`BlockRequest`] on the client instead of
//! replying. While the command's slot locks are still held, [`settle`] parks the client in the
//! wait table of each key's slot, so no push can slip between "found nothing" and "waiting".
//! A writer's `Keys::changed` notes keys someone waits on; once the writing command is done,
//! the first waiter of each such key is woken through its connection handle. The woken
//! connection re-runs its command under the normal locks ([`crate::dispatch::rerun`]): exactly
//! one client gets each element, and one that lost the race stays parked in its place. Each
//! serve is itself a change of the key, so if elements remain the next waiter is woken: waiters
//! are served in FIFO order while elements last, with no scan of the queue.

use std::sync::atomic::Ordering::Relaxed;
use std::sync::Arc;

use shoal_store::blocking::{WaitTable, Waker};
use shoal_store::{hash_key, Slot};
use shoal_util::key_slot;

use crate::client::{Client, ClientHandle};
use crate::ctx::Ctx;
use crate::errors::Error;
use crate::state::Server;

/// Values of `ClientHandle::block_state`.
pub mod state {
    pub const NONE: u8 = 0;
    pub const BLOCKED: u8 = 1;
    /// CLIENT UNBLOCK id [TIMEOUT]: reply as if the timeout expired.
    pub const UNBLOCK_TIMEOUT: u8 = 2;
    /// CLIENT UNBLOCK id ERROR.
    pub const UNBLOCK_ERROR: u8 = 3;
}

pub const UNBLOCKED_ERROR: &str = "UNBLOCKED client unblocked via CLIENT UNBLOCK";

/// What a blocking handler asks for when it found no data.
#[derive(Debug)]
pub struct BlockRequest {
    pub keys: Vec<Vec<u8>>,
    /// Unix ms; None waits forever.
    pub deadline_ms: Option<u64>,
}

/// A parked client: its database, and its ticket in the queue of each key.
#[derive(Debug)]
pub struct Parked {
    pub db: usize,
    pub keys: Vec<(Vec<u8>, u64)>,
    pub deadline_ms: Option<u64>,
}

impl Waker for ClientHandle {
    fn wake(&self) {
        self.hooks.wake();
    }
}

/// A timeout in seconds (fractions allowed) as an absolute deadline in ms; None for 0
/// (forever). Redis reads a long double and rounds up to the millisecond.
pub fn parse_timeout(arg: &[u8], now_ms: u64) -> Result<Option<u64>, Error> {
    let out_of_range = Error::Static("ERR timeout is out of range");
    let ms = match shoal_util::timeout_ms(arg) {
        Ok(ms) => ms,
        Err(shoal_util::TimeoutError::OutOfRange) => return Err(out_of_range),
        Err(shoal_util::TimeoutError::NotAFloat) => {
            return Err(Error::Static("ERR timeout is not a float or out of range"))
        }
    };
    if ms < 0 {
        return Err(Error::Static("ERR timeout is negative"));
    }
    if ms == 0 {
        return Ok(None);
    }
    let ms = ms as u64;
    if ms > i64::MAX as u64 - now_ms {
        return Err(out_of_range);
    }
    Ok(Some(now_ms + ms))
}

/// The handler found nothing: block on `keys`, or inside a transaction reply at once with
/// `null` (what the command answers when it cannot block).
pub fn block_on(
    ctx: &mut Ctx<'_>,
    keys: Vec<Vec<u8>>,
    deadline_ms: Option<u64>,
    null: fn(&mut shoal_resp::ReplyBuf),
) {
    if ctx.client.deny_blocking {
        null(ctx.out);
        return;
    }
    ctx.client.block = Some(BlockRequest { keys, deadline_ms });
}

/// True while a parked client re-runs its command after a wake-up.
pub fn rerunning(ctx: &Ctx<'_>) -> bool {
    ctx.client.parked.is_some()
}

/// Redis 7.2 wakes a blocked client only once one of its keys holds the type it waits for
/// (`type_name`, as TYPE prints it), then runs the command again exactly as a first call, so a
/// key of another type before that one answers WRONGTYPE. shoal wakes a waiter on any change of
/// its keys; a re-run that finds no key of the waited type among those whose queue it heads
/// goes back to waiting instead of running.
pub fn stay_parked(ctx: &mut Ctx<'_>, keys: &[&[u8]], type_name: &str) -> bool {
    if !rerunning(ctx) {
        return false;
    }
    for &key in keys {
        if my_turn(ctx, key)
            && ctx
                .keys
                .peek(key)
                .is_some_and(|e| crate::keyspace::common::type_name(e) == type_name)
        {
            return false;
        }
    }
    true
}

/// False when a re-running client has another waiter ahead of it in the queue of `key`. That
/// waiter was woken for the key first and gets served first, so each key serves its waiters in
/// FIFO order, as Redis does, even when a client woken through another of its keys re-runs
/// sooner. It cannot stall: a waiter ahead that leaves the queue unserved wakes the next.
pub fn my_turn(ctx: &mut Ctx<'_>, key: &[u8]) -> bool {
    if !rerunning(ctx) {
        return true;
    }
    let (db, id) = (ctx.keys.db, ctx.client.id);
    let slot = ctx.keys.slot(key_slot(key));
    slot.blocked
        .as_ref()
        .and_then(|t| t.head(db, key))
        .is_none_or(|w| w.client == id)
}

/// After a command ran, with its slot locks still held: parks a client that asked to block
/// (a client already parked keeps its place), releases a parked client that got served, and
/// returns the waiters to wake for the keys the command made ready. True in the first slot of
/// the pair when the client is (still) blocked. `rerun`: the command is a parked client's
/// blocking command run again (only then may it leave its queues here).
pub fn settle(ctx: &mut Ctx<'_>, rerun: bool) -> (bool, Vec<Arc<dyn Waker>>) {
    let id = ctx.client.id;
    let request = ctx.client.block.take();
    let blocking = request.is_some();
    let mut wakes: Vec<Arc<dyn Waker>> = Vec::new();
    match (request, ctx.client.parked.is_some() && rerun) {
        (Some(req), false) if ctx.client.parked.is_none() => {
            let db = ctx.client.db;
            let waker: Arc<dyn Waker> = ctx.client.handle.clone();
            let mut keys = Vec::with_capacity(req.keys.len());
            for k in req.keys {
                let slot = ctx.keys.slot(key_slot(&k));
                let table = slot.blocked.get_or_insert_with(Box::<WaitTable>::default);
                let ticket = table.park(db, &k, id, waker.clone());
                keys.push((k, ticket));
            }
            ctx.client.parked = Some(Parked {
                db,
                keys,
                deadline_ms: req.deadline_ms,
            });
            ctx.client.handle.block_state.store(state::BLOCKED, Relaxed);
        }
        (Some(_), _) => {}
        (None, true) => {
            // Served from one key, the client may also have been woken for another that still
            // holds a value: that key's next waiter gets the wake instead.
            let p = ctx.client.parked.take().expect("checked");
            for (k, ticket) in &p.keys {
                let slot = ctx.keys.slot(key_slot(k));
                wakes.extend(leave_one(slot, p.db, k, *ticket, id));
            }
            ctx.client.handle.block_state.store(state::NONE, Relaxed);
        }
        (None, false) => {}
    }
    for (db, k) in std::mem::take(&mut ctx.keys.ready) {
        let slot = ctx.keys.slot(key_slot(&k));
        if let Some(w) = slot.blocked.as_ref().and_then(|t| t.first(db, &k, id)) {
            wakes.push(w.waker.clone());
        }
    }
    (blocking && ctx.client.parked.is_some(), wakes)
}

/// Takes a parked client out of every queue without serving it (timeout, CLIENT UNBLOCK,
/// disconnect). A wake meant for it may not have been used, so the next waiter of each of its
/// keys that holds a value is woken in its stead (at worst a needless re-check).
pub fn leave(server: &Server, client: &mut Client) {
    let Some(p) = client.parked.take() else {
        return;
    };
    client.handle.block_state.store(state::NONE, Relaxed);
    for (k, ticket) in &p.keys {
        let waker = leave_one(
            &mut server.keyspace.lock(key_slot(k)),
            p.db,
            k,
            *ticket,
            client.id,
        );
        if let Some(w) = waker {
            w.wake();
        }
    }
}

/// Takes `client` (ticket `ticket`) out of the queue of `key`, dropping the slot's table with
/// its last waiter; returns the next waiter when the key holds a value it may want.
fn leave_one(
    slot: &mut Slot,
    db: usize,
    key: &[u8],
    ticket: u64,
    client: u64,
) -> Option<Arc<dyn Waker>> {
    let exists = slot
        .db_ref(db)
        .is_some_and(|d| d.get(hash_key(key), key).is_some());
    let t = slot.blocked.as_mut()?;
    if t.leave(db, key, ticket) {
        slot.blocked = None;
        return None;
    }
    if !exists {
        return None;
    }
    t.first(db, key, client).map(|w| w.waker.clone())
}

/// CLIENT UNBLOCK: asks a blocked client to stop waiting; false if it was not blocked.
pub fn unblock(server: &Server, id: u64, with_error: bool) -> bool {
    let Some(h) = server.clients.get(&id).map(|h| h.clone()) else {
        return false;
    };
    let to = if with_error {
        state::UNBLOCK_ERROR
    } else {
        state::UNBLOCK_TIMEOUT
    };
    let ok = h
        .block_state
        .compare_exchange(state::BLOCKED, to, Relaxed, Relaxed)
        .is_ok();
    if ok {
        h.hooks.wake();
    }
    ok
}

/// Clients blocked right now (INFO's blocked_clients).
pub fn blocked_clients(server: &Server) -> u64 {
    server
        .clients
        .iter()
        .filter(|h| h.block_state.load(Relaxed) != state::NONE)
        .count() as u64
}
