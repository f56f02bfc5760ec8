//! Event coding on invented sentences, one or more per PLOVER family and per rule (negation,
//! passive, reported speech, modality, background clauses).

#[path = "../examples/common/mod.rs"]
mod common;

use common::doc;
use dossier_core::{Event, Stage};
use dossier_events::EventStage;

/// (type, source words, target words, negated, modality) of each event.
fn code(text: &str) -> Vec<(String, String, String, bool, String)> {
    let mut d = doc(text);
    EventStage::new().run(&mut d).unwrap();
    let words = |a: &Option<dossier_core::Actor>| {
        a.as_ref()
            .map_or(String::new(), |a| d.span_text(a.span).to_string())
    };
    d.events
        .iter()
        .map(|e: &Event| {
            (
                e.kind.clone(),
                words(&e.source),
                words(&e.target),
                e.negated,
                e.modality.clone(),
            )
        })
        .collect()
}

/// Asserts that no text gives an event of `kind`.
fn no_event_of(kind: &str, texts: &[&str]) {
    for text in texts {
        let evs = code(text);
        assert!(evs.iter().all(|e| e.0 != kind), "{text}: {evs:?}");
    }
}

/// Asserts that every text gives an event of `kind`.
fn an_event_of(kind: &str, texts: &[&str]) {
    for text in texts {
        let evs = code(text);
        assert!(evs.iter().any(|e| e.0 == kind), "{text}: {evs:?}");
    }
}

fn one(text: &str) -> (String, String, String, bool, String) {
    let evs = code(text);
    assert_eq!(evs.len(), 1, "{text}: {evs:?}");
    evs.into_iter().next().unwrap()
}

fn has(text: &str, kind: &str, source: &str, target: &str) {
    let evs = code(text);
    assert!(
        evs.iter()
            .any(|e| e.0 == kind && e.1.contains(source) && e.2.contains(target)),
        "{text}: expected {kind} {source} -> {target}, got {evs:?}"
    );
}

#[test]
fn cooperative_families() {
    has(
        "Ruritanian officials agreed on Monday to expand trade with Freedonia.",
        "AGREE",
        "Ruritanian officials",
        "Freedonia",
    );
    has(
        "The foreign minister of Ruritania met his Freedonian counterpart in Geneva.",
        "CONSULT",
        "Ruritania",
        "Freedonian",
    );
    has(
        "Freedonia's president telephoned the Ruritanian prime minister on Friday.",
        "CONSULT",
        "Freedonia",
        "Ruritanian",
    );
    has(
        "Ruritania praised Freedonia for its handling of the dispute.",
        "SUPPORT",
        "Ruritania",
        "Freedonia",
    );
    has(
        "Ruritanian and Freedonian police have been sharing intelligence on smuggling networks.",
        "COOPERATE",
        "Ruritanian",
        "",
    );
    has(
        "Freedonia donated medical supplies to hospitals in Ruritania.",
        "AID",
        "Freedonia",
        "",
    );
    has(
        "The Azurian government conceded to demands from the Farmers Union.",
        "CONCEDE",
        "Azurian government",
        "Farmers Union",
    );
    has(
        "Ruritania withdrew its troops from the Freedonian border.",
        "RETREAT",
        "Ruritania",
        "",
    );
}

#[test]
fn conflictual_families() {
    has(
        "The Freedonian president urged Ruritania to release the detained sailors.",
        "REQUEST",
        "Freedonian president",
        "Ruritania",
    );
    has(
        "Ruritania accused Freedonia of violating its airspace.",
        "ACCUSE",
        "Ruritania",
        "Freedonia",
    );
    has(
        "Freedonia rejected the Ruritanian proposal.",
        "REJECT",
        "Freedonia",
        "Ruritanian",
    );
    has(
        "Freedonia threatened to impose sanctions on Ruritania.",
        "THREATEN",
        "Freedonia",
        "Ruritania",
    );
    has(
        "Thousands of students protested against the Ruritanian government.",
        "PROTEST",
        "students",
        "Ruritanian",
    );
    has(
        "Freedonia recalled its ambassador from Ruritania.",
        "SANCTION",
        "Freedonia",
        "Ruritania",
    );
    has(
        "The Azurian army prepared to launch an offensive against the rebels.",
        "MOBILIZE",
        "Azurian army",
        "rebels",
    );
    has(
        "Azurian police arrested twelve opposition activists.",
        "COERCE",
        "Azurian police",
        "opposition",
    );
    has(
        "Rebels attacked a Ruritanian army base near the capital.",
        "ASSAULT",
        "Rebels",
        "Ruritanian",
    );
}

#[test]
fn passive_voice_swaps_the_arguments() {
    let e = one("A convoy of Freedonian aid workers was ambushed by Azurian militants.");
    assert_eq!(e.0, "ASSAULT");
    assert!(e.1.contains("Azurian militants"), "{e:?}");
    assert!(e.2.contains("Freedonian"), "{e:?}");
}

