//! Keyspace commands.

use crate::spec::CommandSpec;

pub static COMMANDS: &[&CommandSpec] = &[];
