//! Declarations shared by the ZUNION / ZINTER / ZDIFF family: their key specs and arguments.

use crate::spec::{Arg, ArgFlags, ArgKind, BeginSearch, FindKeys, KeySpec, KsFlags};

const fn numkeys_keys(begin: i32) -> KeySpec {
    KeySpec {
        notes: "",
        flags: KsFlags::RO.union(KsFlags::ACCESS),
        begin: BeginSearch::Index(begin),
        find: FindKeys::Keynum {
            keynumidx: 0,
            firstkey: 1,
            keystep: 1,
        },
    }
}

/// `numkeys key [key ...]` right after the command name.
pub const READ_KEYS: &[KeySpec] = &[numkeys_keys(1)];

/// `destination numkeys key [key ...]`.
pub const STORE_KEYS: &[KeySpec] = &[
    KeySpec::single(1, KsFlags::OW.union(KsFlags::UPDATE)),
    numkeys_keys(2),
];

pub const NUMKEYS: Arg = Arg::new("numkeys", ArgKind::Integer);
pub const KEYS: Arg = Arg {
    flags: ArgFlags::MULTIPLE,
    ..Arg::new("key", ArgKind::Key)
};
pub const DESTINATION: Arg = Arg::new("destination", ArgKind::Key);
pub const WEIGHTS: Arg = Arg {
    token: "WEIGHTS",
    flags: ArgFlags::OPTIONAL.union(ArgFlags::MULTIPLE),
    ..Arg::new("weight", ArgKind::Integer)
};
pub const AGGREGATE: Arg = Arg {
    token: "AGGREGATE",
    flags: ArgFlags::OPTIONAL,
    children: &[
        Arg {
            token: "SUM",
            ..Arg::new("sum", ArgKind::PureToken)
        },
        Arg {
            token: "MIN",
            ..Arg::new("min", ArgKind::PureToken)
        },
        Arg {
            token: "MAX",
            ..Arg::new("max", ArgKind::PureToken)
        },
    ],
    ..Arg::new("aggregate", ArgKind::Oneof)
};
pub const WITHSCORES: Arg = Arg {
    token: "WITHSCORES",
    flags: ArgFlags::OPTIONAL,
    ..Arg::new("withscores", ArgKind::PureToken)
};