#[test]
fn nominal_events_with_between() {
    let evs = code("Talks between Ruritania and Freedonia ended without agreement.");
    assert_eq!(evs.len(), 1, "{evs:?}");
    assert_eq!(
        (evs[0].0.as_str(), evs[0].1.as_str(), evs[0].2.as_str()),
        ("CONSULT", "Ruritania", "Freedonia")
    );
    has(
        "Ruritania held a meeting with Freedonian envoys in the capital.",
        "CONSULT",
        "Ruritania",
        "Freedonian",
    );
}

#[test]
fn negation_refusal_and_modality() {
    let e = one("Ruritania did not agree to the plan.");
    assert_eq!((e.0.as_str(), e.3), ("AGREE", true));
    let e = one("Freedonia refused to cooperate with the inquiry.");
    assert_eq!((e.0.as_str(), e.3), ("REJECT", false));
    let e = one("The prime minister ruled out cooperation with the opposition.");
    assert_eq!(e.0, "REJECT");
    let e = one("Ruritania would consider sending troops to the border.");
    assert_eq!(e.4, "hypothetical");
    let e = one("Ruritania failed to reach an agreement with Freedonia.");
    assert_eq!((e.0.as_str(), e.3), ("AGREE", true));
}

#[test]
fn intentions_refusals_and_conditions() {
    let e = one("Ruritania will not take part in the talks.");
    assert_eq!((e.0.as_str(), e.3), ("REJECT", false));
    let evs = code(
        "Ruritania said it would send troops to the border if Freedonia shelled its villages.",
    );
    assert_eq!(evs.len(), 2, "{evs:?}");
    assert_eq!(
        (evs[0].0.as_str(), evs[0].4.as_str()),
        ("THREATEN", "intended")
    );
    assert_eq!(evs[1].4, "condition");
    let e = one("Freedonian President Oren Kast will visit Ruritania next week.");
    assert_eq!((e.0.as_str(), e.4.as_str()), ("AGREE", "intended"));
}

#[test]
fn reported_speech_is_sourced_to_the_doer() {
    let e =
        one("A Freedonian spokesman said the Ruritanian government agreed to provide assistance.");
    assert_eq!(e.0, "AGREE");
    assert!(e.1.contains("Ruritanian government"), "{e:?}");
    assert_eq!(e.4, "reported");
    let e = one("Ruritania has cut diplomatic ties with Freedonia, a government spokesman said.");
    assert_eq!((e.0.as_str(), e.4.as_str()), ("SANCTION", "reported"));
}

#[test]
fn a_reporting_verb_with_a_noun_object_shares_its_subject() {
    // "noted" takes a noun here, not a clause: "criticised" is the minister's own act.
    has(
        "The Ruritanian minister noted delays in prisoner releases and criticised Freedonia for its sanctions.",
        "ACCUSE",
        "Ruritanian minister",
        "Freedonia",
    );
    // A reported clause with its own verb keeps its own subject.
    has(
        "The spokesman said Freedonia had delayed the talks and criticised Ruritania.",
        "ACCUSE",
        "Freedonia",
        "Ruritania",
    );
}

#[test]
fn title_case_headlines_take_actors_from_names_only() {
    let text = "Freedonian Minister Rejects Border Dialogue, Calls Past Talks ‘Bitter Experience’";
    let mut d = doc(text);
    // The NER's answer for such a line: one name, not every capitalised word.
    d.mentions = vec![dossier_core::Mention {
        span: dossier_core::Span::new(0, "Freedonian".len()),
        label: dossier_core::EntityType::MISC,
        score: 0.9,
    }];
    EventStage::new().run(&mut d).unwrap();
    assert!(!d.events.is_empty(), "the rejection is still an event");
    for e in &d.events {
        for a in [&e.source, &e.target].into_iter().flatten() {
            let words = d.span_text(a.span);
            assert!(
                !words.contains("Past") && !words.contains("Bitter"),
                "a capitalised common word taken for an actor: {words:?} in {:?}",
                d.events
            );
        }
    }
}

#[test]
fn an_event_noun_is_no_actor() {
    // The attack did the killing; the place after it is not the attacker.
    for e in code("Friday's attack on a border post near Northtown killed 14 people.") {
        assert!(!e.1.contains("Northtown"), "{e:?}");
    }
    has(
        "The attack by Freedonian militants killed 14 people.",
        "ASSAULT",
        "Freedonian militants",
        "",
    );
    // A dateline is a place, not the subject of the sentence after it.
    for text in [
        "NORTHTOWN, March 15 — Friday's attack on a border post killed 14 people.",
        "NORTHTOWN (Example Wire) - Friday's attack on a border post killed 14 people.",
        "NORTHTOWN, Freedonia -- Friday's attack on a border post killed 14 people.",
    ] {
        let evs = code(text);
        assert!(evs.iter().any(|e| e.0 == "ASSAULT"), "{text}: {evs:?}");
        for e in evs {
            assert!(!e.1.contains("NORTHTOWN"), "{text}: {e:?}");
        }
    }
    // A noun after the verb is its object: calling an attack a crime is no attack.
    let evs = code("The Ruritanian minister called the attack a crime against the region.");
    assert!(
        !evs.iter()
            .any(|e| e.0 == "ASSAULT" && e.1.contains("minister")),
        "{evs:?}"
    );
}

