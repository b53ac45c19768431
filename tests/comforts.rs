//! End-to-end tests of the everyday comforts: copying a link through the terminal (OSC 52),
//! hyperlinks (OSC 8), clicking a link, the high-contrast theme, the starter TOML file, shell
//! completions and the manual page.
//!
//! Copying and hyperlinks are checked in the bytes the program sends to the terminal, which
//! only a Unix pty passes on as written (ConPTY renders the screen anew), so those tests are
//! Unix-only; the rest run everywhere.

mod common;

use std::process::Output;

use common::pty::*;
use common::{HIDDEN_CHARACTERS, Sandbox, VIDEOS};

/// Base64 of the first two videos, worked out independently (`printf %s URL | base64`).
#[cfg(unix)]
const VIDEO_1_BASE64: &str = "aHR0cHM6Ly93d3cueW91dHViZS5jb20vd2F0Y2g/dj1FQTVhXzFNdzlMNA==";
#[cfg(unix)]
const VIDEO_2_BASE64: &str = "aHR0cHM6Ly93d3cueW91dHViZS5jb20vd2F0Y2g/dj1yaS10eTBqMm9qcw==";

#[cfg(unix)]
fn contains(haystack: &[u8], needle: &str) -> bool {
    last(haystack, needle).is_some()
}

#[cfg(unix)]
#[test]
fn y_copies_the_video_link_with_osc_52() {
    let sandbox = Sandbox::new();
    let mut tui = started(&sandbox, &[]);
    tui.send("y");
    tui.wait_for(&format!(
        "Copied {} to the clipboard (if the terminal allows it).",
        VIDEOS[0]
    ));
    let copy_1 = format!("\x1b]52;c;{VIDEO_1_BASE64}\x07");
    assert!(
        contains(&tui.raw(), &copy_1),
        "no OSC 52 for the first video"
    );

    tui.send("j");
    tui.wait_for("Value 2 of 6");
    tui.send("y");
    tui.wait_for(&format!(
        "Copied {} to the clipboard (if the terminal allows it).",
        VIDEOS[1]
    ));
    let raw = tui.raw();
    let copy_2 = format!("\x1b]52;c;{VIDEO_2_BASE64}\x07");
    assert!(
        last(&raw, &copy_2) > last(&raw, &copy_1),
        "no OSC 52 for the second video after the first"
    );
    assert!(
        sandbox.recorded().is_none(),
        "copying must not open a browser"
    );

    tui.send("q");
    assert_eq!(tui.wait_exit().code(), Some(0));
    assert_restored(&tui);
}

/// The text written inside OSC 8 hyperlinks to `url`, in the order it was written.
#[cfg(unix)]
fn hyperlinked_text(raw: &[u8], url: &str) -> String {
    let text = String::from_utf8_lossy(raw);
    let target = format!(";{url}\x1b\\");
    text.split("\x1b]8;")
        .filter_map(|piece| piece.split_once(&target))
        .filter_map(|(params, rest)| {
            // The parameters before the target (`id=…`) never hold a `;`.
            (!params.contains(';')).then_some(rest)
        })
        .map(|rest| rest.split_once("\x1b").map_or(rest, |(inside, _)| inside))
        .collect()
}

#[cfg(unix)]
#[test]
fn the_video_link_is_an_osc_8_hyperlink_and_reads_the_same() {
    let sandbox = Sandbox::new();
    let mut tui = started(&sandbox, &[]);
    let screen = tui.wait_for(&format!("Video: {}", VIDEOS[0]));
    assert!(screen.contains("Value 1 of 6"), "{screen}");
    let linked = hyperlinked_text(&tui.raw(), VIDEOS[0]);
    assert_eq!(linked, format!("Video: {}", VIDEOS[0]));
    assert!(
        contains(&tui.raw(), "\x1b]8;;\x1b\\"),
        "the hyperlink is never closed"
    );

    // In About, every link is a hyperlink too. At 100x30 the source page shows without
    // scrolling; a scroll would draw it again, in another row, and double the text.
    tui.send("i");
    tui.wait_for("Source page: https://hee.nhs.uk/about/our-values");
    let linked = hyperlinked_text(&tui.raw(), "https://hee.nhs.uk/about/our-values");
    assert_eq!(linked, "Source page: https://hee.nhs.uk/about/our-values");

    tui.send("q");
    assert_eq!(tui.wait_exit().code(), Some(0));
}

