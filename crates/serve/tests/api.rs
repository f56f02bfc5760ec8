//! The JSON API over plain HTTP against a server on a random loopback port.

mod common;

use common::*;
use dossier_corpus::{
    select_events, select_quotes, timeline, timeline_fact, EventQuery, MergeWithin, QuoteQuery,
    Sort, TimelineQuery,
};
use dossier_store::Store;

#[test]
fn lists_and_documents_match_the_store() {
    let tmp = tempfile::tempdir().unwrap();
    let docs = fixture_store(tmp.path());
    let addr = serve(tmp.path(), None);
    let store = Store::open_readonly(tmp.path()).unwrap();

    let r = get(addr, "/api/documents?limit=10");
    assert_eq!(r.status, 200);
    assert!(r
        .header("content-type")
        .unwrap()
        .starts_with("application/json"));
    let want = serde_json::to_value(store.documents(10, 0).unwrap()).unwrap();
    assert_eq!(r.json(), want, "the same JSON as `dossier docs --json`");
    assert_eq!(want.as_array().unwrap().len(), docs.len());
    assert_eq!(r.total(), docs.len());

    let r = get(addr, "/api/documents?limit=2&offset=1");
    assert_eq!(
        r.json(),
        serde_json::to_value(store.documents(2, 1).unwrap()).unwrap()
    );

    let r = get(addr, "/api/search?q=border%20crossings");
    assert_eq!(r.status, 200);
    let want = serde_json::to_value(store.search("border crossings", false, 50).unwrap()).unwrap();
    assert_eq!(r.json(), want, "the same JSON as `dossier search --json`");
    assert!(!want.as_array().unwrap().is_empty());
    let all = store.search("said", false, 50).unwrap();
    let page = get(addr, "/api/search?q=said&limit=2&offset=1").json();
    let want = &all[1..all.len().min(3)];
    // the same hits and snippets (a rank may differ in its last bit when FTS5 skips rows)
    let strip = |v: &serde_json::Value| {
        v.as_array()
            .unwrap()
            .iter()
            .map(|h| (h["id"].clone(), h["snippet"].clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        strip(&page),
        strip(&json_of(want)),
        "a page of the same hits"
    );
    // The headers count every match and say how many were ranked (all, in a small store).
    let r = get(addr, "/api/search?q=said&limit=1");
    assert_eq!(r.total(), all.len(), "every match counted, not the page");
    assert!(all.len() > 1);
    assert_eq!(
        r.header("x-search-ranked"),
        Some(all.len().to_string().as_str())
    );
    assert_eq!(r.header("x-total-count-capped"), None);
    let r = get(addr, "/api/search?q=nothingmatchesthis");
    assert_eq!((r.total(), r.json()), (0, serde_json::json!([])));

    // A document by a unique prefix of its id, with its layers.
    let d = &docs[0];
    let r = get(addr, &format!("/api/document/{}", &d.id.0[..10]));
    assert_eq!(r.status, 200);
    let v = r.json();
    assert_eq!(v["id"], d.id.0.as_str());
    assert_eq!(v["text"], d.text.as_str());
    assert_eq!(v["sentences"].as_array().unwrap().len(), d.sentences.len());
    assert_eq!(v["mentions"].as_array().unwrap().len(), d.mentions.len());
    assert_eq!(v["quotes"].as_array().unwrap().len(), d.quotes.len());

    assert_eq!(get(addr, "/api/document/ffffffffffffffffffff").status, 404);
    assert_eq!(get(addr, "/api/document/not-hex").status, 404);
    assert_eq!(get(addr, "/api/nothing-here").status, 404);
}

#[test]
fn source_view_cuts_the_original_at_the_mapped_span() {
    let tmp = tempfile::tempdir().unwrap();
    let docs = fixture_store(tmp.path());
    let addr = serve(tmp.path(), None);
    let d = docs.iter().find(|d| d.origin.format == "html").unwrap();
    let s = d.sentences.last().unwrap().span;
    let r = get(
        addr,
        &format!(
            "/api/document/{}/source?start={}&end={}",
            d.id, s.start, s.end
        ),
    );
    assert_eq!(r.status, 200);
    let v = r.json();
    let src = d.map.to_source(s);
    assert_eq!(v["source"]["start"], src.start);
    assert_eq!(
        v["source_text"],
        String::from_utf8_lossy(&d.source[src.range()]).as_ref()
    );
    assert_eq!(v["clean_text"], d.span_text(s));
    let whole = format!(
        "{}{}{}",
        v["before"].as_str().unwrap(),
        v["source_text"].as_str().unwrap(),
        v["after"].as_str().unwrap()
    );
    assert_eq!(whole.as_bytes(), d.source.as_slice());
    // Spans outside the text or off character boundaries are refused, not clamped.
    let r = get(
        addr,
        &format!("/api/document/{}/source?start=0&end=99999999", d.id),
    );
    assert_eq!(r.status, 400);
    let r = get(addr, &format!("/api/document/{}/source?start=5", d.id));
    assert_eq!(r.status, 400);
}

/// Every list and page is the JSON the CLI prints, built from the same corpus functions over
/// the same records (crates/cli/tests/corpus.rs compares with the `dossier` binary itself).
#[test]
fn facts_are_the_cli_json() {
    let tmp = tempfile::tempdir().unwrap();
    let docs = fixture_store(tmp.path());
    let addr = serve(tmp.path(), None);
    let store = Store::open_readonly(tmp.path()).unwrap();
    let g = gather(&store, tmp.path());
    let c = &g.corpus;
    assert!(
        !g.quotes.is_empty(),
        "the fixtures hold plainly attributed quotes"
    );

    // entities: every page, both orders, by type
    let r = get(addr, "/api/entities?limit=1000");
    assert_eq!(
        r.json(),
        json_of(&c.entity_rows(None, Sort::Mentions, 1000, 0))
    );
    assert_eq!(r.total(), c.entities().count());
    let r = get(
        addr,
        "/api/entities?type=PER&sort=documents&limit=2&offset=1",
    );
    let per = Some(dossier_core::EntityType::PER);
    assert_eq!(
        r.json(),
        json_of(&c.entity_rows(per, Sort::Documents, 2, 1))
    );
    assert_eq!(r.total(), c.count_entities(per));
    assert_eq!(get(addr, "/api/entities?type=XYZ").status, 400);

    // one page per entity, by id or by any of its spellings
    for e in c.entities() {
        let page = json_of(&c.entity_page_for(&e.id.to_string()).unwrap());
        assert_eq!(get(addr, &format!("/api/entity/{}", e.id)).json(), page);
        for alias in e.aliases.keys() {
            let by_name = get(addr, &format!("/api/entity/{}", enc(alias))).json();
            assert_eq!(by_name, json_of(&c.entity_page_for(alias).unwrap()));
        }
    }
    assert_eq!(get(addr, "/api/entity/Nobody%20Here%20Xq").status, 404);

    // quotes: all, by speaker (a name and an id), about a name, of one document
    let all = get(addr, "/api/quotes?limit=1000");
    assert_eq!(all.json(), json_of(&g.quotes));
    assert_eq!(all.total(), g.quotes.len());
    assert_eq!(
        all.total(),
        docs.iter().map(|d| d.quotes.len()).sum::<usize>()
    );
    let mut spoke = 0;
    for q in &g.quotes {
        let Some(sp) = &q.speaker else { continue };
        for who in [sp.name.clone()]
            .into_iter()
            .chain(sp.id.map(|id| format!("e{id}")))
        {
            let query = QuoteQuery {
                speaker: Some(who.clone()),
                ..Default::default()
            };
            let want = select_quotes(c, &g.quotes, &query);
            let got = get(
                addr,
                &format!("/api/quotes?speaker={}&limit=1000", enc(&who)),
            );
            assert_eq!(got.json(), json_of(&want), "speaker {who}");
            assert!(want.iter().any(|w| w.id == q.id), "{who} said {}", q.text);
            spoke += 1;
        }
        for a in &q.about {
            let query = QuoteQuery {
                about: Some(a.name.clone()),
                ..Default::default()
            };
            let got = get(
                addr,
                &format!("/api/quotes?about={}&limit=1000", enc(&a.name)),
            );
            assert_eq!(got.json(), json_of(&select_quotes(c, &g.quotes, &query)));
            assert!(got
                .json()
                .as_array()
                .unwrap()
                .iter()
                .any(|x| x["id"] == q.id.as_str()));
        }
    }
    assert!(spoke > 0, "some quote has a speaker");
    let d = &docs[0];
    let one = get(addr, &format!("/api/quotes?doc={}", &d.id.0[..10])).json();
    let query = QuoteQuery {
        doc: Some(d.id.0.clone()),
        ..Default::default()
    };
    assert_eq!(one, json_of(&select_quotes(c, &g.quotes, &query)));
    assert_eq!(get(addr, "/api/quotes?doc=ffffffffffff").status, 404);

    // events: merged within stories, or report by report; filtered
    let merged = c.merge_events(g.reports.clone(), MergeWithin::Story);
    let r = get(addr, "/api/events?limit=1000");
    assert_eq!(r.json(), json_of(&merged));
    let r = get(addr, "/api/events?limit=1000&reports=true");
    assert_eq!(r.json(), json_of(&g.reports));
    if let Some(e) = merged.first() {
        let query = EventQuery {
            kind: Some(e.kind.to_lowercase()),
            ..Default::default()
        };
        let r = get(addr, &format!("/api/events?type={}", e.kind.to_lowercase()));
        assert_eq!(r.json(), json_of(&select_events(c, &merged, &query)));
    }

    // timeline, whole and for one entity
    let facts = |q: &TimelineQuery| -> Vec<_> {
        timeline(c, &g.quotes, &g.reports, q)
            .into_iter()
            .map(|ix| timeline_fact(&g.quotes, &g.reports, ix))
            .collect()
    };
    let r = get(addr, "/api/timeline?limit=1000");
    assert_eq!(r.json(), json_of(&facts(&TimelineQuery::default())));
    assert!(r.total() > 0, "the fixtures hold dated facts");
    if let Some(sp) = g.quotes.iter().find_map(|q| q.speaker.as_ref()) {
        let q = TimelineQuery {
            entity: Some(sp.name.clone()),
            ..Default::default()
        };
        let r = get(
            addr,
            &format!("/api/timeline?entity={}&limit=1000", enc(&sp.name)),
        );
        assert_eq!(r.json(), json_of(&facts(&q)));
    }

    // stories and conflicts
    let r = get(addr, "/api/stories?limit=1000");
    assert_eq!(r.json(), json_of(&c.story_lines(false, 1)));
    for s in c.stories() {
        let r = get(addr, &format!("/api/story/{}", s.id));
        let page = c
            .story_page(&s.id.to_string(), |d| c.story_facts(&store, d))
            .unwrap();
        assert_eq!(r.json(), json_of(&page));
    }
    assert_eq!(
        get(addr, "/api/conflicts").json(),
        json_of(&c.conflicts(None).unwrap())
    );

    // export, as `dossier export` writes it
    let r = get(addr, "/api/export?format=jsonl");
    assert_eq!(r.status, 200);
    let mut want = Vec::new();
    dossier_events::export::write_jsonl(&mut want, &merged).unwrap();
    assert_eq!(r.body, want);
    let r = get(addr, "/api/export?format=graphml&merge_within=none");
    assert!(r.text().contains("<graphml"));
    assert_eq!(get(addr, "/api/export?format=pdf").status, 400);

    let r = get(addr, "/api/openapi.json");
    assert_eq!(r.status, 200);
    assert!(r.json()["paths"]["/api/quotes"].is_object());
}

fn enc(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[test]
fn pages_are_bounded() {
    let tmp = tempfile::tempdir().unwrap();
    fixture_store(tmp.path());
    let addr = serve(tmp.path(), None);
    assert_eq!(get(addr, "/api/documents?limit=100000").status, 400);
    assert_eq!(get(addr, "/api/documents?limit=0").status, 400);
    assert_eq!(get(addr, "/api/documents?offset=99999999999").status, 400);
    assert_eq!(get(addr, "/api/quotes?limit=1001").status, 400);
    assert_eq!(get(addr, "/api/entities?limit=5000").status, 400);
    assert_eq!(get(addr, "/api/search?q=a&offset=5000").status, 400);
    assert_eq!(get(addr, "/api/documents?limit=-1").status, 400);
}

#[test]
fn oversized_requests_are_refused() {
    let tmp = tempfile::tempdir().unwrap();
    fixture_store(tmp.path());
    let addr = serve(tmp.path(), Some("secret-token"));
    // A body far over the limit, with a valid token, never reaches the handler.
    let big = vec![b'x'; 2 << 20];
    let r = request(
        addr,
        "POST",
        "/api/merge",
        &[
            ("Authorization", "Bearer secret-token"),
            ("Content-Type", "application/json"),
        ],
        &big,
    );
    assert_eq!(r.status, 413, "{}", r.text());
    // An over-long request target.
    let long = format!("/api/search?q={}", "a".repeat(10_000));
    assert_eq!(get(addr, &long).status, 414);
    // A query over the limit that fits in the target.
    let q = format!("/api/search?q={}", "a".repeat(1000));
    assert_eq!(get(addr, &q).status, 400);
    let name = format!("/api/entity/{}", "a".repeat(1000));
    assert_eq!(get(addr, &name).status, 400);
}

#[test]
fn corrections_need_the_token() {
    let tmp = tempfile::tempdir().unwrap();
    fixture_store(tmp.path());
    let json = [("Content-Type", "application/json")];
    let body = br#"{"a": "Lena Marwick", "b": "L. Marwick"}"#;

    let ro = serve(tmp.path(), None);
    assert_eq!(request(ro, "POST", "/api/merge", &json, body).status, 403);

    let rw = serve(tmp.path(), Some("secret-token"));
    assert_eq!(request(rw, "POST", "/api/merge", &json, body).status, 401);
    let wrong = [("Authorization", "Bearer secret-tokem")];
    assert_eq!(request(rw, "POST", "/api/split", &wrong, body).status, 401);
    let right = [("Authorization", "Bearer secret-token")];
    let r = request(rw, "POST", "/api/merge", &right, body);
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.json()["added"], true);
    assert_eq!(
        request(rw, "POST", "/api/merge", &right, body).json()["added"],
        false
    );
    let split = br#"{"entity": "Lena Marwick", "alias": "Marwick Foundation"}"#;
    assert_eq!(request(rw, "POST", "/api/split", &right, split).status, 200);
    assert_eq!(
        request(rw, "POST", "/api/not-same", &right, body).status,
        200
    );
    let file = std::fs::read_to_string(tmp.path().join("judgements.tsv")).unwrap();
    let parsed = dossier_resolve::Judgements::parse(&file).unwrap();
    assert_eq!(parsed.list().len(), 3, "{file}");
    assert!(file.contains("merge\tLena Marwick\tL. Marwick"));
    assert_eq!(
        request(rw, "POST", "/api/merge", &right, b"not json").status,
        400
    );
    assert_eq!(
        request(rw, "POST", "/api/split", &right, body).status,
        400,
        "split needs entity and alias"
    );
    // Reading never needs the token.
    assert_eq!(get(rw, "/api/documents").status, 200);
}

#[test]
fn article_markup_stays_data() {
    let tmp = tempfile::tempdir().unwrap();
    let docs = fixture_store(tmp.path());
    let addr = serve(tmp.path(), None);
    let d = docs.iter().find(|d| d.text.contains("<script>")).unwrap();

    let r = get(addr, &format!("/api/document/{}", d.id));
    assert_eq!(r.status, 200);
    assert!(r
        .header("content-type")
        .unwrap()
        .starts_with("application/json"));
    assert_eq!(r.header("x-content-type-options"), Some("nosniff"));
    let csp = r.header("content-security-policy").unwrap();
    assert!(csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"));
    // The text comes back exactly, as a JSON string, and never as HTML.
    let v = r.json();
    assert_eq!(v["text"], d.text.as_str());
    assert_eq!(v["title"], XSS_TITLE);

    // Search snippets and quote texts are JSON strings too.
    let quotes = get(addr, "/api/quotes?limit=1000");
    assert!(quotes
        .header("content-type")
        .unwrap()
        .starts_with("application/json"));
    assert!(
        quotes.text().contains("onerror"),
        "the hostile quote is listed as data"
    );
    let r = get(addr, "/api/search?q=leaked");
    assert!(r
        .header("content-type")
        .unwrap()
        .starts_with("application/json"));
    assert!(r.json()[0]["title"].as_str().unwrap().contains("<script>"));

    // The page shell is static and carries no data; its script builds text nodes only.
    let page = get(addr, "/");
    assert_eq!(page.status, 200);
    assert!(!page.text().contains("pwned") && !page.text().contains("leaked"));
    let js = get(addr, "/app.js").text();
    for sink in [
        "innerHTML",
        "outerHTML",
        "insertAdjacentHTML",
        "document.write",
        "eval(",
    ] {
        assert!(!js.contains(sink), "app.js uses {sink}");
    }
}

#[test]
fn serving_while_ingest_writes() {
    let tmp = tempfile::tempdir().unwrap();
    let base = fixture_store(tmp.path());
    let addr = serve(tmp.path(), None);
    let dir = tmp.path().to_path_buf();
    const BATCHES: usize = 30;
    const PER: usize = 20;
    let writer = std::thread::spawn(move || {
        let mut store = Store::open(&dir).unwrap();
        for b in 0..BATCHES {
            let batch: Vec<_> = (0..PER)
                .map(|i| {
                    // Different bytes, so different ids: the store keeps each copy.
                    let mut d = base[(b + i) % base.len()].clone();
                    d.source
                        .extend_from_slice(format!("\ncopy {b}-{i}").as_bytes());
                    d.id = dossier_core::DocId::of_bytes(&d.source);
                    d
                })
                .collect();
            store.write_batch(&batch, "test").unwrap();
        }
    });
    let mut served = 0;
    let mut last_total = 0;
    while !writer.is_finished() || served < 20 {
        for target in [
            "/api/documents?limit=50",
            "/api/search?q=crossings&limit=20",
            "/api/quotes?limit=5",
            "/api/entities?limit=5",
            "/api/timeline?limit=5",
            "/api/stories?limit=5",
        ] {
            let r = get(addr, target);
            assert_eq!(r.status, 200, "{target}: {}", r.text());
            assert!(!r.text().contains("locked"));
        }
        let total = get(addr, "/api/quotes?limit=1").total();
        assert!(total >= last_total, "the quotes served only grow");
        last_total = total;
        served += 1;
    }
    writer.join().unwrap();
    let store = Store::open_readonly(tmp.path()).unwrap();
    let n = store.count().unwrap();
    assert_eq!(n, 4 + BATCHES * PER);
    let last = get(addr, &format!("/api/documents?limit=10&offset={}", n - 10)).json();
    assert_eq!(
        last.as_array().unwrap().len(),
        10,
        "new documents are visible"
    );
    // Searches asked during the writes are answered again, not from the server's cache.
    let hits = get(addr, "/api/search?q=crossings&limit=20").json();
    let ids = |v: &serde_json::Value| -> Vec<String> {
        v.as_array()
            .unwrap()
            .iter()
            .map(|h| h["id"].as_str().unwrap().to_string())
            .collect()
    };
    let want = store.search("crossings", false, 20).unwrap();
    assert_eq!(ids(&hits), ids(&json_of(&want)));
    // A corpus save (what `dossier ingest` does at the end of a run) brings them into the
    // entities, quotes and stories served, without a restart.
    let j = dossier_corpus::read_judgements(tmp.path()).unwrap();
    let w = Store::open(tmp.path()).unwrap();
    dossier_corpus::update(&w, j, &[]).unwrap();
    wait_for_documents(addr, n);
    let g = gather(&store, tmp.path());
    assert_eq!(get(addr, "/api/quotes?limit=1").total(), g.quotes.len());
}

#[test]
fn stories_fold_copies_and_show_conflicting_figures() {
    let tmp = tempfile::tempdir().unwrap();
    let docs = story_docs();
    Store::open(tmp.path())
        .unwrap()
        .write_batch(&docs, "test")
        .unwrap();
    let addr = serve(tmp.path(), None);
    let ids: Vec<&str> = docs.iter().map(|d| d.id.as_str()).collect();

    let r = get(addr, "/api/stories?limit=50");
    let list = r.json();
    let items = list.as_array().unwrap();
    assert_eq!(r.total(), items.len());
    let story = items
        .iter()
        .find(|s| s["documents"].as_array().unwrap().len() == 3)
        .unwrap_or_else(|| panic!("the three reports form one story: {list}"));
    assert_eq!(story["copies"], 1, "the syndicated copy is counted");
    let id = story["id"].as_u64().unwrap();
    let trimmed = get(addr, "/api/stories?no_copies=true&min_docs=2").json();
    let s = &trimmed[0];
    assert_eq!(s["id"], id);
    assert_eq!(
        s["documents"].as_array().unwrap().len(),
        2,
        "copies left out"
    );

    let v = get(addr, &format!("/api/story/{id}")).json();
    assert_eq!(v["docs"].as_array().unwrap().len(), 3);
    let copy = v["docs"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["id"] == ids[2])
        .unwrap();
    assert_eq!(
        copy["copy_of"][0], ids[0],
        "the copy points at its original"
    );
    let killed = v["conflicts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|k| k["about"] == "killed")
        .unwrap_or_else(|| panic!("14 against 31 killed is a conflict: {v}"));
    let values: Vec<f64> = killed["claims"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["value"].as_f64().unwrap())
        .collect();
    assert!(
        values.contains(&14.0) && values.contains(&31.0),
        "{values:?}"
    );
    for c in killed["claims"].as_array().unwrap() {
        let d = docs.iter().find(|d| d.id.as_str() == c["doc"]).unwrap();
        let (a, b) = (c["start"].as_u64().unwrap(), c["end"].as_u64().unwrap());
        assert_eq!(d.text[a as usize..b as usize], *c["text"].as_str().unwrap());
    }

    let all = get(addr, "/api/conflicts").json();
    assert!(all
        .as_array()
        .unwrap()
        .iter()
        .any(|k| k["story"] == id && k["about"] == "killed"));
    let only = get(addr, &format!("/api/conflicts?story={id}"));
    assert_eq!(only.total(), v["conflicts"].as_array().unwrap().len());
    assert_eq!(get(addr, "/api/story/99999").status, 404);
    assert_eq!(get(addr, "/api/story/x1").status, 404);
    assert_eq!(get(addr, "/api/conflicts?story=99999").status, 404);
}

/// Drops a PostgreSQL database made for a test when the test ends.
struct PgDb {
    admin: String,
    name: String,
}

impl Drop for PgDb {
    fn drop(&mut self) {
        use dossier_store::postgres::{Client, NoTls};
        if let Ok(mut c) = Client::connect(&self.admin, NoTls) {
            let _ = c.batch_execute(&format!(
                "DROP DATABASE IF EXISTS {} WITH (FORCE)",
                self.name
            ));
        }
    }
}

/// The same articles in SQLite and in PostgreSQL (scripts/pg-test.sh starts a throw-away
/// server and sets DOSSIER_TEST_PG): the server gives the same JSON over both.
#[test]
fn postgres_serves_the_same_json_as_sqlite() {
    use dossier_store::postgres::{Client, NoTls};
    let Ok(admin) = std::env::var("DOSSIER_TEST_PG") else {
        println!("skipped: PostgreSQL not available (DOSSIER_TEST_PG unset; scripts/pg-test.sh starts one)");
        return;
    };
    let db = PgDb {
        admin: admin.clone(),
        name: format!("dossier_serve_{}", std::process::id()),
    };
    let mut c = Client::connect(&admin, NoTls).unwrap();
    c.batch_execute(&format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", db.name))
        .unwrap();
    c.batch_execute(&format!("CREATE DATABASE {}", db.name))
        .unwrap();
    let base = admin.rsplit_once('/').map_or(admin.as_str(), |(b, _)| b);
    let url = format!("{base}/{}", db.name);

    let tmp = tempfile::tempdir().unwrap();
    let (lite, shared) = (tmp.path().join("lite"), tmp.path().join("shared"));
    std::fs::create_dir_all(&shared).unwrap();
    let docs: Vec<_> = fixture_docs().into_iter().chain(story_docs()).collect();
    for spec in [lite.to_string_lossy().into_owned(), url.clone()] {
        let mut s = Store::open_spec(&spec).unwrap();
        s.write_batch(&docs, "test").unwrap();
        dossier_corpus::update(&s, Default::default(), &[]).unwrap();
    }
    let a = serve(&lite, None);
    let b = spawn(dossier_serve::Config {
        store: url,
        data: shared,
        token: None,
    });
    for target in [
        "/api/entities?limit=1000",
        "/api/quotes?limit=1000",
        "/api/stories?limit=1000",
        "/api/events?limit=1000",
        "/api/conflicts?limit=1000",
        "/api/timeline?limit=1000",
        "/api/documents?limit=1000",
    ] {
        let (x, y) = (get(a, target), get(b, target));
        assert_eq!((x.status, y.status), (200, 200), "{target}: {}", y.text());
        assert!(
            !x.json().as_array().unwrap().is_empty(),
            "{target} is empty"
        );
        assert_eq!(x.json(), y.json(), "{target}");
        assert_eq!(x.total(), y.total(), "{target}");
    }
    let first = get(a, "/api/entities?limit=1").json();
    let id = first[0]["id"].as_u64().unwrap();
    let target = format!("/api/entity/{id}");
    assert_eq!(get(a, &target).json(), get(b, &target).json());
    let hits = |addr| {
        get(addr, "/api/search?q=landslide")
            .json()
            .as_array()
            .unwrap()
            .iter()
            .map(|h| h["id"].as_str().unwrap().to_string())
            .collect::<std::collections::BTreeSet<_>>()
    };
    assert_eq!(hits(a), hits(b), "both find the same documents");
    let count = |addr| get(addr, "/api/search?q=landslide&limit=1").total();
    assert_eq!(count(a), count(b), "and count them alike");
}
