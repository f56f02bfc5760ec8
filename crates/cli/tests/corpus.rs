//! End to end: what ingest leaves in the corpus state (entities, quotes by entity, stories,
//! conflicts) on the bundled demo articles, and the acceptance examples on the seeds.

mod common;

use common::{dossier, json, repo, shared};
use serde_json::Value;

fn ingest(dir: &std::path::Path, what: &std::path::Path) {
    let out = dossier(dir).arg("ingest").arg(what).output().unwrap();
    assert!(out.status.success(), "{}", common::stderr(&out));
}

fn run(dir: &std::path::Path, args: &[&str]) -> Value {
    let out = dossier(dir).arg("--json").args(args).output().unwrap();
    assert!(out.status.success(), "{args:?}: {}", common::stderr(&out));
    json(&out)
}

fn names(v: &Value) -> Vec<String> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|e| e["name"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn demo_corpus_gives_entities_quotes_stories_and_a_conflict() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    ingest(dir, &repo().join("demo"));

    // one minister under three spellings, with his role
    let page = run(dir, &["entity", "abdrahmanov"]);
    let e = &page["entity"];
    assert_eq!(e["type"], "PER");
    let aliases: Vec<&str> = e["aliases"]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    for spelling in ["Abdrakhmanov", "Abdrahmanov", "Abdurakhmanov"] {
        assert!(
            aliases.iter().any(|a| a.contains(spelling)),
            "{spelling} not among {aliases:?}"
        );
    }
    assert!(e["documents"].as_u64().unwrap() >= 3, "{e}");
    let id = e["id"].as_u64().unwrap();

    // the outlets the metadata names are news organisations where the text writes them
    let all = run(dir, &["entities", "--limit", "1000"]);
    for outlet in ["Steppe Courier", "Example Wire"] {
        let e = all
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["name"] == outlet)
            .unwrap_or_else(|| panic!("{outlet} not found: {all}"));
        assert_eq!(e["type"], "ORG", "{e}");
    }

    // his quotes name him by the entity, also where the text says "he"
    let quotes = run(dir, &["quotes", "--speaker", "Abdurakhmanov"]);
    let quotes = quotes.as_array().unwrap();
    assert!(quotes.len() >= 2, "{quotes:?}");
    for q in quotes {
        assert_eq!(q["speaker"]["id"].as_u64(), Some(id), "{q}");
        for field in ["doc", "text", "kind", "cue", "start", "end", "sentence"] {
            assert!(q.get(field).is_some(), "quote without {field}: {q}");
        }
    }

    // the same story across outlets, with the copy folded
    let stories = run(dir, &["stories"]);
    let joined = stories
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["documents"].as_array().unwrap().len() >= 3)
        .unwrap_or_else(|| panic!("no story of 3+ articles: {stories}"));
    let sid = joined["id"].as_u64().unwrap().to_string();
    let page = run(dir, &["story", &sid]);
    for field in [
        "title",
        "documents",
        "start",
        "end",
        "entities",
        "docs",
        "conflicts",
    ] {
        assert!(page.get(field).is_some(), "story without {field}: {page}");
    }
    let all = run(dir, &["stories"]);
    let no_copies = run(dir, &["stories", "--no-copies"]);
    let count = |v: &Value| -> usize {
        v.as_array()
            .unwrap()
            .iter()
            .map(|s| s["documents"].as_array().unwrap().len())
            .sum()
    };
    assert!(
        count(&no_copies) < count(&all),
        "the syndicated copy is folded"
    );

    // the casualty figures disagree across outlets
    let conflicts = run(dir, &["conflicts"]);
    let killed = conflicts
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["about"] == "killed")
        .unwrap_or_else(|| panic!("no conflict about the dead: {conflicts}"));
    let docs: std::collections::BTreeSet<&str> = killed["claims"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["doc"].as_str().unwrap())
        .collect();
    assert!(docs.len() >= 2, "{killed}");

    // events: one record per event, each report kept as evidence, actors keyed by entity
    let events = run(dir, &["events"]);
    let events = events.as_array().unwrap();
    assert!(!events.is_empty());
    for e in events {
        let evidence = e["evidence"].as_array().unwrap();
        assert!(!evidence.is_empty(), "{e}");
        for field in [
            "doc", "type", "source", "target", "date", "negated", "sentence",
        ] {
            assert!(e.get(field).is_some(), "event without {field}: {e}");
        }
    }
    let by_minister = run(dir, &["events", "--actor", "abdrakhmanov"]);
    assert!(
        by_minister
            .as_array()
            .unwrap()
            .iter()
            .all(|e| [&e["source"], &e["target"]]
                .iter()
                .any(|a| a["id"] == format!("e{id}"))),
        "{by_minister}"
    );

    // re-ingesting adds nothing and changes no id
    ingest(dir, &repo().join("demo"));
    assert_eq!(run(dir, &["entity", "abdrahmanov"])["entity"]["id"], id);
    assert_eq!(run(dir, &["stories"]), all);
}

