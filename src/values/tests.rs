use proptest::strategy::Strategy;

use super::*;

const GOOD_VALUE: &str = "[[values]]\nname = \"Compassion\"\ntext = \"We care.\"\n";

/// Every problem as `line:col: message`, in the order reported.
fn problems(toml: &str) -> Vec<String> {
    match parse(toml, "v.toml") {
        Ok(document) => panic!("expected problems, got {document:?}"),
        Err(error) => error
            .to_string()
            .lines()
            .map(|line| {
                line.strip_prefix("v.toml:")
                    .expect("every line names the file")
                    .to_owned()
            })
            .collect(),
    }
}

#[test]
fn the_built_in_document_is_the_source_page_mended() {
    let document = builtin().expect("the built-in values are valid");
    assert_eq!(document.title, "Our values");
    let names: Vec<&str> = document
        .values
        .iter()
        .map(|value| value.name.as_str())
        .collect();
    assert_eq!(
        names,
        [
            "Working together for patients",
            "Compassion",
            "Respect and dignity",
            "Improving lives",
            "Commitment to quality of care",
            "Everyone counts"
        ]
    );
    assert!(document.values.iter().all(|value| value.video.is_some()));
    assert_eq!(
        document.values[0].video.as_deref(),
        Some("https://www.youtube.com/watch?v=EA5a_1Mw9L4")
    );
    let improving = &document.values[3].text;
    assert!(improving.contains("We cherish excellence and professionalism wherever we find it – in the everyday things that make people's lives better"));
    assert_eq!(document.intro_paragraphs().len(), 3);
    assert_eq!(
        document.source.as_deref(),
        Some("https://hee.nhs.uk/about/our-values")
    );
    assert_eq!(document.links.len(), 2);
    assert_eq!(document.links[0].label, "The NHS Constitution for England");
    assert_eq!(
        document.links[1].url,
        "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"
    );
    assert!(
        document.attribution.starts_with(
            "Contains public sector information licensed under the Open Government Licence v3.0."
        ),
        "{}",
        document.attribution
    );
}

#[test]
fn the_built_in_document_carries_no_markup_or_mojibake() {
    for residue in ["](#)", "\\_", "---", " ? ", "?s ", "[1]", "<https", "**"] {
        assert!(!BUILTIN_TOML.contains(residue), "found {residue:?}");
    }
}

#[test]
fn a_minimal_file_gets_defaults() {
    let document = parse(GOOD_VALUE, "v.toml").unwrap();
    assert_eq!(document.title, "Values");
    assert_eq!(document.intro, "");
    assert_eq!(document.source, None);
    assert!(document.links.is_empty());
    assert_eq!(document.attribution, "");
    assert_eq!(document.values[0].video, None);
}

#[test]
fn syntax_errors_name_line_and_column() {
    assert_eq!(
        problems("title = \"Our values\" [x]\n"),
        ["1:22: TOML syntax: unexpected key or value"]
    );
}

#[test]
fn wrong_types_are_reported_at_the_value() {
    let toml = format!("{GOOD_VALUE}[[values]]\nname = 12\ntext = \"x\"\n");
    assert_eq!(
        problems(&toml),
        ["5:8: value 2: `name` must be a string, found an integer"]
    );
}

#[test]
fn missing_fields_point_at_the_table_header() {
    let toml = format!("{GOOD_VALUE}\n[[values]]\nname = \"Respect\"\n");
    assert_eq!(problems(&toml), ["5:1: value 2: missing `text`"]);
}

#[test]
fn empty_fields_are_rejected() {
    let toml = "[[values]]\nname = \"  \"\ntext = \"x\"\n";
    assert_eq!(problems(toml), ["2:8: value 1: `name` is empty"]);
}

