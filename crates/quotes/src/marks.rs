//! Quotation marks paired at the character level, independent of tokens and sentences.
//!
//! Double marks only (straight `"`, curly `“ ”`, low `„`, guillemets `« »`): single marks are
//! mostly apostrophes in English news. News style continues a quote over paragraphs by opening
//! each paragraph with a mark and closing only the last one, so a quote left open at a paragraph
//! end continues when the next paragraph opens with a mark; otherwise it ends with its paragraph.
//! Unbalanced marks never fail: a stray closing mark is ignored.

use dossier_core::{Block, BlockKind, Span};

/// A quoted stretch of text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Quoted {
    /// From the opening mark to the closing mark, both included (or to the end of the last
    /// paragraph it runs over when never closed).
    pub outer: Span,
    /// Between the marks.
    pub inner: Span,
    /// Whether a closing mark was found.
    pub closed: bool,
    /// Whether it continues the previous stretch, left open at the end of the previous paragraph.
    pub continues: bool,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mark {
    Open,
    Close,
    /// A straight `"`: its side is told by its neighbours.
    Either,
}

fn mark(c: char) -> Option<Mark> {
    match c {
        '“' | '„' | '«' | '‟' => Some(Mark::Open),
        '”' | '»' => Some(Mark::Close),
        '"' => Some(Mark::Either),
        _ => None,
    }
}

/// Whether a straight mark between `prev` and `next` opens a quote.
fn opens(prev: Option<char>, next: Option<char>) -> Option<bool> {
    let before_space = prev.is_none_or(|c| c.is_whitespace() || "([{—–-/".contains(c));
    let after_space = next.is_none_or(|c| c.is_whitespace() || ".,;:!?)]}—–".contains(c));
    match (before_space, after_space) {
        (true, false) => Some(true),
        (false, true) => Some(false),
        _ => None,
    }
}

/// Paragraph spans as the document blocks a segmenter reads, for a text that came without them.
pub fn blocks(paras: &[Span]) -> Vec<Block> {
    paras
        .iter()
        .map(|&span| Block {
            span,
            kind: BlockKind::Paragraph,
        })
        .collect()
}

/// Paragraph spans of `text`: non-blank lines.
pub fn paragraphs(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, b) in text.bytes().enumerate() {
        if b == b'\n' {
            if !text[start..i].trim().is_empty() {
                out.push(Span::new(start, i));
            }
            start = i + 1;
        }
    }
    if !text[start..].trim().is_empty() {
        out.push(Span::new(start, text.len()));
    }
    out
}

/// All quoted stretches of `text`, in order, given its paragraphs (sorted, not overlapping).
pub fn find(text: &str, paras: &[Span]) -> Vec<Quoted> {
    let mut out = Vec::new();
    // An open quote: where it started and whether it is waiting for the next paragraph.
    let mut open: Option<usize> = None;
    let mut continues = false;
    let mut last_para_end = 0usize;
    for para in paras {
        let (ps, pe) = (para.start as usize, (para.end as usize).min(text.len()));
        let Some(ptext) = text.get(ps..pe) else {
            continue;
        };
        let lead = ptext.len() - ptext.trim_start().len();
        let first = ptext.trim_start().chars().next();
        if let Some(start) = open.take() {
            // Close the carried quote at the end of the previous paragraph either way; a
            // continuing paragraph starts a new stretch that is marked as a continuation.
            push(text, &mut out, start, last_para_end, false, continues);
            continues = first.and_then(mark).is_some_and(|m| m != Mark::Close)
                || ptext.trim_start().starts_with("''");
            if continues {
                open = Some(ps + lead);
            }
        }
        let mut prev: Option<char> = None;
        // The character at `i`, and where the one after it starts.
        let mut i = 0;
        while let Some(c) = ptext[i..].chars().next() {
            let at = ps + i;
            let mut end = i + c.len_utf8();
            // Up to the next mark or apostrophe only `prev` changes: go on to the next byte that
            // can start one (a straight mark, an apostrophe, or the first byte of a curly mark or
            // a guillemet), a character's first byte whatever the text.
            if c != '\'' && mark(c).is_none() {
                i = ptext.as_bytes()[end..]
                    .iter()
                    .position(|&b| matches!(b, b'"' | b'\'' | 0xC2 | 0xE2))
                    .map_or(ptext.len(), |k| end + k);
                prev = ptext[..i].chars().next_back();
                continue;
            }
            let mut next = ptext[end..].chars().next();
            // Two apostrophes stand for a straight double mark in some wire copy.
            let mut m = mark(c);
            let mut c = c;
            // Three at the close of a quotation ("a special case,'''") are a single mark closing
            // a quote inside it, then the double one: the first stays a plain apostrophe.
            if c == '\''
                && next == Some('\'')
                && open.is_some()
                && text[at..].starts_with("'''")
                && !text[at..].starts_with("''''")
            {
                prev = Some(c);
                i = end;
                continue;
            }
            if c == '\'' && next == Some('\'') {
                end += 1;
                next = ptext[end..].chars().next();
                m = Some(Mark::Either);
                c = '"';
            }
            let width = if m.is_some() && c == '"' && text[at..].starts_with("''") {
                2
            } else {
                c.len_utf8()
            };
            if let Some(m) = m {
                // A continued quote's opening mark was already taken as its start.
                if open == Some(at) {
                    prev = Some(c);
                    i = end;
                    continue;
                }
                // A curly mark written the wrong way round (scraped text, some fonts) is read
                // by its neighbours when its own side makes no sense: a closing mark with
                // nothing open that stands where a quote begins opens one, and an opening mark
                // inside an open quote that stands where a quote ends closes it.
                let is_open = match m {
                    Mark::Open => open.is_none() || opens(prev, next) != Some(false),
                    Mark::Close => open.is_none() && opens(prev, next) == Some(true),
                    Mark::Either => opens(prev, next).unwrap_or(open.is_none()),
                };
                match (is_open, open) {
                    (true, None) => {
                        open = Some(at);
                        continues = false;
                    }
                    (false, Some(s)) => {
                        push(text, &mut out, s, at + width, true, continues);
                        open = None;
                        continues = false;
                    }
                    // An opening mark inside an open quote: a nested or misplaced mark; keep
                    // the outer quote. A closing mark with nothing open: stray.
                    _ => {}
                }
            }
            prev = Some(c);
            i = end;
        }
        last_para_end = pe;
    }
    if let Some(s) = open {
        push(text, &mut out, s, last_para_end, false, continues);
    }
    out
}

