//! Where the filter's matches fall on wrapped lines. A match is found in a block's whole text,
//! so one that a line break splits is still found, and then cut into a piece per line.

use std::ops::Range;

use super::search::find;

/// The part of one match that lies on one wrapped line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    /// Index of the line within its block.
    pub line: usize,
    /// Bytes within that line.
    pub range: Range<usize>,
    /// Where the whole match starts in the block's text, which names the match.
    pub match_start: usize,
}

/// Texts up to this size are searched from their start on every frame, so the matches marked
/// are exactly those `n` steps through, even for a query that overlaps itself (`ana` in
/// `banana`). Longer texts are searched only around the shown lines.
const EXACT_SCAN_BYTES: usize = 64 * 1024;

/// The pieces of the matches of `needle` in `text` that fall on `lines[shown]`, where `lines`
/// are the byte ranges `text` was wrapped into. In a long text only the part around the shown
/// lines is searched, so a long paragraph costs what its visible part does.
pub fn pieces(
    text: &str,
    lines: &[Range<usize>],
    shown: Range<usize>,
    needle: &[char],
) -> Vec<Piece> {
    let shown = shown.start..shown.end.min(lines.len());
    if shown.is_empty() {
        return Vec::new();
    }
    let (first, last) = (&lines[shown.start], &lines[shown.end - 1]);
    // A match reaching into the shown lines starts or ends at most this far outside them: each
    // needle character is at most one character, of at most four bytes, of the text.
    let reach = needle.len() * 4;
    let from = if text.len() <= EXACT_SCAN_BYTES {
        0
    } else {
        floor_boundary(text, first.start.saturating_sub(reach))
    };
    let to = ceil_boundary(text, last.end.saturating_add(reach));
    let mut result = Vec::new();
    for found in find(&text[from..to], needle) {
        let found = found.start + from..found.end + from;
        for (index, line) in lines.iter().enumerate().take(shown.end).skip(shown.start) {
            let start = found.start.max(line.start);
            let end = found.end.min(line.end);
            if start < end {
                result.push(Piece {
                    line: index,
                    range: start - line.start..end - line.start,
                    match_start: found.start,
                });
            }
        }
    }
    result
}

fn floor_boundary(text: &str, mut index: usize) -> usize {
    while !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}

fn ceil_boundary(text: &str, index: usize) -> usize {
    let mut index = index.min(text.len());
    while !text.is_char_boundary(index) {
        index += 1;
    }
    index
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wrap::wrap_ranges;

    fn query(text: &str) -> Vec<char> {
        text.chars().flat_map(char::to_lowercase).collect()
    }

    /// Each shown line with its matched parts in brackets.
    fn marked(text: &str, width: usize, shown: Range<usize>, needle: &str) -> Vec<String> {
        let lines = wrap_ranges(text, width);
        let found = pieces(text, &lines, shown.clone(), &query(needle));
        lines[shown.clone()]
            .iter()
            .enumerate()
            .map(|(offset, line)| {
                let line_text = &text[line.clone()];
                let mut out = String::new();
                let mut at = 0;
                for piece in found
                    .iter()
                    .filter(|piece| piece.line == shown.start + offset)
                {
                    out.push_str(&line_text[at..piece.range.start]);
                    out.push('[');
                    out.push_str(&line_text[piece.range.clone()]);
                    out.push(']');
                    at = piece.range.end;
                }
                out.push_str(&line_text[at..]);
                out
            })
            .collect()
    }

    #[test]
    fn matches_are_marked_on_their_lines() {
        let text = "We care. Care is central to the care we give.";
        assert_eq!(
            marked(text, 20, 0..3, "care"),
            ["We [care]. [Care] is", "central to the [care]", "we give."]
        );
    }

    #[test]
    fn a_match_split_by_the_wrap_is_marked_on_both_lines() {
        let text = "relieve suffering and pain";
        assert_eq!(
            marked(text, 10, 0..3, "ve suff"),
            ["relie[ve]", "[suff]ering", "and pain"]
        );
        let lines = wrap_ranges(text, 10);
        let found = pieces(text, &lines, 0..3, &query("ve suff"));
        assert_eq!(found.len(), 2);
        assert!(found.iter().all(|piece| piece.match_start == 5));
    }

    #[test]
    fn only_the_shown_lines_get_pieces() {
        let text = "care one. care two. care six. care ten.";
        let lines = wrap_ranges(text, 10);
        assert_eq!(lines.len(), 4);
        let found = pieces(text, &lines, 1..3, &query("care"));
        let on: Vec<usize> = found.iter().map(|piece| piece.line).collect();
        assert_eq!(on, [1, 2]);
        assert!(pieces(text, &lines, 4..9, &query("care")).is_empty());
        assert!(pieces(text, &lines, 0..4, &query("")).is_empty());
    }

    /// Searched from the start, `aa` in a run of `a` matches at even offsets; a search from an
    /// odd offset near the shown line would mark other pairs than `n` steps through.
    #[test]
    fn a_query_that_overlaps_itself_is_marked_as_n_finds_it() {
        let text = "a".repeat(30);
        let lines = wrap_ranges(&text, 5);
        let found = pieces(&text, &lines, 3..4, &query("aa"));
        let starts: Vec<usize> = found.iter().map(|piece| piece.match_start).collect();
        assert_eq!(starts, [14, 16, 18]);
        assert_eq!(found[0].range, 0..1);
        // The same far into a text that is long, but not too long to search from its start.
        let text = "a".repeat(5000);
        let lines = wrap_ranges(&text, 5);
        let found = pieces(&text, &lines, 201..202, &query("aa"));
        let starts: Vec<usize> = found.iter().map(|piece| piece.match_start).collect();
        assert_eq!(starts, [1004, 1006, 1008]);
    }

    /// Past `EXACT_SCAN_BYTES` only the text around the shown lines is searched: far enough out
    /// to find a match of characters of several bytes that a break splits, and widened to
    /// whole characters.
    #[test]
    fn in_a_longer_text_the_shown_line_is_marked_as_in_a_short_one() {
        let filler = "été ".repeat(EXACT_SCAN_BYTES / 6 + 1);
        let text = format!("{filler}éééééééééé ééé cares {filler}");
        let lines = wrap_ranges(&text, 10);
        let shown = lines
            .iter()
            .position(|line| text[line.clone()].starts_with("ééé "))
            .expect("the line after the break");
        let (before, line) = (lines[shown - 1].clone(), lines[shown].clone());
        assert_eq!(
            (&text[before.clone()], &text[line.clone()]),
            ("éééééééééé", "ééé cares")
        );
        assert_eq!(
            pieces(&text, &lines, shown..shown + 1, &query("ÉÉÉÉÉÉÉÉÉÉ é")),
            [Piece {
                line: shown,
                range: 0..2,
                match_start: before.start
            }]
        );
        let reach = "cares".len() * 4;
        assert!(
            !text.is_char_boundary(line.start - reach) && !text.is_char_boundary(line.end + reach),
            "the search for `cares` starts and ends inside a character"
        );
        assert_eq!(
            pieces(&text, &lines, shown..shown + 1, &query("cares")),
            [Piece {
                line: shown,
                range: 7..12,
                match_start: line.start + 7
            }]
        );
    }

    #[test]
    fn wide_and_accented_text_keeps_char_boundaries() {
        assert_eq!(
            marked("日本語のケア、ケア", 6, 0..3, "ケア"),
            ["日本語", "の[ケア]", "、[ケア]"]
        );
        assert_eq!(marked("Ärzte café", 20, 0..1, "CAFÉ"), ["Ärzte [café]"]);
    }
}
