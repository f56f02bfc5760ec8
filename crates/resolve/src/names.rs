//! Name normalisation and the keys that make spelling variants meet: folding (accents, scripts,
//! case), titles, vessel prefixes and legal forms set aside, Arabic compounds in one spelling
//! ("Abd al-", "-uddin", "-ullah"), transliteration skeletons (German, French and English
//! spellings of Russian names, Arabic vowels and diphthongs), a phonetic code, acronym letters,
//! and the table of given names that are one name (`resources/given_names.txt`).

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// What kind of thing a name names; decides which edge words are set aside.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum NameKind {
    Person,
    Org,
    Place,
    #[default]
    Other,
}

impl NameKind {
    pub fn of_type(t: dossier_core::EntityType) -> NameKind {
        match t {
            dossier_core::EntityType::PER => NameKind::Person,
            dossier_core::EntityType::ORG => NameKind::Org,
            dossier_core::EntityType::LOC => NameKind::Place,
            dossier_core::EntityType::MISC => NameKind::Other,
        }
    }
}

/// How a token counts when two names are aligned.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum TokenClass {
    /// A given name, surname or content word.
    Full,
    /// One letter: "A." in "Thomas A. Lindeman".
    Initial,
    /// A father's name: "Vladimirovich", "Ivanovna".
    Patronymic,
    /// "al", "bin", "van", "of": connects names, says little.
    Particle,
}

/// A name taken apart for matching.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Name {
    /// Folded tokens (lower-case ASCII letters and digits), titles and legal forms removed.
    pub tokens: Vec<String>,
    /// Transliteration skeleton of each token.
    pub skels: Vec<String>,
    pub classes: Vec<TokenClass>,
    /// Titles and honorifics found at the edges ("president", "sheikh"), kept as roles.
    pub titles: Vec<String>,
    /// Acronym letters when the surface itself is an acronym ("U.S." -> "us", "IS-K" -> "isk").
    pub acronym: Option<String>,
    /// The kind it was parsed as: places ask more of spelling variants than people.
    #[serde(default)]
    pub kind: NameKind,
    /// For each token, whether a hyphen joins it to the next in the surface ("Leigh-Pemberton").
    #[serde(default)]
    pub hyphen: Vec<bool>,
}

struct Lists {
    titles: HashSet<String>,
    max_title_words: usize,
    legal: HashSet<String>,
    max_legal_words: usize,
    particles: HashSet<String>,
    /// Abbreviation -> the word it shortens ("intl" -> "international").
    abbrev: HashMap<String, String>,
    /// Given name -> the groups of equivalent forms it belongs to (nicknames, other languages).
    given: HashMap<String, Vec<u32>>,
    /// The same by skeleton, for spellings the list does not hold.
    given_skel: HashMap<String, Vec<u32>>,
}

fn lines(data: &str) -> impl Iterator<Item = &str> {
    data.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

fn lists() -> &'static Lists {
    static L: OnceLock<Lists> = OnceLock::new();
    L.get_or_init(|| {
        let fold_all =
            |data: &str| -> HashSet<String> { lines(data).map(|l| tokens(l).join(" ")).collect() };
        let titles = fold_all(include_str!("../resources/titles.txt"));
        let legal = fold_all(dossier_core::legal_forms::LIST);
        let particles = fold_all(include_str!("../resources/particles.txt"));
        let words = |s: &HashSet<String>| s.iter().map(|t| t.split(' ').count()).max().unwrap_or(1);
        let mut given: HashMap<String, Vec<u32>> = HashMap::new();
        for (g, line) in lines(include_str!("../resources/given_names.txt")).enumerate() {
            for t in line.split_whitespace() {
                let groups = given.entry(canon_token(&fold(t))).or_default();
                if !groups.contains(&(g as u32)) {
                    groups.push(g as u32);
                }
            }
        }
        let mut abbrev = HashMap::new();
        for line in lines(include_str!("../resources/abbreviations.txt")) {
            let mut words = line.split_whitespace().map(|w| tokens(w).concat());
            if let Some(full) = words.next() {
                for w in words {
                    abbrev.insert(w, full.clone());
                }
            }
        }
        let mut given_skel: HashMap<String, Vec<u32>> = HashMap::new();
        for (t, groups) in &given {
            let e = given_skel.entry(skeleton(t)).or_default();
            for g in groups {
                if !e.contains(g) {
                    e.push(*g);
                }
            }
        }
        Lists {
            abbrev,
            given,
            given_skel,
            max_title_words: words(&titles),
            max_legal_words: words(&legal),
            titles,
            legal,
            particles,
        }
    })
}

