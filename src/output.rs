//! The document as text, JSON, Markdown or TOML, for `print` and for output that is not a
//! terminal.

mod toml_file;

use std::fmt::Write;

use crate::cli::Format;
use crate::text::{escape_invisible_format, visible};
use crate::values::Document;

/// The document in `format`, ending with a newline.
pub fn render(document: &Document, format: Format) -> String {
    match format {
        Format::Text => text(document),
        Format::Json => {
            // Serialising plain strings and vectors cannot fail.
            let json = serde_json::to_string_pretty(document).unwrap_or_default();
            // Outside strings JSON is ASCII, so every character escaped is inside a string.
            let mut json = escape_invisible_format(&json, false);
            json.push('\n');
            json
        }
        Format::Markdown => markdown(document),
        Format::Toml => toml_file::render(document),
    }
}

/// Plain text for reading and for screen readers: the title, the introduction, each value
/// numbered with its text and video, then the links spelled out and the attribution.
fn text(document: &Document) -> String {
    let mut out = String::new();
    let title = visible(&document.title);
    let _ = writeln!(out, "{title}\n{}", "=".repeat(title.chars().count()));
    for paragraph in document.intro_paragraphs() {
        let _ = writeln!(out, "\n{}", visible(&paragraph));
    }
    for (index, value) in document.values.iter().enumerate() {
        let heading = format!("{}. {}", index + 1, visible(&value.name));
        let _ = writeln!(
            out,
            "\n\n{heading}\n{}",
            "-".repeat(heading.chars().count())
        );
        for paragraph in value.paragraphs() {
            let _ = writeln!(out, "\n{}", visible(&paragraph));
        }
        if let Some(video) = &value.video {
            let _ = writeln!(out, "\nVideo: {}", visible(video));
        }
    }
    if document.source.is_some() || !document.links.is_empty() {
        let _ = writeln!(out, "\n\nLinks\n-----\n");
        if let Some(source) = &document.source {
            let _ = writeln!(out, "Source page: {}", visible(source));
        }
        for link in &document.links {
            let _ = writeln!(out, "{}: {}", visible(&link.label), visible(&link.url));
        }
    }
    let attribution = document.attribution_paragraphs();
    if !attribution.is_empty() {
        let _ = write!(out, "\n\nAttribution\n-----------\n");
        for paragraph in attribution {
            let _ = writeln!(out, "\n{}", visible(&paragraph));
        }
    }
    out
}

fn markdown(document: &Document) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# {}", inline(&document.title));
    for paragraph in document.intro_paragraphs() {
        let _ = writeln!(out, "\n{}", inline(&paragraph));
    }
    for (index, value) in document.values.iter().enumerate() {
        let _ = writeln!(out, "\n## {}. {}", index + 1, inline(&value.name));
        for paragraph in value.paragraphs() {
            let _ = writeln!(out, "\n{}", inline(&paragraph));
        }
        if let Some(video) = &value.video {
            let _ = writeln!(out, "\nVideo: <{}>", url(video));
        }
    }
    if document.source.is_some() || !document.links.is_empty() {
        let _ = writeln!(out, "\n## Links\n");
        if let Some(source) = &document.source {
            let _ = writeln!(out, "- Source page: <{}>", url(source));
        }
        for link in &document.links {
            let _ = writeln!(out, "- {}: <{}>", inline(&link.label), url(&link.url));
        }
    }
    let attribution = document.attribution_paragraphs();
    if !attribution.is_empty() {
        let _ = writeln!(out, "\n## Attribution");
        for paragraph in attribution {
            let _ = writeln!(out, "\n{}", inline(&paragraph));
        }
    }
    out
}

/// Text that CommonMark shows literally: every punctuation character that could start markup is
/// backslash-escaped, which CommonMark allows before any ASCII punctuation.
fn inline(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in visible(text).chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '!' | '|' | '~' | '&'
        ) {
            escaped.push('\\');
        }
        escaped.push(c);
    }
    // A line that starts like a list item or a rule would change the block's meaning.
    let starts_block = escaped.starts_with(['-', '+', '='])
        || escaped.split_once(['.', ')']).is_some_and(|(number, _)| {
            !number.is_empty() && number.chars().all(|c| c.is_ascii_digit())
        });
    if starts_block {
        let digits = escaped.chars().take_while(char::is_ascii_digit).count();
        escaped.insert(digits, '\\');
    }
    escaped
}