#[test]
fn duplicate_names_ignoring_case_point_at_both() {
    let toml = format!("{GOOD_VALUE}[[values]]\nname = \"COMPASSION\"\ntext = \"y\"\n");
    assert_eq!(
        problems(&toml),
        ["5:8: value 2: the name `COMPASSION` is used twice"]
    );
    let Err(LoadError::Invalid { diagnostics, .. }) = parse(&toml, "v.toml") else {
        panic!("expected a validation error");
    };
    let (first, label) = diagnostics[0]
        .related
        .clone()
        .expect("points at the first use");
    assert_eq!(
        Location::of(&toml, first.start),
        Location { line: 2, column: 8 }
    );
    assert_eq!(label, "first used here");
}

#[test]
fn unknown_keys_are_errors_with_a_suggestion() {
    let toml = format!("{GOOD_VALUE}vidoe = \"https://example.org\"\n");
    assert_eq!(problems(&toml), ["4:1: unknown key `vidoe` in value 1"]);
    let rendered = parse(&toml, "v.toml").unwrap_err().render(false);
    assert!(rendered.contains("did you mean `video`?"), "{rendered}");
    assert_eq!(
        problems(&format!("titel = \"x\"\n{GOOD_VALUE}")),
        ["1:1: unknown key `titel` at the top of the file"]
    );
}

#[test]
fn a_key_one_slip_from_a_known_one_is_suggested_and_others_are_not() {
    for (key, help) in [
        ("Video", Some("keys are written in lower case: `video`")),
        ("vudeo", Some("did you mean `video`?")),
        ("viddeo", Some("did you mean `video`?")),
        ("vido", Some("did you mean `video`?")),
        ("ivdeo", Some("did you mean `video`?")),
        ("vidxe", None),
        ("colour", None),
    ] {
        let toml = format!("{GOOD_VALUE}{key} = \"x\"\n");
        let rendered = parse(&toml, "v.toml").unwrap_err().render(false);
        assert!(
            rendered.contains("^ expected one of `name`, `text`, `video`"),
            "{rendered}"
        );
        let shown = rendered
            .lines()
            .find_map(|line| line.trim_start().strip_prefix("= help: "));
        assert_eq!(shown, help, "{key}");
    }
}

#[test]
fn only_web_links_are_accepted() {
    for (url, reason) in [
        ("ftp://example.org/x", "`ftp:` links are not allowed"),
        ("javascript:alert(1)", "`javascript:` links are not allowed"),
        ("file:///etc/passwd", "`file:` links are not allowed"),
        ("www.example.org", "a link must start with `https://`"),
        ("-x", "a link must start with `https://`"),
        ("https://", "the link has no site name after `https://`"),
        (
            "https://example.org:99999/",
            "the port number after `:` is not valid",
        ),
    ] {
        let toml = format!("{GOOD_VALUE}video = \"{url}\"\n");
        assert_eq!(
            problems(&toml),
            ["4:9: value 1: `video` is not a web link"],
            "{url}"
        );
        assert_eq!(check_url(url), Err(reason.to_owned()), "{url}");
    }
    assert_eq!(check_url("https://example.org/a?b=c"), Ok(()));
    assert_eq!(check_url("http://example.org"), Ok(()));
}

#[test]
fn links_and_source_are_checked_too() {
    let toml = format!("source = \"mailto:x@example.org\"\n[[links]]\nlabel = \"L\"\n{GOOD_VALUE}");
    assert_eq!(
        problems(&toml),
        [
            "1:10: the source page: `source` is not a web link",
            "2:1: link 1: missing `url`"
        ]
    );
}

#[test]
fn a_file_without_values_is_an_error() {
    assert_eq!(
        problems("title = \"x\"\n\n"),
        ["1:12: the file has no values"]
    );
    assert_eq!(problems(""), ["1:1: the file has no values"]);
    assert_eq!(problems("values = []\n"), ["1:10: `values` is empty"]);
}

