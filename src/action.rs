//! What flows into the app state and out of it: an `Action` is something the user asked for or
//! something that happened; an `Effect` is work the app asks of the outside world. Both are plain
//! data, so the key table, the event loop and the file watcher can all name them without
//! depending on the state itself.

use crate::values::Document;

/// Something the user asked for, or something that happened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    Next,
    Previous,
    First,
    Last,
    /// Select a value by its number in the document, 1-based.
    SelectNumber(usize),
    Open,
    PageDown,
    PageUp,
    /// Mouse wheel over a pane: positive is down.
    Scroll {
        column: u16,
        row: u16,
        lines: i16,
    },
    Click {
        column: u16,
        row: u16,
    },
    StartFilter,
    FilterInput(char),
    FilterBackspace,
    AcceptFilter,
    ToggleAbout,
    NextLink,
    PreviousLink,
    /// `n` / `N`: the next or previous match of the filter in the detail text.
    NextMatch,
    PreviousMatch,
    ToggleHelp,
    /// Ctrl-Z: hand the terminal back to the shell until `fg`.
    Suspend,
    /// Esc: close whatever is open, or quit when nothing is.
    Back,
    Quit,
    Resize {
        width: u16,
        height: u16,
    },
    /// The result of launching a browser: the link, or why it failed.
    Launched(Result<String, LaunchFailure>),
    /// The link was shown for the user to open on their own device instead of being opened
    /// here: over SSH, a browser started on the server would open for nobody.
    Shown(String),
    /// Copy the link Enter would open to the clipboard.
    Copy,
    /// The result of asking the terminal to copy a link.
    Copied(Result<String, LaunchFailure>),
    /// The values file changed on disk: its new contents, or its first problem as
    /// `file:line:col: message`.
    Reloaded(Result<Document, String>),
    /// The values file cannot be watched, so changes to it will not show.
    WatchFailed(String),
    /// `p`: present one value at a time across the whole screen, or return to the browser.
    Present,
    /// `c`: show the link Enter would open as a QR code, for a phone to read.
    ShowQrCode,
    /// In presentation mode: blank the screen, as presentation software's black screen does.
    Blank,
    /// Bring a blanked screen back.
    Unblank,
    /// In presentation mode: scroll a slide taller than the screen by a line.
    ScrollDown,
    ScrollUp,
}

impl Action {
    /// Whether the user did this, rather than something in the background (a resize, the answer
    /// of a browser launch or a clipboard write, the values file changing). Only what the user
    /// does replaces a status message; what happens in the background adds one.
    pub fn is_from_user(&self) -> bool {
        !matches!(
            self,
            Action::Launched(_)
                | Action::Shown(_)
                | Action::Copied(_)
                | Action::Resize { .. }
                | Action::Reloaded(_)
                | Action::WatchFailed(_)
        )
    }
}

/// Why a link could not be opened or copied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LaunchFailure {
    pub url: String,
    pub reason: String,
}

/// Work for the event loop.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    OpenUrl(String),
    /// Put this text on the clipboard, through the terminal (OSC 52).
    Copy(String),
    Suspend,
    Quit,
}
