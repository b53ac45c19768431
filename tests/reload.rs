//! End-to-end tests of live reload: the real binary in a pseudo-terminal, shown a values file
//! that the test then rewrites the ways editors and shells do.

mod common;

use std::fs;

use common::Sandbox;
use common::pty::*;

fn values(names: &[&str]) -> String {
    let mut toml = String::from("title = \"Ward values\"\n");
    for name in names {
        toml.push_str(&format!(
            "\n[[values]]\nname = \"{name}\"\ntext = \"What {name} means to us.\"\n"
        ));
    }
    toml
}

#[test]
fn the_screen_follows_the_file_and_a_broken_file_keeps_the_last_good_values() {
    let sandbox = Sandbox::new();
    let path = sandbox.file("values.toml", values(&["Kindness", "Courage"]));
    let mut tui = started(&sandbox, &["--file", "values.toml"]);
    tui.send("j");
    tui.wait_for("What Courage means to us.");

    // Rewritten in place, as `cp new.toml values.toml` does, with a value added before the
    // selected one: the selection follows the name.
    fs::write(&path, values(&["Honesty", "Kindness", "Courage"])).unwrap();
    tui.wait_for("3 Courage");
    assert!(
        row_of(&tui.rows(), "3 Courage").contains('▶'),
        "{}",
        tui.screen()
    );
    assert!(tui.screen().contains("Value 3 of 3"), "{}", tui.screen());

    // Replaced by a rename, as vim, VS Code, `sed -i` and `mv` do.
    let new = sandbox.file("values.toml.new", values(&["Honesty", "Courage", "Care"]));
    fs::rename(&new, &path).unwrap();
    tui.wait_for("3 Care");
    assert!(
        row_of(&tui.rows(), "2 Courage").contains('▶'),
        "{}",
        tui.screen()
    );

    // Broken: the banner names the line and column, and the last good values stay.
    let broken = values(&["Honesty", "Courage", "Care"]) + "vidoe = \"x\"\n";
    let line = broken.lines().count();
    fs::write(&path, &broken).unwrap();
    let screen = tui.wait_for(&format!("values.toml:{line}:1: unknown key `vidoe`"));
    assert!(screen.contains("error:"), "{screen}");
    assert!(screen.contains("showing the last good values"), "{screen}");
    for name in ["1 Honesty", "2 Courage", "3 Care"] {
        assert!(screen.contains(name), "{screen}");
    }
    assert!(screen.contains("What Courage means to us."), "{screen}");
    tui.send("j");
    tui.wait_for("What Care means to us.");

    // Fixed: the banner goes and the new values show.
    fs::write(&path, values(&["Honesty", "Courage", "Care", "Openness"])).unwrap();
    let screen = tui.wait_for("4 Openness");
    assert!(!screen.contains("error:"), "{screen}");
    assert!(
        row_of(&tui.rows(), "3 Care").contains('▶'),
        "{}",
        tui.screen()
    );

    tui.send("q");
    assert_eq!(tui.wait_exit().code(), Some(0));
    assert_restored(&tui);
    assert_eq!(
        fs::read_to_string(&path).unwrap(),
        values(&["Honesty", "Courage", "Care", "Openness"]),
        "the app never writes the file"
    );
}
