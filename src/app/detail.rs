//! The detail pane's state: which view it shows, how far it is scrolled, the match `n` / `N`
//! moved to, and its content as last wrapped.

use std::ops::Range;

use super::blocks::Shown;
use super::wrapped::{Found, Widths, WrappedDetail};

/// What the detail pane shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    Value,
    /// The introduction, the source page and the links; `link` is the highlighted one.
    About {
        link: usize,
    },
}

/// The match `n` / `N` moved to last: where it starts in a block of the detail text of a value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct MatchAt {
    value: usize,
    block: usize,
    start: usize,
}

/// The detail pane.
#[derive(Debug, Clone)]
pub struct DetailState {
    view: View,
    /// The first line of the content on screen.
    scroll: usize,
    current_match: Option<MatchAt>,
    /// The content as laid out after the last change; `lay_out` makes it again when it is out
    /// of date.
    wrapped: WrappedDetail,
}

impl Default for DetailState {
    fn default() -> DetailState {
        DetailState {
            view: View::Value,
            scroll: 0,
            current_match: None,
            wrapped: WrappedDetail::default(),
        }
    }
}

impl DetailState {
    pub fn view(&self) -> View {
        self.view
    }

    /// The first line of the content on screen, as scrolled; the pane shows no further down
    /// than its last page.
    pub fn scroll(&self) -> usize {
        self.scroll
    }

    /// The match `n` / `N` moved to last, as a block and the byte its match starts at, while
    /// the value it is in (`selected`) is still shown.
    pub fn current_match(&self, selected: Option<usize>) -> Option<(usize, usize)> {
        self.current_match
            .filter(|at| self.view == View::Value && selected == Some(at.value))
            .map(|at| (at.block, at.start))
    }

    /// The content as laid out by the last `lay_out`.
    pub fn wrapped(&self) -> &WrappedDetail {
        &self.wrapped
    }

    /// Lays out the content of `shown` in `widths`, only when what is shown or the widths have
    /// changed since the last time, so scrolling and redrawing cost the same for a megabyte of
    /// text as for a line.
    pub(super) fn lay_out(&mut self, shown: &Shown<'_>, widths: Widths) {
        if !self.wrapped.is_current(shown, widths) {
            self.wrapped = WrappedDetail::new(shown, widths);
        }
    }

    /// Shows `view` from the top.
    pub(super) fn show(&mut self, view: View) {
        self.view = view;
        self.scroll = 0;
    }

    /// Changes the view without scrolling: another link highlighted in About.
    pub(super) fn highlight(&mut self, view: View) {
        self.view = view;
    }

    pub(super) fn scroll_to_top(&mut self) {
        self.scroll = 0;
    }

    /// Scrolls by `lines` (negative is up), no further than `max`.
    pub(super) fn scroll_by(&mut self, lines: isize, max: usize) {
        self.scroll = self.scroll.saturating_add_signed(lines).min(max);
    }

    /// Keeps the scroll within `max` after the pane or its content changed.
    pub(super) fn clamp_scroll(&mut self, max: usize) {
        self.scroll = self.scroll.min(max);
    }

    /// Scrolls just enough to show `lines` in a pane of `height`, or their start when they are
    /// taller than it.
    pub(super) fn scroll_into_view(&mut self, lines: Range<usize>, height: usize) {
        if lines.start < self.scroll {
            self.scroll = lines.start;
        } else if lines.end > self.scroll + height {
            self.scroll = lines.end.saturating_sub(height).min(lines.start);
        }
    }

    /// Forgets the match `n` / `N` moved to, for a new filter or document.
    pub(super) fn forget_match(&mut self) {
        self.current_match = None;
    }

