//! The document as a commented TOML file that people can start their own values from.
//!
//! Strings are encoded by `toml_writer`, the writer the `toml` crate itself uses, so every
//! string survives the trip back through the parser, whatever quotes, backslashes or line
//! breaks it holds.

use std::fmt::Write;

use crate::text::toml_string;
use crate::values::Document;

const HEADER: &str = "\
# Values for nhs-values, written by `nhs-values print --format toml`.
#
# Tailor them to your organisation: change the words, add or remove values, then
# check the file and browse it:
#
#     nhs-values check my-values.toml
#     nhs-values --file my-values.toml
#
# Saved as ~/.config/nhs-values/values.toml, it is the file the app reads when
# no other is given.
#
# In text between triple quotes, a blank line starts a new paragraph and single
# line breaks are joined, so wrap long lines as you like. Spaces at either end of
# any text are ignored. Links must start with https:// or http://. Control
# characters (such as the escape character) are refused.
";

/// The document as a values file: a header on how to tailor it, a comment on each field,
/// and commented-out examples of the optional fields it leaves out.
pub fn render(document: &Document) -> String {
    let mut out = String::from(HEADER);
    out.push_str("\n# The heading at the top of the screen.\n");
    key_value(&mut out, "title", &document.title);

    out.push_str("\n# Optional: the introduction, shown by `i` (About).\n");
    if document.intro.is_empty() {
        out.push_str(
            "# intro = \"\"\"\n# A first paragraph.\n#\n# A second paragraph.\n# \"\"\"\n",
        );
    } else {
        key_value(&mut out, "intro", &paragraphs(&document.intro));
    }

    out.push_str("\n# Optional: the web page these values come from, listed in About.\n");
    match &document.source {
        Some(source) => key_value(&mut out, "source", source),
        None => out.push_str("# source = \"https://example.org/our-values\"\n"),
    }

    out.push_str(
        "\n# Optional: whose text this is and the terms it is used under, shown in About\n\
         # under the links and by `print`. Keep the NHS's when your text is adapted from\n\
         # it: its licence, the Open Government Licence, asks for this statement.\n",
    );
    if document.attribution.is_empty() {
        out.push_str("# attribution = \"Text by Example NHS Trust.\"\n");
    } else {
        key_value(&mut out, "attribution", &paragraphs(&document.attribution));
    }

    out.push_str(
        "\n# Optional: more links for About, each under its own [[links]] header. The title\n\
         # slide of presentation mode shows the source page and its QR code; to show one of\n\
         # these links there instead, add `on_title_slide = true` to that link.\n",
    );
    if document.links.is_empty() {
        out.push_str(
            "# [[links]]\n# label = \"Our strategy\"\n# url = \"https://example.org/strategy\"\n",
        );
    }
    for (index, link) in document.links.iter().enumerate() {
        if index > 0 {
            out.push('\n');
        }
        out.push_str("[[links]]\n");
        key_value(&mut out, "label", &link.label);
        key_value(&mut out, "url", &link.url);
        if link.on_title_slide {
            out.push_str("on_title_slide = true\n");
        }
    }

    out.push_str(
        "\n# The values, listed in this order; at least one. Each needs a `name` (unique,\n\
         # ignoring case) and a `text`; `video` is an optional link to open with Enter.\n",
    );
    for (index, value) in document.values.iter().enumerate() {
        if index > 0 {
            out.push('\n');
        }
        out.push_str("[[values]]\n");
        key_value(&mut out, "name", &value.name);
        key_value(&mut out, "text", &paragraphs(&value.text));
        match &value.video {
            Some(video) => key_value(&mut out, "video", video),
            None => out.push_str("# video = \"https://www.youtube.com/watch?v=...\"\n"),
        }
    }
    out
}

fn key_value(out: &mut String, key: &str, value: &str) {
    let _ = writeln!(out, "{key} = {}", toml_string(value));
}

/// Paragraph text with a final line break, so that it is written between triple quotes with
/// the closing quotes on a line of their own, as people write it. Loading trims the break.
fn paragraphs(text: &str) -> String {
    format!("{text}\n")
}

#[cfg(test)]
mod tests {
    use proptest::collection::vec;
    use proptest::option;
    use proptest::prelude::*;

    use super::*;
    use crate::text::{is_forbidden_control, is_invisible_format};
    use crate::values::{self, Link, Value};

    fn round_trip(document: &Document) -> Document {
        let written = render(document);
        match values::parse(&written, "starter.toml") {
            Ok(read) => read,
            Err(error) => panic!("{}\n--- the file was:\n{written}", error.render(false)),
        }
    }

    #[test]
    fn the_builtin_document_loads_back_identically() {
        let document = values::builtin().expect("the built-in values are valid");
        assert_eq!(round_trip(&document), document);
    }

    #[test]
    fn paragraph_text_is_written_between_triple_quotes() {
        let document = values::builtin().expect("the built-in values are valid");
        let written = render(&document);
        assert!(
            written.contains("\n[[values]]\nname = \"Compassion\"\ntext = \"\"\"\nWe ensure"),
            "{written}"
        );
        assert!(
            written.contains(
                "care.\n\"\"\"\nvideo = \"https://www.youtube.com/watch?v=ri-ty0j2ojs\"\n"
            )
        );
        assert!(written.starts_with("# Values for nhs-values"));
        assert!(
            written.contains("\n# The heading at the top of the screen.\ntitle = \"Our values\"\n")
        );
    }

