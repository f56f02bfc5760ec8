//! TempEval-3 Task A on TimeML files: TIMEX3 extraction (strict and relaxed span match) and
//! normalisation (type and value), scored as the TempEval-3 definitions and the reference
//! scorer in `../shared/scorers/scorers/timeml.py` do.
//!
//! A file's plain text is the content of `<TEXT>` with every tag removed and entities
//! unescaped; spans are character offsets into it. The anchor is the file's TIMEX3 with
//! `functionInDocument="CREATION_TIME"`. Matching per file is one-to-one: identical spans
//! first, then the remaining overlapping pairs greedily by largest overlap.
//!
//! Dev/tuning split of TBAQ-cleaned (see [`Part`]): the **dev** part is every second file of
//! `AQUAINT/` in sorted order (the 2nd, 4th, ... : 36 files, 279 TIMEX3); the **tuning** part is
//! the rest (all of `TimeBank/` and the other 37 AQUAINT files). Rules are written looking at
//! tuning-part errors only; the dev part is scored, never read for errors.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

use serde::Serialize;

/// One TIMEX3 of a file: character offsets into the plain text, type and value.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TmlTimex {
    pub start: usize,
    pub end: usize,
    #[serde(rename = "type")]
    pub kind: String,
    pub value: String,
}

/// A TimeML file read for scoring.
#[derive(Clone, Debug, Default)]
pub struct TmlDoc {
    /// Path relative to the gold root.
    pub rel: PathBuf,
    pub docid: String,
    /// The `<TEXT>` content without tags, entities unescaped.
    pub text: String,
    pub timexes: Vec<TmlTimex>,
    /// The creation-time value as written (`1998-01-08`, `1989-10-26T...`).
    pub dct: Option<String>,
}

fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let mut rest = tag;
    while let Some(p) = rest.find(name) {
        let before_ok = p == 0 || rest.as_bytes()[p - 1].is_ascii_whitespace();
        let after = rest[p + name.len()..].trim_start();
        if before_ok {
            if let Some(v) = after.strip_prefix('=') {
                let v = v.trim_start();
                let q = v.chars().next()?;
                if q == '"' || q == '\'' {
                    let body = &v[1..];
                    return body.find(q).map(|e| &body[..e]);
                }
            }
        }
        rest = &rest[p + name.len()..];
    }
    None
}

