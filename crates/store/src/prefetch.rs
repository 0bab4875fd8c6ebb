//! Software prefetch for pipelined commands.
//!
//! A pipelined GET spends most of its time waiting on three dependent cache misses: the slot's
//! lock word, the table's control bytes and the entry block. When a connection's read holds
//! several commands, the connection warms the keys of the next ones first: the slot lines of
//! all of them (these misses overlap), then one table probe each that prefetches the entry
//! block (the probes' own loads still follow one another, since each `try_lock` is a locked
//! instruction that waits for earlier loads; the entry misses overlap). Prefetches are hints:
//! they never fault and change no data. A probe holds its slot's lock for a moment, so another
//! thread locking that slot then may count a slot-lock wait that a hint caused.

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
