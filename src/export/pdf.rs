//! PDF pages from a list of drawing operations, with the bundled fonts embedded (subset by
//! krilla), and the text measuring and line breaking krilla leaves to us. Everything is drawn
//! in pure black: the documents go out by fax.

use std::borrow::Cow;

use krilla::Document;
use krilla::geom::{PathBuilder, Point};
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke};
use krilla::text::{Font, TextDirection};

use super::fonts;
use crate::store::{Result, StoreError};

/// A4 in points.
pub const A4: (f32, f32) = (595.28, 841.89);
/// Points per millimetre.
pub const MM: f32 = 72.0 / 25.4;

/// What is drawn on a page.
#[derive(Debug, Clone, PartialEq)]
pub enum Op {
    /// Text with its top-left corner at (x, y).
    Text {
        /// Left.
        x: f32,
        /// Top of the line box.
        y: f32,
        /// Size in points.
        size: f32,
        /// Bold face.
        bold: bool,
        /// The text (one line).
        text: String,
    },
    /// A picture (JPEG or PNG) with its top-left corner at (x, y), scaled to w × h.
    Image {
        /// Left.
        x: f32,
        /// Top.
        y: f32,
        /// Width.
        w: f32,
        /// Height.
        h: f32,
        /// The file's bytes.
        bytes: std::sync::Arc<Vec<u8>>,
        /// JPEG (else PNG).
        jpeg: bool,
    },
    /// A straight line.
    Line {
        /// Start.
        from: (f32, f32),
        /// End.
        to: (f32, f32),
        /// Width in points.
        width: f32,
    },
}

/// The two faces a document is set in: the bundled Noto Sans CJK, or fonts of the system.
pub struct Faces {
    /// Body text.
    pub regular: Cow<'static, [u8]>,
    /// Titles and headings.
    pub bold: Cow<'static, [u8]>,
}

impl Faces {
    /// The bundled OFL faces.
    pub fn bundled() -> Self {
        Faces {
            regular: Cow::Borrowed(fonts::REGULAR),
            bold: Cow::Borrowed(fonts::BOLD),
        }
    }

    /// The 公文 faces of Windows where installed (仿宋 for the text, 黑体 for titles and
    /// headings), each falling back to the bundled face.
    pub fn gongwen() -> Self {
        let dir = std::env::var_os("WINDIR")
            .map(std::path::PathBuf::from)
            .unwrap_or_else(|| std::path::PathBuf::from("C:\\Windows"))
            .join("Fonts");
        let read = |names: &[&str]| {
            names
                .iter()
                .find_map(|n| std::fs::read(dir.join(n)).ok())
                .filter(|data| ttf_parser::Face::parse(data, 0).is_ok())
        };
        let bundled = Faces::bundled();
        Faces {
            regular: read(&["simfang.ttf", "SIMFANG.TTF"]).map_or(bundled.regular, Cow::Owned),
            bold: read(&["simhei.ttf", "SIMHEI.TTF"]).map_or(bundled.bold, Cow::Owned),
        }
    }
}

/// The faces text is measured with.
pub struct Metrics<'a> {
    regular: ttf_parser::Face<'a>,
    bold: ttf_parser::Face<'a>,
}

impl Metrics<'static> {
    /// Reads the bundled faces.
    pub fn new() -> Result<Self> {
        let face = |data: &'static [u8]| {
            ttf_parser::Face::parse(data, 0)
                .map_err(|e| StoreError::Refused(format!("内置字体无法读取：{e}")))
        };
        Ok(Metrics {
            regular: face(fonts::REGULAR)?,
            bold: face(fonts::BOLD)?,
        })
    }
}

