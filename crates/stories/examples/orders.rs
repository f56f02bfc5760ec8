//! Scores story clustering over many arrival orders, on the documents `dossier eval stories
//! --dump FILE` wrote (with their gold story): B-cubed F1 and adjusted Rand index in the dump's
//! order, and their mean (and range) over shuffled orders, on all topics, the odd ones or the even
//! ones (each half clustered on its own). Each further argument is a JSON object of `StoryConfig`
//! fields to override, scored in turn, so that a knob can be tuned on one half and checked on the
//! other. The clustering is incremental, so one order is a noisy figure: compare the means.
//! `--errors` also prints, per topic, the wrong pairs per order: one sub-topic split, the two
//! sub-topics of a topic merged, two topics merged. `--small K` clusters each run of K topics of
//! the half on its own (a small corpus; the means are over their documents).
//!
//!     cargo run --release -p dossier-stories --example orders -- dump.jsonl --half odd --orders 16 '{}' '{"threshold":0.3}'
//!
//! The scores are those of `../shared/scorers` `stories` (B-cubed over documents; ARI from pair
//! counts), as `dossier eval stories` computes them.

#[path = "shared/dump.rs"]
mod dump;
#[allow(dead_code)]
#[path = "shared/ecb.rs"]
mod ecb;
#[path = "shared/shuffle.rs"]
mod shuffle;
use ecb::{load, scores, topic, Doc};
use shuffle::shuffle;

use dossier_stories::{StoryConfig, StoryIndex};

/// Story of each document (in `docs` order) when they arrive in `order`.
fn cluster(docs: &[&Doc], order: &[usize], config: &StoryConfig) -> Vec<u32> {
    let mut index = StoryIndex::new(config.clone());
    let mut out = vec![0; docs.len()];
    for &i in order {
        let d = docs[i];
        index.add_document(&d.input(), &d.doc);
    }
    // a story can be merged into another after a document joined it
    for (i, d) in docs.iter().enumerate() {
        out[i] = index.story_of(&d.id).unwrap_or(u32::MAX);
    }
    out
}

/// Wrong pairs per topic, summed over arrival orders: documents of one sub-topic put apart
/// (splits), of the two sub-topics of one topic put together (the hard negatives), and of two
/// topics put together.
#[derive(Default)]
struct Errors {
    split: usize,
    halves: usize,
    topics: usize,
}

