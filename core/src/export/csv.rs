//! CSV of check-ins for spreadsheets: one row per check-in, a header naming every column, feelings joined
//! with `;`. Free text that a spreadsheet would run as a formula is prefixed with `'`.

use crate::error::{Error, Result};
use crate::journal::{CheckIn, Journal, PainPlace, Signs};
use crate::mend::Core;

fn header() -> Vec<String> {
    let mut cols: Vec<String> =
        ["guid", "at", "time_zone", "day", "bleeding", "pads_per_hour", "clots"].map(String::from).to_vec();
    cols.extend(PainPlace::ALL.iter().map(|p| format!("pain_{p}")));
    cols.extend(
        [
            "temperature_c",
            "chills",
            "flu_like",
            "discharge",
            "dizziness",
            "fainted",
            "leg_left_swelling",
            "leg_left_warmth",
            "leg_left_redness",
            "leg_right_swelling",
            "leg_right_warmth",
            "leg_right_redness",
            "chest_pain",
            "breathless",
            "coughing_blood",
            "mood",
            "feelings",
            "self_harm_thoughts",
            "sleep_hours",
            "energy",
            "note",
            "soaking_hours",
            "came_round_within_a_minute",
        ]
        .map(String::from),
    );
    cols.extend(Signs::default().flags().iter().map(|(name, _)| (*name).to_owned()));
    cols.push("answered".to_owned());
    cols.push("logged_by".to_owned());
    cols
}

fn opt<T: ToString>(value: Option<T>) -> String {
    value.map(|v| v.to_string()).unwrap_or_default()
}

/// Neutralises text a spreadsheet would treat as a formula.
fn safe_text(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{text}") } else { text.to_owned() }
}

fn row(c: &CheckIn) -> Vec<String> {
    let d = &c.data;
    let mut cells = vec![
        c.guid.clone(),
        c.at.to_rfc3339(),
        c.time_zone.clone(),
        c.day.to_string(),
        opt(d.bleeding),
        opt(d.pads_per_hour),
        opt(d.clots),
    ];
    cells.extend(PainPlace::ALL.iter().map(|p| opt(d.pain.get(*p))));
    let flags = [d.chills, d.flu_like];
    cells.push(opt(d.temperature_c));
    cells.extend(flags.iter().map(|b| b.to_string()));
    cells.push(opt(d.discharge));
    cells.push(opt(d.dizziness));
    for b in [
        d.fainted,
        d.leg_left.swelling,
        d.leg_left.warmth,
        d.leg_left.redness,
        d.leg_right.swelling,
        d.leg_right.warmth,
        d.leg_right.redness,
        d.chest_pain,
        d.breathless,
        d.coughing_blood,
    ] {
        cells.push(b.to_string());
    }
    cells.push(opt(d.mood));
    cells.push(d.feelings.iter().map(|f| f.code()).collect::<Vec<_>>().join(";"));
    cells.push(d.self_harm_thoughts.to_string());
    cells.push(opt(d.sleep_hours));
    cells.push(opt(d.energy));
    cells.push(d.note.as_deref().map(safe_text).unwrap_or_default());
    cells.push(opt(d.signs.soaking_hours));
    cells.push(opt(d.signs.came_round_within_a_minute));
    cells.extend(d.signs.flags().iter().map(|(_, on)| on.to_string()));
    cells.push(d.answered.join(";"));
    cells.push(opt(d.logged_by));
    cells
}

pub(super) fn checkins(core: &Core) -> Result<String> {
    let mut writer = ::csv::Writer::from_writer(Vec::new());
    let write_err = |_| Error::Io("could not write CSV".into());
    writer.write_record(header()).map_err(write_err)?;
    for checkin in Journal::new(core).all_checkins()? {
        writer.write_record(row(&checkin)).map_err(write_err)?;
    }
    let bytes = writer.into_inner().map_err(|_| Error::Io("could not write CSV".into()))?;
    Ok(String::from_utf8(bytes).expect("CSV of UTF-8 text is UTF-8"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_and_rows_have_the_same_width_and_formulas_are_neutralised() {
        let c: CheckIn = serde_json::from_value(serde_json::json!({
            "guid": "abcdefghijklmnop", "at": "2026-05-01T09:00:00Z", "time_zone": "UTC", "day": "2026-05-01",
            "note": "=HYPERLINK(\"x\")", "feelings": ["grief", "hope"], "created_at": "2026-05-01T09:00:00Z",
            "updated_at": "2026-05-01T09:00:00Z"
        }))
        .unwrap();
        let cells = row(&c);
        assert_eq!(cells.len(), header().len());
        let note = header().iter().position(|h| h == "note").unwrap();
        assert_eq!(cells[note], "'=HYPERLINK(\"x\")");
        assert!(cells.contains(&"grief;hope".to_owned()));
    }
}
