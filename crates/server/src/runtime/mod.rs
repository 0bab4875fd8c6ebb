//! Everything that touches the async runtime lives under this module.
//!
//! ```text
//!   main ──start()──► shard thread 0: tokio current_thread ── listener (SO_REUSEPORT) ─► conns
//!                     shard thread 1: tokio current_thread ── listener (SO_REUSEPORT) ─► conns
//!                     ...                each also runs the active-expiry tick for its slots
//!                     admin thread:   tokio current_thread ── /metrics, /healthz, /readyz
//! ```
//! A connection stays on the thread whose listener accepted it and runs its commands there.
//! Threads share only `Server` (slot locks, registry, config) and a stop signal.

mod admin;
mod ahead;
mod busy_poll;
mod conn;
mod hooks;
mod listener;

use std::io;
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::Duration;

use shoal_commands::expire::{active_expire_cycle, ExpireCursor};
use shoal_commands::state::ShutdownMode;
use shoal_commands::Server;
use shoal_config::Param;
use tokio::sync::watch;

use crate::admin::{Admin, Readiness};

/// A running server: its bound port, shared state, and threads.
pub struct Running {
    pub port: u16,
    /// The admin HTTP port actually bound; `None` when `admin-port` is 0.
    pub admin_port: Option<u16>,
    pub server: Arc<Server>,
    pub readiness: Arc<Readiness>,
    stop: watch::Sender<bool>,
    threads: Vec<JoinHandle<()>>,
}

impl Running {
    /// Asks every shard thread to stop (as SIGTERM does).
    pub fn stop(&self) {
        let _ = self.stop.send(true);
    }

    /// Waits for every shard thread to finish.
    pub fn join(mut self) {
        for t in self.threads.drain(..) {
            let _ = t.join();
        }
    }

    /// A sender that stops the server when `true` is sent (signal handlers use it).
    pub fn stopper(&self) -> watch::Sender<bool> {
        self.stop.clone()
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.stop.send(true);
        for t in self.threads.drain(..) {
            let _ = t.join();
        }
    }
}

/// Binds the listeners and starts one thread per shard.
pub fn start(server: Arc<Server>) -> io::Result<Running> {
    let shards = server.shard_count();
    let cfg = &server.config;
    let binds = listener::bind_addresses(&cfg.get_string(Param::Bind));
    let port = cfg.get_i64(Param::Port) as u16;
    let backlog = cfg.get_i64(Param::TcpBacklog) as i32;
    let sets = listener::bind_all(&binds, port, shards, backlog)?;
    let admin_bound = admin::bind(cfg)?;
    let port = sets.port;
    server
        .tcp_port
        .store(port, std::sync::atomic::Ordering::Relaxed);
    let (stop_tx, stop_rx) = watch::channel(false);
    {
        let stop_tx = stop_tx.clone();
        *server.shutdown_hook.lock() = Some(Box::new(move |_mode: ShutdownMode| {
            let _ = stop_tx.send(true);
        }));
    }
    let readiness = Arc::new(Readiness::new(shards));
    let pulses = busy_poll::Pulses::new(shards);
    let pin = cfg.get_bool(Param::PinThreads);
    let mut threads = Vec::with_capacity(shards + 1);
    let admin_port = admin_bound.as_ref().map(|b| b.port);
    if let Some(bound) = admin_bound {
        let admin = Arc::new(Admin::new(server.clone(), readiness.clone()));
        threads.push(admin::spawn(bound, admin, stop_rx.clone())?);
    }
    for (index, listeners) in sets.per_shard.into_iter().enumerate() {
        let server = server.clone();
        let stop = stop_rx.clone();
        let readiness = readiness.clone();
        let pulses = pulses.clone();
        let t = std::thread::Builder::new()
            .name(format!("shoal-shard-{index}"))
            .spawn(move || {
                if pin {
                    pin_to_core(index);
                }
                let rt = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                    .expect("tokio runtime");
                rt.block_on(shard_main(
                    server, index, listeners, stop, &readiness, pulses,
                ));
            })?;
        threads.push(t);
    }
    Ok(Running {
        port,
        admin_port,
        server,
        readiness,
        stop: stop_tx,
        threads,
    })
}

