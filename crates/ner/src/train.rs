//! Training: a structured averaged perceptron over BILOU labels with Viterbi decoding.
//!
//! Deterministic: document order comes from a seeded splitmix64 shuffle, feature ids from first
//! occurrence, weights are integers during training, and the file lists rows sorted by key.
//! The gazetteer features of each training document come from a gazetteer built from the other
//! folds' labels (ten folds), so the model learns how far to trust a gazetteer hit on names it
//! has not memorised; the shipped gazetteer holds every training name.

use std::collections::{BTreeMap, HashMap};
use std::time::Instant;

use crate::clusters::Clusters;
use crate::decode::{self, Transitions, Viterbi, N_LABELS};
use crate::document::{self, DocStats};
use crate::features;
use crate::gazetteer::Gazetteer;
use crate::hashmap::IdBuild;
use crate::model::ModelParts;
use crate::tagger::{prepare_document, Decoded, DocHistory, Tagger};

const FOLDS: usize = 10;

/// Training settings.
#[derive(Clone, Debug)]
pub struct TrainConfig {
    pub epochs: usize,
    pub seed: u64,
    /// Features seen fewer times than this in the training data are not learned.
    pub min_count: u32,
    /// Training runs with differently shuffled data whose averaged weights are averaged.
    pub runs: usize,
    /// Folds for stacking the second (document) pass; 0 or 1: no second pass.
    pub doc_folds: usize,
    /// Epochs of the second pass.
    pub doc_epochs: usize,
    /// Perceptron step of the second pass, in units of first-pass emission scores.
    pub doc_step: f32,
}

impl Default for TrainConfig {
    fn default() -> Self {
        TrainConfig {
            epochs: 20,
            seed: 1,
            min_count: 1,
            runs: 1,
            doc_folds: 5,
            doc_epochs: 10,
            doc_step: 1.0,
        }
    }
}

/// A document as words and gold spans `(first, end, type index)` per sentence (type indices
/// as in [`decode::type_index`]).
pub struct TrainDoc {
    pub sentences: Vec<Vec<String>>,
    pub spans: Vec<Vec<(usize, usize, usize)>>,
}

/// What training reports besides the model.
#[derive(Debug, Default)]
pub struct TrainReport {
    pub features: usize,
    pub epochs: usize,
    pub seconds: f64,
    /// Errors (sentences decoded wrongly) per epoch.
    pub errors: Vec<usize>,
}

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        features::mix(self.0, 0)
    }
    fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = (self.next() % (i as u64 + 1)) as usize;
            v.swap(i, j);
        }
    }
}

fn gazetteer_of<'a>(docs: impl Iterator<Item = &'a TrainDoc>) -> Gazetteer {
    let mut g = Gazetteer::default();
    let mut s = String::new();
    for d in docs {
        for (words, spans) in d.sentences.iter().zip(&d.spans) {
            for &(a, b, ty) in spans {
                let key = words[a..b].iter().fold(0u64, |h, w| {
                    features::normalise_lower(w, &mut s);
                    features::mix(h, features::hash_str(&s))
                });
                g.insert(key, b - a, ty);
            }
        }
    }
    g
}

/// The sentence's static features as ids, flattened, with token offsets.
struct SentFeats {
    ids: Vec<u32>,
    offsets: Vec<u32>,
    gold: Vec<usize>,
}

/// Trains a model on `docs`; the returned parts hold the shipped gazetteer and clusters.
///
/// With `cfg.doc_folds` > 1 the second pass is trained by stacking: a first-pass model is
/// fitted on all folds but one and tags the held-out fold, so the second pass learns from
/// first-pass output with the errors it makes on unseen text (a model tagging its own training
/// data would be nearly always right, and the second pass would learn to change nothing).
pub fn train(
    docs: &[TrainDoc],
    clusters: Clusters,
    cfg: &TrainConfig,
    mut log: impl FnMut(&str),
) -> (ModelParts, TrainReport) {
    let t0 = Instant::now();
    let all: Vec<&TrainDoc> = docs.iter().collect();
    let k = cfg.doc_folds;
    let mut held: Vec<HeldOut> = Vec::with_capacity(docs.len());
    if k > 1 {
        let mut quiet = |_: &str| {};
        for f in 0..k {
            let part: Vec<&TrainDoc> = (0..docs.len())
                .filter(|i| i % k != f)
                .map(|i| &docs[i])
                .collect();
            let (parts, _) = fit(&part, &clusters, cfg, &mut quiet);
            let Ok(tagger) = Tagger::from_bytes(&parts.to_bytes()) else {
                continue;
            };
            for d in (0..docs.len()).filter(|i| i % k == f).map(|i| &docs[i]) {
                let m = tagger.model();
                let prepared = prepare_document(&d.sentences, &m.gaz, &m.clusters);
                let out = tagger.first_pass(&prepared);
                held.push(HeldOut {
                    infos: prepared.into_iter().map(|p| p.infos).collect(),
                    decoded: out,
                    gold: d
                        .sentences
                        .iter()
                        .zip(&d.spans)
                        .map(|(w, sp)| decode::labels_of_spans(w.len(), sp))
                        .collect(),
                    trans: m.trans.clone(),
                });
            }
            log(&format!(
                "second pass: fold {}/{k} tagged ({:.1}s)",
                f + 1,
                t0.elapsed().as_secs_f64()
            ));
        }
    }
    let (mut parts, mut report) = fit(&all, &clusters, cfg, &mut log);
    if !held.is_empty() {
        let rows = train_second_pass(&held, cfg);
        log(&format!(
            "second pass: {} document feature rows ({:.1}s)",
            rows.len(),
            t0.elapsed().as_secs_f64()
        ));
        parts.rows.extend(rows);
    }
    report.seconds = t0.elapsed().as_secs_f64();
    (parts, report)
}

