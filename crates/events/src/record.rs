//! Event records: the coded events of a document as self-contained values (actor names, date,
//! sentence, evidence spans), and the merge of several reports of one event into one record with
//! several evidence links.

use std::collections::HashMap;

use dossier_core::{Actor, Document, EntityType, Span, TimexType};
use serde::Serialize;

/// Types whose parties act together: "A and B met" is A meeting B, and B meeting A is the same
/// event.
pub const SYMMETRIC: [&str; 3] = ["CONSULT", "AGREE", "COOPERATE"];

/// Who an event's source or target is: `id` keys the actor across records (a node of the event
/// network), `name` is how to show it, `text` is the words of this mention.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ActorRef {
    pub id: String,
    pub name: String,
    /// `PER`, `ORG`, `LOC`, `MISC` when a mention says so.
    #[serde(rename = "type")]
    pub kind: Option<String>,
    pub text: String,
}

/// One sentence that reports an event: the trigger's span in document `doc`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Evidence {
    pub doc: String,
    pub span: Span,
    pub sentence: String,
}

/// A casualty count told with an event: "at least 46 killed" is `killed`, 46 up.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Count {
    /// `killed` or `wounded`.
    pub measure: String,
    pub low: f64,
    pub high: f64,
    /// `at least`, `more than`, `about`, ...
    pub qualifier: Option<String>,
    pub text: String,
}

/// One event, with every sentence that reports it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct EventRecord {
    pub id: String,
    pub doc: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub mode: Option<String>,
    pub source: Option<ActorRef>,
    pub target: Option<ActorRef>,
    /// The organisation or country the source acts for, when a role names it ("the Taliban's
    /// Foreign Minister Amir Khan Muttaqi": Taliban). Reports merge on it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source_group: Option<ActorRef>,
    /// The same for the target ("NRF leader Massoud": NRF).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target_group: Option<ActorRef>,
    /// ISO date, or a prefix of one (`2021-10`).
    pub date: Option<String>,
    /// Where the date came from: `timex` (the sentence), `document` (publication date), `none`.
    pub date_from: &'static str,
    pub location: Option<String>,
    pub negated: bool,
    /// `asserted`, `reported`, `intended`, `hypothetical`, `condition`, `background`.
    pub modality: String,
    /// Who tells it, when it is reported speech ("X said the US agreed ...": X).
    pub reported_by: Option<ActorRef>,
    /// Killed and wounded counts in the sentence of a violent event.
    pub counts: Vec<Count>,
    /// How talks ended when the sentence says they failed: `no agreement`.
    pub outcome: Option<String>,
    /// The first report's sentence and trigger span.
    pub sentence: String,
    pub span: Span,
    /// Every report of the event, the first one included.
    pub evidence: Vec<Evidence>,
}

impl EventRecord {
    /// Told as a fact (asserted, reported or as background), not as a plan, hypothesis or condition.
    pub fn factual(&self) -> bool {
        matches!(
            self.modality.as_str(),
            "asserted" | "reported" | "background"
        )
    }
}

/// How an actor phrase becomes an [`ActorRef`]: by its words until entities are resolved, by its
/// entity when a resolver knows the mention.
pub trait ActorKeys {
    fn actor(&self, doc: &Document, actor: &Actor) -> ActorRef;
}

/// Actors keyed by their name: the phrase when it is all names ("Amir Khan Muttaqi", "US State
/// Department"), else the words of its name mention within it ("US" in "the US delegation"),
/// else the whole phrase; case, a leading "the" and a possessive ending do not count, so "the
/// US" and "US's" are one node.
pub struct TextKeys;

impl ActorKeys for TextKeys {
    fn actor(&self, doc: &Document, actor: &Actor) -> ActorRef {
        let text = doc.span_text(actor.span).to_string();
        let mention = actor.mention.and_then(|m| doc.mentions.get(m as usize));
        let all_names = text
            .split_whitespace()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase));
        let span = actor.span;
        let name = match mention {
            // A pronoun resolved to a mention elsewhere.
            Some(m) if m.span.end <= span.start || m.span.start >= span.end => {
                doc.span_text(m.span)
            }
            // A mention running past the phrase ("Taliban FM Rejects" in a title-case
            // headline) names only its part inside.
            Some(m) if !all_names => doc.span_text(Span {
                start: m.span.start.max(span.start),
                end: m.span.end.min(span.end),
            }),
            _ => text.as_str(),
        };
        ActorRef {
            id: text_key(name),
            name: name.to_string(),
            kind: mention.map(|m| format!("{:?}", m.label)),
            text,
        }
    }
}

