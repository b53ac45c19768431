//! The key table: which key does what, as data. Input handling (`event`), the help overlay, the
//! footer's hints and every message that names a key all read the one `KeyTable` the app holds,
//! so they cannot drift apart. README's key list is kept to match it by a test. Presentation
//! mode has a table of its own (`PRESENT_BINDINGS`), asked through the same `KeyTable`.
//!
//! The defaults are `DEFAULT_BINDINGS`; a config file changes them by naming actions
//! (`names`) and giving each its keys in a notation people know (`notation`), and
//! `KeyTable::rebound` makes the table in effect.

mod names;
mod notation;

use std::borrow::Cow;

use ratatui::crossterm::event::KeyCode;

use crate::action::Action;
use crate::screen::{Keymap, Mode, Screen};

pub use names::{ACTION_NAMES, action_name, action_named};
pub use notation::{KeyError, key_names};

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
            Key::Plain(KeyCode::Left) => "←",
            Key::Plain(KeyCode::Right) => "→",
            Key::Plain(KeyCode::Home) => "Home",
            Key::Plain(KeyCode::End) => "End",
            Key::Plain(KeyCode::Enter) => "Enter",
            Key::Plain(KeyCode::PageDown) => "PgDn",
            Key::Plain(KeyCode::PageUp) => "PgUp",
            Key::Plain(KeyCode::Tab) => "Tab",
            Key::Plain(KeyCode::BackTab) => "Shift-Tab",
            Key::Plain(KeyCode::Esc) => "Esc",
            Key::Plain(_) => return Cow::Owned(self.notation()),
            Key::Ctrl(c) => return Cow::Owned(format!("Ctrl-{}", c.to_ascii_uppercase())),
            Key::Digits => "1-9",
        };
        Cow::Borrowed(name)
    }
}

/// One row of the key table: keys, what they do, and how the help describes it. The defaults
/// are constants; a config file gives rows keys of its own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Binding {
    keys: Cow<'static, [Key]>,
    /// Empty for a binding the help lists on the row above it (`PgUp` beside `PgDn`).
    description: &'static str,
    action: Action,
}

/// A row of the table.
pub const fn bind(keys: &'static [Key], description: &'static str, action: Action) -> Binding {
    Binding {
        keys: Cow::Borrowed(keys),
        description,
        action,
    }
}

impl Binding {
    pub fn keys(&self) -> &[Key] {
        &self.keys
    }

    /// How the help describes it; empty for a row listed beside the one above it.
    pub fn description(&self) -> &'static str {
        self.description
    }

    pub fn action(&self) -> &Action {
        &self.action
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
/// any key brings it back (`KeyTable::action`).
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

/// The default rows of `keymap`.
pub fn default_bindings(keymap: Keymap) -> &'static [Binding] {
    match keymap {
        Keymap::Browser => DEFAULT_BINDINGS,
        Keymap::Presentation => PRESENT_BINDINGS,
    }
}

/// The keys that do something else than type while a filter is typed. They are fixed: a
/// config file cannot change them, and every letter is text.
pub const FILTER_BINDINGS: &[Binding] = &[
    bind(
        &[Key::Plain(KeyCode::Enter)],
        "keep the filter",
        Action::AcceptFilter,
    ),
    bind(
        &[Key::Plain(KeyCode::Esc)],
        "clear the filter",
        Action::Back,
    ),
    bind(
        &[Key::Plain(KeyCode::Backspace)],
        "delete the last character",
        Action::FilterBackspace,
    ),
    bind(&[Key::Plain(KeyCode::Down)], "next value", Action::Next),
    bind(
        &[Key::Plain(KeyCode::Up)],
        "previous value",
        Action::Previous,
    ),
];

/// The help's heading over the keys of presentation mode.
pub const PRESENT_HEADING: &str = "In presentation mode";

/// What the mouse does, listed in the help after the keys.
const MOUSE_ROWS: [(&str, &str); 2] = [
    ("wheel", "scroll the pane under the pointer"),
    ("click", "select a value, or open a link"),
];

/// The key tables in effect, and whether the app takes the mouse: the one place anything asks
/// which key does what. The defaults, or the defaults with a config file's keys.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyTable {
    bindings: Vec<Binding>,
    /// The keys of presentation mode.
    presenting: Vec<Binding>,
    mouse: bool,
}

