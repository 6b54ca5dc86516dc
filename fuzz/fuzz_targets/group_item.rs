//! Fuzzes the pack-folder item reader (Markdown with YAML front matter): any text never panics.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = mend_core::groups::folder::parse_item(text);
    }
});