    #[test]
    fn optional_fields_left_out_are_shown_as_comments() {
        let document = Document {
            title: "Ours".to_owned(),
            intro: String::new(),
            source: None,
            links: Vec::new(),
            attribution: String::new(),
            values: vec![Value {
                name: "Kindness".to_owned(),
                text: "Be kind.".to_owned(),
                video: None,
            }],
        };
        let written = render(&document);
        for example in [
            "# intro = ",
            "# source = ",
            "# attribution = ",
            "# [[links]]",
            "# video = ",
        ] {
            assert!(
                written.contains(example),
                "{example} missing from\n{written}"
            );
        }
        assert_eq!(round_trip(&document), document);
    }

    #[test]
    fn awkward_strings_survive() {
        let awkward = [
            r#"He said "hi""#,
            "ends with a backslash \\",
            "'''literal''' and \"\"\"basic\"\"\"",
            "tab\there, CR\rthere, CRLF\r\nend",
            "\"\"\"",
            "''''",
            "# not a comment\n[[values]]\nname = \"injected\"",
            "café 👩‍⚕️ 日本語",
        ];
        for text in awkward {
            let document = Document {
                title: text.to_owned(),
                intro: text.to_owned(),
                source: None,
                links: vec![Link {
                    label: text.to_owned(),
                    // Runs of single quotes, which no literal string can hold (a link cannot
                    // have `"`).
                    url: "https://example.org/a'b?c=''''".to_owned(),
                    on_title_slide: true,
                }],
                attribution: text.to_owned(),
                values: vec![Value {
                    name: text.to_owned(),
                    text: text.to_owned(),
                    video: Some("http://example.org/".to_owned()),
                }],
            };
            assert_eq!(round_trip(&document), document, "{text:?}");
        }
    }

    #[test]
    fn bidi_overrides_are_escaped_but_kept() {
        let mut document = values::builtin().expect("the built-in values are valid");
        document.values[0].name = "abc\u{202e}fed\u{200b}".to_owned();
        document.values[1].text = "it's\u{2066}\nhidden \\ here\u{feff}".to_owned();
        let written = render(&document);
        assert!(!written.contains(is_invisible_format), "{written}");
        assert!(
            written.contains(r#"name = "abc\u202Efed\u200B""#),
            "{written}"
        );
        assert_eq!(round_trip(&document), document);
    }

    /// Text as a validated file can hold it: any characters but the refused controls, with
    /// the awkward ones for TOML over-represented, and no spaces at either end.
    fn text() -> impl Strategy<Value = String> {
        let awkward = prop::sample::select(vec![
            '"', '\'', '\\', '\t', '\n', '\r', ' ', '#', '=', '[', ']', '{', 'é', '👩', '\u{2028}',
            '\u{a0}', '\u{202e}', '\u{200b}', '\u{feff}',
        ]);
        let character = prop_oneof![
            3 => any::<char>(),
            2 => awkward,
            2 => prop::char::range('a', 'z'),
        ];
        vec(character, 0..40).prop_map(|chars| {
            chars
                .into_iter()
                .filter(|c| !is_forbidden_control(*c))
                .collect::<String>()
                .trim()
                .to_owned()
        })
    }

    fn required_text() -> impl Strategy<Value = String> {
        text().prop_filter("required text is not empty", |text| !text.is_empty())
    }

    fn url() -> impl Strategy<Value = String> {
        let path = vec(
            prop_oneof![
                prop::char::range('a', 'z'),
                prop::sample::select(vec!['/', '?', '=', '&', '\'', '%', '#', 'é', '~', '{', '`']),
            ],
            0..20,
        );
        (
            prop::sample::select(vec!["http", "https"]),
            "[a-z]{1,10}(\\.[a-z]{2,5}){0,2}",
            path,
        )
            .prop_map(|(scheme, host, path)| {
                format!("{scheme}://{host}/{}", path.into_iter().collect::<String>())
            })
            .prop_filter("the validator accepts the link", |url| {
                values::check_url(url).is_ok() && url.trim() == url
            })
    }

    fn document() -> impl Strategy<Value = Document> {
        let link = (required_text(), url()).prop_map(|(label, url)| Link {
            label,
            url,
            on_title_slide: false,
        });
        let value = (required_text(), required_text(), option::of(url()))
            .prop_map(|(name, text, video)| Value { name, text, video });
        (
            text(),
            text(),
            option::of(url()),
            vec(link, 0..3),
            option::of(0..3usize),
            text(),
            vec(value, 1..5),
        )
            .prop_map(
                |(title, intro, source, mut links, marked, attribution, mut values)| {
                    // At most one link is on the title slide.
                    if let Some(link) = marked.and_then(|index| links.get_mut(index)) {
                        link.on_title_slide = true;
                    }
                    // Names must be unique ignoring case; keep the first of each.
                    let mut seen = std::collections::HashSet::new();
                    values.retain(|value| seen.insert(value.name.to_lowercase()));
                    Document {
                        title,
                        intro,
                        source,
                        links,
                        attribution,
                        values,
                    }
                },
            )
    }

    proptest! {
        #[test]
        fn any_valid_document_loads_back_identically(document in document()) {
            prop_assert_eq!(round_trip(&document), document);
        }
    }
}
