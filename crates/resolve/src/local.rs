//! Within one document: mentions of the same name grouped into local entities. Full names and
//! their variants join; a short form ("Schroeder") joins the one full name it can belong to and
//! stays alone when two could claim it; acronyms defined in the text ("North Atlantic Treaty
//! Organization (NATO)") join their long form; country names, demonyms and capitals used as actors
//! join their country.

use std::collections::{BTreeMap, HashMap};

use dossier_core::{Document, EntityType, Span};
use serde::{Deserialize, Serialize};

use crate::matcher::{is_short_form, score, THRESHOLD};
use crate::names::{acronym_form, tokens, Name, NameKind, TokenClass};
use crate::places::{places, PlaceUse};
use crate::sex::{self, Sex};

/// A group of mentions of one entity within a document.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LocalEntity {
    pub label: EntityType,
    /// The most complete form used in the document, titles removed.
    pub name: String,
    /// Indices into `Document::mentions`.
    pub mentions: Vec<u32>,
    /// Surface forms (titles removed) with their counts.
    pub aliases: BTreeMap<String, u32>,
    /// Forms written with a title before the name ("Mullah Omar", "Sheikh Hasina"), shown with
    /// the aliases but never matched: the matcher compares the names without titles.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub titled: BTreeMap<String, u32>,
    /// Roles and titles attached to the mentions ("foreign minister", "president").
    pub roles: BTreeMap<String, u32>,
    /// Acronyms the document defines for it.
    pub acronyms: Vec<String>,
    /// Set when the name is a country-level actor of the place list (canonical country name).
    pub place: Option<String>,
    /// A short form that two full names of the document could claim: kept alone, never merged.
    pub ambiguous: bool,
    /// A person's sex when the mentions say it (an honorific, a given name) and do not disagree:
    /// across documents it keeps "Mrs. Clinton" from "Bill Clinton".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sex: Option<Sex>,
}

impl LocalEntity {
    /// The parsed canonical name.
    pub fn parsed(&self) -> Name {
        Name::parse(&self.name, NameKind::of_type(self.label))
    }
}

/// A surface without the titles at its edges: "President Gerhard Schroeder" -> "Gerhard Schroeder".
pub fn strip_titles(surface: &str, kind: NameKind) -> &str {
    let n = Name::parse(surface, kind);
    if n.titles.is_empty() {
        return surface.trim();
    }
    // drop whole words from the front and back while the rest still parses to the same tokens
    let words: Vec<(usize, &str)> = surface
        .split_whitespace()
        .map(|w| (w.as_ptr() as usize - surface.as_ptr() as usize, w))
        .collect();
    let want = n.tokens.join(" ");
    let (mut lo, mut hi) = (0, words.len());
    let text_of = |lo: usize, hi: usize| -> &str {
        if lo >= hi {
            return "";
        }
        let (s, _) = words[lo];
        let (e, w) = words[hi - 1];
        &surface[s..e + w.len()]
    };
    while lo + 1 < hi && tokens(text_of(lo + 1, hi)).join(" ").contains(&want) {
        lo += 1;
    }
    while lo + 1 < hi && tokens(text_of(lo, hi - 1)).join(" ").contains(&want) {
        hi -= 1;
    }
    text_of(lo, hi).trim_matches(|c: char| !c.is_alphanumeric() && c != '.' && c != ')')
}

/// Honorifics that go with a name as it is called ("Mullah Omar", "Sheikh Hasina"), unlike an
/// office ("President Biden"), which stays a role only.
const HONORIFICS: [&str; 16] = [
    "mullah",
    "mulla",
    "maulvi",
    "maulana",
    "mawlawi",
    "mufti",
    "sheikh",
    "shaikh",
    "sheik",
    "shaykh",
    "hajji",
    "haji",
    "imam",
    "ayatollah",
    "hojatoleslam",
    "sayyid",
];

/// The form of mention `i` with the one-word title written before its name, inside the
/// mention ("Chancellor Gerhard Schroeder", tagged whole) or as an honorific role right before
/// it ("Mullah [Mohammad Omar]"), when stripping the title gives `bare`.
fn titled_form(doc: &Document, i: usize, raw: &str, bare: &str, kind: NameKind) -> Option<String> {
    let one_word_title = |form: &str| {
        let extra = form.len().saturating_sub(bare.len());
        form.ends_with(bare) && !form[..extra].trim().contains(char::is_whitespace)
    };
    let raw = raw.trim();
    if raw != bare {
        return one_word_title(raw).then(|| raw.to_string());
    }
    let m = &doc.mentions[i];
    let role = doc.roles.iter().find(|r| {
        r.mention as usize == i
            && r.span.end < m.span.start
            && HONORIFICS.contains(&r.value.as_str())
    })?;
    let gap = doc
        .text
        .get(role.span.end as usize..m.span.start as usize)?;
    let form = doc
        .text
        .get(role.span.start as usize..m.span.end as usize)?;
    (gap == " " && one_word_title(form) && strip_titles(form, kind) == bare)
        .then(|| form.to_string())
}

