//! Fitting text to terminal columns: word wrapping, and cutting with an ellipsis. The detail
//! pane draws these lines, and the app state bounds scrolling by the same lines, so the two can
//! never disagree.

use std::borrow::Cow;
use std::ops::Range;

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Splits `text` into lines at most `width` columns wide, breaking at spaces where it can and
/// inside a word only when the word alone is wider than the line.
pub fn wrap(text: &str, width: usize) -> Vec<&str> {
    wrap_ranges(text, width)
        .into_iter()
        .map(|line| &text[line])
        .collect()
}

/// The lines `wrap` gives, as byte ranges into `text`, for marking parts of them.
pub fn wrap_ranges(text: &str, width: usize) -> Vec<Range<usize>> {
    let mut lines = Vec::new();
    if width == 0 {
        return lines;
    }
    let mut start = text.len() - text.trim_start_matches(' ').len();
    while start < text.len() {
        let rest = &text[start..];
        let end = line_end(rest, width);
        lines.push(start..start + rest[..end].trim_end_matches(' ').len());
        start += end + (rest[end..].len() - rest[end..].trim_start_matches(' ').len());
    }
    lines
}

/// The byte length of the next line of `text`.
fn line_end(text: &str, width: usize) -> usize {
    let mut columns = 0;
    let mut last_space = None;
    for (index, c) in text.char_indices() {
        let char_width = c.width().unwrap_or(0);
        if columns + char_width > width {
            if c == ' ' {
                return index;
            }
            // A character wider than the whole line still has to go somewhere.
            let hard_break = if index == 0 { c.len_utf8() } else { index };
            return last_space.unwrap_or(hard_break);
        }
        if c == ' ' {
            last_space = Some(index);
        }
        columns += char_width;
    }
    text.len()
}

/// `text` cut to `width` columns, with an ellipsis when anything was cut.
pub fn truncate(text: &str, width: usize) -> Cow<'_, str> {
    if text.width() <= width {
        return Cow::Borrowed(text);
    }
    let Some(room) = width.checked_sub(1) else {
        return Cow::Borrowed("");
    };
    let mut result = String::from(&text[..prefix_len(text, room)]);
    result.push('…');
    Cow::Owned(result)
}

/// How `text` fits in a number of columns: whole, or its start and its end with an ellipsis
/// between (`head` + `…` + `tail`). The end is kept because it is what most often tells similar
/// names apart (`… 19992`, `… (staff)`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cut {
    /// Bytes of the text shown before the ellipsis; all of it when nothing was cut.
    pub head: Range<usize>,
    /// Bytes of the text shown after the ellipsis, if any was cut. (In no columns at all,
    /// nothing is shown, not even the ellipsis.)
    pub tail: Option<Range<usize>>,
}

impl Cut {
    /// The text as shown.
    pub fn shown(&self, text: &str) -> String {
        match &self.tail {
            None => text[self.head.clone()].to_owned(),
            Some(tail) => format!("{}…{}", &text[self.head.clone()], &text[tail.clone()]),
        }
    }
}

/// `text` fitted to `width` columns by cutting its middle: the last word is kept whole when it
/// takes at most half the room, otherwise the room is shared between the start and the end.
pub fn cut_middle(text: &str, width: usize) -> Cut {
    if text.width() <= width {
        return Cut {
            head: 0..text.len(),
            tail: None,
        };
    }
    let Some(room) = width.checked_sub(1) else {
        return Cut {
            head: 0..0,
            tail: None,
        };
    };
    let tail_start = match text.rfind(' ') {
        Some(space) if text[space..].width() <= room / 2 => space,
        _ => text.len() - suffix_len(text, room / 2),
    };
    let head = text[..prefix_len(text, room - text[tail_start..].width())].trim_end_matches(' ');
    Cut {
        head: 0..head.len(),
        tail: Some(tail_start..text.len()),
    }
}

/// The bytes of the longest start of `text` that fits in `width` columns.
fn prefix_len(text: &str, width: usize) -> usize {
    let mut used = 0;
    for (index, c) in text.char_indices() {
        used += c.width().unwrap_or(0);
        if used > width {
            return index;
        }
    }
    text.len()
}

/// The bytes of the longest end of `text` that fits in `width` columns.
fn suffix_len(text: &str, width: usize) -> usize {
    let mut used = 0;
    for (index, c) in text.char_indices().rev() {
        used += c.width().unwrap_or(0);
        if used > width {
            return text.len() - index - c.len_utf8();
        }
    }
    text.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn breaks_at_spaces() {
        assert_eq!(
            wrap("We speak up when things go wrong.", 12),
            ["We speak up", "when things", "go wrong."]
        );
    }

    #[test]
    fn a_word_wider_than_the_line_is_split() {
        assert_eq!(wrap("abcdefghij xy", 4), ["abcd", "efgh", "ij", "xy"]);
    }

    #[test]
    fn wide_characters_count_two_columns() {
        assert_eq!(
            wrap("日本語のテキスト", 5),
            ["日本", "語の", "テキ", "スト"]
        );
        assert_eq!(wrap("日", 1), ["日"]);
    }

    #[test]
    fn ranges_point_at_the_lines() {
        let text = "  We speak up   when things go wrong.";
        let ranges = wrap_ranges(text, 12);
        let lines: Vec<&str> = ranges.iter().map(|range| &text[range.clone()]).collect();
        assert_eq!(lines, ["We speak up", "when things", "go wrong."]);
        assert_eq!(ranges[0], 2..13);
    }

    #[test]
    fn exact_fit_and_empty_input() {
        assert_eq!(wrap("abc def", 7), ["abc def"]);
        assert_eq!(wrap("abc def", 3), ["abc", "def"]);
        assert!(wrap("", 10).is_empty());
        assert!(wrap("anything", 0).is_empty());
    }

    #[test]
    fn long_text_is_cut_with_an_ellipsis() {
        assert_eq!(
            truncate("Commitment to quality of care", 12),
            "Commitment …"
        );
        assert_eq!(truncate("Compassion", 10), "Compassion");
        assert_eq!(truncate("日本語", 4), "日…");
        assert_eq!(truncate("abc", 0), "");
    }

    fn shown_in(text: &str, width: usize) -> String {
        let shown = cut_middle(text, width).shown(text);
        assert!(shown.width() <= width, "{shown:?} is wider than {width}");
        shown
    }

    #[test]
    fn a_middle_cut_keeps_the_last_word_that_tells_names_apart() {
        assert_eq!(
            shown_in("Commitment and compassion 19992", 27),
            "Commitment and compa… 19992"
        );
        assert_eq!(
            shown_in("Commitment to quality of care", 20),
            "Commitment to… care"
        );
        assert_eq!(shown_in("Compassion", 10), "Compassion");
        assert_eq!(cut_middle("Compassion", 10).tail, None);
    }

    #[test]
    fn a_middle_cut_of_one_long_word_shares_the_room() {
        assert_eq!(shown_in(&"n".repeat(10_000), 9), "nnnn…nnnn");
        assert_eq!(shown_in("abcdefghij", 6), "abc…ij");
        assert_eq!(shown_in("日本語のテキスト", 9), "日本…スト");
        assert_eq!(shown_in("a very long last-word-here", 10), "a ver…here");
        assert_eq!(shown_in("abc", 1), "…");
        assert_eq!(shown_in("abc", 0), "");
    }
}
