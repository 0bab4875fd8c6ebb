//! Redis's argument quoting: `sdssplitargs` to read config lines and
//! `sdscatrepr` to write values back (CONFIG REWRITE, command-line overrides).

/// Splits a line into words like `sdssplitargs` (the same splitter inline requests use):
/// blanks separate words, `"..."` supports `\n \r \t \b \a \xHH` and `\<any>` escapes,
/// `'...'` only `\'`. `None` means unbalanced quotes. Input stops at a NUL byte, as C strings
/// do.
pub fn split_args(line: &[u8]) -> Option<Vec<Vec<u8>>> {
    let line = match line.iter().position(|&b| b == 0) {
        Some(n) => &line[..n],
        None => line,
    };
    let (mut bytes, mut spans) = (Vec::new(), Vec::new());
    shoal_resp::inline::split(line, &mut bytes, &mut spans).ok()?;
    Some(spans.iter().map(|&(a, b)| bytes[a..b].to_vec()).collect())
}

/// Quotes `s` like `sdscatrepr`: double quotes, C escapes for `\\ " \n \r \t
/// \a \b`, `\xHH` for other non-printable bytes.
pub fn repr(s: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(s.len() + 2);
    out.push(b'"');
    for &b in s {
        match b {
            b'\\' | b'"' => out.extend_from_slice(&[b'\\', b]),
            b'\n' => out.extend_from_slice(b"\\n"),
            b'\r' => out.extend_from_slice(b"\\r"),
            b'\t' => out.extend_from_slice(b"\\t"),
            0x07 => out.extend_from_slice(b"\\a"),
            0x08 => out.extend_from_slice(b"\\b"),
            0x20..=0x7e => out.push(b),
            _ => out.extend_from_slice(format!("\\x{b:02x}").as_bytes()),
        }
    }
    out.push(b'"');
    out
}

/// CONFIG SET's split of a multi-word value (`sdssplitlen` on one space):
/// empty input gives no words, doubled spaces give empty words.
pub fn split_spaces(value: &[u8]) -> Vec<&[u8]> {
    if value.is_empty() {
        return Vec::new();
    }
    value.split(|&b| b == b' ').collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(s: &str) -> Option<Vec<String>> {
        split_args(s.as_bytes()).map(|v| {
            v.into_iter()
                .map(|w| String::from_utf8(w).unwrap())
                .collect()
        })
    }

    #[test]
    fn plain_words() {
        assert_eq!(split("port 6379").unwrap(), ["port", "6379"]);
        assert_eq!(split("  save   900 1 \t").unwrap(), ["save", "900", "1"]);
        assert_eq!(split("").unwrap(), Vec::<String>::new());
        assert_eq!(split("   ").unwrap(), Vec::<String>::new());
        assert_eq!(
            split("a\x0bb").unwrap(),
            ["a\x0bb"],
            "only space, tab, CR, LF end a bare word"
        );
    }

    #[test]
    fn double_quotes() {
        assert_eq!(
            split(r#"requirepass "a b""#).unwrap(),
            ["requirepass", "a b"]
        );
        assert_eq!(split(r#"x "" y"#).unwrap(), ["x", "", "y"]);
        assert_eq!(
            split(r#""\n\r\t\b\a\\\"\q""#).unwrap(),
            ["\n\r\t\x08\x07\\\"q"]
        );
        assert_eq!(
            split_args(br#""\x41\x7a\xff""#).unwrap(),
            vec![b"Az\xff".to_vec()]
        );
        assert_eq!(
            split(r#""\x4""#).unwrap(),
            ["x4"],
            "incomplete hex escape is a plain escape"
        );
        assert_eq!(split(r#"foo"bar baz""#).unwrap(), ["foobar baz"]);
        assert_eq!(
            split(r#""a"b"#),
            None,
            "closing quote must be followed by a blank"
        );
        assert_eq!(split(r#""abc"#), None);
        assert_eq!(split(r#""abc\"#), None);
    }

    #[test]
    fn single_quotes() {
        assert_eq!(split(r"'a b' c").unwrap(), ["a b", "c"]);
        assert_eq!(split(r"'it\'s'").unwrap(), ["it's"]);
        assert_eq!(split(r"'\n'").unwrap(), ["\\n"]);
        assert_eq!(split(r"'abc"), None);
        assert_eq!(split(r"'a'b"), None);
    }

    #[test]
    fn nul_ends_the_line() {
        assert_eq!(
            split_args(b"a b\0c d").unwrap(),
            vec![b"a".to_vec(), b"b".to_vec()]
        );
    }

    #[test]
    fn repr_round_trips() {
        for s in [
            &b"plain"[..],
            b"",
            b"a b",
            b"quote\"back\\",
            b"\n\r\t\x07\x08",
            b"\x00\x01\xff",
            b"{title}",
        ] {
            let quoted = repr(s);
            assert_eq!(
                split_args(&quoted).unwrap(),
                vec![s.to_vec()],
                "{:?}",
                String::from_utf8_lossy(&quoted)
            );
        }
        assert_eq!(repr(b"a\"b\x01"), br#""a\"b\x01""#.to_vec());
    }

    #[test]
    fn space_split() {
        assert!(split_spaces(b"").is_empty());
        assert_eq!(split_spaces(b"a b"), vec![&b"a"[..], b"b"]);
        assert_eq!(split_spaces(b"a  b"), vec![&b"a"[..], b"", b"b"]);
        assert_eq!(split_spaces(b" "), vec![&b""[..], b""]);
    }
}
