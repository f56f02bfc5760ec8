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
    let origin = Origin {
        encoding: page.encoding,
        ..Origin::default()
    };
    let mut meta = page.meta;
    if page.bare {
        // Plain text in tags: the same text rules as a `.txt` scrape, on the extracted text.
        let cleaned = text::clean_text(&page.text);
        // Found spans are in the extracted text.
        let to_source = |s: Span| page.map.to_source(s);
        let found = found_meta(cleaned.found, to_source, DATELINE);
        fill(&mut meta.title, found.title);
        fill(&mut meta.date, found.date);
        fill(&mut meta.author, found.author);
        fill(&mut meta.outlet, found.outlet);
        return Ok(Document {
            origin,
            map: cleaned.map.compose(&page.map),
            text: cleaned.text,
            blocks: cleaned.blocks,
            meta,
            ..Document::default()
        });
    }
    if meta.date.is_none() {
        let month_first = meta
            .language
            .as_ref()
            .is_some_and(|l| l.value.to_ascii_lowercase().starts_with("en-us"));
        meta.date = page.lead.iter().find_map(|(line, at)| {
            let iso = text::date_line(line, month_first)?;
            Some(Field::new(iso, DATELINE.0, DATELINE.1).at(*at))
        });
    }
    Ok(Document {
        origin,
        text: page.text,
        map: page.map,
        blocks: page.blocks,
        meta,
        ..Document::default()
    })
}

/// A date written in a page's visible text: the last source of a page's date, after what the
/// page declares (JSON-LD, meta tags, `<time>`) and its URL.
const DATELINE: (&str, f32) = ("html:dateline", 0.5);

fn fill(slot: &mut Option<Field<String>>, v: Option<Field<String>>) {
    if slot.is_none() {
        *slot = v;
    }
}

/// The cleaner's findings as metadata fields with source spans; `date` names the origin and
/// confidence of a date line.
fn found_meta(f: text::Found, to_source: impl Fn(Span) -> Span, date: (&str, f32)) -> Metadata {
    Metadata {
        title: f
            .title
            .map(|(v, s, c, o)| Field::new(v, o, c).at(to_source(s))),
        date: f
            .date
            .map(|(v, s)| Field::new(v, date.0, date.1).at(to_source(s))),
        author: f
            .author
            .map(|(v, s)| Field::new(v, "text:byline", 0.8).at(to_source(s))),
        outlet: f
            .outlet
            .map(|(v, s, c, o)| Field::new(v, o, c).at(to_source(s))),
        ..Metadata::default()
    }
}

fn clean_plain(raw: &RawDoc) -> Document {
    let decoded = decode::decode(&raw.bytes, raw.fields.charset.as_deref());
    let cleaned = text::clean_text(&decoded.text);
    let to_source = |s: Span| decoded.map.to_source(s);
    let meta = found_meta(cleaned.found, to_source, ("text:date-line", 0.9));
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

    fn page(lang: &str, head: &str, dateline: &str) -> String {
        format!(
            "<html lang=\"{lang}\"><head>{head}</head><body><nav class=\"menu\"><a href=/>Home</a></nav>\
             <article><h1>Ferry Route Closed by Storm</h1><div class=\"story-meta\">{dateline}</div>\
             <p>A winter storm shut the ferry route between the two northern islands, leaving travellers at the piers.</p>\
             <p>The port authority said waves of more than six metres made crossings unsafe until Saturday noon.</p>\
             </article><footer>About us</footer></body></html>"
        )
    }

    fn html_doc(page: &str) -> Document {
        let raw = RawDoc::new(
            "p.html",
            None,
            "html",
            Kind::Html,
            page.as_bytes().to_vec(),
            InputFields::default(),
        );
        clean(raw).unwrap()
    }

    #[test]
    fn visible_dateline_is_the_last_source_of_a_page_date() {
        for (lang, line, want) in [
            ("en", "Published 12 March 2024", "2024-03-12"),
            ("en-GB", "Mar 12, 2024 10:02 GMT", "2024-03-12T10:02"),
            ("en-GB", "12/03/2024", "2024-03-12"),
            ("en-US", "12/03/2024", "2024-12-03"),
            ("en-US", "Updated: 3/25/2024", "2024-03-25"),
        ] {
            let p = page(lang, "", line);
            let doc = html_doc(&p);
            let date = doc.meta.date.as_ref().expect(line);
            assert_eq!(date.value, want, "{line}");
            assert_eq!(date.origin, "html:dateline");
            assert!(date.confidence < 0.6, "below a URL date");
            let at = date.source_span.unwrap();
            assert_eq!(&p[at.range()], line);
            assert!(
                !doc.text.contains(line),
                "the date line is not article text"
            );
        }
        // A date the page declares wins over the visible one.
        let p = page(
            "en",
            "<meta property=\"article:published_time\" content=\"2024-03-11T08:00:00Z\">",
            "Published 12 March 2024",
        );
        let date = html_doc(&p).meta.date.unwrap();
        assert_eq!(date.value, "2024-03-11T08:00:00Z");
        assert_eq!(date.origin, "html:meta:article:published_time");
        // A line that only mentions a date is not a date line.
        let p = page(
            "en",
            "",
            "On 12 March 2024 the council met to discuss the ferry budget again",
        );
        assert!(html_doc(&p).meta.date.is_none());
    }

    #[test]
    fn all_chrome_is_an_error() {
        assert!(matches!(
            clean(raw(b"Menu\n\nComments\n", InputFields::default())),
            Err(CleanError::NoText)
        ));
    }
}
