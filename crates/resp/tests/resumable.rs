//! A huge multibulk arriving in small reads must be parsed incrementally,
//! not rescanned from the frame start on every read.

use std::time::{Duration, Instant};

use shoal_resp::{Limits, Parsed, RequestParser};

fn big_command(n: usize) -> Vec<u8> {
    let mut v = format!("*{n}\r\n").into_bytes();
    for i in 0..n {
        let a = format!("arg{i}");
        v.extend_from_slice(format!("${}\r\n{a}\r\n", a.len()).as_bytes());
    }
    v
}

/// Parses `input` delivered `chunk` bytes at a time; returns the argument
/// count and the number of parse calls.
fn trickle(input: &[u8], chunk: usize) -> (usize, usize) {
    let mut p = RequestParser::new();
    let limits = Limits::default();
    let mut end = 0;
    let mut calls = 0;
    loop {
        end = (end + chunk).min(input.len());
        calls += 1;
        match p.parse(&input[..end], &limits).unwrap() {
            Parsed::Incomplete => assert!(end < input.len()),
            Parsed::Command { consumed } => {
                assert_eq!(consumed, input.len());
                let args = p.args(&input[..end]);
                assert_eq!(args.get(99_999), b"arg99999");
                return (args.len(), calls);
            }
            Parsed::Empty { .. } => unreachable!(),
        }
    }
}

#[test]
fn hundred_thousand_args_in_seven_byte_reads() {
    let input = big_command(100_000);
    let start = Instant::now();
    let (n, calls) = trickle(&input, 7);
    let elapsed = start.elapsed();
    assert_eq!(n, 100_000);
    assert_eq!(calls, input.len().div_ceil(7));
    // About 250k calls; rescanning from the start would take minutes.
    assert!(elapsed < Duration::from_secs(10), "took {elapsed:?}");
}

#[test]
fn cost_grows_linearly() {
    // Compare per-byte cost for 20k and 100k args, one byte per read; best
    // of three runs, to shrug off a busy machine. Quadratic behaviour would
    // make the larger input about 5x dearer per byte.
    let time = |n: usize| {
        let input = big_command(n);
        let mut best = f64::MAX;
        for _ in 0..3 {
            let start = Instant::now();
            let mut p = RequestParser::new();
            for end in 1..=input.len() {
                let r = p.parse(&input[..end], &Limits::default()).unwrap();
                assert_eq!(matches!(r, Parsed::Command { .. }), end == input.len());
            }
            best = best.min(start.elapsed().as_secs_f64() / input.len() as f64);
        }
        best
    };
    let small = time(20_000);
    let large = time(100_000);
    assert!(
        large < small * 4.0,
        "per-byte cost grew from {small:e}s to {large:e}s"
    );
}
