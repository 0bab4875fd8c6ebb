//! A real Prometheus server on loopback scrapes shoal every second; the counters are read
//! back through its HTTP API, and every query of the Grafana dashboard is evaluated.

use std::collections::BTreeSet;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::support::{self, have_tool, Resp, TempDir};

struct Prometheus {
    child: Child,
    port: u16,
    dir: TempDir,
}

impl Prometheus {
    fn start(target_port: u16) -> Prometheus {
        let dir = TempDir::new("prometheus");
        let config = format!(
            "global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\n\
             scrape_configs:\n  - job_name: shoal\n    static_configs:\n      - targets: ['127.0.0.1:{target_port}']\n"
        );
        std::fs::write(dir.0.join("prometheus.yml"), config).unwrap();
        let log = std::fs::File::create(dir.0.join("prometheus.log")).unwrap();
        let port = support::free_port();
        let child = Command::new("prometheus")
            .arg(format!(
                "--config.file={}",
                dir.0.join("prometheus.yml").display()
            ))
            .arg(format!(
                "--storage.tsdb.path={}",
                dir.0.join("data").display()
            ))
            .arg(format!("--web.listen-address=127.0.0.1:{port}"))
            .arg("--log.level=warn")
            .stdin(Stdio::null())
            .stdout(log.try_clone().unwrap())
            .stderr(log)
            .spawn()
            .expect("prometheus starts");
        let mut p = Prometheus { child, port, dir };
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            if let Ok((200, _)) = support::try_http(port, "GET", "/-/ready") {
                return p;
            }
            if let Ok(Some(status)) = p.child.try_wait() {
                panic!("prometheus exited ({status}):\n{}", p.log());
            }
            assert!(
                Instant::now() < deadline,
                "prometheus not ready:\n{}",
                p.log()
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    fn log(&self) -> String {
        std::fs::read_to_string(self.dir.0.join("prometheus.log")).unwrap_or_default()
    }

    /// `/api/v1/query`: the JSON answer's `data`, after asserting success.
    fn query(&self, q: &str) -> Value {
        let path = format!("/api/v1/query?query={}", percent_encode(q));
        let (status, body) = support::http(self.port, &path);
        let v: Value = serde_json::from_str(&body).unwrap_or_else(|e| panic!("{q}: {e}: {body}"));
        assert_eq!(status, 200, "{q}: {body}");
        assert_eq!(v["status"], "success", "{q}: {body}");
        v["data"].clone()
    }

    /// The single value of an instant-vector query, once it has one.
    fn scalar(&self, q: &str) -> Option<f64> {
        let data = self.query(q);
        let result = data["result"].as_array()?;
        if result.len() != 1 {
            return None;
        }
        result[0]["value"][1].as_str()?.parse().ok()
    }

    /// Polls until `q` yields `want` (scrapes and rule evaluation run every second).
    fn wait_for(&self, q: &str, want: f64) {
        let deadline = Instant::now() + Duration::from_secs(45);
        let mut last = None;
        while Instant::now() < deadline {
            last = self.scalar(q);
            if last == Some(want) {
                return;
            }
            std::thread::sleep(Duration::from_millis(250));
        }
        panic!("{q}: wanted {want}, last saw {last:?}\n{}", self.log());
    }
}

impl Drop for Prometheus {
    fn drop(&mut self) {
        // Only the process this test started, by its own handle.
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn percent_encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// Every `expr` in the dashboard, with Grafana's variables replaced by concrete values.
fn dashboard_queries() -> Vec<String> {
    let path = support::repo_root().join("deploy/grafana/shoal.json");
    let dash: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap())
        .expect("the dashboard is valid JSON");
    let mut out = Vec::new();
    for panel in dash["panels"].as_array().unwrap() {
        for target in panel["targets"].as_array().into_iter().flatten() {
            let expr = target["expr"].as_str().unwrap();
            out.push(
                expr.replace("$__rate_interval", "10s")
                    .replace("$instance", ".*")
                    .replace("$cmd", ".*"),
            );
        }
    }
    assert!(out.len() >= 15, "{out:?}");
    out
}

/// Metric names a query refers to (histogram suffixes stripped).
fn metric_names(expr: &str) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    for prefix in ["shoal_", "redis_"] {
        let mut rest = expr;
        while let Some(i) = rest.find(prefix) {
            let tail = &rest[i..];
            let end = tail
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .unwrap_or(tail.len());
            let name = &tail[..end];
            let base = ["_bucket", "_sum", "_count"]
                .iter()
                .find_map(|s| name.strip_suffix(s))
                .filter(|b| b.ends_with("_seconds"))
                .unwrap_or(name);
            names.insert(base.to_string());
            rest = &tail[end..];
        }
    }
    names
}

#[test]
fn the_dashboard_only_uses_exported_families() {
    let s = support::start();
    let mut c = Resp::connect(s.port);
    c.cmd(&["SET", "k", "v"]);
    let text = support::scrape(&s).text;
    let mut used = BTreeSet::new();
    for q in dashboard_queries() {
        used.extend(metric_names(&q));
    }
    for name in &used {
        assert!(
            text.contains(&format!("# TYPE {name} ")),
            "dashboard uses {name}, which /metrics does not export"
        );
    }
    assert!(used.contains("shoal_command_duration_seconds"));
    assert!(used.contains("shoal_slot_lock_waits_total"));
}

#[test]
fn prometheus_scrapes_shoal_and_reads_the_counters_back() {
    if !have_tool(
        "prometheus",
        "prometheus_scrapes_shoal_and_reads_the_counters_back",
    ) {
        return;
    }
    let s = support::start();
    let prom = Prometheus::start(s.admin_port.unwrap());
    prom.wait_for("up{job=\"shoal\"}", 1.0);
    prom.wait_for("redis_up", 1.0);

    let mut c = Resp::connect(s.port);
    for i in 0..123 {
        c.cmd(&["SET", &format!("k{i}"), "v"]);
    }
    for i in 0..45 {
        c.cmd(&["GET", &format!("k{i}")]);
    }
    for i in 0..6 {
        c.cmd(&["GET", &format!("absent{i}")]);
    }
    prom.wait_for("redis_commands_total{cmd=\"set\"}", 123.0);
    prom.wait_for("redis_commands_total{cmd=\"get\"}", 51.0);
    prom.wait_for("redis_keyspace_hits_total", 45.0);
    prom.wait_for("redis_keyspace_misses_total", 6.0);
    prom.wait_for("sum(redis_db_keys)", 123.0);
    prom.wait_for("sum(shoal_shard_keys)", 123.0);
    prom.wait_for("sum(shoal_shard_commands_processed_total)", 174.0);
    prom.wait_for("shoal_command_duration_seconds_count{cmd=\"set\"}", 123.0);
    prom.wait_for("count(shoal_slot_lock_waits_total)", 3.0);
    // A quantile from the histogram: some positive duration below the top bucket.
    let p99 = prom
        .scalar(
            "histogram_quantile(0.99, sum by (le) (shoal_command_duration_seconds_bucket{cmd=\"set\"}))",
        )
        .expect("a p99 for SET");
    assert!(p99 > 0.0 && p99 < 2.1, "{p99}");

    // Every dashboard query parses and evaluates; the ones over shoal's own series return
    // data once a few scrapes are in.
    std::thread::sleep(Duration::from_secs(3));
    for q in dashboard_queries() {
        let data = prom.query(&q);
        assert!(
            !data["result"].as_array().unwrap().is_empty(),
            "no data for dashboard query {q}"
        );
    }
}
