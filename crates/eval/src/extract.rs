//! Main-text extraction on the article-extraction benchmark (Zyte / Scrapinghub layout):
//! `ground-truth.json` maps `{id: {"articleBody": …, "url": …}}` and `html/<id>.html.gz` (or
//! `.html`) holds each page.
//!
//! Metric (the benchmark's own): text is split into `\w+` tokens (Unicode letters, digits and
//! `_`, case kept); each text is a bag of 4-token shingles (a text of 1 to 3 tokens is one
//! shingle, an empty text none). Per page tp = |gold ∩ pred| (multiset), fp = |pred| − tp,
//! fn = |gold| − tp. The benchmark's figures ("upstream"): precision averaged over pages with
//! tp + fp > 0, recall averaged over pages with tp + fn > 0 (a page with fp = fn = 0 scores 1),
//! F1 the harmonic mean of the two averages. The micro figures sum tp, |pred| and |gold| over
//! pages first.

use std::collections::{BTreeMap, HashMap};
use std::io::Read;
use std::path::{Path, PathBuf};

use serde::Serialize;

/// One gold page.
#[derive(Clone, Debug)]
pub struct GoldPage {
    pub body: String,
    pub url: Option<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum ExtractEvalError {
    #[error("{0}: {1}")]
    Io(PathBuf, std::io::Error),
    #[error("{0}: not benchmark ground truth: {1}")]
    Format(PathBuf, String),
}

/// Reads `ground-truth.json`.
pub fn load_gold(path: &Path) -> Result<BTreeMap<String, GoldPage>, ExtractEvalError> {
    let raw = std::fs::read(path).map_err(|e| ExtractEvalError::Io(path.into(), e))?;
    let v: serde_json::Value = serde_json::from_slice(&raw)
        .map_err(|e| ExtractEvalError::Format(path.into(), e.to_string()))?;
    let obj = v.as_object().filter(|o| !o.is_empty()).ok_or_else(|| {
        ExtractEvalError::Format(
            path.into(),
            "expected a non-empty object {id: {articleBody}}".into(),
        )
    })?;
    let mut out = BTreeMap::new();
    for (id, page) in obj {
        let body = match page.get("articleBody") {
            Some(serde_json::Value::String(s)) => s.clone(),
            None | Some(serde_json::Value::Null) => String::new(),
            _ => {
                return Err(ExtractEvalError::Format(
                    path.into(),
                    format!("{id}: articleBody is not a string"),
                ))
            }
        };
        let url = page.get("url").and_then(|u| u.as_str()).map(str::to_string);
        out.insert(id.clone(), GoldPage { body, url });
    }
    Ok(out)
}

/// The bytes of page `id` in `dir`: `<id>.html.gz` (decompressed) or `<id>.html`.
pub fn read_page(dir: &Path, id: &str) -> Result<Vec<u8>, ExtractEvalError> {
    let gz = dir.join(format!("{id}.html.gz"));
    if gz.exists() {
        let f = std::fs::File::open(&gz).map_err(|e| ExtractEvalError::Io(gz.clone(), e))?;
        let mut out = Vec::new();
        flate2::read::MultiGzDecoder::new(f)
            .read_to_end(&mut out)
            .map_err(|e| ExtractEvalError::Io(gz, e))?;
        return Ok(out);
    }
    let plain = dir.join(format!("{id}.html"));
    std::fs::read(&plain).map_err(|e| ExtractEvalError::Io(plain, e))
}

/// The `\w+` tokens of a text, as Python's `re` finds them: runs of letters (`L*`), numbers
/// (`N*`) and `_`. (Rust's `char::is_alphanumeric` also takes marks and some symbols.)
pub fn tokens(text: &str) -> Vec<&str> {
    use std::sync::OnceLock;
    static WORD: OnceLock<regex::Regex> = OnceLock::new();
    let re = WORD.get_or_init(|| regex::Regex::new(r"[\p{L}\p{N}_]+").expect("static regex"));
    re.find_iter(text).map(|m| m.as_str()).collect()
}

/// The bag of 4-token shingles of a token list.
fn shingles<'a>(toks: &'a [&'a str]) -> HashMap<&'a [&'a str], u32> {
    let mut m = HashMap::new();
    if toks.is_empty() {
        return m;
    }
    let n = toks.len().min(4);
    for w in toks.windows(n) {
        *m.entry(w).or_insert(0) += 1;
    }
    m
}

/// CPU seconds this process has used (user + system), from `/proc`; `None` elsewhere. On a
/// shared machine this, not wall time, says what the extraction costs.
pub fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let rest = stat.get(stat.rfind(')')? + 2..)?;
    let mut f = rest.split_whitespace().skip(11);
    let (user, system) = (
        f.next()?.parse::<f64>().ok()?,
        f.next()?.parse::<f64>().ok()?,
    );
    Some((user + system) / 100.0)
}

#[derive(Clone, Debug, Default, Serialize)]
pub struct PageScore {
    pub tp: u64,
    pub pred: u64,
    pub gold: u64,
    pub f1: f64,
    pub exact: bool,
}

/// Scores one page.
pub fn score_page(gold: &str, pred: &str) -> PageScore {
    let (gt, pt) = (tokens(gold), tokens(pred));
    let (g, p) = (shingles(&gt), shingles(&pt));
    let tp: u64 = p
        .iter()
        .map(|(k, &c)| c.min(g.get(k).copied().unwrap_or(0)) as u64)
        .sum();
    let n_p: u64 = p.values().map(|&c| c as u64).sum();
    let n_g: u64 = g.values().map(|&c| c as u64).sum();
    let f1 = if n_p == 0 && n_g == 0 {
        1.0
    } else {
        crate::prf(tp, n_p, n_g, 1.0).2
    };
    PageScore {
        tp,
        pred: n_p,
        gold: n_g,
        f1,
        exact: gt == pt,
    }
}

/// The benchmark's scores over all gold pages.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Scores {
    pub pages: usize,
    pub missing_ids: usize,
    pub extra_ids: usize,
    /// Micro: summed over pages.
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    pub tp_shingles: u64,
    pub pred_shingles: u64,
    pub gold_shingles: u64,
    pub mean_page_f1: f64,
    pub exact_pages: usize,
    pub exact_share: f64,
    /// The benchmark's published formula: per-page precision and recall averaged, then F1.
    pub upstream_precision: f64,
    pub upstream_recall: f64,
    pub upstream_f1: f64,
    /// The five lowest per-page F1, lowest first.
    pub worst_pages_f1: Vec<(String, f64)>,
    pub per_page: BTreeMap<String, PageScore>,
}

