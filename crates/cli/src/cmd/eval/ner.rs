//! `dossier eval ner`: conlleval-style scores of the tagger on a CoNLL IOB/IOB2 file.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Context;
use dossier_eval::ner::{
    read_conll, score, untyped, write_predictions, ConllDoc, NerScores, Prf, TypeMap,
};
use dossier_ner::{conll, Tagger};

use crate::cmd::{print_json, CmdResult};
use crate::Global;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Gold file: CoNLL-2003 columns or WNUT-17 `token<TAB>tag`, NER tag in the last column.
    #[arg(long)]
    gold: PathBuf,
    /// A model file instead of the one compiled into the binary.
    #[arg(long)]
    model: Option<PathBuf>,
    /// Write the gold lines with the predicted IOB2 tag appended (conlleval input).
    #[arg(long)]
    predictions: Option<PathBuf>,
    /// Rename gold types first: `conll` keeps them, `wnut17` maps person/location/corporation/
    /// group/product/creative-work to PER/LOC/ORG/ORG/MISC/MISC. Default: wnut17 when the file
    /// has WNUT types, else conll.
    #[arg(long)]
    types: Option<String>,
    /// Tag the file this many times for the timing figures (scores come from the first pass).
    #[arg(long, default_value_t = 1)]
    repeat: usize,
}

/// CPU seconds this process has used (user + system), from /proc; None elsewhere.
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name (which is in parentheses and may hold spaces).
    let rest = &stat[stat.rfind(')')? + 2..];
    let f: Vec<&str> = rest.split_whitespace().collect();
    let ticks: f64 = f.get(11)?.parse::<f64>().ok()? + f.get(12)?.parse::<f64>().ok()?;
    Some(ticks / 100.0)
}

fn prf_json(p: &Prf) -> serde_json::Value {
    serde_json::json!({
        "precision_pct": p.precision_pct, "recall_pct": p.recall_pct, "f1_pct": p.f1_pct,
        "gold": p.gold, "pred": p.pred, "correct": p.correct,
    })
}

fn scores_json(s: &NerScores) -> serde_json::Value {
    let per: serde_json::Map<String, serde_json::Value> = s
        .per_type
        .iter()
        .map(|(t, p)| (t.clone(), prf_json(p)))
        .collect();
    serde_json::json!({
        "tokens": s.tokens, "sentences": s.sentences, "accuracy_pct": s.accuracy_pct,
        "overall": prf_json(&s.overall), "per_type": per,
    })
}

pub fn run(g: &Global, a: Args) -> CmdResult {
    let text = std::fs::read_to_string(&a.gold)
        .with_context(|| format!("reading {}", a.gold.display()))?;
    let mut docs = read_conll(&text).with_context(|| format!("parsing {}", a.gold.display()))?;
    let map = match a.types.as_deref() {
        Some("conll") => TypeMap::Identity,
        Some("wnut17") => TypeMap::Wnut17,
        Some(other) => anyhow::bail!("--types {other}: expected conll or wnut17"),
        None if docs
            .iter()
            .flat_map(|d| &d.sentences)
            .flat_map(|s| &s.tags)
            .any(|t| t.ends_with("-person")) =>
        {
            TypeMap::Wnut17
        }
        None => TypeMap::Identity,
    };
    map.apply(&mut docs);
    let t_load = Instant::now();
    let owned;
    let tagger: &Tagger = match &a.model {
        Some(p) => {
            owned = Tagger::load(p)?;
            &owned
        }
        None => Tagger::embedded()?,
    };
    let load_ms = t_load.elapsed().as_secs_f64() * 1e3;
    let words: Vec<Vec<Vec<&str>>> = docs.iter().map(ConllDoc::words).collect();
    let (t_tag, cpu0) = (Instant::now(), cpu_seconds());
    let pred = conll::predict(tagger, &words);
    for _ in 1..a.repeat {
        conll::predict(tagger, &words);
    }
    let repeat = a.repeat.max(1) as f64;
    let secs = t_tag.elapsed().as_secs_f64() / repeat;
    let cpu = cpu0.zip(cpu_seconds()).map(|(a, b)| (b - a) / repeat);
    let gold: Vec<Vec<&str>> = docs
        .iter()
        .flat_map(|d| {
            d.sentences
                .iter()
                .map(|s| s.tags.iter().map(String::as_str).collect())
        })
        .collect();
    let s = score(&gold, &pred);
    let spans = score(&untyped(&gold), &untyped(&pred));
    let tok_per_s = s.tokens as f64 / secs.max(1e-9);
    let tok_per_cpu_s = cpu.filter(|&c| c > 0.0).map(|c| s.tokens as f64 / c);
    if let Some(out) = &a.predictions {
        let docstart = text.lines().any(|l| l.starts_with("-DOCSTART-"));
        std::fs::write(out, write_predictions(&docs, &pred, docstart))
            .with_context(|| format!("writing {}", out.display()))?;
    }
    if g.json {
        let mut v = scores_json(&s);
        v["gold_file"] = serde_json::json!(a.gold);
        v["types"] = serde_json::json!(if map == TypeMap::Wnut17 {
            "wnut17"
        } else {
            "conll"
        });
        v["untyped_spans"] = prf_json(&spans.overall);
        v["model_load_ms"] = serde_json::json!(load_ms);
        v["tag_seconds"] = serde_json::json!(secs);
        v["tokens_per_second"] = serde_json::json!(tok_per_s);
        v["tag_cpu_seconds"] = serde_json::json!(cpu);
        v["tokens_per_cpu_second"] = serde_json::json!(tok_per_cpu_s);
        return print_json(&v);
    }
    println!(
        "{}: {} tokens, {} sentences",
        a.gold.display(),
        s.tokens,
        s.sentences
    );
    if map == TypeMap::Wnut17 {
        println!("gold types mapped: person->PER location->LOC corporation,group->ORG product,creative-work->MISC");
    }
    println!(
        "{:<8} {:>9} {:>9} {:>9} {:>7} {:>7}",
        "type", "precision", "recall", "F1", "gold", "pred"
    );
    for (t, p) in &s.per_type {
        println!(
            "{:<8} {:>9.2} {:>9.2} {:>9.2} {:>7} {:>7}",
            t, p.precision_pct, p.recall_pct, p.f1_pct, p.gold, p.pred
        );
    }
    let o = &s.overall;
    println!(
        "{:<8} {:>9.2} {:>9.2} {:>9.2} {:>7} {:>7}",
        "overall", o.precision_pct, o.recall_pct, o.f1_pct, o.gold, o.pred
    );
    println!(
        "untyped spans: P {:.2} R {:.2} F1 {:.2}",
        spans.overall.precision_pct, spans.overall.recall_pct, spans.overall.f1_pct
    );
    println!("token accuracy {:.2}%", s.accuracy_pct);
    println!("model load {load_ms:.1} ms; tagging {secs:.3} s wall, {tok_per_s:.0} tokens/s (one thread, features + decoding)");
    if let (Some(c), Some(t)) = (cpu, tok_per_cpu_s) {
        println!("tagging CPU time {c:.3} s, {t:.0} tokens per CPU second (averaged over {repeat} passes)");
    }
    Ok(ExitCode::SUCCESS)
}