fn count_errors(docs: &[&Doc], pred: &[u32], errors: &mut std::collections::BTreeMap<u32, Errors>) {
    for i in 0..docs.len() {
        for j in i + 1..docs.len() {
            let (a, b) = (docs[i], docs[j]);
            let same_pred = pred[i] == pred[j];
            let (ta, tb) = (topic(&a.gold), topic(&b.gold));
            if a.gold == b.gold && !same_pred {
                errors.entry(ta).or_default().split += 1;
            } else if a.gold != b.gold && same_pred {
                if ta == tb {
                    errors.entry(ta).or_default().halves += 1;
                } else {
                    errors.entry(ta.min(tb)).or_default().topics += 1;
                }
            }
        }
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let usage =
        "usage: orders DUMP.jsonl [--half all|odd|even] [--orders N] [--errors] [--small K] [CONFIG_JSON...]";
    let path = args.next().ok_or(usage)?;
    let mut half = "all".to_string();
    let mut orders = 16u64;
    let mut configs: Vec<String> = Vec::new();
    let mut show_errors = false;
    let mut small = 0usize;
    while let Some(a) = args.next() {
        match a.as_str() {
            "--half" => half = args.next().ok_or(usage)?,
            "--orders" => orders = args.next().ok_or(usage)?.parse()?,
            "--errors" => show_errors = true,
            "--small" => small = args.next().ok_or(usage)?.parse()?,
            _ => configs.push(a),
        }
    }
    if configs.is_empty() {
        configs.push("{}".into());
    }
    let all = load(&path)?;
    let (docs, gold) = ecb::half(&all, &half);
    if small > 0 {
        return run_small(&docs, &gold, small, orders, &configs, &half);
    }
    let dump_order: Vec<usize> = (0..docs.len()).collect();
    for json in &configs {
        let config: StoryConfig = serde_json::from_str(json)?;
        let pred = cluster(&docs, &dump_order, &config);
        let (_, _, f1, ari) = scores(&gold, &pred);
        let mut errors = std::collections::BTreeMap::new();
        let stories = {
            let mut p = pred.clone();
            p.sort_unstable();
            p.dedup();
            p.len()
        };
        let (mut sum_f1, mut sum_ari, mut lo, mut hi) = (0.0, 0.0, f64::MAX, f64::MIN);
        let (mut sum_p, mut sum_r) = (0.0, 0.0);
        for seed in 1..=orders {
            let mut order = dump_order.clone();
            shuffle(&mut order, seed);
            let pred = cluster(&docs, &order, &config);
            let (p, r, f, a) = scores(&gold, &pred);
            if show_errors {
                count_errors(&docs, &pred, &mut errors);
            }
            sum_p += p;
            sum_r += r;
            sum_f1 += f;
            sum_ari += a;
            lo = lo.min(f);
            hi = hi.max(f);
        }
        let k = orders.max(1) as f64;
        println!(
            "{half} {} docs {json}: dump order B3 {f1:.4} ARI {ari:.4} stories {stories} | {orders} orders B3 {:.4} [{lo:.4}, {hi:.4}] P {:.4} R {:.4} ARI {:.4}",
            docs.len(),
            sum_f1 / k,
            sum_p / k,
            sum_r / k,
            sum_ari / k
        );
        if show_errors {
            println!("topic\tsplit\thalves\ttopics (wrong pairs per order)");
            let (mut s, mut h, mut t) = (0, 0, 0);
            for (topic, e) in &errors {
                println!(
                    "{topic}\t{:.1}\t{:.1}\t{:.1}",
                    e.split as f64 / k,
                    e.halves as f64 / k,
                    e.topics as f64 / k
                );
                (s, h, t) = (s + e.split, h + e.halves, t + e.topics);
            }
            println!(
                "all\t{:.1}\t{:.1}\t{:.1}",
                s as f64 / k,
                h as f64 / k,
                t as f64 / k
            );
        }
    }
    Ok(())
}

/// Clusters each run of `k` topics of `docs` on its own, in the dump's order and in `orders`
/// shuffled ones, and prints per config the means over those small corpora, weighted by their
/// documents, and how many stories they hold in the dump's order.
fn run_small(
    docs: &[&Doc],
    gold: &[usize],
    k: usize,
    orders: u64,
    configs: &[String],
    half: &str,
) -> Result<(), Box<dyn std::error::Error>> {
    let mut topics: Vec<u32> = docs.iter().map(|d| topic(&d.gold)).collect();
    topics.sort_unstable();
    topics.dedup();
    let group = |d: &Doc| topics.binary_search(&topic(&d.gold)).unwrap_or(0) / k;
    let groups = topics.len().div_ceil(k);
    for json in configs {
        let config: StoryConfig = serde_json::from_str(json)?;
        let (mut dump_f1, mut f1, mut p, mut r, mut stories) = (0.0, 0.0, 0.0, 0.0, 0);
        for g in 0..groups {
            let members: Vec<usize> = (0..docs.len()).filter(|&i| group(docs[i]) == g).collect();
            let sub: Vec<&Doc> = members.iter().map(|&i| docs[i]).collect();
            let sub_gold: Vec<usize> = members.iter().map(|&i| gold[i]).collect();
            let n = sub.len() as f64;
            let dump_order: Vec<usize> = (0..sub.len()).collect();
            let pred = cluster(&sub, &dump_order, &config);
            dump_f1 += n * scores(&sub_gold, &pred).2;
            let mut distinct = pred.clone();
            distinct.sort_unstable();
            distinct.dedup();
            stories += distinct.len();
            for seed in 1..=orders {
                let mut order = dump_order.clone();
                shuffle(&mut order, seed);
                let pred = cluster(&sub, &order, &config);
                let (sp, sr, sf, _) = scores(&sub_gold, &pred);
                let w = n / orders.max(1) as f64;
                (p, r, f1) = (p + w * sp, r + w * sr, f1 + w * sf);
            }
        }
        let n = docs.len() as f64;
        println!(
            "{half} {} docs in {groups} corpora of {k} topics {json}: dump order B3 {:.4} stories {stories} | {orders} orders B3 {:.4} P {:.4} R {:.4}",
            docs.len(),
            dump_f1 / n,
            f1 / n,
            p / n,
            r / n
        );
    }
    Ok(())
}
