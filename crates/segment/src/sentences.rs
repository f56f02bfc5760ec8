//! Sentences over tokens: block boundaries and line breaks are hard breaks; `.`, `!`, `?` end a
//! sentence unless the next word is lower-case; abbreviations end one only by their class.

use dossier_core::{Block, Sentence, Span, Token, TokenKind};

use crate::abbrev::{self, AbbrevClass};

/// A sentence longer than this is cut, so that later stages never see unbounded input.
pub const MAX_SENTENCE_TOKENS: usize = 1000;

/// How a token may end a sentence.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum End {
    /// `.`, `!`, `?`, `?!`…
    Stop,
    /// `...` or `…`: ends one only before a capital.
    Ellipsis,
    Abbrev(AbbrevClass),
}

fn end_of(t: &str) -> Option<End> {
    let b = t.as_bytes();
    // Most tokens end in a letter or digit; only `.`, `!`, `?` and non-ASCII stops can end one.
    match b.last() {
        Some(b'.' | b'!' | b'?') => {}
        Some(&c) if c < 0x80 => return None,
        _ => {}
    }
    match t {
        // Full stops and question marks of other scripts: CJK, Arabic, Urdu, Devanagari.
        "." | "\u{3002}" | "\u{FF01}" | "\u{FF1F}" | "\u{061F}" | "\u{06D4}" | "\u{0964}" => {
            return Some(End::Stop)
        }
        "" => return None,
        _ => {}
    }
    if b.iter().all(|&c| c == b'!' || c == b'?') {
        return Some(End::Stop);
    }
    if b.iter().all(|&c| c == b'.') || t == "\u{2026}" {
        return Some(End::Ellipsis);
    }
    let letter_first = t.starts_with(char::is_alphabetic);
    (letter_first && b.len() > 1 && b[b.len() - 1] == b'.')
        .then(|| End::Abbrev(abbrev::class_of(t)))
}

fn is_opening_quote(t: &str) -> bool {
    matches!(t, "\u{201C}" | "\u{2018}" | "\u{AB}" | "\"" | "'")
}

/// Sentences of `text` over `tokens`; `blocks` (may be empty, any order) are hard breaks.
pub fn split_sentences(text: &str, tokens: &[Token], blocks: &[Block]) -> Vec<Sentence> {
    let n = tokens.len();
    let mut out = Vec::with_capacity(n / 20 + 1);
    if n == 0 {
        return out;
    }
    let mut bounds: Vec<u32> = blocks
        .iter()
        .flat_map(|b| [b.span.start, b.span.end])
        .collect();
    bounds.sort_unstable();
    bounds.dedup();
    let mut gaps = Gaps {
        text,
        tokens,
        wrap_width: wrap_width(text),
        bounds,
        next_bound: 0,
    };
    let tok = |i: usize| tokens[i].span.text(text);

    let mut first = 0;
    let mut i = 0;
    while i < n {
        let mut last = i;
        let mut brk = false;
        if let Some(end) = end_of(tok(i)) {
            // Closing quotes and brackets right after the stop stay in the sentence.
            let mut j = i;
            while j + 1 < n && is_closer(text, tokens, j + 1) && gaps.newlines(j).0 == 0 {
                j += 1;
            }
            if j + 1 == n || ends_before(end, text, &tokens[j + 1]) {
                last = j;
                brk = true;
            }
        }
        if !brk && i + 1 < n && gaps.hard(i) {
            brk = true;
        }
        if brk || last + 1 == n || last + 1 - first >= MAX_SENTENCE_TOKENS {
            let span = Span::new(
                tokens[first].span.start as usize,
                tokens[last].span.end as usize,
            );
            out.push(Sentence {
                span,
                first: first as u32,
                last: last as u32 + 1,
            });
            first = last + 1;
        }
        i = last + 1;
    }
    out
}

