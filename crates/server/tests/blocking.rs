//! Blocking list commands over real sockets, against a 3-thread server: wake-ups across
//! threads, FIFO service, timeouts, CLIENT UNBLOCK and disconnects.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::sync::{Arc, Mutex, MutexGuard, OnceLock};
use std::time::{Duration, Instant};

fn port() -> u16 {
    static PORT: OnceLock<u16> = OnceLock::new();
    *PORT.get_or_init(|| {
        let args = ["--port", "0", "--shards", "3", "--admin-port", "0"].map(String::from);
        let running =
            shoal_server::start(Arc::new(shoal_config::from_args(args).unwrap())).unwrap();
        let port = running.port;
        std::mem::forget(running);
        port
    })
}

/// The tests share one server and count blocked clients through INFO, so they run one at a
/// time.
fn serial() -> MutexGuard<'static, ()> {
    static LOCK: Mutex<()> = Mutex::new(());
    LOCK.lock().unwrap_or_else(|e| e.into_inner())
}

struct Conn {
    r: BufReader<TcpStream>,
}

impl Conn {
    fn new() -> Conn {
        let s = TcpStream::connect(("127.0.0.1", port())).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
        Conn {
            r: BufReader::new(s),
        }
    }

    fn send(&mut self, args: &[&str]) {
        let mut buf = format!("*{}\r\n", args.len()).into_bytes();
        for a in args {
            buf.extend_from_slice(format!("${}\r\n{}\r\n", a.len(), a).as_bytes());
        }
        self.r.get_mut().write_all(&buf).unwrap();
    }

    /// One reply, as raw RESP text.
    fn read(&mut self) -> String {
        let mut line = String::new();
        self.r.read_line(&mut line).unwrap();
        assert!(
            line.ends_with("\r\n"),
            "connection closed or short line: {line:?}"
        );
        let mut out = line.clone();
        match line.as_bytes()[0] {
            b'$' => {
                let n: i64 = line[1..line.len() - 2].parse().unwrap();
                if n >= 0 {
                    let mut b = vec![0; n as usize + 2];
                    self.r.read_exact(&mut b).unwrap();
                    out.push_str(&String::from_utf8(b).unwrap());
                }
            }
            b'*' => {
                let n: i64 = line[1..line.len() - 2].parse().unwrap();
                for _ in 0..n.max(0) {
                    out.push_str(&self.read());
                }
            }
            _ => {}
        }
        out
    }

    fn cmd(&mut self, args: &[&str]) -> String {
        self.send(args);
        self.read()
    }

    fn id(&mut self) -> String {
        let r = self.cmd(&["CLIENT", "ID"]);
        r[1..r.len() - 2].to_string()
    }
}

fn pair(key: &str, v: &str) -> String {
    format!("*2\r\n${}\r\n{key}\r\n${}\r\n{v}\r\n", key.len(), v.len())
}

/// Waits until INFO reports `n` blocked clients. Tests share one server, so each test uses its
/// own keys and this waits for at least `n`.
fn wait_blocked(c: &mut Conn, n: usize) {
    let start = Instant::now();
    loop {
        let info = c.cmd(&["INFO", "clients"]);
        let v: usize = info
            .lines()
            .find_map(|l| l.strip_prefix("blocked_clients:"))
            .unwrap()
            .parse()
            .unwrap();
        if v >= n {
            return;
        }
        assert!(start.elapsed() < Duration::from_secs(10), "never blocked");
        std::thread::sleep(Duration::from_millis(5));
    }
}

#[test]
fn push_from_another_connection_wakes_the_blocked_client() {
    let _serial = serial();
    let mut a = Conn::new();
    let mut b = Conn::new();
    a.send(&["BLPOP", "wake:{1}", "0"]);
    wait_blocked(&mut b, 1);
    assert_eq!(b.cmd(&["RPUSH", "wake:{1}", "v"]), ":1\r\n");
    assert_eq!(a.read(), pair("wake:{1}", "v"));
    assert_eq!(b.cmd(&["EXISTS", "wake:{1}"]), ":0\r\n");
}

