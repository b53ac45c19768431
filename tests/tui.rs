//! End-to-end tests of the interactive screen: the real binary in a pseudo-terminal of 100x30,
//! its output fed through a vt100 parser so that the tests read the screen as a person sees it.

mod common;

use std::ffi::CStr;
use std::fs::File;
use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::os::unix::process::{CommandExt, ExitStatusExt};
use std::process::{Child, ExitStatus};
use std::sync::{Arc, Mutex};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use common::{NAMES, Sandbox, VIDEOS};

const ROWS: u16 = 30;
const COLUMNS: u16 = 100;
const TIMEOUT: Duration = Duration::from_secs(10);

const ENTER_ALTERNATE_SCREEN: &str = "\x1b[?1049h";
const LEAVE_ALTERNATE_SCREEN: &str = "\x1b[?1049l";
const MOUSE_ON: &str = "\x1b[?1000h";
const MOUSE_OFF: &str = "\x1b[?1000l";
const HIDE_CURSOR: &str = "\x1b[?25l";
const SHOW_CURSOR: &str = "\x1b[?25h";

const FOOTER: &str = " ↑↓ move  Enter video  / filter  i about  ? help  q quit";

/// Everything the program has written to the terminal, raw and as a screen.
struct Output {
    raw: Vec<u8>,
    parser: vt100::Parser,
    /// The reader saw the end: every copy of the terminal's other side is closed.
    closed: bool,
}

