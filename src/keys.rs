//! The key table: which key does what, as data. Input handling (`event`), the help overlay, the
//! footer's hints and every message that names a key all read the one `KeyTable` the app holds,
//! so they cannot drift apart. README's key list is kept to match it by a test. Presentation
//! mode has a table of its own (`PRESENT_BINDINGS`), asked through the same `KeyTable`.

use std::borrow::Cow;

use ratatui::crossterm::event::KeyCode;

use crate::action::Action;

/// A key a binding answers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    /// A key pressed without Ctrl. Shift may be held (some terminals send `G` as Shift-g), and
    /// Alt is not told apart.
    Plain(KeyCode),
    /// Ctrl and a letter. These work everywhere, even while a filter is typed.
    Ctrl(char),
    /// Each of the digits 1 to 9, selecting the value with that number.
    Digits,
}

impl Key {
    /// The key as the help, the footer and messages write it.
    pub fn name(self) -> Cow<'static, str> {
        let name = match self {
            Key::Plain(KeyCode::Char(' ')) => "Space",
            Key::Plain(KeyCode::Char(c)) => return Cow::Owned(c.to_string()),
            Key::Plain(KeyCode::Down) => "↓",
            Key::Plain(KeyCode::Up) => "↑",
            Key::Plain(KeyCode::Right) => "→",
            Key::Plain(KeyCode::Left) => "←",
            Key::Plain(KeyCode::Home) => "Home",
            Key::Plain(KeyCode::End) => "End",
            Key::Plain(KeyCode::Enter) => "Enter",
            Key::Plain(KeyCode::PageDown) => "PgDn",
            Key::Plain(KeyCode::PageUp) => "PgUp",
            Key::Plain(KeyCode::Tab) => "Tab",
            Key::Plain(KeyCode::BackTab) => "S-Tab",
            Key::Plain(KeyCode::Esc) => "Esc",
            Key::Plain(code) => return Cow::Owned(code.to_string()),
            Key::Ctrl(c) => return Cow::Owned(format!("Ctrl-{}", c.to_ascii_uppercase())),
            Key::Digits => "1-9",
        };
        Cow::Borrowed(name)
    }
}

/// One row of the key table: keys, what they do, and how the help describes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Binding {
    keys: &'static [Key],
    /// Empty for a binding the help lists on the row above it (`PgUp` beside `PgDn`).
    description: &'static str,
    action: Action,
}

/// A row of the table.
pub const fn bind(keys: &'static [Key], description: &'static str, action: Action) -> Binding {
    Binding {
        keys,
        description,
        action,
    }
}

const fn plain(c: char) -> Key {
    Key::Plain(KeyCode::Char(c))
}

/// The keys of the main screen, in the order the help lists them.
pub const DEFAULT_BINDINGS: &[Binding] = &[
    bind(
        &[Key::Plain(KeyCode::Down), plain('j')],
        "next value",
        Action::Next,
    ),
    bind(
        &[Key::Plain(KeyCode::Up), plain('k')],
        "previous value",
        Action::Previous,
    ),
    bind(
        &[Key::Plain(KeyCode::Home), plain('g')],
        "first value",
        Action::First,
    ),
    bind(
        &[Key::Plain(KeyCode::End), plain('G')],
        "last value",
        Action::Last,
    ),
    bind(&[Key::Digits], "value by number", Action::SelectNumber(1)),
    bind(
        &[Key::Plain(KeyCode::Enter), plain('o')],
        "open the video (or the highlighted link)",
        Action::Open,
    ),
    bind(
        &[plain('y')],
        "copy the video (or the highlighted link)",
        Action::Copy,
    ),
    bind(
        &[plain('c')],
        "show that link as a QR code",
        Action::ShowQrCode,
    ),
    bind(
        &[Key::Plain(KeyCode::PageDown)],
        "scroll the text",
        Action::PageDown,
    ),
    bind(&[Key::Plain(KeyCode::PageUp)], "", Action::PageUp),
    bind(
        &[plain('/')],
        "filter by name and text",
        Action::StartFilter,
    ),
    bind(
        &[plain('n')],
        "next/previous filter match in the text",
        Action::NextMatch,
    ),
    bind(&[plain('N')], "", Action::PreviousMatch),
    bind(
        &[plain('i')],
        "about: introduction and links",
        Action::ToggleAbout,
    ),
    bind(
        &[plain('p')],
        "present: one value at a time, full screen",
        Action::Present,
    ),
    bind(
        &[Key::Plain(KeyCode::Tab)],
        "next/previous link in about",
        Action::NextLink,
    ),
    bind(&[Key::Plain(KeyCode::BackTab)], "", Action::PreviousLink),
    bind(&[plain('?')], "this help", Action::ToggleHelp),
    bind(
        &[Key::Plain(KeyCode::Esc)],
        "close, clear the filter, or quit",
        Action::Back,
    ),
    bind(&[plain('q'), Key::Ctrl('c')], "quit", Action::Quit),
    // Only Unix shells have job control to suspend to.
    #[cfg(unix)]
    bind(
        &[Key::Ctrl('z')],
        "suspend to the shell (fg resumes)",
        Action::Suspend,
    ),
];

