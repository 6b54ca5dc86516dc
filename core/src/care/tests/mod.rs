//! Care engine tests: every rule, marker and gate at its threshold and just below; six-week scenarios through
//! the real journal; alert episodes, acknowledgement (and what brings an acknowledged alert back) and
//! re-opening; export round-trips; properties (never panics, deterministic, order-free, windowed reads change
//! nothing); parity with shared/clinical/guidance.md; and the language of every text the engine can produce.

mod acknowledged;
mod acute;
mod batch_insert;
mod boundaries;
mod course;
mod course_markers;
mod episodes;
mod gates;
mod guidance;
mod inputs;
mod kind_change;
mod language;
mod later_loss;
mod lifetime;
mod markers;
mod normal;
mod properties;
mod scenarios;
mod screens;
pub(crate) mod support;
mod write_copy;