#[test]
fn timeout_is_honoured() {
    let _serial = serial();
    let mut a = Conn::new();
    let t = Instant::now();
    assert_eq!(a.cmd(&["BLPOP", "to:1", "to:2", "0.1"]), "*-1\r\n");
    let e = t.elapsed();
    assert!(
        // Deadlines are kept in whole ms, so a wait may end up to 1 ms early; a loaded
        // machine may make it late.
        e >= Duration::from_millis(95) && e < Duration::from_secs(10),
        "{e:?}"
    );
    assert_eq!(
        a.cmd(&["BLMOVE", "to:1", "to:2", "LEFT", "LEFT", "0.05"]),
        "*-1\r\n"
    );
    assert_eq!(a.cmd(&["BLMPOP", "0.05", "1", "to:1", "LEFT"]), "*-1\r\n");
    assert_eq!(a.cmd(&["PING"]), "+PONG\r\n");
}

#[test]
fn fifo_among_clients_blocked_on_one_key() {
    let _serial = serial();
    let mut a = Conn::new();
    let mut b = Conn::new();
    let mut c = Conn::new();
    let base = {
        let info = c.cmd(&["INFO", "clients"]);
        info.lines()
            .find_map(|l| l.strip_prefix("blocked_clients:"))
            .unwrap()
            .parse::<usize>()
            .unwrap()
    };
    a.send(&["BRPOP", "fifo", "0"]);
    wait_blocked(&mut c, base + 1);
    b.send(&["BRPOP", "fifo", "0"]);
    wait_blocked(&mut c, base + 2);
    c.cmd(&["LPUSH", "fifo", "first"]);
    assert_eq!(a.read(), pair("fifo", "first"));
    c.cmd(&["LPUSH", "fifo", "second"]);
    assert_eq!(b.read(), pair("fifo", "second"));
    // Two elements at once serve both waiters, in order.
    a.send(&["BRPOP", "fifo", "0"]);
    wait_blocked(&mut c, base + 1);
    b.send(&["BRPOP", "fifo", "0"]);
    wait_blocked(&mut c, base + 2);
    c.cmd(&["RPUSH", "fifo", "x", "y"]);
    assert_eq!(a.read(), pair("fifo", "y"));
    assert_eq!(b.read(), pair("fifo", "x"));
}

#[test]
fn every_element_is_delivered_exactly_once() {
    let _serial = serial();
    const N: usize = 24;
    let keys: Vec<String> = (0..6).map(|i| format!("many:{i}")).collect();
    let poppers: Vec<_> = (0..N)
        .map(|_| {
            let keys = keys.clone();
            std::thread::spawn(move || {
                let mut c = Conn::new();
                let mut args: Vec<&str> = vec!["BLPOP"];
                args.extend(keys.iter().map(String::as_str));
                args.push("15");
                let r = c.cmd(&args);
                assert!(r.starts_with("*2\r\n"), "{r:?}");
                r.lines().nth(4).unwrap().to_string()
            })
        })
        .collect();
    std::thread::sleep(Duration::from_millis(50));
    let pushers: Vec<_> = (0..4)
        .map(|p| {
            let keys = keys.clone();
            std::thread::spawn(move || {
                let mut c = Conn::new();
                for i in 0..N / 4 {
                    let key = &keys[(p + i) % keys.len()];
                    assert!(c
                        .cmd(&["RPUSH", key, &format!("v{p}-{i}")])
                        .starts_with(':'));
                }
            })
        })
        .collect();
    for p in pushers {
        p.join().unwrap();
    }
    let mut got: Vec<String> = poppers.into_iter().map(|h| h.join().unwrap()).collect();
    got.sort();
    let mut want: Vec<String> = (0..4)
        .flat_map(|p| (0..N / 4).map(move |i| format!("v{p}-{i}")))
        .collect();
    want.sort();
    assert_eq!(got, want);
    let mut c = Conn::new();
    for k in &keys {
        assert_eq!(c.cmd(&["LLEN", k]), ":0\r\n");
    }
}

#[test]
fn blmove_across_slots() {
    let _serial = serial();
    let mut a = Conn::new();
    let mut b = Conn::new();
    a.send(&["BLMOVE", "mv:src", "mv:dst", "RIGHT", "LEFT", "0"]);
    wait_blocked(&mut b, 1);
    b.cmd(&["RPUSH", "mv:src", "a", "b"]);
    assert_eq!(a.read(), "$1\r\nb\r\n");
    assert_eq!(b.cmd(&["LRANGE", "mv:dst", "0", "-1"]), "*1\r\n$1\r\nb\r\n");
    assert_eq!(b.cmd(&["LRANGE", "mv:src", "0", "-1"]), "*1\r\n$1\r\na\r\n");
    assert_eq!(
        a.cmd(&["BRPOPLPUSH", "mv:src", "mv:dst", "0"]),
        "$1\r\na\r\n"
    );
    assert_eq!(b.cmd(&["LLEN", "mv:dst"]), ":2\r\n");
}

