//! An in-process harness for command tests: no sockets, three shards' worth of state, and the
//! real dispatch path (`run(&["SET", "k", "v"])` returns the parsed reply).

use std::sync::Arc;

use shoal_resp::{parse_value, Args, Proto, ReplyBuf, Value};

use crate::client::{Client, ClientHandle, ConnHooks};
use crate::state::{unix_ms, Server};

struct NoHooks;

impl ConnHooks for NoHooks {
    fn kill(&self) {}
    fn push(&self, _data: Vec<u8>) -> bool {
        true
    }
}

pub struct TestServer {
    pub server: Arc<Server>,
    pub client: Client,
    pub out: ReplyBuf,
    /// Added to the wall clock, so expiry can be tested without sleeping.
    pub clock_offset_ms: u64,
}

impl Default for TestServer {
    fn default() -> Self {
        Self::new()
    }
}

impl TestServer {
    pub fn new() -> Self {
        Self::with_args(&[])
    }

    /// A server configured like `shoal-server --name value ...`.
    pub fn with_args(args: &[&str]) -> Self {
        let config = shoal_config::from_args(args.iter().map(|s| s.to_string()))
            .expect("test config parses");
        let server = Arc::new(Server::new(Arc::new(config), 3));
        let client = Self::new_client(&server);
        TestServer {
            server,
            client,
            out: ReplyBuf::new(Proto::Resp2),
            clock_offset_ms: 0,
        }
    }

    /// A second connection to the same server.
    pub fn new_client(server: &Arc<Server>) -> Client {
        let id = server.new_client_id();
        let handle = Arc::new(ClientHandle::new(
            id,
            "127.0.0.1:40000".into(),
            "127.0.0.1:6379".into(),
            -1,
            0,
            unix_ms(),
            Arc::new(NoHooks),
        ));
        server.clients.insert(id, handle.clone());
        let authenticated = server
            .config
            .get_string(shoal_config::Param::Requirepass)
            .is_empty();
        Client::new(handle, authenticated)
    }

    /// Runs one command and returns its raw reply bytes.
    pub fn raw(&mut self, args: &[&[u8]]) -> Vec<u8> {
        let args = Args::from_slices(args);
        self.out.buf.clear();
        let now = unix_ms() + self.clock_offset_ms;
        // The planned path, as a pipelining connection runs most commands; the unplanned one
        // (`execute`) is the same minus reused work, and runs under the server's tests.
        crate::dispatch::execute_planned(
            &self.server,
            &mut self.client,
            &self.server.shards[0],
            &mut self.out,
            &args,
            now,
            crate::dispatch::plan(&args),
        );
        std::mem::take(&mut self.out.buf)
    }

    /// Runs one command and parses its reply.
    pub fn run(&mut self, args: &[&str]) -> Value {
        let bytes: Vec<&[u8]> = args.iter().map(|a| a.as_bytes()).collect();
        let raw = self.raw(&bytes);
        match parse_value(&raw) {
            Ok(Some((v, used))) if used == raw.len() => v,
            other => panic!(
                "reply to {args:?} is not one value: {other:?} ({:?})",
                String::from_utf8_lossy(&raw)
            ),
        }
    }

    /// Replays a transcript recorded from a real redis-server: RESP commands, each followed by
    /// the raw reply Redis gave. Returns how many commands matched byte for byte, or a
    /// description of the first that did not.
    pub fn replay(&mut self, transcript: &[u8]) -> Result<usize, String> {
        fn one(buf: &[u8]) -> Result<(Value, usize), String> {
            match parse_value(buf) {
                Ok(Some(v)) => Ok(v),
                other => Err(format!("transcript is not RESP: {other:?}")),
            }
        }
        let mut pos = 0;
        let mut n = 0;
        while pos < transcript.len() {
            let (cmd, used) = one(&transcript[pos..])?;
            pos += used;
            let (_, used) = one(&transcript[pos..])?;
            let want = &transcript[pos..pos + used];
            pos += used;
            let Value::Array(items) = cmd else {
                return Err(format!("command #{n} is not an array"));
            };
            let args: Vec<Vec<u8>> = items
                .into_iter()
                .map(|v| match v {
                    Value::Bulk(b) => b,
                    other => panic!("command argument is not a bulk string: {other:?}"),
                })
                .collect();
            let refs: Vec<&[u8]> = args.iter().map(|a| a.as_slice()).collect();
            let got = self.raw(&refs);
            if got != want {
                let show = |b: &[u8]| {
                    let s = String::from_utf8_lossy(&b[..b.len().min(300)]).into_owned();
                    if b.len() > 300 {
                        format!("{s}... ({} bytes)", b.len())
                    } else {
                        s
                    }
                };
                let cmd: Vec<String> = args.iter().take(6).map(|a| show(a)).collect();
                return Err(format!(
                    "command #{n} {cmd:?}:\n  redis: {}\n  shoal: {}",
                    show(want),
                    show(&got)
                ));
            }
            n += 1;
        }
        Ok(n)
    }

