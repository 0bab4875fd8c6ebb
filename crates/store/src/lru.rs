//! The 24-bit access field every entry carries, read two ways as Redis reads it.
//!
//! With an LRU (or no) eviction policy it is the LRU clock: wall-clock seconds modulo 2^24, so
//! the idle time of a key is the clock difference, allowing for one wrap-around (~194 days).
//!
//! With an LFU policy it is `[minutes:16][counter:8]`: the time of the last counter decrement in
//! minutes modulo 2^16, and a logarithmic access counter. A new key starts at
//! [`LFU_INIT_VAL`] so it is not evicted before it had a chance to be read again; every access
//! first decays the counter by one per `lfu-decay-time` minutes idle, then bumps it with a
//! probability that shrinks as the counter grows (`lfu-log-factor`).

/// Largest value of the 24-bit field.
pub const LRU_CLOCK_MAX: u32 = (1 << 24) - 1;
/// Milliseconds per LRU clock tick.
pub const LRU_CLOCK_RESOLUTION_MS: u64 = 1000;
/// Counter of a key that was just created under an LFU policy.
pub const LFU_INIT_VAL: u8 = 5;

/// The LRU clock at `now_ms`.
pub fn lru_clock(now_ms: u64) -> u32 {
    ((now_ms / LRU_CLOCK_RESOLUTION_MS) & LRU_CLOCK_MAX as u64) as u32
}

/// Milliseconds since the access recorded in `lru` (Redis estimateObjectIdleTime).
pub fn idle_ms(lru: u32, now_ms: u64) -> u64 {
    let clock = lru_clock(now_ms);
    let ticks = if clock >= lru {
        clock - lru
    } else {
        clock + (LRU_CLOCK_MAX - lru)
    };
    ticks as u64 * LRU_CLOCK_RESOLUTION_MS
}

/// The LFU settings (`lfu-log-factor`, `lfu-decay-time`), read once per command.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LfuParams {
    pub log_factor: u32,
    /// Minutes of idleness that take one off the counter; 0 disables decay.
    pub decay_time: u32,
}

/// Minutes since the epoch modulo 2^16: the clock of the LFU field's upper part.
pub fn lfu_minutes(now_ms: u64) -> u16 {
    ((now_ms / 1000 / 60) & 0xffff) as u16
}

/// The field of a key created now under an LFU policy.
pub fn lfu_init(now_ms: u64) -> u32 {
    ((lfu_minutes(now_ms) as u32) << 8) | LFU_INIT_VAL as u32
}

/// Minutes between the field's stored time and now, allowing for one wrap-around.
fn lfu_elapsed(ldt: u16, now_ms: u64) -> u32 {
    let now = lfu_minutes(now_ms);
    if now >= ldt {
        (now - ldt) as u32
    } else {
        65535 - ldt as u32 + now as u32
    }
}

/// The counter after decay for the time idle, without storing anything (OBJECT FREQ).
pub fn lfu_decayed(field: u32, now_ms: u64, params: LfuParams) -> u8 {
    let ldt = (field >> 8) as u16;
    let counter = (field & 0xff) as u8;
    if params.decay_time == 0 {
        return counter;
    }
    let periods = lfu_elapsed(ldt, now_ms) / params.decay_time;
    counter.saturating_sub(periods.min(255) as u8)
}

/// Probabilistic increment: the higher the counter, the less likely an access counts. `r` is a
/// uniform random number in [0, 1).
pub fn lfu_log_incr(counter: u8, log_factor: u32, r: f64) -> u8 {
    if counter == 255 {
        return 255;
    }
    let base = counter.saturating_sub(LFU_INIT_VAL) as f64;
    let p = 1.0 / (base * log_factor as f64 + 1.0);
    if r < p {
        counter + 1
    } else {
        counter
    }
}

/// The field after one access at `now_ms` (Redis updateLFU).
pub fn lfu_access(field: u32, now_ms: u64, params: LfuParams) -> u32 {
    let counter = lfu_decayed(field, now_ms, params);
    let counter = lfu_log_incr(counter, params.log_factor, fastrand::f64());
    ((lfu_minutes(now_ms) as u32) << 8) | counter as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    const MIN: u64 = 60_000;

    #[test]
    fn lru_clock_wraps_at_24_bits() {
        assert_eq!(lru_clock(5_999), 5);
        assert_eq!(lru_clock((LRU_CLOCK_MAX as u64 + 1) * 1000), 0);
        assert_eq!(lru_clock((LRU_CLOCK_MAX as u64 + 3) * 1000 + 999), 2);
    }

    #[test]
    fn idle_time_in_whole_seconds_and_across_the_wrap() {
        let now = 1_000_000 * 1000;
        assert_eq!(idle_ms(lru_clock(now), now), 0);
        assert_eq!(idle_ms(lru_clock(now - 42_000), now), 42_000);
        // Stored just before the clock wrapped, read just after.
        let after_wrap = (LRU_CLOCK_MAX as u64 + 1 + 10) * 1000;
        assert_eq!(idle_ms(LRU_CLOCK_MAX - 5, after_wrap), 15_000);
    }

    #[test]
    fn lfu_init_holds_minutes_and_the_initial_counter() {
        let now = 90 * MIN + 59_999;
        assert_eq!(lfu_init(now), (90 << 8) | 5);
        assert_eq!(lfu_minutes(65_536 * MIN + 3 * MIN), 3);
    }

    #[test]
    fn counter_decays_one_per_decay_period() {
        let p = LfuParams {
            log_factor: 10,
            decay_time: 1,
        };
        let field = (100u32 << 8) | 20;
        assert_eq!(lfu_decayed(field, 100 * MIN, p), 20);
        assert_eq!(lfu_decayed(field, 107 * MIN, p), 13);
        assert_eq!(lfu_decayed(field, 1000 * MIN, p), 0);
        let slow = LfuParams { decay_time: 5, ..p };
        assert_eq!(lfu_decayed(field, 111 * MIN, slow), 18);
        let none = LfuParams { decay_time: 0, ..p };
        assert_eq!(lfu_decayed(field, 1000 * MIN, none), 20);
        // The minute clock wrapped between the store and the read; like Redis, the wrap
        // itself is not counted as a minute.
        let late = (65_530u32 << 8) | 20;
        assert_eq!(lfu_decayed(late, 65_536 * MIN + 4 * MIN, p), 11);
    }

    #[test]
    fn log_increment_probability() {
        // At or below the initial value every access counts.
        assert_eq!(lfu_log_incr(0, 10, 0.999), 1);
        assert_eq!(lfu_log_incr(5, 10, 0.999), 6);
        // Above it, p = 1 / ((counter - 5) * factor + 1).
        assert_eq!(lfu_log_incr(6, 10, 1.0 / 11.0 - 1e-9), 7);
        assert_eq!(lfu_log_incr(6, 10, 1.0 / 11.0), 6);
        assert_eq!(lfu_log_incr(255, 0, 0.0), 255);
        // Factor 0 makes every access count.
        assert_eq!(lfu_log_incr(100, 0, 0.999), 101);
    }

    #[test]
    fn access_restamps_time_and_counts() {
        let p = LfuParams {
            log_factor: 0,
            decay_time: 1,
        };
        let field = lfu_init(10 * MIN);
        let after = lfu_access(field, 13 * MIN, p);
        assert_eq!(after >> 8, 13);
        assert_eq!(after & 0xff, 3);
    }
}
