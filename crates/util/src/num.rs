//! Number parsing and formatting with Redis's exact acceptance rules
//! (`string2ll`, `string2ull`, `string2d`, `memtoull`, `ll2string` in util.c).

use std::ffi::c_char;

/// Redis `LONG_STR_SIZE`: an integer argument this long or longer is never
/// parsed (every i64 fits in 20 bytes).
pub const LONG_STR_SIZE: usize = 21;

/// Bytes needed to format any i64 or u64 in decimal.
pub const MAX_INT_DIGITS: usize = 20;

/// The bytes a C function would see: everything before the first NUL.
fn c_str(s: &[u8]) -> &[u8] {
    match memchr_nul(s) {
        Some(n) => &s[..n],
        None => s,
    }
}

fn memchr_nul(s: &[u8]) -> Option<usize> {
    s.iter().position(|&b| b == 0)
}

/// C `isspace` in the C locale.
pub fn is_c_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r')
}

/// Redis `string2ll`: strict decimal i64. No sign other than a leading `-`,
/// no leading zeros (except "0" itself, so "-0" is rejected), no spaces.
pub fn string2ll(s: &[u8]) -> Option<i64> {
    if s.is_empty() || s.len() >= LONG_STR_SIZE {
        return None;
    }
    if s == b"0" {
        return Some(0);
    }
    let (negative, digits) = match s.split_first() {
        Some((b'-', rest)) => (true, rest),
        _ => (false, s),
    };
    let (&first, rest) = digits.split_first()?;
    if !(b'1'..=b'9').contains(&first) {
        return None;
    }
    let mut v = u64::from(first - b'0');
    for &b in rest {
        if !b.is_ascii_digit() {
            return None;
        }
        v = v.checked_mul(10)?.checked_add(u64::from(b - b'0'))?;
    }
    if negative {
        if v > i64::MAX as u64 + 1 {
            return None;
        }
        Some((v as i64).wrapping_neg())
    } else {
        i64::try_from(v).ok()
    }
}

/// Redis `string2l`; `long` is 64-bit on every platform shoal targets.
pub fn string2l(s: &[u8]) -> Option<i64> {
    string2ll(s)
}

/// Redis `string2ull`: [`string2ll`] first (negatives refused), then a C
/// `strtoull` fallback which is laxer: leading spaces, `+`, leading zeros, and
/// even a `-` (wrapping, as strtoull does) are accepted there.
pub fn string2ull(s: &[u8]) -> Option<u64> {
    let s = c_str(s);
    if let Some(v) = string2ll(s) {
        return u64::try_from(v).ok();
    }
    if s.is_empty() {
        return None;
    }
    let (v, end, overflow) = strtoull_prefix(s);
    (end == s.len() && !overflow).then_some(v)
}

/// C `strtoll(s, &end, 10)`: returns the value (saturated on overflow, as C
/// does) and the index just past the digits, or 0 when nothing converted.
pub fn strtoll_prefix(s: &[u8]) -> (i64, usize) {
    let mut i = 0;
    while i < s.len() && is_c_space(s[i]) {
        i += 1;
    }
    let negative = match s.get(i) {
        Some(b'-') => {
            i += 1;
            true
        }
        Some(b'+') => {
            i += 1;
            false
        }
        _ => false,
    };
    let start = i;
    let mut mag: u64 = 0;
    let mut overflow = false;
    while i < s.len() && s[i].is_ascii_digit() {
        match mag
            .checked_mul(10)
            .and_then(|m| m.checked_add(u64::from(s[i] - b'0')))
        {
            Some(m) => mag = m,
            None => overflow = true,
        }
        i += 1;
    }
    if i == start {
        return (0, 0);
    }
    let v = if negative {
        if overflow || mag > i64::MAX as u64 + 1 {
            i64::MIN
        } else {
            (mag as i64).wrapping_neg()
        }
    } else if overflow || mag > i64::MAX as u64 {
        i64::MAX
    } else {
        mag as i64
    };
    (v, i)
}

/// C `strtoull(s, &end, 10)`: value, end index (0 if nothing converted) and
/// whether it overflowed (ERANGE). A `-` negates modulo 2^64, as in C.
fn strtoull_prefix(s: &[u8]) -> (u64, usize, bool) {
    let mut i = 0;
    while i < s.len() && is_c_space(s[i]) {
        i += 1;
    }
    let negative = match s.get(i) {
        Some(b'-') => {
            i += 1;
            true
        }
        Some(b'+') => {
            i += 1;
            false
        }
        _ => false,
    };
    let start = i;
    let mut v: u64 = 0;
    let mut overflow = false;
    while i < s.len() && s[i].is_ascii_digit() {
        match v
            .checked_mul(10)
            .and_then(|m| m.checked_add(u64::from(s[i] - b'0')))
        {
            Some(m) => v = m,
            None => overflow = true,
        }
        i += 1;
    }
    if i == start {
        return (0, 0, false);
    }
    if overflow {
        return (u64::MAX, i, true);
    }
    (if negative { v.wrapping_neg() } else { v }, i, false)
}

