//! Invented sentences with the expressions, types and values TimeML practice gives them.

use dossier_core::TimexType::{self, *};
use dossier_time::find_timexes;
use jiff::civil::date;

/// Monday 11 October 2021.
fn monday() -> Option<jiff::civil::Date> {
    Some(date(2021, 10, 11))
}

fn got(
    text: &str,
    dct: Option<jiff::civil::Date>,
) -> Vec<(String, TimexType, String, Option<String>)> {
    find_timexes(text, dct)
        .into_iter()
        .map(|t| (t.span.text(text).to_string(), t.kind, t.value, t.modifier))
        .collect()
}

fn one(text: &str, span: &str, kind: TimexType, value: &str) {
    let all = got(text, monday());
    assert!(
        all.iter()
            .any(|(s, k, v, _)| s == span && *k == kind && v == value),
        "{text:?}: wanted {span:?} {kind:?} {value}, got {all:?}"
    );
}

#[test]
fn weekdays_resolve_backwards_in_past_tense_and_forwards_with_will() {
    one(
        "The envoys met on Saturday in a hotel by the river.",
        "Saturday",
        DATE,
        "2021-10-09",
    );
    one(
        "The envoys will meet again on Thursday.",
        "Thursday",
        DATE,
        "2021-10-14",
    );
    one(
        "The strike began on Friday evening outside the depot.",
        "Friday evening",
        DATE,
        "2021-10-08",
    );
    one(
        "The board meets next Monday.",
        "next Monday",
        DATE,
        "2021-10-18",
    );
    one(
        "The board met last Monday.",
        "last Monday",
        DATE,
        "2021-10-04",
    );
}

#[test]
fn relative_years_months_and_weeks() {
    one(
        "Sales fell last year and rose this year.",
        "last year",
        DATE,
        "2020",
    );
    one(
        "Sales fell last year and rose this year.",
        "this year",
        DATE,
        "2021",
    );
    one(
        "Prices climbed in August after the harvest.",
        "August",
        DATE,
        "2021-08",
    );
    one(
        "The deadline is January 15, 2022, officials said.",
        "January 15, 2022",
        DATE,
        "2022-01-15",
    );
    one(
        "The mill reopened this week.",
        "this week",
        DATE,
        "2021-W41",
    );
    one(
        "The mill closed three years ago.",
        "three years ago",
        DATE,
        "2018",
    );
    one("Yesterday the river rose.", "Yesterday", DATE, "2021-10-10");
    one(
        "Rains are expected tomorrow.",
        "tomorrow",
        DATE,
        "2021-10-12",
    );
    one(
        "The fund shrank in the third quarter.",
        "the third quarter",
        DATE,
        "2021-Q3",
    );
    one("Hikers return in summer.", "summer", DATE, "2021-SU");
    one("Output doubled in the 1980s.", "the 1980s", DATE, "198");
    one(
        "The abbey was built in the 12th century.",
        "the 12th century",
        DATE,
        "11",
    );
    one(
        "They stayed in May 2019 and left in 2020.",
        "May 2019",
        DATE,
        "2019-05",
    );
    one(
        "They stayed in May 2019 and left in 2020.",
        "2020",
        DATE,
        "2020",
    );
    one(
        "The accord was signed on 9 October 2021 in a tent.",
        "9 October 2021",
        DATE,
        "2021-10-09",
    );
}

#[test]
fn durations_with_modifiers() {
    one(
        "The ceasefire held for 20 years before it broke.",
        "20 years",
        DURATION,
        "P20Y",
    );
    one(
        "The two-day summit ended in a draw.",
        "two-day",
        DURATION,
        "P2D",
    );
    one(
        "Output rose over the past decade.",
        "the past decade",
        DURATION,
        "P10Y",
    );
    one(
        "Prices rose over the past three months.",
        "the past three months",
        DURATION,
        "P3M",
    );
    let all = got("He resigned less than two months after the vote.", monday());
    assert_eq!(
        all,
        vec![(
            "less than two months".into(),
            DURATION,
            "P2M".into(),
            Some("LESS_THAN".into())
        )]
    );
    let all = got("The talks lasted more than a week.", monday());
    assert_eq!(
        all,
        vec![(
            "more than a week".into(),
            DURATION,
            "P1W".into(),
            Some("MORE_THAN".into())
        )]
    );
    let all = got("It opened in early March.", monday());
    assert_eq!(
        all,
        vec![(
            "early March".into(),
            DATE,
            "2021-03".into(),
            Some("START".into())
        )]
    );
}