#[test]
fn a_click_on_the_video_link_opens_it() {
    let sandbox = Sandbox::new();
    let mut tui = started(&sandbox, &[]);
    tui.send("3");
    // A frame may arrive in pieces, and the video line is drawn after the title: wait for it.
    let screen = tui.wait_for(&format!("Video: {}", VIDEOS[2]));
    assert!(screen.contains("Value 3 of 6"), "{screen}");
    tui.click_on("Video: ");
    assert_recorded(&sandbox, VIDEOS[2]);
    tui.wait_for(&format!("Opened {} in the browser.", VIDEOS[2]));
    tui.send("q");
    assert_eq!(tui.wait_exit().code(), Some(0));
}

#[test]
fn the_high_contrast_theme_has_heavy_borders_and_no_colour() {
    let sandbox = Sandbox::new();
    let mut tui = started(&sandbox, &["--theme", "high-contrast"]);
    let screen = tui.wait_for("┏ Values (6) ━");
    assert!(screen.contains("┃▶1 Working together"), "{screen}");
    // Unix: ConPTY writes colours of its own choosing.
    #[cfg(unix)]
    {
        let colours = colour_codes(&String::from_utf8_lossy(&tui.raw()));
        assert!(colours.is_empty(), "colour codes were written: {colours:?}");
    }
    tui.send("q");
    assert_eq!(tui.wait_exit().code(), Some(0));

    // The default theme does write colours, so the check above can see them.
    let mut tui = started(&sandbox, &[]);
    tui.wait_for("┌ Values (6) ─");
    #[cfg(unix)]
    assert!(!colour_codes(&String::from_utf8_lossy(&tui.raw())).is_empty());
    tui.send("q");
    assert_eq!(tui.wait_exit().code(), Some(0));
}

/// The SGR sequences (`ESC [ … m`) that set a colour; those that reset to the terminal's own
/// colours (39, 49) or set bold, underline or reverse video do not count.
#[cfg(unix)]
fn colour_codes(raw: &str) -> Vec<String> {
    raw.split("\x1b[")
        .skip(1)
        .filter_map(|piece| {
            let end = piece.find(|c: char| !c.is_ascii_digit() && c != ';')?;
            (piece[end..].starts_with('m')).then(|| piece[..end].to_owned())
        })
        .filter(|params| {
            params
                .split(';')
                .next()
                .and_then(|first| first.parse::<u16>().ok())
                .is_some_and(|code| matches!(code, 30..=38 | 40..=48 | 90..=97 | 100..=107))
        })
        .collect()
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("stdout is UTF-8")
}

#[test]
fn print_toml_writes_a_starter_file_that_checks_and_reads_the_same() {
    let sandbox = Sandbox::new();
    let written = sandbox.run(&["print", "--format", "toml"]);
    assert_eq!(written.status.code(), Some(0));
    let toml = stdout(&written);
    assert!(toml.starts_with("# "), "the file starts with how to use it");
    let path = sandbox.file("my-values.toml", &toml);

    let check = sandbox.run(&["check", path.to_str().unwrap()]);
    assert_eq!(check.status.code(), Some(0), "{check:?}");
    assert!(
        stdout(&check).ends_with(": 6 values, 2 links\n"),
        "{check:?}"
    );

    let builtin = stdout(&sandbox.run(&["print", "--format", "json"]));
    let from_file =
        stdout(&sandbox.run(&["--file", "my-values.toml", "print", "--format", "json"]));
    assert_eq!(
        from_file, builtin,
        "the starter file holds the same document"
    );
    let again = stdout(&sandbox.run(&["--file", "my-values.toml", "print", "--format", "toml"]));
    assert_eq!(again, toml, "writing it out again changes nothing");
}

