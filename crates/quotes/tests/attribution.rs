//! End-to-end checks of the quote stage on invented news sentences.

use dossier_core::{Document, EntityType, Layers, Mention, Quote, QuoteKind, Span, Stage};
use dossier_quotes::QuoteStage;

fn doc(text: &str, names: &[(&str, EntityType)]) -> Document {
    let blocks = dossier_quotes::marks::blocks(&dossier_quotes::marks::paragraphs(text));
    let (tokens, sentences) = dossier_segment::segment(text, &blocks);
    let mut mentions = Vec::new();
    for (name, label) in names {
        for (at, _) in text.match_indices(name) {
            mentions.push(Mention {
                span: Span::new(at, at + name.len()),
                label: *label,
                score: 1.0,
            });
        }
    }
    mentions.sort_by_key(|m| m.span.start);
    Document {
        text: text.to_string(),
        blocks,
        tokens,
        sentences,
        mentions,
        ..Document::default()
    }
}

fn run(text: &str, names: &[(&str, EntityType)]) -> (Document, Vec<Quote>) {
    let mut d = doc(text, names);
    QuoteStage::new()
        .run(&mut d)
        .expect("the stage never fails");
    let q = d.quotes.clone();
    (d, q)
}

/// As `run`, with a name inside a longer one of `names` left out ("Doe" in "John Doe"), as NER
/// gives only the longer one.
fn run_outer(text: &str, names: &[(&str, EntityType)]) -> (Document, Vec<Quote>) {
    let mut d = doc(text, names);
    d.mentions.dedup_by(|b, a| a.span.contains(b.span));
    QuoteStage::new()
        .run(&mut d)
        .expect("the stage never fails");
    let q = d.quotes.clone();
    (d, q)
}

fn show(d: &Document, s: Option<Span>) -> &str {
    s.map_or("", |s| d.span_text(s))
}

/// The quote whose statement holds `words`; fails the test, listing the statements, when none does.
fn containing<'a>(d: &Document, q: &'a [Quote], words: &str) -> &'a Quote {
    q.iter()
        .find(|x| show(d, Some(x.span)).contains(words))
        .unwrap_or_else(|| {
            let all: Vec<&str> = q.iter().map(|x| show(d, Some(x.span))).collect();
            panic!("no statement holds {words:?}: {all:?}")
        })
}

#[test]
fn declares_its_layers() {
    let s = QuoteStage::new();
    assert_eq!(s.produces(), Layers::QUOTES);
    assert!(s
        .requires()
        .contains(Layers::TOKENS | Layers::SENTENCES | Layers::MENTIONS));
}

#[test]
fn direct_quote_then_speaker() {
    let (d, q) = run(
        "“We will rebuild the bridge by spring,” the mayor said.",
        &[],
    );
    assert_eq!(q.len(), 1);
    assert_eq!(q[0].kind, QuoteKind::Direct);
    assert_eq!(
        show(&d, Some(q[0].span)),
        "“We will rebuild the bridge by spring,”"
    );
    assert_eq!(show(&d, q[0].speaker), "the mayor");
    assert_eq!(show(&d, q[0].cue), "said");
}

#[test]
fn inverted_cue_and_straight_marks() {
    let (d, q) = run(
        "\"The water came up faster than anyone expected,\" said Jane Roe, the council chair.",
        &[],
    );
    assert_eq!(q.len(), 1);
    assert_eq!(show(&d, q[0].speaker), "Jane Roe");
    assert_eq!(q[0].kind, QuoteKind::Direct);
}

#[test]
fn cue_then_quote_after_a_colon() {
    let (d, q) = run("The minister said: “We are ready to talk.”", &[]);
    assert_eq!(show(&d, Some(q[0].span)), "“We are ready to talk.”");
    assert_eq!(show(&d, q[0].speaker), "The minister");
}

#[test]
fn partial_quote_inside_an_indirect_statement() {
    let (d, q) = run(
        "Harlow said the deal was a “historic step” for both towns.",
        &[],
    );
    assert_eq!(
        q.len(),
        1,
        "the quoted term is part of the statement, not a second one"
    );
    assert_eq!(q[0].kind, QuoteKind::Partial);
    assert_eq!(
        show(&d, Some(q[0].span)),
        "the deal was a “historic step” for both towns"
    );
}

#[test]
fn indirect_statements_with_and_without_that() {
    let (d, q) = run(
        "Okafor said that the government represents every region.\nOkafor said the agency agreed to review the plan.",
        &[],
    );
    assert_eq!(q.len(), 2);
    assert!(q
        .iter()
        .all(|x| x.kind == QuoteKind::Indirect && show(&d, x.speaker) == "Okafor"));
    assert_eq!(
        show(&d, Some(q[1].span)),
        "the agency agreed to review the plan"
    );
}

#[test]
fn scare_quotes_and_titles_are_not_statements() {
    let (_, q) = run("The “over-the-top” parade drew crowds along the “riverside” route to the “Old Mill” gallery.", &[]);
    assert!(q.is_empty(), "{q:?}");
}

#[test]
fn according_to_before_and_after() {
    let (d, q) = run(
        "According to the fire brigade, three homes burned overnight.\nThree barns burned overnight, according to the police.",
        &[],
    );
    assert_eq!(q.len(), 2);
    assert_eq!(show(&d, q[0].speaker), "the fire brigade");
    assert_eq!(show(&d, Some(q[0].span)), "three homes burned overnight");
    assert_eq!(show(&d, Some(q[1].span)), "Three barns burned overnight");
    assert_eq!(show(&d, q[1].cue), "according to");
}

#[test]
fn reported_speech_keeps_speaker_and_reporter() {
    for text in [
        "Reuters reported Okafor saying that the talks would resume next week.",
        "Reuters quoted Okafor as saying the talks would resume next week.",
    ] {
        let (d, q) = run(
            text,
            &[("Okafor", EntityType::PER), ("Reuters", EntityType::ORG)],
        );
        assert_eq!(q.len(), 1, "{text}");
        assert_eq!(show(&d, q[0].speaker), "Okafor");
        assert_eq!(show(&d, q[0].reported_by), "Reuters");
        assert_eq!(q[0].speaker_mention, Some(1));
    }
}

#[test]
fn organisations_and_descriptions_speak() {
    let (d, q) = run(
        "The ministry said in a statement that the border would reopen on Friday.\n\
         A transport ministry spokeswoman said the trains would run again by noon.",
        &[],
    );
    assert_eq!(q.len(), 2);
    assert_eq!(show(&d, q[0].speaker), "The ministry");
    assert_eq!(show(&d, q[0].cue), "said in a statement");
    assert_eq!(
        show(&d, Some(q[0].span)),
        "that the border would reopen on Friday"
    );
    assert_eq!(show(&d, q[1].speaker), "A transport ministry spokeswoman");
}

#[test]
fn told_skips_the_audience() {
    let (d, q) = run(
        "Okafor told reporters that the vote would be delayed by a month.",
        &[],
    );
    assert_eq!(
        show(&d, Some(q[0].span)),
        "that the vote would be delayed by a month"
    );
}

#[test]
fn pronoun_split_quote_and_implied_speaker() {
    let text = "Maria Lind visited the flooded district on Tuesday.\n\n\
                “It is worse than we feared,” she said. “Whole streets are gone.”\n\n\
                “We need pumps, boats and dry blankets before the night comes.”";
    let (d, q) = run(text, &[("Maria Lind", EntityType::PER)]);
    assert_eq!(q.len(), 2, "{q:?}");
    assert_eq!(
        show(&d, Some(q[0].span)),
        "“It is worse than we feared,” she said. “Whole streets are gone.”"
    );
    assert_eq!(show(&d, q[0].speaker), "she");
    assert_eq!(
        q[0].speaker_mention,
        Some(0),
        "he/she resolve to the nearest earlier person"
    );
    assert_eq!(q[1].cue, None, "a bare quoted paragraph has no cue");
    assert_eq!(
        q[1].speaker_mention,
        Some(0),
        "and takes the previous speaker"
    );
}

#[test]
fn a_resumed_quote_with_its_own_cue_is_not_the_earlier_statement() {
    // The rules continue Roe's "“…,” Roe said." with the next quote of the paragraph; that quote
    // has a cue of its own after it, which only the tagger reads.
    let text = "Senators questioned the chief executive of a large bank on Tuesday.\n\n\
                “This is simply wrong,” Roe said. “You pushed your staff to the breaking \
                point” to drive up the stock price and your bonus, she said, referencing the \
                bank’s fierce drive to “cross-sell” or make clients open more accounts.";
    let (d, q) = run(text, &[("Roe", EntityType::PER)]);
    let first = containing(&d, &q, "simply wrong");
    assert_eq!(show(&d, Some(first.span)), "“This is simply wrong,”");
    assert_eq!(show(&d, first.speaker), "Roe");
    let second = containing(&d, &q, "bonus");
    assert_eq!(show(&d, second.speaker), "she");
    assert!(show(&d, Some(second.span)).starts_with("“You pushed"));
}

#[test]
fn a_described_body_is_the_one_whose_name_holds_the_head_word() {
    let text =
        "Rail freight fell by a tenth last year, the Ruritanian Transport Ministry said.\n\n\
                In its Annual Freight Review, the ministry said ports may lack capacity for the \
                coming harvest.";
    let names = [
        ("Ruritanian Transport Ministry", EntityType::ORG),
        ("Annual Freight Review", EntityType::ORG),
    ];
    let (d, q) = run(text, &names);
    let ports = containing(&d, &q, "ports may lack");
    assert_eq!(show(&d, ports.speaker), "the ministry");
    let m = ports.speaker_mention.expect("the ministry resolves") as usize;
    assert_eq!(
        d.span_text(d.mentions[m].span),
        "Ruritanian Transport Ministry",
        "not the nearest body, the report"
    );
}

#[test]
fn a_speaker_set_off_inside_the_sentence_speaks_for_both_sides() {
    let text = "Dock workers walked out on Monday.\n\n\
                The plan, Jane Roe said, would cost the city more than it saves.\n\n\
                The port is near the old stadium, which, Roe said, is usually full of families, \
                food stalls and painted faces on match days.";
    let (d, q) = run(text, &[("Jane Roe", EntityType::PER)]);
    let plan = containing(&d, &q, "would cost");
    assert_eq!(
        show(&d, Some(plan.span)),
        "The plan, Jane Roe said, would cost the city more than it saves"
    );
    assert_eq!(show(&d, plan.speaker), "Jane Roe");
    let stadium = containing(&d, &q, "usually full");
    assert_eq!(
        show(&d, Some(stadium.span)),
        "which, Roe said, is usually full of families, food stalls and painted faces on match days",
        "the relative clause's statement, not the whole sentence"
    );
}

#[test]
fn a_verb_coordinated_before_the_cue_shares_its_subject() {
    // A column in the first person: the rules read "I" past "laughed and".
    let text = "My father worked nights at the plant.\n\n\
                When we drove home, I laughed and said, \"I do not believe in ghosts.\"\n\n\
                Once in my early 20s, when we drove home on the highway, I laughed and said, \
                \"I do not believe in the devil.\"";
    let (d, q) = run(text, &[]);
    let ghosts = containing(&d, &q, "ghosts");
    assert_eq!(show(&d, ghosts.speaker), "I");
    let devil = containing(&d, &q, "the devil");
    assert_eq!(show(&d, devil.speaker), "I");
}