    /// Moves to the next (or previous) of the matches `found` in the text of value `value`,
    /// round to the first (or last), and scrolls it into a pane of `height`. With no match
    /// chosen yet, the search starts from the text on screen, as a pager's does. Gives the
    /// position of the match among them.
    pub(super) fn step_match(
        &mut self,
        found: &[Found],
        forward: bool,
        value: usize,
        height: usize,
    ) -> usize {
        let count = found.len();
        let current = self.current_match(Some(value)).and_then(|at| {
            found
                .iter()
                .position(|(block, start, _)| (*block, *start) == at)
        });
        let index = match (current, forward) {
            (Some(index), true) => (index + 1) % count,
            (Some(index), false) => (index + count - 1) % count,
            (None, true) => found
                .iter()
                .position(|(_, _, line)| *line >= self.scroll)
                .unwrap_or(0),
            (None, false) => found
                .iter()
                .rposition(|(_, _, line)| *line < self.scroll + height)
                .unwrap_or(count - 1),
        };
        let (block, start, line) = found[index];
        self.current_match = Some(MatchAt {
            value,
            block,
            start,
        });
        self.scroll_into_view(line..line + 1, height);
        index
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scrolling_stays_within_the_content() {
        let mut detail = DetailState::default();
        detail.scroll_by(5, 3);
        assert_eq!(detail.scroll(), 3);
        detail.scroll_by(-10, 3);
        assert_eq!(detail.scroll(), 0);
        detail.scroll_by(2, 9);
        detail.clamp_scroll(1);
        assert_eq!(detail.scroll(), 1);
        detail.show(View::About { link: 0 });
        assert_eq!(
            (detail.view(), detail.scroll()),
            (View::About { link: 0 }, 0)
        );
    }

    #[test]
    fn scrolling_into_view_moves_as_little_as_it_can() {
        let mut detail = DetailState::default();
        detail.scroll_into_view(12..14, 10);
        assert_eq!(detail.scroll(), 4, "the end just shows");
        detail.scroll_into_view(8..9, 10);
        assert_eq!(detail.scroll(), 4, "already in view");
        detail.scroll_into_view(2..3, 10);
        assert_eq!(detail.scroll(), 2, "the start just shows");
        detail.scroll_into_view(30..50, 10);
        assert_eq!(detail.scroll(), 30, "taller than the pane: its start");
    }

    #[test]
    fn matches_are_stepped_round_from_the_text_on_screen() {
        let found = [(0, 7, 0), (1, 0, 2), (1, 40, 30)];
        let mut detail = DetailState::default();
        detail.scroll_by(5, 100);
        assert_eq!(
            detail.step_match(&found, true, 4, 10),
            2,
            "from the screen on"
        );
        assert_eq!(detail.scroll(), 21);
        assert_eq!(detail.current_match(Some(4)), Some((1, 40)));
        assert_eq!(detail.current_match(Some(3)), None, "another value");
        assert_eq!(
            detail.step_match(&found, true, 4, 10),
            0,
            "round to the first"
        );
        assert_eq!(detail.scroll(), 0);
        assert_eq!(detail.step_match(&found, false, 4, 10), 2, "and back");
        detail.forget_match();
        assert_eq!(detail.current_match(Some(4)), None);
        detail.scroll_to_top();
        assert_eq!(
            detail.step_match(&found, false, 4, 10),
            1,
            "the last on screen"
        );
        detail.show(View::About { link: 0 });
        assert_eq!(detail.current_match(Some(4)), None, "not shown in About");
    }

    #[test]
    fn the_first_shift_n_takes_the_last_match_on_screen_or_else_the_last_of_all() {
        // Matches on the last line of a pane of 10 and on the line just below it.
        let found = [(0, 0, 9), (0, 5, 10)];
        let mut detail = DetailState::default();
        assert_eq!(detail.step_match(&found, false, 0, 10), 0);
        assert_eq!(detail.scroll(), 0, "already on screen");

        let below = [(0, 0, 20), (0, 5, 30)];
        let mut detail = DetailState::default();
        assert_eq!(
            detail.step_match(&below, false, 0, 10),
            1,
            "none on screen: round to the last"
        );
        assert_eq!(detail.scroll(), 21);
    }
}
