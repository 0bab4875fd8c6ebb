//! The command table: every family's specs, flattened with ids, looked up case-insensitively
//! without allocating.

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::spec::CommandSpec;

pub struct RegEntry {
    pub id: usize,
    pub spec: &'static CommandSpec,
    /// "get", or "config|get" for a subcommand.
    pub fullname: String,
    pub parent: Option<usize>,
}

pub struct Registry {
    entries: Vec<RegEntry>,
    by_name: HashMap<Box<[u8]>, usize, ahash::RandomState>,
}

/// Longest name we look up; longer input cannot be a command.
const MAX_NAME: usize = 64;

impl Registry {
    fn build(families: &[&[&'static CommandSpec]]) -> Registry {
        let mut r = Registry {
            entries: Vec::new(),
            by_name: HashMap::with_hasher(ahash::RandomState::new()),
        };
        for family in families {
            for spec in family.iter() {
                let parent = r.add(spec, spec.name.to_string(), None);
                for sub in spec.subcommands {
                    r.add(sub, format!("{}|{}", spec.name, sub.name), Some(parent));
                }
            }
        }
        r
    }

    fn add(
        &mut self,
        spec: &'static CommandSpec,
        fullname: String,
        parent: Option<usize>,
    ) -> usize {
        let id = self.entries.len();
        let prev = self
            .by_name
            .insert(fullname.as_bytes().to_vec().into_boxed_slice(), id);
        assert!(prev.is_none(), "command {fullname} declared twice");
        self.entries.push(RegEntry {
            id,
            spec,
            fullname,
            parent,
        });
        id
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub fn entry(&self, id: usize) -> &RegEntry {
        &self.entries[id]
    }

    pub fn entries(&self) -> impl Iterator<Item = &RegEntry> {
        self.entries.iter()
    }

    /// Top-level commands only (what COMMAND lists).
    pub fn top_level(&self) -> impl Iterator<Item = &RegEntry> {
        self.entries.iter().filter(|e| e.parent.is_none())
    }

    pub fn subcommands(&self, parent: usize) -> impl Iterator<Item = &RegEntry> {
        self.entries
            .iter()
            .filter(move |e| e.parent == Some(parent))
    }

    /// Finds a command by name in any letter case.
    pub fn lookup(&self, name: &[u8]) -> Option<&RegEntry> {
        if name.len() > MAX_NAME {
            return None;
        }
        let mut buf = [0u8; MAX_NAME];
        let lower = &mut buf[..name.len()];
        lower.copy_from_slice(name);
        lower.make_ascii_lowercase();
        self.by_name.get(&*lower).map(|&id| &self.entries[id])
    }

    /// Finds `parent|sub` in any letter case.
    pub fn lookup_sub(&self, parent: &RegEntry, sub: &[u8]) -> Option<&RegEntry> {
        let pname = parent.spec.name.as_bytes();
        let len = pname.len() + 1 + sub.len();
        if len > MAX_NAME {
            return None;
        }
        let mut buf = [0u8; MAX_NAME];
        buf[..pname.len()].copy_from_slice(pname);
        buf[pname.len()] = b'|';
        buf[pname.len() + 1..len].copy_from_slice(sub);
        buf[..len].make_ascii_lowercase();
        self.by_name.get(&buf[..len]).map(|&id| &self.entries[id])
    }

    pub fn by_fullname(&self, name: &str) -> Option<&RegEntry> {
        self.by_name
            .get(name.as_bytes())
            .map(|&id| &self.entries[id])
    }
}

pub fn registry() -> &'static Registry {
    static REGISTRY: OnceLock<Registry> = OnceLock::new();
    REGISTRY.get_or_init(|| Registry::build(crate::families::ALL))
}