#[test]
fn references_and_sets() {
    one("The plant is now closed.", "now", DATE, "PRESENT_REF");
    one(
        "The plant is currently closed.",
        "currently",
        DATE,
        "PRESENT_REF",
    );
    one("The plant recently closed.", "recently", DATE, "PAST_REF");
    one("The plant will soon reopen.", "soon", DATE, "FUTURE_REF");
    one(
        "The bus runs every Monday.",
        "every Monday",
        SET,
        "XXXX-WXX-1",
    );
    one("The newsletter appears weekly.", "weekly", SET, "P1W");
    one(
        "Trains leave at 7 p.m. on Friday.",
        "7 p.m. on Friday",
        TIME,
        "2021-10-08T19:00",
    );
}

#[test]
fn named_days_are_not_this_weeks_weekdays() {
    for text in [
        "Microsoft released the fixes as part of Patch Tuesday.",
        "Stores opened early for Black Friday.",
        "The march recalled Bloody Sunday.",
    ] {
        assert_eq!(got(text, monday()), vec![], "{text}");
    }
    // A name of a source before the weekday still leaves the weekday a date.
    one(
        "The minister told Reuters Tuesday that talks would go on.",
        "Tuesday",
        DATE,
        "2021-10-05",
    );
    one(
        "A good Friday for the markets.",
        "Friday",
        DATE,
        "2021-10-08",
    );
}

#[test]
fn no_timex_from_pronouns_modal_verbs_or_ordinals() {
    for text in [
        "We may march to the square if we want.",
        "She came second in the race and took a second look.",
        "It may rain; they march on.",
        "Wed to the idea, we stayed.",
    ] {
        assert_eq!(got(text, monday()), vec![], "{text}");
    }
}

#[test]
fn without_an_anchor_relative_values_stay_underspecified() {
    let text = "They met on Saturday, in August, and again last year.";
    let values: Vec<String> = got(text, None).into_iter().map(|t| t.2).collect();
    assert_eq!(values, ["XXXX-XX-XX", "XXXX-08", "XXXX"]);
    let text = "The treaty of 12 June 1990 still holds.";
    assert_eq!(got(text, None)[0].2, "1990-06-12");
}

#[test]
fn spans_are_byte_spans_on_char_boundaries() {
    let text = "Der Vertrag — signed on Tuesday — für zwölf Jahre.";
    for t in find_timexes(text, monday()) {
        assert!(
            text.is_char_boundary(t.span.start as usize)
                && text.is_char_boundary(t.span.end as usize)
        );
        assert_eq!(t.span.text(text), "Tuesday");
    }
}

#[test]
fn never_panics_on_odd_input() {
    let long = "9".repeat(10_000);
    for text in [
        "",
        " ",
        "-",
        "'",
        "'80s",
        "May",
        "12:",
        "12:5 p.m",
        "31 February 2021",
        "the 0th century",
        &long,
        "Jan. 32, 99999",
        "a.m. p.m.",
    ] {
        let _ = find_timexes(text, monday());
        let _ = find_timexes(text, None);
        let _ = find_timexes(text, Some(date(-9999, 1, 1)));
        let _ = find_timexes(text, Some(date(9999, 12, 31)));
    }
}

