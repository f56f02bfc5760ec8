//! Cross-document coreference on ECB+ with gold mentions: reads the mention files
//! (`<sub>/annotation/entity_mentions_<sub>.json`), scores a clustering with MUC, B³ and CEAF-e
//! and their mean (CoNLL F1), and writes the mention files back with predicted chains.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use dossier_resolve::coref::{cluster_mentions, examples, merge, PairModel, TokenMention};
use serde::Serialize;
use serde_json::Value;

/// A gold mention as the scorers key it, with what a system may use to cluster it.
#[derive(Clone, Debug)]
pub struct GoldMention {
    pub doc_id: String,
    pub sent_id: i64,
    pub tokens_number: Vec<i64>,
    pub tokens_text: Vec<String>,
    pub topic: String,
    /// Coarse type: HUM, NON, LOC, TIM, ACT, NEG.
    pub mention_type: String,
    /// Fine type: HUMAN_PART_PER, LOC_GEO, ...
    pub full_type: String,
    /// The gold chain (never shown to a system).
    pub chain: String,
    /// Which file, and which entry of it, the mention came from.
    pub file: usize,
    pub index: usize,
}

impl GoldMention {
    pub fn key(&self) -> (String, i64, Vec<i64>) {
        (
            self.doc_id.clone(),
            self.sent_id,
            self.tokens_number.clone(),
        )
    }
}

/// Resolution cost per document as a synthetic corpus grows (see `dossier_resolve::growth`).
pub use dossier_resolve::growth::{resolver_growth, GrowthPoint};

/// The topic numbers a spec names: numbers and ranges separated by commas ("26-35",
/// "1-25,30", "2,5,12").
pub fn parse_topics(spec: &str) -> Result<Vec<u32>, String> {
    let mut out = Vec::new();
    for part in spec.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let num = |s: &str| {
            s.trim()
                .parse::<u32>()
                .map_err(|_| format!("bad topic {s:?} in {spec:?}"))
        };
        match part.split_once('-') {
            Some((a, b)) => {
                let (a, b) = (num(a)?, num(b)?);
                if a > b {
                    return Err(format!("empty topic range {part:?}"));
                }
                out.extend(a..=b);
            }
            None => out.push(num(part)?),
        }
    }
    if out.is_empty() {
        return Err(format!("no topic in {spec:?}"));
    }
    out.sort_unstable();
    out.dedup();
    Ok(out)
}

/// The topic number of a mention ("12" -> 12); None when the topic is not a number.
pub fn topic_number(m: &GoldMention) -> Option<u32> {
    m.topic.trim().parse().ok()
}

/// The topics present, in order, cut into `k` folds of consecutive topics whose sizes differ by
/// one at most (the first folds take the extra topic).
pub fn topic_folds(mentions: &[GoldMention], k: usize) -> Vec<Vec<u32>> {
    let mut topics: Vec<u32> = mentions.iter().filter_map(topic_number).collect();
    topics.sort_unstable();
    topics.dedup();
    let k = k.clamp(1, topics.len().max(1));
    let (base, extra) = (topics.len() / k, topics.len() % k);
    let mut out = Vec::with_capacity(k);
    let mut at = 0;
    for f in 0..k {
        let len = base + usize::from(f < extra);
        out.push(topics[at..at + len].to_vec());
        at += len;
    }
    out
}

/// Thresholds the pair model is tried at when it is fitted.
const THRESHOLDS: [f64; 13] = [
    0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9,
];

/// Fits the pair model on mentions with their gold chains (`rules` are the rules' clusters of
/// the same mentions): weights by logistic regression on the rules' chain pairs, then the
/// threshold of the tried ones that gives these mentions the best CoNLL F1 (the first of equals).
pub fn fit_pair_model(ms: &[TokenMention], gold: &[&str], rules: &[usize]) -> PairModel {
    let (xs, ys) = examples(ms, rules, gold);
    let mut model = PairModel::fit(&xs, &ys, 1e-3, 400);
    let key: Vec<String> = gold.iter().map(|g| g.to_string()).collect();
    let mut best = (f64::MIN, 0.5);
    for t in THRESHOLDS {
        model.threshold = t;
        let pred: Vec<String> = merge(ms, rules, &model)
            .iter()
            .map(|c| c.to_string())
            .collect();
        let f = score(&key, &pred).conll_f1;
        if f > best.0 {
            best = (f, t);
        }
    }
    model.threshold = best.1;
    model
}

