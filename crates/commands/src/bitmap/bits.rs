//! Bit-level work on string bytes, shared by the bitmap commands: bit numbering is Redis's,
//! most significant bit of byte 0 first, and bytes past the end of a string read as zero.

/// Bits set in `[from, to]` (bit positions, inclusive; `to` must lie inside `bytes`).
pub fn count_ones(bytes: &[u8], from: u64, to: u64) -> u64 {
    let (first, last) = ((from >> 3) as usize, (to >> 3) as usize);
    let mut n = popcount(&bytes[first..=last]);
    // Take back the bits of the edge bytes that lie outside the range.
    let head = bytes[first] & !(0xffu8 >> (from & 7));
    let tail = bytes[last] & (0x7fu8 >> (to & 7));
    n -= (head.count_ones() + tail.count_ones()) as u64;
    n
}

fn popcount(bytes: &[u8]) -> u64 {
    let mut chunks = bytes.chunks_exact(8);
    let mut n = 0u64;
    for c in &mut chunks {
        n += u64::from_ne_bytes(c.try_into().expect("8 bytes")).count_ones() as u64;
    }
    n + chunks
        .remainder()
        .iter()
        .map(|b| b.count_ones() as u64)
        .sum::<u64>()
}

/// The first bit equal to `bit` in `[from, to]` (bit positions, inclusive, inside `bytes`).
pub fn find_bit(bytes: &[u8], bit: bool, from: u64, to: u64) -> Option<u64> {
    let (first, last) = ((from >> 3) as usize, (to >> 3) as usize);
    // Each byte is turned so that the bits we look for are ones, and bits outside the range
    // are cleared.
    let look = |i: usize| -> u8 {
        let mut b = if bit { bytes[i] } else { !bytes[i] };
        if i == first {
            b &= 0xffu8 >> (from & 7);
        }
        if i == last {
            b &= 0xffu8 << (7 - (to & 7));
        }
        b
    };
    let hit = |i: usize, b: u8| Some(i as u64 * 8 + b.leading_zeros() as u64);
    let b = look(first);
    if b != 0 {
        return hit(first, b);
    }
    if first == last {
        return None;
    }
    // Whole words in the middle: skip the ones holding no candidate.
    let skip = if bit { 0u64 } else { u64::MAX };
    let mut i = first + 1;
    while i + 8 <= last {
        let w = u64::from_be_bytes(bytes[i..i + 8].try_into().expect("8 bytes"));
        if w != skip {
            let w = if bit { w } else { !w };
            return Some(i as u64 * 8 + w.leading_zeros() as u64);
        }
        i += 8;
    }
    while i <= last {
        let b = look(i);
        if b != 0 {
            return hit(i, b);
        }
        i += 1;
    }
    None
}

/// Redis's index rules for BITCOUNT and BITPOS ranges: negative indexes count from the end,
/// both ends are clamped into `[0, len - 1]`; None when the range is empty.
pub fn clamp_range(mut start: i64, mut end: i64, len: i64) -> Option<(u64, u64)> {
    if start < 0 {
        start += len;
    }
    if end < 0 {
        end += len;
    }
    start = start.max(0);
    end = end.max(0);
    if end >= len {
        end = len - 1;
    }
    (start <= end).then_some((start as u64, end as u64))
}

/// `bits` bits from bit `offset` as an unsigned number (missing bytes read as zero).
pub fn get_unsigned(bytes: &[u8], offset: u64, bits: u32) -> u64 {
    let mut v = 0u64;
    for i in 0..bits as u64 {
        let pos = offset + i;
        let byte = bytes.get((pos >> 3) as usize).copied().unwrap_or(0);
        v = (v << 1) | ((byte >> (7 - (pos & 7))) & 1) as u64;
    }
    v
}

/// `bits` bits from bit `offset` as a two's complement number.
pub fn get_signed(bytes: &[u8], offset: u64, bits: u32) -> i64 {
    let v = get_unsigned(bytes, offset, bits);
    if bits < 64 && v & (1 << (bits - 1)) != 0 {
        (v | (u64::MAX << bits)) as i64
    } else {
        v as i64
    }
}

