//! The words the grammar knows, as one table: each lower-case form and its class.
//!
//! A word that is not here can never start or continue a temporal expression, which is what
//! keeps the scanner fast: most tokens of a text are one failed hash lookup.

use dossier_core::calendar::WEEKDAYS;
use std::collections::HashMap;
use std::sync::LazyLock;

/// Calendar and clock units, with their TIMEX3 duration letters.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    Second,
    Minute,
    Hour,
    Day,
    Week,
    Weekend,
    Fortnight,
    Month,
    Quarter,
    Year,
    Decade,
    Century,
}

impl Unit {
    /// The duration value of `n` units: `P3Y`, `PT2H`, `PXD` when `n` is unknown.
    pub fn duration(self, count: Option<u32>) -> String {
        let n = |k: u32| count.map_or_else(|| "X".to_string(), |v| v.saturating_mul(k).to_string());
        match self {
            Unit::Second => format!("PT{}S", n(1)),
            Unit::Minute => format!("PT{}M", n(1)),
            Unit::Hour => format!("PT{}H", n(1)),
            Unit::Day => format!("P{}D", n(1)),
            Unit::Week => format!("P{}W", n(1)),
            Unit::Weekend => format!("P{}WE", n(1)),
            Unit::Fortnight => format!("P{}W", n(2)),
            Unit::Month => format!("P{}M", n(1)),
            // TimeML practice counts quarters, decades and centuries in months and years
            // ("decades-long" is `PXY` in TimeBank).
            Unit::Quarter => format!("P{}M", n(3)),
            Unit::Year | Unit::Decade if count.is_none() => "PXY".to_string(),
            Unit::Year => format!("P{}Y", n(1)),
            Unit::Decade => format!("P{}Y", n(10)),
            Unit::Century => count.map_or_else(
                || "PXCE".to_string(),
                |v| format!("P{}Y", v.saturating_mul(100)),
            ),
        }
    }
}

impl Unit {
    /// The duration value of `n` and a half units in whole smaller units (`PT5H30M`, `P2Y6M`);
    /// `None` for units without an even half.
    pub fn duration_and_a_half(self, n: u32) -> Option<String> {
        Some(match self {
            Unit::Minute => format!("PT{n}M30S"),
            Unit::Hour => format!("PT{n}H30M"),
            Unit::Day => format!("P{n}DT12H"),
            Unit::Year => format!("P{n}Y6M"),
            _ => return None,
        })
    }
}

/// Parts of the day, with their TIMEX3 codes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PartOfDay {
    Morning,
    Afternoon,
    Evening,
    Night,
}

impl PartOfDay {
    pub fn code(self) -> &'static str {
        match self {
            PartOfDay::Morning => "MO",
            PartOfDay::Afternoon => "AF",
            PartOfDay::Evening => "EV",
            PartOfDay::Night => "NI",
        }
    }
}

/// Function words and cue words the grammar reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum W {
    The,
    A,
    Last,
    Past,
    Previous,
    Next,
    Coming,
    Following,
    This,
    That,
    Current,
    Latest,
    Ago,
    Earlier,
    Later,
    Early,
    Late,
    Mid,
    Middle,
    Beginning,
    Start,
    End,
    About,
    Nearly,
    More,
    Less,
    Than,
    Under,
    At,
    Least,
    Most,
    Up,
    To,
    No,
    Some,
    Several,
    Few,
    Couple,
    Many,
    Of,
    Each,
    Every,
    Per,
    Today,
    Yesterday,
    Tomorrow,
    Tonight,
    Fiscal,
    Half,
    Noon,
    Midnight,
    Am,
    Pm,
    And,
    Or,
    So,
    In,
    On,
    Full,
    Recent,
    Future,
    Present,
    Year,
    Times,
    Twice,
    Other,
    Hundred,
    Thousand,
    Dozen,
    /// Words that point the reader forward: "will", "next", "expected" (direction of weekday names).
    FutureCue,
    /// Reference words valued directly: `now` and the rest.
    Ref(&'static str),
}

