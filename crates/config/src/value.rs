//! Parsing one parameter's value words, and the text forms Redis uses for
//! CONFIG GET and CONFIG REWRITE.

use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;
use std::path::Path;

use shoal_util::{memtoull, parse_f64_redis, string2ll, strtoll_prefix};

use crate::params::{Kind, NumSpec, ParamDef};
use crate::typed::{notify, ObufLimit};

/// A parsed value, as stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Value {
    /// Bools (0/1), numbers (u64 bits for unsigned), enum values, event flags.
    Num(i64),
    /// Text, and the canonical CONFIG GET form of list-like parameters.
    Text(Vec<u8>),
    /// Output-buffer limits for the classes that were given (index = class).
    Obuf(Vec<(usize, ObufLimit)>),
}

/// Redis `CONFIG_BINDADDR_MAX`.
const MAX_BIND_ADDRS: usize = 16;

/// Parses the value words of `def` (exactly one for single-word kinds) and
/// runs the parameter's extra check. Errors are Redis's texts.
pub(crate) fn parse(def: &ParamDef, args: &[&[u8]]) -> Result<Value, String> {
    let first = args.first().copied().unwrap_or(b"");
    let value = match def.kind {
        Kind::Bool => parse_bool(first)?,
        Kind::Num(spec) => parse_num(spec, first)?,
        Kind::Enum(options) => parse_enum(options, first)?,
        Kind::Text { .. } => Value::Text(first.to_vec()),
        Kind::Dir => parse_dir(args)?,
        Kind::Save => parse_save(args)?,
        Kind::Bind => parse_bind(args)?,
        Kind::ClientOutputBufferLimit => parse_obuf(args)?,
        Kind::NotifyKeyspaceEvents => parse_notify(args)?,
        Kind::OomScoreAdjValues => parse_oom_values(args)?,
        Kind::LatencyPercentiles => parse_percentiles(args)?,
    };
    if let Some(check) = def.check {
        check(&value)?;
    }
    Ok(value)
}

fn parse_bool(s: &[u8]) -> Result<Value, String> {
    if s.eq_ignore_ascii_case(b"yes") {
        Ok(Value::Num(1))
    } else if s.eq_ignore_ascii_case(b"no") {
        Ok(Value::Num(0))
    } else {
        Err("argument must be 'yes' or 'no'".into())
    }
}

fn parse_num(spec: NumSpec, s: &[u8]) -> Result<Value, String> {
    let v = if spec.memory {
        memtoull(s).ok_or("argument must be a memory value")? as i64
    } else {
        string2ll(s).ok_or("argument couldn't be parsed into an integer")?
    };
    let in_range = if spec.unsigned {
        (spec.min as u64..=spec.max as u64).contains(&(v as u64))
    } else {
        (spec.min..=spec.max).contains(&v)
    };
    if !in_range {
        return Err(if spec.unsigned {
            format!(
                "argument must be between {} and {} inclusive",
                spec.min as u64, spec.max as u64
            )
        } else {
            format!(
                "argument must be between {} and {} inclusive",
                spec.min, spec.max
            )
        });
    }
    Ok(Value::Num(v))
}

fn parse_enum(options: &[(&str, i64)], s: &[u8]) -> Result<Value, String> {
    options
        .iter()
        .find(|(name, _)| name.as_bytes().eq_ignore_ascii_case(s))
        .map(|&(_, v)| Value::Num(v))
        .ok_or_else(|| {
            let names: Vec<&str> = options.iter().map(|&(n, _)| n).collect();
            format!(
                "argument(s) must be one of the following: {}",
                names.join(", ")
            )
        })
}

fn wrong_args() -> String {
    "wrong number of arguments".into()
}

/// Redis chdirs and reports `getcwd`; shoal records the absolute path instead
/// of changing the process directory, with the same error texts.
fn parse_dir(args: &[&[u8]]) -> Result<Value, String> {
    let [dir] = args else {
        return Err(wrong_args());
    };
    let abs = std::fs::canonicalize(Path::new(OsStr::from_bytes(dir))).map_err(|e| strerror(&e))?;
    if !abs.is_dir() {
        return Err("Not a directory".into());
    }
    Ok(Value::Text(abs.into_os_string().into_encoded_bytes()))
}

/// The C `strerror` text of an I/O error (Rust appends " (os error N)").
pub(crate) fn strerror(e: &std::io::Error) -> String {
    let s = e.to_string();
    match s.find(" (os error ") {
        Some(i) => s[..i].to_string(),
        None => s,
    }
}

