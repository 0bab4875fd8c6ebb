//! SORT and SORT_RO (Redis files them under the generic group).
//!
//! BY and GET patterns read keys that no key spec can name, anywhere in the keyspace: when the
//! arguments have such patterns, the specs' `lock_all_if` makes dispatch lock every slot (see
//! docs/coordinator.md), so those reads and a STORE are one atomic step.

use crate::spec::CommandSpec;

mod command;
mod options;
mod pattern;

#[cfg(test)]
mod tests;

pub static COMMANDS: &[&CommandSpec] = &[&command::SORT, &command::SORT_RO];
