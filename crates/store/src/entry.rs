//! One key and its value in a single heap block behind a thin pointer.
//!
//! The per-slot tables hold one `Entry` (8 bytes) per key. Everything else lives in one
//! allocation so a key with a short string value costs one small block and no second pointer:
//!
//! ```text
//! strings: [kind:1][lru:3][varint keylen][key][expire-at ms: 8, if HAS_EXPIRE][varint len][bytes]
//! objects: [Object][kind:1][lru:3][varint keylen][key][expire-at ms: 8, if HAS_EXPIRE]
//!                  ^ the entry points here
//! ```
//!
//! A collection's `Object` lives in the same block, just before the header (so it is aligned
//! without padding when the block is): no separate box, which saves a small allocation per
//! collection key (its size-class rounding) and a pointer chase on every access.
//!
//! All unsafe code of the keyspace is in this file; the rest of the crate uses the safe API.

use std::alloc::{alloc, dealloc, Layout};
use std::ptr::NonNull;

use crate::object::Object;

/// How a string value was produced; only `OBJECT ENCODING` looks at it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StrEncoding {
    Int,
    Embstr,
    Raw,
}

const KIND_MASK: u8 = 0x07;
const KIND_INT: u8 = 1;
const KIND_EMBSTR: u8 = 2;
const KIND_RAW: u8 = 3;
const KIND_OBJECT: u8 = 4;
const HAS_EXPIRE: u8 = 0x80;
const HEADER: usize = 4;
/// Bytes in front of the header of an object entry.
const OBJ: usize = std::mem::size_of::<Object>();
const OBJ_ALIGN: usize = std::mem::align_of::<Object>();
const _: () = assert!(OBJ.is_multiple_of(OBJ_ALIGN));

