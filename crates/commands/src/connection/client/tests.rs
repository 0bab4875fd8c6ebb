//! CLIENT subcommand tests, with several registered connections where it matters.

use std::sync::atomic::Ordering::Relaxed;

use shoal_resp::{Proto, Value};

use crate::client::flag;
use crate::connection::tests::{as_client, connect};
use crate::testing::TestServer;

/// Redis 7.2's CLIENT LIST fields, in order.
const FIELDS: &[&str] = &[
    "id",
    "addr",
    "laddr",
    "fd",
    "name",
    "age",
    "idle",
    "flags",
    "db",
    "sub",
    "psub",
    "ssub",
    "multi",
    "qbuf",
    "qbuf-free",
    "argv-mem",
    "multi-mem",
    "rbs",
    "rbp",
    "obl",
    "oll",
    "omem",
    "tot-mem",
    "events",
    "cmd",
    "user",
    "redir",
    "resp",
    "lib-name",
    "lib-ver",
];

/// The bulk text of a RESP2 reply.
fn bulk_text(t: &mut TestServer, args: &[&str]) -> String {
    match t.run(args) {
        Value::Bulk(b) => String::from_utf8(b).unwrap(),
        other => panic!("{args:?}: {other:?}"),
    }
}

/// The lines of CLIENT LIST/INFO output as field maps, checking field names and order.
fn parse_lines(text: &str) -> Vec<Vec<(String, String)>> {
    assert!(text.is_empty() || text.ends_with('\n'), "{text:?}");
    text.lines()
        .map(|line| {
            let fields: Vec<(String, String)> = line
                .split(' ')
                .map(|f| {
                    let (k, v) = f.split_once('=').unwrap_or_else(|| panic!("{f:?}"));
                    (k.to_string(), v.to_string())
                })
                .collect();
            let names: Vec<&str> = fields.iter().map(|(k, _)| k.as_str()).collect();
            assert_eq!(names, FIELDS, "{line}");
            fields
        })
        .collect()
}

fn get<'a>(fields: &'a [(String, String)], name: &str) -> &'a str {
    &fields.iter().find(|(k, _)| k == name).unwrap().1
}

fn ids(text: &str) -> Vec<u64> {
    parse_lines(text)
        .iter()
        .map(|f| get(f, "id").parse().unwrap())
        .collect()
}

// ---- ID / GETNAME / SETNAME ------------------------------------------------------------------

#[test]
fn id_is_the_connection_id() {
    let mut t = TestServer::new();
    let id = t.client.id;
    assert_eq!(t.text(&["CLIENT", "ID"]), format!(":{id}\r\n"));
    assert_eq!(t.text(&["client", "id"]), format!(":{id}\r\n"));
    let (mut other, _) = connect(&t, "127.0.0.1:40001");
    let other_id = other.id;
    assert!(other_id > id);
    as_client(&mut t, &mut other, |t| {
        assert_eq!(t.text(&["CLIENT", "ID"]), format!(":{other_id}\r\n"))
    });
    assert_eq!(
        t.text(&["CLIENT", "ID", "x"]),
        "-ERR wrong number of arguments for 'client|id' command\r\n"
    );
}

#[test]
fn container_errors_come_from_dispatch() {
    let mut t = TestServer::new();
    assert_eq!(
        t.text(&["CLIENT"]),
        "-ERR wrong number of arguments for 'client' command\r\n"
    );
    assert_eq!(
        t.text(&["CLIENT", "bogus"]),
        "-ERR unknown subcommand 'bogus'. Try CLIENT HELP.\r\n"
    );
    assert_eq!(
        t.text(&["CLIENT", "SETNAME"]),
        "-ERR wrong number of arguments for 'client|setname' command\r\n"
    );
    assert_eq!(
        t.text(&["CLIENT", "SETNAME", "a", "b"]),
        "-ERR wrong number of arguments for 'client|setname' command\r\n"
    );
    assert_eq!(
        t.text(&["CLIENT", "HELP", "x"]),
        "-ERR wrong number of arguments for 'client|help' command\r\n"
    );
}

