//! A values file is untrusted input and the terminal is borrowed: each class of attack in a file,
//! checked on the screen as a person sees it and in the raw bytes the terminal was sent, and in
//! what `print` and `check` write. Then content too big or too wide for the screen, a panic
//! while drawing, and Ctrl-Z.
//!
//! The attacks are judged by the raw bytes the program sends, which only a Unix pty passes on
//! as written (ConPTY renders the screen anew and answers or drops sequences itself), so those
//! tests are Unix-only, as are wide-character layout (conhost measures widths its own way),
//! control characters in file names (Windows forbids them) and Ctrl-Z (job control).

mod common;

use common::Sandbox;
use common::pty::*;

/// Sequences a file might try to smuggle to the terminal, each as a TOML escape and as the raw
/// bytes that would act.
#[cfg(unix)]
struct Attack {
    what: &'static str,
    escaped: &'static str,
    raw: &'static [u8],
}

#[cfg(unix)]
const ATTACKS: [Attack; 4] = [
    Attack {
        what: "set the window title",
        escaped: r"\u001b]2;owned\u0007",
        raw: b"\x1b]2;owned\x07",
    },
    Attack {
        what: "clear the screen",
        escaped: r"\u001b[2J",
        raw: b"\x1b[2J",
    },
    Attack {
        what: "write the clipboard",
        escaped: r"\u001b]52;c;b3duZWQ=\u0007",
        raw: b"\x1b]52;c;b3duZWQ=\x07",
    },
    Attack {
        what: "start a C1 control sequence",
        escaped: r"\u009b31m",
        raw: b"\xc2\x9b31m",
    },
];

#[cfg(unix)]
fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack
        .windows(needle.len())
        .any(|window| window == needle)
}

#[cfg(unix)]
fn file_with_text(text: &[u8]) -> Vec<u8> {
    let mut toml = b"title = \"Ward values\"\n[[values]]\nname = \"Kindness\"\ntext = \"".to_vec();
    toml.extend_from_slice(text);
    toml.extend_from_slice(b"\"\n");
    toml
}

#[cfg(unix)]
fn assert_inert(bytes: &[u8], attack: &Attack, context: &str) {
    assert!(
        !contains(bytes, attack.raw),
        "{context}: the sequence to {} reached the output:\n{}",
        attack.what,
        String::from_utf8_lossy(bytes).escape_debug()
    );
    assert!(
        !bytes.contains(&0x07) && !contains(bytes, b"\xc2\x9b"),
        "{context}: a BEL or C1 control reached the output"
    );
}

/// The screen shows the error report, with the escape as written in the file; the raw bytes
/// carry nothing that acts, and nothing changed the terminal's modes.
#[cfg(unix)]
#[test]
fn escapes_written_as_toml_escapes_are_refused_and_shown_as_written() {
    for attack in &ATTACKS {
        let sandbox = Sandbox::new();
        sandbox.file("values.toml", file_with_text(attack.escaped.as_bytes()));
        let mut tui = Tui::start(&sandbox, &["--file", "values.toml"]);
        let screen = tui.wait_for("has 1 problem");
        assert_eq!(tui.wait_exit().code(), Some(1));
        assert!(
            screen.contains("contains the control character"),
            "{screen}"
        );
        assert!(screen.contains(attack.escaped), "{screen}");
        assert_inert(&tui.raw(), attack, attack.what);
        assert!(cooked(&tui.termios()));

        for args in [
            &["--file", "values.toml", "print"][..],
            &["check", "values.toml"],
        ] {
            let output = sandbox.run(args);
            assert_eq!(output.status.code(), Some(1), "{args:?}");
            assert_inert(&output.stdout, attack, "stdout");
            assert_inert(&output.stderr, attack, "stderr");
        }
    }
}

/// A quoted key may hold any escape; it is an unknown key, and the message quoting it shows
/// the escape decoded into visible symbols (caret notation, U+FFFD for C1).
#[cfg(unix)]
#[test]
fn escapes_in_a_quoted_key_are_quoted_visibly() {
    for attack in &ATTACKS {
        let sandbox = Sandbox::new();
        let mut toml = format!("\"key {}\" = 1\n", attack.escaped).into_bytes();
        toml.extend_from_slice(&file_with_text(b"fine"));
        sandbox.file("values.toml", toml);
        let mut tui = Tui::start(&sandbox, &["--file", "values.toml"]);
        let screen = tui.wait_for("has 1 problem");
        assert_eq!(tui.wait_exit().code(), Some(1));
        assert!(screen.contains("unknown key `key "), "{screen}");
        assert_inert(&tui.raw(), attack, attack.what);
        let output = sandbox.run(&["check", "values.toml"]);
        assert_inert(&output.stderr, attack, "check");
    }
}

