//! A learned second pass over the rules' chains: a logistic model scores pairs of chains of one
//! group and type from what they say (heads, words, names, acronyms) and where they occur (the
//! same event's documents, the same document or sentence), and the pairs above its threshold
//! join, best first. Pairs are blocked: two chains are compared only when they share a word, a
//! head or an event's documents, never every chain with every other.

use std::collections::{HashMap, HashSet};

use serde::{Deserialize, Serialize};

use super::{acronym, find, initials, is_plural, is_pronoun, words, GroupContext, TokenMention};
use super::{FUNCTION, SUFFIXES};

/// Number of features of a pair of chains (the first is the bias).
pub const FEATURES: usize = 20;

/// Names of the features, in order (for the manifest and for reading the weights).
pub const FEATURE_NAMES: [&str; FEATURES] = [
    "bias",
    "shared_head",
    "head_similarity",
    "word_jaccard",
    "both_named",
    "one_named",
    "pronoun_only",
    "same_event",
    "shared_documents",
    "same_sentence",
    "same_fine_type",
    "smaller_size",
    "larger_size",
    "head_in_other",
    "acronym",
    "type_hum",
    "type_non",
    "type_loc",
    "type_tim",
    "number_mismatch",
];

/// The weights of the pair model and the probability above which two chains join.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct PairModel {
    pub weights: Vec<f64>,
    pub threshold: f64,
}

/// What a chain shows, gathered once.
struct Chain<'a> {
    group: &'a str,
    coarse: &'a str,
    heads: HashSet<String>,
    words: HashSet<String>,
    acronyms: HashSet<String>,
    named: bool,
    pronouns_only: bool,
    docs: HashSet<&'a str>,
    parts: HashSet<usize>,
    sentences: HashSet<(&'a str, i64)>,
    fine: &'a str,
    size: usize,
    plural: bool,
}

fn sigmoid(z: f64) -> f64 {
    1.0 / (1.0 + (-z).exp())
}

impl PairModel {
    /// The probability that two chains are one entity.
    pub fn probability(&self, x: &[f64; FEATURES]) -> f64 {
        sigmoid(self.weights.iter().zip(x).map(|(w, v)| w * v).sum())
    }

    /// Fits the weights by full-batch gradient descent on the log loss with an L2 penalty (no
    /// penalty on the bias); deterministic. The threshold is left at 0.5.
    pub fn fit(xs: &[[f64; FEATURES]], ys: &[bool], l2: f64, epochs: usize) -> PairModel {
        let mut w = vec![0.0f64; FEATURES];
        let n = xs.len().max(1) as f64;
        // Adam: the features differ in scale, plain steps would crawl on some
        let (mut m, mut v) = ([0.0f64; FEATURES], [0.0f64; FEATURES]);
        let (b1, b2, lr, eps) = (0.9f64, 0.999f64, 0.05f64, 1e-8f64);
        for t in 1..=epochs {
            let mut g = [0.0f64; FEATURES];
            for (x, &y) in xs.iter().zip(ys) {
                let p = sigmoid(w.iter().zip(x).map(|(a, b)| a * b).sum());
                let d = p - f64::from(u8::from(y));
                for (gk, xk) in g.iter_mut().zip(x) {
                    *gk += d * xk;
                }
            }
            for k in 0..FEATURES {
                let gk = g[k] / n + if k > 0 { l2 * w[k] } else { 0.0 };
                m[k] = b1 * m[k] + (1.0 - b1) * gk;
                v[k] = b2 * v[k] + (1.0 - b2) * gk * gk;
                let mh = m[k] / (1.0 - b1.powi(t as i32));
                let vh = v[k] / (1.0 - b2.powi(t as i32));
                w[k] -= lr * mh / (vh.sqrt() + eps);
            }
        }
        PairModel {
            weights: w,
            threshold: 0.5,
        }
    }
}