/// Cross-validation of the pair model over folds of topics: for each fold, a model fitted on the
/// mentions of the other folds joins the rules' chains of this fold. Returns a cluster label per
/// mention (mentions of no fold keep the rules' chain) and the model of each fold.
pub fn cross_validate(
    ms: &[TokenMention],
    gold: &[&str],
    topics: &[Option<u32>],
    folds: &[Vec<u32>],
) -> (Vec<String>, Vec<PairModel>) {
    let rules = cluster_mentions(ms);
    let mut labels: Vec<String> = rules.iter().map(|c| format!("r{c}")).collect();
    let mut models = Vec::with_capacity(folds.len());
    for (f, fold) in folds.iter().enumerate() {
        let inside = |i: usize| topics[i].is_some_and(|t| fold.contains(&t));
        let (test, train): (Vec<usize>, Vec<usize>) = (0..ms.len()).partition(|&i| inside(i));
        let pick = |idx: &[usize]| -> (Vec<TokenMention>, Vec<&str>, Vec<usize>) {
            (
                idx.iter().map(|&i| ms[i].clone()).collect(),
                idx.iter().map(|&i| gold[i]).collect(),
                idx.iter().map(|&i| rules[i]).collect(),
            )
        };
        let (tr_ms, tr_gold, tr_rules) = pick(&train);
        let model = fit_pair_model(&tr_ms, &tr_gold, &tr_rules);
        let (te_ms, _, te_rules) = pick(&test);
        for (&i, c) in test.iter().zip(merge(&te_ms, &te_rules, &model)) {
            labels[i] = format!("f{f}c{c}");
        }
        models.push(model);
    }
    (labels, models)
}

/// A mention file: its path relative to the gold root and its parsed entries.
pub struct MentionFile {
    pub rel: PathBuf,
    pub entries: Vec<Value>,
}

/// The gold mentions of a directory (the ecbplus folder or its `topics/`), deduplicated by key
/// like the reference scorer, in file order.
pub fn read_gold(root: &Path, kind: &str) -> Result<(Vec<MentionFile>, Vec<GoldMention>), String> {
    let root = if root.join("topics").is_dir() {
        root.join("topics")
    } else {
        root.to_path_buf()
    };
    let mut paths = Vec::new();
    walk(&root, &mut |p| {
        let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if name.starts_with(&format!("{kind}_mentions_")) && name.ends_with(".json") {
            paths.push(p.to_path_buf());
        }
    })
    .map_err(|e| format!("reading {}: {e}", root.display()))?;
    paths.sort();
    if paths.is_empty() {
        return Err(format!(
            "no {kind}_mentions_*.json under {}",
            root.display()
        ));
    }
    let mut files = Vec::new();
    let mut mentions = Vec::new();
    let mut seen: HashMap<(String, i64, Vec<i64>), String> = HashMap::new();
    for (fi, p) in paths.iter().enumerate() {
        let text = std::fs::read_to_string(p).map_err(|e| format!("{}: {e}", p.display()))?;
        let v: Value = serde_json::from_str(&text).map_err(|e| format!("{}: {e}", p.display()))?;
        let Value::Array(entries) = v else {
            return Err(format!("{}: expected a JSON list", p.display()));
        };
        for (i, m) in entries.iter().enumerate() {
            let g = parse_mention(m, fi, i).ok_or_else(|| {
                format!(
                    "{}: entry {i}: no usable doc_id/sent_id/tokens_number",
                    p.display()
                )
            })?;
            match seen.get(&g.key()) {
                Some(c) if *c != g.chain => {
                    return Err(format!("gold mention {:?} has two chains", g.key()))
                }
                Some(_) => continue,
                None => {
                    seen.insert(g.key(), g.chain.clone());
                    mentions.push(g);
                }
            }
        }
        files.push(MentionFile {
            rel: p.strip_prefix(&root).unwrap_or(p).to_path_buf(),
            entries,
        });
    }
    Ok((files, mentions))
}

