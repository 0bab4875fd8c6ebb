//! BZPOPMIN, BZPOPMAX, BZMPOP: argument errors, the non-blocking paths in both protocols,
//! transactions, and parking / waking / re-running driven by hand. Expected bytes are those of
//! redis-server 7.0.15 (identical in 7.2 for these paths).

use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};
use std::sync::Arc;

use shoal_resp::{Args, Proto, ReplyBuf};

use super::*;
use crate::blocking::state;
use crate::client::{Client, ClientHandle, ConnHooks};
use crate::dispatch::{rerun, Flow};

const NOT_FLOAT: &str = "-ERR timeout is not a float or out of range\r\n";

/// RESP2 [key, member, score].
fn kms(key: &str, member: &str, score: &str) -> String {
    bulks(&[key, member, score])
}

#[test]
fn argument_errors() {
    let mut t = abc();
    for cmd in ["BZPOPMIN", "BZPOPMAX"] {
        assert_eq!(t.text(&[cmd, "z", "abc"]), NOT_FLOAT);
        assert_eq!(t.text(&[cmd, "z", ""]), NOT_FLOAT);
        assert_eq!(t.text(&[cmd, "z", "nan"]), NOT_FLOAT);
        assert_eq!(t.text(&[cmd, "z", "-1"]), "-ERR timeout is negative\r\n");
        assert_eq!(
            t.text(&[cmd, "z", "1e100"]),
            "-ERR timeout is out of range\r\n"
        );
        assert_eq!(
            t.text(&[cmd, "z"]),
            format!(
                "-ERR wrong number of arguments for '{}' command\r\n",
                cmd.to_lowercase()
            )
        );
    }
    assert_eq!(
        t.text(&["BZMPOP", "0", "1", "z"]),
        "-ERR wrong number of arguments for 'bzmpop' command\r\n"
    );
    // numkeys, MIN/MAX and COUNT are checked before the timeout.
    assert_eq!(
        t.text(&["BZMPOP", "x", "0", "z", "MIN"]),
        "-ERR numkeys should be greater than 0\r\n"
    );
    assert_eq!(
        t.text(&["BZMPOP", "x", "-1", "z", "MIN"]),
        "-ERR numkeys should be greater than 0\r\n"
    );
    assert_eq!(
        t.text(&["BZMPOP", "x", "y", "z", "MIN"]),
        "-ERR numkeys should be greater than 0\r\n"
    );
    assert_eq!(
        t.text(&["BZMPOP", "x", "1", "z", "MIN", "COUNT", "0"]),
        "-ERR count should be greater than 0\r\n"
    );
    assert_eq!(
        t.text(&["BZMPOP", "x", "1", "z", "MIN", "COUNT", "-3"]),
        "-ERR count should be greater than 0\r\n"
    );
    assert_eq!(t.text(&["BZMPOP", "x", "1", "z", "MIN"]), NOT_FLOAT);
    assert_eq!(
        t.text(&["BZMPOP", "-2", "1", "z", "MIN"]),
        "-ERR timeout is negative\r\n"
    );
    assert_eq!(t.text(&["BZMPOP", "0", "1", "z", "foo"]), SYNTAX);
    assert_eq!(t.text(&["BZMPOP", "0", "1", "z", "MIN", "COUNT"]), SYNTAX);
    assert_eq!(
        t.text(&["BZMPOP", "0", "1", "z", "MIN", "COUNT", "1", "COUNT", "1"]),
        SYNTAX
    );
    assert_eq!(t.text(&["BZMPOP", "0", "3", "z", "y", "MIN"]), SYNTAX);
    // Nothing was popped, and nobody blocked.
    assert_eq!(t.text(&["ZCARD", "z"]), int(3));
    assert!(t.client.parked.is_none());
}

