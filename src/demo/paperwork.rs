//! Example trainings, honors, information reports, needs, submissions and the summary's
//! narrative.

use super::*;

impl Generator<'_, '_> {
    pub(super) fn trainings(&mut self) -> Result<()> {
        let n = self.opts.volunteers;
        let topics = [
            "《志愿服务条例》",
            "《天津市志愿服务条例》",
            "志愿服务活动组织",
            "志愿滨海APP使用",
        ];
        for year in (self.opts.today.year() - 1)..=self.opts.today.year() {
            for (k, topic) in topics.iter().enumerate() {
                let Some(date) = NaiveDate::from_ymd_opt(year, 5, 8 + 5 * k as u32) else {
                    continue;
                };
                if date > self.opts.today {
                    continue;
                }
                let t = Training {
                    meta: self.meta(Kind::Training, date),
                    date,
                    topic: topic.to_string(),
                    location: "街道党群服务中心".to_string(),
                    organizer_id: Some(self.street_id.clone()),
                    trainer: self.person_name(),
                    hours: Tenths(20),
                    content: format!("志愿服务培训月：{topic}专题培训"),
                    staff: String::new(),
                };
                self.w.put(&t)?;
                self.report.trainings += 1;
                let start = self.rng.below(n.max(1));
                for j in 0..n.min(60) {
                    let a = TrainingAttendance {
                        meta: self.meta(Kind::Attendance, date),
                        training_id: t.meta.id.clone(),
                        volunteer_id: volunteer_uuid(self.opts.seed, (start + j * 7) % n),
                    };
                    self.w.put(&a)?;
                }
            }
        }
        Ok(())
    }

    pub(super) fn honors_and_reports(&mut self, planned: &[Planned]) -> Result<()> {
        let n = self.opts.volunteers;
        let today = self.opts.today;
        for year in (today.year() - 1)..=today.year() {
            let Some(date) = NaiveDate::from_ymd_opt(year, 3, 5) else {
                continue;
            };
            if date > today || n == 0 {
                continue;
            }
            for k in 0..10u64 {
                let h = Honor {
                    meta: self.meta(Kind::Honor, date),
                    volunteer_id: Some(volunteer_uuid(
                        self.opts.seed,
                        (k * 7919 + year as u64) % n,
                    )),
                    team_id: None,
                    title: if k < 3 {
                        "滨海新区优秀志愿者"
                    } else {
                        "身边雷锋"
                    }
                    .to_string(),
                    level: if k < 3 { "区级" } else { "街镇级" }.to_string(),
                    awarded_on: date,
                    issuer: if k < 3 {
                        "区文明办"
                    } else {
                        DEMO_UNIT_NAME
                    }
                    .to_string(),
                    description: "长期坚持参加社区志愿服务，热心帮助困难群众。".to_string(),
                };
                self.w.put(&h)?;
            }
            if let Some((team, _)) = self.team_ids.first().cloned() {
                let h = Honor {
                    meta: self.meta(Kind::Honor, date),
                    volunteer_id: None,
                    team_id: Some(team),
                    title: "优秀志愿服务组织".to_string(),
                    level: "区级".to_string(),
                    awarded_on: date,
                    issuer: "区文明办".to_string(),
                    description: String::new(),
                };
                self.w.put(&h)?;
            }
        }
        // Two information reports a month about activities that took place.
        let mut last_month = None;
        let mut in_month = 0;
        for p in planned.iter().filter(|p| p.done) {
            let ym = (p.date.year(), p.date.month());
            if last_month != Some(ym) {
                last_month = Some(ym);
                in_month = 0;
            }
            if in_month >= 2 || !self.rng.chance(10) {
                continue;
            }
            in_month += 1;
            let adopted = self.rng.chance(30);
            let r = InfoReport {
                meta: self.meta(Kind::Report, p.date),
                title: format!("{}月{}日志愿服务活动信息", p.date.month(), p.date.day()),
                sent_on: p.date + Duration::days(1),
                sent_to: crate::store::info_reports::REPORT_CHANNELS[0].to_string(),
                activity_id: Some(p.id.clone()),
                adopted,
                adopted_by: if adopted {
                    "滨海新区文明网".to_string()
                } else {
                    String::new()
                },
            };
            self.w.put(&r)?;
        }
        Ok(())
    }

