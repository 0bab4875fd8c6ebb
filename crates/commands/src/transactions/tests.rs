use crate::testing::TestServer;

fn texts(t: &mut TestServer, cmds: &[&[&str]]) -> Vec<String> {
    cmds.iter().map(|c| t.text(c)).collect()
}

#[test]
fn queued_commands_run_at_exec_with_their_replies() {
    let mut t = TestServer::new();
    t.text(&["SET", "b", "x"]);
    let got = texts(
        &mut t,
        &[
            &["MULTI"],
            &["INCR", "a"],
            &["SET", "{x}1", "v"],
            &["MSET", "k1", "1", "k2", "2", "k3", "3"],
            &["INCR", "b"],
            &["EXEC"],
        ],
    );
    assert_eq!(got[0], "+OK\r\n");
    assert!(got[1..5].iter().all(|r| r == "+QUEUED\r\n"));
    assert_eq!(
        got[5],
        "*4\r\n:1\r\n+OK\r\n+OK\r\n-ERR value is not an integer or out of range\r\n"
    );
    assert_eq!(
        t.text(&["MGET", "k1", "k3"]),
        "*2\r\n$1\r\n1\r\n$1\r\n3\r\n"
    );
}

#[test]
fn errors_while_queueing_abort_the_transaction() {
    let mut t = TestServer::new();
    assert_eq!(t.text(&["MULTI"]), "+OK\r\n");
    assert_eq!(t.text(&["SET", "a", "1"]), "+QUEUED\r\n");
    assert!(t.text(&["FOO"]).starts_with("-ERR unknown command 'FOO'"));
    assert_eq!(
        t.text(&["SET", "a"]),
        "-ERR wrong number of arguments for 'set' command\r\n"
    );
    assert_eq!(
        t.text(&["EXEC"]),
        "-EXECABORT Transaction discarded because of previous errors.\r\n"
    );
    assert_eq!(t.text(&["GET", "a"]), "$-1\r\n");
    assert_eq!(t.text(&["EXEC"]), "-ERR EXEC without MULTI\r\n");
    assert_eq!(t.text(&["DISCARD"]), "-ERR DISCARD without MULTI\r\n");
}

#[test]
fn nested_multi_and_watch_inside_multi_are_refused_without_aborting() {
    let mut t = TestServer::new();
    t.text(&["MULTI"]);
    assert_eq!(t.text(&["MULTI"]), "-ERR MULTI calls can not be nested\r\n");
    assert_eq!(
        t.text(&["WATCH", "x"]),
        "-ERR WATCH inside MULTI is not allowed\r\n"
    );
    t.text(&["SET", "a", "1"]);
    assert_eq!(t.text(&["EXEC"]), "*1\r\n+OK\r\n");
}

#[test]
fn discard_drops_the_queue() {
    let mut t = TestServer::new();
    t.text(&["MULTI"]);
    t.text(&["SET", "a", "1"]);
    assert_eq!(t.text(&["DISCARD"]), "+OK\r\n");
    assert_eq!(t.text(&["GET", "a"]), "$-1\r\n");
}

#[test]
fn watch_aborts_exec_after_another_client_writes() {
    let mut t = TestServer::new();
    let mut other = TestServer::new_client(&t.server);
    t.text(&["SET", "w", "1"]);
    assert_eq!(t.text(&["WATCH", "w", "x"]), "+OK\r\n");
    // A write by someone else to a watched key.
    let args: [&[u8]; 3] = [b"SET", b"w", b"2"];
    std::mem::swap(&mut t.client, &mut other);
    t.raw(&args);
    std::mem::swap(&mut t.client, &mut other);
    t.text(&["MULTI"]);
    t.text(&["SET", "a", "1"]);
    assert_eq!(t.text(&["EXEC"]), "*-1\r\n");
    assert_eq!(t.text(&["GET", "a"]), "$-1\r\n");
    // EXEC forgot the watch: the next transaction runs.
    t.text(&["MULTI"]);
    t.text(&["SET", "a", "1"]);
    assert_eq!(t.text(&["EXEC"]), "*1\r\n+OK\r\n");
}

#[test]
fn watch_survives_a_failed_conditional_write_and_unwatch_clears() {
    let mut t = TestServer::new();
    t.text(&["SET", "w", "1"]);
    t.text(&["WATCH", "w"]);
    // SET NX on an existing key changes nothing, so the watch holds.
    t.text(&["SET", "w", "9", "NX"]);
    t.text(&["MULTI"]);
    t.text(&["GET", "w"]);
    assert_eq!(t.text(&["EXEC"]), "*1\r\n$1\r\n1\r\n");
    t.text(&["WATCH", "w"]);
    t.text(&["SET", "w", "2"]);
    assert_eq!(t.text(&["UNWATCH"]), "+OK\r\n");
    t.text(&["MULTI"]);
    t.text(&["GET", "w"]);
    assert_eq!(t.text(&["EXEC"]), "*1\r\n$1\r\n2\r\n");
}

#[test]
fn flushall_breaks_watches_and_keyless_commands_run_inside_exec() {
    let mut t = TestServer::new();
    t.text(&["SET", "w", "1"]);
    t.text(&["WATCH", "w"]);
    t.text(&["FLUSHALL"]);
    t.text(&["MULTI"]);
    t.text(&["PING"]);
    assert_eq!(t.text(&["EXEC"]), "*-1\r\n");
    t.text(&["MULTI"]);
    t.text(&["SET", "a", "1"]);
    t.text(&["DBSIZE"]);
    t.text(&["KEYS", "*"]);
    t.text(&["FLUSHDB"]);
    t.text(&["DBSIZE"]);
    assert_eq!(
        t.text(&["EXEC"]),
        "*5\r\n+OK\r\n:1\r\n*1\r\n$1\r\na\r\n+OK\r\n:0\r\n"
    );
}

#[test]
fn select_inside_multi_applies_to_later_commands() {
    let mut t = TestServer::new();
    t.text(&["MULTI"]);
    t.text(&["SELECT", "1"]);
    t.text(&["SET", "a", "db1"]);
    assert_eq!(t.text(&["EXEC"]), "*2\r\n+OK\r\n+OK\r\n");
    assert_eq!(t.text(&["GET", "a"]), "$3\r\ndb1\r\n");
    t.text(&["SELECT", "0"]);
    assert_eq!(t.text(&["GET", "a"]), "$-1\r\n");
}

#[test]
fn watching_an_expiring_key_aborts_when_it_expires() {
    let mut t = TestServer::new();
    t.text(&["SET", "w", "1", "PX", "50"]);
    t.text(&["WATCH", "w"]);
    t.clock_offset_ms = 1000;
    t.text(&["MULTI"]);
    t.text(&["PING"]);
    assert_eq!(t.text(&["EXEC"]), "*-1\r\n");
}