#[test]
fn nouns_that_look_like_verbs() {
    let evs = code("Finance charges rose to 4.1 mln dlrs from 5.4 mln.");
    assert!(evs.is_empty(), "{evs:?}");
    assert!(code("Federal funds were trading at six pct when the market opened.").is_empty());
    // After a determiner and an adjective a bare form is a noun.
    let evs = code("The retreat included a chaotic airlift of Freedonian residents.");
    assert!(evs.iter().all(|e| e.0 != "AID"), "{evs:?}");
    // "due to" before a noun is a cause, not an intention.
    let evs = code("Ruritania drove out the rebels due to the Freedonian invasion.");
    assert!(evs.iter().all(|e| e.0 != "THREATEN"), "{evs:?}");
    has(
        "The Freedonian envoy travelled to Ruritania on Monday.",
        "CONSULT",
        "Freedonian envoy",
        "Ruritania",
    );
    // A compound noun after an actor noun is no verb.
    let evs = code("The minister noted delays in prisoner releases.");
    assert!(evs.is_empty(), "{evs:?}");
    // The same words as verbs still are events.
    has(
        "The Ruritanian government supports the Freedonian rebels.",
        "SUPPORT",
        "Ruritanian government",
        "Freedonian rebels",
    );
    has(
        "Ruritania funds the Freedonian rebels, officials said.",
        "AID",
        "Ruritania",
        "Freedonian rebels",
    );
}

#[test]
fn subjects_of_relative_and_coordinated_clauses() {
    // The commander fought, not the leader the sentence is about.
    has(
        "Its leader is the son of a Freedonian commander who fought against the occupation of Ruritania.",
        "ASSAULT",
        "commander",
        "Ruritania",
    );
    // A pronoun is a phrase of its own.
    let evs = code("That is what we want and we are trying to discuss it with Freedonia.");
    assert!(evs.iter().all(|e| e.1.is_empty() || e.1 == "we"), "{evs:?}");
    // A noun event takes no doer from an earlier clause.
    for e in code("The Freedonian economy is near collapse, international aid is on hold.") {
        assert!(!e.1.contains("Freedonian"), "{e:?}");
    }
}

#[test]
fn background_clauses_are_marked() {
    let evs =
        code("Ruritania arrested twelve activists after Freedonian troops shelled a village.");
    assert_eq!(evs.len(), 2, "{evs:?}");
    assert_eq!(
        (evs[0].0.as_str(), evs[0].4.as_str()),
        ("COERCE", "asserted")
    );
    assert_eq!(
        (evs[1].0.as_str(), evs[1].4.as_str()),
        ("ASSAULT", "background")
    );
}

#[test]
fn sentences_without_events_stay_empty() {
    assert!(code("The weather in Northtown was mild on Tuesday.").is_empty());
    assert!(code("").is_empty());
    assert!(code("The aid groups published a report on the harvest.").is_empty());
}

/// (type, mode, source, target, location, reporter) of each event.
fn detail(text: &str) -> Vec<[String; 6]> {
    let mut d = doc(text);
    EventStage::new().run(&mut d).unwrap();
    let words = |a: &Option<dossier_core::Actor>| {
        a.as_ref()
            .map_or(String::new(), |a| d.span_text(a.span).to_string())
    };
    d.events
        .iter()
        .map(|e| {
            [
                e.kind.clone(),
                e.mode.clone().unwrap_or_default(),
                words(&e.source),
                words(&e.target),
                words(&e.location),
                words(&e.reported_by),
            ]
        })
        .collect()
}

#[test]
fn reported_speech_names_its_reporter() {
    let evs = detail("The rebel spokesman said that Freedonia agreed to release the prisoners.");
    assert_eq!(evs[0][0], "AGREE", "{evs:?}");
    assert_eq!(evs[0][2], "Freedonia");
    assert_eq!(evs[0][5], "rebel spokesman");
    let evs = detail("Ruritanian troops shelled the port, according to the Freedonian navy.");
    assert_eq!(evs[0][0], "ASSAULT", "{evs:?}");
    assert_eq!(evs[0][5], "Freedonian navy");
    let evs = detail("Freedonia expelled two diplomats, the ministry said, without elaborating.");
    assert_eq!(evs[0][5], "ministry", "{evs:?}");
}

#[test]
fn requests_and_rejections_name_what_they_ask_or_refuse() {
    let evs = detail("The Northern delegation asked Ruritania to lift its ban on grain exports.");
    assert_eq!(
        (evs[0][0].as_str(), evs[0][1].as_str(), evs[0][3].as_str()),
        ("REQUEST", "yield", "Ruritania"),
        "{evs:?}"
    );
    let evs = detail("The Freedonian premier dismissed any dialogue with the rebels.");
    assert_eq!(
        (evs[0][0].as_str(), evs[0][1].as_str()),
        ("REJECT", "meet"),
        "{evs:?}"
    );
}