#[test]
fn a_single_table_instead_of_an_array_is_explained() {
    let toml = "[values]\nname = \"x\"\ntext = \"y\"\n";
    assert_eq!(
        problems(toml),
        ["1:1: `values` must be an array of tables, found a table"]
    );
}

#[test]
fn each_entry_that_is_not_a_table_is_pointed_at() {
    let toml = format!("links = [\"https://a.org\", 2]\n{GOOD_VALUE}");
    assert_eq!(
        problems(&toml),
        [
            "1:10: `links` must be an array of tables, found an array containing a string",
            "1:27: `links` must be an array of tables, found an array containing an integer",
        ]
    );
}

#[test]
fn every_problem_is_reported_in_file_order() {
    let toml =
        "titel = 1\n[[values]]\nname = \"A\"\nvidoe = 2\n[[values]]\nname = \"a\"\ntext = 3\n";
    assert_eq!(
        problems(toml),
        [
            "1:1: unknown key `titel` at the top of the file",
            "2:1: value 1: missing `text`",
            "4:1: unknown key `vidoe` in value 1",
            "6:8: value 2: the name `a` is used twice",
            "7:8: value 2: `text` must be a string, found an integer",
        ]
    );
}

#[test]
fn control_characters_in_text_are_refused() {
    let toml = "[[values]]\nname = \"x\\u001b]2;owned\\u0007\"\ntext = \"y\"\n";
    assert_eq!(
        problems(toml),
        ["2:8: value 1: `name` contains the control character U+001B"]
    );
    let c1 = "[[values]]\nname = \"x\"\ntext = \"a\u{9b}31m\"\n";
    assert_eq!(
        problems(c1),
        ["3:8: value 1: `text` contains the control character U+009B"]
    );
}

#[test]
fn the_attribution_is_text_checked_like_the_rest() {
    let toml =
        format!("attribution = \"\"\"\nText by us.\n\nUsed with leave.\n\"\"\"\n{GOOD_VALUE}");
    let document = parse(&toml, "v.toml").unwrap();
    assert_eq!(
        document.attribution_paragraphs(),
        ["Text by us.", "Used with leave."]
    );
    assert_eq!(
        problems(&format!("attribution = \"\\u001b[2J\"\n{GOOD_VALUE}")),
        ["1:15: the attribution: `attribution` contains the control character U+001B"]
    );
    assert_eq!(
        problems(&format!("attribution = [\"x\"]\n{GOOD_VALUE}")),
        ["1:15: the attribution: `attribution` must be a string, found an array"]
    );
    assert_eq!(
        problems(&format!("atribution = \"x\"\n{GOOD_VALUE}")),
        ["1:1: unknown key `atribution` at the top of the file"]
    );
}

#[test]
fn invalid_utf8_is_located() {
    let error = parse_bytes(b"title = \"ok\"\nname = \"caf\xe9\"\n", "v.toml").unwrap_err();
    assert_eq!(
        error.to_string(),
        "v.toml:2:12: the file is not valid UTF-8; save it with UTF-8 encoding"
    );
}

#[test]
fn rendering_shows_the_line_with_a_caret() {
    let toml = format!("{GOOD_VALUE}video = \"ftp://x.org\"\n");
    let rendered = parse(&toml, "v.toml").unwrap_err().render(false);
    let expected = "\
error: value 1: `video` is not a web link
 --> v.toml:4:9
  |
4 | video = \"ftp://x.org\"
  |         ^^^^^^^^^^^^^ `ftp:` links are not allowed
  |
  = help: links must start with `https://` or `http://`

error: v.toml has 1 problem";
    assert_eq!(rendered, expected);
}

#[test]
fn windows_line_endings_and_wrapped_paragraphs_read_naturally() {
    let toml = "[[values]]\r\nname = \"x\"\r\ntext = \"\"\"\r\nline one\r\nline two\r\n\r\nnext\r\n\"\"\"\r\n";
    let document = parse(toml, "v.toml").unwrap();
    assert_eq!(
        document.values[0].paragraphs(),
        ["line one line two", "next"]
    );
}