/// Scores predictions against gold; an id without a prediction counts as an empty text.
pub fn score(gold: &BTreeMap<String, GoldPage>, pred: &BTreeMap<String, String>) -> Scores {
    let mut s = Scores {
        pages: gold.len(),
        ..Scores::default()
    };
    s.missing_ids = gold.keys().filter(|k| !pred.contains_key(*k)).count();
    s.extra_ids = pred.keys().filter(|k| !gold.contains_key(*k)).count();
    let (mut up_p, mut up_r) = (Vec::new(), Vec::new());
    let mut f1_sum = 0.0;
    for (id, g) in gold {
        let ps = score_page(&g.body, pred.get(id).map_or("", String::as_str));
        let (tp, fp, fn_) = (ps.tp, ps.pred - ps.tp, ps.gold - ps.tp);
        s.tp_shingles += tp;
        s.pred_shingles += ps.pred;
        s.gold_shingles += ps.gold;
        s.exact_pages += ps.exact as usize;
        f1_sum += ps.f1;
        let both_exact = fp == 0 && fn_ == 0;
        if tp + fp > 0 {
            up_p.push(if both_exact {
                1.0
            } else {
                tp as f64 / (tp + fp) as f64
            });
        }
        if tp + fn_ > 0 {
            up_r.push(if both_exact {
                1.0
            } else {
                tp as f64 / (tp + fn_) as f64
            });
        }
        s.per_page.insert(id.clone(), ps);
    }
    (s.precision, s.recall, s.f1) =
        crate::prf(s.tp_shingles, s.pred_shingles, s.gold_shingles, 1.0);
    let n = gold.len().max(1) as f64;
    s.mean_page_f1 = f1_sum / n;
    s.exact_share = s.exact_pages as f64 / n;
    let mean = |v: &[f64]| {
        if v.is_empty() {
            0.0
        } else {
            v.iter().sum::<f64>() / v.len() as f64
        }
    };
    s.upstream_precision = mean(&up_p);
    s.upstream_recall = mean(&up_r);
    let (up, ur) = (s.upstream_precision, s.upstream_recall);
    s.upstream_f1 = if up + ur > 0.0 {
        2.0 * up * ur / (up + ur)
    } else {
        0.0
    };
    let mut worst: Vec<(String, f64)> = s.per_page.iter().map(|(k, p)| (k.clone(), p.f1)).collect();
    worst.sort_by(|a, b| {
        a.1.partial_cmp(&b.1)
            .unwrap_or(std::cmp::Ordering::Equal)
            .then(a.0.cmp(&b.0))
    });
    worst.truncate(5);
    s.worst_pages_f1 = worst;
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gold(pages: &[(&str, &str)]) -> BTreeMap<String, GoldPage> {
        pages
            .iter()
            .map(|(k, v)| {
                (
                    k.to_string(),
                    GoldPage {
                        body: v.to_string(),
                        url: None,
                    },
                )
            })
            .collect()
    }

    #[test]
    fn tokens_follow_python_word_class() {
        assert_eq!(
            tokens("Hello, wörld_2 — 46%"),
            vec!["Hello", "wörld_2", "46"]
        );
        // A combining mark is not a word character in Python's regex.
        assert_eq!(tokens("cafe\u{301} x"), vec!["cafe", "x"]);
    }

    #[test]
    fn shingle_counts() {
        let p = score_page("a b c d e", "a b c d");
        assert_eq!((p.tp, p.pred, p.gold), (1, 1, 2));
        let p = score_page("a b", "a b");
        assert_eq!((p.tp, p.pred, p.gold, p.exact), (1, 1, 1, true));
        let p = score_page("", "");
        assert_eq!((p.tp, p.f1), (0, 1.0));
    }

    #[test]
    fn upstream_and_micro_averages() {
        let g = gold(&[("x", "a b c d e f"), ("y", "p q r s")]);
        let mut pred = BTreeMap::new();
        pred.insert("x".to_string(), "a b c d e f".to_string());
        pred.insert("y".to_string(), "p q r s t u".to_string());
        let s = score(&g, &pred);
        // x: tp 3 of 3; y: tp 1, pred 3, gold 1.
        assert_eq!((s.tp_shingles, s.pred_shingles, s.gold_shingles), (4, 6, 4));
        assert!((s.precision - 4.0 / 6.0).abs() < 1e-12);
        assert!((s.upstream_precision - (1.0 + 1.0 / 3.0) / 2.0).abs() < 1e-12);
        assert!((s.upstream_recall - 1.0).abs() < 1e-12);
        assert_eq!(s.exact_pages, 1);
    }
}
