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
