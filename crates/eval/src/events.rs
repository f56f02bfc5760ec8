//! Event coding (PLOVER types, source and target actors) against two public record formats:
//!
//! - PLOVER gold-standard records (`plover_gsr_*.jsonl`): `id`, `text`, `event`, `source` /
//!   `target` (lists of `{actorText, ...}`, one such object, or a Python-repr string of them).
//!   One event per record. This PLOVER version uses older labels, mapped onto the 16 current
//!   types: DEMAND -> REQUEST, DISAPPROVE -> ACCUSE, FIGHT -> ASSAULT, INVESTIGATE -> ACCUSE
//!   (PLOVER's ACCUSE has an `investigate` mode), COOPERATION -> COOPERATE.
//! - PETRARCH2 unit-test records (`petrarch2_unittest_*.jsonl`): `id`, `text`, `expected_events`
//!   `[{source, target, code}]` with CAMEO codes, `noevents`. CAMEO codes map to PLOVER roots by the
//!   longest prefix of the crosswalk below (01 statements: no event; 02 appeals: REQUEST, or no
//!   event with `appeal_none`); a record with an unmappable code is not scored. Actor codes are not
//!   texts, so actors are not scored on these records.
//!
//! - CASE 2021 task 2 snippets (`case2021_task2_*.tsv`: `id<TAB>EventSnippet<TAB>SubType`), ACLED
//!   sub-event types mapped onto PLOVER ([`acled_to_plover`]: violence of every kind ASSAULT,
//!   protests PROTEST, arrests COERCE, agreements AGREE, territory handed over RETREAT, bases set up
//!   MOBILIZE, blame (ATTRIB) ACCUSE; natural and man-made disasters no event; OTHER, ORG_CRIME,
//!   DIPLO, CHANGE_TO_GROUP_ACT and DISR_WEAP, which have no one PLOVER type, are not scored).
//!   A snippet may tell several events; its gold set is its one class. No actors.
//!
//! Scores (fractions), over the scored records, each giving a gold type set G and a predicted set
//! P: micro P/R/F1 over sums of |G∩P|, |P|, |G|; macro P/R/F1 over the types present in some gold
//! record (record-level counts); the share of no-event records left empty; and, on PLOVER records,
//! among correctly typed (record, type) pairs, the share where a predicted event of that type has
//! a source (target) sharing a word with a gold source (target) actor text (lower-cased `\w+`
//! words minus a short stop list). These definitions follow `../shared/scorers/scorers/events.py`
//! exactly, so the two agree to the last digit.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use serde::Serialize;
use serde_json::Value;

pub use dossier_core::PLOVER_TYPES as PLOVER;

/// A CAMEO code that is no PLOVER event (public statements).
const NONE: &str = "-";

const CAMEO_ROOT: [(&str, &str); 20] = [
    ("01", NONE),
    ("02", "REQUEST"),
    ("03", "AGREE"),
    ("04", "CONSULT"),
    ("05", "SUPPORT"),
    ("06", "COOPERATE"),
    ("07", "AID"),
    ("08", "CONCEDE"),
    ("09", "ACCUSE"),
    ("10", "REQUEST"),
    ("11", "ACCUSE"),
    ("12", "REJECT"),
    ("13", "THREATEN"),
    ("14", "PROTEST"),
    ("15", "MOBILIZE"),
    ("16", "SANCTION"),
    ("17", "COERCE"),
    ("18", "ASSAULT"),
    ("19", "ASSAULT"),
    ("20", "ASSAULT"),
];

/// Sub-codes whose PLOVER type differs from their root's.
const CAMEO_EXCEPT: [(&str, &str); 11] = [
    ("084", "RETREAT"),
    ("085", "RETREAT"),
    ("086", "RETREAT"),
    ("087", "RETREAT"),
    ("0813", "RETREAT"),
    ("0814", "RETREAT"),
    ("163", "COERCE"),
    ("1712", "ASSAULT"),
    ("175", "ASSAULT"),
    ("191", "COERCE"),
    ("192", "COERCE"),
];

