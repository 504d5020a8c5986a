//! The bundled CJK fonts: Noto Sans CJK SC Regular and Bold (SIL OFL 1.1, `assets/fonts/OFL.txt`),
//! subset to every character of GBK by `tools/make_fonts.py`.

/// Noto Sans CJK SC Regular (GBK subset, OpenType/CFF).
pub const REGULAR: &[u8] = include_bytes!("../../assets/fonts/NotoSansSC-Regular.otf");

/// Noto Sans CJK SC Bold (GBK subset, OpenType/CFF).
pub const BOLD: &[u8] = include_bytes!("../../assets/fonts/NotoSansSC-Bold.otf");

/// The licence text shipped with the fonts.
pub const LICENSE: &str = include_str!("../../assets/fonts/OFL.txt");
