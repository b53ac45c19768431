//! A changed values file: its new contents are shown keeping what the user was looking at, and
//! a broken one leaves the last good values on screen with a banner saying why.

use super::{App, View};
use crate::values::Document;

impl App {
    /// Shows the file's new contents, keeping what the user was looking at: the selected value
    /// by its name (or, when it is gone, the value now in its place), the filter, the view and
    /// the scroll. A broken file leaves everything as it was, with the error in the banner.
    pub(super) fn reloaded(&mut self, result: Result<Document, String>) {
        let document = match result {
            Ok(document) => document,
            Err(error) => {
                self.notices.reload_failed(&error);
                return;
            }
        };
        self.notices.file_is_good();
        if document == self.document {
            return;
        }
        let selected = self.selected();
        let name = selected.map(|index| self.document.values[index].name.to_lowercase());
        let presented = self.presented_name();
        self.document = document;
        self.presentation.document_changed();
        self.list.measure(&self.document.values);
        // The index was built from the old text.
        self.filter.forget_index();
        self.detail.forget_match();
        self.fill_list(false);
        let (values, visible) = (&self.document.values, self.list.visible());
        // Names are unique ignoring case, so this finds the same value even if its case changed.
        let by_name = name.and_then(|name| {
            visible
                .iter()
                .position(|index| values[*index].name.to_lowercase() == name)
        });
        let in_its_place = selected.map(|old| {
            visible
                .iter()
                .position(|index| *index >= old)
                .unwrap_or(visible.len().saturating_sub(1))
        });
        if by_name.is_none() {
            self.detail.scroll_to_top();
        }
        self.list
            .place_cursor(by_name.or(in_its_place).unwrap_or(0));
        if let View::About { link } = self.view() {
            let last = self.about_links().len().saturating_sub(1);
            self.detail.highlight(View::About {
                link: link.min(last),
            });
        }
        self.keep_presented(presented);
        self.fit_to_panes();
        self.notices.reloaded();
    }
}

#[cfg(test)]
mod tests {
    use crate::action::Action;
    use crate::app::testing::*;
    use crate::app::{MAX_BANNER_LINES, View};

    #[test]
    fn a_reload_keeps_the_selection_by_name_when_values_move() {
        let mut app = app_of(&[("A", "a"), ("B", "b"), ("C", "c")]);
        app.update(Action::SelectNumber(2));
        app.update(Action::Reloaded(Ok(document_of(&[
            ("New", "n"),
            ("C", "c"),
            ("b", "b, rewritten"),
        ]))));
        assert_eq!(selected_name(&app), Some("b"), "found ignoring case");
        assert_eq!(app.document.values[2].text, "b, rewritten");
        assert_eq!(app.reload_error(), None);
        assert_eq!(
            app.status().map(|status| status.text.as_str()),
            Some("Reloaded the values file.")
        );
    }

    #[test]
    fn a_reload_without_the_selected_name_selects_the_value_in_its_place() {
        let mut app = app_of(&[("A", "a"), ("B", "b"), ("C", "c")]);
        app.update(Action::SelectNumber(2));
        app.update(Action::Reloaded(Ok(document_of(&[
            ("A", "a"),
            ("Renamed", "b"),
            ("C", "c"),
        ]))));
        assert_eq!(selected_name(&app), Some("Renamed"));

        app.update(Action::Last);
        app.update(Action::Reloaded(Ok(document_of(&[("A", "a")]))));
        assert_eq!(selected_name(&app), Some("A"), "the list got shorter");
        assert_eq!(app.list().cursor(), 0);
    }

    #[test]
    fn a_reload_keeps_the_filter_the_view_and_the_scroll() {
        let long = "care and more words. ".repeat(80);
        let mut app = app_of(&[("A", "care"), ("B", &long), ("C", "none")]);
        type_filter(&mut app, "care");
        app.update(Action::AcceptFilter);
        app.update(Action::Next);
        app.update(Action::PageDown);
        let scroll = app.detail().scroll();
        assert!(scroll > 0);
        app.update(Action::Reloaded(Ok(document_of(&[
            ("Care first", "x"),
            ("A", "care"),
            ("B", &long),
            ("C", "none"),
        ]))));
        assert_eq!(app.filter().text(), "care");
        let names: Vec<&str> = app
            .list()
            .visible()
            .iter()
            .map(|index| app.document.values[*index].name.as_str())
            .collect();
        assert_eq!(names, ["Care first", "A", "B"]);
        assert_eq!(selected_name(&app), Some("B"));
        assert_eq!(
            app.detail().scroll(),
            scroll,
            "the same value stays where it was read"
        );

        app.update(Action::ToggleAbout);
        app.update(Action::PreviousLink);
        let mut fewer_links = app.document.clone();
        fewer_links.links.clear();
        app.update(Action::Reloaded(Ok(fewer_links)));
        assert_eq!(
            app.view(),
            View::About { link: 0 },
            "only the source is left"
        );
    }

