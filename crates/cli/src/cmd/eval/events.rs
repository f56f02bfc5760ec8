//! `dossier eval events`: PLOVER event coding scored on PLOVER gold-standard records and
//! PETRARCH2 unit-test records (formats and mappings in `dossier_eval::events`).

use std::collections::HashMap;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use dossier_core::{Document, Event, Layers, OffsetMap, Stage};
use dossier_eval::events::{read_gold, score, GoldRecord, PredEvent};
use dossier_events::{capitalised_mentions, EventStage};

use crate::cmd::{print_json, CmdResult};
use crate::Global;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Gold records: `plover_gsr_*.jsonl`, `petrarch2_unittest_*.jsonl` (JSON Lines) or
    /// `case2021_task2_*.tsv` (ACLED classes mapped to PLOVER); repeatable.
    #[arg(long, required = true, num_args = 1..)]
    gold: Vec<PathBuf>,
    /// Write one JSON line per record: `{"id", "events": [{"type", "source", "target"}]}`.
    #[arg(long)]
    predictions: Option<PathBuf>,
    /// Map CAMEO 02 (appeal) to no event instead of REQUEST.
    #[arg(long)]
    cameo_appeal_none: bool,
    /// Print each record's gold and predicted types and actors.
    #[arg(long)]
    errors: bool,
}

/// The events the scorer sees: asserted, reported, intended or hypothetical, not negated, not
/// in background clauses ("after X attacked ...") or conditions ("if X attacks ...").
fn scored(ev: &Event) -> bool {
    !ev.negated && ev.modality != "background" && ev.modality != "condition"
}

/// One line of the predictions file, id first.
#[derive(serde::Serialize)]
struct Line<'a> {
    id: &'a serde_json::Value,
    events: &'a [PredEvent],
}

fn code(stage: &EventStage, text: &str) -> (Document, Vec<PredEvent>) {
    let mut doc = Document {
        text: text.to_string(),
        map: OffsetMap::identity(text.len()),
        ..Document::default()
    };
    let (tokens, sentences) = dossier_segment::segment(&doc.text, &doc.blocks);
    doc.tokens = tokens;
    doc.sentences = sentences;
    doc.mentions = capitalised_mentions(&doc);
    doc.layers = Layers::TEXT | Layers::TOKENS | Layers::SENTENCES | Layers::MENTIONS;
    let _ = stage.run(&mut doc);
    let preds = doc
        .events
        .iter()
        .filter(|e| scored(e))
        .map(|e| PredEvent {
            kind: e.kind.clone(),
            source: e.source.as_ref().map(|a| doc.span_text(a.span).to_string()),
            target: e.target.as_ref().map(|a| doc.span_text(a.span).to_string()),
        })
        .collect();
    (doc, preds)
}

pub fn run(g: &Global, a: Args) -> CmdResult {
    let mut gold: Vec<GoldRecord> = Vec::new();
    for p in &a.gold {
        gold.extend(read_gold(p, a.cameo_appeal_none).map_err(anyhow::Error::msg)?);
    }
    let stage = EventStage::new();
    let mut out = match &a.predictions {
        Some(p) => Some(std::io::BufWriter::new(
            std::fs::File::create(p)
                .map_err(|e| anyhow::anyhow!("cannot write {}: {e}", p.display()))?,
        )),
        None => None,
    };
    let mut pred: HashMap<String, Vec<PredEvent>> = HashMap::new();
    for r in &gold {
        let (doc, evs) = code(&stage, &r.text);
        if let Some(w) = out.as_mut() {
            serde_json::to_writer(
                &mut *w,
                &Line {
                    id: &r.id_value,
                    events: &evs,
                },
            )?;
            w.write_all(b"\n")?;
        }
        if a.errors && !g.json {
            let got: Vec<String> = doc
                .events
                .iter()
                .map(|e| {
                    let t = |x: &Option<dossier_core::Actor>| {
                        x.as_ref()
                            .map_or("-".to_string(), |a| doc.span_text(a.span).to_string())
                    };
                    format!(
                        "{}{}[{}] {} -> {} ({}{})",
                        e.kind,
                        e.mode.as_ref().map(|m| format!("/{m}")).unwrap_or_default(),
                        doc.span_text(e.span),
                        t(&e.source),
                        t(&e.target),
                        e.modality,
                        if e.negated { ", negated" } else { "" }
                    )
                })
                .collect();
            let ok = r.types.iter().all(|t| evs.iter().any(|e| &e.kind == t))
                && evs.iter().all(|e| r.types.contains(&e.kind));
            println!(
                "{} {}\tgold {:?} src {:?} tgt {:?}\n    pred {}\n    {}",
                if ok { "ok " } else { "ERR" },
                r.id,
                r.types,
                r.sources,
                r.targets,
                got.join(" | "),
                r.text
            );
        }
        pred.insert(r.id.clone(), evs);
    }
    if let Some(mut w) = out {
        w.flush()?;
    }
    let m = score(&gold, &pred);
    if g.json {
        return print_json(&m);
    }
    let pct = |x: Option<f64>| x.map_or("n/a".to_string(), |v| format!("{:.1}%", v * 100.0));
    println!(
        "records {} (scored {}, skipped unmappable {})",
        m.records, m.records_scored, m.records_skipped_unmappable
    );
    println!(
        "type  micro P/R/F1 {:.4} {:.4} {:.4}   macro P/R/F1 {:.4} {:.4} {:.4}  ({} gold types)",
        m.micro_p, m.micro_r, m.micro_f1, m.macro_p, m.macro_r, m.macro_f1, m.gold_types
    );
    println!(
        "source actor right {}/{} ({})   target actor right {}/{} ({})",
        m.source_correct,
        m.source_judged,
        pct(m.source_acc),
        m.target_correct,
        m.target_judged,
        pct(m.target_acc)
    );
    println!(
        "no-event records left empty {}/{} ({})",
        m.no_event_correct,
        m.no_event_records,
        pct(m.no_event_share)
    );
    for (t, c) in &m.per_type {
        println!(
            "  {t:<10} tp {:>3} fp {:>3} fn {:>3}  F1 {:.3}",
            c.tp, c.fp, c.fn_, c.f1
        );
    }
    println!("events macro_f1_frac={:.4}", m.macro_f1);
    Ok(ExitCode::SUCCESS)
}
