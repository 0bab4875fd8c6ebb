//! Double formatting exactly as Redis 7.2 writes doubles into replies.
//!
//! Redis 7.2 `addReplyDouble` prints through `d2string` (util.c): `nan`, `inf`,
//! `-inf`, `0` / `-0`, plain decimal for integral values within ±2^62, and
//! otherwise `fpconv_dtoa`, a Grisu2 conversion. Grisu2 is not "shortest
//! round-trip": for a small share of values it emits one more digit than Ryu
//! or `{}` would, and its rounding picks among candidates in its own way. So
//! the digits are generated here with the same algorithm and the same
//! 64-bit arithmetic, rather than taken from a shortest-digits library, and
//! then laid out with fpconv's rules (`1e+20`, `1.5e-7`, `0.0001`,
//! `123456789012345680000`).

/// Longest output: `-1.7976931348623157e+308` is 24 bytes; 32 leaves room.
pub const MAX_DOUBLE_CHARS: usize = 32;

/// Writes `v` as Redis 7.2 `d2string` does (the text inside `addReplyDouble`'s
/// bulk string or `,` line) and returns it.
pub fn format_double(v: f64, out: &mut [u8; MAX_DOUBLE_CHARS]) -> &str {
    let n = write_double(v, out);
    // Only ASCII digits, signs, '.', 'e', "nan" and "inf" are ever written.
    std::str::from_utf8(&out[..n]).expect("ascii")
}

/// Like [`format_double`], returning the length written at the start of `out`.
pub fn write_double(v: f64, out: &mut [u8; MAX_DOUBLE_CHARS]) -> usize {
    let text: &[u8] = if v.is_nan() {
        b"nan"
    } else if v == f64::INFINITY {
        b"inf"
    } else if v == f64::NEG_INFINITY {
        b"-inf"
    } else if v == 0.0 {
        if v.is_sign_negative() {
            b"-0"
        } else {
            b"0"
        }
    } else if let Some(i) = as_exact_i64(v) {
        let mut tmp = [0u8; crate::int::MAX_I64_CHARS];
        let s = crate::int::format_i64(i, &mut tmp);
        out[..s.len()].copy_from_slice(s);
        return s.len();
    } else {
        return fpconv_dtoa(v, out);
    };
    out[..text.len()].copy_from_slice(text);
    text.len()
}

/// Redis `double2ll`: integral values in `[-LLONG_MAX/2, LLONG_MAX/2]`, with
/// the bounds as converted to double (so exactly ±2^62), print as integers.
fn as_exact_i64(v: f64) -> Option<i64> {
    const BOUND: f64 = (i64::MAX / 2) as f64;
    if !(-BOUND..=BOUND).contains(&v) {
        return None;
    }
    let i = v as i64;
    (i as f64 == v).then_some(i)
}

/// A value `frac * 2^exp`, Grisu's "diy_fp".
#[derive(Clone, Copy)]
struct Fp {
    frac: u64,
    exp: i32,
}

const FRAC_MASK: u64 = 0x000F_FFFF_FFFF_FFFF;
const HIDDEN_BIT: u64 = 0x0010_0000_0000_0000;
const EXP_BIAS: i32 = 1023 + 52;

