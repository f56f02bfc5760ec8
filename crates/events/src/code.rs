//! Event coding over the word view of a sentence: clauses, trigger matching, the one main event
//! of each clause, and its arguments (source, target, location), negation and modality.

use std::ops::Range;

use dossier_core::{dateline_end, Actor, Document, EntityType, Event, QuoteKind, Span, TimexType};

use crate::lemma::Form;
use crate::lexicon::{Class, Elem, Kind, Lexicon, Pattern, PLOVER};
use crate::record::SYMMETRIC;
use crate::words::{Fc, W};

/// What kind of clause a segment of a sentence is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Seg {
    Main,
    /// Adverbial clauses ("after ...", "because ...", ", killing ..."): earlier or side events.
    Background,
    Cond,
    Relative,
}

#[derive(Clone, Debug)]
struct Clause {
    range: Range<usize>,
    kind: Seg,
    /// Follows a reporting verb ("X said (that) ...").
    reported: bool,
    /// The subject of that reporting verb.
    reporter: Option<Range<usize>>,
    /// The source of this clause's event, for a following subjectless clause to inherit.
    source: Option<Range<usize>>,
    has_event: bool,
}

#[derive(Clone, Copy, Debug)]
struct Match {
    pat: usize,
    start: usize,
    end: usize,
    class: Class,
}

const HOSTILE: [&str; 5] = ["ASSAULT", "COERCE", "SANCTION", "MOBILIZE", "THREATEN"];
const COOPERATIVE: [&str; 6] = [
    "CONSULT",
    "SUPPORT",
    "COOPERATE",
    "AID",
    "CONCEDE",
    "RETREAT",
];

fn kind_name(k: Kind) -> &'static str {
    PLOVER[k as usize]
}

fn is_hostile(k: Kind) -> bool {
    HOSTILE.contains(&kind_name(k))
}

/// The PLOVER mode of a REQUEST, REJECT or THREATEN whose content is an event of type `inner`
/// (with mode `inner_mode`): requests and refusals of help are `assist`, of meetings `meet`, of
/// concessions and withdrawals `yield`; threats of force are `violence`, of arrests `arrest`, of
/// bans `ban`, of expulsions `expel`, of cutting ties `relations`, of other restrictions `restrict`.
fn plover_mode(outer: Kind, inner: Kind, inner_mode: Option<&str>) -> Option<Box<str>> {
    let m = match (kind_name(outer), kind_name(inner)) {
        ("REQUEST" | "REJECT", "AID" | "COOPERATE" | "SUPPORT" | "AGREE") => "assist",
        ("REQUEST" | "REJECT", "CONSULT") => "meet",
        ("REQUEST" | "REJECT", "RETREAT" | "CONCEDE") => "yield",
        ("THREATEN", "ASSAULT" | "MOBILIZE") => "violence",
        ("THREATEN", "COERCE") => match inner_mode {
            Some("arrest") => "arrest",
            Some("ban" | "censor") => "ban",
            Some("deport") => "expel",
            _ => "restrict",
        },
        ("THREATEN", "SANCTION") => match inner_mode {
            Some("expel") => "expel",
            _ => "relations",
        },
        ("THREATEN", "PROTEST") => "restrict",
        _ => return None,
    };
    Some(m.into())
}

fn kind(name: &str) -> Kind {
    PLOVER.iter().position(|k| *k == name).unwrap_or(0) as Kind
}

/// Codes the events of sentence `si` (its word view `w`) into `out`.
pub fn code_sentence(doc: &Document, lx: &Lexicon, si: usize, w: &[W], out: &mut Vec<Event>) {
    if w.is_empty() {
        return;
    }
    let mut clauses = split(lx, w);
    let first_event = out.len();
    for ci in 0..clauses.len() {
        let c = clauses[ci].clone();
        let mut matches = find_matches(doc, lx, w, c.range.clone());
        // a word of a date is no event ("Record March 2": the month, not a march)
        matches.retain(|m| !in_date(doc, w, m) && !in_name(doc, w, m));
        if let Some((mut ev, bare_noun)) = resolve(doc, lx, si, w, &mut clauses, ci, &matches) {
            if ev.source.is_none() && ev.target.is_none() && definite(doc, w, ev.span) {
                // "The meetings began in Doha": the parties of the talks just told.
                if let Some(prev) = out[..first_event].iter().rev().find(|p| {
                    p.kind == ev.kind
                        && p.sentence + 3 >= si as u32
                        && (p.source.is_some() || p.target.is_some())
                }) {
                    ev.source = prev.source.clone();
                    ev.target = prev.target.clone();
                }
            }
            // "International aid is on hold", "commodity agreements can work": a noun that names
            // no party and no place is a topic, not an event.
            if bare_noun && ev.source.is_none() && ev.target.is_none() && ev.location.is_none() {
                continue;
            }
            // "killed 46 and wounded dozens": one attack told with two verbs.
            let same = c.range.start > 0
                && w[c.range.start - 1].fc == Fc::And
                && out[first_event..].last().is_some_and(|p| {
                    p.kind == ev.kind
                        && p.source.as_ref().map(|a| a.span) == ev.source.as_ref().map(|a| a.span)
                        && p.negated == ev.negated
                });
            if same {
                continue;
            }
            let setting = setting_talks(doc, lx, w, &c, &matches, &ev);
            out.push(ev);
            out.extend(setting);
        }
    }
    // "..., a spokesman said (, without elaborating)": the events before a trailing report
    // clause are reported. Event-less clauses after it do not count.
    let reporting = |c: &Clause| {
        (c.range.start..c.range.end).any(|i| {
            w[i].fc == Fc::According
                || w[i].lemma.is_some_and(|id| {
                    lx.candidates(id)
                        .iter()
                        .any(|&p| lx.patterns[p as usize].class == Class::Report)
                        && matches!(w[i].form, Form::Past | Form::S)
                })
        })
    };
    let trailing = clauses
        .iter()
        .enumerate()
        .skip(1)
        .rev()
        .take_while(|(_, c)| !c.has_event)
        .find(|(_, c)| reporting(c))
        .filter(|(_, c)| {
            c.kind == Seg::Main
                || first_live(w, c.range.clone()).is_some_and(|f| w[f].fc == Fc::According)
        });
    if let Some((_, last)) = trailing {
        let who = trailing_reporter(lx, w, last.range.clone()).map(|r| actor(doc, w, &r));
        // ", AFP reported on Friday" dates the report, not the event.
        let report = span_of(w, &last.range);
        for ev in &mut out[first_event..] {
            let in_report = |t: u32| {
                doc.timexes
                    .get(t as usize)
                    .is_some_and(|x| report.contains(x.span))
            };
            if ev.timex.is_some_and(in_report) {
                ev.timex = timex_for(doc, ev.span, ev.span, Some(report));
            }
        }
        for ev in &mut out[first_event..] {
            if ev.modality == "asserted" {
                ev.modality = "reported".into();
                ev.reported_by = who.clone();
            }
        }
    }
}

/// Types whose target is the party addressed: in "X warned Y in talks", Y is at the talks.
const VERBAL: [&str; 8] = [
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "REQUEST", "ACCUSE", "REJECT", "THREATEN",
];

/// "X warned Y in talks (with Z)", "... during a visit": a meeting noun in a place or time phrase
/// of another event is a meeting of that event's source (with Z, else with the party a verbal
/// event addresses), told as background.
fn setting_talks(
    doc: &Document,
    lx: &Lexicon,
    w: &[W],
    c: &Clause,
    matches: &[Match],
    main: &Event,
) -> Option<Event> {
    let consult = kind("CONSULT");
    // A refusal of or a call for talks is about them, not in them.
    if main.kind == "CONSULT"
        || main.mode.as_deref() == Some("meet")
        || main.negated
        || main.source.is_none()
    {
        return None;
    }
    let m = matches.iter().find(|m| {
        m.class == Class::Noun
            && lx.patterns[m.pat].kind == Some(consult)
            && w[m.start].span.start > main.span.start
            && setting_prep(doc, w, c.range.start, m.start)
    })?;
    let with = next_live(w, m.end)
        .filter(|&j| j < c.range.end && doc.span_text(w[j].span).eq_ignore_ascii_case("with"));
    let target = with
        .and_then(|b| (b + 1..c.range.end).find(|&j| w[j].fc == Fc::Content))
        .map(|s| actor(doc, w, &noun_phrase(lx, w, s, c.range.end)))
        .or_else(|| {
            VERBAL
                .contains(&main.kind.as_str())
                .then(|| main.target.clone())
                .flatten()
        });
    Some(Event {
        kind: kind_name(consult).to_string(),
        mode: lx.patterns[m.pat].mode.as_ref().map(|x| x.to_string()),
        span: Span {
            start: w[m.start].span.start,
            end: w[m.end - 1].span.end,
        },
        sentence: main.sentence,
        source: main.source.clone(),
        target,
        location: main.location.clone(),
        timex: main.timex,
        negated: false,
        modality: "background".into(),
        reported_by: None,
    })
}

