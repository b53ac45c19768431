//! Checks a parsed TOML table against the schema, collecting every problem instead of stopping
//! at the first, which is why this walks the spanned table rather than deriving `Deserialize`.

use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::ops::Range;

use toml::de::{DeTable, DeValue};

use super::{Diagnostic, Document, Link, Value};

/// The names a values file may have at its top level.
pub const TOP_KEYS: &[&str] = &["title", "intro", "source", "attribution", "links", "values"];
const LINK_KEYS: &[&str] = &["label", "url", TITLE_SLIDE_MARK];
/// The key that marks the link presentation mode's title slide shows.
const TITLE_SLIDE_MARK: &str = "on_title_slide";
pub(super) const VALUE_KEYS: &[&str] = &["name", "text", "video"];

/// The title used when a file gives none.
pub const DEFAULT_TITLE: &str = "Values";

/// Validates TOML text, returning the document or every problem in file order.
pub fn document(text: &str) -> Result<Document, Vec<Diagnostic>> {
    let (table, syntax_errors) = DeTable::parse_recoverable(text);
    if !syntax_errors.is_empty() {
        // A table recovered from broken syntax would only add confusing follow-on complaints.
        return Err(super::syntax_problems(text, &syntax_errors));
    }
    let mut checker = Checker::default();
    // Problems about the file as a whole point just after its last character.
    let end = text.trim_end().len();
    let document = checker.document(table.get_ref(), end);
    if checker.problems.is_empty() {
        Ok(document)
    } else {
        Err(sorted(checker.problems))
    }
}

/// Validates a document given as its head (everything before the first `[[values]]`) and its
/// `[[values]]` tables in parts, each parsed on its own, so that only one part's parse tree
/// exists at a time. `None` at the first problem: the caller then validates the whole text,
/// which reports every problem with its place in the file.
pub(super) fn document_in_parts<'a>(
    head: &str,
    parts: impl IntoIterator<Item = &'a str>,
) -> Option<Document> {
    let (table, errors) = DeTable::parse_recoverable(head);
    if !errors.is_empty() || table.get_ref().get("values").is_some() {
        return None;
    }
    let mut checker = Checker::default();
    let mut document = checker.head(table.get_ref());
    let mut seen = HashMap::new();
    for part in parts {
        let (table, errors) = DeTable::parse_recoverable(part);
        let table = table.get_ref();
        if !errors.is_empty() || table.len() != 1 {
            return None;
        }
        let tables = checker.tables(table, "values");
        let first = document.values.len();
        checker.value_tables(&tables, first, &mut seen, &mut document.values);
        if !checker.problems.is_empty() {
            return None;
        }
    }
    (checker.problems.is_empty() && !document.values.is_empty()).then_some(document)
}

pub(crate) fn sorted(mut diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
    diagnostics.sort_by_key(|diagnostic| (diagnostic.span.start, diagnostic.span.end));
    diagnostics.dedup();
    diagnostics
}

pub(crate) fn syntax(error: &toml::de::Error) -> Diagnostic {
    let message = error.message().trim();
    let (title, label) = match message.split_once(", expected ") {
        Some((what, expected)) => (what.to_owned(), format!("expected {expected}")),
        None => (message.to_owned(), String::new()),
    };
    Diagnostic::new(
        format!("TOML syntax: {title}"),
        error.span().unwrap_or(0..0),
        label,
    )
}

#[derive(Default)]
struct Checker {
    problems: Vec<Diagnostic>,
}

impl Checker {
    fn document(&mut self, table: &DeTable<'_>, end: usize) -> Document {
        let mut document = self.head(table);
        document.values = self.values(table, end);
        document
    }

    /// Everything but the values.
    fn head(&mut self, table: &DeTable<'_>) -> Document {
        let strays = self.value_keys_at_the_top(table);
        self.problems.extend(
            unknown_names(table, TOP_KEYS, |name| {
                format!("unknown key `{name}` at the top of the file")
            })
            .into_iter()
            .filter(|problem| !strays.contains(&problem.span)),
        );
        let title = self
            .string(table, "title", "the title")
            .map_or_else(|| DEFAULT_TITLE.to_owned(), |(title, _)| title);
        let intro = self
            .string(table, "intro", "the intro")
            .map_or_else(String::new, |(intro, _)| intro);
        let source = self.url(table, "source", "the source page");
        let attribution = self
            .string(table, "attribution", "the attribution")
            .map_or_else(String::new, |(attribution, _)| attribution);
        let link_tables = self.tables(table, "links");
        let links = link_tables
            .iter()
            .enumerate()
            .filter_map(|(index, (span, link))| self.link(index + 1, span, link))
            .collect();
        self.one_title_slide_link(&link_tables);
        Document {
            title,
            intro,
            source,
            links,
            attribution,
            values: Vec::new(),
        }
    }

