//! The app state and `update`, the one place it changes. No I/O happens here: what the outside
//! world must do (open a link, quit) comes back as an `Effect` for the event loop to perform.

mod detail;
mod filter;
mod highlight;

use std::borrow::Cow;
use std::cell::{Ref, RefCell};

use ratatui::layout::{Position, Rect};
use unicode_width::UnicodeWidthStr;

use crate::layout::{self, Areas};
use crate::text::visible;
use crate::values::Document;
use crate::wrap;

pub use detail::{KeptBlock, WrappedDetail};
pub use filter::{SearchIndex, find, matches};
pub use highlight::{Piece, pieces};

/// Lines the detail text moves per notch of the mouse wheel.
const WHEEL_LINES: isize = 3;

/// Lines longer than this are hard to follow, so wide screens get a margin instead.
const MAX_TEXT_WIDTH: usize = 100;

/// The most lines the footer grows to for a long status message.
pub const MAX_STATUS_LINES: usize = 3;

/// What the status line says when the values file changed and the new version is shown.
const RELOADED: &str = "Reloaded the values file.";

/// The most lines the banner about a broken values file takes from the screen.
pub const MAX_BANNER_LINES: usize = 3;

/// Something the user asked for, or something that happened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    Next,
    Previous,
    First,
    Last,
    /// Select a value by its number in the document, 1-based.
    SelectNumber(usize),
    Open,
    PageDown,
    PageUp,
    /// Mouse wheel over a pane: positive is down.
    Scroll {
        column: u16,
        row: u16,
        lines: i16,
    },
    Click {
        column: u16,
        row: u16,
    },
    StartFilter,
    FilterInput(char),
    FilterBackspace,
    AcceptFilter,
    ToggleAbout,
    NextLink,
    PreviousLink,
    /// `n` / `N`: the next or previous match of the filter in the detail text.
    NextMatch,
    PreviousMatch,
    ToggleHelp,
    /// Ctrl-Z: hand the terminal back to the shell until `fg`.
    Suspend,
    /// Esc: close whatever is open, or quit when nothing is.
    Back,
    Quit,
    Resize {
        width: u16,
        height: u16,
    },
    /// The result of launching a browser: the link, or why it failed.
    Launched(Result<String, LaunchFailure>),
    /// Copy the link Enter would open to the clipboard.
    Copy,
    /// The result of asking the terminal to copy a link.
    Copied(Result<String, LaunchFailure>),
    /// The values file changed on disk: its new contents, or its first problem as
    /// `file:line:col: message`.
    Reloaded(Result<Document, String>),
    /// The values file cannot be watched, so changes to it will not show.
    WatchFailed(String),
}

/// Why a link could not be opened or copied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LaunchFailure {
    pub url: String,
    pub reason: String,
}

/// Work for the event loop.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    OpenUrl(String),
    /// Put this text on the clipboard, through the terminal (OSC 52).
    Copy(String),
    Suspend,
    Quit,
}

/// What the detail pane shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    Value,
    /// The introduction, the source page and the links; `link` is the highlighted one.
    About {
        link: usize,
    },
}

/// A message on the status line, until the next key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    pub text: String,
    pub is_error: bool,
}

/// One block of the detail pane's content, before wrapping.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block<'a> {
    pub text: Cow<'a, str>,
    pub kind: BlockKind,
    /// Where the block links to, for blocks that show a link.
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

/// The match `n` / `N` moved to last: where it starts in a block of the detail text of a value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct MatchAt {
    value: usize,
    block: usize,
    start: usize,
}

