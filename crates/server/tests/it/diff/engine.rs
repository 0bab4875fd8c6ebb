//! Runs one generated command sequence against redis-server and shoal side by side and
//! compares every reply.
//!
//! Both servers always receive exactly the same commands (commands shoal does not know are
//! dropped for both), so their states stay identical and even whole-keyspace replies compare.
//! Between cases both are flushed with FLUSHALL when shoal has it; otherwise each case uses a
//! fresh key prefix.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::fmt;
use std::sync::atomic::{AtomicU64, Ordering};

use proptest::strategy::Strategy;
use proptest::test_runner::{Config, RngSeed, TestCaseError, TestError, TestRunner};
use shoal_resp::{Proto, Value};

use super::allow;
use crate::support::{has, knows, show, Conn, RedisRef, Shoal};

/// One argument. Keys and patterns get the case's prefix; relative expiry times are made
/// unique per position so two of them never tie (a tie would make GT/LT depend on timing).
#[derive(Clone, PartialEq, Eq)]
pub enum A {
    Key(Vec<u8>),
    Pat(Vec<u8>),
    Lit(Vec<u8>),
    /// A valid relative time in seconds (base), rendered as `base + 7 * position`.
    Secs(i64),
    /// The same in milliseconds, rendered as `(base + 7 * position) * 1000 + 1`.
    Millis(i64),
}

/// How two replies are compared.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cmp {
    /// Byte for byte.
    Exact,
    /// Aggregate elements as a multiset (KEYS and other order-free replies).
    Unordered,
    /// A flat name/value array or a map, as a set of pairs (CONFIG GET).
    Pairs,
    /// Integers within this distance when both are non-negative (TTL, PTTL...); an array
    /// of them element by element (HTTL...).
    Tol(i64),
    /// Same reply type; error texts still exact.
    Shape,
    /// SCAN-like: iterate from the cursor at this argument index to the end on each server,
    /// compare the union of what was returned as a set.
    Scan(usize),
    /// HELLO: every field but `version` and `id`.
    Hello,
    /// INFO: the list of section headers.
    Info,
    /// TIME: two integers, seconds within 2.
    Time,
    /// DUMP: the payload without its trailing RDB version and CRC (7.0 writes RDB 10,
    /// 7.2 writes RDB 11); for strings only, other types just have to give a payload.
    Dump,
    /// CLIENT INFO: the field names in order (without 7.2's lib-name and lib-ver) and the
    /// values that do not depend on the connection or on memory. Flags are compared without U
    /// (Redis's side is a unix socket) and e (no-evict: 7.0 keeps it across RESET, 7.2 clears
    /// it).
    ClientInfo,
    /// COMMAND INFO: exact, except that RESP3 sets count as arrays (7.0 sends key specs and
    /// subcommands as sets, 7.2 as arrays).
    CommandInfo,
    /// Run on both, compare nothing (the command is there for its side effects).
    Nothing,
    /// SPOP / SRANDMEMBER: the picks differ, so compare the reply's kind and size, check on
    /// each server that every pick was a member (distinct unless SRANDMEMBER's count is
    /// negative) and that what is left is the set before minus what SPOP took. An SPOP that
    /// leaves members is followed by rebuilding the key on both servers from the reference's
    /// remainder, so later commands meet the same set again.
    Random,
    /// HKEYS/HVALS/HGETALL of the key at this argument index: exact while the reference's
    /// hash is a listpack (its order is insertion order), else order-free (as a multiset, or
    /// as a set of pairs when `pairs`), since hashtable order is an accident of hashing.
    HashOrder { key: usize, pairs: bool },
    /// HRANDFIELD of the key at this argument index: random picks, so the same reply type and
    /// length, every field (and value, WITHVALUES) one the reference's hash holds, and no
    /// field twice for a non-negative count.
    RandField { key: usize },
}

#[derive(Clone, PartialEq, Eq)]
pub struct Cmd {
    pub args: Vec<A>,
    pub cmp: Cmp,
}

impl Cmd {
    pub fn new(args: Vec<A>, cmp: Cmp) -> Cmd {
        Cmd { args, cmp }
    }

    /// Arguments as sent, for position `pos` in the case.
    fn render(&self, prefix: &[u8], pos: usize) -> Vec<Vec<u8>> {
        self.args
            .iter()
            .map(|a| match a {
                A::Key(k) | A::Pat(k) => [prefix, k].concat(),
                A::Lit(l) => l.clone(),
                A::Secs(b) => (b + 7 * pos as i64).to_string().into_bytes(),
                A::Millis(b) => ((b + 7 * pos as i64) * 1000 + 1).to_string().into_bytes(),
            })
            .collect()
    }

    fn name(&self) -> Vec<u8> {
        match self.args.first() {
            Some(A::Lit(n)) => n.to_ascii_lowercase(),
            _ => b"?".to_vec(),
        }
    }
}

impl fmt::Debug for A {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            A::Key(k) => write!(f, "key:{}", show(k)),
            A::Pat(k) => write!(f, "pat:{}", show(k)),
            A::Lit(l) => f.write_str(&show(l)),
            A::Secs(b) => write!(f, "secs:{b}+7i"),
            A::Millis(b) => write!(f, "ms:({b}+7i)*1000+1"),
        }
    }
}

impl fmt::Debug for Cmd {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let parts: Vec<String> = self.args.iter().map(|a| format!("{a:?}")).collect();
        write!(f, "{} [{:?}]", parts.join(" "), self.cmp)
    }
}

