//! Each kind of problem a config file can have, with its report exactly as `check` and the
//! start-up show it; and what a good file gives.

use proptest::strategy::Strategy;
use ratatui::crossterm::event::KeyCode;

use super::*;
use crate::action::Action;
use crate::keys::Key;
use crate::screen::{Keymap, Screen};

fn report(text: &str) -> String {
    match parse(text, "config.toml") {
        Ok(settings) => panic!("accepted:\n{text}\n{settings:?}"),
        Err(error) => error.render(false),
    }
}

fn settings(text: &str) -> Settings {
    parse(text, "config.toml").unwrap_or_else(|error| panic!("{}", error.render(false)))
}

#[test]
fn an_empty_file_or_one_of_comments_means_the_defaults() {
    for text in ["", "\n", "# nothing to change\n", "\u{feff}", "[keys]\n"] {
        assert_eq!(settings(text), Settings::default(), "{text:?}");
    }
}

/// The issue's own example: `n` moves to the next value and no longer to the next match, `/`
/// no longer filters but `f` does; no mouse, the high-contrast look.
#[test]
fn a_file_changes_what_it_names_and_keeps_the_rest() {
    let settings = settings(
        "theme = \"high-contrast\"\nmouse = false\nbrowser = \"w3m %s\"\ntext_width = 72\n\n\
         [keys]\nnext = [\"n\"]\nfilter = [\"f\"]\n",
    );
    assert_eq!(settings.theme, ThemeName::HighContrast);
    assert_eq!(settings.browser.as_deref(), Some("w3m %s"));
    assert_eq!(settings.text_width, 72);
    let keys = &settings.keys;
    assert!(!keys.mouse());
    assert_eq!(
        keys.action(KeyCode::Char('n'), false, Screen::BROWSER),
        Some(Action::Next)
    );
    assert_eq!(
        keys.action(KeyCode::Char('j'), false, Screen::BROWSER),
        None
    );
    assert_eq!(
        keys.action(KeyCode::Char('f'), false, Screen::BROWSER),
        Some(Action::StartFilter)
    );
    assert_eq!(
        keys.action(KeyCode::Char('/'), false, Screen::BROWSER),
        None
    );
    assert_eq!(
        keys.name(&Action::NextMatch, Screen::BROWSER),
        None,
        "`n` was taken from it"
    );
    assert_eq!(
        keys.action(KeyCode::Char('N'), false, Screen::BROWSER),
        Some(Action::PreviousMatch)
    );
    assert_eq!(
        keys.action(KeyCode::Char('k'), false, Screen::BROWSER),
        Some(Action::Previous)
    );
}

#[test]
fn keys_may_be_written_in_any_of_their_spellings() {
    let settings =
        settings("[keys]\nnext = [\"PgDn\", \"ctrl+n\", \"Shift-j\", \"space\"]\npage-down = []\n");
    let keys = &settings.keys;
    assert_eq!(
        keys.action(KeyCode::PageDown, false, Screen::BROWSER),
        Some(Action::Next)
    );
    assert_eq!(
        keys.action(KeyCode::Char('n'), true, Screen::BROWSER),
        Some(Action::Next)
    );
    assert_eq!(
        keys.action(KeyCode::Char('J'), false, Screen::BROWSER),
        Some(Action::Next)
    );
    assert_eq!(
        keys.action(KeyCode::Char(' '), false, Screen::BROWSER),
        Some(Action::Next)
    );
    assert_eq!(
        keys.bindings(Keymap::Browser)[0].keys(),
        [
            Key::Plain(KeyCode::PageDown),
            Key::Ctrl('n'),
            Key::Plain(KeyCode::Char('J')),
            Key::Plain(KeyCode::Char(' '))
        ]
    );
}

#[test]
fn suspend_is_a_name_on_every_platform() {
    let settings = settings("[keys]\nsuspend = [\"Ctrl-s\"]\n");
    let expected = cfg!(unix).then_some(Action::Suspend);
    assert_eq!(
        settings
            .keys
            .action(KeyCode::Char('s'), true, Screen::BROWSER),
        expected
    );
    assert_eq!(
        settings
            .keys
            .action(KeyCode::Char('z'), true, Screen::BROWSER),
        None
    );
}

