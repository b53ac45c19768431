//! Drawing the screen from the app state. Nothing here changes the state: each pane is a widget
//! over borrowed data, so each can be tested on its own.

mod banner;
mod detail;
mod footer;
mod help;
mod hyperlink;
mod list;
mod present;
mod qr;
mod theme;

use std::ops::Range;

use crate::action::Action;
use crate::app::App;
use crate::keys::KeyTable;
use crate::screen::{Overlay, Screen};
use crate::text::visible;
use crate::wrap::truncate;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Block;
use unicode_width::UnicodeWidthStr;

pub use theme::{Capabilities, Colours, QrInk, Theme};

/// Draws the whole screen: the browser or a slide, and any overlay over it.
pub fn draw(frame: &mut Frame, app: &App, theme: &Theme) {
    let screen = app.screen();
    if screen.is_presenting() {
        frame.render_widget(present::Presentation { app, theme }, frame.area());
    } else {
        let areas = app.areas();
        draw_header(frame, areas.header, app, theme);
        frame.render_widget(banner::Banner { app, theme }, areas.banner);
        frame.render_widget(list::List { app, theme }, areas.list);
        frame.render_widget(detail::Detail { app, theme }, areas.detail);
        frame.render_widget(footer::Footer { app, theme }, areas.footer);
    }
    match screen.overlay {
        Some(Overlay::QrCode) => frame.render_widget(qr::QrOverlay { app, theme }, frame.area()),
        Some(Overlay::Help) => frame.render_widget(help::Help { app, theme }, frame.area()),
        None => {}
    }
}

fn draw_header(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let title = visible(&app.document().title);
    let line = Line::from(vec![
        Span::raw(" "),
        Span::raw(truncate(&title, usize::from(area.width).saturating_sub(1))),
    ])
    .style(theme.header);
    frame.render_widget(line, area);
}

/// `text` as spans, with each byte range of `marks` (in order, not overlapping, on character
/// boundaries) in its style.
pub fn marked(text: &str, marks: impl IntoIterator<Item = (Range<usize>, Style)>) -> Vec<Span<'_>> {
    let mut spans = Vec::new();
    let mut at = 0;
    for (range, style) in marks {
        let range = range.start.max(at).min(text.len())..range.end.min(text.len());
        if range.is_empty() {
            continue;
        }
        if at < range.start {
            spans.push(Span::raw(&text[at..range.start]));
        }
        at = range.end;
        spans.push(Span::styled(&text[range], style));
    }
    if at < text.len() || spans.is_empty() {
        spans.push(Span::raw(&text[at..]));
    }
    spans
}

/// `block` with ` Esc close ` at the right of its bottom border, naming the key that closes an
/// overlay: `Back`'s, else the key of `opened_by`, which closes it too. Also the title's width,
/// 0 when no key closes it.
fn with_close_title<'a>(
    block: Block<'a>,
    keys: &KeyTable,
    opened_by: Action,
    style: Style,
) -> (Block<'a>, usize) {
    // The overlays take the browser's keys, over a slide too.
    let name = |action| keys.name(action, Screen::BROWSER);
    let Some(key) = name(&Action::Back).or_else(|| name(&opened_by)) else {
        return (block, 0);
    };
    let close = Span::styled(format!(" {key} close "), style);
    let width = close.width();
    (block.title_bottom(Line::from(close).right_aligned()), width)
}

/// `block`, `width` columns wide, with marks on its border for rows out of view: `above` at the
/// top right and `below` at the bottom left, beside titles of `titles` columns at the top and at
/// the bottom.
fn mark_rows_out_of_view(
    block: Block<'_>,
    width: u16,
    (above, below): (usize, usize),
    titles: (usize, usize),
    style: Style,
) -> Block<'_> {
    // Titles go between the corners, a column apart.
    let room = usize::from(width).saturating_sub(2);
    let mut block = block;
    if let Some(mark) = out_of_view('▲', above, room, titles.0) {
        block = block.title(Line::from(Span::styled(mark, style)).right_aligned());
    }
    if let Some(mark) = out_of_view('▼', below, room, titles.1) {
        block = block.title_bottom(Line::from(Span::styled(mark, style)));
    }
    block
}

/// The mark on the border for `count` rows beyond the window in the direction of `arrow`: the
/// longest of ` ▲ 3 more `, ` ▲ 3 ` and `▲` that fits beside a title of `beside` columns in
/// `room`; nothing when no row is out of view.
fn out_of_view(arrow: char, count: usize, room: usize, beside: usize) -> Option<String> {
    if count == 0 {
        return None;
    }
    let room = room.saturating_sub(beside + usize::from(beside > 0));
    [
        format!(" {arrow} {count} more "),
        format!(" {arrow} {count} "),
        arrow.to_string(),
    ]
    .into_iter()
    .find(|mark| mark.width() <= room)
}

#[cfg(test)]
mod scan;
#[cfg(test)]
mod testing;
#[cfg(test)]
mod tests;
