//! Documents out and rosters in. The bundled fonts live here because the PDFs embed the same
//! faces the window draws with.

pub mod fonts;
pub mod import;
pub mod roster;
pub mod table;
