//! Malformed requests: Redis's exact "-ERR Protocol error: ..." reply, then the server closes
//! that connection, and only that one.

use crate::support::{encode_str, show, Shoal};

/// Sends `request` on a fresh connection and checks that the server answers `reply` (all
/// replies it wrote) and then closes; a connection opened before and one opened after still
/// get answers (PONG, or NOAUTH when a password is set).
pub fn expect_close(shoal: &Shoal, request: &[u8], reply: &[u8]) {
    let mut bystander = shoal.conn();
    let pong = bystander.raw(&[b"PING"]);
    let mut c = shoal.conn();
    c.send(request);
    let (got, _how) = c.read_to_close();
    assert_eq!(
        got,
        reply,
        "request {}: got {} want {}",
        show(request),
        show(&got),
        show(reply)
    );
    assert_eq!(bystander.raw(&[b"PING"]), pong);
    assert_eq!(shoal.conn().raw(&[b"PING"]), pong);
}

fn err(text: &str) -> Vec<u8> {
    format!("-ERR Protocol error: {text}\r\n").into_bytes()
}

#[test]
fn invalid_multibulk_length() {
    let s = Shoal::start();
    let want = err("invalid multibulk length");
    for req in [
        &b"*abc\r\n"[..],
        b"*3000000000\r\n",
        b"*1x\r\n",
        b"*-\r\n",
        b"* 1\r\n",
    ] {
        expect_close(&s, req, &want);
    }
}

#[test]
fn invalid_bulk_length() {
    let s = Shoal::start();
    let want = err("invalid bulk length");
    for req in [
        &b"*1\r\n$abc\r\n"[..],
        b"*1\r\n$-1\r\n",
        b"*2\r\n$3\r\nGET\r\n$-5\r\n",
        b"*1\r\n$\r\n",
        // Above the default proto-max-bulk-len of 512 MB.
        b"*2\r\n$3\r\nGET\r\n$536870913\r\n",
        b"*1\r\n$99999999999999999999\r\n",
    ] {
        expect_close(&s, req, &want);
    }
}

#[test]
fn bulk_length_above_configured_proto_max_bulk_len() {
    let s = Shoal::with_args(&["--proto-max-bulk-len", "1mb"]);
    expect_close(
        &s,
        b"*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$1048577\r\n",
        &err("invalid bulk length"),
    );
    // Exactly the limit is accepted.
    let mut c = s.conn();
    let v = vec![b'v'; 1_048_576];
    assert_eq!(c.raw(&[b"SET", b"k", &v]), b"+OK\r\n");
}

#[test]
fn expected_dollar() {
    let s = Shoal::start();
    expect_close(&s, b"*1\r\nfoo\r\n", &err("expected '$', got 'f'"));
    expect_close(
        &s,
        b"*2\r\n$3\r\nGET\r\n:1\r\n",
        &err("expected '$', got ':'"),
    );
    // CR and LF are printed as spaces so the error stays one line.
    expect_close(&s, b"*1\r\n\r\n", &err("expected '$', got ' '"));
}

#[test]
fn expected_dollar_non_ascii_byte_is_sent_raw() {
    let s = Shoal::start();
    expect_close(
        &s,
        b"*1\r\n\xff\r\n",
        b"-ERR Protocol error: expected '$', got '\xff'\r\n",
    );
}

#[test]
fn unbalanced_quotes() {
    let s = Shoal::start();
    let want = err("unbalanced quotes in request");
    for req in [
        &b"SET \"a b\r\n"[..],
        b"SET 'a b\r\n",
        b"SET \"a\"b c\r\n",
        b"SET k 'v'x\r\n",
        b"GET \"\\\"\r\n",
    ] {
        expect_close(&s, req, &want);
    }
}

#[test]
fn too_big_inline_and_count_strings() {
    let s = Shoal::start();
    expect_close(
        &s,
        &vec![b'a'; 64 * 1024 + 1],
        &err("too big inline request"),
    );
    let mut count = b"*".to_vec();
    // Exactly one byte over the 64 KiB limit, so the server has read everything when it
    // closes (unread bytes would turn the close into a reset that can eat the reply).
    count.extend(vec![b'1'; 64 * 1024]);
    expect_close(&s, &count, &err("too big mbulk count string"));
    let mut bulk = b"*1\r\n$".to_vec();
    bulk.extend(vec![b'1'; 64 * 1024]);
    expect_close(&s, &bulk, &err("too big bulk count string"));
}

#[test]
fn commands_before_the_error_run_and_commands_after_do_not() {
    let s = Shoal::start();
    let mut req = encode_str(&["SET", "perr:before", "1"]);
    req.extend(b"PING\r\n");
    req.extend(b"*x\r\n");
    req.extend(encode_str(&["SET", "perr:after", "1"]));
    let mut want = b"+OK\r\n+PONG\r\n".to_vec();
    want.extend(err("invalid multibulk length"));
    expect_close(&s, &req, &want);
    let mut c = s.conn();
    assert_eq!(c.raw(&[b"GET", b"perr:before"]), b"$1\r\n1\r\n");
    assert_eq!(c.raw(&[b"GET", b"perr:after"]), b"$-1\r\n");
}

#[test]
fn error_in_a_frame_split_across_reads() {
    let s = Shoal::start();
    let mut bystander = s.conn();
    let mut c = s.conn();
    c.send(b"*2\r\n$3\r\nGET\r\n");
    std::thread::sleep(std::time::Duration::from_millis(20));
    c.send(b"$x\r\n");
    let (got, _) = c.read_to_close();
    assert_eq!(got, err("invalid bulk length"));
    assert_eq!(bystander.raw(&[b"PING"]), b"+PONG\r\n");
}
