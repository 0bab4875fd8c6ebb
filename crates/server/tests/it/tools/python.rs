//! redis-py (RESP2 and RESP3) against shoal and against redis-server: the same calls, the
//! same results and exceptions, line by line (`redis_py.py`).

use std::path::Path;
use std::process::Command;

use super::{run, text, tool};
use crate::support::{RedisRef, Shoal};

fn redis_py_present(python: &Path) -> bool {
    let probe = run(Command::new(python).args(["-c", "import redis"]), b"");
    if probe.status.success() {
        return true;
    }
    if std::env::var("SHOAL_REQUIRE_CLIENTS").is_ok_and(|v| v == "1") {
        panic!("redis-py is not installed (pip install redis) and SHOAL_REQUIRE_CLIENTS=1");
    }
    eprintln!(
        "\n**********************************************************************\n\
         SKIPPED: redis-py not installed; the redis-py test did not run.\n\
         Install it (pip install redis) or set SHOAL_REQUIRE_CLIENTS=1 to fail.\n\
         **********************************************************************\n"
    );
    false
}

fn script(python: &Path, port: u16, protocol: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/it/tools/redis_py.py");
    let out = run(
        Command::new(python)
            .arg(path)
            .args([&port.to_string(), protocol]),
        b"",
    );
    assert!(
        out.status.success(),
        "redis_py.py failed:\n{}{}",
        text(&out.stdout),
        text(&out.stderr)
    );
    text(&out.stdout)
}

#[test]
fn redis_py_resp2_and_resp3_see_what_redis_gives() {
    let Some(python) = tool("python3", "SHOAL_REQUIRE_CLIENTS", "redis-py") else {
        return;
    };
    if !redis_py_present(&python) {
        return;
    }
    let Some(redis) = RedisRef::start_tcp("redis-py", &[]) else {
        return;
    };
    let shoal = Shoal::start();
    for protocol in ["2", "3"] {
        let ours = script(&python, shoal.port, protocol);
        let theirs = script(&python, redis.port.unwrap(), protocol);
        for (a, b) in ours.lines().zip(theirs.lines()) {
            assert_eq!(a, b, "RESP{protocol} (left: shoal)");
        }
        assert_eq!(ours.lines().count(), theirs.lines().count());
        assert!(ours.contains("get -> 'w'"), "{ours}");
    }
}
