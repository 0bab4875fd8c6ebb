//! Random bytes, delivered in random chunk sizes under random limits: the
//! parser must not panic, and must report exactly the frames (and the error)
//! that a one-shot parse of the same bytes reports.
#![no_main]

use libfuzzer_sys::fuzz_target;
use shoal_resp::{Limits, Parsed, ProtocolError, RequestParser};

#[derive(Debug, PartialEq)]
enum Frame {
    Empty(usize),
    Command(usize, Vec<Vec<u8>>),
    Error(ProtocolError),
}

/// Parses `input` with the buffer growing by `chunks` (cycled) at a time;
/// stops at the first error or when the data runs out.
fn run(input: &[u8], chunks: &[u8], limits: &Limits) -> Vec<Frame> {
    let mut p = RequestParser::new();
    let mut frames = Vec::new();
    let mut sizes = chunks.iter().map(|&c| usize::from(c) + 1).cycle();
    let (mut start, mut end) = (0, 0);
    loop {
        let frame = &input[start..end];
        match p.parse(frame, limits) {
            Ok(Parsed::Incomplete) => {
                if end == input.len() {
                    return frames;
                }
                end = (end + sizes.next().unwrap()).min(input.len());
            }
            Ok(Parsed::Empty { consumed }) => {
                assert!(consumed > 0 && consumed <= frame.len());
                frames.push(Frame::Empty(consumed));
                start += consumed;
            }
            Ok(Parsed::Command { consumed }) => {
                assert!(consumed > 0 && consumed <= frame.len());
                let args = p.args(frame);
                assert!(!args.is_empty());
                frames.push(Frame::Command(consumed, args.to_vec()));
                start += consumed;
            }
            Err(e) => {
                assert!(!e.message().is_empty());
                frames.push(Frame::Error(e));
                return frames;
            }
        }
    }
}

fuzz_target!(|data: &[u8]| {
    // Header: limit flags, chunk-size count, chunk sizes; the rest is input.
    let Some((&flags, rest)) = data.split_first() else {
        return;
    };
    let Some((&n, rest)) = rest.split_first() else {
        return;
    };
    let n = usize::from(n % 8) + 1;
    if rest.len() < n {
        return;
    }
    let (chunks, input) = rest.split_at(n);
    let limits = Limits {
        max_bulk_len: if flags & 1 != 0 {
            64
        } else {
            512 * 1024 * 1024
        },
        max_multibulk_len: if flags & 2 != 0 { 8 } else { i32::MAX as u64 },
        authenticated: flags & 4 == 0,
    };
    let whole = run(input, &[u8::MAX], &limits);
    let oneshot = {
        // The whole input at once, no growth at all.
        let mut p = RequestParser::new();
        let mut frames = Vec::new();
        let mut start = 0;
        loop {
            match p.parse(&input[start..], &limits) {
                Ok(Parsed::Incomplete) => break,
                Ok(Parsed::Empty { consumed }) => {
                    frames.push(Frame::Empty(consumed));
                    start += consumed;
                }
                Ok(Parsed::Command { consumed }) => {
                    frames.push(Frame::Command(consumed, p.args(&input[start..]).to_vec()));
                    start += consumed;
                }
                Err(e) => {
                    frames.push(Frame::Error(e));
                    break;
                }
            }
        }
        frames
    };
    let chunked = run(input, chunks, &limits);
    // The "too big" limits look at how much unparsed data is buffered, so
    // they may fire at a different frame depending on read sizes (as in
    // Redis); everything before the first error must agree.
    let agree = |a: &[Frame], b: &[Frame]| {
        let ok = |f: &Frame| !matches!(f, Frame::Error(_));
        let a: Vec<_> = a.iter().take_while(|f| ok(f)).collect();
        let b: Vec<_> = b.iter().take_while(|f| ok(f)).collect();
        let n = a.len().min(b.len());
        a[..n] == b[..n]
    };
    assert!(
        agree(&oneshot, &chunked),
        "one-shot {oneshot:?} vs chunked {chunked:?}"
    );
    assert!(agree(&oneshot, &whole));
    let too_big = |frames: &[Frame]| {
        frames.iter().any(|f| {
            matches!(
                f,
                Frame::Error(
                    ProtocolError::TooBigInline
                        | ProtocolError::TooBigMbulkCount
                        | ProtocolError::TooBigBulkCount
                )
            )
        })
    };
    if !too_big(&oneshot) && !too_big(&chunked) {
        assert_eq!(oneshot, chunked);
    }
});