/// A block of content with its text made safe to display.
fn block(text: Cow<'_, str>, kind: BlockKind) -> Block<'_> {
    let text = match text {
        Cow::Borrowed(text) => visible(text),
        Cow::Owned(text) => match visible(&text) {
            Cow::Borrowed(_) => Cow::Owned(text),
            Cow::Owned(shown) => Cow::Owned(shown),
        },
    };
    Block {
        text,
        kind,
        link: None,
    }
}

/// The whole state of the interactive screen.
#[derive(Debug, Clone)]
pub struct App {
    pub document: Document,
    /// Indices into `document.values` that pass the filter, in document order.
    pub visible: Vec<usize>,
    /// Position in `visible` of the selected value.
    pub cursor: usize,
    /// First visible row of the list.
    pub list_offset: usize,
    pub detail_scroll: usize,
    pub filter: String,
    pub filter_editing: bool,
    pub view: View,
    pub help_open: bool,
    pub help_scroll: usize,
    pub status: Option<Status>,
    /// Why the values file on disk cannot be shown, while the last good values are.
    pub reload_error: Option<String>,
    pub screen: Rect,
    longest_name: usize,
    current_match: Option<MatchAt>,
    /// The detail pane as last wrapped; `wrapped_detail` makes it again when it is out of date.
    wrapped: RefCell<WrappedDetail>,
    /// The values lower-cased for the filter; made again after anything that may have changed
    /// the document.
    search: Option<SearchIndex>,
}

impl App {
    pub fn new(document: Document) -> App {
        let visible = (0..document.values.len()).collect();
        // Made now rather than on the first `/`, so that no keystroke waits for it.
        let search = Some(SearchIndex::new(&document.values));
        let longest_name = longest_name(&document);
        App {
            document,
            visible,
            cursor: 0,
            list_offset: 0,
            detail_scroll: 0,
            filter: String::new(),
            filter_editing: false,
            view: View::Value,
            help_open: false,
            help_scroll: 0,
            status: None,
            reload_error: None,
            screen: Rect::new(0, 0, 80, 24),
            longest_name,
            current_match: None,
            wrapped: RefCell::default(),
            search,
        }
    }

    /// Where the panes go on the current screen.
    pub fn areas(&self) -> Areas {
        Areas::new(
            self.screen,
            self.longest_name,
            self.visible.len(),
            self.banner_lines().len().min(MAX_BANNER_LINES) as u16,
            self.status_lines().len().clamp(1, MAX_STATUS_LINES) as u16,
        )
    }

    /// The banner about a broken values file, wrapped to the screen width after a column of
    /// margin; empty while the file is good.
    pub fn banner_lines(&self) -> Vec<String> {
        let width = usize::from(self.screen.width).saturating_sub(1);
        self.reload_error.as_ref().map_or_else(Vec::new, |error| {
            let text = format!("error: {error} · showing the last good values");
            wrap::wrap(&text, width)
                .into_iter()
                .map(str::to_owned)
                .collect()
        })
    }

    /// The status message wrapped to the screen width, after a column of margin.
    pub fn status_lines(&self) -> Vec<&str> {
        let width = usize::from(self.screen.width).saturating_sub(1);
        self.status
            .as_ref()
            .map_or_else(Vec::new, |status| wrap::wrap(&status.text, width))
    }

    /// The filter as the matching rule takes it: lower-cased characters.
    pub fn query(&self) -> Vec<char> {
        self.filter.chars().flat_map(char::to_lowercase).collect()
    }

    /// The filter to mark in the detail pane, when it shows a value and a filter is set.
    pub fn detail_query(&self) -> Option<Vec<char>> {
        (self.view == View::Value && !self.filter.is_empty()).then(|| self.query())
    }

    /// The match `n` / `N` moved to last, as a block of `detail_blocks` and the byte its match
    /// starts at, while that value is still the one shown.
    pub fn current_match(&self) -> Option<(usize, usize)> {
        self.current_match
            .filter(|at| self.view == View::Value && self.selected() == Some(at.value))
            .map(|at| (at.block, at.start))
    }

    /// Index into `document.values` of the selected value, if any value is visible.
    pub fn selected(&self) -> Option<usize> {
        self.visible.get(self.cursor).copied()
    }

    /// The links the About view offers: the source page first, then the document's links.
    pub fn about_links(&self) -> Vec<(&str, &str)> {
        let source = self
            .document
            .source
            .as_deref()
            .map(|url| ("Source page", url));
        let links = self
            .document
            .links
            .iter()
            .map(|link| (link.label.as_str(), link.url.as_str()));
        source.into_iter().chain(links).collect()
    }

    /// What the detail pane shows, as blocks separated by blank lines, made safe to display.
    pub fn detail_blocks(&self) -> Vec<Block<'_>> {
        match self.view {
            View::About { link } => {
                let mut blocks = vec![block(
                    Cow::Borrowed(&self.document.title),
                    BlockKind::Heading,
                )];
                blocks.extend(
                    self.document
                        .intro_paragraphs()
                        .into_iter()
                        .map(|paragraph| block(Cow::Owned(paragraph), BlockKind::Paragraph)),
                );
                for (index, (label, url)) in self.about_links().into_iter().enumerate() {
                    let highlighted = index == link;
                    blocks.push(Block {
                        link: Some(url),
                        ..block(
                            Cow::Owned(format!("{label}: {url}")),
                            BlockKind::Link { highlighted },
                        )
                    });
                }
                blocks.extend(
                    self.document
                        .attribution_paragraphs()
                        .into_iter()
                        .map(|paragraph| block(Cow::Owned(paragraph), BlockKind::Hint)),
                );
                blocks
            }
            View::Value => {
                let Some(value) = self.selected().map(|index| &self.document.values[index]) else {
                    return vec![block(
                        Cow::Owned(format!(
                            "No value matches “{}”. Esc clears the filter.",
                            self.filter
                        )),
                        BlockKind::Hint,
                    )];
                };
                let mut blocks = vec![block(Cow::Borrowed(&value.name), BlockKind::Heading)];
                blocks.extend(
                    value
                        .paragraphs()
                        .into_iter()
                        .map(|paragraph| block(Cow::Owned(paragraph), BlockKind::Paragraph)),
                );
                match &value.video {
                    Some(video) => blocks.push(Block {
                        link: Some(video),
                        ..block(
                            Cow::Owned(format!("Video: {video}")),
                            BlockKind::Link { highlighted: false },
                        )
                    }),
                    None => blocks.push(block(
                        Cow::Borrowed("No video for this value."),
                        BlockKind::Hint,
                    )),
                }
                blocks
            }
        }
    }

    /// The detail content wrapped to the pane. It is wrapped again only when what is shown or
    /// the width has changed since the last call, so scrolling and redrawing cost the same for
    /// a megabyte of text as for a line.
    pub fn wrapped_detail(&self) -> Ref<'_, WrappedDetail> {
        let width = self.detail_text_width();
        if !self.wrapped.borrow().is_current(self, width) {
            // Out of date only after a change through `&mut self`, so nothing borrows it now.
            *self.wrapped.borrow_mut() = WrappedDetail::new(self, width);
        }
        self.wrapped.borrow()
    }

    /// Lines of wrapped detail content for the current detail pane width.
    pub fn detail_line_count(&self) -> usize {
        self.wrapped_detail().line_count()
    }

    /// The width detail text is wrapped to: the pane, but no wider than is comfortable to read.
    pub fn detail_text_width(&self) -> usize {
        let pane = usize::from(layout::detail_inner(self.areas().detail).width);
        pane.min(MAX_TEXT_WIDTH)
    }

    fn detail_height(&self) -> usize {
        usize::from(layout::detail_inner(self.areas().detail).height)
    }

    fn list_height(&self) -> usize {
        usize::from(layout::list_inner(self.areas().list).height)
    }

    fn max_detail_scroll(&self) -> usize {
        self.detail_line_count()
            .saturating_sub(self.detail_height())
    }

    /// Applies one action, returning the outside work it needs.
    pub fn update(&mut self, action: Action) -> Option<Effect> {
        let areas = self.areas();
        let effect = self.apply(action);
        // A message or banner that comes or goes resizes the panes as a resize does.
        if self.areas() != areas {
            self.fit_to_panes();
        }
        effect
    }

    fn apply(&mut self, action: Action) -> Option<Effect> {
        // Only what the user does replaces a message; what happens in the background adds one.
        if !matches!(
            action,
            Action::Launched(_)
                | Action::Copied(_)
                | Action::Resize { .. }
                | Action::Reloaded(_)
                | Action::WatchFailed(_)
        ) {
            self.status = None;
        }
        if self.help_open {
            return self.update_help(action);
        }
        match action {
            Action::Next => self.move_cursor_to(self.cursor.saturating_add(1)),
            Action::Previous => self.move_cursor_to(self.cursor.saturating_sub(1)),
            Action::First => self.move_cursor_to(0),
            Action::Last => self.move_cursor_to(self.visible.len().saturating_sub(1)),
            Action::SelectNumber(number) => self.select_number(number),
            Action::Open => return self.with_link(Effect::OpenUrl),
            Action::Copy => return self.with_link(Effect::Copy),
            Action::PageDown => self.scroll_detail(self.detail_height().max(2) as isize - 1),
            Action::PageUp => self.scroll_detail(1 - self.detail_height().max(2) as isize),
            Action::Scroll { column, row, lines } => self.scroll_at(column, row, lines),
            Action::Click { column, row } => return self.click(column, row),
            Action::StartFilter => {
                self.filter_editing = true;
                if self.view != View::Value {
                    // The About page's scroll means nothing in the value's text.
                    self.view = View::Value;
                    self.detail_scroll = 0;
                }
                if self.search.is_none() {
                    self.search = Some(SearchIndex::new(&self.document.values));
                }
            }
            Action::FilterInput(c) => {
                self.filter.push(c);
                self.apply_filter(true);
            }
            Action::FilterBackspace => {
                self.filter.pop();
                self.apply_filter(false);
            }
            Action::AcceptFilter => self.filter_editing = false,
            Action::ToggleAbout => {
                self.view = match self.view {
                    View::Value => View::About { link: 0 },
                    View::About { .. } => View::Value,
                };
                self.detail_scroll = 0;
            }
            Action::NextLink => self.step_link(1),
            Action::PreviousLink => self.step_link(-1),
            Action::NextMatch => self.step_match(true),
            Action::PreviousMatch => self.step_match(false),
            Action::ToggleHelp => {
                self.help_open = true;
                self.help_scroll = 0;
            }
            Action::Back => return self.back(),
            Action::Suspend => return Some(Effect::Suspend),
            Action::Quit => return Some(Effect::Quit),
            Action::Resize { width, height } => self.resize(width, height),
            Action::Launched(result) => self.launched(result),
            Action::Copied(result) => self.copied(result),
            Action::Reloaded(result) => self.reloaded(result),
            Action::WatchFailed(reason) => self.watch_failed(&reason),
        }
        None
    }

    fn update_help(&mut self, action: Action) -> Option<Effect> {
        match action {
            Action::ToggleHelp | Action::Back => self.help_open = false,
            Action::Next => self.scroll_help(1),
            Action::Previous => self.scroll_help(-1),
            Action::PageDown => self.scroll_help(10),
            Action::PageUp => self.scroll_help(-10),
            Action::First => self.help_scroll = 0,
            Action::Suspend => return Some(Effect::Suspend),
            Action::Quit => return Some(Effect::Quit),
            Action::Resize { width, height } => self.resize(width, height),
            Action::Launched(result) => self.launched(result),
            Action::Copied(result) => self.copied(result),
            Action::Reloaded(result) => self.reloaded(result),
            Action::WatchFailed(reason) => self.watch_failed(&reason),
            _ => {}
        }
        None
    }

    fn scroll_help(&mut self, lines: isize) {
        let last_row = crate::event::help_rows().len().saturating_sub(1);
        self.help_scroll = self.help_scroll.saturating_add_signed(lines).min(last_row);
    }

    fn move_cursor_to(&mut self, position: usize) {
        if self.visible.is_empty() {
            return;
        }
        let position = position.min(self.visible.len() - 1);
        if position != self.cursor || self.view != View::Value {
            self.detail_scroll = 0;
        }
        self.cursor = position;
        self.view = View::Value;
        self.keep_cursor_in_view();
    }

    fn keep_cursor_in_view(&mut self) {
        let height = self.list_height().max(1);
        if self.cursor < self.list_offset {
            self.list_offset = self.cursor;
        } else if self.cursor >= self.list_offset + height {
            self.list_offset = self.cursor + 1 - height;
        }
        let last_page_start = self.visible.len().saturating_sub(height);
        self.list_offset = self.list_offset.min(last_page_start);
    }

    fn select_number(&mut self, number: usize) {
        let Some(index) = number
            .checked_sub(1)
            .filter(|index| *index < self.document.values.len())
        else {
            self.set_status(format!("There is no value {number}."), true);
            return;
        };
        if self.visible.binary_search(&index).is_err() {
            // The user asked for that value by its number; the filter must not hide it.
            self.filter.clear();
            self.filter_editing = false;
            self.visible.clear();
            self.visible.extend(0..self.document.values.len());
        }
        if let Ok(position) = self.visible.binary_search(&index) {
            self.move_cursor_to(position);
        }
    }

    /// Opens (`Effect::OpenUrl`) or copies (`Effect::Copy`) the current link.
    fn with_link(&mut self, effect: fn(String) -> Effect) -> Option<Effect> {
        match self.current_link() {
            Ok(url) => Some(effect(url)),
            Err(reason) => {
                self.set_status(reason, true);
                None
            }
        }
    }

    /// The link Enter opens and `y` copies: the highlighted link in About, else the selected
    /// value's video; or why there is none.
    fn current_link(&self) -> Result<String, String> {
        match self.view {
            View::About { link } => self
                .about_links()
                .get(link)
                .map(|(_, url)| (*url).to_owned())
                .ok_or_else(|| "This document has no links.".to_owned()),
            View::Value => {
                let value = self
                    .selected()
                    .map(|index| &self.document.values[index])
                    .ok_or_else(|| "No value is selected.".to_owned())?;
                value
                    .video
                    .clone()
                    .ok_or_else(|| format!("“{}” has no video.", value.name))
            }
        }
    }

    fn scroll_detail(&mut self, lines: isize) {
        self.detail_scroll = self
            .detail_scroll
            .saturating_add_signed(lines)
            .min(self.max_detail_scroll());
    }

    fn scroll_at(&mut self, column: u16, row: u16, lines: i16) {
        let position = Position::new(column, row);
        if self.areas().list.contains(position) {
            let step = if lines > 0 {
                Action::Next
            } else {
                Action::Previous
            };
            for _ in 0..lines.unsigned_abs() {
                self.update(step.clone());
            }
        } else {
            self.scroll_detail(isize::from(lines) * WHEEL_LINES);
        }
    }

    fn click(&mut self, column: u16, row: u16) -> Option<Effect> {
        let position = Position::new(column, row);
        let list = layout::list_inner(self.areas().list);
        if list.contains(position) {
            let position = self.list_offset + usize::from(row - list.y);
            if position < self.visible.len() {
                self.move_cursor_to(position);
            }
            return None;
        }
        let detail = layout::detail_inner(self.areas().detail);
        if detail.contains(position) {
            return self.click_detail(usize::from(column - detail.x), usize::from(row - detail.y));
        }
        None
    }

    /// A click on the text of a link in the detail pane opens it (and, in About, highlights
    /// it); a click anywhere else there does nothing.
    fn click_detail(&mut self, column: usize, row: usize) -> Option<Effect> {
        let line = self.detail_scroll.min(self.max_detail_scroll()) + row;
        let (url, link) = {
            let wrapped = self.wrapped_detail();
            let (index, lines) = (0..wrapped.blocks.len())
                .filter_map(|index| Some((index, wrapped.block_range(index)?)))
                .find(|(_, lines)| lines.contains(&line))?;
            let block = &wrapped.blocks[index];
            let url = block.link.clone()?;
            let shown = wrapped.lines[index].get(line - lines.start)?;
            if column >= block.text[shown.clone()].width() {
                return None;
            }
            let link = wrapped.blocks[..index]
                .iter()
                .filter(|block| block.link.is_some())
                .count();
            (url, link)
        };
        if let View::About { .. } = self.view {
            self.view = View::About { link };
        }
        Some(Effect::OpenUrl(url))
    }

    /// Re-runs the filter after the query changed and keeps the selection if it still matches.
    /// The list is refilled in place: once it has held every value, no keystroke allocates for
    /// it.
    fn apply_filter(&mut self, narrowed: bool) {
        let selected = self.selected();
        self.fill_visible(narrowed);
        // `visible` is in document order, so a binary search finds the selection.
        self.cursor = selected
            .and_then(|selected| self.visible.binary_search(&selected).ok())
            .unwrap_or(0);
        self.list_offset = 0;
        self.detail_scroll = 0;
        self.current_match = None;
        self.keep_cursor_in_view();
    }

    /// Sets `visible` to the values the filter matches, through the search index (made again if
    /// it was dropped). `narrowed` says the query only grew, so the new matches are among the
    /// values visible now.
    fn fill_visible(&mut self, narrowed: bool) {
        let query = self.query();
        let values = &self.document.values;
        let search = self.search.get_or_insert_with(|| SearchIndex::new(values));
        if search.filter(&query, values.len(), &mut self.visible, narrowed) {
            return;
        }
        if narrowed {
            self.visible
                .retain(|index| matches(&values[*index], &query));
        } else {
            self.visible.clear();
            self.visible
                .extend((0..values.len()).filter(|index| matches(&values[*index], &query)));
        }
    }

    /// Moves to the next (or previous) match of the filter in the detail text, round to the
    /// first (or last), and scrolls it into view. With no match chosen yet, the search starts
    /// from the text on screen, as a pager's does.
    fn step_match(&mut self, forward: bool) {
        let Some(query) = self.detail_query() else {
            let text = if self.filter.is_empty() {
                "No filter to find: / starts one."
            } else {
                "n and N find the filter in a value's text; i leaves About."
            };
            self.set_status(text.to_owned(), true);
            return;
        };
        let Some(value) = self.selected() else {
            self.set_status(format!("No value matches “{}”.", self.filter), true);
            return;
        };
        let found = self.detail_matches(&query);
        if found.is_empty() {
            self.set_status("The filter matches no words shown here.".to_owned(), false);
            return;
        }
        let count = found.len();
        let height = self.detail_height().max(1);
        let current = self.current_match().and_then(|at| {
            found
                .iter()
                .position(|(block, start, _)| (*block, *start) == at)
        });
        let index = match (current, forward) {
            (Some(index), true) => (index + 1) % count,
            (Some(index), false) => (index + count - 1) % count,
            (None, true) => found
                .iter()
                .position(|(_, _, line)| *line >= self.detail_scroll)
                .unwrap_or(0),
            (None, false) => found
                .iter()
                .rposition(|(_, _, line)| *line < self.detail_scroll + height)
                .unwrap_or(count - 1),
        };
        let (block, start, line) = found[index];
        self.current_match = Some(MatchAt {
            value,
            block,
            start,
        });
        if line < self.detail_scroll {
            self.detail_scroll = line;
        } else if line >= self.detail_scroll + height {
            self.detail_scroll = (line + 1 - height).min(self.max_detail_scroll());
        }
        self.set_status(format!("Match {} of {count}", index + 1), false);
    }

    /// Every match of `query` in the searched detail blocks, in reading order: its block, the
    /// byte it starts at there, and the line of the wrapped pane it starts on.
    fn detail_matches(&self, query: &[char]) -> Vec<(usize, usize, usize)> {
        let wrapped = self.wrapped_detail();
        let mut found = Vec::new();
        for (index, (block, ranges)) in wrapped.blocks.iter().zip(&wrapped.lines).enumerate() {
            let Some(lines) = wrapped.block_range(index) else {
                continue;
            };
            if !block.kind.is_searched() {
                continue;
            }
            for range in filter::find(&block.text, query) {
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

    fn step_link(&mut self, step: isize) {
        if let View::About { link } = self.view {
            let count = self.about_links().len();
            if count > 0 {
                let next = (link as isize + step).rem_euclid(count as isize) as usize;
                self.view = View::About { link: next };
                self.scroll_to_highlighted_link();
            }
        }
    }

    /// Scrolls the About page just enough to show the highlighted link whole.
    fn scroll_to_highlighted_link(&mut self) {
        let lines = {
            let wrapped = self.wrapped_detail();
            let Some(position) = wrapped
                .blocks
                .iter()
                .position(|block| block.kind == BlockKind::Link { highlighted: true })
            else {
                return;
            };
            let Some(lines) = wrapped.block_range(position) else {
                return;
            };
            lines
        };
        let height = self.detail_height().max(1);
        if lines.start < self.detail_scroll {
            self.detail_scroll = lines.start;
        } else if lines.end > self.detail_scroll + height {
            self.detail_scroll = lines.end.saturating_sub(height).min(lines.start);
        }
    }

    fn back(&mut self) -> Option<Effect> {
        if self.filter_editing || !self.filter.is_empty() {
            self.filter_editing = false;
            self.filter.clear();
            self.apply_filter(false);
        } else if matches!(self.view, View::About { .. }) {
            self.view = View::Value;
            self.detail_scroll = 0;
        } else {
            return Some(Effect::Quit);
        }
        None
    }

    fn resize(&mut self, width: u16, height: u16) {
        self.screen = Rect::new(0, 0, width, height);
        self.fit_to_panes();
    }

    fn fit_to_panes(&mut self) {
        self.keep_cursor_in_view();
        self.detail_scroll = self.detail_scroll.min(self.max_detail_scroll());
    }

    fn launched(&mut self, result: Result<String, LaunchFailure>) {
        match result {
            Ok(url) => self.set_status(format!("Opened {url} in the browser."), false),
            Err(failure) => self.set_status(
                format!(
                    "Could not open a browser; the link is {} (press y to copy it; {})",
                    failure.url, failure.reason
                ),
                true,
            ),
        }
    }

    fn copied(&mut self, result: Result<String, LaunchFailure>) {
        match result {
            Ok(url) => self.set_status(
                format!("Copied {url} to the clipboard (if the terminal allows it)."),
                false,
            ),
            Err(failure) => self.set_status(
                format!(
                    "Could not copy ({}); the link is {}",
                    failure.reason, failure.url
                ),
                true,
            ),
        }
    }

    /// Shows the file's new contents, keeping what the user was looking at: the selected value
    /// by its name (or, when it is gone, the value now in its place), the filter, the view and
    /// the scroll. A broken file leaves everything as it was, with the error in the banner.
    fn reloaded(&mut self, result: Result<Document, String>) {
        let document = match result {
            Ok(document) => document,
            Err(error) => {
                self.reload_error = Some(visible(&error).into_owned());
                // The banner says what the file is now; a word that it reloaded would be stale.
                if self
                    .status
                    .as_ref()
                    .is_some_and(|status| status.text == RELOADED)
                {
                    self.status = None;
                }
                return;
            }
        };
        self.reload_error = None;
        if document == self.document {
            return;
        }
        let selected = self.selected();
        let name = selected.map(|index| self.document.values[index].name.to_lowercase());
        self.longest_name = longest_name(&document);
        self.document = document;
        // The index was built from the old text.
        self.search = None;
        self.current_match = None;
        self.fill_visible(false);
        let values = &self.document.values;
        // Names are unique ignoring case, so this finds the same value even if its case changed.
        let by_name = name.and_then(|name| {
            self.visible
                .iter()
                .position(|index| values[*index].name.to_lowercase() == name)
        });
        let in_its_place = selected.map(|old| {
            self.visible
                .iter()
                .position(|index| *index >= old)
                .unwrap_or(self.visible.len().saturating_sub(1))
        });
        if by_name.is_none() {
            self.detail_scroll = 0;
        }
        self.cursor = by_name.or(in_its_place).unwrap_or(0);
        if let View::About { link } = self.view {
            let last = self.about_links().len().saturating_sub(1);
            self.view = View::About {
                link: link.min(last),
            };
        }
        self.keep_cursor_in_view();
        self.detail_scroll = self.detail_scroll.min(self.max_detail_scroll());
        self.set_status(RELOADED.to_owned(), false);
    }

    fn watch_failed(&mut self, reason: &str) {
        self.set_status(
            format!("Changes to the values file will not show: {reason}"),
            true,
        );
    }

    fn set_status(&mut self, text: String, is_error: bool) {
        let text = visible(&text).into_owned();
        self.status = Some(Status { text, is_error });
    }
}

/// The widest name, in columns, which sizes the list pane.
fn longest_name(document: &Document) -> usize {
    document
        .values
        .iter()
        .map(|value| value.name.width())
        .max()
        .unwrap_or(0)
}

#[cfg(test)]
mod tests;
