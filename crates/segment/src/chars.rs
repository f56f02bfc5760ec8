//! Character classes the tokenizer scans by: a table for ASCII, a few ranges beyond it.

/// How a character behaves when a whitespace-delimited chunk is cut into tokens.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Class {
    /// Whitespace, controls and zero-width breaks: never inside a token.
    Sep,
    /// Letters, digits, marks, and anything not known to be punctuation.
    Word,
    Period,
    Comma,
    Colon,
    /// `'` and `’`: kept inside words ("O’Brien"), split at their edges.
    Apos,
    Hyphen,
    Slash,
    Amp,
    /// `#` and `@`: kept when they start a handle or hashtag.
    Tag,
    Dollar,
    /// `!` and `?`, whose runs make one token.
    BangQ,
    /// Always a token of its own: brackets, double quotes, dashes, ellipsis, `;`.
    Punct,
    /// Always a token of its own: `%`, `+`, currency, emoji and other symbols.
    Symbol,
}

const fn ascii_class(c: u8) -> Class {
    match c {
        b'0'..=b'9' | b'A'..=b'Z' | b'a'..=b'z' | b'_' => Class::Word,
        b'.' => Class::Period,
        b',' => Class::Comma,
        b':' => Class::Colon,
        b'\'' => Class::Apos,
        b'-' => Class::Hyphen,
        b'/' => Class::Slash,
        b'&' => Class::Amp,
        b'#' | b'@' => Class::Tag,
        b'$' => Class::Dollar,
        b'!' | b'?' => Class::BangQ,
        b'(' | b')' | b'[' | b']' | b'{' | b'}' | b'"' | b';' | b'`' => Class::Punct,
        0..=0x20 | 0x7f => Class::Sep,
        _ => Class::Symbol,
    }
}

static ASCII: [Class; 128] = {
    let mut t = [Class::Sep; 128];
    let mut i = 0;
    while i < 128 {
        t[i] = ascii_class(i as u8);
        i += 1;
    }
    t
};

/// The class of an ASCII byte (`b < 0x80`).
#[inline]
pub(crate) fn ascii(b: u8) -> Class {
    ASCII[(b & 0x7f) as usize]
}

/// The class of any character.
#[inline]
pub(crate) fn class(c: char) -> Class {
    if c.is_ascii() {
        return ASCII[c as usize];
    }
    match c {
        '\u{2019}' => Class::Apos,
        '\u{2010}' | '\u{2011}' => Class::Hyphen,
        '\u{200B}' | '\u{2060}' | '\u{FEFF}' => Class::Sep,
        c if c.is_whitespace() || c.is_control() => Class::Sep,
        // Joiners and the soft hyphen live inside words.
        '\u{200C}' | '\u{200D}' | '\u{00AD}' => Class::Word,
        '\u{2018}'
        | '\u{201A}'..='\u{201F}'
        | '\u{00AB}'
        | '\u{00BB}'
        | '\u{2039}'
        | '\u{203A}' => Class::Punct,
        '\u{2012}'..='\u{2015}' | '\u{2026}' => Class::Punct,
        '\u{00A2}'..='\u{00A5}' | '\u{20A0}'..='\u{20CF}' => Class::Symbol,
        c if c.is_alphanumeric() => Class::Word,
        '\u{00A1}' | '\u{00A7}' | '\u{00B6}' | '\u{00B7}' | '\u{00BF}' => Class::Punct,
        '\u{00A0}'..='\u{00BF}' | '\u{00D7}' | '\u{00F7}' => Class::Symbol,
        '\u{2000}'..='\u{206F}'
        | '\u{2E00}'..='\u{2E7F}'
        | '\u{3000}'..='\u{303F}'
        | '\u{FE10}'..='\u{FE1F}'
        | '\u{FE30}'..='\u{FE6F}'
        | '\u{FF01}'..='\u{FF0F}'
        | '\u{FF1A}'..='\u{FF20}'
        | '\u{FF3B}'..='\u{FF40}'
        | '\u{FF5B}'..='\u{FF65}'
        | '\u{060C}'
        | '\u{061B}'
        | '\u{061F}'
        | '\u{06D4}'
        | '\u{0964}'
        | '\u{0965}' => Class::Punct,
        '\u{2100}'..='\u{2BFF}' | '\u{1F000}'..='\u{1FAFF}' => Class::Symbol,
        _ => Class::Word,
    }
}

/// The character starting at byte `i` of `text` and its length; `i` must be a char boundary.
#[inline]
pub(crate) fn char_at(text: &str, i: usize) -> (char, usize) {
    let b = text.as_bytes()[i];
    if b < 0x80 {
        return (b as char, 1);
    }
    match text.get(i..).and_then(|rest| rest.chars().next()) {
        Some(c) => (c, c.len_utf8()),
        None => ('\u{FFFD}', 1),
    }
}

/// The character ending at byte `i` of `text` and its length; `i` must be a char boundary.
#[inline]
pub(crate) fn char_before(text: &str, i: usize) -> (char, usize) {
    let b = text.as_bytes()[i - 1];
    if b < 0x80 {
        return (b as char, 1);
    }
    match text.get(..i).and_then(|head| head.chars().next_back()) {
        Some(c) => (c, c.len_utf8()),
        None => ('\u{FFFD}', 1),
    }
}
