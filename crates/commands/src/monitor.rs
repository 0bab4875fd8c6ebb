//! MONITOR: every command, as Redis prints it, pushed to each monitoring client.

use std::fmt::Write;
use std::sync::atomic::Ordering::Relaxed;

use shoal_resp::Args;

use crate::client::Client;
use crate::state::Server;

/// Appends `bytes` quoted the way Redis's sdscatrepr does.
pub fn repr(out: &mut String, bytes: &[u8]) {
    out.push('"');
    for &b in bytes {
        match b {
            b'\\' => out.push_str("\\\\"),
            b'"' => out.push_str("\\\""),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            b'\t' => out.push_str("\\t"),
            7 => out.push_str("\\a"),
            8 => out.push_str("\\b"),
            0x20..=0x7e => out.push(b as char),
            _ => {
                let _ = write!(out, "\\x{b:02x}");
            }
        }
    }
    out.push('"');
}

pub fn feed(server: &Server, client: &Client, args: &Args<'_>) {
    let mut line = String::with_capacity(64);
    let t = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default();
    let _ = write!(
        line,
        "+{}.{:06} [{} {}]",
        t.as_secs(),
        t.subsec_micros(),
        client.db,
        client.handle.addr
    );
    for a in args.iter() {
        line.push(' ');
        repr(&mut line, a);
    }
    line.push_str("\r\n");
    let monitors = server.monitors.lock();
    for m in monitors.iter() {
        if m.id != client.id && !m.killed.load(Relaxed) {
            m.hooks.push(line.as_bytes().to_vec());
        }
    }
}