/// A URL inside an autolink, where only `<`, `>` and spaces would break it; validated URLs have
/// none, but percent-encoding them keeps that true whatever the input.
fn url(text: &str) -> String {
    visible(text)
        .replace('<', "%3C")
        .replace('>', "%3E")
        .replace(' ', "%20")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::values;

    fn builtin() -> Document {
        values::builtin().expect("the built-in values are valid")
    }

    #[test]
    fn text_numbers_the_values_and_spells_out_links() {
        let text = render(&builtin(), Format::Text);
        assert!(text.starts_with("Our values\n==========\n\nThe NHS belongs to the people"));
        assert!(text.contains("\n1. Working together for patients\n---"));
        assert!(text.contains("\n6. Everyone counts\n"));
        assert!(text.contains("Video: https://www.youtube.com/watch?v=EA5a_1Mw9L4\n"));
        assert!(text.contains("Source page: https://hee.nhs.uk/about/our-values\n"));
        assert!(text.contains("The NHS Constitution for England: https://www.gov.uk/"));
        assert!(!text.contains('\u{1b}'));
    }

    #[test]
    fn json_holds_the_whole_document() {
        let json: serde_json::Value =
            serde_json::from_str(&render(&builtin(), Format::Json)).unwrap();
        assert_eq!(json["title"], "Our values");
        assert_eq!(json["values"].as_array().map(Vec::len), Some(6));
        assert_eq!(json["values"][1]["name"], "Compassion");
        assert_eq!(
            json["values"][1]["video"],
            "https://www.youtube.com/watch?v=ri-ty0j2ojs"
        );
        assert_eq!(
            json["links"][0]["label"],
            "The NHS Constitution for England"
        );
    }

    #[test]
    fn json_escapes_bidi_overrides_but_keeps_them() {
        let mut document = builtin();
        document.values[0].name = "abc\u{202e}fed\u{200b}".to_owned();
        let json = render(&document, Format::Json);
        assert!(!json.contains(['\u{202e}', '\u{200b}']), "{json}");
        assert!(json.contains(r#""abc\u202efed\u200b""#), "{json}");
        let read: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(read["values"][0]["name"], "abc\u{202e}fed\u{200b}");
    }

    #[test]
    fn markdown_has_headings_and_autolinks() {
        let markdown = render(&builtin(), Format::Markdown);
        assert!(markdown.starts_with("# Our values\n"));
        assert!(markdown.contains("\n## 4. Improving lives\n"));
        assert!(markdown.contains("Video: <https://www.youtube.com/watch?v=uxBgndf2y-Y>"));
        assert!(markdown.contains("- Source page: <https://hee.nhs.uk/about/our-values>"));
    }

    /// The Open Government Licence asks for its statement, a link to it and the source
    /// wherever the text is reproduced.
    #[test]
    fn every_format_carries_the_attribution_the_licence_asks_for() {
        const STATEMENT: &str =
            "Contains public sector information licensed under the Open Government Licence v3.0.";
        const LICENCE: &str =
            "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/";
        const SOURCE: &str = "https://hee.nhs.uk/about/our-values";
        let document = builtin();
        let text = render(&document, Format::Text);
        assert!(
            text.contains(&format!(
                "\n\nAttribution\n-----------\n\n{STATEMENT} The text"
            )),
            "{text}"
        );
        let markdown = render(&document, Format::Markdown);
        assert!(
            markdown.contains(&format!("\n## Attribution\n\n{STATEMENT} The text")),
            "{markdown}"
        );
        for written in [&text, &markdown] {
            assert!(written.contains(LICENCE) && written.contains(SOURCE));
        }
        let json: serde_json::Value =
            serde_json::from_str(&render(&document, Format::Json)).unwrap();
        let attribution = json["attribution"].as_str().unwrap_or_default();
        assert!(attribution.starts_with(STATEMENT), "{json}");
        assert_eq!(json["links"][1]["url"], LICENCE);
        assert_eq!(json["source"], SOURCE);
        let toml = render(&document, Format::Toml);
        assert!(
            toml.contains(&format!("\nattribution = \"\"\"\n{STATEMENT} The text")),
            "{toml}"
        );
        assert!(toml.contains(LICENCE) && toml.contains(SOURCE));
    }

    #[test]
    fn a_document_without_attribution_prints_no_heading_for_it() {
        let mut document = builtin();
        document.attribution.clear();
        assert!(!render(&document, Format::Text).contains("Attribution"));
        assert!(!render(&document, Format::Markdown).contains("Attribution"));
    }

    #[test]
    fn markdown_escapes_what_would_become_markup() {
        assert_eq!(
            inline("a *b* _c_ [d](e) <f>"),
            r"a \*b\* \_c\_ \[d\](e) \<f\>"
        );
        assert_eq!(inline("1. not a list"), r"1\. not a list");
        assert_eq!(inline("- not a list"), r"\- not a list");
        assert_eq!(inline("plain words, 1.5 - ok"), "plain words, 1.5 - ok");
    }
}
