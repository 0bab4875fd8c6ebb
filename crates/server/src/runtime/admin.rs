//! The admin HTTP listener: one thread with its own current_thread runtime, away from the
//! shard threads, so a scrape (which walks every slot) or a slow HTTP client never delays a
//! command.
//!
//! Defences against slow or hostile clients: the request head must arrive within
//! `HEAD_TIMEOUT` and fit in `http::MAX_HEAD`; the response must be taken within
//! `WRITE_TIMEOUT`; at most `MAX_CONNECTIONS` are open at once (more are closed on accept);
//! every connection serves one request.

use std::cell::Cell;
use std::io;
use std::net::{SocketAddr, TcpListener};
use std::rc::Rc;
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::Duration;

use shoal_config::{Config, Param};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::sync::watch;

use super::listener::{bind_addresses, parse_ip};
use crate::admin::http::{parse_head, HeadError, MAX_HEAD};
use crate::admin::{Admin, Response};

const HEAD_TIMEOUT: Duration = Duration::from_secs(5);
const WRITE_TIMEOUT: Duration = Duration::from_secs(10);
const MAX_CONNECTIONS: usize = 64;

pub struct Bound {
    pub port: u16,
    listeners: Vec<TcpListener>,
}

/// Binds `admin-bind` on `admin-port`; `None` when the port is 0 (admin endpoint disabled).
pub fn bind(config: &Config) -> io::Result<Option<Bound>> {
    let mut port = config.get_i64(Param::AdminPort) as u16;
    if port == 0 {
        return Ok(None);
    }
    let mut listeners = Vec::new();
    for (addr, optional) in bind_addresses(&config.get_string(Param::AdminBind)) {
        let ip = parse_ip(&addr)?;
        match std::net::TcpListener::bind(SocketAddr::new(ip, port)) {
            Ok(l) => {
                port = l.local_addr()?.port();
                l.set_nonblocking(true)?;
                listeners.push(l);
            }
            Err(_) if optional => continue,
            Err(e) => {
                return Err(io::Error::new(
                    e.kind(),
                    format!("could not bind the admin port {addr}:{port}: {e}"),
                ))
            }
        }
    }
    if listeners.is_empty() {
        return Err(io::Error::new(
            io::ErrorKind::AddrNotAvailable,
            "no admin-bind address could be bound",
        ));
    }
    Ok(Some(Bound { port, listeners }))
}

/// Starts the admin thread; it stops when `stop` turns true.
pub fn spawn(
    bound: Bound,
    admin: Arc<Admin>,
    stop: watch::Receiver<bool>,
) -> io::Result<JoinHandle<()>> {
    std::thread::Builder::new()
        .name("shoal-admin".into())
        .spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("tokio runtime");
            let local = tokio::task::LocalSet::new();
            local.block_on(&rt, run(bound.listeners, admin, stop));
        })
}

async fn run(listeners: Vec<TcpListener>, admin: Arc<Admin>, mut stop: watch::Receiver<bool>) {
    let open = Rc::new(Cell::new(0usize));
    for l in listeners {
        match tokio::net::TcpListener::from_std(l) {
            Ok(l) => {
                tokio::task::spawn_local(accept_loop(l, admin.clone(), open.clone()));
            }
            Err(e) => eprintln!("admin listener: {e}"),
        }
    }
    while !*stop.borrow() {
        if stop.changed().await.is_err() {
            break;
        }
    }
}

async fn accept_loop(listener: tokio::net::TcpListener, admin: Arc<Admin>, open: Rc<Cell<usize>>) {
    loop {
        let stream = match listener.accept().await {
            Ok((s, _)) => s,
            Err(e) => {
                eprintln!("admin accept error: {e}");
                tokio::time::sleep(Duration::from_millis(10)).await;
                continue;
            }
        };
        if open.get() >= MAX_CONNECTIONS {
            drop(stream);
            continue;
        }
        open.set(open.get() + 1);
        let admin = admin.clone();
        let open = open.clone();
        tokio::task::spawn_local(async move {
            serve(stream, &admin).await;
            open.set(open.get() - 1);
        });
    }
}

enum Head {
    Request(crate::admin::Request),
    Bad(Response),
    Gone,
}

async fn read_head(stream: &mut TcpStream) -> Head {
    let mut buf = Vec::with_capacity(1024);
    let mut chunk = [0u8; 1024];
    loop {
        match parse_head(&buf) {
            Ok(Some(req)) => return Head::Request(req),
            Ok(None) => {}
            Err(HeadError::TooLarge) => {
                return Head::Bad(Response::text(431, "request head too large\n"))
            }
            Err(HeadError::Malformed) => return Head::Bad(Response::text(400, "bad request\n")),
        }
        // Never buffer more than one byte past the limit: that is enough to refuse.
        let room = (MAX_HEAD + 1 - buf.len()).min(chunk.len());
        match stream.read(&mut chunk[..room]).await {
            Ok(0) | Err(_) => return Head::Gone,
            Ok(n) => buf.extend_from_slice(&chunk[..n]),
        }
    }
}

async fn serve(mut stream: TcpStream, admin: &Admin) {
    let (response, head_only) =
        match tokio::time::timeout(HEAD_TIMEOUT, read_head(&mut stream)).await {
            Err(_) => (Response::text(408, "request timeout\n"), false),
            Ok(Head::Gone) => return,
            Ok(Head::Bad(r)) => (r, false),
            Ok(Head::Request(req)) => (admin.handle(&req), req.method == "HEAD"),
        };
    let bytes = response.to_bytes(head_only);
    let _ = tokio::time::timeout(WRITE_TIMEOUT, async {
        stream.write_all(&bytes).await?;
        stream.shutdown().await
    })
    .await;
}
