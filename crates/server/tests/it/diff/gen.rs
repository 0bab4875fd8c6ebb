//! Building blocks for generated command sequences: small pools of keys and values (so
//! commands collide), edge-case numbers, expiry times, and noise (wrong arity, odd case).

use proptest::prelude::*;
use proptest::sample::{select, Index};

use super::engine::{Case, Cmd, Cmp, A};

pub fn lit(s: impl AsRef<[u8]>) -> A {
    A::Lit(s.as_ref().to_vec())
}

/// A command from literal parts.
pub fn cmd(parts: &[&str], cmp: Cmp) -> Cmd {
    Cmd::new(parts.iter().map(lit).collect(), cmp)
}

fn pool(items: &'static [&'static [u8]]) -> BoxedStrategy<Vec<u8>> {
    select(items).prop_map(|b| b.to_vec()).boxed()
}

/// Few keys, so commands keep meeting the same ones. `{t}a` and `{t}b` share a slot; the
/// others spread over slots (and so over shards).
pub const KEYS: &[&[u8]] = &[b"a", b"b", b"c", b"{t}a", b"{t}b", b"", b"k\x00\r\n\xff"];

pub fn key() -> BoxedStrategy<A> {
    prop_oneof![
        6 => select(&KEYS[..3]).prop_map(|k| A::Key(k.to_vec())),
        2 => select(&KEYS[3..5]).prop_map(|k| A::Key(k.to_vec())),
        1 => select(&KEYS[5..]).prop_map(|k| A::Key(k.to_vec())),
    ]
    .boxed()
}

pub fn keys(min: usize, max: usize) -> BoxedStrategy<Vec<A>> {
    prop::collection::vec(key(), min..=max).boxed()
}

const VALUES: &[&[u8]] = &[
    b"",
    b"v",
    b"hello world",
    b"\x00",
    b"a\r\nb",
    b"\xff\xfe\x00\x01",
    b"0",
    b"1",
    b"-1",
    b"12",
    b"100",
    b"-0",
    b"01",
    b"+1",
    b" 1",
    b"1 ",
    b"1.5",
    b"-2.5",
    b"1e3",
    b"3.0e-5",
    b"inf",
    b"nan",
    b"0x10",
    b"9223372036854775807",
    b"-9223372036854775808",
    b"9223372036854775808",
    b"10000",
    b"123456789012345678901",
    // 44 bytes is the longest embstr, 45 the shortest raw string.
    b"eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee",
    b"rrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrr",
];

pub fn value() -> BoxedStrategy<A> {
    prop_oneof![
        8 => pool(VALUES).prop_map(A::Lit),
        2 => prop::collection::vec(any::<u8>(), 0..12).prop_map(A::Lit),
        1 => prop::collection::vec(select(&b"ab\x00\r\n"[..]), 40..120).prop_map(A::Lit),
    ]
    .boxed()
}

const INTS: &[&[u8]] = &[
    b"0",
    b"1",
    b"-1",
    b"2",
    b"3",
    b"5",
    b"-3",
    b"10",
    b"100",
    b"-100",
    b"9223372036854775807",
    b"-9223372036854775808",
    b"9223372036854775806",
    b"-9223372036854775807",
    b"9223372036854775808",
    b"abc",
    b"1.5",
    b"",
    b"+1",
    b" 2",
    b"01",
    b"-0",
    b"1e3",
];

pub fn int() -> BoxedStrategy<A> {
    prop_oneof![
        4 => pool(INTS).prop_map(A::Lit),
        1 => (-50i64..50).prop_map(|i| lit(i.to_string())),
    ]
    .boxed()
}

/// Small non-negative offsets and counts with a few bad ones.
pub fn small_int() -> BoxedStrategy<A> {
    prop_oneof![
        6 => (0i64..12).prop_map(|i| lit(i.to_string())),
        1 => pool(&[b"-1", b"-5", b"abc", b"", b"1.0", b"9223372036854775807"]).prop_map(A::Lit),
    ]
    .boxed()
}

const FLOATS: &[&[u8]] = &[
    b"0",
    b"1",
    b"-1",
    b"1.5",
    b"-0.5",
    b"0.1",
    b"0.2",
    b"1e3",
    b"1E3",
    b"3.0e-5",
    b"10.5",
    b"5.0e3",
    b"inf",
    b"-inf",
    b"+inf",
    b"nan",
    b"abc",
    b"1e400",
    b"",
    b"1.7976931348623157e308",
    b" 1",
    b"0x10",
    b"1.",
    b".5",
    b"-0",
    b"17179869184",
    b"9223372036854775807",
];

pub fn float() -> BoxedStrategy<A> {
    prop_oneof![
        4 => pool(FLOATS).prop_map(A::Lit),
        1 => (-1000i32..1000).prop_map(|i| lit(format!("{}", i as f64 / 8.0))),
    ]
    .boxed()
}

/// Relative expiry bases: far enough that nothing expires while the suite runs.
const TTL_BASES: &[i64] = &[10_000, 86_400, 1_000_000];

