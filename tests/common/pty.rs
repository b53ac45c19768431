//! A pseudo-terminal harness: the real binary in a pty of 100x30, its output fed through a vt100
//! parser so that tests read the screen as a person sees it, and the raw bytes for what a
//! screen cannot show (modes, hyperlinks, clipboard writes).

use std::ffi::CStr;
use std::fs::File;
use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::os::unix::process::CommandExt;
use std::process::{Child, Command, ExitStatus};
use std::sync::{Arc, Mutex};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use super::Sandbox;

pub const ROWS: u16 = 30;
pub const COLUMNS: u16 = 100;
pub const TIMEOUT: Duration = Duration::from_secs(10);

pub const ENTER_ALTERNATE_SCREEN: &str = "\x1b[?1049h";
pub const LEAVE_ALTERNATE_SCREEN: &str = "\x1b[?1049l";
pub const MOUSE_ON: &str = "\x1b[?1000h";
pub const MOUSE_OFF: &str = "\x1b[?1000l";
pub const HIDE_CURSOR: &str = "\x1b[?25l";
pub const SHOW_CURSOR: &str = "\x1b[?25h";

pub const FOOTER: &str = " ↑↓ move  Enter video  / filter  i about  ? help  q quit";

/// Everything the program has written to the terminal, raw and as a screen.
pub struct Output {
    raw: Vec<u8>,
    parser: vt100::Parser,
    /// The reader saw the end: every copy of the terminal's other side is closed.
    closed: bool,
}

/// The program running in a pseudo-terminal of its own, as the leader of a new session whose
/// controlling terminal that is, exactly as a shell would start it.
pub struct Tui {
    child: Child,
    /// The terminal's controlling side, to type into and to read the terminal modes from.
    master: File,
    output: Arc<Mutex<Output>>,
    reader: Option<JoinHandle<()>>,
    status: Option<ExitStatus>,
}

fn check(result: libc::c_int, what: &str) -> libc::c_int {
    assert!(result >= 0, "{what}: {}", std::io::Error::last_os_error());
    result
}

/// A new pseudo-terminal pair of the test's size; both ends close on exec, so that no other
/// program started by a test running in parallel can hold them open.
fn open_pty() -> (OwnedFd, OwnedFd) {
    // SAFETY: plain calls on file descriptors this function owns; every result is checked.
    unsafe {
        let master = check(
            libc::posix_openpt(libc::O_RDWR | libc::O_NOCTTY | libc::O_CLOEXEC),
            "posix_openpt",
        );
        let master = OwnedFd::from_raw_fd(master);
        check(libc::grantpt(master.as_raw_fd()), "grantpt");
        check(libc::unlockpt(master.as_raw_fd()), "unlockpt");
        let mut name = [0 as libc::c_char; 128];
        let named = libc::ptsname_r(master.as_raw_fd(), name.as_mut_ptr(), name.len());
        assert_eq!(named, 0, "ptsname_r failed");
        let slave = check(
            libc::open(
                CStr::from_ptr(name.as_ptr()).as_ptr(),
                libc::O_RDWR | libc::O_NOCTTY | libc::O_CLOEXEC,
            ),
            "open the pty",
        );
        let slave = OwnedFd::from_raw_fd(slave);
        let size = libc::winsize {
            ws_row: ROWS,
            ws_col: COLUMNS,
            ws_xpixel: 0,
            ws_ypixel: 0,
        };
        check(
            libc::ioctl(slave.as_raw_fd(), libc::TIOCSWINSZ, &size),
            "TIOCSWINSZ",
        );
        (master, slave)
    }
}

impl Tui {
    /// Starts the browser with the sandbox's environment and `args`.
    pub fn start(sandbox: &Sandbox, args: &[&str]) -> Tui {
        let mut command = sandbox.command();
        command.args(args);
        Tui::spawn(command)
    }

