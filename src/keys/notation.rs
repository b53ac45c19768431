//! Keys as people write them in a config file: a character (`"j"`, `"G"`, `"?"`), a key's name
//! (`"Down"`, `"PageDown"`, `"Enter"`, `"Esc"`, `"Space"`, `"F1"`), Ctrl and a letter
//! (`"Ctrl-n"`), `"Shift-Tab"`, and `"1-9"` for the digits that select a value by its number.
//!
//! A character stands for itself, so case matters: `"G"` is Shift and g, and `"Shift-g"` is
//! another way to write it. Names and modifiers ignore case, and `-`, `_` and spaces inside a
//! name (`"Page-Down"`, `"page down"`), and the common other names (`PgDn`, `Escape`, `Return`,
//! `Del`, `C-n`, `Ctrl+n`, `^N`) are read too; each key is written back in one spelling only.
//! What a terminal cannot tell apart (Alt and a key from the key alone, Ctrl-I from Tab) is
//! refused with the reason, rather than bound to a key that would never arrive.

use ratatui::crossterm::event::KeyCode;

use super::Key;

/// The keys with names: the spelling written back, the key, and the other spellings read.
const NAMED: &[(&str, KeyCode, &[&str])] = &[
    ("Up", KeyCode::Up, &["↑"]),
    ("Down", KeyCode::Down, &["↓"]),
    ("Left", KeyCode::Left, &["←"]),
    ("Right", KeyCode::Right, &["→"]),
    ("Home", KeyCode::Home, &[]),
    ("End", KeyCode::End, &[]),
    ("PageUp", KeyCode::PageUp, &["PgUp"]),
    ("PageDown", KeyCode::PageDown, &["PgDn", "PgDown"]),
    ("Enter", KeyCode::Enter, &["Return"]),
    ("Esc", KeyCode::Esc, &["Escape"]),
    ("Tab", KeyCode::Tab, &[]),
    ("Shift-Tab", KeyCode::BackTab, &["BackTab"]),
    ("Backspace", KeyCode::Backspace, &[]),
    ("Delete", KeyCode::Delete, &["Del"]),
    ("Insert", KeyCode::Insert, &["Ins"]),
    ("Space", KeyCode::Char(' '), &[]),
];

/// The function keys that can be bound, F1 to this.
const LAST_FUNCTION_KEY: u8 = 12;

/// How the digits 1 to 9 are written together.
const DIGITS: &str = "1-9";

/// Why a text is not a key that can be bound.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeyError {
    /// Not a character, a key's name, or Ctrl and a letter.
    Unknown,
    /// A control character: keys are written by name (`Tab`, `Esc`).
    Control(char),
    /// Alt (or Meta) and a key are not told apart from the key alone.
    Alt,
    /// Cmd, Super and Windows keys never reach a program in a terminal.
    System,
    /// Ctrl with something other than a letter.
    CtrlNotLetter,
    /// Ctrl and a letter that terminals send as another key: Ctrl-I is Tab, Ctrl-M is Enter.
    SentAs(Key),
    /// Ctrl-Shift and a letter are not told apart from Ctrl and the letter.
    CtrlShift,
    /// Shift with a key other than a letter or Tab: the terminal sends the key alone, or the
    /// character Shift types on that keyboard.
    Shift,
}

enum Modifier {
    Ctrl,
    Shift,
    Alt,
    System,
}

fn modifier(word: &str) -> Option<Modifier> {
    let modifier = match word.to_ascii_lowercase().as_str() {
        "ctrl" | "control" | "c" => Modifier::Ctrl,
        "shift" | "s" => Modifier::Shift,
        "alt" | "meta" | "option" | "a" | "m" => Modifier::Alt,
        "cmd" | "command" | "super" | "win" | "windows" => Modifier::System,
        _ => return None,
    };
    Some(modifier)
}

/// A name as it is compared: lower case, without `-`, `_` and spaces.
fn normalized(name: &str) -> String {
    name.chars()
        .filter(|c| !matches!(c, '-' | '_' | ' '))
        .flat_map(char::to_lowercase)
        .collect()
}

