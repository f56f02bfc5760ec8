//! Mentions and roles on invented wire-news text, through the real tokenizer.
//!
//! `tests/snapshots/*.snap` hold the reviewed output; run with `UPDATE_SNAPSHOTS=1` to rewrite
//! them after a deliberate change, then review the diff.

use dossier_core::{Document, EntityType, Stage};
use dossier_ner::NerStage;

fn run(text: &str) -> Document {
    let mut doc = Document {
        text: text.to_string(),
        ..Default::default()
    };
    let (tokens, sentences) = dossier_segment::segment(&doc.text, &doc.blocks);
    doc.tokens = tokens;
    doc.sentences = sentences;
    NerStage::new()
        .expect("embedded model")
        .run(&mut doc)
        .expect("ner runs");
    doc
}

fn render(doc: &Document) -> String {
    let mut out = String::new();
    for m in &doc.mentions {
        out.push_str(&format!(
            "{}\t{}\n",
            m.label.as_str(),
            doc.span_text(m.span)
        ));
    }
    for r in &doc.roles {
        let m = &doc.mentions[r.mention as usize];
        out.push_str(&format!(
            "ROLE\t{}\t[{}]\t-> {}\n",
            r.value,
            doc.span_text(r.span),
            doc.span_text(m.span)
        ));
    }
    out
}

fn check_snapshot(name: &str, got: &str) {
    let path = format!("{}/tests/snapshots/{name}.snap", env!("CARGO_MANIFEST_DIR"));
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::create_dir_all(format!("{}/tests/snapshots", env!("CARGO_MANIFEST_DIR"))).unwrap();
        std::fs::write(&path, got).unwrap();
        return;
    }
    let want = std::fs::read_to_string(&path).unwrap_or_default();
    assert_eq!(
        got, want,
        "snapshot {path} differs; rerun with UPDATE_SNAPSHOTS=1 and review"
    );
}

fn has(doc: &Document, label: EntityType, text: &str) -> bool {
    doc.mentions
        .iter()
        .any(|m| m.label == label && doc.span_text(m.span) == text)
}

#[test]
fn wire_story() {
    let doc = run(include_str!("fixtures/wire.txt"));
    for m in &doc.mentions {
        assert!(m.span.start < m.span.end && (m.span.end as usize) <= doc.text.len());
        assert!((0.0..=1.0).contains(&m.score));
    }
    // Unseen transliterated names, after titles, in appositions and before possessives.
    for name in [
        "Faizullah Rahmatzai",
        "Selim Ozkaya",
        "Abdul Wahid Sharifzada",
        "Tariq Hassan Mirza",
        "Leila Moradifar",
    ] {
        assert!(
            has(&doc, EntityType::PER, name),
            "{name} as PER in\n{}",
            render(&doc)
        );
    }
    for place in ["Kabul", "Pakistan"] {
        assert!(
            has(&doc, EntityType::LOC, place),
            "{place} as LOC in\n{}",
            render(&doc)
        );
    }
    // Possessive and hyphenated compound give the name alone.
    assert!(doc
        .mentions
        .iter()
        .all(|m| !doc.span_text(m.span).contains('\u{2019}')));
    assert!(doc
        .mentions
        .iter()
        .all(|m| !doc.span_text(m.span).ends_with("-led")));
    let role = |v: &str, who: &str| {
        doc.roles
            .iter()
            .any(|r| r.value == v && doc.span_text(doc.mentions[r.mention as usize].span) == who)
    };
    assert!(
        role("deputy foreign minister", "Selim Ozkaya"),
        "{}",
        render(&doc)
    );
    assert!(
        role("foreign minister", "Tariq Hassan Mirza"),
        "{}",
        render(&doc)
    );
    assert!(
        role("acting interior minister", "Mawlawi Nasrullah Hamidzai"),
        "{}",
        render(&doc)
    );
    assert!(
        role("deputy spokesman for political affairs", "Rahmatzai"),
        "{}",
        render(&doc)
    );
    check_snapshot("wire", &render(&doc));
}

