//! `dossier eval quotes`: quote and attribution extraction on the PolNeAR layout.

use std::path::PathBuf;
use std::process::ExitCode;

use dossier_core::{Block, BlockKind, Document, OffsetMap, Stage};
use dossier_eval::quotes::{self as q, Metric};
use dossier_quotes::{marks, QuoteStage};

use crate::cmd::{print_json, CmdResult};
use crate::Global;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// A PolNeAR split: `text/*.txt` and `attributions/*_<annotator>.ann`.
    #[arg(long)]
    gold: PathBuf,
    /// Write one brat `.ann` file per text here, for `score.py brat_attr`.
    #[arg(long)]
    predictions: Option<PathBuf>,
    /// Also score the annotators against each other, and the stage against each of them, on
    /// the texts several annotators marked up: how far people agree sets the reachable figure.
    #[arg(long)]
    agreement: bool,
}

/// The document the quote stage sees for one raw text: paragraphs as blocks, then segmentation.
pub(crate) fn document(text: String) -> Document {
    let blocks = marks::paragraphs(&text)
        .into_iter()
        .map(|span| Block {
            span,
            kind: BlockKind::Paragraph,
        })
        .collect();
    let mut doc = Document {
        map: OffsetMap::identity(text.len()),
        text,
        blocks,
        ..Document::default()
    };
    let (tokens, sentences) = dossier_segment::segment(&doc.text, &doc.blocks);
    doc.tokens = tokens;
    doc.sentences = sentences;
    doc
}

/// The stages that run before quotes in the product's pipeline (names and dates), so that the
/// figures are the product's; and the quote stage, whose processor time alone is summed.
pub(crate) struct Stages {
    ner: dossier_ner::NerStage,
    quotes: QuoteStage,
    busy: std::time::Duration,
}

impl Stages {
    pub(crate) fn new(quotes: QuoteStage) -> anyhow::Result<Stages> {
        Ok(Stages {
            ner: dossier_ner::NerStage::new()?,
            quotes,
            busy: std::time::Duration::ZERO,
        })
    }

    /// The quotes of one raw text as byte-span attributions.
    pub(crate) fn predict(&mut self, text: &str) -> Vec<q::PredAttribution> {
        let mut doc = document(text.to_string());
        // A stage that fails leaves the document as it was: the quotes go on without it.
        let _ = self.ner.run(&mut doc);
        let _ = dossier_time::TimeStage.run(&mut doc);
        let (clock, cpu) = (std::time::Instant::now(), dossier_eval::thread_cpu());
        let ok = self.quotes.run(&mut doc).is_ok();
        self.busy += match (cpu, dossier_eval::thread_cpu()) {
            (Some(a), Some(b)) => b.saturating_sub(a),
            _ => clock.elapsed(),
        };
        if !ok {
            return Vec::new();
        }
        doc.quotes.iter().map(q::PredAttribution::from).collect()
    }
}

