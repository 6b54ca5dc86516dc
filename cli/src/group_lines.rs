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

use crate::output::CliError;

/// An alert with the group lines offered after its numbers.
#[derive(Serialize)]
pub struct AlertWithLines {
    #[serde(flatten)]
    pub alert: Alert,
    /// The groups' support lines, after `phones`: only for mood alerts, only those the group re-confirmed in
    /// the last six months.
    pub group_lines: Vec<GroupLine>,
}

/// Each alert with its group lines.
pub fn for_alerts(mend: &Mend, alerts: &[Alert]) -> Result<Vec<AlertWithLines>, CliError> {
    // Reading the group lines needs no secret; the key file is not created here.
    let keys = FileKeyStore::in_dir(&crate::commands::group::keys_dir(mend.data_dir()));
    let groups = mend.groups(&keys);
    alerts
        .iter()
        .map(|alert| {
            let group_lines = groups.hotlines_for_alert(alert.rule).map_err(|e| CliError::failure(e.to_string()))?;
            Ok(AlertWithLines { alert: alert.clone(), group_lines })
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
