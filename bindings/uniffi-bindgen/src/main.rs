//! `uniffi-bindgen`: generates the Swift and Kotlin bindings from the compiled `mend_ffi` library
//! (see scripts/bindings.sh). It lives in its own crate so that uniffi's `cli` feature stays out of the library.

fn main() {
    uniffi::uniffi_bindgen_main()
}
