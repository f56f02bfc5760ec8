//! A tiny English lemmatiser for the words the lexicon knows: strips the regular inflections
//! (`-s`, `-es`, `-ies`, `-ed`, `-ied`, `-ing`, doubled consonants) and looks up a short list of
//! irregular forms. It proposes candidates; the lexicon's vocabulary decides which one is a word.

/// Inflection seen on the surface form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Form {
    Base,
    /// `-s`: a plural noun or a third-person verb.
    S,
    /// `-ed` or an irregular past form.
    Past,
    Ing,
}

/// Irregular past forms and participles of verbs that event patterns use.
const IRREGULAR: &[(&str, &str)] = &[
    ("met", "meet"),
    ("held", "hold"),
    ("sent", "send"),
    ("fought", "fight"),
    ("struck", "strike"),
    ("stricken", "strike"),
    ("began", "begin"),
    ("begun", "begin"),
    ("took", "take"),
    ("taken", "take"),
    ("gave", "give"),
    ("given", "give"),
    ("shot", "shoot"),
    ("made", "make"),
    ("broke", "break"),
    ("broken", "break"),
    ("threw", "throw"),
    ("thrown", "throw"),
    ("withdrew", "withdraw"),
    ("withdrawn", "withdraw"),
    ("led", "lead"),
    ("sought", "seek"),
    ("told", "tell"),
    ("said", "say"),
    ("says", "say"),
    ("spoke", "speak"),
    ("spoken", "speak"),
    ("brought", "bring"),
    ("beaten", "beat"),
    ("bought", "buy"),
    ("sold", "sell"),
    ("paid", "pay"),
    ("laid", "lay"),
    ("won", "win"),
    ("lost", "lose"),
    ("left", "leave"),
    ("kept", "keep"),
    ("swore", "swear"),
    ("sworn", "swear"),
    ("drove", "drive"),
    ("driven", "drive"),
    ("flew", "fly"),
    ("flown", "fly"),
    ("went", "go"),
    ("gone", "go"),
    ("came", "come"),
    ("stood", "stand"),
    ("undertook", "undertake"),
    ("undertaken", "undertake"),
    ("overthrew", "overthrow"),
    ("overthrown", "overthrow"),
    ("forbade", "forbid"),
    ("forbidden", "forbid"),
    ("stole", "steal"),
    ("stolen", "steal"),
    ("froze", "freeze"),
    ("frozen", "freeze"),
    ("rode", "ride"),
    ("wrote", "write"),
    ("written", "write"),
    ("found", "find"),
    ("fled", "flee"),
    ("bore", "bear"),
    ("seen", "see"),
    ("saw", "see"),
    ("upheld", "uphold"),
    ("withheld", "withhold"),
    ("foresaw", "foresee"),
    ("drew", "draw"),
    ("drawn", "draw"),
    ("rang", "ring"),
    ("arose", "arise"),
    ("blew", "blow"),
    ("blown", "blow"),
    ("slew", "slay"),
    ("slain", "slay"),
    ("knew", "know"),
    ("dealt", "deal"),
    ("meant", "mean"),
    ("put", "put"),
    ("cut", "cut"),
    ("set", "set"),
    ("hit", "hit"),
    ("shut", "shut"),
    ("quit", "quit"),
    ("let", "let"),
    ("cast", "cast"),
    ("spread", "spread"),
    ("hurt", "hurt"),
    ("bid", "bid"),
    ("read", "read"),
    ("fed", "feed"),
    ("bled", "bleed"),
    ("sped", "speed"),
    ("spent", "spend"),
    ("lent", "lend"),
    ("built", "build"),
    ("rebuilt", "rebuild"),
    ("fell", "fall"),
    ("fallen", "fall"),
    ("rose", "rise"),
    ("risen", "rise"),
    ("chose", "choose"),
    ("chosen", "choose"),
    ("forgave", "forgive"),
    ("forgiven", "forgive"),
    ("overran", "overrun"),
    ("caught", "catch"),
    ("swept", "sweep"),
    ("bade", "bid"),
    ("foreswore", "forswear"),
];

/// Past forms that are listed as irregular but also end in `-ed` cannot be told apart from
/// regular ones; every other listed form is past.
pub fn irregular(word: &str) -> Option<&'static str> {
    static MAP: std::sync::OnceLock<crate::lexicon::FastMap<&'static str, &'static str>> =
        std::sync::OnceLock::new();
    MAP.get_or_init(|| IRREGULAR.iter().copied().collect())
        .get(word)
        .copied()
}

