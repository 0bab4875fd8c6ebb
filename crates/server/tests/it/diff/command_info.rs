//! COMMAND INFO for every command in shoal's registry compared with redis-server's: arity,
//! flags, ACL categories, tips (as sets), key specs and subcommands. Cluster clients route by
//! these, so they must match.
//!
//! Two checks: our declarations (the registry's specs) against Redis's reply, which runs
//! today; and our COMMAND INFO reply against Redis's, once shoal has COMMAND INFO.

use std::collections::BTreeSet;

use shoal_commands::registry;
use shoal_commands::spec::{
    BeginSearch, CommandSpec, FindKeys, ACL_NAMES, FLAG_NAMES, KS_FLAG_NAMES,
};
use shoal_resp::Value;

use super::allow;
use super::engine::Diff;
use crate::support::{require, show, Conn};

#[derive(Debug, PartialEq, Eq, Clone)]
struct KeySpecInfo {
    notes: String,
    flags: BTreeSet<String>,
    begin_search: String,
    find_keys: String,
}

#[derive(Debug, PartialEq, Eq, Clone)]
struct Info {
    arity: i64,
    flags: BTreeSet<String>,
    range: (i64, i64, i64),
    acl: BTreeSet<String>,
    tips: BTreeSet<String>,
    key_specs: Vec<KeySpecInfo>,
    subcommands: BTreeSet<String>,
}

fn text(v: &Value) -> String {
    match v {
        Value::Bulk(b) | Value::Simple(b) => String::from_utf8_lossy(b).into_owned(),
        Value::Int(i) => i.to_string(),
        Value::Array(a) | Value::Set(a) => {
            format!("[{}]", a.iter().map(text).collect::<Vec<_>>().join(","))
        }
        Value::Map(m) => format!(
            "[{}]",
            m.iter()
                .flat_map(|(k, v)| [text(k), text(v)])
                .collect::<Vec<_>>()
                .join(",")
        ),
        other => format!("{other:?}"),
    }
}

fn set_of(v: &Value) -> BTreeSet<String> {
    match v {
        Value::Array(a) | Value::Set(a) => a.iter().map(text).collect(),
        _ => BTreeSet::from([format!("not a list: {v:?}")]),
    }
}

fn int(v: &Value) -> i64 {
    match v {
        Value::Int(i) => *i,
        _ => i64::MIN,
    }
}

fn parse_key_spec(v: &Value) -> KeySpecInfo {
    let items = match v {
        Value::Array(a) => a.clone(),
        Value::Map(m) => m.iter().flat_map(|(k, v)| [k.clone(), v.clone()]).collect(),
        _ => Vec::new(),
    };
    let mut ks = KeySpecInfo {
        notes: String::new(),
        flags: BTreeSet::new(),
        begin_search: String::new(),
        find_keys: String::new(),
    };
    for pair in items.chunks(2) {
        let [k, v] = pair else { continue };
        match text(k).as_str() {
            "notes" => ks.notes = text(v),
            "flags" => ks.flags = set_of(v),
            "begin_search" => ks.begin_search = text(v),
            "find_keys" => ks.find_keys = text(v),
            other => ks.notes.push_str(&format!(" (unexpected field {other})")),
        }
    }
    ks
}

/// One COMMAND INFO entry; None for a nil entry (unknown command).
fn parse_info(v: &Value) -> Option<Info> {
    let Value::Array(f) = v else {
        return None;
    };
    if f.len() != 10 {
        return Some(Info {
            arity: -999,
            flags: BTreeSet::from([format!("malformed entry of {} fields", f.len())]),
            range: (0, 0, 0),
            acl: BTreeSet::new(),
            tips: BTreeSet::new(),
            key_specs: Vec::new(),
            subcommands: BTreeSet::new(),
        });
    }
    let key_specs = match &f[8] {
        Value::Array(a) | Value::Set(a) => a.iter().map(parse_key_spec).collect(),
        _ => Vec::new(),
    };
    let subcommands = match &f[9] {
        Value::Array(a) | Value::Set(a) => a
            .iter()
            .filter_map(|s| match s {
                Value::Array(e) => e.first().map(text),
                _ => None,
            })
            .collect(),
        _ => BTreeSet::new(),
    };
    Some(Info {
        arity: int(&f[1]),
        flags: set_of(&f[2]),
        range: (int(&f[3]), int(&f[4]), int(&f[5])),
        acl: set_of(&f[6]),
        tips: set_of(&f[7]),
        key_specs,
        subcommands,
    })
}