#[test]
fn a_verb_of_speech_after_seem_to_is_the_cue_and_its_subject_the_speaker() {
    let text = "Dock workers walked out on Monday.\n\n\
                On Wednesday, he appeared to suggest that the strike could last into the spring.\n\n\
                Anderson seemed to think the offer to the workers was somewhat hollow.\n\n\
                The race seemed to tighten after the debate.";
    let (d, q) = run(text, &[]);
    let spring = containing(&d, &q, "into the spring");
    assert_eq!(show(&d, spring.speaker), "he");
    assert_eq!(show(&d, spring.cue), "appeared to suggest");
    assert_eq!(
        show(&d, Some(spring.span)),
        "that the strike could last into the spring"
    );
    let hollow = containing(&d, &q, "somewhat hollow");
    assert_eq!(show(&d, hollow.speaker), "Anderson");
    // No verb of speech after "seemed to": the subject is what seems, no speaker.
    assert!(q
        .iter()
        .filter(|x| show(&d, Some(x.span)).contains("tighten"))
        .all(|x| x.speaker.is_none()));
}

#[test]
fn a_statement_before_its_speaker_keeps_its_subject() {
    // The tagger starts the group's statement at "the union discussed"; the rules read the
    // whole clause before ", the group said".
    let text = "Dock workers walked out on Monday.\n\n\
                The Dutch delegation and representatives of the union discussed “all open \
                questions” during the meeting that took place over the weekend, the group said, \
                without elaborating.";
    let (d, q) = run(text, &[]);
    let said = q
        .iter()
        .find(|x| show(&d, x.cue) == "said")
        .expect("the group's statement");
    assert_eq!(show(&d, said.speaker), "the group");
    assert!(
        show(&d, Some(said.span)).starts_with("The Dutch delegation"),
        "{}",
        show(&d, Some(said.span))
    );
}

#[test]
fn quote_left_open_over_paragraphs() {
    let text = "“The first wave hit the harbour at dawn.\n\n“By noon the market was under water,” Lind added.";
    let (d, q) = run(text, &[]);
    assert_eq!(q.len(), 1);
    assert_eq!(q[0].span.start, 0);
    assert!(show(&d, Some(q[0].span)).ends_with("under water,”"));
    assert_eq!(show(&d, q[0].speaker), "Lind");
}

#[test]
fn no_mentions_still_gives_speaker_words() {
    let (d, q) = run("“Prices will fall,” he said.", &[]);
    assert_eq!(show(&d, q[0].speaker), "he");
    assert_eq!(q[0].speaker_mention, None);
}

#[test]
fn odd_and_hostile_inputs_never_fail() {
    let inputs = [
        "",
        "\"",
        "“",
        "”” said he.",
        "\"a\" \" said \" \"",
        "said",
        "according to",
        "according to ,",
        "“Unclosed, she said.\n\nNext paragraph “with another",
        ", said , said , said",
        "''",
        "'' x ''y'' z said ''",
        "“a,” a statement by , read.",
        "“a” a statement issued by",
        ", told",
        "told AFP",
        "He told the",
        "“a,” X, said",
        "said in a statement recorded by",
        "said in a statement recorded by .",
        "“a,” he said, “",
    ];
    for t in inputs {
        let (d, q) = run(t, &[]);
        for x in q {
            assert!(x.span.end as usize <= d.text.len() && x.span.start <= x.span.end);
        }
    }
    let big = "“Yes,” she said. ".repeat(5000);
    let (_, q) = run(&big, &[]);
    assert!(!q.is_empty());
}

#[test]
fn cue_list_covers_many_verbs_and_clauses_stay_apart() {
    let (d, q) = run(
        "Okafor relayed that the minister would resign.\nLind warned that the dam could fail within days.\n\
         The board claimed the figures were accurate, but auditors insisted they were not.",
        &[],
    );
    let got: Vec<(&str, &str, &str)> = q
        .iter()
        .map(|x| (show(&d, x.cue), show(&d, x.speaker), show(&d, Some(x.span))))
        .collect();
    assert_eq!(
        got,
        [
            ("relayed", "Okafor", "that the minister would resign"),
            ("warned", "Lind", "that the dam could fail within days"),
            ("claimed", "The board", "the figures were accurate"),
            ("insisted", "auditors", "they were not"),
        ]
    );
}

#[test]
fn a_statement_issued_by_someone_speaks_for_them() {
    let text = "Officials met in Lagos on Monday.\n\n\
                “Talks should continue until a fair deal is reached,” a statement issued by \
                Kemi Adeyemi, the spokeswoman of the Ministry of Trade, read.";
    let (d, q) = run(
        text,
        &[
            ("Kemi Adeyemi", EntityType::PER),
            ("Ministry of Trade", EntityType::ORG),
        ],
    );
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(q[0].kind, QuoteKind::Direct);
    assert_eq!(
        show(&d, Some(q[0].span)),
        "“Talks should continue until a fair deal is reached,”"
    );
    assert_eq!(show(&d, q[0].speaker), "Kemi Adeyemi");
    assert_eq!(q[0].speaker_mention, Some(0));
}

#[test]
fn a_long_description_between_quote_and_cue() {
    let (d, q) = run(
        "“The bridge will reopen in spring,” Jane Roe, the city's chief engineer, said on Monday.",
        &[],
    );
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(show(&d, q[0].speaker), "Jane Roe");
    assert_eq!(
        show(&d, Some(q[0].span)),
        "“The bridge will reopen in spring,”"
    );
}

#[test]
fn the_outlet_told_reports_and_never_speaks() {
    let text = "Harold Vance told The Daily Courier there would be no new tariffs this year.\n\n\
                “We are ready,” Vance told the state news agency Tandem after the meeting.\n\n\
                Okafor told the Associated Press the deadline would not move.\n\n\
                Okafor told reporters that the vote would be delayed.";
    let (d, q) = run(text, &[]);
    let by = |speaker: &str| -> Vec<(&str, &str)> {
        q.iter()
            .filter(|x| show(&d, x.speaker) == speaker)
            .map(|x| (show(&d, Some(x.span)), show(&d, x.reported_by)))
            .collect()
    };
    assert!(
        by("Harold Vance").contains(&(
            "there would be no new tariffs this year",
            "The Daily Courier"
        )),
        "{q:?}"
    );
    assert!(by("Vance").contains(&("“We are ready,”", "the state news agency Tandem")));
    assert!(by("Okafor").contains(&("the deadline would not move", "the Associated Press")));
    // An audience that is not an outlet reports nothing.
    assert!(by("Okafor").contains(&("that the vote would be delayed", "")));
    for x in &q {
        let s = show(&d, x.speaker);
        assert!(!s.contains("Courier") && !s.contains("Press") && !s.contains("agency"));
    }
}

#[test]
fn a_statement_recorded_by_an_agency_keeps_the_agency() {
    let (d, q) = run(
        "“We have no plans to raise prices,” he said in a statement recorded by Reuters.",
        &[],
    );
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(show(&d, q[0].speaker), "he");
    assert_eq!(show(&d, q[0].reported_by), "Reuters");
    assert_eq!(show(&d, q[0].cue), "said");
}

#[test]
fn a_quote_resumed_after_its_cue_in_one_sentence_is_one_statement() {
    let (d, q) = run(
        "“My hope,” he said, “is that the council will listen to the residents this time.”",
        &[],
    );
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(q[0].kind, QuoteKind::Direct);
    assert!(show(&d, Some(q[0].span)).ends_with("residents this time.”"));
    assert_eq!(show(&d, q[0].speaker), "he");
}

#[test]
fn a_single_scare_quoted_word_does_not_make_a_quotation() {
    let (_, q) = run(
        "The mayor said the council had warned against “reckless” spending in the budget.",
        &[],
    );
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(q[0].kind, QuoteKind::Indirect);
}

#[test]
fn a_quote_reported_by_an_agency_then_the_speaker() {
    let (d, q) = run(
        "“We need more boats,” Reuters reported Okafor saying. “The water is still rising.”",
        &[("Okafor", EntityType::PER), ("Reuters", EntityType::ORG)],
    );
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(show(&d, q[0].speaker), "Okafor");
    assert_eq!(show(&d, q[0].reported_by), "Reuters");
    assert!(show(&d, Some(q[0].span)).ends_with("still rising.”"));
}

#[test]
fn pronouns_and_descriptions_follow_the_quoted_person() {
    let text = "Interior Minister Lena Dahl met a delegation led by Tom Rees and Ada Kim.\n\n\
                “The roads will be rebuilt,” Dahl said.\n\n\
                The talks with Rees and Kim lasted two days.\n\n\
                She said the government would also fund new schools.\n\n\
                A ministry official said the budget was approved on Friday.\n\n\
                “We remain committed to the plan,” the official said.";
    let names = [
        ("Lena Dahl", EntityType::PER),
        ("Dahl", EntityType::PER),
        ("Tom Rees", EntityType::PER),
        ("Rees", EntityType::PER),
        ("Ada Kim", EntityType::PER),
        ("Kim", EntityType::PER),
    ];
    let (d, q) = run(text, &names);
    let mention = |x: &Quote| {
        x.speaker_mention
            .map(|m| d.span_text(d.mentions[m as usize].span))
    };
    let he = q
        .iter()
        .find(|x| show(&d, x.speaker) == "She")
        .expect("the pronoun's statement");
    assert_eq!(mention(he), Some("Dahl"), "{q:?}");
    let official = q
        .iter()
        .find(|x| show(&d, x.speaker) == "the official")
        .expect("the description's statement");
    let earlier = q
        .iter()
        .find(|x| show(&d, x.speaker) == "A ministry official")
        .expect("the first statement by the official");
    assert_eq!(official.speaker_mention, earlier.speaker_mention);
}

#[test]
fn he_and_she_agree_with_the_person_they_stand_for() {
    // The quoted person is a woman by her given name: "he" is the man named after her.
    let text = "Mary Dahl, the mayor, said the bridge would open in May.\n\n\
                Her rival, Tom Rees, toured the site on Friday.\n\n\
                “It is a waste of money,” he said.\n\n\
                “The bridge is safe,” she said.";
    let names = [
        ("Mary Dahl", EntityType::PER),
        ("Tom Rees", EntityType::PER),
    ];
    let (d, q) = run(text, &names);
    let who = |d: &Document, q: &[Quote], words: &str| {
        let x = containing(d, q, words);
        x.speaker_mention
            .map(|m| d.span_text(d.mentions[m as usize].span).to_string())
    };
    assert_eq!(who(&d, &q, "waste of money").as_deref(), Some("Tom Rees"));
    assert_eq!(who(&d, &q, "bridge is safe").as_deref(), Some("Mary Dahl"));
    // A surname alone is of the sex its full name shows.
    let text = "Jim Roe met Ann Dahl in Oslo.\n\n\
                “The talks went well,” Roe said.\n\n\
                Dahl left the city on Monday.\n\n\
                “We will meet again,” she said.";
    let names = [
        ("Jim Roe", EntityType::PER),
        ("Ann Dahl", EntityType::PER),
        ("Roe", EntityType::PER),
        ("Dahl", EntityType::PER),
    ];
    let (d, q) = run_outer(text, &names);
    assert_eq!(who(&d, &q, "talks went well").as_deref(), Some("Roe"));
    let she = containing(&d, &q, "meet again");
    let m = she.speaker_mention.expect("resolved") as usize;
    assert_eq!(d.span_text(d.mentions[m].span), "Dahl");
    assert!(
        d.mentions[m].span.start > 40,
        "the bare surname, the nearest: {q:?}"
    );
}