impl Default for KeyTable {
    fn default() -> KeyTable {
        KeyTable::new(DEFAULT_BINDINGS)
    }
}

impl KeyTable {
    /// A table of `bindings` for the browser, the default keys of presentation mode, and the
    /// mouse on.
    pub fn new(bindings: &[Binding]) -> KeyTable {
        KeyTable {
            bindings: bindings.to_vec(),
            presenting: PRESENT_BINDINGS.to_vec(),
            mouse: true,
        }
    }

    /// This table with a user's keys for `keymap`: each action listed gets exactly the keys
    /// listed for it, and a key listed is taken from whichever other action had it, so the
    /// user's choice wins. Actions not listed keep the keys they had, less those taken. An
    /// action this table has no row for (`suspend` where there is no job control) still takes
    /// its keys from the rows here.
    pub fn rebound(mut self, rebindings: &[(Action, Vec<Key>)], keymap: Keymap) -> KeyTable {
        rebind(self.rows_mut(keymap), rebindings);
        self
    }

    /// This table with the mouse on or off; off, the app leaves the mouse to the terminal.
    pub fn with_mouse(mut self, mouse: bool) -> KeyTable {
        self.mouse = mouse;
        self
    }

    /// Whether the app takes the mouse (the wheel scrolls, a click selects or opens).
    pub fn mouse(&self) -> bool {
        self.mouse
    }

    /// The rows of `keymap`, in the order the help lists them.
    pub fn bindings(&self, keymap: Keymap) -> &[Binding] {
        match keymap {
            Keymap::Browser => &self.bindings,
            Keymap::Presentation => &self.presenting,
        }
    }

    fn rows_mut(&mut self, keymap: Keymap) -> &mut [Binding] {
        match keymap {
            Keymap::Browser => &mut self.bindings,
            Keymap::Presentation => &mut self.presenting,
        }
    }

    /// The action of `code`, pressed with Ctrl or without, on `screen`.
    ///
    /// The browser's Ctrl keys work on every screen (Ctrl-C quits, Ctrl-Z suspends), after a
    /// slide's own. While a filter is typed, a character is text and `FILTER_BINDINGS` say
    /// what the other keys do. While a slide is blanked, any key that is not one of the
    /// browser's Ctrl keys brings it back and does nothing else, as in presentation software. A
    /// digit bound on its own wins over the digits that select by number.
    pub fn action(&self, code: KeyCode, ctrl: bool, screen: Screen) -> Option<Action> {
        let ctrl_char = match code {
            KeyCode::Char(c) if ctrl => Some(c),
            _ => None,
        };
        let everywhere = ctrl_char.and_then(|c| bound(&self.bindings, Key::Ctrl(c)).cloned());
        match screen {
            Screen {
                mode: mode @ (Mode::Presenting | Mode::Blanked),
                overlay: None,
            } => {
                let own = match ctrl_char {
                    Some(c) => bound(&self.presenting, Key::Ctrl(c)).cloned(),
                    None if ctrl => None,
                    None => action_of(&self.presenting, code),
                };
                match (own, everywhere) {
                    (None, Some(action)) => Some(action),
                    _ if mode == Mode::Blanked => Some(Action::Unblank),
                    (own, _) => own,
                }
            }
            _ if everywhere.is_some() => everywhere,
            Screen {
                mode: Mode::TypingFilter,
                overlay: None,
            } => match code {
                KeyCode::Char(c) if !ctrl => Some(Action::FilterInput(c)),
                code => action_of(FILTER_BINDINGS, code),
            },
            _ if ctrl => None,
            _ => action_of(&self.bindings, code),
        }
    }

    /// Rows of the help overlay: the keys of each binding, with those of the bindings listed
    /// beside it, and what they do; then what the mouse does, when the app takes it; then,
    /// under a blank row and `PRESENT_HEADING` (rows with no keys), the keys of presentation
    /// mode. A binding left without keys is not shown.
    pub fn help_rows(&self) -> Vec<(String, &'static str)> {
        let mut rows = help_rows(&self.bindings);
        if self.mouse {
            rows.extend(
                MOUSE_ROWS
                    .iter()
                    .map(|(keys, description)| ((*keys).to_owned(), *description)),
            );
        }
        rows.push((String::new(), ""));
        rows.push((String::new(), PRESENT_HEADING));
        rows.extend(help_rows(&self.presenting));
        rows
    }

