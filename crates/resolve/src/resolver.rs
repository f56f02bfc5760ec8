//! Across documents: the incremental [`Resolver`] gives each local entity a corpus entity id. A
//! new local entity is compared only with the entities that share a name key with it (a blocking
//! index with capped postings), so the work per document does not grow with the corpus.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use dossier_core::{Document, EntityType};
use serde::{Deserialize, Serialize};

use crate::judgements::{Judgement, Judgements};
use crate::local::{best_name, local_entities, strip_titles, LocalEntity};
use crate::matcher::{is_short_form, score, SAME_SKELETON, THRESHOLD};
use crate::names::{acronym_form, tokens, Name, NameKind, TokenClass};
use crate::places::{places, PlaceUse};
use crate::sex::Sex;

/// Corpus entity id.
pub type EntityId = u32;

/// At most this many entities are kept per blocking key; a key shared by more says little.
const MAX_POSTING: usize = 64;
/// A surname alone goes to the person of the corpus with that surname named in at least this
/// many documents ...
const DOMINANT_DOCS: usize = 5;
/// ... and in this many times as many documents as any other person of that surname.
const DOMINANT_RATIO: usize = 4;
/// At most this many aliases of a candidate are compared, most frequent first.
const MAX_ALIASES: usize = 24;
/// At most this many entities are compared with a new name.
const MAX_CANDIDATES: usize = 16;
/// Score a one-word name needs against a one-word alias of another document's entity.
const LONE_WORD: f32 = 0.93;
/// At most this many co-occurring entities are remembered per entity.
const MAX_CONTEXT: usize = 64;

/// A corpus entity.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Entity {
    pub id: EntityId,
    /// The most complete common form.
    pub name: String,
    #[serde(rename = "type")]
    pub label: Option<EntityType>,
    /// Mentions per type the tagger gave: the entity's type is the one most of them say.
    #[serde(default)]
    pub labels: BTreeMap<EntityType, u64>,
    /// Every surface form with its count.
    pub aliases: BTreeMap<String, u32>,
    /// Forms written with a title before the name, shown as aliases, never matched.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub titled: BTreeMap<String, u32>,
    /// Roles and titles with their counts ("foreign minister").
    pub roles: BTreeMap<String, u32>,
    pub mentions: u64,
    pub documents: BTreeSet<String>,
    /// Publication dates (ISO) of the first and last documents that mention it, when known.
    pub first_seen: Option<String>,
    pub last_seen: Option<String>,
    /// Entities it appears with, and how often.
    pub context: BTreeMap<EntityId, u32>,
    /// Set when a merge folded this entity into another.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub merged_into: Option<EntityId>,
    /// Documents whose mentions of it say a man, a woman (an honorific, a given name).
    #[serde(default, skip_serializing_if = "no_sex")]
    pub sex_docs: [u32; 2],
    /// The most frequent aliases, parsed once (rebuilt after loading).
    #[serde(skip)]
    parsed: Vec<Name>,
}

fn no_sex(s: &[u32; 2]) -> bool {
    *s == [0, 0]
}

impl Entity {
    /// The sex most of the documents that say one give it (four to one at least).
    pub fn sex(&self) -> Option<Sex> {
        let [m, f] = self.sex_docs;
        if m > 0 && m >= 4 * f {
            Some(Sex::Male)
        } else if f > 0 && f >= 4 * m {
            Some(Sex::Female)
        } else {
            None
        }
    }

    fn kind(&self) -> NameKind {
        self.label.map(NameKind::of_type).unwrap_or(NameKind::Other)
    }

    /// The name from the aliases; a country keeps the name of the place list.
    fn rename(&mut self) {
        let listed = places()
            .lookup(&Name::parse(&self.name, NameKind::Place))
            .is_some_and(|(p, _)| p == self.name);
        if !listed {
            self.name = best_name(&self.aliases, self.kind());
        }
    }

    fn refresh(&mut self) {
        let kind = self.kind();
        self.parsed = self
            .top_aliases()
            .iter()
            .map(|a| Name::parse(a, kind))
            .collect();
    }

    /// The parsed top aliases (parsed now when the cache is empty, e.g. after loading).
    fn names(&self) -> std::borrow::Cow<'_, [Name]> {
        if self.parsed.is_empty() && !self.aliases.is_empty() {
            let kind = self.kind();
            std::borrow::Cow::Owned(
                self.top_aliases()
                    .iter()
                    .map(|a| Name::parse(a, kind))
                    .collect(),
            )
        } else {
            std::borrow::Cow::Borrowed(&self.parsed)
        }
    }

    /// Counts `n` mentions typed `label` and takes the type most mentions have (the earlier on
    /// a tie), so one tagger's slip ("NATO" as a place) does not type the entity.
    fn vote(&mut self, label: EntityType, n: u64) {
        *self.labels.entry(label).or_default() += n;
        let top = self.labels.values().copied().max().unwrap_or(0);
        if self
            .label
            .is_none_or(|l| self.labels.get(&l).copied().unwrap_or(0) < top)
        {
            self.label = self
                .labels
                .iter()
                .find(|(_, c)| **c == top)
                .map(|(l, _)| *l);
        }
    }

    /// An entity stored before types were counted counts its mentions for its type.
    fn seed_labels(&mut self) {
        if self.labels.is_empty() && self.mentions > 0 {
            if let Some(l) = self.label {
                self.labels.insert(l, self.mentions);
            }
        }
    }

    /// A person known by a surname alone: every alias is one word or one hyphenated compound
    /// ("Leigh-Pemberton").
    fn is_bare_person(&self) -> bool {
        self.label == Some(EntityType::PER)
            && !self.aliases.is_empty()
            && self
                .names()
                .iter()
                .all(|n| n.tokens.len() == 1 || n.compound().is_some())
    }

    fn top_aliases(&self) -> Vec<&str> {
        let mut a: Vec<(&String, &u32)> = self.aliases.iter().collect();
        a.sort_by(|x, y| y.1.cmp(x.1).then(x.0.cmp(y.0)));
        a.into_iter()
            .take(MAX_ALIASES)
            .map(|(s, _)| s.as_str())
            .collect()
    }
}

/// The corpus entities, their blocking index and the user's judgements.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Resolver {
    entities: Vec<Entity>,
    index: HashMap<String, Vec<EntityId>>,
    /// Folded alias -> entities, for exact lookups and judgements.
    alias_index: HashMap<String, Vec<EntityId>>,
    /// Folded alias tokens and skeletons, sorted, for prefix lookups.
    token_index: BTreeMap<String, Vec<EntityId>>,
    pub judgements: Judgements,
}

/// What resolving one document gave: the corpus entity of each mention.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Resolution {
    /// `entity[i]` is the entity of `doc.mentions[i]` (None for mentions without a name).
    pub entity: Vec<Option<EntityId>>,
    /// The local entities, in the same order as `ids`.
    pub local: Vec<LocalEntity>,
    pub ids: Vec<EntityId>,
}

