//! The model compiled into the crate loads and finds names.

use dossier_ner::{EntityType, Tagger};

#[test]
fn embedded_model_loads_and_tags() {
    let t = Tagger::embedded().expect("embedded model loads");
    let words = [
        "Foreign", "Minister", "Jawad", "Hakimzai", "arrived", "in", "Kabul", "on", "Monday", ".",
    ];
    let ents = t.tag(&words);
    let got: Vec<(usize, usize, EntityType)> = ents.iter().map(|e| (e.0, e.1, e.2)).collect();
    assert!(got.contains(&(2, 4, EntityType::PER)), "{got:?}");
    assert!(got.contains(&(6, 7, EntityType::LOC)), "{got:?}");
    assert!(ents.iter().all(|e| (0.0..=1.0).contains(&e.3)));
    assert!(t.model().meta.contains_key("dev_f1"));
}

#[test]
fn empty_and_odd_input_does_not_panic() {
    let t = Tagger::embedded().unwrap();
    assert!(t.tag(&[]).is_empty());
    let odd = ["", " ", "\u{0}", "’s", "ÅÄÖ", "---", "12,000", "\u{202e}x"];
    let _ = t.tag(&odd);
    let doc: Vec<Vec<&str>> = vec![vec![], vec!["A"], odd.to_vec()];
    assert_eq!(t.tag_document(&doc).len(), 3);
}
