//! Any bytes as a web page: extraction never panics and its map stays inside the page.
#![no_main]

use dossier_core::Span;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(x) = dossier_html::extract(data, None, Some("https://example.org/2024/03/12/x")) else {
        return;
    };
    assert_eq!(x.map.len(), x.text.len());
    for b in &x.blocks {
        dossier_fuzz::check_span(&x.text, b.span);
        assert!(x.map.to_source(b.span).end as usize <= data.len());
    }
    for (_, at) in &x.lead {
        assert!(at.end as usize <= data.len());
    }
    let all = x.map.to_source(Span::new(0, x.text.len()));
    assert!(all.end as usize <= data.len());
});
