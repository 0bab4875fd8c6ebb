//! The zset value type. Its encodings and operations arrive with the data-types work; until
//! then no command creates one.

#[derive(Clone, Debug, Default)]
pub struct ZSet {}

impl ZSet {
    pub fn footprint(&self) -> usize {
        0
    }

    pub fn encoding_name(&self) -> &'static str {
        "unknown"
    }
}
