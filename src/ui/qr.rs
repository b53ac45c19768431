//! QR codes on screen. A cell holds two modules, one above the other, and a column holds one,
//! so the modules are square on a terminal whose cells are twice as tall as wide. A code is
//! drawn whole or not at all: a clipped code reads as nothing, or as something else.
//!
//! The `c` overlay shows the code as large as the screen allows, with the link under it, or
//! says how large the terminal must be.

use ratatui::buffer::{Buffer, Cell};
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Padding, Paragraph, Widget};
use unicode_width::UnicodeWidthStr;

use super::theme::QrInk;
use super::{Theme, hyperlink, with_close_title};
use crate::action::Action;
use crate::app::{App, QrCode};
use crate::text::visible;
use crate::wrap;

/// The largest a module is drawn, in columns: larger is easier to read from across a room, but
/// past this a code only fills the screen.
const MAX_SCALE: u16 = 4;

/// The modules of a code, its quiet zone included, from the top left of the area.
pub struct QrModules<'a> {
    pub code: &'a QrCode,
    pub ink: QrInk,
    /// Columns (and half rows) a module takes.
    pub scale: u16,
}

impl Widget for QrModules<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let scale = self.scale.max(1);
        let (columns, rows) = self.code.cells(scale);
        if columns > area.width || rows > area.height {
            return;
        }
        let scale = usize::from(scale);
        for row in 0..rows {
            let top = usize::from(row) * 2;
            for column in 0..columns {
                let x = usize::from(column) / scale;
                let dark = (
                    self.code.is_dark(x, top / scale),
                    self.code.is_dark(x, (top + 1) / scale),
                );
                if let Some(cell) = buf.cell_mut((area.x + column, area.y + row)) {
                    paint(cell, dark, self.ink);
                }
            }
        }
    }
}

/// Paints a cell whose upper and lower halves are modules, dark or not. Whole cells of one
/// colour are spaces on a background, which no font can leave gaps in; split ones are `▀`.
fn paint(cell: &mut Cell, (top, bottom): (bool, bool), ink: QrInk) {
    let style = match ink {
        QrInk::Fixed { dark, light } => {
            let colour = |is_dark| if is_dark { dark } else { light };
            Style::new().fg(colour(top)).bg(colour(bottom))
        }
        // The ground is the terminal's text colour: reverse video wherever the lower half (the
        // cell's background) is light.
        QrInk::Terminal if !bottom => Style::new().add_modifier(Modifier::REVERSED),
        QrInk::Terminal => Style::new(),
    };
    cell.reset();
    cell.set_symbol(if top == bottom { " " } else { "▀" })
        .set_style(style);
}

/// The `c` overlay.
pub struct QrOverlay<'a> {
    pub app: &'a App,
    pub theme: &'a Theme,
}

impl Widget for QrOverlay<'_> {
    fn render(self, screen: Rect, buf: &mut Buffer) {
        let Some(link) = self.app.qr().map(|qr| qr.link()) else {
            return;
        };
        let url = visible(&link.url);
        let block = Block::bordered()
            .border_style(self.theme.border)
            .border_type(self.theme.border_type)
            .title(Span::styled(
                format!(
                    " {} ",
                    wrap::truncate(&link.label, usize::from(screen.width).saturating_sub(4))
                ),
                self.theme.heading,
            ));
        let (block, _) =
            with_close_title(block, self.app.keys(), Action::ShowQrCode, self.theme.hint);
        let room = usize::from(screen.width.saturating_sub(2));
        let fitting = link.code.as_ref().and_then(|code| {
            (1..=MAX_SCALE).rev().find_map(|scale| {
                let (columns, rows) = code.cells(scale);
                let fits = columns.saturating_add(2) <= screen.width
                    && rows.saturating_add(3) <= screen.height;
                fits.then_some((code, scale, columns, rows))
            })
        });
        let Some((code, scale, columns, rows)) = fitting else {
            let message = match &link.code {
                Some(code) => {
                    let (columns, rows) = code.cells(1);
                    format!(
                        "Too small for the QR code: it needs {} columns and {} rows, and the \
                         terminal has {} and {}. Make the window larger or the font smaller.",
                        columns + 2,
                        rows + 3,
                        screen.width,
                        screen.height
                    )
                }
                None => "This link is too long for a QR code.".to_owned(),
            };
            let width = room.saturating_sub(2).min(60);
            let mut lines: Vec<Line> = wrap::wrap(&message, width)
                .into_iter()
                .map(|line| Line::raw(line.to_owned()))
                .collect();
            lines.push(Line::default());
            lines.push(Line::styled(
                wrap::truncate(&url, width).into_owned(),
                self.theme.link,
            ));
            let inner_width = lines.iter().map(Line::width).max().unwrap_or(0);
            let area = centred(
                screen,
                u16::try_from(inner_width + 4).unwrap_or(u16::MAX),
                u16::try_from(lines.len() + 2).unwrap_or(u16::MAX),
            );
            Clear.render(area, buf);
            Paragraph::new(lines)
                .block(block.padding(Padding::horizontal(1)))
                .render(area, buf);
            return;
        };
        let shown_url = wrap::truncate(&url, room);
        let inner_width = columns.max(u16::try_from(shown_url.width()).unwrap_or(u16::MAX));
        let area = centred(screen, inner_width + 2, rows + 3);
        Clear.render(area, buf);
        let inner = block.inner(area);
        block.render(area, buf);
        let code_area = Rect::new(
            inner.x + (inner.width - columns) / 2,
            inner.y,
            columns,
            rows,
        );
        QrModules {
            code,
            ink: self.theme.qr,
            scale,
        }
        .render(code_area, buf);
        let url_width = u16::try_from(shown_url.width()).unwrap_or(inner.width);
        let url_area = Rect::new(
            inner.x + (inner.width - url_width) / 2,
            inner.y + rows,
            url_width,
            1,
        );
        Line::styled(shown_url.into_owned(), self.theme.link).render(url_area, buf);
        if self.theme.hyperlinks {
            hyperlink::link(buf, url_area.x, url_area.y, url_area.width, &link.url);
        }
    }
}