/// The keys of presentation mode, in the order the help lists them. While the screen is blank,
/// any key brings it back (`KeyTable::presenting`).
pub const PRESENT_BINDINGS: &[Binding] = &[
    bind(
        &[
            Key::Plain(KeyCode::Right),
            plain(' '),
            Key::Plain(KeyCode::PageDown),
            plain('j'),
        ],
        "next value",
        Action::Next,
    ),
    bind(
        &[
            Key::Plain(KeyCode::Left),
            Key::Plain(KeyCode::PageUp),
            plain('k'),
        ],
        "previous value, or the title slide",
        Action::Previous,
    ),
    bind(
        &[Key::Plain(KeyCode::Home), plain('g')],
        "the title slide: the title and introduction",
        Action::First,
    ),
    bind(
        &[Key::Plain(KeyCode::End), plain('G')],
        "last value",
        Action::Last,
    ),
    bind(&[Key::Digits], "value by number", Action::SelectNumber(1)),
    bind(
        &[Key::Plain(KeyCode::Down)],
        "scroll a slide taller than the screen",
        Action::ScrollDown,
    ),
    bind(&[Key::Plain(KeyCode::Up)], "", Action::ScrollUp),
    bind(
        &[plain('b')],
        "blank the screen; any key brings it back",
        Action::Blank,
    ),
    bind(
        &[plain('c')],
        "the link as a large QR code",
        Action::ShowQrCode,
    ),
    bind(
        &[Key::Plain(KeyCode::Enter), plain('o')],
        "open the link",
        Action::Open,
    ),
    bind(&[plain('y')], "copy the link", Action::Copy),
    bind(&[plain('?')], "help", Action::ToggleHelp),
    bind(
        &[Key::Plain(KeyCode::Esc), plain('p')],
        "back to the browser, on the value shown",
        Action::Back,
    ),
    bind(&[plain('q')], "quit", Action::Quit),
];

/// The help's heading over the keys of presentation mode.
pub const PRESENT_HEADING: &str = "In presentation mode";

/// What the mouse does, listed in the help after the keys.
const MOUSE_ROWS: [(&str, &str); 2] = [
    ("wheel", "scroll the pane under the pointer"),
    ("click", "select a value, or open a link"),
];

/// The key table in effect. Today that is always the defaults; it is the one place anything
/// asks which key does what, so a table with the user's own keys can take its place.
#[derive(Debug, Clone)]
pub struct KeyTable {
    bindings: &'static [Binding],
    /// The keys of presentation mode.
    presenting: &'static [Binding],
}

impl Default for KeyTable {
    fn default() -> KeyTable {
        KeyTable::new(DEFAULT_BINDINGS)
    }
}

impl KeyTable {
    pub const fn new(bindings: &'static [Binding]) -> KeyTable {
        KeyTable {
            bindings,
            presenting: PRESENT_BINDINGS,
        }
    }

    /// The action of `code` pressed without Ctrl on the main screen.
    pub fn plain(&self, code: KeyCode) -> Option<Action> {
        if let KeyCode::Char(digit @ '1'..='9') = code
            && let Some(number) = digit.to_digit(10)
            && self.bound(Key::Digits).is_some()
        {
            return Some(Action::SelectNumber(number as usize));
        }
        self.bound(Key::Plain(code)).cloned()
    }

