//! The bottom line: the filter prompt while typing one, otherwise the latest status message, or
//! else the most useful keys.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::{Theme, truncate};
use crate::app::{App, MAX_STATUS_LINES, View};
use crate::text::visible;

pub struct Footer<'a> {
    pub app: &'a App,
    pub theme: &'a Theme,
}

impl Widget for Footer<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let app = self.app;
        let width = usize::from(area.width);
        let lines = if app.filter_editing {
            vec![Line::from(vec![
                Span::styled(" /", self.theme.key),
                Span::raw(visible(&app.filter).into_owned()),
                Span::styled("█", self.theme.hint),
                Span::styled("  Enter keep · Esc clear", self.theme.hint),
            ])]
        } else if let Some(status) = &app.status {
            let style = if status.is_error {
                self.theme.error
            } else {
                self.theme.success
            };
            let wrapped = app.status_lines();
            let shown = wrapped.len().min(MAX_STATUS_LINES);
            wrapped
                .iter()
                .take(shown)
                .enumerate()
                .map(|(index, line)| {
                    // The last line shown says so when the message goes on.
                    let cut = index + 1 == shown && shown < wrapped.len();
                    let text = if cut {
                        format!("{line}…")
                    } else {
                        (*line).to_owned()
                    };
                    Line::styled(
                        format!(" {}", truncate(&text, width.saturating_sub(1))),
                        style,
                    )
                })
                .collect()
        } else {
            let hints: &[(&str, &str)] = match app.view {
                View::About { .. } => &[
                    ("Tab", "next link"),
                    ("Enter", "open"),
                    ("Esc", "back"),
                    ("?", "help"),
                    ("q", "quit"),
                ],
                View::Value if !app.filter.is_empty() => &[
                    ("↑↓", "move"),
                    ("n N", "next match"),
                    ("Enter", "video"),
                    ("Esc", "clear filter"),
                    ("?", "help"),
                    ("q", "quit"),
                ],
                View::Value => &[
                    ("↑↓", "move"),
                    ("Enter", "video"),
                    ("/", "filter"),
                    ("i", "about"),
                    ("?", "help"),
                    ("q", "quit"),
                ],
            };
            vec![self.hints(hints, width)]
        };
        Paragraph::new(lines).render(area, buf);
    }
}

impl Footer<'_> {
    /// As many hints as fit, whole, in order of usefulness.
    fn hints(&self, hints: &[(&str, &str)], width: usize) -> Line<'static> {
        let mut spans = Vec::new();
        let mut used = 0;
        for (key, action) in hints {
            let cost = 1 + key.chars().count() + 1 + action.chars().count() + 1;
            if used + cost > width {
                break;
            }
            used += cost;
            spans.push(Span::raw(" "));
            spans.push(Span::styled(key.to_string(), self.theme.key));
            spans.push(Span::styled(format!(" {action} "), self.theme.hint));
        }
        Line::from(spans)
    }
}
