//! End-to-end tests of the non-interactive commands: `check`, `print`, `open`, the choice of
//! values file, and the command line itself. Each runs the real binary with pipes, never a
//! terminal.

mod common;

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Output, Stdio};
use std::time::SystemTime;

use common::{BROWSER_SEPARATOR, NAMES, Sandbox, VIDEOS, values_toml};

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("stdout is UTF-8")
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).expect("stderr is UTF-8")
}

/// Whatever went wrong, the program must say so itself, never by crashing.
fn assert_no_panic(output: &Output) {
    let err = stderr(output);
    assert!(!err.contains("panicked"), "the program panicked:\n{err}");
    assert!(
        !err.contains("RUST_BACKTRACE"),
        "the program panicked:\n{err}"
    );
}

/// The bytes and modification time of a file, to prove that a run left it alone.
fn fingerprint(path: &Path) -> (Vec<u8>, SystemTime) {
    let bytes = fs::read(path).expect("read the file");
    let modified = fs::metadata(path)
        .and_then(|meta| meta.modified())
        .expect("mtime");
    (bytes, modified)
}

/// Runs `check` on a bad file and returns its stderr, asserting the parts every failed check
/// shares: exit status 1, nothing on stdout, no panic, the file untouched and, for files that
/// could be read, the final count of problems.
fn check_bad(sandbox: &Sandbox, name: &str, contents: &[u8], problems: usize) -> String {
    let path = sandbox.file(name, contents);
    let before = fingerprint(&path);
    let output = sandbox
        .command()
        .arg("check")
        .arg(name)
        .output()
        .expect("run check");
    let err = stderr(&output);
    assert_eq!(
        output.status.code(),
        Some(1),
        "check {name} should fail:\n{err}"
    );
    assert_eq!(stdout(&output), "", "a bad file gives nothing on stdout");
    assert_no_panic(&output);
    assert_eq!(fingerprint(&path), before, "check changed {name}");
    if problems > 0 {
        let plural = if problems == 1 { "problem" } else { "problems" };
        let summary = format!("error: {name} has {problems} {plural}");
        assert_eq!(
            err.trim_end().lines().last(),
            Some(summary.as_str()),
            "{err}"
        );
    }
    err
}

/// Asserts that `err` holds `error: <message…>` followed on the next line by ` --> <location>`,
/// the rustc shape, and returns the byte offset of that title so callers can check the order.
fn assert_diagnostic(err: &str, message: &str, location: &str) -> usize {
    let lines: Vec<&str> = err.lines().collect();
    let found = lines.iter().enumerate().find(|(index, line)| {
        line.starts_with("error: ")
            && line.contains(message)
            && lines
                .get(index + 1)
                .is_some_and(|next| next.trim_start() == format!("--> {location}"))
    });
    let Some((index, _)) = found else {
        panic!("no `error: …{message}…` at ` --> {location}` in:\n{err}");
    };
    lines[..index].iter().map(|line| line.len() + 1).sum()
}

// ---------------------------------------------------------------------------------------------
// check

#[test]
fn check_accepts_the_built_in_file_and_counts_its_parts() {
    let sandbox = Sandbox::new();
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("values.toml");
    let output = sandbox.command().arg("check").arg(&path).output().unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(
        stdout(&output),
        format!("{}: 6 values, 2 links\n", path.display())
    );
    assert_eq!(stderr(&output), "");
}