/// 10^(FIRST_POWER + 8 i) rounded to a normalised 64-bit significand.
/// Generated with exact rational arithmetic (round to nearest); the same
/// values as fpconv's table, which the choice of cached power depends on.
const POWERS: [(u64, i32); 87] = [
    (0xfa8fd5a0081c0288, -1220),
    (0xbaaee17fa23ebf76, -1193),
    (0x8b16fb203055ac76, -1166),
    (0xcf42894a5dce35ea, -1140),
    (0x9a6bb0aa55653b2d, -1113),
    (0xe61acf033d1a45df, -1087),
    (0xab70fe17c79ac6ca, -1060),
    (0xff77b1fcbebcdc4f, -1034),
    (0xbe5691ef416bd60c, -1007),
    (0x8dd01fad907ffc3c, -980),
    (0xd3515c2831559a83, -954),
    (0x9d71ac8fada6c9b5, -927),
    (0xea9c227723ee8bcb, -901),
    (0xaecc49914078536d, -874),
    (0x823c12795db6ce57, -847),
    (0xc21094364dfb5637, -821),
    (0x9096ea6f3848984f, -794),
    (0xd77485cb25823ac7, -768),
    (0xa086cfcd97bf97f4, -741),
    (0xef340a98172aace5, -715),
    (0xb23867fb2a35b28e, -688),
    (0x84c8d4dfd2c63f3b, -661),
    (0xc5dd44271ad3cdba, -635),
    (0x936b9fcebb25c996, -608),
    (0xdbac6c247d62a584, -582),
    (0xa3ab66580d5fdaf6, -555),
    (0xf3e2f893dec3f126, -529),
    (0xb5b5ada8aaff80b8, -502),
    (0x87625f056c7c4a8b, -475),
    (0xc9bcff6034c13053, -449),
    (0x964e858c91ba2655, -422),
    (0xdff9772470297ebd, -396),
    (0xa6dfbd9fb8e5b88f, -369),
    (0xf8a95fcf88747d94, -343),
    (0xb94470938fa89bcf, -316),
    (0x8a08f0f8bf0f156b, -289),
    (0xcdb02555653131b6, -263),
    (0x993fe2c6d07b7fac, -236),
    (0xe45c10c42a2b3b06, -210),
    (0xaa242499697392d3, -183),
    (0xfd87b5f28300ca0e, -157),
    (0xbce5086492111aeb, -130),
    (0x8cbccc096f5088cc, -103),
    (0xd1b71758e219652c, -77),
    (0x9c40000000000000, -50),
    (0xe8d4a51000000000, -24),
    (0xad78ebc5ac620000, 3),
    (0x813f3978f8940984, 30),
    (0xc097ce7bc90715b3, 56),
    (0x8f7e32ce7bea5c70, 83),
    (0xd5d238a4abe98068, 109),
    (0x9f4f2726179a2245, 136),
    (0xed63a231d4c4fb27, 162),
    (0xb0de65388cc8ada8, 189),
    (0x83c7088e1aab65db, 216),
    (0xc45d1df942711d9a, 242),
    (0x924d692ca61be758, 269),
    (0xda01ee641a708dea, 295),
    (0xa26da3999aef774a, 322),
    (0xf209787bb47d6b85, 348),
    (0xb454e4a179dd1877, 375),
    (0x865b86925b9bc5c2, 402),
    (0xc83553c5c8965d3d, 428),
    (0x952ab45cfa97a0b3, 455),
    (0xde469fbd99a05fe3, 481),
    (0xa59bc234db398c25, 508),
    (0xf6c69a72a3989f5c, 534),
    (0xb7dcbf5354e9bece, 561),
    (0x88fcf317f22241e2, 588),
    (0xcc20ce9bd35c78a5, 614),
    (0x98165af37b2153df, 641),
    (0xe2a0b5dc971f303a, 667),
    (0xa8d9d1535ce3b396, 694),
    (0xfb9b7cd9a4a7443c, 720),
    (0xbb764c4ca7a44410, 747),
    (0x8bab8eefb6409c1a, 774),
    (0xd01fef10a657842c, 800),
    (0x9b10a4e5e9913129, 827),
    (0xe7109bfba19c0c9d, 853),
    (0xac2820d9623bf429, 880),
    (0x80444b5e7aa7cf85, 907),
    (0xbf21e44003acdd2d, 933),
    (0x8e679c2f5e44ff8f, 960),
    (0xd433179d9c8cb841, 986),
    (0x9e19db92b4e31ba9, 1013),
    (0xeb96bf6ebadf77d9, 1039),
    (0xaf87023b9bf0ee6b, 1066),
];
const FIRST_POWER: i32 = -348;
const POWER_STEP: i32 = 8;

fn build_fp(v: f64) -> Fp {
    let bits = v.to_bits();
    let frac = bits & FRAC_MASK;
    let biased = ((bits >> 52) & 0x7FF) as i32;
    if biased != 0 {
        Fp {
            frac: frac + HIDDEN_BIT,
            exp: biased - EXP_BIAS,
        }
    } else {
        Fp {
            frac,
            exp: 1 - EXP_BIAS,
        }
    }
}

