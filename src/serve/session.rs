//! One SSH session: the pseudo-terminal's name and size and the environment the client sends,
//! then the app, run by `engine` as the local screen runs it. The client's bytes are parsed
//! into events (`input`); frames are drawn into a buffer and sent on the channel.
//!
//! Output has backpressure: a frame is drawn only when the client has taken the last one
//! (its SSH window had room for all of it), and then from the latest state, so a client that
//! stops reading holds at most one frame here and never slows another session; one that takes
//! nothing for `Limits::stalled_output` is dropped. The session runs on a task of its own, so
//! that a panic in it ends only it: the terminal is given back and the panic logged.

use std::io;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::Command;
use ratatui::crossterm::cursor;
use ratatui::crossterm::event::{DisableMouseCapture, EnableMouseCapture, Event};
use ratatui::crossterm::terminal::{Clear, ClearType, EnterAlternateScreen, LeaveAlternateScreen};
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};
use russh::server::Msg;
use russh::{Channel, ChannelMsg, ChannelReadHalf, ChannelWriteHalf};
use tokio::time::{Instant, sleep_until, timeout};

use super::Shared;
use super::input::Input;
use super::limits::clamp_size;
use crate::action::Action;
use crate::app::App;
use crate::clipboard;
use crate::engine::{self, Edge, Flow};
use crate::keys::KeyTable;
use crate::screen::Keymap;
use crate::ui::Theme;

/// The keys of a session: the service's, without suspending, which means nothing to a
/// process that has no terminal of its own to give back; so the help does not offer Ctrl-Z.
fn session_keys(keys: &KeyTable) -> KeyTable {
    keys.clone()
        .rebound(&[(Action::Suspend, Vec::new())], Keymap::Browser)
}

/// The environment variables a session takes from the client; TERM comes with the
/// pseudo-terminal.
pub(super) const ACCEPTED_ENV: [&str; 2] = ["NO_COLOR", "COLORTERM"];

/// How long the last bytes of a session (its terminal given back, its exit status) may take.
const CLOSING_WINDOW: Duration = Duration::from_secs(5);

/// Input is handled this many bytes at a time, with a turn for the other sessions between,
/// so that a flood from one client never holds up another.
const INPUT_SLICE: usize = 256;

/// Who is connected, for the log.
#[derive(Debug, Clone)]
pub(super) struct Client {
    pub peer: SocketAddr,
    pub key: Option<String>,
}

/// The terminal the client asked for.
#[derive(Debug, Clone, Default)]
struct Pty {
    term: String,
    size: (u16, u16),
}

#[derive(Debug, Default)]
struct Env {
    no_color: Option<String>,
    colorterm: Option<String>,
}

/// What the client asked the session to do.
enum Request {
    Shell(Option<Pty>),
    /// A command or a subsystem, refused by the handler.
    Refused(&'static str),
    /// The channel closed first.
    Gone,
}

/// Why a session ended, for the log and for what the client is told.
#[derive(Debug)]
enum End {
    Quit,
    ClientClosed,
    Idle(Duration),
    Stalled(Duration),
    Stopping,
    Failed(String),
}

impl End {
    fn describe(&self) -> String {
        match self {
            End::Quit => "quit".to_owned(),
            End::ClientClosed => "client closed the session".to_owned(),
            End::Idle(after) => format!("idle for {}", humantime::format_duration(*after)),
            End::Stalled(after) => format!(
                "client took no output for {}",
                humantime::format_duration(*after)
            ),
            End::Stopping => "the service is stopping".to_owned(),
            End::Failed(reason) => format!("error: {reason}"),
        }
    }

