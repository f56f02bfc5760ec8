//! Tokens: whitespace-delimited chunks, cut by prefix, suffix and infix rules in the manner of
//! the Penn Treebank and CoNLL-2003 news tokenisation, as byte spans without allocation.

use dossier_core::{Span, Token, TokenKind};

use crate::abbrev;
use crate::chars::{self, char_at, char_before, Class};

/// The tokens of `text`.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut out = Vec::with_capacity(text.len() / 5 + 1);
    tokenize_into(text, &mut out);
    out
}

/// Appends the tokens of `text` to `out` (which lets a caller reuse one buffer).
pub fn tokenize_into(text: &str, out: &mut Vec<Token>) {
    let b = text.as_bytes();
    let n = b.len();
    let mut i = 0;
    while i < n {
        if b[i] < 0x80 {
            if chars::ascii(b[i]) == Class::Sep {
                i += 1;
                continue;
            }
        } else {
            let (c, len) = char_at(text, i);
            if chars::class(c) == Class::Sep {
                i += len;
                continue;
            }
        }
        // A chunk: the run up to the next separator. Most are plain ASCII words or numbers.
        let start = i;
        let mut plain = true;
        let mut digits = true;
        while i < n {
            let c = b[i];
            if c < 0x80 {
                match chars::ascii(c) {
                    Class::Sep => break,
                    Class::Word => digits &= c.is_ascii_digit(),
                    _ => plain = false,
                }
                i += 1;
            } else {
                let (ch, len) = char_at(text, i);
                if chars::class(ch) == Class::Sep {
                    break;
                }
                plain = false;
                i += len;
            }
        }
        if plain {
            let kind = if digits {
                TokenKind::Number
            } else {
                TokenKind::Word
            };
            push(out, start, i, kind);
        } else {
            chunk(text, start, i, out);
        }
    }
}

#[inline]
fn push(out: &mut Vec<Token>, start: usize, end: usize, kind: TokenKind) {
    out.push(Token {
        span: Span::new(start, end),
        kind,
    });
}

/// A chunk with punctuation in it: a URL or e-mail address stays whole; the rest is cut.
fn chunk(text: &str, s: usize, e: usize, out: &mut Vec<Token>) {
    match find_link(text, s, e) {
        Some((ls, le)) => {
            pieces(text, s, ls, out);
            push(out, ls, le, TokenKind::Word);
            pieces(text, le, e, out);
        }
        None => pieces(text, s, e, out),
    }
}

/// The span of a URL ("https://…", "www.…") or e-mail address in a chunk, without the
/// brackets, quotes and trailing punctuation around it.
fn find_link(text: &str, s: usize, e: usize) -> Option<(usize, usize)> {
    let b = text.as_bytes();
    let chunk = &b[s..e];
    let url_start = if let Some(p) = memchr::memmem::find(chunk, b"://") {
        let scheme = chunk[..p]
            .iter()
            .rev()
            .take_while(|c| c.is_ascii_alphabetic())
            .count();
        (scheme >= 2 && chunk.len() > p + 3).then_some(s + p - scheme)
    } else {
        let p = chunk
            .windows(4)
            .position(|w| w.eq_ignore_ascii_case(b"www."));
        p.filter(|&p| p == 0 || !chunk[p - 1].is_ascii_alphanumeric())
            .filter(|&p| chunk.len() > p + 4)
            .map(|p| s + p)
    };
    if let Some(start) = url_start {
        let mut end = start;
        while end < e {
            let (c, len) = char_at(text, end);
            if matches!(
                c,
                '"' | '<' | '>' | '\u{201C}' | '\u{201D}' | '\u{2019}' | '\u{BB}'
            ) {
                break;
            }
            end += len;
        }
        let end = trim_link_end(b, start, end);
        return (end > start + 4).then_some((start, end));
    }
    // An e-mail address: local@domain.tld
    let at = s + memchr::memchr(b'@', chunk)?;
    let is_local = |c: &u8| c.is_ascii_alphanumeric() || b"._%+-".contains(c);
    let mut start = at - b[s..at].iter().rev().take_while(|c| is_local(c)).count();
    while start < at && !b[start].is_ascii_alphanumeric() {
        start += 1;
    }
    if start == at {
        return None;
    }
    let mut end = at + 1;
    while end < e && (b[end].is_ascii_alphanumeric() || b[end] == b'.' || b[end] == b'-') {
        end += 1;
    }
    while end > at + 1 && (b[end - 1] == b'.' || b[end - 1] == b'-') {
        end -= 1;
    }
    let domain = &b[at + 1..end];
    let dot = memchr::memrchr(b'.', domain)?;
    let tld_ok =
        dot > 0 && domain.len() - dot > 2 && domain[dot + 1..].iter().all(u8::is_ascii_alphabetic);
    tld_ok.then_some((start, end))
}

