//! The bottom line: the filter prompt while typing one, otherwise the latest status message, or
//! else the most useful keys.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::Theme;
use crate::action::Action;
use crate::app::{App, MAX_STATUS_LINES, MESSAGE_MARGIN, Status, View};
use crate::screen::{Mode, Overlay, Screen};
use crate::text::visible;
use crate::wrap::truncate;

/// A hint: the actions whose keys it shows, and what it says they do.
pub(super) type Hint = (&'static [Action], &'static str);

/// The hints in About, most useful first.
const ABOUT: &[Hint] = &[
    (&[Action::NextLink], "next link"),
    (&[Action::Open], "open"),
    (&[Action::ShowQrCode], "QR code"),
    (&[Action::Back], "back"),
    (&[Action::Present], "present"),
    (&[Action::ToggleHelp], "help"),
    (&[Action::Quit], "quit"),
];

/// The hints while a filter is set.
const FILTERED: &[Hint] = &[
    (&[Action::Previous, Action::Next], "move"),
    (&[Action::NextMatch, Action::PreviousMatch], "next match"),
    (&[Action::Open], "video"),
    (&[Action::Back], "clear filter"),
    (&[Action::ToggleHelp], "help"),
    (&[Action::Quit], "quit"),
];

/// The hints while the QR code overlay is open, over the browser or a slide: what it still
/// lets the link do.
pub(super) const QR_CODE: &[Hint] = &[
    (&[Action::Open], "open"),
    (&[Action::Copy], "copy"),
    (&[Action::Back], "close"),
    (&[Action::Quit], "quit"),
];

/// What the keys do while a filter is typed, after the prompt.
const TYPING: &[(Action, &str)] = &[(Action::AcceptFilter, "keep"), (Action::Back, "clear")];

/// The hints on a value.
const VALUE: &[Hint] = &[
    (&[Action::Previous, Action::Next], "move"),
    (&[Action::Open], "video"),
    (&[Action::StartFilter], "filter"),
    (&[Action::ToggleAbout], "about"),
    (&[Action::ShowQrCode], "QR code"),
    (&[Action::Present], "present"),
    (&[Action::ToggleHelp], "help"),
    (&[Action::Quit], "quit"),
];

pub struct Footer<'a> {
    pub app: &'a App,
    pub theme: &'a Theme,
}

impl Widget for Footer<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let app = self.app;
        let width = usize::from(area.width);
        let screen = app.screen();
        let keys = app.keys();
        let lines = if screen.mode == Mode::TypingFilter {
            let hint = TYPING
                .iter()
                .filter_map(|(action, what)| {
                    let key = keys.name(action, Screen::plain(Mode::TypingFilter))?;
                    Some(format!("{key} {what}"))
                })
                .collect::<Vec<_>>()
                .join(" · ");
            vec![Line::from(vec![
                Span::styled(" /", self.theme.key),
                Span::raw(visible(app.filter().text()).into_owned()),
                Span::styled("█", self.theme.hint),
                Span::styled(format!("  {hint}"), self.theme.hint),
            ])]
        } else if let Some(status) = app.status() {
            status_lines(status, &app.status_lines(width), width, self.theme)
        } else {
            let hints = match (screen.overlay, app.view()) {
                (Some(Overlay::QrCode), _) => QR_CODE,
                (_, View::About { .. }) => ABOUT,
                (_, View::Value) if app.filter().is_set() => FILTERED,
                (_, View::Value) => VALUE,
            };
            vec![hint_line(hints, width, self.theme, |actions| {
                keys.hint(actions, screen)
            })]
        };
        Paragraph::new(lines).render(area, buf);
    }
}

/// A status message, already wrapped to `wrapped`, as lines `width` columns wide after a column
/// of margin: at most `MAX_STATUS_LINES`, the last of them marked with `…` when the message goes
/// on.
pub(super) fn status_lines(
    status: &Status,
    wrapped: &[&str],
    width: usize,
    theme: &Theme,
) -> Vec<Line<'static>> {
    let style = if status.is_error {
        theme.error
    } else {
        theme.success
    };
    let shown = wrapped.len().min(MAX_STATUS_LINES);
    wrapped
        .iter()
        .take(shown)
        .enumerate()
        .map(|(index, line)| {
            let cut = index + 1 == shown && shown < wrapped.len();
            let text = if cut {
                format!("{line}…")
            } else {
                (*line).to_owned()
            };
            Line::styled(
                format!(
                    "{:MESSAGE_MARGIN$}{}",
                    "",
                    truncate(&text, width.saturating_sub(MESSAGE_MARGIN))
                ),
                style,
            )
        })
        .collect()
}

/// As many hints as fit in `width`, whole, in order of usefulness, with the keys `keys_of`
/// gives them from the app's key table; a hint for actions without keys is left out.
pub(super) fn hint_line(
    hints: &[Hint],
    width: usize,
    theme: &Theme,
    keys_of: impl Fn(&[Action]) -> Option<String>,
) -> Line<'static> {
    let mut spans = Vec::new();
    let mut used = 0;
    for (key, action) in hints
        .iter()
        .filter_map(|(actions, action)| Some((keys_of(actions)?, action)))
    {
        let cost = 1 + key.chars().count() + 1 + action.chars().count() + 1;
        if used + cost > width {
            break;
        }
        used += cost;
        spans.push(Span::raw(" "));
        spans.push(Span::styled(key, theme.key));
        spans.push(Span::styled(format!(" {action} "), theme.hint));
    }
    Line::from(spans)
}
