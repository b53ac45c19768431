//! When the TOML parser fails, the mistake a person made, which is often not where the parser
//! noticed it: a text never closed swallows the file after it, so the parser complains about
//! the prose of the next values, and curly quotes or a text without quotes are only "string
//! values must be quoted" to it. Each mistake found is reported in its own words and mended in a
//! copy of the text with bytes of the same length, so that every place stays where it was; the
//! copy is parsed again, and what the parser still finds is reported as it says it. So one
//! mistake is reported once, not with the cascade after it, and other mistakes still are.

use std::ops::Range;

use toml::de::DeTable;
use toml_parser::Source;
use toml_parser::lexer::{Token, TokenKind};

use super::diagnostic::{Diagnostic, Location};
use super::validate::{sorted, syntax};

/// Mistakes looked for at most: each costs a parse of the whole file.
const MOST_MISTAKES: usize = 8;

/// Errors a mistake is looked for behind, in each round.
const MOST_ERRORS_EXPLAINED: usize = 64;

/// The parser's report of a key given twice in a table, as `syntax` words it.
const DUPLICATE_KEY: &str = "TOML syntax: duplicate key";

/// Every problem of a text the parser failed on, given its `errors`, in file order.
pub(crate) fn problems(text: &str, errors: &[toml::de::Error]) -> Vec<Diagnostic> {
    let mut remaining = sorted(errors.iter().map(syntax).collect());
    let mut found = Vec::new();
    let mut mended: Option<String> = None;
    for _ in 0..MOST_MISTAKES {
        let current = mended.as_deref().unwrap_or(text);
        let Some(mistake) = first_explaining(current, &remaining) else {
            break;
        };
        let mut diagnostic = mistake.diagnostic;
        if let (Some(at), Some(help)) = (mistake.help_after_line, &mut diagnostic.help) {
            help.push_str(&format!(", after line {}", Location::of(current, at).line));
        }
        let mut next = current.to_owned();
        for (range, start) in &mistake.mends {
            mend(&mut next, range.clone(), start);
        }
        let (_, errors) = DeTable::parse_recoverable(&next);
        remaining = sorted(errors.iter().map(syntax).collect());
        found.push(diagnostic);
        mended = Some(next);
        if remaining.is_empty() {
            break;
        }
    }
    found.extend(remaining);
    // The mended text has spaces where the file may have had a character of several bytes.
    for problem in &mut found {
        problem.span = on_boundaries(text, problem.span.clone());
        if let Some((span, _)) = &mut problem.related {
            *span = on_boundaries(text, span.clone());
        }
    }
    sorted(found)
}

/// `span` widened to the characters of `text` it touches.
fn on_boundaries(text: &str, span: Range<usize>) -> Range<usize> {
    let mut start = span.start.min(text.len());
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = span.end.clamp(start, text.len());
    while !text.is_char_boundary(end) {
        end += 1;
    }
    start..end
}

/// A mistake, the places of parser errors it explains, and how to mend it: each range is
/// overwritten with its string and then spaces, keeping line breaks.
#[derive(Clone)]
struct Mistake {
    diagnostic: Diagnostic,
    explains: Range<usize>,
    mends: Vec<(Range<usize>, String)>,
    /// A place whose line number ends the help: counted only for the mistake reported, as
    /// counting lines costs the length of the file.
    help_after_line: Option<usize>,
}

/// The first mistake, in file order, that explains the first error it can explain.
fn first_explaining(text: &str, errors: &[Diagnostic]) -> Option<Mistake> {
    let mistakes = mistakes(text);
    // Enough for a mistake to explain one of them; more would cost a scan each for nothing.
    errors.iter().take(MOST_ERRORS_EXPLAINED).find_map(|error| {
        let at = error.span.start;
        let explaining = mistakes
            .iter()
            .find(|mistake| mistake.explains.start <= at && at <= mistake.explains.end);
        let twice = (error.message == DUPLICATE_KEY)
            .then(|| given_twice(text, error.span.clone()))
            .flatten();
        match (explaining, twice) {
            (Some(mistake), Some(twice)) if twice.explains.start < mistake.explains.start => {
                Some(twice)
            }
            (Some(mistake), _) => Some(mistake.clone()),
            (None, twice) => twice,
        }
    })
}