/// A generated case: the protocol to speak, and the commands.
#[derive(Clone, Debug)]
pub struct Case {
    pub resp3: bool,
    pub cmds: Vec<Cmd>,
}

/// The server under test: shoal, or (SHOAL_DIFF_SELFTEST=1) a second redis-server, which
/// checks the generators and comparisons themselves: any difference then is a flaky
/// generator, not a shoal bug.
pub enum Target {
    Shoal(Shoal),
    Redis(RedisRef),
}

impl Target {
    pub fn conn(&self) -> Conn {
        match self {
            Target::Shoal(s) => s.conn(),
            Target::Redis(r) => r.conn(),
        }
    }
}

fn selftest() -> bool {
    std::env::var("SHOAL_DIFF_SELFTEST").is_ok_and(|v| v == "1")
}

/// The two servers of one differential test.
pub struct Diff {
    pub name: &'static str,
    pub redis: RedisRef,
    pub shoal: Target,
    selftest: bool,
    /// The reference is valkey-server (Valkey 9), not Redis 7.0: commands newer than 7.0
    /// are sent too.
    valkey: bool,
    flush: bool,
    resp3: bool,
    seq: AtomicU64,
    stats: RefCell<Stats>,
}

#[derive(Default)]
struct Stats {
    cases: u64,
    compared: u64,
    skipped: BTreeMap<String, u64>,
    known_bugs: BTreeMap<&'static str, u64>,
    changed: BTreeMap<&'static str, u64>,
}

