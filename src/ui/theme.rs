//! Fonts and the light theme, installed once when the app starts.

use std::sync::Arc;

use egui::{FontData, FontDefinitions, FontFamily, FontId, TextStyle};

use crate::export::fonts;

/// Name of the bold family (`FontFamily::Name`).
pub const BOLD: &str = "bold";

/// Installs the bundled CJK fonts, text sizes readable at 100–150 % scaling, and the light theme.
pub fn install(ctx: &egui::Context) {
    ctx.set_fonts(font_definitions());
    ctx.set_theme(egui::Theme::Light);
    ctx.all_styles_mut(|style| {
        style.text_styles = [
            (
                TextStyle::Small,
                FontId::new(12.0, FontFamily::Proportional),
            ),
            (TextStyle::Body, FontId::new(15.0, FontFamily::Proportional)),
            (
                TextStyle::Button,
                FontId::new(15.0, FontFamily::Proportional),
            ),
            (
                TextStyle::Heading,
                FontId::new(21.0, FontFamily::Name(BOLD.into())),
            ),
            (
                TextStyle::Monospace,
                FontId::new(14.0, FontFamily::Monospace),
            ),
        ]
        .into();
        style.spacing.item_spacing = egui::vec2(8.0, 6.0);
        style.spacing.button_padding = egui::vec2(8.0, 4.0);
    });
}

/// The font families: the CJK face first (it covers Latin too), egui's defaults after it.
pub fn font_definitions() -> FontDefinitions {
    let mut defs = FontDefinitions::default();
    defs.font_data.insert(
        "noto_sc".into(),
        Arc::new(FontData::from_static(fonts::REGULAR)),
    );
    defs.font_data.insert(
        "noto_sc_bold".into(),
        Arc::new(FontData::from_static(fonts::BOLD)),
    );
    if let Some(list) = defs.families.get_mut(&FontFamily::Proportional) {
        list.insert(0, "noto_sc".into());
        // Hack draws the few GBK signs Noto Sans CJK lacks (≒).
        list.push("Hack".into());
    }
    if let Some(list) = defs.families.get_mut(&FontFamily::Monospace) {
        list.push("noto_sc".into());
    }
    let mut bold = vec!["noto_sc_bold".to_string()];
    bold.extend(
        defs.families
            .get(&FontFamily::Proportional)
            .cloned()
            .unwrap_or_default(),
    );
    defs.families.insert(FontFamily::Name(BOLD.into()), bold);
    defs
}

/// Colours of the app (one palette; panes take colours only from here).
pub mod palette {
    use egui::Color32;

    /// Text of errors and warnings that need action.
    pub const ERROR: Color32 = Color32::from_rgb(0xB0, 0x1E, 0x1E);
    /// Text of notes that went well.
    pub const OK: Color32 = Color32::from_rgb(0x1E, 0x7A, 0x34);
    /// Key dates and deadlines.
    pub const KEY_DATE: Color32 = Color32::from_rgb(0xC0, 0x39, 0x2B);
    /// Muted secondary text.
    pub const MUTED: Color32 = Color32::from_rgb(0x60, 0x60, 0x60);
    /// The colours of activity categories on the calendar, by the category's place in the
    /// list of all categories.
    pub const CATEGORY: [Color32; 10] = [
        Color32::from_rgb(0x2E, 0x86, 0xC1),
        Color32::from_rgb(0x27, 0xAE, 0x60),
        Color32::from_rgb(0x8E, 0x44, 0xAD),
        Color32::from_rgb(0xD3, 0x54, 0x00),
        Color32::from_rgb(0x16, 0xA0, 0x85),
        Color32::from_rgb(0xC0, 0x39, 0x2B),
        Color32::from_rgb(0x2C, 0x3E, 0x50),
        Color32::from_rgb(0xB7, 0x95, 0x0B),
        Color32::from_rgb(0x7F, 0x8C, 0x8D),
        Color32::from_rgb(0xA9, 0x32, 0x26),
    ];

    /// Warnings that allow going on.
    pub const WARNING: Color32 = Color32::from_rgb(0xA0, 0x5A, 0x00);
}
