//! The detail pane: the selected value's name, its text wrapped to the pane, and its video link;
//! or the About page with the introduction and the links.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Padding, Paragraph, Widget};

use super::{Theme, hyperlink};
use crate::app::{App, BlockKind, View};
use crate::layout;
use crate::wrap::wrap;

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
        let mut lines: Vec<Line> = Vec::new();
        // For each line, where it links to, if it shows a link.
        let mut links: Vec<Option<&str>> = Vec::new();
        for (index, content) in blocks.iter().enumerate() {
            if index > 0 {
                lines.push(Line::default());
                links.push(None);
            }
            let style = self.style(content.kind);
            for line in wrap(&content.text, width) {
                lines.push(Line::styled(line.to_owned(), style));
                links.push(content.link);
            }
        }
        let total = lines.len();
        let scroll = app.detail_scroll.min(total.saturating_sub(height));
        let block = if total > height {
            let shown_to = (scroll + height).min(total);
            let position = format!(" {}% ", shown_to * 100 / total.max(1));
            block.title_bottom(Line::from(Span::styled(position, self.theme.hint)).right_aligned())
        } else {
            block
        };
        let shown: Vec<Line> = lines.into_iter().skip(scroll).take(height).collect();
        let widths: Vec<usize> = shown.iter().map(Line::width).collect();
        Paragraph::new(shown).block(block).render(area, buf);
        if self.theme.hyperlinks {
            let rows = links.into_iter().skip(scroll).zip(widths).zip(inner.rows());
            for ((link, width), row) in rows {
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
