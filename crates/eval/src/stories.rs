//! Story clustering on ECB+: every sub-topic folder (`<t>ecb`, `<t>ecbplus`) is one gold story,
//! its documents the `*.json` files directly inside it (document id = file stem). The scores
//! are those of `../shared/scorers/scorers/stories.py`, computed the same way (same summation
//! order, 6-decimal rounding): B-cubed, pairwise, adjusted Rand index, V-measure.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Serialize;

use dossier_core::{Document, EntityType, Mention, Span, Timex, TimexType};
use dossier_resolve::growth::{measure, word, GrowthPoint, Rng};
use dossier_resolve::{Judgements, Resolver};
use dossier_stories::{CopyIndex, StoryConfig, StoryIndex, StoryInput};

/// One ECB+ document.
#[derive(Clone, Debug)]
pub struct EcbDoc {
    pub id: String,
    /// Gold story: the sub-topic folder name.
    pub subtopic: String,
    pub topic: u32,
    pub title: String,
    pub text: String,
    /// The publication date as the page gave it (`date_publish`, free text), when it did.
    pub date: Option<String>,
    pub url: Option<String>,
}

/// The topic number of a sub-topic folder name (`12ecbplus` -> 12).
pub fn topic_of(subtopic: &str) -> u32 {
    let digits: String = subtopic
        .chars()
        .take_while(|c| c.is_ascii_digit())
        .collect();
    digits.parse().unwrap_or(0)
}

fn topics_dir(dir: &Path) -> PathBuf {
    let t = dir.join("topics");
    if t.is_dir() {
        t
    } else {
        dir.to_path_buf()
    }
}

/// Reads every sub-topic folder under `dir` (or `dir/topics`), sorted by folder and file name.
pub fn load_ecb(dir: &Path) -> Result<Vec<EcbDoc>, String> {
    let root = topics_dir(dir);
    let mut subs: Vec<PathBuf> = std::fs::read_dir(&root)
        .map_err(|e| format!("{}: {e}", root.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_dir())
        .collect();
    subs.sort();
    let mut out = Vec::new();
    for sub in subs {
        let name = sub
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_string();
        let mut files: Vec<PathBuf> = std::fs::read_dir(&sub)
            .map_err(|e| format!("{}: {e}", sub.display()))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == "json"))
            .collect();
        files.sort();
        for f in files {
            let bytes = std::fs::read(&f).map_err(|e| format!("{}: {e}", f.display()))?;
            let v: serde_json::Value =
                serde_json::from_slice(&bytes).map_err(|e| format!("{}: {e}", f.display()))?;
            let opt = |k: &str| {
                v.get(k)
                    .and_then(|x| x.as_str())
                    .filter(|x| !x.trim().is_empty())
                    .map(str::to_string)
            };
            let field = |k: &str| opt(k).unwrap_or_default();
            let id = f
                .file_stem()
                .and_then(|s| s.to_str())
                .unwrap_or_default()
                .to_string();
            out.push(EcbDoc {
                id,
                subtopic: name.clone(),
                topic: topic_of(&name),
                title: field("title"),
                text: field("text"),
                date: opt("date_publish"),
                url: opt("url"),
            });
        }
    }
    if out.is_empty() {
        return Err(format!(
            "no sub-topic folders with *.json documents under {}",
            root.display()
        ));
    }
    Ok(out)
}