const STOP: &[&str] = &[
    "a", "an", "the", "of", "and", "or", "in", "on", "at", "to", "for", "from", "by", "with", "as",
    "into", "over", "under", "its", "it", "his", "her", "their", "our", "your", "my", "s", "this",
    "that", "these", "those", "who", "which", "than", "then", "some", "any", "all", "both", "two",
    "three", "new", "de", "del", "la", "le", "el", "al", "bin", "ibn", "mr", "mrs", "ms", "dr",
];

/// An older or variant label as a current PLOVER type (other labels are kept, upper-cased).
pub fn canon(label: &str) -> String {
    let t = label.trim().to_uppercase();
    match t.as_str() {
        "DEMAND" => "REQUEST".into(),
        "DISAPPROVE" | "INVESTIGATE" => "ACCUSE".into(),
        "FIGHT" => "ASSAULT".into(),
        "COOPERATION" => "COOPERATE".into(),
        _ => t,
    }
}

/// The PLOVER type of a CAMEO code: `Some("-")` for no event, `None` when unmappable.
pub fn cameo_to_plover(code: &str, appeal_none: bool) -> Option<&'static str> {
    let c: String = code.chars().filter(|c| c.is_ascii_digit()).collect();
    if c.len() < 2 {
        return None;
    }
    if &c[..2] == "02" {
        return Some(if appeal_none { NONE } else { "REQUEST" });
    }
    for k in (3..=c.len()).rev() {
        if let Some((_, t)) = CAMEO_EXCEPT.iter().find(|(p, _)| *p == &c[..k]) {
            return Some(t);
        }
    }
    CAMEO_ROOT
        .iter()
        .find(|(p, _)| *p == &c[..2])
        .map(|(_, t)| *t)
}

/// The PLOVER type of an ACLED / CASE 2021 sub-event class: `Some("-")` for no event, `None`
/// when the class has no one PLOVER type.
pub fn acled_to_plover(class: &str) -> Option<&'static str> {
    Some(match class.trim() {
        "PEACE_PROTEST" | "PROTEST_WITH_INTER" | "VIOL_DEMONSTR" => "PROTEST",
        // Violent repression and property destruction are ASSAULT in PLOVER 0.7 and CAMEO's
        // crosswalk (175, 1712); capturing territory is CAMEO 19 (fight).
        "FORCE_AGAINST_PROTEST"
        | "MOB_VIOL"
        | "ARMED_CLASH"
        | "GOV_REGAINS_TERIT"
        | "NON_STATE_ACTOR_OVERTAKES_TER"
        | "CHEM_WEAP"
        | "AIR_STRIKE"
        | "SUIC_BOMB"
        | "ART_MISS_ATTACK"
        | "REM_EXPLOS"
        | "GRENADE"
        | "SEX_VIOL"
        | "ATTACK"
        | "ABDUCT_DISSAP"
        | "PROPERTY_DISTRUCT" => "ASSAULT",
        "ARREST" => "COERCE",
        "AGREEMENT" => "AGREE",
        "NON_VIOL_TERRIT_TRANSFER" => "RETREAT",
        "HQ_ESTABLISHED" => "MOBILIZE",
        "ATTRIB" => "ACCUSE",
        "NATURAL_DISASTER" | "MAN_MADE_DISASTER" => NONE,
        _ => return None,
    })
}