/// Acronyms the text defines right after a span: "Name (ACR)", "Name, ACR", "Name, ACR (ACR2)".
fn acronyms_after(text: &str, span: Span) -> Vec<String> {
    let rest = text.get(span.end as usize..).unwrap_or("");
    let rest = &rest[..rest.char_indices().nth(48).map_or(rest.len(), |(i, _)| i)];
    let mut out = Vec::new();
    let mut s = rest.trim_start();
    let mut open = false;
    if let Some(r) = s.strip_prefix('(') {
        s = r.trim_start();
        open = true;
    } else if let Some(r) = s.strip_prefix(',') {
        s = r.trim_start();
    } else {
        return out;
    }
    let word_end = s
        .find(|c: char| c.is_whitespace() || c == ')' || c == ',' || c == '(')
        .unwrap_or(s.len());
    let w = &s[..word_end];
    if acronym_form(w).is_none() {
        return out;
    }
    out.push(w.to_string());
    s = s[word_end..].trim_start();
    if open {
        return out;
    }
    if let Some(r) = s.strip_prefix('(') {
        let r = r.trim_start();
        let end = r.find(')').unwrap_or(0);
        let inner = r[..end].trim();
        if acronym_form(inner).is_some() {
            out.push(inner.to_string());
        }
    }
    out
}

/// True when the acronym `acr` that [`acronyms_after`] found after `span` is in brackets or
/// followed by punctuation or the end of the text, not by another word.
fn set_off(text: &str, span: Span, acr: &str) -> bool {
    let rest = text.get(span.end as usize..).unwrap_or("").trim_start();
    if rest.starts_with('(') {
        return true;
    }
    let after = rest
        .find(acr)
        .map_or("", |at| rest[at + acr.len()..].trim_start());
    !after.starts_with(|c: char| c.is_alphanumeric())
}

/// Clusters of mentions, each with what its mentions say of a person's sex (male, female).
struct Find {
    parent: Vec<usize>,
    sex: Vec<(bool, bool)>,
}

impl Find {
    fn root(&mut self, mut x: usize) -> usize {
        while self.parent[x] != x {
            self.parent[x] = self.parent[self.parent[x]];
            x = self.parent[x];
        }
        x
    }
    fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.root(a), self.root(b));
        if ra != rb {
            // the lower index (earlier mention) stays root so clusters are ordered by first mention
            let (lo, hi) = if ra < rb { (ra, rb) } else { (rb, ra) };
            self.parent[hi] = lo;
            self.sex[lo].0 |= self.sex[hi].0;
            self.sex[lo].1 |= self.sex[hi].1;
        }
    }
    /// Whether the clusters of `a` and `b` name a man and a woman ("Mrs. Clinton", "Bill Clinton").
    fn clash(&mut self, a: usize, b: usize) -> bool {
        let (ra, rb) = (self.root(a), self.root(b));
        ra != rb && sex::clash(self.sex[ra], self.sex[rb])
    }
}

/// Two clusters may join when no longer name of one contradicts one of the other: a one-word
/// form that matches two others only loosely ("Chris" is spelt close to "Cruz") does not chain
/// "Chris Christie" and "Ted Cruz" into one person.
fn joinable(uf: &mut Find, names: &[Name], reps: &[usize], i: usize, j: usize) -> bool {
    if names[i].tokens.len() >= 2 && names[j].tokens.len() >= 2 {
        return true;
    }
    let (ri, rj) = (uf.root(i), uf.root(j));
    if ri == rj {
        return true;
    }
    let mut long_i: Vec<usize> = Vec::new();
    let mut long_j: Vec<usize> = Vec::new();
    for &k in reps {
        if names[k].tokens.len() >= 2 {
            let r = uf.root(k);
            if r == ri {
                long_i.push(k);
            } else if r == rj {
                long_j.push(k);
            }
        }
    }
    long_i.iter().all(|&a| {
        long_j
            .iter()
            .all(|&b| score(&names[a], &names[b]) >= THRESHOLD)
    })
}

/// Two one-word names spelt differently ("Chris", "Cruz") that would match only by their
/// skeletons, while a longer name of the document could claim one of them: each joins its own
/// longer name below instead ("Chris Christie", "Ted Cruz").
fn loose_pair(names: &[Name], reps: &[usize], i: usize, j: usize) -> bool {
    names[i].tokens.len() == 1
        && names[j].tokens.len() == 1
        && names[i].tokens != names[j].tokens
        && reps.iter().any(|&k| {
            names[k].tokens.len() >= 2
                && (is_short_form(&names[i], &names[k]) || is_short_form(&names[j], &names[k]))
        })
}

