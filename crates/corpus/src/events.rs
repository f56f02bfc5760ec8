//! Coded events across the corpus: each report's actors named by their corpus entity, and the
//! reports of one real-world event merged into one record with several evidence links.

use dossier_core::{Actor, Document};
use dossier_events::record::{merge, records, ActorKeys, ActorRef, EventRecord, TextKeys};

use crate::{in_range, ActorFilter, Corpus};

/// Actors are keyed `e<id>` by the corpus entity of their mention, else by their words.
impl ActorKeys for Corpus {
    fn actor(&self, doc: &Document, actor: &Actor) -> ActorRef {
        let words = TextKeys.actor(doc, actor);
        let entity = actor
            .mention
            .and_then(|m| self.entity_of(doc.id.as_str(), m as usize));
        match entity {
            Some(e) => ActorRef {
                id: format!("e{}", e.id),
                name: e.name.clone(),
                kind: e.label.map(|l| l.as_str().to_string()).or(words.kind),
                text: words.text,
            },
            None => words,
        }
    }
}

/// Which reports may be merged into one event.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MergeWithin {
    /// Reports in documents of the same story (the default: one meeting told by five outlets
    /// is one meeting).
    Story,
    /// Reports in the same document only.
    Doc,
    /// Every report stays its own record.
    Nothing,
}

impl Corpus {
    /// Each event report of one document, actors named by entity.
    pub fn event_reports(&self, doc: &Document) -> Vec<EventRecord> {
        records(doc, self)
    }

    /// Reports of one real-world event joined into one record (see `dossier_events::record::merge`).
    pub fn merge_events(&self, reports: Vec<EventRecord>, within: MergeWithin) -> Vec<EventRecord> {
        match within {
            MergeWithin::Nothing => reports,
            MergeWithin::Doc => merge(reports, |r| Some(r.doc.clone())),
            MergeWithin::Story => merge(reports, |r| {
                Some(match self.doc(&r.doc) {
                    Some(d) => format!("story:{}", d.story),
                    None => r.doc.clone(),
                })
            }),
        }
    }
}

/// What `dossier events` filters on.
#[derive(Clone, Debug, Default)]
pub struct EventQuery {
    /// Source or target: any name of an entity (or `e<id>`), or the words of the actor.
    pub actor: Option<String>,
    /// PLOVER type, any case.
    pub kind: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
}

/// The events of `all` (merged or not) that `q` asks for, in order.
pub fn select_events<'a>(
    corpus: &Corpus,
    all: &'a [EventRecord],
    q: &EventQuery,
) -> Vec<&'a EventRecord> {
    let actor = q.actor.as_deref().map(|n| ActorFilter::new(corpus, n));
    all.iter()
        .filter(|e| {
            q.kind
                .as_ref()
                .is_none_or(|k| e.kind.eq_ignore_ascii_case(k))
                && actor.as_ref().is_none_or(|f| {
                    [&e.source, &e.target]
                        .iter()
                        .any(|x| x.as_ref().is_some_and(|x| f.matches_event_actor(x)))
                })
                && in_range(e.date.as_deref(), q.from.as_deref(), q.to.as_deref())
        })
        .collect()
}