/// A box of `width` by `height` in the middle of `screen`, no larger than it.
fn centred(screen: Rect, width: u16, height: u16) -> Rect {
    let width = width.min(screen.width);
    let height = height.min(screen.height);
    Rect::new(
        screen.x + (screen.width - width) / 2,
        screen.y + (screen.height - height) / 2,
        width,
        height,
    )
}

#[cfg(test)]
mod tests {
    use ratatui::buffer::Buffer;
    use ratatui::style::Color;

    use crate::action::Action;
    use crate::app::App;
    use crate::keys::KeyTable;
    use crate::screen::Keymap;
    use crate::ui::scan::{DARK_TERMINAL, LIGHT_TERMINAL, Picture};
    use crate::ui::testing::{frame, rows, text, themes};
    use crate::ui::{QrInk, Theme};
    use crate::values;

    const VIDEO_2: &str = "https://www.youtube.com/watch?v=ri-ty0j2ojs";

    /// The app at `width` by `height` with the overlay open on the second value's video.
    fn overlay(width: u16, height: u16) -> App {
        let mut app = App::new(values::builtin().expect("the built-in values are valid"));
        app.update(Action::Resize { width, height });
        app.update(Action::Next);
        app.update(Action::ShowQrCode);
        app
    }

    #[test]
    fn the_overlay_decodes_to_the_exact_link_in_every_theme() {
        let app = overlay(80, 24);
        for (name, theme, palettes) in themes() {
            let buffer = frame(&app, &theme);
            for palette in palettes {
                let picture = Picture::of(&buffer, *palette).scaled(4);
                assert_eq!(
                    picture.decode(),
                    [(3, VIDEO_2.to_owned())],
                    "{name} on {palette:?}"
                );
                // Eight pixels a module, softened over three and with noise of up to a fifth
                // of the range either way: roughly a phone's photograph of a screen.
                let photo = Picture::of(&buffer, *palette).scaled(8).photographed(1, 48);
                assert_eq!(
                    photo.decode(),
                    [(3, VIDEO_2.to_owned())],
                    "{name} on {palette:?}, photographed"
                );
            }
        }
    }

    #[test]
    fn without_colour_the_ground_is_the_terminals_text_colour() {
        let app = overlay(80, 24);
        let buffer = frame(&app, &Theme::monochrome());
        let (x, y) = quiet_corner(&buffer).expect("a code is drawn");
        for (palette, expected) in [(DARK_TERMINAL, 0xd0), (LIGHT_TERMINAL, 0x20)] {
            // The quiet zone's corner: light on a dark terminal, dark (inverted) on a light
            // one, which is what README says.
            assert_eq!(Picture::of(&buffer, palette).at(x, y * 2), expected);
        }
        assert!(
            buffer
                .content()
                .iter()
                .all(|cell| (cell.fg, cell.bg) == (Color::Reset, Color::Reset)),
            "no colour at all"
        );
    }

    /// The top left cell of the code: the first cell painted as a QR code's ground.
    fn quiet_corner(buffer: &Buffer) -> Option<(usize, usize)> {
        let area = buffer.area;
        (0..area.height)
            .flat_map(|y| (0..area.width).map(move |x| (x, y)))
            .find(|(x, y)| {
                let cell = &buffer[(*x, *y)];
                cell.symbol() == " " && cell.modifier.contains(ratatui::style::Modifier::REVERSED)
            })
            .map(|(x, y)| (usize::from(x), usize::from(y)))
    }

