//! Ingest, list, show and search end to end on the bundled demo corpus and, when `../shared` is
//! beside the repository, on the seed articles.

mod common;

use common::{dossier, json, repo, shared, stderr};

#[test]
fn demo_corpus_end_to_end() {
    let t = tempfile::tempdir().unwrap();
    let data = t.path().join("data");
    let o = dossier(&data)
        .args(["ingest", "--quiet"])
        .arg(repo().join("demo"))
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("ingested 6, unchanged 0, failed 0"),
        "{}",
        stderr(&o)
    );
    // Re-ingesting adds nothing.
    let o = dossier(&data)
        .args(["ingest", "--quiet"])
        .arg(repo().join("demo"))
        .output()
        .unwrap();
    assert!(
        stderr(&o).contains("ingested 0, unchanged 6, failed 0"),
        "{}",
        stderr(&o)
    );

    // The human listing keeps its columns aligned whatever the length of the dates (the demo
    // has days, minutes and seconds with an offset): the outlet column starts at one place.
    let listing = dossier(&data).arg("docs").output().unwrap();
    let listing = String::from_utf8(listing.stdout).unwrap();
    let outlet_at: Vec<usize> = listing
        .lines()
        .map(|l| {
            // id (12 characters), spaces, the date (no spaces in it), spaces, the outlet
            let skip = |from: usize| from + l[from..].len() - l[from..].trim_start().len();
            let date_start = skip(12);
            skip(date_start + l[date_start..].find(' ').unwrap())
        })
        .collect();
    assert_eq!(outlet_at.len(), 6, "{listing}");
    assert!(outlet_at.windows(2).all(|w| w[0] == w[1]), "{listing}");

    let docs = json(&dossier(&data).args(["docs", "--json"]).output().unwrap());
    let docs = docs.as_array().unwrap();
    let title = |path: &str| {
        docs.iter()
            .find(|d| d["path"].as_str().unwrap().ends_with(path))
            .unwrap()["title"]
            .as_str()
            .unwrap()
            .to_string()
    };
    assert_eq!(
        title("01_almaty_talks.txt"),
        "Kazakh, Kyrgyz Ministers Open Water Talks in Almaty"
    );
    assert_eq!(
        title("02_osh_attack.txt"),
        "Militants Claim Border Post Attack Near Osh"
    );
    let osh = docs
        .iter()
        .find(|d| d["path"].as_str().unwrap().ends_with("02_osh_attack.txt"))
        .unwrap();
    assert_eq!(osh["date"], "2025-03-14");
    let lead = docs
        .iter()
        .find(|d| d["path"].as_str().unwrap().ends_with("03_water_deal.txt"))
        .unwrap();
    assert_eq!(lead["outlet"], "Steppe Courier");
    assert!(lead["date"].is_null(), "no date is stated in that article");

    let first = docs
        .iter()
        .find(|d| d["path"].as_str().unwrap().ends_with("01_almaty_talks.txt"))
        .unwrap();
    assert_eq!(
        first["date"],
        serde_json::Value::Null,
        "a relative page date is not a date"
    );
    let shown = json(
        &dossier(&data)
            .args(["show", "--json", first["id"].as_str().unwrap()])
            .output()
            .unwrap(),
    );
    let text = shown["text"].as_str().unwrap();
    for chrome in [
        "Skip to content",
        "Menu",
        "access_time",
        "Add to favorites",
        "Read:",
        "Comments",
        "Steppe Courier",
    ] {
        assert!(
            !text.contains(chrome),
            "{chrome:?} left in clean text:\n{text}"
        );
    }
    assert_eq!(
        text.matches("Open Water Talks").count(),
        1,
        "the repeated headline is dropped"
    );

    // A sentence shown in its source is the same words at the mapped bytes.
    let s = json(
        &dossier(&data)
            .args([
                "show",
                "--json",
                "--sentence",
                "3",
                first["id"].as_str().unwrap(),
            ])
            .output()
            .unwrap(),
    );
    assert_eq!(s["passage"]["clean_text"], s["passage"]["source_text"]);

    let hits = json(
        &dossier(&data)
            .args(["search", "--json", "Toktogul", "commission"])
            .output()
            .unwrap(),
    );
    let hits = hits.as_array().unwrap();
    assert!(hits.len() >= 2, "{hits:?}");
    assert!(hits[0]["snippet"].as_str().unwrap().contains("[Toktogul]"));
}

