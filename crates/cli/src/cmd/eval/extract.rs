//! `dossier eval extract`: main-text extraction on the article-extraction benchmark layout.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use anyhow::Context;
use dossier_eval::extract as ev;

use crate::cmd::{print_json, CmdResult};
use crate::Global;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The benchmark's ground-truth.json ({id: {"articleBody", "url"}}).
    #[arg(long)]
    gold: PathBuf,
    /// Folder of the pages: <id>.html.gz or <id>.html.
    #[arg(long)]
    html: PathBuf,
    /// Write {id: {"articleBody": …}} for the independent scorer.
    #[arg(long)]
    predictions: Option<PathBuf>,
    /// Extract every page this many times, for a steadier throughput figure.
    #[arg(long, default_value_t = 1)]
    repeat: u32,
}

pub fn run(g: &Global, a: Args) -> CmdResult {
    let gold = ev::load_gold(&a.gold)?;
    let mut pages = Vec::with_capacity(gold.len());
    for (id, page) in &gold {
        match ev::read_page(&a.html, id) {
            Ok(bytes) => pages.push((id.clone(), page.url.clone(), bytes)),
            Err(e) => eprintln!("eval extract: warning: {e} (scored as empty)"),
        }
    }
    let html_bytes: usize = pages.iter().map(|p| p.2.len()).sum();
    let mut pred = BTreeMap::new();
    let mut failed = 0usize;
    let mut spent = Duration::ZERO;
    let cpu0 = ev::cpu_seconds();
    for round in 0..a.repeat.max(1) {
        for (id, url, bytes) in &pages {
            let t = Instant::now();
            let got = dossier_html::extract(bytes, None, url.as_deref());
            spent += t.elapsed();
            if round > 0 {
                continue;
            }
            match got {
                Ok(x) => {
                    pred.insert(id.clone(), x.text);
                }
                Err(e) => {
                    failed += 1;
                    eprintln!("eval extract: warning: {id}: {e} (scored as empty)");
                }
            }
        }
    }
    let cpu = cpu0
        .zip(ev::cpu_seconds())
        .map(|(a, b)| b - a)
        .filter(|&c| c > 0.0);
    if let Some(out) = &a.predictions {
        let json: serde_json::Map<String, serde_json::Value> = pred
            .iter()
            .map(|(k, v)| (k.clone(), serde_json::json!({ "articleBody": v })))
            .collect();
        std::fs::write(out, serde_json::to_string_pretty(&json)?)
            .with_context(|| format!("writing {}", out.display()))?;
    }
    let s = ev::score(&gold, &pred);
    let runs = (pages.len() as f64) * a.repeat.max(1) as f64;
    let secs = spent.as_secs_f64().max(1e-9);
    let pages_per_s = runs / secs;
    let mb_per_s = html_bytes as f64 * a.repeat.max(1) as f64 / secs / 1e6;
    let pages_per_cpu_s = cpu.map(|c| runs / c);
    let mb_per_cpu_s = cpu.map(|c| html_bytes as f64 * a.repeat.max(1) as f64 / c / 1e6);
    // The whole process: all pages held in memory plus the extractor's working set.
    let peak_rss_mb = crate::cmd::bench::peak_rss_mb();
    if g.json {
        print_json(&serde_json::json!({
            "task": "extract", "gold": a.gold, "html": a.html, "failed_pages": failed,
            "scores": s, "html_bytes": html_bytes, "extract_seconds": secs,
            "pages_per_s": pages_per_s, "mb_per_s": mb_per_s, "extract_cpu_seconds": cpu,
            "pages_per_cpu_s": pages_per_cpu_s, "mb_per_cpu_s": mb_per_cpu_s,
            "peak_rss_mb": peak_rss_mb,
        }))?;
    } else {
        println!(
            "extract: pages={} benchmark (upstream) precision={:.4} recall={:.4} f1={:.4}",
            s.pages, s.upstream_precision, s.upstream_recall, s.upstream_f1
        );
        println!(
            "         micro precision={:.4} recall={:.4} f1={:.4}  mean page f1={:.4}  exact pages={}",
            s.precision, s.recall, s.f1, s.mean_page_f1, s.exact_pages
        );
        let worst: Vec<String> = s
            .worst_pages_f1
            .iter()
            .map(|(k, f)| format!("{}={f:.3}", &k[..k.len().min(8)]))
            .collect();
        println!("         worst pages: {}", worst.join(" "));
        println!(
            "         speed: {pages_per_s:.1} pages/s, {mb_per_s:.1} MB/s of HTML ({} pages, {html_bytes} bytes, {secs:.3} s extraction, one thread)",
            runs as usize
        );
        if let (Some(c), Some(p), Some(m)) = (cpu, pages_per_cpu_s, mb_per_cpu_s) {
            println!("         CPU time: {c:.2} s, {p:.0} pages per CPU second, {m:.1} MB per CPU second");
        }
        if let Some(rss) = peak_rss_mb {
            println!("         peak RSS {rss:.1} MB (whole process, all pages in memory)");
        }
        if failed > 0 {
            println!("         {failed} pages failed to extract (scored as empty)");
        }
    }
    Ok(ExitCode::SUCCESS)
}
