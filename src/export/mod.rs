//! Documents out and rosters in. The bundled fonts live here because the PDFs embed the same
//! faces the window draws with.

pub mod certificate;
pub mod contact_docx;
pub mod contact_form;
pub mod contact_pdf;
pub mod contact_xlsx;
pub mod fonts;
pub mod import;
pub mod pdf;
pub mod report_xlsx;
pub mod roster;
pub mod summary;
pub mod summary_docx;
pub mod table;
