//! CLIENT <subcommand>: the container and its subcommands, one file each.
//!
//! Dispatch resolves "client|<sub>", checks its arity and reports unknown subcommands, so
//! each handler sees well-formed argument counts.

use crate::spec::{CommandSpec, Group};

mod describe;
pub mod getname;
pub mod help;
pub mod id;
pub mod info;
pub mod kill;
pub mod list;
pub mod no_evict;
pub mod no_touch;
pub mod reply;
pub mod setinfo;
pub mod setname;
pub mod unblock;

#[cfg(test)]
mod tests;

pub static SPEC: CommandSpec = CommandSpec {
    name: "client",
    arity: -2,
    group: Group::Connection,
    since: "2.4.0",
    summary: "A container for client connection commands.",
    complexity: "Depends on subcommand.",
    subcommands: &[
        getname::SPEC,
        help::SPEC,
        id::SPEC,
        info::SPEC,
        kill::SPEC,
        list::SPEC,
        no_evict::SPEC,
        no_touch::SPEC,
        reply::SPEC,
        setinfo::SPEC,
        setname::SPEC,
        unblock::SPEC,
    ],
    ..CommandSpec::DEFAULT
};

/// `ON`/`OFF` in any case (NO-EVICT, NO-TOUCH); anything else is a syntax error.
fn on_off(arg: &[u8]) -> Result<bool, crate::errors::Error> {
    if crate::args::is_c(arg, "on") {
        Ok(true)
    } else if crate::args::is_c(arg, "off") {
        Ok(false)
    } else {
        Err(crate::errors::Error::Syntax)
    }
}
