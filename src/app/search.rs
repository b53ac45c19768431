//! Case-insensitive matching of the filter query against a value, without allocating: the
//! filter runs over every value on each keystroke, and a file may hold 100,000 of them.

use std::ops::Range;

use crate::values::Value;

/// Every value's name and text lower-cased into one buffer, so that a filter keystroke is one
/// vectorised search through it instead of a search of each value. The app makes it with the
/// document and drops it when a reload changes the document.
#[derive(Debug, Clone, Default)]
pub struct SearchIndex {
    /// Each value's name and text lower-cased, each followed by a NUL, which no value may hold,
    /// so that no match runs from one into the next.
    folded: Vec<u8>,
    /// Where each value's part of `folded` starts, and where the last one ends.
    starts: Vec<usize>,
}

impl SearchIndex {
    /// The index of `values`.
    pub fn new(values: &[Value]) -> SearchIndex {
        let bytes = values
            .iter()
            .map(|value| value.name.len() + value.text.len() + 2)
            .sum();
        let mut folded = Vec::with_capacity(bytes);
        let mut starts = Vec::with_capacity(values.len() + 1);
        for value in values {
            starts.push(folded.len());
            for text in [&value.name, &value.text] {
                fold_into(text, &mut folded);
                folded.push(0);
            }
        }
        starts.push(folded.len());
        SearchIndex { folded, starts }
    }

    /// Sets `visible` to the values, in order, whose name or text contains `query` (lower
    /// case). `narrowed` says that `visible` holds the matches of a query that `query` extends,
    /// so that only those need looking at. `false`
    /// when the index cannot answer exactly (see `can_answer`) or was not made for `count`
    /// values; then `visible` is unchanged.
    pub fn filter(
        &self,
        query: &[char],
        count: usize,
        visible: &mut Vec<usize>,
        narrowed: bool,
    ) -> bool {
        if !can_answer(query) || self.starts.len() != count + 1 {
            return false;
        }
        if query.is_empty() {
            if !narrowed {
                visible.clear();
                visible.extend(0..count);
            }
            return true;
        }
        let needle = query.iter().collect::<String>();
        let finder = memchr::memmem::Finder::new(needle.as_bytes());
        // A few values are quicker searched one by one; many, in one pass through everything,
        // which gives the same list since a longer query only matches where the shorter did.
        if narrowed && visible.len() < count / 4 {
            visible.retain(|&index| {
                finder
                    .find(&self.folded[self.starts[index]..self.starts[index + 1]])
                    .is_some()
            });
            return true;
        }
        visible.clear();
        let mut index = 0;
        while let Some(at) = finder.find(&self.folded[self.starts[index]..]) {
            let at = self.starts[index] + at;
            // Matches come in order, so the value holding this one is found by walking on.
            while self.starts[index + 1] <= at {
                index += 1;
            }
            visible.push(index);
            // One match is enough: go on from the next value.
            index += 1;
            if index == count {
                break;
            }
        }
        true
    }
}

/// Whether a search of the folded text gives the answer of `matches`. Lower-casing makes more
/// than one character of only one (`İ` gives `i` and U+0307), and `matches` never starts a
/// match inside it; a NUL would match the separators.
fn can_answer(query: &[char]) -> bool {
    query.first() != Some(&'\u{307}') && !query.contains(&'\0')
}

/// Appends `text` lower-cased, as `matches` lower-cases it: runs of ASCII a slice at a time,
/// the characters between them one by one.
fn fold_into(text: &str, folded: &mut Vec<u8>) {
    let mut buffer = [0u8; 4];
    let mut rest = text;
    while !rest.is_empty() {
        let ascii = rest
            .bytes()
            .position(|byte| !byte.is_ascii())
            .unwrap_or(rest.len());
        folded.extend(rest.as_bytes()[..ascii].iter().map(u8::to_ascii_lowercase));
        let mut chars = rest[ascii..].chars();
        if let Some(c) = chars.next() {
            for lower in c.to_lowercase() {
                folded.extend_from_slice(lower.encode_utf8(&mut buffer).as_bytes());
            }
        }
        rest = chars.as_str();
    }
}

/// Whether `value`'s name or text contains `query`, which must already be lower-case.
pub fn matches(value: &Value, query: &[char]) -> bool {
    contains_folded(&value.name, query) || contains_folded(&value.text, query)
}

/// Whether `haystack`, lower-cased, contains `needle`.
fn contains_folded(haystack: &str, needle: &[char]) -> bool {
    let Some(first) = needle.first() else {
        return true;
    };
    contains_ascii(haystack.as_bytes(), needle)
        .unwrap_or_else(|| contains_unicode(haystack, needle, *first))
}

