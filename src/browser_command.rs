//! Browser commands as `BROWSER` writes them, read the same way wherever they come from (the
//! environment or the config file's `browser`): a list of commands separated by `os.pathsep`,
//! as Python's `webbrowser` splits it (`:` on Unix, `;` on Windows, where `:` is part of every
//! absolute path), each split into words without running a shell, by the platform's own rules:
//! POSIX shell words on Unix, the Windows command-line rules (double quotes group, backslashes
//! are literal) on Windows, where an unquoted `C:\Program Files\…\firefox.exe` naming an
//! existing file is taken whole.

use std::path::Path;

/// How a platform reads a browser command list. Both are defined everywhere so that both are
/// tested everywhere; `NATIVE` is the one in force.
#[derive(Debug, Clone, Copy)]
pub struct Rules {
    /// What separates the commands (`os.pathsep`).
    pub separator: char,
    /// Splits one command into its words.
    pub split: fn(&str) -> Result<Vec<String>, String>,
}

pub const UNIX: Rules = Rules {
    separator: ':',
    split: split_unix,
};

pub const WINDOWS: Rules = Rules {
    separator: ';',
    split: split_windows,
};

pub const NATIVE: Rules = if cfg!(windows) { WINDOWS } else { UNIX };

fn split_unix(entry: &str) -> Result<Vec<String>, String> {
    shell_words::split(entry).map_err(|error| error.to_string())
}

fn split_windows(entry: &str) -> Result<Vec<String>, String> {
    let whole = entry.trim();
    if Path::new(whole).is_file() {
        return Ok(vec![whole.to_owned()]);
    }
    Ok(winsplit::split(entry))
}

/// The commands in a list, blank ones skipped.
pub fn entries(value: &str, rules: Rules) -> impl Iterator<Item = &str> {
    value
        .split(rules.separator)
        .filter(|entry| !entry.trim().is_empty())
}

/// Whether `value` holds at least one command and each splits into words: what the config
/// file's `browser` is checked for before it is ever run.
pub fn check(value: &str, rules: Rules) -> Result<(), String> {
    let mut any = false;
    for entry in entries(value, rules) {
        (rules.split)(entry).map_err(|error| format!("`{}`: {error}", entry.trim()))?;
        any = true;
    }
    if any {
        Ok(())
    } else {
        Err("no command".to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_are_separated_as_python_separates_them() {
        let unix: Vec<_> = entries("firefox %s::w3m", UNIX).collect();
        assert_eq!(unix, ["firefox %s", "w3m"]);
        let windows = r"C:\Program Files\Mozilla Firefox\firefox.exe;; msedge.exe --new-window";
        let windows: Vec<_> = entries(windows, WINDOWS).collect();
        assert_eq!(
            windows,
            [
                r"C:\Program Files\Mozilla Firefox\firefox.exe",
                " msedge.exe --new-window"
            ]
        );
    }

    #[test]
    fn a_list_is_checked_for_commands_that_split() {
        assert_eq!(check("firefox --new-tab %s:w3m", UNIX), Ok(()));
        assert_eq!(
            check("w3m:'firefox --new-tab", UNIX),
            Err("`'firefox --new-tab`: missing closing quote".to_owned())
        );
        assert_eq!(check(" : ", UNIX), Err("no command".to_owned()));
        assert_eq!(check("", WINDOWS), Err("no command".to_owned()));
        // The Windows rules split anything.
        assert_eq!(check(r#""C:\Program Files\x.exe" %s"#, WINDOWS), Ok(()));
    }
}
