//! Codes the `text` of each JSON line on stdin and prints one prediction line per record in the
//! format `dossier eval events --predictions` writes (`{"id", "events": [{"type", "source",
//! "target"}]}`), so that the lexicon can be tried against a scorer without building the CLI:
//! `cargo run -p dossier-events --example predict < records.jsonl > pred.jsonl`.

use std::io::{BufRead, Write};

mod common;

use dossier_core::Stage;
use dossier_events::EventStage;
use serde_json::{json, Value};

fn main() {
    let stage = EventStage::new();
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for line in std::io::stdin().lock().lines().map_while(Result::ok) {
        let Ok(rec) = serde_json::from_str::<Value>(&line) else {
            continue;
        };
        let text = rec.get("text").and_then(Value::as_str).unwrap_or("");
        let mut d = common::doc(text);
        let _ = stage.run(&mut d);
        let words =
            |a: &Option<dossier_core::Actor>| a.as_ref().map(|a| d.span_text(a.span).to_string());
        let events: Vec<Value> = d
            .events
            .iter()
            .filter(|e| !e.negated && e.modality != "background" && e.modality != "condition")
            .map(
                |e| json!({"type": e.kind, "source": words(&e.source), "target": words(&e.target)}),
            )
            .collect();
        let _ = writeln!(
            out,
            "{}",
            json!({"id": rec.get("id").cloned().unwrap_or(Value::Null), "events": events})
        );
    }
}
