//! `dossier eval stories`: story clustering on ECB+, scored like `../shared/scorers` `stories`.

use std::path::PathBuf;

use std::time::Duration;

use anyhow::Context;
use dossier_core::{Block, BlockKind, Document, Field, OffsetMap, Span};
use dossier_ingest::{InputFields, Kind, RawDoc};
use serde::Serialize;

use dossier_eval::stories::{
    arrivals, gold_of, load_ecb, predict, score, story_growth, write_predictions, EcbDoc, Method,
    Scores,
};
use dossier_stories::StoryConfig;

use crate::cmd::{print_json, CmdResult};
use crate::{pipeline, Global};

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
    /// Override how many times a title word counts in all (the text's copy included).
    #[arg(long)]
    title_weight: Option<f32>,
    /// Override the share of the entity cosine in the similarity (0 to 1).
    #[arg(long)]
    entity_share: Option<f32>,
    /// Override how many documents each background document counts as (0 = no background IDF).
    #[arg(long)]
    background: Option<f32>,
    /// Override the largest gap in days between a document and a story's span.
    #[arg(long)]
    window_days: Option<i64>,
    /// Override the largest share of documents naming an entity for it to anchor a story.
    #[arg(long)]
    anchor_share: Option<f32>,
    /// Override the factor applied to the similarity of a story sharing no anchor (1 = off).
    #[arg(long)]
    unanchored: Option<f64>,
    /// Override the factor applied to the similarity of a story outside the time window (0 = never join).
    #[arg(long)]
    outside_window: Option<f64>,
    /// Override whether an undated document is dated by the days its text names.
    #[arg(long)]
    text_dates: Option<bool>,
    /// Override the power IDF is raised to.
    #[arg(long)]
    idf_power: Option<f32>,
    /// Override how many sentences make a document's lead.
    #[arg(long)]
    lead_sentences: Option<usize>,
    /// Override the factor applied to the similarity of a story with another main event (1 = off).
    #[arg(long)]
    other_event: Option<f64>,
    /// Override the largest gap in days between the dates two leads name (0 = off).
    #[arg(long)]
    lead_window_days: Option<i64>,
    /// Override the largest gap in days of the year between the days two leads name (0 = off).
    #[arg(long)]
    season_days: Option<i64>,
    /// Write each analysed document's layers the clustering reads (JSON lines) here.
    #[arg(long)]
    dump: Option<PathBuf>,
}

#[derive(Serialize)]
struct Report {
    method: &'static str,
    topics: Vec<u32>,
    config: StoryConfig,
    #[serde(flatten)]
    scores: Scores,
}

/// Runs each document through the product's cleaning and analysis pipeline (as `dossier ingest`
/// does), on two threads; `out[i]` is the analysis of `docs[i]`.
fn analyse(docs: &[EcbDoc]) -> anyhow::Result<Vec<Document>> {
    let p = pipeline::build()?;
    let one = |d: &EcbDoc| -> anyhow::Result<Document> {
        // An ECB+ `title` is the document's first sentence, left out of its `text`: the text is
        // put back together, as an article's clean text holds its headline, so that the
        // analysis sees the lead (and the 52 documents without a body are not empty).
        let text = match (d.title.trim(), d.text.trim()) {
            ("", _) => d.text.clone(),
            (t, "") => t.to_string(),
            (t, _) => format!("{t}\n\n{}", d.text),
        };
        let fields = InputFields {
            title: Some(d.title.clone()).filter(|t| !t.is_empty()),
            date: d.date.clone(),
            url: d.url.clone(),
            ..InputFields::default()
        };
        let raw = RawDoc::new(
            &d.id,
            None,
            "json",
            Kind::Text,
            text.clone().into_bytes(),
            fields,
        );
        let mut timings = vec![Duration::ZERO; 32];
        match pipeline::process(&p, raw, &mut timings) {
            Ok(doc) => Ok(doc),
            // The cleaner takes a few short ECB+ texts for page chrome; ingest would reject them,
            // but every gold document needs a story, so those are analysed as one paragraph.
            Err(_) => {
                let mut doc = Document {
                    text: text.clone(),
                    map: OffsetMap::identity(text.len()),
                    blocks: vec![Block {
                        span: Span::new(0, text.len()),
                        kind: BlockKind::Paragraph,
                    }],
                    layers: dossier_clean::PRODUCES,
                    ..Document::default()
                };
                doc.meta.title = Some(Field::new(d.title.clone(), "input:title", 1.0));
                p.run(&mut doc, &mut timings)
                    .map_err(|e| anyhow::anyhow!("{}: {e}", d.id))?;
                Ok(doc)
            }
        }
    };
    let half = docs.len().div_ceil(2);
    let (a, b) = std::thread::scope(|s| {
        let h = s.spawn(|| docs[half..].iter().map(one).collect::<Vec<_>>());
        let a: Vec<_> = docs[..half].iter().map(one).collect();
        (a, h.join())
    });
    let b = b.map_err(|_| anyhow::anyhow!("an analysis thread panicked"))?;
    a.into_iter().chain(b).collect()
}

/// One JSON line per document, in the order the clustering adds them: what it reads (title,
/// date, text, entity names, and the layers `add_document` looks at) and the gold story, so that
/// the clustering can be replayed without the pipeline (`dossier-stories` example `replay`).
fn dump(path: &std::path::Path, docs: &[EcbDoc], analysed: &[Document]) -> anyhow::Result<()> {
    let mut out = String::new();
    for (i, names) in arrivals(docs, analysed) {
        let (d, doc) = (&docs[i], &analysed[i]);
        let line = serde_json::json!({
            "id": d.id,
            "gold": d.subtopic,
            "title": doc.meta.title.as_ref().map(|f| f.value.clone()),
            "date": doc.meta.date.as_ref().map(|f| f.value.clone()),
            "text": doc.text,
            "names": names,
            "sentences": doc.sentences,
            "mentions": doc.mentions,
            "timexes": doc.timexes,
            "events": doc.events,
            "quotes": doc.quotes,
            "claims": doc.claims,
        });
        out.push_str(&line.to_string());
        out.push('\n');
    }
    std::fs::write(path, out).with_context(|| format!("writing {}", path.display()))?;
    Ok(())
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
    if let Some(t) = a.window_days {
        config.window_days = t;
    }
    if let Some(t) = a.anchor_share {
        config.anchor_share = t;
    }
    if let Some(t) = a.unanchored {
        config.unanchored = t;
    }
    if let Some(t) = a.outside_window {
        config.outside_window = t;
    }
    if let Some(t) = a.text_dates {
        config.text_dates = t;
    }
    if let Some(t) = a.idf_power {
        config.idf_power = t;
    }
    if let Some(t) = a.lead_sentences {
        config.lead_sentences = t;
    }
    if let Some(t) = a.other_event {
        config.other_event = t;
    }
    if let Some(t) = a.lead_window_days {
        config.lead_window_days = t;
    }
    if let Some(t) = a.season_days {
        config.season_days = t;
    }
    let method = if a.baseline_topic {
        Method::TopicBaseline
    } else {
        Method::Incremental
    };
    let analysed = analyse(&docs)?;
    if let Some(p) = &a.dump {
        dump(p, &docs, &analysed)?;
    }
    let pred = predict(&docs, &analysed, &config, method);
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
