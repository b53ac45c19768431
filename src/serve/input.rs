//! A session's keyboard and mouse: the bytes a client sends, parsed into crossterm events by
//! `terminput` (crossterm's own parser, taken out of crossterm so it can read bytes that did not
//! come from this process's terminal), whatever packets they arrive in.
//!
//! Bytes that do not yet make an event wait, but not without bound: at most `cap` of them, and
//! an unfinished escape sequence only until the session's escape wait passes (`give_up`), so
//! that neither a flood nor a sequence that never ends can hold back the keys after it.

use ratatui::crossterm::event::Event;

const ESC: u8 = 0x1b;

/// The bytes waiting to make an event.
#[derive(Debug)]
pub struct Input {
    pending: Vec<u8>,
    cap: usize,
}

impl Input {
    pub fn new(cap: usize) -> Input {
        Input {
            pending: Vec::new(),
            cap,
        }
    }

    /// Parses `bytes` after what was waiting, adding each event they complete to `events`.
    pub fn feed(&mut self, bytes: &[u8], events: &mut Vec<Event>) {
        for &byte in bytes {
            if self.pending.len() >= self.cap {
                self.pending.clear();
            }
            self.pending.push(byte);
            // A lone Esc may be the start of a sequence whose rest is in the next packet;
            // `give_up` makes it the Esc key if nothing follows in time.
            if self.pending == [ESC] {
                continue;
            }
            match terminput::Event::parse_from(&self.pending) {
                Ok(None) => {}
                Ok(Some(event)) => {
                    self.pending.clear();
                    if let Ok(event) = terminput_crossterm::to_crossterm(event) {
                        events.push(event);
                    }
                }
                // Not a sequence anything sends: dropped, as crossterm drops it.
                Err(_) => self.pending.clear(),
            }
        }
    }

    /// Whether bytes are waiting for the rest of an event.
    pub fn is_waiting(&self) -> bool {
        !self.pending.is_empty()
    }

    /// The rest did not come: a lone Esc is the Esc key, anything else unfinished is dropped.
    pub fn give_up(&mut self, events: &mut Vec<Event>) {
        if self.pending == [ESC]
            && let Ok(Some(event)) = terminput::Event::parse_from(&self.pending)
            && let Ok(event) = terminput_crossterm::to_crossterm(event)
        {
            events.push(event);
        }
        self.pending.clear();
    }
}

#[cfg(test)]
mod tests {
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers, MouseEventKind};

    use super::*;

    fn keys(events: &[Event]) -> Vec<KeyCode> {
        events
            .iter()
            .filter_map(|event| match event {
                Event::Key(KeyEvent { code, .. }) => Some(*code),
                _ => None,
            })
            .collect()
    }

    fn parse(packets: &[&[u8]]) -> (Vec<Event>, Input) {
        let mut input = Input::new(64 * 1024);
        let mut events = Vec::new();
        for packet in packets {
            input.feed(packet, &mut events);
        }
        (events, input)
    }

    #[test]
    fn several_keys_in_one_packet_are_each_an_event() {
        let (events, input) = parse(&[b"jj\x1b[Bk\r\x1b[1;5A\xc3\xa9"]);
        assert_eq!(
            keys(&events),
            [
                KeyCode::Char('j'),
                KeyCode::Char('j'),
                KeyCode::Down,
                KeyCode::Char('k'),
                KeyCode::Enter,
                KeyCode::Up,
                KeyCode::Char('é'),
            ]
        );
        let Event::Key(ctrl_up) = events[5] else {
            unreachable!()
        };
        assert_eq!(ctrl_up.modifiers, KeyModifiers::CONTROL);
        assert!(!input.is_waiting());
    }

    #[test]
    fn a_key_split_over_two_packets_is_one_event() {
        for split in 1..3 {
            let (sequence_start, rest) = b"\x1b[B".split_at(split);
            let (events, input) = parse(&[sequence_start]);
            assert!(events.is_empty(), "{split}: {events:?}");
            assert!(input.is_waiting());
            let (events, _) = parse(&[sequence_start, rest]);
            assert_eq!(keys(&events), [KeyCode::Down], "{split}");
        }
        let (events, _) = parse(&[b"\xc3", b"\xa9"]);
        assert_eq!(keys(&events), [KeyCode::Char('é')]);
    }

    #[test]
    fn a_lone_esc_is_the_esc_key_once_nothing_follows() {
        let (events, mut input) = parse(&[b"\x1b"]);
        assert!(events.is_empty());
        let mut events = Vec::new();
        input.give_up(&mut events);
        assert_eq!(keys(&events), [KeyCode::Esc]);
        assert!(!input.is_waiting());
    }

    #[test]
    fn an_unfinished_sequence_is_dropped_and_the_keys_after_it_arrive() {
        for unfinished in [&b"\x1b[1;"[..], b"\x1b[200~never ends", b"\x1b[<0;3"] {
            let (events, mut input) = parse(&[unfinished]);
            assert!(events.is_empty(), "{events:?}");
            let mut events = Vec::new();
            input.give_up(&mut events);
            assert!(events.is_empty(), "{events:?}");
            input.feed(b"q", &mut events);
            assert_eq!(keys(&events), [KeyCode::Char('q')]);
        }
    }

    #[test]
    fn waiting_bytes_are_capped() {
        let mut input = Input::new(16);
        let mut events = Vec::new();
        input.feed(b"\x1b[200~", &mut events);
        input.feed(&[b'x'; 1000], &mut events);
        assert!(input.pending.len() <= 16, "{}", input.pending.len());
        // The paste was dropped at the cap, and what came after it is typing again.
        assert!(events.len() > 900, "{}", events.len());
        assert!(keys(&events).iter().all(|key| *key == KeyCode::Char('x')));
    }

    #[test]
    fn mouse_reports_are_parsed() {
        let (events, _) = parse(&[b"\x1b[<65;10;5M"]);
        let [Event::Mouse(mouse)] = events.as_slice() else {
            panic!("{events:?}");
        };
        assert_eq!(mouse.kind, MouseEventKind::ScrollDown);
        assert_eq!((mouse.column, mouse.row), (9, 4));
    }
}
