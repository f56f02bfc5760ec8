//! Bytes to UTF-8: which encoding, and the map from decoded offsets back to the bytes.
//!
//! Precedence follows the HTML standard: a byte-order mark, then the declared charset (the
//! caller's hint, e.g. an HTTP header, then a `<meta>` or XML-prolog declaration in the first
//! bytes), then valid UTF-8, then `chardetng`'s guess.

use dossier_core::{OffsetMap, OffsetMapBuilder};
use encoding_rs::{
    DecoderResult, Encoding, UTF_16BE, UTF_16LE, UTF_8, WINDOWS_1252, X_USER_DEFINED,
};

/// A page decoded to UTF-8.
#[derive(Debug)]
pub struct Decoded {
    pub text: String,
    pub encoding: &'static Encoding,
    /// Offsets of `text` to offsets of the original bytes; `None` when they are the same bytes.
    pub map: Option<OffsetMap>,
}

impl Decoded {
    /// Where a range of the decoded text lies in the original bytes.
    pub fn to_source(&self, r: std::ops::Range<usize>) -> dossier_core::Span {
        let span = dossier_core::Span::new(r.start, r.end);
        match &self.map {
            Some(m) => m.to_source(span),
            None => span,
        }
    }
}

/// How far into the page a `<meta charset>` declaration is looked for.
const PRESCAN: usize = 4096;

/// Decodes `bytes` to UTF-8, choosing the encoding as browsers do.
pub fn decode(bytes: &[u8], hint: Option<&str>, url: Option<&str>) -> Decoded {
    let (encoding, skip) = match Encoding::for_bom(bytes) {
        Some((enc, bom_len)) => (enc, bom_len),
        None => (choose(bytes, hint, url), 0),
    };
    let body = &bytes[skip..];
    if encoding == UTF_8 {
        if let Ok(s) = std::str::from_utf8(body) {
            if skip == 0 {
                return Decoded {
                    text: s.to_string(),
                    encoding,
                    map: None,
                };
            }
        }
    }
    let (text, map) = decode_mapped(encoding, body, skip);
    Decoded {
        text,
        encoding,
        map: Some(map),
    }
}

fn choose(bytes: &[u8], hint: Option<&str>, url: Option<&str>) -> &'static Encoding {
    let declared = hint
        .and_then(|h| Encoding::for_label(h.trim().as_bytes()))
        .or_else(|| prescan(bytes));
    if let Some(enc) = declared {
        // A document that is being read as bytes cannot be UTF-16 if it said so in ASCII.
        if enc == UTF_16LE || enc == UTF_16BE {
            return UTF_8;
        }
        if enc == X_USER_DEFINED {
            return WINDOWS_1252;
        }
        return enc;
    }
    if std::str::from_utf8(bytes).is_ok() {
        return UTF_8;
    }
    let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    det.feed(bytes, true);
    let tld = url.and_then(tld_of);
    det.guess(tld, chardetng::Utf8Detection::Allow)
}

/// The top-level domain of a URL, as chardetng wants it.
fn tld_of(url: &str) -> Option<&[u8]> {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let host = rest.split(['/', '?', '#', ':']).next()?;
    let tld = host.rsplit('.').next()?;
    (!tld.is_empty() && tld.bytes().all(|b| b.is_ascii_alphabetic())).then_some(tld.as_bytes())
}

/// A charset declared in the first bytes: `<meta charset=…>`, `<meta http-equiv content="…;
/// charset=…">` or `<?xml … encoding="…"?>`.
fn prescan(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(PRESCAN)];
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    if lower.starts_with(b"<?xml") {
        if let Some(enc) = attr_after(&lower, head, b"encoding") {
            return Some(enc);
        }
    }
    let mut from = 0;
    while let Some(i) = memchr::memmem::find(&lower[from..], b"<meta") {
        let start = from + i;
        let end = memchr::memchr(b'>', &lower[start..]).map_or(lower.len(), |e| start + e);
        if let Some(enc) = attr_after(&lower[start..end], &head[start..end], b"charset") {
            return Some(enc);
        }
        from = end;
    }
    None
}

/// The encoding named after `key` and `=` in a tag, quoted or not.
fn attr_after(lower: &[u8], orig: &[u8], key: &[u8]) -> Option<&'static Encoding> {
    let i = memchr::memmem::find(lower, key)? + key.len();
    let mut j = i;
    while j < lower.len() && lower[j].is_ascii_whitespace() {
        j += 1;
    }
    if lower.get(j) != Some(&b'=') {
        return None;
    }
    j += 1;
    while j < lower.len()
        && (lower[j].is_ascii_whitespace() || lower[j] == b'"' || lower[j] == b'\'')
    {
        j += 1;
    }
    let k = lower[j..]
        .iter()
        .position(|&b| {
            b.is_ascii_whitespace() || matches!(b, b'"' | b'\'' | b';' | b'>' | b'/' | b'?')
        })
        .map_or(lower.len(), |p| j + p);
    Encoding::for_label(&orig[j..k])
}

