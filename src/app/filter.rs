//! Case-insensitive matching of the filter query against a value, without allocating: the
//! filter runs over every value on each keystroke, and a file may hold 100,000 of them.

use std::ops::Range;

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
        c.to_lowercase().next() == Some(*first) && match_end(haystack, start, needle).is_some()
    })
}

/// Where `needle` occurs in `haystack` by the same rule as `matches`: the byte ranges of the
/// non-overlapping occurrences, leftmost first.
pub fn find(haystack: &str, needle: &[char]) -> Vec<Range<usize>> {
    let mut found = Vec::new();
    let Some(first) = needle.first() else {
        return found;
    };
    let mut from = 0;
    for (start, c) in haystack.char_indices() {
        if start < from || c.to_lowercase().next() != Some(*first) {
            continue;
        }
        if let Some(end) = match_end(haystack, start, needle) {
            found.push(start..end);
            from = end;
        }
    }
    found
}

/// The end of the occurrence of `needle` that starts at byte `start` of `haystack`, if one does.
/// A character whose lower case is several characters (`İ`) matches when the needle ends
/// inside it, as it does in `matches`.
fn match_end(haystack: &str, start: usize, needle: &[char]) -> Option<usize> {
    let mut wanted = needle.iter().peekable();
    for (offset, c) in haystack[start..].char_indices() {
        for lower in c.to_lowercase() {
            match wanted.next() {
                Some(expected) if *expected == lower => {}
                Some(_) => return None,
                None => break,
            }
        }
        if wanted.peek().is_none() {
            return Some(start + offset + c.len_utf8());
        }
    }
    None
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

    #[test]
    fn find_gives_every_occurrence_as_byte_ranges() {
        let text = "Care: we CARE, café care";
        assert_eq!(find(text, &query("care")), [0..4, 9..13, 21..25]);
        assert_eq!(find("café Ärzte", &query("ärz")), vec![6..10]);
        assert_eq!(find("aaaa", &query("aa")), [0..2, 2..4]);
        assert!(find(text, &query("")).is_empty());
        assert!(find(text, &query("cares")).is_empty());
    }

    #[test]
    fn find_and_matches_agree() {
        for (text, needle) in [
            ("İstanbul", "i"),
            ("İstanbul", "i\u{307}s"),
            ("straße", "SS"),
            ("Respect and dignity", "t and d"),
            ("end", "end "),
        ] {
            let needle = query(needle);
            let as_value = value(text, "-");
            assert_eq!(
                matches(&as_value, &needle),
                !find(text, &needle).is_empty(),
                "{text:?}"
            );
        }
    }
}
