//! Per-connection state: `Client` is owned by the connection's task; `ClientHandle` is the
//! shared part other threads read (CLIENT LIST) or act on (CLIENT KILL) through the registry.

use std::sync::atomic::{AtomicBool, AtomicU32, AtomicU64, AtomicU8, Ordering::Relaxed};
use std::sync::Arc;

use parking_lot::Mutex;

/// What the server side of a connection lets other threads do to it.
pub trait ConnHooks: Send + Sync {
    /// Close the connection soon (CLIENT KILL, SHUTDOWN); safe from any thread.
    fn kill(&self);
    /// Queue bytes for the connection (MONITOR feed, later pub/sub); false if it is gone.
    fn push(&self, data: Vec<u8>) -> bool;
    /// A key this connection is blocked on may be ready, or CLIENT UNBLOCK asked it to stop
    /// waiting; safe from any thread, and a wake sent before the connection waits is kept.
    fn wake(&self) {}
}

#[derive(Default, Debug, Clone)]
pub struct ClientNames {
    pub name: Vec<u8>,
    pub lib_name: Vec<u8>,
    pub lib_ver: Vec<u8>,
}

pub mod flag {
    pub const MONITOR: u32 = 1 << 0;
    pub const NO_EVICT: u32 = 1 << 1;
    pub const NO_TOUCH: u32 = 1 << 2;
    pub const CLOSE_AFTER_REPLY: u32 = 1 << 3;
    /// Subscribed to at least one channel or pattern (CLIENT LIST type `pubsub`, flag `P`).
    pub const PUBSUB: u32 = 1 << 4;
}

pub struct ClientHandle {
    pub id: u64,
    pub addr: String,
    pub laddr: String,
    pub fd: i32,
    pub shard: usize,
    pub created_ms: u64,
    pub names: Mutex<ClientNames>,
    pub db: AtomicU32,
    /// Registry id + 1 of the last command; 0 before the first.
    pub last_cmd: AtomicU32,
    pub last_active_ms: AtomicU64,
    pub resp: AtomicU8,
    pub flags: AtomicU32,
    pub qbuf: AtomicU64,
    pub omem: AtomicU64,
    pub killed: AtomicBool,
    /// `crate::blocking::state`: whether the connection is blocked and how CLIENT UNBLOCK
    /// asked it to stop.
    pub block_state: AtomicU8,
    pub hooks: Arc<dyn ConnHooks>,
}

impl ClientHandle {
    pub fn new(
        id: u64,
        addr: String,
        laddr: String,
        fd: i32,
        shard: usize,
        now_ms: u64,
        hooks: Arc<dyn ConnHooks>,
    ) -> Self {
        ClientHandle {
            id,
            addr,
            laddr,
            fd,
            shard,
            created_ms: now_ms,
            names: Mutex::new(ClientNames::default()),
            db: AtomicU32::new(0),
            last_cmd: AtomicU32::new(0),
            last_active_ms: AtomicU64::new(now_ms),
            resp: AtomicU8::new(2),
            flags: AtomicU32::new(0),
            qbuf: AtomicU64::new(0),
            omem: AtomicU64::new(0),
            killed: AtomicBool::new(false),
            block_state: AtomicU8::new(0),
            hooks,
        }
    }

    pub fn has_flag(&self, f: u32) -> bool {
        self.flags.load(Relaxed) & f != 0
    }

    pub fn set_flag(&self, f: u32, on: bool) {
        if on {
            self.flags.fetch_or(f, Relaxed);
        } else {
            self.flags.fetch_and(!f, Relaxed);
        }
    }

    pub fn kill(&self) {
        self.killed.store(true, Relaxed);
        self.hooks.kill();
    }
}

/// State owned by the connection's task.
pub struct Client {
    pub id: u64,
    pub handle: Arc<ClientHandle>,
    pub db: usize,
    pub authenticated: bool,
    /// CLIENT REPLY OFF.
    pub reply_off: bool,
    /// CLIENT REPLY SKIP: drop the next command's reply.
    pub skip_next_reply: bool,
    /// The running command's reply is dropped (it follows CLIENT REPLY SKIP); CLIENT REPLY ON
    /// clears it so that its own OK is sent, as in Redis.
    pub skip_reply: bool,
    pub close_after_reply: bool,
    pub no_touch: bool,
    /// Argument positions of the running command that MONITOR shows as "(redacted)"
    /// (AUTH and HELLO passwords); dispatch clears it after each command.
    pub redacted_args: Vec<usize>,
    /// Commands queued since MULTI; None outside a transaction.
    pub multi: Option<MultiState>,
    /// Keys this client WATCHes, with the versions seen when WATCH ran.
    pub watched: Vec<Watched>,
    /// Set by a blocking command that found no data: dispatch parks the client on these keys.
    pub block: Option<crate::blocking::BlockRequest>,
    /// Where the client waits while blocked (its place in each key's queue).
    pub parked: Option<crate::blocking::Parked>,
    /// Inside EXEC a blocking command must not block: it answers as if it timed out.
    pub deny_blocking: bool,
}

#[derive(Default, Debug)]
pub struct MultiState {
    /// Each queued command's arguments (already resolved and arity-checked).
    pub queued: Vec<Vec<Vec<u8>>>,
    /// A command was rejected while queueing: EXEC must answer EXECABORT.
    pub aborted: bool,
}

#[derive(Debug, Clone)]
pub struct Watched {
    pub db: usize,
    pub key: Vec<u8>,
    pub version: u64,
    /// The key existed (unexpired) at WATCH time; its expiry before EXEC aborts, as in Redis.
    pub existed: bool,
}

impl Client {
    pub fn new(handle: Arc<ClientHandle>, authenticated: bool) -> Self {
        Client {
            id: handle.id,
            handle,
            db: 0,
            authenticated,
            reply_off: false,
            skip_next_reply: false,
            skip_reply: false,
            close_after_reply: false,
            no_touch: false,
            redacted_args: Vec::new(),
            multi: None,
            watched: Vec::new(),
            block: None,
            parked: None,
            deny_blocking: false,
        }
    }

    pub fn select(&mut self, db: usize) {
        self.db = db;
        self.handle.db.store(db as u32, Relaxed);
    }
}
