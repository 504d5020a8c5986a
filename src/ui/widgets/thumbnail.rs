//! Thumbnails of attached files: images are decoded and shrunk on a worker thread (a phone
//! photo takes a while) and kept as small textures; other files show their type in a box.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::ui::runner::{self, Poll, Task};
use crate::ui::theme::palette;

/// The longest side of a thumbnail, in points.
pub const SIZE: f32 = 96.0;

enum Thumb {
    Loading(Task<Result<egui::ColorImage, String>>),
    Ready(egui::TextureHandle),
    Failed(String),
}

/// The thumbnails of one form, by file.
#[derive(Default)]
pub struct Thumbnails {
    cache: HashMap<PathBuf, Thumb>,
    /// Whether each file is in the data folder, looked up once (not on every frame).
    present: HashMap<PathBuf, bool>,
}

/// Whether a file's type is one we draw a picture of.
pub fn is_image(mime: &str) -> bool {
    matches!(mime, "image/jpeg" | "image/png" | "image/bmp")
}

/// Reads an image file and shrinks it to a thumbnail.
pub fn decode(path: &Path) -> Result<egui::ColorImage, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("无法读取：{e}"))?;
    let image = image::load_from_memory(&bytes).map_err(|e| format!("无法识别的图片：{e}"))?;
    // Twice the shown size, for high-DPI screens.
    let side = (SIZE * 2.0) as u32;
    let small = image.thumbnail(side, side).to_rgba8();
    let size = [small.width() as usize, small.height() as usize];
    Ok(egui::ColorImage::from_rgba_unmultiplied(
        size,
        small.as_raw(),
    ))
}

impl Thumbnails {
    /// Whether a picture is still being decoded on a worker thread.
    pub fn loading(&self) -> bool {
        self.cache.values().any(|t| matches!(t, Thumb::Loading(_)))
    }

    /// Draws the thumbnail of the file at `path`: the picture of an image, else a box with the
    /// file's extension. A file that is missing says so.
    pub fn show(&mut self, ui: &mut egui::Ui, path: &Path, mime: &str) -> egui::Response {
        let present = *self
            .present
            .entry(path.to_path_buf())
            .or_insert_with(|| path.is_file());
        if !present {
            return badge(ui, "文件缺失", true)
                .on_hover_text(format!("附件文件不在数据文件夹中：{}", path.display()));
        }
        if !is_image(mime) {
            let ext = path
                .extension()
                .map(|e| e.to_string_lossy().to_uppercase())
                .unwrap_or_else(|| "文件".into());
            return badge(ui, &ext, false);
        }
        let thumb = self.cache.entry(path.to_path_buf()).or_insert_with(|| {
            let p = path.to_path_buf();
            match runner::start("thumbnail", ui.ctx(), move |_| decode(&p)) {
                Ok(task) => Thumb::Loading(task),
                Err(e) => Thumb::Failed(e),
            }
        });
        if let Thumb::Loading(task) = thumb {
            match task.poll() {
                Poll::Running => {}
                Poll::Done(Ok(image)) => {
                    *thumb = Thumb::Ready(ui.ctx().load_texture(
                        path.to_string_lossy(),
                        image,
                        egui::TextureOptions::LINEAR,
                    ))
                }
                Poll::Done(Err(e)) => *thumb = Thumb::Failed(e),
                Poll::Lost => *thumb = Thumb::Failed("无法读取图片".into()),
            }
        }
        match thumb {
            Thumb::Ready(texture) => ui.add(
                egui::Image::new(&*texture)
                    .max_size(egui::vec2(SIZE, SIZE))
                    .sense(egui::Sense::click()),
            ),
            Thumb::Loading(_) => badge(ui, "读取中", false),
            Thumb::Failed(e) => {
                let e = e.clone();
                badge(ui, "无法显示", true).on_hover_text(e)
            }
        }
    }
}

/// A square with a short text in it, the size of a thumbnail.
fn badge(ui: &mut egui::Ui, text: &str, bad: bool) -> egui::Response {
    let (rect, response) =
        ui.allocate_exact_size(egui::vec2(SIZE, SIZE * 0.75), egui::Sense::click());
    let visuals = ui.visuals();
    ui.painter()
        .rect_filled(rect, 4.0, visuals.extreme_bg_color);
    ui.painter().rect_stroke(
        rect,
        4.0,
        visuals.widgets.noninteractive.bg_stroke,
        egui::StrokeKind::Inside,
    );
    let color = if bad {
        palette::ERROR
    } else {
        visuals.text_color()
    };
    ui.painter().text(
        rect.center(),
        egui::Align2::CENTER_CENTER,
        text,
        egui::FontId::proportional(16.0),
        color,
    );
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, text));
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_image_shrinks_to_the_thumbnail_size_and_keeps_its_shape() {
        let dir = std::env::temp_dir().join(format!("thumb-{}", std::process::id()));
        std::fs::create_dir_all(&dir).ok();
        let path = dir.join("签到表.png");
        image::RgbaImage::from_pixel(800, 400, image::Rgba([200, 30, 30, 255]))
            .save(&path)
            .ok();
        let thumb = decode(&path).ok();
        assert_eq!(thumb.map(|t| t.size), Some([192, 96]));
        std::fs::write(dir.join("坏.png"), b"not a picture").ok();
        assert!(decode(&dir.join("坏.png")).is_err());
        assert!(decode(&dir.join("没有.png")).is_err());
        std::fs::remove_dir_all(&dir).ok();
    }
}