/// Drops sentence punctuation after a URL, and closing brackets that the URL did not open.
fn trim_link_end(b: &[u8], start: usize, mut end: usize) -> usize {
    let count = |c: u8| memchr::memchr_iter(c, &b[start..end]).count();
    // Bracket balance inside the link, kept up to date as closers are dropped.
    let mut balance = [
        count(b'(') as isize - count(b')') as isize,
        count(b'[') as isize - count(b']') as isize,
    ];
    while end > start {
        match b[end - 1] {
            b'.' | b',' | b';' | b':' | b'!' | b'?' | b'\'' => end -= 1,
            close @ (b')' | b']') => {
                let k = usize::from(close == b']');
                if balance[k] >= 0 {
                    break;
                }
                balance[k] += 1;
                end -= 1;
            }
            _ => break,
        }
    }
    end
}

/// Cuts a chunk at characters that are always tokens of their own (brackets, double quotes,
/// dashes, ellipses, `!?` runs, symbols), and hands the pieces between them on.
fn pieces(text: &str, s: usize, e: usize, out: &mut Vec<Token>) {
    let b = text.as_bytes();
    let mut ps = s;
    let mut i = s;
    while i < e {
        let (c, len) = char_at(text, i);
        let run = |byte: u8| {
            let mut j = i + 1;
            while j < e && b[j] == byte {
                j += 1;
            }
            j
        };
        let (end, kind) = match chars::class(c) {
            // A signed number ("+0.4", "+44") keeps its sign.
            Class::Symbol if c == '+' && i == ps && i + 1 < e && b[i + 1].is_ascii_digit() => {
                i += 1;
                continue;
            }
            Class::Punct => (i + len, TokenKind::Punct),
            Class::Symbol => (i + len, TokenKind::Symbol),
            Class::BangQ => {
                let mut j = i + 1;
                while j < e && (b[j] == b'!' || b[j] == b'?') {
                    j += 1;
                }
                (j, TokenKind::Punct)
            }
            Class::Period if i + 1 < e && b[i + 1] == b'.' => (run(b'.'), TokenKind::Punct),
            Class::Hyphen if c == '-' && i + 1 < e && b[i + 1] == b'-' => {
                (run(b'-'), TokenKind::Punct)
            }
            // "US$", "HK$": the sign belongs to the word before it.
            Class::Dollar if i > ps && b[i - 1].is_ascii_alphabetic() => {
                piece(text, ps, i + 1, out);
                i += 1;
                ps = i;
                continue;
            }
            Class::Dollar => (i + 1, TokenKind::Symbol),
            _ => {
                i += len;
                continue;
            }
        };
        piece(text, ps, i, out);
        push(out, i, end, kind);
        i = end;
        ps = end;
    }
    piece(text, ps, e, out);
}

/// Start of a clitic at the end of `[a, z)`: "'s", "’s", "'d", "'m", "'re", "'ve", "'ll" or
/// "n't"; the stem before it may be empty.
fn clitic_start(b: &[u8], a: usize, z: usize) -> Option<usize> {
    for letters in [1usize, 2] {
        if z < a + letters + 1 {
            return None;
        }
        let tail = &b[z - letters..z];
        let ap_end = z - letters;
        let ap_start = if b[ap_end - 1] == b'\'' {
            ap_end - 1
        } else if ap_end >= a + 3 && &b[ap_end - 3..ap_end] == "\u{2019}".as_bytes() {
            ap_end - 3
        } else {
            continue;
        };
        let mut low = [0u8; 2];
        for (d, s) in low.iter_mut().zip(tail) {
            *d = s.to_ascii_lowercase();
        }
        return match &low[..letters] {
            b"s" | b"d" | b"m" | b"re" | b"ve" | b"ll" => Some(ap_start),
            b"t" if ap_start > a && matches!(b[ap_start - 1], b'n' | b'N') => Some(ap_start - 1),
            _ => None,
        };
    }
    None
}

