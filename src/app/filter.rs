//! The filter's state: the query as typed, whether it is being typed, and the index it searches.

use super::search::{SearchIndex, matches};
use crate::values::Value;

/// The filter typed with `/`.
#[derive(Debug, Clone)]
pub struct Filter {
    text: String,
    editing: bool,
    /// The values lower-cased for searching; made again after anything that may have changed
    /// the document.
    index: Option<SearchIndex>,
}

impl Filter {
    /// No filter, with the index of `values` made now rather than on the first `/`, so that no
    /// keystroke waits for it.
    pub fn new(values: &[Value]) -> Filter {
        Filter {
            text: String::new(),
            editing: false,
            index: Some(SearchIndex::new(values)),
        }
    }

    /// The query as typed.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Whether a query is set.
    pub fn is_set(&self) -> bool {
        !self.text.is_empty()
    }

    /// Whether the query is being typed: the letter keys are text.
    pub fn is_editing(&self) -> bool {
        self.editing
    }

    /// The query as the matching rule takes it: lower-cased characters.
    pub fn query(&self) -> Vec<char> {
        self.text.chars().flat_map(char::to_lowercase).collect()
    }

    /// Starts typing, making the index again if a reload dropped it.
    pub(super) fn start(&mut self, values: &[Value]) {
        self.editing = true;
        if self.index.is_none() {
            self.index = Some(SearchIndex::new(values));
        }
    }

    pub(super) fn push(&mut self, c: char) {
        self.text.push(c);
    }

    pub(super) fn pop(&mut self) {
        self.text.pop();
    }

    /// Stops typing and keeps the query.
    pub(super) fn accept(&mut self) {
        self.editing = false;
    }

    /// Stops typing and drops the query.
    pub(super) fn clear(&mut self) {
        self.text.clear();
        self.editing = false;
    }

    /// The document changed, so the index is out of date.
    pub(super) fn forget_index(&mut self) {
        self.index = None;
    }

    /// Sets `visible` to the values the query matches, through the index (made again if it was
    /// dropped). `narrowed` says the query only grew, so the new matches are among those in
    /// `visible` now.
    pub(super) fn fill(&mut self, values: &[Value], visible: &mut Vec<usize>, narrowed: bool) {
        let query = self.query();
        let index = self.index.get_or_insert_with(|| SearchIndex::new(values));
        if index.filter(&query, values.len(), visible, narrowed) {
            return;
        }
        if narrowed {
            visible.retain(|index| matches(&values[*index], &query));
        } else {
            visible.clear();
            visible.extend((0..values.len()).filter(|index| matches(&values[*index], &query)));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::action::Action;
    use crate::app::App;
    use crate::app::testing::value;

    #[test]
    fn typing_accepting_and_clearing() {
        let values = [value("Care", "we care"), value("Dignity", "respect")];
        let mut filter = Filter::new(&values);
        assert!(!filter.is_set() && !filter.is_editing());
        filter.start(&values);
        filter.push('A');
        filter.push('É');
        assert_eq!((filter.text(), filter.is_editing()), ("AÉ", true));
        assert_eq!(filter.query(), ['a', 'é']);
        filter.pop();
        filter.accept();
        assert_eq!((filter.text(), filter.is_editing()), ("A", false));
        let mut visible = Vec::new();
        filter.fill(&values, &mut visible, false);
        assert_eq!(visible, [0]);
        filter.clear();
        assert!(!filter.is_set() && !filter.is_editing());
        filter.fill(&values, &mut visible, false);
        assert_eq!(visible, [0, 1]);
    }

    #[test]
    fn a_dropped_index_is_made_again_for_the_new_values() {
        let mut filter = Filter::new(&[value("Old", "old")]);
        filter.forget_index();
        let values = [value("Old", "old"), value("New", "new")];
        filter.start(&values);
        assert!(filter.index.is_some());
        filter.push('n');
        let mut visible = vec![0, 1];
        filter.fill(&values, &mut visible, true);
        assert_eq!(visible, [1]);
    }

    #[test]
    fn typing_a_filter_gives_the_same_list_with_the_index_as_without() {
        let names = ["Care", "Carers", "Café", "Kindness", "Courage", "Dignity"];
        let document = crate::values::Document {
            title: String::new(),
            intro: String::new(),
            source: None,
            links: Vec::new(),
            attribution: String::new(),
            values: names
                .iter()
                .map(|name| value(name, &format!("{name} matters to us")))
                .collect(),
        };
        let mut app = App::new(document);
        app.update(Action::StartFilter);
        assert!(app.filter.index.is_some());
        for key in [
            Action::FilterInput('c'),
            Action::FilterInput('a'),
            Action::Next,
            Action::FilterInput('r'),
            Action::FilterBackspace,
            Action::FilterBackspace,
            Action::FilterInput('U'),
            Action::FilterBackspace,
            Action::FilterBackspace,
            Action::FilterInput('s'),
        ] {
            app.update(key);
            let query: Vec<char> = app
                .filter
                .text
                .chars()
                .flat_map(char::to_lowercase)
                .collect();
            let expected: Vec<usize> = (0..names.len())
                .filter(|index| matches(&app.document.values[*index], &query))
                .collect();
            assert_eq!(app.list.visible(), expected, "{:?}", app.filter.text);
        }
        assert!(app.filter.index.is_some());
    }
}
