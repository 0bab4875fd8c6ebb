//! Tests of the server commands through the real dispatch path.

mod command;
mod config;
mod info;
mod misc;

use crate::testing::TestServer;

/// The `name:value` line of `field` in an INFO reply.
fn field(info: &str, name: &str) -> String {
    info.split("\r\n")
        .find_map(|l| l.strip_prefix(&format!("{name}:")))
        .unwrap_or_else(|| panic!("no field {name} in INFO"))
        .to_string()
}

/// The text of an INFO reply (RESP2 bulk string), without the framing.
fn info_text(t: &mut TestServer, args: &[&str]) -> String {
    let mut cmd = vec!["INFO"];
    cmd.extend_from_slice(args);
    match t.run(&cmd) {
        shoal_resp::Value::Bulk(b) => String::from_utf8(b).expect("INFO is text"),
        other => panic!("INFO replied {other:?}"),
    }
}

/// The `# Title` headers, in order.
fn headers(info: &str) -> Vec<String> {
    info.split("\r\n")
        .filter_map(|l| l.strip_prefix("# "))
        .map(str::to_string)
        .collect()
}