#[test]
fn parties_of_joint_events_and_places() {
    let evs = detail("Ruritanian officials and Freedonian envoys discussed trade in Northtown.");
    assert_eq!(
        [&evs[0][0], &evs[0][2], &evs[0][3], &evs[0][4]],
        [
            "CONSULT",
            "Ruritanian officials",
            "Freedonian envoys",
            "Northtown"
        ],
        "{evs:?}"
    );
    let evs = detail("A meeting to discuss peace between Ruritania and the Northern Front ended without progress.");
    assert_eq!(
        [&evs[0][0], &evs[0][2], &evs[0][3]],
        ["CONSULT", "Ruritania", "Northern Front"],
        "{evs:?}"
    );
    // An appositive's name is the actor; a possessor stands for its remarks.
    let evs = detail("Ivan Petrov, the Freedonian minister, has rejected the offer.");
    assert_eq!(evs[0][2], "Ivan Petrov", "{evs:?}");
    let evs = detail("Petrov's remarks came after talks with a Ruritanian team.");
    assert_eq!(
        [&evs[0][2], &evs[0][3]],
        ["Petrov", "Ruritanian team"],
        "{evs:?}"
    );
}

#[test]
fn a_definite_event_noun_points_back_at_its_parties() {
    let evs = detail(
        "Ruritanian and Freedonian envoys held talks on Monday. The talks resumed in Northtown on Tuesday.",
    );
    assert_eq!(evs.len(), 2, "{evs:?}");
    assert_eq!(
        [&evs[1][0], &evs[1][2], &evs[1][4]],
        ["CONSULT", &evs[0][2], "Northtown"],
        "{evs:?}"
    );
    assert!(!evs[1][2].is_empty(), "{evs:?}");
    // An indefinite one is a new event.
    let evs = detail("Ruritania held talks with Freedonia. Talks began in Northtown.");
    assert_eq!(evs[1][2], "", "{evs:?}");
}

#[test]
fn a_count_is_no_place() {
    let evs = detail("A bomber killed at least 46 Northern villagers in Southtown.");
    assert_eq!(
        [&evs[0][0], &evs[0][3], &evs[0][4]],
        ["ASSAULT", "Northern villagers", "Southtown"],
        "{evs:?}"
    );
}

proptest::proptest! {
    #[test]
    fn never_panics(s in "\\PC{0,200}") {
        let _ = code(&s);
    }
}

#[test]
fn the_addressee_of_told_is_no_actor_of_what_is_told() {
    let evs = detail(
        "The rebel spokesman told The Daily Herald there would be no cooperation with Ruritania.",
    );
    assert_eq!(evs.len(), 1, "{evs:?}");
    assert_eq!(
        [&evs[0][0], &evs[0][2], &evs[0][3], &evs[0][5]],
        ["REJECT", "rebel spokesman", "Ruritania", "rebel spokesman"],
        "{evs:?}"
    );
    let evs = detail(
        "The minister told reporters on Monday that Freedonia had agreed to free the prisoners.",
    );
    assert_eq!([&evs[0][0], &evs[0][2]], ["AGREE", "Freedonia"], "{evs:?}");
}

#[test]
fn a_meeting_in_which_something_happens_is_a_background_meeting() {
    let evs = detail("Northland warns Southland in secret talks against sending troops.");
    assert_eq!(evs.len(), 2, "{evs:?}");
    assert_eq!(
        [&evs[1][0], &evs[1][2], &evs[1][3]],
        ["CONSULT", "Northland", "Southland"],
        "{evs:?}"
    );
    assert_eq!(
        code("Northland warns Southland in secret talks against sending troops.")[1].4,
        "background"
    );
    // Its own partner when it names one.
    let evs = detail("The Northern Front protested during a meeting with Ruritanian envoys.");
    assert!(
        evs.iter()
            .any(|e| e[0] == "CONSULT" && e[2] == "Northern Front" && e[3] == "Ruritanian envoys"),
        "{evs:?}"
    );
}

#[test]
fn plover_modes_name_how_or_what() {
    let evs = detail("Ruritania threatened to arrest the opposition leaders.");
    assert_eq!([&evs[0][0], &evs[0][1]], ["THREATEN", "arrest"], "{evs:?}");
    let evs = detail("Ruritanian troops pulled out of the border town.");
    assert_eq!([&evs[0][0], &evs[0][1]], ["RETREAT", "withdraw"], "{evs:?}");
    let evs = detail("Freedonia recalled its ambassador from Ruritania.");
    assert_eq!(
        [&evs[0][0], &evs[0][1]],
        ["SANCTION", "withdraw"],
        "{evs:?}"
    );
    let evs = detail("Workers in Northtown staged a general strike.");
    assert_eq!(
        [&evs[0][0], &evs[0][1]],
        ["PROTEST", "strike-gen"],
        "{evs:?}"
    );
    let evs = detail("Police imposed a curfew on Northtown.");
    assert_eq!([&evs[0][0], &evs[0][1]], ["COERCE", "curfew"], "{evs:?}");
}

