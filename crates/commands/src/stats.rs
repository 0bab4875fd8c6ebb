//! Per-shard-thread statistics, summed when INFO (or /metrics) asks.
//!
//! Rule: only the shard's own thread writes its counters, so an increment is a plain load and
//! store (no locked instruction, no shared cache line on the command path).

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering::Relaxed};

use parking_lot::Mutex;

#[derive(Default, Debug)]
pub struct Counter(AtomicU64);

impl Counter {
    #[inline]
    pub fn inc(&self) {
        self.add(1);
    }

    #[inline]
    pub fn add(&self, n: u64) {
        self.0.store(self.0.load(Relaxed).wrapping_add(n), Relaxed);
    }

    pub fn get(&self) -> u64 {
        self.0.load(Relaxed)
    }

    pub fn reset(&self) {
        self.0.store(0, Relaxed);
    }

    pub fn set(&self, v: u64) {
        self.0.store(v, Relaxed);
    }
}

/// Counters kept per command (and subcommand), indexed by registry id.
#[derive(Default, Debug)]
pub struct CmdStats {
    pub calls: Counter,
    pub usec: Counter,
    pub rejected_calls: Counter,
    pub failed_calls: Counter,
}

#[derive(Debug)]
pub struct ShardStats {
    pub index: usize,
    pub commands: Counter,
    pub keyspace_hits: Counter,
    pub keyspace_misses: Counter,
    pub expired_keys: Counter,
    /// Hash fields removed because their own TTL passed (INFO `expired_subkeys`).
    pub expired_subkeys: Counter,
    pub expired_stale_perc: Counter,
    pub expired_time_cap_reached_count: Counter,
    /// Smoothed average TTL (ms) of keys the expiry cycle saw, for INFO keyspace.
    pub avg_ttl: Counter,
    pub evicted_keys: Counter,
    pub net_input_bytes: Counter,
    pub net_output_bytes: Counter,
    pub connections_received: Counter,
    pub rejected_connections: Counter,
    pub total_error_replies: Counter,
    pub unexpected_error_replies: Counter,
    /// Times a command found its slot locked by another thread.
    pub slot_lock_waits: Counter,
    /// Changes to the dataset (Redis's `dirty`).
    pub dirty: Counter,
    pub reads_processed: Counter,
    pub writes_processed: Counter,
    pub client_query_buffer_limit_disconnections: Counter,
    pub cmds: Box<[CmdStats]>,
    /// `INFO errorstats`: replies counted by error prefix (rare, so a lock is fine).
    pub errors: Mutex<HashMap<String, u64>>,
}

impl ShardStats {
    pub fn new(index: usize, commands: usize) -> Self {
        ShardStats {
            index,
            commands: Counter::default(),
            keyspace_hits: Counter::default(),
            keyspace_misses: Counter::default(),
            expired_keys: Counter::default(),
            expired_subkeys: Counter::default(),
            expired_stale_perc: Counter::default(),
            expired_time_cap_reached_count: Counter::default(),
            avg_ttl: Counter::default(),
            evicted_keys: Counter::default(),
            net_input_bytes: Counter::default(),
            net_output_bytes: Counter::default(),
            connections_received: Counter::default(),
            rejected_connections: Counter::default(),
            total_error_replies: Counter::default(),
            unexpected_error_replies: Counter::default(),
            slot_lock_waits: Counter::default(),
            dirty: Counter::default(),
            reads_processed: Counter::default(),
            writes_processed: Counter::default(),
            client_query_buffer_limit_disconnections: Counter::default(),
            cmds: (0..commands).map(|_| CmdStats::default()).collect(),
            errors: Mutex::new(HashMap::new()),
        }
    }

    pub fn count_error(&self, prefix: &str) {
        self.total_error_replies.inc();
        *self.errors.lock().entry(prefix.to_string()).or_insert(0) += 1;
    }

    /// CONFIG RESETSTAT. Written from another thread, so a racing increment may survive: the
    /// same looseness Redis accepts for its own stat reset.
    pub fn reset(&self) {
        for c in [
            &self.commands,
            &self.keyspace_hits,
            &self.keyspace_misses,
            &self.expired_keys,
            &self.expired_subkeys,
            &self.expired_stale_perc,
            &self.expired_time_cap_reached_count,
            &self.evicted_keys,
            &self.net_input_bytes,
            &self.net_output_bytes,
            &self.connections_received,
            &self.rejected_connections,
            &self.total_error_replies,
            &self.unexpected_error_replies,
            &self.slot_lock_waits,
            &self.reads_processed,
            &self.writes_processed,
            &self.client_query_buffer_limit_disconnections,
        ] {
            c.reset();
        }
        for c in self.cmds.iter() {
            c.calls.reset();
            c.usec.reset();
            c.rejected_calls.reset();
            c.failed_calls.reset();
        }
        self.errors.lock().clear();
    }
}

/// Sums one counter over all shards.
pub fn total(shards: &[ShardStats], f: impl Fn(&ShardStats) -> &Counter) -> u64 {
    shards.iter().map(|s| f(s).get()).sum()
}
