//! The detail pane's content wrapped to its width, kept between frames and keys: wrapping is
//! the costliest thing on the screen (a value may be a megabyte of text), and it only changes
//! when what is shown or the width does.

use std::ops::Range;

use unicode_width::UnicodeWidthStr;

use super::View;
use super::blocks::{BlockKind, Shown, TextBlock};
use super::search::find;
use crate::text::visible;
use crate::values::{Link, Value};
use crate::wrap;

/// What the content was made from, compared by content rather than by position, so that any
/// change (another value, another view, a document replaced by a reload) is seen.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Subject {
    Value(Value),
    /// No value passes the filter: the hint names the filter.
    NoMatch(String),
    About {
        link: usize,
        title: String,
        intro: String,
        source: Option<String>,
        links: Vec<Link>,
        attribution: String,
    },
}

impl Subject {
    fn of(shown: &Shown<'_>) -> Subject {
        let document = shown.document;
        match (shown.view, shown.selected) {
            (View::About { link }, _) => Subject::About {
                link,
                title: document.title.clone(),
                intro: document.intro.clone(),
                source: document.source.clone(),
                links: document.links.clone(),
                attribution: document.attribution.clone(),
            },
            (View::Value, Some(index)) => Subject::Value(document.values[index].clone()),
            (View::Value, None) => Subject::NoMatch(shown.filter.to_owned()),
        }
    }

    /// Whether `shown` is still this, without copying anything.
    fn is(&self, shown: &Shown<'_>) -> bool {
        let document = shown.document;
        match (self, shown.view, shown.selected) {
            (
                Subject::About {
                    link,
                    title,
                    intro,
                    source,
                    links,
                    attribution,
                },
                View::About { link: shown },
                _,
            ) => {
                *link == shown
                    && *title == document.title
                    && *intro == document.intro
                    && *source == document.source
                    && *links == document.links
                    && *attribution == document.attribution
            }
            (Subject::Value(value), View::Value, Some(index)) => *value == document.values[index],
            (Subject::NoMatch(filter), View::Value, None) => filter == shown.filter,
            _ => false,
        }
    }
}

/// A detail block with its own copy of its text and link, so that it can be kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeptBlock {
    /// The text, made safe to display; a link cut to the width ends in `…`.
    pub text: String,
    pub kind: BlockKind,
    /// Where the block links to, for blocks that show a link: always the whole link.
    pub link: Option<String>,
}

/// A match of the filter in the detail text: its block, the byte it starts at there, and the
/// line of the pane it starts on.
pub type Found = (usize, usize, usize);

/// The columns the detail content is laid out in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Widths {
    /// Text is wrapped to this: the pane, but no wider than is comfortable to read.
    pub text: usize,
    /// The pane's, which a link on a line of its own may fill.
    pub pane: usize,
}

/// The detail blocks and their lines at one width.
#[derive(Debug, Clone, Default)]
pub struct WrappedDetail {
    /// `None` until first made, so that it never passes for current.
    made_for: Option<(Subject, Widths)>,
    pub blocks: Vec<KeptBlock>,
    /// Each block's lines, as byte ranges into its text.
    pub lines: Vec<Vec<Range<usize>>>,
    /// The line of the pane each block starts on; a blank line comes before each but the first.
    starts: Vec<usize>,
    total: usize,
}

impl WrappedDetail {
    pub(super) fn new(shown: &Shown<'_>, widths: Widths) -> WrappedDetail {
        let (blocks, lines): (Vec<KeptBlock>, Vec<Vec<Range<usize>>>) = shown
            .blocks()
            .into_iter()
            .map(|block| lay_out(block, widths))
            .unzip();
        let mut starts = Vec::with_capacity(lines.len());
        let mut next = 0;
        for block_lines in &lines {
            starts.push(next);
            next += block_lines.len() + 1;
        }
        WrappedDetail {
            made_for: Some((Subject::of(shown), widths)),
            blocks,
            lines,
            starts,
            total: next.saturating_sub(1),
        }
    }

    /// Whether this is what `shown` looks like in `widths`.
    pub(super) fn is_current(&self, shown: &Shown<'_>, widths: Widths) -> bool {
        self.made_for
            .as_ref()
            .is_some_and(|(subject, made_for)| *made_for == widths && subject.is(shown))
    }

    /// Lines of the whole content, blank lines between blocks included.
    pub fn line_count(&self) -> usize {
        self.total
    }

    /// The lines of the pane that block `index` occupies.
    pub fn block_range(&self, index: usize) -> Option<Range<usize>> {
        let start = *self.starts.get(index)?;
        Some(start..start + self.lines[index].len())
    }