/// Number of cases per family: SHOAL_DIFF_CASES, else `default`.
pub fn cases(default: u32) -> u32 {
    std::env::var("SHOAL_DIFF_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

impl Diff {
    /// Starts redis-server (None: not installed, test skipped) and a three-shard shoal.
    pub fn start(name: &'static str) -> Option<Diff> {
        Self::with_args(name, &[])
    }

    /// Both servers with the same extra `--name value` settings.
    pub fn with_args(name: &'static str, extra: &[&str]) -> Option<Diff> {
        Self::build(name, extra, false)
    }

    /// valkey-server (Valkey 9) as the reference instead of redis-server, for commands Redis
    /// 7.0 does not have (hash field expiry). None (test skipped, loudly) when there is no
    /// valkey-server, unless SHOAL_REQUIRE_VALKEY=1. See support::redis_ref for where the
    /// binary comes from.
    pub fn start_valkey(name: &'static str) -> Option<Diff> {
        Self::build(name, &[], true)
    }

    fn build(name: &'static str, extra: &[&str], valkey: bool) -> Option<Diff> {
        let start = |n: &str| {
            if valkey {
                RedisRef::start_valkey(n, extra)
            } else {
                RedisRef::start_with(n, extra)
            }
        };
        let redis = start(name)?;
        let selftest = selftest();
        let shoal = if selftest {
            Target::Redis(start(name)?)
        } else {
            Target::Shoal(Shoal::with_args(extra))
        };
        Some(Diff {
            name,
            redis,
            shoal,
            selftest,
            valkey,
            // SHOAL_DIFF_PREFIX=1 forces the key-prefix mode (to self-test it).
            flush: (selftest || has("flushall"))
                && !std::env::var("SHOAL_DIFF_PREFIX").is_ok_and(|v| v == "1"),
            resp3: selftest || has("hello"),
            seq: AtomicU64::new(0),
            stats: RefCell::new(Stats::default()),
        })
    }

    fn reference(&self) -> &'static str {
        if self.valkey {
            "valkey"
        } else {
            "redis"
        }
    }

    /// Runs `cases` generated cases; on a mismatch, fails with the shrunk case.
    pub fn check<S>(&self, cases: u32, strategy: S)
    where
        S: Strategy<Value = Case>,
    {
        let seed = std::env::var("SHOAL_DIFF_SEED")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| {
                std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .unwrap()
                    .as_nanos() as u64
            });
        let config = Config {
            cases,
            failure_persistence: None,
            max_shrink_iters: 2000,
            rng_seed: RngSeed::Fixed(seed),
            ..Config::default()
        };
        let mut runner = TestRunner::new(config);
        let result = runner.run(&strategy, |case| {
            self.run_case(&case).map_err(TestCaseError::fail)
        });
        let stats = self.stats.borrow();
        let skipped: Vec<String> = stats
            .skipped
            .iter()
            .map(|(k, v)| format!("{k}x{v}"))
            .collect();
        eprintln!(
            "diff {}: {} {} vs {}, {} cases, {} replies compared, seed {seed} (SHOAL_DIFF_SEED)",
            self.name,
            self.reference(),
            self.redis.version,
            if self.selftest {
                "itself (self-test)"
            } else {
                "shoal"
            },
            stats.cases,
            stats.compared
        );
        for (why, n) in &stats.changed {
            eprintln!(
                "diff {}: 7.0/7.2 difference accepted {n} times: {why}",
                self.name
            );
        }
        for (bug, n) in &stats.known_bugs {
            eprintln!(
                "diff {}: KNOWN BUG tolerated {n} times: {bug} (SHOAL_DIFF_STRICT=1 to fail)",
                self.name
            );
        }
        if !skipped.is_empty() {
            eprintln!(
                "diff {}: not sent (unknown to shoal or allow-listed): {}",
                self.name,
                skipped.join(" ")
            );
        }
        match result {
            Ok(()) => {}
            Err(TestError::Fail(why, case)) => panic!(
                "diff {}: shoal differs from {}-server (seed {seed}).\n{why}\nminimal case ({}):\n{}",
                self.name,
                self.reference(),
                if case.resp3 { "RESP3" } else { "RESP2" },
                case.cmds
                    .iter()
                    .enumerate()
                    .map(|(i, c)| format!("  {i}: {c:?}"))
                    .collect::<Vec<_>>()
                    .join("\n")
            ),
            Err(e) => panic!("diff {}: {e}", self.name),
        }
    }

    /// Whether both servers get this command: shoal must know it (else it is dropped for both)
    /// and Redis 7.0 must have it. Deliberately bogus names ("NOSUCH...") are always sent, so
    /// unknown command and subcommand texts are compared too.
    fn sendable(&self, args: &[Vec<u8>]) -> bool {
        let refs: Vec<&[u8]> = args.iter().map(Vec::as_slice).collect();
        if (!self.valkey && allow::not_in_redis_7_0(&refs)) || allow::effects_changed_in_7_2(&refs)
        {
            return false;
        }
        if self.selftest {
            return true;
        }
        let bogus = |a: &[u8]| a.to_ascii_lowercase().starts_with(b"nosuch");
        if bogus(refs[0]) {
            return true;
        }
        if refs.len() > 1 && bogus(refs[1]) && has(&String::from_utf8_lossy(refs[0]).to_lowercase())
        {
            return true;
        }
        if !knows(&refs) {
            return false;
        }
        // COMMAND GETKEYS <command...> also needs shoal to know the inner command.
        let is_getkeys = refs.len() > 2
            && refs[0].eq_ignore_ascii_case(b"command")
            && (refs[1].eq_ignore_ascii_case(b"getkeys")
                || refs[1].eq_ignore_ascii_case(b"getkeysandflags"));
        !is_getkeys || bogus(refs[2]) || knows(&refs[2..])
    }

    fn skip(&self, args: &[Vec<u8>]) {
        let mut name = String::from_utf8_lossy(&args[0]).to_lowercase();
        if let Some(sub) = args.get(1) {
            if shoal_commands::registry()
                .lookup(&args[0])
                .is_some_and(|e| !e.spec.subcommands.is_empty())
            {
                name = format!("{name}|{}", String::from_utf8_lossy(sub).to_lowercase());
            }
        }
        *self.stats.borrow_mut().skipped.entry(name).or_default() += 1;
    }

    /// Fresh connections to both servers, flushed (or with a fresh prefix) for a new case.
    pub fn session(&self) -> (Conn, Conn, Vec<u8>) {
        let mut r = self.redis.conn();
        let mut s = self.shoal.conn();
        let prefix = if self.flush {
            assert_eq!(r.raw(&[b"FLUSHALL"]), b"+OK\r\n");
            assert_eq!(s.raw(&[b"FLUSHALL"]), b"+OK\r\n");
            Vec::new()
        } else {
            format!("c{}_", self.seq.fetch_add(1, Ordering::Relaxed)).into_bytes()
        };
        (r, s, prefix)
    }

    pub fn run_case(&self, case: &Case) -> Result<(), String> {
        let (mut r, mut s, prefix) = self.session();
        self.stats.borrow_mut().cases += 1;
        if case.resp3 && self.resp3 {
            // Valkey names itself and lists its Lua module: nothing to compare there.
            let hello = Cmd::new(
                vec![A::Lit(b"HELLO".to_vec()), A::Lit(b"3".to_vec())],
                if self.valkey {
                    Cmp::Nothing
                } else {
                    Cmp::Hello
                },
            );
            self.step(&mut r, &mut s, &hello, &prefix, 0)
                .map_err(|e| format!("HELLO 3 at case start: {e}"))?;
        }
        for (i, cmd) in case.cmds.iter().enumerate() {
            match self.step(&mut r, &mut s, cmd, &prefix, i) {
                Ok(Flow::Go) => {}
                Ok(Flow::Closed) => break,
                Err(e) => return Err(format!("command {i}: {cmd:?}\n{e}")),
            }
        }
        Ok(())
    }

    fn step(
        &self,
        r: &mut Conn,
        s: &mut Conn,
        cmd: &Cmd,
        prefix: &[u8],
        pos: usize,
    ) -> Result<Flow, String> {
        let args = cmd.render(prefix, pos);
        if !self.sendable(&args) {
            self.skip(&args);
            return Ok(Flow::Go);
        }
        let refs: Vec<&[u8]> = args.iter().map(Vec::as_slice).collect();
        if let Cmp::Scan(at) = cmd.cmp {
            self.stats.borrow_mut().compared += 1;
            return scan_compare(r, s, &refs, at).map(|_| Flow::Go);
        }
        if cmd.cmp == Cmp::Random && refs.len() >= 2 {
            self.stats.borrow_mut().compared += 1;
            return random_compare(r, s, &refs).map(|_| Flow::Go);
        }
        let cmp = if allow::text_changed(&refs) {
            Cmp::Nothing
        } else if whole_command_table(&refs) {
            // The whole command table (COMMAND, or COMMAND INFO/DOCS/LIST without names, e.g.
            // from a truncated command): shoal lists only what it implements so far.
            Cmp::Shape
        } else {
            cmd.cmp
        };
        let rr = exchange(r, &refs);
        let sr = exchange(s, &refs);
        self.stats.borrow_mut().compared += 1;
        let (rv, rraw, sv, sraw) = match (rr, sr) {
            (Reply::Got(rv, rraw), Reply::Got(sv, sraw)) => (rv, rraw, sv, sraw),
            (Reply::Closed, Reply::Closed) => return Ok(Flow::Closed),
            (a, b) => return Err(format!("redis: {a:?}\nshoal: {b:?}")),
        };
        let is_quit = cmd.name() == b"quit";
        if rraw != sraw && !matches!(rv, Value::Error(_)) && !matches!(sv, Value::Error(_)) {
            let checked = match cmd.cmp {
                Cmp::HashOrder { key, pairs } => Some(hash_order(r, refs[key], pairs, &rv, &sv)),
                Cmp::RandField { key } => Some(rand_field(r, &refs, key, &rv, &sv)),
                _ => None,
            };
            if let Some(result) = checked {
                return result.map(|_| Flow::Go).map_err(|why| {
                    format!("{why}\nredis: {}\nshoal: {}", show(&rraw), show(&sraw))
                });
            }
        }
        if rraw != sraw {
            let mut ask_redis = |q: &[&[u8]]| match exchange(r, q) {
                Reply::Got(v, _) => v,
                Reply::Closed => Value::Null,
            };
            let mut ask_shoal = |q: &[&[u8]]| match exchange(s, q) {
                Reply::Got(v, _) => v,
                Reply::Closed => Value::Null,
            };
            if let Some(why) =
                allow::changed_in_7_2(&refs, &rraw, &sraw, &mut ask_redis, &mut ask_shoal)
            {
                *self.stats.borrow_mut().changed.entry(why).or_default() += 1;
                return Ok(Flow::Go);
            }
            if let Some(bug) = allow::known_bug(&rraw, &sraw) {
                *self.stats.borrow_mut().known_bugs.entry(bug).or_default() += 1;
                return Ok(Flow::Go);
            }
        }
        compare(cmp, &rv, &rraw, &sv, &sraw)
            .map_err(|why| format!("{why}\nredis: {}\nshoal: {}", show(&rraw), show(&sraw)))?;
        if is_quit && rraw == b"+OK\r\n" {
            return Ok(Flow::Closed);
        }
        Ok(Flow::Go)
    }
}