#[test]
fn every_type_has_everyday_wording() {
    for (text, kind) in [
        (
            "Ruritania and Freedonia signed a trade agreement.",
            "SUPPORT",
        ),
        ("The general vowed to crush the rebellion.", "THREATEN"),
        (
            "The Freedonian court prosecuted two Ruritanian officials.",
            "ACCUSE",
        ),
        ("Northern rebels surrendered to the army.", "RETREAT"),
        ("The government funded the new clinics.", "AID"),
        (
            "Ruritania and Freedonia coordinated their patrols.",
            "COOPERATE",
        ),
        (
            "The minister admitted responsibility for the failure.",
            "CONCEDE",
        ),
        ("The army test-fired two missiles.", "MOBILIZE"),
        ("Police quelled the unrest in Northtown.", "COERCE"),
        ("Ruritanian forces occupied the island.", "ASSAULT"),
        ("The council shunned the proposal.", "REJECT"),
        ("Freedonia blacklisted three Ruritanian banks.", "SANCTION"),
        ("Rebels hurled grenades at the police station.", "ASSAULT"),
        ("The opposition insisted on new elections.", "REQUEST"),
    ] {
        let evs = code(text);
        assert!(evs.iter().any(|e| e.0 == kind), "{text}: {evs:?}");
    }
}

#[test]
fn a_preposition_inside_a_name_is_no_place() {
    let text = "Rebels attacked the Church in Eastland.";
    assert_eq!(detail(text)[0][4], "Eastland");
    let mut d = doc(text);
    let start = text.find("Church").unwrap();
    let end = text.find('.').unwrap();
    d.mentions = vec![dossier_core::Mention {
        span: dossier_core::Span::new(start, end),
        label: dossier_core::EntityType::ORG,
        score: 1.0,
    }];
    EventStage::new().run(&mut d).unwrap();
    assert_eq!(d.events.len(), 1, "{:?}", d.events);
    assert!(d.events[0].location.is_none(), "{:?}", d.events);
}

#[test]
fn one_attack_told_with_two_verbs_is_one_event() {
    let evs = code("Gunmen killed at least 12 villagers and wounded dozens in Northtown.");
    assert_eq!(evs.len(), 1, "{evs:?}");
    // Two acts of different types stay two.
    let evs = code("The rebels attacked the town and threatened to burn the market.");
    assert_eq!(evs.len(), 2, "{evs:?}");
}

#[test]
fn a_promise_not_to_do_something() {
    let evs = detail("The prime minister vowed not to bow to pressure from the unions.");
    assert_eq!([&evs[0][0], &evs[0][1]], ["REJECT", "yield"], "{evs:?}");
    let evs = code("The rebels pledged not to attack the capital.");
    assert_eq!(evs[0].0, "AGREE", "{evs:?}");
    let evs = code("Ruritania insisted on the withdrawal of all foreign troops.");
    assert_eq!(evs[0].0, "REQUEST", "{evs:?}");
    // Insisting that something is so is no demand.
    assert!(code("He insisted that the delisting has yet to occur.").is_empty());
}

#[test]
fn figures_that_move_are_no_refusals() {
    no_event_of(
        "REJECT",
        &[
            "The average rate on adjustable mortgages declined 22 basis points to 8.61 pct, the board said.",
            "The commitment rate declined by 16 basis points in the period.",
        ],
    );
    has(
        "The minister declined to meet the delegation.",
        "REJECT",
        "minister",
        "delegation",
    );
}

#[test]
fn a_charge_of_an_amount_is_no_accusation() {
    no_event_of(
        "ACCUSE",
        &[
            "Fiscal 1987 net includes charge 480,000 dlrs to adjust premium reserves.",
            "Results include a LIFO charge 1.7 mln dlrs in the quarter.",
        ],
    );
    has(
        "Prosecutors charged the mayor with fraud.",
        "ACCUSE",
        "Prosecutors",
        "",
    );
    // after a modal the word is a verb, whatever follows it
    let evs = code("They will also supply 5,000 tonnes of wheat to the refugees.");
    assert!(!evs.is_empty(), "{evs:?}");
}

#[test]
fn a_word_of_a_date_is_no_event() {
    // without the date, "March" reads as the noun of a light verb: PROTEST
    let text = "The council launched a plan to limit exports for a year from March.";
    let mut d = doc(text);
    let at = text.find("March").unwrap();
    d.timexes.push(dossier_core::Timex {
        span: dossier_core::Span::new(at, at + "March".len()),
        kind: dossier_core::TimexType::DATE,
        value: "2025-03".into(),
        modifier: None,
    });
    EventStage::new().run(&mut d).unwrap();
    assert!(
        d.events.iter().all(|e| e.kind != "PROTEST"),
        "{:?}",
        d.events
    );
}

