//! A scrape and INFO report the same numbers (they read the same counters), and the
//! per-shard series add up to the instance totals.

use crate::support::{self, info_pair, Reply, Resp};

/// SETs, GETs that hit and miss, keys with TTLs in two databases, an error reply, a call
/// rejected for its arity, and a DEL.
fn traffic(c: &mut Resp) {
    for i in 0..60 {
        assert_eq!(
            c.cmd(&["SET", &format!("key:{i}"), "value"]),
            Reply::Simple("OK".into())
        );
    }
    for i in 0..40 {
        c.cmd(&["GET", &format!("key:{i}")]);
    }
    for i in 0..25 {
        assert_eq!(c.cmd(&["GET", &format!("missing:{i}")]), Reply::Bulk(None));
    }
    for i in 0..7 {
        c.cmd(&["SET", &format!("ttl:{i}"), "v", "EX", "1000"]);
    }
    c.cmd(&["DEL", "key:0", "key:1"]);
    assert!(matches!(c.cmd(&["NOSUCHCOMMAND"]), Reply::Error(_)));
    assert!(matches!(c.cmd(&["GET"]), Reply::Error(_)));
    c.cmd(&["SELECT", "1"]);
    for i in 0..5 {
        c.cmd(&["SET", &format!("db1:{i}"), "x"]);
    }
    c.cmd(&["SELECT", "0"]);
}

#[test]
fn a_scrape_and_info_agree_after_traffic() {
    let s = support::start();
    let mut c = Resp::connect(s.port);
    traffic(&mut c);
    // Scrape first: INFO reads the counters before counting itself, so nothing moves in
    // between except INFO's own request bytes.
    let m = support::scrape(&s);
    let info = c.info("everything");
    let num = |k: &str| -> f64 { info[k].parse().unwrap_or_else(|_| panic!("{k}")) };

    for (field, family) in [
        ("total_commands_processed", "redis_commands_processed_total"),
        ("keyspace_hits", "redis_keyspace_hits_total"),
        ("keyspace_misses", "redis_keyspace_misses_total"),
        ("expired_keys", "redis_expired_keys_total"),
        ("evicted_keys", "redis_evicted_keys_total"),
        (
            "total_connections_received",
            "redis_connections_received_total",
        ),
        ("rejected_connections", "redis_rejected_connections_total"),
        ("total_net_output_bytes", "redis_net_output_bytes_total"),
        ("connected_clients", "redis_connected_clients"),
        ("maxmemory", "redis_memory_max_bytes"),
        ("uptime_in_seconds", "redis_uptime_in_seconds"),
    ] {
        assert_eq!(m.get(family, &[]), num(field), "{field} vs {family}");
    }
    // The figures themselves, so the test fails if both sides were wrong the same way.
    assert_eq!(m.get("redis_keyspace_hits_total", &[]), 40.0);
    assert_eq!(m.get("redis_keyspace_misses_total", &[]), 25.0);
    // 60 + 40 + 25 + 7 SET/GET, DEL, 2 SELECT, 5 SET (unknown and bad-arity calls don't count).
    assert_eq!(m.get("redis_commands_processed_total", &[]), 140.0);
    let info_request = Resp::encode(&["INFO", "everything"]).len() as f64;
    assert_eq!(
        m.get("redis_net_input_bytes_total", &[]) + info_request,
        num("total_net_input_bytes")
    );

    for cmd in ["set", "get", "del", "select"] {
        let stat = &info[&format!("cmdstat_{cmd}")];
        let l = [("cmd", cmd)];
        assert_eq!(m.get("redis_commands_total", &l), info_pair(stat, "calls"));
        assert_eq!(
            m.get("redis_commands_duration_seconds_total", &l),
            info_pair(stat, "usec") / 1e6
        );
        assert_eq!(
            m.get("redis_commands_rejected_calls_total", &l),
            info_pair(stat, "rejected_calls")
        );
        assert_eq!(
            m.get("redis_commands_failed_calls_total", &l),
            info_pair(stat, "failed_calls")
        );
    }
    assert_eq!(m.get("redis_commands_total", &[("cmd", "set")]), 72.0);
    assert_eq!(
        m.get("redis_commands_rejected_calls_total", &[("cmd", "get")]),
        1.0
    );
    assert_eq!(
        m.get("redis_errors_total", &[("err", "ERR")]),
        info_pair(&info["errorstat_ERR"], "count")
    );
    assert_eq!(m.get("redis_errors_total", &[("err", "ERR")]), 2.0);

    for db in ["db0", "db1"] {
        let l = [("db", db)];
        assert_eq!(m.get("redis_db_keys", &l), info_pair(&info[db], "keys"));
        assert_eq!(
            m.get("redis_db_keys_expiring", &l),
            info_pair(&info[db], "expires")
        );
    }
    assert_eq!(m.get("redis_db_keys", &[("db", "db0")]), 65.0);
    assert_eq!(m.get("redis_db_keys_expiring", &[("db", "db0")]), 7.0);
    assert_eq!(m.get("redis_db_keys", &[("db", "db1")]), 5.0);

    let l = [
        ("role", "master"),
        ("redis_mode", "standalone"),
        ("redis_version", info["redis_version"].as_str()),
        ("run_id", info["run_id"].as_str()),
        ("tcp_port", info["tcp_port"].as_str()),
        ("os", info["os"].as_str()),
        ("process_id", info["process_id"].as_str()),
        ("maxmemory_policy", "noeviction"),
    ];
    assert_eq!(m.get("redis_instance_info", &l), 1.0);
    assert_eq!(info["tcp_port"], s.port.to_string());
}