pub fn run(g: &Global, a: Args) -> CmdResult {
    let mut stages = Stages::new(QuoteStage::new())?;
    let ev = q::evaluate(&a.gold, a.predictions.as_deref(), |t| stages.predict(t))
        .map_err(anyhow::Error::msg)?;
    let q::Evaluation {
        metrics,
        annotators,
        texts,
        multi,
        bytes,
        ..
    } = ev;
    let mb_s = bytes as f64 / 1e6 / stages.busy.as_secs_f64().max(1e-9);
    let agreement = if a.agreement {
        Some(q::agreement(&a.gold, |t| stages.predict(t)).map_err(anyhow::Error::msg)?)
    } else {
        None
    };
    if g.json {
        let mut m = serde_json::Map::new();
        m.insert("unit".into(), "percent".into());
        for (k, v) in &metrics {
            let v = match v {
                Metric::Int(i) => serde_json::Value::from(*i),
                Metric::Float(f) => serde_json::Value::from(*f),
            };
            m.insert(k.clone(), v);
        }
        m.insert("gold_annotators".into(), serde_json::to_value(&annotators)?);
        m.insert("quote_stage_mb_per_s".into(), serde_json::Value::from(mb_s));
        if let Some(ag) = &agreement {
            m.insert("agreement".into(), agreement_json(ag));
        }
        print_json(&m)?;
        return Ok(ExitCode::SUCCESS);
    }
    let get = |k: &str| metrics.iter().find(|(n, _)| n == k).map(|(_, v)| *v);
    let fmt = |k: &str| match get(k) {
        Some(Metric::Float(f)) => format!("{f:.2}"),
        Some(Metric::Int(i)) => i.to_string(),
        None => "-".into(),
    };
    println!(
        "{} texts ({} with several annotators; scored against the first annotator id in sort order: {})",
        texts,
        multi,
        annotators.iter().map(|(a, n)| format!("{a}×{n}")).collect::<Vec<_>>().join(" ")
    );
    println!(
        "{:<10} {:>8} {:>8} {:>8}   {:>8} {:>8} {:>8}",
        "span", "exact P", "R", "F1", "overlap P", "R", "F1"
    );
    for kind in q::KINDS {
        println!(
            "{:<10} {:>8} {:>8} {:>8}   {:>8} {:>8} {:>8}",
            kind,
            fmt(&format!("{kind}_exact_p")),
            fmt(&format!("{kind}_exact_r")),
            fmt(&format!("{kind}_exact_f1")),
            fmt(&format!("{kind}_overlap_p")),
            fmt(&format!("{kind}_overlap_r")),
            fmt(&format!("{kind}_overlap_f1")),
        );
    }
    println!(
        "attributions: content P {} R {} F1 {}; source (content matched and source overlapping) P {} R {} F1 {}",
        fmt("attr_content_p"),
        fmt("attr_content_r"),
        fmt("attr_content_f1"),
        fmt("source_p"),
        fmt("source_r"),
        fmt("source_f1"),
    );
    println!(
        "gold attributions {}, predicted {}; quote stage {:.2} MB/s (per core, processor time)",
        fmt("gold_attributions"),
        fmt("pred_attributions"),
        mb_s
    );
    if let Some(ag) = &agreement {
        print_agreement(ag);
    }
    Ok(ExitCode::SUCCESS)
}

/// The agreement figures as JSON: per gold annotator and summed, people and stage.
fn agreement_json(ag: &q::Agreement) -> serde_json::Value {
    let pair = |c: &q::Counts| {
        let (source, content) = c.headline();
        serde_json::json!({"source_f1": source, "content_overlap_f1": content})
    };
    let by_gold: serde_json::Map<String, serde_json::Value> = ag
        .by_gold
        .iter()
        .map(|(annot, (texts, humans, system))| {
            let v = serde_json::json!({
                "texts": texts,
                "other_annotators": pair(humans),
                "system": pair(system),
            });
            (annot.clone(), v)
        })
        .collect();
    serde_json::json!({
        "texts": ag.texts,
        "other_annotators": pair(&ag.humans),
        "system": pair(&ag.system),
        "by_gold_annotator": by_gold,
    })
}

fn print_agreement(ag: &q::Agreement) {
    if ag.texts == 0 {
        println!("agreement: no text has several annotators' files");
        return;
    }
    println!(
        "agreement on the {} texts with several annotators (each annotator's file the gold in turn; \
         source F1 / content overlap F1):",
        ag.texts
    );
    println!(
        "{:<10} {:>6}   {:>17}   {:>17}",
        "gold", "texts", "other annotators", "quote stage"
    );
    let row = |name: &str, texts: usize, h: &q::Counts, s: &q::Counts| {
        let (hs, hc) = h.headline();
        let (ss, sc) = s.headline();
        println!("{name:<10} {texts:>6}   {hs:>8.2} {hc:>8.2}   {ss:>8.2} {sc:>8.2}");
    };
    for (annot, (texts, humans, system)) in &ag.by_gold {
        row(annot, *texts, humans, system);
    }
    row("all", ag.texts, &ag.humans, &ag.system);
}
