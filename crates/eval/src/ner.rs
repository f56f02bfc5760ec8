//! CoNLL NER files and conlleval-style scoring.
//!
//! Reads the CoNLL-2003 layout (whitespace columns, token first, NER tag last; blank lines end a
//! sentence; `-DOCSTART-` lines end a document) and the two-column WNUT-17 layout. Scores are
//! conlleval's: exact span and exact type, micro-averaged, in percent, with the same chunk state
//! machine as `conlleval` (and `../shared/scorers/conll.py`), so figures agree to the last digit.

use std::collections::BTreeMap;

/// One sentence of a CoNLL file.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ConllSentence {
    pub words: Vec<String>,
    /// The gold tag of each word (the last column).
    pub tags: Vec<String>,
    /// The input lines, without their line ending, for writing predictions.
    pub lines: Vec<String>,
}

/// A run of sentences between `-DOCSTART-` lines (a file without them gives one per sentence,
/// since such files, like WNUT-17, hold independent posts).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ConllDoc {
    pub sentences: Vec<ConllSentence>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ConllError {
    pub line: usize,
    pub message: String,
}

impl std::fmt::Display for ConllError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

impl std::error::Error for ConllError {}

/// Parses a CoNLL file's text into documents of sentences.
pub fn read_conll(text: &str) -> Result<Vec<ConllDoc>, ConllError> {
    let mut docs = Vec::new();
    let mut doc = ConllDoc::default();
    let mut sent = ConllSentence::default();
    let mut saw_docstart = false;
    for (i, line) in text.lines().enumerate() {
        // A byte-order mark (WNUT-17 dev ends with a line holding only one) is not a token.
        let line = line.trim_end_matches('\r').trim_start_matches('\u{feff}');
        let mut cols = line.split_whitespace();
        let Some(first) = cols.next() else {
            if !sent.words.is_empty() {
                doc.sentences.push(std::mem::take(&mut sent));
            }
            continue;
        };
        if first == "-DOCSTART-" {
            saw_docstart = true;
            if !sent.words.is_empty() {
                doc.sentences.push(std::mem::take(&mut sent));
            }
            if !doc.sentences.is_empty() {
                docs.push(std::mem::take(&mut doc));
            }
            continue;
        }
        let Some(tag) = cols.last() else {
            return Err(ConllError {
                line: i + 1,
                message: format!("expected at least 2 columns, got {line:?}"),
            });
        };
        if !valid_tag(tag) {
            return Err(ConllError {
                line: i + 1,
                message: format!("tag {tag:?} is neither O nor PREFIX-TYPE"),
            });
        }
        sent.words.push(first.to_string());
        sent.tags.push(tag.to_string());
        sent.lines.push(line.to_string());
    }
    if !sent.words.is_empty() {
        doc.sentences.push(sent);
    }
    if !doc.sentences.is_empty() {
        docs.push(doc);
    }
    if !saw_docstart {
        docs = docs
            .into_iter()
            .flat_map(|d| d.sentences)
            .map(|s| ConllDoc { sentences: vec![s] })
            .collect();
    }
    Ok(docs)
}

fn valid_tag(tag: &str) -> bool {
    if tag == "O" {
        return true;
    }
    let (p, t) = split_tag(tag);
    matches!(p, "B" | "I" | "E" | "S" | "L" | "U") && !t.is_empty()
}

/// `B-PER` -> (`B`, `PER`); `O` -> (`O`, ``). Splits at the first `-`, as conlleval does.
pub fn split_tag(tag: &str) -> (&str, &str) {
    match tag.split_once('-') {
        Some((p, t)) => (p, t),
        None => (tag, ""),
    }
}

/// How gold entity types are renamed before scoring.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TypeMap {
    /// Types kept as they are (CoNLL-2003: PER, ORG, LOC, MISC).
    Identity,
    /// WNUT-17 types onto CoNLL's: person -> PER, location -> LOC, corporation and group -> ORG,
    /// product and creative-work -> MISC.
    Wnut17,
}