/// Stand-in for entity mentions when no tagger is run: maximal runs of capitalised words,
/// leaving out a single capitalised word that opens a sentence.
pub fn capitalised_names(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut run: Option<(usize, usize, usize)> = None; // start, end, words
    let mut sentence_start = true;
    let mut prev_end = 0;
    let flush =
        |run: &mut Option<(usize, usize, usize)>, out: &mut Vec<(usize, usize)>, opened: bool| {
            if let Some((a, b, n)) = run.take() {
                if n > 1 || !opened {
                    out.push((a, b));
                }
            }
        };
    let mut run_opened = false;
    for (a, b) in dossier_stories::text::words(text) {
        let gap = &text[prev_end..a];
        let w = &text[a..b];
        let cap = w.chars().next().is_some_and(|c| c.is_uppercase())
            && w.chars().any(|c| c.is_lowercase())
            && !is_common(w);
        let broken = gap.chars().any(|c| {
            matches!(
                c,
                '.' | '!' | '?' | ',' | ';' | ':' | '"' | '(' | ')' | '\n'
            )
        });
        if !cap || broken {
            flush(&mut run, &mut out, run_opened);
        }
        if cap {
            match run.as_mut() {
                Some(r) => {
                    r.1 = b;
                    r.2 += 1;
                }
                None => {
                    run = Some((a, b, 1));
                    run_opened =
                        sentence_start || gap.chars().any(|c| matches!(c, '.' | '!' | '?' | '\n'));
                }
            }
        }
        sentence_start = false;
        prev_end = b;
    }
    flush(&mut run, &mut out, run_opened);
    out.into_iter().map(|(a, b)| &text[a..b]).collect()
}

/// Capitalised words that are not names: function words opening a sentence, days, months.
fn is_common(w: &str) -> bool {
    let lower = w.to_lowercase();
    // "may" is more often the verb than the month
    let calendar = |w: &str| {
        dossier_core::calendar::WEEKDAYS.contains(&w)
            || (w != "may" && dossier_core::calendar::MONTHS.contains(&w))
    };
    dossier_stories::text::is_stopword(&lower) || calendar(&lower)
}

/// How the documents are put into stories.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    /// The incremental clusterer of `dossier-stories`.
    Incremental,
    /// Baseline: one story per ECB+ topic (both halves together).
    TopicBaseline,
}

/// Clusters `docs` in a fixed pseudo-random arrival order (by the xxh3 digest of the document
/// id, so topics arrive interleaved as news does) and returns document id -> story id.
/// `analysed[i]` is `docs[i]` run through the product's pipeline; as in the corpus, entity names
/// are the resolver's canonical names, and the story index reads the document's layers.
pub fn predict(
    docs: &[EcbDoc],
    analysed: &[Document],
    config: &StoryConfig,
    method: Method,
) -> BTreeMap<String, String> {
    if method == Method::TopicBaseline {
        return docs
            .iter()
            .map(|d| (d.id.clone(), format!("t{}", d.topic)))
            .collect();
    }
    let mut index = StoryIndex::new(config.clone());
    let mut out = BTreeMap::new();
    for (i, names) in arrivals(docs, analysed) {
        let (d, doc) = (&docs[i], &analysed[i]);
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        let title = doc.meta.title.as_ref().map_or("", |f| f.value.as_str());
        index.add_document(
            &StoryInput {
                id: &d.id,
                title,
                text: &doc.text,
                date: doc.meta.date.as_ref().map(|f| f.value.as_str()),
                entities: names,
            },
            doc,
        );
    }
    // a later document can merge a document's story into another
    for d in docs.iter().take(analysed.len()) {
        if let Some(s) = index.story_of(&d.id) {
            out.insert(d.id.clone(), format!("s{s}"));
        }
    }
    out
}

/// The order in which [`predict`] adds the documents (indices into `docs`), each with the
/// entity names of its mentions as the corpus gives them (the resolver's canonical names,
/// resolved in that order).
pub fn arrivals(docs: &[EcbDoc], analysed: &[Document]) -> Vec<(usize, Vec<String>)> {
    let mut order: Vec<usize> = (0..docs.len().min(analysed.len())).collect();
    order.sort_by_cached_key(|&i| dossier_core::DocId::of_bytes(docs[i].id.as_bytes()));
    let mut resolver = Resolver::new(Judgements::default());
    order
        .into_iter()
        .map(|i| {
            let doc = &analysed[i];
            let resolution = resolver.resolve(doc);
            let names = resolver.mention_names(doc, &resolution);
            (i, names.into_iter().map(str::to_string).collect())
        })
        .collect()
}

