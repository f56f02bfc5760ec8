//! Codes each line of stdin as a document and prints its events: a quick look at the lexicon's
//! effect (`echo "Rebels attacked the town." | cargo run -p dossier-events --example code`).

use std::io::BufRead;

mod common;

use dossier_core::Stage;
use dossier_events::EventStage;

fn main() {
    let stage = EventStage::new();
    for line in std::io::stdin().lock().lines().map_while(Result::ok) {
        let mut d = common::doc(&line);
        let _ = stage.run(&mut d);
        println!("{line}");
        for e in &d.events {
            let a = |x: &Option<dossier_core::Actor>| {
                x.as_ref()
                    .map_or("-".to_string(), |a| d.span_text(a.span).to_string())
            };
            println!(
                "  {}{} [{}] {} -> {} @{} ({}{}{})",
                e.kind,
                e.mode.as_ref().map(|m| format!("/{m}")).unwrap_or_default(),
                d.span_text(e.span),
                a(&e.source),
                a(&e.target),
                a(&e.location),
                e.modality,
                if e.negated { ", negated" } else { "" },
                e.reported_by
                    .as_ref()
                    .map(|r| format!(", by {}", d.span_text(r.span)))
                    .unwrap_or_default()
            );
        }
    }
}
