//! `dossier eval coref`: cross-document entity coreference on ECB+ with gold mentions.

use std::path::PathBuf;
use std::process::ExitCode;

use dossier_eval::coref as ev;
use dossier_resolve::coref::{cluster_mentions, merge, PairModel, TokenMention};

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
    /// Score only these topics: numbers and ranges, comma separated ("26-35", "1-25,30").
    #[arg(long)]
    topics: Option<String>,
    /// Also score each of this many folds of consecutive topics alone (after `--topics`).
    #[arg(long)]
    folds: Option<usize>,
    /// Cross-validate the pair model over the folds: each fold is clustered by a model fitted on
    /// the other folds' gold chains (needs `--folds`).
    #[arg(long, requires = "folds")]
    cv: bool,
    /// Join the rules' chains with this pair model (JSON, as `--train-out` writes).
    #[arg(long, conflicts_with = "cv")]
    model: Option<PathBuf>,
    /// Fit the pair model on the gold chains of the (selected) topics and write it here as JSON.
    #[arg(long)]
    train_out: Option<PathBuf>,
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
    let (files, mut gold) = ev::read_gold(&gold_dir, &a.kind).map_err(anyhow::Error::msg)?;
    if let Some(spec) = &a.topics {
        let keep = ev::parse_topics(spec).map_err(anyhow::Error::msg)?;
        gold.retain(|m| ev::topic_number(m).is_some_and(|t| keep.contains(&t)));
        if gold.is_empty() {
            anyhow::bail!("no {} mention in topics {spec}", a.kind);
        }
    }
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
    let chains: Vec<&str> = gold.iter().map(|m| m.chain.as_str()).collect();
    let topic_of: Vec<Option<u32>> = gold.iter().map(ev::topic_number).collect();
    let fold_topics = a
        .folds
        .map(|k| ev::topic_folds(&gold, k))
        .unwrap_or_default();
    if let Some(out) = &a.train_out {
        let model = ev::fit_pair_model(&input, &chains, &cluster_mentions(&input));
        std::fs::write(out, serde_json::to_string_pretty(&model)? + "\n")?;
        eprintln!(
            "pair model: threshold {} -> {}",
            model.threshold,
            out.display()
        );
    }
    let pred: Vec<String> = if a.cv {
        ev::cross_validate(&input, &chains, &topic_of, &fold_topics).0
    } else {
        let clusters = match &a.model {
            Some(path) => {
                let model: PairModel = serde_json::from_str(&std::fs::read_to_string(path)?)?;
                merge(&input, &cluster_mentions(&input), &model)
            }
            None => cluster_mentions(&input),
        };
        clusters.iter().map(|c| format!("c{c}")).collect()
    };
    let key: Vec<String> = gold.iter().map(|m| m.chain.clone()).collect();
    let s = ev::score(&key, &pred);
    let folds: Vec<(Vec<u32>, ev::Scores)> = fold_topics
        .into_iter()
        .map(|topics| {
            let (k, p): (Vec<String>, Vec<String>) = gold
                .iter()
                .zip(&pred)
                .filter(|(m, _)| ev::topic_number(m).is_some_and(|t| topics.contains(&t)))
                .map(|(m, p)| (m.chain.clone(), p.clone()))
                .unzip();
            let s = ev::score(&k, &p);
            (topics, s)
        })
        .collect();
    if let Some(out) = &a.predictions {
        ev::write_predictions(out, &files, &gold, &pred)?;
    }
    if g.json {
        let folds: Vec<_> = folds
            .iter()
            .map(|(t, s)| serde_json::json!({ "topics": t, "scores": s }))
            .collect();
        return print_json(
            &serde_json::json!({ "task": "coref", "kind": a.kind, "gold": gold_dir, "topics": a.topics, "unit": "percent", "scores": s, "folds": folds }),
        );
    }
    for (t, s) in &folds {
        println!(
            "fold topics={} mentions={} MUC={:.4} B3={:.4} CEAF-e={:.4} conll_f1_pct={:.4}",
            topic_list(t),
            s.mentions,
            s.muc_f1,
            s.b3_f1,
            s.ceafe_f1,
            s.conll_f1
        );
    }
    if !folds.is_empty() {
        let mean = folds.iter().map(|(_, s)| s.conll_f1).sum::<f64>() / folds.len() as f64;
        println!("folds mean conll_f1_pct={mean:.4}");
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

/// "1-5" for consecutive topics, else the list.
fn topic_list(t: &[u32]) -> String {
    match (t.first(), t.last()) {
        (Some(a), Some(b)) if t.windows(2).all(|w| w[1] == w[0] + 1) && a != b => {
            format!("{a}-{b}")
        }
        _ => t.iter().map(u32::to_string).collect::<Vec<_>>().join(","),
    }
}