/// The class of a word.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lex {
    /// Month 1..=12; `abbr` when it is a short form that may take a period ("Sept.").
    Month(u8, bool),
    /// Weekday 1 (Monday) ..= 7.
    Weekday(u8),
    /// A weekday in the plural ("Mondays"): a SET.
    Weekdays(u8),
    Season(&'static str),
    Unit(Unit, bool),
    /// A number word: "three", "twenty".
    Num(u32),
    /// An ordinal word: "third".
    Ord(u32),
    Pod(PartOfDay),
    /// "daily", "annual": a SET on its own.
    Every(&'static str),
    /// The first word of a holiday's name ("Thanksgiving", "New" of "New Year's Day").
    Holiday,
    W(W),
}

const MONTH_ABBRS: [(&str, u8); 13] = [
    ("jan", 1),
    ("feb", 2),
    ("mar", 3),
    ("apr", 4),
    ("jun", 6),
    ("jul", 7),
    ("aug", 8),
    ("sep", 9),
    ("sept", 9),
    ("oct", 10),
    ("nov", 11),
    ("dec", 12),
    ("febr", 2),
];
const WEEKDAY_ABBRS: [(&str, u8); 6] = [
    ("mon", 1),
    ("tue", 2),
    ("tues", 2),
    ("thu", 4),
    ("thurs", 4),
    ("fri", 5),
];
const SEASONS: [(&str, &str); 5] = [
    ("spring", "SP"),
    ("summer", "SU"),
    ("autumn", "FA"),
    ("fall", "FA"),
    ("winter", "WI"),
];
const UNITS: [(&str, Unit); 12] = [
    ("second", Unit::Second),
    ("minute", Unit::Minute),
    ("hour", Unit::Hour),
    ("day", Unit::Day),
    ("week", Unit::Week),
    ("weekend", Unit::Weekend),
    ("fortnight", Unit::Fortnight),
    ("month", Unit::Month),
    ("quarter", Unit::Quarter),
    ("year", Unit::Year),
    ("decade", Unit::Decade),
    ("century", Unit::Century),
];
const NUMS: [(&str, u32); 28] = [
    ("one", 1),
    ("two", 2),
    ("three", 3),
    ("four", 4),
    ("five", 5),
    ("six", 6),
    ("seven", 7),
    ("eight", 8),
    ("nine", 9),
    ("ten", 10),
    ("eleven", 11),
    ("twelve", 12),
    ("thirteen", 13),
    ("fourteen", 14),
    ("fifteen", 15),
    ("sixteen", 16),
    ("seventeen", 17),
    ("eighteen", 18),
    ("nineteen", 19),
    ("twenty", 20),
    ("thirty", 30),
    ("forty", 40),
    ("fifty", 50),
    ("sixty", 60),
    ("seventy", 70),
    ("eighty", 80),
    ("ninety", 90),
    ("zero", 0),
];
const ORDS: [(&str, u32); 20] = [
    ("first", 1),
    ("second", 2),
    ("third", 3),
    ("fourth", 4),
    ("fifth", 5),
    ("sixth", 6),
    ("seventh", 7),
    ("eighth", 8),
    ("ninth", 9),
    ("tenth", 10),
    ("eleventh", 11),
    ("twelfth", 12),
    ("thirteenth", 13),
    ("fourteenth", 14),
    ("fifteenth", 15),
    ("sixteenth", 16),
    ("seventeenth", 17),
    ("eighteenth", 18),
    ("nineteenth", 19),
    ("twentieth", 20),
];
const PODS: [(&str, PartOfDay); 9] = [
    ("morning", PartOfDay::Morning),
    ("afternoon", PartOfDay::Afternoon),
    ("evening", PartOfDay::Evening),
    ("night", PartOfDay::Night),
    ("overnight", PartOfDay::Night),
    ("mornings", PartOfDay::Morning),
    ("afternoons", PartOfDay::Afternoon),
    ("evenings", PartOfDay::Evening),
    ("nights", PartOfDay::Night),
];
/// Frequency words. "annual" and "quarterly" are left out on purpose: in news they are mostly
/// adjectives of a noun ("annual report") that TimeML practice does not tag; "daily" is kept
/// and the grammar drops its counted-noun uses ("daily flights", "average daily volume").
const EVERY: [(&str, &str); 6] = [
    ("daily", "P1D"),
    ("nightly", "P1D"),
    ("weekly", "P1W"),
    ("monthly", "P1M"),
    ("yearly", "P1Y"),
    ("hourly", "PT1H"),
];
const REFS: [(&str, &str); 6] = [
    ("now", "PRESENT_REF"),
    ("currently", "PRESENT_REF"),
    ("nowadays", "PRESENT_REF"),
    ("recently", "PAST_REF"),
    ("lately", "PAST_REF"),
    ("soon", "FUTURE_REF"),
];
const WORDS: [(&str, W); 80] = [
    ("the", W::The),
    ("a", W::A),
    ("an", W::A),
    ("last", W::Last),
    ("past", W::Past),
    ("previous", W::Previous),
    ("prior", W::Previous),
    ("next", W::Next),
    ("coming", W::Coming),
    ("upcoming", W::Coming),
    ("following", W::Following),
    ("this", W::This),
    ("that", W::That),
    ("current", W::Current),
    ("latest", W::Latest),
    ("ago", W::Ago),
    ("earlier", W::Earlier),
    ("later", W::Later),
    ("early", W::Early),
    ("late", W::Late),
    ("mid", W::Mid),
    ("middle", W::Middle),
    ("beginning", W::Beginning),
    ("start", W::Start),
    ("end", W::End),
    ("about", W::About),
    ("around", W::About),
    ("approximately", W::About),
    ("roughly", W::About),
    ("nearly", W::Nearly),
    ("almost", W::Nearly),
    ("more", W::More),
    ("less", W::Less),
    ("fewer", W::Less),
    ("than", W::Than),
    ("under", W::Under),
    ("at", W::At),
    ("least", W::Least),
    ("most", W::Most),
    ("up", W::Up),
    ("to", W::To),
    ("no", W::No),
    ("some", W::Some),
    ("several", W::Several),
    ("few", W::Few),
    ("couple", W::Couple),
    ("many", W::Many),
    ("of", W::Of),
    ("each", W::Each),
    ("every", W::Every),
    ("per", W::Per),
    ("today", W::Today),
    ("yesterday", W::Yesterday),
    ("tomorrow", W::Tomorrow),
    ("tonight", W::Tonight),
    ("fiscal", W::Fiscal),
    ("half", W::Half),
    ("noon", W::Noon),
    ("midday", W::Noon),
    ("midnight", W::Midnight),
    ("am", W::Am),
    ("pm", W::Pm),
    ("and", W::And),
    ("or", W::Or),
    ("so", W::So),
    ("in", W::In),
    ("on", W::On),
    ("full", W::Full),
    ("recent", W::Recent),
    ("future", W::Future),
    ("present", W::Present),
    ("times", W::Times),
    ("twice", W::Twice),
    ("other", W::Other),
    ("hundred", W::Hundred),
    ("thousand", W::Thousand),
    ("dozen", W::Dozen),
    ("will", W::FutureCue),
    ("shall", W::FutureCue),
    ("ll", W::FutureCue),
];
/// More words that point forward in time; they only feed the direction of weekday and month names.
const FUTURE_CUES: [&str; 9] = [
    "plans",
    "planned",
    "scheduled",
    "expected",
    "due",
    "slated",
    "expects",
    "going",
    "set",
];

/// Past-tense verbs without the "-ed" ending that set the direction of a weekday name ("said
/// Friday"); regular past forms are recognised by their ending.
pub const PAST_VERBS: [&str; 52] = [
    "said", "was", "were", "had", "did", "told", "met", "began", "came", "went", "took", "made",
    "left", "held", "gave", "found", "got", "saw", "won", "lost", "fell", "rose", "ran", "struck",
    "fled", "sent", "spent", "kept", "brought", "caught", "led", "chose", "broke", "spoke",
    "wrote", "drove", "flew", "paid", "sold", "bought", "fought", "felt", "heard", "stood", "shot",
    "became", "hit", "quit", "cut", "put", "knew", "thought",
];
/// Nouns after which "current" is not a time: the balance-sheet and current-affairs senses.
pub const NOT_TIME_NOUNS: [&str; 6] = [
    "account",
    "accounts",
    "affairs",
    "assets",
    "liabilities",
    "events",
];

/// Words besides the lexicon's future cues that point a weekday name forward ("were planning
/// to drive on Monday").
pub const FORWARD_WORDS: [&str; 9] = [
    "plan",
    "planning",
    "intends",
    "intend",
    "hopes",
    "hope",
    "aims",
    "postponed",
    "delayed",
];

/// How a holiday's date is found in a given year.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Feast {
    /// The same month and day every year.
    Fixed(u8, u8),
    /// The `n`-th weekday (1 = Monday) of a month; `n` = -1 for the last.
    Nth(u8, u8, i8),
    /// Days from Easter Sunday.
    Easter(i8),
    /// United States Election Day: the Tuesday after the first Monday of November.
    Election,
}

