//! Small fixed-size bit sets used to store rule parts and a period's candidate days without allocating.

/// A set of signed values `-(64 * W - 1)..=-1` and `1..=(64 * W - 1)`; zero is never stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Signed<const W: usize> {
    positive: [u64; W],
    negative: [u64; W],
}

impl<const W: usize> Signed<W> {
    pub(super) const EMPTY: Self = Self { positive: [0; W], negative: [0; W] };

    /// Adds `value`; returns false (and changes nothing) for zero or a magnitude that does not fit.
    pub(super) fn insert(&mut self, value: i32) -> bool {
        let magnitude = value.unsigned_abs();
        if magnitude == 0 || magnitude >= Self::bits() {
            return false;
        }
        let words = if value > 0 { &mut self.positive } else { &mut self.negative };
        set(words, magnitude);
        true
    }

    pub(super) fn is_empty(&self) -> bool {
        is_empty(&self.positive) && is_empty(&self.negative)
    }

    /// Whether `n` (counted from the front, 1-based) is in the set.
    pub(super) fn has_positive(&self, n: u32) -> bool {
        get(&self.positive, n)
    }

    /// Whether `-n` (counted from the back, 1-based) is in the set.
    pub(super) fn has_negative(&self, n: u32) -> bool {
        get(&self.negative, n)
    }

    /// The largest magnitude stored, positive or negative (0 when empty).
    pub(super) fn max_magnitude(&self) -> u32 {
        last_at_or_below(&self.positive, u32::MAX).max(last_at_or_below(&self.negative, u32::MAX)).unwrap_or(0)
    }

    /// The smallest positive value `>= n`.
    pub(super) fn positive_at_or_after(&self, n: u32) -> Option<u32> {
        first_at_or_after(&self.positive, n)
    }

    /// The largest magnitude `<= n` among the negative values.
    pub(super) fn negative_at_or_below(&self, n: u32) -> Option<u32> {
        last_at_or_below(&self.negative, n)
    }

    fn bits() -> u32 {
        u32::try_from(W * 64).unwrap_or(u32::MAX)
    }
}

pub(super) fn is_empty(words: &[u64]) -> bool {
    words.iter().all(|&w| w == 0)
}

pub(super) fn get(words: &[u64], n: u32) -> bool {
    let (word, bit) = split(n);
    words.get(word).is_some_and(|w| w & (1 << bit) != 0)
}

pub(super) fn set(words: &mut [u64], n: u32) {
    let (word, bit) = split(n);
    if let Some(w) = words.get_mut(word) {
        *w |= 1 << bit;
    }
}

pub(super) fn count(words: &[u64]) -> u32 {
    words.iter().map(|w| w.count_ones()).sum()
}

/// The position of the `k`-th (0-based) set bit.
pub(super) fn select(words: &[u64], mut k: u32) -> Option<u32> {
    for (index, &word) in words.iter().enumerate() {
        let ones = word.count_ones();
        if k < ones {
            let base = u32::try_from(index * 64).ok()?;
            return Some(base + select_in_word(word, k));
        }
        k -= ones;
    }
    None
}

/// The position of the `k`-th (0-based) set bit of one word; `k` must be below its number of ones.
pub(super) fn select_in_word(mut word: u64, k: u32) -> u32 {
    for _ in 0..k {
        word &= word.wrapping_sub(1);
    }
    word.trailing_zeros()
}

fn first_at_or_after(words: &[u64], n: u32) -> Option<u32> {
    let (mut word, bit) = split(n);
    let mut mask = u64::MAX << bit;
    while let Some(&w) = words.get(word) {
        let hits = w & mask;
        if hits != 0 {
            return u32::try_from(word * 64).ok().map(|base| base + hits.trailing_zeros());
        }
        word += 1;
        mask = u64::MAX;
    }
    None
}

fn last_at_or_below(words: &[u64], n: u32) -> Option<u32> {
    let (word, bit) = split(n);
    let (mut word, mut mask) =
        if word >= words.len() { (words.len(), u64::MAX) } else { (word + 1, u64::MAX >> (63 - bit)) };
    while word > 0 {
        word -= 1;
        let hits = words[word] & mask;
        if hits != 0 {
            return u32::try_from(word * 64).ok().map(|base| base + 63 - hits.leading_zeros());
        }
        mask = u64::MAX;
    }
    None
}

fn split(n: u32) -> (usize, u32) {
    (usize::try_from(n / 64).unwrap_or(usize::MAX), n % 64)
}
