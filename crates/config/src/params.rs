//! The single table declaring every parameter shoal accepts: name, alias,
//! type and range, default, and whether CONFIG SET may change it. Types,
//! ranges, defaults and mutability follow Redis 7.2 `src/config.c` unless a
//! row says otherwise; shoal's own parameters come last.

use crate::value::Value;

/// Typed id of a parameter; `PARAMS[p as usize]` is its declaration.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Param {
    // Network
    Bind,
    ProtectedMode,
    Port,
    TcpBacklog,
    Timeout,
    TcpKeepalive,
    Maxclients,
    ProtoMaxBulkLen,
    ClientQueryBufferLimit,
    ClientOutputBufferLimit,
    // Security
    Requirepass,
    EnableProtectedConfigs,
    EnableDebugCommand,
    EnableModuleCommand,
    AcllogMaxLen,
    // General
    Daemonize,
    Pidfile,
    Loglevel,
    Logfile,
    Databases,
    AlwaysShowLogo,
    SetProcTitle,
    ProcTitleTemplate,
    Hz,
    DynamicHz,
    IoThreads,
    IoThreadsDoReads,
    Dir,
    // Snapshotting and append-only file (accepted; shoal has no persistence yet)
    Save,
    StopWritesOnBgsaveError,
    Rdbcompression,
    Rdbchecksum,
    Dbfilename,
    RdbDelSyncFiles,
    RdbSaveIncrementalFsync,
    Appendonly,
    Appendfilename,
    Appenddirname,
    Appendfsync,
    NoAppendfsyncOnRewrite,
    AutoAofRewritePercentage,
    AutoAofRewriteMinSize,
    AofLoadTruncated,
    AofUseRdbPreamble,
    AofTimestampEnabled,
    AofRewriteIncrementalFsync,
    // Replication (accepted; shoal has no replication yet)
    ReplicaServeStaleData,
    ReplicaReadOnly,
    ReplDisklessSync,
    ReplDisklessSyncDelay,
    ReplDisklessSyncMaxReplicas,
    ReplDisklessLoad,
    ReplDisableTcpNodelay,
    ReplicaPriority,
    ReplicaLazyFlush,
    ReplicaIgnoreMaxmemory,
    // Memory management
    Maxmemory,
    MaxmemoryPolicy,
    MaxmemorySamples,
    MaxmemoryEvictionTenacity,
    LfuLogFactor,
    LfuDecayTime,
    LazyfreeLazyEviction,
    LazyfreeLazyExpire,
    LazyfreeLazyServerDel,
    LazyfreeLazyUserDel,
    LazyfreeLazyUserFlush,
    // Kernel and cluster
    OomScoreAdj,
    OomScoreAdjValues,
    DisableThp,
    ClusterEnabled,
    // Scripting, slow log, latency
    BusyReplyThreshold,
    SlowlogLogSlowerThan,
    SlowlogMaxLen,
    LatencyMonitorThreshold,
    LatencyTracking,
    LatencyTrackingInfoPercentiles,
    // Keyspace events
    NotifyKeyspaceEvents,
    // Encodings and background work
    HashMaxListpackEntries,
    HashMaxListpackValue,
    ListMaxListpackSize,
    ListCompressDepth,
    SetMaxIntsetEntries,
    SetMaxListpackEntries,
    SetMaxListpackValue,
    ZsetMaxListpackEntries,
    ZsetMaxListpackValue,
    HllSparseMaxBytes,
    StreamNodeMaxBytes,
    StreamNodeMaxEntries,
    TrackingTableMaxKeys,
    Activerehashing,
    ActiveExpireEffort,
    JemallocBgThread,
    // shoal's own
    Shards,
    AdminPort,
    AdminBind,
    PinThreads,
    BusyPollUs,
    ActiveExpire,
}

