//! Turns terminal events into actions. The key map is data: the same table drives input
//! handling and the help overlay, so they cannot drift apart.

use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};

use crate::app::{Action, App};

/// One row of the key map.
pub struct Binding {
    /// The keys as shown to the user.
    pub keys: &'static str,
    pub description: &'static str,
    codes: &'static [KeyCode],
    action: Action,
}

const fn bind(
    keys: &'static str,
    description: &'static str,
    codes: &'static [KeyCode],
    action: Action,
) -> Binding {
    Binding {
        keys,
        description,
        codes,
        action,
    }
}

/// Every key of the main screen, in the order the help overlay lists them.
pub const KEYMAP: &[Binding] = &[
    bind(
        "↓ j",
        "next value",
        &[KeyCode::Down, KeyCode::Char('j')],
        Action::Next,
    ),
    bind(
        "↑ k",
        "previous value",
        &[KeyCode::Up, KeyCode::Char('k')],
        Action::Previous,
    ),
    bind(
        "Home g",
        "first value",
        &[KeyCode::Home, KeyCode::Char('g')],
        Action::First,
    ),
    bind(
        "End G",
        "last value",
        &[KeyCode::End, KeyCode::Char('G')],
        Action::Last,
    ),
    bind("1-9", "value by number", &[], Action::SelectNumber(1)),
    bind(
        "Enter o",
        "open the video (or the highlighted link)",
        &[KeyCode::Enter, KeyCode::Char('o')],
        Action::Open,
    ),
    bind(
        "y",
        "copy the video (or the highlighted link)",
        &[KeyCode::Char('y')],
        Action::Copy,
    ),
    bind(
        "PgDn PgUp",
        "scroll the text",
        &[KeyCode::PageDown],
        Action::PageDown,
    ),
    bind("", "", &[KeyCode::PageUp], Action::PageUp),
    bind(
        "/",
        "filter by name and text",
        &[KeyCode::Char('/')],
        Action::StartFilter,
    ),
    bind(
        "n N",
        "next/previous filter match in the text",
        &[KeyCode::Char('n')],
        Action::NextMatch,
    ),
    bind("", "", &[KeyCode::Char('N')], Action::PreviousMatch),
    bind(
        "i",
        "about: introduction and links",
        &[KeyCode::Char('i')],
        Action::ToggleAbout,
    ),
    bind(
        "Tab S-Tab",
        "next/previous link in about",
        &[KeyCode::Tab],
        Action::NextLink,
    ),
    bind("", "", &[KeyCode::BackTab], Action::PreviousLink),
    bind("?", "this help", &[KeyCode::Char('?')], Action::ToggleHelp),
    bind(
        "Esc",
        "close, clear the filter, or quit",
        &[KeyCode::Esc],
        Action::Back,
    ),
    bind("q Ctrl-C", "quit", &[KeyCode::Char('q')], Action::Quit),
    // Only Unix shells have job control to suspend to.
    #[cfg(unix)]
    bind(
        "Ctrl-Z",
        "suspend to the shell (fg resumes)",
        &[],
        Action::Suspend,
    ),
];

/// Rows of the help overlay: each shown binding, then what the mouse does.
pub fn help_rows() -> Vec<(&'static str, &'static str)> {
    KEYMAP
        .iter()
        .filter(|binding| !binding.keys.is_empty())
        .map(|binding| (binding.keys, binding.description))
        .chain([
            ("wheel", "scroll the pane under the pointer"),
            ("click", "select a value, or open a link"),
        ])
        .collect()
}

/// The action for a terminal event, given the current state (typing a filter changes what the
/// letter keys mean).
pub fn action_for(app: &App, event: &Event) -> Option<Action> {
    match event {
        Event::Key(key) if key.kind != KeyEventKind::Release => key_action(app, key),
        Event::Mouse(mouse) => mouse_action(mouse),
        Event::Resize(width, height) => Some(Action::Resize {
            width: *width,
            height: *height,
        }),
        _ => None,
    }
}

fn key_action(app: &App, key: &KeyEvent) -> Option<Action> {
    let control = key.modifiers.contains(KeyModifiers::CONTROL);
    if control && key.code == KeyCode::Char('c') {
        return Some(Action::Quit);
    }
    if cfg!(unix) && control && key.code == KeyCode::Char('z') {
        return Some(Action::Suspend);
    }
    if app.filter_editing && !app.help_open {
        return match key.code {
            KeyCode::Char(c) if !control => Some(Action::FilterInput(c)),
            KeyCode::Backspace => Some(Action::FilterBackspace),
            KeyCode::Enter => Some(Action::AcceptFilter),
            KeyCode::Esc => Some(Action::Back),
            KeyCode::Down => Some(Action::Next),
            KeyCode::Up => Some(Action::Previous),
            _ => None,
        };
    }
    if control {
        return None;
    }
    if let KeyCode::Char(digit @ '1'..='9') = key.code {
        return digit.to_digit(10).map(|n| Action::SelectNumber(n as usize));
    }
    KEYMAP
        .iter()
        .find(|binding| binding.codes.contains(&key.code))
        .map(|binding| binding.action.clone())
}