fn chains<'a>(ms: &[TokenMention<'a>], clusters: &[usize]) -> Vec<Chain<'a>> {
    let context = GroupContext::new(ms);
    let mut out: Vec<Chain<'a>> = Vec::new();
    let mut index: HashMap<usize, usize> = HashMap::new();
    let mut fines: Vec<HashMap<&'a str, usize>> = Vec::new();
    let mut plurals: Vec<(usize, usize)> = Vec::new();
    for (i, m) in ms.iter().enumerate() {
        let c = *index.entry(clusters[i]).or_insert_with(|| {
            out.push(Chain {
                group: m.group,
                coarse: m.coarse,
                heads: HashSet::new(),
                words: HashSet::new(),
                acronyms: HashSet::new(),
                named: false,
                pronouns_only: true,
                docs: HashSet::new(),
                parts: HashSet::new(),
                sentences: HashSet::new(),
                fine: "",
                size: 0,
                plural: false,
            });
            fines.push(HashMap::new());
            plurals.push((0, 0));
            out.len() - 1
        });
        let w = words(m);
        let ch = &mut out[c];
        ch.size += 1;
        ch.docs.insert(m.doc);
        ch.parts.insert(context.part(m));
        ch.sentences.insert((m.doc, m.sent));
        *fines[c].entry(m.fine).or_default() += 1;
        if w.is_empty() || is_pronoun(&w) {
            continue;
        }
        ch.pronouns_only = false;
        if context.is_proper(m) {
            ch.named = true;
        }
        if let Some(a) = acronym(m).or_else(|| initials(m)) {
            ch.acronyms.insert(a);
        }
        let head = w[w.len() - 1].clone();
        let p = &mut plurals[c];
        if is_plural(&head) {
            p.0 += 1;
        } else {
            p.1 += 1;
        }
        for t in &w {
            if !FUNCTION.contains(&t.as_str()) && !SUFFIXES.contains(&t.as_str()) {
                ch.words.insert(t.clone());
            }
        }
        ch.heads.insert(head);
    }
    for (c, ch) in out.iter_mut().enumerate() {
        ch.fine = fines[c]
            .iter()
            .max_by_key(|(f, n)| (**n, std::cmp::Reverse(**f)))
            .map_or("", |(f, _)| *f);
        ch.plural = plurals[c].0 > plurals[c].1;
    }
    out
}

fn features(a: &Chain, b: &Chain) -> [f64; FEATURES] {
    let mut x = [0.0; FEATURES];
    x[0] = 1.0;
    x[1] = f64::from(u8::from(a.heads.intersection(&b.heads).next().is_some()));
    x[2] = a
        .heads
        .iter()
        .flat_map(|h| b.heads.iter().map(move |g| strsim::jaro_winkler(h, g)))
        .fold(0.0, f64::max);
    let union = a.words.union(&b.words).count();
    if union > 0 {
        x[3] = a.words.intersection(&b.words).count() as f64 / union as f64;
    }
    x[4] = f64::from(u8::from(a.named && b.named));
    x[5] = f64::from(u8::from(a.named != b.named));
    x[6] = f64::from(u8::from(a.pronouns_only || b.pronouns_only));
    let shared_parts = a.parts.intersection(&b.parts).count();
    x[7] = shared_parts as f64 / a.parts.len().min(b.parts.len()).max(1) as f64;
    x[8] = (1.0 + a.docs.intersection(&b.docs).count() as f64).ln();
    x[9] = f64::from(u8::from(
        a.sentences.intersection(&b.sentences).next().is_some(),
    ));
    x[10] = f64::from(u8::from(a.fine == b.fine));
    x[11] = (1.0 + a.size.min(b.size) as f64).ln();
    x[12] = (1.0 + a.size.max(b.size) as f64).ln();
    x[13] = f64::from(u8::from(
        a.heads.iter().any(|h| b.words.contains(h)) || b.heads.iter().any(|h| a.words.contains(h)),
    ));
    x[14] = f64::from(u8::from(
        a.acronyms.intersection(&b.acronyms).next().is_some(),
    ));
    let t = match a.coarse {
        "HUM" => 15,
        "NON" => 16,
        "LOC" => 17,
        _ => 18,
    };
    x[t] = 1.0;
    x[19] = f64::from(u8::from(
        !a.pronouns_only && !b.pronouns_only && a.plural != b.plural,
    ));
    x
}

