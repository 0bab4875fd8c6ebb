//! What `list-max-listpack-size` allows in one listpack: a byte budget for negative values
//! (-1..-5 = 4, 8, 16, 32, 64 KiB), an entry count for positive ones (0 counts as 1), and for
//! counted nodes a fixed 8 KiB safety cap on bytes as well.

const SIZE_LEVELS: [usize; 5] = [4096, 8192, 16384, 32768, 65536];
const SIZE_SAFETY_LIMIT: usize = 8192;

/// Byte and entry limits for `fill`; the one that does not apply is its type's maximum.
pub fn node_limit(fill: i64) -> (usize, u32) {
    if fill >= 0 {
        let count = if fill == 0 {
            1
        } else {
            u32::try_from(fill).unwrap_or(u32::MAX)
        };
        (usize::MAX, count)
    } else {
        let level = (fill.unsigned_abs() - 1).min(SIZE_LEVELS.len() as u64 - 1);
        (SIZE_LEVELS[level as usize], u32::MAX)
    }
}

/// True when a listpack of `bytes` bytes and `count` entries is over the limit.
pub fn exceeds(fill: i64, bytes: usize, count: usize) -> bool {
    let (size_limit, count_limit) = node_limit(fill);
    if size_limit != usize::MAX {
        bytes > size_limit
    } else {
        bytes > SIZE_SAFETY_LIMIT || count > count_limit as usize
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_follow_fill() {
        assert_eq!(node_limit(-1), (4096, u32::MAX));
        assert_eq!(node_limit(-2), (8192, u32::MAX));
        assert_eq!(node_limit(-5), (65536, u32::MAX));
        assert_eq!(node_limit(-6), (65536, u32::MAX));
        assert_eq!(node_limit(i32::MIN as i64), (65536, u32::MAX));
        assert_eq!(node_limit(0), (usize::MAX, 1));
        assert_eq!(node_limit(128), (usize::MAX, 128));
        assert!(!exceeds(-2, 8192, 100_000));
        assert!(exceeds(-2, 8193, 1));
        assert!(!exceeds(4, 8192, 4));
        assert!(exceeds(4, 8192, 5));
        assert!(exceeds(1000, 8193, 2));
    }
}