/// A piece between always-split characters: edge punctuation and clitics come off, then the
/// middle is cut at commas and colons that are not inside numbers.
fn piece(text: &str, s: usize, e: usize, out: &mut Vec<Token>) {
    if s >= e {
        return;
    }
    let b = text.as_bytes();
    let mut a = s;
    let mut z = e;
    while a < z {
        let (c, len) = char_at(text, a);
        let kind = match chars::class(c) {
            // A clitic standing alone ("'s" after a quote) is a token as it is.
            Class::Apos if clitic_start(b, a, z) == Some(a) => break,
            Class::Apos | Class::Hyphen | Class::Comma | Class::Colon => TokenKind::Punct,
            Class::Period if a + 1 < z && b[a + 1].is_ascii_digit() => break,
            Class::Period => TokenKind::Punct,
            Class::Slash | Class::Amp => TokenKind::Symbol,
            Class::Tag if a + 1 < z && chars::class(char_at(text, a + 1).0) == Class::Word => break,
            Class::Tag => TokenKind::Symbol,
            _ => break,
        };
        push(out, a, a + len, kind);
        a += len;
    }
    // Suffixes come off from the end, so they are kept here and pushed in reverse afterwards.
    let mut suffix = [Token {
        span: Span::default(),
        kind: TokenKind::Punct,
    }; 8];
    let mut ns = 0;
    let mut clitic_done = false;
    while a < z && ns < suffix.len() {
        let (c, len) = char_before(text, z);
        let at = z - len;
        let kind = match chars::class(c) {
            Class::Comma | Class::Colon => Some(TokenKind::Punct),
            Class::Period => {
                let keep =
                    at > a && (abbrev::keeps_period(&text[a..at]) || is_list_number(text, a, at));
                (!keep).then_some(TokenKind::Punct)
            }
            Class::Apos => (at > a).then_some(TokenKind::Punct),
            Class::Slash | Class::Amp | Class::Tag => Some(TokenKind::Symbol),
            // "pre-" in "pre- and post-war" keeps its hyphen.
            Class::Hyphen => {
                let after_word = at > a && chars::class(char_before(text, at).0) == Class::Word;
                (!after_word).then_some(TokenKind::Punct)
            }
            _ => None,
        };
        if let Some(kind) = kind {
            suffix[ns] = Token {
                span: Span::new(at, z),
                kind,
            };
            ns += 1;
            z = at;
            continue;
        }
        if !clitic_done {
            clitic_done = true;
            if let Some(cs) = clitic_start(b, a, z) {
                let stem_ok = cs > a && chars::class(char_before(text, cs).0) == Class::Word;
                if stem_ok {
                    suffix[ns] = Token {
                        span: Span::new(cs, z),
                        kind: TokenKind::Word,
                    };
                    ns += 1;
                    z = cs;
                    continue;
                }
            }
        }
        break;
    }
    infix(text, a, z, out);
    out.extend(suffix[..ns].iter().rev());
}

/// "3." opening a line is a list or ranking number ("3. Ann Lee (Kenya) 2:04.11"), one token.
fn is_list_number(text: &str, a: usize, z: usize) -> bool {
    let b = text.as_bytes();
    if z - a > 3 || !b[a..z].iter().all(u8::is_ascii_digit) {
        return false;
    }
    let before = &b[..a];
    let indent = before
        .iter()
        .rev()
        .take_while(|&&c| c == b' ' || c == b'\t')
        .count();
    matches!(
        before.len().checked_sub(indent + 1).map(|k| before[k]),
        None | Some(b'\n' | b'\r')
    )
}

/// The middle of a piece: cut at commas and colons unless between digits ("1,000", "10:57"),
/// and at a full stop glued between two words ("said.The").
fn infix(text: &str, a: usize, z: usize, out: &mut Vec<Token>) {
    let b = text.as_bytes();
    let mut ws = a;
    for i in a..z {
        let split = match b[i] {
            b',' | b':' => {
                !(i > a && i + 1 < z && b[i - 1].is_ascii_digit() && b[i + 1].is_ascii_digit())
            }
            b'.' => {
                i >= ws + 2
                    && i + 2 < z
                    && b[i - 1].is_ascii_lowercase()
                    && b[i - 2].is_ascii_lowercase()
                    && b[i + 1].is_ascii_uppercase()
                    && b[i + 2].is_ascii_lowercase()
            }
            _ => false,
        };
        if split {
            word(text, ws, i, out);
            push(out, i, i + 1, TokenKind::Punct);
            ws = i + 1;
        }
    }
    word(text, ws, z, out);
}

