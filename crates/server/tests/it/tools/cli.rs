//! redis-cli against shoal and against redis-server, the same invocations, the same output.

use std::process::Command;

use super::{run, text, tool};
use crate::support::{RedisRef, Shoal};

/// Commands typed into redis-cli (one per line, as from a terminal or a script).
const SCRIPT: &str = "\
PING
ECHO \"hello world\"
SET k v
GET k
GET missing
SET k
INCR n
INCRBYFLOAT f 1.5
INCR k
MSET a 1 b 2 {a}c 3
MGET a b {a}c zz
EXISTS a b zz
LPUSH l a b c
LRANGE l 0 -1
HSET h f v g w
HGETALL h
SADD s 3 1 2
SMEMBERS s
ZADD z 1 a 2.5 b
ZRANGE z 0 -1 WITHSCORES
ZSCORE z b
EXPIRE k 100
TTL k
TYPE h
OBJECT ENCODING h
LPUSH k x
NOSUCHCOMMAND x y
SET \"key with spaces\" \"a\\nb\"
GET \"key with spaces\"
SELECT 3
DBSIZE
SELECT 0
DEL a b zz
CLIENT SETNAME cli
CLIENT GETNAME
DBSIZE
";

struct Pair {
    shoal: Shoal,
    redis: RedisRef,
    cli: std::path::PathBuf,
}

fn pair(test: &str) -> Option<Pair> {
    let cli = tool("redis-cli", "SHOAL_REQUIRE_REDIS", test)?;
    let redis = RedisRef::start_tcp(test, &[])?;
    Some(Pair {
        shoal: Shoal::start(),
        redis,
        cli,
    })
}

impl Pair {
    /// stdout and stderr of redis-cli with `args` against each server (after FLUSHALL).
    fn both(&self, args: &[&str], stdin: &str) -> (String, String) {
        let one = |port: u16| {
            let flush = run(
                Command::new(&self.cli).args(["-p", &port.to_string(), "FLUSHALL"]),
                b"",
            );
            assert_eq!(text(&flush.stdout), "OK\n");
            let out = run(
                Command::new(&self.cli)
                    .args(["-p", &port.to_string()])
                    .args(args),
                stdin.as_bytes(),
            );
            format!(
                "{}{}-- exit {:?}",
                text(&out.stdout),
                text(&out.stderr),
                out.status.code()
            )
        };
        (one(self.shoal.port), one(self.redis.port.unwrap()))
    }

    fn same(&self, args: &[&str], stdin: &str) -> String {
        let (ours, theirs) = self.both(args, stdin);
        assert_eq!(ours, theirs, "redis-cli {args:?} differs (left: shoal)");
        ours
    }
}

#[test]
fn a_script_prints_the_same_in_every_output_mode() {
    let Some(p) = pair("redis-cli script") else {
        return;
    };
    for mode in [
        &[][..],
        &["--no-raw"],
        &["--raw"],
        &["--csv"],
        &["-3"],
        &["-3", "--no-raw"],
    ] {
        let out = p.same(mode, SCRIPT);
        assert!(out.contains("hello world"), "{mode:?}: {out}");
    }
}

#[test]
fn repeat_stdin_argument_and_database_options() {
    let Some(p) = pair("redis-cli options") else {
        return;
    };
    assert_eq!(
        p.same(&["-r", "3", "INCR", "x"], ""),
        "1\n2\n3\n-- exit Some(0)"
    );
    p.same(&["-x", "SET", "fromstdin"], "line one\nline two\n");
    p.same(&["-n", "5", "SET", "k", "v"], "");
    p.same(&["-n", "5", "DBSIZE"], "");
    p.same(&["--no-raw", "MGET", "a", "b"], "");
    p.same(&["NOSUCHCOMMAND"], "");
    p.same(&["-e", "NOSUCHCOMMAND"], "");
}

#[test]
fn pipe_mode_mass_insertion() {
    let Some(p) = pair("redis-cli --pipe") else {
        return;
    };
    let mut input = String::new();
    for i in 0..2000 {
        let (k, v) = (format!("key:{i}"), format!("value:{i}"));
        input.push_str(&format!(
            "*3\r\n$3\r\nSET\r\n${}\r\n{k}\r\n${}\r\n{v}\r\n",
            k.len(),
            v.len()
        ));
    }
    input.push_str("*2\r\n$4\r\nINCR\r\n$7\r\nkey:100\r\n");
    let out = p.same(&["--pipe"], &input);
    assert!(out.contains("errors: 1, replies: 2001"), "{out}");
    p.same(&["DBSIZE"], "");
}

#[test]
fn scan_and_bigkeys_find_the_same_keys() {
    let Some(p) = pair("redis-cli --scan/--bigkeys") else {
        return;
    };
    let data = "MSET s1 a s2 abcdef {x}s3 abc\nRPUSH l 1 2 3 4\nSADD set a b\nHSET h f v\n\
                ZADD z 1 a 2 b 3 c\nSET big 0123456789012345678901234567890123456789\n";
    for port in [p.shoal.port, p.redis.port.unwrap()] {
        run(
            Command::new(&p.cli).args(["-p", &port.to_string()]),
            data.as_bytes(),
        );
    }
    let scan = |pattern: &str| {
        let one = |port: u16| {
            let out = run(
                Command::new(&p.cli).args([
                    "-p",
                    &port.to_string(),
                    "--scan",
                    "--pattern",
                    pattern,
                ]),
                b"",
            );
            let mut keys: Vec<String> = text(&out.stdout).lines().map(str::to_string).collect();
            keys.sort();
            keys
        };
        let ours = one(p.shoal.port);
        assert_eq!(
            ours,
            one(p.redis.port.unwrap()),
            "--scan --pattern {pattern}"
        );
        ours
    };
    assert_eq!(scan("s*").len(), 3);
    assert_eq!(scan("*").len(), 8);
    // --bigkeys prints progress in SCAN order; the summary after it is order-free here.
    let summary = |port: u16| {
        let out = run(
            Command::new(&p.cli).args(["-p", &port.to_string(), "--bigkeys"]),
            b"",
        );
        let all = text(&out.stdout);
        all.split("-------- summary -------")
            .nth(1)
            .unwrap_or_else(|| panic!("no summary: {all}"))
            .to_string()
    };
    let ours = summary(p.shoal.port);
    assert_eq!(ours, summary(p.redis.port.unwrap()));
    assert!(
        ours.contains("Biggest string found '\"big\"' has 40 bytes"),
        "{ours}"
    );
    assert!(
        ours.contains("Biggest   list found '\"l\"' has 4 items"),
        "{ours}"
    );
}
