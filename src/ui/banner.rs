//! The banner under the header while the values file on disk is broken: the first problem,
//! with its line and column, and word that the values shown are the last good ones.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget};

use super::Theme;
use crate::app::{App, MESSAGE_MARGIN};
use crate::wrap::truncate;

pub struct Banner<'a> {
    pub app: &'a App,
    pub theme: &'a Theme,
}

impl Widget for Banner<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let wrapped = self.app.banner_lines();
        let shown = wrapped.len().min(usize::from(area.height));
        let width = usize::from(area.width).saturating_sub(MESSAGE_MARGIN);
        let lines: Vec<Line> = wrapped
            .iter()
            .take(shown)
            .enumerate()
            .map(|(index, line)| {
                // The last line shown says so when the message goes on.
                let text = if index + 1 == shown && shown < wrapped.len() {
                    format!("{line}…")
                } else {
                    line.clone()
                };
                let text = truncate(&text, width);
                Line::styled(format!("{:MESSAGE_MARGIN$}{text}", ""), self.theme.error)
            })
            .collect();
        Paragraph::new(lines).render(area, buf);
    }
}
