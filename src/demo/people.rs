//! Example units, volunteers and teams.

use super::*;

impl Generator<'_, '_> {
    pub(super) fn unit(&mut self, name: &str, kind: &str, parent: Option<&str>) -> Result<String> {
        let date = self.year_start();
        let u = Unit {
            meta: self.meta(Kind::Unit, date),
            name: name.to_string(),
            short_name: String::new(),
            kind: kind.to_string(),
            parent_id: parent.map(str::to_string),
            address: format!(
                "天津市滨海新区{}{}号",
                self.rng.pick(&ROADS),
                1 + self.rng.below(300)
            ),
            phone: format!("022-{}", 25_000_000 + self.rng.below(1_000_000)),
            fax: format!("022-{}", 66_000_000 + self.rng.below(1_000_000)),
            email: format!("bh{:04}@tj.gov.cn", self.counters[Kind::Unit as usize]),
            remark: String::new(),
        };
        self.w.put(&u)?;
        self.report.units += 1;
        let contact = UnitContact {
            meta: self.meta(Kind::Contact, date),
            unit_id: u.meta.id.clone(),
            leader_name: self.person_name(),
            leader_title: "副主任".to_string(),
            leader_office_phone: u.phone.clone(),
            leader_mobile: self.mobile(self.counters[Kind::Contact as usize] + 9_000_000),
            department: if kind == "区级部门" {
                "办公室"
            } else {
                "党群办"
            }
            .to_string(),
            contact_name: self.person_name(),
            contact_title: "科员".to_string(),
            contact_office_phone: u.phone.clone(),
            contact_mobile: self.mobile(self.counters[Kind::Contact as usize] + 9_500_000),
            contact_fax: u.fax.clone(),
            contact_email: u.email.clone(),
            remark: String::new(),
            valid_from: date,
            valid_to: None,
        };
        self.w.put(&contact)?;
        Ok(u.meta.id)
    }

    pub(super) fn units(&mut self) -> Result<()> {
        let street = self
            .w
            .setting(keys::UNIT_NAME)?
            .unwrap_or_else(|| DEMO_UNIT_NAME.into());
        self.street_id = self.unit(&street, "街镇", None)?;
        let street_id = self.street_id.clone();
        for c in COMMUNITIES {
            let kind = "村居（社区）";
            let id = self.unit(c, kind, Some(&street_id))?;
            let station = format!("{}新时代文明实践站", c.trim_end_matches("社区"));
            self.unit(&station, "新时代文明实践站", Some(&id))?;
            self.community_ids.push(id);
        }
        self.unit(
            "示范街道学雷锋志愿服务站",
            "学雷锋志愿服务站",
            Some(&street_id),
        )?;
        for name in crate::domain::categories::district_units() {
            let id = self.unit(name, "区级部门", None)?;
            self.district_ids.push((id, name));
        }
        let wm = self.unit("区文明办", "区级部门", None)?;
        self.district_ids.push((wm, "区文明办"));
        Ok(())
    }

    pub(super) fn person_name(&mut self) -> String {
        // Surnames weighted towards the common ones.
        let a = self.rng.below(SURNAMES.len() as u64);
        let b = self.rng.below(SURNAMES.len() as u64);
        let mut name = SURNAMES[a.min(b) as usize].to_string();
        name.push_str(self.rng.pick::<&str>(&GIVEN));
        if self.rng.chance(70) {
            name.push_str(self.rng.pick::<&str>(&GIVEN));
        }
        name
    }

    /// A unique mobile number for index `i` (a bijection of i onto eight digits).
    pub(super) fn mobile(&mut self, i: u64) -> String {
        let prefix = MOBILE_PREFIXES[(i % MOBILE_PREFIXES.len() as u64) as usize];
        let tail = (i.wrapping_mul(61_803_399).wrapping_add(27_182_818)) % 100_000_000;
        format!("{prefix}{tail:08}")
    }

