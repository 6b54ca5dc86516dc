//! After a loss nothing speaks of an ongoing pregnancy: every text the engine can produce (and every text it
//! produced over realistic journals) passes the language check, and urgent texts lead with what to do.

use chrono::Duration;

use super::support::*;
use crate::care::words::all_texts;
use crate::care::{Alert, AlertRecord, RuleId, Severity, regions, rules};
use crate::voice::app_text_problems as pregnancy_progress_words;

#[test]
fn no_text_the_engine_can_produce_speaks_of_an_ongoing_pregnancy() {
    let texts = all_texts();
    assert!(texts.len() > 100, "{}", texts.len());
    for text in &texts {
        assert_eq!(pregnancy_progress_words(text), Vec::<&str>::new(), "{text}");
        assert!(!text.contains('!'), "no exclamation marks: {text}");
    }
}

#[test]
fn every_alert_action_names_a_number_for_every_region() {
    for region in regions::REGIONS.iter() {
        for rule in rules::ALL {
            let record = AlertRecord {
                guid: "alert-000000000001".into(),
                rule: rule.id,
                raised_at: day(1),
                cleared_at: None,
                because: vec![],
                message: String::new(),
                acknowledged: false,
                acknowledged_at: None,
                episodes: 1,
                created_at: day(1),
                updated_at: day(1),
                level: None,
                acknowledged_level: None,
                severity: None,
                seen_at: None,
            };
            let alert = Alert::from_record(&record, Some(region.region));
            assert!(alert.action.contains(&alert.phone), "{} in {:?}: {}", rule.id, region.region, alert.action);
            if matches!(rule.severity, Severity::Emergency | Severity::Urgent) && rule.id != RuleId::MoodCrisis {
                let first_sentence = alert.action.split(". ").next().unwrap();
                assert!(first_sentence.contains(&region.emergency()), "{}: {}", rule.id, alert.action);
            }
        }
    }
}

#[test]
fn what_the_engine_said_over_a_stormy_journal_passes_the_check() {
    let mut j = J::weeks(20);
    for n in 0..42 {
        j = j.with(ci(day(n), |d| {
            d.pads_per_hour = Some((n % 5) as f64);
            d.temperature_c = Some(37.5 + (n % 4) as f64 * 0.3);
            d.pain.cramps = Some((n % 11) as u8);
            d.pain.one_sided = Some((n % 3) as u8);
            d.pain.shoulder_tip = Some((n % 2) as u8);
            d.mood = Some((n % 3) as u8);
            d.leg_left.swelling = n % 7 == 0;
            d.self_harm_thoughts = n % 13 == 0;
        }));
    }
    for n in (0..50).step_by(3) {
        let a = j.at(day(n) + Duration::hours(1));
        for text in a.findings.iter().map(|f| f.message.clone()).chain(a.markers.iter().map(|m| m.message.clone())) {
            assert_eq!(pregnancy_progress_words(&text), Vec::<&str>::new(), "{text}");
        }
        for g in a.readiness {
            for text in g.reasons.iter().chain(g.opens.iter()) {
                assert_eq!(pregnancy_progress_words(text), Vec::<&str>::new(), "{text}");
            }
        }
    }
}
