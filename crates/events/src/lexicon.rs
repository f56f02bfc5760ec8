//! The predicate lexicon: which words and phrases signal which PLOVER event, read from a plain
//! text file (`data/lexicon.txt`, documented at its top) so that a rule change is a data change.

pub use dossier_core::hash::{FastMap, FastSet};

pub use dossier_core::PLOVER_TYPES as PLOVER;

/// Index of a PLOVER type in [`PLOVER`].
pub type Kind = u8;

pub fn kind_of(name: &str) -> Option<Kind> {
    PLOVER.iter().position(|k| *k == name).map(|i| i as Kind)
}

/// What a matched pattern does in its clause.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Class {
    /// A verb that is the event; its subject is the source.
    Verb,
    /// A noun that is the event ("talks", "a suspension of links").
    Noun,
    /// "promise/pledge/vow to X": AGREE, or THREATEN when X is hostile.
    Commit,
    /// "refuse/decline/rule out X": REJECT whatever X is.
    Refuse,
    /// "urge/ask/call on Y to X": REQUEST.
    Urge,
    /// "prepare to X": MOBILIZE when X is violent, else X itself.
    Prepare,
    /// "begin/continue/try to X": X itself.
    Aspect,
    /// "plan/intend/be about to X": X itself, as an intention.
    Intend,
    /// "consider/may X": X itself, as a hypothesis.
    Hypo,
    /// "hold/stage/launch X": X (a noun) itself, done by the light verb's subject.
    Light,
    /// "say/report/announce (that) X": what follows is reported; the reporter is not the source.
    Report,
    /// "fail to X": X itself, negated.
    Neg,
}

impl Class {
    /// Transparent classes pass the clause on to the next pattern.
    pub fn transparent(self) -> bool {
        matches!(
            self,
            Class::Aspect | Class::Intend | Class::Hypo | Class::Light | Class::Neg
        )
    }
    pub fn control(self) -> bool {
        matches!(
            self,
            Class::Commit | Class::Refuse | Class::Urge | Class::Prepare
        )
    }
    pub fn verbal(self) -> bool {
        self != Class::Noun
    }
}

#[derive(Clone, Debug)]
pub enum Elem {
    /// One token whose lemma is any of these words.
    Word(Vec<u32>),
    /// Up to this many tokens of anything.
    Gap(u8),
}

#[derive(Clone, Debug)]
pub struct Pattern {
    pub kind: Option<Kind>,
    pub mode: Option<Box<str>>,
    pub class: Class,
    pub elems: Vec<Elem>,
    /// Prepositions that introduce the target, beyond the default ones (e.g. `in` for visits).
    pub target_preps: Vec<Box<str>>,
    /// An event only when what it acts on is people ("released the hostages", not "released
    /// results"): the coder checks its object, passive subject or "of" phrase.
    pub people: bool,
    /// No event where it deals in securities, prices or goods ("offer two million shares", "a
    /// tender offer", "yield 4 pct"): its object, passive subject or modifier is a `MARKET` word
    /// or a figure, or it is an -ing form with no auxiliary ("a public offering").
    pub market: bool,
    /// Asks a question rather than for something before a question word ("asked whether").
    pub question: bool,
    /// An event only when its object, if it has one, can name an actor ("met the minister",
    /// not "met the terms"; "fund the rebels", not "fund investments").
    pub actor_object: bool,
    /// 1-based line in the lexicon file, for diagnostics.
    pub line: u32,
}

/// Words that set the mode of an event of a type when they occur in its clause.
#[derive(Clone, Debug)]
pub struct ModeWords {
    pub kind: Kind,
    pub mode: Box<str>,
    pub words: Vec<u32>,
}

#[derive(Clone, Debug, Default)]
pub struct Lexicon {
    vocab: FastMap<Box<str>, u32>,
    pub patterns: Vec<Pattern>,
    by_first: FastMap<u32, Vec<u32>>,
    pub modes: Vec<ModeWords>,
    actor_nouns: FastSet<u32>,
    /// Nouns for people beyond the actor nouns ("detainee", "crew"), for `people` patterns.
    person_nouns: FastSet<u32>,
    /// Words of securities, prices and sales, for `market` patterns.
    market_words: FastSet<u32>,
    /// Lemmas that start a verbal pattern (for clause splitting at "and VERB").
    verb_heads: FastSet<u32>,
    /// Lemmas that have both a verbal and a nominal pattern ("attack", "aid", "protest").
    ambiguous: FastSet<u32>,
    noun_heads: FastSet<u32>,
}

