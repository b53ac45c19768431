//! Generated values files for benchmarks: realistic in shape (a name, about 400 bytes of text in
//! one or two paragraphs wrapped the way people wrap them, a video for most), unique names, and
//! the same bytes on every run so that figures can be compared. The benches and the
//! `gen_values` example both use this file, so there is one generator.

// Each includer (the benches, the example) uses a different part of this file.
#![allow(dead_code)]

use std::io::{self, Write};

const WORDS: &[&str] = &[
    "patients",
    "carers",
    "families",
    "staff",
    "communities",
    "care",
    "kindness",
    "dignity",
    "respect",
    "listen",
    "support",
    "safety",
    "quality",
    "compassion",
    "trust",
    "openness",
    "together",
    "everyone",
    "improve",
    "learning",
    "honest",
    "time",
    "need",
    "comfort",
    "health",
    "wards",
    "clinics",
    "teams",
    "colleagues",
    "decisions",
    "choices",
    "voices",
    "questions",
    "answers",
    "feedback",
    "change",
    "service",
    "public",
    "local",
    "shared",
    "values",
    "we",
    "always",
    "never",
    "each",
    "every",
    "person",
    "people",
    "their",
    "our",
    "with",
    "for",
    "and",
    "the",
    "to",
    "in",
    "of",
    "a",
    "is",
    "are",
    "when",
    "how",
    "what",
    "because",
    "so",
    "that",
    "café",
    "naïve",
    "co-operation",
    "well-being",
    "–",
    "patients’",
    "résumé",
    "first",
];

const NAME_WORDS: &[&str] = &[
    "Working",
    "together",
    "Compassion",
    "Respect",
    "dignity",
    "Improving",
    "lives",
    "Commitment",
    "quality",
    "care",
    "Everyone",
    "counts",
    "Listening",
    "Openness",
    "Kindness",
    "Safety",
    "Learning",
    "Courage",
    "Fairness",
    "Inclusion",
    "Honesty",
    "Teamwork",
    "Trust",
    "Curiosity",
];

/// A small deterministic generator (SplitMix64), so the files need no random-number crate and
/// are the same on every machine.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, bound: usize) -> usize {
        (self.next() % bound as u64) as usize
    }

    fn pick<'a>(&mut self, words: &[&'a str]) -> &'a str {
        words[self.below(words.len())]
    }
}

/// Writes a values file with `count` values to `out`.
pub fn write_values(count: usize, out: &mut impl Write) -> io::Result<()> {
    let mut random = Random(0x6e68_735f_7661_6c75);
    writeln!(out, "# {count} generated values for benchmarks")?;
    writeln!(out, "title = \"Values of a large organisation\"")?;
    writeln!(out, "intro = \"\"\"")?;
    for _ in 0..3 {
        let paragraph = paragraph(&mut random, 300);
        writeln!(out, "{paragraph}\n")?;
    }
    writeln!(out, "\"\"\"")?;
    writeln!(out, "source = \"https://example.org/our-values\"")?;
    for number in 1..=3 {
        writeln!(out, "\n[[links]]")?;
        writeln!(out, "label = \"Guidance part {number}\"")?;
        writeln!(out, "url = \"https://example.org/guidance/{number}\"")?;
    }
    let mut line = String::new();
    for number in 1..=count {
        let first = random.pick(NAME_WORDS);
        let second = random.pick(NAME_WORDS).to_lowercase();
        writeln!(out, "\n[[values]]")?;
        writeln!(out, "name = \"{first} and {second} {number}\"")?;
        writeln!(out, "text = \"\"\"")?;
        // One value in three has two paragraphs; together they make 300 to 400 bytes.
        let paragraphs = if random.below(3) == 0 { 2 } else { 1 };
        for index in 0..paragraphs {
            if index > 0 {
                writeln!(out)?;
            }
            // Authors wrap long lines in their editor; the app joins them again.
            line.clear();
            for word in paragraph(&mut random, 300 / paragraphs).split(' ') {
                if line.len() + word.len() >= 80 {
                    writeln!(out, "{line}")?;
                    line.clear();
                }
                if !line.is_empty() {
                    line.push(' ');
                }
                line.push_str(word);
            }
            writeln!(out, "{line}")?;
        }
        writeln!(out, "\"\"\"")?;
        if random.below(4) != 0 {
            let id: String = (0..11)
                .map(|_| {
                    char::from(
                        b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJ0123456789_-"[random.below(48)],
                    )
                })
                .collect();
            writeln!(out, "video = \"https://www.youtube.com/watch?v={id}\"")?;
        }
    }
    Ok(())
}

/// A values file with `count` values, as text.
pub fn values_toml(count: usize) -> String {
    let mut out = Vec::new();
    write_values(count, &mut out).expect("writing to memory cannot fail");
    String::from_utf8(out).expect("the generator writes UTF-8")
}

/// A values file whose one value is a single paragraph of `bytes` letters with no space, the
/// worst case for wrapping: every line is a hard break.
pub fn long_paragraph_toml(bytes: usize) -> String {
    let text: String = "abcdefghijklmnopqrstuvwxyz"
        .chars()
        .cycle()
        .take(bytes)
        .collect();
    format!("[[values]]\nname = \"One long paragraph\"\ntext = \"\"\"\n{text}\n\"\"\"\n")
}

/// Sentences of words until the paragraph is about `bytes` long.
fn paragraph(random: &mut Random, bytes: usize) -> String {
    let mut text = String::with_capacity(bytes + 80);
    while text.len() < bytes {
        if !text.is_empty() {
            text.push(' ');
        }
        let words = 6 + random.below(9);
        for index in 0..words {
            let word = random.pick(WORDS);
            if index == 0 {
                let mut chars = word.chars();
                if let Some(first) = chars.next() {
                    text.extend(first.to_uppercase());
                    text.push_str(chars.as_str());
                }
            } else {
                text.push(' ');
                text.push_str(word);
            }
        }
        text.push('.');
    }
    text
}
