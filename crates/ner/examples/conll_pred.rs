//! Writes a CoNLL file's lines with the predicted IOB2 tag appended (conlleval input), for
//! looking at errors without the CLI: `--example conll_pred -- GOLD > OUT`.

use dossier_ner::{conll, Tagger};

fn main() {
    let path = std::env::args().nth(1).expect("a CoNLL file");
    let text = std::fs::read_to_string(&path).expect("readable");
    let mut docs: Vec<Vec<Vec<&str>>> = Vec::new();
    let mut lines: Vec<Vec<&str>> = Vec::new();
    let (mut sent, mut sent_lines) = (Vec::new(), Vec::new());
    for line in text.lines().chain(std::iter::once("")) {
        let cols: Vec<&str> = line.split_whitespace().collect();
        if cols.is_empty() || cols[0] == "-DOCSTART-" {
            if !sent.is_empty() {
                if docs.is_empty() {
                    docs.push(Vec::new());
                }
                docs.last_mut().unwrap().push(std::mem::take(&mut sent));
                lines.push(std::mem::take(&mut sent_lines));
            }
            if cols.first() == Some(&"-DOCSTART-") {
                docs.push(Vec::new());
            }
            continue;
        }
        sent.push(cols[0]);
        sent_lines.push(line);
    }
    let pred = conll::predict(Tagger::embedded().unwrap(), &docs);
    let mut out = String::new();
    for (ls, ps) in lines.iter().zip(&pred) {
        for (l, p) in ls.iter().zip(ps) {
            out.push_str(l);
            out.push(' ');
            out.push_str(p);
            out.push('\n');
        }
        out.push('\n');
    }
    print!("{out}");
}