#[test]
fn client_unblock_timeout_and_error() {
    let _serial = serial();
    let mut a = Conn::new();
    let mut b = Conn::new();
    let id = a.id();
    assert_eq!(b.cmd(&["CLIENT", "UNBLOCK", &id]), ":0\r\n");
    a.send(&["BLPOP", "unb", "0"]);
    wait_blocked(&mut b, 1);
    assert_eq!(b.cmd(&["CLIENT", "UNBLOCK", &id]), ":1\r\n");
    assert_eq!(a.read(), "*-1\r\n");
    a.send(&["BLMPOP", "0", "1", "unb", "LEFT"]);
    wait_blocked(&mut b, 1);
    assert_eq!(b.cmd(&["CLIENT", "UNBLOCK", &id, "error"]), ":1\r\n");
    assert_eq!(
        a.read(),
        "-UNBLOCKED client unblocked via CLIENT UNBLOCK\r\n"
    );
    assert_eq!(b.cmd(&["CLIENT", "UNBLOCK", &id, "TIMEOUT"]), ":0\r\n");
    // The client is usable again and no longer waits on the key.
    b.cmd(&["RPUSH", "unb", "v"]);
    assert_eq!(a.cmd(&["LPOP", "unb"]), "$1\r\nv\r\n");
}

#[test]
fn a_disconnected_waiter_does_not_eat_an_element() {
    let _serial = serial();
    let mut a = Conn::new();
    let mut b = Conn::new();
    let mut c = Conn::new();
    a.send(&["BLPOP", "gone", "0"]);
    wait_blocked(&mut c, 1);
    b.send(&["BLPOP", "gone", "0"]);
    wait_blocked(&mut c, 2);
    drop(a);
    std::thread::sleep(Duration::from_millis(100));
    c.cmd(&["RPUSH", "gone", "v"]);
    assert_eq!(b.read(), pair("gone", "v"));
    assert_eq!(c.cmd(&["EXISTS", "gone"]), ":0\r\n");
}

#[test]
fn commands_pipelined_behind_a_blocked_one_wait_for_it() {
    let _serial = serial();
    let mut a = Conn::new();
    let mut b = Conn::new();
    a.send(&["BLPOP", "pipe", "0"]);
    a.send(&["PING"]);
    wait_blocked(&mut b, 1);
    b.cmd(&["RPUSH", "pipe", "v"]);
    assert_eq!(a.read(), pair("pipe", "v"));
    assert_eq!(a.read(), "+PONG\r\n");
}

#[test]
fn many_keys_one_client() {
    let _serial = serial();
    let mut a = Conn::new();
    let mut b = Conn::new();
    let keys: Vec<String> = (0..2000).map(|i| format!("wide:{i}")).collect();
    let mut args: Vec<&str> = vec!["BLPOP"];
    args.extend(keys.iter().map(String::as_str));
    args.push("0");
    a.send(&args);
    wait_blocked(&mut b, 1);
    b.cmd(&["RPUSH", "wide:1999", "v"]);
    assert_eq!(a.read(), pair("wide:1999", "v"));
    // Every queue was left: a later push stays in the list.
    b.cmd(&["RPUSH", "wide:7", "w"]);
    std::thread::sleep(Duration::from_millis(50));
    assert_eq!(b.cmd(&["LLEN", "wide:7"]), ":1\r\n");
}

#[test]
fn wrong_type_keeps_a_woken_client_waiting() {
    let _serial = serial();
    let mut a = Conn::new();
    let mut b = Conn::new();
    a.send(&["BLPOP", "wt", "0"]);
    wait_blocked(&mut b, 1);
    b.cmd(&["SET", "wt", "str"]);
    b.cmd(&["DEL", "wt"]);
    b.cmd(&["RPUSH", "wt", "v"]);
    assert_eq!(a.read(), pair("wt", "v"));
}

