//! Behaviour tests across loading, CONFIG GET/SET and REWRITE.

use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use crate::*;

fn get(c: &Config, patterns: &[&str]) -> Vec<(String, String)> {
    let pats: Vec<&[u8]> = patterns.iter().map(|p| p.as_bytes()).collect();
    c.config_get(&pats)
        .into_iter()
        .map(|(k, v)| (String::from_utf8(k).unwrap(), String::from_utf8(v).unwrap()))
        .collect()
}

fn get1(c: &Config, name: &str) -> String {
    let found = get(c, &[name]);
    assert_eq!(found.len(), 1, "{name}: {found:?}");
    found[0].1.clone()
}

fn set(c: &Config, args: &[&str]) -> Result<(), String> {
    let args: Vec<&[u8]> = args.iter().map(|a| a.as_bytes()).collect();
    c.config_set(&args, false)
}

fn temp_path(tag: &str) -> PathBuf {
    static N: AtomicUsize = AtomicUsize::new(0);
    let n = N.fetch_add(1, Ordering::Relaxed);
    std::env::temp_dir().join(format!(
        "shoal-config-{tag}-{}-{n}.conf",
        std::process::id()
    ))
}

fn args(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

fn directive_error(text: &str) -> (usize, String, String) {
    match from_str_conf(text).unwrap_err() {
        ConfigError::Directive {
            line,
            text,
            message,
            ..
        } => (line, text, message),
        other => panic!("unexpected {other:?}"),
    }
}

// ---- defaults -------------------------------------------------------------

#[test]
fn default_conf_equals_builtins_and_lists_every_parameter() {
    let builtin = Config::new();
    let from_file = from_str_conf(DEFAULT_CONF).unwrap();
    for p in Param::all() {
        assert_eq!(
            from_file.render(p),
            builtin.render(p),
            "{} differs",
            p.name()
        );
        let listed = DEFAULT_CONF
            .lines()
            .any(|l| l.split_whitespace().next() == Some(p.name()));
        assert!(
            listed,
            "{} is not documented in config/shoal.conf",
            p.name()
        );
    }
}

#[test]
fn builtin_defaults_match_redis() {
    let c = Config::new();
    let expect = [
        ("port", "6379"),
        ("bind", "127.0.0.1 -::1"),
        ("databases", "16"),
        ("maxmemory", "0"),
        ("maxmemory-policy", "noeviction"),
        ("proto-max-bulk-len", "536870912"),
        ("client-query-buffer-limit", "1073741824"),
        (
            "client-output-buffer-limit",
            "normal 0 0 0 slave 268435456 67108864 60 pubsub 33554432 8388608 60",
        ),
        ("save", "3600 1 300 100 60 10000"),
        ("notify-keyspace-events", ""),
        ("requirepass", ""),
        ("hz", "10"),
        ("list-max-listpack-size", "-2"),
        ("hash-max-listpack-entries", "512"),
        ("latency-tracking-info-percentiles", "50 99 99.9"),
        ("oom-score-adj-values", "0 200 800"),
        ("busy-reply-threshold", "5000"),
        ("slowlog-log-slower-than", "10000"),
        ("appendonly", "no"),
        ("shards", "0"),
        ("admin-port", "9850"),
    ];
    for (name, value) in expect {
        assert_eq!(get1(&c, name), value, "{name}");
    }
    assert_eq!(c.port(), 6379);
    assert_eq!(c.bind(), ["127.0.0.1", "-::1"]);
    assert_eq!(c.maxmemory_policy(), MaxmemoryPolicy::NoEviction);
    assert_eq!(c.loglevel(), LogLevel::Notice);
    assert_eq!(c.save_params(), [(3600, 1), (300, 100), (60, 10000)]);
    assert_eq!(c.requirepass(), None);
    assert_eq!(
        c.client_output_buffer_limit(ClientClass::Pubsub),
        ObufLimit {
            hard: 32 << 20,
            soft: 8 << 20,
            soft_seconds: 60
        }
    );
    assert_eq!(
        c.dir(),
        std::env::current_dir().unwrap().canonicalize().unwrap()
    );
    assert!(c.shards() >= 1);
    assert_eq!(c.latency_tracking_info_percentiles(), [50.0, 99.0, 99.9]);
    assert_eq!(c.config_file(), None);
}

#[test]
fn config_is_shareable_and_debug_hides_secrets() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<Config>();
    let c = from_str_conf("requirepass hunter2").unwrap();
    let shown = format!("{c:?}");
    assert!(shown.contains("\"port\": \"6379\""), "{shown}");
    assert!(!shown.contains("hunter2"));
}

