//! The commands a connection parsed ahead of running them, to warm their keys.
//!
//! Looking ahead already parses each command, resolves it and hashes its key; the ring keeps
//! that work (argument spans, resolved command, slot and hash) so running the command does not
//! repeat it. Offsets are into the buffer being processed, which does not change while it runs.

use shoal_commands::dispatch::{plan, Planned};
use shoal_resp::{Limits, Parsed, RequestParser};

/// One command parsed ahead.
#[derive(Clone, Copy)]
pub struct AheadCmd {
    /// Its frame's end in the buffer (where the next command starts).
    pub end: usize,
    start: usize,
    /// Its argument spans, as a range of `Ahead::spans`.
    spans: (usize, usize),
    pub plan: Option<Planned>,
}

pub struct Ahead {
    parser: RequestParser,
    cmds: Vec<AheadCmd>,
    /// Next command of `cmds` to be run.
    head: usize,
    spans: Vec<(usize, usize)>,
}

impl Ahead {
    pub fn new() -> Self {
        Ahead {
            parser: RequestParser::new(),
            cmds: Vec::new(),
            head: 0,
            spans: Vec::new(),
        }
    }

    /// Forgets every command parsed ahead (the buffer they point into is about to change).
    pub fn clear(&mut self) {
        self.cmds.clear();
        self.spans.clear();
        self.head = 0;
    }

    /// Parses the complete commands of `data` from `from` on, in place of what was kept, until
    /// `want` of them have a key to warm; returns where it stopped looking. An unfinished or
    /// bad frame ends the look-ahead: the connection's own parse meets it and deals with it.
    pub fn scan(&mut self, data: &[u8], from: usize, limits: &Limits, want: usize) -> usize {
        self.clear();
        let mut targets = 0;
        let mut pos = from;
        while targets < want && pos < data.len() {
            match self.parser.parse(&data[pos..], limits) {
                Ok(Parsed::Command { consumed }) => {
                    let end = pos + consumed;
                    // Inline commands keep their arguments in the parser: not kept, run cold.
                    if let Some(spans) = self.parser.frame_spans() {
                        let first = self.spans.len();
                        self.spans.extend_from_slice(spans);
                        let plan = plan(&self.parser.args(&data[pos..]));
                        targets += usize::from(plan.is_some_and(|p| p.prefetch_target().is_some()));
                        self.cmds.push(AheadCmd {
                            start: pos,
                            end,
                            spans: (first, self.spans.len()),
                            plan,
                        });
                    }
                    pos = end;
                }
                Ok(Parsed::Empty { consumed }) => pos += consumed,
                _ => {
                    self.parser.reset();
                    pos = data.len();
                }
            }
        }
        pos
    }

    /// The keys to warm, in command order.
    pub fn targets(&self) -> impl Iterator<Item = (u16, u64)> + '_ {
        self.cmds[self.head..]
            .iter()
            .filter_map(|c| c.plan.and_then(|p| p.prefetch_target()))
    }

    /// The command parsed ahead whose frame starts at `pos`, if any; commands before `pos`
    /// are dropped (the connection only moves forward).
    pub fn take(&mut self, pos: usize) -> Option<AheadCmd> {
        while let Some(c) = self.cmds.get(self.head) {
            if c.start > pos {
                return None;
            }
            self.head += 1;
            if c.start == pos {
                return Some(*c);
            }
        }
        None
    }

    /// The argument spans of `cmd`, as offsets from its frame start.
    pub fn spans(&self, cmd: &AheadCmd) -> &[(usize, usize)] {
        &self.spans[cmd.spans.0..cmd.spans.1]
    }
}

#[cfg(test)]
mod tests {
    use shoal_resp::Args;

    use super::*;

    const PIPE: &[u8] = b"*2\r\n$3\r\nGET\r\n$1\r\na\r\n\
        *1\r\n$4\r\nPING\r\n\
        PING inline\r\n\
        *0\r\n\
        *3\r\n$3\r\nSET\r\n$1\r\nb\r\n$1\r\n1\r\n\
        *2\r\n$3\r\nGET\r\n$1\r\nc\r\n";

    fn args_at(ahead: &mut Ahead, pos: usize) -> Option<(Vec<Vec<u8>>, usize, bool)> {
        let cmd = ahead.take(pos)?;
        let args = Args::from_spans(&PIPE[pos..], ahead.spans(&cmd)).to_vec();
        let warmable = cmd.plan.is_some_and(|p| p.prefetch_target().is_some());
        Some((args, cmd.end, warmable))
    }

    fn strs(parts: &[&str]) -> Vec<Vec<u8>> {
        parts.iter().map(|p| p.as_bytes().to_vec()).collect()
    }

    #[test]
    fn keeps_multibulk_commands_with_their_plans() {
        let mut ahead = Ahead::new();
        let end = ahead.scan(PIPE, 0, &Limits::default(), 16);
        assert_eq!(end, PIPE.len());
        let slot = |k: &[u8]| shoal_util::key_slot(k);
        let targets: Vec<u16> = ahead.targets().map(|(s, _)| s).collect();
        assert_eq!(targets, vec![slot(b"a"), slot(b"b"), slot(b"c")]);

        let (args, end, warm) = args_at(&mut ahead, 0).unwrap();
        assert_eq!((args, end, warm), (strs(&["GET", "a"]), 20, true));
        let (args, ping_end, warm) = args_at(&mut ahead, 20).unwrap();
        assert_eq!((args, ping_end, warm), (strs(&["PING"]), 34, false));
        // The inline command and the empty frame were not kept.
        assert!(ahead.take(34).is_none());
        let set_at = 34 + b"PING inline\r\n".len() + b"*0\r\n".len();
        let (args, _, warm) = args_at(&mut ahead, set_at).unwrap();
        assert_eq!((args, warm), (strs(&["SET", "b", "1"]), true));
        assert_eq!(ahead.targets().count(), 1);
    }

    #[test]
    fn stops_after_enough_targets_and_at_an_unfinished_frame() {
        let mut ahead = Ahead::new();
        // Two warmable commands wanted: GET a, then PING (not warmable), then SET b.
        let end = ahead.scan(PIPE, 0, &Limits::default(), 2);
        let set_end = PIPE.len() - b"*2\r\n$3\r\nGET\r\n$1\r\nc\r\n".len();
        assert_eq!(end, set_end);
        assert_eq!(ahead.targets().count(), 2);

        let cut = &PIPE[..PIPE.len() - 3];
        let end = ahead.scan(cut, set_end, &Limits::default(), 16);
        assert_eq!(end, cut.len());
        assert_eq!(ahead.targets().count(), 0);
        assert!(ahead.take(set_end).is_none());
        // The look-ahead parser starts clean on the next buffer.
        assert_eq!(
            ahead.scan(PIPE, set_end, &Limits::default(), 16),
            PIPE.len()
        );
        assert_eq!(ahead.targets().count(), 1);
    }

    #[test]
    fn take_skips_commands_left_behind() {
        let mut ahead = Ahead::new();
        ahead.scan(PIPE, 0, &Limits::default(), 16);
        // Running on from the SET frame drops GET a and PING.
        let set_at = 34 + b"PING inline\r\n".len() + b"*0\r\n".len();
        assert!(ahead.take(set_at).is_some());
        assert!(ahead.take(0).is_none());
        assert_eq!(ahead.targets().count(), 1);
    }
}