fn push(
    text: &str,
    out: &mut Vec<Quoted>,
    start: usize,
    end: usize,
    closed: bool,
    continues: bool,
) {
    if end <= start {
        return;
    }
    let open_len = if text[start..].starts_with("''") {
        2
    } else {
        text[start..].chars().next().map_or(1, char::len_utf8)
    };
    let inner_start = (start + open_len).min(end);
    let inner_end = if closed {
        let close_len = if text[..end].ends_with("''") {
            2
        } else {
            text[..end].chars().next_back().map_or(1, char::len_utf8)
        };
        end.saturating_sub(close_len).max(inner_start)
    } else {
        // Trailing whitespace of an unclosed paragraph is not part of the quote.
        inner_start + text[inner_start..end].trim_end().len()
    };
    let outer_end = if closed { end } else { inner_end };
    out.push(Quoted {
        outer: Span::new(start, outer_end),
        inner: Span::new(inner_start, inner_end),
        closed,
        continues,
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(t: &str) -> Vec<&str> {
        find(t, &paragraphs(t))
            .iter()
            .map(|q| q.inner.text(t))
            .collect()
    }

    #[test]
    fn straight_and_curly_marks() {
        assert_eq!(
            texts("He said \"we will stay\" and left."),
            ["we will stay"]
        );
        assert_eq!(texts("“We will stay,” the mayor said."), ["We will stay,"]);
        assert_eq!(
            texts("''We will stay,'' the mayor said."),
            ["We will stay,"]
        );
    }

    #[test]
    fn a_quote_continued_over_paragraphs() {
        let t = "“The river rose overnight.\n\n“We moved everyone out,” the chief said.";
        assert_eq!(
            texts(t),
            ["The river rose overnight.", "We moved everyone out,"]
        );
        let q = find(t, &paragraphs(t));
        assert!(!q[0].closed && q[1].closed && q[1].continues && !q[0].continues);
    }

    #[test]
    fn odd_marks_never_fail() {
        for t in [
            "\"",
            "”",
            "a \" b \" c \"",
            "“unclosed\nnext line",
            "\"\"\"",
            "x”y“z",
            "",
        ] {
            let q = find(t, &paragraphs(t));
            for x in q {
                assert!(x.inner.end as usize <= t.len() && x.outer.start <= x.inner.start);
            }
        }
        assert_eq!(texts("“unclosed\nnext line"), ["unclosed"]);
    }

    #[test]
    fn marks_written_the_wrong_way_round() {
        assert_eq!(texts("”We will stay.” ― Jane Roe"), ["We will stay."]);
        assert_eq!(texts("“We will stay.“ She left."), ["We will stay."]);
        // In their places, they keep their sides.
        assert_eq!(texts("a ” b “c” d"), ["c"]);
    }

    #[test]
    fn three_apostrophes_close_a_quote_inside_and_the_quotation() {
        assert_eq!(
            texts("''We are told, 'it is a special case,''' he said. ''It is not.''"),
            ["We are told, 'it is a special case,'", "It is not."]
        );
        // Opening, the first two are the double mark.
        assert_eq!(texts("'''Tis the season,'' he said."), ["'Tis the season,"]);
    }

    #[test]
    fn single_marks_inside_a_quote_are_kept_inside() {
        assert_eq!(
            texts("“They called it ‘a trap,’ and left,” she said."),
            ["They called it ‘a trap,’ and left,"]
        );
    }
}