#[test]
fn a_new_or_related_person_is_not_the_nearest_name() {
    let text = "Governor Tom Dahl opened the bridge on Monday.\n\n\
                “I want to thank Ann Roe for her work,” the governor said.\n\n\
                A reporter asked whether the bridge was safe.\n\n\
                His wife said that the family would stay in town.\n\n\
                His office said that the bridge had cost less than planned.";
    let names = [("Tom Dahl", EntityType::PER), ("Ann Roe", EntityType::PER)];
    let (d, q) = run(text, &names);
    let who = |words: &str| {
        let x = containing(&d, &q, words);
        x.speaker_mention
            .map(|m| d.span_text(d.mentions[m as usize].span))
    };
    // The name inside the statement is not the governor who speaks it.
    assert_eq!(who("thank Ann Roe"), Some("Tom Dahl"), "{q:?}");
    // "A reporter" is someone new; "his wife" someone the text does not name.
    assert_eq!(who("bridge was safe"), None, "{q:?}");
    assert_eq!(who("family would stay"), None, "{q:?}");
    // "His office" speaks for its owner, the man named before.
    assert_eq!(who("cost less"), Some("Tom Dahl"), "{q:?}");
}

#[test]
fn who_hangs_on_the_person_before_a_place_or_an_apposition() {
    let text = "The plan was backed by Tom Dahl of Norway, who said that it would cut costs.\n\n\
                The plan was praised by Ann Roe, an analyst at Acme Bank, who said that rents would fall.\n\n\
                On Monday, Jim Rees—who said that he would run again—left the party.";
    let names = [
        ("Tom Dahl", EntityType::PER),
        ("Norway", EntityType::LOC),
        ("Ann Roe", EntityType::PER),
        ("Acme Bank", EntityType::ORG),
        ("Jim Rees", EntityType::PER),
    ];
    let (d, q) = run(text, &names);
    let who = |words: &str| {
        let x = containing(&d, &q, words);
        x.speaker_mention
            .map(|m| d.span_text(d.mentions[m as usize].span))
    };
    assert_eq!(who("cut costs"), Some("Tom Dahl"), "{q:?}");
    assert_eq!(who("rents would fall"), Some("Ann Roe"), "{q:?}");
    assert_eq!(who("run again"), Some("Jim Rees"), "{q:?}");
}

#[test]
fn the_head_name_of_a_described_speaker_is_the_speaker() {
    let text = "Lena Dahl, the Harbor Party's leader, said the port would reopen.\n\
                Radio Nord's Ada Kim said that the storm had passed.";
    let (d, q) = run(
        text,
        &[
            ("Lena Dahl", EntityType::PER),
            ("Harbor Party", EntityType::ORG),
            ("Radio Nord", EntityType::ORG),
            ("Ada Kim", EntityType::PER),
        ],
    );
    assert_eq!(q.len(), 2, "{q:?}");
    let names: Vec<&str> = q
        .iter()
        .map(|x| d.span_text(d.mentions[x.speaker_mention.expect("resolved") as usize].span))
        .collect();
    assert_eq!(names, ["Lena Dahl", "Ada Kim"]);
}

#[test]
fn a_name_with_no_mention_is_not_another_name() {
    let (d, q) = run(
        "Ada Kim arrived on Monday.\nThe Harbor Board said that the port would reopen.",
        &[("Ada Kim", EntityType::PER)],
    );
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(show(&d, q[0].speaker), "The Harbor Board");
    assert_eq!(q[0].speaker_mention, None);
}

#[test]
fn a_quote_then_a_described_speaker_then_a_long_sentence() {
    let (d, q) = run(
        "“We had to act fast,” Maria Lopez, the county clerk, said of the flooded archive, \
         which had stood in the basement since the courthouse opened in 1923 under a plan.",
        &[("Maria Lopez", EntityType::PER)],
    );
    let direct: Vec<&Quote> = q.iter().filter(|x| x.kind == QuoteKind::Direct).collect();
    assert_eq!(direct.len(), 1, "{q:?}");
    assert_eq!(show(&d, Some(direct[0].span)), "“We had to act fast,”");
    assert!(show(&d, direct[0].speaker).starts_with("Maria Lopez"));
}

#[test]
fn a_quote_opening_the_next_sentence_continues_the_statement() {
    let (d, q) = run(
        "“The bridge is safe,” Mr. Okafor said on Monday at a meeting in the town hall. \
         “We checked every bolt.”\n",
        &[("Okafor", EntityType::PER)],
    );
    assert_eq!(q.len(), 1, "{q:?}");
    assert!(show(&d, Some(q[0].span)).ends_with("every bolt.”"));
    assert_eq!(show(&d, q[0].speaker), "Mr. Okafor");
}

#[test]
fn an_expected_event_has_no_source() {
    let (d, q) = run(
        "The opening of the new bridge is expected to bring traffic back to the old town.",
        &[],
    );
    for x in &q {
        assert_ne!(
            show(&d, x.speaker),
            "The opening of the new bridge",
            "{q:?}"
        );
    }
}

#[test]
fn a_participle_speaks_for_the_clause_before_it() {
    let (d, q) = run(
        "“The plant will close in May,” said Mr. Varga, the mayor, on Tuesday, \
         adding that the workers would be paid until the end of the year.",
        &[("Varga", EntityType::PER)],
    );
    let adding = q
        .iter()
        .find(|x| show(&d, Some(x.span)).contains("workers would be paid"))
        .unwrap_or_else(|| panic!("no statement after 'adding': {q:?}"));
    assert!(show(&d, adding.speaker).contains("Varga"), "{q:?}");
}

#[test]
fn a_participle_after_a_closed_quotation_speaks_for_its_speaker() {
    let (d, q) = run(
        "In a statement, Ruritel said: \"The plant was a success when it opened a decade ago,\" \
         adding that its output doubled in less than a year.",
        &[("Ruritel", EntityType::ORG)],
    );
    let adding = containing(&d, &q, "its output doubled");
    assert_eq!(show(&d, adding.speaker), "Ruritel");
}

#[test]
fn a_participle_speaks_for_the_subject_after_an_opening_phrase() {
    let (d, q) = run(
        "In August, several farmers' groups granted the mill an extension on its permit, \
         saying its owners had run out of money.",
        &[],
    );
    let saying = containing(&d, &q, "run out of money");
    assert_eq!(show(&d, saying.speaker), "several farmers' groups");
}

#[test]
fn a_subject_is_found_before_an_aside_between_dashes() {
    // The subject of the tagger's find, judged or not (the shipped judge drops "explains").
    let d = doc(
        "The film ― which draws on the work of historians and of activists in three states ― \
         explains the long history of the dispute over the river.",
        &[],
    );
    let mut tagger = dossier_quotes::learn::Tagger::shipped();
    if let Some(t) = tagger.as_mut() {
        t.post = None;
    }
    let q = QuoteStage::new()
        .with_tagger(tagger, dossier_quotes::Mix::Precise)
        .quotes(&d);
    let explains = containing(&d, &q, "history of the dispute");
    assert_eq!(show(&d, explains.speaker), "The film");
}

#[test]
fn a_quote_after_a_second_cue_is_not_the_first_statement() {
    let (d, q) = run(
        "“We lost the vote,” the senator said on Friday, adding that “the fight goes on.”\n",
        &[],
    );
    let first = q
        .iter()
        .find(|x| show(&d, Some(x.span)).starts_with("“We lost"))
        .unwrap_or_else(|| panic!("no first statement: {q:?}"));
    assert_eq!(show(&d, Some(first.span)), "“We lost the vote,”");
}

#[test]
fn a_transcript_label_names_the_speaker() {
    let text = "The host pressed the governor on the budget.\n\n\
                \"HOST: Will the tax rise go ahead next year?\n\n\
                \"GOVERNOR: We will not raise taxes. The budget is balanced.\n\n\
                Read: more on the budget talks\n";
    let (d, q) = run(text, &[]);
    let host = q
        .iter()
        .find(|x| show(&d, Some(x.span)).starts_with("Will the tax rise"))
        .unwrap_or_else(|| panic!("no host statement: {q:?}"));
    assert_eq!(show(&d, host.speaker), "HOST");
    assert_eq!(show(&d, host.cue), ":");
    let gov = q
        .iter()
        .find(|x| show(&d, x.speaker) == "GOVERNOR")
        .unwrap_or_else(|| panic!("no governor statement: {q:?}"));
    assert_eq!(
        show(&d, Some(gov.span)),
        "We will not raise taxes. The budget is balanced."
    );
    assert!(
        !q.iter().any(|x| show(&d, x.speaker) == "Read"),
        "a reading link names no speaker: {q:?}"
    );
}

#[test]
fn a_labelled_line_reports_the_statement_it_attributes() {
    let text =
        "Valley Wire: The bridge will reopen in May, according to the city’s chief engineer.\n";
    let (d, q) = run(text, &[]);
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(show(&d, q[0].speaker), "the city’s chief engineer");
    assert_eq!(show(&d, q[0].reported_by), "Valley Wire");
    assert_eq!(show(&d, Some(q[0].span)), "The bridge will reopen in May");
}

#[test]
fn wanting_is_not_saying() {
    let text = "The council seeks closer ties with the region. \
                Residents who wish to leave may do so.\n\n\
                The mayor said that the council wants a new bridge.\n";
    let (d, q) = run(text, &[]);
    assert!(
        !q.iter()
            .any(|x| matches!(show(&d, x.cue), "seeks" | "wish" | "wants")),
        "{q:?}"
    );
    assert!(
        q.iter()
            .any(|x| show(&d, x.speaker) == "The mayor" && show(&d, x.cue) == "said"),
        "{q:?}"
    );
}

#[test]
fn an_adverb_before_the_verb_is_not_the_cue() {
    let text = "The minister spoke to reporters on Monday.\n\n\
                He further stated that the border would stay open through the winter.\n";
    let (d, q) = run(text, &[]);
    let x = q
        .iter()
        .find(|x| show(&d, Some(x.span)).contains("border would stay open"))
        .unwrap_or_else(|| panic!("no statement: {q:?}"));
    assert!(show(&d, x.cue).ends_with("stated"), "{q:?}");
}

#[test]
fn a_relative_clause_is_part_of_the_speaker() {
    let text = "Those who oppose the new road said it would cut the village in two.\n";
    let (d, q) = run(text, &[]);
    let said = q
        .iter()
        .find(|x| show(&d, x.cue) == "said")
        .unwrap_or_else(|| panic!("no statement after 'said': {q:?}"));
    assert_eq!(show(&d, said.speaker), "Those who oppose the new road");
    assert_eq!(show(&d, Some(said.span)), "it would cut the village in two");
    for x in &q {
        assert!(
            !show(&d, Some(x.span)).contains("said"),
            "the main verb is not inside a statement: {q:?}"
        );
    }
}

#[test]
fn a_second_speech_verb_starts_another_statement() {
    let text = "The minister spoke after the meeting.\n\n\
                He stated that the port would reopen on Monday, and added that the fees would stay the same.\n";
    let (d, q) = run(text, &[]);
    let stated = q
        .iter()
        .find(|x| show(&d, x.cue) == "stated")
        .unwrap_or_else(|| panic!("no statement after 'stated': {q:?}"));
    assert_eq!(
        show(&d, Some(stated.span)),
        "that the port would reopen on Monday"
    );
    let added = q
        .iter()
        .find(|x| show(&d, x.cue) == "added")
        .unwrap_or_else(|| panic!("no statement after 'added': {q:?}"));
    assert_eq!(show(&d, added.speaker), "He");
}