pub enum Value<'a> {
    Str(&'a [u8], StrEncoding),
    Object(&'a Object),
}

pub enum ValueMut<'a> {
    Str(&'a [u8], StrEncoding),
    Object(&'a mut Object),
}

/// What a new or replacement value is made of. An object comes by value (it is a few words:
/// the collection's own data is behind its pointers) and is moved into the entry block, so
/// storing one costs no allocation of its own.
pub enum NewValue<'a> {
    Str(&'a [u8], StrEncoding),
    Object(Object),
}

pub struct Entry {
    ptr: NonNull<u8>,
}

// SAFETY: an Entry exclusively owns its block (and the Object it may point to); it is only ever
// reached through the slot lock that guards its table.
unsafe impl Send for Entry {}
unsafe impl Sync for Entry {}

fn varint_len(mut v: usize) -> usize {
    let mut n = 1;
    while v >= 0x80 {
        v >>= 7;
        n += 1;
    }
    n
}

fn write_varint(buf: &mut [u8], mut v: usize) -> usize {
    let mut i = 0;
    while v >= 0x80 {
        buf[i] = (v as u8) | 0x80;
        v >>= 7;
        i += 1;
    }
    buf[i] = v as u8;
    i + 1
}

/// Picks Redis's string encoding for a value as `SET` stores it.
pub fn encoding_for(value: &[u8]) -> StrEncoding {
    if value.len() <= 20 && shoal_util::string2ll(value).is_some() {
        StrEncoding::Int
    } else if value.len() <= 44 {
        StrEncoding::Embstr
    } else {
        StrEncoding::Raw
    }
}

impl Entry {
    /// Starts loading the block's first cache line (kind, key and small values).
    #[inline]
    pub fn prefetch(&self) {
        crate::prefetch::line(self.ptr.as_ptr());
    }

    pub fn new(key: &[u8], value: NewValue<'_>, expire: Option<u64>, lru: u32) -> Entry {
        Self::build(key, value, expire, lru)
    }

    fn build(key: &[u8], value: NewValue<'_>, expire: Option<u64>, lru: u32) -> Entry {
        let (kind, payload) = match &value {
            NewValue::Str(v, enc) => {
                let kind = match enc {
                    StrEncoding::Int => KIND_INT,
                    StrEncoding::Embstr => KIND_EMBSTR,
                    StrEncoding::Raw => KIND_RAW,
                };
                (kind, varint_len(v.len()) + v.len())
            }
            NewValue::Object(_) => (KIND_OBJECT, 0),
        };
        let size = HEADER
            + varint_len(key.len())
            + key.len()
            + if expire.is_some() { 8 } else { 0 }
            + payload;
        let is_object = kind == KIND_OBJECT;
        let layout = Self::block_layout(is_object, size);
        // SAFETY: size is non-zero (HEADER > 0).
        let raw = unsafe { alloc(layout) };
        let Some(base) = NonNull::new(raw) else {
            std::alloc::handle_alloc_error(layout)
        };
        // SAFETY: an object block has OBJ bytes in front of the header.
        let ptr =
            unsafe { NonNull::new_unchecked(base.as_ptr().add(if is_object { OBJ } else { 0 })) };
        // SAFETY: the block is `size` bytes long; it is zeroed first because a slice may only
        // cover initialised bytes (a few dozen bytes of memset, the copies below overwrite them).
        let buf = unsafe {
            std::ptr::write_bytes(ptr.as_ptr(), 0, size);
            std::slice::from_raw_parts_mut(ptr.as_ptr(), size)
        };
        buf[0] = kind | if expire.is_some() { HAS_EXPIRE } else { 0 };
        buf[1..4].copy_from_slice(&lru.to_le_bytes()[..3]);
        let mut pos = HEADER;
        pos += write_varint(&mut buf[pos..], key.len());
        buf[pos..pos + key.len()].copy_from_slice(key);
        pos += key.len();
        if let Some(at) = expire {
            buf[pos..pos + 8].copy_from_slice(&at.to_le_bytes());
            pos += 8;
        }
        match value {
            NewValue::Str(v, _) => {
                pos += write_varint(&mut buf[pos..], v.len());
                buf[pos..pos + v.len()].copy_from_slice(v);
            }
            NewValue::Object(obj) => {
                debug_assert_eq!(pos, size);
                // SAFETY: the block starts OBJ bytes before the header, aligned for Object
                // (block_layout), and nothing lives there yet.
                unsafe { std::ptr::write(base.as_ptr() as *mut Object, obj) };
            }
        }
        Entry { ptr }
    }

    /// The allocation of a block whose header part is `size` bytes.
    fn block_layout(is_object: bool, size: usize) -> Layout {
        if is_object {
            Layout::from_size_align(OBJ + size, OBJ_ALIGN)
        } else {
            Layout::from_size_align(size, 1)
        }
        .expect("entry size fits isize")
    }

    /// Frees the block (not the object in it).
    ///
    /// # Safety
    /// The block must not be used afterwards.
    unsafe fn dealloc_block(&self) {
        let is_object = self.tag() & KIND_MASK == KIND_OBJECT;
        let layout = Self::block_layout(is_object, self.size());
        let base = if is_object {
            // SAFETY: an object block starts OBJ bytes before the header.
            unsafe { self.ptr.as_ptr().sub(OBJ) }
        } else {
            self.ptr.as_ptr()
        };
        // SAFETY: allocated in `build` with exactly this layout.
        unsafe { dealloc(base, layout) };
    }

    fn tag(&self) -> u8 {
        // SAFETY: every block starts with a header of HEADER bytes.
        unsafe { *self.ptr.as_ptr() }
    }

    /// Reads the varint at `at` one byte at a time, so it never touches memory past its end.
    fn varint_at(&self, at: usize) -> (usize, usize) {
        let mut v = 0usize;
        let mut shift = 0;
        let mut i = 0;
        loop {
            // SAFETY: every varint in the block is terminated inside the block.
            let b = unsafe { *self.ptr.as_ptr().add(at + i) };
            v |= ((b & 0x7f) as usize) << shift;
            i += 1;
            if b & 0x80 == 0 {
                return (v, i);
            }
            shift += 7;
        }
    }

    /// Offsets of the key, the expire field and the payload.
    fn layout(&self) -> (usize, usize, usize, usize) {
        let (klen, n) = self.varint_at(HEADER);
        let key_at = HEADER + n;
        let exp_at = key_at + klen;
        let payload_at = exp_at + if self.tag() & HAS_EXPIRE != 0 { 8 } else { 0 };
        (key_at, klen, exp_at, payload_at)
    }

    fn size(&self) -> usize {
        let (_, _, _, payload_at) = self.layout();
        match self.tag() & KIND_MASK {
            KIND_OBJECT => payload_at,
            _ => {
                let (vlen, n) = self.varint_at(payload_at);
                payload_at + n + vlen
            }
        }
    }

    fn bytes_from(&self, at: usize, len: usize) -> &[u8] {
        // SAFETY: callers only ask for ranges that lie inside the block.
        unsafe { std::slice::from_raw_parts(self.ptr.as_ptr().add(at), len) }
    }

    pub fn key(&self) -> &[u8] {
        let (key_at, klen, _, _) = self.layout();
        self.bytes_from(key_at, klen)
    }

    pub fn expire(&self) -> Option<u64> {
        if self.tag() & HAS_EXPIRE == 0 {
            return None;
        }
        let (_, _, exp_at, _) = self.layout();
        let b = self.bytes_from(exp_at, 8);
        Some(u64::from_le_bytes(b.try_into().expect("8 bytes")))
    }

    pub fn lru(&self) -> u32 {
        let b = self.bytes_from(1, 3);
        u32::from_le_bytes([b[0], b[1], b[2], 0])
    }

    pub fn set_lru(&mut self, lru: u32) {
        let b = lru.to_le_bytes();
        // SAFETY: bytes 1..4 are the header's LRU field.
        unsafe { std::ptr::copy_nonoverlapping(b.as_ptr(), self.ptr.as_ptr().add(1), 3) };
    }

    pub fn is_string(&self) -> bool {
        self.tag() & KIND_MASK != KIND_OBJECT
    }

    /// Only for object entries: where the Object lies, in front of the header.
    fn object_ptr(&self) -> *mut Object {
        debug_assert_eq!(self.tag() & KIND_MASK, KIND_OBJECT);
        // SAFETY: an object block starts OBJ bytes before the header.
        unsafe { self.ptr.as_ptr().sub(OBJ) as *mut Object }
    }

    pub fn value(&self) -> Value<'_> {
        match self.tag() & KIND_MASK {
            KIND_OBJECT => {
                // SAFETY: an object entry holds an initialised Object there, owned by the entry.
                Value::Object(unsafe { &*self.object_ptr() })
            }
            kind => Value::Str(self.str_bytes(), Self::str_encoding(kind)),
        }
    }

    pub fn value_mut(&mut self) -> ValueMut<'_> {
        match self.tag() & KIND_MASK {
            KIND_OBJECT => {
                // SAFETY: as in `value`, and `&mut self` makes the access exclusive.
                ValueMut::Object(unsafe { &mut *self.object_ptr() })
            }
            kind => ValueMut::Str(self.str_bytes(), Self::str_encoding(kind)),
        }
    }

    fn str_encoding(kind: u8) -> StrEncoding {
        match kind {
            KIND_INT => StrEncoding::Int,
            KIND_EMBSTR => StrEncoding::Embstr,
            _ => StrEncoding::Raw,
        }
    }

    fn str_bytes(&self) -> &[u8] {
        let (_, _, _, payload_at) = self.layout();
        let (vlen, n) = self.varint_at(payload_at);
        self.bytes_from(payload_at + n, vlen)
    }

    /// The bytes of a string value for an edit that keeps its length (SETBIT, BITFIELD, PFADD on
    /// a dense HyperLogLog), without rebuilding the block; None for collections. The encoding
    /// becomes `raw`, as Redis's dbUnshareStringValue leaves a string it hands out for writing.
    pub fn str_bytes_mut(&mut self) -> Option<&mut [u8]> {
        let tag = self.tag();
        if tag & KIND_MASK == KIND_OBJECT {
            return None;
        }
        // SAFETY: byte 0 is the header's tag; only its kind bits change.
        unsafe { *self.ptr.as_ptr() = (tag & !KIND_MASK) | KIND_RAW };
        let (_, _, _, payload_at) = self.layout();
        let (vlen, n) = self.varint_at(payload_at);
        // SAFETY: the value's bytes lie inside the block, and `&mut self` makes this borrow the
        // only one; the length (and so the block's layout) cannot change through it.
        Some(unsafe { std::slice::from_raw_parts_mut(self.ptr.as_ptr().add(payload_at + n), vlen) })
    }

    /// Replaces the value, keeping key, LRU and (if `keep_expire`) the expire time.
    pub fn set_value(&mut self, value: NewValue<'_>, expire: Option<u64>) {
        let lru = self.lru();
        let fresh = Self::build(self.key(), value, expire, lru);
        *self = fresh;
    }

    /// Changes only the expire time (reallocates when the field appears or disappears).
    pub fn set_expire(&mut self, expire: Option<u64>) {
        match (self.expire(), expire) {
            (Some(_), Some(at)) => {
                let (_, _, exp_at, _) = self.layout();
                // SAFETY: the 8-byte expire field exists at exp_at.
                unsafe {
                    std::ptr::copy_nonoverlapping(
                        at.to_le_bytes().as_ptr(),
                        self.ptr.as_ptr().add(exp_at),
                        8,
                    )
                };
            }
            (None, None) => {}
            _ => {
                let fresh = match self.tag() & KIND_MASK {
                    KIND_OBJECT => {
                        let obj = self.take_object();
                        Self::build(self.key(), NewValue::Object(obj), expire, self.lru())
                    }
                    kind => Self::build(
                        self.key(),
                        NewValue::Str(self.str_bytes(), Self::str_encoding(kind)),
                        expire,
                        self.lru(),
                    ),
                };
                *self = fresh;
            }
        }
    }

    /// Moves the object out, leaving this entry a harmless empty string so Drop is still sound.
    fn take_object(&mut self) -> Object {
        let lru = self.lru();
        let key = self.key().to_vec();
        // Replace self first without running Drop on the object it held.
        let old = std::mem::replace(
            self,
            Self::build(&key, NewValue::Str(b"", StrEncoding::Raw), None, lru),
        );
        // SAFETY: the object is initialised; `old` is freed below without dropping it, so it
        // is moved out exactly once.
        let obj = unsafe { std::ptr::read(old.object_ptr()) };
        old.free_block_only();
        obj
    }

    /// Takes the whole value out of the entry (used by RENAME/MOVE to re-key without copying
    /// large objects).
    pub fn into_parts(mut self) -> (Vec<u8>, OwnedValue, Option<u64>) {
        let key = self.key().to_vec();
        let expire = self.expire();
        let value = match self.tag() & KIND_MASK {
            KIND_OBJECT => OwnedValue::Object(self.take_object()),
            kind => OwnedValue::Str(self.str_bytes().to_vec(), Self::str_encoding(kind)),
        };
        (key, value, expire)
    }

    fn free_block_only(self) {
        // SAFETY: `self` is forgotten right after, so the block is never used again.
        unsafe { self.dealloc_block() };
        std::mem::forget(self);
    }

    /// Heap bytes this entry accounts for (block plus object estimate), for memory reporting.
    pub fn footprint(&self) -> usize {
        let block = self.size() + if self.is_string() { 0 } else { OBJ };
        match self.value() {
            Value::Object(o) => block + o.footprint(),
            Value::Str(..) => block,
        }
    }
}