/// The node key of an actor phrase by its words (see [`TextKeys`]).
pub fn text_key(text: &str) -> String {
    let mut key = String::with_capacity(text.len());
    for w in text.split_whitespace() {
        if !key.is_empty() {
            key.push(' ');
        }
        key.extend(w.chars().flat_map(char::to_lowercase));
    }
    let mut k = key.as_str();
    if let Some(rest) = k.strip_prefix("the ") {
        k = rest;
    }
    for suffix in ["'s", "’s", "'", "’"] {
        if let Some(rest) = k.strip_suffix(suffix) {
            k = rest;
            break;
        }
    }
    k.to_string()
}

fn short(id: &str) -> &str {
    id.get(..12).unwrap_or(id)
}

fn calendar(t: &dossier_core::Timex) -> bool {
    t.kind == TimexType::DATE
        && t.value.len() >= 7
        && t.value.as_bytes()[..4].iter().all(u8::is_ascii_digit)
}

/// The event's date: its own time expression, else one in its sentence (a date with at least a
/// month: a bare year is more often a reference, "the 2020 agreement"), else the document's date.
fn date(doc: &Document, ev: &dossier_core::Event) -> (Option<String>, &'static str) {
    let own = ev
        .timex
        .and_then(|t| doc.timexes.get(t as usize))
        .filter(|t| calendar(t));
    // Only when the event's own expression is no calendar date ("20 years"); with none, the
    // coder found no expression in the sentence that dates the event (a report's date does not).
    let in_sentence = || {
        ev.timex?;
        let s = doc.sentences.get(ev.sentence as usize)?.span;
        doc.timexes
            .iter()
            .find(|t| s.contains(t.span) && calendar(t))
    };
    if let Some(t) = own.or_else(in_sentence) {
        return (Some(t.value.clone()), "timex");
    }
    match &doc.meta.date {
        Some(d) => (
            Some(d.value.get(..10).unwrap_or(&d.value).to_string()),
            "document",
        ),
        None => (None, "none"),
    }
}

/// Words that say talks ended without result, in the sentence of a CONSULT.
const NO_OUTCOME: [&str; 10] = [
    "without progress",
    "no progress",
    "without agreement",
    "without an agreement",
    "without a deal",
    "no agreement",
    "no deal",
    "no results",
    "no breakthrough",
    "ended in deadlock",
];

fn outcome(kind: &str, sentence: &str) -> Option<String> {
    if kind != "CONSULT" {
        return None;
    }
    let lower = sentence.to_lowercase();
    NO_OUTCOME
        .iter()
        .any(|p| lower.contains(p))
        .then(|| "no agreement".to_string())
}

fn counts(doc: &Document, ev: &dossier_core::Event) -> Vec<Count> {
    if ev.kind != "ASSAULT" {
        return Vec::new();
    }
    doc.claims
        .iter()
        .filter(|c| c.sentence == ev.sentence && matches!(c.measure.as_str(), "killed" | "wounded"))
        .map(|c| Count {
            measure: c.measure.clone(),
            low: c.low,
            high: c.high,
            qualifier: c.qualifier.clone(),
            text: doc.span_text(c.span).to_string(),
        })
        .collect()
}