    /// A value's keys written at the top of the file, as when its `[[values]]` line is left
    /// out: one problem at the first of them, which explains the unknown keys and the missing
    /// values. The spans of those keys.
    fn value_keys_at_the_top(&mut self, table: &DeTable<'_>) -> Vec<Range<usize>> {
        let strays: Vec<(&str, Range<usize>)> = table
            .iter()
            .map(|(key, _)| (key.get_ref().as_ref(), key.span()))
            .filter(|(name, _)| VALUE_KEYS.contains(name))
            .collect();
        if let Some((_, first)) = strays.first() {
            let names: Vec<String> = strays.iter().map(|(name, _)| format!("`{name}`")).collect();
            let (names, verb) = match names.split_last() {
                Some((last, rest)) if !rest.is_empty() => {
                    (format!("{} and {last}", rest.join(", ")), "are")
                }
                _ => (names.concat(), "is"),
            };
            self.problems.push(
                Diagnostic::new(
                    format!("{names} {verb} not in a `[[values]]` table"),
                    first.clone(),
                    "a value's key at the top of the file",
                )
                .with_help("add a line `[[values]]` above it to start a value there"),
            );
        }
        strays.into_iter().map(|(_, span)| span).collect()
    }

    fn values(&mut self, table: &DeTable<'_>, end: usize) -> Vec<Value> {
        let explained = VALUE_KEYS.iter().any(|key| table.get(*key).is_some())
            || table.iter().any(|(key, _)| {
                let name: &str = key.get_ref().as_ref();
                name != "values" && is_near(name, "values")
            });
        if table.get("values").is_none() && explained {
            return Vec::new();
        }
        if table.get("values").is_none() {
            self.problems.push(
                Diagnostic::new("the file has no values", end..end, "expected `[[values]]`")
                    .with_help("add at least one `[[values]]` table with a `name` and a `text`"),
            );
            return Vec::new();
        }
        let tables = self.tables(table, "values");
        if let Some(array) = table.get("values")
            && matches!(array.get_ref(), DeValue::Array(elements) if elements.is_empty())
        {
            self.problems.push(Diagnostic::new(
                "`values` is empty",
                array.span(),
                "expected at least one value",
            ));
        }
        let mut values = Vec::with_capacity(tables.len());
        self.value_tables(&tables, 0, &mut HashMap::new(), &mut values);
        values
    }

