//! The links: opening or copying the one Enter would open (which the QR code overlay shows), and
//! stepping through About's.

use super::{App, View};
use crate::action::Effect;

impl App {
    /// Opens (`Effect::OpenUrl`) or copies (`Effect::Copy`) the current link.
    pub(super) fn with_link(&mut self, effect: fn(String) -> Effect) -> Option<Effect> {
        match self.current_link() {
            Ok(url) => Some(effect(url)),
            Err(reason) => {
                self.notices.say(&reason, true);
                None
            }
        }
    }

    /// The link Enter opens and `y` copies: the highlighted link in About, else the selected
    /// value's video; or why there is none.
    fn current_link(&self) -> Result<String, String> {
        self.current_link_labelled().map(|(_, url)| url)
    }

    /// The current link with what it is, for the QR code overlay: the slide's while presenting.
    pub(super) fn current_link_labelled(&self) -> Result<(String, String), String> {
        if let Some(slide) = self.presentation.slide() {
            return self.slide_link(slide);
        }
        match self.view() {
            View::About { link } => self
                .about_links()
                .get(link)
                .map(|(label, url)| ((*label).to_owned(), (*url).to_owned()))
                .ok_or_else(|| "This document has no links.".to_owned()),
            View::Value => self
                .selected()
                .ok_or_else(|| "No value is selected.".to_owned())
                .and_then(|index| self.video_link(index)),
        }
    }

    /// The video of the value at `index`, with what it is; or why there is none.
    pub(super) fn video_link(&self, index: usize) -> Result<(String, String), String> {
        let value = self
            .document
            .values
            .get(index)
            .ok_or_else(|| "No value is shown.".to_owned())?;
        value
            .video
            .clone()
            .map(|url| (format!("{}: video", value.name), url))
            .ok_or_else(|| format!("“{}” has no video.", value.name))
    }

    pub(super) fn step_link(&mut self, step: isize) {
        if let View::About { link } = self.view() {
            let count = self.about_links().len();
            if count > 0 {
                let next = (link as isize + step).rem_euclid(count as isize) as usize;
                self.detail.highlight(View::About { link: next });
                self.scroll_to_highlighted_link();
            }
        }
    }