#[test]
fn inside_multi_nothing_blocks() {
    let _serial = serial();
    let mut a = Conn::new();
    a.cmd(&["MULTI"]);
    a.cmd(&["BLPOP", "mx", "0"]);
    a.cmd(&["BLMOVE", "mx", "my", "LEFT", "LEFT", "0"]);
    a.cmd(&["BRPOPLPUSH", "mx", "my", "0"]);
    a.cmd(&["BLMPOP", "0", "1", "mx", "LEFT"]);
    assert_eq!(a.cmd(&["EXEC"]), "*4\r\n*-1\r\n$-1\r\n$-1\r\n*-1\r\n");
}

#[test]
fn a_client_served_from_one_key_passes_on_the_other() {
    let _serial = serial();
    let mut a = Conn::new();
    let mut b = Conn::new();
    let mut c = Conn::new();
    a.send(&["BLPOP", "po:x", "po:y", "0"]);
    wait_blocked(&mut c, 1);
    b.send(&["BLPOP", "po:y", "0"]);
    wait_blocked(&mut c, 2);
    // One command readies both keys; a is first on both and takes x, so y must go to b.
    c.cmd(&["MULTI"]);
    c.cmd(&["RPUSH", "po:y", "1"]);
    c.cmd(&["RPUSH", "po:x", "2"]);
    assert_eq!(c.cmd(&["EXEC"]), "*2\r\n:1\r\n:1\r\n");
    assert_eq!(a.read(), pair("po:x", "2"));
    assert_eq!(b.read(), pair("po:y", "1"));
}

#[test]
fn resp3_timeout_is_null() {
    let _serial = serial();
    let mut a = Conn::new();
    a.send(&["HELLO", "3"]);
    let mut line = String::new();
    // HELLO's map: skip it by reading until the modules entry.
    while !line.starts_with("*0") {
        line.clear();
        a.r.read_line(&mut line).unwrap();
    }
    assert_eq!(a.cmd(&["BLPOP", "r3", "0.01"]), "_\r\n");
}

// ---- Sorted sets: BZPOPMIN, BZPOPMAX, BZMPOP ----

/// RESP2 [key, member, score] as BZPOPMIN/BZPOPMAX reply it.
fn kms(key: &str, member: &str, score: &str) -> String {
    let bulk = |s: &str| format!("${}\r\n{s}\r\n", s.len());
    format!("*3\r\n{}{}{}", bulk(key), bulk(member), bulk(score))
}

/// A key named `{prefix}{n}` whose slot belongs to the range of shard `shard` (of 3), so a test
/// can spread its keys over slots owned by different shard threads.
fn key_on_shard(prefix: &str, shard: usize) -> String {
    let per = 16384 / 3;
    (0..)
        .map(|n| format!("{prefix}{n}"))
        .find(|k| {
            let s = shoal_util::key_slot(k.as_bytes()) as usize;
            s >= shard * per && s < (shard + 1) * per
        })
        .unwrap()
}

fn blocked_now(c: &mut Conn) -> usize {
    let info = c.cmd(&["INFO", "clients"]);
    info.lines()
        .find_map(|l| l.strip_prefix("blocked_clients:"))
        .unwrap()
        .parse()
        .unwrap()
}

#[test]
fn zadd_from_any_connection_wakes_the_right_client() {
    let _serial = serial();
    let keys: Vec<String> = (0..3).map(|s| key_on_shard("zw:", s)).collect();
    let mut ctl = Conn::new();
    let base = blocked_now(&mut ctl);
    // One waiter per key, each on a key of another shard, plus one on all three.
    let mut waiters: Vec<Conn> = (0..3).map(|_| Conn::new()).collect();
    for (w, k) in waiters.iter_mut().zip(&keys) {
        w.send(&["BZPOPMIN", k, "0"]);
    }
    wait_blocked(&mut ctl, base + 3);
    let mut all = Conn::new();
    all.send(&[
        "BZMPOP", "0", "3", &keys[0], &keys[1], &keys[2], "MAX", "COUNT", "2",
    ]);
    wait_blocked(&mut ctl, base + 4);
    // Writers on several connections (spread over the server's threads by the kernel), each
    // writing a key of another shard than the one before.
    let mut writers: Vec<Conn> = (0..6).map(|_| Conn::new()).collect();
    for (i, k) in keys.iter().enumerate().rev() {
        let w = &mut writers[i * 2 + 1];
        assert_eq!(
            w.cmd(&["ZADD", k, &i.to_string(), &format!("m{i}")]),
            ":1\r\n"
        );
    }
    for (i, (w, k)) in waiters.iter_mut().zip(&keys).enumerate() {
        assert_eq!(w.read(), kms(k, &format!("m{i}"), &i.to_string()));
    }
    assert_eq!(blocked_now(&mut ctl), base + 1);
    // The BZMPOP waiter is still there: a write to any of its keys serves it.
    assert_eq!(
        writers[0].cmd(&["ZADD", &keys[1], "5", "a", "7", "b", "6", "c"]),
        ":3\r\n"
    );
    let k = &keys[1];
    assert_eq!(
        all.read(),
        format!(
            "*2\r\n${}\r\n{k}\r\n*2\r\n*2\r\n$1\r\nb\r\n$1\r\n7\r\n*2\r\n$1\r\nc\r\n$1\r\n6\r\n",
            k.len()
        )
    );
    assert_eq!(ctl.cmd(&["ZCARD", k]), ":1\r\n");
    assert_eq!(blocked_now(&mut ctl), base);
}