// ---- CONFIG GET -----------------------------------------------------------

#[test]
fn get_exact_names_echo_the_request() {
    let c = Config::new();
    assert_eq!(
        get(&c, &["PORT"]),
        [("PORT".to_string(), "6379".to_string())]
    );
    assert_eq!(get(&c, &["port", "Port"]).len(), 1, "same parameter once");
    assert_eq!(get(&c, &["nonexistent"]), []);
    assert_eq!(
        get(&c, &["masterauth"]),
        [],
        "unsupported parameters are not reported"
    );
    assert_eq!(
        get(&c, &["lua-time-limit"]),
        [("lua-time-limit".to_string(), "5000".to_string())]
    );
}

#[test]
fn get_glob_reports_aliases_like_redis7() {
    let c = Config::new();
    let names: Vec<String> = get(&c, &["hash-max-*"])
        .into_iter()
        .map(|(k, _)| k)
        .collect();
    assert_eq!(
        names,
        [
            "hash-max-listpack-entries",
            "hash-max-ziplist-entries",
            "hash-max-listpack-value",
            "hash-max-ziplist-value"
        ]
    );
    let both = get(
        &c,
        &["*max-*-entries", "hash-max-listpack-entries", "HASH-MAX-*"],
    );
    let hash_entries = both
        .iter()
        .filter(|(k, _)| k == "hash-max-listpack-entries")
        .count();
    assert_eq!(
        hash_entries, 1,
        "each parameter at most once across patterns"
    );
    assert!(get(&c, &["MAXMEMORY*"])
        .iter()
        .any(|(k, v)| k == "maxmemory-policy" && v == "noeviction"));
    assert_eq!(
        get(&c, &["p?rt"]),
        [("port".to_string(), "6379".to_string())]
    );
    assert_eq!(
        get(&c, &["[pq]ort"]),
        [("port".to_string(), "6379".to_string())]
    );
    let all = get(&c, &["*"]);
    assert_eq!(
        all.len(),
        PARAMS.len() + PARAMS.iter().filter(|d| d.alias.is_some()).count()
    );
}

// ---- CONFIG SET -----------------------------------------------------------

#[test]
fn set_then_get() {
    let c = Config::new();
    set(
        &c,
        &[
            "maxmemory",
            "100mb",
            "maxmemory-policy",
            "ALLKEYS-LRU",
            "timeout",
            "30",
        ],
    )
    .unwrap();
    assert_eq!(get1(&c, "maxmemory"), "104857600");
    assert_eq!(get1(&c, "maxmemory-policy"), "allkeys-lru");
    assert_eq!(c.maxmemory(), 100 << 20);
    assert_eq!(c.maxmemory_policy(), MaxmemoryPolicy::AllkeysLru);
    assert_eq!(c.timeout(), 30);
    set(
        &c,
        &[
            "save",
            "",
            "notify-keyspace-events",
            "KEA",
            "bind",
            "0.0.0.0 ::",
        ],
    )
    .unwrap();
    assert_eq!(get1(&c, "save"), "");
    assert_eq!(c.save_params(), []);
    assert_eq!(get1(&c, "notify-keyspace-events"), "AKE");
    assert_eq!(
        c.notify_keyspace_events(),
        notify::ALL | notify::KEYSPACE | notify::KEYEVENT
    );
    assert_eq!(c.bind(), ["0.0.0.0", "::"]);
    set(&c, &["client-output-buffer-limit", "pubsub 64mb 16mb 90"]).unwrap();
    assert_eq!(
        get1(&c, "client-output-buffer-limit"),
        "normal 0 0 0 slave 268435456 67108864 60 pubsub 67108864 16777216 90"
    );
    set(&c, &["requirepass", "s3cret"]).unwrap();
    assert_eq!(c.requirepass().as_deref(), Some(&b"s3cret"[..]));
    set(&c, &["slave-read-only", "no"]).unwrap();
    assert_eq!(get1(&c, "replica-read-only"), "no");
}