/// Whether the noun at `i` sits in an "in / at / during ..." phrase (past determiners,
/// possessives and lower-case modifiers: "in their first direct meeting").
fn setting_prep(doc: &Document, w: &[W], lo: usize, i: usize) -> bool {
    let mut j = i;
    while j > lo
        && (matches!(w[j - 1].fc, Fc::Det | Fc::Poss | Fc::Adv)
            || w[j - 1].fc == Fc::Content && !w[j - 1].cap)
    {
        j -= 1;
    }
    let p = doc.span_text(w.get(j.wrapping_sub(1)).map_or(Span::new(0, 0), |x| x.span));
    j > lo
        && ["in", "at", "during"]
            .iter()
            .any(|x| p.eq_ignore_ascii_case(x))
}

/// Whether the word at `trigger` heads a definite phrase ("the (in-person) meetings"), which
/// points back at an event already told.
fn definite(doc: &Document, w: &[W], trigger: Span) -> bool {
    let Some(i) = w.iter().position(|x| x.span.start == trigger.start) else {
        return false;
    };
    let mut j = i;
    while j > 0 && w[j - 1].fc == Fc::Content && !w[j - 1].cap {
        j -= 1;
    }
    j > 0
        && w[j - 1].fc == Fc::Det
        && matches!(
            doc.span_text(w[j - 1].span).to_ascii_lowercase().as_str(),
            "the" | "these" | "this" | "those"
        )
}

/// Who reports in a trailing report clause: the noun phrase after "according to", else the
/// subject of the reporting verb ("..., a spokesman said"; "..., said the minister").
fn trailing_reporter(lx: &Lexicon, w: &[W], r: Range<usize>) -> Option<Range<usize>> {
    if let Some(a) = (r.start..r.end).find(|&i| w[i].fc == Fc::According) {
        let mut s = a + 1;
        while s < r.end && matches!(w[s].fc, Fc::To | Fc::Det) {
            s += 1;
        }
        let mut e = r.end;
        while e > s && (w[e - 1].paren || w[e - 1].is_punct()) {
            e -= 1;
        }
        return (s < e).then_some(s..e);
    }
    let v = (r.start..r.end).find(|&i| is_report_verb(lx, &w[i]))?;
    subject(lx, w, &r, v).or_else(|| {
        // Inverted: "..., said the minister".
        let s = (v + 1..r.end).find(|&j| w[j].fc == Fc::Content)?;
        Some(noun_phrase(lx, w, s, r.end))
    })
}

/// The first word of `r` that is not a skipped bracket.
fn first_live(w: &[W], r: Range<usize>) -> Option<usize> {
    r.into_iter().find(|&i| !w[i].paren)
}

fn next_live(w: &[W], from: usize) -> Option<usize> {
    (from..w.len()).find(|&i| !w[i].paren)
}

/// Whether a match lies inside a date the time stage found.
fn in_date(doc: &Document, w: &[W], m: &Match) -> bool {
    let (a, b) = (w[m.start].span.start, w[m.end - 1].span.end);
    doc.timexes
        .iter()
        .any(|t| t.kind == TimexType::DATE && t.span.start <= a && b <= t.span.end)
}

/// Whether a capitalised trigger inside the sentence is a word of a longer name ("American
/// Telephone and Telegraph Co", "Parsow Partnership Ltd", "the International Coffee Agreement"):
/// a name, not an event. The first word of a sentence or quotation is capitalised anyway.
fn in_name(doc: &Document, w: &[W], m: &Match) -> bool {
    let x = &w[m.start];
    let after_word = (0..m.start)
        .rev()
        .find(|&j| !w[j].paren)
        .is_some_and(|j| !matches!(w[j].fc, Fc::Punct | Fc::Comma | Fc::Semi));
    if !x.cap || !after_word {
        return false;
    }
    let lo = doc.mentions.partition_point(|n| n.span.end <= x.span.start);
    doc.mentions
        .get(lo)
        .is_some_and(|n| n.span.contains(x.span) && n.span != x.span)
}

/// Words that make a figure an amount ("480,000 dlrs", "1.7 mln", "3 pct").
const AMOUNT_UNITS: &[&str] = &[
    "mln", "million", "bln", "billion", "trillion", "dlrs", "dollars", "pct", "percent", "%",
    "stg", "pounds", "yen", "euros", "marks", "francs", "tonnes", "tons", "barrels", "bpd",
];

/// Whether the word after `from` (skipping brackets) is an amount: a figure with a currency
/// sign or followed by a unit ("$5 million", "480,000 dlrs", "3.5 pct").
fn amount_at(doc: &Document, w: &[W], from: usize) -> bool {
    let text = |j: usize| {
        doc.text
            .get(w[j].span.start as usize..w[j].span.end as usize)
    };
    let Some(j) = next_live(w, from) else {
        return false;
    };
    let Some(t) = text(j) else {
        return false;
    };
    if t.starts_with(['$', '€', '£', '¥']) {
        return true;
    }
    t.starts_with(|c: char| c.is_ascii_digit())
        && next_live(w, j + 1)
            .and_then(text)
            .is_some_and(|u| AMOUNT_UNITS.iter().any(|x| u.eq_ignore_ascii_case(x)))
}

/// Whether the words from `from` give a quantity: a figure ("declined 22 basis points"), or one
/// after "by", "to" or "from" ("declined by 3 pct", "fell to 8.5 pct").
fn quantity_follows(doc: &Document, w: &[W], from: usize, end: usize) -> bool {
    let figure = |j: usize| is_number(doc, &w[j]);
    let Some(j) = next_live(w, from).filter(|&j| j < end) else {
        return false;
    };
    figure(j)
        || matches!(w[j].fc, Fc::By | Fc::To | Fc::Prep)
            && next_live(w, j + 1).is_some_and(|k| k < end && figure(k))
}

/// Whether a figure stands among the few words before `at` in `[start, at)`: "a 30 basis point
/// decline" is a fall, not a refusal.
fn quantity_precedes(doc: &Document, w: &[W], start: usize, at: usize) -> bool {
    (start..at).rev().take(4).any(|j| is_number(doc, &w[j]))
}

fn is_report_verb(lx: &Lexicon, x: &W) -> bool {
    x.lemma.is_some_and(|id| {
        lx.candidates(id)
            .iter()
            .any(|&p| lx.patterns[p as usize].class == Class::Report)
    }) && matches!(x.form, Form::Past | Form::S)
        && !x.cap
}

/// Splits a sentence into clauses at punctuation, conjunctions before verbs, subordinators,
/// relative pronouns and reporting verbs.
fn split(lx: &Lexicon, w: &[W]) -> Vec<Clause> {
    let mut out: Vec<Clause> = Vec::new();
    let mut start = 0;
    let mut kind = Seg::Main;
    let mut reported = false;
    let mut reporter: Option<Range<usize>> = None;
    let push = |out: &mut Vec<Clause>,
                range: Range<usize>,
                kind: Seg,
                reported: bool,
                reporter: &Option<Range<usize>>| {
        if range.start < range.end {
            out.push(Clause {
                range,
                kind,
                reported,
                reporter: reporter.clone().filter(|_| reported),
                source: None,
                has_event: false,
            });
        }
    };
    let mut i = 0;
    while i < w.len() {
        let x = &w[i];
        if x.paren {
            i += 1;
            continue;
        }
        match x.fc {
            Fc::Semi => {
                push(&mut out, start..i, kind, reported, &reporter);
                start = i + 1;
                kind = Seg::Main;
                reported = false;
                reporter = None;
            }
            Fc::Comma => {
                push(&mut out, start..i, kind, reported, &reporter);
                start = i + 1;
                kind = match next_live(w, i + 1).map(|j| &w[j]) {
                    Some(n) if n.fc == Fc::Sub => Seg::Background,
                    Some(n) if n.fc == Fc::Cond => Seg::Cond,
                    Some(n) if n.fc == Fc::Rel => Seg::Relative,
                    Some(n) if n.form == Form::Ing && !n.cap && n.fc == Fc::Content => {
                        Seg::Background
                    }
                    _ => Seg::Main,
                };
                // A comma inside reported content keeps it reported.
                reported = reported && kind == Seg::Main;
            }
            Fc::Sub | Fc::Cond | Fc::Rel | Fc::According if i > start => {
                push(&mut out, start..i, kind, reported, &reporter);
                start = i;
                kind = match x.fc {
                    Fc::Cond => Seg::Cond,
                    Fc::Rel => Seg::Relative,
                    _ => Seg::Background,
                };
            }
            Fc::Sub | Fc::Cond | Fc::Rel | Fc::According => {
                kind = match x.fc {
                    Fc::Cond => Seg::Cond,
                    Fc::Rel => Seg::Relative,
                    _ => Seg::Background,
                };
            }
            // "donated and delivered" shares one clause; "... and promised aid" starts one.
            Fc::And | Fc::But
                if i > start
                    && !(w[i - 1].lemma.is_some_and(|id| lx.is_verb_head(id))
                        && w[i - 1].form == Form::Past) =>
            {
                // "... and promised aid": a new clause when a verb follows.
                let next = ((i + 1)..w.len()).find(|&j| !w[j].paren && w[j].fc != Fc::Adv);
                let verb = next.is_some_and(|j| {
                    let n = &w[j];
                    n.fc == Fc::Modal
                        || n.fc == Fc::Will
                        || n.fc == Fc::Have
                        || n.lemma.is_some_and(|id| lx.is_verb_head(id))
                            && matches!(n.form, Form::Past | Form::S)
                            && !n.cap
                });
                if verb {
                    let object = reported
                        && kind == Seg::Main
                        && !(start..i).any(|j| verbish(lx, w, j, start));
                    match out.last_mut() {
                        // "He noted delays in releases and criticised ...": the reporting verb
                        // took a noun, not a clause, and the next verb shares its subject.
                        Some(prev) if object && prev.range.end == start => {
                            prev.range.end = i;
                            reported = false;
                            reporter = None;
                        }
                        _ => push(&mut out, start..i, kind, reported, &reporter),
                    }
                    start = i + 1;
                    kind = Seg::Main;
                }
            }
            _ if is_report_verb(lx, x) => {
                // "X said (that) ...": the rest is a new, reported clause.
                let mut j = i + 1;
                // "said on Monday (that) ...", "said Thursday ...".
                if j + 1 < w.len()
                    && matches!(w[j].fc, Fc::Prep | Fc::With | Fc::PlacePrep)
                    && w[j + 1].fc == Fc::Time
                {
                    j += 2;
                } else if j < w.len() && w[j].fc == Fc::Time {
                    j += 1;
                }
                if x.lemma.is_some() && x.lemma == lx.id("tell") {
                    j = past_addressee(w, j);
                }
                if j < w.len() && w[j].fc == Fc::That {
                    j += 1;
                }
                let rest = j < w.len()
                    && !matches!(
                        w[j].fc,
                        Fc::Comma
                            | Fc::Semi
                            | Fc::Punct
                            | Fc::Time
                            | Fc::Prep
                            | Fc::With
                            | Fc::PlacePrep
                    );
                if rest {
                    push(&mut out, start..i + 1, kind, reported, &reporter);
                    reporter = subject(lx, w, &(start..i + 1), i);
                    start = j;
                    kind = Seg::Main;
                    reported = true;
                    i = j;
                    continue;
                }
            }
            _ => {}
        }
        i += 1;
    }
    push(&mut out, start..w.len(), kind, reported, &reporter);
    out
}