#[test]
fn a_relative_clause_inside_a_statement_says_nothing() {
    let text = "The minister spoke after the meeting.\n\n\
                He added that those who oppose the government live abroad and act alone.\n";
    let (d, q) = run(text, &[]);
    assert!(!q.iter().any(|x| show(&d, x.speaker) == "who"), "{q:?}");
}

#[test]
fn a_speaker_runs_over_no_heading_or_other_cue() {
    let text = "Budget fight: The finance committee, which met on Friday, demanded that the city cut its spending.\n\n\
                The mayor said the council had warned in their first direct meeting against raising taxes.\n";
    let (d, q) = run(text, &[]);
    for x in &q {
        let s = show(&d, x.speaker);
        assert!(!s.contains(':') && !s.contains(" said"), "{s:?} in {q:?}");
        assert!(!show(&d, x.cue).ends_with("first"), "{q:?}");
    }
}

#[test]
fn a_dateline_is_not_a_speaker() {
    let text = "KABUL: The ministry said on Monday that the road to the north would reopen.\n";
    let (d, q) = run(text, &[("KABUL", EntityType::LOC)]);
    assert!(!q.iter().any(|x| show(&d, x.speaker) == "KABUL"), "{q:?}");
    assert!(
        q.iter().any(|x| show(&d, x.speaker) == "The ministry"),
        "{q:?}"
    );
}

#[test]
fn all_opening_a_clause_is_the_speaker() {
    let text = "To varying degrees, all agreed that the plan would raise taxes on the rich.\n";
    let (d, q) = run(text, &[]);
    let x = q
        .iter()
        .find(|x| show(&d, Some(x.span)).contains("raise taxes"))
        .unwrap_or_else(|| panic!("no statement: {q:?}"));
    assert_eq!(show(&d, x.speaker), "all", "{q:?}");
}

#[test]
fn according_to_a_statement_names_who_issued_it() {
    let text = "Ruritania and Freedonia agreed on Sunday to set up a joint water commission, according to a statement from the Ruritanian foreign ministry.";
    let (d, qs) = run(
        text,
        &[
            ("Ruritania", EntityType::LOC),
            ("Freedonia", EntityType::LOC),
        ],
    );
    let q = qs
        .iter()
        .find(|q| show(&d, q.cue) == "according to")
        .expect("an according-to attribution");
    assert_eq!(show(&d, q.speaker), "the Ruritanian foreign ministry");
    // A body described with its own words is not the nearest organisation named before it.
    let text = "The Freedonia Courier reported the deal. The talks ended, according to a statement from the Ruritanian foreign ministry.";
    let (d, qs) = run(text, &[("Freedonia Courier", EntityType::ORG)]);
    let q = qs
        .iter()
        .find(|q| show(&d, q.cue) == "according to")
        .expect("an according-to attribution");
    assert_eq!(q.speaker_mention, None, "{qs:?}");
}

#[test]
fn a_wire_dateline_is_neither_speaker_nor_statement() {
    let text = "NORTHTOWN, March 16 (Example Wire) - Ruritania and Freedonia agreed on Sunday to set up a joint water commission, according to a statement from the Ruritanian foreign ministry.";
    let (d, qs) = run(
        text,
        &[
            ("Ruritania", EntityType::LOC),
            ("Freedonia", EntityType::LOC),
            ("Example Wire", EntityType::ORG),
            ("NORTHTOWN", EntityType::LOC),
        ],
    );
    assert!(!qs.is_empty());
    for q in &qs {
        assert!(!show(&d, Some(q.span)).contains("NORTHTOWN"), "{qs:?}");
        assert!(!show(&d, q.speaker).contains("Example Wire"), "{qs:?}");
    }
}

#[test]
fn an_acronym_opening_a_sentence_is_no_dateline() {
    // Capitals, then a dash a few words on: the acronym speaks, it is no place.
    let text = "NATO said on Monday - after talks in Brussels - that the alliance would send more troops to the region.";
    let (d, qs) = run(
        text,
        &[("NATO", EntityType::ORG), ("Brussels", EntityType::LOC)],
    );
    assert!(qs.iter().any(|q| show(&d, q.speaker) == "NATO"), "{qs:?}");
}

/// A bundled demo article, with the names of its armed group.
fn run_demo(text: &str) -> (Document, Vec<Quote>) {
    run(
        text,
        &[
            ("Fergana Liberation Movement", EntityType::ORG),
            ("FLM", EntityType::ORG),
        ],
    )
}

#[test]
fn known_as_names_and_attributes_nothing() {
    // The bundled demo article where the tagger once read "also known as" as a cue.
    let (d, qs) = run_demo(include_str!("../../../demo/03_water_deal.txt"));
    assert!(
        qs.iter().all(|q| !show(&d, q.cue).ends_with("known")),
        "{:?}",
        qs.iter().map(|q| show(&d, q.cue)).collect::<Vec<_>>()
    );
}

#[test]
fn a_place_after_in_is_no_statement() {
    // The bundled demo article where the tagger once read "stepped up attacks in the Fergana
    // valley" as a statement whose content was "the Fergana valley since August".
    let (d, qs) = run_demo(include_str!("../../../demo/02_osh_attack.txt"));
    assert!(
        qs.iter()
            .all(|q| !show(&d, Some(q.span)).starts_with("the Fergana valley")),
        "{:?}",
        qs.iter()
            .map(|q| show(&d, Some(q.span)))
            .collect::<Vec<_>>()
    );
}

#[test]
fn interview_turns_and_section_heads_name_no_speaker() {
    let text = "Q: Will you run for the county board again next spring?\n\n\
                A: I have not decided yet, and I will tell the voters first when I do.\n\n\
                The Latest: Storm closes the coastal highway for the whole weekend.\n\n\
                Jane Roe: Our town deserves a library that stays open on Sundays.\n";
    let (d, q) = run(text, &[]);
    let speakers: Vec<&str> = q.iter().map(|x| show(&d, x.speaker)).collect();
    assert!(
        !speakers
            .iter()
            .any(|s| matches!(*s, "Q" | "A" | "The Latest")),
        "{q:?}"
    );
    assert!(speakers.contains(&"Jane Roe"), "{speakers:?}");
}

#[test]
fn a_plan_someone_wants_is_attributed_to_them() {
    let text = "The governor wants to double the number of rangers in the state parks.\n\n\
                Residents who wish to leave the valley may do so.\n";
    let (d, q) = run(text, &[]);
    assert!(
        q.iter().any(|x| show(&d, x.speaker) == "The governor"
            && show(&d, Some(x.span)).starts_with("to double")),
        "{q:?}"
    );
    assert!(!q.iter().any(|x| show(&d, x.cue) == "wish"), "{q:?}");
}

#[test]
fn a_question_then_its_speaker_in_a_sentence_of_their_own() {
    let text = "The council met on Tuesday to vote on the stadium plan.\n\n\
                “Why should the county pay for a stadium that nobody here wants?” Roe asked. \
                “Nobody has told me.”\n";
    let (d, q) = run(text, &[]);
    assert!(
        q.iter().any(|x| show(&d, x.speaker) == "Roe"
            && show(&d, x.cue) == "asked"
            && show(&d, Some(x.span)).starts_with("“Why should")),
        "{q:?}"
    );
}

#[test]
fn a_question_closed_by_two_apostrophes_then_its_speaker() {
    // Wire copy that writes a double mark as two apostrophes: the mark ends the question's
    // sentence, and the next sentence, "Mr. Roe asked.", is its cue and speaker; the quote
    // resumed after it is his too.
    let text = "The council met on Tuesday to vote on the stadium plan.\n\n\
                ''Why should the county pay for a stadium that nobody here wants?'' Mr. Roe \
                asked. ''Nobody has told me.''\n";
    let (d, q) = run(text, &[]);
    let x = containing(&d, &q, "Why should the county");
    assert_eq!(show(&d, x.speaker), "Mr. Roe", "{q:?}");
    assert_eq!(show(&d, x.cue), "asked", "{q:?}");
    assert!(
        show(&d, Some(x.span)).ends_with("Nobody has told me.''"),
        "{q:?}"
    );
}

#[test]
fn an_exclamation_then_its_speaker_and_the_cue_s_adjuncts() {
    // The cue's sentence goes on past six words, with adjuncts only: the quotation is still
    // its statement, and the quote resumed after it joins it.
    let text = "The emails were released by the State Department on Friday.\n\n\
                \"Pat Kennedy is the greatest!!!\" McDonough wrote in a September 2012 email \
                to top State officials. \"Thanks for the great work, guys.\"\n";
    let (d, q) = run(text, &[]);
    let x = containing(&d, &q, "Pat Kennedy is the greatest");
    assert_eq!(show(&d, x.speaker), "McDonough", "{q:?}");
    assert_eq!(show(&d, x.cue), "wrote", "{q:?}");
    assert!(
        show(&d, Some(x.span)).ends_with("great work, guys.\""),
        "{q:?}"
    );
}

#[test]
fn a_cue_in_the_next_paragraph_does_not_take_the_exclamation() {
    let text = "The candidate wrote on Twitter early on Wednesday.\n\n\
                “Her mind is shot — resign!”\n\n\
                Roe said in an interview with a news agency last week that she would not \
                think about it.\n";
    let (d, q) = run(text, &[]);
    assert!(
        !q.iter()
            .any(|x| show(&d, x.speaker) == "Roe" && show(&d, Some(x.span)).contains("resign")),
        "{q:?}"
    );
}

#[test]
fn a_single_mark_closing_inside_two_apostrophes() {
    // "case,'''": the first apostrophe closes the quote inside, the other two the quotation,
    // which the speaker's resumed words then continue.
    let text = "The talks ended on Friday without an agreement.\n\n\
                ''We are told all the time, 'this is a special case,''' Mr. Roe said. \
                ''It is not. There is no special case.''\n";
    let (d, q) = run(text, &[]);
    let x = containing(&d, &q, "We are told");
    assert_eq!(show(&d, x.speaker), "Mr. Roe", "{q:?}");
    assert!(
        show(&d, Some(x.span)).ends_with("There is no special case.''"),
        "{q:?}"
    );
}

#[test]
fn a_cue_closing_its_paragraph_with_a_colon_gives_the_next_paragraph() {
    let text = "The mayor spoke to the council on Monday night. She said:\n\n\
                “We will open the new library in March, and it will stay open on Sundays.”\n\n\
                Her deputy added:\n\n\
                The budget for the library was approved in full last year.\n";
    let (d, q) = run(text, &[]);
    assert!(
        q.iter().any(|x| show(&d, x.speaker) == "She"
            && show(&d, x.cue) == "said"
            && show(&d, Some(x.span)).starts_with("“We will open")),
        "{q:?}"
    );
    assert!(
        q.iter().any(|x| show(&d, x.speaker) == "Her deputy"
            && show(&d, Some(x.span))
                == "The budget for the library was approved in full last year."),
        "{q:?}"
    );
}

#[test]
fn a_participle_opening_the_sentence_speaks_for_the_subject_after_it() {
    let text = "Citing the flood damage, the mayor said the bridge would stay closed until May.\n";
    let (d, q) = run(text, &[]);
    assert!(
        q.iter()
            .any(|x| show(&d, x.cue) == "Citing" && show(&d, x.speaker) == "the mayor"),
        "{q:?}"
    );
}

