//! Cleaning of plain-text scrapes: paragraphs found, site chrome dropped, the headline, date
//! line, byline and outlet lead-in recognised. General rules only: the chrome list in
//! `resources/chrome.txt` is web furniture, never words of a particular article.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use dossier_core::{Block, BlockKind, OffsetMap, OffsetMapBuilder, Span};
use regex::Regex;

use crate::dates::{is_relative_date, parse_date_prefix_ordered};

static CHROME: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    include_str!("../resources/chrome.txt")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect()
});
/// An icon ligature glued to its label by the scraper: "starAdd to favorites".
static ICON_GLUE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[a-z]+(?:_[a-z]+)*\p{Lu}").unwrap());
static LINK_LEAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(read|read more|also read|see also|related|watch|listen|more on this|recommended)\s*:").unwrap()
});
static BYLINE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:By|BY|by)\s+(\p{Lu}.{1,80})$").unwrap());
static DATE_LEAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:published|updated|posted|last updated|date)(?:\s+on)?\s*:?\s*").unwrap()
});
static CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)[\[(][^\[\]()]*(?:/|\bphoto\b|\bafp\b|\breuters\b|\bap\b|\bgetty\b|\bagency\b|\bepa\b|\bfile\b|\bcredit\b|\bimages?\b)[^\[\]()]*[\])]\s*$")
        .unwrap()
});
static CAPTION_LEAD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^(?:photo|image|picture|file photo|caption)\s*:").unwrap());
static OUTLET_LEAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(\p{Lu}[\p{L}’'.&-]*(?:\s+\p{Lu}[\p{L}’'.&-]*){0,3}):\s+[\p{Lu}“\x22‘']").unwrap()
});
static WIRE_DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\p{Lu}[\p{L} .,'-]{1,40}\((\p{Lu}[\p{L}. ]{1,30})\)\s*[-–—]").unwrap()
});
/// Labels a headline or a paragraph opens with, which are no outlet's name.
const LEAD_LABELS: [&str; 24] = [
    "update",
    "updated",
    "breaking",
    "exclusive",
    "analysis",
    "opinion",
    "watch",
    "note",
    "editor's note",
    "warning",
    "report",
    "poll",
    "video",
    "photos",
    "look",
    "revealed",
    "revealing",
    "live",
    "just in",
    "just leaked",
    "wow",
    "boom",
    "busted",
    "bombshell",
];

/// True when most of the first words after a lead-in are capitalised, as in a headline
/// ("John Roe: Rival Has ‘To Come a Long Way’"): a headline's speaker, not an outlet.
fn title_case(rest: &str) -> bool {
    let words: Vec<&str> = rest
        .split_whitespace()
        .skip(1)
        .take(12)
        .filter(|w| w.chars().any(char::is_alphabetic))
        .collect();
    let caps = words
        .iter()
        .filter(|w| {
            w.chars()
                .find(|c| c.is_alphabetic())
                .is_some_and(char::is_uppercase)
        })
        .count();
    words.len() >= 3 && caps * 2 > words.len()
}