/// Presentation mode's keys are a table of their own: what `[keys]` does leaves them as they
/// are, and what `[keys.presentation]` does leaves the browser's.
#[test]
fn presentation_mode_has_a_table_of_its_own() {
    let settings = settings(
        "[keys]\nnext = [\"n\"]\n\n[keys.presentation]\nblank = [\".\"]\nnext = [\"Space\", \"b\"]\n",
    );
    let keys = &settings.keys;
    assert_eq!(
        keys.action(KeyCode::Char('n'), false, Screen::BROWSER),
        Some(Action::Next)
    );
    assert_eq!(
        keys.action(KeyCode::Char('j'), false, Screen::BROWSER),
        None
    );
    assert_eq!(
        keys.action(KeyCode::Char('.'), false, Screen::BROWSER),
        None
    );
    assert_eq!(
        keys.action(KeyCode::Char('.'), false, Screen::SLIDE),
        Some(Action::Blank)
    );
    assert_eq!(
        keys.action(KeyCode::Char('b'), false, Screen::SLIDE),
        Some(Action::Next)
    );
    assert_eq!(
        keys.action(KeyCode::Char(' '), false, Screen::SLIDE),
        Some(Action::Next)
    );
    assert_eq!(
        keys.action(KeyCode::Right, false, Screen::SLIDE),
        None,
        "next has only its listed keys"
    );
    assert_eq!(keys.action(KeyCode::Char('n'), false, Screen::SLIDE), None);
    assert_eq!(
        keys.action(KeyCode::Char('k'), false, Screen::SLIDE),
        Some(Action::Previous)
    );
    assert_eq!(
        keys.name(&Action::Blank, Screen::SLIDE).as_deref(),
        Some(".")
    );
}

#[test]
fn an_action_of_the_other_table_says_where_it_goes() {
    assert_eq!(
        report("[keys]\nblank = [\"b\"]\n\n[keys.presentation]\nfilter = [\"/\"]\n"),
        r#"error: unknown action `blank` in `[keys]`
 --> config.toml:2:1
  |
2 | blank = ["b"]
  | ^^^^^ not an action of the browser
  |
  = help: `blank` is an action of presentation mode: give it keys under `[keys.presentation]`

error: unknown action `filter` in `[keys.presentation]`
 --> config.toml:5:1
  |
5 | filter = ["/"]
  | ^^^^^^ not an action of presentation mode
  |
  = help: `filter` is an action of the browser: give it keys under `[keys]`

error: config.toml has 2 problems"#
    );
}

#[test]
fn a_key_may_do_one_thing_in_each_table() {
    let settings = settings("[keys]\nfirst = [\"x\"]\n\n[keys.presentation]\nlast = [\"x\"]\n");
    assert_eq!(
        settings
            .keys
            .action(KeyCode::Char('x'), false, Screen::BROWSER),
        Some(Action::First)
    );
    assert_eq!(
        settings
            .keys
            .action(KeyCode::Char('x'), false, Screen::SLIDE),
        Some(Action::Last)
    );
    assert_eq!(
        report("[keys.presentation]\nlast = [\"x\"]\nfirst = [\"x\"]\n"),
        r#"error: `x` is bound to both `last` and `first`
 --> config.toml:3:10
  |
2 | last = ["x"]
  |         --- first bound here
3 | first = ["x"]
  |          ^^^ bound again here
  |
  = help: a key does one thing: remove it from one of the lists

error: config.toml has 1 problem"#
    );
}

#[test]
fn presentation_keys_that_are_not_a_table() {
    assert_eq!(
        report("[keys]\npresentation = [\"p\"]\n"),
        r#"error: `presentation` must be a `[keys.presentation]` table, found an array
 --> config.toml:2:16
  |
2 | presentation = ["p"]
  |                ^^^^^ expected a `[keys.presentation]` table

error: config.toml has 1 problem"#
    );
}

