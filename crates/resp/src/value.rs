//! Client-side reply values: a RESP2/RESP3 parser, an encoder, and a
//! redis-cli-like display. Used by tests, the differential suite and
//! scripting, so it keeps the wire text of doubles rather than a rounded f64.

use crate::reply::Proto;

mod display;

/// Deeper nesting is rejected so hostile input cannot overflow the stack.
pub const MAX_DEPTH: usize = 128;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Value {
    Simple(Vec<u8>),
    /// The text after `-`, e.g. `ERR unknown command`.
    Error(Vec<u8>),
    Int(i64),
    Bulk(Vec<u8>),
    /// RESP2 `$-1` or RESP3 `_`.
    Null,
    /// RESP2 `*-1`.
    NullArray,
    Array(Vec<Value>),
    Map(Vec<(Value, Value)>),
    Set(Vec<Value>),
    /// The text after `,`, exactly as sent (`1.5`, `inf`, `1e+20`).
    Double(Vec<u8>),
    Bool(bool),
    Verbatim {
        format: [u8; 3],
        text: Vec<u8>,
    },
    BigNumber(Vec<u8>),
    Push(Vec<Value>),
    /// RESP3 blob error `!len`.
    BlobError(Vec<u8>),
    /// RESP3 `|` attributes and the reply they annotate.
    Attribute {
        attrs: Vec<(Value, Value)>,
        value: Box<Value>,
    },
}

/// Parses one reply from the start of `buf`: `Ok(None)` if more bytes are
/// needed, else the value and the number of bytes it took.
pub fn parse_value(buf: &[u8]) -> Result<Option<(Value, usize)>, String> {
    let mut pos = 0;
    match parse_at(buf, &mut pos, 0)? {
        Some(v) => Ok(Some((v, pos))),
        None => Ok(None),
    }
}

/// The line starting at `*pos`, which must end in CRLF; advances past it.
fn line<'a>(buf: &'a [u8], pos: &mut usize) -> Result<Option<&'a [u8]>, String> {
    let rest = &buf[*pos..];
    let Some(cr) = memchr::memchr(b'\r', rest) else {
        return Ok(None);
    };
    match rest.get(cr + 1) {
        None => Ok(None),
        Some(b'\n') => {
            *pos += cr + 2;
            Ok(Some(&rest[..cr]))
        }
        Some(_) => Err("expected LF after CR".into()),
    }
}

fn int(text: &[u8]) -> Result<i64, String> {
    std::str::from_utf8(text)
        .ok()
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| format!("bad integer {:?}", String::from_utf8_lossy(text)))
}

/// A length, or None for `-1`.
fn length(text: &[u8]) -> Result<Option<usize>, String> {
    match int(text)? {
        -1 => Ok(None),
        n if n >= 0 => usize::try_from(n).map(Some).map_err(|e| e.to_string()),
        n => Err(format!("negative length {n}")),
    }
}

/// `len` bytes of payload followed by CRLF.
fn blob(buf: &[u8], pos: &mut usize, len: usize) -> Result<Option<Vec<u8>>, String> {
    let Some(end) = pos.checked_add(len).filter(|&e| e.checked_add(2).is_some()) else {
        return Err("length overflow".into());
    };
    if buf.len() < end + 2 {
        return Ok(None);
    }
    if &buf[end..end + 2] != b"\r\n" {
        return Err("missing CRLF after blob".into());
    }
    let data = buf[*pos..end].to_vec();
    *pos = end + 2;
    Ok(Some(data))
}

fn items(
    buf: &[u8],
    pos: &mut usize,
    n: usize,
    depth: usize,
) -> Result<Option<Vec<Value>>, String> {
    // Capacity is bounded by the input: every element takes at least 3 bytes.
    let mut out = Vec::with_capacity(n.min(buf.len() / 3));
    for _ in 0..n {
        match parse_at(buf, pos, depth + 1)? {
            Some(v) => out.push(v),
            None => return Ok(None),
        }
    }
    Ok(Some(out))
}

