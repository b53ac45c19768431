//! The app state and `update`, the one place it changes. No I/O happens here: what the outside
//! world must do (open a link, quit) comes back as an `Effect` for the event loop to perform.
//!
//! `App` is made of parts, each a small state type in its own file with its own methods and
//! tests: the `ListState` of values, the `Filter`, the `DetailState` pane, the `Notices` (status
//! message and banner), the `PresentationState`, and the overlay open over them, the
//! `HelpState` or the `QrOverlayState`. A part a `ui` widget draws is named for it with `State`,
//! as ratatui pairs `List` and `ListState`. `update` is the one dispatcher: it matches on
//! `screen()` to give each action to the overlay that is open, to presentation mode or to the
//! browser, and keeps the parts consistent with each other and with the screen. What takes
//! several parts at once is in `impl App` blocks by concern: `links` (open, copy, step through
//! About's), `mouse`, `next_match` (`n` / `N`) and `reload`; each overlay's keys and presentation
//! mode's are with their state.

mod blocks;
mod detail;
mod filter;
mod help;
mod highlight;
mod links;
mod list;
mod mouse;
mod next_match;
mod notices;
mod presentation;
mod qr;
mod qr_overlay;
mod reload;
mod search;
mod wrapped;

use ratatui::layout::Rect;

use crate::action::{Action, Effect};
use crate::keys::KeyTable;
use crate::layout::{self, Areas};
use crate::screen::{Mode, Overlay, Screen};
use crate::values::Document;

pub use blocks::{BlockKind, TextBlock};
pub use detail::{DetailState, View};
pub use filter::Filter;
pub use help::HelpState;
pub use highlight::{Piece, pieces};
pub use list::ListState;
pub use notices::{MAX_BANNER_LINES, MAX_STATUS_LINES, MESSAGE_MARGIN, Status};
pub use presentation::{
    PresentationState, Slide, SlideLayout, SlideLine, TitleSize, has_big_letter,
};
pub use qr::{QUIET_ZONE, QrCode, QrLink};
pub use qr_overlay::QrOverlayState;
pub use search::{find, matches};
pub use wrapped::{KeptBlock, Widths, WrappedDetail};

use blocks::{Shown, about_links};
use notices::Notices;

/// Lines longer than this are hard to follow, so wide screens get a margin instead; the config
/// file's `text_width` changes it.
pub const DEFAULT_TEXT_WIDTH: usize = 100;

/// The columns of text in a message row `columns` wide, after `MESSAGE_MARGIN`.
fn message_width(columns: usize) -> usize {
    columns.saturating_sub(MESSAGE_MARGIN)
}

/// What is open over the screen, with its state. One at a time: help and the QR code cannot
/// both be open.
#[derive(Debug, Clone, PartialEq, Eq)]
enum OverlayState {
    Help(HelpState),
    QrCode(QrOverlayState),
}

impl OverlayState {
    fn kind(&self) -> Overlay {
        match self {
            OverlayState::Help(_) => Overlay::Help,
            OverlayState::QrCode(_) => Overlay::QrCode,
        }
    }
}

/// The whole state of the interactive screen.
#[derive(Debug, Clone)]
pub struct App {
    document: Document,
    /// Which key does what; everything that names a key reads it here.
    keys: KeyTable,
    /// The widest the detail text is wrapped at.
    text_width: usize,
    list: ListState,
    filter: Filter,
    detail: DetailState,
    notices: Notices,
    presentation: PresentationState,
    /// What is open over the screen: one overlay at most.
    overlay: Option<OverlayState>,
    /// The terminal's area, as last told.
    area: Rect,
}

impl App {
    /// The app on `document`, with the default keys.
    pub fn new(document: Document) -> App {
        App::with_keys(document, KeyTable::default())
    }

    pub fn with_keys(document: Document, keys: KeyTable) -> App {
        let mut app = App {
            list: ListState::new(&document.values),
            filter: Filter::new(&document.values),
            detail: DetailState::default(),
            notices: Notices::default(),
            presentation: PresentationState::default(),
            overlay: None,
            area: Rect::new(0, 0, 80, 24),
            document,
            keys,
            text_width: DEFAULT_TEXT_WIDTH,
        };
        app.lay_out();
        app
    }

