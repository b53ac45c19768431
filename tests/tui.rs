//! End-to-end tests of the interactive screen: the real binary in a pseudo-terminal of 100x30,
//! its output fed through a vt100 parser so that the tests read the screen as a person sees it.
//! They run on every platform; the checks of raw bytes, terminal modes and signals are Unix-only
//! (see `common::pty`).

mod common;

use common::pty::*;
use common::{NAMES, Sandbox, VIDEOS};

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
    // A frame is written top to bottom and may arrive in pieces: the video link is its last
    // change, so once it shows, the rows above it are drawn too.
    let screen = tui.wait_for(&format!("Video: {}", VIDEOS[1]));
    assert!(screen.contains("Value 2 of 6"), "{screen}");
    assert!(screen.contains("We ensure that compassion"), "{screen}");
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
    // The link is below the introduction, and a frame is written top to bottom.
    let screen = tui.wait_for("Source page: https://hee.nhs.uk/about/our-values");
    assert!(screen.contains(" About "), "{screen}");
    assert!(screen.contains("The NHS belongs to the people"), "{screen}");
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
    // position report would be answered to the wrong reader and stall the screen. (Unix: ConPTY
    // answers a program's queries itself and asks its own.)
    #[cfg(unix)]
    assert!(
        !String::from_utf8_lossy(&tui.raw()).contains("\x1b[6n"),
        "the program asked the terminal for the cursor position"
    );
}

#[test]
fn the_terminal_is_restored_on_quit() {
    let sandbox = Sandbox::new();
    let mut tui = started(&sandbox, &[]);
    // Unix: on Windows the bytes are ConPTY's rendering, not the program's.
    #[cfg(unix)]
    {
        let raw = tui.raw();
        assert!(
            last(&raw, ENTER_ALTERNATE_SCREEN).is_some(),
            "the alternate screen was not used"
        );
        assert!(last(&raw, MOUSE_ON).is_some(), "the mouse was not captured");
    }
    tui.send("q");
    assert_eq!(tui.wait_exit().code(), Some(0));
    assert_restored(&tui);
}

/// Sends `signal` while the screen is up and checks the exit status and the terminal. (Windows
/// has no signals to send; its console events reach the same restore path.)
#[cfg(unix)]
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

#[cfg(unix)]
#[test]
fn the_terminal_is_restored_on_sigterm() {
    restored_after(libc::SIGTERM);
}

#[cfg(unix)]
#[test]
fn the_terminal_is_restored_on_sighup() {
    restored_after(libc::SIGHUP);
}

#[cfg(unix)]
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
    // Unix: ConPTY's own bytes say nothing about what the program sent.
    #[cfg(unix)]
    {
        let raw = tui.raw();
        assert!(
            last(&raw, ENTER_ALTERNATE_SCREEN).is_none(),
            "the screen was taken over: {}",
            printable(&raw)
        );
    }
    let screen = tui.screen();
    assert!(
        screen.contains("`text` must be a string, found an integer"),
        "{screen}"
    );
    assert!(screen.contains("--> broken.toml:3:8"), "{screen}");
    assert!(!screen.contains("panicked"), "{screen}");
    #[cfg(unix)]
    assert!(cooked(&tui.termios()));
    assert_eq!(std::fs::read(&path).unwrap(), before);
}