/// The lexicon shipped with dossier.
pub const BUILTIN: &str = include_str!("../data/lexicon.txt");

impl Lexicon {
    pub fn builtin() -> Lexicon {
        Lexicon::parse(BUILTIN).expect("the shipped lexicon parses (checked by a test)")
    }

    fn intern(&mut self, w: &str) -> u32 {
        let n = self.vocab.len() as u32;
        *self.vocab.entry(w.into()).or_insert(n)
    }

    /// The id of a lemma, when the lexicon uses it.
    pub fn id(&self, lemma: &str) -> Option<u32> {
        self.vocab.get(lemma).copied()
    }

    pub fn candidates(&self, first: u32) -> &[u32] {
        self.by_first.get(&first).map_or(&[], |v| v.as_slice())
    }

    pub fn is_actor_noun(&self, id: u32) -> bool {
        self.actor_nouns.contains(&id)
    }
    /// Whether a noun names people: an actor noun or a `PERSON` noun.
    pub fn is_person_noun(&self, id: u32) -> bool {
        self.person_nouns.contains(&id) || self.actor_nouns.contains(&id)
    }
    /// Whether a word belongs to securities, prices and sales ("share", "rate", "tender").
    pub fn is_market_word(&self, id: u32) -> bool {
        self.market_words.contains(&id)
    }
    pub fn is_verb_head(&self, id: u32) -> bool {
        self.verb_heads.contains(&id)
    }
    pub fn is_noun_head(&self, id: u32) -> bool {
        self.noun_heads.contains(&id)
    }
    pub fn is_ambiguous(&self, id: u32) -> bool {
        self.ambiguous.contains(&id)
    }

