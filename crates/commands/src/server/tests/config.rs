use shoal_resp::{Proto, Value};

use crate::testing::TestServer;

#[test]
fn get_replies_a_flat_array_in_resp2_and_a_map_in_resp3() {
    let mut t = TestServer::new();
    assert_eq!(
        t.text(&["CONFIG", "GET", "maxmemory"]),
        "*2\r\n$9\r\nmaxmemory\r\n$1\r\n0\r\n"
    );
    t.out.proto = Proto::Resp3;
    assert_eq!(
        t.text(&["CONFIG", "GET", "maxmemory"]),
        "%1\r\n$9\r\nmaxmemory\r\n$1\r\n0\r\n"
    );
    assert_eq!(t.text(&["CONFIG", "GET", "nosuch"]), "%0\r\n");
}

#[test]
fn get_takes_globs_and_several_patterns_each_name_once() {
    let mut t = TestServer::new();
    assert_eq!(t.text(&["CONFIG", "GET", "nosuch"]), "*0\r\n");
    assert_eq!(
        t.text(&["CONFIG", "GET", "MAXMEMORY", "maxmemory", "hz"]),
        "*4\r\n$9\r\nMAXMEMORY\r\n$1\r\n0\r\n$2\r\nhz\r\n$2\r\n10\r\n"
    );
    let Value::Array(items) = t.run(&["CONFIG", "GET", "maxmemory-*", "maxmemory*"]) else {
        panic!("array expected");
    };
    let names: Vec<String> = items
        .chunks(2)
        .map(|p| match &p[0] {
            Value::Bulk(b) => String::from_utf8_lossy(b).into_owned(),
            other => panic!("{other:?}"),
        })
        .collect();
    for n in [
        "maxmemory-policy",
        "maxmemory-samples",
        "maxmemory-eviction-tenacity",
        "maxmemory",
    ] {
        assert_eq!(
            names.iter().filter(|x| *x == n).count(),
            1,
            "{n} in {names:?}"
        );
    }
    assert!(names.iter().all(|n| n.starts_with("maxmemory")));
}

#[test]
fn set_changes_values_all_or_nothing() {
    let mut t = TestServer::new();
    assert_eq!(t.text(&["CONFIG", "SET", "maxmemory", "100mb"]), "+OK\r\n");
    assert_eq!(
        t.text(&["CONFIG", "GET", "maxmemory"]),
        "*2\r\n$9\r\nmaxmemory\r\n$9\r\n104857600\r\n"
    );
    assert_eq!(
        t.text(&["CONFIG", "SET", "hz", "20", "maxmemory", "abc"]),
        "-ERR CONFIG SET failed (possibly related to argument 'maxmemory') - argument must be a memory value\r\n"
    );
    assert_eq!(
        t.text(&["CONFIG", "GET", "hz"]),
        "*2\r\n$2\r\nhz\r\n$2\r\n10\r\n"
    );
    assert_eq!(
        t.text(&[
            "CONFIG",
            "SET",
            "hz",
            "20",
            "maxmemory-policy",
            "allkeys-lru"
        ]),
        "+OK\r\n"
    );
    assert_eq!(t.server.config.hz(), 20);
    assert_eq!(
        t.server
            .config
            .get_enum_name(shoal_config::Param::MaxmemoryPolicy),
        "allkeys-lru"
    );
}

#[test]
fn set_errors_match_redis() {
    let mut t = TestServer::new();
    assert_eq!(
        t.text(&["CONFIG", "SET", "maxmemory"]),
        "-ERR wrong number of arguments for 'config|set' command\r\n"
    );
    assert_eq!(
        t.text(&["CONFIG", "SET", "a", "b", "c"]),
        "-ERR syntax error\r\n"
    );
    assert_eq!(
        t.text(&["CONFIG", "SET", "nosuch", "1"]),
        "-ERR Unknown option or number of arguments for CONFIG SET - 'nosuch'\r\n"
    );
    assert_eq!(
        t.text(&["CONFIG", "SET", "maxmemory", "10", "maxmemory", "20"]),
        "-ERR CONFIG SET failed (possibly related to argument 'maxmemory') - duplicate parameter\r\n"
    );
    assert_eq!(
        t.text(&["CONFIG", "SET", "databases", "4"]),
        "-ERR CONFIG SET failed (possibly related to argument 'databases') - can't set immutable config\r\n"
    );
}

