//! Active expiry of hash fields: the hook the expiry cycle calls for each slot it sweeps.
//!
//! Lazy expiry happens in the keyspace lookup (a command never sees an expired field); this
//! reclaims fields nobody reads. Only tables flagged as holding field TTLs are walked.

use shoal_store::Slot;

/// What one sweep of a slot removed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct FieldSweep {
    /// Fields whose TTL had passed.
    pub fields: usize,
    /// Hashes deleted because their last field expired.
    pub keys: usize,
}

/// Drops every expired hash field in every database of `slot` (locked by the caller), and
/// the hashes left empty.
pub fn expire_fields_in_slot(slot: &mut Slot, now: u64) -> FieldSweep {
    let mut sweep = FieldSweep::default();
    for db in 0..slot.db_count() {
        let table = slot.db(db);
        if !table.has_volatile_parts() {
            continue;
        }
        let (fields, keys) = table.expire_parts(now);
        sweep.fields += fields;
        sweep.keys += keys;
    }
    sweep
}
