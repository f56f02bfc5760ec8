//! Tagging: documents of tokenised sentences in, name spans out.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use dossier_core::EntityType;

use crate::clusters::Clusters;
use crate::consistency;
use crate::decode::{self, Viterbi, N_LABELS};
use crate::document::{self, DocStats};
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
    /// "By" and names: a byline, whose capitals say nothing about the words.
    pub byline: bool,
    /// Tokens a name may end at but not go on past (empty: none).
    pub ends: Vec<bool>,
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
            let byline = is_byline(&infos);
            Prepared {
                infos,
                gaz: marks,
                doc: Vec::new(),
                headline,
                title_case,
                byline,
                ends: Vec::new(),
            }
        })
        .collect();
    let mut seen: HashMap<u64, DocWord, IdBuild> = HashMap::default();
    for p in &out {
        let informative = !p.headline && !p.title_case && !p.byline;
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
        self.tag_document_with_ends(sentences, &[])
    }

    /// As [`Tagger::tag_document`], where `ends[s][i]` marks a token of sentence `s` that no
    /// name goes on past (the tail of "Taliban-ruled" or "Taliban’s" is not part of a name).
    pub fn tag_document_with_ends<S: AsRef<str>>(
        &self,
        sentences: &[Vec<S>],
        ends: &[Vec<bool>],
    ) -> Vec<Vec<Entity>> {
        let mut out = Vec::with_capacity(sentences.len());
        self.run(sentences, ends, true, |labels, margins| {
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
        self.run(sentences, &[], false, |labels, _| out.push(labels.to_vec()));
        out
    }

    fn run<S: AsRef<str>>(
        &self,
        sentences: &[Vec<S>],
        ends: &[Vec<bool>],
        want_margins: bool,
        mut each: impl FnMut(&[usize], &[f32]),
    ) {
        let m = &self.model;
        let mut prepared = prepare_document(sentences, &m.gaz, &m.clusters);
        for (p, e) in prepared.iter_mut().zip(ends) {
            if e.len() == p.infos.len() && e.iter().any(|&x| x) {
                p.ends.clone_from(e);
            }
        }
        let mut out = self.first_pass(&prepared);
        consistency::acronyms(&prepared, sentences, &mut out, &m.trans, &|p, j, emit| {
            self.rescore_from(p, j, emit)
        });
        self.second_pass(&prepared, &mut out);
        consistency::settle(&prepared, &mut out, &m.trans);
        let mut vit = Viterbi::default();
        let mut path = Vec::new();
        let mut all = Vec::with_capacity(prepared.len());
        for s in out {
            let mut margins = Vec::new();
            // Margins (only names have scores) need the forward scores of the sentence's path.
            if want_margins && s.labels.iter().any(|&l| l != 0) {
                vit.decode(&s.emit, &m.trans, &mut path);
                vit.margins(&s.emit, &m.trans, &path, &mut margins);
            }
            all.push((s.labels, margins));
        }
        headline_names(&prepared, &m.lower_words, &mut all);
        for (labels, margins) in &all {
            each(labels, margins);
        }
    }

    /// Emission scores and labels of every sentence from local features and the labels of
    /// earlier sentences.
    pub fn first_pass(&self, prepared: &[Prepared]) -> Vec<Decoded> {
        let m = &self.model;
        let mut hist = DocHistory::default();
        let mut keys = Vec::new();
        let mut vit = Viterbi::default();
        let inv = m.inv_scale();
        let mut out = Vec::with_capacity(prepared.len());
        for p in prepared {
            let ctx = p.ctx();
            let mut emit = Vec::with_capacity(p.infos.len() * N_LABELS);
            for i in 0..p.infos.len() {
                keys.clear();
                features::token_features(&ctx, i, &mut keys);
                hist.features(&p.infos[i], &mut keys);
                let mut acc = [0i32; N_LABELS];
                self.add_rows(&keys, &mut acc);
                emit.extend(acc.iter().map(|&a| a as f32 * inv));
            }
            consistency::mask_ends(&mut emit, &p.ends);
            let mut labels = Vec::new();
            vit.decode(&emit, &m.trans, &mut labels);
            hist.record(&p.infos, &labels);
            out.push(Decoded { labels, emit });
        }
        out
    }

    /// Adds to the first-pass emissions what the first pass found in the whole document (see
    /// [`crate::document`]) and decodes again the sentences that changed.
    pub fn second_pass(&self, prepared: &[Prepared], out: &mut [Decoded]) {
        let m = &self.model;
        let mut stats = DocStats::default();
        for (p, d) in prepared.iter().zip(out.iter()) {
            stats.add(&p.infos, &d.labels);
        }
        if stats.is_empty() {
            return;
        }
        let inv = m.inv_scale();
        let (mut keys, mut names) = (Vec::new(), Vec::new());
        let mut vit = Viterbi::default();
        for (p, d) in prepared.iter().zip(out.iter_mut()) {
            document::token_names(&d.labels, &mut names);
            let mut changed = false;
            for i in 0..p.infos.len() {
                keys.clear();
                if !stats.features(&p.infos, &names, i, &mut keys) {
                    continue;
                }
                let mut acc = [0i32; N_LABELS];
                if self.add_rows(&keys, &mut acc) {
                    for (e, &a) in d.emit[i * N_LABELS..(i + 1) * N_LABELS]
                        .iter_mut()
                        .zip(&acc)
                    {
                        *e += a as f32 * inv;
                    }
                    changed = true;
                }
            }
            if changed {
                vit.decode(&d.emit, &m.trans, &mut d.labels);
            }
        }
    }

    /// Replaces, in `emit`, the static part of the scores of the tokens whose context window
    /// reaches back before token `j` by their scores in the sentence cut at `j`.
    fn rescore_from(&self, p: &Prepared, j: usize, emit: &mut [f32]) {
        let n = p.infos.len();
        if j == 0 || j >= n || emit.len() != n * N_LABELS {
            return;
        }
        let cut = SentenceCtx {
            infos: &p.infos[j..],
            gaz: &p.gaz[j..],
            doc: &p.doc[j..],
            headline: p.headline,
            title_case: p.title_case,
        };
        let full = p.ctx();
        let inv = self.model.inv_scale();
        let mut keys = Vec::new();
        // Context features look two tokens back.
        for i in j..(j + 2).min(n) {
            let (mut old, mut new) = ([0i32; N_LABELS], [0i32; N_LABELS]);
            keys.clear();
            features::token_features(&full, i, &mut keys);
            self.add_rows(&keys, &mut old);
            keys.clear();
            features::token_features(&cut, i - j, &mut keys);
            self.add_rows(&keys, &mut new);
            for ((e, o), nw) in emit[i * N_LABELS..(i + 1) * N_LABELS]
                .iter_mut()
                .zip(old)
                .zip(new)
            {
                *e += (nw - o) as f32 * inv;
            }
        }
    }

    /// Adds the weight rows of `keys` to `acc`; false when none is known.
    #[inline]
    fn add_rows(&self, keys: &[u64], acc: &mut [i32; N_LABELS]) -> bool {
        let mut any = false;
        for &k in keys {
            if let Some(row) = self.model.row(k) {
                any = true;
                for (a, &w) in acc.iter_mut().zip(row) {
                    *a += w as i32;
                }
            }
        }
        any
    }
}

/// One sentence as a pass left it.
pub struct Decoded {
    pub labels: Vec<usize>,
    /// Emission scores, tokens × labels, in the model's dequantised units.
    pub emit: Vec<f32>,
}

/// A byline: "By" and then only capitalised words, commas and "and" ("By Staff, Agencies").
fn is_byline(infos: &[TokInfo]) -> bool {
    static WORDS: OnceLock<(u64, u64)> = OnceLock::new();
    let &(by, and) = WORDS.get_or_init(|| (features::hash_str("by"), features::hash_str("and")));
    let Some((first, rest)) = infos.split_first() else {
        return false;
    };
    first.lower == by
        && first.caps == Caps::Init
        && (1..=12).contains(&rest.len())
        && rest.iter().all(|t| match t.caps {
            Caps::Init | Caps::All | Caps::Single | Caps::None => true,
            _ => t.lower == and,
        })
}

/// A title-case line that reads as a headline rather than a list of names or a table: no
/// digits, at least `min_long` capitalised longer words (four or more letters) that the body
/// does not tag as names, and most of those are words usually written in lower case
/// ("Rejects", "Talks").
fn reads_as_headline(
    p: &Prepared,
    lower_words: &HashSet<u64, IdBuild>,
    named_in_body: impl Fn(u64) -> bool,
    min_long: usize,
) -> bool {
    if p.infos.iter().any(|t| t.has_digit) {
        return false;
    }
    let (mut long, mut common) = (0, 0);
    for t in &p.infos {
        if t.caps == Caps::Init && t.len >= 4 && !named_in_body(t.lower) {
            long += 1;
            common += lower_words.contains(&t.lower) as usize;
        }
    }
    long >= min_long && common * 2 > long
}

/// Headlines come before the text that shows how their words are written. In capitals: a
/// headline word outside any name joins an adjacent name when the body tagged that word, with
/// that name's type, and nothing else. In title case, where every word is capitalised, common
/// lower-case words the body never writes with a capital nor tags ("Holds Talks") are not
/// names, when the line reads as a headline and the body is long enough to tell: a name part
/// of which the body names becomes that part with the body's type ("Group FM" → "Group"),
/// else only the longest run of supported words stays. A byline ("By Staff, Agencies") keeps
/// only names without such words.
fn headline_names(
    prepared: &[Prepared],
    lower_words: &HashSet<u64, IdBuild>,
    all: &mut [(Vec<usize>, Vec<f32>)],
) {
    const MIN_BODY_TOKENS: usize = 30;
    let mut body: HashMap<u64, [u16; 5], IdBuild> = HashMap::default();
    let mut body_tokens = 0;
    for (p, (labels, _)) in prepared.iter().zip(all.iter()) {
        if p.headline || p.title_case || p.byline {
            continue;
        }
        body_tokens += labels.len();
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
    let named_in_body = |w: u64| body.get(&w).is_some_and(|c| c[..4].iter().any(|&n| n > 0));
    let supported = |p: &Prepared, i: usize| {
        let w = p.infos[i].lower;
        p.doc[i].cap_inside || !lower_words.contains(&w) || named_in_body(w)
    };
    // The type the body gives most often to the words of a run.
    let body_type = |p: &Prepared, a: usize, b: usize| {
        let mut c = [0u32; 4];
        for t in &p.infos[a..b] {
            if let Some(n) = body.get(&t.lower) {
                for (x, &y) in c.iter_mut().zip(&n[..4]) {
                    *x += y as u32;
                }
            }
        }
        let (ty, &n) = c.iter().enumerate().max_by_key(|(k, n)| (**n, 4 - *k))?;
        (n > 0).then_some(ty)
    };
    for (p, (labels, margins)) in prepared.iter().zip(all.iter_mut()) {
        if p.title_case
            && body_tokens >= MIN_BODY_TOKENS
            && reads_as_headline(p, lower_words, named_in_body, 3)
        {
            // A headline name part of which the body names: the body's name, with its type
            // ("Group Maintains Neutrality" is the group; "Group FM" its minister).
            let mut spans = decode::spans(labels);
            let mut changed = false;
            for sp in &mut spans {
                let named = |i: usize| named_in_body(p.infos[i].lower);
                if (sp.0..sp.1).all(named) || !(sp.0..sp.1).any(named) {
                    continue;
                }
                let (mut best, mut run) = ((sp.0, sp.0), sp.0);
                for i in sp.0..sp.1 {
                    if !named(i) {
                        run = i + 1;
                    } else if i + 1 - run > best.1 - best.0 {
                        best = (run, i + 1);
                    }
                }
                let ty = body_type(p, best.0, best.1).unwrap_or(sp.2);
                *sp = (best.0, best.1, ty);
                changed = true;
            }
            if changed {
                *labels = decode::labels_of_spans(labels.len(), &spans);
                margins.resize(labels.len(), 0.0);
            }
        }
        let byline = body_tokens >= MIN_BODY_TOKENS && p.byline;
        if byline
            || (p.title_case
                && body_tokens >= MIN_BODY_TOKENS
                && reads_as_headline(p, lower_words, named_in_body, 4))
        {
            let mut spans = decode::spans(labels);
            let before = spans.len();
            for sp in &mut spans {
                // The longest run of supported words (the first of equals).
                let (mut best, mut run) = ((sp.0, sp.0), sp.0);
                for i in sp.0..sp.1 {
                    if !supported(p, i) {
                        run = i + 1;
                    } else if i + 1 - run > best.1 - best.0 {
                        best = (run, i + 1);
                    }
                }
                // In a byline a common word makes the whole name a description ("News
                // Agencies"); a reporter's name has none.
                let whole = best == (sp.0, sp.1);
                (sp.0, sp.1) = if byline && !whole { (0, 0) } else { best };
            }
            spans.retain(|sp| sp.0 < sp.1);
            let trimmed = decode::labels_of_spans(labels.len(), &spans);
            if spans.len() != before || trimmed != *labels {
                *labels = trimmed;
                margins.resize(labels.len(), 0.0);
            }
            continue;
        }
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
