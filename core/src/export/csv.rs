//! CSV of check-ins for spreadsheets: one row per check-in, a header naming every column, feelings joined
//! with `;`. Free text that a spreadsheet would run as a formula is prefixed with `'`. The columns come from the
//! registry's check-in table ([`layout`]), so a new check-in field needs no code here.

use std::sync::OnceLock;

use chrono::DateTime;
use rusqlite::types::{ToSqlOutput, ValueRef};

use crate::error::{Error, Result};
use crate::journal::rows::CHECKINS;
use crate::journal::{CheckIn, Journal, PainPlace, Signs};
use crate::mend::Core;
use crate::store::registry::{Column, Kind, Merge};

/// Where a CSV column's cells come from.
#[derive(Clone, Copy)]
enum Source {
    /// A column of the registry's check-in table, by index.
    Column(usize),
    /// `signs`' hours of soaking.
    SoakingHours,
    /// `signs`' "came round within a minute".
    CameRound,
    /// A yes/no sign of `signs`, by its index in [`Signs::flags`].
    Flag(usize),
}

/// The CSV's columns, from the registry's check-in table in its order, with what the documented format does
/// differently: times and days are named `at` and `day`, the row's own `created_at` and `updated_at` are left
/// out, the pain columns stay together in the order of [`PainPlace::ALL`], and `signs` is spread into its
/// values and then each yes/no sign. A new column of the table comes out as itself, with no code here.
fn layout() -> &'static [(String, Source)] {
    static LAYOUT: OnceLock<Vec<(String, Source)>> = OnceLock::new();
    LAYOUT.get_or_init(|| {
        let columns = CHECKINS.table.columns;
        let index = |name: &str| columns.iter().position(|c| c.name == name).expect("a check-in column");
        let mut layout = Vec::new();
        for (i, column) in columns.iter().enumerate() {
            match column.name {
                "created_at" | "updated_at" => {}
                "at_ms" => layout.push(("at".to_owned(), Source::Column(i))),
                "local_day" => layout.push(("day".to_owned(), Source::Column(i))),
                "signs" => {
                    layout.push(("soaking_hours".to_owned(), Source::SoakingHours));
                    layout.push(("came_round_within_a_minute".to_owned(), Source::CameRound));
                    let flags = Signs::default().flags();
                    layout.extend(flags.iter().enumerate().map(|(f, (name, _))| ((*name).to_owned(), Source::Flag(f))));
                }
                pain if pain.starts_with("pain_") => {
                    if !layout.iter().any(|(name, _): &(String, Source)| name.starts_with("pain_")) {
                        layout.extend(PainPlace::ALL.iter().map(|p| {
                            let name = format!("pain_{p}");
                            let at = index(&name);
                            (name, Source::Column(at))
                        }));
                    }
                }
                name => layout.push((name.to_owned(), Source::Column(i))),
            }
        }
        layout
    })
}

fn header() -> Vec<&'static str> {
    layout().iter().map(|(name, _)| name.as_str()).collect()
}

fn opt<T: ToString>(value: Option<T>) -> String {
    value.map(|v| v.to_string()).unwrap_or_default()
}

/// Neutralises text a spreadsheet would treat as a formula.
fn safe_text(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{text}") } else { text.to_owned() }
}

/// A column's cell, from its SQL value by the registry's kind: yes/no as `true`/`false`, instants in RFC 3339,
/// lists joined with `;`, and the person's own words made safe for a spreadsheet.
fn cell(column: &Column, value: ToSqlOutput<'_>) -> String {
    let value = match &value {
        ToSqlOutput::Borrowed(v) => *v,
        ToSqlOutput::Owned(v) => ValueRef::from(v),
        _ => ValueRef::Null,
    };
    match (value, column.kind) {
        (ValueRef::Null, _) => String::new(),
        (ValueRef::Integer(n), Kind::Bool) => (n != 0).to_string(),
        (ValueRef::Integer(ms), Kind::Instant) => opt(DateTime::from_timestamp_millis(ms).map(|t| t.to_rfc3339())),
        (ValueRef::Integer(n), _) => n.to_string(),
        (ValueRef::Real(x), _) => x.to_string(),
        (ValueRef::Text(bytes), kind) => {
            let text = String::from_utf8_lossy(bytes);
            match (kind, column.merge) {
                (Kind::List, _) => text.replace(',', ";"),
                (_, Merge::KeepBoth) => safe_text(&text),
                _ => text.into_owned(),
            }
        }
        (ValueRef::Blob(_), _) => String::new(),
    }
}

fn row(c: &CheckIn) -> Result<Vec<String>> {
    let signs = &c.data.signs;
    let flags = signs.flags();
    layout()
        .iter()
        .map(|(_, source)| {
            Ok(match *source {
                Source::Column(i) => cell(&CHECKINS.table.columns[i], CHECKINS.value(c, i)?),
                Source::SoakingHours => opt(signs.soaking_hours),
                Source::CameRound => opt(signs.came_round_within_a_minute),
                Source::Flag(f) => flags[f].1.to_string(),
            })
        })
        .collect()
}