#[test]
fn report_language() {
    one(
        "Profit rose in the third-quarter results.",
        "third-quarter",
        DATE,
        "2021-Q3",
    );
    one(
        "Sales for this year's second quarter fell.",
        "this year's second quarter",
        DATE,
        "2021-Q2",
    );
    one(
        "Net income fell in the third quarter from the year-earlier period.",
        "the year-earlier period",
        DATE,
        "2020-Q3",
    );
    one("Debt will be cut by year-end.", "year-end", DATE, "2021");
    one(
        "Revenue in the year ended June 30 doubled.",
        "the year",
        DURATION,
        "P1Y",
    );
    one(
        "The dispute has dragged on for years.",
        "years",
        DURATION,
        "PXY",
    );
    one(
        "Rates will stay low in the near future.",
        "the near future",
        DATE,
        "FUTURE_REF",
    );
    assert_eq!(
        got(
            "The bond pays $1.76 a year and the bus runs four trips a week.",
            monday()
        ),
        vec![]
    );
    one("The board meets twice a year.", "a year", SET, "P1Y");
    one("The market opens on Mondays.", "Mondays", SET, "XXXX-WXX-1");
    one(
        "Flights leave on Tuesday nights.",
        "Tuesday nights",
        SET,
        "XXXX-WXX-2TNI",
    );
}

#[test]
fn weekday_direction_follows_the_nearest_tense_cue() {
    // Monday 11 October 2021: past verbs point back, plans and deadlines forward.
    one(
        "He was charged Thursday in a federal court.",
        "Thursday",
        DATE,
        "2021-10-07",
    );
    one(
        "The protesters were planning to march on Wednesday.",
        "Wednesday",
        DATE,
        "2021-10-13",
    );
    one(
        "The ministers could meet as early as Thursday.",
        "Thursday",
        DATE,
        "2021-10-14",
    );
    one(
        "The agency extended its deadline until 9 a.m. Wednesday.",
        "9 a.m. Wednesday",
        TIME,
        "2021-10-13T09:00",
    );
    one(
        "The hall next to the embassy was bombed on Friday.",
        "Friday",
        DATE,
        "2021-10-08",
    );
    one(
        "The summit will be held Friday in Doha.",
        "Friday",
        DATE,
        "2021-10-15",
    );
}

#[test]
fn holidays_resolve_to_their_dates() {
    one(
        "The boy was found on Thanksgiving Day off the coast.",
        "Thanksgiving Day",
        DATE,
        "2020-11-26",
    );
    one(
        "The shops stay open until Christmas Eve.",
        "Christmas Eve",
        DATE,
        "2021-12-24",
    );
    one(
        "They married at Easter 1999.",
        "Easter 1999",
        DATE,
        "1999-04-04",
    );
    one(
        "He lost the race last Election Day.",
        "last Election Day",
        DATE,
        "2020-11-03",
    );
    assert_eq!(got("They sold Christmas trees.", monday()), vec![]);
}

#[test]
fn ages_rates_and_conjunctions_are_not_timexes() {
    for text in [
        "A 6-year-old boy and his 39-year-old uncle were there.",
        "The group might come as soon as the talks end.",
        "He was soon released from the hospital.",
        "The exchange reported its average daily volume and daily flights.",
    ] {
        assert_eq!(got(text, monday()), vec![], "{text}");
    }
    one(
        "They want him back as soon as possible.",
        "as soon as possible",
        DATE,
        "FUTURE_REF",
    );
    one("Such rallies are held almost daily.", "daily", SET, "P1D");
}

#[test]
fn anaphoric_expressions_follow_the_last_date_named() {
    let text = "The rebels took the town on March 3, 2019. The next morning they left, and \
                the following month they came back. The envoy arrived that same day.";
    let all = got(text, monday());
    let value = |span: &str| {
        all.iter()
            .find(|(s, ..)| s == span)
            .map(|(_, _, v, _)| v.clone())
    };
    assert_eq!(value("The next morning").as_deref(), Some("2019-03-04"));
    assert_eq!(value("the following month").as_deref(), Some("2019-04"));
    assert_eq!(value("that same day").as_deref(), Some("2019-04-XX"));
    // With nothing named before, "that day" is generic and left out.
    assert_eq!(got("Traders lost money that day.", monday()), vec![]);
}

#[test]
fn clock_times_with_a_part_of_the_day_and_halves() {
    one(
        "The father will leave at 4 in the morning on Tuesday.",
        "4 in the morning on Tuesday",
        TIME,
        "2021-10-12T04:00",
    );
    one(
        "The flight took 5 1/2 hours.",
        "5 1/2 hours",
        DURATION,
        "PT5H30M",
    );
    one(
        "They waited a minute and a half.",
        "a minute and a half",
        DURATION,
        "PT1M30S",
    );
    one("Prices rose in the nineties.", "the nineties", DATE, "199");
    one(
        "The plant opened a decade ago.",
        "a decade ago",
        DATE,
        "2011",
    );
}

