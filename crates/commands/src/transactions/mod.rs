//! MULTI / EXEC / DISCARD / WATCH / UNWATCH.
//!
//! Queued commands are validated when queued (dispatch's `admit`) and run at EXEC through the
//! normal `dispatch::call`, under one set of slot locks taken for all of them (and for the
//! watched keys) in ascending order: the whole transaction is atomic against every thread.
//! See docs/coordinator.md.

use shoal_util::key_slot;

use crate::client::{Client, Watched};
use crate::ctx::{is_expired, Keys, SlotAccess};
use crate::spec::CommandSpec;

pub mod discard;
pub mod exec;
pub mod multi;
pub mod watch;

#[cfg(test)]
mod tests;

pub static COMMANDS: &[&CommandSpec] = &[
    &discard::SPEC,
    &exec::SPEC,
    &multi::SPEC,
    &watch::SPEC,
    &watch::UNWATCH,
];

/// Commands that act immediately inside MULTI instead of being queued (as in Redis).
pub fn runs_inside_multi(spec: &CommandSpec) -> bool {
    matches!(
        spec.name,
        "exec" | "discard" | "multi" | "watch" | "quit" | "reset"
    )
}

/// Forgets every watched key of `client`, releasing its entries in the slot tables.
pub fn unwatch_all(slots: &mut impl SlotAccess, client: &mut Client) {
    for w in client.watched.drain(..) {
        slots.with_slot(key_slot(&w.key), |slot| {
            if let Some(table) = slot.watch.as_mut() {
                if table.unwatch(w.db, &w.key) {
                    slot.watch = None;
                }
            }
        });
    }
}

/// True when a watched key was modified (or expired) since WATCH: EXEC must not run.
fn watch_broken(keys: &mut Keys<'_>, watched: &[Watched]) -> bool {
    let now = keys.now;
    watched.iter().any(|w| {
        keys.with_slot(key_slot(&w.key), |slot| {
            let version = slot.watch.as_ref().map_or(0, |t| t.version(w.db, &w.key));
            let expired_since = w.existed
                && slot
                    .db_ref(w.db)
                    .and_then(|t| t.get(shoal_store::hash_key(&w.key), &w.key))
                    .is_some_and(|e| is_expired(e, now));
            version != w.version || expired_since
        })
    })
}
