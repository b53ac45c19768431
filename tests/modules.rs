//! The shape ARCHITECTURE.md describes, checked on the sources: no two modules of `src/` import
//! each other, even through others; the layers that must not reach the terminal or the outside
//! world do not name the modules that do; and only the edge reads the environment.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

/// Each top-level module of the library and the modules of the crate it names (`crate::x`).
type Graph = BTreeMap<String, BTreeSet<String>>;

/// The graph of `src/`.
fn source_graph() -> Graph {
    graph(&library_sources())
}

/// The text of each top-level module of the library: `src/x.rs` and everything under `src/x/`
/// make module `x`.
fn library_sources() -> BTreeMap<String, String> {
    library_sources_without(&[])
}

/// The same, leaving out the folders named in `skipped`, wherever they are.
fn library_sources_without(skipped: &[&str]) -> BTreeMap<String, String> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut sources: BTreeMap<String, String> = BTreeMap::new();
    for entry in fs::read_dir(&src).expect("src/ is readable") {
        let path = entry.expect("an entry of src/").path();
        let Some(stem) = path.file_stem().and_then(|stem| stem.to_str()) else {
            continue;
        };
        // `lib.rs` only declares the modules; `main.rs` is the binary, outside the library.
        if path.extension().is_some_and(|ext| ext == "rs") && stem != "lib" && stem != "main" {
            let text = fs::read_to_string(&path).expect("a source file is readable");
            sources.entry(stem.to_owned()).or_default().push_str(&text);
        } else if path.is_dir() {
            let text = sources.entry(stem.to_owned()).or_default();
            read_tree(&path, text, skipped);
        }
    }
    sources
}

fn read_tree(dir: &Path, into: &mut String, skipped: &[&str]) {
    for entry in fs::read_dir(dir).expect("a module directory is readable") {
        let path = entry.expect("an entry of a module directory").path();
        if path.is_dir() {
            if !path
                .file_name()
                .is_some_and(|name| skipped.iter().any(|s| name == *s))
            {
                read_tree(&path, into, skipped);
            }
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            into.push_str(&fs::read_to_string(&path).expect("a source file is readable"));
        }
    }
}

/// The modules each source names, of those in `sources`, leaving out comments.
fn graph(sources: &BTreeMap<String, String>) -> Graph {
    sources
        .iter()
        .map(|(module, text)| {
            let code: String = text
                .lines()
                .filter(|line| !line.trim_start().starts_with("//"))
                .flat_map(|line| [line, "\n"])
                .collect();
            let named = named_modules(&code)
                .into_iter()
                .filter(|name| name != module && sources.contains_key(name))
                .collect();
            (module.clone(), named)
        })
        .collect()
}

/// The first path segment after each `crate::` in `code`, including each item of a group
/// (`crate::{app::App, ui}` names `app` and `ui`), over as many lines as the group takes.
fn named_modules(code: &str) -> Vec<String> {
    let mut names = Vec::new();
    for (at, _) in code.match_indices("crate::") {
        let rest = &code[at + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let mut depth = 0;
            let mut item_start = true;
            for (index, c) in group.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => break,
                    '}' => depth -= 1,
                    ',' if depth == 0 => item_start = true,
                    c if item_start && (c.is_alphanumeric() || c == '_') => {
                        names.push(identifier(&group[index..]));
                        item_start = false;
                    }
                    _ => {}
                }
            }
        } else {
            names.push(identifier(rest));
        }
    }
    names
}

fn identifier(text: &str) -> String {
    text.chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect()
}

/// A circle of modules, each naming the next and the last the first, if there is one.
fn find_circle(graph: &Graph) -> Option<Vec<String>> {
    fn visit(
        module: &str,
        graph: &Graph,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(start) = path.iter().position(|on_path| on_path == module) {
            return Some(path[start..].to_vec());
        }
        if done.contains(module) {
            return None;
        }
        path.push(module.to_owned());
        for next in graph.get(module).into_iter().flatten() {
            if let Some(circle) = visit(next, graph, path, done) {
                return Some(circle);
            }
        }
        path.pop();
        done.insert(module.to_owned());
        None
    }
    let mut done = BTreeSet::new();
    graph
        .keys()
        .find_map(|module| visit(module, graph, &mut Vec::new(), &mut done))
}

#[test]
fn no_modules_import_each_other() {
    let graph = source_graph();
    assert!(graph.contains_key("app") && graph["event"].contains("app"));
    assert!(graph["config"].contains("keys") && graph["source"].contains("config"));
    if let Some(circle) = find_circle(&graph) {
        panic!(
            "modules import each other: {} → {}",
            circle.join(" → "),
            circle[0]
        );
    }
}

