//! The list of values, numbered as in the document, with what the filter matches in each name
//! marked. Only the rows on screen are built, so a file of 100,000 values costs the same per
//! frame as one of six.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget};
use unicode_width::UnicodeWidthStr;

use super::{Theme, marked, truncate};
use crate::app::{App, View, find};
use crate::layout;
use crate::text::visible;

pub struct List<'a> {
    pub app: &'a App,
    pub theme: &'a Theme,
}

impl Widget for List<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let app = self.app;
        let total = app.document.values.len();
        let title = if app.filter.is_empty() {
            format!(" Values ({total}) ")
        } else {
            format!(" Values ({} of {total}) ", app.visible.len())
        };
        let mut block = Block::bordered()
            .border_style(self.theme.border)
            .border_type(self.theme.border_type)
            .title(Span::styled(title, self.theme.heading));
        if !app.filter.is_empty() && !app.filter_editing {
            let filter = format!(" /{} ", visible(&app.filter));
            block = block.title_bottom(Line::from(filter).right_aligned());
        }
        let inner = layout::list_inner(area);
        block.render(area, buf);

        let number_width = total.to_string().len();
        let width = usize::from(inner.width);
        let height = usize::from(inner.height);
        let selected_style = match app.view {
            View::Value => self.theme.selected,
            View::About { .. } => self.theme.selected_inactive,
        };
        let query = app.query();
        let rows: Vec<Line> = app
            .visible
            .iter()
            .enumerate()
            .skip(app.list_offset)
            .take(height)
            .map(|(position, &index)| {
                let is_selected = position == app.cursor;
                let marker = if is_selected { "▶" } else { " " };
                let prefix = format!("{marker}{:>number_width$} ", index + 1);
                let name = visible(&app.document.values[index].name);
                let room = width.saturating_sub(prefix.width());
                let shown = truncate(&name, room);
                // Matches are marked in the part of the name that is shown, not in the ellipsis.
                let kept = if shown != name {
                    shown.len().saturating_sub('…'.len_utf8())
                } else {
                    shown.len()
                };
                let marks = find(&name[..kept], &query)
                    .into_iter()
                    .map(|range| (range, self.theme.matched));
                let padding = width.saturating_sub(prefix.width() + shown.width());
                let mut spans = vec![Span::raw(prefix)];
                spans.extend(
                    marked(&shown, marks)
                        .into_iter()
                        .map(|span| Span::styled(span.content.into_owned(), span.style)),
                );
                spans.push(Span::raw(" ".repeat(padding)));
                let line = Line::from(spans);
                if is_selected {
                    line.style(selected_style)
                } else {
                    line
                }
            })
            .collect();
        if rows.is_empty() && !app.filter.is_empty() {
            Paragraph::new(Span::styled(" no matches", self.theme.hint)).render(inner, buf);
        } else {
            Paragraph::new(rows).render(inner, buf);
        }
    }
}