/// The body text of each document of the gold mentions (`<sub>/<doc_id>.json`, field `text`,
/// beside the sub-topic's `annotation/` folder), or its tokens in the sub-topic's CoNLL file when
/// that text is empty; a document with neither gets none.
pub fn read_texts(
    root: &Path,
    files: &[MentionFile],
    mentions: &[GoldMention],
) -> HashMap<String, String> {
    let root = if root.join("topics").is_dir() {
        root.join("topics")
    } else {
        root.to_path_buf()
    };
    let mut out = HashMap::new();
    for m in mentions {
        if out.contains_key(&m.doc_id) {
            continue;
        }
        let Some(sub) = files
            .get(m.file)
            .and_then(|f| f.rel.parent())
            .and_then(Path::parent)
        else {
            continue;
        };
        let path = root.join(sub).join(format!("{}.json", m.doc_id));
        let text = std::fs::read_to_string(&path)
            .ok()
            .and_then(|t| serde_json::from_str::<Value>(&t).ok())
            .and_then(|v| v.get("text").and_then(Value::as_str).map(String::from))
            .filter(|t| !t.trim().is_empty())
            .or_else(|| conll_text(&root.join(sub), &m.doc_id));
        if let Some(t) = text {
            out.insert(m.doc_id.clone(), t);
        }
    }
    out
}

/// The tokens of one document in its sub-topic's CoNLL file (`<sub>/annotation/<sub>.conll`), a
/// sentence per line: the text of the documents whose JSON has none. Only the token column is
/// read, never the chains.
fn conll_text(sub_dir: &Path, doc_id: &str) -> Option<String> {
    let sub = sub_dir.file_name()?.to_str()?;
    let t =
        std::fs::read_to_string(sub_dir.join("annotation").join(format!("{sub}.conll"))).ok()?;
    // document "24_1ecb" is "24/24ecb/1" there
    let (topic, rest) = doc_id.split_once('_')?;
    let n: String = rest.chars().take_while(char::is_ascii_digit).collect();
    let key = format!("{topic}/{sub}/{n}");
    let mut out = String::new();
    let mut sent = None;
    for line in t.lines() {
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 4 || cols[0] != key {
            continue;
        }
        if sent.is_some_and(|s| s != cols[1]) {
            out.push('\n');
        } else if sent.is_some() {
            out.push(' ');
        }
        sent = Some(cols[1]);
        out.push_str(cols[3]);
    }
    (!out.is_empty()).then_some(out)
}

fn walk(dir: &Path, f: &mut dyn FnMut(&Path)) -> std::io::Result<()> {
    let mut entries: Vec<_> = std::fs::read_dir(dir)?.collect::<Result<_, _>>()?;
    entries.sort_by_key(|e| e.path());
    for e in entries {
        let p = e.path();
        if p.is_dir() {
            walk(&p, f)?;
        } else {
            f(&p);
        }
    }
    Ok(())
}

