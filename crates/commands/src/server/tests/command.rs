use shoal_resp::{Args, Proto, ReplyBuf, Value};

use crate::registry::{registry, RegEntry};
use crate::server::command::keys::keys_from_specs;
use crate::server::command::reply::{legacy_range, write_docs, write_info};
use crate::spec::{
    Arg, ArgFlags, ArgKind, BeginSearch, CommandSpec, FindKeys, Flags, KeySpec, KsFlags,
};
use crate::testing::TestServer;

fn bulk(s: &str) -> String {
    format!("${}\r\n{s}\r\n", s.len())
}

fn names(v: Value) -> Vec<String> {
    let Value::Array(items) = v else {
        panic!("array expected, got {v:?}");
    };
    items
        .into_iter()
        .map(|i| match i {
            Value::Bulk(b) => String::from_utf8(b).unwrap(),
            other => panic!("{other:?}"),
        })
        .collect()
}

#[test]
fn count_is_the_number_of_top_level_commands() {
    let mut t = TestServer::new();
    let n = registry().top_level().count();
    assert!(n >= 9);
    assert_eq!(t.text(&["COMMAND", "COUNT"]), format!(":{n}\r\n"));
    assert_eq!(
        t.text(&["COMMAND", "COUNT", "x"]),
        "-ERR wrong number of arguments for 'command|count' command\r\n"
    );
}

#[test]
fn info_of_get_is_byte_for_byte_redis() {
    let mut t = TestServer::new();
    let golden = include_str!("../../../tests/golden/command_info/get.resp");
    assert_eq!(t.text(&["COMMAND", "INFO", "GET"]), golden);
}

#[test]
fn info_of_a_container_nests_its_subcommands() {
    let mut t = TestServer::new();
    let Value::Array(mut v) = t.run(&["COMMAND", "INFO", "config"]) else {
        panic!()
    };
    let Value::Array(entry) = v.remove(0) else {
        panic!()
    };
    assert_eq!(entry[0], Value::Bulk(b"config".to_vec()));
    assert_eq!(entry[1], Value::Int(-2));
    assert_eq!(entry[2], Value::Array(vec![]));
    let Value::Array(subs) = &entry[9] else {
        panic!()
    };
    let sub_names: Vec<&Value> = subs
        .iter()
        .map(|s| match s {
            Value::Array(e) => &e[0],
            _ => panic!(),
        })
        .collect();
    assert_eq!(
        sub_names,
        [
            "config|get",
            "config|set",
            "config|resetstat",
            "config|rewrite",
            "config|help"
        ]
        .map(|n| Value::Bulk(n.as_bytes().to_vec()))
        .iter()
        .collect::<Vec<_>>()
    );
}

#[test]
fn info_names_subcommands_and_gives_nil_for_unknown() {
    let mut t = TestServer::new();
    let reply = t.text(&["COMMAND", "INFO", "config|GET", "nosuch"]);
    assert!(reply.starts_with("*2\r\n*10\r\n$10\r\nconfig|get\r\n:-3\r\n*4\r\n+admin\r\n+noscript\r\n+loading\r\n+stale\r\n:0\r\n:0\r\n:0\r\n*3\r\n+@admin\r\n+@slow\r\n+@dangerous\r\n*0\r\n*0\r\n*0\r\n"), "{reply}");
    assert!(reply.ends_with("*0\r\n$-1\r\n"), "{reply}");
    assert_eq!(t.text(&["COMMAND", "INFO", "nosuch"]), "*1\r\n$-1\r\n");
    t.out.proto = Proto::Resp3;
    assert_eq!(t.text(&["COMMAND", "INFO", "nosuch"]), "*1\r\n_\r\n");
    let set = t.text(&["COMMAND", "INFO", "time"]);
    assert_eq!(
        set,
        "*1\r\n*10\r\n$4\r\ntime\r\n:1\r\n~3\r\n+loading\r\n+stale\r\n+fast\r\n:0\r\n:0\r\n:0\r\n\
         ~1\r\n+@fast\r\n~1\r\n$23\r\nnondeterministic_output\r\n*0\r\n*0\r\n"
    );
}

#[test]
fn command_alone_and_info_alone_list_every_command() {
    let mut t = TestServer::new();
    let all = t.text(&["COMMAND"]);
    assert_eq!(all, t.text(&["COMMAND", "INFO"]));
    let n = registry().top_level().count();
    assert!(all.starts_with(&format!("*{n}\r\n*10\r\n")));
    let Value::Array(entries) = t.run(&["COMMAND"]) else {
        panic!()
    };
    assert_eq!(entries.len(), n);
}

