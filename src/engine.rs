//! The part of the interactive loop that does not care where input comes from or where frames
//! go: a terminal event or an action in, `App::update`, each effect handed to the edge that
//! performs it, a frame out. The local screen (`tui`, a blocking channel loop on the process's
//! own terminal) and each SSH session (`serve`, a task on the server's runtime) are the two
//! edges; each waits for input its own way and runs this.

use std::collections::VecDeque;
use std::io;

use ratatui::Terminal;
use ratatui::backend::Backend;
use ratatui::crossterm::event::Event;

use crate::action::{Action, Effect, LaunchFailure};
use crate::app::App;
use crate::event;
use crate::ui::{self, Capabilities, Colours, Theme};

/// What an edge does with the effects the state asks for.
pub trait Edge {
    /// Shows or opens `url`. The local screen launches the browser in the background and feeds
    /// its answer back later as `Action::Launched`; what the edge does at once instead comes
    /// back as the actions returned.
    fn open(&mut self, app: &App, url: String) -> Vec<Action>;

    /// Puts `text` on the user's clipboard through their terminal, or says why it cannot.
    fn copy(&mut self, text: &str) -> Result<(), String>;

    /// Ctrl-Z: hands the terminal back until the user resumes, where there is job control.
    fn suspend(&mut self, app: &App) -> anyhow::Result<()>;
}

/// Whether the loop goes on, and whether there is anything new to draw.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flow {
    /// The state may have changed: draw it.
    Changed,
    /// The event meant nothing here (a key release, a mouse move): nothing to draw.
    Unchanged,
    Quit,
}

/// A terminal event: turned into an action by the app's key table, then applied.
pub fn event(app: &mut App, event: &Event, edge: &mut impl Edge) -> anyhow::Result<Flow> {
    match event::action_for(app, event) {
        Some(action) => act(app, action, edge),
        None => Ok(Flow::Unchanged),
    }
}

/// Applies `action`, and performs what it asks of the outside world through `edge`, feeding
/// each answer back, until nothing more is asked.
pub fn act(app: &mut App, action: Action, edge: &mut impl Edge) -> anyhow::Result<Flow> {
    let mut next = VecDeque::from([action]);
    while let Some(action) = next.pop_front() {
        match app.update(action) {
            None => {}
            Some(Effect::Quit) => return Ok(Flow::Quit),
            Some(Effect::OpenUrl(url)) => next.extend(edge.open(app, url)),
            Some(Effect::Copy(text)) => next.push_back(Action::Copied(match edge.copy(&text) {
                Ok(()) => Ok(text),
                Err(reason) => Err(LaunchFailure { url: text, reason }),
            })),
            Some(Effect::Suspend) => edge.suspend(app)?,
        }
    }
    Ok(Flow::Changed)
}

/// Draws the state as it is now.
pub fn draw<B: Backend>(terminal: &mut Terminal<B>, app: &App, theme: &Theme) -> io::Result<()>
where
    io::Error: From<B::Error>,
{
    terminal.draw(|frame| ui::draw(frame, app, theme))?;
    Ok(())
}

/// `NO_COLOR` set to anything but the empty string asks for no colour (no-color.org);
/// `COLORTERM` says whether the terminal has true colour. Terminals that do not know OSC 8
/// hyperlinks skip them, except the Linux console, which prints the rest of an unknown OSC
/// sequence as text, and `dumb` terminals, which print everything.
pub fn capabilities(
    no_color: Option<&str>,
    colorterm: Option<&str>,
    term: Option<&str>,
) -> Capabilities {
    let colours = if no_color.is_some_and(|value| !value.is_empty()) {
        Colours::None
    } else if colorterm.is_some_and(|value| {
        value.eq_ignore_ascii_case("truecolor") || value.eq_ignore_ascii_case("24bit")
    }) {
        Colours::TrueColour
    } else {
        Colours::Palette
    };
    Capabilities {
        colours,
        hyperlinks: !matches!(term, Some("dumb" | "linux")),
    }
}

