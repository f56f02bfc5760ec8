//! Bad and odd input: nothing panics, memory stays bounded, offsets stay inside the page.

use dossier_core::Span;
use dossier_html::{extract, HtmlError};
use proptest::prelude::*;

/// Every block and every span of the text maps inside the original bytes, and the text is
/// made of whole blocks.
fn check_map(bytes: &[u8], x: &dossier_html::Extracted) {
    assert_eq!(x.map.len(), x.text.len(), "map covers the text");
    for b in &x.blocks {
        let src = x.map.to_source(b.span);
        assert!(
            src.start <= src.end && (src.end as usize) <= bytes.len(),
            "block {b:?} maps to {src:?}"
        );
        assert!(
            x.text.is_char_boundary(b.span.start as usize)
                && x.text.is_char_boundary(b.span.end as usize)
        );
    }
    for o in (0..=x.text.len()).step_by(7) {
        let src = x.map.to_source(Span::new(o, (o + 5).min(x.text.len())));
        assert!((src.end as usize) <= bytes.len());
    }
}

#[test]
fn binary_served_as_html_is_refused() {
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    png.extend((0..5000u32).map(|i| (i * 7 % 256) as u8));
    assert!(matches!(
        extract(&png, None, None),
        Err(HtmlError::Binary(_))
    ));
    let noise: Vec<u8> = (0..20000u32)
        .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8)
        .collect();
    assert!(matches!(
        extract(&noise, None, None),
        Err(HtmlError::Binary(_))
    ));
}

#[test]
fn all_script_page_gives_empty_text() {
    let mut page =
        String::from("<html><head><script>var a = '<p>not text</p>';</script></head><body>");
    for i in 0..200 {
        page.push_str(&format!(
            "<script>document.write('<p>paragraph {i} of a long story, with words.</p>');</script>"
        ));
    }
    page.push_str("<noscript><p>Please enable JavaScript to read this page and many others.</p></noscript></body></html>");
    let x = extract(page.as_bytes(), None, None).unwrap();
    assert_eq!(x.text, "");
    assert!(x.blocks.is_empty());
}

#[test]
fn ten_thousand_nested_tables() {
    let mut page = String::from("<html><body>");
    for _ in 0..10_000 {
        page.push_str("<table><tr><td>");
    }
    page.push_str(
        "<p>The deepest cell holds a whole sentence of running text, which is kept as it is.</p>",
    );
    for _ in 0..10_000 {
        page.push_str("</td></tr></table>");
    }
    page.push_str("</body></html>");
    let x = extract(page.as_bytes(), None, None).unwrap();
    assert!(x.text.contains("The deepest cell holds"), "{:?}", x.text);
    check_map(page.as_bytes(), &x);
    // Unclosed, too.
    let open = "<div>".repeat(10_000)
        + "<p>Text at the bottom of many open divisions, long enough to count as prose.";
    let x = extract(open.as_bytes(), None, None).unwrap();
    assert!(x.text.starts_with("Text at the bottom"));
}

#[test]
fn huge_page_is_read() {
    let para =
        "<p>One paragraph of a very long page, with a comma, and a full stop at the end.</p>\n";
    let mut page = String::with_capacity(para.len() * 200_000 + 100);
    page.push_str("<html><body><article>");
    for _ in 0..200_000 {
        page.push_str(para);
    }
    page.push_str("</article></body></html>");
    let x = extract(page.as_bytes(), None, None).unwrap();
    assert_eq!(x.blocks.len(), 200_000);
    let last = x.blocks.last().unwrap().span;
    let src = x.map.to_source(last);
    assert_eq!(
        &page[src.range()],
        "One paragraph of a very long page, with a comma, and a full stop at the end."
    );
}

#[test]
fn legacy_encoding_maps_back_to_the_original_bytes() {
    let mut page = b"<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-1\"></head><body><p>".to_vec();
    page.extend_from_slice(b"Le caf\xe9 de la gare a rouvert ses portes mardi, apr\xe8s trois ans de travaux &amp; d'attente.");
    page.extend_from_slice(b"</p></body></html>");
    let x = extract(&page, None, None).unwrap();
    assert_eq!(x.encoding, "windows-1252");
    assert_eq!(
        x.text,
        "Le café de la gare a rouvert ses portes mardi, après trois ans de travaux & d'attente."
    );
    let at = x.text.find("café").unwrap();
    let src = x.map.to_source(Span::new(at, at + "café".len()));
    assert_eq!(&page[src.range()], b"caf\xe9");
    let at = x.text.find('&').unwrap();
    let src = x.map.to_source(Span::new(at, at + 1));
    assert_eq!(&page[src.range()], b"&amp;");
    check_map(&page, &x);
}