/// Accents stripped, any script transliterated to ASCII, lower case: "Schröder" -> "schroder",
/// "Путин" -> "putin".
pub fn fold(s: &str) -> String {
    // accents go, but the vowel signs of Indic and South-East Asian scripts are vowels: a mark
    // is dropped only after a Latin, Greek or Cyrillic letter
    let mut base = 'a';
    let stripped: String = s
        .nfkd()
        .filter(|&c| {
            if is_combining_mark(c) {
                base >= '\u{0530}'
            } else {
                base = c;
                true
            }
        })
        .collect();
    let mut out = String::with_capacity(stripped.len());
    for c in stripped.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else {
            let t = any_ascii::any_ascii_char(c);
            // a virama or other sign that writes no letter joins, it does not split
            if t.is_empty() && !c.is_alphanumeric() && !is_combining_mark(c) {
                out.push(' ');
            } else {
                for b in t.chars() {
                    out.push(b.to_ascii_lowercase());
                }
            }
        }
    }
    out
}

/// Folded name tokens: split on spaces, hyphens and punctuation; dots and apostrophes inside a
/// word are dropped so "U.S." is one token "us" and "Qa'ida" is "qaida".
pub fn tokens(s: &str) -> Vec<String> {
    hyphenated_tokens(s).0
}