/// Overwrites `range` of `text` with `start` and then spaces, keeping line breaks, so the text
/// keeps its length and its lines.
fn mend(text: &mut String, range: Range<usize>, start: &str) {
    let Some(old) = text.get(range.clone()) else {
        return;
    };
    let mut new = String::with_capacity(old.len());
    if old.len() >= start.len() && !old.as_bytes()[..start.len()].contains(&b'\n') {
        new.push_str(start);
    }
    for byte in old.bytes().skip(new.len()) {
        new.push(if matches!(byte, b'\n' | b'\r') {
            char::from(byte)
        } else {
            ' '
        });
    }
    text.replace_range(range, &new);
}

/// Every mistake of a kind this knows in `text`, in file order.
fn mistakes(text: &str) -> Vec<Mistake> {
    let mut found = Vec::new();
    // What came before on the line, outside strings: nothing, `=`, or something else.
    let mut first_on_line = true;
    let mut after_equals = false;
    // A one-line text just closed in a value: an atom right after it means a quote inside it.
    let mut closed_in_value: Option<Range<usize>> = None;
    for token in Source::new(text).lex() {
        let span = token.span().start()..token.span().end();
        let Some(source) = text.get(span.clone()) else {
            continue;
        };
        if let Some(string) = closed_in_value.take()
            && token.kind() == TokenKind::Atom
            && span.start == string.end
        {
            found.extend(quote_inside(text, string));
        }
        match token.kind() {
            TokenKind::Whitespace | TokenKind::Comment => continue,
            TokenKind::Newline => {
                first_on_line = true;
                after_equals = false;
                continue;
            }
            TokenKind::MlBasicString | TokenKind::MlLiteralString if after_equals => {
                found.extend(never_closed_block(text, &token, source));
            }
            TokenKind::MlBasicString | TokenKind::MlLiteralString if first_on_line => {
                found.extend(never_opened_block(text, &token));
            }
            TokenKind::BasicString | TokenKind::LiteralString => {
                let quote = if token.kind() == TokenKind::BasicString {
                    '"'
                } else {
                    '\''
                };
                if after_equals && is_closed(source, quote) {
                    closed_in_value = Some(span.clone());
                }
                found.extend(never_closed_line(text, &token, source, after_equals));
            }
            TokenKind::Atom => {
                if after_equals || first_on_line {
                    found.extend(curly_quotes(text, span.clone(), after_equals));
                }
                if after_equals {
                    found.extend(without_quotes(text, span.clone()));
                }
                found.extend(odd_spaces(text, span.clone(), source));
            }
            _ => {}
        }
        after_equals = token.kind() == TokenKind::Equals;
        first_on_line = false;
    }
    found
}

/// A multi-line text (`"""` or `'''`) that runs to the end of the file, or that ends at the
/// opening of the next one (`text = """`), having swallowed everything between.
fn never_closed_block(text: &str, token: &Token, source: &str) -> Option<Mistake> {
    let delimiter = if token.kind() == TokenKind::MlBasicString {
        "\"\"\""
    } else {
        "'''"
    };
    let start = token.span().start();
    let end = token.span().end();
    let closed = source.len() >= 2 * delimiter.len() && source.ends_with(delimiter);
    let closing_line = line_start(text, end.saturating_sub(delimiter.len()));
    let ends_at_next_opening = closed
        && text
            .get(closing_line..end - delimiter.len())
            .is_some_and(is_key_and_equals);
    if closed && !ends_at_next_opening {
        return None;
    }
    let opened = start..start + delimiter.len();
    let after_opening = line_end(text, opened.end);
    // Where the text was meant to end: before the next line that reads as TOML.
    let next_key = lines_from(text, after_opening).find(|line| reads_as_toml(&text[line.clone()]));
    let blank_until = next_key.as_ref().map_or(text.len(), |line| line.start);
    let last_line = last_non_blank_line(text, opened.end..blank_until);
    let help = format!("add `{delimiter}` at its end");
    let mut diagnostic = Diagnostic::new(
        "a text is never closed",
        opened.clone(),
        "this text starts here and is never closed",
    )
    .with_help(help);
    if let Some(line) = next_key {
        let key = line.start + (text[line.clone()].len() - text[line.clone()].trim_start().len());
        let key_end = text[key..line.end]
            .find([' ', '\t', '='])
            .map_or(line.end, |offset| key + offset);
        diagnostic = diagnostic.with_related(key..key_end, "the text should end before this line");
    }
    let empty = if delimiter == "'''" { "''" } else { "\"\"" };
    Some(Mistake {
        diagnostic,
        explains: start..text.len(),
        help_after_line: last_line,
        mends: vec![
            (opened.clone(), empty.to_owned()),
            (opened.end..blank_until, String::new()),
        ],
    })
}

