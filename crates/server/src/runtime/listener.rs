//! Listening sockets: one per bind address per shard thread, all on the same port with
//! SO_REUSEPORT so the kernel spreads new connections over the threads.

use std::io;
use std::net::{IpAddr, SocketAddr, TcpListener};
use std::sync::atomic::Ordering::Relaxed;
use std::sync::Arc;

use shoal_commands::Server;
use shoal_config::Param;
use socket2::{Domain, Protocol, Socket, Type};
use tokio::sync::watch;

pub struct Bound {
    pub port: u16,
    pub per_shard: Vec<Vec<TcpListener>>,
}

/// `bind` entries; a leading '-' marks an address that may be missing (like Redis's `-::1`).
pub fn bind_addresses(bind: &str) -> Vec<(String, bool)> {
    bind.split_whitespace()
        .map(|a| match a.strip_prefix('-') {
            Some(rest) => (rest.to_string(), true),
            None => (a.to_string(), false),
        })
        .collect()
}

pub(super) fn parse_ip(addr: &str) -> io::Result<IpAddr> {
    match addr {
        "*" => Ok(IpAddr::from([0u8, 0, 0, 0])),
        "::*" => Ok(IpAddr::from([0u16; 8])),
        a => a.parse().map_err(|_| {
            io::Error::new(
                io::ErrorKind::InvalidInput,
                format!("bad bind address '{a}'"),
            )
        }),
    }
}

fn listen_socket(addr: SocketAddr, backlog: i32) -> io::Result<TcpListener> {
    let domain = if addr.is_ipv6() {
        Domain::IPV6
    } else {
        Domain::IPV4
    };
    let s = Socket::new(domain, Type::STREAM, Some(Protocol::TCP))?;
    if addr.is_ipv6() {
        s.set_only_v6(true)?;
    }
    s.set_reuse_address(true)?;
    s.set_reuse_port(true)?;
    s.set_nonblocking(true)?;
    s.bind(&addr.into())?;
    s.listen(backlog.max(1))?;
    Ok(s.into())
}

/// Binds every address `shards` times on one port (port 0 picks a free one for all).
pub fn bind_all(
    binds: &[(String, bool)],
    port: u16,
    shards: usize,
    backlog: i32,
) -> io::Result<Bound> {
    let mut port = port;
    let mut per_shard: Vec<Vec<TcpListener>> = (0..shards).map(|_| Vec::new()).collect();
    for (addr, optional) in binds {
        let ip = parse_ip(addr)?;
        let first = match listen_socket(SocketAddr::new(ip, port), backlog) {
            Ok(l) => l,
            Err(_) if *optional => continue,
            Err(e) => {
                return Err(io::Error::new(
                    e.kind(),
                    format!("could not bind {addr}:{port}: {e}"),
                ))
            }
        };
        port = first.local_addr()?.port();
        per_shard[0].push(first);
        for listeners in per_shard.iter_mut().skip(1) {
            listeners.push(listen_socket(SocketAddr::new(ip, port), backlog)?);
        }
    }
    if per_shard[0].is_empty() {
        return Err(io::Error::new(
            io::ErrorKind::AddrNotAvailable,
            "no address could be bound",
        ));
    }
    Ok(Bound { port, per_shard })
}

pub async fn accept_loop(
    server: Arc<Server>,
    shard: usize,
    listener: tokio::net::TcpListener,
    mut stop: watch::Receiver<bool>,
) {
    loop {
        let accepted = tokio::select! {
            r = listener.accept() => r,
            _ = stop.changed() => return,
        };
        let (stream, peer) = match accepted {
            Ok(x) => x,
            Err(e) => {
                // EMFILE and friends: back off briefly instead of spinning.
                eprintln!("accept error: {e}");
                tokio::time::sleep(std::time::Duration::from_millis(10)).await;
                continue;
            }
        };
        let stats = &server.shards[shard];
        stats.connections_received.inc();
        let max = server.config.get_i64(Param::Maxclients).max(1) as usize;
        if server.connected_clients.load(Relaxed) >= max {
            stats.rejected_connections.inc();
            let _ = stream.try_write(b"-ERR max number of clients reached\r\n");
            continue;
        }
        let _ = stream.set_nodelay(true);
        let keepalive = server.config.get_i64(Param::TcpKeepalive);
        if keepalive > 0 {
            let sock = socket2::SockRef::from(&stream);
            let ka = socket2::TcpKeepalive::new()
                .with_time(std::time::Duration::from_secs(keepalive as u64));
            let _ = sock.set_tcp_keepalive(&ka);
        }
        tokio::task::spawn_local(super::conn::serve(
            server.clone(),
            shard,
            stream,
            peer,
            stop.clone(),
        ));
    }
}
