//! A slide of presentation mode laid out for a screen: its title in large letters where they
//! fit, its text at a comfortable measure, and its link's QR code beside the text, else below
//! it, else a line saying how to see it. Nothing is cut: a slide taller than the screen gives
//! up the large letters and the code, and scrolls. Drawing and the mouse read this one layout,
//! which is made again only when the slide or the screen changes.

use std::borrow::Cow;
use std::ops::Range;

use ratatui::layout::{Position, Rect};
use unicode_width::UnicodeWidthStr;

use super::Slide;
use super::title::{TitleSize, title_lines};
use crate::action::Action;
use crate::app::View;
use crate::app::blocks::{BlockKind, Shown, TextBlock, block, link_block, title_slide_link};
use crate::app::qr::QrCode;
use crate::app::wrapped::{KeptBlock, Widths, lay_out};
use crate::keys::KeyTable;
use crate::screen::Screen;
use crate::text::visible;
use crate::values::{Document, Value};
use crate::wrap;

/// Lines this long are easy to follow, even from across a room.
const MEASURE: usize = 66;
/// Columns kept clear at each side of the screen.
const MARGIN: u16 = 2;
/// Columns between the text and a QR code beside it.
const GAP: u16 = 4;
/// The narrowest the text may get to make room for a QR code beside it.
const MIN_MEASURE_BESIDE: usize = 36;

/// A line of a slide.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SlideLine {
    /// The screen column it starts at.
    pub x: u16,
    /// Its row, counted from the top of the slide.
    pub y: usize,
    /// Made safe to display.
    pub text: String,
    pub kind: BlockKind,
    /// Where it links to, for a line of a link.
    pub link: Option<String>,
}

impl SlideLine {
    /// The columns it takes on screen: a title line in large letters (of `size`) takes a
    /// letter's width for each character.
    pub fn width(&self, size: TitleSize) -> u16 {
        let columns = if self.kind == BlockKind::Heading && size != TitleSize::Plain {
            self.text.chars().count() * usize::from(size.letter().0)
        } else {
            self.text.width()
        };
        u16::try_from(columns).unwrap_or(u16::MAX)
    }
}

/// Where a slide's QR code goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Place {
    Beside,
    Below,
    /// No room: a line says which key shows the code.
    Hint,
    /// No link, or one too long for a QR code.
    Nowhere,
}

/// What a layout was made from, compared by content, so that a changed document is seen.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Subject {
    Title {
        title: String,
        intro: String,
        /// The label and the address of its link.
        link: Option<(String, String)>,
    },
    Value(Value),
    Missing,
}

impl Subject {
    fn of(document: &Document, slide: Slide) -> Subject {
        match slide {
            Slide::Title => Subject::Title {
                title: document.title.clone(),
                intro: document.intro.clone(),
                link: title_slide_link(document)
                    .map(|(label, url)| (label.to_owned(), url.to_owned())),
            },
            Slide::Value(index) => document
                .values
                .get(index)
                .map_or(Subject::Missing, |value| Subject::Value(value.clone())),
        }
    }

    /// Whether `slide` of `document` is still this, without copying anything.
    fn is(&self, document: &Document, slide: Slide) -> bool {
        match (self, slide) {
            (Subject::Title { title, intro, link }, Slide::Title) => {
                *title == document.title
                    && *intro == document.intro
                    && link
                        .as_ref()
                        .map(|(label, url)| (label.as_str(), url.as_str()))
                        == title_slide_link(document)
            }
            (Subject::Value(value), Slide::Value(index)) => {
                document.values.get(index) == Some(value)
            }
            (Subject::Missing, Slide::Value(index)) => index >= document.values.len(),
            _ => false,
        }
    }
}

/// A slide laid out for a screen.
#[derive(Debug, Clone, Default)]
pub struct SlideLayout {
    /// `None` until first made, so that it never passes for current.
    made_for: Option<(Slide, Subject, (u16, u16), TitleSize)>,
    /// How large the title is drawn; the lines of `title` are in letters of this size.
    pub title_size: TitleSize,
    pub title: Vec<SlideLine>,
    /// The text, the link and any hint, below the title.
    pub lines: Vec<SlideLine>,
    /// The link's code and where it is drawn: the screen's columns, the slide's rows. Only
    /// where it fits whole, on a slide that does not scroll.
    pub qr: Option<(QrCode, Rect)>,
    /// The link the slide shows, if any.
    pub link: Option<String>,
    /// The link's code, kept for the next layout of the same link: encoding one is the
    /// costliest part of a layout.
    code: Option<QrCode>,
    /// Rows of the whole slide.
    pub height: usize,
    /// The screen rows the slide is shown in: all but the last, which holds the hints.
    pub viewport: u16,
    /// The screen row of the slide's top: it is centred when it fits.
    pub top: u16,
}

