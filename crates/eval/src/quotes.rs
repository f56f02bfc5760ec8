//! Quote and attribution scoring on the PolNeAR layout (brat standoff).
//!
//! Gold: `DIR/text/<name>.txt` and `DIR/attributions/<name>_<annotator>.ann`. When a text has several
//! annotators' files, the one whose annotator id sorts first (plain string order) is the gold. Offsets
//! are Unicode code points into the raw text. An attribution is one `E` line with its Content, Cue
//! and Source roles (numbered roles of one kind merged into one character set); `E` lines without a
//! content are dropped. The metrics and their matching rules are those of the reference scorer
//! (`score.py brat_attr`), so both give the same figures:
//! - content/cue/source span sets, exact (equal character sets) and overlap (content: Jaccard ≥ 0.5;
//!   cue and source: any shared character), matched one to one, greedily by Jaccard, highest first;
//! - `attr_content`: attributions paired by content overlap; `source` (the headline): paired by
//!   content overlap and sharing at least one source character (or both without a source).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// A set of characters as sorted, merged half-open intervals of code-point offsets.
pub type CharSet = Vec<(u32, u32)>;

/// The three span kinds, in report order.
pub const KINDS: [&str; 3] = ["content", "cue", "source"];

/// Jaccard ratio at or above which two contents match.
pub const OVERLAP_MIN: f64 = 0.5;

/// One attribution relation over character offsets.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Attribution {
    pub content: CharSet,
    pub cue: Option<CharSet>,
    pub source: Option<CharSet>,
}

impl Attribution {
    /// Content, cue and source as byte spans of `text` (empty where absent).
    pub fn byte_spans_in(&self, text: &str) -> [Vec<(usize, usize)>; 3] {
        let of = |s: Option<&CharSet>| s.map(|s| byte_spans(text, s)).unwrap_or_default();
        [
            of(Some(&self.content)),
            of(self.cue.as_ref()),
            of(self.source.as_ref()),
        ]
    }
}

/// The attributions of one text plus its deduplicated span sets (content, cue, source).
#[derive(Clone, Debug, Default)]
pub struct AnnDoc {
    pub attrs: Vec<Attribution>,
    pub sets: [BTreeSet<CharSet>; 3],
}

/// Oddities met while reading, as counted by the reference scorer.
#[derive(Clone, Debug, Default)]
pub struct ReadStats {
    pub bad_pred_offsets: u64,
    pub pred_span_text_mismatch: u64,
    pub pred_unknown_roles: u64,
    pub dangling_refs_pred: u64,
    pub dangling_refs_gold: u64,
    pub attributions_without_content_pred: u64,
    pub attributions_without_content_gold: u64,
}

/// Sorted, merged (overlapping or touching) intervals.
pub fn norm(mut frags: Vec<(u32, u32)>) -> CharSet {
    frags.sort_unstable();
    let mut out: CharSet = Vec::with_capacity(frags.len());
    for (a, b) in frags {
        match out.last_mut() {
            Some(last) if a <= last.1 => last.1 = last.1.max(b),
            _ => out.push((a, b)),
        }
    }
    out
}

fn size(x: &CharSet) -> u64 {
    x.iter().map(|&(a, b)| (b - a) as u64).sum()
}

/// Number of characters two sets share.
pub fn inter(x: &CharSet, y: &CharSet) -> u64 {
    let (mut i, mut j, mut n) = (0, 0, 0u64);
    while i < x.len() && j < y.len() {
        let lo = x[i].0.max(y[j].0);
        let hi = x[i].1.min(y[j].1);
        if hi > lo {
            n += (hi - lo) as u64;
        }
        if x[i].1 < y[j].1 {
            i += 1;
        } else {
            j += 1;
        }
    }
    n
}

/// Jaccard ratio and intersection size.
pub fn jaccard(x: &CharSet, y: &CharSet) -> (f64, u64) {
    let i = inter(x, y);
    if i == 0 {
        return (0.0, 0);
    }
    (i as f64 / (size(x) + size(y) - i) as f64, i)
}

/// One-to-one greedy matching, highest score first (ties by pred then gold index); returns the count.
fn greedy(mut pairs: Vec<(f64, usize, usize)>, np: usize, ng: usize) -> u64 {
    pairs.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let (mut up, mut ug) = (vec![false; np], vec![false; ng]);
    let mut n = 0;
    for (_, p, g) in pairs {
        if up[p] || ug[g] {
            continue;
        }
        up[p] = true;
        ug[g] = true;
        n += 1;
    }
    n
}

