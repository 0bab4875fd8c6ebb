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

/// Finite latency buckets per command; their upper bounds double from 250 ns to ~2.1 s.
pub const LATENCY_BUCKETS: usize = 24;
/// Upper bound of the first latency bucket.
const FIRST_BOUND_NS: u64 = 250;

/// Upper bound (inclusive, in nanoseconds) of finite latency bucket `i`.
pub const fn latency_bound_ns(i: usize) -> u64 {
    FIRST_BOUND_NS << i
}

/// The bucket a duration falls in: the first whose bound is at least `ns`, or the overflow
/// bucket `LATENCY_BUCKETS` past the last bound: a division by a constant and a leading-zero
/// count, no loop.
#[inline]
pub fn latency_bucket(ns: u64) -> usize {
    let q = ns.saturating_sub(1) / FIRST_BOUND_NS;
    ((u64::BITS - q.leading_zeros()) as usize).min(LATENCY_BUCKETS)
}

/// Per-command latency histogram of one shard thread: non-cumulative counts per bucket, the
/// last one counting everything above the last bound. Exporters sum shards and accumulate.
#[derive(Default, Debug)]
pub struct LatencyHistogram {
    buckets: [Counter; LATENCY_BUCKETS + 1],
}

impl LatencyHistogram {
    #[inline]
    pub fn record(&self, ns: u64) {
        self.buckets[latency_bucket(ns)].inc();
    }

    /// Count in bucket `i` (`LATENCY_BUCKETS` is the overflow bucket).
    pub fn bucket(&self, i: usize) -> u64 {
        self.buckets[i].get()
    }

    pub fn reset(&self) {
        for b in &self.buckets {
            b.reset();
        }
    }
}

/// Counters kept per command (and subcommand), indexed by registry id.
#[derive(Default, Debug)]
pub struct CmdStats {
    pub calls: Counter,
    pub usec: Counter,
    pub rejected_calls: Counter,
    pub failed_calls: Counter,
    /// Execution time of each call, for `/metrics` (INFO keeps only `usec`).
    pub latency: LatencyHistogram,
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
    /// Time the thread spent busy polling without finding work.
    pub busy_poll_ns: Counter,
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
            busy_poll_ns: Counter::default(),
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
            c.latency.reset();
        }
        self.errors.lock().clear();
    }
}

/// Sums one counter over all shards.
pub fn total(shards: &[ShardStats], f: impl Fn(&ShardStats) -> &Counter) -> u64 {
    shards.iter().map(|s| f(s).get()).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bucket_bounds_are_inclusive_and_double() {
        assert_eq!(latency_bucket(0), 0);
        assert_eq!(latency_bucket(1), 0);
        assert_eq!(latency_bucket(250), 0);
        assert_eq!(latency_bucket(251), 1);
        assert_eq!(latency_bucket(500), 1);
        assert_eq!(latency_bucket(501), 2);
        assert_eq!(latency_bucket(1_000), 2);
        assert_eq!(latency_bucket(1_001), 3);
        for i in 0..LATENCY_BUCKETS {
            assert_eq!(latency_bucket(latency_bound_ns(i)), i, "bound {i}");
            assert_eq!(
                latency_bucket(latency_bound_ns(i) + 1),
                i + 1,
                "past bound {i}"
            );
        }
        assert_eq!(latency_bound_ns(LATENCY_BUCKETS - 1), 2_097_152_000);
        assert_eq!(latency_bucket(u64::MAX), LATENCY_BUCKETS);
    }

    #[test]
    fn histogram_records_and_resets() {
        let h = LatencyHistogram::default();
        h.record(100);
        h.record(300);
        h.record(300);
        h.record(10_000_000_000);
        assert_eq!(h.bucket(0), 1);
        assert_eq!(h.bucket(1), 2);
        assert_eq!(h.bucket(LATENCY_BUCKETS), 1);
        h.reset();
        assert_eq!((0..=LATENCY_BUCKETS).map(|i| h.bucket(i)).sum::<u64>(), 0);
    }

    #[test]
    fn dispatch_records_one_observation_per_executed_call() {
        let mut t = crate::testing::TestServer::new();
        t.run(&["SET", "k", "v"]);
        t.run(&["SET", "k", "v", "EX", "0"]);
        t.run(&["GET", "k"]);
        t.run(&["GET"]);
        let count = |name: &str| {
            let id = crate::registry().by_fullname(name).unwrap().id;
            t.server
                .shards
                .iter()
                .map(|s| {
                    (0..=LATENCY_BUCKETS)
                        .map(|i| s.cmds[id].latency.bucket(i))
                        .sum::<u64>()
                })
                .sum::<u64>()
        };
        // A call that fails in its handler ran and is timed; one rejected for arity is not.
        assert_eq!(count("set"), 2);
        assert_eq!(count("get"), 1);
        assert_eq!(count("del"), 0);
    }

    #[test]
    fn resetstat_clears_histograms() {
        let s = ShardStats::new(0, 2);
        s.cmds[1].latency.record(2_000);
        s.reset();
        assert_eq!(s.cmds[1].latency.bucket(latency_bucket(2_000)), 0);
    }
}
