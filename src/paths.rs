//! Where the database lives: `--db`, portable mode beside the executable, or the user's data
//! folder (`%APPDATA%` on Windows).

use std::path::{Path, PathBuf};

/// File name of the default database.
pub const DB_FILE_NAME: &str = "ledger.sqlite";

/// The data folder: `data/` beside the executable in portable mode (a file named `portable`
/// or a folder `data` next to it), otherwise the user's data folder.
pub fn data_dir() -> PathBuf {
    if let Some(dir) = portable_dir() {
        return dir;
    }
    directories::ProjectDirs::from("cn", "binhai", "VolunteerLedger")
        .map(|p| p.data_dir().to_path_buf())
        .unwrap_or_else(|| PathBuf::from("data"))
}

fn portable_dir() -> Option<PathBuf> {
    let exe = std::env::current_exe().ok()?;
    let dir = exe.parent()?;
    portable_dir_beside(dir)
}

/// The portable data folder for an executable in `dir`, if portable mode is on there.
pub fn portable_dir_beside(dir: &Path) -> Option<PathBuf> {
    let data = dir.join("data");
    if dir.join("portable").exists() || data.is_dir() {
        Some(data)
    } else {
        None
    }
}

/// The user's documents folder (the home folder when there is none), where exported files
/// go unless the clerk chooses another.
pub fn documents_dir() -> PathBuf {
    directories::UserDirs::new()
        .and_then(|d| d.document_dir().map(PathBuf::from))
        .or_else(|| directories::UserDirs::new().map(|d| d.home_dir().to_path_buf()))
        .unwrap_or_default()
}

/// The database to open: `explicit` if given, otherwise the default in [`data_dir`].
pub fn database_path(explicit: Option<&Path>) -> PathBuf {
    match explicit {
        Some(p) => p.to_path_buf(),
        None => data_dir().join(DB_FILE_NAME),
    }
}

/// A text (an activity's title, a file's name from the ledger) as part of a file name on
/// Windows: without path separators, the characters Windows refuses, control and hidden
/// characters, nor dots at either end (never `..`); at most 40 characters. Never a path.
pub fn file_name_part(text: &str) -> String {
    let clean: String = text
        .chars()
        .filter(|c| !crate::domain::text::is_hidden(*c))
        .map(|c| match c {
            '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|' => '_',
            c if c.is_control() => '_',
            c => c,
        })
        .take(40)
        .collect();
    let clean = clean.trim().trim_matches('.').to_string();
    if clean.is_empty() {
        "活动".into()
    } else {
        clean
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn portable_mode_by_marker_file() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(portable_dir_beside(dir.path()), None);
        std::fs::write(dir.path().join("portable"), "").unwrap();
        assert_eq!(
            portable_dir_beside(dir.path()),
            Some(dir.path().join("data"))
        );
    }

    #[test]
    fn explicit_path_wins() {
        let p = Path::new("/tmp/x.sqlite");
        assert_eq!(database_path(Some(p)), p);
        assert!(database_path(None).ends_with(DB_FILE_NAME));
    }
}