/// Raw control bytes are a TOML syntax error; the report quotes the line with C0 controls as
/// Unicode control pictures (`␛`, `␇`) and C1 controls as `¤`.
#[cfg(unix)]
#[test]
fn raw_escape_bytes_are_quoted_as_visible_symbols() {
    let pictured = ["␛]2;owned␇", "␛[2J", "␛]52;c;b3duZWQ=␇", "¤31m"];
    for (attack, shown) in ATTACKS.iter().zip(pictured) {
        let sandbox = Sandbox::new();
        // A C1 control is legal TOML, so a syntax error after it makes the report quote it.
        let mut text = attack.raw.to_vec();
        text.extend_from_slice(b"\x01");
        sandbox.file("values.toml", file_with_text(&text));
        let mut tui = Tui::start(&sandbox, &["--file", "values.toml"]);
        let screen = tui.wait_for("error: values.toml has");
        assert_eq!(tui.wait_exit().code(), Some(1));
        assert!(screen.contains(shown), "{}: {screen}", attack.what);
        assert!(screen.contains(" --> values.toml:4:"), "{screen}");
        assert_inert(&tui.raw(), attack, attack.what);

        let output = sandbox.run(&["check", "values.toml"]);
        assert_eq!(output.status.code(), Some(1));
        assert_inert(&output.stderr, attack, "check");
        assert!(String::from_utf8_lossy(&output.stderr).contains(shown));
    }
}

/// Bidi overrides and zero-width characters are legal text, so the file loads; they are removed
/// from what is shown (they would reorder or hide it) and escaped in JSON (which keeps data).
#[cfg(unix)]
#[test]
fn bidi_overrides_and_zero_width_characters_are_removed_from_the_screen_and_print() {
    let sandbox = Sandbox::new();
    sandbox.file("values.toml", common::HIDDEN_CHARACTERS);
    let hidden: [&[u8]; 4] = [
        "\u{202e}".as_bytes(),
        "\u{200b}".as_bytes(),
        "\u{2066}".as_bytes(),
        "\u{feff}".as_bytes(),
    ];
    let mut tui = started(&sandbox, &["--file", "values.toml"]);
    let screen = tui.wait_for("Careful words");
    assert!(screen.contains("1 Kindness esrever"), "{screen}");
    tui.send("q");
    tui.wait_exit();
    for bytes in hidden {
        assert!(!contains(&tui.raw(), bytes), "{bytes:?} reached the screen");
    }

    let text = sandbox.run(&["--file", "values.toml", "print"]).stdout;
    let markdown = sandbox
        .run(&["-f", "values.toml", "print", "--format", "markdown"])
        .stdout;
    for output in [&text, &markdown] {
        let shown = String::from_utf8_lossy(output);
        assert!(shown.contains("Kindness esrever"), "{shown}");
        assert!(shown.contains("Careful words"), "{shown}");
        for bytes in hidden {
            assert!(!contains(output, bytes), "{bytes:?} reached print: {shown}");
        }
    }
    let json = sandbox
        .run(&["-f", "values.toml", "print", "--format", "json"])
        .stdout;
    let json = String::from_utf8(json).unwrap();
    assert!(
        json.contains(r"Kind\u200bness \u202eesrever\u202c"),
        "{json}"
    );
}

/// A file name can carry escapes too; it is shown in caret notation. (Not on Windows, whose
/// file names cannot hold control characters.)
#[cfg(unix)]
#[test]
fn a_hostile_file_name_is_shown_in_caret_notation() {
    let sandbox = Sandbox::new();
    let name = "v\x1b]2;owned\x07.toml";
    sandbox.file(name, "title = 3\n");
    let output = sandbox.run(&["check", name]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("v^[]2;owned^G.toml:1:9"), "{stderr}");
    assert!(!stderr.contains('\x1b'), "{stderr:?}");
}

#[cfg(unix)]
fn wide_file() -> String {
    let names = [
        "日本語の価値と思いやり",
        "👩‍⚕️ Nurses and 👨‍👩‍👧‍👦 families",
        "🇬🇧🇺🇦 Flags",
        "Cafe\u{301} ne\u{301}e combining",
        "Ａ full width name that is far too long for the list pane",
    ];
    let mut toml = String::from("title = \"幅の広い values\"\n");
    for name in names {
        toml.push_str(&format!(
            "\n[[values]]\nname = \"{name}\"\ntext = \"{}\"\n",
            [name; 12].join(" ")
        ));
    }
    toml
}