    /// The first key bound to `action` on `screen`, as the footer and messages name it; `None`
    /// when no key is. While a filter is typed, the keys of `FILTER_BINDINGS` come first.
    pub fn name(&self, action: &Action, screen: Screen) -> Option<Cow<'static, str>> {
        match screen {
            Screen {
                mode: Mode::TypingFilter,
                overlay: None,
            } => first_key(FILTER_BINDINGS, action),
            _ => None,
        }
        .or_else(|| first_key(self.bindings(screen.keymap()), action))
    }

    /// The keys of a footer hint for `actions` on `screen`: the first key of each. Arrows read
    /// as a pair written together (`↑↓`); letters need a space between them (`n N`). `None`
    /// when one of the actions has no key.
    pub fn hint(&self, actions: &[Action], screen: Screen) -> Option<String> {
        hint(actions.iter().map(|action| self.name(action, screen)))
    }
}

fn bound(bindings: &[Binding], key: Key) -> Option<&Action> {
    bindings
        .iter()
        .find(|binding| binding.keys.contains(&key))
        .map(|binding| &binding.action)
}

/// The action of `code` pressed without Ctrl in `bindings`. A digit bound on its own wins over
/// the digits that select by number.
fn action_of(bindings: &[Binding], code: KeyCode) -> Option<Action> {
    if let Some(action) = bound(bindings, Key::Plain(code)) {
        return Some(action.clone());
    }
    if let KeyCode::Char(digit @ '1'..='9') = code
        && let Some(number) = digit.to_digit(10)
        && bound(bindings, Key::Digits).is_some()
    {
        return Some(Action::SelectNumber(number as usize));
    }
    None
}

/// A key of `bindings` as the help, the footer and messages write it, or `None` for one that
/// does nothing: the digits that select by number are those not bound on their own.
fn key_name(bindings: &[Binding], key: Key) -> Option<Cow<'static, str>> {
    if key != Key::Digits {
        return Some(key.name());
    }
    let free: Vec<char> = ('1'..='9')
        .filter(|digit| bound(bindings, Key::Plain(KeyCode::Char(*digit))).is_none())
        .collect();
    if free.len() == 9 {
        return Some(key.name());
    }
    let mut runs: Vec<(char, char)> = Vec::new();
    for digit in free {
        match runs.last_mut() {
            Some((_, last)) if u32::from(*last) + 1 == u32::from(digit) => *last = digit,
            _ => runs.push((digit, digit)),
        }
    }
    let names: Vec<String> = runs
        .iter()
        .map(|(first, last)| match u32::from(*last) - u32::from(*first) {
            0 => first.to_string(),
            1 => format!("{first} {last}"),
            _ => format!("{first}-{last}"),
        })
        .collect();
    (!names.is_empty()).then(|| Cow::Owned(names.join(" ")))
}

/// The help's rows for `bindings`: the keys of each binding, with those of the bindings listed
/// beside it, and what they do; a row left without keys is not shown.
fn help_rows(bindings: &[Binding]) -> Vec<(String, &'static str)> {
    let mut rows: Vec<(Vec<Cow<'static, str>>, &'static str)> = Vec::new();
    for binding in bindings {
        let names = binding
            .keys
            .iter()
            .filter_map(|key| key_name(bindings, *key));
        match rows.last_mut() {
            Some((keys, _)) if binding.description.is_empty() => keys.extend(names),
            _ => rows.push((names.collect(), binding.description)),
        }
    }
    rows.into_iter()
        .filter(|(keys, _)| !keys.is_empty())
        .map(|(keys, description)| (keys.join(" "), description))
        .collect()
}

/// The name of the first key bound to `action` in `bindings` that does something; `None` when
/// there is none.
fn first_key(bindings: &[Binding], action: &Action) -> Option<Cow<'static, str>> {
    bindings
        .iter()
        .filter(|binding| binding.action == *action)
        .flat_map(|binding| binding.keys.iter())
        .find_map(|key| key_name(bindings, *key))
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

