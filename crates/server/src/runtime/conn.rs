//! One client connection: read, run every complete command in the buffer, write the replies
//! with one write per read batch.

use std::net::SocketAddr;
use std::os::fd::AsRawFd;
use std::sync::atomic::Ordering::Relaxed;
use std::sync::Arc;
use std::time::Duration;

use shoal_commands::blocking::{state, UNBLOCKED_ERROR};
use shoal_commands::dispatch::{execute_planned, rerun};
use shoal_commands::state::unix_ms;
use shoal_commands::{execute, Client, ClientHandle, Flow, Server};
use shoal_config::Param;
use shoal_resp::{Args, Limits, Parsed, Proto, ReplyBuf, RequestParser};

use super::ahead::Ahead;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::sync::watch;

use super::hooks::Hooks;

/// Buffers above this are given back after a batch, so idle connections stay small.
const KEEP_BUFFER: usize = 64 * 1024;
const READ_CHUNK: usize = 16 * 1024;
/// How many pipelined commands have their keys warmed at a time (see `warm`).
const WARM_AHEAD: usize = 16;

thread_local! {
    /// Each shard thread's read buffer, shared by its connections (one runs at a time).
    static SCRATCH: std::cell::RefCell<Vec<u8>> = std::cell::RefCell::new(vec![0; 64 * 1024]);
}

pub async fn serve(
    server: Arc<Server>,
    shard: usize,
    stream: TcpStream,
    peer: SocketAddr,
    stop: watch::Receiver<bool>,
) {
    let id = server.new_client_id();
    let (hooks, rx) = Hooks::new();
    let hooks = Arc::new(hooks);
    let laddr = stream
        .local_addr()
        .map(|a| a.to_string())
        .unwrap_or_default();
    let handle = Arc::new(ClientHandle::new(
        id,
        peer.to_string(),
        laddr,
        stream.as_raw_fd(),
        shard,
        unix_ms(),
        hooks.clone(),
    ));
    server.clients.insert(id, handle.clone());
    server.connected_clients.fetch_add(1, Relaxed);
    let authenticated = server.config.get_string(Param::Requirepass).is_empty();
    let client = Client::new(handle.clone(), authenticated);
    let mut conn = Conn {
        server: server.clone(),
        shard,
        stream,
        client,
        hooks,
        rx,
        stop,
        ahead: Ahead::new(),
    };
    conn.run().await;
    shoal_commands::blocking::leave(&server, &mut conn.client);
    shoal_commands::transactions::unwatch_all(&mut &server.keyspace, &mut conn.client);
    server.clients.remove(&id);
    server.connected_clients.fetch_sub(1, Relaxed);
    if handle.has_flag(shoal_commands::client::flag::MONITOR) {
        let mut m = server.monitors.lock();
        m.retain(|c| c.id != id);
        server.monitor_count.store(m.len(), Relaxed);
    }
}

struct Conn {
    server: Arc<Server>,
    shard: usize,
    stream: TcpStream,
    client: Client,
    hooks: Arc<Hooks>,
    rx: tokio::sync::mpsc::UnboundedReceiver<Vec<u8>>,
    stop: watch::Receiver<bool>,
    /// Commands parsed ahead of the ones being run, to warm their keys; running them reuses
    /// that parse.
    ahead: Ahead,
}

impl Conn {
    async fn run(&mut self) {
        let server = self.server.clone();
        let stats = &server.shards[self.shard];
        let mut pending: Vec<u8> = Vec::new();
        let mut out = ReplyBuf::new(Proto::Resp2);
        let mut parser = RequestParser::new();
        // Set after a blocking command was answered: what was read meanwhile runs first.
        let mut run_pending = false;
        loop {
            let timeout = server.config.get_i64(Param::Timeout);
            let idle_limit = if timeout > 0
                && !self
                    .client
                    .handle
                    .has_flag(shoal_commands::client::flag::MONITOR)
            {
                Some(Duration::from_secs(timeout as u64))
            } else {
                None
            };
            let limits = Limits {
                max_bulk_len: server.config.get_i64(Param::ProtoMaxBulkLen) as u64,
                max_multibulk_len: i32::MAX as u64,
                authenticated: self.client.authenticated,
            };
            let batch = if std::mem::take(&mut run_pending) {
                // Commands pipelined behind an answered blocking command run before reading.
                let step = self.process(&pending, &mut parser, &mut out, &limits);
                pending.drain(..step.used);
                Batch::Read { step }
            } else {
                let ready = tokio::select! {
                    biased;
                    _ = self.hooks.kill.notified() => return,
                    _ = self.stop.changed() => return,
                    Some(msg) = self.rx.recv() => {
                        if !send(&mut self.stream, stats, &msg, false).await {
                            return;
                        }
                        continue;
                    }
                    r = self.stream.readable() => r,
                    _ = sleep_or_never(idle_limit) => return,
                };
                if ready.is_err() {
                    return;
                }
                self.read_and_process(&mut pending, &mut parser, &mut out, &limits)
            };
            let step = match batch {
                Batch::Closed => return,
                Batch::Again => continue,
                Batch::Read { step } => step,
            };
            let close = step.close;
            let qbuf_limit = server.config.get_i64(Param::ClientQueryBufferLimit).max(1) as usize;
            let now = unix_ms();
            self.client.handle.last_active_ms.store(now, Relaxed);
            self.client.handle.qbuf.store(pending.len() as u64, Relaxed);
            if pending.len() > qbuf_limit {
                // Redis closes such a client without a reply.
                stats.client_query_buffer_limit_disconnections.inc();
                return;
            }
            if !out.buf.is_empty() {
                if !send(&mut self.stream, stats, &out.buf, true).await {
                    return;
                }
                out.buf.clear();
                if out.buf.capacity() > KEEP_BUFFER {
                    out.buf = Vec::new();
                }
            }
            if pending.is_empty() && pending.capacity() > 0 {
                pending = Vec::new();
            }
            if close || self.client.handle.killed.load(Relaxed) {
                let _ = self.stream.shutdown().await;
                return;
            }
            if let Some(args) = step.blocked {
                if !self.wait_blocked(&args, &mut pending, &mut out).await {
                    return;
                }
                if !send(&mut self.stream, stats, &out.buf, true).await {
                    return;
                }
                out.buf.clear();
                run_pending = !pending.is_empty();
            }
        }
    }

