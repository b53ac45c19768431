//! Presentation mode's screen: the slide as the app laid it out (the title in large letters
//! with tui-big-text where they fit, the text, the link's QR code where it fits), and a last row
//! with the keys and where the slide is ("2 of 6"). A message takes the last row instead of the
//! keys, and the rows above it that it needs. A blanked screen is empty.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Widget};
use tui_big_text::BigText;
use unicode_width::UnicodeWidthStr;

use super::footer::{Hint, QR_CODE, hint_line, status_lines};
use super::qr::QrModules;
use super::{Theme, hyperlink};
use crate::action::Action;
use crate::app::{App, BlockKind, MESSAGE_MARGIN, Slide, SlideLayout, SlideLine, TitleSize};
use crate::screen::{Mode, Overlay, Screen};
use crate::text::plural;
use crate::wrap::truncate;

/// The hints while presenting, most useful first.
const PRESENTING: &[Hint] = &[
    (&[Action::Previous, Action::Next], "move"),
    (&[Action::Blank], "blank"),
    (&[Action::ShowQrCode], "QR code"),
    (&[Action::Back], "browser"),
    (&[Action::ToggleHelp], "help"),
];

/// The hint first of all on a slide taller than the screen.
const SCROLLING: Hint = (&[Action::ScrollUp, Action::ScrollDown], "scroll");

pub struct Presentation<'a> {
    pub app: &'a App,
    pub theme: &'a Theme,
}

impl Widget for Presentation<'_> {
    fn render(self, screen: Rect, buf: &mut Buffer) {
        Clear.render(screen, buf);
        let shown = self.app.screen();
        if shown.mode == Mode::Blanked {
            return;
        }
        let Some(layout) = self.app.slide_layout() else {
            return;
        };
        let scroll = self.app.presentation().scroll().min(layout.max_scroll());
        for line in &layout.title {
            self.title_line(layout, line, scroll, screen, buf);
        }
        for line in &layout.lines {
            let Some(row) = layout.screen_row(line.y, scroll) else {
                continue;
            };
            let area = Rect::new(line.x, row, line.width(TitleSize::Plain), 1).intersection(screen);
            Line::styled(line.text.as_str(), self.style(line.kind)).render(area, buf);
            if let Some(url) = line.link.as_deref().filter(|_| self.theme.hyperlinks) {
                hyperlink::link(buf, area.x, area.y, area.width, url);
            }
        }
        // Under the `c` overlay the slide's own code would be a second one beside it, partly
        // covered: a phone could take either.
        if let Some((code, area)) = &layout.qr
            && shown.overlay != Some(Overlay::QrCode)
            && let Some(row) = layout.screen_row(usize::from(area.y), scroll)
        {
            let area = Rect { y: row, ..*area };
            QrModules {
                code,
                ink: self.theme.qr,
                scale: 1,
            }
            .render(area, buf);
        }
        let scrolls = layout.max_scroll() > 0;
        let has_link = layout.link.is_some();
        if screen.height > 0 {
            self.bottom(screen, (scrolls, has_link), buf);
        }
    }
}

