//! A one-pass tokenizer made for the temporal grammar: words, numbers and single punctuation
//! marks with byte spans, each word classified once through the lexicon.

use crate::lexicon::{lookup, Lex};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Word,
    /// All ASCII digits.
    Digits,
    /// Digits then letters: "1990s", "3rd", "5pm".
    DigitsAlpha,
    Punct,
}

#[derive(Clone, Copy, Debug)]
pub struct Tok {
    pub start: u32,
    pub end: u32,
    pub kind: Kind,
    pub lex: Option<Lex>,
    /// Starts right where the previous token ends (no space between).
    pub glued: bool,
    /// First letter upper-case.
    pub cap: bool,
    /// Value of the leading digits, for `Digits` and `DigitsAlpha` (saturating).
    pub num: u32,
    /// Number of leading digits.
    pub ndigits: u8,
}

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b >= 0x80
}

/// Splits `text` into tokens. Spaces are dropped; every other non-word byte is its own token
/// (non-ASCII bytes belong to words, so every span falls on a char boundary).
pub fn tokenize(text: &str) -> Vec<Tok> {
    let b = text.as_bytes();
    let mut out = Vec::with_capacity(b.len() / 5 + 1);
    let mut i = 0;
    let mut prev_end = usize::MAX;
    while i < b.len() {
        let c = b[i];
        if c.is_ascii_whitespace() {
            i += 1;
            continue;
        }
        let start = i;
        let glued = prev_end == start;
        if is_word_byte(c) {
            while i < b.len() && is_word_byte(b[i]) {
                i += 1;
            }
            let word = &text[start..i];
            let wb = word.as_bytes();
            let nd = wb.iter().take_while(|x| x.is_ascii_digit()).count();
            let num = wb[..nd].iter().fold(0u32, |acc, d| {
                acc.saturating_mul(10).saturating_add((d - b'0') as u32)
            });
            let kind = if nd == wb.len() {
                Kind::Digits
            } else if nd > 0 {
                Kind::DigitsAlpha
            } else {
                Kind::Word
            };
            let lex = if kind == Kind::Word {
                lookup(word)
            } else {
                None
            };
            out.push(Tok {
                start: start as u32,
                end: i as u32,
                kind,
                lex,
                glued,
                cap: c.is_ascii_uppercase(),
                num,
                ndigits: nd.min(255) as u8,
            });
        } else {
            i += 1;
            out.push(Tok {
                start: start as u32,
                end: i as u32,
                kind: Kind::Punct,
                lex: None,
                glued,
                cap: false,
                num: 0,
                ndigits: 0,
            });
        }
        prev_end = i;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_words_numbers_and_marks() {
        let t = "On Sept. 30, the two-day talks ended at 5 p.m. in the 1990s café.";
        let toks = tokenize(t);
        let words: Vec<&str> = toks
            .iter()
            .map(|k| &t[k.start as usize..k.end as usize])
            .collect();
        assert_eq!(
            words,
            [
                "On", "Sept", ".", "30", ",", "the", "two", "-", "day", "talks", "ended", "at",
                "5", "p", ".", "m", ".", "in", "the", "1990s", "café", "."
            ]
        );
        assert!(toks[2].glued && !toks[3].glued);
        assert_eq!(toks[3].kind, Kind::Digits);
        assert_eq!(toks[3].num, 30);
        assert_eq!(toks[19].kind, Kind::DigitsAlpha);
        assert_eq!(toks[19].num, 1990);
    }

    #[test]
    fn huge_numbers_saturate() {
        let toks = tokenize("99999999999999999999");
        assert_eq!(toks[0].num, u32::MAX);
    }
}
