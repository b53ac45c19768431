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
            read_tree(&path, text);
        }
    }
    sources
}

fn read_tree(dir: &Path, into: &mut String) {
    for entry in fs::read_dir(dir).expect("a module directory is readable") {
        let path = entry.expect("an entry of a module directory").path();
        if path.is_dir() {
            read_tree(&path, into);
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
    let readers: Vec<String> = library_sources()
        .into_iter()
        .filter(|(_, text)| text.contains("env::var"))
        .map(|(module, _)| module)
        .collect();
    // `tui` for the terminal's capabilities, `browser` for $BROWSER, `clipboard` for tmux,
    // `source` for $NHS_VALUES_FILE.
    assert_eq!(readers, ["browser", "clipboard", "source", "tui"]);
}

/// The SSH server's runtime stays inside the serving edge: the local screen, and everything it
/// shares with a session (`engine`, the state, the drawing), never names tokio or russh.
#[test]
fn only_the_server_names_its_runtime() {
    let users: Vec<String> = library_sources()
        .into_iter()
        .filter(|(_, text)| text.contains("tokio") || text.contains("russh"))
        .map(|(module, _)| module)
        .collect();
    assert_eq!(users, ["serve"]);
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
