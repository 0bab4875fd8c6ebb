//! The `redis_*` families, read from the same structured INFO sections the `INFO` command
//! renders (`info::collect`), so a scrape and `INFO` report the same numbers. Names, types
//! and labels follow redis_exporter: `cmd` without the `cmdstat_` prefix (`config|get` for
//! subcommands), `db` as `db0`, `err` as the error prefix.

use std::collections::HashMap;

use shoal_commands::server::info::{Section, Val};
use shoal_commands::Server;

use super::catalog::{INFO_FIELDS, INSTANCE_INFO_LABELS};
use super::out::Out;

/// A field's value as a number the way redis_exporter reads INFO text: numbers as such,
/// `ok`/`true` as 1, `err`/`fail`/`false` as 0, anything else is not a sample.
fn number(v: &Val) -> Option<f64> {
    if let Some(n) = v.as_f64() {
        return Some(n);
    }
    match v {
        Val::Text(t) => match t.as_ref() {
            "ok" | "true" => Some(1.0),
            "err" | "fail" | "false" => Some(0.0),
            t => t.parse().ok(),
        },
        _ => None,
    }
}

fn pair<'a>(v: &'a Val, key: &str) -> Option<&'a Val> {
    match v {
        Val::Pairs(pairs) => pairs.iter().find(|(k, _)| *k == key).map(|(_, v)| v),
        _ => None,
    }
}

fn text(v: &Val) -> String {
    match v {
        Val::Text(t) => t.to_string(),
        Val::Int(n) => n.to_string(),
        Val::Uint(n) => n.to_string(),
        other => other.as_f64().map(|f| f.to_string()).unwrap_or_default(),
    }
}

/// Publishes every `redis_*` family from `sections` (INFO `everything`).
pub fn publish(out: &mut Out, server: &Server, sections: &[Section], now_unix_secs: f64) {
    let fields: HashMap<&str, (&str, f64)> = INFO_FIELDS
        .iter()
        .map(|&(field, family, scale)| (field, (family, scale)))
        .collect();
    // Values that become labels of redis_instance_info.
    let mut info_labels: HashMap<&str, String> = HashMap::new();
    out.value("redis_up", &[], 1.0);
    for section in sections {
        for f in &section.fields {
            let name = f.name.as_ref();
            match section.key {
                "commandstats" => {
                    if let Some(cmd) = name.strip_prefix("cmdstat_") {
                        commandstat(out, cmd, &f.value);
                    }
                    continue;
                }
                "errorstats" => {
                    if let (Some(prefix), Some(n)) = (
                        name.strip_prefix("errorstat_"),
                        pair(&f.value, "count").and_then(number),
                    ) {
                        out.value("redis_errors_total", &[prefix], n);
                    }
                    continue;
                }
                "keyspace" => {
                    keyspace(out, name, &f.value);
                    continue;
                }
                _ => {}
            }
            if INSTANCE_INFO_LABELS.contains(&name) {
                info_labels.insert(name, text(&f.value));
            }
            if name == "uptime_in_seconds" {
                if let Some(up) = number(&f.value) {
                    out.value(
                        "redis_start_time_seconds",
                        &[],
                        (now_unix_secs - up).floor(),
                    );
                }
            }
            if let Some(&(family, scale)) = fields.get(name) {
                if let Some(v) = number(&f.value) {
                    out.value(family, &[], v * scale);
                }
            }
        }
    }
    let values: Vec<&str> = INSTANCE_INFO_LABELS
        .iter()
        .map(|l| info_labels.get(l).map(String::as_str).unwrap_or(""))
        .collect();
    out.value("redis_instance_info", &values, 1.0);
    // redis_exporter reads these two from CONFIG GET.
    let cfg = &server.config;
    out.value("redis_config_maxclients", &[], cfg.maxclients() as f64);
    out.value("redis_config_maxmemory", &[], cfg.maxmemory() as f64);
}

fn commandstat(out: &mut Out, cmd: &str, v: &Val) {
    let get = |k| pair(v, k).and_then(number);
    if let Some(calls) = get("calls") {
        out.value("redis_commands_total", &[cmd], calls);
    }
    if let Some(usec) = get("usec") {
        out.value("redis_commands_duration_seconds_total", &[cmd], usec / 1e6);
    }
    if let Some(n) = get("rejected_calls") {
        out.value("redis_commands_rejected_calls_total", &[cmd], n);
    }
    if let Some(n) = get("failed_calls") {
        out.value("redis_commands_failed_calls_total", &[cmd], n);
    }
}

fn keyspace(out: &mut Out, db: &str, v: &Val) {
    if !db.starts_with("db") {
        return;
    }
    let get = |k| pair(v, k).and_then(number);
    // Like the exporter, a line without keys and expires is not a database line.
    let (Some(keys), Some(expires)) = (get("keys"), get("expires")) else {
        return;
    };
    out.value("redis_db_keys", &[db], keys);
    out.value("redis_db_keys_expiring", &[db], expires);
    if let Some(ttl_ms) = get("avg_ttl") {
        out.value("redis_db_avg_ttl_seconds", &[db], ttl_ms / 1000.0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_values_read_like_the_exporter() {
        assert_eq!(number(&Val::text("ok")), Some(1.0));
        assert_eq!(number(&Val::text("err")), Some(0.0));
        assert_eq!(number(&Val::text("0.250000")), Some(0.25));
        assert_eq!(number(&Val::text("master")), None);
        assert_eq!(number(&Val::Float(1.5, 2)), Some(1.5));
        assert_eq!(number(&Val::Uint(7)), Some(7.0));
    }
}
