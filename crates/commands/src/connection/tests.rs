//! Connection family tests: exact reply bytes for every option and error, checked against
//! Redis 7.2's texts (7.0 where they agree, see the notes on HELLO).

use std::sync::atomic::Ordering::Relaxed;
use std::sync::Arc;

use parking_lot::Mutex;
use shoal_resp::Proto;

use crate::client::{flag, Client, ClientHandle, ConnHooks};
use crate::registry::registry;
use crate::spec::{Acl, Flags};
use crate::state::unix_ms;
use crate::testing::TestServer;

/// Hooks that keep what is pushed (MONITOR lines) and whether the connection was killed.
#[derive(Default)]
pub(crate) struct Capture {
    pub pushed: Mutex<Vec<Vec<u8>>>,
}

impl ConnHooks for Capture {
    fn kill(&self) {}
    fn push(&self, data: Vec<u8>) -> bool {
        self.pushed.lock().push(data);
        true
    }
}

impl Capture {
    pub fn take_text(&self) -> Vec<String> {
        self.pushed
            .lock()
            .drain(..)
            .map(|b| String::from_utf8_lossy(&b).into_owned())
            .collect()
    }
}

/// A connection from `addr`, registered with the server like a real one.
pub(crate) fn connect(t: &TestServer, addr: &str) -> (Client, Arc<Capture>) {
    let hooks = Arc::new(Capture::default());
    let id = t.server.new_client_id();
    let handle = Arc::new(ClientHandle::new(
        id,
        addr.to_string(),
        "127.0.0.1:6379".into(),
        7,
        0,
        unix_ms(),
        hooks.clone(),
    ));
    t.server.clients.insert(id, handle.clone());
    let authenticated = t
        .server
        .config
        .get_string(shoal_config::Param::Requirepass)
        .is_empty();
    (Client::new(handle, authenticated), hooks)
}

/// Runs `f` as `client` (with its own protocol state), then switches back.
pub(crate) fn as_client<R>(
    t: &mut TestServer,
    client: &mut Client,
    f: impl FnOnce(&mut TestServer) -> R,
) -> R {
    std::mem::swap(&mut t.client, client);
    let saved_proto = t.out.proto;
    t.out.proto = if t.client.handle.resp.load(Relaxed) == 3 {
        Proto::Resp3
    } else {
        Proto::Resp2
    };
    let r = f(t);
    t.out.proto = saved_proto;
    std::mem::swap(&mut t.client, client);
    r
}

fn hello_reply(resp: u8, id: u64) -> String {
    let head = if resp == 3 { "%7" } else { "*14" };
    let version = shoal_config::REDIS_VERSION;
    format!(
        "{head}\r\n$6\r\nserver\r\n$5\r\nredis\r\n$7\r\nversion\r\n${}\r\n{version}\r\n\
         $5\r\nproto\r\n:{resp}\r\n$2\r\nid\r\n:{id}\r\n$4\r\nmode\r\n$10\r\nstandalone\r\n\
         $4\r\nrole\r\n$6\r\nmaster\r\n$7\r\nmodules\r\n*0\r\n",
        version.len()
    )
}

const NOAUTH: &str = "-NOAUTH Authentication required.\r\n";
const WRONGPASS: &str = "-WRONGPASS invalid username-password pair or user is disabled.\r\n";
const NOAUTH_HELLO: &str = "-NOAUTH HELLO must be called with the client already \
     authenticated, otherwise the HELLO <proto> AUTH <user> <pass> option can be used to \
     authenticate the client and select the RESP protocol version at the same time\r\n";
const BAD_NAME: &str =
    "-ERR Client names cannot contain spaces, newlines or special characters.\r\n";

// ---- specs -------------------------------------------------------------------------------

