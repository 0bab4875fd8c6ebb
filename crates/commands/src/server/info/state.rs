//! What INFO keeps between calls: the replication id, the memory peak and the samples behind
//! `instantaneous_*`.
//!
//! Redis samples its counters every 100 ms from its cron and averages the last 16 samples.
//! Here `InfoState::sample` does the same bookkeeping and may be called from any thread; INFO
//! calls it too (at most once per 100 ms), so the metrics move even before a server timer
//! calls it. With INFO as the only caller a sample covers the time since the previous INFO.

use std::sync::atomic::{AtomicU64, Ordering::Relaxed};

use parking_lot::Mutex;

/// Samples averaged per metric, as Redis's STATS_METRIC_SAMPLES.
const SAMPLES: usize = 16;
/// Minimum spacing between two samples.
pub const SAMPLE_INTERVAL_MS: u64 = 100;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Metric {
    Commands = 0,
    NetInput = 1,
    NetOutput = 2,
}

#[derive(Default, Clone, Copy)]
struct Track {
    samples: [u64; SAMPLES],
    idx: usize,
    last_ms: u64,
    last_value: u64,
}

impl Track {
    fn record(&mut self, now_ms: u64, value: u64) {
        if self.last_ms > 0 {
            let elapsed = now_ms.saturating_sub(self.last_ms);
            let delta = value.saturating_sub(self.last_value);
            self.samples[self.idx] = (delta * 1000).checked_div(elapsed).unwrap_or(0);
            self.idx = (self.idx + 1) % SAMPLES;
        }
        self.last_ms = now_ms;
        self.last_value = value;
    }

    fn per_second(&self) -> u64 {
        self.samples.iter().sum::<u64>() / SAMPLES as u64
    }
}

pub struct InfoState {
    /// `master_replid`: 40 random hex characters, new for every server start.
    pub replid: String,
    peak_memory: AtomicU64,
    tracks: Mutex<[Track; 3]>,
}

impl Default for InfoState {
    fn default() -> Self {
        Self::new()
    }
}

impl InfoState {
    pub fn new() -> InfoState {
        let replid = (0..40)
            .map(|_| char::from_digit(fastrand::u32(0..16), 16).unwrap_or('0'))
            .collect();
        InfoState {
            replid,
            peak_memory: AtomicU64::new(0),
            tracks: Mutex::new([Track::default(); 3]),
        }
    }

    /// Records one sample of each metric (`values` in `Metric` order) unless the previous one
    /// is less than `SAMPLE_INTERVAL_MS` old.
    pub fn sample(&self, now_ms: u64, values: [u64; 3]) {
        let mut tracks = self.tracks.lock();
        if tracks[0].last_ms > 0 && now_ms < tracks[0].last_ms + SAMPLE_INTERVAL_MS {
            return;
        }
        for (t, v) in tracks.iter_mut().zip(values) {
            t.record(now_ms, v);
        }
    }

    /// Average per second over the last samples (Redis's getInstantaneousMetric).
    pub fn per_second(&self, m: Metric) -> u64 {
        self.tracks.lock()[m as usize].per_second()
    }

    /// Raises the peak to `used` if higher and returns the peak.
    pub fn note_memory(&self, used: u64) -> u64 {
        self.peak_memory.fetch_max(used, Relaxed).max(used)
    }

    /// CONFIG RESETSTAT: forget the samples and the peak.
    pub fn reset(&self) {
        *self.tracks.lock() = [Track::default(); 3];
        self.peak_memory.store(0, Relaxed);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn samples_average_over_sixteen_slots() {
        let s = InfoState::new();
        s.sample(1_000, [0, 0, 0]);
        // 100 commands in 100 ms is 1000/s; averaged over 16 slots with one filled.
        s.sample(1_100, [100, 2048, 0]);
        assert_eq!(s.per_second(Metric::Commands), 1000 / 16);
        assert_eq!(s.per_second(Metric::NetInput), 20480 / 16);
        // Too soon after the previous sample: ignored.
        s.sample(1_150, [10_000, 0, 0]);
        assert_eq!(s.per_second(Metric::Commands), 1000 / 16);
        for i in 2..=17 {
            s.sample(1_000 + i * 100, [100 * i, 0, 0]);
        }
        assert_eq!(s.per_second(Metric::Commands), 1000);
        s.reset();
        assert_eq!(s.per_second(Metric::Commands), 0);
    }

    #[test]
    fn replid_is_forty_hex_digits() {
        let s = InfoState::new();
        assert_eq!(s.replid.len(), 40);
        assert!(s.replid.chars().all(|c| c.is_ascii_hexdigit()));
    }

    #[test]
    fn peak_only_rises() {
        let s = InfoState::new();
        assert_eq!(s.note_memory(10), 10);
        assert_eq!(s.note_memory(5), 10);
        assert_eq!(s.note_memory(20), 20);
    }
}