#[test]
fn zset_writes_other_than_zadd_wake_waiters() {
    let _serial = serial();
    let mut a = Conn::new();
    let mut b = Conn::new();
    let base = blocked_now(&mut b);
    let cases: &[&[&str]] = &[
        &["ZINCRBY", "{zs}dst", "2.5", "m"],
        &["ZUNIONSTORE", "{zs}dst", "1", "{zs}src"],
        &["ZINTERSTORE", "{zs}dst", "1", "{zs}src"],
        &["ZDIFFSTORE", "{zs}dst", "1", "{zs}src"],
        &["ZRANGESTORE", "{zs}dst", "{zs}src", "0", "-1"],
    ];
    b.cmd(&["ZADD", "{zs}src", "2.5", "m"]);
    for write in cases {
        a.send(&["BZPOPMAX", "{zs}dst", "0"]);
        wait_blocked(&mut b, base + 1);
        assert!(!b.cmd(write).starts_with('-'), "{write:?}");
        assert_eq!(a.read(), kms("{zs}dst", "m", "2.5"), "{write:?}");
    }
    // A list stored under the waited key (what SORT ... STORE or a push creates) does not
    // end the wait; a sorted set on the other key does, and then, as Redis 7.2 re-executes
    // the command, the list before it answers WRONGTYPE.
    a.send(&["BZPOPMIN", "{zs}dst", "{zs}other", "0"]);
    wait_blocked(&mut b, base + 1);
    b.cmd(&["RPUSH", "{zs}dst", "x"]);
    std::thread::sleep(Duration::from_millis(50));
    assert_eq!(blocked_now(&mut b), base + 1);
    b.cmd(&["ZADD", "{zs}other", "1", "o"]);
    assert_eq!(
        a.read(),
        "-WRONGTYPE Operation against a key holding the wrong kind of value\r\n"
    );
    assert_eq!(blocked_now(&mut b), base);
    assert_eq!(b.cmd(&["LLEN", "{zs}dst"]), ":1\r\n");
    assert_eq!(b.cmd(&["ZCARD", "{zs}other"]), ":1\r\n");
}

#[test]
fn zset_fifo_among_clients_blocked_on_one_key() {
    let _serial = serial();
    let mut a = Conn::new();
    let mut b = Conn::new();
    let mut c = Conn::new();
    let base = blocked_now(&mut c);
    a.send(&["BZPOPMIN", "zfifo", "0"]);
    wait_blocked(&mut c, base + 1);
    b.send(&["BZMPOP", "0", "1", "zfifo", "MIN"]);
    wait_blocked(&mut c, base + 2);
    c.cmd(&["ZADD", "zfifo", "1", "first"]);
    assert_eq!(a.read(), kms("zfifo", "first", "1"));
    c.cmd(&["ZADD", "zfifo", "2", "second"]);
    assert_eq!(
        b.read(),
        "*2\r\n$5\r\nzfifo\r\n*1\r\n*2\r\n$6\r\nsecond\r\n$1\r\n2\r\n"
    );
    // Two members at once serve both waiters, in order.
    a.send(&["BZPOPMAX", "zfifo", "0"]);
    wait_blocked(&mut c, base + 1);
    b.send(&["BZPOPMAX", "zfifo", "0"]);
    wait_blocked(&mut c, base + 2);
    c.cmd(&["ZADD", "zfifo", "1", "x", "2", "y"]);
    assert_eq!(a.read(), kms("zfifo", "y", "2"));
    assert_eq!(b.read(), kms("zfifo", "x", "1"));
}