/// CASE 2021 task 2 records from TSV (`id`, `EventSnippet`, `SubType`, header line first).
fn read_case_tsv(path: &std::path::Path, text: &str) -> Result<Vec<GoldRecord>, String> {
    let mut seen = HashSet::new();
    let mut gold = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let mut f = line.split('\t');
        let (Some(id), Some(snippet), Some(class)) = (f.next(), f.next(), f.next()) else {
            if line.trim().is_empty() {
                continue;
            }
            return Err(format!(
                "{}:{}: expected id<TAB>snippet<TAB>class",
                path.display(),
                i + 1
            ));
        };
        if i == 0 && id.trim() == "id" {
            continue;
        }
        let id = id.trim().to_string();
        if !seen.insert(id.clone()) {
            return Err(format!(
                "{}:{}: duplicate gold id {id}",
                path.display(),
                i + 1
            ));
        }
        let mapped = acled_to_plover(class);
        gold.push(GoldRecord {
            id_value: Value::String(id.clone()),
            id,
            text: snippet.to_string(),
            types: mapped
                .filter(|t| *t != NONE)
                .map(|t| t.to_string())
                .into_iter()
                .collect(),
            skip: mapped.is_none(),
            plover: false,
            sources: Vec::new(),
            targets: Vec::new(),
        });
    }
    if gold.is_empty() {
        return Err(format!("no gold records in {}", path.display()));
    }
    Ok(gold)
}

/// One gold record.
#[derive(Clone, Debug)]
pub struct GoldRecord {
    /// The id as a string (numbers as Python's `str` would print them).
    pub id: String,
    /// The id as given, to echo in predictions.
    pub id_value: Value,
    pub text: String,
    pub types: BTreeSet<String>,
    /// Has a CAMEO code with no PLOVER type: not scored.
    pub skip: bool,
    /// A PLOVER record (actors are scored).
    pub plover: bool,
    pub sources: Vec<String>,
    pub targets: Vec<String>,
}

/// One predicted event, reduced to what is scored.
#[derive(Clone, Debug, Serialize)]
pub struct PredEvent {
    #[serde(rename = "type")]
    pub kind: String,
    pub source: Option<String>,
    pub target: Option<String>,
}

fn py_str(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => "None".into(),
        Value::Bool(b) => if *b { "True" } else { "False" }.into(),
        other => other.to_string(),
    }
}

/// Reads gold records (JSON Lines, or one JSON list) in either format.
pub fn read_gold(path: &std::path::Path, appeal_none: bool) -> Result<Vec<GoldRecord>, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read gold file {}: {e}", path.display()))?;
    if path.extension().is_some_and(|e| e == "tsv") || text.starts_with("id\t") {
        return read_case_tsv(path, &text);
    }
    let rows: Vec<(Value, String)> = if text.trim_start().starts_with('[') {
        let v: Vec<Value> = serde_json::from_str(&text)
            .map_err(|e| format!("{}: invalid JSON: {e}", path.display()))?;
        v.into_iter()
            .enumerate()
            .map(|(i, r)| (r, format!("{}[{i}]", path.display())))
            .collect()
    } else {
        let mut out = Vec::new();
        for (i, line) in text.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            let r = serde_json::from_str(line)
                .map_err(|e| format!("{}:{}: invalid JSON line: {e}", path.display(), i + 1))?;
            out.push((r, format!("{}:{}", path.display(), i + 1)));
        }
        out
    };
    let mut seen = HashSet::new();
    let mut gold = Vec::new();
    for (r, at) in rows {
        let Some(obj) = r.as_object() else {
            return Err(format!("{at}: gold record is not an object"));
        };
        let Some(idv) = obj.get("id") else {
            return Err(format!("{at}: gold record without id"));
        };
        let id = py_str(idv);
        if !seen.insert(id.clone()) {
            return Err(format!("{at}: duplicate gold id {id}"));
        }
        let mut g = GoldRecord {
            id,
            id_value: idv.clone(),
            text: obj
                .get("text")
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string(),
            types: BTreeSet::new(),
            skip: false,
            plover: false,
            sources: Vec::new(),
            targets: Vec::new(),
        };
        if obj.contains_key("expected_events") || obj.contains_key("noevents") {
            let noevents = obj.get("noevents").is_some_and(truthy);
            let evs = obj
                .get("expected_events")
                .and_then(Value::as_array)
                .filter(|_| !noevents);
            for e in evs.into_iter().flatten() {
                let t = e.as_object().and_then(|o| {
                    cameo_to_plover(&o.get("code").map(py_str).unwrap_or_default(), appeal_none)
                });
                match t {
                    None => g.skip = true,
                    Some(NONE) => {}
                    Some(t) => {
                        g.types.insert(t.to_string());
                    }
                }
            }
        } else if let Some(ev) = obj.get("event") {
            if let Some(s) = ev.as_str().filter(|s| !s.trim().is_empty()) {
                g.types.insert(canon(s));
            }
            g.plover = true;
            g.sources = actor_texts(obj.get("source"));
            g.targets = actor_texts(obj.get("target"));
        } else {
            return Err(format!("{at}: gold record {} has neither `event` (PLOVER) nor `expected_events` (PETRARCH2)", g.id));
        }
        gold.push(g);
    }
    if gold.is_empty() {
        return Err(format!("no gold records in {}", path.display()));
    }
    Ok(gold)
}