/// Parses one brat `.ann` file over `text`. `byte_offsets` reads pred offsets as UTF-8 bytes.
pub fn parse_ann(
    ann: &str,
    text: &str,
    is_pred: bool,
    stats: &mut ReadStats,
) -> Result<AnnDoc, String> {
    // Char index of every char boundary, for byte offsets and T-line text checks.
    let chars: Vec<char> = text.chars().collect();
    let n_chars = chars.len() as u32;
    let mut tspans: Vec<(String, String, CharSet)> = Vec::new(); // id, type, span
    let mut events: Vec<[Vec<String>; 3]> = Vec::new();
    for (ln, line) in ann.split('\n').enumerate() {
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.is_empty() {
            continue;
        }
        if line.starts_with('T') && line.contains('\t') {
            let mut parts = line.splitn(3, '\t');
            let tid = parts.next().unwrap_or_default();
            let head = parts.next().unwrap_or_default();
            let body = parts.next();
            let Some((ttype, offs)) = head.split_once(' ') else {
                if is_pred {
                    return Err(format!("line {}: malformed T line", ln + 1));
                }
                continue;
            };
            let mut frags = Vec::new();
            let mut ok = true;
            for fr in offs.split(';') {
                let nums: Vec<&str> = fr.split_whitespace().collect();
                match (
                    nums.len(),
                    nums.first().and_then(|a| a.parse::<i64>().ok()),
                    nums.get(1).and_then(|b| b.parse::<i64>().ok()),
                ) {
                    (2, Some(a), Some(b)) => frags.push((a, b)),
                    _ => ok = false,
                }
            }
            if !ok {
                if is_pred {
                    return Err(format!("line {}: malformed offsets in T line", ln + 1));
                }
                continue;
            }
            if frags
                .iter()
                .any(|&(a, b)| a < 0 || b <= a || b > n_chars as i64)
            {
                if is_pred {
                    stats.bad_pred_offsets += 1;
                }
                continue;
            }
            let frags: Vec<(u32, u32)> = frags
                .into_iter()
                .map(|(a, b)| (a as u32, b as u32))
                .collect();
            if is_pred {
                if let Some(body) = body.filter(|b| !b.trim().is_empty()) {
                    let got = body.split_whitespace().collect::<Vec<_>>().join(" ");
                    let joined = frags
                        .iter()
                        .map(|&(a, b)| chars[a as usize..b as usize].iter().collect::<String>())
                        .collect::<Vec<_>>()
                        .join(" ");
                    let want = joined.split_whitespace().collect::<Vec<_>>().join(" ");
                    // A written text may stop short of the span (a prefix still matches).
                    let prefix = !got.is_empty() && want.starts_with(&got);
                    if got != want && !prefix {
                        stats.pred_span_text_mismatch += 1;
                    }
                }
            }
            tspans.push((tid.to_string(), ttype.to_string(), norm(frags)));
        } else if line.starts_with('E') && line.contains('\t') {
            let args: Vec<&str> = line
                .split_once('\t')
                .map(|x| x.1)
                .unwrap_or_default()
                .split_whitespace()
                .collect();
            if args.is_empty() {
                continue;
            }
            let mut roles: [Vec<String>; 3] = Default::default();
            for arg in &args[1..] {
                let Some((role, reference)) = arg.split_once(':') else {
                    if is_pred {
                        return Err(format!("line {}: malformed E argument {arg:?}", ln + 1));
                    }
                    continue;
                };
                let key = role
                    .trim_end_matches(|c: char| c.is_ascii_digit())
                    .to_lowercase();
                match KINDS.iter().position(|k| *k == key) {
                    Some(k) => roles[k].push(reference.to_string()),
                    None if is_pred => stats.pred_unknown_roles += 1,
                    None => {}
                }
            }
            events.push(roles);
        }
    }
    // Later T lines with the same id win, as in a dict.
    let lookup = |id: &str| tspans.iter().rev().find(|t| t.0 == id);
    let mut referenced: BTreeSet<String> = BTreeSet::new();
    let mut doc = AnnDoc::default();
    for roles in events {
        let mut spans: [Option<CharSet>; 3] = Default::default();
        for (k, refs) in roles.iter().enumerate() {
            let mut frags = Vec::new();
            for r in refs {
                referenced.insert(r.clone());
                match lookup(r) {
                    Some(t) => frags.extend_from_slice(&t.2),
                    None if is_pred => stats.dangling_refs_pred += 1,
                    None => stats.dangling_refs_gold += 1,
                }
            }
            if !frags.is_empty() {
                spans[k] = Some(norm(frags));
            }
        }
        let [content, cue, source] = spans;
        let Some(content) = content else {
            if is_pred {
                stats.attributions_without_content_pred += 1;
            } else {
                stats.attributions_without_content_gold += 1;
            }
            continue;
        };
        doc.attrs.push(Attribution {
            content,
            cue,
            source,
        });
    }
    for a in &doc.attrs {
        doc.sets[0].insert(a.content.clone());
        if let Some(c) = &a.cue {
            doc.sets[1].insert(c.clone());
        }
        if let Some(s) = &a.source {
            doc.sets[2].insert(s.clone());
        }
    }
    let mut seen: BTreeSet<&str> = BTreeSet::new();
    for (tid, ttype, span) in tspans.iter().rev() {
        // Only the last definition of an id counts.
        if !seen.insert(tid.as_str()) || referenced.contains(tid) {
            continue;
        }
        let key = ttype
            .trim_end_matches(|c: char| c.is_ascii_digit())
            .to_lowercase();
        if let Some(k) = KINDS.iter().position(|x| *x == key) {
            doc.sets[k].insert(span.clone());
        }
    }
    Ok(doc)
}

