//! Loading a large file in parts. The TOML parser keeps a token, an event and a map node for
//! everything in the file at once, several times the file's size; a file of 100,000 values is
//! read instead as its head and runs of `[[values]]` tables, each parsed and checked on its own.
//! Any problem, or any shape this cannot split exactly, sends the file to the whole-file path,
//! which reports every problem in its place.

use toml_parser::Source;
use toml_parser::lexer::TokenKind;

use super::Document;
use super::validate;

/// Files smaller than this are parsed whole; parts are about this size.
pub const PART_BYTES: usize = 1 << 20;

/// The document, when `text` splits into parts that are all valid; `None` otherwise.
pub fn document(text: &str, part_bytes: usize) -> Option<Document> {
    let headers = value_headers(text)?;
    let (&first, _) = headers.split_first()?;
    let mut parts = Vec::new();
    let mut start = first;
    for &header in &headers {
        if header > start && header - start >= part_bytes {
            parts.push(&text[start..header]);
            start = header;
        }
    }
    parts.push(&text[start..]);
    validate::document_in_parts(&text[..first], parts)
}

/// Where each `[[values]]` header starts, when every table header from the first of them on is
/// exactly `[[values]]`, so that each run of them stands alone; `None` otherwise.
fn value_headers(text: &str) -> Option<Vec<usize>> {
    let mut headers = Vec::new();
    let mut tokens = Source::new(text).lex();
    let mut line_start = true;
    // Brackets and braces open in a value: a line that starts inside one is not a header.
    let mut depth = 0usize;
    while let Some(token) = tokens.next() {
        match token.kind() {
            TokenKind::Whitespace | TokenKind::Comment => {}
            TokenKind::Newline => line_start = depth == 0,
            TokenKind::LeftSquareBracket if line_start => {
                let start = token.span().start();
                let mut header = Vec::new();
                for token in tokens.by_ref() {
                    match token.kind() {
                        TokenKind::Whitespace => {}
                        TokenKind::Newline | TokenKind::Comment | TokenKind::Eof => break,
                        _ => header.push(&text[token.span().start()..token.span().end()]),
                    }
                }
                if header == ["[", "values", "]", "]"] {
                    headers.push(start);
                } else if !headers.is_empty() {
                    return None;
                }
                line_start = true;
            }
            kind => {
                line_start = false;
                match kind {
                    TokenKind::LeftSquareBracket | TokenKind::LeftCurlyBracket => depth += 1,
                    TokenKind::RightSquareBracket | TokenKind::RightCurlyBracket => {
                        depth = depth.saturating_sub(1);
                    }
                    _ => {}
                }
            }
        }
    }
    Some(headers)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::values::BUILTIN_TOML;

    /// Every way of loading in parts gives what loading whole does, or declines.
    fn agrees(text: &str) {
        let whole = validate::document(text);
        for part_bytes in [0, 1, 200, 1000, usize::MAX] {
            match (&whole, document(text, part_bytes)) {
                (Ok(expected), Some(parts)) => assert_eq!(parts, *expected, "{text}"),
                (Ok(_), None) => {}
                (Err(_), Some(parts)) => panic!("accepted in parts: {parts:?}\n{text}"),
                (Err(_), None) => {}
            }
        }
    }

    #[test]
    fn the_built_in_values_split_into_parts_and_load_the_same() {
        assert!(document(BUILTIN_TOML, 0).is_some());
        agrees(BUILTIN_TOML);
    }

    #[test]
    fn headers_inside_strings_and_arrays_are_not_split_at() {
        let text = "[[values]]\nname = \"A\"\ntext = \"\"\"\n[[values]]\nname = \"B\"\n\"\"\"\n\
                    [[values]]\nname = \"C\"\ntext = 'c'\n";
        assert_eq!(value_headers(text).map(|headers| headers.len()), Some(2));
        agrees(text);
        let in_array = "x = [\n[1],\n]\n[[values]]\nname = \"A\"\ntext = \"a\"\n";
        assert_eq!(
            value_headers(in_array).map(|headers| headers.len()),
            Some(1)
        );
        agrees(in_array);
        // Nor inside arrays and inline tables after the first header, where any other header
        // would stop the split.
        let in_value = "[[values]]\nname = \"A\"\ntext = \"a\"\nx = [\n[1], {y = [2]},\n]\n\
                        [[values]]\nname = \"B\"\ntext = \"b\"\n";
        assert_eq!(
            value_headers(in_value).map(|headers| headers.len()),
            Some(2)
        );
        agrees(in_value);
    }

    #[test]
    fn other_headers_after_the_values_are_left_to_the_whole_file_path() {
        for text in [
            "[[values]]\nname = \"A\"\ntext = \"a\"\n[[links]]\nlabel = \"L\"\nurl = \"https://e.org\"\n",
            "[[values]]\nname = \"A\"\ntext = \"a\"\n[values.extra]\nx = 1\n",
            "[[values]]\nname = \"A\"\ntext = \"a\"\n[[values.sub]]\nx = 1\n",
            "[[values]]\nname = \"A\"\ntext = \"a\"\n[[ \"values\" ]]\nname = \"B\"\ntext = \"b\"\n",
        ] {
            assert_eq!(document(text, 0), None, "{text}");
            agrees(text);
        }
    }

    #[test]
    fn any_problem_declines_so_that_the_whole_file_reports_it() {
        for text in [
            "values = []\n[[values]]\nname = \"A\"\ntext = \"a\"\n",
            "title = 1\n[[values]]\nname = \"A\"\ntext = \"a\"\n",
            "[[values]]\nname = \"A\"\ntext = \"a\"\n[[values]]\nname = \"a\"\ntext = \"b\"\n",
            "[[values]]\nname = \"A\"\ntext = \"a\"\n[[values]]\nname = \"B\"\n",
            "[[values]]\nname = \"A\"\ntext = \"a\"\nname = \"B\"\n",
            "[[values]]\nname = \"A\"\ntext = \"a\nb\"\n",
            "[[values]]\nname = \"A\"\ntext = \"a\"\nvalues.x = 1\n",
            "[[values]]\nname = \"A\"\ntext = \"a\"\nvideo = \"ftp://x\"\n",
            "title = \"\"\"\n[[values]]\nname = \"A\"\ntext = \"a\"\n",
            "[[values]]\nname = \"A\"\ntext = \"a\u{1b}\"\n",
        ] {
            assert_eq!(document(text, 0), None, "{text}");
            agrees(text);
        }
    }

    #[test]
    fn windows_line_endings_comments_and_a_bom_split_the_same() {
        let text = "\u{feff}title = \"T\"\r\n# a comment\r\n[[values]] # first\r\nname = \"A\"\r\n\
                    text = \"\"\"\r\nline one\r\nline two\r\n\"\"\"\r\n\r\n  [[values]]\r\n\
                    name = \"B\"\r\ntext = 'b'\r\nvideo = \"https://example.org/v\"\r\n";
        assert_eq!(value_headers(text).map(|headers| headers.len()), Some(2));
        assert!(document(text, 0).is_some());
        agrees(text);
    }
}
