use std::sync::atomic::Ordering::Relaxed;

use shoal_resp::Proto;

use super::{field, headers, info_text};
use crate::server::info::{collect, human_bytes, render, Section, Selection, Val};
use crate::state::unix_ms;
use crate::testing::TestServer;

const DEFAULT: &[&str] = &[
    "Server",
    "Clients",
    "Memory",
    "Persistence",
    "Stats",
    "Replication",
    "CPU",
    "Modules",
    "Errorstats",
    "Cluster",
    "Keyspace",
];

const ALL: &[&str] = &[
    "Server",
    "Clients",
    "Memory",
    "Persistence",
    "Stats",
    "Replication",
    "CPU",
    "Modules",
    "Commandstats",
    "Errorstats",
    "Latencystats",
    "Cluster",
    "Keyspace",
];

#[test]
fn no_argument_and_default_give_the_default_sections_in_order() {
    let mut t = TestServer::new();
    assert_eq!(headers(&info_text(&mut t, &[])), DEFAULT);
    assert_eq!(headers(&info_text(&mut t, &["default"])), DEFAULT);
    assert_eq!(headers(&info_text(&mut t, &["DEFAULT"])), DEFAULT);
}

#[test]
fn all_and_everything_add_commandstats_and_latencystats() {
    let mut t = TestServer::new();
    assert_eq!(headers(&info_text(&mut t, &["all"])), ALL);
    assert_eq!(headers(&info_text(&mut t, &["everything"])), ALL);
    assert_eq!(headers(&info_text(&mut t, &["Everything", "server"])), ALL);
}

#[test]
fn sections_are_chosen_case_insensitively_and_printed_in_redis_order() {
    let mut t = TestServer::new();
    assert_eq!(
        headers(&info_text(&mut t, &["keyspace", "CPU", "server"])),
        ["Server", "CPU", "Keyspace"]
    );
    assert_eq!(
        headers(&info_text(&mut t, &["commandstats", "default"])),
        [
            "Server",
            "Clients",
            "Memory",
            "Persistence",
            "Stats",
            "Replication",
            "CPU",
            "Modules",
            "Commandstats",
            "Errorstats",
            "Cluster",
            "Keyspace"
        ]
    );
    assert_eq!(headers(&info_text(&mut t, &["modules"])), ["Modules"]);
    assert_eq!(headers(&info_text(&mut t, &["module_list"])), ["Modules"]);
    assert_eq!(headers(&info_text(&mut t, &["stats", "stats"])), ["Stats"]);
}

#[test]
fn unknown_section_is_an_empty_string() {
    let mut t = TestServer::new();
    assert_eq!(t.text(&["INFO", "nosuch"]), "$0\r\n\r\n");
}

#[test]
fn exact_bytes_of_small_sections() {
    let mut t = TestServer::new();
    assert_eq!(t.text(&["INFO", "keyspace"]), "$12\r\n# Keyspace\r\n\r\n");
    assert_eq!(
        t.text(&["INFO", "cluster", "modules"]),
        "$43\r\n# Modules\r\n\r\n# Cluster\r\ncluster_enabled:0\r\n\r\n"
    );
}

#[test]
fn resp3_sends_a_verbatim_txt_string() {
    let mut t = TestServer::new();
    t.out.proto = Proto::Resp3;
    assert_eq!(
        t.text(&["INFO", "keyspace"]),
        "=16\r\ntxt:# Keyspace\r\n\r\n"
    );
    t.run(&["SET", "k", "v"]);
    assert_eq!(
        t.text(&["INFO", "keyspace"]),
        "=48\r\ntxt:# Keyspace\r\ndb0:keys=1,expires=0,avg_ttl=0\r\n\r\n"
    );
}

#[test]
fn every_line_ends_with_crlf() {
    let mut t = TestServer::new();
    let text = info_text(&mut t, &["everything"]);
    assert!(text.ends_with("\r\n") && !text.ends_with("\r\n\r\n"));
    assert!(!text.replace("\r\n", "").contains('\n'));
    assert!(!text.replace("\r\n", "").contains('\r'));
    // Sections are separated by exactly one empty line.
    assert_eq!(text.matches("\r\n\r\n# ").count(), ALL.len() - 1);
    for line in text
        .split("\r\n")
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
    {
        let (name, _) = line.split_once(':').expect("field lines are name:value");
        assert!(
            name.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'|'),
            "bad field name {name}"
        );
    }
}