#[test]
fn story_page_gives_key_quotes_and_events_once_per_copy() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    ingest(dir, &repo().join("demo"));
    // the water talks: three articles, one of them a syndicated copy
    let stories = run(dir, &["stories"]);
    let story = stories
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["copies"].as_u64() >= Some(1))
        .expect("a story with a copy");
    let page = run(dir, &["story", &story["id"].to_string()]);
    let quotes = page["key_quotes"].as_array().unwrap();
    assert!((1..=5).contains(&quotes.len()), "{page}");
    // the copy repeats the original's quotes: each wording once
    let mut texts: Vec<&str> = quotes.iter().map(|q| q["text"].as_str().unwrap()).collect();
    texts.sort_unstable();
    texts.dedup();
    assert_eq!(texts.len(), quotes.len(), "{quotes:?}");
    // the story's most named person speaks first, and every quote comes from its documents
    let protagonist = page["entities"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["name"].as_str().unwrap().contains("Abdurakhmanov"))
        .expect("the minister among the story's names");
    assert_eq!(
        quotes[0]["speaker"]["name"], protagonist["name"],
        "{quotes:?}"
    );
    let members: Vec<&str> = page["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d.as_str().unwrap())
        .collect();
    for q in quotes {
        assert!(members.contains(&q["doc"].as_str().unwrap()), "{q}");
    }
    // events: merged across the articles, the most reported first
    let events = page["key_events"].as_array().unwrap();
    assert!(!events.is_empty(), "{page}");
    let reports: Vec<usize> = events
        .iter()
        .map(|e| e["evidence"].as_array().unwrap().len())
        .collect();
    assert!(reports.windows(2).all(|w| w[0] >= w[1]), "{reports:?}");
    assert!(
        reports[0] >= 2,
        "the agreement is told by several articles: {reports:?}"
    );
    // the text page lists them too
    let out = common::dossier(dir)
        .args(["story", &story["id"].to_string()])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("key quotes:") && text.contains("key events:"),
        "{text}"
    );
}

