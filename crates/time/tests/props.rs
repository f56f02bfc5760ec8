//! Properties on arbitrary input: no panic, spans in bounds, on char boundaries, ordered and disjoint.

use proptest::prelude::*;

fn check(text: &str) {
    let mut last_end = 0;
    for t in dossier_time::find_timexes(text, Some(jiff::civil::date(2021, 10, 11))) {
        let (s, e) = (t.span.start as usize, t.span.end as usize);
        assert!(s < e && e <= text.len());
        assert!(text.is_char_boundary(s) && text.is_char_boundary(e));
        assert!(s >= last_end, "overlapping or unordered spans");
        assert!(!t.value.is_empty());
        last_end = e;
    }
}

proptest! {
    #[test]
    fn arbitrary_strings(text in ".{0,200}") {
        check(&text);
    }

    #[test]
    fn temporal_word_salad(words in proptest::collection::vec(prop::sample::select(vec![
        "the", "last", "next", "year", "years", "ago", "May", "March", "Friday", "evening", "3", "12", "1990", "1990s", "-",
        "'", ".", ",", ":", "30", "p", "m", "a", "more", "than", "about", "early", "mid", "quarter", "third", "of", "every",
        "two", "twenty", "nineteen", "ninety", "day", "week", "this", "past", "fiscal", "year's", "s", "noon", "é",
    ]), 0..30)) {
        check(&words.join(" "));
        check(&words.concat());
    }
}