/// What the cleaner found besides the text; spans are in the decoded text it was given.
#[derive(Debug, Default)]
pub struct Found {
    pub title: Option<(String, Span, f32, &'static str)>,
    pub date: Option<(String, Span)>,
    pub author: Option<(String, Span)>,
    pub outlet: Option<(String, Span, f32, &'static str)>,
}

pub struct Cleaned {
    pub text: String,
    /// Clean-text offsets to offsets of the text given to [`clean_text`].
    pub map: OffsetMap,
    pub blocks: Vec<Block>,
    pub found: Found,
}

#[derive(Clone, Debug, PartialEq)]
enum Class {
    Chrome,
    Date(String),
    Byline(String),
    Caption,
    Text,
}

/// A paragraph: the trimmed line spans it is made of.
struct Para {
    lines: Vec<Span>,
    class: Class,
    words: usize,
    /// Ends like a sentence.
    closed: bool,
}

impl Para {
    fn span(&self) -> Span {
        self.lines[0].cover(*self.lines.last().unwrap())
    }
    fn prose(&self) -> bool {
        (self.words >= 12 && self.closed) || self.words >= 25
    }
}

fn trimmed_lines(text: &str) -> Vec<(Span, bool)> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    let mut i = 0;
    while i <= bytes.len() {
        if i == bytes.len() || bytes[i] == b'\n' || bytes[i] == b'\r' {
            let line = &text[start..i];
            let t = line.trim_start();
            let indented = t.len() < line.len() && !t.is_empty();
            let lead = line.len() - t.len();
            let t = t.trim_end();
            out.push((Span::new(start + lead, start + lead + t.len()), indented));
            if i + 1 < bytes.len() && bytes[i] == b'\r' && bytes[i + 1] == b'\n' {
                i += 1;
            }
            start = i + 1;
        }
        i += 1;
    }
    out
}

/// Joins lines into paragraphs. Hard-wrapped text (short lines that run on) is joined at single
/// newlines and split at blank lines and indents; otherwise every line is its own paragraph.
fn paragraphs(text: &str) -> Vec<Vec<Span>> {
    let lines = trimmed_lines(text);
    let nonblank: Vec<usize> = (0..lines.len())
        .filter(|&i| !lines[i].0.is_empty())
        .collect();
    if nonblank.is_empty() {
        return Vec::new();
    }
    let avg = nonblank.iter().map(|&i| lines[i].0.len()).sum::<usize>() / nonblank.len();
    let run_on = nonblank
        .iter()
        .filter(|&&i| i + 1 < lines.len() && !lines[i + 1].0.is_empty())
        .count();
    let wrapped = avg < 100 && run_on * 2 >= nonblank.len();
    let mut paras: Vec<Vec<Span>> = Vec::new();
    let mut cur: Vec<Span> = Vec::new();
    for (span, indented) in lines {
        if span.is_empty() {
            if !cur.is_empty() {
                paras.push(std::mem::take(&mut cur));
            }
            continue;
        }
        if !cur.is_empty() && (!wrapped || indented) {
            paras.push(std::mem::take(&mut cur));
        }
        cur.push(span);
    }
    if !cur.is_empty() {
        paras.push(cur);
    }
    paras
}

fn classify(s: &str, words: usize) -> Class {
    if ICON_GLUE.is_match(s) || LINK_LEAD.is_match(s) {
        return Class::Chrome;
    }
    // Chrome phrases are a few words long; prose is not lower-cased for nothing.
    if words <= 6 {
        let lower = s.to_lowercase();
        let core = lower
            .trim_end_matches(|c: char| c.is_ascii_punctuation() || c == '…')
            .trim();
        if CHROME.contains(core) {
            return Class::Chrome;
        }
    }
    let head = s.get(..s.len().min(12)).unwrap_or(s).to_ascii_lowercase();
    if s.starts_with('©') || head.starts_with("copyright") || head.starts_with("(c) ") {
        return Class::Chrome;
    }
    if words <= 10 && is_relative_date(s) {
        return Class::Chrome;
    }
    if words <= 12 {
        if let Some(iso) = date_line(s, false) {
            return Class::Date(iso);
        }
    }
    if words <= 12 && s.len() > 3 && s.as_bytes()[..3].eq_ignore_ascii_case(b"by ") {
        if let Some(c) = BYLINE.captures(s) {
            return Class::Byline(c[1].trim().to_string());
        }
    }
    let bracketed = s.ends_with(']') || s.ends_with(')');
    if CAPTION_LEAD.is_match(s) || (words >= 4 && bracketed && CREDIT.is_match(s)) {
        return Class::Caption;
    }
    Class::Text
}

/// The date of a line that is a date and little else: "Published 12 March 2024",
/// "Mar 12, 2024 10:02 GMT", "Updated: 12/03/2024" (day first unless `month_first`). At most
/// two words may follow the date (a time zone, a place).
pub fn date_line(s: &str, month_first: bool) -> Option<String> {
    let s = s.trim();
    if s.split_whitespace().count() > 12 || !may_start_with_date(s) {
        return None;
    }
    let rest = DATE_LEAD.find(s).map_or(s, |m| &s[m.end()..]);
    let (iso, used) = parse_date_prefix_ordered(rest, month_first)?;
    let tail = rest[used..].trim_matches(|c: char| c.is_whitespace() || c.is_ascii_punctuation());
    (tail.split_whitespace().count() <= 2).then_some(iso)
}

/// A cheap test before the date patterns: a date line starts with a digit, a month or weekday
/// name, or a lead-in such as "Published".
fn may_start_with_date(s: &str) -> bool {
    const STARTS: [&str; 24] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec", "mon",
        "tue", "wed", "thu", "fri", "sat", "sun", "pub", "upd", "pos", "las", "dat",
    ];
    let b = s.as_bytes();
    if b.first().is_some_and(u8::is_ascii_digit) {
        return true;
    }
    b.len() >= 3
        && STARTS
            .iter()
            .any(|p| b[..3].eq_ignore_ascii_case(p.as_bytes()))
}

