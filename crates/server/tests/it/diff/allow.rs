//! Known, accepted differences between the reference (Debian's Redis 7.0) and our target
//! (Redis 7.2). Every entry says why. Anything not listed here must match exactly.
//!
//! Handled elsewhere, by how replies are compared rather than by skipping:
//! - HELLO `version` (7.0.x vs 7.2.x) and `id`: engine's `Cmp::Hello` ignores both.
//! - INFO: only the section headers are compared (field values are time, memory and
//!   version dependent; 7.2 adds fields).
//! - DUMP: the payload ends with the RDB version (10 in 7.0, 11 in 7.2) and a CRC64 over it;
//!   `Cmp::Dump` compares the rest.
//! - CLIENT INFO: `Cmp::ClientInfo` leaves out 7.2's lib-name/lib-ver fields and the `e` flag
//!   (7.0 keeps CLIENT NO-EVICT across RESET, 7.2 clears it).
//! - COMMAND INFO in RESP3: 7.0 sends some parts as sets where 7.2 sends arrays; the
//!   COMMAND INFO differential compares in RESP2 only.
//! - SADD: 7.2 sizes the set by the number of arguments, duplicates included (a new set, or an
//!   intset, given more members than set-max-intset-entries goes straight to a listpack or a
//!   hashtable), where 7.0 only looks at the members it really adds. diff::sets never sends
//!   more SADD members than set-max-intset-entries, except distinct ones (bulk_sadd).
//! - SPOP leaves a set whose encoding differs between 7.0 and 7.2 (7.2 may rebuild a
//!   hashtable as a listpack); diff::sets rebuilds the key on both servers after an SPOP.
//! - SSCAN from a cursor other than 0 lands on different members in a 7.0 hashtable and a 7.2
//!   listpack (which ignores the cursor); diff::sets only starts scans at 0 or bad cursors.
//! - Geo: sets written by GEORADIUS ... STOREDIST / GEOSEARCHSTORE ... STOREDIST hold raw
//!   distances, which 7.0 prints with "%.17g" and 7.2 in the shortest form; diff::geo reads
//!   them back without scores. Otherwise 7.0.15's geo code is 7.2's (7.0.6 took in the
//!   fixed-point distance printing and the same-meridian distance shortcut), so no geo reply
//!   needs an allowance.

use shoal_resp::Value;

/// Commands and subcommands the 7.0 reference does not have (it answers "unknown command" or
/// "unknown subcommand"), so they are never sent in differential runs and left out of the
/// COMMAND INFO comparison.
pub const NEW_IN_7_2: &[&str] = &[
    // CLIENT NO-TOUCH and CLIENT SETINFO were added in 7.2.0.
    "client|no-touch",
    "client|setinfo",
    // WAITAOF was added in 7.2.0.
    "waitaof",
    // Hash field expiry (Redis 7.4, Valkey 9), which shoal offers beyond 7.2.
    "hexpire",
    "hexpireat",
    "hpexpire",
    "hpexpireat",
    "hexpiretime",
    "hpexpiretime",
    "httl",
    "hpttl",
    "hpersist",
    // HGETDEL, HGETEX, HSETEX (Redis 8.0, Valkey 9).
    "hgetdel",
    "hgetex",
    "hsetex",
];

/// Replies whose text changed in 7.2: (fullname, why). Sent, but never compared.
pub const TEXT_CHANGED_IN_7_2: &[(&str, &str)] = &[
    // CLIENT HELP lists the new 7.2 subcommands (NO-TOUCH, SETINFO).
    ("client|help", "7.2 lists NO-TOUCH and SETINFO"),
];

/// COMMAND INFO fields that differ between 7.0 and 7.2 for a command: (fullname, field, why).
/// Fields: "arity", "flags", "acl", "tips", "key_specs", "range". (Subcommands added in 7.2
/// are handled through NEW_IN_7_2.)
pub const COMMAND_INFO_CHANGED_IN_7_2: &[(&str, &str, &str)] = &[
    // 7.2 dropped MSETNX's request_policy:multi_shard / response_policy:agg_min tips: MSETNX
    // cannot be split across shards (Valkey 9, based on 7.2, shows none either).
    ("msetnx", "tips", "tips dropped in 7.2"),
    // ZRANK / ZREVRANK key member [WITHSCORE]: the option arrived in 7.2 (arity 3 -> -3).
    ("zrank", "arity", "WITHSCORE added in 7.2"),
    ("zrevrank", "arity", "WITHSCORE added in 7.2"),
];