/// Of the clusters whose longer names could claim one short form (`owners`, by their roots),
/// the article's principal: news names a second person of the same surname in full each time
/// ("her husband, Bill Roe"), the principal by the surname alone. The principal is named first
/// and in full at least twice as often as any other, with the short form's word spelt alike
/// in its name ("Chris" as a spelling of "Cruz" never counts); else there is none.
fn principal(uf: &mut Find, names: &[Name], short: usize, owners: &[usize]) -> Option<usize> {
    let mut full = vec![0usize; owners.len()];
    let mut spelt = vec![false; owners.len()];
    for j in 0..names.len() {
        if names[j].tokens.len() >= 2 {
            let r = uf.root(j);
            if let Some(k) = owners.iter().position(|&o| o == r) {
                full[k] += 1;
                spelt[k] |= names[short]
                    .tokens
                    .iter()
                    .all(|t| names[j].tokens.contains(t));
            }
        }
    }
    // a cluster's root is its first mention
    let first = (0..owners.len()).min_by_key(|&k| owners[k])?;
    let others = (0..owners.len())
        .filter(|&k| k != first)
        .map(|k| full[k])
        .max()
        .unwrap_or(0);
    (spelt[first] && full[first] >= 2 * others.max(1)).then_some(owners[first])
}

/// True when the mention acts in the document: it speaks a quote, is an event's source, or is the
/// subject of a following verb ("Washington said").
fn acts(doc: &Document, mi: usize) -> bool {
    let m = &doc.mentions[mi];
    if doc
        .quotes
        .iter()
        .any(|q| q.speaker_mention == Some(mi as u32))
    {
        return true;
    }
    // Only as an event's source: a place is often a target or a modifier the coder took for one
    // ("agreed to the Doha accord", "withdrew from Kabul"), an actor is the one who acts.
    if doc.events.iter().any(|e| {
        e.source
            .as_ref()
            .is_some_and(|a| a.mention == Some(mi as u32))
    }) {
        return true;
    }
    const VERBS: [&str; 24] = [
        "said",
        "says",
        "say",
        "has",
        "have",
        "had",
        "is",
        "was",
        "will",
        "would",
        "wants",
        "wanted",
        "warned",
        "warns",
        "announced",
        "announces",
        "urged",
        "urges",
        "demanded",
        "rejected",
        "accused",
        "agreed",
        "refused",
        "called",
    ];
    // the other side of a relation or the one addressed is a government too ("relations with
    // Washington", "left behind by Washington", "warned Washington"); "in Washington" is the city
    const BEFORE: [&str; 14] = [
        "with",
        "by",
        "against",
        "warned",
        "urged",
        "told",
        "accused",
        "asked",
        "pressed",
        "blamed",
        "criticised",
        "criticized",
        "condemned",
        "between",
    ];
    let before = doc.text.get(..m.span.start as usize).unwrap_or("");
    let prev: String = before
        .trim_end()
        .chars()
        .rev()
        .take_while(|c| c.is_alphabetic())
        .collect::<String>()
        .chars()
        .rev()
        .collect::<String>()
        .to_lowercase();
    if BEFORE.contains(&prev.as_str()) {
        return true;
    }
    let rest = doc.text.get(m.span.end as usize..).unwrap_or("");
    let next: String = rest
        .trim_start()
        .chars()
        .take_while(|c| c.is_alphabetic())
        .collect::<String>()
        .to_lowercase();
    VERBS.contains(&next.as_str())
}