impl Presentation<'_> {
    fn style(&self, kind: BlockKind) -> Style {
        match kind {
            BlockKind::Heading => self.theme.heading,
            BlockKind::Paragraph => Style::new(),
            BlockKind::Link { .. } => self.theme.link,
            BlockKind::Hint => self.theme.hint,
        }
    }

    /// A line of the title, in large letters or plain. Large letters are only laid out where
    /// they fit whole, on a slide that does not scroll.
    fn title_line(
        &self,
        layout: &SlideLayout,
        line: &SlideLine,
        scroll: usize,
        screen: Rect,
        buf: &mut Buffer,
    ) {
        let Some(row) = layout.screen_row(line.y, scroll) else {
            return;
        };
        let (_, height) = layout.title_size.letter();
        let area =
            Rect::new(line.x, row, line.width(layout.title_size), height).intersection(screen);
        let Some(pixel_size) = layout.title_size.pixel_size() else {
            Line::styled(line.text.as_str(), self.theme.heading).render(area, buf);
            return;
        };
        BigText::builder()
            .pixel_size(pixel_size)
            .style(self.theme.heading)
            .lines(vec![Line::from(line.text.as_str())])
            .build()
            .render(area, buf);
    }

    /// The last rows: a message if there is one, over as many rows as the browser's footer
    /// would give it, taken from the bottom of the slide; else the keys on the last row; and
    /// where the slide is, at the end of the last row.
    /// The keys offered depend on whether the slide scrolls and whether it has a link.
    fn bottom(&self, screen: Rect, (scrolls, has_link): (bool, bool), buf: &mut Buffer) {
        let app = self.app;
        let values = app.document().values.len();
        let position = match app.presentation().slide() {
            Some(Slide::Value(index)) => format!("{} of {values} ", index + 1),
            _ => format!("title, {} ", plural(values, "value", "values")),
        };
        let position_width = u16::try_from(position.width()).unwrap_or(u16::MAX);
        let room_columns = screen.width.saturating_sub(position_width + 1);
        let room = usize::from(room_columns);
        let left = if let Some(status) = app.status() {
            status_lines(status, &app.status_lines(room), room, self.theme)
        } else if let Some(error) = app.banner_lines().first() {
            vec![Line::from(vec![
                Span::raw(format!("{:MESSAGE_MARGIN$}", "")),
                Span::styled(
                    truncate(error, room.saturating_sub(MESSAGE_MARGIN)).into_owned(),
                    self.theme.error,
                ),
            ])]
        } else if app.screen().overlay == Some(Overlay::QrCode) {
            // The overlay takes the browser's keys, as it does over the browser.
            let keys = app.keys();
            vec![hint_line(QR_CODE, room, self.theme, |actions| {
                keys.hint(actions, app.screen())
            })]
        } else {
            // The slide's own keys, also under the help, which covers them.
            let keys = app.keys();
            let hints: Vec<Hint> = scrolls
                .then_some(SCROLLING)
                .into_iter()
                .chain(PRESENTING.iter().copied())
                .filter(|(actions, _)| has_link || !actions.contains(&Action::ShowQrCode))
                .collect();
            vec![hint_line(&hints, room, self.theme, |actions| {
                keys.hint(actions, Screen::SLIDE)
            })]
        };
        let rows = u16::try_from(left.len())
            .unwrap_or(u16::MAX)
            .clamp(1, screen.height);
        let area = Rect {
            y: screen.bottom().saturating_sub(rows),
            height: rows,
            ..screen
        };
        // Until the next key: the message is read once and the slide comes back whole.
        Clear.render(area, buf);
        let last = Rect {
            y: area.bottom().saturating_sub(1),
            height: 1,
            ..area
        };
        if position_width < last.width {
            let at = Rect {
                x: last.right() - position_width,
                width: position_width,
                ..last
            };
            Line::styled(position, self.theme.hint).render(at, buf);
        }
        Paragraph::new(left).render(
            Rect {
                width: room_columns,
                ..area
            },
            buf,
        );
    }
}

#[cfg(test)]
mod tests {
    use ratatui::buffer::Buffer;

    use super::*;
    use crate::action::LaunchFailure;
    use crate::app::has_big_letter;
    use crate::ui::QrInk;
    use crate::ui::scan::{DARK_TERMINAL, LIGHT_TERMINAL, Picture};
    use crate::ui::testing::{frame, render, rows, text, themes};
    use crate::values;

    const VIDEO_2: &str = "https://www.youtube.com/watch?v=ri-ty0j2ojs";

    fn presenting(width: u16, height: u16, value: Option<usize>) -> App {
        let mut app = App::new(values::builtin().expect("the built-in values are valid"));
        app.update(Action::Resize { width, height });
        app.start_presentation(value);
        app
    }

    #[test]
    fn slide_at_80x24() {
        let app = presenting(80, 24, Some(1));
        insta::assert_snapshot!(render(&app, &Theme::nhs(true)).backend());
    }

    #[test]
    fn slide_at_120x36() {
        let app = presenting(120, 36, Some(1));
        insta::assert_snapshot!(render(&app, &Theme::nhs(true)).backend());
    }

    #[test]
    fn title_slide_at_120x36() {
        let app = presenting(120, 36, None);
        insta::assert_snapshot!(render(&app, &Theme::nhs(true)).backend());
    }

    #[test]
    fn a_tall_slide_at_40x12_scrolls_and_says_so() {
        let mut app = presenting(40, 12, Some(1));
        app.update(Action::ScrollDown);
        insta::assert_snapshot!(render(&app, &Theme::nhs(true)).backend());
    }

    #[test]
    fn the_code_beside_or_below_the_text_decodes_to_the_video_in_every_theme() {
        for (width, height) in [(120, 36), (80, 44)] {
            let app = presenting(width, height, Some(1));
            assert!(app.slide_layout().unwrap().qr.is_some(), "{width}x{height}");
            for (name, theme, palettes) in themes() {
                let buffer = frame(&app, &theme);
                for palette in palettes {
                    let found = Picture::of(&buffer, *palette).scaled(4).decode();
                    assert_eq!(
                        found,
                        [(3, VIDEO_2.to_owned())],
                        "{width}x{height}, {name} on {palette:?}"
                    );
                }
            }
        }
        let title = presenting(120, 36, None);
        let buffer = frame(&title, &Theme::high_contrast());
        assert_eq!(
            Picture::of(&buffer, LIGHT_TERMINAL).scaled(4).decode(),
            [(3, "https://hee.nhs.uk/about/our-values".to_owned())]
        );
    }