#[test]
fn docs_of_info_is_exact() {
    let mut t = TestServer::new();
    let expected = [
        "*2\r\n".to_string(),
        bulk("info"),
        "*12\r\n".into(),
        bulk("summary"),
        bulk("Returns information and statistics about the server."),
        bulk("since"),
        bulk("1.0.0"),
        bulk("group"),
        bulk("server"),
        bulk("complexity"),
        bulk("O(1)"),
        bulk("history"),
        "*1\r\n*2\r\n".into(),
        bulk("7.0.0"),
        bulk("Added support for taking multiple section arguments."),
        bulk("arguments"),
        "*1\r\n*8\r\n".into(),
        bulk("name"),
        bulk("section"),
        bulk("type"),
        bulk("string"),
        bulk("display_text"),
        bulk("section"),
        bulk("flags"),
        "*2\r\n+optional\r\n+multiple\r\n".into(),
    ]
    .concat();
    assert_eq!(t.text(&["COMMAND", "DOCS", "info"]), expected);
}

#[test]
fn docs_skip_unknown_names_and_use_maps_in_resp3() {
    let mut t = TestServer::new();
    assert_eq!(t.text(&["COMMAND", "DOCS", "nosuch"]), "*0\r\n");
    let time = [
        bulk("time"),
        "%4\r\n".into(),
        bulk("summary"),
        bulk("Returns the server time."),
        bulk("since"),
        bulk("2.6.0"),
        bulk("group"),
        bulk("server"),
        bulk("complexity"),
        bulk("O(1)"),
    ]
    .concat();
    t.out.proto = Proto::Resp3;
    assert_eq!(t.text(&["COMMAND", "DOCS", "nosuch"]), "%0\r\n");
    assert_eq!(
        t.text(&["COMMAND", "DOCS", "nosuch", "TIME"]),
        format!("%1\r\n{time}")
    );
}

#[test]
fn docs_of_a_container_map_its_subcommands() {
    let mut t = TestServer::new();
    let Value::Array(v) = t.run(&["COMMAND", "DOCS", "config"]) else {
        panic!()
    };
    assert_eq!(v[0], Value::Bulk(b"config".to_vec()));
    let Value::Array(doc) = &v[1] else { panic!() };
    let i = doc
        .iter()
        .position(|x| *x == Value::Bulk(b"subcommands".to_vec()))
        .expect("subcommands field");
    let Value::Array(subs) = &doc[i + 1] else {
        panic!()
    };
    let keys: Vec<&Value> = subs.iter().step_by(2).collect();
    assert_eq!(keys.len(), 5);
    assert_eq!(*keys[0], Value::Bulk(b"config|get".to_vec()));
    let all = t.text(&["COMMAND", "DOCS"]);
    assert!(all.starts_with(&format!("*{}\r\n", 2 * registry().top_level().count())));
}

#[test]
fn list_gives_every_name_including_subcommands() {
    let mut t = TestServer::new();
    let all = names(t.run(&["COMMAND", "LIST"]));
    assert_eq!(all.len(), registry().len());
    for n in [
        "get",
        "config",
        "config|get",
        "command|getkeysandflags",
        "shutdown",
    ] {
        assert!(all.iter().any(|x| x == n), "{n}");
    }
}