pub(super) fn checkins(core: &Core) -> Result<String> {
    let mut writer = ::csv::Writer::from_writer(Vec::new());
    let write_err = |_| Error::Io("could not write CSV".into());
    writer.write_record(header()).map_err(write_err)?;
    for checkin in Journal::new(core).all_checkins()? {
        writer.write_record(row(&checkin)?).map_err(write_err)?;
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
        let cells = row(&c).unwrap();
        assert_eq!(cells.len(), header().len());
        let note = header().iter().position(|h| *h == "note").unwrap();
        assert_eq!(cells[note], "'=HYPERLINK(\"x\")");
        assert!(cells.contains(&"grief;hope".to_owned()));
    }

    /// The CSV format, pinned cell by cell for a check-in with every kind of field given (docs/export-format.md).
    #[test]
    fn the_header_and_a_full_row_are_exactly_the_documented_format() {
        let c: CheckIn = serde_json::from_value(serde_json::json!({
            "guid": "abcdefghijklmnop", "at": "2026-05-01T09:00:00Z", "time_zone": "Europe/Dublin",
            "day": "2026-05-01", "bleeding": "heavy", "pads_per_hour": 1.5, "clots": "large",
            "pain": {"cramps": 6, "back": 2, "side_right": 3}, "temperature_c": 38.2, "chills": true,
            "discharge": "foul", "dizziness": "lasting", "fainted": true,
            "leg_left": {"swelling": true}, "leg_right": {"redness": true}, "breathless": true, "mood": 3,
            "feelings": ["grief", "hope"], "sleep_hours": 6.5, "energy": 4, "note": "Tired, \"sore\"",
            "signs": {"soaking_hours": 2.0, "came_round_within_a_minute": false, "nausea": true, "arm": true},
            "answered": ["bleeding", "pain"], "logged_by": "partner",
            "created_at": "2026-05-01T09:00:00Z", "updated_at": "2026-05-01T09:05:00Z"
        }))
        .unwrap();
        let line = |cells: Vec<&str>| {
            let mut w = ::csv::Writer::from_writer(Vec::new());
            w.write_record(cells).unwrap();
            String::from_utf8(w.into_inner().unwrap()).unwrap()
        };
        assert_eq!(
            line(header()),
            concat!(
                "guid,at,time_zone,day,bleeding,pads_per_hour,clots,pain_cramps,pain_back,pain_one_sided,",
                "pain_shoulder_tip,pain_breast,pain_head,pain_leg_left,pain_leg_right,pain_pelvis,",
                "pain_chest,pain_side_left,pain_side_right,temperature_c,chills,flu_like,discharge,",
                "dizziness,fainted,leg_left_swelling,leg_left_warmth,leg_left_redness,leg_right_swelling,",
                "leg_right_warmth,leg_right_redness,chest_pain,breathless,coughing_blood,mood,feelings,",
                "self_harm_thoughts,sleep_hours,energy,note,soaking_hours,came_round_within_a_minute,",
                "fainted_lying_down,pain_started_suddenly,pain_not_eased,pain_peeing_or_pooing,diarrhoea,",
                "nausea,vomiting,unable_to_keep_fluids_down,weakness,very_unwell,brown_watery_discharge,",
                "heart_racing,collapse,veins_left,veins_right,arm,confusion,pale_or_mottled,no_urine,",
                "extreme_shivering,severe_breathlessness,feel_might_die,very_sleepy,rash_not_fading,fit,",
                "very_fast_breathing,unable_to_keep_safe,whooley_down,whooley_no_interest,ptsd_memories,",
                "ptsd_avoiding,ptsd_on_edge,ptsd_numb,ptsd_guilt,vision_problems,pain_below_ribs,",
                "sudden_swelling,hallucinations,delusions,mania,out_of_character,breast_red_hot,",
                "wound_red_swollen,wound_pus,wound_opening,passed_not_a_clot,answered,logged_by\n"
            )
        );
        assert_eq!(
            line(row(&c).unwrap().iter().map(String::as_str).collect()),
            concat!(
                "abcdefghijklmnop,2026-05-01T09:00:00+00:00,Europe/Dublin,2026-05-01,heavy,1.5,large,6,2,,,,,,,,,,3,3",
                "8.2,true,false,foul,lasting,true,true,false,false,false,false,true,",
                "false,true,false,3,grief;hope,false,6.5,4,\"Tired, \"\"sore\"\"\",2,false,false,false,false,false,false,true,false,false,false,false,false,false,false,false,false,true,false,false,false,false,false,false,false,false,false,false,false,",
                "false,false,false,false,false,false,false,false,false,false,false,false,false,false,false,false,",
                "false,false,false,bleeding;pain,partner\n"
            )
        );
    }
}
