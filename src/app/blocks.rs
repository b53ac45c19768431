//! What the detail pane shows, as blocks of text before wrapping: a value (its name, its
//! paragraphs and its video), the About page (the title, the introduction and the links), or a
//! hint when nothing matches the filter. All text is made safe to display here.

use std::borrow::Cow;

use super::View;
use crate::action::Action;
use crate::keys::KeyTable;
use crate::screen::Screen;
use crate::text::visible;
use crate::values::Document;

/// One block of the detail pane's content, before wrapping.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextBlock<'a> {
    pub text: Cow<'a, str>,
    pub kind: BlockKind,
    /// Where the block links to, for blocks that show a link. The text of such a block is a
    /// label, `: ` and the link made safe.
    pub link: Option<&'a str>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    Heading,
    Paragraph,
    Link { highlighted: bool },
    Hint,
}

impl BlockKind {
    /// Whether the filter is looked for in blocks of this kind: the name and the text, which
    /// are what it matches, not the links or hints.
    pub fn is_searched(self) -> bool {
        matches!(self, BlockKind::Heading | BlockKind::Paragraph)
    }
}

/// What decides the detail pane's content.
#[derive(Debug, Clone, Copy)]
pub struct Shown<'a> {
    pub document: &'a Document,
    pub view: View,
    /// Index into the document's values of the selected value.
    pub selected: Option<usize>,
    /// The filter as typed, which the hint for no match names.
    pub filter: &'a str,
    pub keys: &'a KeyTable,
}

impl<'a> Shown<'a> {
    /// The blocks, separated by blank lines when drawn.
    pub fn blocks(&self) -> Vec<TextBlock<'a>> {
        let document = self.document;
        match self.view {
            View::About { link } => {
                let mut blocks = vec![block(Cow::Borrowed(&document.title), BlockKind::Heading)];
                blocks.extend(
                    document
                        .intro_paragraphs()
                        .into_iter()
                        .map(|paragraph| block(Cow::Owned(paragraph), BlockKind::Paragraph)),
                );
                for (index, (label, url)) in about_links(document).into_iter().enumerate() {
                    blocks.push(link_block(label, url, index == link));
                }
                blocks.extend(
                    document
                        .attribution_paragraphs()
                        .into_iter()
                        .map(|paragraph| block(Cow::Owned(paragraph), BlockKind::Hint)),
                );
                blocks
            }
            View::Value => {
                let Some(value) = self.selected.map(|index| &document.values[index]) else {
                    let clears = self
                        .keys
                        .name(&Action::Back, Screen::BROWSER)
                        .map_or(String::new(), |key| format!(" {key} clears the filter."));
                    let hint = format!("No value matches “{}”.{clears}", self.filter);
                    return vec![block(Cow::Owned(hint), BlockKind::Hint)];
                };
                let mut blocks = vec![block(Cow::Borrowed(&value.name), BlockKind::Heading)];
                blocks.extend(
                    value
                        .paragraphs()
                        .into_iter()
                        .map(|paragraph| block(Cow::Owned(paragraph), BlockKind::Paragraph)),
                );
                match &value.video {
                    Some(video) => blocks.push(link_block("Video", video, false)),
                    None => blocks.push(block(
                        Cow::Borrowed("No video for this value."),
                        BlockKind::Hint,
                    )),
                }
                blocks
            }
        }
    }
}

/// How the source page is labelled where its link is offered.
const SOURCE_PAGE: &str = "Source page";

/// The links the About view offers: the source page first, then the document's links.
pub fn about_links(document: &Document) -> Vec<(&str, &str)> {
    let source = document.source.as_deref().map(|url| (SOURCE_PAGE, url));
    let links = document
        .links
        .iter()
        .map(|link| (link.label.as_str(), link.url.as_str()));
    source.into_iter().chain(links).collect()
}

