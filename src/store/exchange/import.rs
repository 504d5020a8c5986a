//! Reading a package: checked whole first (see `validate`), then merged in one transaction,
//! attachment files checked against their names and written after the records commit.

use super::*;

impl Store {
    /// Reads a package into this database (one transaction; attachment files first, named by
    /// content, so a failed read leaves only harmless extra files). See the module for the
    /// rules. The caller backs the database up first.
    pub fn import_exchange(
        &mut self,
        package: &Path,
        progress: &mut dyn FnMut(f32) -> bool,
    ) -> Result<ImportSummary> {
        let info = read_info(package)?;
        if info.station_id == self.origin() {
            return Err(StoreError::Refused(format!(
                "交换包“{}”是本站（{}）自己导出的，不需要导入",
                package.display(),
                info.station_name
            )));
        }
        self.conn().execute(
            "ATTACH DATABASE ?1 AS pkg",
            [package.to_string_lossy().as_ref()],
        )?;
        let result = self.merge_attached(&info, package, progress);
        let detached = self.conn().execute_batch("DETACH DATABASE pkg");
        let summary = result.map_err(|e| match e {
            // The references are checked before the commit; should one still fail there, the
            // clerk reads what it means (and nothing was written).
            StoreError::Sql(rusqlite::Error::SqliteFailure(f, _))
                if f.code == rusqlite::ErrorCode::ConstraintViolation =>
            {
                StoreError::Refused(format!(
                    "交换包“{}”中有记录与本机记录冲突或引用了不存在的记录（{f}），未导入任何记录。请让“{}”重新导出全部记录后再试。",
                    package.display(),
                    info.station_name
                ))
            }
            other => other,
        })?;
        detached?;
        let _ = progress(1.0);
        Ok(summary)
    }

