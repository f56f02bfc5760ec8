//! Writes `resources/word-clusters.txt`: distributional word classes learned from unlabelled news
//! text, so that the tagger can give a rare word ("grilled", "refuses") some of the weight of the
//! common words that appear in the same contexts ("criticised", "rejects").
//!
//! `cargo run --release -p dossier-quotes --example word_clusters -- ../shared/data OUT`
//!
//! Reads the running text of PolNeAR train (not dev), CoNLL-2003 train, ECB+ topics, the Reuters
//! sample and TempEval-3 (TBAQ), segments it as the stage does and lower-cases the tokens. Each
//! word seen at least [`FLOOR`] times is described by its neighbours one and two tokens to the
//! left and right among the [`CONTEXTS`] most frequent words, weighted by positive PMI (context
//! counts smoothed to the power 0.75) and normalised. Spherical k-means (seeded by a fixed
//! generator) groups the words into 1024 classes, those classes' centres into 128, and those
//! into 16: nested classes, like the prefixes of Brown clusters. Deterministic: the same data
//! gives the same file.
//!
//! Each line: `word<TAB>c16 c128 c1024` (decimal class ids). No text of the sources is written.
//! `NEIGHBOURS=said,claims` prints the nearest words of those instead (to inspect the vectors).

use std::collections::HashMap;
use std::path::Path;

/// Fewest occurrences for a word to get a class.
const FLOOR: u32 = 4;
/// Context words: the most frequent words of the corpus.
const CONTEXTS: usize = 2000;
/// Classes at each level, finest first.
const LEVELS: [usize; 3] = [1024, 128, 16];

fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1);
    let root = args.next().unwrap_or_else(|| "../shared/data".into());
    let out = args
        .next()
        .unwrap_or_else(|| "crates/quotes/resources/word-clusters.txt".into());
    let root = Path::new(&root);
    if !root.join("polnear").is_dir() {
        eprintln!("skipped: {} not found", root.join("polnear").display());
        return Ok(());
    }
    let texts = read_texts(root)?;
    eprintln!(
        "{} texts, {} bytes",
        texts.len(),
        texts.iter().map(String::len).sum::<usize>()
    );
    // Sentences of lower-cased tokens, as the tagger sees them.
    let mut sents: Vec<Vec<String>> = Vec::new();
    for t in &texts {
        let blocks = dossier_quotes::marks::blocks(&dossier_quotes::marks::paragraphs(t));
        let (tokens, sentences) = dossier_segment::segment(t, &blocks);
        for s in &sentences {
            sents.push(
                tokens[s.first as usize..s.last as usize]
                    .iter()
                    .map(|k| k.span.text(t).to_lowercase())
                    .collect(),
            );
        }
    }
    let mut freq: HashMap<&str, u32> = HashMap::new();
    for s in &sents {
        for w in s {
            *freq.entry(w.as_str()).or_default() += 1;
        }
    }
    let n_tokens: u64 = freq.values().map(|&c| c as u64).sum();
    // Words by falling frequency, ties by the word: a fixed order.
    let mut by_freq: Vec<(&str, u32)> = freq.iter().map(|(w, c)| (*w, *c)).collect();
    by_freq.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let vocab: Vec<&str> = by_freq
        .iter()
        .take_while(|(_, c)| *c >= FLOOR)
        .map(|(w, _)| *w)
        .collect();
    let word_id: HashMap<&str, usize> = vocab.iter().enumerate().map(|(i, w)| (*w, i)).collect();
    let ctx_id: HashMap<&str, usize> = vocab
        .iter()
        .take(CONTEXTS)
        .enumerate()
        .map(|(i, w)| (*w, i))
        .collect();
    eprintln!("{n_tokens} tokens, {} words of {FLOOR}+", vocab.len());
    // Context slots: 4 positions × (CONTEXTS words + the sentence edge).
    let per = CONTEXTS + 1;
    let slots = 4 * per;
    let mut co: Vec<HashMap<u32, f32>> = vec![HashMap::new(); vocab.len()];
    let mut ctx_total = vec![0f64; slots];
    for s in &sents {
        for (i, w) in s.iter().enumerate() {
            let Some(&wi) = word_id.get(w.as_str()) else {
                continue;
            };
            for (p, off) in [-2isize, -1, 1, 2].into_iter().enumerate() {
                let j = i as isize + off;
                let c = if j < 0 || j >= s.len() as isize {
                    CONTEXTS
                } else {
                    match ctx_id.get(s[j as usize].as_str()) {
                        Some(&c) => c,
                        None => continue,
                    }
                };
                let slot = p * per + c;
                *co[wi].entry(slot as u32).or_default() += 1.0;
                ctx_total[slot] += 1.0;
            }
        }
    }
    // Positive PMI with context counts smoothed to the power 0.75, as unit sparse vectors.
    let smooth: Vec<f64> = ctx_total.iter().map(|c| c.powf(0.75)).collect();
    let smooth_sum: f64 = smooth.iter().sum();
    let vecs: Vec<Vec<(u32, f32)>> = co
        .iter()
        .map(|m| {
            let w_total: f64 = m.values().map(|&v| v as f64).sum();
            let mut v: Vec<(u32, f32)> = m
                .iter()
                .filter_map(|(&slot, &c)| {
                    let pmi = ((c as f64 / w_total) / (smooth[slot as usize] / smooth_sum)).ln();
                    (pmi > 0.0).then_some((slot, pmi as f32))
                })
                .collect();
            v.sort_by_key(|e| e.0);
            let n = v.iter().map(|e| e.1 * e.1).sum::<f32>().sqrt();
            if n > 0.0 {
                v.iter_mut().for_each(|e| e.1 /= n);
            }
            v
        })
        .collect();
    if let Ok(ws) = std::env::var("NEIGHBOURS") {
        let mut dense = vec![0f32; slots];
        for w in ws.split(',') {
            let Some(&i) = word_id.get(w) else { continue };
            dense.iter_mut().for_each(|x| *x = 0.0);
            vecs[i].iter().for_each(|&(s, x)| dense[s as usize] = x);
            let mut sims: Vec<(f32, &str)> = (0..vocab.len())
                .map(|j| (sparse_dot(&vecs[j], &dense), vocab[j]))
                .collect();
            sims.sort_by(|a, b| b.0.total_cmp(&a.0));
            eprintln!("{w}: {:?}", &sims[..12]);
        }
        return Ok(());
    }
    // Spherical k-means on the words, then nested on the centres of the level below.
    let weights: Vec<f32> = vocab.iter().map(|w| (freq[w] as f32).ln() + 1.0).collect();
    let (a0, mut points, mut pw) = sparse_kmeans(&vecs, &weights, slots, LEVELS[0], 12, 0x5eed);
    eprintln!("level {}: done", LEVELS[0]);
    let mut assign = vec![a0];
    for (lvl, &k) in LEVELS.iter().enumerate().skip(1) {
        let (a, centres, sizes) = kmeans(&points, &pw, slots, k, 10, 0x5eed + lvl as u64);
        eprintln!("level {k}: done");
        assign.push(a);
        points = centres;
        pw = sizes;
    }
    let mut text = String::new();
    for (wi, w) in vocab.iter().enumerate() {
        let c0 = assign[0][wi];
        let c1 = assign[1][c0];
        let c2 = assign[2][c1];
        text.push_str(&format!("{w}\t{c2} {c1} {c0}\n"));
    }
    std::fs::write(&out, text)?;
    eprintln!("wrote {out}");
    Ok(())
}