fn as_str(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

fn parse_mention(m: &Value, file: usize, index: usize) -> Option<GoldMention> {
    let int = |v: &Value| {
        v.as_i64()
            .or_else(|| v.as_str().and_then(|s| s.trim().parse().ok()))
    };
    Some(GoldMention {
        doc_id: as_str(m.get("doc_id")?),
        sent_id: int(m.get("sent_id")?)?,
        tokens_number: m
            .get("tokens_number")?
            .as_array()?
            .iter()
            .map(int)
            .collect::<Option<Vec<_>>>()?,
        tokens_text: match m.get("tokens_text").and_then(Value::as_array) {
            Some(a) => a.iter().map(as_str).collect(),
            None => m
                .get("tokens_str")
                .map(as_str)
                .unwrap_or_default()
                .split_whitespace()
                .map(String::from)
                .collect(),
        },
        topic: m.get("topic").map(as_str).unwrap_or_default(),
        mention_type: m.get("mention_type").map(as_str).unwrap_or_default(),
        full_type: m.get("mention_full_type").map(as_str).unwrap_or_default(),
        chain: m.get("coref_chain").map(as_str).unwrap_or_default(),
        file,
        index,
    })
}

/// Writes the mention files under `out` with `coref_chain` set to the predicted cluster of each
/// mention (`cluster[i]` for `mentions[i]`); duplicate entries get their key's cluster. Files
/// none of whose mentions are given (topics left out) are not written.
pub fn write_predictions(
    out: &Path,
    files: &[MentionFile],
    mentions: &[GoldMention],
    cluster: &[String],
) -> std::io::Result<()> {
    let by_key: HashMap<(String, i64, Vec<i64>), &str> = mentions
        .iter()
        .zip(cluster)
        .map(|(m, c)| (m.key(), c.as_str()))
        .collect();
    let used: std::collections::HashSet<usize> = mentions.iter().map(|m| m.file).collect();
    for (fi, f) in files.iter().enumerate() {
        if !used.contains(&fi) {
            continue;
        }
        let mut entries = f.entries.clone();
        for (i, e) in entries.iter_mut().enumerate() {
            let Some(g) = parse_mention(e, fi, i) else {
                continue;
            };
            if let (Some(c), Some(obj)) = (by_key.get(&g.key()), e.as_object_mut()) {
                obj.insert("coref_chain".into(), Value::String(c.to_string()));
            }
        }
        let path = out.join(&f.rel);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        std::fs::write(&path, serde_json::to_string(&entries)?)?;
    }
    Ok(())
}

/// CoNLL coreference scores in percent.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Scores {
    pub mentions: usize,
    pub muc_p: f64,
    pub muc_r: f64,
    pub muc_f1: f64,
    pub b3_p: f64,
    pub b3_r: f64,
    pub b3_f1: f64,
    pub ceafe_p: f64,
    pub ceafe_r: f64,
    pub ceafe_f1: f64,
    pub conll_f1: f64,
    pub key_clusters: usize,
    pub pred_clusters: usize,
}

fn f1(p: f64, r: f64) -> f64 {
    if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    }
}

fn muc_side(clusters: &[Vec<usize>], other: &[usize]) -> f64 {
    let (mut num, mut den) = (0usize, 0usize);
    for c in clusters {
        let mut parts: Vec<usize> = c.iter().map(|&m| other[m]).collect();
        parts.sort_unstable();
        parts.dedup();
        num += c.len() - parts.len();
        den += c.len() - 1;
    }
    if den == 0 {
        0.0
    } else {
        num as f64 / den as f64
    }
}

