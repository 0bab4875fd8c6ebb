//! Arity, flags, ACL categories, key specs and tips as `COMMAND INFO` shows them on a real
//! redis-server (7.0 output, plus 7.2's removal of MSETNX's tips).

use crate::registry::registry;
use crate::testing::describe_tips_last as describe;

#[test]
fn command_info_matches_redis() {
    let want = [
        "get 2 readonly fast @read @string @fast | RO access index 1 range 0 1 0",
        "set -3 write denyoom @write @string @slow | RW access update variable_flags index 1 \
         range 0 1 0 (RW and ACCESS due to the optional `GET` argument)",
        "getex -2 write fast @write @string @fast | RW access update index 1 range 0 1 0 \
         (RW and UPDATE because it changes the TTL)",
        "getdel 2 write fast @write @string @fast | RW access delete index 1 range 0 1 0",
        "getset 3 write denyoom fast @write @string @fast | RW access update index 1 range 0 1 0",
        "setnx 3 write denyoom fast @write @string @fast | OW insert index 1 range 0 1 0",
        "setex 4 write denyoom @write @string @slow | OW update index 1 range 0 1 0",
        "psetex 4 write denyoom @write @string @slow | OW update index 1 range 0 1 0",
        "mget -2 readonly fast @read @string @fast | RO access index 1 range -1 1 0 \
         | request_policy:multi_shard",
        "mset -3 write denyoom @write @string @slow | OW update index 1 range -1 2 0 \
         | request_policy:multi_shard response_policy:all_succeeded",
        "msetnx -3 write denyoom @write @string @slow | OW insert index 1 range -1 2 0",
        "append 3 write denyoom fast @write @string @fast | RW insert index 1 range 0 1 0",
        "strlen 2 readonly fast @read @string @fast | RO index 1 range 0 1 0",
        "getrange 4 readonly @read @string @slow | RO access index 1 range 0 1 0",
        "substr 4 readonly @read @string @slow | RO access index 1 range 0 1 0",
        "setrange 4 write denyoom @write @string @slow | RW update index 1 range 0 1 0",
        "incr 2 write denyoom fast @write @string @fast | RW access update index 1 range 0 1 0",
        "decr 2 write denyoom fast @write @string @fast | RW access update index 1 range 0 1 0",
        "incrby 3 write denyoom fast @write @string @fast | RW access update index 1 range 0 1 0",
        "decrby 3 write denyoom fast @write @string @fast | RW access update index 1 range 0 1 0",
        "incrbyfloat 3 write denyoom fast @write @string @fast | RW access update index 1 \
         range 0 1 0",
        "lcs -3 readonly @read @string @slow | RO access index 1 range 1 1 0",
    ];
    for line in want {
        let name = line.split(' ').next().unwrap();
        assert_eq!(describe(name), line);
    }
    assert_eq!(super::super::COMMANDS.len(), want.len());
}

#[test]
fn docs_metadata() {
    let spec = |n: &str| registry().lookup(n.as_bytes()).unwrap().spec;
    assert_eq!(spec("getset").deprecated_since, "6.2.0");
    assert_eq!(spec("getset").replaced_by, "`SET` with the `!GET` argument");
    assert_eq!(spec("substr").replaced_by, "`GETRANGE`");
    // Redis 7.2 (and the 7.2-based Valkey 9) do not mark SETNX/SETEX/PSETEX deprecated yet.
    for n in ["setnx", "setex", "psetex"] {
        assert_eq!(spec(n).deprecated_since, "");
        assert_eq!(spec(n).replaced_by, "");
    }
    assert_eq!(spec("psetex").since, "2.6.0");
    assert_eq!(spec("get").deprecated_since, "");
    assert_eq!(spec("set").history.len(), 4);
    let names: Vec<&str> = spec("set").args.iter().map(|a| a.name).collect();
    assert_eq!(names, ["key", "value", "condition", "get", "expiration"]);
    let lcs: Vec<&str> = spec("lcs").args.iter().map(|a| a.token).collect();
    assert_eq!(lcs, ["", "", "LEN", "IDX", "MINMATCHLEN", "WITHMATCHLEN"]);
    for (name, summary) in [
        ("decr", "Decrements the integer value of a key by one. Uses 0 as initial value if the key doesn't exist."),
        ("psetex", "Sets both string value and expiration time in milliseconds of a key. The key is created if it doesn't exist."),
        ("msetnx", "Atomically modifies the string values of one or more keys only when all keys don't exist."),
    ] {
        assert_eq!(spec(name).summary, summary);
    }
}
