//! Busy polling (`busy-poll-us`): a busy thread that serves reads close together polls for
//! the window after the last one, counts that time, and sleeps once the traffic stops.

use std::time::{Duration, Instant};

use crate::support::{self, Reply, Resp};

const FAMILY: &str = "shoal_shard_busy_poll_seconds_total";

/// Request after request on one connection: each read comes well within the window.
fn ping_pong(c: &mut Resp) {
    for _ in 0..200 {
        assert_eq!(c.cmd(&["PING"]), Reply::Simple("PONG".into()));
    }
}

/// Pipelines of PINGs on one connection until its shard thread has polled (it polls only
/// once a sampling period found it working a quarter of the time); the amount polled.
fn load_until_polled(s: &shoal_server::Running, c: &mut Resp) -> f64 {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        for _ in 0..20 {
            let replies = c.pipeline(&["PING"], 200);
            assert!(replies.iter().all(|r| *r == Reply::Simple("PONG".into())));
        }
        let polled = support::scrape(s).sum(FAMILY);
        if polled > 0.0 {
            return polled;
        }
        assert!(
            Instant::now() < deadline,
            "a busy shard thread never polled"
        );
    }
}

#[test]
fn a_busy_thread_polls_and_sleeps_when_traffic_stops() {
    let s = support::start_with(&["--busy-poll-us", "20000"]);
    let mut c = Resp::connect(s.port);
    load_until_polled(&s, &mut c);
    // Ten windows: the poller has found nothing for a whole window and gone to sleep.
    std::thread::sleep(Duration::from_millis(200));
    let polled = support::scrape(&s).sum(FAMILY);
    // At least the window after the last request, spent polling for nothing.
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
    for _ in 0..10 {
        c.pipeline(&["PING"], 200);
        ping_pong(&mut c);
    }
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

#[test]
fn a_lightly_loaded_thread_does_not_poll_even_when_requests_come_within_the_window() {
    let s = support::start_with(&["--busy-poll-us", "20000"]);
    let mut c = Resp::connect(s.port);
    // A request a millisecond for three sampling periods: dense for a 20 ms window, but the
    // thread works a few percent of the time.
    for _ in 0..300 {
        assert_eq!(c.cmd(&["PING"]), Reply::Simple("PONG".into()));
        std::thread::sleep(Duration::from_millis(1));
    }
    assert_eq!(support::scrape(&s).sum(FAMILY), 0.0);
}
