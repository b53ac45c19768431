//! The values document: its types, loading it from a file or the built-in copy, and validating it
//! with precise locations so that people writing their own file are told exactly what to fix.

mod diagnostic;
mod find;
mod mistakes;
pub mod parts;
mod validate;

use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

use serde::Serialize;

pub use diagnostic::{Diagnostic, Location};
pub use find::find_value;
pub(crate) use mistakes::problems as syntax_problems;
pub use validate::{TOP_KEYS, check_url};
pub(crate) use validate::{describe, did_you_mean, is_near, quoted_list, sorted, unknown_names};

/// The values file shipped with the app, so it runs from anywhere with no set-up.
pub const BUILTIN_TOML: &str = include_str!("../values.toml");

/// How the built-in copy is named in messages.
pub const BUILTIN_NAME: &str = "values.toml (built in)";

/// A whole values document, as written in a values file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Document {
    pub title: String,
    /// Paragraphs separated by blank lines; may be empty.
    pub intro: String,
    /// The page the values were taken from.
    pub source: Option<String>,
    pub links: Vec<Link>,
    /// Whose text this is and the terms it is used under, such as a licence's attribution
    /// statement; paragraphs separated by blank lines; may be empty.
    pub attribution: String,
    pub values: Vec<Value>,
}

/// A labelled web link shown with the introduction.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Link {
    pub label: String,
    pub url: String,
    /// Whether presentation mode's title slide shows this link instead of the source page; one
    /// link at most.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub on_title_slide: bool,
}

/// One value: its name, what it means, and an optional video about it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Value {
    pub name: String,
    pub text: String,
    pub video: Option<String>,
}

/// Why a values file (or the config file, read the same way) could not be used.
#[derive(Debug)]
pub enum LoadError {
    /// The file could not be read at all.
    Io { path: PathBuf, error: io::Error },
    /// The path names a directory rather than a file; `expected` says what file.
    IsDirectory {
        path: PathBuf,
        expected: &'static str,
    },
    /// The bytes are not UTF-8, so TOML cannot be read from them.
    NotUtf8 { file: String, location: Location },
    /// The bytes are UTF-16, as Windows editors save "Unicode" text.
    Utf16 { file: String },
    /// The file is TOML with problems: syntax errors or values that break the schema.
    Invalid {
        file: String,
        source: String,
        diagnostics: Vec<Diagnostic>,
    },
}

impl LoadError {
    /// Every problem as a report in the style of rustc and cargo: a title, the location, and the
    /// offending line with a caret under it.
    pub fn render(&self, styled: bool) -> String {
        match self {
            LoadError::Invalid {
                file,
                source,
                diagnostics,
            } => diagnostic::render_all(file, source, diagnostics, styled),
            other => format!("error: {other}"),
        }
    }
}

impl LoadError {
    /// The first problem on one line, `file:line:col: message`, and how many more there are:
    /// for a banner with room for one.
    pub fn summary(&self) -> String {
        let all = self.to_string();
        let mut lines = all.lines();
        let first = lines.next().unwrap_or_default().to_owned();
        match lines.count() {
            0 => first,
            1 => format!("{first} (and 1 more problem)"),
            more => format!("{first} (and {more} more problems)"),
        }
    }
}