/// The candidate pairs of chains (indices into `cs`, smaller first): same group and type, and
/// sharing a word, a head, an acronym or an event's documents. Built from inverted indexes.
fn candidates(cs: &[Chain]) -> Vec<(usize, usize)> {
    let mut index: HashMap<(&str, &str, String), Vec<usize>> = HashMap::new();
    for (c, ch) in cs.iter().enumerate() {
        if ch.coarse == "ACT" || ch.coarse == "NEG" {
            continue;
        }
        let keys = ch
            .words
            .iter()
            .map(|w| format!("w:{w}"))
            .chain(ch.acronyms.iter().map(|a| format!("a:{a}")))
            .chain(ch.parts.iter().map(|p| format!("p:{p}")));
        for k in keys {
            index.entry((ch.group, ch.coarse, k)).or_default().push(c);
        }
    }
    let mut pairs: HashSet<(usize, usize)> = HashSet::new();
    for list in index.values() {
        for (x, &a) in list.iter().enumerate() {
            for &b in &list[x + 1..] {
                pairs.insert((a.min(b), a.max(b)));
            }
        }
    }
    let mut pairs: Vec<_> = pairs.into_iter().collect();
    pairs.sort_unstable();
    pairs
}

/// Training examples from the rules' chains of some mentions with their gold chains: a pair is
/// positive when the chains' most frequent gold chains are the same.
pub fn examples(
    ms: &[TokenMention],
    clusters: &[usize],
    gold: &[&str],
) -> (Vec<[f64; FEATURES]>, Vec<bool>) {
    let cs = chains(ms, clusters);
    // the chains are numbered in order of first mention, as in `chains`
    let mut index: HashMap<usize, usize> = HashMap::new();
    let mut votes: Vec<HashMap<&str, usize>> = Vec::new();
    for (i, &c) in clusters.iter().enumerate() {
        let k = *index.entry(c).or_insert_with(|| {
            votes.push(HashMap::new());
            votes.len() - 1
        });
        *votes[k].entry(gold[i]).or_default() += 1;
    }
    let major: Vec<&str> = votes
        .iter()
        .map(|v| {
            v.iter()
                .max_by_key(|(g, n)| (**n, std::cmp::Reverse(**g)))
                .map_or("", |(g, _)| *g)
        })
        .collect();
    let pairs = candidates(&cs);
    let xs = pairs
        .iter()
        .map(|&(a, b)| features(&cs[a], &cs[b]))
        .collect();
    let ys = pairs.iter().map(|&(a, b)| major[a] == major[b]).collect();
    (xs, ys)
}

/// Joins the rules' chains the model pairs above its threshold, the most probable pairs first.
pub fn merge(ms: &[TokenMention], clusters: &[usize], model: &PairModel) -> Vec<usize> {
    let cs = chains(ms, clusters);
    let mut scored: Vec<(f64, usize, usize)> = candidates(&cs)
        .into_iter()
        .map(|(a, b)| (model.probability(&features(&cs[a], &cs[b])), a, b))
        .filter(|&(p, ..)| p >= model.threshold)
        .collect();
    scored.sort_by(|x, y| y.0.total_cmp(&x.0).then((x.1, x.2).cmp(&(y.1, y.2))));
    let mut parent: Vec<usize> = (0..cs.len()).collect();
    for (_, a, b) in scored {
        let (ra, rb) = (find(&mut parent, a), find(&mut parent, b));
        if ra != rb {
            parent[ra.max(rb)] = ra.min(rb);
        }
    }
    let mut index: HashMap<usize, usize> = HashMap::new();
    let mut ids: HashMap<usize, usize> = HashMap::new();
    clusters
        .iter()
        .map(|&c| {
            let next = index.len();
            let chain = *index.entry(c).or_insert(next);
            let root = find(&mut parent, chain);
            let next = ids.len();
            *ids.entry(root).or_insert(next)
        })
        .collect()
}
