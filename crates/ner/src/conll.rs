//! Tagging documents given as sentences of words (CoNLL files), for training reports and
//! `dossier eval ner`.

use crate::decode;
use crate::tagger::Tagger;

/// IOB2 tags (`B-PER`, `I-PER`, `O`) of BILOU label indices.
pub fn iob2(labels: &[usize]) -> Vec<&'static str> {
    const B: [&str; 4] = ["B-PER", "B-ORG", "B-LOC", "B-MISC"];
    const I: [&str; 4] = ["I-PER", "I-ORG", "I-LOC", "I-MISC"];
    let mut out = vec!["O"; labels.len()];
    for (s, e, ty) in decode::spans(labels) {
        out[s] = B[ty];
        for o in &mut out[s + 1..e] {
            *o = I[ty];
        }
    }
    out
}

/// Predicted IOB2 tags for every sentence of every document, in order.
pub fn predict<S: AsRef<str>>(tagger: &Tagger, docs: &[Vec<Vec<S>>]) -> Vec<Vec<&'static str>> {
    let mut out = Vec::new();
    for d in docs {
        for labels in tagger.label_document(d) {
            out.push(iob2(&labels));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decode::{label, Pos};

    #[test]
    fn iob2_of_bilou() {
        let l = [label(Pos::U, 0), label(Pos::B, 2), label(Pos::L, 2), 0];
        assert_eq!(iob2(&l), vec!["B-PER", "B-LOC", "I-LOC", "O"]);
    }
}
