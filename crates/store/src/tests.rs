//! Every test runs against SQLite, and against PostgreSQL when `DOSSIER_TEST_PG` names a
//! server where it may create databases (scripts/pg-test.sh starts one).

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

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

/// A fresh, empty store location: a temporary directory, or a new PostgreSQL database that
/// is dropped afterwards.
struct Fresh {
    spec: String,
    kind: &'static str,
    _dir: Option<tempfile::TempDir>,
    admin: Option<(String, String)>,
}

impl Fresh {
    fn open(&self) -> Store {
        Store::open_spec(&self.spec).unwrap()
    }
}

impl Drop for Fresh {
    fn drop(&mut self) {
        if let Some((admin, db)) = &self.admin {
            if let Ok(mut c) = postgres::Client::connect(admin, postgres::NoTls) {
                let _ = c.batch_execute(&format!("DROP DATABASE IF EXISTS {db} WITH (FORCE)"));
            }
        }
    }
}

static DATABASES: AtomicUsize = AtomicUsize::new(0);

fn sqlite_fresh() -> Fresh {
    let dir = tempfile::tempdir().unwrap();
    Fresh {
        spec: dir.path().to_string_lossy().into_owned(),
        kind: "sqlite",
        _dir: Some(dir),
        admin: None,
    }
}

/// A new database on the server `DOSSIER_TEST_PG` names, or None (said on stderr) without it.
fn pg_fresh() -> Option<Fresh> {
    let Ok(admin) = std::env::var("DOSSIER_TEST_PG") else {
        eprintln!("skipped: PostgreSQL not available (DOSSIER_TEST_PG unset)");
        return None;
    };
    let db = format!(
        "dossier_test_{}_{}",
        std::process::id(),
        DATABASES.fetch_add(1, Ordering::Relaxed)
    );
    let mut c = postgres::Client::connect(&admin, postgres::NoTls)
        .unwrap_or_else(|e| panic!("DOSSIER_TEST_PG is set but unreachable: {e}"));
    c.batch_execute(&format!("DROP DATABASE IF EXISTS {db}"))
        .unwrap();
    c.batch_execute(&format!("CREATE DATABASE {db}")).unwrap();
    let (base, query) = match admin.split_once('?') {
        Some((b, q)) => (b, format!("?{q}")),
        None => (admin.as_str(), String::new()),
    };
    let scheme_end = base.find("://").map_or(0, |i| i + 3);
    let host_end = base[scheme_end..]
        .find('/')
        .map_or(base.len(), |i| scheme_end + i);
    Some(Fresh {
        spec: format!("{}/{db}{query}", &base[..host_end]),
        kind: "postgres",
        _dir: None,
        admin: Some((admin.clone(), db)),
    })
}

/// SQLite always; PostgreSQL too when available.
fn fresh_stores() -> Vec<Fresh> {
    let mut v = vec![sqlite_fresh()];
    v.extend(pg_fresh());
    v
}

#[test]
fn write_load_search_and_idempotence() {
    for f in fresh_stores() {
        let mut s = f.open();
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
            vec![true, true],
            "{}",
            f.kind
        );
        assert_eq!(
            s.write_batch(std::slice::from_ref(&a), "t").unwrap(),
            vec![false]
        );
        assert_eq!(s.count().unwrap(), 2);
        assert!(s.contains(&a.id).unwrap());
        assert!(!s.contains(&DocId("00".into())).unwrap());
        let back = s.load(&a.id).unwrap();
        assert_eq!(back.text, a.text);
        assert_eq!(back.source, a.source);
        assert_eq!(back.mentions, a.mentions);
        assert_eq!(back.meta.title.unwrap().value, "Quiet Sunday");
        let hits = s.search("is-k", false, 10).unwrap();
        assert_eq!(hits.len(), 1, "{}", f.kind);
        assert_eq!(hits[0].id, b.id.0);
        assert!(hits[0].snippet.contains('['), "{}", hits[0].snippet);
        assert!(s.search("kabul herat", false, 10).unwrap().is_empty());
        assert!(s.search("   ", false, 10).unwrap().is_empty());
        let prefix = &a.id.0[..6];
        assert_eq!(s.resolve_id(prefix).unwrap(), a.id);
        assert!(matches!(s.resolve_id("zz"), Err(StoreError::NoDoc(_))));
        assert_eq!(
            s.ids().unwrap(),
            vec![a.id.clone(), b.id.clone()],
            "ingest order"
        );
        let docs = s.documents(10, 1).unwrap();
        assert_eq!(docs.len(), 1);
        assert_eq!(docs[0].id, b.id.0);
        assert_eq!(docs[0].length, b.text.len());
        let first = s.documents(1, 0).unwrap();
        assert_eq!(first.len(), 1);
        assert_eq!(first[0].id, a.id.0);
        assert!(s.documents(10, 2).unwrap().is_empty(), "past the end");
        let seq = s.ids_after(0, 10).unwrap();
        assert_eq!(seq.len(), 2);
        assert_eq!(s.last_seq().unwrap(), seq[1].0);
        assert!(s.ids_after(seq[1].0, 10).unwrap().is_empty());
    }
}