    /// This app with the detail text wrapped at no more than `width` columns.
    pub fn with_text_width(mut self, width: usize) -> App {
        self.text_width = width;
        self.lay_out();
        self
    }

    pub fn document(&self) -> &Document {
        &self.document
    }

    pub fn keys(&self) -> &KeyTable {
        &self.keys
    }

    pub fn list(&self) -> &ListState {
        &self.list
    }

    pub fn filter(&self) -> &Filter {
        &self.filter
    }

    pub fn detail(&self) -> &DetailState {
        &self.detail
    }

    /// The help overlay, while it is open.
    pub fn help(&self) -> Option<&HelpState> {
        match &self.overlay {
            Some(OverlayState::Help(help)) => Some(help),
            _ => None,
        }
    }

    pub fn presentation(&self) -> &PresentationState {
        &self.presentation
    }

    /// The `c` overlay, while it is open.
    pub fn qr(&self) -> Option<&QrOverlayState> {
        match &self.overlay {
            Some(OverlayState::QrCode(qr)) => Some(qr),
            _ => None,
        }
    }

    /// What is in front of the user, which decides what the keys do and what is drawn.
    pub fn screen(&self) -> Screen {
        let mode = if self.presentation.is_blank() {
            Mode::Blanked
        } else if self.presentation.is_on() {
            Mode::Presenting
        } else if self.filter.is_editing() {
            Mode::TypingFilter
        } else {
            Mode::Browsing
        };
        Screen {
            mode,
            overlay: self.overlay.as_ref().map(OverlayState::kind),
        }
    }

    /// Starts in presentation mode, at the value with index `value`, or at the title slide.
    pub fn start_presentation(&mut self, value: Option<usize>) {
        let slide = value
            .filter(|index| *index < self.document.values.len())
            .map_or(Slide::Title, Slide::Value);
        self.presentation.start(slide);
        self.lay_out();
    }

    /// The slide shown, laid out for the screen, while presenting.
    pub fn slide_layout(&self) -> Option<&SlideLayout> {
        self.presentation.layout()
    }

    pub fn status(&self) -> Option<&Status> {
        self.notices.status()
    }

    /// Why the values file on disk cannot be shown, while the last good values are.
    pub fn reload_error(&self) -> Option<&str> {
        self.notices.reload_error()
    }

    /// The terminal's area, as last told.
    pub fn area(&self) -> Rect {
        self.area
    }

    pub fn view(&self) -> View {
        self.detail.view()
    }

    /// Index into the document's values of the selected value, if any value is listed.
    pub fn selected(&self) -> Option<usize> {
        self.list.selected()
    }

    /// Where the panes go on the current screen.
    pub fn areas(&self) -> Areas {
        Areas::new(
            self.area,
            self.list.row_width(),
            self.list.len(),
            self.banner_lines().len().min(MAX_BANNER_LINES) as u16,
            self.status_lines(usize::from(self.area.width))
                .len()
                .clamp(1, MAX_STATUS_LINES) as u16,
        )
    }

    /// The banner about a broken values file, wrapped to the screen width after
    /// `MESSAGE_MARGIN`; empty while the file is good.
    pub fn banner_lines(&self) -> Vec<String> {
        self.notices
            .banner_lines(message_width(usize::from(self.area.width)))
    }

    /// The status message wrapped for rows `columns` wide, after `MESSAGE_MARGIN`: the
    /// browser's footer is the screen's width, a slide's last row less where the slide is.
    pub fn status_lines(&self, columns: usize) -> Vec<&str> {
        self.notices.status_lines(message_width(columns))
    }

    /// The filter to mark in the detail pane, when it shows a value and a filter is set.
    pub fn detail_query(&self) -> Option<Vec<char>> {
        (self.view() == View::Value && self.filter.is_set()).then(|| self.filter.query())
    }

    /// The match `n` / `N` moved to last, as a block of `detail_blocks` and the byte its match
    /// starts at, while that value is still the one shown.
    pub fn current_match(&self) -> Option<(usize, usize)> {
        self.detail.current_match(self.selected())
    }

    /// The links the About view offers: the source page first, then the document's links.
    pub fn about_links(&self) -> Vec<(&str, &str)> {
        about_links(&self.document)
    }

