//! Plain text as a document the event coder can read: segmented, with mentions from
//! capitalisation alone (no NER), shared by the examples and the tests.

use dossier_core::{Document, OffsetMap};
use dossier_events::capitalised_mentions;

pub fn doc(text: &str) -> Document {
    let mut d = Document {
        text: text.to_string(),
        map: OffsetMap::identity(text.len()),
        ..Document::default()
    };
    let (tokens, sentences) = dossier_segment::segment(&d.text, &d.blocks);
    d.tokens = tokens;
    d.sentences = sentences;
    d.mentions = capitalised_mentions(&d);
    d
}