/// `tokens`, with for each token whether a hyphen joins it to the next ("Leigh-Pemberton":
/// `[true, false]`), the mark of a compound written as one word.
pub fn hyphenated_tokens(s: &str) -> (Vec<String>, Vec<bool>) {
    let f = fold(s);
    let mut out = Vec::new();
    let mut glue = Vec::new();
    let mut cur = String::new();
    // the characters between the last token and the next: a hyphen and nothing else joins
    let mut gap = String::new();
    for c in f.chars() {
        if c.is_ascii_alphanumeric() {
            if cur.is_empty() && !out.is_empty() {
                glue.push(gap == "-");
            }
            gap.clear();
            cur.push(c);
        } else if c == '.' || c == '\'' || c == '`' {
            // a dot between letters ("u.s.") joins; "a. b" still splits at the space
        } else {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            gap.push(c);
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    glue.resize(out.len(), false);
    (out, glue)
}

/// One spelling for the Arabic compounds that are written joined, split or with the article
/// assimilated: "abdul"/"abdel"/"abd al"/"abdur" + name -> "abd" + name, "-uddin"/"-eddine"/
/// "al-din" -> "-din", "-ullah"/"-allah"/"-ollah" -> "-ullah". Other tokens pass unchanged.
pub fn canon_token(t: &str) -> String {
    let vowel = |c: u8| matches!(c, b'a' | b'e' | b'i' | b'o' | b'u');
    let mut t = t.to_string();
    for end in ["din", "dine", "deen", "dden"] {
        if let Some(head) = t.strip_suffix(end) {
            let h = head.as_bytes();
            let n = h.len();
            // the article before "din" ("-ud-", "-ed-", "-al-") or a bare linking vowel
            let cut = if n >= 5 && vowel(h[n - 2]) && matches!(h[n - 1], b'l' | b'd') {
                2
            } else if n >= 5 && vowel(h[n - 1]) {
                1
            } else {
                continue;
            };
            t = format!("{}din", &head[..n - cut]);
            break;
        }
    }
    for end in ["ullah", "allah", "ollah", "ulla"] {
        if let Some(head) = t.strip_suffix(end) {
            if head.len() >= 3 {
                t = format!("{head}ullah");
                break;
            }
        }
    }
    // "abd" + linking vowel + article consonant (l, or a sun letter it assimilates to) + name
    let b = t.as_bytes();
    if b.len() > 3 && t.starts_with("abd") && vowel(b[3]) {
        let mut i = 4;
        if i < b.len() && vowel(b[i]) {
            i += 1;
        }
        // after "a"/"e" only the article itself ("al", a doubled sun letter) is cut, since the
        // name may begin with that vowel ("abdaziz"); "i", "o" and "u" only link ("abdikarim")
        let linking = matches!(b[3], b'i' | b'o' | b'u');
        let rest = match b.get(i) {
            None => "",
            Some(b'l') => &t[i + 1..],
            Some(&c) if b.get(i + 1) == Some(&c) => &t[i + 1..],
            Some(&c)
                if matches!(c, b'r' | b's' | b'n' | b't' | b'd' | b'z') && i + 1 == b.len() =>
            {
                ""
            }
            Some(_) if linking => &t[i..],
            Some(_) => return t,
        };
        if rest.is_empty() || rest.len() >= 2 {
            return format!("abd{rest}");
        }
    }
    t
}

/// Whether two given names (with their skeletons) are listed as forms of one name ("william"/"bill",
/// "giuseppe"/"joseph": `Some(true)`), as two names ("daniel"/"daniela": `Some(false)`), or
/// not both listed (`None`).
pub fn given_relation(a: &str, skel_a: &str, b: &str, skel_b: &str) -> Option<bool> {
    let l = lists();
    // a listed spelling first; an unlisted one by its skeleton ("volodimir" as "volodymyr")
    let groups = |t: &str, skel: &str| l.given.get(t).or_else(|| l.given_skel.get(skel));
    match (groups(a, skel_a), groups(b, skel_b)) {
        (Some(x), Some(y)) => Some(x.iter().any(|i| y.contains(i))),
        _ => None,
    }
}

/// True when two tokens are the male and female form of one name or surname: one is the other
/// plus "a" ("daniel"/"daniela", "ivanov"/"ivanova"), or two short names differ only in a
/// final a/o ("maria"/"mario").
pub fn gendered_pair(a: &str, b: &str) -> bool {
    let (s, l) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if s.len() < 3 {
        return false;
    }
    if l.len() == s.len() + 1 {
        return l.starts_with(s)
            && l.ends_with('a')
            && !matches!(
                s.as_bytes()[s.len() - 1],
                b'a' | b'e' | b'i' | b'o' | b'u' | b'y' | b'h'
            );
    }
    if l.len() == s.len() {
        let (x, y) = (s.as_bytes(), l.as_bytes());
        let n = x.len();
        // surnames may swap the vowel between languages ("Lukashenko"/"Lukashenka"): given
        // names only, which are short
        return n <= 7
            && x[..n - 1] == y[..n - 1]
            && matches!((x[n - 1], y[n - 1]), (b'a', b'o') | (b'o', b'a'));
    }
    false
}

/// The acronym letters of a surface that is written as an acronym: all capitals ("NATO"), dotted
/// ("U.S.", "U.S.A."), or capitals joined by hyphens ("IS-K"). `None` for ordinary words.
pub fn acronym_form(surface: &str) -> Option<String> {
    let s = surface.trim();
    let words: Vec<&str> = s.split_whitespace().collect();
    if words.len() != 1 {
        return None;
    }
    let w = words[0];
    let letters: String = w.chars().filter(|c| c.is_alphanumeric()).collect();
    let n = letters.chars().count();
    if !(2..=8).contains(&n) || !letters.chars().next().is_some_and(|c| c.is_alphabetic()) {
        return None;
    }
    let dotted = w.contains('.')
        && w.split('.')
            .filter(|p| !p.is_empty())
            .all(|p| p.chars().count() == 1);
    let caps = letters
        .chars()
        .filter(|c| c.is_alphabetic())
        .all(|c| c.is_uppercase());
    let shape_ok = w
        .chars()
        .all(|c| c.is_alphanumeric() || matches!(c, '-' | '.' | '&'));
    if dotted || (caps && shape_ok) {
        let f = fold(&letters);
        if f.chars().all(|c| c.is_ascii_alphanumeric()) {
            return Some(f);
        }
    }
    None
}

/// True for a father's-name token: "vladimirovich", "ivanovna", "volodymyrovych".
pub fn is_patronymic(t: &str) -> bool {
    const ENDS: [&str; 21] = [
        "ovich", "evich", "ovitch", "evitch", "ovitj", "ovitsj", "owitsj", "owitsch", "ewitsch",
        "owicz", "ewicz", "ovna", "evna", "ovych", "evych", "ovics", "ovici", "ovits", "evits",
        "ovitsh", "avich",
    ];
    t.len() >= 7
        && (ENDS.iter().any(|e| t.ends_with(e)) || t.ends_with("ovic") || t.ends_with("ovitx"))
}

fn is_vowel(c: u8) -> bool {
    matches!(c, b'a' | b'e' | b'i' | b'o' | b'u' | b'y')
}

fn vowel_class(c: u8) -> u8 {
    match c {
        b'a' => b'a',
        b'e' | b'i' | b'y' => b'i',
        _ => b'u',
    }
}

/// The transliteration skeleton of one folded token: consonant digraphs folded (kh/q/ck -> k,
/// ph -> f, w -> v, sh/sch -> s, ch/tch/tsch -> c), silent h dropped, doubled letters merged, a
/// final French "e" dropped, and each run of vowels reduced to one of three classes (a, i, u).
/// "muttaki", "mottaqi" and "muttaqi" all give "mutaki".
pub fn skeleton(t: &str) -> String {
    let b = t.as_bytes();
    let n = b.len();
    let mut cons: Vec<u8> = Vec::with_capacity(n);
    let mut i = 0;
    let at = |i: usize, s: &[u8]| b.len() >= i + s.len() && &b[i..i + s.len()] == s;
    while i < n {
        let c = b[i];
        let (out, step) = if at(i, b"tsch") {
            (b'c', 4)
        } else if at(i, b"sch") || at(i, b"tch") {
            (if c == b's' { b's' } else { b'c' }, 3)
        } else if i == 0 && at(i, b"ch") && b.get(2).is_some_and(|&x| !is_vowel(x)) {
            // German and Greek "ch" before a consonant is "kh": "Chruschtschow", "Christos"
            (b'k', 2)
        } else if at(i, b"ch")
            && i > 0
            && matches!(b[i - 1], b'a' | b'o' | b'u')
            && !matches!(b.get(i + 2), Some(b'e' | b'i'))
        {
            // German "ch" after a back vowel is "kh": "Sacharowa", "Achmed"
            (b'k', 2)
        } else if at(i, b"ch") || at(i, b"cz") || at(i, b"tsj") {
            (b'c', if at(i, b"tsj") { 3 } else { 2 })
        } else if at(i, b"gu") && matches!(b.get(i + 2), Some(b'e' | b'i')) {
            // French and Spanish "gu" before e/i is a hard g: "Evgueni", "Miguel"
            (b'g', 2)
        } else if at(i, b"sh") || at(i, b"sz") {
            (b's', 2)
        } else if at(i, b"kh") || at(i, b"ck") {
            (b'k', 2)
        } else if at(i, b"ph") {
            (b'f', 2)
        } else if at(i, b"zh") {
            (b'j', 2)
        } else {
            let m = match c {
                // "x" inside a word is "ks": "Alexander"/"Aleksandr"
                b'x' if i > 0 => {
                    cons.push(b'k');
                    b's'
                }
                b'q' => b'k',
                // "w" closing a vowel is a vowel ("Jawlani", "Rowhani"); "w" or "v" between two
                // consonants is the long vowel of a script without short ones ("bwtyn" of
                // Arabic, "pvtyn" of Hebrew); elsewhere a "v"
                b'w' | b'v'
                    if i > 0
                        && (c == b'w' || !is_vowel(b[i - 1]))
                        && b.get(i + 1).is_some_and(|&x| !is_vowel(x)) =>
                {
                    b'u'
                }
                b'w' => b'v',
                b'z' => b's',
                // German and Slavic "j" after a consonant or "i", or last, is a "y" glide:
                // "Sjuganow", "Marija", "Anatolij" ("j" after other vowels may be French "zh")
                b'j' if i > 0 && (i + 1 == n || !is_vowel(b[i - 1]) || b[i - 1] == b'i') => b'y',
                b'c' => {
                    if matches!(b.get(i + 1), Some(b'e' | b'i' | b'y')) {
                        b's'
                    } else {
                        b'k'
                    }
                }
                b'h' => {
                    let prev = if i > 0 { Some(b[i - 1]) } else { None };
                    let next = b.get(i + 1).copied();
                    let silent = match prev {
                        None => false,
                        Some(p) if !is_vowel(p) => true,
                        Some(_) => !next.is_some_and(is_vowel),
                    };
                    if silent {
                        i += 1;
                        continue;
                    }
                    b'h'
                }
                b'y' if b.get(i + 1).is_some_and(|&x| is_vowel(x) && x != b'y') && i == 0 => b'j',
                _ => c,
            };
            (m, 1)
        };
        cons.push(out);
        i += step;
    }
    if cons.len() > 3 && cons.last() == Some(&b'e') && !is_vowel(cons[cons.len() - 2]) {
        cons.pop();
    }
    // a leading glide is written "y", "j", "i" or not at all before "e": "Yevgeny"/"Evgeny",
    // "Iouri"/"Yuri"
    if cons.len() >= 4 && cons[0] == b'i' && matches!(cons[1], b'a' | b'o' | b'u') {
        cons[0] = b'j';
    }
    if cons.len() >= 4 && cons[0] == b'j' && cons[1] == b'e' {
        cons.remove(0);
    }
    let mut out: Vec<u8> = Vec::with_capacity(cons.len());
    let mut in_vowels = false;
    for (k, &c) in cons.iter().enumerate() {
        if is_vowel(c) {
            if !in_vowels {
                // "ai", "ei", "ay" write one Arabic diphthong ("Saif"/"Seif", "Husayn"/"Hussein")
                // and "au", "aw" one other ("Jawlani"/"Joulani"/"Julani", "Shaukat"/"Showkat")
                let next = cons.get(k + 1).copied();
                out.push(match (c, next) {
                    (b'a' | b'e', Some(b'i' | b'y')) => b'i',
                    (b'a', Some(b'u')) => b'u',
                    // Korean "eo" and "eu" are o and u sounds: "Jeong"/"Jong", "Geun"/"Gun"
                    (b'e', Some(b'o' | b'u')) => b'u',
                    _ => vowel_class(c),
                });
            }
            in_vowels = true;
        } else {
            in_vowels = false;
            if out.last() != Some(&c) {
                out.push(c);
            }
        }
    }
    // Russian -ov/-ev ends as -ov, -ev, -ow, -ew, -off or -eff: "Gorbatschow", "Smirnoff"
    let m = out.len();
    if m >= 5 && is_vowel(out[m - 2]) && matches!(out[m - 1], b'v' | b'f') {
        out[m - 2] = b'u';
        out[m - 1] = b'v';
    }
    String::from_utf8(out).unwrap_or_default()
}

/// The skeleton without vowels after the first letter: a coarse blocking key ("mtk").
pub fn consonant_key(skel: &str) -> String {
    let mut out = String::with_capacity(skel.len());
    for (i, c) in skel.bytes().enumerate() {
        if i == 0 || !is_vowel(c) {
            out.push(c as char);
        }
    }
    out
}

/// The primary Double Metaphone code of a folded token.
pub fn phonetic(t: &str) -> String {
    static DM: OnceLock<rphonetic::DoubleMetaphone> = OnceLock::new();
    let dm = DM.get_or_init(rphonetic::DoubleMetaphone::default);
    if t.is_empty() || !t.bytes().all(|c| c.is_ascii_alphabetic()) {
        return String::new();
    }
    dm.double_metaphone(t).primary()
}

/// True for a particle or function word ("al", "bin", "of").
pub fn is_particle(t: &str) -> bool {
    lists().particles.contains(t)
}

/// The longest run of listed words at the front (or back) of `toks`, as a count of tokens.
fn edge_match(toks: &[String], set: &HashSet<String>, max_words: usize, front: bool) -> usize {
    let mut best = 0;
    let mut buf = String::new();
    for k in 1..=max_words.min(toks.len()) {
        let slice = if front {
            &toks[..k]
        } else {
            &toks[toks.len() - k..]
        };
        buf.clear();
        for (i, t) in slice.iter().enumerate() {
            if i > 0 {
                buf.push(' ');
            }
            buf.push_str(t);
        }
        if set.contains(&buf) {
            best = k;
        }
    }
    best
}

/// The number a short Roman numeral writes ("ii" -> "2"), for the last word of a name only.
fn roman(t: &str) -> Option<&'static str> {
    Some(match t {
        "ii" => "2",
        "iii" => "3",
        "iv" => "4",
        "vi" => "6",
        "vii" => "7",
        "viii" => "8",
        "ix" => "9",
        _ => return None,
    })
}

fn classify(t: &str, l: &Lists) -> TokenClass {
    if t.len() == 1 && t.as_bytes()[0].is_ascii_alphabetic() {
        TokenClass::Initial
    } else if is_patronymic(t) {
        TokenClass::Patronymic
    } else if l.particles.contains(t) {
        TokenClass::Particle
    } else {
        TokenClass::Full
    }
}

/// Title words that also open the names of bodies and places ("General Motors", "Premier
/// League", "Prince Edward Island", "King County", "Major League Baseball", "St Louis",
/// "Mt Everest", "Lord & Taylor").
const NAME_OPENING_TITLES: [&str; 11] = [
    "general", "premier", "prince", "princess", "king", "queen", "major", "saint", "st", "mt",
    "lord",
];

impl Name {
    /// Parses a surface form. Titles are taken off both edges (kept in `titles`), legal forms off
    /// the end for every kind but places, repeated tokens removed ("Sergey Sergey Shoigu").
    pub fn parse(surface: &str, kind: NameKind) -> Name {
        let l = lists();
        // "H.E." (His/Her Excellency) folds to the word "he"; only its dotted form is a title
        let surface = ["H.E. ", "H. E. "]
            .iter()
            .find_map(|p| surface.trim_start().strip_prefix(p))
            .unwrap_or(surface);
        let (mut toks, mut hyphen) = hyphenated_tokens(surface);
        let acronym = acronym_form(surface);
        let mut titles = Vec::new();
        // a title word that also opens names of bodies and places stays in them: "General
        // Motors", "Prince Edward Island", "St Louis" (a person the tagger typed as a body still
        // loses "Colonel")
        let body_or_place = matches!(kind, NameKind::Org | NameKind::Place);
        if acronym.is_none() {
            loop {
                let k = edge_match(&toks, &l.titles, l.max_title_words, true);
                if k == 0 || k >= toks.len() {
                    break;
                }
                if body_or_place && k == 1 && NAME_OPENING_TITLES.contains(&toks[0].as_str()) {
                    break;
                }
                titles.push(toks[..k].join(" "));
                toks.drain(..k);
                hyphen.drain(..k);
            }
            loop {
                let k = edge_match(&toks, &l.titles, l.max_title_words, false);
                // after a particle the word is a family name: "Al-Shaikh", "Al Sheikh"
                if k == 0 || k >= toks.len() || is_particle(&toks[toks.len() - k - 1]) {
                    break;
                }
                titles.push(toks[toks.len() - k..].join(" "));
                toks.truncate(toks.len() - k);
                hyphen.truncate(toks.len());
            }
            if kind != NameKind::Place {
                loop {
                    let k = edge_match(&toks, &l.legal, l.max_legal_words, false);
                    if k == 0 || k >= toks.len() {
                        break;
                    }
                    toks.truncate(toks.len() - k);
                    hyphen.truncate(toks.len());
                }
                if kind == NameKind::Org && toks.len() > 1 {
                    let k = edge_match(&toks, &l.legal, l.max_legal_words, true);
                    if k > 0 && k < toks.len() {
                        toks.drain(..k);
                        hyphen.drain(..k);
                    }
                }
            }
        }
        let last = toks.len().saturating_sub(1);
        let mut toks: Vec<String> = toks
            .iter()
            .enumerate()
            .map(|(k, t)| match l.abbrev.get(t.as_str()) {
                Some(full) => full.clone(),
                // a regnal or hull number: "Elizabeth II", "Sea Eagle 3"
                None if k == last && k > 0 => roman(t).map_or_else(|| canon_token(t), String::from),
                None => canon_token(t),
            })
            .collect();
        // a repeated word is said once ("Sergey Sergey Shoigu"); articles repeat ("al-X al-Y")
        let mut seen = HashSet::new();
        let keep: Vec<bool> = toks
            .iter()
            .map(|t| is_particle(t) || seen.insert(t.clone()))
            .collect();
        let mut k = 0;
        toks.retain(|_| {
            k += 1;
            keep[k - 1]
        });
        let mut k = 0;
        hyphen.retain(|_| {
            k += 1;
            keep[k - 1]
        });
        if let Some(h) = hyphen.last_mut() {
            *h = false;
        }
        let skels: Vec<String> = toks.iter().map(|t| skeleton(t)).collect();
        let n = toks.len();
        let classes = toks
            .iter()
            .enumerate()
            .map(|(k, t)| {
                let c = classify(t, l);
                // a particle that is also a given name opens a person's name as the given name
                // ("Ben Carson"; not "Ben-Gurion", nor "bin" in "Osama bin Laden")
                let given = k == 0
                    && n >= 2
                    && kind == NameKind::Person
                    && !hyphen.first().copied().unwrap_or(false)
                    && l.given.contains_key(t.as_str());
                if c == TokenClass::Particle && given {
                    TokenClass::Full
                } else if c != TokenClass::Initial {
                    c
                } else if k > 0 && k + 1 < n && (t == "e" || t == "i") {
                    // the Persian linking vowel: "Lashkar-e-Taiba", "Tehrik-i-Taliban"
                    TokenClass::Particle
                } else if kind == NameKind::Org {
                    // a letter in a company name tells it apart ("Vektor-M"); in a person's it
                    // is an initial
                    TokenClass::Full
                } else {
                    c
                }
            })
            .collect();
        // a father's-name ending on the only word after the given name is a surname
        // ("Roman Abramovich", "Dmitri Shostakovich")
        let mut classes: Vec<TokenClass> = classes;
        let full = classes.iter().filter(|c| **c == TokenClass::Full).count();
        if full <= 1 {
            if let Some(k) = classes.iter().rposition(|c| *c == TokenClass::Patronymic) {
                classes[k] = TokenClass::Full;
            }
        }
        // an acronym followed by a legal form is still an acronym ("BMW AG")
        let acronym = acronym.or_else(|| {
            let words: Vec<&str> = surface.split_whitespace().collect();
            let keep = words.len()
                - words
                    .iter()
                    .rev()
                    .take_while(|w| l.legal.contains(&tokens(w).join(" ")))
                    .count();
            (kind != NameKind::Place && keep == 1 && words.len() > 1)
                .then(|| acronym_form(words[0]))
                .flatten()
        });
        Name {
            tokens: toks,
            skels,
            classes,
            titles,
            acronym,
            kind,
            hyphen,
        }
    }

    /// A name from already folded tokens (no titles, no acronym surface).
    pub fn from_tokens(tokens: Vec<String>) -> Name {
        let l = lists();
        let skels = tokens.iter().map(|t| skeleton(t)).collect();
        let classes = tokens.iter().map(|t| classify(t, l)).collect();
        let hyphen = vec![false; tokens.len()];
        Name {
            tokens,
            skels,
            classes,
            titles: Vec::new(),
            acronym: None,
            kind: NameKind::Other,
            hyphen,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.tokens.is_empty()
    }

    /// The tokens of a name that is one hyphenated compound of content words and nothing else
    /// ("Leigh-Pemberton", "Ould-Abdallah"): a double-barrelled surname, which stands for the
    /// full name ending in it as a one-word surname does. `None` for any other name.
    pub fn compound(&self) -> Option<&[String]> {
        let n = self.tokens.len();
        let joined = n >= 2
            && self.classes.iter().all(|c| *c == TokenClass::Full)
            && self.hyphen.len() == n
            && self.hyphen[..n - 1].iter().all(|&h| h);
        joined.then_some(&self.tokens[..])
    }

    /// Number of full (content) tokens.
    pub fn full_count(&self) -> usize {
        self.classes
            .iter()
            .filter(|c| **c == TokenClass::Full)
            .count()
    }

    /// Initials of the content words ("united states" -> "us"), and with function words too when
    /// they differ ("united states of america" -> "usa" and "usoa").
    pub fn initials(&self) -> Vec<String> {
        let mut out = Vec::new();
        if self.tokens.len() < 2 {
            return out;
        }
        let content: String = self
            .tokens
            .iter()
            .filter(|t| !is_particle(t))
            .filter_map(|t| t.chars().next())
            .collect();
        let all: String = self
            .tokens
            .iter()
            .filter_map(|t| t.chars().next())
            .collect();
        if content.len() >= 2 {
            out.push(content.clone());
        }
        if all != content {
            out.push(all);
        }
        out
    }

    /// The folded tokens joined by spaces.
    pub fn joined(&self) -> String {
        self.tokens.join(" ")
    }

    /// Blocking keys: exact folded form, sorted skeletons, consonant key of each content token,
    /// phonetic code of the last content token, and acronym letters. Two names that could match
    /// share at least one key.
    pub fn keys(&self) -> Vec<String> {
        let mut keys = Vec::new();
        if self.tokens.is_empty() {
            return keys;
        }
        if let Some(a) = &self.acronym {
            keys.push(format!("a:{a}"));
        }
        for a in self.initials() {
            keys.push(format!("a:{a}"));
        }
        // a one-token name may be an acronym written in lower case in a query
        if self.tokens.len() == 1
            && self.acronym.is_none()
            && (2..=6).contains(&self.tokens[0].len())
        {
            keys.push(format!("a:{}", self.tokens[0]));
        }
        let mut sorted: Vec<&str> = self.skels.iter().map(String::as_str).collect();
        sorted.sort_unstable();
        keys.push(format!("s:{}", sorted.join(" ")));
        for (i, s) in self.skels.iter().enumerate() {
            if self.classes[i] == TokenClass::Full && s.len() >= 2 {
                keys.push(format!("c:{}", consonant_key(s)));
            }
        }
        if let Some(i) = (0..self.tokens.len())
            .rev()
            .find(|&i| self.classes[i] == TokenClass::Full)
        {
            let p = phonetic(&self.tokens[i]);
            if !p.is_empty() {
                keys.push(format!("p:{p}"));
            }
        }
        keys.sort_unstable();
        keys.dedup();
        keys
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_accents_and_scripts() {
        assert_eq!(fold("Schröder"), "schroder");
        assert_eq!(tokens("Gerhard SCHRÖDER"), vec!["gerhard", "schroder"]);
        assert_eq!(tokens("Путин"), vec!["putin"]);
        assert_eq!(tokens("U.S. officials"), vec!["us", "officials"]);
        assert_eq!(tokens("J.-C. Juncker"), vec!["j", "c", "juncker"]);
    }

    #[test]
    fn skeletons_meet_across_transliterations() {
        assert_eq!(skeleton("gadhafi"), skeleton("gaddafi"));
        assert_eq!(skeleton("muammar"), skeleton("moammar"));
        assert_eq!(skeleton("schroeder"), skeleton("schroder"));
        assert_eq!(skeleton("poutine"), skeleton("putin"));
        assert_eq!(skeleton("wladimir"), skeleton("vladimir"));
        assert_eq!(skeleton("qasim"), skeleton("kasim"));
        assert_ne!(skeleton("putin"), skeleton("pitt"));
    }

    #[test]
    fn titles_and_legal_forms_are_set_aside() {
        let n = Name::parse("President Gerhard Schroeder", NameKind::Person);
        assert_eq!(n.tokens, vec!["gerhard", "schroeder"]);
        assert_eq!(n.titles, vec!["president"]);
        let c = Name::parse("Siemens Aktiengesellschaft", NameKind::Org);
        assert_eq!(c.tokens, vec!["siemens"]);
        // a title word that opens names of bodies and places stays in them; others go
        assert_eq!(
            Name::parse("St Louis", NameKind::Place).tokens,
            vec!["saint", "louis"]
        );
        assert_eq!(
            Name::parse("Colonel Felix Duenas", NameKind::Org).tokens,
            vec!["felix", "duenas"]
        );
        assert_eq!(
            Name::parse("General Motors Corp", NameKind::Org).tokens,
            vec!["general", "motors"]
        );
        assert_eq!(
            Name::parse("Prince Edward Island", NameKind::Place).tokens,
            vec!["prince", "edward", "island"]
        );
        // a title alone stays a name
        assert_eq!(
            Name::parse("President", NameKind::Person).tokens,
            vec!["president"]
        );
    }

    #[test]
    fn acronyms() {
        assert_eq!(acronym_form("U.S."), Some("us".into()));
        assert_eq!(acronym_form("NATO"), Some("nato".into()));
        assert_eq!(acronym_form("AQ-M"), Some("aqm".into()));
        assert_eq!(acronym_form("Nato"), None);
        assert_eq!(acronym_form("United States"), None);
        let n = Name::parse("Democratic Republic of the Congo", NameKind::Place);
        assert!(n.initials().contains(&"drc".to_string()));
    }

    #[test]
    fn arabic_compounds_have_one_spelling() {
        for (a, b) in [
            ("abdulaziz", "abdelaziz"),
            ("abdurrahman", "abdulrahman"),
            ("abdurahman", "abdrahman"),
            ("abdallah", "abdullah"),
            ("jalaluddin", "jalaladdin"),
            ("nasreddine", "nasrdin"),
            ("nasrallah", "nasrullah"),
        ] {
            assert_eq!(canon_token(a), canon_token(b), "{a} {b}");
        }
        assert_eq!(canon_token("abdul"), "abd");
        // a name beginning with the vowel keeps it
        assert_eq!(canon_token("abdaziz"), "abdaziz");
        assert_eq!(canon_token("aladdin"), "aladdin");
    }

    #[test]
    fn russian_and_german_spellings_meet() {
        assert_eq!(skeleton("gorbatschow"), skeleton("gorbachev"));
        assert_eq!(skeleton("smirnoff"), skeleton("smirnov"));
        assert_eq!(skeleton("evgeny"), skeleton("yevgeny"));
        assert_eq!(skeleton("iouri"), skeleton("yuri"));
        assert_eq!(skeleton("sacharowa"), skeleton("zakharova"));
        assert_eq!(skeleton("sjuganow"), skeleton("zyuganov"));
        assert_eq!(skeleton("seif"), skeleton("saif"));
        assert_eq!(skeleton("jawlani"), skeleton("joulani"));
    }

    #[test]
    fn given_names_and_gendered_forms() {
        assert_eq!(
            given_relation("bill", &skeleton("bill"), "william", &skeleton("william")),
            Some(true)
        );
        assert_eq!(
            given_relation(
                "giuseppe",
                &skeleton("giuseppe"),
                "joseph",
                &skeleton("joseph")
            ),
            Some(true)
        );
        assert_eq!(
            given_relation("john", &skeleton("john"), "joan", &skeleton("joan")),
            Some(false)
        );
        assert_eq!(
            given_relation("john", &skeleton("john"), "smith", &skeleton("smith")),
            None
        );
        assert!(gendered_pair("daniel", "daniela"));
        assert!(gendered_pair("ivanov", "ivanova"));
        assert!(gendered_pair("mario", "maria"));
        assert!(!gendered_pair("lukashenko", "lukashenka"));
        assert!(!gendered_pair("ana", "an"));
    }

    #[test]
    fn vessel_prefixes_legal_forms_and_numbers() {
        assert_eq!(
            Name::parse("M/V Ever Given", NameKind::Other).tokens,
            vec!["ever", "given"]
        );
        assert_eq!(
            Name::parse("Sea Eagle III", NameKind::Other).tokens,
            vec!["sea", "eagle", "3"]
        );
        assert_eq!(
            Name::parse("BMW AG", NameKind::Org).acronym,
            Some("bmw".into())
        );
        assert_eq!(
            Name::parse("Acme Intl", NameKind::Org).tokens,
            vec!["acme", "international"]
        );
        // a title word after a particle is a family name
        assert_eq!(
            Name::parse("Hamza Al Sheikh", NameKind::Person).tokens,
            vec!["hamza", "al", "sheikh"]
        );
    }

    #[test]
    fn patronymics() {
        assert!(is_patronymic("vladimirovich"));
        assert!(is_patronymic("ivanovna"));
        assert!(!is_patronymic("ivanov"));
    }

    #[test]
    fn nothing_panics_on_odd_input() {
        for s in [
            "",
            " ",
            "...",
            "-",
            "\u{0}",
            "ß",
            "٣",
            "🙂🙂",
            "a\u{301}\u{301}",
            "Mr",
            "Co Ltd",
            "H.E. ",
            "H.E. H.E.",
            "al",
            "Al Sheikh",
            "भ्",
            "M/V",
        ] {
            let n = Name::parse(s, NameKind::Org);
            let _ = n.keys();
            let _ = skeleton(s);
            let _ = Name::parse(s, NameKind::Person);
            for t in [s, "abd", "abdé", "abdu", "éddin", "aldin", "ullah", "abdل"] {
                let _ = canon_token(t);
                let _ = gendered_pair(s, t);
                let _ = given_relation(s, s, t, t);
            }
        }
    }
}