    /// Starts `command`, whatever program it runs, in a pty of its own.
    pub fn spawn(mut command: Command) -> Tui {
        let (master, slave) = open_pty();
        command
            .env("TERM", "xterm-256color")
            .env_remove("COLORTERM")
            .stdin(slave.try_clone().expect("dup the pty"))
            .stdout(slave.try_clone().expect("dup the pty"))
            .stderr(slave);
        // SAFETY: only async-signal-safe calls between fork and exec.
        unsafe {
            command.pre_exec(|| {
                // A session of its own, with the pty (already its stdin) as controlling terminal.
                if libc::setsid() < 0 || libc::ioctl(0, libc::TIOCSCTTY, 0) < 0 {
                    return Err(std::io::Error::last_os_error());
                }
                Ok(())
            });
        }
        let child = command.spawn().expect("start nhs-values in the pty");
        // The command held the only copies of the pty's slave side in this process.
        drop(command);

        let master = File::from(master);
        let output = Arc::new(Mutex::new(Output {
            raw: Vec::new(),
            parser: vt100::Parser::new(
                NonZeroU16::new(ROWS).unwrap(),
                NonZeroU16::new(COLUMNS).unwrap(),
                0,
            ),
            closed: false,
        }));
        let mut reading = master.try_clone().expect("dup the pty master");
        let shared = Arc::clone(&output);
        let reader = thread::spawn(move || {
            let mut buffer = [0u8; 8192];
            loop {
                // Linux reports EIO once the last program with the terminal open has exited.
                let count = reading.read(&mut buffer).unwrap_or(0);
                let mut output = shared.lock().unwrap();
                if count == 0 {
                    output.closed = true;
                    break;
                }
                output.raw.extend_from_slice(&buffer[..count]);
                output.parser.process(&buffer[..count]);
            }
        });
        Tui {
            child,
            master,
            output,
            reader: Some(reader),
            status: None,
        }
    }

    pub fn pid(&self) -> libc::pid_t {
        libc::pid_t::try_from(self.child.id()).unwrap()
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

    pub fn raw(&self) -> Vec<u8> {
        self.output.lock().unwrap().raw.clone()
    }

    /// Polls until `ready` holds for the screen, failing with the screen after the timeout.
    pub fn wait_until(&self, what: &str, ready: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let screen = self.screen();
            if ready(&screen) {
                return screen;
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

    pub fn wait_for(&self, text: &str) -> String {
        self.wait_until(&format!("{text:?}"), |screen| screen.contains(text))
    }

    pub fn wait_for_gone(&self, text: &str) -> String {
        self.wait_until(&format!("{text:?} to go"), |screen| !screen.contains(text))
    }

    /// Types `keys` as a terminal would send them.
    pub fn send(&mut self, keys: &str) {
        self.master
            .write_all(keys.as_bytes())
            .expect("type into the pty");
        self.master.flush().unwrap();
    }

    pub fn signal(&self, signal: libc::c_int) {
        // SAFETY: kill has no memory-safety preconditions; the child is not yet reaped.
        check(unsafe { libc::kill(self.pid(), signal) }, "kill");
    }

    /// Waits for the program to exit and for the reader to have taken all its output.
    pub fn wait_exit(&mut self) -> ExitStatus {
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
        self.status = Some(status);
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
        status
    }

    /// The terminal's modes as they are now (on Linux the controlling side reports the
    /// program's side).
    pub fn termios(&self) -> libc::termios {
        // SAFETY: termios is plain data and tcgetattr fills it in.
        unsafe {
            let mut termios = std::mem::zeroed::<libc::termios>();
            check(
                libc::tcgetattr(self.master.as_raw_fd(), &mut termios),
                "tcgetattr",
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
    assert!(
        !cooked(&tui.termios()),
        "the screen is up but the terminal is not in raw mode"
    );
    tui
}

/// After the program has gone, the terminal must be as it found it: the main screen, the
/// cursor shown, the mouse released, each after the last time it was taken, and line editing
/// and echo back on.
pub fn assert_restored(tui: &Tui) {
    let raw = tui.raw();
    let taken = [ENTER_ALTERNATE_SCREEN, MOUSE_ON, HIDE_CURSOR]
        .iter()
        .map(|sequence| {
            last(&raw, sequence).unwrap_or_else(|| panic!("{sequence:?} never written"))
        })
        .max()
        .unwrap();
    for sequence in [LEAVE_ALTERNATE_SCREEN, SHOW_CURSOR, MOUSE_OFF] {
        let given_back = last(&raw, sequence);
        assert!(
            given_back.is_some_and(|at| at > taken),
            "{sequence:?} is not written after the screen was last taken; the output ends with:\n{}",
            printable(&raw[raw.len().saturating_sub(400)..])
        );
    }
    let termios = tui.termios();
    assert!(termios.c_lflag & libc::ECHO != 0, "echo is still off");
    assert!(
        termios.c_lflag & libc::ICANON != 0,
        "line editing is still off"
    );
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