#[test]
fn list_filters() {
    let mut t = TestServer::new();
    let mut config = names(t.run(&["COMMAND", "LIST", "FILTERBY", "PATTERN", "CONFIG*"]));
    config.sort();
    assert_eq!(
        config,
        [
            "config",
            "config|get",
            "config|help",
            "config|resetstat",
            "config|rewrite",
            "config|set"
        ]
    );
    assert_eq!(
        names(t.run(&["COMMAND", "LIST", "filterby", "pattern", "*|count"])),
        ["command|count"]
    );
    let mut strings = names(t.run(&["COMMAND", "LIST", "FILTERBY", "ACLCAT", "STRING"]));
    strings.sort();
    assert!(strings.contains(&"get".to_string()) && strings.contains(&"set".to_string()));
    assert!(!strings.contains(&"ping".to_string()));
    let dangerous = names(t.run(&["COMMAND", "LIST", "FILTERBY", "ACLCAT", "dangerous"]));
    for n in ["info", "config|get", "shutdown", "lastsave"] {
        assert!(dangerous.iter().any(|x| x == n), "{n}");
    }
    assert!(!dangerous.iter().any(|x| x == "config|help"));
    assert_eq!(
        t.text(&["COMMAND", "LIST", "FILTERBY", "ACLCAT", "nosuch"]),
        "*0\r\n"
    );
    assert_eq!(
        t.text(&["COMMAND", "LIST", "FILTERBY", "MODULE", "x"]),
        "*0\r\n"
    );
    for bad in [
        &["COMMAND", "LIST", "x"][..],
        &["COMMAND", "LIST", "FILTERBY"][..],
        &["COMMAND", "LIST", "FILTERBY", "nosuch", "x"][..],
        &["COMMAND", "LIST", "FILTERBY", "PATTERN", "x", "y"][..],
        &["COMMAND", "LIST", "nosuch", "PATTERN", "x"][..],
    ] {
        assert_eq!(t.text(bad), "-ERR syntax error\r\n", "{bad:?}");
    }
}

#[test]
fn getkeys_and_getkeysandflags() {
    let mut t = TestServer::new();
    assert_eq!(
        t.text(&["COMMAND", "GETKEYS", "get", "k"]),
        "*1\r\n$1\r\nk\r\n"
    );
    assert_eq!(
        t.text(&["COMMAND", "GETKEYS", "SET", "key", "v", "GET"]),
        "*1\r\n$3\r\nkey\r\n"
    );
    assert_eq!(
        t.text(&["COMMAND", "GETKEYSANDFLAGS", "get", "k"]),
        "*1\r\n*2\r\n$1\r\nk\r\n*2\r\n+RO\r\n+access\r\n"
    );
    // SET's flags depend on GET: Redis asks SET itself; ours come from the spec.
    assert_eq!(
        t.text(&["COMMAND", "GETKEYSANDFLAGS", "set", "k", "v"]),
        "*1\r\n*2\r\n$1\r\nk\r\n*3\r\n+RW\r\n+access\r\n+update\r\n"
    );
}

#[test]
fn getkeys_errors_match_redis() {
    let mut t = TestServer::new();
    let cases: &[(&[&str], &str)] = &[
        (
            &["COMMAND", "GETKEYS", "get"],
            "-ERR wrong number of arguments for 'command|getkeys' command\r\n",
        ),
        (
            &["COMMAND", "GETKEYSANDFLAGS", "get"],
            "-ERR wrong number of arguments for 'command|getkeysandflags' command\r\n",
        ),
        (
            &["COMMAND", "GETKEYS", "nosuch", "a"],
            "-ERR Invalid command specified\r\n",
        ),
        (
            &["COMMAND", "GETKEYS", "ping", "x"],
            "-ERR The command has no key arguments\r\n",
        ),
        (
            &["COMMAND", "GETKEYS", "get", "a", "b"],
            "-ERR Invalid number of arguments specified for command\r\n",
        ),
        (
            &["COMMAND", "GETKEYS", "config", "get", "x"],
            "-ERR The command has no key arguments\r\n",
        ),
        (
            &["COMMAND", "GETKEYS", "config", "nosub", "x"],
            "-ERR Invalid command specified\r\n",
        ),
    ];
    for (args, expected) in cases {
        assert_eq!(t.text(args), *expected, "{args:?}");
    }
}

#[test]
fn help_lists_the_subcommands() {
    let mut t = TestServer::new();
    let Value::Array(lines) = t.run(&["command", "help"]) else {
        panic!()
    };
    assert_eq!(lines.len(), 21);
    assert_eq!(
        lines[0],
        Value::Simple(b"COMMAND <subcommand> [<arg> [value] [opt] ...]. Subcommands are:".to_vec())
    );
    assert_eq!(lines[1], Value::Simple(b"(no subcommand)".to_vec()));
    assert_eq!(lines[19], Value::Simple(b"HELP".to_vec()));
    assert_eq!(lines[20], Value::Simple(b"    Prints this help.".to_vec()));
    assert_eq!(
        t.text(&["COMMAND", "nosuch"]),
        "-ERR unknown subcommand 'nosuch'. Try COMMAND HELP.\r\n"
    );
}

const fn ks(begin: BeginSearch, find: FindKeys, flags: KsFlags) -> KeySpec {
    KeySpec {
        notes: "",
        flags,
        begin,
        find,
    }
}