/// Python truthiness of a JSON value.
fn truthy(v: &Value) -> bool {
    match v {
        Value::Null => false,
        Value::Bool(b) => *b,
        Value::Number(n) => n.as_f64().is_some_and(|f| f != 0.0),
        Value::String(s) => !s.is_empty(),
        Value::Array(a) => !a.is_empty(),
        Value::Object(o) => !o.is_empty(),
    }
}

/// The strings naming actors in a gold actor field.
pub fn actor_texts(v: Option<&Value>) -> Vec<String> {
    let Some(v) = v else { return Vec::new() };
    match v {
        Value::Null => Vec::new(),
        Value::String(s) => {
            let s = s.trim();
            if s.is_empty() {
                return Vec::new();
            }
            if s.starts_with('[') || s.starts_with('{') {
                if let Some(parsed) = pylit::parse(s) {
                    return actor_texts(Some(&parsed));
                }
            }
            vec![s.to_string()]
        }
        Value::Object(o) => {
            for k in ["actorText", "text", "name", "actor", "mention"] {
                if let Some(s) = o
                    .get(k)
                    .and_then(Value::as_str)
                    .filter(|s| !s.trim().is_empty())
                {
                    return vec![s.trim().to_string()];
                }
            }
            Vec::new()
        }
        Value::Array(a) => a.iter().flat_map(|x| actor_texts(Some(x))).collect(),
        other => vec![py_str(other)],
    }
}

/// Lower-cased word set of an actor text, minus stop words.
fn words(s: &str) -> HashSet<String> {
    s.to_lowercase()
        .split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|w| !w.is_empty() && !STOP.contains(w))
        .map(str::to_string)
        .collect()
}

fn actor_match(pred: &Option<String>, gold: &[String]) -> bool {
    let Some(p) = pred else { return false };
    let g: HashSet<String> = gold.iter().flat_map(|g| words(g)).collect();
    words(p).iter().any(|w| g.contains(w))
}

#[derive(Clone, Debug, Default, Serialize)]
pub struct TypeCounts {
    pub tp: u32,
    pub fp: u32,
    #[serde(rename = "fn")]
    pub fn_: u32,
    pub f1: f64,
}

/// The scores, with the same names and order as the reference scorer's JSON.
#[derive(Clone, Debug, Serialize)]
pub struct Metrics {
    pub unit: &'static str,
    pub records: usize,
    pub records_scored: usize,
    pub micro_p: f64,
    pub micro_r: f64,
    pub micro_f1: f64,
    pub macro_p: f64,
    pub macro_r: f64,
    pub macro_f1: f64,
    pub macro_f1_all_types: f64,
    pub gold_types: usize,
    pub no_event_records: u32,
    pub no_event_correct: u32,
    pub no_event_share: Option<f64>,
    pub source_judged: u32,
    pub source_correct: u32,
    pub source_acc: Option<f64>,
    pub target_judged: u32,
    pub target_correct: u32,
    pub target_acc: Option<f64>,
    pub records_skipped_unmappable: u32,
    pub missing_pred_records: u32,
    pub extra_pred_records: usize,
    pub pred_unknown_labels: u32,
    pub per_type: BTreeMap<String, TypeCounts>,
    pub macro_f1_frac: f64,
}