#[test]
fn a_release_of_people_is_a_retreat() {
    an_event_of(
        "RETREAT",
        &[
            "Ruritanian authorities released 20 Freedonian prisoners on Monday.",
            "The rebels freed the crew of the seized ship.",
            "Azurian police released him on Friday.",
            "The three sailors were released on Sunday.",
            "The opposition leader was released from prison in March.",
            "The release of the detainees began on Monday.",
            "The fishermen's release came a day later.",
            "His release came a day later.",
        ],
    );
    // A person's name, as the NER marks it.
    let text = "Azurian authorities released Ivan Petrov on Friday.";
    let mut d = doc(text);
    let start = text.find("Ivan").unwrap();
    d.mentions = vec![dossier_core::Mention {
        span: dossier_core::Span::new(start, start + "Ivan Petrov".len()),
        label: dossier_core::EntityType::PER,
        score: 0.9,
    }];
    EventStage::new().run(&mut d).unwrap();
    assert!(
        d.events.iter().any(|e| e.kind == "RETREAT"),
        "{:?}",
        d.events
    );
}

#[test]
fn a_release_of_things_is_no_event() {
    no_event_of(
        "RETREAT",
        &[
            "The company released results for the first quarter on Monday.",
            "The ministry released figures showing that exports fell.",
            "The ministry released a statement on Monday.",
            "Ruritania released its trade data for March.",
            "The release of the report was delayed.",
            "The film was released in March.",
            "The studio released a new version of the album.",
            "Azurian Airways released Windows on Friday.",
        ],
    );
}

/// (type, source name) of each event once a quotation is known: the source's mention text when
/// it resolved to one, else its words.
fn code_with_quote(text: &str, quoted: &str, speaker: &str) -> Vec<(String, String)> {
    let mut d = doc(text);
    let at = |s: &str| text.find(s).unwrap();
    let speaker_mention = d
        .mentions
        .iter()
        .position(|m| d.span_text(m.span) == speaker)
        .map(|i| i as u32);
    assert!(speaker_mention.is_some(), "no mention {speaker}");
    d.quotes.push(dossier_core::Quote {
        span: dossier_core::Span::new(at(quoted), at(quoted) + quoted.len()),
        kind: dossier_core::QuoteKind::Direct,
        cue: None,
        speaker: None,
        speaker_mention,
        reported_by: None,
    });
    EventStage::new().run(&mut d).unwrap();
    d.events
        .iter()
        .map(|e| {
            let name = e
                .source
                .as_ref()
                .map_or(String::new(), |a| match a.mention {
                    Some(m) => d.span_text(d.mentions[m as usize].span).to_string(),
                    None => d.span_text(a.span).to_string(),
                });
            (e.kind.clone(), name)
        })
        .collect()
}

#[test]
fn we_in_a_quotation_is_its_speaker() {
    let text =
        "Amina Diallo spoke after the vote. “We reject the Freedonian proposal,” Diallo said.";
    let evs = code_with_quote(text, "“We reject the Freedonian proposal,”", "Diallo");
    assert!(
        evs.iter().any(|e| e.0 == "REJECT" && e.1 == "Diallo"),
        "{evs:?}"
    );
    // Outside a quotation "we" is the article's own voice: no speaker to give it.
    let evs = code("Amina Diallo spoke after the vote. We reject the Freedonian proposal.");
    assert!(
        evs.iter().any(|e| e.0 == "REJECT" && e.1 == "We"),
        "{evs:?}"
    );
}

#[test]
fn a_press_briefing_is_no_meeting() {
    no_event_of(
        "CONSULT",
        &[
            "The minister told a news conference in Azuria that prices would rise.",
            "The spokesman gave a press briefing on Monday.",
        ],
    );
    has(
        "The minister attended a conference in Azuria.",
        "CONSULT",
        "minister",
        "",
    );
}

#[test]
fn ending_an_occupation_or_fighting_is_a_retreat() {
    let evs = code("The Ruritanian army ended its occupation of the border town.");
    assert!(evs.iter().all(|e| e.0 != "ASSAULT"), "{evs:?}");
    has(
        "The Ruritanian army ended its occupation of the border town.",
        "RETREAT",
        "Ruritanian army",
        "",
    );
    has(
        "The rebels halted their offensive on Sunday.",
        "RETREAT",
        "rebels",
        "",
    );
}

#[test]
fn receiving_aid_is_no_access_and_conferring_recognition_is_support() {
    assert!(code("The region has received substantial aid.")
        .iter()
        .all(|e| e.0 != "RETREAT"));
    has(
        "The government allowed aid into the city.",
        "RETREAT",
        "government",
        "",
    );
    has(
        "Ruritania conferred recognition on the new regime.",
        "SUPPORT",
        "Ruritania",
        "regime",
    );
}