fn match_spans(
    p: &BTreeSet<CharSet>,
    g: &BTreeSet<CharSet>,
    exact: bool,
    jaccard_rule: bool,
) -> u64 {
    if exact {
        return p.intersection(g).count() as u64;
    }
    let mut pairs = Vec::new();
    for (i, ps) in p.iter().enumerate() {
        for (j, gs) in g.iter().enumerate() {
            let (jac, n) = jaccard(ps, gs);
            if n > 0 && (!jaccard_rule || jac >= OVERLAP_MIN) {
                pairs.push((jac, i, j));
            }
        }
    }
    greedy(pairs, p.len(), g.len())
}

fn source_ok(p: &Option<CharSet>, g: &Option<CharSet>) -> bool {
    match (p, g) {
        (None, None) => true,
        (Some(p), Some(g)) => inter(p, g) > 0,
        _ => false,
    }
}

fn match_attrs(p: &[Attribution], g: &[Attribution], need_source: bool) -> u64 {
    let mut pairs = Vec::new();
    for (i, pa) in p.iter().enumerate() {
        for (j, ga) in g.iter().enumerate() {
            let (jac, n) = jaccard(&pa.content, &ga.content);
            if n > 0 && jac >= OVERLAP_MIN && (!need_source || source_ok(&pa.source, &ga.source)) {
                pairs.push((jac, i, j));
            }
        }
    }
    greedy(pairs, p.len(), g.len())
}

/// Counts summed over texts.
#[derive(Clone, Debug, Default)]
pub struct Counts {
    pub gold: [u64; 3],
    pub pred: [u64; 3],
    pub exact_tp: [u64; 3],
    pub overlap_tp: [u64; 3],
    pub attr_gold: u64,
    pub attr_pred: u64,
    pub attr_gold_with_source: u64,
    pub attr_pred_with_source: u64,
    pub attr_content_tp: u64,
    pub attr_source_tp: u64,
}

impl Counts {
    /// Adds one text's comparison.
    pub fn add(&mut self, pred: &AnnDoc, gold: &AnnDoc) {
        for k in 0..3 {
            self.gold[k] += gold.sets[k].len() as u64;
            self.pred[k] += pred.sets[k].len() as u64;
            self.exact_tp[k] += match_spans(&pred.sets[k], &gold.sets[k], true, false);
            self.overlap_tp[k] += match_spans(&pred.sets[k], &gold.sets[k], false, k == 0);
        }
        self.attr_gold += gold.attrs.len() as u64;
        self.attr_pred += pred.attrs.len() as u64;
        self.attr_gold_with_source +=
            gold.attrs.iter().filter(|a| a.source.is_some()).count() as u64;
        self.attr_pred_with_source +=
            pred.attrs.iter().filter(|a| a.source.is_some()).count() as u64;
        self.attr_content_tp += match_attrs(&pred.attrs, &gold.attrs, false);
        self.attr_source_tp += match_attrs(&pred.attrs, &gold.attrs, true);
    }
}

/// A metric value as the reference scorer prints it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Metric {
    Int(u64),
    Float(f64),
}

/// Rounds to 4 decimals the way the reference scorer's `round(v, 4)` does.
fn round4(v: f64) -> f64 {
    format!("{v:.4}").parse().unwrap_or(v)
}

/// One gold text: its name, the scored annotation file and the annotator id ("" when none).
#[derive(Clone, Debug)]
pub struct GoldText {
    pub name: String,
    pub ann: PathBuf,
    pub text: PathBuf,
    pub annotator: String,
}

/// One text of a PolNeAR split with every annotator's file, sorted by annotator id ("" when
/// the file name carries none).
#[derive(Clone, Debug)]
pub struct AnnotatedText {
    pub name: String,
    pub text: PathBuf,
    pub anns: Vec<(String, PathBuf)>,
}

/// The texts of a PolNeAR split that have at least one `.ann` file, sorted by name.
pub fn annotated_texts(dir: &Path) -> std::io::Result<Vec<AnnotatedText>> {
    let (ann_dir, text_dir) = if dir.join("attributions").is_dir() {
        (dir.join("attributions"), dir.join("text"))
    } else {
        let t = dir.join("..").join("text");
        (
            dir.to_path_buf(),
            if t.is_dir() { t } else { dir.to_path_buf() },
        )
    };
    let mut anns: Vec<String> = std::fs::read_dir(&ann_dir)?
        .filter_map(|e| e.ok())
        .filter_map(|e| e.file_name().into_string().ok())
        .filter(|f| f.ends_with(".ann"))
        .collect();
    anns.sort();
    let mut by_name: std::collections::BTreeMap<String, Vec<(String, PathBuf)>> =
        Default::default();
    for f in anns {
        let stem = &f[..f.len() - 4];
        let (name, annot) = if text_dir.join(format!("{stem}.txt")).exists() || !stem.contains('_')
        {
            (stem.to_string(), String::new())
        } else {
            let (n, a) = stem.rsplit_once('_').unwrap_or((stem, ""));
            (n.to_string(), a.to_string())
        };
        by_name
            .entry(name)
            .or_default()
            .push((annot, ann_dir.join(&f)));
    }
    Ok(by_name
        .into_iter()
        .map(|(name, mut anns)| {
            anns.sort();
            let text = text_dir.join(format!("{name}.txt"));
            AnnotatedText { name, text, anns }
        })
        .collect())
}

