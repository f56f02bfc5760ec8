use dossier_core::{DocId, Document, EntityType, Field, Mention, Quote, QuoteKind, Sentence, Span};
use dossier_resolve::{Judgement, Judgements};
use dossier_store::Store;

use super::*;

/// A document whose mentions are the given names, found in order in `text`.
fn doc(text: &str, date: &str, names: &[(&str, EntityType)]) -> Document {
    let mut d = Document {
        id: DocId::of_bytes(text.as_bytes()),
        source: text.as_bytes().to_vec(),
        text: text.to_string(),
        ..Default::default()
    };
    d.map = dossier_core::OffsetMap::identity(text.len());
    d.meta.date = Some(Field::new(date.to_string(), "test", 1.0));
    d.meta.title = Some(Field::new(
        text.split('.').next().unwrap_or("").to_string(),
        "test",
        1.0,
    ));
    d.sentences.push(Sentence {
        span: Span::new(0, text.len()),
        first: 0,
        last: 0,
    });
    let mut from = 0;
    for (n, label) in names {
        let at = text[from..].find(n).expect("name in text") + from;
        d.mentions.push(Mention {
            span: Span::new(at, at + n.len()),
            label: *label,
            score: 1.0,
        });
        from = at + n.len();
    }
    d
}

fn corpus_docs() -> Vec<Document> {
    use EntityType::*;
    let mut a = doc(
        "Foreign Minister Rustam Kadyrbekov met Dana Ospanova in Astana. \"We agreed on water,\" Kadyrbekov said.",
        "2024-03-02",
        &[
            ("Rustam Kadyrbekov", PER),
            ("Dana Ospanova", PER),
            ("Astana", LOC),
            ("Kadyrbekov", PER),
        ],
    );
    let q = a.text.find("We agreed").unwrap();
    a.quotes.push(Quote {
        span: Span::new(q, q + "We agreed on water,".len()),
        kind: QuoteKind::Direct,
        cue: None,
        speaker: Some(a.mentions[3].span),
        speaker_mention: Some(3),
        reported_by: None,
    });
    let b = doc(
        "Kadyrbekov flew home from Astana on Sunday after the talks with Ospanova.",
        "2024-03-04",
        &[("Kadyrbekov", PER), ("Astana", LOC), ("Ospanova", PER)],
    );
    vec![a, b]
}

fn store_with(docs: &[Document]) -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    store.write_batch(docs, "test").unwrap();
    (dir, store)
}

#[test]
fn update_keeps_one_entity_per_actor_and_is_idempotent() {
    let docs = corpus_docs();
    let (_dir, store) = store_with(&docs);
    let up = update(&store, Judgements::default(), &docs).unwrap();
    assert_eq!(up.added, 2);
    let again = update(&store, Judgements::default(), &docs).unwrap();
    assert_eq!(again.added, 0);

    let c = Corpus::open(&store, Judgements::default()).unwrap();
    assert_eq!(c.len(), 2);
    let full = c.entity_of(docs[0].id.as_str(), 0).unwrap();
    let short = c.entity_of(docs[1].id.as_str(), 0).unwrap();
    assert_eq!(full.id, short.id, "the surname joins the full name");
    assert_eq!(full.name, "Rustam Kadyrbekov");
    assert_eq!(full.documents.len(), 2);
    let page = c.entity_page("kadyrbekov").unwrap();
    assert_eq!(page.entity.id, full.id);
    assert!(page.related.iter().any(|r| r.name.contains("Ospanova")));
}

#[test]
fn quotes_name_the_speaker_by_entity() {
    let docs = corpus_docs();
    let (_dir, store) = store_with(&docs);
    update(&store, Judgements::default(), &docs).unwrap();
    let c = Corpus::open(&store, Judgements::default()).unwrap();
    let q = &quotes_of(Some(&c), &docs[0])[0];
    let sp = q.speaker.as_ref().unwrap();
    assert_eq!(sp.name, "Rustam Kadyrbekov");
    assert_eq!(sp.text, "Kadyrbekov");
    assert_eq!(
        Some(sp.id.unwrap()),
        c.lookup("Kadyrbekov").first().map(|e| e.id)
    );
    assert_eq!(q.date.as_deref(), Some("2024-03-02"));
    // without a corpus the words stand for the speaker
    let bare = &quotes_of(None, &docs[0])[0];
    assert_eq!(bare.speaker.as_ref().unwrap().name, "Kadyrbekov");
    assert_eq!(bare.speaker.as_ref().unwrap().id, None);
}

#[test]
fn readers_catch_up_on_documents_an_interrupted_ingest_left_out() {
    let docs = corpus_docs();
    let (_dir, store) = store_with(&docs);
    update(&store, Judgements::default(), &docs[..1]).unwrap();
    let mut c = Corpus::open(&store, Judgements::default()).unwrap();
    assert_eq!(
        c.len(),
        2,
        "the stored document missing from the state is added"
    );
    c.save(&store).unwrap();
    assert_eq!(update(&store, Judgements::default(), &[]).unwrap().added, 0);
}

