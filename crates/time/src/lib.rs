//! The time stage: finds temporal expressions in running English text and normalises them
//! TIMEX3-style against the document date.
//!
//! Takes the clean text and, when known, the publication date (`meta.date`); gives the
//! `timexes` layer: for each expression its byte span, its type (DATE, TIME, DURATION, SET), its
//! ISO-style value (`2021-10-09`, `2021-W41`, `P20Y`, `PAST_REF`, `XXXX-08`...) and its TIMEX3
//! `mod` (START, END, APPROX, MORE_THAN...).
//!
//! Relative expressions ("on Saturday", "last year", "in August") are resolved from the anchor
//! date: weekday names point back unless the sentence points forward ("will", "next"), month
//! names go to the nearest sensible year. Without an anchor they stay underspecified
//! (`XXXX-XX-XX`); nothing is guessed. It does not date events or quotes (a later stage links
//! them to these expressions) and does not read page chrome: deciding the publication date is
//! the metadata stage's job.
//!
//! [`TimeStage`] anchors on `meta.date`; without a full one, on the latest full date the text
//! states (within the partial date, if one is given); without that, on nothing
//! ([`document_anchor`] says which).
//!
//! The grammar is a set of small token-pattern matchers over a lexicon table
//! ([`lexicon`]); tokens outside the table are skipped with one hash lookup.

mod calendar;
mod grammar;
pub mod lexicon;
mod scan;

use dossier_core::{Document, Layers, Span, Stage, StageError, Timex};
use jiff::civil::Date;

/// Every temporal expression of `text`, in order and without overlaps, with byte spans into
/// `text`, normalised against `dct` (the document creation time) when given.
pub fn find_timexes(text: &str, dct: Option<Date>) -> Vec<Timex> {
    let toks = scan::tokenize(text);
    grammar::Grammar::new(text, &toks, dct)
        .run()
        .into_iter()
        .filter_map(|f| {
            let (a, b) = (toks.get(f.start)?, toks.get(f.end.checked_sub(1)?)?);
            Some(Timex {
                span: Span {
                    start: a.start,
                    end: b.end,
                },
                kind: f.kind,
                value: f.value,
                modifier: f.modifier.map(str::to_string),
            })
        })
        .collect()
}

/// Parses the date part of an ISO 8601 string (`2021-10-11`, `2021-10-11T08:30:00Z`); `None`
/// for partial or malformed dates.
pub fn parse_iso_date(s: &str) -> Option<Date> {
    let s = s.trim();
    let head = s.get(..10)?;
    let b = head.as_bytes();
    if b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| head.get(r)?.parse::<i16>().ok();
    if s.len() > 10 && !matches!(s.as_bytes()[10], b'T' | b't' | b' ') {
        return None;
    }
    Date::new(num(0..4)?, num(5..7)? as i8, num(8..10)? as i8).ok()
}

/// The anchor for a text without a usable publication date: the latest fully specified date
/// the text itself states (only absolute dates can be full without an anchor), if any.
pub fn anchor_from_text(text: &str) -> Option<Date> {
    latest_stated_date(text, "")
}

/// The latest full date stated in `text` whose value starts with `prefix` (a partial date).
fn latest_stated_date(text: &str, prefix: &str) -> Option<Date> {
    find_timexes(text, None)
        .into_iter()
        .filter(|t| t.kind == dossier_core::TimexType::DATE && t.value.starts_with(prefix))
        .filter_map(|t| parse_iso_date(&t.value))
        .max()
}

/// Where the anchor of a document came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AnchorSource {
    /// The metadata stage's publication date.
    Metadata,
    /// The latest full date stated in the text.
    Text,
    /// None: relative expressions stay unresolved.
    None,
}

/// The anchor date of a document and where it came from.
pub fn document_anchor(doc: &Document) -> (Option<Date>, AnchorSource) {
    if let Some(d) = doc
        .meta
        .date
        .as_ref()
        .and_then(|f| parse_iso_date(&f.value))
    {
        return (Some(d), AnchorSource::Metadata);
    }
    // A partial metadata date ("2021-10") still constrains which stated date can be the anchor.
    let prefix = doc.meta.date.as_ref().map_or("", |f| f.value.trim());
    let stated = latest_stated_date(&doc.text, prefix);
    match stated {
        Some(d) => (Some(d), AnchorSource::Text),
        None => (None, AnchorSource::None),
    }
}

/// The pipeline stage: fills `timexes` from `text`, anchored as [`document_anchor`] says.
#[derive(Clone, Copy, Debug, Default)]
pub struct TimeStage;

impl Stage for TimeStage {
    fn name(&self) -> &'static str {
        "time"
    }

    fn requires(&self) -> Layers {
        Layers::TEXT
    }

    fn produces(&self) -> Layers {
        Layers::TIMEXES
    }

    fn run(&self, doc: &mut Document) -> Result<(), StageError> {
        let (dct, _) = document_anchor(doc);
        doc.timexes = find_timexes(&doc.text, dct);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use dossier_core::Field;

    fn doc(text: &str, date: Option<&str>) -> Document {
        let mut d = Document {
            text: text.to_string(),
            ..Document::default()
        };
        d.meta.date = date.map(|v| Field::new(v.to_string(), "input:date", 1.0));
        d
    }

    #[test]
    fn the_stage_anchors_on_the_metadata_date() {
        let mut d = doc(
            "The talks opened on Saturday.",
            Some("2021-10-11T08:30:00Z"),
        );
        TimeStage.run(&mut d).unwrap();
        assert_eq!(d.timexes.len(), 1);
        assert_eq!(d.timexes[0].value, "2021-10-09");
        assert_eq!(document_anchor(&d).1, AnchorSource::Metadata);
    }

    #[test]
    fn without_a_date_the_latest_stated_date_is_the_anchor() {
        let mut d = doc("On 3 March 2020 the port shut. It reopened on Friday, 6 March 2020, and again on Monday.", None);
        assert_eq!(
            document_anchor(&d),
            (Some(jiff::civil::date(2020, 3, 6)), AnchorSource::Text)
        );
        TimeStage.run(&mut d).unwrap();
        assert_eq!(
            d.timexes.last().map(|t| t.value.as_str()),
            Some("2020-03-02")
        );
    }

    #[test]
    fn a_partial_date_only_admits_stated_dates_inside_it() {
        let d = doc(
            "It began on 1 May 2019 and ended on 9 June 2020.",
            Some("2019-05"),
        );
        assert_eq!(
            document_anchor(&d),
            (Some(jiff::civil::date(2019, 5, 1)), AnchorSource::Text)
        );
        let d = doc("It ended on Monday.", None);
        assert_eq!(document_anchor(&d), (None, AnchorSource::None));
    }

    #[test]
    fn iso_dates_parse_only_when_complete() {
        assert_eq!(
            parse_iso_date("2021-10-11"),
            Some(jiff::civil::date(2021, 10, 11))
        );
        assert_eq!(
            parse_iso_date("2021-10-11 08:00"),
            Some(jiff::civil::date(2021, 10, 11))
        );
        assert_eq!(parse_iso_date("2021-10"), None);
        assert_eq!(parse_iso_date("2021-13-01"), None);
        assert_eq!(parse_iso_date("2021-10-11x"), None);
        assert_eq!(parse_iso_date("ééééééééééé"), None);
    }
}