/// The gold texts of a PolNeAR split, sorted by name, and how many had several annotators' files.
pub fn gold_files(dir: &Path) -> std::io::Result<(Vec<GoldText>, usize)> {
    let texts = annotated_texts(dir)?;
    let multi = texts.iter().filter(|t| t.anns.len() > 1).count();
    let out = texts
        .into_iter()
        .map(|t| {
            let (annotator, ann) = t.anns.into_iter().next().unwrap_or_default();
            GoldText {
                name: t.name,
                ann,
                text: t.text,
                annotator,
            }
        })
        .collect();
    Ok((out, multi))
}

/// How far annotators agree with each other, and the system with each of them, on the texts
/// that several annotators marked up. Each annotator's file is the gold in turn; the other
/// annotators' files are scored against it as predictions, and the system's output is scored
/// against it once for each of them, so that both sums weigh the same (text, gold, other)
/// triples alike.
#[derive(Clone, Debug, Default)]
pub struct Agreement {
    /// Texts with two or more annotators' files.
    pub texts: usize,
    /// Per gold annotator: (texts it marked up among them, the other annotators' counts,
    /// the system's counts).
    pub by_gold: std::collections::BTreeMap<String, (usize, Counts, Counts)>,
    pub humans: Counts,
    pub system: Counts,
}

impl Counts {
    /// Adds another sum.
    pub fn merge(&mut self, o: &Counts) {
        for k in 0..3 {
            self.gold[k] += o.gold[k];
            self.pred[k] += o.pred[k];
            self.exact_tp[k] += o.exact_tp[k];
            self.overlap_tp[k] += o.overlap_tp[k];
        }
        self.attr_gold += o.attr_gold;
        self.attr_pred += o.attr_pred;
        self.attr_gold_with_source += o.attr_gold_with_source;
        self.attr_pred_with_source += o.attr_pred_with_source;
        self.attr_content_tp += o.attr_content_tp;
        self.attr_source_tp += o.attr_source_tp;
    }

    /// The headline source F1 and the content overlap F1, in percent.
    pub fn headline(&self) -> (f64, f64) {
        let f1 = |tp, pred, gold| crate::prf(tp, pred, gold, 100.0).2;
        (
            f1(self.attr_source_tp, self.attr_pred, self.attr_gold),
            f1(self.overlap_tp[0], self.pred[0], self.gold[0]),
        )
    }
}

/// Scores annotators against each other, and `predict` against each of them, on the texts of
/// a PolNeAR split that several annotators marked up (see [`Agreement`]).
pub fn agreement(
    gold_dir: &Path,
    mut predict: impl FnMut(&str) -> Vec<PredAttribution>,
) -> Result<Agreement, String> {
    let texts = annotated_texts(gold_dir)
        .map_err(|e| format!("reading gold directory {}: {e}", gold_dir.display()))?;
    let read =
        |p: &Path| std::fs::read_to_string(p).map_err(|e| format!("reading {}: {e}", p.display()));
    let mut out = Agreement::default();
    let mut stats = ReadStats::default();
    for t in texts.iter().filter(|t| t.anns.len() > 1) {
        out.texts += 1;
        let text = read(&t.text)?;
        let mut docs = Vec::new();
        for (annot, path) in &t.anns {
            let doc = parse_ann(&read(path)?, &text, false, &mut stats)
                .map_err(|e| format!("{}: {e}", path.display()))?;
            docs.push((annot, doc));
        }
        let ann = write_ann(&text, &predict(&text));
        let sys =
            parse_ann(&ann, &text, true, &mut stats).map_err(|e| format!("{}: {e}", t.name))?;
        for (i, (annot, gold)) in docs.iter().enumerate() {
            let mut sys_once = Counts::default();
            sys_once.add(&sys, gold);
            let entry = out.by_gold.entry(annot.to_string()).or_default();
            entry.0 += 1;
            for (j, (_, other)) in docs.iter().enumerate() {
                if i == j {
                    continue;
                }
                entry.1.add(other, gold);
                entry.2.merge(&sys_once);
            }
        }
    }
    for (_, humans, system) in out.by_gold.values() {
        out.humans.merge(humans);
        out.system.merge(system);
    }
    Ok(out)
}