/// The program running in a pseudo-terminal of its own, as the leader of a new session whose
/// controlling terminal that is, exactly as a shell would start it.
struct Tui {
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
    fn start(sandbox: &Sandbox, args: &[&str]) -> Tui {
        let (master, slave) = open_pty();
        let mut command = sandbox.command();
        command
            .args(args)
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

    fn pid(&self) -> libc::pid_t {
        libc::pid_t::try_from(self.child.id()).unwrap()
    }

    /// The screen as text, one line per row, as a person sees it now.
    fn screen(&self) -> String {
        self.output.lock().unwrap().parser.screen().contents()
    }

    /// The rows of the screen, padded to the full width.
    fn rows(&self) -> Vec<String> {
        let output = self.output.lock().unwrap();
        output.parser.screen().rows(0, COLUMNS).collect()
    }

    fn raw(&self) -> Vec<u8> {
        self.output.lock().unwrap().raw.clone()
    }

    /// Polls until `ready` holds for the screen, failing with the screen after the timeout.
    fn wait_until(&self, what: &str, ready: impl Fn(&str) -> bool) -> String {
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

    fn wait_for(&self, text: &str) -> String {
        self.wait_until(&format!("{text:?}"), |screen| screen.contains(text))
    }

    fn wait_for_gone(&self, text: &str) -> String {
        self.wait_until(&format!("{text:?} to go"), |screen| !screen.contains(text))
    }

    /// Types `keys` as a terminal would send them.
    fn send(&mut self, keys: &str) {
        self.master
            .write_all(keys.as_bytes())
            .expect("type into the pty");
        self.master.flush().unwrap();
    }

    fn signal(&self, signal: libc::c_int) {
        // SAFETY: kill has no memory-safety preconditions; the child is not yet reaped.
        check(unsafe { libc::kill(self.pid(), signal) }, "kill");
    }

    /// Waits for the program to exit and for the reader to have taken all its output.
    fn wait_exit(&mut self) -> ExitStatus {
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
    fn termios(&self) -> libc::termios {
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

fn cooked(termios: &libc::termios) -> bool {
    termios.c_lflag & libc::ECHO != 0 && termios.c_lflag & libc::ICANON != 0
}

/// The last place `needle` occurs in `haystack`.
fn last(haystack: &[u8], needle: &str) -> Option<usize> {
    haystack
        .windows(needle.len())
        .rposition(|window| window == needle.as_bytes())
}

fn printable(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).escape_debug().to_string()
}

/// The program is up: the screen is drawn and the terminal is in raw mode.
fn started(sandbox: &Sandbox, args: &[&str]) -> Tui {
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
fn assert_restored(tui: &Tui) {
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
fn row_of<'a>(rows: &'a [String], name: &str) -> &'a str {
    rows.iter()
        .find(|row| row.contains(name))
        .unwrap_or_else(|| panic!("no row shows {name}:\n{}", rows.join("\n")))
}

fn assert_recorded(sandbox: &Sandbox, url: &str) {
    assert_eq!(
        sandbox.wait_for_record(),
        format!("{url}\n"),
        "the browser got the wrong link"
    );
}

#[test]
fn browse_open_a_video_and_quit() {
    let sandbox = Sandbox::new();
    let mut tui = started(&sandbox, &[]);
    let screen = tui.wait_for("Value 1 of 6");
    assert!(screen.starts_with(" Our values"), "{screen}");
    assert!(screen.contains("Values (6)"), "{screen}");
    for (index, name) in NAMES.iter().enumerate() {
        assert!(
            screen.contains(&format!("{} {name}", index + 1)),
            "{name} is not listed:\n{screen}"
        );
    }
    assert!(
        screen.contains(&format!("Video: {}", VIDEOS[0])),
        "{screen}"
    );
    assert!(row_of(&tui.rows(), "1 Working together").contains('▶'));

    tui.send("j");
    let screen = tui.wait_for("Value 2 of 6");
    assert!(screen.contains("We ensure that compassion"), "{screen}");
    assert!(
        screen.contains(&format!("Video: {}", VIDEOS[1])),
        "{screen}"
    );
    let rows = tui.rows();
    assert!(
        row_of(&rows, "2 Compassion").contains('▶'),
        "{}",
        rows.join("\n")
    );
    assert!(
        !row_of(&rows, "1 Working together").contains('▶'),
        "{}",
        rows.join("\n")
    );

    tui.send("\r");
    assert_recorded(&sandbox, VIDEOS[1]);
    tui.wait_for(&format!("Opened {} in the browser.", VIDEOS[1]));

    tui.send("q");
    let status = tui.wait_exit();
    assert_eq!(status.code(), Some(0), "{status:?}");
    assert_restored(&tui);
}

#[test]
fn keys_move_the_selection() {
    let sandbox = Sandbox::new();
    let mut tui = started(&sandbox, &[]);
    for (keys, expected) in [
        ("G", "Value 6 of 6"),
        ("k", "Value 5 of 6"),
        ("g", "Value 1 of 6"),
        ("\x1b[B", "Value 2 of 6"), // Down
        ("\x1b[F", "Value 6 of 6"), // End
        ("\x1b[A", "Value 5 of 6"), // Up
        ("\x1b[H", "Value 1 of 6"), // Home
        ("4", "Value 4 of 6"),
    ] {
        tui.send(keys);
        tui.wait_for(expected);
    }
    assert!(
        tui.screen().contains("We strive to improve health"),
        "{}",
        tui.screen()
    );
    tui.send("o");
    assert_recorded(&sandbox, VIDEOS[3]);
    tui.wait_for("Opened");
    tui.send("\x03"); // Ctrl-C
    assert_eq!(tui.wait_exit().code(), Some(0));
    assert_restored(&tui);
}

#[test]
fn filter_narrows_the_list_and_escape_clears_it() {
    let sandbox = Sandbox::new();
    let mut tui = started(&sandbox, &[]);
    tui.send("/");
    tui.send("dign");
    tui.wait_for("Values (1 of 6)");
    tui.send("\r");
    let screen = tui.wait_for("Value 3 of 6");
    assert!(screen.contains("Values (1 of 6)"), "{screen}");
    for name in NAMES {
        let shown = screen.contains(name);
        assert_eq!(shown, name == "Respect and dignity", "{name}:\n{screen}");
    }
    // The filter was kept: letters are keys again, so j does not type into it.
    tui.send("j");
    tui.send("?");
    tui.wait_for(" Keys ");
    tui.send("?");
    let screen = tui.wait_for_gone(" Keys ");
    assert!(screen.contains("Values (1 of 6)"), "{screen}");

    tui.send("\x1b");
    let screen = tui.wait_for("Values (6)");
    for name in NAMES {
        assert!(screen.contains(name), "{name} is not back:\n{screen}");
    }
    // With nothing left to close, Esc quits.
    tui.send("\x1b");
    assert_eq!(tui.wait_exit().code(), Some(0));
    assert_restored(&tui);
}

#[test]
fn about_view_lists_the_links_and_opens_the_highlighted_one() {
    let sandbox = Sandbox::new();
    let mut tui = started(&sandbox, &[]);
    tui.send("i");
    let screen = tui.wait_for(" About ");
    assert!(screen.contains("The NHS belongs to the people"), "{screen}");
    assert!(
        screen.contains("Source page: https://hee.nhs.uk/about/our-values"),
        "{screen}"
    );
    // Tab moves the highlight from the source page to the Constitution, which Enter opens.
    tui.send("\t");
    tui.send("\r");
    let constitution = "https://www.gov.uk/government/publications/the-nhs-constitution-for-england/the-nhs-constitution-for-england";
    assert_recorded(&sandbox, constitution);
    tui.send("\x1b");
    tui.wait_for("Value 1 of 6");
    tui.send("q");
    assert_eq!(tui.wait_exit().code(), Some(0));
    assert_restored(&tui);
    // The input thread reads every reply from the terminal, so a query such as the cursor
    // position report would be answered to the wrong reader and stall the screen.
    assert!(
        !String::from_utf8_lossy(&tui.raw()).contains("\x1b[6n"),
        "the program asked the terminal for the cursor position"
    );
}

#[test]
fn the_terminal_is_restored_on_quit() {
    let sandbox = Sandbox::new();
    let mut tui = started(&sandbox, &[]);
    let raw = tui.raw();
    assert!(
        last(&raw, ENTER_ALTERNATE_SCREEN).is_some(),
        "the alternate screen was not used"
    );
    assert!(last(&raw, MOUSE_ON).is_some(), "the mouse was not captured");
    tui.send("q");
    assert_eq!(tui.wait_exit().code(), Some(0));
    assert_restored(&tui);
}

/// Sends `signal` while the screen is up and checks the exit status and the terminal.
fn restored_after(signal: libc::c_int) {
    let sandbox = Sandbox::new();
    let mut tui = started(&sandbox, &[]);
    tui.signal(signal);
    let status = tui.wait_exit();
    assert_eq!(
        status.signal(),
        None,
        "killed by the signal without restoring: {status:?}"
    );
    assert_eq!(status.code(), Some(128 + signal), "{status:?}");
    assert_restored(&tui);
}

#[test]
fn the_terminal_is_restored_on_sigterm() {
    restored_after(libc::SIGTERM);
}

#[test]
fn the_terminal_is_restored_on_sighup() {
    restored_after(libc::SIGHUP);
}

#[test]
fn the_terminal_is_restored_on_sigint() {
    restored_after(libc::SIGINT);
}

#[test]
fn a_broken_file_is_reported_before_the_screen_is_taken() {
    let sandbox = Sandbox::new();
    let path = sandbox.file("broken.toml", "[[values]]\nname = \"A\"\ntext = 7\n");
    let before = std::fs::read(&path).unwrap();
    let mut tui = Tui::start(&sandbox, &["--file", "broken.toml"]);
    let status = tui.wait_exit();
    assert_eq!(status.code(), Some(1), "{status:?}");
    let raw = tui.raw();
    assert!(
        last(&raw, ENTER_ALTERNATE_SCREEN).is_none(),
        "the screen was taken over: {}",
        printable(&raw)
    );
    let screen = tui.screen();
    assert!(
        screen.contains("`text` must be a string, found an integer"),
        "{screen}"
    );
    assert!(screen.contains("--> broken.toml:3:8"), "{screen}");
    assert!(!screen.contains("panicked"), "{screen}");
    assert!(cooked(&tui.termios()));
    assert_eq!(std::fs::read(&path).unwrap(), before);
}
