//! Connection commands: PING, ECHO, HELLO, AUTH, SELECT, QUIT, RESET, CLIENT and MONITOR.

use crate::spec::CommandSpec;

pub mod auth;
pub mod client;
pub mod echo;
pub mod hello;
pub mod monitor;
pub mod ping;
pub mod quit;
pub mod reset;
pub mod select;

#[cfg(test)]
mod tests;

pub static COMMANDS: &[&CommandSpec] = &[
    &ping::SPEC,
    &echo::SPEC,
    &hello::SPEC,
    &auth::SPEC,
    &select::SPEC,
    &quit::SPEC,
    &reset::SPEC,
    &client::SPEC,
    &monitor::SPEC,
];
