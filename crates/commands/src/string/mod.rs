//! String commands.

use crate::spec::CommandSpec;

mod expire_opts;
pub mod get;
pub mod set;

pub static COMMANDS: &[&CommandSpec] = &[&get::SPEC, &set::SPEC];
