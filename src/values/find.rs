//! Finding a value from what a person types after `open` or `present`: its number, its name,
//! or the start of its name; and, for a name that is none of these, what they may have meant.

use super::{Document, is_near};
use crate::text::visible;

/// How many names a message lists before saying how many more there are.
const NAMES_LISTED: usize = 10;

/// Below this many characters, a slip in the start of a name matches too much to suggest.
const SHORTEST_START_SUGGESTED: usize = 4;

/// The index of the value `wanted` names: a 1-based number, a name ignoring case, or a unique
/// start of one; or why there is none, with the names it is a slip from, else the names.
pub fn find_value(document: &Document, wanted: &str) -> Result<usize, String> {
    let values = &document.values;
    let wanted = wanted.trim();
    if let Ok(number) = wanted.parse::<usize>() {
        if (1..=values.len()).contains(&number) {
            return Ok(number - 1);
        }
        return Err(format!(
            "there is no value {number}; the values are numbered 1 to {}",
            values.len()
        ));
    }
    let lower = wanted.to_lowercase();
    if let Some(index) = values
        .iter()
        .position(|value| value.name.to_lowercase() == lower)
    {
        return Ok(index);
    }
    let starting: Vec<usize> = (0..values.len())
        .filter(|index| values[*index].name.to_lowercase().starts_with(&lower))
        .collect();
    let quoted = |index: &usize| format!("“{}”", visible(&values[*index].name));
    match starting.as_slice() {
        [index] if !lower.is_empty() => Ok(*index),
        [] => {
            let near: Vec<String> = (0..values.len())
                .filter(|index| is_slip_from(&lower, &values[*index].name.to_lowercase()))
                .map(|index| quoted(&index))
                .collect();
            let help = if near.is_empty() {
                format!("the values are {}", numbered(document))
            } else {
                format!("did you mean {}?", either(&near))
            };
            Err(format!("no value is named “{}”; {help}", visible(wanted)))
        }
        many => {
            let names: Vec<String> = many.iter().map(quoted).collect();
            Err(format!(
                "“{}” could be any of {}; type more of the name",
                visible(wanted),
                names.join(", ")
            ))
        }
    }
}

/// Whether `typed` (lower-case) is one slip from `name` (lower-case), or from its start when
/// enough is typed to tell: `compasion`, `respct` for "Respect and dignity".
fn is_slip_from(typed: &str, name: &str) -> bool {
    let length = typed.chars().count();
    if is_near(typed, name) {
        return true;
    }
    length >= SHORTEST_START_SUGGESTED
        && (length - 1..=length + 1).any(|start| {
            let end = name
                .char_indices()
                .nth(start)
                .map_or(name.len(), |(at, _)| at);
            is_near(typed, &name[..end])
        })
}

/// The values with their numbers, as the list shows them, the first `NAMES_LISTED` of them.
fn numbered(document: &Document) -> String {
    let values = &document.values;
    let listed: Vec<String> = values
        .iter()
        .take(NAMES_LISTED)
        .enumerate()
        .map(|(index, value)| format!("{} “{}”", index + 1, visible(&value.name)))
        .collect();
    match values.len().saturating_sub(NAMES_LISTED) {
        0 => listed.join(", "),
        more => format!("{}, and {more} more", listed.join(", ")),
    }
}

/// "“A”", "“A” or “B”", "“A”, “B” or “C”".
fn either(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} or {last}", rest.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::values::{Value, builtin};

    fn builtin_document() -> Document {
        builtin().expect("the built-in values are valid")
    }

    #[test]
    fn values_are_found_by_number_name_or_prefix() {
        let document = builtin_document();
        assert_eq!(find_value(&document, "2"), Ok(1));
        assert_eq!(find_value(&document, "everyone counts"), Ok(5));
        assert_eq!(find_value(&document, " RESP "), Ok(2));
    }

    #[test]
    fn ambiguous_starts_and_numbers_out_of_range_are_errors() {
        let document = builtin_document();
        assert_eq!(
            find_value(&document, "co"),
            Err(
                "“co” could be any of “Compassion”, “Commitment to quality of care”; type \
                 more of the name"
                    .to_owned()
            )
        );
        for wanted in ["7", "0"] {
            assert_eq!(
                find_value(&document, wanted),
                Err(format!(
                    "there is no value {wanted}; the values are numbered 1 to 6"
                ))
            );
        }
        assert!(find_value(&document, "").is_err());
    }

    #[test]
    fn a_slip_in_a_name_or_its_start_is_suggested() {
        let document = builtin_document();
        for (typed, meant) in [
            ("compasion", "Compassion"),
            ("Compassoin", "Compassion"),
            ("everyone coutns", "Everyone counts"),
            ("respct", "Respect and dignity"),
            ("improvng", "Improving lives"),
        ] {
            assert_eq!(
                find_value(&document, typed),
                Err(format!(
                    "no value is named “{typed}”; did you mean “{meant}”?"
                )),
                "{typed}"
            );
        }
    }

    #[test]
    fn a_slip_from_several_names_suggests_each() {
        let mut document = builtin_document();
        document.values.truncate(1);
        for name in ["Care", "Core"] {
            document.values.push(Value {
                name: name.to_owned(),
                text: "Text.".to_owned(),
                video: None,
            });
        }
        assert_eq!(
            find_value(&document, "cure"),
            Err("no value is named “cure”; did you mean “Care” or “Core”?".to_owned())
        );
    }

    #[test]
    fn a_short_name_is_not_taken_for_a_slip_in_the_start_of_every_name() {
        let document = builtin_document();
        let error = find_value(&document, "xo").unwrap_err();
        assert!(error.contains("the values are 1 “Working"), "{error}");
    }

    #[test]
    fn a_name_that_is_no_slip_lists_the_values_with_their_numbers_up_to_ten() {
        let mut document = builtin_document();
        assert_eq!(
            find_value(&document, "kindness"),
            Err(
                "no value is named “kindness”; the values are 1 “Working together for \
                 patients”, 2 “Compassion”, 3 “Respect and dignity”, 4 “Improving lives”, 5 \
                 “Commitment to quality of care”, 6 “Everyone counts”"
                    .to_owned()
            )
        );
        let value = document.values[0].clone();
        document.values = (1..=12)
            .map(|number| Value {
                name: format!("Value {number}\u{202e}"),
                ..value.clone()
            })
            .collect();
        let error = find_value(&document, "kindness\u{1b}").unwrap_err();
        assert!(
            error.starts_with("no value is named “kindness^[”"),
            "{error}"
        );
        assert!(
            error.ends_with("9 “Value 9”, 10 “Value 10”, and 2 more"),
            "{error}"
        );
    }
}