#[test]
fn data_present_resp2() {
    for mut t in [abc(), abc_skiplist()] {
        ok(&mut t, &["ZADD", "z", "1.5", "x"]);
        assert_eq!(t.text(&["BZPOPMIN", "none", "z", "0"]), kms("z", "a", "1"));
        assert_eq!(t.text(&["BZPOPMAX", "z", "none", "0"]), kms("z", "c", "3"));
        assert_eq!(
            t.text(&["BZMPOP", "0", "2", "none", "z", "MIN"]),
            "*2\r\n$1\r\nz\r\n*1\r\n*2\r\n$1\r\nx\r\n$3\r\n1.5\r\n"
        );
        ok(&mut t, &["ZADD", "z", "-7", "m", "inf", "n"]);
        assert_eq!(
            t.text(&["BZMPOP", "0.5", "1", "z", "max", "count", "10"]),
            "*2\r\n$1\r\nz\r\n*3\r\n*2\r\n$1\r\nn\r\n$3\r\ninf\r\n*2\r\n$1\r\nb\r\n$1\r\n2\r\n*2\r\n$1\r\nm\r\n$2\r\n-7\r\n"
        );
        // The last member popped takes the key with it.
        assert_eq!(t.text(&["EXISTS", "z"]), int(0));
        assert!(t.client.parked.is_none());
    }
}

#[test]
fn data_present_resp3() {
    let mut t = resp3();
    ok(
        &mut t,
        &["ZADD", "z", "1.5", "a", "2", "b", "3", "c", "4", "d"],
    );
    assert_eq!(
        t.text(&["BZPOPMIN", "z", "0"]),
        format!("*3\r\n{}{},1.5\r\n", bulk("z"), bulk("a"))
    );
    assert_eq!(
        t.text(&["BZPOPMAX", "none", "z", "0"]),
        format!("*3\r\n{}{},4\r\n", bulk("z"), bulk("d"))
    );
    assert_eq!(
        t.text(&["BZMPOP", "0", "1", "z", "MIN", "COUNT", "5"]),
        format!("*2\r\n{}{}", bulk("z"), pairs3(&[("b", "2"), ("c", "3")]))
    );
}

#[test]
fn a_count_past_the_size_pops_everything_in_order() {
    let mut t = TestServer::new();
    ok(&mut t, &["ZADD", "{t}a", "1", "x"]);
    ok(&mut t, &["ZADD", "{t}b", "1", "p", "1", "q", "0", "r"]);
    assert_eq!(
        t.text(&["BZMPOP", "0", "2", "{t}b", "{t}a", "MIN", "COUNT", "99"]),
        "*2\r\n$4\r\n{t}b\r\n*3\r\n*2\r\n$1\r\nr\r\n$1\r\n0\r\n*2\r\n$1\r\np\r\n$1\r\n1\r\n*2\r\n$1\r\nq\r\n$1\r\n1\r\n"
    );
    assert_eq!(t.text(&["ZCARD", "{t}a"]), int(1));
}

#[test]
fn wrong_type_is_an_error_on_the_first_call() {
    let mut t = TestServer::new();
    ok(&mut t, &["SET", "s", "v"]);
    ok(&mut t, &["ZADD", "z", "1", "a"]);
    assert_eq!(t.text(&["BZPOPMIN", "none", "s", "z", "0"]), WRONGTYPE);
    assert_eq!(t.text(&["BZPOPMAX", "s", "0"]), WRONGTYPE);
    assert_eq!(t.text(&["BZMPOP", "0", "2", "s", "z", "MIN"]), WRONGTYPE);
    // A wrong-typed key after the first sorted set is never looked at.
    assert_eq!(t.text(&["BZPOPMIN", "z", "s", "0"]), kms("z", "a", "1"));
    ok(&mut t, &["RPUSH", "l", "v"]);
    assert_eq!(t.text(&["BZMPOP", "0", "1", "l", "MAX"]), WRONGTYPE);
    assert!(t.client.parked.is_none());
}

