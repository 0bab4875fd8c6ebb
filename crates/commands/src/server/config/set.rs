//! CONFIG SET parameter value [parameter value ...]
//!
//! Sets every pair or none (shoal_config checks them all before changing anything).

use shoal_resp::Args;

use crate::ctx::Ctx;
use crate::errors::{CmdResult, Error};
use crate::spec::{Acl, Arg, ArgFlags, ArgKind, CommandSpec, Flags, Group};

pub const SPEC: CommandSpec = CommandSpec {
    name: "set",
    arity: -4,
    flags: Flags::ADMIN
        .union(Flags::NOSCRIPT)
        .union(Flags::LOADING)
        .union(Flags::STALE),
    acl: Acl::SLOW,
    tips: &["request_policy:all_nodes", "response_policy:all_succeeded"],
    group: Group::Server,
    since: "2.0.0",
    summary: "Sets configuration parameters in-flight.",
    complexity: "O(N) when N is the number of configuration parameters provided",
    history: &[(
        "7.0.0",
        "Added the ability to set multiple parameters in one call.",
    )],
    args: &[Arg {
        flags: ArgFlags::MULTIPLE,
        children: &[
            Arg::new("parameter", ArgKind::String),
            Arg::new("value", ArgKind::String),
        ],
        ..Arg::new("data", ArgKind::Block)
    }],
    handler: config_set,
    ..CommandSpec::DEFAULT
};

/// Redis's islocalClient: loopback addresses (and, later, unix sockets) are local.
fn is_local(addr: &str) -> bool {
    let ip = match addr.rsplit_once(':') {
        Some((ip, _)) => ip.trim_start_matches('[').trim_end_matches(']'),
        None => return true,
    };
    ip == "127.0.0.1" || ip == "::1"
}

fn config_set(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    let pairs: Vec<&[u8]> = args.iter().skip(2).collect();
    let local = is_local(&ctx.client.handle.addr);
    ctx.server
        .config
        .config_set_bytes(&pairs, local)
        .map_err(Error::Bytes)?;
    ctx.out.ok();
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn loopback_addresses_are_local() {
        assert!(super::is_local("127.0.0.1:5000"));
        assert!(super::is_local("[::1]:5000"));
        assert!(super::is_local("/tmp/redis.sock"));
        assert!(!super::is_local("10.0.0.1:5000"));
        assert!(!super::is_local("[fe80::1]:5000"));
    }
}
