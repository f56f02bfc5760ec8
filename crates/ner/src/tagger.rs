//! Tagging: documents of tokenised sentences in, name spans out.

use std::collections::HashMap;
use std::sync::OnceLock;

use dossier_core::EntityType;

use crate::clusters::Clusters;
use crate::decode::{self, Viterbi, N_LABELS};
use crate::features::{self, Caps, DocWord, History, Scratch, SentenceCtx, TokInfo};
use crate::gazetteer::Gazetteer;
use crate::hashmap::IdBuild;
use crate::model::{Model, ModelError};

/// The model compiled into the binary (trained by `dossier train ner`).
static EMBEDDED: &[u8] = include_bytes!("../../../models/ner/ner-en.bin");

/// A sentence ready for feature extraction.
pub struct Prepared {
    pub infos: Vec<TokInfo>,
    pub gaz: Vec<u16>,
    pub doc: Vec<DocWord>,
    pub headline: bool,
    pub title_case: bool,
}

impl Prepared {
    pub fn ctx(&self) -> SentenceCtx<'_> {
        SentenceCtx {
            infos: &self.infos,
            gaz: &self.gaz,
            doc: &self.doc,
            headline: self.headline,
            title_case: self.title_case,
        }
    }
}

/// Computes token facts, gazetteer marks and document-wide casing for a document.
pub fn prepare_document<S: AsRef<str>>(
    sentences: &[Vec<S>],
    gaz: &Gazetteer,
    clusters: &Clusters,
) -> Vec<Prepared> {
    let mut scratch = Scratch::default();
    let mut out: Vec<Prepared> = sentences
        .iter()
        .map(|s| {
            let infos: Vec<TokInfo> = s
                .iter()
                .map(|w| features::tok_info(w.as_ref(), Some(clusters), &mut scratch))
                .collect();
            let words: Vec<&str> = s.iter().map(|w| w.as_ref()).collect();
            let headline = features::is_headline(&infos);
            let title_case = !headline && features::is_title_case(&words, &infos);
            let mut marks = Vec::new();
            features::gazetteer_marks(gaz, &infos, &mut marks);
            Prepared {
                infos,
                gaz: marks,
                doc: Vec::new(),
                headline,
                title_case,
            }
        })
        .collect();
    let mut seen: HashMap<u64, DocWord, IdBuild> = HashMap::default();
    for p in &out {
        let informative = !p.headline && !p.title_case;
        for (i, t) in p.infos.iter().enumerate() {
            let e = seen.entry(t.lower).or_default();
            match t.caps {
                Caps::Lower => e.lower = true,
                Caps::Init if i > 0 && informative => e.cap_inside = true,
                _ => {}
            }
        }
    }
    for p in &mut out {
        p.doc = p
            .infos
            .iter()
            .map(|t| seen.get(&t.lower).copied().unwrap_or_default())
            .collect();
    }
    out
}

/// Labels predicted so far in a document, by word.
#[derive(Default)]
pub struct DocHistory {
    map: HashMap<u64, History, IdBuild>,
}

impl DocHistory {
    pub fn features(&self, t: &TokInfo, out: &mut Vec<u64>) {
        if let Some(h) = self.map.get(&t.lower) {
            features::history_features(h, t.caps, out);
        }
    }

    /// Records the names of a decoded sentence.
    pub fn record(&mut self, infos: &[TokInfo], labels: &[usize]) {
        for (s, e, ty) in decode::spans(labels) {
            for t in &infos[s..e] {
                if matches!(t.caps, Caps::None) {
                    continue;
                }
                let h = self.map.entry(t.lower).or_default();
                h.counts[ty] = h.counts[ty].saturating_add(1);
            }
        }
    }
}

/// One name found by the tagger: tokens `[start, end)` of its sentence.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Entity {
    pub start: usize,
    pub end: usize,
    pub label: EntityType,
    /// A monotone squashing of the Viterbi margin into 0..1, not a calibrated probability.
    pub score: f32,
}

/// The named-entity tagger: a loaded model.
pub struct Tagger {
    model: Model,
}