#[test]
fn a_statement_then_an_inverted_cue_and_a_described_name() {
    let text = "The new ferry could start service this week, said Jane Roe, a longtime adviser \
                to the port authority who oversees the last stage of the project.\n";
    let (d, q) = run(text, &[]);
    assert!(
        q.iter().any(|x| show(&d, x.speaker) == "Jane Roe"
            && show(&d, x.cue) == "said"
            && show(&d, Some(x.span)) == "The new ferry could start service this week"),
        "{q:?}"
    );
    assert!(
        !q.iter()
            .any(|x| show(&d, Some(x.span)).starts_with("Jane Roe")),
        "{q:?}"
    );
}

#[test]
fn a_speaker_never_starts_with_the_clause_around_it() {
    let text = "Meanwhile the port authority said the ferry would run twice a day.\n";
    let (d, q) = run(text, &[]);
    assert!(
        q.iter()
            .any(|x| show(&d, x.speaker) == "the port authority" && show(&d, x.cue) == "said"),
        "{q:?}"
    );
}

#[test]
fn whoever_seems_so_is_part_of_what_seems() {
    let text = "The mayor spoke at the opening of the bridge on Friday.\n\n\
                He seems content with the deal the council struck last spring.\n";
    let (d, q) = run(text, &[]);
    assert!(
        q.iter().any(|x| show(&d, x.cue).ends_with("seems")
            && x.speaker.is_none()
            && show(&d, Some(x.span)).starts_with("He seems")),
        "{q:?}"
    );
}

#[test]
fn a_relative_pronoun_speaks_for_the_name_it_follows() {
    use EntityType::*;
    let text = "The delegation met Ola Brandt, who said the dam would open in May. \
        Farmers blamed the Northern Water Board, which said repairs were behind schedule.";
    let (d, q) = run(text, &[("Ola Brandt", PER), ("Northern Water Board", ORG)]);
    let by = |speaker: &str| {
        q.iter()
            .find(|x| show(&d, x.speaker) == speaker)
            .unwrap_or_else(|| panic!("no quote by {speaker:?}: {q:?}"))
    };
    // the source is the pronoun, as PolNeAR marks it; the speaker is the name before it
    let m = by("who").speaker_mention.expect("resolved");
    assert_eq!(show(&d, Some(d.mentions[m as usize].span)), "Ola Brandt");
    let m = by("which").speaker_mention.expect("resolved");
    assert_eq!(
        show(&d, Some(d.mentions[m as usize].span)),
        "Northern Water Board"
    );
}

#[test]
fn a_relative_pronoun_after_a_noun_names_nobody() {
    let text = "Farmers met the Northern Water Board on Monday and welcomed a court ruling, \
        which said the dam must open.";
    let (d, q) = run(text, &[("Northern Water Board", EntityType::ORG)]);
    for x in q.iter().filter(|x| show(&d, x.speaker) == "which") {
        assert_eq!(x.speaker_mention, None, "{q:?}");
    }
}

#[test]
fn a_notes_heading_is_no_speaker() {
    let text = "Quarterly profit rose to 4.1 mln dlrs.\n\nNOTES: Share results are after provision for preferred dividends.";
    let (d, q) = run(text, &[]);
    assert!(q.iter().all(|x| show(&d, x.speaker) != "NOTES"), "{q:?}");
}

#[test]
fn a_purpose_inside_a_statement_is_no_statement_of_its_own() {
    let (d, q) = run(
        "Okafor said the council wanted to hold meetings with other states in addition to the United Nations to discuss Ruritania’s problems.",
        &[
            ("Okafor", EntityType::PER),
            ("United Nations", EntityType::ORG),
            ("Ruritania", EntityType::LOC),
        ],
    );
    assert!(
        q.iter().any(|x| show(&d, x.cue) == "said"
            && show(&d, Some(x.span)).ends_with("to discuss Ruritania’s problems")),
        "{:?}",
        q.iter().map(|x| show(&d, x.cue)).collect::<Vec<_>>()
    );
    assert!(
        q.iter().all(|x| !show(&d, x.cue).contains("discuss")),
        "{:?}",
        q.iter().map(|x| show(&d, x.cue)).collect::<Vec<_>>()
    );
}

#[test]
fn a_speaker_quoted_in_the_passive_is_the_speaker() {
    let (d, q) = run(
        "Okafor was quoted as saying the ministry would review every contract.\n\nThe minister was quoted by the Daily Courier as saying that the budget was final.",
        &[
            ("Okafor", EntityType::PER),
            ("Daily Courier", EntityType::ORG),
        ],
    );
    let first = q
        .iter()
        .find(|x| show(&d, Some(x.span)) == "the ministry would review every contract")
        .unwrap_or_else(|| {
            panic!(
                "{:?}",
                q.iter().map(|x| show(&d, Some(x.span))).collect::<Vec<_>>()
            )
        });
    assert_eq!(show(&d, first.speaker), "Okafor");
    let second = q
        .iter()
        .find(|x| show(&d, Some(x.span)).ends_with("the budget was final"))
        .unwrap_or_else(|| {
            panic!(
                "{:?}",
                q.iter().map(|x| show(&d, Some(x.span))).collect::<Vec<_>>()
            )
        });
    assert_eq!(show(&d, second.speaker), "The minister");
    assert_eq!(show(&d, second.reported_by), "the Daily Courier");
}

#[test]
fn a_described_name_between_a_paraphrase_and_its_cue_is_the_speaker() {
    let (d, q) = run(
        "However, high costs make a merger of the two funds unlikely, Okafor, now president of the Lagos Group, a consulting firm, said.\n\nAfter the vote on Monday, Okafor, the mayor, said the budget was final.",
        &[("Okafor", EntityType::PER), ("Lagos Group", EntityType::ORG)],
    );
    let texts: Vec<(&str, &str)> = q
        .iter()
        .map(|x| (show(&d, Some(x.span)), show(&d, x.speaker)))
        .collect();
    assert!(
        // The linking "However," is no part of the statement.
        texts.contains(&(
            "high costs make a merger of the two funds unlikely",
            "Okafor"
        )),
        "{texts:?}"
    );
    // With a statement after the cue, the words before the name are no statement.
    assert!(
        texts.iter().all(|t| !t.0.starts_with("After the vote")),
        "{texts:?}"
    );
}

#[test]
fn the_company_is_the_business_named_before_not_the_last_body() {
    let (d, q) = run(
        "Ruritex Corp said it has notified the Azurian Water Control Board of a plan to clean the site.\n\nThe company said the leak does not affect drinking water.",
        &[
            ("Ruritex Corp", EntityType::ORG),
            ("Azurian Water Control Board", EntityType::ORG),
        ],
    );
    let leak = containing(&d, &q, "the leak");
    assert_eq!(show(&d, leak.speaker), "The company");
    let m = leak.speaker_mention.expect("resolved") as usize;
    assert_eq!(d.span_text(d.mentions[m].span), "Ruritex Corp");
    // Neither the buyer named since nor a business the statement names is who states it.
    let (d, q) = run(
        "Ruritex Corp said it sold its tyre unit to Borduria Rubber Inc.\n\nAzurian Tyre Co, a Ruritex unit, will keep selling tyres, the company said.",
        &[
            ("Ruritex Corp", EntityType::ORG),
            ("Azurian Tyre Co", EntityType::ORG),
            ("Borduria Rubber Inc", EntityType::ORG),
        ],
    );
    let tyres = containing(&d, &q, "will keep selling");
    let m = tyres.speaker_mention.expect("resolved") as usize;
    assert_eq!(d.span_text(d.mentions[m].span), "Ruritex Corp");
}

#[test]
fn a_word_of_a_name_is_no_cue_and_a_named_speaker_keeps_the_statement() {
    let (d, q) = run(
        "Azurian Express Corp said it received a recommendation from a judge that it be awarded the route.\n\nAzurian Express said it received approval late last year from a panel over two rival carriers.",
        &[
            ("Azurian Express Corp", EntityType::ORG),
            ("Azurian Express", EntityType::ORG),
        ],
    );
    let found: Vec<(&str, &str, &str)> = q
        .iter()
        .map(|x| (show(&d, x.cue), show(&d, x.speaker), show(&d, Some(x.span))))
        .collect();
    assert!(found.iter().all(|f| f.0 != "Express"), "{found:?}");
    for start in ["it received a recommendation", "it received approval"] {
        assert!(
            found.iter().any(|f| f.0 == "said"
                && f.1.starts_with("Azurian Express")
                && f.2.starts_with(start)),
            "{start}: {found:?}"
        );
    }
}

#[test]
fn a_participle_after_a_cue_speaks_for_that_cue_speaker() {
    let (d, q) = run(
        "The new Southern route network runs from Lagos to Kano, Ruritel Corp said, adding it plans a third route in the North from Abuja to Jos.",
        &[("Ruritel Corp", EntityType::ORG)],
    );
    let adding = q
        .iter()
        .find(|x| show(&d, x.cue) == "adding")
        .expect("the participle's statement");
    assert_eq!(show(&d, adding.speaker), "Ruritel Corp");
}

#[test]
fn an_unnamed_official_is_not_the_nearest_name() {
    let (d, q) = run(
        "President Okafor met the bankers on Monday.\n\n\"We called for better procedures,\" the official said.",
        &[("Okafor", EntityType::PER)],
    );
    let called = containing(&d, &q, "We called");
    assert_eq!(show(&d, called.speaker), "the official");
    assert_eq!(called.speaker_mention, None);
    // An official named before is the one the description points back to.
    let (d, q) = run(
        "\"Rates will hold,\" said Jane Roe, a Treasury official.\n\n\"We called for better procedures,\" the official said.",
        &[("Jane Roe", EntityType::PER)],
    );
    let called = containing(&d, &q, "We called");
    let m = called.speaker_mention.expect("resolved") as usize;
    assert_eq!(d.span_text(d.mentions[m].span), "Jane Roe");
}

#[test]
fn he_after_he_stays_with_the_same_speaker() {
    let (d, q) = run(
        "Jane Roe met the delegation. A spokesperson of the Ruritanian Foreign Ministry said the talks went well.\n\nHe said the priority was trade.\n\nHe also said that another goal was to reopen the border.",
        &[
            ("Jane Roe", EntityType::PER),
            ("Ruritanian Foreign Ministry", EntityType::ORG),
        ],
    );
    let speakers: Vec<(&str, Option<&str>)> = q
        .iter()
        .map(|x| {
            (
                show(&d, Some(x.span)),
                x.speaker_mention
                    .map(|m| d.span_text(d.mentions[m as usize].span)),
            )
        })
        .collect();
    for (content, speaker) in &speakers {
        assert_eq!(
            *speaker,
            Some("Ruritanian Foreign Ministry"),
            "{content}: {speakers:?}"
        );
    }
    assert_eq!(speakers.len(), 3, "{speakers:?}");
}

#[test]
fn a_name_before_the_speaker_description_is_the_speaker() {
    let (d, q) = run(
        "Coffee output may fall slightly from last year, Jane Okafor, chairman of the Ruritanian Coffee Exporters Association told reporters.",
        &[
            ("Jane Okafor", EntityType::PER),
            ("Ruritanian Coffee Exporters Association", EntityType::ORG),
        ],
    );
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(
        show(&d, Some(q[0].span)),
        "Coffee output may fall slightly from last year"
    );
    let m = q[0].speaker_mention.expect("resolved") as usize;
    assert_eq!(d.span_text(d.mentions[m].span), "Jane Okafor");
    // A place closing the statement stays in it.
    let (d, q) = run(
        "The new network runs from Lagos to Fairfax, S.C., Ruritel Corp said.",
        &[("Ruritel Corp", EntityType::ORG)],
    );
    assert!(
        q.iter()
            .any(|x| show(&d, Some(x.span)).ends_with("Fairfax, S.C")
                || show(&d, Some(x.span)).ends_with("Fairfax, S.C.")),
        "{:?}",
        q.iter().map(|x| show(&d, Some(x.span))).collect::<Vec<_>>()
    );
}

