//! The list pane's state: which values pass the filter, which one is selected, and which rows
//! are on screen.

use unicode_width::UnicodeWidthStr;

use crate::values::Value;

/// The values listed and the window of rows onto them.
#[derive(Debug, Clone)]
pub struct ListState {
    /// Indices into the document's values that pass the filter, in document order.
    visible: Vec<usize>,
    /// Position in `visible` of the selected value.
    cursor: usize,
    /// Position in `visible` of the first row on screen.
    offset: usize,
    /// How many values the document has; each row shows its value's number among them.
    total: usize,
    /// The widest name, in columns.
    longest_name: usize,
}

impl ListState {
    /// Every value listed, the first selected.
    pub fn new(values: &[Value]) -> ListState {
        let mut list = ListState {
            visible: (0..values.len()).collect(),
            cursor: 0,
            offset: 0,
            total: 0,
            longest_name: 0,
        };
        list.measure(values);
        list
    }

    /// Indices into the document's values that pass the filter, in document order.
    pub fn visible(&self) -> &[usize] {
        &self.visible
    }

    /// How many values are listed.
    pub fn len(&self) -> usize {
        self.visible.len()
    }

    pub fn is_empty(&self) -> bool {
        self.visible.is_empty()
    }

    /// Position in the list of the selected value.
    pub fn cursor(&self) -> usize {
        self.cursor
    }

    /// Position in the list of the first row on screen.
    pub fn offset(&self) -> usize {
        self.offset
    }

    /// Index into the document's values of the selected value, if any value is listed.
    pub fn selected(&self) -> Option<usize> {
        self.visible.get(self.cursor).copied()
    }

    /// Columns a value's number takes: those of the highest number.
    pub fn number_width(&self) -> usize {
        self.total.max(1).ilog10() as usize + 1
    }

    /// Columns the widest row needs: the selection marker, the number, a space and the name.
    pub fn row_width(&self) -> usize {
        1 + self.number_width() + 1 + self.longest_name
    }

    /// Rows of the list before the first on screen.
    pub fn rows_above(&self) -> usize {
        self.offset
    }

    /// Rows of the list after the last on screen, when `rows` fit on it.
    pub fn rows_below(&self, rows: usize) -> usize {
        self.visible.len().saturating_sub(self.offset + rows)
    }

    /// The position of the value shown on row `row` of the window, if a value is shown there.
    pub fn position_at_row(&self, row: usize) -> Option<usize> {
        let position = self.offset + row;
        (position < self.visible.len()).then_some(position)
    }

    /// The position in the list of the value at `index` in the document, if it is listed.
    pub fn position_of(&self, index: usize) -> Option<usize> {
        // `visible` is in document order.
        self.visible.binary_search(&index).ok()
    }

    /// Sizes the rows for a new document's values.
    pub(super) fn measure(&mut self, values: &[Value]) {
        self.total = values.len();
        self.longest_name = values
            .iter()
            .map(|value| value.name.width())
            .max()
            .unwrap_or(0);
    }

    /// Moves the selection to `position` (or the last row) and scrolls it into a window of
    /// `rows`. `false`, changing nothing, when the list is empty.
    pub(super) fn move_to(&mut self, position: usize, rows: usize) -> bool {
        let Some(last) = self.visible.len().checked_sub(1) else {
            return false;
        };
        self.cursor = position.min(last);
        self.keep_cursor_in_view(rows);
        true
    }

    /// Scrolls the window of `rows` as little as needs be to show the selection, and no further
    /// than the last page.
    pub(super) fn keep_cursor_in_view(&mut self, rows: usize) {
        let rows = rows.max(1);
        if self.cursor < self.offset {
            self.offset = self.cursor;
        } else if self.cursor >= self.offset + rows {
            self.offset = self.cursor + 1 - rows;
        }
        let last_page_start = self.visible.len().saturating_sub(rows);
        self.offset = self.offset.min(last_page_start);
    }

    /// Lists every value of the document.
    pub(super) fn show_all(&mut self) {
        self.visible.clear();
        self.visible.extend(0..self.total);
    }

    /// Sets which values are listed. The list is refilled in place: once it has held every
    /// value, no keystroke allocates for it. The cursor is left for the caller to place.
    pub(super) fn refill(&mut self, fill: impl FnOnce(&mut Vec<usize>)) {
        fill(&mut self.visible);
    }

    /// Selects `position`, which must be in the list (or 0 for an empty one).
    pub(super) fn place_cursor(&mut self, position: usize) {
        self.cursor = position;
    }

    /// Selects `position` with the window at the top of the list, before it is scrolled to show
    /// the selection.
    pub(super) fn restart_at(&mut self, position: usize) {
        self.cursor = position;
        self.offset = 0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn named(names: &[&str]) -> Vec<Value> {
        names
            .iter()
            .map(|name| Value {
                name: (*name).to_owned(),
                text: "-".to_owned(),
                video: None,
            })
            .collect()
    }

    fn list_of(count: usize) -> ListState {
        let names: Vec<String> = (1..=count).map(|n| format!("Value {n}")).collect();
        ListState::new(&named(
            &names.iter().map(String::as_str).collect::<Vec<_>>(),
        ))
    }

    #[test]
    fn rows_are_sized_for_the_widest_number_and_name() {
        let list = ListState::new(&named(&["Care", "日本語", "Compassion"]));
        assert_eq!((list.number_width(), list.row_width()), (1, 13));
        let list = list_of(20_000);
        assert_eq!(list.number_width(), 5);
        assert_eq!(list.row_width(), 1 + 5 + 1 + "Value 20000".len());
        assert_eq!(ListState::new(&[]).number_width(), 1);
    }

    #[test]
    fn the_window_follows_the_selection_and_counts_the_rows_out_of_it() {
        let mut list = list_of(10);
        assert!(list.move_to(7, 4));
        assert_eq!((list.cursor(), list.offset()), (7, 4));
        assert_eq!((list.rows_above(), list.rows_below(4)), (4, 2));
        assert!(list.move_to(99, 4));
        assert_eq!((list.cursor(), list.offset()), (9, 6));
        assert_eq!((list.rows_above(), list.rows_below(4)), (6, 0));
        assert!(list.move_to(2, 4));
        assert_eq!(list.offset(), 2);
        assert_eq!(list.position_at_row(3), Some(5));
        // A taller window shows more of the end, never space after it.
        list.keep_cursor_in_view(8);
        assert_eq!((list.offset(), list.rows_below(8)), (2, 0));
        list.keep_cursor_in_view(20);
        assert_eq!((list.offset(), list.rows_below(20)), (0, 0));
        assert_eq!(list.position_at_row(10), None);
    }

    #[test]
    fn an_empty_list_selects_nothing_and_does_not_move() {
        let mut list = list_of(5);
        assert!(!list.is_empty());
        list.refill(Vec::clear);
        list.restart_at(0);
        assert!(list.is_empty());
        assert_eq!(list.selected(), None);
        assert!(!list.move_to(3, 4));
        assert_eq!(list.cursor(), 0);
        list.show_all();
        assert_eq!(list.visible(), [0, 1, 2, 3, 4]);
        assert_eq!(list.position_of(3), Some(3));
    }
}
