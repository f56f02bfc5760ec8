//! Month and weekday names as English news writes them, for every stage that reads dates.

/// The months, lower case, January first.
pub const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// The days of the week, lower case, Monday first (ISO 8601 order).
pub const WEEKDAYS: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// The month (1 to 12) a word names: the whole name, its first three letters or "Sept" ("Dec.",
/// "OCT"), in any case, with or without its full stop.
pub fn month_of(word: &str) -> Option<u8> {
    let w = word.strip_suffix('.').unwrap_or(word);
    if !(3..=9).contains(&w.len()) || !w.is_ascii() {
        return None;
    }
    let w = w.to_ascii_lowercase();
    MONTHS
        .iter()
        .position(|m| *m == w || (w.len() == 3 && m.starts_with(w.as_str())))
        .map(|i| i as u8 + 1)
        .or((w == "sept").then_some(9))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_abbreviations() {
        for (w, m) in [
            ("January", 1),
            ("Dec.", 12),
            ("Sept", 9),
            ("sep", 9),
            ("OCT", 10),
            ("may", 5),
            ("June", 6),
        ] {
            assert_eq!(month_of(w), Some(m), "{w}");
        }
        for w in [
            "",
            "ma",
            "m.",
            "Decembers",
            "septembre",
            "é",
            "Marc",
            "dec..",
            "Jan..",
        ] {
            assert_eq!(month_of(w), None, "{w}");
        }
    }
}
