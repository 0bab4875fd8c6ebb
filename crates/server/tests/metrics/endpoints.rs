//! The admin listener's HTTP behaviour: probes, routing, limits, slow clients, lifecycle.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::sync::atomic::Ordering::Relaxed;
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::support::{self, http, raw_http, try_http, Resp};

#[test]
fn probes_answer_and_unknown_routes_are_404() {
    let s = support::start();
    let port = s.admin_port.unwrap();
    assert_eq!(http(port, "/healthz"), (200, "ok\n".into()));
    assert_eq!(http(port, "/readyz"), (200, "ready\n".into()));
    for path in ["/", "/metrics/", "/nope", "/healthz/x", "/METRICS"] {
        assert_eq!(http(port, path), (404, "not found\n".into()), "{path}");
    }
    for method in ["POST", "PUT", "DELETE", "OPTIONS"] {
        let (status, _) = try_http(port, method, "/metrics").unwrap();
        assert_eq!(status, 404, "{method}");
    }
    let (status, body) = http(port, "/metrics?name[]=redis_up");
    assert_eq!(status, 200);
    assert!(body.contains("\nredis_up 1\n"), "{body}");
    // HEAD: the same headers, no body.
    assert_eq!(
        try_http(port, "HEAD", "/metrics").unwrap(),
        (200, String::new())
    );
}

#[test]
fn metrics_is_prometheus_text_format() {
    let s = support::start();
    let mut c = TcpStream::connect(("127.0.0.1", s.admin_port.unwrap())).unwrap();
    c.write_all(b"GET /metrics HTTP/1.0\r\n\r\n").unwrap();
    let mut resp = String::new();
    c.read_to_string(&mut resp).unwrap();
    let (head, body) = resp.split_once("\r\n\r\n").unwrap();
    assert!(head.starts_with("HTTP/1.1 200 OK\r\n"), "{head}");
    assert!(
        head.contains("\r\nContent-Type: text/plain; version=0.0.4; charset=utf-8\r\n"),
        "{head}"
    );
    assert!(
        head.contains(&format!("\r\nContent-Length: {}\r\n", body.len())),
        "{head}"
    );
    assert!(head.contains("\r\nConnection: close"), "{head}");
    assert!(body.contains("# HELP redis_up "), "{body}");
    assert!(body.contains("# TYPE redis_commands_processed_total counter\n"));
    assert!(body.contains("# TYPE shoal_shard_keys gauge\n"));
}

#[test]
fn readiness_follows_loading_while_liveness_stays() {
    let s = support::start();
    let port = s.admin_port.unwrap();
    s.server.loading.store(true, Relaxed);
    assert_eq!(http(port, "/readyz"), (503, "loading the dataset\n".into()));
    assert_eq!(http(port, "/healthz"), (200, "ok\n".into()));
    let m = support::scrape(&s);
    assert_eq!(m.get("shoal_ready", &[]), 0.0);
    assert_eq!(m.get("redis_loading_dump_file", &[]), 1.0);
    // The client port answers -LOADING meanwhile: alive, not ready.
    let mut c = Resp::connect(s.port);
    assert_eq!(
        c.cmd(&["GET", "k"]),
        support::Reply::Error("LOADING Redis is loading the dataset in memory".into())
    );
    s.server.loading.store(false, Relaxed);
    assert_eq!(http(port, "/readyz"), (200, "ready\n".into()));
    assert_eq!(support::scrape(&s).get("shoal_ready", &[]), 1.0);
}

#[test]
fn malformed_and_oversized_requests_are_refused() {
    let s = support::start();
    let port = s.admin_port.unwrap();
    for req in [
        &b"garbage\r\n\r\n"[..],
        b"GET /metrics HTTP/9.9\r\n\r\n",
        b"GET metrics HTTP/1.1\r\n\r\n",
        b"GET /metrics HTTP/1.1\r\nbroken header\r\n\r\n",
    ] {
        assert_eq!(
            raw_http(port, req).unwrap(),
            (400, "bad request\n".into()),
            "{req:?}"
        );
    }
    let mut big = b"GET /metrics HTTP/1.1\r\nX-Pad: ".to_vec();
    big.resize(20_000, b'a');
    big.extend_from_slice(b"\r\n\r\n");
    // The server answers as soon as the limit is passed and closes; it may reset the
    // connection while the rest is still being sent, so accept either outcome but never a 200.
    match raw_http(port, &big) {
        Ok((status, _)) => assert_eq!(status, 431),
        Err(e) => assert!(
            matches!(
                e.kind(),
                std::io::ErrorKind::ConnectionReset | std::io::ErrorKind::BrokenPipe
            ),
            "{e}"
        ),
    }
    // Still serving.
    assert_eq!(http(port, "/healthz").0, 200);
}

