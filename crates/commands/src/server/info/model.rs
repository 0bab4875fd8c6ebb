//! INFO as data: sections of named fields with typed values, then one renderer for the text
//! Redis prints. A Prometheus exporter walks the same data instead of parsing text.

use std::borrow::Cow;
use std::fmt::Write;

/// One field's value, typed so an exporter can tell numbers from text.
#[derive(Clone, Debug, PartialEq)]
pub enum Val {
    Int(i64),
    Uint(u64),
    /// Printed with this many decimals (`%.2f`, `%.6f` for CPU seconds).
    Float(f64, u8),
    /// Printed `%.2f%%`.
    Percent(f64),
    Text(Cow<'static, str>),
    /// `k=v,k=v` lines: keyspace, commandstats, errorstats, listeners. Keys may repeat.
    Pairs(Vec<(&'static str, Val)>),
}

impl Val {
    pub fn text(s: impl Into<Cow<'static, str>>) -> Val {
        Val::Text(s.into())
    }

    /// The value as a number, when it is one (what a metrics exporter can publish).
    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Val::Int(v) => Some(*v as f64),
            Val::Uint(v) => Some(*v as f64),
            Val::Float(v, _) | Val::Percent(v) => Some(*v),
            Val::Text(_) | Val::Pairs(_) => None,
        }
    }

    fn write(&self, out: &mut String) {
        match self {
            Val::Int(v) => {
                let _ = write!(out, "{v}");
            }
            Val::Uint(v) => {
                let _ = write!(out, "{v}");
            }
            Val::Float(v, decimals) => {
                let _ = write!(out, "{:.*}", *decimals as usize, v);
            }
            Val::Percent(v) => {
                let _ = write!(out, "{v:.2}%");
            }
            Val::Text(s) => out.push_str(s),
            Val::Pairs(pairs) => {
                for (i, (k, v)) in pairs.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    out.push_str(k);
                    out.push('=');
                    v.write(out);
                }
            }
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Field {
    pub name: Cow<'static, str>,
    pub value: Val,
}

/// One `# Title` block. `key` is the lower-case name INFO takes as an argument.
#[derive(Clone, Debug, PartialEq)]
pub struct Section {
    pub key: &'static str,
    pub title: &'static str,
    pub fields: Vec<Field>,
}

impl Section {
    pub fn new(key: &'static str, title: &'static str) -> Section {
        Section {
            key,
            title,
            fields: Vec::new(),
        }
    }

    pub fn add(&mut self, name: impl Into<Cow<'static, str>>, value: Val) {
        self.fields.push(Field {
            name: name.into(),
            value,
        });
    }

    pub fn int(&mut self, name: &'static str, v: i64) {
        self.add(name, Val::Int(v));
    }

    pub fn uint(&mut self, name: &'static str, v: u64) {
        self.add(name, Val::Uint(v));
    }

    pub fn text(&mut self, name: &'static str, v: impl Into<Cow<'static, str>>) {
        self.add(name, Val::text(v));
    }

    pub fn get(&self, name: &str) -> Option<&Val> {
        self.fields
            .iter()
            .find(|f| f.name == name)
            .map(|f| &f.value)
    }
}

/// Which sections an INFO call asked for, parsed as Redis does (`default`, `all`,
/// `everything`, or names in any case; unknown names select nothing).
#[derive(Clone, Debug, Default)]
pub struct Selection {
    all: bool,
    names: Vec<String>,
}

/// What `INFO` with no argument (or `INFO default`) prints.
pub const DEFAULT_SECTIONS: &[&str] = &[
    "server",
    "clients",
    "memory",
    "persistence",
    "stats",
    "replication",
    "cpu",
    "module_list",
    "errorstats",
    "cluster",
    "keyspace",
];

impl Selection {
    pub fn from_args<'a>(args: impl IntoIterator<Item = &'a [u8]>) -> Selection {
        let mut sel = Selection::default();
        let mut any = false;
        for a in args {
            any = true;
            // Redis reads section names as C strings (strcasecmp, sdsnew): up to the first NUL.
            let a = crate::errors::c_arg(a, usize::MAX);
            if a.eq_ignore_ascii_case(b"default") {
                sel.add_defaults();
            } else if a.eq_ignore_ascii_case(b"all") || a.eq_ignore_ascii_case(b"everything") {
                // Without modules, "everything" adds nothing to "all".
                sel.all = true;
            } else {
                sel.names
                    .push(String::from_utf8_lossy(a).to_ascii_lowercase());
            }
        }
        if !any {
            sel.add_defaults();
        }
        sel
    }

    /// Every section (what `/metrics` wants).
    pub fn everything() -> Selection {
        Selection {
            all: true,
            names: Vec::new(),
        }
    }

    fn add_defaults(&mut self) {
        self.names
            .extend(DEFAULT_SECTIONS.iter().map(|s| s.to_string()));
    }

    pub fn wants(&self, key: &str) -> bool {
        self.all || self.names.iter().any(|n| n == key)
    }
}

/// The text Redis sends: `# Title` headers, `name:value` lines, CRLF endings and one empty
/// line between sections.
pub fn render(sections: &[Section]) -> String {
    let mut out = String::with_capacity(4096);
    for (i, s) in sections.iter().enumerate() {
        if i > 0 {
            out.push_str("\r\n");
        }
        out.push_str("# ");
        out.push_str(s.title);
        out.push_str("\r\n");
        for f in &s.fields {
            out.push_str(&f.name);
            out.push(':');
            f.value.write(&mut out);
            out.push_str("\r\n");
        }
    }
    out
}

/// Redis's bytesToHuman: `894.98K`, `0B`.
pub fn human_bytes(n: u64) -> String {
    const SUFFIXES: [&str; 5] = ["K", "M", "G", "T", "P"];
    if n < 1024 {
        return format!("{n}B");
    }
    for (i, suffix) in SUFFIXES.iter().enumerate() {
        let unit = 1u64 << (10 * (i + 1));
        if n / unit < 1024 {
            return format!("{:.2}{suffix}", n as f64 / unit as f64);
        }
    }
    format!("{n}B")
}
