//! Busy polling: after serving reads, a shard thread keeps polling its sockets for up to
//! `busy-poll-us` before it sleeps in epoll_wait.
//!
//! A thread that sleeps between requests pays a context switch and the scheduler's wake-up
//! latency for each one; at `--shards 2` under `redis-benchmark -P 16` each shard thread slept
//! and woke about 15,000 times a second, and on a host where the load tool shares the cores a
//! wake-up can wait behind other threads. Polling for a moment catches the next request on a
//! thread that is still running. Each round gives the core away (`sched_yield`), so a runnable
//! thread on the same core, another shard or a client, is not held up by the polling.
//!
//! Polling that finds nothing is CPU spent for nothing, so a thread polls only while its
//! traffic is dense: woken from a sleep longer than the window, it sleeps again as soon as it
//! is idle; it polls again after a sleep shorter than the window. And only while the thread is
//! busy: it must have spent a quarter of the last 100 ms working (its CPU time less the time it
//! polled for nothing), so a lightly loaded server, whose requests may still come closer than
//! the window, does not show a core at 100% for a few percent of work. Time spent polling
//! without finding work is counted per shard (`shoal_shard_busy_poll_seconds_total`).
//!
//! With more busy threads than cores (a load tool on the same host), a polling thread keeps
//! its core looking busy, so the scheduler does not move a sibling shard thread that waits
//! behind another process onto it; that sibling's clients then wait a whole time slice
//! (measured: p99 3.8 ms instead of 0.5 ms at `--shards 2`, `-P 1`). So polling threads show
//! each other a heartbeat, and a thread stops polling when a polling sibling has missed its
//! beats for a while: its core goes idle and the scheduler can run the sibling there.

use std::cell::Cell;
use std::rc::Rc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering::Relaxed};
use std::sync::Arc;

use crossbeam::utils::CachePadded;
use shoal_commands::Server;
use shoal_config::Param;
use shoal_util::ticks;
use tokio::sync::Notify;

struct State {
    last_read: Cell<u64>,
    sleeping: Cell<bool>,
    /// The thread worked enough in the last sampling period to poll.
    busy: Cell<bool>,
    wake: Notify,
}

thread_local! {
    static STATE: Rc<State> = Rc::new(State {
        last_read: Cell::new(0),
        sleeping: Cell::new(false),
        busy: Cell::new(false),
        wake: Notify::new(),
    });
}

/// How often the thread's working share is measured, and the share needed to poll.
const SAMPLE: std::time::Duration = std::time::Duration::from_millis(100);
const MIN_WORK_PERCENT: u64 = 25;

/// Polled-for-nothing time is added to the counter at least this often while polling goes on.
const FLUSH_NS: u64 = 1_000_000;

/// This thread's CPU time in nanoseconds.
fn thread_cpu_ns() -> u64 {
    let mut t = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: clock_gettime writes the timespec it is given.
    unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut t) };
    t.tv_sec as u64 * 1_000_000_000 + t.tv_nsec as u64
}

/// Whether a thread that used `cpu_ns` of CPU, `polled_ns` of it polling for nothing, over
/// `wall_ns` worked enough to poll.
fn worked_enough(cpu_ns: u64, polled_ns: u64, wall_ns: u64) -> bool {
    cpu_ns.saturating_sub(polled_ns) * 100 >= wall_ns * MIN_WORK_PERCENT
}

/// Measures the thread's working share every [`SAMPLE`] for the poller.
pub async fn sample_load(server: Arc<Server>, shard: usize) {
    let state = STATE.with(Rc::clone);
    let stats = &server.shards[shard];
    let mut last = (
        std::time::Instant::now(),
        thread_cpu_ns(),
        stats.busy_poll_ns.get(),
    );
    loop {
        tokio::time::sleep(SAMPLE).await;
        let now = (
            std::time::Instant::now(),
            thread_cpu_ns(),
            stats.busy_poll_ns.get(),
        );
        let wall = now.0.duration_since(last.0).as_nanos() as u64;
        state.busy.set(worked_enough(
            now.1.saturating_sub(last.1),
            now.2.saturating_sub(last.2),
            wall,
        ));
        last = now;
    }
}

