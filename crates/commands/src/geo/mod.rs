//! Geo commands (Redis 7.2 semantics): geospatial indexes are sorted sets whose scores are
//! 52-bit geohashes ([`hash`]); searches scan nine cells by score range ([`search`]).

use crate::spec::{Arg, ArgFlags, ArgKind, CommandSpec};

pub mod hash;
mod parse;
pub mod search;
mod sort;

pub mod geoadd;
pub mod geodist;
pub mod geohash;
pub mod geopos;
pub mod georadius;
pub mod geosearch;

#[cfg(test)]
mod tests;

pub static COMMANDS: &[&CommandSpec] = &[
    &geoadd::SPEC,
    &geodist::SPEC,
    &geohash::SPEC,
    &geopos::SPEC,
    &georadius::GEORADIUS,
    &georadius::GEORADIUS_RO,
    &georadius::GEORADIUSBYMEMBER,
    &georadius::GEORADIUSBYMEMBER_RO,
    &geosearch::GEOSEARCH,
    &geosearch::GEOSEARCHSTORE,
];

/// `COMMAND DOCS` pieces the commands share (Redis 7.2 spells unit tokens in lower case).
const UNITS: &[Arg] = &[
    Arg {
        token: "m",
        ..Arg::new("m", ArgKind::PureToken)
    },
    Arg {
        token: "km",
        ..Arg::new("km", ArgKind::PureToken)
    },
    Arg {
        token: "ft",
        ..Arg::new("ft", ArgKind::PureToken)
    },
    Arg {
        token: "mi",
        ..Arg::new("mi", ArgKind::PureToken)
    },
];

const ORDER: &[Arg] = &[
    Arg {
        token: "ASC",
        ..Arg::new("asc", ArgKind::PureToken)
    },
    Arg {
        token: "DESC",
        ..Arg::new("desc", ArgKind::PureToken)
    },
];

const COUNT_BLOCK: &[Arg] = &[
    Arg {
        token: "COUNT",
        ..Arg::new("count", ArgKind::Integer)
    },
    Arg {
        token: "ANY",
        flags: ArgFlags::OPTIONAL,
        since: "6.2.0",
        ..Arg::new("any", ArgKind::PureToken)
    },
];
