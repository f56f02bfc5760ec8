//! What a document's other candidate stories are when it joins one: per arrival (one half of
//! the topics of a `dossier eval stories --dump FILE`, over shuffled orders) and per other
//! candidate scoring at least 0.15, a line with whether merging it with the joined story would be
//! right (their most common gold stories agree), the candidate's rules score, the joined one's,
//! the two stories' likeness and sizes, and the candidate's factors (as 0/1). For choosing when a
//! document bridges two stories (`StoryConfig::bridge`).
//!
//!     cargo run --release -p dossier-stories --example bridges -- dump.jsonl --half odd --orders 8 > bridges.tsv

#[path = "shared/dump.rs"]
mod dump;
#[allow(dead_code)]
#[path = "shared/ecb.rs"]
mod ecb;
#[path = "shared/shuffle.rs"]
mod shuffle;

use std::collections::HashMap;

use dossier_stories::{Candidate, StoryIndex, LINK_FEATURE_NAMES};
use shuffle::shuffled;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let r = ecb::replay_args("bridges", 8)?;
    let (orders, config) = (r.orders, r.config);
    let (docs, gold) = ecb::half(&r.all, &r.half);
    let by_id = ecb::positions(&docs);
    print!("good\tsame_gold_as_doc\trules\tchosen\tlikeness\tsmall\tlarge\tbase");
    for name in LINK_FEATURE_NAMES.iter().skip(5).take(8) {
        print!("\t{name}");
    }
    println!();
    for seed in 1..=orders {
        let order = shuffled(docs.len(), seed);
        let mut index = StoryIndex::new(config.clone());
        for &i in &order {
            let d = docs[i];
            let mut seen: Vec<Candidate> = Vec::new();
            let mut chosen: Option<(u32, f64)> = None;
            index.add_document_with(&d.input(), &d.doc, &mut |ix, cands| {
                seen = cands.to_vec();
                chosen = ix.choose(cands);
                chosen.map(|x| x.0)
            });
            let Some((s, score)) = chosen else { continue };
            let majority = |ix: &StoryIndex, s: u32| {
                let mut n: HashMap<usize, usize> = HashMap::new();
                for m in &ix.story(s).unwrap().documents {
                    *n.entry(gold[by_id[m.as_str()]]).or_default() += 1;
                }
                n.into_iter()
                    .max_by_key(|x| (x.1, std::cmp::Reverse(x.0)))
                    .map(|x| x.0)
            };
            let mine = majority(&index, s);
            for c in seen.iter().filter(|c| c.story != s && c.rules >= 0.15) {
                let theirs = majority(&index, c.story);
                let sizes = (
                    index.story(s).unwrap().documents.len(),
                    index.story(c.story).unwrap().documents.len(),
                );
                print!(
                    "{}\t{}\t{:.4}\t{:.4}\t{:.4}\t{}\t{}\t{:.4}",
                    (theirs == mine) as u8,
                    (theirs == Some(gold[i])) as u8,
                    c.rules,
                    score,
                    index.story_likeness(s, c.story),
                    sizes.0.min(sizes.1),
                    sizes.0.max(sizes.1),
                    c.features[1].exp()
                );
                for x in c.features.iter().skip(5).take(8) {
                    print!("\t{x:.0}");
                }
                println!();
            }
        }
    }
    Ok(())
}
