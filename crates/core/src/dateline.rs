//! Wire datelines: the place (and often date and agency) that opens a news story and is no part
//! of its first sentence's grammar. One definition for every stage that must not read the place
//! as a subject or a speaker (quotes, events).

/// The longest dateline considered, in bytes; anything longer is prose.
const MAX_LEN: usize = 160;
/// Words of a place in ordinary case, and of each comma part ("Northern Ireland", "March 16").
const MAX_WORDS: usize = 4;
/// Words of a place in capitals, which may also be a run-in heading ("EVEN HIS BOSS AGREES — ").
const MAX_CAPS_WORDS: usize = 12;
/// Comma parts after the place ("IRVINE, Calif., Feb 26 -").
const MAX_PARTS: usize = 3;
/// Bytes inside the agency's brackets ("(Example Wire)").
const MAX_AGENCY: usize = 40;

/// The byte length of the wire dateline that opens `text`, with the dash and the blank after
/// it, or `None` when `text` opens with none.
///
/// A dateline is a place, then up to three comma parts (region, date), then an optional agency
/// in brackets, then a dash (`-`, `--`, `–`, `—`):
///
/// ```
/// use dossier_core::dateline_end;
///
/// let s = "WASHINGTON (Reuters) - The Senate voted.";
/// assert_eq!(&s[dateline_end(s).unwrap()..], "The Senate voted.");
/// let s = "ALMATY, March 16 (Example Wire) - Talks began.";
/// assert_eq!(&s[dateline_end(s).unwrap()..], "Talks began.");
/// let s = "OSH, March 15 — Protesters gathered.";
/// assert_eq!(&s[dateline_end(s).unwrap()..], "Protesters gathered.");
/// // Not datelines: a headline, an acronym that is the subject.
/// assert_eq!(dateline_end("US - China talks resume"), None);
/// assert_eq!(dateline_end("WHO said the outbreak - now in its third week - was slowing."), None);
/// ```
///
/// The place is in capitals ("NEW YORK", "ST. LOUIS"); a place in ordinary case ("Kabul") counts
/// only with an agency after it ("Kabul (AFP) -"), since "Mehmet Oz — ..." is a name. A place
/// alone before the dash needs three letters or more ("US - China ..." is a headline) and a
/// lower-case word somewhere after the dash (an all-capitals line is a headline). A run-in
/// heading in capitals ("EVEN HIS BOSS AGREES — The head of ...") ends the same way: it is no
/// part of the sentence either. A colon ("KABUL: ...") is not taken: labels such as "NOTE:"
/// look the same.
pub fn dateline_end(text: &str) -> Option<usize> {
    let b = text.as_bytes();
    let (mut at, place) = words(text, 0, MAX_CAPS_WORDS, |c| c.is_uppercase())?;
    if place.lower && place.words > MAX_WORDS {
        return None;
    }
    let mut parts = 0;
    while parts < MAX_PARTS && b.get(at) == Some(&b',') {
        let from = skip_space(text, at + 1);
        if from == at + 1 {
            break;
        }
        let digit = |c: char| c.is_uppercase() || c.is_ascii_digit();
        let Some((end, _)) = words(text, from, MAX_WORDS, digit) else {
            break;
        };
        at = end;
        parts += 1;
    }
    let wire = agency(text, skip_space(text, at));
    if let Some(end) = wire {
        at = end;
    }
    let dash_end = dash(text, skip_space(text, at))?;
    let end = skip_space(text, dash_end);
    if end > MAX_LEN {
        return None;
    }
    let ok = match (place.lower, wire.is_some(), parts > 0) {
        // "Mehmet Oz — ...": a name in ordinary case needs an agency to be a place.
        (true, false, _) => false,
        (true, true, _) => true,
        (false, _, _) if place.letters < 2 => false,
        (false, true, _) | (false, _, true) => true,
        (false, false, false) => {
            place.letters >= 3
                && (end == text.len() || text[end..].chars().take(40).any(char::is_lowercase))
        }
    };
    ok.then_some(end)
}

/// What a run of words looks like.
#[derive(Clone, Copy, Default)]
struct Shape {
    words: usize,
    letters: usize,
    lower: bool,
}

/// Up to `max` words from byte `at`, one blank apart, each opening with a character `first`
/// accepts: where they end and their shape.
fn words(
    text: &str,
    at: usize,
    max: usize,
    first: impl Fn(char) -> bool,
) -> Option<(usize, Shape)> {
    let mut shape = Shape::default();
    let mut end = word(text, at, &first, &mut shape)?;
    for _ in 1..max {
        if text.as_bytes().get(end) != Some(&b' ') {
            break;
        }
        match word(text, end + 1, &first, &mut shape) {
            Some(e) => end = e,
            None => break,
        }
    }
    Some((end, shape))
}

