//! Hash field expiry against Valkey 9 (Redis 7.0 does not have it): HEXPIRE, HPEXPIRE,
//! HEXPIREAT, HPEXPIREAT with NX/XX/GT/LT (and their conflicts), HTTL, HPTTL, HEXPIRETIME,
//! HPEXPIRETIME, HPERSIST, HGETEX (EX/PX/EXAT/PXAT/PERSIST), HSETEX (NX/XX, FNX/FXX,
//! EX/PX/EXAT/PXAT/KEEPTTL) and HGETDEL, each with the FIELDS numfields clause and its errors
//! (0, negative, not a number, more or fewer fields than said, FIELDS missing). Times in the
//! past delete the fields at once, and the key goes with its last field. Relative times are
//! far in the future, so nothing expires on its own during a case; remaining times are
//! compared within a second.
//!
//! The issue asks for "Valkey 9 / Redis 7.4+" behaviour; where the two differ shoal follows
//! Valkey 9, the reference here. The run is skipped (loudly) without a valkey-server; see
//! support::redis_ref.

use proptest::prelude::*;

use super::engine::{cases, Cmd, Cmp, Diff, A};
use super::gen::*;

const BAD: u32 = 1;
const FIELDS: &[&str] = &["f", "g", "h", "", "\x00\r\n"];

fn field() -> BoxedStrategy<A> {
    prop::sample::select(FIELDS).prop_map(lit).boxed()
}

/// `FIELDS numfields field...`, mostly right, sometimes with a bad count or keyword.
fn fields(values: bool) -> BoxedStrategy<Vec<A>> {
    let bad_count = token(&["0", "-1", "abc", "", "9223372036854775807", "2147483648"]);
    (
        prop::collection::vec((field(), value()), 1..=3),
        prop_oneof![
            12 => Just(None),
            BAD => bad_count.prop_map(|c| Some(Some(c))),
            BAD => Just(Some(None)),
        ],
        prop_oneof![12 => Just(0i64), BAD => Just(1), BAD => Just(-1)],
        prop_oneof![12 => Just("FIELDS"), 1 => Just("fields"), BAD => Just("FIELD")],
    )
        .prop_map(move |(fvs, count, off, kw)| {
            let n = fvs.len() as i64 + off;
            let mut a = vec![lit(kw)];
            match count {
                None => a.push(lit(n.max(0).to_string())),
                Some(Some(c)) => a.push(c),
                // The count left out: the first field is taken for it.
                Some(None) => {}
            }
            for (f, v) in fvs {
                a.push(f);
                if values {
                    a.push(v);
                }
            }
            a
        })
        .boxed()
}

/// A time argument: the shared generators (valid, past, and bad ones) and a few edges of
/// the field expire range.
fn time(unit: &'static str) -> BoxedStrategy<A> {
    let base = match unit {
        "s" => rel_secs(),
        "ms" => rel_ms(),
        "at" => abs_secs(true),
        _ => abs_ms(true),
    };
    prop_oneof![
        8 => base,
        BAD => token(&["70368744177663", "70368744177664", "9223372036854775806", "-9223372036854775807"]),
    ]
    .boxed()
}

fn hexpire() -> BoxedStrategy<Cmd> {
    let cmd_time = prop_oneof![
        (Just("HEXPIRE"), time("s")),
        (Just("HPEXPIRE"), time("ms")),
        (Just("HEXPIREAT"), time("at")),
        (Just("HPEXPIREAT"), time("pxat")),
    ];
    (
        cmd_time,
        key(),
        prop::collection::vec(
            prop_oneof![
                12 => token(&["NX", "XX", "GT", "LT"]),
                // An unknown option is echoed cut at a NUL, its other bytes unchanged.
                BAD => Just(lit(b"nx\0GT")),
                BAD => Just(lit(b"G\xffT")),
            ],
            0..=2,
        ),
        fields(false),
    )
        .prop_map(|((c, t), k, conds, fs)| {
            let mut a = vec![lit(c), k, t];
            a.extend(conds);
            a.extend(fs);
            Cmd::new(a, Cmp::Exact)
        })
        .boxed()
}

/// HTTL and friends: remaining and absolute times, within a second.
fn httl() -> BoxedStrategy<Cmd> {
    (
        prop::sample::select(
            &[
                ("HTTL", 1),
                ("HPTTL", 1000),
                ("HEXPIRETIME", 1),
                ("HPEXPIRETIME", 1000),
            ][..],
        ),
        key(),
        fields(false),
    )
        .prop_map(|((c, tol), k, fs)| {
            let mut a = vec![lit(c), k];
            a.extend(fs);
            Cmd::new(a, Cmp::Tol(tol))
        })
        .boxed()
}

fn keyed(name: &'static str, values: bool) -> BoxedStrategy<Cmd> {
    (key(), fields(values))
        .prop_map(move |(k, fs)| {
            let mut a = vec![lit(name), k];
            a.extend(fs);
            Cmd::new(a, Cmp::Exact)
        })
        .boxed()
}