/// The link presentation mode's title slide shows, with its label: the one the document marks
/// for it, else the source page.
pub fn title_slide_link(document: &Document) -> Option<(&str, &str)> {
    document
        .links
        .iter()
        .find(|link| link.on_title_slide)
        .map(|link| (link.label.as_str(), link.url.as_str()))
        .or_else(|| document.source.as_deref().map(|url| (SOURCE_PAGE, url)))
}

/// A block of content with its text made safe to display.
pub(super) fn block(text: Cow<'_, str>, kind: BlockKind) -> TextBlock<'_> {
    let text = match text {
        Cow::Borrowed(text) => visible(text),
        Cow::Owned(text) => match visible(&text) {
            Cow::Borrowed(_) => Cow::Owned(text),
            Cow::Owned(shown) => Cow::Owned(shown),
        },
    };
    TextBlock {
        text,
        kind,
        link: None,
    }
}

pub(super) fn link_block<'a>(label: &str, url: &'a str, highlighted: bool) -> TextBlock<'a> {
    TextBlock {
        link: Some(url),
        ..block(
            Cow::Owned(format!("{label}: {url}")),
            BlockKind::Link { highlighted },
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keys::{Key, bind};
    use crate::values;

    fn shown<'a>(document: &'a Document, view: View, keys: &'a KeyTable) -> Shown<'a> {
        Shown {
            document,
            view,
            selected: Some(1),
            filter: "",
            keys,
        }
    }

    #[test]
    fn a_value_is_its_name_its_paragraphs_and_its_video() {
        let document = values::builtin().expect("the built-in values are valid");
        let keys = KeyTable::default();
        let blocks = shown(&document, View::Value, &keys).blocks();
        let kinds: Vec<BlockKind> = blocks.iter().map(|block| block.kind).collect();
        assert_eq!(
            kinds,
            [
                BlockKind::Heading,
                BlockKind::Paragraph,
                BlockKind::Link { highlighted: false }
            ]
        );
        assert_eq!(blocks[0].text, "Compassion");
        let video = "https://www.youtube.com/watch?v=ri-ty0j2ojs";
        assert_eq!(blocks[2].text, format!("Video: {video}"));
        assert_eq!(blocks[2].link, Some(video));
    }

    #[test]
    fn about_highlights_one_link_and_makes_labels_safe() {
        let mut document = values::builtin().expect("the built-in values are valid");
        document.links[0].label = "Con\u{1b}[2Jstitution".to_owned();
        let keys = KeyTable::default();
        let blocks = shown(&document, View::About { link: 1 }, &keys).blocks();
        let links: Vec<&TextBlock> = blocks.iter().filter(|block| block.link.is_some()).collect();
        assert_eq!(
            links.len(),
            3,
            "the source page and the document's two links"
        );
        assert_eq!(links[0].kind, BlockKind::Link { highlighted: false });
        assert_eq!(links[1].kind, BlockKind::Link { highlighted: true });
        assert_eq!(links[2].kind, BlockKind::Link { highlighted: false });
        assert!(links[1].text.starts_with("Con^[[2Jstitution: https://"));
        assert_eq!(blocks[0].text, document.title);
    }

    #[test]
    fn the_hint_for_no_match_names_the_key_that_clears_the_filter() {
        let document = values::builtin().expect("the built-in values are valid");
        let keys = KeyTable::default();
        let none = Shown {
            selected: None,
            filter: "zebra",
            ..shown(&document, View::Value, &keys)
        };
        assert_eq!(
            none.blocks()[0].text,
            "No value matches “zebra”. Esc clears the filter."
        );
        const OWN: &[crate::keys::Binding] = &[bind(&[Key::Ctrl('g')], "back", Action::Back)];
        let own = KeyTable::new(OWN);
        let none = Shown { keys: &own, ..none };
        assert_eq!(
            none.blocks()[0].text,
            "No value matches “zebra”. Ctrl-G clears the filter."
        );
    }
}
