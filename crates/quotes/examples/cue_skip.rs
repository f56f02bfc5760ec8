//! Writes `resources/cue-skip.txt`: the words the stage's cue tagger does not score (it labels
//! them outside a cue without reading their features). A word is listed when the shipped tagger
//! (`models/quotes/quotes.bin`), scoring every token of the PolNeAR training texts, never labels
//! it a cue head there, and it occurs there at least `MIN` times, or `VERB_MIN` times if WordNet
//! has it as a verb (a verb the tagger never took for a cue in a few uses may still be one).
//! Prints, for several pairs of bounds, the share of tokens the list covers and the cue heads it
//! would lose (the tagger's and the gold ones of the first annotator), on the training texts and
//! on the split in `DEV=dir` (measured only: the list is made from the training texts and the
//! model alone).
//!
//! Run from the repository root:
//! `cargo run --release -p dossier-quotes --example cue_skip -- [TRAIN_DIR]`
//! (`WRITE=1`: write the list; `DEV=../shared/data/polnear/dev`: also count on that split;
//! `SHOW=1`: the most frequent words kept, and the split's heads lost).

use std::collections::BTreeMap;
use std::path::Path;

use dossier_quotes::learn::Tagger;
use dossier_quotes::Lexicon;

// Only the gold attributions are read here, not the texts as the stage reads them.
#[allow(dead_code)]
#[path = "shared/polnear.rs"]
mod polnear;

/// Per word: tokens, tagger cue heads, gold cue heads.
type Counts = BTreeMap<String, [u32; 4]>;

fn count(raw: &[polnear::Raw], tagger: &Tagger, lex: &Lexicon) -> Counts {
    let mut out = Counts::new();
    for d in polnear::train_docs(raw, |_| true, false) {
        for (w, tagged, gold, wn) in tagger.cue_heads(&d, lex) {
            let c = out.entry(w).or_default();
            c[0] += 1;
            c[1] += u32::from(tagged);
            c[2] += u32::from(gold);
            c[3] = wn;
        }
    }
    out
}

fn skip(train: &Counts, min: u32, verb_min: u32) -> impl Fn(&str) -> bool + '_ {
    move |w| {
        train
            .get(w)
            .is_some_and(|c| c[0] >= min && c[1] == 0 && (c[3] & 0x7fff == 0 || c[0] >= verb_min))
    }
}

fn report(name: &str, counts: &Counts, is_skipped: &dyn Fn(&str) -> bool) {
    let (mut all, mut skipped) = ([0u32; 3], [0u32; 3]);
    for (w, c) in counts {
        for k in 0..3 {
            all[k] += c[k];
            if is_skipped(w) {
                skipped[k] += c[k];
            }
        }
    }
    println!(
        "  {name}: tokens skipped {}/{} ({:.1}%), tagger heads lost {}/{}, gold heads lost {}/{}",
        skipped[0],
        all[0],
        100.0 * skipped[0] as f64 / all[0].max(1) as f64,
        skipped[1],
        all[1],
        skipped[2],
        all[2]
    );
}

const MIN: u32 = 3;
const VERB_MIN: u32 = 50;

fn main() -> std::io::Result<()> {
    let dir = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "../shared/data/polnear/train".into());
    let root = Path::new(&dir);
    if !root.is_dir() {
        eprintln!("skipped: {} not found", root.display());
        return Ok(());
    }
    let tagger = Tagger::shipped().expect("shipped model");
    let lex = Lexicon::shipped();
    let train = count(&polnear::read(root)?, &tagger, &lex);
    let dev = match std::env::var("DEV") {
        Ok(d) => Some(count(&polnear::read(Path::new(&d))?, &tagger, &lex)),
        Err(_) => None,
    };
    for (min, verb_min) in [
        (1, 1),
        (3, 3),
        (5, 5),
        (10, 10),
        (20, 20),
        (3, 20),
        (3, 50),
        (3, 100),
        (5, 100),
        (10, 100),
        (3, 1000000),
    ] {
        println!("MIN {min} VERB_MIN {verb_min}:");
        let s = skip(&train, min, verb_min);
        report("train", &train, &s);
        if let Some(dev) = &dev {
            report("dev", dev, &s);
        }
    }
    if std::env::var("SHOW").is_ok() {
        let s = skip(&train, MIN, VERB_MIN);
        let mut v: Vec<_> = train.iter().filter(|(w, _)| !s(w)).collect();
        v.sort_by_key(|(_, c)| std::cmp::Reverse(c[0]));
        for (w, c) in v.iter().take(150) {
            println!("kept {w:?} {c:?}");
        }
        if let Some(dev) = &dev {
            for (w, c) in dev.iter().filter(|(w, c)| s(w) && c[1] > 0) {
                println!("dev lost {w:?} {c:?} train {:?}", train.get(w.as_str()));
            }
        }
    }
    if std::env::var("WRITE").is_ok() {
        let s = skip(&train, MIN, VERB_MIN);
        let words: Vec<&str> = train.keys().map(|w| w.as_str()).filter(|w| s(w)).collect();
        let mut out = format!(
            "# Words the quote stage's cue tagger labels outside a cue without scoring them.\n\
             # Written by `cargo run --release -p dossier-quotes --example cue_skip -- {dir}` with\n\
             # WRITE=1: every lower-case word of the PolNeAR training texts that the shipped tagger\n\
             # (models/quotes/quotes.bin), scoring every token, never labels a cue head there, seen\n\
             # there at least {MIN} times ({VERB_MIN} times if WordNet has it as a verb); {} words.\n",
            words.len()
        );
        for w in words {
            out.push_str(w);
            out.push('\n');
        }
        std::fs::write("crates/quotes/resources/cue-skip.txt", out)?;
        println!("wrote crates/quotes/resources/cue-skip.txt");
    }
    Ok(())
}