/// The organisation a person mention acts for: a name just before one of its roles ("the
/// Taliban's Foreign Minister X", "NRF leader X") or inside it ("Taliban political spokesman X").
/// A mention without a role takes the group of another mention of the same person in the
/// document (same last word).
fn group_of(doc: &Document, actor: &Actor) -> Option<Actor> {
    let m = actor.mention? as usize;
    let mention = doc.mentions.get(m)?;
    if mention.label != EntityType::PER {
        return None;
    }
    let last = |i: usize| {
        doc.mentions
            .get(i)
            .and_then(|x| doc.span_text(x.span).split_whitespace().last())
    };
    let own = last(m)?;
    let roles = doc.roles.iter().filter(|r| {
        r.mention as usize == m
            || doc
                .mentions
                .get(r.mention as usize)
                .is_some_and(|x| x.label == EntityType::PER)
                && last(r.mention as usize) == Some(own)
    });
    for r in roles {
        let lo = doc
            .mentions
            .partition_point(|x| x.span.end + 8 < r.span.start);
        let found = doc.mentions[lo..]
            .iter()
            .enumerate()
            .take_while(|(_, x)| x.span.start < r.span.end)
            .find(|(_, x)| {
                if x.label == EntityType::PER || x.span.end > r.span.end {
                    return false;
                }
                let gap = doc
                    .text
                    .get(x.span.end as usize..r.span.start.max(x.span.end) as usize)
                    .unwrap_or("x")
                    .trim();
                x.span.start >= r.span.start || matches!(gap, "" | "'s" | "’s")
            });
        if let Some((i, x)) = found {
            return Some(Actor {
                span: x.span,
                mention: Some((lo + i) as u32),
            });
        }
    }
    None
}

/// The records of a document's coded events, in order; ids are `<doc prefix>:e<index>`.
pub fn records(doc: &Document, keys: &dyn ActorKeys) -> Vec<EventRecord> {
    doc.events
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let (date, date_from) = date(doc, e);
            let sentence = doc
                .sentences
                .get(e.sentence as usize)
                .map(|s| doc.span_text(s.span).to_string())
                .unwrap_or_default();
            EventRecord {
                id: format!("{}:e{i}", short(&doc.id.0)),
                doc: doc.id.0.clone(),
                kind: e.kind.clone(),
                mode: e.mode.clone(),
                source: e.source.as_ref().map(|a| keys.actor(doc, a)),
                target: e.target.as_ref().map(|a| keys.actor(doc, a)),
                source_group: e
                    .source
                    .as_ref()
                    .and_then(|a| group_of(doc, a))
                    .map(|g| keys.actor(doc, &g)),
                target_group: e
                    .target
                    .as_ref()
                    .and_then(|a| group_of(doc, a))
                    .map(|g| keys.actor(doc, &g)),
                date,
                date_from,
                location: e
                    .location
                    .as_ref()
                    .map(|l| doc.span_text(l.span).to_string()),
                negated: e.negated,
                modality: e.modality.clone(),
                reported_by: e.reported_by.as_ref().map(|a| keys.actor(doc, a)),
                counts: counts(doc, e),
                outcome: outcome(&e.kind, &sentence),
                evidence: vec![Evidence {
                    doc: doc.id.0.clone(),
                    span: e.span,
                    sentence: sentence.clone(),
                }],
                sentence,
                span: e.span,
            }
        })
        .collect()
}

/// Two dates that may name the same day: equal, one missing, one only the publication date (a
/// fallback, not a statement), or one a prefix of the other (`2021-10` and `2021-10-09`).
fn dates_compatible(a: &EventRecord, b: &EventRecord) -> bool {
    match (&a.date, &b.date) {
        (Some(x), Some(y)) => {
            a.date_from != "timex"
                || b.date_from != "timex"
                || x.starts_with(y.as_str())
                || y.starts_with(x.as_str())
        }
        _ => true,
    }
}

/// Who a record's source and target are for merging: the group an actor acts for when known
/// (a minister's meetings are his government's), else the actor; in a canonical order for
/// [`SYMMETRIC`] types.
fn parties(r: &EventRecord) -> (Option<String>, Option<String>) {
    let side = |a: &Option<ActorRef>, g: &Option<ActorRef>| {
        g.as_ref().or(a.as_ref()).map(|x| x.id.clone())
    };
    let mut pair = (
        side(&r.source, &r.source_group),
        side(&r.target, &r.target_group),
    );
    if SYMMETRIC.contains(&r.kind.as_str()) && pair.0 > pair.1 {
        pair = (pair.1, pair.0);
    }
    pair
}

