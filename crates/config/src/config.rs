//! The live configuration: lock-free reads of numeric values, CONFIG GET and
//! the all-or-nothing CONFIG SET.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicI64, AtomicU64, Ordering};

use parking_lot::{Mutex, RwLock};
use shoal_util::glob_match;

use crate::args::{split_args, split_spaces};
use crate::params::{lookup, Access, Kind, Param, ParamDef, PARAMS};
use crate::typed::{notify, ClientClass, LogLevel, MaxmemoryPolicy, ObufLimit, ProtectedAction};
use crate::value::{parse, render_enum, render_num, Value, OBUF_CLASS_NAMES};

/// Redis clamps `hz` into this range when applying it.
const HZ_RANGE: (i64, i64) = (1, 500);

/// Called after CONFIG SET stored new values, once per changed parameter, so
/// the server can act on them (rebind a port, resize a pool). An error undoes
/// the whole CONFIG SET. It must not call `config_set` itself.
pub type ApplyHook = Box<dyn Fn(&Config, Param) -> Result<(), String> + Send + Sync>;

enum Slot {
    Num(AtomicI64),
    Text(RwLock<Vec<u8>>),
    /// hard, soft, seconds for each client class.
    Obuf([[AtomicU64; 3]; 3]),
}

/// The server configuration, shared as `Arc<Config>`. Readers never block on
/// numeric values; CONFIG SET calls are serialized.
pub struct Config {
    slots: Box<[Slot]>,
    config_file: Option<PathBuf>,
    pub(crate) set_lock: Mutex<()>,
    generation: AtomicU64,
    apply_hook: RwLock<Option<ApplyHook>>,
}

impl Default for Config {
    fn default() -> Self {
        Self::new()
    }
}

impl std::fmt::Debug for Config {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut m = f.debug_map();
        for p in Param::all() {
            let value = if p.def().sensitive {
                "(redacted)".into()
            } else {
                String::from_utf8_lossy(&self.render(p)).into_owned()
            };
            m.entry(&p.name(), &value);
        }
        m.finish()
    }
}

/// Words of a default value, as a config file line would give them.
pub(crate) fn default_words(def: &ParamDef) -> Vec<Vec<u8>> {
    if def.kind.is_multi_arg() {
        split_args(def.default.as_bytes()).expect("built-in defaults are well quoted")
    } else {
        vec![def.default.as_bytes().to_vec()]
    }
}

/// The built-in default of `def`, parsed.
pub(crate) fn default_value(def: &ParamDef) -> Value {
    let words = default_words(def);
    let refs: Vec<&[u8]> = words.iter().map(Vec::as_slice).collect();
    match parse(def, &refs) {
        Ok(v) => v,
        // Like Redis when getcwd fails (the start directory was removed).
        Err(_) if def.kind == Kind::Dir => Value::Text(b".".to_vec()),
        Err(e) => panic!("default of {} does not parse: {e}", def.name),
    }
}

impl Config {
    /// The built-in defaults (identical to `DEFAULT_CONF`).
    pub fn new() -> Config {
        let slots = PARAMS
            .iter()
            .map(|d| match d.kind {
                Kind::Bool | Kind::Num(_) | Kind::Enum(_) | Kind::NotifyKeyspaceEvents => {
                    Slot::Num(AtomicI64::new(0))
                }
                Kind::ClientOutputBufferLimit => Slot::Obuf(Default::default()),
                _ => Slot::Text(RwLock::new(Vec::new())),
            })
            .collect();
        let config = Config {
            slots,
            config_file: None,
            set_lock: Mutex::new(()),
            generation: AtomicU64::new(0),
            apply_hook: RwLock::new(None),
        };
        for d in PARAMS {
            config.store(d.param, &default_value(d));
        }
        config
    }

    pub(crate) fn with_config_file(mut self, path: Option<PathBuf>) -> Self {
        self.config_file = path;
        self
    }

    /// Absolute path of the config file given at start-up, if any (the target
    /// of CONFIG REWRITE).
    pub fn config_file(&self) -> Option<&Path> {
        self.config_file.as_deref()
    }