/// After "told", the addressee ("told the AP (that) ...", "told reporters on Monday that ..."):
/// the index where what is told begins, or `j` when no addressee is clearly there.
fn past_addressee(w: &[W], j: usize) -> usize {
    let mut k = j;
    while k < w.len() && w[k].fc == Fc::Det {
        k += 1;
    }
    let first = k;
    while k < w.len()
        && !w[k].paren
        && (w[k].fc == Fc::Content
            || k > first && (w[k].fc == Fc::Poss || doc_apostrophe(&w[k]) && w[k].fc == Fc::Punct))
    {
        k += 1;
    }
    if k == first {
        return j;
    }
    if k + 1 < w.len() && matches!(w[k].fc, Fc::Prep | Fc::PlacePrep) && w[k + 1].fc == Fc::Time {
        k += 2;
    }
    match w.get(k).map(|x| x.fc) {
        Some(Fc::That | Fc::Pron | Fc::Expl | Fc::Det) => k,
        _ => j,
    }
}

/// Whether word `i` reads as a verb here (the lexicon's verb patterns need it).
fn verb_reading(lx: &Lexicon, w: &[W], i: usize) -> bool {
    let x = &w[i];
    let prev_at = (0..i).rev().find(|&j| !w[j].paren && w[j].fc != Fc::Adv);
    let prev = prev_at.map(|j| &w[j]);
    // "the government supports": an actor noun after a determiner is a subject; "in prisoner
    // releases" is a compound noun.
    let actor_subject = prev_at.is_some_and(|j| {
        let mut k = j;
        while k > 0 && w[k - 1].fc == Fc::Content && !w[k - 1].paren {
            k -= 1;
        }
        w[j].lemma.is_some_and(|id| lx.is_actor_noun(id))
            && (k == 0 || matches!(w[k - 1].fc, Fc::Det | Fc::Poss))
    });
    let next = next_live(w, i + 1).map(|j| &w[j]);
    if prev.is_some_and(|p| {
        matches!(p.fc, Fc::Det)
            || matches!(
                p.fc,
                Fc::Prep | Fc::With | Fc::PlacePrep | Fc::Between | Fc::Without
            ) && p.span.end + 1 >= x.span.start
                && x.form != Form::Ing
    }) {
        return false;
    }
    if x.cap && i > 0 {
        return false;
    }
    // "a chaotic airlift": a bare or -s form after a determiner and adjectives is a noun (an
    // actor noun or a plural between them is the subject: "the government supports").
    if matches!(x.form, Form::Base | Form::S) {
        let mut k = i;
        while k > 0 {
            let p = &w[k - 1];
            let adjective = p.fc == Fc::Content
                && !p.cap
                && !p.paren
                && p.form == Form::Base
                && !p
                    .lemma
                    .is_some_and(|id| lx.is_actor_noun(id) || lx.is_verb_head(id));
            if !adjective {
                break;
            }
            k -= 1;
        }
        if k < i && k > 0 && w[k - 1].fc == Fc::Det {
            return false;
        }
    }
    // A finite verb needs a subject before it, and news prose has no imperatives: a bare or -s
    // form opening the sentence is a noun ("Finance charges rose").
    if prev.is_none() && matches!(x.form, Form::Base | Form::S) {
        return false;
    }
    // "Federal funds were trading": a bare or -s form right before an auxiliary heads the subject.
    if matches!(x.form, Form::Base | Form::S)
        && next.is_some_and(|n| matches!(n.fc, Fc::Be | Fc::Have | Fc::Modal | Fc::Will))
    {
        return false;
    }
    // After "to" a verb is bare ("to release"); "an invitation to exiled Afghans" is no verb.
    if prev.is_some_and(|p| p.fc == Fc::To) && matches!(x.form, Form::Past | Form::S) {
        return false;
    }
    let after_aux = prev.is_some_and(|p| {
        p.is_aux() || matches!(p.fc, Fc::To | Fc::Neg | Fc::Pron | Fc::Rel | Fc::That)
    });
    let ambiguous = x.lemma.is_some_and(|id| lx.is_ambiguous(id));
    // "the Vell jail went ...", "Finance charges rose ...": a bare or -s form before a past verb
    // is a noun.
    let after_next = next_live(w, i + 2).map(|j| &w[j]);
    let past_next = next.is_some_and(|n| !n.cap && n.fc == Fc::Content && n.form == Form::Past)
        && !after_next.is_some_and(|a| a.fc == Fc::Content);
    if past_next && !after_aux && matches!(x.form, Form::Base | Form::S) {
        return false;
    }
    if !ambiguous {
        return true;
    }
    if after_aux {
        return true;
    }
    match x.form {
        Form::Past => true,
        Form::Ing => false,
        Form::Base | Form::S => {
            // "Rebels attack town" is a verb; "aid groups", "attack helicopters" are nouns.
            let noun_next =
                next.is_some_and(|n| !n.cap && n.fc == Fc::Content && n.form == Form::S);
            prev.is_some_and(|p| p.cap || p.form == Form::S && p.fc == Fc::Content || actor_subject)
                && !noun_next
        }
    }
}

/// The longest pattern match starting at each word of `r`, left to right, not overlapping.
fn find_matches(doc: &Document, lx: &Lexicon, w: &[W], r: Range<usize>) -> Vec<Match> {
    let mut out = Vec::new();
    let mut i = r.start;
    while i < r.end {
        // "according (to)" is no accord; "Record March Two" (a date the time stage missed) no
        // march.
        let Some(id) = w[i]
            .lemma
            .filter(|_| !w[i].paren && !matches!(w[i].fc, Fc::According | Fc::Time))
        else {
            i += 1;
            continue;
        };
        let cands = lx.candidates(id);
        if cands.is_empty() {
            i += 1;
            continue;
        }
        // "2.86 billion pounds", "1,548 pounds": an -s form after a figure is a unit, no verb.
        let after_figure = w[i].form == Form::S
            && (r.start..i).rev().find(|&j| !w[j].paren).is_some_and(|j| {
                is_number(doc, &w[j])
                    || is_word(
                        doc,
                        &w[j],
                        &["million", "billion", "mln", "bln", "thousand"],
                    )
            });
        let verb_ok = verb_reading(lx, w, i) && !after_figure;
        let after_prep = (r.start..i).rev().find(|&j| !w[j].paren).is_some_and(|j| {
            matches!(
                w[j].fc,
                Fc::Prep | Fc::With | Fc::PlacePrep | Fc::To | Fc::Sub | Fc::Without
            )
        });
        let mut best: Option<Match> = None;
        for &p in cands {
            let pat = &lx.patterns[p as usize];
            let mut class = pat.class;
            if class.verbal() && !verb_ok {
                // "the shelling of the town" is the event as a noun; "the proposed plan" is not one.
                if class == Class::Verb && w[i].form == Form::Ing {
                    class = Class::Noun;
                } else {
                    continue;
                }
            }
            if class == Class::Noun && pat.class == Class::Noun && verb_ok && lx.is_ambiguous(id) {
                continue;
            }
            // "the hopes of dealing with": an -ing form right after a preposition is a gerund,
            // not the noun ("a meeting").
            if pat.class == Class::Noun && w[i].form == Form::Ing && after_prep {
                continue;
            }
            if class == Class::Noun && pat.elems.len() == 1 && modifies_next(lx, w, i) {
                // "aid groups", "protest leaders": the noun names a kind of thing, not an event.
                continue;
            }
            if let Some(end) = match_at(&pat.elems, w, i, r.end) {
                // "due to the invasion": a "to" before a noun phrase is a preposition, not the
                // infinitive that "due to meet" needs.
                let to_noun = end > i
                    && (class.control() || class.transparent())
                    && w[end - 1].fc == Fc::To
                    && next_live(w, end).is_some_and(|j| {
                        w[j].cap
                            || matches!(
                                w[j].fc,
                                Fc::Det | Fc::Poss | Fc::Pron | Fc::Prep | Fc::PlacePrep | Fc::Time
                            )
                    });
                // "going to be tough", "must go to trim costs": the future or a purpose, no visit.
                let to_verb = end > i
                    && pat.mode.as_deref() == Some("visit")
                    && w[end - 1].fc == Fc::To
                    && next_live(w, end).is_some_and(|j| {
                        w[j].is_aux()
                            || w[j].fc == Fc::Content && !w[j].cap && w[j].form == Form::Base
                    });
                if to_noun || to_verb {
                    continue;
                }
                if best.is_none_or(|b| end > b.end) {
                    best = Some(Match {
                        pat: p as usize,
                        start: i,
                        end,
                        class,
                    });
                }
            }
        }
        match best {
            Some(m) => {
                out.push(m);
                i = m.end;
            }
            None => i += 1,
        }
    }
    out
}