    /// What decides the detail pane's content.
    fn shown(&self) -> Shown<'_> {
        Shown {
            document: &self.document,
            view: self.view(),
            selected: self.selected(),
            filter: self.filter.text(),
            keys: &self.keys,
        }
    }

    /// What the detail pane shows, as blocks separated by blank lines, made safe to display.
    pub fn detail_blocks(&self) -> Vec<TextBlock<'_>> {
        self.shown().blocks()
    }

    /// The detail content laid out for the pane.
    pub fn wrapped_detail(&self) -> &WrappedDetail {
        self.detail.wrapped()
    }

    /// Lays out the detail content and the slide shown for what they show now, each only when
    /// it is out of date. Every change ends here, so what the drawing and the next action read
    /// is current.
    fn lay_out(&mut self) {
        let widths = self.detail_widths();
        let shown = Shown {
            document: &self.document,
            view: self.detail.view(),
            selected: self.list.selected(),
            filter: self.filter.text(),
            keys: &self.keys,
        };
        self.detail.lay_out(&shown, widths);
        let size = (self.area.width, self.area.height);
        self.presentation.lay_out(&self.document, &self.keys, size);
    }

    /// Lines of wrapped detail content for the current detail pane width.
    pub fn detail_line_count(&self) -> usize {
        self.wrapped_detail().line_count()
    }

    /// The width detail text is wrapped to: the pane, but no wider than is comfortable to read.
    pub fn detail_text_width(&self) -> usize {
        self.detail_widths().text
    }

    /// The columns of the detail pane, and those its text is wrapped to.
    pub fn detail_widths(&self) -> Widths {
        let pane = usize::from(layout::detail_inner(self.areas().detail).width);
        Widths {
            text: pane.min(self.text_width),
            pane,
        }
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
        } else {
            self.lay_out();
        }
        effect
    }

    fn apply(&mut self, action: Action) -> Option<Effect> {
        if action.is_from_user() {
            self.notices.clear_status();
            // The panes may have grown with the message gone.
            self.lay_out();
        }
        match action {
            // The same whatever is open.
            Action::Suspend => return Some(Effect::Suspend),
            Action::Quit => return Some(Effect::Quit),
            Action::Resize { width, height } => self.resize(width, height),
            Action::Launched(result) => {
                // The key that copies where the user is now: a slide's, or the browser's, which
                // the overlays take even over a slide.
                let copy_key = self.keys.name(&Action::Copy, self.screen());
                self.notices.launched(result, copy_key.as_deref());
            }
            Action::Copied(result) => self.notices.copied(result),
            Action::Reloaded(result) => self.reloaded(result),
            Action::WatchFailed(reason) => self.notices.watch_failed(&reason),
            // An overlay takes the keys while it is open.
            action => {
                return match self.screen() {
                    Screen {
                        overlay: Some(Overlay::Help),
                        ..
                    } => {
                        self.help_key(action);
                        None
                    }
                    Screen {
                        overlay: Some(Overlay::QrCode),
                        ..
                    } => self.qr_key(action),
                    Screen {
                        mode: Mode::Presenting | Mode::Blanked,
                        overlay: None,
                    } => self.present_key(action),
                    Screen {
                        mode: Mode::Browsing | Mode::TypingFilter,
                        overlay: None,
                    } => self.browser_key(action),
                };
            }
        }
        None
    }

    /// A key on the browser.
    fn browser_key(&mut self, action: Action) -> Option<Effect> {
        match action {
            Action::Next => self.move_cursor_to(self.list.cursor().saturating_add(1)),
            Action::Previous => self.move_cursor_to(self.list.cursor().saturating_sub(1)),
            Action::First => self.move_cursor_to(0),
            Action::Last => self.move_cursor_to(self.list.len().saturating_sub(1)),
            Action::SelectNumber(number) => self.select_number(number),
            Action::Open => return self.with_link(Effect::OpenUrl),
            Action::Copy => return self.with_link(Effect::Copy),
            Action::PageDown => self.scroll_detail(self.detail_height().max(2) as isize - 1),
            Action::PageUp => self.scroll_detail(1 - self.detail_height().max(2) as isize),
            Action::Scroll { column, row, lines } => self.scroll_at(column, row, lines),
            Action::Click { column, row } => return self.click(column, row),
            Action::StartFilter => {
                self.filter.start(&self.document.values);
                if self.view() != View::Value {
                    // The About page's scroll means nothing in the value's text.
                    self.detail.show(View::Value);
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
            Action::AcceptFilter => self.filter.accept(),
            Action::ToggleAbout => self.detail.show(match self.view() {
                View::Value => View::About { link: 0 },
                View::About { .. } => View::Value,
            }),
            Action::NextLink => self.step_link(1),
            Action::PreviousLink => self.step_link(-1),
            Action::NextMatch => self.step_match(true),
            Action::PreviousMatch => self.step_match(false),
            Action::ToggleHelp => self.open_help(0),
            Action::Back => return self.back(),
            Action::Present => self.start_presenting(),
            Action::ShowQrCode => self.show_qr_code(),
            // Presentation mode's alone.
            Action::Blank | Action::Unblank | Action::ScrollDown | Action::ScrollUp => {}
            // `apply` handles these the same whatever is open.
            Action::Suspend
            | Action::Quit
            | Action::Resize { .. }
            | Action::Launched(_)
            | Action::Copied(_)
            | Action::Reloaded(_)
            | Action::WatchFailed(_) => {}
        }
        None
    }

    fn move_cursor_to(&mut self, position: usize) {
        let before = self.list.cursor();
        if !self.list.move_to(position, self.list_height()) {
            return;
        }
        if self.list.cursor() != before || self.view() != View::Value {
            self.detail.show(View::Value);
        }
    }

    fn keep_cursor_in_view(&mut self) {
        let rows = self.list_height();
        self.list.keep_cursor_in_view(rows);
    }

    /// The index of the value numbered `number` from 1, or `None` with a message saying there
    /// is no such value.
    fn value_numbered(&mut self, number: usize) -> Option<usize> {
        let index = number
            .checked_sub(1)
            .filter(|index| *index < self.document.values.len());
        if index.is_none() {
            self.notices
                .say(&format!("There is no value {number}."), true);
        }
        index
    }

    fn select_number(&mut self, number: usize) {
        let Some(index) = self.value_numbered(number) else {
            return;
        };
        if self.list.position_of(index).is_none() {
            // The user asked for that value by its number; the filter must not hide it.
            self.filter.clear();
            self.list.show_all();
        }
        if let Some(position) = self.list.position_of(index) {
            self.move_cursor_to(position);
        }
    }

    fn scroll_detail(&mut self, lines: isize) {
        let max = self.max_detail_scroll();
        self.detail.scroll_by(lines, max);
    }

    /// Re-runs the filter after the query changed and keeps the selection if it still matches.
    fn apply_filter(&mut self, narrowed: bool) {
        let selected = self.selected();
        self.fill_list(narrowed);
        let position = selected
            .and_then(|selected| self.list.position_of(selected))
            .unwrap_or(0);
        self.list.restart_at(position);
        self.detail.scroll_to_top();
        self.detail.forget_match();
        self.keep_cursor_in_view();
    }

    /// Lists the values the filter matches; `narrowed` says the query only grew.
    fn fill_list(&mut self, narrowed: bool) {
        let (filter, values) = (&mut self.filter, &self.document.values);
        self.list
            .refill(|visible| filter.fill(values, visible, narrowed));
    }

    fn back(&mut self) -> Option<Effect> {
        if self.filter.is_editing() || self.filter.is_set() {
            self.filter.clear();
            self.apply_filter(false);
        } else if matches!(self.view(), View::About { .. }) {
            self.detail.show(View::Value);
        } else {
            return Some(Effect::Quit);
        }
        None
    }

    fn resize(&mut self, width: u16, height: u16) {
        self.area = Rect::new(0, 0, width, height);
        self.fit_to_panes();
    }

    fn fit_to_panes(&mut self) {
        self.lay_out();
        self.keep_cursor_in_view();
        let max = self.max_detail_scroll();
        self.detail.clamp_scroll(max);
        let max = self.max_slide_scroll();
        self.presentation.clamp_scroll(max);
        let max = self.max_help_scroll();
        if let Some(OverlayState::Help(help)) = &mut self.overlay {
            help.clamp_scroll(max);
        }
    }
}

#[cfg(test)]
mod testing;
#[cfg(test)]
mod tests;
