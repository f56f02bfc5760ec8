//! Why documents of two happenings end up together: clusters one half of the topics of a
//! `dossier eval stories --dump FILE` (in shuffled orders) and prints each arrival that joins a
//! story most of whose members are of another gold story (a wrong join), with the factors of the
//! chosen candidate, and each arrival whose bridges merge stories of other gold stories (a wrong
//! bridge); then the counts per topic (a wrong join into a story all of whose members are of
//! another gold story is where a mixed story starts). The gold story is only read to report.
//!
//!     cargo run --release -p dossier-stories --example merges -- dump.jsonl --half odd --orders 4 [CONFIG_JSON]

#[path = "shared/dump.rs"]
mod dump;
#[allow(dead_code)]
#[path = "shared/ecb.rs"]
mod ecb;
#[path = "shared/shuffle.rs"]
mod shuffle;

use std::collections::{BTreeMap, HashMap};

use dossier_stories::{Candidate, StoryIndex, LINK_FEATURE_NAMES};
use ecb::topic;
use shuffle::shuffled;

/// A story's most common gold story, how many members it has of it, and its size.
type Majority = Option<(usize, usize, usize)>;

/// The names of the factors (0/1 features) set for a candidate, with its scores.
fn factors(c: &Candidate) -> String {
    let flags: Vec<&str> = LINK_FEATURE_NAMES
        .iter()
        .enumerate()
        .filter(|(i, n)| {
            !matches!(**n, "bias" | "ln_likeness" | "word_cos" | "entity_cos")
                && c.features[*i] == 1.0
        })
        .map(|(_, n)| *n)
        .collect();
    format!(
        "base {:.3} rules {:.3} [{}]",
        c.features[1].exp(),
        c.rules,
        flags.join(",")
    )
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let r = ecb::replay_args("merges", 4)?;
    let (orders, config) = (r.orders, r.config);
    let (docs, gold) = ecb::half(&r.all, &r.half);
    let by_id = ecb::positions(&docs);
    // per topic: wrong joins, wrong bridges
    let mut counts: BTreeMap<u32, (usize, usize, usize)> = BTreeMap::new();
    for seed in 1..=orders {
        let order = shuffled(docs.len(), seed);
        let mut index = StoryIndex::new(config.clone());
        for &i in &order {
            let d = docs[i];
            let majority = |index: &StoryIndex, s: u32| -> Majority {
                let st = index.story(s)?;
                let mut n: HashMap<usize, usize> = HashMap::new();
                for m in &st.documents {
                    *n.entry(gold[by_id[m.as_str()]]).or_default() += 1;
                }
                let (g, k) = n
                    .into_iter()
                    .max_by_key(|x| (x.1, std::cmp::Reverse(x.0)))?;
                Some((g, k, st.documents.len()))
            };
            let mut seen: Vec<Candidate> = Vec::new();
            let mut before: Vec<(u32, Majority)> = Vec::new();
            let s = index.add_document_with(&d.input(), &d.doc, &mut |ix, cands| {
                seen = cands.to_vec();
                before = cands
                    .iter()
                    .map(|c| (c.story, majority(ix, c.story)))
                    .collect();
                ix.choose(cands).map(|x| x.0)
            });
            let title: String = d.title.as_deref().unwrap_or("").chars().take(70).collect();
            // the candidate the document joined: the best by the rules at the threshold
            let chosen = seen
                .iter()
                .filter(|c| c.rules >= index.config().threshold)
                .max_by(|a, b| a.rules.total_cmp(&b.rules));
            if let Some(c) = chosen {
                if let Some((g, k, n)) = before.iter().find(|b| b.0 == c.story).and_then(|b| b.1) {
                    if g != gold[i] {
                        let e = counts.entry(topic(&d.gold)).or_default();
                        e.0 += 1;
                        e.1 += (k == n) as usize;
                        println!(
                            "join {} [{}] {title}: into s{} ({k} of {n} {}) {}",
                            d.id,
                            d.gold,
                            c.story,
                            docs.iter()
                                .find(|x| gold[by_id[x.id.as_str()]] == g)
                                .map_or("", |x| x.gold.as_str()),
                            factors(c)
                        );
                    }
                }
            }
            // bridged candidates: those now in the document's story besides the chosen one
            for (story, maj) in &before {
                if chosen.is_some_and(|c| c.story == *story) {
                    continue;
                }
                let Some((g, k, n)) = maj else { continue };
                let now = index
                    .story(*story)
                    .is_some_and(|st| st.documents.is_empty());
                if now && index.story_of(&d.id) == Some(s) {
                    let c = seen.iter().find(|c| c.story == *story).unwrap();
                    let wrong = *g != gold[i];
                    if wrong {
                        counts.entry(topic(&d.gold)).or_default().2 += 1;
                    }
                    println!(
                        "bridge{} {} [{}] {title}: s{story} ({k} of {n} gold {}) {}",
                        if wrong { " WRONG" } else { "" },
                        d.id,
                        d.gold,
                        docs.iter()
                            .find(|x| gold[by_id[x.id.as_str()]] == *g)
                            .map_or("", |x| x.gold.as_str()),
                        factors(c)
                    );
                }
            }
        }
    }
    println!("topic\twrong joins\tof them into a story all of another\twrong bridges (per order)");
    let k = orders.max(1) as f64;
    for (t, (j, p, b)) in counts {
        println!(
            "{t}\t{:.1}\t{:.1}\t{:.1}",
            j as f64 / k,
            p as f64 / k,
            b as f64 / k
        );
    }
    Ok(())
}
