//! Conflicts: within one story, figures for the same quantity that the sources do not agree on.
//!
//! How two claims about the same measure (from different documents) are compared:
//! - Both state a figure ("46", "at least 46", "more than 60", "about 50"): they agree when their
//!   stated figures ([`point_value`]) are within [`REL_TOLERANCE`] of the larger one. "At least 46"
//!   and "more than 60" are compatible as lower bounds, but as reported tolls of the same event
//!   they are different figures, and that is what an analyst wants to see: they are reported,
//!   with relation `bounds-overlap`. When the ranges do not even intersect ("46" and "more than
//!   60") the relation is `disjoint`.
//! - A vague quantity ("dozens") or a bound only ("up to 60", "fewer than 50") agrees with any
//!   claim whose range intersects its range.
//!
//! A measure with at least one disagreeing pair yields one [`Conflict`] listing every claim of
//! that measure in the story, ordered by date. When dates are known and the figures never fall
//! as dates advance, with every disagreeing pair dated differently, the conflict is an `update`
//! (a toll rising day by day), not a `conflict`.
//!
//! Only counts of people are compared (killed, wounded, casualties, arrested, displaced, troops,
//! fighters): money and percentages in one story are too often about different things.

use serde::Serialize;

use dossier_core::Claim;

use crate::claims::{is_open, is_vague, point_value};
use crate::cluster::day_number;

/// Largest relative difference between two stated figures that still counts as agreement.
pub const REL_TOLERANCE: f64 = 0.10;

const COMPARED: &[&str] = &[
    "killed",
    "wounded",
    "casualties",
    "arrested",
    "displaced",
    "troops",
    "fighters",
];

/// A claim with what is needed to show it: its document, outlet, date and sentence.
#[derive(Clone, Debug)]
pub struct ClaimSource<'a> {
    pub doc: &'a str,
    pub date: Option<&'a str>,
    pub outlet: Option<&'a str>,
    pub claim: &'a Claim,
    /// The words of the claim.
    pub text: &'a str,
    /// The sentence that holds it.
    pub sentence: &'a str,
}

/// One claim as listed in a conflict. `high` is `None` for an open range ("at least 46").
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ReportedClaim {
    pub doc: String,
    pub date: Option<String>,
    pub outlet: Option<String>,
    pub value: f64,
    pub low: f64,
    pub high: Option<f64>,
    pub qualifier: Option<String>,
    pub text: String,
    pub sentence: String,
    pub start: u32,
    pub end: u32,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ConflictKind {
    /// The sources disagree.
    Conflict,
    /// The figure changes over time in one direction: later reports update earlier ones.
    Update,
}

/// Disagreeing figures for one measure of one story.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Conflict {
    pub story: u32,
    /// The measure: `killed`, `wounded`, ...
    pub about: String,
    pub kind: ConflictKind,
    /// `disjoint` when two claims' ranges do not intersect, else `bounds-overlap`.
    pub relation: String,
    pub claims: Vec<ReportedClaim>,
}

fn bound_only(c: &Claim) -> bool {
    is_vague(c) || matches!(c.qualifier.as_deref(), Some("up to" | "fewer than"))
}

fn overlap(a: &Claim, b: &Claim) -> bool {
    a.low <= b.high && b.low <= a.high
}

/// Whether two claims about the same measure agree (see the module doc).
pub fn agree(a: &Claim, b: &Claim) -> bool {
    if bound_only(a) || bound_only(b) {
        return overlap(a, b);
    }
    let (pa, pb) = (point_value(a), point_value(b));
    let top = pa.abs().max(pb.abs());
    top == 0.0 || (pa - pb).abs() <= REL_TOLERANCE * top
}