#[test]
fn judgements_take_effect_on_the_next_listing() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    ingest(dir, &repo().join("demo"));
    let before = run(dir, &["entity", "Samatov"])["entity"]["id"].clone();
    let other = run(dir, &["entity", "Tokonov"])["entity"]["id"].clone();
    assert_ne!(before, other);
    let out = dossier(dir)
        .args(["merge", "Aibek Samatov", "Daniyar Tokonov"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", common::stderr(&out));
    let after = run(dir, &["entity", "Tokonov"]);
    let aliases = after["entity"]["aliases"].as_object().unwrap();
    assert!(
        aliases.keys().any(|a| a.contains("Samatov"))
            && aliases.keys().any(|a| a.contains("Tokonov")),
        "{after}"
    );
    // a rerun of ingest keeps the judgement
    ingest(dir, &repo().join("demo"));
    let again = run(dir, &["entity", "Samatov"]);
    assert_eq!(again["entity"]["id"], after["entity"]["id"]);
}

#[test]
fn seeds_meet_the_spec_examples() {
    let Some(shared) = shared() else {
        eprintln!("skipped: ../shared/corpus/seeds not found");
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    ingest(dir, &shared.join("corpus/seeds"));

    let page = run(dir, &["entity", "mottaki"]);
    let e = &page["entity"];
    assert_eq!(e["name"], "Amir Khan Muttaqi", "{e}");
    let aliases: Vec<&str> = e["aliases"]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    for spelling in ["Muttaqi", "Muttaki", "Mottaki"] {
        assert!(
            aliases
                .iter()
                .any(|a| a.split_whitespace().any(|w| w == spelling)),
            "{spelling} not in {aliases:?}"
        );
    }
    // the form written with the honorific is one of the names seen, and the honorific a role
    assert!(aliases.contains(&"Mullah Amir Khan Muttaqi"), "{aliases:?}");
    assert!(
        e["roles"].as_object().unwrap().contains_key("mullah"),
        "{e}"
    );
    let id = e["id"].as_u64();

    let iskp = run(dir, &["entity", "ISKP"]);
    let aliases = iskp["entity"]["aliases"].as_object().unwrap();
    for a in ["ISKP", "IS-K", "ISIS-K"] {
        assert!(aliases.contains_key(a), "{a} not in {aliases:?}");
    }

    // every name the issue lists, found with the type a reader gives it
    let all = run(dir, &["entities", "--limit", "1000"]);
    for (name, ty) in [
        ("Suhail Shaheen", "PER"),
        ("Abdul Qahar Balkhi", "PER"),
        ("Ahmad Massoud", "PER"),
        ("Ahmad Shah Massoud", "PER"),
        ("Natasha Ghoneim", "PER"),
        ("Zalmay Khalilzad", "PER"),
        ("Ali Maisam Nazary", "PER"),
        ("ISIS-K", "ORG"),
        ("Daesh", "ORG"),
        ("National Resistance Front", "ORG"),
        ("Doha", "LOC"),
        ("Qatar", "LOC"),
        ("Tehran", "LOC"),
        ("Washington", "LOC"),
    ] {
        let e = all
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["name"] == name || e["aliases"].get(name).is_some())
            .unwrap_or_else(|| panic!("{name} not found"));
        assert_eq!(e["type"], ty, "{name}: {e}");
    }

    let quotes = run(dir, &["quotes"]);
    let said = |words: &str| {
        quotes
            .as_array()
            .unwrap()
            .iter()
            .find(|q| q["text"].as_str().unwrap().contains(words))
            .unwrap_or_else(|| panic!("no quote with {words:?}"))
            .clone()
    };
    assert_eq!(
        said("tackle Daesh independently")["speaker"]["name"],
        "Suhail Shaheen"
    );
    assert_eq!(
        said("what we want and we")["speaker"]["id"].as_u64(),
        id,
        "the implied speaker is the minister"
    );

    let conflicts = run(dir, &["conflicts"]);
    let texts: Vec<String> = conflicts
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|c| c["claims"].as_array().unwrap().iter())
        .map(|c| c["text"].as_str().unwrap().to_string())
        .collect();
    assert!(
        texts.iter().any(|t| t.contains("more than 60"))
            && texts.iter().any(|t| t.contains("at least 46")),
        "{texts:?}"
    );
    // stories: the three reports of the talks together; the interview and the other talks apart
    let docs = run(dir, &["docs"]);
    let id_of = |prefix: &str| -> String {
        docs.as_array()
            .unwrap()
            .iter()
            .find(|d| {
                d["path"]
                    .as_str()
                    .and_then(|p| std::path::Path::new(p).file_name()?.to_str())
                    .is_some_and(|f| f.starts_with(prefix))
            })
            .unwrap_or_else(|| panic!("no document {prefix}*"))["id"]
            .as_str()
            .unwrap()
            .to_string()
    };
    let stories = run(dir, &["stories"]);
    let story_of = |doc: &str| -> u64 {
        stories
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["documents"].as_array().unwrap().iter().any(|d| d == doc))
            .unwrap_or_else(|| panic!("{doc} in no story: {stories}"))["id"]
            .as_u64()
            .unwrap()
    };
    let talks = story_of(&id_of("001"));
    assert_eq!(story_of(&id_of("002")), talks, "{stories}");
    assert_eq!(story_of(&id_of("003")), talks, "{stories}");
    assert_ne!(story_of(&id_of("000")), talks, "the interview: {stories}");
    assert_ne!(story_of(&id_of("004")), talks, "other talks: {stories}");

    let top = run(dir, &["entities", "--limit", "10"]);
    assert!(
        names(&top).contains(&"Amir Khan Muttaqi".to_string()),
        "{top}"
    );
    for field in [
        "id",
        "name",
        "type",
        "aliases",
        "mentions",
        "documents",
        "roles",
    ] {
        assert!(top[0].get(field).is_some(), "entity without {field}");
    }
}

