//! OSC 8 hyperlinks over text already drawn in the buffer, so a click in the terminal opens the
//! link. Ratatui has no hyperlink style, so each cell's symbol is wrapped in the escape
//! sequences and given the width of its text: the sequences take no room on screen.

use std::hash::{DefaultHasher, Hash, Hasher};
use std::num::NonZeroU16;

use ratatui::buffer::{Buffer, CellDiffOption};
use ratatui::layout::Position;
use unicode_width::UnicodeWidthStr;

/// Makes `width` columns of row `y` from column `x` a hyperlink to `url`. A URL that does not
/// parse is left as plain text; one that does is sent in its ASCII form (punycode host,
/// percent-encoded path), as OSC 8 asks.
pub fn link(buf: &mut Buffer, x: u16, y: u16, width: u16, url: &str) {
    let Ok(target) = url::Url::parse(url) else {
        return;
    };
    let target = target.as_str();
    // One id for every cell of the link, so terminals underline it whole under the pointer
    // although each cell is written on its own.
    let mut hasher = DefaultHasher::new();
    target.hash(&mut hasher);
    let open = format!("\x1b]8;id={:x};{target}\x1b\\", hasher.finish());
    let end = x.saturating_add(width);
    let mut column = x;
    while column < end {
        let Some(cell) = buf.cell_mut(Position::new(column, y)) else {
            return;
        };
        let symbol = cell.symbol();
        // Each cell is wrapped separately, so that anything later drawn over some of the cells
        // (the help overlay) replaces them cleanly.
        let cell_width = u16::try_from(symbol.width()).unwrap_or(1).max(1);
        let linked = format!("{open}{symbol}\x1b]8;;\x1b\\");
        cell.set_symbol(&linked);
        if let Some(forced) = NonZeroU16::new(cell_width) {
            cell.set_diff_option(CellDiffOption::ForcedWidth(forced));
        }
        column = column.saturating_add(cell_width);
    }
}