/// The scores of `stories.py`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Scores {
    pub unit: &'static str,
    pub docs: usize,
    pub b3_p: f64,
    pub b3_r: f64,
    pub b3_f1: f64,
    pub pair_p: f64,
    pub pair_r: f64,
    pub pair_f1: f64,
    pub ari: f64,
    pub homogeneity: f64,
    pub completeness: f64,
    pub v_measure: f64,
    pub gold_stories: usize,
    pub pred_stories: usize,
    pub missing_pred_docs: usize,
    pub extra_pred_docs: usize,
    pub b3_f1_frac: f64,
}

fn round6(v: f64) -> f64 {
    format!("{v:.6}").parse().unwrap_or(v)
}

fn c2(n: usize) -> f64 {
    n as f64 * (n as f64 - 1.0) / 2.0
}

/// Counts in first-seen order, as a Python dict keeps them.
#[derive(Default)]
struct Counter<K: PartialEq + Ord + Clone> {
    order: Vec<K>,
    at: BTreeMap<K, usize>,
    counts: Vec<usize>,
}

impl<K: PartialEq + Ord + Clone> Counter<K> {
    fn bump(&mut self, k: K) {
        match self.at.get(&k) {
            Some(&i) => self.counts[i] += 1,
            None => {
                self.at.insert(k.clone(), self.counts.len());
                self.order.push(k);
                self.counts.push(1);
            }
        }
    }
    fn get(&self, k: &K) -> usize {
        self.at.get(k).map_or(0, |&i| self.counts[i])
    }
    fn items(&self) -> impl Iterator<Item = (&K, usize)> {
        self.order.iter().zip(self.counts.iter().copied())
    }
}

fn entropy(counts: impl Iterator<Item = usize>, n: f64) -> f64 {
    -counts
        .filter(|&c| c > 0)
        .map(|c| c as f64 / n * (c as f64 / n).ln())
        .sum::<f64>()
}

/// Scores `pred` (document -> story) against `gold` (document -> gold story).
pub fn score(gold: &BTreeMap<String, String>, pred: &BTreeMap<String, String>) -> Scores {
    let n = gold.len();
    let nf = n as f64;
    let mut gsize: Counter<String> = Counter::default();
    let mut psize: Counter<String> = Counter::default();
    let mut cont: Counter<(String, String)> = Counter::default();
    let mut missing = 0;
    for (d, g) in gold {
        let p = match pred.get(d) {
            Some(p) => format!("p:{p}"),
            None => {
                missing += 1;
                format!("missing:{d}")
            }
        };
        let g = format!("g:{g}");
        gsize.bump(g.clone());
        psize.bump(p.clone());
        cont.bump((g, p));
    }
    let extra = pred.keys().filter(|d| !gold.contains_key(*d)).count();
    let safe = |a: f64, b: f64| if b != 0.0 { a / b } else { 0.0 };
    let f1 = |p: f64, r: f64| {
        if p + r != 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        }
    };
    let bp = safe(
        cont.items()
            .map(|((_, p), c)| (c * c) as f64 / psize.get(p) as f64)
            .sum::<f64>(),
        nf,
    );
    let br = safe(
        cont.items()
            .map(|((g, _), c)| (c * c) as f64 / gsize.get(g) as f64)
            .sum::<f64>(),
        nf,
    );
    let same_both: f64 = cont.items().map(|(_, c)| c2(c)).sum();
    let same_gold: f64 = gsize.items().map(|(_, c)| c2(c)).sum();
    let same_pred: f64 = psize.items().map(|(_, c)| c2(c)).sum();
    let pp = safe(same_both, same_pred);
    let pr = safe(same_both, same_gold);
    let total = c2(n);
    let expected = if total != 0.0 {
        same_gold * same_pred / total
    } else {
        0.0
    };
    let maximum = (same_gold + same_pred) / 2.0;
    let ari = if maximum == expected {
        1.0
    } else {
        (same_both - expected) / (maximum - expected)
    };
    let hc = entropy(gsize.items().map(|(_, c)| c), nf);
    let hk = entropy(psize.items().map(|(_, c)| c), nf);
    let h_c_k = -cont
        .items()
        .map(|((_, p), c)| c as f64 / nf * (c as f64 / psize.get(p) as f64).ln())
        .sum::<f64>();
    let h_k_c = -cont
        .items()
        .map(|((g, _), c)| c as f64 / nf * (c as f64 / gsize.get(g) as f64).ln())
        .sum::<f64>();
    let hom = if hc == 0.0 { 1.0 } else { 1.0 - h_c_k / hc };
    let com = if hk == 0.0 { 1.0 } else { 1.0 - h_k_c / hk };
    let b3_f1 = round6(f1(bp, br));
    Scores {
        unit: "fraction",
        docs: n,
        b3_p: round6(bp),
        b3_r: round6(br),
        b3_f1,
        pair_p: round6(pp),
        pair_r: round6(pr),
        pair_f1: round6(f1(pp, pr)),
        ari: round6(ari),
        homogeneity: round6(hom),
        completeness: round6(com),
        v_measure: round6(f1(hom, com)),
        gold_stories: gsize.order.len(),
        pred_stories: psize.order.len(),
        missing_pred_docs: missing,
        extra_pred_docs: extra,
        b3_f1_frac: b3_f1,
    }
}

