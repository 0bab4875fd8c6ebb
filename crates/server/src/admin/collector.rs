//! The `prometheus` crate's side: a custom `Collector` that builds every family at scrape
//! time from the shards' counters and the INFO sections, a `Registry` that sorts and merges
//! them, and the text encoder.
//!
//! The per-thread-sum model fits a custom collector: no `prometheus::Counter` is touched on
//! the command path; the shards keep their single-writer counters and the collector reads
//! them only when asked.

use std::sync::Arc;
use std::time::{Instant, SystemTime, UNIX_EPOCH};

use prometheus::core::{Collector, Desc};
use prometheus::proto::MetricFamily;
use prometheus::{Encoder, Registry, TextEncoder};
use shoal_commands::server::info::{collect, Selection};
use shoal_commands::Server;

use super::catalog::FAMILIES;
use super::out::Out;
use super::Readiness;
use super::{exporter, latency, shards};

pub struct ShoalCollector {
    server: Arc<Server>,
    readiness: Arc<Readiness>,
    descs: Vec<Desc>,
    bytes: shards::BytesCache,
}

impl ShoalCollector {
    pub fn new(server: Arc<Server>, readiness: Arc<Readiness>) -> ShoalCollector {
        let descs = FAMILIES
            .iter()
            .map(|s| {
                Desc::new(
                    s.name.to_string(),
                    s.help.to_string(),
                    s.labels.iter().map(|l| l.to_string()).collect(),
                    Default::default(),
                )
                .expect("catalog entries are valid metric descriptions")
            })
            .collect();
        ShoalCollector {
            server,
            readiness,
            descs,
            bytes: Default::default(),
        }
    }
}

impl Collector for ShoalCollector {
    fn desc(&self) -> Vec<&Desc> {
        self.descs.iter().collect()
    }

    fn collect(&self) -> Vec<MetricFamily> {
        let started = Instant::now();
        let server = &*self.server;
        let mut out = Out::new();
        let now = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0.0, |d| d.as_secs_f64());
        let sections = collect(server, &Selection::everything());
        exporter::publish(&mut out, server, &sections, now);
        shards::publish(&mut out, server, &self.bytes);
        latency::publish(&mut out, server);
        let ready = self.readiness.check(server).is_ok();
        out.value("shoal_ready", &[], if ready { 1.0 } else { 0.0 });
        out.value(
            "shoal_scrape_collect_seconds",
            &[],
            started.elapsed().as_secs_f64(),
        );
        out.finish()
    }
}

/// What `/metrics` serves.
pub struct Exposition {
    registry: Registry,
}

impl Exposition {
    pub fn new(server: Arc<Server>, readiness: Arc<Readiness>) -> Exposition {
        let registry = Registry::new();
        registry
            .register(Box::new(ShoalCollector::new(server, readiness)))
            .expect("the only collector registers");
        Exposition { registry }
    }

    /// The Prometheus text format (version 0.0.4) of every family.
    pub fn render(&self) -> prometheus::Result<Vec<u8>> {
        let mut buf = Vec::with_capacity(64 * 1024);
        TextEncoder::new().encode(&self.registry.gather(), &mut buf)?;
        Ok(buf)
    }

    pub fn content_type() -> &'static str {
        "text/plain; version=0.0.4; charset=utf-8"
    }
}