    /// Increases on every successful CONFIG SET, so threads can cache derived
    /// settings and refresh them cheaply.
    pub fn generation(&self) -> u64 {
        self.generation.load(Ordering::Acquire)
    }

    /// Installs the hook run after CONFIG SET changes values.
    pub fn set_apply_hook(&self, hook: ApplyHook) {
        *self.apply_hook.write() = Some(hook);
    }

    fn slot(&self, p: Param) -> &Slot {
        &self.slots[p as usize]
    }

    pub(crate) fn store(&self, p: Param, v: &Value) {
        match (self.slot(p), v) {
            (Slot::Num(a), Value::Num(n)) => {
                let n = if p == Param::Hz {
                    (*n).clamp(HZ_RANGE.0, HZ_RANGE.1)
                } else {
                    *n
                };
                a.store(n, Ordering::Release);
            }
            (Slot::Text(t), Value::Text(s)) => *t.write() = s.clone(),
            (Slot::Obuf(classes), Value::Obuf(list)) => {
                for (class, limit) in list {
                    let c = &classes[*class];
                    c[0].store(limit.hard, Ordering::Release);
                    c[1].store(limit.soft, Ordering::Release);
                    c[2].store(limit.soft_seconds, Ordering::Release);
                }
            }
            _ => unreachable!("value kind does not match {}", p.name()),
        }
    }

    /// The current value in the parsed form (all classes for output buffers).
    pub(crate) fn load(&self, p: Param) -> Value {
        match self.slot(p) {
            Slot::Num(a) => Value::Num(a.load(Ordering::Acquire)),
            Slot::Text(t) => Value::Text(t.read().clone()),
            Slot::Obuf(_) => Value::Obuf((0..3).map(|c| (c, self.obuf_class(c))).collect()),
        }
    }

    fn obuf_class(&self, class: usize) -> ObufLimit {
        match self.slot(Param::ClientOutputBufferLimit) {
            Slot::Obuf(classes) => ObufLimit {
                hard: classes[class][0].load(Ordering::Acquire),
                soft: classes[class][1].load(Ordering::Acquire),
                soft_seconds: classes[class][2].load(Ordering::Acquire),
            },
            _ => unreachable!(),
        }
    }

    /// A numeric, bool or enum value as stored (u64 bits for unsigned ones).
    /// Panics for text parameters.
    pub fn get_i64(&self, p: Param) -> i64 {
        match self.slot(p) {
            Slot::Num(a) => a.load(Ordering::Acquire),
            _ => panic!("{} is not numeric", p.name()),
        }
    }

    /// An unsigned numeric value (memory sizes, counts).
    pub fn get_u64(&self, p: Param) -> u64 {
        self.get_i64(p) as u64
    }

    /// A yes/no value.
    pub fn get_bool(&self, p: Param) -> bool {
        self.get_i64(p) != 0
    }