#[test]
fn offers_and_yields_of_securities_are_no_events() {
    for text in [
        "Acme Corp said it will offer three million shares of common stock.",
        "The bank is offering homebuyers fixed rate mortgages.",
        "The company filed for an initial public offering of 400,000 units.",
        "The cash tender offer expired on Friday.",
        "The notes will yield 4.25 pct.",
        "All the shares tendered were accepted for payment.",
        "The new issue was priced at a spread over the interbank offered rate.",
    ] {
        let evs = code(text);
        assert!(
            evs.iter().all(|e| e.0 != "AGREE" && e.0 != "CONCEDE"),
            "{text}: {evs:?}"
        );
    }
    has(
        "The rebels offered a ceasefire to the government.",
        "AGREE",
        "rebels",
        "government",
    );
    has(
        "The minister offered to mediate between the two sides.",
        "AGREE",
        "minister",
        "",
    );
    has("The union accepted the proposal.", "AGREE", "union", "");
    has(
        "The rebels finally yielded to the army.",
        "CONCEDE",
        "rebels",
        "army",
    );
}

#[test]
fn asking_a_question_is_no_request() {
    no_event_of(
        "REQUEST",
        &[
            "Asked whether the border would reopen, the minister said no.",
            "The envoy, asked about the dispute, declined to comment.",
            "Reporters asked the minister what the government would do.",
        ],
    );
    has(
        "The union asked the government to lift the ban.",
        "REQUEST",
        "union",
        "government",
    );
    has(
        "The rebels asked Ruritania for help.",
        "REQUEST",
        "rebels",
        "Ruritania",
    );
}

#[test]
fn meeting_terms_and_funding_things_are_no_events() {
    for text in [
        "The firm will struggle to meet the terms of the loan.",
        "The company met the regulator's concerns.",
        "Prices met strong resistance near the old high.",
        "The bank will fund local investments.",
    ] {
        let evs = code(text);
        assert!(
            evs.iter()
                .all(|e| e.0 != "CONSULT" && e.0 != "AID" && e.0 != "AGREE"),
            "{text}: {evs:?}"
        );
    }
    has(
        "The minister met his Ruritanian counterpart on Monday.",
        "CONSULT",
        "minister",
        "counterpart",
    );
    has(
        "The ministers met in Geneva on Monday.",
        "CONSULT",
        "ministers",
        "",
    );
    has(
        "Delegates of the nine states met here this week.",
        "CONSULT",
        "Delegates",
        "",
    );
    has("The envoy has met him twice.", "CONSULT", "envoy", "");
    has(
        "Ruritania funded the rebels for years.",
        "AID",
        "Ruritania",
        "rebels",
    );
}

#[test]
fn an_event_noun_with_no_party_and_no_place_is_a_topic() {
    for text in [
        "The economy is failing, international aid is on hold, food prices are rising.",
        "Such agreements can work as long as prices are stable.",
        "The repurchase agreement yields compare with the bill rate.",
    ] {
        let evs = code(text);
        assert!(evs.is_empty(), "{text}: {evs:?}");
    }
    has(
        "Talks between Ruritania and Freedonia began on Monday.",
        "CONSULT",
        "Ruritania",
        "Freedonia",
    );
    // a place is enough to tell an event
    assert!(code("Talks began in Geneva on Monday.")
        .iter()
        .any(|e| e.0 == "CONSULT"));
    // a verb with no named party still tells one
    assert!(code("The proposal was rejected.")
        .iter()
        .any(|e| e.0 == "REJECT"));
}

#[test]
fn a_multibyte_character_before_a_suffix_does_not_panic() {
    // The last two bytes of U+E01C7 are equal, as a doubled consonant's are.
    let _ = code("\u{11915}\u{e01c7}eD and \u{e01c7}\u{e01c7}ing");
}

#[test]
fn a_trigger_word_inside_a_name_is_no_event() {
    for (text, name) in [
        (
            "Shares of Azurian Telephone and Telegraph Co rose sharply in early trading on the local exchange.",
            "Azurian Telephone and Telegraph Co",
        ),
        (
            "The fund is run by Parsow Partnership Ltd.",
            "Parsow Partnership Ltd",
        ),
        (
            "Ruritania left the International Cocoa Agreement.",
            "International Cocoa Agreement",
        ),
    ] {
        let mut d = doc(text);
        let at = text.find(name).unwrap();
        d.mentions = vec![dossier_core::Mention {
            span: dossier_core::Span::new(at, at + name.len()),
            label: dossier_core::EntityType::ORG,
            score: 0.9,
        }];
        EventStage::new().run(&mut d).unwrap();
        assert!(
            d.events.iter().all(|e| !name.contains(d.span_text(e.span))),
            "{text}: {:?}",
            d.events
        );
    }
    // a sentence's first word is capitalised anyway
    has(
        "Talks between Ruritania and Freedonia resumed.",
        "CONSULT",
        "Ruritania",
        "Freedonia",
    );
}