/// A value taken out of an entry.
pub enum OwnedValue {
    Str(Vec<u8>, StrEncoding),
    Object(Object),
}

impl OwnedValue {
    pub fn as_new(&self) -> NewValue<'_> {
        match self {
            OwnedValue::Str(v, e) => NewValue::Str(v, *e),
            OwnedValue::Object(o) => NewValue::Object(o.clone()),
        }
    }
}

impl Clone for Entry {
    fn clone(&self) -> Self {
        let value = match self.value() {
            Value::Str(v, e) => NewValue::Str(v, e),
            Value::Object(o) => NewValue::Object(o.clone()),
        };
        Self::build(self.key(), value, self.expire(), self.lru())
    }
}

impl Drop for Entry {
    fn drop(&mut self) {
        if self.tag() & KIND_MASK == KIND_OBJECT {
            // SAFETY: the entry owns the object; it is dropped exactly once, here.
            unsafe { std::ptr::drop_in_place(self.object_ptr()) };
        }
        // SAFETY: the entry is being dropped; nothing uses the block after this.
        unsafe { self.dealloc_block() };
    }
}

impl std::fmt::Debug for Entry {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Entry")
            .field("key", &String::from_utf8_lossy(self.key()))
            .field("expire", &self.expire())
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn string_round_trip() {
        let e = Entry::new(
            b"key",
            NewValue::Str(b"value", StrEncoding::Embstr),
            None,
            77,
        );
        assert_eq!(e.key(), b"key");
        assert_eq!(e.expire(), None);
        assert_eq!(e.lru(), 77);
        match e.value() {
            Value::Str(v, enc) => {
                assert_eq!(v, b"value");
                assert_eq!(enc, StrEncoding::Embstr);
            }
            Value::Object(_) => panic!("expected string"),
        }
    }

