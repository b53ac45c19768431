//! Presentation mode's keys and mouse: moving from slide to slide, blanking the screen,
//! scrolling a slide taller than the screen, the slide's link, and back to the browser on the
//! value last shown.

use super::Slide;
use crate::action::{Action, Effect};
use crate::app::blocks::{about_links, title_slide_link};
use crate::app::{App, View};
use crate::keys::PRESENT_HEADING;

/// Rows a slide moves per notch of the mouse wheel.
const WHEEL_ROWS: isize = 3;

impl App {
    /// `p` in the browser: presents the value selected, or from the title slide in About (or
    /// when no value is listed).
    pub(in crate::app) fn start_presenting(&mut self) {
        let slide = match (self.view(), self.selected()) {
            (View::Value, Some(index)) => Slide::Value(index),
            _ => Slide::Title,
        };
        self.presentation.start(slide);
    }

    /// Back to the browser, showing what the presentation showed last: the value, selected
    /// (and listed, even if the filter hid it), or About for the title slide.
    fn stop_presenting(&mut self) {
        match self.presentation.stop() {
            Some(Slide::Value(index)) => self.select_number(index + 1),
            Some(Slide::Title) => {
                let link = title_slide_link(&self.document);
                let shown = about_links(&self.document)
                    .iter()
                    .position(|offered| Some(*offered) == link);
                self.detail.show(View::About {
                    link: shown.unwrap_or(0),
                });
            }
            None => {}
        }
    }

    /// A key (or the mouse) while presenting.
    pub(in crate::app) fn present_key(&mut self, action: Action) -> Option<Effect> {
        if self.presentation.is_blank() {
            // Any key or click brings the screen back, and does nothing else.
            if !matches!(action, Action::Scroll { .. }) {
                self.presentation.set_blank(false);
            }
            return None;
        }
        let values = self.document.values.len();
        match action {
            Action::Next => {
                if let Some(slide) = self.presentation.next(values) {
                    self.presentation.show(slide);
                }
            }
            Action::Previous => {
                if let Some(slide) = self.presentation.previous() {
                    self.presentation.show(slide);
                }
            }
            Action::First => self.presentation.show(Slide::Title),
            Action::Last => {
                if let Some(last) = values.checked_sub(1) {
                    self.presentation.show(Slide::Value(last));
                }
            }
            Action::SelectNumber(number) => {
                if let Some(index) = self.value_numbered(number) {
                    self.presentation.show(Slide::Value(index));
                }
            }
            Action::ScrollDown => self.scroll_slide(1),
            Action::ScrollUp => self.scroll_slide(-1),
            Action::Scroll { lines, .. } => self.scroll_slide(isize::from(lines) * WHEEL_ROWS),
            Action::Click { column, row } => return self.click_slide(column, row),
            Action::Blank => self.presentation.set_blank(true),
            Action::Open => return self.with_link(Effect::OpenUrl),
            Action::Copy => return self.with_link(Effect::Copy),
            Action::ShowQrCode => self.show_qr_code(),
            Action::ToggleHelp => {
                // At the keys of presentation mode.
                let row = self
                    .keys
                    .help_rows()
                    .iter()
                    .position(|(_, description)| *description == PRESENT_HEADING)
                    .unwrap_or(0);
                self.open_help(row);
            }
            Action::Back | Action::Present => self.stop_presenting(),
            _ => {}
        }
        None
    }

    fn scroll_slide(&mut self, rows: isize) {
        let max = self.max_slide_scroll();
        self.presentation.scroll_by(rows, max);
    }

    /// How far the slide shown scrolls on this screen.
    pub(in crate::app) fn max_slide_scroll(&self) -> usize {
        self.slide_layout().map_or(0, |layout| layout.max_scroll())
    }

    /// A click on the slide's link, or on its QR code, opens the link.
    fn click_slide(&self, column: u16, row: u16) -> Option<Effect> {
        let scroll = self.presentation.scroll();
        let url = self
            .slide_layout()?
            .link_at(column, row, scroll)?
            .to_owned();
        Some(Effect::OpenUrl(url))
    }