#[test]
fn locations_count_characters_not_bytes() {
    let text = "ab\ncafé x";
    assert_eq!(Location::of(text, 0), Location { line: 1, column: 1 });
    assert_eq!(Location::of(text, 3), Location { line: 2, column: 1 });
    assert_eq!(
        Location::of(text, text.len() - 1),
        Location { line: 2, column: 6 }
    );
    assert_eq!(Location::of(text, 999), Location { line: 2, column: 7 });
    // A byte inside `é` (bytes 6 and 7) is in that character.
    assert_eq!(Location::of(text, 7), Location { line: 2, column: 4 });
}

#[test]
fn a_byte_order_mark_is_not_counted_as_a_column() {
    let document = parse(&format!("\u{feff}{GOOD_VALUE}"), "v.toml").unwrap();
    assert_eq!(document.values[0].name, "Compassion");
    assert_eq!(
        problems("\u{feff}title = 3\n"),
        [
            "1:9: the title: `title` must be a string, found an integer",
            "1:10: the file has no values"
        ]
    );
    let error = parse_bytes(b"\xef\xbb\xbftitle = \"caf\xe9\"\n", "v.toml").unwrap_err();
    assert!(error.to_string().starts_with("v.toml:1:13: "), "{error}");
}

/// A quoted line with a bidi override would be shown reordered, and a zero-width character
/// would hide; C1 controls would act. The caret must still point at the right column.
#[test]
fn error_reports_quote_hidden_characters_visibly() {
    let toml = format!("{GOOD_VALUE}video = 3 # \u{202e}abc\u{200b}\u{9b}31m\n");
    let rendered = parse(&toml, "v.toml").unwrap_err().render(false);
    let expected = "\
error: value 1: `video` must be a string, found an integer
 --> v.toml:4:9
  |
4 | video = 3 # \u{fffd}abc\u{fffd}¤31m
  |         ^ expected a string

error: v.toml has 1 problem";
    assert_eq!(rendered, expected);
}

#[test]
fn the_summary_is_the_first_problem_and_a_count_of_the_rest() {
    let several = "titel = 1\n[[values]]\nname = \"A\"\nvidoe = 2\n";
    assert_eq!(
        parse(several, "v.toml").unwrap_err().summary(),
        "v.toml:1:1: unknown key `titel` at the top of the file (and 2 more problems)"
    );
    let two = "titel = 1\n[[values]]\nname = \"A\"\ntext = \"a\"\nvidoe = 2\n";
    assert_eq!(
        parse(two, "v.toml").unwrap_err().summary(),
        "v.toml:1:1: unknown key `titel` at the top of the file (and 1 more problem)"
    );
    let one = format!("{GOOD_VALUE}vidoe = 2\n");
    assert_eq!(
        parse(&one, "v.toml").unwrap_err().summary(),
        "v.toml:4:1: unknown key `vidoe` in value 1"
    );
}

/// Keys are quoted in messages, and a quoted key can hold what a name cannot.
#[test]
fn keys_quoted_in_messages_are_made_safe() {
    let toml = format!("\"a\\u009bb\\u200bc\\u001b[2J\" = 1\n{GOOD_VALUE}");
    let error = parse(&toml, "v.toml").unwrap_err();
    let lines = error.to_string();
    assert!(lines.contains("unknown key `a\u{fffd}bc^[[2J`"), "{lines}");
    let rendered = error.render(false);
    for text in [&lines, &rendered] {
        assert!(!text.contains(['\u{9b}', '\u{200b}', '\u{1b}']), "{text:?}");
    }
}