#[test]
fn specs_match_redis() {
    let fast_conn_noauth = Flags::NOSCRIPT
        | Flags::LOADING
        | Flags::STALE
        | Flags::FAST
        | Flags::NO_AUTH
        | Flags::ALLOW_BUSY;
    let sub = Flags::NOSCRIPT | Flags::LOADING | Flags::STALE;
    let admin_sub = sub | Flags::ADMIN;
    let table: &[(&str, i32, Flags)] = &[
        ("ping", -1, Flags::FAST),
        ("echo", 2, Flags::LOADING | Flags::STALE | Flags::FAST),
        ("hello", -1, fast_conn_noauth),
        ("auth", -2, fast_conn_noauth),
        ("select", 2, Flags::LOADING | Flags::STALE | Flags::FAST),
        ("quit", -1, fast_conn_noauth),
        ("reset", 1, fast_conn_noauth),
        ("monitor", 1, admin_sub),
        ("client", -2, Flags::empty()),
        ("client|getname", 2, sub),
        ("client|setname", 3, sub),
        ("client|id", 2, sub),
        ("client|info", 2, sub),
        ("client|list", -2, admin_sub),
        ("client|kill", -3, admin_sub),
        ("client|reply", 3, sub),
        ("client|no-evict", 3, admin_sub),
        ("client|no-touch", 3, sub),
        ("client|setinfo", 4, sub),
        ("client|help", 2, Flags::LOADING | Flags::STALE),
    ];
    for &(name, arity, flags) in table {
        let e = registry()
            .by_fullname(name)
            .unwrap_or_else(|| panic!("{name}"));
        assert_eq!(e.spec.arity, arity, "{name} arity");
        assert_eq!(e.spec.flags, flags, "{name} flags");
        assert!(e.spec.key_specs.is_empty(), "{name} has no keys");
        let acl = e.spec.acl_categories();
        match name {
            "monitor" => assert_eq!(acl, Acl::ADMIN | Acl::SLOW | Acl::DANGEROUS),
            "client" => assert_eq!(acl, Acl::SLOW),
            _ => assert!(acl.contains(Acl::CONNECTION), "{name} acl"),
        }
    }
    let tips = |n: &str| registry().by_fullname(n).unwrap().spec.tips;
    assert_eq!(tips("client|list"), &["nondeterministic_output"]);
    assert_eq!(tips("client|info"), &["nondeterministic_output"]);
    assert_eq!(
        tips("client|setinfo"),
        &["request_policy:all_nodes", "response_policy:all_succeeded"]
    );
}

// ---- PING / ECHO ---------------------------------------------------------------------------

#[test]
fn ping_and_echo() {
    let mut t = TestServer::new();
    assert_eq!(t.text(&["PING"]), "+PONG\r\n");
    assert_eq!(t.text(&["ping", "hi there"]), "$8\r\nhi there\r\n");
    assert_eq!(t.text(&["PING", ""]), "$0\r\n\r\n");
    assert_eq!(
        t.text(&["PING", "a", "b"]),
        "-ERR wrong number of arguments for 'ping' command\r\n"
    );
    assert_eq!(t.text(&["ECHO", "a\r\nb"]), "$4\r\na\r\nb\r\n");
    assert_eq!(t.text(&["echo", ""]), "$0\r\n\r\n");
    assert_eq!(t.raw(&[b"ECHO", b"\x00\xff"]), b"$2\r\n\x00\xff\r\n");
    assert_eq!(
        t.text(&["ECHO"]),
        "-ERR wrong number of arguments for 'echo' command\r\n"
    );
    assert_eq!(
        t.text(&["ECHO", "a", "b"]),
        "-ERR wrong number of arguments for 'echo' command\r\n"
    );
}

// ---- HELLO ---------------------------------------------------------------------------------

#[test]
fn hello_reports_and_switches_protocol() {
    let mut t = TestServer::new();
    let id = t.client.id;
    assert_eq!(t.text(&["HELLO"]), hello_reply(2, id));
    assert_eq!(t.text(&["HELLO", "3"]), hello_reply(3, id));
    assert_eq!(t.out.proto, Proto::Resp3);
    assert_eq!(t.client.handle.resp.load(Relaxed), 3);
    // The new protocol applies to what follows: a RESP3 null.
    assert_eq!(t.text(&["GET", "missing"]), "_\r\n");
    // Without a version HELLO reports the current protocol and keeps it.
    assert_eq!(t.text(&["hello"]), hello_reply(3, id));
    assert_eq!(t.text(&["HELLO", "2"]), hello_reply(2, id));
    assert_eq!(t.out.proto, Proto::Resp2);
    assert_eq!(t.client.handle.resp.load(Relaxed), 2);
    assert_eq!(t.text(&["GET", "missing"]), "$-1\r\n");
}