fn command_info(c: &mut Conn, fullname: &str) -> Result<Option<Info>, String> {
    c.send_cmd(&[b"COMMAND", b"INFO", fullname.as_bytes()]);
    let (v, raw) = c.read_reply();
    match v {
        Value::Array(entries) if entries.len() == 1 => Ok(parse_info(&entries[0])),
        _ => Err(format!("COMMAND INFO {fullname}: {}", show(&raw))),
    }
}

fn begin_text(b: &BeginSearch) -> String {
    match b {
        BeginSearch::Index(i) => format!("[type,index,spec,[index,{i}]]"),
        BeginSearch::Keyword { keyword, startfrom } => {
            format!("[type,keyword,spec,[keyword,{keyword},startfrom,{startfrom}]]")
        }
        BeginSearch::Unknown => "[type,unknown,spec,[]]".into(),
    }
}

fn find_text(f: &FindKeys) -> String {
    match f {
        FindKeys::Range {
            lastkey,
            keystep,
            limit,
        } => format!("[type,range,spec,[lastkey,{lastkey},keystep,{keystep},limit,{limit}]]"),
        FindKeys::Keynum {
            keynumidx,
            firstkey,
            keystep,
        } => format!(
            "[type,keynum,spec,[keynumidx,{keynumidx},firstkey,{firstkey},keystep,{keystep}]]"
        ),
        FindKeys::Unknown => "[type,unknown,spec,[]]".into(),
    }
}

/// Flags Redis declares but hides from COMMAND INFO.
const HIDDEN_FLAGS: &[&str] = &["may_replicate", "sentinel", "only_sentinel", "protected"];

/// What our declaration says COMMAND INFO should print. The legacy key range and the
/// `movablekeys` flag are derived by COMMAND itself, so they are left out here.
fn declared(fullname: &str, spec: &CommandSpec) -> Info {
    let acl = spec.acl_categories();
    Info {
        arity: spec.arity as i64,
        flags: FLAG_NAMES
            .iter()
            .filter(|(f, _)| spec.flags.contains(*f))
            .map(|(_, n)| n.to_string())
            // Redis keeps these internal: COMMAND INFO never prints them.
            .filter(|n| !HIDDEN_FLAGS.contains(&n.as_str()))
            .collect(),
        range: (0, 0, 0),
        acl: ACL_NAMES
            .iter()
            .filter(|(a, _)| acl.contains(*a))
            .map(|(_, n)| format!("@{n}"))
            .collect(),
        tips: spec.tips.iter().map(|t| t.to_string()).collect(),
        key_specs: spec
            .key_specs
            .iter()
            .map(|k| KeySpecInfo {
                notes: k.notes.to_string(),
                flags: KS_FLAG_NAMES
                    .iter()
                    .filter(|(f, _)| k.flags.contains(*f))
                    .map(|(_, n)| n.to_string())
                    .collect(),
                begin_search: begin_text(&k.begin),
                find_keys: find_text(&k.find),
            })
            .collect(),
        subcommands: spec
            .subcommands
            .iter()
            .map(|s| format!("{fullname}|{}", s.name))
            .collect(),
    }
}