fn whole_command_table(args: &[&[u8]]) -> bool {
    args[0].eq_ignore_ascii_case(b"command")
        && (args.len() == 1
            || (args.len() == 2
                && [&b"info"[..], b"docs", b"list"]
                    .iter()
                    .any(|s| args[1].eq_ignore_ascii_case(s))))
}

enum Flow {
    Go,
    Closed,
}

#[derive(Debug)]
enum Reply {
    Got(Value, Vec<u8>),
    Closed,
}

fn exchange(c: &mut Conn, args: &[&[u8]]) -> Reply {
    if c.try_send(&crate::support::encode(args)).is_err() {
        return Reply::Closed;
    }
    match c.try_read_reply() {
        Ok((v, raw)) => Reply::Got(v, raw),
        Err(_) => Reply::Closed,
    }
}

/// Encoding used as a sort key for order-free comparisons.
fn key_of(v: &Value) -> Vec<u8> {
    v.to_resp(Proto::Resp3)
}

fn sorted(items: &[Value]) -> Vec<Vec<u8>> {
    let mut k: Vec<Vec<u8>> = items.iter().map(key_of).collect();
    k.sort();
    k
}

fn pairs(v: &Value) -> Option<Vec<(Vec<u8>, Vec<u8>)>> {
    let mut p: Vec<(Vec<u8>, Vec<u8>)> = match v {
        Value::Map(m) => m.iter().map(|(a, b)| (key_of(a), key_of(b))).collect(),
        Value::Array(a) if a.len() % 2 == 0 => a
            .chunks(2)
            .map(|c| (key_of(&c[0]), key_of(&c[1])))
            .collect(),
        _ => return None,
    };
    p.sort();
    Some(p)
}

fn same_kind(a: &Value, b: &Value) -> bool {
    std::mem::discriminant(a) == std::mem::discriminant(b)
}

fn text_of(v: &Value) -> Option<&[u8]> {
    match v {
        Value::Bulk(b) | Value::Simple(b) => Some(b),
        Value::Verbatim { text, .. } => Some(text),
        _ => None,
    }
}

fn int_of(v: &Value) -> Option<i64> {
    match v {
        Value::Int(i) => Some(*i),
        Value::Bulk(b) => std::str::from_utf8(b).ok()?.parse().ok(),
        _ => None,
    }
}

