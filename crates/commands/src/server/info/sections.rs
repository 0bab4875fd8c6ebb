//! Builds each INFO section from the server's state, with Redis 7.2's field names and order.
//! Fields shoal cannot have yet (persistence, replicas, scripts) carry the values an idle
//! Redis reports, so parsers find every field they expect.

use std::sync::atomic::Ordering::Relaxed;

use shoal_config::Param;

use super::model::{human_bytes, Section, Selection, Val};
use super::state::Metric;
use super::sys;
use crate::ctx::lru_clock;
use crate::ctx::SlotAccess;
use crate::registry::registry;
use crate::state::{unix_ms, Server};
use crate::stats::{total, ShardStats};

type Builder = fn(&Server, u64) -> Section;

/// Records one `instantaneous_*` sample (at most one per 100 ms); the runtime calls it on a
/// timer, INFO calls it too. Returns the time it used.
pub fn sample(server: &Server) -> u64 {
    let now_ms = unix_ms();
    let shards = &server.shards[..];
    server.info.sample(
        now_ms,
        [
            total(shards, |s| &s.commands),
            total(shards, |s| &s.net_input_bytes),
            total(shards, |s| &s.net_output_bytes),
        ],
    );
    now_ms
}

/// Collects the selected sections, in Redis's section order.
pub fn collect(server: &Server, sel: &Selection) -> Vec<Section> {
    collect_with(server, sel, &mut &server.keyspace)
}

/// As `collect`, walking the keyspace through `slots` (INFO inside EXEC uses the
/// transaction's held slot locks).
pub fn collect_with(server: &Server, sel: &Selection, slots: &mut impl SlotAccess) -> Vec<Section> {
    let now_ms = sample(server);
    let mut out = Vec::new();
    // None: built here, as it walks the slots.
    let builders: [(&str, Option<Builder>); 12] = [
        ("server", Some(server_section)),
        ("clients", None),
        ("memory", Some(memory)),
        ("persistence", Some(persistence)),
        ("stats", Some(stats)),
        ("replication", Some(replication)),
        ("cpu", Some(cpu)),
        ("module_list", Some(modules)),
        ("commandstats", Some(commandstats)),
        ("errorstats", Some(errorstats)),
        ("latencystats", Some(latencystats)),
        ("cluster", Some(cluster)),
    ];
    for (key, build) in builders {
        if sel.wants(key) || (key == "module_list" && sel.wants("modules")) {
            out.push(match build {
                Some(build) => build(server, now_ms),
                None => clients(server, blocking_keys(slots)),
            });
        }
    }
    if sel.wants("keyspace") {
        out.push(keyspace(server, keyspace_counts(server, slots)));
    }
    out
}

fn sum(server: &Server, f: impl Fn(&ShardStats) -> &crate::stats::Counter) -> u64 {
    total(&server.shards, f)
}

fn server_section(server: &Server, now_ms: u64) -> Section {
    let cfg = &server.config;
    let mut s = Section::new("server", "Server");
    s.text("redis_version", shoal_config::REDIS_VERSION);
    s.text("shoal_version", env!("CARGO_PKG_VERSION"));
    s.text("redis_git_sha1", "00000000");
    s.int("redis_git_dirty", 0);
    s.text("redis_build_id", build_id());
    s.text("redis_mode", "standalone");
    s.text("os", sys::os_name());
    s.uint("arch_bits", usize::BITS as u64);
    s.text("monotonic_clock", "POSIX clock_gettime");
    s.text("multiplexing_api", "epoll");
    s.text("atomicvar_api", "c11-builtin");
    s.text("gcc_version", "0.0.0");
    s.uint("process_id", std::process::id() as u64);
    s.text("process_supervised", "no");
    s.text("run_id", server.run_id.clone());
    s.uint("tcp_port", tcp_port(server) as u64);
    let usec = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(now_ms * 1000, |d| d.as_micros() as u64);
    s.uint("server_time_usec", usec);
    let uptime = server.uptime_secs();
    s.uint("uptime_in_seconds", uptime);
    s.uint("uptime_in_days", uptime / 86400);
    s.int("hz", cfg.get_i64(Param::Hz));
    s.int("configured_hz", cfg.get_i64(Param::Hz));
    s.uint("lru_clock", lru_clock(now_ms) as u64);
    s.text("executable", server.executable.clone());
    s.text("config_file", config_file(server));
    s.int("io_threads_active", 0);
    let mut listener: Vec<(&'static str, Val)> = vec![("name", Val::text("tcp"))];
    for addr in cfg.bind() {
        listener.push(("bind", Val::text(addr)));
    }
    listener.push(("port", Val::Uint(tcp_port(server) as u64)));
    s.add("listener0", Val::Pairs(listener));
    s.uint("shoal_shards", server.shard_count() as u64);
    s
}

/// A stable 16-hex-digit id for this build (Redis hashes its build environment).
fn build_id() -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in concat!(env!("CARGO_PKG_NAME"), env!("CARGO_PKG_VERSION")).bytes() {
        h = (h ^ b as u64).wrapping_mul(0x100_0000_01b3);
    }
    format!("{h:016x}")
}