#[test]
fn set_error_texts() {
    let c = Config::new();
    assert_eq!(
        set(&c, &["foo", "bar"]),
        Err("ERR Unknown option or number of arguments for CONFIG SET - 'foo'".into())
    );
    assert_eq!(
        set(&c, &["databases", "4"]),
        Err("ERR CONFIG SET failed (possibly related to argument 'databases') - can't set immutable config".into())
    );
    assert_eq!(
        set(&c, &["port", "1", "PORT", "2"]),
        Err(
            "ERR CONFIG SET failed (possibly related to argument 'PORT') - duplicate parameter"
                .into()
        )
    );
    assert_eq!(
        set(&c, &["maxmemory", "lots"]),
        Err("ERR CONFIG SET failed (possibly related to argument 'maxmemory') - argument must be a memory value".into())
    );
    assert_eq!(
        set(&c, &["timeout", "soon"]),
        Err("ERR CONFIG SET failed (possibly related to argument 'timeout') - argument couldn't be parsed into an integer"
            .into())
    );
    assert_eq!(
        set(&c, &["protected-mode", "maybe"]),
        Err("ERR CONFIG SET failed (possibly related to argument 'protected-mode') - argument must be 'yes' or 'no'".into())
    );
    assert_eq!(
        set(&c, &["port", "70000"]),
        Err("ERR CONFIG SET failed (possibly related to argument 'port') - argument must be between 0 and 65535 inclusive"
            .into())
    );
    assert_eq!(
        set(&c, &["Hash-Max-Ziplist-Entries", "-1"]),
        Err("ERR CONFIG SET failed (possibly related to argument 'hash-max-ziplist-entries') - argument must be \
             between 0 and 9223372036854775807 inclusive"
            .into()),
        "value errors name the parameter as registered, alias included"
    );
    assert_eq!(
        set(&c, &["dir", "/tmp"]),
        Err("ERR CONFIG SET failed (possibly related to argument 'dir') - can't set protected config".into())
    );
    assert_eq!(
        set(&c, &["appendonly", "yes"]),
        Err("ERR CONFIG SET failed (possibly related to argument 'appendonly') - appendonly yes is not supported by \
             shoal yet: it has no persistence"
            .into())
    );
    assert_eq!(
        set(&c, &["masterauth", "x"]),
        Err("ERR CONFIG SET failed (possibly related to argument 'masterauth') - parameter 'masterauth' is not \
             supported by shoal yet"
            .into())
    );
    assert_eq!(set(&c, &["port"]), Err("ERR syntax error".into()));
    assert_eq!(
        set(&c, &[]),
        Err("ERR wrong number of arguments for 'config|set' command".into())
    );
}

#[test]
fn first_problem_in_argument_order_decides_the_error() {
    let c = Config::new();
    assert_eq!(
        set(&c, &["databases", "1", "nope", "1"]),
        Err("ERR CONFIG SET failed (possibly related to argument 'databases') - can't set immutable config".into())
    );
    assert_eq!(
        set(&c, &["nope", "1", "databases", "1"]),
        Err("ERR Unknown option or number of arguments for CONFIG SET - 'nope'".into())
    );
    // Name problems are found before any value is parsed.
    assert_eq!(
        set(&c, &["port", "bad", "databases", "1"]),
        Err("ERR CONFIG SET failed (possibly related to argument 'databases') - can't set immutable config".into())
    );
}

#[test]
fn set_is_all_or_nothing() {
    let c = Config::new();
    let before = c.generation();
    let err = set(
        &c,
        &[
            "maxmemory",
            "1mb",
            "timeout",
            "10",
            "maxmemory-policy",
            "bogus",
        ],
    );
    assert!(err.unwrap_err().contains("'maxmemory-policy'"));
    assert_eq!(get1(&c, "maxmemory"), "0");
    assert_eq!(get1(&c, "timeout"), "0");
    assert_eq!(c.generation(), before);
    set(&c, &["maxmemory", "1mb"]).unwrap();
    assert_eq!(c.generation(), before + 1);
}

