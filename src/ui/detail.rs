//! The detail pane: the selected value's name, its text wrapped to the pane, and its video link;
//! or the About page with the introduction and the links. While a filter is set, what it
//! matches is marked on the lines drawn; link lines are also OSC 8 hyperlinks where the theme
//! allows them.

use std::ops::Range;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Padding, Paragraph, Widget};

use super::{Theme, hyperlink, marked};
use crate::app::{App, BlockKind, View, pieces};
use crate::layout;
use crate::wrap::wrap_ranges;

pub struct Detail<'a> {
    pub app: &'a App,
    pub theme: &'a Theme,
}

impl Widget for Detail<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let app = self.app;
        let title = match app.view {
            View::About { .. } => " About ".to_owned(),
            View::Value => match app.selected() {
                Some(index) => format!(" Value {} of {} ", index + 1, app.document.values.len()),
                None => " No match ".to_owned(),
            },
        };
        let block = Block::bordered()
            .padding(Padding::horizontal(1))
            .border_style(self.theme.border)
            .border_type(self.theme.border_type)
            .title(Span::styled(title, self.theme.heading));
        let inner = layout::detail_inner(area);
        let width = app.detail_text_width();
        let height = usize::from(inner.height);

        let blocks = app.detail_blocks();
        let wrapped: Vec<Vec<Range<usize>>> = blocks
            .iter()
            .map(|content| wrap_ranges(&content.text, width))
            .collect();
        // Each block's lines, and a blank line between blocks.
        let total = wrapped.iter().map(Vec::len).sum::<usize>() + blocks.len().saturating_sub(1);
        let scroll = app.detail_scroll.min(total.saturating_sub(height));
        let shown = scroll..(scroll + height).min(total);
        let query = app.detail_query();
        let current = app.current_match();
        let mut lines: Vec<Line> = Vec::new();
        // For each line drawn, where it links to, if it shows a link.
        let mut links: Vec<Option<&str>> = Vec::new();
        let mut first_line = 0;
        for (index, (content, ranges)) in blocks.iter().zip(&wrapped).enumerate() {
            if index > 0 {
                if shown.contains(&first_line) {
                    lines.push(Line::default());
                    links.push(None);
                }
                first_line += 1;
            }
            // The part of this block that is on screen, counted within the block.
            let from = shown.start.clamp(first_line, first_line + ranges.len()) - first_line;
            let to = shown.end.clamp(first_line, first_line + ranges.len()) - first_line;
            first_line += ranges.len();
            if from == to {
                continue;
            }
            let found = match &query {
                Some(query) if content.kind.is_searched() => {
                    pieces(&content.text, ranges, from..to, query)
                }
                _ => Vec::new(),
            };
            let style = self.style(content.kind);
            for (line_index, range) in ranges.iter().enumerate().take(to).skip(from) {
                let marks = found
                    .iter()
                    .filter(|piece| piece.line == line_index)
                    .map(|piece| {
                        let mark = if current == Some((index, piece.match_start)) {
                            self.theme.current_match
                        } else {
                            self.theme.matched
                        };
                        (piece.range.clone(), mark)
                    });
                lines.push(Line::from(marked(&content.text[range.clone()], marks)).style(style));
                links.push(content.link);
            }
        }
        let block = if total > height {
            let position = format!(" {}% ", shown.end * 100 / total.max(1));
            block.title_bottom(Line::from(Span::styled(position, self.theme.hint)).right_aligned())
        } else {
            block
        };
        let widths: Vec<usize> = lines.iter().map(Line::width).collect();
        Paragraph::new(lines).block(block).render(area, buf);
        if self.theme.hyperlinks {
            for ((link, width), row) in links.into_iter().zip(widths).zip(inner.rows()) {
                if let Some(url) = link {
                    let width = u16::try_from(width).unwrap_or(u16::MAX).min(inner.width);
                    hyperlink::link(buf, row.x, row.y, width, url);
                }
            }
        }
    }
}

impl Detail<'_> {
    fn style(&self, kind: BlockKind) -> Style {
        match kind {
            BlockKind::Heading => self.theme.heading,
            BlockKind::Paragraph => Style::new(),
            BlockKind::Link { highlighted: true } => self.theme.link_highlighted,
            BlockKind::Link { highlighted: false } => self.theme.link,
            BlockKind::Hint => self.theme.hint,
        }
    }
}
