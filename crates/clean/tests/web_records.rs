//! Feed items are bare HTML fragments: their text goes through the text cleaner's rules, and
//! what the feed says (title, link, date, author) still wins over what the text suggests.

use dossier_ingest::{Format, Item};

const FEED: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Valley Gazette</title>
<item><title>Dam Inspection Finds No Cracks</title><link>https://example.org/dam</link><pubDate>Tue, 07 May 2024 10:00:00 GMT</pubDate>
<content:encoded><![CDATA[<p>Dam Inspection Finds No Cracks</p><p>Engineers who inspected the northern dam this week found no cracks in its wall, the water board said on Tuesday.</p><p>The inspection follows a month of record rainfall in the valley.</p>]]></content:encoded></item>
<item><title>School Reopens</title><link>https://example.org/school</link>
<description>&lt;p&gt;Published 8 May 2024&lt;/p&gt;&lt;p&gt;The village school reopened on Wednesday after the floodwater receded, the head teacher said.&lt;/p&gt;</description></item>
</channel></rss>"#;

#[test]
fn feed_items_keep_their_text_and_the_feed_fields_win() {
    let mut docs = Vec::new();
    dossier_ingest::read_bytes("g.rss", Format::Feed, FEED.as_bytes().to_vec(), &mut |i| {
        if let Item::Doc(raw) = i {
            docs.push(dossier_clean::clean(raw).unwrap());
        }
    });
    assert_eq!(docs.len(), 2);
    let dam = &docs[0];
    assert_eq!(
        dam.meta.title.as_ref().unwrap().value,
        "Dam Inspection Finds No Cracks"
    );
    assert_eq!(dam.meta.title.as_ref().unwrap().origin, "input:title");
    assert!(dam
        .meta
        .date
        .as_ref()
        .unwrap()
        .value
        .starts_with("2024-05-07"));
    assert!(dam.text.contains("found no cracks in its wall"));
    assert!(dam.text.contains("record rainfall in the valley."));
    // The school item has no feed date: the date line written in it is used, as a dateline.
    let school = &docs[1];
    let date = school.meta.date.as_ref().unwrap();
    assert_eq!(date.value, "2024-05-08");
    assert_eq!(date.origin, "html:dateline");
    assert!(school.text.contains("The village school reopened"));
}
