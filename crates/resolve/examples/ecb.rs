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
                let mut text = d["text"].as_str().unwrap_or("").to_string();
                if text.trim().is_empty() {
                    text = conll_text(s, &name, &doc);
                }
                texts.insert(doc.clone(), text);
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

/// The tokens of one document in the sub-topic's CoNLL file, a sentence per line: the text of
/// the documents whose JSON has none (the coreference column is not read).
fn conll_text(sub: &std::path::Path, name: &str, doc: &str) -> String {
    let Ok(t) = std::fs::read_to_string(sub.join("annotation").join(format!("{name}.conll")))
    else {
        return String::new();
    };
    // "24_1ecb" is "24/24ecb/1" there
    let Some((topic, rest)) = doc.split_once('_') else {
        return String::new();
    };
    let n: String = rest.chars().take_while(char::is_ascii_digit).collect();
    let key = format!("{topic}/{name}/{n}");
    let mut out = String::new();
    let mut sent = None;
    for line in t.lines() {
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 4 || cols[0] != key {
            continue;
        }
        if sent.is_some_and(|s| s != cols[1]) {
            out.push('\n');
        } else if sent.is_some() {
            out.push(' ');
        }
        sent = Some(cols[1]);
        out.push_str(cols[3]);
    }
    out
}
