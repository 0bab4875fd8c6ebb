//! One client connection: read, run every complete command in the buffer, write the replies
//! with one write per read batch.

use std::net::SocketAddr;
use std::os::fd::AsRawFd;
use std::sync::atomic::Ordering::Relaxed;
use std::sync::Arc;
use std::time::Duration;

use shoal_commands::blocking::{state, UNBLOCKED_ERROR};
use shoal_commands::dispatch::rerun;
use shoal_commands::state::unix_ms;
use shoal_commands::{execute, Client, ClientHandle, Flow, Server};
use shoal_config::Param;
use shoal_resp::{Args, Limits, Parsed, Proto, ReplyBuf, RequestParser};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::sync::watch;

use super::hooks::Hooks;

/// Buffers above this are given back after a batch, so idle connections stay small.
const KEEP_BUFFER: usize = 64 * 1024;
const READ_CHUNK: usize = 16 * 1024;

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
}

impl Conn {
    async fn run(&mut self) {
        let server = self.server.clone();
        let stats = &server.shards[self.shard];
        let mut inbuf: Vec<u8> = Vec::new();
        let mut out = ReplyBuf::new(Proto::Resp2);
        let mut parser = RequestParser::new();
        // After a blocked command is answered, the commands pipelined behind it are run
        // before reading again.
        let mut skip_read = false;
        let mut blocked_args: Option<Vec<Vec<u8>>> = None;
        loop {
            if inbuf.capacity() - inbuf.len() < READ_CHUNK / 4 {
                inbuf.reserve(READ_CHUNK);
            }
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
            let read = if std::mem::take(&mut skip_read) {
                Ok(inbuf.len())
            } else {
                tokio::select! {
                biased;
                _ = self.hooks.kill.notified() => return,
                _ = self.stop.changed() => return,
                Some(msg) = self.rx.recv() => {
                    if self.stream.write_all(&msg).await.is_err() {
                        return;
                    }
                    stats.net_output_bytes.add(msg.len() as u64);
                    continue;
                }
                r = self.stream.read_buf(&mut inbuf) => r,
                _ = sleep_or_never(idle_limit) => return,
                }
            };
            let n = match read {
                Ok(0) | Err(_) => return,
                Ok(n) => n,
            };
            if blocked_args.is_none() {
                stats.net_input_bytes.add(n as u64);
                stats.reads_processed.inc();
            }
            blocked_args = None;
            let qbuf_limit = server.config.get_i64(Param::ClientQueryBufferLimit).max(1) as usize;
            let limits = Limits {
                max_bulk_len: server.config.get_i64(Param::ProtoMaxBulkLen) as u64,
                max_multibulk_len: i32::MAX as u64,
                authenticated: self.client.authenticated,
            };
            let mut pos = 0;
            let mut close = false;
            while pos < inbuf.len() {
                match parser.parse(&inbuf[pos..], &limits) {
                    Ok(Parsed::Incomplete) => break,
                    Ok(Parsed::Empty { consumed }) => pos += consumed,
                    Ok(Parsed::Command { consumed }) => {
                        let args = parser.args(&inbuf[pos..]);
                        let flow =
                            execute(&server, &mut self.client, stats, &mut out, &args, unix_ms());
                        if flow == Flow::Block {
                            blocked_args = Some(args.to_vec());
                        }
                        pos += consumed;
                        if flow == Flow::Close {
                            close = true;
                            break;
                        }
                        if flow == Flow::Block {
                            break;
                        }
                    }
                    Err(e) => {
                        out.error(&e.error_text());
                        stats.count_error("ERR");
                        close = true;
                        break;
                    }
                }
            }
            inbuf.drain(..pos);
            let now = unix_ms();
            self.client.handle.last_active_ms.store(now, Relaxed);
            self.client.handle.qbuf.store(inbuf.len() as u64, Relaxed);
            if inbuf.len() > qbuf_limit {
                // Redis closes such a client without a reply.
                stats.client_query_buffer_limit_disconnections.inc();
                return;
            }
            if !out.buf.is_empty() {
                if self.stream.write_all(&out.buf).await.is_err() {
                    return;
                }
                stats.net_output_bytes.add(out.buf.len() as u64);
                stats.writes_processed.inc();
                out.buf.clear();
                if out.buf.capacity() > KEEP_BUFFER {
                    out.buf = Vec::new();
                }
            }
            if inbuf.is_empty() && inbuf.capacity() > KEEP_BUFFER {
                inbuf = Vec::new();
            }
            if close || self.client.handle.killed.load(Relaxed) {
                let _ = self.stream.shutdown().await;
                return;
            }
            if let Some(args) = &blocked_args {
                if !self.wait_blocked(args, &mut inbuf, &mut out).await {
                    return;
                }
                if self.stream.write_all(&out.buf).await.is_err() {
                    return;
                }
                stats.net_output_bytes.add(out.buf.len() as u64);
                stats.writes_processed.inc();
                out.buf.clear();
                skip_read = !inbuf.is_empty();
                if !skip_read {
                    blocked_args = None;
                }
            }
        }
    }

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
                    if self.stream.write_all(&msg).await.is_err() {
                        return false;
                    }
                    stats.net_output_bytes.add(msg.len() as u64);
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
}

async fn sleep_or_never(d: Option<Duration>) {
    match d {
        Some(d) => tokio::time::sleep(d).await,
        None => std::future::pending().await,
    }
}