#[test]
fn hello_protocol_errors() {
    let mut t = TestServer::new();
    for v in ["1", "4", "0", "-1", "-3"] {
        assert_eq!(
            t.text(&["HELLO", v]),
            "-NOPROTO unsupported protocol version\r\n",
            "{v}"
        );
    }
    for v in ["abc", "3.0", " 3", "03", "", "99999999999999999999"] {
        assert_eq!(
            t.text(&["HELLO", v]),
            "-ERR Protocol version is not an integer or out of range\r\n",
            "{v:?}"
        );
    }
    // Options need a version first.
    assert_eq!(
        t.text(&["HELLO", "AUTH", "default", "x"]),
        "-ERR Protocol version is not an integer or out of range\r\n"
    );
    assert_eq!(t.out.proto, Proto::Resp2);
}

#[test]
fn hello_option_errors() {
    let mut t = TestServer::new();
    assert_eq!(
        t.text(&["HELLO", "3", "foo"]),
        "-ERR Syntax error in HELLO option 'foo'\r\n"
    );
    assert_eq!(
        t.text(&["HELLO", "3", "AUTH", "x"]),
        "-ERR Syntax error in HELLO option 'AUTH'\r\n"
    );
    assert_eq!(
        t.text(&["HELLO", "3", "SETNAME"]),
        "-ERR Syntax error in HELLO option 'SETNAME'\r\n"
    );
    assert_eq!(
        t.text(&["HELLO", "3", "setname", "n", "bogus"]),
        "-ERR Syntax error in HELLO option 'bogus'\r\n"
    );
    // A failed HELLO changes nothing, even options before the bad one.
    assert_eq!(t.out.proto, Proto::Resp2);
    assert_eq!(t.text(&["CLIENT", "GETNAME"]), "$-1\r\n");
    assert_eq!(t.text(&["HELLO", "3", "SETNAME", "a b"]), BAD_NAME);
    assert_eq!(
        t.text(&["HELLO", "3", "SETNAME", "ok", "SETNAME", "\n"]),
        BAD_NAME
    );
    assert_eq!(t.text(&["CLIENT", "GETNAME"]), "$-1\r\n");
    assert_eq!(t.out.proto, Proto::Resp2);
}

#[test]
fn hello_setname_and_auth_without_password() {
    let mut t = TestServer::new();
    let id = t.client.id;
    assert_eq!(
        t.text(&["HELLO", "3", "SETNAME", "first", "setname", "second"]),
        hello_reply(3, id)
    );
    assert_eq!(t.text(&["CLIENT", "GETNAME"]), "$6\r\nsecond\r\n");
    assert_eq!(t.text(&["HELLO", "2", "SETNAME", ""]), hello_reply(2, id));
    assert_eq!(t.text(&["CLIENT", "GETNAME"]), "$-1\r\n");
    // No password configured: the default user accepts anything, other users do not exist.
    assert_eq!(
        t.text(&["HELLO", "3", "auth", "default", "anything"]),
        hello_reply(3, id)
    );
    assert_eq!(t.text(&["HELLO", "2", "AUTH", "bob", "x"]), WRONGPASS);
    assert_eq!(t.out.proto, Proto::Resp3);
}