/// The full report, with the reference scorer's keys, in its order.
pub fn report(
    c: &Counts,
    stats: &ReadStats,
    texts: usize,
    multi: usize,
    pred_files: usize,
) -> Vec<(String, Metric)> {
    use Metric::*;
    let mut m: Vec<(String, Metric)> = vec![
        ("texts".into(), Int(texts as u64)),
        ("texts_with_several_annotators".into(), Int(multi as u64)),
        ("pred_files_matched".into(), Int(pred_files as u64)),
        (
            "missing_pred_files".into(),
            Int((texts - pred_files.min(texts)) as u64),
        ),
        ("pred_files_unmatched".into(), Int(0)),
        ("gold_texts_missing".into(), Int(0)),
    ];
    for (k, kind) in KINDS.iter().enumerate() {
        for (mode, tp) in [("exact", c.exact_tp[k]), ("overlap", c.overlap_tp[k])] {
            let (p, r, f) = crate::prf(tp, c.pred[k], c.gold[k], 100.0);
            m.push((format!("{kind}_{mode}_p"), Float(round4(p))));
            m.push((format!("{kind}_{mode}_r"), Float(round4(r))));
            m.push((format!("{kind}_{mode}_f1"), Float(round4(f))));
        }
        m.push((format!("{kind}_gold_spans"), Int(c.gold[k])));
        m.push((format!("{kind}_pred_spans"), Int(c.pred[k])));
    }
    let (p, r, f) = crate::prf(c.attr_content_tp, c.attr_pred, c.attr_gold, 100.0);
    m.push(("attr_content_p".into(), Float(round4(p))));
    m.push(("attr_content_r".into(), Float(round4(r))));
    m.push(("attr_content_f1".into(), Float(round4(f))));
    let (p, r, f) = crate::prf(c.attr_source_tp, c.attr_pred, c.attr_gold, 100.0);
    m.push(("source_p".into(), Float(round4(p))));
    m.push(("source_r".into(), Float(round4(r))));
    m.push(("source_f1".into(), Float(round4(f))));
    m.push(("source_correct".into(), Int(c.attr_source_tp)));
    m.push(("gold_attributions".into(), Int(c.attr_gold)));
    m.push(("pred_attributions".into(), Int(c.attr_pred)));
    m.push((
        "gold_attributions_with_source".into(),
        Int(c.attr_gold_with_source),
    ));
    m.push((
        "pred_attributions_with_source".into(),
        Int(c.attr_pred_with_source),
    ));
    for (k, v) in [
        ("bad_pred_offsets", stats.bad_pred_offsets),
        ("pred_span_text_mismatch", stats.pred_span_text_mismatch),
        ("pred_unknown_roles", stats.pred_unknown_roles),
        ("dangling_refs_pred", stats.dangling_refs_pred),
        ("dangling_refs_gold", stats.dangling_refs_gold),
        (
            "attributions_without_content_pred",
            stats.attributions_without_content_pred,
        ),
        (
            "attributions_without_content_gold",
            stats.attributions_without_content_gold,
        ),
    ] {
        m.push((k.into(), Int(v)));
    }
    m.push(("source_f1_pct".into(), Float(round4(f))));
    m
}

/// A predicted attribution over byte spans of the text (as the quote stage gives them).
#[derive(Clone, Copy, Debug)]
pub struct PredAttribution {
    pub content: (usize, usize),
    pub cue: Option<(usize, usize)>,
    pub source: Option<(usize, usize)>,
}

impl From<&dossier_core::Quote> for PredAttribution {
    fn from(q: &dossier_core::Quote) -> PredAttribution {
        let b = |s: dossier_core::Span| (s.start as usize, s.end as usize);
        PredAttribution {
            content: b(q.span),
            cue: q.cue.map(b),
            source: q.speaker.map(b),
        }
    }
}

/// Converts byte offsets of `text` to code-point offsets; an offset inside a character rounds down.
pub struct CharIndex {
    /// Byte offset of each char start, plus the end.
    starts: Vec<u32>,
}

impl CharIndex {
    pub fn new(text: &str) -> CharIndex {
        let mut starts: Vec<u32> = text.char_indices().map(|(i, _)| i as u32).collect();
        starts.push(text.len() as u32);
        CharIndex { starts }
    }

    pub fn char_of(&self, byte: usize) -> u32 {
        let i = self.starts.partition_point(|&s| s as usize <= byte);
        i.saturating_sub(1) as u32
    }

    /// The character set of a byte span, in fragments split at line breaks (brat keeps one line per T).
    pub fn fragments(&self, text: &str, span: (usize, usize)) -> CharSet {
        let (s, e) = (span.0.min(text.len()), span.1.min(text.len()));
        let mut out = Vec::new();
        let mut start = s;
        for (i, c) in text.get(s..e).unwrap_or_default().char_indices() {
            if c == '\n' || c == '\r' {
                if i + s > start {
                    out.push((self.char_of(start), self.char_of(i + s)));
                }
                start = i + s + 1;
            }
        }
        if e > start {
            out.push((self.char_of(start), self.char_of(e)));
        }
        // Trim whitespace-only fragments and edges so that T-line text round-trips.
        out.retain(|&(a, b)| b > a);
        out
    }
}