/// The one content word of a name of one ("sanders" in "of Sanders"), if it has one.
fn content_word(n: &Name) -> Option<&str> {
    let mut full = n
        .tokens
        .iter()
        .zip(&n.classes)
        .filter(|(_, c)| **c == TokenClass::Full);
    match (full.next(), full.next()) {
        (Some((t, _)), None) => Some(t.as_str()),
        _ => None,
    }
}

fn push_capped(v: &mut Vec<EntityId>, id: EntityId) {
    if !v.contains(&id) && v.len() < MAX_POSTING {
        v.push(id);
    }
}

/// True when `name` is a country's name in the place list.
fn is_country(name: &str) -> bool {
    places()
        .lookup(&Name::parse(name, NameKind::Place))
        .is_some_and(|(p, u)| p == name && u == PlaceUse::Name)
}

/// True when the acronym alias `acr` of an entity is already spelt out by another of its names
/// that `long` does not match ("EC" of "European Community" is not "Executive Commission"), or
/// when the document gave `long` an acronym of its own that differs ("International Cocoa
/// Organization (ICCO)" is not "ICO"): then the initials of `long` say nothing.
fn pinned(long: &Name, acr: &Name, names: &[Name], local: &LocalEntity) -> bool {
    let Some(letters) = &acr.acronym else {
        return false;
    };
    let own: Vec<String> = local
        .acronyms
        .iter()
        .filter_map(|a| acronym_form(a))
        .collect();
    if !own.is_empty() && !own.contains(letters) {
        return true;
    }
    names.iter().any(|m| {
        m.acronym.is_none()
            && m.full_count() >= 2
            && score(acr, m) >= THRESHOLD
            && score(long, m) < THRESHOLD
    })
}

impl Resolver {
    pub fn new(judgements: Judgements) -> Resolver {
        Resolver {
            judgements,
            ..Default::default()
        }
    }

    /// The live entity an id stands for now (following merges).
    pub fn canonical(&self, mut id: EntityId) -> EntityId {
        while let Some(next) = self.entities.get(id as usize).and_then(|e| e.merged_into) {
            id = next;
        }
        id
    }

    pub fn get(&self, id: EntityId) -> Option<&Entity> {
        self.entities.get(self.canonical(id) as usize)
    }

    /// The name of each mention of `doc` as the corpus knows it: its entity's canonical name, or
    /// its own text when it has no entity. Two spellings of one actor ("Mottaki", "Muttaqi") come
    /// out the same, which is what story clustering compares.
    pub fn mention_names<'a>(&'a self, doc: &'a Document, r: &Resolution) -> Vec<&'a str> {
        doc.mentions
            .iter()
            .enumerate()
            .map(|(i, m)| {
                r.entity
                    .get(i)
                    .copied()
                    .flatten()
                    .and_then(|e| self.get(e))
                    .map_or_else(|| doc.span_text(m.span), |e| e.name.as_str())
            })
            .collect()
    }

    /// Live entities (not merged away).
    pub fn entities(&self) -> impl Iterator<Item = &Entity> {
        self.entities.iter().filter(|e| e.merged_into.is_none())
    }

    /// Entities sharing a name key with any of `names`, those sharing the most keys first, at
    /// most `MAX_CANDIDATES` of them (exact alias holders always included).
    fn candidates(&self, names: &[Name]) -> Vec<EntityId> {
        let mut hits: HashMap<EntityId, u32> = HashMap::new();
        for n in names {
            if let Some(ids) = self.alias_index.get(&n.joined()) {
                for &i in ids {
                    *hits.entry(self.canonical(i)).or_default() += 100;
                }
            }
            for k in n.keys() {
                // a full posting means a key too common to tell names apart: skip it
                if let Some(ids) = self.index.get(&k).filter(|v| v.len() < MAX_POSTING) {
                    // the whole skeleton, an acronym, or the initials of four words or more
                    // are one key that says as much as two
                    let acronym = k.starts_with("a:") && (n.acronym.is_some() || k.len() >= 6);
                    let w = if k.starts_with("s:") || acronym { 2 } else { 1 };
                    for &i in ids {
                        *hits.entry(self.canonical(i)).or_default() += w;
                    }
                }
            }
        }
        // a name of two or more content words matches only when every word aligns, so a true
        // variant shares a key per word (or its phonetic code and initials): an entity met
        // through one key alone is a collision, and there are more of those the larger the corpus
        let need = if names.iter().any(|n| n.full_count() >= 2) {
            2
        } else {
            1
        };
        let mut out: Vec<(u32, EntityId)> = hits
            .into_iter()
            .filter(|&(_, h)| h >= need)
            .map(|(id, h)| (h, id))
            .collect();
        out.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        out.truncate(MAX_CANDIDATES);
        out.into_iter().map(|x| x.1).collect()
    }

    /// The one entity that already holds one of `names` as an alias, when exactly one does: a
    /// known name needs no search through the blocking keys, so resolving the names a corpus
    /// has seen before costs the same however many entities share their keys.
    fn known(&self, names: &[Name]) -> Option<Vec<EntityId>> {
        let mut ids: Vec<EntityId> = names
            .iter()
            .filter_map(|n| self.alias_index.get(&n.joined()))
            .flatten()
            .map(|&i| self.canonical(i))
            .collect();
        ids.sort_unstable();
        ids.dedup();
        (ids.len() == 1).then_some(ids)
    }