#[test]
fn going_to_do_something_is_no_visit() {
    no_event_of(
        "CONSULT",
        &[
            "The markets are already taking the view it is going to be tough.",
            "Some of the civil service jobs must go to trim the wage bill.",
            "They are definitely going to have a manpower problem.",
        ],
    );
    has(
        "The minister went to Ruritania on Monday.",
        "CONSULT",
        "minister",
        "Ruritania",
    );
    has(
        "The envoy travelled to the Freedonian capital.",
        "CONSULT",
        "envoy",
        "",
    );
}

#[test]
fn arguments_of_commitments_and_anticipatory_it() {
    // "is committed to" is the subject's own commitment, not a passive
    has(
        "The Ruritanian government is committed to maintaining good relations with other countries.",
        "AGREE",
        "Ruritanian government",
        "countries",
    );
    // "it is promised that ...": "it" stands for the clause
    let evs = code("He said it is promised that countries will have good relations.");
    assert!(evs.iter().all(|e| e.2.is_empty()), "{evs:?}");
    // a "that" clause after the object tells of something else
    let evs = code("The army ended its occupation with a retreat that included an airlift with Freedonian residents.");
    assert!(
        evs.iter()
            .any(|e| e.0 == "RETREAT" && e.1.contains("army") && e.2.is_empty()),
        "{evs:?}"
    );
}

#[test]
fn a_that_clause_right_after_the_trigger_may_name_the_target() {
    has(
        "The minister voiced concern that Freedonia might use the crisis.",
        "ACCUSE",
        "minister",
        "Freedonia",
    );
}

#[test]
fn a_charge_against_earnings_is_no_accusation() {
    no_event_of(
        "ACCUSE",
        &[
            "The costs must be charged against earnings this year.",
            "Finance charges 4.1 mln vs 5.4 mln.",
            "The company charged the loss against income in the quarter.",
        ],
    );
    has(
        "Prosecutors charged the mayor with fraud.",
        "ACCUSE",
        "Prosecutors",
        "",
    );
    has(
        "Police charged two Ruritanian activists on Monday.",
        "ACCUSE",
        "Police",
        "activists",
    );
}

#[test]
fn units_after_figures_and_capitalised_months_are_no_triggers() {
    for text in [
        "Sudan has a budget deficit of 2.86 billion pounds this fiscal year.",
        "The well flowed with 1,548 pounds of tubing pressure.",
        "Pay April 13. Record March Two.",
    ] {
        let evs = code(text);
        assert!(evs.is_empty(), "{text}: {evs:?}");
    }
    has(
        "Government artillery pounds the rebel positions.",
        "ASSAULT",
        "artillery",
        "",
    );
    has(
        "Thousands of students march on the capital.",
        "PROTEST",
        "students",
        "",
    );
}

#[test]
fn formulas_of_reporting_are_no_events() {
    no_event_of(
        "REQUEST",
        &["The plan is workable, said the official, who asked not to be named."],
    );
    no_event_of(
        "REJECT",
        &[
            "A spokesman for the bank declined comment on the ruling.",
            "The ministry declined to comment on the report.",
            "Mortgage rates fell to 9.54 pct in February, a 30 basis point decline from January.",
        ],
    );
    an_event_of(
        "REJECT",
        &["The minister declined to meet the rebel leaders."],
    );
    an_event_of(
        "REQUEST",
        &["The minister asked the rebels to lay down their arms."],
    );
}

#[test]
fn demonstrating_a_quality_is_no_protest() {
    no_event_of(
        "PROTEST",
        &["The company must demonstrate a willingness to settle the dispute."],
    );
    an_event_of(
        "PROTEST",
        &["Thousands of students demonstrated against the government in the capital."],
    );
}

#[test]
fn business_senses_are_no_political_events() {
    no_event_of(
        "AID",
        &["The oil company's refining arm raised its operating profit to 182 mln dlrs."],
    );
    no_event_of(
        "SANCTION",
        &[
            "The strike has cut exports and imports and left 160 ships idle.",
            "The new accord will reduce its payments over the next three years by 64 pct.",
        ],
    );
    an_event_of(
        "SANCTION",
        &["The government suspended trade with its neighbour."],
    );
    an_event_of(
        "SANCTION",
        &["The two countries cut diplomatic ties last year."],
    );
}

#[test]
fn economic_demand_and_money_market_terms_are_no_events() {
    no_event_of(
        "REQUEST",
        &["Domestic demand contributed 0.5 percentage point to growth in the quarter."],
    );
    no_event_of(
        "AGREE",
        &["Dealers expect the bank to add reserves via customer repurchase agreements."],
    );
    an_event_of(
        "REQUEST",
        &["Protesters repeated their demand for the release of the prisoners."],
    );
}

#[test]
fn the_subject_after_a_verb_of_the_clause_before_leaves_the_verb_out() {
    let evs = code(
        "He signaled that the banks might reconsider the idea, and suggested the administration \
         would support such a plan.",
    );
    let support = evs
        .iter()
        .find(|e| e.0 == "SUPPORT")
        .unwrap_or_else(|| panic!("no SUPPORT: {evs:?}"));
    assert_eq!(support.1, "administration", "{evs:?}");
}
