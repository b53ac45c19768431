//! The detail pane's content wrapped to its width, kept between frames and keys: wrapping is
//! the costliest thing on the screen (a value may be a megabyte of text), and it only changes
//! when what is shown or the width does.

use std::ops::Range;

use super::{App, BlockKind, View};
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
    fn of(app: &App) -> Subject {
        let document = &app.document;
        match (app.view, app.selected()) {
            (View::About { link }, _) => Subject::About {
                link,
                title: document.title.clone(),
                intro: document.intro.clone(),
                source: document.source.clone(),
                links: document.links.clone(),
                attribution: document.attribution.clone(),
            },
            (View::Value, Some(index)) => Subject::Value(document.values[index].clone()),
            (View::Value, None) => Subject::NoMatch(app.filter.clone()),
        }
    }

    /// Whether `app` still shows this, without copying anything.
    fn is_shown_by(&self, app: &App) -> bool {
        let document = &app.document;
        match (self, app.view, app.selected()) {
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
            (Subject::NoMatch(filter), View::Value, None) => *filter == app.filter,
            _ => false,
        }
    }
}

/// A detail block with its own copy of its text and link, so that it can be kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeptBlock {
    /// The text, made safe to display.
    pub text: String,
    pub kind: BlockKind,
    /// Where the block links to, for blocks that show a link.
    pub link: Option<String>,
}

/// The detail blocks and their lines at one width.
#[derive(Debug, Clone, Default)]
pub struct WrappedDetail {
    /// `None` until first made, so that it never passes for current.
    made_for: Option<(Subject, usize)>,
    pub blocks: Vec<KeptBlock>,
    /// Each block's lines, as byte ranges into its text.
    pub lines: Vec<Vec<Range<usize>>>,
    /// The line of the pane each block starts on; a blank line comes before each but the first.
    starts: Vec<usize>,
    total: usize,
}

impl WrappedDetail {
    pub(super) fn new(app: &App, width: usize) -> WrappedDetail {
        let blocks: Vec<KeptBlock> = app
            .detail_blocks()
            .into_iter()
            .map(|block| KeptBlock {
                text: block.text.into_owned(),
                kind: block.kind,
                link: block.link.map(str::to_owned),
            })
            .collect();
        let lines: Vec<Vec<Range<usize>>> = blocks
            .iter()
            .map(|block| wrap::wrap_ranges(&block.text, width))
            .collect();
        let mut starts = Vec::with_capacity(lines.len());
        let mut next = 0;
        for block_lines in &lines {
            starts.push(next);
            next += block_lines.len() + 1;
        }
        WrappedDetail {
            made_for: Some((Subject::of(app), width)),
            blocks,
            lines,
            starts,
            total: next.saturating_sub(1),
        }
    }

    /// Whether this is what `app` shows at `width`.
    pub(super) fn is_current(&self, app: &App, width: usize) -> bool {
        self.made_for
            .as_ref()
            .is_some_and(|(subject, made_width)| *made_width == width && subject.is_shown_by(app))
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
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::{Action, BlockKind};
    use crate::values;

    fn app_at(width: u16, height: u16) -> App {
        let mut app = App::new(values::builtin().expect("the built-in values are valid"));
        app.update(Action::Resize { width, height });
        app
    }

    /// The text of the pane's lines, as the pane shows them, from wrapping afresh.
    fn expected_lines(app: &App) -> Vec<String> {
        let width = app.detail_text_width();
        let mut lines = Vec::new();
        for (index, block) in app.detail_blocks().iter().enumerate() {
            if index > 0 {
                lines.push(String::new());
            }
            lines.extend(
                wrap::wrap(&block.text, width)
                    .into_iter()
                    .map(str::to_owned),
            );
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
        let after = cached_lines(&app);
        assert_ne!(before, after);
        assert_eq!(after, expected_lines(&app));
    }
}