#[test]
fn month_direction_after_ended_and_nouns_that_only_look_like_plans() {
    // Monday 11 October 2021: 31 October is ahead, but a quarter that ended then is last year's.
    one(
        "The company earned $3 million in the quarter ended Oct. 31.",
        "Oct. 31",
        DATE,
        "2020-10-31",
    );
    one(
        "The dividend is payable Oct. 31 to holders of record.",
        "Oct. 31",
        DATE,
        "2021-10-31",
    );
    // "the plan" is a noun here: the date of the announcement is behind us.
    one(
        "The mill announced the plan Aug. 21.",
        "Aug. 21",
        DATE,
        "2021-08-21",
    );
    // A record "set on" a day: no forward cue.
    one(
        "The index closed near its record high set on Sept. 6.",
        "Sept. 6",
        DATE,
        "2021-09-06",
    );
    one(
        "The offensive began as previously planned Saturday night.",
        "Saturday night",
        DATE,
        "2021-10-09TNI",
    );
}

#[test]
fn quarters_and_halves_take_the_year_that_follows() {
    one(
        "Sales rose in the third quarter of fiscal 1999.",
        "the third quarter of fiscal 1999",
        DATE,
        "1999-Q3",
    );
    one(
        "Output fell in the first half of last year.",
        "the first half of last year",
        DATE,
        "2020-H1",
    );
    one(
        "Output fell in the second half of the year.",
        "the second half of the year",
        DATE,
        "2021-H2",
    );
}

#[test]
fn page_chrome_and_glued_counts_give_nothing() {
    // A widget label glued to a relative age, as scraped pages show them.
    for text in [
        "folder_openWorld access_time3 years ago",
        "schedule2 days ago",
    ] {
        assert_eq!(got(text, monday()), vec![], "{text}");
    }
    one("The port shut in August.", "August", DATE, "2021-08");
}

#[test]
fn vague_future_phrases_and_seasons_in_past_tense() {
    one(
        "Margins should widen in the near term.",
        "the near term",
        DATE,
        "FUTURE_REF",
    );
    one(
        "The board will rule at a later date.",
        "a later date",
        DATE,
        "FUTURE_REF",
    );
    one(
        "Talks go on in the weeks ahead.",
        "the weeks ahead",
        DURATION,
        "PXW",
    );
    // Said in October: the summer is this year's; said in March, a past summer is last year's.
    one(
        "They met in the early summer.",
        "the early summer",
        DATE,
        "2021-SU",
    );
    let march = Some(date(2013, 3, 14));
    let all = got("They met in the early summer.", march);
    assert_eq!(all[0].2, "2012-SU", "{all:?}");
    let all = got("They will meet this summer.", march);
    assert_eq!(all[0].2, "2013-SU", "{all:?}");
}

#[test]
fn now_with_a_comma_opening_a_sentence_is_a_discourse_marker() {
    assert_eq!(got("Now, he says, the plan is dead.", monday()), vec![]);
    one("The plan is now dead.", "now", DATE, "PRESENT_REF");
    one("Now the plan is dead.", "Now", DATE, "PRESENT_REF");
}

#[test]
fn a_second_day_joined_to_a_date_and_capital_months_after_the() {
    let all = got("The summit is set for Oct. 24 and 25.", monday());
    let values: Vec<&str> = all.iter().map(|t| t.2.as_str()).collect();
    assert_eq!(values, ["2021-10-24", "2021-10-25"], "{all:?}");
    // A count after the date is not a day.
    let all = got("On Oct. 3 and 25 people were hurt.", monday());
    assert_eq!(all.len(), 1, "{all:?}");
    one(
        "Delegates prepared for the November elections.",
        "November",
        DATE,
        "2021-11",
    );
    one(
        "Delegates prepared for the May elections.",
        "May",
        DATE,
        "2021-05",
    );
    assert_eq!(got("The March on Washington was vast.", monday()), vec![]);
}