    /// How well a local entity fits a corpus entity, 0..1; None when a judgement forbids it.
    fn fit(
        &self,
        local: &LocalEntity,
        canon: &Name,
        e: &Entity,
        context: &[EntityId],
    ) -> Option<f32> {
        for alias in local.aliases.keys() {
            if self
                .judgements
                .forbids(alias, e.aliases.keys().map(String::as_str))
            {
                return None;
            }
        }
        // a country is known by the names of the place list only: a mention the list gives to it
        // joins it, and such a mention joins nothing else ("Spain" is not "Span", "Irna" is not Iran)
        if local.place.is_some() || is_country(&e.name) {
            return (local.place.as_deref() == Some(e.name.as_str())).then_some(1.0);
        }
        // "Mrs. Clinton" is not Bill Clinton
        if let (Some(a), Some(b)) = (local.sex, e.sex()) {
            if a != b {
                return None;
            }
        }
        let full = canon.full_count();
        let names = e.names();
        // an acronym stands for a name of its own kind: an organisation's letters are not a
        // currency's ("EC" and "European Currency Unit"); taggers do confuse ORG and LOC
        let kinds_agree = match e.label {
            Some(l) => {
                l == local.label
                    || matches!(
                        (l, local.label),
                        (EntityType::ORG, EntityType::LOC) | (EntityType::LOC, EntityType::ORG)
                    )
            }
            None => true,
        };
        let mut best = 0.0f32;
        let joined = canon.joined();
        for n in names.iter() {
            // the same words in another case or punctuation are the same name ("COVID-19",
            // "Covid-19"), whichever of them reads as an acronym
            if kinds_agree && !joined.is_empty() && n.joined() == joined {
                best = 1.0;
                break;
            }
            // a full local name is never matched through a shorter alias ("Jeb Bush" vs "Bush")
            if n.full_count() < full && n.acronym.is_none() && canon.acronym.is_none() {
                continue;
            }
            if !kinds_agree && n.acronym.is_some() != canon.acronym.is_some() {
                continue;
            }
            if n.acronym.is_some() && canon.acronym.is_none() && pinned(canon, n, &names, local) {
                continue;
            }
            let s = score(canon, n);
            // one word against one word has nothing else to agree on: across documents only a
            // near-identical spelling counts ("Libor" is not "Labour", "Congress" not "ConAgra")
            let lone = canon.full_count() == 1
                && n.full_count() == 1
                && canon.acronym.is_none()
                && n.acronym.is_none();
            // and a short word only by its skeleton: a swapped letter makes another word
            // ("Irna", "Iran")
            let short = canon.tokens.iter().chain(&n.tokens).any(|t| t.len() <= 5);
            if lone && (s < LONE_WORD || (short && s < SAME_SKELETON)) {
                continue;
            }
            // nor does a near spelling cross kinds: the place "Romania" is not the person
            // "Romney", however alike the letters (the same word typed two ways still joins,
            // "of Sanders" too)
            if lone && !kinds_agree && content_word(canon) != content_word(n) {
                continue;
            }
            best = best.max(s);
            if best >= 1.0 {
                break;
            }
        }
        // acronyms the document itself defined for this entity are as good as its name
        for a in &local.acronyms {
            let acr = Name::parse(a, NameKind::Org);
            for n in names.iter().filter(|_| kinds_agree) {
                best = best.max(score(&acr, n));
            }
        }
        if let Some(l) = e.label {
            if l != local.label {
                // taggers confuse ORG and LOC for the same name: a small penalty only
                best -= 0.05;
            }
        }
        let shared = context.iter().filter(|c| e.context.contains_key(c)).count();
        best += 0.03 * shared.min(2) as f32;
        Some(best)
    }

    fn new_entity(&mut self, name: &str, label: EntityType) -> EntityId {
        let id = self.entities.len() as EntityId;
        self.entities.push(Entity {
            id,
            name: name.to_string(),
            label: Some(label),
            ..Default::default()
        });
        id
    }

    fn index_alias(&mut self, id: EntityId, alias: &str, kind: NameKind) {
        let n = Name::parse(alias, kind);
        for k in n.keys() {
            push_capped(self.index.entry(k).or_default(), id);
        }
        push_capped(self.alias_index.entry(n.joined()).or_default(), id);
        for (t, s) in n.tokens.iter().zip(&n.skels) {
            push_capped(self.token_index.entry(t.clone()).or_default(), id);
            push_capped(self.token_index.entry(s.clone()).or_default(), id);
        }
    }

    fn absorb(&mut self, id: EntityId, local: &LocalEntity, doc_id: &str, date: Option<&str>) {
        let kind = NameKind::of_type(local.label);
        let new_aliases: Vec<String> = local
            .aliases
            .keys()
            .chain(&local.acronyms)
            .filter(|a| !self.entities[id as usize].aliases.contains_key(*a))
            .cloned()
            .collect();
        {
            let e = &mut self.entities[id as usize];
            for (a, c) in &local.aliases {
                *e.aliases.entry(a.clone()).or_default() += c;
            }
            for (a, c) in &local.titled {
                *e.titled.entry(a.clone()).or_default() += c;
            }
            for a in &local.acronyms {
                e.aliases.entry(a.clone()).or_default();
            }
            for (r, c) in &local.roles {
                *e.roles.entry(r.clone()).or_default() += c;
            }
            e.seed_labels();
            e.vote(local.label, local.mentions.len().max(1) as u64);
            match local.sex {
                Some(Sex::Male) => e.sex_docs[0] += 1,
                Some(Sex::Female) => e.sex_docs[1] += 1,
                None => {}
            }
            let before = e.mentions;
            e.mentions += local.mentions.len() as u64;
            // the name and the parsed aliases change with new aliases, and their order with
            // counts: recompute on new aliases and when the count passes a power of two
            let recount = !new_aliases.is_empty()
                || before == 0
                || before.ilog2() != e.mentions.max(1).ilog2();
            e.documents.insert(doc_id.to_string());
            if let Some(d) = date {
                if e.first_seen.as_deref().is_none_or(|f| d < f) {
                    e.first_seen = Some(d.to_string());
                }
                if e.last_seen.as_deref().is_none_or(|l| d > l) {
                    e.last_seen = Some(d.to_string());
                }
            }
            if recount {
                if local.place.is_none() {
                    e.rename();
                }
                e.refresh();
            }
        }
        for a in new_aliases {
            self.index_alias(id, &a, kind);
        }
        // a country is found by its listed name even when no document wrote it ("U.S.",
        // "American"), so a later demonym alone meets it
        if let Some(p) = &local.place {
            let key = tokens(p).join(" ");
            if self.entities[id as usize].name == *p
                && !self.alias_index.get(&key).is_some_and(|v| v.contains(&id))
            {
                push_capped(self.alias_index.entry(key).or_default(), id);
            }
        }
    }

