//! The `codes!` macro: enumerations stored and exchanged as stable text codes (`very_heavy`, `one_sided`),
//! never as integers. Each gets `code()`, `ALL`, `FromStr` with an error that names the accepted codes, and
//! serde as its code. Used by the journal and by every engine that has choices.

/// Defines a code enumeration. `codes! { /// doc  pub enum Bleeding { None = "none", Heavy = "heavy" } }`
#[macro_export]
macro_rules! codes {
    ($(#[$meta:meta])* pub enum $name:ident { $($(#[$vmeta:meta])* $variant:ident = $code:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
        pub enum $name { $($(#[$vmeta])* $variant),+ }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The stable text code.
            pub fn code(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }

            /// The value for a code, if there is one.
            pub fn from_code(code: &str) -> Option<$name> {
                match code { $($code => Some($name::$variant),)+ _ => None }
            }

            /// Every accepted code, comma-separated (for messages and help).
            pub fn codes_list() -> String {
                [$($code),+].join(", ")
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.code())
            }
        }

        impl std::str::FromStr for $name {
            type Err = String;
            fn from_str(text: &str) -> Result<Self, String> {
                // Codes are snake_case (`very_heavy`, typed `very-heavy`) or, for ids taken from the clinical
                // guidance, kebab-case (`bleeding-soaking`): accept either spelling of either.
                let lower = text.trim().to_ascii_lowercase();
                $name::from_code(&lower)
                    .or_else(|| $name::from_code(&lower.replace('-', "_")))
                    .or_else(|| $name::from_code(&lower.replace('_', "-")))
                    .ok_or_else(|| format!("is not one of: {}", $name::codes_list()))
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.code())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let text = <std::borrow::Cow<'de, str> as serde::Deserialize>::deserialize(d)?;
                $name::from_code(&text).ok_or_else(|| {
                    serde::de::Error::custom(format!("unknown code; expected one of: {}", $name::codes_list()))
                })
            }
        }

        impl rusqlite::ToSql for $name {
            fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
                Ok(self.code().into())
            }
        }

        impl rusqlite::types::FromSql for $name {
            fn column_result(value: rusqlite::types::ValueRef<'_>) -> rusqlite::types::FromSqlResult<Self> {
                let text = value.as_str()?;
                $name::from_code(text).ok_or(rusqlite::types::FromSqlError::InvalidType)
            }
        }
    };
}

#[cfg(test)]
mod tests {
    codes! {
        /// A test enumeration.
        pub enum Sample { One = "one", TwoWords = "two_words" }
    }

    #[test]
    fn codes_round_trip_through_text_serde_and_parse() {
        for value in Sample::ALL {
            assert_eq!(Sample::from_code(value.code()), Some(*value));
            let json = serde_json::to_string(value).unwrap();
            assert_eq!(serde_json::from_str::<Sample>(&json).unwrap(), *value);
        }
        assert_eq!("Two-Words".parse::<Sample>(), Ok(Sample::TwoWords));
        assert_eq!("three".parse::<Sample>(), Err("is not one of: one, two_words".to_owned()));
        assert!(serde_json::from_str::<Sample>("\"three\"").is_err());
    }

    codes! {
        /// Kebab-case ids, as the clinical guidance spells them.
        pub enum Kebab { TwoWords = "two-words" }
    }

    #[test]
    fn kebab_codes_parse_from_either_spelling() {
        assert_eq!("two-words".parse::<Kebab>(), Ok(Kebab::TwoWords));
        assert_eq!("Two_Words".parse::<Kebab>(), Ok(Kebab::TwoWords));
        assert_eq!(Kebab::TwoWords.code(), "two-words");
        assert_eq!(Kebab::ALL, &[Kebab::TwoWords]);
    }
}