#[test]
fn setname_and_getname() {
    let mut t = TestServer::new();
    assert_eq!(t.text(&["CLIENT", "GETNAME"]), "$-1\r\n");
    assert_eq!(t.text(&["CLIENT", "SETNAME", "worker-1"]), "+OK\r\n");
    assert_eq!(t.text(&["CLIENT", "GETNAME"]), "$8\r\nworker-1\r\n");
    assert_eq!(t.text(&["CLIENT", "SETNAME", "~!"]), "+OK\r\n");
    assert_eq!(t.text(&["CLIENT", "GETNAME"]), "$2\r\n~!\r\n");
    for bad in [
        &b"a b"[..],
        b"a\nb",
        b"\r",
        b"a\x80",
        b"\xff",
        b"\x7f",
        b"x\x00",
    ] {
        assert_eq!(
            t.raw(&[b"CLIENT", b"SETNAME", bad]),
            b"-ERR Client names cannot contain spaces, newlines or special characters.\r\n",
            "{bad:?}"
        );
    }
    assert_eq!(t.text(&["CLIENT", "GETNAME"]), "$2\r\n~!\r\n");
    // An empty name removes the name.
    assert_eq!(t.text(&["CLIENT", "SETNAME", ""]), "+OK\r\n");
    assert_eq!(t.text(&["CLIENT", "GETNAME"]), "$-1\r\n");
    t.text(&["HELLO", "3"]);
    assert_eq!(t.text(&["CLIENT", "GETNAME"]), "_\r\n");
}

// ---- SETINFO -------------------------------------------------------------------------------

#[test]
fn setinfo_sets_library_fields() {
    let mut t = TestServer::new();
    assert_eq!(
        t.text(&["CLIENT", "SETINFO", "lib-name", "redis-py"]),
        "+OK\r\n"
    );
    assert_eq!(
        t.text(&["CLIENT", "SETINFO", "LIB-VER", "5.0.1"]),
        "+OK\r\n"
    );
    let info = bulk_text(&mut t, &["CLIENT", "INFO"]);
    let f = &parse_lines(&info)[0];
    assert_eq!(get(f, "lib-name"), "redis-py");
    assert_eq!(get(f, "lib-ver"), "5.0.1");
    // Empty clears.
    assert_eq!(t.text(&["CLIENT", "SETINFO", "Lib-Name", ""]), "+OK\r\n");
    let info = bulk_text(&mut t, &["CLIENT", "INFO"]);
    assert_eq!(get(&parse_lines(&info)[0], "lib-name"), "");
    assert_eq!(t.client.handle.names.lock().lib_ver, b"5.0.1");
}

#[test]
fn setinfo_errors() {
    let mut t = TestServer::new();
    assert_eq!(
        t.text(&["CLIENT", "SETINFO", "lib-nam", "x"]),
        "-ERR Unrecognized option 'lib-nam'\r\n"
    );
    assert_eq!(
        t.text(&["CLIENT", "SETINFO", "LIB-NAME", "a b"]),
        "-ERR LIB-NAME cannot contain spaces, newlines or special characters.\r\n"
    );
    assert_eq!(
        t.raw(&[b"CLIENT", b"SETINFO", b"lib-ver", b"1\n"]),
        b"-ERR lib-ver cannot contain spaces, newlines or special characters.\r\n"
    );
    assert_eq!(
        t.raw(&[b"CLIENT", b"SETINFO", b"lib-ver", b"\xc3\xa9"]),
        b"-ERR lib-ver cannot contain spaces, newlines or special characters.\r\n"
    );
    assert_eq!(
        t.text(&["CLIENT", "SETINFO", "lib-name"]),
        "-ERR wrong number of arguments for 'client|setinfo' command\r\n"
    );
    // Redis checks the value as a C string: what follows a NUL is neither checked nor shown.
    assert_eq!(
        t.raw(&[b"CLIENT", b"SETINFO", b"lib-name", b"ok\x00 bad"]),
        b"+OK\r\n"
    );
    let info = bulk_text(&mut t, &["CLIENT", "INFO"]);
    assert_eq!(get(&parse_lines(&info)[0], "lib-name"), "ok");
}

// ---- INFO / LIST ---------------------------------------------------------------------------