impl Key {
    /// Reads a key written in the config file's notation.
    pub fn parse(text: &str) -> Result<Key, KeyError> {
        if text == DIGITS {
            return Ok(Key::Digits);
        }
        if let Some(control) = text.chars().find(|c| c.is_control()) {
            return Err(KeyError::Control(control));
        }
        let (mut ctrl, mut shift, mut alt, mut system) = (false, false, false, false);
        let mut rest = text;
        if let Some(letter) = rest.strip_prefix('^').filter(|letter| letter.len() == 1) {
            ctrl = true;
            rest = letter;
        }
        while let Some((word, after)) = rest.split_once(['-', '+'])
            && !word.is_empty()
            && !after.is_empty()
            && let Some(found) = modifier(word)
        {
            match found {
                Modifier::Ctrl => ctrl = true,
                Modifier::Shift => shift = true,
                Modifier::Alt => alt = true,
                Modifier::System => system = true,
            }
            rest = after;
        }
        let base = base(rest)?;
        if system {
            return Err(KeyError::System);
        }
        if alt {
            return Err(KeyError::Alt);
        }
        match (ctrl, shift, base) {
            (true, true, _) => Err(KeyError::CtrlShift),
            (true, false, KeyCode::Char('i' | 'I')) => {
                Err(KeyError::SentAs(Key::Plain(KeyCode::Tab)))
            }
            (true, false, KeyCode::Char('m' | 'M')) => {
                Err(KeyError::SentAs(Key::Plain(KeyCode::Enter)))
            }
            (true, false, KeyCode::Char(c)) if c.is_ascii_alphabetic() => {
                Ok(Key::Ctrl(c.to_ascii_lowercase()))
            }
            (true, false, _) => Err(KeyError::CtrlNotLetter),
            (false, true, KeyCode::Char(c)) if c.is_ascii_alphabetic() => {
                Ok(Key::Plain(KeyCode::Char(c.to_ascii_uppercase())))
            }
            (false, true, KeyCode::Tab | KeyCode::BackTab) => Ok(Key::Plain(KeyCode::BackTab)),
            (false, true, _) => Err(KeyError::Shift),
            (false, false, code) => Ok(Key::Plain(code)),
        }
    }

    /// The key in the config file's notation, the one spelling `parse` reads back as this key.
    pub fn notation(self) -> String {
        match self {
            Key::Plain(code) => code_notation(code),
            Key::Ctrl(c) => format!("Ctrl-{c}"),
            Key::Digits => DIGITS.to_owned(),
        }
    }
}

/// The key a text names without modifiers: one character, or a key's name.
fn base(text: &str) -> Result<KeyCode, KeyError> {
    let wanted = normalized(text);
    let named = NAMED.iter().find(|(name, _, others)| {
        normalized(name) == wanted || others.iter().any(|other| normalized(other) == wanted)
    });
    if let Some((_, code, _)) = named {
        return Ok(*code);
    }
    let mut chars = text.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        return match c {
            ' ' => Ok(KeyCode::Char(' ')),
            c if c.is_whitespace() || crate::text::is_invisible_format(c) => Err(KeyError::Unknown),
            c => Ok(KeyCode::Char(c)),
        };
    }
    wanted
        .strip_prefix('f')
        .and_then(|number| number.parse::<u8>().ok())
        .filter(|number| (1..=LAST_FUNCTION_KEY).contains(number))
        .map(KeyCode::F)
        .ok_or(KeyError::Unknown)
}

fn code_notation(code: KeyCode) -> String {
    if let Some((name, _, _)) = NAMED.iter().find(|(_, named, _)| *named == code) {
        return (*name).to_owned();
    }
    match code {
        KeyCode::Char(c) => c.to_string(),
        KeyCode::F(number) => format!("F{number}"),
        code => code.to_string(),
    }
}

