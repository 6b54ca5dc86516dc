//! Where the person is now: the zone a command reads local times in and counts "today" by. It is `--tz` when
//! given, else the `TZ` environment variable, else the profile's home zone (UTC until one is set). The names
//! are read by the core (`zone::typed_zone`), which refuses abbreviations such as `EST` with a suggestion.

use mend_core::Mend;
use mend_core::zone::Zone;

use crate::output::CliError;
use crate::parse;

/// The current zone: `given` (`--tz`), else `TZ`, else the home zone.
pub fn current_zone(mend: &Mend, given: Option<&str>) -> Result<Zone, CliError> {
    if let Some(name) = given {
        return parse::zone("tz", name);
    }
    match from_environment(std::env::var("TZ").ok().as_deref()) {
        Some(name) => parse::zone("TZ", name),
        None => Ok(mend.time_zone()?),
    }
}

/// The zone name in a `TZ` value, if it names one: `Europe/Dublin`, `:Europe/Dublin`, or a path into a zoneinfo
/// directory. An empty value, or a path to the system's own file (`:/etc/localtime`), names none.
fn from_environment(value: Option<&str>) -> Option<&str> {
    let value = value?.trim();
    let value = value.strip_prefix(':').unwrap_or(value);
    if let Some((_, name)) = value.split_once("zoneinfo/") {
        return Some(name).filter(|n| !n.is_empty());
    }
    Some(value).filter(|v| !v.is_empty() && !v.starts_with('/'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tz_values_name_a_zone_or_nothing() {
        assert_eq!(from_environment(Some("Europe/Dublin")), Some("Europe/Dublin"));
        assert_eq!(from_environment(Some(":America/New_York")), Some("America/New_York"));
        assert_eq!(from_environment(Some("/usr/share/zoneinfo/Asia/Tokyo")), Some("Asia/Tokyo"));
        assert_eq!(from_environment(Some("EST")), Some("EST"), "left for the core to refuse");
        for none in [None, Some(""), Some(":/etc/localtime"), Some("  ")] {
            assert_eq!(from_environment(none), None, "{none:?}");
        }
    }
}
