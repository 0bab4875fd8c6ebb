//! Small, dependency-free helpers shared by every shoal crate, each matching a
//! Redis 7.2 routine byte for byte: cluster key slots, glob matching, strict
//! number parsing and formatting, and `long double` INCRBYFLOAT arithmetic.

pub mod alloc;
mod glob;
mod longdouble;
mod num;
mod slot;
pub mod ticks;

pub use glob::glob_match;
pub use longdouble::{
    hincr_by_float, incr_by_float, strtod_c, timeout_ms, IncrFloatError, OnRange, TimeoutError,
    MAX_LONG_DOUBLE_CHARS,
};
pub use num::{
    append_i64, append_u64, digits10, is_c_space, ll2string, memtoull, parse_f64_redis, sdigits10,
    string2l, string2ll, string2ull, strtoll_prefix, ull2string, LONG_STR_SIZE, MAX_INT_DIGITS,
};
pub use slot::{crc16, hash_tag, key_slot, SLOTS};
