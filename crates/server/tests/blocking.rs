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
        e >= Duration::from_millis(100) && e < Duration::from_secs(3),
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
