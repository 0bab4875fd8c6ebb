//! BY and GET patterns (Redis's lookupKeyByPattern): `#` is the element itself; otherwise the
//! first '*' is replaced by the element and the key read as a string, or, with `->field`
//! after the '*', the field of the hash at that key. Anything else reads as missing.
//!
//! Patterns are scanned as C strings (up to a NUL), as Redis does, while the parts copied into
//! the key and the field keep every byte.

use shoal_store::{Object, Value};

use super::options::is_self;
use crate::ctx::Keys;
use crate::errors::c_arg;

/// Calls `f` with the value `pattern` names for `elem`, through the normal read lookup of the
/// client's database (lazy expiry, hit/miss counting); None when there is none.
pub fn with_value<R>(
    keys: &mut Keys<'_>,
    pattern: &[u8],
    elem: &[u8],
    f: impl FnOnce(&[u8]) -> R,
) -> Option<R> {
    if is_self(pattern) {
        return Some(f(elem));
    }
    let cstr = c_arg(pattern, usize::MAX);
    let star = cstr.iter().position(|&b| b == b'*')?;
    let arrow = cstr[star + 1..]
        .windows(2)
        .position(|w| w == b"->")
        .map(|i| star + 1 + i)
        .filter(|&a| a + 2 < cstr.len());
    let (rest, field) = match arrow {
        Some(a) => (&pattern[star + 1..a], Some(&pattern[a + 2..])),
        None => (&pattern[star + 1..], None),
    };
    let key = [&pattern[..star], elem, rest].concat();
    let entry = keys.get(&key)?;
    match (entry.value(), field) {
        (Value::Str(v, _), None) => Some(f(v)),
        (Value::Object(Object::Hash(h)), Some(field)) => h.get(field).map(f),
        _ => None,
    }
}
