//! The numbers a person keeps in their profile, as `mend init` and `mend settings numbers` take them: the
//! early-pregnancy or maternity unit's 24-hour number, and their own emergency and crisis numbers. Each number
//! comes with a label (`--unit-number` needs `--unit-label`). The core checks them; nothing here repeats a number
//! in an error.

use clap::Args as ClapArgs;
use mend_core::journal::{NumberInput, OwnNumber, Profile};

/// The three numbers as flags.
#[derive(Debug, Default, ClapArgs)]
pub struct NumberArgs {
    /// Your early pregnancy unit's or maternity service's 24-hour number: Mend offers it first when something
    /// needs care now.
    #[arg(long, value_name = "NUMBER", requires = "unit_label")]
    pub unit_number: Option<String>,
    /// Whose number --unit-number is, e.g. "Cork EPU".
    #[arg(long, value_name = "LABEL", requires = "unit_number")]
    pub unit_label: Option<String>,
    /// Your own emergency number, for a region Mend has no numbers for (region `other`).
    #[arg(long, value_name = "NUMBER", requires = "own_emergency_label")]
    pub own_emergency_number: Option<String>,
    /// Whose number --own-emergency-number is, e.g. "Ambulance".
    #[arg(long, value_name = "LABEL", requires = "own_emergency_number")]
    pub own_emergency_label: Option<String>,
    /// Someone to call when things are very dark, for a region Mend has no crisis line for (region `other`).
    #[arg(long, value_name = "NUMBER", requires = "own_crisis_label")]
    pub own_crisis_number: Option<String>,
    /// Whose number --own-crisis-number is, e.g. "my sister".
    #[arg(long, value_name = "LABEL", requires = "own_crisis_number")]
    pub own_crisis_label: Option<String>,
}

fn input(label: &Option<String>, number: &Option<String>) -> Option<NumberInput> {
    Some(NumberInput { label: label.clone()?, number: number.clone()? })
}

impl NumberArgs {
    /// The unit's number, own emergency and own crisis numbers given, each `None` where not given.
    pub fn inputs(&self) -> [Option<NumberInput>; 3] {
        [
            input(&self.unit_label, &self.unit_number),
            input(&self.own_emergency_label, &self.own_emergency_number),
            input(&self.own_crisis_label, &self.own_crisis_number),
        ]
    }
}

/// The profile's numbers in a few lines, for the person themselves: "Early pregnancy unit: Cork EPU, 021 492 0000".
pub fn describe(profile: &Profile) -> String {
    let line = |what: &str, n: &Option<OwnNumber>| match n {
        Some(n) => format!("{what}: {}, {}", n.label, n.number),
        None => format!("{what}: none"),
    };
    [
        line("Early pregnancy unit (24 hours)", &profile.unit_number),
        line("Your own emergency number", &profile.own_emergency_number),
        line("Your own crisis contact", &profile.own_crisis_number),
    ]
    .join("\n")
}
