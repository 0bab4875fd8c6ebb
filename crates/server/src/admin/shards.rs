//! Per-shard `shoal_*` families: each shard thread's own counters (no summing), the clients
//! it serves, and the keys and bytes in the slots it owns.

use std::time::{Duration, Instant};

use parking_lot::Mutex;
use shoal_commands::stats::{Counter, ShardStats};
use shoal_commands::Server;

use super::out::Out;

type Field = fn(&ShardStats) -> &Counter;

/// Counter families published per shard, straight from that shard's `ShardStats`.
const COUNTERS: &[(&str, Field)] = &[
    ("shoal_shard_commands_processed_total", |s| &s.commands),
    ("shoal_shard_net_input_bytes_total", |s| &s.net_input_bytes),
    ("shoal_shard_net_output_bytes_total", |s| {
        &s.net_output_bytes
    }),
    ("shoal_shard_connections_received_total", |s| {
        &s.connections_received
    }),
    ("shoal_shard_rejected_connections_total", |s| {
        &s.rejected_connections
    }),
    ("shoal_shard_keyspace_hits_total", |s| &s.keyspace_hits),
    ("shoal_shard_keyspace_misses_total", |s| &s.keyspace_misses),
    ("shoal_shard_expired_keys_total", |s| &s.expired_keys),
    ("shoal_shard_evicted_keys_total", |s| &s.evicted_keys),
    ("shoal_shard_error_replies_total", |s| {
        &s.total_error_replies
    }),
    ("shoal_slot_lock_waits_total", |s| &s.slot_lock_waits),
];

/// How long a per-shard byte estimate is reused. Keys are counted on every scrape (one
/// length read per table), but estimating bytes reads every entry (~100 ns a key), so with
/// frequent scrapes of a large dataset the walk is done at most this often.
pub const BYTES_MAX_AGE: Duration = Duration::from_secs(10);

/// Keys, keys with an expire time and (when asked) estimated heap bytes in a range of slots.
/// Locks one slot at a time, so a writer waits at most for one slot's walk.
#[derive(Default, Debug, PartialEq, Eq)]
pub struct SlotUsage {
    pub keys: u64,
    pub expiring: u64,
    pub bytes: Option<u64>,
}

pub fn slot_usage(server: &Server, slots: std::ops::Range<usize>, bytes: bool) -> SlotUsage {
    let mut u = SlotUsage {
        bytes: bytes.then_some(0),
        ..SlotUsage::default()
    };
    for slot in slots {
        let guard = server.keyspace.lock(slot as u16);
        for db in guard.iter_dbs() {
            u.keys += db.len() as u64;
            u.expiring += db.expires() as u64;
            if let Some(b) = u.bytes.as_mut() {
                *b += db.table_bytes() as u64;
                *b += db.iter().map(|e| e.footprint() as u64).sum::<u64>();
            }
        }
    }
    u
}

/// The last per-shard byte estimates and when they were taken.
#[derive(Default)]
pub struct BytesCache(Mutex<Option<(Instant, Vec<u64>)>>);

pub fn publish(out: &mut Out, server: &Server, cache: &BytesCache) {
    out.value("shoal_shards", &[], server.shard_count() as f64);
    let mut clients = vec![0u64; server.shard_count()];
    for c in server.clients.iter() {
        if let Some(n) = clients.get_mut(c.shard) {
            *n += 1;
        }
    }
    let mut cached = cache.0.lock();
    let refresh = match &*cached {
        Some((at, v)) => at.elapsed() >= BYTES_MAX_AGE || v.len() != server.shard_count(),
        None => true,
    };
    let mut fresh = Vec::new();
    for (i, stats) in server.shards.iter().enumerate() {
        let shard = i.to_string();
        let label = [shard.as_str()];
        for (family, field) in COUNTERS {
            out.value(family, &label, field(stats).get() as f64);
        }
        let polled = stats.busy_poll_ns.get() as f64 / 1e9;
        out.value("shoal_shard_busy_poll_seconds_total", &label, polled);
        out.value("shoal_shard_connected_clients", &label, clients[i] as f64);
        let u = slot_usage(server, server.owned_slots(i), refresh);
        out.value("shoal_shard_keys", &label, u.keys as f64);
        out.value("shoal_shard_keys_expiring", &label, u.expiring as f64);
        let bytes = match (u.bytes, &*cached) {
            (Some(b), _) => b,
            (None, Some((_, v))) => v[i],
            (None, None) => 0,
        };
        fresh.push(bytes);
        out.value("shoal_shard_dataset_bytes", &label, bytes as f64);
    }
    if refresh {
        *cached = Some((Instant::now(), fresh));
    }
}
