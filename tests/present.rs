//! End-to-end tests of presentation mode and QR codes: the real binary in a pseudo-terminal,
//! started with `present`, driven with the keys of presentation mode, and the QR codes it draws
//! decoded from the screen the terminal shows, as a phone would read them.

mod common;

use common::pty::*;
use common::{NAMES, Sandbox, VIDEOS};

/// The luminance of a colour as an xterm-like terminal with light text on a dark background
/// shows it; `default` for the terminal's own colour. (Codes are read off the screen on Unix
/// only: see `the_qr_codes_on_screen_read_as_the_links`.)
#[cfg(unix)]
fn luminance(colour: vt100::Color, default: u8) -> u8 {
    let (red, green, blue) = match colour {
        vt100::Color::Default => return default,
        vt100::Color::Rgb(red, green, blue) => (red, green, blue),
        vt100::Color::Idx(index @ 16..=231) => {
            let level = |value: u8| if value == 0 { 0 } else { 55 + value * 40 };
            let index = index - 16;
            (level(index / 36), level(index / 6 % 6), level(index % 6))
        }
        vt100::Color::Idx(index @ 232..=255) => {
            let grey = 8 + (index - 232) * 10;
            (grey, grey, grey)
        }
        vt100::Color::Idx(0) => (0, 0, 0),
        vt100::Color::Idx(15) => (255, 255, 255),
        vt100::Color::Idx(_) => (128, 128, 128),
    };
    let weighted = 2126 * u32::from(red) + 7152 * u32::from(green) + 722 * u32::from(blue);
    u8::try_from(weighted / 10_000).unwrap_or(u8::MAX)
}

/// The QR codes a reader finds on the screen, shown on a terminal with light grey text on a
/// near-black background: each cell two pixels tall (its upper and lower half) and one wide,
/// each pixel then four pixels square.
#[cfg(unix)]
fn decode_screen(tui: &Tui) -> Vec<String> {
    const SCALE: usize = 4;
    let cells = tui.cells();
    let (width, height) = (usize::from(COLUMNS), usize::from(ROWS) * 2);
    let mut pixels = vec![0u8; width * height];
    for (row, line) in cells.iter().enumerate() {
        for (column, (text, fg, bg, inverse)) in line.iter().enumerate() {
            let (mut ink, mut ground) = (luminance(*fg, 0xd0), luminance(*bg, 0x1e));
            if *inverse {
                std::mem::swap(&mut ink, &mut ground);
            }
            let (top, bottom) = match text.as_str() {
                "" | " " => (ground, ground),
                "▀" => (ink, ground),
                "▄" => (ground, ink),
                "█" => (ink, ink),
                _ => {
                    let mixed = u8::try_from((u16::from(ground) * 3 + u16::from(ink)) / 4);
                    let mixed = mixed.unwrap_or(u8::MAX);
                    (mixed, mixed)
                }
            };
            pixels[row * 2 * width + column] = top;
            pixels[(row * 2 + 1) * width + column] = bottom;
        }
    }
    let mut image =
        rqrr::PreparedImage::prepare_from_greyscale(width * SCALE, height * SCALE, |x, y| {
            pixels[(y / SCALE) * width + x / SCALE]
        });
    image
        .detect_grids()
        .into_iter()
        .filter_map(|grid| grid.decode().ok())
        .map(|(_, text)| text)
        .collect()
}