/// Rounds like Python's `round(x, 6)` (correctly rounded decimal).
fn r6(x: f64) -> f64 {
    format!("{x:.6}").parse().unwrap_or(x)
}

/// Scores predictions (keyed by record id; a missing id predicts nothing).
pub fn score(gold: &[GoldRecord], pred: &HashMap<String, Vec<PredEvent>>) -> Metrics {
    let mut per: BTreeMap<String, [u32; 3]> = BTreeMap::new();
    let (mut tp, mut fp, mut fn_) = (0u32, 0u32, 0u32);
    let (mut noev, mut noev_ok) = (0u32, 0u32);
    let (mut src_n, mut src_ok, mut tgt_n, mut tgt_ok) = (0u32, 0u32, 0u32, 0u32);
    let (mut skipped, mut missing, mut unknown, mut scored) = (0u32, 0u32, 0u32, 0usize);
    let mut sorted: Vec<&GoldRecord> = gold.iter().collect();
    sorted.sort_by(|a, b| a.id.cmp(&b.id));
    let empty = Vec::new();
    for g in sorted {
        if g.skip {
            skipped += 1;
            continue;
        }
        scored += 1;
        if !pred.contains_key(&g.id) {
            missing += 1;
        }
        let pevs = pred.get(&g.id).unwrap_or(&empty);
        let pt: BTreeSet<String> = pevs.iter().map(|e| canon(&e.kind)).collect();
        unknown += pt.iter().filter(|t| !PLOVER.contains(&t.as_str())).count() as u32;
        for t in g.types.union(&pt) {
            let c = per.entry(t.clone()).or_default();
            match (g.types.contains(t), pt.contains(t)) {
                (true, true) => c[0] += 1,
                (false, true) => c[1] += 1,
                _ => c[2] += 1,
            }
        }
        let both: Vec<&String> = g.types.intersection(&pt).collect();
        tp += both.len() as u32;
        fp += pt.difference(&g.types).count() as u32;
        fn_ += g.types.difference(&pt).count() as u32;
        if g.types.is_empty() {
            noev += 1;
            noev_ok += pt.is_empty() as u32;
        }
        if g.plover {
            for t in both {
                let of_type = || pevs.iter().filter(|e| canon(&e.kind) == *t);
                if !g.sources.is_empty() {
                    src_n += 1;
                    src_ok += of_type().any(|e| actor_match(&e.source, &g.sources)) as u32;
                }
                if !g.targets.is_empty() {
                    tgt_n += 1;
                    tgt_ok += of_type().any(|e| actor_match(&e.target, &g.targets)) as u32;
                }
            }
        }
    }
    let (micro_p, micro_r, micro_f1) =
        crate::prf(tp.into(), (tp + fp).into(), (tp + fn_).into(), 1.0);
    let rows: BTreeMap<&String, (f64, f64, f64)> = per
        .iter()
        .map(|(t, c)| {
            (
                t,
                crate::prf(c[0].into(), (c[0] + c[1]).into(), (c[0] + c[2]).into(), 1.0),
            )
        })
        .collect();
    let gold_types: Vec<&String> = per
        .iter()
        .filter(|(_, c)| c[0] + c[2] > 0)
        .map(|(t, _)| t)
        .collect();
    let n = gold_types.len() as f64;
    let mean = |f: &dyn Fn(&(f64, f64, f64)) -> f64| {
        if n > 0.0 {
            gold_types.iter().map(|t| f(&rows[t])).sum::<f64>() / n
        } else {
            0.0
        }
    };
    let (macro_p, macro_r, macro_f1) = (mean(&|r| r.0), mean(&|r| r.1), mean(&|r| r.2));
    let all = if rows.is_empty() {
        0.0
    } else {
        rows.values().map(|r| r.2).sum::<f64>() / rows.len() as f64
    };
    let share = |a: u32, b: u32| (b > 0).then(|| r6(a as f64 / b as f64));
    let ids: HashSet<&str> = gold.iter().map(|g| g.id.as_str()).collect();
    Metrics {
        unit: "fraction",
        records: gold.len(),
        records_scored: scored,
        micro_p: r6(micro_p),
        micro_r: r6(micro_r),
        micro_f1: r6(micro_f1),
        macro_p: r6(macro_p),
        macro_r: r6(macro_r),
        macro_f1: r6(macro_f1),
        macro_f1_all_types: r6(all),
        gold_types: gold_types.len(),
        no_event_records: noev,
        no_event_correct: noev_ok,
        no_event_share: share(noev_ok, noev),
        source_judged: src_n,
        source_correct: src_ok,
        source_acc: share(src_ok, src_n),
        target_judged: tgt_n,
        target_correct: tgt_ok,
        target_acc: share(tgt_ok, tgt_n),
        records_skipped_unmappable: skipped,
        missing_pred_records: missing,
        extra_pred_records: pred.keys().filter(|k| !ids.contains(k.as_str())).count(),
        pred_unknown_labels: unknown,
        per_type: per
            .iter()
            .map(|(t, c)| {
                (
                    t.clone(),
                    TypeCounts {
                        tp: c[0],
                        fp: c[1],
                        fn_: c[2],
                        f1: r6(rows[t].2),
                    },
                )
            })
            .collect(),
        macro_f1_frac: r6(macro_f1),
    }
}