/// `contains_folded` by the rule itself: lower-case the haystack from each character on.
fn contains_unicode(haystack: &str, needle: &[char], first: char) -> bool {
    haystack.char_indices().any(|(start, c)| {
        // Cheap rejection on the first character before comparing the rest.
        c.to_lowercase().next() == Some(first) && match_end(haystack, start, needle).is_some()
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

/// The only characters outside ASCII whose lower case has ASCII in it: `İ` (`i` and a dot
/// above) and the Kelvin sign (`k`).
const FOLDS_TO_ASCII: [&str; 2] = ["\u{130}", "\u{212a}"];

/// The fast way to answer `contains_folded`, for a needle of ASCII characters: a byte search
/// ignoring ASCII case, which gives the same answer whenever no character of the haystack outside
/// ASCII lower-cases to ASCII. `None` when it cannot answer: the needle is not all ASCII, or
/// the haystack has one of those characters and the needle a letter they fold to.
fn contains_ascii(haystack: &[u8], needle: &[char]) -> Option<bool> {
    if !needle.iter().all(char::is_ascii) {
        return None;
    }
    if needle.iter().any(|c| matches!(c, 'i' | 'k'))
        && FOLDS_TO_ASCII
            .iter()
            .any(|special| memchr::memmem::find(haystack, special.as_bytes()).is_some())
    {
        return None;
    }
    if needle.len() > haystack.len() {
        return Some(false);
    }
    // Look for the needle's rarest byte with memchr (fast, vectorised), then compare around it.
    let (at, rare) = needle
        .iter()
        .map(|c| *c as u8)
        .enumerate()
        .min_by_key(|(_, byte)| commonness(*byte))?;
    let upper = rare.to_ascii_uppercase();
    let last_start = haystack.len() - needle.len();
    let mut from = at;
    while from < haystack.len() {
        let found = if upper == rare {
            memchr::memchr(rare, &haystack[from..])
        } else {
            memchr::memchr2(rare, upper, &haystack[from..])
        };
        let Some(offset) = found else {
            return Some(false);
        };
        let start = from + offset - at;
        if start > last_start {
            return Some(false);
        }
        let candidate = &haystack[start..start + needle.len()];
        if candidate
            .iter()
            .zip(needle)
            .all(|(byte, c)| byte.to_ascii_lowercase() == *c as u8)
        {
            return Some(true);
        }
        from += offset + 1;
    }
    Some(false)
}

/// How often a byte turns up in English text, roughly: letters by their frequency, spaces most
/// and everything else least, so the search looks for the needle's least common byte.
fn commonness(byte: u8) -> u8 {
    const BY_FREQUENCY: &[u8] = b"zqxjkvbpygfwmucldrhsnioate ";
    BY_FREQUENCY
        .iter()
        .position(|common| *common == byte)
        .map_or(0, |rank| rank as u8 + 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::testing::value;

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

    #[test]
    fn the_fast_ascii_search_gives_the_answer_of_the_rule() {
        let haystacks = [
            "We ensure that compassion is central to the CARE we provide",
            "café – people’s lives, Ärzte",
            "İstanbul and the \u{212a}elvin sign",
            "aaaaab",
            "x",
            "",
        ];
        let needles = [
            "care",
            "CARE",
            "e",
            "x",
            "ab",
            "aab",
            "people",
            "s lives",
            "istanbul",
            "i",
            "kelvin",
            "k",
            "the k",
            "n the",
            "b",
            "xx",
            "central to the care we provide!",
        ];
        for haystack in haystacks {
            for needle in needles {
                let needle = query(needle);
                let by_rule = contains_unicode(haystack, &needle, needle[0]);
                if let Some(fast) = contains_ascii(haystack.as_bytes(), &needle) {
                    assert_eq!(fast, by_rule, "{haystack:?} {needle:?}");
                }
                assert_eq!(
                    contains_folded(haystack, &needle),
                    by_rule,
                    "{haystack:?} {needle:?}"
                );
            }
        }
        // The two characters that fold to ASCII are found by their ASCII letters.
        assert!(contains_folded("İstanbul", &query("i")));
        assert!(contains_folded("\u{212a}elvin", &query("kel")));
        // It declines only where it must, so the rule's slow search is the exception.
        for (haystack, needle, answer) in [
            ("We care", "CARE", Some(true)),
            ("kind", "ki", Some(true)),
            ("İstanbul", "stan", Some(true)),
            ("\u{212a}elvin", "elv", Some(true)),
            ("İstanbul", "x", Some(false)),
            ("İstanbul", "is", None),
            ("\u{212a}elvin", "kel", None),
            ("café", "é", None),
        ] {
            assert_eq!(
                contains_ascii(haystack.as_bytes(), &query(needle)),
                answer,
                "{haystack:?} {needle:?}"
            );
        }
    }

    #[test]
    fn the_index_finds_what_matches_finds() {
        let values: Vec<Value> = [
            (
                "Compassion",
                "We ensure that compassion is central to the CARE",
            ),
            ("Café", "Ärzte und Pflege"),
            ("İstanbul", "the \u{212a}elvin sign"),
            ("Respect", "Dignity; respect"),
            ("Everyone counts", "We use our resources"),
        ]
        .into_iter()
        .map(|(name, text)| value(name, text))
        // Enough others that a narrowed list of a few is searched value by value.
        .chain((0..30).map(|n| value(&format!("Other {n}"), "nothing of note")))
        .collect();
        let index = SearchIndex::new(&values);
        for needle in [
            "",
            "c",
            "care",
            "CARE",
            "café",
            "ärz",
            "pflegen",
            "i",
            "i\u{307}s",
            "kelvin",
            "s",
            "ect",
            "countswe",
            "tcare",
            "nwe",
            "e\0w",
        ] {
            let needle = query(needle);
            let expected: Vec<usize> = (0..values.len())
                .filter(|index| matches(&values[*index], &needle))
                .collect();
            let mut found = vec![2];
            if index.filter(&needle, values.len(), &mut found, false) {
                assert_eq!(found, expected, "{needle:?}");
            } else {
                assert!(needle.contains(&'\0'), "{needle:?}");
            }
            // Narrowing starts from the matches of the query one character shorter.
            let Some((_, shorter)) = needle.split_last() else {
                continue;
            };
            let mut narrowed: Vec<usize> = (0..values.len())
                .filter(|index| matches(&values[*index], shorter))
                .collect();
            if index.filter(&needle, values.len(), &mut narrowed, true) {
                assert_eq!(narrowed, expected, "{needle:?} from {shorter:?}");
            }
        }
        assert!(!index.filter(&query("\u{307}"), values.len(), &mut Vec::new(), false));
        assert!(!index.filter(&query("a"), values.len() + 1, &mut vec![5], true));
    }
}