#[test]
fn new_judgements_resolve_again() {
    let docs = corpus_docs();
    let (_dir, store) = store_with(&docs);
    update(&store, Judgements::default(), &docs).unwrap();
    let mut j = Judgements::default();
    j.add(Judgement::Merge(
        "Rustam Kadyrbekov".into(),
        "Dana Ospanova".into(),
    ));
    let up = update(&store, j.clone(), &[]).unwrap();
    assert!(up.reresolved);
    let c = Corpus::open(&store, j).unwrap();
    let a = c.entity_of(docs[0].id.as_str(), 0).unwrap().id;
    let b = c.entity_of(docs[0].id.as_str(), 1).unwrap().id;
    assert_eq!(a, b, "the merge judgement joins the two");
}

#[test]
fn stories_and_copies_are_kept() {
    let docs = corpus_docs();
    let mut copy = docs[0].clone();
    copy.id = DocId("copy-of-first".into());
    let all = vec![docs[0].clone(), docs[1].clone(), copy];
    let (_dir, store) = store_with(&all);
    update(&store, Judgements::default(), &all).unwrap();
    let c = Corpus::open(&store, Judgements::default()).unwrap();
    assert_eq!(
        c.doc("copy-of-first").unwrap().copy_of[0].0,
        docs[0].id.as_str()
    );
    let s = c.doc("copy-of-first").unwrap().story;
    let page = c
        .story_page(&s.to_string(), |d| c.story_facts(&store, d))
        .unwrap();
    assert!(page.docs.iter().any(|d| d.id == "copy-of-first"));
    assert!(page.story.copies >= 1);
    assert!(c.story("nope").is_err());
}

#[test]
fn notices_of_one_template_are_copies_only_under_the_same_headline() {
    let notice = |title: &str, text: &str, salt: &str| {
        let mut d = doc(text, "2024-03-02", &[]);
        d.meta.title = Some(Field::new(title.to_string(), "test", 1.0));
        d.id = DocId::of_bytes(format!("{title}{text}{salt}").as_bytes());
        d
    };
    let body = "Qtly div 15 cts vs 15 cts prior\n\nPay April 15\n\nRecord April 1";
    let first = notice("NORTHWIND TRADING CO QUARTERLY DIVIDEND", body, "");
    // the same figures and days, from another company
    let other = notice("BLUE HERON MILLS INC SETS QUARTERLY PAYOUT", body, "");
    let resent = notice("NORTHWIND TRADING CO QUARTERLY DIVIDEND", body, "resent");
    let all = vec![first.clone(), other.clone(), resent.clone()];
    let (_dir, store) = store_with(&all);
    update(&store, Judgements::default(), &all).unwrap();
    let c = Corpus::open(&store, Judgements::default()).unwrap();
    assert!(
        c.doc(other.id.as_str()).unwrap().copy_of.is_empty(),
        "another company's notice is no copy"
    );
    let copy_of = &c.doc(resent.id.as_str()).unwrap().copy_of;
    assert_eq!(copy_of.len(), 1, "{copy_of:?}");
    assert_eq!(copy_of[0].0, first.id.as_str());
}

#[test]
fn two_sessions_saving_in_turn_keep_both_runs_documents() {
    let docs = corpus_docs();
    let (_dir, store) = store_with(&docs);
    let mut first = Session::open(&store, Judgements::default()).unwrap();
    // both documents are in the store, so opening already catches up; start from an empty state
    assert_eq!(first.unsaved(), 0);
    let dir2 = tempfile::tempdir().unwrap();
    let mut fresh = Store::open(dir2.path()).unwrap();
    let mut a = Session::open(&fresh, Judgements::default()).unwrap();
    let mut b = Session::open(&fresh, Judgements::default()).unwrap();
    fresh.write_batch(&docs[..1], "test").unwrap();
    assert_eq!(a.add(&docs[..1]), 1);
    fresh.write_batch(&docs[1..], "test").unwrap();
    assert_eq!(b.add(&docs[1..]), 1);
    a.save(&fresh).unwrap();
    b.save(&fresh).unwrap();
    let c = Corpus::open(&fresh, Judgements::default()).unwrap();
    assert_eq!(c.len(), 2);
    assert!(!c.is_stale(), "the last save holds both runs' documents");
    first.save(&store).unwrap();
}