#[test]
fn inside_multi_they_answer_as_timed_out() {
    let mut t = TestServer::new();
    ok(&mut t, &["SET", "s", "v"]);
    ok(&mut t, &["MULTI"]);
    for cmd in [
        &["BZPOPMIN", "k", "0"][..],
        &["BZPOPMAX", "k", "j", "10"],
        &["BZMPOP", "0", "1", "k", "MIN"],
        &["BZMPOP", "0", "1", "s", "MIN"],
        &["ZADD", "k", "5", "m"],
        &["BZPOPMAX", "k", "0"],
    ] {
        assert_eq!(t.text(cmd), "+QUEUED\r\n");
    }
    assert_eq!(
        t.text(&["EXEC"]),
        format!(
            "*6\r\n*-1\r\n*-1\r\n*-1\r\n{WRONGTYPE}:1\r\n{}",
            kms("k", "m", "5")
        )
    );
    assert!(t.client.parked.is_none());
    t.text(&["HELLO", "3"]);
    ok(&mut t, &["MULTI"]);
    t.text(&["BZPOPMIN", "k", "0"]);
    t.text(&["BZMPOP", "0", "1", "k", "MAX", "COUNT", "2"]);
    assert_eq!(t.text(&["EXEC"]), "*2\r\n_\r\n_\r\n");
    assert!(t.client.parked.is_none());
}

/// Counts the wake-ups a parked client receives.
#[derive(Default)]
struct Wakes(AtomicUsize);

impl ConnHooks for Wakes {
    fn kill(&self) {}
    fn push(&self, _data: Vec<u8>) -> bool {
        true
    }
    fn wake(&self) {
        self.0.fetch_add(1, Relaxed);
    }
}

/// A second connection whose wake-ups are counted.
fn counted_client(t: &TestServer) -> (Client, Arc<Wakes>) {
    let wakes = Arc::new(Wakes::default());
    let id = t.server.new_client_id();
    let handle = Arc::new(ClientHandle::new(
        id,
        "127.0.0.1:40001".into(),
        "127.0.0.1:6379".into(),
        -1,
        0,
        crate::state::unix_ms(),
        wakes.clone(),
    ));
    t.server.clients.insert(id, handle.clone());
    (Client::new(handle, true), wakes)
}

/// Runs `args` as the client `c` (swapped in for the test's own client).
fn as_client(t: &mut TestServer, c: &mut Client, args: &[&str]) -> String {
    std::mem::swap(&mut t.client, c);
    let r = t.text(args);
    std::mem::swap(&mut t.client, c);
    r
}

/// Re-runs a parked client's command, as its connection does after a wake-up.
fn rerun_as(t: &mut TestServer, c: &mut Client, args: &[&str], proto: Proto) -> (Flow, String) {
    let slices: Vec<&[u8]> = args.iter().map(|a| a.as_bytes()).collect();
    let mut out = ReplyBuf::new(proto);
    let flow = rerun(
        &t.server,
        c,
        &t.server.shards[0],
        &mut out,
        &Args::from_slices(&slices),
        crate::state::unix_ms(),
    );
    (flow, String::from_utf8_lossy(&out.buf).into_owned())
}

fn blocked_clients(t: &mut TestServer) -> String {
    let info = t.text(&["INFO", "clients"]);
    info.lines()
        .find(|l| l.starts_with("blocked_clients:"))
        .unwrap()
        .to_string()
}

