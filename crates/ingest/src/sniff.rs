//! Telling formats apart, by file name first and by content when the name says nothing.

use std::path::Path;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Text,
    Html,
    Jsonl,
    Gzip,
    Warc,
    Feed,
}

impl Format {
    /// The format a file name announces, or `None` when only the content can tell.
    pub fn of_path(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        let name = path.file_name()?.to_str()?.to_ascii_lowercase();
        if name.ends_with(".warc.gz") {
            return Some(Format::Warc);
        }
        Some(match ext.as_str() {
            "warc" => Format::Warc,
            "rss" | "atom" => Format::Feed,
            "txt" | "text" | "md" => Format::Text,
            "html" | "htm" | "xhtml" | "shtml" => Format::Html,
            "jsonl" | "ndjson" => Format::Jsonl,
            "gz" | "gzip" => Format::Gzip,
            _ => return None,
        })
    }

    /// The format of bytes with no telling name.
    pub fn sniff(bytes: &[u8]) -> Format {
        if bytes.starts_with(&[0x1f, 0x8b]) {
            return Format::Gzip;
        }
        let head = &bytes[..bytes.len().min(1024)];
        let start = head
            .iter()
            .position(|b| !b.is_ascii_whitespace())
            .unwrap_or(0);
        let head = &head[start..];
        if head.first() == Some(&b'{') {
            return Format::Jsonl;
        }
        if head.starts_with(b"WARC/") {
            return Format::Warc;
        }
        let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
        let has = |needle: &[u8]| lower.windows(needle.len()).any(|w| w == needle);
        if has(b"<rss") || has(b"<feed") || has(b"<rdf:rdf") {
            return Format::Feed;
        }
        if has(b"<!doctype html") || has(b"<html") || has(b"<body") || has(b"<p>") || has(b"<div") {
            return Format::Html;
        }
        Format::Text
    }
}

/// Names the kind of binary data when the bytes are clearly not text.
pub fn binary_kind(bytes: &[u8]) -> Option<&'static str> {
    const MAGIC: &[(&[u8], &str)] = &[
        (b"\x89PNG\r\n\x1a\n", "PNG image"),
        (b"\xff\xd8\xff", "JPEG image"),
        (b"GIF87a", "GIF image"),
        (b"GIF89a", "GIF image"),
        (b"%PDF-", "PDF document"),
        (b"PK\x03\x04", "ZIP archive"),
        (b"\x1f\x8b", "gzip data"),
        (b"\x7fELF", "executable"),
        (b"RIFF", "RIFF media"),
    ];
    for (magic, name) in MAGIC {
        if bytes.starts_with(magic) {
            return Some(name);
        }
    }
    // UTF-16 text has many NULs but starts with a BOM; anything else with NULs is binary.
    if bytes.starts_with(&[0xff, 0xfe]) || bytes.starts_with(&[0xfe, 0xff]) {
        return None;
    }
    let head = &bytes[..bytes.len().min(8192)];
    let nul = head.iter().filter(|&&b| b == 0).count();
    let control = head
        .iter()
        .filter(|&&b| b < 0x09 || (0x0e..0x20).contains(&b))
        .count();
    if nul > 0 && !looks_like_bomless_utf16(head) || control * 10 > head.len() {
        return Some("unknown binary data");
    }
    None
}

/// UTF-16 without a BOM: every other byte is NUL in ASCII-heavy text.
fn looks_like_bomless_utf16(head: &[u8]) -> bool {
    if head.len() < 8 {
        return false;
    }
    let even = head.iter().step_by(2).filter(|&&b| b == 0).count();
    let odd = head.iter().skip(1).step_by(2).filter(|&&b| b == 0).count();
    let half = head.len() / 2;
    even * 10 >= half * 9 || odd * 10 >= half * 9
}
