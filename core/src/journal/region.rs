//! Region codes accepted at set-up: any ISO 3166-1 alpha-2 country code, a UK nation (GB-ENG, GB-SCT, GB-WLS,
//! GB-NIR), or `other` (stored as ZZ, ISO's user-assigned "unknown") for anywhere else. `UK` is an alias of GB
//! and `EU` (both exceptionally reserved by ISO 3166) is kept for journals from before. Anything else is refused
//! with a hint. Codes are read in any case and stored in upper case.

use crate::error::{Error, Result};

/// ISO 3166-1 alpha-2, every officially assigned code (249).
pub const ISO_3166_1: &str = "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO \
    BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER \
    ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN \
    IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH \
    MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN \
    PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ \
    TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW";

/// The UK nations.
pub const UK_NATIONS: [&str; 4] = ["GB-ENG", "GB-SCT", "GB-WLS", "GB-NIR"];

/// Anywhere else.
pub const OTHER: &str = "ZZ";

/// What a region may be, for hints wherever one is asked for.
pub const HINT: &str = "a country code such as IE, GB or US, a UK nation (GB-ENG, GB-SCT, GB-WLS, GB-NIR), or other";

/// The stored code for a region typed by a person, or an error naming `region` with a hint.
pub fn normalise(input: &str) -> Result<String> {
    let code = input.trim().to_ascii_uppercase().replace('_', "-");
    let code = match code.as_str() {
        "UK" => "GB".to_owned(),
        "OTHER" => OTHER.to_owned(),
        _ => code,
    };
    let known = code == OTHER
        || code == "EU"
        || UK_NATIONS.contains(&code.as_str())
        || (code.len() == 2 && ISO_3166_1.split_whitespace().any(|c| c == code));
    if known { Ok(code) } else { Err(Error::invalid("region", format!("must be {HINT}"))) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_iso_code_a_uk_nation_and_other_are_accepted_and_the_rest_refused_with_a_hint() {
        let codes: Vec<&str> = ISO_3166_1.split_whitespace().collect();
        assert_eq!(codes.len(), 249);
        for code in &codes {
            assert_eq!(normalise(&code.to_ascii_lowercase()).unwrap(), *code);
        }
        for nation in UK_NATIONS {
            assert_eq!(normalise(&nation.to_ascii_lowercase()).unwrap(), nation);
        }
        assert_eq!(normalise(" uk ").unwrap(), "GB");
        assert_eq!(normalise("other").unwrap(), "ZZ");
        assert_eq!(normalise("ZZ").unwrap(), "ZZ");
        for refused in ["", "XX", "GBR", "GB-XYZ", "Ireland", "U"] {
            match normalise(refused) {
                Err(Error::InvalidInput { field, reason }) => {
                    assert_eq!(field, "region");
                    assert!(reason.contains("GB-NIR") && reason.contains("other"), "{reason}");
                }
                other => panic!("{refused}: {other:?}"),
            }
        }
    }
}