/// Splits the full stop off an abbreviation that ends a sentence ("… joined Acme Corp." gives
/// "Corp", "."): the stop is the sentence's, and CoNLL-2003, whose tokens the NER model was
/// trained on, splits it the same way. Titles ("Gen.") are left whole. `sentences` are in order,
/// as [`split_sentences`] gives them.
pub fn split_final_stops(text: &str, tokens: &mut Vec<Token>, sentences: &mut [Sentence]) {
    let mut marks = Vec::new();
    for s in sentences.iter() {
        if s.first >= s.last || s.last as usize > tokens.len() {
            continue;
        }
        let mut k = s.last as usize - 1;
        while k > s.first as usize && is_closer(text, tokens, k) {
            k -= 1;
        }
        let ends_with_abbrev = match end_of(tokens[k].span.text(text)) {
            Some(End::Abbrev(class)) => class != AbbrevClass::Title,
            _ => false,
        };
        if ends_with_abbrev {
            marks.push(k);
        }
    }
    if marks.is_empty() {
        return;
    }
    let mut out = Vec::with_capacity(tokens.len() + marks.len());
    let mut next = marks.iter().peekable();
    for (i, t) in tokens.iter().enumerate() {
        if next.next_if(|&&m| m == i).is_some() {
            let stop = t.span.end as usize - 1;
            out.push(Token {
                span: Span::new(t.span.start as usize, stop),
                kind: t.kind,
            });
            out.push(Token {
                span: Span::new(stop, stop + 1),
                kind: TokenKind::Punct,
            });
        } else {
            out.push(*t);
        }
    }
    *tokens = out;
    // Each sentence moves right by the number of splits before it and grows by its own.
    let mut shift = 0;
    let mut m = 0;
    for s in sentences.iter_mut() {
        s.first += shift;
        while m < marks.len() && marks[m] < s.last as usize {
            m += 1;
            shift += 1;
        }
        s.last += shift;
    }
}

fn is_closer(text: &str, tokens: &[Token], k: usize) -> bool {
    match tokens[k].span.text(text) {
        "\u{201D}" | "\u{2019}" | "\u{BB}" | "\u{203A}" | ")" | "]" | "}" => true,
        // A straight quote closes only when glued to what it follows.
        "\"" | "'" => tokens[k].span.start == tokens[k - 1].span.end,
        _ => false,
    }
}

/// Whether a sentence ends at `end` given the token after it (and its closers).
fn ends_before(end: End, text: &str, next: &Token) -> bool {
    let t = next.span.text(text);
    let Some(c) = t.chars().next() else {
        return true;
    };
    if c.is_lowercase() || matches!(t, "," | ";" | ":" | "%" | ")" | "]" | "}") {
        return false;
    }
    let capital = c.is_uppercase() || is_opening_quote(t);
    match end {
        End::Stop => true,
        End::Ellipsis | End::Abbrev(AbbrevClass::Suffix) => capital,
        End::Abbrev(AbbrevClass::Title) => false,
        End::Abbrev(AbbrevClass::Number) => capital && next.kind != TokenKind::Number,
        End::Abbrev(AbbrevClass::Initial) => abbrev::is_starter(t) || is_opening_quote(t),
    }
}

/// The whitespace between consecutive tokens, and the block boundaries in it.
struct Gaps<'a> {
    text: &'a str,
    tokens: &'a [Token],
    /// The line width of hard-wrapped text, or 0.
    wrap_width: usize,
    bounds: Vec<u32>,
    next_bound: usize,
}

