use dossier_core::{EntityType, Field, Span};

use super::*;

fn doc(text: &str, title: &str) -> Document {
    let mut d = Document {
        id: DocId::of_bytes(text.as_bytes()),
        origin: Origin {
            path: "a.txt".into(),
            record: None,
            format: "txt".into(),
            encoding: "UTF-8".into(),
        },
        source: text.as_bytes().to_vec(),
        text: text.to_string(),
        map: OffsetMap::identity(text.len()),
        ..Document::default()
    };
    d.meta.title = Some(Field::new(title.to_string(), "input:title", 1.0));
    d.mentions.push(Mention {
        span: Span::new(0, 5),
        label: EntityType::LOC,
        score: 0.9,
    });
    d
}

#[test]
fn write_load_search_and_idempotence() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::open(dir.path()).unwrap();
    let a = doc(
        "Kabul was quiet on Sunday after the floods.",
        "Quiet Sunday",
    );
    let b = doc(
        "Herat markets reopened as the IS-K threat faded.",
        "Markets reopen",
    );
    assert_eq!(
        s.write_batch(&[a.clone(), b.clone()], "t").unwrap(),
        vec![true, true]
    );
    assert_eq!(s.write_batch(&[a.clone()], "t").unwrap(), vec![false]);
    assert_eq!(s.count().unwrap(), 2);
    let back = s.load(&a.id).unwrap();
    assert_eq!(back.text, a.text);
    assert_eq!(back.source, a.source);
    assert_eq!(back.mentions, a.mentions);
    assert_eq!(back.meta.title.unwrap().value, "Quiet Sunday");
    let hits = s.search("is-k", false, 10).unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].id, b.id.0);
    assert!(
        hits[0].snippet.contains("[IS]-[K]") || hits[0].snippet.contains('['),
        "{}",
        hits[0].snippet
    );
    let prefix = &a.id.0[..6];
    assert_eq!(s.resolve_id(prefix).unwrap(), a.id);
    assert!(matches!(s.resolve_id("zz"), Err(StoreError::NoDoc(_))));
}

#[test]
fn readers_work_while_a_writer_holds_a_transaction() {
    let dir = tempfile::tempdir().unwrap();
    let mut w = Store::open(dir.path()).unwrap();
    w.write_batch(&[doc("Doha hosted the talks.", "Talks")], "t")
        .unwrap();
    let tx = w.conn.unchecked_transaction().unwrap();
    tx.execute("INSERT INTO documents (id, path, format, encoding, meta, text, source, map, layers, pipeline, ingested_at) VALUES ('x','p','txt','UTF-8','{}','t',x'',x'','{}','t','now')", []).unwrap();
    let r = Store::open_readonly(dir.path()).unwrap();
    assert_eq!(
        r.count().unwrap(),
        1,
        "the reader sees the last committed state"
    );
    tx.rollback().unwrap();
}

#[test]
fn missing_store_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let err = Store::open_readonly(&dir.path().join("nope"))
        .err()
        .unwrap();
    assert!(err.to_string().contains("dossier ingest"), "{err}");
}

#[test]
fn corpus_state_round_trips() {
    let dir = tempfile::tempdir().unwrap();
    let s = Store::open(dir.path()).unwrap();
    assert_eq!(s.get_state("resolve").unwrap(), None);
    s.put_state("resolve", b"one").unwrap();
    s.put_state("resolve", b"two").unwrap();
    assert_eq!(
        s.get_state("resolve").unwrap().as_deref(),
        Some(&b"two"[..])
    );
}