#[test]
fn the_state_and_the_drawing_stay_away_from_the_terminal_and_the_outside_world() {
    let graph = source_graph();
    let edge = ["tui", "event", "browser", "clipboard", "watch", "source"];
    for layer in [
        "app",
        "ui",
        "keys",
        "action",
        "screen",
        "values",
        "layout",
        "wrap",
        "text",
        "config",
        "browser_command",
    ] {
        for module in edge {
            assert!(!graph[layer].contains(module), "`{layer}` names `{module}`");
        }
    }
    assert!(!graph["app"].contains("ui"), "the state must not draw");
    assert!(!graph["ui"].contains("tui"));
}

#[test]
fn only_the_edge_reads_the_environment() {
    // `ui`'s test fixtures (`src/ui/testing/`, compiled only for its tests) are the test
    // harness, not the drawing: README's pictures are drawn again when `UPDATE_PICTURES` is
    // set, as insta reads `INSTA_UPDATE`.
    let readers: Vec<String> = library_sources_without(&["testing"])
        .into_iter()
        .filter(|(_, text)| text.contains("env::var"))
        .map(|(module, _)| module)
        .collect();
    // `tui` for the terminal's capabilities, `browser` for $BROWSER, `clipboard` for tmux,
    // `source` for $NHS_VALUES_FILE.
    assert_eq!(readers, ["browser", "clipboard", "source", "tui"]);
}

#[test]
fn the_check_finds_a_circle_through_groups_and_paths() {
    let sources = |texts: &[(&str, &str)]| -> BTreeMap<String, String> {
        texts
            .iter()
            .map(|(module, text)| ((*module).to_owned(), (*text).to_owned()))
            .collect()
    };
    let circle = sources(&[
        ("a", "use crate::{b::B, text};\n"),
        ("b", "fn f() { crate::c::g() }\n"),
        ("c", "use crate::{\n    a::{A, Z},\n    text,\n};\n"),
        ("text", "// crate::a in a comment is no import\n"),
    ]);
    let circled = graph(&circle);
    assert_eq!(
        circled["c"],
        BTreeSet::from(["a".to_owned(), "text".to_owned()])
    );
    assert!(circled["text"].is_empty());
    assert_eq!(
        find_circle(&circled),
        Some(vec!["a".to_owned(), "b".to_owned(), "c".to_owned()])
    );
    let line = sources(&[
        ("a", "use crate::b;\n"),
        ("b", "use crate::text;\n"),
        ("text", ""),
    ]);
    assert_eq!(find_circle(&graph(&line)), None);
}

/// The string literals of `code`, leaving out comments and what follows `#[cfg(test)]` (tests
/// come last in a file).
fn string_literals(code: &str) -> Vec<String> {
    let code = code.split("#[cfg(test)]").next().unwrap_or(code);
    let mut literals = Vec::new();
    let mut chars = code.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '/' if chars.peek() == Some(&'/') => {
                for c in chars.by_ref() {
                    if c == '\n' {
                        break;
                    }
                }
            }
            // A character literal: a quote in one is no string.
            '\'' if chars.peek() == Some(&'"') => {
                chars.next();
            }
            '"' => {
                let mut literal = String::new();
                while let Some(c) = chars.next() {
                    match c {
                        '\\' => {
                            chars.next();
                        }
                        '"' => break,
                        c => literal.push(c),
                    }
                }
                literals.push(literal);
            }
            _ => {}
        }
    }
    literals
}

/// The key names in `literal` of `names`, each found as a whole word.
fn key_names_in<'a>(literal: &str, names: &'a [String]) -> Vec<&'a str> {
    names
        .iter()
        .filter(|name| {
            literal.match_indices(name.as_str()).any(|(at, _)| {
                let before = literal[..at].chars().next_back();
                let after = literal[at + name.len()..].chars().next();
                !before.is_some_and(|c| c.is_alphanumeric() || c == '-')
                    && !after.is_some_and(|c| c.is_alphanumeric() || c == '-')
            })
        })
        .map(String::as_str)
        .collect()
}