/// Holiday names as the scanner splits them (lower case, the apostrophe its own token), longest
/// first for each first word, with their dates.
pub const HOLIDAYS: [(&[&str], Feast); 20] = [
    (&["thanksgiving", "day"], Feast::Nth(11, 4, 4)),
    (&["thanksgiving"], Feast::Nth(11, 4, 4)),
    (&["christmas", "eve"], Feast::Fixed(12, 24)),
    (&["christmas", "day"], Feast::Fixed(12, 25)),
    (&["christmas"], Feast::Fixed(12, 25)),
    (&["new", "year", "'", "s", "eve"], Feast::Fixed(12, 31)),
    (&["new", "year", "'", "s", "day"], Feast::Fixed(1, 1)),
    (&["new", "year", "'", "s"], Feast::Fixed(1, 1)),
    (&["election", "day"], Feast::Election),
    (&["labor", "day"], Feast::Nth(9, 1, 1)),
    (&["memorial", "day"], Feast::Nth(5, 1, -1)),
    (&["veterans", "day"], Feast::Fixed(11, 11)),
    (&["boxing", "day"], Feast::Fixed(12, 26)),
    (&["halloween"], Feast::Fixed(10, 31)),
    (&["valentine", "'", "s", "day"], Feast::Fixed(2, 14)),
    (&["easter", "sunday"], Feast::Easter(0)),
    (&["easter", "monday"], Feast::Easter(1)),
    (&["easter"], Feast::Easter(0)),
    (&["good", "friday"], Feast::Easter(-2)),
    (&["palm", "sunday"], Feast::Easter(-7)),
];

