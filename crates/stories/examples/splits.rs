//! Why documents of one happening end up apart: clusters the documents `dossier eval stories
//! --dump FILE` wrote (one half of the topics, in the dump's order or a shuffled one) and prints,
//! per gold story split over several predicted stories, the predicted stories holding it; and per
//! document that opened a new story while a story holding most of its gold story's earlier
//! arrivals existed, that story's score among the candidates (or that it was no candidate), the
//! factors that lowered it, and the score of the best candidate. The gold story is only read to
//! report, never by the clustering.
//!
//!     cargo run --release -p dossier-stories --example splits -- dump.jsonl --half odd [--seed 3] [CONFIG_JSON]

#[path = "shared/dump.rs"]
mod dump;
#[allow(dead_code)]
#[path = "shared/ecb.rs"]
mod ecb;
#[path = "shared/shuffle.rs"]
mod shuffle;

use std::collections::{BTreeMap, HashMap};

use dossier_stories::{Candidate, StoryConfig, StoryIndex, LINK_FEATURE_NAMES};
use ecb::load;
use shuffle::shuffle;

/// The names of the factors (0/1 features) set for a candidate.
fn factors(c: &Candidate) -> String {
    let mut out = Vec::new();
    for (i, name) in LINK_FEATURE_NAMES.iter().enumerate() {
        let is_flag = matches!(
            *name,
            "unanchored"
                | "outside_window"
                | "interview_mismatch"
                | "lead_dates_apart"
                | "lead_seasons_apart"
                | "same_participants"
                | "other_participants"
                | "contrast"
                | "other_weekday"
                | "other_protagonist"
        );
        if is_flag && c.features[i] > 0.5 {
            out.push(*name);
        }
    }
    format!(
        "base {:.3} rules {:.3} [{}]",
        c.features[1].exp(),
        c.rules,
        out.join(",")
    )
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let usage = "usage: splits DUMP.jsonl [--half all|odd|even] [--seed N] [CONFIG_JSON]";
    let path = args.next().ok_or(usage)?;
    let mut half = "all".to_string();
    let mut seed = 0u64;
    let mut config = StoryConfig::default();
    while let Some(a) = args.next() {
        match a.as_str() {
            "--half" => half = args.next().ok_or(usage)?,
            "--seed" => seed = args.next().ok_or(usage)?.parse()?,
            _ => config = serde_json::from_str(&a)?,
        }
    }
    let all = load(&path)?;
    let (docs, gold) = ecb::half(&all, &half);
    let mut order: Vec<usize> = (0..docs.len()).collect();
    if seed > 0 {
        shuffle(&mut order, seed);
    }
    let mut index = StoryIndex::new(config);
    let mut pred: Vec<Option<u32>> = vec![None; docs.len()];
    let mut missed = 0;
    let mut not_candidate = 0;
    for &i in &order {
        let d = docs[i];
        // where the document's gold siblings are so far: predicted story -> count
        let mut where_gold: HashMap<u32, usize> = HashMap::new();
        for (j, p) in pred.iter().enumerate() {
            // a story can have been merged into another since
            if let Some(p) = p.and_then(|_| index.story_of(&docs[j].id)) {
                if gold[j] == gold[i] {
                    *where_gold.entry(p).or_default() += 1;
                }
            }
        }
        let home = where_gold
            .iter()
            .max_by_key(|x| (*x.1, std::cmp::Reverse(*x.0)))
            .map(|x| *x.0);
        let mut seen: Vec<Candidate> = Vec::new();
        let s = index.add_document_with(&d.input(), &d.doc, &mut |ix, cands| {
            seen = cands.to_vec();
            ix.choose(cands).map(|x| x.0)
        });
        let new = docs
            .iter()
            .zip(&pred)
            .all(|(d, p)| p.is_none() || index.story_of(&d.id) != Some(s) || d.id == docs[i].id);
        pred[i] = Some(s);
        let Some(home) = home else { continue };
        if home == s {
            continue;
        }
        missed += 1;
        let home_size = index.story(home).map_or(0, |st| st.documents.len());
        let home_gold = where_gold[&home];
        let title = d
            .title
            .as_deref()
            .unwrap_or("")
            .chars()
            .take(90)
            .collect::<String>();
        println!(
            "{} [{}] {}: {} story s{s}; home s{home} ({home_gold} of {home_size} its gold)",
            d.id,
            d.gold,
            title,
            if new { "opened" } else { "joined" },
        );
        match seen.iter().find(|c| c.story == home) {
            Some(c) => println!("    home: {}", factors(c)),
            None => {
                not_candidate += 1;
                println!("    home: no candidate")
            }
        }
        if let Some(c) = seen.iter().find(|c| c.story == s) {
            println!("    chosen: {}", factors(c));
        }
        if let Some(c) = seen
            .iter()
            .filter(|c| c.story != s && c.story != home)
            .max_by(|a, b| a.rules.total_cmp(&b.rules))
        {
            println!("    other best s{}: {}", c.story, factors(c));
        }
    }
    // a story can have been merged into another after a document joined it
    for (i, d) in docs.iter().enumerate() {
        pred[i] = index.story_of(&d.id);
    }
    let opened = pred
        .iter()
        .flatten()
        .collect::<std::collections::HashSet<_>>()
        .len();
    // per gold story, its predicted stories
    let mut by_gold: BTreeMap<usize, BTreeMap<u32, usize>> = BTreeMap::new();
    let mut size: HashMap<u32, usize> = HashMap::new();
    for (i, p) in pred.iter().enumerate() {
        let p = p.unwrap_or(u32::MAX);
        *by_gold.entry(gold[i]).or_default().entry(p).or_default() += 1;
        *size.entry(p).or_default() += 1;
    }
    let name: HashMap<usize, &str> = gold
        .iter()
        .zip(&docs)
        .map(|(&g, d)| (g, d.gold.as_str()))
        .collect();
    println!("\nsplit gold stories (predicted story: its docs of this gold / its size)");
    let mut split = 0;
    for (g, ps) in &by_gold {
        if ps.len() < 2 {
            continue;
        }
        split += 1;
        let parts: Vec<String> = ps
            .iter()
            .map(|(p, n)| format!("s{p}:{n}/{}", size[p]))
            .collect();
        println!("{}\t{}", name[g], parts.join(" "));
    }
    println!(
        "{} docs, {} gold stories, {opened} predicted, {split} gold stories split; {missed} arrivals missed their home story ({not_candidate} not a candidate)",
        docs.len(),
        by_gold.len(),
    );
    Ok(())
}