    /// Runs one command and returns its reply as RESP text, e.g. "+OK\r\n".
    pub fn text(&mut self, args: &[&str]) -> String {
        let bytes: Vec<&[u8]> = args.iter().map(|a| a.as_bytes()).collect();
        String::from_utf8_lossy(&self.raw(&bytes)).into_owned()
    }
}

/// A command's declaration in `COMMAND INFO`'s words, for the families' declaration tests:
/// `name arity flags @acl | key-spec flags index i range a b c (notes) ... | tips`.
pub fn describe_tips_last(fullname: &str) -> String {
    let spec = spec_of(fullname);
    let mut out = format!(
        "{} {} {} {}",
        spec.name,
        spec.arity,
        flag_words(spec).join(" "),
        acl_words(spec).join(" ")
    );
    for ks in spec.key_specs {
        out += &format!(" | {}", key_spec_words(ks));
        if !ks.notes.is_empty() {
            out += &format!(" ({})", ks.notes);
        }
    }
    if !spec.tips.is_empty() {
        out += &format!(" | {}", spec.tips.join(" "));
    }
    out
}

/// The same facts laid out `fullname arity flags [movablekeys] @acl tips | key-spec ...`.
pub fn describe_tips_first(fullname: &str) -> String {
    let spec = spec_of(fullname);
    let mut words = vec![fullname.to_string(), spec.arity.to_string()];
    words.extend(flag_words(spec).into_iter().map(String::from));
    if spec.movable_keys() {
        words.push("movablekeys".into());
    }
    words.extend(acl_words(spec));
    words.extend(spec.tips.iter().map(|t| t.to_string()));
    let mut out = words.join(" ");
    for ks in spec.key_specs {
        out += &format!(" | {}", key_spec_words(ks));
    }
    out
}

fn spec_of(fullname: &str) -> &'static crate::spec::CommandSpec {
    crate::registry()
        .by_fullname(fullname)
        .unwrap_or_else(|| panic!("{fullname} is registered"))
        .spec
}

fn flag_words(spec: &crate::spec::CommandSpec) -> Vec<&'static str> {
    crate::spec::FLAG_NAMES
        .iter()
        .filter(|(f, _)| spec.flags.contains(*f))
        .map(|(_, n)| *n)
        .collect()
}

fn acl_words(spec: &crate::spec::CommandSpec) -> Vec<String> {
    let acl = spec.acl_categories();
    crate::spec::ACL_NAMES
        .iter()
        .filter(|(a, _)| acl.contains(*a))
        .map(|(_, n)| format!("@{n}"))
        .collect()
}

/// `RW access index 1 range 0 1 0` or `RO index 1 keynum 0 1 1`.
fn key_spec_words(ks: &crate::spec::KeySpec) -> String {
    use crate::spec::{BeginSearch, FindKeys, KS_FLAG_NAMES};
    let flags: Vec<&str> = KS_FLAG_NAMES
        .iter()
        .filter(|(f, _)| ks.flags.contains(*f))
        .map(|(_, n)| *n)
        .collect();
    let BeginSearch::Index(i) = ks.begin else {
        panic!("declaration tests cover index begin-search only")
    };
    let find = match ks.find {
        FindKeys::Range {
            lastkey,
            keystep,
            limit,
        } => format!("range {lastkey} {keystep} {limit}"),
        FindKeys::Keynum {
            keynumidx,
            firstkey,
            keystep,
        } => {
            format!("keynum {keynumidx} {firstkey} {keystep}")
        }
        FindKeys::Unknown => panic!("declaration tests cover known find-keys only"),
    };
    format!("{} index {i} {find}", flags.join(" "))
}