/// With no key for `back` or `quit` in presentation mode and no Ctrl key that quits, a slide
/// could not be left.
#[test]
fn no_key_left_to_leave_presentation_mode() {
    assert_eq!(
        report("[keys]\nquit = [\"q\"]\n\n[keys.presentation]\nback = []\nquit = []\n"),
        r#"error: no key would leave presentation mode
 --> config.toml:5:8
  |
5 | back = []
  |        ^^ `back` has no key
  |
  = help: give `back` or `quit` under `[keys.presentation]` a key

error: config.toml has 1 problem"#
    );
    assert_eq!(
        report("[keys]\nquit = [\"q\"]\n\n[keys.presentation]\nblank = [\"Esc\", \"p\", \"q\"]\n"),
        r#"error: no key would leave presentation mode
 --> config.toml:5:22
  |
5 | blank = ["Esc", "p", "q"]
  |                      ^^^ this takes the last key that leaves presentation mode
  |
  = help: give `back` or `quit` under `[keys.presentation]` a key

error: config.toml has 1 problem"#
    );
    // Ctrl-C, which quits from every screen, is a way out.
    settings("[keys.presentation]\nback = []\nquit = []\n");
}

#[test]
fn every_problem_is_reported_in_file_order() {
    let report =
        report("them = 1\ntext_width = 5000\n[keys]\nnext = [\"PgDwn\"]\nopen = [\"x\", \"x\"]\n");
    let titles: Vec<&str> = report
        .lines()
        .filter(|line| line.starts_with("error: "))
        .collect();
    assert_eq!(
        titles,
        [
            "error: unknown setting `them`",
            "error: `text_width` must be from 20 to 1000",
            "error: unknown key `PgDwn`",
            "error: `x` is listed twice for `open`",
            "error: config.toml has 4 problems"
        ]
    );
    assert!(report.contains("^^^^ wider than any screen"), "{report}");
}

/// The Windows rules split any command into words, so only Unix has a command that cannot be.
#[cfg(unix)]
#[test]
fn a_browser_that_cannot_be_split_into_words() {
    assert_eq!(
        report("browser = \"w3m:'firefox --new-tab %s\"\n"),
        r#"error: `browser` cannot be split into words
 --> config.toml:1:11
  |
1 | browser = "w3m:'firefox --new-tab %s"
  |           ^^^^^^^^^^^^^^^^^^^^^^^^^^^ `'firefox --new-tab %s`: missing closing quote
  |
  = help: commands are split into words as a shell would, but no shell runs them

error: config.toml has 1 problem"#
    );
}

#[test]
fn a_toml_syntax_error() {
    assert_eq!(
        report("mouse = false\ntheme = \"default\n"),
        r#"error: a text is never closed
 --> config.toml:2:9
  |
2 | theme = "default
  |         ^ this text starts here and is never closed
  |
  = help: add `"` at its end

error: config.toml has 1 problem"#
    );
}

#[test]
fn an_unknown_setting_with_a_suggestion() {
    assert_eq!(
        report("them = \"high-contrast\"\n"),
        r#"error: unknown setting `them`
 --> config.toml:1:1
  |
1 | them = "high-contrast"
  | ^^^^ expected one of `theme`, `mouse`, `browser`, `text_width`, `keys`
  |
  = help: did you mean `theme`?

error: config.toml has 1 problem"#
    );
}

#[test]
fn an_unknown_action_with_a_suggestion() {
    assert_eq!(
        report("[keys]\nnxt = [\"n\"]\n"),
        r#"error: unknown action `nxt` in `[keys]`
 --> config.toml:2:1
  |
2 | nxt = ["n"]
  | ^^^ not an action
  |
  = help: did you mean `next`?

error: config.toml has 1 problem"#
    );
}

#[test]
fn an_unknown_action_without_one_lists_them_all() {
    assert_eq!(
        report("[keys]\nscroll = [\"j\"]\n"),
        r#"error: unknown action `scroll` in `[keys]`
 --> config.toml:2:1
  |
2 | scroll = ["j"]
  | ^^^^^^ not an action
  |
  = help: the actions are `next`, `previous`, `first`, `last`, `by-number`, `open`, `copy`, `qr-code`, `page-down`, `page-up`, `filter`, `next-match`, `previous-match`, `about`, `present`, `next-link`, `previous-link`, `help`, `back`, `quit`, `suspend`

error: config.toml has 1 problem"#
    );
}

#[test]
fn an_unknown_key_name_with_a_suggestion() {
    assert_eq!(
        report("[keys]\npage-down = [\"Space\", \"PageDwn\"]\n"),
        r#"error: unknown key `PageDwn`
 --> config.toml:2:23
  |
2 | page-down = ["Space", "PageDwn"]
  |                       ^^^^^^^^^ not a key
  |
  = help: did you mean `PageDown`?

error: config.toml has 1 problem"#
    );
}

