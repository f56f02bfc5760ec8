//! The JSON API over plain HTTP against a server on a random loopback port.

mod common;

use common::*;
use dossier_serve::Config;
use dossier_store::Store;

fn serve(dir: &std::path::Path, token: Option<&str>) -> std::net::SocketAddr {
    spawn(Config {
        data: dir.to_path_buf(),
        token: token.map(str::to_string),
    })
}

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

#[test]
fn facts_are_aggregated_from_the_layers() {
    let tmp = tempfile::tempdir().unwrap();
    let docs = fixture_store(tmp.path());
    let addr = serve(tmp.path(), None);
    let quotes: usize = docs.iter().map(|d| d.quotes.len()).sum();
    let events: usize = docs.iter().map(|d| d.events.len()).sum();
    assert!(quotes > 0, "the fixtures hold plainly attributed quotes");

    let v = get(addr, "/api/quotes?limit=200").json();
    assert_eq!(v["total"], quotes);
    assert_eq!(v["items"].as_array().unwrap().len(), quotes);
    let v = get(addr, "/api/events?limit=200").json();
    assert_eq!(v["total"], events);
    let v = get(addr, "/api/timeline?limit=200").json();
    assert_eq!(v["total"], quotes + events);

    // Date filters: the fixture quotes span March 14 to 25.
    let late = get(addr, "/api/quotes?from=2024-03-21&limit=200").json();
    for q in late["items"].as_array().unwrap() {
        assert!(q["date"].as_str().unwrap() >= "2024-03-21");
    }
    assert!(late["total"].as_u64().unwrap() < quotes as u64);

    // Speaker filter: every quote whose speaker resolved to a name is found by that name.
    let all = get(addr, "/api/quotes?limit=200").json();
    let named: Vec<&serde_json::Value> = all["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|q| q["speaker_name"].is_string())
        .collect();
    for q in &named {
        let name = q["speaker_name"].as_str().unwrap();
        let enc = name.replace(' ', "%20");
        let v = get(addr, &format!("/api/quotes?speaker={enc}&limit=200")).json();
        assert!(v["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|x| x["text"] == q["text"]));
        // The entity page of that name lists the quote.
        let e = get(addr, &format!("/api/entity/{enc}")).json();
        assert!(e["quotes_by"]
            .as_array()
            .unwrap()
            .iter()
            .any(|x| x["text"] == q["text"]));
    }

    // Names as written, with counts that add up to the mentions.
    let mentions: usize = docs.iter().map(|d| d.mentions.len()).sum();
    let v = get(addr, "/api/entities?limit=200").json();
    let counted: u64 = v["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["mentions"].as_u64().unwrap())
        .sum();
    assert_eq!(counted as usize, mentions);
    if let Some(first) = v["items"].as_array().unwrap().first() {
        let enc = first["name"].as_str().unwrap().replace(' ', "%20");
        let e = get(addr, &format!("/api/entity/{enc}"));
        assert_eq!(e.status, 200);
        assert!(!e.json()["documents"].as_array().unwrap().is_empty());
    }

    // Every name a quote mentions leads back to the quote from that name's page.
    for q in all["items"].as_array().unwrap() {
        for name in q["about"].as_array().unwrap() {
            let enc = name.as_str().unwrap().replace(' ', "%20");
            let e = get(addr, &format!("/api/entity/{enc}")).json();
            assert!(e["totals"]["quotes_about"].as_u64().unwrap() >= 1);
            assert!(e["quotes_about"]
                .as_array()
                .unwrap()
                .iter()
                .any(|x| x["text"] == q["text"]));
        }
    }
    assert_eq!(get(addr, "/api/entity/Nobody%20Here%20Xq").status, 404);

    assert_eq!(get(addr, "/api/stories").status, 200);
    assert_eq!(get(addr, "/api/conflicts").status, 200);
    let r = get(addr, "/api/openapi.json");
    assert_eq!(r.status, 200);
    assert!(r.json()["paths"]["/api/quotes"].is_object());
}

#[test]
fn pages_are_bounded() {
    let tmp = tempfile::tempdir().unwrap();
    fixture_store(tmp.path());
    let addr = serve(tmp.path(), None);
    assert_eq!(get(addr, "/api/documents?limit=100000").status, 400);
    assert_eq!(get(addr, "/api/documents?limit=0").status, 400);
    assert_eq!(get(addr, "/api/documents?offset=99999999999").status, 400);
    assert_eq!(get(addr, "/api/quotes?limit=201").status, 400);
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
        ] {
            let r = get(addr, target);
            assert_eq!(r.status, 200, "{target}: {}", r.text());
            assert!(!r.text().contains("locked"));
        }
        let total = get(addr, "/api/quotes?limit=1").json()["total"]
            .as_u64()
            .unwrap();
        assert!(total >= last_total, "the fact index only grows");
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

    let list = get(addr, "/api/stories?limit=50").json();
    let items = list["items"].as_array().unwrap();
    assert_eq!(list["total"], items.len());
    let story = items
        .iter()
        .find(|s| s["documents"].as_array().unwrap().len() == 3)
        .unwrap_or_else(|| panic!("the three reports form one story: {list}"));
    assert_eq!(story["copies"], 1, "the syndicated copy is counted");
    let id = story["id"].as_u64().unwrap();
    let trimmed = get(addr, "/api/stories?no_copies=true&min_docs=2").json();
    let s = &trimmed["items"][0];
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
    assert!(all["items"]
        .as_array()
        .unwrap()
        .iter()
        .any(|k| k["story"] == id && k["about"] == "killed"));
    let only = get(addr, &format!("/api/conflicts?story={id}")).json();
    assert_eq!(only["total"], v["conflicts"].as_array().unwrap().len());
    assert_eq!(get(addr, "/api/story/99999").status, 404);
    assert_eq!(get(addr, "/api/story/x1").status, 400);
}