#[test]
fn title_weighs_more_and_accents_are_ignored() {
    for f in fresh_stores() {
        let mut s = f.open();
        let in_text = doc("Talks in São Paulo ended without a deal on grain.", "Talks");
        let in_title = doc(
            "The delegations left on Friday.",
            "Grain talks in Sao Paulo",
        );
        s.write_batch(&[in_text.clone(), in_title.clone()], "t")
            .unwrap();
        let hits = s.search("sao paulo grain", false, 10).unwrap();
        let ids: Vec<&str> = hits.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(
            ids,
            vec![in_title.id.as_str(), in_text.id.as_str()],
            "{}",
            f.kind
        );
        assert!(hits[0].rank <= hits[1].rank);
        let raw = s.search("\"without a deal\"", true, 10).unwrap();
        assert_eq!(raw.len(), 1, "{}", f.kind);
    }
}

#[test]
fn search_pages_are_slices_of_the_whole_result() {
    for f in fresh_stores() {
        let mut s = f.open();
        let docs: Vec<Document> = (0..7)
            .map(|i| {
                let words = "grain ".repeat(i + 1);
                doc(
                    &format!("Report {i}: {words}prices rose."),
                    &format!("R{i}"),
                )
            })
            .collect();
        s.write_batch(&docs, "t").unwrap();
        let all = s.search("grain prices", false, 10).unwrap();
        assert_eq!(all.len(), 7, "{}", f.kind);
        let mut paged = Vec::new();
        for offset in [0, 3, 6] {
            paged.extend(s.search_page("grain prices", false, 3, offset).unwrap());
        }
        let ids = |h: &[Hit]| h.iter().map(|h| h.id.clone()).collect::<Vec<_>>();
        assert_eq!(ids(&paged), ids(&all), "{}", f.kind);
        assert!(all.windows(2).all(|w| w[0].rank <= w[1].rank), "{}", f.kind);
        assert!(
            all.iter().all(|h| h.snippet.contains("[grain]")),
            "{}",
            f.kind
        );
        assert!(s.search_page("grain", false, 5, 50).unwrap().is_empty());
    }
}