    /// The line the client sees after its terminal is given back, if any.
    fn farewell(&self) -> Option<String> {
        match self {
            End::Quit | End::ClientClosed | End::Stalled(_) => None,
            End::Idle(after) => Some(format!(
                "nhs-values: closed after {} without a key pressed",
                humantime::format_duration(*after)
            )),
            End::Stopping => Some("nhs-values: the service is stopping; goodbye".to_owned()),
            End::Failed(_) => Some("nhs-values: this session stopped on an error".to_owned()),
        }
    }
}

/// Runs the session on `channel` on a task of its own.
pub(super) fn spawn(channel: Channel<Msg>, client: Client, shared: Arc<Shared>) {
    tokio::spawn(run(channel, client, shared));
}

async fn run(channel: Channel<Msg>, client: Client, shared: Arc<Shared>) {
    let started = Instant::now();
    let (mut reader, writer) = channel.split();
    let writer = Arc::new(writer);
    let (request, env) = match timeout(shared.limits.login_window, requests(&mut reader)).await {
        Ok(found) => found,
        Err(_) => (Request::Gone, Env::default()),
    };
    let key = client.key.as_deref().unwrap_or("no key");
    let peer = client.peer;
    let pty = match request {
        Request::Shell(Some(pty)) => pty,
        Request::Shell(None) => {
            tracing::info!(%peer, key, "session refused: no terminal");
            let line = "nhs-values needs an interactive terminal: connect with ssh -t\r\n";
            close(&writer, line.as_bytes(), 1).await;
            return;
        }
        Request::Refused(what) => {
            tracing::info!(%peer, key, "session refused: {what}");
            close(&writer, b"", 1).await;
            return;
        }
        Request::Gone => return,
    };
    let (columns, rows) = pty.size;
    let size = format!("{columns}x{rows}");
    tracing::info!(%peer, key, term = pty.term, size, "session started");
    let _running = Running::new(&shared);
    // The size as the session last drew it, for the log, whatever way the session ends.
    let last_size = Arc::new(Mutex::new(pty.size));
    let screen = tokio::spawn(screen(
        reader,
        Arc::clone(&writer),
        pty.clone(),
        env,
        Arc::clone(&shared),
        Arc::clone(&last_size),
    ));
    let end = match screen.await {
        Ok(end) => end,
        Err(error) => {
            let reason = match error.try_into_panic() {
                Ok(panic) => panic
                    .downcast_ref::<&str>()
                    .map(|text| (*text).to_owned())
                    .or_else(|| panic.downcast_ref::<String>().cloned())
                    .map_or_else(|| "a panic".to_owned(), |text| format!("panic: {text}")),
                Err(error) => error.to_string(),
            };
            End::Failed(reason)
        }
    };
    if !matches!(end, End::ClientClosed | End::Stalled(_)) {
        let mut bytes = give_back();
        if let Some(line) = end.farewell() {
            bytes.extend_from_slice(line.as_bytes());
            bytes.extend_from_slice(b"\r\n");
        }
        let status = u32::from(!matches!(end, End::Quit | End::Stopping));
        close(&writer, &bytes, status).await;
    } else {
        let _ = timeout(CLOSING_WINDOW, writer.close()).await;
    }
    let (columns, rows) = *last_size.lock().unwrap_or_else(PoisonError::into_inner);
    let size = format!("{columns}x{rows}");
    let duration = format!("{:.1}s", started.elapsed().as_secs_f64());
    let reason = end.describe();
    let term = pty.term;
    if let End::Failed(_) = end {
        tracing::error!(%peer, key, term, size, duration, reason, "session ended");
    } else {
        tracing::info!(%peer, key, term, size, duration, reason, "session ended");
    }
}

/// Counts a session as running for as long as it is held.
struct Running(tokio::sync::watch::Sender<usize>);

impl Running {
    fn new(shared: &Shared) -> Running {
        shared.running.send_modify(|count| *count += 1);
        Running(shared.running.clone())
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        self.0.send_modify(|count| *count -= 1);
    }
}

/// Reads the channel's requests up to the one that says what the session is for.
async fn requests(reader: &mut ChannelReadHalf) -> (Request, Env) {
    let mut pty = None;
    let mut env = Env::default();
    loop {
        let Some(message) = reader.wait().await else {
            return (Request::Gone, env);
        };
        match message {
            ChannelMsg::RequestPty {
                term,
                col_width,
                row_height,
                ..
            } => {
                pty = Some(Pty {
                    term,
                    size: clamp_size(col_width, row_height),
                });
            }
            ChannelMsg::SetEnv {
                variable_name,
                variable_value,
                ..
            } => match variable_name.as_str() {
                "NO_COLOR" => env.no_color = Some(variable_value),
                "COLORTERM" => env.colorterm = Some(variable_value),
                _ => {}
            },
            ChannelMsg::WindowChange {
                col_width,
                row_height,
                ..
            } => {
                if let Some(pty) = &mut pty {
                    pty.size = clamp_size(col_width, row_height);
                }
            }
            ChannelMsg::RequestShell { .. } => return (Request::Shell(pty), env),
            ChannelMsg::Exec { .. } => return (Request::Refused("a command"), env),
            ChannelMsg::RequestSubsystem { .. } => return (Request::Refused("a subsystem"), env),
            ChannelMsg::Eof | ChannelMsg::Close => return (Request::Gone, env),
            _ => {}
        }
    }
}

/// Sends the last bytes and the exit status, and closes the channel; a client that takes
/// nothing is not waited for longer than the closing window.
async fn close(writer: &ChannelWriteHalf<Msg>, bytes: &[u8], status: u32) {
    let closing = async {
        if !bytes.is_empty() {
            writer.data_bytes(bytes.to_vec()).await?;
        }
        writer.exit_status(status).await?;
        writer.eof().await?;
        writer.close().await
    };
    let _ = timeout(CLOSING_WINDOW, closing).await;
}

/// The bytes that take the client's terminal over: the alternate screen, the mouse if the app
/// takes it, the cursor hidden, the screen cleared. Written as ANSI on every platform, since
/// they go to the client, not to a console of this machine.
fn take_over(mouse: bool) -> Vec<u8> {
    let mut text = String::new();
    let _ = EnterAlternateScreen.write_ansi(&mut text);
    if mouse {
        let _ = EnableMouseCapture.write_ansi(&mut text);
    }
    let _ = cursor::Hide.write_ansi(&mut text);
    let _ = Clear(ClearType::All).write_ansi(&mut text);
    text.into_bytes()
}

/// The bytes that give the terminal back as it was: mouse released (whether or not it was
/// taken, which costs nothing), the main screen, the cursor shown.
fn give_back() -> Vec<u8> {
    let mut text = String::new();
    let _ = DisableMouseCapture.write_ansi(&mut text);
    let _ = LeaveAlternateScreen.write_ansi(&mut text);
    let _ = cursor::Show.write_ansi(&mut text);
    text.into_bytes()
}

/// Where the terminal writes a frame, to be taken whole and sent.
#[derive(Debug, Clone, Default)]
struct Outbox(Arc<Mutex<Vec<u8>>>);

impl Outbox {
    fn bytes(&self) -> MutexGuard<'_, Vec<u8>> {
        self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn write_all_now(&self, bytes: &[u8]) {
        self.bytes().extend_from_slice(bytes);
    }