#[test]
fn an_unknown_key_without_one_says_what_a_key_is() {
    assert_eq!(
        report("[keys]\nnext = [\"jj\"]\n"),
        r#"error: unknown key `jj`
 --> config.toml:2:9
  |
2 | next = ["jj"]
  |         ^^^^ not a key
  |
  = help: a key is a character (`j`, `G`, `?`), a key's name (`Down`, `PageDown`, `Enter`, `Esc`, `Space`, `F1`) or `Ctrl-` and a letter

error: config.toml has 1 problem"#
    );
}

#[test]
fn a_key_a_terminal_cannot_tell_apart() {
    assert_eq!(
        report("[keys]\nnext = [\"Alt-j\"]\nprevious = [\"Ctrl-i\"]\nfirst = [\"Shift-Home\"]\n"),
        r#"error: `Alt-j` cannot be bound
 --> config.toml:2:9
  |
2 | next = ["Alt-j"]
  |         ^^^^^^^ Alt and a key are not told apart from the key alone
  |
  = help: bind the key without Alt; with Alt it does the same

error: `Ctrl-i` cannot be bound
 --> config.toml:3:13
  |
3 | previous = ["Ctrl-i"]
  |             ^^^^^^^^ terminals send it as `Tab`
  |
  = help: bind `Tab` instead

error: `Shift-Home` cannot be bound
 --> config.toml:4:10
  |
4 | first = ["Shift-Home"]
  |          ^^^^^^^^^^^^ Shift is not told apart for this key
  |
  = help: write a capital for Shift and a letter (`G`), or the character Shift types (`?`); other keys are bound without Shift

error: config.toml has 3 problems"#
    );
}

#[test]
fn a_control_character_in_a_key() {
    assert_eq!(
        report("[keys]\nnext = [\"\\t\"]\n"),
        r#"error: a key contains the control character U+0009
 --> config.toml:2:9
  |
2 | next = ["\t"]
  |         ^^^^ control characters are not keys
  |
  = help: write the key's name, such as `Tab` or `Esc`

error: config.toml has 1 problem"#
    );
}

#[test]
fn a_key_bound_to_two_actions_points_at_both() {
    assert_eq!(
        report("[keys]\nfilter = [\"f\"]\n\nnext = [\"n\", \"f\"]\n"),
        r#"error: `f` is bound to both `filter` and `next`
 --> config.toml:4:14
  |
2 | filter = ["f"]
  |           --- first bound here
3 |
4 | next = ["n", "f"]
  |              ^^^ bound again here
  |
  = help: a key does one thing: remove it from one of the lists

error: config.toml has 1 problem"#
    );
}

#[test]
fn a_key_listed_twice_for_one_action() {
    assert_eq!(
        report("[keys]\nlast = [\"G\", \"Shift-g\"]\n"),
        r#"error: `G` is listed twice for `last`
 --> config.toml:2:14
  |
2 | last = ["G", "Shift-g"]
  |         ---  ^^^^^^^^^ bound again here
  |         |
  |         first bound here
  |
  = help: remove one of them

error: config.toml has 1 problem"#
    );
}

#[test]
fn wrong_types() {
    assert_eq!(
        report(
            "mouse = \"false\"\ntheme = 1\ntext_width = 80.5\n\n[keys]\nfirst = \"g\"\nlast = [7]\n"
        ),
        r#"error: `mouse` must be true or false, found a string
 --> config.toml:1:9
  |
1 | mouse = "false"
  |         ^^^^^^^ expected true or false
  |
  = help: write it without quotes: `mouse = false`

error: `theme` must be a string, found an integer
 --> config.toml:2:9
  |
2 | theme = 1
  |         ^ expected a string

error: `text_width` must be a whole number of columns, found a decimal number
 --> config.toml:3:14
  |
3 | text_width = 80.5
  |              ^^^^ expected a whole number of columns

error: `first` must be a list of keys, found a string
 --> config.toml:6:9
  |
6 | first = "g"
  |         ^^^ expected a list of keys
  |
  = help: write a list, even of one key: `first = ["g"]`

error: a key must be a string, found an integer
 --> config.toml:7:9
  |
7 | last = [7]
  |         ^ expected a key in quotes, such as "j"

error: config.toml has 5 problems"#
    );
}

