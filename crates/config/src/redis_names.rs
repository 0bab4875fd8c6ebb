//! Redis 7.2 configuration directives that shoal does not implement, so that a
//! redis.conf using them fails with a message saying so instead of a generic
//! "Bad directive".

/// Parameters known to Redis 7.2 (names and aliases) that shoal rejects.
const UNSUPPORTED_PARAMS: &[&str] = &[
    "aclfile",
    "acl-pubsub-default",
    "active-defrag-cycle-max",
    "active-defrag-cycle-min",
    "active-defrag-ignore-bytes",
    "active-defrag-max-scan-fields",
    "active-defrag-threshold-lower",
    "active-defrag-threshold-upper",
    "activedefrag",
    "aof-disable-auto-gc",
    "aof_rewrite_cpulist",
    "bgsave_cpulist",
    "bind-source-addr",
    "bio_cpulist",
    "cluster-allow-pubsubshard-when-down",
    "cluster-allow-reads-when-down",
    "cluster-allow-replica-migration",
    "cluster-announce-bus-port",
    "cluster-announce-hostname",
    "cluster-announce-human-nodename",
    "cluster-announce-ip",
    "cluster-announce-port",
    "cluster-announce-tls-port",
    "cluster-config-file",
    "cluster-link-sendbuf-limit",
    "cluster-migration-barrier",
    "cluster-node-timeout",
    "cluster-port",
    "cluster-preferred-endpoint-type",
    "cluster-replica-no-failover",
    "cluster-replica-validity-factor",
    "cluster-require-full-coverage",
    "cluster-slave-no-failover",
    "cluster-slave-validity-factor",
    "crash-log-enabled",
    "crash-memcheck-enabled",
    "ignore-warnings",
    "locale-collate",
    "masterauth",
    "masteruser",
    "maxmemory-clients",
    "min-replicas-max-lag",
    "min-replicas-to-write",
    "min-slaves-max-lag",
    "min-slaves-to-write",
    "propagation-error-behavior",
    "repl-backlog-size",
    "repl-backlog-ttl",
    "repl-ping-replica-period",
    "repl-ping-slave-period",
    "repl-timeout",
    "replica-announce-ip",
    "replica-announce-port",
    "replica-announced",
    "replica-ignore-disk-write-errors",
    "replicaof",
    "sanitize-dump-payload",
    "server_cpulist",
    "shutdown-on-sigint",
    "shutdown-on-sigterm",
    "shutdown-timeout",
    "slave-announce-ip",
    "slave-announce-port",
    "slaveof",
    "socket-mark-id",
    "supervised",
    "syslog-enabled",
    "syslog-facility",
    "syslog-ident",
    "tls-auth-clients",
    "tls-ca-cert-dir",
    "tls-ca-cert-file",
    "tls-cert-file",
    "tls-ciphers",
    "tls-ciphersuites",
    "tls-client-cert-file",
    "tls-client-key-file",
    "tls-client-key-file-pass",
    "tls-cluster",
    "tls-dh-params-file",
    "tls-key-file",
    "tls-key-file-pass",
    "tls-port",
    "tls-prefer-server-ciphers",
    "tls-protocols",
    "tls-replication",
    "tls-session-cache-size",
    "tls-session-cache-timeout",
    "tls-session-caching",
    "unixsocket",
    "unixsocketperm",
];

/// Config-file directives that are not parameters.
const UNSUPPORTED_DIRECTIVES: &[&str] = &[
    "include",
    "rename-command",
    "user",
    "loadmodule",
    "sentinel",
];

/// Directives Redis 7.2 accepts with one argument and ignores.
const DEPRECATED: &[&str] = &[
    "list-max-ziplist-entries",
    "list-max-ziplist-value",
    "lua-replicate-commands",
];

/// Why a Redis directive is refused, or `None` if Redis does not know it
/// either. `name` must be lowercase.
pub(crate) fn unsupported(name: &[u8]) -> Option<String> {
    let shown = String::from_utf8_lossy(name);
    if UNSUPPORTED_PARAMS.iter().any(|n| n.as_bytes() == name) {
        Some(format!("parameter '{shown}' is not supported by shoal yet"))
    } else if UNSUPPORTED_DIRECTIVES.iter().any(|n| n.as_bytes() == name) {
        Some(format!("directive '{shown}' is not supported by shoal yet"))
    } else if name.contains(&b'.') {
        Some(format!(
            "module configuration '{shown}' is not supported by shoal: it has no modules"
        ))
    } else {
        None
    }
}

/// Whether Redis silently ignores this directive with `argc` words (name
/// included).
pub(crate) fn is_deprecated(name: &[u8], argc: usize) -> bool {
    argc == 2 && DEPRECATED.iter().any(|n| n.as_bytes() == name)
}

/// Directives CONFIG REWRITE keeps verbatim although they are not parameters.
pub(crate) fn is_rewrite_passthrough(name: &[u8]) -> bool {
    UNSUPPORTED_DIRECTIVES
        .iter()
        .any(|n| n.as_bytes().eq_ignore_ascii_case(name))
}