#[test]
fn apply_hook_failure_rolls_back() {
    let c = Config::new();
    let seen = Arc::new(Mutex::new(Vec::new()));
    let log = Arc::clone(&seen);
    c.set_apply_hook(Box::new(move |cfg, p| {
        log.lock().unwrap().push((p, cfg.port()));
        if p == Param::Port && cfg.port() == 1 {
            return Err("Unable to listen on this port. Check server logs.".into());
        }
        Ok(())
    }));
    set(&c, &["port", "7000"]).unwrap();
    assert_eq!(c.port(), 7000);
    let err = set(&c, &["timeout", "5", "port", "1"]).unwrap_err();
    assert_eq!(
        err,
        "ERR CONFIG SET failed (possibly related to argument 'port') - Unable to listen on this port. Check server logs."
    );
    assert_eq!(c.port(), 7000);
    assert_eq!(get1(&c, "timeout"), "0");
    // Unchanged values do not trigger the hook.
    seen.lock().unwrap().clear();
    set(&c, &["port", "7000", "timeout", "1"]).unwrap();
    assert_eq!(*seen.lock().unwrap(), [(Param::Timeout, 7000)]);
}

#[test]
fn protected_configs_follow_enable_protected_configs() {
    let local_only = from_str_conf("enable-protected-configs local").unwrap();
    let tmp = std::env::temp_dir();
    let tmp_str = tmp.to_str().unwrap();
    assert!(local_only
        .config_set(&[b"dir", tmp_str.as_bytes()], false)
        .unwrap_err()
        .contains("can't set protected"));
    local_only
        .config_set(&[b"dir", tmp_str.as_bytes()], true)
        .unwrap();
    assert_eq!(local_only.dir(), tmp.canonicalize().unwrap());
    let open = from_str_conf("enable-protected-configs yes").unwrap();
    open.config_set(&[b"dbfilename", b"other.rdb"], false)
        .unwrap();
    assert_eq!(open.dbfilename(), "other.rdb");
}

#[test]
fn hz_is_clamped_like_redis() {
    let c = Config::new();
    set(&c, &["hz", "1000"]).unwrap();
    assert_eq!(get1(&c, "hz"), "500");
    set(&c, &["hz", "0"]).unwrap();
    assert_eq!(c.hz(), 1);
    assert_eq!(from_str_conf("hz 9999").unwrap().hz(), 500);
}

#[test]
fn sensitive_parameters() {
    assert!(is_sensitive(b"requirepass"));
    assert!(is_sensitive(b"REQUIREPASS"));
    assert!(!is_sensitive(b"port"));
}

// ---- config file ----------------------------------------------------------

#[test]
fn file_syntax_quoting_and_units() {
    let c = from_str_conf(
        "# comment\n\
         \n\
         \t port   7001  \r\n\
         requirepass \"pa ss\\x21\\n\"\n\
         logfile 'it\\'s.log'\n\
         maxmemory 2GB\n\
         proto-max-bulk-len 2mb\n\
         PROTECTED-MODE No\n\
         bind \"10.0.0.1 10.0.0.2\"\n\
         latency-tracking-info-percentiles \"\"\n",
    )
    .unwrap();
    assert_eq!(c.port(), 7001);
    assert_eq!(c.requirepass().unwrap(), b"pa ss!\n");
    assert_eq!(c.logfile(), "it's.log");
    assert_eq!(c.maxmemory(), 2 << 30);
    assert_eq!(c.proto_max_bulk_len(), 2 << 20);
    assert!(!c.protected_mode());
    assert_eq!(c.bind(), ["10.0.0.1", "10.0.0.2"]);
    assert_eq!(get1(&c, "latency-tracking-info-percentiles"), "");
}