impl Tagger {
    /// The model compiled into the binary, loaded once.
    pub fn embedded() -> Result<&'static Tagger, ModelError> {
        static TAGGER: OnceLock<Result<Tagger, ModelError>> = OnceLock::new();
        TAGGER
            .get_or_init(|| Tagger::from_bytes(EMBEDDED))
            .as_ref()
            .map_err(Clone::clone)
    }

    pub fn from_bytes(bytes: &[u8]) -> Result<Tagger, ModelError> {
        Ok(Tagger {
            model: Model::from_bytes(bytes)?,
        })
    }

    pub fn load(path: &std::path::Path) -> Result<Tagger, ModelError> {
        let bytes =
            std::fs::read(path).map_err(|e| ModelError(format!("{}: {e}", path.display())))?;
        Tagger::from_bytes(&bytes)
    }

    pub fn model(&self) -> &Model {
        &self.model
    }

    /// Names in one sentence of words (tagged as a document of its own): token ranges, type, score.
    pub fn tag(&self, words: &[&str]) -> Vec<(usize, usize, EntityType, f32)> {
        let sent = vec![words.to_vec()];
        self.tag_document(&sent)
            .pop()
            .unwrap_or_default()
            .into_iter()
            .map(|e| (e.start, e.end, e.label, e.score))
            .collect()
    }

    /// Names in each sentence of a document; earlier sentences inform later ones.
    pub fn tag_document<S: AsRef<str>>(&self, sentences: &[Vec<S>]) -> Vec<Vec<Entity>> {
        let mut out = Vec::with_capacity(sentences.len());
        self.run(sentences, true, |labels, margins| {
            let ents = decode::spans(labels)
                .into_iter()
                .map(|(s, e, ty)| {
                    let m = margins[s..e].iter().copied().fold(f32::INFINITY, f32::min);
                    Entity {
                        start: s,
                        end: e,
                        label: decode::entity_type(ty),
                        score: 1.0 / (1.0 + (-m / 4.0).exp()),
                    }
                })
                .collect();
            out.push(ents);
        });
        out
    }

    /// BILOU label indices (see [`decode::LABEL_NAMES`]) for each sentence of a document.
    pub fn label_document<S: AsRef<str>>(&self, sentences: &[Vec<S>]) -> Vec<Vec<usize>> {
        let mut out = Vec::with_capacity(sentences.len());
        self.run(sentences, false, |labels, _| out.push(labels.to_vec()));
        out
    }

    fn run<S: AsRef<str>>(
        &self,
        sentences: &[Vec<S>],
        want_margins: bool,
        mut each: impl FnMut(&[usize], &[f32]),
    ) {
        let m = &self.model;
        let prepared = prepare_document(sentences, &m.gaz, &m.clusters);
        let mut hist = DocHistory::default();
        let (mut keys, mut emit, mut labels, mut margins) =
            (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        let mut vit = Viterbi::default();
        let inv = m.inv_scale();
        let mut all = Vec::with_capacity(prepared.len());
        for p in &prepared {
            let ctx = p.ctx();
            emit.clear();
            for i in 0..p.infos.len() {
                keys.clear();
                features::token_features(&ctx, i, &mut keys);
                hist.features(&p.infos[i], &mut keys);
                let mut acc = [0i32; N_LABELS];
                for &k in &keys {
                    if let Some(row) = m.row(k) {
                        for (a, &w) in acc.iter_mut().zip(row) {
                            *a += w as i32;
                        }
                    }
                }
                emit.extend(acc.iter().map(|&a| a as f32 * inv));
            }
            vit.decode(&emit, &m.trans, &mut labels);
            if want_margins {
                vit.margins(&emit, &m.trans, &labels, &mut margins);
            }
            hist.record(&p.infos, &labels);
            all.push((labels.clone(), margins.clone()));
        }
        headline_names(&prepared, &mut all);
        for (labels, margins) in &all {
            each(labels, margins);
        }
    }
}

/// Headlines in capitals come before the text that shows how their words are written: a
/// capitalised headline word outside any name joins an adjacent name when the body tagged that
/// word, with that name's type, and nothing else.
fn headline_names(prepared: &[Prepared], all: &mut [(Vec<usize>, Vec<f32>)]) {
    let mut body: HashMap<u64, [u16; 5], IdBuild> = HashMap::default();
    for (p, (labels, _)) in prepared.iter().zip(all.iter()) {
        if p.headline {
            continue;
        }
        for (t, &l) in p.infos.iter().zip(labels) {
            let slot = if l == 0 { 4 } else { decode::type_of(l) };
            let c = body.entry(t.lower).or_default();
            c[slot] = c[slot].saturating_add(1);
        }
    }
    let only_type = |t: &TokInfo| -> Option<usize> {
        let c = body.get(&t.lower)?;
        let tys: Vec<usize> = (0..4).filter(|&k| c[k] > 0).collect();
        (tys.len() == 1 && c[4] == 0).then(|| tys[0])
    };
    for (p, (labels, margins)) in prepared.iter().zip(all.iter_mut()) {
        if !p.headline {
            continue;
        }
        let mut spans = decode::spans(labels);
        let mut changed = false;
        for sp in &mut spans {
            while sp.0 > 0 && labels[sp.0 - 1] == 0 && only_type(&p.infos[sp.0 - 1]) == Some(sp.2) {
                sp.0 -= 1;
                changed = true;
            }
            while sp.1 < labels.len()
                && labels[sp.1] == 0
                && only_type(&p.infos[sp.1]) == Some(sp.2)
            {
                sp.1 += 1;
                changed = true;
            }
        }
        if changed {
            spans.dedup_by(|b, a| b.0 < a.1);
            *labels = decode::labels_of_spans(labels.len(), &spans);
            margins.resize(labels.len(), 0.0);
        }
    }
}
