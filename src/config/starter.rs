//! The settings in effect as a commented config file, to start one from: every setting and
//! every action with its keys, which reads back to the same settings.

use std::fmt::Write;

use clap::ValueEnum;

use super::{Settings, TEXT_WIDTHS};
use crate::keys::{Binding, action_name};
use crate::screen::Keymap;
use crate::text::toml_string;

const HEADER: &str = "\
# Settings and keys for nhs-values, written by `nhs-values config`.
#
# Saved as config.toml in the config folder (`nhs-values where` shows where that
# is), this is the file the app reads; `nhs-values check` checks it. A setting or
# an action left out keeps its default, so keep only what you change.
";

const KEYS: &str = "
# Each action and its keys. A key is a character (\"j\", \"G\", \"?\"), a key's
# name (Up Down Left Right Home End PageUp PageDown Enter Esc Tab Shift-Tab
# Backspace Delete Insert Space F1 to F12), or Ctrl and a letter (\"Ctrl-n\");
# \"1-9\" are the digits that select a value by its number. A key given to one
# action is taken from the action that had it; [] leaves an action without keys.
[keys]
";

const PRESENTATION_KEYS: &str = "
# The keys of presentation mode, by the same rules; a key given to an action
# here is taken only from the action of presentation mode that had it.
[keys.presentation]
";

/// The settings as a config file: a header on how to use it, a comment on each setting, and
/// the keys of every action, each with what it does.
pub fn render(settings: &Settings) -> String {
    let mut out = String::from(HEADER);
    out.push_str(
        "\n# The look: \"default\" (NHS blue) or \"high-contrast\" (no colour, bold text,\n\
         # heavy borders). --theme on the command line wins over it.\n",
    );
    let theme = settings
        .theme
        .to_possible_value()
        .map_or_else(String::new, |value| value.get_name().to_owned());
    key_value(&mut out, "theme", &toml_string(&theme));

    out.push_str(
        "\n# false leaves the mouse to the terminal, so text can be selected as usual;\n\
         # the wheel and clicks then do nothing in the app.\n",
    );
    key_value(&mut out, "mouse", &settings.keys.mouse().to_string());

    out.push_str(
        "\n# The browser to open links with, tried before BROWSER and the system's\n\
         # opener, in BROWSER's syntax: commands separated by \":\" (\";\" on Windows),\n\
         # each split into words as a shell would, but run without one; %s stands for\n\
         # the link, which otherwise goes last.\n",
    );
    match &settings.browser {
        Some(browser) => key_value(&mut out, "browser", &toml_string(browser)),
        None => out.push_str("# browser = \"firefox --new-tab %s\"\n"),
    }

    let _ = writeln!(
        out,
        "\n# The widest the text of a value is wrapped at on a wide screen, in columns\n\
         # ({} to {}).",
        TEXT_WIDTHS.start(),
        TEXT_WIDTHS.end()
    );
    key_value(&mut out, "text_width", &settings.text_width.to_string());

    out.push_str(KEYS);
    write_keys(&mut out, settings.keys.bindings(Keymap::Browser));
    out.push_str(PRESENTATION_KEYS);
    write_keys(&mut out, settings.keys.bindings(Keymap::Presentation));
    out
}

/// A line for each action of `bindings` with its keys and, lined up after them, what it does.
fn write_keys(out: &mut String, bindings: &[Binding]) {
    let mut lines = Vec::new();
    let mut description = "";
    for binding in bindings {
        if !binding.description().is_empty() {
            description = binding.description();
        }
        let Some(name) = action_name(binding.action()) else {
            continue;
        };
        let keys: Vec<String> = binding
            .keys()
            .iter()
            .map(|key| toml_string(&key.notation()))
            .collect();
        lines.push((format!("{name} = [{}]", keys.join(", ")), description));
    }
    let width = lines
        .iter()
        .map(|(line, _)| line.chars().count())
        .max()
        .unwrap_or(0);
    for (line, description) in lines {
        let _ = writeln!(out, "{line:<width$}  # {description}");
    }
}

fn key_value(out: &mut String, key: &str, value: &str) {
    let _ = writeln!(out, "{key} = {value}");
}