#[test]
fn headlines_in_title_case_and_capitals() {
    let doc = run("Afghan Envoy Karimullah Sadiqi Meets Iranian Officials In Mashhad\n\nKANDAHAR GOVERNOR HAJI NOORULLAH ZADRAN VISITS QUETTA\n\nKarimullah Sadiqi arrived in Mashhad on Sunday. Noorullah Zadran returned from Quetta.\n");
    assert!(
        has(&doc, EntityType::PER, "Karimullah Sadiqi"),
        "{}",
        render(&doc)
    );
    // The body shows how the capitalised headline's name is written.
    assert!(
        has(&doc, EntityType::PER, "NOORULLAH ZADRAN"),
        "{}",
        render(&doc)
    );
    check_snapshot("headlines", &render(&doc));
}

#[test]
fn arbitrary_text_never_panics() {
    // A fixed pseudo-random stream over letters, marks, quotes, digits, spaces and controls.
    let alphabet: Vec<char> =
        "aZ Qx.,;:'’\"“”-–—()[]\n\t0912ÄéßİıŞ中文ـالعربية\u{200d}\u{feff}\u{0}s’S"
            .chars()
            .collect();
    let mut state = 0x2545_f491_4f6c_dd1du64;
    for len in [0usize, 1, 2, 7, 64, 500, 5000] {
        let text: String = (0..len)
            .map(|_| {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                alphabet[(state % alphabet.len() as u64) as usize]
            })
            .collect();
        let doc = run(&text);
        for m in &doc.mentions {
            assert!(m.span.start < m.span.end && (m.span.end as usize) <= doc.text.len());
        }
        for r in &doc.roles {
            assert!((r.mention as usize) < doc.mentions.len());
        }
    }
    let big =
        "Hamid Sarwari, the deputy governor of Farah province, said on Monday. ".repeat(20_000);
    let doc = run(&big);
    assert!(doc.mentions.len() >= 20_000);
}

#[test]
fn empty_and_unsegmented_documents() {
    let doc = run("");
    assert!(doc.mentions.is_empty() && doc.roles.is_empty());
    let mut doc = Document {
        text: "Kabul".into(),
        ..Default::default()
    };
    NerStage::new().unwrap().run(&mut doc).unwrap();
    assert!(doc.mentions.is_empty());
}

#[test]
fn outlets_honorifics_and_acronyms() {
    let doc = run(include_str!("fixtures/outlets.txt"));
    // "Amir" here is a given name, at the start of a sentence, after a title and after "Mullah".
    assert!(
        has(&doc, EntityType::PER, "Amir Wali Sadiqyar"),
        "{}",
        render(&doc)
    );
    assert!(
        !doc.mentions
            .iter()
            .any(|m| doc.span_text(m.span) == "Wali Sadiqyar"),
        "{}",
        render(&doc)
    );
    // An outlet in the possessive before a reporter's name is an organisation, everywhere.
    assert!(!has(&doc, EntityType::PER, "Al Sahil"), "{}", render(&doc));
    // A common lower-case word of a title-case headline does not stay inside a name; where the
    // body names part of a headline name ("Authority Promises"), that part is the name.
    for m in &doc.mentions {
        let t = doc.span_text(m.span);
        assert!(!t.contains("Rejects"), "{t} in\n{}", render(&doc));
    }
    check_snapshot("outlets", &render(&doc));
}

#[test]
fn acronyms_bylines_and_headline_fragments() {
    let doc = run(include_str!("fixtures/movement.txt"));
    let text = &doc.text;
    // A title-case headline keeps the name the body knows, not the abbreviation after it.
    let headline_end = text.find('\n').expect("a headline line");
    let in_headline: Vec<&str> = doc
        .mentions
        .iter()
        .filter(|m| (m.span.end as usize) <= headline_end)
        .map(|m| doc.span_text(m.span))
        .collect();
    assert_eq!(in_headline, vec!["Harakat Council"], "{}", render(&doc));
    // Nothing in the byline is a name.
    let byline = text.find("By Staff").expect("a byline");
    let byline_end = byline + text[byline..].find('\n').expect("line end");
    assert!(
        !doc.mentions
            .iter()
            .any(|m| (m.span.start as usize) >= byline && (m.span.end as usize) <= byline_end),
        "{}",
        render(&doc)
    );
    // A defined acronym is a whole name, and the person after it is a person.
    assert!(
        has(&doc, EntityType::ORG, "Free Highlands Movement"),
        "{}",
        render(&doc)
    );
    assert!(
        has(&doc, EntityType::PER, "Jawid Karimzada"),
        "{}",
        render(&doc)
    );
    assert!(
        doc.mentions
            .iter()
            .filter(|m| doc.span_text(m.span).contains("FHM"))
            .all(|m| m.label == EntityType::ORG && doc.span_text(m.span) == "FHM"),
        "{}",
        render(&doc)
    );
    for name in [
        "Army of the Southern Provinces in Zarin",
        "Southern Liberation Army",
        "SLA",
    ] {
        assert!(
            has(&doc, EntityType::ORG, name),
            "{name} in\n{}",
            render(&doc)
        );
    }
    // A hyphenated compound's tail ends the name: "Harakat-controlled town of Farah".
    assert!(has(&doc, EntityType::LOC, "Farah"), "{}", render(&doc));
    assert!(
        doc.mentions
            .iter()
            .all(|m| !doc.span_text(m.span).contains("-controlled")),
        "{}",
        render(&doc)
    );
    // One type per name string in the article.
    let mut types = std::collections::HashMap::new();
    for m in &doc.mentions {
        let t = types.entry(doc.span_text(m.span)).or_insert(m.label);
        assert_eq!(
            *t,
            m.label,
            "{} in\n{}",
            doc.span_text(m.span),
            render(&doc)
        );
    }
    check_snapshot("movement", &render(&doc));
}

