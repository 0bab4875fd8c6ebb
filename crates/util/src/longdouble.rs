//! INCRBYFLOAT / HINCRBYFLOAT arithmetic through the C shim in `longdouble.c`.
//!
//! Redis adds in C `long double` (80-bit x87 on x86_64) and prints with
//! `%.17Lf`; an `f64` cannot reproduce that output, so the work happens in C.

use std::ffi::{c_char, c_int};
use std::fmt;

/// Redis's `MAX_LONG_DOUBLE_CHARS`: inputs this long or longer are not floats,
/// and every formatted result fits in this many bytes.
pub const MAX_LONG_DOUBLE_CHARS: usize = 5 * 1024;

// Status codes returned by the shim; keep in sync with longdouble.c.
const CUR_INVALID: c_int = -1;
const INCR_INVALID: c_int = -2;
const NAN_OR_INF: c_int = -3;
const INCR_NAN_OR_INF: c_int = -4;

extern "C" {
    fn shoal_ld_incr(
        cur: *const c_char,
        curlen: usize,
        incr: *const c_char,
        incrlen: usize,
        hash_semantics: c_int,
        out: *mut c_char,
        outlen: usize,
    ) -> c_int;
    fn shoal_timeout_ms(s: *const c_char, len: usize, ms: *mut i64) -> c_int;
    pub(crate) fn shoal_strtod(s: *const c_char, len: usize, out: *mut f64) -> c_int;
    fn shoal_strtod_c(s: *const c_char, len: usize, keep_erange: c_int, out: *mut f64) -> c_int;
}

/// Why a float increment was refused; `message()` is the exact Redis error.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IncrFloatError {
    /// The stored value (INCRBYFLOAT) or the increment is not a float.
    NotAFloat,
    /// The sum overflowed to infinity or is NaN.
    NanOrInf,
    /// HINCRBYFLOAT only: the increment itself is infinite.
    IncrNanOrInf,
    /// HINCRBYFLOAT only: the stored field value is not a float.
    HashValueNotAFloat,
}

impl IncrFloatError {
    /// The error line Redis sends, without the leading `-` and trailing CRLF.
    pub fn message(self) -> &'static str {
        match self {
            IncrFloatError::NotAFloat => "ERR value is not a valid float",
            IncrFloatError::NanOrInf => "ERR increment would produce NaN or Infinity",
            IncrFloatError::IncrNanOrInf => "ERR value is NaN or Infinity",
            IncrFloatError::HashValueNotAFloat => "ERR hash value is not a float",
        }
    }
}

impl fmt::Display for IncrFloatError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.message())
    }
}

impl std::error::Error for IncrFloatError {}

fn run(current: Option<&[u8]>, incr: &[u8], hash: bool) -> Result<Vec<u8>, c_int> {
    let mut out = vec![0u8; MAX_LONG_DOUBLE_CHARS];
    let (cur_ptr, cur_len) = match current {
        Some(c) => (c.as_ptr().cast::<c_char>(), c.len()),
        None => (std::ptr::null(), 0),
    };
    // SAFETY: every pointer/length pair describes a live slice (or is null with
    // length 0 for `cur`, which the shim treats as "missing"); the shim writes at
    // most `out.len()` bytes into `out`.
    let n = unsafe {
        shoal_ld_incr(
            cur_ptr,
            cur_len,
            incr.as_ptr().cast::<c_char>(),
            incr.len(),
            c_int::from(hash),
            out.as_mut_ptr().cast::<c_char>(),
            out.len(),
        )
    };
    if n < 0 {
        return Err(n);
    }
    out.truncate(n as usize);
    Ok(out)
}

/// INCRBYFLOAT: `current + incr` formatted as Redis replies and stores it.
///
/// For a missing key pass `b"0"` (Redis starts from 0 then).
pub fn incr_by_float(current: &[u8], incr: &[u8]) -> Result<Vec<u8>, IncrFloatError> {
    run(Some(current), incr, false).map_err(|code| match code {
        NAN_OR_INF => IncrFloatError::NanOrInf,
        _ => IncrFloatError::NotAFloat,
    })
}

