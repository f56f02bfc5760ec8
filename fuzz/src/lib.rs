//! What every fuzz target checks besides "no panic": the invariants of the clean stage's output
//! (map as long as the text, spans in bounds and on character boundaries).

use dossier_core::{Document, Span};

/// Checks a cleaned document against the bytes it was made from.
pub fn check_doc(doc: &Document) {
    let n = doc.source.len();
    assert_eq!(doc.map.len(), doc.text.len(), "map covers the text");
    for b in &doc.blocks {
        check_span(&doc.text, b.span);
        assert!(doc.map.to_source(b.span).end as usize <= n);
    }
    let m = &doc.meta;
    for f in [&m.title, &m.date, &m.author, &m.outlet, &m.url, &m.language]
        .into_iter()
        .flatten()
    {
        if let Some(s) = f.source_span {
            assert!(s.start <= s.end && s.end as usize <= n, "{s:?} in {n} bytes");
        }
    }
}

pub fn check_span(text: &str, s: Span) {
    assert!(s.start <= s.end && s.end as usize <= text.len(), "{s:?}");
    assert!(text.is_char_boundary(s.start as usize) && text.is_char_boundary(s.end as usize));
}