/// `strtoll(s, &end, 10)` with `*end == '\0'` required.
fn c_integer(s: &[u8]) -> Option<i64> {
    let (v, end) = strtoll_prefix(s);
    (end == s.len()).then_some(v)
}

fn parse_save(args: &[&[u8]]) -> Result<Value, String> {
    const INVALID: &str = "Invalid save parameters";
    let args: &[&[u8]] = if args == [b""] { &[] } else { args };
    if args.len() % 2 == 1 {
        return Err(INVALID.into());
    }
    let mut out = Vec::new();
    for pair in args.chunks(2) {
        let seconds = c_integer(pair[0]).filter(|&s| s >= 1).ok_or(INVALID)?;
        let changes = c_integer(pair[1]).filter(|&c| c >= 0).ok_or(INVALID)?;
        if !out.is_empty() {
            out.push(b' ');
        }
        // Redis keeps `changes` in an int.
        out.extend_from_slice(format!("{seconds} {}", changes as i32).as_bytes());
    }
    Ok(Value::Text(out))
}

fn parse_bind(args: &[&[u8]]) -> Result<Value, String> {
    if args.len() > MAX_BIND_ADDRS {
        return Err("Too many bind addresses specified.".into());
    }
    let args: &[&[u8]] = if args == [b""] { &[] } else { args };
    Ok(Value::Text(args.join(&b' ')))
}

/// Redis `getClientTypeByName`, minus "master" which is refused.
fn obuf_class(name: &[u8]) -> Option<usize> {
    match name.to_ascii_lowercase().as_slice() {
        b"normal" => Some(0),
        b"slave" | b"replica" => Some(1),
        b"pubsub" => Some(2),
        _ => None,
    }
}

fn parse_obuf(args: &[&[u8]]) -> Result<Value, String> {
    if args.len() % 4 != 0 {
        return Err("Wrong number of arguments in buffer limit configuration.".into());
    }
    let mut out = Vec::new();
    for group in args.chunks(4) {
        let class = obuf_class(group[0])
            .ok_or("Invalid client class specified in buffer limit configuration.")?;
        let bad = "Error in hard, soft or soft_seconds setting in buffer limit configuration.";
        let hard = memtoull(group[1]).ok_or(bad)?;
        let soft = memtoull(group[2]).ok_or(bad)?;
        let (secs, end) = strtoll_prefix(group[3]);
        // Redis stores the seconds in an int before checking the sign.
        let secs = secs as i32;
        if secs < 0 || end != group[3].len() {
            return Err(bad.into());
        }
        out.push((
            class,
            ObufLimit {
                hard,
                soft,
                soft_seconds: secs as u64,
            },
        ));
    }
    Ok(Value::Obuf(out))
}

fn parse_notify(args: &[&[u8]]) -> Result<Value, String> {
    let [classes] = args else {
        return Err(wrong_args());
    };
    notify::from_classes(classes)
        .map(|f| Value::Num(i64::from(f)))
        .ok_or_else(|| "Invalid event class character. Use 'Ag$lshzxeKEtmdn'.".into())
}

fn parse_oom_values(args: &[&[u8]]) -> Result<Value, String> {
    if args.len() != 3 {
        return Err(wrong_args());
    }
    let mut vals = Vec::with_capacity(3);
    for a in args {
        match c_integer(a) {
            Some(v) if (-2000..=2000).contains(&v) => vals.push(v.to_string()),
            _ => {
                return Err(
                    "Invalid oom-score-adj-values, elements must be between -2000 and 2000.".into(),
                )
            }
        }
    }
    Ok(Value::Text(vals.join(" ").into_bytes()))
}

fn parse_percentiles(args: &[&[u8]]) -> Result<Value, String> {
    let args: &[&[u8]] = if args == [b""] { &[] } else { args };
    let mut out: Vec<String> = Vec::with_capacity(args.len());
    for a in args {
        let p = parse_f64_redis(a).ok_or("Invalid latency-tracking-info-percentiles parameters")?;
        if !(0.0..=100.0).contains(&p) {
            return Err(
                "latency-tracking-info-percentiles parameters should sit between [0.0,100.0]"
                    .into(),
            );
        }
        out.push(trim_double(&format!("{p:.6}")));
    }
    Ok(Value::Text(out.join(" ").into_bytes()))
}

/// Redis `trimDoubleString` applied to a `%f` rendering.
fn trim_double(s: &str) -> String {
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s.to_string()
    }
}