const RANGE1: FindKeys = FindKeys::Range {
    lastkey: 0,
    keystep: 1,
    limit: 0,
};

static KEYNUM: CommandSpec = CommandSpec {
    name: "zstore",
    arity: -4,
    flags: Flags::WRITE.union(Flags::MAY_REPLICATE),
    key_specs: &[
        KeySpec::single(1, KsFlags::OW),
        ks(
            BeginSearch::Index(2),
            FindKeys::Keynum {
                keynumidx: 0,
                firstkey: 1,
                keystep: 1,
            },
            KsFlags::RO,
        ),
    ],
    ..CommandSpec::DEFAULT
};

static STREAMS: CommandSpec = CommandSpec {
    name: "xr",
    arity: -4,
    key_specs: &[ks(
        BeginSearch::Keyword {
            keyword: "STREAMS",
            startfrom: 1,
        },
        FindKeys::Range {
            lastkey: -1,
            keystep: 1,
            limit: 2,
        },
        KsFlags::RO,
    )],
    ..CommandSpec::DEFAULT
};

static FROM_END: CommandSpec = CommandSpec {
    name: "mig",
    arity: -6,
    key_specs: &[
        KeySpec::single(3, KsFlags::RW.union(KsFlags::INCOMPLETE)),
        ks(
            BeginSearch::Keyword {
                keyword: "KEYS",
                startfrom: -2,
            },
            FindKeys::Range {
                lastkey: -1,
                keystep: 1,
                limit: 0,
            },
            KsFlags::RW,
        ),
        ks(BeginSearch::Index(1), RANGE1, KsFlags::NOT_KEY),
    ],
    ..CommandSpec::DEFAULT
};

fn keys(spec: &CommandSpec, argv: &[&str]) -> Option<Vec<usize>> {
    let bytes: Vec<&[u8]> = argv.iter().map(|a| a.as_bytes()).collect();
    let args = Args::from_slices(&bytes);
    keys_from_specs(spec, &args)
        .ok()
        .map(|k| k.into_iter().map(|(p, _)| p).collect())
}

#[test]
fn key_extraction_follows_redis_rules() {
    assert_eq!(
        keys(&KEYNUM, &["z", "d", "2", "a", "b"]),
        Some(vec![1, 3, 4])
    );
    assert_eq!(keys(&KEYNUM, &["z", "d", "3", "a", "b"]), None);
    assert_eq!(keys(&KEYNUM, &["z", "d", "0", "a"]), None);
    assert_eq!(keys(&KEYNUM, &["z", "d", "-1", "a"]), None);
    assert_eq!(keys(&KEYNUM, &["z", "d", "x", "a"]), None);
    assert_eq!(keys(&KEYNUM, &["z", "d"]), None);
    assert_eq!(
        keys(
            &STREAMS,
            &["xr", "COUNT", "1", "streams", "a", "b", "0", "0"]
        ),
        Some(vec![4, 5])
    );
    // The keyword cannot be the last argument, and a missing keyword finds no keys.
    assert_eq!(keys(&STREAMS, &["xr", "a", "b", "STREAMS"]), Some(vec![]));
    assert_eq!(keys(&STREAMS, &["xr", "a", "b", "c"]), Some(vec![]));
    assert_eq!(
        keys(
            &FROM_END,
            &["mig", "h", "p", "", "0", "5", "KEYS", "a", "b"]
        ),
        Some(vec![3, 7, 8])
    );
    assert_eq!(
        keys(&FROM_END, &["mig", "h", "p", "k", "0", "5"]),
        Some(vec![3])
    );
}

#[test]
fn legacy_range_and_movable_keys() {
    macro_rules! range {
        ($($k:expr),*) => {{
            const SPECS: &[KeySpec] = &[$($k),*];
            legacy_range(&CommandSpec {
                key_specs: SPECS,
                ..CommandSpec::DEFAULT
            })
        }};
    }
    assert_eq!(range!(), ((0, 0, 0), false));
    assert_eq!(range!(KeySpec::single(1, KsFlags::RO)), ((1, 1, 1), false));
    assert_eq!(
        range!(KeySpec::rest(1, 2, KsFlags::OW)),
        ((1, -1, 2), false)
    );
    assert_eq!(
        range!(KeySpec::single(1, KsFlags::RW.union(KsFlags::INCOMPLETE))),
        ((1, 1, 1), true)
    );
    assert_eq!(
        range!(
            KeySpec::single(1, KsFlags::RW),
            KeySpec::single(2, KsFlags::OW)
        ),
        ((1, 2, 1), false)
    );
    assert_eq!(
        range!(
            KeySpec::single(1, KsFlags::RW),
            KeySpec::rest(2, 1, KsFlags::RO)
        ),
        ((1, -1, 1), false)
    );
    assert_eq!(
        range!(
            KeySpec::single(1, KsFlags::RW),
            KeySpec::single(3, KsFlags::RO)
        ),
        ((1, 1, 1), true)
    );
    assert_eq!(legacy_range(&KEYNUM), ((1, 1, 1), true));
    assert_eq!(legacy_range(&STREAMS), ((0, 0, 0), true));
}