/// Whether CONFIG SET may change a parameter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Access {
    Mutable,
    /// Start-up only: "can't set immutable config".
    Immutable,
    /// Settable only when `enable-protected-configs` allows the client.
    Protected,
}

/// Parsing, range and rendering rules of a numeric parameter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NumSpec {
    /// Bounds; for `unsigned` they are u64 bit patterns.
    pub min: i64,
    pub max: i64,
    /// Redis's unsigned C types (unsigned int, size_t, unsigned long long):
    /// bounds are compared and printed as unsigned.
    pub unsigned: bool,
    /// Accepts memory units (1k, 1kb, 1gb, ...) and prints unsigned.
    pub memory: bool,
}

/// Value type of a parameter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// `yes` / `no`.
    Bool,
    Num(NumSpec),
    /// Case-insensitive names with their values; CONFIG GET shows the first
    /// name of the current value.
    Enum(&'static [(&'static str, i64)]),
    /// Free text; `empty_is_null` means "unset" when empty (matters only to
    /// CONFIG REWRITE, which then omits the line).
    Text {
        empty_is_null: bool,
    },
    /// A directory; stored as an absolute path.
    Dir,
    /// `save <seconds> <changes> [...]`.
    Save,
    /// `bind <addr> [...]`.
    Bind,
    /// `client-output-buffer-limit <class> <hard> <soft> <seconds> [...]`.
    ClientOutputBufferLimit,
    /// Event class letters such as `KEA`.
    NotifyKeyspaceEvents,
    /// Three integers in -2000..=2000.
    OomScoreAdjValues,
    /// Percentiles in 0..=100.
    LatencyPercentiles,
}

impl Kind {
    /// Redis MULTI_ARG_CONFIG: takes several words in a config file, and a
    /// space-separated list in CONFIG SET.
    pub fn is_multi_arg(self) -> bool {
        matches!(
            self,
            Kind::Save
                | Kind::Bind
                | Kind::ClientOutputBufferLimit
                | Kind::OomScoreAdjValues
                | Kind::LatencyPercentiles
        )
    }
}

/// Extra validation after the type's own parsing; the error is the text Redis
/// (or shoal, for values it refuses) reports.
pub(crate) type Check = fn(&Value) -> Result<(), String>;

/// Declaration of one parameter.
#[derive(Clone, Copy, Debug)]
pub struct ParamDef {
    pub param: Param,
    pub name: &'static str,
    pub alias: Option<&'static str>,
    pub kind: Kind,
    /// Default in config-file syntax; parsed like any other value.
    pub default: &'static str,
    pub access: Access,
    /// CONFIG SET values of this parameter must be redacted from logs.
    pub sensitive: bool,
    pub(crate) check: Option<Check>,
}

impl Param {
    /// This parameter's declaration.
    pub fn def(self) -> &'static ParamDef {
        &PARAMS[self as usize]
    }

    /// Canonical (Redis) name.
    pub fn name(self) -> &'static str {
        self.def().name
    }

    /// Every parameter, in table order.
    pub fn all() -> impl Iterator<Item = Param> {
        PARAMS.iter().map(|d| d.param)
    }
}

/// Finds a parameter by name or alias, ignoring ASCII case as Redis does.
/// The flag tells whether `name` was the alias.
pub fn lookup(name: &[u8]) -> Option<(&'static ParamDef, bool)> {
    PARAMS.iter().find_map(|d| {
        if d.name.as_bytes().eq_ignore_ascii_case(name) {
            Some((d, false))
        } else if d
            .alias
            .is_some_and(|a| a.as_bytes().eq_ignore_ascii_case(name))
        {
            Some((d, true))
        } else {
            None
        }
    })
}

const INT_MAX: i64 = i32::MAX as i64;
const INT_MIN: i64 = i32::MIN as i64;
const LONG_MAX: i64 = i64::MAX;
const MB: i64 = 1024 * 1024;

