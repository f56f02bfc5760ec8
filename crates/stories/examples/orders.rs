//! Scores story clustering over many arrival orders, on the documents `dossier eval stories
//! --dump FILE` wrote (with their gold story): B-cubed F1 and adjusted Rand index in the dump's
//! order, and their mean (and range) over shuffled orders, on all topics, the odd ones or the even
//! ones (each half clustered on its own). Each further argument is a JSON object of `StoryConfig`
//! fields to override, scored in turn, so that a knob can be tuned on one half and checked on the
//! other. The clustering is incremental, so one order is a noisy figure: compare the means.
//!
//!     cargo run --release -p dossier-stories --example orders -- dump.jsonl --half odd --orders 16 '{}' '{"threshold":0.3}'
//!
//! The scores are those of `../shared/scorers` `stories` (B-cubed over documents; ARI from pair
//! counts), as `dossier eval stories` computes them.

#[path = "shared/dump.rs"]
mod dump;
#[path = "shared/shuffle.rs"]
mod shuffle;
use dump::{document, layer};
use shuffle::shuffle;

use std::collections::HashMap;

use dossier_core::Document;
use dossier_stories::{StoryConfig, StoryIndex, StoryInput};
use serde_json::Value;

struct Doc {
    id: String,
    gold: String,
    title: Option<String>,
    date: Option<String>,
    names: Vec<String>,
    doc: Document,
}

fn load(path: &str) -> Result<Vec<Doc>, Box<dyn std::error::Error>> {
    let text = std::fs::read_to_string(path)?;
    let mut out = Vec::new();
    for line in text.lines() {
        let v: Value = serde_json::from_str(line)?;
        let s = |k: &str| v.get(k).and_then(Value::as_str).map(str::to_string);
        let title = s("title");
        let doc = document(&v);
        out.push(Doc {
            id: s("id").unwrap_or_default(),
            gold: s("gold").unwrap_or_default(),
            title,
            date: s("date"),
            names: layer(&v, "names"),
            doc,
        });
    }
    Ok(out)
}

fn topic(gold: &str) -> u32 {
    let digits: String = gold.chars().take_while(|c| c.is_ascii_digit()).collect();
    digits.parse().unwrap_or(0)
}

/// Story of each document (in `docs` order) when they arrive in `order`.
fn cluster(docs: &[&Doc], order: &[usize], config: &StoryConfig) -> Vec<u32> {
    let mut index = StoryIndex::new(config.clone());
    let mut out = vec![0; docs.len()];
    for &i in order {
        let d = docs[i];
        let input = StoryInput {
            id: &d.id,
            title: d.title.as_deref().unwrap_or(""),
            text: &d.doc.text,
            date: d.date.as_deref(),
            entities: d.names.iter().map(String::as_str).collect(),
        };
        out[i] = index.add_document(&input, &d.doc);
    }
    out
}

/// (B-cubed F1, ARI) of `pred` against `gold` (same length).
fn scores(gold: &[usize], pred: &[u32]) -> (f64, f64) {
    let n = gold.len() as f64;
    let mut cont: HashMap<(usize, u32), usize> = HashMap::new();
    let mut gs: HashMap<usize, usize> = HashMap::new();
    let mut ps: HashMap<u32, usize> = HashMap::new();
    for (&g, &p) in gold.iter().zip(pred) {
        *cont.entry((g, p)).or_default() += 1;
        *gs.entry(g).or_default() += 1;
        *ps.entry(p).or_default() += 1;
    }
    let (mut bp, mut br) = (0.0, 0.0);
    for (&(g, p), &c) in &cont {
        bp += (c * c) as f64 / ps[&p] as f64;
        br += (c * c) as f64 / gs[&g] as f64;
    }
    let (bp, br) = (bp / n, br / n);
    let f1 = if bp + br > 0.0 {
        2.0 * bp * br / (bp + br)
    } else {
        0.0
    };
    let c2 = |k: usize| (k * k.saturating_sub(1)) as f64 / 2.0;
    let both: f64 = cont.values().map(|&c| c2(c)).sum();
    let sg: f64 = gs.values().map(|&c| c2(c)).sum();
    let sp: f64 = ps.values().map(|&c| c2(c)).sum();
    let total = c2(gold.len());
    let expected = if total > 0.0 { sg * sp / total } else { 0.0 };
    let max = (sg + sp) / 2.0;
    let ari = if max == expected {
        1.0
    } else {
        (both - expected) / (max - expected)
    };
    (f1, ari)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let usage = "usage: orders DUMP.jsonl [--half all|odd|even] [--orders N] [CONFIG_JSON...]";
    let path = args.next().ok_or(usage)?;
    let mut half = "all".to_string();
    let mut orders = 16u64;
    let mut configs: Vec<String> = Vec::new();
    while let Some(a) = args.next() {
        match a.as_str() {
            "--half" => half = args.next().ok_or(usage)?,
            "--orders" => orders = args.next().ok_or(usage)?.parse()?,
            _ => configs.push(a),
        }
    }
    if configs.is_empty() {
        configs.push("{}".into());
    }
    let all = load(&path)?;
    let docs: Vec<&Doc> = all
        .iter()
        .filter(|d| match half.as_str() {
            "odd" => !topic(&d.gold).is_multiple_of(2),
            "even" => topic(&d.gold).is_multiple_of(2),
            _ => true,
        })
        .collect();
    let mut gold_ids: HashMap<&str, usize> = HashMap::new();
    let gold: Vec<usize> = docs
        .iter()
        .map(|d| {
            let n = gold_ids.len();
            *gold_ids.entry(d.gold.as_str()).or_insert(n)
        })
        .collect();
    let dump_order: Vec<usize> = (0..docs.len()).collect();
    for json in &configs {
        let config: StoryConfig = serde_json::from_str(json)?;
        let pred = cluster(&docs, &dump_order, &config);
        let (f1, ari) = scores(&gold, &pred);
        let stories = {
            let mut p = pred.clone();
            p.sort_unstable();
            p.dedup();
            p.len()
        };
        let (mut sum_f1, mut sum_ari, mut lo, mut hi) = (0.0, 0.0, f64::MAX, f64::MIN);
        for seed in 1..=orders {
            let mut order = dump_order.clone();
            shuffle(&mut order, seed);
            let (f, a) = scores(&gold, &cluster(&docs, &order, &config));
            sum_f1 += f;
            sum_ari += a;
            lo = lo.min(f);
            hi = hi.max(f);
        }
        let k = orders.max(1) as f64;
        println!(
            "{half} {} docs {json}: dump order B3 {f1:.4} ARI {ari:.4} stories {stories} | {orders} orders B3 {:.4} [{lo:.4}, {hi:.4}] ARI {:.4}",
            docs.len(),
            sum_f1 / k,
            sum_ari / k
        );
    }
    Ok(())
}
