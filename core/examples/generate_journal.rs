//! Writes the realistic 5-year benchmark journal (about 9,000 check-ins and 2,000 events) into a data
//! directory, for whole-process measurements of `mend`. Prints the fixture's "now" (pass it as `mend --now`).
//! Run: `cargo run --release -p mend-core --features fixtures --example generate_journal -- DIR`.

use mend_core::fixtures::{self, FixtureShape};
use mend_core::{Clock, Mend, OpenOptions};

fn main() {
    let dir = std::env::args().nth(1).expect("usage: generate_journal DIR");
    let fixture = fixtures::generate(FixtureShape::FIVE_YEARS);
    let mend = Mend::open(&dir, OpenOptions { clock: Clock::Fixed(fixture.now) }).expect("opens the journal");
    fixtures::load(&mend, &fixture).expect("writes the journal");
    println!("{}", fixture.now.to_rfc3339());
}
