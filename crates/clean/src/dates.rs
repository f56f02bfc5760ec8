//! Absolute dates in metadata strings and date lines ("December 10, 2023", "10 Dec 2023",
//! "2023-12-10T08:00:00Z", "26-FEB-1987 16:50:26.50", "Mon, 11 Oct 2021 08:00:00 GMT").
//! Relative page dates ("3 years ago") are recognised only so they can be rejected.

use std::sync::LazyLock;

use regex::Regex;

fn month(word: &str) -> Option<u32> {
    dossier_core::calendar::month_of(word).map(u32::from)
}

fn valid(y: i32, m: u32, d: u32) -> bool {
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        _ => return false,
    };
    (1000..=2999).contains(&y) && d >= 1 && d <= days
}

static ISO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?").unwrap()
});
static MDY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?([a-z]{3,9}\.?)\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b").unwrap()
});
static DMY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?(\d{1,2})(?:st|nd|rd|th)?[\s-]+([a-z]{3,9}\.?)[\s,-]+(\d{4})\b").unwrap()
});
static SLASH: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d{4})/(\d{1,2})/(\d{1,2})\b").unwrap());
/// All-numeric day and month: "12/03/2024", "12.03.2024", "3-12-2024".
static NUMERIC: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d{1,2})([/.-])(\d{1,2})([/.-])(\d{4})\b").unwrap());
static CLOCK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:at\s+|,\s*|\s+)*(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?\s*(am|pm|a\.m\.|p\.m\.)?").unwrap()
});
static RELATIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(\d+|\ban?|\bone|\btwo|\bthree|\bfew)\s+(second|minute|min|hour|hr|day|week|month|year)s?\s+ago\b|\b(yesterday|today|just now)\b").unwrap()
});

/// An absolute date at the start of `s`, as ISO 8601 (`2023-12-10` or `2023-12-10T10:57`), and
/// how many bytes of `s` it used. An all-numeric date is read day first when both readings are
/// possible.
pub fn parse_date_prefix(s: &str) -> Option<(String, usize)> {
    parse_date_prefix_ordered(s, false)
}

/// [`parse_date_prefix`], reading an all-numeric date that could be either way ("03/04/2024")
/// month first when `month_first` (as in the United States). A first number over 12 is a day,
/// a second over 12 is a day, whatever the order.
pub fn parse_date_prefix_ordered(s: &str, month_first: bool) -> Option<(String, usize)> {
    let s_trim = s.trim_start();
    let lead = s.len() - s_trim.len();
    let (y, m, d, used) = if let Some(c) = ISO.captures(s_trim) {
        let (y, m, d) = (c[1].parse().ok()?, c[2].parse().ok()?, c[3].parse().ok()?);
        if let (Some(h), Some(mi)) = (c.get(4), c.get(5)) {
            if valid(y, m, d) {
                return Some((
                    format!("{y:04}-{m:02}-{d:02}T{}:{}", h.as_str(), mi.as_str()),
                    lead + c[0].len(),
                ));
            }
        }
        (y, m, d, c[0].len())
    } else if let Some(c) = MDY.captures(s_trim) {
        (
            c[3].parse().ok()?,
            month(&c[1])?,
            c[2].parse().ok()?,
            c[0].len(),
        )
    } else if let Some(c) = DMY.captures(s_trim) {
        (
            c[3].parse().ok()?,
            month(&c[2])?,
            c[1].parse().ok()?,
            c[0].len(),
        )
    } else if let Some(c) = NUMERIC.captures(s_trim) {
        if c[2] != c[4] {
            return None;
        }
        let (a, b): (u32, u32) = (c[1].parse().ok()?, c[3].parse().ok()?);
        let (m, d) = if a > 12 || (b <= 12 && !month_first) {
            (b, a)
        } else {
            (a, b)
        };
        (c[5].parse().ok()?, m, d, c[0].len())
    } else if let Some(c) = SLASH.captures(s_trim) {
        (
            c[1].parse().ok()?,
            c[2].parse().ok()?,
            c[3].parse().ok()?,
            c[0].len(),
        )
    } else {
        return None;
    };
    if !valid(y, m, d) {
        return None;
    }
    let mut iso = format!("{y:04}-{m:02}-{d:02}");
    let mut used = lead + used;
    if let Some(c) = CLOCK.captures(&s[used..]) {
        let mut h: u32 = c[1].parse().ok()?;
        let mi: u32 = c[2].parse().ok()?;
        let pm = c
            .get(4)
            .is_some_and(|x| x.as_str().to_ascii_lowercase().starts_with('p'));
        let am = c
            .get(4)
            .is_some_and(|x| x.as_str().to_ascii_lowercase().starts_with('a'));
        if pm && h < 12 {
            h += 12;
        } else if am && h == 12 {
            h = 0;
        }
        if h < 24 && mi < 60 {
            iso.push_str(&format!("T{h:02}:{mi:02}"));
            used += c[0].len();
        }
    }
    Some((iso, used))
}