#[test]
fn an_unreadable_file_says_why_in_plain_words() {
    // The operating system's words, as `io::Error` gives them; made here rather than met,
    // since root reads every file and Windows has no chmod.
    let error = |kind: io::ErrorKind, words: &str| LoadError::Io {
        path: PathBuf::from("v.toml"),
        error: io::Error::new(kind, words.to_owned()),
    };
    assert_eq!(
        error(
            io::ErrorKind::PermissionDenied,
            "Access is denied. (os error 5)"
        )
        .to_string(),
        "v.toml: cannot read the file: permission denied"
    );
    assert_eq!(
        error(
            io::ErrorKind::NotFound,
            "No such file or directory (os error 2)"
        )
        .to_string(),
        "v.toml: cannot read the file: no such file"
    );
    assert_eq!(
        error(
            io::ErrorKind::InvalidData,
            "stream did not contain valid UTF-8"
        )
        .to_string(),
        "v.toml: cannot read the file: stream did not contain valid UTF-8"
    );
}

/// The text of value 1 left open: the parser only notices lines later, in the prose of the
/// values after it.
const OPEN_TEXT: &str = "[[values]]\nname = \"A\"\ntext = \"\"\"\nWe care.\n\nvideo = \"https://example.org\"\n\n[[values]]\nname = \"B\"\ntext = \"\"\"\nWe listen to people.\n\"\"\"\n";

#[test]
fn a_text_never_closed_is_reported_once_where_it_opens() {
    assert_eq!(problems(OPEN_TEXT), ["3:8: a text is never closed"]);
    let rendered = parse(OPEN_TEXT, "v.toml").unwrap_err().render(false);
    assert!(
        rendered.contains("^^^ this text starts here and is never closed"),
        "{rendered}"
    );
    assert!(
        rendered.contains("= help: add `\"\"\"` at its end, after line 4"),
        "{rendered}"
    );
    assert_eq!(
        parse(OPEN_TEXT, "v.toml").unwrap_err().summary(),
        "v.toml:3:8: a text is never closed",
        "the banner of a reload names the mistake, not the cascade"
    );
    let at_the_end = "[[values]]\nname = \"A\"\ntext = '''\nWe care.\n\n";
    assert_eq!(problems(at_the_end), ["3:8: a text is never closed"]);
}

#[test]
fn a_single_line_text_never_closed_is_reported_where_it_opens() {
    let toml = "[[values]]\nname = \"Compassion\ntext = \"x\"\n";
    assert_eq!(problems(toml), ["2:8: a text is never closed"]);
    let several = "[[values]]\nname = \"A\"\ntext = \"We care\nfor people.\"\n";
    assert_eq!(problems(several), ["3:8: a text is never closed"]);
    let rendered = parse(several, "v.toml").unwrap_err().render(false);
    assert!(
        rendered.contains("starts and ends with `\"\"\"`"),
        "{rendered}"
    );
}

#[test]
fn curly_quotes_are_named() {
    let toml = "[[values]]\nname = “Compassion”\ntext = \"x\"\n";
    assert_eq!(
        problems(toml),
        ["2:8: curly quotes “ and ” where TOML needs straight quotes"]
    );
    let rendered = parse(toml, "v.toml").unwrap_err().render(false);
    assert!(
        rendered.contains("= help: use straight quotes: name = \"Compassion\""),
        "{rendered}"
    );
}

#[test]
fn a_text_without_quotes_is_explained() {
    let toml = "title = Our trust's values\n[[values]]\nname = \"A\"\ntext = \"x\"\n";
    assert_eq!(problems(toml), ["1:9: a text without quotes"]);
    let rendered = parse(toml, "v.toml").unwrap_err().render(false);
    assert!(
        rendered.contains("= help: put it in straight quotes: title = \"Our trust's values\""),
        "{rendered}"
    );
}

#[test]
fn a_non_breaking_space_is_named() {
    let toml = "[[values]]\n\u{a0}name = \"A\"\ntext = \"x\"\n";
    assert_eq!(
        problems(toml),
        ["2:1: a non-breaking space (U+00A0) where TOML needs an ordinary one"]
    );
}