/// Decades in words, from the twenties.
pub const DECADE_WORDS: [&str; 8] = [
    "twenties",
    "thirties",
    "forties",
    "fifties",
    "sixties",
    "seventies",
    "eighties",
    "nineties",
];

static TABLE: LazyLock<HashMap<&'static str, Lex>> = LazyLock::new(|| {
    let mut m = HashMap::new();
    for (i, w) in dossier_core::calendar::MONTHS.iter().enumerate() {
        m.insert(*w, Lex::Month(i as u8 + 1, false));
    }
    for (w, n) in MONTH_ABBRS {
        m.insert(w, Lex::Month(n, true));
    }
    for (i, w) in WEEKDAYS.iter().enumerate() {
        m.insert(*w, Lex::Weekday(i as u8 + 1));
    }
    for (w, n) in WEEKDAY_ABBRS {
        m.insert(w, Lex::Weekday(n));
    }
    for (i, w) in [
        "mondays",
        "tuesdays",
        "wednesdays",
        "thursdays",
        "fridays",
        "saturdays",
        "sundays",
    ]
    .iter()
    .enumerate()
    {
        m.insert(*w, Lex::Weekdays(i as u8 + 1));
    }
    for (w, s) in SEASONS {
        m.insert(w, Lex::Season(s));
    }
    for (w, u) in UNITS {
        m.insert(w, Lex::Unit(u, false));
    }
    for (w, u) in [
        ("seconds", Unit::Second),
        ("minutes", Unit::Minute),
        ("mins", Unit::Minute),
        ("hours", Unit::Hour),
        ("hrs", Unit::Hour),
        ("days", Unit::Day),
        ("weeks", Unit::Week),
        ("weekends", Unit::Weekend),
        ("fortnights", Unit::Fortnight),
        ("months", Unit::Month),
        ("quarters", Unit::Quarter),
        ("years", Unit::Year),
        ("decades", Unit::Decade),
        ("centuries", Unit::Century),
    ] {
        m.insert(w, Lex::Unit(u, true));
    }
    for (w, n) in NUMS {
        m.insert(w, Lex::Num(n));
    }
    for (w, n) in ORDS {
        m.insert(w, Lex::Ord(n));
    }
    for (w, p) in PODS {
        m.insert(w, Lex::Pod(p));
    }
    for (words, _) in HOLIDAYS {
        m.insert(words[0], Lex::Holiday);
    }
    for (w, v) in EVERY {
        m.insert(w, Lex::Every(v));
    }
    for (w, v) in REFS {
        m.insert(w, Lex::W(W::Ref(v)));
    }
    for (w, k) in WORDS {
        m.insert(w, Lex::W(k));
    }
    for w in FUTURE_CUES {
        m.insert(w, Lex::W(W::FutureCue));
    }
    m
});