/// A slide's parts before they are placed.
struct Content<'a> {
    title: Cow<'a, str>,
    blocks: Vec<TextBlock<'a>>,
    link: Option<&'a str>,
    /// The link's code, where it is to be drawn; `None` while only measuring.
    code: Option<QrCode>,
    /// The columns and rows the link's code takes, if it has one.
    code_cells: Option<(u16, u16)>,
    /// The line that says which key shows the QR code where there is no room for it.
    hint: Option<String>,
}

impl SlideLayout {
    /// `slide` of `document` on a screen of `width` by `height`. The title slide is the
    /// document's title, its introduction and its source page; a value's slide is its name, its
    /// text and its video. The QR code of `previous`, the layout this one replaces, is used
    /// again if the link is the same.
    pub(super) fn new(
        document: &Document,
        slide: Slide,
        keys: &KeyTable,
        (width, height): (u16, u16),
        largest: TitleSize,
        previous: &SlideLayout,
    ) -> SlideLayout {
        let content = content(document, slide, keys, Code::Made { previous });
        let viewport = height.saturating_sub(1);
        let mut text = Text::default();
        let chosen = choose(&content, &mut text, width, viewport, largest).or_else(|| {
            plan(
                &content,
                &mut text,
                width,
                TitleSize::Plain,
                without(&content),
            )
        });
        let mut layout = chosen
            .map(|plan| build(&content, &mut text, width, plan))
            .unwrap_or_default();
        layout.made_for = Some((
            slide,
            Subject::of(document, slide),
            (width, height),
            largest,
        ));
        layout.link = content.link.map(str::to_owned);
        layout.code = content.code;
        layout.viewport = viewport;
        layout.top = if layout.height <= usize::from(viewport) {
            u16::try_from((usize::from(viewport) - layout.height) / 2).unwrap_or(0)
        } else {
            0
        };
        layout
    }

    /// Whether this is `slide` of `document` on a screen of `size`, its title no larger than
    /// `largest`.
    pub(super) fn is_current(
        &self,
        document: &Document,
        slide: Slide,
        size: (u16, u16),
        largest: TitleSize,
    ) -> bool {
        self.made_for
            .as_ref()
            .is_some_and(|(made_for, subject, made_size, made_largest)| {
                *made_for == slide
                    && *made_size == size
                    && *made_largest == largest
                    && subject.is(document, slide)
            })
    }

    /// How far the slide scrolls: the rows it has beyond the screen's.
    pub fn max_scroll(&self) -> usize {
        self.height.saturating_sub(usize::from(self.viewport))
    }

    /// The screen row of the slide's row `y` when scrolled by `scroll`, if it is on screen.
    pub fn screen_row(&self, y: usize, scroll: usize) -> Option<u16> {
        let row = (usize::from(self.top) + y).checked_sub(scroll)?;
        u16::try_from(row).ok().filter(|row| *row < self.viewport)
    }

    /// The link under `column`, `row` of the screen when scrolled by `scroll`: on a line of the
    /// link's text or on its QR code.
    pub fn link_at(&self, column: u16, row: u16, scroll: usize) -> Option<&str> {
        let on_line = self.lines.iter().any(|line| {
            line.link.is_some()
                && self.screen_row(line.y, scroll) == Some(row)
                && (line.x..line.x.saturating_add(line.width(self.title_size))).contains(&column)
        });
        let on_code = self.qr.as_ref().is_some_and(|(_, area)| {
            let top = self.screen_row(usize::from(area.y), scroll);
            top.is_some_and(|top| Rect { y: top, ..*area }.contains(Position::new(column, row)))
        });
        (on_line || on_code)
            .then_some(self.link.as_deref())
            .flatten()
    }
}

/// The largest title size at which every slide of `document` that fits a screen of `size`
/// fits it, its QR code where it would be with a plain title: the one size of the deck's titles,
/// so that they do not jump between slides. A name that fits in no large letters makes it
/// plain. A slide taller than the screen even with a plain title scrolls, with a plain title
/// whatever the size, and does not make the others smaller.
pub(super) fn deck_title_size(
    document: &Document,
    keys: &KeyTable,
    (width, height): (u16, u16),
) -> TitleSize {
    let viewport = height.saturating_sub(1);
    let slides = std::iter::once(Slide::Title).chain((0..document.values.len()).map(Slide::Value));
    let mut largest = TitleSize::Large;
    for slide in slides {
        if largest == TitleSize::Plain {
            break;
        }
        let content = content(document, slide, keys, Code::Measured);
        if let Some(plan) = choose(&content, &mut Text::default(), width, viewport, largest) {
            largest = plan.size;
        }
    }
    largest
}

