//! BLPOP & co. through `TestServer`: argument errors, the non-blocking paths, and parking /
//! re-running driven by hand (the socket-level behaviour is in crates/server/tests/blocking.rs).

use shoal_resp::{Args, ReplyBuf};

use crate::blocking::{parse_timeout, state};
use crate::dispatch::{rerun, Flow};
use crate::testing::TestServer;

const NOT_FLOAT: &str = "-ERR timeout is not a float or out of range\r\n";

#[test]
fn timeout_parsing() {
    assert_eq!(parse_timeout(b"0", 1000), Ok(None));
    assert_eq!(parse_timeout(b"0.0", 1000), Ok(None));
    assert_eq!(parse_timeout(b"1", 1000), Ok(Some(2000)));
    assert_eq!(parse_timeout(b"0.1", 1000), Ok(Some(1100)));
    // Rounded up to the millisecond, like Redis.
    assert_eq!(parse_timeout(b"0.0001", 1000), Ok(Some(1001)));
    assert_eq!(parse_timeout(b"1e-3", 0), Ok(Some(1)));
    // Rounds up to -0 ms: no error, waits forever (as Redis does).
    assert_eq!(parse_timeout(b"-0.0001", 1000), Ok(None));
    for bad in ["", " 1", "1 ", "abc", "nan", "1x"] {
        assert_eq!(
            parse_timeout(bad.as_bytes(), 0).unwrap_err().text(),
            "ERR timeout is not a float or out of range",
            "{bad:?}"
        );
    }
    assert_eq!(
        parse_timeout(b"-1", 0).unwrap_err().text(),
        "ERR timeout is negative"
    );
    // Past f64's range, within a long double's (what Redis parses): a 1 ms timeout, or for
    // a negative one 0 (for ever); "out of range" / "negative" for the huge ones.
    assert_eq!(parse_timeout(b"1e-400", 1000), Ok(Some(1001)));
    assert_eq!(parse_timeout(b"0.000e-3000001", 1000), Ok(None));
    assert_eq!(parse_timeout(b"-1e-400", 1000), Ok(None));
    assert_eq!(
        parse_timeout(b"1e4000", 0).unwrap_err().text(),
        "ERR timeout is out of range"
    );
    // strtold reads hex floats (0x10 is 16 s) and numbers past a double's range.
    assert_eq!(parse_timeout(b"0x10", 0), Ok(Some(16_000)));
    assert_eq!(parse_timeout(b"0x0.01", 0), Ok(Some(4)));
    // Below a double's range: still 1 ms (ceil in long double), or 0 when negative.
    assert_eq!(parse_timeout(b"0x1p-2000", 1000), Ok(Some(1001)));
    assert_eq!(parse_timeout(b"-0x1p-2000", 1000), Ok(None));
    assert_eq!(
        parse_timeout(b"-inf", 0).unwrap_err().text(),
        "ERR timeout is negative"
    );
    assert_eq!(
        parse_timeout(b"-1e400", 0).unwrap_err().text(),
        "ERR timeout is negative"
    );
    // Beyond a long double too: strtold reports ERANGE.
    for bad in [
        "1e5000",
        "-1e5000",
        "1e-5000",
        "0.001e-4950",
        "1e99999999999999999999",
        "0x1p-20000",
    ] {
        assert_eq!(
            parse_timeout(bad.as_bytes(), 0).unwrap_err().text(),
            "ERR timeout is not a float or out of range",
            "{bad}"
        );
    }
    for big in ["1e100", "inf", "9223372036854775.807", "1e400", "+INF"] {
        assert_eq!(
            parse_timeout(big.as_bytes(), 1000).unwrap_err().text(),
            "ERR timeout is out of range",
            "{big}"
        );
    }
}

#[test]
fn argument_errors() {
    let mut t = TestServer::new();
    assert_eq!(t.text(&["BLPOP", "k", "abc"]), NOT_FLOAT);
    assert_eq!(
        t.text(&["BRPOP", "k", "-1"]),
        "-ERR timeout is negative\r\n"
    );
    assert_eq!(
        t.text(&["BLPOP", "k"]),
        "-ERR wrong number of arguments for 'blpop' command\r\n"
    );
    assert_eq!(
        t.text(&["BLMOVE", "a", "b", "up", "left", "abc"]),
        "-ERR syntax error\r\n"
    );
    assert_eq!(
        t.text(&["BLMOVE", "a", "b", "left", "left", "abc"]),
        NOT_FLOAT
    );
    assert_eq!(t.text(&["BRPOPLPUSH", "a", "b", "x"]), NOT_FLOAT);
    assert_eq!(
        t.text(&["BLMPOP", "abc", "0", "k", "left"]),
        "-ERR numkeys should be greater than 0\r\n"
    );
    assert_eq!(
        t.text(&["BLMPOP", "0.01", "2", "x", "y", "right", "count", "0"]),
        "-ERR count should be greater than 0\r\n"
    );
    assert_eq!(t.text(&["BLMPOP", "x", "2", "x", "y", "right"]), NOT_FLOAT);
    assert_eq!(
        t.text(&["BLMPOP", "0", "2", "x", "y", "up"]),
        "-ERR syntax error\r\n"
    );
    assert_eq!(
        t.text(&["BLMPOP", "0", "5", "x", "y", "left"]),
        "-ERR syntax error\r\n"
    );
    assert!(t.client.parked.is_none());
}

