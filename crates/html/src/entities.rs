//! Character references (`&amp;`, `&#8217;`, `&eacute`) decoded one at a time, so that the caller
//! can tie each decoded character to the exact bytes of its reference.

use crate::entities_table::ENTITIES;

/// What one reference stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Ent {
    Char(char),
    Str(&'static str),
}

impl Ent {
    pub(crate) fn write(self, out: &mut String) {
        match self {
            Ent::Char(c) => out.push(c),
            Ent::Str(s) => out.push_str(s),
        }
    }

    pub(crate) fn is_space(self) -> bool {
        match self {
            Ent::Char(c) => c.is_whitespace(),
            Ent::Str(s) => s.chars().all(char::is_whitespace),
        }
    }

    /// Invisible characters (zero-width space, soft hyphen, BOM) that are best dropped.
    pub(crate) fn is_invisible(self) -> bool {
        matches!(self, Ent::Char(c) if is_invisible(c))
            || matches!(self, Ent::Str(s) if s.chars().all(is_invisible))
    }
}

pub(crate) fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200B}' | '\u{00AD}' | '\u{FEFF}' | '\u{200C}' | '\u{2060}'
    )
}

/// Decodes the reference at the start of `s` (which starts with `&`): what it stands for and how
/// many bytes it takes, or `None` when the `&` is a literal ampersand.
pub(crate) fn decode(s: &[u8]) -> Option<(Ent, usize)> {
    debug_assert_eq!(s.first(), Some(&b'&'));
    match s.get(1)? {
        b'#' => numeric(s),
        c if c.is_ascii_alphanumeric() => named(s),
        _ => None,
    }
}

fn numeric(s: &[u8]) -> Option<(Ent, usize)> {
    let (hex, start) = match s.get(2) {
        Some(b'x' | b'X') => (true, 3),
        _ => (false, 2),
    };
    let mut i = start;
    let mut v: u32 = 0;
    while let Some(&c) = s.get(i) {
        let d = match (hex, c) {
            (_, b'0'..=b'9') => (c - b'0') as u32,
            (true, b'a'..=b'f') => (c - b'a' + 10) as u32,
            (true, b'A'..=b'F') => (c - b'A' + 10) as u32,
            _ => break,
        };
        v = v
            .saturating_mul(if hex { 16 } else { 10 })
            .saturating_add(d);
        i += 1;
    }
    if i == start {
        return None;
    }
    if s.get(i) == Some(&b';') {
        i += 1;
    }
    Some((Ent::Char(codepoint(v)), i))
}

/// The character a numeric reference stands for, with the HTML standard's repairs.
fn codepoint(v: u32) -> char {
    // C1 controls are read as the Windows-1252 characters authors meant.
    const C1: [char; 32] = [
        '\u{20AC}', '\u{81}', '\u{201A}', '\u{0192}', '\u{201E}', '\u{2026}', '\u{2020}',
        '\u{2021}', '\u{02C6}', '\u{2030}', '\u{0160}', '\u{2039}', '\u{0152}', '\u{8D}',
        '\u{017D}', '\u{8F}', '\u{90}', '\u{2018}', '\u{2019}', '\u{201C}', '\u{201D}', '\u{2022}',
        '\u{2013}', '\u{2014}', '\u{02DC}', '\u{2122}', '\u{0161}', '\u{203A}', '\u{0153}',
        '\u{9D}', '\u{017E}', '\u{0178}',
    ];
    match v {
        0 => '\u{FFFD}',
        0x80..=0x9F => C1[(v - 0x80) as usize],
        _ => char::from_u32(v).unwrap_or('\u{FFFD}'),
    }
}

fn named(s: &[u8]) -> Option<(Ent, usize)> {
    let name_len = s[1..]
        .iter()
        .take(40)
        .take_while(|c| c.is_ascii_alphanumeric())
        .count();
    if s.get(1 + name_len) == Some(&b';') {
        if let Some(v) = lookup(&s[1..2 + name_len]) {
            return Some((v, 2 + name_len));
        }
    }
    // Legacy references without `;`: the longest known prefix.
    for k in (2..=name_len.min(8)).rev() {
        if let Some(v) = lookup(&s[1..1 + k]) {
            return Some((v, 1 + k));
        }
    }
    None
}

fn lookup(name: &[u8]) -> Option<Ent> {
    let i = ENTITIES
        .binary_search_by(|(n, _)| n.as_bytes().cmp(name))
        .ok()?;
    let v = ENTITIES[i].1;
    let mut cs = v.chars();
    match (cs.next(), cs.next()) {
        (Some(c), None) => Some(Ent::Char(c)),
        _ => Some(Ent::Str(v)),
    }
}

/// Decodes every reference in an attribute value or other short string.
pub(crate) fn decode_all(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    let mut last = 0;
    let mut i = 0;
    while let Some(p) = memchr::memchr(b'&', &b[i..]) {
        let at = i + p;
        match decode(&b[at..]) {
            Some((e, n)) => {
                out.push_str(&s[last..at]);
                e.write(&mut out);
                i = at + n;
                last = i;
            }
            None => i = at + 1,
        }
    }
    out.push_str(&s[last..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references() {
        assert_eq!(decode_all("a &amp; b"), "a & b");
        assert_eq!(decode_all("&#8217;&#x2019;&#X2019"), "’’’");
        assert_eq!(decode_all("caf&eacute; caf&eacute"), "café café");
        assert_eq!(decode_all("&notin; &notit;"), "∉ ¬it;");
        assert_eq!(decode_all("AT&T &; &#; &#150;"), "AT&T &; &#; –");
        assert_eq!(decode_all("&#0;&#x110000;"), "\u{FFFD}\u{FFFD}");
        assert_eq!(decode(b"&nbsp;x"), Some((Ent::Char('\u{a0}'), 6)));
    }
}