/// Each mistake is found, and a problem no mistake explains is still reported.
#[test]
fn several_mistakes_are_each_reported() {
    let toml = "title = “Ours”\n[[values]]\nname = A\ntext = \"x\" y\n";
    assert_eq!(
        problems(toml),
        [
            "1:9: curly quotes “ and ” where TOML needs straight quotes",
            "3:8: a text without quotes",
            "4:12: TOML syntax: unexpected key or value",
        ]
    );
}

/// The mended copy has spaces where the file had a character of several bytes; an error the
/// parser finds there still points at the whole character (proptest found this).
#[test]
fn an_error_inside_a_mended_character_points_at_the_character() {
    let toml = "l-- = [\"\u{fffd}*\",\"%K\"\"é\", \"g?\u{fffd}\"=é\", ]\n";
    let error = parse(toml, "v.toml").unwrap_err();
    let rendered = error.render(false);
    assert!(rendered.contains("a text without quotes"), "{rendered}");
    // A mistake found once the curly quotes are mended is pointed at in the file as it is.
    let after_curly = "name = “A”\n'''\n";
    let rendered = parse(after_curly, "v.toml").unwrap_err().render(false);
    assert!(rendered.contains("“A”"), "{rendered}");
}

proptest::proptest! {
    /// Whatever a values file holds, with the mistakes people make in it (quotes of every kind
    /// left open or curled, words without quotes, odd spaces, characters of several bytes),
    /// reading it gives a document or a report of every problem, never a panic.
    #[test]
    fn any_text_gives_a_document_or_a_report(
        lines in proptest::collection::vec(
            proptest::prop_oneof![
                proptest::sample::select(vec![
                    "[[values]]", "name = \"A\"", "text = \"\"\"", "\"\"\"", "text = '''", "'''",
                    "video = \"https://example.org/a b\"", "name = “A”", "name = A b's",
                    "\u{a0}name = \"B\"", "text = \"x", "[[value]]",
                ]).prop_map(str::to_owned),
                "[a-z\u{a0}“”‘’]{0,6} ?= ?[\"'“”a-z\u{e9}\u{a0}]{0,3}[ -~\u{e9}“”’]{0,12}",
                "[ -~\u{e9}\u{a0}\u{201c}\u{201d}\u{200b}\n]{0,30}",
            ],
            0..10,
        )
    ) {
        let text = lines.join("\n");
        if let Err(error) = parse(&text, "v.toml") {
            let report = error.render(false);
            proptest::prop_assert!(report.ends_with("problem") || report.ends_with("problems"));
            let summary = error.summary();
            proptest::prop_assert!(summary.starts_with("v.toml:"), "{}", summary);
        }
    }
}

#[test]
fn a_link_a_browser_would_not_take_as_typed_is_refused_where_it_goes_wrong() {
    let toml = format!("{GOOD_VALUE}video = \"https://www.youtube.com/watch?v=ri ty0j2ojs\"\n");
    assert_eq!(
        problems(&toml),
        ["4:44: value 1: `video` has a space in it"]
    );
    let rendered = parse(&toml, "v.toml").unwrap_err().render(false);
    assert!(
        rendered.contains("^ a browser would not open the link as written"),
        "{rendered}"
    );
    for (url, reason) in [
        (
            "https://example.org/a b",
            "a link cannot have a space in it",
        ),
        ("https://example.org/a\tb", "a link cannot have a tab in it"),
        (
            "https://example.org/\u{a0}",
            "a link cannot have a non-breaking space (U+00A0) in it",
        ),
        (
            "https://example.org/\u{200b}",
            "a link cannot have an invisible space (U+200B) in it",
        ),
        ("<https://example.org/>", "a link cannot have `<` in it"),
        ("https://example.org/\"x\"", "a link cannot have `\"` in it"),
        ("https://example.org\\a", "a link cannot have `\\` in it"),
    ] {
        assert_eq!(check_url(url), Err(reason.to_owned()), "{url:?}");
    }
    // Letters of other alphabets are what browsers show, and take as typed; so are the
    // punctuation marks the standard keeps in a query.
    assert_eq!(check_url("https://example.org/café?q=ü"), Ok(()));
    assert_eq!(check_url("https://example.org/?a=`{x}`&b='c'"), Ok(()));
    // Inside a text with escapes the place of the space is not counted: the whole link is shown.
    let escaped = format!("{GOOD_VALUE}video = \"https://example.org/\\u0041 b\"\n");
    assert_eq!(
        problems(&escaped),
        ["4:9: value 1: `video` has a space in it"]
    );
}

