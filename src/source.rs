//! Where the values come from, and why: `--file`, else `$NHS_VALUES_FILE`, else the user's
//! `values.toml` in the config folder if it exists, else the copy built into the program. The
//! settings and keys are found the same way: `--config`, else `$NHS_VALUES_CONFIG`, else
//! `config.toml` in the config folder if it exists, else the defaults.
//!
//! The config folder is the platform's, as `etcetera` finds it for command-line programs:
//! `$XDG_CONFIG_HOME/nhs-values` (`~/.config/nhs-values` when unset or not absolute) on Linux and
//! macOS, `%APPDATA%\nhs-values` on Windows.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use etcetera::BaseStrategy;

use crate::config::{self, Settings};
use crate::values::{self, Document, LoadError};

/// The program's folder inside the platform's config folder.
const FOLDER_NAME: &str = "nhs-values";

/// The user's own values, inside the config folder.
pub const VALUES_FILE_NAME: &str = "values.toml";

/// The environment variable that names a values file.
pub const VALUES_FILE_VARIABLE: &str = "NHS_VALUES_FILE";

/// The user's settings and keys, inside the config folder.
pub const CONFIG_FILE_NAME: &str = "config.toml";

/// The environment variable that names a config file.
pub const CONFIG_FILE_VARIABLE: &str = "NHS_VALUES_CONFIG";

/// How one kind of file is chosen: the flag and the environment variable that name one.
struct Lookup {
    flag: &'static str,
    variable: &'static str,
    file_name: &'static str,
}

const VALUES: Lookup = Lookup {
    flag: "--file",
    variable: VALUES_FILE_VARIABLE,
    file_name: VALUES_FILE_NAME,
};

const CONFIG: Lookup = Lookup {
    flag: "--config",
    variable: CONFIG_FILE_VARIABLE,
    file_name: CONFIG_FILE_NAME,
};

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

/// Why a file was chosen, or none.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reason {
    /// The flag (`--file`, `--config`) was given; the variable may be set too, and lost.
    Flag { variable_also_set: bool },
    /// The variable (`$NHS_VALUES_FILE`, `$NHS_VALUES_CONFIG`) is set and the flag was not
    /// given.
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
        let (variable, user_file) = VALUES.in_this_process();
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
        let (file, reason) = pick(flag, variable, user_file, exists);
        Choice {
            source: file.map_or(Source::Builtin, Source::File),
            reason,
        }
    }

    /// The answer to "which values and settings am I looking at?", in lines a person can read
    /// out: each thing the program reads, then why. `config_dir` is the folder the user's files
    /// live in.
    pub fn explain(&self, config: &ConfigChoice, config_dir: Option<&Path>) -> String {
        let values = match &self.source {
            Source::File(path) => show_absolute(path),
            Source::Builtin => format!(
                "the copy built into nhs-values {}",
                env!("CARGO_PKG_VERSION")
            ),
        };
        let mut lines = vec![
            format!("values: {values}"),
            format!("  because: {}", self.reason.explain(&VALUES)),
        ];
        lines.extend(self.source.file().and_then(|path| note(path)));
        let settings = config.file.as_deref().map_or_else(
            || "none, so the default settings and keys".to_owned(),
            show_absolute,
        );
        lines.push(format!("config: {settings}"));
        lines.push(format!("  because: {}", config.reason.explain(&CONFIG)));
        lines.extend(config.file.as_deref().and_then(note));
        lines.push(format!(
            "config folder: {}",
            config_dir.map_or_else(|| "none (no home folder)".to_owned(), show_absolute)
        ));
        lines.iter().map(|line| format!("{line}\n")).collect()
    }
}

impl Lookup {
    /// What this process has to choose from besides the flag: the variable's value, and the
    /// user's file in the config folder.
    fn in_this_process(&self) -> (Option<OsString>, Option<PathBuf>) {
        let variable = std::env::var_os(self.variable);
        let user_file = config_dir().map(|dir| dir.join(self.file_name));
        (variable, user_file)
    }
}

