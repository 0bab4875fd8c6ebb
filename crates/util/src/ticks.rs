//! A cheap clock for timing every command (INFO commandstats, latency histograms).
//!
//! Two `Instant::now()` calls per command were a measurable share of a pipelined GET. Where the
//! CPU's time-stamp counter runs at a constant rate and keeps running in sleep states
//! (`constant_tsc` and `nonstop_tsc` in /proc/cpuinfo), ticks are read with RDTSC and scaled by
//! a rate calibrated once against the monotonic clock; elsewhere ticks are nanoseconds from
//! `Instant`. Only differences of ticks mean anything.

use std::sync::OnceLock;
use std::time::{Duration, Instant};

struct Clock {
    /// Nanoseconds per tick; None when the monotonic clock is used directly.
    tsc_ns_per_tick: Option<f64>,
    origin: Instant,
}

fn clock() -> &'static Clock {
    static CLOCK: OnceLock<Clock> = OnceLock::new();
    CLOCK.get_or_init(|| Clock {
        tsc_ns_per_tick: calibrate_tsc(),
        origin: Instant::now(),
    })
}

/// Calibrates now rather than on the first command (takes about 10 ms).
pub fn init() {
    clock();
}

/// The current tick count.
#[inline]
pub fn now() -> u64 {
    let c = clock();
    if c.tsc_ns_per_tick.is_some() {
        return rdtsc();
    }
    c.origin.elapsed().as_nanos() as u64
}

/// Nanoseconds between two tick counts taken with [`now`].
#[inline]
pub fn elapsed_nanos(start: u64, end: u64) -> u64 {
    let ticks = end.saturating_sub(start);
    match clock().tsc_ns_per_tick {
        Some(rate) => (ticks as f64 * rate) as u64,
        None => ticks,
    }
}

#[cfg(target_arch = "x86_64")]
#[inline]
fn rdtsc() -> u64 {
    // SAFETY: RDTSC has no memory effects; every x86_64 CPU has it.
    unsafe { core::arch::x86_64::_rdtsc() }
}

#[cfg(not(target_arch = "x86_64"))]
#[inline]
fn rdtsc() -> u64 {
    0
}

fn calibrate_tsc() -> Option<f64> {
    if !cfg!(target_arch = "x86_64") || !tsc_is_invariant() {
        return None;
    }
    let (t0, c0) = (Instant::now(), rdtsc());
    std::thread::sleep(Duration::from_millis(10));
    let (t1, c1) = (Instant::now(), rdtsc());
    let ns = t1.duration_since(t0).as_nanos() as f64;
    let ticks = c1.checked_sub(c0)? as f64;
    // A rate far from any real CPU means the counter is not trustworthy here.
    let rate = ns / ticks;
    (ticks > 0.0 && (0.01..10.0).contains(&rate)).then_some(rate)
}

fn tsc_is_invariant() -> bool {
    let Ok(info) = std::fs::read_to_string("/proc/cpuinfo") else {
        return false;
    };
    info.lines()
        .find(|l| l.starts_with("flags"))
        .is_some_and(|flags| {
            let has = |f: &str| flags.split_whitespace().any(|w| w == f);
            has("constant_tsc") && has("nonstop_tsc")
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn measures_a_sleep_within_reason() {
        let start = now();
        std::thread::sleep(Duration::from_millis(20));
        let ns = elapsed_nanos(start, now());
        assert!(ns >= 15_000_000, "{ns} ns for a 20 ms sleep");
        assert!(ns < 2_000_000_000, "{ns} ns for a 20 ms sleep");
    }

    #[test]
    fn never_negative() {
        let a = now();
        let b = now();
        assert!(b >= a);
        assert_eq!(elapsed_nanos(b, a), 0);
    }
}
