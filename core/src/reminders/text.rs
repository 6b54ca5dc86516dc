//! Notification words, in Mend's voice (shared/design/VOICE.md). With discreet notifications on (the
//! default) a lock screen shows nothing that names a medication, a symptom, a test, a group or the loss: only
//! "Time for your check-in" or "A reminder from Mend". With them off, the person's own title.

use super::codes::ReminderKind;

/// The generic title every discreet notification but a check-in uses.
pub const DISCREET_TITLE: &str = "A reminder from Mend";
/// The discreet title for a check-in.
pub const CHECK_IN_TITLE: &str = "Time for your check-in";
/// The discreet body: nothing about what the reminder is for.
pub const DISCREET_BODY: &str = "Open Mend when you have a moment.";

/// The title and body of a notification for a reminder of `kind` the person titled `title`.
pub fn notification(kind: ReminderKind, title: &str, discreet: bool) -> (String, String) {
    if discreet {
        let heading = if kind == ReminderKind::CheckIn { CHECK_IN_TITLE } else { DISCREET_TITLE };
        return (heading.to_owned(), DISCREET_BODY.to_owned());
    }
    (title.trim().to_owned(), full_body(kind).to_owned())
}

/// The body when the person has chosen full text.
fn full_body(kind: ReminderKind) -> &'static str {
    match kind {
        ReminderKind::CheckIn => "Whenever you're ready, a quick check-in helps Mend look out for you.",
        ReminderKind::Medication => "Your medication reminder.",
        ReminderKind::Appointment => "Your appointment is coming up.",
        ReminderKind::MassageSession => "Your massage session is coming up.",
        ReminderKind::PregnancyTest => "The test you planned. There's no rush.",
        ReminderKind::SelfCare => "A moment for yourself.",
        ReminderKind::Memorial => "Thinking of you today.",
        ReminderKind::GroupMeeting => "Your group meets soon.",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn discreet_text_never_carries_the_title_or_the_kind() {
        let title = "Misoprostol 400mcg, bleeding check";
        for kind in ReminderKind::ALL {
            let (heading, body) = notification(*kind, title, true);
            let text = format!("{heading} {body}").to_lowercase();
            for word in [
                "misoprostol",
                "bleeding",
                "medication",
                "test",
                "pregnan",
                "loss",
                "miscarriage",
                "massage",
                "group",
                "appointment",
                "memorial",
                "baby",
            ] {
                assert!(!text.contains(word), "{kind}: {text}");
            }
        }
        assert_eq!(notification(ReminderKind::CheckIn, title, true).0, CHECK_IN_TITLE);
        assert_eq!(notification(ReminderKind::Medication, title, true).0, DISCREET_TITLE);
    }

    #[test]
    fn full_text_uses_the_persons_title() {
        let (heading, body) = notification(ReminderKind::Medication, " Ibuprofen ", false);
        assert_eq!(heading, "Ibuprofen");
        assert!(!body.contains('!'));
    }
}