/// Groups the mentions of a document into local entities, in order of first mention.
pub fn local_entities(doc: &Document) -> Vec<LocalEntity> {
    let n = doc.mentions.len();
    let mut names: Vec<Name> = Vec::with_capacity(n);
    let mut surfaces: Vec<&str> = Vec::with_capacity(n);
    let mut titled: Vec<Option<String>> = Vec::with_capacity(n);
    let mut place: Vec<Option<&'static str>> = vec![None; n];
    for (i, m) in doc.mentions.iter().enumerate() {
        let kind = NameKind::of_type(m.label);
        let raw = doc.span_text(m.span);
        let s = strip_titles(raw, kind);
        titled.push(titled_form(doc, i, raw, s, kind));
        surfaces.push(s);
        names.push(Name::parse(raw, kind));
        place[i] = match places().lookup(&names[i]) {
            Some((p, PlaceUse::Capital)) if m.label != EntityType::LOC || acts(doc, i) => Some(p),
            Some((_, PlaceUse::Capital)) => None,
            Some((p, _)) => Some(p),
            None => None,
        };
    }
    // a country's name typed as a person and part of a person's longer name in the text is
    // that person's ("Chad Roe" ... "Chad said"); a tagger's person alone is still the country
    for i in 0..n {
        let short = doc.mentions[i].label == EntityType::PER && names[i].tokens.len() == 1;
        if short && place[i].is_some() {
            let word = &names[i].tokens[0];
            let named = (0..n).any(|j| {
                doc.mentions[j].label == EntityType::PER
                    && names[j].tokens.len() >= 2
                    && names[j].tokens.contains(word)
            });
            if named {
                place[i] = None;
            }
        }
    }
    // an acronym the text spells out as another name is that name, not the listed actor of the
    // same letters ("the Institute for Science and International Security (ISIS)")
    let mut redefined: Vec<String> = Vec::new();
    for i in (0..n).filter(|&i| place[i].is_none()) {
        for a in acronyms_after(&doc.text, doc.mentions[i].span) {
            let explains = score(&Name::parse(&a, NameKind::Org), &names[i]) >= THRESHOLD;
            if let Some(letters) = acronym_form(&a).filter(|_| explains) {
                redefined.push(letters);
            }
        }
    }
    for i in 0..n {
        if names[i]
            .acronym
            .as_ref()
            .is_some_and(|a| redefined.contains(a))
        {
            place[i] = None;
        }
    }
    // what each person's mention says of the sex: an honorific before it or in it, a given name
    let mention_sex: Vec<Option<Sex>> = (0..n)
        .map(|i| {
            let m = &doc.mentions[i];
            (m.label == EntityType::PER)
                .then(|| sex::before(&doc.text, m.span.start as usize).or(sex::of_name(&names[i])))
                .flatten()
        })
        .collect();
    let mut uf = Find {
        parent: (0..n).collect(),
        sex: mention_sex
            .iter()
            .map(|s| (*s == Some(Sex::Male), *s == Some(Sex::Female)))
            .collect(),
    };
    // same surface form, same label, same honorific's sex ("Mr. Roe" and "Mrs. Roe" are two);
    // and one place actor per country
    let mut by_form: HashMap<(String, EntityType, Option<Sex>), usize> = HashMap::new();
    let mut by_place: HashMap<&str, usize> = HashMap::new();
    for i in 0..n {
        if names[i].is_empty() {
            continue;
        }
        if let Some(p) = place[i] {
            let j = *by_place.entry(p).or_insert(i);
            uf.union(i, j);
            continue;
        }
        let j = *by_form
            .entry((names[i].joined(), doc.mentions[i].label, mention_sex[i]))
            .or_insert(i);
        uf.union(i, j);
    }
    // distinct forms, compared pairwise (a document has few distinct names)
    let reps: Vec<usize> = by_form
        .values()
        .copied()
        .filter(|&i| place[i].is_none())
        .collect();
    let mut reps = reps;
    reps.sort_unstable();
    for (x, &i) in reps.iter().enumerate() {
        for &j in &reps[x + 1..] {
            // an acronym against a spelt-out name waits for the text's own definitions below
            if doc.mentions[i].label == doc.mentions[j].label
                && names[i].acronym.is_some() == names[j].acronym.is_some()
                && score(&names[i], &names[j]) >= THRESHOLD
                && !(doc.mentions[i].label == EntityType::PER && loose_pair(&names, &reps, i, j))
                && joinable(&mut uf, &names, &reps, i, j)
                && !uf.clash(i, j)
            {
                uf.union(i, j);
            }
        }
    }
    // acronyms defined in the text; the long form may have been found as two mentions joined by
    // "in" or "of" ("<Org> in <Region> (ACR)"), which then count as one name
    let mut acr_of: HashMap<String, usize> = HashMap::new();
    let mut defined: HashMap<usize, Vec<String>> = HashMap::new();
    for i in 0..n {
        let found = acronyms_after(&doc.text, doc.mentions[i].span);
        let Some(first) = found.first() else { continue };
        let acr = Name::parse(first, NameKind::Org);
        let explains = |name: &Name| score(&acr, name) >= THRESHOLD;
        // An acronym that does not spell the name's initials (a name translated: "the
        // Revolutionary Armed Forces of Colombia, FARC (FARC-EP)") is defined only when it
        // stands alone, in brackets or between punctuation: "the Super Bowl, ABC moderator
        // David Muir" names two things.
        let alone = set_off(&doc.text, doc.mentions[i].span, first);
        let mut ok = explains(&names[i]) || (alone && names[i].tokens.len() >= 2);
        if !explains(&names[i]) && i > 0 {
            let (a, b) = (doc.mentions[i - 1].span, doc.mentions[i].span);
            let gap = doc
                .text
                .get(a.end as usize..b.start as usize)
                .unwrap_or("")
                .trim()
                .to_lowercase();
            if a.end <= b.start && matches!(gap.as_str(), "in" | "of" | "of the" | "in the" | "for")
            {
                let joined = doc.text.get(a.start as usize..b.end as usize).unwrap_or("");
                let long = Name::parse(joined, NameKind::Org);
                if explains(&long) {
                    names[i - 1] = long.clone();
                    names[i] = long;
                    surfaces[i - 1] = joined;
                    surfaces[i] = joined;
                    uf.union(i - 1, i);
                    ok = true;
                }
            }
        }
        if !ok {
            continue;
        }
        for a in found {
            if let Some(letters) = acronym_form(&a) {
                acr_of.entry(letters).or_insert(i);
                defined.entry(i).or_default().push(a);
            }
        }
    }
    for (i, name) in names.iter().enumerate() {
        if let Some(a) = &name.acronym {
            if let Some(&j) = acr_of.get(a) {
                uf.union(i, j);
            }
        }
    }
    // an acronym the text does not define joins the one spelt-out name whose initials it is; when
    // two could claim it ("EC": European Community, Executive Commission), or the name has its
    // own different acronym in the text ("International Cocoa Organization (ICCO)" is not ICO),
    // it joins none
    for &i in &reps {
        let Some(letters) = &names[i].acronym else {
            continue;
        };
        if acr_of.contains_key(letters) {
            continue;
        }
        let mut owners: Vec<usize> = Vec::new();
        for &j in &reps {
            let own = defined.get(&j).map(|d| {
                d.iter()
                    .any(|a| acronym_form(a).as_deref() == Some(letters.as_str()))
            });
            if names[j].acronym.is_none()
                && doc.mentions[i].label == doc.mentions[j].label
                && own != Some(false)
                && score(&names[i], &names[j]) >= THRESHOLD
            {
                let r = uf.root(j);
                if !owners.contains(&r) {
                    owners.push(r);
                }
            }
        }
        if let [only] = owners[..] {
            uf.union(i, only);
        }
    }
    // short forms: a name whose content tokens all sit in longer names of one cluster only
    let mut ambiguous = vec![false; n];
    for &i in &reps {
        if doc.mentions[i].label != EntityType::PER || names[i].acronym.is_some() {
            continue;
        }
        let mut owners: Vec<usize> = Vec::new();
        for &j in &reps {
            if j != i
                && doc.mentions[j].label == EntityType::PER
                && is_short_form(&names[i], &names[j])
                && !uf.clash(i, j)
            {
                let r = uf.root(j);
                if !owners.contains(&r) {
                    owners.push(r);
                }
            }
        }
        // a longer name owned by another owner's cluster counts once
        match owners.len() {
            0 => {}
            1 if joinable(&mut uf, &names, &reps, i, owners[0]) => uf.union(i, owners[0]),
            1 => {}
            // already in one of the clusters (a nickname the first pass joined): stays there
            _ if owners.contains(&uf.root(i)) => {}
            _ => match principal(&mut uf, &names, i, &owners) {
                Some(o) => uf.union(i, o),
                None => ambiguous[i] = true,
            },
        }
    }
    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (i, name) in names.iter().enumerate() {
        if !name.is_empty() {
            groups.entry(uf.root(i)).or_default().push(i);
        }
    }
    let mut roles_of: HashMap<u32, Vec<&str>> = HashMap::new();
    for r in &doc.roles {
        roles_of
            .entry(r.mention)
            .or_default()
            .push(r.value.as_str());
    }
    let mut out = Vec::with_capacity(groups.len());
    for (root, ms) in groups {
        let mut aliases: BTreeMap<String, u32> = BTreeMap::new();
        let mut titled_forms: BTreeMap<String, u32> = BTreeMap::new();
        let mut roles: BTreeMap<String, u32> = BTreeMap::new();
        let mut labels: BTreeMap<EntityType, usize> = BTreeMap::new();
        let mut acronyms = Vec::new();
        let mut pl = None;
        for &i in &ms {
            *aliases.entry(surfaces[i].to_string()).or_default() += 1;
            if let Some(t) = &titled[i] {
                *titled_forms.entry(t.clone()).or_default() += 1;
            }
            *labels.entry(doc.mentions[i].label).or_default() += surfaces[i].len();
            for t in &names[i].titles {
                *roles.entry(t.clone()).or_default() += 1;
            }
            for r in roles_of.get(&(i as u32)).into_iter().flatten() {
                *roles.entry(r.to_string()).or_default() += 1;
            }
            if let Some(d) = defined.get(&i) {
                acronyms.extend(d.iter().cloned());
            }
            pl = pl.or(place[i]);
        }
        let voted = labels
            .iter()
            .max_by_key(|(l, c)| (**c, std::cmp::Reverse(**l)))
            .map(|(l, _)| *l)
            .unwrap_or(EntityType::MISC);
        // a name the text gives an acronym for is an organisation when any mention says so
        let label = if !acronyms.is_empty() && labels.contains_key(&EntityType::ORG) {
            EntityType::ORG
        } else {
            voted
        };
        let name = match pl {
            Some(p) => p.to_string(),
            None => best_name(&aliases, NameKind::of_type(label)),
        };
        acronyms.sort();
        acronyms.dedup();
        out.push(LocalEntity {
            // a listed name is a place unless its mentions say organisation ("NATO", "EU")
            label: if pl.is_some() && label != EntityType::ORG {
                EntityType::LOC
            } else {
                label
            },
            name,
            mentions: ms.iter().map(|&i| i as u32).collect(),
            aliases,
            titled: titled_forms,
            roles,
            acronyms,
            place: pl.map(String::from),
            ambiguous: ms.iter().all(|&i| ambiguous[i]),
            sex: match uf.sex[root] {
                (true, false) => Some(Sex::Male),
                (false, true) => Some(Sex::Female),
                _ => None,
            },
        });
    }
    out
}