/// The figures of one run over a gold split.
#[derive(Clone, Debug)]
pub struct Evaluation {
    pub metrics: Vec<(String, Metric)>,
    /// How many texts were scored against each annotator id.
    pub annotators: std::collections::BTreeMap<String, usize>,
    pub texts: usize,
    pub multi: usize,
    /// Text bytes given to `predict`, and the time it took (processor time of the calling
    /// thread where the system tells it, else wall-clock time).
    pub bytes: usize,
    pub busy: std::time::Duration,
}

impl Evaluation {
    /// A figure by its reference-scorer key (NaN when absent).
    pub fn float(&self, k: &str) -> f64 {
        match self.metrics.iter().find(|(n, _)| n == k).map(|(_, v)| *v) {
            Some(Metric::Float(f)) => f,
            Some(Metric::Int(i)) => i as f64,
            None => f64::NAN,
        }
    }
}

/// Scores `predict` (raw text in, byte-span attributions out) on every text of a PolNeAR split;
/// writes one brat `.ann` file per text into `predictions` when given. The predictions are
/// scored as written, read back as the reference scorer reads them.
pub fn evaluate(
    gold_dir: &Path,
    predictions: Option<&Path>,
    mut predict: impl FnMut(&str) -> Vec<PredAttribution>,
) -> Result<Evaluation, String> {
    let (texts, multi) = gold_files(gold_dir)
        .map_err(|e| format!("reading gold directory {}: {e}", gold_dir.display()))?;
    if texts.is_empty() {
        return Err(format!("no .ann files in {}", gold_dir.display()));
    }
    if let Some(dir) = predictions {
        std::fs::create_dir_all(dir).map_err(|e| format!("creating {}: {e}", dir.display()))?;
    }
    let read =
        |p: &Path| std::fs::read_to_string(p).map_err(|e| format!("reading {}: {e}", p.display()));
    let mut counts = Counts::default();
    let mut stats = ReadStats::default();
    let mut annotators = std::collections::BTreeMap::<String, usize>::new();
    let (mut bytes, mut busy) = (0usize, std::time::Duration::ZERO);
    for t in &texts {
        let text = read(&t.text)?;
        let gold_ann = read(&t.ann)?;
        *annotators.entry(t.annotator.clone()).or_default() += 1;
        let gold = parse_ann(&gold_ann, &text, false, &mut stats)
            .map_err(|e| format!("{}: {e}", t.ann.display()))?;
        let (clock, cpu) = (std::time::Instant::now(), crate::thread_cpu());
        let attrs = predict(&text);
        busy += match (cpu, crate::thread_cpu()) {
            (Some(a), Some(b)) => b.saturating_sub(a),
            _ => clock.elapsed(),
        };
        bytes += text.len();
        let ann = write_ann(&text, &attrs);
        if let Some(dir) = predictions {
            let path = dir.join(format!("{}.ann", t.name));
            std::fs::write(&path, &ann).map_err(|e| format!("writing {}: {e}", path.display()))?;
        }
        let pred =
            parse_ann(&ann, &text, true, &mut stats).map_err(|e| format!("{}: {e}", t.name))?;
        counts.add(&pred, &gold);
    }
    Ok(Evaluation {
        metrics: report(&counts, &stats, texts.len(), multi, texts.len()),
        annotators,
        texts: texts.len(),
        multi,
        bytes,
        busy,
    })
}

/// The byte spans of a character set of `text` (the inverse of [`CharIndex::fragments`]).
pub fn byte_spans(text: &str, set: &CharSet) -> Vec<(usize, usize)> {
    let mut starts: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
    starts.push(text.len());
    let at = |c: u32| starts.get(c as usize).copied().unwrap_or(text.len());
    set.iter().map(|&(a, b)| (at(a), at(b))).collect()
}

