//! Calendar arithmetic on the anchor date and the TIMEX3 spelling of its results. Every
//! function answers an underspecified value (`XXXX`, `XXXX-XX`...) when there is no anchor.

use jiff::civil::{Date, Weekday};
use jiff::ToSpan;

use crate::lexicon::Feast;

/// Which way an unanchored name ("Friday", "August") points from the anchor.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dir {
    /// The same day or the closest one before.
    Past,
    /// The same day or the closest one after.
    Future,
    /// "last Friday": strictly before, never the anchor itself.
    Before,
    /// "next Friday": strictly after.
    After,
    /// "this Friday": in the anchor's week (or year, for months).
    Same,
    /// The closest occurrence either way (months and dates without a year).
    Nearest,
}

/// How far ahead a month name or a date without a year may point before it is read as past.
const FUTURE_MONTHS: i32 = 2;
const FUTURE_DAYS: i64 = 92;
/// How far ahead a holiday is still read as the coming one in a past-tense sentence.
const NEAR_FEAST_DAYS: i32 = 7;
/// How far back a date without a year may point even in a future-tense sentence.
const RECENT_DAYS: i64 = 31;

pub fn year(y: i32) -> String {
    if (0..=9999).contains(&y) {
        format!("{y:04}")
    } else {
        "XXXX".to_string()
    }
}

pub fn month(y: i32, m: i32) -> String {
    format!("{}-{m:02}", year(y))
}

pub fn date(d: Date) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
}

pub fn week(d: Date) -> String {
    let w = d.iso_week_date();
    format!("{:04}-W{:02}", w.year(), w.week())
}

pub fn quarter_of(d: Date) -> i32 {
    (d.month() as i32 - 1) / 3 + 1
}

/// The anchor's year plus `k`.
pub fn years_from(dct: Option<Date>, k: i32) -> String {
    dct.map_or_else(|| "XXXX".to_string(), |d| year(d.year() as i32 + k))
}

/// The anchor's month plus `k` months.
pub fn months_from(dct: Option<Date>, k: i32) -> String {
    match dct {
        Some(d) => {
            let idx = d.year() as i32 * 12 + d.month() as i32 - 1 + k;
            month(idx.div_euclid(12), idx.rem_euclid(12) + 1)
        }
        None => "XXXX-XX".to_string(),
    }
}

/// The anchor's quarter plus `k` quarters.
pub fn quarters_from(dct: Option<Date>, k: i32) -> String {
    match dct {
        Some(d) => {
            let idx = d.year() as i32 * 4 + quarter_of(d) - 1 + k;
            format!("{}-Q{}", year(idx.div_euclid(4)), idx.rem_euclid(4) + 1)
        }
        None => "XXXX-QX".to_string(),
    }
}

/// The anchor's date plus `k` days.
pub fn days_from(dct: Option<Date>, k: i64) -> String {
    dct.and_then(|d| d.checked_add(k.days()).ok())
        .map_or_else(|| "XXXX-XX-XX".to_string(), date)
}

/// The ISO week of the anchor plus `k` weeks.
pub fn weeks_from(dct: Option<Date>, k: i64) -> String {
    dct.and_then(|d| d.checked_add((7 * k).days()).ok())
        .map_or_else(|| "XXXX-WXX".to_string(), week)
}

/// The date `n` units before (negative) or after the anchor, at the unit's granularity.
pub fn shifted(dct: Option<Date>, unit: crate::lexicon::Unit, n: i64) -> Option<String> {
    use crate::lexicon::Unit as U;
    let n32 = i32::try_from(n).ok()?;
    Some(match unit {
        U::Day => days_from(dct, n),
        U::Week | U::Weekend => weeks_from(dct, n),
        U::Fortnight => weeks_from(dct, 2 * n),
        U::Month => months_from(dct, n32),
        U::Quarter => quarters_from(dct, n32),
        U::Year => years_from(dct, n32),
        U::Decade => match dct {
            Some(d) => {
                let y = d.year() as i32 + 10 * n32;
                if (0..=9999).contains(&y) {
                    format!("{:03}", y / 10)
                } else {
                    "XXX".to_string()
                }
            }
            None => "XXX".to_string(),
        },
        U::Second | U::Minute | U::Hour | U::Century => return None,
    })
}

/// The date of weekday `wd` (1 = Monday) seen from the anchor in direction `dir`.
pub fn weekday(dct: Option<Date>, wd: u8, dir: Dir) -> String {
    let Some(d) = dct else {
        return "XXXX-XX-XX".to_string();
    };
    let Ok(target) = Weekday::from_monday_one_offset(wd as i8) else {
        return "XXXX-XX-XX".to_string();
    };
    let same = d.weekday() == target;
    let r = match dir {
        Dir::Past | Dir::Nearest if same => Ok(d),
        Dir::Future if same => Ok(d),
        Dir::Past | Dir::Before => d.nth_weekday(-1, target),
        Dir::Future | Dir::After => d.nth_weekday(1, target),
        Dir::Nearest => {
            let back = d.weekday().to_monday_one_offset() as i64 - wd as i64;
            let back = back.rem_euclid(7);
            if back <= 3 {
                d.checked_add((-back).days())
            } else {
                d.checked_add((7 - back).days())
            }
        }
        Dir::Same => {
            let delta = wd as i64 - d.weekday().to_monday_one_offset() as i64;
            d.checked_add(delta.days())
        }
    };
    r.map_or_else(|_| "XXXX-XX-XX".to_string(), date)
}

