//! Opening a link in the user's browser: `$BROWSER` when set, as Python's `webbrowser` and
//! xdg-utils read it, otherwise the platform's opener through the `open` crate.

use std::os::unix::process::CommandExt;
use std::process::{Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use crate::values::check_url;

/// How long a launched command may take to fail before it counts as a browser that started.
/// Browsers keep running, so waiting for them to exit would hang; a launcher that cannot find a
/// browser exits at once.
const FAILURE_WINDOW: Duration = Duration::from_secs(2);

/// Opens `url`, trying each `$BROWSER` entry in turn and then the system opener. Blocks for at
/// most a couple of seconds per command; the launched program's output is discarded.
pub fn open(url: &str) -> Result<(), String> {
    // Only web links ever reach a browser command, whatever the caller passed.
    check_url(url)?;
    let mut failures = Vec::new();
    if let Some(browser) = std::env::var_os("BROWSER").filter(|value| !value.is_empty()) {
        for entry in browser
            .to_string_lossy()
            .split(':')
            .filter(|entry| !entry.trim().is_empty())
        {
            match browser_command(entry, url).and_then(run) {
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

/// The command for one `$BROWSER` entry: split into words without a shell, with `%s` replaced
/// by the URL, or the URL appended when the entry has no `%s`.
fn browser_command(entry: &str, url: &str) -> Result<Command, String> {
    let words =
        shell_words::split(entry).map_err(|error| format!("BROWSER entry `{entry}`: {error}"))?;
    let Some((program, args)) = words.split_first() else {
        return Err(format!("BROWSER entry `{entry}` is empty"));
    };
    let mut command = Command::new(program);
    if entry.contains("%s") {
        command.args(args.iter().map(|arg| arg.replace("%s", url)));
    } else {
        command.args(args).arg(url);
    }
    Ok(command)
}

/// Starts `command` detached from the screen and reports whether it failed quickly.
fn run(mut command: Command) -> Result<(), String> {
    let program = command.get_program().to_string_lossy().into_owned();
    let mut child = command
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        // Its own process group, so Ctrl-C and job control on our terminal leave it alone.
        .process_group(0)
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

    fn argv(command: &Command) -> Vec<String> {
        std::iter::once(command.get_program())
            .chain(command.get_args())
            .map(|word| word.to_string_lossy().into_owned())
            .collect()
    }

    #[test]
    fn the_url_is_the_last_argument() {
        let command = browser_command("firefox --new-tab", "https://a.example/x").unwrap();
        assert_eq!(
            argv(&command),
            ["firefox", "--new-tab", "https://a.example/x"]
        );
    }

    #[test]
    fn percent_s_is_replaced_by_the_url() {
        let command =
            browser_command("'my browser' --url=%s --flag", "https://a.example/").unwrap();
        assert_eq!(
            argv(&command),
            ["my browser", "--url=https://a.example/", "--flag"]
        );
    }

    #[test]
    fn shell_syntax_in_the_url_stays_inert() {
        let url = "https://a.example/?q=1;rm -rf ~&x='y'";
        let command = browser_command("echo", url).unwrap();
        assert_eq!(argv(&command), ["echo", url]);
    }

    #[test]
    fn unbalanced_quotes_are_reported() {
        assert!(browser_command("'firefox", "https://a.example/").is_err());
    }

    #[test]
    fn only_web_links_are_opened() {
        assert!(open("file:///etc/passwd").is_err());
        assert!(open("-x").is_err());
    }

    #[test]
    fn a_failing_command_is_reported() {
        assert!(run(Command::new("false")).is_err());
        assert!(run(Command::new("true")).is_ok());
        assert!(run(Command::new("/nonexistent/browser")).is_err());
    }
}