/// HINCRBYFLOAT: like [`incr_by_float`] with Redis's hash-specific checks and
/// error texts. `current` is `None` when the field does not exist.
pub fn hincr_by_float(current: Option<&[u8]>, incr: &[u8]) -> Result<Vec<u8>, IncrFloatError> {
    run(current, incr, true).map_err(|code| match code {
        CUR_INVALID => IncrFloatError::HashValueNotAFloat,
        INCR_NAN_OR_INF => IncrFloatError::IncrNanOrInf,
        NAN_OR_INF => IncrFloatError::NanOrInf,
        INCR_INVALID => IncrFloatError::NotAFloat,
        _ => IncrFloatError::NotAFloat,
    })
}

/// Why a blocking command's timeout was refused (see [`timeout_ms`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimeoutError {
    /// Not a long double as Redis's `string2ld` reads it (also NaN, and values past a long
    /// double's range).
    NotAFloat,
    /// More milliseconds than an `i64` holds.
    OutOfRange,
}

/// A blocking command's timeout in seconds as Redis reads it: C `strtold`, times 1000, rounded
/// up (`ceill`) to whole milliseconds, in long double precision, so a tiny positive value such
/// as `0x1p-2000` is 1 ms. Any negative count is -1 (the caller only tests the sign).
pub fn timeout_ms(s: &[u8]) -> Result<i64, TimeoutError> {
    let mut ms: i64 = 0;
    // SAFETY: pointer and length describe a live slice the shim only reads; `ms` is a valid
    // out-pointer for the call.
    match unsafe { shoal_timeout_ms(s.as_ptr().cast::<c_char>(), s.len(), &mut ms) } {
        0 => Ok(ms),
        -2 => Err(TimeoutError::OutOfRange),
        _ => Err(TimeoutError::NotAFloat),
    }
}

/// What `strtod_c` does with a result C's strtod flags ERANGE (overflow to ±inf, inexact
/// underflow).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum OnRange {
    /// Keep it (ZRANGEBYSCORE-style score ends: "1e400" is inf).
    Keep,
    /// Refuse it (SORT weights).
    Refuse,
}