fn normalize(mut fp: Fp) -> Fp {
    while fp.frac & HIDDEN_BIT == 0 {
        fp.frac <<= 1;
        fp.exp -= 1;
    }
    Fp {
        frac: fp.frac << 11,
        exp: fp.exp - 11,
    }
}

/// The rounding boundaries m- and m+, both normalised to m+'s exponent.
fn boundaries(fp: Fp) -> (Fp, Fp) {
    let mut upper = Fp {
        frac: (fp.frac << 1) + 1,
        exp: fp.exp - 1,
    };
    while upper.frac & (HIDDEN_BIT << 1) == 0 {
        upper.frac <<= 1;
        upper.exp -= 1;
    }
    upper.frac <<= 10;
    upper.exp -= 10;
    // fpconv treats every significand equal to the hidden bit as a power of
    // two with a closer lower neighbour, including the smallest normal.
    let shift = if fp.frac == HIDDEN_BIT { 2 } else { 1 };
    let lower_exp = fp.exp - shift;
    let lower = Fp {
        frac: ((fp.frac << shift) - 1) << (lower_exp - upper.exp),
        exp: upper.exp,
    };
    (lower, upper)
}

fn multiply(a: Fp, b: Fp) -> Fp {
    let p = u128::from(a.frac) * u128::from(b.frac) + (1u128 << 63);
    Fp {
        frac: (p >> 64) as u64,
        exp: a.exp + b.exp + 64,
    }
}

/// Picks the cached power that brings `exp` into [-60, -32]; the starting
/// estimate (with fpconv's `+ 87` offset) matters when two powers qualify.
fn cached_power(exp: i32) -> (Fp, i32) {
    let approx = (f64::from(-(exp + 87)) * 0.301_029_995_663_981_14) as i32;
    let mut idx = ((approx - FIRST_POWER) / POWER_STEP) as usize;
    loop {
        let (frac, pexp) = POWERS[idx];
        let current = exp + pexp + 64;
        if current < -60 {
            idx += 1;
        } else if current > -32 {
            idx -= 1;
        } else {
            return (
                Fp { frac, exp: pexp },
                FIRST_POWER + idx as i32 * POWER_STEP,
            );
        }
    }
}

const TENS: [u64; 20] = {
    let mut t = [1u64; 20];
    let mut i = 19;
    while i > 0 {
        i -= 1;
        t[i] = t[i + 1] * 10;
    }
    t
};

/// Nudges the last digit towards the exact value while staying inside the
/// interval (Grisu's "weed" step in its Grisu2 form).
fn round_digit(digits: &mut [u8], delta: u64, mut rem: u64, kappa: u64, frac: u64) {
    let last = digits.len() - 1;
    while rem < frac
        && delta.wrapping_sub(rem) >= kappa
        && (rem.wrapping_add(kappa) < frac
            || frac.wrapping_sub(rem) > rem.wrapping_add(kappa).wrapping_sub(frac))
    {
        digits[last] -= 1;
        rem = rem.wrapping_add(kappa);
    }
}

/// Returns the number of digits written; `k` receives the decimal exponent
/// of the last digit.
fn generate_digits(w: Fp, upper: Fp, lower: Fp, digits: &mut [u8; 24], k: &mut i32) -> usize {
    let wfrac = upper.frac.wrapping_sub(w.frac);
    let mut delta = upper.frac.wrapping_sub(lower.frac);
    let shift = (-upper.exp) as u32;
    let one = 1u64 << shift;
    let mut part1 = upper.frac >> shift;
    let mut part2 = upper.frac & (one - 1);

    let mut n = 0;
    let mut kappa = 10;
    for &div in &TENS[10..] {
        let digit = part1 / div;
        if digit != 0 || n != 0 {
            digits[n] = b'0' + digit as u8;
            n += 1;
        }
        part1 -= digit * div;
        kappa -= 1;
        let rem = (part1 << shift).wrapping_add(part2);
        if rem <= delta {
            *k += kappa;
            round_digit(&mut digits[..n], delta, rem, div << shift, wfrac);
            return n;
        }
    }

    let mut unit = 18;
    loop {
        part2 = part2.wrapping_mul(10);
        delta = delta.wrapping_mul(10);
        kappa -= 1;
        let digit = part2 >> shift;
        if digit != 0 || n != 0 {
            digits[n] = b'0' + digit as u8;
            n += 1;
        }
        part2 &= one - 1;
        if part2 < delta {
            *k += kappa;
            round_digit(
                &mut digits[..n],
                delta,
                part2,
                one,
                wfrac.wrapping_mul(TENS[unit]),
            );
            return n;
        }
        unit -= 1;
    }
}

