//! An owned byte string behind one thin pointer: `[varint len][bytes]` in a single block.
//!
//! A hashtable slot then costs 8 bytes (Redis's bucket pointer) instead of a fat `Box<[u8]>`'s
//! 16, and the length prefix is one byte for members up to 127 bytes (an sds header is 3 plus a
//! NUL). The compact encodings keep their buffers in one too, which keeps a whole set value at
//! 16 bytes. All unsafe code of the set type is in this file.

use std::alloc::{alloc_zeroed, dealloc, Layout};
use std::ptr::NonNull;

use super::varint;

pub(crate) struct Thin {
    ptr: NonNull<u8>,
}

// SAFETY: a Thin exclusively owns its block, like a Box<[u8]>.
unsafe impl Send for Thin {}
unsafe impl Sync for Thin {}

impl Thin {
    pub fn new(bytes: &[u8]) -> Thin {
        Thin::build(bytes.len(), |dst| dst.copy_from_slice(bytes))
    }

    /// A block of `len` bytes filled by `fill` (which gets them zeroed): one allocation and
    /// one copy for an edit that changes the length, like a realloc plus memmove.
    pub fn build(len: usize, fill: impl FnOnce(&mut [u8])) -> Thin {
        let head = varint::len(len);
        let size = head + len;
        let layout = Layout::from_size_align(size, 1).expect("member size fits isize");
        // SAFETY: size >= 1 (the length prefix is at least one byte).
        let raw = unsafe { alloc_zeroed(layout) };
        let Some(ptr) = NonNull::new(raw) else {
            std::alloc::handle_alloc_error(layout)
        };
        // SAFETY: the block is `size` initialised (zeroed) bytes, owned by us alone.
        let block = unsafe { std::slice::from_raw_parts_mut(ptr.as_ptr(), size) };
        varint::write(&mut block[..head], len);
        fill(&mut block[head..]);
        Thin { ptr }
    }

    /// (length, prefix size), reading the prefix one byte at a time so nothing past its end is
    /// touched.
    fn header(&self) -> (usize, usize) {
        let mut v = 0usize;
        let mut shift = 0;
        let mut i = 0;
        loop {
            // SAFETY: the prefix is terminated inside the block.
            let b = unsafe { *self.ptr.as_ptr().add(i) };
            v |= ((b & 0x7f) as usize) << shift;
            i += 1;
            if b & 0x80 == 0 {
                return (v, i);
            }
            shift += 7;
        }
    }

    pub fn as_bytes(&self) -> &[u8] {
        let (len, head) = self.header();
        // SAFETY: the block holds `head + len` initialised bytes.
        unsafe { std::slice::from_raw_parts(self.ptr.as_ptr().add(head), len) }
    }

    /// Bytes of the block.
    pub fn size(&self) -> usize {
        let (len, head) = self.header();
        len + head
    }
}

impl Drop for Thin {
    fn drop(&mut self) {
        let layout = Layout::from_size_align(self.size(), 1).expect("valid layout");
        // SAFETY: allocated in `new` with exactly this layout, freed once.
        unsafe { dealloc(self.ptr.as_ptr(), layout) };
    }
}

impl Clone for Thin {
    fn clone(&self) -> Thin {
        Thin::new(self.as_bytes())
    }
}

impl std::fmt::Debug for Thin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:?}", String::from_utf8_lossy(self.as_bytes()))
    }
}
