//! The list of values, numbered as in the document, with what the filter matches in each name
//! marked. Only the rows on screen are built, so a file of 100,000 values costs the same per
//! frame as one of six. A name too long for the pane is cut in the middle, keeping the end that
//! tells similar names apart; marks on the border say how many rows are above and below.

use std::ops::Range;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget};
use unicode_width::UnicodeWidthStr;

use super::{Theme, mark_rows_out_of_view, marked};
use crate::app::{App, View, find};
use crate::layout;
use crate::text::visible;
use crate::wrap::{Cut, cut_middle};

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
        let inner = layout::list_inner(area);
        let height = usize::from(inner.height);
        let mut block = Block::bordered()
            .border_style(self.theme.border)
            .border_type(self.theme.border_type)
            .title(Span::styled(title.clone(), self.theme.heading));
        let mut bottom_right = 0;
        if filter.is_set() && !filter.is_editing() {
            let shown = format!(" /{} ", visible(filter.text()));
            bottom_right = shown.width();
            block = block.title_bottom(Line::from(shown).right_aligned());
        }
        let block = mark_rows_out_of_view(
            block,
            area.width,
            (list.rows_above(), list.rows_below(height)),
            (title.width(), bottom_right),
            self.theme.hint,
        );
        block.render(area, buf);

        let number_width = list.number_width();
        let width = usize::from(inner.width);
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
                let cut = cut_middle(&name, width.saturating_sub(prefix.width()));
                let mut spans = vec![Span::raw(prefix)];
                spans.extend(self.name(&name, &cut, &query));
                let used: usize = spans.iter().map(Span::width).sum();
                spans.push(Span::raw(" ".repeat(width.saturating_sub(used))));
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

impl List<'_> {
    /// The name as `cut` shows it, with the matches of `query` marked in the parts shown, never
    /// in the ellipsis.
    fn name(&self, name: &str, cut: &Cut, query: &[char]) -> Vec<Span<'static>> {
        let found = find(name, query);
        let part = |range: Range<usize>| {
            let marks = found.iter().filter_map(|found| {
                let start = found.start.max(range.start);
                let end = found.end.min(range.end);
                (start < end).then(|| (start - range.start..end - range.start, self.theme.matched))
            });
            marked(&name[range.clone()], marks)
                .into_iter()
                .map(|span| Span::styled(span.content.into_owned(), span.style))
                .collect::<Vec<_>>()
        };
        let mut spans = part(cut.head.clone());
        if let Some(tail) = &cut.tail {
            spans.push(Span::raw("…"));
            spans.extend(part(tail.clone()));
        }
        spans
    }
}