fn grisu2(v: f64, digits: &mut [u8; 24], k: &mut i32) -> usize {
    let w = build_fp(v);
    let (lower, upper) = boundaries(w);
    let w = normalize(w);
    let (cp, pow) = cached_power(upper.exp);
    let w = multiply(w, cp);
    let mut upper = multiply(upper, cp);
    let mut lower = multiply(lower, cp);
    lower.frac += 1;
    upper.frac -= 1;
    *k = -pow;
    generate_digits(w, upper, lower, digits, k)
}

/// fpconv's layout: plain integers while the exponent stays below
/// `ndigits + 7`, plain decimals for small negative exponents, otherwise
/// `d.ddde±x` with no exponent padding.
fn emit_digits(digits: &[u8], k: i32, negative: bool, out: &mut [u8]) -> usize {
    let nd = digits.len() as i32;
    let exp = (k + nd - 1).abs();

    if k >= 0 && exp < nd + 7 {
        out[..digits.len()].copy_from_slice(digits);
        out[digits.len()..digits.len() + k as usize].fill(b'0');
        return digits.len() + k as usize;
    }

    if k < 0 && (k > -7 || exp < 4) {
        let int_len = nd + k;
        if int_len <= 0 {
            let zeros = (-int_len) as usize;
            out[0] = b'0';
            out[1] = b'.';
            out[2..2 + zeros].fill(b'0');
            out[2 + zeros..2 + zeros + digits.len()].copy_from_slice(digits);
            return digits.len() + 2 + zeros;
        }
        let int_len = int_len as usize;
        out[..int_len].copy_from_slice(&digits[..int_len]);
        out[int_len] = b'.';
        out[int_len + 1..digits.len() + 1].copy_from_slice(&digits[int_len..]);
        return digits.len() + 1;
    }

    let nd = digits.len().min(18 - usize::from(negative));
    let mut i = 0;
    out[i] = digits[0];
    i += 1;
    if nd > 1 {
        out[i] = b'.';
        i += 1;
        out[i..i + nd - 1].copy_from_slice(&digits[1..nd]);
        i += nd - 1;
    }
    out[i] = b'e';
    out[i + 1] = if k + nd as i32 - 1 < 0 { b'-' } else { b'+' };
    i += 2;
    let mut e = exp;
    let hundreds = e / 100;
    if hundreds > 0 {
        out[i] = b'0' + hundreds as u8;
        i += 1;
        e -= hundreds * 100;
    }
    if e > 9 {
        out[i] = b'0' + (e / 10) as u8;
        i += 1;
        e %= 10;
    } else if hundreds > 0 {
        out[i] = b'0';
        i += 1;
    }
    out[i] = b'0' + e as u8;
    i + 1
}

/// `fpconv_dtoa` for finite, non-zero `v`.
fn fpconv_dtoa(v: f64, out: &mut [u8; MAX_DOUBLE_CHARS]) -> usize {
    debug_assert!(v.is_finite() && v != 0.0);
    let negative = v.is_sign_negative();
    let start = usize::from(negative);
    if negative {
        out[0] = b'-';
    }
    let mut digits = [0u8; 24];
    let mut k = 0;
    let n = grisu2(v, &mut digits, &mut k);
    start + emit_digits(&digits[..n], k, negative, &mut out[start..])
}

#[cfg(test)]
mod tests;
