use super::*;

/// (bit pattern, Redis 7.2 text). Expected texts come from Redis's own
/// fpconv_dtoa + d2string compiled as an oracle; the same oracle agreed with
/// this module on 6 million further values (random bits, short decimals,
/// subnormals, powers of two, values around 2^62).
const TABLE: &[(u64, &str)] = &[
    (0x0000000000000000, "0"),
    (0x8000000000000000, "-0"),
    (0x7ff0000000000000, "inf"),
    (0xfff0000000000000, "-inf"),
    (0x7ff8000000000000, "nan"),
    (0xfff8000000000000, "nan"),
    (0x3ff0000000000000, "1"),
    (0x3ff8000000000000, "1.5"),
    (0xbff8000000000000, "-1.5"),
    (0xbfe0000000000000, "-0.5"),
    (0x40c81c8000000000, "12345"),
    (0x3fb999999999999a, "0.1"),
    (0x3f847ae147ae147b, "0.01"),
    (0x3f847ae147ae147c, "0.010000000000000002"),
    (0x3f50624dd2f1a9fc, "0.001"),
    (0x3f1a36e2eb1c432d, "0.0001"),
    (0x3f201f31f46ed246, "0.000123"),
    (0x3ee4f8b588e368f1, "0.00001"),
    (0x3eb0c6f7a0b5ed8d, "0.000001"),
    (0x3ebc8571c4687a3d, "1.7e-6"),
    (0x3eb4b3fd5942cd96, "1.234e-6"),
    (0x3e8421f5f40d8376, "1.5e-7"),
    (0x3e7ad7f29abcaf48, "1e-7"),
    (0x3e841b2f769cf0e0, "1.4980281131695715e-7"),
    (0x3c9cd2b297d889bc, "1e-16"),
    (0x3fd5555555555555, "0.3333333333333333"),
    (0x400921fb54442d18, "3.141592653589793"),
    (0x3fe62e42fefa39ef, "0.6931471805599453"),
    (0x40fe240c9fbe76c9, "123456.789"),
    // Integral values up to 2^62 print through the integer path.
    (0x412e848000000000, "1000000"),
    (0x4197d78400000000, "100000000"),
    (0x4202a05f1ff80000, "9999999999"),
    (0x42b2309ce5400000, "20000000000000"),
    (0x4341c37937e08000, "10000000000000000"),
    (0x4350000000000000, "18014398509481984"),
    (0x43c158e460913d00, "2500000000000000000"),
    (0x43d0000000000000, "4611686018427387904"),
    (0xc3d0000000000000, "-4611686018427387904"),
    // Just past 2^62 fpconv takes over: plain digits, then exponent form.
    (0x43d0000000000001, "4611686018427389000"),
    (0xc3d0000000000001, "-4611686018427389000"),
    (0x43d158e460913d00, "5e+18"),
    (0x43e158e460913d00, "1e+19"),
    (0x4415af1d78b58c40, "1e+20"),
    (0x444b1ae4d6e2ef50, "1e+21"),
    (0x4480f0cf064dd592, "1e+22"),
    (0x44b52d02c7e14af6, "99999999999999990000000"),
    (0x54b249ad2594c37d, "1e+100"),
    (0x7e41eb2d66005835, "1.5e+300"),
    (0x81bac9a7b3b7302f, "-2.5e-300"),
    (0x7fefffffffffffff, "1.7976931348623157e+308"),
    (0x0010000000000000, "2.2250738585072014e-308"),
    (0x0000000000000001, "5e-324"),
    (0x8000000000000001, "-5e-324"),
    // Grisu2 is not always shortest or closest; Redis prints these.
    (0x404621c50b59daac, "44.263825816034426"),
    (0x430aecb2ab9aadce, "947325190231481.7"),
    (0x3de498bae15c5b0a, "1.4985999999999999e-10"),
];

#[test]
fn table() {
    let mut buf = [0u8; MAX_DOUBLE_CHARS];
    for &(bits, want) in TABLE {
        let v = f64::from_bits(bits);
        assert_eq!(format_double(v, &mut buf), want, "{bits:#018x} ({v:e})");
    }
}

#[test]
fn round_trips() {
    let mut buf = [0u8; MAX_DOUBLE_CHARS];
    let mut x: u64 = 0x2545_f491_4f6c_dd1d;
    for _ in 0..200_000 {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        let v = f64::from_bits(x);
        let s = format_double(v, &mut buf);
        if v.is_nan() {
            assert_eq!(s, "nan");
            continue;
        }
        let back: f64 = s.parse().unwrap_or_else(|_| panic!("{s:?} does not parse"));
        assert_eq!(back.to_bits(), v.to_bits(), "{v:e} printed as {s}");
        // Never more than 17 significant digits, never fewer than the shortest.
        let digits = |t: &str| {
            let m = t
                .trim_start_matches('-')
                .split('e')
                .next()
                .unwrap()
                .replace('.', "");
            m.trim_start_matches('0').trim_end_matches('0').len()
        };
        let shortest = format!("{v:e}");
        if as_exact_i64(v).is_none() {
            assert!(
                digits(s) <= 17 && digits(s) >= digits(&shortest),
                "{s} vs {shortest}"
            );
        }
    }
}

#[test]
fn cached_powers_are_consistent() {
    // Exact check where 10^k fits in u128.
    for (i, &(frac, exp)) in POWERS.iter().enumerate() {
        let k = FIRST_POWER + i as i32 * POWER_STEP;
        assert!(frac >> 63 == 1, "entry {i} not normalised");
        if (0..=38).contains(&k) {
            let p = 10u128.pow(k as u32);
            let shift = 128 - p.leading_zeros() as i32 - 64;
            assert_eq!(exp, shift);
            let want = if shift > 0 {
                (p + (1u128 << (shift - 1))) >> shift
            } else {
                p << -shift
            };
            assert_eq!(u128::from(frac), want, "10^{k}");
        }
        // Neighbours differ by 10^8 up to the rounding of either entry.
        if let Some(&(next_frac, next_exp)) = POWERS.get(i + 1) {
            let prod = multiply(
                Fp { frac, exp },
                Fp {
                    frac: 100_000_000 << 37,
                    exp: -37,
                },
            );
            let prod = normalize_full(prod);
            assert_eq!(prod.exp, next_exp, "exponent after 10^{k}");
            assert!(
                prod.frac.abs_diff(next_frac) <= 2,
                "10^{} from 10^{k}",
                k + 8
            );
        }
    }
}

fn normalize_full(mut fp: Fp) -> Fp {
    while fp.frac >> 63 == 0 {
        fp.frac <<= 1;
        fp.exp -= 1;
    }
    fp
}