/// The content of an attribution in pieces: a quote resumed after its cue ("“A,” she said of
/// the race, “B.”") holds its own cue and source, which are not content. Left out is the stretch
/// from the last quotation mark before them to the first one after them (just their own words
/// when there is no mark on a side).
pub fn content_pieces(text: &str, a: &PredAttribution) -> Vec<(usize, usize)> {
    let (s, e) = a.content;
    let inner: Vec<(usize, usize)> = [a.cue, a.source]
        .into_iter()
        .flatten()
        .filter(|&(x, y)| x >= s && y <= e && x < y)
        .collect();
    let (Some(lo), Some(hi)) = (
        inner.iter().map(|p| p.0).min(),
        inner.iter().map(|p| p.1).max(),
    ) else {
        return vec![(s, e)];
    };
    let is_mark = |c: char| matches!(c, '"' | '“' | '”' | '‘' | '’' | '\'' | '«' | '»');
    // A closing mark ends a word stretch ("won,”"), so an apostrophe inside a word is no mark.
    let before = text.get(s..lo).unwrap_or_default();
    let cut_from = before
        .char_indices()
        .rev()
        .find(|&(i, c)| {
            is_mark(c)
                && before[i + c.len_utf8()..]
                    .chars()
                    .next()
                    .is_none_or(|n| !n.is_alphanumeric())
        })
        .map_or(lo, |(i, c)| s + i + c.len_utf8());
    let after = text.get(hi..e).unwrap_or_default();
    let cut_to = after
        .char_indices()
        .find(|&(i, c)| {
            is_mark(c)
                && after[..i]
                    .chars()
                    .next_back()
                    .is_none_or(|n| !n.is_alphanumeric())
        })
        .map_or(hi, |(i, _)| hi + i);
    let mut out = Vec::with_capacity(2);
    if cut_from > s {
        out.push((s, cut_from));
    }
    if e > cut_to {
        out.push((cut_to, e));
    }
    if out.is_empty() {
        out.push((s, e));
    }
    out
}

