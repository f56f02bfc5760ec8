use super::*;

#[test]
fn paragraphs_in_order_with_exact_map() {
    let page = "<html><head><title>A story | Site</title></head><body><nav><a href=/>Home</a> <a href=/x>World</a></nav>\
        <article><h1>A story</h1><p>The minister said on Tuesday that talks would resume next week, officials confirmed.</p>\
        <p>Caf&eacute; owners   were\n worried, &amp; so were &#8220;others&#8221; in the city centre today.</p></article>\
        <footer>Copyright and terms of use apply to everything here.</footer></body></html>";
    let x = extract(page.as_bytes(), None, None).unwrap();
    assert_eq!(
        x.text,
        "The minister said on Tuesday that talks would resume next week, officials confirmed.\n\n\
         Café owners were worried, & so were “others” in the city centre today."
    );
    let at = x.text.find("Café").unwrap();
    let src = x
        .map
        .to_source(dossier_core::Span::new(at, at + "Café".len()));
    assert_eq!(&page[src.range()], "Caf&eacute;");
    let at = x.text.find("owners were").unwrap();
    let src = x
        .map
        .to_source(dossier_core::Span::new(at, at + "owners were".len()));
    assert_eq!(&page[src.range()], "owners   were");
    assert_eq!(x.blocks.len(), 2);
}

#[test]
fn a_bare_page_keeps_its_short_lines_and_says_so() {
    let page = "<html><body><p>Storm Closes Ferry Route</p><p>Published 12 March 2024</p>\
        <p>A winter storm shut the ferry route between the two northern islands on Friday, officials said.</p>\
        <p>Comments</p></body></html>";
    let x = extract(page.as_bytes(), None, None).unwrap();
    assert!(x.bare);
    assert!(x.lead.is_empty());
    assert_eq!(x.blocks.len(), 4, "{}", x.text);
    assert!(x
        .text
        .starts_with("Storm Closes Ferry Route\n\nPublished 12 March 2024\n\n"));
    // Class names, even meaningless ones, and sectioning elements are markup: not bare, and the
    // short lines around the article are left out.
    for named in [
        page.replace("<body>", "<body><div class=\"x1a2\">")
            .replace("</body>", "</div></body>"),
        page.replace("<body>", "<body><article>")
            .replace("</body>", "</article></body>"),
    ] {
        let x = extract(named.as_bytes(), None, None).unwrap();
        assert!(!x.bare);
        assert!(x.text.starts_with("A winter storm"), "{}", x.text);
        assert!(x.lead.iter().any(|(l, _)| l == "Published 12 March 2024"));
    }
}

#[test]
fn two_line_breaks_make_a_blank_line() {
    let page = "<html><body><p>First line<br>\n  second line<br><br>\n<br>After a blank line, with enough words to be running text.</p></body></html>";
    let x = extract(page.as_bytes(), None, None).unwrap();
    assert_eq!(
        x.text,
        "First line\nsecond line\n\nAfter a blank line, with enough words to be running text."
    );
    let at = x.text.find("second").unwrap();
    let src = x.map.to_source(dossier_core::Span::new(at, at + 6));
    assert_eq!(&page[src.range()], "second");
}
