//! Emergency, urgent-advice and crisis numbers by region: every row of the guidance's "Numbers by region"
//! (version 2), read once from `numbers.txt` beside this file — the one place the numbers and their verified
//! dates live (scripts/test.sh reads the dates from it too). This module also holds what Mend says about a
//! region beyond its numbers (what the emergency department is called, urgent advice without a number) and
//! which table row a profile's region code reads: GB-ENG and GB-WLS read GB's, the EU countries without a
//! row of their own read EU's, and anywhere else (or no region) reads ZZ's.

use std::sync::LazyLock;

use chrono::NaiveDate;

use super::phones::PhoneRole;

/// The guidance's numbers, one line a number (see the file's header for its columns).
pub const NUMBERS_FILE: &str = include_str!("numbers.txt");

/// One number of a region, as `numbers.txt` lists it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Line {
    pub role: PhoneRole,
    /// The words a sentence puts before the number ("Samaritans on"), if any.
    pub say: Option<&'static str>,
    /// The number as shown: "116 123", "SHOUT to 85258".
    pub words: &'static str,
    /// What the apps dial or text: "tel:116123", "sms:85258?body=SHOUT".
    pub uri: &'static str,
    /// The date the guidance last verified it.
    pub verified: NaiveDate,
}

impl Line {
    /// How a sentence names it: "Samaritans on 116 123", "NHS 111", "999".
    pub fn said(&self) -> String {
        match self.say {
            Some(say) => format!("{say} {}", self.words),
            None => self.words.to_owned(),
        }
    }
}

/// The numbers Mend shows for one row of the guidance's table, and what it says about the region.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegionNumbers {
    /// The row's code: a country (`IE`), a UK nation (`GB-SCT`), `EU` (other EU countries) or `ZZ` (anywhere
    /// else, and no region).
    pub region: &'static str,
    /// What the emergency department is called there.
    pub emergency_department: &'static str,
    /// Said after the emergency numbers, where the guidance adds it: "your local emergency number".
    pub emergency_also: Option<&'static str>,
    /// Urgent advice the guidance gives without a number ("call a GP out of hours"), said after the unit.
    pub advice_elsewhere: Option<&'static str>,
    /// The numbers, in the guidance's order.
    pub lines: Vec<Line>,
}

/// What Mend says about each row beyond its numbers: (code, emergency department, said after the emergency
/// numbers, urgent advice without a number).
const PROSE: &[(&str, &str, Option<&str>, Option<&str>)] = &[
    (
        "IE",
        "your nearest emergency department",
        None,
        Some("go to the maternity hospital's emergency room, or call a GP out of hours"),
    ),
    ("GB", "A&E", None, None),
    ("GB-SCT", "A&E", None, None),
    ("GB-NIR", "A&E", None, Some("call your GP, or the GP out-of-hours service")),
    ("US", "your nearest emergency room", None, Some("call your OB-GYN's after-hours line")),
    ("CA", "your nearest emergency department", None, None),
    ("AU", "your nearest emergency department", None, None),
    ("NZ", "your nearest emergency department", None, None),
    ("DE", "your nearest emergency department", None, None),
    ("FR", "your nearest emergency department", None, None),
    ("ES", "your nearest emergency department", None, None),
    ("NL", "your nearest emergency department", None, None),
    ("EU", "your nearest emergency department", None, None),
    (OTHER, "your nearest emergency department", Some("your local emergency number"), None),
];

/// The row for anywhere the guidance has no row of its own.
pub const OTHER: &str = "ZZ";

/// The EU member states; those without a row of their own read the "other EU countries" row.
pub const EU_MEMBERS: &str = "AT BE BG CY CZ DE DK EE ES FI FR GR HR HU IE IT LT LU LV MT NL PL PT RO SE SI SK";

/// Region codes that read another row: ISO 3166 exceptionally reserves `UK` for the United Kingdom (`GB`);
/// England and Wales read the GB row (Scotland and Northern Ireland have rows of their own).
const ALIASES: &[(&str, &str)] = &[("UK", "GB"), ("GB-ENG", "GB"), ("GB-WLS", "GB")];