/// Calls `try_lemma` with candidate lemmas of the lower-case `word`, best first, until it returns
/// `Some`; gives that value and the inflection the winning candidate implies.
pub fn lemmatise<T>(
    word: &str,
    buf: &mut String,
    mut try_lemma: impl FnMut(&str) -> Option<T>,
) -> Option<(T, Form)> {
    if let Some(v) = try_lemma(word) {
        let form = if word.ends_with("ed") && word.len() > 4 {
            Form::Past
        } else if word.ends_with("ing") && word.len() > 5 {
            Form::Ing
        } else {
            Form::Base
        };
        return Some((v, form));
    }
    if let Some(l) = irregular(word) {
        if let Some(v) = try_lemma(l) {
            let form = if word == "says" { Form::S } else { Form::Past };
            return Some((v, form));
        }
    }
    let mut attempt = |stem: &str, tail: &str, form: Form| -> Option<(T, Form)> {
        buf.clear();
        buf.push_str(stem);
        buf.push_str(tail);
        try_lemma(buf).map(|v| (v, form))
    };
    let n = word.len();
    // Only an ASCII letter doubles: the last two bytes of one multi-byte character may be equal.
    let doubled = |stem: &str| {
        let b = stem.as_bytes();
        b.len() >= 3
            && b[b.len() - 1].is_ascii_alphabetic()
            && b[b.len() - 1] == b[b.len() - 2]
            && !matches!(b[b.len() - 1], b'l' | b's' | b'e' | b'o')
            || b.len() >= 3 && b[b.len() - 1] == b'l' && b[b.len() - 2] == b'l'
    };
    if let Some(stem) = word.strip_suffix("ies").filter(|_| n > 4) {
        if let r @ Some(_) = attempt(stem, "y", Form::S) {
            return r;
        }
    }
    if let Some(stem) = word.strip_suffix("ied").filter(|_| n > 4) {
        if let r @ Some(_) = attempt(stem, "y", Form::Past) {
            return r;
        }
    }
    if let Some(stem) = word.strip_suffix("es").filter(|_| n > 3) {
        if let r @ Some(_) = attempt(stem, "", Form::S) {
            return r;
        }
    }
    if let Some(stem) = word
        .strip_suffix('s')
        .filter(|s| n > 2 && !s.ends_with('s'))
    {
        if let r @ Some(_) = attempt(stem, "", Form::S) {
            return r;
        }
    }
    for (suffix, form) in [("ed", Form::Past), ("ing", Form::Ing)] {
        let Some(stem) = word.strip_suffix(suffix).filter(|s| s.len() >= 2) else {
            continue;
        };
        if let r @ Some(_) = attempt(stem, "", form) {
            return r;
        }
        if let r @ Some(_) = attempt(stem, "e", form) {
            return r;
        }
        if doubled(stem) {
            if let r @ Some(_) = attempt(&stem[..stem.len() - 1], "", form) {
                return r;
            }
        }
    }
    None
}

/// The inflection of a word that is not in the vocabulary, from its ending alone.
pub fn guess_form(word: &str) -> Form {
    if irregular(word).is_some() || word.len() > 4 && word.ends_with("ed") {
        Form::Past
    } else if word.len() > 5 && word.ends_with("ing") {
        Form::Ing
    } else if word.len() > 3 && word.ends_with('s') && !word.ends_with("ss") {
        Form::S
    } else {
        Form::Base
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lemma(word: &str, vocab: &[&str]) -> Option<(String, Form)> {
        let mut buf = String::new();
        lemmatise(word, &mut buf, |c| {
            vocab.contains(&c).then(|| c.to_string())
        })
    }

    #[test]
    fn regular_and_irregular_forms() {
        let v = [
            "agree", "stop", "tie", "carry", "meet", "attack", "shell", "talk", "use",
        ];
        assert_eq!(lemma("agreed", &v), Some(("agree".into(), Form::Past)));
        assert_eq!(lemma("stopped", &v), Some(("stop".into(), Form::Past)));
        assert_eq!(lemma("ties", &v), Some(("tie".into(), Form::S)));
        assert_eq!(lemma("carried", &v), Some(("carry".into(), Form::Past)));
        assert_eq!(lemma("met", &v), Some(("meet".into(), Form::Past)));
        assert_eq!(lemma("attacking", &v), Some(("attack".into(), Form::Ing)));
        assert_eq!(lemma("shelling", &v), Some(("shell".into(), Form::Ing)));
        assert_eq!(lemma("talks", &v), Some(("talk".into(), Form::S)));
        assert_eq!(lemma("using", &v), Some(("use".into(), Form::Ing)));
        assert_eq!(lemma("xyz", &v), None);
    }
}