#[test]
fn zset_members_delivered_exactly_once_under_concurrency() {
    let _serial = serial();
    const POPPERS: usize = 12;
    const ROUNDS: usize = 8;
    const PUSHERS: usize = 4;
    let keys: Vec<String> = (0..6)
        .map(|i| key_on_shard(&format!("zmany{i}:"), i % 3))
        .collect();
    let poppers: Vec<_> = (0..POPPERS)
        .map(|p| {
            let keys = keys.clone();
            std::thread::spawn(move || {
                let mut c = Conn::new();
                let mut got = Vec::new();
                for r in 0..ROUNDS {
                    // Every popper waits on every key (in a rotating order, so that they
                    // compete for different keys first), with all three commands.
                    let ks: Vec<&str> = (0..keys.len())
                        .map(|j| keys[(p + r + j) % keys.len()].as_str())
                        .collect();
                    let n = ks.len().to_string();
                    let mut args: Vec<&str> = match (p + r) % 3 {
                        0 => vec!["BZPOPMIN"],
                        1 => vec!["BZPOPMAX"],
                        _ => vec!["BZMPOP", "15", &n],
                    };
                    args.extend(&ks);
                    if args[0] == "BZMPOP" {
                        args.push("MIN");
                    } else {
                        args.push("15");
                    }
                    let r = c.cmd(&args);
                    let lines: Vec<&str> = r.lines().collect();
                    // [key, member, score] or [key, [[member, score]]]: the member is the
                    // first bulk after the key.
                    let member = if args[0] == "BZMPOP" {
                        assert!(r.starts_with("*2\r\n"), "{r:?}");
                        lines[6]
                    } else {
                        assert!(r.starts_with("*3\r\n"), "{r:?}");
                        lines[4]
                    };
                    got.push(member.to_string());
                }
                got
            })
        })
        .collect();
    let pushers: Vec<_> = (0..PUSHERS)
        .map(|p| {
            let keys = keys.clone();
            std::thread::spawn(move || {
                let mut c = Conn::new();
                for i in 0..POPPERS * ROUNDS / PUSHERS {
                    let key = &keys[(p * 7 + i) % keys.len()];
                    let m = format!("v{p}-{i}");
                    assert_eq!(c.cmd(&["ZADD", key, &i.to_string(), &m]), ":1\r\n");
                }
            })
        })
        .collect();
    for p in pushers {
        p.join().unwrap();
    }
    let mut got: Vec<String> = poppers
        .into_iter()
        .flat_map(|h| h.join().unwrap())
        .collect();
    got.sort();
    let mut want: Vec<String> = (0..PUSHERS)
        .flat_map(|p| (0..POPPERS * ROUNDS / PUSHERS).map(move |i| format!("v{p}-{i}")))
        .collect();
    want.sort();
    assert_eq!(got, want);
    let mut c = Conn::new();
    for k in &keys {
        assert_eq!(c.cmd(&["EXISTS", k]), ":0\r\n");
    }
}

#[test]
fn zset_timeouts_are_honoured() {
    let _serial = serial();
    let mut a = Conn::new();
    let t = Instant::now();
    assert_eq!(a.cmd(&["BZPOPMIN", "zto:1", "zto:2", "0.1"]), "*-1\r\n");
    let e = t.elapsed();
    assert!(
        e >= Duration::from_millis(95) && e < Duration::from_secs(10),
        "{e:?}"
    );
    assert_eq!(a.cmd(&["BZPOPMAX", "zto:1", "0.01"]), "*-1\r\n");
    let t = Instant::now();
    assert_eq!(
        a.cmd(&["BZMPOP", "0.2", "2", "zto:1", "zto:2", "MAX", "COUNT", "3"]),
        "*-1\r\n"
    );
    assert!(t.elapsed() >= Duration::from_millis(195));
    assert_eq!(a.cmd(&["PING"]), "+PONG\r\n");
    let mut b = Conn::new();
    b.send(&["HELLO", "3"]);
    let mut line = String::new();
    while !line.starts_with("*0") {
        line.clear();
        b.r.read_line(&mut line).unwrap();
    }
    assert_eq!(b.cmd(&["BZPOPMIN", "zto:1", "0.01"]), "_\r\n");
    assert_eq!(b.cmd(&["BZMPOP", "0.01", "1", "zto:1", "MIN"]), "_\r\n");
    // RESP3 score as a double once served.
    b.cmd(&["ZADD", "zto:1", "1.5", "m"]);
    assert_eq!(
        b.cmd(&["BZPOPMIN", "zto:1", "0"]),
        "*3\r\n$5\r\nzto:1\r\n$1\r\nm\r\n,1.5\r\n"
    );
}