#[test]
fn quotes_name_what_they_are_about_and_filter_by_entity() {
    use EntityType::*;
    let mut docs = corpus_docs();
    let mut c3 = doc(
        "\"Ospanova will visit Astana in May,\" Kadyrbekov said on Monday.",
        "2024-03-05",
        &[("Ospanova", PER), ("Astana", LOC), ("Kadyrbekov", PER)],
    );
    let end = c3.text.find(" Kadyrbekov").unwrap();
    c3.quotes.push(Quote {
        span: Span::new(0, end),
        kind: QuoteKind::Direct,
        cue: None,
        speaker: Some(c3.mentions[2].span),
        speaker_mention: Some(2),
        reported_by: None,
    });
    docs.push(c3);
    let (_dir, store) = store_with(&docs);
    update(&store, Judgements::default(), &docs).unwrap();
    let c = Corpus::open(&store, Judgements::default()).unwrap();
    let all: Vec<QuoteRecord> = docs.iter().flat_map(|d| quotes_of(Some(&c), d)).collect();
    let q = all.iter().find(|q| q.text.contains("visit")).unwrap();
    let about: Vec<&str> = q.about.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(about.len(), 2, "{about:?}: the speaker is left out");
    assert!(
        about[0].contains("Ospanova") && about[1] == "Astana",
        "{about:?}"
    );
    let minister = q.speaker.as_ref().unwrap().id.unwrap();
    let dana = q.about[0].id.unwrap();

    let by = |speaker: Option<String>, about: Option<String>| -> Vec<&str> {
        let query = QuoteQuery {
            speaker,
            about,
            doc: None,
        };
        select_quotes(&c, &all, &query)
            .iter()
            .map(|q| q.id.as_str())
            .collect()
    };
    assert_eq!(by(Some(format!("e{minister}")), None).len(), 2);
    assert_eq!(by(Some("kadyrbekov".into()), None).len(), 2);
    assert_eq!(by(None, Some(format!("e{dana}"))), [q.id.as_str()]);
    assert_eq!(
        by(Some(format!("e{minister}")), Some("Ospanova".into())),
        [q.id.as_str()]
    );
    assert!(
        by(Some(format!("e{dana}")), None).is_empty(),
        "an id never matches words"
    );

    // every entity's page by its id and by its own name
    for e in c.entities() {
        assert_eq!(
            c.entity_page_for(&e.id.to_string()).unwrap().entity.id,
            e.id
        );
        assert_eq!(
            c.entity_page_for(&e.name).unwrap().entity.id,
            e.id,
            "{}",
            e.name
        );
    }
    let page = c.entity_page_for(&minister.to_string()).unwrap();
    assert_eq!(page.docs.len(), 3);
    assert_eq!(
        page.docs[0].date.as_deref(),
        Some("2024-03-05"),
        "newest first"
    );
}

#[test]
fn readers_load_the_state_without_the_indexes_and_writers_with_them() {
    let docs = corpus_docs();
    let (_dir, mut store) = store_with(&docs[..1]);
    update(&store, Judgements::default(), &docs[..1]).unwrap();
    let c = Corpus::open(&store, Judgements::default()).unwrap();
    assert!(!c.state().has_indexes(), "nothing to add: indexes not read");
    assert_eq!(c.len(), 1);
    // a document stored but not in the saved state: the reader adds it, so reads the indexes
    store.write_batch(&docs[1..], "test").unwrap();
    let c = Corpus::open(&store, Judgements::default()).unwrap();
    assert!(c.state().has_indexes());
    assert_eq!(c.len(), 2);
    let s = c.doc(docs[1].id.as_str()).unwrap().story;
    assert!(c
        .story(&s.to_string())
        .unwrap()
        .documents
        .iter()
        .any(|d| d == docs[1].id.as_str()));
}

#[test]
fn indexes_saved_apart_from_their_state_make_it_rebuilt() {
    let docs = corpus_docs();
    let (_dir, mut store) = store_with(&docs[..1]);
    update(&store, Judgements::default(), &docs[..1]).unwrap();
    let one_doc = store.get_state(state::INDEXES_KEY).unwrap().unwrap();
    store.write_batch(&docs[1..], "test").unwrap();
    update(&store, Judgements::default(), &docs[1..]).unwrap();
    let before = Corpus::open(&store, Judgements::default()).unwrap();
    // as if a run stopped between saving the indexes and the state, the other way round
    store.put_state(state::INDEXES_KEY, &one_doc).unwrap();
    let more = doc(
        "Ospanova told reporters in Astana that the water deal would be signed in April.",
        "2024-03-05",
        &[("Ospanova", EntityType::PER), ("Astana", EntityType::LOC)],
    );
    store
        .write_batch(std::slice::from_ref(&more), "test")
        .unwrap();
    let up = update(&store, Judgements::default(), std::slice::from_ref(&more)).unwrap();
    assert_eq!(up.added, 3, "every document added again to a new state");
    let after = Corpus::open(&store, Judgements::default()).unwrap();
    assert_eq!(after.len(), 3);
    for d in &docs {
        assert_eq!(
            after.entity_of(d.id.as_str(), 0).unwrap().name,
            before.entity_of(d.id.as_str(), 0).unwrap().name
        );
    }
}

#[test]
fn a_state_of_an_older_version_is_rebuilt() {
    let docs = corpus_docs();
    let (_dir, store) = store_with(&docs);
    store
        .put_state(state::STATE_KEY, br#"{"version":2,"stories":{"n_docs":2}}"#)
        .unwrap();
    let c = Corpus::open(&store, Judgements::default()).unwrap();
    assert_eq!(c.len(), 2);
    assert!(c.is_stale());
}
