//! Per-shard `shoal_*` families: each shard thread's own counters (no summing), the clients
//! it serves, and the keys and bytes in the slots it owns.

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

/// Keys, keys with an expire time and estimated heap bytes in a range of slots. Locks one
/// slot at a time, so a writer waits at most for one slot's walk.
#[derive(Default, Debug, PartialEq, Eq)]
pub struct SlotUsage {
    pub keys: u64,
    pub expiring: u64,
    pub bytes: u64,
}

pub fn slot_usage(server: &Server, slots: std::ops::Range<usize>) -> SlotUsage {
    let mut u = SlotUsage::default();
    for slot in slots {
        let guard = server.keyspace.lock(slot as u16);
        for db in guard.dbs() {
            u.keys += db.len() as u64;
            u.expiring += db.expires() as u64;
            u.bytes += db.table_bytes() as u64;
            u.bytes += db.iter().map(|e| e.footprint() as u64).sum::<u64>();
        }
    }
    u
}

pub fn publish(out: &mut Out, server: &Server) {
    out.value("shoal_shards", &[], server.shard_count() as f64);
    let mut clients = vec![0u64; server.shard_count()];
    for c in server.clients.iter() {
        if let Some(n) = clients.get_mut(c.shard) {
            *n += 1;
        }
    }
    for (i, stats) in server.shards.iter().enumerate() {
        let shard = i.to_string();
        let label = [shard.as_str()];
        for (family, field) in COUNTERS {
            out.value(family, &label, field(stats).get() as f64);
        }
        out.value("shoal_shard_connected_clients", &label, clients[i] as f64);
        let u = slot_usage(server, server.owned_slots(i));
        out.value("shoal_shard_keys", &label, u.keys as f64);
        out.value("shoal_shard_keys_expiring", &label, u.expiring as f64);
        out.value("shoal_shard_dataset_bytes", &label, u.bytes as f64);
    }
}