#[test]
fn current_and_recent_before_a_noun_and_effective_dates() {
    one(
        "Prices fell on current market conditions.",
        "current",
        DATE,
        "PRESENT_REF",
    );
    one(
        "A recent SEC filing shows the stake.",
        "recent",
        DATE,
        "PAST_REF",
    );
    one(
        "Holders may buy at the then current price.",
        "then current",
        DATE,
        "PAST_REF",
    );
    // The longer reading wins before a unit; no time in the balance-sheet sense or alone.
    one(
        "Sales rose in recent years.",
        "recent years",
        DATE,
        "PAST_REF",
    );
    one(
        "Talks stalled in recent days.",
        "recent days",
        DURATION,
        "PXD",
    );
    one(
        "Talks stalled in recent weeks.",
        "recent weeks",
        DURATION,
        "PXW",
    );
    for text in [
        "Current assets rose.",
        "The current account deficit widened.",
        "It is the most recent one.",
        "The data is current.",
    ] {
        assert_eq!(got(text, monday()), vec![], "{text}");
    }
    // Monday 11 October 2021: a change "effective Feb. 1" is ahead, not eight months back.
    one(
        "The office was created, effective Feb. 1.",
        "Feb. 1",
        DATE,
        "2022-02-01",
    );
}

#[test]
fn a_clock_time_without_a_day_takes_the_day_last_named() {
    one(
        "The doctor was shot on Oct. 2 in his home. He died at 10 p.m. in hospital.",
        "10 p.m.",
        TIME,
        "2021-10-02T22:00",
    );
    one(
        "The doors open at 9 a.m. sharp.",
        "9 a.m.",
        TIME,
        "2021-10-11T09:00",
    );
}

#[test]
fn programme_titles_with_a_capital_unit_are_not_times() {
    for text in [
        "He said on ABC's \"This Week\" that talks would go on.",
        "She told 60 Minutes she had no regrets.",
    ] {
        assert_eq!(got(text, monday()), vec![], "{text}");
    }
    one(
        "The parade was held on Thanksgiving Day.",
        "Thanksgiving Day",
        DATE,
        "2020-11-26",
    );
    one("LAST WEEK THE TALKS FAILED.", "LAST WEEK", DATE, "2021-W40");
    // a headline in Title Case: the capital is the headline's, not a programme's
    one(
        "Talks To Resume Next Week In Doha\n\nThe delegations will meet again.",
        "Next Week",
        DATE,
        "2021-W42",
    );
}

#[test]
fn daily_on_a_daily_basis_but_not_a_newspaper() {
    one("Leads are checked on a daily basis.", "daily", SET, "P1D");
    assert_eq!(
        got("The party daily Granma ran an editorial.", monday()),
        vec![]
    );
}

#[test]
fn parts_of_the_day_after_a_preposition_or_mid() {
    one(
        "Shares fell on Friday. Dealers placed orders in the morning.",
        "the morning",
        TIME,
        "2021-10-08TMO",
    );
    one(
        "By mid afternoon, officials were saying otherwise.",
        "mid afternoon",
        TIME,
        "2021-10-11TAF",
    );
    one(
        "At mid-afternoon yesterday, the shares were up.",
        "mid-afternoon yesterday",
        TIME,
        "2021-10-10TAF",
    );
    // "the morning of Oct. 5" leaves the part of the day to the date after it.
    one(
        "The morning of Oct. 5 was cold.",
        "Oct. 5",
        DATE,
        "2021-10-05",
    );
}

#[test]
fn ends_of_the_current_period_frequencies_and_vague_lengths_before_of() {
    one(
        "Troops will be in place by the end of the month.",
        "the end of the month",
        DATE,
        "2021-10",
    );
    one(
        "By the end of the decade the port will have doubled.",
        "the end of the decade",
        DATE,
        "202",
    );
    one("Once a month, the committee meets.", "a month", SET, "P1M");
    one(
        "The deal came after months of talks.",
        "months",
        DURATION,
        "PXM",
    );
    // "in years of drought" is no length of time.
    assert_eq!(got("In years of drought, crops fail.", monday()), vec![]);
}