#[test]
fn described_speaker_then_told_an_outlet() {
    let (d, q) = run(
        "“The river is rising faster than in any year we remember,” Jane Roe, the director of the flood office at the county, told The Daily Courier.",
        &[],
    );
    assert_eq!(q.len(), 1);
    assert_eq!(q[0].kind, QuoteKind::Direct);
    assert_eq!(show(&d, q[0].speaker), "Jane Roe");
    assert_eq!(show(&d, q[0].reported_by), "The Daily Courier");
    assert!(show(&d, Some(q[0].span)).ends_with("remember,”"));
}

#[test]
fn a_clause_leading_into_a_quotation_is_part_of_the_statement() {
    let (d, q) = run(
        "The new budget sends a clear message that the first priority “is fixing the roads,” Mr. Doe said.",
        &[],
    );
    let x = containing(&d, &q, "fixing the roads");
    assert_eq!(show(&d, x.speaker), "Mr. Doe");
    assert_eq!(show(&d, x.cue), "said");
    assert!(show(&d, Some(x.span)).starts_with("The new budget sends"));
    assert_eq!(x.kind, QuoteKind::Partial);
}

#[test]
fn a_description_after_an_inverted_cue_speaks() {
    let (d, q) = run(
        "The talks collapsed late on Monday, said a senior official in the ministry.",
        &[],
    );
    let x = containing(&d, &q, "talks collapsed");
    assert_eq!(show(&d, x.speaker), "a senior official in the ministry");
    assert!(!show(&d, Some(x.span)).contains("official"));
}

#[test]
fn a_cue_set_off_by_commas_inside_the_statement() {
    let (d, q) = run(
        "But to prevent delays, he said, the county should hire more inspectors.",
        &[],
    );
    assert_eq!(q.len(), 1);
    assert_eq!(
        show(&d, Some(q[0].span)),
        "But to prevent delays, he said, the county should hire more inspectors"
    );
    assert_eq!(show(&d, q[0].speaker), "he");
}

#[test]
fn the_speaker_before_has_told_is_not_the_audience() {
    let (d, q) = run(
        "The country will find it hard to repay its debts over the next five years, Finance Minister Jane Roe has told parliament.",
        &[],
    );
    let x = containing(&d, &q, "repay its debts");
    assert_eq!(show(&d, x.speaker), "Finance Minister Jane Roe");
}

#[test]
fn a_statement_ends_before_a_clause_with_its_own_attribution() {
    let (d, q) = run(
        "The board ruled that the claim was “true,” but in its report the chairman pointed out that every case was different.",
        &[],
    );
    let ruled = q
        .iter()
        .find(|x| show(&d, x.cue) == "ruled")
        .expect("the ruling is found");
    assert!(
        show(&d, Some(ruled.span)).ends_with("“true,”"),
        "{}",
        show(&d, Some(ruled.span))
    );
}

#[test]
fn a_quotation_before_its_speaker_outlasts_long_adjuncts_after_the_cue() {
    let (d, q) = run(
        "“Subpoenas are not optional,” committee chairman Jane Roe said after the witness failed to show up at the second hearing he was formally called to in the past two weeks.",
        &[],
    );
    let x = containing(&d, &q, "Subpoenas are not optional");
    assert_eq!(show(&d, Some(x.span)), "“Subpoenas are not optional,”");
    assert_eq!(show(&d, x.cue), "said");
    assert!(show(&d, x.speaker).ends_with("Jane Roe"));
}

#[test]
fn a_clause_closed_by_a_colon_leads_into_its_subjects_quotation() {
    let (d, q) = run(
        "On July 6, Jane Roe made the following comment:\n\n“For young people the rate is 33 percent. For the others it is lower.”\n\nThe mayor put it this way: “We will stay.”",
        &[],
    );
    let x = containing(&d, &q, "For young people");
    assert_eq!(show(&d, x.cue), "made the following comment:");
    assert_eq!(show(&d, x.speaker), "Jane Roe");
    let y = containing(&d, &q, "We will stay");
    assert_eq!(show(&d, Some(y.span)), "“We will stay.”");
    assert_eq!(show(&d, y.speaker), "The mayor");
}

#[test]
fn a_sentence_opening_with_in_a_poll_reports_the_polls_finding() {
    let (d, q) = run(
        "In the latest national poll, conducted in early September, Jane Roe led John Doe by five points among likely voters.",
        &[],
    );
    let x = containing(&d, &q, "led John Doe");
    assert_eq!(show(&d, x.cue), "In");
    assert_eq!(
        show(&d, x.speaker),
        "the latest national poll, conducted in early September"
    );
    let (_, q) = run("In the morning, the troops left the city for good.", &[]);
    assert!(q.is_empty());
}

#[test]
fn whom_someone_spoke_to_is_not_what_they_said() {
    let (d, q) = run(
        "The president spoke to a gathering of industry leaders at a Marine base that overlooks the bay. She spoke about her deep ties to the churches of the city.",
        &[],
    );
    assert!(
        q.iter()
            .all(|x| !show(&d, Some(x.span)).starts_with("a gathering")),
        "{:?}",
        q.iter().map(|x| show(&d, Some(x.span))).collect::<Vec<_>>()
    );
}

#[test]
fn a_cue_set_off_by_commas_after_a_noun_phrase_runs_on_past_long_tails() {
    let (d, q) = run(
        "The latest test, the ministry said, was the biggest of the five carried out since the first one a decade ago, although it may take several days to determine how powerful it was.",
        &[],
    );
    let x = containing(&d, &q, "The latest test");
    assert_eq!(show(&d, x.speaker), "the ministry");
    assert_eq!(
        show(&d, Some(x.span)),
        "The latest test, the ministry said, was the biggest of the five carried out since the first one a decade ago"
    );
}

#[test]
fn a_verb_before_the_cue_is_not_its_speaker() {
    let (d, q) = run(
        "But the reviewers could not resist pointing out that every shooting did not result in a homicide.",
        &[],
    );
    let x = containing(&d, &q, "every shooting");
    assert_eq!(show(&d, x.speaker), "the reviewers");
}

#[test]
fn whoever_has_been_criticized_is_not_the_source() {
    let (d, q) = run(
        "The peacekeepers have been blamed for introducing cholera to the island. The minister has been harshly criticized for policies that objectors see as far too burdensome.",
        &[],
    );
    for x in &q {
        let s = show(&d, x.speaker);
        assert!(s != "The peacekeepers" && s != "The minister", "{s}");
    }
}

#[test]
fn as_a_speaker_put_it_attributes_the_clause_it_is_set_off_from() {
    let (d, q) = run(
        "As Jane Roe put it in a statement to reporters in July, the network is “providing a view you won't get elsewhere.” The tax is a disgrace, as one official put it. Or, as John Doe, a former minister, put it: “The gates are open.”",
        &[],
    );
    let x = containing(&d, &q, "the network is");
    assert_eq!(show(&d, x.cue), "put it");
    assert_eq!(show(&d, x.speaker), "Jane Roe");
    let y = containing(&d, &q, "The tax is a disgrace");
    assert_eq!(show(&d, Some(y.span)), "The tax is a disgrace");
    assert_eq!(show(&d, y.speaker), "one official");
    let z = containing(&d, &q, "The gates are open");
    assert_eq!(show(&d, z.speaker), "John Doe, a former minister");
    let (d, q) = run("As Jane Roe recently put it, the plan is dead.", &[]);
    let x = containing(&d, &q, "the plan is dead");
    assert_eq!(show(&d, x.cue), "recently put it");
    assert_eq!(show(&d, x.speaker), "Jane Roe");
    let (d, q) = run("Let me put it this way, the plan has failed badly.", &[]);
    assert!(q.iter().all(|x| show(&d, x.cue) != "put it"));
}

#[test]
fn a_verb_joined_by_but_speaks_for_the_first_verbs_subject() {
    let (d, q) = run(
        "Demonstrators said they want “justice for Terrence,” but pledged to remain civil.",
        &[],
    );
    let x = containing(&d, &q, "justice for Terrence");
    assert_eq!(show(&d, x.speaker), "Demonstrators");
    assert!(!show(&d, Some(x.span)).contains("pledged"));
    let y = containing(&d, &q, "to remain civil");
    assert_eq!(show(&d, y.speaker), "Demonstrators");
    // A clause with a subject of its own keeps it.
    let (d, q) = run(
        "The mayor said the plant would close, but workers said they would fight.",
        &[],
    );
    let z = containing(&d, &q, "they would fight");
    assert_eq!(show(&d, z.speaker), "workers");
}

#[test]
fn a_subordinate_clause_after_the_cue_leaves_the_statement_before_it() {
    let (d, q) = run(
        "WASHINGTON ― The new rule is an insult to all workers, union leaders said Friday afternoon, as they bristled at the continued questions about the legitimacy of the strike.",
        &[],
    );
    let x = containing(&d, &q, "The new rule is an insult");
    assert_eq!(
        show(&d, Some(x.span)),
        "The new rule is an insult to all workers"
    );
    assert_eq!(show(&d, x.cue), "said");
    assert_eq!(show(&d, x.speaker), "union leaders");
    assert!(q.iter().all(|x| !show(&d, Some(x.span)).starts_with(',')));
}

#[test]
fn another_speaker_after_and_ends_the_statement_before() {
    let (d, q) = run(
        "Six in ten voters said the mayor is honest and trustworthy, and three-quarters said the same of her rival.",
        &[],
    );
    let x = containing(&d, &q, "the mayor is honest");
    assert_eq!(
        show(&d, Some(x.span)),
        "the mayor is honest and trustworthy"
    );
    assert_eq!(show(&d, x.speaker), "Six in ten voters");
}

#[test]
fn a_judge_of_the_tagger_drops_its_finds_but_not_the_rules() {
    use dossier_quotes::filter::{feature, Filter, Post};
    let text =
        "“We will win,” she said.\n\nThe minister hinted the budget would be cut in March.\n";
    let d = doc(text, &[]);
    let tagger = dossier_quotes::learn::Tagger::shipped().expect("shipped tagger");
    assert!(tagger.post.is_some(), "the shipped tagger has its judge");
    let run = |post: Option<Post>| {
        let mut t = tagger.clone();
        t.post = post;
        QuoteStage::new()
            .with_tagger(Some(t), dossier_quotes::Mix::Precise)
            .quotes(&d)
    };
    let cue = |qs: &[Quote], w: &str| {
        qs.iter()
            .any(|q| q.cue.is_some_and(|c| show(&d, Some(c)) == w))
    };
    let free = run(None);
    assert!(cue(&free, "said") && cue(&free, "hinted"), "{free:?}");
    // A judge whose every score is far below its threshold.
    let mut b = b"DQF1".to_vec();
    b.extend_from_slice(&feature(0, "").to_le_bytes());
    b.extend_from_slice(&(-1000.0f32).to_le_bytes());
    let judged = run(Some(Post {
        filter: Filter::from_bytes(&b),
        keep_at: 0.0,
        log: None,
    }));
    assert!(
        cue(&judged, "said"),
        "the quotation's rule stays: {judged:?}"
    );
    assert!(
        !cue(&judged, "hinted"),
        "the tagger's find goes: {judged:?}"
    );
}