#[test]
fn hello_with_requirepass() {
    let mut t = TestServer::with_args(&["--requirepass", "pw"]);
    let id = t.client.id;
    assert_eq!(t.text(&["PING"]), NOAUTH);
    assert_eq!(t.text(&["HELLO"]), NOAUTH_HELLO);
    assert_eq!(t.text(&["HELLO", "3"]), NOAUTH_HELLO);
    assert_eq!(t.out.proto, Proto::Resp2);
    // The name is checked while parsing, before authentication (Redis 7.2).
    assert_eq!(
        t.text(&["HELLO", "3", "SETNAME", "a b", "AUTH", "default", "pw"]),
        BAD_NAME
    );
    assert_eq!(t.text(&["PING"]), NOAUTH);
    // A valid name is not applied without authentication.
    assert_eq!(t.text(&["HELLO", "3", "SETNAME", "n"]), NOAUTH_HELLO);
    assert!(t.client.handle.names.lock().name.is_empty());
    assert_eq!(t.text(&["HELLO", "3", "AUTH", "default", "bad"]), WRONGPASS);
    assert_eq!(t.text(&["HELLO", "3", "AUTH", "DEFAULT", "pw"]), WRONGPASS);
    assert_eq!(t.text(&["PING"]), NOAUTH);
    // The last AUTH option wins.
    assert_eq!(
        t.text(&["HELLO", "3", "AUTH", "default", "bad", "AUTH", "default", "pw", "SETNAME", "me"]),
        hello_reply(3, id)
    );
    assert_eq!(t.text(&["PING"]), "+PONG\r\n");
    assert_eq!(t.text(&["CLIENT", "GETNAME"]), "$2\r\nme\r\n");
    // Once authenticated, plain HELLO works and a failed AUTH option changes nothing.
    assert_eq!(t.text(&["HELLO", "2"]), hello_reply(2, id));
    assert_eq!(t.text(&["HELLO", "3", "AUTH", "default", "bad"]), WRONGPASS);
    assert_eq!(t.out.proto, Proto::Resp2);
    assert_eq!(t.text(&["PING"]), "+PONG\r\n");
}

// ---- AUTH ----------------------------------------------------------------------------------

#[test]
fn auth_without_password() {
    let mut t = TestServer::new();
    assert_eq!(
        t.text(&["AUTH", "x"]),
        "-ERR AUTH <password> called without any password configured for the default user. \
         Are you sure your configuration is correct?\r\n"
    );
    assert_eq!(t.text(&["AUTH", "default", "x"]), "+OK\r\n");
    assert_eq!(t.text(&["AUTH", "default", ""]), "+OK\r\n");
    assert_eq!(t.text(&["AUTH", "bob", "x"]), WRONGPASS);
    assert_eq!(t.text(&["AUTH", "Default", "x"]), WRONGPASS);
    assert_eq!(t.text(&["AUTH", "a", "b", "c"]), "-ERR syntax error\r\n");
    assert_eq!(
        t.text(&["AUTH"]),
        "-ERR wrong number of arguments for 'auth' command\r\n"
    );
}

#[test]
fn auth_with_requirepass() {
    let mut t = TestServer::with_args(&["--requirepass", "secret"]);
    assert!(!t.client.authenticated);
    assert_eq!(t.text(&["GET", "k"]), NOAUTH);
    for bad in ["", "s", "secre", "secrets", "SECRET"] {
        assert_eq!(t.text(&["AUTH", bad]), WRONGPASS, "{bad:?}");
    }
    assert_eq!(t.text(&["AUTH", "nobody", "secret"]), WRONGPASS);
    assert_eq!(t.text(&["AUTH", "a", "b", "c"]), "-ERR syntax error\r\n");
    assert_eq!(t.text(&["PING"]), NOAUTH);
    assert_eq!(t.text(&["AUTH", "secret"]), "+OK\r\n");
    assert!(t.client.authenticated);
    assert_eq!(t.text(&["PING"]), "+PONG\r\n");
    // A failed AUTH does not log an authenticated client out.
    assert_eq!(t.text(&["AUTH", "wrong"]), WRONGPASS);
    assert_eq!(t.text(&["PING"]), "+PONG\r\n");
    assert_eq!(t.text(&["AUTH", "default", "secret"]), "+OK\r\n");

    let (mut other, _) = connect(&t, "127.0.0.1:40001");
    as_client(&mut t, &mut other, |t| {
        assert_eq!(t.text(&["PING"]), NOAUTH);
        assert_eq!(t.text(&["AUTH", "default", "secret"]), "+OK\r\n");
        assert_eq!(t.text(&["PING"]), "+PONG\r\n");
    });
}