    /// Reads the lexicon format; errors name the line.
    pub fn parse(text: &str) -> Result<Lexicon, String> {
        let mut lx = Lexicon::default();
        for (i, raw) in text.lines().enumerate() {
            let line_no = i as u32 + 1;
            let line = raw.split('#').next().unwrap_or("").trim();
            if line.is_empty() {
                continue;
            }
            let err = |m: &str| format!("lexicon line {line_no}: {m}: {raw}");
            let mut f = line.split_whitespace();
            let head = f.next().unwrap_or("");
            match head {
                "ACTOR" => {
                    for w in f.flat_map(|a| a.split('|')) {
                        let id = lx.intern(w);
                        lx.actor_nouns.insert(id);
                    }
                }
                "PERSON" => {
                    for w in f.flat_map(|a| a.split('|')) {
                        let id = lx.intern(w);
                        lx.person_nouns.insert(id);
                    }
                }
                "MARKET" => {
                    for w in f.flat_map(|a| a.split('|')) {
                        let id = lx.intern(w);
                        lx.market_words.insert(id);
                    }
                }
                "NOUN" => {
                    for w in f.flat_map(|a| a.split('|')) {
                        let id = lx.intern(w);
                        lx.ambiguous.insert(id);
                    }
                }
                "MODE" => {
                    let kind = f
                        .next()
                        .and_then(kind_of)
                        .ok_or_else(|| err("MODE needs a PLOVER type"))?;
                    let mode = f.next().ok_or_else(|| err("MODE needs a mode"))?.into();
                    let words: Vec<u32> =
                        f.flat_map(|a| a.split('|')).map(|w| lx.intern(w)).collect();
                    if words.is_empty() {
                        return Err(err("MODE needs words"));
                    }
                    lx.modes.push(ModeWords { kind, mode, words });
                }
                _ => {
                    let kind = if head == "-" {
                        None
                    } else {
                        Some(kind_of(head).ok_or_else(|| err("unknown type"))?)
                    };
                    let mode = match f.next() {
                        Some("-") => None,
                        Some(m) => Some(m.into()),
                        None => return Err(err("missing mode")),
                    };
                    let spec = f.next().ok_or_else(|| err("missing class"))?;
                    let mut parts = spec.split(',');
                    let class = match parts.next().unwrap_or("") {
                        "v" => Class::Verb,
                        "n" => Class::Noun,
                        "v:commit" => Class::Commit,
                        "v:refuse" => Class::Refuse,
                        "v:urge" => Class::Urge,
                        "v:prepare" => Class::Prepare,
                        "v:aspect" => Class::Aspect,
                        "v:intend" => Class::Intend,
                        "v:hypo" => Class::Hypo,
                        "v:light" => Class::Light,
                        "v:report" => Class::Report,
                        "v:neg" => Class::Neg,
                        _ => return Err(err("unknown class")),
                    };
                    let mut target_preps = Vec::new();
                    let (mut people, mut market, mut question, mut actor_object) =
                        (false, false, false, false);
                    for p in parts {
                        let flag = match p {
                            "people" => &mut people,
                            "market" => &mut market,
                            "question" => &mut question,
                            "actor" => &mut actor_object,
                            _ => {
                                let preps =
                                    p.strip_prefix("tgt=").ok_or_else(|| err("unknown flag"))?;
                                target_preps.extend(preps.split('+').map(Box::from));
                                continue;
                            }
                        };
                        *flag = true;
                    }
                    // A typeless noun or verb is a phrase that blocks a reading ("news
                    // conference", "asked not to be named").
                    if kind.is_none()
                        && !(class.transparent()
                            || matches!(class, Class::Report | Class::Noun | Class::Verb))
                    {
                        return Err(err(
                            "only transparent classes, nouns and verb phrases may have no type",
                        ));
                    }
                    let mut elems = Vec::new();
                    for e in f {
                        if let Some(n) = e.strip_prefix('~') {
                            let n: u8 = n.parse().map_err(|_| err("bad gap"))?;
                            elems.push(Elem::Gap(n));
                        } else {
                            elems.push(Elem::Word(e.split('|').map(|w| lx.intern(w)).collect()));
                        }
                    }
                    let Some(Elem::Word(first)) = elems.first().cloned() else {
                        return Err(err("a pattern starts with a word"));
                    };
                    if matches!(elems.last(), Some(Elem::Gap(_))) {
                        return Err(err("a pattern ends with a word"));
                    }
                    // a single typeless verb would block every reading of it
                    if kind.is_none() && class == Class::Verb && elems.len() < 2 {
                        return Err(err("a typeless verb pattern needs more than one word"));
                    }
                    let idx = lx.patterns.len() as u32;
                    for id in first {
                        lx.by_first.entry(id).or_default().push(idx);
                        if class.verbal() {
                            lx.verb_heads.insert(id);
                        } else {
                            lx.noun_heads.insert(id);
                        }
                    }
                    lx.patterns.push(Pattern {
                        kind,
                        mode,
                        class,
                        elems,
                        target_preps,
                        people,
                        market,
                        question,
                        actor_object,
                        line: line_no,
                    });
                }
            }
        }
        let amb: Vec<u32> = lx
            .verb_heads
            .intersection(&lx.noun_heads)
            .copied()
            .collect();
        lx.ambiguous.extend(amb);
        Ok(lx)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_lexicon_parses_and_knows_every_type() {
        let lx = Lexicon::parse(BUILTIN).unwrap();
        for (k, name) in PLOVER.iter().enumerate() {
            assert!(
                lx.patterns.iter().any(|p| p.kind == Some(k as Kind)),
                "no pattern for {name}"
            );
        }
        assert!(lx.id("agree").is_some());
    }

    #[test]
    fn bad_lines_name_their_line() {
        let e = Lexicon::parse("AGREE - v agree\nNOTATYPE - v x\n").unwrap_err();
        assert!(e.contains("line 2"), "{e}");
        assert!(Lexicon::parse("AGREE - v ~2 agree").is_err());
        assert!(Lexicon::parse("AGREE - v agree ~2").is_err());
        assert!(Lexicon::parse("- - v agree").is_err());
        assert!(Lexicon::parse("- - v decline ~2 comment").is_ok());
        assert!(Lexicon::parse("AGREE - x:y agree").is_err());
        assert!(Lexicon::parse("AGREE - v,folk agree").is_err());
    }

    #[test]
    fn people_patterns_and_person_nouns() {
        let lx = Lexicon::parse("RETREAT release v,people release\nPERSON detainee\nACTOR rebel\n")
            .unwrap();
        assert!(lx.patterns[0].people);
        assert!(lx.is_person_noun(lx.id("detainee").unwrap()));
        assert!(lx.is_person_noun(lx.id("rebel").unwrap()));
        assert!(!lx.is_actor_noun(lx.id("detainee").unwrap()));
    }
}