    /// The lines of the highlighted link in About.
    pub fn highlighted_link(&self) -> Option<Range<usize>> {
        let index = self
            .blocks
            .iter()
            .position(|block| block.kind == BlockKind::Link { highlighted: true })?;
        self.block_range(index)
    }

    /// The link drawn at `column` of `line` (counted from the top of the content), with its
    /// place among the links shown; `None` where no link's text is.
    pub fn link_at(&self, line: usize, column: usize) -> Option<(&str, usize)> {
        let (index, lines) = (0..self.blocks.len())
            .filter_map(|index| Some((index, self.block_range(index)?)))
            .find(|(_, lines)| lines.contains(&line))?;
        let block = &self.blocks[index];
        let url = block.link.as_deref()?;
        let shown = self.lines[index].get(line - lines.start)?;
        if column >= block.text[shown.clone()].width() {
            return None;
        }
        let link = self.blocks[..index]
            .iter()
            .filter(|block| block.link.is_some())
            .count();
        Some((url, link))
    }

    /// Every match of `query` in the searched blocks, in reading order.
    pub fn matches(&self, query: &[char]) -> Vec<Found> {
        let mut found = Vec::new();
        for (index, (block, ranges)) in self.blocks.iter().zip(&self.lines).enumerate() {
            let Some(lines) = self.block_range(index) else {
                continue;
            };
            if !block.kind.is_searched() {
                continue;
            }
            for range in find(&block.text, query) {
                // A match starting in the spaces at a break is first seen on the next line.
                let line = ranges
                    .iter()
                    .position(|line| range.start < line.end)
                    .unwrap_or(0);
                found.push((index, range.start, lines.start + line));
            }
        }
        found
    }
}