#[test]
fn server_section_fields() {
    let mut t = TestServer::new();
    t.server.tcp_port.store(7777, Relaxed);
    let s = info_text(&mut t, &["server"]);
    assert_eq!(field(&s, "redis_version"), shoal_config::REDIS_VERSION);
    assert_eq!(field(&s, "shoal_version"), env!("CARGO_PKG_VERSION"));
    assert_eq!(field(&s, "redis_git_sha1"), "00000000");
    assert_eq!(field(&s, "redis_mode"), "standalone");
    assert_eq!(field(&s, "arch_bits"), "64");
    assert_eq!(field(&s, "multiplexing_api"), "epoll");
    assert_eq!(field(&s, "process_id"), std::process::id().to_string());
    assert_eq!(field(&s, "run_id"), t.server.run_id);
    assert_eq!(field(&s, "tcp_port"), "7777");
    assert_eq!(field(&s, "uptime_in_seconds"), "0");
    assert_eq!(field(&s, "uptime_in_days"), "0");
    assert_eq!(field(&s, "hz"), "10");
    assert_eq!(field(&s, "configured_hz"), "10");
    assert_eq!(field(&s, "config_file"), "");
    assert_eq!(field(&s, "executable"), t.server.executable);
    assert_eq!(field(&s, "io_threads_active"), "0");
    assert_eq!(
        field(&s, "listener0"),
        "name=tcp,bind=127.0.0.1,bind=-::1,port=7777"
    );
    assert_eq!(field(&s, "shoal_shards"), "3");
    assert!(field(&s, "os").starts_with("Linux "));
    assert_eq!(field(&s, "redis_build_id").len(), 16);
    let usec: u64 = field(&s, "server_time_usec").parse().unwrap();
    assert!(usec.abs_diff(unix_ms() * 1000) < 5_000_000);
    let lru: u64 = field(&s, "lru_clock").parse().unwrap();
    assert_eq!(lru, (unix_ms() / 1000) & 0xff_ffff);
}

#[test]
fn server_section_follows_config() {
    let mut t = TestServer::with_args(&["--hz", "50", "--port", "6400", "--bind", "0.0.0.0"]);
    let s = info_text(&mut t, &["server"]);
    assert_eq!(field(&s, "hz"), "50");
    assert_eq!(field(&s, "tcp_port"), "6400");
    assert_eq!(field(&s, "listener0"), "name=tcp,bind=0.0.0.0,port=6400");
}

#[test]
fn clients_section() {
    let mut t = TestServer::with_args(&["--maxclients", "123"]);
    t.server.connected_clients.store(5, Relaxed);
    t.client.handle.qbuf.store(300, Relaxed);
    t.client.handle.omem.store(70, Relaxed);
    let s = info_text(&mut t, &["clients"]);
    assert_eq!(
        s,
        "# Clients\r\nconnected_clients:5\r\ncluster_connections:0\r\nmaxclients:123\r\n\
         client_recent_max_input_buffer:300\r\nclient_recent_max_output_buffer:70\r\n\
         blocked_clients:0\r\ntracking_clients:0\r\nclients_in_timeout_table:0\r\n\
         total_blocking_keys:0\r\ntotal_blocking_keys_on_nokey:0\r\n"
    );
}

