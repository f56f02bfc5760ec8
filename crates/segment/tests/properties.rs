//! Invariants of tokens and sentences on arbitrary and news-like strings.

use dossier_core::{Block, BlockKind, Span};
use dossier_segment::{segment, MAX_SENTENCE_TOKENS};
use proptest::prelude::*;

fn check(text: &str, blocks: &[Block]) {
    let (tokens, sentences) = segment(text, blocks);
    let mut prev_end = 0;
    for t in &tokens {
        let (s, e) = (t.span.start as usize, t.span.end as usize);
        assert!(s < e, "empty token {s}..{e} in {text:?}");
        assert!(
            s >= prev_end,
            "tokens overlap or are out of order at {s} in {text:?}"
        );
        assert!(e <= text.len());
        assert!(
            text.is_char_boundary(s) && text.is_char_boundary(e),
            "token {s}..{e} not on char boundaries"
        );
        assert!(
            !text[s..e].chars().any(char::is_whitespace),
            "token {:?} covers whitespace",
            &text[s..e]
        );
        prev_end = e;
    }
    let mut next_first = 0u32;
    let mut prev_end = 0;
    for s in &sentences {
        assert_eq!(
            s.first, next_first,
            "sentence token ranges not contiguous in {text:?}"
        );
        assert!(s.first < s.last && s.last as usize <= tokens.len());
        assert!((s.last - s.first) as usize <= MAX_SENTENCE_TOKENS);
        let first = tokens[s.first as usize].span;
        let last = tokens[s.last as usize - 1].span;
        assert_eq!(
            s.span,
            Span {
                start: first.start,
                end: last.end
            }
        );
        assert!(s.span.start as usize >= prev_end, "sentences out of order");
        prev_end = s.span.end as usize;
        next_first = s.last;
    }
    assert_eq!(
        next_first as usize,
        tokens.len(),
        "sentences do not cover all tokens"
    );
}

/// Text built from the pieces the rules care about, so that the interesting branches are hit.
fn newsy() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("U.S.".to_string()),
        Just("Gen.".to_string()),
        Just("J.".to_string()),
        Just("Corp.".to_string()),
        Just("’s".to_string()),
        Just("n't".to_string()),
        Just("'".to_string()),
        Just("“".to_string()),
        Just("”".to_string()),
        Just("\"".to_string()),
        Just("—".to_string()),
        Just("–".to_string()),
        Just("...".to_string()),
        Just("…".to_string()),
        Just("1,000".to_string()),
        Just("3.5".to_string()),
        Just("https://a.b/c".to_string()),
        Just("x@y.com".to_string()),
        Just("$".to_string()),
        Just(".".to_string()),
        Just("?!".to_string()),
        Just("\n".to_string()),
        Just("\n\n".to_string()),
        Just("    ".to_string()),
        Just(" ".to_string()),
        "[A-Za-z]{1,8}",
        "[0-9]{1,4}",
        "[\\PC]{1,3}",
        "[ -~]{1,3}",
    ];
    proptest::collection::vec(piece, 0..40).prop_map(|v| v.concat())
}

fn blocks_for(text: &str, cuts: &[usize]) -> Vec<Block> {
    let mut points: Vec<usize> = cuts
        .iter()
        .map(|c| c % (text.len() + 1))
        .filter(|&c| text.is_char_boundary(c))
        .collect();
    points.sort_unstable();
    points
        .windows(2)
        .map(|w| Block {
            span: Span::new(w[0], w[1]),
            kind: BlockKind::Paragraph,
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn arbitrary_strings(text in any::<String>()) {
        check(&text, &[]);
    }

    #[test]
    fn newsy_strings(text in newsy(), cuts in proptest::collection::vec(any::<usize>(), 0..6)) {
        check(&text, &[]);
        check(&text, &blocks_for(&text, &cuts));
    }

    #[test]
    fn arbitrary_bytes_as_lossy_text(bytes in proptest::collection::vec(any::<u8>(), 0..200)) {
        check(&String::from_utf8_lossy(&bytes), &[]);
    }
}

#[test]
fn huge_single_line_does_not_blow_up() {
    let text = "abc, def. ".repeat(100_000);
    check(&text, &[]);
}
