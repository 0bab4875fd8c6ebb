//! A real `redis-server` child process for the differential tests, on a private unix socket.
//!
//! It is started per test and killed by its own PID when the test ends (Drop). When the
//! binary is missing the test passes with a loud SKIPPED line, unless SHOAL_REQUIRE_REDIS=1
//! (set by CI) makes it fail.
//!
//! The same handle runs a valkey-server (Valkey 9) for the commands Redis 7.0 lacks (hash
//! field expiry): `start_valkey`, binary from SHOAL_VALKEY or bench/get-valkey.sh's cache;
//! missing means SKIPPED, unless SHOAL_REQUIRE_VALKEY=1.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use super::conn::Conn;

pub struct RedisRef {
    child: Child,
    pub socket: PathBuf,
    pub version: String,
    /// The TCP port, when started with one (`start_tcp`).
    pub port: Option<u16>,
}

fn find_on_path(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(name))
        .find(|p| p.is_file())
}

/// SHOAL_VALKEY when it names a file; else the binary bench/get-valkey.sh caches (under
/// SHOAL_BENCH_CACHE or bench/.cache), the newest version there.
fn valkey_binary() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("SHOAL_VALKEY").filter(|p| !p.is_empty()) {
        return Some(PathBuf::from(p)).filter(|p| p.is_file());
    }
    let cache = std::env::var_os("SHOAL_BENCH_CACHE")
        .filter(|p| !p.is_empty())
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../bench/.cache"));
    let mut found: Vec<PathBuf> = std::fs::read_dir(cache)
        .ok()?
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().starts_with("valkey-"))
        .map(|e| e.path().join("valkey-server"))
        .filter(|p| p.is_file())
        .collect();
    found.sort();
    found.pop()
}

fn required() -> bool {
    std::env::var("SHOAL_REQUIRE_REDIS").is_ok_and(|v| v == "1")
}

impl RedisRef {
    /// Starts a private redis-server with extra `--name value` settings, or returns None
    /// (after printing why) when there is none and it is not required.
    pub fn start_with(test: &str, extra: &[&str]) -> Option<RedisRef> {
        Self::spawn(test, extra, None)
    }

    /// Also listening on 127.0.0.1 TCP (for running shoal's own tests against Redis).
    pub fn start_tcp(test: &str, extra: &[&str]) -> Option<RedisRef> {
        // A port the kernel just handed out and we released; good enough for a test run.
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .map(|a| a.port())
            .expect("free port");
        Self::spawn(test, extra, Some(port))
    }

    /// A private valkey-server, or None (after a loud SKIPPED line) when there is none and
    /// SHOAL_REQUIRE_VALKEY is not 1.
    pub fn start_valkey(test: &str, extra: &[&str]) -> Option<RedisRef> {
        let Some(bin) = valkey_binary() else {
            if std::env::var("SHOAL_REQUIRE_VALKEY").is_ok_and(|v| v == "1") {
                panic!(
                    "{test}: valkey-server not found (SHOAL_VALKEY unset or not a file, nothing \
                     in bench/get-valkey.sh's cache) and SHOAL_REQUIRE_VALKEY=1"
                );
            }
            eprintln!(
                "\n**********************************************************************\n\
                 SKIPPED: valkey-server not found ({test}); the differential test did not run.\n\
                 Fetch it with `export SHOAL_VALKEY=$(bench/get-valkey.sh)`, or set\n\
                 SHOAL_REQUIRE_VALKEY=1 to fail.\n\
                 **********************************************************************\n"
            );
            return None;
        };
        Some(Self::spawn_bin(test, &bin, extra, None))
    }

    fn spawn(test: &str, extra: &[&str], port: Option<u16>) -> Option<RedisRef> {
        let Some(bin) = find_on_path("redis-server") else {
            if required() {
                panic!("{test}: redis-server not found on PATH and SHOAL_REQUIRE_REDIS=1");
            }
            eprintln!(
                "\n**********************************************************************\n\
                 SKIPPED: redis-server not found ({test}); the differential test did not run.\n\
                 Install it (apt-get install redis-server) or set SHOAL_REQUIRE_REDIS=1 to fail.\n\
                 **********************************************************************\n"
            );
            return None;
        };
        Some(Self::spawn_bin(test, &bin, extra, port))
    }

    fn spawn_bin(test: &str, bin: &Path, extra: &[&str], port: Option<u16>) -> RedisRef {
        static SEQ: AtomicUsize = AtomicUsize::new(0);
        let unique = format!(
            "shoal-it-{}-{}-{}",
            std::process::id(),
            SEQ.fetch_add(1, Ordering::Relaxed),
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .subsec_nanos()
        );
        let socket = std::env::temp_dir().join(format!("{unique}.sock"));
        let dir = std::env::temp_dir().join(&unique);
        std::fs::create_dir_all(&dir).unwrap();
        let child = Command::new(bin)
            .args(["--port", "0", "--unixsocket"])
            .arg(&socket)
            .args([
                "--unixsocketperm",
                "700",
                "--save",
                "",
                "--appendonly",
                "no",
            ])
            .arg("--dir")
            .arg(&dir)
            .args(["--logfile", "", "--loglevel", "warning"])
            .args(extra)
            .args(match port {
                Some(p) => vec![
                    "--port".to_string(),
                    p.to_string(),
                    "--bind".into(),
                    "127.0.0.1".into(),
                ],
                None => vec![],
            })
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("{test}: cannot start {}: {e}", bin.display()));
        let version = Command::new(bin)
            .arg("--version")
            .output()
            .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
            .unwrap_or_default()
            .split_whitespace()
            .find_map(|w| w.strip_prefix("v=").map(str::to_string))
            .unwrap_or_else(|| "?".into());
        let mut r = RedisRef {
            child,
            socket,
            version,
            port,
        };
        r.wait_ready(test);
        r
    }

    fn wait_ready(&mut self, test: &str) {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            if let Ok(Some(status)) = self.child.try_wait() {
                panic!("{test}: redis-server exited at start-up: {status}");
            }
            if let Ok(mut c) = Conn::unix(&self.socket) {
                // PING answers NOAUTH when a password is set; either way the server is up.
                let pong = c.raw(&[b"PING"]);
                if pong == b"+PONG\r\n" || pong.starts_with(b"-NOAUTH") {
                    return;
                }
            }
            assert!(
                Instant::now() < deadline,
                "{test}: redis-server did not come up on {}",
                self.socket.display()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    pub fn conn(&self) -> Conn {
        Conn::unix(&self.socket).expect("connect to redis-server")
    }
}

impl Drop for RedisRef {
    fn drop(&mut self) {
        // Our own child, by PID.
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_file(&self.socket);
        if let Some(name) = self.socket.file_stem() {
            let _ = std::fs::remove_dir_all(std::env::temp_dir().join(name));
        }
    }
}
