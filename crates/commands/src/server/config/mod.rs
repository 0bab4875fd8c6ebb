//! CONFIG <subcommand> [<arg> ...]
//!
//! The container for GET, SET, RESETSTAT, REWRITE and HELP; the configuration itself (names,
//! parsing, rewriting) lives in `shoal_config`.

pub mod get;
pub mod help;
pub mod resetstat;
pub mod rewrite;
pub mod set;

use crate::spec::{Acl, CommandSpec, Group};

pub static SPEC: CommandSpec = CommandSpec {
    name: "config",
    arity: -2,
    acl: Acl::SLOW,
    group: Group::Server,
    since: "2.0.0",
    summary: "A container for server configuration commands.",
    complexity: "Depends on subcommand.",
    subcommands: &[
        get::SPEC,
        set::SPEC,
        resetstat::SPEC,
        rewrite::SPEC,
        help::SPEC,
    ],
    ..CommandSpec::DEFAULT
};