fn fake_entry(spec: &'static CommandSpec) -> RegEntry {
    RegEntry {
        id: usize::MAX,
        spec,
        fullname: spec.name.to_string(),
        parent: None,
    }
}

#[test]
fn info_entry_shows_movablekeys_and_hides_internal_flags() {
    static BUSY: CommandSpec = CommandSpec {
        name: "busy",
        arity: -2,
        flags: Flags::WRITE.union(Flags::NO_MULTI).union(Flags::ALLOW_BUSY),
        key_specs: KEYNUM.key_specs,
        ..CommandSpec::DEFAULT
    };
    let mut out = ReplyBuf::new(Proto::Resp2);
    write_info(&mut out, &fake_entry(&KEYNUM));
    let text = String::from_utf8(out.buf).unwrap();
    assert!(
        text.starts_with("*10\r\n$6\r\nzstore\r\n:-4\r\n*2\r\n+write\r\n+movablekeys\r\n:1\r\n:1\r\n:1\r\n*2\r\n+@write\r\n+@slow\r\n"),
        "{text}"
    );
    assert!(text.contains("$4\r\ntype\r\n$6\r\nkeynum\r\n$4\r\nspec\r\n*6\r\n$9\r\nkeynumidx\r\n:0\r\n$8\r\nfirstkey\r\n:1\r\n$7\r\nkeystep\r\n:1\r\n"));
    let mut out = ReplyBuf::new(Proto::Resp2);
    write_info(&mut out, &fake_entry(&BUSY));
    let text = String::from_utf8(out.buf).unwrap();
    assert!(
        text.starts_with("*10\r\n$4\r\nbusy\r\n:-2\r\n*4\r\n+write\r\n+no_multi\r\n+movablekeys\r\n+allow_busy\r\n"),
        "{text}"
    );
    let mut out = ReplyBuf::new(Proto::Resp2);
    write_info(&mut out, &fake_entry(&STREAMS));
    let text = String::from_utf8(out.buf).unwrap();
    assert!(text.contains("$12\r\nbegin_search\r\n*4\r\n$4\r\ntype\r\n$7\r\nkeyword\r\n$4\r\nspec\r\n*4\r\n$7\r\nkeyword\r\n$7\r\nSTREAMS\r\n$9\r\nstartfrom\r\n:1\r\n"), "{text}");
    assert!(text.contains("$5\r\nlimit\r\n:2\r\n"));
}