/// Every name a key is read by, for suggesting one: each named key's spellings and the
/// function keys.
pub fn key_names() -> impl Iterator<Item = String> {
    NAMED
        .iter()
        .flat_map(|(name, _, others)| std::iter::once(name).chain(others.iter()))
        .map(|name| (*name).to_owned())
        .chain((1..=LAST_FUNCTION_KEY).map(|number| format!("F{number}")))
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn parsed(text: &str) -> Key {
        Key::parse(text).unwrap_or_else(|error| panic!("{text:?}: {error:?}"))
    }

    #[test]
    fn characters_stand_for_themselves_and_case_matters() {
        assert_eq!(parsed("j"), Key::Plain(KeyCode::Char('j')));
        assert_eq!(parsed("G"), Key::Plain(KeyCode::Char('G')));
        assert_ne!(parsed("g"), parsed("G"));
        for symbol in ["?", "/", "-", "+", "^", "1", "é"] {
            let c = symbol.chars().next().unwrap();
            assert_eq!(parsed(symbol), Key::Plain(KeyCode::Char(c)), "{symbol}");
        }
    }

    #[test]
    fn names_ignore_case_and_separators_and_know_the_common_other_names() {
        for (texts, code) in [
            (&["Down", "down", "DOWN", "↓"][..], KeyCode::Down),
            (
                &["PageDown", "Page-Down", "page down", "PgDn", "pgdown"],
                KeyCode::PageDown,
            ),
            (&["PageUp", "page_up", "PgUp"], KeyCode::PageUp),
            (&["Enter", "Return"], KeyCode::Enter),
            (&["Esc", "Escape", "ESC"], KeyCode::Esc),
            (&["Space", "space", " "], KeyCode::Char(' ')),
            (
                &["Shift-Tab", "BackTab", "S-Tab", "shift+tab", "Shift Tab"],
                KeyCode::BackTab,
            ),
            (&["Delete", "Del"], KeyCode::Delete),
            (&["F1", "f1"], KeyCode::F(1)),
            (&["F12"], KeyCode::F(12)),
        ] {
            for text in texts {
                assert_eq!(parsed(text), Key::Plain(code), "{text}");
            }
        }
    }

    #[test]
    fn ctrl_and_a_letter_in_any_of_its_spellings() {
        for text in ["Ctrl-n", "Ctrl-N", "ctrl+n", "Control-n", "C-n", "^N", "^n"] {
            assert_eq!(parsed(text), Key::Ctrl('n'), "{text}");
        }
    }

    #[test]
    fn shift_and_a_letter_is_the_capital() {
        assert_eq!(parsed("Shift-g"), parsed("G"));
        assert_eq!(parsed("Shift-G"), parsed("G"));
        assert_eq!(parsed("S-g"), parsed("G"));
    }

    #[test]
    fn the_digits_are_written_together() {
        assert_eq!(parsed("1-9"), Key::Digits);
        assert_eq!(Key::Digits.notation(), "1-9");
    }

    #[test]
    fn what_a_terminal_cannot_tell_apart_is_refused_with_the_reason() {
        for (text, error) in [
            ("Alt-x", KeyError::Alt),
            ("M-x", KeyError::Alt),
            ("Cmd-x", KeyError::System),
            ("Ctrl-Down", KeyError::CtrlNotLetter),
            ("Ctrl-1", KeyError::CtrlNotLetter),
            ("Ctrl-i", KeyError::SentAs(Key::Plain(KeyCode::Tab))),
            ("Ctrl-M", KeyError::SentAs(Key::Plain(KeyCode::Enter))),
            ("Ctrl-Shift-n", KeyError::CtrlShift),
            ("Shift-Down", KeyError::Shift),
            ("Shift-1", KeyError::Shift),
            ("Shift-?", KeyError::Shift),
            ("\u{1b}", KeyError::Control('\u{1b}')),
            ("\t", KeyError::Control('\t')),
        ] {
            assert_eq!(Key::parse(text), Err(error), "{text:?}");
        }
    }

    #[test]
    fn anything_else_is_unknown() {
        for text in [
            "", "jj", "PageDwn", "F0", "F13", "Ctrl-", "Ctrl-nn", "Hyper-x", "\u{a0}", "\u{200b}",
            "1-8",
        ] {
            assert_eq!(Key::parse(text), Err(KeyError::Unknown), "{text:?}");
        }
    }

    #[test]
    fn each_key_is_written_in_one_spelling() {
        for (key, text) in [
            (Key::Plain(KeyCode::Down), "Down"),
            (Key::Plain(KeyCode::PageDown), "PageDown"),
            (Key::Plain(KeyCode::BackTab), "Shift-Tab"),
            (Key::Plain(KeyCode::Char(' ')), "Space"),
            (Key::Plain(KeyCode::Char('G')), "G"),
            (Key::Plain(KeyCode::F(5)), "F5"),
            (Key::Ctrl('c'), "Ctrl-c"),
        ] {
            assert_eq!(key.notation(), text);
        }
    }

    #[test]
    fn every_named_key_reads_back_as_itself_and_every_name_is_read() {
        for (name, code, _) in NAMED {
            assert_eq!(parsed(name), Key::Plain(*code));
            assert_eq!(Key::Plain(*code).notation(), *name);
        }
        for name in key_names() {
            assert!(Key::parse(&name).is_ok(), "{name}");
        }
    }

    /// Every key the notation can bind.
    fn key() -> impl Strategy<Value = Key> {
        let named =
            prop::sample::select(NAMED.iter().map(|(_, code, _)| *code).collect::<Vec<_>>());
        prop_oneof![
            any::<char>()
                .prop_filter("a character that is a key of its own", |c| {
                    Key::parse(&c.to_string()) == Ok(Key::Plain(KeyCode::Char(*c)))
                })
                .prop_map(|c| Key::Plain(KeyCode::Char(c))),
            named.prop_map(Key::Plain),
            (1..=LAST_FUNCTION_KEY).prop_map(|number| Key::Plain(KeyCode::F(number))),
            prop::char::range('a', 'z')
                .prop_filter("not sent as another key", |c| !matches!(c, 'i' | 'm'))
                .prop_map(Key::Ctrl),
            Just(Key::Digits),
        ]
    }

    proptest! {
        #[test]
        fn every_key_written_reads_back_as_itself(key in key()) {
            prop_assert_eq!(Key::parse(&key.notation()), Ok(key));
        }
    }
}