    /// The action of Ctrl and `c`, anywhere.
    pub fn ctrl(&self, c: char) -> Option<Action> {
        self.bound(Key::Ctrl(c)).cloned()
    }

    fn bound(&self, key: Key) -> Option<&Action> {
        self.bindings
            .iter()
            .find(|binding| binding.keys.contains(&key))
            .map(|binding| &binding.action)
    }

    /// The action of `code` pressed without Ctrl in presentation mode. While the screen is
    /// `blanked`, every key brings it back and does nothing else, as in presentation software.
    pub fn presenting(&self, code: KeyCode, blanked: bool) -> Option<Action> {
        if blanked {
            return Some(Action::Unblank);
        }
        let bound = |key| {
            self.presenting
                .iter()
                .find(|binding| binding.keys.contains(&key))
                .map(|binding| binding.action.clone())
        };
        if let KeyCode::Char(digit @ '1'..='9') = code
            && let Some(number) = digit.to_digit(10)
            && bound(Key::Digits).is_some()
        {
            return Some(Action::SelectNumber(number as usize));
        }
        bound(Key::Plain(code))
    }

    /// Rows of the help overlay: the keys of each binding, with those of the bindings listed
    /// beside it, and what they do; then what the mouse does.
    /// Then, under a blank row and `PRESENT_HEADING` (rows with no keys), the keys of
    /// presentation mode.
    pub fn help_rows(&self) -> Vec<(String, &'static str)> {
        let mut rows: Vec<(String, &'static str)> = Vec::new();
        Self::add_help_rows(self.bindings, &mut rows);
        rows.extend(
            MOUSE_ROWS
                .iter()
                .map(|(keys, description)| ((*keys).to_owned(), *description)),
        );
        rows.push((String::new(), ""));
        rows.push((String::new(), PRESENT_HEADING));
        Self::add_help_rows(self.presenting, &mut rows);
        rows
    }

    fn add_help_rows(bindings: &[Binding], rows: &mut Vec<(String, &'static str)>) {
        let first = rows.len();
        for binding in bindings {
            let names = binding.keys.iter().map(|key| key.name());
            match rows[first..].last_mut() {
                Some((keys, _)) if binding.description.is_empty() => {
                    for name in names {
                        keys.push(' ');
                        keys.push_str(&name);
                    }
                }
                _ => rows.push((names.collect::<Vec<_>>().join(" "), binding.description)),
            }
        }
    }

    /// The first key bound to `action`, as the footer and messages name it; `None` when no key
    /// is.
    pub fn name(&self, action: &Action) -> Option<Cow<'static, str>> {
        first_key(self.bindings, action)
    }

    /// The first key bound to `action` in presentation mode.
    pub fn presenting_name(&self, action: &Action) -> Option<Cow<'static, str>> {
        first_key(self.presenting, action)
    }

    /// The keys of a footer hint for `actions`: the first key of each. Arrows read as a pair
    /// written together (`↑↓`); letters need a space between them (`n N`). `None` when one of
    /// the actions has no key.
    pub fn hint(&self, actions: &[Action]) -> Option<String> {
        hint(actions.iter().map(|action| self.name(action)))
    }

    /// The keys of a hint for `actions` in presentation mode, written as `hint` writes them.
    pub fn presenting_hint(&self, actions: &[Action]) -> Option<String> {
        hint(actions.iter().map(|action| self.presenting_name(action)))
    }
}

/// The name of the first key bound to `action` in `bindings`.
fn first_key(bindings: &[Binding], action: &Action) -> Option<Cow<'static, str>> {
    bindings
        .iter()
        .find(|binding| binding.action == *action)
        .and_then(|binding| binding.keys.first())
        .map(|key| key.name())
}

