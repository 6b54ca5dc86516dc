//! A pack's sections: one per publisher, each signed by its own publisher, so one moderator's publishing never
//! replaces another's items. A section names the group, its publisher, a sequence that only rises for that
//! publisher (the group-wide pack sequence it was first posted at), the charter version it was made under, when
//! it was issued and expires, and its items.
//!
//! [`check_sections`] is what every reader applies (members refuse a whole pack when any section fails it); a
//! moderator posting uses [`merge`]: their own new section, and every other section carried forward byte for
//! byte while it still verifies under the charter in force (publisher listed, items within their scopes,
//! unexpired), the rest dropped and named.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::charter::{Charter, GroupId};
use super::codec;
use super::error::{GroupError, Result};
use super::items::{Item, ItemKind};
use super::pack::{MAX_ITEMS, MAX_PACK_BYTES};
use crate::crypto::{self, Bytes32, SigningKey};

/// The label section signatures are made under.
pub const SECTION_LABEL: &str = "mend-section-v1";
/// The most sections one pack may hold (owners and publishers together).
pub const MAX_SECTIONS: usize = 80;

/// One publisher's items.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Section {
    pub group_id: GroupId,
    /// The publisher's signing key (an owner's counts, with every scope).
    pub publisher: Bytes32,
    /// Rises with each section this publisher makes: the group's pack sequence it was first posted at.
    pub sequence: u64,
    /// The charter version it was made under.
    pub charter_version: u32,
    pub issued_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub items: Vec<Item>,
}

/// A section's exact bytes and its publisher's signature over them: carried from pack to pack unchanged.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignedSection {
    pub body: Vec<u8>,
    pub signature: Vec<u8>,
}

/// What a charter lets `key` publish: every kind for an owner, a publisher's scopes, or `None`.
pub fn scopes(charter: &Charter, key: &Bytes32) -> Option<Vec<ItemKind>> {
    if charter.is_owner(key) {
        return Some(ItemKind::ALL.to_vec());
    }
    charter.publisher(key).map(|p| p.scopes.clone())
}

/// How a charter names `key`: a publisher's or owner's name (the moderators' own words).
pub fn name(charter: &Charter, key: &Bytes32) -> String {
    charter
        .publisher(key)
        .map(|p| p.name.clone())
        .or_else(|| charter.owners.iter().find(|o| &o.signing_key == key).map(|o| o.name.clone()))
        .unwrap_or_else(|| "a former publisher".to_owned())
}

impl Section {
    /// Checks every item (the error names `items[i].field`), that no id repeats and the dates.
    pub fn check(&self) -> Result<()> {
        if self.items.len() > MAX_ITEMS {
            return Err(GroupError::invalid("items", "a pack holds at most 1000 items"));
        }
        for (i, item) in self.items.iter().enumerate() {
            item.check().map_err(|e| match e {
                GroupError::Invalid { field, reason } => GroupError::invalid(format!("items[{i}].{field}"), reason),
                other => other,
            })?;
            if self.items[..i].iter().any(|earlier| earlier.id == item.id) {
                return Err(GroupError::invalid(format!("items[{i}].id"), "another item in the pack has this id"));
            }
        }
        if self.expires_at <= self.issued_at {
            return Err(GroupError::invalid("expires_at", "must be after issued_at"));
        }
        Ok(())
    }

    /// Checks the section and signs it with `publisher`, which it must name.
    pub fn sign(&self, publisher: &SigningKey) -> Result<SignedSection> {
        self.check()?;
        if publisher.public() != self.publisher {
            return Err(GroupError::invalid(
                "publisher",
                "the section names another publisher than the key signing it",
            ));
        }
        let body = codec::encode(self);
        let signature = publisher.sign(SECTION_LABEL, &body).to_vec();
        Ok(SignedSection { body, signature })
    }
}

impl SignedSection {
    /// Reads the section and checks its publisher's signature (whether that publisher may publish it is for
    /// [`check_sections`]).
    pub fn open(&self) -> Result<Section> {
        let section: Section = codec::decode(&self.body, "section", MAX_PACK_BYTES)?;
        let signature: [u8; 64] =
            self.signature.as_slice().try_into().map_err(|_| GroupError::Malformed { what: "section" })?;
        crypto::verify(&section.publisher, SECTION_LABEL, &self.body, &signature)
            .map_err(|reason| GroupError::Crypto { what: "section", reason })?;
        Ok(section)
    }
}

/// Whether one opened section would verify under `charter` at `now`, apart from the other sections: its group,
/// a listed publisher, its charter version not ahead of the one in force, its sequence not above the pack's
/// (`within`), unexpired, every item in the publisher's scopes and checked.
pub fn check_one(section: &Section, group: &GroupId, charter: &Charter, within: u64, now: DateTime<Utc>) -> Result<()> {
    if &section.group_id != group {
        return Err(GroupError::refused("pack", "one of its sections belongs to another group"));
    }
    let Some(allowed) = scopes(charter, &section.publisher) else {
        return Err(GroupError::refused("pack", "one of its sections is not by a publisher of this group"));
    };
    if section.charter_version > charter.version {
        return Err(GroupError::refused("pack", "one of its sections names a charter newer than the one in force"));
    }
    if section.sequence == 0 || section.sequence > within {
        return Err(GroupError::refused("pack", "one of its sections is numbered after the pack that carries it"));
    }
    if now >= section.expires_at {
        return Err(GroupError::refused("pack", "one of its sections has expired"));
    }
    if let Some(item) = section.items.iter().find(|i| !allowed.contains(&i.kind())) {
        return Err(GroupError::refused(
            "pack",
            format!("its publisher may not publish a {}: it is outside their scope", item.kind().code()),
        ));
    }
    section.check()
}