    #[test]
    fn under_the_overlay_only_the_overlays_code_is_drawn() {
        let mut app = presenting(120, 36, Some(1));
        app.update(Action::ShowQrCode);
        let buffer = frame(&app, &Theme::nhs(true));
        let QrInk::Fixed { light, .. } = Theme::nhs(true).qr else {
            panic!("the default theme has fixed colours");
        };
        let outside = buffer
            .content()
            .iter()
            .enumerate()
            .filter(|(_, cell)| cell.bg == light)
            .map(|(index, _)| index % 120)
            .max();
        assert!(outside < Some(84), "the overlay is centred: {outside:?}");
        let found = Picture::of(&buffer, DARK_TERMINAL).scaled(4).decode();
        assert_eq!(found, [(3, VIDEO_2.to_owned())]);
    }

    #[test]
    fn without_room_for_the_code_a_line_says_which_key_shows_it() {
        let app = presenting(80, 24, Some(1));
        let buffer = frame(&app, &Theme::nhs(true));
        assert!(
            Picture::of(&buffer, DARK_TERMINAL)
                .scaled(4)
                .decode()
                .is_empty()
        );
        assert!(text(&buffer).contains("Press c for the QR code."));
    }

    #[test]
    fn a_file_without_videos_presents_every_slide_without_a_code() {
        let mut document = values::builtin().expect("the built-in values are valid");
        for value in &mut document.values {
            value.video = None;
        }
        let mut app = App::new(document);
        app.update(Action::Resize {
            width: 120,
            height: 36,
        });
        app.start_presentation(Some(0));
        for number in 1..=6 {
            let screen = text(&frame(&app, &Theme::nhs(true)));
            assert!(screen.contains("No video for this value."), "{number}");
            assert!(screen.contains(&format!("{number} of 6")), "{number}");
            assert!(!screen.contains("Press c"), "{number}");
            assert!(app.slide_layout().is_some_and(|layout| layout.qr.is_none()));
            app.update(Action::Next);
        }
        app.update(Action::ShowQrCode);
        assert!(app.qr().is_none());
        let screen = text(&frame(&app, &Theme::nhs(true)));
        assert!(
            screen.contains(" “Everyone counts” has no video."),
            "{screen}"
        );
    }

    #[test]
    fn a_blank_screen_is_empty_and_any_key_brings_the_slide_back() {
        let mut app = presenting(80, 24, Some(1));
        app.update(Action::Blank);
        let terminal = render(&app, &Theme::nhs(true));
        assert!(
            terminal
                .backend()
                .buffer()
                .content()
                .iter()
                .all(|cell| *cell == ratatui::buffer::Cell::EMPTY)
        );
        app.update(Action::Unblank);
        assert!(text(&frame(&app, &Theme::nhs(true))).contains("2 of 6"));
    }

    #[test]
    fn the_last_row_shows_a_message_instead_of_the_keys() {
        let mut app = presenting(80, 24, Some(1));
        app.update(Action::SelectNumber(8));
        let screen = text(&frame(&app, &Theme::nhs(true)));
        assert!(screen.contains(" There is no value 8."), "{screen}");
        assert!(screen.ends_with("2 of 6 "));
        app.update(Action::Reloaded(Err(
            "v.toml:3:1: unknown key `vidoe`".to_owned()
        )));
        app.update(Action::Next);
        let screen = text(&frame(&app, &Theme::nhs(true)));
        assert!(
            screen.contains(" error: v.toml:3:1: unknown key `vidoe`"),
            "{screen}"
        );
        assert!(screen.ends_with("3 of 6 "));
    }

    /// A failed browser launch says why and which link, over as many rows as the browser's
    /// footer would give it, the slide's position still at the end of the last.
    #[test]
    fn a_long_message_takes_rows_from_the_slide_to_be_read_whole() {
        let mut app = presenting(80, 24, Some(1));
        app.update(Action::Launched(Err(LaunchFailure {
            url: VIDEO_2.to_owned(),
            reason: "no desktop opener worked".to_owned(),
        })));
        let message = app.status().expect("a message").text.clone();
        assert!(message.ends_with("(press y to copy it; no desktop opener worked)"));
        let lines = rows(&frame(&app, &Theme::nhs(true)));
        assert!(lines[23].ends_with(" 2 of 6 "), "{}", lines[23]);
        assert!(
            lines[21].starts_with(" Could not open a browser;"),
            "{lines:#?}"
        );
        let shown: Vec<&str> = lines[21..]
            .iter()
            .map(|row| row.trim_end_matches(" 2 of 6 ").trim())
            .collect();
        assert_eq!(shown.join(" "), message, "{lines:#?}");

        // Narrower, the message needs more rows than it may take: the last says it goes on.
        app.update(Action::Resize {
            width: 40,
            height: 24,
        });
        let lines = rows(&frame(&app, &Theme::nhs(true)));
        assert!(
            lines[21].starts_with(" Could not open a browser;"),
            "{lines:#?}"
        );
        let last = lines[23].trim_end_matches(" 2 of 6 ").trim_end();
        assert!(last.ends_with('…'), "{lines:#?}");
    }