#[test]
fn many_acronyms_in_one_long_sentence() {
    // One defined acronym repeated tens of thousands of times without a sentence end.
    let text = format!(
        "The Free Highlands Movement (FHM) said{}.",
        ", the FHM and the FHM".repeat(20_000)
    );
    let doc = run(&text);
    let fhm = doc
        .mentions
        .iter()
        .filter(|m| doc.span_text(m.span) == "FHM")
        .count();
    assert!(fhm >= 40_000, "{fhm} FHM mentions");
}

#[test]
fn a_person_named_in_full_owns_what_follows_his_surname() {
    let doc = run(include_str!("fixtures/possessive.txt"));
    let typed: Vec<EntityType> = doc
        .mentions
        .iter()
        .filter(|m| doc.span_text(m.span).ends_with("Bennett"))
        .map(|m| m.label)
        .collect();
    // "Jim Bennett" ... "Bennett's Donald Trump beanie": Bennett is no employer of Trump's.
    assert_eq!(typed, vec![EntityType::PER; 3], "{}", render(&doc));
    assert!(
        has(&doc, EntityType::PER, "Donald Trump"),
        "{}",
        render(&doc)
    );
}

#[test]
fn reader_types_of_acting_groups_owners_and_outlets() {
    let doc = run(include_str!("fixtures/reader.txt"));
    let typed = |text: &str| -> Vec<EntityType> {
        doc.mentions
            .iter()
            .filter(|m| doc.span_text(m.span) == text)
            .map(|m| m.label)
            .collect()
    };
    // A group that acts ("the Harakat had warned") is an organisation in every mention:
    // headline, possessive, before a hyphen and inside a compound of two names.
    let group = typed("Harakat");
    assert!(group.len() >= 6, "{group:?}");
    assert!(group.iter().all(|&t| t == EntityType::ORG), "{group:?}");
    // "the Tajikistan-Harakat accord" names both; "Tajikistan-led" names the country.
    assert!(!doc
        .mentions
        .iter()
        .any(|m| doc.span_text(m.span).contains('-')));
    assert!(typed("Tajikistan").len() >= 4);
    // "the X administration" names a person, whether the tagger missed it or mistyped it.
    assert_eq!(typed("Ostrander"), vec![EntityType::PER; 2]);
    assert_eq!(typed("Ferrand"), vec![EntityType::PER]);
    // The interviewer never named again is the outlet; the person interviewed stays one.
    assert_eq!(typed("Al Rawiya"), vec![EntityType::ORG]);
    assert!(has(&doc, EntityType::PER, "Kamal Yusufzada"));
    // A counted group of people and an "-ite" adjective are neither bodies nor places.
    assert_eq!(typed("Zaydi Believers"), vec![EntityType::MISC]);
    assert_eq!(typed("Zaydite"), vec![EntityType::MISC]);
    // The value of a place noun is a place; an agreement is a document.
    assert_eq!(typed("Qaraband"), vec![EntityType::LOC]);
    assert_eq!(typed("Belgrove Agreement"), vec![EntityType::MISC]);
    check_snapshot("reader", &render(&doc));
}
