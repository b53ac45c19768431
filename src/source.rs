//! Where the values come from, and why: `--file`, else `$NHS_VALUES_FILE`, else the user's
//! `values.toml` in the config folder if it exists, else the copy built into the program.
//!
//! The config folder is the platform's, as `etcetera` finds it for command-line programs:
//! `$XDG_CONFIG_HOME/nhs-values` (`~/.config/nhs-values` when unset or not absolute) on Linux and
//! macOS, `%APPDATA%\nhs-values` on Windows.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use etcetera::BaseStrategy;

use crate::values::{self, Document, LoadError};

/// The program's folder inside the platform's config folder.
const FOLDER_NAME: &str = "nhs-values";

/// The user's own values, inside the config folder.
pub const VALUES_FILE_NAME: &str = "values.toml";

/// The environment variable that names a values file.
pub const VALUES_FILE_VARIABLE: &str = "NHS_VALUES_FILE";

/// The folder that holds the user's own files, or `None` when the platform's config folder
/// cannot be found (no home folder).
pub fn config_dir() -> Option<PathBuf> {
    let base = etcetera::choose_base_strategy().ok()?;
    Some(base.config_dir().join(FOLDER_NAME))
}

/// Where the values are read from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    File(PathBuf),
    Builtin,
}

/// Why a source was chosen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reason {
    /// `--file` was given; `$NHS_VALUES_FILE` may be set too, and lost.
    Flag { variable_also_set: bool },
    /// `$NHS_VALUES_FILE` is set and `--file` was not given.
    Variable,
    /// The user's file in the config folder exists.
    UserFile,
    /// Nothing chose a file, and the user's file at this path does not exist.
    NoUserFile(PathBuf),
    /// Nothing chose a file, and there is no config folder to look in.
    NoConfigDir,
}

/// The source the program reads, with the reason, as `where` reports it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    pub source: Source,
    pub reason: Reason,
}

impl Choice {
    /// The choice for this process: `--file` as given, the environment, the config folder.
    pub fn for_this_process(flag: Option<PathBuf>) -> Choice {
        let variable = std::env::var_os(VALUES_FILE_VARIABLE);
        let user_file = config_dir().map(|dir| dir.join(VALUES_FILE_NAME));
        Choice::make(flag, variable, user_file, Path::exists)
    }

    /// The first that applies: `flag`, a non-empty `variable`, `user_file` if it `exists`, the
    /// built-in copy.
    pub fn make(
        flag: Option<PathBuf>,
        variable: Option<OsString>,
        user_file: Option<PathBuf>,
        exists: impl Fn(&Path) -> bool,
    ) -> Choice {
        let variable = variable
            .filter(|value| !value.is_empty())
            .map(PathBuf::from);
        let (source, reason) = match (flag, variable, user_file) {
            (Some(path), variable, _) => (
                Source::File(path),
                Reason::Flag {
                    variable_also_set: variable.is_some(),
                },
            ),
            (None, Some(path), _) => (Source::File(path), Reason::Variable),
            (None, None, Some(path)) if exists(&path) => (Source::File(path), Reason::UserFile),
            (None, None, Some(path)) => (Source::Builtin, Reason::NoUserFile(path)),
            (None, None, None) => (Source::Builtin, Reason::NoConfigDir),
        };
        Choice { source, reason }
    }

    /// The answer to "which values am I looking at?", in lines a person can read out: each
    /// thing the program reads, then why. `config_dir` is the folder the user's files live in.
    pub fn explain(&self, config_dir: Option<&Path>) -> String {
        let values = match &self.source {
            Source::File(path) => show_absolute(path),
            Source::Builtin => format!(
                "the copy built into nhs-values {}",
                env!("CARGO_PKG_VERSION")
            ),
        };
        let neither = "neither --file nor NHS_VALUES_FILE was given";
        let because = match &self.reason {
            Reason::Flag {
                variable_also_set: false,
            } => "--file was given".to_owned(),
            Reason::Flag {
                variable_also_set: true,
            } => "--file was given (it wins over NHS_VALUES_FILE, which is set too)".to_owned(),
            Reason::Variable => "NHS_VALUES_FILE is set, and --file was not given".to_owned(),
            Reason::UserFile => format!("it exists in the config folder, and {neither}"),
            Reason::NoUserFile(path) => {
                format!("{} does not exist, and {neither}", show_absolute(path))
            }
            Reason::NoConfigDir => {
                format!("no home folder was found to hold a config folder, and {neither}")
            }
        };
        let mut lines = vec![format!("values: {values}"), format!("  because: {because}")];
        if let Source::File(path) = &self.source {
            if path.is_dir() {
                lines.push("  note: this is a folder, not a file, so reading it fails".to_owned());
            } else if !path.exists() {
                lines.push("  note: this file does not exist, so reading it fails".to_owned());
            }
        }
        lines.push(format!(
            "config folder: {}",
            config_dir.map_or_else(|| "none (no home folder)".to_owned(), show_absolute)
        ));
        lines.iter().map(|line| format!("{line}\n")).collect()
    }
}