/// Easter Sunday of year `y` in the Gregorian calendar (the anonymous computus).
fn easter(y: i16) -> Option<Date> {
    let y = i32::from(y);
    let (a, b, c) = (y % 19, y / 100, y % 100);
    let (d, e) = (b / 4, b % 4);
    let g = (8 * b + 13) / 25;
    let h = (19 * a + b - d - g + 15) % 30;
    let (i, k) = (c / 4, c % 4);
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 19 * l) / 433;
    let month = (h + l - 7 * m + 90) / 25;
    let day = (h + l - 7 * m + 33 * month + 19) % 32;
    Date::new(y as i16, month as i8, day as i8).ok()
}

/// The date of holiday `f` in year `y`.
pub fn feast_in(f: Feast, y: i16) -> Option<Date> {
    match f {
        Feast::Fixed(m, d) => Date::new(y, m as i8, d as i8).ok(),
        Feast::Nth(m, wd, n) => {
            let wd = Weekday::from_monday_one_offset(wd as i8).ok()?;
            Date::new(y, m as i8, 1)
                .ok()?
                .nth_weekday_of_month(n, wd)
                .ok()
        }
        Feast::Easter(k) => easter(y)?.checked_add(i64::from(k).days()).ok(),
        Feast::Election => {
            let first_monday = Date::new(y, 11, 1)
                .ok()?
                .nth_weekday_of_month(1, Weekday::Monday)
                .ok()?;
            first_monday.checked_add(1.days()).ok()
        }
    }
}

/// The date of holiday `f` seen from the anchor: the last one on or before it (`Past`), the
/// next on or after it (`Future`), strictly before or after (`Before`, `After`), or the one of
/// its year (`Same`, `Nearest`).
pub fn feast(dct: Option<Date>, f: Feast, dir: Dir) -> Option<Date> {
    let d = dct?;
    let y = d.year();
    let around = [y - 1, y, y + 1].map(|yy| feast_in(f, yy));
    let mut it = around.into_iter().flatten();
    // A holiday at most a week ahead is the one meant even in a past-tense sentence ("as
    // Easter week began").
    let soon = around
        .into_iter()
        .flatten()
        .find(|x| *x > d && x.since(d).is_ok_and(|s| s.get_days() <= NEAR_FEAST_DAYS));
    match dir {
        Dir::Past => soon.or_else(|| it.filter(|x| *x <= d).max()),
        Dir::Before => it.filter(|x| *x < d).max(),
        Dir::Future => it.filter(|x| *x >= d).min(),
        Dir::After => it.filter(|x| *x > d).min(),
        Dir::Same | Dir::Nearest => it.find(|x| x.year() == y),
    }
}

/// The year in which month `m` falls, seen from the anchor in direction `dir`.
pub fn year_of_month(dct: Option<Date>, m: u8, dir: Dir) -> Option<i32> {
    let d = dct?;
    let (y, dm, m) = (d.year() as i32, d.month() as i32, m as i32);
    Some(match dir {
        Dir::Same => y,
        Dir::Past => {
            if m <= dm {
                y
            } else {
                y - 1
            }
        }
        // "last February" said in March is the February of the year before.
        Dir::Before => {
            if m < dm - 1 {
                y
            } else {
                y - 1
            }
        }
        Dir::Future => {
            if m >= dm {
                y
            } else {
                y + 1
            }
        }
        Dir::After => {
            if m > dm {
                y
            } else {
                y + 1
            }
        }
        Dir::Nearest => {
            // News mostly reports: a month name is in the past unless it is at most two months ahead.
            let ahead = (m - dm).rem_euclid(12);
            if ahead == 0 {
                y
            } else if ahead <= FUTURE_MONTHS {
                if m > dm {
                    y
                } else {
                    y + 1
                }
            } else if m < dm {
                y
            } else {
                y - 1
            }
        }
    })
}