const BAD_TTLS: &[&[u8]] = &[
    b"0",
    b"-1",
    b"-100",
    b"abc",
    b"",
    b"1.5",
    b"9223372036854775807",
    b"9223372036854775",
    b"-9223372036854775808",
];

/// A relative time in seconds: mostly valid, sometimes invalid or an edge value (0 and
/// negatives delete at once for EXPIRE, are errors for SET EX).
pub fn rel_secs() -> BoxedStrategy<A> {
    prop_oneof![
        5 => select(TTL_BASES).prop_map(A::Secs),
        1 => pool(BAD_TTLS).prop_map(A::Lit),
    ]
    .boxed()
}

pub fn rel_ms() -> BoxedStrategy<A> {
    prop_oneof![
        5 => select(TTL_BASES).prop_map(A::Millis),
        1 => pool(BAD_TTLS).prop_map(A::Lit),
    ]
    .boxed()
}

/// Unix time in seconds: far future (2100), and, when `past` is true, times already gone.
pub fn abs_secs(past: bool) -> BoxedStrategy<A> {
    let future: &'static [&'static [u8]] = &[b"4102444800", b"4102444801", b"9999999999"];
    let past_or_bad: &'static [&'static [u8]] = &[b"1", b"100", b"0", b"-1", b"abc"];
    if past {
        prop_oneof![3 => pool(future).prop_map(A::Lit), 2 => pool(past_or_bad).prop_map(A::Lit)]
            .boxed()
    } else {
        prop_oneof![3 => pool(future).prop_map(A::Lit), 1 => pool(&[b"abc", b"0", b"-1"]).prop_map(A::Lit)]
            .boxed()
    }
}

pub fn abs_ms(past: bool) -> BoxedStrategy<A> {
    let future: &'static [&'static [u8]] = &[b"4102444800000", b"4102444800001", b"9999999999999"];
    let past_or_bad: &'static [&'static [u8]] = &[b"1", b"1000", b"0", b"-1", b"abc"];
    if past {
        prop_oneof![3 => pool(future).prop_map(A::Lit), 2 => pool(past_or_bad).prop_map(A::Lit)]
            .boxed()
    } else {
        prop_oneof![3 => pool(future).prop_map(A::Lit), 1 => pool(&[b"abc", b"0", b"-1"]).prop_map(A::Lit)]
            .boxed()
    }
}

/// A literal token from a list, sometimes in lower case (tokens are case-insensitive).
pub fn token(items: &'static [&'static str]) -> BoxedStrategy<A> {
    (select(items), any::<bool>())
        .prop_map(|(t, lower)| if lower { lit(t.to_lowercase()) } else { lit(t) })
        .boxed()
}

/// Mostly the command as generated; sometimes with arguments cut off or one too many
/// (arity and syntax errors), sometimes with the name in mixed case.
pub fn noisy(s: BoxedStrategy<Cmd>) -> BoxedStrategy<Cmd> {
    prop_oneof![
        20 => s.clone(),
        1 => (s.clone(), any::<Index>()).prop_map(|(mut c, i)| {
            let keep = 1 + i.index(c.args.len());
            c.args.truncate(keep);
            c
        }),
        1 => (s.clone(), value()).prop_map(|(mut c, extra)| {
            c.args.push(extra);
            c
        }),
        1 => s.prop_map(|mut c| {
            if let Some(A::Lit(name)) = c.args.first_mut() {
                for (i, b) in name.iter_mut().enumerate() {
                    if i % 2 == 1 {
                        b.make_ascii_lowercase();
                    } else {
                        b.make_ascii_uppercase();
                    }
                }
            }
            c
        }),
    ]
    .boxed()
}

/// A case: RESP2 or RESP3, and up to `max` commands.
pub fn case(op: BoxedStrategy<Cmd>, max: usize) -> impl Strategy<Value = Case> {
    (any::<bool>(), prop::collection::vec(op, 1..=max))
        .prop_map(|(resp3, cmds)| Case { resp3, cmds })
}

/// Commands that give a key another type, so WRONGTYPE paths get exercised once those types
/// exist in shoal (until then they are not sent).
pub fn other_type() -> BoxedStrategy<Cmd> {
    prop_oneof![
        (key(), value()).prop_map(|(k, v)| Cmd::new(vec![lit("LPUSH"), k, v], Cmp::Exact)),
        (key(), value()).prop_map(|(k, v)| Cmd::new(vec![lit("SADD"), k, v], Cmp::Exact)),
        (key(), value()).prop_map(|(k, v)| Cmd::new(vec![lit("HSET"), k, lit("f"), v], Cmp::Exact)),
        key().prop_map(|k| Cmd::new(vec![lit("ZADD"), k, lit("1"), lit("m")], Cmp::Exact)),
    ]
    .boxed()
}

/// A one-key command: `NAME key` compared with `cmp`.
pub fn on_key(name: &'static str, cmp: Cmp) -> BoxedStrategy<Cmd> {
    key()
        .prop_map(move |k| Cmd::new(vec![lit(name), k], cmp))
        .boxed()
}