fn mouse_action(mouse: &MouseEvent) -> Option<Action> {
    let (column, row) = (mouse.column, mouse.row);
    match mouse.kind {
        MouseEventKind::ScrollDown => Some(Action::Scroll {
            column,
            row,
            lines: 1,
        }),
        MouseEventKind::ScrollUp => Some(Action::Scroll {
            column,
            row,
            lines: -1,
        }),
        MouseEventKind::Down(MouseButton::Left) => Some(Action::Click { column, row }),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::values;

    fn app() -> App {
        App::new(values::builtin().expect("the built-in values are valid"))
    }

    fn press(code: KeyCode) -> Event {
        Event::Key(KeyEvent::new(code, KeyModifiers::NONE))
    }

    #[test]
    fn vim_keys_and_arrows_do_the_same() {
        let app = app();
        for (a, b) in [
            (KeyCode::Char('j'), KeyCode::Down),
            (KeyCode::Char('k'), KeyCode::Up),
            (KeyCode::Char('g'), KeyCode::Home),
            (KeyCode::Char('G'), KeyCode::End),
            (KeyCode::Char('o'), KeyCode::Enter),
        ] {
            let action = action_for(&app, &press(a));
            assert!(action.is_some(), "{a:?}");
            assert_eq!(action, action_for(&app, &press(b)));
        }
    }

    #[test]
    fn digits_select_by_number() {
        assert_eq!(
            action_for(&app(), &press(KeyCode::Char('4'))),
            Some(Action::SelectNumber(4))
        );
        assert_eq!(action_for(&app(), &press(KeyCode::Char('0'))), None);
    }

    #[test]
    fn typing_a_filter_turns_letters_into_text() {
        let mut app = app();
        app.update(Action::StartFilter);
        assert_eq!(
            action_for(&app, &press(KeyCode::Char('q'))),
            Some(Action::FilterInput('q'))
        );
        assert_eq!(
            action_for(&app, &press(KeyCode::Char('j'))),
            Some(Action::FilterInput('j'))
        );
        assert_eq!(
            action_for(&app, &press(KeyCode::Enter)),
            Some(Action::AcceptFilter)
        );
        let ctrl_c = Event::Key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL));
        assert_eq!(action_for(&app, &ctrl_c), Some(Action::Quit));
    }

    #[test]
    fn y_copies_and_is_text_while_filtering() {
        let mut app = app();
        assert_eq!(
            action_for(&app, &press(KeyCode::Char('y'))),
            Some(Action::Copy)
        );
        app.update(Action::StartFilter);
        assert_eq!(
            action_for(&app, &press(KeyCode::Char('y'))),
            Some(Action::FilterInput('y'))
        );
    }

    #[test]
    fn n_and_shift_n_step_through_matches() {
        let app = app();
        assert_eq!(
            action_for(&app, &press(KeyCode::Char('n'))),
            Some(Action::NextMatch)
        );
        assert_eq!(
            action_for(&app, &press(KeyCode::Char('N'))),
            Some(Action::PreviousMatch)
        );
    }

    #[test]
    fn key_releases_are_ignored() {
        let mut release = KeyEvent::new(KeyCode::Char('q'), KeyModifiers::NONE);
        release.kind = KeyEventKind::Release;
        assert_eq!(action_for(&app(), &Event::Key(release)), None);
    }

    #[test]
    fn ctrl_z_suspends_only_where_there_is_job_control() {
        let ctrl_z = Event::Key(KeyEvent::new(KeyCode::Char('z'), KeyModifiers::CONTROL));
        let listed = help_rows().iter().any(|(keys, _)| *keys == "Ctrl-Z");
        if cfg!(unix) {
            assert_eq!(action_for(&app(), &ctrl_z), Some(Action::Suspend));
            assert!(listed, "Ctrl-Z is missing from the help");
        } else {
            assert_eq!(action_for(&app(), &ctrl_z), None);
            assert!(
                !listed,
                "Ctrl-Z is in the help of a platform without job control"
            );
        }
    }

    #[test]
    fn every_listed_key_is_bound() {
        for binding in KEYMAP.iter().filter(|binding| !binding.keys.is_empty()) {
            let bound = !binding.codes.is_empty()
                || matches!(binding.action, Action::SelectNumber(_) | Action::Suspend);
            assert!(bound, "{} is listed but bound to nothing", binding.keys);
        }
    }
}