#[test]
fn a_request_not_to_be_named_is_no_statement_and_its_clause_no_speaker() {
    let text = "An official, who asked not to be named, said the talks would resume next week. A diplomat, who declined to be identified, said the meeting was tense.\n";
    let (d, q) = run(text, &[]);
    let all: Vec<&str> = q.iter().map(|x| show(&d, Some(x.span))).collect();
    assert!(
        !all.iter()
            .any(|c| c.contains("to be named") || c.contains("to be identified")),
        "{all:?}"
    );
    let talks = containing(&d, &q, "the talks would resume");
    assert_eq!(show(&d, talks.speaker), "An official");
    let tense = containing(&d, &q, "the meeting was tense");
    assert_eq!(show(&d, tense.speaker), "A diplomat");
}

#[test]
fn a_poll_named_with_when_it_was_released_reports_the_rest_of_the_sentence() {
    let text = "In an NBC News/Wall Street Journal poll released Monday, 50 percent of respondents chose Clinton.\n\nIn the most recent YouGov/Economist survey, 71 percent of Sanders supporters approved of Obama.\n\nIn a Des Moines Register poll last month, Mr. Cruz had a 10 percentage-point lead.\n\nIn an interview last week, the senator defended the plan.\n\nIn a poll of 800 voters, the group found that turnout would fall.\n";
    let (d, q) = run(text, &[]);
    let nbc = containing(&d, &q, "50 percent of respondents");
    assert_eq!(show(&d, nbc.cue), "In");
    assert_eq!(
        show(&d, nbc.speaker),
        "an NBC News/Wall Street Journal poll released Monday"
    );
    let yougov = containing(&d, &q, "71 percent of Sanders supporters approved");
    assert_eq!(
        show(&d, yougov.speaker),
        "the most recent YouGov/Economist survey"
    );
    let cruz = containing(&d, &q, "10 percentage-point lead");
    assert_eq!(
        show(&d, cruz.speaker),
        "a Des Moines Register poll last month"
    );
    // An interview is no poll: its cue keeps its own speaker; nor is a finding the poll's.
    assert!(!q.iter().any(|x| show(&d, x.speaker).contains("interview")));
    assert!(!q.iter().any(|x| show(&d, x.speaker).contains("800 voters")));
}

#[test]
fn a_quote_resumed_after_a_no_break_space_continues_the_statement() {
    let text = "“Let’s just boil it down to the essentials,” he continued. \u{a0}“I’ve met Mr. Trump on more than one occasion.”\n";
    let (d, q) = run(text, &[]);
    let s = containing(&d, &q, "boil it down");
    assert!(show(&d, Some(s.span)).contains("I’ve met"), "{q:?}");
}

#[test]
fn a_statement_that_opens_a_quotation_goes_on_to_its_close() {
    let text = "Trump said that ethanol makers “do a fantastic job. And it’s so important.” The crowd cheered.\n";
    let (d, q) = run(text, &[]);
    let s = containing(&d, &q, "fantastic job");
    assert!(
        show(&d, Some(s.span)).ends_with("so important.”"),
        "{:?}",
        show(&d, Some(s.span))
    );
}

#[test]
fn a_time_between_subject_and_cue_is_not_the_speaker() {
    let text = "Democratic presidential candidate Hillary Clinton on Tuesday said that the violence amounts to genocide.\n\nThe governor last week said that the bridge would reopen in May.\n\nNeither contest this year appears to have a genuine race for first place.\n";
    let (d, q) = run(text, &[]);
    let g = containing(&d, &q, "amounts to genocide");
    assert_eq!(
        show(&d, g.speaker),
        "Democratic presidential candidate Hillary Clinton"
    );
    let b = containing(&d, &q, "bridge would reopen");
    assert_eq!(show(&d, b.speaker), "The governor");
    // Whoever seems so holds no view, a time between or not.
    assert!(
        !q.iter().any(|x| show(&d, x.speaker).contains("contest")),
        "{q:?}"
    );
}

#[test]
fn an_opening_adverb_and_its_comma_are_no_part_of_a_speaker() {
    let text = "Instead, the Vermont senator is sticking to his campaign message, hoping to avoid any misstep that could undermine his lead.\n";
    let (d, q) = run(text, &[]);
    let s = containing(&d, &q, "avoid any misstep");
    assert_eq!(show(&d, s.speaker), "the Vermont senator");
}

#[test]
fn a_statement_runs_on_around_a_medial_according_to() {
    let text = "At the heart of the trouble, according to Dennis B. Ross, another former American special envoy, was a decision by Mr. Obama to establish distance from Israel.\n\nThe talks failed, according to officials, who asked not to be named.\n";
    let (d, q) = run(text, &[]);
    let s = containing(&d, &q, "At the heart of the trouble");
    assert!(
        show(&d, Some(s.span)).ends_with("distance from Israel"),
        "{q:?}"
    );
    assert_eq!(show(&d, s.speaker), "Dennis B. Ross");
    // A relative clause after the source is the source's, not the statement's.
    let t = containing(&d, &q, "The talks failed");
    assert_eq!(show(&d, Some(t.span)), "The talks failed");
}

#[test]
fn a_teaser_label_or_a_heading_over_names_is_no_speaker() {
    let text = "LOOK: Shocking Photos Of The Rally Are Going Viral.\n\nIowa: Tim Albrecht, Brad Anderson, Rob Barron, Jeff Boeyink, Bonnie Campbell.\n\nMark Cuban: A businessman can run this country.\n";
    let (d, q) = run(text, &[]);
    let speakers: Vec<&str> = q.iter().map(|x| show(&d, x.speaker)).collect();
    assert!(!speakers.contains(&"LOOK"), "{speakers:?}");
    assert!(!speakers.contains(&"Iowa"), "{speakers:?}");
}

#[test]
fn a_share_or_a_crowd_is_not_the_nearest_person() {
    let text = "Senator Jane Roe faces an inquiry. Fifty-one percent say that “Roe was wrong.” \
                Several observers said the vote would be close. She said it would not.";
    let (d, q) = run(
        text,
        &[("Jane Roe", EntityType::PER), ("Roe", EntityType::PER)],
    );
    let share = containing(&d, &q, "Roe was wrong");
    assert_eq!(show(&d, share.speaker), "Fifty-one percent");
    assert_eq!(share.speaker_mention, None, "a share of the public");
    let crowd = containing(&d, &q, "the vote would be close");
    assert_eq!(show(&d, crowd.speaker), "Several observers");
    assert_eq!(crowd.speaker_mention, None, "several people");
    let her = containing(&d, &q, "it would not");
    assert!(her.speaker_mention.is_some(), "a pronoun still resolves");
}

#[test]
fn a_name_that_qualifies_the_speaker_is_not_the_speaker() {
    let text = "Jane Roe met the envoys. A Roe administration official said talks would resume. \
                Acme adviser John Doe said the deal was near. An Acme spokeswoman said it was not.";
    let names = [
        ("Jane Roe", EntityType::PER),
        ("John Doe", EntityType::PER),
        ("Acme", EntityType::ORG),
    ];
    let mut d = doc(text, &names);
    // "Roe" alone, inside the description, is a person's name qualifying "administration".
    let at = text.find("Roe administration").expect("in the text");
    d.mentions.push(Mention {
        span: Span::new(at, at + 3),
        label: EntityType::PER,
        score: 1.0,
    });
    d.mentions.sort_by_key(|m| m.span.start);
    QuoteStage::new()
        .run(&mut d)
        .expect("the stage never fails");
    let q = d.quotes.clone();
    let name = |x: &Quote| {
        x.speaker_mention
            .map(|i| d.span_text(d.mentions[i as usize].span))
    };
    let official = containing(&d, &q, "talks would resume");
    assert_eq!(name(official), None, "an unnamed official, not Roe");
    let adviser = containing(&d, &q, "the deal was near");
    assert_eq!(name(adviser), Some("John Doe"));
    let spokeswoman = containing(&d, &q, "it was not");
    assert_eq!(
        name(spokeswoman),
        Some("Acme"),
        "a body speaks through its spokeswoman"
    );
}

/// The text of the mention a quote's speaker resolves to.
fn resolved<'a>(d: &'a Document, x: &Quote) -> Option<&'a str> {
    x.speaker_mention
        .map(|i| d.span_text(d.mentions[i as usize].span))
}

#[test]
fn they_is_many_and_never_the_nearest_single_name() {
    let text =
        "Jane Roe, head of the ministry, spoke on Monday. Analysts said rates would rise.\n\n\
                They said Acme Corp would gain.\n\n\
                Acme Corp said it would buy Beta Inc. They said the price was fair.";
    let names = [
        ("Jane Roe", EntityType::PER),
        ("Acme Corp", EntityType::ORG),
        ("Beta Inc", EntityType::ORG),
    ];
    let (d, q) = run(text, &names);
    let after_crowd = containing(&d, &q, "Acme Corp would gain");
    assert_eq!(show(&d, after_crowd.speaker), "They");
    assert_eq!(
        resolved(&d, after_crowd),
        None,
        "the analysts, not Jane Roe"
    );
    let after_body = containing(&d, &q, "the price was fair");
    assert_eq!(show(&d, after_body.speaker), "They");
    assert_eq!(
        resolved(&d, after_body),
        None,
        "not the one company named last"
    );
}

#[test]
fn it_is_the_body_that_spoke_not_one_its_statement_names() {
    let text = "Acme Corp said it filed a plan with the Securities and Exchange Commission.\n\n\
                It said the sale would close in May.\n\n\
                The Agriculture Department said traders expect sales to USSR to rise. \
                Exports could double, it said.";
    let names = [
        ("Acme Corp", EntityType::ORG),
        ("Securities and Exchange Commission", EntityType::ORG),
        ("Agriculture Department", EntityType::ORG),
        ("USSR", EntityType::ORG),
    ];
    let (d, q) = run(text, &names);
    let sale = containing(&d, &q, "the sale would close");
    assert_eq!(
        resolved(&d, sale),
        Some("Acme Corp"),
        "the filer, not the SEC"
    );
    let exports = containing(&d, &q, "Exports could double");
    assert_eq!(resolved(&d, exports), Some("Agriculture Department"));
}

#[test]
fn he_after_an_unnamed_official_is_that_official() {
    let text = "President Jane Roe met bankers on Monday. A senior official said the plan \
                would work.\n\nHe said the banks would agree.";
    let (d, q) = run(text, &[("Jane Roe", EntityType::PER)]);
    let he = containing(&d, &q, "the banks would agree");
    assert_eq!(show(&d, he.speaker), "He");
    assert_eq!(resolved(&d, he), None, "the official, not Jane Roe");
}

#[test]
fn a_possessor_or_qualifier_speaks_only_through_its_representatives() {
    let text = "John Doe was fined. Doe's supporters said he had no choice. \
                Turkey's NATO allies said both sides must stay calm. \
                A spokesman for the Acme representative office here said sales rose. \
                The parent of Beta Savings Bank said it agreed to be sold. \
                Gamma Co plc said it raised prices.";
    let names = [
        ("John Doe", EntityType::PER),
        ("Doe", EntityType::PER),
        ("NATO", EntityType::ORG),
        ("Acme", EntityType::ORG),
        ("Beta Savings Bank", EntityType::ORG),
        ("Gamma Co", EntityType::ORG),
    ];
    // "Doe" inside "John Doe" is no second mention.
    let (d, q) = run_outer(text, &names);
    let supporters = containing(&d, &q, "he had no choice");
    assert_eq!(show(&d, supporters.speaker), "Doe's supporters");
    assert_eq!(resolved(&d, supporters), None, "supporters are not Doe");
    let allies = containing(&d, &q, "must stay calm");
    assert_eq!(resolved(&d, allies), None, "allies are not NATO");
    let spokesman = containing(&d, &q, "sales rose");
    assert_eq!(resolved(&d, spokesman), Some("Acme"), "a spokesman for it");
    let parent = containing(&d, &q, "agreed to be sold");
    assert_eq!(resolved(&d, parent), None, "the parent is another company");
    let gamma = containing(&d, &q, "raised prices");
    assert_eq!(
        resolved(&d, gamma),
        Some("Gamma Co"),
        "a legal form ends the name"
    );
}

