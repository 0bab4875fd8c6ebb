//! LEB128 lengths for the set encodings' length prefixes (one byte up to 127).

/// Longest encoding of a `usize`.
pub(crate) const MAX: usize = 10;

pub(crate) fn len(mut v: usize) -> usize {
    let mut n = 1;
    while v >= 0x80 {
        v >>= 7;
        n += 1;
    }
    n
}

pub(crate) fn write(buf: &mut [u8], mut v: usize) -> usize {
    let mut i = 0;
    while v >= 0x80 {
        buf[i] = (v as u8) | 0x80;
        v >>= 7;
        i += 1;
    }
    buf[i] = v as u8;
    i + 1
}

/// The value at the start of `buf` and how many bytes it took.
pub(crate) fn read(buf: &[u8]) -> (usize, usize) {
    let mut v = 0usize;
    let mut shift = 0;
    for (i, &b) in buf.iter().enumerate() {
        v |= ((b & 0x7f) as usize) << shift;
        if b & 0x80 == 0 {
            return (v, i + 1);
        }
        shift += 7;
    }
    panic!("truncated length prefix");
}