    fn take(&self) -> Vec<u8> {
        std::mem::take(&mut self.bytes())
    }
}

impl io::Write for Outbox {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.write_all_now(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// A terminal of the client's size drawing into `outbox`. Its viewport is fixed, so ratatui
/// never asks the backend for a size or a cursor position, which crossterm would answer from
/// this process's own terminal, not the client's.
fn terminal_for(
    outbox: &Outbox,
    columns: u16,
    rows: u16,
) -> io::Result<Terminal<CrosstermBackend<Outbox>>> {
    Terminal::with_options(
        CrosstermBackend::new(outbox.clone()),
        TerminalOptions {
            viewport: Viewport::Fixed(Rect::new(0, 0, columns, rows)),
        },
    )
}

fn clear_all() -> Vec<u8> {
    let mut text = String::new();
    let _ = Clear(ClearType::All).write_ansi(&mut text);
    text.into_bytes()
}

/// A frame on its way to the client.
type Sending = Pin<Box<dyn Future<Output = Result<(), russh::Error>> + Send>>;

fn send(writer: &Arc<ChannelWriteHalf<Msg>>, bytes: Vec<u8>) -> Sending {
    let writer = Arc::clone(writer);
    Box::pin(async move { writer.data_bytes(bytes).await })
}

/// The app on the client's terminal until the user quits, the client goes, or a limit or the
/// server's stopping ends it.
async fn screen(
    mut reader: ChannelReadHalf,
    writer: Arc<ChannelWriteHalf<Msg>>,
    pty: Pty,
    env: Env,
    shared: Arc<Shared>,
    size: Arc<Mutex<(u16, u16)>>,
) -> End {
    let limits = &shared.limits;
    let service = &shared.service;
    let capabilities = engine::capabilities(
        env.no_color.as_deref(),
        env.colorterm.as_deref(),
        Some(&pty.term),
    );
    let theme = Theme::new(service.theme, capabilities);
    let mut values = shared.values.clone();
    let mut stop = shared.stop.clone();
    let mut app = {
        let current = values.borrow_and_update();
        let mut app = App::with_keys(current.document.clone(), session_keys(&service.keys))
            .with_text_width(service.text_width);
        if let Some(problem) = &current.problem {
            app.update(Action::Reloaded(Err(problem.clone())));
        }
        app
    };
    let (columns, rows) = pty.size;
    let outbox = Outbox::default();
    outbox.write_all_now(&take_over(app.keys().mouse()));
    let mut terminal = match terminal_for(&outbox, columns, rows) {
        Ok(terminal) => terminal,
        Err(error) => return End::Failed(error.to_string()),
    };
    app.update(Action::Resize {
        width: columns,
        height: rows,
    });
    let mut edge = Remote {
        term: pty.term.clone(),
        out: Vec::new(),
    };
    let mut input = Input::new(limits.pending_input);
    let mut events = Vec::new();
    let mut changed = true;
    let mut sending: Option<Sending> = None;
    let mut stalled_at = Instant::now();
    let mut idle_at = Instant::now() + limits.idle_timeout;
    let mut escape_at: Option<Instant> = None;
    let end = 'session: loop {
        if changed && sending.is_none() {
            if let Err(error) = engine::draw(&mut terminal, &app, &theme) {
                break 'session End::Failed(format!("cannot draw: {error}"));
            }
            let mut frame = std::mem::take(&mut edge.out);
            frame.append(&mut outbox.take());
            changed = false;
            if !frame.is_empty() {
                sending = Some(send(&writer, frame));
                stalled_at = Instant::now() + limits.stalled_output;
            }
        }
        tokio::select! {
            sent = async { sending.as_mut().expect("guarded").await }, if sending.is_some() => {
                sending = None;
                if sent.is_err() {
                    break 'session End::ClientClosed;
                }
            }
            () = sleep_until(stalled_at), if sending.is_some() => {
                break 'session End::Stalled(limits.stalled_output);
            }
            () = sleep_until(idle_at) => break 'session End::Idle(limits.idle_timeout),
            () = async { sleep_until(escape_at.expect("guarded")).await }, if escape_at.is_some() => {
                escape_at = None;
                input.give_up(&mut events);
            }
            message = reader.wait() => match message {
                Some(ChannelMsg::Data { data }) => {
                    idle_at = Instant::now() + limits.idle_timeout;
                    for (index, slice) in data.chunks(INPUT_SLICE).enumerate() {
                        if index > 0 {
                            tokio::task::yield_now().await;
                        }
                        input.feed(slice, &mut events);
                        match handle(&mut app, &mut events, &mut edge, &shared) {
                            Ok(Flow::Quit) => break 'session End::Quit,
                            Ok(Flow::Changed) => changed = true,
                            Ok(Flow::Unchanged) => {}
                            Err(error) => break 'session End::Failed(format!("{error:#}")),
                        }
                    }
                    escape_at = match (input.is_waiting(), escape_at) {
                        (false, _) => None,
                        (true, None) => Some(Instant::now() + limits.escape_wait),
                        (true, waiting) => waiting,
                    };
                }
                Some(ChannelMsg::WindowChange { col_width, row_height, .. }) => {
                    let (width, height) = clamp_size(col_width, row_height);
                    // A new terminal has empty buffers, so the next frame is drawn whole on a
                    // cleared screen.
                    outbox.write_all_now(&clear_all());
                    terminal = match terminal_for(&outbox, width, height) {
                        Ok(terminal) => terminal,
                        Err(error) => break 'session End::Failed(format!("cannot resize: {error}")),
                    };
                    app.update(Action::Resize { width, height });
                    *size.lock().unwrap_or_else(PoisonError::into_inner) = (width, height);
                    changed = true;
                }
                Some(ChannelMsg::Eof | ChannelMsg::Close) | None => break 'session End::ClientClosed,
                Some(_) => {}
            },
            Ok(()) = values.changed() => {
                let current = Arc::clone(&values.borrow_and_update());
                let reload = match &current.problem {
                    Some(problem) => Err(problem.clone()),
                    None => Ok(current.document.clone()),
                };
                app.update(Action::Reloaded(reload));
                changed = true;
            }
            Ok(()) = stop.changed() => {
                if *stop.borrow_and_update() {
                    break 'session End::Stopping;
                }
            }
        }
        if !events.is_empty() {
            match handle(&mut app, &mut events, &mut edge, &shared) {
                Ok(Flow::Quit) => break 'session End::Quit,
                Ok(Flow::Changed) => changed = true,
                Ok(Flow::Unchanged) => {}
                Err(error) => break 'session End::Failed(format!("{error:#}")),
            }
        }
    };
    // A frame cut short would leave the client's terminal inside an escape sequence, which
    // the bytes that give it back would then be read as part of.
    if let Some(frame) = sending
        && !matches!(end, End::ClientClosed | End::Stalled(_))
    {
        let _ = timeout(CLOSING_WINDOW, frame).await;
    }
    end
}

/// Applies the events parsed so far, emptying the list.
fn handle(
    app: &mut App,
    events: &mut Vec<Event>,
    edge: &mut Remote,
    shared: &Shared,
) -> anyhow::Result<Flow> {
    let mut flow = Flow::Unchanged;
    for event in events.drain(..) {
        #[cfg(test)]
        if let (Event::Key(key), Some(panic_on)) = (&event, shared.panic_on)
            && key.code == ratatui::crossterm::event::KeyCode::Char(panic_on)
        {
            panic!("panic injected for a test on {panic_on:?}");
        }
        #[cfg(not(test))]
        let _ = shared;
        match engine::event(app, &event, edge)? {
            Flow::Quit => return Ok(Flow::Quit),
            Flow::Changed => flow = Flow::Changed,
            Flow::Unchanged => {}
        }
    }
    Ok(flow)
}

/// An SSH client's terminal as the edge. Nothing starts on the server: a link is shown as a QR
/// code with the link under it (an OSC 8 hyperlink a click opens on the client's machine), a
/// copy is an OSC 52 sequence sent before the next frame, and Ctrl-Z does nothing.
struct Remote {
    term: String,
    /// Bytes to send before the next frame.
    out: Vec<u8>,
}

impl Edge for Remote {
    fn open(&mut self, app: &App, url: String) -> Vec<Action> {
        let mut actions = Vec::new();
        if app.qr().is_none() {
            actions.push(Action::ShowQrCode);
        }
        actions.push(Action::Shown(url));
        actions
    }

    fn copy(&mut self, text: &str) -> Result<(), String> {
        let terminal = clipboard::Terminal {
            term: Some(&self.term),
            in_tmux: false,
        };
        clipboard::copy(&mut self.out, text, terminal)
    }

    fn suspend(&mut self, _: &App) -> anyhow::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use ratatui::crossterm::event::KeyCode;

    use super::*;
    use crate::screen::Screen;

    #[test]
    fn a_session_has_every_key_but_the_one_that_suspends() {
        let local = KeyTable::default();
        let session = session_keys(&local);
        assert_eq!(
            session.action(KeyCode::Char('z'), true, Screen::BROWSER),
            None
        );
        assert_eq!(session.name(&Action::Suspend, Screen::BROWSER), None);
        let rows = |keys: &KeyTable| keys.help_rows().len();
        let suspends_locally = local.name(&Action::Suspend, Screen::BROWSER).is_some();
        assert_eq!(rows(&session) + usize::from(suspends_locally), rows(&local));
        assert_eq!(
            session.action(KeyCode::Char('q'), false, Screen::BROWSER),
            Some(Action::Quit)
        );
    }
}
