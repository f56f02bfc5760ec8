//! Bytes to UTF-8 with a map back to the bytes. Precedence: byte-order mark, declared charset,
//! valid UTF-8, then the detector. Decoding never fails: malformed bytes become U+FFFD.

use dossier_core::{OffsetMap, OffsetMapBuilder};
use encoding_rs::{Encoding, UTF_8};

pub struct Decoded {
    pub text: String,
    /// Decoded-text offsets to source-byte offsets.
    pub map: OffsetMap,
    pub encoding: &'static str,
}

pub fn decode(bytes: &[u8], declared: Option<&str>) -> Decoded {
    if let Some((enc, bom)) = Encoding::for_bom(bytes) {
        return decode_with(enc, bytes, bom);
    }
    if let Some(enc) = declared.and_then(|l| Encoding::for_label(l.trim().as_bytes())) {
        // A page that declares a legacy charset but is valid UTF-8 is UTF-8 (a common mislabel).
        if enc == UTF_8 || std::str::from_utf8(bytes).is_err() || bytes.is_ascii() {
            return decode_with(enc, bytes, 0);
        }
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Decoded {
            text: s.to_string(),
            map: OffsetMap::identity(s.len()),
            encoding: "UTF-8",
        };
    }
    // Mostly-ASCII text with a few high bytes is, in English news, almost always Windows-1252
    // (smart quotes, accented names); the detector has too little evidence to overrule that.
    let ascii = bytes.iter().filter(|b| b.is_ascii()).count();
    if ascii * 10 >= bytes.len() * 9 {
        return decode_with(encoding_rs::WINDOWS_1252, bytes, 0);
    }
    let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    det.feed(bytes, true);
    let enc = det.guess(None, chardetng::Utf8Detection::Deny);
    decode_with(enc, bytes, 0)
}

/// Decodes byte by byte so each output character knows the source bytes it came from. Only
/// non-UTF-8 (or BOM-prefixed) inputs come here, so the per-byte cost is paid rarely.
fn decode_with(enc: &'static Encoding, bytes: &[u8], skip: usize) -> Decoded {
    if enc == UTF_8 {
        if let Ok(s) = std::str::from_utf8(&bytes[skip..]) {
            let mut b = OffsetMapBuilder::default();
            b.copy(skip, s.len());
            return Decoded {
                text: s.to_string(),
                map: b.finish(),
                encoding: enc.name(),
            };
        }
    }
    let mut dec = enc.new_decoder_without_bom_handling();
    let mut text = String::with_capacity(bytes.len() + bytes.len() / 2);
    let mut map = OffsetMapBuilder::default();
    let mut pending = skip;
    let mut out = [0u8; 64];
    for i in skip..bytes.len() {
        let last = i + 1 == bytes.len();
        let (_, _, written, _) = dec.decode_to_utf8(&bytes[i..i + 1], &mut out, last);
        if written > 0 {
            // Output may be several characters when the decoder flushes; all stand for the
            // bytes consumed since the last output.
            let s = std::str::from_utf8(&out[..written]).unwrap_or("\u{FFFD}");
            let before = text.len();
            text.push_str(s);
            map.replace(pending..i + 1, text.len() - before);
            pending = i + 1;
        }
    }
    Decoded {
        text,
        map: map.finish(),
        encoding: enc.name(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use dossier_core::Span;

    #[test]
    fn windows_1252_comes_out_right() {
        let bytes = b"caf\xe9 \x93quoted\x94";
        let d = decode(bytes, None);
        assert_eq!(d.text, "café “quoted”");
        assert_eq!(d.encoding, "windows-1252");
        let e = d.text.find('é').unwrap();
        assert_eq!(d.map.to_source(Span::new(e, e + 2)), Span::new(3, 4));
    }

    #[test]
    fn utf16_with_bom() {
        let mut bytes = vec![0xff, 0xfe];
        for u in "Kabul, Oct 9".encode_utf16() {
            bytes.extend_from_slice(&u.to_le_bytes());
        }
        let d = decode(&bytes, None);
        assert_eq!(d.text, "Kabul, Oct 9");
        assert_eq!(d.encoding, "UTF-16LE");
        assert_eq!(d.map.to_source(Span::new(0, 5)), Span::new(2, 12));
    }

    #[test]
    fn cyrillic_in_a_legacy_code_page_is_detected() {
        let text = "Министр иностранных дел заявил в понедельник, что переговоры продолжатся на следующей неделе.";
        let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode(text);
        assert_eq!(decode(&bytes, None).text, text);
    }

    #[test]
    fn declared_latin1_is_windows_1252() {
        let d = decode(b"na\xefve", Some("iso-8859-1"));
        assert_eq!(d.text, "naïve");
    }

    #[test]
    fn invalid_utf8_never_fails() {
        let d = decode(b"ok \xff\xfe\xfd end", None);
        assert!(d.text.starts_with("ok "));
        assert!(d.text.ends_with(" end"));
    }

    proptest::proptest! {
        #[test]
        fn any_bytes_decode_with_an_in_bounds_map(bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..300)) {
            let d = decode(&bytes, None);
            proptest::prop_assert_eq!(d.map.len(), d.text.len());
            let s = d.map.to_source(Span::new(0, d.text.len()));
            proptest::prop_assert!(s.end as usize <= bytes.len());
        }
    }
}