#[test]
fn memory_section_fields() {
    let mut t = TestServer::with_args(&["--maxmemory", "4gb", "--maxmemory-policy", "allkeys-lru"]);
    let s = info_text(&mut t, &["memory"]);
    assert_eq!(field(&s, "maxmemory"), "4294967296");
    assert_eq!(field(&s, "maxmemory_human"), "4.00G");
    assert_eq!(field(&s, "maxmemory_policy"), "allkeys-lru");
    let used: u64 = field(&s, "used_memory").parse().unwrap();
    assert_eq!(field(&s, "used_memory_human"), human_bytes(used));
    let rss: u64 = field(&s, "used_memory_rss").parse().unwrap();
    assert!(rss > 0, "RSS comes from /proc/self/statm");
    assert!(field(&s, "total_system_memory").parse::<u64>().unwrap() > 0);
    assert!(field(&s, "used_memory_peak_perc").ends_with('%'));
    assert_eq!(field(&s, "mem_allocator"), "mimalloc");
    assert_eq!(field(&s, "used_memory_lua"), "0");
    for name in [
        "used_memory_peak",
        "used_memory_overhead",
        "used_memory_startup",
        "used_memory_dataset",
        "allocator_allocated",
        "allocator_resident",
        "mem_fragmentation_bytes",
        "mem_clients_normal",
        "lazyfreed_objects",
    ] {
        field(&s, name).parse::<i64>().expect(name);
    }
    let ratio = field(&s, "mem_fragmentation_ratio");
    assert_eq!(ratio.split_once('.').expect("two decimals").1.len(), 2);
}

#[test]
fn human_bytes_matches_redis() {
    assert_eq!(human_bytes(0), "0B");
    assert_eq!(human_bytes(1023), "1023B");
    assert_eq!(human_bytes(1024), "1.00K");
    assert_eq!(human_bytes(916_456), "894.98K");
    assert_eq!(human_bytes(1024 * 1024), "1.00M");
    assert_eq!(human_bytes(6_692_864), "6.38M");
    assert_eq!(human_bytes(25_276_510_208), "23.54G");
    assert_eq!(human_bytes(1 << 40), "1.00T");
    assert_eq!(human_bytes(1 << 50), "1.00P");
    assert_eq!(human_bytes(1 << 60), "1152921504606846976B");
}

#[test]
fn persistence_section_reports_an_idle_server() {
    let mut t = TestServer::new();
    t.run(&["SET", "a", "1"]);
    t.run(&["SET", "b", "2"]);
    t.run(&["GET", "a"]);
    let s = info_text(&mut t, &["persistence"]);
    assert_eq!(field(&s, "loading"), "0");
    assert_eq!(field(&s, "rdb_changes_since_last_save"), "2");
    assert_eq!(
        field(&s, "rdb_last_save_time"),
        (t.server.started_unix_ms / 1000).to_string()
    );
    assert_eq!(field(&s, "rdb_bgsave_in_progress"), "0");
    assert_eq!(field(&s, "rdb_last_bgsave_status"), "ok");
    assert_eq!(field(&s, "rdb_last_bgsave_time_sec"), "-1");
    assert_eq!(field(&s, "aof_enabled"), "0");
    assert_eq!(field(&s, "aof_last_write_status"), "ok");
    assert_eq!(field(&s, "current_fork_perc"), "0.00");
    t.server.loading.store(true, Relaxed);
    assert_eq!(field(&info_text(&mut t, &["persistence"]), "loading"), "1");
}