/// Unescapes the XML entities and numeric character references of TimeML text.
pub fn unescape(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(p) = rest.find('&') {
        out.push_str(&rest[..p]);
        rest = &rest[p..];
        let semi = rest[..rest.len().min(12)].find(';');
        let decoded = semi.and_then(|e| {
            let name = &rest[1..e];
            let c = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                _ => {
                    let n = name
                        .strip_prefix("#x")
                        .or_else(|| name.strip_prefix("#X"))
                        .map(|h| u32::from_str_radix(h, 16));
                    let n = n.or_else(|| name.strip_prefix('#').map(|d| d.parse::<u32>()));
                    n.and_then(|r| r.ok()).and_then(char::from_u32)
                }
            };
            c.map(|c| (c, e + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn escape(s: &str, out: &mut String) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
}

/// Reads a TimeML document from its XML.
pub fn parse_tml(raw: &str) -> Result<TmlDoc, String> {
    let mut doc = TmlDoc::default();
    if let (Some(a), Some(b)) = (raw.find("<DOCID>"), raw.find("</DOCID>")) {
        if a + 7 <= b {
            doc.docid = raw[a + 7..b].trim().to_string();
        }
    }
    // The creation time: the first TIMEX3 that says it is one, wherever it is.
    let mut from = 0;
    while let Some(p) = raw[from..].find("<TIMEX3") {
        let s = from + p;
        let e = raw[s..].find('>').map_or(raw.len(), |e| s + e);
        let tag = &raw[s..e];
        if attr(tag, "functionInDocument").is_some_and(|f| f.eq_ignore_ascii_case("CREATION_TIME"))
        {
            doc.dct = attr(tag, "value").map(str::to_string);
            break;
        }
        from = e;
    }
    let lower = raw.to_ascii_lowercase();
    let open = lower.find("<text").ok_or("no <TEXT> element")?;
    let body_start = raw[open..].find('>').ok_or("unclosed <TEXT> tag")? + open + 1;
    let body_end = lower[body_start..].find("</text").ok_or("no </TEXT>")? + body_start;
    let content = &raw[body_start..body_end];

    let mut chars = 0usize;
    let mut stack: Vec<(usize, usize, String, String, bool)> = Vec::new();
    let mut text = String::with_capacity(content.len());
    let mut rest = content;
    while let Some(p) = rest.find('<') {
        let seg = unescape(&rest[..p]);
        chars += seg.chars().count();
        text.push_str(&seg);
        rest = &rest[p..];
        if let Some(body) = rest.strip_prefix("<!--") {
            let e = body.find("-->").map_or(rest.len(), |e| e + 7);
            rest = &rest[e.min(rest.len())..];
            continue;
        }
        if let Some(body) = rest.strip_prefix("<![CDATA[") {
            let e = body.find("]]>").ok_or("unclosed CDATA")?;
            chars += body[..e].chars().count();
            text.push_str(&body[..e]);
            rest = &body[e + 3..];
            continue;
        }
        let e = rest.find('>').ok_or("unclosed tag")?;
        let tag = &rest[1..e];
        rest = &rest[e + 1..];
        let closing = tag.trim_start().starts_with('/');
        let name: String = tag
            .trim_start()
            .trim_start_matches('/')
            .trim_start()
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        if !name.eq_ignore_ascii_case("TIMEX3") {
            continue;
        }
        if closing {
            let (start, bstart, kind, value, dct) =
                stack.pop().ok_or("</TIMEX3> without <TIMEX3>")?;
            if !dct && chars > start && !text[bstart..].trim().is_empty() {
                doc.timexes.push(TmlTimex {
                    start,
                    end: chars,
                    kind,
                    value,
                });
            }
            continue;
        }
        if tag.trim_end().ends_with('/') {
            continue;
        }
        let kind = attr(tag, "type").map(unescape).unwrap_or_default();
        let value = attr(tag, "value").map(unescape).unwrap_or_default();
        let dct = attr(tag, "functionInDocument")
            .is_some_and(|f| f.eq_ignore_ascii_case("CREATION_TIME"));
        stack.push((chars, text.len(), kind, value, dct));
    }
    text.push_str(&unescape(rest));
    if !stack.is_empty() {
        return Err("a <TIMEX3> is never closed".into());
    }
    doc.text = text;
    doc.timexes.sort_by_key(|t| (t.start, t.end));
    Ok(doc)
}

/// Every `.tml` file under `root`, sorted by relative path (directories sorted, as the reference scorer walks them).
pub fn list_tml(root: &Path) -> std::io::Result<Vec<PathBuf>> {
    if root.is_file() {
        return Ok(vec![root.to_path_buf()]);
    }
    let mut out = Vec::new();
    let mut dirs = vec![root.to_path_buf()];
    while let Some(d) = dirs.pop() {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(&d)?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .collect();
        entries.sort();
        for p in entries {
            if p.is_dir() {
                dirs.push(p);
            } else if p.extension().is_some_and(|e| e.eq_ignore_ascii_case("tml")) {
                out.push(p);
            }
        }
    }
    out.sort();
    Ok(out)
}

/// Which part of TBAQ-cleaned a file belongs to: AQUAINT is closest in style to the held-out
/// TempEval-3 platinum set, so half of it is kept as the dev set.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub enum Part {
    /// Every second `AQUAINT/` file in sorted order (2nd, 4th, ...).
    Dev,
    /// Everything else: TimeBank and the other AQUAINT files.
    Tune,
}

impl Part {
    pub fn name(self) -> &'static str {
        match self {
            Part::Dev => "dev",
            Part::Tune => "tune",
        }
    }
}

/// The part of each of `files` (as [`list_tml`] gives them, sorted): a file is dev when its
/// directory is named `AQUAINT` and it has an odd index among that directory's sorted files.
pub fn parts(files: &[PathBuf]) -> Vec<Part> {
    let mut seen: BTreeMap<&Path, usize> = BTreeMap::new();
    files
        .iter()
        .map(|f| {
            let dir = f.parent().unwrap_or(Path::new(""));
            let aquaint = dir
                .file_name()
                .is_some_and(|n| n.eq_ignore_ascii_case("AQUAINT"));
            let i = seen.entry(dir).or_default();
            let k = *i;
            *i += 1;
            if aquaint && k % 2 == 1 {
                Part::Dev
            } else {
                Part::Tune
            }
        })
        .collect()
}

/// Counts of one file or a sum of files.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub n_gold: usize,
    pub n_pred: usize,
    pub n_strict: usize,
    pub n_relaxed: usize,
    pub n_type_match: usize,
    pub n_value_match: usize,
}

impl std::ops::AddAssign for Counts {
    fn add_assign(&mut self, o: Counts) {
        self.n_gold += o.n_gold;
        self.n_pred += o.n_pred;
        self.n_strict += o.n_strict;
        self.n_relaxed += o.n_relaxed;
        self.n_type_match += o.n_type_match;
        self.n_value_match += o.n_value_match;
    }
}

/// Precision, recall and F1 in percent.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Prf {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

impl Prf {
    fn of(tp: usize, n_pred: usize, n_gold: usize) -> Prf {
        if n_pred == 0 && n_gold == 0 {
            return Prf {
                precision: 100.0,
                recall: 100.0,
                f1: 100.0,
            };
        }
        let (p, r, f) = crate::prf(tp as u64, n_pred as u64, n_gold as u64, 1.0);
        Prf {
            precision: 100.0 * p,
            recall: 100.0 * r,
            f1: 100.0 * f,
        }
    }
}

/// The TempEval-3 Task A figures, in percent.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Scores {
    #[serde(flatten)]
    pub counts: Counts,
    pub strict: Prf,
    pub relaxed: Prf,
    /// Type and value accuracy over the relaxed matches.
    pub type_accuracy: f64,
    pub value_accuracy: f64,
    /// Attribute P/R/F1 (F1 = accuracy x relaxed F1: TempEval-3's "value F1").
    #[serde(rename = "type")]
    pub type_: Prf,
    pub value: Prf,
}