#[test]
fn file_save_lines_accumulate() {
    assert_eq!(
        from_str_conf("save 900 1\nsave 300 10")
            .unwrap()
            .save_params(),
        [(900, 1), (300, 10)]
    );
    assert_eq!(from_str_conf("save \"\"").unwrap().save_params(), []);
    assert_eq!(
        from_str_conf("save 900 1\nsave \"\"\nsave 60 5")
            .unwrap()
            .save_params(),
        [(60, 5)]
    );
    assert_eq!(
        from_str_conf("save \"900 1 300 10\"")
            .unwrap()
            .save_params(),
        [(900, 1), (300, 10)]
    );
}

#[test]
fn file_client_output_buffer_limit_merges_classes() {
    let c = from_str_conf(
        "client-output-buffer-limit normal 1mb 2mb 3\nclient-output-buffer-limit slave 0 0 0",
    )
    .unwrap();
    assert_eq!(
        get1(&c, "client-output-buffer-limit"),
        "normal 1048576 2097152 3 slave 0 0 0 pubsub 33554432 8388608 60"
    );
}

#[test]
fn file_aliases_and_deprecated_directives() {
    let c = from_str_conf("hash-max-ziplist-entries 64\nlist-max-ziplist-entries 512\nlua-replicate-commands yes\nlua-time-limit 100")
        .unwrap();
    assert_eq!(c.get_i64(Param::HashMaxListpackEntries), 64);
    assert_eq!(c.busy_reply_threshold(), 100);
}

#[test]
fn file_error_texts() {
    assert_eq!(
        directive_error("port 6379\nfoobar 1"),
        (
            2,
            "foobar 1".into(),
            "Bad directive or wrong number of arguments".into()
        )
    );
    assert_eq!(
        directive_error("port 1 2"),
        (1, "port 1 2".into(), "wrong number of arguments".into())
    );
    assert_eq!(
        directive_error("port"),
        (1, "port".into(), "wrong number of arguments".into())
    );
    assert_eq!(
        directive_error("\n\n  maxmemory \"1gb  \n"),
        (
            3,
            "maxmemory \"1gb".into(),
            "Unbalanced quotes in configuration line".into()
        )
    );
    assert_eq!(
        directive_error("port abc").2,
        "argument couldn't be parsed into an integer"
    );
    assert_eq!(
        directive_error("maxmemory -5").2,
        "argument must be a memory value"
    );
    assert_eq!(
        directive_error("protected-mode 1").2,
        "argument must be 'yes' or 'no'"
    );
    assert_eq!(
        directive_error("databases 0").2,
        "argument must be between 1 and 2147483647 inclusive"
    );
    assert_eq!(
        directive_error("loglevel chatty").2,
        "argument(s) must be one of the following: debug, verbose, notice, warning, nothing"
    );
    assert_eq!(directive_error("save 1").2, "Invalid save parameters");
    assert_eq!(
        directive_error("tls-port 6380").2,
        "parameter 'tls-port' is not supported by shoal yet"
    );
    assert_eq!(
        directive_error("SLAVEOF 127.0.0.1 6379").2,
        "parameter 'slaveof' is not supported by shoal yet"
    );
    assert_eq!(
        directive_error("include /etc/other.conf").2,
        "directive 'include' is not supported by shoal yet"
    );
    assert!(directive_error("mymodule.opt 1")
        .2
        .contains("module configuration 'mymodule.opt'"));
    assert!(directive_error("daemonize yes")
        .2
        .contains("daemonize yes is not supported by shoal"));
    assert!(directive_error("cluster-enabled yes")
        .2
        .contains("not supported by shoal"));
    // Immutable parameters are settable from the file.
    assert_eq!(from_str_conf("databases 4").unwrap().databases(), 4);
}

#[test]
fn error_display_matches_redis() {
    let err = from_str_conf("port 6379\nfoobar 1").unwrap_err();
    assert_eq!(err.parameter(), Some("foobar"));
    assert_eq!(
        err.to_string(),
        format!(
            "\n*** FATAL CONFIG FILE ERROR (Redis {REDIS_VERSION}) ***\nReading the configuration file, at line 2\n\
             >>> 'foobar 1'\nBad directive or wrong number of arguments"
        )
    );
    let missing = from_args(args(&["/nonexistent/shoal.conf"])).unwrap_err();
    assert_eq!(
        missing.to_string(),
        "Fatal error, can't open config file '/nonexistent/shoal.conf': No such file or directory"
    );
}

