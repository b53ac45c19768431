//! End-to-end tests of the config file: the real binary reading `config.toml` from the config
//! folder, `--config` or `$NHS_VALUES_CONFIG`, in a pseudo-terminal for the screen and with
//! pipes for `check`, `config`, `where` and `open`.
//!
//! The raw bytes (no mouse capture), the mouse reports typed into the terminal and the
//! alternate screen never taken are checked on Unix only: ConPTY renders the screen anew and
//! turns input into console events of its own (see `common::pty`).

mod common;

use std::fs;
use std::path::PathBuf;
use std::process::Output;

use common::pty::*;
use common::{Sandbox, VIDEOS};

/// The issue's example: `next` on `n`, `filter` on `f`, no mouse, the high-contrast look.
const REMAPPED: &str = "\
theme = \"high-contrast\"
mouse = false

[keys]
next = [\"n\"]
filter = [\"f\"]
";

/// The footer with `REMAPPED`'s keys.
const REMAPPED_FOOTER: &str =
    " ↑ n move  Enter video  f filter  i about  c QR code  p present  ? help  q quit";

/// Writes `contents` as `config.toml` in the sandbox's config folder and returns its path.
fn user_config(sandbox: &Sandbox, contents: &str) -> PathBuf {
    let folder = sandbox.config_home().join("nhs-values");
    fs::create_dir_all(&folder).expect("create the config folder");
    let path = folder.join("config.toml");
    fs::write(&path, contents).expect("write the config file");
    path
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("stdout is UTF-8")
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).expect("stderr is UTF-8")
}

/// The keys the help overlay lists for the row that says `description`: what is between its
/// left border and the description.
fn help_keys(rows: &[String], description: &str) -> String {
    let row = row_of(rows, description);
    let before = row.split(description).next().unwrap_or_default();
    let inside = before.rsplit(['┃', '│']).next().unwrap_or_default();
    inside.trim().to_owned()
}

#[test]
fn remapped_keys_work_and_show_and_the_mouse_is_left_alone() {
    let sandbox = Sandbox::new();
    user_config(&sandbox, REMAPPED);
    let mut tui = Tui::start(&sandbox, &[]);
    let screen = tui.wait_for(REMAPPED_FOOTER);
    assert!(
        screen.contains("┏ Values (6) ━"),
        "heavy borders:\n{screen}"
    );
    assert!(screen.contains("Value 1 of 6"), "{screen}");

    // A click on the fourth value and the wheel over the list do nothing; `n` then moves from
    // the first value to the second.
    #[cfg(unix)]
    {
        let (x, y) = tui.click_on("4 Improving lives");
        tui.send(&format!("\x1b[<65;{x};{y}M"));
    }
    tui.send("n");
    tui.wait_for("Value 2 of 6");

    // `j` no longer moves and `/` no longer filters: `?` after them opens the help, which it
    // would not do while a filter is typed.
    tui.send("j/?");
    // The overlay's bottom border is drawn last.
    tui.wait_for(" Esc close ");
    let rows = tui.rows();
    assert_eq!(help_keys(&rows, "next value"), "n", "{}", rows.join("\n"));
    assert_eq!(help_keys(&rows, "filter by name and text"), "f");
    assert_eq!(
        help_keys(&rows, "next/previous filter match in the text"),
        "N",
        "`n` was taken from the next match"
    );
    assert!(
        !tui.screen().contains("scroll the pane under the pointer"),
        "the help lists the mouse:\n{}",
        tui.screen()
    );
    tui.send("?");
    let screen = tui.wait_for_gone(" Keys ");
    assert!(screen.contains("Value 2 of 6"), "`j` moved:\n{screen}");

    // `f` filters; `N` finds the previous match, and `n` moves to the next value instead of
    // the next match.
    tui.send("fcare\r");
    tui.wait_for("Values (4 of 6)");
    tui.send("N");
    tui.wait_for("Match ");
    tui.send("n");
    tui.wait_until("the next value, and no match", |screen| {
        screen.contains("Value 3 of 6") && !screen.contains("Match ")
    });

    tui.send("q");
    assert_eq!(tui.wait_exit().code(), Some(0));
    assert_restored(&tui);
    assert!(!tui.screen().contains(REMAPPED_FOOTER));
    #[cfg(unix)]
    {
        let raw = tui.raw();
        for capture in [
            MOUSE_ON,
            "\x1b[?1002h",
            "\x1b[?1003h",
            "\x1b[?1006h",
            "\x1b[?1015h",
        ] {
            assert!(
                last(&raw, capture).is_none(),
                "{capture:?} was written: the mouse was captured"
            );
        }
    }
}

#[test]
fn the_theme_flag_wins_over_the_configs_theme() {
    let sandbox = Sandbox::new();
    user_config(&sandbox, REMAPPED);
    let mut tui = Tui::start(&sandbox, &["--theme", "default"]);
    let screen = tui.wait_for(REMAPPED_FOOTER);
    assert!(screen.contains("┌ Values (6) ─"), "{screen}");
    tui.send("q");
    assert_eq!(tui.wait_exit().code(), Some(0));
}

#[test]
fn a_broken_config_is_reported_before_the_screen_is_taken() {
    let sandbox = Sandbox::new();
    user_config(&sandbox, "[keys]\nnxt = [\"n\"]\n");
    let mut tui = Tui::start(&sandbox, &[]);
    assert_eq!(tui.wait_exit().code(), Some(1));
    let screen = tui.screen();
    assert!(
        screen.contains("error: unknown action `nxt` in `[keys]`")
            && screen.contains("= help: did you mean `next`?"),
        "{screen}"
    );
    #[cfg(unix)]
    assert!(
        last(&tui.raw(), ENTER_ALTERNATE_SCREEN).is_none(),
        "the screen was taken"
    );
}

#[test]
fn check_reports_every_problem_of_the_config_and_still_checks_the_values() {
    let sandbox = Sandbox::new();
    let path = user_config(
        &sandbox,
        "mouse = \"no\"\n\n[keys]\nfilter = [\"f\"]\nnext = [\"f\", \"PgDwn\"]\n",
    );
    let output = sandbox.run(&["check"]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert_eq!(
        stdout(&output),
        "values.toml (built in): 6 values, 2 links\n"
    );
    let file = path.display();
    assert_eq!(
        stderr(&output),
        format!(
            "error: `mouse` must be true or false, found a string
 --> {file}:1:9
  |
1 | mouse = \"no\"
  |         ^^^^ expected true or false

error: `f` is bound to both `filter` and `next`
 --> {file}:5:9
  |
4 | filter = [\"f\"]
  |           --- first bound here
5 | next = [\"f\", \"PgDwn\"]
  |         ^^^ bound again here
  |
  = help: a key does one thing: remove it from one of the lists

error: unknown key `PgDwn`
 --> {file}:5:14
  |
5 | next = [\"f\", \"PgDwn\"]
  |              ^^^^^^^ not a key
  |
  = help: did you mean `PgDn`?

error: {file} has 3 problems
"
        )
    );
}

#[test]
fn check_names_a_good_config_and_a_missing_one_given_by_name_is_an_error() {
    let sandbox = Sandbox::new();
    let path = user_config(&sandbox, REMAPPED);
    let output = sandbox.run(&["check"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(
        stdout(&output),
        format!(
            "{}: 2 settings, keys for 2 actions\nvalues.toml (built in): 6 values, 2 links\n",
            path.display()
        )
    );

    let output = sandbox
        .command()
        .arg("check")
        .env("NHS_VALUES_CONFIG", "missing.toml")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        stderr(&output),
        "error: missing.toml: cannot read the file: no such file\n"
    );
    let output = sandbox.run(&["--config", ".", "check"]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        stderr(&output),
        "error: .: is a directory, not a config file\n"
    );
}

/// Issue 20: `check` with the config in use named (as README's "edit it, then check it" has
/// people do) checked it as the config in use and again as the file named, so every problem and
/// the count were printed twice. However the file is named, it is checked once, as a config.
#[test]
fn check_reports_the_config_in_use_once_when_it_is_named_too() {
    let sandbox = Sandbox::new();
    let path = user_config(&sandbox, "theme = \"dark\"\n");
    let folder = path.parent().expect("the config folder");
    let another_spelling = folder.join("..").join("nhs-values").join("config.toml");
    for named in [&path, &another_spelling] {
        let output = sandbox
            .command()
            .arg("check")
            .arg(named)
            .arg(named)
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
        assert_eq!(stdout(&output), "");
        assert_eq!(
            stderr(&output),
            format!(
                "error: unknown theme `dark`
 --> {}:1:9
  |
1 | theme = \"dark\"
  |         ^^^^^^ expected `default` or `high-contrast`

error: {} has 1 problem
",
                named.display(),
                named.display()
            )
        );
    }
}

/// The config in use is known to be a config, so naming it checks it as one even when a
/// mistake hides what it is: a file with nothing but a misspelt setting is not a values file.
#[test]
fn check_takes_the_config_in_use_as_a_config_even_when_it_looks_like_neither() {
    let sandbox = Sandbox::new();
    let path = user_config(&sandbox, "them = \"high-contrast\"\n");
    let output = sandbox.command().arg("check").arg(&path).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    assert!(
        err.starts_with("error: unknown setting `them`\n") && err.contains("did you mean `theme`?"),
        "{err}"
    );
    assert_eq!(
        err.matches("error:").count(),
        2,
        "one problem and its count, not a values file's:\n{err}"
    );
}

/// A good config is counted as a good values file is: what it sets, in the words of its
/// tables.
#[test]
fn check_counts_what_a_good_config_sets() {
    let sandbox = Sandbox::new();
    for (contents, summary) in [
        ("", "no settings, the default keys"),
        ("mouse = false\n", "1 setting, the default keys"),
        (
            "[keys.presentation]\nblank = [\".\"]\n",
            "no settings, keys for 1 action in presentation mode",
        ),
        (REMAPPED, "2 settings, keys for 2 actions"),
        (
            "text_width = 80\n[keys]\nquit = [\"q\"]\n[keys.presentation]\nblank = [\".\"]\nnext = [\"n\"]\n",
            "1 setting, keys for 1 action, and 2 in presentation mode",
        ),
    ] {
        sandbox.file("good.toml", contents);
        let output = sandbox.run(&["--config", "good.toml", "check", "good.toml"]);
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
        assert_eq!(
            stdout(&output),
            format!("good.toml: {summary}\n"),
            "{contents}"
        );
    }
}

/// README says "edit it, then check it": a config file named to `check` is checked as a config
/// (told by its settings), beside values files named with it.
#[test]
fn check_takes_config_files_by_name_too() {
    let sandbox = Sandbox::new();
    let good = sandbox.file("config.toml", REMAPPED);
    let values = sandbox.file("values.toml", include_str!("../values.toml"));
    let output = sandbox.run(&["check", "config.toml", "values.toml"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(
        stdout(&output),
        format!(
            "{}: 2 settings, keys for 2 actions\n{}: 6 values, 2 links\n",
            good.file_name().unwrap().display(),
            values.file_name().unwrap().display()
        )
    );
    sandbox.file("broken.toml", "theme = \"dark\"\n");
    let output = sandbox.run(&["check", "broken.toml"]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(stdout(&output), "");
    assert_eq!(
        stderr(&output),
        "error: unknown theme `dark`
 --> broken.toml:1:9
  |
1 | theme = \"dark\"
  |         ^^^^^^ expected `default` or `high-contrast`

error: broken.toml has 1 problem
"
    );
}

#[test]
fn the_starter_file_holds_the_config_in_effect_and_reads_back_the_same() {
    let sandbox = Sandbox::new();
    user_config(&sandbox, REMAPPED);
    let output = sandbox.run(&["config"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let written = stdout(&output);
    for line in [
        "\ntheme = \"high-contrast\"\n",
        "\nmouse = false\n",
        "\ntext_width = 100\n",
        "\nnext = [\"n\"] ",
        "\nfilter = [\"f\"] ",
        "\nnext-match = [] ",
        "\nprevious = [\"Up\", \"k\"] ",
    ] {
        assert!(written.contains(line), "{line:?} missing from:\n{written}");
    }
    let starter = sandbox.file("starter.toml", &written);
    let starter = starter.to_str().expect("a UTF-8 temp path");
    let check = sandbox.run(&["--config", starter, "check"]);
    assert_eq!(check.status.code(), Some(0), "{}", stderr(&check));
    let again = sandbox.run(&["--config", starter, "config"]);
    assert_eq!(stdout(&again), written, "reading it back changes nothing");

    // The flag is part of what is in effect.
    let flagged = stdout(&sandbox.run(&["--theme", "default", "config"]));
    assert!(flagged.contains("\ntheme = \"default\"\n"), "{flagged}");
}

#[test]
fn where_names_the_config_and_why() {
    let sandbox = Sandbox::new();
    let path = user_config(&sandbox, "");
    let config_line = |args: &[&str], variable: Option<&str>| {
        let mut command = sandbox.command();
        command.args(args).arg("where");
        if let Some(variable) = variable {
            command.env("NHS_VALUES_CONFIG", variable);
        }
        let text = stdout(&command.output().unwrap());
        let start = text.find("\nconfig: ").expect("a config line") + 1;
        let end = text
            .find("\nconfig folder: ")
            .expect("a config folder line");
        text[start..end].to_owned()
    };
    assert_eq!(
        config_line(&[], None),
        format!(
            "config: {}\n  because: it exists in the config folder, and neither --config nor \
             NHS_VALUES_CONFIG was given",
            path.display()
        )
    );
    let other = sandbox.file("other.toml", "");
    assert_eq!(
        config_line(&[], Some("other.toml")),
        format!(
            "config: {}\n  because: NHS_VALUES_CONFIG is set, and --config was not given",
            other.display()
        )
    );
    let flag = sandbox.path().join("gone.toml");
    assert_eq!(
        config_line(&["--config", "gone.toml"], Some("other.toml")),
        format!(
            "config: {}\n  because: --config was given (it wins over NHS_VALUES_CONFIG, which \
             is set too)\n  note: this file does not exist, so reading it fails",
            flag.display()
        )
    );
}

#[test]
fn the_configs_browser_is_tried_before_browser() {
    let sandbox = Sandbox::new();
    // The recorder's path is quoted, as a path with spaces must be, and the whole command
    // written as a TOML string.
    let browser = format!("\"{}\" from-config", sandbox.browser().display());
    user_config(&sandbox, &format!("browser = {browser:?}\n"));
    let output = sandbox.run(&["open", "2"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(
        sandbox.wait_for_record(),
        format!("from-config\n{}\n", VIDEOS[1])
    );
}

#[test]
fn the_manual_and_the_completions_know_the_config() {
    let sandbox = Sandbox::new();
    let page = stdout(&sandbox.run(&["man"]));
    assert!(page.contains(".SS \"nhs-values config\""), "{page}");
    assert!(page.contains(r"\-\-config"), "{page}");
    assert!(page.contains("NHS_VALUES_CONFIG"), "{page}");
    let script = stdout(&sandbox.run(&["completions", "bash"]));
    assert!(
        script.contains("--config") && script.contains(" config "),
        "{script}"
    );
}

#[test]
fn a_broken_config_and_a_broken_values_file_are_both_reported() {
    let sandbox = Sandbox::new();
    user_config(&sandbox, "mouse = 0\n");
    sandbox.file("values.toml", "[[values]]\nname = \"A\"\n");
    for args in [
        &["--file", "values.toml"][..],
        &["--file", "values.toml", "open", "1"],
    ] {
        let output = sandbox.run(args);
        assert_eq!(output.status.code(), Some(1), "{args:?}");
        let err = stderr(&output);
        assert!(
            err.contains("error: `mouse` must be true or false, found an integer")
                && err.contains("error: value 1: missing `text`"),
            "{args:?}: {err}"
        );
        assert_eq!(sandbox.recorded(), None, "the browser ran anyway");
    }
}