/// A block kept with its lines in `widths`. Text is wrapped at spaces. A link that does not fit
/// on one line with its label goes on a line of its own, never broken, so that it reads as one
/// and can be selected in one go; it is cut with `…` only where the pane is narrower than it.
pub(super) fn lay_out(block: TextBlock<'_>, widths: Widths) -> (KeptBlock, Vec<Range<usize>>) {
    let mut text = block.text.into_owned();
    let link = block.link.map(str::to_owned);
    let address = link.as_deref().map(visible);
    let label_end = address
        .as_deref()
        .filter(|_| widths.text > 0 && text.width() > widths.text)
        .and_then(|address| text.strip_suffix(address))
        .map(str::len);
    let lines = match (label_end, address) {
        (Some(label_end), Some(address)) => {
            let mut lines = wrap::wrap_ranges(text[..label_end].trim_end(), widths.text);
            text.truncate(label_end);
            text.push_str(&wrap::truncate(&address, widths.pane.max(widths.text)));
            lines.push(label_end..text.len());
            lines
        }
        _ => wrap::wrap_ranges(&text, widths.text),
    };
    let kept = KeptBlock {
        text,
        kind: block.kind,
        link,
    };
    (kept, lines)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::action::Action;
    use crate::app::App;
    use crate::values;

    fn app_at(width: u16, height: u16) -> App {
        let mut app = App::new(values::builtin().expect("the built-in values are valid"));
        app.update(Action::Resize { width, height });
        app
    }

    /// The text of the pane's lines, as the pane shows them, from laying the blocks out afresh.
    fn expected_lines(app: &App) -> Vec<String> {
        let widths = app.detail_widths();
        let mut lines = Vec::new();
        for (index, block) in app.detail_blocks().into_iter().enumerate() {
            if index > 0 {
                lines.push(String::new());
            }
            let (kept, ranges) = lay_out(block, widths);
            lines.extend(ranges.into_iter().map(|range| kept.text[range].to_owned()));
        }
        lines
    }

    fn cached_lines(app: &App) -> Vec<String> {
        let wrapped = app.wrapped_detail();
        let mut lines = Vec::new();
        for (index, (block, ranges)) in wrapped.blocks.iter().zip(&wrapped.lines).enumerate() {
            if index > 0 {
                lines.push(String::new());
            }
            assert_eq!(
                wrapped.block_range(index).map(|lines| lines.start),
                Some(lines.len())
            );
            lines.extend(
                ranges
                    .iter()
                    .map(|range| block.text[range.clone()].to_owned()),
            );
        }
        assert_eq!(lines.len(), wrapped.line_count());
        lines
    }

    #[test]
    fn a_resize_wraps_again_at_the_new_width() {
        let mut app = app_at(80, 24);
        let narrow = cached_lines(&app);
        app.update(Action::Resize {
            width: 200,
            height: 60,
        });
        let wide = cached_lines(&app);
        assert_ne!(narrow, wide);
        assert_eq!(wide, expected_lines(&app));
        app.update(Action::Resize {
            width: 40,
            height: 20,
        });
        assert_eq!(cached_lines(&app), expected_lines(&app));
    }

    #[test]
    fn a_new_selection_view_or_filter_is_wrapped_afresh() {
        let mut app = app_at(80, 24);
        let first = cached_lines(&app);
        app.update(Action::Next);
        assert_ne!(cached_lines(&app), first);
        assert_eq!(cached_lines(&app)[0], "Compassion");
        app.update(Action::ToggleAbout);
        assert_eq!(cached_lines(&app), expected_lines(&app));
        app.update(Action::NextLink);
        let highlighted = app
            .wrapped_detail()
            .blocks
            .iter()
            .any(|block| block.kind == BlockKind::Link { highlighted: true });
        assert!(highlighted);
        app.update(Action::ToggleAbout);
        app.update(Action::StartFilter);
        app.update(Action::FilterInput('z'));
        assert!(cached_lines(&app)[0].contains("“z”"));
        app.update(Action::FilterInput('q'));
        assert!(cached_lines(&app)[0].contains("“zq”"));
    }

    #[test]
    fn a_changed_document_is_never_shown_from_the_old_wrapping() {
        let mut app = app_at(80, 24);
        let before = cached_lines(&app);
        app.document.values[0].text = "Replaced text.".to_owned();
        // As a reload does: every change ends in laying out what is out of date.
        app.lay_out();
        let after = cached_lines(&app);
        assert_ne!(before, after);
        assert_eq!(after, expected_lines(&app));
    }

    /// The layout is kept while it is current, so `is_current` must see every change to what
    /// the pane shows, and must not take an unchanged pane for a changed one.
    #[test]
    fn the_layout_is_current_for_what_it_was_made_from_and_nothing_else() {
        use crate::keys::KeyTable;
        use crate::values::{Document, Link};

        let keys = KeyTable::default();
        let widths = Widths { text: 60, pane: 70 };
        let document = values::builtin().expect("the built-in values are valid");
        let changed = |change: fn(&mut Document)| {
            let mut document = document.clone();
            change(&mut document);
            document
        };
        let shown = |document, view, selected, filter| Shown {
            document,
            view,
            selected,
            filter,
            keys: &keys,
        };
        let about = View::About { link: 1 };
        let value = shown(&document, View::Value, Some(1), "");
        let no_match = shown(&document, View::Value, None, "zebra");
        let about_page = shown(&document, about, Some(1), "");
        for made_from in [value, no_match, about_page] {
            let made = WrappedDetail::new(&made_from, widths);
            assert!(made.is_current(&made_from, widths), "{made_from:?}");
            for other in [Widths { text: 59, pane: 70 }, Widths { text: 60, pane: 69 }] {
                assert!(!made.is_current(&made_from, other), "{other:?}");
            }
        }

        let other_texts = [
            changed(|document| document.values[1].text.push('!')),
            changed(|document| document.values[1].video = None),
        ];
        let mut not_the_value = vec![
            shown(&document, View::Value, Some(2), ""),
            shown(&document, View::Value, None, ""),
            shown(&document, about, Some(1), ""),
        ];
        not_the_value.extend(
            other_texts
                .iter()
                .map(|document| shown(document, View::Value, Some(1), "")),
        );
        let made = WrappedDetail::new(&value, widths);
        for other in &not_the_value {
            assert!(!made.is_current(other, widths), "{other:?}");
        }

        let made = WrappedDetail::new(&no_match, widths);
        for other in [
            shown(&document, View::Value, None, "zebr"),
            shown(&document, View::Value, Some(0), "zebra"),
            shown(&document, View::About { link: 0 }, None, "zebra"),
        ] {
            assert!(!made.is_current(&other, widths), "{other:?}");
        }

        let other_pages = [
            changed(|document| document.title.push('!')),
            changed(|document| document.intro.push('!')),
            changed(|document| document.source = None),
            changed(|document| {
                document.links.push(Link {
                    label: "More".to_owned(),
                    url: "https://example.org".to_owned(),
                    on_title_slide: false,
                })
            }),
            changed(|document| document.attribution.push('!')),
        ];
        let mut not_the_page = vec![
            shown(&document, View::About { link: 2 }, Some(1), ""),
            shown(&document, View::Value, Some(1), ""),
        ];
        not_the_page.extend(
            other_pages
                .iter()
                .map(|document| shown(document, about, Some(1), "")),
        );
        let made = WrappedDetail::new(&about_page, widths);
        for other in &not_the_page {
            assert!(!made.is_current(other, widths), "{other:?}");
        }
        // Only what the page shows counts: the values and the selection are not on it.
        let more_values = changed(|document| document.values[0].text.push('!'));
        assert!(made.is_current(&shown(&more_values, about, Some(3), "x"), widths));
    }

    #[test]
    fn a_match_is_on_the_line_its_first_character_is_shown_on() {
        let mut document = values::builtin().expect("the built-in values are valid");
        document.values.truncate(1);
        document.values[0].name = "A".to_owned();
        document.values[0].text = "Some words care for".to_owned();
        let keys = crate::keys::KeyTable::default();
        let shown = Shown {
            document: &document,
            view: View::Value,
            selected: Some(0),
            filter: "",
            keys: &keys,
        };
        let wrapped = WrappedDetail::new(&shown, Widths { text: 10, pane: 10 });
        let paragraph = &wrapped.blocks[1];
        let lines: Vec<&str> = wrapped.lines[1]
            .iter()
            .map(|range| &paragraph.text[range.clone()])
            .collect();
        assert_eq!(lines, ["Some words", "care for"]);
        // The heading, a blank line, then the paragraph from line 2.
        assert_eq!(wrapped.matches(&['w', 'o']), [(1, 5, 2)]);
        assert_eq!(
            wrapped.matches(&[' ', 'c', 'a']),
            [(1, 10, 3)],
            "the space at the break is not shown, so the match is first seen after it"
        );
    }

    /// The lines of a link block laid out in a pane as wide as its text, `width`, and where it
    /// links to.
    fn link_lines(label: &str, url: &str, width: usize) -> (Vec<String>, Option<String>) {
        let widths = Widths {
            text: width,
            pane: width,
        };
        lay_out_link(label, url, widths)
    }

    fn lay_out_link(label: &str, url: &str, widths: Widths) -> (Vec<String>, Option<String>) {
        let block = TextBlock {
            text: format!("{label}: {}", visible(url)).into(),
            kind: BlockKind::Link { highlighted: false },
            link: Some(url),
        };
        let (kept, ranges) = lay_out(block, widths);
        let lines = ranges
            .into_iter()
            .map(|range| kept.text[range].to_owned())
            .collect();
        (lines, kept.link)
    }

    #[test]
    fn a_link_is_never_broken_and_is_cut_only_where_the_pane_is_narrower() {
        let video = "https://www.youtube.com/watch?v=EA5a_1Mw9L4";
        let line = format!("Video: {video}");
        assert_eq!(link_lines("Video", video, 50).0, [line.as_str()]);
        assert_eq!(link_lines("Video", video, 49).0, ["Video:", video]);
        assert_eq!(link_lines("Video", video, 43).0, ["Video:", video]);
        let (lines, link) = link_lines("Video", video, 42);
        assert_eq!(
            lines,
            ["Video:", "https://www.youtube.com/watch?v=EA5a_1Mw9…"]
        );
        assert_eq!(lines[1].width(), 42);
        assert_eq!(link.as_deref(), Some(video), "the target is always whole");
        assert!(link_lines("Video", video, 0).0.is_empty());
    }

    #[test]
    fn a_long_label_wraps_and_its_link_follows_on_a_line_of_its_own() {
        let url = "https://www.gov.uk/constitution";
        let (lines, _) = link_lines("The NHS Constitution for England", url, 20);
        assert_eq!(
            lines,
            [
                "The NHS Constitution",
                "for England:",
                "https://www.gov.uk/…"
            ]
        );
        // Text is wrapped narrower than a wide pane, but a link may use the pane.
        let wide = Widths { text: 20, pane: 40 };
        let (lines, _) = lay_out_link("The NHS Constitution for England", url, wide);
        assert_eq!(lines, ["The NHS Constitution", "for England:", url]);
        // A link made safe to show is still laid out as a link.
        let (lines, link) = link_lines("Odd", "https://example.org/\u{202e}x/y", 12);
        assert_eq!(lines, ["Odd:", "https://exa…"]);
        assert_eq!(link.as_deref(), Some("https://example.org/\u{202e}x/y"));
    }

    #[test]
    fn a_click_finds_the_link_on_the_label_and_on_the_address() {
        let mut app = app_at(80, 24);
        app.update(Action::Next);
        let video = "https://www.youtube.com/watch?v=ri-ty0j2ojs";
        let wrapped = app.wrapped_detail();
        let last = wrapped.blocks.len() - 1;
        let lines = wrapped.block_range(last).expect("the video block");
        assert_eq!(lines.len(), 2, "the label, then the link");
        assert_eq!(wrapped.link_at(lines.start, 0), Some((video, 0)));
        assert_eq!(wrapped.link_at(lines.start, 5), Some((video, 0)));
        assert_eq!(wrapped.link_at(lines.start, 6), None, "after “Video:”");
        assert_eq!(wrapped.link_at(lines.start + 1, 39), Some((video, 0)));
        assert_eq!(wrapped.link_at(lines.start + 1, 40), None);
        assert_eq!(wrapped.link_at(lines.start - 1, 0), None, "the blank line");
        assert_eq!(wrapped.link_at(0, 0), None, "the heading");
    }
}
