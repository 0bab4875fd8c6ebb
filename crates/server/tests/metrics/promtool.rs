//! `promtool` on a live scrape and on the deploy/prometheus files.

use std::io::Write;
use std::process::{Command, Stdio};

use crate::support::{self, have_tool, Resp};

fn run(cmd: &mut Command, stdin: Option<&[u8]>) -> (bool, String) {
    let mut child = cmd
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("promtool runs");
    let mut input = child.stdin.take().unwrap();
    if let Some(data) = stdin {
        input.write_all(data).unwrap();
    }
    drop(input);
    let out = child.wait_with_output().unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.success(), text)
}

#[test]
fn a_live_scrape_passes_promtool_check_metrics() {
    if !have_tool("promtool", "a_live_scrape_passes_promtool_check_metrics") {
        return;
    }
    let s = support::start();
    let mut c = Resp::connect(s.port);
    // Traffic that fills the labelled families: commands and subcommands, errors, two dbs,
    // keys with TTLs.
    c.cmd(&["SET", "a", "1", "EX", "100"]);
    c.cmd(&["GET", "a"]);
    c.cmd(&["GET", "b"]);
    c.cmd(&["CONFIG", "GET", "maxmemory"]);
    c.cmd(&["NOSUCHCOMMAND"]);
    c.cmd(&["INCR", "a"]);
    c.cmd(&["SELECT", "3"]);
    c.cmd(&["SET", "c", "1"]);
    let body = support::scrape(&s).text;
    for family in [
        "redis_commands_total",
        "redis_errors_total",
        "redis_db_keys",
        "shoal_command_duration_seconds",
        "shoal_slot_lock_waits_total",
    ] {
        assert!(
            body.contains(&format!("# TYPE {family} ")),
            "{family} missing"
        );
    }
    let (ok, out) = run(
        Command::new("promtool").args(["check", "metrics"]),
        Some(body.as_bytes()),
    );
    assert!(ok, "promtool check metrics:\n{out}");
    assert_eq!(out.trim(), "", "promtool reported problems");
}

#[test]
fn deploy_prometheus_config_and_rules_are_valid() {
    if !have_tool("promtool", "deploy_prometheus_config_and_rules_are_valid") {
        return;
    }
    let dir = support::repo_root().join("deploy/prometheus");
    for args in [
        &["check", "config", "prometheus.yml"][..],
        &["check", "rules", "alerts.yml"],
        &["test", "rules", "alerts_test.yml"],
    ] {
        let (ok, out) = run(Command::new("promtool").args(args).current_dir(&dir), None);
        assert!(ok, "promtool {args:?}:\n{out}");
    }
}