fn tcp_port(server: &Server) -> u16 {
    match server.tcp_port.load(Relaxed) {
        0 => server.config.port(),
        p => p,
    }
}

fn config_file(server: &Server) -> String {
    server
        .config_file
        .clone()
        .or_else(|| server.config.config_file().map(|p| p.display().to_string()))
        .unwrap_or_default()
}

/// Keys (over all databases) with at least one client blocked on them, counted by locking each
/// slot in turn.
fn blocking_keys(slots: &mut impl SlotAccess) -> u64 {
    (0..shoal_util::SLOTS)
        .map(|slot| {
            slots.with_slot(slot as u16, |guard| {
                guard.blocked.as_ref().map_or(0, |t| t.key_count() as u64)
            })
        })
        .sum()
}

fn clients(server: &Server, blocking_keys: u64) -> Section {
    let mut max_in = 0;
    let mut max_out = 0;
    for c in server.clients.iter() {
        max_in = max_in.max(c.qbuf.load(Relaxed));
        max_out = max_out.max(c.omem.load(Relaxed));
    }
    let mut s = Section::new("clients", "Clients");
    s.uint(
        "connected_clients",
        server.connected_clients.load(Relaxed) as u64,
    );
    s.int("cluster_connections", 0);
    s.uint("maxclients", server.config.maxclients());
    s.uint("client_recent_max_input_buffer", max_in);
    s.uint("client_recent_max_output_buffer", max_out);
    s.uint("blocked_clients", crate::blocking::blocked_clients(server));
    s.int("tracking_clients", 0);
    s.int("clients_in_timeout_table", 0);
    s.uint("total_blocking_keys", blocking_keys);
    // Keys whose waiters want waking when the key is deleted: only XREADGROUP blocks so in
    // Redis 7.2, and shoal has no streams.
    s.int("total_blocking_keys_on_nokey", 0);
    s
}

fn ratio(a: u64, b: u64) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

fn memory(server: &Server, _now: u64) -> Section {
    let used = crate::memory::used_memory();
    let peak = server.info.note_memory(used);
    let rss = sys::rss_bytes();
    let mut clients_mem = 0;
    for c in server.clients.iter() {
        clients_mem += c.qbuf.load(Relaxed) + c.omem.load(Relaxed);
    }
    let overhead = clients_mem.min(used);
    let dataset = used - overhead;
    let system = sys::total_system_memory();
    let maxmemory = server.config.maxmemory();
    let mut s = Section::new("memory", "Memory");
    s.uint("used_memory", used);
    s.text("used_memory_human", human_bytes(used));
    s.uint("used_memory_rss", rss);
    s.text("used_memory_rss_human", human_bytes(rss));
    s.uint("used_memory_peak", peak);
    s.text("used_memory_peak_human", human_bytes(peak));
    s.add(
        "used_memory_peak_perc",
        Val::Percent(ratio(used, peak) * 100.0),
    );
    s.uint("used_memory_overhead", overhead);
    s.uint("used_memory_startup", 0);
    s.uint("used_memory_dataset", dataset);
    s.add(
        "used_memory_dataset_perc",
        Val::Percent(ratio(dataset, used) * 100.0),
    );
    s.uint("allocator_allocated", used);
    s.uint("allocator_active", used);
    s.uint("allocator_resident", rss);
    s.uint("total_system_memory", system);
    s.text("total_system_memory_human", human_bytes(system));
    s.int("used_memory_lua", 0);
    s.int("used_memory_vm_eval", 0);
    s.text("used_memory_lua_human", "0B");
    s.int("used_memory_scripts_eval", 0);
    s.int("number_of_cached_scripts", 0);
    s.int("number_of_functions", 0);
    s.int("number_of_libraries", 0);
    s.int("used_memory_vm_functions", 0);
    s.int("used_memory_vm_total", 0);
    s.text("used_memory_vm_total_human", "0B");
    s.int("used_memory_functions", 0);
    s.int("used_memory_scripts", 0);
    s.text("used_memory_scripts_human", "0B");
    s.uint("maxmemory", maxmemory);
    s.text("maxmemory_human", human_bytes(maxmemory));
    s.text(
        "maxmemory_policy",
        server.config.get_enum_name(Param::MaxmemoryPolicy),
    );
    s.add("allocator_frag_ratio", Val::Float(1.0, 2));
    s.int("allocator_frag_bytes", 0);
    s.add("allocator_rss_ratio", Val::Float(ratio(rss, used), 2));
    s.int("allocator_rss_bytes", rss as i64 - used as i64);
    s.add("rss_overhead_ratio", Val::Float(1.0, 2));
    s.int("rss_overhead_bytes", 0);
    s.add("mem_fragmentation_ratio", Val::Float(ratio(rss, used), 2));
    s.int("mem_fragmentation_bytes", rss as i64 - used as i64);
    s.int("mem_not_counted_for_evict", 0);
    s.int("mem_replication_backlog", 0);
    s.int("mem_total_replication_buffers", 0);
    s.int("mem_clients_slaves", 0);
    s.uint("mem_clients_normal", clients_mem);
    s.int("mem_cluster_links", 0);
    s.int("mem_aof_buffer", 0);
    s.text("mem_allocator", "mimalloc");
    s.int("active_defrag_running", 0);
    s.int("lazyfree_pending_objects", 0);
    s.int("lazyfreed_objects", 0);
    s
}

