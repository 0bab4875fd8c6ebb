//! `shoal-server [config-file] [--name value ...]`, like `redis-server`.

use std::sync::Arc;

#[global_allocator]
static GLOBAL: shoal_util::alloc::Counting<mimalloc::MiMalloc> =
    shoal_util::alloc::Counting(mimalloc::MiMalloc);

fn usage() -> String {
    let cmd = clap::Command::new("shoal-server")
        .version(env!("CARGO_PKG_VERSION"))
        .about("A Redis-compatible in-memory data store")
        .override_usage(
            "shoal-server [/path/to/shoal.conf] [--port 7777] [--shards 4] [--<parameter> <value> ...]\n       shoal-server -v | --version\n       shoal-server -h | --help",
        )
        .after_help(
            "Without a config file the embedded defaults apply (see config/shoal.conf).\nEvery parameter can be given as --name value; values after the file override it.",
        );
    cmd.clone().render_help().to_string()
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("-v") | Some("--version") => {
            println!(
                "shoal server v={} (Redis-compatible: redis_version={})",
                env!("CARGO_PKG_VERSION"),
                shoal_config::REDIS_VERSION
            );
            return;
        }
        Some("-h") | Some("--help") => {
            println!("{}", usage());
            return;
        }
        _ => {}
    }
    let config = match shoal_config::from_args(args) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    };
    let config = Arc::new(config);
    let running = match shoal_server::start(config) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("shoal: could not start: {e}");
            std::process::exit(1);
        }
    };
    eprintln!(
        "shoal {} ready to accept connections on port {} with {} shard threads (pid {})",
        env!("CARGO_PKG_VERSION"),
        running.port,
        running.server.shard_count(),
        std::process::id()
    );
    match running.admin_port {
        Some(p) => eprintln!("shoal admin endpoint (/metrics, /healthz, /readyz) on port {p}"),
        None => eprintln!("shoal admin endpoint disabled (admin-port 0)"),
    }
    shoal_server::runtime::wait_for_stop(&running);
    eprintln!("shoal: shutting down");
    running.join();
}