impl Gaps<'_> {
    /// Line breaks between token `i` and `i + 1`, and whether the next line is indented.
    fn newlines(&self, i: usize) -> (u32, bool) {
        let gap = &self.text.as_bytes()
            [self.tokens[i].span.end as usize..self.tokens[i + 1].span.start as usize];
        if gap.is_empty() || gap == b" " {
            return (0, false);
        }
        let mut count = 0;
        let mut indent = 0;
        let mut k = 0;
        while k < gap.len() {
            match gap[k] {
                b'\n' | 0x0b | 0x0c => {
                    count += 1;
                    indent = 0;
                }
                b'\r' if gap.get(k + 1) != Some(&b'\n') => {
                    count += 1;
                    indent = 0;
                }
                b' ' => indent += 1,
                b'\t' => indent += 4,
                0xe2 if gap[k + 1..].starts_with(&[0x80, 0xa8]) => {
                    count += 1;
                    indent = 0;
                }
                0xe2 if gap[k + 1..].starts_with(&[0x80, 0xa9]) => {
                    count += 2;
                    indent = 0;
                }
                0xc2 if gap.get(k + 1) == Some(&0x85) => {
                    count += 1;
                    indent = 0;
                }
                _ => {}
            }
            k += 1;
        }
        (count, count > 0 && indent >= 2)
    }

    /// Whether the gap after token `i` is a hard break: a block boundary, a blank line, or a
    /// line break (in hard-wrapped text, only one after a short line or before an indented one, and
    /// never one before a lower-case word).
    fn hard(&mut self, i: usize) -> bool {
        let (here, next) = (self.tokens[i].span, self.tokens[i + 1].span);
        while self.next_bound < self.bounds.len() && self.bounds[self.next_bound] <= here.start {
            self.next_bound += 1;
        }
        if self
            .bounds
            .get(self.next_bound)
            .is_some_and(|&b| b <= next.start)
        {
            return true;
        }
        match self.newlines(i) {
            (0, _) => false,
            // A wrapped line: continued by a lower-case word, ended by indentation or shortness.
            (1, indented) if self.wrap_width > 0 => {
                let lower = self.text[next.range()].starts_with(char::is_lowercase);
                !lower && (indented || self.short_line_before(here.end as usize))
            }
            _ => true,
        }
    }
}

/// Trimmed length of each line of `b`, whether it is indented, and whether it ends mid-sentence.
fn lines(b: &[u8]) -> impl Iterator<Item = (usize, bool, bool)> + '_ {
    let mut start = 0;
    memchr::memchr_iter(b'\n', b)
        .chain(std::iter::once(b.len()))
        .map(move |end| {
            let raw = &b[start..end];
            start = end + 1;
            let line = raw.trim_ascii();
            let indented = raw.first().is_some_and(|&c| c == b' ' || c == b'\t');
            let continues = line
                .last()
                .is_some_and(|&c| c.is_ascii_alphanumeric() || c == b',' || c == b'-');
            (line.len(), indented, continues)
        })
}

/// The width at which the text is hard-wrapped (wire copy, e-mail), or 0 when it is not: several
/// lines, none much longer than the rest, and most line breaks after a full line in mid-sentence.
fn wrap_width(text: &str) -> usize {
    let b = text.as_bytes();
    let (mut count, mut width) = (0usize, 0usize);
    for (len, _, _) in lines(b).filter(|l| l.0 > 0) {
        count += 1;
        width = width.max(len);
    }
    if count < 3 || width > 100 {
        return 0;
    }
    let (mut breaks, mut continued) = (0usize, 0usize);
    let mut prev: Option<(usize, bool)> = None;
    for (len, indented, continues) in lines(b) {
        if len == 0 {
            prev = None;
            continue;
        }
        if let Some((prev_len, prev_continues)) = prev {
            breaks += 1;
            continued += usize::from(prev_continues && !indented && prev_len * 10 >= width * 6);
        }
        prev = Some((len, continues));
    }
    if continued >= 2 && continued * 2 >= breaks {
        width
    } else {
        0
    }
}