pub fn compare(cmp: Cmp, rv: &Value, rraw: &[u8], sv: &Value, sraw: &[u8]) -> Result<(), String> {
    if rraw == sraw || cmp == Cmp::Nothing {
        return Ok(());
    }
    // Errors are always compared exactly: their texts are part of the contract.
    if matches!(rv, Value::Error(_)) || matches!(sv, Value::Error(_)) {
        return Err("replies differ (error text)".into());
    }
    let ok = match cmp {
        Cmp::Exact => false,
        Cmp::Shape => same_kind(rv, sv),
        Cmp::Unordered => match (rv, sv) {
            (Value::Array(a), Value::Array(b)) | (Value::Set(a), Value::Set(b)) => {
                sorted(a) == sorted(b)
            }
            _ => false,
        },
        Cmp::Pairs => same_kind(rv, sv) && pairs(rv).is_some() && pairs(rv) == pairs(sv),
        Cmp::Tol(t) => {
            let near = |a: &Value, b: &Value| match (a, b) {
                (Value::Int(a), Value::Int(b)) => {
                    a == b || (*a >= 0 && *b >= 0 && (a - b).abs() <= t)
                }
                _ => a == b,
            };
            match (rv, sv) {
                (Value::Int(_), Value::Int(_)) => near(rv, sv),
                // Per-field replies (HTTL...): element by element.
                (Value::Array(a), Value::Array(b)) => {
                    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| near(x, y))
                }
                _ => false,
            }
        }
        Cmp::Time => match (rv, sv) {
            (Value::Array(a), Value::Array(b)) if a.len() == 2 && b.len() == 2 => {
                let secs = (int_of(&a[0]), int_of(&b[0]));
                let us = int_of(&b[1]);
                matches!(secs, (Some(x), Some(y)) if (x - y).abs() <= 2)
                    && matches!(us, Some(u) if (0..1_000_000).contains(&u))
                    && matches!(&b[0], Value::Bulk(_))
                    && matches!(&b[1], Value::Bulk(_))
            }
            _ => false,
        },
        Cmp::Hello => hello_equal(rv, sv),
        Cmp::Info => match (text_of(rv), text_of(sv)) {
            (Some(a), Some(b)) => same_kind(rv, sv) && sections(a) == sections(b),
            _ => false,
        },
        Cmp::Dump => match (rv, sv) {
            // Strings (RDB type 0) only: other types' payloads follow hash-table order, and
            // 7.2 encodes small sets and hashes differently from 7.0 anyway.
            (Value::Bulk(a), Value::Bulk(b)) if a.first() == Some(&0) => {
                a.len() == b.len() && a.len() >= 10 && a[..a.len() - 10] == b[..b.len() - 10]
            }
            (Value::Bulk(_), Value::Bulk(_)) => true,
            _ => false,
        },
        Cmp::ClientInfo => match (text_of(rv), text_of(sv)) {
            (Some(a), Some(b)) => same_kind(rv, sv) && client_fields(a) == client_fields(b),
            _ => false,
        },
        Cmp::CommandInfo => sets_as_arrays(rv) == sets_as_arrays(sv),
        Cmp::Nothing => true,
        Cmp::Scan(_) => unreachable!("SCAN is compared by scan_compare"),
        // Errors and arity mistakes reach here; everything else goes through random_compare.
        Cmp::Random => false,
        // Same bytes or an error on either side: exact (the reference was not asked).
        Cmp::HashOrder { .. } | Cmp::RandField { .. } => false,
    };
    if ok {
        Ok(())
    } else {
        Err(format!("replies differ ({cmp:?})"))
    }
}

/// HKEYS/HVALS/HGETALL replies that differ in bytes: fine only when the reference's hash is
/// not a listpack and they hold the same things.
fn hash_order(r: &mut Conn, key: &[u8], pairs: bool, rv: &Value, sv: &Value) -> Result<(), String> {
    let enc = match exchange(r, &[b"OBJECT", b"ENCODING", key]) {
        Reply::Got(v, _) => text_of(&v).map(<[u8]>::to_vec).unwrap_or_default(),
        Reply::Closed => return Err("reference closed on OBJECT ENCODING".into()),
    };
    if enc == b"listpack" {
        return Err("replies differ (a listpack hash's order is insertion order)".into());
    }
    let cmp = if pairs { Cmp::Pairs } else { Cmp::Unordered };
    let raw = |v: &Value| v.to_resp(Proto::Resp3);
    compare(cmp, rv, &raw(rv), sv, &raw(sv))
}

/// One HRANDFIELD pick: the field, and its value with WITHVALUES.
type Pick = (Vec<u8>, Option<Vec<u8>>);

/// Elements of an HRANDFIELD reply.
fn rand_items(v: &Value, with_values: bool) -> Option<Vec<Pick>> {
    let Value::Array(items) = v else {
        return None;
    };
    let bulk = |v: &Value| match v {
        Value::Bulk(b) => Some(b.clone()),
        _ => None,
    };
    if !with_values {
        return items.iter().map(|i| Some((bulk(i)?, None))).collect();
    }
    // RESP3 nests each pair in an array; RESP2 is flat.
    if items
        .iter()
        .all(|i| matches!(i, Value::Array(p) if p.len() == 2))
        && !items.is_empty()
    {
        return items
            .iter()
            .map(|i| match i {
                Value::Array(p) => Some((bulk(&p[0])?, Some(bulk(&p[1])?))),
                _ => None,
            })
            .collect();
    }
    if items.len() % 2 != 0 {
        return None;
    }
    items
        .chunks(2)
        .map(|c| Some((bulk(&c[0])?, Some(bulk(&c[1])?))))
        .collect()
}