    fn merge_attached(
        &mut self,
        info: &PackageInfo,
        package: &Path,
        progress: &mut dyn FnMut(f32) -> bool,
    ) -> Result<ImportSummary> {
        // Every value checked before anything is written.
        validate::package(self.conn(), chrono::Local::now().date_naive())?;
        let files = self.check_files()?;
        let seen_before: Option<String> = self
            .conn()
            .query_row(
                "SELECT at FROM exchange_log WHERE package_id = ?1 AND direction = '导入'
                 ORDER BY id LIMIT 1",
                [&info.package_id],
                |r| r.get(0),
            )
            .optional()?;
        let total = info.records.max(1) as f32;
        let prefix = self.number_prefix()?;
        let last_export = self.last_exchange_export()?;
        let info = info.clone();
        let file = package.display().to_string();
        // A large page cache, and a rollback journal instead of the WAL when the window is
        // not open on the file: still one atomic transaction. Each insert's statement journal
        // (triggers) is kept in memory instead of a temporary file.
        self.conn().execute_batch("PRAGMA temp_store = MEMORY")?;
        let merged = self.bulk(|b| {
            let c = b.conn;
            c.execute_batch("PRAGMA defer_foreign_keys = ON")?;
            // New service records are counted once at the end instead of one at a time.
            let counting: Vec<String> = c
                .prepare(&format!(
                    "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name IN ({})",
                    COUNTING_TRIGGERS.map(|t| format!("'{t}'")).join(", ")
                ))?
                .query_map([], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            for t in COUNTING_TRIGGERS {
                c.execute_batch(&format!("DROP TRIGGER IF EXISTS {t};"))?;
            }
            c.execute_batch(
                "CREATE TEMP TABLE IF NOT EXISTS exchange_touched (
                     kind TEXT NOT NULL, id TEXT NOT NULL, PRIMARY KEY (kind, id)
                 ) WITHOUT ROWID;
                 DELETE FROM temp.exchange_touched;",
            )?;
            let mut m = Merge::new(c, &info, last_export, prefix)?;
            m.summary.seen_before = seen_before;
            let mut done = 0u64;
            for t in SYNCED {
                m.table(t, &mut |n| {
                    done += n;
                    progress(0.95 * done as f32 / total)
                })?;
            }
            m.removals()?;
            // A unit may come before the parent unit it was merged with: point it at ours.
            c.execute_batch(
                "UPDATE units SET parent_id = (
                     SELECT to_id FROM exchange_alias WHERE from_id = units.parent_id)
                 WHERE parent_id IN (SELECT from_id FROM exchange_alias WHERE tbl = 'units');",
            )?;
            recount_touched(c)?;
            for sql in &counting {
                c.execute_batch(sql)?;
            }
            m.check_references()?;
            let s = &m.summary;
            c.execute(
                "INSERT INTO exchange_log (at, direction, package_id, station, file, whole,
                                           added, updated, unchanged, conflicts, merged)
                 VALUES (?1, '导入', ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                params![
                    now_utc(),
                    info.package_id,
                    info.station_name,
                    file,
                    info.since.is_none(),
                    s.added() as i64,
                    s.updated() as i64,
                    s.unchanged() as i64,
                    s.conflicts() as i64,
                    s.merged() as i64
                ],
            )?;
            Ok(m.summary)
        });
        self.conn().execute_batch("PRAGMA temp_store = DEFAULT")?;
        let mut merged = merged?;
        // The files after the records are in: a refused package leaves no file behind, and a
        // file that could not be written shows as 文件缺失 until the package is read again.
        merged.files = self.write_files(&files)?;
        Ok(merged)
    }

    /// Checks the package's attachment files before anything is written: each named by a
    /// SHA-256 and holding exactly the bytes of that hash (computed here), none larger than
    /// the limit. Returns (hash, row) of each.
    fn check_files(&self) -> Result<Vec<(String, i64)>> {
        let mut stmt = self
            .conn()
            .prepare("SELECT name, length(data), rowid FROM pkg.files")?;
        let mut rows = stmt.query([])?;
        let mut received: Vec<(String, i64)> = Vec::new();
        while let Some(row) = rows.next()? {
            let name = match row.get::<_, Value>(0)? {
                Value::Text(s) => s,
                _ => String::new(),
            };
            let size: i64 = row.get::<_, Option<i64>>(1)?.unwrap_or(0);
            let said = name.get(..64).unwrap_or_default().to_string();
            if !crate::store::attachments::is_hash(&said) {
                return Err(StoreError::Refused(format!(
                    "交换包中的附件文件名“{}”不是校验值，未导入任何记录。",
                    crate::domain::text::printable(&name.chars().take(80).collect::<String>())
                )));
            }
            if size > MAX_FILE {
                return Err(StoreError::Refused(format!(
                    "交换包中的附件 {said} 有 {} MB，超过 {} MB 的上限，未导入任何记录。",
                    size >> 20,
                    MAX_FILE >> 20
                )));
            }
            received.push((said, row.get(2)?));
        }
        drop(rows);
        let mut read = self
            .conn()
            .prepare("SELECT data FROM pkg.files WHERE rowid = ?1")?;
        for (said, rowid) in &received {
            let data: Vec<u8> = read.query_row([rowid], |r| r.get(0))?;
            if crate::store::attachments::hash_bytes(&data) != *said {
                return Err(StoreError::Refused(format!(
                    "交换包中的附件 {said} 内容与其校验值不符（文件已损坏或被改动），未导入任何记录。"
                )));
            }
        }
        Ok(received)
    }

    /// Copies the checked files in, each under its hash and the extension of an attachment
    /// record that names that hash (a file no record names is not kept): the package's own
    /// file name never becomes a path.
    fn write_files(&self, checked: &[(String, i64)]) -> Result<u64> {
        let dir = crate::store::attachments::attachments_dir(self.path());
        let wanted: Vec<(String, String)> = self
            .conn()
            .prepare("SELECT DISTINCT content_hash, file_name FROM attachments")?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let mut read = self
            .conn()
            .prepare("SELECT data FROM pkg.files WHERE rowid = ?1")?;
        let mut files = 0;
        for (hash, rowid) in checked {
            for (_, file_name) in wanted.iter().filter(|(h, _)| h == hash) {
                let dest = dir.join(crate::store::attachments::stored_name(hash, file_name));
                if dest.exists() {
                    continue;
                }
                let data: Vec<u8> = read.query_row([rowid], |r| r.get(0))?;
                std::fs::create_dir_all(&dir)?;
                let tmp = dest.with_extension(format!("{}.part", uuid::Uuid::new_v4().simple()));
                std::fs::write(&tmp, &data)
                    .and_then(|()| std::fs::rename(&tmp, &dest))
                    .map_err(|e| {
                        let _ = std::fs::remove_file(&tmp);
                        crate::store::backup::explain(e.into(), &dest)
                    })?;
                files += 1;
            }
        }
        Ok(files)
    }
}