    /// A short read emptied the socket: drop the cached readiness now, so the next wait goes
    /// straight to the poller instead of first paying a read that returns EAGAIN. Tokio only
    /// clears the readiness it observed, so data arriving later still wakes the task.
    fn drained(&self) {
        let _ = self.stream.try_io(tokio::io::Interest::READABLE, || {
            Err::<(), _>(std::io::ErrorKind::WouldBlock.into())
        });
    }

    /// Input is counted when read, before its commands run (INFO sees its own request).
    fn count_read(&self, n: usize) {
        super::busy_poll::on_read();
        let stats = &self.server.shards[self.shard];
        stats.net_input_bytes.add(n as u64);
        stats.reads_processed.inc();
    }

    /// Reads what the socket has and runs the complete commands in it. With nothing pending
    /// the read goes into the thread's scratch buffer, so a connection keeps no read buffer
    /// of its own between requests; only an unfinished frame is copied into `pending`.
    fn read_and_process(
        &mut self,
        pending: &mut Vec<u8>,
        parser: &mut RequestParser,
        out: &mut ReplyBuf,
        limits: &Limits,
    ) -> Batch {
        let would_block = |e: &std::io::Error| e.kind() == std::io::ErrorKind::WouldBlock;
        if pending.is_empty() {
            return SCRATCH.with(|cell| {
                let mut scratch = cell.borrow_mut();
                match self.stream.try_read(&mut scratch[..]) {
                    Ok(0) => Batch::Closed,
                    Ok(n) => {
                        self.count_read(n);
                        if n < scratch.len() {
                            self.drained();
                        }
                        let step = self.process(&scratch[..n], parser, out, limits);
                        pending.extend_from_slice(&scratch[step.used..n]);
                        Batch::Read { step }
                    }
                    Err(e) if would_block(&e) => Batch::Again,
                    Err(_) => Batch::Closed,
                }
            });
        }
        if pending.capacity() - pending.len() < READ_CHUNK / 4 {
            pending.reserve(READ_CHUNK);
        }
        match self.stream.try_read_buf(pending) {
            Ok(0) => Batch::Closed,
            Ok(n) => {
                self.count_read(n);
                let step = self.process(pending, parser, out, limits);
                pending.drain(..step.used);
                Batch::Read { step }
            }
            Err(e) if would_block(&e) => Batch::Again,
            Err(_) => Batch::Closed,
        }
    }
}

/// Writes `bytes` to the client; false when the connection is gone. Counted before the
/// write: once the client has its reply it may ask INFO on another connection, and the bytes
/// it received must be in the figure.
async fn send(
    stream: &mut TcpStream,
    stats: &shoal_commands::stats::ShardStats,
    bytes: &[u8],
    batch: bool,
) -> bool {
    stats.net_output_bytes.add(bytes.len() as u64);
    if batch {
        stats.writes_processed.inc();
    }
    stream.write_all(bytes).await.is_ok()
}

enum Batch {
    Read { step: Step },
    Again,
    Closed,
}

/// What running the commands of one buffer did.
struct Step {
    used: usize,
    close: bool,
    /// The arguments of a command that blocked (the commands after it wait for its reply).
    blocked: Option<Vec<Vec<u8>>>,
}

