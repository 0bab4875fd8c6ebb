//! Every metric family `/metrics` can publish: name, type, help and label names, in one table,
//! so the collector's descriptors, the HELP/TYPE lines and the samples cannot drift apart.
//!
//! `redis_*` families carry redis_exporter's names, types and labels (dashboards and alerts
//! written for it work unchanged); `shoal_*` families are shoal's own.
//!
//! Left out on purpose: redis_exporter's `*_duration_sec` persistence gauges (promtool rejects
//! the abbreviated unit, and shoal has no background saves yet), `migrate_cached_sockets_total`
//! (a gauge with a counter's suffix, always 0 here) and the exporter's own `redis_exporter_*`
//! bookkeeping. `redis_expired_time_cap_reached_total` is published as a counter (it is one;
//! the exporter types it a gauge, which promtool flags).

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Counter,
    Gauge,
    Histogram,
}

#[derive(Debug)]
pub struct Spec {
    pub name: &'static str,
    pub kind: Kind,
    pub help: &'static str,
    pub labels: &'static [&'static str],
}

const fn c(name: &'static str, help: &'static str) -> Spec {
    Spec {
        name,
        kind: Kind::Counter,
        help,
        labels: &[],
    }
}

const fn g(name: &'static str, help: &'static str) -> Spec {
    Spec {
        name,
        kind: Kind::Gauge,
        help,
        labels: &[],
    }
}

const fn with(spec: Spec, labels: &'static [&'static str]) -> Spec {
    Spec { labels, ..spec }
}

const CMD: &[&str] = &["cmd"];
const DB: &[&str] = &["db"];
const SHARD: &[&str] = &["shard"];

/// Labels of `redis_instance_info`: redis_exporter's set plus `shoal_version` (the exporter
/// likewise appends `valkey_version` for Valkey).
pub const INSTANCE_INFO_LABELS: &[&str] = &[
    "role",
    "redis_version",
    "redis_build_id",
    "redis_mode",
    "os",
    "maxmemory_policy",
    "tcp_port",
    "run_id",
    "process_id",
    "master_replid",
    "shoal_version",
];

