//! Emergency and crisis numbers by region, exactly as shared/clinical/guidance.md lists them. The region is
//! the profile's ISO code; a region the guidance doesn't list falls back to 112 and "your local crisis
//! service".

use serde::Serialize;

/// A crisis line: who answers and the number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct CrisisLine {
    /// The service's name where it has one people know ("Samaritans"), else `None`.
    pub name: Option<&'static str>,
    pub number: &'static str,
    /// Whether the line also takes text messages.
    pub text: bool,
}

/// The numbers Mend shows for one region.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct RegionNumbers {
    /// The region code these numbers are for; `None` for the fallback.
    pub region: Option<&'static str>,
    /// The emergency number(s) as a person would read them: "112 or 999".
    pub emergency: &'static str,
    /// A number for urgent medical advice, where the guidance gives one ("NHS 111").
    pub urgent_advice: Option<&'static str>,
    /// What the emergency department is called there.
    pub emergency_department: &'static str,
    /// The crisis line; `None` where the guidance lists none (say "your local crisis service").
    pub crisis: Option<CrisisLine>,
}

const SAMARITANS: CrisisLine = CrisisLine { name: Some("Samaritans"), number: "116 123", text: false };
const LINE_988: CrisisLine = CrisisLine { name: None, number: "988", text: true };

/// Every region the guidance lists, then the fallback last.
pub const REGIONS: &[RegionNumbers] = &[
    RegionNumbers {
        region: Some("IE"),
        emergency: "112 or 999",
        urgent_advice: None,
        emergency_department: "your nearest emergency department",
        crisis: Some(SAMARITANS),
    },
    RegionNumbers {
        region: Some("GB"),
        emergency: "999",
        urgent_advice: Some("NHS 111"),
        emergency_department: "A&E",
        crisis: Some(SAMARITANS),
    },
    RegionNumbers {
        region: Some("US"),
        emergency: "911",
        urgent_advice: None,
        emergency_department: "your nearest emergency room",
        crisis: Some(LINE_988),
    },
    RegionNumbers {
        region: Some("CA"),
        emergency: "911",
        urgent_advice: None,
        emergency_department: "your nearest emergency department",
        crisis: Some(LINE_988),
    },
    RegionNumbers {
        region: Some("AU"),
        emergency: "000",
        urgent_advice: None,
        emergency_department: "your nearest emergency department",
        crisis: Some(CrisisLine { name: Some("Lifeline"), number: "13 11 14", text: false }),
    },
    RegionNumbers {
        region: Some("NZ"),
        emergency: "111",
        urgent_advice: None,
        emergency_department: "your nearest emergency department",
        crisis: Some(CrisisLine { name: None, number: "1737", text: true }),
    },
    RegionNumbers {
        region: Some("EU"),
        emergency: "112",
        urgent_advice: None,
        emergency_department: "your nearest emergency department",
        crisis: None,
    },
    FALLBACK,
];

/// For a region the guidance doesn't list (or none set): 112 works in much of the world.
pub const FALLBACK: RegionNumbers = RegionNumbers {
    region: None,
    emergency: "112",
    urgent_advice: None,
    emergency_department: "your nearest emergency department",
    crisis: None,
};

/// Codes people use for a region the guidance lists under another: ISO 3166 exceptionally reserves `UK` for
/// the United Kingdom, whose code is `GB`.
const ALIASES: &[(&str, &str)] = &[("UK", "GB")];

/// The guidance's code for a region as typed: trimmed, in capitals, aliases resolved (`uk` is `GB`).
pub fn canonical(region: &str) -> String {
    let code = region.trim().to_ascii_uppercase();
    // The UK nations share GB's numbers here (GB-NIR's own lines are issue 10's phones work, not done yet).
    let code = if code.starts_with("GB-") { "GB".to_owned() } else { code };
    ALIASES.iter().find(|(alias, _)| *alias == code).map_or(code, |(_, to)| (*to).to_owned())
}

/// The numbers for `region` (the profile's code, in any case; `UK` is `GB`), or the fallback.
pub fn numbers(region: Option<&str>) -> &'static RegionNumbers {
    let wanted = region.map(canonical);
    REGIONS
        .iter()
        .find(|r| r.region.is_some() && r.region.map(str::to_owned) == wanted)
        .unwrap_or(&REGIONS[REGIONS.len() - 1])
}

impl RegionNumbers {
    /// The number to call when thoughts of self-harm come: the crisis line, or the emergency number where the
    /// guidance lists no line.
    pub fn crisis_number(&self) -> &'static str {
        self.crisis.map(|c| c.number).unwrap_or(self.emergency)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_exactly_the_guidance_list_and_unknown_falls_back_to_112() {
        let table = [
            ("IE", "112 or 999", Some("116 123")),
            ("GB", "999", Some("116 123")),
            ("US", "911", Some("988")),
            ("CA", "911", Some("988")),
            ("AU", "000", Some("13 11 14")),
            ("NZ", "111", Some("1737")),
            ("EU", "112", None),
        ];
        for (region, emergency, crisis) in table {
            let n = numbers(Some(region));
            assert_eq!(n.region, Some(region));
            assert_eq!(n.emergency, emergency, "{region}");
            assert_eq!(n.crisis.map(|c| c.number), crisis, "{region}");
        }
        assert_eq!(numbers(Some("GB")).urgent_advice, Some("NHS 111"));
        for unknown in [None, Some("FR"), Some("zz"), Some("")] {
            let n = numbers(unknown);
            assert_eq!((n.region, n.emergency, n.crisis), (None, "112", None), "{unknown:?}");
            assert_eq!(n.crisis_number(), "112");
        }
        assert_eq!(numbers(Some("ie")).emergency, "112 or 999", "codes are matched without regard to case");
    }

    #[test]
    fn uk_is_gb_in_any_case_and_near_misses_still_fall_back() {
        for typed in ["UK", "uk", " Uk ", "GB", "gb"] {
            let n = numbers(Some(typed));
            assert_eq!((n.region, n.emergency, n.urgent_advice), (Some("GB"), "999", Some("NHS 111")), "{typed}");
        }
        assert_eq!(canonical(" uk "), "GB");
        assert_eq!(canonical("nz"), "NZ");
        for near in ["U", "UKK", "ENG", "GBR"] {
            assert_eq!(numbers(Some(near)).region, None, "{near}");
        }
    }
}