/// Scores a response against a key, both given as a cluster label per mention.
pub fn score(key: &[String], resp: &[String]) -> Scores {
    let n = key.len();
    let ids = |labels: &[String]| -> (Vec<usize>, Vec<Vec<usize>>) {
        let mut map: HashMap<&str, usize> = HashMap::new();
        let mut clusters: Vec<Vec<usize>> = Vec::new();
        let of = labels
            .iter()
            .enumerate()
            .map(|(m, l)| {
                let id = *map.entry(l.as_str()).or_insert_with(|| {
                    clusters.push(Vec::new());
                    clusters.len() - 1
                });
                clusters[id].push(m);
                id
            })
            .collect();
        (of, clusters)
    };
    let (k_of, kc) = ids(key);
    let (r_of, rc) = ids(resp);
    let mut overlap: Vec<((usize, usize), usize)> = Vec::new();
    let mut pos: HashMap<(usize, usize), usize> = HashMap::new();
    for m in 0..n {
        let kr = (k_of[m], r_of[m]);
        match pos.get(&kr) {
            Some(&i) => overlap[i].1 += 1,
            None => {
                pos.insert(kr, overlap.len());
                overlap.push((kr, 1));
            }
        }
    }
    let mut s = Scores {
        mentions: n,
        key_clusters: kc.len(),
        pred_clusters: rc.len(),
        ..Default::default()
    };
    if n == 0 {
        return s;
    }
    let (mr, mp) = (muc_side(&kc, &r_of), muc_side(&rc, &k_of));
    let b3r = overlap
        .iter()
        .map(|&((k, _), c)| (c * c) as f64 / kc[k].len() as f64)
        .sum::<f64>()
        / n as f64;
    let b3p = overlap
        .iter()
        .map(|&((_, r), c)| (c * c) as f64 / rc[r].len() as f64)
        .sum::<f64>()
        / n as f64;
    let phi = ceafe_phi(&kc, &rc, &overlap);
    let (cr, cp) = (phi / kc.len() as f64, phi / rc.len() as f64);
    s.muc_p = 100.0 * mp;
    s.muc_r = 100.0 * mr;
    s.muc_f1 = 100.0 * f1(mp, mr);
    s.b3_p = 100.0 * b3p;
    s.b3_r = 100.0 * b3r;
    s.b3_f1 = 100.0 * f1(b3p, b3r);
    s.ceafe_p = 100.0 * cp;
    s.ceafe_r = 100.0 * cr;
    s.ceafe_f1 = 100.0 * f1(cp, cr);
    s.conll_f1 = (s.muc_f1 + s.b3_f1 + s.ceafe_f1) / 3.0;
    s
}

/// CEAF-e similarity: the best one-to-one alignment of key and response clusters under
/// phi4 = 2|K∩R|/(|K|+|R|). Only overlapping clusters gain, so each connected component of the
/// overlap graph is solved alone with the Hungarian method.
fn ceafe_phi(kc: &[Vec<usize>], rc: &[Vec<usize>], overlap: &[((usize, usize), usize)]) -> f64 {
    let nk = kc.len();
    let mut parent: Vec<usize> = (0..nk + rc.len()).collect();
    fn find(p: &mut [usize], mut x: usize) -> usize {
        while p[x] != x {
            p[x] = p[p[x]];
            x = p[x];
        }
        x
    }
    for &((k, r), _) in overlap {
        let (a, b) = (find(&mut parent, k), find(&mut parent, nk + r));
        parent[a] = b;
    }
    // per component, its overlapping (key, response) pairs with their counts
    #[allow(clippy::type_complexity)]
    let mut comps: BTreeMap<usize, Vec<((usize, usize), usize)>> = BTreeMap::new();
    for &e in overlap {
        let c = find(&mut parent, e.0 .0);
        comps.entry(c).or_default().push(e);
    }
    let mut total = 0.0;
    for edges in comps.values() {
        let mut ks: Vec<usize> = edges.iter().map(|e| e.0 .0).collect();
        let mut rs: Vec<usize> = edges.iter().map(|e| e.0 .1).collect();
        ks.sort_unstable();
        ks.dedup();
        rs.sort_unstable();
        rs.dedup();
        if ks.len() == 1 || rs.len() == 1 {
            // a star: the best single edge
            total += edges
                .iter()
                .map(|&((k, r), c)| 2.0 * c as f64 / (kc[k].len() + rc[r].len()) as f64)
                .fold(0.0, f64::max);
            continue;
        }
        let size = ks.len().max(rs.len());
        let mut w = vec![vec![0.0f64; size]; size];
        for &((k, r), c) in edges {
            let i = ks.binary_search(&k).unwrap_or(0);
            let j = rs.binary_search(&r).unwrap_or(0);
            w[i][j] = 2.0 * c as f64 / (kc[k].len() + rc[r].len()) as f64;
        }
        total += max_assignment(&w);
    }
    total
}