#[test]
fn shard_series_add_up_to_the_instance_totals() {
    let s = support::start();
    // Connections land on different shard threads (SO_REUSEPORT); use several.
    for _ in 0..6 {
        let mut c = Resp::connect(s.port);
        traffic(&mut c);
    }
    let m = support::scrape(&s);
    assert_eq!(m.get("shoal_shards", &[]), 3.0);
    for (shard_family, total) in [
        (
            "shoal_shard_commands_processed_total",
            "redis_commands_processed_total",
        ),
        (
            "shoal_shard_keyspace_hits_total",
            "redis_keyspace_hits_total",
        ),
        (
            "shoal_shard_keyspace_misses_total",
            "redis_keyspace_misses_total",
        ),
        (
            "shoal_shard_net_input_bytes_total",
            "redis_net_input_bytes_total",
        ),
        (
            "shoal_shard_net_output_bytes_total",
            "redis_net_output_bytes_total",
        ),
        (
            "shoal_shard_connections_received_total",
            "redis_connections_received_total",
        ),
        ("shoal_shard_expired_keys_total", "redis_expired_keys_total"),
    ] {
        assert_eq!(m.sum(shard_family), m.sum(total), "{shard_family}");
    }
    assert_eq!(m.sum("redis_commands_processed_total"), 6.0 * 140.0);
    assert_eq!(m.sum("shoal_shard_keys"), m.sum("redis_db_keys"));
    assert_eq!(m.sum("shoal_shard_keys"), 70.0);
    assert_eq!(
        m.sum("shoal_shard_keys_expiring"),
        m.sum("redis_db_keys_expiring")
    );
    for shard in ["0", "1", "2"] {
        let l = [("shard", shard)];
        m.get("shoal_slot_lock_waits_total", &l);
        assert!(m.get("shoal_shard_dataset_bytes", &l) >= 0.0);
    }
    // 70 keys of a few bytes each: some bytes, far from a megabyte.
    let bytes = m.sum("shoal_shard_dataset_bytes");
    assert!(bytes > 70.0 * 16.0 && bytes < 1e6, "{bytes}");
}

#[test]
fn latency_histograms_match_the_call_counts() {
    let s = support::start();
    let mut c = Resp::connect(s.port);
    traffic(&mut c);
    let m = support::scrape(&s);
    for cmd in ["set", "get", "del", "select"] {
        let l = [("cmd", cmd)];
        let count = m.get("shoal_command_duration_seconds_count", &l);
        assert_eq!(count, m.get("redis_commands_total", &l), "{cmd}");
        assert_eq!(
            m.get("shoal_command_duration_seconds_sum", &l),
            m.get("redis_commands_duration_seconds_total", &l)
        );
        let buckets: Vec<(f64, f64)> = m
            .samples
            .iter()
            .filter(|x| {
                x.name == "shoal_command_duration_seconds_bucket"
                    && x.labels.get("cmd").map(String::as_str) == Some(cmd)
            })
            .map(|x| {
                let le = &x.labels["le"];
                let bound = if le == "+Inf" {
                    f64::INFINITY
                } else {
                    le.parse().unwrap()
                };
                (bound, x.value)
            })
            .collect();
        assert_eq!(buckets.len(), 25, "{cmd}: 24 bounds and +Inf");
        assert_eq!(buckets[0].0, 250e-9);
        for w in buckets.windows(2) {
            if w[1].0.is_finite() {
                assert_eq!(w[1].0, w[0].0 * 2.0, "{cmd}: bounds double");
            }
            assert!(w[1].1 >= w[0].1, "{cmd}: cumulative counts never drop");
        }
        assert_eq!(buckets[24], (f64::INFINITY, count));
    }
    // The unknown command never reaches a histogram.
    assert!(!m.text.contains("cmd=\"nosuchcommand\""));
}

#[test]
fn config_resetstat_clears_the_histograms() {
    let s = support::start();
    let mut c = Resp::connect(s.port);
    traffic(&mut c);
    assert_eq!(c.cmd(&["CONFIG", "RESETSTAT"]), Reply::Simple("OK".into()));
    let m = support::scrape(&s);
    assert!(!m
        .text
        .contains("shoal_command_duration_seconds_count{cmd=\"set\"}"));
    assert_eq!(
        m.get(
            "shoal_command_duration_seconds_count",
            &[("cmd", "config|resetstat")]
        ),
        1.0
    );
    assert_eq!(m.get("redis_commands_processed_total", &[]), 1.0);
}

#[test]
fn keys_are_counted_every_scrape_and_bytes_reestimated_at_most_every_10s() {
    let s = support::start();
    let mut c = Resp::connect(s.port);
    c.cmd(&["SET", "a", "1"]);
    let first = support::scrape(&s);
    let bytes = first.sum("shoal_shard_dataset_bytes");
    assert!(bytes > 0.0);
    for i in 0..200 {
        c.cmd(&["SET", &format!("more:{i}"), "some value"]);
    }
    let second = support::scrape(&s);
    assert_eq!(second.sum("shoal_shard_keys"), 201.0);
    // Scraped well within shoal_server::admin::BYTES_MAX_AGE of the first: the estimate is
    // the first one's.
    assert_eq!(shoal_server::admin::BYTES_MAX_AGE.as_secs(), 10);
    assert_eq!(second.sum("shoal_shard_dataset_bytes"), bytes);
}
