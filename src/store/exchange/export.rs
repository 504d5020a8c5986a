//! Writing a package: the records new or changed since the last export (or all), the records
//! they refer to, the removals and the attachment files.

use super::*;

/// Where a package's file goes while it is written.
fn part_path(out: &Path) -> PathBuf {
    let mut name = out.file_name().unwrap_or_default().to_os_string();
    name.push(".part");
    out.with_file_name(name)
}

impl Store {
    /// Writes a package to `out`: every record (`whole`) or those created or changed since the
    /// last export, with the records they refer to, the removals and the attachment files. The
    /// file appears only when complete; the last-export mark moves only then.
    pub fn export_exchange(
        &mut self,
        out: &Path,
        whole: bool,
        progress: &mut dyn FnMut(f32) -> bool,
    ) -> Result<ExportSummary> {
        let since = if whole {
            None
        } else {
            self.last_exchange_export()?
        };
        crate::store::guard::check_output(out)?;
        let started = now_utc();
        let part = part_path(out);
        if let Some(dir) = out.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)?;
        }
        if part.exists() {
            std::fs::remove_file(&part)?;
        }
        let info = PackageInfo {
            package_id: uuid::Uuid::now_v7().to_string(),
            station_id: self.origin().to_string(),
            station_name: self.station_name(),
            created_at: started.clone(),
            since: since.clone(),
            records: 0,
        };
        self.conn().execute(
            "ATTACH DATABASE ?1 AS pkg",
            [part.to_string_lossy().as_ref()],
        )?;
        let written = self.fill_package(&info, progress);
        let detached = self
            .conn()
            .execute_batch("DETACH DATABASE pkg")
            .map_err(StoreError::from);
        let (counts, removals, files, records) = match written.and_then(|w| detached.map(|()| w)) {
            Ok(w) => w,
            Err(e) => {
                let _ = std::fs::remove_file(&part);
                return Err(e);
            }
        };
        std::fs::File::open(&part)?.sync_all()?;
        std::fs::rename(&part, out).map_err(|e| {
            let _ = std::fs::remove_file(&part);
            StoreError::Io(e)
        })?;
        let origin = self.origin().to_string();
        let file = out.display().to_string();
        // Every record that carries a phone or an identity number counts, a contact person's
        // as much as a volunteer's.
        let mut personal = Vec::new();
        for t in SYNCED {
            if columns(self.conn(), "main", t)?
                .iter()
                .any(|c| PERSONAL_COLUMNS.contains(&c.as_str()))
            {
                personal.push(kind_name(t));
            }
        }
        let people: u64 = counts
            .iter()
            .filter(|(k, _)| personal.contains(k))
            .map(|(_, n)| *n)
            .sum();
        let package_id = info.package_id.clone();
        let station = info.station_name.clone();
        self.write(|c| {
            settings::set(c, keys::LAST_EXCHANGE_EXPORT, &started, &origin)?;
            c.execute(
                "INSERT INTO exchange_log (at, direction, package_id, station, file, whole, added)
                 VALUES (?1, '导出', ?2, ?3, ?4, ?5, ?6)",
                params![started, package_id, station, file, whole, records as i64],
            )?;
            // The package carries whole identity numbers or phones: 个人信息导出记录.
            if people > 0 {
                c.execute(
                    "INSERT INTO export_log (at, what, file, people, station)
                     VALUES (?1, ?2, ?3, ?4, ?5)",
                    params![
                        chrono::Local::now().format("%Y-%m-%d %H:%M:%S").to_string(),
                        crate::store::export_log::EXCHANGE,
                        file,
                        people as i64,
                        origin
                    ],
                )?;
            }
            Ok(())
        })?;
        // Past the point of no return: the file is written and the mark moved.
        let _ = progress(1.0);
        Ok(ExportSummary {
            file: out.to_path_buf(),
            info: PackageInfo { records, ..info },
            counts,
            removals,
            files,
        })
    }

    /// Fills the attached, empty `pkg`: returns the counts per kind, removals, files, records.
    #[allow(clippy::type_complexity)]
    fn fill_package(
        &mut self,
        info: &PackageInfo,
        progress: &mut dyn FnMut(f32) -> bool,
    ) -> Result<(Vec<(&'static str, u64)>, u64, u64, u64)> {
        let db = self.path().to_path_buf();
        let since = info.since.clone();
        self.conn().execute_batch(&format!(
            "PRAGMA pkg.application_id = {PACKAGE_APP_ID};
             PRAGMA pkg.page_size = 8192;
             PRAGMA pkg.journal_mode = OFF;
             PRAGMA pkg.synchronous = OFF;"
        ))?;
        self.write(|c| {
            c.execute_batch(
                "CREATE TABLE pkg.package (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL);
                 CREATE TABLE pkg.tombstones (id TEXT PRIMARY KEY NOT NULL, tbl TEXT NOT NULL,
                                              purged_at TEXT NOT NULL);
                 CREATE TABLE pkg.files (name TEXT PRIMARY KEY NOT NULL, data BLOB NOT NULL);",
            )?;
            // The stored columns of each table (not generated ones such as activities.counted,
            // which the receiving ledger computes itself).
            let mut stored: HashMap<&str, String> = HashMap::new();
            for t in SYNCED {
                let cols = columns(c, "main", t)?
                    .iter()
                    .map(|n| format!("\"{n}\""))
                    .collect::<Vec<_>>()
                    .join(", ");
                stored.insert(t, cols);
            }
            for (i, t) in SYNCED.iter().enumerate() {
                let cols = &stored[*t];
                c.execute_batch(&format!(
                    "CREATE TABLE pkg.\"{t}\" AS SELECT {cols} FROM main.\"{t}\" WHERE 0;
                     CREATE UNIQUE INDEX pkg.\"pkg_{t}_id\" ON \"{t}\"(id);"
                ))?;
                // Since the last export: what was created or changed here, not what came in
                // from other stations' packages as it is (its updated_at is the agreed one).
                c.execute(
                    &format!(
                        "INSERT INTO pkg.\"{t}\" SELECT {cols} FROM main.\"{t}\" t
                         WHERE ?1 IS NULL
                            OR (t.updated_at > ?1 AND NOT EXISTS (
                                    SELECT 1 FROM main.exchange_base b
                                    WHERE b.id = t.id AND b.updated_at = t.updated_at))"
                    ),
                    [&since],
                )?;
                if !progress(0.6 * (i + 1) as f32 / SYNCED.len() as f32) {
                return Err(StoreError::Cancelled);
            }
            }
            // The records the changed ones refer to, until nothing more is needed.
            let mut fks = Vec::new();
            for t in SYNCED {
                for (col, parent) in foreign_keys(c, t)? {
                    fks.push((t, col, parent));
                }
            }
            loop {
                let mut added = 0;
                for (t, col, parent) in &fks {
                    let cols = stored
                        .get(parent.as_str())
                        .cloned()
                        .unwrap_or_else(|| "*".to_string());
                    added += c.execute(
                        &format!(
                            "INSERT OR IGNORE INTO pkg.\"{parent}\" SELECT {cols} FROM main.\"{parent}\"
                             WHERE id IN (SELECT \"{col}\" FROM pkg.\"{t}\"
                                          WHERE \"{col}\" IS NOT NULL)"
                        ),
                        [],
                    )?;
                }
                if added == 0 {
                    break;
                }
            }
            c.execute(
                "INSERT INTO pkg.tombstones SELECT id, tbl, purged_at FROM main.exchange_tombstones
                 WHERE ?1 IS NULL OR purged_at > ?1",
                [&since],
            )?;
            if !progress(0.75) {
                return Err(StoreError::Cancelled);
            }
            // Attachment files of the attachment records in the package.
            let dir = crate::store::attachments::attachments_dir(&db);
            let names: Vec<String> = c
                .prepare("SELECT content_hash, file_name FROM pkg.attachments")?
                .query_map([], |r| {
                    Ok(crate::store::attachments::stored_name(
                        &r.get::<_, String>(0)?,
                        &r.get::<_, String>(1)?,
                    ))
                })?
                .collect::<rusqlite::Result<_>>()?;
            let mut insert =
                c.prepare("INSERT OR IGNORE INTO pkg.files (name, data) VALUES (?1, ?2)")?;
            for name in &names {
                // A file missing here travels as missing: the record says 文件缺失 there too.
                if let Ok(data) = std::fs::read(dir.join(name)) {
                    insert.execute(params![name, data])?;
                }
            }
            drop(insert);
            let mut counts = Vec::new();
            let mut records = 0u64;
            for t in SYNCED {
                let n: i64 =
                    c.query_row(&format!("SELECT count(*) FROM pkg.\"{t}\""), [], |r| {
                        r.get(0)
                    })?;
                records += n as u64;
                if n > 0 {
                    counts.push((kind_name(t), n as u64));
                }
            }
            let removals: i64 =
                c.query_row("SELECT count(*) FROM pkg.tombstones", [], |r| r.get(0))?;
            let files: i64 = c.query_row("SELECT count(*) FROM pkg.files", [], |r| r.get(0))?;
            let mut put = c.prepare("INSERT INTO pkg.package (key, value) VALUES (?1, ?2)")?;
            for (k, v) in [
                ("format", FORMAT.to_string()),
                ("package_id", info.package_id.clone()),
                ("station_id", info.station_id.clone()),
                ("station_name", info.station_name.clone()),
                ("created_at", info.created_at.clone()),
                ("since", info.since.clone().unwrap_or_default()),
                ("records", records.to_string()),
                ("schema", crate::store::migrations::LATEST.to_string()),
            ] {
                put.execute(params![k, v])?;
            }
            if !progress(0.9) {
                return Err(StoreError::Cancelled);
            }
            Ok((counts, removals as u64, files as u64, records))
        })
    }
}