#[test]
fn a_slow_client_neither_stalls_the_admin_port_nor_the_server() {
    let s = support::start();
    let port = s.admin_port.unwrap();
    let mut slow = TcpStream::connect(("127.0.0.1", port)).unwrap();
    slow.write_all(b"GET /metr").unwrap();
    let t0 = Instant::now();
    // Other admin clients and the data port go on meanwhile.
    assert_eq!(http(port, "/healthz").0, 200);
    assert_eq!(support::scrape(&s).get("redis_up", &[]), 1.0);
    let mut c = Resp::connect(s.port);
    assert_eq!(c.cmd(&["PING"]), support::Reply::Simple("PONG".into()));
    assert!(t0.elapsed() < Duration::from_secs(4), "{:?}", t0.elapsed());
    // The slow one is answered 408 and closed once the head timeout (5 s) passes.
    slow.set_read_timeout(Some(Duration::from_secs(15)))
        .unwrap();
    let mut resp = Vec::new();
    slow.read_to_end(&mut resp).unwrap();
    let waited = t0.elapsed();
    assert!(
        waited >= Duration::from_secs(4) && waited < Duration::from_secs(12),
        "{waited:?}"
    );
    assert_eq!(
        support::parse_response(&resp).unwrap(),
        (408, "request timeout\n".into())
    );
}

#[test]
fn connections_beyond_the_limit_are_closed_at_once() {
    let s = support::start();
    let port = s.admin_port.unwrap();
    let held: Vec<TcpStream> = (0..64)
        .map(|_| TcpStream::connect(("127.0.0.1", port)).unwrap())
        .collect();
    // Give the admin thread time to accept all of them.
    std::thread::sleep(Duration::from_millis(300));
    let mut extra = TcpStream::connect(("127.0.0.1", port)).unwrap();
    extra
        .set_read_timeout(Some(Duration::from_secs(3)))
        .unwrap();
    let _ = extra.write_all(b"GET /healthz HTTP/1.1\r\n\r\n");
    let mut buf = Vec::new();
    let _ = extra.read_to_end(&mut buf);
    assert!(buf.is_empty(), "{}", String::from_utf8_lossy(&buf));
    drop(held);
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        if let Ok((200, _)) = try_http(port, "GET", "/healthz") {
            break;
        }
        assert!(Instant::now() < deadline, "admin port did not recover");
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn stopping_the_server_stops_the_admin_listener() {
    let s = support::start();
    let port = s.admin_port.unwrap();
    assert_eq!(http(port, "/healthz").0, 200);
    s.stop();
    s.join();
    assert!(TcpStream::connect(("127.0.0.1", port)).is_err());
}

#[test]
fn admin_port_zero_disables_the_listener() {
    let args = [
        "--port",
        "0",
        "--bind",
        "127.0.0.1",
        "--shards",
        "2",
        "--admin-port",
        "0",
    ];
    let config = shoal_config::from_args(args.iter().map(|s| s.to_string())).unwrap();
    let r = shoal_server::start(Arc::new(config)).unwrap();
    assert_eq!(r.admin_port, None);
}

#[test]
fn an_admin_port_in_use_fails_start_up() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let args = [
        "--port",
        "0",
        "--bind",
        "127.0.0.1",
        "--shards",
        "2",
        "--admin-bind",
        "127.0.0.1",
        "--admin-port",
        &port,
    ];
    let config = shoal_config::from_args(args.iter().map(|s| s.to_string())).unwrap();
    let err = shoal_server::start(Arc::new(config))
        .err()
        .expect("start fails");
    assert!(err.to_string().contains("admin port"), "{err}");
}
