//! Tests for the rule module: parse errors, hand-picked expansions, robustness, and differential tests against
//! the `rrule` crate.

mod differential;
mod errors;
mod expand;
mod reference;
mod robustness;
