//! HELLO [protover [AUTH username password] [SETNAME clientname]]
//!
//! Switches the protocol (2 or 3), optionally authenticating and naming the connection, and
//! replies with a map describing the server. All options are checked before any takes effect;
//! then authentication, then the name, then the protocol (Redis 7.2's order).

use std::sync::atomic::Ordering::Relaxed;

use shoal_config::{Param, REDIS_VERSION};
use shoal_resp::{Args, Proto};

use super::auth::authenticate;
use super::client::setname::{set_name, validate_name};
use crate::args::is_c;
use crate::ctx::Ctx;
use crate::errors::{CmdResult, Error};
use crate::spec::{Acl, Arg, ArgFlags, ArgKind, CommandSpec, Flags, Group};

pub static SPEC: CommandSpec = CommandSpec {
    name: "hello",
    arity: -1,
    flags: Flags::NOSCRIPT
        .union(Flags::LOADING)
        .union(Flags::STALE)
        .union(Flags::FAST)
        .union(Flags::NO_AUTH)
        .union(Flags::ALLOW_BUSY),
    acl: Acl::CONNECTION,
    group: Group::Connection,
    since: "6.0.0",
    summary: "Handshakes with the Redis server.",
    complexity: "O(1)",
    args: &[Arg {
        flags: ArgFlags::OPTIONAL,
        children: &[
            Arg::new("protover", ArgKind::Integer),
            Arg {
                token: "AUTH",
                flags: ArgFlags::OPTIONAL,
                children: &[
                    Arg::new("username", ArgKind::String),
                    Arg::new("password", ArgKind::String),
                ],
                ..Arg::new("username-password", ArgKind::Block)
            },
            Arg {
                token: "SETNAME",
                flags: ArgFlags::OPTIONAL,
                ..Arg::new("clientname", ArgKind::String)
            },
        ],
        ..Arg::new("arguments", ArgKind::Block)
    }],
    handler: hello,
    ..CommandSpec::DEFAULT
};

const NOAUTH_HELLO: &str = "NOAUTH HELLO must be called with the client already authenticated, \
     otherwise the HELLO <proto> AUTH <user> <pass> option can be used to authenticate the \
     client and select the RESP protocol version at the same time";

fn hello(ctx: &mut Ctx<'_>, args: &Args<'_>) -> CmdResult {
    let mut proto = None;
    if args.len() >= 2 {
        let ver = crate::args::int(args.get(1))
            .map_err(|_| Error::Static("ERR Protocol version is not an integer or out of range"))?;
        proto = match ver {
            2 => Some(Proto::Resp2),
            3 => Some(Proto::Resp3),
            _ => return Err(Error::Static("NOPROTO unsupported protocol version")),
        };
    }

    let mut credentials = None;
    let mut name = None;
    let mut j = 2;
    while j < args.len() {
        let opt = args.get(j);
        let more = args.len() - 1 - j;
        if is_c(opt, "AUTH") && more >= 2 {
            ctx.client.redacted_args.extend([j + 1, j + 2]);
            credentials = Some((args.get(j + 1), args.get(j + 2)));
            j += 3;
        } else if is_c(opt, "SETNAME") && more >= 1 {
            let n = args.get(j + 1);
            validate_name(n)?;
            name = Some(n);
            j += 2;
        } else {
            return Err(Error::concat(&[
                b"ERR Syntax error in HELLO option '",
                crate::errors::c_arg(opt, usize::MAX),
                b"'",
            ]));
        }
    }

    if let Some((user, password)) = credentials {
        authenticate(ctx, user, password)?;
    }
    if !ctx.client.authenticated {
        return Err(Error::Static(NOAUTH_HELLO));
    }
    if let Some(n) = name {
        set_name(ctx, n);
    }
    if let Some(p) = proto {
        ctx.out.proto = p;
        let resp = if p == Proto::Resp3 { 3 } else { 2 };
        ctx.client.handle.resp.store(resp, Relaxed);
    }
    write_server_map(ctx);
    Ok(())
}

fn write_server_map(ctx: &mut Ctx<'_>) {
    let resp = if ctx.out.is_resp3() { 3 } else { 2 };
    let mode: &[u8] = if ctx.server.config.get_bool(Param::ClusterEnabled) {
        b"cluster"
    } else {
        b"standalone"
    };
    let out = &mut *ctx.out;
    out.map(7);
    out.bulk(b"server");
    out.bulk(b"redis");
    out.bulk(b"version");
    out.bulk(REDIS_VERSION.as_bytes());
    out.bulk(b"proto");
    out.int(resp as i64);
    out.bulk(b"id");
    out.int(ctx.client.id as i64);
    out.bulk(b"mode");
    out.bulk(mode);
    out.bulk(b"role");
    out.bulk(b"master");
    out.bulk(b"modules");
    out.empty_array();
}
