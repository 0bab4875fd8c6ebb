//! GETRANGE key start end
//! SUBSTR key start end
//!
//! The bytes from `start` to `end` inclusive; negative offsets count from the end. Offsets are
//! clamped exactly as Redis 7.2 clamps them, including its quirk that an `end` before the
//! start of the string still selects the first byte (`GETRANGE k 0 -100` is the first byte).

use shoal_resp::Args;

use super::string_value;
use crate::args;
use crate::ctx::Ctx;
use crate::errors::CmdResult;
use crate::spec::{Acl, Arg, ArgKind, CommandSpec, Flags, Group, KeySpec, KsFlags};

const COMPLEXITY: &str = "O(N) where N is the length of the returned string. The complexity is \
                          ultimately determined by the returned length, but because creating a \
                          substring from an existing string is very cheap, it can be considered \
                          O(1) for small strings.";

const ARGS: &[Arg] = &[
    Arg::new("key", ArgKind::Key),
    Arg::new("start", ArgKind::Integer),
    Arg::new("end", ArgKind::Integer),
];

pub static GETRANGE: CommandSpec = CommandSpec {
    name: "getrange",
    arity: 4,
    flags: Flags::READONLY,
    acl: Acl::STRING,
    key_specs: &[KeySpec::single(1, KsFlags::RO.union(KsFlags::ACCESS))],
    group: Group::String,
    since: "2.4.0",
    summary: "Returns a substring of the string stored at a key.",
    complexity: COMPLEXITY,
    args: ARGS,
    handler: getrange,
    ..CommandSpec::DEFAULT
};

pub static SUBSTR: CommandSpec = CommandSpec {
    name: "substr",
    arity: 4,
    flags: Flags::READONLY,
    acl: Acl::STRING,
    key_specs: &[KeySpec::single(1, KsFlags::RO.union(KsFlags::ACCESS))],
    group: Group::String,
    since: "1.0.0",
    summary: "Returns a substring from a string value.",
    complexity: COMPLEXITY,
    deprecated_since: "2.0.0",
    doc_flags: &["deprecated"],
    replaced_by: "`GETRANGE`",
    args: ARGS,
    handler: getrange,
    ..CommandSpec::DEFAULT
};

fn getrange(ctx: &mut Ctx<'_>, a: &Args<'_>) -> CmdResult {
    let start = args::int(a.get(2))?;
    let end = args::int(a.get(3))?;
    let value = match ctx.keys.get(a.get(1)) {
        None => &b""[..],
        Some(e) => string_value(e)?,
    };
    ctx.out.bulk(select(value, start, end));
    Ok(())
}

/// The inclusive byte range Redis selects for `start..=end`.
fn select(value: &[u8], start: i64, end: i64) -> &[u8] {
    let len = value.len() as i64;
    if start < 0 && end < 0 && start > end {
        return b"";
    }
    let start = if start < 0 { len + start } else { start }.max(0);
    let end = if end < 0 { len + end } else { end }.max(0).min(len - 1);
    if len == 0 || start > end {
        return b"";
    }
    &value[start as usize..=end as usize]
}

#[cfg(test)]
mod tests {
    use super::select;

    #[test]
    fn clamping_matches_redis() {
        let s = b"Hello World";
        let cases: &[(i64, i64, &[u8])] = &[
            (0, 3, b"Hell"),
            (-3, -1, b"rld"),
            (0, -1, b"Hello World"),
            (10, 100, b"d"),
            (5, 3, b""),
            (-1, -5, b""),
            (-100, -50, b"H"),
            (-100, 2, b"Hel"),
            (0, -100, b"H"),
            (3, -100, b""),
            (100, 200, b""),
            (-5, -100, b""),
            (11, 11, b""),
            (10, 10, b"d"),
            (-1, -1, b"d"),
            (0, 0, b"H"),
            (i64::MAX, i64::MAX, b""),
            (i64::MIN, i64::MIN, b"H"),
            (i64::MIN, i64::MAX, b"Hello World"),
        ];
        for &(start, end, want) in cases {
            assert_eq!(select(s, start, end), want, "GETRANGE {start} {end}");
        }
        assert_eq!(select(b"", 0, -1), b"");
        assert_eq!(select(b"", 0, 0), b"");
        assert_eq!(select(b"", -1, -1), b"");
    }
}
