//! `COMMAND INFO <name>` compared with replies recorded from a real redis-server (see
//! tests/golden/README.md), for every command of ours that has a recording.
//!
//! Flags, ACL categories and tips are sets and subcommands come in hash order, so those are
//! compared sorted; everything else (arity, key positions, key specs) byte for byte.

use std::path::PathBuf;

use shoal_commands::registry;
use shoal_commands::testing::TestServer;
use shoal_resp::{parse_value, Value};

/// Subcommands Redis 7.2 added after the 7.0 recording; ours may have them.
const NEWER_THAN_RECORDING: &[&str] = &["client|no-touch", "client|setinfo"];

/// Subcommands shoal does not implement yet (their features arrive later); the recording's
/// entries for them are left out of the comparison. Anything else missing is a failure.
const NOT_YET_IMPLEMENTED: &[&str] = &[
    "client|caching",
    "client|getredir",
    "client|pause",
    "client|tracking",
    "client|trackinginfo",
    "client|unpause",
];

/// Commands whose tips Redis 7.2 dropped (the 7.2-based Valkey 9 shows none): the recording's
/// tips are ignored for these.
const TIPS_DROPPED_AFTER_RECORDING: &[&str] = &["msetnx"];

/// Commands whose arity Redis 7.2 changed after the recording: ZRANK and ZREVRANK take an
/// optional WITHSCORE since 7.2.
const ARITY_CHANGED_AFTER_RECORDING: &[(&str, i64)] = &[("zrank", -3), ("zrevrank", -3)];

fn with_arity(entry: Value, arity: i64) -> Value {
    match entry {
        Value::Array(mut items) if items.len() == 10 => {
            items[1] = Value::Int(arity);
            Value::Array(items)
        }
        other => other,
    }
}

fn drop_tips(entry: Value) -> Value {
    match entry {
        Value::Array(mut items) if items.len() == 10 => {
            items[7] = Value::Array(Vec::new());
            Value::Array(items)
        }
        other => other,
    }
}

fn golden_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/golden/command_info")
}

fn parse_all(bytes: &[u8]) -> Value {
    match parse_value(bytes) {
        Ok(Some((v, used))) if used == bytes.len() => v,
        other => panic!("not one RESP value: {other:?}"),
    }
}

fn sort_values(v: &mut [Value]) {
    v.sort_by_key(|x| format!("{x:?}"));
}

fn name_of(entry: &Value) -> String {
    match entry {
        Value::Array(items) => match &items[0] {
            Value::Bulk(b) => String::from_utf8_lossy(b).into_owned(),
            other => panic!("command name is not a bulk string: {other:?}"),
        },
        other => panic!("command entry is not an array: {other:?}"),
    }
}

/// Makes the order-free parts of one command entry comparable.
fn normalize(entry: Value, golden_subs: Option<&[String]>) -> Value {
    let Value::Array(mut items) = entry else {
        return entry;
    };
    assert_eq!(items.len(), 10, "a COMMAND INFO entry has 10 elements");
    for i in [2, 6, 7] {
        if let Value::Array(v) | Value::Set(v) = &mut items[i] {
            sort_values(v);
        }
    }
    if let Value::Array(subs) = &mut items[9] {
        if let Some(golden) = golden_subs {
            subs.retain(|s| {
                let n = name_of(s);
                golden.contains(&n) || !NEWER_THAN_RECORDING.contains(&n.as_str())
            });
        }
        let taken: Vec<Value> = std::mem::take(subs);
        *subs = taken.into_iter().map(|s| normalize(s, None)).collect();
        subs.sort_by_key(name_of);
    }
    Value::Array(items)
}

fn without_unimplemented(entry: Value) -> Value {
    match entry {
        Value::Array(mut items) if items.len() == 10 => {
            if let Value::Array(subs) = &mut items[9] {
                subs.retain(|s| !NOT_YET_IMPLEMENTED.contains(&name_of(s).as_str()));
            }
            Value::Array(items)
        }
        other => other,
    }
}

fn sub_names(entry: &Value) -> Vec<String> {
    match entry {
        Value::Array(items) => match &items[9] {
            Value::Array(subs) => subs.iter().map(name_of).collect(),
            _ => Vec::new(),
        },
        _ => Vec::new(),
    }
}

fn single_entry(reply: Value) -> Value {
    match reply {
        Value::Array(mut v) if v.len() == 1 => v.remove(0),
        other => panic!("COMMAND INFO <name> should reply one entry, got {other:?}"),
    }
}

#[test]
fn command_info_matches_redis() {
    let mut files: Vec<PathBuf> = std::fs::read_dir(golden_dir())
        .expect("golden directory exists")
        .map(|e| e.expect("readable entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "resp"))
        .collect();
    files.sort();
    assert!(files.len() >= 60, "golden files are missing");
    let mut t = TestServer::new();
    let mut compared = Vec::new();
    let mut failures = Vec::new();
    for path in files {
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        if registry().lookup(name.as_bytes()).is_none() {
            continue;
        }
        let mut golden = single_entry(parse_all(&std::fs::read(&path).unwrap()));
        if TIPS_DROPPED_AFTER_RECORDING.contains(&name.as_str()) {
            golden = drop_tips(golden);
        }
        if let Some((_, arity)) = ARITY_CHANGED_AFTER_RECORDING
            .iter()
            .find(|(n, _)| *n == name)
        {
            golden = with_arity(golden, *arity);
        }
        let ours = single_entry(t.run(&["COMMAND", "INFO", &name]));
        let golden_subs = sub_names(&golden);
        let golden = normalize(without_unimplemented(golden), None);
        let ours = normalize(ours, Some(&golden_subs));
        if golden != ours {
            failures.push(format!("{name}:\n--- redis:\n{golden}\n--- shoal:\n{ours}"));
        }
        compared.push(name);
    }
    for must in ["command", "config", "info", "lastsave", "shutdown", "time"] {
        assert!(
            compared.iter().any(|c| c == must),
            "{must} was not compared"
        );
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn normalizing_ignores_order_of_sets_and_subcommands_only() {
    let entry = |flags: &[&str], subs: Vec<Value>| {
        Value::Array(vec![
            Value::Bulk(b"x".to_vec()),
            Value::Int(-1),
            Value::Array(
                flags
                    .iter()
                    .map(|f| Value::Simple(f.as_bytes().to_vec()))
                    .collect(),
            ),
            Value::Int(0),
            Value::Int(0),
            Value::Int(0),
            Value::Array(vec![]),
            Value::Array(vec![]),
            Value::Array(vec![]),
            Value::Array(subs),
        ])
    };
    let sub = |n: &str, arity| {
        let Value::Array(mut v) = entry(&[], vec![]) else {
            unreachable!()
        };
        v[0] = Value::Bulk(n.as_bytes().to_vec());
        v[1] = Value::Int(arity);
        Value::Array(v)
    };
    let a = entry(&["loading", "stale"], vec![sub("x|a", 2), sub("x|b", 3)]);
    let b = entry(&["stale", "loading"], vec![sub("x|b", 3), sub("x|a", 2)]);
    assert_eq!(normalize(a.clone(), None), normalize(b, None));
    let c = entry(&["stale", "loading"], vec![sub("x|b", 3), sub("x|a", -2)]);
    assert_ne!(normalize(a, None), normalize(c, None));
}