impl Scores {
    pub fn of(c: Counts) -> Scores {
        let acc = |n: usize| {
            if c.n_relaxed > 0 {
                100.0 * n as f64 / c.n_relaxed as f64
            } else {
                0.0
            }
        };
        Scores {
            counts: c,
            strict: Prf::of(c.n_strict, c.n_pred, c.n_gold),
            relaxed: Prf::of(c.n_relaxed, c.n_pred, c.n_gold),
            type_accuracy: acc(c.n_type_match),
            value_accuracy: acc(c.n_value_match),
            type_: Prf::of(c.n_type_match, c.n_pred, c.n_gold),
            value: Prf::of(c.n_value_match, c.n_pred, c.n_gold),
        }
    }
}

/// One gold/system pair or unmatched expression, for error reading.
#[derive(Clone, Debug, Serialize)]
pub struct Disagreement {
    pub file: String,
    pub gold: Option<(String, String, String)>,
    pub pred: Option<(String, String, String)>,
}

/// One-to-one matching: identical spans first, then overlapping pairs by largest overlap.
/// Returns `(gold index, pred index, strict)`.
pub fn match_timexes(gold: &[TmlTimex], pred: &[TmlTimex]) -> Vec<(usize, usize, bool)> {
    let mut pairs = Vec::new();
    let mut used_g = vec![false; gold.len()];
    let mut used_p = vec![false; pred.len()];
    for (pi, p) in pred.iter().enumerate() {
        if let Some(gi) = gold
            .iter()
            .enumerate()
            .position(|(gi, g)| !used_g[gi] && g.start == p.start && g.end == p.end)
        {
            pairs.push((gi, pi, true));
            used_g[gi] = true;
            used_p[pi] = true;
        }
    }
    let mut cands = Vec::new();
    for (gi, g) in gold.iter().enumerate() {
        if used_g[gi] {
            continue;
        }
        for (pi, p) in pred.iter().enumerate() {
            if used_p[pi] {
                continue;
            }
            let ov = g.end.min(p.end) as i64 - g.start.max(p.start) as i64;
            if ov > 0 {
                cands.push((-ov, g.start, p.start, gi, pi));
            }
        }
    }
    cands.sort();
    for (_, _, _, gi, pi) in cands {
        if !used_g[gi] && !used_p[pi] {
            pairs.push((gi, pi, false));
            used_g[gi] = true;
            used_p[pi] = true;
        }
    }
    pairs
}