    /// Resolves one document: groups its mentions, then gives each group a corpus entity, new or
    /// existing. Strong names go first so that their ids are context for the weaker ones.
    pub fn resolve(&mut self, doc: &Document) -> Resolution {
        let local = self.carve_splits(doc, local_entities(doc));
        let date = doc.meta.date.as_ref().map(|d| d.value.as_str());
        let mut order: Vec<usize> = (0..local.len()).collect();
        let parsed: Vec<Name> = local.iter().map(LocalEntity::parsed).collect();
        order.sort_by_key(|&i| (std::cmp::Reverse(parsed[i].full_count()), i));
        let mut ids: Vec<Option<EntityId>> = vec![None; local.len()];
        let mut context: Vec<EntityId> = Vec::new();
        for &i in &order {
            let l = &local[i];
            let canon = &parsed[i];
            // a demonym or a capital alone ("Iranian officials") finds its country by the
            // country's name
            let names: Vec<Name> = l
                .aliases
                .keys()
                .chain(l.place.as_ref())
                .map(|a| Name::parse(a, NameKind::of_type(l.label)))
                .collect();
            let mut scored: Vec<(f32, EntityId)> = Vec::new();
            if !l.ambiguous {
                for c in self
                    .known(&names)
                    .unwrap_or_else(|| self.candidates(&names))
                {
                    if let Some(s) = self.fit(l, canon, &self.entities[c as usize], &context) {
                        scored.push((s, c));
                    }
                }
            }
            scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
            // a close second candidate means the name alone cannot tell: keep it apart
            let pick = match scored.as_slice() {
                [(s, c), rest @ ..] if *s >= THRESHOLD => match rest.first() {
                    Some((s2, _))
                        if *s2 >= THRESHOLD && s - s2 < 0.02 && canon.full_count() < 2 =>
                    {
                        None
                    }
                    _ => Some(*c),
                },
                _ => None,
            };
            // a surname alone ("Trump") is the one person of the corpus with a full name ending
            // in it ("Donald Trump"), rather than a person of its own or a bare-surname entity;
            // so is a surname typed as a place or body ("Obama" as a place) when the people it
            // could be tie: the person the corpus names far more often than the others, named
            // with a given name ("Merry Christmas" is not a person's; a tie with a body or place
            // of that name, "Bloomberg" the agency, stays a tie)
            let tied = |id: EntityId| {
                let top = scored.first().map_or(0.0, |x| x.0);
                let close: Vec<EntityId> = scored
                    .iter()
                    .filter(|x| x.0 >= THRESHOLD && top - x.0 < 0.02)
                    .map(|x| x.1)
                    .collect();
                let named = self.entities[id as usize]
                    .names()
                    .iter()
                    .any(|n| n.tokens.len() >= 2 && crate::sex::is_given_name(&n.tokens[0]));
                named
                    && close.len() >= 2
                    && close.contains(&id)
                    && close
                        .iter()
                        .all(|&c| self.entities[c as usize].label == Some(EntityType::PER))
            };
            let person = l.label == EntityType::PER;
            let surname = (l.place.is_none() && canon.acronym.is_none())
                .then(|| {
                    if canon.tokens.len() == 1 {
                        Some(&canon.tokens[..])
                    } else if person {
                        canon.compound()
                    } else {
                        None
                    }
                })
                .flatten();
            let pick = match surname.and_then(|t| self.surname_owner(t, l.sex)) {
                Some(owner)
                    if (person || pick.is_none() && tied(owner))
                        && pick.is_none_or(|c| self.entities[c as usize].is_bare_person())
                        && self
                            .fit(l, canon, &self.entities[owner as usize], &context)
                            .is_some() =>
                {
                    Some(owner)
                }
                _ => pick,
            };
            let id = match pick {
                Some(c) => c,
                None => self.new_entity(&l.name, l.label),
            };
            self.absorb(id, l, doc.id.as_str(), date);
            if l.label == EntityType::PER && canon.tokens.len() >= 2 {
                self.adopt_bare_surname(id, canon);
            }
            ids[i] = Some(id);
            context.push(id);
        }
        let ids: Vec<EntityId> = ids.into_iter().map(|x| x.unwrap_or(0)).collect();
        for &a in &ids {
            let e = &mut self.entities[a as usize];
            for &b in &ids {
                if a != b && (e.context.len() < MAX_CONTEXT || e.context.contains_key(&b)) {
                    *e.context.entry(b).or_default() += 1;
                }
            }
        }
        let mut entity = vec![None; doc.mentions.len()];
        for (l, &id) in local.iter().zip(&ids) {
            for &m in &l.mentions {
                entity[m as usize] = Some(id);
            }
        }
        let mut r = Resolution { entity, local, ids };
        self.apply_judgements();
        for e in r.entity.iter_mut().flatten() {
            *e = self.canonical(*e);
        }
        for e in r.ids.iter_mut() {
            *e = self.canonical(*e);
        }
        r
    }

    /// The live person entity with a name of more words ending in `surname` (one word, or the
    /// words of a hyphenated surname): the only one, or the one named in far more documents
    /// than the others; None when there are none or several alike.
    fn surname_owner(&self, surname: &[String], sex: Option<Sex>) -> Option<EntityId> {
        // a full posting list (a common surname, or many entities of the surname alone) still
        // holds the people named early and often
        let ids = self.token_index.get(surname.last()?)?;
        let mut owners: Vec<(usize, EntityId)> = Vec::new();
        for &i in ids {
            let id = self.canonical(i);
            let e = &self.entities[id as usize];
            let full = e.label == Some(EntityType::PER)
                && (sex.is_none() || e.sex().is_none_or(|s| Some(s) == sex))
                && e.names()
                    .iter()
                    .any(|n| n.full_count() > surname.len() && n.tokens.ends_with(surname));
            if full && !owners.iter().any(|&(_, o)| o == id) {
                owners.push((e.documents.len(), id));
            }
        }
        owners.sort_unstable_by(|a, b| b.cmp(a));
        match owners[..] {
            [(_, one)] => Some(one),
            // several: the one the corpus names far more often ("Obama" is Barack Obama in a
            // corpus where Michelle Obama is named in a few documents)
            [(top, id), (second, _), ..]
                if top >= DOMINANT_DOCS && top >= DOMINANT_RATIO * second =>
            {
                Some(id)
            }
            _ => None,
        }
    }

    /// After a full name ("Donald Trump") joined entity `id`: an entity earlier documents made
    /// of its surname alone ("Trump") folds into it when `id` is the only person of that
    /// surname and no judgement keeps them apart.
    fn adopt_bare_surname(&mut self, id: EntityId, canon: &Name) {
        let last = canon.tokens.len().saturating_sub(1);
        // the words of a hyphenated surname ("Robin Leigh-Pemberton"), else the last word
        let mut from = last;
        let full = |i: usize| canon.classes.get(i) == Some(&TokenClass::Full);
        while from > 0 && canon.hyphen.get(from - 1) == Some(&true) && full(from - 1) && full(from)
        {
            from -= 1;
        }
        let Some(surname) = canon.tokens.get(from..) else {
            return;
        };
        let sex = self.entities[id as usize].sex();
        if surname.is_empty() || self.surname_owner(surname, sex) != Some(id) {
            return;
        }
        let mut bare: Vec<EntityId> = self
            .alias_index
            .get(&surname.join(" "))
            .into_iter()
            .flatten()
            .map(|&i| self.canonical(i))
            .filter(|&b| {
                let e = &self.entities[b as usize];
                b != id && e.is_bare_person() && e.sex().is_none_or(|s| Some(s) == sex)
            })
            .collect();
        bare.sort_unstable();
        bare.dedup();
        let [b] = bare[..] else { return };
        let forbidden = self.entities[b as usize].aliases.keys().any(|a| {
            self.judgements.forbids(
                a,
                self.entities[id as usize]
                    .aliases
                    .keys()
                    .map(String::as_str),
            )
        });
        if !forbidden {
            self.merge(id, b);
        }
    }

