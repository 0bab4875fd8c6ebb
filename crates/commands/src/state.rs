//! State shared by every shard thread. Written rarely; the hot path only reads it.

use std::sync::atomic::{AtomicBool, AtomicU16, AtomicU64, AtomicUsize, Ordering::Relaxed};
use std::sync::Arc;
use std::time::{Instant, SystemTime, UNIX_EPOCH};

use dashmap::DashMap;
use parking_lot::Mutex;
use shoal_config::Config;
use shoal_store::Keyspace;

use crate::client::ClientHandle;
use crate::registry::registry;
use crate::stats::ShardStats;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ShutdownMode {
    Default,
    NoSave,
    Save,
}

pub type ShutdownHook = Box<dyn Fn(ShutdownMode) + Send + Sync>;

pub struct Server {
    pub keyspace: Keyspace,
    pub config: Arc<Config>,
    pub clients: DashMap<u64, Arc<ClientHandle>, ahash::RandomState>,
    pub shards: Box<[ShardStats]>,
    pub started: Instant,
    pub started_unix_ms: u64,
    pub run_id: String,
    pub next_client_id: AtomicU64,
    pub connected_clients: AtomicUsize,
    /// Clients in MONITOR mode; checked with one atomic load per command.
    pub monitors: Mutex<Vec<Arc<ClientHandle>>>,
    pub monitor_count: AtomicUsize,
    pub loading: AtomicBool,
    /// The port actually bound (differs from the config when it says 0).
    pub tcp_port: AtomicU16,
    pub shutdown_hook: Mutex<Option<ShutdownHook>>,
    pub executable: String,
    pub config_file: Option<String>,
    /// INFO's own bookkeeping: replication id, memory peak, instantaneous metrics.
    pub info: crate::server::info::InfoState,
}

pub fn unix_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis() as u64)
        .unwrap_or(0)
}

impl Server {
    pub fn new(config: Arc<Config>, shards: usize) -> Server {
        let ncmds = registry().len();
        let mut run_id = String::with_capacity(40);
        for _ in 0..40 {
            run_id.push(char::from_digit(fastrand::u32(0..16), 16).unwrap_or('0'));
        }
        Server {
            keyspace: Keyspace::new(),
            config,
            clients: DashMap::with_hasher(ahash::RandomState::new()),
            shards: (0..shards.max(1))
                .map(|i| ShardStats::new(i, ncmds))
                .collect(),
            started: Instant::now(),
            started_unix_ms: unix_ms(),
            run_id,
            next_client_id: AtomicU64::new(1),
            connected_clients: AtomicUsize::new(0),
            monitors: Mutex::new(Vec::new()),
            monitor_count: AtomicUsize::new(0),
            loading: AtomicBool::new(false),
            tcp_port: AtomicU16::new(0),
            shutdown_hook: Mutex::new(None),
            executable: std::env::current_exe()
                .map(|p| p.display().to_string())
                .unwrap_or_default(),
            config_file: None,
            info: crate::server::info::InfoState::new(),
        }
    }

    pub fn shard_count(&self) -> usize {
        self.shards.len()
    }

    /// Slots whose background work (expiry, eviction, snapshots) shard `i` does.
    pub fn owned_slots(&self, i: usize) -> std::ops::Range<usize> {
        let n = self.shards.len();
        let per = shoal_util::SLOTS;
        (i * per / n)..((i + 1) * per / n)
    }

    pub fn new_client_id(&self) -> u64 {
        self.next_client_id.fetch_add(1, Relaxed)
    }

    pub fn uptime_secs(&self) -> u64 {
        self.started.elapsed().as_secs()
    }

    pub fn request_shutdown(&self, mode: ShutdownMode) -> bool {
        if let Some(h) = self.shutdown_hook.lock().as_ref() {
            h(mode);
            true
        } else {
            false
        }
    }
}