/// The first arrangement of `content` that fits a screen `width` wide with `viewport` rows for
/// the slide, its title no larger than `largest`: the QR code beside the text, else below it,
/// else a line naming its key; in each, the largest title that fits. `None` when the slide is
/// taller than the screen in every arrangement.
fn choose<'c>(
    content: &'c Content,
    text: &mut Text,
    width: u16,
    viewport: u16,
    largest: TitleSize,
) -> Option<Plan<'c>> {
    let shown = [Place::Beside, Place::Below]
        .into_iter()
        .filter(|_| content.code_cells.is_some())
        .flat_map(|place| largest.and_smaller().map(move |size| (size, place)));
    let without = without(content);
    shown
        .chain(largest.and_smaller().map(|size| (size, without)))
        .filter_map(|(size, place)| plan(content, text, width, size, place))
        .find(|plan| plan.height <= usize::from(viewport))
}

/// Where the QR code goes when it is not drawn: a line naming its key, if there is a code and
/// a key.
fn without(content: &Content) -> Place {
    if content.code_cells.is_some() && content.hint.is_some() {
        Place::Hint
    } else {
        Place::Nowhere
    }
}

/// The title, the blocks of text and the link of `slide`.
fn content<'a>(
    document: &'a Document,
    slide: Slide,
    keys: &'a KeyTable,
    code: Code<'_>,
) -> Content<'a> {
    let (title, blocks, link) = match slide {
        Slide::Title => {
            let mut blocks: Vec<TextBlock> = document
                .intro_paragraphs()
                .into_iter()
                .map(|paragraph| block(Cow::Owned(paragraph), BlockKind::Paragraph))
                .collect();
            let link = title_slide_link(document);
            if let Some((label, url)) = link {
                blocks.push(link_block(label, url, false));
            }
            (visible(&document.title), blocks, link.map(|(_, url)| url))
        }
        Slide::Value(index) => match document.values.get(index) {
            Some(value) => {
                let shown = Shown {
                    document,
                    view: View::Value,
                    selected: Some(index),
                    filter: "",
                    keys,
                };
                // The detail pane's blocks: the name, made safe, which is the title here, then
                // the text and the video.
                let mut blocks = shown.blocks();
                let name = blocks.remove(0).text;
                (name, blocks, value.video.as_deref())
            }
            None => (Cow::Borrowed(""), Vec::new(), None),
        },
    };
    let hint = keys
        .name(&Action::ShowQrCode, Screen::SLIDE)
        .map(|key| format!("Press {key} for the QR code."));
    let (code, code_cells) = match (code, link) {
        (_, None) => (None, None),
        (Code::Measured, Some(url)) => (None, QrCode::cells_of(url)),
        (Code::Made { previous }, Some(url)) => {
            let code = if previous.link.as_deref() == Some(url) {
                previous.code.clone()
            } else {
                QrCode::new(url)
            };
            let cells = code.as_ref().map(|code| code.cells(1));
            (code, cells)
        }
    };
    Content {
        title,
        blocks,
        link,
        code,
        code_cells,
        hint,
    }
}

/// How much of a slide's QR code `content` makes.
#[derive(Clone, Copy)]
enum Code<'p> {
    /// Only its size, for the deck's title size: making a code costs far more.
    Measured,
    /// The code itself, taken from `previous`, the layout being replaced, if its link is the
    /// same.
    Made { previous: &'p SlideLayout },
}

/// A block of a slide's text with its lines, as byte ranges into its text.
type LaidBlock = (KeptBlock, Vec<Range<usize>>);

/// The blocks of a slide's text laid out at each measure asked for, each once: arrangements
/// differ in only two measures, and a value's text may be a megabyte.
#[derive(Default)]
struct Text {
    laid: Vec<(usize, Vec<LaidBlock>)>,
}

impl Text {
    fn at(&mut self, content: &Content, measure: usize) -> &[LaidBlock] {
        let index = match self
            .laid
            .iter()
            .position(|(laid_at, _)| *laid_at == measure)
        {
            Some(index) => index,
            None => {
                let widths = Widths {
                    text: measure,
                    pane: measure,
                };
                let blocks = content
                    .blocks
                    .iter()
                    .map(|block| lay_out(block.clone(), widths))
                    .collect();
                self.laid.push((measure, blocks));
                self.laid.len() - 1
            }
        };
        &self.laid[index].1
    }

