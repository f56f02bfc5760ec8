//! End-to-end: headless Chromium against the web UI of a server on a random loopback port, over
//! a store of invented articles. Checks the rendered DOM for the facts the store holds and saves
//! a screenshot of each page under `target/ui-screenshots/`. Skipped without Chromium
//! (`scripts/install-browser.sh` installs it).

mod common;

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::*;
use dossier_serve::Config;

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

fn enc(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
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
    let addr = spawn(Config {
        data: data.clone(),
        token: None,
    });
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

    // Quotes filtered by a speaker the store knows, and that speaker's entity page.
    let named = docs.iter().find_map(|d| {
        d.quotes.iter().find_map(|q| {
            let m = d.mentions.get(q.speaker_mention? as usize)?;
            Some((
                d.span_text(m.span).to_string(),
                d.span_text(q.span).to_string(),
            ))
        })
    });
    if let Some((speaker, said)) = named {
        let dom = visit(
            addr,
            &profile,
            "quotes",
            &format!("#/quotes?speaker={}", enc(&speaker)),
        );
        assert!(
            dom.contains(&as_html_text(&said)),
            "quote of {speaker} missing"
        );
        let dom = visit(
            addr,
            &profile,
            "entity",
            &format!("#/entity/{}", enc(&speaker)),
        );
        assert!(
            dom.contains(&as_html_text(&said)),
            "entity page of {speaker} lacks the quote"
        );
    } else {
        println!(
            "note: no quote of the fixtures resolved to a name; quote filter page not checked"
        );
    }

    let dom = visit(addr, &profile, "timeline", "#/timeline");
    assert!(
        dom.contains("2024-03-14") || dom.contains("2024-03-2"),
        "timeline shows no dates"
    );
    let dom = visit(addr, &profile, "search", "#/search?q=crossings");
    assert!(dom.contains("<mark>crossings</mark>"));
    visit(addr, &profile, "entities", "#/entities");
    let dom = visit(addr, &profile, "stories", "#/stories");
    assert!(dom.contains("Not built yet"));

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