/// Merges the records that tell one real-world event: the same group (the document, or the story
/// of a document), type, parties ([`parties`]), negation and factuality, with compatible dates.
/// A record of a joint event that names only one party joins the one record of its group that
/// has that party and a second named one (preferring records from its own document) when there
/// is exactly one such.
/// A record with neither source nor target is kept alone (two "attacks" with no actors may be two
/// attacks). The first report keeps its id and place; later reports add evidence, and fill in a
/// date (a time expression over the publication date), a mode, a location or an outcome the
/// first one lacked. Order is kept.
pub fn merge(
    records: Vec<EventRecord>,
    group: impl Fn(&EventRecord) -> Option<String>,
) -> Vec<EventRecord> {
    type Key = (
        Option<String>,
        String,
        Option<String>,
        Option<String>,
        bool,
        bool,
    );
    let key = |r: &EventRecord| -> Key {
        let (a, b) = parties(r);
        (group(r), r.kind.clone(), a, b, r.negated, r.factual())
    };
    let mut out: Vec<EventRecord> = Vec::with_capacity(records.len());
    let mut seen: HashMap<Key, Vec<usize>> = HashMap::new();
    for r in records {
        if r.source.is_none() && r.target.is_none() {
            out.push(r);
            continue;
        }
        let slot = seen.entry(key(&r)).or_default();
        match slot
            .iter()
            .copied()
            .find(|&i| dates_compatible(&out[i], &r))
        {
            Some(i) => absorb(&mut out[i], r),
            None => {
                slot.push(out.len());
                out.push(r);
            }
        }
    }
    // One-party records into the unique two-party record that includes their party.
    let keys: Vec<Key> = out.iter().map(&key).collect();
    // Both parties named by a mention ("the US", not "other countries").
    let named: Vec<bool> = out
        .iter()
        .map(|r| {
            let kind = |a: &Option<ActorRef>, g: &Option<ActorRef>| {
                g.as_ref().or(a.as_ref()).is_some_and(|x| x.kind.is_some())
            };
            kind(&r.source, &r.source_group) && kind(&r.target, &r.target_group)
        })
        .collect();
    // Named records by what a one-party record must share with its host, in order, so each
    // looks through its own few candidates instead of every record (quadratic on a corpus).
    let mut hosts: HashMap<(&Option<String>, &str, bool, bool), Vec<usize>> = HashMap::new();
    for (j, c) in keys.iter().enumerate() {
        if named[j] {
            hosts
                .entry((&c.0, c.1.as_str(), c.4, c.5))
                .or_default()
                .push(j);
        }
    }
    let mut into: Vec<Option<usize>> = vec![None; out.len()];
    for (i, k) in keys.iter().enumerate() {
        // Only joint events: "the Taliban met" in a story of Taliban–US talks is those talks,
        // while "attacks by X" need not be the one attack on Y.
        if (k.2.is_some() && k.3.is_some())
            || (k.2.is_none() && k.3.is_none())
            || !SYMMETRIC.contains(&k.1.as_str())
        {
            continue;
        }
        let candidates = hosts
            .get(&(&k.0, k.1.as_str(), k.4, k.5))
            .map_or(&[][..], Vec::as_slice);
        let fits = |j: usize| {
            let c = &keys[j];
            let known = k.2.as_ref().or(k.3.as_ref());
            j != i
                && (c.2.as_ref() == known || c.3.as_ref() == known)
                && dates_compatible(&out[i], &out[j])
        };
        let same_doc: Vec<usize> = candidates
            .iter()
            .copied()
            .filter(|&j| fits(j) && out[j].evidence.iter().any(|e| e.doc == out[i].doc))
            .collect();
        let pick = if same_doc.len() == 1 {
            Some(same_doc[0])
        } else if same_doc.is_empty() {
            let all: Vec<usize> = candidates.iter().copied().filter(|&j| fits(j)).collect();
            (all.len() == 1).then(|| all[0])
        } else {
            None
        };
        into[i] = pick;
    }
    if into.iter().all(Option::is_none) {
        return out;
    }
    let mut slots: Vec<Option<EventRecord>> = out.into_iter().map(Some).collect();
    for i in 0..slots.len() {
        if let Some(j) = into[i] {
            if into[j].is_none() {
                if let Some(r) = slots[i].take() {
                    if let Some(t) = slots[j].as_mut() {
                        absorb(t, r);
                    }
                }
            }
        }
    }
    slots.into_iter().flatten().collect()
}