/// Whether the noun at `i` is a modifier of the next word ("aid groups").
fn modifies_next(lx: &Lexicon, w: &[W], i: usize) -> bool {
    next_live(w, i + 1).map(|j| &w[j]).is_some_and(|n| {
        n.fc == Fc::Content
            && !n.cap
            && matches!(n.form, Form::Base | Form::S)
            && !n.lemma.is_some_and(|id| lx.is_verb_head(id))
    })
}

/// End (exclusive) of a match of `elems` whose first word is at `i`, within `..end`.
fn match_at(elems: &[Elem], w: &[W], i: usize, end: usize) -> Option<usize> {
    fn go(elems: &[Elem], w: &[W], at: usize, end: usize, gap: usize) -> Option<usize> {
        let Some((e, rest)) = elems.split_first() else {
            return Some(at);
        };
        match e {
            Elem::Gap(n) => go(rest, w, at, end, *n as usize),
            Elem::Word(ids) => {
                let mut k = at;
                let mut skipped = 0;
                while k < end {
                    if w[k].paren {
                        k += 1;
                        continue;
                    }
                    if w[k].lemma.is_some_and(|l| ids.contains(&l)) {
                        if let Some(e) = go(rest, w, k + 1, end, 0) {
                            return Some(e);
                        }
                    }
                    if skipped >= gap || matches!(w[k].fc, Fc::Comma | Fc::Semi) {
                        return None;
                    }
                    skipped += 1;
                    k += 1;
                }
                None
            }
        }
    }
    w[i].lemma?;
    match elems.split_first() {
        Some((Elem::Word(ids), rest)) if w[i].lemma.is_some_and(|l| ids.contains(&l)) => {
            go(rest, w, i + 1, end, 0)
        }
        _ => None,
    }
}

/// Words that a verb group may carry on its left: auxiliaries, negation, adverbs, time phrases.
fn skip_verb_group_left(w: &[W], lo: usize, mut j: usize) -> (usize, bool, Option<Fc>, bool) {
    let mut negated = false;
    let mut modal = None;
    let mut passive_be = false;
    while j > lo {
        let p = &w[j - 1];
        if p.paren || p.fc == Fc::Adv || p.fc == Fc::Punct && doc_apostrophe(p) {
            j -= 1;
            continue;
        }
        match p.fc {
            Fc::Neg => negated = true,
            Fc::Modal | Fc::Will => modal = modal.or(Some(p.fc)),
            Fc::Be => passive_be = true,
            Fc::Have | Fc::Do | Fc::To => {}
            Fc::Time if j >= 2 + lo && matches!(w[j - 2].fc, Fc::Prep) => {
                j -= 1;
            }
            Fc::Time => {}
            _ => break,
        }
        j -= 1;
    }
    (j, negated, modal, passive_be)
}

/// The apostrophe of "didn't" splits into its own token; it belongs to the verb group.
fn doc_apostrophe(p: &W) -> bool {
    p.span.end - p.span.start <= 3 && p.fc == Fc::Punct && !p.paren
}

/// Whether word `j` looks like a finite verb (to end a subject noun phrase).
fn verbish(lx: &Lexicon, w: &[W], j: usize, lo: usize) -> bool {
    let x = &w[j];
    if x.is_aux() {
        return true;
    }
    if x.cap || x.fc != Fc::Content || j == lo {
        return false;
    }
    let prev_det = j > lo && matches!(w[j - 1].fc, Fc::Det);
    if prev_det {
        return false;
    }
    // "the two sides agreed": an -s word before a verb is the subject's noun.
    let verb_next = w
        .get(j + 1)
        .is_some_and(|n| n.is_aux() || !n.cap && n.fc == Fc::Content && n.form == Form::Past);
    x.form == Form::Past
        || !verb_next
            && x.lemma
                .is_some_and(|id| lx.is_verb_head(id) && !lx.is_ambiguous(id) && x.form == Form::S)
}

/// The subject noun phrase of the verb at `g` in clause `r`, as a word range.
fn subject(lx: &Lexicon, w: &[W], r: &Range<usize>, g: usize) -> Option<Range<usize>> {
    let (end, ..) = skip_verb_group_left(w, r.start, g);
    // "... told reporters that X": the subject follows the last "that".
    let mut s = (r.start..end)
        .rev()
        .find(|&j| w[j].fc == Fc::That)
        .map_or(r.start, |j| j + 1);
    while s < end
        && matches!(
            w[s].fc,
            Fc::And | Fc::But | Fc::That | Fc::Sub | Fc::Cond | Fc::Rel | Fc::According
        )
    {
        s += 1;
    }
    // "... and suggested the administration would support it": the verb of the clause before
    // opens the words, and the subject follows it.
    if s + 1 < end
        && w[s].fc == Fc::Content
        && !w[s].cap
        && w[s].form == Form::Past
        && (matches!(w[s + 1].fc, Fc::Det | Fc::Pron) || w[s + 1].cap)
    {
        s += 1;
    }
    if s < end
        && matches!(
            w[s].fc,
            Fc::Prep | Fc::With | Fc::PlacePrep | Fc::Time | Fc::Expl
        )
    {
        return None;
    }
    let mut e = end;
    for j in s..end {
        if verbish(lx, w, j, s)
            || matches!(w[j].fc, Fc::Prep | Fc::With | Fc::PlacePrep)
                && j + 1 < end
                && w[j + 1].fc == Fc::Time
        {
            e = j;
            break;
        }
    }
    while s < e && (w[s].fc == Fc::Det || w[s].paren || w[s].is_punct()) {
        s += 1;
    }
    // A pronoun is a whole noun phrase: in "what we want and we are trying" the subject of
    // "are trying" is the last "we".
    if let Some(p) = (s + 1..e).rev().find(|&j| w[j].fc == Fc::Pron) {
        s = p;
    }
    while e > s && (w[e - 1].paren || w[e - 1].is_punct() && !doc_apostrophe(&w[e - 1])) {
        e -= 1;
    }
    (s < e).then_some(s..e)
}

/// The first actor-like noun phrase in `from..r.end`, skipping `exclude` and place phrases.
#[allow(clippy::too_many_arguments)]
fn target(
    lx: &Lexicon,
    pat: &Pattern,
    w: &[W],
    r: &Range<usize>,
    from: usize,
    extra: &[Box<str>],
    doc: &Document,
    exclude: Option<&Range<usize>>,
) -> Option<Range<usize>> {
    let mut k = from;
    while k < r.end {
        let x = &w[k];
        // "... with a retreat that included an airlift with Afghan residents": what a "that"
        // clause after another noun tells is no argument of this event; right after the
        // trigger it may be ("voiced concern that X ...", "talks that began with X").
        if x.fc == Fc::That && !x.paren {
            let prev = (from..k).rev().find(|&j| !w[j].paren);
            if prev.is_some_and(|j| !w[j].lemma.is_some_and(|id| in_pattern(pat, id))) {
                return None;
            }
        }
        let actorish = !x.paren
            && !x.lemma.is_some_and(|id| in_pattern(pat, id))
            && x.fc == Fc::Content
            && (x.cap || x.lemma.is_some_and(|id| lx.is_actor_noun(id)))
            && !exclude.is_some_and(|e| e.contains(&k));
        if !actorish {
            k += 1;
            continue;
        }
        let np = noun_phrase(lx, w, k, r.end);
        // The preposition governing this phrase, past determiners and adjectives.
        let mut j = k;
        // A number starts a quantity ("at least 46 minority Shia"), whose "at" is no place.
        while j > from
            && matches!(w[j - 1].fc, Fc::Det | Fc::Content)
            && !w[j - 1].cap
            && !is_number(doc, &w[j - 1])
        {
            j -= 1;
        }
        let prep = (j > r.start)
            .then(|| &w[j - 1])
            .filter(|p| p.fc == Fc::PlacePrep);
        if let Some(p) = prep {
            let word = doc.span_text(p.span).to_ascii_lowercase();
            if !extra.iter().any(|e| **e == *word) {
                k = np.end;
                continue;
            }
        }
        return Some(np);
    }
    None
}

fn is_number(doc: &Document, x: &W) -> bool {
    doc.span_text(x.span)
        .bytes()
        .next()
        .is_some_and(|b| b.is_ascii_digit())
}