fn persistence(server: &Server, _now: u64) -> Section {
    let mut s = Section::new("persistence", "Persistence");
    s.int("loading", server.loading.load(Relaxed) as i64);
    s.int("async_loading", 0);
    s.int("current_cow_peak", 0);
    s.int("current_cow_size", 0);
    s.int("current_cow_size_age", 0);
    s.add("current_fork_perc", Val::Float(0.0, 2));
    s.int("current_save_keys_processed", 0);
    s.int("current_save_keys_total", 0);
    s.uint("rdb_changes_since_last_save", sum(server, |s| &s.dirty));
    s.int("rdb_bgsave_in_progress", 0);
    s.uint("rdb_last_save_time", server.started_unix_ms / 1000);
    s.text("rdb_last_bgsave_status", "ok");
    s.int("rdb_last_bgsave_time_sec", -1);
    s.int("rdb_current_bgsave_time_sec", -1);
    s.int("rdb_saves", 0);
    s.int("rdb_last_cow_size", 0);
    s.int("rdb_last_load_keys_expired", 0);
    s.int("rdb_last_load_keys_loaded", 0);
    s.int("aof_enabled", 0);
    s.int("aof_rewrite_in_progress", 0);
    s.int("aof_rewrite_scheduled", 0);
    s.int("aof_last_rewrite_time_sec", -1);
    s.int("aof_current_rewrite_time_sec", -1);
    s.text("aof_last_bgrewrite_status", "ok");
    s.int("aof_rewrites", 0);
    s.int("aof_rewrites_consecutive_failures", 0);
    s.text("aof_last_write_status", "ok");
    s.int("aof_last_cow_size", 0);
    s.int("module_fork_in_progress", 0);
    s.int("module_fork_last_cow_size", 0);
    s
}