/// The first that applies: `flag`, a non-empty `variable`, `user_file` if it `exists`, or none;
/// with the reason.
fn pick(
    flag: Option<PathBuf>,
    variable: Option<OsString>,
    user_file: Option<PathBuf>,
    exists: impl Fn(&Path) -> bool,
) -> (Option<PathBuf>, Reason) {
    let variable = variable
        .filter(|value| !value.is_empty())
        .map(PathBuf::from);
    match (flag, variable, user_file) {
        (Some(path), variable, _) => (
            Some(path),
            Reason::Flag {
                variable_also_set: variable.is_some(),
            },
        ),
        (None, Some(path), _) => (Some(path), Reason::Variable),
        (None, None, Some(path)) if exists(&path) => (Some(path), Reason::UserFile),
        (None, None, Some(path)) => (None, Reason::NoUserFile(path)),
        (None, None, None) => (None, Reason::NoConfigDir),
    }
}

impl Reason {
    /// Why, for the kind of file `lookup` finds.
    fn explain(&self, lookup: &Lookup) -> String {
        let Lookup { flag, variable, .. } = lookup;
        let neither = format!("neither {flag} nor {variable} was given");
        match self {
            Reason::Flag {
                variable_also_set: false,
            } => format!("{flag} was given"),
            Reason::Flag {
                variable_also_set: true,
            } => format!("{flag} was given (it wins over {variable}, which is set too)"),
            Reason::Variable => format!("{variable} is set, and {flag} was not given"),
            Reason::UserFile => format!("it exists in the config folder, and {neither}"),
            Reason::NoUserFile(path) => {
                format!("{} does not exist, and {neither}", show_absolute(path))
            }
            Reason::NoConfigDir => {
                format!("no home folder was found to hold a config folder, and {neither}")
            }
        }
    }
}

/// A line pointing out that a chosen file cannot be read, if it cannot.
fn note(path: &Path) -> Option<String> {
    if path.is_dir() {
        Some("  note: this is a folder, not a file, so reading it fails".to_owned())
    } else if !path.exists() {
        Some("  note: this file does not exist, so reading it fails".to_owned())
    } else {
        None
    }
}

/// The config file the program reads, with the reason, as `where` reports it; none means the
/// default settings and keys.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigChoice {
    pub file: Option<PathBuf>,
    pub reason: Reason,
}

impl ConfigChoice {
    /// The choice for this process: `--config` as given, the environment, the config folder.
    pub fn for_this_process(flag: Option<PathBuf>) -> ConfigChoice {
        let (variable, user_file) = CONFIG.in_this_process();
        ConfigChoice::make(flag, variable, user_file, Path::exists)
    }

    /// The first that applies: `flag`, a non-empty `variable`, `user_file` if it `exists`, none.
    pub fn make(
        flag: Option<PathBuf>,
        variable: Option<OsString>,
        user_file: Option<PathBuf>,
        exists: impl Fn(&Path) -> bool,
    ) -> ConfigChoice {
        let (file, reason) = pick(flag, variable, user_file, exists);
        ConfigChoice { file, reason }
    }

