//! The help overlay (`?`): its state while it is open, how far its rows are scrolled, and what
//! the keys do there.

use super::{App, OverlayState};
use crate::action::Action;
use crate::layout;

/// The `?` overlay.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HelpState {
    /// The first row shown.
    scroll: usize,
}

impl HelpState {
    /// Opened at row `row`, or as near it as `max_scroll` lets it.
    pub(super) fn at(row: usize, max_scroll: usize) -> HelpState {
        HelpState {
            scroll: row.min(max_scroll),
        }
    }

    /// The first row shown.
    pub fn scroll(&self) -> usize {
        self.scroll
    }

    pub(super) fn scroll_to_top(&mut self) {
        self.scroll = 0;
    }

    /// Scrolls by `lines` (negative is up), no further than `max_scroll`, where the last row is
    /// at the bottom of the window.
    pub(super) fn scroll_by(&mut self, lines: isize, max_scroll: usize) {
        self.scroll = self.scroll.saturating_add_signed(lines).min(max_scroll);
    }

    /// Keeps the scroll within `max_scroll`, after the window changed size.
    pub(super) fn clamp_scroll(&mut self, max_scroll: usize) {
        self.scroll = self.scroll.min(max_scroll);
    }
}

impl App {
    /// Opens the help at row `row`, or as near it as the help scrolls.
    pub(super) fn open_help(&mut self, row: usize) {
        let max = self.max_help_scroll();
        self.overlay = Some(OverlayState::Help(HelpState::at(row, max)));
    }

    pub(super) fn help_key(&mut self, action: Action) {
        let max = self.max_help_scroll();
        let Some(OverlayState::Help(help)) = &mut self.overlay else {
            return;
        };
        match action {
            Action::ToggleHelp | Action::Back => self.overlay = None,
            Action::Next => help.scroll_by(1, max),
            Action::Previous => help.scroll_by(-1, max),
            Action::PageDown => help.scroll_by(10, max),
            Action::PageUp => help.scroll_by(-10, max),
            Action::First => help.scroll_to_top(),
            _ => {}
        }
    }

    /// How far the help scrolls: until its last row is at the bottom of its window.
    pub(super) fn max_help_scroll(&self) -> usize {
        let rows = self.keys.help_rows().len();
        rows - layout::help_rows_shown(self.area, rows)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn opens_at_the_top_and_scrolls_no_further_than_the_last_row() {
        let mut help = HelpState::at(0, 0);
        help.scroll_by(30, 17);
        assert_eq!(help.scroll(), 17);
        help.scroll_by(-10, 17);
        assert_eq!(help.scroll(), 7);
        help.clamp_scroll(5);
        assert_eq!(help.scroll(), 5);
        assert_eq!(HelpState::at(9, 6).scroll(), 6);
        let mut help = HelpState::at(0, 18);
        help.scroll_by(-1, 18);
        help.scroll_by(3, 0);
        assert_eq!(help.scroll(), 0);
        help.scroll_by(3, 17);
        help.scroll_to_top();
        assert_eq!(help.scroll(), 0);
    }
}