    #[test]
    fn a_larger_screen_has_larger_modules_and_a_long_link_a_larger_code() {
        let app = overlay(200, 60);
        let buffer = frame(&app, &Theme::nhs(true));
        let (columns, _) = code_box(&buffer).expect("a code is drawn");
        assert_eq!(columns, 37 * 3, "three columns a module");
        let picture = Picture::of(&buffer, DARK_TERMINAL).scaled(2);
        assert_eq!(picture.decode(), [(3, VIDEO_2.to_owned())]);

        let mut app = App::new(values::builtin().unwrap());
        app.update(Action::Resize {
            width: 80,
            height: 30,
        });
        app.update(Action::ToggleAbout);
        app.update(Action::NextLink);
        app.update(Action::ShowQrCode);
        let url = app.about_links()[1].1.to_owned();
        let buffer = frame(&app, &Theme::high_contrast());
        let picture = Picture::of(&buffer, LIGHT_TERMINAL).scaled(4);
        assert_eq!(picture.decode(), [(6, url)]);
    }

    /// The columns and rows of the cells painted in a fixed QR ink, if any are.
    fn code_box(buffer: &Buffer) -> Option<(u16, u16)> {
        let QrInk::Fixed { dark, light } = Theme::nhs(true).qr else {
            return None;
        };
        let area = buffer.area;
        let painted: Vec<(u16, u16)> = (0..area.height)
            .flat_map(|y| (0..area.width).map(move |x| (x, y)))
            .filter(|position| {
                let cell = &buffer[*position];
                [cell.fg, cell.bg]
                    .iter()
                    .any(|colour| *colour == dark || *colour == light)
            })
            .collect();
        let left = painted.iter().map(|(x, _)| *x).min()?;
        let right = painted.iter().map(|(x, _)| *x).max()?;
        let top = painted.iter().map(|(_, y)| *y).min()?;
        let bottom = painted.iter().map(|(_, y)| *y).max()?;
        let boxed = (right - left + 1, bottom - top + 1);
        assert_eq!(
            painted.len(),
            usize::from(boxed.0) * usize::from(boxed.1),
            "a solid rectangle"
        );
        Some(boxed)
    }

    /// The close hint names `Back`'s key, or where a config left `back` without one, the key
    /// that opened the overlay, which closes it too.
    /// Under the overlay, the footer offers what the overlay lets the link do, not the
    /// browser's keys it hides.
    #[test]
    fn the_footer_offers_what_the_overlay_does() {
        let app = overlay(80, 24);
        let footer = rows(&frame(&app, &Theme::nhs(true)))
            .pop()
            .expect("a footer");
        assert_eq!(footer.trim_end(), " Enter open  y copy  Esc close  q quit");
    }

    #[test]
    fn the_close_hint_falls_back_to_the_key_that_opened_the_overlay() {
        let bottom_row = |app: &App| {
            rows(&frame(app, &Theme::nhs(true)))
                .into_iter()
                .rfind(|row| row.contains('┘'))
                .expect("the overlay's bottom border")
        };
        assert!(bottom_row(&overlay(80, 24)).contains(" Esc close ┘"));

        let keys = KeyTable::default().rebound(&[(Action::Back, Vec::new())], Keymap::Browser);
        let mut app = App::with_keys(values::builtin().unwrap(), keys);
        app.update(Action::Resize {
            width: 80,
            height: 24,
        });
        app.update(Action::Next);
        app.update(Action::ShowQrCode);
        let row = bottom_row(&app);
        assert!(row.contains(" c close ┘"), "{row}");
        app.update(Action::ShowQrCode);
        assert!(app.qr().is_none(), "c closes it");
    }

    #[test]
    fn a_screen_too_small_says_what_it_needs_instead_of_a_clipped_code() {
        let app = overlay(40, 12);
        let buffer = frame(&app, &Theme::nhs(true));
        assert_eq!(code_box(&buffer), None);
        let screen = text(&buffer);
        for words in [
            "Too small for the QR code: it needs",
            "39 columns and 22 rows, and the",
            "terminal has 40 and 12. Make the",
            "https://www.youtube.com/watch?v=ri-…",
        ] {
            assert!(screen.contains(words), "{words}: {screen}");
        }
    }

    #[test]
    fn at_any_size_the_code_is_whole_or_not_drawn() {
        let mut app = overlay(80, 24);
        let sides = |scale: u16| (37 * scale, (37 * scale).div_ceil(2));
        let sweep = (0..=120)
            .step_by(6)
            .flat_map(|width| (0..=60).step_by(4).map(move |height| (width, height)));
        for (width, height) in sweep {
            app.update(Action::Resize { width, height });
            if let Some(size) = code_box(&frame(&app, &Theme::nhs(true))) {
                assert!(
                    (1..=4).any(|scale| size == sides(scale)),
                    "{width}x{height}: {size:?}"
                );
            }
        }
        // Each side of where one, two and three columns a module begin to fit: the code and
        // its border, and the link's row.
        for (width, height, expected) in [
            (38, 22, None),
            (39, 21, None),
            (39, 22, Some(sides(1))),
            (75, 40, Some(sides(1))),
            (76, 39, Some(sides(1))),
            (76, 40, Some(sides(2))),
            (112, 59, Some(sides(2))),
            (113, 59, Some(sides(3))),
        ] {
            app.update(Action::Resize { width, height });
            let size = code_box(&frame(&app, &Theme::nhs(true)));
            assert_eq!(size, expected, "{width}x{height}");
        }
    }
}