#[test]
fn zset_client_unblock_timeout_and_error() {
    let _serial = serial();
    let mut a = Conn::new();
    let mut b = Conn::new();
    let base = blocked_now(&mut b);
    let id = a.id();
    a.send(&["BZPOPMIN", "zunb", "0"]);
    wait_blocked(&mut b, base + 1);
    assert_eq!(b.cmd(&["CLIENT", "UNBLOCK", &id, "TIMEOUT"]), ":1\r\n");
    assert_eq!(a.read(), "*-1\r\n");
    a.send(&["BZMPOP", "0", "1", "zunb", "MAX"]);
    wait_blocked(&mut b, base + 1);
    assert_eq!(b.cmd(&["CLIENT", "UNBLOCK", &id, "ERROR"]), ":1\r\n");
    assert_eq!(
        a.read(),
        "-UNBLOCKED client unblocked via CLIENT UNBLOCK\r\n"
    );
    assert_eq!(blocked_now(&mut b), base);
    // No longer waiting: the member stays where it is.
    b.cmd(&["ZADD", "zunb", "1", "m"]);
    std::thread::sleep(Duration::from_millis(50));
    assert_eq!(b.cmd(&["ZCARD", "zunb"]), ":1\r\n");
}

#[test]
fn zset_inside_multi_nothing_blocks() {
    let _serial = serial();
    let mut a = Conn::new();
    a.cmd(&["MULTI"]);
    a.cmd(&["BZPOPMIN", "zmx", "0"]);
    a.cmd(&["BZPOPMAX", "zmx", "zmy", "0"]);
    a.cmd(&["BZMPOP", "0", "1", "zmx", "MIN"]);
    assert_eq!(a.cmd(&["EXEC"]), "*3\r\n*-1\r\n*-1\r\n*-1\r\n");
}

#[test]
fn zset_one_client_on_thousands_of_keys() {
    let _serial = serial();
    let mut a = Conn::new();
    let mut b = Conn::new();
    let base = blocked_now(&mut b);
    let keys: Vec<String> = (0..3000).map(|i| format!("zwide:{i}")).collect();
    let mut args: Vec<&str> = vec!["BZPOPMAX"];
    args.extend(keys.iter().map(String::as_str));
    args.push("0");
    a.send(&args);
    wait_blocked(&mut b, base + 1);
    let t = Instant::now();
    // Writes to other keys in between cost the waiter nothing (no wake-up for them).
    for i in 0..200 {
        b.cmd(&["ZADD", &format!("znot:{i}"), "1", "m"]);
    }
    b.cmd(&["ZADD", "zwide:2999", "4", "v"]);
    assert_eq!(a.read(), kms("zwide:2999", "v", "4"));
    assert!(t.elapsed() < Duration::from_secs(5), "{:?}", t.elapsed());
    assert_eq!(blocked_now(&mut b), base);
    // Every queue was left: a later write stays in the set.
    b.cmd(&["ZADD", "zwide:7", "1", "w"]);
    std::thread::sleep(Duration::from_millis(50));
    assert_eq!(b.cmd(&["ZCARD", "zwide:7"]), ":1\r\n");
}