/// The hostile file of `hostile.rs`: bidi overrides and zero-width characters are written as
/// escapes, so the starter file hides nothing in an editor, and read back unchanged.
#[test]
fn print_toml_escapes_invisible_characters_and_reads_back_the_same() {
    let sandbox = Sandbox::new();
    sandbox.file("values.toml", HIDDEN_CHARACTERS);
    let toml = stdout(&sandbox.run(&["-f", "values.toml", "print", "--format", "toml"]));
    for hidden in ['\u{200b}', '\u{202e}', '\u{202c}', '\u{2066}', '\u{feff}'] {
        assert!(!toml.contains(hidden), "{hidden:?} written as is:\n{toml}");
    }
    assert!(
        toml.contains(r#"name = "Kind\u200Bness \u202Eesrever\u202C""#),
        "{toml}"
    );
    sandbox.file("starter.toml", &toml);
    let json = |file| stdout(&sandbox.run(&["-f", file, "print", "--format", "json"]));
    assert_eq!(json("starter.toml"), json("values.toml"));
}

#[test]
fn bash_completion_knows_the_commands_and_options() {
    let sandbox = Sandbox::new();
    let output = sandbox.run(&["completions", "bash"]);
    assert_eq!(output.status.code(), Some(0));
    let script = stdout(&output);
    assert!(
        script.contains("complete -F") && script.contains(" nhs-values\n"),
        "{script}"
    );
    for word in [
        "check",
        "print",
        "open",
        "present",
        "completions",
        "man",
        "--file",
        "--theme",
        "--format",
        "high-contrast",
        "markdown",
        "toml",
    ] {
        assert!(script.contains(word), "{word} is not completed");
    }

    // Bash itself completes with it, after a command too (where there is a bash of its own:
    // not on Windows).
    #[cfg(unix)]
    bash_completes_with(&sandbox, &script);

    for shell in ["zsh", "fish", "powershell"] {
        let output = sandbox.run(&["completions", shell]);
        assert_eq!(output.status.code(), Some(0));
        assert!(stdout(&output).contains("nhs-values"), "{shell}");
    }
}

/// Runs `script` in bash and completes words with it, as bash does on Tab.
#[cfg(unix)]
fn bash_completes_with(sandbox: &Sandbox, script: &str) {
    let path = sandbox.file("nhs-values.bash", script);
    for (words, expected) in [
        ("nhs-values pr", "print present"),
        ("nhs-values pre", "present"),
        ("nhs-values print --format ''", "text json markdown toml"),
        ("nhs-values --theme ''", "default high-contrast"),
        ("nhs-values check --th", "--theme"),
        ("nhs-values completions f", "fish"),
    ] {
        // What bash does on Tab: the words so far, and the function called with the word
        // being completed and the one before it.
        let complete = format!(
            "source {}; COMP_WORDS=({words}); COMP_CWORD=$((${{#COMP_WORDS[@]}} - 1)); \
             _nhs__values nhs-values \"${{COMP_WORDS[COMP_CWORD]}}\" \
             \"${{COMP_WORDS[COMP_CWORD-1]}}\"; echo \"${{COMPREPLY[*]}}\"",
            path.display()
        );
        let output = std::process::Command::new("bash")
            .args(["-c", &complete])
            .output()
            .expect("run bash");
        assert_eq!(stdout(&output).trim(), expected, "{words}");
    }
}

#[test]
fn the_man_page_documents_every_command_and_option() {
    let sandbox = Sandbox::new();
    let output = sandbox.run(&["man"]);
    assert_eq!(output.status.code(), Some(0));
    let page = stdout(&output);
    assert!(page.contains(".TH nhs-values 1"), "{page}");
    for section in [".SH NAME", ".SH SYNOPSIS", ".SH OPTIONS", ".SH COMMANDS"] {
        assert!(page.contains(section), "{section} missing");
    }
    // roff writes each `-` of an option as `\-`.
    for option in [r"\-\-file", r"\-\-theme", r"\-\-format", r"high\-contrast"] {
        assert!(page.contains(option), "{option} missing");
    }
    for command in [
        "check",
        "print",
        "open",
        "present",
        "where",
        "completions",
        "man",
    ] {
        assert!(
            page.contains(&format!(".SS \"nhs-values {command}\"")),
            "{command} has no subsection"
        );
    }
    assert!(
        !page.contains("nhs\\-values\\-check(1)"),
        "refers to pages that do not exist"
    );
}

#[test]
fn an_unknown_theme_is_a_usage_error() {
    let sandbox = Sandbox::new();
    let output = sandbox.run(&["--theme", "neon", "print"]);
    assert_eq!(output.status.code(), Some(2));
    let err = String::from_utf8_lossy(&output.stderr);
    assert!(err.contains("high-contrast"), "{err}");
}