/// Decodes with the map kept exact: the decoder is fed one byte at a time, so every output
/// character is tied to the bytes that produced it.
fn decode_mapped(encoding: &'static Encoding, body: &[u8], skip: usize) -> (String, OffsetMap) {
    let mut dec = encoding.new_decoder_without_bom_handling();
    let mut text = String::with_capacity(body.len() + body.len() / 2);
    let mut b = OffsetMapBuilder::default();
    let mut out = [0u8; 64];
    // Source bytes consumed but not yet tied to output start here.
    let mut pending_from = 0usize;
    let mut i = 0usize;
    loop {
        let last = i >= body.len();
        let input = if last { &[][..] } else { &body[i..i + 1] };
        let (res, read, written) = dec.decode_to_utf8_without_replacement(input, &mut out, last);
        i += read;
        if let DecoderResult::Malformed(_, extra) = res {
            let bad_end = i.saturating_sub(extra as usize).max(pending_from);
            push_out(
                &mut text,
                &mut b,
                &out[..written],
                pending_from + skip,
                pending_from + skip,
                false,
            );
            text.push('\u{FFFD}');
            b.replace(pending_from + skip..bad_end + skip, 3);
            pending_from = bad_end;
        } else {
            if written > 0 {
                push_out(
                    &mut text,
                    &mut b,
                    &out[..written],
                    pending_from + skip,
                    i + skip,
                    true,
                );
                pending_from = i;
            }
            if last {
                break;
            }
            if read == 0 {
                i += 1;
            }
        }
    }
    (text, b.finish())
}

/// Appends decoded bytes that stand for source bytes `src_from..src_to`.
fn push_out(
    text: &mut String,
    b: &mut OffsetMapBuilder,
    out: &[u8],
    src_from: usize,
    src_to: usize,
    own: bool,
) {
    if out.is_empty() {
        return;
    }
    // The decoder only writes whole UTF-8 sequences.
    let s = std::str::from_utf8(out).unwrap_or("\u{FFFD}");
    text.push_str(s);
    if own && s.len() == src_to - src_from && s.is_ascii() {
        b.copy(src_from, s.len());
    } else if own {
        b.replace(src_from..src_to, s.len());
    } else {
        b.insert(src_from, s.len());
    }
}

/// A reason to think the bytes are not text at all, or `None`.
pub fn looks_binary(bytes: &[u8]) -> Option<&'static str> {
    let head = &bytes[..bytes.len().min(8192)];
    if head.is_empty() {
        return None;
    }
    const MAGIC: [(&[u8], &str); 9] = [
        (b"%PDF-", "PDF"),
        (b"\x89PNG", "PNG image"),
        (b"\xff\xd8\xff", "JPEG image"),
        (b"GIF8", "GIF image"),
        (b"PK\x03\x04", "ZIP archive"),
        (b"\x1f\x8b", "gzip data"),
        (b"\x7fELF", "executable"),
        (b"RIFF", "RIFF media"),
        (b"\x00\x00\x01\x00", "icon"),
    ];
    for (magic, what) in MAGIC {
        if head.starts_with(magic) {
            return Some(what);
        }
    }
    if Encoding::for_bom(head).is_some_and(|(e, _)| e == UTF_16LE || e == UTF_16BE) {
        return None;
    }
    // Control bytes other than whitespace are rare in any text encoding.
    let ctrl = head
        .iter()
        .filter(|&&c| c < 0x20 && !matches!(c, b'\t' | b'\n' | b'\r' | 0x0c))
        .count();
    (ctrl * 10 > head.len()).then_some("control bytes")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn meta_charset_wins_over_detection() {
        let page = b"<html><head><meta charset=\"windows-1251\"></head><body>\xcf\xf0\xe8\xe2\xe5\xf2</body>";
        let d = decode(page, None, None);
        assert_eq!(d.encoding.name(), "windows-1251");
        assert!(d.text.contains("Привет"));
        let at = d.text.find("Привет").unwrap();
        let span = d.to_source(at..at + "Привет".len());
        assert_eq!(&page[span.range()], b"\xcf\xf0\xe8\xe2\xe5\xf2");
    }

    #[test]
    fn bom_wins_and_is_mapped() {
        let page = b"\xef\xbb\xbf<p>caf\xc3\xa9</p>";
        let d = decode(page, Some("iso-8859-1"), None);
        assert_eq!(d.encoding, UTF_8);
        assert_eq!(d.text, "<p>café</p>");
        assert_eq!(d.to_source(0..3), dossier_core::Span::new(3, 6));
    }

    #[test]
    fn malformed_utf8_becomes_replacement_characters() {
        let page = b"<p>a\xffb</p>";
        let d = decode(page, Some("utf-8"), None);
        assert_eq!(d.text, "<p>a\u{FFFD}b</p>");
        let at = d.text.find('\u{FFFD}').unwrap();
        assert_eq!(d.to_source(at..at + 3), dossier_core::Span::new(4, 5));
    }

    #[test]
    fn binary_is_refused() {
        assert!(looks_binary(b"%PDF-1.4 ...").is_some());
        assert!(looks_binary(&[0u8, 1, 2, 3, 4, 5, 6, 7, 8, 9]).is_some());
        assert!(looks_binary(b"<html><body>hi</body></html>").is_none());
    }
}