/// Maximum-weight perfect assignment of a square matrix (Hungarian method, O(n³)).
fn max_assignment(w: &[Vec<f64>]) -> f64 {
    let n = w.len();
    let cost = |i: usize, j: usize| -w[i - 1][j - 1];
    let (mut u, mut v) = (vec![0.0f64; n + 1], vec![0.0f64; n + 1]);
    let mut p = vec![0usize; n + 1];
    let mut way = vec![0usize; n + 1];
    for i in 1..=n {
        p[0] = i;
        let mut j0 = 0;
        let mut minv = vec![f64::INFINITY; n + 1];
        let mut used = vec![false; n + 1];
        loop {
            used[j0] = true;
            let i0 = p[j0];
            let mut delta = f64::INFINITY;
            let mut j1 = 0;
            for j in 1..=n {
                if !used[j] {
                    let cur = cost(i0, j) - u[i0] - v[j];
                    if cur < minv[j] {
                        minv[j] = cur;
                        way[j] = j0;
                    }
                    if minv[j] < delta {
                        delta = minv[j];
                        j1 = j;
                    }
                }
            }
            for j in 0..=n {
                if used[j] {
                    u[p[j]] += delta;
                    v[j] -= delta;
                } else {
                    minv[j] -= delta;
                }
            }
            j0 = j1;
            if p[j0] == 0 {
                break;
            }
        }
        loop {
            let j1 = way[j0];
            p[j0] = p[j1];
            j0 = j1;
            if j0 == 0 {
                break;
            }
        }
    }
    (1..=n)
        .filter(|&j| p[j] > 0)
        .map(|j| w[p[j] - 1][j - 1])
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(s: &str) -> Vec<String> {
        s.split_whitespace().map(String::from).collect()
    }

    #[test]
    fn perfect_and_singletons() {
        let k = labels("a a b b c");
        let s = score(&k, &k);
        assert!((s.conll_f1 - 100.0).abs() < 1e-9);
        let single = score(&k, &labels("1 2 3 4 5"));
        assert_eq!(single.muc_f1, 0.0);
        assert!((single.b3_p - 100.0).abs() < 1e-9);
    }

    #[test]
    fn textbook_example() {
        // key {1,2,3,4,5} {6,7}; response {1,2,3,4,5,6,7}: MUC R = 1, P = 5/6
        let s = score(&labels("a a a a a b b"), &labels("x x x x x x x"));
        assert!((s.muc_r - 100.0).abs() < 1e-9);
        assert!((s.muc_p - 500.0 / 6.0).abs() < 1e-9);
        // CEAF-e: best alignment a-x, phi = 2*5/12
        assert!((s.ceafe_r - 100.0 * (10.0 / 12.0) / 2.0).abs() < 1e-9);
    }

    #[test]
    fn topic_specs_and_folds() {
        assert_eq!(parse_topics("26-28,3").unwrap(), vec![3, 26, 27, 28]);
        assert_eq!(parse_topics(" 5 ").unwrap(), vec![5]);
        assert!(parse_topics("9-2").is_err());
        assert!(parse_topics("x").is_err());
        assert!(parse_topics("").is_err());
        let m = |t: &str| GoldMention {
            doc_id: String::new(),
            sent_id: 0,
            tokens_number: vec![],
            tokens_text: vec![],
            topic: t.into(),
            mention_type: String::new(),
            full_type: String::new(),
            chain: String::new(),
            file: 0,
            index: 0,
        };
        let ms: Vec<GoldMention> = ["1", "2", "3", "4", "5", "2"]
            .iter()
            .map(|t| m(t))
            .collect();
        assert_eq!(topic_folds(&ms, 2), vec![vec![1, 2, 3], vec![4, 5]]);
        assert_eq!(topic_folds(&ms, 9).len(), 5);
        assert!(topic_folds(&[], 3).iter().all(Vec::is_empty));
    }

    #[test]
    fn assignment_prefers_total_weight() {
        let w = vec![vec![0.9, 0.8], vec![0.8, 0.0]];
        assert!((max_assignment(&w) - 1.6).abs() < 1e-12);
    }
}