#[test]
fn months_after_would_lie_ahead_and_this_year_through_a_month_stays_in_the_year() {
    // Monday 2021-10-11: a past-month reading of January would be nine months back.
    one(
        "The split would be paid on a date in January.",
        "January",
        DATE,
        "2022-01",
    );
    one(
        "Sales were flat this year through August.",
        "August",
        DATE,
        "2021-08",
    );
}

#[test]
fn the_period_a_year_before_the_quarter_under_discussion() {
    one(
        "Net rose in the third quarter from $2 million in the corresponding period last year.",
        "the corresponding period last year",
        DATE,
        "2020-Q3",
    );
    one(
        "Net rose in the third quarter. Sales for last year's quarter were $3 million.",
        "last year's quarter",
        DATE,
        "2020-Q3",
    );
    one(
        "Net rose in the third quarter. For the quarter a year ago, it earned $16 million.",
        "the quarter a year ago",
        DATE,
        "2020-Q3",
    );
}

#[test]
fn plural_lengths_before_long_and_without_a_count() {
    one(
        "It was a decades-long feud.",
        "decades-long",
        DURATION,
        "PXY",
    );
    one(
        "The rebels have fought for decades.",
        "decades",
        DURATION,
        "PXY",
    );
    // "a" counts the feud, not the decades.
    assert!(got("It was a decades-long feud.", monday())
        .iter()
        .all(|(s, _, _, _)| !s.starts_with("a ")));
}

#[test]
fn vague_lengths_after_last_and_took_and_joined_by_or() {
    one(
        "The trial could last weeks or months.",
        "weeks or months",
        DURATION,
        "PXW",
    );
    one("The project took years.", "years", DURATION, "PXY");
}

#[test]
fn weekdays_after_would_lie_ahead_unless_a_past_event_is_named() {
    one(
        "Her lawyer announced that the father would be traveling to Paris Thursday with his wife.",
        "Thursday",
        DATE,
        "2021-10-14",
    );
    one(
        "They said they would look for ways around Wednesday's ruling by the court.",
        "Wednesday",
        DATE,
        "2021-10-06",
    );
    // A noun "plans" does not point forward: "vacation plans for the trip".
    one(
        "On Friday, when she set aside vacation plans for the hastily arranged trip, the office closed.",
        "Friday",
        DATE,
        "2021-10-08",
    );
    // A forward cue far back in a long sentence still counts.
    one(
        "The minister, after a long flight from the capital, is scheduled to spend only five hours on the ground in the port city, her first stop Tuesday morning.",
        "Tuesday morning",
        DATE,
        "2021-10-12TMO",
    );
}

#[test]
fn a_quotation_keeps_its_own_tense_and_a_clock_time_takes_the_day_named_after_it() {
    one(
        "``The father will leave at 4 in the morning (4 a.m. EDT Thursday),'' the leader said.",
        "4 a.m. EDT Thursday",
        TIME,
        "2021-10-14T04:00",
    );
    one(
        "``The father will leave at 4 in the morning (4 a.m. EDT Thursday),'' the leader said.",
        "4 in the morning",
        TIME,
        "2021-10-14T04:00",
    );
    one(
        "The blast occurred at about 10:35 a.m. (0735 GMT) Friday, officials said.",
        "10:35 a.m.",
        TIME,
        "2021-10-08T10:35",
    );
}

#[test]
fn the_week_of_a_date_is_that_week() {
    one(
        "The case was heard the week of Oct. 4, the lawyer said.",
        "the week of Oct. 4",
        DATE,
        "2021-W40",
    );
}

#[test]
fn a_weekday_with_a_part_of_the_day_is_that_part_unless_it_names_the_day() {
    one(
        "The president declared Wednesday night that the talks were over.",
        "Wednesday night",
        DATE,
        "2021-10-06TNI",
    );
    one(
        "The plant was shut on Friday night by the owners.",
        "Friday night",
        DATE,
        "2021-10-08",
    );
    one(
        "Saturday night's debate was the first of three.",
        "Saturday night",
        DATE,
        "2021-10-09",
    );
}
