//! Argument helpers: Redis's number parsing and case-insensitive keyword matching, returning
//! the exact error Redis gives for each kind of bad argument.

use shoal_util as num;

use crate::errors::Error;

#[inline]
pub fn is(arg: &[u8], keyword: &str) -> bool {
    arg.eq_ignore_ascii_case(keyword.as_bytes())
}

/// A keyword test as Redis's strcasecmp sees the argument: only up to its first NUL byte
/// (SORT and the GEO commands compare options that way).
pub fn is_c(arg: &[u8], keyword: &str) -> bool {
    is(crate::errors::c_arg(arg, usize::MAX), keyword)
}

pub fn int(arg: &[u8]) -> Result<i64, Error> {
    num::string2ll(arg).ok_or(Error::NotInteger)
}

/// An integer that must be >= 0, with Redis's "must be positive" text.
pub fn non_negative(arg: &[u8]) -> Result<i64, Error> {
    match num::string2ll(arg) {
        Some(v) if v >= 0 => Ok(v),
        Some(_) => Err(Error::Static("ERR value is out of range, must be positive")),
        None => Err(Error::NotInteger),
    }
}

pub fn float(arg: &[u8]) -> Result<f64, Error> {
    num::parse_f64_redis(arg).ok_or(Error::NotFloat)
}