// ---- SELECT --------------------------------------------------------------------------------

#[test]
fn select_switches_database() {
    let mut t = TestServer::new();
    assert_eq!(t.text(&["SET", "k", "zero"]), "+OK\r\n");
    assert_eq!(t.text(&["SELECT", "1"]), "+OK\r\n");
    assert_eq!(t.client.db, 1);
    assert_eq!(t.client.handle.db.load(Relaxed), 1);
    assert_eq!(t.text(&["GET", "k"]), "$-1\r\n");
    assert_eq!(t.text(&["SET", "k", "one"]), "+OK\r\n");
    assert_eq!(t.text(&["SELECT", "15"]), "+OK\r\n");
    assert_eq!(t.text(&["SELECT", "0"]), "+OK\r\n");
    assert_eq!(t.text(&["GET", "k"]), "$4\r\nzero\r\n");
    assert_eq!(t.text(&["SELECT", "1"]), "+OK\r\n");
    assert_eq!(t.text(&["GET", "k"]), "$3\r\none\r\n");
}

#[test]
fn select_errors() {
    let mut t = TestServer::new();
    for v in ["16", "-1", "2147483647", "-2147483648"] {
        assert_eq!(
            t.text(&["SELECT", v]),
            "-ERR DB index is out of range\r\n",
            "{v}"
        );
    }
    for v in ["x", "", " 1", "01", "1.0", "99999999999999999999"] {
        assert_eq!(
            t.text(&["SELECT", v]),
            "-ERR value is not an integer or out of range\r\n",
            "{v:?}"
        );
    }
    for v in ["2147483648", "-2147483649", "9999999999"] {
        assert_eq!(
            t.text(&["SELECT", v]),
            "-ERR value is out of range, value must between -2147483648 and 2147483647\r\n",
            "{v}"
        );
    }
    assert_eq!(
        t.text(&["SELECT"]),
        "-ERR wrong number of arguments for 'select' command\r\n"
    );
    assert_eq!(t.client.db, 0);

    let mut t = TestServer::with_args(&["--databases", "4"]);
    assert_eq!(t.text(&["SELECT", "3"]), "+OK\r\n");
    assert_eq!(
        t.text(&["SELECT", "4"]),
        "-ERR DB index is out of range\r\n"
    );
    assert_eq!(t.client.db, 3);
}

// ---- QUIT ----------------------------------------------------------------------------------

#[test]
fn quit_replies_then_closes() {
    let mut t = TestServer::new();
    assert_eq!(t.text(&["QUIT"]), "+OK\r\n");
    assert!(t.client.close_after_reply);
    assert!(t.client.handle.has_flag(flag::CLOSE_AFTER_REPLY));

    let mut t = TestServer::with_args(&["--requirepass", "pw"]);
    assert_eq!(t.text(&["quit", "extra", "args"]), "+OK\r\n");
    assert!(t.client.close_after_reply);
}

#[test]
fn quit_ends_the_batch() {
    let t = TestServer::new();
    let mut client = TestServer::new_client(&t.server);
    let mut out = shoal_resp::ReplyBuf::new(Proto::Resp2);
    let args = shoal_resp::Args::from_slices(&[b"QUIT"]);
    let flow = crate::dispatch::execute(
        &t.server,
        &mut client,
        &t.server.shards[0],
        &mut out,
        &args,
        unix_ms(),
    );
    assert_eq!(flow, crate::dispatch::Flow::Close);
    assert_eq!(out.buf, b"+OK\r\n");
}

// ---- RESET ---------------------------------------------------------------------------------