/// The first place phrase of clause `r` outside the actors: a preposition of place ("in", "at",
/// "near") before a name ("in Doha", "at the Qatari capital" does not count, "in the capital
/// Kabul" does).
fn place_in(
    lx: &Lexicon,
    doc: &Document,
    w: &[W],
    r: &Range<usize>,
    skip: &[Option<&Range<usize>>],
) -> Option<Range<usize>> {
    let outside = |j: usize| !skip.iter().flatten().any(|s| s.contains(&j));
    // "Islamic State in Khorasan": a preposition inside a name mention is no place phrase.
    let in_name = |j: usize| {
        let at = w[j].span;
        let lo = doc.mentions.partition_point(|m| m.span.end <= at.start);
        doc.mentions.get(lo).is_some_and(|m| m.span.contains(at))
    };
    for j in r.start..r.end {
        if w[j].fc != Fc::PlacePrep || w[j].paren || !outside(j) || in_name(j) {
            continue;
        }
        let mut k = j + 1;
        while k < r.end && (w[k].fc == Fc::Det || w[k].fc == Fc::Content && !w[k].cap) && k < j + 4
        {
            k += 1;
        }
        if k < r.end && w[k].cap && w[k].fc == Fc::Content && !is_number(doc, &w[k]) && outside(k) {
            return Some(noun_phrase(lx, w, k, r.end));
        }
    }
    None
}

/// Whether a word can name an actor: a name, a pronoun or an actor noun.
fn actor_word(lx: &Lexicon, x: &W) -> bool {
    !x.paren
        && (x.cap && x.fc == Fc::Content
            || x.fc == Fc::Pron
            || x.lemma.is_some_and(|id| lx.is_actor_noun(id)))
}

/// The part of a subject phrase that names an actor: none when no word can ("the meeting"); the
/// possessor when the head is a thing ("Mottaki's remarks" -> "Mottaki").
fn actor_part(lx: &Lexicon, w: &[W], r: Range<usize>) -> Option<Range<usize>> {
    if !r.clone().any(|j| actor_word(lx, &w[j])) {
        return None;
    }
    // "Friday's attack on a border post near Osh killed ...": an event heads the phrase, and
    // the names after it are places or targets, not its doer; "the attack by militants" names
    // the doer after "by".
    let stop = (r.start + 1..r.end).find(|&j| {
        !w[j].paren
            && matches!(
                w[j].fc,
                Fc::Prep | Fc::PlacePrep | Fc::With | Fc::By | Fc::Between
            )
    });
    if let Some(p) = stop {
        let head = &w[p - 1];
        let event_head = head.fc == Fc::Content
            && !head.cap
            && head.lemma.is_some_and(|id| lx.is_noun_head(id))
            && !(r.start..p).any(|j| actor_word(lx, &w[j]));
        if event_head {
            return (w[p].fc == Fc::By && p + 1 < r.end)
                .then(|| actor_part(lx, w, p + 1..r.end))
                .flatten();
        }
    }
    let last = &w[r.end - 1];
    let thing_head = last.fc == Fc::Content && !actor_word(lx, last);
    if thing_head {
        if let Some(p) = (r.start + 1..r.end).rev().find(|&j| w[j].fc == Fc::Poss) {
            if (r.start..p).any(|j| actor_word(lx, &w[j])) {
                return Some(r.start..p);
            }
        }
    }
    Some(r)
}

/// "A and B" as two actor phrases, when both sides can name an actor.
fn split_pair(lx: &Lexicon, w: &[W], r: &Range<usize>) -> Option<(Range<usize>, Range<usize>)> {
    let a = (r.start + 1..r.end).find(|&j| w[j].fc == Fc::And && !w[j].paren)?;
    let mut b = a + 1;
    while b < r.end && w[b].fc == Fc::Det {
        b += 1;
    }
    let left = r.start..a;
    let right = b..r.end;
    (left.clone().any(|j| actor_word(lx, &w[j])) && right.clone().any(|j| actor_word(lx, &w[j])))
        .then_some((left, right))
}

/// "between X and Y" in a clause, as the two parties.
fn between_pair(lx: &Lexicon, w: &[W], r: &Range<usize>) -> Option<(Range<usize>, Range<usize>)> {
    let b = (r.start..r.end).find(|&j| w[j].fc == Fc::Between && !w[j].paren)?;
    let s = (b + 1..r.end).find(|&j| w[j].fc == Fc::Content)?;
    let x = noun_phrase(lx, w, s, r.end);
    if x.end + 1 >= r.end || w[x.end].fc != Fc::And {
        return None;
    }
    let t = (x.end + 1..r.end).find(|&j| w[j].fc == Fc::Content)?;
    Some((x, noun_phrase(lx, w, t, r.end)))
}

/// Whether a lemma is one of the words of a pattern after its first ("inspectors" in "dispatch
/// ~3 inspector"): part of the trigger, not an argument.
fn in_pattern(pat: &Pattern, id: u32) -> bool {
    pat.elems[1..]
        .iter()
        .any(|e| matches!(e, Elem::Word(ids) if ids.contains(&id)))
}

/// The noun phrase around an actor-like word at `k`: a run of capitalised words (with "of",
/// "the", "-", possessives inside a name) and following actor nouns.
fn noun_phrase(lx: &Lexicon, w: &[W], k: usize, end: usize) -> Range<usize> {
    let mut e = k + 1;
    while e < end {
        let x = &w[e];
        let name_next = |j: usize| j < end && w[j].cap && w[j].fc == Fc::Content;
        let joiner = (x.fc == Fc::Poss || matches!(doc_text_kind(x), Joiner::Yes))
            && e + 1 < end
            && w[e + 1].fc == Fc::Content;
        // "Union for the Total Independence of Angola": short function words inside a name.
        let inner = matches!(x.fc, Fc::Prep | Fc::Det)
            && w[e - 1].cap
            && x.span.end - x.span.start <= 3
            && (name_next(e + 1) || e + 2 < end && w[e + 1].fc == Fc::Det && name_next(e + 2));
        if x.fc == Fc::Content && (x.cap || x.lemma.is_some_and(|id| lx.is_actor_noun(id)))
            || joiner
            || inner
        {
            e += 1;
        } else {
            break;
        }
    }
    // "the NRF's chief demand": the phrase ends at the name, not at its possessive.
    while e > k + 1 && (w[e - 1].fc == Fc::Poss || doc_apostrophe(&w[e - 1])) {
        e -= 1;
    }
    k..e
}

enum Joiner {
    Yes,
    No,
}

/// Hyphens, apostrophes and dots glue the parts of a name ("Asia-Pacific", "Niger's", "U.S.").
fn doc_text_kind(x: &W) -> Joiner {
    if x.fc == Fc::Punct && !x.paren && x.span.end - x.span.start == 1 {
        Joiner::Yes
    } else {
        Joiner::No
    }
}

fn span_of(w: &[W], r: &Range<usize>) -> Span {
    Span {
        start: w[r.start].span.start,
        end: w[r.end - 1].span.end,
    }
}

/// The mention that best names an actor phrase: a person or organisation over a place or
/// nationality, else the first mention inside it.
fn mention_in(doc: &Document, span: Span) -> Option<u32> {
    let lo = doc.mentions.partition_point(|m| m.span.end <= span.start);
    let inside = doc.mentions[lo..]
        .iter()
        .enumerate()
        .take_while(|(_, m)| m.span.start < span.end);
    let mut best: Option<(u32, u8)> = None;
    for (i, m) in inside {
        let rank = match m.label {
            EntityType::PER | EntityType::ORG => 2,
            EntityType::LOC => 1,
            EntityType::MISC => 0,
        };
        if best.is_none_or(|(_, r)| rank > r) {
            best = Some(((lo + i) as u32, rank));
        }
    }
    best.map(|(i, _)| i)
}

/// A pronoun subject resolved to the last fitting mention before the sentence; "I" and "we"
/// inside a quotation to its speaker.
fn resolve_pronoun(doc: &Document, pron: &str, before: u32) -> Option<u32> {
    if matches!(pron.to_ascii_lowercase().as_str(), "i" | "me" | "we" | "us") {
        return quoted_speaker(doc, before);
    }
    let person = matches!(pron, "he" | "she" | "He" | "She");
    // "you" is whoever the speaker addresses, which the text rarely names.
    if !person && !matches!(pron, "they" | "They" | "it" | "It") {
        return None;
    }
    let end = doc.mentions.partition_point(|m| m.span.start < before);
    doc.mentions[..end]
        .iter()
        .enumerate()
        .rev()
        .take(8)
        .find(|(_, m)| {
            if person {
                m.label == EntityType::PER
            } else {
                m.label != EntityType::PER
            }
        })
        .map(|(i, _)| i as u32)
}

/// The speaker of the quotation around byte `at`: "“We will talk to everyone,” Roe said" has
/// Roe (or the group Roe speaks for) as the one who talks. Only a direct quotation is the
/// speaker's own wording throughout; in a reported clause ("Roe said we ...") or a partial
/// quotation's own words "we" may be the article's.
fn quoted_speaker(doc: &Document, at: u32) -> Option<u32> {
    doc.quotes
        .iter()
        .filter(|q| q.kind == QuoteKind::Direct)
        .filter(|q| q.span.start <= at && at < q.span.end)
        .min_by_key(|q| q.span.end - q.span.start)
        .and_then(|q| q.speaker_mention)
}