/// A `"""` at the start of a line, where only the end of a text can be: the text before it
/// was never opened, after a key with nothing, or `""`, or one quote, for a value.
fn never_opened_block(text: &str, token: &Token) -> Option<Mistake> {
    let closing = token.span().start()..token.span().start() + 3;
    let delimiter = text.get(closing.clone())?;
    // Back over the lines of the text, which hold no other `"""`, to the key it belongs to.
    let key_line = lines_before(text, line_start(text, closing.start))
        .take_while(|line| !text[line.clone()].contains(delimiter))
        .find(|line| !text[line.clone()].trim().is_empty() && reads_as_toml(&text[line.clone()]))?;
    let line = &text[key_line.clone()];
    let equals = key_line.start + line.find('=')? + 1;
    let value = text[equals..key_line.end].trim();
    if !matches!(value, "" | "\"" | "\"\"" | "'" | "''") {
        return None;
    }
    let value_start =
        equals + (text[equals..key_line.end].len() - text[equals..key_line.end].trim_start().len());
    let place = if value.is_empty() {
        key_line.end..key_line.end
    } else {
        value_start..value_start + value.len()
    };
    let key = text[key_line.start..equals - 1].trim();
    Some(Mistake {
        diagnostic: Diagnostic::new(
            format!("a text has no `{delimiter}` at its start"),
            place,
            format!("the text should start here, with `{delimiter}`"),
        )
        .with_related(closing.clone(), format!("this `{delimiter}` ends it"))
        .with_help(format!(
            "write `{key} = {delimiter}` and the text from the next line on"
        )),
        explains: key_line.start..text.len(),
        mends: vec![(key_line.start..closing.end, String::new())],
        help_after_line: None,
    })
}

/// A one-line text closed in a value, followed at once by more of the value: a quote inside
/// the text, such as the apostrophe of `'People's voice'`, ended it early.
fn quote_inside(text: &str, string: Range<usize>) -> Option<Mistake> {
    let quote = text[string.clone()].chars().next()?;
    let line_end = line_end(text, string.start);
    let value = text[string.start..line_end].trim_end();
    let inner = value
        .strip_prefix(quote)
        .map(|rest| rest.strip_suffix(quote).unwrap_or(rest))
        .unwrap_or(value);
    let prefix = text[line_start(text, string.start)..string.start].trim();
    let help = if quote == '\'' && !inner.contains(['"', '\\']) {
        format!("put it in double quotes: {prefix} \"{inner}\"")
    } else if quote == '"' && !inner.contains('\'') {
        format!("put it in single quotes: {prefix} '{inner}'")
    } else {
        "write each `\"` inside the text as `\\\"`, and put it in double quotes".to_owned()
    };
    let closing = string.end - 1..string.end;
    Some(Mistake {
        diagnostic: Diagnostic::new(
            "a quote inside the text ends it early",
            closing,
            "the text ends here",
        )
        .with_help(help),
        explains: line_start(text, string.start)..line_end,
        mends: vec![(string.start..string.start + value.len(), "\"\"".to_owned())],
        help_after_line: None,
    })
}