#[test]
fn reset_clears_connection_state() {
    let mut t = TestServer::new();
    let id = t.client.id;
    assert_eq!(t.text(&["SELECT", "2"]), "+OK\r\n");
    assert_eq!(t.text(&["HELLO", "3", "SETNAME", "nm"]), hello_reply(3, id));
    assert_eq!(t.text(&["CLIENT", "SETINFO", "LIB-NAME", "lib"]), "+OK\r\n");
    assert_eq!(t.text(&["CLIENT", "SETINFO", "LIB-VER", "1.2"]), "+OK\r\n");
    assert_eq!(t.text(&["CLIENT", "NO-EVICT", "on"]), "+OK\r\n");
    assert_eq!(t.text(&["CLIENT", "NO-TOUCH", "on"]), "+OK\r\n");
    assert_eq!(t.text(&["MONITOR"]), "+OK\r\n");
    assert_eq!(t.text(&["RESET"]), "+RESET\r\n");

    assert_eq!(t.client.db, 0);
    assert_eq!(t.client.handle.db.load(Relaxed), 0);
    assert_eq!(t.out.proto, Proto::Resp2);
    assert_eq!(t.client.handle.resp.load(Relaxed), 2);
    assert!(!t.client.no_touch);
    assert!(!t.client.handle.has_flag(flag::NO_TOUCH));
    assert!(!t.client.handle.has_flag(flag::NO_EVICT));
    assert!(!t.client.handle.has_flag(flag::MONITOR));
    assert!(t.server.monitors.lock().is_empty());
    assert_eq!(t.server.monitor_count.load(Relaxed), 0);
    let names = t.client.handle.names.lock().clone();
    assert!(names.name.is_empty());
    // The library fields describe the client program, which did not change.
    assert_eq!(names.lib_name, b"lib");
    assert_eq!(names.lib_ver, b"1.2");
    assert_eq!(t.text(&["GET", "missing"]), "$-1\r\n");
    assert_eq!(
        t.text(&["RESET", "x"]),
        "-ERR wrong number of arguments for 'reset' command\r\n"
    );
}

#[test]
fn reset_turns_replies_back_on() {
    let mut t = TestServer::new();
    assert_eq!(t.text(&["CLIENT", "REPLY", "OFF"]), "");
    assert_eq!(t.text(&["RESET"]), "+RESET\r\n");
    assert_eq!(t.text(&["PING"]), "+PONG\r\n");
    // RESET itself stays silent when it is the command being skipped.
    assert_eq!(t.text(&["CLIENT", "REPLY", "SKIP"]), "");
    assert_eq!(t.text(&["RESET"]), "");
    assert_eq!(t.text(&["PING"]), "+PONG\r\n");
}

#[test]
fn reset_requires_auth_again() {
    let mut t = TestServer::with_args(&["--requirepass", "pw"]);
    assert_eq!(t.text(&["RESET"]), "+RESET\r\n");
    assert_eq!(t.text(&["AUTH", "pw"]), "+OK\r\n");
    assert_eq!(t.text(&["PING"]), "+PONG\r\n");
    assert_eq!(t.text(&["RESET"]), "+RESET\r\n");
    assert_eq!(t.text(&["PING"]), NOAUTH);

    let mut t = TestServer::new();
    assert_eq!(t.text(&["RESET"]), "+RESET\r\n");
    assert_eq!(t.text(&["PING"]), "+PONG\r\n");
}

// ---- MONITOR -------------------------------------------------------------------------------

/// Splits a MONITOR line into its "[db addr]" part and arguments, checking the timestamp.
fn monitor_line(line: &str) -> (String, String) {
    let body = line
        .strip_prefix('+')
        .and_then(|l| l.strip_suffix("\r\n"))
        .unwrap_or_else(|| panic!("not a status line: {line:?}"));
    let (ts, rest) = body.split_once(' ').unwrap();
    let (secs, usecs) = ts.split_once('.').unwrap();
    assert!(secs.parse::<u64>().unwrap() >= 1_700_000_000, "{line}");
    assert_eq!(usecs.len(), 6, "{line}");
    assert!(usecs.bytes().all(|b| b.is_ascii_digit()), "{line}");
    let close = rest.find("] ").unwrap();
    (rest[..=close].to_string(), rest[close + 2..].to_string())
}