/// A training document as a first-pass model that did not see it tagged it.
struct HeldOut {
    infos: Vec<Vec<features::TokInfo>>,
    decoded: Vec<Decoded>,
    gold: Vec<Vec<usize>>,
    trans: Transitions,
}

/// Averaged-perceptron weights of the document keys, added to fixed first-pass emissions.
fn train_second_pass(held: &[HeldOut], cfg: &TrainConfig) -> Vec<(u64, [f32; N_LABELS])> {
    let mut w: HashMap<u64, ([f32; N_LABELS], [f64; N_LABELS]), IdBuild> = HashMap::default();
    let mut c: f64 = 1.0;
    let mut rng = Rng(cfg.seed ^ 0x2d);
    let mut order: Vec<usize> = (0..held.len()).collect();
    let (mut keys, mut names, mut emit, mut pred) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let mut tok_keys: Vec<Vec<u64>> = Vec::new();
    let mut vit = Viterbi::default();
    let step = cfg.doc_step;
    for _ in 0..cfg.doc_epochs {
        rng.shuffle(&mut order);
        for &hi in &order {
            let h = &held[hi];
            let mut stats = DocStats::default();
            for (infos, d) in h.infos.iter().zip(&h.decoded) {
                stats.add(infos, &d.labels);
            }
            for ((infos, d), gold) in h.infos.iter().zip(&h.decoded).zip(&h.gold) {
                let n = infos.len();
                document::token_names(&d.labels, &mut names);
                emit.clear();
                emit.extend_from_slice(&d.emit);
                tok_keys.resize(n, Vec::new());
                for i in 0..n {
                    keys.clear();
                    stats.features(infos, &names, i, &mut keys);
                    for k in &keys {
                        if let Some((row, _)) = w.get(k) {
                            for (e, x) in emit[i * N_LABELS..(i + 1) * N_LABELS].iter_mut().zip(row)
                            {
                                *e += x;
                            }
                        }
                    }
                    tok_keys[i].clear();
                    tok_keys[i].extend_from_slice(&keys);
                }
                vit.decode(&emit, &h.trans, &mut pred);
                if &pred != gold {
                    for i in 0..n {
                        let (g, p) = (gold[i], pred[i]);
                        if g == p {
                            continue;
                        }
                        for k in &tok_keys[i] {
                            let (row, acc) =
                                w.entry(*k).or_insert(([0.0; N_LABELS], [0.0; N_LABELS]));
                            row[g] += step;
                            acc[g] += step as f64 * c;
                            row[p] -= step;
                            acc[p] -= step as f64 * c;
                        }
                    }
                }
                c += 1.0;
            }
        }
    }
    let mut rows: Vec<(u64, [f32; N_LABELS])> = w
        .into_iter()
        .map(|(k, (row, acc))| {
            let mut r = [0f32; N_LABELS];
            for l in 0..N_LABELS {
                r[l] = (row[l] as f64 - acc[l] / c) as f32;
            }
            (k, r)
        })
        .collect();
    rows.sort_unstable_by_key(|(k, _)| *k);
    rows
}

