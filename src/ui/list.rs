//! The list of values, numbered as in the document, with what the filter matches in each name
//! marked. Only the rows on screen are built, so a file of 100,000 values costs the same per
//! frame as one of six.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget};
use unicode_width::UnicodeWidthStr;

use super::{Theme, marked};
use crate::app::{App, View, find};
use crate::layout;
use crate::text::visible;
use crate::wrap::truncate;

pub struct List<'a> {
    pub app: &'a App,
    pub theme: &'a Theme,
}

impl Widget for List<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let app = self.app;
        let (list, filter) = (app.list(), app.filter());
        let total = app.document().values.len();
        let title = if filter.is_set() {
            format!(" Values ({} of {total}) ", list.len())
        } else {
            format!(" Values ({total}) ")
        };
        let mut block = Block::bordered()
            .border_style(self.theme.border)
            .border_type(self.theme.border_type)
            .title(Span::styled(title, self.theme.heading));
        if filter.is_set() && !filter.is_editing() {
            let shown = format!(" /{} ", visible(filter.text()));
            block = block.title_bottom(Line::from(shown).right_aligned());
        }
        let inner = layout::list_inner(area);
        block.render(area, buf);

        let number_width = list.number_width();
        let width = usize::from(inner.width);
        let height = usize::from(inner.height);
        let selected_style = match app.view() {
            View::Value => self.theme.selected,
            View::About { .. } => self.theme.selected_inactive,
        };
        let query = filter.query();
        let rows: Vec<Line> = list
            .visible()
            .iter()
            .enumerate()
            .skip(list.offset())
            .take(height)
            .map(|(position, &index)| {
                let is_selected = position == list.cursor();
                let marker = if is_selected { "▶" } else { " " };
                let prefix = format!("{marker}{:>number_width$} ", index + 1);
                let name = visible(&app.document().values[index].name);
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
        if rows.is_empty() && filter.is_set() {
            Paragraph::new(Span::styled(" no matches", self.theme.hint)).render(inner, buf);
        } else {
            Paragraph::new(rows).render(inner, buf);
        }
    }
}