/// The codes on screen once a frame has drawn one whole (frames arrive in pieces), or once
/// none is left when `gone`.
#[cfg(unix)]
fn wait_for_codes(tui: &Tui, gone: bool) -> Vec<String> {
    let deadline = std::time::Instant::now() + TIMEOUT;
    loop {
        let found = decode_screen(tui);
        if found.is_empty() == gone || std::time::Instant::now() > deadline {
            return found;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}

#[test]
fn present_starts_at_a_value_and_the_keys_move_blank_and_return() {
    let sandbox = Sandbox::new();
    let mut tui = Tui::start(&sandbox, &["present", "compassion"]);
    tui.wait_for("2 of 6");
    let screen = tui.wait_for(&format!("Video: {}", VIDEOS[1]));
    assert!(
        !screen.contains("Values (6)"),
        "no list while presenting:\n{screen}"
    );
    // Right, Space and PgDn all go on.
    tui.send("\x1b[C");
    tui.wait_for("3 of 6");
    tui.send(" ");
    tui.wait_for("4 of 6");
    tui.send("\x1b[6~");
    tui.wait_for("5 of 6");
    tui.send("b");
    tui.wait_until("a blank screen", |screen| screen.trim().is_empty());
    // Any key brings the slide back, and does nothing else.
    tui.send("x");
    tui.wait_for("5 of 6");
    tui.send("\x1b");
    // Back in the browser, with the value last shown selected.
    tui.wait_for(&format!("▶5 {}", NAMES[4]));
    tui.wait_for("Value 5 of 6");
    tui.wait_for(FOOTER);
    tui.send("q");
    assert_eq!(tui.wait_exit().code(), Some(0));
    assert_restored(&tui);
}

/// The code is read from what the terminal shows, so only where the harness sees the program's
/// own output: ConPTY renders the screen anew, colours included, on Windows.
#[cfg(unix)]
#[test]
fn the_qr_codes_on_screen_read_as_the_links() {
    let sandbox = Sandbox::new();
    let mut tui = Tui::start(&sandbox, &["present", "2"]);
    tui.wait_for(&format!("Video: {}", VIDEOS[1]));
    // At 100x30 the code fits beside the text.
    assert_eq!(wait_for_codes(&tui, false), [VIDEOS[1]], "{}", tui.screen());

    tui.send("p");
    tui.wait_for(FOOTER);
    tui.send("j");
    tui.wait_for("Value 3 of 6");
    tui.send("c");
    tui.wait_for("Respect and dignity: video");
    assert_eq!(wait_for_codes(&tui, false), [VIDEOS[2]], "{}", tui.screen());
    tui.send("\x1b");
    tui.wait_for_gone("Respect and dignity: video");
    assert!(wait_for_codes(&tui, true).is_empty(), "the overlay closed");

    tui.send("q");
    assert_eq!(tui.wait_exit().code(), Some(0));
}

#[test]
fn without_colour_the_code_is_in_the_terminals_own_colours() {
    let sandbox = Sandbox::new();
    let mut command = sandbox.command();
    command.args(["present", "1"]).env("NO_COLOR", "1");
    let mut tui = Tui::spawn(command);
    tui.wait_for(&format!("Video: {}", VIDEOS[0]));
    let cells = tui.cells();
    let coloured = cells
        .iter()
        .flatten()
        .filter(|(_, fg, bg, _)| *fg != vt100::Color::Default || *bg != vt100::Color::Default)
        .count();
    assert_eq!(coloured, 0, "NO_COLOR asks for no colour at all");
    #[cfg(unix)]
    assert_eq!(wait_for_codes(&tui, false), [VIDEOS[0]], "{}", tui.screen());
    tui.send("q");
    assert_eq!(tui.wait_exit().code(), Some(0));
}

#[test]
fn a_click_on_the_slides_link_opens_it_and_the_last_row_says_so() {
    let sandbox = Sandbox::new();
    let mut tui = Tui::start(&sandbox, &["present", "3"]);
    tui.wait_for(&format!("Video: {}", VIDEOS[2]));
    tui.click_on("Video: ");
    assert_recorded(&sandbox, VIDEOS[2]);
    tui.wait_for(&format!("Opened {} in the browser.", VIDEOS[2]));
    tui.wait_for("3 of 6");
    tui.send("q");
    assert_eq!(tui.wait_exit().code(), Some(0));
}

/// Issue 20: a trust's own link, marked `on_title_slide = true`, is the title slide's link and
/// QR code in place of the source page. (The code is read off the screen on Unix only, as in
/// `the_qr_codes_on_screen_read_as_the_links`.)
#[test]
fn the_title_slide_shows_the_link_marked_for_it() {
    let sandbox = Sandbox::new();
    sandbox.file(
        "trust.toml",
        "title = \"Our trust's values\"
source = \"https://hee.nhs.uk/about/our-values\"

[[links]]
label = \"Our values at the trust\"
url = \"https://example.nhs.uk/values\"
on_title_slide = true

[[values]]
name = \"Compassion\"
text = \"We care.\"
",
    );
    let mut tui = Tui::start(&sandbox, &["--file", "trust.toml", "present"]);
    let screen = tui.wait_for("Our values at the trust: https://example.nhs.uk/values");
    assert!(!screen.contains("Source page"), "{screen}");
    #[cfg(unix)]
    assert_eq!(
        wait_for_codes(&tui, false),
        ["https://example.nhs.uk/values"],
        "{}",
        tui.screen()
    );
    tui.send("q");
    assert_eq!(tui.wait_exit().code(), Some(0));
}
