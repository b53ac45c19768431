//! Where each pane goes for a given terminal size. Drawing and mouse hit-testing both read it,
//! so a click always lands on the row that was drawn there.

use ratatui::layout::{Constraint, Layout, Margin, Rect};
use ratatui::widgets::{Block, Padding};

/// Below this width the list and the detail are stacked instead of side by side.
pub const STACK_BELOW_COLUMNS: u16 = 60;

/// The screen's regions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Areas {
    pub header: Rect,
    /// The error about a broken values file, under the header; empty while there is none.
    pub banner: Rect,
    pub list: Rect,
    pub detail: Rect,
    pub footer: Rect,
}

impl Areas {
    /// Splits `screen`; `list_columns`, the columns the widest row of the list takes, sizes the
    /// list so rows fit where they can, and `list_rows` is how many rows it has. The banner
    /// takes `banner_lines`, and the footer takes `footer_lines` so that a long message (a link
    /// to copy) is not cut.
    pub fn new(
        screen: Rect,
        list_columns: usize,
        list_rows: usize,
        banner_lines: u16,
        footer_lines: u16,
    ) -> Areas {
        let [header, banner, body, footer] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(banner_lines),
            Constraint::Fill(1),
            Constraint::Length(footer_lines),
        ])
        .areas(screen);
        let (list, detail) = if screen.width < STACK_BELOW_COLUMNS {
            // Borders plus a row per value, when that leaves the text at least half the height;
            // else two fifths of it, and the list scrolls.
            let wanted = u16::try_from(list_rows.saturating_add(2)).unwrap_or(u16::MAX);
            let share = if wanted <= body.height / 2 {
                wanted
            } else {
                body.height * 2 / 5
            };
            let list_height = share.max(3.min(body.height));
            let [list, detail] =
                Layout::vertical([Constraint::Length(list_height), Constraint::Fill(1)])
                    .areas(body);
            (list, detail)
        } else {
            // The rows, the borders and two columns to spare; at most 45% of the width.
            let wanted = u16::try_from(list_columns.saturating_add(4)).unwrap_or(u16::MAX);
            let list_width = wanted.clamp(20, body.width * 9 / 20);
            let [list, detail] =
                Layout::horizontal([Constraint::Length(list_width), Constraint::Fill(1)])
                    .areas(body);
            (list, detail)
        };
        Areas {
            header,
            banner,
            list,
            detail,
            footer,
        }
    }
}

/// How many of the help overlay's `rows` show at once on `screen`: as many as fit inside its
/// border.
pub fn help_rows_shown(screen: Rect, rows: usize) -> usize {
    rows.min(usize::from(screen.height.saturating_sub(2)))
}

/// The inside of the bordered list pane.
pub fn list_inner(area: Rect) -> Rect {
    area.inner(Margin::new(1, 1))
}

/// The detail pane's frame: its border, and a column of padding each side so text does not
/// touch the lines. The drawing styles it; the state wraps text to what is inside it.
pub fn detail_block<'a>() -> Block<'a> {
    Block::bordered().padding(Padding::horizontal(1))
}

/// The inside of the detail pane, within `detail_block`.
pub fn detail_inner(area: Rect) -> Rect {
    detail_block().inner(area)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The columns of the widest row of the built-in values: a marker, one digit, a space and
    /// "Commitment to quality of care".
    const BUILTIN_ROW: usize = 1 + 1 + 1 + 29;

    #[test]
    fn wide_screens_put_the_list_beside_the_detail() {
        let areas = Areas::new(Rect::new(0, 0, 80, 24), BUILTIN_ROW, 6, 0, 1);
        assert_eq!(areas.list.y, areas.detail.y);
        assert_eq!(areas.list.width, 36);
        assert_eq!(areas.list.width + areas.detail.width, 80);
        assert_eq!((areas.header.height, areas.footer.height), (1, 1));
    }

    #[test]
    fn narrow_screens_stack_the_list_above_the_detail() {
        let areas = Areas::new(Rect::new(0, 0, 40, 20), BUILTIN_ROW, 6, 0, 1);
        assert_eq!(areas.list.x, areas.detail.x);
        assert_eq!(areas.list.height, 8, "every row and the borders");
        assert_eq!(areas.detail.y, areas.list.bottom());
    }

    #[test]
    fn a_stacked_list_gets_all_its_rows_while_the_text_keeps_half_the_height() {
        // 18 rows between the header and the footer.
        let areas = Areas::new(Rect::new(0, 0, 50, 20), BUILTIN_ROW, 6, 0, 1);
        assert_eq!(list_inner(areas.list).height, 6);
        assert_eq!(areas.detail.height, 10);
        let areas = Areas::new(Rect::new(0, 0, 50, 20), BUILTIN_ROW, 7, 0, 1);
        assert_eq!(areas.list.height, 9);
        // More rows than that would leave the text too little: the list takes two fifths.
        let areas = Areas::new(Rect::new(0, 0, 50, 20), BUILTIN_ROW, 8, 0, 1);
        assert_eq!(areas.list.height, 7);
        let areas = Areas::new(Rect::new(0, 0, 40, 12), BUILTIN_ROW, 6, 0, 1);
        assert_eq!(areas.list.height, 4);
    }

    #[test]
    fn the_list_is_as_wide_as_its_widest_number_and_name_where_there_is_room() {
        // "▶20000 " before a name of 40 columns.
        let row = 1 + 5 + 1 + 40;
        let areas = Areas::new(Rect::new(0, 0, 200, 60), row, 20_000, 0, 1);
        assert_eq!(list_inner(areas.list).width, 49);
        let areas = Areas::new(Rect::new(0, 0, 80, 24), row, 20_000, 0, 1);
        assert_eq!(areas.list.width, 36, "at most 45% of the width");
    }

    #[test]
    fn the_banner_goes_between_the_header_and_the_panes() {
        let areas = Areas::new(Rect::new(0, 0, 80, 24), BUILTIN_ROW, 6, 2, 1);
        assert_eq!((areas.banner.y, areas.banner.height), (1, 2));
        assert_eq!(areas.list.y, 3);
        assert_eq!(areas.list.height + 4, 24);
    }

    #[test]
    fn tiny_screens_do_not_overflow() {
        for (width, height) in [(1, 1), (2, 3), (59, 2), (60, 1), (0, 0)] {
            let screen = Rect::new(0, 0, width, height);
            let areas = Areas::new(screen, BUILTIN_ROW, 100_000, 3, 3);
            for area in [
                areas.header,
                areas.banner,
                areas.list,
                areas.detail,
                areas.footer,
            ] {
                assert!(
                    screen.contains(area.as_position()) || area.area() == 0,
                    "{width}x{height}"
                );
            }
        }
    }
}
