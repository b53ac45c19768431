//! `n` and `N`: stepping through the filter's matches in the text of the value shown.

use super::App;
use crate::action::Action;
use crate::screen::Screen;

impl App {
    /// Moves to the next (or previous) match of the filter in the detail text, or says why
    /// there is none.
    pub(super) fn step_match(&mut self, forward: bool) {
        let Some(query) = self.detail_query() else {
            let text = if self.filter.is_set() {
                self.match_keys_hint()
            } else {
                let starts = self
                    .keys
                    .name(&Action::StartFilter, Screen::BROWSER)
                    .map_or(String::new(), |key| format!(": {key} starts one"));
                format!("No filter to find{starts}.")
            };
            self.notices.say(&text, true);
            return;
        };
        let Some(value) = self.selected() else {
            let text = format!("No value matches “{}”.", self.filter.text());
            self.notices.say(&text, true);
            return;
        };
        let found = self.wrapped_detail().matches(&query);
        if found.is_empty() {
            self.notices
                .say("The filter matches no words shown here.", false);
            return;
        }
        let height = self.detail_height().max(1);
        let index = self.detail.step_match(&found, forward, value, height);
        let text = format!("Match {} of {}", index + 1, found.len());
        self.notices.say(&text, false);
    }

    /// Why the match keys do nothing in About, naming them and the key that leaves it.
    fn match_keys_hint(&self) -> String {
        let keys: Vec<_> = [Action::NextMatch, Action::PreviousMatch]
            .iter()
            .filter_map(|action| self.keys.name(action, Screen::BROWSER))
            .collect();
        let keys = keys.join(" and ");
        let leave = self
            .keys
            .name(&Action::ToggleAbout, Screen::BROWSER)
            .map_or(String::new(), |key| format!("; {key} leaves About"));
        format!("{keys} find the filter in a value's text{leave}.")
    }
}

#[cfg(test)]
mod tests {
    use crate::action::Action;
    use crate::app::testing::*;

    #[test]
    fn n_and_shift_n_step_through_the_matches_in_the_text() {
        let text = "Care comes first.\n\n".to_owned() + &"Some words. ".repeat(60) + "We care.";
        let mut app = app_of(&[("Taking care", &text), ("Other", "none")]);
        app.update(Action::Resize {
            width: 60,
            height: 14,
        });
        type_filter(&mut app, "care");
        app.update(Action::AcceptFilter);
        assert_eq!(app.current_match(), None);

        app.update(Action::NextMatch);
        assert_eq!(status_text(&app), "Match 1 of 3");
        assert_eq!(app.current_match(), Some((0, 7)), "in the heading");
        app.update(Action::NextMatch);
        assert_eq!(status_text(&app), "Match 2 of 3");
        assert_eq!(app.current_match(), Some((1, 0)));
        assert_eq!(app.detail().scroll(), 0);

        app.update(Action::NextMatch);
        assert_eq!(status_text(&app), "Match 3 of 3");
        let height = usize::from(crate::layout::detail_inner(app.areas().detail).height);
        let last_line = app.detail_line_count() - 3;
        assert!(last_line >= height, "the last match starts off screen");
        assert!(
            (app.detail().scroll()..app.detail().scroll() + height).contains(&last_line),
            "scrolled to show the match on line {last_line}, at {}",
            app.detail().scroll()
        );

        app.update(Action::NextMatch);
        assert_eq!(status_text(&app), "Match 1 of 3", "round to the first");
        assert_eq!(app.detail().scroll(), 0);
        app.update(Action::PreviousMatch);
        assert_eq!(status_text(&app), "Match 3 of 3", "and back to the last");
    }

    #[test]
    fn the_first_n_starts_from_the_text_on_screen() {
        let text = "care ".to_owned() + &"Some words. ".repeat(80) + "care care";
        let mut app = app_of(&[("A", &text)]);
        app.update(Action::Resize {
            width: 60,
            height: 14,
        });
        type_filter(&mut app, "care");
        app.update(Action::AcceptFilter);
        for _ in 0..20 {
            app.update(Action::PageDown);
        }
        app.update(Action::NextMatch);
        assert_eq!(status_text(&app), "Match 2 of 3");
        app.update(Action::Next);
        app.update(Action::First);
        app.update(Action::PreviousMatch);
        assert_eq!(
            status_text(&app),
            "Match 1 of 3",
            "moving away and back forgets the match"
        );
    }

    #[test]
    fn n_without_a_filter_or_in_about_says_what_it_needs() {
        let mut app = app();
        app.update(Action::NextMatch);
        assert!(
            status_text(&app).contains("/ starts one"),
            "{}",
            status_text(&app)
        );
        type_filter(&mut app, "care");
        app.update(Action::AcceptFilter);
        app.update(Action::ToggleAbout);
        app.update(Action::NextMatch);
        assert!(
            status_text(&app).contains("i leaves About"),
            "{}",
            status_text(&app)
        );
        app.update(Action::ToggleAbout);
        app.update(Action::NextMatch);
        assert!(
            status_text(&app).starts_with("Match 1 of"),
            "{}",
            status_text(&app)
        );
        type_filter(&mut app, "x");
        assert_eq!(app.current_match(), None, "a new filter forgets the match");
    }

    #[test]
    fn n_looks_in_the_name_and_the_text_not_in_links_or_hints() {
        let mut document = document_of(&[("Care", "We care."), ("Video", "A film.")]);
        document.values[0].video = Some("https://example.org/care".to_owned());
        let mut app = app_on(document);
        type_filter(&mut app, "care");
        app.update(Action::AcceptFilter);
        app.update(Action::NextMatch);
        assert_eq!(status_text(&app), "Match 1 of 2", "not the video link's");

        app.update(Action::Back);
        type_filter(&mut app, "video");
        app.update(Action::AcceptFilter);
        app.update(Action::NextMatch);
        assert_eq!(
            status_text(&app),
            "Match 1 of 1",
            "not “No video for this value.”"
        );
    }
}
