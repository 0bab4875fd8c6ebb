use std::sync::Arc;

use parking_lot::Mutex;
use shoal_resp::Value;

use crate::state::{unix_ms, ShutdownMode};
use crate::testing::TestServer;

#[test]
fn time_is_seconds_and_microseconds_as_bulk_strings() {
    let mut t = TestServer::new();
    let Value::Array(parts) = t.run(&["TIME"]) else {
        panic!("TIME replies an array");
    };
    let num = |v: &Value| match v {
        Value::Bulk(b) => std::str::from_utf8(b).unwrap().parse::<u64>().unwrap(),
        other => panic!("{other:?}"),
    };
    assert_eq!(parts.len(), 2);
    assert!(num(&parts[0]).abs_diff(unix_ms() / 1000) <= 2);
    assert!(num(&parts[1]) < 1_000_000);
    assert_eq!(
        t.text(&["TIME", "x"]),
        "-ERR wrong number of arguments for 'time' command\r\n"
    );
}

#[test]
fn lastsave_is_the_start_time_until_there_is_persistence() {
    let mut t = TestServer::new();
    assert_eq!(
        t.text(&["LASTSAVE"]),
        format!(":{}\r\n", t.server.started_unix_ms / 1000)
    );
    assert_eq!(
        t.text(&["lastsave", "x"]),
        "-ERR wrong number of arguments for 'lastsave' command\r\n"
    );
}

fn with_hook() -> (TestServer, Arc<Mutex<Vec<ShutdownMode>>>) {
    let t = TestServer::new();
    let seen = Arc::new(Mutex::new(Vec::new()));
    let s = seen.clone();
    *t.server.shutdown_hook.lock() = Some(Box::new(move |m| s.lock().push(m)));
    (t, seen)
}

#[test]
fn shutdown_replies_nothing_and_closes_the_connection() {
    for (args, mode) in [
        (&["SHUTDOWN"][..], ShutdownMode::Default),
        (&["shutdown", "nosave"][..], ShutdownMode::NoSave),
        (
            &["SHUTDOWN", "SAVE", "NOW", "FORCE"][..],
            ShutdownMode::Save,
        ),
        (&["SHUTDOWN", "now", "force"][..], ShutdownMode::Default),
    ] {
        let (mut t, seen) = with_hook();
        assert_eq!(t.text(args), "", "{args:?}");
        assert!(t.client.close_after_reply);
        assert_eq!(*seen.lock(), [mode]);
    }
}

#[test]
fn shutdown_errors() {
    let (mut t, seen) = with_hook();
    assert_eq!(
        t.text(&["SHUTDOWN", "ABORT"]),
        "-ERR No shutdown in progress.\r\n"
    );
    for args in [
        &["SHUTDOWN", "ABORT", "NOW"][..],
        &["SHUTDOWN", "SAVE", "NOSAVE"][..],
        &["SHUTDOWN", "bla"][..],
        &["SHUTDOWN", "NOSAVE", "ABORT"][..],
    ] {
        assert_eq!(t.text(args), "-ERR syntax error\r\n", "{args:?}");
    }
    assert!(seen.lock().is_empty());
    assert!(!t.client.close_after_reply);
}

#[test]
fn shutdown_without_a_way_to_stop_fails() {
    let mut t = TestServer::new();
    assert_eq!(
        t.text(&["SHUTDOWN", "NOSAVE"]),
        "-ERR Errors trying to SHUTDOWN. Check logs.\r\n"
    );
    assert!(!t.client.close_after_reply);
}

#[test]
fn shutdown_words_end_at_a_nul_byte() {
    // Bytes from redis-server 7.0, whose strcasecmp stops at the first NUL.
    let (mut t, seen) = with_hook();
    assert_eq!(
        t.raw(&[b"SHUTDOWN", b"ABORT\0"]),
        b"-ERR No shutdown in progress.\r\n"
    );
    assert_eq!(
        t.raw(&[b"SHUTDOWN", b"NOSAVE\0", b"ABORT"]),
        b"-ERR syntax error\r\n"
    );
    assert_eq!(
        t.raw(&[b"SHUTDOWN", b"SAVE\0", b"NOSAVE"]),
        b"-ERR syntax error\r\n"
    );
    assert_eq!(t.raw(&[b"SHUTDOWN", b"ABOR\0T"]), b"-ERR syntax error\r\n");
    assert!(seen.lock().is_empty());
    assert_eq!(t.raw(&[b"SHUTDOWN", b"nosave\0x", b"NOW\0"]), b"");
    assert_eq!(*seen.lock(), [ShutdownMode::NoSave]);
}