    /// Rows the text takes at `measure`, with a blank row between blocks.
    fn rows(&mut self, content: &Content, measure: usize) -> usize {
        let blocks = self.at(content, measure);
        let lines: usize = blocks.iter().map(|(_, lines)| lines.len()).sum();
        lines + blocks.len().saturating_sub(1)
    }
}

/// How a slide could be arranged on a screen, and the rows that takes.
struct Plan<'c> {
    size: TitleSize,
    place: Place,
    /// The columns the text is wrapped to.
    measure: usize,
    title: Vec<&'c str>,
    height: usize,
}

/// `content` with its title in `size` and its QR code in `place` on a screen `width` wide, or
/// `None` where the title or the code does not fit across.
fn plan<'c>(
    content: &'c Content,
    text: &mut Text,
    width: u16,
    size: TitleSize,
    place: Place,
) -> Option<Plan<'c>> {
    let inner = width.saturating_sub(2 * MARGIN);
    let (code_width, code_height) = content.code_cells.unwrap_or((0, 0));
    let measure = match place {
        Place::Beside => {
            let room = usize::from(inner.saturating_sub(GAP + code_width));
            if room < MIN_MEASURE_BESIDE {
                return None;
            }
            room.min(MEASURE)
        }
        Place::Below if code_width > inner => return None,
        _ => usize::from(inner).min(MEASURE),
    };
    let title = title_lines(&content.title, size, inner)?;
    let title_height = title.len() * usize::from(size.letter().1);
    let body_top = title_height + usize::from(title_height > 0);
    let body_end = body_top + text.rows(content, measure);
    let code_height = usize::from(code_height);
    let height = match place {
        Place::Beside => body_end.max(body_top + code_height),
        Place::Below => body_end + 1 + code_height,
        Place::Hint => body_end + 2,
        Place::Nowhere => body_end,
    };
    Some(Plan {
        size,
        place,
        measure,
        title,
        height,
    })
}