    /// The settings of the chosen file, or the defaults when there is none. A file that was
    /// chosen but cannot be read is an error, as a values file is.
    pub fn load(&self) -> Result<Settings, LoadError> {
        match &self.file {
            Some(path) => {
                let bytes = read_file(path, "config file")?;
                config::parse_bytes(&bytes, &values::show_path(path))
            }
            None => Ok(Settings::default()),
        }
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
            Source::File(path) => load_file(path),
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

/// Reads and validates a values file. The file is only ever opened for reading.
pub fn load_file(path: &Path) -> Result<Document, LoadError> {
    let bytes = read_file(path, "values file")?;
    values::parse_bytes(&bytes, &values::show_path(path))
}

/// The bytes of a file, opened only for reading; `expected` names the kind of file in the
/// message for a directory.
pub fn read_file(path: &Path, expected: &'static str) -> Result<Vec<u8>, LoadError> {
    if path.is_dir() {
        return Err(LoadError::IsDirectory {
            path: path.to_owned(),
            expected,
        });
    }
    std::fs::read(path).map_err(|error| LoadError::Io {
        path: path.to_owned(),
        error,
    })
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

    /// No config file: the defaults.
    fn no_config() -> ConfigChoice {
        ConfigChoice::make(None, None, None, |_| false)
    }

    #[test]
    fn the_config_is_chosen_as_the_values_are() {
        let config_file = || {
            PathBuf::from("config")
                .join(FOLDER_NAME)
                .join(CONFIG_FILE_NAME)
        };
        let flag = ConfigChoice::make(
            Some("mine.toml".into()),
            Some("env.toml".into()),
            Some(config_file()),
            |_| true,
        );
        assert_eq!(flag.file, Some("mine.toml".into()));
        let variable = ConfigChoice::make(None, Some("env.toml".into()), None, |_| true);
        assert_eq!(
            (variable.file, variable.reason),
            (Some("env.toml".into()), Reason::Variable)
        );
        let user = ConfigChoice::make(None, Some("".into()), Some(config_file()), |_| true);
        assert_eq!(
            (user.file, user.reason),
            (Some(config_file()), Reason::UserFile)
        );
        let none = ConfigChoice::make(None, None, Some(config_file()), |_| false);
        assert_eq!(none.load().ok(), Some(Settings::default()));
        assert_eq!(
            (none.file, none.reason),
            (None, Reason::NoUserFile(config_file()))
        );
    }

    #[test]
    fn the_explanation_names_the_files_and_the_reasons() {
        let folder = std::env::temp_dir().join("nhs-values-config-dir-for-a-test");
        let missing = folder.join(VALUES_FILE_NAME);
        let missing_config = folder.join(CONFIG_FILE_NAME);
        let choice = Choice::make(None, None, Some(missing.clone()), |_| false);
        let config = ConfigChoice::make(None, None, Some(missing_config.clone()), |_| false);
        let text = choice.explain(&config, Some(&folder));
        let version = env!("CARGO_PKG_VERSION");
        assert_eq!(
            text,
            format!(
                "values: the copy built into nhs-values {version}\n  because: {} does not \
                 exist, and neither --file nor NHS_VALUES_FILE was given\n\
                 config: none, so the default settings and keys\n  because: {} does not \
                 exist, and neither --config nor NHS_VALUES_CONFIG was given\n\
                 config folder: {}\n",
                missing.display(),
                missing_config.display(),
                folder.display()
            )
        );
        let homeless = Choice::make(None, None, None, |_| false).explain(&no_config(), None);
        assert!(
            homeless.contains("no home folder was found")
                && homeless.ends_with("config folder: none (no home folder)\n"),
            "{homeless}"
        );
        let flag = Some(missing_config.clone());
        let given = ConfigChoice::make(flag, Some("env.toml".into()), None, |_| false);
        let text = choice.explain(&given, None);
        assert!(
            text.contains(&format!(
                "\nconfig: {}\n  because: --config was given (it wins over \
                 NHS_VALUES_CONFIG, which is set too)\n  note: this file does not exist, so \
                 reading it fails\n",
                missing_config.display()
            )),
            "{text}"
        );
    }

    #[test]
    fn a_chosen_file_that_is_missing_is_pointed_out() {
        let missing = std::env::temp_dir().join("nhs-values-no-such-file.toml");
        let choice = Choice::make(Some(missing.clone()), None, None, |_| false);
        let text = choice.explain(&no_config(), None);
        assert!(
            text.starts_with(&format!(
                "values: {}\n  because: --file was given\n  note: this file does not exist",
                missing.display()
            )),
            "{text}"
        );
        let folder = Choice::make(Some(std::env::temp_dir()), None, None, |_| true);
        let text = folder.explain(&no_config(), None);
        assert!(text.contains("this is a folder, not a file"), "{text}");
    }

    #[test]
    fn missing_files_and_directories_are_named() {
        let directory = tempfile::tempdir().unwrap();
        let error = load_file(directory.path()).unwrap_err();
        assert!(
            error
                .to_string()
                .ends_with(": is a directory, not a values file"),
            "{error}"
        );
        let missing = directory.path().join("nope.toml");
        let error = load_file(&missing).unwrap_err();
        assert_eq!(
            error.to_string(),
            format!("{}: cannot read the file: no such file", missing.display())
        );
    }
}