#[test]
fn check_reports_a_missing_file() {
    let sandbox = Sandbox::new();
    let output = sandbox
        .command()
        .args(["check", "nowhere.toml"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert_no_panic(&output);
    assert_eq!(
        stderr(&output).trim_end(),
        "error: nowhere.toml: cannot read the file: no such file"
    );
    assert!(
        !sandbox.path().join("nowhere.toml").exists(),
        "check created the file"
    );
}

#[test]
fn check_reports_a_directory() {
    let sandbox = Sandbox::new();
    fs::create_dir(sandbox.path().join("folder.toml")).unwrap();
    let output = sandbox
        .command()
        .args(["check", "folder.toml"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert_no_panic(&output);
    let err = stderr(&output);
    assert!(
        err.starts_with("error: folder.toml: is a directory"),
        "{err}"
    );
}

#[test]
fn check_reports_invalid_utf8_at_the_bad_byte() {
    let sandbox = Sandbox::new();
    // The 0xFF is the 10th character of line 3.
    let contents = b"title = \"x\"\n[[values]]\nname = \"a\xffb\"\ntext = \"t\"\n";
    let err = check_bad(&sandbox, "latin1.toml", contents, 0);
    assert!(err.starts_with("error: latin1.toml:3:10: "), "{err}");
    assert!(err.contains("not valid UTF-8"), "{err}");
}

#[test]
fn check_reports_a_toml_syntax_error() {
    let sandbox = Sandbox::new();
    let contents = "title = \"Our values\"\n[[values]\nname = \"x\"\n";
    let err = check_bad(&sandbox, "syntax.toml", contents.as_bytes(), 1);
    assert_diagnostic(&err, "TOML syntax", "syntax.toml:2:10");
    // The offending line is quoted with a caret under the place.
    assert!(err.contains("2 | [[values]\n"), "{err}");
    assert!(err.contains('^'), "{err}");
}

#[test]
fn check_reports_a_value_of_the_wrong_type() {
    let sandbox = Sandbox::new();
    let contents = "[[values]]\nname = \"A\"\ntext = 42\n";
    let err = check_bad(&sandbox, "type.toml", contents.as_bytes(), 1);
    assert_diagnostic(
        &err,
        "`text` must be a string, found an integer",
        "type.toml:3:8",
    );
    assert!(err.contains("3 | text = 42"), "{err}");
}

#[test]
fn check_reports_a_missing_field_at_its_table_header() {
    let sandbox = Sandbox::new();
    let contents =
        "title = \"T\"\n\n[[values]]\nname = \"A\"\ntext = \"a\"\n\n[[values]]\nname = \"B\"\n";
    let err = check_bad(&sandbox, "missing.toml", contents.as_bytes(), 1);
    assert_diagnostic(&err, "value 2: missing `text`", "missing.toml:7:1");
    assert!(err.contains("7 | [[values]]"), "{err}");
}

#[test]
fn check_reports_a_name_used_twice_ignoring_case() {
    let sandbox = Sandbox::new();
    let contents =
        "[[values]]\nname = \"Care\"\ntext = \"a\"\n\n[[values]]\nname = \"CARE\"\ntext = \"b\"\n";
    let err = check_bad(&sandbox, "twice.toml", contents.as_bytes(), 1);
    assert_diagnostic(&err, "the name `CARE` is used twice", "twice.toml:6:8");
    assert!(err.contains("first used here"), "{err}");
    // Both places are quoted: the first use on line 2, the duplicate on line 6.
    assert!(err.contains("2 | name = \"Care\""), "{err}");
    assert!(err.contains("6 | name = \"CARE\""), "{err}");
}

#[test]
fn check_reports_an_unknown_key_with_a_suggestion() {
    let sandbox = Sandbox::new();
    let contents = "[[values]]\nname = \"A\"\ntext = \"a\"\nvidoe = \"https://example.org/a\"\n";
    let err = check_bad(&sandbox, "typo.toml", contents.as_bytes(), 1);
    assert_diagnostic(&err, "unknown key `vidoe`", "typo.toml:4:1");
    assert!(err.contains("did you mean `video`?"), "{err}");
}

#[test]
fn check_reports_a_link_that_is_not_a_web_link() {
    let sandbox = Sandbox::new();
    let contents = "[[values]]\nname = \"A\"\ntext = \"a\"\nvideo = \"file:///etc/passwd\"\n";
    let err = check_bad(&sandbox, "link.toml", contents.as_bytes(), 1);
    assert_diagnostic(&err, "`video` is not a web link", "link.toml:4:9");
}

#[test]
fn check_reports_a_file_with_no_values() {
    let sandbox = Sandbox::new();
    let err = check_bad(&sandbox, "empty.toml", b"title = \"Nothing here\"\n", 1);
    assert!(
        err.starts_with("error: the file has no values\n --> empty.toml:1:"),
        "{err}"
    );
    assert!(err.contains("1 | title = \"Nothing here\""), "{err}");
    assert!(
        err.contains("[[values]]"),
        "the message should say what to add:\n{err}"
    );
}

/// The end of a file that ends with a newline is the end of its last line (1:23 here, where the
/// caret is drawn) or the start of the empty line after it (2:1), never a column past either.
#[test]
fn check_points_at_the_real_end_of_a_file_with_no_values() {
    let sandbox = Sandbox::new();
    let err = check_bad(&sandbox, "empty.toml", b"title = \"Nothing here\"\n", 1);
    let location = err.lines().nth(1).unwrap_or_default().trim_start();
    assert!(
        location == "--> empty.toml:1:23" || location == "--> empty.toml:2:1",
        "{location} is not in the file:\n{err}"
    );
}

#[test]
fn check_reports_every_problem_in_file_order() {
    let sandbox = Sandbox::new();
    let contents = "\
title = \"T\"

[[values]]
name = 5
text = \"t\"

[[values]]
name = \"Kind\"

[[values]]
name = \"Care\"
text = \"x\"
vidoe = \"https://example.org\"

[[values]]
name = \"CARE\"
text = \"y\"
video = \"ftp://example.org/x\"
";
    let err = check_bad(&sandbox, "many.toml", contents.as_bytes(), 5);
    let positions = [
        assert_diagnostic(
            &err,
            "value 1: `name` must be a string, found an integer",
            "many.toml:4:8",
        ),
        assert_diagnostic(&err, "value 2: missing `text`", "many.toml:7:1"),
        assert_diagnostic(&err, "unknown key `vidoe`", "many.toml:13:1"),
        assert_diagnostic(&err, "the name `CARE` is used twice", "many.toml:16:8"),
        assert_diagnostic(&err, "`video` is not a web link", "many.toml:18:9"),
    ];
    assert!(
        positions.is_sorted(),
        "problems are not in file order:\n{err}"
    );
    assert_eq!(
        err.lines()
            .filter(|line| line.starts_with("error: "))
            .count(),
        6,
        "{err}"
    );
}

#[test]
fn check_of_several_files_fails_if_any_fails_and_still_reports_the_good_ones() {
    let sandbox = Sandbox::new();
    let good = sandbox.file(
        "good.toml",
        values_toml(&[("Kindness", "https://example.org/k")]),
    );
    let bad = sandbox.file("bad.toml", "[[values]]\nname = \"A\"\n");
    let good_before = fingerprint(&good);
    let bad_before = fingerprint(&bad);
    let output = sandbox
        .command()
        .args(["check", "bad.toml", "good.toml"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert_no_panic(&output);
    assert_eq!(stdout(&output), "good.toml: 1 value, 0 links\n");
    assert_diagnostic(&stderr(&output), "missing `text`", "bad.toml:1:1");
    assert_eq!(fingerprint(&good), good_before);
    assert_eq!(fingerprint(&bad), bad_before);
}

// ---------------------------------------------------------------------------------------------
// Where the values come from

#[test]
fn the_file_flag_wins_over_the_environment_and_the_config_file() {
    let sandbox = Sandbox::new();
    sandbox.file(
        "flag.toml",
        values_toml(&[("From the flag", "https://example.org/f")]),
    );
    sandbox.file(
        "env.toml",
        values_toml(&[("From the env", "https://example.org/e")]),
    );
    let config = sandbox.config_home().join("nhs-values");
    fs::create_dir_all(&config).unwrap();
    fs::write(
        config.join("values.toml"),
        values_toml(&[("From the config", "https://example.org/c")]),
    )
    .unwrap();

    let first_name = |args: &[&str], env: Option<&str>| {
        let mut command = sandbox.command();
        command.args(args).args(["print", "--format", "json"]);
        if let Some(env) = env {
            command.env("NHS_VALUES_FILE", env);
        }
        let output = command.output().unwrap();
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
        let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
        json["values"][0]["name"].as_str().unwrap().to_owned()
    };
    assert_eq!(
        first_name(&["--file", "flag.toml"], Some("env.toml")),
        "From the flag"
    );
    assert_eq!(first_name(&["-f", "flag.toml"], None), "From the flag");
    assert_eq!(first_name(&[], Some("env.toml")), "From the env");
    assert_eq!(first_name(&[], None), "From the config");
    fs::remove_file(config.join("values.toml")).unwrap();
    assert_eq!(
        first_name(&[], None),
        NAMES[0],
        "without any file the built-in copy is used"
    );
}

/// The user's file and the config folder, as the sandbox's environment places them on this
/// platform (`XDG_CONFIG_HOME` on Linux and macOS, `APPDATA` on Windows).
fn user_file(sandbox: &Sandbox) -> (PathBuf, PathBuf) {
    let folder = sandbox.config_home().join("nhs-values");
    (folder.join("values.toml"), folder)
}

/// What `where` says when there is no config file in the sandbox's config folder.
fn no_config(folder: &Path) -> String {
    format!(
        "config: none, so the default settings and keys\n  because: {} does not exist, and \
         neither --config nor NHS_VALUES_CONFIG was given\n",
        folder.join("config.toml").display()
    )
}

/// Runs `where` with `args` and `NHS_VALUES_FILE` set to `variable`, and returns what it printed.
fn where_output(sandbox: &Sandbox, args: &[&str], variable: Option<&Path>) -> String {
    let mut command = sandbox.command();
    command.args(args).arg("where");
    if let Some(variable) = variable {
        command.env("NHS_VALUES_FILE", variable);
    }
    let output = command.output().unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(stderr(&output), "");
    stdout(&output)
}

#[test]
fn where_says_the_built_in_copy_is_read_and_names_the_missing_users_file() {
    let sandbox = Sandbox::new();
    let (file, folder) = user_file(&sandbox);
    assert_eq!(
        where_output(&sandbox, &[], None),
        format!(
            "values: the copy built into nhs-values {}\n  \
             because: {} does not exist, and neither --file nor NHS_VALUES_FILE was given\n\
             {}config folder: {}\n",
            env!("CARGO_PKG_VERSION"),
            file.display(),
            no_config(&folder),
            folder.display()
        )
    );
}

#[test]
fn where_names_the_users_file_when_it_exists_even_if_it_is_broken() {
    let sandbox = Sandbox::new();
    let (file, folder) = user_file(&sandbox);
    fs::create_dir_all(&folder).unwrap();
    // `where` says which file would be read; whether it is valid is `check`'s question.
    fs::write(&file, "not = [toml").unwrap();
    assert_eq!(
        where_output(&sandbox, &[], None),
        format!(
            "values: {}\n  \
             because: it exists in the config folder, and neither --file nor NHS_VALUES_FILE \
             was given\n\
             {}config folder: {}\n",
            file.display(),
            no_config(&folder),
            folder.display()
        )
    );
}

#[test]
fn where_names_the_file_from_the_environment_and_the_flag_over_it() {
    let sandbox = Sandbox::new();
    let (_, folder) = user_file(&sandbox);
    let env = sandbox.file("env.toml", values_toml(&[("E", "https://example.org/e")]));
    let flag = sandbox.file("flag.toml", values_toml(&[("F", "https://example.org/f")]));
    assert_eq!(
        where_output(&sandbox, &[], Some(&env)),
        format!(
            "values: {}\n  because: NHS_VALUES_FILE is set, and --file was not given\n\
             {}config folder: {}\n",
            env.display(),
            no_config(&folder),
            folder.display()
        )
    );
    let flag_arg = flag.to_str().expect("a UTF-8 temp path");
    assert_eq!(
        where_output(&sandbox, &["--file", flag_arg], Some(&env)),
        format!(
            "values: {}\n  \
             because: --file was given (it wins over NHS_VALUES_FILE, which is set too)\n\
             {}config folder: {}\n",
            flag.display(),
            no_config(&folder),
            folder.display()
        )
    );
    assert!(
        where_output(&sandbox, &["--file", flag_arg], None).starts_with(&format!(
            "values: {}\n  because: --file was given\n",
            flag.display()
        )),
    );
}

/// The config folder `where` reports, with `XDG_CONFIG_HOME` set to `xdg` (or unset).
fn reported_config_folder(sandbox: &Sandbox, xdg: Option<&str>) -> String {
    let mut command = sandbox.command();
    command.arg("where");
    match xdg {
        Some(xdg) => command.env("XDG_CONFIG_HOME", xdg),
        None => command.env_remove("XDG_CONFIG_HOME"),
    };
    let output = command.output().unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let text = stdout(&output);
    text.lines()
        .find_map(|line| line.strip_prefix("config folder: "))
        .unwrap_or_else(|| panic!("no config folder line:\n{text}"))
        .to_owned()
}

/// Linux and macOS: `$XDG_CONFIG_HOME` when it is absolute, else `~/.config`.
#[cfg(unix)]
#[test]
fn the_config_folder_is_under_home_dot_config_without_an_absolute_xdg_config_home() {
    let sandbox = Sandbox::new();
    let dot_config = sandbox.path().join(".config").join("nhs-values");
    for xdg in [None, Some(""), Some("relative/config")] {
        assert_eq!(
            reported_config_folder(&sandbox, xdg),
            dot_config.display().to_string(),
            "XDG_CONFIG_HOME={xdg:?}"
        );
    }
}

/// Windows: `%APPDATA%\nhs-values`, whatever `XDG_CONFIG_HOME` says.
#[cfg(windows)]
#[test]
fn the_config_folder_is_under_appdata_on_windows() {
    let sandbox = Sandbox::new();
    let elsewhere = sandbox.path().join("xdg");
    let folder = sandbox.config_home().join("nhs-values");
    for xdg in [None, elsewhere.to_str()] {
        assert_eq!(
            reported_config_folder(&sandbox, xdg),
            folder.display().to_string(),
            "XDG_CONFIG_HOME={xdg:?}"
        );
    }
}

#[test]
fn where_shows_a_relative_file_as_a_path_that_finds_it_from_anywhere() {
    let sandbox = Sandbox::new();
    let flag = sandbox.file("flag.toml", "title = \"mine\"\n");
    let output = where_output(&sandbox, &["--file", "flag.toml"], None);
    let shown = output
        .lines()
        .next()
        .and_then(|line| line.strip_prefix("values: "))
        .unwrap_or_else(|| panic!("no values line:\n{output}"));
    let shown = Path::new(shown);
    assert!(shown.is_absolute(), "{output}");
    assert_eq!(
        fs::read(shown).unwrap(),
        fs::read(flag).unwrap(),
        "{output}"
    );
}

#[test]
fn where_points_out_a_chosen_file_that_is_missing_or_a_folder() {
    let sandbox = Sandbox::new();
    let missing = sandbox.path().join("gone.toml");
    let output = where_output(&sandbox, &[], Some(&missing));
    assert!(
        output.starts_with(&format!(
            "values: {}\n  because: NHS_VALUES_FILE is set, and --file was not given\n  \
             note: this file does not exist, so reading it fails\n",
            missing.display()
        )),
        "{output}"
    );
    let folder = sandbox.config_home();
    let output = where_output(&sandbox, &[], Some(&folder));
    assert!(
        output.contains("\n  note: this is a folder, not a file, so reading it fails\n"),
        "{output}"
    );
}

#[test]
fn a_bad_file_from_the_environment_is_reported_with_its_location() {
    let sandbox = Sandbox::new();
    let path = sandbox.file("env.toml", "[[values]]\nname = \"A\"\ntext = 1\n");
    let before = fingerprint(&path);
    let output = sandbox
        .command()
        .arg("print")
        .env("NHS_VALUES_FILE", "env.toml")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(stdout(&output), "");
    assert_no_panic(&output);
    assert_diagnostic(
        &stderr(&output),
        "must be a string, found an integer",
        "env.toml:3:8",
    );
    assert_eq!(fingerprint(&path), before);
}

// ---------------------------------------------------------------------------------------------
// print

#[test]
fn print_text_is_plain() {
    let sandbox = Sandbox::new();
    let output = sandbox.command().arg("print").output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(stderr(&output), "");
    let text = stdout(&output);
    assert!(text.starts_with("Our values\n==========\n"), "{text}");
    for (index, name) in NAMES.iter().enumerate() {
        assert!(
            text.contains(&format!("\n{}. {name}\n", index + 1)),
            "{name} missing:\n{text}"
        );
    }
    for video in VIDEOS {
        assert!(
            text.contains(&format!("Video: {video}\n")),
            "{video} missing"
        );
    }
    assert!(
        !output.stdout.contains(&0x1b),
        "escape sequences in plain text"
    );
}

#[test]
fn print_json_holds_all_six_values() {
    let sandbox = Sandbox::new();
    let output = sandbox
        .command()
        .args(["print", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(stderr(&output), "");
    assert!(!output.stdout.contains(&0x1b));
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).expect("valid JSON");
    assert_eq!(json["title"], "Our values");
    let values = json["values"].as_array().expect("values is an array");
    assert_eq!(values.len(), 6);
    for ((value, name), video) in values.iter().zip(NAMES).zip(VIDEOS) {
        assert_eq!(value["name"], name);
        assert_eq!(value["video"], video);
    }
}

/// Issue 20: a trust's own link, marked for the title slide, is checked like any link and kept
/// by every format that keeps the links' fields.
const TITLE_SLIDE_LINK: &str = "source = \"https://hee.nhs.uk/about/our-values\"

[[links]]
label = \"Our trust's values\"
url = \"https://example.nhs.uk/values\"
on_title_slide = true

[[values]]
name = \"Compassion\"
text = \"We care.\"
";

#[test]
fn a_link_marked_for_the_title_slide_is_checked_and_printed() {
    let sandbox = Sandbox::new();
    sandbox.file("trust.toml", TITLE_SLIDE_LINK);
    let check = sandbox.run(&["check", "trust.toml"]);
    assert_eq!(
        stdout(&check),
        "trust.toml: 1 value, 1 link\n",
        "{}",
        stderr(&check)
    );

    let toml = stdout(&sandbox.run(&["--file", "trust.toml", "print", "--format", "toml"]));
    assert!(
        toml.contains("url = \"https://example.nhs.uk/values\"\non_title_slide = true\n"),
        "{toml}"
    );
    let json = sandbox.run(&["--file", "trust.toml", "print", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&json.stdout).expect("valid JSON");
    assert_eq!(json["links"][0]["on_title_slide"], true);

    let builtin = stdout(&sandbox.run(&["print", "--format", "toml"]));
    assert!(
        builtin.contains("add `on_title_slide = true` to that link"),
        "the starter file says how to choose the title slide's link:\n{builtin}"
    );
}

#[test]
fn a_second_link_for_the_title_slide_and_a_quoted_mark_are_located() {
    let sandbox = Sandbox::new();
    let contents = TITLE_SLIDE_LINK.replace(
        "\n[[values]]",
        "\n[[links]]\nlabel = \"Our strategy\"\nurl = \"https://example.nhs.uk/strategy\"\n\
         on_title_slide = true\n\n[[links]]\nlabel = \"Our news\"\n\
         url = \"https://example.nhs.uk/news\"\non_title_slide = \"true\"\n\n[[values]]",
    );
    let err = check_bad(&sandbox, "trust.toml", contents.as_bytes(), 2);
    assert_eq!(
        err,
        "error: link 2: only one link can be on the title slide
  --> trust.toml:11:18
   |
 6 | on_title_slide = true
   |                  ---- on the title slide already
...
11 | on_title_slide = true
   |                  ^^^^ a second link for the title slide
   |
   = help: keep `on_title_slide = true` on one link only

error: link 3: `on_title_slide` must be true or false, found a string
  --> trust.toml:16:18
   |
16 | on_title_slide = \"true\"
   |                  ^^^^^^ expected true or false
   |
   = help: write `on_title_slide = true`, without quotes, or leave it out

error: trust.toml has 2 problems
"
    );
}

/// Issue 20: the people who write the values had to dig to line 500 of README. Their five steps
/// come before the set-up for developers, link to the full schema, say which one file to edit
/// from then on, and quote what `check` really says of the starter file.
#[test]
fn readme_starts_with_the_authors_five_steps_and_they_hold() {
    let readme = include_str!("../README.md");
    let heading = "\n## Your own values in five steps\n";
    let start = readme
        .find(heading)
        .expect("README has the authors' section");
    assert!(
        start < readme.find("\n## Run it\n").expect("README has Run it"),
        "the authors' section comes before the developers' set-up"
    );
    let section = readme[start + heading.len()..]
        .split("\n## ")
        .next()
        .unwrap_or_default();
    let steps: Vec<&str> = section
        .lines()
        .filter(|line| line.chars().next().is_some_and(|c| c.is_ascii_digit()))
        .collect();
    let numbers: Vec<&str> = steps.iter().map(|line| &line[..3]).collect();
    assert_eq!(numbers, ["1. ", "2. ", "3. ", "4. ", "5. "], "{section}");
    for needed in [
        "nhs-values print --format toml > my-values.toml",
        "nhs-values check my-values.toml",
        "nhs-values present",
        "NHS_VALUES_FILE",
        "nhs-values where",
        "(#the-schema)",
    ] {
        assert!(
            section.contains(needed),
            "{needed:?} missing from:\n{section}"
        );
    }
    assert!(readme.contains("\n### The schema\n"), "the link's target");

    let sandbox = Sandbox::new();
    let starter = sandbox.run(&["print", "--format", "toml"]);
    sandbox.file("my-values.toml", &starter.stdout);
    let check = sandbox.run(&["check", "my-values.toml"]);
    assert_eq!(check.status.code(), Some(0), "{}", stderr(&check));
    let said = stdout(&check);
    assert!(
        section.contains(said.trim_end()),
        "README quotes {said:?} as check's answer"
    );
}

#[test]
fn print_markdown_starts_with_the_title() {
    let sandbox = Sandbox::new();
    let output = sandbox
        .command()
        .args(["print", "--format", "markdown"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(stderr(&output), "");
    assert!(!output.stdout.contains(&0x1b));
    let markdown = stdout(&output);
    assert!(markdown.starts_with("# Our values\n"), "{markdown}");
    assert!(markdown.contains("\n## 2. Compassion\n"), "{markdown}");
}

#[test]
fn print_rejects_an_unknown_format() {
    let sandbox = Sandbox::new();
    let output = sandbox
        .command()
        .args(["print", "--format", "html"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(stdout(&output), "");
}

#[test]
fn without_a_terminal_the_browser_prints_like_print() {
    let sandbox = Sandbox::new();
    let bare = sandbox.command().stdin(Stdio::null()).output().unwrap();
    let print = sandbox.command().arg("print").output().unwrap();
    assert_eq!(bare.status.code(), Some(0));
    assert_eq!(stderr(&bare), "");
    assert!(
        !bare.stdout.contains(&0x1b),
        "the screen was drawn into a pipe"
    );
    assert_eq!(stdout(&bare), stdout(&print));
}

#[test]
fn present_without_a_terminal_prints_like_print_and_refuses_an_unknown_value() {
    let sandbox = Sandbox::new();
    let print = sandbox.command().arg("print").output().unwrap();
    for args in [&["present"][..], &["present", "resp"]] {
        let output = sandbox
            .command()
            .args(args)
            .stdin(Stdio::null())
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(0), "{args:?}");
        assert_eq!(stderr(&output), "", "{args:?}");
        assert_eq!(stdout(&output), stdout(&print), "{args:?}");
    }
    for (wanted, error) in [
        (
            "9",
            "error: there is no value 9; the values are numbered 1 to 6\n",
        ),
        // Issue 20: an unknown name was refused without a word on what the names are.
        (
            "kindnes",
            "error: no value is named “kindnes”; the values are 1 “Working together for \
             patients”, 2 “Compassion”, 3 “Respect and dignity”, 4 “Improving lives”, \
             5 “Commitment to quality of care”, 6 “Everyone counts”\n",
        ),
        (
            "compasion",
            "error: no value is named “compasion”; did you mean “Compassion”?\n",
        ),
        (
            "respct",
            "error: no value is named “respct”; did you mean “Respect and dignity”?\n",
        ),
    ] {
        let output = sandbox.run(&["present", wanted]);
        assert_eq!(output.status.code(), Some(1), "{wanted}");
        assert_eq!(stderr(&output), error);
        assert_eq!(stdout(&output), "");
        assert_no_panic(&output);
    }
    let help = sandbox.run(&["present", "--help"]);
    assert!(
        stdout(&help).contains("Without one, the title slide"),
        "{}",
        stdout(&help)
    );
}

#[test]
fn a_reader_that_stops_early_is_not_an_error() {
    let sandbox = Sandbox::new();
    // A document far bigger than a pipe buffer, so the writer must hit the closed pipe.
    let many: Vec<(String, String)> = (0..3000)
        .map(|n| {
            (
                format!("Value number {n}"),
                format!("https://example.org/{n}"),
            )
        })
        .collect();
    let refs: Vec<(&str, &str)> = many.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    sandbox.file("big.toml", values_toml(&refs));
    for args in [&["print"][..], &["print", "--format", "json"], &[]] {
        let mut child = sandbox
            .command()
            .args(["--file", "big.toml"])
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut first = [0u8; 11];
        child.stdout.take().unwrap().read_exact(&mut first).unwrap();
        // The read end is closed here, like `| head -1` exiting.
        let output = child.wait_with_output().unwrap();
        assert_eq!(
            output.status.code(),
            Some(0),
            "{args:?}: {}",
            stderr(&output)
        );
        assert_eq!(stderr(&output), "", "{args:?}");
    }
}

// ---------------------------------------------------------------------------------------------
// open

/// Runs `open <wanted>` with the recording browser.
fn open(sandbox: &Sandbox, wanted: &str) -> Output {
    sandbox.command().args(["open", wanted]).output().unwrap()
}

#[test]
fn open_by_number_runs_the_browser_with_the_video() {
    let sandbox = Sandbox::new();
    let output = open(&sandbox, "2");
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(sandbox.wait_for_record(), format!("{}\n", VIDEOS[1]));
    assert!(stdout(&output).contains(VIDEOS[1]));
}

#[test]
fn open_by_a_start_of_the_name() {
    let sandbox = Sandbox::new();
    let output = open(&sandbox, "resp");
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(sandbox.wait_for_record(), format!("{}\n", VIDEOS[2]));
}

#[test]
fn open_by_the_whole_name_ignoring_case() {
    let sandbox = Sandbox::new();
    let output = open(&sandbox, "everyone COUNTS");
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(sandbox.wait_for_record(), format!("{}\n", VIDEOS[5]));
}

#[test]
fn open_refuses_an_ambiguous_name_and_lists_the_candidates() {
    let sandbox = Sandbox::new();
    let output = open(&sandbox, "co");
    assert_eq!(output.status.code(), Some(1));
    assert_no_panic(&output);
    let err = stderr(&output);
    assert!(
        err.contains("Compassion") && err.contains("Commitment to quality of care"),
        "{err}"
    );
    assert_eq!(sandbox.recorded(), None, "the browser ran anyway");
}

#[test]
fn open_refuses_a_number_out_of_range() {
    let sandbox = Sandbox::new();
    let output = open(&sandbox, "9");
    assert_eq!(output.status.code(), Some(1));
    assert_no_panic(&output);
    assert!(
        stderr(&output).contains("no value 9"),
        "{}",
        stderr(&output)
    );
    assert_eq!(sandbox.recorded(), None, "the browser ran anyway");
}

#[test]
fn open_refuses_an_unknown_name() {
    let sandbox = Sandbox::new();
    let output = open(&sandbox, "kindness");
    assert_eq!(output.status.code(), Some(1));
    assert_no_panic(&output);
    assert!(stderr(&output).contains("kindness"), "{}", stderr(&output));
    assert_eq!(sandbox.recorded(), None, "the browser ran anyway");
}

#[test]
fn open_passes_shell_metacharacters_as_one_argument() {
    let sandbox = Sandbox::new();
    // No spaces, which a link may not have: a shell splits words at `${IFS}` too.
    let url = "https://example.org/?a=1;touch${IFS}x&b='c'$(touch${IFS}y)`touch${IFS}z`";
    sandbox.file("odd.toml", values_toml(&[("Odd", url)]));
    let output = sandbox
        .command()
        .args(["--file", "odd.toml", "open", "1"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(sandbox.wait_for_record(), format!("{url}\n"));
    for name in ["x", "y", "z"] {
        assert!(
            !sandbox.path().join(name).exists(),
            "a shell ran `touch {name}`"
        );
    }
}

#[test]
fn browser_entries_are_tried_in_order_and_percent_s_is_replaced() {
    let sandbox = Sandbox::new();
    // The recorder's path is quoted, as a path with spaces must be.
    let list = format!(
        "/nonexistent/browser{BROWSER_SEPARATOR}\"{}\" --new-tab --url=%s --flag",
        sandbox.browser().display()
    );
    let output = sandbox
        .command()
        .args(["open", "3"])
        .env("BROWSER", list)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let expected = format!("--new-tab\n--url={}\n--flag\n", VIDEOS[2]);
    assert_eq!(sandbox.wait_for_record(), expected);
}

// ---------------------------------------------------------------------------------------------
// The command line

#[test]
fn help_and_version_succeed() {
    let sandbox = Sandbox::new();
    let help = sandbox.command().arg("--help").output().unwrap();
    assert_eq!(help.status.code(), Some(0));
    let text = stdout(&help);
    for command in ["check", "print", "open", "present", "where", "--file"] {
        assert!(
            text.contains(command),
            "--help does not mention {command}:\n{text}"
        );
    }
    let version = sandbox.command().arg("--version").output().unwrap();
    assert_eq!(version.status.code(), Some(0));
    assert_eq!(
        stdout(&version),
        format!("nhs-values {}\n", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn an_unknown_flag_is_a_usage_error() {
    let sandbox = Sandbox::new();
    let output = sandbox.command().arg("--bogus").output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(stdout(&output), "");
    assert!(stderr(&output).contains("--bogus"), "{}", stderr(&output));
    assert_no_panic(&output);
}

/// The whole report, byte for byte, for each kind of problem a comms team is likely to make:
/// rustc's shape, with the file, line and column, the line quoted and a caret under the place.
#[test]
fn error_reports_are_exactly_as_rustc_would_show_them() {
    let cases: [(&str, &str, &str); 4] = [
        (
            "syntax.toml",
            "title = \"Ward values\"\n\n[[values]]\nname = \"Care\"\ntext = \"a\n",
            "\
error: a text is never closed
 --> syntax.toml:5:8
  |
5 | text = \"a
  |        ^ this text starts here and is never closed
  |
  = help: add `\"` at its end

error: syntax.toml has 1 problem
",
        ),
        (
            "url.toml",
            "title = \"Ward values\"\n\n[[values]]\nname = \"Care\"\ntext = \"a\"\n\n\
             [[values]]\nname = \"Courage\"\ntext = \"b\"\n\n\
             [[values]]\nname = \"Kindness\"\ntext = \"c\"\nvideo = \"www.example.org/v\"\n",
            "\
error: value 3: `video` is not a web link
  --> url.toml:14:9
   |
14 | video = \"www.example.org/v\"
   |         ^^^^^^^^^^^^^^^^^^^ a link must start with `https://`
   |
   = help: links must start with `https://` or `http://`

error: url.toml has 1 problem
",
        ),
        (
            "twice.toml",
            "[[values]]\nname = \"Care\"\ntext = \"a\"\n\n[[values]]\nname = \"CARE\"\ntext = \"b\"\n",
            "\
error: value 2: the name `CARE` is used twice
 --> twice.toml:6:8
  |
2 | name = \"Care\"
  |        ------ first used here
...
6 | name = \"CARE\"
  |        ^^^^^^ duplicate name
  |
  = help: names must be unique, ignoring case

error: twice.toml has 1 problem
",
        ),
        (
            // A link that would reach the opener as an option is not a link at all.
            "dash.toml",
            "[[values]]\nname = \"Care\"\ntext = \"a\"\nvideo = \"-xdg-open\"\n",
            "\
error: value 1: `video` is not a web link
 --> dash.toml:4:9
  |
4 | video = \"-xdg-open\"
  |         ^^^^^^^^^^^ a link must start with `https://`
  |
  = help: links must start with `https://` or `http://`

error: dash.toml has 1 problem
",
        ),
    ];
    for (name, contents, expected) in cases {
        let sandbox = Sandbox::new();
        assert_eq!(check_bad(&sandbox, name, contents.as_bytes(), 1), expected);
    }
}