/// Called by a connection after each read that returned data.
#[inline]
pub fn on_read() {
    STATE.with(|s| {
        s.last_read.set(ticks::now());
        if s.sleeping.replace(false) {
            s.wake.notify_one();
        }
    });
}

/// A polling sibling that has not beaten for this long is waiting for a core: far longer than
/// a round of polling (about a microsecond), shorter than the 4 ms a thread waited for its
/// next time slice. Measured at `--shards 2`: 50 µs gave up most of the polling's gain at
/// `-P 16`, 1 ms kept it and still took the `-P 1` p99 from 3.8 ms back to 0.5 ms.
const STARVED_NS: u64 = 1_000_000;

#[derive(Default)]
struct Pulse {
    polling: AtomicBool,
    beat: AtomicU64,
}

/// Every shard thread's heartbeat, each on its own cache line.
pub struct Pulses(Box<[CachePadded<Pulse>]>);

impl Pulses {
    pub fn new(shards: usize) -> Arc<Pulses> {
        Arc::new(Pulses((0..shards).map(|_| Default::default()).collect()))
    }

    fn polling(&self, shard: usize, on: bool) {
        self.0[shard].beat.store(ticks::now(), Relaxed);
        self.0[shard].polling.store(on, Relaxed);
    }

    fn starved(&self, shard: usize, now: u64) -> bool {
        let p = &self.0[shard];
        p.polling.load(Relaxed) && ticks::elapsed_nanos(p.beat.load(Relaxed), now) > STARVED_NS
    }
}

/// The shard thread's poller task.
pub async fn run(server: Arc<Server>, shard: usize, pulses: Arc<Pulses>) {
    let state = STATE.with(Rc::clone);
    let stats = &server.shards[shard];
    let shards = pulses.0.len();
    // The sibling checked next: one per round keeps the cost flat with many shards.
    let mut sibling = shard;
    loop {
        let slept_at = ticks::now();
        state.sleeping.set(true);
        state.wake.notified().await;
        let window_ns = server
            .config
            .get_u64(Param::BusyPollUs)
            .saturating_mul(1000);
        if !state.busy.get() || ticks::elapsed_nanos(slept_at, state.last_read.get()) >= window_ns {
            continue;
        }
        pulses.polling(shard, true);
        let mut idle_ticks = 0;
        let mut prev = ticks::now();
        let mut seen = state.last_read.get();
        loop {
            std::thread::yield_now();
            // Lets tokio poll its sockets without blocking and run the connections they wake.
            tokio::task::yield_now().await;
            let now = ticks::now();
            let last = state.last_read.get();
            if last == seen {
                idle_ticks += now.saturating_sub(prev);
                let idle_ns = ticks::elapsed_nanos(0, idle_ticks);
                if idle_ns >= FLUSH_NS {
                    stats.busy_poll_ns.add(idle_ns);
                    idle_ticks = 0;
                }
            }
            seen = last;
            prev = now;
            pulses.0[shard].beat.store(now, Relaxed);
            sibling = (sibling + 1) % shards;
            if ticks::elapsed_nanos(last, now) >= window_ns
                || pulses.starved(sibling, now)
                || !state.busy.get()
            {
                break;
            }
        }
        pulses.polling(shard, false);
        stats.busy_poll_ns.add(ticks::elapsed_nanos(0, idle_ticks));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_quarter_of_the_time_working_is_enough() {
        assert!(worked_enough(25, 0, 100));
        assert!(!worked_enough(24, 0, 100));
        assert!(worked_enough(100, 75, 100));
        assert!(!worked_enough(100, 76, 100), "polling is not work");
        assert!(!worked_enough(10, 20, 100));
    }

    #[test]
    fn only_a_polling_sibling_that_missed_its_beats_is_starved() {
        let pulses = Pulses::new(2);
        let before = ticks::now();
        pulses.polling(1, true);
        assert!(!pulses.starved(1, before), "just beat");
        std::thread::sleep(std::time::Duration::from_nanos(2 * STARVED_NS));
        assert!(pulses.starved(1, ticks::now()), "missed its beats");
        pulses.polling(1, false);
        std::thread::sleep(std::time::Duration::from_nanos(2 * STARVED_NS));
        assert!(!pulses.starved(1, ticks::now()), "asleep, not waiting");
        assert!(!pulses.starved(0, ticks::now()), "never polled");
    }
}