/// Every key name the key tables write that a literal could spell by mistake: single letters
/// and digits are left out, as words of the text around them ("a", "I") would be taken for
/// them, and so is `/`, which is also the sign of a filter whatever key starts one (the
/// prompt `/text` and the list's title, as in vi and less).
fn key_names() -> Vec<String> {
    use nhs_values::keys::{DEFAULT_BINDINGS, FILTER_BINDINGS, PRESENT_BINDINGS};
    let mut names: Vec<String> = DEFAULT_BINDINGS
        .iter()
        .chain(PRESENT_BINDINGS)
        .chain(FILTER_BINDINGS)
        .flat_map(|binding| binding.keys().iter().map(|key| key.name().into_owned()))
        .filter(|name| name.chars().count() > 1 || !name.chars().all(char::is_alphanumeric))
        .filter(|name| name != "/")
        .collect();
    names.sort();
    names.dedup();
    names
}

/// Key names come from the key table, which a config file changes; a name spelled in `ui`
/// would name a key that may no longer do what it says.
#[test]
fn the_drawing_spells_no_key_name() {
    let ui = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/ui");
    let names = key_names();
    assert!(names.iter().any(|name| name == "Esc") && names.iter().any(|name| name == "↓"));
    let mod_rs = fs::read_to_string(ui.join("mod.rs")).expect("src/ui/mod.rs is readable");
    let mut spelled = Vec::new();
    for entry in fs::read_dir(&ui).expect("src/ui is readable") {
        let path = entry.expect("an entry of src/ui").path();
        let Some(stem) = path.file_stem().and_then(|stem| stem.to_str()) else {
            continue;
        };
        // A file only tests compile is a test.
        let test_only = mod_rs.contains(&format!("#[cfg(test)]\nmod {stem};"));
        if test_only || path.extension().is_none_or(|ext| ext != "rs") {
            continue;
        }
        let code = fs::read_to_string(&path).expect("a source file is readable");
        for literal in string_literals(&code) {
            for name in key_names_in(&literal, &names) {
                spelled.push(format!("{}: {name} in {literal:?}", path.display()));
            }
        }
    }
    assert!(
        spelled.is_empty(),
        "key names spelled in ui:\n{}",
        spelled.join("\n")
    );
}

#[test]
fn the_key_name_check_finds_a_name_in_a_literal_and_not_in_a_comment_or_test() {
    let names = key_names();
    let code = r#"
        // "Esc" in a comment is no literal
        let hint = "  Enter keep · Esc clear"; // and "PgDn" here neither
        let quote = '"';
        let other = "escape \"Tab\" tablet";
        #[cfg(test)]
        mod tests { const T: &str = "Home"; }
    "#;
    let literals = string_literals(code);
    assert_eq!(literals, ["  Enter keep · Esc clear", "escape Tab tablet"]);
    assert_eq!(key_names_in(&literals[0], &names), ["Enter", "Esc"]);
    assert_eq!(key_names_in(&literals[1], &names), ["Tab"]);
    assert!(key_names_in("Shift-Tab", &names).contains(&"Shift-Tab"));
    assert!(!key_names_in("Shift-Tab", &names).contains(&"Tab"));
    assert!(key_names_in("scroll ↑↓", &names).contains(&"↑"));
    assert!(key_names_in("Entering the end", &names).is_empty());
}

/// The layers ARCHITECTURE.md calls pure: text, settings and state in, text, state and frames
/// out.
const PURE_LAYERS: [&str; 6] = ["app", "ui", "values", "config", "keys", "screen"];

/// What reaches outside the process or depends on when it runs: files, threads, other
/// programs, the clock, the environment.
const OUTSIDE_WORLD: [&str; 17] = [
    "std::fs",
    "fs::",
    "File::",
    "OpenOptions",
    ".is_dir()",
    ".is_file()",
    ".exists()",
    "std::thread",
    "thread::",
    "std::process",
    "process::",
    "Command::new",
    "Instant",
    "SystemTime",
    "std::env",
    "env::",
    "var_os",
];

/// The library's code in `module`, without comments and without what only tests compile: the
/// `tests.rs` and `testing.rs` files and every item under `#[cfg(test)]`.
fn code_outside_tests(module: &str) -> String {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    let file = src.join(format!("{module}.rs"));
    if file.is_file() {
        files.push(file);
    }
    let folder = src.join(module);
    if folder.is_dir() {
        collect_files(&folder, &mut files);
    }
    assert!(!files.is_empty(), "no source for module `{module}`");
    files
        .iter()
        .filter(|path| {
            let name = path.file_stem().and_then(|stem| stem.to_str());
            !matches!(name, Some("tests" | "testing"))
                && !path
                    .components()
                    .any(|part| part.as_os_str() == "tests" || part.as_os_str() == "testing")
        })
        .map(|path| {
            let text = fs::read_to_string(path).expect("a source file is readable");
            without_test_items(&without_comments(&text))
        })
        .collect()
}