    pub(super) fn volunteers(&mut self, progress: &mut dyn FnMut(f32) -> bool) -> Result<()> {
        const BIRTH_DAYS: u64 = 20_000;
        const SPACE: u64 = BIRTH_DAYS * 499;
        let base = NaiveDate::from_ymd_opt(1950, 1, 1).unwrap_or(self.opts.today);
        let today = self.opts.today;
        let n = self.opts.volunteers;
        for i in 0..n {
            // A bijection of i onto (birth day, sequence) keeps every identity number unique.
            let j = (i % SPACE) * 7_654_321 % SPACE;
            let birth = base + Duration::days((j % BIRTH_DAYS) as i64);
            let birth = if birth > today - Duration::days(365 * 16) {
                birth - Duration::days(365 * 30)
            } else {
                birth
            };
            let male = self.rng.chance(48);
            let seq = (j / BIRTH_DAYS) * 2 + if male { 1 } else { 2 };
            let addr = *self.rng.pick(&ADDRESS_CODES);
            let id_no = id_number::compose(addr, birth, seq as u16);
            let age = today.year() - birth.year();
            let political = match self.rng.below(100) {
                0..25 => "中共党员",
                25..27 => "中共预备党员",
                27..42 if age < 30 => "共青团员",
                42..45 => "其他",
                _ => "群众",
            };
            let mut kinds = Vec::new();
            if political.starts_with("中共") {
                kinds.push("党员志愿者");
            }
            if age >= 60 {
                kinds.push("退休");
            } else if age <= 22 {
                kinds.push("学生");
            }
            kinds.push(*self.rng.pick(&[
                "居民",
                "机关干部",
                "教师",
                "医护",
                "退役军人",
                "巾帼",
                "青年",
            ]));
            let registered = today - Duration::days(self.rng.below(6 * 365) as i64);
            let registered = registered.max(birth + Duration::days(365 * 16));
            let mut meta = self.meta(Kind::Volunteer, registered);
            meta.id = volunteer_uuid(self.opts.seed, i);
            let community = self.community_ids
                [self.rng.below(self.community_ids.len() as u64) as usize]
                .clone();
            let v = Volunteer {
                meta,
                number: format!("{}{:07}", self.prefix, i + 1),
                name: self.person_name(),
                gender: if male { "男" } else { "女" }.to_string(),
                id_type: "居民身份证".to_string(),
                id_number: id_no,
                birth_date: Some(birth),
                mobile: self.mobile(i),
                political_status: political.to_string(),
                community_id: Some(community),
                workplace: if age >= 60 {
                    "退休".to_string()
                } else {
                    self.rng.pick(&WORKPLACES).to_string()
                },
                skills: if self.rng.chance(60) {
                    self.rng.pick(&SKILLS).to_string()
                } else {
                    String::new()
                },
                kinds: kinds.join("、"),
                registered_on: registered,
                national_registered: self.rng.chance(70),
                national_number: String::new(),
                status: match self.rng.below(100) {
                    0..5 => "暂停",
                    5..8 => "退出",
                    _ => "在册",
                }
                .to_string(),
                consent: true,
                consent_date: Some(registered),
                remark: String::new(),
            };
            self.w.put(&v)?;
            let key = self.w.key_of(Table::Volunteers, &v.meta.id)?;
            self.volunteer_keys.push(key);
            self.report.volunteers += 1;
            if i.is_multiple_of(10_000) && !progress(0.3 * i as f32 / n.max(1) as f32) {
                return Err(crate::store::StoreError::Cancelled);
            }
        }
        Ok(())
    }

    pub(super) fn teams(&mut self) -> Result<()> {
        let n = self.opts.volunteers;
        let founded = self.year_start() - Duration::days(400);
        let mut specs: Vec<(String, String, String)> = CATEGORIES
            .iter()
            .map(|c| {
                let name = format!("{}志愿服务队", c.name.split('、').next().unwrap_or(c.name));
                (name, c.name.to_string(), self.street_id.clone())
            })
            .collect();
        specs.push((
            "示范街道综合志愿服务队".into(),
            "综合".into(),
            self.street_id.clone(),
        ));
        for (k, c) in COMMUNITIES.iter().enumerate() {
            specs.push((
                format!("{c}邻里守望志愿服务队"),
                "关爱系列".into(),
                self.community_ids[k].clone(),
            ));
        }
        for (name, category, unit) in specs {
            let leader = self.rng.below(n.max(1));
            let team = Team {
                meta: self.meta(Kind::Team, founded),
                name,
                category: category.clone(),
                unit_id: Some(unit),
                leader_id: (n > 0).then(|| volunteer_uuid(self.opts.seed, leader)),
                founded_on: Some(founded),
                description: format!("面向辖区开展{category}志愿服务。"),
            };
            self.w.put(&team)?;
            self.report.teams += 1;
            // Members: a stride through the register, about 3 in 10 volunteers in some team.
            let members = (n * 3 / 10 / 27).clamp(n.min(5), 50_000);
            let start = self.rng.below(n.max(1));
            let stride = 1 + self.rng.below(97) * 2;
            let mut seen = std::collections::BTreeSet::new();
            for k in 0..members {
                let vi = (start + k * stride) % n.max(1);
                if vi == leader || !seen.insert(vi) {
                    continue;
                }
                let m = TeamMember {
                    meta: self.meta(Kind::Member, founded),
                    team_id: team.meta.id.clone(),
                    volunteer_id: volunteer_uuid(self.opts.seed, vi),
                    joined_on: founded,
                };
                self.w.put(&m)?;
            }
            if n > 0 {
                let m = TeamMember {
                    meta: self.meta(Kind::Member, founded),
                    team_id: team.meta.id.clone(),
                    volunteer_id: volunteer_uuid(self.opts.seed, leader),
                    joined_on: founded,
                };
                self.w.put(&m)?;
            }
            self.team_ids.push((team.meta.id.clone(), category));
        }
        Ok(())
    }

    pub(super) fn team_for(&mut self, category: &str) -> Option<String> {
        let matching: Vec<&(String, String)> = self
            .team_ids
            .iter()
            .filter(|(_, c)| c == category)
            .collect();
        if matching.is_empty() {
            self.team_ids.first().map(|t| t.0.clone())
        } else {
            Some(
                matching[self.rng.below(matching.len() as u64) as usize]
                    .0
                    .clone(),
            )
        }
    }
}
