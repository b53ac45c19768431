//! What a valid config file sets, in one line, as `check` reports a good file: the counterpart
//! of a values file's "6 values, 3 links".

use toml::de::{DeTable, DeValue};

use crate::text::plural;
use crate::values;

/// The settings a valid config file gives and the actions it gives keys to, in the words of
/// its tables: "2 settings, keys for 3 actions, and 1 in presentation mode". What it leaves
/// out keeps its default, so an empty file is "no settings, the default keys".
pub fn summary(text: &str) -> String {
    let (table, _) = DeTable::parse_recoverable(values::without_byte_order_mark(text));
    let table = table.get_ref();
    let settings = table
        .iter()
        .filter(|(name, _)| *name.get_ref() != "keys")
        .count();
    let keys = table.get("keys").and_then(|keys| keys.get_ref().as_table());
    let presentation = keys
        .and_then(|keys| keys.get("presentation"))
        .and_then(|table| table.get_ref().as_table())
        .map_or(0, DeTable::len);
    let browser = keys.map_or(0, |keys| {
        keys.iter()
            .filter(|(_, value)| !matches!(value.get_ref(), DeValue::Table(_)))
            .count()
    });
    let settings = match settings {
        0 => "no settings".to_owned(),
        count => plural(count, "setting", "settings"),
    };
    let actions = |count| plural(count, "action", "actions");
    let keys = match (browser, presentation) {
        (0, 0) => "the default keys".to_owned(),
        (browser, 0) => format!("keys for {}", actions(browser)),
        (0, presentation) => format!("keys for {} in presentation mode", actions(presentation)),
        (browser, presentation) => {
            format!(
                "keys for {}, and {presentation} in presentation mode",
                actions(browser)
            )
        }
    };
    format!("{settings}, {keys}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_starter_file_counts_every_setting_it_writes_and_every_action() {
        // With no browser, the starter file has `browser` as a comment only.
        let starter = super::super::render(&super::super::Settings::default());
        assert_eq!(
            summary(&starter),
            "3 settings, keys for 21 actions, and 14 in presentation mode"
        );
    }

    #[test]
    fn a_byte_order_mark_is_not_a_setting() {
        assert_eq!(
            summary("\u{feff}theme = \"default\"\n"),
            "1 setting, the default keys"
        );
    }
}
