//! End-to-end: headless Chromium against the web UI of a server on a random loopback port, over
//! a store of invented articles. Checks the rendered DOM for the facts the store holds and saves
//! a screenshot of each page under `target/ui-screenshots/`. Skipped without Chromium
//! (`scripts/install-browser.sh` installs it).

mod common;

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::*;

const CHROMIUM: &str = "/usr/bin/chromium";

fn chromium(profile: &Path, extra: &[&str], url: &str) -> String {
    let out = Command::new(CHROMIUM)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
            "--window-size=1280,900",
            // Lets the page's fetches finish before the DOM is dumped or the picture taken.
            "--virtual-time-budget=8000",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(extra)
        .arg(url)
        .output()
        .expect("chromium runs");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn screenshot_dir() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target"));
    let dir = target.join("ui-screenshots");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Dumps the DOM of a page and saves its screenshot.
fn visit(addr: SocketAddr, profile: &Path, name: &str, hash: &str) -> String {
    let url = format!("http://{addr}/{hash}");
    let dom = chromium(profile, &["--dump-dom"], &url);
    assert!(
        dom.contains("data-ready=\"1\""),
        "{name}: page never finished loading:\n{dom}"
    );
    let shot = screenshot_dir().join(format!("{name}.png"));
    chromium(
        profile,
        &[&format!("--screenshot={}", shot.display())],
        &url,
    );
    dom
}

/// Text as Chromium serialises it inside an element.
fn as_html_text(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('\u{a0}', "&nbsp;")
}

#[test]
fn pages_show_the_stored_facts() {
    if !Path::new(CHROMIUM).exists() {
        println!("skipped: chromium not installed (run scripts/install-browser.sh)");
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let docs = fixture_store(&data);
    let addr = serve(&data, None);
    let profile = tmp.path().join("profile");

    let dom = visit(addr, &profile, "documents", "#/");
    for d in &docs {
        let title = d.meta.title.as_ref().unwrap().value.as_str();
        assert!(
            dom.contains(&as_html_text(title)),
            "documents page lacks {title:?}"
        );
    }

    // A document with a quote: the quote is underlined and selected when linked to.
    let d = docs
        .iter()
        .find(|d| !d.quotes.is_empty())
        .expect("a fixture quote");
    let q = &d.quotes[0];
    let dom = visit(
        addr,
        &profile,
        "document",
        &format!("#/doc/{}?start={}&end={}", d.id, q.span.start, q.span.end),
    );
    assert!(dom.contains("class=\"f-quote"), "no quote underlined");
    if !d.mentions.is_empty() {
        assert!(dom.contains("f-mention"), "no name underlined");
    }
    let quoted = as_html_text(d.span_text(q.span));
    assert!(dom.contains(&quoted), "quote text missing");
    assert!(dom.contains(" sel\""), "linked quote not selected");

    // The same quote in the original, highlighted.
    let html = docs
        .iter()
        .find(|d| d.origin.format == "html" && !d.quotes.is_empty());
    if let Some(h) = html {
        let q = &h.quotes[0];
        let dom = visit(
            addr,
            &profile,
            "document-source",
            &format!(
                "#/doc/{}?start={}&end={}&source=1",
                h.id, q.span.start, q.span.end
            ),
        );
        let src = h.map.to_source(q.span);
        let marked = as_html_text(&String::from_utf8_lossy(&h.source[src.range()]));
        assert!(
            dom.contains(&format!("<mark id=\"source-mark\">{marked}</mark>")),
            "source not highlighted"
        );
        assert!(
            dom.contains("&lt;article&gt;"),
            "the original HTML is shown as text"
        );
    }

    // Quotes of a speaker the corpus resolved, and that speaker's entity page.
    let quotes = get(addr, "/api/quotes?limit=1000").json();
    let named = quotes
        .as_array()
        .unwrap()
        .iter()
        .find(|q| q["speaker"]["id"].is_u64());
    if let Some(q) = named {
        let id = q["speaker"]["id"].as_u64().unwrap();
        let said = as_html_text(q["text"].as_str().unwrap());
        let dom = visit(addr, &profile, "quotes", &format!("#/quotes?speaker=e{id}"));
        assert!(dom.contains(&said), "quote of entity {id} missing");
        let dom = visit(addr, &profile, "entity", &format!("#/entity/{id}"));
        assert!(
            dom.contains(&format!("<mark class=\"said\">{said}</mark>")),
            "entity page of {id} lacks the quote"
        );
    } else {
        println!("note: no quote of the fixtures has a resolved speaker; entity page not checked");
    }

    let dom = visit(addr, &profile, "timeline", "#/timeline");
    assert!(
        dom.contains("2024-03-14") || dom.contains("2024-03-2"),
        "timeline shows no dates"
    );
    let dom = visit(addr, &profile, "search", "#/search?q=crossings");
    assert!(dom.contains("<mark>crossings</mark>"));
    visit(addr, &profile, "entities", "#/entities");
    let dom = visit(addr, &profile, "stories", "#/stories?min_docs=1");
    assert!(dom.contains("#/story/"), "stories page lists no story");

    // The hostile article renders as text: no script ran, no element was injected.
    let x = docs.iter().find(|d| d.text.contains("<script>")).unwrap();
    let dom = visit(addr, &profile, "xss", &format!("#/doc/{}", x.id));
    assert!(!dom.contains("data-pwned"), "article script ran");
    assert!(
        !dom.contains("<img src=\"x\""),
        "article markup became an element"
    );
    assert!(dom.contains("&lt;script&gt;document.body.dataset.pwned"));
    assert!(dom.contains(&as_html_text(XSS_TITLE)));
}

/// The story page of invented reports that disagree on a death toll: the conflict is shown
/// with both figures marked in their sentences, and the syndicated copy is folded.
#[test]
fn story_page_shows_the_conflict() {
    if !Path::new(CHROMIUM).exists() {
        println!("skipped: chromium not installed (run scripts/install-browser.sh)");
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let docs = story_docs();
    dossier_store::Store::open(&data)
        .unwrap()
        .write_batch(&docs, "test")
        .unwrap();
    let addr = serve(&data, None);
    let profile = tmp.path().join("profile");
    let conflicts = get(addr, "/api/conflicts").json();
    let k = &conflicts[0];
    let story = k["story"].as_u64().expect("a conflict in the fixtures");
    let dom = visit(addr, &profile, "story", &format!("#/story/{story}"));
    assert!(dom.contains("class=\"conflict\""), "no conflict box");
    for c in k["claims"].as_array().unwrap() {
        let marked = format!(
            "<mark class=\"figure\">{}</mark>",
            as_html_text(c["text"].as_str().unwrap())
        );
        assert!(dom.contains(&marked), "figure {marked} not marked");
    }
    assert!(dom.contains("1 copy"), "the copy is not folded");
    assert!(
        dom.contains("disputed"),
        "articles with a disputed figure unmarked"
    );
    // the story's key quotes, each by its speaker
    let page = get(addr, &format!("/api/story/{story}")).json();
    let key_quotes = page["key_quotes"].as_array().unwrap();
    assert!(!key_quotes.is_empty(), "the rescue chief is quoted: {page}");
    for q in key_quotes {
        assert!(dom.contains("Key quotes"), "no key quotes heading");
        if let Some(name) = q["speaker"]["name"].as_str() {
            assert!(
                dom.contains(&as_html_text(name)),
                "speaker {name} not shown"
            );
        }
    }
    let dom = visit(addr, &profile, "conflicts", "#/conflicts");
    assert!(dom.contains(&format!("#/story/{story}")));
}

/// The seed articles (when `../shared/corpus/seeds` is there): the most quoted speaker's
/// entity page lists their quotes, each inside its highlighted sentence with date and outlet,
/// and the story with conflicting figures shows them.
#[test]
fn seeds_answer_who_said_what() {
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/seeds");
    if !seeds.is_dir() {
        println!("skipped: ../shared/corpus/seeds not found");
        return;
    }
    if !Path::new(CHROMIUM).exists() {
        println!("skipped: chromium not installed (run scripts/install-browser.sh)");
        return;
    }
    let mut raws = Vec::new();
    let mut files: Vec<PathBuf> = std::fs::read_dir(&seeds)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    files.sort();
    for f in &files {
        dossier_ingest::read_file(f, &mut |item| {
            if let dossier_ingest::Item::Doc(d) = item {
                raws.push(d)
            }
        });
    }
    let docs: Vec<_> = raws.into_iter().map(annotate).collect();
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    dossier_store::Store::open(&data)
        .unwrap()
        .write_batch(&docs, "test")
        .unwrap();
    let addr = serve(&data, None);
    let profile = tmp.path().join("profile");

    // The minister of the SPEC's example, under any of his spellings: one entity page that
    // lists every quote the corpus gives him, each highlighted in its sentence.
    let page = get(addr, "/api/entity/Muttaqi");
    assert_eq!(page.status, 200, "{}", page.text());
    let page = page.json();
    let id = page["entity"]["id"].as_u64().unwrap();
    let spellings: Vec<&str> = page["entity"]["aliases"]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    for s in ["Muttaqi", "Mottaki"] {
        let other = get(addr, &format!("/api/entity/{s}")).json();
        assert_eq!(other["entity"]["id"], id, "{s} is the same entity page");
    }
    let said = get(addr, &format!("/api/quotes?speaker=e{id}&limit=1000"));
    let said_items = said.json();
    let said_items = said_items.as_array().unwrap();
    assert!(said_items.len() >= 2, "his quotes: {said_items:?}");
    let all = get(addr, "/api/quotes?limit=1000").json();
    let his = all
        .as_array()
        .unwrap()
        .iter()
        .filter(|q| q["speaker"]["id"] == id)
        .count();
    assert_eq!(
        said.total(),
        his,
        "every quote of the entity, whatever the spelling"
    );
    let written: std::collections::BTreeSet<&str> = said_items
        .iter()
        .filter_map(|q| q["speaker"]["text"].as_str())
        .collect();
    println!("entity {id} spelled {spellings:?}; quotes name him as {written:?}");
    let dom = visit(addr, &profile, "seeds-entity", &format!("#/entity/{id}"));
    for q in said_items.iter().take(50) {
        let text = as_html_text(q["text"].as_str().unwrap());
        assert!(
            dom.contains(&format!("<mark class=\"said\">{text}</mark>")),
            "quote not highlighted: {text}"
        );
        let outlet = q["outlet"].as_str().unwrap_or("unknown outlet");
        assert!(dom.contains(&as_html_text(outlet)), "no outlet {outlet}");
    }
    for s in &spellings {
        assert!(dom.contains(&as_html_text(s)), "spelling {s} not shown");
    }
    // What he said about one entity his quotes name: the quotes page narrowed to it.
    let topic = said_items
        .iter()
        .find_map(|q| q["about"].as_array()?.iter().find_map(|a| a["id"].as_u64()));
    if let Some(t) = topic {
        let r = get(
            addr,
            &format!("/api/quotes?speaker=e{id}&about=e{t}&limit=1000"),
        );
        assert!(r.total() >= 1);
        let dom = visit(
            addr,
            &profile,
            "seeds-quotes-about",
            &format!("#/quotes?speaker=e{id}&about=e{t}"),
        );
        for q in r.json().as_array().unwrap() {
            assert!(q["about"].as_array().unwrap().iter().any(|a| a["id"] == t));
            let text = as_html_text(q["text"].as_str().unwrap());
            assert!(dom.contains(&format!("<mark class=\"said\">{text}</mark>")));
        }
    }
    let conflicts = get(addr, "/api/conflicts").json();
    if let Some(story) = conflicts[0]["story"].as_u64() {
        let dom = visit(addr, &profile, "seeds-story", &format!("#/story/{story}"));
        assert!(
            dom.contains("class=\"conflict\""),
            "no conflict on the story page"
        );
        assert!(dom.contains("<mark class=\"figure\">"));
    } else {
        println!("note: no conflicting figures found in the seeds");
    }
}
