//! A hybrid logical clock (Kulkarni et al., "Logical Physical Clocks", 2014): wall-clock milliseconds, a counter
//! for changes within the same millisecond (or while the wall clock is behind a clock already seen), and the
//! device that made the change. Clocks order by (milliseconds, counter, device): two devices never make equal
//! clocks, so every merge has one answer whichever side runs it. A device's clock never goes backwards, even if
//! its wall clock does, and never falls behind a clock it has received.

use std::fmt;

use serde::{Deserialize, Serialize};

/// One point of a hybrid logical clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Hlc {
    /// Wall-clock milliseconds since the Unix epoch (or a later clock already seen).
    pub millis: u64,
    /// Changes within the same millisecond.
    pub counter: u32,
    /// The device that made the change (a number drawn once per device).
    pub device: u64,
}

impl Hlc {
    /// The clock of a device that has made and seen nothing yet.
    pub fn start(device: u64) -> Hlc {
        Hlc { millis: 0, counter: 0, device }
    }

    /// The clock for a change made on this device at wall time `now_ms`, after its latest clock `self`.
    pub fn tick(self, now_ms: u64) -> Hlc {
        if now_ms > self.millis {
            Hlc { millis: now_ms, counter: 0, device: self.device }
        } else {
            Hlc { millis: self.millis, counter: self.counter.saturating_add(1), device: self.device }
        }
    }

    /// This device's clock after receiving `remote` at wall time `now_ms`: later than both.
    pub fn receive(self, remote: Hlc, now_ms: u64) -> Hlc {
        let millis = now_ms.max(self.millis).max(remote.millis);
        let counter = match (millis == self.millis, millis == remote.millis) {
            (true, true) => self.counter.max(remote.counter).saturating_add(1),
            (true, false) => self.counter.saturating_add(1),
            (false, true) => remote.counter.saturating_add(1),
            (false, false) => 0,
        };
        Hlc { millis, counter, device: self.device }
    }

    /// Reads the text form ([`fmt::Display`]).
    pub fn parse(text: &str) -> Option<Hlc> {
        let mut parts = text.split('-');
        let millis = parts.next()?.parse().ok()?;
        let counter = u32::from_str_radix(parts.next()?, 16).ok()?;
        let device = u64::from_str_radix(parts.next()?, 16).ok()?;
        parts.next().is_none().then_some(Hlc { millis, counter, device })
    }
}

/// `millis-counter-device`, fixed width, so the text sorts as the clock does.
impl fmt::Display for Hlc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:015}-{:08x}-{:016x}", self.millis, self.counter, self.device)
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn a_device_clock_moves_forward_even_when_its_wall_clock_goes_back() {
        let a = Hlc::start(1).tick(1_000);
        assert_eq!(a, Hlc { millis: 1_000, counter: 0, device: 1 });
        let b = a.tick(900); // the wall clock went back
        assert!(b > a && b.millis == 1_000 && b.counter == 1);
        let c = b.tick(2_000);
        assert_eq!((c.millis, c.counter), (2_000, 0));
    }

    #[test]
    fn a_clock_received_from_ahead_is_never_fallen_behind() {
        let mine = Hlc::start(1).tick(1_000);
        let theirs = Hlc { millis: 5_000, counter: 3, device: 2 };
        let after = mine.receive(theirs, 1_200);
        assert!(after > theirs && after > mine && after.device == 1);
        assert!(after.tick(1_300) > after);
    }

    proptest! {
        #[test]
        fn text_sorts_as_the_clock_and_reads_back(
            a in (0u64..10_000_000_000_000, any::<u32>(), any::<u64>()),
            b in (0u64..10_000_000_000_000, any::<u32>(), any::<u64>()),
        ) {
            let (a, b) = (Hlc { millis: a.0, counter: a.1, device: a.2 }, Hlc { millis: b.0, counter: b.1, device: b.2 });
            prop_assert_eq!(Hlc::parse(&a.to_string()), Some(a));
            prop_assert_eq!(a.cmp(&b), a.to_string().cmp(&b.to_string()));
        }

        #[test]
        fn every_tick_and_receive_is_later_than_what_came_before(
            start in 0u64..1_000_000, walls in proptest::collection::vec(0u64..2_000_000, 1..20),
            remote in (0u64..2_000_000, 0u32..100),
        ) {
            let mut clock = Hlc::start(7).tick(start);
            let remote = Hlc { millis: remote.0, counter: remote.1, device: 9 };
            for (i, wall) in walls.into_iter().enumerate() {
                let next = if i % 3 == 0 { clock.receive(remote, wall) } else { clock.tick(wall) };
                prop_assert!(next > clock);
                if i % 3 == 0 { prop_assert!(next > remote); }
                clock = next;
            }
        }
    }
}