    #[test]
    fn expire_added_changed_removed() {
        let mut e = Entry::new(b"k", NewValue::Str(b"v", StrEncoding::Embstr), None, 0);
        e.set_expire(Some(123));
        assert_eq!(e.expire(), Some(123));
        e.set_expire(Some(456));
        assert_eq!(e.expire(), Some(456));
        assert_eq!(e.key(), b"k");
        e.set_expire(None);
        assert_eq!(e.expire(), None);
        assert!(matches!(e.value(), Value::Str(b"v", _)));
    }

    #[test]
    fn long_keys_and_values() {
        let key = vec![b'k'; 100_000];
        let val = vec![7u8; 300_000];
        let mut e = Entry::new(&key, NewValue::Str(&val, StrEncoding::Raw), Some(9), 1);
        assert_eq!(e.key(), &key[..]);
        assert!(matches!(e.value(), Value::Str(v, StrEncoding::Raw) if v == &val[..]));
        e.set_value(NewValue::Str(b"", StrEncoding::Embstr), Some(9));
        assert!(matches!(e.value(), Value::Str(b"", _)));
        assert_eq!(e.key(), &key[..]);
    }

    #[test]
    fn string_bytes_edited_in_place_become_raw() {
        let mut e = Entry::new(b"k", NewValue::Str(b"123", StrEncoding::Int), Some(5), 9);
        e.str_bytes_mut().expect("a string")[1] = b'x';
        assert!(matches!(e.value(), Value::Str(b"1x3", StrEncoding::Raw)));
        assert_eq!((e.key(), e.expire(), e.lru()), (&b"k"[..], Some(5), 9));
        let mut empty = Entry::new(b"e", NewValue::Str(b"", StrEncoding::Embstr), None, 0);
        assert_eq!(empty.str_bytes_mut().map(|b| b.len()), Some(0));
        assert!(matches!(empty.value(), Value::Str(b"", StrEncoding::Raw)));
    }

