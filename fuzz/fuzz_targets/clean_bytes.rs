//! Any bytes as a text scrape and as a page: decoding and cleaning never panic, and what they
//! give maps back inside the bytes.
#![no_main]

use dossier_ingest::{InputFields, Kind, RawDoc};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let d = dossier_clean::decode::decode(data, None);
    assert_eq!(d.map.len(), d.text.len());
    let c = dossier_clean::text::clean_text(&d.text);
    assert_eq!(c.map.len(), c.text.len());
    for kind in [Kind::Text, Kind::Html] {
        let raw = RawDoc::new("f", None, "f", kind, data.to_vec(), InputFields::default());
        if let Ok(doc) = dossier_clean::clean(raw) {
            dossier_fuzz::check_doc(&doc);
        }
    }
});
