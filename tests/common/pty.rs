//! A pseudo-terminal harness: the real binary in a pty of 100x30, its output fed through a vt100
//! parser so that tests read the screen as a person sees it, and the raw bytes for what a
//! screen cannot show (modes, hyperlinks, clipboard writes).
//!
//! The pty is `portable-pty`'s: a Unix pty on Linux and macOS, ConPTY on Windows. ConPTY is a
//! terminal of its own between the program and this harness: it interprets what the program
//! writes and sends on its own rendering of the screen. So the screen reads the same
//! everywhere, but the raw bytes are the program's only on Unix; checks of raw sequences, like
//! the terminal's modes (termios) and signals, are Unix-only (`cfg(unix)`), each saying so.
//!
//! The tests that use this harness run as Windows programs only on a real Windows machine
//! (`.github/workflows/ci.yml`), not under Wine with the rest (`../shared/tools/windows-test`
//! in `.ci/run`): Wine 8's ConPTY starts the program but does not pass its screen on, so the
//! screen read here stays empty (the tool's header records it; it leaves out every test file
//! that drives this harness). The app's code behind them (state, drawing, key mapping, the
//! console events) is the same code the unit tests run under Wine.

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::process::Command;
use std::sync::{Arc, Mutex};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize};
use unicode_width::UnicodeWidthStr;

use super::Sandbox;

pub const ROWS: u16 = 30;
pub const COLUMNS: u16 = 100;
pub const TIMEOUT: Duration = Duration::from_secs(10);
/// How long the screen must stay unchanged for a wait to take it as drawn.
const SETTLE: Duration = Duration::from_millis(30);

pub const ENTER_ALTERNATE_SCREEN: &str = "\x1b[?1049h";
pub const LEAVE_ALTERNATE_SCREEN: &str = "\x1b[?1049l";
pub const MOUSE_ON: &str = "\x1b[?1000h";
pub const MOUSE_OFF: &str = "\x1b[?1000l";
pub const HIDE_CURSOR: &str = "\x1b[?25l";
pub const SHOW_CURSOR: &str = "\x1b[?25h";

/// A terminal's question "where is the cursor?"; ConPTY asks it when it starts and waits for
/// the answer, so the harness answers it as a terminal would.
const CURSOR_POSITION_QUERY: &[u8] = b"\x1b[6n";

pub const FOOTER: &str =
    " ↑↓ move  Enter video  / filter  i about  c QR code  p present  ? help  q quit";

/// Everything the program has written to the terminal, raw and as a screen.
pub struct Output {
    raw: Vec<u8>,
    parser: vt100::Parser,
    /// The reader saw the end: every copy of the terminal's other side is closed.
    closed: bool,
}

/// How the program ended: an exit code, or (on Unix) the signal that killed it.
#[derive(Debug, Clone)]
pub struct Exit {
    code: u32,
    signal: Option<String>,
}

impl Exit {
    /// The exit code, as `std::process::ExitStatus::code` gives it: none when a signal killed
    /// the program.
    pub fn code(&self) -> Option<i32> {
        match self.signal {
            Some(_) => None,
            None => i32::try_from(self.code).ok(),
        }
    }

    /// The signal that killed the program, by name.
    pub fn signal(&self) -> Option<&str> {
        self.signal.as_deref()
    }
}

/// The program running in a pseudo-terminal of its own; on Unix as the leader of a new session
/// whose controlling terminal that is, exactly as a shell would start it.
pub struct Tui {
    child: Box<dyn Child + Send + Sync>,
    /// The terminal's controlling side, to read the terminal modes from; on Windows, dropping
    /// it closes the pseudo console.
    master: Option<Box<dyn MasterPty + Send>>,
    /// Where typing goes; shared with the reader, which answers the terminal's queries.
    keyboard: Arc<Mutex<Box<dyn Write + Send>>>,
    output: Arc<Mutex<Output>>,
    reader: Option<JoinHandle<()>>,
    status: Option<Exit>,
}