#[test]
fn data_present_answers_at_once() {
    let mut t = TestServer::new();
    t.text(&["RPUSH", "k", "a", "b", "c"]);
    assert_eq!(
        t.text(&["BLPOP", "missing", "k", "0"]),
        "*2\r\n$1\r\nk\r\n$1\r\na\r\n"
    );
    assert_eq!(t.text(&["BRPOP", "k", "0"]), "*2\r\n$1\r\nk\r\n$1\r\nc\r\n");
    assert_eq!(
        t.text(&["BLMOVE", "k", "d", "LEFT", "RIGHT", "0"]),
        "$1\r\nb\r\n"
    );
    assert_eq!(t.text(&["EXISTS", "k"]), ":0\r\n");
    t.text(&["RPUSH", "k", "x", "y", "z"]);
    assert_eq!(t.text(&["BRPOPLPUSH", "k", "d", "0"]), "$1\r\nz\r\n");
    assert_eq!(
        t.text(&["BLMPOP", "0", "2", "none", "k", "LEFT", "COUNT", "5"]),
        "*2\r\n$1\r\nk\r\n*2\r\n$1\r\nx\r\n$1\r\ny\r\n"
    );
    assert_eq!(
        t.text(&["LRANGE", "d", "0", "-1"]),
        "*2\r\n$1\r\nz\r\n$1\r\nb\r\n"
    );
    assert!(t.client.parked.is_none());
}

#[test]
fn wrong_type_is_an_error_on_the_first_call() {
    let mut t = TestServer::new();
    t.text(&["SET", "s", "v"]);
    let wt = "-WRONGTYPE Operation against a key holding the wrong kind of value\r\n";
    assert_eq!(t.text(&["BLPOP", "missing", "s", "0"]), wt);
    assert_eq!(t.text(&["BLMOVE", "s", "d", "LEFT", "LEFT", "0"]), wt);
    t.text(&["RPUSH", "l", "v"]);
    assert_eq!(t.text(&["BLMOVE", "l", "s", "LEFT", "LEFT", "0"]), wt);
    assert_eq!(t.text(&["BLMPOP", "0", "1", "s", "LEFT"]), wt);
    assert_eq!(t.text(&["LLEN", "l"]), ":1\r\n");
}

#[test]
fn inside_multi_they_answer_as_timed_out() {
    let mut t = TestServer::new();
    t.text(&["MULTI"]);
    for cmd in [
        &["BLPOP", "k", "0"][..],
        &["BRPOP", "k", "0"],
        &["BLMOVE", "k", "d", "LEFT", "LEFT", "0"],
        &["BRPOPLPUSH", "k", "d", "0"],
        &["BLMPOP", "0", "1", "k", "LEFT"],
    ] {
        assert_eq!(t.text(cmd), "+QUEUED\r\n");
    }
    assert_eq!(
        t.text(&["EXEC"]),
        "*5\r\n*-1\r\n*-1\r\n$-1\r\n$-1\r\n*-1\r\n"
    );
    assert!(t.client.parked.is_none());
    t.text(&["HELLO", "3"]);
    t.text(&["MULTI"]);
    t.text(&["BLPOP", "k", "0"]);
    t.text(&["BLMOVE", "k", "d", "LEFT", "LEFT", "0"]);
    assert_eq!(t.text(&["EXEC"]), "*2\r\n_\r\n_\r\n");
}

fn rerun_text(t: &mut TestServer, args: &[&str]) -> (Flow, String) {
    let slices: Vec<&[u8]> = args.iter().map(|a| a.as_bytes()).collect();
    let mut out = ReplyBuf::new(shoal_resp::Proto::Resp2);
    let flow = rerun(
        &t.server,
        &mut t.client,
        &t.server.shards[0],
        &mut out,
        &Args::from_slices(&slices),
        shoal_commands_now(),
    );
    (flow, String::from_utf8_lossy(&out.buf).into_owned())
}

fn shoal_commands_now() -> u64 {
    crate::state::unix_ms()
}

fn blocked_clients(t: &mut TestServer) -> String {
    let info = t.text(&["INFO", "clients"]);
    info.lines()
        .find(|l| l.starts_with("blocked_clients:"))
        .unwrap()
        .to_string()
}