/// Gives `bindings` a user's keys, as `KeyTable::rebound` says.
fn rebind(bindings: &mut [Binding], rebindings: &[(Action, Vec<Key>)]) {
    for (action, keys) in rebindings {
        for binding in bindings.iter_mut() {
            if binding.action == *action {
                binding.keys = Cow::Owned(keys.clone());
            } else if binding.keys.iter().any(|key| keys.contains(key)) {
                binding.keys.to_mut().retain(|key| !keys.contains(key));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::screen::Overlay;

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
            "Tab Shift-Tab",
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
        assert_eq!(
            keys.action(KeyCode::Char('j'), false, Screen::BROWSER),
            Some(Action::Next)
        );
        assert_eq!(
            keys.action(KeyCode::Down, false, Screen::BROWSER),
            Some(Action::Next)
        );
        assert_eq!(
            keys.action(KeyCode::BackTab, false, Screen::BROWSER),
            Some(Action::PreviousLink)
        );
        assert_eq!(
            keys.action(KeyCode::Char('7'), false, Screen::BROWSER),
            Some(Action::SelectNumber(7))
        );
        assert_eq!(
            keys.action(KeyCode::Char('0'), false, Screen::BROWSER),
            None
        );
        assert_eq!(
            keys.action(KeyCode::Char('c'), false, Screen::BROWSER),
            Some(Action::ShowQrCode)
        );
        assert_eq!(
            keys.action(KeyCode::Char('p'), false, Screen::BROWSER),
            Some(Action::Present)
        );
        assert_eq!(
            keys.action(KeyCode::Char('x'), false, Screen::BROWSER),
            None
        );
        assert_eq!(
            keys.action(KeyCode::Char('b'), false, Screen::BROWSER),
            None,
            "b blanks only a slide"
        );
        assert_eq!(
            keys.action(KeyCode::Char('c'), true, Screen::BROWSER),
            Some(Action::Quit)
        );
        assert_eq!(
            keys.action(KeyCode::Char('z'), true, Screen::BROWSER),
            cfg!(unix).then_some(Action::Suspend),
            "Ctrl-Z only where there is job control"
        );
        assert_eq!(keys.action(KeyCode::Char('q'), true, Screen::BROWSER), None);
    }

    #[test]
    fn presentation_mode_has_keys_of_its_own() {
        let keys = KeyTable::default();
        for code in [
            KeyCode::Right,
            KeyCode::Char(' '),
            KeyCode::PageDown,
            KeyCode::Char('j'),
        ] {
            assert_eq!(
                keys.action(code, false, Screen::SLIDE),
                Some(Action::Next),
                "{code:?}"
            );
        }
        for code in [KeyCode::Left, KeyCode::PageUp, KeyCode::Char('k')] {
            assert_eq!(
                keys.action(code, false, Screen::SLIDE),
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
            assert_eq!(
                keys.action(code, false, Screen::SLIDE),
                Some(action),
                "{code:?}"
            );
        }
        assert_eq!(keys.action(KeyCode::Char('/'), false, Screen::SLIDE), None);
        assert_eq!(keys.action(KeyCode::Char('0'), false, Screen::SLIDE), None);
        assert_eq!(
            keys.hint(&[Action::Previous, Action::Next], Screen::SLIDE)
                .as_deref(),
            Some("←→")
        );
        assert_eq!(
            keys.hint(&[Action::ScrollUp, Action::ScrollDown], Screen::SLIDE)
                .as_deref(),
            Some("↑↓")
        );
        assert_eq!(
            keys.name(&Action::Back, Screen::SLIDE).as_deref(),
            Some("Esc")
        );
        assert_eq!(keys.name(&Action::Present, Screen::SLIDE), None);
        assert_eq!(Key::Plain(KeyCode::Char(' ')).name(), "Space");
    }

    #[test]
    fn hints_and_messages_name_the_first_key() {
        let keys = KeyTable::default();
        assert_eq!(
            keys.name(&Action::Copy, Screen::BROWSER).as_deref(),
            Some("y")
        );
        assert_eq!(
            keys.name(&Action::Open, Screen::BROWSER).as_deref(),
            Some("Enter")
        );
        assert_eq!(
            keys.name(&Action::PreviousMatch, Screen::BROWSER)
                .as_deref(),
            Some("N")
        );
        assert_eq!(
            keys.name(
                &Action::Resize {
                    width: 1,
                    height: 1
                },
                Screen::BROWSER
            ),
            None
        );
        assert_eq!(
            keys.hint(&[Action::Previous, Action::Next], Screen::BROWSER)
                .as_deref(),
            Some("↑↓")
        );
        assert_eq!(
            keys.hint(&[Action::NextMatch, Action::PreviousMatch], Screen::BROWSER)
                .as_deref(),
            Some("n N")
        );
        assert_eq!(
            keys.hint(&[Action::Quit, Action::Back], Screen::BROWSER)
                .as_deref(),
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
        assert_eq!(
            keys.action(KeyCode::Char('c'), false, Screen::BROWSER),
            Some(Action::Copy)
        );
        assert_eq!(
            keys.action(KeyCode::Char('y'), false, Screen::BROWSER),
            None
        );
        assert_eq!(
            keys.action(KeyCode::Char('3'), false, Screen::BROWSER),
            None,
            "no digits bound"
        );
        assert_eq!(
            keys.action(KeyCode::Char('x'), true, Screen::BROWSER),
            Some(Action::Quit)
        );
        assert_eq!(keys.action(KeyCode::Char('c'), true, Screen::BROWSER), None);
        assert_eq!(
            keys.name(&Action::Copy, Screen::BROWSER).as_deref(),
            Some("c")
        );
        assert_eq!(
            keys.hint(&[Action::Copy, Action::Next], Screen::BROWSER),
            None
        );
        assert_eq!(keys.help_rows()[1].0, "Ctrl-X");
    }

    /// README's tables of keys are written by hand; each binding's keys must be in them, in
    /// backquotes as README writes them, together in the keys column of one row: the main
    /// screen's in the Keys section before its presentation mode part, presentation mode's in
    /// that part.
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
            let key_columns: Vec<&str> = part
                .lines()
                .filter_map(|line| line.strip_prefix("| ")?.split(" |").next())
                .collect();
            for binding in bindings {
                let written: Vec<String> = binding
                    .keys()
                    .iter()
                    .map(|key| match key {
                        Key::Digits => "`1`–`9`".to_owned(),
                        key => format!("`{}`", key.name()),
                    })
                    .collect();
                assert!(
                    key_columns
                        .iter()
                        .any(|column| written.iter().all(|key| column.contains(key))),
                    "no row of README's Keys section lists {written:?} together"
                );
            }
        }
    }

    fn char(c: char) -> Key {
        Key::Plain(KeyCode::Char(c))
    }

    #[test]
    fn a_rebound_action_has_exactly_the_keys_given() {
        let keys = KeyTable::default().rebound(&[(Action::Next, vec![char('n')])], Keymap::Browser);
        assert_eq!(
            keys.action(KeyCode::Char('n'), false, Screen::BROWSER),
            Some(Action::Next)
        );
        assert_eq!(
            keys.action(KeyCode::Char('j'), false, Screen::BROWSER),
            None,
            "j is no longer next"
        );
        assert_eq!(
            keys.action(KeyCode::Down, false, Screen::BROWSER),
            None,
            "nor is Down"
        );
        assert_eq!(
            keys.action(KeyCode::Char('k'), false, Screen::BROWSER),
            Some(Action::Previous)
        );
        assert_eq!(keys.help_rows()[0].0, "n");
    }

    #[test]
    fn a_key_given_to_one_action_is_taken_from_the_one_that_had_it() {
        let keys = KeyTable::default().rebound(
            &[(Action::Next, vec![char('n'), char('j')])],
            Keymap::Browser,
        );
        assert_eq!(
            keys.action(KeyCode::Char('n'), false, Screen::BROWSER),
            Some(Action::Next)
        );
        // next-match kept its other keys (none) and lost `n`; previous-match is untouched.
        assert_eq!(keys.name(&Action::NextMatch, Screen::BROWSER), None);
        assert_eq!(
            keys.action(KeyCode::Char('N'), false, Screen::BROWSER),
            Some(Action::PreviousMatch)
        );
        let rows = keys.help_rows();
        assert!(rows.iter().any(|(keys, _)| keys == "N"), "{rows:?}");
        assert_eq!(
            keys.hint(&[Action::NextMatch, Action::PreviousMatch], Screen::BROWSER),
            None
        );
    }

    #[test]
    fn later_rebindings_take_keys_from_earlier_ones() {
        let keys = KeyTable::default().rebound(
            &[
                (Action::Copy, vec![char('c')]),
                (Action::Quit, vec![char('c')]),
            ],
            Keymap::Browser,
        );
        assert_eq!(
            keys.action(KeyCode::Char('c'), false, Screen::BROWSER),
            Some(Action::Quit)
        );
        assert_eq!(keys.name(&Action::Copy, Screen::BROWSER), None);
    }

    #[test]
    fn an_action_rebound_to_nothing_leaves_the_help() {
        let keys = KeyTable::default().rebound(&[(Action::PageDown, vec![])], Keymap::Browser);
        let rows = keys.help_rows();
        // PgUp, listed beside PgDn, keeps its row and its description.
        assert!(
            rows.contains(&("PgUp".to_owned(), "scroll the text")),
            "{rows:?}"
        );
        let keys = keys.rebound(&[(Action::PageUp, vec![])], Keymap::Browser);
        assert!(
            keys.help_rows()
                .iter()
                .all(|(_, description)| *description != "scroll the text")
        );
    }

    #[test]
    fn a_digit_bound_on_its_own_wins_over_selecting_by_number() {
        let keys = KeyTable::default().rebound(
            &[
                (Action::First, vec![char('1')]),
                (Action::Last, vec![char('9'), char('5')]),
            ],
            Keymap::Browser,
        );
        assert_eq!(
            keys.action(KeyCode::Char('1'), false, Screen::BROWSER),
            Some(Action::First)
        );
        assert_eq!(
            keys.action(KeyCode::Char('5'), false, Screen::BROWSER),
            Some(Action::Last)
        );
        assert_eq!(
            keys.action(KeyCode::Char('2'), false, Screen::BROWSER),
            Some(Action::SelectNumber(2))
        );
        let rows = keys.help_rows();
        assert_eq!(rows[4], ("2-4 6-8".to_owned(), "value by number"));
        let all = (1..=9)
            .map(|digit| char(char::from_digit(digit, 10).unwrap()))
            .collect();
        let keys = keys.rebound(&[(Action::Copy, all)], Keymap::Browser);
        assert_eq!(keys.name(&Action::SelectNumber(1), Screen::BROWSER), None);
        let rows = keys.help_rows();
        let browsing = rows.iter().take_while(|(_, d)| !d.is_empty());
        assert!(!browsing.clone().any(|(_, d)| *d == "value by number"));
        assert!(browsing.clone().any(|(_, d)| *d == "quit"), "{rows:?}");
        let pair = KeyTable::default().rebound(
            &[(
                Action::Copy,
                (3..=9)
                    .map(|digit| char(char::from_digit(digit, 10).unwrap()))
                    .collect(),
            )],
            Keymap::Browser,
        );
        assert_eq!(pair.help_rows()[4].0, "1 2");
    }

    #[test]
    fn without_the_mouse_the_help_leaves_it_out() {
        let with = KeyTable::default();
        let without = KeyTable::default().with_mouse(false);
        assert!(with.mouse() && !without.mouse());
        assert_eq!(with.help_rows().len(), without.help_rows().len() + 2);
        assert!(
            without
                .help_rows()
                .iter()
                .all(|(keys, _)| keys != "wheel" && keys != "click")
        );
    }

    #[test]
    fn new_keys_are_named_for_the_help() {
        for (key, name) in [
            (char(' '), "Space"),
            (Key::Plain(KeyCode::Left), "←"),
            (Key::Plain(KeyCode::F(2)), "F2"),
            (Key::Plain(KeyCode::Delete), "Delete"),
            (Key::Ctrl('n'), "Ctrl-N"),
        ] {
            assert_eq!(key.name(), name);
        }
    }

    /// A config file can rebind every action of the table, and each name means one action.
    #[test]
    fn every_action_of_the_table_has_one_name() {
        for binding in DEFAULT_BINDINGS.iter().chain(PRESENT_BINDINGS) {
            let name = action_name(binding.action());
            assert!(name.is_some(), "{:?} has no name", binding.action());
            assert_eq!(
                action_named(name.unwrap()).map(|(_, action)| action),
                Some(binding.action())
            );
        }
        for (index, (name, action)) in ACTION_NAMES.iter().enumerate() {
            assert!(
                ACTION_NAMES[index + 1..]
                    .iter()
                    .all(|(other, again)| other != name && again != action),
                "{name} is listed twice"
            );
        }
    }

    #[test]
    fn a_ctrl_key_that_is_no_letter_does_nothing_on_a_slide_or_in_the_browser() {
        let keys = KeyTable::default();
        for screen in [Screen::SLIDE, Screen::BROWSER] {
            assert_eq!(
                keys.action(KeyCode::Right, true, screen),
                None,
                "{screen:?}"
            );
            assert_eq!(
                keys.action(KeyCode::PageDown, true, screen),
                None,
                "{screen:?}"
            );
        }
        assert_eq!(
            keys.action(KeyCode::Right, false, Screen::SLIDE),
            Some(Action::Next)
        );
    }

    #[test]
    fn the_screen_decides_what_a_key_does() {
        let keys = KeyTable::default();
        let typing = Screen::plain(Mode::TypingFilter);
        let blanked = Screen::plain(Mode::Blanked);
        let help_over_slide = Screen {
            mode: Mode::Presenting,
            overlay: Some(Overlay::Help),
        };
        let qr_over_typing = Screen {
            mode: Mode::TypingFilter,
            overlay: Some(Overlay::QrCode),
        };
        let q = KeyCode::Char('q');
        for (code, ctrl, screen, action) in [
            (q, false, Screen::BROWSER, Some(Action::Quit)),
            (q, false, typing, Some(Action::FilterInput('q'))),
            (q, false, blanked, Some(Action::Unblank)),
            (q, false, qr_over_typing, Some(Action::Quit)),
            (KeyCode::Char('c'), true, typing, Some(Action::Quit)),
            (KeyCode::Char('c'), true, blanked, Some(Action::Quit)),
            (KeyCode::Char('c'), true, Screen::SLIDE, Some(Action::Quit)),
            (KeyCode::Char('x'), true, blanked, Some(Action::Unblank)),
            (KeyCode::Char('x'), true, Screen::SLIDE, None),
            (KeyCode::Char('j'), true, Screen::BROWSER, None),
            (KeyCode::Enter, false, typing, Some(Action::AcceptFilter)),
            (
                KeyCode::Backspace,
                true,
                typing,
                Some(Action::FilterBackspace),
            ),
            (KeyCode::Esc, false, typing, Some(Action::Back)),
            (KeyCode::Down, false, typing, Some(Action::Next)),
            (
                KeyCode::Char('1'),
                false,
                typing,
                Some(Action::FilterInput('1')),
            ),
            (
                KeyCode::Down,
                false,
                Screen::SLIDE,
                Some(Action::ScrollDown),
            ),
            (KeyCode::Down, false, help_over_slide, Some(Action::Next)),
            (
                KeyCode::Char('b'),
                false,
                Screen::SLIDE,
                Some(Action::Blank),
            ),
            (KeyCode::Char('b'), false, help_over_slide, None),
        ] {
            assert_eq!(
                keys.action(code, ctrl, screen),
                action,
                "{code:?} (ctrl {ctrl}) on {screen:?}"
            );
        }
    }

    #[test]
    fn the_keys_that_keep_and_clear_a_filter_are_named_from_the_fixed_ones() {
        let keys = KeyTable::default().rebound(
            &[
                (Action::Back, vec![Key::Ctrl('g')]),
                (Action::Copy, vec![plain('w')]),
            ],
            Keymap::Browser,
        );
        let typing = Screen::plain(Mode::TypingFilter);
        assert_eq!(
            keys.name(&Action::AcceptFilter, typing).as_deref(),
            Some("Enter")
        );
        assert_eq!(keys.name(&Action::Back, typing).as_deref(), Some("Esc"));
        assert_eq!(
            keys.name(&Action::Back, Screen::BROWSER).as_deref(),
            Some("Ctrl-G")
        );
        assert_eq!(keys.name(&Action::AcceptFilter, Screen::BROWSER), None);
        assert_eq!(
            keys.name(&Action::Copy, typing).as_deref(),
            Some("w"),
            "the browser's after"
        );
        let qr_over_slide = Screen {
            mode: Mode::Presenting,
            overlay: Some(Overlay::QrCode),
        };
        assert_eq!(
            keys.name(&Action::Copy, qr_over_slide).as_deref(),
            Some("w")
        );
        assert_eq!(
            keys.name(&Action::Copy, Screen::SLIDE).as_deref(),
            Some("y")
        );
    }
}