// ---- command line ---------------------------------------------------------

#[test]
fn overrides_win_over_the_file() {
    let path = temp_path("args");
    std::fs::write(&path, "port 7000\nmaxmemory 1mb\nsave 900 1\n").unwrap();
    let c = from_args(args(&[
        path.to_str().unwrap(),
        "--port",
        "7001",
        "--save",
        "60",
        "10",
        "--loglevel",
        "warning",
    ]))
    .unwrap();
    assert_eq!(c.port(), 7001);
    assert_eq!(c.maxmemory(), 1 << 20);
    assert_eq!(
        c.save_params(),
        [(900, 1), (60, 10)],
        "overrides are more lines of the same file"
    );
    assert_eq!(c.loglevel(), LogLevel::Warning);
    assert_eq!(c.config_file(), Some(path.as_path()));
    std::fs::remove_file(&path).unwrap();
}

#[test]
fn overrides_without_a_file() {
    let c = from_args(args(&[
        "--port",
        "7002",
        "--bind",
        "127.0.0.1",
        "::1",
        "--requirepass",
        "--secret",
    ]))
    .unwrap();
    assert_eq!(c.port(), 7002);
    assert_eq!(c.bind(), ["127.0.0.1", "::1"]);
    assert_eq!(
        c.requirepass().unwrap(),
        b"--secret",
        "a name without value takes the next word"
    );
    assert_eq!(c.config_file(), None);
    assert_eq!(
        from_args(args(&["--save", "--port", "7003"]))
            .unwrap()
            .save_params(),
        []
    );
    assert_eq!(from_args(args(&["--save"])).unwrap().save_params(), []);
    assert_eq!(from_args(args(&["--port 7004"])).unwrap().port(), 7004);
    assert_eq!(
        from_args(args(&["--requirepass", "a \"quoted\" pass"]))
            .unwrap()
            .requirepass()
            .unwrap(),
        b"a \"quoted\" pass"
    );
    assert_eq!(from_args(Vec::<String>::new()).unwrap().port(), 6379);
}

#[test]
fn override_errors_point_past_the_file() {
    let err = from_args(args(&["--port", "x"])).unwrap_err();
    match err {
        ConfigError::Directive {
            line,
            text,
            parameter,
            ..
        } => {
            assert_eq!(line, 2);
            assert_eq!(text, "port \"x\"");
            assert_eq!(parameter, "port");
        }
        other => panic!("{other:?}"),
    }
    let err = from_args(args(&["--nosuch", "1"])).unwrap_err();
    assert_eq!(err.parameter(), Some("nosuch"));
    assert!(matches!(
        from_args(args(&["-"])),
        Err(ConfigError::Usage(_))
    ));
}

// ---- CONFIG REWRITE -------------------------------------------------------

#[test]
fn rewrite_updates_in_place_and_appends() {
    let path = temp_path("rewrite");
    std::fs::write(
        &path,
        "# my settings\nport 7000\n\n\n# memory\nmaxmemory 1mb\nsave 900 1\nsave 300 10\n\
         hash-max-ziplist-entries 64\nunknown-thing 5\nrequirepass old\n",
    )
    .unwrap();
    let c = from_args(args(&[path.to_str().unwrap()])).unwrap_err();
    assert_eq!(c.parameter(), Some("unknown-thing"));

    std::fs::write(
        &path,
        "# my settings\nport 7000\n\n\n# memory\nmaxmemory 1mb\nsave 900 1\nsave 300 10\n\
         hash-max-ziplist-entries 64\nrequirepass old\n",
    )
    .unwrap();
    let c = from_args(args(&[path.to_str().unwrap()])).unwrap();
    set(
        &c,
        &[
            "port",
            "7001",
            "maxmemory",
            "2gb",
            "save",
            "60 5",
            "timeout",
            "9",
            "requirepass",
            "",
        ],
    )
    .unwrap();
    c.config_rewrite().unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    let expected_head = "# my settings\nport 7001\n\n# memory\nmaxmemory 2gb\nsave 60 5\n\nhash-max-listpack-entries 64\n\n";
    assert!(text.starts_with(expected_head), "{text}");
    let tail = &text[expected_head.len()..];
    assert!(
        tail.starts_with("# Generated by CONFIG REWRITE\n"),
        "{tail}"
    );
    assert!(tail.contains("\ntimeout 9\n"), "{tail}");
    assert!(
        tail.contains(&format!("\ndir \"{}\"\n", c.dir().display())),
        "{tail}"
    );
    assert!(
        !text.contains("requirepass"),
        "an unset password is removed"
    );
    assert!(!text.contains("databases"), "defaults are not added");

    // The rewritten file loads back to the same values, and rewriting again is stable.
    let again = from_args(args(&[path.to_str().unwrap()])).unwrap();
    for p in Param::all() {
        assert_eq!(again.render(p), c.render(p), "{}", p.name());
    }
    again.config_rewrite().unwrap();
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
    std::fs::remove_file(&path).unwrap();
}

