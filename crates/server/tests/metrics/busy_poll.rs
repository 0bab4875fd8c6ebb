//! Busy polling (`busy-poll-us`): a thread that serves reads close together polls for the
//! window after the last one, counts that time, and sleeps once the traffic stops.

use std::time::Duration;

use crate::support::{self, Reply, Resp};

const FAMILY: &str = "shoal_shard_busy_poll_seconds_total";

/// Request after request on one connection: each read comes well within the window.
fn ping_pong(c: &mut Resp) {
    for _ in 0..200 {
        assert_eq!(c.cmd(&["PING"]), Reply::Simple("PONG".into()));
    }
}

#[test]
fn dense_traffic_polls_and_the_thread_sleeps_when_it_stops() {
    let s = support::start_with(&["--busy-poll-us", "20000"]);
    let mut c = Resp::connect(s.port);
    ping_pong(&mut c);
    // Ten windows: the poller has found nothing for a whole window and gone to sleep.
    std::thread::sleep(Duration::from_millis(200));
    let polled = support::scrape(&s).sum(FAMILY);
    // At least the window after the last PING, spent polling for nothing.
    assert!(polled >= 0.015, "{polled}");
    std::thread::sleep(Duration::from_millis(200));
    assert_eq!(support::scrape(&s).sum(FAMILY), polled, "still polling");
}

#[test]
fn zero_turns_polling_off_also_at_runtime() {
    let s = support::start_with(&["--busy-poll-us", "20000"]);
    let mut c = Resp::connect(s.port);
    assert_eq!(
        c.cmd(&["CONFIG", "SET", "busy-poll-us", "0"]),
        Reply::Simple("OK".into())
    );
    ping_pong(&mut c);
    std::thread::sleep(Duration::from_millis(100));
    assert_eq!(support::scrape(&s).sum(FAMILY), 0.0);
}

#[test]
fn sparse_traffic_does_not_poll() {
    let s = support::start_with(&["--busy-poll-us", "1000"]);
    let mut c = Resp::connect(s.port);
    for _ in 0..5 {
        // Each request after a sleep of 20 windows.
        std::thread::sleep(Duration::from_millis(20));
        assert_eq!(c.cmd(&["PING"]), Reply::Simple("PONG".into()));
    }
    assert_eq!(support::scrape(&s).sum(FAMILY), 0.0);
}
