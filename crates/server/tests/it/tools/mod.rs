//! The tools Redis users point at a server, run against shoal (3 shards): `redis-cli`, whose
//! output is compared with the same invocation against a real redis-server; `redis-benchmark`
//! over its default tests with errors shown; redis-py in RESP2 and RESP3 (`redis_py.py`,
//! output compared with redis-server's); `memtier_benchmark` when it is on PATH.
//!
//! redis-cli and redis-benchmark ship with redis-server (Debian's redis-tools), so they are
//! required when SHOAL_REQUIRE_REDIS=1; the redis-py tests need `pip install redis` and are
//! required when SHOAL_REQUIRE_CLIENTS=1. CI sets both. Otherwise a missing tool is a loud
//! SKIPPED and a pass.

mod benchmark;
mod cli;
mod python;

use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

fn find_on_path(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(name))
        .find(|p| p.is_file())
}

/// The tool, or None after a loud SKIPPED line; a panic instead when `require_var` is 1.
fn tool(name: &str, require_var: &str, test: &str) -> Option<PathBuf> {
    if let Some(p) = find_on_path(name) {
        return Some(p);
    }
    if std::env::var(require_var).is_ok_and(|v| v == "1") {
        panic!("{test}: {name} not found on PATH and {require_var}=1");
    }
    eprintln!(
        "\n**********************************************************************\n\
         SKIPPED: {name} not found ({test}); the test did not run.\n\
         Install it or set {require_var}=1 to fail.\n\
         **********************************************************************\n"
    );
    None
}

/// Runs a command to completion with `stdin` fed in, stdout and stderr captured.
fn run(cmd: &mut Command, stdin: &[u8]) -> Output {
    use std::io::Write;
    let mut child = cmd
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let mut input = child.stdin.take().unwrap();
    let data = stdin.to_vec();
    let feeder = std::thread::spawn(move || {
        let _ = input.write_all(&data);
    });
    let out = child.wait_with_output().expect("wait");
    feeder.join().unwrap();
    out
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}