/// Subcommands shoal does not implement yet (their features come later). Not a 7.0/7.2
/// difference: a known gap, listed so COMMAND INFO's subcommand lists still compare. An entry
/// that gets implemented simply stops mattering.
pub const SUBCOMMANDS_NOT_YET_IMPLEMENTED: &[&str] = &[
    "client|caching",
    "client|getredir",
    "client|pause",
    "client|tracking",
    "client|trackinginfo",
    "client|unblock",
    "client|unpause",
];

fn fullname(args: &[&[u8]]) -> (String, Option<String>) {
    let top = String::from_utf8_lossy(args[0]).to_lowercase();
    let sub = args
        .get(1)
        .map(|s| format!("{top}|{}", String::from_utf8_lossy(s).to_lowercase()));
    (top, sub)
}

/// True when the command does not exist in Redis 7.0 (so it is not sent).
pub fn not_in_redis_7_0(args: &[&[u8]]) -> bool {
    let (top, sub) = fullname(args);
    NEW_IN_7_2
        .iter()
        .any(|n| *n == top || sub.as_deref() == Some(*n))
}

/// True when the reply text legitimately changed in 7.2 (compared with `Cmp::Nothing`).
pub fn text_changed(args: &[&[u8]]) -> bool {
    let (top, sub) = fullname(args);
    TEXT_CHANGED_IN_7_2
        .iter()
        .any(|(n, _)| *n == top || sub.as_deref() == Some(*n))
}

/// True when COMMAND INFO's `field` for `fullname` may differ.
pub fn command_info_field_changed(fullname: &str, field: &str) -> bool {
    COMMAND_INFO_CHANGED_IN_7_2
        .iter()
        .any(|(n, f, _)| *n == fullname && *f == field)
}

/// Commands whose effects differ between 7.0 and 7.2 in ways a reply comparison cannot see;
/// they are not sent.
pub fn effects_changed_in_7_2(args: &[&[u8]]) -> bool {
    // HELLO with several option groups, or junk after one: 7.0 applies AUTH and SETNAME while
    // parsing (a later bad option leaves the name set or the user switched); 7.2 validates
    // everything first and applies nothing on error.
    if args[0].eq_ignore_ascii_case(b"hello") && args.len() > 2 {
        let mut groups = 0;
        let mut j = 2;
        while j < args.len() {
            let more = args.len() - 1 - j;
            j += if args[j].eq_ignore_ascii_case(b"auth") && more >= 2 {
                3
            } else if args[j].eq_ignore_ascii_case(b"setname") && more >= 1 {
                2
            } else {
                1
            };
            groups += 1;
        }
        return groups > 1;
    }
    false
}