/// Opens and checks every section of a pack numbered `within` under `charter` at `now`, refusing all of them
/// when any fails [`check_one`], when one publisher has two sections, when an item id is in two sections, or
/// when the items together are too many. `seen` gives the sequence last accepted from a publisher: a section
/// below it is an older one replayed, and is refused.
pub fn check_sections(
    signed: &[SignedSection],
    group: &GroupId,
    charter: &Charter,
    within: u64,
    seen: impl Fn(&Bytes32) -> u64,
    now: DateTime<Utc>,
) -> Result<Vec<Section>> {
    if signed.len() > MAX_SECTIONS {
        return Err(GroupError::refused("pack", "it holds too many sections"));
    }
    let mut sections: Vec<Section> = Vec::with_capacity(signed.len());
    for one in signed {
        let section = one.open()?;
        check_one(&section, group, charter, within, now)?;
        if sections.iter().any(|s| s.publisher == section.publisher) {
            return Err(GroupError::refused("pack", "it holds two sections from one publisher"));
        }
        if section.sequence < seen(&section.publisher) {
            return Err(GroupError::refused("pack", "one of its sections is older than one already received"));
        }
        if let Some(item) = section.items.iter().find(|i| sections.iter().any(|s| s.items.iter().any(|o| o.id == i.id)))
        {
            return Err(GroupError::refused("pack", format!("two of its sections hold an item {}", item.id)));
        }
        sections.push(section);
    }
    if sections.iter().map(|s| s.items.len()).sum::<usize>() > MAX_ITEMS {
        return Err(GroupError::refused("pack", "it holds more than 1000 items"));
    }
    Ok(sections)
}

/// A section left out of a new pack because members would no longer accept it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Dropped {
    /// Its publisher, as the charter in force (or, for a former publisher, plain words) names them.
    pub publisher: String,
    /// Why, in plain words.
    pub reason: String,
}

/// The sections of the next pack, numbered `within`: `mine` (this publisher's new section, or `None` to leave
/// theirs out) and every other section of `current` carried forward unchanged while it still verifies under
/// `charter` at `now`; the others are dropped and named. An item of `mine` whose id another carried section
/// holds is refused, naming `items[i].id`. `name_of` names a publisher (from the newest charter that lists them).
pub fn merge(
    current: &[SignedSection],
    mine: Option<(SignedSection, &Section)>,
    me: &Bytes32,
    charter: &Charter,
    within: u64,
    now: DateTime<Utc>,
    name_of: &dyn Fn(&Bytes32) -> String,
) -> Result<(Vec<SignedSection>, Vec<Dropped>)> {
    let mut kept: Vec<(SignedSection, Section)> = Vec::new();
    let mut dropped = Vec::new();
    for one in current {
        let Ok(section) = one.open() else {
            dropped
                .push(Dropped { publisher: "someone unknown".into(), reason: "their section does not verify".into() });
            continue;
        };
        // This moderator's own section is replaced, whatever state it was in.
        if &section.publisher == me {
            continue;
        }
        let shared = |k: &Section| k.items.iter().any(|o| section.items.iter().any(|i| i.id == o.id));
        let verdict = match check_one(&section, &charter.group_id, charter, within, now) {
            Err(GroupError::Refused { reason, .. }) => Err(reason.replace("one of its sections", "their section")),
            Err(other) => Err(other.to_string()),
            Ok(()) if kept.iter().any(|(_, k)| k.publisher == section.publisher) => {
                Err("they had two sections; the first is kept".to_owned())
            }
            Ok(()) if kept.iter().any(|(_, k)| shared(k)) => {
                Err("an item of theirs has the id of an item in another section".to_owned())
            }
            Ok(()) => Ok(()),
        };
        match verdict {
            Ok(()) => kept.push((one.clone(), section)),
            Err(reason) => dropped.push(Dropped { publisher: name_of(&section.publisher), reason }),
        }
    }
    let mut out: Vec<SignedSection> = Vec::with_capacity(kept.len() + 1);
    if let Some((signed, section)) = mine {
        for (i, item) in section.items.iter().enumerate() {
            if let Some((_, other)) = kept.iter().find(|(_, k)| k.items.iter().any(|o| o.id == item.id)) {
                return Err(GroupError::invalid(
                    format!("items[{i}].id"),
                    format!("{}'s section already has an item with this id", name_of(&other.publisher)),
                ));
            }
        }
        let total = section.items.len() + kept.iter().map(|(_, k)| k.items.len()).sum::<usize>();
        if total > MAX_ITEMS {
            return Err(GroupError::invalid(
                "items",
                format!("with the other publishers' sections the pack would hold {total} items; at most 1000"),
            ));
        }
        out.push(signed);
    }
    out.extend(kept.into_iter().map(|(signed, _)| signed));
    Ok((out, dropped))
}