/// The class of a word, case-insensitively; `None` for words the grammar does not use.
pub fn lookup(word: &str) -> Option<Lex> {
    let b = word.as_bytes();
    if b.len() > 16 || !b.is_ascii() {
        return None;
    }
    let mut buf = [0u8; 16];
    for (d, s) in buf.iter_mut().zip(b) {
        *d = s.to_ascii_lowercase();
    }
    // The bytes are ASCII, so this cannot fail.
    let lower = std::str::from_utf8(&buf[..b.len()]).ok()?;
    TABLE.get(lower).copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookup_is_case_insensitive_and_ignores_unknown_words() {
        assert_eq!(lookup("August"), Some(Lex::Month(8, false)));
        assert_eq!(lookup("SEPT"), Some(Lex::Month(9, true)));
        assert_eq!(lookup("saturday"), Some(Lex::Weekday(6)));
        assert_eq!(lookup("years"), Some(Lex::Unit(Unit::Year, true)));
        assert_eq!(lookup("we"), None);
        assert_eq!(lookup("wednesdays-and-more-than-sixteen"), None);
        assert_eq!(lookup("é"), None);
    }

    #[test]
    fn durations_use_timex3_letters() {
        assert_eq!(Unit::Year.duration(Some(20)), "P20Y");
        assert_eq!(Unit::Hour.duration(Some(2)), "PT2H");
        assert_eq!(Unit::Fortnight.duration(Some(1)), "P2W");
        assert_eq!(Unit::Day.duration(None), "PXD");
        assert_eq!(Unit::Decade.duration(Some(2)), "P20Y");
        assert_eq!(Unit::Decade.duration(None), "PXY");
        assert_eq!(Unit::Quarter.duration(Some(3)), "P9M");
    }
}