fn expiry_option(persist: &'static str) -> BoxedStrategy<Vec<A>> {
    prop_oneof![
        3 => Just(vec![]),
        2 => (token(&["EX"]), time("s")).prop_map(|(t, v)| vec![t, v]),
        2 => (token(&["PX"]), time("ms")).prop_map(|(t, v)| vec![t, v]),
        1 => (token(&["EXAT"]), time("at")).prop_map(|(t, v)| vec![t, v]),
        1 => (token(&["PXAT"]), time("pxat")).prop_map(|(t, v)| vec![t, v]),
        2 => Just(vec![lit(persist)]),
        BAD => Just(vec![lit("EX"), lit("100"), lit("PX"), lit("100000")]),
        BAD => Just(vec![lit(persist), lit("EX"), lit("100")]),
        BAD => Just(vec![lit("EX")]),
        BAD => Just(vec![lit("BOGUS")]),
        // Options match up to a NUL byte in Valkey.
        BAD => Just(vec![lit(format!("{persist}\0x"))]),
        BAD => time("ms").prop_map(|v| vec![lit(b"pX\0"), v]),
    ]
    .boxed()
}

fn hgetex() -> BoxedStrategy<Cmd> {
    (key(), expiry_option("PERSIST"), fields(false))
        .prop_map(|(k, o, fs)| {
            let mut a = vec![lit("HGETEX"), k];
            a.extend(o);
            a.extend(fs);
            Cmd::new(a, Cmp::Exact)
        })
        .boxed()
}

fn hsetex() -> BoxedStrategy<Cmd> {
    let cond = prop::collection::vec(token(&["NX", "XX", "FNX", "FXX"]), 0..=2);
    (key(), cond, expiry_option("KEEPTTL"), fields(true))
        .prop_map(|(k, c, o, fs)| {
            let mut a = vec![lit("HSETEX"), k];
            a.extend(c);
            a.extend(o);
            a.extend(fs);
            Cmd::new(a, Cmp::Exact)
        })
        .boxed()
}

fn hash_ttl_op() -> BoxedStrategy<Cmd> {
    let ops = prop_oneof![
        6 => (key(), prop::collection::vec((field(), value()), 1..=3)).prop_map(|(k, fvs)| {
            let mut a = vec![lit("HSET"), k];
            for (f, v) in fvs {
                a.push(f);
                a.push(v);
            }
            Cmd::new(a, Cmp::Exact)
        }),
        8 => hexpire(),
        4 => httl(),
        2 => keyed("HPERSIST", false),
        4 => hgetex(),
        5 => hsetex(),
        2 => keyed("HGETDEL", false),
        2 => (key(), field()).prop_map(|(k, f)| Cmd::new(vec![lit("HGET"), k, f], Cmp::Exact)),
        1 => (key(), field(), int())
            .prop_map(|(k, f, n)| Cmd::new(vec![lit("HINCRBY"), k, f, n], Cmp::Exact)),
        2 => key().prop_map(|k| Cmd::new(vec![lit("HGETALL"), k], Cmp::HashOrder { key: 1, pairs: true })),
        2 => on_key("HLEN", Cmp::Exact),
        1 => on_key("EXISTS", Cmp::Exact),
        1 => on_key("TTL", Cmp::Tol(1)),
        1 => on_key("DEL", Cmp::Exact),
        1 => (key(), rel_secs()).prop_map(|(k, t)| Cmd::new(vec![lit("EXPIRE"), k, t], Cmp::Exact)),
        1 => key().prop_map(|k| Cmd::new(vec![lit("OBJECT"), lit("ENCODING"), k], Cmp::Exact)),
        1 => other_type(),
    ];
    noisy(ops.boxed())
}

#[test]
fn hash_field_expiry_matches_valkey() {
    let Some(diff) = Diff::start_valkey("hash field expiry (valkey)") else {
        return;
    };
    diff.check(cases(600), case(hash_ttl_op(), 24));
}

/// COMMAND INFO of the field-expiry commands (arity, flags, ACL categories, key specs) as
/// Valkey 9 declares them (command_info.rs compares the rest with Redis 7.0).
#[test]
fn hash_field_expiry_command_info_matches_valkey() {
    let Some(diff) = Diff::start_valkey("hash field expiry COMMAND INFO (valkey)") else {
        return;
    };
    let names = [
        "HEXPIRE",
        "HPEXPIRE",
        "HEXPIREAT",
        "HPEXPIREAT",
        "HTTL",
        "HPTTL",
        "HEXPIRETIME",
        "HPEXPIRETIME",
        "HPERSIST",
        "HGETEX",
        "HSETEX",
        "HGETDEL",
    ];
    let cmds = names
        .iter()
        .map(|n| cmd(&["COMMAND", "INFO", n], Cmp::CommandInfo))
        .collect();
    diff.run_case(&super::engine::Case { resp3: false, cmds })
        .unwrap_or_else(|e| panic!("{e}"));
}
