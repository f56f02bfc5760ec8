//! Word scanning shared by the sketches and the story vectors: byte spans of alphanumeric runs,
//! folded to lower case into a reused buffer, so nothing allocates per word.

/// Byte spans `[start, end)` of the alphanumeric runs of `text` (apostrophes and hyphens split).
pub fn words(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut it = text.char_indices().peekable();
    std::iter::from_fn(move || {
        let start = loop {
            let (i, c) = it.next()?;
            if c.is_alphanumeric() {
                break i;
            }
        };
        let mut end = text.len();
        while let Some(&(i, c)) = it.peek() {
            if !c.is_alphanumeric() {
                end = i;
                break;
            }
            it.next();
        }
        Some((start, end))
    })
}

/// Writes the lower-case form of `word` into `buf` (cleared first).
pub fn fold_into(word: &str, buf: &mut String) {
    buf.clear();
    if word.is_ascii() {
        buf.push_str(word);
        buf.make_ascii_lowercase();
    } else {
        for c in word.chars() {
            buf.extend(c.to_lowercase());
        }
    }
}

/// Whether a word holds a digit (a figure, a score, "4TH").
pub fn has_digit(w: &str) -> bool {
    w.bytes().any(|c| c.is_ascii_digit())
}

/// Function words that say nothing about which story an article belongs to.
pub fn is_stopword(w: &str) -> bool {
    STOPWORDS.binary_search(&w).is_ok()
}

// Sorted, so that lookup is a binary search.
const STOPWORDS: &[&str] = &[
    "a",
    "about",
    "above",
    "after",
    "again",
    "against",
    "ago",
    "all",
    "also",
    "am",
    "an",
    "and",
    "any",
    "are",
    "as",
    "at",
    "be",
    "because",
    "been",
    "before",
    "being",
    "below",
    "between",
    "both",
    "but",
    "by",
    "can",
    "could",
    "did",
    "do",
    "does",
    "doing",
    "down",
    "during",
    "each",
    "few",
    "for",
    "from",
    "further",
    "had",
    "has",
    "have",
    "having",
    "he",
    "her",
    "here",
    "hers",
    "herself",
    "him",
    "himself",
    "his",
    "how",
    "i",
    "if",
    "in",
    "into",
    "is",
    "it",
    "its",
    "itself",
    "just",
    "last",
    "least",
    "like",
    "ll",
    "may",
    "me",
    "might",
    "more",
    "most",
    "mr",
    "mrs",
    "ms",
    "much",
    "must",
    "my",
    "myself",
    "n",
    "new",
    "no",
    "nor",
    "not",
    "now",
    "of",
    "off",
    "on",
    "once",
    "one",
    "only",
    "or",
    "other",
    "our",
    "ours",
    "ourselves",
    "out",
    "over",
    "own",
    "re",
    "s",
    "said",
    "same",
    "says",
    "she",
    "should",
    "since",
    "so",
    "some",
    "still",
    "such",
    "t",
    "than",
    "that",
    "the",
    "their",
    "theirs",
    "them",
    "themselves",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "through",
    "to",
    "told",
    "too",
    "under",
    "until",
    "up",
    "us",
    "ve",
    "very",
    "was",
    "we",
    "were",
    "what",
    "when",
    "where",
    "which",
    "while",
    "who",
    "whom",
    "why",
    "will",
    "with",
    "would",
    "year",
    "years",
    "yet",
    "you",
    "your",
    "yours",
    "yourself",
];

/// A light suffix folding so that "attack", "attacks" and "attacked" meet; not a stemmer.
pub fn fold_suffix(w: &str) -> &str {
    let n = w.len();
    if n > 5 && w.ends_with("ing") {
        return &w[..n - 3];
    }
    if n > 4 && w.ends_with("ed") {
        return &w[..n - 2];
    }
    if n > 4 && w.ends_with("es") && !w.ends_with("ses") {
        return &w[..n - 2];
    }
    if n > 3 && w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("us") {
        return &w[..n - 1];
    }
    w
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stopwords_are_sorted() {
        assert!(STOPWORDS.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn words_are_alphanumeric_runs() {
        let t = "Two-day talks, é café 46%";
        let w: Vec<&str> = words(t).map(|(a, b)| &t[a..b]).collect();
        assert_eq!(w, ["Two", "day", "talks", "é", "café", "46"]);
        assert_eq!(words("").count(), 0);
        assert_eq!(words("  ,. ").count(), 0);
    }

    #[test]
    fn folding() {
        let mut b = String::new();
        fold_into("ÉCOLE", &mut b);
        assert_eq!(b, "école");
        assert_eq!(fold_suffix("attacks"), "attack");
        assert_eq!(fold_suffix("attacked"), "attack");
        assert_eq!(fold_suffix("bombing"), "bomb");
        assert_eq!(fold_suffix("class"), "class");
    }
}
