//! `dossier eval names`: the resolver's pairwise name matcher on labelled name pairs.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use dossier_eval::names as ev;
use dossier_resolve::{Name, NameKind};

use crate::cmd::{print_json, CmdResult};
use crate::Global;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Name-pair CSV (case_group,schema,name1,name2,is_match,...).
    #[arg(long)]
    gold: PathBuf,
    /// Write the gold rows with `score` and `predicted` columns appended.
    #[arg(long)]
    predictions: Option<PathBuf>,
    /// Also check an alias list (one variant of one name per line), e.g. putin_names.txt.
    #[arg(long)]
    aliases: Option<PathBuf>,
}

fn kind_of(schema: &str) -> NameKind {
    match schema.trim().to_ascii_lowercase().as_str() {
        "person" => NameKind::Person,
        "company" | "organization" | "organisation" | "legalentity" => NameKind::Org,
        _ => NameKind::Other,
    }
}

pub fn run(g: &Global, a: Args) -> CmdResult {
    let text = std::fs::read_to_string(&a.gold)
        .with_context(|| format!("reading {}", a.gold.display()))?;
    let table = ev::parse_csv(&text).map_err(|e| anyhow::anyhow!("{}: {e}", a.gold.display()))?;
    let gold = ev::pairs(&table).map_err(|e| anyhow::anyhow!("{}: {e}", a.gold.display()))?;
    let scores: Vec<f32> = gold
        .iter()
        .map(|p| {
            let k = kind_of(&p.schema);
            dossier_resolve::score(&Name::parse(&p.name1, k), &Name::parse(&p.name2, k))
        })
        .collect();
    let pred: Vec<bool> = scores
        .iter()
        .map(|&s| s >= dossier_resolve::THRESHOLD)
        .collect();
    let report = ev::score(&gold, &pred);
    if let Some(out) = &a.predictions {
        let extra: Vec<Vec<String>> = scores
            .iter()
            .zip(&pred)
            .map(|(s, p)| vec![format!("{s:.4}"), p.to_string()])
            .collect();
        std::fs::write(out, ev::write_csv(&table, &["score", "predicted"], &extra))
            .with_context(|| format!("writing {}", out.display()))?;
    }
    let cluster = match &a.aliases {
        Some(path) => {
            let t = std::fs::read_to_string(path)
                .with_context(|| format!("reading {}", path.display()))?;
            let variants: Vec<String> = t
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(String::from)
                .collect();
            let names: Vec<Name> = variants
                .iter()
                .map(|v| Name::parse(v, NameKind::Person))
                .collect();
            Some(ev::alias_cluster(&variants, |i, j| {
                dossier_resolve::is_match(&names[i], &names[j])
            }))
        }
        None => None,
    };
    if g.json {
        print_json(
            &serde_json::json!({ "task": "names", "gold": a.gold, "threshold": dossier_resolve::THRESHOLD,
            "pairs": report, "alias_cluster": cluster }),
        )?;
    } else {
        let c = &report.all;
        println!(
            "names: n={} tp={} fp={} fn={} tn={}  precision={:.4} recall={:.4} f1={:.4} accuracy={:.4} (threshold {})",
            c.n, c.tp, c.fp, c.fn_, c.tn, c.precision, c.recall, c.f1, c.accuracy, dossier_resolve::THRESHOLD
        );
        for (k, v) in &report.by_group {
            println!(
                "  group {k}: n={} precision={:.4} recall={:.4} f1={:.4}",
                v.n, v.precision, v.recall, v.f1
            );
        }
        for (k, v) in &report.by_schema {
            println!(
                "  schema {k}: n={} precision={:.4} recall={:.4} f1={:.4}",
                v.n, v.precision, v.recall, v.f1
            );
        }
        for (k, v) in &report.by_quality {
            println!(
                "  quality {k}: n={} precision={:.4} recall={:.4} f1={:.4}",
                v.n, v.precision, v.recall, v.f1
            );
        }
        if let Some(c) = &cluster {
            println!(
                "aliases: {} variants, pairwise recall={:.4}, largest cluster holds {:.4} of them, {} clusters",
                c.variants, c.pairwise_recall, c.largest_cluster_recall, c.clusters
            );
            println!("  outside the largest cluster: {}", c.outside.join(" | "));
        }
        println!("names f1={:.4}", c.f1);
    }
    Ok(ExitCode::SUCCESS)
}
