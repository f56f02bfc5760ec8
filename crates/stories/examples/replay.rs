//! Replays story clustering on the documents `dossier eval stories --dump FILE` wrote (in their
//! arrival order, with the layers the clustering reads), without running the pipeline again, and
//! writes `doc_id<TAB>story_id` predictions for `score.py stories`. An optional second argument
//! is a JSON object of `StoryConfig` fields to override; an optional third, a number, shuffles the
//! arrival order with that seed. One arrival order and one threshold make a noisy figure on a few
//! hundred documents (a knob that looks best in one order is often a spike): compare settings by
//! their mean over several orders and nearby thresholds.
//!
//!     cargo run --release -p dossier-stories --example replay -- dump.jsonl '{"threshold":0.3}' 7 > pred.tsv

#[path = "shared/dump.rs"]
mod dump;
#[path = "shared/shuffle.rs"]
mod shuffle;
use dump::{document, layer};
use shuffle::shuffle;

use dossier_stories::{StoryConfig, StoryIndex, StoryInput};
use serde_json::Value;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let path = args
        .next()
        .ok_or("usage: replay DUMP.jsonl [CONFIG_JSON] [ORDER_SEED]")?;
    let config: StoryConfig = match args.next() {
        Some(json) => serde_json::from_str(&json)?,
        None => StoryConfig::default(),
    };
    let text = std::fs::read_to_string(path)?;
    let mut lines: Vec<&str> = text.lines().collect();
    if let Some(seed) = args.next() {
        shuffle(&mut lines, seed.parse()?);
    }
    let mut index = StoryIndex::new(config);
    println!("doc_id\tstory_id");
    for line in lines {
        let v: Value = serde_json::from_str(line)?;
        let s = |k: &str| v.get(k).and_then(Value::as_str).map(str::to_string);
        let id = s("id").unwrap_or_default();
        let title = s("title");
        let date = s("date");
        let names: Vec<String> = layer(&v, "names");
        let doc = document(&v);
        let input = StoryInput {
            id: &id,
            title: title.as_deref().unwrap_or(""),
            text: &doc.text,
            date: date.as_deref(),
            entities: names.iter().map(String::as_str).collect(),
        };
        let story = index.add_document(&input, &doc);
        println!("{id}\ts{story}");
    }
    Ok(())
}