    /// An enum parameter's current name, as CONFIG GET shows it.
    pub fn get_enum_name(&self, p: Param) -> &'static str {
        match p.def().kind {
            Kind::Enum(options) => render_enum(options, self.get_i64(p)),
            _ => panic!("{} is not an enum", p.name()),
        }
    }

    /// A text value's bytes (for list-like parameters, the CONFIG GET form).
    pub fn get_bytes(&self, p: Param) -> Vec<u8> {
        match self.slot(p) {
            Slot::Text(t) => t.read().clone(),
            _ => self.render(p),
        }
    }

    /// [`Config::get_bytes`] as text, invalid UTF-8 replaced.
    pub fn get_string(&self, p: Param) -> String {
        String::from_utf8_lossy(&self.get_bytes(p)).into_owned()
    }

    /// The CONFIG GET text of `p`.
    pub fn render(&self, p: Param) -> Vec<u8> {
        let def = p.def();
        match def.kind {
            Kind::Bool => {
                if self.get_bool(p) {
                    b"yes".to_vec()
                } else {
                    b"no".to_vec()
                }
            }
            Kind::Num(spec) => render_num(spec, self.get_i64(p)),
            Kind::Enum(options) => render_enum(options, self.get_i64(p)).as_bytes().to_vec(),
            Kind::NotifyKeyspaceEvents => notify::to_classes(self.get_i64(p) as u32).into_bytes(),
            Kind::ClientOutputBufferLimit => {
                let parts: Vec<String> = (0..3)
                    .map(|c| {
                        let l = self.obuf_class(c);
                        format!(
                            "{} {} {} {}",
                            OBUF_CLASS_NAMES[c], l.hard, l.soft, l.soft_seconds
                        )
                    })
                    .collect();
                parts.join(" ").into_bytes()
            }
            _ => self.get_bytes(p),
        }
    }

    /// CONFIG GET: name/value pairs for every parameter matching any of the
    /// patterns (glob, case-insensitive), each once. A pattern without glob
    /// characters is an exact lookup and is echoed as given; glob matches
    /// report the matching name, aliases included, as Redis 7 does.
    pub fn config_get(&self, patterns: &[&[u8]]) -> Vec<(Vec<u8>, Vec<u8>)> {
        let mut matches: Vec<(Vec<u8>, Param)> = Vec::new();
        let seen = |m: &Vec<(Vec<u8>, Param)>, name: &[u8]| {
            m.iter().any(|(k, _)| k.eq_ignore_ascii_case(name))
        };
        for &pattern in patterns {
            let c_pattern = pattern.split(|&b| b == 0).next().unwrap_or_default();
            if !c_pattern.iter().any(|b| matches!(b, b'[' | b'*' | b'?')) {
                if !seen(&matches, pattern) {
                    if let Some((d, _)) = lookup(pattern) {
                        matches.push((pattern.to_vec(), d.param));
                    }
                }
                continue;
            }
            for d in PARAMS {
                for name in std::iter::once(d.name).chain(d.alias) {
                    if !seen(&matches, name.as_bytes())
                        && glob_match(pattern, name.as_bytes(), true)
                    {
                        matches.push((name.as_bytes().to_vec(), d.param));
                    }
                }
            }
        }
        matches
            .into_iter()
            .map(|(k, p)| (k, self.render(p)))
            .collect()
    }

    /// CONFIG SET with the arguments after `SET` (`name value [name value
    /// ...]`). All-or-nothing: nothing changes unless every pair is valid and
    /// the apply hook accepts every change. `client_is_local` matters for
    /// protected parameters under `enable-protected-configs local`. The error
    /// is the full Redis error line without the leading `-`.
    pub fn config_set(&self, args: &[&[u8]], client_is_local: bool) -> Result<(), String> {
        self.config_set_bytes(args, client_is_local)
            .map_err(|e| String::from_utf8_lossy(&e).into_owned())
    }

    /// As `config_set`, with the error as bytes: a parameter name the client sent is echoed
    /// unchanged (Redis does not re-encode it), so non-UTF-8 names survive.
    pub fn config_set_bytes(&self, args: &[&[u8]], client_is_local: bool) -> Result<(), Vec<u8>> {
        if args.is_empty() {
            return Err(b"ERR wrong number of arguments for 'config|set' command".to_vec());
        }
        if args.len() % 2 == 1 {
            return Err(b"ERR syntax error".to_vec());
        }
        let _serialized = self.set_lock.lock();

        // Resolve names and refuse what may not be set, in argument order;
        // the first problem found decides the reply, as in Redis.
        let protected_ok = self.enable_protected_configs().allows(client_is_local);
        let mut targets: Vec<(&'static ParamDef, &'static str, &[u8])> = Vec::new();
        for pair in args.chunks(2) {
            let (name, value) = (pair[0], pair[1]);
            let shown = name;
            let Some((def, via_alias)) = lookup(name) else {
                let lower = name.to_ascii_lowercase();
                if let Some(why) = crate::redis_names::unsupported(&lower) {
                    return Err(set_failed_bytes(shown, &why));
                }
                return Err([
                    &b"ERR Unknown option or number of arguments for CONFIG SET - '"[..],
                    shown,
                    b"'",
                ]
                .concat());
            };
            let registered = if via_alias {
                def.alias.unwrap_or(def.name)
            } else {
                def.name
            };
            match def.access {
                Access::Immutable => {
                    return Err(set_failed_bytes(shown, "can't set immutable config"))
                }
                Access::Protected if !protected_ok => {
                    return Err(set_failed_bytes(shown, "can't set protected config"))
                }
                _ => {}
            }
            if targets
                .iter()
                .any(|(d, r, _)| d.param == def.param && *r == registered)
            {
                return Err(set_failed_bytes(shown, "duplicate parameter"));
            }
            targets.push((def, registered, value));
        }

        let mut parsed = Vec::with_capacity(targets.len());
        for &(def, registered, value) in &targets {
            let words = if def.kind.is_multi_arg() {
                split_spaces(value)
            } else {
                vec![value]
            };
            let v = parse(def, &words).map_err(|e| set_failed(registered, &e).into_bytes())?;
            parsed.push((def.param, registered, v));
        }

        let old: Vec<(Param, Value)> = parsed.iter().map(|(p, _, _)| (*p, self.load(*p))).collect();
        let mut changed: Vec<(Param, &str)> = Vec::new();
        for (p, registered, v) in &parsed {
            let before = self.load(*p);
            self.store(*p, v);
            if self.load(*p) != before && !changed.iter().any(|(c, _)| c == p) {
                changed.push((*p, registered));
            }
        }

        if let Some(hook) = self.apply_hook.read().as_ref() {
            for &(p, registered) in &changed {
                if let Err(e) = hook(self, p) {
                    for (p, v) in old.iter().rev() {
                        self.store(*p, v);
                    }
                    for &(p, _) in &changed {
                        let _ = hook(self, p);
                    }
                    return Err(set_failed(registered, &e).into_bytes());
                }
            }
        }
        self.generation.fetch_add(1, Ordering::AcqRel);
        Ok(())
    }

    // Typed accessors for the values the server reads most.

    pub fn port(&self) -> u16 {
        self.get_i64(Param::Port) as u16
    }

    /// `bind` addresses, `-` prefixes kept (they mark optional addresses).
    pub fn bind(&self) -> Vec<String> {
        self.get_string(Param::Bind)
            .split(' ')
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect()
    }

    pub fn protected_mode(&self) -> bool {
        self.get_bool(Param::ProtectedMode)
    }

    pub fn tcp_backlog(&self) -> u32 {
        self.get_i64(Param::TcpBacklog) as u32
    }

    /// Idle-client timeout in seconds; 0 disables it.
    pub fn timeout(&self) -> u64 {
        self.get_u64(Param::Timeout)
    }

    pub fn tcp_keepalive(&self) -> u64 {
        self.get_u64(Param::TcpKeepalive)
    }

    pub fn maxclients(&self) -> u64 {
        self.get_u64(Param::Maxclients)
    }

    pub fn proto_max_bulk_len(&self) -> u64 {
        self.get_u64(Param::ProtoMaxBulkLen)
    }

    pub fn client_query_buffer_limit(&self) -> u64 {
        self.get_u64(Param::ClientQueryBufferLimit)
    }

    pub fn client_output_buffer_limit(&self, class: ClientClass) -> ObufLimit {
        self.obuf_class(class as usize)
    }

    /// `None` when no password is required.
    pub fn requirepass(&self) -> Option<Vec<u8>> {
        Some(self.get_bytes(Param::Requirepass)).filter(|p| !p.is_empty())
    }

    pub fn enable_protected_configs(&self) -> ProtectedAction {
        ProtectedAction::from_value(self.get_i64(Param::EnableProtectedConfigs))
    }

    pub fn enable_debug_command(&self) -> ProtectedAction {
        ProtectedAction::from_value(self.get_i64(Param::EnableDebugCommand))
    }

    pub fn loglevel(&self) -> LogLevel {
        LogLevel::from_value(self.get_i64(Param::Loglevel))
    }

    /// Empty means standard output.
    pub fn logfile(&self) -> String {
        self.get_string(Param::Logfile)
    }

    pub fn pidfile(&self) -> Option<String> {
        Some(self.get_string(Param::Pidfile)).filter(|p| !p.is_empty())
    }

    pub fn databases(&self) -> usize {
        self.get_i64(Param::Databases) as usize
    }

    /// Server cron frequency, already clamped to 1..=500 like Redis.
    pub fn hz(&self) -> u32 {
        self.get_i64(Param::Hz) as u32
    }

    pub fn dynamic_hz(&self) -> bool {
        self.get_bool(Param::DynamicHz)
    }

    /// Working directory for data files (absolute).
    pub fn dir(&self) -> PathBuf {
        use std::os::unix::ffi::OsStringExt;
        PathBuf::from(std::ffi::OsString::from_vec(self.get_bytes(Param::Dir)))
    }

    pub fn dbfilename(&self) -> String {
        self.get_string(Param::Dbfilename)
    }

    /// `save` points as (seconds, changes); empty when snapshotting is off.
    pub fn save_params(&self) -> Vec<(i64, i64)> {
        let text = self.get_string(Param::Save);
        let nums: Vec<i64> = text.split(' ').filter_map(|n| n.parse().ok()).collect();
        nums.chunks_exact(2).map(|c| (c[0], c[1])).collect()
    }

    pub fn maxmemory(&self) -> u64 {
        self.get_u64(Param::Maxmemory)
    }

    pub fn maxmemory_policy(&self) -> MaxmemoryPolicy {
        MaxmemoryPolicy::from_value(self.get_i64(Param::MaxmemoryPolicy))
    }

    pub fn maxmemory_samples(&self) -> u32 {
        self.get_i64(Param::MaxmemorySamples) as u32
    }

    /// `notify-keyspace-events` as [`notify`] flags.
    pub fn notify_keyspace_events(&self) -> u32 {
        self.get_i64(Param::NotifyKeyspaceEvents) as u32
    }

    pub fn slowlog_log_slower_than(&self) -> i64 {
        self.get_i64(Param::SlowlogLogSlowerThan)
    }

    pub fn slowlog_max_len(&self) -> u64 {
        self.get_u64(Param::SlowlogMaxLen)
    }

    pub fn latency_tracking(&self) -> bool {
        self.get_bool(Param::LatencyTracking)
    }

    /// `latency-tracking-info-percentiles` values.
    pub fn latency_tracking_info_percentiles(&self) -> Vec<f64> {
        self.get_string(Param::LatencyTrackingInfoPercentiles)
            .split(' ')
            .filter_map(|p| p.parse().ok())
            .collect()
    }

    /// Milliseconds before a busy script makes other clients get BUSY.
    pub fn busy_reply_threshold(&self) -> u64 {
        self.get_u64(Param::BusyReplyThreshold)
    }

    pub fn active_expire_effort(&self) -> u32 {
        self.get_i64(Param::ActiveExpireEffort) as u32
    }

    pub fn active_expire(&self) -> bool {
        self.get_bool(Param::ActiveExpire)
    }

    /// Shard (worker thread) count: `shards`, or the available cores when 0.
    pub fn shards(&self) -> usize {
        match self.get_i64(Param::Shards) {
            0 => std::thread::available_parallelism().map_or(1, |n| n.get()),
            n => n as usize,
        }
    }

    /// Admin HTTP port; 0 disables the admin listener.
    pub fn admin_port(&self) -> u16 {
        self.get_i64(Param::AdminPort) as u16
    }

    pub fn admin_bind(&self) -> String {
        self.get_string(Param::AdminBind)
    }

    pub fn pin_threads(&self) -> bool {
        self.get_bool(Param::PinThreads)
    }
}

fn set_failed_bytes(name: &[u8], why: &str) -> Vec<u8> {
    [
        &b"ERR CONFIG SET failed (possibly related to argument '"[..],
        name,
        b"') - ",
        why.as_bytes(),
    ]
    .concat()
}

fn set_failed(name: &str, why: &str) -> String {
    format!("ERR CONFIG SET failed (possibly related to argument '{name}') - {why}")
}

/// Whether CONFIG SET values of `name` must be redacted from logs, slowlog
/// and MONITOR (Redis SENSITIVE_CONFIG).
pub fn is_sensitive(name: &[u8]) -> bool {
    lookup(name).is_some_and(|(d, _)| d.sensitive)
}