fn stats(server: &Server, _now: u64) -> Section {
    let info = &server.info;
    let kbps = |m| Val::Float(info.per_second(m) as f64 / 1024.0, 2);
    let shards = server.shards.len().max(1) as f64;
    let stale_perc = server
        .shards
        .iter()
        .map(|s| s.expired_stale_perc.get() as f64)
        .sum::<f64>()
        / shards;
    let mut s = Section::new("stats", "Stats");
    s.uint(
        "total_connections_received",
        sum(server, |s| &s.connections_received),
    );
    s.uint("total_commands_processed", sum(server, |s| &s.commands));
    s.uint(
        "instantaneous_ops_per_sec",
        info.per_second(Metric::Commands),
    );
    s.uint("total_net_input_bytes", sum(server, |s| &s.net_input_bytes));
    s.uint(
        "total_net_output_bytes",
        sum(server, |s| &s.net_output_bytes),
    );
    s.int("total_net_repl_input_bytes", 0);
    s.int("total_net_repl_output_bytes", 0);
    s.add("instantaneous_input_kbps", kbps(Metric::NetInput));
    s.add("instantaneous_output_kbps", kbps(Metric::NetOutput));
    s.add("instantaneous_input_repl_kbps", Val::Float(0.0, 2));
    s.add("instantaneous_output_repl_kbps", Val::Float(0.0, 2));
    s.uint(
        "rejected_connections",
        sum(server, |s| &s.rejected_connections),
    );
    s.int("sync_full", 0);
    s.int("sync_partial_ok", 0);
    s.int("sync_partial_err", 0);
    s.uint("expired_keys", sum(server, |s| &s.expired_keys));
    s.add("expired_stale_perc", Val::Float(stale_perc, 2));
    s.uint(
        "expired_time_cap_reached_count",
        sum(server, |s| &s.expired_time_cap_reached_count),
    );
    s.int("expire_cycle_cpu_milliseconds", 0);
    s.uint("evicted_keys", sum(server, |s| &s.evicted_keys));
    s.int("evicted_clients", 0);
    s.int("total_eviction_exceeded_time", 0);
    s.int("current_eviction_exceeded_time", 0);
    s.uint("keyspace_hits", sum(server, |s| &s.keyspace_hits));
    s.uint("keyspace_misses", sum(server, |s| &s.keyspace_misses));
    s.int("pubsub_channels", 0);
    s.int("pubsub_patterns", 0);
    s.int("pubsubshard_channels", 0);
    s.int("latest_fork_usec", 0);
    s.int("total_forks", 0);
    s.int("migrate_cached_sockets", 0);
    s.int("slave_expires_tracked_keys", 0);
    s.int("active_defrag_hits", 0);
    s.int("active_defrag_misses", 0);
    s.int("active_defrag_key_hits", 0);
    s.int("active_defrag_key_misses", 0);
    s.int("total_active_defrag_time", 0);
    s.int("current_active_defrag_time", 0);
    s.int("tracking_total_keys", 0);
    s.int("tracking_total_items", 0);
    s.int("tracking_total_prefixes", 0);
    s.uint(
        "unexpected_error_replies",
        sum(server, |s| &s.unexpected_error_replies),
    );
    s.uint(
        "total_error_replies",
        sum(server, |s| &s.total_error_replies),
    );
    s.int("dump_payload_sanitizations", 0);
    s.uint("total_reads_processed", sum(server, |s| &s.reads_processed));
    s.uint(
        "total_writes_processed",
        sum(server, |s| &s.writes_processed),
    );
    s.int("io_threaded_reads_processed", 0);
    s.int("io_threaded_writes_processed", 0);
    s.int("reply_buffer_shrinks", 0);
    s.int("reply_buffer_expands", 0);
    s.int("eventloop_cycles", 0);
    s.int("eventloop_duration_sum", 0);
    s.int("eventloop_duration_cmd_sum", 0);
    s.int("instantaneous_eventloop_cycles_per_sec", 0);
    s.int("instantaneous_eventloop_duration_usec", 0);
    s.int("acl_access_denied_auth", 0);
    s.int("acl_access_denied_cmd", 0);
    s.int("acl_access_denied_key", 0);
    s.int("acl_access_denied_channel", 0);
    s.uint("shoal_slot_lock_waits", sum(server, |s| &s.slot_lock_waits));
    s
}

fn replication(server: &Server, _now: u64) -> Section {
    let mut s = Section::new("replication", "Replication");
    s.text("role", "master");
    s.int("connected_slaves", 0);
    s.text("master_failover_state", "no-failover");
    s.text("master_replid", server.info.replid.clone());
    s.text("master_replid2", "0".repeat(40));
    s.int("master_repl_offset", 0);
    s.int("second_repl_offset", -1);
    s.int("repl_backlog_active", 0);
    s.int("repl_backlog_size", 1_048_576);
    s.int("repl_backlog_first_byte_offset", 0);
    s.int("repl_backlog_histlen", 0);
    s
}

fn cpu(_server: &Server, _now: u64) -> Section {
    let (user, sys_) = sys::cpu_times(sys::RUSAGE_SELF);
    let (cuser, csys) = sys::cpu_times(sys::RUSAGE_CHILDREN);
    // The thread running INFO: shoal has no single main thread, this is the closest reading.
    let (tuser, tsys) = sys::cpu_times(sys::RUSAGE_THREAD);
    let mut s = Section::new("cpu", "CPU");
    s.text("used_cpu_sys", sys_);
    s.text("used_cpu_user", user);
    s.text("used_cpu_sys_children", csys);
    s.text("used_cpu_user_children", cuser);
    s.text("used_cpu_sys_main_thread", tsys);
    s.text("used_cpu_user_main_thread", tuser);
    s
}