/// The parser's "duplicate key" at `key`, with the first time the key was given in the same
/// table.
fn given_twice(text: &str, key: Range<usize>) -> Option<Mistake> {
    let name = text.get(key.clone())?;
    let line = line_start(text, key.start)..line_end(text, key.start);
    if text[line.clone()].trim() == format!("[{name}]") {
        return single_brackets(text, name, line);
    }
    if text[line.start..key.start].trim() != "" {
        return None;
    }
    let first = lines_before(text, line.start)
        .take_while(|line| !text[line.clone()].trim_start().starts_with('['))
        .find_map(|line| {
            let source = &text[line.clone()];
            let indent = source.len() - source.trim_start().len();
            let rest = source.trim_start().strip_prefix(name)?;
            rest.trim_start()
                .starts_with('=')
                .then(|| line.start + indent..line.start + indent + name.len())
        })?;
    let table_end = next_header(text, line.end);
    let help = if super::validate::VALUE_KEYS.contains(&name) {
        "if this starts another value, add a line `[[values]]` above it; otherwise keep one of the \
         two"
    } else {
        "keep one of the two"
    };
    Some(Mistake {
        diagnostic: Diagnostic::new(
            format!("`{name}` is given twice in one table"),
            key.clone(),
            "given again here",
        )
        .with_related(first, "first given here")
        .with_help(help),
        explains: line.clone(),
        // Often the start of another value whose header was left out: the rest of the table
        // would only repeat the report for each of its keys.
        mends: vec![(line.start..table_end, String::new())],
        help_after_line: None,
    })
}

/// Where the next line starting with `[` after `from` starts, or the end of the text.
fn next_header(text: &str, from: usize) -> usize {
    lines_from(text, from)
        .find(|next| text[next.clone()].trim_start().starts_with('['))
        .map_or(text.len(), |next| next.start)
}

/// `[values]` for `[[values]]`, given after other values: mended by leaving out the table, to
/// the next header.
fn single_brackets(text: &str, name: &str, line: Range<usize>) -> Option<Mistake> {
    let table_end = next_header(text, line.end);
    let header = line.start + text[line.clone()].find('[')?;
    let header = header..header + name.len() + 2;
    Some(Mistake {
        diagnostic: Diagnostic::new(
            format!("`[{name}]` needs two brackets on each side"),
            header,
            "one bracket on each side",
        )
        .with_help(format!(
            "each entry starts with a line `[[{name}]]`; `[{name}]` is one table, given again here"
        )),
        explains: line.clone(),
        mends: vec![(line.start..table_end, String::new())],
        help_after_line: None,
    })
}

/// A one-line text whose closing quote is missing. In a value, the lines after it that do not
/// read as TOML are taken as its continuation, as a person meaning one text over several lines.
fn never_closed_line(text: &str, token: &Token, source: &str, in_value: bool) -> Option<Mistake> {
    let quote = if token.kind() == TokenKind::BasicString {
        '"'
    } else {
        '\''
    };
    if is_closed(source, quote) {
        return None;
    }
    let start = token.span().start();
    let mut end = token.span().end();
    let mut continued = false;
    if in_value {
        for line in lines_from(text, line_end(text, start)) {
            let source = &text[line.clone()];
            if reads_as_toml(source) {
                break;
            }
            continued |= !source.trim().is_empty();
            end = line.end;
            // The line that closes it.
            if source.contains(quote) {
                break;
            }
        }
    }
    let help = if continued {
        "a text over several lines starts and ends with `\"\"\"`".to_owned()
    } else if let Some(curly) = source
        .trim_end()
        .chars()
        .next_back()
        .filter(|c| is_curly(*c))
    {
        format!("it ends with {curly}, a curly quote: end it with a straight `{quote}` instead")
    } else {
        format!("add `{quote}` at its end")
    };
    let empty = if quote == '"' { "\"\"" } else { "''" };
    Some(Mistake {
        diagnostic: Diagnostic::new(
            "a text is never closed",
            start..start + 1,
            "this text starts here and is never closed",
        )
        .with_help(help),
        explains: start..end,
        mends: vec![(start..end, empty.to_owned())],
        help_after_line: None,
    })
}

/// Whether a one-line string token ends with its closing quote, not an escaped one.
fn is_closed(source: &str, quote: char) -> bool {
    let Some(inner) = source
        .strip_prefix(quote)
        .and_then(|rest| rest.strip_suffix(quote))
    else {
        return false;
    };
    let escapes = inner
        .bytes()
        .rev()
        .take_while(|byte| *byte == b'\\')
        .count();
    quote == '\'' || escapes % 2 == 0
}

