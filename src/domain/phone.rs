//! Mobile and landline numbers: validation and masking.

/// Why a phone number is not valid; `Display` is the Chinese message shown to the user.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PhoneError {
    /// Not an 11-digit mobile starting 13–19.
    #[error("手机号码应为11位数字，以13～19开头")]
    Mobile,
    /// Not a landline such as 022-12345678.
    #[error("固定电话或传真应为区号加号码，如 022-12345678")]
    Landline,
}

/// Checks a mobile number: `^1[3-9]\d{9}$`.
pub fn validate_mobile(s: &str) -> Result<(), PhoneError> {
    let s = s.trim();
    let b = s.as_bytes();
    let ok = b.len() == 11
        && b[0] == b'1'
        && (b'3'..=b'9').contains(&b[1])
        && b.iter().all(u8::is_ascii_digit);
    if ok { Ok(()) } else { Err(PhoneError::Mobile) }
}

/// Checks a landline or fax number: an area code (3–4 digits starting with 0) and 7–8 digits,
/// separated by `-` or nothing; Tianjin numbers are 022 + 8 digits.
pub fn validate_landline(s: &str) -> Result<(), PhoneError> {
    let digits: String = s
        .trim()
        .chars()
        .filter(|c| *c != '-' && *c != ' ')
        .collect();
    if !digits.bytes().all(|b| b.is_ascii_digit()) || !digits.starts_with('0') {
        return Err(PhoneError::Landline);
    }
    if let Some(rest) = digits.strip_prefix("022") {
        return if rest.len() == 8 {
            Ok(())
        } else {
            Err(PhoneError::Landline)
        };
    }
    if (10..=12).contains(&digits.len()) {
        Ok(())
    } else {
        Err(PhoneError::Landline)
    }
}

/// Checks an e-mail address: one @, a name before it, a domain with a dot after it, no spaces.
pub fn validate_email(s: &str) -> Result<(), &'static str> {
    let s = s.trim();
    let bad = "电子邮箱应写成 名称@域名，如 wmb@tj.gov.cn";
    let (name, domain) = s.split_once('@').ok_or(bad)?;
    let ok = !name.is_empty()
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && s.is_ascii()
        && !s.contains(char::is_whitespace);
    if ok { Ok(()) } else { Err(bad) }
}

/// What kind of contact a field holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Contact {
    /// A landline or fax number.
    Landline,
    /// A mobile number.
    Mobile,
    /// An e-mail address.
    Email,
}

impl Contact {
    /// The contact columns of the unit and contact-person records, and what each holds: one
    /// list for the unit form and for an exchange package.
    pub fn of_column(column: &str) -> Option<Contact> {
        match column {
            "phone" | "fax" | "leader_office_phone" | "contact_office_phone" | "contact_fax" => {
                Some(Contact::Landline)
            }
            "leader_mobile" | "contact_mobile" => Some(Contact::Mobile),
            "email" | "contact_email" => Some(Contact::Email),
            _ => None,
        }
    }
}

/// Checks a filled-in contact field by its kind; an empty one is allowed.
pub fn check_contact(kind: Contact, value: &str) -> Option<String> {
    if value.trim().is_empty() {
        return None;
    }
    match kind {
        Contact::Landline => validate_landline(value).err().map(|e| e.to_string()),
        Contact::Mobile => validate_mobile(value).err().map(|e| e.to_string()),
        Contact::Email => validate_email(value).err().map(str::to_string),
    }
}

/// Masks a mobile number for lists: 138****0001.
pub fn mask_mobile(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    if chars.len() < 8 {
        return "*".repeat(chars.len());
    }
    let head: String = chars[..3].iter().collect();
    let tail: String = chars[chars.len() - 4..].iter().collect();
    format!("{head}{}{tail}", "*".repeat(chars.len() - 7))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails() {
        assert!(validate_email("wmb@tj.gov.cn").is_ok());
        for bad in [
            "wmb",
            "wmb@",
            "@tj.gov.cn",
            "wmb@tj",
            "w mb@tj.gov.cn",
            "a@b@c.cn",
            "王@tj.cn",
        ] {
            assert!(validate_email(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn mobiles() {
        assert!(validate_mobile("13800000001").is_ok());
        assert!(validate_mobile("12800000001").is_err());
        assert!(validate_mobile("1380000000").is_err());
        assert_eq!(mask_mobile("13800000001"), "138****0001");
    }

    #[test]
    fn landlines() {
        assert!(validate_landline("022-25201234").is_ok());
        assert!(validate_landline("02225201234").is_ok());
        assert!(validate_landline("022-2520123").is_err());
        assert!(validate_landline("010-12345678").is_ok());
        assert!(validate_landline("25201234").is_err());
    }

    #[test]
    fn contact_fields_are_checked_by_their_kind() {
        assert_eq!(Contact::of_column("contact_fax"), Some(Contact::Landline));
        assert_eq!(Contact::of_column("leader_mobile"), Some(Contact::Mobile));
        assert_eq!(Contact::of_column("remark"), None);
        assert!(check_contact(Contact::Landline, "022-65813509").is_none());
        assert!(check_contact(Contact::Mobile, "").is_none());
        assert!(
            check_contact(Contact::Mobile, "1234")
                .unwrap()
                .contains("11位")
        );
        assert!(check_contact(Contact::Email, "a@b").is_some());
    }
}
