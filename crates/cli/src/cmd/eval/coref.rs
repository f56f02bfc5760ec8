//! `dossier eval coref`: cross-document entity coreference on ECB+ with gold mentions.

use std::path::PathBuf;
use std::process::ExitCode;

use dossier_eval::coref as ev;
use dossier_resolve::coref::{cluster_mentions, TokenMention};

use crate::cmd::{print_json, CmdResult};
use crate::Global;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The ECB+ folder (or its `topics/`).
    #[arg(long, required_unless_present = "growth")]
    gold: Option<PathBuf>,
    /// Instead of scoring, time the resolver per document on a synthetic corpus growing to this
    /// many documents (CPU µs per document before 1k, 10k, 100k, ...).
    #[arg(long)]
    growth: Option<usize>,
    /// Write the mention files with the predicted cluster in `coref_chain` under this folder.
    #[arg(long)]
    predictions: Option<PathBuf>,
    /// Mention kind to cluster.
    #[arg(long, default_value = "entity", value_parser = ["entity", "event"])]
    kind: String,
}

pub fn run(g: &Global, a: Args) -> CmdResult {
    if let Some(total) = a.growth {
        let curve = ev::resolver_growth(total);
        if g.json {
            return print_json(
                &serde_json::json!({ "task": "coref", "growth": "resolver", "points": curve }),
            );
        }
        println!("documents\tentities\tcpu_us_per_doc\twall_us_per_doc");
        for p in &curve {
            println!(
                "{}\t{}\t{:.1}\t{:.1}",
                p.documents, p.items, p.cpu_us_per_doc, p.wall_us_per_doc
            );
        }
        return Ok(ExitCode::SUCCESS);
    }
    let gold_dir = a.gold.clone().unwrap_or_default();
    let (files, gold) = ev::read_gold(&gold_dir, &a.kind).map_err(anyhow::Error::msg)?;
    let texts = ev::read_texts(&gold_dir, &files, &gold);
    let input: Vec<TokenMention> = gold
        .iter()
        .map(|m| TokenMention {
            doc: &m.doc_id,
            group: &m.topic,
            sent: m.sent_id,
            first_token: m.tokens_number.first().copied().unwrap_or(0),
            tokens: &m.tokens_text,
            coarse: &m.mention_type,
            fine: &m.full_type,
            text: texts.get(&m.doc_id).map_or("", String::as_str),
        })
        .collect();
    let clusters = cluster_mentions(&input);
    let pred: Vec<String> = clusters.iter().map(|c| format!("c{c}")).collect();
    let key: Vec<String> = gold.iter().map(|m| m.chain.clone()).collect();
    let s = ev::score(&key, &pred);
    if let Some(out) = &a.predictions {
        ev::write_predictions(out, &files, &gold, &pred)?;
    }
    if g.json {
        return print_json(
            &serde_json::json!({ "task": "coref", "kind": a.kind, "gold": gold_dir, "unit": "percent", "scores": s }),
        );
    }
    println!(
        "mentions={} key_clusters={} pred_clusters={}",
        s.mentions, s.key_clusters, s.pred_clusters
    );
    println!(
        "MUC    P={:.4} R={:.4} F1={:.4}",
        s.muc_p, s.muc_r, s.muc_f1
    );
    println!("B3     P={:.4} R={:.4} F1={:.4}", s.b3_p, s.b3_r, s.b3_f1);
    println!(
        "CEAF-e P={:.4} R={:.4} F1={:.4}",
        s.ceafe_p, s.ceafe_r, s.ceafe_f1
    );
    println!("coref conll_f1_pct={:.4}", s.conll_f1);
    Ok(ExitCode::SUCCESS)
}
