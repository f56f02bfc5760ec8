//! RSS (0.9x, 1.0, 2.0), Atom and JSON Feed files: each item becomes a raw HTML document — its
//! full content (`content:encoded`, Atom `content`) or else its description or summary — with the
//! item's link, publication date, authors and title, and the feed's title as the outlet. An item
//! with no text is skipped with its reason; a feed that does not parse is one error.

use std::io::Read;

use crate::{too_big, InputFields, Item, Kind, RawDoc, ReadError, MAX_DOC_BYTES};

pub(crate) fn read_reader(name: &str, reader: impl Read, sink: &mut dyn FnMut(Item)) {
    let mut bytes = Vec::new();
    if let Err(e) = reader
        .take(MAX_DOC_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
    {
        return sink(Item::Error(ReadError::new(
            name,
            None,
            format!("cannot read: {e}"),
        )));
    }
    if bytes.len() > MAX_DOC_BYTES {
        return sink(Item::Error(ReadError::new(
            name,
            None,
            too_big(bytes.len() as u64),
        )));
    }
    read_bytes(name, &bytes, sink);
}

/// Reads a whole feed already in memory.
pub(crate) fn read_bytes(name: &str, bytes: &[u8], sink: &mut dyn FnMut(Item)) {
    // Keep the HTML as published: sanitising is not ours to do, and it would move offsets.
    let parser = feed_rs::parser::Builder::new()
        .sanitize_content(false)
        .build();
    let feed = match parser.parse(bytes) {
        Ok(f) => f,
        Err(e) => {
            return sink(Item::Error(ReadError::new(
                name,
                None,
                format!("not a readable RSS/Atom feed: {e}"),
            )))
        }
    };
    let outlet = feed
        .title
        .as_ref()
        .map(|t| t.content.trim().to_string())
        .filter(|t| !t.is_empty());
    if feed.entries.is_empty() {
        return sink(Item::Skipped {
            path: name.to_string(),
            reason: "feed has no items".into(),
        });
    }
    for (i, e) in feed.entries.into_iter().enumerate() {
        let n = i as u64 + 1;
        let body = e
            .content
            .as_ref()
            .and_then(|c| c.body.clone())
            .filter(|b| !b.trim().is_empty())
            .or_else(|| {
                e.summary
                    .as_ref()
                    .map(|s| s.content.clone())
                    .filter(|s| !s.trim().is_empty())
            });
        let Some(body) = body else {
            sink(Item::Skipped {
                path: format!("{name}:{n}"),
                reason: "feed item without content or summary".into(),
            });
            continue;
        };
        if body.len() > MAX_DOC_BYTES {
            sink(Item::Error(ReadError::new(
                name,
                Some(n),
                too_big(body.len() as u64),
            )));
            continue;
        }
        let authors: Vec<String> = e
            .authors
            .iter()
            .filter_map(|p| p.name.as_deref())
            .map(|a| a.trim().to_string())
            .filter(|a| !a.is_empty())
            .collect();
        let mut fields = InputFields {
            title: e
                .title
                .as_ref()
                .map(|t| t.content.trim().to_string())
                .filter(|t| !t.is_empty()),
            date: e.published.or(e.updated).map(|d| d.to_rfc3339()),
            outlet: outlet.clone(),
            author: (!authors.is_empty()).then(|| authors.join(", ")),
            url: e.links.first().map(|l| l.href.clone()),
            // The body is already text decoded from the feed's own encoding.
            charset: Some("utf-8".into()),
            extra: serde_json::Map::new(),
        };
        if !e.id.is_empty() {
            fields.extra.insert("feed_item_id".into(), e.id.into());
        }
        sink(Item::Doc(RawDoc::new(
            name,
            Some(n),
            "rss",
            Kind::Html,
            body.into_bytes(),
            fields,
        )));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn collect(s: &str) -> Vec<Item> {
        let mut out = Vec::new();
        read_reader("t.xml", s.as_bytes(), &mut |i| out.push(i));
        out
    }

    #[test]
    fn rss_items_with_content_and_odd_dates() {
        let rss = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>Harbour News</title><link>https://news.example/</link>
<item><title>Pier closed</title><link>https://news.example/pier</link>
  <pubDate>Mon, 18 Nov 2024 09:30:00 GMT</pubDate><dc:creator>Ana Lima</dc:creator>
  <description>Short summary.</description>
  <content:encoded><![CDATA[<p>The harbour authority said the pier would stay closed.</p>]]></content:encoded></item>
<item><title>Ferries move</title><link>https://news.example/ferries</link>
  <pubDate>18/11/2024</pubDate><description>&lt;p&gt;Ferries use the south terminal.&lt;/p&gt;</description></item>
<item><title>Empty</title><link>https://news.example/empty</link></item>
</channel></rss>"#;
        let items = collect(rss);
        assert_eq!(items.len(), 3, "{items:?}");
        let Item::Doc(a) = &items[0] else {
            panic!("{:?}", items[0])
        };
        assert_eq!(
            a.bytes,
            b"<p>The harbour authority said the pier would stay closed.</p>"
        );
        assert_eq!(a.fields.url.as_deref(), Some("https://news.example/pier"));
        assert_eq!(a.fields.title.as_deref(), Some("Pier closed"));
        assert_eq!(a.fields.outlet.as_deref(), Some("Harbour News"));
        assert_eq!(a.fields.author.as_deref(), Some("Ana Lima"));
        assert!(a
            .fields
            .date
            .as_deref()
            .unwrap()
            .starts_with("2024-11-18T09:30:00"));
        assert_eq!((a.format, a.kind, a.record), ("rss", Kind::Html, Some(1)));
        let Item::Doc(b) = &items[1] else {
            panic!("{:?}", items[1])
        };
        assert_eq!(b.bytes, b"<p>Ferries use the south terminal.</p>");
        assert!(matches!(&items[2], Item::Skipped { .. }));
    }

    #[test]
    fn atom_entries() {
        let atom = r#"<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Harbour News</title><id>urn:x</id><updated>2024-11-18T10:00:00Z</updated>
<entry><title>Pier closed</title><id>urn:1</id><link href="https://news.example/pier"/>
<published>2024-11-18T09:30:00Z</published><updated>2024-11-18T10:00:00Z</updated><author><name>Ana Lima</name></author>
<content type="html">&lt;p&gt;The pier stays closed.&lt;/p&gt;</content></entry></feed>"#;
        let items = collect(atom);
        let Item::Doc(a) = &items[0] else {
            panic!("{items:?}")
        };
        assert_eq!(a.bytes, b"<p>The pier stays closed.</p>");
        assert_eq!(a.fields.date.as_deref(), Some("2024-11-18T09:30:00+00:00"));
        assert_eq!(a.fields.author.as_deref(), Some("Ana Lima"));
    }

    #[test]
    fn invalid_xml_is_one_error() {
        let items = collect("<rss><channel><item><title>x</title></chan");
        assert!(
            matches!(&items[..], [Item::Error(_)] | [Item::Skipped { .. }]),
            "{items:?}"
        );
        assert!(matches!(&collect("not xml at all")[..], [Item::Error(_)]));
    }

    proptest::proptest! {
        #[test]
        fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..500)) {
            let mut out = Vec::new();
            read_reader("t.xml", &bytes[..], &mut |i| out.push(i));
            proptest::prop_assert!(!out.is_empty());
        }
    }
}