    /// Scrolls the About page just enough to show the highlighted link whole.
    fn scroll_to_highlighted_link(&mut self) {
        self.lay_out();
        let Some(lines) = self.wrapped_detail().highlighted_link() else {
            return;
        };
        let height = self.detail_height().max(1);
        self.detail.scroll_into_view(lines, height);
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use crate::action::{Action, Effect};
    use crate::app::{BlockKind, View};

    #[test]
    fn open_asks_for_the_selected_video() {
        let mut app = app();
        app.update(Action::Next);
        assert_eq!(
            app.update(Action::Open),
            Some(Effect::OpenUrl(
                "https://www.youtube.com/watch?v=ri-ty0j2ojs".to_owned()
            ))
        );
    }

    #[test]
    fn a_value_without_video_says_so() {
        let mut app = app_with(3);
        assert_eq!(app.update(Action::Open), None);
        let status = app.status().cloned().expect("a status message");
        assert!(status.is_error);
        assert_eq!(status.text, "“Value 1” has no video.");
    }

    #[test]
    fn about_offers_the_source_and_the_links() {
        let mut app = app();
        app.update(Action::ToggleAbout);
        assert_eq!(app.view(), View::About { link: 0 });
        assert_eq!(
            app.update(Action::Open),
            Some(Effect::OpenUrl(
                "https://hee.nhs.uk/about/our-values".to_owned()
            ))
        );
        app.update(Action::NextLink);
        let Some(Effect::OpenUrl(url)) = app.update(Action::Open) else {
            panic!("the second link opens");
        };
        assert!(url.starts_with("https://www.gov.uk/government/publications/the-nhs-constitution"));
        app.update(Action::NextLink);
        let Some(Effect::OpenUrl(url)) = app.update(Action::Open) else {
            panic!("the licence's link opens");
        };
        assert!(url.starts_with("https://www.nationalarchives.gov.uk/doc/open-government-licence"));
        app.update(Action::NextLink);
        assert_eq!(app.view(), View::About { link: 0 }, "Tab wraps around");
        app.update(Action::PreviousLink);
        assert_eq!(app.view(), View::About { link: 2 });
        assert_eq!(app.update(Action::Back), None);
        assert_eq!(app.view(), View::Value);
    }

    #[test]
    fn about_without_links_has_none_to_step_to_or_open() {
        let mut document = document_of(&[("A", "a")]);
        document.source = None;
        document.links.clear();
        let mut app = crate::app::App::new(document);
        app.update(Action::ToggleAbout);
        app.update(Action::NextLink);
        app.update(Action::PreviousLink);
        assert_eq!(app.view(), View::About { link: 0 });
        assert_eq!(app.update(Action::Open), None);
        assert_eq!(status_text(&app), "This document has no links.");
    }

    #[test]
    fn tab_scrolls_the_highlighted_link_into_view() {
        let mut app = app();
        app.update(Action::Resize {
            width: 60,
            height: 16,
        });
        app.update(Action::ToggleAbout);
        assert_eq!(app.detail().scroll(), 0);
        app.update(Action::PreviousLink);
        let height = usize::from(crate::layout::detail_inner(app.areas().detail).height);
        let last_link = {
            let wrapped = app.wrapped_detail();
            let index = wrapped
                .blocks
                .iter()
                .rposition(|block| matches!(block.kind, BlockKind::Link { .. }))
                .expect("About has links");
            wrapped.block_range(index).expect("the link has lines")
        };
        assert!(
            last_link.end < app.detail_line_count(),
            "the attribution follows"
        );
        assert_eq!(
            app.detail().scroll(),
            last_link.end - height,
            "the last link is at the bottom"
        );
        app.update(Action::PreviousLink);
        let shown = app.detail().scroll();
        assert_eq!(app.view(), View::About { link: 1 });
        assert_eq!(
            shown,
            last_link.end - height,
            "the link above is already in view"
        );
        for _ in 0..10 {
            app.update(Action::PageUp);
        }
        assert_eq!(app.detail().scroll(), 0);
        app.update(Action::NextLink);
        assert_eq!(app.detail().scroll(), shown);
    }

    #[test]
    fn y_copies_the_link_enter_would_open() {
        let mut app = app();
        app.update(Action::Next);
        assert_eq!(
            app.update(Action::Copy),
            Some(Effect::Copy(
                "https://www.youtube.com/watch?v=ri-ty0j2ojs".to_owned()
            ))
        );
        app.update(Action::ToggleAbout);
        assert_eq!(
            app.update(Action::Copy),
            Some(Effect::Copy(
                "https://hee.nhs.uk/about/our-values".to_owned()
            ))
        );
        app.update(Action::NextLink);
        let Some(Effect::Copy(url)) = app.update(Action::Copy) else {
            panic!("the highlighted link is copied");
        };
        assert!(url.starts_with("https://www.gov.uk/government/publications/the-nhs-constitution"));

        let mut app = app_with(2);
        assert_eq!(app.update(Action::Copy), None);
        let status = app.status().cloned().expect("a status message");
        assert!(status.is_error);
        assert_eq!(status.text, "“Value 1” has no video.");
    }

    #[test]
    fn c_shows_the_link_enter_would_open_until_esc() {
        let mut app = app();
        app.update(Action::Next);
        app.update(Action::ShowQrCode);
        let shown = app
            .qr()
            .map(|qr| qr.link())
            .cloned()
            .expect("the overlay is open");
        let video = "https://www.youtube.com/watch?v=ri-ty0j2ojs";
        assert_eq!(
            (shown.label.as_str(), shown.url.as_str()),
            ("Compassion: video", video)
        );
        assert!(shown.code.is_some());
        app.update(Action::Next);
        assert_eq!(app.selected(), Some(1), "the overlay takes the keys");
        assert_eq!(
            app.update(Action::Open),
            Some(Effect::OpenUrl(video.to_owned()))
        );
        assert_eq!(
            app.update(Action::Copy),
            Some(Effect::Copy(video.to_owned()))
        );
        assert_eq!(app.update(Action::Back), None, "Esc closes, not quits");
        assert!(app.qr().is_none());

        app.update(Action::ToggleAbout);
        app.update(Action::NextLink);
        app.update(Action::ShowQrCode);
        let shown = app
            .qr()
            .map(|qr| qr.link())
            .cloned()
            .expect("the overlay is open");
        assert_eq!(shown.label, "The NHS Constitution for England");
        app.update(Action::ShowQrCode);
        assert!(app.qr().is_none(), "c again closes it");

        let mut app = app_with(2);
        app.update(Action::ShowQrCode);
        assert!(app.qr().is_none());
        assert_eq!(status_text(&app), "“Value 1” has no video.");
    }
}