impl Conn {
    /// Waits while the client is blocked: a wake-up re-runs `args`, the deadline or CLIENT
    /// UNBLOCK answers without data. The reply is left in `out`; false when the connection
    /// must close (disconnect, kill, shutdown). Input read meanwhile stays in `inbuf`.
    async fn wait_blocked(
        &mut self,
        args: &[Vec<u8>],
        inbuf: &mut Vec<u8>,
        out: &mut ReplyBuf,
    ) -> bool {
        let server = self.server.clone();
        let stats = &server.shards[self.shard];
        let slices: Vec<&[u8]> = args.iter().map(Vec::as_slice).collect();
        let args = Args::from_slices(&slices);
        loop {
            let deadline = self.client.parked.as_ref().and_then(|p| p.deadline_ms);
            let left = deadline.map(|d| Duration::from_millis(d.saturating_sub(unix_ms())));
            if inbuf.capacity() - inbuf.len() < READ_CHUNK / 4 {
                inbuf.reserve(READ_CHUNK);
            }
            let woken = tokio::select! {
                biased;
                _ = self.hooks.kill.notified() => return false,
                _ = self.stop.changed() => return false,
                _ = self.hooks.wake.notified() => true,
                _ = sleep_or_never(left) => false,
                Some(msg) = self.rx.recv() => {
                    if !send(&mut self.stream, stats, &msg, false).await {
                        return false;
                    }
                    continue;
                }
                r = self.stream.read_buf(inbuf) => match r {
                    Ok(0) | Err(_) => return false,
                    Ok(n) => {
                        stats.net_input_bytes.add(n as u64);
                        stats.reads_processed.inc();
                        let limit = server.config.get_i64(Param::ClientQueryBufferLimit).max(1);
                        if inbuf.len() > limit as usize {
                            stats.client_query_buffer_limit_disconnections.inc();
                            return false;
                        }
                        continue;
                    }
                },
            };
            let unblock = self.client.handle.block_state.load(Relaxed);
            if !woken || unblock == state::UNBLOCK_TIMEOUT {
                shoal_commands::blocking::leave(&server, &mut self.client);
                out.null_array();
                return true;
            }
            if unblock == state::UNBLOCK_ERROR {
                shoal_commands::blocking::leave(&server, &mut self.client);
                out.error(UNBLOCKED_ERROR.as_bytes());
                stats.count_error("UNBLOCKED");
                return true;
            }
            let flow = rerun(&server, &mut self.client, stats, out, &args, unix_ms());
            if flow != Flow::Block {
                return true;
            }
        }
    }

    /// Runs every complete command in `data`; returns the bytes consumed and whether the
    /// connection must close after the replies are written.
    fn process(
        &mut self,
        data: &[u8],
        parser: &mut RequestParser,
        out: &mut ReplyBuf,
        limits: &Limits,
    ) -> Step {
        let server = &*self.server;
        let stats = &server.shards[self.shard];
        // One clock read per batch: the commands of a pipeline run within microseconds.
        let now = unix_ms();
        let mut pos = 0;
        // Bytes whose commands are already warmed; the first command of a read runs cold, so
        // a connection that sends one command at a time never pays for looking ahead.
        let mut warmed = 0;
        // Offsets kept from an earlier buffer mean nothing in this one.
        self.ahead.clear();
        while pos < data.len() {
            if pos > 0 && pos >= warmed {
                warmed = warm(&mut self.ahead, server, self.client.db, data, pos, limits);
            }
            let (flow, args) = if let Some(cmd) = self.ahead.take(pos) {
                let args = Args::from_spans(&data[pos..], self.ahead.spans(&cmd));
                let flow =
                    execute_planned(server, &mut self.client, stats, out, &args, now, cmd.plan);
                pos = cmd.end;
                (flow, args)
            } else {
                match parser.parse(&data[pos..], limits) {
                    Ok(Parsed::Incomplete) => break,
                    Ok(Parsed::Empty { consumed }) => {
                        pos += consumed;
                        continue;
                    }
                    Ok(Parsed::Command { consumed }) => {
                        let args = parser.args(&data[pos..]);
                        let flow = execute(server, &mut self.client, stats, out, &args, now);
                        pos += consumed;
                        (flow, args)
                    }
                    Err(e) => {
                        out.error(&e.error_text());
                        stats.count_error("ERR");
                        return Step {
                            used: pos,
                            close: true,
                            blocked: None,
                        };
                    }
                }
            };
            match flow {
                Flow::Close => {
                    return Step {
                        used: pos,
                        close: true,
                        blocked: None,
                    }
                }
                Flow::Block => {
                    return Step {
                        used: pos,
                        close: false,
                        blocked: Some(args.to_vec()),
                    };
                }
                Flow::Continue => {}
            }
        }
        Step {
            used: pos,
            close: false,
            blocked: None,
        }
    }
}

/// Parses the next complete commands in `data` from `from` on into `ahead`, and starts loading
/// the keys of `WARM_AHEAD` of them into the cache, all slot lines first and then the table
/// probes, so their misses overlap (see `shoal_store::prefetch`). Returns where it stopped.
fn warm(
    ahead: &mut Ahead,
    server: &Server,
    db: usize,
    data: &[u8],
    from: usize,
    limits: &Limits,
) -> usize {
    let end = ahead.scan(data, from, limits, WARM_AHEAD);
    for (slot, _) in ahead.targets() {
        server.keyspace.prefetch_slot(slot);
    }
    for (slot, hash) in ahead.targets() {
        server.keyspace.prefetch_key(slot, db, hash);
    }
    end
}

async fn sleep_or_never(d: Option<Duration>) {
    match d {
        Some(d) => tokio::time::sleep(d).await,
        None => std::future::pending().await,
    }
}
