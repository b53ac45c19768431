//! Checks a config file's spanned TOML table, collecting every problem rather than stopping at
//! the first, as the values file's checker does.

use std::collections::HashMap;
use std::ops::Range;

use clap::ValueEnum;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::{Settings, TEXT_WIDTHS};
use crate::action::Action;
use crate::browser_command::{self, NATIVE};
use crate::cli::ThemeName;
use crate::keys::{ACTION_NAMES, Key, KeyError, KeyTable, key_names};
use crate::values::{Diagnostic, describe, is_near, quoted_list, sorted, syntax};

/// The settings a config file may have, in the order the starter file writes them.
const SETTINGS: &[&str] = &["theme", "mouse", "browser", "text_width", "keys"];

/// What the keys of a config file may be, for the help under a key that is not one.
const KEY_HELP: &str = "a key is a character (`j`, `G`, `?`), a key's name (`Down`, \
                        `PageDown`, `Enter`, `Esc`, `Space`, `F1`) or `Ctrl-` and a letter";

/// Validates a config file's text, returning the settings or every problem in file order.
pub fn settings(text: &str) -> Result<Settings, Vec<Diagnostic>> {
    let (table, syntax_errors) = DeTable::parse_recoverable(text);
    if !syntax_errors.is_empty() {
        // A table recovered from broken syntax would only add confusing follow-on complaints.
        return Err(sorted(syntax_errors.iter().map(syntax).collect()));
    }
    let mut checker = Checker::default();
    let settings = checker.settings(table.get_ref());
    if checker.problems.is_empty() {
        Ok(settings)
    } else {
        Err(sorted(checker.problems))
    }
}

/// A key as the file binds it: the key, the action's name, and the key's place.
struct Bound {
    key: Key,
    action: &'static str,
    span: Range<usize>,
}

#[derive(Default)]
struct Checker {
    problems: Vec<Diagnostic>,
}

impl Checker {
    fn settings(&mut self, table: &DeTable<'_>) -> Settings {
        let defaults = Settings::default();
        self.unknown_settings(table);
        let theme = self.theme(table).unwrap_or(defaults.theme);
        let mouse = self.mouse(table).unwrap_or(true);
        let browser = self.browser(table);
        let text_width = self.text_width(table).unwrap_or(defaults.text_width);
        let problems_before_keys = self.problems.len();
        let (rebindings, written) = self.keys(table);
        let keys = defaults.keys.rebound(&rebindings).with_mouse(mouse);
        if self.problems.len() == problems_before_keys {
            self.can_quit(&keys, table, &written);
        }
        Settings {
            theme,
            browser,
            text_width,
            keys,
        }
    }

    fn unknown_settings(&mut self, table: &DeTable<'_>) {
        for (key, _) in table.iter() {
            let name: &str = key.get_ref();
            if SETTINGS.contains(&name) {
                continue;
            }
            let mut diagnostic = Diagnostic::new(
                format!("unknown setting `{name}`"),
                key.span(),
                format!("expected one of {}", quoted_list(SETTINGS)),
            );
            if let Some(near) = SETTINGS.iter().find(|known| is_near(name, known)) {
                diagnostic = diagnostic.with_help(format!("did you mean `{near}`?"));
            }
            self.problems.push(diagnostic);
        }
    }

    fn wrong_type(&mut self, key: &str, value: &Spanned<DeValue<'_>>, expected: &str) {
        self.problems.push(wrong_type(key, value, expected));
    }