fn actor(doc: &Document, w: &[W], r: &Range<usize>) -> Actor {
    let span = span_of(w, r);
    let mut mention = mention_in(doc, span);
    if mention.is_none() && r.len() == 1 && w[r.start].fc == Fc::Pron {
        mention = resolve_pronoun(doc, doc.span_text(span), span.start);
    }
    Actor { span, mention }
}

/// The subject of a clause for a later subjectless clause: its event's source, or the noun phrase
/// before its first verb.
fn inherited_subject(
    doc: &Document,
    lx: &Lexicon,
    w: &[W],
    clauses: &[Clause],
    ci: usize,
) -> Option<Range<usize>> {
    for (idx, c) in clauses[..ci].iter().enumerate().rev().take(3) {
        if let Some(s) = &c.source {
            return Some(s.clone());
        }
        if c.kind != Seg::Main || in_dateline(doc, w, &c.range) {
            continue;
        }
        let first = first_live(w, c.range.clone())?;
        if matches!(
            w[first].fc,
            Fc::Prep | Fc::With | Fc::PlacePrep | Fc::Sub | Fc::Time
        ) || w[first].form == Form::Ing && !w[first].cap
        {
            continue;
        }
        let g = (c.range.start..c.range.end)
            .find(|&j| verbish(lx, w, j, c.range.start))
            .unwrap_or(c.range.end);
        if let Some(s) = subject(lx, w, &c.range, g) {
            return Some(appositive_name(w, clauses, idx).unwrap_or(s));
        }
    }
    None
}

/// The noun phrase right before a restrictive relative clause ("the commander who fought ...",
/// "militants who attacked ..."): the doer of the clause's event. None after a comma (the clause
/// then describes the sentence's subject, which [`inherited_subject`] finds) or when no noun
/// stands there ("what we want").
fn antecedent(doc: &Document, w: &[W], r: &Range<usize>) -> Option<Range<usize>> {
    let first = first_live(w, r.clone())?;
    let word = w[first];
    let who = doc.span_text(word.span);
    if word.fc != Fc::Rel
        || !["who", "which", "that"]
            .iter()
            .any(|x| who.eq_ignore_ascii_case(x))
    {
        return None;
    }
    let end = r.start;
    let mut start = end;
    while start > 0 && w[start - 1].fc == Fc::Content && !w[start - 1].paren {
        start -= 1;
    }
    (start < end).then_some(start..end)
}

/// Whether clause `r` lies in the wire dateline that opens the sentence ("OSH, March 15 — ...",
/// see [`dateline_end`]): it names a place, never the subject of what follows.
fn in_dateline(doc: &Document, w: &[W], r: &Range<usize>) -> bool {
    let (Some(first), Some(last)) = (w.first(), w.last()) else {
        return false;
    };
    let start = first.span.start as usize;
    doc.text
        .get(start..last.span.end as usize)
        .and_then(dateline_end)
        .is_some_and(|end| span_of(w, r).end as usize <= start + end)
}

/// "Amir Khan Muttaqi, the Foreign Minister, has ...": when clause `idx` is a verbless "the ..."
/// phrase right after a clause that is only a name, the name is the actor.
fn appositive_name(w: &[W], clauses: &[Clause], idx: usize) -> Option<Range<usize>> {
    let c = &clauses[idx];
    let first = first_live(w, c.range.clone())?;
    if idx == 0 || w[first].fc != Fc::Det || c.range.clone().any(|j| w[j].is_aux()) {
        return None;
    }
    let p = &clauses[idx - 1];
    if p.kind != Seg::Main || p.range.end + 1 != c.range.start {
        return None;
    }
    let name = p
        .range
        .clone()
        .all(|j| w[j].paren || w[j].cap && w[j].fc == Fc::Content || w[j].fc == Fc::Punct);
    (name && p.range.clone().any(|j| w[j].cap)).then(|| p.range.clone())
}

/// Whether a noun with no light verb is an event: it heads the clause's first noun phrase
/// ("Talks between ...", "Rebels' attack ...") or names its parties ("talks with X").
fn free_noun_event(lx: &Lexicon, w: &[W], r: &Range<usize>, m: &Match) -> bool {
    // "X called the attack a crime": after a finite verb the noun is an object, not a head.
    let first_np = (r.start..m.start).all(|j| {
        matches!(
            w[j].fc,
            Fc::Content | Fc::Det | Fc::Poss | Fc::Punct | Fc::And | Fc::Adv
        ) || w[j].paren
    }) && !(r.start..m.start).any(|j| verbish(lx, w, j, r.start));
    let parties = next_live(w, m.end)
        .is_some_and(|j| j < r.end && matches!(w[j].fc, Fc::Between | Fc::By | Fc::With));
    first_np || parties
}

/// Words after a release that say people were let go ("released from prison", "freed on bail").
const CUSTODY: [&str; 6] = [
    "prison",
    "jail",
    "custody",
    "detention",
    "captivity",
    "bail",
];

/// Pronouns for people, and possessives of people ("his release"); "it" and "its" are things.
const PERSON_PRONOUNS: [&str; 16] = [
    "him",
    "her",
    "them",
    "us",
    "me",
    "he",
    "she",
    "they",
    "we",
    "i",
    "you",
    "himself",
    "themselves",
    "his",
    "their",
    "our",
];

/// Whether word `x` is one of `words` (lower-case), in any case.
fn is_word(doc: &Document, x: &W, words: &[&str]) -> bool {
    let t = doc.span_text(x.span);
    words.iter().any(|p| t.eq_ignore_ascii_case(p))
}

/// Whether a word names people: a person or actor noun ("detainees", "the crew",
/// "journalists"), a personal pronoun, or a name the NER took for a person's.
fn person_word(doc: &Document, lx: &Lexicon, x: &W) -> bool {
    if x.paren {
        return false;
    }
    let name = || {
        let lo = doc.mentions.partition_point(|m| m.span.end <= x.span.start);
        doc.mentions
            .get(lo)
            .is_some_and(|m| m.label == EntityType::PER && m.span.contains(x.span))
    };
    x.lemma.is_some_and(|id| lx.is_person_noun(id))
        || is_word(doc, x, &PERSON_PRONOUNS)
        || x.cap && x.fc == Fc::Content && name()
}

/// The head of the noun phrase that starts at `from`: its last noun before a preposition,
/// punctuation or a verb form ("its first-quarter results", "two journalists held since ..."),
/// else its determiner ("released her").
fn phrase_head(w: &[W], from: usize, end: usize) -> Option<usize> {
    let mut head = None;
    let mut noun = false;
    for (j, x) in w.iter().enumerate().take(end).skip(from) {
        if x.paren {
            continue;
        }
        match x.fc {
            Fc::Adv if head.is_none() => {}
            Fc::Det if !noun => head = Some(j),
            Fc::Pron if head.is_none() => return Some(j),
            Fc::Content => {
                if noun && !x.cap && matches!(x.form, Form::Ing | Form::Past) {
                    break;
                }
                head = Some(j);
                noun = true;
            }
            // "the company's results"
            Fc::Poss if noun => {}
            _ => break,
        }
    }
    head
}

/// Whether a `people` trigger (`m`, "release", "free") acts on people: its object ("released
/// him", "freed the crew", "released Navalny"), its passive subject ("the hostages were
/// released", "who was freed"), the people before "freed by ...", what the noun names ("the
/// release of the detainees", "his release", "the hostages' release", "a prisoner release"),
/// or a release from custody. "Released results", "a statement", "the release of the report",
/// "its release" and a release that names nothing are no release of people.
fn acts_on_people(doc: &Document, lx: &Lexicon, w: &[W], r: &Range<usize>, m: &Match) -> bool {
    let person = |j: Option<usize>| j.is_some_and(|j| person_word(doc, lx, &w[j]));
    let next = next_live(w, m.end).filter(|&j| j < r.end);
    // "released from prison", "freed on bail", "released from Israeli jails"
    let custody = next.is_some_and(|p| {
        matches!(w[p].fc, Fc::Prep | Fc::PlacePrep)
            && (p + 1..r.end.min(p + 4)).any(|j| is_word(doc, &w[j], &CUSTODY))
    });
    if custody {
        return true;
    }
    let before = (r.start..m.start)
        .rev()
        .find(|&j| !w[j].paren && w[j].fc != Fc::Adv);
    if m.class == Class::Noun {
        if let Some(of) = next.filter(|&j| is_word(doc, &w[j], &["of"])) {
            return person(phrase_head(w, of + 1, r.end));
        }
        if let Some(b) = before.filter(|&b| w[b].fc == Fc::Poss) {
            return person((r.start..b).rev().find(|&j| !w[j].paren));
        }
        return person(before);
    }
    let (_, _, _, be) = skip_verb_group_left(w, r.start, m.start);
    if be && w[m.start].form == Form::Past {
        // "who was released" tells of a person, "which was released" of a thing.
        if let Some(f) = first_live(w, r.clone()).filter(|&f| w[f].fc == Fc::Rel) {
            return is_word(doc, &w[f], &["who", "whom"]);
        }
        return subject(lx, w, r, m.start).is_some_and(|s| person(phrase_head(w, s.start, s.end)));
    }
    match phrase_head(w, m.end, r.end) {
        Some(h) => person(Some(h)),
        // "the prisoners freed by the rebels"
        None => next.is_some_and(|j| w[j].fc == Fc::By) && person(before),
    }
}

