//! The active expiry cycle one shard thread runs over the slots it owns.
//!
//! Like Redis's activeExpireCycle: each tick checks a bounded sample of keys that carry an
//! expire time, keeps going only while many of them turn out to be expired, and never spends
//! more than a fixed share of the tick, so CPU stays bounded whatever the dataset.

use std::time::{Duration, Instant};

use shoal_config::Param;

use crate::ctx::is_expired;
use crate::state::{unix_ms, Server};

/// Where a shard's sweep resumes on its next tick.
#[derive(Default)]
pub struct ExpireCursor {
    next_slot: usize,
}

/// Keys with an expire time checked per tick before the stale ratio is consulted.
const SAMPLE_PER_EFFORT: usize = 200;
/// Slots one tick visits when it finds few keys with a TTL (a full pass then takes a few
/// ticks: 8 at hz 10 with 2 shards).
const MAX_SLOTS_PER_TICK: usize = 1024;
/// Keep sweeping past the sample while more than this share of checked keys had expired.
const ACCEPTABLE_STALE_PERCENT: usize = 10;

pub struct CycleReport {
    pub checked: usize,
    pub expired: usize,
    pub timed_out: bool,
}

/// Runs one tick of active expiry for shard `shard`; `tick` is the interval between ticks.
pub fn active_expire_cycle(
    server: &Server,
    shard: usize,
    cursor: &mut ExpireCursor,
    tick: Duration,
) -> CycleReport {
    let effort = server
        .config
        .get_i64(Param::ActiveExpireEffort)
        .clamp(1, 10) as usize;
    // Redis's slow cycle may use 25% of the tick (plus 2% per effort step above 1).
    let budget = tick * (25 + 2 * (effort as u32 - 1)) / 100;
    let sample = SAMPLE_PER_EFFORT * effort;
    let started = Instant::now();
    let range = server.owned_slots(shard);
    let owned = range.len();
    let stats = &server.shards[shard];
    let now = unix_ms();
    let mut report = CycleReport {
        checked: 0,
        expired: 0,
        timed_out: false,
    };
    let mut ttl_sum: u128 = 0;
    let mut ttl_n: u64 = 0;
    for step in 0..owned {
        if step >= MAX_SLOTS_PER_TICK && report.checked < sample {
            // Few keys with a TTL around: look at the rest of the slots in later ticks
            // instead of locking every owned slot ten times a second.
            cursor.next_slot = (cursor.next_slot + step) % owned;
            finish(server, shard, &report, ttl_sum, ttl_n);
            return report;
        }
        let slot = range.start + (cursor.next_slot + step) % owned;
        {
            let mut guard = server.keyspace.lock(slot as u16);
            let mut emptied = false;
            let fields = crate::hash::expire_fields_in_slot(&mut guard, now);
            stats.expired_subkeys.add(fields.fields as u64);
            emptied |= fields.keys > 0;
            for db in 0..guard.db_count() {
                let table = guard.db(db);
                if table.expires() == 0 {
                    continue;
                }
                report.checked += table.expires();
                let removed = table.remove_if(|e| {
                    if is_expired(e, now) {
                        return true;
                    }
                    if let Some(at) = e.expire() {
                        ttl_sum += (at - now) as u128;
                        ttl_n += 1;
                    }
                    false
                });
                report.expired += removed;
                emptied |= removed > 0;
            }
            if emptied {
                guard.shrink();
            }
        }
        if report.checked >= sample {
            let stale = report.expired * 100 / report.checked.max(1);
            let out_of_time = started.elapsed() >= budget;
            if stale <= ACCEPTABLE_STALE_PERCENT || out_of_time {
                report.timed_out = out_of_time;
                cursor.next_slot = (cursor.next_slot + step + 1) % owned;
                finish(server, shard, &report, ttl_sum, ttl_n);
                return report;
            }
        }
    }
    cursor.next_slot = 0;
    let _ = stats;
    finish(server, shard, &report, ttl_sum, ttl_n);
    report
}

fn finish(server: &Server, shard: usize, report: &CycleReport, ttl_sum: u128, ttl_n: u64) {
    let stats = &server.shards[shard];
    stats.expired_keys.add(report.expired as u64);
    if report.timed_out {
        stats.expired_time_cap_reached_count.inc();
    }
    if let Some(perc) = (report.expired * 100).checked_div(report.checked) {
        stats.expired_stale_perc.set(perc as u64);
    }
    if ttl_n > 0 {
        // Smoothed like Redis's avg_ttl so INFO keyspace does not jump between ticks.
        let sample = (ttl_sum / ttl_n as u128) as u64;
        let old = stats.avg_ttl.get();
        stats.avg_ttl.set(if old == 0 {
            sample
        } else {
            old / 50 * 49 + sample / 50
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stats::total;
    use crate::testing::TestServer;

    #[test]
    fn cycle_removes_expired_keys_without_them_being_accessed() {
        let mut t = TestServer::new();
        for i in 0..60 {
            t.text(&["SET", &format!("short:{i}"), "v", "PX", "20"]);
        }
        for i in 0..25 {
            t.text(&["SET", &format!("long:{i}"), "v", "EX", "1000"]);
        }
        for i in 0..15 {
            t.text(&["SET", &format!("plain:{i}"), "v"]);
        }
        // The other databases are swept too.
        t.client.select(7);
        for i in 0..5 {
            t.text(&["SET", &format!("short:{i}"), "v", "PX", "20"]);
        }
        t.client.select(0);
        // The cycle reads the real clock, so the keys must really be past their time.
        std::thread::sleep(Duration::from_millis(60));
        let expired_before = total(&t.server.shards, |s| &s.expired_keys);
        let misses_before = total(&t.server.shards, |s| &s.keyspace_misses);
        let mut removed = 0;
        for shard in 0..t.server.shard_count() {
            let mut cursor = ExpireCursor::default();
            // Enough ticks for one full pass over the shard's slots.
            let ticks = t
                .server
                .owned_slots(shard)
                .len()
                .div_ceil(MAX_SLOTS_PER_TICK)
                + 1;
            for _ in 0..ticks {
                let report =
                    active_expire_cycle(&t.server, shard, &mut cursor, Duration::from_millis(100));
                removed += report.expired;
            }
        }
        assert_eq!(removed, 65);
        assert_eq!(
            total(&t.server.shards, |s| &s.expired_keys),
            expired_before + 65
        );
        // Nothing was looked up: no lazy expiry, no misses.
        assert_eq!(
            total(&t.server.shards, |s| &s.keyspace_misses),
            misses_before
        );
        // DBSIZE counts keys still stored, expired or not: only live ones are left.
        assert_eq!(t.text(&["DBSIZE"]), ":40\r\n");
        assert_eq!(t.text(&["TTL", "long:3"]), ":1000\r\n");
        assert_eq!(t.text(&["EXISTS", "short:3"]), ":0\r\n");
        t.client.select(7);
        assert_eq!(t.text(&["DBSIZE"]), ":0\r\n");
        // The average TTL of the surviving volatile keys was sampled.
        let avg = t.server.shards.iter().map(|s| s.avg_ttl.get()).max();
        assert!(avg.is_some_and(|ms| ms > 990_000 && ms <= 1_000_000));
    }
}