impl<'a> Metrics<'a> {
    /// Reads these faces.
    pub fn of(faces: &'a Faces) -> Result<Self> {
        let face = |data: &'a [u8]| {
            ttf_parser::Face::parse(data, 0)
                .map_err(|e| StoreError::Refused(format!("字体无法读取：{e}")))
        };
        Ok(Metrics {
            regular: face(&faces.regular)?,
            bold: face(&faces.bold)?,
        })
    }

    /// The width of `text` in points (a character the bold face lacks is measured, and drawn,
    /// in the regular face).
    pub fn width(&self, text: &str, size: f32, bold: bool) -> f32 {
        text.chars()
            .map(|c| {
                let face = if bold && self.bold.glyph_index(c).is_some() {
                    &self.bold
                } else {
                    &self.regular
                };
                face.glyph_index(c)
                    .and_then(|g| face.glyph_hor_advance(g))
                    .map_or(size, |a| a as f32 * size / face.units_per_em() as f32)
            })
            .sum()
    }

    /// `text` cut into runs drawn in one face: `(true, run)` in the bold face, `(false, run)`
    /// in the regular one. Regular text is one run; bold text falls back to the regular face
    /// for each character the bold face lacks (the bundled bold face is a subset), so a name
    /// in a title is never a box.
    pub fn face_runs<'t>(&self, text: &'t str, bold: bool) -> Vec<(bool, &'t str)> {
        if !bold {
            return vec![(false, text)];
        }
        let mut runs: Vec<(bool, &'t str)> = Vec::new();
        let mut start = 0;
        let mut current: Option<bool> = None;
        for (i, c) in text.char_indices() {
            let in_bold = self.bold.glyph_index(c).is_some() || c.is_whitespace();
            match current {
                Some(b) if b != in_bold => {
                    runs.push((b, &text[start..i]));
                    start = i;
                    current = Some(in_bold);
                }
                None => current = Some(in_bold),
                _ => {}
            }
        }
        if let Some(b) = current {
            runs.push((b, &text[start..]));
        }
        runs
    }

    /// `text` broken into lines no wider than `width`: between any two Chinese characters, but
    /// a run of Latin letters, digits and signs (a phone number, an e-mail address) moves whole
    /// to the next line when it fits there; at explicit line breaks too. No line starts with a
    /// closing mark nor ends with an opening one (the character before goes down with it:
    /// `domain::prose::carry_before`). Never empty.
    pub fn wrap(&self, text: &str, size: f32, bold: bool, width: f32) -> Vec<String> {
        let mut lines = Vec::new();
        for paragraph in text.split('\n') {
            let mut line = String::new();
            let mut used = 0.0;
            for word in words(paragraph) {
                let w = self.width(word, size, bold);
                if used + w <= width || line.is_empty() && w <= width {
                    line.push_str(word);
                    used += w;
                    continue;
                }
                if w <= width {
                    let carry = crate::domain::prose::carry_before(&line, word);
                    let cut = match carry {
                        0 => line.len(),
                        n => line.char_indices().rev().nth(n - 1).map_or(0, |(i, _)| i),
                    };
                    let moved = line.split_off(cut);
                    lines.push(std::mem::take(&mut line));
                    line.push_str(&moved);
                    line.push_str(word);
                    used = self.width(&line, size, bold);
                    continue;
                }
                // Longer than a line: broken by character.
                for c in word.chars() {
                    let cw = self.width(c.encode_utf8(&mut [0; 4]), size, bold);
                    if used + cw > width && !line.is_empty() {
                        lines.push(std::mem::take(&mut line));
                        used = 0.0;
                    }
                    line.push(c);
                    used += cw;
                }
            }
            lines.push(line);
        }
        lines
    }

    /// The width of the widest piece `text` cannot be broken inside.
    pub fn longest_word(&self, text: &str, size: f32, bold: bool) -> f32 {
        words(text)
            .map(|w| self.width(w, size, bold))
            .fold(0.0, f32::max)
    }
}

/// The pieces of `text` a line may break between: runs of ASCII letters, digits and signs, and
/// every other character alone.
fn words(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || {
        let first = rest.chars().next()?;
        let len = if first.is_ascii_graphic() {
            rest.find(|c: char| !c.is_ascii_graphic())
                .unwrap_or(rest.len())
        } else {
            first.len_utf8()
        };
        let (word, tail) = rest.split_at(len);
        rest = tail;
        Some(word)
    })
}

/// Width of table rules.
pub const RULE: f32 = 0.75;

/// Draws a table cell: its four borders and its text wrapped to the width, left or centred,
/// at the top or in the middle.
#[allow(clippy::too_many_arguments)]
pub fn cell(
    ops: &mut Vec<Op>,
    m: &Metrics,
    (x, y, w, h): (f32, f32, f32, f32),
    text: &str,
    (size, bold): (f32, bool),
    pad: f32,
    centre: bool,
    middle: bool,
) {
    for (from, to) in [
        ((x, y), (x + w, y)),
        ((x, y + h), (x + w, y + h)),
        ((x, y), (x, y + h)),
        ((x + w, y), (x + w, y + h)),
    ] {
        ops.push(Op::Line {
            from,
            to,
            width: RULE,
        });
    }
    let lines = m.wrap(text, size, bold, w - 2.0 * pad);
    let lh = line_height(size);
    let block = lh * lines.len() as f32;
    let mut ty = if middle {
        y + (h - block) / 2.0
    } else {
        y + pad
    };
    for line in lines {
        let tx = if centre {
            x + (w - m.width(&line, size, bold)) / 2.0
        } else {
            x + pad
        };
        ops.push(Op::Text {
            x: tx,
            y: ty,
            size,
            bold,
            text: line,
        });
        ty += lh;
    }
}