fn rand_field(
    r: &mut Conn,
    args: &[&[u8]],
    key: usize,
    rv: &Value,
    sv: &Value,
) -> Result<(), String> {
    let with_values = args.len() > key + 2 && args[key + 2].eq_ignore_ascii_case(b"withvalues");
    let distinct = args
        .get(key + 1)
        .and_then(|c| std::str::from_utf8(c).ok()?.parse::<i64>().ok())
        .is_some_and(|c| c >= 0);
    if !same_kind(rv, sv) {
        return Err("replies differ (HRANDFIELD reply type)".into());
    }
    let hash = match exchange(r, &[b"HGETALL", args[key]]) {
        Reply::Got(v, _) => pairs_of(&v).ok_or("reference HGETALL is not a hash")?,
        Reply::Closed => return Err("reference closed on HGETALL".into()),
    };
    let check = |v: &Value| -> Result<Vec<Vec<u8>>, String> {
        let items = match v {
            Value::Bulk(f) => vec![(f.clone(), None)],
            _ => rand_items(v, with_values).ok_or("HRANDFIELD reply of an unexpected shape")?,
        };
        for (f, val) in &items {
            match hash.iter().find(|(hf, _)| hf == f) {
                Some((_, hv)) if val.as_ref().is_none_or(|v| v == hv) => {}
                _ => return Err(format!("HRANDFIELD returned {} not in the hash", show(f))),
            }
        }
        Ok(items.into_iter().map(|(f, _)| f).collect())
    };
    let a = check(rv)?;
    let b = check(sv)?;
    if a.len() != b.len() {
        return Err("replies differ (HRANDFIELD count)".into());
    }
    let mut d = b.clone();
    d.sort();
    d.dedup();
    if distinct && d.len() != b.len() {
        return Err("HRANDFIELD with a positive count repeated a field".into());
    }
    Ok(())
}

/// A hash as returned by HGETALL (flat array or map).
fn pairs_of(v: &Value) -> Option<Vec<(Vec<u8>, Vec<u8>)>> {
    let bulk = |v: &Value| match v {
        Value::Bulk(b) => Some(b.clone()),
        _ => None,
    };
    match v {
        Value::Map(m) => m.iter().map(|(a, b)| Some((bulk(a)?, bulk(b)?))).collect(),
        Value::Array(a) if a.len() % 2 == 0 => a
            .chunks(2)
            .map(|c| Some((bulk(&c[0])?, bulk(&c[1])?)))
            .collect(),
        _ => None,
    }
}

fn sets_as_arrays(v: &Value) -> Value {
    match v {
        Value::Set(a) | Value::Array(a) => Value::Array(a.iter().map(sets_as_arrays).collect()),
        Value::Map(m) => Value::Map(
            m.iter()
                .map(|(k, v)| (sets_as_arrays(k), sets_as_arrays(v)))
                .collect(),
        ),
        other => other.clone(),
    }
}

/// CLIENT INFO fields as compared: every name, and the values of the stable ones.
fn client_fields(line: &[u8]) -> Vec<(String, Option<String>)> {
    const STABLE: &[&str] = &[
        "name", "flags", "db", "sub", "psub", "ssub", "multi", "cmd", "user", "redir", "resp",
    ];
    String::from_utf8_lossy(line)
        .trim_end()
        .split(' ')
        .filter_map(|f| f.split_once('='))
        .filter(|(k, _)| !matches!(*k, "lib-name" | "lib-ver"))
        .map(|(k, v)| {
            let v = STABLE.contains(&k).then(|| {
                if k == "flags" {
                    let f: String = v.chars().filter(|&c| c != 'U' && c != 'e').collect();
                    if f.is_empty() {
                        "N".to_string()
                    } else {
                        f
                    }
                } else {
                    v.to_string()
                }
            });
            (k.to_string(), v)
        })
        .collect()
}

fn sections(info: &[u8]) -> Vec<Vec<u8>> {
    info.split(|&b| b == b'\n')
        .filter(|l| l.starts_with(b"# "))
        .map(|l| l.strip_suffix(b"\r").unwrap_or(l).to_vec())
        .collect()
}

fn hello_fields(v: &Value) -> Option<Vec<(Value, Value)>> {
    match v {
        Value::Map(m) => Some(m.clone()),
        Value::Array(a) if a.len() % 2 == 0 => {
            Some(a.chunks(2).map(|c| (c[0].clone(), c[1].clone())).collect())
        }
        _ => None,
    }
}

fn hello_equal(rv: &Value, sv: &Value) -> bool {
    let (Some(a), Some(b)) = (hello_fields(rv), hello_fields(sv)) else {
        return false;
    };
    if !same_kind(rv, sv) || a.len() != b.len() {
        return false;
    }
    a.iter().zip(&b).all(|((ka, va), (kb, vb))| {
        ka == kb
            && match ka {
                Value::Bulk(k) if k == b"version" => matches!(vb, Value::Bulk(_)),
                Value::Bulk(k) if k == b"id" => matches!(vb, Value::Int(_)),
                _ => va == vb,
            }
    })
}

/// Iterates SCAN (or xSCAN) to the end on one server; Err(reply) for an error reply.
fn scan_all(
    c: &mut Conn,
    args: &[&[u8]],
    at: usize,
) -> Result<Result<Vec<Vec<u8>>, Vec<u8>>, String> {
    let mut args: Vec<Vec<u8>> = args.iter().map(|a| a.to_vec()).collect();
    let mut seen = Vec::new();
    for _ in 0..100_000 {
        let refs: Vec<&[u8]> = args.iter().map(Vec::as_slice).collect();
        c.send_cmd(&refs);
        let (v, raw) = c.try_read_reply().map_err(|e| e.to_string())?;
        let Value::Array(parts) = v else {
            return Ok(Err(raw));
        };
        let [Value::Bulk(cursor), Value::Array(items)] = &parts[..] else {
            return Err(format!("malformed scan reply {}", show(&raw)));
        };
        for item in items {
            seen.push(key_of(item));
        }
        if cursor.as_slice() == b"0" {
            seen.sort();
            seen.dedup();
            return Ok(Ok(seen));
        }
        args[at] = cursor.clone();
    }
    Err("scan did not finish in 100000 calls".into())
}