/// Wide characters take two columns and combining marks none: every border stays in its column.
#[cfg(unix)]
#[test]
fn wide_and_combining_characters_keep_the_borders_in_line() {
    let sandbox = Sandbox::new();
    sandbox.file("values.toml", wide_file());
    let mut tui = started(&sandbox, &["--file", "values.toml"]);
    for key in ["", "j", "j", "j", "j"] {
        tui.send(key);
        let top = tui.cell_row(1);
        let corners: Vec<usize> = top
            .iter()
            .enumerate()
            .filter(|(_, cell)| *cell == "┐")
            .map(|(column, _)| column)
            .collect();
        assert_eq!(
            corners.len(),
            2,
            "two panes side by side:\n{}",
            tui.screen()
        );
        for row in 2..28 {
            let cells = tui.cell_row(row);
            for &column in &corners {
                assert_eq!(
                    cells[column],
                    "│",
                    "row {row}, column {column} is not a border:\n{}",
                    tui.screen()
                );
            }
        }
    }
    tui.send("q");
    assert_eq!(tui.wait_exit().code(), Some(0));
}

/// A megabyte of text with no space to break at, a name of 10,000 characters, and 10,000
/// values: the screen comes up and answers every key.
#[test]
fn huge_content_keeps_the_screen_responsive() {
    let sandbox = Sandbox::new();
    let mut toml = String::from("title = \"Huge\"\n");
    toml.push_str(&format!(
        "[[values]]\nname = \"Long text\"\ntext = \"{}END\"\n",
        "x".repeat(1 << 20)
    ));
    toml.push_str(&format!(
        "[[values]]\nname = \"{}\"\ntext = \"A long name.\"\n",
        "n".repeat(10_000)
    ));
    for index in 0..10_000 {
        toml.push_str(&format!(
            "[[values]]\nname = \"Value {index}\"\ntext = \"Text {index}.\"\n"
        ));
    }
    sandbox.file("values.toml", toml);
    let mut tui = started(&sandbox, &["--file", "values.toml"]);
    tui.wait_for("Value 1 of 10002");
    tui.send("G");
    tui.wait_for("Text 9999.");
    tui.send("g");
    tui.wait_for("Value 1 of 10002");
    tui.send("j");
    tui.wait_for("Value 2 of 10002");
    assert!(
        row_of(&tui.rows(), "2 nnnn").contains("n…"),
        "a long name is cut in the list:\n{}",
        tui.screen()
    );
    tui.send("/Value 1234");
    tui.wait_for("Value 1234");
    tui.wait_for("Text 1234.");
    tui.send("\x1b");
    // The filter is gone and the selection stays where it was.
    tui.wait_for("┌ Values (10002)");
    assert!(tui.screen().contains("Value 1237 of 10002"));
    tui.send("G");
    tui.wait_for("Text 9999.");
    tui.send("q");
    assert_eq!(tui.wait_exit().code(), Some(0));
    assert_restored(&tui);
}

/// A bug that panics while drawing still hands the terminal back, then says what happened.
/// (The panic can be injected only in debug builds.)
#[cfg(debug_assertions)]
#[test]
fn a_panic_while_drawing_gives_the_terminal_back() {
    let sandbox = Sandbox::new();
    let mut command = sandbox.command();
    command.env("NHS_VALUES_PANIC_ON_FRAME", "2");
    let mut tui = Tui::spawn(command);
    tui.wait_for(FOOTER);
    tui.send("j");
    assert_eq!(tui.wait_exit().code(), Some(101), "a panic exits with 101");
    assert_restored(&tui);
    // The report comes after the terminal is given back: in the bytes on Unix, on the main
    // screen as ConPTY draws it on Windows.
    #[cfg(unix)]
    {
        let raw = tui.raw();
        let restored_at = last(&raw, LEAVE_ALTERNATE_SCREEN).expect("the main screen is back");
        let after = String::from_utf8_lossy(&raw[restored_at..]);
        assert!(after.contains("panic injected for a test"), "{after}");
    }
    #[cfg(windows)]
    {
        let screen = tui.screen();
        assert!(screen.contains("panic injected for a test"), "{screen}");
    }
}