    #[test]
    fn a_broken_file_shows_a_banner_over_the_last_good_values_until_it_is_fixed() {
        let mut app = app_of(&[("A", "a"), ("B", "b")]);
        app.update(Action::Next);
        app.update(Action::Reloaded(Ok(document_of(&[
            ("A", "a"),
            ("B", "b."),
        ]))));
        assert_eq!(status_text(&app), "Reloaded the values file.");
        let before = app.document.clone();
        let error = "values.toml:4:1: unknown key `vidoe` in value 1\u{1b}[2J";
        app.update(Action::Reloaded(Err(error.to_owned())));
        assert_eq!(app.document, before, "the last good values stay");
        assert_eq!(app.status(), None, "the file no longer reloads");
        assert_eq!(selected_name(&app), Some("B"));
        assert_eq!(
            app.reload_error(),
            Some("values.toml:4:1: unknown key `vidoe` in value 1^[[2J"),
            "made safe to show"
        );
        let banner = app.banner_lines().join(" ");
        assert!(
            banner.starts_with("error: values.toml:4:1: unknown key"),
            "{banner}"
        );
        assert!(banner.contains("the last good values"), "{banner}");

        app.update(Action::Next);
        assert!(app.reload_error().is_some(), "keys do not clear the banner");

        app.update(Action::Reloaded(Ok(document_of(&[
            ("A", "a"),
            ("B", "fixed"),
        ]))));
        assert_eq!(app.reload_error(), None);
        assert!(app.banner_lines().is_empty());
        assert_eq!(app.document.values[1].text, "fixed");
    }

    #[test]
    fn the_banner_takes_rows_from_the_panes() {
        let mut app = app();
        app.update(Action::Resize {
            width: 120,
            height: 24,
        });
        let rows = app.areas().list.height;
        app.update(Action::Reloaded(Err("v.toml:1:1: broken".to_owned())));
        assert_eq!(app.areas().banner.height, 1);
        assert_eq!(app.areas().list.height, rows - 1);
        app.update(Action::Reloaded(Err("v.toml:1:1: broken ".repeat(30))));
        assert_eq!(app.areas().banner.height, MAX_BANNER_LINES as u16);
    }

    #[test]
    fn a_reload_applies_while_help_is_open_and_keeps_the_message() {
        let mut app = app_of(&[("A", "a")]);
        app.update(Action::Launched(Ok("https://example.org".to_owned())));
        app.update(Action::Reloaded(Err("v.toml:1:1: broken".to_owned())));
        assert!(app.status().is_some(), "a reload is not a key press");
        app.update(Action::ToggleHelp);
        app.update(Action::Reloaded(Ok(document_of(&[("A", "new")]))));
        assert!(app.help().is_some());
        assert_eq!(app.reload_error(), None);
        assert_eq!(app.document.values[0].text, "new");
    }

    #[test]
    fn an_unchanged_file_changes_nothing() {
        let mut app = app_of(&[("A", "a"), ("B", "b")]);
        app.update(Action::Next);
        app.update(Action::Reloaded(Err("v.toml:1:1: broken".to_owned())));
        app.update(Action::Reloaded(Ok(app.document.clone())));
        assert_eq!(app.status(), None);
        assert_eq!(app.reload_error(), None, "the fixed file clears the banner");
        assert_eq!(selected_name(&app), Some("B"));
    }

    #[test]
    fn the_filter_searches_the_reloaded_text() {
        let mut app = app_of(&[("A", "a"), ("B", "b")]);
        type_filter(&mut app, "zebra");
        assert!(app.list().is_empty());
        app.update(Action::Back);
        app.update(Action::Reloaded(Ok(document_of(&[
            ("A", "a"),
            ("B", "a zebra"),
        ]))));
        type_filter(&mut app, "zebra");
        assert_eq!(app.list().visible(), [1]);
    }
}
