//! [`JsonError`]: why a JSON text was rejected, and where.

use std::fmt;

/// What was wrong with a JSON text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum JsonErrorKind {
    /// The text ended early.
    UnexpectedEnd,
    /// A byte that cannot start a value appeared where a value was expected.
    ExpectedValue,
    /// Something other than a string key appeared where a key was expected.
    ExpectedKey,
    /// A key was not followed by `:`.
    ExpectedColon,
    /// An array element was not followed by `,` or `]`.
    ExpectedCommaOrBracket,
    /// An object property was not followed by `,` or `}`.
    ExpectedCommaOrBrace,
    /// A malformed number (leading zero, missing digits, ...).
    InvalidNumber,
    /// A misspelled `true`, `false` or `null`.
    InvalidLiteral,
    /// A backslash escape other than `\" \\ \/ \b \f \n \r \t \uXXXX`.
    InvalidEscape,
    /// A raw control character (U+0000 to U+001F) inside a string.
    ControlCharacterInString,
    /// Bytes that are not valid UTF-8.
    InvalidUtf8,
    /// Non-whitespace after the value.
    TrailingCharacters,
    /// Arrays/objects nested deeper than [`MAX_DEPTH`](super::MAX_DEPTH).
    TooDeep,
    /// [`parse_object`](super::parse_object) got a value that is not an object.
    NotAnObject,
}

impl JsonErrorKind {
    fn describe(self) -> &'static str {
        match self {
            JsonErrorKind::UnexpectedEnd => "unexpected end of input",
            JsonErrorKind::ExpectedValue => "expected a value",
            JsonErrorKind::ExpectedKey => "expected a string key",
            JsonErrorKind::ExpectedColon => "expected ':'",
            JsonErrorKind::ExpectedCommaOrBracket => "expected ',' or ']'",
            JsonErrorKind::ExpectedCommaOrBrace => "expected ',' or '}'",
            JsonErrorKind::InvalidNumber => "invalid number",
            JsonErrorKind::InvalidLiteral => "invalid literal",
            JsonErrorKind::InvalidEscape => "invalid escape sequence",
            JsonErrorKind::ControlCharacterInString => "control character in string",
            JsonErrorKind::InvalidUtf8 => "invalid UTF-8",
            JsonErrorKind::TrailingCharacters => "unexpected data after the value",
            JsonErrorKind::TooDeep => "nesting too deep",
            JsonErrorKind::NotAnObject => "expected an object",
        }
    }
}

/// A JSON text was rejected: what was wrong and at which byte offset. The
/// message never contains any of the input.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JsonError {
    pub(super) kind: JsonErrorKind,
    pub(super) offset: usize,
}

impl JsonError {
    /// What was wrong.
    pub fn kind(&self) -> JsonErrorKind {
        self.kind
    }

    /// The byte offset in the input where the problem was found.
    pub fn offset(&self) -> usize {
        self.offset
    }
}

impl fmt::Display for JsonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "invalid JSON: {} at byte {}",
            self.kind.describe(),
            self.offset
        )
    }
}

impl std::error::Error for JsonError {}