#[test]
fn parked_client_waits_past_other_types_and_reruns_like_a_first_call() {
    let mut t = TestServer::new();
    let (mut c, wakes) = counted_client(&t);
    let cmd = ["BZPOPMIN", "a", "b", "0.5"];
    let before = crate::state::unix_ms();
    assert_eq!(as_client(&mut t, &mut c, &cmd), "");
    let p = c.parked.as_ref().expect("parked");
    assert_eq!(p.keys.len(), 2);
    let deadline = p.deadline_ms.expect("a deadline");
    assert!((before + 500..=crate::state::unix_ms() + 500).contains(&deadline));
    assert_eq!(c.handle.block_state.load(Relaxed), state::BLOCKED);
    assert_eq!(blocked_clients(&mut t), "blocked_clients:1");

    // A list pushed on a waited key wakes the client; it finds no sorted set and stays.
    ok(&mut t, &["RPUSH", "a", "x"]);
    assert_eq!(wakes.0.load(Relaxed), 1);
    assert_eq!(
        rerun_as(&mut t, &mut c, &cmd, Proto::Resp2),
        (Flow::Block, String::new())
    );
    assert!(c.parked.is_some());
    // A ZADD on the other key wakes it for real; like Redis 7.2's re-execution, the command
    // then runs as a first call and the list before the sorted set is WRONGTYPE.
    ok(&mut t, &["ZADD", "b", "2", "m", "1", "n"]);
    assert_eq!(wakes.0.load(Relaxed), 2);
    assert_eq!(
        rerun_as(&mut t, &mut c, &cmd, Proto::Resp2),
        (Flow::Continue, WRONGTYPE.to_string())
    );
    assert!(c.parked.is_none());
    assert_eq!(c.handle.block_state.load(Relaxed), state::NONE);
    assert_eq!(blocked_clients(&mut t), "blocked_clients:0");
    assert_eq!(t.text(&["ZCARD", "b"]), int(2));
    for k in [&b"a"[..], b"b"] {
        let slot = t.server.keyspace.lock(shoal_util::key_slot(k));
        assert!(slot.blocked.is_none());
    }
}

#[test]
fn every_zset_creating_write_wakes_a_waiter() {
    let writes: &[&[&str]] = &[
        &["ZADD", "{w}k", "1", "a"],
        &["ZINCRBY", "{w}k", "2", "a"],
        &["ZUNIONSTORE", "{w}k", "1", "{w}src"],
        &["ZINTERSTORE", "{w}k", "1", "{w}src"],
        &["ZDIFFSTORE", "{w}k", "1", "{w}src"],
        &["ZRANGESTORE", "{w}k", "{w}src", "0", "-1"],
        &["RENAME", "{w}src", "{w}k"],
        &["COPY", "{w}src", "{w}k"],
    ];
    for write in writes {
        let mut t = TestServer::new();
        ok(&mut t, &["ZADD", "{w}src", "3", "s"]);
        let (mut c, wakes) = counted_client(&t);
        let cmd = ["BZMPOP", "0", "1", "{w}k", "MAX", "COUNT", "3"];
        assert_eq!(as_client(&mut t, &mut c, &cmd), "");
        ok(&mut t, write);
        assert_eq!(wakes.0.load(Relaxed), 1, "{write:?}");
        let (flow, reply) = rerun_as(&mut t, &mut c, &cmd, Proto::Resp3);
        assert_eq!(flow, Flow::Continue, "{write:?}");
        assert!(
            reply.starts_with("*2\r\n$4\r\n{w}k\r\n*1\r\n*2\r\n"),
            "{write:?}: {reply}"
        );
        assert!(c.parked.is_none());
    }
}

#[test]
fn writes_that_leave_no_zset_do_not_serve() {
    let mut t = TestServer::new();
    let (mut c, wakes) = counted_client(&t);
    let cmd = ["BZPOPMAX", "k", "0"];
    assert_eq!(as_client(&mut t, &mut c, &cmd), "");
    // ZREM/ZPOPMIN on a missing key change nothing: no wake.
    ok(&mut t, &["ZREM", "k", "a"]);
    ok(&mut t, &["ZPOPMIN", "k"]);
    assert_eq!(wakes.0.load(Relaxed), 0);
    // A string: woken, finds the wrong type, waits on.
    ok(&mut t, &["SET", "k", "v"]);
    assert_eq!(wakes.0.load(Relaxed), 1);
    assert_eq!(rerun_as(&mut t, &mut c, &cmd, Proto::Resp2).0, Flow::Block);
    ok(&mut t, &["DEL", "k"]);
    ok(&mut t, &["ZADD", "k", "1", "a", "9", "z"]);
    assert_eq!(
        rerun_as(&mut t, &mut c, &cmd, Proto::Resp3),
        (
            Flow::Continue,
            format!("*3\r\n{}{},9\r\n", bulk("k"), bulk("z"))
        )
    );
}

