//! Connection commands.

use crate::spec::CommandSpec;

pub mod ping;

pub static COMMANDS: &[&CommandSpec] = &[&ping::SPEC];
