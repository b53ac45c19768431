//! Turns terminal events into actions: keys through the app's key table (`keys`), the mouse
//! (when the table takes it) and resizes directly.

use ratatui::crossterm::event::{
    Event, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};

use crate::action::Action;
use crate::app::App;

/// The action for a terminal event, given the current state (the screen in front of the user
/// decides what a key means).
pub fn action_for(app: &App, event: &Event) -> Option<Action> {
    match event {
        Event::Key(key) if key.kind != KeyEventKind::Release => key_action(app, key),
        // With the mouse left to the terminal, a click or the wheel does nothing here.
        Event::Mouse(mouse) if app.keys().mouse() => mouse_action(mouse),
        Event::Resize(width, height) => Some(Action::Resize {
            width: *width,
            height: *height,
        }),
        _ => None,
    }
}

/// A key, by the app's key table, on the screen in front of the user.
fn key_action(app: &App, key: &KeyEvent) -> Option<Action> {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    app.keys().action(key.code, ctrl, app.screen())
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
    use crate::keys::{Key, KeyTable};
    use crate::screen::Keymap;
    use crate::values;
    use ratatui::crossterm::event::KeyCode;

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
        let app = app();
        let listed = app
            .keys()
            .help_rows()
            .iter()
            .any(|(keys, _)| keys == "Ctrl-Z");
        if cfg!(unix) {
            assert_eq!(action_for(&app, &ctrl_z), Some(Action::Suspend));
            assert!(listed, "Ctrl-Z is missing from the help");
        } else {
            assert_eq!(action_for(&app, &ctrl_z), None);
            assert!(
                !listed,
                "Ctrl-Z is in the help of a platform without job control"
            );
        }
    }

    #[test]
    fn ctrl_c_works_everywhere_and_other_ctrl_keys_do_nothing() {
        let mut app = app();
        let ctrl = |c| Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL));
        let suspend = cfg!(unix).then_some(Action::Suspend);
        for _ in 0..2 {
            assert_eq!(action_for(&app, &ctrl('c')), Some(Action::Quit));
            assert_eq!(action_for(&app, &ctrl('z')), suspend);
            assert_eq!(action_for(&app, &ctrl('j')), None);
            app.update(Action::StartFilter);
        }
        app.update(Action::ToggleHelp);
        assert_eq!(action_for(&app, &ctrl('c')), Some(Action::Quit));
        assert_eq!(
            action_for(&app, &press(KeyCode::Char('j'))),
            Some(Action::Next),
            "help takes keys, not text"
        );
    }

    /// Presentation mode reads its own table, Ctrl keys included, and the browser's Ctrl keys
    /// after it; a blank screen comes back on any other key.
    #[test]
    fn presentation_mode_reads_its_own_table_then_the_browsers_ctrl_keys() {
        let ctrl = |c| Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL));
        let document = values::builtin().expect("the built-in values are valid");
        let keys = KeyTable::default()
            .rebound(&[(Action::Next, vec![Key::Ctrl('n')])], Keymap::Browser)
            .rebound(
                &[
                    (Action::Next, vec![Key::Ctrl('f')]),
                    (Action::Blank, vec![Key::Ctrl('b')]),
                ],
                Keymap::Presentation,
            );
        let mut app = App::with_keys(document, keys);
        app.start_presentation(Some(0));
        assert_eq!(action_for(&app, &ctrl('f')), Some(Action::Next));
        assert_eq!(action_for(&app, &ctrl('b')), Some(Action::Blank));
        assert_eq!(
            action_for(&app, &ctrl('n')),
            Some(Action::Next),
            "the browser's Ctrl keys work on every screen"
        );
        assert_eq!(action_for(&app, &ctrl('j')), None);
        assert_eq!(action_for(&app, &ctrl('c')), Some(Action::Quit));
        assert_eq!(action_for(&app, &press(KeyCode::Right)), None);
        assert_eq!(
            action_for(&app, &press(KeyCode::Char('k'))),
            Some(Action::Previous)
        );
        app.update(Action::Blank);
        for event in [
            press(KeyCode::Char('x')),
            press(KeyCode::Right),
            press(KeyCode::Esc),
            press(KeyCode::F(5)),
            ctrl('b'),
            ctrl('f'),
            ctrl('j'),
        ] {
            assert_eq!(action_for(&app, &event), Some(Action::Unblank), "{event:?}");
        }
        assert_eq!(
            action_for(&app, &ctrl('c')),
            Some(Action::Quit),
            "Ctrl-C quits over a blank screen"
        );
        app.update(Action::Unblank);
        app.update(Action::ToggleHelp);
        assert_eq!(
            action_for(&app, &press(KeyCode::Char('k'))),
            Some(Action::Previous),
            "the help takes the browser's keys"
        );
        assert_eq!(action_for(&app, &press(KeyCode::Right)), None);
    }

    #[test]
    fn without_the_mouse_clicks_and_the_wheel_do_nothing() {
        let mouse = |kind| {
            Event::Mouse(MouseEvent {
                kind,
                column: 3,
                row: 4,
                modifiers: KeyModifiers::NONE,
            })
        };
        let click = mouse(MouseEventKind::Down(MouseButton::Left));
        let wheel = mouse(MouseEventKind::ScrollDown);
        let app = app();
        assert_eq!(
            action_for(&app, &click),
            Some(Action::Click { column: 3, row: 4 })
        );
        assert!(action_for(&app, &wheel).is_some());
        let document = values::builtin().expect("the built-in values are valid");
        let app = App::with_keys(document, KeyTable::default().with_mouse(false));
        assert_eq!(action_for(&app, &click), None);
        assert_eq!(action_for(&app, &wheel), None);
        assert_eq!(
            action_for(&app, &press(KeyCode::Char('j'))),
            Some(Action::Next)
        );
    }
}