    /// Takes out of a local entity the mentions of an alias that a split judgement took away, or
    /// that a not-same judgement keeps apart from another of its aliases, so the rest of the
    /// entity still resolves as before.
    fn carve_splits(&self, doc: &Document, mut local: Vec<LocalEntity>) -> Vec<LocalEntity> {
        // (alias to take out, alias that must be present too, if any)
        let rules: Vec<(Vec<String>, Option<Vec<String>>)> = self
            .judgements
            .list()
            .iter()
            .filter_map(|j| match j {
                Judgement::Split(_, alias) => Some((tokens(alias), None)),
                Judgement::NotSame(a, b) => Some((tokens(b), Some(tokens(a)))),
                Judgement::Merge(..) => None,
            })
            .collect();
        if rules.is_empty() {
            return local;
        }
        let mut extra = Vec::new();
        for l in &mut local {
            let has = |t: &Vec<String>| l.aliases.keys().any(|a| tokens(a) == *t);
            let carve: Vec<&Vec<String>> = rules
                .iter()
                .filter(|(_, with)| with.as_ref().is_none_or(&has))
                .map(|(x, _)| x)
                .collect();
            let (out, keep): (Vec<String>, Vec<String>) = l
                .aliases
                .keys()
                .cloned()
                .partition(|a| carve.contains(&&tokens(a)));
            if out.is_empty() || keep.is_empty() {
                continue;
            }
            let kind = NameKind::of_type(l.label);
            let (moved, stay): (Vec<u32>, Vec<u32>) = l.mentions.iter().partition(|&&m| {
                let surface = strip_titles(doc.span_text(doc.mentions[m as usize].span), kind);
                out.iter().any(|a| a == surface)
            });
            let mut aliases = BTreeMap::new();
            for a in &out {
                if let Some(c) = l.aliases.remove(a) {
                    aliases.insert(a.clone(), c);
                }
            }
            let (gone, kept): (BTreeMap<String, u32>, BTreeMap<String, u32>) =
                std::mem::take(&mut l.titled)
                    .into_iter()
                    .partition(|(t, _)| aliases.contains_key(strip_titles(t, kind)));
            l.titled = kept;
            l.mentions = stay;
            if l.place.is_none() {
                l.name = best_name(&l.aliases, kind);
            }
            extra.push(LocalEntity {
                label: l.label,
                name: best_name(&aliases, kind),
                mentions: moved,
                aliases,
                titled: gone,
                roles: BTreeMap::new(),
                acronyms: Vec::new(),
                place: None,
                ambiguous: false,
                sex: l.sex,
            });
        }
        local.extend(extra);
        local
    }

    /// Entities holding an alias, by folded form.
    pub fn by_alias(&self, alias: &str) -> Vec<EntityId> {
        let mut v: Vec<EntityId> = self
            .alias_index
            .get(&tokens(alias).join(" "))
            .into_iter()
            .flatten()
            .map(|&i| self.canonical(i))
            .collect();
        v.sort_unstable();
        v.dedup();
        v
    }

    /// Folds entity `b` into `a`.
    pub fn merge(&mut self, a: EntityId, b: EntityId) {
        let (a, b) = (self.canonical(a), self.canonical(b));
        if a == b {
            return;
        }
        let mut eb = std::mem::take(&mut self.entities[b as usize]);
        eb.seed_labels();
        let kind = self.entities[a as usize].kind();
        let new_aliases: Vec<String> = eb
            .aliases
            .keys()
            .filter(|x| !self.entities[a as usize].aliases.contains_key(*x))
            .cloned()
            .collect();
        {
            let ea = &mut self.entities[a as usize];
            for (k, c) in eb.aliases {
                *ea.aliases.entry(k).or_default() += c;
            }
            for (k, c) in eb.titled {
                *ea.titled.entry(k).or_default() += c;
            }
            for (k, c) in eb.roles {
                *ea.roles.entry(k).or_default() += c;
            }
            ea.seed_labels();
            for (l, c) in std::mem::take(&mut eb.labels) {
                ea.vote(l, c);
            }
            for (k, c) in eb.context {
                if k != a {
                    *ea.context.entry(k).or_default() += c;
                }
            }
            ea.mentions += eb.mentions;
            ea.sex_docs[0] += eb.sex_docs[0];
            ea.sex_docs[1] += eb.sex_docs[1];
            ea.documents.extend(eb.documents);
            ea.first_seen = match (ea.first_seen.take(), eb.first_seen) {
                (Some(x), Some(y)) => Some(x.min(y)),
                (x, y) => x.or(y),
            };
            ea.last_seen = match (ea.last_seen.take(), eb.last_seen) {
                (Some(x), Some(y)) => Some(x.max(y)),
                (x, y) => x.or(y),
            };
            ea.rename();
            ea.refresh();
        }
        self.entities[b as usize] = Entity {
            id: b,
            merged_into: Some(a),
            ..Default::default()
        };
        for x in new_aliases {
            self.index_alias(a, &x, kind);
        }
    }

    /// Takes an alias away from an entity into an entity of its own; returns the new id.
    pub fn split(&mut self, id: EntityId, alias: &str) -> Option<EntityId> {
        let id = self.canonical(id);
        let key = tokens(alias).join(" ");
        let e = &self.entities[id as usize];
        let taken: Vec<String> = e
            .aliases
            .keys()
            .filter(|a| tokens(a).join(" ") == key)
            .cloned()
            .collect();
        if taken.is_empty() || taken.len() == e.aliases.len() {
            return None;
        }
        let label = e.label.unwrap_or(EntityType::MISC);
        let new = self.new_entity(&taken[0], label);
        let kind = NameKind::of_type(label);
        let mut moved = 0;
        for a in &taken {
            let c = self.entities[id as usize].aliases.remove(a).unwrap_or(0);
            moved += c as u64;
            self.entities[new as usize].aliases.insert(a.clone(), c);
        }
        let titled: Vec<String> = self.entities[id as usize]
            .titled
            .keys()
            .filter(|t| tokens(strip_titles(t, kind)).join(" ") == key)
            .cloned()
            .collect();
        for t in titled {
            let c = self.entities[id as usize].titled.remove(&t).unwrap_or(0);
            self.entities[new as usize].titled.insert(t, c);
        }
        let e = &mut self.entities[id as usize];
        e.mentions = e.mentions.saturating_sub(moved);
        e.rename();
        e.refresh();
        let docs = e.documents.clone();
        let n = &mut self.entities[new as usize];
        n.mentions = moved;
        n.documents = docs;
        n.refresh();
        for a in &taken {
            self.index_alias(new, a, kind);
        }
        if let Some(v) = self.alias_index.get_mut(&key) {
            v.retain(|&x| x != id);
        }
        Some(new)
    }

