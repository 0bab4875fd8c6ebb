//! Connection and server commands where the reply is deterministic (or comparable with a
//! tolerance): PING/ECHO/SELECT/CLIENT names/HELLO/AUTH/RESET/TIME/CONFIG GET+SET/INFO
//! sections/COMMAND GETKEYS and COUNT.

use proptest::prelude::*;
use proptest::sample::select;

use super::allow;
use super::engine::{cases, Cmd, Cmp, Diff};
use super::gen::*;

fn client() -> BoxedStrategy<Cmd> {
    prop_oneof![
        3 => select(&["conn-a", "b", "", "has space", "new\nline", "x\x7f", "ünï", "ok_name-1"][..])
            .prop_map(|n| Cmd::new(vec![lit("CLIENT"), lit("SETNAME"), lit(n)], Cmp::Exact)),
        3 => Just(cmd(&["CLIENT", "GETNAME"], Cmp::Exact)),
        1 => Just(cmd(&["CLIENT", "ID"], Cmp::Shape)),
        1 => select(&["ON", "off", "maybe"][..])
            .prop_map(|v| Cmd::new(vec![lit("CLIENT"), lit("NO-EVICT"), lit(v)], Cmp::Exact)),
        2 => Just(cmd(&["CLIENT", "INFO"], Cmp::ClientInfo)),
        1 => Just(cmd(&["CLIENT", "NOSUCH"], Cmp::Exact)),
        1 => Just(cmd(&["CLIENT", "SETNAME"], Cmp::Exact)),
    ]
    .boxed()
}

fn hello() -> BoxedStrategy<Cmd> {
    let args = prop_oneof![
        3 => select(&["2", "3"][..]).prop_map(|p| vec![p]),
        1 => Just(vec![]),
        1 => select(&["4", "1", "0", "-1", "abc", ""][..]).prop_map(|p| vec![p]),
        1 => select(&["2", "3"][..]).prop_map(|p| vec![p, "SETNAME", "via-hello"]),
        1 => select(&["2", "3"][..]).prop_map(|p| vec![p, "AUTH", "default", "anything"]),
        1 => select(&["2", "3"][..]).prop_map(|p| vec![p, "AUTH", "nosuchuser", "pw"]),
        1 => Just(vec!["3", "AUTH", "default"]),
        1 => Just(vec!["3", "SETNAME", "bad name"]),
        1 => Just(vec!["3", "FOO"]),
    ];
    args.prop_map(|a| {
        let mut v = vec![lit("HELLO")];
        v.extend(a.into_iter().map(lit));
        Cmd::new(v, Cmp::Hello)
    })
    .boxed()
}

const CONFIG_NAMES: &[&str] = &[
    "maxmemory",
    "maxmemory-policy",
    "maxmemory-samples",
    "lazyfree-lazy-user-del",
    "databases",
    "save",
    "appendonly",
    "timeout",
    "notify-keyspace-events",
    "hash-max-listpack-entries",
    "hash-max-ziplist-entries",
    "list-max-listpack-size",
    "set-max-intset-entries",
    "zset-max-listpack-entries",
    "proto-max-bulk-len",
    "client-query-buffer-limit",
    "nosuchparam",
    "MAXMEMORY",
    "maxmemory-s*",
    "lazyfree-lazy-*",
];

fn config() -> BoxedStrategy<Cmd> {
    let set_pair = prop_oneof![
        select(&["5", "10", "0", "65", "abc", ""][..]).prop_map(|v| vec!["maxmemory-samples", v]),
        select(&["yes", "no", "maybe"][..]).prop_map(|v| vec!["lazyfree-lazy-user-del", v]),
        Just(vec!["nosuchparam", "1"]),
        Just(vec!["maxmemory-samples"]),
    ];
    prop_oneof![
        4 => prop::collection::vec(select(CONFIG_NAMES), 1..=3).prop_map(|names| {
            let mut v = vec![lit("CONFIG"), lit("GET")];
            v.extend(names.into_iter().map(lit));
            Cmd::new(v, Cmp::Pairs)
        }),
        2 => prop::collection::vec(set_pair, 1..=2).prop_map(|pairs| {
            let mut v = vec![lit("CONFIG"), lit("SET")];
            v.extend(pairs.into_iter().flatten().map(lit));
            Cmd::new(v, Cmp::Exact)
        }),
        1 => Just(cmd(&["CONFIG", "GET"], Cmp::Exact)),
        1 => Just(cmd(&["CONFIG", "NOSUCH"], Cmp::Exact)),
    ]
    .boxed()
}

