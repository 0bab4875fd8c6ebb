//! A global-allocator wrapper that counts live heap bytes, for `used_memory` and `maxmemory`.
//!
//! Counters are striped per thread (each thread adds to its own cache line) so counting costs
//! no shared write on the allocation path; a read sums the stripes.

use std::alloc::{GlobalAlloc, Layout};
use std::cell::Cell;
use std::sync::atomic::{AtomicI64, AtomicUsize, Ordering::Relaxed};

const STRIPES: usize = 64;

#[repr(align(64))]
struct Stripe(AtomicI64);

static COUNTS: [Stripe; STRIPES] = [const { Stripe(AtomicI64::new(0)) }; STRIPES];
static NEXT_STRIPE: AtomicUsize = AtomicUsize::new(0);

thread_local! {
    static MY_STRIPE: Cell<usize> = const { Cell::new(usize::MAX) };
}

#[inline]
fn stripe() -> &'static AtomicI64 {
    let i = MY_STRIPE
        .try_with(|s| {
            let mut i = s.get();
            if i == usize::MAX {
                i = NEXT_STRIPE.fetch_add(1, Relaxed) % STRIPES;
                s.set(i);
            }
            i
        })
        // During thread teardown the TLS slot is gone; any stripe keeps the sum right.
        .unwrap_or(0);
    &COUNTS[i].0
}

/// Live bytes allocated through [`Counting`] (sum over all threads).
pub fn allocated_bytes() -> i64 {
    COUNTS.iter().map(|s| s.0.load(Relaxed)).sum()
}

pub struct Counting<A>(pub A);

// SAFETY: every call is forwarded unchanged to the inner allocator; only counters are added.
unsafe impl<A: GlobalAlloc> GlobalAlloc for Counting<A> {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: forwarded with the caller's guarantees.
        let p = unsafe { self.0.alloc(layout) };
        if !p.is_null() {
            stripe().fetch_add(layout.size() as i64, Relaxed);
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        stripe().fetch_sub(layout.size() as i64, Relaxed);
        // SAFETY: forwarded with the caller's guarantees.
        unsafe { self.0.dealloc(ptr, layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: forwarded with the caller's guarantees.
        let p = unsafe { self.0.alloc_zeroed(layout) };
        if !p.is_null() {
            stripe().fetch_add(layout.size() as i64, Relaxed);
        }
        p
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: forwarded with the caller's guarantees.
        let p = unsafe { self.0.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            stripe().fetch_add(new_size as i64 - layout.size() as i64, Relaxed);
        }
        p
    }
}