#[test]
fn stats_are_summed_over_shards() {
    let mut t = TestServer::new();
    t.run(&["SET", "k", "v"]);
    t.run(&["GET", "k"]);
    t.run(&["GET", "missing"]);
    let shards = &t.server.shards;
    shards[1].commands.add(10);
    shards[2].keyspace_hits.add(4);
    shards[1].keyspace_misses.add(2);
    shards[2].expired_keys.add(7);
    shards[1].evicted_keys.add(3);
    shards[0].net_input_bytes.add(100);
    shards[2].net_input_bytes.add(23);
    shards[1].net_output_bytes.add(9);
    shards[1].connections_received.add(6);
    shards[2].rejected_connections.add(1);
    shards[1].slot_lock_waits.add(11);
    shards[2].reads_processed.add(8);
    shards[0].writes_processed.add(5);
    shards[2].expired_time_cap_reached_count.add(2);
    let s = info_text(&mut t, &["stats"]);
    // SET, GET, GET on shard 0 plus 10 counted on shard 1.
    assert_eq!(field(&s, "total_commands_processed"), "13");
    assert_eq!(field(&s, "keyspace_hits"), "5");
    assert_eq!(field(&s, "keyspace_misses"), "3");
    assert_eq!(field(&s, "expired_keys"), "7");
    assert_eq!(field(&s, "evicted_keys"), "3");
    assert_eq!(field(&s, "total_net_input_bytes"), "123");
    assert_eq!(field(&s, "total_net_output_bytes"), "9");
    assert_eq!(field(&s, "total_connections_received"), "6");
    assert_eq!(field(&s, "rejected_connections"), "1");
    assert_eq!(field(&s, "shoal_slot_lock_waits"), "11");
    assert_eq!(field(&s, "total_reads_processed"), "8");
    assert_eq!(field(&s, "total_writes_processed"), "5");
    assert_eq!(field(&s, "expired_time_cap_reached_count"), "2");
    assert_eq!(field(&s, "total_error_replies"), "0");
    assert_eq!(field(&s, "expired_stale_perc"), "0.00");
    assert_eq!(field(&s, "instantaneous_input_kbps"), "0.00");
    assert_eq!(field(&s, "pubsub_channels"), "0");
    assert_eq!(field(&s, "acl_access_denied_channel"), "0");
    let names: Vec<&str> = s
        .split("\r\n")
        .skip(1)
        .filter_map(|l| l.split_once(':').map(|(n, _)| n))
        .collect();
    assert_eq!(names.first(), Some(&"total_connections_received"));
    assert_eq!(names.last(), Some(&"shoal_slot_lock_waits"));
    assert_eq!(names.len(), 60);
}

#[test]
fn instantaneous_ops_come_from_the_sampler() {
    let mut t = TestServer::new();
    let now = unix_ms();
    t.server.info.sample(now - 1000, [0, 0, 0]);
    t.server.shards[0].commands.add(16_000);
    let s = info_text(&mut t, &["stats"]);
    // About 16000 commands over about a second, averaged over 16 slots of which one is filled.
    let ops: u64 = field(&s, "instantaneous_ops_per_sec").parse().unwrap();
    assert!((500..=1000).contains(&ops), "ops/sec {ops}");
}

#[test]
fn replication_section_is_a_master_without_replicas() {
    let mut t = TestServer::new();
    let s = info_text(&mut t, &["replication"]);
    let replid = field(&s, "master_replid");
    assert_eq!(replid.len(), 40);
    assert!(replid.bytes().all(|b| b.is_ascii_hexdigit()));
    assert_eq!(
        s,
        format!(
            "# Replication\r\nrole:master\r\nconnected_slaves:0\r\n\
             master_failover_state:no-failover\r\nmaster_replid:{replid}\r\n\
             master_replid2:0000000000000000000000000000000000000000\r\n\
             master_repl_offset:0\r\nsecond_repl_offset:-1\r\nrepl_backlog_active:0\r\n\
             repl_backlog_size:1048576\r\nrepl_backlog_first_byte_offset:0\r\n\
             repl_backlog_histlen:0\r\n"
        )
    );
    // Stable for the server's life.
    assert_eq!(
        field(&info_text(&mut t, &["replication"]), "master_replid"),
        replid
    );
}

#[test]
fn cpu_section_has_six_second_counters() {
    let mut t = TestServer::new();
    let s = info_text(&mut t, &["cpu"]);
    let names: Vec<&str> = s
        .split("\r\n")
        .skip(1)
        .filter_map(|l| l.split_once(':').map(|(n, _)| n))
        .collect();
    assert_eq!(
        names,
        [
            "used_cpu_sys",
            "used_cpu_user",
            "used_cpu_sys_children",
            "used_cpu_user_children",
            "used_cpu_sys_main_thread",
            "used_cpu_user_main_thread"
        ]
    );
    for n in names {
        let v = field(&s, n);
        let (secs, micros) = v.split_once('.').expect("seconds.micros");
        assert!(secs.parse::<u64>().is_ok() && micros.len() == 6, "{n}:{v}");
    }
}