#[test]
fn monitor_registers_once() {
    let mut t = TestServer::new();
    assert_eq!(t.text(&["MONITOR"]), "+OK\r\n");
    assert!(t.client.handle.has_flag(flag::MONITOR));
    assert_eq!(t.server.monitor_count.load(Relaxed), 1);
    // A second MONITOR is ignored without a reply.
    assert_eq!(t.text(&["MONITOR"]), "");
    assert_eq!(t.server.monitors.lock().len(), 1);
    assert_eq!(
        t.text(&["MONITOR", "x"]),
        "-ERR wrong number of arguments for 'monitor' command\r\n"
    );
}

#[test]
fn monitor_feed_format_and_filtering() {
    let mut t = TestServer::new();
    let (mut mon, captured) = connect(&t, "127.0.0.1:50000");
    as_client(&mut t, &mut mon, |t| {
        assert_eq!(t.text(&["MONITOR"]), "+OK\r\n")
    });

    assert_eq!(t.text(&["SET", "k", "v"]), "+OK\r\n");
    assert_eq!(t.text(&["SELECT", "3"]), "+OK\r\n");
    t.raw(&[b"ECHO", b"a\"b\\c\x01\xff d\n\r\t\x07\x08"]);
    // A command that fails in its handler still ran, so it is shown.
    assert_eq!(
        t.text(&["SELECT", "x"]),
        "-ERR value is not an integer or out of range\r\n"
    );
    // Rejected before running (unknown, arity) or admin commands are not shown.
    t.text(&["NOSUCH", "x"]);
    t.text(&["GET"]);
    t.text(&["CLIENT", "LIST"]);
    t.text(&["CLIENT", "KILL", "ID", "12345"]);
    t.text(&["MONITOR"]);
    t.text(&["CLIENT", "ID"]);

    let lines = captured.take_text();
    let parsed: Vec<(String, String)> = lines.iter().map(|l| monitor_line(l)).collect();
    let addr = "127.0.0.1:40000";
    assert_eq!(
        parsed,
        vec![
            (format!("[0 {addr}]"), r#""SET" "k" "v""#.to_string()),
            // The database is the one after the command ran.
            (format!("[3 {addr}]"), r#""SELECT" "3""#.to_string()),
            (
                format!("[3 {addr}]"),
                r#""ECHO" "a\"b\\c\x01\xff d\n\r\t\a\b""#.to_string()
            ),
            (format!("[3 {addr}]"), r#""SELECT" "x""#.to_string()),
            (format!("[3 {addr}]"), r#""CLIENT" "ID""#.to_string()),
        ]
    );
}

#[test]
fn monitor_redacts_passwords() {
    let mut t = TestServer::new();
    let (mut mon, captured) = connect(&t, "127.0.0.1:50000");
    as_client(&mut t, &mut mon, |t| t.text(&["MONITOR"]));

    t.text(&["AUTH", "default", "pw"]);
    t.text(&["AUTH", "pw"]);
    // Too many arguments: rejected before redaction, so shown as sent (as in Redis).
    t.text(&["AUTH", "a", "b", "c"]);
    t.text(&["HELLO", "3", "AUTH", "u", "p", "SETNAME", "n"]);
    t.text(&["HELLO", "2", "AUTH", "u", "p", "bogus"]);
    t.text(&["HELLO", "x", "AUTH", "u", "p"]);
    t.text(&["PING"]);
    let args: Vec<String> = captured
        .take_text()
        .iter()
        .map(|l| monitor_line(l).1)
        .collect();
    assert_eq!(
        args,
        vec![
            r#""AUTH" "(redacted)" "(redacted)""#,
            r#""AUTH" "(redacted)""#,
            r#""AUTH" "a" "b" "c""#,
            r#""HELLO" "3" "AUTH" "(redacted)" "(redacted)" "SETNAME" "n""#,
            r#""HELLO" "2" "AUTH" "(redacted)" "(redacted)" "bogus""#,
            r#""HELLO" "x" "AUTH" "u" "p""#,
            r#""PING""#,
        ]
    );
    assert!(t.client.redacted_args.is_empty());
}

#[test]
fn monitor_sees_its_own_commands_after_the_reply() {
    let mut t = TestServer::new();
    assert_eq!(t.text(&["MONITOR"]), "+OK\r\n");
    let reply = t.text(&["PING"]);
    let rest = reply.strip_prefix("+PONG\r\n").expect(&reply);
    assert_eq!(monitor_line(rest).1, r#""PING""#);
    // With replies off nothing reaches the client, the monitor line included.
    assert_eq!(t.text(&["CLIENT", "REPLY", "OFF"]), "");
    assert_eq!(t.text(&["PING"]), "");
    let reply = t.text(&["CLIENT", "REPLY", "ON"]);
    let rest = reply.strip_prefix("+OK\r\n").expect(&reply);
    assert_eq!(monitor_line(rest).1, r#""CLIENT" "REPLY" "ON""#);
    // QUIT's line would go to a closing client: Redis drops it.
    assert_eq!(t.text(&["QUIT"]), "+OK\r\n");
}

#[test]
fn reset_stops_monitoring() {
    let mut t = TestServer::new();
    let (mut mon, captured) = connect(&t, "127.0.0.1:50000");
    as_client(&mut t, &mut mon, |t| {
        assert_eq!(t.text(&["MONITOR"]), "+OK\r\n");
        assert_eq!(t.text(&["RESET"]), "+RESET\r\n");
    });
    assert_eq!(t.server.monitor_count.load(Relaxed), 0);
    t.text(&["PING"]);
    assert!(captured.take_text().is_empty());
    // Nobody else was removed by the RESET of a client that was not monitoring.
    assert_eq!(t.text(&["MONITOR"]), "+OK\r\n");
    as_client(&mut t, &mut mon, |t| t.text(&["RESET"]));
    assert_eq!(t.server.monitor_count.load(Relaxed), 1);
}

#[test]
fn killed_monitors_get_nothing() {
    let mut t = TestServer::new();
    let (mut mon, captured) = connect(&t, "127.0.0.1:50000");
    as_client(&mut t, &mut mon, |t| t.text(&["MONITOR"]));
    mon.handle.kill();
    t.text(&["PING"]);
    assert!(captured.take_text().is_empty());
}

#[test]
fn ping_in_subscriber_mode() {
    let mut t = TestServer::new();
    t.client.handle.set_flag(flag::PUBSUB, true);
    assert_eq!(t.text(&["PING"]), "*2\r\n$4\r\npong\r\n$0\r\n\r\n");
    assert_eq!(t.text(&["PING", "hi"]), "*2\r\n$4\r\npong\r\n$2\r\nhi\r\n");
    t.text(&["HELLO", "3"]);
    assert_eq!(t.text(&["PING"]), "+PONG\r\n");
    assert_eq!(t.text(&["PING", "hi"]), "$2\r\nhi\r\n");
}

#[test]
fn hello_option_words_end_at_a_nul_byte() {
    // Bytes from redis-server 7.0, whose strcasecmp stops at the first NUL.
    let mut t = TestServer::new();
    let id = t.client.id;
    assert_eq!(
        t.raw(&[b"HELLO", b"2", b"SETNAME\0", b"nm"]),
        hello_reply(2, id).as_bytes()
    );
    assert_eq!(t.text(&["CLIENT", "GETNAME"]), "$2\r\nnm\r\n");
    assert_eq!(
        t.raw(&[b"HELLO", b"2", b"AUTH\0", b"default", b"x"]),
        hello_reply(2, id).as_bytes()
    );
    assert_eq!(
        t.raw(&[b"HELLO", b"2", b"SETNAM\0E", b"nm"]),
        b"-ERR Syntax error in HELLO option 'SETNAM'\r\n"
    );
}