/// Notepad offers UTF-16 as "Unicode"; the file is then not UTF-8 from its first byte.
#[test]
fn a_file_saved_as_utf16_is_named_so() {
    for bytes in [
        b"\xff\xfet\0i\0".as_slice(),
        b"\xfe\xff\0t\0i".as_slice(),
        b"t\0i\0t\0".as_slice(),
    ] {
        assert_eq!(
            parse_bytes(bytes, "v.toml").unwrap_err().to_string(),
            "v.toml:1:1: the file is saved as UTF-16 (which Notepad once called \"Unicode\"); \
             save it with UTF-8 encoding",
            "{bytes:?}"
        );
    }
}

/// One mistake, one report: the problems it causes further on are not reported too.
#[test]
fn a_misspelt_key_or_header_is_reported_without_what_it_leaves_missing() {
    let capital = "[[values]]\nName = \"A\"\ntext = \"x\"\n";
    assert_eq!(problems(capital), ["2:1: unknown key `Name` in value 1"]);
    let header = "[[value]]\nname = \"A\"\ntext = \"x\"\n";
    assert_eq!(
        problems(header),
        ["1:3: unknown key `value` at the top of the file"]
    );
}

#[test]
fn a_value_without_its_header_is_one_problem() {
    let toml = "title = \"Ours\"\n\nname = \"A\"\ntext = \"x\"\n";
    assert_eq!(
        problems(toml),
        ["3:1: `name` and `text` are not in a `[[values]]` table"]
    );
    let rendered = parse(toml, "v.toml").unwrap_err().render(false);
    assert!(
        rendered.contains("= help: add a line `[[values]]` above it to start a value there"),
        "{rendered}"
    );
    // With other values in the file, a value's key at the top is the same slip.
    let stray = format!("video = \"https://example.org\"\n{GOOD_VALUE}");
    assert_eq!(
        problems(&stray),
        ["1:1: `video` is not in a `[[values]]` table"]
    );
}

#[test]
fn a_text_without_its_opening_quotes_is_reported_once() {
    let rest = "We care.\n\"\"\"\n\n[[values]]\nname = \"B\"\ntext = \"\"\"\nWe listen.\n\"\"\"\n";
    let bare = format!("[[values]]\nname = \"A\"\ntext =\n{rest}");
    assert_eq!(
        problems(&bare),
        ["3:7: a text has no `\"\"\"` at its start"]
    );
    let two = format!("[[values]]\nname = \"A\"\ntext = \"\"\n{rest}");
    assert_eq!(problems(&two), ["3:8: a text has no `\"\"\"` at its start"]);
    let rendered = parse(&two, "v.toml").unwrap_err().render(false);
    assert!(rendered.contains("this `\"\"\"` ends it"), "{rendered}");
}

#[test]
fn a_quote_inside_a_text_that_ends_it_is_pointed_at() {
    let single = "[[values]]\nname = 'People's voice'\ntext = \"x\"\n";
    assert_eq!(
        problems(single),
        ["2:15: a quote inside the text ends it early"]
    );
    let rendered = parse(single, "v.toml").unwrap_err().render(false);
    assert!(
        rendered.contains("= help: put it in double quotes: name = \"People's voice\""),
        "{rendered}"
    );
    let double = "[[values]]\nname = \"A\"\ntext = \"They said \"hello\" to us\"\n";
    assert_eq!(
        problems(double),
        ["3:19: a quote inside the text ends it early"]
    );
}