/// A fixed generator (SplitMix64).
fn mix(x: u64) -> u64 {
    let mut z = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

fn normalise(v: &mut [f32]) {
    let n = v.iter().map(|x| x * x).sum::<f32>().sqrt();
    if n > 0.0 {
        v.iter_mut().for_each(|x| *x /= n);
    }
}

/// A dot product in eight lanes (so that it vectorises).
fn dot(a: &[f32], b: &[f32]) -> f32 {
    let mut acc = [0f32; 8];
    let (ca, cb) = (a.chunks_exact(8), b.chunks_exact(8));
    let tail: f32 = ca
        .remainder()
        .iter()
        .zip(cb.remainder())
        .map(|(x, y)| x * y)
        .sum();
    for (x, y) in ca.zip(cb) {
        for l in 0..8 {
            acc[l] += x[l] * y[l];
        }
    }
    acc.iter().sum::<f32>() + tail
}

fn sparse_dot(a: &[(u32, f32)], dense: &[f32]) -> f32 {
    a.iter().map(|&(s, x)| x * dense[s as usize]).sum()
}

/// Weighted spherical k-means over sparse unit vectors of `dim` slots, seeded with `k` words
/// drawn by a fixed generator: the class of each word, the unit centres (dense, row-major) and
/// the summed weight of each class.
fn sparse_kmeans(
    points: &[Vec<(u32, f32)>],
    weights: &[f32],
    dim: usize,
    k: usize,
    iters: usize,
    seed: u64,
) -> (Vec<usize>, Vec<f32>, Vec<f32>) {
    let n = points.len();
    let k = k.min(n).max(1);
    // Seeds: distinct words by a fixed shuffle.
    let mut order: Vec<usize> = (0..n).collect();
    let mut state = seed;
    for i in (1..n).rev() {
        state = mix(state);
        order.swap(i, (state % (i as u64 + 1)) as usize);
    }
    // Centres stored slot-major (dim × k) for scoring: one sparse entry adds to k scores.
    let mut by_slot = vec![0f32; dim * k];
    for (c, &i) in order.iter().take(k).enumerate() {
        for &(s, x) in &points[i] {
            by_slot[s as usize * k + c] = x;
        }
    }
    let mut assign = vec![usize::MAX; n];
    let mut sums = vec![0f32; k * dim];
    let mut sizes = vec![0f32; k];
    let mut scores = vec![0f32; k];
    for it in 0..iters {
        let mut changed = 0;
        for i in 0..n {
            scores.iter_mut().for_each(|x| *x = 0.0);
            for &(s, x) in &points[i] {
                let col = &by_slot[s as usize * k..(s as usize + 1) * k];
                for (y, c) in scores.iter_mut().zip(col) {
                    *y += x * c;
                }
            }
            let best = (0..k)
                .max_by(|&a, &b| scores[a].total_cmp(&scores[b]).then(b.cmp(&a)))
                .unwrap_or(0);
            if best != assign[i] {
                changed += 1;
            }
            assign[i] = best;
        }
        sums.iter_mut().for_each(|x| *x = 0.0);
        sizes.iter_mut().for_each(|x| *x = 0.0);
        for i in 0..n {
            let c = assign[i];
            sizes[c] += weights[i];
            for &(s, x) in &points[i] {
                sums[c * dim + s as usize] += weights[i] * x;
            }
        }
        for c in 0..k {
            normalise(&mut sums[c * dim..(c + 1) * dim]);
            for s in 0..dim {
                by_slot[s * k + c] = sums[c * dim + s];
            }
        }
        eprintln!("  iteration {}: {changed} moved", it + 1);
        if changed == 0 {
            break;
        }
    }
    (assign, sums, sizes)
}

/// Weighted spherical k-means over dense unit rows of `dim` values (k-means++ seeding by a
/// fixed generator): the class of each row, the unit centres, and the summed weight of each.
fn kmeans(
    points: &[f32],
    weights: &[f32],
    dim: usize,
    k: usize,
    iters: usize,
    seed: u64,
) -> (Vec<usize>, Vec<f32>, Vec<f32>) {
    let n = points.len() / dim;
    let k = k.min(n).max(1);
    let row = |i: usize| &points[i * dim..(i + 1) * dim];
    // k-means++: each next centre drawn with chance ∝ weight × (1 - best cosine).
    let mut state = seed;
    let mut next = || {
        state = mix(state);
        (state >> 11) as f64 / (1u64 << 53) as f64
    };
    let mut centres: Vec<f32> = Vec::with_capacity(k * dim);
    let first = (next() * n as f64) as usize % n;
    centres.extend_from_slice(row(first));
    let mut far: Vec<f64> = (0..n)
        .map(|i| (1.0 - dot(row(i), row(first)) as f64).max(0.0) * weights[i] as f64)
        .collect();
    while centres.len() < k * dim {
        let total: f64 = far.iter().sum();
        let mut r = next() * total;
        let mut pick = n - 1;
        for (i, &d) in far.iter().enumerate() {
            if r < d {
                pick = i;
                break;
            }
            r -= d;
        }
        let c = row(pick).to_vec();
        for i in 0..n {
            let d = (1.0 - dot(row(i), &c) as f64).max(0.0) * weights[i] as f64;
            far[i] = far[i].min(d);
        }
        centres.extend_from_slice(&c);
    }
    let mut assign = vec![0usize; n];
    let mut sizes = vec![0f32; k];
    for _ in 0..iters {
        let mut changed = 0;
        for (i, slot) in assign.iter_mut().enumerate() {
            let p = row(i);
            let best = (0..k)
                .map(|c| (dot(p, &centres[c * dim..(c + 1) * dim]), c))
                .max_by(|a, b| a.0.total_cmp(&b.0).then(b.1.cmp(&a.1)))
                .map_or(0, |x| x.1);
            if best != *slot {
                changed += 1;
            }
            *slot = best;
        }
        let mut sums = vec![0f32; k * dim];
        sizes = vec![0f32; k];
        for i in 0..n {
            let c = assign[i];
            sizes[c] += weights[i];
            for (s, x) in sums[c * dim..(c + 1) * dim].iter_mut().zip(row(i)) {
                *s += weights[i] * x;
            }
        }
        for c in 0..k {
            if sizes[c] > 0.0 {
                let s = &mut sums[c * dim..(c + 1) * dim];
                normalise(s);
                centres[c * dim..(c + 1) * dim].copy_from_slice(s);
            }
        }
        if changed == 0 {
            break;
        }
    }
    (assign, centres, sizes)
}

/// The running texts of the sources, in a fixed order.
fn read_texts(root: &Path) -> std::io::Result<Vec<String>> {
    let mut out = Vec::new();
    let files = |dir: &Path, ext: &str| -> std::io::Result<Vec<std::path::PathBuf>> {
        let mut v: Vec<_> = std::fs::read_dir(dir)?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == ext))
            .collect();
        v.sort();
        Ok(v)
    };
    for p in files(&root.join("polnear/train/text"), "txt")? {
        out.push(std::fs::read_to_string(p)?);
    }
    // CoNLL-2003: one token a line, blank lines between sentences; a sentence a line here.
    let conll = root.join("conll2003/eng.train.iob2");
    if let Ok(t) = std::fs::read_to_string(&conll) {
        let mut doc = String::new();
        for line in t.lines() {
            if line.starts_with("-DOCSTART-") {
                if !doc.is_empty() {
                    out.push(std::mem::take(&mut doc));
                }
            } else if line.is_empty() {
                if !doc.ends_with('\n') && !doc.is_empty() {
                    doc.push('\n');
                }
            } else if let Some(w) = line.split(' ').next() {
                if !doc.is_empty() && !doc.ends_with('\n') {
                    doc.push(' ');
                }
                doc.push_str(w);
            }
        }
        if !doc.is_empty() {
            out.push(doc);
        }
    }
    // ECB+: one JSON document a file, its "text".
    let topics = root.join("ecbplus/topics");
    if topics.is_dir() {
        let mut dirs: Vec<_> = std::fs::read_dir(&topics)?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.is_dir())
            .collect();
        dirs.sort();
        for d in dirs {
            for p in files(&d, "json")? {
                let v: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(p)?)
                    .unwrap_or(serde_json::Value::Null);
                if let Some(t) = v.get("text").and_then(|t| t.as_str()) {
                    out.push(t.to_string());
                }
            }
        }
    }
    let reuters = root.join("news-reuters21578/reuters21578_sample200.jsonl");
    if let Ok(t) = std::fs::read_to_string(&reuters) {
        for line in t.lines() {
            let v: serde_json::Value =
                serde_json::from_str(line).unwrap_or(serde_json::Value::Null);
            if let Some(t) = v.get("text").and_then(|t| t.as_str()) {
                out.push(t.to_string());
            }
        }
    }
    // TempEval-3: the <TEXT> element of each TimeML file, tags removed.
    for sub in ["TBAQ-cleaned/TimeBank", "TBAQ-cleaned/AQUAINT"] {
        let dir = root.join("tempeval3").join(sub);
        if !dir.is_dir() {
            continue;
        }
        for p in files(&dir, "tml")? {
            let t = std::fs::read_to_string(p)?;
            let body = t
                .split_once("<TEXT>")
                .and_then(|(_, r)| r.split_once("</TEXT>"))
                .map_or("", |(b, _)| b);
            let mut clean = String::with_capacity(body.len());
            let mut in_tag = false;
            for c in body.chars() {
                match c {
                    '<' => in_tag = true,
                    '>' if in_tag => in_tag = false,
                    _ if !in_tag => clean.push(c),
                    _ => {}
                }
            }
            out.push(
                clean
                    .replace("&amp;", "&")
                    .replace("&lt;", "<")
                    .replace("&gt;", ">"),
            );
        }
    }
    Ok(out)
}
