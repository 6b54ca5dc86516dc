//! The support lines of the groups a person joined, beside the care engine's alerts: after a mood alert's
//! official numbers (never with any other alert), each labelled with its group — the group's words, not Mend's
//! — and marked "not an emergency line" where the group says so. JSON gives each alert its `group_lines`
//! (empty for every alert that is not a mood alert); the human text lists them after the alerts. The Library
//! (`mend library lines`) lists every one, marked when not re-confirmed.

use mend_core::Mend;
use mend_core::care::Alert;
use mend_core::groups::hotlines::GroupLine;
use mend_core::sync::keystore::FileKeyStore;
use serde::Serialize;

/// An alert with the group lines offered after its numbers.
#[derive(Serialize)]
pub struct AlertWithLines {
    #[serde(flatten)]
    pub alert: Alert,
    /// The groups' support lines, after `phones`: only for mood alerts, only those the group re-confirmed in
    /// the last six months.
    pub group_lines: Vec<GroupLine>,
}

/// Each alert with its group lines. A group's lines that cannot be read are left out: nothing about a group may
/// ever keep an alert and its official numbers from being shown.
pub fn for_alerts(mend: &Mend, alerts: &[Alert]) -> Vec<AlertWithLines> {
    // Reading the group lines needs no secret; the key file is not created here.
    let keys = FileKeyStore::in_dir(&crate::commands::group::keys_dir(mend.data_dir()));
    let groups = mend.groups(&keys);
    alerts
        .iter()
        .map(|alert| AlertWithLines {
            alert: alert.clone(),
            group_lines: groups.hotlines_for_alert(alert.rule).unwrap_or_default(),
        })
        .collect()
}

/// One group line in words: "From <group>: <name>, <number> (<hours>). Not an emergency line."
pub fn line(l: &GroupLine) -> String {
    let hours = l.hours.as_deref().map(|h| format!(" ({h})")).unwrap_or_default();
    let not_emergency = if l.not_emergency { " Not an emergency line." } else { "" };
    format!("From {}: {}, {}{hours}.{not_emergency}", l.group_name, l.name, l.words)
}

/// A group line as the Library lists it: [`line`], marked when the group has not re-confirmed it in six
/// months or its pack has expired.
pub fn library_line(l: &GroupLine) -> String {
    let mark = if l.current() {
        String::new()
    } else {
        format!(" Not re-confirmed since {}: check it before you rely on it.", l.last_verified.format("%-d %B %Y"))
    };
    format!("{}{mark}", line(l))
}

/// The lines to print after the alerts: the group lines of the mood alerts among them, each once, under words
/// that say whose they are. Empty when there are none.
pub fn after_alerts(alerts: &[AlertWithLines]) -> Vec<String> {
    let mut seen: Vec<&str> = Vec::new();
    let mut lines = Vec::new();
    for l in alerts.iter().filter(|a| a.alert.open).flat_map(|a| &a.group_lines) {
        if seen.contains(&l.uri.as_str()) {
            continue;
        }
        seen.push(&l.uri);
        lines.push(format!("  {}", line(l)));
    }
    if !lines.is_empty() {
        lines.insert(0, String::new());
        lines.insert(1, "Support lines from your groups (their words, after the numbers above):".to_owned());
    }
    lines
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;

    fn group_line(stale: bool, expired: bool) -> GroupLine {
        GroupLine {
            group_id: "ab12".into(),
            group_name: "Tuesday circle".into(),
            item_id: "line".into(),
            name: "Listening line".into(),
            words: "0800 014 7800".into(),
            uri: "tel:+448000147800".into(),
            hours: Some("Weekdays 10:00-15:00".into()),
            not_emergency: true,
            last_verified: NaiveDate::from_ymd_opt(2027, 1, 2).unwrap(),
            stale,
            expired,
        }
    }

    #[test]
    fn a_line_names_its_group_and_says_it_is_not_an_emergency_line() {
        assert_eq!(
            line(&group_line(false, false)),
            "From Tuesday circle: Listening line, 0800 014 7800 (Weekdays 10:00-15:00). Not an emergency line."
        );
        assert_eq!(library_line(&group_line(false, false)), line(&group_line(false, false)));
    }

    #[test]
    fn a_stale_or_expired_line_is_marked_in_the_library() {
        for (stale, expired) in [(true, false), (false, true)] {
            let text = library_line(&group_line(stale, expired));
            assert!(text.ends_with("Not re-confirmed since 2 January 2027: check it before you rely on it."), "{text}");
        }
    }
}
