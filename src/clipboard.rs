//! Copying a link through the terminal: the OSC 52 sequence asks the terminal itself to set the
//! clipboard, so copying works over SSH, with no display and no clipboard program.

use std::io::{self, Write};

/// The terminal this runs in, as far as copying cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Terminal<'a> {
    /// `$TERM`.
    pub term: Option<&'a str>,
    /// Whether `$TMUX` is set: the program runs inside tmux.
    pub in_tmux: bool,
}

/// Writes the sequences that put `text` on the clipboard, or says why this terminal cannot.
pub fn copy(out: &mut impl Write, text: &str, terminal: Terminal<'_>) -> Result<(), String> {
    if matches!(terminal.term, Some("dumb" | "linux")) {
        // The Linux console prints an unknown OSC sequence as text.
        return Err("this terminal has no clipboard".to_owned());
    }
    out.write_all(sequences(text, terminal.in_tmux).as_bytes())
        .and_then(|()| out.flush())
        .map_err(|error| format!("cannot write to the terminal: {error}"))
}

/// OSC 52 for `text`. Inside tmux, the same sequence follows wrapped for passthrough: tmux takes
/// the plain one only with `set-clipboard on` (it then keeps a paste buffer too and passes it
/// on), and the wrapped one only with `allow-passthrough on`, so whichever the user allowed
/// reaches the outer terminal; the one not allowed is dropped by tmux.
pub fn sequences(text: &str, in_tmux: bool) -> String {
    let plain = format!("\x1b]52;c;{}\x07", base64(text.as_bytes()));
    if in_tmux {
        // In tmux's passthrough, every ESC of the wrapped sequence is doubled.
        let wrapped = plain.replace('\x1b', "\x1b\x1b");
        format!("{plain}\x1bPtmux;{wrapped}\x1b\\")
    } else {
        plain
    }
}

/// Standard base64 with padding (RFC 4648 section 4); a few lines rather than a dependency,
/// since encoding is all that is needed.
pub fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut encoded = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let group = chunk.iter().enumerate().fold(0u32, |group, (index, byte)| {
            group | u32::from(*byte) << (16 - 8 * index)
        });
        for index in 0..4 {
            if index <= chunk.len() {
                let sextet = (group >> (18 - 6 * index)) & 0x3f;
                encoded.push(char::from(ALPHABET[sextet as usize]));
            } else {
                encoded.push('=');
            }
        }
    }
    encoded
}

/// Whether this environment's terminal is tmux, read from `$TMUX`.
pub fn in_tmux() -> bool {
    std::env::var_os("TMUX").is_some_and(|value| !value.is_empty())
}

/// Performs a copy on standard output, the terminal the screen is drawn on.
pub fn copy_to_terminal(text: &str) -> Result<(), String> {
    let term = std::env::var("TERM").ok();
    let terminal = Terminal {
        term: term.as_deref(),
        in_tmux: in_tmux(),
    };
    copy(&mut io::stdout(), text, terminal)
}

#[cfg(test)]
mod tests {
    use super::*;

    const XTERM: Terminal<'static> = Terminal {
        term: Some("xterm-256color"),
        in_tmux: false,
    };

    #[test]
    fn base64_matches_the_rfc_4648_test_vectors() {
        for (plain, encoded) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64(plain.as_bytes()), encoded, "{plain:?}");
        }
        assert_eq!(base64(&[0xfb, 0xff, 0xbf]), "+/+/");
        assert_eq!(base64("café".as_bytes()), "Y2Fmw6k=");
    }

    #[test]
    fn the_sequence_is_osc_52_to_the_clipboard() {
        assert_eq!(
            sequences("https://example.org/", false),
            "\x1b]52;c;aHR0cHM6Ly9leGFtcGxlLm9yZy8=\x07"
        );
    }

    #[test]
    fn inside_tmux_the_sequence_is_also_sent_through() {
        assert_eq!(
            sequences("foo", true),
            "\x1b]52;c;Zm9v\x07\x1bPtmux;\x1b\x1b]52;c;Zm9v\x07\x1b\\"
        );
    }

    #[test]
    fn copying_writes_the_sequence_or_says_why_not() {
        let mut out = Vec::new();
        assert_eq!(copy(&mut out, "foo", XTERM), Ok(()));
        assert_eq!(out, b"\x1b]52;c;Zm9v\x07");
        let mut out = Vec::new();
        let console = Terminal {
            term: Some("linux"),
            in_tmux: false,
        };
        assert!(copy(&mut out, "foo", console).is_err());
        assert!(out.is_empty());
    }
}