const fn int(min: i64, max: i64) -> Kind {
    Kind::Num(NumSpec {
        min,
        max,
        unsigned: false,
        memory: false,
    })
}

const fn uint(min: u64, max: u64) -> Kind {
    Kind::Num(NumSpec {
        min: min as i64,
        max: max as i64,
        unsigned: true,
        memory: false,
    })
}

const fn mem(min: i64, max: i64) -> Kind {
    Kind::Num(NumSpec {
        min,
        max,
        unsigned: false,
        memory: true,
    })
}

const fn umem(min: u64, max: u64) -> Kind {
    Kind::Num(NumSpec {
        min: min as i64,
        max: max as i64,
        unsigned: true,
        memory: true,
    })
}

const TEXT: Kind = Kind::Text {
    empty_is_null: false,
};
const TEXT_OR_NULL: Kind = Kind::Text {
    empty_is_null: true,
};

pub(crate) const PROTECTED_ACTION: &[(&str, i64)] = &[("no", 0), ("yes", 1), ("local", 2)];
pub(crate) const LOGLEVELS: &[(&str, i64)] = &[
    ("debug", 0),
    ("verbose", 1),
    ("notice", 2),
    ("warning", 3),
    ("nothing", 4),
];
pub(crate) const MAXMEMORY_POLICIES: &[(&str, i64)] = &[
    ("volatile-lru", 0),
    ("volatile-lfu", 1),
    ("volatile-random", 2),
    ("volatile-ttl", 3),
    ("allkeys-lru", 4),
    ("allkeys-lfu", 5),
    ("allkeys-random", 6),
    ("noeviction", 7),
];
const APPENDFSYNC: &[(&str, i64)] = &[("everysec", 0), ("always", 1), ("no", 2)];
const REPL_DISKLESS_LOAD: &[(&str, i64)] = &[("disabled", 0), ("on-empty-db", 1), ("swapdb", 2)];
// "yes" and "relative" are the same setting in Redis; GET shows "yes".
const OOM_SCORE_ADJ: &[(&str, i64)] = &[("no", 0), ("yes", 1), ("relative", 1), ("absolute", 2)];

const fn def(
    param: Param,
    name: &'static str,
    kind: Kind,
    default: &'static str,
    access: Access,
) -> ParamDef {
    ParamDef {
        param,
        name,
        alias: None,
        kind,
        default,
        access,
        sensitive: false,
        check: None,
    }
}

impl ParamDef {
    const fn alias(mut self, alias: &'static str) -> Self {
        self.alias = Some(alias);
        self
    }

    const fn sensitive(mut self) -> Self {
        self.sensitive = true;
        self
    }

    const fn check(mut self, check: Check) -> Self {
        self.check = Some(check);
        self
    }
}

fn refuse_yes(v: &Value, message: &str) -> Result<(), String> {
    match v {
        Value::Num(0) => Ok(()),
        _ => Err(message.to_string()),
    }
}

fn daemonize_no(v: &Value) -> Result<(), String> {
    refuse_yes(
        v,
        "daemonize yes is not supported by shoal: run it in the foreground under a supervisor",
    )
}

fn appendonly_no(v: &Value) -> Result<(), String> {
    refuse_yes(
        v,
        "appendonly yes is not supported by shoal yet: it has no persistence",
    )
}

fn cluster_enabled_no(v: &Value) -> Result<(), String> {
    refuse_yes(v, "cluster-enabled yes is not supported by shoal yet")
}

fn oom_score_adj_no(v: &Value) -> Result<(), String> {
    refuse_yes(
        v,
        "oom-score-adj is not supported by shoal: only 'no' is accepted",
    )
}

fn text(v: &Value) -> &[u8] {
    match v {
        Value::Text(t) => t,
        _ => &[],
    }
}

fn is_base_name(path: &[u8]) -> bool {
    !path.contains(&b'/') && !path.contains(&b'\\')
}