    fn hash_object(pairs: &[(&[u8], &[u8])]) -> Object {
        let mut h = crate::hash::Hash::new();
        for (f, v) in pairs {
            h.insert(f, v, false, crate::hash::Limits::default());
        }
        Object::Hash(h)
    }

    fn hash_get<'a>(e: &'a Entry, f: &[u8]) -> Option<&'a [u8]> {
        match e.value() {
            Value::Object(Object::Hash(h)) => h.get(f),
            _ => panic!("expected a hash"),
        }
    }

    #[test]
    fn object_lives_in_the_block() {
        let mut e = Entry::new(
            b"key",
            NewValue::Object(hash_object(&[(b"f", b"v")])),
            None,
            3,
        );
        assert!(!e.is_string());
        assert_eq!(e.object_ptr() as usize % OBJ_ALIGN, 0);
        assert_eq!(hash_get(&e, b"f"), Some(&b"v"[..]));
        match e.value_mut() {
            ValueMut::Object(Object::Hash(h)) => {
                h.insert(b"g", b"w", false, crate::hash::Limits::default());
            }
            _ => panic!("expected a hash"),
        }
        // Adding, changing and removing the expire time rebuilds the block around the object.
        e.set_expire(Some(99));
        assert_eq!((e.key(), e.expire(), e.lru()), (&b"key"[..], Some(99), 3));
        assert_eq!(hash_get(&e, b"g"), Some(&b"w"[..]));
        e.set_expire(None);
        assert_eq!(e.expire(), None);
        let c = e.clone();
        assert_eq!(hash_get(&c, b"f"), Some(&b"v"[..]));
        assert_eq!(e.footprint(), c.footprint());
        // Object -> string -> object replacements free what they replace.
        e.set_value(NewValue::Str(b"s", StrEncoding::Embstr), Some(5));
        assert!(matches!(e.value(), Value::Str(b"s", _)));
        e.set_value(NewValue::Object(hash_object(&[(b"x", b"y")])), None);
        assert_eq!(hash_get(&e, b"x"), Some(&b"y"[..]));
        let (key, value, expire) = c.into_parts();
        assert_eq!((key.as_slice(), expire), (&b"key"[..], None));
        match value {
            OwnedValue::Object(o) => match o {
                Object::Hash(h) => assert_eq!(h.len(), 2),
                _ => panic!("expected a hash"),
            },
            OwnedValue::Str(..) => panic!("expected an object"),
        }
        let long_key = vec![b'k'; 300];
        let big = Entry::new(
            &long_key,
            NewValue::Object(hash_object(&[(b"a", b"b")])),
            Some(1),
            0,
        );
        assert_eq!((big.key(), big.expire()), (&long_key[..], Some(1)));
        assert_eq!(hash_get(&big, b"a"), Some(&b"b"[..]));
    }

    #[test]
    fn encodings() {
        assert_eq!(encoding_for(b"123"), StrEncoding::Int);
        assert_eq!(encoding_for(b"0123"), StrEncoding::Embstr);
        assert_eq!(encoding_for(&[b'a'; 44]), StrEncoding::Embstr);
        assert_eq!(encoding_for(&[b'a'; 45]), StrEncoding::Raw);
    }
}
