//! Web archives, feeds and HTML pages ingest end to end, and a sentence can be shown in the
//! original page.

mod common;

use common::{dossier, json, stderr};

const PAGE: &str = "<!doctype html><html><head><title>Ferry Service Resumes | Harbour Times</title>\
<meta property=\"og:title\" content=\"Ferry Service Resumes After Storm\">\
<meta property=\"article:published_time\" content=\"2024-05-02T08:00:00Z\"></head><body>\
<nav><a href=\"/\">Home</a> <a href=\"/news\">News</a></nav><article><h1>Ferry Service Resumes After Storm</h1>\
<p>The ferry between the two islands resumed service on Thursday after a storm closed the harbour for three days, the port authority said.</p>\
<p>&ldquo;We are relieved to be sailing again,&rdquo; said captain Mara Lind, who has worked the route for twenty years.</p>\
<p>Officials said repairs to the main pier would take another week.</p></article>\
<footer>Share this article</footer></body></html>";

fn warc(page: &str) -> Vec<u8> {
    let http = format!("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\n\r\n{page}", page.len());
    let mut out = Vec::new();
    let request = "GET /ferry HTTP/1.1\r\nHost: example.org\r\n\r\n";
    for (kind, body) in [("request", request.to_string()), ("response", http)] {
        out.extend_from_slice(
            format!(
                "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: https://example.org/ferry\r\nWARC-Date: 2024-05-02T09:00:00Z\r\nWARC-Record-ID: <urn:uuid:{kind}>\r\nContent-Type: application/http; msgtype={kind}\r\nContent-Length: {}\r\n\r\n",
                body.len()
            )
            .as_bytes(),
        );
        out.extend_from_slice(body.as_bytes());
        out.extend_from_slice(b"\r\n\r\n");
    }
    out
}

const FEED: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Valley Gazette</title>
<item><title>Dam Inspection Finds No Cracks</title><link>https://example.org/dam</link><pubDate>Tue, 07 May 2024 10:00:00 GMT</pubDate>
<content:encoded><![CDATA[<p>Engineers who inspected the northern dam this week found no cracks in its wall, the water board said on Tuesday.</p><p>The inspection follows a month of record rainfall in the valley.</p>]]></content:encoded></item>
<item><title>School Reopens</title><link>https://example.org/school</link><pubDate>Wed, 08 May 2024 10:00:00 GMT</pubDate>
<description>&lt;p&gt;The village school reopened on Wednesday after the floodwater receded, the head teacher said in a letter to parents.&lt;/p&gt;</description></item>
</channel></rss>"#;

#[test]
fn warc_feed_and_page_end_to_end() {
    let t = tempfile::tempdir().unwrap();
    let data = t.path().join("data");
    let w = t.path().join("crawl.warc");
    std::fs::write(&w, warc(PAGE)).unwrap();
    let f = t.path().join("gazette.rss");
    std::fs::write(&f, FEED).unwrap();
    let h = t.path().join("page.html");
    std::fs::write(&h, PAGE.replace("Thursday", "Friday")).unwrap();
    let o = dossier(&data)
        .args(["ingest", "--quiet"])
        .args([&w, &f, &h])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("ingested 4, unchanged 0, failed 0"),
        "{}",
        stderr(&o)
    );

    let docs = json(&dossier(&data).args(["docs", "--json"]).output().unwrap());
    let docs = docs.as_array().unwrap();
    let by_title = |t: &str| {
        docs.iter()
            .find(|d| d["title"] == t)
            .unwrap_or_else(|| panic!("no {t:?} in {docs:?}"))
    };
    let ferry = docs
        .iter()
        .find(|d| d["format"] == "warc")
        .expect("the WARC response record is a document");
    assert_eq!(ferry["title"], "Ferry Service Resumes After Storm");
    assert_eq!(ferry["url"], "https://example.org/ferry");
    let dam = by_title("Dam Inspection Finds No Cracks");
    assert_eq!(dam["url"], "https://example.org/dam");
    assert!(dam["date"].as_str().unwrap().starts_with("2024-05-07"));

    // A sentence of the page, highlighted in the original HTML.
    let id = ferry["id"].as_str().unwrap();
    let shown = json(
        &dossier(&data)
            .args(["show", "--json", id])
            .output()
            .unwrap(),
    );
    assert!(!shown["text"]
        .as_str()
        .unwrap()
        .contains("Share this article"));
    let sentences = shown["sentences"].as_array().unwrap();
    let quote = sentences
        .iter()
        .position(|s| {
            let (a, b) = (
                s["span"]["start"].as_u64().unwrap() as usize,
                s["span"]["end"].as_u64().unwrap() as usize,
            );
            shown["text"].as_str().unwrap()[a..b].contains("relieved")
        })
        .expect("the quote sentence");
    let src = dossier(&data)
        .args(["show", "--source", "--sentence", &quote.to_string(), id])
        .output()
        .unwrap();
    let src = String::from_utf8(src.stdout).unwrap();
    let marked = &src[src.find('«').unwrap()..src.find('»').unwrap()];
    assert!(marked.contains("&ldquo;We are relieved"), "{marked}");
}
