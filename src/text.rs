//! Making text from a values file safe to put on a terminal: a values file is written by people
//! and shared between organisations, so nothing in it may act as a terminal control sequence.
//! Writing it back into TOML, as the files people edit. And counting things in words, for the
//! screen and the commands alike.

use std::borrow::Cow;
use std::fmt::Write;

use toml_writer::{ToTomlValue, TomlStringBuilder};

/// Control characters a values file may not contain in its text: everything in C0 but tab,
/// newline and carriage return (for files saved on Windows), DEL, and the C1 range, which some
/// terminals obey as escape sequences.
pub fn is_forbidden_control(c: char) -> bool {
    matches!(c, '\0'..='\x08' | '\x0b' | '\x0c' | '\x0e'..='\x1f' | '\x7f' | '\u{80}'..='\u{9f}')
}

/// Characters that reorder or hide text, so what is shown would differ from what is stored.
pub fn is_invisible_format(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200b}' | '\u{2060}' | '\u{feff}')
}

/// Text as it may be shown on a terminal: C0 controls and DEL in caret notation (`^[`), C1
/// controls as U+FFFD, tabs as a space, and bidi overrides and zero-width spaces removed.
pub fn visible(text: &str) -> Cow<'_, str> {
    if !text
        .chars()
        .any(|c| c.is_control() && c != '\n' || is_invisible_format(c))
    {
        return Cow::Borrowed(text);
    }
    let mut shown = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\n' => shown.push('\n'),
            '\t' => shown.push(' '),
            '\0'..='\x1f' => {
                shown.push('^');
                shown.push(char::from(b'@' + c as u8));
            }
            '\x7f' => shown.push_str("^?"),
            '\u{80}'..='\u{9f}' => shown.push('\u{fffd}'),
            c if is_invisible_format(c) => {}
            c => shown.push(c),
        }
    }
    Cow::Owned(shown)
}

/// `text` with each bidi override and zero-width character written as a `\uXXXX` escape, for
/// formats (JSON, TOML) in which that escape inside a string means the same character: the data
/// is kept, and shown on a terminal it looks like what it holds.
pub fn escape_invisible_format(text: &str, upper_hex: bool) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        if !is_invisible_format(c) {
            escaped.push(c);
        } else if upper_hex {
            let _ = write!(escaped, "\\u{:04X}", u32::from(c));
        } else {
            let _ = write!(escaped, "\\u{:04x}", u32::from(c));
        }
    }
    escaped
}

/// A string in TOML, in the form that reads best, which `toml` reads back as the same string
/// (`toml_writer` is the writer that crate itself uses). Bidi overrides and zero-width
/// characters are written as `\uXXXX` escapes, so that the file on screen looks like the text
/// it holds; only basic strings have escapes, and in them the escape means the same character.
pub fn toml_string(value: &str) -> String {
    let builder = TomlStringBuilder::new(value);
    if !value.contains(is_invisible_format) {
        return builder.as_default().to_toml_value();
    }
    let basic = if value.contains('\n') {
        builder.as_ml_basic()
    } else {
        builder.as_basic()
    };
    escape_invisible_format(&basic.to_toml_value(), true)
}

/// Text for quoting in an error report: each C1 control (two bytes in UTF-8) becomes `¤` (also
/// two bytes) and each bidi override or zero-width character (three bytes) becomes U+FFFD (also
/// three), so byte ranges into the text stay valid while nothing in it can act or hide.
pub fn replace_hidden_keeping_length(text: &str) -> Cow<'_, str> {
    let hidden = |c: char| matches!(c, '\u{80}'..='\u{9f}') || is_invisible_format(c);
    if !text.chars().any(hidden) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| match c {
                '\u{80}'..='\u{9f}' => '¤',
                c if is_invisible_format(c) => '\u{fffd}',
                c => c,
            })
            .collect(),
    )
}

/// `count` and the noun that agrees with it: `1 value`, `6 values`, `0 values`.
pub fn plural(count: usize, one: &str, many: &str) -> String {
    format!("{count} {}", if count == 1 { one } else { many })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_count_of_one_takes_the_singular() {
        assert_eq!(plural(1, "value", "values"), "1 value");
        assert_eq!(plural(0, "value", "values"), "0 values");
        assert_eq!(plural(6, "link", "links"), "6 links");
    }

    #[test]
    fn escape_sequences_become_caret_notation() {
        assert_eq!(visible("a\u{1b}]2;owned\u{7}b"), "a^[]2;owned^Gb");
        assert_eq!(visible("\u{1b}[2J"), "^[[2J");
        assert_eq!(visible("del\u{7f}"), "del^?");
    }

    #[test]
    fn c1_controls_and_bidi_overrides_cannot_act() {
        assert_eq!(visible("x\u{9b}31m"), "x\u{fffd}31m");
        assert_eq!(visible("abc\u{202e}def\u{200b}"), "abcdef");
    }

    #[test]
    fn ordinary_text_is_borrowed_unchanged() {
        let text = "people's lives – café 👩‍⚕️\nnext";
        assert!(matches!(visible(text), Cow::Borrowed(t) if t == text));
    }

    #[test]
    fn replacing_hidden_characters_keeps_byte_length() {
        let text = "a\u{9b}b\u{85}c\u{202e}d\u{200b}e\u{feff}";
        let replaced = replace_hidden_keeping_length(text);
        assert_eq!(replaced, "a¤b¤c\u{fffd}d\u{fffd}e\u{fffd}");
        assert_eq!(replaced.len(), text.len());
    }

    #[test]
    fn forbidden_controls_allow_line_breaks_and_tabs() {
        for allowed in ['\n', '\t', '\r', 'a', '–'] {
            assert!(!is_forbidden_control(allowed), "{allowed:?}");
        }
        for forbidden in ['\u{1b}', '\u{7}', '\u{7f}', '\u{9b}', '\0'] {
            assert!(is_forbidden_control(forbidden), "{forbidden:?}");
        }
    }
}