#[test]
fn commandstats_count_calls_rejections_and_failures() {
    let mut t = TestServer::new();
    t.run(&["SET", "k", "v"]);
    t.run(&["SET", "k", "v"]);
    t.run(&["GET", "k"]);
    t.run(&["GET"]);
    t.run(&["SET", "k", "v", "EX", "0"]);
    t.run(&["CONFIG", "GET", "hz"]);
    t.run(&["CONFIG", "SET", "hz"]);
    t.run(&["CONFIG", "nosuch"]);
    t.run(&["NOSUCH"]);
    let s = info_text(&mut t, &["commandstats"]);
    // Unknown commands and subcommands are not counted against anything.
    assert!(!s.contains("cmdstat_config:"), "{s}");
    let stat = |name: &str| {
        let v = field(&s, name);
        let parts: Vec<(String, String)> = v
            .split(',')
            .map(|p| {
                let (k, v) = p.split_once('=').unwrap();
                (k.to_string(), v.to_string())
            })
            .collect();
        let keys: Vec<&str> = parts.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(
            keys,
            [
                "calls",
                "usec",
                "usec_per_call",
                "rejected_calls",
                "failed_calls"
            ]
        );
        let get = |k: &str| parts.iter().find(|(n, _)| n == k).unwrap().1.clone();
        assert_eq!(get("usec_per_call").split_once('.').unwrap().1.len(), 2);
        (get("calls"), get("rejected_calls"), get("failed_calls"))
    };
    assert_eq!(stat("cmdstat_set"), ("3".into(), "0".into(), "1".into()));
    assert_eq!(stat("cmdstat_get"), ("1".into(), "1".into(), "0".into()));
    assert_eq!(
        stat("cmdstat_config|get"),
        ("1".into(), "0".into(), "0".into())
    );
    assert_eq!(
        stat("cmdstat_config|set"),
        ("0".into(), "1".into(), "0".into())
    );
    assert!(
        !s.contains("cmdstat_ping"),
        "unused commands are not listed"
    );
    assert!(
        !s.contains("cmdstat_info"),
        "the running INFO is counted after it"
    );
}

#[test]
fn errorstats_are_summed_over_shards_and_sorted() {
    let mut t = TestServer::new();
    t.run(&["GET"]);
    t.server.shards[1].count_error("ERR");
    t.server.shards[2].count_error("WRONGTYPE");
    t.server.shards[1].count_error("MOVED");
    let s = info_text(&mut t, &["errorstats"]);
    assert_eq!(
        s,
        "# Errorstats\r\nerrorstat_ERR:count=2\r\nerrorstat_MOVED:count=1\r\n\
         errorstat_WRONGTYPE:count=1\r\n"
    );
    assert_eq!(
        field(&info_text(&mut t, &["stats"]), "total_error_replies"),
        "4"
    );
}

#[test]
fn keyspace_counts_keys_and_expires_per_database() {
    let mut t = TestServer::new();
    for k in ["a", "b", "c", "{x}1", "{x}2"] {
        t.run(&["SET", k, "v"]);
    }
    t.run(&["SET", "e1", "v", "EX", "100"]);
    t.run(&["SET", "e2", "v", "PX", "100000"]);
    t.client.select(3);
    t.run(&["SET", "other", "v"]);
    t.client.select(0);
    let s = info_text(&mut t, &["keyspace"]);
    assert_eq!(
        s,
        "# Keyspace\r\ndb0:keys=7,expires=2,avg_ttl=0\r\ndb3:keys=1,expires=0,avg_ttl=0\r\n"
    );
    // The expiry cycle's per-shard averages feed avg_ttl of databases with volatile keys.
    t.server.shards[0].avg_ttl.set(3000);
    t.server.shards[2].avg_ttl.set(5000);
    let s = info_text(&mut t, &["keyspace"]);
    assert_eq!(
        s,
        "# Keyspace\r\ndb0:keys=7,expires=2,avg_ttl=4000\r\ndb3:keys=1,expires=0,avg_ttl=0\r\n"
    );
}