/// Writes the predicted attributions of one text as a brat `.ann` file (code-point offsets).
pub fn write_ann(text: &str, attrs: &[PredAttribution]) -> String {
    let idx = CharIndex::new(text);
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::new();
    let mut t = 0;
    let mut e = 0;
    let mut tline = |out: &mut String, kind: &str, frags: &CharSet| -> Option<usize> {
        if frags.is_empty() {
            return None;
        }
        t += 1;
        let offs = frags
            .iter()
            .map(|(a, b)| format!("{a} {b}"))
            .collect::<Vec<_>>()
            .join(";");
        let body = frags
            .iter()
            .map(|&(a, b)| chars[a as usize..b as usize].iter().collect::<String>())
            .collect::<Vec<_>>()
            .join(" ")
            .replace(['\t', '\n', '\r'], " ");
        out.push_str(&format!("T{t}\t{kind} {offs}\t{body}\n"));
        Some(t)
    };
    for a in attrs {
        let frags: CharSet = content_pieces(text, a)
            .into_iter()
            .flat_map(|p| idx.fragments(text, p))
            .collect();
        let Some(content) = tline(&mut out, "Content", &frags) else {
            continue;
        };
        let cue = a
            .cue
            .and_then(|c| tline(&mut out, "Cue", &idx.fragments(text, c)));
        let source = a
            .source
            .and_then(|s| tline(&mut out, "Source", &idx.fragments(text, s)));
        let anchor_span = a.cue.unwrap_or(a.content);
        let anchor =
            tline(&mut out, "Attribution", &idx.fragments(text, anchor_span)).unwrap_or(content);
        e += 1;
        out.push_str(&format!("E{e}\tAttribution:T{anchor} Content:T{content}"));
        if let Some(c) = cue {
            out.push_str(&format!(" Cue:T{c}"));
        }
        if let Some(s) = source {
            out.push_str(&format!(" Source:T{s}"));
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "“Fine,” she said. Officials said the talks failed.";

    #[test]
    fn a_resumed_quote_leaves_out_its_own_cue_and_source() {
        let text = "“We won,” she said of the vote, “and they lost.” Then";
        let at = |p: &str| text.find(p).unwrap();
        let a = PredAttribution {
            content: (0, at(" Then")),
            cue: Some((at("said"), at("said") + 4)),
            source: Some((at("she"), at("she") + 3)),
        };
        let pieces: Vec<&str> = content_pieces(text, &a)
            .iter()
            .map(|&(s, e)| &text[s..e])
            .collect();
        assert_eq!(pieces, ["“We won,”", "“and they lost.”"]);
        // Without marks only the attribution's own words go.
        let plain = "It is over, she said, and done";
        let b = PredAttribution {
            content: (0, plain.len()),
            cue: Some((16, 20)),
            source: Some((12, 15)),
        };
        let pieces: Vec<&str> = content_pieces(plain, &b)
            .iter()
            .map(|&(s, e)| &plain[s..e])
            .collect();
        assert_eq!(pieces, ["It is over, ", ", and done"]);
        // Cue and source outside the content change nothing.
        let c = PredAttribution {
            content: (0, 10),
            cue: Some((12, 15)),
            source: None,
        };
        assert_eq!(content_pieces(plain, &c), [(0, 10)]);
    }

    #[test]
    fn written_predictions_read_back_as_the_same_attributions() {
        let q = TEXT.find("“Fine").unwrap();
        let end = TEXT.find(" she").unwrap();
        let she = TEXT.find("she").unwrap();
        let attrs = [PredAttribution {
            content: (q, end),
            cue: Some((she + 4, she + 8)),
            source: Some((she, she + 3)),
        }];
        let ann = write_ann(TEXT, &attrs);
        let mut st = ReadStats::default();
        let doc = parse_ann(&ann, TEXT, true, &mut st).unwrap();
        assert_eq!(st.pred_span_text_mismatch, 0);
        assert_eq!(doc.attrs.len(), 1);
        // Curly quotes are 3 bytes but one character each.
        assert_eq!(doc.attrs[0].content, vec![(0, 7)]);
        assert_eq!(doc.attrs[0].source, Some(vec![(8, 11)]));
    }

    #[test]
    fn scores_follow_the_matching_rules() {
        let gold = "T1\tSource 18 27\tOfficials\nT2\tCue 28 32\tsaid\nT3\tContent 33 49\tthe talks failed\n\
                    E1\tAttribution:T2 Content:T3 Cue:T2 Source:T1\nT9\tContent 0 7\t“Fine,”\n";
        let pred = "T1\tContent 33 45\tthe talks fa\nT2\tSource 18 21\tOff\nE1\tAttribution:T1 Content:T1 Source:T2\n";
        let mut st = ReadStats::default();
        let g = parse_ann(gold, TEXT, false, &mut st).unwrap();
        let p = parse_ann(pred, TEXT, true, &mut st).unwrap();
        assert_eq!(
            g.sets[0].len(),
            2,
            "unreferenced Content T lines count as spans"
        );
        let mut c = Counts::default();
        c.add(&p, &g);
        assert_eq!(c.exact_tp, [0, 0, 0]);
        assert_eq!(c.overlap_tp, [1, 0, 1]);
        assert_eq!(c.attr_source_tp, 1);
        let (p, r, _) = crate::prf(c.attr_source_tp, c.attr_pred, c.attr_gold, 100.0);
        assert_eq!((p, r), (100.0, 100.0));
    }

    #[test]
    fn malformed_pred_lines_are_errors_and_gold_lines_are_skipped() {
        let mut st = ReadStats::default();
        assert!(parse_ann("T1\tContent x y\tz\n", TEXT, true, &mut st).is_err());
        assert!(parse_ann("T1\tContent x y\tz\n", TEXT, false, &mut st)
            .unwrap()
            .attrs
            .is_empty());
        let d = parse_ann("T1\tContent 5 999\tz\n", TEXT, true, &mut st).unwrap();
        assert!(d.sets[0].is_empty());
        assert_eq!(st.bad_pred_offsets, 1);
    }

    #[test]
    fn agreement_scores_each_annotator_against_the_others_and_the_stage_alike() {
        let dir = std::env::temp_dir().join(format!("dossier-agreement-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("text")).unwrap();
        std::fs::create_dir_all(dir.join("attributions")).unwrap();
        std::fs::write(dir.join("text/a.txt"), TEXT).unwrap();
        std::fs::write(dir.join("text/b.txt"), TEXT).unwrap();
        let both = "T1\tSource 18 27\tOfficials\nT2\tCue 28 32\tsaid\nT3\tContent 33 49\tthe talks failed\n\
                    E1\tAttribution:T2 Content:T3 Cue:T2 Source:T1\n";
        let fine = "T5\tContent 0 7\t“Fine,”\nT6\tSource 8 11\tshe\nT7\tCue 12 16\tsaid\n\
                    E5\tAttribution:T7 Content:T5 Cue:T7 Source:T6\n";
        // Text a: annotator x marks both statements, y only the officials'. Text b has one file.
        std::fs::write(dir.join("attributions/a_x.ann"), format!("{both}{fine}")).unwrap();
        std::fs::write(dir.join("attributions/a_y.ann"), both).unwrap();
        std::fs::write(dir.join("attributions/b_x.ann"), both).unwrap();
        // The stage finds the officials' statement only, as y does.
        let at = |p: &str| TEXT.find(p).unwrap();
        let ag = agreement(&dir, |_| {
            vec![PredAttribution {
                content: (at("the talks"), TEXT.len()),
                cue: Some((at("said the"), at("said the") + 4)),
                source: Some((at("Officials"), at("Officials") + 9)),
            }]
        })
        .unwrap();
        let _ = std::fs::remove_dir_all(&dir);
        assert_eq!(ag.texts, 1, "only text a has several annotators");
        let (x_texts, x_humans, x_system) = &ag.by_gold["x"];
        assert_eq!(*x_texts, 1);
        // Against x (two statements), y and the stage both find one: P 100, R 50.
        assert_eq!(
            (
                x_humans.attr_source_tp,
                x_humans.attr_pred,
                x_humans.attr_gold
            ),
            (1, 1, 2)
        );
        assert_eq!(
            (
                x_system.attr_source_tp,
                x_system.attr_pred,
                x_system.attr_gold
            ),
            (1, 1, 2)
        );
        // Against y, x finds one more than y marks; the stage agrees with y exactly.
        let (_, y_humans, y_system) = &ag.by_gold["y"];
        assert_eq!(
            (
                y_humans.attr_source_tp,
                y_humans.attr_pred,
                y_humans.attr_gold
            ),
            (1, 2, 1)
        );
        assert_eq!(y_system.headline().0, 100.0);
        let (source, _) = ag.humans.headline();
        assert!((source - 200.0 / 3.0).abs() < 1e-9, "{source}");
    }
}