#[test]
fn resetstat_replies_ok_and_takes_no_argument() {
    let mut t = TestServer::new();
    assert_eq!(t.text(&["CONFIG", "RESETSTAT"]), "+OK\r\n");
    assert_eq!(
        t.text(&["CONFIG", "RESETSTAT", "x"]),
        "-ERR wrong number of arguments for 'config|resetstat' command\r\n"
    );
    t.server.shards[1].keyspace_misses.add(3);
    t.server.shards[1].cmds[0].calls.add(3);
    t.server.shards[2].count_error("ERR");
    t.run(&["config", "resetstat"]);
    for s in t.server.shards.iter() {
        assert_eq!(s.keyspace_misses.get(), 0);
        assert_eq!(s.total_error_replies.get(), 0);
        assert!(s.errors.lock().is_empty());
        assert_eq!(s.cmds[0].calls.get(), 0);
    }
}

#[test]
fn rewrite_without_a_config_file() {
    let mut t = TestServer::new();
    assert_eq!(
        t.text(&["CONFIG", "REWRITE"]),
        "-ERR The server is running without a config file\r\n"
    );
    assert_eq!(
        t.text(&["CONFIG", "REWRITE", "now"]),
        "-ERR wrong number of arguments for 'config|rewrite' command\r\n"
    );
}

#[test]
fn rewrite_writes_the_startup_file() {
    let path = std::env::temp_dir().join(format!(
        "shoal-servercmds-rewrite-{}.conf",
        std::process::id()
    ));
    std::fs::write(&path, "# my settings\nhz 15\n").unwrap();
    let mut t = TestServer::with_args(&[path.to_str().unwrap()]);
    assert_eq!(
        t.text(&["CONFIG", "SET", "maxmemory", "2mb", "hz", "25"]),
        "+OK\r\n"
    );
    assert_eq!(t.text(&["CONFIG", "REWRITE"]), "+OK\r\n");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::remove_file(&path).unwrap();
    assert!(text.starts_with("# my settings\nhz 25\n"), "{text}");
    assert!(text.contains("\nmaxmemory 2mb\n"), "{text}");
    let info = super::info_text(&mut t, &["server"]);
    assert_eq!(
        super::field(&info, "config_file"),
        std::path::absolute(&path).unwrap().display().to_string()
    );
}

#[test]
fn help_lists_the_subcommands() {
    let mut t = TestServer::new();
    assert_eq!(
        t.text(&["config", "help"]),
        "*11\r\n\
         +CONFIG <subcommand> [<arg> [value] [opt] ...]. Subcommands are:\r\n\
         +GET <pattern>\r\n\
         +    Return parameters matching the glob-like <pattern> and their values.\r\n\
         +SET <directive> <value>\r\n\
         +    Set the configuration <directive> to <value>.\r\n\
         +RESETSTAT\r\n\
         +    Reset statistics reported by the INFO command.\r\n\
         +REWRITE\r\n\
         +    Rewrite the configuration file.\r\n\
         +HELP\r\n\
         +    Prints this help.\r\n"
    );
}

#[test]
fn container_errors() {
    let mut t = TestServer::new();
    assert_eq!(
        t.text(&["CONFIG"]),
        "-ERR wrong number of arguments for 'config' command\r\n"
    );
    assert_eq!(
        t.text(&["CONFIG", "foo"]),
        "-ERR unknown subcommand 'foo'. Try CONFIG HELP.\r\n"
    );
    assert_eq!(
        t.text(&["CONFIG", "GET"]),
        "-ERR wrong number of arguments for 'config|get' command\r\n"
    );
}