#[test]
fn docs_number_key_arguments_and_show_display_text() {
    static SORTLIKE: CommandSpec = CommandSpec {
        name: "sortlike",
        arity: -2,
        summary: "s",
        since: "",
        complexity: "",
        doc_flags: &["deprecated"],
        deprecated_since: "6.2.0",
        replaced_by: "`OTHER`",
        args: &[
            Arg::new("key", ArgKind::Key),
            Arg {
                key_spec_index: 1,
                token: "BY",
                flags: ArgFlags::OPTIONAL,
                ..Arg::new("pattern", ArgKind::Pattern)
            },
            Arg {
                flags: ArgFlags::OPTIONAL.union(ArgFlags::MULTIPLE_TOKEN),
                children: &[Arg {
                    display: "dest-key",
                    summary: "where",
                    deprecated_since: "7.0.0",
                    ..Arg::new("dest", ArgKind::Key)
                }],
                ..Arg::new("store", ArgKind::Block)
            },
        ],
        ..CommandSpec::DEFAULT
    };
    let mut out = ReplyBuf::new(Proto::Resp2);
    write_docs(&mut out, &fake_entry(&SORTLIKE));
    let text = String::from_utf8(out.buf).unwrap();
    let expected_head = [
        "*12\r\n".to_string(),
        bulk("summary"),
        bulk("s"),
        bulk("group"),
        bulk("generic"),
        bulk("doc_flags"),
        "*1\r\n+deprecated\r\n".into(),
        bulk("deprecated_since"),
        bulk("6.2.0"),
        bulk("replaced_by"),
        bulk("`OTHER`"),
        bulk("arguments"),
        "*3\r\n*8\r\n".into(),
        bulk("name"),
        bulk("key"),
        bulk("type"),
        bulk("key"),
        bulk("display_text"),
        bulk("key"),
        bulk("key_spec_index"),
        ":0\r\n*12\r\n".into(),
        bulk("name"),
        bulk("pattern"),
        bulk("type"),
        bulk("pattern"),
        bulk("display_text"),
        bulk("pattern"),
        bulk("key_spec_index"),
        ":1\r\n".into(),
        bulk("token"),
        bulk("BY"),
        bulk("flags"),
        "*1\r\n+optional\r\n*8\r\n".into(),
        bulk("name"),
        bulk("store"),
        bulk("type"),
        bulk("block"),
        bulk("flags"),
        "*2\r\n+optional\r\n+multiple_token\r\n".into(),
        bulk("arguments"),
        "*1\r\n*12\r\n".into(),
        bulk("name"),
        bulk("dest"),
        bulk("type"),
        bulk("key"),
        bulk("display_text"),
        bulk("dest-key"),
        bulk("key_spec_index"),
        ":1\r\n".into(),
        bulk("summary"),
        bulk("where"),
        bulk("deprecated_since"),
        bulk("7.0.0"),
    ]
    .concat();
    assert_eq!(text, expected_head);
}

#[test]
fn list_filter_words_end_at_a_nul_byte() {
    // redis-server 7.0 compares FILTERBY, its kinds and the ACL category with strcasecmp
    // (up to the first NUL); the pattern itself is matched with its full length.
    let mut t = TestServer::new();
    let mut hll = names(t.run(&[
        "COMMAND",
        "LIST",
        "FILTERBY\0",
        "ACLCAT\0",
        "hyperloglog\0x",
    ]));
    hll.sort();
    assert_eq!(
        hll,
        ["pfadd", "pfcount", "pfdebug", "pfmerge", "pfselftest"]
    );
    let mut pf = names(t.run(&["COMMAND", "LIST", "FILTERBY", "PATTERN\0", "pf*"]));
    pf.sort();
    assert_eq!(pf, hll);
    assert_eq!(
        t.text(&["COMMAND", "LIST", "FILTERBY", "PATTERN", "pfa*\0zz"]),
        "*0\r\n"
    );
    assert_eq!(
        t.text(&["COMMAND", "LIST", "FILTERBY", "MODULE\0", "x"]),
        "*0\r\n"
    );
    assert_eq!(
        t.text(&["COMMAND", "LIST", "FILTERBY\0", "foo", "x"]),
        "-ERR syntax error\r\n"
    );
}

#[test]
fn key_spec_keywords_end_at_a_nul_byte() {
    // redis-server 7.0 finds a keyword with strcasecmp: COMMAND GETKEYS GEORADIUS ...
    // "STOREDIST\0x" dst2 names dst2, and XREAD "STREAMS\0" st 0 reads st.
    assert_eq!(
        keys(
            &STREAMS,
            &["xr", "COUNT", "1", "streams\0x", "a", "b", "0", "0"]
        ),
        Some(vec![4, 5])
    );
    assert_eq!(
        keys(
            &STREAMS,
            &["xr", "COUNT", "1", "stream\0s", "a", "b", "0", "0"]
        ),
        Some(vec![])
    );
    let mut t = TestServer::new();
    assert_eq!(
        t.text(&[
            "COMMAND",
            "GETKEYS",
            "GEORADIUS",
            "g",
            "1",
            "1",
            "10",
            "km",
            "STOREDIST\0x",
            "dst2"
        ]),
        "*2\r\n$1\r\ng\r\n$4\r\ndst2\r\n"
    );
    t.text(&["GEOADD", "g", "1", "1", "m"]);
    assert_eq!(
        t.text(&["GEORADIUS", "g", "1", "1", "10", "km", "STORE\0x", "dst"]),
        ":1\r\n"
    );
    assert_eq!(t.text(&["ZRANGE", "dst", "0", "-1"]), "*1\r\n$1\r\nm\r\n");
}