/// A path as a person can find it from anywhere: relative paths are made absolute against the
/// current folder (without resolving links), and control characters are made visible.
fn show_absolute(path: &Path) -> String {
    values::show_path(&std::path::absolute(path).unwrap_or_else(|_| path.to_owned()))
}

impl Source {
    pub fn load(&self) -> Result<Document, LoadError> {
        match self {
            Source::File(path) => values::load_file(path),
            Source::Builtin => values::builtin(),
        }
    }

    /// The file, when the values come from one.
    pub fn file(&self) -> Option<&PathBuf> {
        match self {
            Source::File(path) => Some(path),
            Source::Builtin => None,
        }
    }

    /// The name messages use for it.
    pub fn name(&self) -> String {
        match self {
            Source::File(path) => values::show_path(path),
            Source::Builtin => values::BUILTIN_NAME.to_owned(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn user_file() -> PathBuf {
        PathBuf::from("config")
            .join(FOLDER_NAME)
            .join(VALUES_FILE_NAME)
    }

    fn choose(flag: Option<&str>, variable: Option<&str>, user_file_exists: bool) -> Choice {
        Choice::make(
            flag.map(PathBuf::from),
            variable.map(OsString::from),
            Some(user_file()),
            |_| user_file_exists,
        )
    }

    #[test]
    fn the_flag_wins_then_the_variable_then_the_users_file() {
        let flag = choose(Some("flag.toml"), Some("env.toml"), true);
        assert_eq!(flag.source, Source::File("flag.toml".into()));
        assert_eq!(
            flag.reason,
            Reason::Flag {
                variable_also_set: true
            }
        );
        let variable = choose(None, Some("env.toml"), true);
        assert_eq!(variable.source, Source::File("env.toml".into()));
        assert_eq!(variable.reason, Reason::Variable);
        let user = choose(None, None, true);
        assert_eq!(user.source, Source::File(user_file()));
        assert_eq!(user.reason, Reason::UserFile);
    }

    #[test]
    fn an_empty_variable_counts_as_unset() {
        let choice = choose(None, Some(""), true);
        assert_eq!(choice.reason, Reason::UserFile);
        let flag = choose(Some("flag.toml"), Some(""), false);
        assert_eq!(
            flag.reason,
            Reason::Flag {
                variable_also_set: false
            }
        );
    }

    #[test]
    fn without_any_file_the_built_in_copy_is_read_and_the_missing_file_named() {
        let choice = choose(None, None, false);
        assert_eq!(choice.source, Source::Builtin);
        assert_eq!(choice.reason, Reason::NoUserFile(user_file()));
        let homeless = Choice::make(None, None, None, |_| true);
        assert_eq!(homeless.source, Source::Builtin);
        assert_eq!(homeless.reason, Reason::NoConfigDir);
    }

    #[test]
    fn the_explanation_names_the_file_and_the_reason() {
        let folder = std::env::temp_dir().join("nhs-values-config-dir-for-a-test");
        let missing = folder.join(VALUES_FILE_NAME);
        let choice = Choice::make(None, None, Some(missing.clone()), |_| false);
        let text = choice.explain(Some(&folder));
        let version = env!("CARGO_PKG_VERSION");
        assert_eq!(
            text,
            format!(
                "values: the copy built into nhs-values {version}\n  because: {} does not \
                 exist, and neither --file nor NHS_VALUES_FILE was given\nconfig folder: {}\n",
                missing.display(),
                folder.display()
            )
        );
        let homeless = Choice::make(None, None, None, |_| false).explain(None);
        assert!(
            homeless.contains("no home folder was found")
                && homeless.ends_with("config folder: none (no home folder)\n"),
            "{homeless}"
        );
    }

    #[test]
    fn a_chosen_file_that_is_missing_is_pointed_out() {
        let missing = std::env::temp_dir().join("nhs-values-no-such-file.toml");
        let choice = Choice::make(Some(missing.clone()), None, None, |_| false);
        let text = choice.explain(None);
        assert!(
            text.starts_with(&format!(
                "values: {}\n  because: --file was given\n  note: this file does not exist",
                missing.display()
            )),
            "{text}"
        );
        let folder = Choice::make(Some(std::env::temp_dir()), None, None, |_| true);
        assert!(
            folder
                .explain(None)
                .contains("this is a folder, not a file"),
            "{}",
            folder.explain(None)
        );
    }
}