/// Redis `memtoull`: a byte count with an optional case-insensitive unit
/// (`b`, `k`=1000, `kb`=1024, `m`, `mb`, `g`, `gb`). Negative numbers and
/// unknown units are refused. Like Redis, an empty number counts as 0 ("" and
/// "kb" are 0) and overflow wraps.
pub fn memtoull(s: &[u8]) -> Option<u64> {
    let s = c_str(s);
    if s.first() == Some(&b'-') {
        return None;
    }
    let digits = s.iter().take_while(|b| b.is_ascii_digit()).count();
    let unit = s[digits..].to_ascii_lowercase();
    let mul: u64 = match unit.as_slice() {
        b"" | b"b" => 1,
        b"k" => 1000,
        b"kb" => 1024,
        b"m" => 1000 * 1000,
        b"mb" => 1024 * 1024,
        b"g" => 1000 * 1000 * 1000,
        b"gb" => 1024 * 1024 * 1024,
        _ => return None,
    };
    // Redis copies the digits into a 128-byte buffer first.
    if digits >= 128 {
        return None;
    }
    let (val, _, _) = strtoull_prefix(&s[..digits]);
    Some(val.wrapping_mul(mul))
}

/// Redis `string2d` (`getDoubleFromObject`): C `strtod` over the whole input
/// with no leading space, no overflow or underflow to zero, and no NaN.
/// "inf", "-infinity" and hex floats are accepted, as strtod does.
pub fn parse_f64_redis(s: &[u8]) -> Option<f64> {
    if s.is_empty() || is_c_space(s[0]) {
        return None;
    }
    if let Some(decided) = parse_plain_decimal(s) {
        return decided;
    }
    let mut out = 0f64;
    // SAFETY: pointer and length describe a live slice the shim only reads;
    // `out` is a valid place for one f64.
    let ok =
        unsafe { crate::longdouble::shoal_strtod(s.as_ptr().cast::<c_char>(), s.len(), &mut out) };
    (ok == 1).then_some(out)
}

/// Handles `[+-]digits[.digits][(e|E)[+-]digits]` in Rust, which rounds
/// exactly like glibc's strtod; anything else (inf, nan, hex, garbage) is left
/// to libc by returning `None`.
fn parse_plain_decimal(s: &[u8]) -> Option<Option<f64>> {
    let mut i = usize::from(matches!(s[0], b'+' | b'-'));
    let mut digits = 0usize;
    let mut nonzero = false;
    let mut scan = |i: &mut usize| {
        while *i < s.len() && s[*i].is_ascii_digit() {
            nonzero |= s[*i] != b'0';
            digits += 1;
            *i += 1;
        }
    };
    scan(&mut i);
    if s.get(i) == Some(&b'.') {
        i += 1;
        scan(&mut i);
    }
    if digits == 0 {
        return None;
    }
    if matches!(s.get(i), Some(b'e' | b'E')) {
        let mut j = i + 1;
        if matches!(s.get(j), Some(b'+' | b'-')) {
            j += 1;
        }
        let exp_start = j;
        while j < s.len() && s[j].is_ascii_digit() {
            j += 1;
        }
        if j == exp_start {
            return None;
        }
        i = j;
    }
    if i != s.len() {
        return None;
    }
    let text = std::str::from_utf8(s).ok()?;
    let v: f64 = text.parse().ok()?;
    // strtod reports ERANGE for these and Redis refuses them.
    if v.is_infinite() || (v == 0.0 && nonzero) {
        return Some(None);
    }
    Some(Some(v))
}

/// Number of decimal digits in `v` (Redis `digits10`).
pub fn digits10(v: u64) -> usize {
    if v == 0 {
        1
    } else {
        v.ilog10() as usize + 1
    }
}

/// Characters needed to print `v`, sign included (Redis `sdigits10`).
pub fn sdigits10(v: i64) -> usize {
    digits10(v.unsigned_abs()) + usize::from(v < 0)
}

const DIGIT_PAIRS: &[u8; 200] = b"\
0001020304050607080910111213141516171819\
2021222324252627282930313233343536373839\
4041424344454647484950515253545556575859\
6061626364656667686970717273747576777879\
8081828384858687888990919293949596979899";

