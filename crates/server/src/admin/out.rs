//! Collects samples into `prometheus` metric families, keyed by the catalog's names so every
//! sample gets its family's type, help and label names.

use std::collections::BTreeMap;

use prometheus::proto::{self, LabelPair, MetricFamily, MetricType};

use super::catalog::{self, Kind, Spec};

#[derive(Default)]
pub struct Out {
    families: BTreeMap<&'static str, MetricFamily>,
}

impl Out {
    pub fn new() -> Out {
        Out::default()
    }

    fn family(&mut self, name: &str) -> Option<(&'static Spec, &mut MetricFamily)> {
        let Some(spec) = catalog::spec(name) else {
            debug_assert!(false, "metric family {name} is not in the catalog");
            return None;
        };
        let fam = self.families.entry(spec.name).or_insert_with(|| {
            let mut f = MetricFamily::default();
            f.set_name(spec.name.to_string());
            f.set_help(spec.help.to_string());
            f.set_field_type(match spec.kind {
                Kind::Counter => MetricType::COUNTER,
                Kind::Gauge => MetricType::GAUGE,
                Kind::Histogram => MetricType::HISTOGRAM,
            });
            f
        });
        Some((spec, fam))
    }

    fn metric(spec: &Spec, label_values: &[&str]) -> proto::Metric {
        debug_assert_eq!(spec.labels.len(), label_values.len(), "{}", spec.name);
        let labels = spec
            .labels
            .iter()
            .zip(label_values)
            .map(|(name, value)| {
                let mut l = LabelPair::default();
                l.set_name(name.to_string());
                l.set_value(value.to_string());
                l
            })
            .collect();
        proto::Metric::from_label(labels)
    }

    /// One counter or gauge sample; `label_values` in the catalog's label order.
    pub fn value(&mut self, name: &str, label_values: &[&str], v: f64) {
        let Some((spec, fam)) = self.family(name) else {
            return;
        };
        let mut m = Self::metric(spec, label_values);
        match spec.kind {
            Kind::Counter => {
                let mut c = proto::Counter::default();
                c.set_value(v);
                m.set_counter(c);
            }
            Kind::Gauge => {
                let mut g = proto::Gauge::default();
                g.set_value(v);
                m.set_gauge(g);
            }
            Kind::Histogram => {
                debug_assert!(false, "{name} is a histogram");
                return;
            }
        }
        fam.mut_metric().push(m);
    }

    /// One histogram: `cumulative` holds (upper bound, observations at or below it) for the
    /// finite buckets; `count` is every observation (the encoder writes it as `le="+Inf"`).
    pub fn histogram(
        &mut self,
        name: &str,
        label_values: &[&str],
        cumulative: &[(f64, u64)],
        count: u64,
        sum: f64,
    ) {
        let Some((spec, fam)) = self.family(name) else {
            return;
        };
        debug_assert_eq!(spec.kind, Kind::Histogram);
        let mut m = Self::metric(spec, label_values);
        let mut h = proto::Histogram::default();
        h.set_sample_count(count);
        h.set_sample_sum(sum);
        h.set_bucket(
            cumulative
                .iter()
                .map(|&(bound, n)| {
                    let mut b = proto::Bucket::default();
                    b.set_upper_bound(bound);
                    b.set_cumulative_count(n);
                    b
                })
                .collect(),
        );
        m.set_histogram(h);
        fam.mut_metric().push(m);
    }

    pub fn finish(self) -> Vec<MetricFamily> {
        self.families.into_values().collect()
    }
}
