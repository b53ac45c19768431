//! Fixtures for the drawing tests: a frame drawn on ratatui's test backend, its text, and the
//! themes with the terminals each must be read on; and README's pictures, drawn from frames
//! (`pictures.rs`) and written as SVG (`svg.rs`).

mod pictures;
pub mod svg;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;

use super::scan::{DARK_TERMINAL, LIGHT_TERMINAL, Palette};
use super::{Theme, draw};
use crate::app::App;

/// The whole screen drawn from `app` in `theme`, on a test terminal of the app's screen size.
pub fn render(app: &App, theme: &Theme) -> Terminal<TestBackend> {
    let screen = app.area();
    let mut terminal = Terminal::new(TestBackend::new(screen.width, screen.height)).unwrap();
    terminal.draw(|frame| draw(frame, app, theme)).unwrap();
    terminal
}

/// The cells `render` draws.
pub fn frame(app: &App, theme: &Theme) -> Buffer {
    render(app, theme).backend().buffer().clone()
}

/// Every cell's text, row after row, with nothing between the rows.
pub fn text(buffer: &Buffer) -> String {
    buffer.content().iter().map(|cell| cell.symbol()).collect()
}

/// Each row's text.
pub fn rows(buffer: &Buffer) -> Vec<String> {
    let area = buffer.area;
    (area.top()..area.bottom())
        .map(|y| {
            (area.left()..area.right())
                .map(|x| buffer[(x, y)].symbol())
                .collect()
        })
        .collect()
}

/// Each theme and the terminals it must be read on: explicit colours on any; the terminal's own
/// colours (`NO_COLOR`) on one with light text on a dark background.
pub fn themes() -> [(&'static str, Theme, &'static [Palette]); 4] {
    let both: &[Palette] = &[DARK_TERMINAL, LIGHT_TERMINAL];
    [
        ("default, true colour", Theme::nhs(true), both),
        ("default, 256 colours", Theme::nhs(false), both),
        ("high contrast", Theme::high_contrast(), both),
        ("NO_COLOR", Theme::monochrome(), &[DARK_TERMINAL]),
    ]
}