    /// The link of `slide`, with what it is: on the title slide the link marked for it or the
    /// source page, else the value's video; or why there is none.
    pub(in crate::app) fn slide_link(&self, slide: Slide) -> Result<(String, String), String> {
        match slide {
            Slide::Title => title_slide_link(&self.document)
                .map(|(label, url)| (label.to_owned(), url.to_owned()))
                .ok_or_else(|| "This document has no source page.".to_owned()),
            Slide::Value(index) => self.video_link(index),
        }
    }

    /// The name of the value presented, to find it again in a reloaded document.
    pub(in crate::app) fn presented_name(&self) -> Option<String> {
        match self.presentation.slide()? {
            Slide::Value(index) => Some(self.document.values.get(index)?.name.to_lowercase()),
            Slide::Title => None,
        }
    }

    /// After a reload, presents the value named `name` (names are unique ignoring case), else
    /// the value now in the place of the one presented.
    pub(in crate::app) fn keep_presented(&mut self, name: Option<String>) {
        let Some(Slide::Value(old)) = self.presentation.slide() else {
            return;
        };
        let values = &self.document.values;
        let by_name = name.and_then(|name| {
            values
                .iter()
                .position(|value| value.name.to_lowercase() == name)
        });
        let slide = match by_name.or_else(|| values.len().checked_sub(1).map(|last| old.min(last)))
        {
            Some(index) => Slide::Value(index),
            None => Slide::Title,
        };
        if by_name != Some(old) {
            self.presentation.show(slide);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::TitleSize;
    use crate::app::testing::*;
    use crate::screen::Keymap;

    fn presenting(app: &crate::app::App) -> Option<Slide> {
        app.presentation().slide()
    }

    #[test]
    fn p_presents_the_selected_value_and_esc_returns_to_the_last_one_shown() {
        let mut app = app();
        app.update(Action::SelectNumber(2));
        app.update(Action::Present);
        assert_eq!(presenting(&app), Some(Slide::Value(1)));
        for action in [Action::Next, Action::Next, Action::Previous, Action::Next] {
            app.update(action);
        }
        assert_eq!(presenting(&app), Some(Slide::Value(3)));
        assert_eq!(app.update(Action::Back), None, "Esc does not quit");
        assert_eq!(presenting(&app), None);
        assert_eq!(selected_name(&app), Some("Improving lives"));
        assert_eq!(app.view(), View::Value);
        app.update(Action::Present);
        app.update(Action::Last);
        app.update(Action::Present);
        assert_eq!(
            selected_name(&app),
            Some("Everyone counts"),
            "p returns too"
        );
    }

    #[test]
    fn the_title_slide_comes_before_the_first_value_and_returns_to_about() {
        let mut app = app();
        app.update(Action::ToggleAbout);
        app.update(Action::Present);
        assert_eq!(presenting(&app), Some(Slide::Title));
        app.update(Action::Previous);
        assert_eq!(
            presenting(&app),
            Some(Slide::Title),
            "nothing before the title"
        );
        app.update(Action::Next);
        assert_eq!(presenting(&app), Some(Slide::Value(0)));
        app.update(Action::First);
        assert_eq!(presenting(&app), Some(Slide::Title));
        app.update(Action::Back);
        assert_eq!(app.view(), View::About { link: 0 });
    }

    #[test]
    fn the_ends_stop_and_numbers_jump() {
        let mut app = app();
        app.start_presentation(Some(5));
        app.update(Action::Next);
        assert_eq!(presenting(&app), Some(Slide::Value(5)), "no wrapping round");
        app.update(Action::SelectNumber(3));
        assert_eq!(presenting(&app), Some(Slide::Value(2)));
        app.update(Action::SelectNumber(7));
        assert_eq!(presenting(&app), Some(Slide::Value(2)));
        assert_eq!(status_text(&app), "There is no value 7.");
        app.start_presentation(None);
        assert_eq!(presenting(&app), Some(Slide::Title));
    }

    #[test]
    fn a_start_past_the_last_value_is_the_title_slide() {
        let mut app = app();
        app.start_presentation(Some(5));
        assert_eq!(presenting(&app), Some(Slide::Value(5)), "the last of six");
        app.start_presentation(Some(6));
        assert_eq!(presenting(&app), Some(Slide::Title), "there is no seventh");
    }

    #[test]
    fn a_value_the_filter_hides_is_listed_and_selected_on_return() {
        let mut app = app();
        type_filter(&mut app, "dignity");
        app.update(Action::AcceptFilter);
        app.update(Action::Present);
        assert_eq!(presenting(&app), Some(Slide::Value(2)));
        app.update(Action::Next);
        app.update(Action::Back);
        assert_eq!(selected_name(&app), Some("Improving lives"));
        assert!(!app.filter().is_set(), "the filter would have hidden it");
    }

    #[test]
    fn b_blanks_the_screen_and_any_key_or_click_brings_it_back_and_does_nothing_else() {
        let mut app = app();
        app.update(Action::Present);
        app.update(Action::Blank);
        assert!(app.presentation().is_blank());
        app.update(Action::Scroll {
            column: 1,
            row: 1,
            lines: 1,
        });
        assert!(app.presentation().is_blank(), "the wheel is not a key");
        app.update(Action::Unblank);
        assert!(!app.presentation().is_blank());
        assert_eq!(presenting(&app), Some(Slide::Value(0)));
        app.update(Action::Blank);
        assert_eq!(app.update(Action::Click { column: 0, row: 0 }), None);
        assert!(!app.presentation().is_blank());
        app.update(Action::Blank);
        app.update(Action::Back);
        assert_eq!(presenting(&app), Some(Slide::Value(0)), "only unblanked");
    }

    #[test]
    fn a_tall_slide_scrolls_and_a_resize_keeps_the_value_and_the_scroll_in_bounds() {
        let mut app = app();
        app.update(Action::Resize {
            width: 40,
            height: 12,
        });
        app.start_presentation(Some(1));
        let max = app.max_slide_scroll();
        assert!(max > 0);
        for _ in 0..50 {
            app.update(Action::ScrollDown);
        }
        assert_eq!(app.presentation().scroll(), max);
        app.update(Action::ScrollUp);
        assert_eq!(app.presentation().scroll(), max - 1);
        app.update(Action::Scroll {
            column: 0,
            row: 0,
            lines: -1,
        });
        assert_eq!(app.presentation().scroll(), max - 4);
        app.update(Action::Resize {
            width: 120,
            height: 36,
        });
        assert_eq!(presenting(&app), Some(Slide::Value(1)));
        assert_eq!(app.presentation().scroll(), 0, "it all fits now");
        app.update(Action::Next);
        assert_eq!(app.presentation().scroll(), 0);
    }

    #[test]
    fn the_slides_link_opens_copies_and_shows_as_a_qr_code() {
        let video = "https://www.youtube.com/watch?v=ri-ty0j2ojs";
        let mut app = app();
        app.update(Action::Resize {
            width: 120,
            height: 36,
        });
        app.start_presentation(Some(1));
        assert_eq!(
            app.update(Action::Open),
            Some(Effect::OpenUrl(video.to_owned()))
        );
        assert_eq!(
            app.update(Action::Copy),
            Some(Effect::Copy(video.to_owned()))
        );
        let (column, row) = {
            let layout = app.slide_layout().expect("presenting");
            let (_, area) = layout.qr.clone().expect("room for the code");
            (
                area.x + 2,
                layout.screen_row(usize::from(area.y) + 2, 0).unwrap(),
            )
        };
        assert_eq!(
            app.update(Action::Click { column, row }),
            Some(Effect::OpenUrl(video.to_owned()))
        );
        assert_eq!(app.update(Action::Click { column: 0, row: 0 }), None);
        app.update(Action::ShowQrCode);
        let shown = app.qr().map(|qr| qr.link()).expect("the overlay is open");
        assert_eq!(
            (shown.label.as_str(), shown.url.as_str()),
            ("Compassion: video", video)
        );
        assert_eq!(presenting(&app), Some(Slide::Value(1)), "over the slide");

        app.update(Action::Back);
        app.update(Action::First);
        assert_eq!(
            app.update(Action::Open),
            Some(Effect::OpenUrl(
                "https://hee.nhs.uk/about/our-values".to_owned()
            ))
        );
        let mut app = app_with(2);
        app.start_presentation(Some(0));
        assert_eq!(app.update(Action::Open), None);
        assert_eq!(status_text(&app), "“Value 1” has no video.");
    }

    /// The title slide's link is the one the document marks for it, if any: opened, copied and
    /// shown as a QR code, and highlighted in About on the way back.
    #[test]
    fn the_title_slide_takes_the_link_marked_for_it() {
        let mut document = crate::values::builtin().expect("the built-in values are valid");
        document.links[1].on_title_slide = true;
        let (label, url) = (
            document.links[1].label.clone(),
            document.links[1].url.clone(),
        );
        let mut app = app_on(document);
        app.start_presentation(None);
        assert_eq!(app.update(Action::Open), Some(Effect::OpenUrl(url.clone())));
        app.update(Action::ShowQrCode);
        let shown = app.qr().map(|qr| qr.link()).expect("the overlay is open");
        assert_eq!(
            (shown.label.as_str(), shown.url.as_str()),
            (label.as_str(), url.as_str())
        );
        app.update(Action::Back);
        app.update(Action::Back);
        assert_eq!(presenting(&app), None);
        assert_eq!(
            app.view(),
            View::About { link: 2 },
            "after the source and link 1"
        );
    }

    /// A failed launch suggests copying the link with the key that copies on the screen shown.
    #[test]
    fn a_failed_launch_names_the_copy_key_of_the_screen_shown() {
        use crate::action::{Action, LaunchFailure};
        use crate::keys::{Key, KeyTable};
        use ratatui::crossterm::event::KeyCode;
        let keys = KeyTable::default()
            .rebound(
                &[(Action::Copy, vec![Key::Plain(KeyCode::Char('x'))])],
                Keymap::Browser,
            )
            .rebound(
                &[(Action::Copy, vec![Key::Plain(KeyCode::Char('w'))])],
                Keymap::Presentation,
            );
        let document = crate::values::builtin().expect("the built-in values are valid");
        let mut app = crate::app::App::with_keys(document, keys);
        let failed = || {
            Action::Launched(Err(LaunchFailure {
                url: "https://a.example/".to_owned(),
                reason: "no browser".to_owned(),
            }))
        };
        app.update(failed());
        let said = |app: &crate::app::App| app.status().map(|status| status.text.clone());
        assert!(said(&app).is_some_and(|text| text.contains("press x to copy it")));
        app.update(Action::Present);
        app.update(failed());
        assert!(
            said(&app).is_some_and(|text| text.contains("press w to copy it")),
            "{:?}",
            said(&app)
        );
        // The QR code overlay over a slide takes the browser's keys.
        app.update(Action::Next);
        app.update(Action::ShowQrCode);
        app.update(failed());
        assert!(
            said(&app).is_some_and(|text| text.contains("press x to copy it")),
            "{:?}",
            said(&app)
        );
    }

    #[test]
    fn help_opens_at_the_keys_of_presentation_mode_and_closes_back_to_the_slide() {
        let mut app = app();
        app.update(Action::Present);
        app.update(Action::ToggleHelp);
        assert!(app.help().is_some());
        let rows = app.keys().help_rows();
        let heading = rows
            .iter()
            .position(|(_, description)| *description == PRESENT_HEADING)
            .expect("the help has a part for presentation mode");
        let shown = crate::layout::help_rows_shown(app.area(), rows.len());
        let scroll = app.help().expect("the help is open").scroll();
        assert!(
            scroll == heading || (scroll + shown == rows.len() && heading > scroll),
            "at the heading, or as near it as the last row allows: {scroll}"
        );
        app.update(Action::Back);
        assert!(app.help().is_none());
        assert_eq!(presenting(&app), Some(Slide::Value(0)));
        // A screen short enough for the help to scroll down to the heading: exactly there, not
        // at the blank row above it or at the top.
        app.update(Action::Resize {
            width: 80,
            height: 5,
        });
        app.update(Action::ToggleHelp);
        assert_eq!(app.help().expect("the help is open").scroll(), heading);
    }

    #[test]
    fn a_reload_keeps_the_value_presented_by_name_or_its_place() {
        let mut app = app_of(&[("A", "a"), ("B", "b"), ("C", "c")]);
        app.start_presentation(Some(1));
        app.update(Action::Reloaded(Ok(document_of(&[
            ("New", "n"),
            ("C", "c"),
            ("b", "b, rewritten"),
        ]))));
        assert_eq!(presenting(&app), Some(Slide::Value(2)));
        app.update(Action::Last);
        app.update(Action::Reloaded(Ok(document_of(&[("A", "a")]))));
        assert_eq!(presenting(&app), Some(Slide::Value(0)), "the last one left");
        app.update(Action::First);
        app.update(Action::Reloaded(Ok(document_of(&[("A", "a"), ("Z", "z")]))));
        assert_eq!(presenting(&app), Some(Slide::Title));
    }

    /// The title size of each slide of the deck on `app`'s screen, title slide first, and
    /// whether the slide scrolls.
    fn deck_sizes(app: &mut crate::app::App) -> Vec<(Slide, TitleSize, bool)> {
        app.start_presentation(None);
        let mut sizes = Vec::new();
        loop {
            let layout = app.slide_layout().expect("presenting");
            let slide = presenting(app).expect("presenting");
            sizes.push((slide, layout.title_size, layout.max_scroll() > 0));
            app.update(Action::Next);
            if presenting(app) == Some(slide) {
                return sizes;
            }
        }
    }

    fn resize(app: &mut crate::app::App, width: u16, height: u16) {
        app.update(Action::Resize { width, height });
    }

    /// Issue 20, item 6: a heading size that jumps between slides looks like a mistake on a
    /// projector. Every slide that fits the screen has the one size; one taller than the screen
    /// scrolls with a plain heading, as before.
    #[test]
    fn every_slide_of_the_deck_has_one_title_size() {
        let mut app = app();
        for (width, height, expected) in [(80, 24, TitleSize::Medium), (120, 36, TitleSize::Large)]
        {
            resize(&mut app, width, height);
            let sizes = deck_sizes(&mut app);
            assert_eq!(sizes.len(), 1 + app.document().values.len());
            for (slide, size, scrolls) in sizes {
                let expected = if scrolls { TitleSize::Plain } else { expected };
                assert_eq!(size, expected, "{slide:?} at {width}x{height}");
            }
        }
    }

    #[test]
    fn the_decks_title_size_changes_with_the_screen() {
        let mut app = app();
        resize(&mut app, 120, 36);
        app.start_presentation(Some(2));
        let size = |app: &crate::app::App| app.slide_layout().expect("presenting").title_size;
        assert_eq!(size(&app), TitleSize::Large);
        resize(&mut app, 80, 24);
        assert_eq!(size(&app), TitleSize::Medium, "value 3 alone fits large");
        resize(&mut app, 120, 36);
        assert_eq!(size(&app), TitleSize::Large);
        app.update(Action::Next);
        assert_eq!(size(&app), TitleSize::Large);
    }

    /// A name that fits no large letters on this screen makes every heading plain: the deck
    /// has one size, and plain text always fits.
    #[test]
    fn a_reload_that_adds_a_long_name_changes_the_size_of_every_slide() {
        let mut app = app();
        resize(&mut app, 120, 36);
        app.start_presentation(Some(1));
        let size = |app: &crate::app::App| app.slide_layout().expect("presenting").title_size;
        assert_eq!(size(&app), TitleSize::Large);
        let mut document = app.document().clone();
        document
            .values
            .push(value("Compassionately", "A name of 15 letters."));
        app.update(Action::Reloaded(Ok(document.clone())));
        assert_eq!(
            size(&app),
            TitleSize::Medium,
            "14 large letters fit across 116 columns"
        );
        document
            .values
            .push(value("Supercalifragilisticexpialidocious", "34 letters."));
        app.update(Action::Reloaded(Ok(document)));
        assert_eq!(presenting(&app), Some(Slide::Value(1)));
        assert_eq!(size(&app), TitleSize::Plain, "29 medium letters fit across");
        assert!(
            deck_sizes(&mut app)
                .iter()
                .all(|(_, size, _)| *size == TitleSize::Plain)
        );
    }
}
