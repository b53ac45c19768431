//! The help overlay's state, while it is open: how far its rows are scrolled.

/// The `?` overlay.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Help {
    /// The first row shown.
    scroll: usize,
}

impl Help {
    /// Opened at row `row`, or as near it as `max_scroll` lets it.
    pub(super) fn at(row: usize, max_scroll: usize) -> Help {
        Help {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn opens_at_the_top_and_scrolls_no_further_than_the_last_row() {
        let mut help = Help::at(0, 0);
        help.scroll_by(30, 17);
        assert_eq!(help.scroll(), 17);
        help.scroll_by(-10, 17);
        assert_eq!(help.scroll(), 7);
        help.clamp_scroll(5);
        assert_eq!(help.scroll(), 5);
        assert_eq!(Help::at(9, 6).scroll(), 6);
        let mut help = Help::at(0, 18);
        help.scroll_by(-1, 18);
        help.scroll_by(3, 0);
        assert_eq!(help.scroll(), 0);
        help.scroll_by(3, 17);
        help.scroll_to_top();
        assert_eq!(help.scroll(), 0);
    }
}