/// Names for COMMAND INFO: shoal's commands and subcommands, except containers (Redis lists
/// their subcommands in hash order) and the allow-listed 7.0/7.2 differences; plus an unknown.
fn info_names() -> Vec<String> {
    let mut names: Vec<String> = shoal_commands::registry()
        .entries()
        .filter(|e| e.spec.subcommands.is_empty())
        .map(|e| e.fullname.clone())
        .filter(|n| {
            let parts: Vec<&[u8]> = n.split('|').map(str::as_bytes).collect();
            !allow::not_in_redis_7_0(&parts)
                && !allow::COMMAND_INFO_CHANGED_IN_7_2
                    .iter()
                    .any(|(c, _, _)| c == n)
        })
        .collect();
    names.push("nosuchcommand".into());
    names
}

fn command() -> BoxedStrategy<Cmd> {
    let getkeys: &[&[&str]] = &[
        &["SET", "k", "v"],
        &["GET", "k"],
        &["MSET", "a", "1", "b", "2"],
        &["MGET", "a", "b", "c"],
        &["DEL", "a", "b"],
        &["RENAME", "a", "b"],
        &["COPY", "a", "b", "DB", "1"],
        &["PING"],
        &["NOSUCH", "a"],
        &["GET"],
        &["EXPIRE", "k", "10"],
        &["LCS", "a", "b"],
    ];
    prop_oneof![
        3 => prop::collection::vec(select(info_names()), 1..=3).prop_map(|names| {
            let mut v = vec![lit("COMMAND"), lit("INFO")];
            v.extend(names.iter().map(lit));
            Cmd::new(v, Cmp::CommandInfo)
        }),
        3 => select(getkeys).prop_map(|args| {
            let mut v = vec![lit("COMMAND"), lit("GETKEYS")];
            v.extend(args.iter().map(lit));
            Cmd::new(v, Cmp::Unordered)
        }),
        1 => Just(cmd(&["COMMAND", "COUNT"], Cmp::Shape)),
        1 => Just(cmd(&["COMMAND", "GETKEYS"], Cmp::Exact)),
        1 => Just(cmd(&["COMMAND", "NOSUCH"], Cmp::Exact)),
    ]
    .boxed()
}

pub fn connection_op() -> BoxedStrategy<Cmd> {
    noisy(
        prop_oneof![
            2 => Just(cmd(&["PING"], Cmp::Exact)),
            2 => value().prop_map(|v| Cmd::new(vec![lit("PING"), v], Cmp::Exact)),
            2 => value().prop_map(|v| Cmd::new(vec![lit("ECHO"), v], Cmp::Exact)),
            2 => select(&["0", "1", "15", "16", "-1", "abc"][..])
                .prop_map(|d| Cmd::new(vec![lit("SELECT"), lit(d)], Cmp::Exact)),
            2 => (key(), value()).prop_map(|(k, v)| Cmd::new(vec![lit("SET"), k, v], Cmp::Exact)),
            1 => Just(cmd(&["DBSIZE"], Cmp::Exact)),
            4 => client(),
            3 => hello(),
            2 => prop_oneof![
                    Just(vec!["AUTH", "pw"]),
                    Just(vec!["AUTH", "default", "pw"]),
                    Just(vec!["AUTH", "nosuchuser", "pw"]),
                    Just(vec!["AUTH", "a", "b", "c"]),
                ]
                .prop_map(|a| Cmd::new(a.into_iter().map(lit).collect(), Cmp::Exact)),
            1 => Just(cmd(&["RESET"], Cmp::Exact)),
            1 => Just(cmd(&["TIME"], Cmp::Time)),
            1 => Just(cmd(&["LASTSAVE"], Cmp::Shape)),
            3 => config(),
            2 => prop_oneof![
                    Just(vec![]),
                    Just(vec!["server"]),
                    Just(vec!["keyspace"]),
                    Just(vec!["nosuch"]),
                    Just(vec!["all"]),
                    Just(vec!["server", "clients"]),
                    Just(vec!["SERVER"]),
                ]
                .prop_map(|s| {
                    let mut v = vec![lit("INFO")];
                    v.extend(s.into_iter().map(lit));
                    Cmd::new(v, Cmp::Info)
                }),
            2 => command(),
            1 => Just(cmd(&["QUIT"], Cmp::Exact)),
        ]
        .boxed(),
    )
}

#[test]
fn connection_and_server_match_redis() {
    let Some(diff) = Diff::start("connection-server") else {
        return;
    };
    diff.check(cases(500), case(connection_op(), 16));
}