fn scan_compare(r: &mut Conn, s: &mut Conn, args: &[&[u8]], at: usize) -> Result<(), String> {
    let a = scan_all(r, args, at).map_err(|e| format!("redis: {e}"))?;
    let b = scan_all(s, args, at).map_err(|e| format!("shoal: {e}"))?;
    if a == b {
        return Ok(());
    }
    let fmt = |x: &Result<Vec<Vec<u8>>, Vec<u8>>| match x {
        Ok(keys) => format!(
            "keys {{{}}}",
            keys.iter().map(|k| show(k)).collect::<Vec<_>>().join(", ")
        ),
        Err(raw) => show(raw),
    };
    Err(format!(
        "full scan differs\nredis: {}\nshoal: {}",
        fmt(&a),
        fmt(&b)
    ))
}

/// The members of a set (sorted), or the raw reply when it is not one (an error).
fn members(c: &mut Conn, key: &[u8]) -> Result<Result<Vec<Vec<u8>>, Vec<u8>>, String> {
    match exchange(c, &[b"SMEMBERS", key]) {
        Reply::Got(Value::Array(items) | Value::Set(items), raw) => {
            let mut out = Vec::with_capacity(items.len());
            for item in items {
                match item {
                    Value::Bulk(b) => out.push(b),
                    _ => return Err(format!("malformed SMEMBERS reply {}", show(&raw))),
                }
            }
            out.sort();
            Ok(Ok(out))
        }
        Reply::Got(_, raw) => Ok(Err(raw)),
        Reply::Closed => Err("connection closed".into()),
    }
}

/// What an SPOP / SRANDMEMBER reply picked: None when it is not a pick (an error).
fn picks(v: &Value) -> Option<Vec<Vec<u8>>> {
    match v {
        Value::Null | Value::NullArray => Some(Vec::new()),
        Value::Bulk(b) => Some(vec![b.clone()]),
        Value::Array(a) | Value::Set(a) => a
            .iter()
            .map(|x| match x {
                Value::Bulk(b) => Some(b.clone()),
                _ => None,
            })
            .collect(),
        _ => None,
    }
}

/// Checks one server's SPOP / SRANDMEMBER picks against its set before and after.
fn check_picks(
    pop: bool,
    repeats: bool,
    before: &[Vec<u8>],
    picked: &[Vec<u8>],
    after: &[Vec<u8>],
) -> Result<(), String> {
    let mut seen = std::collections::BTreeSet::new();
    for p in picked {
        if before.binary_search(p).is_err() {
            return Err(format!("picked {} which was not a member", show(p)));
        }
        if !seen.insert(p.clone()) && !repeats {
            return Err(format!("picked {} twice", show(p)));
        }
    }
    let expected: Vec<Vec<u8>> = if pop {
        before
            .iter()
            .filter(|m| !seen.contains(*m))
            .cloned()
            .collect()
    } else {
        before.to_vec()
    };
    if expected != after {
        return Err(format!(
            "{} members left, expected {}",
            after.len(),
            expected.len()
        ));
    }
    Ok(())
}

fn random_compare(r: &mut Conn, s: &mut Conn, args: &[&[u8]]) -> Result<(), String> {
    let pop = args[0].eq_ignore_ascii_case(b"spop");
    let key = args[1];
    let rb = members(r, key).map_err(|e| format!("redis: {e}"))?;
    let sb = members(s, key).map_err(|e| format!("shoal: {e}"))?;
    let (Reply::Got(rv, rraw), Reply::Got(sv, sraw)) = (exchange(r, args), exchange(s, args))
    else {
        return Err("connection closed".into());
    };
    let mismatch = |why: String| format!("{why}\nredis: {}\nshoal: {}", show(&rraw), show(&sraw));
    let (Some(rp), Some(sp)) = (picks(&rv), picks(&sv)) else {
        return compare(Cmp::Random, &rv, &rraw, &sv, &sraw).map_err(mismatch);
    };
    if !same_kind(&rv, &sv) || rp.len() != sp.len() {
        return Err(mismatch("replies differ (Random: kind or count)".into()));
    }
    let repeats = !pop && args.get(2).is_some_and(|c| c.starts_with(b"-"));
    let ra = members(r, key).map_err(|e| format!("redis: {e}"))?;
    let sa = members(s, key).map_err(|e| format!("shoal: {e}"))?;
    let (Ok(rb), Ok(ra), Ok(sb), Ok(sa)) = (rb, ra, sb, sa) else {
        return Err(mismatch("picks from something that is not a set".into()));
    };
    check_picks(pop, repeats, &rb, &rp, &ra).map_err(|e| mismatch(format!("redis: {e}")))?;
    check_picks(pop, repeats, &sb, &sp, &sa).map_err(|e| mismatch(format!("shoal: {e}")))?;
    if ra != sa {
        for c in [r, s] {
            c.raw(&[b"DEL", key]);
            if !ra.is_empty() {
                let mut sadd: Vec<&[u8]> = vec![b"SADD", key];
                sadd.extend(ra.iter().map(Vec::as_slice));
                c.raw(&sadd);
            }
        }
    }
    Ok(())
}