    #[test]
    fn the_title_slide_counts_the_values_in_words() {
        let mut document = values::builtin().expect("the built-in values are valid");
        document.values.truncate(1);
        let mut app = App::new(document);
        app.update(Action::Resize {
            width: 80,
            height: 24,
        });
        app.start_presentation(None);
        let screen = text(&frame(&app, &Theme::nhs(true)));
        assert!(screen.ends_with(" title, 1 value "), "{screen}");
    }

    /// `c` is offered only where there is a link to show as a code.
    #[test]
    fn under_the_overlay_the_keys_offered_are_the_overlays() {
        let mut app = presenting(120, 36, Some(1));
        app.update(Action::ShowQrCode);
        let lines = rows(&frame(&app, &Theme::nhs(true)));
        let last = &lines[35];
        assert!(
            last.contains("Enter open  y copy  Esc close  q quit"),
            "{last}"
        );
        assert!(!last.contains("blank"), "{last}");
        assert!(last.contains("2 of 6"), "{last}");
    }

    #[test]
    fn the_keys_offer_the_qr_code_only_on_a_slide_with_a_link() {
        let mut document = values::builtin().expect("the built-in values are valid");
        document.source = None;
        document.values[0].video = None;
        let mut app = App::new(document);
        app.update(Action::Resize {
            width: 120,
            height: 36,
        });
        app.start_presentation(None);
        for (slide, offered) in [("title", false), ("1 of 6", false), ("2 of 6", true)] {
            let lines = rows(&frame(&app, &Theme::nhs(true)));
            let last = &lines[35];
            assert!(last.contains(slide), "{last}");
            assert!(last.contains("b blank"), "{last}");
            assert_eq!(last.contains("c QR code"), offered, "{last}");
            app.update(Action::Next);
        }
    }

    #[test]
    fn the_big_font_has_every_letter_it_is_trusted_with() {
        // A character the font lacks would be drawn as nothing: a gap in the name.
        let letters = (' '..='\u{ff}').filter(|c| has_big_letter(*c) && !c.is_whitespace());
        for letter in letters {
            for size in [TitleSize::Large, TitleSize::Medium] {
                let pixel_size = size.pixel_size().expect("large letters");
                let (columns, rows) = size.letter();
                let mut buffer = Buffer::empty(Rect::new(0, 0, columns, rows));
                BigText::builder()
                    .pixel_size(pixel_size)
                    .lines(vec![Line::from(letter.to_string())])
                    .build()
                    .render(buffer.area, &mut buffer);
                assert!(
                    buffer.content().iter().any(|cell| cell.symbol() != " "),
                    "{letter:?} in {pixel_size:?}"
                );
            }
        }
    }

    /// The layout places letters by `TitleSize::letter`; tui-big-text draws them by their pixels.
    #[test]
    fn a_big_letter_takes_the_cells_the_layout_gives_it() {
        for size in [TitleSize::Large, TitleSize::Medium] {
            let mut buffer = Buffer::empty(Rect::new(0, 0, 20, 10));
            BigText::builder()
                .pixel_size(size.pixel_size().expect("large letters"))
                .lines(vec![Line::from("MW")])
                .build()
                .render(buffer.area, &mut buffer);
            let (columns, rows) = size.letter();
            let drawn = |x: u16, y: u16| buffer[(x, y)].symbol() != " ";
            let inked: Vec<(u16, u16)> = (0..20)
                .flat_map(|x| (0..10).map(move |y| (x, y)))
                .filter(|(x, y)| drawn(*x, *y))
                .collect();
            // The second letter starts where the layout puts it, and neither goes beyond.
            assert!(inked.iter().any(|(x, _)| *x < columns), "{size:?}");
            assert!(inked.iter().any(|(x, _)| *x >= columns), "{size:?}");
            assert!(
                inked.iter().all(|(x, y)| *x < 2 * columns && *y < rows),
                "{size:?}"
            );
        }
    }

    #[test]
    fn every_small_size_renders_a_slide_and_its_overlays() {
        let mut app = presenting(80, 24, Some(0));
        for width in 0..=70 {
            for height in 0..=26 {
                app.update(Action::Resize { width, height });
                render(&app, &Theme::nhs(false));
            }
        }
        app.update(Action::ShowQrCode);
        for (width, height) in [(0, 0), (1, 1), (20, 5), (39, 22), (70, 26)] {
            app.update(Action::Resize { width, height });
            render(&app, &Theme::nhs(false));
        }
    }
}
