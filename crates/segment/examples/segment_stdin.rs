//! Prints the tokens and sentences of stdin, one sentence a line, tokens separated by `|`.
//!
//! `cargo run -p dossier-segment --example segment_stdin < article.txt`

use std::io::Read;

fn main() -> std::io::Result<()> {
    let mut text = String::new();
    std::io::stdin().read_to_string(&mut text)?;
    let (tokens, sentences) = dossier_segment::segment(&text, &[]);
    for s in &sentences {
        let words: Vec<&str> = tokens[s.first as usize..s.last as usize]
            .iter()
            .map(|t| t.span.text(&text))
            .collect();
        println!("{}", words.join(" | "));
    }
    Ok(())
}