#[test]
fn rewrite_comments_out_lines_it_cannot_keep() {
    let path = temp_path("rewrite-unknown");
    std::fs::write(&path, "masterauth x\nport 7000\n\"unbalanced\n").unwrap();
    let c = Config::new();
    c.rewrite(&path).unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(
        text.starts_with("# ??? masterauth x\nport 6379\n# ??? \"unbalanced\n"),
        "{text}"
    );
    std::fs::remove_file(&path).unwrap();
}

#[test]
fn rewrite_special_values() {
    let path = temp_path("rewrite-special");
    let c = Config::new();
    set(
        &c,
        &[
            "save",
            "",
            "bind",
            "0.0.0.0",
            "notify-keyspace-events",
            "Ex",
            "client-output-buffer-limit",
            "replica 512mb 128mb 120",
            "logfile-nope",
            "x",
        ],
    )
    .unwrap_err();
    set(
        &c,
        &[
            "save",
            "",
            "bind",
            "0.0.0.0",
            "notify-keyspace-events",
            "Ex",
            "client-output-buffer-limit",
            "replica 512mb 128mb 120",
        ],
    )
    .unwrap();
    c.rewrite(&path).unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    for expected in [
        "save \"\"",
        "bind 0.0.0.0",
        "notify-keyspace-events \"xE\"",
        "client-output-buffer-limit replica 512mb 128mb 120",
        "latency-tracking-info-percentiles 50 99 99.9",
    ] {
        assert!(
            text.lines().any(|l| l == expected),
            "missing {expected:?} in {text}"
        );
    }
    assert!(
        !text.contains("client-output-buffer-limit normal"),
        "default classes are not added"
    );
    let back = from_args(args(&[path.to_str().unwrap()])).unwrap();
    for p in Param::all() {
        assert_eq!(back.render(p), c.render(p), "{}", p.name());
    }
    std::fs::remove_file(&path).unwrap();
}

#[test]
fn rewrite_without_a_file() {
    assert_eq!(
        Config::new().config_rewrite(),
        Err("ERR The server is running without a config file".into())
    );
    let c = Config::new();
    let err = c
        .rewrite(std::path::Path::new("/nonexistent-dir/x.conf"))
        .unwrap_err();
    assert_eq!(err, "No such file or directory");
}

#[test]
fn concurrent_readers_see_whole_values() {
    let c = Arc::new(Config::new());
    let reader = {
        let c = Arc::clone(&c);
        std::thread::spawn(move || {
            for _ in 0..10_000 {
                let m = c.maxmemory();
                assert!(m == 0 || m == 1 << 30);
                let b = c.bind();
                assert!(b == ["127.0.0.1", "-::1"] || b == ["0.0.0.0"]);
            }
        })
    };
    for i in 0..1000 {
        if i % 2 == 0 {
            set(&c, &["maxmemory", "1gb", "bind", "0.0.0.0"]).unwrap();
        } else {
            set(&c, &["maxmemory", "0", "bind", "127.0.0.1 -::1"]).unwrap();
        }
    }
    reader.join().unwrap();
}
