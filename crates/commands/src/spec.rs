//! How a command is declared: one `CommandSpec` per command, in the command's own file.
//!
//! Dispatch reads arity and key specs from here before any handler runs, and `COMMAND INFO` /
//! `COMMAND DOCS` print the same data, so what is declared is what is enforced.

use bitflags::bitflags;
use shoal_resp::Args;

use crate::ctx::Ctx;
use crate::errors::CmdResult;

pub type Handler = fn(&mut Ctx<'_>, &Args<'_>) -> CmdResult;

/// Argument positions of a command's keys; inline for the common few-key case.
pub type KeyPositions = smallvec::SmallVec<[usize; 8]>;

/// Finds keys for commands whose key specs cannot (Redis's "getkeys_proc"), e.g. SORT.
pub type KeysProc = fn(&Args<'_>, &mut KeyPositions);

/// Decides from a command's arguments that it will read keys it cannot name in advance (SORT
/// with BY/GET patterns), so dispatch must lock every slot, as EXEC does for keyless commands.
pub type LockAllIf = fn(&Args<'_>) -> bool;

bitflags! {
    /// Command flags, named and printed as Redis names them.
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub struct Flags: u32 {
        const WRITE = 1 << 0;
        const READONLY = 1 << 1;
        const DENYOOM = 1 << 2;
        const ADMIN = 1 << 3;
        const PUBSUB = 1 << 4;
        const NOSCRIPT = 1 << 5;
        const BLOCKING = 1 << 6;
        const LOADING = 1 << 7;
        const STALE = 1 << 8;
        const SKIP_MONITOR = 1 << 9;
        const SKIP_SLOWLOG = 1 << 10;
        const ASKING = 1 << 11;
        const FAST = 1 << 12;
        const NO_AUTH = 1 << 13;
        const MAY_REPLICATE = 1 << 14;
        const SENTINEL = 1 << 15;
        const ONLY_SENTINEL = 1 << 16;
        const NO_MANDATORY_KEYS = 1 << 17;
        const PROTECTED = 1 << 18;
        const NO_ASYNC_LOADING = 1 << 19;
        const NO_MULTI = 1 << 20;
        const ALLOW_BUSY = 1 << 21;
    }
}

/// Flag names in the order `COMMAND INFO` prints them.
pub const FLAG_NAMES: &[(Flags, &str)] = &[
    (Flags::WRITE, "write"),
    (Flags::READONLY, "readonly"),
    (Flags::DENYOOM, "denyoom"),
    (Flags::ADMIN, "admin"),
    (Flags::PUBSUB, "pubsub"),
    (Flags::NOSCRIPT, "noscript"),
    (Flags::BLOCKING, "blocking"),
    (Flags::LOADING, "loading"),
    (Flags::STALE, "stale"),
    (Flags::SKIP_MONITOR, "skip_monitor"),
    (Flags::SKIP_SLOWLOG, "skip_slowlog"),
    (Flags::ASKING, "asking"),
    (Flags::FAST, "fast"),
    (Flags::NO_AUTH, "no_auth"),
    (Flags::MAY_REPLICATE, "may_replicate"),
    (Flags::SENTINEL, "sentinel"),
    (Flags::ONLY_SENTINEL, "only_sentinel"),
    (Flags::NO_MANDATORY_KEYS, "no_mandatory_keys"),
    (Flags::PROTECTED, "protected"),
    (Flags::NO_ASYNC_LOADING, "no_async_loading"),
    (Flags::NO_MULTI, "no_multi"),
    (Flags::ALLOW_BUSY, "allow_busy"),
];

bitflags! {
    /// ACL categories declared by the command; implicit ones (@write, @read, @fast, @slow,
    /// @admin, @dangerous, @pubsub, @blocking) are added from the flags as Redis does.
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub struct Acl: u32 {
        const KEYSPACE = 1 << 0;
        const READ = 1 << 1;
        const WRITE = 1 << 2;
        const SET = 1 << 3;
        const SORTEDSET = 1 << 4;
        const LIST = 1 << 5;
        const HASH = 1 << 6;
        const STRING = 1 << 7;
        const BITMAP = 1 << 8;
        const HYPERLOGLOG = 1 << 9;
        const GEO = 1 << 10;
        const STREAM = 1 << 11;
        const PUBSUB = 1 << 12;
        const ADMIN = 1 << 13;
        const FAST = 1 << 14;
        const SLOW = 1 << 15;
        const BLOCKING = 1 << 16;
        const DANGEROUS = 1 << 17;
        const CONNECTION = 1 << 18;
        const TRANSACTION = 1 << 19;
        const SCRIPTING = 1 << 20;
    }
}

pub const ACL_NAMES: &[(Acl, &str)] = &[
    (Acl::KEYSPACE, "keyspace"),
    (Acl::READ, "read"),
    (Acl::WRITE, "write"),
    (Acl::SET, "set"),
    (Acl::SORTEDSET, "sortedset"),
    (Acl::LIST, "list"),
    (Acl::HASH, "hash"),
    (Acl::STRING, "string"),
    (Acl::BITMAP, "bitmap"),
    (Acl::HYPERLOGLOG, "hyperloglog"),
    (Acl::GEO, "geo"),
    (Acl::STREAM, "stream"),
    (Acl::PUBSUB, "pubsub"),
    (Acl::ADMIN, "admin"),
    (Acl::FAST, "fast"),
    (Acl::SLOW, "slow"),
    (Acl::BLOCKING, "blocking"),
    (Acl::DANGEROUS, "dangerous"),
    (Acl::CONNECTION, "connection"),
    (Acl::TRANSACTION, "transaction"),
    (Acl::SCRIPTING, "scripting"),
];

bitflags! {
    /// Key-spec flags (Redis's names).
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub struct KsFlags: u32 {
        const RO = 1 << 0;
        const RW = 1 << 1;
        const OW = 1 << 2;
        const RM = 1 << 3;
        const ACCESS = 1 << 4;
        const UPDATE = 1 << 5;
        const INSERT = 1 << 6;
        const DELETE = 1 << 7;
        const NOT_KEY = 1 << 8;
        const INCOMPLETE = 1 << 9;
        const VARIABLE_FLAGS = 1 << 10;
    }
}

pub const KS_FLAG_NAMES: &[(KsFlags, &str)] = &[
    (KsFlags::RO, "RO"),
    (KsFlags::RW, "RW"),
    (KsFlags::OW, "OW"),
    (KsFlags::RM, "RM"),
    (KsFlags::ACCESS, "access"),
    (KsFlags::UPDATE, "update"),
    (KsFlags::INSERT, "insert"),
    (KsFlags::DELETE, "delete"),
    (KsFlags::NOT_KEY, "not_key"),
    (KsFlags::INCOMPLETE, "incomplete"),
    (KsFlags::VARIABLE_FLAGS, "variable_flags"),
];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BeginSearch {
    Index(i32),
    Keyword {
        keyword: &'static str,
        startfrom: i32,
    },
    Unknown,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FindKeys {
    Range {
        lastkey: i32,
        keystep: i32,
        limit: i32,
    },
    Keynum {
        keynumidx: i32,
        firstkey: i32,
        keystep: i32,
    },
    Unknown,
}

#[derive(Clone, Copy, Debug)]
pub struct KeySpec {
    pub notes: &'static str,
    pub flags: KsFlags,
    pub begin: BeginSearch,
    pub find: FindKeys,
}

impl KeySpec {
    /// The common case: one key at `index`.
    pub const fn single(index: i32, flags: KsFlags) -> KeySpec {
        KeySpec {
            notes: "",
            flags,
            begin: BeginSearch::Index(index),
            find: FindKeys::Range {
                lastkey: 0,
                keystep: 1,
                limit: 0,
            },
        }
    }

    /// Every argument from `index` to the end, `keystep` apart (MGET, DEL, MSET...).
    pub const fn rest(index: i32, keystep: i32, flags: KsFlags) -> KeySpec {
        KeySpec {
            notes: "",
            flags,
            begin: BeginSearch::Index(index),
            find: FindKeys::Range {
                lastkey: -1,
                keystep,
                limit: 0,
            },
        }
    }
}

/// `COMMAND DOCS` argument description.
#[derive(Clone, Copy, Debug)]
pub struct Arg {
    pub name: &'static str,
    pub kind: ArgKind,
    pub token: &'static str,
    pub flags: ArgFlags,
    pub since: &'static str,
    pub children: &'static [Arg],
    pub display: &'static str,
    /// Which key spec this argument's keys belong to; -1 lets `COMMAND DOCS` count key-type
    /// arguments in order (set it for pattern arguments that name keys, as SORT's BY does).
    pub key_spec_index: i32,
    pub summary: &'static str,
    pub deprecated_since: &'static str,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ArgKind {
    String,
    Integer,
    Double,
    Key,
    Pattern,
    UnixTime,
    PureToken,
    Oneof,
    Block,
}

impl ArgKind {
    pub fn name(self) -> &'static str {
        match self {
            ArgKind::String => "string",
            ArgKind::Integer => "integer",
            ArgKind::Double => "double",
            ArgKind::Key => "key",
            ArgKind::Pattern => "pattern",
            ArgKind::UnixTime => "unix-time",
            ArgKind::PureToken => "pure-token",
            ArgKind::Oneof => "oneof",
            ArgKind::Block => "block",
        }
    }
}

bitflags! {
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub struct ArgFlags: u8 {
        const OPTIONAL = 1;
        const MULTIPLE = 2;
        const MULTIPLE_TOKEN = 4;
    }
}

impl Arg {
    pub const fn new(name: &'static str, kind: ArgKind) -> Arg {
        Arg {
            name,
            kind,
            token: "",
            flags: ArgFlags::empty(),
            since: "",
            children: &[],
            display: "",
            key_spec_index: -1,
            summary: "",
            deprecated_since: "",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Group {
    Generic,
    String,
    List,
    Set,
    SortedSet,
    Hash,
    Pubsub,
    Transactions,
    Connection,
    Server,
    Scripting,
    Hyperloglog,
    Cluster,
    Geo,
    Stream,
    Bitmap,
}

impl Group {
    pub fn name(self) -> &'static str {
        match self {
            Group::Generic => "generic",
            Group::String => "string",
            Group::List => "list",
            Group::Set => "set",
            Group::SortedSet => "sorted-set",
            Group::Hash => "hash",
            Group::Pubsub => "pubsub",
            Group::Transactions => "transactions",
            Group::Connection => "connection",
            Group::Server => "server",
            Group::Scripting => "scripting",
            Group::Hyperloglog => "hyperloglog",
            Group::Cluster => "cluster",
            Group::Geo => "geo",
            Group::Stream => "stream",
            Group::Bitmap => "bitmap",
        }
    }
}

pub struct CommandSpec {
    /// Lower-case name; for a subcommand, the subcommand alone ("get" under "config").
    pub name: &'static str,
    /// Redis's convention: N means exactly N arguments (name included), -N means at least N.
    pub arity: i32,
    pub flags: Flags,
    pub acl: Acl,
    pub key_specs: &'static [KeySpec],
    pub keys_proc: Option<KeysProc>,
    /// When set and true for the arguments, the command runs with every slot locked.
    pub lock_all_if: Option<LockAllIf>,
    pub tips: &'static [&'static str],
    pub group: Group,
    pub since: &'static str,
    pub summary: &'static str,
    pub complexity: &'static str,
    pub args: &'static [Arg],
    pub handler: Handler,
    pub subcommands: &'static [CommandSpec],
    /// `COMMAND DOCS` history: (version, what changed).
    pub history: &'static [(&'static str, &'static str)],
    /// `COMMAND DOCS` doc flags: "deprecated", "syscmd".
    pub doc_flags: &'static [&'static str],
    pub deprecated_since: &'static str,
    pub replaced_by: &'static str,
}

fn no_handler(_: &mut Ctx<'_>, _: &Args<'_>) -> CmdResult {
    Err(crate::errors::Error::Syntax)
}

impl CommandSpec {
    /// Base for struct-update syntax in command files: `..CommandSpec::DEFAULT`.
    pub const DEFAULT: CommandSpec = CommandSpec {
        name: "",
        arity: 0,
        flags: Flags::empty(),
        acl: Acl::empty(),
        key_specs: &[],
        keys_proc: None,
        lock_all_if: None,
        tips: &[],
        group: Group::Generic,
        since: "1.0.0",
        summary: "",
        complexity: "",
        args: &[],
        handler: no_handler,
        subcommands: &[],
        history: &[],
        doc_flags: &[],
        deprecated_since: "",
        replaced_by: "",
    };

    pub fn accepts_arity(&self, argc: usize) -> bool {
        let argc = argc as i64;
        let arity = self.arity as i64;
        if arity >= 0 {
            argc == arity
        } else {
            argc >= -arity
        }
    }

    /// Categories including the implicit ones Redis derives from flags.
    pub fn acl_categories(&self) -> Acl {
        let mut acl = self.acl;
        if self.flags.contains(Flags::WRITE) {
            acl |= Acl::WRITE;
        }
        if self.flags.contains(Flags::READONLY) && !acl.contains(Acl::SCRIPTING) {
            acl |= Acl::READ;
        }
        if self.flags.contains(Flags::ADMIN) {
            acl |= Acl::ADMIN | Acl::DANGEROUS;
        }
        if self.flags.contains(Flags::PUBSUB) {
            acl |= Acl::PUBSUB;
        }
        if self.flags.contains(Flags::FAST) {
            acl |= Acl::FAST;
        }
        if self.flags.contains(Flags::BLOCKING) {
            acl |= Acl::BLOCKING;
        }
        if !acl.contains(Acl::FAST) {
            acl |= Acl::SLOW;
        }
        acl
    }

    /// True when these arguments make the command read keys outside its key specs.
    pub fn locks_all(&self, args: &Args<'_>) -> bool {
        self.lock_all_if.is_some_and(|f| f(args))
    }

    /// True when keys cannot be found by one fixed range (Redis's "movablekeys").
    pub fn movable_keys(&self) -> bool {
        self.keys_proc.is_some()
            || self.key_specs.iter().any(|k| {
                !matches!(k.begin, BeginSearch::Index(_))
                    || !matches!(k.find, FindKeys::Range { .. })
            })
    }
}
