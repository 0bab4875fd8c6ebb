//! `Display` for [`Value`] in the layout of redis-cli's terminal output, so
//! test failures read like a redis-cli session.

use std::fmt::{self, Write};

use super::Value;

/// Quotes like Redis `sdscatrepr`.
fn repr(out: &mut String, s: &[u8]) {
    out.push('"');
    for &c in s {
        match c {
            b'\\' => out.push_str("\\\\"),
            b'"' => out.push_str("\\\""),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            b'\t' => out.push_str("\\t"),
            0x07 => out.push_str("\\a"),
            0x08 => out.push_str("\\b"),
            0x20..=0x7e => out.push(c as char),
            _ => {
                let _ = write!(out, "\\x{c:02x}");
            }
        }
    }
    out.push('"');
}

fn text(out: &mut String, s: &[u8]) {
    out.push_str(&String::from_utf8_lossy(s));
}

fn aggregate(
    out: &mut String,
    prefix: &str,
    items: &[&Value],
    sep: char,
    is_map: bool,
    empty: &str,
) {
    if items.is_empty() {
        out.push_str(empty);
        out.push('\n');
        return;
    }
    let count = if is_map { items.len() / 2 } else { items.len() };
    let width = count.to_string().len();
    let inner = format!("{prefix}{}", " ".repeat(width + 2));
    let mut i = 0;
    while i < items.len() {
        let human = if is_map { i / 2 } else { i } + 1;
        let lead = if i == 0 { "" } else { prefix };
        let _ = write!(out, "{lead}{human:>width$}{sep} ");
        cli(out, &inner, items[i]);
        if is_map {
            i += 1;
            out.pop();
            out.push_str(" => ");
            cli(out, &inner, items[i]);
        }
        i += 1;
    }
}

fn cli(out: &mut String, prefix: &str, v: &Value) {
    match v {
        Value::Error(e) | Value::BlobError(e) => {
            out.push_str("(error) ");
            text(out, e);
        }
        Value::Simple(s) => text(out, s),
        Value::Int(i) => {
            let _ = write!(out, "(integer) {i}");
        }
        Value::Double(d) => {
            out.push_str("(double) ");
            text(out, d);
        }
        Value::Bulk(b) => repr(out, b),
        Value::Verbatim { text: t, .. } => text(out, t),
        Value::Null | Value::NullArray => out.push_str("(nil)"),
        Value::Bool(b) => out.push_str(if *b { "(true)" } else { "(false)" }),
        Value::BigNumber(n) => {
            out.push_str("(big number) ");
            text(out, n);
        }
        Value::Array(items) => {
            let refs: Vec<&Value> = items.iter().collect();
            return aggregate(out, prefix, &refs, ')', false, "(empty array)");
        }
        Value::Push(items) => {
            let refs: Vec<&Value> = items.iter().collect();
            return aggregate(out, prefix, &refs, ')', false, "(empty push)");
        }
        Value::Set(items) => {
            let refs: Vec<&Value> = items.iter().collect();
            return aggregate(out, prefix, &refs, '~', false, "(empty set)");
        }
        Value::Map(pairs) => {
            let refs: Vec<&Value> = pairs.iter().flat_map(|(k, v)| [k, v]).collect();
            return aggregate(out, prefix, &refs, '#', true, "(empty hash)");
        }
        // redis-cli (hiredis) does not show attributes.
        Value::Attribute { value, .. } => return cli(out, prefix, value),
    }
    out.push('\n');
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut out = String::new();
        cli(&mut out, "", self);
        f.write_str(out.strip_suffix('\n').unwrap_or(&out))
    }
}
