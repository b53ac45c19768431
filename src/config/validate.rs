//! Checks a config file's spanned TOML table, collecting every problem rather than stopping at
//! the first, as the values file's checker does.

use std::ops::Range;

use clap::ValueEnum;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::{Settings, TEXT_WIDTHS};
use crate::browser_command::{self, NATIVE};
use crate::cli::ThemeName;
use crate::values::{Diagnostic, describe, did_you_mean, sorted, syntax_problems, unknown_names};

mod keys;

/// The settings a config file may have, in the order the starter file writes them.
pub const SETTINGS: &[&str] = &["theme", "mouse", "browser", "text_width", "keys"];

/// Validates a config file's text, returning the settings or every problem in file order.
pub fn settings(text: &str) -> Result<Settings, Vec<Diagnostic>> {
    let (table, syntax_errors) = DeTable::parse_recoverable(text);
    if !syntax_errors.is_empty() {
        // A table recovered from broken syntax would only add confusing follow-on complaints.
        return Err(syntax_problems(text, &syntax_errors));
    }
    let mut checker = Checker::default();
    let settings = checker.settings(table.get_ref());
    if checker.problems.is_empty() {
        Ok(settings)
    } else {
        Err(sorted(checker.problems))
    }
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
        let keys = self.key_table(table, defaults.keys).with_mouse(mouse);
        Settings {
            theme,
            browser,
            text_width,
            keys,
        }
    }

    fn unknown_settings(&mut self, table: &DeTable<'_>) {
        self.problems.extend(unknown_names(table, SETTINGS, |name| {
            format!("unknown setting `{name}`")
        }));
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
        if let Some(help) = did_you_mean(name, known.iter().map(String::as_str)) {
            diagnostic = diagnostic.with_help(help);
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