async fn shard_main(
    server: Arc<Server>,
    index: usize,
    listeners: Vec<std::net::TcpListener>,
    mut stop: watch::Receiver<bool>,
    readiness: &Readiness,
    pulses: Arc<busy_poll::Pulses>,
) {
    let local = tokio::task::LocalSet::new();
    local
        .run_until(async move {
            for l in listeners {
                let l = match tokio::net::TcpListener::from_std(l) {
                    Ok(l) => l,
                    Err(e) => {
                        eprintln!("shard {index}: listener: {e}");
                        continue;
                    }
                };
                tokio::task::spawn_local(listener::accept_loop(
                    server.clone(),
                    index,
                    l,
                    stop.clone(),
                ));
            }
            tokio::task::spawn_local(expire_loop(server.clone(), index, stop.clone()));
            tokio::task::spawn_local(busy_poll::run(server.clone(), index, pulses));
            tokio::task::spawn_local(busy_poll::sample_load(server.clone(), index));
            if index == 0 {
                tokio::task::spawn_local(stats_sampler(server.clone(), stop.clone()));
            }
            let _up = ShardUp::new(readiness);
            while !*stop.borrow() {
                if stop.changed().await.is_err() {
                    break;
                }
            }
        })
        .await;
}

/// Counts a shard thread as accepting for `/readyz` while alive, also through a panic.
struct ShardUp<'a>(&'a Readiness);

impl<'a> ShardUp<'a> {
    fn new(r: &'a Readiness) -> Self {
        r.shard_up();
        ShardUp(r)
    }
}

impl Drop for ShardUp<'_> {
    fn drop(&mut self) {
        self.0.shard_down();
    }
}

async fn expire_loop(server: Arc<Server>, index: usize, mut stop: watch::Receiver<bool>) {
    let mut cursor = ExpireCursor::default();
    loop {
        let hz = server.config.get_i64(Param::Hz).clamp(1, 500) as u64;
        let tick = Duration::from_millis(1000 / hz);
        tokio::select! {
            _ = tokio::time::sleep(tick) => {}
            _ = stop.changed() => return,
        }
        if server.config.get_bool(Param::ActiveExpire) {
            active_expire_cycle(&server, index, &mut cursor, tick);
        }
    }
}

/// Feeds INFO's `instantaneous_*` figures every 100 ms, as Redis's serverCron does.
async fn stats_sampler(server: Arc<Server>, mut stop: watch::Receiver<bool>) {
    let period = Duration::from_millis(shoal_commands::server::info::SAMPLE_INTERVAL_MS);
    loop {
        tokio::select! {
            _ = tokio::time::sleep(period) => {}
            _ = stop.changed() => return,
        }
        shoal_commands::server::info::sample(&server);
    }
}

fn pin_to_core(index: usize) {
    let cores = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1);
    // SAFETY: cpu_set_t is plain data; sched_setaffinity reads it for the calling thread.
    unsafe {
        let mut set: libc::cpu_set_t = std::mem::zeroed();
        libc::CPU_SET(index % cores, &mut set);
        libc::sched_setaffinity(0, std::mem::size_of::<libc::cpu_set_t>(), &set);
    }
}

/// Blocks until SIGTERM, SIGINT or SHUTDOWN asks the server to stop, then signals the shards.
pub fn wait_for_stop(running: &Running) {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("signal runtime");
    let stop = running.stopper();
    let mut stopped = stop.subscribe();
    rt.block_on(async move {
        use tokio::signal::unix::{signal, SignalKind};
        let mut term = signal(SignalKind::terminate()).expect("SIGTERM handler");
        let mut int = signal(SignalKind::interrupt()).expect("SIGINT handler");
        tokio::select! {
            _ = term.recv() => {}
            _ = int.recv() => {}
            _ = async { while !*stopped.borrow_and_update() { if stopped.changed().await.is_err() { break; } } } => {}
        }
    });
    let _ = stop.send(true);
}