/// A reader for the Python literals (`[{'actorText': 'X'}]`) some gold files use for actors.
mod pylit {
    use serde_json::{Map, Value};

    pub fn parse(s: &str) -> Option<Value> {
        let mut p = P {
            b: s.as_bytes(),
            i: 0,
        };
        let v = p.value()?;
        p.ws();
        (p.i == p.b.len()).then_some(v)
    }

    struct P<'a> {
        b: &'a [u8],
        i: usize,
    }

    impl P<'_> {
        fn ws(&mut self) {
            while self.i < self.b.len() && self.b[self.i].is_ascii_whitespace() {
                self.i += 1;
            }
        }
        fn eat(&mut self, c: u8) -> bool {
            self.ws();
            if self.b.get(self.i) == Some(&c) {
                self.i += 1;
                true
            } else {
                false
            }
        }
        fn value(&mut self) -> Option<Value> {
            self.ws();
            match *self.b.get(self.i)? {
                b'[' | b'(' => {
                    let close = if self.b[self.i] == b'[' { b']' } else { b')' };
                    self.i += 1;
                    let mut out = Vec::new();
                    loop {
                        if self.eat(close) {
                            return Some(Value::Array(out));
                        }
                        out.push(self.value()?);
                        if !self.eat(b',') {
                            return self.eat(close).then_some(Value::Array(out));
                        }
                    }
                }
                b'{' => {
                    self.i += 1;
                    let mut out = Map::new();
                    loop {
                        if self.eat(b'}') {
                            return Some(Value::Object(out));
                        }
                        let k = match self.value()? {
                            Value::String(s) => s,
                            other => other.to_string(),
                        };
                        if !self.eat(b':') {
                            return None;
                        }
                        out.insert(k, self.value()?);
                        if !self.eat(b',') {
                            return self.eat(b'}').then_some(Value::Object(out));
                        }
                    }
                }
                q @ (b'\'' | b'"') => {
                    self.i += 1;
                    let mut s = Vec::new();
                    while self.i < self.b.len() && self.b[self.i] != q {
                        if self.b[self.i] == b'\\' && self.i + 1 < self.b.len() {
                            self.i += 1;
                            s.push(match self.b[self.i] {
                                b'n' => b'\n',
                                b't' => b'\t',
                                c => c,
                            });
                        } else {
                            s.push(self.b[self.i]);
                        }
                        self.i += 1;
                    }
                    self.i += 1;
                    String::from_utf8(s).ok().map(Value::String)
                }
                _ => {
                    let start = self.i;
                    while self.i < self.b.len()
                        && !matches!(self.b[self.i], b',' | b']' | b')' | b'}' | b':')
                    {
                        self.i += 1;
                    }
                    let word = std::str::from_utf8(&self.b[start..self.i]).ok()?.trim();
                    match word {
                        "None" => Some(Value::Null),
                        "True" => Some(Value::Bool(true)),
                        "False" => Some(Value::Bool(false)),
                        w => serde_json::from_str::<serde_json::Number>(w)
                            .ok()
                            .map(Value::Number),
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cameo_crosswalk_uses_the_longest_prefix() {
        assert_eq!(cameo_to_plover("064", false), Some("COOPERATE"));
        assert_eq!(cameo_to_plover("0874", false), Some("RETREAT"));
        assert_eq!(cameo_to_plover("1712", false), Some("ASSAULT"));
        assert_eq!(cameo_to_plover("171", false), Some("COERCE"));
        assert_eq!(cameo_to_plover("023", true), Some(NONE));
        assert_eq!(cameo_to_plover("223", false), None);
        assert_eq!(cameo_to_plover("", false), None);
    }

    #[test]
    fn acled_classes_map_to_plover_or_stay_unscored() {
        assert_eq!(acled_to_plover("AIR_STRIKE"), Some("ASSAULT"));
        assert_eq!(acled_to_plover("PEACE_PROTEST"), Some("PROTEST"));
        assert_eq!(acled_to_plover("NATURAL_DISASTER"), Some(NONE));
        assert_eq!(acled_to_plover("OTHER"), None);
        let dir = std::env::temp_dir().join(format!("dossier-case-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let p = dir.join("case.tsv");
        std::fs::write(
            &p,
            "id\tEventSnippet\tSubType\n1\tRebels shelled a town.\tART_MISS_ATTACK\n2\tA flood.\tNATURAL_DISASTER\n3\tSomething.\tOTHER\n",
        )
        .unwrap();
        let g = read_gold(&p, false).unwrap();
        assert_eq!(g.len(), 3);
        assert!(g[0].types.contains("ASSAULT") && !g[0].skip);
        assert!(g[1].types.is_empty() && !g[1].skip);
        assert!(g[2].skip);
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn actor_fields_in_every_shape() {
        let v: Value = serde_json::json!([{"actorText": "Moroccan diplomats"}, {"code": "X"}]);
        assert_eq!(
            actor_texts(Some(&v)),
            vec!["Moroccan diplomats".to_string()]
        );
        let s = Value::String("[{'actorText': 'Turkish police', 'code': 'TUR'}]".into());
        assert_eq!(actor_texts(Some(&s)), vec!["Turkish police".to_string()]);
        assert!(actor_match(
            &Some("the police of Turkey".into()),
            &["Turkish police".into()]
        ));
        assert!(!actor_match(&Some("the of".into()), &["of the".into()]));
    }

    #[test]
    fn scores_a_tiny_set() {
        let rec = |id: &str, t: &[&str], src: &[&str]| GoldRecord {
            id: id.into(),
            id_value: Value::String(id.into()),
            text: String::new(),
            types: t.iter().map(|s| s.to_string()).collect(),
            skip: false,
            plover: true,
            sources: src.iter().map(|s| s.to_string()).collect(),
            targets: Vec::new(),
        };
        let gold = vec![
            rec("a", &["AGREE"], &["Ruritania"]),
            rec("b", &["ASSAULT"], &["rebels"]),
            rec("c", &[], &[]),
        ];
        let ev = |k: &str, s: &str| PredEvent {
            kind: k.into(),
            source: Some(s.into()),
            target: None,
        };
        let mut pred = HashMap::new();
        pred.insert("a".to_string(), vec![ev("AGREE", "Ruritania's government")]);
        pred.insert(
            "b".to_string(),
            vec![ev("FIGHT", "the army"), ev("THREATEN", "x")],
        );
        let m = score(&gold, &pred);
        assert_eq!((m.micro_p, m.micro_r), (r6(2.0 / 3.0), 1.0));
        assert_eq!(m.source_judged, 2);
        assert_eq!(m.source_correct, 1);
        assert_eq!(m.no_event_correct, 1);
        assert_eq!(m.missing_pred_records, 1);
    }
}