/// A hint's keys from their names; `None` when one of them is missing.
fn hint(names: impl Iterator<Item = Option<Cow<'static, str>>>) -> Option<String> {
    let names = names.collect::<Option<Vec<_>>>()?;
    let symbols = names.iter().all(|name| {
        let mut chars = name.chars();
        chars
            .next()
            .is_some_and(|c| !c.is_alphanumeric() && chars.next().is_none())
    });
    Some(names.join(if symbols { "" } else { " " }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_help_lists_each_binding_with_the_ones_beside_it() {
        let rows = KeyTable::default().help_rows();
        let keys: Vec<&str> = rows.iter().map(|(keys, _)| keys.as_str()).collect();
        let mut expected = vec![
            "↓ j",
            "↑ k",
            "Home g",
            "End G",
            "1-9",
            "Enter o",
            "y",
            "c",
            "PgDn PgUp",
            "/",
            "n N",
            "i",
            "p",
            "Tab S-Tab",
            "?",
            "Esc",
            "q Ctrl-C",
        ];
        if cfg!(unix) {
            expected.push("Ctrl-Z");
        }
        expected.extend(["wheel", "click", "", ""]);
        expected.extend([
            "→ Space PgDn j",
            "← PgUp k",
            "Home g",
            "End G",
            "1-9",
            "↓ ↑",
            "b",
            "c",
            "Enter o",
            "y",
            "?",
            "Esc p",
            "q",
        ]);
        assert_eq!(keys, expected);
        assert_eq!(rows[8].1, "scroll the text");
        let heading = rows
            .iter()
            .position(|(_, description)| *description == PRESENT_HEADING);
        let blank = rows
            .iter()
            .position(|(_, description)| description.is_empty());
        assert_eq!(
            heading,
            blank.map(|blank| blank + 1),
            "a blank row, then the heading"
        );
        assert_eq!(
            rows.iter()
                .filter(|(_, description)| description.is_empty())
                .count(),
            1
        );
    }

    #[test]
    fn keys_are_looked_up_in_the_table() {
        let keys = KeyTable::default();
        assert_eq!(keys.plain(KeyCode::Char('j')), Some(Action::Next));
        assert_eq!(keys.plain(KeyCode::Down), Some(Action::Next));
        assert_eq!(keys.plain(KeyCode::BackTab), Some(Action::PreviousLink));
        assert_eq!(
            keys.plain(KeyCode::Char('7')),
            Some(Action::SelectNumber(7))
        );
        assert_eq!(keys.plain(KeyCode::Char('0')), None);
        assert_eq!(keys.plain(KeyCode::Char('c')), Some(Action::ShowQrCode));
        assert_eq!(keys.plain(KeyCode::Char('p')), Some(Action::Present));
        assert_eq!(keys.plain(KeyCode::Char('x')), None);
        assert_eq!(
            keys.plain(KeyCode::Char('b')),
            None,
            "b blanks only a slide"
        );
        assert_eq!(keys.ctrl('c'), Some(Action::Quit));
        assert_eq!(
            keys.ctrl('z'),
            cfg!(unix).then_some(Action::Suspend),
            "Ctrl-Z only where there is job control"
        );
        assert_eq!(keys.ctrl('q'), None);
    }

    #[test]
    fn presentation_mode_has_keys_of_its_own_and_any_key_lifts_a_blank_screen() {
        let keys = KeyTable::default();
        for code in [
            KeyCode::Right,
            KeyCode::Char(' '),
            KeyCode::PageDown,
            KeyCode::Char('j'),
        ] {
            assert_eq!(keys.presenting(code, false), Some(Action::Next), "{code:?}");
        }
        for code in [KeyCode::Left, KeyCode::PageUp, KeyCode::Char('k')] {
            assert_eq!(
                keys.presenting(code, false),
                Some(Action::Previous),
                "{code:?}"
            );
        }
        for (code, action) in [
            (KeyCode::Home, Action::First),
            (KeyCode::End, Action::Last),
            (KeyCode::Char('4'), Action::SelectNumber(4)),
            (KeyCode::Down, Action::ScrollDown),
            (KeyCode::Up, Action::ScrollUp),
            (KeyCode::Char('b'), Action::Blank),
            (KeyCode::Char('c'), Action::ShowQrCode),
            (KeyCode::Esc, Action::Back),
            (KeyCode::Char('p'), Action::Back),
            (KeyCode::Enter, Action::Open),
            (KeyCode::Char('q'), Action::Quit),
        ] {
            assert_eq!(keys.presenting(code, false), Some(action), "{code:?}");
        }
        assert_eq!(keys.presenting(KeyCode::Char('/'), false), None);
        assert_eq!(keys.presenting(KeyCode::Char('0'), false), None);
        for code in [
            KeyCode::Char('x'),
            KeyCode::Right,
            KeyCode::Esc,
            KeyCode::F(5),
        ] {
            assert_eq!(
                keys.presenting(code, true),
                Some(Action::Unblank),
                "{code:?}"
            );
        }
        assert_eq!(
            keys.presenting_hint(&[Action::Previous, Action::Next])
                .as_deref(),
            Some("←→")
        );
        assert_eq!(
            keys.presenting_hint(&[Action::ScrollUp, Action::ScrollDown])
                .as_deref(),
            Some("↑↓")
        );
        assert_eq!(keys.presenting_name(&Action::Back).as_deref(), Some("Esc"));
        assert_eq!(keys.presenting_name(&Action::Present), None);
        assert_eq!(Key::Plain(KeyCode::Char(' ')).name(), "Space");
    }

    #[test]
    fn hints_and_messages_name_the_first_key() {
        let keys = KeyTable::default();
        assert_eq!(keys.name(&Action::Copy).as_deref(), Some("y"));
        assert_eq!(keys.name(&Action::Open).as_deref(), Some("Enter"));
        assert_eq!(keys.name(&Action::PreviousMatch).as_deref(), Some("N"));
        assert_eq!(
            keys.name(&Action::Resize {
                width: 1,
                height: 1
            }),
            None
        );
        assert_eq!(
            keys.hint(&[Action::Previous, Action::Next]).as_deref(),
            Some("↑↓")
        );
        assert_eq!(
            keys.hint(&[Action::NextMatch, Action::PreviousMatch])
                .as_deref(),
            Some("n N")
        );
        assert_eq!(
            keys.hint(&[Action::Quit, Action::Back]).as_deref(),
            Some("q Esc")
        );
    }

    #[test]
    fn another_table_changes_what_keys_do_and_how_they_are_named() {
        const OWN: &[Binding] = &[
            bind(&[plain('c')], "copy", Action::Copy),
            bind(&[Key::Ctrl('x')], "quit", Action::Quit),
        ];
        let keys = KeyTable::new(OWN);
        assert_eq!(keys.plain(KeyCode::Char('c')), Some(Action::Copy));
        assert_eq!(keys.plain(KeyCode::Char('y')), None);
        assert_eq!(keys.plain(KeyCode::Char('3')), None, "no digits bound");
        assert_eq!(keys.ctrl('x'), Some(Action::Quit));
        assert_eq!(keys.ctrl('c'), None);
        assert_eq!(keys.name(&Action::Copy).as_deref(), Some("c"));
        assert_eq!(keys.hint(&[Action::Copy, Action::Next]), None);
        assert_eq!(keys.help_rows()[1].0, "Ctrl-X");
    }

    /// README's tables of keys are written by hand; each key of the table must be in them, in
    /// backquotes, as README writes it: the main screen's in the Keys section before its
    /// presentation mode part, presentation mode's in that part.
    #[test]
    fn readme_lists_every_key() {
        let readme = include_str!("../README.md");
        let section = readme
            .split("\n## Keys\n")
            .nth(1)
            .and_then(|rest| rest.split("\n## ").next())
            .expect("README has a Keys section");
        let (main, rest) = section
            .split_once("\n### In presentation mode\n")
            .expect("the Keys section has a part for presentation mode");
        let presenting = rest.split("\n### ").next().unwrap_or(rest);
        for (bindings, part) in [(DEFAULT_BINDINGS, main), (PRESENT_BINDINGS, presenting)] {
            for key in bindings.iter().flat_map(|binding| binding.keys) {
                let written = match key {
                    Key::Plain(KeyCode::BackTab) => "`Shift-Tab`".to_owned(),
                    Key::Digits => "`1`–`9`".to_owned(),
                    key => format!("`{}`", key.name()),
                };
                assert!(
                    part.contains(&written),
                    "README's Keys section does not list {written}"
                );
            }
        }
    }
}