#[test]
fn info_describes_the_caller() {
    let mut t = TestServer::new();
    let id = t.client.id;
    let text = bulk_text(&mut t, &["CLIENT", "INFO"]);
    let lines = parse_lines(&text);
    assert_eq!(lines.len(), 1);
    let age: u64 = get(&lines[0], "age").parse().unwrap();
    assert!(age <= 1);
    // The request is "*2\r\n$6\r\nCLIENT\r\n$4\r\nINFO\r\n": 26 bytes, 10 of arguments.
    let expected = format!(
        "id={id} addr=127.0.0.1:40000 laddr=127.0.0.1:6379 fd=-1 name= age={age} idle=0 \
         flags=N db=0 sub=0 psub=0 ssub=0 multi=-1 qbuf=26 qbuf-free=20448 argv-mem=10 \
         multi-mem=0 rbs=1024 rbp=0 obl=0 oll=0 omem=0 tot-mem=22284 events=r \
         cmd=client|info user=default redir=-1 resp=2 lib-name= lib-ver=\n"
    );
    assert_eq!(text, expected);

    // RESP3: verbatim text.
    t.text(&["HELLO", "3"]);
    match t.run(&["CLIENT", "INFO"]) {
        Value::Verbatim { format, text } => {
            assert_eq!(&format, b"txt");
            let text = String::from_utf8(text).unwrap();
            let f = &parse_lines(&text)[0];
            assert_eq!(get(f, "resp"), "3");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn info_reflects_connection_state() {
    let mut t = TestServer::new();
    t.text(&["SELECT", "5"]);
    t.text(&["CLIENT", "SETNAME", "me"]);
    t.text(&["CLIENT", "NO-EVICT", "on"]);
    t.text(&["CLIENT", "NO-TOUCH", "on"]);
    let text = bulk_text(&mut t, &["client", "info"]);
    let f = &parse_lines(&text)[0];
    assert_eq!(get(f, "db"), "5");
    assert_eq!(get(f, "name"), "me");
    assert_eq!(get(f, "flags"), "eT");
    assert_eq!(get(f, "cmd"), "client|info");
    t.text(&["CLIENT", "NO-EVICT", "off"]);
    t.text(&["MONITOR"]);
    // A monitor's own command comes back after the reply; keep only the reply.
    let raw = t.text(&["CLIENT", "INFO"]);
    let (_, rest) = raw.split_once("\r\n").unwrap();
    let (text, line) = rest.split_once("\r\n").unwrap();
    assert!(line.ends_with("\"CLIENT\" \"INFO\"\r\n"), "{line}");
    let f = &parse_lines(text)[0];
    assert_eq!(get(f, "flags"), "OT");
}

#[test]
fn list_shows_every_connection_in_id_order() {
    let mut t = TestServer::new();
    let me = t.client.id;
    let (mut a, _) = connect(&t, "10.0.0.1:1111");
    let (mut b, _) = connect(&t, "10.0.0.2:2222");
    as_client(&mut t, &mut b, |t| t.text(&["SET", "k", "v"]));

    let text = bulk_text(&mut t, &["CLIENT", "LIST"]);
    assert_eq!(ids(&text), vec![me, a.id, b.id]);
    let lines = parse_lines(&text);
    assert_eq!(get(&lines[0], "cmd"), "client|list");
    assert_eq!(get(&lines[0], "qbuf"), "26");
    // Another connection: no command yet, or its last one; no query in flight.
    assert_eq!(get(&lines[1], "cmd"), "NULL");
    assert_eq!(get(&lines[1], "addr"), "10.0.0.1:1111");
    assert_eq!(get(&lines[1], "fd"), "7");
    assert_eq!(get(&lines[1], "qbuf"), "0");
    assert_eq!(get(&lines[1], "qbuf-free"), "0");
    assert_eq!(get(&lines[1], "argv-mem"), "0");
    assert_eq!(get(&lines[1], "tot-mem"), "1800");
    assert_eq!(get(&lines[2], "cmd"), "set");

    // A killed connection is gone at once, as in Redis.
    a.handle.kill();
    assert_eq!(ids(&bulk_text(&mut t, &["CLIENT", "LIST"])), vec![me, b.id]);
    as_client(&mut t, &mut a, |_| ());
}

#[test]
fn list_type_filter() {
    let mut t = TestServer::new();
    let me = t.client.id;
    let (other, _) = connect(&t, "10.0.0.1:1111");
    let (sub, _) = connect(&t, "10.0.0.2:2222");
    sub.handle.set_flag(flag::PUBSUB, true);
    let (mon, _) = connect(&t, "10.0.0.3:3333");
    mon.handle.set_flag(flag::MONITOR, true);

    // Monitors count as normal clients.
    for ty in ["normal", "NORMAL"] {
        let text = bulk_text(&mut t, &["CLIENT", "LIST", "TYPE", ty]);
        assert_eq!(ids(&text), vec![me, other.id, mon.id]);
    }
    let text = bulk_text(&mut t, &["CLIENT", "LIST", "type", "pubsub"]);
    assert_eq!(ids(&text), vec![sub.id]);
    assert_eq!(get(&parse_lines(&text)[0], "flags"), "P");
    for ty in ["master", "replica", "slave"] {
        assert_eq!(
            t.text(&["CLIENT", "LIST", "TYPE", ty]),
            "$0\r\n\r\n",
            "{ty}"
        );
    }
    assert_eq!(
        t.text(&["CLIENT", "LIST", "TYPE", "bogus"]),
        "-ERR Unknown client type 'bogus'\r\n"
    );
    for args in [
        &["CLIENT", "LIST", "TYPE"][..],
        &["CLIENT", "LIST", "ID"],
        &["CLIENT", "LIST", "foo"],
        &["CLIENT", "LIST", "TYPE", "normal", "x"],
        &["CLIENT", "LIST", "foo", "bar"],
    ] {
        assert_eq!(t.text(args), "-ERR syntax error\r\n", "{args:?}");
    }
}

#[test]
fn list_id_filter() {
    let mut t = TestServer::new();
    let me = t.client.id;
    let (other, _) = connect(&t, "10.0.0.1:1111");
    let o = other.id.to_string();
    let m = me.to_string();
    let text = bulk_text(&mut t, &["CLIENT", "LIST", "ID", &o, &m, &o]);
    assert_eq!(ids(&text), vec![other.id, me, other.id]);
    assert_eq!(
        t.text(&["CLIENT", "LIST", "id", "999", "-5", "0"]),
        "$0\r\n\r\n"
    );
    assert_eq!(
        t.text(&["CLIENT", "LIST", "ID", &o, "x"]),
        "-ERR Invalid client ID\r\n"
    );
    assert_eq!(
        t.text(&["CLIENT", "LIST", "ID", "99999999999999999999"]),
        "-ERR Invalid client ID\r\n"
    );
    other.handle.kill();
    assert_eq!(t.text(&["CLIENT", "LIST", "ID", &o]), "$0\r\n\r\n");
}

// ---- KILL ----------------------------------------------------------------------------------

#[test]
fn kill_old_form() {
    let mut t = TestServer::new();
    let (other, _) = connect(&t, "10.0.0.1:1111");
    assert_eq!(
        t.text(&["CLIENT", "KILL", "10.0.0.9:1111"]),
        "-ERR No such client\r\n"
    );
    // Three arguments are always the old form, even when they look like a filter.
    assert_eq!(t.text(&["CLIENT", "KILL", "ID"]), "-ERR No such client\r\n");
    assert!(!other.handle.killed.load(Relaxed));
    assert_eq!(t.text(&["CLIENT", "KILL", "10.0.0.1:1111"]), "+OK\r\n");
    assert!(other.handle.killed.load(Relaxed));
    // Already gone.
    assert_eq!(
        t.text(&["CLIENT", "KILL", "10.0.0.1:1111"]),
        "-ERR No such client\r\n"
    );
    assert!(!t.client.close_after_reply);
    // The old form may kill the caller, which then closes after the reply.
    assert_eq!(t.text(&["CLIENT", "KILL", "127.0.0.1:40000"]), "+OK\r\n");
    assert!(t.client.close_after_reply);
    assert!(!t.client.handle.killed.load(Relaxed));
}

#[test]
fn kill_filters() {
    let mut t = TestServer::new();
    let (a, _) = connect(&t, "10.0.0.1:1111");
    let (b, _) = connect(&t, "10.0.0.2:2222");
    let (c, _) = connect(&t, "10.0.0.3:3333");
    c.handle.set_flag(flag::PUBSUB, true);
    let a_id = a.id.to_string();

    assert_eq!(t.text(&["CLIENT", "KILL", "ID", "999999"]), ":0\r\n");
    // Filters combine with AND.
    assert_eq!(
        t.text(&["CLIENT", "KILL", "ID", &a_id, "ADDR", "10.0.0.2:2222"]),
        ":0\r\n"
    );
    assert_eq!(
        t.text(&["CLIENT", "KILL", "ADDR", "10.0.0.1:1111", "id", &a_id]),
        ":1\r\n"
    );
    assert!(a.handle.killed.load(Relaxed));
    assert_eq!(t.text(&["CLIENT", "KILL", "ID", &a_id]), ":0\r\n");
    assert_eq!(t.text(&["CLIENT", "KILL", "TYPE", "master"]), ":0\r\n");
    assert_eq!(t.text(&["CLIENT", "KILL", "TYPE", "pubsub"]), ":1\r\n");
    assert!(c.handle.killed.load(Relaxed));
    assert!(!b.handle.killed.load(Relaxed));
    // LADDR matches every connection to that address; the caller is skipped by default.
    assert_eq!(
        t.text(&["CLIENT", "KILL", "LADDR", "127.0.0.1:6379", "SKIPME", "yes"]),
        ":1\r\n"
    );
    assert!(b.handle.killed.load(Relaxed));
    assert!(!t.client.close_after_reply);
}

#[test]
fn kill_user_and_skipme() {
    let mut t = TestServer::new();
    let (a, _) = connect(&t, "10.0.0.1:1111");
    let (b, _) = connect(&t, "10.0.0.2:2222");
    assert_eq!(t.text(&["CLIENT", "KILL", "USER", "default"]), ":2\r\n");
    assert!(a.handle.killed.load(Relaxed) && b.handle.killed.load(Relaxed));
    assert!(!t.client.close_after_reply);
    let me = t.client.id.to_string();
    assert_eq!(
        t.text(&["CLIENT", "KILL", "ID", &me, "SKIPME", "NO"]),
        ":1\r\n"
    );
    assert!(t.client.close_after_reply);
    assert!(t.client.handle.has_flag(flag::CLOSE_AFTER_REPLY));
}

#[test]
fn kill_maxage() {
    let mut t = TestServer::new();
    let (a, _) = connect(&t, "10.0.0.1:1111");
    assert_eq!(t.text(&["CLIENT", "KILL", "MAXAGE", "100"]), ":0\r\n");
    t.clock_offset_ms = 200_000;
    assert_eq!(t.text(&["CLIENT", "KILL", "MAXAGE", "100"]), ":1\r\n");
    assert!(a.handle.killed.load(Relaxed));
    assert!(!t.client.close_after_reply);
}

#[test]
fn kill_errors() {
    let mut t = TestServer::new();
    for id in ["0", "-3", "x", "1.5", "99999999999999999999"] {
        assert_eq!(
            t.text(&["CLIENT", "KILL", "ID", id]),
            "-ERR client-id should be greater than 0\r\n",
            "{id}"
        );
    }
    assert_eq!(
        t.text(&["CLIENT", "KILL", "TYPE", "x"]),
        "-ERR Unknown client type 'x'\r\n"
    );
    assert_eq!(
        t.text(&["CLIENT", "KILL", "USER", "nobody"]),
        "-ERR No such user 'nobody'\r\n"
    );
    assert_eq!(
        t.text(&["CLIENT", "KILL", "MAXAGE", "x"]),
        "-ERR maxage is not an integer or out of range\r\n"
    );
    assert_eq!(
        t.text(&["CLIENT", "KILL", "MAXAGE", "0"]),
        "-ERR maxage should be greater than 0\r\n"
    );
    for args in [
        &["CLIENT", "KILL", "SKIPME", "maybe"][..],
        &["CLIENT", "KILL", "SKIPME", "no", "ID"],
        &["CLIENT", "KILL", "foo", "bar"],
        &["CLIENT", "KILL", "ID", "1", "ID"],
    ] {
        assert_eq!(t.text(args), "-ERR syntax error\r\n", "{args:?}");
    }
    // Errors are reported left to right, before anything is killed.
    let (a, _) = connect(&t, "10.0.0.1:1111");
    let a_id = a.id.to_string();
    assert_eq!(
        t.text(&["CLIENT", "KILL", "ID", &a_id, "TYPE", "bad", "foo"]),
        "-ERR Unknown client type 'bad'\r\n"
    );
    assert!(!a.handle.killed.load(Relaxed));
    assert_eq!(
        t.text(&["CLIENT", "KILL"]),
        "-ERR wrong number of arguments for 'client|kill' command\r\n"
    );
    assert!(!t.client.close_after_reply);
}

// ---- REPLY ---------------------------------------------------------------------------------

#[test]
fn reply_off_on_skip() {
    let mut t = TestServer::new();
    assert_eq!(t.text(&["CLIENT", "REPLY", "OFF"]), "");
    assert_eq!(t.text(&["PING"]), "");
    assert_eq!(t.text(&["NOSUCH"]), "");
    // SKIP does nothing while OFF is in effect.
    assert_eq!(t.text(&["CLIENT", "REPLY", "SKIP"]), "");
    assert_eq!(t.text(&["CLIENT", "REPLY", "ON"]), "+OK\r\n");
    assert_eq!(t.text(&["PING"]), "+PONG\r\n");

    assert_eq!(t.text(&["CLIENT", "REPLY", "SKIP"]), "");
    assert_eq!(t.text(&["PING"]), "");
    assert_eq!(t.text(&["PING"]), "+PONG\r\n");

    assert_eq!(t.text(&["client", "reply", "skip"]), "");
    assert_eq!(t.text(&["CLIENT", "REPLY", "SKIP"]), "");
    assert_eq!(t.text(&["PING"]), "");
    assert_eq!(t.text(&["PING"]), "+PONG\r\n");

    // ON right after SKIP answers: it clears the skip of its own reply.
    assert_eq!(t.text(&["CLIENT", "REPLY", "SKIP"]), "");
    assert_eq!(t.text(&["CLIENT", "REPLY", "ON"]), "+OK\r\n");
    assert_eq!(t.text(&["PING"]), "+PONG\r\n");

    assert_eq!(t.text(&["CLIENT", "REPLY", "x"]), "-ERR syntax error\r\n");
    assert_eq!(
        t.text(&["CLIENT", "REPLY"]),
        "-ERR wrong number of arguments for 'client|reply' command\r\n"
    );
}

// ---- NO-EVICT / NO-TOUCH -----------------------------------------------------------------------

#[test]
fn no_evict() {
    let mut t = TestServer::new();
    assert_eq!(t.text(&["CLIENT", "NO-EVICT", "on"]), "+OK\r\n");
    assert!(t.client.handle.has_flag(flag::NO_EVICT));
    assert_eq!(t.text(&["CLIENT", "NO-EVICT", "OFF"]), "+OK\r\n");
    assert!(!t.client.handle.has_flag(flag::NO_EVICT));
    assert_eq!(
        t.text(&["CLIENT", "NO-EVICT", "x"]),
        "-ERR syntax error\r\n"
    );
    assert_eq!(
        t.text(&["CLIENT", "NO-EVICT", "yes"]),
        "-ERR syntax error\r\n"
    );
}

#[test]
fn no_touch_keeps_access_time() {
    let mut t = TestServer::new();
    assert_eq!(t.text(&["SET", "k", "v"]), "+OK\r\n");
    let lru = |t: &TestServer| {
        let slot = shoal_util::key_slot(b"k");
        let mut guard = t.server.keyspace.lock(slot);
        let db = guard.db(0);
        db.get(shoal_store::hash_key(b"k"), b"k").unwrap().lru()
    };
    let before = lru(&t);
    t.clock_offset_ms = 50_000;
    assert_eq!(t.text(&["CLIENT", "NO-TOUCH", "ON"]), "+OK\r\n");
    assert!(t.client.no_touch);
    assert!(t.client.handle.has_flag(flag::NO_TOUCH));
    assert_eq!(t.text(&["GET", "k"]), "$1\r\nv\r\n");
    assert_eq!(lru(&t), before);
    assert_eq!(t.text(&["CLIENT", "NO-TOUCH", "off"]), "+OK\r\n");
    assert!(!t.client.no_touch);
    assert_eq!(t.text(&["GET", "k"]), "$1\r\nv\r\n");
    assert_ne!(lru(&t), before);
    assert_eq!(
        t.text(&["CLIENT", "NO-TOUCH", "maybe"]),
        "-ERR syntax error\r\n"
    );
}

// ---- HELP ----------------------------------------------------------------------------------

#[test]
fn help_text() {
    let mut t = TestServer::new();
    let Value::Array(lines) = t.run(&["CLIENT", "HELP"]) else {
        panic!()
    };
    let lines: Vec<String> = lines
        .into_iter()
        .map(|v| match v {
            Value::Simple(s) => String::from_utf8(s).unwrap(),
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(lines.len(), 54);
    assert_eq!(
        lines[0],
        "CLIENT <subcommand> [<arg> [value] [opt] ...]. Subcommands are:"
    );
    assert_eq!(lines[1], "CACHING (YES|NO)");
    assert_eq!(lines[37], "SETINFO <option> <value>");
    assert_eq!(lines[38], "    Set client meta attr. Options are:");
    assert_eq!(lines[50], "NO-TOUCH (ON|OFF)");
    assert_eq!(
        lines[51],
        "    Will not touch LRU/LFU stats when this mode is on."
    );
    assert_eq!(lines[52], "HELP");
    assert_eq!(lines[53], "    Prints this help.");
    t.out.proto = Proto::Resp3;
    assert!(t
        .text(&["client", "help"])
        .starts_with("*54\r\n+CLIENT <subcommand>"));
}

#[test]
fn option_words_end_at_a_nul_byte() {
    // Bytes from redis-server 7.0, whose strcasecmp stops at the first NUL (type names too).
    let mut t = TestServer::new();
    let me = t.client.id;
    let (sub, _) = connect(&t, "10.0.0.2:2222");
    sub.handle.set_flag(flag::PUBSUB, true);
    let text = bulk_text(&mut t, &["CLIENT", "LIST", "TYPE\0", "normal\0x"]);
    assert_eq!(ids(&text), vec![me]);
    assert_eq!(
        t.raw(&[b"CLIENT", b"LIST", b"TYPE", b"bogus\0x"]),
        b"-ERR Unknown client type 'bogus'\r\n"
    );
    let text = bulk_text(&mut t, &["CLIENT", "LIST", "ID\0", &me.to_string()]);
    assert_eq!(ids(&text), vec![me]);
    for ty in [&b"replica\0"[..], b"slave\0", b"master\0"] {
        assert_eq!(t.raw(&[b"CLIENT", b"LIST", b"TYPE", ty]), b"$0\r\n\r\n");
    }
    assert_eq!(
        t.raw(&[b"CLIENT", b"KILL", b"ID\0", b"99999", b"SKIPME\0", b"YES\0"]),
        b":0\r\n"
    );
    assert_eq!(
        t.raw(&[
            b"CLIENT",
            b"KILL",
            b"TYPE",
            b"master\0",
            b"SKIPME\0",
            b"no\0x"
        ]),
        b":0\r\n"
    );
    assert_eq!(
        t.raw(&[b"CLIENT", b"KILL", b"ADDR\0", b"1.2.3.4:5"]),
        b":0\r\n"
    );
    assert_eq!(
        t.raw(&[b"CLIENT", b"KILL", b"LADDR\0", b"1.2.3.4:5"]),
        b":0\r\n"
    );
    assert_eq!(
        t.raw(&[b"CLIENT", b"KILL", b"USER\0", b"nouser"]),
        b"-ERR No such user 'nouser'\r\n"
    );
    assert_eq!(
        t.raw(&[b"CLIENT", b"KILL", b"TYPE\0", b"PUBSUB\0"]),
        b":1\r\n"
    );
    assert!(sub.handle.killed.load(Relaxed));
    assert_eq!(
        t.raw(&[b"CLIENT", b"UNBLOCK", b"1", b"TIMEOUT\0"]),
        b":0\r\n"
    );
    assert_eq!(t.raw(&[b"CLIENT", b"UNBLOCK", b"1", b"ERROR\0"]), b":0\r\n");
    assert_eq!(
        t.raw(&[b"CLIENT", b"UNBLOCK", b"1", b"TIMEOU\0T"]),
        b"-ERR CLIENT UNBLOCK reason should be TIMEOUT or ERROR\r\n"
    );
    assert_eq!(t.raw(&[b"CLIENT", b"NO-EVICT", b"ON\0"]), b"+OK\r\n");
    assert_eq!(t.raw(&[b"CLIENT", b"NO-EVICT", b"off\0"]), b"+OK\r\n");
    assert_eq!(
        t.raw(&[b"CLIENT", b"NO-EVICT", b"of\0f"]),
        b"-ERR syntax error\r\n"
    );
    assert_eq!(t.raw(&[b"CLIENT", b"REPLY", b"OFF\0"]), b"");
    assert_eq!(t.text(&["PING"]), "");
    assert_eq!(t.raw(&[b"CLIENT", b"REPLY", b"ON\0"]), b"+OK\r\n");
    // SETINFO is 7.2's; its attribute names go through the same strcasecmp.
    assert_eq!(
        t.raw(&[b"CLIENT", b"SETINFO", b"LIB-NAME\0", b"x"]),
        b"+OK\r\n"
    );
}
