//! Clean: a raw document in, a [`Document`] out — decoded, stripped of site chrome, with its
//! metadata and an exact map from every clean byte back to the original bytes.
//!
//! Takes a [`RawDoc`] from the ingest stage; gives the document's `text`, `map`, `blocks` and
//! `meta` (layers TEXT, META, BLOCKS). Metadata the input carries (JSONL fields, page metadata)
//! wins over what the text suggests; every value says where it came from and how sure it is.
//! It does not segment or analyse the text.

pub mod dates;
pub mod decode;
pub mod text;

use dossier_core::{Document, Field, Layers, Metadata, Origin, Span};
use dossier_ingest::{InputFields, Kind, RawDoc};

#[derive(Debug, thiserror::Error)]
pub enum CleanError {
    #[error("no article text left after removing site chrome")]
    NoText,
    #[error("{0}")]
    Html(String),
}

/// The layers a cleaned document has.
pub const PRODUCES: Layers = Layers(Layers::TEXT.0 | Layers::META.0 | Layers::BLOCKS.0);

/// Builds the document of a raw input.
pub fn clean(raw: RawDoc) -> Result<Document, CleanError> {
    let mut doc = match raw.kind {
        Kind::Text => clean_plain(&raw),
        Kind::Html => clean_html(&raw)?,
    };
    if doc.text.trim().is_empty() {
        return Err(CleanError::NoText);
    }
    apply_input_fields(&mut doc.meta, raw.fields);
    doc.id = raw.id;
    doc.origin.path = raw.path;
    doc.origin.record = raw.record;
    doc.origin.format = raw.format.to_string();
    doc.source = raw.bytes;
    doc.layers = PRODUCES;
    Ok(doc)
}

fn clean_html(raw: &RawDoc) -> Result<Document, CleanError> {
    let page = dossier_html::extract(
        &raw.bytes,
        raw.fields.charset.as_deref(),
        raw.fields.url.as_deref(),
    )
    .map_err(|e| CleanError::Html(e.to_string()))?;
    Ok(Document {
        origin: Origin {
            encoding: page.encoding,
            ..Origin::default()
        },
        text: page.text,
        map: page.map,
        blocks: page.blocks,
        meta: page.meta,
        ..Document::default()
    })
}

fn clean_plain(raw: &RawDoc) -> Document {
    let decoded = decode::decode(&raw.bytes, raw.fields.charset.as_deref());
    let cleaned = text::clean_text(&decoded.text);
    let to_source = |s: Span| decoded.map.to_source(s);
    let f = cleaned.found;
    let meta = Metadata {
        title: f
            .title
            .map(|(v, s, c, o)| Field::new(v, o, c).at(to_source(s))),
        date: f
            .date
            .map(|(v, s)| Field::new(v, "text:date-line", 0.9).at(to_source(s))),
        author: f
            .author
            .map(|(v, s)| Field::new(v, "text:byline", 0.8).at(to_source(s))),
        outlet: f
            .outlet
            .map(|(v, s, c, o)| Field::new(v, o, c).at(to_source(s))),
        ..Metadata::default()
    };
    Document {
        origin: Origin {
            encoding: decoded.encoding.to_string(),
            ..Origin::default()
        },
        map: cleaned.map.compose(&decoded.map),
        text: cleaned.text,
        blocks: cleaned.blocks,
        meta,
        ..Document::default()
    }
}

/// Input fields are the most trusted source: they replace what the text suggested.
fn apply_input_fields(meta: &mut Metadata, f: InputFields) {
    let given =
        |v: Option<String>, name: &str| v.map(|v| Field::new(v, format!("input:{name}"), 1.0));
    if let Some(t) = given(f.title, "title") {
        meta.title = Some(t);
    }
    if let Some(d) = f.date {
        match dates::normalize_date(&d) {
            Some(iso) => meta.date = Some(Field::new(iso, "input:date", 1.0)),
            None => {
                meta.extra
                    .insert("date_unparsed".into(), serde_json::Value::String(d));
            }
        }
    }
    if let Some(o) = given(f.outlet, "source") {
        meta.outlet = Some(o);
    }
    if let Some(a) = given(f.author, "author") {
        meta.author = Some(a);
    }
    if let Some(u) = given(f.url, "url") {
        meta.url = Some(u);
    }
    meta.extra.extend(f.extra);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(bytes: &[u8], fields: InputFields) -> RawDoc {
        RawDoc::new("t.txt", None, "txt", Kind::Text, bytes.to_vec(), fields)
    }

    #[test]
    fn metadata_spans_point_into_the_source() {
        let src = "Menu\n\nFloods Close Northern Roads\n\nMarch 3, 2019\n\nHeavy rain closed three roads in the north of the province on Sunday, officials said.\n";
        let doc = clean(raw(src.as_bytes(), InputFields::default())).unwrap();
        let title = doc.meta.title.unwrap();
        assert_eq!(
            title.source_span.unwrap().text(src),
            "Floods Close Northern Roads"
        );
        assert_eq!(doc.meta.date.unwrap().value, "2019-03-03");
        assert_eq!(doc.source, src.as_bytes());
    }

    #[test]
    fn input_fields_win() {
        let fields = InputFields {
            title: Some("Given".into()),
            date: Some("26-FEB-1987 16:50:26.50".into()),
            ..Default::default()
        };
        let doc = clean(raw(b"Some Headline Here\n\nA body sentence that is long enough to count as prose for the cleaner, surely.", fields)).unwrap();
        assert_eq!(doc.meta.title.unwrap().value, "Given");
        assert_eq!(doc.meta.date.unwrap().value, "1987-02-26T16:50");
    }

    #[test]
    fn all_chrome_is_an_error() {
        assert!(matches!(
            clean(raw(b"Menu\n\nComments\n", InputFields::default())),
            Err(CleanError::NoText)
        ));
    }
}