#[test]
fn keyspace_counts_include_keys_not_yet_expired_lazily() {
    let mut t = TestServer::new();
    t.run(&["SET", "k", "v", "PX", "1"]);
    t.clock_offset_ms = 10;
    // Redis counts keys until they are actually removed, and so do we.
    assert_eq!(
        info_text(&mut t, &["keyspace"]),
        "# Keyspace\r\ndb0:keys=1,expires=1,avg_ttl=0\r\n"
    );
    t.run(&["GET", "k"]);
    assert_eq!(info_text(&mut t, &["keyspace"]), "# Keyspace\r\n");
}

#[test]
fn structured_data_for_exporters() {
    let t = TestServer::new();
    t.server.shards[1].keyspace_hits.add(42);
    let sections = collect(&t.server, &Selection::everything());
    let keys: Vec<&str> = sections.iter().map(|s| s.key).collect();
    assert_eq!(
        keys,
        [
            "server",
            "clients",
            "memory",
            "persistence",
            "stats",
            "replication",
            "cpu",
            "module_list",
            "commandstats",
            "errorstats",
            "latencystats",
            "cluster",
            "keyspace"
        ]
    );
    let stats = sections.iter().find(|s| s.key == "stats").unwrap();
    assert_eq!(stats.get("keyspace_hits"), Some(&Val::Uint(42)));
    assert_eq!(stats.get("keyspace_hits").and_then(Val::as_f64), Some(42.0));
    let server = sections.iter().find(|s| s.key == "server").unwrap();
    assert_eq!(server.get("redis_mode").and_then(Val::as_f64), None);
}

#[test]
fn render_formats_every_value_kind() {
    let mut s = Section::new("x", "X");
    s.int("i", -3);
    s.uint("u", 7);
    s.add("f", Val::Float(0.5, 6));
    s.add("p", Val::Percent(102.514));
    s.text("t", "hello");
    s.add(
        "pairs",
        Val::Pairs(vec![
            ("a", Val::Uint(1)),
            ("b", Val::Float(2.0, 2)),
            ("b", Val::text("z")),
        ]),
    );
    let empty = Section::new("y", "Y");
    assert_eq!(
        render(&[s, empty]),
        "# X\r\ni:-3\r\nu:7\r\nf:0.500000\r\np:102.51%\r\nt:hello\r\npairs:a=1,b=2.00,b=z\r\n\r\n# Y\r\n"
    );
    assert_eq!(render(&[]), "");
}

#[test]
fn resetstat_clears_what_info_reports() {
    let mut t = TestServer::new();
    t.run(&["SET", "k", "v"]);
    t.run(&["GET"]);
    t.server.shards[2].keyspace_hits.add(5);
    assert_eq!(t.text(&["CONFIG", "RESETSTAT"]), "+OK\r\n");
    let s = info_text(&mut t, &["everything"]);
    assert_eq!(field(&s, "keyspace_hits"), "0");
    assert_eq!(field(&s, "total_error_replies"), "0");
    // CONFIG RESETSTAT itself is counted after the reset, like in Redis.
    assert_eq!(field(&s, "total_commands_processed"), "1");
    assert!(s.contains("# Errorstats\r\n\r\n"));
    assert!(!s.contains("cmdstat_set"));
    assert!(s.contains("cmdstat_config|resetstat:calls=1,"));
    // The dataset is untouched: the change counter and the keys stay.
    assert_eq!(field(&s, "rdb_changes_since_last_save"), "1");
    assert_eq!(field(&s, "db0"), "keys=1,expires=0,avg_ttl=0");
}

#[test]
fn section_names_end_at_a_nul_byte() {
    // redis-server 7.0 reads section names as C strings: "server\0x" is the server section,
    // "\0x" an unknown (empty) one.
    let mut t = TestServer::new();
    assert_eq!(headers(&info_text(&mut t, &["server\0x"])), ["Server"]);
    assert_eq!(
        headers(&info_text(&mut t, &["DEFAULT\0"])),
        headers(&info_text(&mut t, &[]))
    );
    assert_eq!(
        headers(&info_text(&mut t, &["everything\0"])),
        headers(&info_text(&mut t, &["everything"]))
    );
    assert_eq!(t.text(&["INFO", "\0x"]), "$0\r\n\r\n");
}
