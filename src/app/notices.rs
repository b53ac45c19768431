//! What the app tells the user: the status message, which lasts until the next key, and the
//! banner about a broken values file, which lasts until the file is good again.

use crate::action::LaunchFailure;
use crate::text::visible;
use crate::wrap;

/// The most lines the footer grows to for a long status message.
/// Columns left blank before a message's text, in the footer, the banner and a slide's last
/// row.
pub const MESSAGE_MARGIN: usize = 1;

pub const MAX_STATUS_LINES: usize = 3;

/// The most lines the banner about a broken values file takes from the screen.
pub const MAX_BANNER_LINES: usize = 3;

/// What the status line says when the values file changed and the new version is shown.
const RELOADED: &str = "Reloaded the values file.";

/// A message on the status line, until the next key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    pub text: String,
    pub is_error: bool,
}

/// The status message and the banner.
#[derive(Debug, Clone, Default)]
pub struct Notices {
    status: Option<Status>,
    /// Why the values file on disk cannot be shown, while the last good values are.
    reload_error: Option<String>,
}

impl Notices {
    pub fn status(&self) -> Option<&Status> {
        self.status.as_ref()
    }

    /// Why the values file cannot be shown, made safe to display.
    pub fn reload_error(&self) -> Option<&str> {
        self.reload_error.as_deref()
    }

    /// The status message wrapped to `width`.
    pub fn status_lines(&self, width: usize) -> Vec<&str> {
        self.status
            .as_ref()
            .map_or_else(Vec::new, |status| wrap::wrap(&status.text, width))
    }

    /// The banner wrapped to `width`; empty while the file is good.
    pub fn banner_lines(&self, width: usize) -> Vec<String> {
        self.reload_error.as_ref().map_or_else(Vec::new, |error| {
            let text = format!("error: {error} · showing the last good values");
            wrap::wrap(&text, width)
                .into_iter()
                .map(str::to_owned)
                .collect()
        })
    }

    /// Shows `text`, made safe to display, until the next key.
    pub(super) fn say(&mut self, text: &str, is_error: bool) {
        let text = visible(text).into_owned();
        self.status = Some(Status { text, is_error });
    }

    pub(super) fn clear_status(&mut self) {
        self.status = None;
    }

    /// The file on disk is broken: the banner says why, instead of any word that it reloaded,
    /// which would be stale.
    pub(super) fn reload_failed(&mut self, error: &str) {
        self.reload_error = Some(visible(error).into_owned());
        if self
            .status
            .as_ref()
            .is_some_and(|status| status.text == RELOADED)
        {
            self.status = None;
        }
    }

    /// The file on disk is good again.
    pub(super) fn file_is_good(&mut self) {
        self.reload_error = None;
    }

    /// The file's new contents are shown.
    pub(super) fn reloaded(&mut self) {
        self.say(RELOADED, false);
    }

    /// The result of opening `url`; `copy_key`, if a key copies links, is suggested when no
    /// browser could start.
    pub(super) fn launched(
        &mut self,
        result: Result<String, LaunchFailure>,
        copy_key: Option<&str>,
    ) {
        match result {
            Ok(url) => self.say(&format!("Opened {url} in the browser."), false),
            Err(LaunchFailure { url, reason }) => {
                let text = match copy_key {
                    Some(key) => format!(
                        "Could not open a browser; the link is {url} (press {key} to copy it; {reason})"
                    ),
                    None => format!("Could not open a browser; the link is {url} ({reason})"),
                };
                self.say(&text, true);
            }
        }
    }

    pub(super) fn copied(&mut self, result: Result<String, LaunchFailure>) {
        match result {
            Ok(url) => self.say(
                &format!("Copied {url} to the clipboard (if the terminal allows it)."),
                false,
            ),
            Err(LaunchFailure { url, reason }) => self.say(
                &format!("Could not copy ({reason}); the link is {url}"),
                true,
            ),
        }
    }

    pub(super) fn watch_failed(&mut self, reason: &str) {
        self.say(
            &format!("Changes to the values file will not show: {reason}"),
            true,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn failure() -> LaunchFailure {
        LaunchFailure {
            url: "https://example.org/a".to_owned(),
            reason: "no desktop".to_owned(),
        }
    }

    #[test]
    fn messages_are_made_safe_and_wrapped() {
        let mut notices = Notices::default();
        notices.say("a\u{1b}[2J b c", true);
        let status = notices.status().expect("a message");
        assert_eq!(
            (status.text.as_str(), status.is_error),
            ("a^[[2J b c", true)
        );
        assert_eq!(notices.status_lines(6), ["a^[[2J", "b c"]);
        notices.clear_status();
        assert_eq!(notices.status(), None);
        assert!(notices.status_lines(6).is_empty());
    }

    #[test]
    fn a_failed_launch_suggests_the_copy_key_if_there_is_one() {
        let mut notices = Notices::default();
        notices.launched(Err(failure()), Some("c"));
        assert_eq!(
            notices.status().map(|status| status.text.as_str()),
            Some(
                "Could not open a browser; the link is https://example.org/a (press c to copy it; no desktop)"
            )
        );
        notices.launched(Err(failure()), None);
        assert_eq!(
            notices.status().map(|status| status.text.as_str()),
            Some("Could not open a browser; the link is https://example.org/a (no desktop)")
        );
    }

    #[test]
    fn the_banner_stays_until_the_file_is_good_and_replaces_word_of_a_reload() {
        let mut notices = Notices::default();
        notices.reloaded();
        notices.reload_failed("v.toml:1:1: broken\u{7}");
        assert_eq!(notices.status(), None);
        assert_eq!(notices.reload_error(), Some("v.toml:1:1: broken^G"));
        assert_eq!(
            notices.banner_lines(30),
            [
                "error: v.toml:1:1: broken^G ·",
                "showing the last good values"
            ]
        );
        notices.say("Opened it.", false);
        notices.reload_failed("v.toml:2:1: broken");
        assert!(notices.status().is_some(), "other news stays");
        notices.file_is_good();
        assert!(notices.banner_lines(30).is_empty());
    }
}