    /// Applies every merge and split judgement to the current entities (not-same judgements act
    /// while resolving). Idempotent.
    pub fn apply_judgements(&mut self) {
        let list: Vec<Judgement> = self.judgements.list().to_vec();
        for j in list {
            match j {
                Judgement::Merge(a, b) => {
                    let (ea, eb) = (self.by_alias(&a), self.by_alias(&b));
                    if let (Some(&x), Some(&y)) = (ea.first(), eb.first()) {
                        self.merge(x, y);
                    }
                }
                Judgement::Split(entity, alias) => {
                    for id in self.by_alias(&entity) {
                        let holds = self.entities[id as usize]
                            .aliases
                            .keys()
                            .any(|a| tokens(a) == tokens(&alias));
                        let named = tokens(&self.entities[id as usize].name) == tokens(&entity);
                        if holds && (named || self.entities[id as usize].aliases.len() > 1) {
                            self.split(id, &alias);
                        }
                    }
                }
                Judgement::NotSame(..) => {}
            }
        }
    }

    /// Entities a user query may mean, best first: exact folded alias, then name keys
    /// (transliteration, phonetics, acronyms), then token prefixes.
    pub fn lookup(&self, query: &str) -> Vec<EntityId> {
        let q = Name::parse(query, NameKind::Other);
        if q.is_empty() {
            return Vec::new();
        }
        let mut scored: HashMap<EntityId, f32> = HashMap::new();
        let bump = |id: EntityId, s: f32, scored: &mut HashMap<EntityId, f32>| {
            let v = scored.entry(self.canonical(id)).or_insert(0.0);
            *v = v.max(s);
        };
        for &id in self.alias_index.get(&q.joined()).into_iter().flatten() {
            bump(id, 2.0, &mut scored);
        }
        for id in self.candidates(std::slice::from_ref(&q)) {
            let e = &self.entities[id as usize];
            let s = e
                .names()
                .iter()
                .map(|n| {
                    if is_short_form(&q, n) {
                        THRESHOLD
                    } else {
                        score(&q, n)
                    }
                })
                .fold(0.0f32, f32::max);
            if s >= THRESHOLD - 0.1 {
                bump(id, 1.0 + s, &mut scored);
            }
        }
        // prefixes of the last query token, spelled or skeletal: "mott" finds "Mottaki"
        if let (Some(t), Some(sk)) = (q.tokens.last(), q.skels.last()) {
            if t.len() >= 3 {
                for p in [t, sk] {
                    for (_, ids) in self
                        .token_index
                        .range(p.clone()..)
                        .take_while(|(k, _)| k.starts_with(p.as_str()))
                        .take(64)
                    {
                        for &id in ids {
                            bump(id, 0.5, &mut scored);
                        }
                    }
                }
            }
        }
        let mut out: Vec<(f32, u64, EntityId)> = scored
            .into_iter()
            .map(|(id, s)| (s, self.entities[id as usize].mentions, id))
            .collect();
        out.sort_by(|a, b| b.0.total_cmp(&a.0).then(b.1.cmp(&a.1)).then(a.2.cmp(&b.2)));
        out.into_iter().map(|x| x.2).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::judgements::Judgements;
    use dossier_core::{DocId, Mention, Span};

    fn doc(id: &str, text: &str, names: &[(&str, EntityType)]) -> Document {
        let mut d = Document {
            id: DocId(id.into()),
            text: text.to_string(),
            ..Default::default()
        };
        let mut from = 0;
        for (n, label) in names {
            let at = text[from..].find(n).expect("name in text") + from;
            d.mentions.push(Mention {
                span: Span::new(at, at + n.len()),
                label: *label,
                score: 1.0,
            });
            from = at + n.len();
        }
        d
    }

    fn corpus(r: &mut Resolver) -> Vec<Resolution> {
        use EntityType::*;
        vec![
            r.resolve(&doc(
                "d1",
                "Colonel Moammar Gadhafi spoke in Tripoli. Gadhafi warned NATO. Jeb Bush replied.",
                &[("Colonel Moammar Gadhafi", PER), ("Tripoli", LOC), ("Gadhafi", PER), ("NATO", ORG), ("Jeb Bush", PER)],
            )),
            r.resolve(&doc(
                "d2",
                "Muammar Qaddafi met the North Atlantic Treaty Organization envoy. Qaddafi left. George Bush spoke.",
                &[("Muammar Qaddafi", PER), ("North Atlantic Treaty Organization", ORG), ("Qaddafi", PER), ("George Bush", PER)],
            )),
            r.resolve(&doc("d3", "Kadhafi said no.", &[("Kadhafi", PER)])),
        ]
    }

    #[test]
    fn lone_words_and_named_after_entities_stay_apart() {
        let mut r = Resolver::default();
        let a = r.resolve(&doc(
            "a",
            "The United States and the U.S. Treasury.",
            &[
                ("United States", EntityType::LOC),
                ("U.S.", EntityType::LOC),
            ],
        ));
        let b = r.resolve(&doc(
            "b",
            "Libor rose. US Sprint fell.",
            &[("Libor", EntityType::ORG), ("US Sprint", EntityType::ORG)],
        ));
        let c = r.resolve(&doc("c", "Labour won.", &[("Labour", EntityType::ORG)]));
        assert_ne!(b.entity[0], c.entity[0], "one word, another word");
        assert_ne!(a.entity[1], b.entity[1], "a company named after a country");
        assert_eq!(r.get(a.entity[0].unwrap()).unwrap().name, "United States");
    }

    #[test]
    fn a_country_takes_only_its_listed_names() {
        use EntityType::*;
        let mut r = Resolver::default();
        let a = r.resolve(&doc(
            "a",
            "Procter sells Spic and Span. Iran said so, Irna reported.",
            &[("Span", ORG), ("Iran", LOC), ("Irna", ORG)],
        ));
        let b = r.resolve(&doc(
            "b",
            "Spain and Spanish banks. Irna said. Iranian oil.",
            &[
                ("Spain", LOC),
                ("Spanish", MISC),
                ("Irna", ORG),
                ("Iranian", MISC),
            ],
        ));
        assert_ne!(a.entity[0], b.entity[0], "a typo variant of a country");
        assert_ne!(a.entity[1], a.entity[2], "a short word one swap away");
        assert_eq!(a.entity[2], b.entity[2], "the same word again");
        assert_eq!(a.entity[1], b.entity[3], "a demonym is its country");
        let c = r.resolve(&doc(
            "c",
            "Trucks for Central and South America.",
            &[("South America", LOC)],
        ));
        let d = r.resolve(&doc("d", "South Africa said.", &[("South Africa", LOC)]));
        assert_ne!(c.entity[0], d.entity[0]);
    }

    #[test]
    fn a_place_spelt_like_a_surname_is_not_the_person() {
        use EntityType::*;
        let (place, person) = (
            Name::parse("Bristol", NameKind::Place),
            Name::parse("Bristow", NameKind::Person),
        );
        // alike enough to join were both people
        assert!(
            score(&place, &person) >= LONE_WORD,
            "{}",
            score(&place, &person)
        );
        let mut r = Resolver::default();
        let a = r.resolve(&doc(
            "a",
            "Sam Bristow spoke. Bristow left.",
            &[("Sam Bristow", PER), ("Bristow", PER)],
        ));
        let b = r.resolve(&doc("b", "Bristol voted.", &[("Bristol", LOC)]));
        assert_ne!(a.entity[1], b.entity[0]);
        let c = r.resolve(&doc("c", "Bristow won.", &[("Bristow", ORG)]));
        assert_eq!(a.entity[1], c.entity[0], "the same word typed another way");
        let d = r.resolve(&doc("d", "The vote of Bristow.", &[("of Bristow", ORG)]));
        assert_eq!(a.entity[1], d.entity[0], "a particle swept in");
    }

    #[test]
    fn a_demonym_alone_finds_its_country_named_otherwise() {
        use EntityType::*;
        let mut r = Resolver::default();
        let a = r.resolve(&doc("a", "U.S. rates rose.", &[("U.S.", LOC)]));
        let b = r.resolve(&doc("b", "American banks fell.", &[("American", MISC)]));
        assert_eq!(a.entity[0], b.entity[0]);
        assert_eq!(r.entities().count(), 1);
    }

    #[test]
    fn an_acronym_spelt_out_one_way_is_not_another_name() {
        use EntityType::*;
        let mut r = Resolver::default();
        let a = r.resolve(&doc(
            "a",
            "The European Community (EC) met. The EC agreed.",
            &[("European Community", ORG), ("EC", ORG)],
        ));
        let b = r.resolve(&doc(
            "b",
            "Its Executive Commission said.",
            &[("Executive Commission", ORG)],
        ));
        assert_ne!(a.entity[0], b.entity[0]);
        let c = r.resolve(&doc(
            "c",
            "Coffee talks: an ICO board meets.",
            &[("ICO", ORG)],
        ));
        let d = r.resolve(&doc(
            "d",
            "The International Cocoa Organization (ICCO) set limits.",
            &[("International Cocoa Organization", ORG)],
        ));
        assert_ne!(c.entity[0], d.entity[0], "the text gave it another acronym");
        let e = r.resolve(&doc(
            "e",
            "The Union of Workers met.",
            &[("Union of Workers", ORG)],
        ));
        let f = r.resolve(&doc("f", "The UW said.", &[("UW", ORG)]));
        assert_eq!(
            e.entity[0], f.entity[0],
            "an acronym of the initials still joins"
        );
    }

    #[test]
    fn variants_meet_across_documents() {
        let mut r = Resolver::default();
        let res = corpus(&mut r);
        let g1 = res[0].entity[0].unwrap();
        assert_eq!(res[0].entity[2], Some(g1));
        assert_eq!(res[1].entity[0], Some(g1));
        assert_eq!(res[1].entity[2], Some(g1));
        assert_eq!(res[2].entity[0], Some(g1));
        assert_eq!(res[0].entity[3], res[1].entity[1], "acronym and expansion");
        assert_ne!(res[0].entity[4], res[1].entity[3], "two Bushes");
        let e = r.get(g1).unwrap();
        assert_eq!(e.documents.len(), 3);
        assert!(e.roles.contains_key("colonel"));
        assert_eq!(e.name, "Moammar Gadhafi");
        assert_eq!(r.lookup("qadhafi").first(), Some(&g1));
        assert_eq!(r.lookup("GADDAFI").first(), Some(&g1));
        assert_eq!(r.lookup("Muam").first(), Some(&g1));
    }

    #[test]
    fn judgements_survive_a_rerun() {
        let j = Judgements::parse("merge\tJeb Bush\tGeorge Bush\nnot-same\tGadhafi\tKadhafi\n")
            .unwrap();
        let mut r = Resolver::new(j.clone());
        let res = corpus(&mut r);
        assert_eq!(
            r.canonical(res[0].entity[4].unwrap()),
            r.canonical(res[1].entity[3].unwrap())
        );
        assert_ne!(res[2].entity[0], res[0].entity[0]);
        // a fresh run over the same documents gives the same answer
        let mut r2 = Resolver::new(j);
        let res2 = corpus(&mut r2);
        assert!(res2[2].entity[0].is_some());
        assert_ne!(res2[2].entity[0], res2[0].entity[0]);
    }

    #[test]
    fn split_takes_an_alias_away() {
        let j = Judgements::parse("split\tMoammar Gadhafi\tKadhafi\n").unwrap();
        let mut r = Resolver::new(j);
        let res = corpus(&mut r);
        let g = r.canonical(res[0].entity[0].unwrap());
        assert!(!r.get(g).unwrap().aliases.contains_key("Kadhafi"));
        assert_ne!(r.canonical(res[2].entity[0].unwrap()), g);
    }

    #[test]
    fn not_same_inside_a_document_separates() {
        let j = Judgements::parse("not-same\tMoammar Gadhafi\tGadhafi\n").unwrap();
        let mut r = Resolver::new(j);
        let res = corpus(&mut r);
        assert_ne!(res[0].entity[0], res[0].entity[2]);
    }

    #[test]
    fn split_inside_a_document_keeps_the_rest() {
        let j = Judgements::parse("split\tMoammar Gadhafi\tGadhafi\n").unwrap();
        let mut r = Resolver::new(j);
        let res = corpus(&mut r);
        let g = r.canonical(res[0].entity[0].unwrap());
        assert_ne!(
            res[0].entity[2].map(|e| r.canonical(e)),
            Some(g),
            "the split alias left"
        );
        assert_eq!(
            res[1].entity[0].map(|e| r.canonical(e)),
            Some(g),
            "the other names stayed"
        );
        assert!(!r.get(g).unwrap().aliases.contains_key("Gadhafi"));
    }

    #[test]
    fn a_surname_alone_finds_its_one_full_name() {
        use EntityType::*;
        let mut r = Resolver::default();
        let early = r.resolve(&doc("a", "Trump said no.", &[("Trump", PER)]));
        let full = r.resolve(&doc("b", "Donald Trump spoke.", &[("Donald Trump", PER)]));
        let later = r.resolve(&doc("c", "Trump left.", &[("Trump", PER)]));
        let id = r.canonical(full.entity[0].unwrap());
        assert_eq!(r.canonical(later.entity[0].unwrap()), id);
        assert_eq!(
            r.canonical(early.entity[0].unwrap()),
            id,
            "the bare entity folds in"
        );
        assert_eq!(r.get(id).unwrap().name, "Donald Trump");
        // two people of one surname: a surname alone stays apart from both
        r.resolve(&doc("d", "Jeb Bush spoke.", &[("Jeb Bush", PER)]));
        r.resolve(&doc("e", "George Bush spoke.", &[("George Bush", PER)]));
        let bush = r.resolve(&doc("f", "Bush left.", &[("Bush", PER)]));
        let e = r.get(bush.entity[0].unwrap()).unwrap();
        assert_eq!(e.name, "Bush");
    }

    #[test]
    fn a_surname_typed_as_a_place_finds_the_person_the_corpus_names_far_more_often() {
        use EntityType::*;
        let mut r = Resolver::default();
        let mira = r.resolve(&doc(
            "m",
            "Mira Quux spoke. Quux smiled.",
            &[("Mira Quux", PER), ("Quux", PER)],
        ));
        for i in 0..8 {
            r.resolve(&doc(
                &format!("j{i}"),
                "Jon Quux spoke. Quux left.",
                &[("Jon Quux", PER), ("Quux", PER)],
            ));
        }
        let place = r.resolve(&doc("x", "Quux said no.", &[("Quux", LOC)]));
        let e = r.get(place.entity[0].unwrap()).unwrap();
        assert_eq!(e.name, "Jon Quux");
        assert_ne!(
            r.canonical(place.entity[0].unwrap()),
            r.canonical(mira.entity[0].unwrap())
        );
    }

    #[test]
    fn an_honorific_finds_the_person_of_its_sex() {
        use EntityType::*;
        let mut r = Resolver::default();
        let peter = r.resolve(&doc("a", "Peter Varga spoke.", &[("Peter Varga", PER)]));
        let peter = r.canonical(peter.entity[0].unwrap());
        let mrs = r.resolve(&doc("b", "Mrs. Varga said no.", &[("Varga", PER)]));
        assert_ne!(r.canonical(mrs.entity[0].unwrap()), peter);
        // the woman named in full later takes the entity of "Mrs. Varga"
        let anna = r.resolve(&doc("c", "Anna Varga spoke.", &[("Anna Varga", PER)]));
        let anna = r.canonical(anna.entity[0].unwrap());
        assert_ne!(anna, peter);
        assert_eq!(r.canonical(mrs.entity[0].unwrap()), anna);
        let mr = r.resolve(&doc("d", "Mr. Varga left.", &[("Varga", PER)]));
        assert_eq!(r.canonical(mr.entity[0].unwrap()), peter);
        let ms = r.resolve(&doc("e", "Ms. Varga left.", &[("Varga", PER)]));
        assert_eq!(r.canonical(ms.entity[0].unwrap()), anna);
    }

    #[test]
    fn a_surname_alone_finds_the_full_name_the_corpus_names_far_more_often() {
        use EntityType::*;
        let mut r = Resolver::default();
        r.resolve(&doc("m", "Mira Quux spoke.", &[("Mira Quux", PER)]));
        for i in 0..8 {
            r.resolve(&doc(
                &format!("j{i}"),
                "Jon Quux spoke.",
                &[("Jon Quux", PER)],
            ));
        }
        let bare = r.resolve(&doc("x", "Quux left.", &[("Quux", PER)]));
        let e = r.get(bare.entity[0].unwrap()).unwrap();
        assert_eq!(e.name, "Jon Quux");
        // alike in weight: the surname alone stays apart
        let mut r = Resolver::default();
        for i in 0..8 {
            let id = format!("j{i}");
            r.resolve(&doc(&id, "Jon Quux spoke.", &[("Jon Quux", PER)]));
        }
        for i in 0..5 {
            let id = format!("m{i}");
            r.resolve(&doc(&id, "Mira Quux spoke.", &[("Mira Quux", PER)]));
        }
        let bare = r.resolve(&doc("y", "Quux left.", &[("Quux", PER)]));
        assert_eq!(r.get(bare.entity[0].unwrap()).unwrap().name, "Quux");
    }

    #[test]
    fn a_given_name_spelt_like_a_particle_opens_a_full_name() {
        use EntityType::*;
        let mut r = Resolver::default();
        let full = r.resolve(&doc("a", "Ben Quux spoke.", &[("Ben Quux", PER)]));
        let id = r.canonical(full.entity[0].unwrap());
        // the surname alone, often, beside the full name once: the person named in full
        let text = "Ben Quux came. Quux left. Quux won. Quux spoke.";
        let mixed = r.resolve(&doc(
            "b",
            text,
            &[
                ("Ben Quux", PER),
                ("Quux", PER),
                ("Quux", PER),
                ("Quux", PER),
            ],
        ));
        assert_eq!(r.canonical(mixed.entity[0].unwrap()), id);
        let later = r.resolve(&doc("c", "Ben Quux left.", &[("Ben Quux", PER)]));
        assert_eq!(r.canonical(later.entity[0].unwrap()), id);
        assert_eq!(r.get(id).unwrap().name, "Ben Quux");
    }

    #[test]
    fn a_hyphenated_surname_alone_finds_its_one_full_name() {
        use EntityType::*;
        let mut r = Resolver::default();
        let early = r.resolve(&doc(
            "a",
            "Leigh-Pemberton said no.",
            &[("Leigh-Pemberton", PER)],
        ));
        let full = r.resolve(&doc(
            "b",
            "Robin Leigh-Pemberton spoke.",
            &[("Robin Leigh-Pemberton", PER)],
        ));
        let later = r.resolve(&doc(
            "c",
            "Leigh-Pemberton left.",
            &[("Leigh-Pemberton", PER)],
        ));
        let id = r.canonical(full.entity[0].unwrap());
        assert_eq!(r.canonical(later.entity[0].unwrap()), id);
        assert_eq!(r.canonical(early.entity[0].unwrap()), id);
        // and within one document
        let one = r.resolve(&doc(
            "d",
            "Jane Smith-Jones spoke. Smith-Jones left.",
            &[("Jane Smith-Jones", PER), ("Smith-Jones", PER)],
        ));
        assert_eq!(one.entity[0], one.entity[1]);
    }

    #[test]
    fn case_variants_are_one_name_and_the_type_is_voted() {
        use EntityType::*;
        let mut r = Resolver::default();
        let a = r.resolve(&doc(
            "a",
            "Covid-19 spread. NATO met.",
            &[("Covid-19", MISC), ("NATO", ORG)],
        ));
        let b = r.resolve(&doc(
            "b",
            "COVID-19 spread. NATO agreed.",
            &[("COVID-19", MISC), ("NATO", LOC)],
        ));
        let c = r.resolve(&doc("c", "NATO spoke.", &[("NATO", ORG)]));
        assert_eq!(a.entity[0], b.entity[0]);
        assert_eq!(a.entity[1], b.entity[1]);
        assert_eq!(a.entity[1], c.entity[0]);
        assert_eq!(r.get(a.entity[1].unwrap()).unwrap().label, Some(ORG));
    }

    #[test]
    fn serialises() {
        let mut r = Resolver::default();
        corpus(&mut r);
        let s = serde_json::to_string(&r).unwrap();
        let back: Resolver = serde_json::from_str(&s).unwrap();
        assert_eq!(back.entities().count(), r.entities().count());
    }
}