/// C `strtod` over the bytes before the first NUL, as Redis reads SORT weights and score range
/// ends: leading white space allowed, "" is 0, and None when text is left over, the value is
/// NaN, or (with `OnRange::Refuse`) strtod reported ERANGE.
pub fn strtod_c(s: &[u8], on_range: OnRange) -> Option<f64> {
    let s = &s[..s.iter().position(|&b| b == 0).unwrap_or(s.len())];
    // Plain integers of up to 15 digits are exact doubles: no need to go through libc.
    let digits = s.strip_prefix(b"-").unwrap_or(s);
    if !digits.is_empty() && digits.len() <= 15 && digits.iter().all(u8::is_ascii_digit) {
        let v = digits
            .iter()
            .fold(0i64, |acc, d| acc * 10 + i64::from(d - b'0')) as f64;
        return Some(if s[0] == b'-' { -v } else { v });
    }
    let mut out = 0f64;
    let keep = c_int::from(on_range == OnRange::Keep);
    // SAFETY: pointer and length describe a live slice the shim only reads (it copies it and
    // adds the terminator); `out` is a valid place for one f64.
    let ok = unsafe { shoal_strtod_c(s.as_ptr().cast::<c_char>(), s.len(), keep, &mut out) };
    (ok == 1).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn incr(a: &str, b: &str) -> Result<String, IncrFloatError> {
        incr_by_float(a.as_bytes(), b.as_bytes()).map(|v| String::from_utf8(v).unwrap())
    }

    #[test]
    fn redis_doc_examples() {
        // INCRBYFLOAT documentation: SET mykey 10.50; INCRBYFLOAT mykey 0.1 -> 10.6;
        // INCRBYFLOAT mykey -5 -> 5.6; SET mykey 5.0e3; INCRBYFLOAT mykey 2.0e2 -> 5200.
        assert_eq!(incr("10.50", "0.1").unwrap(), "10.6");
        assert_eq!(incr("10.6", "-5").unwrap(), "5.6");
        assert_eq!(incr("5.0e3", "2.0e2").unwrap(), "5200");
    }

    #[test]
    fn long_double_precision_hides_binary_noise() {
        assert_eq!(incr("0.1", "0.2").unwrap(), "0.3");
        assert_eq!(incr("0", "0.1").unwrap(), "0.1");
        assert_eq!(incr("3.0e3", "1").unwrap(), "3001");
        assert_eq!(incr("1", "1").unwrap(), "2");
        assert_eq!(incr("0", "1.5").unwrap(), "1.5");
        assert_eq!(incr("17179869184", "1.5").unwrap(), "17179869185.5");
    }

    #[test]
    fn negative_zero_prints_as_zero() {
        assert_eq!(incr("0", "-0").unwrap(), "0");
        assert_eq!(incr("-0.0", "0").unwrap(), "0");
        assert_eq!(incr("1.5", "-1.5").unwrap(), "0");
    }

    #[test]
    fn tiny_values_print_in_fixed_notation() {
        // %.17Lf rounds 1e-20 to zero; Redis replies "0" here too.
        assert_eq!(incr("0", "1e-20").unwrap(), "0");
        assert_eq!(
            incr("0", "0.00000000000000001").unwrap(),
            "0.00000000000000001"
        );
    }

    #[test]
    fn huge_values_print_every_digit() {
        let r = incr("0", "1e300").unwrap();
        // 1e300 is not exact in 64-bit-mantissa long double; glibc prints the
        // exact binary value, which is what Redis replies.
        assert!(r.starts_with("100000000000000000000899732407955919387052394427329074793826008232"));
        assert_eq!(r.len(), 301);
        assert!(!r.contains('.'));
        // Beyond f64 range but within long double range is still accepted.
        assert!(incr("1e400", "1").unwrap().len() > 400);
    }

    #[test]
    fn rejects_what_string2ld_rejects() {
        for bad in [
            "", " 1", "1 ", "abc", "1.2.3", "nan", "NaN", "1e", "--1", "1e99999", "\t1",
        ] {
            assert_eq!(
                incr(bad, "1"),
                Err(IncrFloatError::NotAFloat),
                "current {bad:?}"
            );
            assert_eq!(
                incr("1", bad),
                Err(IncrFloatError::NotAFloat),
                "incr {bad:?}"
            );
        }
        assert!(incr_by_float(b"1\0", b"1").is_err());
        let long = "1".repeat(MAX_LONG_DOUBLE_CHARS);
        assert_eq!(incr(&long, "1"), Err(IncrFloatError::NotAFloat));
        let just_fits = format!("0.{}", "0".repeat(MAX_LONG_DOUBLE_CHARS - 3));
        assert_eq!(incr(&just_fits, "1").unwrap(), "1");
    }

    #[test]
    fn accepts_what_strtold_accepts() {
        assert_eq!(incr("+1", "1").unwrap(), "2");
        assert_eq!(incr("0x10", "1").unwrap(), "17");
        assert_eq!(incr(".5", "1.").unwrap(), "1.5");
        assert_eq!(incr("1E2", "0").unwrap(), "100");
        assert_eq!(incr("00012", "0").unwrap(), "12");
    }

    #[test]
    fn infinity_results_are_refused() {
        assert_eq!(incr("inf", "1"), Err(IncrFloatError::NanOrInf));
        assert_eq!(incr("1", "-inf"), Err(IncrFloatError::NanOrInf));
        assert_eq!(incr("inf", "-inf"), Err(IncrFloatError::NanOrInf));
        assert_eq!(
            incr("1.18e4932", "1.18e4932"),
            Err(IncrFloatError::NanOrInf)
        );
    }

    #[test]
    fn hash_variant_checks_increment_first() {
        let h = |cur: Option<&str>, by: &str| {
            hincr_by_float(cur.map(str::as_bytes), by.as_bytes())
                .map(|v| String::from_utf8(v).unwrap())
        };
        assert_eq!(h(None, "10.5").unwrap(), "10.5");
        assert_eq!(h(Some("10.5"), "0.1").unwrap(), "10.6");
        assert_eq!(h(Some("abc"), "x"), Err(IncrFloatError::NotAFloat));
        assert_eq!(h(Some("abc"), "inf"), Err(IncrFloatError::IncrNanOrInf));
        assert_eq!(h(Some("abc"), "1"), Err(IncrFloatError::HashValueNotAFloat));
        assert_eq!(h(Some("inf"), "1"), Err(IncrFloatError::NanOrInf));
        assert_eq!(
            IncrFloatError::HashValueNotAFloat.message(),
            "ERR hash value is not a float"
        );
    }

    #[test]
    fn error_texts() {
        assert_eq!(
            IncrFloatError::NotAFloat.to_string(),
            "ERR value is not a valid float"
        );
        assert_eq!(
            IncrFloatError::NanOrInf.to_string(),
            "ERR increment would produce NaN or Infinity"
        );
    }

    #[test]
    fn timeout_ms_is_ceil_of_strtold_times_1000() {
        use TimeoutError::*;
        let t = |s: &str| timeout_ms(s.as_bytes());
        assert_eq!(t("0"), Ok(0));
        assert_eq!(t("1.5"), Ok(1500));
        assert_eq!(t("0.0001"), Ok(1));
        assert_eq!(t("0x10"), Ok(16000));
        // Below a double's range but within a long double's: 1 ms, as in Redis.
        assert_eq!(t("0x1p-2000"), Ok(1));
        assert_eq!(t("1e-400"), Ok(1));
        assert_eq!(t("-1e-400"), Ok(0));
        assert_eq!(t("-0.0001"), Ok(0));
        assert_eq!(t("-1"), Ok(-1));
        assert_eq!(t("-inf"), Ok(-1));
        assert_eq!(t("-1e400"), Ok(-1));
        assert_eq!(t("9223372036854775.807"), Ok(i64::MAX));
        assert_eq!(t("9223372036854775.808"), Err(OutOfRange));
        assert_eq!(t("1e400"), Err(OutOfRange));
        assert_eq!(t("inf"), Err(OutOfRange));
        assert_eq!(t("1e5000"), Err(NotAFloat));
        assert_eq!(t("1e-5000"), Err(NotAFloat));
        assert_eq!(t("nan"), Err(NotAFloat));
        assert_eq!(t(" 1"), Err(NotAFloat));
        assert_eq!(t("1 "), Err(NotAFloat));
        assert_eq!(t("1x"), Err(NotAFloat));
        assert_eq!(t(""), Err(NotAFloat));
    }

    #[test]
    fn score_ends_keep_out_of_range_values() {
        let k = |s: &[u8]| strtod_c(s, OnRange::Keep);
        assert_eq!(k(b"1e400"), Some(f64::INFINITY));
        assert_eq!(k(b"-1e400"), Some(f64::NEG_INFINITY));
        assert_eq!(k(b"1e-400"), Some(0.0));
        assert_eq!(k(b"1e-310"), Some(1e-310));
        assert_eq!(k(b" 7"), Some(7.0));
        assert_eq!(k(b""), Some(0.0));
        for bad in [&b"nan"[..], b"1 ", b"   ", b"(1", b"a"] {
            assert_eq!(k(bad), None, "{}", String::from_utf8_lossy(bad));
        }
    }

    #[test]
    fn sort_weights_follow_strtod() {
        let w = |s: &[u8]| strtod_c(s, OnRange::Refuse);
        assert_eq!(w(b""), Some(0.0));
        assert_eq!(w(b"12"), Some(12.0));
        assert_eq!(w(b"-7"), Some(-7.0));
        assert_eq!(w(b"-0").map(f64::is_sign_negative), Some(true));
        assert_eq!(w(b" 5"), Some(5.0));
        assert_eq!(w(b"\t7"), Some(7.0));
        assert_eq!(w(b"+3"), Some(3.0));
        assert_eq!(w(b".5"), Some(0.5));
        assert_eq!(w(b"5."), Some(5.0));
        assert_eq!(w(b"0x10"), Some(16.0));
        assert_eq!(w(b"inf"), Some(f64::INFINITY));
        assert_eq!(w(b"-infinity"), Some(f64::NEG_INFINITY));
        assert_eq!(w(b"1e308"), Some(1e308));
        assert_eq!(w(b"12\x00junk"), Some(12.0));
        assert_eq!(w(b"\x00"), Some(0.0));
        assert_eq!(w(b"0x1p-1074"), Some(f64::from_bits(1)));
        assert_eq!(w(b"123456789012345678901"), Some(123456789012345678901.0));
        for bad in [
            &b"nan"[..],
            b"-nan",
            b"5 ",
            b"   ",
            b"-",
            b"0x",
            b"1e",
            b"abc",
            b"1e400",
            b"1e-400",
            b"1e-310",
            b"4.9406564584124654e-324",
        ] {
            assert_eq!(w(bad), None, "{}", String::from_utf8_lossy(bad));
        }
    }
}