fn dbfilename_check(v: &Value) -> Result<(), String> {
    if is_base_name(text(v)) {
        Ok(())
    } else {
        Err("dbfilename can't be a path, just a filename".into())
    }
}

fn appendfilename_check(v: &Value) -> Result<(), String> {
    match text(v) {
        b"" => Err("appendfilename can't be empty".into()),
        t if !is_base_name(t) => Err("appendfilename can't be a path, just a filename".into()),
        _ => Ok(()),
    }
}

fn appenddirname_check(v: &Value) -> Result<(), String> {
    match text(v) {
        b"" => Err("appenddirname can't be empty".into()),
        t if !is_base_name(t) => Err("appenddirname can't be a path, just a dirname".into()),
        _ => Ok(()),
    }
}

/// Redis `validateProcTitleTemplate`: `{name}` variables must be known and
/// the expansion must not be blank. `{{` is a literal brace.
fn proc_title_check(v: &Value) -> Result<(), String> {
    const INVALID: &str = "template format is invalid or contains unknown variables";
    let t = text(v);
    let mut out = Vec::new();
    let mut i = 0;
    while i < t.len() {
        if t[i] != b'{' {
            out.push(t[i]);
            i += 1;
            continue;
        }
        match t.get(i + 1) {
            None => return Err(INVALID.into()),
            Some(b'{') => {
                out.push(b'{');
                i += 2;
                continue;
            }
            Some(_) => {}
        }
        let Some(len) = t[i + 1..].iter().position(|&b| b == b'}') else {
            return Err(INVALID.into());
        };
        // Sample expansions: only whether they are empty matters here.
        let value: &[u8] = match &t[i + 1..i + 1 + len] {
            b"title" | b"server-mode" | b"unixsocket" | b"config-file" => b"",
            b"listen-addr" => b"*:6379",
            b"port" => b"6379",
            b"tls-port" => b"0",
            _ => return Err(INVALID.into()),
        };
        out.extend_from_slice(value);
        i += len + 2;
    }
    if out.iter().all(|&b| b == b' ') {
        return Err(INVALID.into());
    }
    Ok(())
}

use Access::{Immutable as I, Mutable as M, Protected as P};
use Param::*;

