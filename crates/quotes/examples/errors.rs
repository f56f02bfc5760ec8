//! Error analysis on a PolNeAR split: the headline figures, then which gold attributions are
//! missed or matched with the wrong source or boundaries, counted by cue word.
//!
//! `cargo run --release -p dossier-quotes --example errors -- ../shared/data/polnear/dev [N]`
//! (N: how many examples of each kind to print; `PRED_DIR=dir` also writes the predictions
//! there as brat `.ann` files; a tagger file as the third argument scores it instead of the
//! shipped one, `JUDGE=1` with the shipped judge of its finds).

use std::collections::HashMap;
use std::path::Path;

use dossier_core::{Document, Stage};
use dossier_eval::quotes::{
    gold_files, inter, jaccard, norm, parse_ann, report, write_ann, CharIndex, CharSet, Counts,
    Metric, PredAttribution, ReadStats, OVERLAP_MIN,
};
use dossier_quotes::{marks, Mix, QuoteStage};

fn chars_text(chars: &[char], s: &CharSet) -> String {
    s.iter()
        .map(|&(a, b)| chars[a as usize..b as usize].iter().collect::<String>())
        .collect::<Vec<_>>()
        .join(" ")
        .replace('\n', " ")
}

fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1);
    let dir = args
        .next()
        .unwrap_or_else(|| "../shared/data/polnear/dev".into());
    let show: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(0);
    let root = Path::new(&dir);
    if !root.is_dir() {
        eprintln!("skipped: {} not found", root.display());
        return Ok(());
    }
    // Optional: a tagger file and how to mix it with the rules (precise, rules, tagger, none).
    let model = args.next();
    let mix = args.next().unwrap_or_else(|| "precise".into());
    let mut stage = QuoteStage::new();
    if let Some(m) = model.filter(|m| m != "-") {
        let mut tagger = dossier_quotes::learn::Tagger::from_bytes(&std::fs::read(m)?);
        if let (Some(t), Ok(b)) = (tagger.as_mut(), std::env::var("CUE_BIAS")) {
            t.cue_bias = b.parse().unwrap_or(0.0);
        }
        // `JUDGE=1`: the shipped judge of the tagger's finds, as the stage uses it.
        if let (Some(t), true) = (tagger.as_mut(), std::env::var_os("JUDGE").is_some()) {
            t.post = dossier_quotes::filter::Post::shipped();
        }
        let on = mix != "none";
        let mix = match mix.as_str() {
            "rules" => Mix::Rules,
            "tagger" => Mix::Tagger,
            _ => Mix::Precise,
        };
        stage = stage.with_tagger(tagger.filter(|_| on), mix);
    }
    let (texts, multi) = gold_files(root)?;
    let mut counts = Counts::default();
    let mut stats = ReadStats::default();
    let mut by_cue: HashMap<String, [u32; 4]> = HashMap::new();
    let mut fp_cue: HashMap<String, u32> = HashMap::new();
    let mut shown = [0usize; 4];
    let mut subs: HashMap<String, u32> = HashMap::new();
    let names = ["ok", "wrong source", "boundary", "missed"];
    for t in &texts {
        let text = std::fs::read_to_string(&t.text)?;
        let chars: Vec<char> = text.chars().collect();
        let Ok(gold) = parse_ann(&std::fs::read_to_string(&t.ann)?, &text, false, &mut stats)
        else {
            continue;
        };
        let blocks = marks::blocks(&marks::paragraphs(&text));
        let (tokens, sentences) = dossier_segment::segment(&text, &blocks);
        let mut doc = Document {
            text: text.clone(),
            blocks,
            tokens,
            sentences,
            ..Document::default()
        };
        let _ = stage.run(&mut doc);
        let attrs: Vec<PredAttribution> = doc.quotes.iter().map(PredAttribution::from).collect();
        let ann = write_ann(&text, &attrs);
        // PRED_DIR=dir keeps the predictions as brat files, for other tools to compare.
        if let Ok(dir) = std::env::var("PRED_DIR") {
            std::fs::write(Path::new(&dir).join(format!("{}.ann", t.name)), &ann)?;
        }
        let pred = parse_ann(&ann, &text, true, &mut stats).expect("own output parses");
        counts.add(&pred, &gold);
        let idx = CharIndex::new(&text);
        let _ = norm(idx.fragments(&text, (0, 0)));
        for g in &gold.attrs {
            let cue = g.cue.as_ref().map_or("<none>".to_string(), |c| {
                chars_text(&chars, c).to_lowercase()
            });
            let best = pred
                .attrs
                .iter()
                .map(|p| (jaccard(&p.content, &g.content).0, p))
                .max_by(|a, b| a.0.total_cmp(&b.0));
            let k = match best {
                Some((j, p)) if j >= OVERLAP_MIN => {
                    let ok = match (&p.source, &g.source) {
                        (None, None) => true,
                        (Some(a), Some(b)) => inter(a, b) > 0,
                        _ => false,
                    };
                    if ok {
                        0
                    } else {
                        1
                    }
                }
                Some((j, _)) if j > 0.0 => 2,
                _ => 3,
            };
            by_cue.entry(cue.clone()).or_default()[k] += 1;
            // Finer classes: how a boundary error misses, and whether a missed content is quoted.
            let sub = match (k, best) {
                (2, Some((_, p))) => {
                    let i = inter(&p.content, &g.content);
                    let len = |c: &CharSet| c.iter().map(|&(a, b)| (b - a) as u64).sum::<u64>();
                    let (ps, gs) = (len(&p.content), len(&g.content));
                    let shape = if i == gs {
                        "boundary: pred longer"
                    } else if i == ps {
                        "boundary: pred shorter"
                    } else {
                        "boundary: crossing"
                    };
                    if g.content.len() > 1 {
                        format!("{shape}, gold in pieces")
                    } else {
                        shape.to_string()
                    }
                }
                (3, _) => {
                    let t = chars_text(&chars, &g.content);
                    if t.contains(['“', '"', '”']) {
                        "missed: quoted".to_string()
                    } else {
                        "missed: unquoted".to_string()
                    }
                }
                (1, _) if g.source.is_none() => "wrong source: gold has none".to_string(),
                (1, Some((_, p))) if p.source.is_none() => {
                    "wrong source: pred has none".to_string()
                }
                (1, _) => "wrong source: other".to_string(),
                _ => String::new(),
            };
            if !sub.is_empty() {
                *subs.entry(sub.clone()).or_default() += 1;
            }
            let only = std::env::var("ONLY").unwrap_or_default();
            if k > 0 && shown[k] < show && sub.starts_with(only.as_str()) {
                shown[k] += 1;
                let src = g
                    .source
                    .as_ref()
                    .map_or("-".into(), |s| chars_text(&chars, s));
                println!(
                    "[{}] {}\n  cue [{cue}] source [{src}]\n  gold: {}",
                    names[k],
                    t.name,
                    chars_text(&chars, &g.content)
                );
                if let Some((_, p)) = best.filter(|b| b.0 > 0.0) {
                    let psrc = p
                        .source
                        .as_ref()
                        .map_or("-".into(), |s| chars_text(&chars, s));
                    println!(
                        "  pred: {}\n  pred source [{psrc}]",
                        chars_text(&chars, &p.content)
                    );
                }
            }
        }
        for p in &pred.attrs {
            if !gold
                .attrs
                .iter()
                .any(|g| jaccard(&p.content, &g.content).0 >= OVERLAP_MIN)
            {
                let cue = p.cue.as_ref().map_or("<none>".to_string(), |c| {
                    chars_text(&chars, c).to_lowercase()
                });
                if std::env::var("ONLY").is_ok_and(|o| o == "fp") {
                    let src = p
                        .source
                        .as_ref()
                        .map_or("-".into(), |s| chars_text(&chars, s));
                    println!(
                        "[fp] {}\n  cue [{cue}] source [{src}]\n  pred: {}",
                        t.name,
                        chars_text(&chars, &p.content)
                    );
                }
                *fp_cue.entry(cue).or_default() += 1;
            }
        }
    }
    let m = report(&counts, &stats, texts.len(), multi, texts.len());
    for (k, v) in &m {
        if k.ends_with("f1") || k.ends_with("_p") || k.ends_with("_r") {
            if let Metric::Float(f) = v {
                print!("{k}={f:.2} ");
            }
        }
    }
    println!();
    let mut v: Vec<_> = by_cue.into_iter().collect();
    v.sort_by_key(|(_, c)| std::cmp::Reverse(c.iter().sum::<u32>()));
    println!("gold cue: ok / wrong source / boundary / missed");
    for (c, n) in v.iter().take(60) {
        println!("{c:>24} {:5} {:5} {:5} {:5}", n[0], n[1], n[2], n[3]);
    }
    let tot = v.iter().fold([0u32; 4], |mut a, (_, n)| {
        for i in 0..4 {
            a[i] += n[i];
        }
        a
    });
    println!(
        "{:>24} {:5} {:5} {:5} {:5}",
        "TOTAL", tot[0], tot[1], tot[2], tot[3]
    );
    let mut f: Vec<_> = fp_cue.into_iter().collect();
    f.sort_by_key(|(_, c)| std::cmp::Reverse(*c));
    let mut sv: Vec<_> = subs.into_iter().collect();
    sv.sort();
    for (k, n) in sv {
        println!("{k:>40} {n:5}");
    }
    println!("false positives by cue: {:?}", &f[..f.len().min(40)]);
    Ok(())
}