/// One word from byte `at` ("ST.", "W.Va.", "N'DJAMENA", "16"): where it ends. A hyphen at its
/// end is a dash, not part of it ("OSH- ...").
fn word(text: &str, at: usize, first: impl Fn(char) -> bool, shape: &mut Shape) -> Option<usize> {
    let rest = text.get(at..)?;
    if !rest.chars().next().is_some_and(first) {
        return None;
    }
    let mut end = at;
    for (i, c) in rest.char_indices() {
        if !(c.is_alphanumeric() || matches!(c, '.' | '\'' | '’' | '-')) {
            break;
        }
        end = at + i + c.len_utf8();
    }
    while end > at && text.as_bytes()[end - 1] == b'-' {
        end -= 1;
    }
    shape.words += 1;
    for c in text[at..end].chars() {
        shape.letters += usize::from(c.is_alphabetic());
        shape.lower |= c.is_lowercase();
    }
    Some(end)
}

/// An agency in brackets at byte `at` ("(Reuters)", "(Example Wire)"): where it ends.
fn agency(text: &str, at: usize) -> Option<usize> {
    let rest = text.get(at..)?.strip_prefix('(')?;
    let close = rest
        .char_indices()
        .take_while(|&(i, _)| i <= MAX_AGENCY)
        .find(|&(_, c)| c == ')')?
        .0;
    let inner = &rest[..close];
    let fits = inner.chars().next().is_some_and(char::is_uppercase)
        && inner
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, ' ' | '.' | '&' | '-' | '\'' | '’'));
    fits.then_some(at + 1 + close + 1)
}

/// A dash at byte `at`: where it ends. A hyphen needs a blank (or the end) after it, so
/// "-based" is no dash.
fn dash(text: &str, at: usize) -> Option<usize> {
    let rest = text.get(at..)?;
    for d in ["—", "–", "―"] {
        if let Some(after) = rest.strip_prefix(d) {
            return (!after.starts_with(['-', '—', '–'])).then_some(at + d.len());
        }
    }
    let len = if rest.starts_with("--") {
        2
    } else if rest.starts_with('-') {
        1
    } else {
        return None;
    };
    rest[len..]
        .chars()
        .next()
        .is_none_or(char::is_whitespace)
        .then_some(at + len)
}

/// Byte `at` moved past any white space.
fn skip_space(text: &str, at: usize) -> usize {
    text.get(at..)
        .map_or(at, |rest| at + rest.len() - rest.trim_start().len())
}

#[cfg(test)]
mod tests {
    use super::dateline_end;

    /// The text after the dateline, when there is one.
    fn rest(s: &str) -> Option<&str> {
        dateline_end(s).map(|e| &s[e..])
    }

    #[test]
    fn wire_datelines_end_after_their_dash() {
        for (s, after) in [
            (
                "WASHINGTON (Reuters) - The Senate voted.",
                "The Senate voted.",
            ),
            ("WASHINGTON (AP) — The Senate voted.", "The Senate voted."),
            ("WASHINGTON -- The Senate voted.", "The Senate voted."),
            ("WASHINGTON—The Senate voted.", "The Senate voted."),
            ("NEW YORK, Jan 5 - Stocks fell.", "Stocks fell."),
            (
                "KABUL, Afghanistan — The Taliban said.",
                "The Taliban said.",
            ),
            (
                "OSH, March 15 — Protesters gathered.",
                "Protesters gathered.",
            ),
            (
                "ALMATY, March 16 (Example Wire) - Talks began.",
                "Talks began.",
            ),
            ("ST. LOUIS, Feb 26 - Landmark said.", "Landmark said."),
            ("IRVINE, Calif., Feb 26 - Shares rose.", "Shares rose."),
            ("FAIRVIEW, W.Va. - The mine closed.", "The mine closed."),
            (
                "BAHIA BLANCA, Argentina, March 10 - Rain fell.",
                "Rain fell.",
            ),
            ("Kabul (AFP) - A bomb exploded.", "A bomb exploded."),
            ("CHARLOTTE - Crowds gathered.", "Crowds gathered."),
            ("WASHINGTON (Reuters) -", ""),
            (
                "EVEN OZ’S BOSS THINKS HE’S FULL OF YOU-KNOW-WHAT — The head of the studio agreed.",
                "The head of the studio agreed.",
            ),
        ] {
            assert_eq!(rest(s), Some(after), "{s}");
        }
    }

    #[test]
    fn sentences_that_open_like_datelines_are_not() {
        for s in [
            "US - China talks resume",
            "U.S. - China talks resume after a pause",
            "NATO said on Monday that it would act - soon.",
            "WHO said the outbreak - now in its third week - was slowing.",
            "IBM shares rose 5 percent - the most in a year.",
            "Mehmet Oz — the television doctor — endorsed him.",
            "BREAKING NEWS - STOCKS FALL",
            "KABUL: The Taliban said.",
            "NEW YORK-based lenders said.",
            "The minister - who resigned - said.",
            "Washington - The Senate voted.",
            "OSH",
            "",
        ] {
            assert_eq!(rest(s), None, "{s}");
        }
    }

    proptest::proptest! {
        #[test]
        fn any_text_is_safe(s in "[A-Z ,.()\\-—–a-zÉé0-9]{0,60}|\\PC{0,80}") {
            if let Some(e) = dateline_end(&s) {
                proptest::prop_assert!(e <= s.len() && s.is_char_boundary(e));
            }
        }
    }
}