pub static FAMILIES: &[Spec] = &[
    // Instance.
    g("redis_up", "Whether the server answered this scrape (always 1 when served by shoal itself)."),
    with(g("redis_instance_info", "Information about the instance; the value is always 1."), INSTANCE_INFO_LABELS),
    g("redis_start_time_seconds", "Start time of the instance since the Unix epoch, in seconds."),
    g("redis_uptime_in_seconds", "INFO uptime_in_seconds."),
    g("redis_process_id", "INFO process_id."),
    g("redis_hz", "INFO hz."),
    g("redis_configured_hz", "INFO configured_hz."),
    g("redis_config_maxclients", "The maxclients setting."),
    g("redis_config_maxmemory", "The maxmemory setting, in bytes (0: no limit)."),
    g("redis_cluster_enabled", "INFO cluster_enabled."),
    // Clients.
    g("redis_connected_clients", "INFO connected_clients."),
    g("redis_blocked_clients", "INFO blocked_clients."),
    g("redis_tracking_clients", "INFO tracking_clients."),
    g("redis_client_recent_max_input_buffer_bytes", "INFO client_recent_max_input_buffer."),
    g("redis_client_recent_max_output_buffer_bytes", "INFO client_recent_max_output_buffer."),
    // Memory.
    g("redis_memory_used_bytes", "INFO used_memory: heap bytes allocated by the server."),
    g("redis_memory_used_rss_bytes", "INFO used_memory_rss."),
    g("redis_memory_used_peak_bytes", "INFO used_memory_peak."),
    g("redis_memory_used_lua_bytes", "INFO used_memory_lua."),
    g("redis_memory_used_overhead_bytes", "INFO used_memory_overhead."),
    g("redis_memory_used_startup_bytes", "INFO used_memory_startup."),
    g("redis_memory_used_dataset_bytes", "INFO used_memory_dataset."),
    g("redis_memory_used_scripts_bytes", "INFO used_memory_scripts."),
    g("redis_memory_max_bytes", "INFO maxmemory (0: no limit)."),
    g("redis_allocator_active_bytes", "INFO allocator_active."),
    g("redis_allocator_allocated_bytes", "INFO allocator_allocated."),
    g("redis_allocator_resident_bytes", "INFO allocator_resident."),
    g("redis_allocator_frag_ratio", "INFO allocator_frag_ratio."),
    g("redis_allocator_frag_bytes", "INFO allocator_frag_bytes."),
    g("redis_allocator_rss_ratio", "INFO allocator_rss_ratio."),
    g("redis_allocator_rss_bytes", "INFO allocator_rss_bytes."),
    g("redis_mem_fragmentation_ratio", "INFO mem_fragmentation_ratio."),
    g("redis_mem_fragmentation_bytes", "INFO mem_fragmentation_bytes."),
    g("redis_mem_clients_slaves", "INFO mem_clients_slaves."),
    g("redis_mem_clients_normal", "INFO mem_clients_normal."),
    g("redis_mem_not_counted_for_eviction_bytes", "INFO mem_not_counted_for_evict."),
    g("redis_lazyfree_pending_objects", "INFO lazyfree_pending_objects."),
    g("redis_active_defrag_running", "INFO active_defrag_running."),
    g("redis_expired_stale_percentage", "INFO expired_stale_perc."),
    g("redis_defrag_hits", "INFO active_defrag_hits."),
    g("redis_defrag_misses", "INFO active_defrag_misses."),
    g("redis_defrag_key_hits", "INFO active_defrag_key_hits."),
    g("redis_defrag_key_misses", "INFO active_defrag_key_misses."),
    // Persistence.
    g("redis_loading_dump_file", "INFO loading: 1 while the dataset is being loaded."),
    g("redis_rdb_changes_since_last_save", "INFO rdb_changes_since_last_save."),
    g("redis_rdb_bgsave_in_progress", "INFO rdb_bgsave_in_progress."),
    g("redis_rdb_last_save_timestamp_seconds", "INFO rdb_last_save_time."),
    g("redis_rdb_last_bgsave_status", "INFO rdb_last_bgsave_status (1: ok)."),
    g("redis_rdb_last_cow_size_bytes", "INFO rdb_last_cow_size."),
    g("redis_aof_enabled", "INFO aof_enabled."),
    g("redis_aof_rewrite_in_progress", "INFO aof_rewrite_in_progress."),
    g("redis_aof_rewrite_scheduled", "INFO aof_rewrite_scheduled."),
    g("redis_aof_last_cow_size_bytes", "INFO aof_last_cow_size."),
    g("redis_aof_last_bgrewrite_status", "INFO aof_last_bgrewrite_status (1: ok)."),
    g("redis_aof_last_write_status", "INFO aof_last_write_status (1: ok)."),
    g("redis_module_fork_in_progress", "INFO module_fork_in_progress."),
    g("redis_module_fork_last_cow_size", "INFO module_fork_last_cow_size."),
    // Stats.
    c("redis_commands_processed_total", "INFO total_commands_processed."),
    c("redis_connections_received_total", "INFO total_connections_received."),
    c("redis_rejected_connections_total", "INFO rejected_connections (maxclients reached)."),
    c("redis_net_input_bytes_total", "INFO total_net_input_bytes."),
    c("redis_net_output_bytes_total", "INFO total_net_output_bytes."),
    c("redis_expired_keys_total", "INFO expired_keys."),
    c("redis_evicted_keys_total", "INFO evicted_keys."),
    c("redis_keyspace_hits_total", "INFO keyspace_hits."),
    c("redis_keyspace_misses_total", "INFO keyspace_misses."),
    c("redis_expired_time_cap_reached_total", "INFO expired_time_cap_reached_count."),
    g("redis_pubsub_channels", "INFO pubsub_channels."),
    g("redis_pubsub_patterns", "INFO pubsub_patterns."),
    g("redis_latest_fork_seconds", "INFO latest_fork_usec, in seconds."),
    // Replication.
    g("redis_connected_slaves", "INFO connected_slaves."),
    g("redis_replication_backlog_bytes", "INFO repl_backlog_size."),
    g("redis_repl_backlog_is_active", "INFO repl_backlog_active."),
    g("redis_repl_backlog_first_byte_offset", "INFO repl_backlog_first_byte_offset."),
    g("redis_repl_backlog_history_bytes", "INFO repl_backlog_histlen."),
    g("redis_master_repl_offset", "INFO master_repl_offset."),
    g("redis_second_repl_offset", "INFO second_repl_offset."),
    g("redis_slave_expires_tracked_keys", "INFO slave_expires_tracked_keys."),
    g("redis_replica_resyncs_full", "INFO sync_full."),
    g("redis_replica_partial_resync_accepted", "INFO sync_partial_ok."),
    g("redis_replica_partial_resync_denied", "INFO sync_partial_err."),
    // CPU.
    c("redis_cpu_sys_seconds_total", "INFO used_cpu_sys."),
    c("redis_cpu_user_seconds_total", "INFO used_cpu_user."),
    c("redis_cpu_sys_children_seconds_total", "INFO used_cpu_sys_children."),
    c("redis_cpu_user_children_seconds_total", "INFO used_cpu_user_children."),
    // Commandstats, errorstats, keyspace.
    with(c("redis_commands_total", "Total number of calls per command (INFO commandstats calls)."), CMD),
    with(c("redis_commands_duration_seconds_total", "Total time spent per command, in seconds (INFO commandstats usec)."), CMD),
    with(c("redis_commands_rejected_calls_total", "Calls rejected before running, per command (INFO commandstats rejected_calls)."), CMD),
    with(c("redis_commands_failed_calls_total", "Calls that ran and failed, per command (INFO commandstats failed_calls)."), CMD),
    with(c("redis_errors_total", "Error replies per error prefix (INFO errorstats)."), &["err"]),
    with(g("redis_db_keys", "Keys per database (INFO keyspace keys)."), DB),
    with(g("redis_db_keys_expiring", "Keys with an expire time per database (INFO keyspace expires)."), DB),
    with(g("redis_db_avg_ttl_seconds", "Average TTL of keys with an expire time, in seconds (INFO keyspace avg_ttl)."), DB),
    // shoal's own.
    g("shoal_shards", "Number of shard threads."),
    g("shoal_ready", "1 when /readyz answers 200: the dataset is loaded and every shard thread accepts connections."),
    g("shoal_scrape_collect_seconds", "Time this scrape spent collecting the figures below (before encoding)."),
    with(c("shoal_shard_commands_processed_total", "Commands run by each shard thread."), SHARD),
    with(c("shoal_shard_net_input_bytes_total", "Bytes read from clients by each shard thread."), SHARD),
    with(c("shoal_shard_net_output_bytes_total", "Bytes written to clients by each shard thread."), SHARD),
    with(c("shoal_shard_connections_received_total", "Connections accepted by each shard thread's listener."), SHARD),
    with(c("shoal_shard_rejected_connections_total", "Connections each shard thread refused at maxclients."), SHARD),
    with(g("shoal_shard_connected_clients", "Clients connected to each shard thread."), SHARD),
    with(c("shoal_shard_keyspace_hits_total", "Key lookups that found the key, per shard thread."), SHARD),
    with(c("shoal_shard_keyspace_misses_total", "Key lookups that did not find the key, per shard thread."), SHARD),
    with(c("shoal_shard_expired_keys_total", "Keys expired by each shard thread (lazily by its commands or by its active-expiry cycle)."), SHARD),
    with(c("shoal_shard_evicted_keys_total", "Keys evicted by each shard thread."), SHARD),
    with(c("shoal_shard_error_replies_total", "Error replies sent by each shard thread."), SHARD),
    with(c("shoal_shard_busy_poll_seconds_total", "Time each shard thread spent busy polling its sockets without finding work (see busy-poll-us)."), SHARD),
    with(c("shoal_slot_lock_waits_total", "Times a command on this shard thread found its slot locked by another thread and waited."), SHARD),
    with(g("shoal_shard_keys", "Keys (all databases) in the slots this shard thread owns for background work."), SHARD),
    with(g("shoal_shard_keys_expiring", "Keys with an expire time in the slots this shard thread owns."), SHARD),
    with(g("shoal_shard_dataset_bytes", "Estimated heap bytes of the keys, values and tables in the slots this shard thread owns (re-estimated at most every 10 s)."), SHARD),
    Spec {
        name: "shoal_command_duration_seconds",
        kind: Kind::Histogram,
        help: "Execution time per command (handler only, after slot locking), summed over shard threads.",
        labels: CMD,
    },
];