/// A metadata date string (input field, meta tag) as ISO 8601, or `None` when it is not an
/// absolute date.
pub fn normalize_date(s: &str) -> Option<String> {
    if is_relative_date(s) {
        return None;
    }
    let s = s.trim();
    if let Some((iso, _)) = parse_date_prefix(s) {
        return Some(iso);
    }
    // RFC 2822: "Mon, 11 Oct 2021 08:00:00 GMT" is DMY after the weekday, handled above;
    // a bare year is not a publication date.
    None
}

/// True for relative page dates such as "3 years ago", which are never publication dates.
pub fn is_relative_date(s: &str) -> bool {
    RELATIVE.is_match(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats() {
        assert_eq!(
            normalize_date("December 10, 2023").as_deref(),
            Some("2023-12-10")
        );
        assert_eq!(
            normalize_date("Dec. 10, 2023").as_deref(),
            Some("2023-12-10")
        );
        assert_eq!(
            normalize_date("10 December 2023").as_deref(),
            Some("2023-12-10")
        );
        assert_eq!(
            normalize_date("March 3, 2019 at 10:57 am").as_deref(),
            Some("2019-03-03T10:57")
        );
        assert_eq!(
            normalize_date("March 3, 2019 at 1:05 pm").as_deref(),
            Some("2019-03-03T13:05")
        );
        assert_eq!(
            normalize_date("1987-02-26T16:50:26").as_deref(),
            Some("1987-02-26T16:50")
        );
        assert_eq!(
            normalize_date("26-FEB-1987 16:50:26.50").as_deref(),
            Some("1987-02-26T16:50")
        );
        assert_eq!(
            normalize_date("Mon, 11 Oct 2021 08:00:00 GMT").as_deref(),
            Some("2021-10-11T08:00")
        );
        assert_eq!(normalize_date("2021/10/11").as_deref(), Some("2021-10-11"));
        assert_eq!(normalize_date("12/03/2024").as_deref(), Some("2024-03-12"));
        assert_eq!(normalize_date("25.12.2023").as_deref(), Some("2023-12-25"));
        assert_eq!(
            parse_date_prefix_ordered("12/03/2024", true).map(|x| x.0),
            Some("2024-12-03".into())
        );
        assert_eq!(
            parse_date_prefix_ordered("3/25/2024", false).map(|x| x.0),
            Some("2024-03-25".into())
        );
        assert_eq!(normalize_date("12/03-2024"), None);
        assert_eq!(normalize_date("13/13/2024"), None);
    }

    #[test]
    fn not_dates() {
        assert_eq!(normalize_date("3 years ago"), None);
        assert_eq!(normalize_date("2021"), None);
        assert_eq!(normalize_date("February 30, 2021"), None);
        assert_eq!(normalize_date("May we go"), None);
        assert!(is_relative_date("access_time3 years ago"));
    }
}