/// Ctrl-Z gives the shell its terminal back in cooked mode; `fg` brings the screen back whole.
/// A job-control shell runs the program, as a user's shell would. (Unix: Windows has no job
/// control, so no Ctrl-Z.)
#[cfg(unix)]
#[test]
fn ctrl_z_suspends_to_the_shell_and_fg_brings_the_screen_back() {
    let sandbox = Sandbox::new();
    let mut command = std::process::Command::new("bash");
    command
        .args([
            "-c",
            r#"set -m; "$0"; echo "[shell has the terminal]"; read -r; fg"#,
        ])
        .arg(common::BIN);
    let sandboxed = sandbox.command();
    for (key, value) in sandboxed.get_envs() {
        match value {
            Some(value) => command.env(key, value),
            None => command.env_remove(key),
        };
    }
    command.current_dir(sandbox.path());
    let mut tui = Tui::spawn(command);
    tui.wait_for(FOOTER);
    tui.send("j");
    tui.wait_for("Value 2 of 6");
    tui.send("\x1a");
    let screen = tui.wait_for("[shell has the terminal]");
    assert!(!screen.contains(FOOTER), "{screen}");
    assert!(cooked(&tui.termios()), "the shell got a raw terminal");
    tui.send("\n");
    let screen = tui.wait_for(FOOTER);
    assert!(screen.contains("Value 2 of 6"), "{screen}");
    assert!(!cooked(&tui.termios()), "raw mode is back after fg");
    tui.send("j");
    tui.wait_for("Value 3 of 6");
    tui.send("q");
    assert_eq!(tui.wait_exit().code(), Some(0));
    assert_restored(&tui);
}

/// Every input the fuzzer ever failed on (tests/fuzz_regressions/, one file each) is reported
/// without a panic, and nothing in the report can act on or hide from the terminal.
#[test]
fn inputs_the_fuzzer_found_are_reported_safely() {
    let directory = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz_regressions");
    let sandbox = Sandbox::new();
    let mut count = 0;
    for entry in std::fs::read_dir(directory).expect("the regressions folder") {
        let path = entry.expect("a regression file").path();
        let output = sandbox.run(&["check", path.to_str().expect("a UTF-8 path")]);
        assert!(
            matches!(output.status.code(), Some(0 | 1)),
            "{}: {:?}",
            path.display(),
            output.status
        );
        for stream in [&output.stdout, &output.stderr] {
            let text = String::from_utf8_lossy(stream);
            let bad = text.chars().find(|&c| {
                (c.is_control() && c != '\n')
                    || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
                    || matches!(c, '\u{200b}' | '\u{2060}' | '\u{feff}')
            });
            assert_eq!(bad, None, "{}: {text}", path.display());
        }
        count += 1;
    }
    assert!(count > 0, "no regression inputs were found");
}

/// While the screen shows a file, another program can take an exclusive lock on it, and after
/// the session it has the same bytes, modification time and inode: the app only reads.
#[cfg(unix)]
#[test]
fn the_file_shown_is_never_written_locked_or_replaced() {
    use std::os::fd::AsRawFd;
    use std::os::unix::fs::MetadataExt;

    let sandbox = Sandbox::new();
    let path = sandbox.file("values.toml", wide_file());
    let metadata = std::fs::metadata(&path).unwrap();
    let before = (
        std::fs::read(&path).unwrap(),
        metadata.modified().unwrap(),
        metadata.ino(),
    );
    let mut tui = started(&sandbox, &["--file", "values.toml"]);
    tui.send("jj/na");
    tui.wait_for("/na█  Enter keep");
    // Esc alone: sent with the q below in one read, it would be taken for Alt-q.
    tui.send("\x1b");
    tui.wait_for_gone("Enter keep");
    tui.wait_for("3 🇬🇧🇺🇦 Flags");
    let file = std::fs::File::open(&path).unwrap();
    // SAFETY: flock on a descriptor this test owns.
    let locked = unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) };
    assert_eq!(
        locked,
        0,
        "the file is locked: {}",
        std::io::Error::last_os_error()
    );
    tui.send("q");
    assert_eq!(tui.wait_exit().code(), Some(0));
    let metadata = std::fs::metadata(&path).unwrap();
    let after = (
        std::fs::read(&path).unwrap(),
        metadata.modified().unwrap(),
        metadata.ino(),
    );
    assert!(before == after, "the file changed");
}

/// Windows: while the screen shows a file, another program can open it for writing with no
/// sharing at all (which fails while any other handle to it is open), and after the session it
/// has the same bytes and modification time: the app only reads, and holds nothing open.
#[cfg(windows)]
#[test]
fn the_file_shown_is_never_written_or_held_open() {
    use std::os::windows::fs::OpenOptionsExt;

    let sandbox = Sandbox::new();
    let toml = common::values_toml(&[("Kindness", "https://example.org/k")]);
    let path = sandbox.file("values.toml", toml);
    let fingerprint = || {
        let modified = std::fs::metadata(&path).unwrap().modified().unwrap();
        (std::fs::read(&path).unwrap(), modified)
    };
    let before = fingerprint();
    let mut tui = started(&sandbox, &["--file", "values.toml"]);
    tui.wait_for("1 Kindness");
    let exclusive = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .share_mode(0)
        .open(&path);
    assert!(exclusive.is_ok(), "the file is held open: {exclusive:?}");
    drop(exclusive);
    tui.send("q");
    assert_eq!(tui.wait_exit().code(), Some(0));
    assert!(before == fingerprint(), "the file changed");
}