/// The full date for month `m`, day `day` without a year, seen from the anchor.
pub fn month_day(dct: Option<Date>, m: u8, day: u8, dir: Dir) -> String {
    let unresolved = || format!("XXXX-{m:02}-{day:02}");
    let Some(d) = dct else { return unresolved() };
    let y = d.year();
    let candidates = [y - 1, y, y + 1];
    let dates = candidates
        .iter()
        .filter_map(|&yy| Date::new(yy, m as i8, day as i8).ok());
    let best = match dir {
        Dir::After => dates.filter(|x| *x >= d).min(),
        // A future cue does not move a date of last week to next year.
        Dir::Future => {
            let gap = |x: &Date| x.since(d).map_or(i64::MAX / 4, |s| s.get_days() as i64);
            let ahead = dates.clone().filter(|x| *x >= d).min();
            let behind = dates
                .filter(|x| *x < d)
                .max()
                .filter(|x| gap(x) >= -RECENT_DAYS);
            match (ahead, behind) {
                (Some(a), Some(b)) if gap(&a) > 180 => Some(b),
                (a, _) => a,
            }
        }
        Dir::Past | Dir::Before => dates.filter(|x| *x <= d).max(),
        Dir::Same => Date::new(y, m as i8, day as i8).ok(),
        Dir::Nearest => {
            let gap = |x: &Date| x.since(d).map_or(i64::MAX / 4, |s| s.get_days() as i64);
            let ahead = dates
                .clone()
                .filter(|x| *x > d)
                .min()
                .filter(|x| gap(x) <= FUTURE_DAYS);
            ahead.or_else(|| dates.filter(|x| *x <= d).max())
        }
    };
    best.map_or_else(unresolved, date)
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date as d;

    #[test]
    fn weekdays_point_back_in_past_tense_news() {
        // Monday 2021-10-11.
        let dct = Some(d(2021, 10, 11));
        assert_eq!(weekday(dct, 6, Dir::Past), "2021-10-09");
        assert_eq!(weekday(dct, 1, Dir::Past), "2021-10-11");
        assert_eq!(weekday(dct, 1, Dir::Before), "2021-10-04");
        assert_eq!(weekday(dct, 3, Dir::Future), "2021-10-13");
        assert_eq!(weekday(dct, 5, Dir::Same), "2021-10-15");
        assert_eq!(weekday(None, 5, Dir::Past), "XXXX-XX-XX");
    }

    #[test]
    fn holidays_fall_on_their_rule_dates() {
        assert_eq!(feast_in(Feast::Nth(11, 4, 4), 1999), Some(d(1999, 11, 25)));
        assert_eq!(feast_in(Feast::Easter(0), 2000), Some(d(2000, 4, 23)));
        assert_eq!(feast_in(Feast::Easter(0), 2013), Some(d(2013, 3, 31)));
        assert_eq!(feast_in(Feast::Easter(-2), 2021), Some(d(2021, 4, 2)));
        assert_eq!(feast_in(Feast::Election, 1998), Some(d(1998, 11, 3)));
        assert_eq!(feast_in(Feast::Election, 2020), Some(d(2020, 11, 3)));
        assert_eq!(feast_in(Feast::Nth(5, 1, -1), 2021), Some(d(2021, 5, 31)));
        assert_eq!(feast_in(Feast::Nth(9, 1, 1), 2021), Some(d(2021, 9, 6)));
        let dct = Some(d(2000, 1, 7));
        assert_eq!(
            feast(dct, Feast::Nth(11, 4, 4), Dir::Past),
            Some(d(1999, 11, 25))
        );
        assert_eq!(
            feast(dct, Feast::Fixed(12, 25), Dir::Future),
            Some(d(2000, 12, 25))
        );
        assert_eq!(feast(None, Feast::Fixed(12, 25), Dir::Past), None);
    }

    #[test]
    fn months_and_weeks_shift_across_years() {
        let dct = Some(d(2021, 1, 5));
        assert_eq!(months_from(dct, -1), "2020-12");
        assert_eq!(quarters_from(dct, -1), "2020-Q4");
        assert_eq!(weeks_from(dct, 0), "2021-W01");
        assert_eq!(years_from(dct, -20), "2001");
        assert_eq!(days_from(dct, -5), "2020-12-31");
    }

    #[test]
    fn month_names_resolve_to_the_nearest_sensible_year() {
        let dct = Some(d(2021, 10, 11));
        assert_eq!(year_of_month(dct, 8, Dir::Nearest), Some(2021));
        assert_eq!(year_of_month(dct, 1, Dir::Future), Some(2022));
        assert_eq!(year_of_month(dct, 12, Dir::Past), Some(2020));
        assert_eq!(month_day(dct, 1, 10, Dir::Nearest), "2022-01-10");
        assert_eq!(month_day(dct, 3, 15, Dir::Nearest), "2021-03-15");
        assert_eq!(year_of_month(dct, 3, Dir::Nearest), Some(2021));
        assert_eq!(year_of_month(dct, 12, Dir::Nearest), Some(2021));
        assert_eq!(
            year_of_month(Some(d(2021, 11, 20)), 1, Dir::Nearest),
            Some(2022)
        );
        assert_eq!(month_day(dct, 9, 30, Dir::Nearest), "2021-09-30");
        assert_eq!(month_day(dct, 2, 30, Dir::Nearest), "XXXX-02-30");
    }
}