/// Field-by-field differences that the allow-list does not excuse.
fn differences(name: &str, redis: &Info, ours: &Info, with_range: bool) -> Vec<String> {
    let mut out = Vec::new();
    let mut field = |f: &str, a: String, b: String| {
        if a != b && !allow::command_info_field_changed(name, f) {
            out.push(format!("{name}: {f}: redis {a} / shoal {b}"));
        }
    };
    field("arity", redis.arity.to_string(), ours.arity.to_string());
    let mut rf = redis.flags.clone();
    let mut of = ours.flags.clone();
    if !with_range {
        rf.remove("movablekeys");
        of.remove("movablekeys");
    }
    field("flags", format!("{rf:?}"), format!("{of:?}"));
    if with_range {
        field(
            "range",
            format!("{:?}", redis.range),
            format!("{:?}", ours.range),
        );
    }
    field("acl", format!("{:?}", redis.acl), format!("{:?}", ours.acl));
    field(
        "tips",
        format!("{:?}", redis.tips),
        format!("{:?}", ours.tips),
    );
    field(
        "key_specs",
        format!("{:?}", redis.key_specs),
        format!("{:?}", ours.key_specs),
    );
    // Subcommands: ours minus those new in 7.2 must be Redis's, except the ones we do not
    // implement yet.
    let ours_subs: BTreeSet<&String> = ours
        .subcommands
        .iter()
        .filter(|s| !allow::NEW_IN_7_2.contains(&s.as_str()))
        .collect();
    let extra: Vec<&&String> = ours_subs
        .iter()
        .filter(|s| !redis.subcommands.contains(**s))
        .collect();
    let missing: Vec<&String> = redis
        .subcommands
        .iter()
        .filter(|s| {
            !ours_subs.contains(s) && !allow::SUBCOMMANDS_NOT_YET_IMPLEMENTED.contains(&s.as_str())
        })
        .collect();
    if !extra.is_empty() || !missing.is_empty() {
        out.push(format!(
            "{name}: subcommands: shoal has {extra:?} that redis lacks, lacks {missing:?}"
        ));
    }
    out
}

fn names() -> Vec<String> {
    registry()
        .entries()
        .map(|e| e.fullname.clone())
        .filter(|n| {
            let parts: Vec<&[u8]> = n.split('|').map(str::as_bytes).collect();
            !allow::not_in_redis_7_0(&parts)
        })
        .collect()
}

#[test]
fn declared_specs_match_redis_command_info() {
    let Some(diff) = Diff::start("command-info-specs") else {
        return;
    };
    let mut r = diff.redis.conn();
    let mut failures = Vec::new();
    let names = names();
    for name in &names {
        let entry = registry().by_fullname(name).expect("registry name");
        match command_info(&mut r, name) {
            Ok(Some(theirs)) => failures.extend(differences(
                name,
                &theirs,
                &declared(name, entry.spec),
                false,
            )),
            Ok(None) => failures.push(format!("{name}: redis-server does not know it")),
            Err(e) => failures.push(e),
        }
    }
    eprintln!("command-info-specs: {} commands compared", names.len());
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn command_info_replies_match_redis() {
    if !require("command_info_replies_match_redis", &["command|info"]) {
        return;
    }
    let Some(diff) = Diff::start("command-info-wire") else {
        return;
    };
    let mut r = diff.redis.conn();
    let mut s = diff.shoal.conn();
    let mut failures = Vec::new();
    let names = names();
    for name in &names {
        match (command_info(&mut r, name), command_info(&mut s, name)) {
            (Ok(Some(a)), Ok(Some(b))) => failures.extend(differences(name, &a, &b, true)),
            (a, b) => failures.push(format!("{name}: redis {a:?} / shoal {b:?}")),
        }
    }
    // Unknown names give a nil entry on both.
    let (a, b) = (
        command_info(&mut r, "nosuchcommand"),
        command_info(&mut s, "nosuchcommand"),
    );
    if a != b {
        failures.push(format!("nosuchcommand: redis {a:?} / shoal {b:?}"));
    }
    eprintln!("command-info-wire: {} commands compared", names.len());
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
