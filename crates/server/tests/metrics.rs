//! The admin endpoint end to end: a real server (3 shards) with its admin listener, scraped
//! over HTTP; `promtool` on a live scrape and on deploy/prometheus; a real Prometheus server
//! scraping shoal and answering queries (also every query of deploy/grafana/shoal.json).
//!
//! Tests that need `prometheus`/`promtool` skip loudly when they are missing, unless
//! SHOAL_REQUIRE_PROMETHEUS=1 (CI sets it), in which case they fail.

#[path = "metrics/agreement.rs"]
mod agreement;
#[path = "metrics/busy_poll.rs"]
mod busy_poll;
#[path = "metrics/endpoints.rs"]
mod endpoints;
#[path = "metrics/live_prometheus.rs"]
mod live_prometheus;
#[path = "metrics/promtool.rs"]
mod promtool;
#[path = "metrics/support.rs"]
mod support;
