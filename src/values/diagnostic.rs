//! Problems found in a values file, with the byte ranges they point at, and their rendering.

use std::borrow::Cow;
use std::fmt;
use std::ops::Range;

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

/// One problem in a values file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// What is wrong, lower-case with no trailing period, like rustc.
    pub message: String,
    /// The bytes of the file the problem is about.
    pub span: Range<usize>,
    /// A short note under the caret.
    pub label: String,
    /// Another place that explains this one, such as the first of two duplicate names.
    pub related: Option<(Range<usize>, String)>,
    /// Advice on how to fix it.
    pub help: Option<String>,
}

/// Messages quote keys and names from the file, which may hold anything a TOML string can:
/// made safe once here, every report and banner built from them is safe too.
fn shown(text: impl Into<String>) -> String {
    let text = text.into();
    match crate::text::visible(&text) {
        Cow::Borrowed(_) => text,
        Cow::Owned(shown) => shown,
    }
}

impl Diagnostic {
    pub fn new(message: impl Into<String>, span: Range<usize>, label: impl Into<String>) -> Self {
        Diagnostic {
            message: shown(message),
            span,
            label: shown(label),
            related: None,
            help: None,
        }
    }

    pub fn with_related(mut self, span: Range<usize>, label: impl Into<String>) -> Self {
        self.related = Some((span, shown(label)));
        self
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(shown(help));
        self
    }
}

/// A 1-based line and column; the column counts characters, as rustc and editors do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Location {
    pub line: usize,
    pub column: usize,
}

impl Location {
    /// The location of byte `offset` in `text`; an offset inside a character counts as that
    /// character.
    pub fn of(text: &str, offset: usize) -> Location {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let before = &text[..offset];
        let line_start = before.rfind('\n').map_or(0, |newline| newline + 1);
        Location {
            line: before.matches('\n').count() + 1,
            column: before[line_start..].chars().count() + 1,
        }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.line, self.column)
    }
}

/// Where each line of a text starts, to find the lines a span is on without reading the text
/// again for each span.
struct LineStarts(Vec<usize>);

impl LineStarts {
    fn of(text: &str) -> LineStarts {
        let mut starts = vec![0];
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|at| at + 1));
        LineStarts(starts)
    }

    /// The whole lines of `text` that `spans` touch, with their newline: the excerpt, the
    /// number of its first line from 1, and the byte of `text` it starts at.
    fn around<'a, 's>(
        &self,
        text: &'a str,
        spans: impl Iterator<Item = &'s Range<usize>>,
    ) -> (&'a str, usize, usize) {
        let (start, end) = spans.fold((text.len(), 0), |(start, end), span| {
            (start.min(span.start), end.max(span.end))
        });
        let start = start.min(end).min(text.len());
        // The line holding `start`: the last line start at or before it.
        let first = self.0.partition_point(|&line| line <= start) - 1;
        let from = self.0[first];
        let to = self
            .0
            .get(self.0.partition_point(|&line| line <= end))
            .copied()
            .unwrap_or(text.len());
        (&text[from..to], first + 1, from)
    }
}

/// Renders every diagnostic, each with the line it points at.
pub fn render_all(file: &str, source: &str, diagnostics: &[Diagnostic], styled: bool) -> String {
    let renderer = if styled {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    // annotate-snippets makes C0 controls visible but passes C1 controls and zero-width
    // characters through; swapping each for a character of the same byte length keeps every
    // span valid.
    let source = crate::text::replace_hidden_keeping_length(source);
    let lines = LineStarts::of(&source);
    let count = diagnostics.len();
    let mut out = String::new();
    for diagnostic in diagnostics {
        // Only the lines a problem points at go to the renderer, which reads all it is given:
        // a file with thousands of problems would otherwise take the square of its length.
        let spans = std::iter::once(&diagnostic.span)
            .chain(diagnostic.related.as_ref().map(|(span, _)| span));
        let (excerpt, number, offset) = lines.around(&source, spans);
        let within = |span: &Range<usize>| span.start - offset..span.end - offset;
        let mut snippet = Snippet::source(excerpt)
            .line_start(number)
            .path(file)
            .annotation(
                AnnotationKind::Primary
                    .span(within(&diagnostic.span))
                    .label(diagnostic.label.as_str()),
            );
        if let Some((span, label)) = &diagnostic.related {
            snippet = snippet.annotation(AnnotationKind::Context.span(within(span)).label(label));
        }
        let mut group: Group = Level::ERROR
            .primary_title(diagnostic.message.as_str())
            .element(snippet);
        if let Some(help) = &diagnostic.help {
            group = group.element(Level::HELP.message(help.as_str()));
        }
        out.push_str(&renderer.render(&[group]));
        out.push_str("\n\n");
    }
    let summary = match count {
        1 => format!("error: {file} has 1 problem"),
        n => format!("error: {file} has {n} problems"),
    };
    out.push_str(&summary);
    out
}