/// Scores one file's system timexes against its gold ones.
pub fn score_file(gold: &[TmlTimex], pred: &[TmlTimex]) -> (Counts, Vec<(usize, usize, bool)>) {
    let pairs = match_timexes(gold, pred);
    let mut c = Counts {
        n_gold: gold.len(),
        n_pred: pred.len(),
        ..Counts::default()
    };
    for &(gi, pi, strict) in &pairs {
        c.n_relaxed += 1;
        c.n_strict += usize::from(strict);
        c.n_type_match += usize::from(
            gold[gi]
                .kind
                .trim()
                .eq_ignore_ascii_case(pred[pi].kind.trim()),
        );
        c.n_value_match += usize::from(gold[gi].value.trim() == pred[pi].value.trim());
    }
    (c, pairs)
}

/// The system's timexes for a TimeML document, as character offsets into its plain text.
pub fn system_timexes(doc: &TmlDoc) -> Vec<TmlTimex> {
    let dct = doc.dct.as_deref().and_then(dossier_time::parse_iso_date);
    let found = dossier_time::find_timexes(&doc.text, dct);
    // Byte offset -> char offset.
    let mut char_at = vec![0usize; doc.text.len() + 1];
    let mut n = 0;
    for (b, _) in doc.text.char_indices() {
        char_at[b] = n;
        n += 1;
    }
    char_at[doc.text.len()] = n;
    found
        .into_iter()
        .map(|t| TmlTimex {
            start: char_at[t.span.start as usize],
            end: char_at[t.span.end as usize],
            kind: format!("{:?}", t.kind),
            value: t.value,
        })
        .collect()
}

/// Writes a TimeML file holding `doc`'s plain text with `timexes` as TIMEX3 tags.
pub fn to_tml(doc: &TmlDoc, timexes: &[TmlTimex]) -> String {
    let mut out = String::with_capacity(doc.text.len() * 2 + 512);
    out.push_str("<?xml version=\"1.0\" ?>\n<TimeML>\n<DOCID>");
    escape(&doc.docid, &mut out);
    out.push_str("</DOCID>\n");
    if let Some(d) = &doc.dct {
        out.push_str("<DCT><TIMEX3 tid=\"t0\" type=\"DATE\" value=\"");
        escape(d, &mut out);
        out.push_str("\" temporalFunction=\"false\" functionInDocument=\"CREATION_TIME\">");
        escape(d, &mut out);
        out.push_str("</TIMEX3></DCT>\n");
    }
    out.push_str("<TEXT>");
    let mut byte_of = Vec::with_capacity(doc.text.len() + 1);
    byte_of.extend(doc.text.char_indices().map(|(b, _)| b));
    byte_of.push(doc.text.len());
    let mut at = 0;
    for (k, t) in timexes.iter().enumerate() {
        let (s, e) = (
            byte_of[t.start.min(byte_of.len() - 1)],
            byte_of[t.end.min(byte_of.len() - 1)],
        );
        if s < at || e <= s {
            continue;
        }
        escape(&doc.text[at..s], &mut out);
        out.push_str(&format!(
            "<TIMEX3 tid=\"t{}\" type=\"{}\" value=\"",
            k + 1,
            t.kind
        ));
        escape(&t.value, &mut out);
        out.push_str("\">");
        escape(&doc.text[s..e], &mut out);
        out.push_str("</TIMEX3>");
        at = e;
    }
    escape(&doc.text[at..], &mut out);
    out.push_str("</TEXT>\n</TimeML>\n");
    out
}

