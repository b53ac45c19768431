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
use crate::keys::{
    ACTION_NAMES, Binding, DEFAULT_BINDINGS, Key, KeyError, KeyTable, PRESENT_BINDINGS, key_names,
};
use crate::values::{Diagnostic, describe, is_near, quoted_list, sorted, syntax};

/// The settings a config file may have, in the order the starter file writes them.
pub const SETTINGS: &[&str] = &["theme", "mouse", "browser", "text_width", "keys"];

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

/// The table inside `[keys]` that holds presentation mode's keys.
const PRESENTATION: &str = "presentation";

/// The screens a config file gives keys for, each a table of its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Screen {
    Browser,
    Presentation,
}

impl Screen {
    /// The table's name, as a file writes it.
    fn section(self) -> &'static str {
        match self {
            Screen::Browser => "[keys]",
            Screen::Presentation => "[keys.presentation]",
        }
    }

    fn defaults(self) -> &'static [Binding] {
        match self {
            Screen::Browser => DEFAULT_BINDINGS,
            Screen::Presentation => PRESENT_BINDINGS,
        }
    }

    /// Whether the screen has `action`. `suspend` is named on every platform, so that one
    /// file serves them all, though only Unix binds it.
    fn has(self, action: &Action) -> bool {
        self.defaults()
            .iter()
            .any(|binding| binding.action() == action)
            || (self == Screen::Browser && *action == Action::Suspend)
    }

    fn other(self) -> Screen {
        match self {
            Screen::Browser => Screen::Presentation,
            Screen::Presentation => Screen::Browser,
        }
    }

    /// What the screen is, for a message.
    fn description(self) -> &'static str {
        match self {
            Screen::Browser => "the browser",
            Screen::Presentation => "presentation mode",
        }
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
        let keys_table = self.keys_table(table);
        let (rebindings, written) = keys_table
            .map(|keys| self.keys(keys, Screen::Browser))
            .unwrap_or_default();
        let presentation_table = keys_table.and_then(|keys| self.presentation_table(keys));
        let (presenting, presenting_written) = presentation_table
            .map(|keys| self.keys(keys, Screen::Presentation))
            .unwrap_or_default();
        let keys = defaults
            .keys
            .rebound(&rebindings)
            .rebound_presenting(&presenting)
            .with_mouse(mouse);
        // After other problems with keys, only an action listed with no keys at all is
        // surely left without any; what took its keys cannot be told.
        let sure = self.problems.len() == problems_before_keys;
        self.can_quit(&keys, keys_table, &written, sure);
        self.can_leave_presentation(&keys, presentation_table, &presenting_written, sure);
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

    /// The `[keys]` table, when the file has one.
    fn keys_table<'t>(&mut self, table: &'t DeTable<'t>) -> Option<&'t DeTable<'t>> {
        let value = table.get("keys")?;
        let keys = value.get_ref().as_table();
        if keys.is_none() {
            self.wrong_type("keys", value, "a `[keys]` table");
        }
        keys
    }

    /// The `[keys.presentation]` table, when `[keys]` has one.
    fn presentation_table<'t>(&mut self, keys: &'t DeTable<'t>) -> Option<&'t DeTable<'t>> {
        let value = keys.get(PRESENTATION)?;
        let table = value.get_ref().as_table();
        if table.is_none() {
            self.wrong_type(PRESENTATION, value, "a `[keys.presentation]` table");
        }
        table
    }

    /// A table of keys for `screen`: each action's keys, and where each key is written.
    fn keys(
        &mut self,
        keys: &DeTable<'_>,
        screen: Screen,
    ) -> (Vec<(Action, Vec<Key>)>, Vec<Bound>) {
        let mut rebindings = Vec::new();
        let mut written: Vec<Bound> = Vec::new();
        let mut first_bound: HashMap<Key, usize> = HashMap::new();
        // The table is sorted by name; "first bound here" is first in the file.
        let mut entries: Vec<_> = keys
            .iter()
            .filter(|(name, _)| !(screen == Screen::Browser && *name.get_ref() == PRESENTATION))
            .collect();
        entries.sort_by_key(|(name, _)| name.span().start);
        for (name, list) in entries {
            let Some((action_name, action)) = self.action(name.get_ref(), name.span(), screen)
            else {
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

    /// The action `name` names on `screen`, with the name as `ACTION_NAMES` holds it.
    fn action(
        &mut self,
        name: &str,
        span: Range<usize>,
        screen: Screen,
    ) -> Option<(&'static str, &'static Action)> {
        let named = ACTION_NAMES.iter().find(|(known, _)| *known == name);
        if let Some((known, action)) = named
            && screen.has(action)
        {
            return Some((known, action));
        }
        let names: Vec<&str> = ACTION_NAMES
            .iter()
            .filter(|(_, action)| screen.has(action))
            .map(|(name, _)| *name)
            .collect();
        let other = screen.other();
        let help = match named {
            Some(_) => format!(
                "`{name}` is an action of {}: give it keys under `{}`",
                other.description(),
                other.section()
            ),
            None => match names.iter().find(|known| is_near(name, known)) {
                Some(near) => format!("did you mean `{near}`?"),
                None => format!("the actions are {}", quoted_list(&names)),
            },
        };
        self.problems.push(
            Diagnostic::new(
                format!("unknown action `{name}` in `{}`", screen.section()),
                span,
                match named {
                    Some(_) => format!("not an action of {}", screen.description()),
                    None => "not an action".to_owned(),
                },
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
    fn can_quit(
        &mut self,
        keys: &KeyTable,
        table: Option<&DeTable<'_>>,
        written: &[Bound],
        sure: bool,
    ) {
        if keys.name(&Action::Quit).is_some() {
            return;
        }
        let culprit = culprit(table, &[Action::Quit], Screen::Browser, written, sure);
        if let Some((span, label)) = culprit {
            self.problems.push(
                Diagnostic::new("no key would quit", span, label)
                    .with_help("give `quit` a key of its own"),
            );
        }
    }

    /// Presentation mode is left by `back` or `quit`, or by a Ctrl key of the browser's that
    /// quits (those work on every screen); with none of them, a slide would never give the
    /// screen back.
    fn can_leave_presentation(
        &mut self,
        keys: &KeyTable,
        table: Option<&DeTable<'_>>,
        written: &[Bound],
        sure: bool,
    ) {
        let leaves = [Action::Back, Action::Quit];
        let ctrl_quits = keys.bindings().iter().any(|binding| {
            *binding.action() == Action::Quit
                && binding.keys().iter().any(|key| matches!(key, Key::Ctrl(_)))
        });
        if ctrl_quits
            || leaves
                .iter()
                .any(|action| keys.presenting_name(action).is_some())
        {
            return;
        }
        let culprit = culprit(table, &leaves, Screen::Presentation, written, sure);
        if let Some((span, label)) = culprit {
            self.problems.push(
                Diagnostic::new("no key would leave presentation mode", span, label)
                    .with_help("give `back` or `quit` under `[keys.presentation]` a key"),
            );
        }
    }
}

/// Where a file left `actions` of `screen` without keys: the first of them it lists (with a
/// label saying so), or else the last key it wrote that took one of their default keys. When
/// the file's keys are not `sure` (some were refused), only a list written empty counts.
fn culprit(
    table: Option<&DeTable<'_>>,
    actions: &[Action],
    screen: Screen,
    written: &[Bound],
    sure: bool,
) -> Option<(Range<usize>, String)> {
    let listed = actions.iter().find_map(|action| {
        let name = crate::keys::action_name(action)?;
        Some((name, table?.get(name)?))
    });
    if let Some((name, list)) = listed {
        let empty = list
            .get_ref()
            .as_array()
            .is_some_and(|keys| keys.is_empty());
        return (sure || empty).then(|| (list.span(), format!("`{name}` has no key")));
    }
    if !sure {
        return None;
    }
    let taken: Vec<Key> = screen
        .defaults()
        .iter()
        .filter(|binding| actions.contains(binding.action()))
        .flat_map(|binding| binding.keys().to_vec())
        .collect();
    let last = written
        .iter()
        .rev()
        .find(|bound| taken.contains(&bound.key))?;
    let what = match screen {
        Screen::Browser => "the last key that quits",
        Screen::Presentation => "the last key that leaves presentation mode",
    };
    Some((last.span.clone(), format!("this takes {what}")))
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