/// The gold stories of `docs`.
pub fn gold_of(docs: &[EcbDoc]) -> BTreeMap<String, String> {
    docs.iter()
        .map(|d| (d.id.clone(), d.subtopic.clone()))
        .collect()
}

/// Writes `doc_id<TAB>story_id` lines with a header.
pub fn write_predictions(path: &Path, pred: &BTreeMap<String, String>) -> std::io::Result<()> {
    let mut s = String::from("doc_id\tstory_id\n");
    for (d, p) in pred {
        s.push_str(d);
        s.push('\t');
        s.push_str(p);
        s.push('\n');
    }
    std::fs::write(path, s)
}

/// The cost of clustering and of copy detection per added document as a synthetic news corpus
/// grows to `total` documents: stories of about five articles each, told over a few days in
/// their own names and words amid a common vocabulary, a tenth of the articles re-published
/// copies. Returns (stories, copies) curves.
pub fn story_growth(total: usize) -> (Vec<GrowthPoint>, Vec<GrowthPoint>) {
    let mut r = Rng(0x5eed_0000_57a7_1e55);
    let common: Vec<String> = (0..3000).map(|_| word(&mut r, 2).to_lowercase()).collect();
    let n_stories = (total / 5).max(1);
    let story_words: Vec<Vec<String>> = (0..n_stories)
        .map(|_| (0..8).map(|_| word(&mut r, 3)).collect())
        .collect();
    let make = |d: usize, r: &mut Rng| -> (String, String, String, String) {
        // stories open in order, 100 articles a day; an article tells one of the recent ones
        let s = (d / 5).saturating_sub(r.zipf(40)).min(n_stories - 1);
        let own = &story_words[s];
        let mut title = String::new();
        for k in 0..8 {
            let w = if k % 2 == 0 {
                own[r.below(own.len())].as_str()
            } else {
                common[r.zipf(common.len())].as_str()
            };
            title.push_str(w);
            title.push(' ');
        }
        let mut text = String::new();
        for k in 0..200 {
            let w = if r.below(5) == 0 {
                own[r.below(own.len())].as_str()
            } else {
                common[r.zipf(common.len())].as_str()
            };
            text.push_str(w);
            text.push_str(if k % 15 == 14 { ". " } else { " " });
        }
        let date = dossier_stories::cluster::day_string(19_000 + (d / 100) as i64);
        (format!("doc{d}"), title, text, date)
    };
    let docs_rng = std::cell::RefCell::new(Rng(0x000d_d50f_57a7));
    let index = std::cell::RefCell::new(StoryIndex::new(StoryConfig::default()));
    // The layers the pipeline would give: a mention per capitalised name, the date as a timex.
    let analysed = |(id, title, text, date): (String, String, String, String)| {
        let base = text.as_ptr() as usize;
        let mentions = capitalised_names(&text)
            .iter()
            .enumerate()
            .map(|(i, n)| {
                let a = n.as_ptr() as usize - base;
                Mention {
                    span: Span::new(a, a + n.len()),
                    label: [EntityType::PER, EntityType::ORG, EntityType::LOC][i % 3],
                    score: 1.0,
                }
            })
            .collect();
        let timexes = vec![Timex {
            span: Span::new(0, 0),
            kind: TimexType::DATE,
            value: date.clone(),
            modifier: None,
        }];
        let doc = Document {
            text,
            mentions,
            timexes,
            ..Document::default()
        };
        (id, title, doc, date)
    };
    let stories = measure(
        total,
        |d| analysed(make(d, &mut docs_rng.borrow_mut())),
        |(id, title, doc, date)| {
            let entities: Vec<&str> = doc.mentions.iter().map(|m| doc.span_text(m.span)).collect();
            index.borrow_mut().add_document(
                &StoryInput {
                    id,
                    title,
                    text: &doc.text,
                    date: Some(date),
                    entities,
                },
                doc,
            );
        },
        || index.borrow().stories().count(),
    );
    let copies_rng = std::cell::RefCell::new(Rng(0x000d_d50f_57a7));
    let copies = std::cell::RefCell::new(CopyIndex::default());
    let last = std::cell::RefCell::new(String::new());
    let copy_curve = measure(
        total,
        |d| {
            let (id, _, text, _) = make(d, &mut copies_rng.borrow_mut());
            // every tenth article re-publishes the one before it, its ending trimmed
            let text = if d % 10 == 9 {
                let prev = last.borrow();
                prev[..prev.len() * 4 / 5].to_string()
            } else {
                text
            };
            *last.borrow_mut() = text.clone();
            (id, text)
        },
        |(id, text)| {
            copies.borrow_mut().add(id, text);
        },
        || copies.borrow().len(),
    );
    (stories, copy_curve)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map(v: &[(&str, &str)]) -> BTreeMap<String, String> {
        v.iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    }

    #[test]
    fn perfect_and_lumped() {
        let gold = map(&[("a", "1"), ("b", "1"), ("c", "2"), ("d", "2")]);
        let s = score(
            &gold,
            &map(&[("a", "x"), ("b", "x"), ("c", "y"), ("d", "y")]),
        );
        assert_eq!((s.b3_f1, s.ari, s.v_measure), (1.0, 1.0, 1.0));
        let s = score(
            &gold,
            &map(&[("a", "x"), ("b", "x"), ("c", "x"), ("d", "x")]),
        );
        assert_eq!((s.b3_p, s.b3_r), (0.5, 1.0));
        assert_eq!(s.ari, 0.0);
        // A missing document is a singleton; an unknown one is ignored.
        let s = score(
            &gold,
            &map(&[("a", "x"), ("b", "x"), ("c", "y"), ("z", "y")]),
        );
        assert_eq!(
            (s.missing_pred_docs, s.extra_pred_docs, s.pred_stories),
            (1, 1, 3)
        );
        assert_eq!(s.b3_p, 1.0);
        assert_eq!(s.b3_r, 0.75);
    }

    #[test]
    fn a_tiny_growth_run() {
        let (s, c) = story_growth(40);
        assert_eq!(s.len(), 1);
        assert_eq!(c.len(), 1);
        assert!(s[0].items > 0 && s[0].items <= 40);
        assert_eq!(c[0].items, 40);
    }

    #[test]
    fn names_skip_sentence_openers() {
        let t = "Officials said Ola Brandt met the Silver River Authority. Talks went well, said Brandt.";
        assert_eq!(
            capitalised_names(t),
            ["Ola Brandt", "Silver River Authority", "Brandt"]
        );
        assert!(capitalised_names("").is_empty());
    }
}