/// The comparison rules themselves (no servers needed).
#[test]
fn compare_rules() {
    let parse = |b: &[u8]| shoal_resp::parse_value(b).unwrap().unwrap().0;
    let check = |cmp: Cmp, a: &[u8], b: &[u8]| compare(cmp, &parse(a), a, &parse(b), b).is_ok();
    assert!(check(Cmp::Exact, b"+OK\r\n", b"+OK\r\n"));
    assert!(!check(Cmp::Exact, b"$1\r\na\r\n", b"$1\r\nb\r\n"));
    let ab = b"*2\r\n$1\r\na\r\n$1\r\nb\r\n";
    let ba = b"*2\r\n$1\r\nb\r\n$1\r\na\r\n";
    assert!(check(Cmp::Unordered, ab, ba));
    assert!(!check(Cmp::Exact, ab, ba));
    assert!(!check(Cmp::Unordered, ab, b"*2\r\n$1\r\na\r\n$1\r\na\r\n"));
    assert!(check(
        Cmp::Pairs,
        b"*4\r\n$1\r\nx\r\n$1\r\n1\r\n$1\r\ny\r\n$1\r\n2\r\n",
        b"*4\r\n$1\r\ny\r\n$1\r\n2\r\n$1\r\nx\r\n$1\r\n1\r\n"
    ));
    assert!(!check(
        Cmp::Pairs,
        b"*4\r\n$1\r\nx\r\n$1\r\n1\r\n$1\r\ny\r\n$1\r\n2\r\n",
        b"*4\r\n$1\r\nx\r\n$1\r\n2\r\n$1\r\ny\r\n$1\r\n1\r\n"
    ));
    assert!(check(Cmp::Tol(1), b":99\r\n", b":100\r\n"));
    assert!(!check(Cmp::Tol(1), b":98\r\n", b":100\r\n"));
    assert!(!check(Cmp::Tol(1000), b":-1\r\n", b":0\r\n"));
    assert!(!check(Cmp::Tol(1000), b":-2\r\n", b":-1\r\n"));
    assert!(check(
        Cmp::Tol(1),
        b"*2\r\n:-2\r\n:99\r\n",
        b"*2\r\n:-2\r\n:100\r\n"
    ));
    assert!(!check(
        Cmp::Tol(1),
        b"*2\r\n:-1\r\n:99\r\n",
        b"*2\r\n:-2\r\n:99\r\n"
    ));
    assert!(!check(
        Cmp::Tol(1),
        b"*1\r\n:99\r\n",
        b"*2\r\n:-2\r\n:99\r\n"
    ));
    assert!(check(Cmp::Shape, b":1\r\n", b":7\r\n"));
    assert!(!check(Cmp::Shape, b":1\r\n", b"$1\r\n1\r\n"));
    // Errors are exact whatever the mode.
    assert!(!check(Cmp::Shape, b"-ERR a\r\n", b"-ERR b\r\n"));
    assert!(!check(Cmp::Tol(5), b"-ERR a\r\n", b":1\r\n"));
    assert!(check(
        Cmp::Time,
        b"*2\r\n$10\r\n1700000000\r\n$6\r\n123456\r\n",
        b"*2\r\n$10\r\n1700000001\r\n$1\r\n5\r\n"
    ));
    assert!(!check(
        Cmp::Time,
        b"*2\r\n$10\r\n1700000000\r\n$6\r\n123456\r\n",
        b"*2\r\n$10\r\n1700000009\r\n$1\r\n5\r\n"
    ));
    assert!(check(
        Cmp::Info,
        b"$24\r\n# Server\r\nversion:1\r\n# A\r\n\r\n",
        b"$24\r\n# Server\r\nversion:2\r\n# A\r\n\r\n"
    ));
    assert!(!check(
        Cmp::Info,
        b"$24\r\n# Server\r\nversion:1\r\n# A\r\n\r\n",
        b"$24\r\n# Server\r\nversion:2\r\n# B\r\n\r\n"
    ));
    let hello = |version: &str, id: i64, mode: &str| {
        format!(
            "%4\r\n$6\r\nserver\r\n$5\r\nredis\r\n$7\r\nversion\r\n${}\r\n{version}\r\n$2\r\nid\r\n:{id}\r\n$4\r\nmode\r\n${}\r\n{mode}\r\n",
            version.len(),
            mode.len()
        )
        .into_bytes()
    };
    assert!(check(
        Cmp::Hello,
        &hello("7.0.15", 3, "standalone"),
        &hello("7.2.4", 9, "standalone")
    ));
    assert!(!check(
        Cmp::Hello,
        &hello("7.0.15", 3, "standalone"),
        &hello("7.2.4", 9, "cluster")
    ));
    let dump = |body: &[u8], trailer: &[u8]| {
        let mut p = body.to_vec();
        p.extend_from_slice(trailer);
        let mut out = format!("${}\r\n", p.len()).into_bytes();
        out.extend(p);
        out.extend(b"\r\n");
        out
    };
    assert!(check(
        Cmp::Dump,
        &dump(b"\x00\x01v", b"\x0a\x00abcdefgh"),
        &dump(b"\x00\x01v", b"\x0b\x00ABCDEFGH")
    ));
    assert!(!check(
        Cmp::Dump,
        &dump(b"\x00\x01v", b"\x0a\x00abcdefgh"),
        &dump(b"\x00\x01w", b"\x0a\x00abcdefgh")
    ));
}
