//! `dossier eval time`: TempEval-3 Task A scores (TIMEX3 spans, types, values) on TimeML files.

use std::path::PathBuf;
use std::process::ExitCode;

use dossier_eval::time::{evaluate, Part, Scores};

use crate::cmd::{print_json, CmdResult};
use crate::Global;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// A TimeML `.tml` file or a directory searched recursively (e.g. TBAQ-cleaned/); each file's
    /// anchor is its TIMEX3 with functionInDocument="CREATION_TIME".
    #[arg(long)]
    gold: PathBuf,
    /// Write one `.tml` per input (same relative path) with the system's TIMEX3 tags, for the
    /// reference scorer.
    #[arg(long)]
    predictions: Option<PathBuf>,
    /// List every disagreement (missed, spurious, wrong span, type or value).
    #[arg(long)]
    errors: bool,
    /// Run one part of the TBAQ split only: `dev` (every second AQUAINT file, the held-back
    /// part) or `tune` (TimeBank and the other AQUAINT files, the part rules are written on).
    #[arg(long, value_enum)]
    part: Option<PartArg>,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug)]
enum PartArg {
    Dev,
    Tune,
}

fn line(name: &str, s: &Scores) -> String {
    format!(
        "{name:<10} gold {:>5}  pred {:>5}  strict P/R/F1 {:6.2} {:6.2} {:6.2}  relaxed P/R/F1 {:6.2} {:6.2} {:6.2}  type acc {:6.2} F1 {:6.2}  value acc {:6.2} F1 {:6.2}",
        s.counts.n_gold,
        s.counts.n_pred,
        s.strict.precision,
        s.strict.recall,
        s.strict.f1,
        s.relaxed.precision,
        s.relaxed.recall,
        s.relaxed.f1,
        s.type_accuracy,
        s.type_.f1,
        s.value_accuracy,
        s.value.f1
    )
}

pub fn run(g: &Global, a: Args) -> CmdResult {
    let only = a.part.map(|p| match p {
        PartArg::Dev => Part::Dev,
        PartArg::Tune => Part::Tune,
    });
    let report =
        evaluate(&a.gold, a.predictions.as_deref(), a.errors, only).map_err(anyhow::Error::msg)?;
    if g.json {
        return print_json(&report);
    }
    for d in &report.disagreements {
        let show = |x: &Option<(String, String, String)>| {
            x.as_ref()
                .map_or_else(|| "-".to_string(), |(s, k, v)| format!("{s:?} {k} {v}"))
        };
        println!("{}\tgold {}\tpred {}", d.file, show(&d.gold), show(&d.pred));
    }
    println!("{} files under {}", report.files, report.gold);
    println!("{}", line("all", &report.scores));
    for (k, s) in &report.by_subdir {
        println!("{}", line(k, s));
    }
    for (k, s) in &report.by_part {
        println!("{}", line(&format!("part {k}"), s));
    }
    for (k, t) in &report.by_gold_type {
        println!(
            "  gold {k:<9} n {:>5}  relaxed recall {:6.2}  value acc {:6.2}",
            t.n_gold, t.relaxed_recall, t.value_accuracy
        );
    }
    println!(
        "speed: {:.2} MB/s of plain text on one core ({} bytes)",
        report.mb_per_s, report.text_bytes
    );
    if let Some(p) = &a.predictions {
        println!("predictions written under {}", p.display());
    }
    Ok(ExitCode::SUCCESS)
}