/// CONFIG GET text of a numeric value.
pub(crate) fn render_num(spec: NumSpec, v: i64) -> Vec<u8> {
    let mut out = Vec::new();
    if spec.memory {
        shoal_util::append_u64(&mut out, v as u64);
    } else {
        shoal_util::append_i64(&mut out, v);
    }
    out
}

/// CONFIG GET text of an enum value (Redis prints "unknown" for no match).
pub(crate) fn render_enum(options: &[(&'static str, i64)], v: i64) -> &'static str {
    options
        .iter()
        .find(|&&(_, val)| val == v)
        .map_or("unknown", |&(n, _)| n)
}

/// Redis `rewriteConfigFormatMemory`: the largest exact gb/mb/kb unit.
pub(crate) fn format_memory(bytes: u64) -> String {
    const KB: u64 = 1024;
    const MB: u64 = 1024 * KB;
    const GB: u64 = 1024 * MB;
    match bytes {
        0 => "0".into(),
        b if b % GB == 0 => format!("{}gb", b / GB),
        b if b % MB == 0 => format!("{}mb", b / MB),
        b if b % KB == 0 => format!("{}kb", b / KB),
        b => b.to_string(),
    }
}

/// Redis's client class names in CONFIG GET order.
pub(crate) const OBUF_CLASS_NAMES: [&str; 3] = ["normal", "slave", "pubsub"];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::params::{Param, PARAMS};

    fn set(p: Param, s: &str) -> Result<Value, String> {
        let def = &PARAMS[p as usize];
        let words: Vec<&[u8]> = if def.kind.is_multi_arg() {
            crate::args::split_spaces(s.as_bytes())
        } else {
            vec![s.as_bytes()]
        };
        parse(def, &words)
    }

    #[test]
    fn bool_texts() {
        assert_eq!(set(Param::ProtectedMode, "YES"), Ok(Value::Num(1)));
        assert_eq!(set(Param::ProtectedMode, "No"), Ok(Value::Num(0)));
        assert_eq!(
            set(Param::ProtectedMode, "1"),
            Err("argument must be 'yes' or 'no'".into())
        );
        assert_eq!(
            set(Param::ProtectedMode, ""),
            Err("argument must be 'yes' or 'no'".into())
        );
    }

    #[test]
    fn integer_texts() {
        assert_eq!(set(Param::Port, "6380"), Ok(Value::Num(6380)));
        assert_eq!(
            set(Param::Port, "65536"),
            Err("argument must be between 0 and 65535 inclusive".into())
        );
        assert_eq!(
            set(Param::Port, "-1"),
            Err("argument must be between 0 and 65535 inclusive".into())
        );
        assert_eq!(
            set(Param::Port, "abc"),
            Err("argument couldn't be parsed into an integer".into())
        );
        assert_eq!(
            set(Param::Port, "1k"),
            Err("argument couldn't be parsed into an integer".into())
        );
        assert_eq!(
            set(Param::Port, " 1"),
            Err("argument couldn't be parsed into an integer".into())
        );
        assert_eq!(
            set(Param::Maxclients, "0"),
            Err("argument must be between 1 and 4294967295 inclusive".into())
        );
        assert_eq!(
            set(Param::Maxclients, "-5"),
            Err("argument must be between 1 and 4294967295 inclusive".into())
        );
        assert_eq!(
            set(Param::HashMaxListpackEntries, "-1"),
            Err("argument must be between 0 and 9223372036854775807 inclusive".into())
        );
        assert_eq!(set(Param::SlowlogLogSlowerThan, "-1"), Ok(Value::Num(-1)));
        assert_eq!(
            set(Param::SlowlogLogSlowerThan, "-2"),
            Err("argument must be between -1 and 9223372036854775807 inclusive".into())
        );
        assert_eq!(set(Param::ListMaxListpackSize, "-5"), Ok(Value::Num(-5)));
        assert_eq!(
            set(Param::ActiveExpireEffort, "11"),
            Err("argument must be between 1 and 10 inclusive".into())
        );
    }

    #[test]
    fn memory_texts() {
        assert_eq!(set(Param::Maxmemory, "1gb"), Ok(Value::Num(1 << 30)));
        assert_eq!(set(Param::Maxmemory, "1G"), Ok(Value::Num(1_000_000_000)));
        assert_eq!(set(Param::Maxmemory, "100MB"), Ok(Value::Num(100 << 20)));
        assert_eq!(set(Param::Maxmemory, "1k"), Ok(Value::Num(1000)));
        assert_eq!(
            set(Param::Maxmemory, "-1"),
            Err("argument must be a memory value".into())
        );
        assert_eq!(
            set(Param::Maxmemory, "1tb"),
            Err("argument must be a memory value".into())
        );
        assert_eq!(
            set(Param::Maxmemory, "18446744073709551615"),
            Ok(Value::Num(-1))
        );
        assert_eq!(
            set(Param::ProtoMaxBulkLen, "1000"),
            Err("argument must be between 1048576 and 9223372036854775807 inclusive".into())
        );
        assert_eq!(
            set(Param::ProtoMaxBulkLen, "18446744073709551615"),
            Err("argument must be between 1048576 and 9223372036854775807 inclusive".into())
        );
        assert_eq!(
            set(Param::ClientQueryBufferLimit, "1kb"),
            Err("argument must be between 1048576 and 9223372036854775807 inclusive".into())
        );
        assert_eq!(
            set(Param::HashMaxListpackValue, "1kb"),
            Ok(Value::Num(1024))
        );
        assert_eq!(
            set(Param::SetMaxListpackValue, "1kb"),
            Err("argument couldn't be parsed into an integer".into())
        );
    }

    #[test]
    fn enum_texts() {
        assert_eq!(
            set(Param::MaxmemoryPolicy, "ALLKEYS-LRU"),
            Ok(Value::Num(4))
        );
        assert_eq!(
            set(Param::MaxmemoryPolicy, "lru"),
            Err("argument(s) must be one of the following: volatile-lru, volatile-lfu, volatile-random, \
                 volatile-ttl, allkeys-lru, allkeys-lfu, allkeys-random, noeviction"
                .into())
        );
        assert_eq!(
            set(Param::Loglevel, "loud"),
            Err("argument(s) must be one of the following: debug, verbose, notice, warning, nothing".into())
        );
        assert_eq!(
            render_enum(crate::params::MAXMEMORY_POLICIES, 7),
            "noeviction"
        );
        assert_eq!(
            render_enum(crate::params::MAXMEMORY_POLICIES, 70),
            "unknown"
        );
    }

    #[test]
    fn shoal_refusals() {
        assert_eq!(set(Param::Daemonize, "no"), Ok(Value::Num(0)));
        assert!(set(Param::Daemonize, "yes")
            .unwrap_err()
            .contains("not supported by shoal"));
        assert!(set(Param::Appendonly, "yes")
            .unwrap_err()
            .contains("not supported by shoal"));
        assert!(set(Param::ClusterEnabled, "yes")
            .unwrap_err()
            .contains("not supported by shoal"));
        assert_eq!(
            set(Param::Appendonly, "maybe"),
            Err("argument must be 'yes' or 'no'".into())
        );
        assert!(set(Param::OomScoreAdj, "relative").is_err());
    }

    #[test]
    fn filename_checks() {
        assert_eq!(
            set(Param::Dbfilename, "a/b.rdb"),
            Err("dbfilename can't be a path, just a filename".into())
        );
        assert_eq!(
            set(Param::Dbfilename, "x.rdb"),
            Ok(Value::Text(b"x.rdb".to_vec()))
        );
        assert_eq!(
            set(Param::Appendfilename, ""),
            Err("appendfilename can't be empty".into())
        );
        assert_eq!(
            set(Param::Appenddirname, "a\\b"),
            Err("appenddirname can't be a path, just a dirname".into())
        );
    }

    #[test]
    fn save_texts() {
        assert_eq!(
            set(Param::Save, "900 1 300 10"),
            Ok(Value::Text(b"900 1 300 10".to_vec()))
        );
        assert_eq!(set(Param::Save, ""), Ok(Value::Text(Vec::new())));
        assert_eq!(
            set(Param::Save, "900"),
            Err("Invalid save parameters".into())
        );
        assert_eq!(
            set(Param::Save, "0 1"),
            Err("Invalid save parameters".into())
        );
        assert_eq!(
            set(Param::Save, "10 -1"),
            Err("Invalid save parameters".into())
        );
        assert_eq!(
            set(Param::Save, "10 x"),
            Err("Invalid save parameters".into())
        );
        assert_eq!(
            set(Param::Save, "+10 0"),
            Ok(Value::Text(b"10 0".to_vec())),
            "strtoll accepts a sign"
        );
    }

    #[test]
    fn bind_texts() {
        assert_eq!(
            set(Param::Bind, "127.0.0.1 ::1"),
            Ok(Value::Text(b"127.0.0.1 ::1".to_vec()))
        );
        assert_eq!(set(Param::Bind, ""), Ok(Value::Text(Vec::new())));
        let many = vec!["1.1.1.1"; 17].join(" ");
        assert_eq!(
            set(Param::Bind, &many),
            Err("Too many bind addresses specified.".into())
        );
    }

    #[test]
    fn obuf_texts() {
        let limit = |hard, soft, soft_seconds| ObufLimit {
            hard,
            soft,
            soft_seconds,
        };
        assert_eq!(
            set(
                Param::ClientOutputBufferLimit,
                "replica 256mb 64mb 60 PUBSUB 1k 2 3"
            ),
            Ok(Value::Obuf(vec![
                (1, limit(256 << 20, 64 << 20, 60)),
                (2, limit(1000, 2, 3))
            ]))
        );
        assert_eq!(
            set(Param::ClientOutputBufferLimit, "normal 1 2"),
            Err("Wrong number of arguments in buffer limit configuration.".into())
        );
        assert_eq!(
            set(Param::ClientOutputBufferLimit, "master 1 2 3"),
            Err("Invalid client class specified in buffer limit configuration.".into())
        );
        assert_eq!(
            set(Param::ClientOutputBufferLimit, "normal 1 2 -3"),
            Err(
                "Error in hard, soft or soft_seconds setting in buffer limit configuration.".into()
            )
        );
        assert_eq!(
            set(Param::ClientOutputBufferLimit, "normal -1 2 3"),
            Err(
                "Error in hard, soft or soft_seconds setting in buffer limit configuration.".into()
            )
        );
    }

    #[test]
    fn notify_texts() {
        assert_eq!(
            set(Param::NotifyKeyspaceEvents, "KEA"),
            Ok(Value::Num(i64::from(
                notify::KEYSPACE | notify::KEYEVENT | notify::ALL
            )))
        );
        assert_eq!(
            set(Param::NotifyKeyspaceEvents, "Kq"),
            Err("Invalid event class character. Use 'Ag$lshzxeKEtmdn'.".into())
        );
    }

    #[test]
    fn oom_and_percentiles() {
        assert_eq!(
            set(Param::OomScoreAdjValues, "0 200 800"),
            Ok(Value::Text(b"0 200 800".to_vec()))
        );
        assert_eq!(
            set(Param::OomScoreAdjValues, "0 200"),
            Err("wrong number of arguments".into())
        );
        assert_eq!(
            set(Param::OomScoreAdjValues, "0 200 3000"),
            Err("Invalid oom-score-adj-values, elements must be between -2000 and 2000.".into())
        );
        assert_eq!(
            set(Param::LatencyTrackingInfoPercentiles, "50 99 99.9"),
            Ok(Value::Text(b"50 99 99.9".to_vec()))
        );
        assert_eq!(
            set(Param::LatencyTrackingInfoPercentiles, "0.5 100"),
            Ok(Value::Text(b"0.5 100".to_vec()))
        );
        assert_eq!(
            set(Param::LatencyTrackingInfoPercentiles, ""),
            Ok(Value::Text(Vec::new()))
        );
        assert_eq!(
            set(Param::LatencyTrackingInfoPercentiles, "101"),
            Err(
                "latency-tracking-info-percentiles parameters should sit between [0.0,100.0]"
                    .into()
            )
        );
        assert_eq!(
            set(Param::LatencyTrackingInfoPercentiles, "x"),
            Err("Invalid latency-tracking-info-percentiles parameters".into())
        );
    }

    #[test]
    fn dir_texts() {
        let tmp = std::env::temp_dir();
        let Value::Text(abs) = set(Param::Dir, tmp.to_str().unwrap()).unwrap() else {
            panic!()
        };
        assert_eq!(
            abs,
            std::fs::canonicalize(&tmp)
                .unwrap()
                .into_os_string()
                .into_encoded_bytes()
        );
        assert_eq!(
            set(Param::Dir, "/definitely/not/here"),
            Err("No such file or directory".into())
        );
        let file = tmp.join(format!("shoal-config-dir-test-{}", std::process::id()));
        std::fs::write(&file, b"x").unwrap();
        assert_eq!(
            set(Param::Dir, file.to_str().unwrap()),
            Err("Not a directory".into())
        );
        std::fs::remove_file(&file).unwrap();
        assert_eq!(set(Param::Dir, ""), Err("No such file or directory".into()));
    }

    #[test]
    fn memory_rewrite_format() {
        assert_eq!(format_memory(0), "0");
        assert_eq!(format_memory(1 << 30), "1gb");
        assert_eq!(format_memory(512 << 20), "512mb");
        assert_eq!(format_memory(3 << 10), "3kb");
        assert_eq!(format_memory(1000), "1000");
    }
}