impl Gaps<'_> {
    /// Whether the line ending at or after byte `pos` (a token end) is well short of the wrap
    /// width, which ends a headline, a list item or a paragraph.
    fn short_line_before(&self, pos: usize) -> bool {
        let b = self.text.as_bytes();
        let start = memchr::memrchr(b'\n', &b[..pos]).map_or(0, |k| k + 1);
        b[start..pos].trim_ascii().len() * 10 < self.wrap_width * 6
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokenize::tokenize;
    use dossier_core::BlockKind;

    fn sents_with<'a>(text: &'a str, blocks: &[Block]) -> Vec<&'a str> {
        let tokens = tokenize(text);
        split_sentences(text, &tokens, blocks)
            .iter()
            .map(|s| s.span.text(text))
            .collect()
    }

    fn sents(text: &str) -> Vec<&str> {
        sents_with(text, &[])
    }

    #[test]
    fn stops_end_sentences() {
        assert_eq!(
            sents("It rained. Roads closed! Why? Nobody knows."),
            ["It rained.", "Roads closed!", "Why?", "Nobody knows."]
        );
    }

    #[test]
    fn other_scripts_stops() {
        assert_eq!(
            sents("東京は晴れ。大阪は雨。"),
            ["東京は晴れ。", "大阪は雨。"]
        );
        assert_eq!(sents("हम आए। वे गए।"), ["हम आए।", "वे गए।"]);
        assert_eq!(sents("هل جاء؟ نعم"), ["هل جاء؟", "نعم"]);
    }

    #[test]
    fn lower_case_next_word_continues() {
        assert_eq!(sents("He said no. and left."), ["He said no. and left."]);
    }

    #[test]
    fn closing_quotes_stay_with_their_sentence() {
        assert_eq!(
            sents("“We won.” Then he left."),
            ["“We won.”", "Then he left."]
        );
        assert_eq!(
            sents("He said: \"We won.\" Then he left."),
            ["He said: \"We won.\"", "Then he left."]
        );
        assert_eq!(
            sents("(It was late.) Then he left."),
            ["(It was late.)", "Then he left."]
        );
    }

    #[test]
    fn question_inside_quote_before_lower_case_continues() {
        assert_eq!(
            sents("\"Why now?\" he asked. “Go!” she said."),
            ["\"Why now?\" he asked.", "“Go!” she said."]
        );
    }

    #[test]
    fn dateline_with_dash_stays_in_its_sentence() {
        assert_eq!(
            sents("PORTVILLE, Norland (Wire) — The port reopened. Ships left."),
            [
                "PORTVILLE, Norland (Wire) — The port reopened.",
                "Ships left."
            ]
        );
    }

    #[test]
    fn windows_and_unicode_line_breaks() {
        assert_eq!(
            sents("Port Reopens\r\n\r\nShips left."),
            ["Port Reopens", "Ships left."]
        );
        assert_eq!(
            sents("Port Reopens\u{2029}Ships left."),
            ["Port Reopens", "Ships left."]
        );
    }

    #[test]
    fn quotes_spanning_sentences_split() {
        assert_eq!(
            sents("“We came. We stayed,” she said."),
            ["“We came.", "We stayed,” she said."]
        );
    }

    #[test]
    fn titles_never_end_a_sentence() {
        assert_eq!(
            sents("Gen. Aziz met Mr. Lee and Dr. Okoro."),
            ["Gen. Aziz met Mr. Lee and Dr. Okoro."]
        );
        // A title after a hyphenated prefix too.
        assert_eq!(
            sents("The gap with then-Sen. Jane Roe was narrower. Later it grew."),
            [
                "The gap with then-Sen. Jane Roe was narrower.",
                "Later it grew."
            ]
        );
    }

    #[test]
    fn dotted_abbreviations_end_only_before_a_starter() {
        assert_eq!(
            sents("U.S. officials met. U.S. Army units left."),
            ["U.S. officials met.", "U.S. Army units left."]
        );
        assert_eq!(
            sents("He lives in the U.S. He likes it."),
            ["He lives in the U.S.", "He likes it."]
        );
        assert_eq!(
            sents("It opens at 9 a.m. Monday."),
            ["It opens at 9 a.m. Monday."]
        );
    }

    #[test]
    fn initials_do_not_end_a_sentence() {
        assert_eq!(
            sents("A poem by J.R.R. Smith and T. S. Okoro won."),
            ["A poem by J.R.R. Smith and T. S. Okoro won."]
        );
    }

    #[test]
    fn suffix_and_number_abbreviations() {
        assert_eq!(
            sents("Shares of Acme Corp. rose. He joined Acme Corp. The firm grew."),
            [
                "Shares of Acme Corp. rose.",
                "He joined Acme Corp.",
                "The firm grew."
            ]
        );
        assert_eq!(
            sents("Talks began on Jan. 12 in Lima. Item No. 7 failed."),
            ["Talks began on Jan. 12 in Lima.", "Item No. 7 failed."]
        );
    }

    #[test]
    fn decimals_do_not_end_a_sentence() {
        assert_eq!(
            sents("Output rose 3.5 pct to 1,000.5 tonnes. Prices fell."),
            ["Output rose 3.5 pct to 1,000.5 tonnes.", "Prices fell."]
        );
    }

    #[test]
    fn ellipsis_ends_only_before_a_capital() {
        assert_eq!(
            sents("We waited... and waited... Nothing came."),
            ["We waited... and waited...", "Nothing came."]
        );
    }

    #[test]
    fn headlines_and_datelines_break_at_line_ends() {
        let text = "Storm Hits Coast\n\nPORTVILLE, Norland\nThe storm hit at dawn.\nRoads closed";
        assert_eq!(
            sents(text),
            [
                "Storm Hits Coast",
                "PORTVILLE, Norland",
                "The storm hit at dawn.",
                "Roads closed"
            ]
        );
    }

    #[test]
    fn blocks_are_hard_breaks() {
        let text = "Storm Hits Coast The storm hit at dawn.";
        let blocks = [
            Block {
                span: Span::new(0, 16),
                kind: BlockKind::Title,
            },
            Block {
                span: Span::new(17, text.len()),
                kind: BlockKind::Paragraph,
            },
        ];
        assert_eq!(
            sents_with(text, &blocks),
            ["Storm Hits Coast", "The storm hit at dawn."]
        );
    }

    #[test]
    fn hard_wrapped_text_joins_lines() {
        let text = "The board of Acme Inc said it\nwould sell its grain unit to a\nlarger rival for 40 mln dlrs.\n    The sale is due to close in\nthe second quarter, it said.";
        assert_eq!(sents(text), [
            "The board of Acme Inc said it\nwould sell its grain unit to a\nlarger rival for 40 mln dlrs.",
            "The sale is due to close in\nthe second quarter, it said."
        ]);
    }

    #[test]
    fn hard_wrapped_text_breaks_after_short_lines_unless_continued() {
        let text = "Acme Inc said it\nwould sell its grain unit to a larger rival for\n40 mln dlrs in cash and stock, and that the buyer\nwould keep the plant.\nShr four cts\nNet 12 mln vs nine mln, the company said in a brief\nstatement issued on Tuesday after markets closed.";
        assert_eq!(sents(text), [
            "Acme Inc said it\nwould sell its grain unit to a larger rival for\n40 mln dlrs in cash and stock, and that the buyer\nwould keep the plant.",
            "Shr four cts",
            "Net 12 mln vs nine mln, the company said in a brief\nstatement issued on Tuesday after markets closed."
        ]);
    }

    #[test]
    fn empty_input_has_no_sentences() {
        assert!(sents("").is_empty());
        assert!(sents(" \n ").is_empty());
    }

    #[test]
    fn long_runs_are_cut() {
        let text = "word ".repeat(MAX_SENTENCE_TOKENS * 2 + 5);
        let tokens = tokenize(&text);
        let s = split_sentences(&text, &tokens, &[]);
        assert_eq!(s.len(), 3);
        assert!(s
            .iter()
            .all(|s| (s.last - s.first) as usize <= MAX_SENTENCE_TOKENS));
    }
}
