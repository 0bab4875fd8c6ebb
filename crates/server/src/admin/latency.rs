//! `shoal_command_duration_seconds`: the per-shard, per-command latency histograms summed
//! over shards at scrape time (the shards only ever add to their own buckets).

use shoal_commands::registry;
use shoal_commands::stats::{latency_bound_ns, LATENCY_BUCKETS};
use shoal_commands::Server;

use super::out::Out;

/// Bucket upper bounds in seconds, as the `le` labels show them.
pub fn bounds_seconds() -> [f64; LATENCY_BUCKETS] {
    std::array::from_fn(|i| latency_bound_ns(i) as f64 / 1e9)
}

pub fn publish(out: &mut Out, server: &Server) {
    let bounds = bounds_seconds();
    let mut counts = [0u64; LATENCY_BUCKETS + 1];
    let mut cumulative = [(0.0, 0u64); LATENCY_BUCKETS];
    for e in registry().entries() {
        counts.fill(0);
        let mut usec = 0u64;
        for shard in server.shards.iter() {
            let c = &shard.cmds[e.id];
            for (i, n) in counts.iter_mut().enumerate() {
                *n += c.latency.bucket(i);
            }
            usec += c.usec.get();
        }
        let count: u64 = counts.iter().sum();
        if count == 0 {
            continue;
        }
        let mut running = 0;
        for i in 0..LATENCY_BUCKETS {
            running += counts[i];
            cumulative[i] = (bounds[i], running);
        }
        // The sum is INFO's usec (microsecond resolution), the same total
        // redis_commands_duration_seconds_total shows.
        out.histogram(
            "shoal_command_duration_seconds",
            &[&e.fullname],
            &cumulative,
            count,
            usec as f64 / 1e6,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounds_print_as_short_decimals() {
        let b = bounds_seconds();
        assert_eq!(b[0].to_string(), "0.00000025");
        assert_eq!(b[2].to_string(), "0.000001");
        assert_eq!(b[12].to_string(), "0.001024");
        assert_eq!(b[LATENCY_BUCKETS - 1].to_string(), "2.097152");
    }
}
