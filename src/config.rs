//! The user's settings and keys: `config.toml`, checked like a values file (every problem, with
//! its line, column and a caret), and written back as a commented starter file (`starter`).
//!
//! Pure: text in, settings or diagnostics out. Finding and reading the file is `source`'s job.

mod starter;
mod summary;
mod validate;

use std::ops::RangeInclusive;

use crate::app::DEFAULT_TEXT_WIDTH;
use crate::cli::ThemeName;
use crate::keys::KeyTable;
use crate::values::{self, LoadError};

pub use starter::render;
pub use summary::summary;

/// The widths `text_width` may take: narrower is too short a line to read, and no screen is
/// wider.
pub const TEXT_WIDTHS: RangeInclusive<usize> = 20..=1000;

/// Everything a config file sets, with the defaults for what it leaves out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    /// The look, unless `--theme` is given.
    pub theme: ThemeName,
    /// Browser commands in `BROWSER`'s syntax, tried before `BROWSER`.
    pub browser: Option<String>,
    /// The widest the detail text is wrapped at.
    pub text_width: usize,
    /// The keys in effect, and whether the app takes the mouse.
    pub keys: KeyTable,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            theme: ThemeName::Default,
            browser: None,
            text_width: DEFAULT_TEXT_WIDTH,
            keys: KeyTable::default(),
        }
    }
}

/// Whether `text` is a config file rather than a values file, judged by the names at its top
/// level: a setting, and nothing a values file has. So `check` can be given either.
pub fn is_config(text: &str) -> bool {
    let (table, _) = toml::de::DeTable::parse_recoverable(text);
    let names: Vec<&str> = table
        .get_ref()
        .iter()
        .map(|(name, _)| name.get_ref().as_ref())
        .collect();
    names.iter().any(|name| validate::SETTINGS.contains(name))
        && !names.iter().any(|name| values::TOP_KEYS.contains(name))
}

/// Reads a config file's raw bytes, named `file` in messages.
pub fn parse_bytes(bytes: &[u8], file: &str) -> Result<Settings, LoadError> {
    parse(values::utf8(bytes, file)?, file)
}

/// Reads a config file's text, named `file` in messages, reporting every problem found. An
/// empty file means the defaults.
pub fn parse(text: &str, file: &str) -> Result<Settings, LoadError> {
    let text = values::without_byte_order_mark(text);
    validate::settings(text).map_err(|diagnostics| LoadError::Invalid {
        file: file.to_owned(),
        source: text.to_owned(),
        diagnostics,
    })
}

#[cfg(test)]
mod tests;
