//! The `?` overlay: every key, read from the app's key table, which also handles them. Marks on
//! the border say how many rows are above and below when they do not all fit.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget};
use unicode_width::UnicodeWidthStr;

use super::{Theme, mark_rows_out_of_view, with_close_title};
use crate::action::Action;
use crate::app::App;
use crate::layout;

pub struct Help<'a> {
    pub app: &'a App,
    pub theme: &'a Theme,
}

impl Widget for Help<'_> {
    fn render(self, screen: Rect, buf: &mut Buffer) {
        let keys = self.app.keys();
        let rows = keys.help_rows();
        // Each section (the rows under a heading) lines its descriptions up after its own
        // widest keys.
        let mut key_widths = vec![0; rows.len()];
        let mut start = 0;
        for end in 0..=rows.len() {
            if rows.get(end).is_none_or(|(keys, _)| keys.is_empty()) {
                let widest = rows[start..end]
                    .iter()
                    .map(|(keys, _)| keys.chars().count())
                    .max()
                    .unwrap_or(0);
                key_widths[start..end].fill(widest);
                start = end + 1;
            }
        }
        let row_width = rows
            .iter()
            .zip(&key_widths)
            .map(|((_, description), key_width)| key_width + description.chars().count())
            .max()
            .unwrap_or(0);
        let wanted_width = u16::try_from(row_width + 7).unwrap_or(u16::MAX);
        let shown = layout::help_rows_shown(screen, rows.len());
        let wanted_height = u16::try_from(shown + 2).unwrap_or(u16::MAX);
        let [area] = Layout::horizontal([Constraint::Length(wanted_width)])
            .flex(Flex::Center)
            .areas(screen);
        let [area] = Layout::vertical([Constraint::Length(wanted_height)])
            .flex(Flex::Center)
            .areas(area);
        let title = " Keys ";
        let block = Block::bordered()
            .border_style(self.theme.border)
            .border_type(self.theme.border_type)
            .title(Span::styled(title, self.theme.heading));
        let (block, close_width) =
            with_close_title(block, keys, Action::ToggleHelp, self.theme.hint);
        let scroll = self.app.help().map_or(0, |help| help.scroll());
        let block = mark_rows_out_of_view(
            block,
            area.width,
            (scroll, rows.len().saturating_sub(scroll + shown)),
            (title.width(), close_width),
            self.theme.hint,
        );
        let lines: Vec<Line> = rows
            .iter()
            .zip(key_widths)
            .skip(scroll)
            .map(|((keys, description), key_width)| {
                if keys.is_empty() {
                    // A heading over the rows after it.
                    return Line::styled(format!(" {description}"), self.theme.heading);
                }
                Line::from(vec![
                    Span::styled(format!(" {keys:<key_width$}  "), self.theme.key),
                    Span::raw(*description),
                ])
            })
            .collect();
        Clear.render(area, buf);
        Paragraph::new(lines).block(block).render(area, buf);
    }
}