/// One GET over plain HTTP/1.0 (the server closes after answering): the body.
fn http_get(addr: &str, target: &str) -> Vec<u8> {
    use std::io::{Read, Write};
    let mut s = std::net::TcpStream::connect(addr).unwrap();
    write!(s, "GET {target} HTTP/1.0\r\nHost: test\r\n\r\n").unwrap();
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).unwrap();
    let head = raw.windows(4).position(|w| w == b"\r\n\r\n").unwrap();
    assert!(
        raw.get(8..13) == Some(b" 200 ".as_slice()),
        "{target}: {}",
        String::from_utf8_lossy(&raw)
    );
    raw[head + 4..].to_vec()
}

/// Stops the server when the test ends, passed or not.
struct Server(std::process::Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// `dossier serve` answers each API list and page with the JSON of the matching command.
#[test]
fn serve_answers_with_the_cli_json() {
    use std::io::BufRead;
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    ingest(dir, &repo().join("demo"));
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("dossier"))
        .arg("--data")
        .arg(dir)
        .env_remove("DOSSIER_DATA")
        .env_remove("DOSSIER_STORE")
        .env_remove("DOSSIER_TOKEN")
        .args(["serve", "--addr", "127.0.0.1:0"])
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let err = child.stderr.take().unwrap();
    let server = Server(child);
    let mut addr = String::new();
    for line in std::io::BufReader::new(err).lines() {
        let line = line.unwrap();
        if let Some(rest) = line.split("http://").nth(1) {
            addr = rest.split('/').next().unwrap().to_string();
            break;
        }
    }
    assert!(!addr.is_empty(), "the server printed no address");
    let api = |target: &str| -> Value { serde_json::from_slice(&http_get(&addr, target)).unwrap() };

    let entities = run(dir, &["entities", "--limit", "1000"]);
    assert_eq!(api("/api/entities?limit=1000"), entities);
    assert_eq!(
        api("/api/entities?type=PER&sort=documents&limit=3"),
        run(
            dir,
            &[
                "entities",
                "--type",
                "PER",
                "--sort",
                "documents",
                "--limit",
                "3"
            ]
        )
    );
    for e in entities.as_array().unwrap().iter().take(10) {
        let id = e["id"].to_string();
        assert_eq!(
            api(&format!("/api/entity/{id}")),
            run(dir, &["entity", &id])
        );
    }
    assert_eq!(
        api("/api/entity/abdrahmanov"),
        run(dir, &["entity", "abdrahmanov"])
    );
    assert_eq!(api("/api/quotes?limit=1000"), run(dir, &["quotes"]));
    assert_eq!(
        api("/api/quotes?speaker=Abdurakhmanov&limit=1000"),
        run(dir, &["quotes", "--speaker", "Abdurakhmanov"])
    );
    assert_eq!(api("/api/events?limit=1000"), run(dir, &["events"]));
    assert_eq!(
        api("/api/events?limit=1000&reports=true"),
        run(dir, &["events", "--reports"])
    );
    assert_eq!(api("/api/timeline?limit=1000"), run(dir, &["timeline"]));
    let stories = run(dir, &["stories"]);
    assert_eq!(api("/api/stories?limit=1000"), stories);
    assert_eq!(
        api("/api/stories?limit=1000&no_copies=true&min_docs=2"),
        run(dir, &["stories", "--no-copies", "--min-docs", "2"])
    );
    for s in stories.as_array().unwrap() {
        let id = s["id"].to_string();
        assert_eq!(api(&format!("/api/story/{id}")), run(dir, &["story", &id]));
    }
    assert_eq!(api("/api/conflicts?limit=1000"), run(dir, &["conflicts"]));
    let out = dossier(dir)
        .args(["export", "--format", "jsonl"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(http_get(&addr, "/api/export?format=jsonl"), out.stdout);
    drop(server);
}