fn collect_files(dir: &Path, into: &mut Vec<std::path::PathBuf>) {
    for entry in fs::read_dir(dir).expect("a module directory is readable") {
        let path = entry.expect("an entry of a module directory").path();
        if path.is_dir() {
            collect_files(&path, into);
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            into.push(path);
        }
    }
}

fn without_comments(text: &str) -> String {
    text.lines()
        .map(|line| match line.find("//") {
            Some(at) if !line[..at].contains('"') => &line[..at],
            _ => line,
        })
        .flat_map(|line| [line, "\n"])
        .collect()
}

/// `code` with each item after a `#[cfg(test)]` left out: up to its `;` when that comes before
/// any `{`, else up to the brace that closes its first.
fn without_test_items(code: &str) -> String {
    const MARK: &str = "#[cfg(test)]";
    let mut kept = String::new();
    let mut rest = code;
    while let Some(at) = rest.find(MARK) {
        kept.push_str(&rest[..at]);
        let item = &rest[at + MARK.len()..];
        let end = match (item.find(';'), item.find('{')) {
            (Some(semicolon), Some(brace)) if semicolon < brace => semicolon + 1,
            (Some(semicolon), None) => semicolon + 1,
            (_, Some(brace)) => closing_brace(item, brace).map_or(item.len(), |at| at + 1),
            (None, None) => item.len(),
        };
        rest = &item[end..];
    }
    kept.push_str(rest);
    kept
}

/// Where the brace that closes the one at `open` is.
fn closing_brace(text: &str, open: usize) -> Option<usize> {
    let mut depth = 0usize;
    for (index, c) in text[open..].char_indices() {
        match c {
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                if depth == 0 {
                    return Some(open + index);
                }
            }
            _ => {}
        }
    }
    None
}

/// Whether `code` names `token` as a whole: not as the end of a longer name (`refs::` is not
/// `fs::`) nor the start of one (`Instants`).
fn names(code: &str, token: &str) -> bool {
    let is_name = |c: char| c.is_alphanumeric() || c == '_';
    code.match_indices(token).any(|(at, _)| {
        let before = code[..at].chars().next_back();
        let after = code[at + token.len()..].chars().next();
        let joins_before = token.starts_with(is_name) && before.is_some_and(is_name);
        let joins_after = token.ends_with(is_name) && after.is_some_and(is_name);
        !joins_before && !joins_after
    })
}

/// What each pure layer names of the outside world.
fn outside_world_named(code: &str) -> Vec<&'static str> {
    OUTSIDE_WORLD
        .into_iter()
        .filter(|token| names(code, token))
        .collect()
}

#[test]
fn the_pure_layers_use_no_files_threads_processes_clock_or_environment() {
    let found: Vec<String> = PURE_LAYERS
        .into_iter()
        .flat_map(|module| {
            outside_world_named(&code_outside_tests(module))
                .into_iter()
                .map(move |token| format!("`{module}` uses `{token}`"))
        })
        .collect();
    assert!(found.is_empty(), "{}", found.join("\n"));
}

#[test]
fn the_fence_sees_what_it_is_for_and_not_what_tests_or_comments_do() {
    let planted = [
        "fn f() { let _ = std::fs::read(\"x\"); }",
        "use std::thread;\nfn f() { thread::spawn(|| {}); }",
        "fn f() -> std::process::ExitCode { std::process::ExitCode::SUCCESS }",
        "fn f() { let _ = std::time::Instant::now(); }",
        "fn f() { let _ = std::time::SystemTime::now(); }",
        "fn f() { let _ = std::env::var(\"HOME\"); }",
        "fn f(path: &Path) -> bool { path.is_dir() }",
    ];
    for code in planted {
        assert!(
            !outside_world_named(&without_test_items(&without_comments(code))).is_empty(),
            "not seen: {code}"
        );
    }
    let allowed = [
        "// std::fs::read in a comment\nfn f() {}",
        "#[cfg(test)]\nmod tests {\n    fn g() { std::fs::read(\"x\"); }\n}\nfn f() {}",
        "#[cfg(test)]\nmod testing;\nfn f() {}",
        "#[cfg(test)]\nfn version() { let _ = std::time::Instant::now(); }\nfn f() {}",
        "fn f(refs: Refs) { refs::x(); let instants = 1; }",
    ];
    for code in allowed {
        let kept = without_test_items(&without_comments(code));
        assert_eq!(outside_world_named(&kept), Vec::<&str>::new(), "{code}");
        assert!(
            kept.contains("fn f("),
            "the code after a test item is kept: {kept}"
        );
    }
}
