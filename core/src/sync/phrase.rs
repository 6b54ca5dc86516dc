//! The recovery phrase: 24 English BIP-39 words that encode the account's 32-byte root secret R (the `bip39`
//! crate does the encoding and its checksum). R is the one thing a person keeps; everything else derives from it
//! ([`super::keys`]). Set-up shows the phrase once and asks for two of its words back ([`confirmation`]).
//!
//! Secrets are wiped from memory when dropped, never printed by `Debug`, and never named in an error: a phrase
//! that does not read says which word (by position) or that the words do not fit together, never a word.

use zeroize::{Zeroize, ZeroizeOnDrop, Zeroizing};

use crate::crypto::{Bytes32, random};

/// How many words a phrase has.
pub const WORDS: usize = 24;

/// The account's root secret R.
#[derive(Clone, Zeroize, ZeroizeOnDrop, PartialEq, Eq)]
pub struct RootSecret(Bytes32);

impl std::fmt::Debug for RootSecret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("RootSecret(..)")
    }
}

/// Why typed words are not a recovery phrase. Names a position (1-based), never a word.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum PhraseError {
    #[error("phrase: a recovery phrase has 24 words; this has {found}")]
    WordCount { found: usize },
    #[error("phrase: word {position} is not one of the recovery phrase's words; check its spelling")]
    UnknownWord { position: usize },
    #[error("phrase: the words do not fit together; check each word and their order")]
    Checksum,
}

impl RootSecret {
    /// A new random root secret (the operating system's generator).
    pub fn generate() -> RootSecret {
        RootSecret(random())
    }

    /// The secret's bytes, for deriving keys.
    pub fn bytes(&self) -> &Bytes32 {
        &self.0
    }

    /// The phrase that encodes this secret: 24 words separated by single spaces.
    pub fn phrase(&self) -> Zeroizing<String> {
        let mnemonic = bip39::Mnemonic::from_entropy(&self.0).expect("32 bytes make a 24-word phrase");
        Zeroizing::new(mnemonic.words().collect::<Vec<_>>().join(" "))
    }

    /// Reads a typed phrase: any case, any spacing or line breaks, commas and the numbers some people write
    /// before each word ("1. abandon") ignored.
    pub fn from_phrase(typed: &str) -> Result<RootSecret, PhraseError> {
        let words = Zeroizing::new(normalise(typed));
        let found = words.split(' ').filter(|w| !w.is_empty()).count();
        if found != WORDS {
            return Err(PhraseError::WordCount { found });
        }
        let mnemonic = bip39::Mnemonic::parse_in_normalized(bip39::Language::English, &words).map_err(|e| match e {
            bip39::Error::UnknownWord(index) => PhraseError::UnknownWord { position: index + 1 },
            bip39::Error::BadWordCount(found) => PhraseError::WordCount { found },
            _ => PhraseError::Checksum,
        })?;
        let (entropy, length) = mnemonic.to_entropy_array();
        let mut secret = [0u8; 32];
        secret.copy_from_slice(&entropy[..length.min(32)]);
        Ok(RootSecret(secret))
    }
}

/// Lower case, one space between words, without commas, full stops or word numbers.
fn normalise(typed: &str) -> String {
    typed
        .split(|c: char| c.is_whitespace() || c == ',' || c == ';')
        .map(|w| w.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == ')').to_lowercase())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Two different word positions (1-based) set-up asks back, chosen at random.
pub fn confirmation() -> [usize; 2] {
    let [a, b]: [u8; 2] = random();
    let first = usize::from(a) % WORDS;
    let second = (first + 1 + usize::from(b) % (WORDS - 1)) % WORDS;
    [first + 1, second + 1]
}

/// Whether `answer` is the word at `position` (1-based) of `phrase`, read as [`RootSecret::from_phrase`] reads.
pub fn confirms(phrase: &str, position: usize, answer: &str) -> bool {
    let words = Zeroizing::new(normalise(phrase));
    let answer = Zeroizing::new(normalise(answer));
    position >= 1 && words.split(' ').nth(position - 1).is_some_and(|w| w == answer.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// BIP-39's own test vector for 32 bytes of 0x7f (from the specification's English vectors).
    const VECTOR: &str = "legal winner thank year wave sausage worth useful legal winner thank year wave sausage \
                          worth useful legal winner thank year wave sausage worth title";

    #[test]
    fn a_secret_round_trips_through_its_phrase_and_matches_the_specifications_vector() {
        let secret = RootSecret([0x7f; 32]);
        assert_eq!(secret.phrase().as_str(), VECTOR);
        assert_eq!(RootSecret::from_phrase(VECTOR).unwrap(), secret);
        let fresh = RootSecret::generate();
        assert_eq!(fresh.phrase().split(' ').count(), WORDS);
        assert_eq!(RootSecret::from_phrase(&fresh.phrase()).unwrap(), fresh);
        assert_ne!(RootSecret::generate(), fresh);
    }

    #[test]
    fn a_phrase_is_read_however_it_was_written_down() {
        let numbered: String =
            VECTOR.split(' ').enumerate().map(|(i, w)| format!("{}. {}\n", i + 1, w.to_uppercase())).collect();
        assert_eq!(RootSecret::from_phrase(&numbered).unwrap(), RootSecret([0x7f; 32]));
        assert_eq!(RootSecret::from_phrase(&VECTOR.replace(' ', ",  ")).unwrap(), RootSecret([0x7f; 32]));
    }

    #[test]
    fn a_wrong_phrase_says_where_without_repeating_a_word() {
        let short: Vec<&str> = VECTOR.split(' ').take(23).collect();
        assert_eq!(RootSecret::from_phrase(&short.join(" ")), Err(PhraseError::WordCount { found: 23 }));
        let misspelt = VECTOR.replacen("wave", "wavee", 1);
        let err = RootSecret::from_phrase(&misspelt).unwrap_err();
        assert_eq!(err, PhraseError::UnknownWord { position: 5 });
        assert!(!err.to_string().contains("wave"), "{err}");
        let swapped = VECTOR.replacen("legal winner", "winner legal", 1);
        assert_eq!(RootSecret::from_phrase(&swapped), Err(PhraseError::Checksum));
        assert_eq!(format!("{:?}", RootSecret([9; 32])), "RootSecret(..)");
    }

    #[test]
    fn set_up_asks_back_two_different_words() {
        for _ in 0..200 {
            let [a, b] = confirmation();
            assert!(a != b && (1..=WORDS).contains(&a) && (1..=WORDS).contains(&b), "{a} {b}");
        }
        assert!(confirms(VECTOR, 1, "Legal") && confirms(VECTOR, 24, " title "));
        assert!(!confirms(VECTOR, 2, "legal") && !confirms(VECTOR, 0, "legal") && !confirms(VECTOR, 25, "title"));
    }
}
