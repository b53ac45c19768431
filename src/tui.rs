//! The interactive screen: taking the terminal over, handing it back exactly as found (on quit,
//! error, panic and signal), and the event loop that connects input (keys, signals, a changed
//! values file) to `App::update`.

use std::io::{self, Stdout};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Sender};
use std::thread;

use anyhow::{Context, Result};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{self, DisableMouseCapture, EnableMouseCapture, Event};
use ratatui::crossterm::terminal::{
    Clear, ClearType, EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::crossterm::{cursor, execute};

use crate::action::{Action, Effect, LaunchFailure};
use crate::app::App;
use crate::cli::ThemeName;
use crate::event::action_for;
use crate::ui::{self, Capabilities, Colours, Theme};
use crate::{browser, clipboard, watch};

mod stop;

/// Everything the event loop waits for, from the threads that feed it.
enum Message {
    Input(Event),
    InputFailed(io::Error),
    /// A signal or console event ended the program, with this exit code.
    Stop(u8),
    Action(Action),
}

/// Whether the mouse is captured now, so that giving the terminal back releases only what was
/// taken: with the config's `mouse = false` it is never captured.
static MOUSE_CAPTURED: AtomicBool = AtomicBool::new(false);

/// Runs the interactive screen in the theme asked for until the user quits or a signal (on
/// Windows, a console event) arrives. Links open with the `browser` commands first, when the
/// config gives some. When the values came from a file, `watch` names it with its stamp when
/// read, and changes to it show as they are saved. The mouse is captured only when the app's
/// key table takes it.
pub fn run(
    mut app: App,
    theme: ThemeName,
    browser: Option<String>,
    watch: Option<(PathBuf, watch::Stamp)>,
) -> Result<ExitCode> {
    let theme = Theme::new(theme, capabilities());
    let (sender, receiver) = mpsc::channel();
    // Registered before the screen is taken over, so a signal can never skip the restore.
    let stop_sender = sender.clone();
    stop::watch(move |code| stop_sender.send(Message::Stop(code)).is_ok())
        .context("cannot watch for signals")?;
    if let Some((path, loaded)) = watch {
        let watch_sender = sender.clone();
        let send = move |action| watch_sender.send(Message::Action(action)).is_ok();
        if let Err(reason) = watch::spawn(path, loaded, send) {
            app.update(Action::WatchFailed(reason));
        }
    }
    install_panic_hook();
    let mouse = app.keys().mouse();
    let mut terminal = enter(mouse).context("cannot set up the terminal")?;
    let input_sender = sender.clone();
    thread::spawn(move || read_input(&input_sender));

    let outcome = event_loop(&mut terminal, &mut app, &theme, browser, &sender, &receiver);
    restore();
    outcome
}

fn event_loop(
    terminal: &mut Terminal<CrosstermBackend<Stdout>>,
    app: &mut App,
    theme: &Theme,
    browser: Option<String>,
    sender: &Sender<Message>,
    receiver: &mpsc::Receiver<Message>,
) -> Result<ExitCode> {
    let size = terminal.size()?;
    app.update(Action::Resize {
        width: size.width,
        height: size.height,
    });
    let panic_on_frame = panic_on_frame();
    let mut frame_number = 0u64;
    loop {
        frame_number += 1;
        terminal.draw(|frame| {
            ui::draw(frame, app, theme);
            if Some(frame_number) == panic_on_frame {
                panic!("panic injected for a test while drawing frame {frame_number}");
            }
        })?;
        // Block until something happens: no tick, so an idle screen costs no CPU.
        let action = loop {
            let message = receiver.recv().context("the event loop lost its inputs")?;
            let action = match message {
                Message::Input(event) => action_for(app, &event),
                Message::Action(action) => Some(action),
                Message::Stop(code) => return Ok(ExitCode::from(code)),
                Message::InputFailed(error) => {
                    return Err(error).context("cannot read the keyboard");
                }
            };
            if let Some(action) = action {
                break action;
            }
        };
        match app.update(action) {
            None => {}
            Some(Effect::Quit) => return Ok(ExitCode::SUCCESS),
            Some(Effect::OpenUrl(url)) => launch(url, browser.clone(), sender.clone()),
            Some(Effect::Copy(text)) => {
                let result = match clipboard::copy_to_terminal(&text) {
                    Ok(()) => Ok(text),
                    Err(reason) => Err(LaunchFailure { url: text, reason }),
                };
                app.update(Action::Copied(result));
            }
            #[cfg(unix)]
            Some(Effect::Suspend) => *terminal = suspend(app.keys().mouse())?,
            // No job control to suspend to, so the key map has no Ctrl-Z there.
            #[cfg(not(unix))]
            Some(Effect::Suspend) => {}
        }
    }
}

/// Debug builds only: `NHS_VALUES_PANIC_ON_FRAME=N` panics while drawing frame N, so that the
/// end-to-end tests can prove a panic inside the draw loop gives the terminal back.
fn panic_on_frame() -> Option<u64> {
    if cfg!(debug_assertions) {
        std::env::var("NHS_VALUES_PANIC_ON_FRAME")
            .ok()?
            .parse()
            .ok()
    } else {
        None
    }
}

fn read_input(sender: &Sender<Message>) {
    loop {
        let message = match event::read() {
            Ok(event) => Message::Input(event),
            Err(error) => Message::InputFailed(error),
        };
        let failed = matches!(message, Message::InputFailed(_));
        if sender.send(message).is_err() || failed {
            break;
        }
    }
}

/// Opens a link on a thread of its own so that a slow browser never freezes the screen.
fn launch(url: String, configured: Option<String>, sender: Sender<Message>) {
    thread::spawn(move || {
        let result = match browser::open(&url, configured.as_deref()) {
            Ok(()) => Ok(url),
            Err(reason) => Err(LaunchFailure { url, reason }),
        };
        // The loop may have ended meanwhile; then nobody needs the result.
        let _ = sender.send(Message::Action(Action::Launched(result)));
    });
}

fn enter(mouse: bool) -> io::Result<Terminal<CrosstermBackend<Stdout>>> {
    if let Err(error) = take_over(mouse) {
        // Part of the terminal may already be taken; give back whatever was.
        restore();
        return Err(error);
    }
    // A new terminal's buffers start empty, so its first frame is drawn whole. (`Terminal::clear`
    // would ask the terminal for the cursor position, and the input thread would take the answer.)
    Terminal::new(CrosstermBackend::new(io::stdout())).inspect_err(|_| restore())
}

fn take_over(mouse: bool) -> io::Result<()> {
    enable_raw_mode()?;
    execute!(io::stdout(), EnterAlternateScreen)?;
    if mouse {
        // Set first: a failure part way through must still be undone.
        MOUSE_CAPTURED.store(true, Ordering::SeqCst);
        execute!(io::stdout(), EnableMouseCapture)?;
    }
    execute!(io::stdout(), cursor::Hide, Clear(ClearType::All))
}

/// Hands the terminal back: main screen, cooked mode, cursor shown, mouse released if it was
/// taken. Safe to call more than once and from the panic hook.
fn restore() {
    if MOUSE_CAPTURED.swap(false, Ordering::SeqCst) {
        let _ = execute!(io::stdout(), DisableMouseCapture);
    }
    let _ = execute!(io::stdout(), LeaveAlternateScreen, cursor::Show);
    let _ = disable_raw_mode();
}

fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        previous(info);
        // A panic on a helper thread (the file watcher, a browser launch) would otherwise leave
        // the loop drawing on a terminal just given back; any panic ends the program.
        std::process::exit(101);
    }));
}