    /// A string setting without control characters.
    fn string<'t>(&mut self, table: &'t DeTable<'_>, key: &str) -> Option<(&'t str, Range<usize>)> {
        let value = table.get(key)?;
        let Some(text) = value.get_ref().as_str() else {
            self.wrong_type(key, value, "a string");
            return None;
        };
        if let Some(control) = text.chars().find(|c| c.is_control()) {
            self.problems.push(
                Diagnostic::new(
                    format!(
                        "`{key}` contains the control character U+{:04X}",
                        u32::from(control)
                    ),
                    value.span(),
                    "control characters are not allowed",
                )
                .with_help("remove it"),
            );
            return None;
        }
        Some((text, value.span()))
    }

    fn theme(&mut self, table: &DeTable<'_>) -> Option<ThemeName> {
        let (name, span) = self.string(table, "theme")?;
        if let Ok(theme) = ThemeName::from_str(name, false) {
            return Some(theme);
        }
        let known: Vec<String> = ThemeName::value_variants()
            .iter()
            .filter_map(ValueEnum::to_possible_value)
            .map(|value| value.get_name().to_owned())
            .collect();
        let quoted: Vec<String> = known.iter().map(|name| format!("`{name}`")).collect();
        let mut diagnostic = Diagnostic::new(
            format!("unknown theme `{name}`"),
            span,
            format!("expected {}", quoted.join(" or ")),
        );
        if let Some(near) = known.iter().find(|known| is_near(name, known)) {
            diagnostic = diagnostic.with_help(format!("did you mean `{near}`?"));
        }
        self.problems.push(diagnostic);
        None
    }

    fn mouse(&mut self, table: &DeTable<'_>) -> Option<bool> {
        let value = table.get("mouse")?;
        if let Some(mouse) = value.get_ref().as_bool() {
            return Some(mouse);
        }
        let mut diagnostic = wrong_type("mouse", value, "true or false");
        if let Some(text @ ("true" | "false")) = value.get_ref().as_str() {
            diagnostic = diagnostic.with_help(format!("write it without quotes: `mouse = {text}`"));
        }
        self.problems.push(diagnostic);
        None
    }

    fn browser(&mut self, table: &DeTable<'_>) -> Option<String> {
        let (text, span) = self.string(table, "browser")?;
        if browser_command::entries(text, NATIVE).next().is_none() {
            self.problems.push(
                Diagnostic::new("`browser` is empty", span, "expected a command")
                    .with_help("leave `browser` out to use BROWSER or the system's opener"),
            );
            return None;
        }
        if let Err(reason) = browser_command::check(text, NATIVE) {
            self.problems.push(
                Diagnostic::new("`browser` cannot be split into words", span, reason).with_help(
                    "commands are split into words as a shell would, but no shell runs them",
                ),
            );
            return None;
        }
        Some(text.to_owned())
    }

    fn text_width(&mut self, table: &DeTable<'_>) -> Option<usize> {
        let value = table.get("text_width")?;
        let Some(integer) = value.get_ref().as_integer() else {
            self.wrong_type("text_width", value, "a whole number of columns");
            return None;
        };
        // Too many digits for an i128 is wider than any screen too.
        let number = i128::from_str_radix(integer.as_str(), integer.radix()).unwrap_or(i128::MAX);
        if let Ok(width) = usize::try_from(number)
            && TEXT_WIDTHS.contains(&width)
        {
            return Some(width);
        }
        let (first, last) = (TEXT_WIDTHS.start(), TEXT_WIDTHS.end());
        let label = if number < 0 || number < *first as i128 {
            "too narrow to read"
        } else {
            "wider than any screen"
        };
        self.problems.push(
            Diagnostic::new(
                format!("`text_width` must be from {first} to {last}"),
                value.span(),
                label,
            )
            .with_help("it is the widest the text is wrapped at; a narrower pane wraps it sooner"),
        );
        None
    }

    /// The `[keys]` table: each action's keys, and where each key is written.
    fn keys(&mut self, table: &DeTable<'_>) -> (Vec<(Action, Vec<Key>)>, Vec<Bound>) {
        let mut rebindings = Vec::new();
        let mut written: Vec<Bound> = Vec::new();
        let Some(value) = table.get("keys") else {
            return (rebindings, written);
        };
        let Some(keys) = value.get_ref().as_table() else {
            self.wrong_type("keys", value, "a `[keys]` table");
            return (rebindings, written);
        };
        let mut first_bound: HashMap<Key, usize> = HashMap::new();
        // The table is sorted by name; "first bound here" is first in the file.
        let mut entries: Vec<_> = keys.iter().collect();
        entries.sort_by_key(|(name, _)| name.span().start);
        for (name, list) in entries {
            let Some((action_name, action)) = self.action(name.get_ref(), name.span()) else {
                continue;
            };
            let Some(elements) = list.get_ref().as_array() else {
                let example = list
                    .get_ref()
                    .as_str()
                    .map_or_else(|| "\"j\"".to_owned(), |text| format!("{text:?}"));
                self.problems
                    .push(
                        wrong_type(action_name, list, "a list of keys").with_help(format!(
                            "write a list, even of one key: `{action_name} = [{example}]`"
                        )),
                    );
                continue;
            };
            let mut bound = Vec::new();
            for element in elements.iter() {
                let span = element.span();
                let Some(text) = element.get_ref().as_str() else {
                    self.problems.push(Diagnostic::new(
                        format!(
                            "a key must be a string, found {}",
                            describe(element.get_ref())
                        ),
                        span,
                        "expected a key in quotes, such as \"j\"",
                    ));
                    continue;
                };
                let key = match Key::parse(text) {
                    Ok(key) => key,
                    Err(error) => {
                        self.not_a_key(text, &error, span);
                        continue;
                    }
                };
                let by_number = *action == Action::SelectNumber(1);
                if (key == Key::Digits) != by_number {
                    self.digits_misplaced(text, by_number, span);
                    continue;
                }
                if let Some(first) = first_bound.get(&key) {
                    self.bound_twice(&written[*first], action_name, span);
                    continue;
                }
                first_bound.insert(key, written.len());
                written.push(Bound {
                    key,
                    action: action_name,
                    span,
                });
                bound.push(key);
            }
            rebindings.push((action.clone(), bound));
        }
        (rebindings, written)
    }

    /// The action `name` names, with the name as `ACTION_NAMES` holds it.
    fn action(
        &mut self,
        name: &str,
        span: Range<usize>,
    ) -> Option<(&'static str, &'static Action)> {
        if let Some((known, action)) = ACTION_NAMES.iter().find(|(known, _)| *known == name) {
            return Some((known, action));
        }
        let names: Vec<&str> = ACTION_NAMES.iter().map(|(name, _)| *name).collect();
        let help = match names.iter().find(|known| is_near(name, known)) {
            Some(near) => format!("did you mean `{near}`?"),
            None => format!("the actions are {}", quoted_list(&names)),
        };
        self.problems.push(
            Diagnostic::new(
                format!("unknown action `{name}` in `[keys]`"),
                span,
                "not an action",
            )
            .with_help(help),
        );
        None
    }

    fn not_a_key(&mut self, text: &str, error: &KeyError, span: Range<usize>) {
        let cannot = format!("`{text}` cannot be bound");
        let (message, label, help) = match error {
            KeyError::Unknown => {
                let near = key_names().find(|name| is_near(text, &name.to_lowercase()));
                let help = match near {
                    Some(near) => format!("did you mean `{near}`?"),
                    None => KEY_HELP.to_owned(),
                };
                (
                    format!("unknown key `{text}`"),
                    "not a key".to_owned(),
                    help,
                )
            }
            KeyError::Control(control) => (
                format!(
                    "a key contains the control character U+{:04X}",
                    u32::from(*control)
                ),
                "control characters are not keys".to_owned(),
                "write the key's name, such as `Tab` or `Esc`".to_owned(),
            ),
            KeyError::Alt => (
                cannot,
                "Alt and a key are not told apart from the key alone".to_owned(),
                "bind the key without Alt; with Alt it does the same".to_owned(),
            ),
            KeyError::System => (
                cannot,
                "terminals do not pass this modifier on".to_owned(),
                "bind a key without it".to_owned(),
            ),
            KeyError::CtrlNotLetter => (
                cannot,
                "only Ctrl and a letter can be bound".to_owned(),
                "bind Ctrl and a letter, such as `Ctrl-n`, or the key alone".to_owned(),
            ),
            KeyError::SentAs(key) => (
                cannot,
                format!("terminals send it as `{}`", key.notation()),
                format!("bind `{}` instead", key.notation()),
            ),
            KeyError::CtrlShift => (
                cannot,
                "Ctrl-Shift and a letter are not told apart from Ctrl and the letter".to_owned(),
                "bind Ctrl and the letter, such as `Ctrl-n`".to_owned(),
            ),
            KeyError::Shift => (
                cannot,
                "Shift is not told apart for this key".to_owned(),
                "write a capital for Shift and a letter (`G`), or the character Shift types \
                 (`?`); other keys are bound without Shift"
                    .to_owned(),
            ),
        };
        self.problems
            .push(Diagnostic::new(message, span, label).with_help(help));
    }

    fn digits_misplaced(&mut self, text: &str, by_number: bool, span: Range<usize>) {
        let diagnostic = if by_number {
            Diagnostic::new(
                format!("`by-number` cannot take `{text}`"),
                span,
                "expected `1-9`",
            )
            .with_help("`by-number` takes `1-9` or nothing; bind single digits to other actions")
        } else {
            Diagnostic::new(
                "`1-9` selects a value by its number",
                span,
                "only `by-number` can take it",
            )
            .with_help("bind single digits, such as `1`, to other actions")
        };
        self.problems.push(diagnostic);
    }

    fn bound_twice(&mut self, first: &Bound, action: &str, span: Range<usize>) {
        let key = first.key.notation();
        let (message, help) = if first.action == action {
            (
                format!("`{key}` is listed twice for `{action}`"),
                "remove one of them",
            )
        } else {
            (
                format!("`{key}` is bound to both `{}` and `{action}`", first.action),
                "a key does one thing: remove it from one of the lists",
            )
        };
        self.problems.push(
            Diagnostic::new(message, span, "bound again here")
                .with_related(first.span.clone(), "first bound here")
                .with_help(help),
        );
    }

    /// Every key that quits may have been taken or left out: then nothing but a signal would
    /// end the program, so the file is refused, pointing at `quit` or at what took its last key.
    fn can_quit(&mut self, keys: &KeyTable, table: &DeTable<'_>, written: &[Bound]) {
        if keys.name(&Action::Quit).is_some() {
            return;
        }
        let quit_keys: Vec<Key> = KeyTable::default()
            .bindings()
            .iter()
            .filter(|binding| *binding.action() == Action::Quit)
            .flat_map(|binding| binding.keys().to_vec())
            .collect();
        let listed = table
            .get("keys")
            .and_then(|keys| keys.get_ref().as_table())
            .and_then(|keys| keys.get("quit"));
        let (span, label) = match listed {
            Some(quit) => (quit.span(), "`quit` has no key"),
            None => match written
                .iter()
                .rev()
                .find(|bound| quit_keys.contains(&bound.key))
            {
                Some(bound) => (bound.span.clone(), "this takes the last key that quits"),
                None => return,
            },
        };
        self.problems.push(
            Diagnostic::new("no key would quit", span, label)
                .with_help("give `quit` a key of its own"),
        );
    }
}

/// `key` holding the wrong kind of value.
fn wrong_type(key: &str, value: &Spanned<DeValue<'_>>, expected: &str) -> Diagnostic {
    let found = match value.get_ref() {
        DeValue::Float(_) => "a decimal number",
        other => describe(other),
    };
    Diagnostic::new(
        format!("`{key}` must be {expected}, found {found}"),
        value.span(),
        format!("expected {expected}"),
    )
}
