//! Presentation mode: its state here (whether it is on, the slide shown, whether the screen is
//! blanked, how far a slide taller than the screen is scrolled, and the slide as laid out after
//! the last change); its keys and mouse in `keys`; a slide laid out for the screen in `layout`,
//! with the title's size in `title`.

mod keys;
mod layout;
mod title;

pub use layout::{SlideLayout, SlideLine};
pub use title::{TitleSize, has_big_letter};

use crate::keys::KeyTable;
use crate::values::Document;

/// A slide: the title slide (the document's title and introduction), then one per value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Slide {
    Title,
    /// The value with this index in the document.
    Value(usize),
}

/// Presentation mode.
#[derive(Debug, Clone, Default)]
pub struct PresentationState {
    /// The slide shown; `None` while the browser is.
    slide: Option<Slide>,
    blank: bool,
    /// The first row of the slide on screen.
    scroll: usize,
    /// The slide as laid out after the last change; `lay_out` makes it again when it is out of
    /// date.
    layout: SlideLayout,
    /// The one title size of every slide, and the screen size it was worked out for: it takes
    /// laying out every slide, so it is kept until the screen or the document changes.
    deck: Option<((u16, u16), TitleSize)>,
}

impl PresentationState {
    pub fn is_on(&self) -> bool {
        self.slide.is_some()
    }

    /// The slide shown, while presenting.
    pub fn slide(&self) -> Option<Slide> {
        self.slide
    }

    /// Whether the screen is blanked (`b`).
    pub fn is_blank(&self) -> bool {
        self.slide.is_some() && self.blank
    }

    /// The first row of the slide on screen.
    pub fn scroll(&self) -> usize {
        self.scroll
    }

    /// The slide shown, as laid out by the last `lay_out`, while presenting.
    pub fn layout(&self) -> Option<&SlideLayout> {
        self.slide.map(|_| &self.layout)
    }

    /// Lays out the slide shown, of `document`, for a screen of `size`, only when the slide,
    /// its content, the size or the deck's title size has changed since the last time.
    pub(super) fn lay_out(&mut self, document: &Document, keys: &KeyTable, size: (u16, u16)) {
        let Some(slide) = self.slide else {
            return;
        };
        let largest = match self.deck {
            Some((made_for, largest)) if made_for == size => largest,
            _ => {
                let largest = layout::deck_title_size(document, keys, size);
                self.deck = Some((size, largest));
                largest
            }
        };
        if !self.layout.is_current(document, slide, size, largest) {
            self.layout = SlideLayout::new(document, slide, keys, size, largest, &self.layout);
        }
    }

    /// Forgets the deck's title size, for a document that changed.
    pub(super) fn document_changed(&mut self) {
        self.deck = None;
    }

    /// Starts presenting at `slide`, not blanked.
    pub(super) fn start(&mut self, slide: Slide) {
        self.blank = false;
        self.show(slide);
    }

    /// Stops presenting, giving the slide last shown.
    pub(super) fn stop(&mut self) -> Option<Slide> {
        self.blank = false;
        self.slide.take()
    }

    /// Shows `slide` from its top.
    pub(super) fn show(&mut self, slide: Slide) {
        self.slide = Some(slide);
        self.scroll = 0;
    }

    /// The slide after the one shown, of a document of `values` values; `None` after the last.
    pub(super) fn next(&self, values: usize) -> Option<Slide> {
        match self.slide? {
            Slide::Title => (values > 0).then_some(Slide::Value(0)),
            Slide::Value(index) => (index + 1 < values).then_some(Slide::Value(index + 1)),
        }
    }

    /// The slide before the one shown; `None` before the title.
    pub(super) fn previous(&self) -> Option<Slide> {
        match self.slide? {
            Slide::Title => None,
            Slide::Value(0) => Some(Slide::Title),
            Slide::Value(index) => Some(Slide::Value(index - 1)),
        }
    }

    pub(super) fn set_blank(&mut self, blank: bool) {
        self.blank = blank;
    }

    /// Scrolls by `lines` (negative is up), no further than `max`.
    pub(super) fn scroll_by(&mut self, lines: isize, max: usize) {
        self.scroll = self.scroll.saturating_add_signed(lines).min(max);
    }

    /// Keeps the scroll within `max` after the screen or the slide changed.
    pub(super) fn clamp_scroll(&mut self, max: usize) {
        self.scroll = self.scroll.min(max);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slides_go_from_the_title_through_each_value_and_stop_at_the_ends() {
        let mut presentation = PresentationState::default();
        assert!(!presentation.is_on());
        assert_eq!(presentation.next(3), None, "not presenting");
        presentation.start(Slide::Title);
        assert_eq!(presentation.previous(), None);
        assert_eq!(presentation.next(3), Some(Slide::Value(0)));
        assert_eq!(presentation.next(0), None, "no values");
        presentation.show(Slide::Value(1));
        assert_eq!(presentation.next(3), Some(Slide::Value(2)));
        assert_eq!(presentation.previous(), Some(Slide::Value(0)));
        presentation.show(Slide::Value(2));
        assert_eq!(presentation.next(3), None, "the last value");
        presentation.show(Slide::Value(0));
        assert_eq!(presentation.previous(), Some(Slide::Title));
        assert_eq!(presentation.stop(), Some(Slide::Value(0)));
        assert!(!presentation.is_on());
    }

    #[test]
    fn blanking_lasts_until_lifted_or_the_presentation_ends() {
        let mut presentation = PresentationState::default();
        presentation.set_blank(true);
        assert!(!presentation.is_blank(), "nothing to blank in the browser");
        presentation.start(Slide::Value(0));
        presentation.set_blank(true);
        assert!(presentation.is_blank());
        presentation.show(Slide::Value(1));
        assert!(presentation.is_blank(), "still blank");
        presentation.set_blank(false);
        assert!(!presentation.is_blank());
        presentation.set_blank(true);
        presentation.stop();
        presentation.start(Slide::Title);
        assert!(!presentation.is_blank(), "a new presentation starts shown");
    }

    #[test]
    fn the_scroll_stays_within_the_slide_and_starts_at_the_top_of_each() {
        let mut presentation = PresentationState::default();
        presentation.start(Slide::Value(0));
        presentation.scroll_by(10, 4);
        assert_eq!(presentation.scroll(), 4);
        presentation.scroll_by(-1, 4);
        presentation.clamp_scroll(2);
        assert_eq!(presentation.scroll(), 2);
        presentation.show(Slide::Value(1));
        assert_eq!(presentation.scroll(), 0);
        presentation.scroll_by(-3, 4);
        assert_eq!(presentation.scroll(), 0);
    }
}
