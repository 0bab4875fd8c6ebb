//! Shared helpers: the in-process server with an admin port, a raw HTTP GET, a raw RESP
//! client, and parsers for the exposition format and INFO text.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use shoal_server::Running;

/// A running shoal (3 shard threads) with its admin endpoint on a free loopback port.
pub fn start() -> Running {
    start_with(&[])
}

pub fn start_with(extra: &[&str]) -> Running {
    let mut last_err = None;
    // The admin port must be fixed up front (0 disables it), so take one the kernel just
    // handed out; retry in the rare case another process grabbed it in between.
    for _ in 0..5 {
        let admin = free_port();
        let mut args: Vec<String> = [
            "--port",
            "0",
            "--bind",
            "127.0.0.1",
            "--shards",
            "3",
            "--admin-bind",
            "127.0.0.1",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        args.push("--admin-port".into());
        args.push(admin.to_string());
        args.extend(extra.iter().map(|s| s.to_string()));
        let config = shoal_config::from_args(args).expect("test config parses");
        match shoal_server::start(Arc::new(config)) {
            Ok(r) => {
                assert_eq!(r.admin_port, Some(admin));
                wait_ready(admin);
                return r;
            }
            Err(e) => last_err = Some(e),
        }
    }
    panic!("shoal did not start: {last_err:?}");
}

pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

/// Shard threads count themselves ready just after `start` returns; wait for that.
fn wait_ready(admin: u16) {
    for _ in 0..200 {
        if let Ok((200, _)) = try_http(admin, "GET", "/readyz") {
            return;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    panic!("/readyz never answered 200");
}

pub fn try_http(port: u16, method: &str, path: &str) -> std::io::Result<(u16, String)> {
    let req = format!(
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: */*\r\nConnection: close\r\n\r\n"
    );
    raw_http(port, req.as_bytes())
}

/// Sends `request` as is and reads the whole response (the server closes after one).
pub fn raw_http(port: u16, request: &[u8]) -> std::io::Result<(u16, String)> {
    let mut s = TcpStream::connect(("127.0.0.1", port))?;
    s.set_read_timeout(Some(Duration::from_secs(20)))?;
    s.write_all(request)?;
    let mut resp = Vec::new();
    s.read_to_end(&mut resp)?;
    parse_response(&resp)
}

pub fn parse_response(resp: &[u8]) -> std::io::Result<(u16, String)> {
    let text = String::from_utf8_lossy(resp).into_owned();
    let bad = || std::io::Error::new(std::io::ErrorKind::InvalidData, "bad HTTP response");
    let (head, body) = text.split_once("\r\n\r\n").ok_or_else(bad)?;
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or_else(bad)?;
    Ok((status, body.to_string()))
}

pub fn http(port: u16, path: &str) -> (u16, String) {
    try_http(port, "GET", path).unwrap_or_else(|e| panic!("GET {path}: {e}"))
}

pub fn scrape(running: &Running) -> Scrape {
    let (status, body) = http(running.admin_port.expect("admin port"), "/metrics");
    assert_eq!(status, 200, "{body}");
    Scrape::parse(&body)
}

/// One sample of the exposition format.
#[derive(Debug, Clone)]
pub struct Sample {
    pub name: String,
    pub labels: HashMap<String, String>,
    pub value: f64,
}

pub struct Scrape {
    pub text: String,
    pub samples: Vec<Sample>,
}

impl Scrape {
    pub fn parse(text: &str) -> Scrape {
        let samples = text
            .lines()
            .filter(|l| !l.starts_with('#') && !l.is_empty())
            .map(|l| parse_sample(l).unwrap_or_else(|| panic!("unparsable sample line {l:?}")))
            .collect();
        Scrape {
            text: text.to_string(),
            samples,
        }
    }

    /// The value of the one sample named `name` whose labels include `labels`.
    pub fn get(&self, name: &str, labels: &[(&str, &str)]) -> f64 {
        let found: Vec<&Sample> = self
            .samples
            .iter()
            .filter(|s| {
                s.name == name
                    && labels
                        .iter()
                        .all(|(k, v)| s.labels.get(*k).map(String::as_str) == Some(*v))
            })
            .collect();
        assert_eq!(found.len(), 1, "{name} {labels:?}: {found:?}");
        found[0].value
    }

    pub fn sum(&self, name: &str) -> f64 {
        self.samples
            .iter()
            .filter(|s| s.name == name)
            .map(|s| s.value)
            .sum()
    }
}

fn parse_sample(line: &str) -> Option<Sample> {
    let (series, value) = line.rsplit_once(' ')?;
    let value = match value {
        "+Inf" => f64::INFINITY,
        "-Inf" => f64::NEG_INFINITY,
        v => v.parse().ok()?,
    };
    let (name, mut rest) = match series.find('{') {
        Some(i) => (&series[..i], &series[i + 1..]),
        None => (series, ""),
    };
    let mut labels = HashMap::new();
    while !rest.is_empty() && rest != "}" {
        let (key, after) = rest.split_once("=\"")?;
        let mut val = String::new();
        let mut chars = after.char_indices();
        let end = loop {
            let (i, c) = chars.next()?;
            match c {
                '\\' => match chars.next()?.1 {
                    'n' => val.push('\n'),
                    other => val.push(other),
                },
                '"' => break i,
                c => val.push(c),
            }
        };
        labels.insert(key.trim_start_matches(',').to_string(), val);
        rest = &after[end + 1..];
    }
    Some(Sample {
        name: name.to_string(),
        labels,
        value,
    })
}

/// A minimal RESP2 client: enough for the commands these tests send.
pub struct Resp {
    reader: BufReader<TcpStream>,
    writer: TcpStream,
}

#[derive(Debug, PartialEq)]
pub enum Reply {
    Simple(String),
    Error(String),
    Int(i64),
    Bulk(Option<Vec<u8>>),
    Array(Vec<Reply>),
}

impl Resp {
    pub fn connect(port: u16) -> Resp {
        let s = TcpStream::connect(("127.0.0.1", port)).expect("connect");
        s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        Resp {
            reader: BufReader::new(s.try_clone().unwrap()),
            writer: s,
        }
    }

    /// The bytes `cmd` is sent as (for net-input accounting).
    pub fn encode(cmd: &[&str]) -> Vec<u8> {
        let mut out = format!("*{}\r\n", cmd.len()).into_bytes();
        for a in cmd {
            out.extend_from_slice(format!("${}\r\n{a}\r\n", a.len()).as_bytes());
        }
        out
    }

    pub fn cmd(&mut self, cmd: &[&str]) -> Reply {
        self.writer.write_all(&Self::encode(cmd)).unwrap();
        self.read()
    }

    /// Sends `n` copies of `cmd` in one write and reads their replies.
    pub fn pipeline(&mut self, cmd: &[&str], n: usize) -> Vec<Reply> {
        self.writer.write_all(&Self::encode(cmd).repeat(n)).unwrap();
        (0..n).map(|_| self.read()).collect()
    }

    fn line(&mut self) -> String {
        let mut l = String::new();
        self.reader.read_line(&mut l).unwrap();
        l.trim_end_matches("\r\n").to_string()
    }

    fn read(&mut self) -> Reply {
        let l = self.line();
        let (kind, rest) = l.split_at(1);
        match kind {
            "+" => Reply::Simple(rest.into()),
            "-" => Reply::Error(rest.into()),
            ":" => Reply::Int(rest.parse().unwrap()),
            "$" => {
                let n: i64 = rest.parse().unwrap();
                if n < 0 {
                    return Reply::Bulk(None);
                }
                let mut buf = vec![0; n as usize + 2];
                self.reader.read_exact(&mut buf).unwrap();
                buf.truncate(n as usize);
                Reply::Bulk(Some(buf))
            }
            "*" => {
                let n: i64 = rest.parse().unwrap();
                Reply::Array((0..n.max(0)).map(|_| self.read()).collect())
            }
            _ => panic!("unexpected reply line {l:?}"),
        }
    }

    /// `INFO <section>` as field -> value.
    pub fn info(&mut self, section: &str) -> HashMap<String, String> {
        let Reply::Bulk(Some(text)) = self.cmd(&["INFO", section]) else {
            panic!("INFO did not answer a bulk string");
        };
        String::from_utf8(text)
            .unwrap()
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| l.split_once(':'))
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }
}

/// `k=v,k=v` value of an INFO line, one key.
pub fn info_pair(value: &str, key: &str) -> f64 {
    value
        .split(',')
        .filter_map(|kv| kv.split_once('='))
        .find(|(k, _)| *k == key)
        .and_then(|(_, v)| v.parse().ok())
        .unwrap_or_else(|| panic!("{key} not in {value}"))
}

/// Whether a Prometheus tool is installed; when missing, either skips loudly (returns
/// false) or, under SHOAL_REQUIRE_PROMETHEUS=1, fails the test.
pub fn have_tool(tool: &str, test: &str) -> bool {
    let found = std::process::Command::new(tool)
        .arg("--version")
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false);
    if found {
        return true;
    }
    if std::env::var("SHOAL_REQUIRE_PROMETHEUS").as_deref() == Ok("1") {
        panic!("{test}: `{tool}` is not installed and SHOAL_REQUIRE_PROMETHEUS=1");
    }
    // Straight to the process's stderr: the test harness captures eprintln! of passing tests.
    let _ = writeln!(
        std::io::stderr(),
        "SKIPPED {test}: `{tool}` is not installed (apt-get install prometheus); \
         set SHOAL_REQUIRE_PROMETHEUS=1 to make this a failure"
    );
    false
}

/// The repository root (for deploy/ files).
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .unwrap()
}

/// A scratch directory removed on drop.
pub struct TempDir(pub PathBuf);

impl TempDir {
    pub fn new(tag: &str) -> TempDir {
        static N: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
        let n = N.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let p =
            std::env::temp_dir().join(format!("shoal-metrics-{tag}-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&p);
        std::fs::create_dir_all(&p).unwrap();
        TempDir(p)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