/// INFO fields published one to one: field name, family, multiplier to the family's unit.
/// Commandstats, errorstats, keyspace and the instance labels are handled separately.
pub static INFO_FIELDS: &[(&str, &str, f64)] = &[
    ("uptime_in_seconds", "redis_uptime_in_seconds", 1.0),
    ("process_id", "redis_process_id", 1.0),
    ("hz", "redis_hz", 1.0),
    ("configured_hz", "redis_configured_hz", 1.0),
    ("cluster_enabled", "redis_cluster_enabled", 1.0),
    ("connected_clients", "redis_connected_clients", 1.0),
    ("blocked_clients", "redis_blocked_clients", 1.0),
    ("tracking_clients", "redis_tracking_clients", 1.0),
    (
        "client_recent_max_input_buffer",
        "redis_client_recent_max_input_buffer_bytes",
        1.0,
    ),
    (
        "client_recent_max_output_buffer",
        "redis_client_recent_max_output_buffer_bytes",
        1.0,
    ),
    ("used_memory", "redis_memory_used_bytes", 1.0),
    ("used_memory_rss", "redis_memory_used_rss_bytes", 1.0),
    ("used_memory_peak", "redis_memory_used_peak_bytes", 1.0),
    ("used_memory_lua", "redis_memory_used_lua_bytes", 1.0),
    (
        "used_memory_overhead",
        "redis_memory_used_overhead_bytes",
        1.0,
    ),
    (
        "used_memory_startup",
        "redis_memory_used_startup_bytes",
        1.0,
    ),
    (
        "used_memory_dataset",
        "redis_memory_used_dataset_bytes",
        1.0,
    ),
    (
        "used_memory_scripts",
        "redis_memory_used_scripts_bytes",
        1.0,
    ),
    ("maxmemory", "redis_memory_max_bytes", 1.0),
    ("allocator_active", "redis_allocator_active_bytes", 1.0),
    (
        "allocator_allocated",
        "redis_allocator_allocated_bytes",
        1.0,
    ),
    ("allocator_resident", "redis_allocator_resident_bytes", 1.0),
    ("allocator_frag_ratio", "redis_allocator_frag_ratio", 1.0),
    ("allocator_frag_bytes", "redis_allocator_frag_bytes", 1.0),
    ("allocator_rss_ratio", "redis_allocator_rss_ratio", 1.0),
    ("allocator_rss_bytes", "redis_allocator_rss_bytes", 1.0),
    (
        "mem_fragmentation_ratio",
        "redis_mem_fragmentation_ratio",
        1.0,
    ),
    (
        "mem_fragmentation_bytes",
        "redis_mem_fragmentation_bytes",
        1.0,
    ),
    ("mem_clients_slaves", "redis_mem_clients_slaves", 1.0),
    ("mem_clients_normal", "redis_mem_clients_normal", 1.0),
    (
        "mem_not_counted_for_evict",
        "redis_mem_not_counted_for_eviction_bytes",
        1.0,
    ),
    (
        "lazyfree_pending_objects",
        "redis_lazyfree_pending_objects",
        1.0,
    ),
    ("active_defrag_running", "redis_active_defrag_running", 1.0),
    ("expired_stale_perc", "redis_expired_stale_percentage", 1.0),
    ("active_defrag_hits", "redis_defrag_hits", 1.0),
    ("active_defrag_misses", "redis_defrag_misses", 1.0),
    ("active_defrag_key_hits", "redis_defrag_key_hits", 1.0),
    ("active_defrag_key_misses", "redis_defrag_key_misses", 1.0),
    ("loading", "redis_loading_dump_file", 1.0),
    (
        "rdb_changes_since_last_save",
        "redis_rdb_changes_since_last_save",
        1.0,
    ),
    (
        "rdb_bgsave_in_progress",
        "redis_rdb_bgsave_in_progress",
        1.0,
    ),
    (
        "rdb_last_save_time",
        "redis_rdb_last_save_timestamp_seconds",
        1.0,
    ),
    (
        "rdb_last_bgsave_status",
        "redis_rdb_last_bgsave_status",
        1.0,
    ),
    ("rdb_last_cow_size", "redis_rdb_last_cow_size_bytes", 1.0),
    ("aof_enabled", "redis_aof_enabled", 1.0),
    (
        "aof_rewrite_in_progress",
        "redis_aof_rewrite_in_progress",
        1.0,
    ),
    ("aof_rewrite_scheduled", "redis_aof_rewrite_scheduled", 1.0),
    ("aof_last_cow_size", "redis_aof_last_cow_size_bytes", 1.0),
    (
        "aof_last_bgrewrite_status",
        "redis_aof_last_bgrewrite_status",
        1.0,
    ),
    ("aof_last_write_status", "redis_aof_last_write_status", 1.0),
    (
        "module_fork_in_progress",
        "redis_module_fork_in_progress",
        1.0,
    ),
    (
        "module_fork_last_cow_size",
        "redis_module_fork_last_cow_size",
        1.0,
    ),
    (
        "total_commands_processed",
        "redis_commands_processed_total",
        1.0,
    ),
    (
        "total_connections_received",
        "redis_connections_received_total",
        1.0,
    ),
    (
        "rejected_connections",
        "redis_rejected_connections_total",
        1.0,
    ),
    ("total_net_input_bytes", "redis_net_input_bytes_total", 1.0),
    (
        "total_net_output_bytes",
        "redis_net_output_bytes_total",
        1.0,
    ),
    ("expired_keys", "redis_expired_keys_total", 1.0),
    ("evicted_keys", "redis_evicted_keys_total", 1.0),
    ("keyspace_hits", "redis_keyspace_hits_total", 1.0),
    ("keyspace_misses", "redis_keyspace_misses_total", 1.0),
    (
        "expired_time_cap_reached_count",
        "redis_expired_time_cap_reached_total",
        1.0,
    ),
    ("pubsub_channels", "redis_pubsub_channels", 1.0),
    ("pubsub_patterns", "redis_pubsub_patterns", 1.0),
    ("latest_fork_usec", "redis_latest_fork_seconds", 1e-6),
    ("connected_slaves", "redis_connected_slaves", 1.0),
    ("repl_backlog_size", "redis_replication_backlog_bytes", 1.0),
    ("repl_backlog_active", "redis_repl_backlog_is_active", 1.0),
    (
        "repl_backlog_first_byte_offset",
        "redis_repl_backlog_first_byte_offset",
        1.0,
    ),
    (
        "repl_backlog_histlen",
        "redis_repl_backlog_history_bytes",
        1.0,
    ),
    ("master_repl_offset", "redis_master_repl_offset", 1.0),
    ("second_repl_offset", "redis_second_repl_offset", 1.0),
    (
        "slave_expires_tracked_keys",
        "redis_slave_expires_tracked_keys",
        1.0,
    ),
    ("sync_full", "redis_replica_resyncs_full", 1.0),
    (
        "sync_partial_ok",
        "redis_replica_partial_resync_accepted",
        1.0,
    ),
    (
        "sync_partial_err",
        "redis_replica_partial_resync_denied",
        1.0,
    ),
    ("used_cpu_sys", "redis_cpu_sys_seconds_total", 1.0),
    ("used_cpu_user", "redis_cpu_user_seconds_total", 1.0),
    (
        "used_cpu_sys_children",
        "redis_cpu_sys_children_seconds_total",
        1.0,
    ),
    (
        "used_cpu_user_children",
        "redis_cpu_user_children_seconds_total",
        1.0,
    ),
];

pub fn spec(name: &str) -> Option<&'static Spec> {
    FAMILIES.iter().find(|s| s.name == name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_follow_prometheus_conventions() {
        let mut seen = std::collections::HashSet::new();
        for s in FAMILIES {
            assert!(seen.insert(s.name), "duplicate family {}", s.name);
            assert!(
                s.name.starts_with("redis_") || s.name.starts_with("shoal_"),
                "{}",
                s.name
            );
            assert_eq!(
                s.kind == Kind::Counter,
                s.name.ends_with("_total"),
                "{}: counters and only counters end in _total",
                s.name
            );
            assert!(!s.help.is_empty(), "{} has no help", s.name);
        }
    }

    #[test]
    fn every_info_field_maps_to_a_known_family() {
        let mut seen = std::collections::HashSet::new();
        for (field, family, _) in INFO_FIELDS {
            assert!(seen.insert(*field), "field {field} mapped twice");
            let s = spec(family).unwrap_or_else(|| panic!("{family} not in FAMILIES"));
            assert!(s.labels.is_empty(), "{family} takes labels");
        }
    }
}