#[test]
fn parking_rerun_and_leaving() {
    let mut t = TestServer::new();
    let blpop = ["BLPOP", "a", "b", "0"];
    assert_eq!(t.text(&blpop), "");
    let p = t.client.parked.as_ref().unwrap();
    assert_eq!(p.keys.len(), 2);
    assert_eq!(p.deadline_ms, None);
    assert_eq!(
        t.client
            .handle
            .block_state
            .load(std::sync::atomic::Ordering::Relaxed),
        state::BLOCKED
    );
    let mut other = TestServer::new_client(&t.server);
    assert_eq!(blocked_clients(&mut t), "blocked_clients:1");
    let id = t.client.id;
    std::mem::swap(&mut t.client, &mut other);
    let list = t.text(&["CLIENT", "LIST", "ID", &id.to_string()]);
    std::mem::swap(&mut t.client, &mut other);
    assert!(list.contains(" flags=b "), "{list}");
    // A woken client that finds nothing stays parked, in its place.
    let (flow, text) = rerun_text(&mut t, &blpop);
    assert_eq!((flow, text.as_str()), (Flow::Block, ""));
    // A wrong type does not end the wait of a parked client.
    std::mem::swap(&mut t.client, &mut other);
    t.text(&["SET", "a", "s"]);
    std::mem::swap(&mut t.client, &mut other);
    let (flow, _) = rerun_text(&mut t, &blpop);
    assert_eq!(flow, Flow::Block);
    // ... until a list lands on one of its keys: then, as Redis 7.2 re-executes the command,
    // it runs like a first call and the string before the list answers WRONGTYPE.
    std::mem::swap(&mut t.client, &mut other);
    t.text(&["RPUSH", "b", "v"]);
    std::mem::swap(&mut t.client, &mut other);
    let (flow, text) = rerun_text(&mut t, &blpop);
    assert_eq!(flow, Flow::Continue);
    assert_eq!(
        text,
        "-WRONGTYPE Operation against a key holding the wrong kind of value\r\n"
    );
    assert!(t.client.parked.is_none());
    assert_eq!(blocked_clients(&mut t), "blocked_clients:0");
    // Every wait table was dropped with the last waiter.
    for k in [&b"a"[..], b"b"] {
        let slot = t.server.keyspace.lock(shoal_util::key_slot(k));
        assert!(slot.blocked.is_none());
    }
}

#[test]
fn client_unblock_replies() {
    let mut t = TestServer::new();
    assert_eq!(t.text(&["CLIENT", "UNBLOCK", "12345"]), ":0\r\n");
    assert_eq!(
        t.text(&["CLIENT", "UNBLOCK", "abc"]),
        "-ERR value is not an integer or out of range\r\n"
    );
    assert_eq!(
        t.text(&["CLIENT", "UNBLOCK", "1", "foo"]),
        "-ERR CLIENT UNBLOCK reason should be TIMEOUT or ERROR\r\n"
    );
    assert_eq!(
        t.text(&["CLIENT", "UNBLOCK", "1", "timeout", "x"]),
        "-ERR unknown subcommand or wrong number of arguments for 'UNBLOCK'. Try CLIENT HELP.\r\n"
    );
    let mut blocked = TestServer::new_client(&t.server);
    let id = blocked.id.to_string();
    std::mem::swap(&mut t.client, &mut blocked);
    assert_eq!(t.text(&["BLPOP", "k", "0"]), "");
    std::mem::swap(&mut t.client, &mut blocked);
    assert_eq!(t.text(&["CLIENT", "UNBLOCK", &id, "ERROR"]), ":1\r\n");
    assert_eq!(
        blocked
            .handle
            .block_state
            .load(std::sync::atomic::Ordering::Relaxed),
        state::UNBLOCK_ERROR
    );
    // Asked once already: a second request finds it no longer waiting.
    assert_eq!(t.text(&["CLIENT", "UNBLOCK", &id]), ":0\r\n");
    crate::blocking::leave(&t.server, &mut blocked);
    assert!(blocked.parked.is_none());
}

#[test]
fn rerun_waits_for_a_list_then_runs_as_a_first_call() {
    let wt = "-WRONGTYPE Operation against a key holding the wrong kind of value\r\n";
    for (cmd, want) in [
        (
            &["BLMPOP", "0", "2", "a", "b", "LEFT"][..],
            "*2\r\n$1\r\na\r\n*1\r\n$1\r\nx\r\n",
        ),
        (&["BLMOVE", "a", "d", "LEFT", "LEFT", "0"][..], wt),
    ] {
        let mut t = TestServer::new();
        assert_eq!(t.text(cmd), "");
        let mut other = TestServer::new_client(&t.server);
        std::mem::swap(&mut t.client, &mut other);
        t.text(&["SET", "d", "s"]);
        t.text(&["SET", "b", "s"]);
        std::mem::swap(&mut t.client, &mut other);
        // Strings on its keys: the re-run finds no list and keeps waiting.
        assert_eq!(rerun_text(&mut t, cmd), (Flow::Block, String::new()));
        std::mem::swap(&mut t.client, &mut other);
        t.text(&["RPUSH", "a", "x"]);
        std::mem::swap(&mut t.client, &mut other);
        // BLMPOP pops from the first key, a; BLMOVE's destination d is a string.
        assert_eq!(
            rerun_text(&mut t, cmd),
            (Flow::Continue, want.to_string()),
            "{cmd:?}"
        );
        assert!(t.client.parked.is_none());
    }
}