/// Writes the low `bits` bits of `value` at bit `offset` (the bytes must be long enough).
pub fn set_bits(bytes: &mut [u8], offset: u64, bits: u32, value: u64) {
    for i in 0..bits as u64 {
        let pos = offset + i;
        let on = (value >> (bits as u64 - 1 - i)) & 1;
        let byte = &mut bytes[(pos >> 3) as usize];
        let shift = 7 - (pos & 7);
        *byte = (*byte & !(1 << shift)) | ((on as u8) << shift);
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Overflow {
    Wrap,
    Sat,
    Fail,
}

/// The outcome of an arithmetic step on a bitfield: `Ok(v)` when it fits, `Err(v)` when it
/// overflowed, `v` being the wrapped or saturated value (meaningless under FAIL).
pub type Step<T> = Result<T, T>;

/// Redis's checkUnsignedBitfieldOverflow, with its exact (wrapping) arithmetic, so results
/// agree even for arguments far outside the field's range.
pub fn unsigned_step(value: u64, incr: i64, bits: u32, ow: Overflow) -> Step<u64> {
    let max = if bits == 64 {
        u64::MAX
    } else {
        (1u64 << bits) - 1
    };
    let max_incr = max.wrapping_sub(value) as i64;
    let min_incr = 0u64.wrapping_sub(value) as i64;
    let wrapped = || value.wrapping_add(incr as u64) & max;
    if value > max || (incr > 0 && incr > max_incr) {
        Err(match ow {
            Overflow::Wrap => wrapped(),
            Overflow::Sat => max,
            Overflow::Fail => 0,
        })
    } else if incr < 0 && incr < min_incr {
        Err(match ow {
            Overflow::Wrap => wrapped(),
            _ => 0,
        })
    } else {
        Ok(value.wrapping_add(incr as u64))
    }
}

/// Redis's checkSignedBitfieldOverflow, including its quirks for out-of-range SET values.
pub fn signed_step(value: i64, incr: i64, bits: u32, ow: Overflow) -> Step<i64> {
    let max = if bits == 64 {
        i64::MAX
    } else {
        (1i64 << (bits - 1)) - 1
    };
    let min = -max - 1;
    let max_incr = (max as u64).wrapping_sub(value as u64) as i64;
    let min_incr = min.wrapping_sub(value);
    let wrapped = || {
        let mut c = (value as u64).wrapping_add(incr as u64);
        if bits < 64 {
            let mask = u64::MAX << bits;
            if c & (1 << (bits - 1)) != 0 {
                c |= mask;
            } else {
                c &= !mask;
            }
        }
        c as i64
    };
    if value > max || (bits != 64 && incr > max_incr) || (value >= 0 && incr > 0 && incr > max_incr)
    {
        Err(match ow {
            Overflow::Wrap => wrapped(),
            Overflow::Sat => max,
            Overflow::Fail => 0,
        })
    } else if value < min
        || (bits != 64 && incr < min_incr)
        || (value < 0 && incr < 0 && incr < min_incr)
    {
        Err(match ow {
            Overflow::Wrap => wrapped(),
            Overflow::Sat => min,
            Overflow::Fail => 0,
        })
    } else {
        Ok(value.wrapping_add(incr))
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn bit_at(bytes: &[u8], pos: u64) -> bool {
        bytes
            .get((pos >> 3) as usize)
            .is_some_and(|b| b >> (7 - (pos & 7)) & 1 == 1)
    }

    #[test]
    fn fields_read_and_write_msb_first() {
        let mut b = vec![0u8; 3];
        set_bits(&mut b, 4, 8, 0xab);
        assert_eq!(b, [0x0a, 0xb0, 0]);
        assert_eq!(get_unsigned(&b, 4, 8), 0xab);
        assert_eq!(get_signed(&b, 4, 8), 0xab_u8 as i8 as i64);
        assert_eq!(get_signed(&b, 4, 4), -6);
        assert_eq!(get_unsigned(&b, 20, 12), 0);
        let mut w = vec![0u8; 9];
        set_bits(&mut w, 3, 64, 0x8000_0000_0000_0001);
        assert_eq!(get_signed(&w, 3, 64), i64::MIN + 1);
    }

    #[test]
    fn overflow_rules() {
        assert_eq!(unsigned_step(250, 10, 8, Overflow::Wrap), Err(4));
        assert_eq!(unsigned_step(250, 10, 8, Overflow::Sat), Err(255));
        assert_eq!(unsigned_step(5, -10, 8, Overflow::Sat), Err(0));
        assert_eq!(unsigned_step(5, -10, 8, Overflow::Wrap), Err(251));
        assert_eq!(unsigned_step(5, -5, 8, Overflow::Fail), Ok(0));
        assert_eq!(signed_step(127, 1, 8, Overflow::Wrap), Err(-128));
        assert_eq!(signed_step(-128, -1, 8, Overflow::Sat), Err(-128));
        assert_eq!(signed_step(i64::MAX, 1, 64, Overflow::Wrap), Err(i64::MIN));
        assert_eq!(
            signed_step(-5, i64::MAX, 64, Overflow::Fail),
            Ok(i64::MAX - 5)
        );
        // SET i8 with i64::MIN under SAT gives the field's maximum, as in Redis.
        assert_eq!(signed_step(i64::MIN, 0, 8, Overflow::Sat), Err(127));
        assert_eq!(unsigned_step(u64::MAX, 0, 8, Overflow::Sat), Err(255));
    }

    proptest! {
        #[test]
        fn count_and_find_match_a_bit_by_bit_scan(
            bytes in proptest::collection::vec(prop_oneof![Just(0u8), Just(0xff), any::<u8>()], 1..40),
            a in 0u64..320, b in 0u64..320, bit: bool,
        ) {
            let nbits = bytes.len() as u64 * 8;
            let (from, to) = (a.min(b) % nbits, a.max(b) % nbits);
            let (from, to) = (from.min(to), from.max(to));
            let want_count = (from..=to).filter(|&p| bit_at(&bytes, p)).count() as u64;
            prop_assert_eq!(count_ones(&bytes, from, to), want_count);
            let want_pos = (from..=to).find(|&p| bit_at(&bytes, p) == bit);
            prop_assert_eq!(find_bit(&bytes, bit, from, to), want_pos);
        }

        #[test]
        fn set_then_get_round_trips(
            off in 0u64..100, bits in 1u32..=64, value: u64,
        ) {
            let mut b = vec![0x5au8; 22];
            let before = b.clone();
            set_bits(&mut b, off, bits, value);
            let mask = if bits == 64 { u64::MAX } else { (1 << bits) - 1 };
            prop_assert_eq!(get_unsigned(&b, off, bits), value & mask);
            for p in (0..176).filter(|p| *p < off || *p >= off + bits as u64) {
                prop_assert_eq!(bit_at(&b, p), bit_at(&before, p));
            }
        }
    }
}