#[test]
fn a_deep_search_ranks_the_most_recent_matches_and_counts_them_all() {
    for f in fresh_stores() {
        let mut s = f.open();
        // One batch each, so they are stored in this order; wordings differ so ranks differ.
        let docs: Vec<Document> = (0..30)
            .map(|i| {
                let words = "grain ".repeat(i % 7 + 1);
                doc(&format!("Note {i}: {words}prices."), &format!("N{i}"))
            })
            .collect();
        for d in &docs {
            s.write_batch(std::slice::from_ref(d), "t").unwrap();
        }
        let ids = |h: &[Hit]| h.iter().map(|h| h.id.clone()).collect::<Vec<_>>();
        // Fewer matches than the depth: every one ranked, counted exactly.
        let all = s.search_found("grain", false, 100, 0, 1000).unwrap();
        assert_eq!(
            (all.ranked, all.total, all.capped),
            (30, 30, false),
            "{}",
            f.kind
        );
        assert_eq!(ids(&all.hits), ids(&s.search("grain", false, 100).unwrap()));
        // More matches than the depth: the 10 most recent ranked among themselves, in the
        // order the whole ranking gives them; the count is still every match.
        let recent: Vec<String> = docs[20..].iter().map(|d| d.id.0.clone()).collect();
        let want: Vec<String> = ids(&all.hits)
            .into_iter()
            .filter(|id| recent.contains(id))
            .collect();
        let deep = s.search_found("grain", false, 10, 0, 10).unwrap();
        assert_eq!(
            (deep.ranked, deep.total, deep.capped),
            (10, 30, false),
            "{}",
            f.kind
        );
        assert_eq!(ids(&deep.hits), want, "{}", f.kind);
        let page = s.search_found("grain", false, 3, 2, 10).unwrap();
        assert_eq!(ids(&page.hits), want[2..5], "{}", f.kind);
        assert!(deep.hits.windows(2).all(|w| w[0].rank <= w[1].rank));
        // A page past the depth widens the window to reach it.
        let far = s.search_found("grain", false, 5, 10, 10).unwrap();
        assert_eq!((far.ranked, far.hits.len()), (15, 5), "{}", f.kind);
        // A page past the end still tells how many match.
        let past = s.search_found("grain", false, 5, 40, 10).unwrap();
        assert!(past.hits.is_empty());
        assert_eq!((past.ranked, past.total), (30, 30), "{}", f.kind);
        let huge = s
            .search_found("grain", false, usize::MAX, usize::MAX, 10)
            .unwrap();
        assert_eq!((huge.hits.len(), huge.total), (0, 30), "{}", f.kind);
        let none = s.search_found("barley", false, 5, 0, 10).unwrap();
        assert_eq!((none.hits.len(), none.ranked, none.total), (0, 0, 0));
    }
}

#[test]
fn odd_documents_round_trip_exactly() {
    for f in fresh_stores() {
        let mut s = f.open();
        let text = "NUL\0inside, ünïcödé, and a tab\there.";
        let mut d = doc(text, "Odd \"title\"");
        d.source = vec![0, 159, 146, 150, 255, b'x'];
        d.origin.record = Some(7);
        d.meta.date = Some(Field::new("2024-03-01".to_string(), "input:date", 1.0));
        let at = text.find('ü').unwrap();
        d.mentions.push(Mention {
            span: Span::new(at, at + "ünïcödé".len()),
            label: EntityType::PER,
            score: 0.5,
        });
        d.layers = Layers(Layers::MENTIONS.0 | Layers::TOKENS.0);
        s.write_batch(std::slice::from_ref(&d), "t").unwrap();
        let back = s.load(&d.id).unwrap();
        assert_eq!(back.text, d.text, "{}", f.kind);
        assert_eq!(back.source, d.source);
        assert_eq!(back.origin, d.origin);
        assert_eq!(back.meta, d.meta);
        assert_eq!(back.mentions, d.mentions);
        assert_eq!(back.map.to_bytes(), d.map.to_bytes());
        assert_eq!(back.layers, Layers::MENTIONS, "tokens are not stored");
        let rows = s.rows_after(0, 10).unwrap();
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].1.mentions.len(), 2);
        assert_eq!(rows[0].1.mentions[1].text, "ünïcödé");
        assert!(s.search("unicode", false, 10).unwrap().len() <= 1);
    }
}

#[test]
fn missing_store_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let err = Store::open_readonly(&dir.path().join("nope"))
        .err()
        .unwrap();
    assert!(err.to_string().contains("dossier ingest"), "{err}");
    if let Some(f) = pg_fresh() {
        let err = Store::open_spec_readonly(&f.spec).err().unwrap();
        assert!(matches!(err, StoreError::Empty(_)), "{err}");
        assert!(err.to_string().contains("dossier ingest"), "{err}");
        f.open();
        let r = Store::open_spec_readonly(&f.spec).unwrap();
        assert_eq!(r.count().unwrap(), 0);
        assert!(r.put_state("k", b"v").is_err(), "read-only session");
    }
}