/// Quotes that word processors, web pages and phones put in for straight ones.
const CURLY_QUOTES: &[char] = &[
    '“', '”', '„', '‟', '‘', '’', '‚', '‛', '«', '»', '‹', '›', '″', '〝', '〞', '＂', '＇',
];

fn is_curly(c: char) -> bool {
    CURLY_QUOTES.contains(&c)
}

/// A value or key that starts with a curly quote: from it to the last quote of any kind on
/// the line.
fn curly_quotes(text: &str, atom: Range<usize>, in_value: bool) -> Option<Mistake> {
    let opening = text[atom.clone()].chars().next().filter(|c| is_curly(*c))?;
    let line = atom.start..line_end(text, atom.start);
    let rest = &text[line.clone()];
    let closing = rest
        .char_indices()
        .skip(1)
        .filter(|(_, c)| is_curly(*c) || matches!(c, '"' | '\''))
        .last();
    let (span, inner) = match closing {
        Some((offset, c)) => (
            atom.start..atom.start + offset + c.len_utf8(),
            &rest[opening.len_utf8()..offset],
        ),
        None => (
            atom.clone(),
            &text[atom.start + opening.len_utf8()..atom.end],
        ),
    };
    let mut names = vec![opening];
    if let Some((_, c)) = closing
        && is_curly(c)
        && c != opening
    {
        names.push(c);
    }
    let names: Vec<String> = names.iter().map(char::to_string).collect();
    let prefix = text[line_start(text, atom.start)..atom.start].trim();
    let help = if inner.contains(['"', '\\']) {
        "use the straight quote `\"` at each end".to_owned()
    } else if in_value {
        format!("use straight quotes: {prefix} \"{inner}\"")
    } else {
        format!("use straight quotes: \"{inner}\"")
    };
    Some(Mistake {
        diagnostic: Diagnostic::new(
            format!(
                "curly quotes {} where TOML needs straight quotes",
                names.join(" and ")
            ),
            span.clone(),
            "TOML reads only straight quotes as quotes",
        )
        .with_help(help),
        explains: line_start(text, atom.start)..line.end,
        mends: vec![(span, "\"\"".to_owned())],
        help_after_line: None,
    })
}

/// A value that starts with a letter and is not `true`, `false`, `inf` or `nan`: words meant
/// as a text, to the end of the line or a comment.
fn without_quotes(text: &str, atom: Range<usize>) -> Option<Mistake> {
    let word = &text[atom.clone()];
    if !word.chars().next().is_some_and(char::is_alphabetic) {
        return None;
    }
    if matches!(word, "true" | "false" | "inf" | "nan") {
        return None;
    }
    let line_end = line_end(text, atom.start);
    let rest = &text[atom.start..line_end];
    let value = rest.split('#').next().unwrap_or(rest).trim_end();
    let span = atom.start..atom.start + value.len();
    let prefix = text[line_start(text, atom.start)..atom.start].trim();
    let help = if matches!(value.to_lowercase().as_str(), "true" | "false") {
        format!(
            "`true` and `false` are written in lower case: {prefix} {}",
            value.to_lowercase()
        )
    } else if !value.contains(['"', '\\']) {
        format!("put it in straight quotes: {prefix} \"{value}\"")
    } else if !value.contains('\'') {
        format!("put it in straight quotes: {prefix} '{value}'")
    } else {
        "put it in straight quotes, `\"`, with `\\\"` for each quote inside it".to_owned()
    };
    Some(Mistake {
        diagnostic: Diagnostic::new(
            "a text without quotes",
            span.clone(),
            "no quotes round this",
        )
        .with_help(help),
        explains: line_start(text, atom.start)..line_end,
        mends: vec![(span, "0".to_owned())],
        help_after_line: None,
    })
}

