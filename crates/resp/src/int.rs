//! Integer text in both directions, with Redis's exact acceptance rules.

/// Longest `i64` in decimal: `-9223372036854775808`.
pub const MAX_I64_CHARS: usize = 20;

/// Parses `s` the way Redis `string2ll` does, which is stricter than
/// `str::parse`: no `+`, no leading zeros, no `-0`, no whitespace, and at most
/// 20 bytes. Length lines and many command arguments go through this, so the
/// strictness decides which inputs get a protocol error.
pub fn parse_i64(s: &[u8]) -> Option<i64> {
    // Redis rejects anything of LONG_STR_SIZE (21) bytes or more outright.
    if s.is_empty() || s.len() >= 21 {
        return None;
    }
    if s == b"0" {
        return Some(0);
    }
    let (negative, digits) = match s[0] {
        b'-' => (true, &s[1..]),
        _ => (false, s),
    };
    let (&first, rest) = digits.split_first()?;
    if !(b'1'..=b'9').contains(&first) {
        return None;
    }
    let mut v = u64::from(first - b'0');
    for &c in rest {
        if !c.is_ascii_digit() {
            return None;
        }
        v = v.checked_mul(10)?.checked_add(u64::from(c - b'0'))?;
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

const PAIRS: &[u8; 200] = b"0001020304050607080910111213141516171819\
2021222324252627282930313233343536373839\
4041424344454647484950515253545556575859\
6061626364656667686970717273747576777879\
8081828384858687888990919293949596979899";

/// Formats `v` into the tail of `out` and returns the written part. Two
/// digits per division: replies are dominated by small integers and lengths.
pub fn format_u64(mut v: u64, out: &mut [u8; MAX_I64_CHARS]) -> &[u8] {
    let mut i = out.len();
    while v >= 100 {
        let r = (v % 100) as usize * 2;
        v /= 100;
        i -= 2;
        out[i..i + 2].copy_from_slice(&PAIRS[r..r + 2]);
    }
    if v >= 10 {
        let r = v as usize * 2;
        i -= 2;
        out[i..i + 2].copy_from_slice(&PAIRS[r..r + 2]);
    } else {
        i -= 1;
        out[i] = b'0' + v as u8;
    }
    &out[i..]
}

/// Signed variant of [`format_u64`].
pub fn format_i64(v: i64, out: &mut [u8; MAX_I64_CHARS]) -> &[u8] {
    let len = format_u64(v.unsigned_abs(), out).len();
    if v < 0 {
        let start = out.len() - len - 1;
        out[start] = b'-';
        &out[start..]
    } else {
        &out[out.len() - len..]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_follows_string2ll() {
        let ok: &[(&[u8], i64)] = &[
            (b"0", 0),
            (b"1", 1),
            (b"-1", -1),
            (b"10", 10),
            (b"9223372036854775807", i64::MAX),
            (b"-9223372036854775808", i64::MIN),
        ];
        for (s, v) in ok {
            assert_eq!(parse_i64(s), Some(*v), "{:?}", String::from_utf8_lossy(s));
        }
        let bad: &[&[u8]] = &[
            b"",
            b"-",
            b"+1",
            b"01",
            b"-0",
            b"00",
            b" 1",
            b"1 ",
            b"1a",
            b"9223372036854775808",
            b"-9223372036854775809",
            b"18446744073709551616",
            b"000000000000000000001",
            b"0x10",
        ];
        for s in bad {
            assert_eq!(parse_i64(s), None, "{:?}", String::from_utf8_lossy(s));
        }
    }

    #[test]
    fn format_matches_std() {
        let mut buf = [0u8; MAX_I64_CHARS];
        let mut vals = vec![0i64, 1, -1, 9, 10, 99, 100, 101, -100, i64::MAX, i64::MIN];
        let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
        for _ in 0..10_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            vals.push(x as i64 >> (x % 64));
        }
        for v in vals {
            assert_eq!(format_i64(v, &mut buf), v.to_string().as_bytes());
            assert_eq!(parse_i64(v.to_string().as_bytes()), Some(v));
        }
    }
}