#[test]
fn readers_work_while_a_writer_holds_a_transaction() {
    let dir = tempfile::tempdir().unwrap();
    let mut w = Store::open(dir.path()).unwrap();
    w.write_batch(&[doc("Doha hosted the talks.", "Talks")], "t")
        .unwrap();
    let tx = w.conn().unchecked_transaction().unwrap();
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
fn corpus_state_round_trips_small_and_large() {
    for f in fresh_stores() {
        let s = f.open();
        assert_eq!(s.get_state("resolve").unwrap(), None);
        s.put_state("resolve", b"one").unwrap();
        s.put_state("resolve", b"two").unwrap();
        assert_eq!(
            s.get_state("resolve").unwrap().as_deref(),
            Some(&b"two"[..])
        );
        let big: Vec<u8> = (0..40_000_000u32).map(|i| (i * 7 % 251) as u8).collect();
        s.put_state("stories", &big).unwrap();
        assert!(s.get_state("stories").unwrap().as_deref() == Some(&big[..]));
        assert_eq!(s.state_keys().unwrap(), vec!["resolve", "stories"]);
    }
}

#[test]
fn concurrent_writers_neither_lose_nor_duplicate() {
    for f in fresh_stores() {
        let docs: Vec<Document> = (0..120)
            .map(|i| doc(&format!("Report {i} from Mosul on the ceasefire."), "R"))
            .collect();
        let docs = Arc::new(docs);
        let threads: Vec<_> = (0..4)
            .map(|w| {
                let docs = docs.clone();
                let spec = f.spec.clone();
                std::thread::spawn(move || {
                    let mut s = Store::open_spec(&spec).unwrap();
                    // Overlapping slices in different orders: every document is offered by
                    // two or more workers.
                    let mut mine: Vec<Document> =
                        docs.iter().skip(w * 20).take(80).cloned().collect();
                    if w % 2 == 1 {
                        mine.reverse();
                    }
                    let mut new = 0;
                    for chunk in mine.chunks(16) {
                        new += s
                            .write_batch(chunk, "t")
                            .unwrap()
                            .iter()
                            .filter(|&&b| b)
                            .count();
                    }
                    new
                })
            })
            .collect();
        let new: usize = threads.into_iter().map(|t| t.join().unwrap()).sum();
        let s = f.open();
        assert_eq!(s.count().unwrap(), 120, "{}", f.kind);
        assert_eq!(new, 120, "each document reported new exactly once");
        let mut ids = s.ids().unwrap();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), 120);
    }
}

#[test]
fn lock_serialises_read_modify_write_across_connections() {
    for f in fresh_stores() {
        f.open().put_state("n", b"0").unwrap();
        let threads: Vec<_> = (0..4)
            .map(|_| {
                let spec = f.spec.clone();
                std::thread::spawn(move || {
                    let s = Store::open_spec(&spec).unwrap();
                    for _ in 0..10 {
                        let _g = s.lock("corpus").unwrap();
                        let v: u64 = String::from_utf8(s.get_state("n").unwrap().unwrap())
                            .unwrap()
                            .parse()
                            .unwrap();
                        std::thread::yield_now();
                        s.put_state("n", (v + 1).to_string().as_bytes()).unwrap();
                    }
                })
            })
            .collect();
        for t in threads {
            t.join().unwrap();
        }
        assert_eq!(
            f.open().get_state("n").unwrap().as_deref(),
            Some(&b"40"[..]),
            "{}",
            f.kind
        );
    }
}

#[test]
fn lock_waits_for_the_holder() {
    for f in fresh_stores() {
        let order = Arc::new(Mutex::new(Vec::new()));
        let a = f.open();
        let held = a.lock("corpus").unwrap();
        let other = a.lock("another name").unwrap();
        drop(other);
        let spec = f.spec.clone();
        let o = order.clone();
        let waiter = std::thread::spawn(move || {
            let b = Store::open_spec(&spec).unwrap();
            let _g = b.lock("corpus").unwrap();
            o.lock().unwrap().push("b");
        });
        std::thread::sleep(std::time::Duration::from_millis(300));
        order.lock().unwrap().push("a");
        drop(held);
        waiter.join().unwrap();
        assert_eq!(*order.lock().unwrap(), vec!["a", "b"], "{}", f.kind);
    }
}

