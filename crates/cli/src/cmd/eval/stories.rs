//! `dossier eval stories`: story clustering on ECB+, scored like `../shared/scorers` `stories`.

use std::path::PathBuf;

use anyhow::Context;
use serde::Serialize;

use dossier_eval::stories::{
    gold_of, load_ecb, predict, score, story_growth, write_predictions, Method, Scores,
};
use dossier_stories::StoryConfig;

use crate::cmd::{print_json, CmdResult};
use crate::Global;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The ECB+ folder (holding `topics/`) or its `topics/` folder.
    #[arg(long, required_unless_present = "growth")]
    gold: Option<PathBuf>,
    /// Instead of scoring, time story clustering and copy detection per document on a synthetic
    /// corpus growing to this many documents (CPU µs per document before 1k, 10k, 100k, ...).
    #[arg(long)]
    growth: Option<usize>,
    /// Write `doc_id<TAB>story_id` predictions here.
    #[arg(long)]
    predictions: Option<PathBuf>,
    /// Only these topics (comma-separated numbers), clustered on their own.
    #[arg(long, value_delimiter = ',')]
    topics: Vec<u32>,
    /// Leave these topics out (comma-separated numbers).
    #[arg(long, value_delimiter = ',')]
    exclude_topics: Vec<u32>,
    /// Score the one-story-per-topic baseline instead.
    #[arg(long)]
    baseline_topic: bool,
    /// Override the joining threshold (cosine).
    #[arg(long)]
    threshold: Option<f64>,
    /// Override how many times a title word counts.
    #[arg(long)]
    title_weight: Option<f32>,
    /// Override the share of the entity cosine in the similarity (0 to 1).
    #[arg(long)]
    entity_share: Option<f32>,
    /// Override how many documents each background document counts as (0 = no background IDF).
    #[arg(long)]
    background: Option<f32>,
}

#[derive(Serialize)]
struct Report {
    method: &'static str,
    topics: Vec<u32>,
    config: StoryConfig,
    #[serde(flatten)]
    scores: Scores,
}

pub fn run(g: &Global, a: Args) -> CmdResult {
    if let Some(total) = a.growth {
        let (stories, copies) = story_growth(total);
        if g.json {
            return print_json(
                &serde_json::json!({ "task": "stories", "growth": { "stories": stories, "copies": copies } }),
            );
        }
        println!("documents\tstories\tstory_cpu_us_per_doc\tcopy_cpu_us_per_doc\tstory_wall_us_per_doc\tcopy_wall_us_per_doc");
        for (s, c) in stories.iter().zip(&copies) {
            println!(
                "{}\t{}\t{:.1}\t{:.1}\t{:.1}\t{:.1}",
                s.documents,
                s.items,
                s.cpu_us_per_doc,
                c.cpu_us_per_doc,
                s.wall_us_per_doc,
                c.wall_us_per_doc
            );
        }
        return Ok(std::process::ExitCode::SUCCESS);
    }
    let mut docs = load_ecb(a.gold.as_deref().unwrap_or(std::path::Path::new("")))
        .map_err(anyhow::Error::msg)
        .context("reading the ECB+ folder")?;
    docs.retain(|d| {
        (a.topics.is_empty() || a.topics.contains(&d.topic)) && !a.exclude_topics.contains(&d.topic)
    });
    anyhow::ensure!(
        !docs.is_empty(),
        "no documents left after the topic selection"
    );
    let mut config = StoryConfig::default();
    if let Some(t) = a.threshold {
        config.threshold = t;
    }
    if let Some(t) = a.title_weight {
        config.title_weight = t;
    }
    if let Some(t) = a.entity_share {
        config.entity_share = t;
    }
    if let Some(t) = a.background {
        config.background = t;
    }
    let method = if a.baseline_topic {
        Method::TopicBaseline
    } else {
        Method::Incremental
    };
    let pred = predict(&docs, &config, method);
    if let Some(p) = &a.predictions {
        write_predictions(p, &pred).with_context(|| format!("writing {}", p.display()))?;
    }
    let scores = score(&gold_of(&docs), &pred);
    let mut topics: Vec<u32> = docs.iter().map(|d| d.topic).collect();
    topics.sort_unstable();
    topics.dedup();
    let report = Report {
        method: if a.baseline_topic {
            "one story per topic"
        } else {
            "incremental"
        },
        topics,
        config,
        scores,
    };
    if g.json {
        return print_json(&report);
    }
    let s = &report.scores;
    println!(
        "stories ({}) on {} documents in {} topics",
        report.method,
        s.docs,
        report.topics.len()
    );
    println!(
        "  B3    P {:.4}  R {:.4}  F1 {:.4}",
        s.b3_p, s.b3_r, s.b3_f1
    );
    println!(
        "  pairs P {:.4}  R {:.4}  F1 {:.4}",
        s.pair_p, s.pair_r, s.pair_f1
    );
    println!(
        "  ARI {:.4}  V-measure {:.4}  (homogeneity {:.4}, completeness {:.4})",
        s.ari, s.v_measure, s.homogeneity, s.completeness
    );
    println!(
        "  gold stories {}  predicted stories {}",
        s.gold_stories, s.pred_stories
    );
    println!("stories b3_f1_frac={:.4}", s.b3_f1);
    Ok(std::process::ExitCode::SUCCESS)
}