impl fmt::Display for LoadError {
    /// One line per problem, `file:line:col: message`, the shape editors and CI logs understand.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::Io { path, error } => {
                write!(
                    f,
                    "{}: cannot read the file: {}",
                    show_path(path),
                    io_reason(error)
                )
            }
            LoadError::IsDirectory { path, expected } => {
                write!(f, "{}: is a directory, not a {expected}", show_path(path))
            }
            LoadError::NotUtf8 { file, location } => write!(
                f,
                "{file}:{location}: the file is not valid UTF-8; save it with UTF-8 encoding"
            ),
            LoadError::Utf16 { file } => write!(
                f,
                "{file}:1:1: the file is saved as UTF-16 (which Notepad once called \"Unicode\"); \
                 save it with UTF-8 encoding"
            ),
            LoadError::Invalid {
                file,
                source,
                diagnostics,
            } => {
                for (index, diagnostic) in diagnostics.iter().enumerate() {
                    if index > 0 {
                        writeln!(f)?;
                    }
                    let location = Location::of(source, diagnostic.span.start);
                    write!(f, "{file}:{location}: {}", diagnostic.message)?;
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for LoadError {}

/// A path as shown in a message: control characters in a file name must not reach the terminal.
pub fn show_path(path: &Path) -> String {
    crate::text::visible(&path.display().to_string()).into_owned()
}

fn io_reason(error: &io::Error) -> String {
    match error.kind() {
        io::ErrorKind::NotFound => "no such file".to_owned(),
        io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
        _ => error.to_string(),
    }
}

/// The document compiled into the binary.
pub fn builtin() -> Result<Document, LoadError> {
    parse(BUILTIN_TOML, BUILTIN_NAME)
}

/// Validates raw bytes named `file` in messages.
pub fn parse_bytes(bytes: &[u8], file: &str) -> Result<Document, LoadError> {
    parse(utf8(bytes, file)?, file)
}

/// Raw bytes named `file` in messages as text, or where they stop being UTF-8.
pub fn utf8<'a>(bytes: &'a [u8], file: &str) -> Result<&'a str, LoadError> {
    if is_utf16(bytes) {
        return Err(LoadError::Utf16 {
            file: file.to_owned(),
        });
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(text),
        Err(error) => {
            let valid = &bytes[..error.valid_up_to()];
            // Everything before the bad byte is UTF-8, so its line and column can be counted.
            let valid = std::str::from_utf8(valid).unwrap_or_default();
            let valid = valid.strip_prefix(BYTE_ORDER_MARK).unwrap_or(valid);
            Err(LoadError::NotUtf8 {
                file: file.to_owned(),
                location: Location::of(valid, valid.len()),
            })
        }
    }
}

/// Whether `bytes` are UTF-16: its byte order mark, or one of the first two bytes zero, which
/// is the first character of UTF-16 text in the ASCII range. No TOML file starts with a zero
/// byte, so no file that could be read is taken for UTF-16.
fn is_utf16(bytes: &[u8]) -> bool {
    match bytes {
        [0xff, 0xfe, ..] | [0xfe, 0xff, ..] => true,
        [first, second, ..] => (*first == 0) != (*second == 0),
        _ => false,
    }
}

/// Some Windows editors start UTF-8 files with it; editors do not count it as a column.
const BYTE_ORDER_MARK: char = '\u{feff}';

/// `text` without the byte order mark a file may start with.
pub fn without_byte_order_mark(text: &str) -> &str {
    text.strip_prefix(BYTE_ORDER_MARK).unwrap_or(text)
}

/// Validates TOML text named `file` in messages, reporting every problem found.
pub fn parse(text: &str, file: &str) -> Result<Document, LoadError> {
    let text = without_byte_order_mark(text);
    if text.len() >= parts::PART_BYTES
        && let Some(document) = parts::document(text, parts::PART_BYTES)
    {
        return Ok(document);
    }
    validate::document(text).map_err(|diagnostics| LoadError::Invalid {
        file: file.to_owned(),
        source: text.to_owned(),
        diagnostics,
    })
}

impl Document {
    /// The introduction split into paragraphs.
    pub fn intro_paragraphs(&self) -> Vec<String> {
        paragraphs(&self.intro)
    }

    /// The attribution split into paragraphs.
    pub fn attribution_paragraphs(&self) -> Vec<String> {
        paragraphs(&self.attribution)
    }
}

impl Value {
    /// The text split into paragraphs.
    pub fn paragraphs(&self) -> Vec<String> {
        paragraphs(&self.text)
    }
}

/// Splits text at blank lines and joins the lines within a paragraph with spaces, so authors may
/// wrap long lines in their file without the wrapping showing on screen.
pub fn paragraphs(text: &str) -> Vec<String> {
    let mut result = Vec::new();
    let mut current = String::new();
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() {
            if !current.is_empty() {
                result.push(std::mem::take(&mut current));
            }
            continue;
        }
        if !current.is_empty() {
            current.push(' ');
        }
        current.push_str(line);
    }
    if !current.is_empty() {
        result.push(current);
    }
    result
}

#[cfg(test)]
mod tests;
