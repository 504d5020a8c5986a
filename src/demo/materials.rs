//! The example data's 留存资料: small pictures made here (a few kilobytes each, not shipped) on
//! most held 关爱系列 and 精准扶贫、乡村振兴 activities and a few others — some of those two
//! categories left without, so 缺少留存资料 has something to find — and a few signed sign-in
//! sheets as PDF. Drawn from their own random stream, so the other records stay as they were.

use super::*;
use crate::store::paperwork::Attachment;

/// Different pictures made; activities share them (a file is kept once per content).
const PICTURES: u64 = 6;

/// How many of the latest held 关爱系列 activities get a signed sign-in sheet.
const SIGNED_SHEETS: usize = 4;

/// A picture of `k`: a sky, a ground and a row of people in colours of their own, as JPEG.
fn picture(k: u64) -> Result<Vec<u8>> {
    let hue = |i: u64| ((i * 67 + k * 41) % 200 + 40) as u8;
    let img = image::RgbImage::from_fn(240, 160, |x, y| {
        let person = (0..5).find(|p| {
            let cx = 30 + p * 45 + (k as u32 * 7) % 12;
            let dx = x.abs_diff(cx);
            (y > 70 && y < 130 && dx < 10)
                || (y > 52 && y <= 70 && dx * dx + y.abs_diff(61).pow(2) < 81)
        });
        match person {
            Some(p) => image::Rgb([hue(p as u64), hue(p as u64 + 3), hue(p as u64 + 5)]),
            None if y < 100 => image::Rgb([150, 190, (220 - y / 2) as u8]),
            None => image::Rgb([90 + (k as u8 * 20), 140, 70]),
        }
    });
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 60)
        .encode_image(&img)
        .map_err(|e| crate::store::StoreError::Refused(format!("生成示例照片失败：{e}")))?;
    Ok(out)
}

impl Generator<'_, '_> {
    /// Attaches a record of a kept file to an activity.
    fn attach(
        &mut self,
        activity_id: &str,
        date: NaiveDate,
        file_name: String,
        (hash, size): (String, i64),
        mime: &str,
    ) -> Result<()> {
        let a = Attachment {
            meta: self.meta(Kind::Attachment, date),
            owner_kind: "activities".into(),
            owner_id: activity_id.to_string(),
            file_name,
            content_hash: hash,
            mime: mime.into(),
            size_bytes: size,
        };
        self.w.put(&a)
    }

    /// Photos of a held activity: one to three on most of the two categories that keep
    /// materials, one on a few others.
    pub(super) fn photos(
        &mut self,
        activity_id: &str,
        category: &str,
        date: NaiveDate,
    ) -> Result<()> {
        let care = activity::KEEP_MATERIALS.contains(&category);
        let n = if care && self.photo_rng.chance(85) {
            1 + self.photo_rng.below(3)
        } else if !care && self.photo_rng.chance(8) {
            1
        } else {
            0
        };
        for i in 0..n {
            let k = self.photo_rng.below(PICTURES) as usize;
            if self.pictures.len() < PICTURES as usize {
                for j in self.pictures.len() as u64..PICTURES {
                    let bytes = picture(j)?;
                    let kept = self.w.keep_file("photo.jpg", &bytes)?;
                    self.pictures.push(kept);
                }
            }
            let kept = self.pictures[k].clone();
            let name = format!("{}活动照片{}.jpg", date.format("%m%d"), i + 1);
            self.attach(activity_id, date, name, kept, "image/jpeg")?;
        }
        Ok(())
    }

    /// Signed sign-in sheets (PDF) for the latest held activities that keep materials: their
    /// participants with the times, hours and a signature written in.
    pub(super) fn signed_sheets(&mut self, planned: &[Planned]) -> Result<()> {
        let latest = planned
            .iter()
            .rev()
            .filter(|p| p.done && p.care)
            .take(SIGNED_SHEETS);
        let chosen: Vec<(String, NaiveDate)> = latest.map(|p| (p.id.clone(), p.date)).collect();
        for (id, date) in chosen {
            let activity: Activity = self.w.get(&id)?;
            let lines = self
                .w
                .participants_of(&id)?
                .into_iter()
                .take(40)
                .map(|(name, number, hours)| crate::export::sign_in::SignInLine {
                    phone_tail: String::new(),
                    signed: Some([
                        activity.start_time.clone(),
                        activity.end_time.clone(),
                        hours.to_string(),
                        name.clone(),
                    ]),
                    name,
                    number,
                })
                .collect();
            let unit = self.w.setting(keys::UNIT_NAME)?.unwrap_or_default();
            let sheet = crate::export::sign_in::SignInSheet::for_activity(
                &unit,
                &activity,
                "",
                lines,
                Some(0),
            );
            let bytes = crate::export::sign_in::pdf(&sheet)?;
            let kept = self.w.keep_file("signed.pdf", &bytes)?;
            self.attach(
                &id,
                date,
                "签到表（已签）.pdf".into(),
                kept,
                "application/pdf",
            )?;
        }
        Ok(())
    }
}