/// Formats `value` into the tail of `buf` two digits at a time and returns the
/// written part.
pub fn ull2string(buf: &mut [u8; MAX_INT_DIGITS], mut value: u64) -> &[u8] {
    let mut pos = MAX_INT_DIGITS;
    while value >= 100 {
        let i = (value % 100) as usize * 2;
        value /= 100;
        pos -= 2;
        buf[pos..pos + 2].copy_from_slice(&DIGIT_PAIRS[i..i + 2]);
    }
    if value < 10 {
        pos -= 1;
        buf[pos] = b'0' + value as u8;
    } else {
        let i = value as usize * 2;
        pos -= 2;
        buf[pos..pos + 2].copy_from_slice(&DIGIT_PAIRS[i..i + 2]);
    }
    &buf[pos..]
}

/// Formats `value` in decimal (Redis `ll2string`), returning the written part
/// of `buf`. `i64::MIN` needs all 20 bytes.
pub fn ll2string(buf: &mut [u8; MAX_INT_DIGITS], value: i64) -> &[u8] {
    let start = {
        let digits = ull2string(buf, value.unsigned_abs());
        MAX_INT_DIGITS - digits.len()
    };
    if value < 0 {
        buf[start - 1] = b'-';
        &buf[start - 1..]
    } else {
        &buf[start..]
    }
}

/// Appends the decimal form of `value` to `out`.
pub fn append_i64(out: &mut Vec<u8>, value: i64) {
    let mut buf = [0u8; MAX_INT_DIGITS];
    out.extend_from_slice(ll2string(&mut buf, value));
}

