//! Case-insensitive matching of the filter query against a value, without allocating: the
//! filter runs over every value on each keystroke, and a file may hold 100,000 of them.

use crate::values::Value;

/// Whether `value`'s name or text contains `query`, which must already be lower-case.
pub fn matches(value: &Value, query: &[char]) -> bool {
    contains_folded(&value.name, query) || contains_folded(&value.text, query)
}

/// Whether `haystack`, lower-cased, contains `needle`.
fn contains_folded(haystack: &str, needle: &[char]) -> bool {
    let Some(first) = needle.first() else {
        return true;
    };
    haystack.char_indices().any(|(start, c)| {
        // Cheap rejection on the first character before comparing the rest.
        c.to_lowercase().next() == Some(*first)
            && haystack[start..]
                .chars()
                .flat_map(char::to_lowercase)
                .take(needle.len())
                .eq(needle.iter().copied())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn value(name: &str, text: &str) -> Value {
        Value {
            name: name.to_owned(),
            text: text.to_owned(),
            video: None,
        }
    }

    fn query(text: &str) -> Vec<char> {
        text.chars().flat_map(char::to_lowercase).collect()
    }

    #[test]
    fn matches_name_or_text_ignoring_case() {
        let compassion = value(
            "Compassion",
            "We ensure that compassion is central to the CARE",
        );
        assert!(matches(&compassion, &query("COMPASS")));
        assert!(matches(&compassion, &query("care")));
        assert!(matches(&compassion, &query("")));
        assert!(!matches(&compassion, &query("dignity")));
    }

    #[test]
    fn matches_beyond_ascii_and_at_the_end() {
        let café = value("Café", "Ärzte und Pflege");
        assert!(matches(&café, &query("CAFÉ")));
        assert!(matches(&café, &query("ärzte")));
        assert!(matches(&café, &query("pflege")));
        assert!(!matches(&café, &query("pflegen")));
    }
}
