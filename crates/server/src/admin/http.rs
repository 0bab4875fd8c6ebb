//! Just enough HTTP/1.x for probes and scrapers: the request head is parsed from a bounded
//! buffer, bodies are never read, and every response closes the connection.

/// Largest request head accepted (request line and headers); past it the answer is 431.
pub const MAX_HEAD: usize = 8 * 1024;

#[derive(Debug, PartialEq, Eq)]
pub struct Request {
    pub method: String,
    /// The target without its query string.
    pub path: String,
}

#[derive(Debug, PartialEq, Eq)]
pub enum HeadError {
    TooLarge,
    Malformed,
}

/// Parses the head at the start of `buf`: `Ok(None)` until the blank line that ends it has
/// arrived.
pub fn parse_head(buf: &[u8]) -> Result<Option<Request>, HeadError> {
    let Some(end) = find_end(buf) else {
        return if buf.len() > MAX_HEAD {
            Err(HeadError::TooLarge)
        } else {
            Ok(None)
        };
    };
    if end > MAX_HEAD {
        return Err(HeadError::TooLarge);
    }
    let head = std::str::from_utf8(&buf[..end]).map_err(|_| HeadError::Malformed)?;
    let mut lines = head.split('\n').map(|l| l.strip_suffix('\r').unwrap_or(l));
    let request_line = lines.next().ok_or(HeadError::Malformed)?;
    let mut parts = request_line.split(' ');
    let (Some(method), Some(target), Some(version), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(HeadError::Malformed);
    };
    let token = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphabetic());
    if !token(method) || !target.starts_with('/') || !matches!(version, "HTTP/1.0" | "HTTP/1.1") {
        return Err(HeadError::Malformed);
    }
    for line in lines.filter(|l| !l.is_empty()) {
        match line.split_once(':') {
            Some((name, _)) if !name.is_empty() && !name.contains([' ', '\t']) => {}
            _ => return Err(HeadError::Malformed),
        }
    }
    let path = target.split(['?', '#']).next().unwrap_or(target);
    Ok(Some(Request {
        method: method.to_string(),
        path: path.to_string(),
    }))
}

/// Length of the head including its terminating blank line (CRLF CRLF, or bare LF LF).
fn find_end(buf: &[u8]) -> Option<usize> {
    let crlf = position_of(buf, b"\r\n\r\n").map(|i| i + 4);
    let lf = position_of(buf, b"\n\n").map(|i| i + 2);
    match (crlf, lf) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

fn position_of(buf: &[u8], needle: &[u8]) -> Option<usize> {
    buf.windows(needle.len()).position(|w| w == needle)
}

#[derive(Debug)]
pub struct Response {
    pub status: u16,
    pub content_type: &'static str,
    pub body: Vec<u8>,
}

impl Response {
    pub fn text(status: u16, body: &str) -> Response {
        Response {
            status,
            content_type: "text/plain; charset=utf-8",
            body: body.as_bytes().to_vec(),
        }
    }

    fn reason(&self) -> &'static str {
        match self.status {
            200 => "OK",
            400 => "Bad Request",
            404 => "Not Found",
            408 => "Request Timeout",
            431 => "Request Header Fields Too Large",
            500 => "Internal Server Error",
            503 => "Service Unavailable",
            _ => "",
        }
    }

    /// Status line, headers and (unless `head_only`) the body.
    pub fn to_bytes(&self, head_only: bool) -> Vec<u8> {
        let mut out = format!(
            "HTTP/1.1 {} {}\r\nContent-Type: {}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n",
            self.status,
            self.reason(),
            self.content_type,
            self.body.len()
        )
        .into_bytes();
        if !head_only {
            out.extend_from_slice(&self.body);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn req(method: &str, path: &str) -> Request {
        Request {
            method: method.into(),
            path: path.into(),
        }
    }

    #[test]
    fn parses_a_complete_head() {
        let h = b"GET /metrics?x=1 HTTP/1.1\r\nHost: a\r\nAccept: */*\r\n\r\n";
        assert_eq!(parse_head(h), Ok(Some(req("GET", "/metrics"))));
        assert_eq!(
            parse_head(b"HEAD /healthz HTTP/1.0\n\n"),
            Ok(Some(req("HEAD", "/healthz")))
        );
    }

    #[test]
    fn waits_for_the_blank_line() {
        let h = b"GET /metrics HTTP/1.1\r\nHost: a\r\n\r\n";
        for cut in 0..h.len() - 1 {
            assert_eq!(parse_head(&h[..cut]), Ok(None), "cut at {cut}");
        }
    }

    #[test]
    fn rejects_malformed_heads() {
        for h in [
            &b"GET /metrics\r\n\r\n"[..],
            b"GET metrics HTTP/1.1\r\n\r\n",
            b"GET /metrics HTTP/2\r\n\r\n",
            b"GET  /metrics HTTP/1.1\r\n\r\n",
            b"G3T /metrics HTTP/1.1\r\n\r\n",
            b"GET /metrics HTTP/1.1\r\nno colon here\r\n\r\n",
            b"GET /metrics HTTP/1.1\r\nbad name: x\r\n\r\n",
            b"\xff\xfe /x HTTP/1.1\r\n\r\n",
            b"\r\n\r\n",
        ] {
            assert_eq!(parse_head(h), Err(HeadError::Malformed), "{h:?}");
        }
    }

    #[test]
    fn limits_the_head_size() {
        let mut h = b"GET /metrics HTTP/1.1\r\nX-Pad: ".to_vec();
        h.resize(MAX_HEAD + 1, b'a');
        assert_eq!(parse_head(&h), Err(HeadError::TooLarge));
        h.extend_from_slice(b"\r\n\r\n");
        assert_eq!(parse_head(&h), Err(HeadError::TooLarge));
    }

    #[test]
    fn responses_close_and_state_their_length() {
        let r = Response::text(404, "not found\n");
        assert_eq!(
            r.to_bytes(false),
            b"HTTP/1.1 404 Not Found\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: 10\r\nCache-Control: no-store\r\nConnection: close\r\n\r\nnot found\n"
        );
        assert!(r.to_bytes(true).ends_with(b"\r\n\r\n"));
    }
}
