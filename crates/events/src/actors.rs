//! A stand-in for named-entity recognition when no model has run: runs of capitalised words are
//! taken as names, so that events have actors to point at. It knows no types (every mention is
//! MISC, low score) and it cannot tell a sentence-initial common noun from a name.

use dossier_core::{Document, EntityType, Mention, Span, TokenKind};

/// Capitalised words that are function words or dates, never names on their own.
fn stop(word: &str) -> bool {
    const STOP: &[&str] = &[
        "The",
        "A",
        "An",
        "On",
        "In",
        "At",
        "After",
        "Before",
        "But",
        "And",
        "Or",
        "For",
        "From",
        "With",
        "As",
        "By",
        "To",
        "Of",
        "If",
        "When",
        "While",
        "Since",
        "This",
        "That",
        "These",
        "Those",
        "It",
        "He",
        "She",
        "They",
        "We",
        "I",
        "You",
        "His",
        "Her",
        "Their",
        "Its",
        "Our",
        "There",
        "Here",
        "Some",
        "Many",
        "Meanwhile",
        "However",
        "Also",
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
        "Mr",
        "Mrs",
        "Ms",
        "Dr",
        "Earlier",
        "Later",
        "Last",
        "Next",
        "According",
        "Under",
        "Despite",
        "Following",
        "During",
        "Although",
        "Because",
        "Yesterday",
        "Today",
        "Tomorrow",
    ];
    STOP.contains(&word)
}

/// Mentions from capitalisation alone, sentence by sentence.
pub fn capitalised_mentions(doc: &Document) -> Vec<Mention> {
    let mut out = Vec::new();
    for s in &doc.sentences {
        let toks = doc
            .tokens
            .get(s.first as usize..s.last as usize)
            .unwrap_or(&[]);
        let mut i = 0;
        while i < toks.len() {
            let text = doc.span_text(toks[i].span);
            let cap = toks[i].kind == TokenKind::Word
                && text.chars().next().is_some_and(char::is_uppercase);
            if !cap || stop(text) {
                i += 1;
                continue;
            }
            let mut j = i + 1;
            let mut end = j;
            while j < toks.len() {
                let t = doc.span_text(toks[j].span);
                let tcap = t.chars().next().is_some_and(char::is_uppercase) && !stop(t);
                // Connectors stay only between two capitalised words: "Tigers of Tamil Eelam",
                // "Asia-Pacific", "U.S.".
                let glue = matches!(
                    t,
                    "of" | "for" | "the" | "de" | "al" | "-" | "." | "&" | "'s" | "bin"
                );
                let adjacent = toks[j].span.start == toks[j - 1].span.end;
                if tcap {
                    j += 1;
                    end = j;
                } else if glue && (t != "." || adjacent) {
                    j += 1;
                } else {
                    break;
                }
            }
            out.push(Mention {
                span: Span::new(toks[i].span.start as usize, toks[end - 1].span.end as usize),
                label: EntityType::MISC,
                score: 0.3,
            });
            i = end.max(i + 1);
        }
    }
    out
}