/// Ctrl-Z: give the shell its terminal back, stop, and take the screen again on `fg`.
#[cfg(unix)]
fn suspend(mouse: bool) -> Result<Terminal<CrosstermBackend<Stdout>>> {
    restore();
    signal_hook::low_level::emulate_default_handler(signal_hook::consts::SIGTSTP)
        .context("cannot suspend")?;
    enter(mouse).context("cannot take the terminal back after resuming")
}

/// What this terminal can show, as its environment says: `NO_COLOR`, `COLORTERM` and `TERM`.
fn capabilities() -> Capabilities {
    let var = |name| std::env::var(name).ok();
    capabilities_from(
        var("NO_COLOR").as_deref(),
        var("COLORTERM").as_deref(),
        var("TERM").as_deref(),
    )
}

/// `NO_COLOR` set to anything but the empty string asks for no colour (no-color.org);
/// `COLORTERM` says whether the terminal has true colour. Terminals that do not know OSC 8
/// hyperlinks skip them, except the Linux console, which prints the rest of an unknown OSC
/// sequence as text, and `dumb` terminals, which print everything.
fn capabilities_from(
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
    use super::*;

    /// The theme for the environment variables given.
    fn theme_for(
        name: ThemeName,
        no_color: Option<&str>,
        colorterm: Option<&str>,
        term: Option<&str>,
    ) -> Theme {
        Theme::new(name, capabilities_from(no_color, colorterm, term))
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