/// The most complete common form. Full forms are the names that are not acronyms and have two
/// content tokens or more (one when no name has two); among those used at least a third as often
/// as the most frequent full form, the one with most content tokens wins, then the most frequent,
/// then the longest. A rare longer form (a one-off spelling, a company named after a country)
/// never names the entity; acronyms only when nothing else is known.
pub fn best_name(aliases: &BTreeMap<String, u32>, kind: NameKind) -> String {
    let ranked: Vec<(bool, usize, u32, usize, &String)> = aliases
        .iter()
        .map(|(a, c)| {
            let n = Name::parse(a, kind);
            let full = n
                .classes
                .iter()
                .filter(|c| **c != TokenClass::Particle)
                .count();
            (n.acronym.is_none() && full > 0, full.min(6), *c, a.len(), a)
        })
        .collect();
    let plain = ranked.iter().any(|r| r.0);
    let longest = ranked
        .iter()
        .filter(|r| r.0 == plain)
        .map(|r| r.1)
        .max()
        .unwrap_or(0);
    let full = |r: &&(bool, usize, u32, usize, &String)| r.0 == plain && r.1 >= longest.min(2);
    let most = ranked.iter().filter(full).map(|r| r.2).max().unwrap_or(0);
    ranked
        .iter()
        .filter(full)
        .filter(|r| r.2 * 3 >= most)
        .max_by(|x, y| (x.1, x.2, x.3).cmp(&(y.1, y.2, y.3)).then(y.4.cmp(x.4)))
        .map(|t| t.4.clone())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use dossier_core::{Mention, Role};

    pub(crate) fn doc_with(text: &str, names: &[(&str, EntityType)]) -> Document {
        let mut doc = Document {
            text: text.to_string(),
            ..Default::default()
        };
        let mut from = 0;
        for (n, label) in names {
            let at = text[from..].find(n).expect("name in text") + from;
            doc.mentions.push(Mention {
                span: Span::new(at, at + n.len()),
                label: *label,
                score: 1.0,
            });
            from = at + n.len();
        }
        doc
    }

    #[test]
    fn short_forms_join_their_full_name() {
        use EntityType::*;
        let mut doc = doc_with(
            "Chancellor Gerhard Schroeder met Jacques Chirac. Schroeder said the talks went well. Chirac agreed.",
            &[("Chancellor Gerhard Schroeder", PER), ("Jacques Chirac", PER), ("Schroeder", PER), ("Chirac", PER)],
        );
        doc.roles.push(Role {
            span: Span::new(0, 10),
            value: "chancellor".into(),
            mention: 0,
        });
        let ents = local_entities(&doc);
        assert_eq!(ents.len(), 2);
        assert_eq!(ents[0].name, "Gerhard Schroeder");
        assert_eq!(ents[0].mentions, vec![0, 2]);
        assert!(ents[0].roles.contains_key("chancellor"));
    }

    #[test]
    fn forms_with_an_honorific_are_kept_apart_from_the_aliases() {
        use EntityType::*;
        let mut doc = doc_with(
            "Mullah Karim Tarzi spoke. President Lena Voss listened. Tarzi left.",
            &[("Karim Tarzi", PER), ("Lena Voss", PER), ("Tarzi", PER)],
        );
        for (start, end, value, mention) in [(0, 6, "mullah", 0), (26, 35, "president", 1)] {
            doc.roles.push(Role {
                span: Span::new(start, end),
                value: value.into(),
                mention,
            });
        }
        let ents = local_entities(&doc);
        assert_eq!(ents[0].name, "Karim Tarzi");
        assert_eq!(ents[0].aliases.len(), 2, "{:?}", ents[0].aliases);
        assert_eq!(
            ents[0].titled.iter().collect::<Vec<_>>(),
            vec![(&"Mullah Karim Tarzi".to_string(), &1)]
        );
        // an office is a role, not a form of the name
        assert!(ents[1].titled.is_empty());
        assert!(ents[1].roles.contains_key("president"));
    }

    #[test]
    fn an_honorific_of_one_sex_never_joins_a_person_of_the_other() {
        use EntityType::*;
        // the husband alone named in full: "Mrs. Varga" is someone else
        let doc = doc_with(
            "Peter Varga arrived. Mrs. Varga said she was tired.",
            &[("Peter Varga", PER), ("Varga", PER)],
        );
        let ents = local_entities(&doc);
        assert_eq!(ents.len(), 2, "{ents:?}");
        assert_eq!(ents[0].sex, Some(Sex::Male));
        assert_eq!(ents[1].sex, Some(Sex::Female));
        // both named: each honorific finds its own
        let doc = doc_with(
            "Peter Varga and Anna Varga arrived. Mrs. Varga spoke, then Mr. Varga.",
            &[
                ("Peter Varga", PER),
                ("Anna Varga", PER),
                ("Varga", PER),
                ("Varga", PER),
            ],
        );
        let ents = local_entities(&doc);
        assert_eq!(ents.len(), 2, "{ents:?}");
        assert_eq!(ents[0].mentions, vec![0, 3]);
        assert_eq!(ents[1].mentions, vec![1, 2]);
    }

    #[test]
    fn shared_surname_stays_apart() {
        use EntityType::*;
        let doc = doc_with(
            "George Bush and Jeb Bush spoke. Bush later left.",
            &[("George Bush", PER), ("Jeb Bush", PER), ("Bush", PER)],
        );
        let ents = local_entities(&doc);
        assert_eq!(ents.len(), 3);
        assert!(ents[2].ambiguous);
    }

    #[test]
    fn shared_surname_is_the_principal_named_first_and_most() {
        use EntityType::*;
        let doc = doc_with(
            "Hanna Quux won. Hanna Quux thanked her husband, Bert Quux. Quux spoke.",
            &[
                ("Hanna Quux", PER),
                ("Hanna Quux", PER),
                ("Bert Quux", PER),
                ("Quux", PER),
            ],
        );
        let ents = local_entities(&doc);
        assert_eq!(ents.len(), 2);
        assert_eq!(ents[0].name, "Hanna Quux");
        assert_eq!(ents[0].mentions, vec![0, 1, 3]);
        // named first but not twice as often: no principal
        let doc = doc_with(
            "Hanna Quux won. Bert Quux spoke. Quux left.",
            &[("Hanna Quux", PER), ("Bert Quux", PER), ("Quux", PER)],
        );
        assert!(local_entities(&doc)[2].ambiguous);
        // a word the matcher finds close to another surname ("Chris", "Cruz") is no principal's
        let doc = doc_with(
            "Ted Cruz won. Ted Cruz thanked Chris Christie. Chris spoke.",
            &[
                ("Ted Cruz", PER),
                ("Ted Cruz", PER),
                ("Chris Christie", PER),
                ("Chris", PER),
            ],
        );
        let ents = local_entities(&doc);
        assert!(
            ents.iter()
                .all(|e| e.name != "Ted Cruz" || e.mentions == vec![0, 1]),
            "{ents:?}"
        );
    }

    #[test]
    fn a_loose_one_word_match_does_not_chain_two_people() {
        use EntityType::*;
        let doc = doc_with(
            "Ted Cruz spoke. Chris Christie said. Chris and Cruz left.",
            &[
                ("Ted Cruz", PER),
                ("Chris Christie", PER),
                ("Chris", PER),
                ("Cruz", PER),
            ],
        );
        let ents = local_entities(&doc);
        let of = |name: &str| {
            ents.iter()
                .find(|e| e.name == name)
                .map(|e| e.mentions.clone())
        };
        assert_eq!(of("Ted Cruz"), Some(vec![0, 3]), "{ents:?}");
        assert_eq!(of("Chris Christie"), Some(vec![1, 2]), "{ents:?}");
    }

    #[test]
    fn defined_acronyms_join() {
        use EntityType::*;
        let doc = doc_with(
            "The Revolutionary Armed Forces of Colombia, FARC (FARC-EP), signed. Later the FARC-EP disarmed and FARC members voted.",
            &[("Revolutionary Armed Forces of Colombia", ORG), ("FARC-EP", ORG), ("FARC", ORG)],
        );
        let ents = local_entities(&doc);
        assert_eq!(ents.len(), 1, "{ents:#?}");
        assert_eq!(ents[0].name, "Revolutionary Armed Forces of Colombia");
    }

    #[test]
    fn an_acronym_before_another_word_defines_nothing() {
        use EntityType::*;
        let doc = doc_with(
            "On the eve of the Super Bowl, ABC moderator Jon Roe asked. ABC said so.",
            &[
                ("Super Bowl", MISC),
                ("ABC", ORG),
                ("Jon Roe", PER),
                ("ABC", ORG),
            ],
        );
        let ents = local_entities(&doc);
        assert_eq!(ents.len(), 3, "{ents:#?}");
    }

    #[test]
    fn an_acronym_two_names_could_claim_joins_neither() {
        use EntityType::*;
        let doc = doc_with(
            "The European Community is close to bankruptcy, the EC's Executive Commission said.",
            &[
                ("European Community", ORG),
                ("EC", ORG),
                ("Executive Commission", ORG),
            ],
        );
        let ents = local_entities(&doc);
        assert_eq!(ents.len(), 3, "{ents:#?}");
    }

    #[test]
    fn a_name_with_its_own_acronym_is_not_another_acronym() {
        use EntityType::*;
        let doc = doc_with(
            "The International Cocoa Organization (ICCO) set limits. The Coffee Council (ICO) met. An ICO board meets today.",
            &[
                ("International Cocoa Organization", ORG),
                ("ICCO", ORG),
                ("Coffee Council", ORG),
                ("ICO", ORG),
                ("ICO", ORG),
            ],
        );
        let ents = local_entities(&doc);
        let cocoa = ents
            .iter()
            .find(|e| e.aliases.contains_key("International Cocoa Organization"))
            .unwrap();
        assert!(!cocoa.aliases.contains_key("ICO"), "{ents:#?}");
        assert!(cocoa.aliases.contains_key("ICCO"), "{ents:#?}");
    }

    #[test]
    fn an_undefined_acronym_joins_its_one_expansion() {
        use EntityType::*;
        let doc = doc_with(
            "The North Atlantic Treaty Organization met. NATO said it would act.",
            &[("North Atlantic Treaty Organization", ORG), ("NATO", ORG)],
        );
        assert_eq!(local_entities(&doc).len(), 1);
    }

    #[test]
    fn capital_as_actor_is_the_country_but_not_as_place() {
        use EntityType::*;
        let doc = doc_with(
            "Moscow said it would respond. Russia has troops there. The summit was held in Moscow. Kyiv cut ties with Moscow.",
            &[("Moscow", ORG), ("Russia", LOC), ("Moscow", LOC), ("Moscow", LOC)],
        );
        let ents = local_entities(&doc);
        assert_eq!(ents.len(), 2, "{ents:#?}");
        assert_eq!(ents[0].name, "Russia");
        assert_eq!(ents[0].mentions, vec![0, 1, 3]);
        assert_eq!(ents[1].name, "Moscow");
    }

    #[test]
    fn an_acronym_spelt_out_as_another_name_is_not_the_listed_actor() {
        use EntityType::*;
        let doc = doc_with(
            "The Economic Union (EU) met. The EU said no.",
            &[("Economic Union", ORG), ("EU", ORG), ("EU", ORG)],
        );
        let ents = local_entities(&doc);
        assert_eq!(ents.len(), 1, "{ents:#?}");
        assert_eq!(ents[0].name, "Economic Union");
        assert_eq!(ents[0].place, None);
        let doc = doc_with("The EU said no.", &[("EU", ORG)]);
        assert_eq!(
            local_entities(&doc)[0].place.as_deref(),
            Some("European Union")
        );
    }

    #[test]
    fn a_country_name_in_a_persons_name_is_the_person() {
        use EntityType::*;
        let doc = doc_with(
            "Chad Roe spoke. Chad said the vote in Chad was fair.",
            &[("Chad Roe", PER), ("Chad", PER), ("Chad", LOC)],
        );
        let ents = local_entities(&doc);
        assert_eq!(ents.len(), 2, "{ents:#?}");
        assert_eq!(ents[0].mentions, vec![0, 1]);
        assert_eq!(ents[0].place, None);
        assert_eq!(ents[1].place.as_deref(), Some("Chad"));
        // with no such person, a tagger's slip does not make the country a person
        let doc = doc_with("Chad said the vote was fair.", &[("Chad", PER)]);
        assert_eq!(local_entities(&doc)[0].place.as_deref(), Some("Chad"));
    }

    #[test]
    fn long_form_split_in_two_mentions_still_defines_its_acronym() {
        use EntityType::*;
        let doc = doc_with(
            "The National Liberation Front of Tripura (NLFT) advanced. NLFT fighters held the town.",
            &[("National Liberation Front", ORG), ("Tripura", LOC), ("NLFT", ORG), ("NLFT", ORG)],
        );
        let ents = local_entities(&doc);
        assert_eq!(ents.len(), 1, "{ents:#?}");
        assert_eq!(ents[0].name, "National Liberation Front of Tripura");
    }

    #[test]
    fn a_shorter_two_word_name_is_not_a_short_form() {
        use EntityType::*;
        let doc = doc_with(
            "George Walker Bush and George Bush Sr. differ; George Bush spoke.",
            &[
                ("George Walker Bush", PER),
                ("George Bush Sr.", PER),
                ("George Bush", PER),
            ],
        );
        let ents = local_entities(&doc);
        assert!(
            ents.iter()
                .all(|e| e.mentions.len() == 1 || !e.aliases.contains_key("George Walker Bush")),
            "{ents:#?}"
        );
    }

    #[test]
    fn titles_are_stripped_from_surfaces() {
        assert_eq!(
            strip_titles("President Gerhard Schroeder", NameKind::Person),
            "Gerhard Schroeder"
        );
        assert_eq!(
            strip_titles("Gerhard Schroeder", NameKind::Person),
            "Gerhard Schroeder"
        );
        assert_eq!(strip_titles("Mr. Schroeder", NameKind::Person), "Schroeder");
    }
}