fn is_market(lx: &Lexicon, x: &W) -> bool {
    x.fc == Fc::Content && x.lemma.is_some_and(|id| lx.is_market_word(id))
}

/// Whether a `market` trigger deals in securities, prices or goods: a `MARKET` word before it ("a
/// tender offer", "bond yields"), heading its object ("offer two million shares", "yield 4 pct",
/// "offering of 500,000 units", "charged against earnings"), an amount after it ("charges 4.1
/// mln") or its passive subject ("the shares were accepted"), or an -ing
/// form with no auxiliary and no "to" after it ("a public offering", "firms offering loans").
fn market_sense(doc: &Document, lx: &Lexicon, w: &[W], r: &Range<usize>, m: &Match) -> bool {
    let before = (r.start..m.start).rev().find(|&j| !w[j].paren);
    if before.is_some_and(|b| is_market(lx, &w[b])) {
        return true;
    }
    let next = next_live(w, m.end).filter(|&j| j < r.end);
    if next.is_some_and(|j| w[j].fc == Fc::To) {
        return false;
    }
    // "charges 4.1 mln vs 5.4 mln"
    if amount_at(doc, w, m.end) {
        return true;
    }
    let (_, _, _, be) = skip_verb_group_left(w, r.start, m.start);
    if w[m.start].form == Form::Ing && !be {
        return true;
    }
    if be
        && w[m.start].form == Form::Past
        && subject(lx, w, r, m.start)
            .and_then(|s| phrase_head(w, s.start, s.end))
            .is_some_and(|h| is_market(lx, &w[h]))
    {
        return true;
    }
    // The object, or both objects ("offering homebuyers fixed rate mortgages"): the nouns up to
    // the next preposition or punctuation.
    let from = match next {
        Some(j) if matches!(w[j].fc, Fc::Prep | Fc::With) && j + 1 < r.end => j + 1,
        _ => m.end,
    };
    w[from.min(r.end)..r.end]
        .iter()
        .filter(|x| !x.paren)
        .take_while(|x| matches!(x.fc, Fc::Det | Fc::Content | Fc::Poss))
        .take(6)
        .any(|x| is_market(lx, x))
}

/// Words that open a question after "ask".
const QUESTION: [&str; 10] = [
    "whether", "if", "about", "what", "how", "why", "when", "who", "which", "where",
];

/// Whether a `question` trigger asks a question: a question word follows it, past at most three
/// words of its addressee ("asked whether", "asked the minister about").
fn asks_question(doc: &Document, w: &[W], m: &Match) -> bool {
    for (seen, x) in w[m.end..].iter().filter(|x| !x.paren).enumerate() {
        if is_word(doc, x, &QUESTION) {
            return true;
        }
        if seen >= 3 || !matches!(x.fc, Fc::Det | Fc::Pron | Fc::Content) {
            return false;
        }
    }
    false
}

/// Whether the object of an `actor` trigger, if it has one, can name an actor: "met the minister",
/// "met him", "met on Monday" (no object) do; "met the terms", "meet the agency's concerns",
/// "fund their investments" do not. After a possessive only the head counts.
fn object_is_actor(doc: &Document, lx: &Lexicon, w: &[W], r: &Range<usize>, m: &Match) -> bool {
    let Some(first) = next_live(w, m.end).filter(|&j| j < r.end) else {
        return true;
    };
    if !matches!(w[first].fc, Fc::Det | Fc::Content | Fc::Pron) {
        return true;
    }
    let Some(head) = phrase_head(w, first, r.end) else {
        return true;
    };
    // "met here", "met late": one bare word that is no plural is no object.
    if head == first && w[first].fc == Fc::Content && w[first].form != Form::S {
        return true;
    }
    let from = (first..head)
        .rev()
        .find(|&j| w[j].fc == Fc::Poss)
        .map_or(first, |p| p + 1);
    (from..=head).any(|j| actor_word(lx, &w[j]) || is_word(doc, &w[j], &PERSON_PRONOUNS))
}