/// A reply difference explained by a behaviour change in 7.2 (the target), for this command.
/// `redis` and `shoal` send a command to the reference and to shoal, for commands that do not
/// change anything (TYPE, SMEMBERS and CONFIG GET do not even touch the key's access time).
pub fn changed_in_7_2(
    args: &[&[u8]],
    redis_raw: &[u8],
    shoal_raw: &[u8],
    redis: &mut dyn FnMut(&[&[u8]]) -> Value,
    shoal: &mut dyn FnMut(&[&[u8]]) -> Value,
) -> Option<&'static str> {
    let has = |word: &[u8]| args.iter().any(|a| a.eq_ignore_ascii_case(word));
    let mut redis_type = |key: &[u8]| match redis(&[b"TYPE", key]) {
        Value::Simple(t) => t,
        _ => Vec::new(),
    };
    // OBJECT ENCODING: 7.2 keeps small lists as a listpack (7.0: always quicklist) and small
    // sets of non-integers as a listpack (7.0: hashtable).
    if args.len() == 3
        && args[0].eq_ignore_ascii_case(b"object")
        && args[1].eq_ignore_ascii_case(b"encoding")
        && shoal_raw == b"$8\r\nlistpack\r\n"
    {
        if redis_raw == b"$9\r\nquicklist\r\n" && redis_type(args[2]) == b"list" {
            return Some("small lists are listpacks in 7.2");
        }
        // Only where 7.2 could hold a listpack at all: within set-max-listpack-entries and
        // -value (7.0 lacks those parameters, so their values come from shoal).
        if redis_raw == b"$9\r\nhashtable\r\n"
            && redis_type(args[2]) == b"set"
            && set_fits_listpack(args[2], redis, shoal)
        {
            return Some("small sets are listpacks in 7.2");
        }
    }
    // ZRANK/ZREVRANK key member <extra>: 7.0's arity is 3 (an arity error), 7.2 takes an
    // optional WITHSCORE there and calls anything else a syntax error.
    if args.len() == 4
        && (args[0].eq_ignore_ascii_case(b"zrank") || args[0].eq_ignore_ascii_case(b"zrevrank"))
        && redis_raw.starts_with(b"-ERR wrong number of arguments")
        && (shoal_raw == b"-ERR syntax error\r\n" || shoal_raw.starts_with(b"*"))
    {
        return Some("ZRANK/ZREVRANK WITHSCORE is new in 7.2");
    }
    // LPOS ... RANK -9223372036854775808: 7.0 negates it with wrap-around (a search from the
    // tail); 7.2 bounds RANK to +-LONG_MAX and answers a range error (redis#12167) while
    // parsing, so also before WRONGTYPE or a later option's error that 7.0 gives instead.
    if args[0].eq_ignore_ascii_case(b"lpos")
        && args
            .windows(2)
            .skip(2)
            .any(|w| w[0].eq_ignore_ascii_case(b"rank") && w[1] == b"-9223372036854775808")
        && shoal_raw
            == b"-ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807\r\n"
    {
        return Some("LPOS RANK LONG_MIN is an error in 7.2");
    }
    // Blocking commands with a timeout too big for a long long of ms ("inf", "1e20"): 7.0
    // casts it and reports the wrapped value as negative; 7.2 checks the range first
    // (redis#11338).
    if redis_raw == b"-ERR timeout is negative\r\n"
        && shoal_raw == b"-ERR timeout is out of range\r\n"
    {
        return Some("blocking timeouts past LLONG_MAX ms are out of range in 7.2");
    }
    // HELLO ... AUTH u p <bad option>: 7.0 authenticates while parsing and answers WRONGPASS
    // first; 7.2 parses every option first and answers the syntax error.
    if args[0].eq_ignore_ascii_case(b"hello")
        && has(b"auth")
        && redis_raw.starts_with(b"-WRONGPASS")
        && shoal_raw.starts_with(b"-ERR Syntax error in HELLO option")
    {
        return Some("HELLO validates all options before AUTH in 7.2");
    }
    None
}

/// Whether the set at `key` (as the reference holds it) is within shoal's set-max-listpack-*
/// limits.
fn set_fits_listpack(
    key: &[u8],
    redis: &mut dyn FnMut(&[&[u8]]) -> Value,
    shoal: &mut dyn FnMut(&[&[u8]]) -> Value,
) -> bool {
    let mut limit = |name: &[u8]| {
        let n = match shoal(&[b"CONFIG", b"GET", name]) {
            Value::Array(kv) => kv.get(1).cloned(),
            Value::Map(kv) => kv.first().map(|(_, v)| v.clone()),
            _ => None,
        };
        match n {
            Some(Value::Bulk(n)) => std::str::from_utf8(&n)
                .ok()
                .and_then(|n| n.parse::<u64>().ok())
                .unwrap_or(0),
            _ => 0,
        }
    };
    let entries = limit(b"set-max-listpack-entries");
    let value = limit(b"set-max-listpack-value");
    match redis(&[b"SMEMBERS", key]) {
        Value::Array(m) | Value::Set(m) => {
            m.len() as u64 <= entries
                && m.iter()
                    .all(|v| matches!(v, Value::Bulk(b) if b.len() as u64 <= value))
        }
        _ => false,
    }
}

/// Known shoal bugs the differential runs tolerate (so they keep finding new ones); each one
/// listed here must have a failing test in diff::known_bugs. None at present: the three found
/// so far (lossy non-UTF-8 error bytes, bytes past a NUL, C-int range texts) are fixed and
/// their tests in diff::known_bugs now guard against regressions.
pub fn known_bug(_redis_raw: &[u8], _shoal_raw: &[u8]) -> Option<&'static str> {
    None
}
