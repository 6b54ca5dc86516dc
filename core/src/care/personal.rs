//! A stored alert as the person sees it: the numbers for their region, and the numbers they keep in their
//! profile (the unit's 24-hour number first for Urgent findings; their own numbers where the guidance has no
//! row for the region) in its phones and its first line.

use super::alerts::{Alert, AlertRecord};
use super::phones::{Own, phones_for};
use super::regions::numbers;
use super::words;
use crate::journal::Profile;

/// The alert for `record`, for `region` and the numbers in `profile`.
pub(crate) fn shown(record: &AlertRecord, region: Option<&str>, profile: Option<&Profile>) -> Alert {
    let alert = Alert::from_record(record, region);
    let own = Own::of(profile);
    if own == Own::default() {
        return alert;
    }
    let n = numbers(region);
    let phones = phones_for(alert.rule, alert.severity, n, own);
    Alert {
        action: words::action_for(alert.rule, alert.severity, n, own),
        phone: phones.first().map_or_else(|| alert.phone.clone(), |p| p.words.clone()),
        phones,
        ..alert
    }
}