fn parse_line(text: &'static str) -> (&'static str, Line) {
    let cells: Vec<&'static str> = text.split('|').map(str::trim).collect();
    let [region, role, say, words, uri, verified] = cells[..] else {
        panic!("numbers.txt: six columns in {text:?}");
    };
    let line = Line {
        role: PhoneRole::from_code(role).unwrap_or_else(|| panic!("numbers.txt: role {role:?}")),
        say: (say != "-").then_some(say),
        words,
        uri,
        verified: NaiveDate::parse_from_str(verified, "%Y-%m-%d")
            .unwrap_or_else(|_| panic!("numbers.txt: date {verified:?}")),
    };
    (region, line)
}

/// Every row of the guidance's table, in the file's order, the ZZ row last.
pub static REGIONS: LazyLock<Vec<RegionNumbers>> = LazyLock::new(|| {
    let lines: Vec<(&str, Line)> =
        NUMBERS_FILE.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).map(parse_line).collect();
    PROSE
        .iter()
        .map(|&(region, emergency_department, emergency_also, advice_elsewhere)| RegionNumbers {
            region,
            emergency_department,
            emergency_also,
            advice_elsewhere,
            lines: lines.iter().filter(|(r, _)| *r == region).map(|(_, l)| *l).collect(),
        })
        .collect()
});

/// The row code for a region as typed or stored: trimmed, in capitals, aliases resolved (`uk` is `GB`,
/// `GB-WLS` is `GB`), an EU country without a row is `EU`, and anything else `ZZ`.
pub fn canonical(region: &str) -> String {
    let code = region.trim().to_ascii_uppercase();
    let code = ALIASES.iter().find(|(alias, _)| *alias == code).map_or(code, |(_, to)| (*to).to_owned());
    if REGIONS.iter().any(|r| r.region == code) {
        code
    } else if EU_MEMBERS.split_whitespace().any(|c| c == code) {
        "EU".to_owned()
    } else {
        OTHER.to_owned()
    }
}

/// The numbers for `region` (the profile's code, in any case), or ZZ's.
pub fn numbers(region: Option<&str>) -> &'static RegionNumbers {
    let wanted = canonical(region.unwrap_or(OTHER));
    REGIONS.iter().find(|r| r.region == wanted).expect("every canonical code has a row")
}

impl RegionNumbers {
    /// Its numbers in one role, in order.
    pub fn lines(&self, role: PhoneRole) -> impl Iterator<Item = &Line> {
        self.lines.iter().filter(move |l| l.role == role)
    }

    /// The emergency numbers as a sentence says them: "112 or 999", "112 or your local emergency number".
    pub fn emergency(&self) -> String {
        let mut said: Vec<String> = self.lines(PhoneRole::Emergency).map(Line::said).collect();
        said.extend(self.emergency_also.map(str::to_owned));
        said.join(" or ")
    }

    /// The urgent-advice line as a sentence says it ("NHS 111", "healthdirect on 1800 022 222"), if any.
    pub fn urgent_advice(&self) -> Option<String> {
        let said: Vec<String> = self.lines(PhoneRole::UrgentAdvice).map(Line::said).collect();
        (!said.is_empty()).then(|| said.join(" or "))
    }

    /// The crisis lines to call, where the guidance lists one that is not the emergency number.
    pub fn crisis_calls(&self) -> Vec<&Line> {
        let emergency: Vec<&str> = self.lines(PhoneRole::Emergency).map(|l| l.uri).collect();
        self.lines(PhoneRole::Crisis).filter(|l| !emergency.contains(&l.uri)).collect()
    }

    /// The number shown for thoughts of self-harm: the first crisis line, or the first emergency number.
    pub fn crisis_number(&self) -> &'static str {
        self.lines(PhoneRole::Crisis).chain(self.lines(PhoneRole::Emergency)).next().map_or("112", |l| l.words)
    }
}

#[cfg(test)]
mod tests;