/// The layout `plan` describes, on a screen `width` wide.
fn build(content: &Content, text: &mut Text, width: u16, plan: Plan) -> SlideLayout {
    let Plan {
        size,
        place,
        measure,
        height,
        ..
    } = plan;
    let inner = width.saturating_sub(2 * MARGIN);
    let (code_width, code_height) = content.code_cells.unwrap_or((0, 0));
    let measure_columns = u16::try_from(measure).unwrap_or(inner);
    let block_width = match place {
        Place::Beside => measure_columns + GAP + code_width,
        _ => measure_columns,
    };
    let left = MARGIN + inner.saturating_sub(block_width) / 2;

    let letter_height = usize::from(size.letter().1);
    let title: Vec<SlideLine> = plan
        .title
        .into_iter()
        .enumerate()
        .map(|(index, text)| {
            let mut line = SlideLine {
                x: 0,
                y: index * letter_height,
                text: text.to_owned(),
                kind: BlockKind::Heading,
                link: None,
            };
            line.x = width.saturating_sub(line.width(size)) / 2;
            line
        })
        .collect();
    let title_height = title.len() * letter_height;

    let mut lines = Vec::new();
    let mut y = title_height + usize::from(title_height > 0);
    let body_top = y;
    for (index, (kept, ranges)) in text.at(content, measure).iter().enumerate() {
        if index > 0 {
            y += 1;
        }
        for range in ranges {
            lines.push(SlideLine {
                x: left,
                y,
                text: kept.text[range.clone()].to_owned(),
                kind: kept.kind,
                link: kept.link.clone(),
            });
            y += 1;
        }
    }
    let code_top = match place {
        Place::Beside => Some((left + measure_columns + GAP, body_top)),
        Place::Below => Some((MARGIN + (inner - code_width) / 2, y + 1)),
        Place::Hint => {
            let hint = content.hint.as_deref().unwrap_or_default();
            lines.push(SlideLine {
                x: left,
                y: y + 1,
                text: wrap::truncate(hint, usize::from(inner)).into_owned(),
                kind: BlockKind::Hint,
                link: None,
            });
            None
        }
        Place::Nowhere => None,
    };
    let qr = match (code_top, &content.code) {
        (Some((x, y)), Some(code)) => u16::try_from(y)
            .ok()
            .map(|y| (code.clone(), Rect::new(x, y, code_width, code_height))),
        _ => None,
    };
    SlideLayout {
        made_for: None,
        title_size: size,
        title,
        lines,
        qr,
        link: None,
        code: None,
        height,
        viewport: 0,
        top: 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::values;

    fn builtin() -> Document {
        values::builtin().expect("the built-in values are valid")
    }

    fn layout(slide: Slide, width: u16, height: u16) -> SlideLayout {
        SlideLayout::new(
            &builtin(),
            slide,
            &KeyTable::default(),
            (width, height),
            TitleSize::Large,
            &SlideLayout::default(),
        )
    }

    fn text(layout: &SlideLayout) -> Vec<&str> {
        layout.lines.iter().map(|line| line.text.as_str()).collect()
    }

    #[test]
    fn a_wide_screen_has_the_name_large_and_the_code_beside_the_text() {
        let slide = layout(Slide::Value(1), 120, 36);
        assert_eq!(slide.title_size, TitleSize::Large);
        assert_eq!(slide.title.len(), 1);
        assert_eq!(slide.title[0].text, "Compassion");
        assert_eq!(slide.title[0].width(TitleSize::Large), 80);
        assert_eq!(slide.title[0].x, 20, "centred");
        let (code, area) = slide.qr.clone().expect("the code is shown");
        assert_eq!(code.version(), 3);
        assert_eq!((area.width, area.height), (37, 19));
        let text_right = slide
            .lines
            .iter()
            .map(|line| line.x + line.width(slide.title_size))
            .max()
            .unwrap();
        assert!(text_right + GAP <= area.x, "beside the text, not over it");
        assert!(area.right() <= 120 - MARGIN);
        assert_eq!(
            area.y, 5,
            "level with the text, under the title and a blank row"
        );
        assert!(slide.lines.iter().all(|line| line.text.width() <= MEASURE));
        assert_eq!(
            slide.lines.last().map(|line| line.text.as_str()),
            Some("Video: https://www.youtube.com/watch?v=ri-ty0j2ojs")
        );
        assert_eq!(slide.max_scroll(), 0);
        assert_eq!(usize::from(slide.top), (35 - slide.height) / 2, "centred");
    }

    #[test]
    fn without_room_beside_the_code_goes_below_and_then_gives_way_to_a_hint() {
        let below = layout(Slide::Value(1), 80, 40);
        let (_, area) = below.qr.clone().expect("the code is shown");
        let last_text = below.lines.last().expect("the text").y;
        assert_eq!(
            usize::from(area.y),
            last_text + 2,
            "below the link and a blank row"
        );
        assert_eq!(area.x, (80 - 37) / 2);
        assert_eq!(
            below.height,
            usize::from(area.y + area.height),
            "the slide ends with the code"
        );
        assert_eq!(usize::from(below.top), (39 - below.height) / 2, "centred");

        let hinted = layout(Slide::Value(1), 80, 24);
        assert_eq!(hinted.qr, None);
        assert_eq!(
            hinted.title_size,
            TitleSize::Medium,
            "80 columns are too few for 8 a letter"
        );
        assert_eq!(text(&hinted).last(), Some(&"Press c for the QR code."));
        assert!(hinted.height <= 23, "it all fits: {}", hinted.height);
    }

    #[test]
    fn the_code_goes_beside_or_below_from_the_exact_width_it_fits() {
        // 81 columns: the margins, the 37 of the code, the gap and the narrowest text beside it.
        let (_, area) = layout(Slide::Value(1), 81, 40)
            .qr
            .expect("the code is shown");
        let measure = u16::try_from(MIN_MEASURE_BESIDE).unwrap();
        assert_eq!(
            area.x,
            MARGIN + measure + GAP,
            "beside text of the narrowest measure"
        );
        let (_, area) = layout(Slide::Value(1), 80, 40)
            .qr
            .expect("the code is shown");
        assert_eq!(area.x, (80 - 37) / 2, "below, centred");

        let (_, area) = layout(Slide::Value(1), 41, 60)
            .qr
            .expect("the code is shown");
        assert_eq!((area.x, area.width), (MARGIN, 37), "below, edge to edge");
        assert_eq!(layout(Slide::Value(1), 40, 60).qr, None, "no room across");
    }

    #[test]
    fn text_laid_out_at_one_measure_is_not_taken_for_another() {
        let document = builtin();
        let keys = KeyTable::default();
        let none = SlideLayout::default();
        let content = content(
            &document,
            Slide::Value(1),
            &keys,
            Code::Made { previous: &none },
        );
        let mut text = Text::default();
        let narrow = text.rows(&content, 30);
        let wide = text.rows(&content, 66);
        assert!(wide < narrow, "{wide} rows at 66 columns, {narrow} at 30");
        assert_eq!(text.rows(&content, 30), narrow);
        assert_eq!(text.rows(&content, 66), wide);
    }

    #[test]
    fn a_title_slide_with_no_title_starts_with_its_introduction() {
        let mut document = builtin();
        document.title.clear();
        let keys = KeyTable::default();
        let none = SlideLayout::default();
        let slide = SlideLayout::new(
            &document,
            Slide::Title,
            &keys,
            (200, 60),
            TitleSize::Large,
            &none,
        );
        assert!(slide.title.is_empty());
        assert_eq!(slide.lines.first().map(|line| line.y), Some(0));
        let last = slide.lines.last().expect("lines").y;
        let (_, code) = slide.qr.expect("the source's code");
        assert_eq!(
            slide.height,
            (last + 1).max(usize::from(code.y + code.height))
        );
    }

    #[test]
    fn a_slide_for_a_value_that_is_gone_is_empty() {
        let gone = layout(Slide::Value(6), 80, 24);
        assert_eq!((gone.height, gone.lines.len(), gone.title.len()), (0, 0, 0));
    }

    #[test]
    fn a_slide_taller_than_the_screen_has_a_plain_title_and_scrolls() {
        let slide = layout(Slide::Value(1), 40, 12);
        assert_eq!(slide.title_size, TitleSize::Plain);
        assert_eq!(slide.qr, None);
        assert_eq!(slide.top, 0);
        assert!(slide.max_scroll() > 0);
        assert_eq!(slide.max_scroll(), slide.height - 11);
        assert_eq!(slide.screen_row(0, 0), Some(0));
        assert_eq!(slide.screen_row(11, 0), None, "the hints' row");
        assert_eq!(slide.screen_row(12, 3), Some(9));
        assert_eq!(slide.screen_row(2, 3), None, "scrolled off the top");
        assert!(
            slide
                .lines
                .iter()
                .all(|line| line.x + line.width(slide.title_size) <= 38)
        );
    }

    #[test]
    fn long_names_take_lines_of_whole_words_or_plain_letters() {
        let slide = layout(Slide::Value(0), 120, 36);
        let title: Vec<&str> = slide.title.iter().map(|line| line.text.as_str()).collect();
        assert_eq!(slide.title_size, TitleSize::Large);
        assert_eq!(title, ["Working", "together for", "patients"]);
        assert_eq!(slide.title[2].y, 8);

        assert_eq!(title_lines("Compassion", TitleSize::Large, 79), None);
        assert_eq!(
            title_lines("Compassion", TitleSize::Medium, 40),
            Some(vec!["Compassion"])
        );
        assert_eq!(
            title_lines("日本", TitleSize::Medium, 100),
            None,
            "not in the font"
        );
        assert_eq!(title_lines("Cafe\u{301}", TitleSize::Medium, 100), None);
        assert_eq!(
            title_lines("Café", TitleSize::Medium, 100),
            Some(vec!["Café"])
        );
        assert_eq!(
            title_lines("a b c d", TitleSize::Medium, 4),
            None,
            "four lines are too many"
        );
        assert_eq!(
            title_lines("日本", TitleSize::Plain, 2),
            Some(vec!["日", "本"])
        );
        let wide = SlideLine {
            x: 0,
            y: 0,
            text: "日本".to_owned(),
            kind: BlockKind::Heading,
            link: None,
        };
        assert_eq!(wide.width(TitleSize::Plain), 4, "two columns each");
        assert_eq!(wide.width(TitleSize::Medium), 8, "a letter each");
    }

    #[test]
    fn the_title_slide_is_the_title_the_introduction_and_the_source_page() {
        let slide = layout(Slide::Title, 120, 36);
        assert_eq!(slide.title[0].text, "Our values");
        assert!(text(&slide)[0].starts_with("The NHS belongs to the people"));
        assert_eq!(
            slide.link.as_deref(),
            Some("https://hee.nhs.uk/about/our-values")
        );
        assert!(slide.qr.is_some());
    }

    /// Issue 20: an author marks the link the title slide shows instead of the source page.
    #[test]
    fn the_title_slide_shows_the_link_marked_for_it_with_its_label_and_code() {
        let mut document = builtin();
        document.links[0].on_title_slide = true;
        let url = document.links[0].url.clone();
        let slide = SlideLayout::new(
            &document,
            Slide::Title,
            &KeyTable::default(),
            (200, 60),
            TitleSize::Large,
            &SlideLayout::default(),
        );
        assert_eq!(slide.link.as_deref(), Some(url.as_str()));
        assert_eq!(slide.qr.clone().map(|(code, _)| code), QrCode::new(&url));
        let text = text(&slide);
        assert!(
            text.contains(&"The NHS Constitution for England:")
                && !text.iter().any(|line| line.contains("Source page")),
            "{text:?}"
        );
    }

    #[test]
    fn a_value_without_a_video_has_no_code_and_no_hint() {
        let mut document = builtin();
        document.values[1].video = None;
        let slide = SlideLayout::new(
            &document,
            Slide::Value(1),
            &KeyTable::default(),
            (40, 12),
            TitleSize::Large,
            &SlideLayout::default(),
        );
        assert_eq!(slide.link, None);
        assert_eq!(slide.qr, None);
        assert_eq!(text(&slide).last(), Some(&"No video for this value."));
    }

    #[test]
    fn the_link_is_found_on_its_line_and_on_its_code() {
        let slide = layout(Slide::Value(1), 120, 36);
        let video = Some("https://www.youtube.com/watch?v=ri-ty0j2ojs");
        let line = slide.lines.last().unwrap();
        let row = slide.screen_row(line.y, 0).unwrap();
        assert_eq!(slide.link_at(line.x, row, 0), video);
        assert_eq!(
            slide.link_at(line.x + line.width(TitleSize::Plain), row, 0),
            None
        );
        assert_eq!(slide.link_at(line.x, row - 1, 0), None);
        let (_, area) = slide.qr.clone().unwrap();
        let top = slide.screen_row(usize::from(area.y), 0).unwrap();
        assert_eq!(slide.link_at(area.x, top, 0), video);
        assert_eq!(
            slide.link_at(area.right() - 1, top + area.height - 1, 0),
            video
        );
        assert_eq!(slide.link_at(area.right(), top, 0), None);
    }

    #[test]
    fn tiny_screens_lay_out_without_overflowing() {
        let document = builtin();
        let keys = KeyTable::default();
        let mut slide = SlideLayout::default();
        for width in 0..=30 {
            for height in 0..=8 {
                slide = SlideLayout::new(
                    &document,
                    Slide::Value(0),
                    &keys,
                    (width, height),
                    TitleSize::Large,
                    &slide,
                );
                for line in slide.title.iter().chain(&slide.lines) {
                    assert!(
                        line.width(slide.title_size) == 0
                            || line.x + line.width(slide.title_size) <= width,
                        "{width}x{height}: {line:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn the_code_is_encoded_again_only_for_another_link() {
        let mut document = builtin();
        let keys = KeyTable::default();
        let first = SlideLayout::new(
            &document,
            Slide::Value(1),
            &keys,
            (120, 36),
            TitleSize::Large,
            &SlideLayout::default(),
        );
        let code = |layout: &SlideLayout| layout.qr.clone().map(|(code, _)| code);
        let resized = SlideLayout::new(
            &document,
            Slide::Value(1),
            &keys,
            (121, 36),
            TitleSize::Large,
            &first,
        );
        assert_eq!(code(&resized), code(&first));
        document.values[1].video = Some("https://example.org/another".to_owned());
        let changed = SlideLayout::new(
            &document,
            Slide::Value(1),
            &keys,
            (121, 36),
            TitleSize::Large,
            &resized,
        );
        assert_eq!(code(&changed), QrCode::new("https://example.org/another"));
        assert_ne!(code(&changed), code(&first));
    }

    #[test]
    fn a_layout_is_current_until_the_slide_the_screen_or_the_text_changes() {
        let mut document = builtin();
        let keys = KeyTable::default();
        let none = SlideLayout::default();
        let slide = SlideLayout::new(
            &document,
            Slide::Value(2),
            &keys,
            (80, 24),
            TitleSize::Large,
            &none,
        );
        assert!(slide.is_current(&document, Slide::Value(2), (80, 24), TitleSize::Large));
        assert!(!slide.is_current(&document, Slide::Value(3), (80, 24), TitleSize::Large));
        assert!(!slide.is_current(&document, Slide::Value(2), (81, 24), TitleSize::Large));
        assert!(
            !slide.is_current(&document, Slide::Value(2), (80, 24), TitleSize::Medium),
            "laid out for another deck"
        );
        document.values[2].text.push_str(" More.");
        assert!(!slide.is_current(&document, Slide::Value(2), (80, 24), TitleSize::Large));
        assert!(!SlideLayout::default().is_current(
            &document,
            Slide::Title,
            (0, 0),
            TitleSize::Large
        ));
    }

    #[test]
    fn a_title_slide_is_current_until_the_title_the_intro_or_the_source_changes() {
        let document = builtin();
        let keys = KeyTable::default();
        let title = SlideLayout::new(
            &document,
            Slide::Title,
            &keys,
            (80, 24),
            TitleSize::Large,
            &SlideLayout::default(),
        );
        assert!(title.is_current(&document, Slide::Title, (80, 24), TitleSize::Large));
        assert!(!title.is_current(&document, Slide::Value(0), (80, 24), TitleSize::Large));
        let changes: [fn(&mut Document); 4] = [
            |document| document.title.push('!'),
            |document| document.intro.push('!'),
            |document| document.source = None,
            |document| document.links[1].on_title_slide = true,
        ];
        for (which, change) in changes.iter().enumerate() {
            let mut changed = document.clone();
            change(&mut changed);
            assert!(
                !title.is_current(&changed, Slide::Title, (80, 24), TitleSize::Large),
                "change {which}"
            );
        }
    }

    #[test]
    fn a_slide_past_the_last_value_is_current_until_a_value_is_there() {
        let mut document = builtin();
        let keys = KeyTable::default();
        let past = SlideLayout::new(
            &document,
            Slide::Value(6),
            &keys,
            (80, 24),
            TitleSize::Large,
            &SlideLayout::default(),
        );
        assert!(past.is_current(&document, Slide::Value(6), (80, 24), TitleSize::Large));
        document.values.push(document.values[0].clone());
        assert!(!past.is_current(&document, Slide::Value(6), (80, 24), TitleSize::Large));
    }

    /// Every slide of `document` laid out at the deck's title size on a screen of `size`.
    fn deck(document: &Document, size: (u16, u16)) -> Vec<SlideLayout> {
        let keys = KeyTable::default();
        let largest = deck_title_size(document, &keys, size);
        std::iter::once(Slide::Title)
            .chain((0..document.values.len()).map(Slide::Value))
            .map(|slide| {
                SlideLayout::new(
                    document,
                    slide,
                    &keys,
                    size,
                    largest,
                    &SlideLayout::default(),
                )
            })
            .collect()
    }

    #[test]
    fn the_deck_takes_the_smallest_title_and_keeps_each_code_where_it_was() {
        let document = builtin();
        let on_its_own = |slide| {
            SlideLayout::new(
                &document,
                slide,
                &KeyTable::default(),
                (100, 30),
                TitleSize::Large,
                &SlideLayout::default(),
            )
        };
        assert_eq!(on_its_own(Slide::Value(0)).title_size, TitleSize::Medium);
        assert_eq!(on_its_own(Slide::Value(1)).title_size, TitleSize::Large);
        let slides = deck(&document, (100, 30));
        for (index, slide) in slides.iter().enumerate() {
            let alone = on_its_own(if index == 0 {
                Slide::Title
            } else {
                Slide::Value(index - 1)
            });
            assert_eq!(slide.title_size, TitleSize::Medium, "slide {index}");
            assert_eq!(
                slide.qr.as_ref().map(|(_, area)| area.x),
                alone.qr.as_ref().map(|(_, area)| area.x),
                "slide {index}: the code beside the text, as on its own"
            );
            assert_eq!(slide.max_scroll(), 0, "slide {index}");
        }
    }

    #[test]
    fn a_slide_taller_than_the_screen_scrolls_without_making_the_others_smaller() {
        let mut document = builtin();
        document.values[3].text = "A long paragraph. ".repeat(400);
        let slides = deck(&document, (120, 36));
        assert_eq!(slides[4].title_size, TitleSize::Plain);
        assert!(slides[4].max_scroll() > 0);
        for (index, slide) in slides.iter().enumerate().filter(|(index, _)| *index != 4) {
            assert_eq!(slide.title_size, TitleSize::Large, "slide {index}");
        }
    }

    #[test]
    fn a_name_not_in_the_big_letters_makes_every_title_plain() {
        let mut document = builtin();
        document.values[2].name = "Cymraeg: ŵ".to_owned();
        for size in [(120, 36), (200, 60)] {
            assert!(
                deck(&document, size)
                    .iter()
                    .all(|slide| slide.title_size == TitleSize::Plain),
                "{size:?}"
            );
        }
        assert_eq!(
            deck_title_size(&builtin(), &KeyTable::default(), (200, 60)),
            TitleSize::Large
        );
    }
}
