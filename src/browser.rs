//! Opening a link in the user's browser: the config file's `browser`, then `$BROWSER` when
//! set, as Python's `webbrowser` and xdg-utils read it (`browser_command` reads both), then the
//! platform's opener through the `open` crate.

use std::process::{Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use crate::browser_command::{NATIVE, Rules, entries};
use crate::values::check_url;

/// How long a launched command may take to fail before it counts as a browser that started.
/// Browsers keep running, so waiting for them to exit would hang; a launcher that cannot find a
/// browser exits at once.
const FAILURE_WINDOW: Duration = Duration::from_secs(2);

/// Opens `url`, trying each command of `configured` (the config file's `browser`) and of
/// `$BROWSER` in turn, and then the system opener. Blocks for at most a couple of seconds per
/// command; the launched program's output is discarded.
pub fn open(url: &str, configured: Option<&str>) -> Result<(), String> {
    // Only web links ever reach a browser command, whatever the caller passed.
    check_url(url)?;
    let variable = std::env::var_os("BROWSER")
        .filter(|value| !value.is_empty())
        .map(|value| value.to_string_lossy().into_owned());
    let mut failures = Vec::new();
    for (list, origin) in [(configured, "browser"), (variable.as_deref(), "BROWSER")] {
        for entry in list.into_iter().flat_map(|list| entries(list, NATIVE)) {
            match browser_command(entry, url, NATIVE, origin).and_then(run) {
                Ok(()) => return Ok(()),
                Err(reason) => failures.push(reason),
            }
        }
    }
    match open::that_detached(url) {
        Ok(()) => Ok(()),
        Err(error) => {
            failures.push(format!("no desktop opener worked ({error})"));
            Err(failures.join("; "))
        }
    }
}

/// The command for one entry of a browser list (`origin` names the list in messages): split
/// into words without a shell, with `%s` replaced by the URL, or the URL appended when the
/// entry has no `%s`.
fn browser_command(entry: &str, url: &str, rules: Rules, origin: &str) -> Result<Command, String> {
    let words =
        (rules.split)(entry).map_err(|error| format!("{origin} entry `{entry}`: {error}"))?;
    let Some((program, args)) = words.split_first() else {
        return Err(format!("{origin} entry `{entry}` is empty"));
    };
    let mut command = Command::new(program);
    if entry.contains("%s") {
        command.args(args.iter().map(|arg| arg.replace("%s", url)));
    } else {
        command.args(args).arg(url);
    }
    Ok(command)
}

/// Keeps a launched browser out of reach of what happens to our terminal.
#[cfg(unix)]
fn detach(command: &mut Command) {
    use std::os::unix::process::CommandExt;
    // Its own process group, so Ctrl-C and job control on our terminal leave it alone.
    command.process_group(0);
}

/// Keeps a launched browser out of reach of what happens to our console.
#[cfg(windows)]
fn detach(command: &mut Command) {
    use std::os::windows::process::CommandExt;
    use windows_sys::Win32::System::Threading::{CREATE_NEW_PROCESS_GROUP, CREATE_NO_WINDOW};
    // A console program gets a hidden console of its own rather than ours, so Ctrl-C,
    // Ctrl-Break and closing our window do not reach it, and no window flashes up; its own
    // process group, as on Unix. (The `open` crate starts the system opener the same way.)
    command.creation_flags(CREATE_NEW_PROCESS_GROUP | CREATE_NO_WINDOW);
}

/// Starts `command` detached from the screen and reports whether it failed quickly.
fn run(mut command: Command) -> Result<(), String> {
    let program = command.get_program().to_string_lossy().into_owned();
    detach(&mut command);
    let mut child = command
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|error| format!("cannot run `{program}`: {error}"))?;
    let started = Instant::now();
    while started.elapsed() < FAILURE_WINDOW {
        match child.try_wait() {
            Ok(Some(status)) if status.success() => return Ok(()),
            Ok(Some(status)) => return Err(format!("`{program}` failed ({status})")),
            Ok(None) => thread::sleep(Duration::from_millis(20)),
            Err(error) => return Err(format!("`{program}`: {error}")),
        }
    }
    // Still running: a browser that started. Reap it whenever it exits.
    thread::spawn(move || child.wait());
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::browser_command::{UNIX, WINDOWS};

    fn argv(command: &Command) -> Vec<String> {
        std::iter::once(command.get_program())
            .chain(command.get_args())
            .map(|word| word.to_string_lossy().into_owned())
            .collect()
    }

    fn command(entry: &str, url: &str, rules: Rules) -> Vec<String> {
        argv(&browser_command(entry, url, rules, "BROWSER").unwrap())
    }

    #[test]
    fn the_url_is_the_last_argument() {
        for rules in [UNIX, WINDOWS] {
            assert_eq!(
                command("firefox --new-tab", "https://a.example/x", rules),
                ["firefox", "--new-tab", "https://a.example/x"]
            );
        }
    }

    #[test]
    fn percent_s_is_replaced_by_the_url() {
        assert_eq!(
            command("'my browser' --url=%s --flag", "https://a.example/", UNIX),
            ["my browser", "--url=https://a.example/", "--flag"]
        );
        assert_eq!(
            command(
                "\"my browser\" --url=%s --flag",
                "https://a.example/",
                WINDOWS
            ),
            ["my browser", "--url=https://a.example/", "--flag"]
        );
    }

    #[test]
    fn shell_syntax_in_the_url_stays_inert() {
        let url = "https://a.example/?q=1;rm -rf ~&x='y'";
        for rules in [UNIX, WINDOWS] {
            assert_eq!(command("echo", url, rules), ["echo", url]);
        }
    }

    #[test]
    fn unbalanced_quotes_are_reported() {
        assert_eq!(
            browser_command("'firefox", "https://a.example/", UNIX, "browser").unwrap_err(),
            "browser entry `'firefox`: missing closing quote"
        );
    }

    #[test]
    fn windows_paths_keep_their_backslashes() {
        let url = "https://a.example/";
        assert_eq!(
            command(
                r#""C:\Program Files\Mozilla Firefox\firefox.exe" -new-tab %s"#,
                url,
                WINDOWS
            ),
            [
                r"C:\Program Files\Mozilla Firefox\firefox.exe",
                "-new-tab",
                url
            ]
        );
        assert_eq!(
            command(r"C:\Tools\browser.exe", url, WINDOWS),
            [r"C:\Tools\browser.exe", url]
        );
        // A POSIX shell would take the backslashes for escapes: `C:Toolsbrowser.exe`.
        assert_eq!(
            command(r"C:\Tools\browser.exe", url, UNIX)[0],
            "C:Toolsbrowser.exe"
        );
    }

    #[test]
    fn on_windows_an_unquoted_path_to_an_existing_file_is_taken_whole() {
        let folder = tempfile::tempdir().unwrap();
        let browser = folder.path().join("My Browser").join("browser.exe");
        std::fs::create_dir(browser.parent().unwrap()).unwrap();
        std::fs::write(&browser, "").unwrap();
        let path = browser.to_str().unwrap();
        let url = "https://a.example/";
        assert_eq!(command(path, url, WINDOWS), [path, url]);
        // Not a file: split into words at the space, as the rules say.
        let missing = folder.path().join("No Browser").join("browser.exe");
        let missing = missing.to_str().unwrap();
        let words = command(missing, url, WINDOWS);
        assert!(
            words.len() > 2 && missing.starts_with(&words[0]) && words[0] != missing,
            "{words:?}"
        );
    }

    #[test]
    fn only_web_links_are_opened() {
        assert!(open("file:///etc/passwd", None).is_err());
        assert!(open("-x", Some("echo")).is_err());
    }

    /// A command that exits with `code` at once, in the platform's own shell.
    fn exits_with(code: u8) -> Command {
        if cfg!(windows) {
            let mut command = Command::new("cmd");
            command.args(["/C", &format!("exit {code}")]);
            command
        } else {
            let mut command = Command::new("sh");
            command.args(["-c", &format!("exit {code}")]);
            command
        }
    }

    #[test]
    fn a_failing_command_is_reported() {
        assert!(run(exits_with(1)).is_err());
        assert!(run(exits_with(0)).is_ok());
        assert!(run(Command::new("/nonexistent/browser")).is_err());
    }
}