impl TypeMap {
    pub fn map<'a>(&self, typ: &'a str) -> &'a str {
        match self {
            TypeMap::Identity => typ,
            TypeMap::Wnut17 => match typ {
                "person" => "PER",
                "location" => "LOC",
                "corporation" | "group" => "ORG",
                "product" | "creative-work" => "MISC",
                other => other,
            },
        }
    }

    /// Renames the types of every gold tag in place, in `tags` and in the last column of
    /// `lines` (so predictions written from them score the same with the reference scorer).
    pub fn apply(&self, docs: &mut [ConllDoc]) {
        if *self == TypeMap::Identity {
            return;
        }
        for s in docs.iter_mut().flat_map(|d| d.sentences.iter_mut()) {
            for (tag, line) in s.tags.iter_mut().zip(s.lines.iter_mut()) {
                let (p, t) = split_tag(tag);
                if t.is_empty() {
                    continue;
                }
                let mapped = format!("{p}-{}", self.map(t));
                if let Some(at) = line.rfind(tag.as_str()) {
                    line.replace_range(at..at + tag.len(), &mapped);
                }
                *tag = mapped;
            }
        }
    }
}

/// Precision, recall and F1 of one type or of all.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Prf {
    pub gold: usize,
    pub pred: usize,
    pub correct: usize,
    pub precision_pct: f64,
    pub recall_pct: f64,
    pub f1_pct: f64,
}

impl Prf {
    fn new(correct: usize, pred: usize, gold: usize) -> Prf {
        let (p, r, f) = crate::prf(correct as u64, pred as u64, gold as u64, 100.0);
        Prf {
            gold,
            pred,
            correct,
            precision_pct: p,
            recall_pct: r,
            f1_pct: f,
        }
    }
}

/// conlleval's figures for one file.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct NerScores {
    pub tokens: usize,
    pub sentences: usize,
    pub overall: Prf,
    /// Token tag accuracy, in percent.
    pub accuracy_pct: f64,
    pub per_type: BTreeMap<String, Prf>,
}

/// BIOES / BILOU / IOE tags of one sentence as IOB tags; B/I/O input is unchanged.
pub fn normalise_tags<S: AsRef<str>>(tags: &[S]) -> Vec<String> {
    let mut out = Vec::with_capacity(tags.len());
    let (mut prev_p, mut prev_t) = ("O", "");
    for tag in tags {
        let tag = tag.as_ref();
        if tag == "O" {
            out.push("O".to_string());
            (prev_p, prev_t) = ("O", "");
            continue;
        }
        let (p, t) = split_tag(tag);
        let np = match p {
            "S" | "U" => "B",
            "E" | "L" | "I" => {
                if matches!(prev_p, "E" | "S" | "L" | "U") && prev_t == t {
                    "B"
                } else {
                    "I"
                }
            }
            other => other,
        };
        out.push(format!("{np}-{t}"));
        (prev_p, prev_t) = (p, t);
    }
    out
}

fn end_of_chunk(prev: &str, tag: &str, prev_type: &str, typ: &str) -> bool {
    matches!(
        (prev, tag),
        ("B", "B") | ("B", "O") | ("I", "B") | ("I", "O") | ("E", "E") | ("E", "I") | ("E", "O")
    ) || (prev != "O" && prev != "." && prev_type != typ)
        || prev == "]"
        || prev == "["
}

fn start_of_chunk(prev: &str, tag: &str, prev_type: &str, typ: &str) -> bool {
    matches!(
        (prev, tag),
        ("B", "B") | ("I", "B") | ("O", "B") | ("O", "I") | ("E", "E") | ("E", "I") | ("O", "E")
    ) || (tag != "O" && tag != "." && prev_type != typ)
        || tag == "["
        || tag == "]"
}