fn word(text: &str, x: usize, y: usize, out: &mut Vec<Token>) {
    if x < y {
        push(out, x, y, kind_of(&text.as_bytes()[x..y]));
    }
}

/// Word if it has a letter, Number if it has digits and no letter, else by its first character.
fn kind_of(s: &[u8]) -> TokenKind {
    let mut digit = false;
    for &c in s {
        if c.is_ascii_alphabetic() || c == b'_' || c >= 0x80 {
            return TokenKind::Word;
        }
        digit |= c.is_ascii_digit();
    }
    match (digit, s.first()) {
        (true, _) => TokenKind::Number,
        (false, Some(b'&' | b'#' | b'@' | b'/' | b'$')) => TokenKind::Symbol,
        _ => TokenKind::Punct,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(text: &str) -> Vec<&str> {
        tokenize(text).iter().map(|t| t.span.text(text)).collect()
    }

    fn kinds(text: &str) -> Vec<TokenKind> {
        tokenize(text).iter().map(|t| t.kind).collect()
    }

    #[test]
    fn punctuation_splits_off_words() {
        assert_eq!(
            toks("Hello, world; (really) yes: no!"),
            ["Hello", ",", "world", ";", "(", "really", ")", "yes", ":", "no", "!"]
        );
        assert_eq!(toks("Why?! Stop."), ["Why", "?!", "Stop", "."]);
    }

    #[test]
    fn possessives_and_negations_are_clitics() {
        assert_eq!(
            toks("the cartel’s leader"),
            ["the", "cartel", "’s", "leader"]
        );
        assert_eq!(
            toks("the cartel's leader"),
            ["the", "cartel", "'s", "leader"]
        );
        assert_eq!(toks("It doesn't matter"), ["It", "does", "n't", "matter"]);
        assert_eq!(toks("she wasn’t told"), ["she", "was", "n’t", "told"]);
        assert_eq!(
            toks("we'll see, they're here, I'm sure"),
            ["we", "'ll", "see", ",", "they", "'re", "here", ",", "I", "'m", "sure"]
        );
        assert_eq!(toks("THE PARTY'S CHIEF"), ["THE", "PARTY", "'S", "CHIEF"]);
        assert_eq!(toks("the farmers' union"), ["the", "farmers", "'", "union"]);
    }

    #[test]
    fn apostrophes_inside_names_stay() {
        assert_eq!(
            toks("Mr. O'Hara met D’Costa"),
            ["Mr.", "O'Hara", "met", "D’Costa"]
        );
    }

    #[test]
    fn hyphenated_compounds_stay_whole() {
        assert_eq!(
            toks("a UN-backed, militia-appointed chief"),
            ["a", "UN-backed", ",", "militia-appointed", "chief"]
        );
        assert_eq!(toks("ISIS-K and IS-K"), ["ISIS-K", "and", "IS-K"]);
        assert_eq!(toks("the US-led coalition"), ["the", "US-led", "coalition"]);
    }

    #[test]
    fn en_and_em_dashes_are_tokens() {
        assert_eq!(
            toks("the Chile–Peru border"),
            ["the", "Chile", "–", "Peru", "border"]
        );
        assert_eq!(
            toks("the mayor—a farmer—said"),
            ["the", "mayor", "—", "a", "farmer", "—", "said"]
        );
        assert_eq!(toks("yes -- no"), ["yes", "--", "no"]);
        assert_eq!(toks("wait--what"), ["wait", "--", "what"]);
    }

    #[test]
    fn ellipses_are_tokens() {
        assert_eq!(toks("well... maybe…"), ["well", "...", "maybe", "…"]);
    }

    #[test]
    fn abbreviations_and_initials_keep_their_stop() {
        assert_eq!(
            toks("U.S. and U.K. envoys"),
            ["U.S.", "and", "U.K.", "envoys"]
        );
        assert_eq!(
            toks("Mr. Lee, Gen. Aziz, Jan. 5"),
            ["Mr.", "Lee", ",", "Gen.", "Aziz", ",", "Jan.", "5"]
        );
        assert_eq!(
            toks("by J.R.R. Smith and T. Okoro"),
            ["by", "J.R.R.", "Smith", "and", "T.", "Okoro"]
        );
        assert_eq!(toks("at 9 a.m., etc."), ["at", "9", "a.m.", ",", "etc."]);
        assert_eq!(toks("Acme Corp.)"), ["Acme", "Corp.", ")"]);
    }

    #[test]
    fn ordinary_words_lose_their_stop() {
        assert_eq!(toks("He left."), ["He", "left", "."]);
        assert_eq!(
            toks("the answer was no."),
            ["the", "answer", "was", "no", "."]
        );
        assert_eq!(toks("see example.com."), ["see", "example.com", "."]);
        assert_eq!(toks("in 1999."), ["in", "1999", "."]);
    }

    #[test]
    fn numbers_stay_whole() {
        assert_eq!(
            toks("3.5 pct of 1,000 and 4,000,000"),
            ["3.5", "pct", "of", "1,000", "and", "4,000,000"]
        );
        assert_eq!(
            toks("at 10:57, .5 more"),
            ["at", "10:57", ",", ".5", "more"]
        );
        assert_eq!(
            kinds("3.5 1,000 10:57 4th"),
            [
                TokenKind::Number,
                TokenKind::Number,
                TokenKind::Number,
                TokenKind::Word
            ]
        );
    }

    #[test]
    fn list_numbers_and_signs() {
        assert_eq!(
            toks("1. Ann Lee (Kenya) 2:04.11\n 2. Bo Li"),
            ["1.", "Ann", "Lee", "(", "Kenya", ")", "2:04.11", "2.", "Bo", "Li"]
        );
        assert_eq!(toks("rose 2. Then"), ["rose", "2", ".", "Then"]);
        assert_eq!(toks("up +0.4 or +44"), ["up", "+0.4", "or", "+44"]);
        assert_eq!(toks("a + b"), ["a", "+", "b"]);
    }

    #[test]
    fn hyphenated_dotted_forms_keep_their_stop() {
        assert_eq!(toks("an aid-U.N. plan"), ["an", "aid-U.N.", "plan"]);
    }

    #[test]
    fn currency_and_percent() {
        assert_eq!(
            toks("$4,000 or US$12 or 5%"),
            ["$", "4,000", "or", "US$", "12", "or", "5", "%"]
        );
        assert_eq!(toks("€30"), ["€", "30"]);
        assert_eq!(kinds("$5"), [TokenKind::Symbol, TokenKind::Number]);
    }

    #[test]
    fn urls_and_emails_stay_whole() {
        assert_eq!(
            toks("(see https://news.example.org/a/b?c=1&d=2)."),
            ["(", "see", "https://news.example.org/a/b?c=1&d=2", ")", "."]
        );
        assert_eq!(
            toks("www.example.com, then"),
            ["www.example.com", ",", "then"]
        );
        assert_eq!(
            toks("https://x.org/wiki/A_(b)."),
            ["https://x.org/wiki/A_(b)", "."]
        );
        assert_eq!(
            toks("mail desk@example.co.uk."),
            ["mail", "desk@example.co.uk", "."]
        );
        assert_eq!(toks("@handle #tag"), ["@handle", "#tag"]);
        assert_eq!(
            toks("(see:https://x.org/a)"),
            ["(", "see", ":", "https://x.org/a", ")"]
        );
        assert_eq!(toks("“www.example.net”"), ["“", "www.example.net", "”"]);
        assert_eq!(
            toks("<desk@example.org>,"),
            ["<", "desk@example.org", ">", ","]
        );
    }

    #[test]
    fn quotes_are_tokens() {
        assert_eq!(
            toks("“Go,” he said."),
            ["“", "Go", ",", "”", "he", "said", "."]
        );
        assert_eq!(toks("‘Bad deal’"), ["‘", "Bad", "deal", "’"]);
        assert_eq!(toks("\"No.\""), ["\"", "No.", "\""]);
        assert_eq!(toks("'Yes'"), ["'", "Yes", "'"]);
    }

    #[test]
    fn glued_sentences_are_cut() {
        assert_eq!(toks("said.The"), ["said", ".", "The"]);
        assert_eq!(toks("a,b"), ["a", ",", "b"]);
    }

    #[test]
    fn unicode_words_and_spaces() {
        assert_eq!(toks("Zürich\u{a0}café naïve"), ["Zürich", "café", "naïve"]);
        assert_eq!(toks("Кабул, 5 мая"), ["Кабул", ",", "5", "мая"]);
        assert_eq!(toks("a\u{200b}b"), ["a", "b"]);
        assert!(toks(" \n\t ").is_empty());
    }
}