/// A space TOML does not take as one, outside quotes: Word's non-breaking space and its kin,
/// and invisible characters.
fn odd_spaces(text: &str, atom: Range<usize>, source: &str) -> Option<Mistake> {
    let (offset, c) = source
        .char_indices()
        .find(|(_, c)| odd_space(*c).is_some())?;
    let what = odd_space(c)?;
    let at = atom.start + offset;
    let span = at..at + c.len_utf8();
    let help = if c.is_whitespace() {
        "replace it with an ordinary space; word processors and web pages put these in"
    } else {
        "delete it; it cannot be seen, and TOML does not take it as a space"
    };
    Some(Mistake {
        diagnostic: Diagnostic::new(
            format!(
                "{what} (U+{:04X}) where TOML needs an ordinary one",
                u32::from(c)
            ),
            span.clone(),
            "not an ordinary space",
        )
        .with_help(help),
        explains: line_start(text, at)..line_end(text, at),
        mends: vec![(span, String::new())],
        help_after_line: None,
    })
}

fn odd_space(c: char) -> Option<&'static str> {
    match c {
        '\u{a0}' | '\u{2007}' | '\u{202f}' => Some("a non-breaking space"),
        '\u{1680}' | '\u{2000}'..='\u{200a}' | '\u{205f}' | '\u{3000}' => {
            Some("a typographic space")
        }
        '\u{200b}' | '\u{2060}' | '\u{feff}' => Some("an invisible space"),
        _ => None,
    }
}

/// Whether a line reads as a line of TOML: a table header, or a key and `=`.
fn reads_as_toml(line: &str) -> bool {
    let line = line.trim();
    if let Some(header) = line.strip_prefix('[') {
        let header = header.split('#').next().unwrap_or(header).trim_end();
        return header.ends_with(']')
            && header
                .trim_matches(['[', ']'])
                .chars()
                .all(|c| is_key_char(c) || matches!(c, '.' | ' ' | '"' | '\''));
    }
    line.split_once('=')
        .is_some_and(|(key, _)| is_key_and_equals(&format!("{key}=")))
}

/// Whether `text` is a key and `=` with nothing after it, as before an opening `"""`.
fn is_key_and_equals(text: &str) -> bool {
    let Some(key) = text.trim().strip_suffix('=') else {
        return false;
    };
    let key = key.trim();
    !key.is_empty()
        && key
            .split('.')
            .all(|part| !part.trim().is_empty() && part.trim().chars().all(is_key_char))
}

fn is_key_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '_' | '-')
}

fn line_start(text: &str, at: usize) -> usize {
    text.get(..at)
        .and_then(|before| before.rfind('\n'))
        .map_or(0, |newline| newline + 1)
}

/// Where the line holding `at` ends, before its line break.
fn line_end(text: &str, at: usize) -> usize {
    let end = text
        .get(at..)
        .and_then(|after| after.find('\n'))
        .map_or(text.len(), |offset| at + offset);
    if end > at && text.as_bytes().get(end - 1) == Some(&b'\r') {
        end - 1
    } else {
        end
    }
}

/// The lines after the line break at or after `from`, each without its line break.
fn lines_from(text: &str, from: usize) -> impl Iterator<Item = Range<usize>> + '_ {
    let first = text
        .get(from..)
        .and_then(|after| after.find('\n'))
        .map(|offset| from + offset + 1);
    std::iter::successors(first, move |&start| {
        text[start..].find('\n').map(|offset| start + offset + 1)
    })
    .take_while(move |&start| start < text.len())
    .map(move |start| start..line_end(text, start))
}

/// The lines before the one starting at `start`, nearest first, each without its line break.
fn lines_before(text: &str, start: usize) -> impl Iterator<Item = Range<usize>> + '_ {
    let first = start.checked_sub(1).filter(|_| start <= text.len());
    std::iter::successors(first, move |&end| {
        let start = line_start(text, end);
        start.checked_sub(1)
    })
    .map(move |end| line_start(text, end)..line_end(text, line_start(text, end)))
}

/// The start of the last line in `range` with something on it.
fn last_non_blank_line(text: &str, range: Range<usize>) -> Option<usize> {
    let inside = text.get(range.clone())?;
    let trimmed = inside.trim_end();
    if trimmed.is_empty() {
        return None;
    }
    Some(line_start(text, range.start + trimmed.len()))
}
