//! Plain sets as inputs of ZUNION, ZINTER, ZDIFF and their STORE forms and ZINTERCARD: every
//! member of a set scores 1.0 (Redis accepts both types there).

use shoal_store::set::Set;

pub fn len(s: &Set) -> usize {
    s.len()
}

pub fn contains(s: &Set, member: &[u8]) -> bool {
    s.contains(member)
}

pub fn for_each(s: &Set, mut f: impl FnMut(&[u8])) {
    for m in s.iter() {
        m.with_bytes(&mut f);
    }
}