/// Text written for this test: a short news item, one paragraph a line.
const ITEM: &str = "The harbour authority said on Monday that the northern pier would stay closed until the spring, after storms damaged its supports.
Engineers found cracks in three of the concrete piles last week, according to a statement.
\"We cannot put boats or people at risk,\" the authority's director told reporters.
Ferries will use the southern terminal in the meantime.
Local traders said the closure would hurt business during the winter market, which usually draws thousands of visitors to the waterfront.
A decision on repairs is expected in January.";

#[test]
fn bare_html_gives_the_plain_text_paragraphs() {
    let mut page = String::from("<html><body>");
    for line in ITEM.lines() {
        page.push_str("<p>");
        page.push_str(&line.replace('&', "&amp;").replace('<', "&lt;"));
        page.push_str("</p>\n");
    }
    page.push_str("</body></html>");
    let x = extract(page.as_bytes(), None, None).unwrap();
    assert_eq!(x.text, ITEM.lines().collect::<Vec<_>>().join("\n\n"));
    for (b, line) in x.blocks.iter().zip(ITEM.lines()) {
        assert_eq!(&page[x.map.to_source(b.span).range()], line);
    }
}

#[test]
fn metadata_in_order_of_trust() {
    let page = r#"<html lang="en"><head><title>Pier closed for winter | Harbour News</title>
        <meta property="og:site_name" content="Harbour News">
        <meta property="article:published_time" content="2024-11-18T09:30:00Z">
        <link rel="canonical" href="https://news.example/pier-closed">
        <script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle",
          "headline":"Pier closed for the winter","datePublished":"2024-11-18T09:00:00Z",
          "author":[{"@type":"Person","name":"Ana Lima"}],"publisher":{"@type":"Organization","name":"Harbour News"}}</script>
        </head><body><p>The harbour authority said on Monday that the northern pier would stay closed until spring.</p></body></html>"#;
    let x = extract(
        page.as_bytes(),
        None,
        Some("https://news.example/2024/11/18/pier"),
    )
    .unwrap();
    let m = &x.meta;
    assert_eq!(
        m.title.as_ref().unwrap().value,
        "Pier closed for the winter"
    );
    assert_eq!(m.title.as_ref().unwrap().origin, "html:json-ld:headline");
    assert_eq!(m.date.as_ref().unwrap().value, "2024-11-18T09:00:00Z");
    assert_eq!(m.author.as_ref().unwrap().value, "Ana Lima");
    assert_eq!(m.outlet.as_ref().unwrap().value, "Harbour News");
    assert_eq!(
        m.url.as_ref().unwrap().value,
        "https://news.example/pier-closed"
    );
    assert_eq!(m.language.as_ref().unwrap().value, "en");
    let span = m.date.as_ref().unwrap().source_span.unwrap();
    assert!(page[span.range()].contains("datePublished"));
}

/// Fragments that random pages are made of.
fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("<p>".to_string()),
        Just("</p>".to_string()),
        Just("<div class=\"content\">".to_string()),
        Just("<div class=\"share\">".to_string()),
        Just("</div>".to_string()),
        Just("<a href=x>".to_string()),
        Just("</a>".to_string()),
        Just("<br>".to_string()),
        Just("<script>".to_string()),
        Just("</script>".to_string()),
        Just("<pre>".to_string()),
        Just("</pre>".to_string()),
        Just("<table><tr><td>".to_string()),
        Just("&amp;".to_string()),
        Just("&eacute".to_string()),
        Just("&#x1F600;".to_string()),
        Just("&#99999999;".to_string()),
        Just("<!-- c -->".to_string()),
        Just(" \n\t ".to_string()),
        Just("\u{a0}".to_string()),
        Just("\u{200b}".to_string()),
        "[a-zA-Zé.,!? ]{0,40}".prop_map(|s| s),
        Just(
            "A sentence with enough words to be read as running text by the extractor.".to_string()
        ),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2000), hint in prop_oneof![Just(None), Just(Some("shift_jis")), Just(Some("utf-8")), Just(Some("nonsense"))]) {
        if let Ok(x) = extract(&bytes, hint, None) {
            check_map(&bytes, &x);
        }
    }

    #[test]
    fn random_markup_maps_inside_the_page(parts in proptest::collection::vec(fragment(), 0..80)) {
        let page = parts.concat();
        let x = extract(page.as_bytes(), None, None).unwrap();
        check_map(page.as_bytes(), &x);
        prop_assert!(!x.text.starts_with(char::is_whitespace) && !x.text.ends_with(char::is_whitespace));
    }
}