#[test]
fn zset_thousands_of_clients_on_one_key_served_in_order() {
    let _serial = serial();
    const N: usize = 2000;
    let mut ctl = Conn::new();
    let base = blocked_now(&mut ctl);
    let mut waiters: Vec<Conn> = Vec::with_capacity(N);
    for i in 0..N {
        let mut c = Conn::new();
        c.send(&["BZPOPMIN", "zcrowd", "0"]);
        waiters.push(c);
        // Park them one at a time so that their order in the queue is known.
        if i % 100 == 99 {
            wait_blocked(&mut ctl, base + i + 1);
        }
    }
    wait_blocked(&mut ctl, base + N);
    // Cheap to wait: other keys' writes and reads are unaffected.
    let t = Instant::now();
    for i in 0..100 {
        ctl.cmd(&["ZADD", &format!("zcalm:{i}"), "1", "m"]);
    }
    assert!(t.elapsed() < Duration::from_secs(2), "{:?}", t.elapsed());
    // One write with N members: each waiter gets exactly one.
    let mut zadd: Vec<String> = vec!["ZADD".into(), "zcrowd".into()];
    for i in 0..N {
        zadd.push(i.to_string());
        zadd.push(format!("m{i}"));
    }
    let zadd: Vec<&str> = zadd.iter().map(String::as_str).collect();
    let t = Instant::now();
    assert_eq!(ctl.cmd(&zadd), format!(":{N}\r\n"));
    let mut got: Vec<usize> = Vec::with_capacity(N);
    for w in &mut waiters {
        let r = w.read();
        let member = r.lines().nth(4).unwrap();
        got.push(member[1..].parse().unwrap());
    }
    assert!(t.elapsed() < Duration::from_secs(15), "{:?}", t.elapsed());
    // Waiters parked in batches of up to 100: FIFO holds between batches, and every member
    // went to exactly one waiter.
    for (batch, chunk) in got.chunks(100).enumerate() {
        assert!(
            chunk.iter().all(|&m| m / 100 == batch),
            "batch {batch}: {chunk:?}"
        );
    }
    let mut sorted = got.clone();
    sorted.sort();
    assert_eq!(sorted, (0..N).collect::<Vec<_>>());
    assert_eq!(ctl.cmd(&["EXISTS", "zcrowd"]), ":0\r\n");
    assert_eq!(blocked_now(&mut ctl), base);
}

/// Waits until INFO's `field` in the clients section reads `n`.
fn wait_info(c: &mut Conn, field: &str, n: usize) {
    let start = Instant::now();
    let prefix = format!("{field}:");
    loop {
        let info = c.cmd(&["INFO", "clients"]);
        let v: usize = info
            .lines()
            .find_map(|l| l.strip_prefix(prefix.as_str()))
            .unwrap()
            .parse()
            .unwrap();
        if v == n {
            return;
        }
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "{field} stays {v}, expected {n}"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
}

#[test]
fn info_counts_keys_with_blocked_clients() {
    let _serial = serial();
    let mut a = Conn::new();
    let mut b = Conn::new();
    let mut c = Conn::new();
    let mut d = Conn::new();
    wait_info(&mut d, "total_blocking_keys", 0);
    a.send(&["BLPOP", "tbk:a", "0"]);
    wait_info(&mut d, "total_blocking_keys", 1);
    // A second waiter on the same key adds only its other key.
    b.send(&["BLPOP", "tbk:a", "tbk:b", "0"]);
    wait_info(&mut d, "blocked_clients", 2);
    wait_info(&mut d, "total_blocking_keys", 2);
    // The same name in another database is another key.
    assert_eq!(c.cmd(&["SELECT", "1"]), "+OK\r\n");
    c.send(&["BLPOP", "tbk:a", "0"]);
    wait_info(&mut d, "total_blocking_keys", 3);
    let info = d.cmd(&["INFO", "clients"]);
    assert!(info.contains("\r\ntotal_blocking_keys:3\r\ntotal_blocking_keys_on_nokey:0\r\n"));
    assert_eq!(d.cmd(&["RPUSH", "tbk:b", "x"]), ":1\r\n");
    assert_eq!(b.read(), pair("tbk:b", "x"));
    wait_info(&mut d, "total_blocking_keys", 2);
    assert_eq!(d.cmd(&["RPUSH", "tbk:a", "y"]), ":1\r\n");
    assert_eq!(a.read(), pair("tbk:a", "y"));
    wait_info(&mut d, "total_blocking_keys", 1);
    assert_eq!(d.cmd(&["SELECT", "1"]), "+OK\r\n");
    assert_eq!(d.cmd(&["RPUSH", "tbk:a", "z"]), ":1\r\n");
    assert_eq!(c.read(), pair("tbk:a", "z"));
    wait_info(&mut d, "total_blocking_keys", 0);
    wait_info(&mut d, "total_blocking_keys_on_nokey", 0);
}

#[test]
fn a_timeout_below_a_doubles_range_is_one_millisecond() {
    let _serial = serial();
    let mut a = Conn::new();
    let start = Instant::now();
    assert_eq!(a.cmd(&["BLPOP", "tiny:to", "0x1p-2000"]), "*-1\r\n");
    assert_eq!(a.cmd(&["BZPOPMIN", "tiny:to", "1e-400"]), "*-1\r\n");
    assert!(start.elapsed() < Duration::from_secs(5));
}
