//! The Library's support lines: the official ones first — the crisis lines (call, then text) and the emergency
//! numbers for the person's region, with their own numbers where the guidance has none, exactly as a mood
//! alert offers them — then the hotlines of the groups the person joined, each labelled with its group (the
//! group's words, never Mend's). Every group line is listed, marked when the group has not re-confirmed it in
//! six months or its pack has expired ("not re-confirmed since DATE"); only current ones ever stand beside an
//! alert (`groups::hotlines`).

use serde::Serialize;

use super::Library;
use crate::care::phones::{Own, Phone, phones_for};
use crate::care::regions::numbers;
use crate::care::{RuleId, Severity};
use crate::error::Result;
use crate::groups::hotlines::{self, GroupLine};
use crate::journal::Journal;

/// Support lines, official first.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SupportLines {
    /// The region the official lines are for (`ZZ` when none is set or the guidance has no row for it).
    pub region: String,
    /// The guidance's crisis lines and emergency numbers, in order.
    pub official: Vec<Phone>,
    /// The groups' hotlines, after the official lines.
    pub groups: Vec<GroupLine>,
}

impl Library<'_> {
    /// The official support lines for the person's region, then every group hotline.
    pub fn support_lines(&self) -> Result<SupportLines> {
        let profile = Journal::new(self.core).profile()?;
        let n = numbers(profile.as_ref().and_then(|p| p.region.as_deref()));
        let official = phones_for(RuleId::MoodCrisis, Severity::Emergency, n, Own::of(profile.as_ref()));
        let now = self.core.clock.now();
        let groups = self.core.store.read(|conn| Ok(hotlines::all(conn, now)?))?;
        Ok(SupportLines { region: n.region.to_owned(), official, groups })
    }
}
