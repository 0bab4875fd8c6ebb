//! One CLIENT LIST / CLIENT INFO line, with Redis 7.2's fields in Redis's order, and the
//! client types the TYPE filters name.
//!
//! Memory fields are estimates: shoal's buffers are not Redis's, but the fields must exist and
//! be numbers for the tools that parse them.

use std::sync::atomic::Ordering::Relaxed;
use std::sync::Arc;

use shoal_resp::Args;
use shoal_util::{append_i64, append_u64};

use super::setinfo::c_str;
use crate::args::is_c;
use crate::client::{flag, ClientHandle};
use crate::errors::{truncate_lossy, Error};
use crate::registry::registry;
use crate::state::Server;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ClientType {
    Normal,
    Replica,
    Pubsub,
    Master,
}

/// The TYPE argument of CLIENT LIST / CLIENT KILL, with Redis's error for unknown names.
pub(crate) fn type_by_name(name: &[u8]) -> Result<ClientType, Error> {
    if is_c(name, "normal") {
        Ok(ClientType::Normal)
    } else if is_c(name, "slave") || is_c(name, "replica") {
        Ok(ClientType::Replica)
    } else if is_c(name, "pubsub") {
        Ok(ClientType::Pubsub)
    } else if is_c(name, "master") {
        Ok(ClientType::Master)
    } else {
        Err(Error::msg(format!(
            "ERR Unknown client type '{}'",
            truncate_lossy(c_str(name), usize::MAX)
        )))
    }
}

/// A monitor counts as a normal client, as in Redis.
pub(crate) fn client_type(h: &ClientHandle) -> ClientType {
    if h.has_flag(flag::PUBSUB) {
        ClientType::Pubsub
    } else {
        ClientType::Normal
    }
}

/// Live connections in creation order (ids grow with time); killed ones are already gone for
/// Redis, so they are left out here too.
pub(crate) fn live_clients(server: &Server) -> Vec<Arc<ClientHandle>> {
    let mut all: Vec<Arc<ClientHandle>> = server
        .clients
        .iter()
        .filter(|e| !e.value().killed.load(Relaxed))
        .map(|e| e.value().clone())
        .collect();
    all.sort_unstable_by_key(|h| h.id);
    all
}

/// Query-buffer size Redis would show for the client running `args`: its request in RESP form.
fn request_len(args: &Args<'_>) -> u64 {
    let mut n = 1 + shoal_util::digits10(args.len() as u64) + 2;
    for a in args.iter() {
        n += 1 + shoal_util::digits10(a.len() as u64) + 2 + a.len() + 2;
    }
    n as u64
}

/// Redis's query buffer is allocated in 20 KiB-ish chunks; what is not used is `qbuf-free`.
const QBUF_ALLOC: u64 = 20474;
/// Fixed per-client memory Redis reports for an idle client (`tot-mem` with empty buffers).
const CLIENT_BASE_MEM: u64 = 1800;
const REPLY_BUF_SIZE: u64 = 1024;

/// The view of the calling client: its own line shows the command being run.
pub(crate) struct Caller<'a, 'b> {
    pub id: u64,
    pub args: &'b Args<'a>,
}

/// Appends one line (without the trailing newline) for `h`.
pub(crate) fn describe(out: &mut Vec<u8>, h: &ClientHandle, now_ms: u64, caller: &Caller) {
    let is_caller = h.id == caller.id;
    let now_s = now_ms / 1000;
    let age = now_s as i64 - (h.created_ms / 1000) as i64;
    let idle = if is_caller {
        0
    } else {
        now_s as i64 - (h.last_active_ms.load(Relaxed) / 1000) as i64
    };
    let (qbuf, argv_mem) = if is_caller {
        let argv: usize = caller.args.iter().map(|a| a.len()).sum();
        (request_len(caller.args), argv as u64)
    } else {
        (h.qbuf.load(Relaxed), 0)
    };
    let qbuf_free = if qbuf > 0 {
        QBUF_ALLOC.saturating_sub(qbuf)
    } else {
        0
    };
    let omem = h.omem.load(Relaxed);
    let tot_mem = CLIENT_BASE_MEM + qbuf + qbuf_free + argv_mem + omem;
    let names = h.names.lock().clone();

    field(out, "id=", |o| append_u64(o, h.id));
    field(out, " addr=", |o| o.extend_from_slice(h.addr.as_bytes()));
    field(out, " laddr=", |o| o.extend_from_slice(h.laddr.as_bytes()));
    field(out, " fd=", |o| append_i64(o, h.fd as i64));
    field(out, " name=", |o| o.extend_from_slice(c_str(&names.name)));
    field(out, " age=", |o| append_i64(o, age));
    field(out, " idle=", |o| append_i64(o, idle));
    field(out, " flags=", |o| flags(o, h));
    field(out, " db=", |o| append_u64(o, h.db.load(Relaxed) as u64));
    out.extend_from_slice(b" sub=0 psub=0 ssub=0 multi=-1");
    field(out, " qbuf=", |o| append_u64(o, qbuf));
    field(out, " qbuf-free=", |o| append_u64(o, qbuf_free));
    field(out, " argv-mem=", |o| append_u64(o, argv_mem));
    out.extend_from_slice(b" multi-mem=0");
    field(out, " rbs=", |o| append_u64(o, REPLY_BUF_SIZE));
    out.extend_from_slice(b" rbp=0 obl=0 oll=0");
    field(out, " omem=", |o| append_u64(o, omem));
    field(out, " tot-mem=", |o| append_u64(o, tot_mem));
    out.extend_from_slice(b" events=r");
    field(out, " cmd=", |o| last_command(o, h));
    out.extend_from_slice(b" user=default redir=-1");
    field(out, " resp=", |o| {
        append_u64(o, h.resp.load(Relaxed) as u64)
    });
    field(out, " lib-name=", |o| {
        o.extend_from_slice(c_str(&names.lib_name))
    });
    field(out, " lib-ver=", |o| {
        o.extend_from_slice(c_str(&names.lib_ver))
    });
}

fn field(out: &mut Vec<u8>, label: &str, value: impl FnOnce(&mut Vec<u8>)) {
    out.extend_from_slice(label.as_bytes());
    value(out);
}

/// Redis's flag letters, in Redis's order; `N` when none applies.
fn flags(out: &mut Vec<u8>, h: &ClientHandle) {
    let start = out.len();
    let blocked = h.block_state.load(Relaxed) != crate::blocking::state::NONE;
    for (on, letter) in [
        (h.has_flag(flag::MONITOR), b'O'),
        (h.has_flag(flag::PUBSUB), b'P'),
        (blocked, b'b'),
        (h.has_flag(flag::CLOSE_AFTER_REPLY), b'c'),
        (h.has_flag(flag::NO_EVICT), b'e'),
        (h.has_flag(flag::NO_TOUCH), b'T'),
    ] {
        if on {
            out.push(letter);
        }
    }
    if out.len() == start {
        out.push(b'N');
    }
}

fn last_command(out: &mut Vec<u8>, h: &ClientHandle) {
    match h.last_cmd.load(Relaxed) {
        0 => out.extend_from_slice(b"NULL"),
        id => out.extend_from_slice(registry().entry(id as usize - 1).fullname.as_bytes()),
    }
}
