//! The mouse: a click selects the row under it or opens the link under it; the wheel moves the
//! selection or scrolls the text, whichever pane it is over.

use ratatui::layout::Position;

use super::{App, View};
use crate::action::{Action, Effect};
use crate::layout;

/// Lines the detail text moves per notch of the mouse wheel.
const WHEEL_LINES: isize = 3;

impl App {
    pub(super) fn scroll_at(&mut self, column: u16, row: u16, lines: i16) {
        let position = Position::new(column, row);
        if self.areas().list.contains(position) {
            let step = if lines > 0 {
                Action::Next
            } else {
                Action::Previous
            };
            for _ in 0..lines.unsigned_abs() {
                self.update(step.clone());
            }
        } else {
            self.scroll_detail(isize::from(lines) * WHEEL_LINES);
        }
    }

    pub(super) fn click(&mut self, column: u16, row: u16) -> Option<Effect> {
        let position = Position::new(column, row);
        let list = layout::list_inner(self.areas().list);
        if list.contains(position) {
            if let Some(position) = self.list.position_at_row(usize::from(row - list.y)) {
                self.move_cursor_to(position);
            }
            return None;
        }
        let detail = layout::detail_inner(self.areas().detail);
        if detail.contains(position) {
            return self.click_detail(usize::from(column - detail.x), usize::from(row - detail.y));
        }
        None
    }

    /// A click on the text of a link in the detail pane opens it (and, in About, highlights
    /// it); a click anywhere else there does nothing.
    fn click_detail(&mut self, column: usize, row: usize) -> Option<Effect> {
        let line = self.detail.scroll().min(self.max_detail_scroll()) + row;
        let (url, link) = {
            let wrapped = self.wrapped_detail();
            let (url, link) = wrapped.link_at(line, column)?;
            (url.to_owned(), link)
        };
        if let View::About { .. } = self.view() {
            self.detail.highlight(View::About { link });
        }
        Some(Effect::OpenUrl(url))
    }
}

#[cfg(test)]
mod tests {
    use unicode_width::UnicodeWidthStr;

    use super::*;
    use crate::app::testing::*;

    #[test]
    fn a_click_selects_the_row_under_it_and_the_wheel_scrolls_the_pane_under_it() {
        let mut app = app_with(100);
        let list = crate::layout::list_inner(app.areas().list);
        app.update(Action::Click {
            column: list.x + 3,
            row: list.y + 4,
        });
        assert_eq!(app.list().cursor(), 4);
        app.update(Action::Click {
            column: list.x + 3,
            row: list.bottom() + 5,
        });
        assert_eq!(
            app.list().cursor(),
            4,
            "a click outside the rows changes nothing"
        );
        app.update(Action::Scroll {
            column: list.x,
            row: list.y,
            lines: 1,
        });
        assert_eq!(
            app.list().cursor(),
            5,
            "the wheel over the list moves the selection"
        );

        let mut app = self::app();
        app.update(Action::Resize {
            width: 40,
            height: 14,
        });
        let detail = app.areas().detail;
        app.update(Action::Scroll {
            column: detail.x + 2,
            row: detail.y + 2,
            lines: 1,
        });
        assert_eq!(app.detail().scroll(), WHEEL_LINES as usize);
        assert_eq!(app.list().cursor(), 0);
    }

    /// The screen row and the width of the first line of the detail block that links to `url`.
    fn link_row(app: &App, url: &str) -> (u16, u16) {
        let blocks = app.detail_blocks();
        let index = blocks
            .iter()
            .position(|block| block.link == Some(url))
            .expect("a block links there");
        let line = app
            .wrapped_detail()
            .block_range(index)
            .expect("the block is shown")
            .start;
        let inner = crate::layout::detail_inner(app.areas().detail);
        let row = inner.y + u16::try_from(line - app.detail().scroll()).unwrap();
        let width = crate::wrap::wrap(&blocks[index].text, app.detail_text_width())[0].width();
        (row, u16::try_from(width).unwrap())
    }

    #[test]
    fn a_click_on_the_video_link_opens_it_and_nowhere_else() {
        let mut app = app();
        let video = "https://www.youtube.com/watch?v=EA5a_1Mw9L4";
        let inner = crate::layout::detail_inner(app.areas().detail);
        let (row, width) = link_row(&app, video);
        for column in [inner.x, inner.x + width - 1] {
            assert_eq!(
                app.update(Action::Click { column, row }),
                Some(Effect::OpenUrl(video.to_owned())),
                "column {column}"
            );
        }
        for (column, row) in [
            (inner.x + width, row),
            (inner.x, row - 1),
            (inner.x, inner.y),
        ] {
            assert_eq!(
                app.update(Action::Click { column, row }),
                None,
                "{column},{row}"
            );
        }
        assert_eq!(
            app.list().cursor(),
            0,
            "a click in the detail keeps the selection"
        );
    }

    #[test]
    fn a_click_on_a_scrolled_link_opens_it() {
        let mut app = app();
        app.update(Action::Resize {
            width: 40,
            height: 14,
        });
        app.update(Action::PageDown);
        app.update(Action::PageDown);
        assert!(app.detail().scroll() > 0);
        let video = "https://www.youtube.com/watch?v=EA5a_1Mw9L4";
        let inner = crate::layout::detail_inner(app.areas().detail);
        let (row, _) = link_row(&app, video);
        assert_eq!(
            app.update(Action::Click {
                column: inner.x,
                row
            }),
            Some(Effect::OpenUrl(video.to_owned()))
        );
    }

    #[test]
    fn a_click_on_a_link_in_about_highlights_and_opens_it() {
        let mut app = app();
        app.update(Action::Resize {
            width: 120,
            height: 50,
        });
        app.update(Action::ToggleAbout);
        let url = app.about_links()[1].1.to_owned();
        let inner = crate::layout::detail_inner(app.areas().detail);
        let (row, _) = link_row(&app, &url);
        assert_eq!(
            app.update(Action::Click {
                column: inner.x + 1,
                row
            }),
            Some(Effect::OpenUrl(url))
        );
        assert_eq!(app.view(), View::About { link: 1 });
    }
}