#[cfg(test)]
mod tests {
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    use super::*;
    use crate::cli::ThemeName;
    use crate::values;

    /// An edge that records what it was asked to do.
    #[derive(Default)]
    struct Recorder {
        opened: Vec<String>,
        copied: Vec<String>,
        suspended: usize,
    }

    impl Edge for Recorder {
        fn open(&mut self, _: &App, url: String) -> Vec<Action> {
            self.opened.push(url.clone());
            vec![Action::Launched(Ok(url))]
        }

        fn copy(&mut self, text: &str) -> Result<(), String> {
            self.copied.push(text.to_owned());
            Err("no clipboard here".to_owned())
        }

        fn suspend(&mut self, _: &App) -> anyhow::Result<()> {
            self.suspended += 1;
            Ok(())
        }
    }

    fn press(code: KeyCode, modifiers: KeyModifiers) -> Event {
        Event::Key(KeyEvent::new(code, modifiers))
    }

    #[test]
    fn effects_go_to_the_edge_and_its_answers_come_back_to_the_state() {
        let mut app = App::new(values::builtin().expect("the built-in values are valid"));
        let mut edge = Recorder::default();
        let flow = event(
            &mut app,
            &press(KeyCode::Enter, KeyModifiers::NONE),
            &mut edge,
        );
        assert_eq!(flow.unwrap(), Flow::Changed);
        assert_eq!(edge.opened.len(), 1);
        let status = app.status().expect("the launch is reported").text.clone();
        assert!(status.starts_with("Opened https://"), "{status}");

        event(
            &mut app,
            &press(KeyCode::Char('y'), KeyModifiers::NONE),
            &mut edge,
        )
        .unwrap();
        assert_eq!(edge.copied, edge.opened);
        let status = app.status().expect("the copy is reported").text.clone();
        assert!(status.contains("no clipboard here"), "{status}");

        let ctrl_z = press(KeyCode::Char('z'), KeyModifiers::CONTROL);
        event(&mut app, &ctrl_z, &mut edge).unwrap();
        assert_eq!(edge.suspended, usize::from(cfg!(unix)));

        let quit = press(KeyCode::Char('q'), KeyModifiers::NONE);
        assert_eq!(event(&mut app, &quit, &mut edge).unwrap(), Flow::Quit);
    }

    /// The theme for the environment variables given.
    fn theme_for(
        name: ThemeName,
        no_color: Option<&str>,
        colorterm: Option<&str>,
        term: Option<&str>,
    ) -> Theme {
        Theme::new(name, capabilities(no_color, colorterm, term))
    }

    #[test]
    fn no_color_wins_over_the_default_colours() {
        let theme = theme_for(ThemeName::Default, Some("1"), Some("truecolor"), None);
        assert_eq!(
            theme,
            Theme {
                hyperlinks: true,
                ..Theme::monochrome()
            }
        );
        let theme = theme_for(ThemeName::HighContrast, Some("1"), None, None);
        assert_eq!(
            theme,
            Theme {
                hyperlinks: true,
                qr: ui::QrInk::Terminal,
                ..Theme::high_contrast()
            }
        );
        // An empty NO_COLOR counts as unset, as no-color.org says.
        let theme = theme_for(ThemeName::Default, Some(""), Some("24bit"), None);
        assert_eq!(
            theme,
            Theme {
                hyperlinks: true,
                ..Theme::nhs(true)
            }
        );
        let theme = theme_for(ThemeName::Default, None, None, None);
        assert_eq!(
            theme,
            Theme {
                hyperlinks: true,
                ..Theme::nhs(false)
            }
        );
    }

    #[test]
    fn hyperlinks_are_not_sent_where_they_would_show_as_text() {
        for (term, expected) in [
            (Some("xterm-256color"), true),
            (Some("tmux-256color"), true),
            (None, true),
            (Some("linux"), false),
            (Some("dumb"), false),
        ] {
            let theme = theme_for(ThemeName::Default, None, None, term);
            assert_eq!(theme.hyperlinks, expected, "{term:?}");
        }
    }
}