#[cfg(test)]
mod tests {
    use proptest::collection::vec;
    use proptest::prelude::*;

    use super::*;
    use crate::action::Action;
    use crate::browser_command::{self, NATIVE};
    use crate::cli::ThemeName;
    use crate::config;
    use crate::keys::{ACTION_NAMES, Key, KeyTable};
    use crate::screen::Screen;

    fn round_trip(settings: &Settings) -> Settings {
        let written = render(settings);
        match config::parse(&written, "config.toml") {
            Ok(read) => read,
            Err(error) => panic!("{}\n--- the file was:\n{written}", error.render(false)),
        }
    }

    #[test]
    fn the_defaults_load_back_identically() {
        let settings = Settings::default();
        assert_eq!(round_trip(&settings), settings);
    }

    #[test]
    fn every_setting_and_every_action_is_written_with_what_it_does() {
        let written = render(&Settings::default());
        assert!(written.starts_with("# Settings and keys for nhs-values"));
        for line in [
            "\ntheme = \"default\"\n",
            "\nmouse = true\n",
            "\n# browser = \"firefox --new-tab %s\"\n",
            "\ntext_width = 100\n",
            "\n[keys]\nnext = ",
        ] {
            assert!(written.contains(line), "{line:?} missing from\n{written}");
        }
        let keys: Vec<(&str, &str)> = written
            .split("\n[keys]\n")
            .nth(1)
            .and_then(|rest| rest.split("\n\n").next())
            .unwrap_or_default()
            .lines()
            .map(|line| line.split_once('#').expect("a comment on each action"))
            .collect();
        for (code, comment) in [
            ("next = [\"Down\", \"j\"]", "next value"),
            ("by-number = [\"1-9\"]", "value by number"),
            ("page-up = [\"PageUp\"]", "scroll the text"),
            ("quit = [\"q\", \"Ctrl-c\"]", "quit"),
        ] {
            assert!(
                keys.iter()
                    .any(|(line, said)| line.trim_end() == code && said.trim() == comment),
                "{code} # {comment} missing from\n{written}"
            );
        }
        let column = keys[0].0.len();
        assert!(
            keys.iter().all(|(code, _)| code.len() == column),
            "the comments line up:\n{written}"
        );
        let (browsing, presenting) = written
            .split_once("\n[keys.presentation]\n")
            .expect("a table for presentation mode");
        let defaults = KeyTable::default();
        for (part, in_table) in [
            (browsing, defaults.bindings(Keymap::Browser).len()),
            (presenting, defaults.bindings(Keymap::Presentation).len()),
        ] {
            let listed = ACTION_NAMES
                .iter()
                .filter(|(name, _)| format!("\n{part}").contains(&format!("\n{name} = [")))
                .count();
            assert_eq!(listed, in_table, "{written}");
        }
        assert!(
            presenting
                .lines()
                .any(|line| line.starts_with("blank = [\"b\"] ")
                    && line.ends_with("  # blank the screen; any key brings it back")),
            "{written}"
        );
    }

    #[test]
    fn a_changed_setting_and_keys_are_written_as_they_are_in_effect() {
        let settings = Settings {
            theme: ThemeName::HighContrast,
            browser: Some("'my browser' --url=%s".to_owned()),
            text_width: 72,
            keys: KeyTable::default()
                .rebound(
                    &[(
                        Action::Next,
                        vec![Key::Plain(ratatui::crossterm::event::KeyCode::Char('n'))],
                    )],
                    Keymap::Browser,
                )
                .with_mouse(false),
        };
        let written = render(&settings);
        for line in [
            "\ntheme = \"high-contrast\"\n",
            "\nmouse = false\n",
            "\nbrowser = \"'my browser' --url=%s\"\n",
            "\ntext_width = 72\n",
            "\nnext = [\"n\"]",
            "\nnext-match = []",
        ] {
            assert!(written.contains(line), "{line:?} missing from\n{written}");
        }
        assert_eq!(round_trip(&settings), settings);
    }

