//! Clusters the gold entity mentions of an ECB+ folder and prints predictions as JSONL
//! (`doc_id, sent_id, tokens_number, cluster`) for the reference scorer, without the CLI:
//!
//!     cargo run --release -p dossier-resolve --example ecb -- ../shared/data/ecbplus/topics > pred.jsonl

use dossier_resolve::coref::{cluster_mentions, TokenMention};
use serde_json::Value;

fn main() {
    let root = std::env::args().nth(1).unwrap_or_default();
    let mut subs: Vec<_> = std::fs::read_dir(&root)
        .expect("topics folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    subs.sort();
    let mut rows: Vec<(Value, Vec<String>, String, String, String, String)> = Vec::new();
    let mut texts = std::collections::HashMap::new();
    let mut seen = std::collections::HashSet::new();
    for s in &subs {
        let name = s.file_name().unwrap().to_string_lossy().to_string();
        let p = s
            .join("annotation")
            .join(format!("entity_mentions_{name}.json"));
        let Ok(t) = std::fs::read_to_string(&p) else {
            continue;
        };
        let v: Vec<Value> = serde_json::from_str(&t).unwrap();
        for m in v {
            if !seen.insert((
                m["doc_id"].clone().to_string(),
                m["sent_id"].to_string(),
                m["tokens_number"].to_string(),
            )) {
                continue;
            }
            let doc = m["doc_id"].as_str().unwrap_or("").to_string();
            if !texts.contains_key(&doc) {
                let d: Value = std::fs::read_to_string(s.join(format!("{doc}.json")))
                    .ok()
                    .and_then(|t| serde_json::from_str(&t).ok())
                    .unwrap_or(Value::Null);
                texts.insert(doc.clone(), d["text"].as_str().unwrap_or("").to_string());
            }
            let toks = m["tokens_text"]
                .as_array()
                .unwrap()
                .iter()
                .map(|t| t.as_str().unwrap_or("").to_string())
                .collect();
            let s = |k: &str| m[k].as_str().unwrap_or("").to_string();
            rows.push((
                m.clone(),
                toks,
                doc,
                s("topic"),
                s("mention_type"),
                s("mention_full_type"),
            ));
        }
    }
    let ms: Vec<TokenMention> = rows
        .iter()
        .map(|(m, toks, doc, topic, c, f)| TokenMention {
            doc,
            group: topic,
            sent: m["sent_id"].as_i64().unwrap_or(0),
            first_token: m["tokens_number"][0].as_i64().unwrap_or(0),
            tokens: toks,
            coarse: c,
            fine: f,
            text: texts.get(doc).map(String::as_str).unwrap_or(""),
        })
        .collect();
    let c = cluster_mentions(&ms);
    for ((m, ..), c) in rows.iter().zip(c) {
        println!(
            "{}",
            serde_json::json!({"doc_id": m["doc_id"], "sent_id": m["sent_id"], "tokens_number": m["tokens_number"], "cluster": format!("c{c}")})
        );
    }
}