#[test]
fn seeds_give_headlines_dates_and_no_chrome() {
    let Some(shared) = shared() else {
        eprintln!("skipped: ../shared/corpus/seeds not found");
        return;
    };
    let t = tempfile::tempdir().unwrap();
    let data = t.path().join("data");
    let seeds = shared.join("corpus/seeds");
    let o = dossier(&data)
        .args(["ingest", "--quiet"])
        .arg(&seeds)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let docs = json(&dossier(&data).args(["docs", "--json"]).output().unwrap());
    let docs = docs.as_array().unwrap();
    assert_eq!(docs.len(), 5);
    for d in docs {
        let title = d["title"].as_str().unwrap_or("");
        assert!(
            title.split_whitespace().count() >= 5,
            "headline expected, got {title:?}"
        );
        let shown = json(
            &dossier(&data)
                .args(["show", "--json", d["id"].as_str().unwrap()])
                .output()
                .unwrap(),
        );
        let text = shown["text"].as_str().unwrap();
        for chrome in [
            "No Script",
            "Please Wait",
            "Add to favorites",
            "access_time",
            "years ago",
            "\nComments",
            "Read: ",
        ] {
            assert!(!text.contains(chrome), "{chrome:?} left in {}", d["path"]);
        }
        assert!(!text.starts_with("clear"), "{}", d["path"]);
        assert_eq!(
            text.matches(title).count(),
            1.min(text.matches(title).count()),
            "headline not duplicated"
        );
    }
    let dated: Vec<&str> = docs.iter().filter_map(|d| d["date"].as_str()).collect();
    assert_eq!(dated.len(), 2, "two seeds state a date: {dated:?}");
    let hits = json(
        &dossier(&data)
            .args(["search", "--json", "Daesh"])
            .output()
            .unwrap(),
    );
    assert_eq!(hits.as_array().unwrap().len(), 1);
    assert!(hits[0]["snippet"].as_str().unwrap().contains("[Daesh]"));
    let o = dossier(&data)
        .args(["ingest", "--quiet"])
        .arg(&seeds)
        .output()
        .unwrap();
    assert!(
        stderr(&o).contains("ingested 0, unchanged 5"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn ingest_order_and_ids_do_not_depend_on_the_threads() {
    // Documents of very different lengths finish analysis out of order on several threads;
    // the store still gets them in reading order, so listings, entity ids and stories agree.
    let t = tempfile::tempdir().unwrap();
    let input = t.path().join("input");
    std::fs::create_dir(&input).unwrap();
    for i in 0..24 {
        let body = "Officials in Osh said the border talks with Kazakhstan would go on. "
            .repeat(1 + (i % 5) * 60);
        std::fs::write(
            input.join(format!("{i:02}.txt")),
            format!("Talks report number {i}\n\n{body}"),
        )
        .unwrap();
    }
    std::fs::write(input.join("07b.html"), [0xff, 0xfe, 0x00, 0x00, 0x01]).unwrap();
    let listings = |jobs: &str| {
        let data = t.path().join(format!("data{jobs}"));
        for dir in [repo().join("demo"), input.clone()] {
            dossier(&data)
                .args(["ingest", "--quiet", "--jobs", jobs])
                .arg(dir)
                .output()
                .unwrap();
        }
        ["docs", "entities", "stories"]
            .map(|what| json(&dossier(&data).args([what, "--json"]).output().unwrap()))
    };
    let one = listings("1");
    assert!(one[0].as_array().unwrap().len() >= 30, "{}", one[0]);
    assert_eq!(one, listings("4"));
}
