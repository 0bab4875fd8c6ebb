//! Collection values (lists, hashes, sets, sorted sets) with their compact encodings.
//!
//! Strings live inline in the entry block; everything here is reached through one pointer.
//! The collection families arrive with the data-types work; the entry layout already reserves
//! the pointer so adding a variant changes nothing else in the keyspace.

#[derive(Clone, Debug)]
pub enum Object {}

impl Object {
    /// Estimated heap bytes held by the object, for `INFO memory` and eviction.
    pub fn footprint(&self) -> usize {
        match *self {}
    }

    pub fn boxed_clone(&self) -> Box<Object> {
        match *self {}
    }

    /// The name `TYPE` prints.
    pub fn type_name(&self) -> &'static str {
        match *self {}
    }

    /// The name `OBJECT ENCODING` prints.
    pub fn encoding_name(&self) -> &'static str {
        match *self {}
    }
}
