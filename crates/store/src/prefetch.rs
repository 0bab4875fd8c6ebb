//! Software prefetch for pipelined commands.
//!
//! A pipelined GET spends most of its time waiting on three dependent cache misses: the slot's
//! lock word, the table's control bytes and the entry block. When a connection's read holds
//! several commands, the connection warms the keys of the next ones first (slot lines, then
//! table probes that prefetch entries), so the misses of a batch overlap instead of following
//! one another. Prefetches are hints: they never fault and change no data.

/// Asks the CPU to bring the cache line holding `p` into L1.
#[inline]
pub fn line(p: *const u8) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: PREFETCHT0 is a hint with no architectural effect; any address is allowed.
    unsafe {
        core::arch::x86_64::_mm_prefetch::<{ core::arch::x86_64::_MM_HINT_T0 }>(p as *const i8);
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = p;
}
