//! Any bytes as a warc input: the reader never panics, and every document it gives cleans
//! without panicking.
#![no_main]

use dossier_ingest::{Format, Item};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    dossier_ingest::read_bytes("f", Format::Warc, data.to_vec(), &mut |item| {
        if let Item::Doc(raw) = item {
            if let Ok(doc) = dossier_clean::clean(raw) {
                dossier_fuzz::check_doc(&doc);
            }
        }
    });
});