/// The main event of clause `ci`, if any, and whether a noun with no light verb tells it (and
/// names nobody it acts on).
fn resolve(
    doc: &Document,
    lx: &Lexicon,
    si: usize,
    w: &[W],
    clauses: &mut [Clause],
    ci: usize,
    matches: &[Match],
) -> Option<(Event, bool)> {
    let c = clauses[ci].clone();
    let first_verbal = matches
        .iter()
        .position(|m| m.class.verbal() && m.class != Class::Report);
    let mut governor: Option<usize> = None;
    let mut negated = false;
    let mut intended = false;
    let mut hypothetical = false;
    let mut chosen: Option<(usize, Kind, Option<Box<str>>, Match)> = None;
    for (mi, m) in matches.iter().enumerate() {
        let pat = &lx.patterns[m.pat];
        if m.class == Class::Report {
            continue;
        }
        // A noun before the clause's verb sits in its subject ("aid groups donated"), unless
        // that verb only says the noun's event happens ("the meetings began in Doha").
        if m.class == Class::Noun
            && governor.is_none()
            && first_verbal.is_some_and(|f| f > mi && matches[f].class != Class::Aspect)
        {
            continue;
        }
        if m.class == Class::Noun && governor.is_none() && !free_noun_event(lx, w, &c.range, m) {
            continue;
        }
        // "includes charge 480,000 dlrs": a noun before an amount, not an accusation
        let before = (0..m.start)
            .rev()
            .find(|&j| !w[j].paren && w[j].fc != Fc::Adv);
        let after_verb_group = before.is_some_and(|j| {
            w[j].is_aux() || matches!(w[j].fc, Fc::To | Fc::Pron | Fc::Rel | Fc::That)
        });
        let noun = m.class == Class::Noun
            || w[m.start].form == Form::Base
                && !after_verb_group
                && w[m.start].lemma.is_some_and(|id| lx.is_ambiguous(id));
        if noun && amount_at(doc, w, m.start + 1) {
            continue;
        }
        // "offered two million shares", "asked whether", "met the terms": another sense.
        if pat.market && market_sense(doc, lx, w, &c.range, m)
            || pat.question && asks_question(doc, w, m)
            || pat.actor_object && !object_is_actor(doc, lx, w, &c.range, m)
        {
            continue;
        }
        if m.class.transparent() {
            governor.get_or_insert(m.start);
            match m.class {
                Class::Intend => intended = true,
                Class::Hypo => hypothetical = true,
                Class::Neg => negated = true,
                _ => {}
            }
            continue;
        }
        if m.class.control() {
            let comp = matches[mi + 1..].iter().find(|n| {
                !n.class.transparent()
                    && n.class != Class::Report
                    && lx.patterns[n.pat].kind.is_some()
            });
            let comp_kind = comp.and_then(|n| lx.patterns[n.pat].kind);
            let own = pat.kind.unwrap_or(0);
            // "vowed not to yield" refuses; "pledged not to attack" promises restraint.
            let neg_comp = comp.is_some_and(|n| (m.end..n.start).any(|j| w[j].fc == Fc::Neg));
            let (k, mode) = match (m.class, comp_kind) {
                (Class::Commit, Some(ck)) if neg_comp && !is_hostile(ck) => {
                    let r = kind("REJECT");
                    (r, plover_mode(r, ck, None))
                }
                (Class::Commit, Some(_)) if neg_comp => (own, None),
                (Class::Commit, Some(ck)) if is_hostile(ck) => {
                    let inner = comp.and_then(|n| lx.patterns[n.pat].mode.as_deref());
                    let t = kind("THREATEN");
                    (t, plover_mode(t, ck, inner))
                }
                // PLOVER's REJECT and REQUEST modes name what is refused or asked for.
                (Class::Refuse | Class::Urge, Some(ck)) => (own, plover_mode(own, ck, None)),
                (Class::Prepare, Some(ck)) if is_hostile(ck) => (own, pat.mode.clone()),
                (Class::Prepare, Some(ck)) => {
                    (ck, comp.and_then(|n| lx.patterns[n.pat].mode.clone()))
                }
                (Class::Prepare, None) => continue,
                // "rates declined 22 basis points": a figure moved, nobody refused
                (Class::Refuse, None)
                    if quantity_follows(doc, w, m.end, c.range.end)
                        || quantity_precedes(doc, w, c.range.start, m.start) =>
                {
                    continue
                }
                _ => (own, pat.mode.clone()),
            };
            chosen = Some((mi, k, mode, *m));
            break;
        }
        // "released results", "the release of the report": only people are released.
        if pat.people && !acts_on_people(doc, lx, w, &c.range, m) {
            continue;
        }
        if let Some(k) = pat.kind {
            chosen = Some((mi, k, pat.mode.clone(), *m));
            break;
        }
    }
    let (mi, mut k, mut mode, m) = chosen?;
    let head = matches[mi];
    let pat = &lx.patterns[head.pat];
    let g = governor.unwrap_or(head.start);

    // Negation and modality from the verb group of the governor and of the trigger.
    let (_, neg_g, modal_g, _) = skip_verb_group_left(w, c.range.start, g);
    let (_, neg_t, modal_t, be_t) = skip_verb_group_left(w, c.range.start, head.start);
    negated |= neg_g || neg_t;
    let noun_neg = head.class == Class::Noun
        && (head.start > c.range.start && matches!(w[head.start - 1].fc, Fc::Neg | Fc::Without)
            || head.start > c.range.start + 1
                && matches!(w[head.start - 2].fc, Fc::Neg | Fc::Without));
    negated |= noun_neg;
    match modal_g.or(modal_t) {
        Some(Fc::Will) => intended = true,
        // "X said it would ..." reports an intention.
        Some(Fc::Modal) if c.reported => intended = true,
        Some(Fc::Modal) => hypothetical = true,
        _ => {}
    }

    // Arguments.
    // "is committed to", "are determined to": an adjective of the subject's own will.
    let adjectival = head.class == Class::Commit
        && next_live(w, head.end).is_some_and(|j| j < c.range.end && w[j].fc == Fc::To);
    let passive = (head.class == Class::Verb || head.class.control())
        && governor.is_none()
        && be_t
        && w[head.start].form == Form::Past
        && !adjectival;
    let mut source: Option<Range<usize>> = None;
    let mut target_r: Option<Range<usize>> = None;
    let mut inherited = false;
    // "It is promised that ...": the clause is what is promised; no one it is promised to.
    let mut anticipatory = false;
    // Targets follow the trigger itself; for a control verb, before its complement.
    let after = head.start + 1;
    if head.class == Class::Noun && governor.is_none() {
        if let Some(b) = (after..c.range.end)
            .find(|&j| !w[j].paren)
            .filter(|&j| matches!(w[j].fc, Fc::Between | Fc::By))
        {
            let np_start = (b + 1..c.range.end).find(|&j| w[j].fc == Fc::Content);
            if let Some(s) = np_start {
                let np = noun_phrase(lx, w, s, c.range.end);
                if w[b].fc == Fc::Between && np.end + 1 < c.range.end && w[np.end].fc == Fc::And {
                    target_r = Some(noun_phrase(lx, w, np.end + 1, c.range.end));
                }
                source = Some(np);
            }
        }
    }
    if passive {
        let by = (after..c.range.end)
            .find(|&j| w[j].fc == Fc::By && w.get(j + 1).is_some_and(|n| n.fc != Fc::Time));
        source = by
            .and_then(|b| (b + 1..c.range.end).find(|&j| w[j].fc == Fc::Content))
            .map(|s| {
                let np = noun_phrase(lx, w, s, c.range.end);
                // "by Burundian militiamen": keep the nouns after the capitalised words.
                let mut e = np.end;
                while e < c.range.end
                    && w[e].fc == Fc::Content
                    && !w[e].cap
                    && w[e].form != Form::Past
                    && w[e].form != Form::Ing
                {
                    e += 1;
                }
                np.start..e
            });
        // "It is promised that ...": an anticipatory "it" stands for the clause, no actor.
        let that = next_live(w, head.end).is_some_and(|j| w[j].fc == Fc::That);
        target_r = subject(lx, w, &c.range, head.start);
        anticipatory = that
            && target_r
                .as_ref()
                .is_some_and(|t| t.len() == 1 && is_word(doc, &w[t.start], &["it"]));
        if anticipatory {
            target_r = None;
        }
    }
    if source.is_none() && !passive {
        source = subject(lx, w, &c.range, g);
        // Before a noun event, only a name, an actor noun or a pronoun is a subject ("a
        // unilateral ceasefire" has none).
        if head.class == Class::Noun && governor.is_none() {
            source = source.filter(|r| {
                r.clone().any(|j| {
                    w[j].cap
                        || w[j].fc == Fc::Pron
                        || w[j].lemma.is_some_and(|id| lx.is_actor_noun(id))
                })
            });
        }
        source = source.and_then(|r| actor_part(lx, w, r));
        if source.is_none() && SYMMETRIC.contains(&kind_name(k)) {
            // "A meeting to discuss reconciliation between X and Y": the parties.
            if let Some((x, y)) = between_pair(lx, w, &c.range) {
                source = Some(x);
                target_r = Some(y);
            }
        }
        // "X told the AP there would be no cooperation": the speaker's own side.
        if source.is_none() && (c.range.start..head.start).any(|j| w[j].fc == Fc::Expl) {
            source = c.reporter.clone();
        }
        if source.is_none() && c.kind == Seg::Relative {
            source = antecedent(doc, w, &c.range).and_then(|r| actor_part(lx, w, r));
        }
        // A noun event heading a main clause names its doer itself ("talks by X", "X's
        // attack"); it takes none from an earlier clause ("The economy is failing,
        // international aid is on hold"). After "after" or "in" it may ("X's remarks came
        // after talks with Y").
        let free_noun = head.class == Class::Noun && governor.is_none() && c.kind == Seg::Main;
        if source.is_none() && !free_noun {
            source = inherited_subject(doc, lx, w, clauses, ci).and_then(|r| actor_part(lx, w, r));
            inherited = source.is_some();
        }
    }
    if target_r.is_none() && !anticipatory {
        target_r = target(
            lx,
            pat,
            w,
            &c.range,
            after.min(c.range.end),
            &pat.target_preps,
            doc,
            source.as_ref(),
        );
    }
    // "Taliban officials and US representatives discussed ...": one party meets the other.
    if target_r.is_none() && SYMMETRIC.contains(&kind_name(k)) {
        if let Some((x, y)) = source.as_ref().and_then(|s| split_pair(lx, w, s)) {
            source = Some(x);
            target_r = Some(y);
        }
    }
    let place = place_in(lx, doc, w, &c.range, &[source.as_ref(), target_r.as_ref()]);
    if target_r
        .as_ref()
        .is_some_and(|t| source.as_ref().is_some_and(|s| s == t))
    {
        target_r = None;
    }
    clauses[ci].source = source.clone();
    clauses[ci].has_event = true;

    // "will not / would not cooperate" is a refusal.
    if negated && intended && (COOPERATIVE.contains(&kind_name(k)) || kind_name(k) == "AGREE") {
        mode = plover_mode(kind("REJECT"), k, None);
        k = kind("REJECT");
        negated = false;
        intended = false;
    }
    // PLOVER codes announced future cooperation as AGREE and announced future force as THREATEN.
    if intended && !negated {
        let name = kind_name(k);
        if COOPERATIVE.contains(&name) {
            mode = None;
            k = kind("AGREE");
        } else if HOSTILE.contains(&name) && name != "THREATEN" {
            mode = plover_mode(kind("THREATEN"), k, mode.as_deref());
            k = kind("THREATEN");
        }
    }
    // "dismissed the possibility of dialogue": a rejection's mode is the event it turns down.
    // "threatened to arrest": so is a threat's.
    if mode.is_none() && matches!(kind_name(k), "REJECT" | "REQUEST" | "THREATEN") {
        mode = matches[mi + 1..]
            .iter()
            .filter(|n| !n.class.transparent() && n.class != Class::Report)
            .find_map(|n| {
                let p = &lx.patterns[n.pat];
                p.kind.map(|ck| (ck, p.mode.as_deref()))
            })
            .filter(|&(ck, _)| ck != k)
            .and_then(|(ck, inner)| plover_mode(k, ck, inner));
    }
    if mode.is_none() {
        mode = lx
            .modes
            .iter()
            .find(|mw| {
                mw.kind == k
                    && (c.range.start..c.range.end)
                        .any(|j| w[j].lemma.is_some_and(|l| mw.words.contains(&l)))
            })
            .map(|mw| mw.mode.clone());
    }
    let modality = if c.kind == Seg::Background || c.kind == Seg::Relative {
        "background"
    } else if c.kind == Seg::Cond {
        "condition"
    } else if hypothetical {
        "hypothetical"
    } else if intended {
        "intended"
    } else if c.reported && !inherited {
        "reported"
    } else {
        "asserted"
    };
    let trigger = Span {
        start: w[m.start].span.start,
        end: w[m.end - 1].span.end,
    };
    let timex = timex_for(doc, span_of(w, &c.range), trigger, None);
    let event = Event {
        kind: kind_name(k).to_string(),
        mode: mode.map(|m| m.to_string()),
        span: trigger,
        sentence: si as u32,
        source: source.map(|r| actor(doc, w, &r)),
        target: target_r.map(|r| actor(doc, w, &r)),
        location: place.map(|r| actor(doc, w, &r)),
        timex,
        negated,
        modality: modality.to_string(),
        reported_by: c
            .reporter
            .as_ref()
            .filter(|_| modality == "reported")
            .map(|r| actor(doc, w, r)),
    };
    // A release found to act on people names them ("the release of the detainees").
    Some((
        event,
        head.class == Class::Noun && governor.is_none() && !pat.people,
    ))
}

/// The time expression in the clause, else the nearest one in the same sentence, never one inside
/// `exclude`.
fn timex_for(doc: &Document, clause: Span, trigger: Span, exclude: Option<Span>) -> Option<u32> {
    let sent = doc
        .sentence_at(trigger.start)
        .map(|i| doc.sentences[i].span)
        .unwrap_or(clause);
    let mut best: Option<(u32, u32)> = None;
    for (i, t) in doc.timexes.iter().enumerate() {
        if t.span.start < sent.start
            || t.span.end > sent.end
            || exclude.is_some_and(|x| x.contains(t.span))
        {
            continue;
        }
        let inside = t.span.start >= clause.start && t.span.end <= clause.end;
        let dist = if inside {
            0
        } else {
            1 + t.span.start.abs_diff(trigger.start)
        };
        if best.is_none_or(|(_, d)| dist < d) {
            best = Some((i as u32, dist));
        }
    }
    best.map(|(i, _)| i)
}