/// Height of a line of text of `size` points.
pub fn line_height(size: f32) -> f32 {
    size * 1.35
}

/// Renders pages of `size` (width, height in points) into PDF bytes in the bundled faces.
pub fn render(pages: &[Vec<Op>], size: (f32, f32)) -> Result<Vec<u8>> {
    render_with(pages, size, &Faces::bundled())
}

/// Renders pages in the given faces (embedded and subset).
pub fn render_with(pages: &[Vec<Op>], size: (f32, f32), faces: &Faces) -> Result<Vec<u8>> {
    let fail = |what: &str| StoreError::Refused(format!("生成 PDF 失败：{what}"));
    let data = |bytes: &Cow<'static, [u8]>| -> krilla::Data {
        match bytes {
            Cow::Borrowed(b) => (*b).into(),
            Cow::Owned(v) => v.clone().into(),
        }
    };
    let regular = Font::new(data(&faces.regular), 0).ok_or_else(|| fail("字体"))?;
    let bold = Font::new(data(&faces.bold), 0).ok_or_else(|| fail("字体"))?;
    let metrics = Metrics::of(faces)?;
    let mut document = Document::new();
    for ops in pages {
        let settings = PageSettings::from_wh(size.0, size.1).ok_or_else(|| fail("页面尺寸"))?;
        let mut page = document.start_page_with(settings);
        let mut surface = page.surface();
        for op in ops {
            match op {
                Op::Text {
                    x,
                    y,
                    size,
                    bold: b,
                    text,
                } => {
                    surface.set_stroke(None);
                    surface.set_fill(Some(Fill::default()));
                    // The baseline sits 0.88 em below the top of the line box for Noto CJK.
                    let baseline = y + (line_height(*size) - size) / 2.0 + size * 0.88;
                    let mut left = *x;
                    for (in_bold, run) in metrics.face_runs(text, *b) {
                        let font = if in_bold {
                            bold.clone()
                        } else {
                            regular.clone()
                        };
                        surface.draw_text(
                            Point::from_xy(left, baseline),
                            font,
                            *size,
                            run,
                            false,
                            TextDirection::Auto,
                        );
                        left += metrics.width(run, *size, in_bold);
                    }
                }
                Op::Image {
                    x,
                    y,
                    w,
                    h,
                    bytes,
                    jpeg,
                } => {
                    // A picture that does not decode was left out when the page was laid out;
                    // should it fail here after all, the page goes on without it.
                    if let (Ok(image), Some(size)) =
                        (picture(bytes, *jpeg), krilla::geom::Size::from_wh(*w, *h))
                    {
                        surface.push_transform(&krilla::geom::Transform::from_translate(*x, *y));
                        surface.draw_image(image, size);
                        surface.pop();
                    }
                }
                Op::Line { from, to, width } => {
                    let mut pb = PathBuilder::new();
                    pb.move_to(from.0, from.1);
                    pb.line_to(to.0, to.1);
                    if let Some(path) = pb.finish() {
                        surface.set_fill(None);
                        surface.set_stroke(Some(Stroke {
                            width: *width,
                            ..Default::default()
                        }));
                        surface.draw_path(&path);
                    }
                }
            }
        }
        surface.finish();
        page.finish();
    }
    document.finish().map_err(|e| fail(&format!("{e:?}")))
}

/// A picture for a page: JPEG or PNG bytes, decoded far enough to know its size.
pub fn picture(
    bytes: &std::sync::Arc<Vec<u8>>,
    jpeg: bool,
) -> std::result::Result<krilla::image::Image, String> {
    let data: krilla::Data = bytes.clone().into();
    if jpeg {
        krilla::image::Image::from_jpeg(data, true)
    } else {
        krilla::image::Image::from_png(data, true)
    }
}

/// Adds a line of text with its top-left corner at (x, y).
pub fn text(ops: &mut Vec<Op>, (x, y): (f32, f32), size: f32, bold: bool, t: &str) {
    ops.push(Op::Text {
        x,
        y,
        size,
        bold,
        text: t.to_string(),
    });
}

/// Puts `第 N 页 共 M 页` at the foot of every page, centred over the text column `left` ‥
/// `left + width`, its line's top at `y`.
pub fn number_pages(
    pages: &mut [Vec<Op>],
    m: &Metrics,
    (left, width, y): (f32, f32, f32),
    size: f32,
) {
    let total = pages.len();
    for (i, page) in pages.iter_mut().enumerate() {
        let t = format!("第 {} 页 共 {total} 页", i + 1);
        let x = left + (width - m.width(&t, size, false)) / 2.0;
        text(page, (x, y), size, false, &t);
    }
}