#[test]
fn fifo_between_two_waiters() {
    let mut t = TestServer::new();
    let (mut first, w1) = counted_client(&t);
    let (mut second, w2) = counted_client(&t);
    let cmd = ["BZPOPMIN", "q", "0"];
    assert_eq!(as_client(&mut t, &mut first, &cmd), "");
    assert_eq!(as_client(&mut t, &mut second, &cmd), "");
    assert_eq!(blocked_clients(&mut t), "blocked_clients:2");
    ok(&mut t, &["ZADD", "q", "1", "a", "2", "b"]);
    // Only the longest waiter is woken by the write ...
    assert_eq!((w1.0.load(Relaxed), w2.0.load(Relaxed)), (1, 0));
    assert_eq!(
        rerun_as(&mut t, &mut first, &cmd, Proto::Resp2),
        (Flow::Continue, kms("q", "a", "1"))
    );
    // ... and its pop, leaving a member, wakes the next one (leaving its queue may signal the
    // same waiter again; the connection's notify coalesces that).
    assert!(w2.0.load(Relaxed) >= 1);
    assert_eq!(
        rerun_as(&mut t, &mut second, &cmd, Proto::Resp2),
        (Flow::Continue, kms("q", "b", "2"))
    );
    assert_eq!(blocked_clients(&mut t), "blocked_clients:0");
}

#[test]
fn client_unblock_and_leaving() {
    let mut t = TestServer::new();
    let (mut c, _) = counted_client(&t);
    let id = c.id.to_string();
    assert_eq!(
        as_client(&mut t, &mut c, &["BZMPOP", "0", "1", "k", "MIN"]),
        ""
    );
    assert_eq!(t.text(&["CLIENT", "UNBLOCK", &id, "TIMEOUT"]), ":1\r\n");
    assert_eq!(c.handle.block_state.load(Relaxed), state::UNBLOCK_TIMEOUT);
    assert_eq!(t.text(&["CLIENT", "UNBLOCK", &id]), ":0\r\n");
    crate::blocking::leave(&t.server, &mut c);
    assert!(c.parked.is_none());
    assert_eq!(blocked_clients(&mut t), "blocked_clients:0");
    let slot = t.server.keyspace.lock(shoal_util::key_slot(b"k"));
    assert!(slot.blocked.is_none());
}

#[test]
fn a_rerun_does_not_jump_the_queue_of_another_key() {
    let mut t = TestServer::new();
    let (mut b, wb) = counted_client(&t);
    let (mut a, wa) = counted_client(&t);
    let b_cmd = ["BZPOPMIN", "k0", "0"];
    let a_cmd = ["BZMPOP", "0", "2", "k0", "k1", "MIN"];
    assert_eq!(as_client(&mut t, &mut b, &b_cmd), "");
    assert_eq!(as_client(&mut t, &mut a, &a_cmd), "");
    ok(&mut t, &["ZADD", "k0", "1", "x"]);
    ok(&mut t, &["ZADD", "k1", "2", "y"]);
    assert_eq!((wb.0.load(Relaxed), wa.0.load(Relaxed)), (1, 1));
    // a, woken for k1, re-runs before b: k0 comes first in its command, but b heads k0's
    // queue, so a takes k1's member.
    assert_eq!(
        rerun_as(&mut t, &mut a, &a_cmd, Proto::Resp2),
        (
            Flow::Continue,
            "*2\r\n$2\r\nk1\r\n*1\r\n*2\r\n$1\r\ny\r\n$1\r\n2\r\n".to_string()
        )
    );
    assert_eq!(
        rerun_as(&mut t, &mut b, &b_cmd, Proto::Resp2),
        (Flow::Continue, kms("k0", "x", "1"))
    );
    // A first call does not queue: it takes what is there.
    let (mut c, _) = counted_client(&t);
    assert_eq!(as_client(&mut t, &mut c, &["BZPOPMAX", "k2", "0"]), "");
    ok(&mut t, &["ZADD", "k2", "3", "z"]);
    assert_eq!(t.text(&["BZPOPMAX", "k2", "0"]), kms("k2", "z", "3"));
    assert_eq!(
        rerun_as(&mut t, &mut c, &["BZPOPMAX", "k2", "0"], Proto::Resp2).0,
        Flow::Block
    );
}