/// The conflicts among the claims of one story.
pub fn find_conflicts(story: u32, claims: &[ClaimSource]) -> Vec<Conflict> {
    let mut out = Vec::new();
    for measure in COMPARED {
        let mut group: Vec<&ClaimSource> = claims
            .iter()
            .filter(|c| c.claim.measure == *measure)
            .collect();
        if group.len() < 2 {
            continue;
        }
        group.sort_by(|a, b| {
            let (da, db) = (a.date.and_then(day_number), b.date.and_then(day_number));
            da.cmp(&db)
                .then_with(|| a.doc.cmp(b.doc))
                .then_with(|| a.claim.span.cmp(&b.claim.span))
        });
        let mut disagree = false;
        let mut disjoint = false;
        let mut update = true;
        for (i, a) in group.iter().enumerate() {
            for b in &group[i + 1..] {
                if a.doc == b.doc || agree(a.claim, b.claim) {
                    continue;
                }
                disagree = true;
                disjoint |= !overlap(a.claim, b.claim);
                // `b` is not earlier than `a`: an update needs a later date and a larger figure.
                let (da, db) = (a.date.and_then(day_number), b.date.and_then(day_number));
                let later = matches!((da, db), (Some(x), Some(y)) if y > x);
                update &= later && point_value(b.claim) > point_value(a.claim);
            }
        }
        if !disagree {
            continue;
        }
        out.push(Conflict {
            story,
            about: measure.to_string(),
            kind: if update {
                ConflictKind::Update
            } else {
                ConflictKind::Conflict
            },
            relation: if disjoint {
                "disjoint"
            } else {
                "bounds-overlap"
            }
            .to_string(),
            claims: group
                .iter()
                .map(|c| ReportedClaim {
                    doc: c.doc.to_string(),
                    date: c.date.map(str::to_string),
                    outlet: c.outlet.map(str::to_string),
                    value: point_value(c.claim),
                    low: c.claim.low,
                    high: (!is_open(c.claim)).then_some(c.claim.high),
                    qualifier: c.claim.qualifier.clone(),
                    text: c.text.to_string(),
                    sentence: c.sentence.to_string(),
                    start: c.claim.span.start,
                    end: c.claim.span.end,
                })
                .collect(),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::claims::OPEN;
    use dossier_core::Span;

    fn claim(low: f64, high: f64, q: Option<&str>, m: &str) -> Claim {
        Claim {
            span: Span::new(0, 1),
            low,
            high,
            qualifier: q.map(str::to_string),
            measure: m.to_string(),
            sentence: 0,
        }
    }

    fn src<'a>(doc: &'a str, date: Option<&'a str>, c: &'a Claim) -> ClaimSource<'a> {
        ClaimSource {
            doc,
            date,
            outlet: None,
            claim: c,
            text: "",
            sentence: "",
        }
    }

    #[test]
    fn lower_bounds_with_different_figures_are_reported() {
        let a = claim(60.0, OPEN, Some("more than"), "killed");
        let b = claim(46.0, OPEN, Some("at least"), "killed");
        let c = find_conflicts(
            7,
            &[
                src("x", Some("2031-05-02"), &a),
                src("y", Some("2031-05-02"), &b),
            ],
        );
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].kind, ConflictKind::Conflict);
        assert_eq!(c[0].relation, "bounds-overlap");
        assert_eq!(c[0].claims.len(), 2);
        assert_eq!(c[0].claims[0].high, None);
        // Claims survive a JSON round trip (how the store keeps them).
        let back: Claim = serde_json::from_str(&serde_json::to_string(&a).unwrap()).unwrap();
        assert_eq!(back, a);
    }

    #[test]
    fn agreement_vagueness_and_updates() {
        let exact46 = claim(46.0, 46.0, None, "killed");
        let about45 = claim(40.5, 49.5, Some("about"), "killed");
        let dozens = claim(24.0, 99.0, Some("dozens"), "killed");
        assert!(find_conflicts(
            1,
            &[
                src("x", None, &exact46),
                src("y", None, &about45),
                src("z", None, &dozens)
            ]
        )
        .is_empty());
        // Same document never conflicts with itself.
        let sixty = claim(60.0, 60.0, None, "killed");
        assert!(find_conflicts(1, &[src("x", None, &exact46), src("x", None, &sixty)]).is_empty());
        // Disjoint on the same day: a conflict.
        let c = find_conflicts(
            1,
            &[
                src("x", Some("2031-05-02"), &exact46),
                src("y", Some("2031-05-02"), &sixty),
            ],
        );
        assert_eq!(
            (c[0].kind, c[0].relation.as_str()),
            (ConflictKind::Conflict, "disjoint")
        );
        // Rising with the dates: an update, listed in date order.
        let c = find_conflicts(
            1,
            &[
                src("y", Some("2031-05-03"), &sixty),
                src("x", Some("2031-05-02"), &exact46),
            ],
        );
        assert_eq!(c[0].kind, ConflictKind::Update);
        assert_eq!(c[0].claims[0].doc, "x");
        // Different measures are not compared.
        let w = claim(60.0, 60.0, None, "wounded");
        assert!(find_conflicts(1, &[src("x", None, &exact46), src("y", None, &w)]).is_empty());
    }
}