#[test]
fn i_and_you_outside_quotation_marks_are_the_writer_and_the_reader() {
    let text = "Jane Roe won the vote. I don’t see the downside of a long inquiry. \
                You could read these numbers as a vindication of Roe.";
    let (d, q) = run(
        text,
        &[("Jane Roe", EntityType::PER), ("Roe", EntityType::PER)],
    );
    for x in &q {
        if matches!(show(&d, x.speaker), "I" | "You") {
            assert_eq!(resolved(&d, x), None, "{:?}", show(&d, x.speaker));
        }
    }
}

#[test]
fn names_in_a_relative_clause_of_the_speaker_are_not_the_speaker() {
    let text = "Acme Corp said it would list its stock in New York.\n\n\
                The company, whose stock has traded on the Pacific Exchange since 1984, said \
                it would keep its symbol.";
    let names = [
        ("Acme Corp", EntityType::ORG),
        ("Pacific Exchange", EntityType::ORG),
    ];
    let (d, q) = run(text, &names);
    let symbol = containing(&d, &q, "keep its symbol");
    assert_eq!(resolved(&d, symbol), Some("Acme Corp"), "not the exchange");
}

#[test]
fn the_agency_is_the_body_that_spoke_unless_a_name_holds_the_word() {
    let text = "Moody's Investors Service Inc said it cut the ratings of Acme Corp.\n\n\
                The agency said Acme's losses would grow.";
    let names = [
        ("Moody's Investors Service Inc", EntityType::ORG),
        ("Acme Corp", EntityType::ORG),
        ("Acme", EntityType::ORG),
    ];
    let (d, q) = run_outer(text, &names);
    let losses = containing(&d, &q, "losses would grow");
    assert_eq!(
        resolved(&d, losses),
        Some("Moody's Investors Service Inc"),
        "the rating agency, not the company it rated"
    );
}

#[test]
fn a_business_named_short_is_the_one_named_in_full_before() {
    let text = "Acme Computer Inc said sales rose in China.\n\n\
                Acme said the software is available now. China said the tariff stays.\n\n\
                China Trust Corp was not affected.";
    let names = [
        ("Acme Computer Inc", EntityType::ORG),
        ("China Trust Corp", EntityType::ORG),
        ("China", EntityType::LOC),
    ];
    let (d, q) = run_outer(text, &names);
    let acme = containing(&d, &q, "the software is available");
    assert_eq!(show(&d, acme.speaker), "Acme");
    assert_eq!(resolved(&d, acme), Some("Acme Computer Inc"));
}

#[test]
fn a_country_that_speaks_is_its_name() {
    let text = "Dock workers walked out on Monday.\n\n\
                China said it would not send ships to the port this year. \
                The United States said the strike was a local matter. \
                A delegation from China called the talks useful.";
    let (d, q) = run(
        text,
        &[
            ("China", EntityType::LOC),
            ("United States", EntityType::LOC),
            ("China", EntityType::LOC),
        ],
    );
    let ships = containing(&d, &q, "send ships");
    assert_eq!(resolved(&d, ships), Some("China"));
    let local = containing(&d, &q, "local matter");
    assert_eq!(resolved(&d, local), Some("United States"));
    // A place inside a longer description is not the speaker.
    let useful = containing(&d, &q, "useful");
    assert_eq!(resolved(&d, useful), None);
}

#[test]
fn it_that_shows_or_allows_is_a_thing_not_the_body_named_before() {
    let text = "The Harbor Board met at the Civic Forum on Monday.\n\
                It shows that the port's debts are larger than thought.\n\
                A longer inquiry would keep the mayor busy. It would also allow the council to \
                question the Harbor Board.\n\
                Ruritex Corp said its profit rose. It said sales would grow.";
    let (d, q) = run(
        text,
        &[
            ("Harbor Board", EntityType::ORG),
            ("Civic Forum", EntityType::ORG),
            ("Ruritex Corp", EntityType::ORG),
        ],
    );
    let shows = containing(&d, &q, "debts are larger");
    assert_eq!(show(&d, shows.speaker), "It");
    assert_eq!(shows.speaker_mention, None);
    if let Some(allow) = q
        .iter()
        .find(|x| show(&d, Some(x.span)).contains("question the"))
    {
        assert_eq!(allow.speaker_mention, None, "{allow:?}");
    }
    // a body's "it said" is still the body
    let said = containing(&d, &q, "sales would grow");
    let m = said.speaker_mention.expect("resolved") as usize;
    assert_eq!(d.span_text(d.mentions[m].span), "Ruritex Corp");
}

#[test]
fn an_expletive_it_names_nobody() {
    let text = "Ruritex Corp said its first-quarter loss widened.\n\
                It is expected that the company will cut 500 jobs by June.\n\
                It was reported that the board met on Friday to discuss a sale.\n\
                It seems the chief executive will step down next month.";
    let (d, q) = run(text, &[("Ruritex Corp", EntityType::ORG)]);
    for words in ["cut 500 jobs", "the board met", "will step down"] {
        if let Some(x) = q.iter().find(|x| show(&d, Some(x.span)).contains(words)) {
            assert_eq!(x.speaker_mention, None, "{words}: {x:?}");
        }
    }
}

#[test]
fn a_statement_before_its_cue_starts_past_a_colon_and_a_joining_word() {
    let text = "The port has not lost its trade: most ships still call there, according to the \
                harbour board.\n\n\
                But the new quay will open late, the mayor said.\n\n\
                Still, the budget will hold, the treasurer said.\n";
    let (d, q) = run(text, &[]);
    assert_eq!(
        show(&d, Some(containing(&d, &q, "most ships").span)),
        "most ships still call there"
    );
    let quay = containing(&d, &q, "quay");
    assert_eq!(show(&d, Some(quay.span)), "the new quay will open late");
    assert_eq!(show(&d, quay.speaker), "the mayor");
    assert_eq!(
        show(&d, Some(containing(&d, &q, "budget").span)),
        "the budget will hold"
    );
}

#[test]
fn a_stop_inside_a_word_does_not_end_the_cue_sentence() {
    let text = "“We will win the vote,” said Rep. Jane Roe (D-N.Y.), a member of the panel. \
                “The count is close.”\n";
    let (d, q) = run(text, &[]);
    let x = containing(&d, &q, "We will win");
    assert!(
        show(&d, Some(x.span)).ends_with("“The count is close.”"),
        "{q:?}"
    );
    assert!(show(&d, x.speaker).contains("Jane Roe"), "{q:?}");
}

#[test]
fn a_statement_is_listed_once_with_its_fuller_cue() {
    // Two readings of one cue ("said" and "said in a statement"), each continued over the
    // quotation after it, end with the same content: one is listed.
    let text = "Roe pledges to fight on\n\nThe senator from Ohio spent the week in Columbus.\n\n\
                “We will keep fighting for every single vote in this state,” Jane Roe said in a \
                statement. “The numbers we have seen since January put our campaign on pace to \
                win the nomination.”\n\n“It is downright ludicrous,” Tom Doe said in an \
                interview. “He is leading the state in the wrong direction and everyone here \
                knows it.”\n";
    let (d, q) = run_outer(
        text,
        &[("Jane Roe", EntityType::PER), ("Tom Doe", EntityType::PER)],
    );
    for (i, a) in q.iter().enumerate() {
        for b in &q[i + 1..] {
            assert_ne!(a.span, b.span, "listed twice: {:?}", show(&d, Some(a.span)));
        }
    }
    let roe = containing(&d, &q, "every single vote");
    assert!(show(&d, Some(roe.span)).contains("on pace to win"));
    assert_eq!(show(&d, roe.cue), "said in a statement");
    assert_eq!(resolved(&d, roe), Some("Jane Roe"));
    let doe = containing(&d, &q, "downright ludicrous");
    assert_eq!(show(&d, doe.cue), "said in an interview");
    assert_eq!(resolved(&d, doe), Some("Tom Doe"));
}

#[test]
fn a_counted_description_is_nobody_the_article_names() {
    // "neither man", "both Roe and Doe", "some critics, including Poe," count people: none of
    // them alone is the speaker, nor the nearest person named before.
    let text = "Two leaders meet in Ohio\n\nJane Roe, the governor, and John Doe, the mayor, met \
                in Columbus on Monday to talk about the new bridge.\n\nNeither man said the talks \
                had failed, and the governor's office was silent.\n\nBoth Roe and Doe said they \
                would meet again next week to settle the budget.\n\nSome critics, including Mary \
                Poe, said the meeting was a waste of time and money.\n\nEach candidate said the \
                other was not fit to lead the state.\n\nVoters cheered when Doe said the bridge \
                would open by spring.\n";
    let (d, q) = run(
        text,
        &[
            ("Jane Roe", EntityType::PER),
            ("John Doe", EntityType::PER),
            ("Roe", EntityType::PER),
            ("Doe", EntityType::PER),
            ("Mary Poe", EntityType::PER),
        ],
    );
    for (words, speaker) in [
        ("the talks had failed", "Neither man"),
        ("meet again next week", "Both Roe and Doe"),
        ("a waste of time", "Some critics, including Mary Poe,"),
        ("not fit to lead", "Each candidate"),
    ] {
        let x = containing(&d, &q, words);
        assert_eq!(
            show(&d, x.speaker).trim_end_matches(','),
            speaker.trim_end_matches(',')
        );
        assert_eq!(resolved(&d, x), None, "{speaker} is nobody the text names");
    }
    let doe = containing(&d, &q, "open by spring");
    assert_eq!(
        resolved(&d, doe),
        Some("Doe"),
        "a name is still its own speaker"
    );
}

#[test]
fn his_campaign_is_the_campaign_of_the_person_the_sentence_is_about() {
    // The first man of the sentence before, not the nearest name ("John Doe"); in the speaker's
    // own sentence, the first one who fits; with nobody in either, the nearest earlier one.
    let text = "Roe loses two states\n\nTom Roe lost Ohio on Tuesday to the state's governor, \
                John Doe.\n\nBut his campaign said it would fight on in the western states.\n\n\
                Jane Poe met Tom Roe in Denver, and her advisers said the talks went well.\n\n\
                Bill Moe toured a factory in Dayton.\n\nThe weather was cold and wet all day.\n\n\
                His aides said the tour would go on next week.\n";
    let (d, q) = run(
        text,
        &[
            ("Tom Roe", EntityType::PER),
            ("John Doe", EntityType::PER),
            ("Jane Poe", EntityType::PER),
            ("Bill Moe", EntityType::PER),
        ],
    );
    let roe = containing(&d, &q, "fight on");
    assert_eq!(show(&d, roe.speaker), "his campaign");
    assert_eq!(resolved(&d, roe), Some("Tom Roe"));
    let poe = containing(&d, &q, "the talks went well");
    assert_eq!(resolved(&d, poe), Some("Jane Poe"));
    let moe = containing(&d, &q, "next week");
    assert_eq!(resolved(&d, moe), Some("Bill Moe"));
}