fn modules(_server: &Server, _now: u64) -> Section {
    Section::new("module_list", "Modules")
}

fn commandstats(server: &Server, _now: u64) -> Section {
    let mut s = Section::new("commandstats", "Commandstats");
    for e in registry().entries() {
        let (mut calls, mut usec, mut rejected, mut failed) = (0u64, 0u64, 0u64, 0u64);
        for shard in server.shards.iter() {
            let c = &shard.cmds[e.id];
            calls += c.calls.get();
            usec += c.usec.get();
            rejected += c.rejected_calls.get();
            failed += c.failed_calls.get();
        }
        if calls == 0 && rejected == 0 && failed == 0 {
            continue;
        }
        let per_call = if calls == 0 {
            0.0
        } else {
            usec as f64 / calls as f64
        };
        s.add(
            format!("cmdstat_{}", e.fullname),
            Val::Pairs(vec![
                ("calls", Val::Uint(calls)),
                ("usec", Val::Uint(usec)),
                ("usec_per_call", Val::Float(per_call, 2)),
                ("rejected_calls", Val::Uint(rejected)),
                ("failed_calls", Val::Uint(failed)),
            ]),
        );
    }
    s
}

fn errorstats(server: &Server, _now: u64) -> Section {
    let mut counts: std::collections::BTreeMap<String, u64> = Default::default();
    for shard in server.shards.iter() {
        for (prefix, n) in shard.errors.lock().iter() {
            *counts.entry(prefix.clone()).or_insert(0) += n;
        }
    }
    let mut s = Section::new("errorstats", "Errorstats");
    for (prefix, n) in counts {
        s.add(
            format!("errorstat_{prefix}"),
            Val::Pairs(vec![("count", Val::Uint(n))]),
        );
    }
    s
}

/// Per-command latency percentiles need histograms shoal does not keep yet: the section is
/// present and empty, as on a Redis with `latency-tracking no`.
fn latencystats(_server: &Server, _now: u64) -> Section {
    Section::new("latencystats", "Latencystats")
}

fn cluster(server: &Server, _now: u64) -> Section {
    let mut s = Section::new("cluster", "Cluster");
    s.int(
        "cluster_enabled",
        server.config.get_bool(Param::ClusterEnabled) as i64,
    );
    s
}

/// Keys and keys with an expire time per database, counted by locking each slot in turn
/// (one lock at a time, so writers wait at most one slot's count).
pub fn keyspace_counts(server: &Server, slots: &mut impl SlotAccess) -> Vec<(u64, u64)> {
    let mut dbs: Vec<(u64, u64)> = vec![(0, 0); server.config.databases()];
    for slot in 0..shoal_util::SLOTS {
        slots.with_slot(slot as u16, |guard| {
            for (i, db) in guard.iter_dbs().enumerate() {
                if i >= dbs.len() {
                    dbs.resize(i + 1, (0, 0));
                }
                dbs[i].0 += db.len() as u64;
                dbs[i].1 += db.expires() as u64;
            }
        });
    }
    dbs
}

fn keyspace(server: &Server, counts: Vec<(u64, u64)>) -> Section {
    // The expiry cycle smooths an average TTL per shard, not per database; every database
    // with volatile keys reports the mean of the shards that have seen some.
    let ttls: Vec<u64> = server
        .shards
        .iter()
        .map(|s| s.avg_ttl.get())
        .filter(|&t| t > 0)
        .collect();
    let avg_ttl = if ttls.is_empty() {
        0
    } else {
        ttls.iter().sum::<u64>() / ttls.len() as u64
    };
    let mut s = Section::new("keyspace", "Keyspace");
    for (i, (keys, expires)) in counts.into_iter().enumerate() {
        if keys == 0 {
            continue;
        }
        s.add(
            format!("db{i}"),
            Val::Pairs(vec![
                ("keys", Val::Uint(keys)),
                ("expires", Val::Uint(expires)),
                ("avg_ttl", Val::Uint(if expires > 0 { avg_ttl } else { 0 })),
            ]),
        );
    }
    s
}