/// The first-pass model of `docs`: local features and the history of earlier sentences.
fn fit(
    docs: &[&TrainDoc],
    clusters: &Clusters,
    cfg: &TrainConfig,
    log: &mut dyn FnMut(&str),
) -> (ModelParts, TrainReport) {
    let t0 = Instant::now();
    let full_gaz = gazetteer_of(docs.iter().copied());
    let fold_gaz: Vec<Gazetteer> = (0..FOLDS)
        .map(|f| {
            gazetteer_of(
                docs.iter()
                    .copied()
                    .enumerate()
                    .filter(|(i, _)| i % FOLDS != f)
                    .map(|(_, d)| d),
            )
        })
        .collect();
    log(&format!("gazetteer: {} names", full_gaz.len()));

    // Static keys of every training token, counted, then numbered by first occurrence.
    let mut keys_per_doc: Vec<Vec<(Vec<u64>, Vec<u32>)>> = Vec::with_capacity(docs.len());
    let mut infos_per_doc: Vec<Vec<Vec<features::TokInfo>>> = Vec::with_capacity(docs.len());
    let mut counts: HashMap<u64, u32, IdBuild> = HashMap::default();
    let mut order: Vec<u64> = Vec::new();
    let mut keys = Vec::new();
    for (di, d) in docs.iter().enumerate() {
        let prepared = prepare_document(&d.sentences, &fold_gaz[di % FOLDS], clusters);
        let mut sents = Vec::with_capacity(prepared.len());
        for p in &prepared {
            let ctx = p.ctx();
            let (mut flat, mut offs) = (Vec::new(), vec![0u32]);
            for i in 0..p.infos.len() {
                keys.clear();
                features::token_features(&ctx, i, &mut keys);
                for &k in &keys {
                    let c = counts.entry(k).or_insert(0);
                    if *c == 0 {
                        order.push(k);
                    }
                    *c += 1;
                }
                flat.extend_from_slice(&keys);
                offs.push(flat.len() as u32);
            }
            sents.push((flat, offs));
        }
        keys_per_doc.push(sents);
        infos_per_doc.push(prepared.into_iter().map(|p| p.infos).collect());
    }
    let mut dict: HashMap<u64, u32, IdBuild> = HashMap::default();
    let mut id_keys: Vec<u64> = Vec::new();
    for k in order {
        if counts[&k] >= cfg.min_count {
            dict.insert(k, id_keys.len() as u32);
            id_keys.push(k);
        }
    }
    drop(counts);
    // History features are dynamic: give all of them ids up front.
    for k in features::all_history_keys() {
        dict.entry(k).or_insert_with(|| {
            id_keys.push(k);
            (id_keys.len() - 1) as u32
        });
    }
    let nf = id_keys.len();
    log(&format!(
        "features: {nf} ({:.1}s)",
        t0.elapsed().as_secs_f64()
    ));

    let data: Vec<Vec<SentFeats>> = keys_per_doc
        .into_iter()
        .zip(docs)
        .map(|(sents, d)| {
            sents
                .into_iter()
                .zip(&d.spans)
                .map(|((flat, offs), spans)| {
                    let n = offs.len() - 1;
                    let mut ids = Vec::with_capacity(flat.len());
                    let mut new_offs = vec![0u32];
                    for i in 0..n {
                        for &k in &flat[offs[i] as usize..offs[i + 1] as usize] {
                            if let Some(&id) = dict.get(&k) {
                                ids.push(id);
                            }
                        }
                        new_offs.push(ids.len() as u32);
                    }
                    SentFeats {
                        ids,
                        offsets: new_offs,
                        gold: decode::labels_of_spans(n, spans),
                    }
                })
                .collect()
        })
        .collect();

    const NT: usize = N_LABELS * N_LABELS + 2 * N_LABELS;
    let mut report = TrainReport {
        features: nf,
        epochs: cfg.epochs,
        ..Default::default()
    };
    // Averaged weights summed over the runs (one per shuffling seed).
    let mut sum_w = vec![0f64; nf * N_LABELS];
    let mut sum_t = [0f64; NT];
    let runs = cfg.runs.max(1);
    for run in 0..runs {
        let mut w = vec![0i32; nf * N_LABELS];
        let mut u = vec![0i64; nf * N_LABELS];
        let mut tw = [0i32; NT];
        let mut tu = [0i64; NT];
        let mut c: i64 = 1;
        let mut rng = Rng(cfg.seed.wrapping_add(run as u64 * 0x9e37_79b9));
        let mut doc_order: Vec<usize> = (0..docs.len()).collect();
        let (mut emit, mut pred, mut dyn_keys, mut dyn_ids) =
            (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        let mut vit = Viterbi::default();
        for epoch in 0..cfg.epochs {
            rng.shuffle(&mut doc_order);
            let mut errors = 0;
            for &di in &doc_order {
                let mut hist = DocHistory::default();
                for (si, sf) in data[di].iter().enumerate() {
                    let infos = &infos_per_doc[di][si];
                    let n = sf.gold.len();
                    let trans = transitions_of(&tw);
                    emit.clear();
                    dyn_ids.clear();
                    let mut dyn_offs = vec![0usize];
                    for i in 0..n {
                        dyn_keys.clear();
                        hist.features(&infos[i], &mut dyn_keys);
                        dyn_ids.extend(dyn_keys.iter().filter_map(|k| dict.get(k).copied()));
                        dyn_offs.push(dyn_ids.len());
                        let mut acc = [0i32; N_LABELS];
                        let statics = &sf.ids[sf.offsets[i] as usize..sf.offsets[i + 1] as usize];
                        for &id in statics.iter().chain(&dyn_ids[dyn_offs[i]..dyn_offs[i + 1]]) {
                            let row = &w[id as usize * N_LABELS..(id as usize + 1) * N_LABELS];
                            for (a, &x) in acc.iter_mut().zip(row) {
                                *a += x;
                            }
                        }
                        emit.extend(acc.iter().map(|&a| a as f32));
                    }
                    vit.decode(&emit, &trans, &mut pred);
                    if pred != sf.gold {
                        errors += 1;
                        for i in 0..n {
                            let (g, p) = (sf.gold[i], pred[i]);
                            if g != p {
                                let statics =
                                    &sf.ids[sf.offsets[i] as usize..sf.offsets[i + 1] as usize];
                                for &id in
                                    statics.iter().chain(&dyn_ids[dyn_offs[i]..dyn_offs[i + 1]])
                                {
                                    let base = id as usize * N_LABELS;
                                    w[base + g] += 1;
                                    u[base + g] += c;
                                    w[base + p] -= 1;
                                    u[base + p] -= c;
                                }
                            }
                            let (gi, pi) = if i == 0 {
                                (N_LABELS * N_LABELS + g, N_LABELS * N_LABELS + p)
                            } else {
                                (sf.gold[i - 1] * N_LABELS + g, pred[i - 1] * N_LABELS + p)
                            };
                            if gi != pi {
                                tw[gi] += 1;
                                tu[gi] += c;
                                tw[pi] -= 1;
                                tu[pi] -= c;
                            }
                        }
                        let (ge, pe) =
                            (NT - N_LABELS + sf.gold[n - 1], NT - N_LABELS + pred[n - 1]);
                        if ge != pe {
                            tw[ge] += 1;
                            tu[ge] += c;
                            tw[pe] -= 1;
                            tu[pe] -= c;
                        }
                    }
                    c += 1;
                    hist.record(infos, &pred);
                }
            }
            log(&format!(
                "run {}, epoch {}: {errors} sentences wrong ({:.1}s)",
                run + 1,
                epoch + 1,
                t0.elapsed().as_secs_f64()
            ));
            report.errors.push(errors);
        }
        let cf = c as f64;
        for (s, (&w, &u)) in sum_w.iter_mut().zip(w.iter().zip(&u)) {
            *s += w as f64 - u as f64 / cf;
        }
        for (s, (&w, &u)) in sum_t.iter_mut().zip(tw.iter().zip(&tu)) {
            *s += w as f64 - u as f64 / cf;
        }
    }
    let runs = runs as f64;
    let rows = id_keys
        .iter()
        .enumerate()
        .map(|(id, &k)| {
            let mut r = [0f32; N_LABELS];
            for (l, x) in r.iter_mut().enumerate() {
                *x = (sum_w[id * N_LABELS + l] / runs) as f32;
            }
            (k, r)
        })
        .collect();
    let mut at = [0f32; NT];
    for (x, s) in at.iter_mut().zip(&sum_t) {
        *x = (s / runs) as f32;
    }
    let trans = transitions_of_f32(&at);
    report.seconds = t0.elapsed().as_secs_f64();
    (
        ModelParts {
            meta: BTreeMap::new(),
            trans,
            gaz: full_gaz,
            clusters: clusters.clone(),
            lower_words: Vec::new(),
            rows,
        },
        report,
    )
}

fn transitions_of(tw: &[i32]) -> Transitions {
    let mut t = Transitions::default();
    for (d, s) in t
        .trans
        .iter_mut()
        .chain(t.start.iter_mut())
        .chain(t.end.iter_mut())
        .zip(tw)
    {
        *d = *s as f32;
    }
    t
}

fn transitions_of_f32(tw: &[f32]) -> Transitions {
    let mut t = Transitions::default();
    for (d, s) in t
        .trans
        .iter_mut()
        .chain(t.start.iter_mut())
        .chain(t.end.iter_mut())
        .zip(tw)
    {
        *d = *s;
    }
    t
}