#[test]
fn keys_that_are_not_a_table() {
    assert_eq!(
        report("keys = [\"n\"]\n"),
        r#"error: `keys` must be a `[keys]` table, found an array
 --> config.toml:1:8
  |
1 | keys = ["n"]
  |        ^^^^^ expected a `[keys]` table

error: config.toml has 1 problem"#
    );
}

#[test]
fn an_unknown_theme() {
    assert_eq!(
        report("theme = \"high-contrst\"\n"),
        r#"error: unknown theme `high-contrst`
 --> config.toml:1:9
  |
1 | theme = "high-contrst"
  |         ^^^^^^^^^^^^^^ expected `default` or `high-contrast`
  |
  = help: did you mean `high-contrast`?

error: config.toml has 1 problem"#
    );
}

#[test]
fn a_text_width_out_of_range() {
    assert_eq!(
        report("text_width = 10\n"),
        r#"error: `text_width` must be from 20 to 1000
 --> config.toml:1:14
  |
1 | text_width = 10
  |              ^^ too narrow to read
  |
  = help: it is the widest the text is wrapped at; a narrower pane wraps it sooner

error: config.toml has 1 problem"#
    );
}

#[test]
fn a_control_character_in_a_setting() {
    assert_eq!(
        report("browser = \"firefox\\u001b]2;x\\u0007\"\n"),
        r#"error: `browser` contains the control character U+001B
 --> config.toml:1:11
  |
1 | browser = "firefox\u001b]2;x\u0007"
  |           ^^^^^^^^^^^^^^^^^^^^^^^^^ control characters are not allowed
  |
  = help: remove it

error: config.toml has 1 problem"#
    );
}

#[test]
fn an_empty_browser() {
    assert_eq!(
        report("browser = \"\"\n"),
        r#"error: `browser` is empty
 --> config.toml:1:11
  |
1 | browser = ""
  |           ^^ expected a command
  |
  = help: leave `browser` out to use BROWSER or the system's opener

error: config.toml has 1 problem"#
    );
}

#[test]
fn the_digits_only_for_by_number() {
    assert_eq!(
        report("[keys]\nby-number = [\"1\"]\nlast = [\"1-9\"]\n"),
        r#"error: `by-number` cannot take `1`
 --> config.toml:2:14
  |
2 | by-number = ["1"]
  |              ^^^ expected `1-9`
  |
  = help: `by-number` takes `1-9` or nothing; bind single digits to other actions

error: `1-9` selects a value by its number
 --> config.toml:3:9
  |
3 | last = ["1-9"]
  |         ^^^^^ only `by-number` can take it
  |
  = help: bind single digits, such as `1`, to other actions

error: config.toml has 2 problems"#
    );
}

#[test]
fn no_key_left_to_quit() {
    assert_eq!(
        report("[keys]\nquit = []\n"),
        r#"error: no key would quit
 --> config.toml:2:8
  |
2 | quit = []
  |        ^^ `quit` has no key
  |
  = help: give `quit` a key of its own

error: config.toml has 1 problem"#
    );
}

#[test]
fn no_key_left_to_quit_when_others_take_them() {
    assert_eq!(
        report("[keys]\nnext = [\"q\"]\ncopy = [\"Ctrl-c\"]\n"),
        r#"error: no key would quit
 --> config.toml:3:9
  |
3 | copy = ["Ctrl-c"]
  |         ^^^^^^^^ this takes the last key that quits
  |
  = help: give `quit` a key of its own

error: config.toml has 1 problem"#
    );
}

/// `quit = []` is reported beside other problems with keys, as every problem is; what took
/// a key that quits is told only when every key was understood.
#[test]
fn no_key_left_to_quit_beside_other_problems() {
    assert_eq!(
        report("[keys]\nnxt = [\"n\"]\nquit = []\n"),
        r#"error: unknown action `nxt` in `[keys]`
 --> config.toml:2:1
  |
2 | nxt = ["n"]
  | ^^^ not an action
  |
  = help: did you mean `next`?

error: no key would quit
 --> config.toml:3:8
  |
3 | quit = []
  |        ^^ `quit` has no key
  |
  = help: give `quit` a key of its own

error: config.toml has 2 problems"#
    );
    let report = report("[keys]\nnxt = [\"n\"]\nquit = [\"Alt-q\"]\ncopy = [\"Ctrl-c\"]\n");
    assert!(!report.contains("no key would quit"), "{report}");
}