fn absorb(into: &mut EventRecord, r: EventRecord) {
    // A stated date replaces the publication-date fallback; a day refines its month.
    let finer = match (&into.date, &r.date) {
        (Some(a), Some(b)) => b.len() > a.len() && b.starts_with(a.as_str()),
        _ => false,
    };
    if into.date.is_none()
        || into.date_from != "timex" && r.date_from == "timex"
        || into.date_from == r.date_from && finer
    {
        into.date = r.date;
        into.date_from = r.date_from;
    }
    // An asserted report outranks a background mention of the same event.
    if into.modality == "background" && r.modality != "background" {
        into.modality = r.modality;
    }
    into.mode = into.mode.take().or(r.mode);
    into.reported_by = into.reported_by.take().or(r.reported_by);
    into.outcome = into.outcome.take().or(r.outcome);
    if into.counts.is_empty() {
        into.counts = r.counts;
    }
    into.location = into.location.take().or(r.location);
    into.evidence.extend(r.evidence);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rec(
        id: &str,
        kind: &str,
        src: Option<&str>,
        tgt: Option<&str>,
        date: Option<(&str, &'static str)>,
    ) -> EventRecord {
        let actor = |t: &str| ActorRef {
            id: text_key(t),
            name: t.into(),
            kind: Some("ORG".into()),
            text: t.into(),
        };
        EventRecord {
            id: id.into(),
            doc: "d1".into(),
            kind: kind.into(),
            mode: None,
            source: src.map(actor),
            target: tgt.map(actor),
            source_group: None,
            target_group: None,
            date: date.map(|d| d.0.to_string()),
            date_from: date.map_or("none", |d| d.1),
            location: None,
            negated: false,
            modality: "asserted".into(),
            reported_by: None,
            counts: Vec::new(),
            outcome: None,
            sentence: format!("sentence of {id}"),
            span: Span::new(0, 1),
            evidence: vec![Evidence {
                doc: "d1".into(),
                span: Span::new(0, 1),
                sentence: format!("sentence of {id}"),
            }],
        }
    }

    #[test]
    fn records_carry_names_counts_outcome_and_dates() {
        use dossier_core::{Claim, EntityType, Event, Field, Mention, Sentence};
        let text =
            "Rebels of the North attacked Eastville, killing 12. Talks ended without progress.";
        let at = |w: &str| {
            let i = text.find(w).unwrap();
            Span::new(i, i + w.len())
        };
        let mut doc = Document {
            text: text.into(),
            ..Document::default()
        };
        doc.id.0 = "0123456789abcdef".into();
        doc.meta.date = Some(Field::new("2021-10-11T08:00:00Z".to_string(), "test", 1.0));
        let split = text.find("Talks").unwrap();
        doc.sentences = vec![
            Sentence {
                span: Span::new(0, split - 1),
                first: 0,
                last: 0,
            },
            Sentence {
                span: Span::new(split, text.len()),
                first: 0,
                last: 0,
            },
        ];
        doc.mentions = vec![Mention {
            span: at("North"),
            label: EntityType::ORG,
            score: 0.9,
        }];
        doc.claims = vec![Claim {
            span: at("12"),
            low: 12.0,
            high: 12.0,
            qualifier: None,
            measure: "killed".into(),
            sentence: 0,
        }];
        let ev = |kind: &str, span: Span, sentence: u32, source: Option<Actor>| Event {
            kind: kind.into(),
            mode: None,
            span,
            sentence,
            source,
            target: None,
            location: None,
            timex: None,
            negated: false,
            modality: "asserted".into(),
            reported_by: None,
        };
        doc.events = vec![
            ev(
                "ASSAULT",
                at("attacked"),
                0,
                Some(Actor {
                    span: at("Rebels of the North"),
                    mention: Some(0),
                }),
            ),
            ev("CONSULT", at("Talks"), 1, None),
            // A pronoun-like phrase resolved to a mention outside it takes the mention's name.
            ev(
                "CONSULT",
                at("ended"),
                1,
                Some(Actor {
                    span: at("Talks"),
                    mention: Some(0),
                }),
            ),
        ];
        let recs = records(&doc, &TextKeys);
        assert_eq!(recs.len(), 3);
        assert_eq!(recs[2].source.as_ref().unwrap().name, "North");
        let src = recs[0].source.as_ref().unwrap();
        assert_eq!((src.id.as_str(), src.name.as_str()), ("north", "North"));
        assert_eq!(src.kind.as_deref(), Some("ORG"));
        assert_eq!(src.text, "Rebels of the North");
        assert_eq!(recs[0].id, "0123456789ab:e0");
        assert_eq!(recs[0].counts.len(), 1);
        assert_eq!(
            (recs[0].counts[0].measure.as_str(), recs[0].counts[0].low),
            ("killed", 12.0)
        );
        assert_eq!(recs[0].date.as_deref(), Some("2021-10-11"));
        assert_eq!(recs[0].date_from, "document");
        assert_eq!(recs[0].outcome, None);
        assert_eq!(recs[1].outcome.as_deref(), Some("no agreement"));
        assert!(recs[1].counts.is_empty());
        assert_eq!(recs[1].sentence, "Talks ended without progress.");
    }

    #[test]
    fn text_keys_ignore_case_article_and_possessive() {
        assert_eq!(text_key("the  US"), "us");
        assert_eq!(text_key("US’s"), "us");
        assert_eq!(text_key("The Taliban's"), "taliban");
        assert_eq!(text_key("US forces"), "us forces");
        assert_eq!(text_key(""), "");
    }

    #[test]
    fn same_actors_and_type_merge_with_evidence() {
        let out = merge(
            vec![
                rec(
                    "a",
                    "CONSULT",
                    Some("Taliban"),
                    Some("US"),
                    Some(("2021-10-11", "document")),
                ),
                rec("b", "ASSAULT", Some("ISKP"), None, None),
                rec(
                    "c",
                    "CONSULT",
                    Some("the Taliban"),
                    Some("US"),
                    Some(("2021-10-09", "timex")),
                ),
            ],
            |r| Some(r.doc.clone()),
        );
        assert_eq!(out.len(), 2);
        assert_eq!(out[0].id, "a");
        assert_eq!(out[0].evidence.len(), 2);
        assert_eq!(out[0].evidence[1].sentence, "sentence of c");
        // The stated date replaces the publication-date fallback.
        assert_eq!(out[0].date.as_deref(), Some("2021-10-09"));
        assert_eq!(out[0].date_from, "timex");
    }

    #[test]
    fn different_stated_dates_types_negation_or_groups_stay_apart() {
        let mut neg = rec("n", "AGREE", Some("A"), Some("B"), None);
        neg.negated = true;
        let mut other_doc = rec("o", "AGREE", Some("A"), Some("B"), None);
        other_doc.doc = "d2".into();
        let out = merge(
            vec![
                rec(
                    "a",
                    "ASSAULT",
                    Some("A"),
                    Some("B"),
                    Some(("2021-10-08", "timex")),
                ),
                rec(
                    "b",
                    "ASSAULT",
                    Some("A"),
                    Some("B"),
                    Some(("2021-10-15", "timex")),
                ),
                rec("c", "AGREE", Some("A"), Some("B"), None),
                neg,
                other_doc,
                rec("x", "ASSAULT", None, None, None),
                rec("y", "ASSAULT", None, None, None),
            ],
            |r| Some(r.doc.clone()),
        );
        let ids: Vec<&str> = out.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(ids, ["a", "b", "c", "n", "o", "x", "y"]);
        assert!(out.iter().all(|r| r.evidence.len() == 1));
    }

    #[test]
    fn joint_events_merge_in_either_direction() {
        let out = merge(
            vec![
                rec("a", "CONSULT", Some("Taliban"), Some("US"), None),
                rec("b", "CONSULT", Some("US"), Some("Taliban"), None),
                rec("c", "ACCUSE", Some("Taliban"), Some("US"), None),
                rec("d", "ACCUSE", Some("US"), Some("Taliban"), None),
            ],
            |_| None,
        );
        let ids: Vec<&str> = out.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(ids, ["a", "c", "d"]);
        assert_eq!(out[0].evidence.len(), 2);
    }

    #[test]
    fn a_one_party_meeting_joins_the_unique_meeting_with_that_party() {
        let mut partial = rec(
            "p",
            "CONSULT",
            Some("Northland"),
            None,
            Some(("2021-10-09", "timex")),
        );
        partial.doc = "d2".into();
        partial.evidence[0].doc = "d2".into();
        let out = merge(
            vec![
                rec("a", "CONSULT", Some("Northland"), Some("Southland"), None),
                rec(
                    "b",
                    "CONSULT",
                    Some("Southland"),
                    Some("Northland"),
                    Some(("2021-10-11", "document")),
                ),
                partial,
                rec("x", "ASSAULT", Some("Northland"), Some("Eastland"), None),
                rec("y", "ASSAULT", Some("Northland"), None, None),
            ],
            |_| Some("story".into()),
        );
        let ids: Vec<&str> = out.iter().map(|r| r.id.as_str()).collect();
        // Attacks by one side are not folded into an attack on a named target.
        assert_eq!(ids, ["a", "x", "y"]);
        assert_eq!(out[0].evidence.len(), 3);
        // The first report had no date: the publication date fills it, the stated one wins.
        assert_eq!(out[0].date.as_deref(), Some("2021-10-09"));
        assert_eq!(out[0].date_from, "timex");
        // Two candidates: no merge.
        let out = merge(
            vec![
                rec("a", "CONSULT", Some("Northland"), Some("Southland"), None),
                rec("b", "CONSULT", Some("Northland"), Some("Eastland"), None),
                rec("c", "CONSULT", Some("Northland"), None, None),
            ],
            |_| None,
        );
        assert_eq!(out.len(), 3);
    }

    #[test]
    fn a_minister_meets_for_the_group_his_role_names() {
        use dossier_core::{Event, Mention, Role, Sentence};
        let text = "Northland's Foreign Minister Ivan Petrov met Southland leader Ana Lind. \
                    Northland held talks with Southland.";
        let at = |w: &str| {
            let i = text.find(w).unwrap();
            Span::new(i, i + w.len())
        };
        let mut doc = Document {
            text: text.into(),
            ..Document::default()
        };
        doc.id.0 = "d1".into();
        doc.sentences = vec![Sentence {
            span: Span::new(0, text.len()),
            first: 0,
            last: 0,
        }];
        let m = |w: &str, label| Mention {
            span: at(w),
            label,
            score: 1.0,
        };
        doc.mentions = vec![
            m("Northland", EntityType::LOC),
            m("Ivan Petrov", EntityType::PER),
            m("Southland", EntityType::LOC),
            m("Ana Lind", EntityType::PER),
        ];
        doc.roles = vec![
            Role {
                span: at("Foreign Minister"),
                value: "foreign minister".into(),
                mention: 1,
            },
            Role {
                span: at("leader"),
                value: "leader".into(),
                mention: 3,
            },
        ];
        let actor = |w: &str, mention| {
            Some(Actor {
                span: at(w),
                mention: Some(mention),
            })
        };
        let ev = |span, source, target| Event {
            kind: "CONSULT".into(),
            mode: None,
            span,
            sentence: 0,
            source,
            target,
            location: None,
            timex: None,
            negated: false,
            modality: "asserted".into(),
            reported_by: None,
        };
        let held = text.find("held").unwrap();
        doc.events = vec![
            ev(
                at("met"),
                actor("Ivan Petrov", 1),
                actor("Southland leader Ana Lind", 3),
            ),
            ev(
                Span::new(held, held + 4),
                Some(Actor {
                    span: Span::new(text.rfind("Northland").unwrap(), held - 1),
                    mention: None,
                }),
                Some(Actor {
                    span: Span::new(text.rfind("Southland").unwrap(), text.len() - 1),
                    mention: None,
                }),
            ),
        ];
        let recs = records(&doc, &TextKeys);
        assert_eq!(recs[0].source_group.as_ref().unwrap().name, "Northland");
        assert_eq!(recs[0].target_group.as_ref().unwrap().name, "Southland");
        assert!(recs[1].source_group.is_none());
        let out = merge(recs, |_| None);
        assert_eq!(out.len(), 1, "{out:?}");
        assert_eq!(out[0].evidence.len(), 2);
    }

    #[test]
    fn a_month_is_compatible_with_a_day_in_it() {
        let out = merge(
            vec![
                rec(
                    "a",
                    "SANCTION",
                    Some("EU"),
                    Some("Iran"),
                    Some(("2021-10", "timex")),
                ),
                rec(
                    "b",
                    "SANCTION",
                    Some("EU"),
                    Some("Iran"),
                    Some(("2021-10-03", "timex")),
                ),
            ],
            |_| None,
        );
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].evidence.len(), 2);
        assert_eq!(out[0].date.as_deref(), Some("2021-10-03"));
    }
}