    pub(super) fn paperwork(&mut self) -> Result<()> {
        let today = self.opts.today;
        let start = self.year_start();
        let kinds = ["孤寡老人", "困难群体", "文明卫生", "法律援助", "生活帮助"];
        for k in 0..self.community_ids.len() {
            for j in 0..3 {
                let need = Need {
                    meta: self.meta(Kind::Need, start),
                    community_id: Some(self.community_ids[k].clone()),
                    kind: kinds[(k + j) % kinds.len()].to_string(),
                    person: self.person_name(),
                    address: format!("{}{}号", self.rng.pick(&ROADS), 1 + self.rng.below(300)),
                    phone: self.mobile(8_000_000 + (k * 3 + j) as u64),
                    description: "需要定期上门探望、代购生活用品。".to_string(),
                    status: ["待对接", "已对接", "已解决"][j % 3].to_string(),
                    team_id: None,
                    recorded_on: start,
                };
                self.w.put(&need)?;
            }
        }
        let kd = CustomKeyDate {
            meta: self.meta(Kind::KeyDate, start),
            name: "社区邻里节".to_string(),
            month: 9,
            day: 20,
            year: None,
            themes: "邻里守望".to_string(),
            categories: "关爱系列".to_string(),
            hides_builtin: String::new(),
        };
        self.w.put(&kd)?;
        let prev = today.year() - 1;
        for (section, body) in [
            (
                "存在的问题",
                "一是部分社区志愿服务活动形式较为单一；二是青年志愿者参与度有待提高。",
            ),
            (
                "下一步工作打算",
                "进一步完善志愿服务常态化机制，加强志愿者培训和激励。",
            ),
        ] {
            let s = SummaryNarrative {
                meta: self.meta(Kind::Narrative, start),
                period: prev.to_string(),
                section: section.to_string(),
                body: body.to_string(),
            };
            self.w.put(&s)?;
        }
        for year in prev..=today.year() {
            for (document, m, d) in [
                ("负责人联络表", 3, 3),
                ("上半年工作总结", 7, 12),
                ("全年工作总结", 12, 12),
            ] {
                let Some(date) = NaiveDate::from_ymd_opt(year, m, d) else {
                    continue;
                };
                if date > today {
                    continue;
                }
                let s = Submission {
                    meta: self.meta(Kind::Submission, date),
                    year: year as i64,
                    document: document.to_string(),
                    submitted_on: date,
                    method: if document == "负责人联络表" {
                        "传真"
                    } else {
                        "邮件"
                    }
                    .to_string(),
                    remark: String::new(),
                };
                self.w.put(&s)?;
            }
        }
        if self.opts.volunteers > 0 {
            for k in 0..3u64 {
                let vi = k * 13 % self.opts.volunteers;
                let c = Certificate {
                    meta: self.meta(Kind::Certificate, today),
                    serial: format!("{}-{}-{:04}", self.prefix, today.year(), k + 1),
                    volunteer_id: volunteer_uuid(self.opts.seed, vi),
                    period_from: start,
                    period_to: today,
                    hours: Tenths(0),
                    content: "参加社区志愿服务活动".to_string(),
                    issuer_id: Some(self.street_id.clone()),
                    issued_on: today,
                    handler: self.person_name(),
                    remark: String::new(),
                    leader: self.person_name(),
                };
                self.w.put(&c)?;
            }
            let c = Complaint {
                meta: self.meta(Kind::Complaint, start),
                volunteer_id: volunteer_uuid(self.opts.seed, 0),
                received_on: start + Duration::days(40),
                content: "活动迟到，未按约定时间到岗。".to_string(),
                outcome: "已批评教育，本人已改正。".to_string(),
            };
            self.w.put(&c)?;
        }
        Ok(())
    }
}