/// Appends the decimal form of `value` to `out`.
pub fn append_u64(out: &mut Vec<u8>, value: u64) {
    let mut buf = [0u8; MAX_INT_DIGITS];
    out.extend_from_slice(ull2string(&mut buf, value));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn string2ll_rules() {
        let ok: &[(&str, i64)] = &[
            ("0", 0),
            ("1", 1),
            ("-1", -1),
            ("99", 99),
            ("-99", -99),
            ("9223372036854775807", i64::MAX),
            ("-9223372036854775808", i64::MIN),
        ];
        for &(s, v) in ok {
            assert_eq!(string2ll(s.as_bytes()), Some(v), "{s}");
        }
        let bad = [
            "",
            "+1",
            " 1",
            "1 ",
            "01",
            "-0",
            "00",
            "-",
            "1a",
            "a1",
            "1.0",
            "0x10",
            "9223372036854775808",
            "-9223372036854775809",
            "18446744073709551616",
            "99999999999999999999999",
            "1\0",
        ];
        for s in bad {
            assert_eq!(string2ll(s.as_bytes()), None, "{s:?}");
        }
        assert_eq!(string2l(b"-42"), Some(-42));
    }

    #[test]
    fn string2ull_rules() {
        assert_eq!(string2ull(b"0"), Some(0));
        assert_eq!(string2ull(b"18446744073709551615"), Some(u64::MAX));
        assert_eq!(string2ull(b"18446744073709551616"), None);
        assert_eq!(string2ull(b"-1"), None);
        // The strtoull fallback is lax, exactly as in Redis.
        assert_eq!(string2ull(b"+5"), Some(5));
        assert_eq!(string2ull(b" 5"), Some(5));
        assert_eq!(string2ull(b"007"), Some(7));
        assert_eq!(string2ull(b"-0"), Some(0));
        assert_eq!(string2ull(b"-01"), Some(u64::MAX));
        assert_eq!(string2ull(b""), None);
        assert_eq!(string2ull(b" "), None);
        assert_eq!(string2ull(b"5 "), None);
        assert_eq!(string2ull(b"5\0junk"), Some(5));
    }

    #[test]
    fn strtoll_prefix_like_c() {
        assert_eq!(strtoll_prefix(b"42"), (42, 2));
        assert_eq!(strtoll_prefix(b"  -7x"), (-7, 4));
        assert_eq!(strtoll_prefix(b"+3"), (3, 2));
        assert_eq!(strtoll_prefix(b""), (0, 0));
        assert_eq!(strtoll_prefix(b"  "), (0, 0));
        assert_eq!(strtoll_prefix(b"-"), (0, 0));
        assert_eq!(strtoll_prefix(b"99999999999999999999"), (i64::MAX, 20));
        assert_eq!(strtoll_prefix(b"-99999999999999999999"), (i64::MIN, 21));
    }

    #[test]
    fn memtoull_units() {
        let cases: &[(&str, Option<u64>)] = &[
            ("0", Some(0)),
            ("100", Some(100)),
            ("100b", Some(100)),
            ("1k", Some(1000)),
            ("1kb", Some(1024)),
            ("1K", Some(1000)),
            ("1KB", Some(1024)),
            ("1Kb", Some(1024)),
            ("2m", Some(2_000_000)),
            ("2mb", Some(2 * 1024 * 1024)),
            ("3g", Some(3_000_000_000)),
            ("3GB", Some(3 * 1024 * 1024 * 1024)),
            ("512mb", Some(512 * 1024 * 1024)),
            ("", Some(0)),
            ("kb", Some(0)),
            ("-1", None),
            ("1x", None),
            ("1 kb", None),
            (" 1", None),
            ("+1", None),
            ("1.5mb", None),
            ("1tb", None),
            ("18446744073709551615", Some(u64::MAX)),
            ("99999999999999999999999", Some(u64::MAX)),
        ];
        for &(s, want) in cases {
            assert_eq!(memtoull(s.as_bytes()), want, "{s:?}");
        }
        assert_eq!(memtoull("9".repeat(128).as_bytes()), None);
    }

    fn c_strtod(s: &[u8]) -> Option<f64> {
        let mut out = 0f64;
        // SAFETY: as in parse_f64_redis.
        let ok = unsafe {
            crate::longdouble::shoal_strtod(s.as_ptr().cast::<c_char>(), s.len(), &mut out)
        };
        (ok == 1).then_some(out)
    }

    #[test]
    fn parse_f64_rules() {
        let ok: &[(&str, f64)] = &[
            ("1", 1.0),
            ("-1.5", -1.5),
            ("+2", 2.0),
            ("1e5", 1e5),
            ("1E-2", 0.01),
            (".5", 0.5),
            ("5.", 5.0),
            ("0", 0.0),
            ("-0", -0.0),
            ("0e999", 0.0),
            ("007", 7.0),
            ("inf", f64::INFINITY),
            ("-inf", f64::NEG_INFINITY),
            ("+inf", f64::INFINITY),
            ("Infinity", f64::INFINITY),
            ("0x10", 16.0),
            ("0x1p-2", 0.25),
            ("1e-310", 1e-310),
        ];
        for &(s, v) in ok {
            assert_eq!(parse_f64_redis(s.as_bytes()), Some(v), "{s}");
        }
        let bad = [
            "", " 1", "\t1", "1 ", "abc", "nan", "NaN", "-nan", "1e", "1e+", ".", "-", "+",
            "1.2.3", "1e999", "-1e999", "1e-400", "1,5", "--1", "1\0", "0x", "infx",
        ];
        for s in bad {
            assert_eq!(parse_f64_redis(s.as_bytes()), None, "{s:?}");
        }
    }

    #[test]
    fn fast_path_agrees_with_strtod() {
        // Deterministic pseudo-random decimal strings, compared against libc.
        let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let alphabet = b"0123456789.eE+-";
        for _ in 0..20_000 {
            let len = 1 + (next() % 24) as usize;
            let s: Vec<u8> = (0..len)
                .map(|_| alphabet[(next() % alphabet.len() as u64) as usize])
                .collect();
            let a = parse_f64_redis(&s);
            let b = c_strtod(&s);
            assert_eq!(
                a.map(f64::to_bits),
                b.map(f64::to_bits),
                "{:?}",
                String::from_utf8_lossy(&s)
            );
        }
        for s in [
            "2.2250738585072011e-308",
            "4.9406564584124654e-324",
            "2.4703282292062328e-324",
            "2.4703282292062327e-324",
            "1.7976931348623157e308",
            "1.7976931348623159e308",
            "0.1",
            "123456789012345678901234567890",
            "9007199254740993",
        ] {
            assert_eq!(
                parse_f64_redis(s.as_bytes()).map(f64::to_bits),
                c_strtod(s.as_bytes()).map(f64::to_bits),
                "{s}"
            );
        }
    }

    #[test]
    fn ll2string_formats() {
        let mut buf = [0u8; MAX_INT_DIGITS];
        for v in [
            0i64,
            1,
            -1,
            9,
            10,
            99,
            100,
            -100,
            12345,
            i64::MAX,
            i64::MIN,
            1_000_000_007,
        ] {
            assert_eq!(ll2string(&mut buf, v), v.to_string().as_bytes());
            assert_eq!(sdigits10(v), v.to_string().len());
        }
        for v in [0u64, 7, 10, 42, 100, 999, 1000, u64::MAX] {
            assert_eq!(ull2string(&mut buf, v), v.to_string().as_bytes());
            assert_eq!(digits10(v), v.to_string().len());
        }
        let mut out = b"x=".to_vec();
        append_i64(&mut out, -5);
        append_u64(&mut out, 6);
        assert_eq!(out, b"x=-56");
    }
}