fn pairs(
    buf: &[u8],
    pos: &mut usize,
    n: usize,
    depth: usize,
) -> Result<Option<Vec<(Value, Value)>>, String> {
    let Some(flat) = items(buf, pos, n.checked_mul(2).ok_or("length overflow")?, depth)? else {
        return Ok(None);
    };
    let mut it = flat.into_iter();
    Ok(Some(
        std::iter::from_fn(|| Some((it.next()?, it.next()?))).collect(),
    ))
}

fn parse_at(buf: &[u8], pos: &mut usize, depth: usize) -> Result<Option<Value>, String> {
    if depth > MAX_DEPTH {
        return Err("nesting too deep".into());
    }
    let Some(&kind) = buf.get(*pos) else {
        return Ok(None);
    };
    let start = *pos;
    *pos += 1;
    let Some(text) = line(buf, pos)? else {
        *pos = start;
        return Ok(None);
    };
    if text.first() == Some(&b'?') && b"$*%~>|=!".contains(&kind) {
        return Err("streamed RESP3 types are not supported".into());
    }
    let value = match kind {
        b'+' => Some(Value::Simple(text.to_vec())),
        b'-' => Some(Value::Error(text.to_vec())),
        b':' => Some(Value::Int(int(text)?)),
        b'_' if text.is_empty() => Some(Value::Null),
        b'#' => match text {
            b"t" => Some(Value::Bool(true)),
            b"f" => Some(Value::Bool(false)),
            _ => return Err("bad boolean".into()),
        },
        b',' => {
            let ok = matches!(text, b"inf" | b"-inf" | b"nan")
                || std::str::from_utf8(text).is_ok_and(|s| s.parse::<f64>().is_ok());
            if !ok {
                return Err(format!("bad double {:?}", String::from_utf8_lossy(text)));
            }
            Some(Value::Double(text.to_vec()))
        }
        b'(' => {
            let digits = text.strip_prefix(b"-").unwrap_or(text);
            if digits.is_empty() || !digits.iter().all(u8::is_ascii_digit) {
                return Err("bad big number".into());
            }
            Some(Value::BigNumber(text.to_vec()))
        }
        b'$' => match length(text)? {
            None => Some(Value::Null),
            Some(n) => blob(buf, pos, n)?.map(Value::Bulk),
        },
        b'!' => match length(text)? {
            None => return Err("null blob error".into()),
            Some(n) => blob(buf, pos, n)?.map(Value::BlobError),
        },
        b'=' => match length(text)? {
            None => return Err("null verbatim string".into()),
            Some(n) => match blob(buf, pos, n)? {
                None => None,
                Some(data) if data.len() >= 4 && data[3] == b':' => Some(Value::Verbatim {
                    format: [data[0], data[1], data[2]],
                    text: data[4..].to_vec(),
                }),
                Some(_) => return Err("verbatim string without a format".into()),
            },
        },
        b'*' => match length(text)? {
            None => Some(Value::NullArray),
            Some(n) => items(buf, pos, n, depth)?.map(Value::Array),
        },
        b'~' | b'>' => {
            let n = length(text)?.ok_or("null aggregate")?;
            items(buf, pos, n, depth)?.map(|v| {
                if kind == b'~' {
                    Value::Set(v)
                } else {
                    Value::Push(v)
                }
            })
        }
        b'%' => {
            let n = length(text)?.ok_or("null map")?;
            pairs(buf, pos, n, depth)?.map(Value::Map)
        }
        b'|' => {
            let n = length(text)?.ok_or("null attribute")?;
            match pairs(buf, pos, n, depth)? {
                None => None,
                Some(attrs) => parse_at(buf, pos, depth + 1)?.map(|v| Value::Attribute {
                    attrs,
                    value: Box::new(v),
                }),
            }
        }
        other => return Err(format!("unknown reply type byte {other:#04x}")),
    };
    if value.is_none() {
        *pos = start;
    }
    Ok(value)
}

impl Value {
    /// Convenience constructor for bulk strings.
    pub fn bulk(data: impl AsRef<[u8]>) -> Value {
        Value::Bulk(data.as_ref().to_vec())
    }

