//! Sorted-set commands (Redis 7.2 semantics), over the type API in `shoal_store::zset`.
//!
//! Shared engines: [`range`] (ZRANGE and its older forms, ZRANGESTORE), [`setop`] (ZUNION,
//! ZINTER, ZDIFF, their STORE forms, ZINTERCARD), [`pop`] (ZPOPMIN/ZPOPMAX/ZMPOP and, in
//! `bzpop`, their blocking forms). Encoding limits are read from the config at each write.

use crate::spec::CommandSpec;

mod bounds;
pub(crate) mod common;
pub mod pop;
mod range;
mod set_input;
mod setop;
mod setop_spec;

pub mod bzpop;
pub mod zadd;
pub mod zcard;
pub mod zcount;
pub mod zdiff;
pub mod zinter;
pub mod zmpop;
pub mod zpop;
pub mod zrandmember;
pub mod zrange;
pub mod zrangebylex;
pub mod zrangebyscore;
pub mod zrank;
pub mod zrem;
pub mod zremrange;
pub mod zrevrange;
pub mod zscan;
pub mod zscore;
pub mod zunion;

#[cfg(test)]
mod tests;

pub static COMMANDS: &[&CommandSpec] = &[
    &zadd::ZADD,
    &zadd::ZINCRBY,
    &zrem::SPEC,
    &zcard::SPEC,
    &zscore::ZSCORE,
    &zscore::ZMSCORE,
    &zcount::ZCOUNT,
    &zcount::ZLEXCOUNT,
    &zrank::ZRANK,
    &zrank::ZREVRANK,
    &zrange::ZRANGE,
    &zrange::ZRANGESTORE,
    &zrangebyscore::ZRANGEBYSCORE,
    &zrangebyscore::ZREVRANGEBYSCORE,
    &zrangebylex::ZRANGEBYLEX,
    &zrangebylex::ZREVRANGEBYLEX,
    &zrevrange::SPEC,
    &zremrange::ZREMRANGEBYRANK,
    &zremrange::ZREMRANGEBYSCORE,
    &zremrange::ZREMRANGEBYLEX,
    &zpop::ZPOPMIN,
    &zpop::ZPOPMAX,
    &zmpop::SPEC,
    &bzpop::BZPOPMIN,
    &bzpop::BZPOPMAX,
    &bzpop::BZMPOP,
    &zrandmember::SPEC,
    &zunion::ZUNION,
    &zunion::ZUNIONSTORE,
    &zinter::ZINTER,
    &zinter::ZINTERSTORE,
    &zinter::ZINTERCARD,
    &zdiff::ZDIFF,
    &zdiff::ZDIFFSTORE,
    &zscan::SPEC,
];