/// README's config section is written by hand; it must name every setting, and list every
/// action with its default keys as a config file writes them.
#[test]
fn readme_documents_every_setting_and_action_with_its_default_keys() {
    let readme = include_str!("../../README.md");
    let section = readme
        .split("\n## Settings and keys: config.toml\n")
        .nth(1)
        .and_then(|rest| rest.split("\n## ").next())
        .expect("README has a section on the config file");
    for setting in [
        "theme",
        "mouse",
        "browser",
        "text_width",
        "[keys]",
        "[keys.presentation]",
    ] {
        assert!(
            section.contains(&format!("| `{setting}` |")),
            "README's settings table leaves out {setting}"
        );
    }
    for (name, _) in crate::keys::ACTION_NAMES {
        assert!(
            section.contains(&format!("\n| `{name}` |")),
            "README's actions table leaves out {name}"
        );
    }
    let (browsing, presenting) = section
        .split_once("[keys.presentation]\n")
        .expect("README shows a `[keys.presentation]` table");
    for (bindings, part) in [
        (crate::keys::DEFAULT_BINDINGS, browsing),
        (crate::keys::PRESENT_BINDINGS, presenting),
    ] {
        for binding in bindings {
            let name = crate::keys::action_name(binding.action()).expect("every action is named");
            let keys: Vec<String> = binding
                .keys()
                .iter()
                .map(|key| format!("`\"{}\"`", key.notation()))
                .collect();
            let row = part
                .lines()
                .find(|line| line.starts_with(&format!("| `{name}` |")))
                .unwrap_or_default();
            assert!(
                row.ends_with(&format!("| {} |", keys.join(", "))),
                "README's row for {name} does not end with its keys {keys:?}: {row}"
            );
        }
    }
}

proptest::proptest! {
    /// Whatever a config file holds, reading it gives settings or a report, never a panic.
    #[test]
    fn any_text_gives_settings_or_a_report(
        lines in proptest::collection::vec(
            proptest::prop_oneof![
                proptest::sample::select(vec![
                    "[keys]", "theme = \"high-contrast\"", "mouse = false", "text_width = 7",
                    "browser = \"'x\"", "quit = []", "by-number = [\"1\"]", "keys = 1",
                    "[keys.presentation]", "back = []", "blank = [\"q\"]", "presentation = 2",
                ]).prop_map(str::to_owned),
                "[a-z_-]{1,10} = \\[(\"[ -~\u{e9}\u{202e}\u{1b}]{0,8}\", ?){0,3}\\]",
                "[ -~\u{e9}\u{1b}\n]{0,30}",
            ],
            0..8,
        )
    ) {
        let text = lines.join("\n");
        if let Err(error) = parse(&text, "config.toml") {
            let report = error.render(false);
            proptest::prop_assert!(report.ends_with("problem") || report.ends_with("problems"));
            proptest::prop_assert!(!report.contains('\u{1b}'), "{}", report);
        }
    }
}

#[test]
fn a_config_is_told_from_a_values_file_by_its_names() {
    assert!(is_config("theme = \"default\"\n"));
    assert!(is_config("[keys]\nnext = [\"n\"]\n"));
    assert!(
        is_config("them = 1\nmouse = false\n"),
        "a typo beside a setting"
    );
    assert!(!is_config(include_str!("../../values.toml")));
    assert!(
        !is_config("title = \"x\"\ntheme = \"default\"\n"),
        "a values file's name"
    );
    assert!(!is_config(""));
    assert!(!is_config("them = 1\n"), "no setting at all");
}

#[test]
fn a_setting_given_twice_points_at_both() {
    assert_eq!(
        report("theme = \"monochrome\"\nmouse = false\ntheme = \"high-contrast\"\n"),
        r#"error: `theme` is given twice in one table
 --> config.toml:3:1
  |
1 | theme = "monochrome"
  | ----- first given here
2 | mouse = false
3 | theme = "high-contrast"
  | ^^^^^ given again here
  |
  = help: keep one of the two

error: config.toml has 1 problem"#
    );
}