fn ends_like_sentence(s: &str) -> bool {
    s.trim_end()
        .chars()
        .last()
        .is_some_and(|c| ".!?\"”’'…)".contains(c))
}

/// Key for spotting a repeated headline: case, quote style and spacing do not count.
fn title_key(s: &str) -> String {
    s.chars()
        .filter_map(|c| match c {
            '“' | '”' | '‘' | '’' | '"' | '\'' | '`' => None,
            c if c.is_whitespace() => Some(' '),
            c => Some(c.to_ascii_lowercase()),
        })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

pub fn clean_text(text: &str) -> Cleaned {
    let mut paras: Vec<Para> = paragraphs(text)
        .into_iter()
        .map(|lines| {
            let span = lines[0].cover(*lines.last().unwrap());
            let s = span.text(text);
            let words = s.split_whitespace().count();
            Para {
                class: classify(s, words),
                words,
                closed: ends_like_sentence(s),
                lines,
            }
        })
        .collect();
    let mut found = Found::default();

    // The header is everything before the first paragraph of prose.
    let body = paras
        .iter()
        .position(|p| p.class == Class::Text && p.prose())
        .unwrap_or(0);
    // A repeated headline has the same number of words; only such pairs are compared.
    let key = |i: usize| title_key(paras[i].span().text(text));
    let same = |i: usize, j: usize| paras[i].words == paras[j].words && key(i) == key(j);
    let is_candidate = |i: usize| paras[i].class == Class::Text && paras[i].words >= 2;
    // The last paragraph with each (word count, key): one key per paragraph, so a page of
    // thousands of short header lines costs no more than their length.
    let mut last: HashMap<(usize, String), usize> = HashMap::new();
    for (j, p) in paras.iter().enumerate() {
        if p.words >= 2 {
            last.insert((p.words, key(j)), j);
        }
    }
    let repeated = (0..body)
        .find(|&i| is_candidate(i) && last.get(&(paras[i].words, key(i))).is_some_and(|&j| j > i));
    let before_meta = (0..body).find(|&i| {
        is_candidate(i)
            && paras[i + 1..body]
                .iter()
                .find(|p| p.class != Class::Chrome)
                .is_some_and(|p| matches!(p.class, Class::Date(_) | Class::Byline(_)))
    });
    let longest = (0..body)
        .filter(|&i| is_candidate(i))
        .max_by_key(|&i| (paras[i].words >= 3, paras[i].words, usize::MAX - i));
    let title = repeated
        .map(|i| (i, 0.95))
        .or(before_meta.map(|i| (i, 0.85)))
        .or(longest.map(|i| (i, 0.7)));

    let mut keep: Vec<Option<BlockKind>> = vec![None; paras.len()];
    if let Some((t, conf)) = title {
        let span = paras[t].span();
        found.title = Some((span.text(text).to_string(), span, conf, "text:headline"));
        keep[t] = Some(BlockKind::Title);
    }
    let title_idx = title.map(|(t, _)| t);
    let last_prose = paras
        .iter()
        .rposition(|p| p.class == Class::Text && p.prose())
        .unwrap_or(paras.len());
    for (i, p) in paras.iter().enumerate() {
        if Some(i) == title_idx {
            continue;
        }
        let span = p.span();
        match &p.class {
            Class::Date(iso) if i < body || found.date.is_none() => {
                if found.date.is_none() {
                    found.date = Some((iso.clone(), span));
                }
                keep[i] = Some(BlockKind::Dateline);
            }
            Class::Byline(name) => {
                if found.author.is_none() {
                    found.author = Some((name.clone(), span));
                }
                keep[i] = Some(BlockKind::Byline);
            }
            Class::Text => {
                let duplicate = title_idx.is_some_and(|t| same(t, i));
                let site_header = i < body && title_idx.is_some_and(|t| i < t);
                let short_header = i < body && p.words < 6;
                let trailer = i > last_prose && p.words <= 4 && !p.closed;
                if duplicate || site_header || short_header || trailer {
                    continue;
                }
                let heading = !p.closed && p.words <= 12;
                keep[i] = Some(if heading {
                    BlockKind::Heading
                } else {
                    BlockKind::Paragraph
                });
            }
            _ => {}
        }
    }

    // Outlet lead-in on the first paragraph: "Outlet: text" or a wire dateline "CITY (Agency) -".
    if let Some(first) = (0..paras.len()).find(|&i| keep[i] == Some(BlockKind::Paragraph)) {
        let span = paras[first].span();
        let s = span.text(text);
        if let Some(c) = OUTLET_LEAD.captures(s) {
            let name = c.get(1).unwrap();
            let label = name.as_str().to_lowercase().replace('\u{2019}', "'");
            if !LEAD_LABELS.contains(&label.as_str())
                && name.as_str().split_whitespace().count() <= 4
                && !title_case(&s[name.end() + 1..])
            {
                let at = Span::new(
                    span.start as usize + name.start(),
                    span.start as usize + name.end(),
                );
                found.outlet = Some((name.as_str().to_string(), at, 0.6, "text:lead-in"));
            }
        } else if let Some(c) = WIRE_DATELINE.captures(s) {
            let name = c.get(1).unwrap();
            let at = Span::new(
                span.start as usize + name.start(),
                span.start as usize + name.end(),
            );
            found.outlet = Some((name.as_str().trim().to_string(), at, 0.6, "text:dateline"));
        }
    }
    if found.title.is_none() {
        found.title = fallback_title(text, &paras, &keep, found.outlet.as_ref().map(|o| o.1));
    }

    // Write the clean text: kept paragraphs separated by a blank line, lines of a wrapped
    // paragraph joined by one space.
    let mut out = String::with_capacity(text.len());
    let mut map = OffsetMapBuilder::default();
    let mut blocks = Vec::new();
    let mut prev_end: Option<usize> = None;
    for (i, p) in paras.iter_mut().enumerate() {
        let Some(kind) = keep[i] else { continue };
        let first = p.lines[0].start as usize;
        if let Some(end) = prev_end {
            out.push_str("\n\n");
            map.replace(end..first, 2);
        }
        let start = out.len();
        for (j, line) in p.lines.iter().enumerate() {
            if j > 0 {
                out.push(' ');
                map.replace(p.lines[j - 1].end as usize..line.start as usize, 1);
            }
            out.push_str(line.text(text));
            map.copy(line.start as usize, line.len());
        }
        blocks.push(Block {
            span: Span::new(start, out.len()),
            kind,
        });
        prev_end = Some(p.lines.last().unwrap().end as usize);
    }
    Cleaned {
        text: out,
        map: map.finish(),
        blocks,
        found,
    }
}

/// With no headline, the first sentence of the first paragraph stands in, with low confidence.
fn fallback_title(
    text: &str,
    paras: &[Para],
    keep: &[Option<BlockKind>],
    outlet: Option<Span>,
) -> Option<(String, Span, f32, &'static str)> {
    let i = (0..paras.len()).find(|&i| keep[i] == Some(BlockKind::Paragraph))?;
    let span = paras[i].span();
    let mut start = span.start as usize;
    if let Some(o) = outlet.filter(|o| span.contains(*o)) {
        start = o.end as usize + 1;
        while text[start..].starts_with(' ') {
            start += 1;
        }
    }
    let s = &text[start..span.end as usize];
    // The first sentence, or its first clause when the sentence is long.
    let mut end = s.len();
    let mut words = 0;
    let mut clause = None;
    let mut prev_space = true;
    for (k, c) in s.char_indices() {
        let space = c.is_whitespace();
        if !space && prev_space {
            words += 1;
        }
        prev_space = space;
        if matches!(c, '.' | '!' | '?') && s[k + 1..].starts_with(' ') {
            end = k;
            break;
        }
        if c == ',' && words >= 8 && clause.is_none() {
            clause = Some(k);
        }
        if words > 30 {
            end = clause.unwrap_or(k);
            break;
        }
    }
    let cut = s[..end].trim_end_matches(|c: char| c == ',' || c.is_whitespace());
    let span = Span::new(start, start + cut.len());
    Some((cut.trim().to_string(), span, 0.3, "text:first-sentence"))
}

#[cfg(test)]
mod tests {
    use super::*;

    const SCRAPE: &str = "Skip to content\n\nMenu\n\nDaily Planet Online\n\nCouncil Approves New Bridge Over River Kell\n\nCouncil Approves New Bridge Over River Kell\nlabelCity access_time2 hours ago\nbookmarkAdd to favorites\n\nBy Lois Lane, Staff\n\nThe city council voted on Tuesday to build a second bridge across the River Kell, ending a debate that lasted a decade.\n\nRead: Mayor defends budget\n\nThe old bridge [Jimmy Olsen / Planet Photo]\n\n“We have waited long enough,” said Mayor Sam Lucas.\n\nTraffic\n\nEngineers expect work to start in the spring and to cost about 40 million dollars.\n\nComments\n";

    #[test]
    fn chrome_is_dropped_and_headline_found() {
        let c = clean_text(SCRAPE);
        let (title, _, conf, _) = c.found.title.clone().unwrap();
        assert_eq!(title, "Council Approves New Bridge Over River Kell");
        assert!(conf > 0.9);
        assert_eq!(c.found.author.as_ref().unwrap().0, "Lois Lane, Staff");
        assert!(c.found.date.is_none(), "a relative page date is not a date");
        for chrome in [
            "Skip to content",
            "Menu",
            "Daily Planet",
            "access_time",
            "favorites",
            "Read:",
            "Olsen",
            "Comments",
        ] {
            assert!(!c.text.contains(chrome), "{chrome} left in:\n{}", c.text);
        }
        assert_eq!(c.text.matches("Council Approves").count(), 1);
        assert!(c.text.contains("\n\nTraffic\n\n"));
        assert!(c
            .blocks
            .iter()
            .any(|b| b.kind == BlockKind::Heading && b.span.text(&c.text) == "Traffic"));
    }

    #[test]
    fn every_block_maps_back_to_the_same_text() {
        let c = clean_text(SCRAPE);
        for b in &c.blocks {
            let src = c.map.to_source(b.span);
            assert_eq!(src.text(SCRAPE), b.span.text(&c.text));
        }
    }

    #[test]
    fn date_line_before_headline() {
        let c = clean_text("March 3, 2019 at 10:57 am\n\nFloods Close Northern Roads\n\nHeavy rain closed three roads in the north of the province on Sunday, officials said in a statement.\n");
        assert_eq!(c.found.date.as_ref().unwrap().0, "2019-03-03T10:57");
        assert_eq!(
            c.found.title.as_ref().unwrap().0,
            "Floods Close Northern Roads"
        );
    }

    #[test]
    fn outlet_lead_in_and_fallback_title() {
        let c = clean_text("Planet News: Officials in the northern province have reopened three roads after floods. More text follows here.\nA second paragraph with more words in it than twelve, to be sure of it.\n");
        assert_eq!(c.found.outlet.as_ref().unwrap().0, "Planet News");
        // A headline's speaker or a label before a colon is no outlet.
        for lead in [
            "John Roe: Rival Has \u{2018}To Come a Long Way\u{2019} On Roads And Bridges",
            "Report: Half the roads were shut; officials say the floods were worse",
            "Editor\u{2019}s Note: The following is part 3 of an excerpt",
        ] {
            let c = clean_text(&format!("{lead}.\nA second paragraph with more words in it than twelve, to be sure of it.\n"));
            assert!(c.found.outlet.is_none(), "{lead}");
        }
        let t = c.found.title.unwrap();
        assert_eq!(
            t.0,
            "Officials in the northern province have reopened three roads after floods"
        );
        assert!(t.2 < 0.5);
    }

    #[test]
    fn hard_wrapped_wire_copy_is_joined() {
        let wire = "Acme Corp said it\nexpects its stock to begin trading on March 26 on the New York\nStock Exchange.\n    The company said it will retain its symbol\nwhen trading begins.\n";
        let c = clean_text(wire);
        assert_eq!(c.blocks.len(), 2, "{:?}", c.text);
        assert!(c.text.starts_with("Acme Corp said it expects its stock"));
        for b in &c.blocks {
            let src = c.map.to_source(b.span);
            assert_eq!(
                src.start as usize,
                wire.find(&b.span.text(&c.text)[..10]).unwrap()
            );
        }
    }

    proptest::proptest! {
        #[test]
        fn never_panics_and_blocks_are_in_bounds(s in "(\\PC{0,40}\n{0,2}){0,12}") {
            let c = clean_text(&s);
            proptest::prop_assert_eq!(c.map.len(), c.text.len());
            for b in &c.blocks {
                proptest::prop_assert!(b.span.end as usize <= c.text.len());
                let src = c.map.to_source(b.span);
                proptest::prop_assert!(src.end as usize <= s.len());
            }
        }
    }
}
