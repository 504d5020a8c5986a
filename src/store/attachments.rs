//! Attachments (留存资料): files copied into the `attachments` folder beside the database,
//! named by the SHA-256 of their content (the same file twice is stored once), and referenced
//! from records. Removing an attachment moves the reference to the recycle bin; the file stays.

use std::io::Read;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use super::meta::RecordMeta;
use super::paperwork::Attachment;
use super::record::Record;
use super::{Result, Store, StoreError};

/// The folder beside the database that holds attachment files.
pub fn attachments_dir(db: &Path) -> PathBuf {
    db.parent()
        .map(Path::to_path_buf)
        .unwrap_or_default()
        .join("attachments")
}

/// Whether `s` is a hex SHA-256 as this program writes it (64 lower-case hex digits).
pub(crate) fn is_hash(s: &str) -> bool {
    s.len() == 64 && s.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

/// The hex SHA-256 of bytes.
pub(crate) fn hash_bytes(data: &[u8]) -> String {
    Sha256::digest(data)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The name an attachment's file is kept under: its content hash (computed by this program)
/// and the lower-case extension of the name it came with, letters and digits only. The
/// original name is only a label: no part of it but those letters reaches a path, and a hash
/// that is not one gives a name no file has.
pub(crate) fn stored_name(hash: &str, file_name: &str) -> String {
    if !is_hash(hash) {
        return "无效的校验值".into();
    }
    let ext = Path::new(file_name)
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .filter(|e| e.len() <= 10 && e.bytes().all(|b| b.is_ascii_alphanumeric()))
        .map(|e| format!(".{e}"))
        .unwrap_or_default();
    format!("{hash}{ext}")
}

/// A file name as a label: the last part of a path, without control, zero-width or direction
/// characters, at most 120 characters.
pub(crate) fn label_of(file_name: &str) -> String {
    let last = file_name.rsplit(['/', '\\']).next().unwrap_or_default();
    let clean: String = last
        .chars()
        .filter(|c| !crate::domain::text::is_hidden(*c))
        .filter(|c| !matches!(c, ':' | '*' | '?' | '"' | '<' | '>' | '|'))
        .take(120)
        .collect();
    let clean = clean.trim().trim_start_matches('.').to_string();
    if clean.is_empty() {
        "附件".into()
    } else {
        clean
    }
}

/// The MIME type guessed from a file name's extension.
fn mime_of(name: &str) -> &'static str {
    let ext = name.rsplit('.').next().unwrap_or("").to_lowercase();
    match ext.as_str() {
        "jpg" | "jpeg" => "image/jpeg",
        "png" => "image/png",
        "gif" => "image/gif",
        "bmp" => "image/bmp",
        "webp" => "image/webp",
        "pdf" => "application/pdf",
        "doc" => "application/msword",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "xls" => "application/vnd.ms-excel",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "wps" | "et" => "application/vnd.ms-works",
        _ => "application/octet-stream",
    }
}

/// The hex SHA-256 of a file, read in blocks.
fn hash_file(path: &Path) -> std::io::Result<(String, u64)> {
    let mut file = std::fs::File::open(path)?;
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 64 * 1024];
    let mut size = 0u64;
    loop {
        let n = file.read(&mut buf)?;
        if n == 0 {
            break;
        }
        size += n as u64;
        hasher.update(&buf[..n]);
    }
    let hex = hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect::<String>();
    Ok((hex, size))
}

/// Keeps `bytes` as the file of an attachment named `file_name` in the attachment folder of the
/// database at `db` (once per content); returns its SHA-256 and size. For files made by the
/// program itself (the example data's photos and signed sheets).
pub(crate) fn keep_bytes(db: &Path, file_name: &str, bytes: &[u8]) -> Result<(String, i64)> {
    let hash = Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect::<String>();
    let dir = attachments_dir(db);
    let dest = dir.join(stored_name(&hash, file_name));
    if !dest.is_file() {
        std::fs::create_dir_all(&dir)?;
        let part = dest.with_extension("part");
        std::fs::write(&part, bytes)?;
        std::fs::rename(&part, &dest)?;
    }
    Ok((hash, bytes.len() as i64))
}

impl Store {
    /// Where an attachment's file is kept.
    pub fn attachment_path(&self, a: &Attachment) -> PathBuf {
        attachments_dir(self.path()).join(stored_name(&a.content_hash, &a.file_name))
    }

    /// Copies `source` into the attachment folder (once per content) and records it for the
    /// owner. A missing or unreadable file is an error that names it; nothing is recorded then.
    pub fn attach_file(
        &mut self,
        owner_kind: &str,
        owner_id: &str,
        source: &Path,
    ) -> Result<Attachment> {
        let unreadable = |e: std::io::Error| {
            StoreError::Refused(format!("无法读取文件“{}”：{e}", source.display()))
        };
        if !source.is_file() {
            return Err(StoreError::Refused(format!(
                "找不到文件“{}”",
                source.display()
            )));
        }
        let (hash, size) = hash_file(source).map_err(unreadable)?;
        let file_name = label_of(
            &source
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
        );
        let a = Attachment {
            meta: RecordMeta::new(self.origin()),
            owner_kind: owner_kind.to_string(),
            owner_id: owner_id.to_string(),
            mime: mime_of(&file_name).to_string(),
            file_name,
            content_hash: hash,
            size_bytes: size as i64,
        };
        let dest = self.attachment_path(&a);
        if !dest.is_file() {
            let dir = attachments_dir(self.path());
            std::fs::create_dir_all(&dir)?;
            // Copied beside the target and renamed, so a half-copied file never has the name.
            let part = dest.with_extension("part");
            std::fs::copy(source, &part).map_err(unreadable)?;
            std::fs::rename(&part, &dest)?;
        }
        self.write(|c| a.insert(c))?;
        Ok(a)
    }

    /// The live attachments of a record, oldest first.
    pub fn attachments_of(&self, owner_kind: &str, owner_id: &str) -> Result<Vec<Attachment>> {
        self.attachments_where(owner_kind, owner_id, false)
    }

    /// The attachments of a record in the recycle bin, most recently removed first.
    pub fn removed_attachments_of(
        &self,
        owner_kind: &str,
        owner_id: &str,
    ) -> Result<Vec<Attachment>> {
        self.attachments_where(owner_kind, owner_id, true)
    }

    fn attachments_where(
        &self,
        owner_kind: &str,
        owner_id: &str,
        removed: bool,
    ) -> Result<Vec<Attachment>> {
        let sql = if removed {
            "SELECT * FROM attachments WHERE owner_kind = ?1 AND owner_id = ?2
             AND deleted_at IS NOT NULL ORDER BY deleted_at DESC, id"
        } else {
            "SELECT * FROM attachments WHERE owner_kind = ?1 AND owner_id = ?2
             AND deleted_at IS NULL ORDER BY created_at, id"
        };
        let mut stmt = self.conn().prepare_cached(sql)?;
        let rows = stmt.query_map([owner_kind, owner_id], Attachment::from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mime_by_extension() {
        assert_eq!(mime_of("签到表.JPG"), "image/jpeg");
        assert_eq!(mime_of("总结.docx").len(), 71);
        assert_eq!(mime_of("无扩展名"), "application/octet-stream");
    }
}
