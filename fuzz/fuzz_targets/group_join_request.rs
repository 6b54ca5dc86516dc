//! Fuzzes the join requests moderators open from a private group's join inbox (`request::open`) with a fixed
//! intake key: any input never panics; a request that opens has a name within the rules, and sealed again it
//! opens to the same request. (The box is HPKE, so mutations of the seeds `tests/group_seeds.rs` seals for
//! `INTAKE_SECRET` open only if the fuzzer finds a forgery; the size checks before opening are what it reaches.)
#![no_main]

use mend_core::groups::private::intake::IntakeKey;
use mend_core::groups::private::request;

/// The intake key's secret: fixed, so `tests/group_seeds.rs` can seal seeds to it.
const INTAKE_SECRET: [u8; 32] = [0x17; 32];

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let intake = IntakeKey::from_secret(&INTAKE_SECRET);
    if let Ok(opened) = request::open(&intake, data) {
        opened.check().expect("an opened request is checked");
        let sealed = request::seal(&intake.public(), &opened).expect("a checked request seals");
        assert_eq!(sealed.len(), request::SEALED_LEN);
        assert_eq!(request::open(&intake, &sealed).expect("its own box opens"), opened);
    }
});