    /// Checks `[[values]]` tables, the first of which is value `first + 1` of the file, adding
    /// the good ones to `values`; `seen` holds the names so far, lower-cased, with their spans.
    fn value_tables(
        &mut self,
        tables: &[(Range<usize>, &DeTable<'_>)],
        first: usize,
        seen: &mut HashMap<String, Range<usize>>,
        values: &mut Vec<Value>,
    ) {
        for (index, (header, table)) in tables.iter().enumerate() {
            let context = format!("value {}", first + index + 1);
            self.unknown_keys(table, VALUE_KEYS, &format!("in {context}"));
            let name = self.required_string(table, "name", &context, header);
            let text = self.required_string(table, "text", &context, header);
            let video = self.url(table, "video", &context);
            // Duplicates are checked even when another field is wrong, so one run finds both.
            if let Some((name, span)) = &name {
                match seen.entry(name.to_lowercase()) {
                    Entry::Occupied(first) => self.problems.push(
                        Diagnostic::new(
                            format!("{context}: the name `{name}` is used twice"),
                            span.clone(),
                            "duplicate name",
                        )
                        .with_related(first.get().clone(), "first used here")
                        .with_help("names must be unique, ignoring case"),
                    ),
                    Entry::Vacant(slot) => {
                        slot.insert(span.clone());
                    }
                }
            }
            if let (Some((name, _)), Some((text, _))) = (name, text) {
                values.push(Value { name, text, video });
            }
        }
    }

    fn link(&mut self, number: usize, header: &Range<usize>, table: &DeTable<'_>) -> Option<Link> {
        let context = format!("link {number}");
        self.unknown_keys(table, LINK_KEYS, &format!("in {context}"));
        let label = self.required_string(table, "label", &context, header);
        let url = match table.get("url") {
            None => {
                self.missing(table, "url", &context, header);
                None
            }
            Some(_) => self.url(table, "url", &context),
        };
        let on_title_slide = self.flag(table, TITLE_SLIDE_MARK, &context);
        Some(Link {
            label: label?.0,
            url: url?,
            on_title_slide,
        })
    }

    /// At most one link is marked for the title slide; each further one points at the first.
    fn one_title_slide_link(&mut self, tables: &[(Range<usize>, &DeTable<'_>)]) {
        let mut marked = tables.iter().enumerate().filter_map(|(index, (_, table))| {
            let mark = table.get(TITLE_SLIDE_MARK)?;
            matches!(mark.get_ref(), DeValue::Boolean(true)).then(|| (index + 1, mark.span()))
        });
        let Some((_, first)) = marked.next() else {
            return;
        };
        for (number, span) in marked {
            self.problems.push(
                Diagnostic::new(
                    format!("link {number}: only one link can be on the title slide"),
                    span,
                    "a second link for the title slide",
                )
                .with_related(first.clone(), "on the title slide already")
                .with_help(format!("keep `{TITLE_SLIDE_MARK} = true` on one link only")),
            );
        }
    }

    /// The tables of an array of tables, with the span of each `[[key]]` header.
    fn tables<'a, 'i>(
        &mut self,
        table: &'a DeTable<'i>,
        key: &str,
    ) -> Vec<(Range<usize>, &'a DeTable<'i>)> {
        let Some(value) = table.get(key) else {
            return Vec::new();
        };
        let wrong_type = |found: &str| {
            Diagnostic::new(
                format!("`{key}` must be an array of tables, found {found}"),
                value.span(),
                "expected `[[{key}]]` tables",
            )
            .with_help(format!("write each entry under its own `[[{key}]]` header"))
        };
        let Some(array) = value.get_ref().as_array() else {
            self.problems.push(wrong_type(describe(value.get_ref())));
            return Vec::new();
        };
        let mut tables = Vec::with_capacity(array.len());
        for element in array.iter() {
            match element.get_ref().as_table() {
                Some(inner) => tables.push((element.span(), inner)),
                None => self.problems.push(Diagnostic {
                    span: element.span(),
                    ..wrong_type(&format!(
                        "an array containing {}",
                        describe(element.get_ref())
                    ))
                }),
            }
        }
        tables
    }

    fn unknown_keys(&mut self, table: &DeTable<'_>, known: &[&str], place: &str) {
        self.problems.extend(unknown_names(table, known, |name| {
            format!("unknown key `{name}` {place}")
        }));
    }

    /// An optional string; problems are recorded and give `None`.
    fn string(
        &mut self,
        table: &DeTable<'_>,
        key: &str,
        context: &str,
    ) -> Option<(String, Range<usize>)> {
        let value = table.get(key)?;
        let Some(text) = value.get_ref().as_str() else {
            self.problems.push(Diagnostic::new(
                format!(
                    "{context}: `{key}` must be a string, found {}",
                    describe(value.get_ref())
                ),
                value.span(),
                "expected a string",
            ));
            return None;
        };
        if let Some(control) = text.chars().find(|c| crate::text::is_forbidden_control(*c)) {
            self.problems.push(
                Diagnostic::new(
                    format!(
                        "{context}: `{key}` contains the control character U+{:04X}",
                        u32::from(control)
                    ),
                    value.span(),
                    "control characters are not allowed",
                )
                .with_help("remove the escape sequence; only newlines and tabs may appear in text"),
            );
            return None;
        }
        Some((text.trim().to_owned(), value.span()))
    }

    /// An optional true or false, false when left out; a problem is recorded and gives false.
    fn flag(&mut self, table: &DeTable<'_>, key: &str, context: &str) -> bool {
        let Some(value) = table.get(key) else {
            return false;
        };
        if let DeValue::Boolean(flag) = value.get_ref() {
            return *flag;
        }
        self.problems.push(
            Diagnostic::new(
                format!(
                    "{context}: `{key}` must be true or false, found {}",
                    describe(value.get_ref())
                ),
                value.span(),
                "expected true or false",
            )
            .with_help(format!(
                "write `{key} = true`, without quotes, or leave it out"
            )),
        );
        false
    }

    /// A string that must be present and not blank.
    fn required_string(
        &mut self,
        table: &DeTable<'_>,
        key: &str,
        context: &str,
        header: &Range<usize>,
    ) -> Option<(String, Range<usize>)> {
        if table.get(key).is_none() {
            self.missing(table, key, context, header);
            return None;
        }
        let (text, span) = self.string(table, key, context)?;
        if text.is_empty() {
            self.problems.push(Diagnostic::new(
                format!("{context}: `{key}` is empty"),
                span,
                "expected some text",
            ));
            return None;
        }
        Some((text, span))
    }

    fn missing(&mut self, table: &DeTable<'_>, key: &str, context: &str, header: &Range<usize>) {
        // A misspelt key is reported as unknown, with the one it is a slip from.
        if table.iter().any(|(name, _)| is_near(name.get_ref(), key)) {
            return;
        }
        self.problems.push(Diagnostic::new(
            format!("{context}: missing `{key}`"),
            header.clone(),
            format!("this table needs a `{key}`"),
        ));
    }

    /// An optional http(s) URL, refused where a browser would go wrong with it.
    fn url(&mut self, table: &DeTable<'_>, key: &str, context: &str) -> Option<String> {
        let (text, span) = self.string(table, key, context)?;
        let Err(problem) = link_problem(&text) else {
            return Some(text);
        };
        let diagnostic = match problem {
            LinkProblem::Character { at, what } => {
                // The place in the file, when the string is written as it reads: one line, no
                // escapes, so each byte of the text is the byte after the opening quote.
                let written = table.get(key).and_then(|value| value.get_ref().as_str());
                let place = written
                    .filter(|written| span.len() == written.len() + 2)
                    .map(|written| {
                        let start = span.start + 1 + written.len() - written.trim_start().len();
                        start + at.start..start + at.end
                    })
                    .unwrap_or(span);
                Diagnostic::new(
                    format!("{context}: `{key}` has {what} in it"),
                    place,
                    "a browser would not open the link as written",
                )
                .with_help(character_help(&text, &what))
            }
            LinkProblem::Shape(reason) => Diagnostic::new(
                format!("{context}: `{key}` is not a web link"),
                span,
                reason,
            )
            .with_help("links must start with `https://` or `http://`"),
        };
        self.problems.push(diagnostic);
        None
    }
}

/// Why a link cannot be used.
enum LinkProblem {
    /// A character a browser would not take as typed, at this byte range of the link: named.
    Character { at: Range<usize>, what: String },
    /// Not an http(s) link with a site, in words.
    Shape(String),
}

/// Accepts only absolute http and https URLs with a host, the only kind ever handed to a
/// browser, with nothing in them that a browser would take differently from how it reads.
pub fn check_url(text: &str) -> Result<(), String> {
    link_problem(text).map_err(|problem| match problem {
        LinkProblem::Character { what, .. } => format!("a link cannot have {what} in it"),
        LinkProblem::Shape(reason) => reason,
    })
}

fn link_problem(text: &str) -> Result<(), LinkProblem> {
    // Spaces are the usual slip, from a line break or a copy; a browser's address bar takes a
    // space as the start of a search. `"`, `<` and `>` end a link in the text it was copied
    // from, and the URL standard changes them, and `\` (into `/`), anywhere in a link, so the
    // page opened would not be the link shown.
    if let Some((offset, c)) = text.char_indices().find(|(_, c)| {
        c.is_whitespace()
            || crate::text::is_invisible_format(*c)
            || matches!(c, '"' | '<' | '>' | '\\')
    }) {
        let what = match c {
            ' ' => "a space".to_owned(),
            '\t' => "a tab".to_owned(),
            '\n' | '\r' => "a line break".to_owned(),
            '\u{a0}' | '\u{2007}' | '\u{202f}' => {
                format!("a non-breaking space (U+{:04X})", u32::from(c))
            }
            c if c.is_whitespace() => format!("a wide or narrow space (U+{:04X})", u32::from(c)),
            c if crate::text::is_invisible_format(c) => {
                format!("an invisible space (U+{:04X})", u32::from(c))
            }
            c => format!("`{c}`"),
        };
        return Err(LinkProblem::Character {
            at: offset..offset + c.len_utf8(),
            what,
        });
    }
    let url = url::Url::parse(text).map_err(|error| LinkProblem::Shape(in_words(error)))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(LinkProblem::Shape(format!(
            "`{}:` links are not allowed",
            url.scheme()
        )));
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err(LinkProblem::Shape("the link has no site name".to_owned()));
    }
    Ok(())
}

/// What the URL parser's error means, in the words of someone writing a link.
fn in_words(error: url::ParseError) -> String {
    use url::ParseError;
    match error {
        ParseError::RelativeUrlWithoutBase => "a link must start with `https://`",
        ParseError::EmptyHost => "the link has no site name after `https://`",
        ParseError::InvalidPort => "the port number after `:` is not valid",
        ParseError::InvalidIpv4Address | ParseError::InvalidIpv6Address => {
            "the site's number address is not valid"
        }
        ParseError::InvalidDomainCharacter | ParseError::IdnaError => {
            "the site name has a character a web address cannot have"
        }
        ParseError::Overflow => "the link is too long",
        _ => "a browser could not open this link",
    }
    .to_owned()
}

/// How to mend a link with a character a browser would not take as typed.
fn character_help(link: &str, what: &str) -> String {
    if link.starts_with('<') && link.ends_with('>') {
        "remove the `<` and `>` round the link".to_owned()
    } else if what == "a space" {
        "remove the space; if the page's address has one, write it as `%20`".to_owned()
    } else if what.starts_with('`') {
        "copy the link again from the browser's address bar".to_owned()
    } else {
        "remove it; copy the link again from the browser's address bar if unsure".to_owned()
    }
}

pub(crate) fn describe(value: &DeValue<'_>) -> &'static str {
    match value {
        DeValue::String(_) => "a string",
        DeValue::Integer(_) => "an integer",
        DeValue::Float(_) => "a number",
        DeValue::Boolean(_) => "true or false",
        DeValue::Datetime(_) => "a date",
        DeValue::Array(_) => "an array",
        DeValue::Table(_) => "a table",
    }
}

pub(crate) fn quoted_list(keys: &[&str]) -> String {
    let quoted: Vec<String> = keys.iter().map(|key| format!("`{key}`")).collect();
    quoted.join(", ")
}

/// The names in `table` that are none of `known`, each reported at its name with `message` of
/// it, the names expected, and the one it is a slip from, if any.
pub(crate) fn unknown_names(
    table: &DeTable<'_>,
    known: &[&str],
    message: impl Fn(&str) -> String,
) -> Vec<Diagnostic> {
    table
        .iter()
        .map(|(key, _)| (key.get_ref().as_ref(), key.span()))
        .filter(|(name, _)| !known.contains(name))
        .map(|(name, span)| {
            let diagnostic = Diagnostic::new(
                message(name),
                span,
                format!("expected one of {}", quoted_list(known)),
            );
            let lower = name.to_lowercase();
            if let Some(known) = known.iter().find(|known| **known == lower) {
                return diagnostic.with_help(format!("keys are written in lower case: `{known}`"));
            }
            match did_you_mean(name, known.iter().copied()) {
                Some(help) => diagnostic.with_help(help),
                None => diagnostic,
            }
        })
        .collect()
}

/// "did you mean `…`?" for the first of `known` that `typed` is a slip from.
pub(crate) fn did_you_mean<'a>(
    typed: &str,
    known: impl IntoIterator<Item = &'a str>,
) -> Option<String> {
    known
        .into_iter()
        .find(|known| is_near(typed, known))
        .map(|near| format!("did you mean `{near}`?"))
}

/// Whether `typed` is one slip (a wrong, missing, extra or swapped letter) from `known`, the
/// usual shape of a typo such as `vidoe` for `video`.
pub(crate) fn is_near(typed: &str, known: &str) -> bool {
    let typed: Vec<char> = typed.to_lowercase().chars().collect();
    let known: Vec<char> = known.chars().collect();
    if typed == known {
        return true;
    }
    let prefix = typed.iter().zip(&known).take_while(|(a, b)| a == b).count();
    let (typed, known) = (&typed[prefix..], &known[prefix..]);
    match typed.len() as isize - known.len() as isize {
        0 => {
            typed[1..] == known[1..]
                || (typed.len() >= 2
                    && typed[0] == known[1]
                    && typed[1] == known[0]
                    && typed[2..] == known[2..])
        }
        1 => typed[1..] == *known,
        -1 => *typed == known[1..],
        _ => false,
    }
}
