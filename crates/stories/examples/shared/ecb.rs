//! The ECB+ documents of a dump (`dossier eval stories --dump FILE`) with their gold story, and
//! the scores of `../shared/scorers` `stories` (B-cubed over documents; ARI from pair counts).

use std::collections::HashMap;

use dossier_core::Document;
use dossier_stories::StoryInput;
use serde_json::Value;

use crate::dump::{document, layer};

/// One dumped document and its gold story (the sub-topic folder, `12ecbplus`).
pub struct Doc {
    pub id: String,
    pub gold: String,
    pub title: Option<String>,
    pub date: Option<String>,
    pub names: Vec<String>,
    pub doc: Document,
}

/// The documents of a dump, in its order.
pub fn load(path: &str) -> Result<Vec<Doc>, Box<dyn std::error::Error>> {
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

/// The topic number of a gold story (`12ecbplus` -> 12).
pub fn topic(gold: &str) -> u32 {
    let digits: String = gold.chars().take_while(|c| c.is_ascii_digit()).collect();
    digits.parse().unwrap_or(0)
}

/// The documents of one half of the topics (`odd`, `even`, else all), and the index of each
/// one's gold story, numbered in order of first appearance.
pub fn half<'a>(all: &'a [Doc], half: &str) -> (Vec<&'a Doc>, Vec<usize>) {
    let docs: Vec<&Doc> = all
        .iter()
        .filter(|d| match half {
            "odd" => !topic(&d.gold).is_multiple_of(2),
            "even" => topic(&d.gold).is_multiple_of(2),
            _ => true,
        })
        .collect();
    let mut ids: HashMap<&str, usize> = HashMap::new();
    let gold = docs
        .iter()
        .map(|d| {
            let n = ids.len();
            *ids.entry(d.gold.as_str()).or_insert(n)
        })
        .collect();
    (docs, gold)
}

/// (B-cubed precision, recall, F1, ARI) of `pred` against `gold` (same length).
pub fn scores(gold: &[usize], pred: &[u32]) -> (f64, f64, f64, f64) {
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
    (bp, br, f1, ari)
}

impl Doc {
    /// What the clustering reads of the document.
    pub fn input(&self) -> StoryInput<'_> {
        StoryInput {
            id: &self.id,
            title: self.title.as_deref().unwrap_or(""),
            text: &self.doc.text,
            date: self.date.as_deref(),
            entities: self.names.iter().map(String::as_str).collect(),
        }
    }
}

/// What the examples that replay one half in shuffled orders are given:
/// `DUMP.jsonl [--half all|odd|even] [--orders N] [CONFIG_JSON]`.
pub struct Replay {
    pub all: Vec<Doc>,
    pub half: String,
    pub orders: u64,
    pub config: dossier_stories::StoryConfig,
}

/// Reads the command line of example `name` (`orders` shuffled orders unless given).
pub fn replay_args(name: &str, orders: u64) -> Result<Replay, Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let usage =
        format!("usage: {name} DUMP.jsonl [--half all|odd|even] [--orders N] [CONFIG_JSON]");
    let path = args.next().ok_or(usage.clone())?;
    let mut r = Replay {
        all: load(&path)?,
        half: "all".to_string(),
        orders,
        config: Default::default(),
    };
    while let Some(a) = args.next() {
        match a.as_str() {
            "--half" => r.half = args.next().ok_or(usage.clone())?,
            "--orders" => r.orders = args.next().ok_or(usage.clone())?.parse()?,
            _ => r.config = serde_json::from_str(&a)?,
        }
    }
    Ok(r)
}

/// Each document's position among `docs`, by id.
pub fn positions<'a>(docs: &[&'a Doc]) -> HashMap<&'a str, usize> {
    docs.iter()
        .enumerate()
        .map(|(i, d)| (d.id.as_str(), i))
        .collect()
}
