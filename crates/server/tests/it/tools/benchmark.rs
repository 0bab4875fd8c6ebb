//! redis-benchmark's default tests against shoal: every test must finish (redis-benchmark 7
//! exits at the first error reply) and no error may appear, over RESP2 and RESP3, pipelined
//! and threaded.

use std::process::Command;

use super::{run, text, tool};
use crate::support::Shoal;

/// The tests redis-benchmark runs by default (7.0), as it names them in `-q` output.
const TESTS: &[&str] = &[
    "PING_INLINE",
    "PING_MBULK",
    "SET",
    "GET",
    "INCR",
    "LPUSH",
    "RPUSH",
    "LPOP",
    "RPOP",
    "SADD",
    "HSET",
    "SPOP",
    "ZADD",
    "ZPOPMIN",
    "LPUSH (needed to benchmark LRANGE)",
    "LRANGE_100 (first 100 elements)",
    "LRANGE_300 (first 300 elements)",
    "LRANGE_500 (first 500 elements)",
    "LRANGE_600 (first 600 elements)",
    "MSET (10 keys)",
];

fn bench(s: &Shoal, extra: &[&str]) -> String {
    let bin = tool("redis-benchmark", "SHOAL_REQUIRE_REDIS", "redis-benchmark")
        .expect("checked by the caller");
    let out = run(
        Command::new(bin)
            .args(["-h", "127.0.0.1", "-p", &s.port.to_string()])
            .args(["-n", "2000", "-c", "20", "-r", "1000", "-q"])
            .args(extra),
        b"",
    );
    let all = format!("{}{}", text(&out.stdout), text(&out.stderr));
    assert!(out.status.success(), "{extra:?}: {all}");
    // -q rewrites its progress line with \r; the final line per test ends in \n.
    all.split(['\r', '\n'])
        .filter(|l| l.contains("requests per second") || l.contains("ERR") || l.contains("rror"))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn every_default_test_runs_without_errors() {
    if tool("redis-benchmark", "SHOAL_REQUIRE_REDIS", "redis-benchmark").is_none() {
        return;
    }
    let s = Shoal::start();
    for extra in [
        &[][..],
        &["-P", "16"],
        &["--threads", "2", "-P", "4"],
        &["-3"],
        &["-d", "1000", "-t", "set,get,mset"],
    ] {
        let out = bench(&s, extra);
        assert!(
            !out.contains("ERR") && !out.contains("rror"),
            "{extra:?}:\n{out}"
        );
        let done: Vec<&str> = out
            .lines()
            .filter_map(|l| l.split_once(": ").map(|(name, _)| name))
            .collect();
        if extra.contains(&"-t") {
            assert_eq!(done, ["SET", "GET", "MSET (10 keys)"], "{extra:?}");
        } else {
            assert_eq!(done, TESTS, "{extra:?}");
        }
    }
}

#[test]
fn memtier_benchmark_when_present() {
    let Some(bin) = super::find_on_path("memtier_benchmark") else {
        eprintln!("NOTE: memtier_benchmark is not on PATH; its run against shoal is skipped.");
        return;
    };
    let s = Shoal::start();
    let out = run(
        Command::new(bin)
            .args(["-s", "127.0.0.1", "-p", &s.port.to_string()])
            .args([
                "-t",
                "2",
                "-c",
                "5",
                "-n",
                "500",
                "--pipeline",
                "8",
                "--hide-histogram",
            ]),
        b"",
    );
    let all = format!("{}{}", text(&out.stdout), text(&out.stderr));
    assert!(out.status.success(), "{all}");
    assert!(all.contains("Totals"), "{all}");
}
