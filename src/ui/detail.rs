//! The detail pane: the selected value's name, its text wrapped to the pane, and its video link;
//! or the About page with the introduction and the links. While a filter is set, what it
//! matches is marked on the lines drawn; link lines are also OSC 8 hyperlinks where the theme
//! allows them.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::{Theme, hyperlink, marked};
use crate::app::{App, BlockKind, View, pieces};
use crate::layout;

pub struct Detail<'a> {
    pub app: &'a App,
    pub theme: &'a Theme,
}

impl Widget for Detail<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let app = self.app;
        let title = match app.view() {
            View::About { .. } => " About ".to_owned(),
            View::Value => match app.selected() {
                Some(index) => format!(" Value {} of {} ", index + 1, app.document().values.len()),
                None => " No match ".to_owned(),
            },
        };
        let block = layout::detail_block()
            .border_style(self.theme.border)
            .border_type(self.theme.border_type)
            .title(Span::styled(title, self.theme.heading));
        let inner = layout::detail_inner(area);
        let height = usize::from(inner.height);

        // Wrapped once per value and width, not per frame; only the lines shown are built.
        let detail = app.wrapped_detail();
        let (blocks, wrapped) = (&detail.blocks, &detail.lines);
        let total = detail.line_count();
        let scroll = app.detail().scroll().min(total.saturating_sub(height));
        let shown = scroll..(scroll + height).min(total);
        let query = app.detail_query();
        let current = app.current_match();
        let mut lines: Vec<Line> = Vec::new();
        // For each line drawn, where it links to, if it shows a link.
        let mut links: Vec<Option<&str>> = Vec::new();
        let mut first_line = 0;
        for (index, (content, ranges)) in blocks.iter().zip(wrapped).enumerate() {
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
                links.push(content.link.as_deref());
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

#[cfg(test)]
mod tests {
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;

    use crate::action::Action;
    use crate::app::App;
    use crate::ui::{Theme, draw};
    use crate::{layout, values, wrap};

    fn screen(app: &App) -> Vec<String> {
        let mut terminal =
            Terminal::new(TestBackend::new(app.area().width, app.area().height)).unwrap();
        terminal
            .draw(|frame| draw(frame, app, &Theme::monochrome()))
            .unwrap();
        let buffer = terminal.backend().buffer();
        let inner = layout::detail_inner(app.areas().detail);
        (inner.top()..inner.bottom())
            .map(|row| {
                (inner.left()..inner.right())
                    .map(|column| buffer[(column, row)].symbol())
                    .collect::<String>()
                    .trim_end()
                    .to_owned()
            })
            .collect()
    }

    /// What the pane must show: the heading, a blank line, the text wrapped afresh.
    fn expected_top(app: &App) -> Vec<String> {
        let value = &app.document().values[app.selected().unwrap()];
        let width = app.detail_text_width();
        let mut lines = vec![value.name.clone(), String::new()];
        for paragraph in value.paragraphs() {
            lines.extend(wrap::wrap(&paragraph, width).into_iter().map(str::to_owned));
        }
        lines
    }

    #[test]
    fn the_text_is_rewrapped_on_screen_after_a_resize_and_a_new_selection() {
        let mut app = App::new(values::builtin().unwrap());
        for (width, height, key) in [
            (80, 24, None),
            (120, 40, Some(Action::Next)),
            (44, 30, None),
        ] {
            app.update(Action::Resize { width, height });
            if let Some(key) = key {
                app.update(key);
            }
            let shown = screen(&app);
            let expected = expected_top(&app);
            let rows = expected.len().min(shown.len());
            assert_eq!(shown[..rows], expected[..rows], "{width}x{height}");
        }
    }

    #[test]
    fn scrolling_a_long_unbroken_paragraph_shows_the_right_lines() {
        let text = "abcdefghij".repeat(10_000);
        let source = format!("[[values]]\nname = \"Long\"\ntext = \"{text}\"\n");
        let mut app = App::new(values::parse(&source, "long.toml").unwrap());
        app.update(Action::Resize {
            width: 80,
            height: 24,
        });
        for _ in 0..50 {
            app.update(Action::PageDown);
        }
        let width = app.detail_text_width();
        let height = usize::from(layout::detail_inner(app.areas().detail).height);
        // The heading and a blank line come before the text's lines.
        let first_text_line = app.detail().scroll() - 2;
        let expected: Vec<String> = wrap::wrap(&text, width)
            .into_iter()
            .skip(first_text_line)
            .take(height)
            .map(str::to_owned)
            .collect();
        assert_eq!(screen(&app), expected);
    }
}