/// Every parameter, indexed by `Param as usize`.
#[rustfmt::skip]
pub static PARAMS: &[ParamDef] = &[
    // Network
    def(Bind, "bind", Kind::Bind, "127.0.0.1 -::1", M),
    def(ProtectedMode, "protected-mode", Kind::Bool, "yes", M),
    def(Port, "port", int(0, 65535), "6379", M),
    def(TcpBacklog, "tcp-backlog", int(0, INT_MAX), "511", I),
    def(Timeout, "timeout", int(0, INT_MAX), "0", M),
    def(TcpKeepalive, "tcp-keepalive", int(0, INT_MAX), "300", M),
    def(Maxclients, "maxclients", uint(1, u32::MAX as u64), "10000", M),
    def(ProtoMaxBulkLen, "proto-max-bulk-len", mem(MB, LONG_MAX), "512mb", M),
    def(ClientQueryBufferLimit, "client-query-buffer-limit", umem(MB as u64, LONG_MAX as u64), "1gb", M),
    def(ClientOutputBufferLimit, "client-output-buffer-limit", Kind::ClientOutputBufferLimit, "normal 0 0 0 slave 268435456 67108864 60 pubsub 33554432 8388608 60", M),
    // Security
    def(Requirepass, "requirepass", TEXT_OR_NULL, "", M).sensitive(),
    def(EnableProtectedConfigs, "enable-protected-configs", Kind::Enum(PROTECTED_ACTION), "no", I),
    def(EnableDebugCommand, "enable-debug-command", Kind::Enum(PROTECTED_ACTION), "no", I),
    def(EnableModuleCommand, "enable-module-command", Kind::Enum(PROTECTED_ACTION), "no", I),
    def(AcllogMaxLen, "acllog-max-len", int(0, LONG_MAX), "128", M),
    // General
    def(Daemonize, "daemonize", Kind::Bool, "no", I).check(daemonize_no),
    def(Pidfile, "pidfile", TEXT_OR_NULL, "", I),
    def(Loglevel, "loglevel", Kind::Enum(LOGLEVELS), "notice", M),
    def(Logfile, "logfile", TEXT, "", I),
    def(Databases, "databases", int(1, INT_MAX), "16", I),
    def(AlwaysShowLogo, "always-show-logo", Kind::Bool, "no", I),
    def(SetProcTitle, "set-proc-title", Kind::Bool, "yes", I),
    def(ProcTitleTemplate, "proc-title-template", TEXT, "{title} {listen-addr} {server-mode}", M).check(proc_title_check),
    def(Hz, "hz", int(0, INT_MAX), "10", M),
    def(DynamicHz, "dynamic-hz", Kind::Bool, "yes", M),
    def(IoThreads, "io-threads", int(1, 128), "1", I),
    def(IoThreadsDoReads, "io-threads-do-reads", Kind::Bool, "no", I),
    def(Dir, "dir", Kind::Dir, "./", P),
    // Snapshotting and append-only file
    def(Save, "save", Kind::Save, "3600 1 300 100 60 10000", M),
    def(StopWritesOnBgsaveError, "stop-writes-on-bgsave-error", Kind::Bool, "yes", M),
    def(Rdbcompression, "rdbcompression", Kind::Bool, "yes", M),
    def(Rdbchecksum, "rdbchecksum", Kind::Bool, "yes", I),
    def(Dbfilename, "dbfilename", TEXT, "dump.rdb", P).check(dbfilename_check),
    def(RdbDelSyncFiles, "rdb-del-sync-files", Kind::Bool, "no", M),
    def(RdbSaveIncrementalFsync, "rdb-save-incremental-fsync", Kind::Bool, "yes", M),
    def(Appendonly, "appendonly", Kind::Bool, "no", M).check(appendonly_no),
    def(Appendfilename, "appendfilename", TEXT, "appendonly.aof", I).check(appendfilename_check),
    def(Appenddirname, "appenddirname", TEXT, "appendonlydir", I).check(appenddirname_check),
    def(Appendfsync, "appendfsync", Kind::Enum(APPENDFSYNC), "everysec", M),
    def(NoAppendfsyncOnRewrite, "no-appendfsync-on-rewrite", Kind::Bool, "no", M),
    def(AutoAofRewritePercentage, "auto-aof-rewrite-percentage", int(0, INT_MAX), "100", M),
    def(AutoAofRewriteMinSize, "auto-aof-rewrite-min-size", mem(0, i64::MAX), "64mb", M),
    def(AofLoadTruncated, "aof-load-truncated", Kind::Bool, "yes", M),
    def(AofUseRdbPreamble, "aof-use-rdb-preamble", Kind::Bool, "yes", M),
    def(AofTimestampEnabled, "aof-timestamp-enabled", Kind::Bool, "no", M),
    def(AofRewriteIncrementalFsync, "aof-rewrite-incremental-fsync", Kind::Bool, "yes", M),
    // Replication
    def(ReplicaServeStaleData, "replica-serve-stale-data", Kind::Bool, "yes", M).alias("slave-serve-stale-data"),
    def(ReplicaReadOnly, "replica-read-only", Kind::Bool, "yes", M).alias("slave-read-only"),
    def(ReplDisklessSync, "repl-diskless-sync", Kind::Bool, "yes", M),
    def(ReplDisklessSyncDelay, "repl-diskless-sync-delay", int(0, INT_MAX), "5", M),
    def(ReplDisklessSyncMaxReplicas, "repl-diskless-sync-max-replicas", int(0, INT_MAX), "0", M),
    def(ReplDisklessLoad, "repl-diskless-load", Kind::Enum(REPL_DISKLESS_LOAD), "disabled", M),
    def(ReplDisableTcpNodelay, "repl-disable-tcp-nodelay", Kind::Bool, "no", M),
    def(ReplicaPriority, "replica-priority", int(0, INT_MAX), "100", M).alias("slave-priority"),
    def(ReplicaLazyFlush, "replica-lazy-flush", Kind::Bool, "no", M).alias("slave-lazy-flush"),
    def(ReplicaIgnoreMaxmemory, "replica-ignore-maxmemory", Kind::Bool, "yes", M).alias("slave-ignore-maxmemory"),
    // Memory management
    def(Maxmemory, "maxmemory", umem(0, u64::MAX), "0", M),
    def(MaxmemoryPolicy, "maxmemory-policy", Kind::Enum(MAXMEMORY_POLICIES), "noeviction", M),
    def(MaxmemorySamples, "maxmemory-samples", int(1, INT_MAX), "5", M),
    def(MaxmemoryEvictionTenacity, "maxmemory-eviction-tenacity", int(0, 100), "10", M),
    def(LfuLogFactor, "lfu-log-factor", int(0, INT_MAX), "10", M),
    def(LfuDecayTime, "lfu-decay-time", int(0, INT_MAX), "1", M),
    def(LazyfreeLazyEviction, "lazyfree-lazy-eviction", Kind::Bool, "no", M),
    def(LazyfreeLazyExpire, "lazyfree-lazy-expire", Kind::Bool, "no", M),
    def(LazyfreeLazyServerDel, "lazyfree-lazy-server-del", Kind::Bool, "no", M),
    def(LazyfreeLazyUserDel, "lazyfree-lazy-user-del", Kind::Bool, "no", M),
    def(LazyfreeLazyUserFlush, "lazyfree-lazy-user-flush", Kind::Bool, "no", M),
    // Kernel and cluster
    def(OomScoreAdj, "oom-score-adj", Kind::Enum(OOM_SCORE_ADJ), "no", M).check(oom_score_adj_no),
    def(OomScoreAdjValues, "oom-score-adj-values", Kind::OomScoreAdjValues, "0 200 800", M),
    def(DisableThp, "disable-thp", Kind::Bool, "yes", I),
    def(ClusterEnabled, "cluster-enabled", Kind::Bool, "no", I).check(cluster_enabled_no),
    // Scripting, slow log, latency
    def(BusyReplyThreshold, "busy-reply-threshold", int(0, LONG_MAX), "5000", M).alias("lua-time-limit"),
    def(SlowlogLogSlowerThan, "slowlog-log-slower-than", int(-1, i64::MAX), "10000", M),
    def(SlowlogMaxLen, "slowlog-max-len", int(0, LONG_MAX), "128", M),
    def(LatencyMonitorThreshold, "latency-monitor-threshold", int(0, i64::MAX), "0", M),
    def(LatencyTracking, "latency-tracking", Kind::Bool, "yes", M),
    def(LatencyTrackingInfoPercentiles, "latency-tracking-info-percentiles", Kind::LatencyPercentiles, "50 99 99.9", M),
    // Keyspace events
    def(NotifyKeyspaceEvents, "notify-keyspace-events", Kind::NotifyKeyspaceEvents, "", M),
    // Encodings and background work
    def(HashMaxListpackEntries, "hash-max-listpack-entries", uint(0, LONG_MAX as u64), "512", M).alias("hash-max-ziplist-entries"),
    def(HashMaxListpackValue, "hash-max-listpack-value", umem(0, LONG_MAX as u64), "64", M).alias("hash-max-ziplist-value"),
    def(ListMaxListpackSize, "list-max-listpack-size", int(INT_MIN, INT_MAX), "-2", M).alias("list-max-ziplist-size"),
    def(ListCompressDepth, "list-compress-depth", int(0, INT_MAX), "0", M),
    def(SetMaxIntsetEntries, "set-max-intset-entries", uint(0, LONG_MAX as u64), "512", M),
    def(SetMaxListpackEntries, "set-max-listpack-entries", uint(0, LONG_MAX as u64), "128", M),
    def(SetMaxListpackValue, "set-max-listpack-value", uint(0, LONG_MAX as u64), "64", M),
    def(ZsetMaxListpackEntries, "zset-max-listpack-entries", uint(0, LONG_MAX as u64), "128", M).alias("zset-max-ziplist-entries"),
    def(ZsetMaxListpackValue, "zset-max-listpack-value", umem(0, LONG_MAX as u64), "64", M).alias("zset-max-ziplist-value"),
    def(HllSparseMaxBytes, "hll-sparse-max-bytes", umem(0, LONG_MAX as u64), "3000", M),
    def(StreamNodeMaxBytes, "stream-node-max-bytes", umem(0, LONG_MAX as u64), "4096", M),
    def(StreamNodeMaxEntries, "stream-node-max-entries", int(0, i64::MAX), "100", M),
    def(TrackingTableMaxKeys, "tracking-table-max-keys", uint(0, LONG_MAX as u64), "1000000", M),
    def(Activerehashing, "activerehashing", Kind::Bool, "yes", M),
    def(ActiveExpireEffort, "active-expire-effort", int(1, 10), "1", M),
    def(JemallocBgThread, "jemalloc-bg-thread", Kind::Bool, "yes", M),
    // shoal's own
    def(Shards, "shards", int(0, 1024), "0", I),
    def(AdminPort, "admin-port", int(0, 65535), "9850", I),
    def(AdminBind, "admin-bind", TEXT, "127.0.0.1", I),
    def(PinThreads, "pin-threads", Kind::Bool, "no", I),
    def(BusyPollUs, "busy-poll-us", int(0, 1_000_000), "200", M),
    def(ActiveExpire, "active-expire", Kind::Bool, "yes", M),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_indexed_by_param() {
        for (i, d) in PARAMS.iter().enumerate() {
            assert_eq!(d.param as usize, i, "{} is out of place", d.name);
        }
        assert_eq!(PARAMS.len(), ActiveExpire as usize + 1);
    }

    #[test]
    fn names_are_unique_and_lowercase() {
        let mut seen = std::collections::HashSet::new();
        for d in PARAMS {
            for n in std::iter::once(d.name).chain(d.alias) {
                assert_eq!(n, n.to_ascii_lowercase());
                assert!(seen.insert(n), "{n} declared twice");
                assert!(
                    crate::redis_names::unsupported(n.as_bytes()).is_none(),
                    "{n} also listed as unsupported"
                );
            }
        }
    }

    #[test]
    fn lookup_ignores_case_and_knows_aliases() {
        assert_eq!(
            lookup(b"PORT").map(|(d, a)| (d.param, a)),
            Some((Port, false))
        );
        assert_eq!(
            lookup(b"hash-max-ziplist-entries").map(|(d, a)| (d.param, a)),
            Some((HashMaxListpackEntries, true))
        );
        assert_eq!(
            lookup(b"Slave-Read-Only").map(|(d, a)| (d.param, a)),
            Some((ReplicaReadOnly, true))
        );
        assert!(lookup(b"nope").is_none());
        assert_eq!(Param::Maxmemory.name(), "maxmemory");
    }

    #[test]
    fn proc_title_templates() {
        let ok = |s: &str| proc_title_check(&Value::Text(s.as_bytes().to_vec())).is_ok();
        assert!(ok("{title} {listen-addr} {server-mode}"));
        assert!(ok("redis {port}"));
        assert!(ok("{{literal"));
        assert!(!ok("{title}"));
        assert!(!ok("{bogus}"));
        assert!(!ok("{title"));
        assert!(!ok("x {"));
        assert!(!ok(""));
    }
}