/// Scores for each gold type: relaxed recall and value accuracy.
#[derive(Clone, Copy, Debug, Default, Serialize)]
pub struct TypeScores {
    pub n_gold: usize,
    pub relaxed_recall: f64,
    pub value_accuracy: f64,
}

/// The result of a run over a gold directory.
#[derive(Clone, Debug, Serialize)]
pub struct Report {
    pub gold: String,
    pub files: usize,
    #[serde(flatten)]
    pub scores: Scores,
    /// The same figures per top-level subdirectory (e.g. `TimeBank`, `AQUAINT`).
    pub by_subdir: BTreeMap<String, Scores>,
    /// The same figures per part of the dev/tuning split (`dev`, `tune`).
    pub by_part: BTreeMap<String, Scores>,
    pub by_gold_type: BTreeMap<String, TypeScores>,
    /// Plain-text bytes run through recognition and normalisation, and the rate.
    pub text_bytes: usize,
    pub mb_per_s: f64,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub disagreements: Vec<Disagreement>,
}

/// Runs the system on every `.tml` under `gold`, scores it and, with `predictions`, writes
/// one `.tml` per input (same relative path) for the reference scorer. `keep_errors` lists
/// every pair whose span, type or value differs. `only` keeps the files of one [`Part`].
pub fn evaluate(
    gold: &Path,
    predictions: Option<&Path>,
    keep_errors: bool,
    only: Option<Part>,
) -> Result<Report, String> {
    let all = list_tml(gold).map_err(|e| format!("{}: {e}", gold.display()))?;
    let (files, file_parts): (Vec<PathBuf>, Vec<Part>) = all
        .iter()
        .cloned()
        .zip(parts(&all))
        .filter(|(_, p)| only.is_none_or(|o| o == *p))
        .unzip();
    if files.is_empty() {
        return Err(format!("no .tml files under {}", gold.display()));
    }
    let mut total = Counts::default();
    let mut by_subdir: BTreeMap<String, Counts> = BTreeMap::new();
    let mut by_part: BTreeMap<String, Counts> = BTreeMap::new();
    let mut by_type: BTreeMap<String, (usize, usize, usize)> = BTreeMap::new();
    let mut disagreements = Vec::new();
    let mut text_bytes = 0;
    let mut busy = std::time::Duration::ZERO;
    for (path, part) in files.iter().zip(&file_parts) {
        let raw = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
        let mut doc = parse_tml(&raw).map_err(|e| format!("{}: {e}", path.display()))?;
        doc.rel = path.strip_prefix(gold).map_or_else(
            |_| PathBuf::from(path.file_name().unwrap_or_default()),
            Path::to_path_buf,
        );
        let t0 = Instant::now();
        let pred = system_timexes(&doc);
        busy += t0.elapsed();
        text_bytes += doc.text.len();
        if let Some(out) = predictions {
            let target = out.join(&doc.rel);
            if let Some(dir) = target.parent() {
                std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
            }
            std::fs::write(&target, to_tml(&doc, &pred))
                .map_err(|e| format!("{}: {e}", target.display()))?;
        }
        let (c, pairs) = score_file(&doc.timexes, &pred);
        total += c;
        let sub = if doc.rel.components().count() > 1 {
            doc.rel.components().next().map_or_else(String::new, |c| {
                c.as_os_str().to_string_lossy().into_owned()
            })
        } else {
            ".".to_string()
        };
        *by_subdir.entry(sub).or_default() += c;
        *by_part.entry(part.name().to_string()).or_default() += c;
        let mut matched_p = vec![false; pred.len()];
        let mut matched_g = vec![None; doc.timexes.len()];
        for &(gi, pi, strict) in &pairs {
            matched_p[pi] = true;
            matched_g[gi] = Some((pi, strict));
        }
        let show = |t: &TmlTimex| {
            let s: String = doc
                .text
                .chars()
                .skip(t.start)
                .take(t.end - t.start)
                .collect();
            (s, t.kind.clone(), t.value.clone())
        };
        let file = doc.rel.display().to_string();
        for (gi, g) in doc.timexes.iter().enumerate() {
            let e = by_type
                .entry(g.kind.trim().to_ascii_uppercase())
                .or_default();
            e.0 += 1;
            if let Some((pi, strict)) = matched_g[gi] {
                e.1 += 1;
                let p = &pred[pi];
                let value_ok = g.value.trim() == p.value.trim();
                e.2 += usize::from(value_ok);
                if keep_errors && (!strict || !value_ok || !g.kind.eq_ignore_ascii_case(&p.kind)) {
                    disagreements.push(Disagreement {
                        file: file.clone(),
                        gold: Some(show(g)),
                        pred: Some(show(p)),
                    });
                }
            } else if keep_errors {
                disagreements.push(Disagreement {
                    file: file.clone(),
                    gold: Some(show(g)),
                    pred: None,
                });
            }
        }
        if keep_errors {
            for (pi, p) in pred.iter().enumerate() {
                if !matched_p[pi] {
                    disagreements.push(Disagreement {
                        file: file.clone(),
                        gold: None,
                        pred: Some(show(p)),
                    });
                }
            }
        }
    }
    let secs = busy.as_secs_f64();
    Ok(Report {
        gold: gold.display().to_string(),
        files: files.len(),
        scores: Scores::of(total),
        by_subdir: if by_subdir.len() > 1 {
            by_subdir
                .into_iter()
                .map(|(k, c)| (k, Scores::of(c)))
                .collect()
        } else {
            BTreeMap::new()
        },
        by_part: by_part
            .into_iter()
            .map(|(k, c)| (k, Scores::of(c)))
            .collect(),
        by_gold_type: by_type
            .into_iter()
            .map(|(k, (n, m, v))| {
                let pct = |a: usize, b: usize| {
                    if b > 0 {
                        100.0 * a as f64 / b as f64
                    } else {
                        0.0
                    }
                };
                (
                    k,
                    TypeScores {
                        n_gold: n,
                        relaxed_recall: pct(m, n),
                        value_accuracy: pct(v, m),
                    },
                )
            })
            .collect(),
        text_bytes,
        mb_per_s: if secs > 0.0 {
            text_bytes as f64 / 1e6 / secs
        } else {
            0.0
        },
        disagreements,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = r#"<?xml version="1.0" ?>
<TimeML>
<DOCID>X1</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2021-10-11" functionInDocument="CREATION_TIME">Oct 11</TIMEX3></DCT>
<TEXT>
Talks <EVENT eid="e1">ended</EVENT> on <TIMEX3 tid="t1" type="DATE" value="2021-10-09">Saturday</TIMEX3> after <TIMEX3 tid="t2" type="DURATION" value="P2D">two days</TIMEX3> &amp; more.
</TEXT>
</TimeML>
"#;

    #[test]
    fn reads_text_spans_and_creation_time() {
        let d = parse_tml(SAMPLE).unwrap();
        assert_eq!(d.dct.as_deref(), Some("2021-10-11"));
        assert_eq!(d.docid, "X1");
        assert!(d.text.contains("two days & more"));
        assert_eq!(d.timexes.len(), 2);
        let t = &d.timexes[0];
        let s: String = d.text.chars().skip(t.start).take(t.end - t.start).collect();
        assert_eq!(s, "Saturday");
        assert_eq!(t.value, "2021-10-09");
    }

    #[test]
    fn written_predictions_read_back_to_the_same_text_and_tags() {
        let d = parse_tml(SAMPLE).unwrap();
        let back = parse_tml(&to_tml(&d, &d.timexes)).unwrap();
        assert_eq!(back.text, d.text);
        assert_eq!(back.timexes, d.timexes);
        assert_eq!(back.dct, d.dct);
    }

    #[test]
    fn strict_then_largest_overlap_matching() {
        let t = |s, e, v: &str| TmlTimex {
            start: s,
            end: e,
            kind: "DATE".into(),
            value: v.into(),
        };
        let gold = [t(0, 10, "a"), t(20, 30, "b"), t(40, 45, "c")];
        let pred = [t(0, 10, "a"), t(22, 30, "x"), t(50, 55, "d")];
        let (c, _) = score_file(&gold, &pred);
        assert_eq!(
            c,
            Counts {
                n_gold: 3,
                n_pred: 3,
                n_strict: 1,
                n_relaxed: 2,
                n_type_match: 2,
                n_value_match: 1
            }
        );
        let s = Scores::of(c);
        assert!((s.relaxed.f1 - 200.0 / 3.0).abs() < 1e-9);
        assert!((s.value.f1 - 100.0 / 3.0).abs() < 1e-9);
    }

    #[test]
    fn unescapes_entities() {
        assert_eq!(
            unescape("a &amp; b &lt;c&gt; &#65;&#x42; & d"),
            "a & b <c> AB & d"
        );
    }
}

#[cfg(test)]
mod data_tests {
    use super::*;

    fn tbaq() -> Option<PathBuf> {
        let p = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../../shared/data/tempeval3/TBAQ-cleaned");
        if p.is_dir() {
            Some(p)
        } else {
            eprintln!("skipped: ../shared/data/tempeval3/TBAQ-cleaned not found");
            None
        }
    }

    #[test]
    fn tbaq_predictions_round_trip_through_the_tml_writer() {
        let Some(root) = tbaq() else { return };
        let out = std::env::temp_dir().join(format!("dossier-time-eval-{}", std::process::id()));
        let report = evaluate(&root.join("AQUAINT"), Some(&out), false, None).unwrap();
        assert_eq!(report.files, 73);
        for f in list_tml(&out).unwrap() {
            let back = parse_tml(&std::fs::read_to_string(&f).unwrap()).unwrap();
            let gold = parse_tml(
                &std::fs::read_to_string(root.join("AQUAINT").join(f.file_name().unwrap()))
                    .unwrap(),
            )
            .unwrap();
            assert_eq!(back.text, gold.text);
            assert_eq!(back.dct, gold.dct);
        }
        let _ = std::fs::remove_dir_all(&out);
    }

    #[test]
    fn the_split_keeps_every_second_aquaint_file_for_dev() {
        let Some(root) = tbaq() else { return };
        let files = list_tml(&root).unwrap();
        let p = parts(&files);
        let n_dev = p.iter().filter(|&&x| x == Part::Dev).count();
        assert_eq!((files.len(), n_dev), (256, 36));
        let dev = evaluate(&root, None, false, Some(Part::Dev)).unwrap();
        assert_eq!((dev.files, dev.scores.counts.n_gold), (36, 279));
    }

    /// Development aid: `cargo test -p dossier-eval --release print_tuning_errors -- --ignored --nocapture`
    /// lists the disagreements on the tuning part of TBAQ (or on one of its folders,
    /// `DOSSIER_TIME_PART=TimeBank|AQUAINT`) and writes its predictions under `DOSSIER_TIME_PRED`
    /// when set. The dev part is never listed.
    #[test]
    #[ignore]
    fn print_tuning_errors() {
        let Some(root) = tbaq() else { return };
        let dir = std::env::var("DOSSIER_TIME_PART").map_or(root.clone(), |p| root.join(p));
        let pred = std::env::var_os("DOSSIER_TIME_PRED").map(PathBuf::from);
        let r = evaluate(&dir, pred.as_deref(), true, Some(Part::Tune)).unwrap();
        for d in &r.disagreements {
            println!("{}\t{:?}\t{:?}", d.file, d.gold, d.pred);
        }
        let show = |k: &str, s: &Scores| {
            println!(
                "{k:<10} gold {} pred {} relaxed {:.2} strict {:.2} value {:.2} type {:.2}",
                s.counts.n_gold, s.counts.n_pred, s.relaxed.f1, s.strict.f1, s.value.f1, s.type_.f1
            )
        };
        show("listed", &r.scores);
        let all = evaluate(&root, None, false, None).unwrap();
        show("all", &all.scores);
        for (k, s) in all.by_subdir.iter().chain(&all.by_part) {
            show(k, s);
        }
    }
}