    /// The value of a `Double`, if it is one.
    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Value::Double(t) => match t.as_slice() {
                b"inf" => Some(f64::INFINITY),
                b"-inf" => Some(f64::NEG_INFINITY),
                b"nan" => Some(f64::NAN),
                t => std::str::from_utf8(t).ok()?.parse().ok(),
            },
            _ => None,
        }
    }

    /// Encodes the value for `proto`, downgrading RESP3-only types for RESP2
    /// the way the server does (maps flatten, doubles become bulk strings,
    /// attributes are dropped).
    pub fn to_resp(&self, proto: Proto) -> Vec<u8> {
        let mut out = Vec::new();
        self.write_resp(proto, &mut out);
        out
    }

    pub fn write_resp(&self, proto: Proto, out: &mut Vec<u8>) {
        let resp3 = proto == Proto::Resp3;
        let line = |out: &mut Vec<u8>, kind: u8, text: &[u8]| {
            out.push(kind);
            out.extend_from_slice(text);
            out.extend_from_slice(b"\r\n");
        };
        let blob = |out: &mut Vec<u8>, kind: u8, data: &[u8]| {
            line(out, kind, data.len().to_string().as_bytes());
            out.extend_from_slice(data);
            out.extend_from_slice(b"\r\n");
        };
        let header =
            |out: &mut Vec<u8>, kind: u8, n: usize| line(out, kind, n.to_string().as_bytes());
        match self {
            Value::Simple(s) => line(out, b'+', s),
            Value::Error(s) => line(out, b'-', s),
            Value::Int(i) => line(out, b':', i.to_string().as_bytes()),
            Value::Bulk(b) => blob(out, b'$', b),
            Value::Null if resp3 => out.extend_from_slice(b"_\r\n"),
            Value::Null => out.extend_from_slice(b"$-1\r\n"),
            Value::NullArray if resp3 => out.extend_from_slice(b"_\r\n"),
            Value::NullArray => out.extend_from_slice(b"*-1\r\n"),
            Value::Array(v) | Value::Set(v) | Value::Push(v) => {
                let kind = match (self, resp3) {
                    (Value::Set(_), true) => b'~',
                    (Value::Push(_), true) => b'>',
                    _ => b'*',
                };
                header(out, kind, v.len());
                for x in v {
                    x.write_resp(proto, out);
                }
            }
            Value::Map(m) => {
                if resp3 {
                    header(out, b'%', m.len());
                } else {
                    header(out, b'*', m.len() * 2);
                }
                for (k, v) in m {
                    k.write_resp(proto, out);
                    v.write_resp(proto, out);
                }
            }
            Value::Double(t) if resp3 => line(out, b',', t),
            Value::Double(t) => blob(out, b'$', t),
            Value::Bool(b) if resp3 => line(out, b'#', if *b { b"t" } else { b"f" }),
            Value::Bool(b) => line(out, b':', if *b { b"1" } else { b"0" }),
            Value::Verbatim { format, text } if resp3 => {
                let mut data = format.to_vec();
                data.push(b':');
                data.extend_from_slice(text);
                blob(out, b'=', &data);
            }
            Value::Verbatim { text, .. } => blob(out, b'$', text),
            Value::BigNumber(d) if resp3 => line(out, b'(', d),
            Value::BigNumber(d) => blob(out, b'$', d),
            Value::BlobError(e) if resp3 => blob(out, b'!', e),
            Value::BlobError(e) => {
                let flat: Vec<u8> = e
                    .iter()
                    .map(|&c| if c == b'\r' || c == b'\n' { b' ' } else { c })
                    .collect();
                line(out, b'-', &flat)
            }
            Value::Attribute { attrs, value } => {
                if resp3 {
                    header(out, b'|', attrs.len());
                    for (k, v) in attrs {
                        k.write_resp(proto, out);
                        v.write_resp(proto, out);
                    }
                }
                value.write_resp(proto, out);
            }
        }
    }
}

#[cfg(test)]
mod tests;