#[test]
fn copy_between_back_ends_is_exact_and_idempotent() {
    // SQLite -> PostgreSQL -> SQLite when a server is available, else SQLite -> SQLite -> SQLite.
    let from = sqlite_fresh();
    let middle = pg_fresh().unwrap_or_else(sqlite_fresh);
    let last = sqlite_fresh();
    let mut src = from.open();
    let docs: Vec<Document> = (0..30)
        .map(|i| doc(&format!("Story {i}: Lagos\0 port reopened."), "S"))
        .collect();
    src.write_batch(&docs, "t").unwrap();
    src.put_state("resolve", b"\x00\x01state").unwrap();
    let mut dst = middle.open();
    let first = src.copy_into(&mut dst, 7, |_| {}).unwrap();
    assert_eq!((first.copied, first.present, first.states), (30, 0, 1));
    let again = src.copy_into(&mut dst, 7, |_| {}).unwrap();
    assert_eq!((again.copied, again.present), (0, 30), "idempotent");
    let mut round = last.open();
    dst.copy_into(&mut round, 11, |_| {}).unwrap();
    let rows = |s: &Store| -> Vec<DocRow> {
        s.rows_after(0, 100)
            .unwrap()
            .into_iter()
            .map(|r| r.1)
            .collect()
    };
    assert_eq!(rows(&src), rows(&dst), "sqlite -> {}", middle.kind);
    assert_eq!(rows(&src), rows(&round), "and back");
    assert_eq!(
        round.get_state("resolve").unwrap().as_deref(),
        Some(&b"\x00\x01state"[..])
    );
}

#[test]
fn similar_names_forgive_spelling_on_postgres() {
    for f in fresh_stores() {
        let mut s = f.open();
        let mut d = doc("Kabul officials met Zelenskyy in Kyiv.", "Meeting");
        d.mentions.push(Mention {
            span: Span::new(20, 29),
            label: EntityType::PER,
            score: 0.9,
        });
        s.write_batch(&[d], "t").unwrap();
        let exact = s.similar_names("zelens", 5).unwrap();
        assert_eq!(
            exact.first().map(|x| x.0.as_str()),
            Some("Zelenskyy"),
            "{}",
            f.kind
        );
        if s.is_postgres() {
            let typo = s.similar_names("Zelensky", 5).unwrap();
            assert_eq!(typo.first().map(|x| x.0.as_str()), Some("Zelenskyy"));
            assert!(typo[0].1 > 0.5);
        }
    }
}

#[test]
fn mentions_and_cooccurring_names_agree_across_back_ends() {
    let mut answers = Vec::new();
    for f in fresh_stores() {
        let mut s = f.open();
        let mut docs = Vec::new();
        for (i, other) in ["Osh", "Bishkek", "Osh"].iter().enumerate() {
            let text = format!("Almaty and {other} signed deal {i}.");
            let mut d = doc(&text, "Deal");
            d.mentions = vec![
                Mention {
                    span: Span::new(0, 6),
                    label: EntityType::LOC,
                    score: 0.9,
                },
                Mention {
                    span: Span::new(11, 11 + other.len()),
                    label: EntityType::LOC,
                    score: 0.9,
                },
            ];
            docs.push(d);
        }
        s.write_batch(&docs, "t").unwrap();
        let m = s.mentions_of("Almaty", 10).unwrap();
        assert_eq!(m.len(), 3, "{}", f.kind);
        assert_eq!(m[0].doc, docs[0].id.0);
        assert_eq!((m[0].start, m[0].end), (0, 6));
        let co = s.cooccurring("Almaty", 500, 20).unwrap();
        assert_eq!(co[0].name, "Osh");
        assert_eq!(co[0].documents, 2);
        assert_eq!(s.cooccurring("Almaty", 1, 20).unwrap().len(), 1);
        answers.push((m, co));
    }
    if let [a, b] = answers.as_slice() {
        assert_eq!(a, b);
    }
}

#[test]
fn spec_selects_the_back_end_and_hides_passwords() {
    assert!(is_postgres("postgres://u:p@h/db"));
    assert!(is_postgres("postgresql://h/db"));
    assert!(!is_postgres("./dossier-data"));
    assert_eq!(
        redact("postgres://u:secret@h:5432/db"),
        "postgres://u:***@h:5432/db"
    );
    assert_eq!(redact("postgres://h/db?x=a@b"), "postgres://h/db?x=a@b");
    let f = sqlite_fresh();
    assert!(!f.open().is_postgres());
}
