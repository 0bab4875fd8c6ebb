//! Every family's command table, in the order COMMAND lists them.

use crate::spec::CommandSpec;

pub static ALL: &[&[&CommandSpec]] = &[
    crate::connection::COMMANDS,
    crate::string::COMMANDS,
    crate::hash::COMMANDS,
    crate::list::COMMANDS,
    crate::keyspace::COMMANDS,
    crate::set::COMMANDS,
    crate::server::COMMANDS,
    crate::transactions::COMMANDS,
    crate::bitmap::COMMANDS,
    crate::hll::COMMANDS,
    crate::zset::COMMANDS,
    crate::sort::COMMANDS,
    crate::geo::COMMANDS,
];
