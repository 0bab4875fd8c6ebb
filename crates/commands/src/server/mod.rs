//! Server commands: INFO, CONFIG, COMMAND, TIME, LASTSAVE, SHUTDOWN.

use crate::spec::CommandSpec;

pub mod command;
pub mod config;
pub mod help;
pub mod info;
pub mod lastsave;
pub mod shutdown;
pub mod time;

pub use info::InfoState;

pub static COMMANDS: &[&CommandSpec] = &[
    &info::SPEC,
    &config::SPEC,
    &command::SPEC,
    &time::SPEC,
    &lastsave::SPEC,
    &shutdown::SPEC,
];

#[cfg(test)]
mod tests;