/// Scores predicted tags against gold tags, sentence by sentence (each pair of sentences must
/// have the same length; extra tokens on either side are ignored).
pub fn score<G: AsRef<str>, P: AsRef<str>>(gold: &[Vec<G>], pred: &[Vec<P>]) -> NerScores {
    #[derive(Default)]
    struct Counts {
        correct: usize,
        gold: usize,
        pred: usize,
    }
    let mut per: BTreeMap<String, Counts> = BTreeMap::new();
    let (mut correct_chunk, mut found_gold, mut found_pred) = (0, 0, 0);
    let (mut correct_tags, mut tokens) = (0, 0);
    let mut in_correct = false;
    let (mut last_c, mut last_g, mut last_ct, mut last_gt) = (
        String::from("O"),
        String::from("O"),
        String::new(),
        String::new(),
    );
    let sentences = gold.len().min(pred.len());
    let mut step = |c: &str, ct: &str, g: &str, gt: &str, boundary: bool| {
        if in_correct {
            let end_c = end_of_chunk(&last_c, c, &last_ct, ct);
            let end_g = end_of_chunk(&last_g, g, &last_gt, gt);
            if end_c && end_g && last_gt == last_ct {
                in_correct = false;
                correct_chunk += 1;
                per.entry(last_ct.clone()).or_default().correct += 1;
            } else if end_c != end_g || gt != ct {
                in_correct = false;
            }
        }
        let start_c = start_of_chunk(&last_c, c, &last_ct, ct);
        let start_g = start_of_chunk(&last_g, g, &last_gt, gt);
        if start_c && start_g && gt == ct {
            in_correct = true;
        }
        if start_c {
            found_gold += 1;
            per.entry(ct.to_string()).or_default().gold += 1;
        }
        if start_g {
            found_pred += 1;
            per.entry(gt.to_string()).or_default().pred += 1;
        }
        if !boundary {
            if c == g && ct == gt {
                correct_tags += 1;
            }
            tokens += 1;
        }
        last_c.clear();
        last_c.push_str(c);
        last_g.clear();
        last_g.push_str(g);
        last_ct.clear();
        last_ct.push_str(ct);
        last_gt.clear();
        last_gt.push_str(gt);
    };
    for (gs, ps) in gold.iter().zip(pred) {
        let n = gs.len().min(ps.len());
        if n == 0 {
            continue;
        }
        step("O", "", "O", "", true);
        let (gn, pn) = (normalise_tags(&gs[..n]), normalise_tags(&ps[..n]));
        for (g, p) in gn.iter().zip(&pn) {
            let (c, ct) = split_tag(g);
            let (pp, pt) = split_tag(p);
            step(c, ct, pp, pt, false);
        }
    }
    step("O", "", "O", "", true);
    if in_correct {
        correct_chunk += 1;
        per.entry(last_ct.clone()).or_default().correct += 1;
    }
    let per_type = per
        .into_iter()
        .filter(|(t, _)| !t.is_empty())
        .map(|(t, c)| (t, Prf::new(c.correct, c.pred, c.gold)))
        .collect();
    NerScores {
        tokens,
        sentences,
        overall: Prf::new(correct_chunk, found_pred, found_gold),
        accuracy_pct: if tokens > 0 {
            100.0 * correct_tags as f64 / tokens as f64
        } else {
            0.0
        },
        per_type,
    }
}

/// Chunks `(first, end, type)` of one sentence's tags, by conlleval's rules (IOB1, IOB2,
/// BIOES and BILOU all work).
pub fn chunks<S: AsRef<str>>(tags: &[S]) -> Vec<(usize, usize, String)> {
    let iob = normalise_tags(tags);
    let mut out = Vec::new();
    let mut open: Option<(usize, &str)> = None;
    for (i, t) in iob.iter().enumerate() {
        let (p, ty) = split_tag(t);
        if p == "I" && open.is_some_and(|(_, o)| o == ty) {
            continue;
        }
        if let Some((s, o)) = open.take() {
            out.push((s, i, o.to_string()));
        }
        if p == "B" || p == "I" {
            open = Some((i, ty));
        }
    }
    if let Some((s, o)) = open {
        out.push((s, iob.len(), o.to_string()));
    }
    out
}

impl ConllDoc {
    /// The words of each sentence.
    pub fn words(&self) -> Vec<Vec<&str>> {
        self.sentences
            .iter()
            .map(|s| s.words.iter().map(String::as_str).collect())
            .collect()
    }
}

/// The same tags with every type replaced by `ENT`: scores spans only.
pub fn untyped<S: AsRef<str>>(tags: &[Vec<S>]) -> Vec<Vec<String>> {
    tags.iter()
        .map(|s| {
            s.iter()
                .map(|t| match split_tag(t.as_ref()) {
                    (p, ty) if !ty.is_empty() => format!("{p}-ENT"),
                    (p, _) => p.to_string(),
                })
                .collect()
        })
        .collect()
}

