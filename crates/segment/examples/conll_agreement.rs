//! How close tokens and sentences come to CoNLL-2003's, on text rebuilt from its dev set.
//!
//! Each document is detokenised (punctuation and clitics glued back, straight quotes to the words they
//! enclose, one space elsewhere;
//! sentences without a final stop, such as headlines and datelines, end their line), then
//! segmented. Reports the share of gold tokens whose exact span we produce, and precision and
//! recall of sentence ends. The rebuilt text is an approximation of the wire copy, so the
//! figures are a guide, not a score.
//!
//! `cargo run --release -p dossier-segment --example conll_agreement [-- eng.testa.iob2]`

use std::collections::HashSet;

fn glued_left(w: &str) -> bool {
    matches!(
        w,
        "," | "."
            | ":"
            | ";"
            | "?"
            | "!"
            | ")"
            | "%"
            | "'s"
            | "'S"
            | "n't"
            | "N'T"
            | "'re"
            | "'ve"
            | "'ll"
            | "'d"
            | "'m"
    )
}

fn main() {
    let default = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/data/conll2003/eng.testa.iob2"
    );
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| default.to_string());
    let Ok(data) = std::fs::read_to_string(&path) else {
        println!("skipped: {path} not found");
        return;
    };
    // Documents as lists of sentences of tokens.
    let mut docs: Vec<Vec<Vec<&str>>> = Vec::new();
    let mut sentence: Vec<&str> = Vec::new();
    for line in data.lines() {
        let word = line.split(' ').next().unwrap_or("");
        if word == "-DOCSTART-" {
            docs.push(Vec::new());
        } else if word.is_empty() {
            if !sentence.is_empty() {
                if docs.is_empty() {
                    docs.push(Vec::new());
                }
                docs.last_mut()
                    .into_iter()
                    .for_each(|d| d.push(std::mem::take(&mut sentence)));
            }
        } else {
            sentence.push(word);
        }
    }
    let (mut gold_tokens, mut token_hits) = (0usize, 0usize);
    let (mut gold_ends, mut our_ends, mut end_hits) = (0usize, 0usize, 0usize);
    for doc in &docs {
        let mut text = String::new();
        let mut spans = HashSet::new();
        let mut ends = HashSet::new();
        let mut quote_open = false;
        for s in doc {
            if !text.is_empty() && !text.ends_with('\n') {
                text.push(' ');
            }
            let mut after_open = true;
            for (i, w) in s.iter().enumerate() {
                // Straight quotes alternate: an opening one glues to the next word, a closing one to the last.
                let closing_quote = *w == "\"" && quote_open;
                if i > 0 && !glued_left(w) && !after_open && !closing_quote {
                    text.push(' ');
                }
                if *w == "\"" {
                    quote_open = !quote_open;
                }
                after_open = matches!(*w, "(" | "$") || (*w == "\"" && quote_open);
                spans.insert((text.len(), text.len() + w.len()));
                text.push_str(w);
            }
            ends.insert(text.len());
            if !matches!(s.last().copied(), Some("." | "?" | "!" | "\"")) {
                text.push('\n');
            }
        }
        let (tokens, sentences) = dossier_segment::segment(&text, &[]);
        gold_tokens += spans.len();
        token_hits += tokens
            .iter()
            .filter(|t| spans.contains(&(t.span.start as usize, t.span.end as usize)))
            .count();
        gold_ends += ends.len();
        our_ends += sentences.len();
        end_hits += sentences
            .iter()
            .filter(|s| ends.contains(&(s.span.end as usize)))
            .count();
        if std::env::var_os("SHOW_MISSES").is_some() {
            let ours: HashSet<usize> = sentences.iter().map(|s| s.span.end as usize).collect();
            for &e in ends.iter().filter(|e| !ours.contains(e)) {
                let a = text.floor_char_boundary(e.saturating_sub(40));
                let b = text.ceil_char_boundary((e + 30).min(text.len()));
                println!("missed: {:?}", format!("{}‖{}", &text[a..e], &text[e..b]));
            }
            for &e in ours.iter().filter(|e| !ends.contains(e)) {
                let a = text.floor_char_boundary(e.saturating_sub(40));
                let b = text.ceil_char_boundary((e + 30).min(text.len()));
                println!("extra: {:?}", format!("{}‖{}", &text[a..e], &text[e..b]));
            }
        }
    }
    let p = end_hits as f64 / our_ends.max(1) as f64;
    let r = end_hits as f64 / gold_ends.max(1) as f64;
    println!(
        "{} documents: tokens {:.2}% of {gold_tokens} gold spans exact; sentence ends P {:.2}% R {:.2}% F1 {:.2}% ({our_ends} ours, {gold_ends} gold)",
        docs.len(),
        100.0 * token_hits as f64 / gold_tokens.max(1) as f64,
        100.0 * p,
        100.0 * r,
        100.0 * 2.0 * p * r / (p + r).max(f64::MIN_POSITIVE),
    );
}
