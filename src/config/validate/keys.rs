//! The `[keys]` and `[keys.presentation]` tables of a config file: each action's keys, checked
//! as the rest of the file is, with every problem reported.

use std::ops::Range;

use toml::de::DeTable;

use super::{Checker, wrong_type};
use crate::action::Action;
use crate::keys::{
    ACTION_NAMES, Key, KeyError, KeyTable, action_named, default_bindings, key_names,
};
use crate::screen::{Keymap, Screen};
use crate::values::{Diagnostic, describe, did_you_mean, is_near, quoted_list};

/// What the keys of a config file may be, for the help under a key that is not one.
const KEY_HELP: &str = "a key is a character (`j`, `G`, `?`), a key's name (`Down`, \
                        `PageDown`, `Enter`, `Esc`, `Space`, `F1`) or `Ctrl-` and a letter";

/// The table inside `[keys]` that holds presentation mode's keys.
const PRESENTATION: &str = "presentation";

/// What the checker says of each table a config file gives keys for.
trait Section {
    /// The table's name, as a file writes it.
    fn section(self) -> &'static str;
    /// Whether the table has `action`.
    fn has(self, action: &Action) -> bool;
    /// What the table is for, for a message.
    fn description(self) -> &'static str;
}

impl Section for Keymap {
    fn section(self) -> &'static str {
        match self {
            Keymap::Browser => "[keys]",
            Keymap::Presentation => "[keys.presentation]",
        }
    }

    /// `suspend` is named on every platform, so that one file serves them all, though only
    /// Unix binds it.
    fn has(self, action: &Action) -> bool {
        default_bindings(self)
            .iter()
            .any(|binding| binding.action() == action)
            || (self == Keymap::Browser && *action == Action::Suspend)
    }

    fn description(self) -> &'static str {
        match self {
            Keymap::Browser => "the browser",
            Keymap::Presentation => "presentation mode",
        }
    }
}

/// A key as the file binds it: the key, the action's name, and the key's place.
struct Bound {
    key: Key,
    action: &'static str,
    span: Range<usize>,
}

impl Checker {
    /// The key table the file's `[keys]` and `[keys.presentation]` make of `defaults`.
    pub(super) fn key_table(&mut self, table: &DeTable<'_>, defaults: KeyTable) -> KeyTable {
        let problems_before_keys = self.problems.len();
        let keys_table = self.keys_table(table);
        let (rebindings, written) = keys_table
            .map(|keys| self.keys(keys, Keymap::Browser))
            .unwrap_or_default();
        let presentation_table = keys_table.and_then(|keys| self.presentation_table(keys));
        let (presenting, presenting_written) = presentation_table
            .map(|keys| self.keys(keys, Keymap::Presentation))
            .unwrap_or_default();
        let keys = defaults
            .rebound(&rebindings, Keymap::Browser)
            .rebound(&presenting, Keymap::Presentation);
        // After other problems with keys, only an action listed with no keys at all is
        // surely left without any; what took its keys cannot be told.
        let sure = self.problems.len() == problems_before_keys;
        self.can_quit(&keys, keys_table, &written, sure);
        self.can_leave_presentation(&keys, presentation_table, &presenting_written, sure);
        keys
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
        screen: Keymap,
    ) -> (Vec<(Action, Vec<Key>)>, Vec<Bound>) {
        let mut rebindings = Vec::new();
        let mut written: Vec<Bound> = Vec::new();
        // The table is sorted by name; "first bound here" is first in the file.
        let mut entries: Vec<_> = keys
            .iter()
            .filter(|(name, _)| !(screen == Keymap::Browser && *name.get_ref() == PRESENTATION))
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
                if let Some(first) = written.iter().find(|bound| bound.key == key) {
                    self.bound_twice(first, action_name, span);
                    continue;
                }
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
        screen: Keymap,
    ) -> Option<(&'static str, &'static Action)> {
        let named = action_named(name);
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
            None => did_you_mean(name, names.iter().copied())
                .unwrap_or_else(|| format!("the actions are {}", quoted_list(&names))),
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
        if keys.name(&Action::Quit, Screen::BROWSER).is_some() {
            return;
        }
        let culprit = culprit(table, &[Action::Quit], Keymap::Browser, written, sure);
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
        let ctrl_quits = keys.bindings(Keymap::Browser).iter().any(|binding| {
            *binding.action() == Action::Quit
                && binding.keys().iter().any(|key| matches!(key, Key::Ctrl(_)))
        });
        if ctrl_quits
            || leaves
                .iter()
                .any(|action| keys.name(action, Screen::SLIDE).is_some())
        {
            return;
        }
        let culprit = culprit(table, &leaves, Keymap::Presentation, written, sure);
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
    screen: Keymap,
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
    let taken: Vec<Key> = default_bindings(screen)
        .iter()
        .filter(|binding| actions.contains(binding.action()))
        .flat_map(|binding| binding.keys().to_vec())
        .collect();
    let last = written
        .iter()
        .rev()
        .find(|bound| taken.contains(&bound.key))?;
    let what = match screen {
        Keymap::Browser => "the last key that quits",
        Keymap::Presentation => "the last key that leaves presentation mode",
    };
    Some((last.span.clone(), format!("this takes {what}")))
}