/// conlleval input: each gold line with the predicted tag appended, a blank line after each
/// sentence and a `-DOCSTART- -X- -X- O` line before each document when the input had them.
pub fn write_predictions<P: AsRef<str>>(
    docs: &[ConllDoc],
    pred: &[Vec<P>],
    docstart: bool,
) -> String {
    let mut out = String::new();
    let mut k = 0;
    for d in docs {
        if docstart {
            out.push_str("-DOCSTART- -X- -X- O\n\n");
        }
        for s in &d.sentences {
            let tags = pred.get(k).map(|v| v.as_slice()).unwrap_or(&[]);
            for (i, line) in s.lines.iter().enumerate() {
                out.push_str(line);
                out.push(' ');
                out.push_str(tags.get(i).map_or("O", |t| t.as_ref()));
                out.push('\n');
            }
            out.push('\n');
            k += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(s: &str) -> Vec<String> {
        s.split_whitespace().map(str::to_string).collect()
    }

    #[test]
    fn reads_documents_and_sentences() {
        let text = "-DOCSTART- -X- -X- O\n\nKabul NNP B-NP B-LOC\nis VBZ B-VP O\n\nHe PRP B-NP O\n-DOCSTART- -X- -X- O\n\nA DT O O\n";
        let docs = read_conll(text).unwrap();
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[0].sentences.len(), 2);
        assert_eq!(docs[0].sentences[0].words, v("Kabul is"));
        assert_eq!(docs[0].sentences[0].tags, v("B-LOC O"));
        assert_eq!(docs[1].sentences[0].lines, vec!["A DT O O".to_string()]);
    }

    #[test]
    fn files_without_docstart_give_one_document_per_sentence() {
        let docs = read_conll("a\tO\nb\tB-person\n\nc\tO\n").unwrap();
        assert_eq!(docs.len(), 2);
        assert!(read_conll("a\n").is_err());
        assert_eq!(read_conll("a\tO\n\u{feff}\n").unwrap().len(), 1);
        assert!(read_conll("a X-Y\n").is_err());
    }

    #[test]
    fn exact_spans_and_types() {
        let gold = vec![v("B-PER I-PER O B-LOC"), v("B-ORG O")];
        let pred = vec![v("B-PER I-PER O B-ORG"), v("B-ORG O")];
        let s = score(&gold, &pred);
        assert_eq!(
            (s.overall.gold, s.overall.pred, s.overall.correct),
            (3, 3, 2)
        );
        assert_eq!(s.per_type["PER"].correct, 1);
        assert_eq!(s.per_type["LOC"].pred, 0);
        assert_eq!(s.per_type["ORG"].pred, 2);
        assert!((s.overall.f1_pct - 200.0 / 3.0).abs() < 1e-9);
        assert_eq!(s.tokens, 6);
    }

    #[test]
    fn a_span_cut_short_is_wrong() {
        let s = score(&[v("B-PER I-PER")], &[v("B-PER O")]);
        assert_eq!(s.overall.correct, 0);
        let s = score(&[v("B-PER I-PER")], &[v("U-PER O")]);
        assert_eq!(s.overall.correct, 0);
        let s = score(&[v("B-PER I-PER U-LOC")], &[v("B-PER L-PER U-LOC")]);
        assert_eq!(s.overall.correct, 2);
    }

    #[test]
    fn chunks_of_iob_tags() {
        let c = chunks(&v("B-PER I-PER O I-LOC B-LOC U-ORG"));
        let c: Vec<(usize, usize, &str)> = c.iter().map(|(a, b, t)| (*a, *b, t.as_str())).collect();
        assert_eq!(
            c,
            vec![(0, 2, "PER"), (3, 4, "LOC"), (4, 5, "LOC"), (5, 6, "ORG")]
        );
    }

    #[test]
    fn iob1_and_bilou_normalise() {
        assert_eq!(
            normalise_tags(&v("U-PER U-PER B-LOC L-LOC")),
            v("B-PER B-PER B-LOC I-LOC")
        );
        let s = score(&[v("I-PER I-PER B-PER")], &[v("B-PER I-PER B-PER")]);
        assert_eq!(s.overall.correct, 2);
    }

    #[test]
    fn wnut_types_map_onto_conll() {
        let mut docs =
            read_conll("x\tB-corporation\ny\tI-corporation\n\nz\tB-creative-work\n").unwrap();
        TypeMap::Wnut17.apply(&mut docs);
        assert_eq!(docs[0].sentences[0].tags, v("B-ORG I-ORG"));
        assert_eq!(docs[1].sentences[0].tags, v("B-MISC"));
        assert_eq!(docs[0].sentences[0].lines[1], "y\tI-ORG");
        assert_eq!(untyped(&[v("B-ORG O")]), vec![v("B-ENT O")]);
    }

    #[test]
    fn predictions_append_a_column() {
        let docs = read_conll("-DOCSTART- -X- -X- O\n\nKabul NNP B-NP B-LOC\n").unwrap();
        let out = write_predictions(&docs, &[v("B-LOC")], true);
        assert_eq!(
            out,
            "-DOCSTART- -X- -X- O\n\nKabul NNP B-NP B-LOC B-LOC\n\n"
        );
    }
}