#[test]
fn a_key_given_twice_points_at_both() {
    let toml = "[[values]]\nname = \"A\"\ntext = \"\"\"\nx\n\"\"\"\ntext = \"y\"\n";
    assert_eq!(problems(toml), ["6:1: `text` is given twice in one table"]);
    let Err(LoadError::Invalid { diagnostics, .. }) = parse(toml, "v.toml") else {
        panic!("expected a report");
    };
    let (first, label) = diagnostics[0].related.clone().expect("points at the first");
    assert_eq!(
        Location::of(toml, first.start),
        Location { line: 3, column: 1 }
    );
    assert_eq!(label, "first given here");
}

#[test]
fn a_values_header_with_single_brackets_among_others_is_named() {
    let toml = format!("{GOOD_VALUE}\n[values]\nname = \"B\"\ntext = \"y\"\n");
    assert_eq!(
        problems(&toml),
        ["5:1: `[values]` needs two brackets on each side"]
    );
}

/// Issue 20: the title slide always showed `source`; an author marks the link it shows instead.
const MARKED: &str = "source = \"https://hee.nhs.uk/about/our-values\"

[[links]]
label = \"Our trust's values\"
url = \"https://example.nhs.uk/values\"
on_title_slide = true

[[links]]
label = \"Our strategy\"
url = \"https://example.nhs.uk/strategy\"
on_title_slide = false
";

#[test]
fn a_link_marked_for_the_title_slide_is_read_and_others_are_not_marked() {
    let document = parse(&format!("{MARKED}{GOOD_VALUE}"), "v.toml").expect("valid");
    let marked: Vec<bool> = document
        .links
        .iter()
        .map(|link| link.on_title_slide)
        .collect();
    assert_eq!(marked, [true, false]);
    assert!(
        !builtin()
            .expect("valid")
            .links
            .iter()
            .any(|link| link.on_title_slide)
    );
}

#[test]
fn the_title_slide_mark_is_true_or_false_written_without_quotes() {
    let toml = format!(
        "[[links]]\nlabel = \"L\"\nurl = \"https://example.org/\"\non_title_slide = \"yes\"\n\
         {GOOD_VALUE}"
    );
    assert_eq!(
        problems(&toml),
        ["4:18: link 1: `on_title_slide` must be true or false, found a string"]
    );
    let rendered = parse(&toml, "v.toml").unwrap_err().render(false);
    assert!(
        rendered.contains("= help: write `on_title_slide = true`, without quotes"),
        "{rendered}"
    );
    let typo = format!(
        "[[links]]\nlabel = \"L\"\nurl = \"https://example.org/\"\non_title_slid = true\n\
         {GOOD_VALUE}"
    );
    let rendered = parse(&typo, "v.toml").unwrap_err().render(false);
    assert!(
        rendered.contains("did you mean `on_title_slide`?"),
        "{rendered}"
    );
}

#[test]
fn a_second_link_marked_for_the_title_slide_points_at_the_first() {
    let toml = format!("{}{GOOD_VALUE}", MARKED.replace("= false", "= true"));
    assert_eq!(
        problems(&toml),
        ["11:18: link 2: only one link can be on the title slide"]
    );
    let rendered = parse(&toml, "v.toml").unwrap_err().render(false);
    assert!(
        rendered.contains(
            " 6 | on_title_slide = true
   |                  ---- on the title slide already
...
11 | on_title_slide = true
   |                  ^^^^ a second link for the title slide"
        ),
        "{rendered}"
    );
    assert!(
        rendered.contains("= help: keep `on_title_slide = true` on one link only"),
        "{rendered}"
    );
}