    /// Keys as a config file can bind them, the awkward ones for TOML over-represented.
    fn key() -> impl Strategy<Value = Key> {
        let awkward = prop::sample::select(vec![
            "\"",
            "'",
            "\\",
            "#",
            "=",
            "[",
            "]",
            "{",
            "é",
            "Space",
            "Shift-Tab",
            "F12",
            "PgDn",
            "Ctrl-x",
            "G",
            "1",
            "9",
            "-",
            "+",
        ]);
        prop_oneof![
            awkward.prop_map(|text| Key::parse(text).expect("a key")),
            prop::char::range('a', 'z')
                .prop_map(|c| Key::Plain(ratatui::crossterm::event::KeyCode::Char(c))),
            prop::char::range('a', 'z')
                .prop_filter("not sent as another key", |c| !matches!(c, 'i' | 'm'))
                .prop_map(Key::Ctrl),
        ]
    }

    /// A browser list the checker accepts, with quotes and the separator in it.
    fn browser() -> impl Strategy<Value = String> {
        let word = prop_oneof![
            "[a-z%/]{1,8}",
            Just("'two words'".to_owned()),
            Just("\"it's\"".to_owned()),
            Just("%s".to_owned()),
        ];
        vec(vec(word, 1..4), 1..3).prop_map(|commands| {
            let separator = NATIVE.separator.to_string();
            commands
                .iter()
                .map(|words| words.join(" "))
                .collect::<Vec<_>>()
                .join(&separator)
        })
    }

    /// Rebindings of the actions of `bindings` other than by-number, each key given once.
    fn rebindings(bindings: &'static [Binding]) -> impl Strategy<Value = Vec<(Action, Vec<Key>)>> {
        let actions: Vec<Action> = bindings
            .iter()
            .map(|binding| binding.action().clone())
            .filter(|action| *action != Action::SelectNumber(1))
            .collect();
        let rebinding = (prop::sample::select(actions), vec(key(), 0..3));
        (vec(rebinding, 0..6), any::<bool>()).prop_map(|(rebindings, digits)| {
            let mut seen = Vec::new();
            let mut rebindings: Vec<(Action, Vec<Key>)> = rebindings
                .into_iter()
                .map(|(action, keys)| {
                    let mut own = Vec::new();
                    for key in keys {
                        if !seen.contains(&key) {
                            seen.push(key);
                            own.push(key);
                        }
                    }
                    (action, own)
                })
                .collect();
            if !digits {
                rebindings.push((Action::SelectNumber(1), Vec::new()));
            }
            rebindings
        })
    }

    fn settings() -> impl Strategy<Value = Settings> {
        (
            prop::sample::select(ThemeName::value_variants().to_vec()),
            proptest::option::of(browser()),
            TEXT_WIDTHS,
            any::<bool>(),
            rebindings(crate::keys::DEFAULT_BINDINGS),
            rebindings(crate::keys::PRESENT_BINDINGS),
        )
            .prop_map(
                |(theme, browser, text_width, mouse, browsing, presenting)| {
                    // A file keeps a key that quits, and one that leaves presentation mode.
                    let keys = KeyTable::default()
                        .rebound(&browsing, Keymap::Browser)
                        .rebound(&presenting, Keymap::Presentation)
                        .with_mouse(mouse);
                    let keys = if keys.name(&Action::Quit, Screen::BROWSER).is_some() {
                        keys
                    } else {
                        keys.rebound(&[(Action::Quit, vec![Key::Ctrl('q')])], Keymap::Browser)
                    };
                    let keys = if keys.name(&Action::Back, Screen::SLIDE).is_some() {
                        keys
                    } else {
                        keys.rebound(
                            &[(
                                Action::Back,
                                vec![Key::Plain(ratatui::crossterm::event::KeyCode::Esc)],
                            )],
                            Keymap::Presentation,
                        )
                    };
                    Settings {
                        theme,
                        browser: browser
                            .filter(|browser| browser_command::check(browser, NATIVE).is_ok()),
                        text_width,
                        keys,
                    }
                },
            )
    }

    proptest! {
        #[test]
        fn any_settings_load_back_identically(settings in settings()) {
            prop_assert_eq!(round_trip(&settings), settings);
        }
    }
}