/// `command` as portable-pty takes it: the program, its arguments, its environment (with the
/// removals) and its folder.
fn builder(command: &Command) -> CommandBuilder {
    let mut builder = CommandBuilder::new(command.get_program());
    builder.args(command.get_args());
    for (key, value) in command.get_envs() {
        match value {
            Some(value) => builder.env(key, value),
            None => builder.env_remove(key),
        }
    }
    if let Some(folder) = command.get_current_dir() {
        builder.cwd(folder);
    }
    builder
}

impl Tui {
    /// Starts the browser with the sandbox's environment and `args`.
    pub fn start(sandbox: &Sandbox, args: &[&str]) -> Tui {
        let mut command = sandbox.command();
        command.args(args);
        Tui::spawn(command)
    }

    /// Starts `command`, whatever program it runs, in a pty of its own.
    pub fn spawn(command: Command) -> Tui {
        let pair = portable_pty::native_pty_system()
            .openpty(PtySize {
                rows: ROWS,
                cols: COLUMNS,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pty");
        let mut builder = builder(&command);
        builder.env("TERM", "xterm-256color");
        builder.env_remove("COLORTERM");
        let child = pair
            .slave
            .spawn_command(builder)
            .expect("start the program in the pty");
        // The program holds the terminal's other side now; with this copy gone, the reader sees
        // the end when the program exits.
        drop(pair.slave);

        let output = Arc::new(Mutex::new(Output {
            raw: Vec::new(),
            parser: vt100::Parser::new(
                NonZeroU16::new(ROWS).unwrap(),
                NonZeroU16::new(COLUMNS).unwrap(),
                0,
            ),
            closed: false,
        }));
        let keyboard = Arc::new(Mutex::new(
            pair.master.take_writer().expect("the pty's input"),
        ));
        let mut reading = pair.master.try_clone_reader().expect("the pty's output");
        let shared = Arc::clone(&output);
        let answers = Arc::clone(&keyboard);
        let reader = thread::spawn(move || {
            let mut buffer = [0u8; 8192];
            let mut queries_answered = 0;
            loop {
                // The end, or an error once the last program with the terminal open has exited.
                let count = reading.read(&mut buffer).unwrap_or(0);
                let mut output = shared.lock().unwrap();
                if count == 0 {
                    output.closed = true;
                    break;
                }
                output.raw.extend_from_slice(&buffer[..count]);
                output.parser.process(&buffer[..count]);
                let queries = output
                    .raw
                    .windows(CURSOR_POSITION_QUERY.len())
                    .filter(|window| *window == CURSOR_POSITION_QUERY)
                    .count();
                for _ in queries_answered..queries {
                    let (row, column) = output.parser.screen().cursor_position();
                    let answer = format!("\x1b[{};{}R", row + 1, column + 1);
                    // The program may be gone already; then nobody is waiting for the answer.
                    let _ = answers.lock().unwrap().write_all(answer.as_bytes());
                }
                queries_answered = queries;
            }
        });
        Tui {
            child,
            master: Some(pair.master),
            keyboard,
            output,
            reader: Some(reader),
            status: None,
        }
    }

    /// The program's process id.
    #[cfg(unix)]
    pub fn pid(&self) -> libc::pid_t {
        let pid = self.child.process_id().expect("the program's process id");
        libc::pid_t::try_from(pid).unwrap()
    }

    /// The screen as text, one line per row, as a person sees it now.
    pub fn screen(&self) -> String {
        self.output.lock().unwrap().parser.screen().contents()
    }

    /// The rows of the screen, padded to the full width.
    pub fn rows(&self) -> Vec<String> {
        let output = self.output.lock().unwrap();
        output.parser.screen().rows(0, COLUMNS).collect()
    }

    /// The cells of one row as a person sees them; the second column of a wide character is
    /// empty.
    pub fn cell_row(&self, row: u16) -> Vec<String> {
        let output = self.output.lock().unwrap();
        let screen = output.parser.screen();
        (0..COLUMNS)
            .map(|column| {
                screen
                    .cell(row, column)
                    .map_or_else(String::new, |cell| cell.contents().to_owned())
            })
            .collect()
    }

    /// Each cell of the screen, row by row, with its colours as the terminal shows them:
    /// its text, foreground, background and whether it is in reverse video.
    pub fn cells(&self) -> Vec<Vec<(String, vt100::Color, vt100::Color, bool)>> {
        let output = self.output.lock().unwrap();
        let screen = output.parser.screen();
        (0..ROWS)
            .map(|row| {
                (0..COLUMNS)
                    .map(|column| {
                        screen.cell(row, column).map_or_else(
                            || {
                                (
                                    String::new(),
                                    vt100::Color::Default,
                                    vt100::Color::Default,
                                    false,
                                )
                            },
                            |cell| {
                                (
                                    cell.contents().to_owned(),
                                    cell.fgcolor(),
                                    cell.bgcolor(),
                                    cell.inverse(),
                                )
                            },
                        )
                    })
                    .collect()
            })
            .collect()
    }

    pub fn raw(&self) -> Vec<u8> {
        self.output.lock().unwrap().raw.clone()
    }

    /// Polls until `ready` holds for the screen, failing with the screen after the timeout.
    pub fn wait_until(&self, what: &str, ready: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let screen = self.screen();
            // A frame can arrive in several reads, and its first rows can already show what is
            // waited for: the screen counts only once nothing more has come for a moment.
            if ready(&screen) && self.quiet_for(SETTLE) {
                let settled = self.screen();
                if ready(&settled) {
                    return settled;
                }
            }
            if Instant::now() > deadline {
                panic!(
                    "timed out waiting for {what}; the screen shows:\n{screen}\n{}",
                    "-".repeat(100)
                );
            }
            thread::sleep(Duration::from_millis(10));
        }
    }

    /// Whether no output arrives for `time`.
    fn quiet_for(&self, time: Duration) -> bool {
        let received = self.output.lock().unwrap().raw.len();
        thread::sleep(time);
        self.output.lock().unwrap().raw.len() == received
    }

    pub fn wait_for(&self, text: &str) -> String {
        self.wait_until(&format!("{text:?}"), |screen| screen.contains(text))
    }

    pub fn wait_for_gone(&self, text: &str) -> String {
        self.wait_until(&format!("{text:?} to go"), |screen| !screen.contains(text))
    }

    /// Types `keys` as a terminal would send them.
    pub fn send(&mut self, keys: &str) {
        let mut keyboard = self.keyboard.lock().unwrap();
        keyboard
            .write_all(keys.as_bytes())
            .expect("type into the pty");
        keyboard.flush().unwrap();
    }

    /// Clicks (presses and releases the left button) on the first character of the first
    /// place `text` is on screen, and gives where: the 1-based column and row of the mouse
    /// report, for sending more events there.
    pub fn click_on(&mut self, text: &str) -> (usize, usize) {
        let rows = self.rows();
        let (row, column) = rows
            .iter()
            .enumerate()
            .find_map(|(row, line)| {
                let at = line.find(text)?;
                Some((row, line[..at].width()))
            })
            .unwrap_or_else(|| panic!("{text:?} is not on screen:\n{}", rows.join("\n")));
        // SGR mouse reports are 1-based.
        let (x, y) = (column + 1, row + 1);
        self.send(&format!("\x1b[<0;{x};{y}M\x1b[<0;{x};{y}m"));
        (x, y)
    }

    #[cfg(unix)]
    pub fn signal(&self, signal: libc::c_int) {
        // SAFETY: kill has no memory-safety preconditions; the child is not yet reaped.
        let result = unsafe { libc::kill(self.pid(), signal) };
        assert!(result == 0, "kill: {}", std::io::Error::last_os_error());
    }

    /// Waits for the program to exit and for the reader to have taken all its output.
    pub fn wait_exit(&mut self) -> Exit {
        let deadline = Instant::now() + TIMEOUT;
        let status = loop {
            if let Some(status) = self.child.try_wait().expect("wait for the program") {
                break status;
            }
            if Instant::now() > deadline {
                panic!(
                    "the program did not exit; the screen shows:\n{}",
                    self.screen()
                );
            }
            thread::sleep(Duration::from_millis(10));
        };
        if cfg!(windows) {
            // ConPTY sends its last frame and ends its output only when the pseudo console is
            // closed, which it is not by the program's exit alone.
            self.master = None;
        }
        while !self.output.lock().unwrap().closed {
            assert!(
                Instant::now() < deadline,
                "the terminal stayed open after the program exited"
            );
            thread::sleep(Duration::from_millis(10));
        }
        if let Some(reader) = self.reader.take() {
            reader.join().expect("the reader thread");
        }
        let exit = Exit {
            code: status.exit_code(),
            signal: status.signal().map(str::to_owned),
        };
        self.status = Some(exit.clone());
        exit
    }

    /// The terminal's modes as they are now (on Linux the controlling side reports the
    /// program's side).
    #[cfg(unix)]
    pub fn termios(&self) -> libc::termios {
        let master = self.master.as_ref().expect("the pty is open");
        let fd = master.as_raw_fd().expect("a Unix pty has a descriptor");
        // SAFETY: termios is plain data and tcgetattr fills it in.
        unsafe {
            let mut termios = std::mem::zeroed::<libc::termios>();
            let result = libc::tcgetattr(fd, &mut termios);
            assert!(
                result == 0,
                "tcgetattr: {}",
                std::io::Error::last_os_error()
            );
            termios
        }
    }
}

impl Drop for Tui {
    fn drop(&mut self) {
        if self.status.is_none() {
            // A failed test must not leave the program running.
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

#[cfg(unix)]
pub fn cooked(termios: &libc::termios) -> bool {
    termios.c_lflag & libc::ECHO != 0 && termios.c_lflag & libc::ICANON != 0
}

/// The last place `needle` occurs in `haystack`.
pub fn last(haystack: &[u8], needle: &str) -> Option<usize> {
    haystack
        .windows(needle.len())
        .rposition(|window| window == needle.as_bytes())
}

pub fn printable(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).escape_debug().to_string()
}

/// The program is up: the screen is drawn and the terminal is in raw mode.
pub fn started(sandbox: &Sandbox, args: &[&str]) -> Tui {
    let tui = Tui::start(sandbox, args);
    tui.wait_for(FOOTER);
    // Unix: the modes are the pty's; ConPTY keeps a console's modes to itself.
    #[cfg(unix)]
    assert!(
        !cooked(&tui.termios()),
        "the screen is up but the terminal is not in raw mode"
    );
    tui
}

/// After the program has gone, the terminal must be as it found it: the main screen, the
/// cursor shown, the mouse released if it was taken, each after the last time it was taken,
/// and line editing and echo back on. Only the main screen can be checked on Windows: the
/// sequences and the modes are ConPTY's there, not the program's.
pub fn assert_restored(tui: &Tui) {
    #[cfg(unix)]
    {
        let raw = tui.raw();
        let taken = [ENTER_ALTERNATE_SCREEN, HIDE_CURSOR]
            .iter()
            .map(|sequence| {
                last(&raw, sequence).unwrap_or_else(|| panic!("{sequence:?} never written"))
            })
            .chain(last(&raw, MOUSE_ON))
            .max()
            .unwrap();
        let mut given_back = vec![LEAVE_ALTERNATE_SCREEN, SHOW_CURSOR];
        if last(&raw, MOUSE_ON).is_some() {
            given_back.push(MOUSE_OFF);
        }
        for sequence in given_back {
            let given_back = last(&raw, sequence);
            assert!(
                given_back.is_some_and(|at| at > taken),
                "{sequence:?} is not written after the screen was last taken; the output ends \
                 with:\n{}",
                printable(&raw[raw.len().saturating_sub(400)..])
            );
        }
        let termios = tui.termios();
        assert!(termios.c_lflag & libc::ECHO != 0, "echo is still off");
        assert!(
            termios.c_lflag & libc::ICANON != 0,
            "line editing is still off"
        );
    }
    assert!(
        !tui.screen().contains(FOOTER),
        "the main screen should be back, but the app is still shown:\n{}",
        tui.screen()
    );
}

/// The row of the list that shows `name`.
pub fn row_of<'a>(rows: &'a [String], name: &str) -> &'a str {
    rows.iter()
        .find(|row| row.contains(name))
        .unwrap_or_else(|| panic!("no row shows {name}:\n{}", rows.join("\n")))
}

pub fn assert_recorded(sandbox: &Sandbox, url: &str) {
    assert_eq!(
        sandbox.wait_for_record(),
        format!("{url}\n"),
        "the browser got the wrong link"
    );
}
