//! Incremental story clustering: each arriving document joins the most similar open story or
//! opens a new one; stories are only ever merged (see below), never split or re-clustered.
//!
//! A document has two TF-IDF vectors, each of unit length: one over its folded content words
//! (title words count [`StoryConfig::title_weight`] times, words of the lead
//! [`StoryConfig::lead_weight`] times more, as the lead says what the main event is while the
//! body also tells what came before, and the names of the persons and organisations the lead
//! gives [`StoryConfig::name_weight`] times more, as two happenings of one kind share their
//! common words and differ in who took part) and one over its entity names; IDF
//! comes from the document frequencies seen so far. A story keeps the sum of its members'
//! vectors, pruned to its [`StoryConfig::max_terms`] heaviest features, and is found through an
//! inverted index from features to stories (blocking: only stories sharing one of the document's
//! [`StoryConfig::query_terms`] strongest features are compared, and only the most recent
//! [`StoryConfig::posting_scan`] stories of each list). The similarity of a document and a story
//! is `(1 - e) * cos_words + e * cos_entities` with `e` = [`StoryConfig::entity_share`] (words
//! alone when either side has no entity): two events of one kind share their vocabulary, not
//! their actors. A document joins the most similar story when the similarity reaches
//! [`StoryConfig::threshold`] and its date lies within [`StoryConfig::window_days`] of the
//! story's span: the same actors meeting again months later open a new story.
//!
//! Two happenings of one kind share their words, so the documents' leads (their first
//! [`StoryConfig::lead_sentences`] sentences, where an article says what its main event is)
//! are compared too: a story whose main event is another one than the document's has its
//! similarity multiplied by [`StoryConfig::other_event`]. Another main event is an interview
//! against reports of the happenings the interviewee talks about, a decision undone against the
//! decision ([`StoryConfig::reversals`]: "Obama overturns Bush rule"), leads naming dates far
//! apart ([`StoryConfig::lead_window_days`]: the same kind of happening in another year), or
//! leads naming days of the year far apart, the year left aside ([`StoryConfig::season_days`]:
//! an undated article's "Saturday, Nov. 19" against a story of July happenings).
//! A story whose members' headlines tell another kind of happening than the document's, of
//! kinds that exclude each other ([`StoryConfig::kinds`]: a hiring against a dismissal), has its
//! similarity multiplied by [`StoryConfig::other_kind`] and gets no shared-protagonist bonus
//! (the coach hired is the coach later fired). So is a story whose members' headlines count a
//! thing the document's counts too, never by its figure ([`StoryConfig::other_count`]: "26
//! pirates" against a story of "23 pirates"). So is a story of reports, with a key word
//! differing, for a document whose headline is a question or a comment ([`is_opinion`],
//! [`StoryConfig::other_opinion`]: "Arson again: a pattern around the mayor?" against a story of
//! the fire at the mayor's church), which gets no shared-protagonist bonus there either.
//!
//! Who the main event is about is compared as well ([`crate::participants`]): a story whose
//! protagonist (the person its members name most) is the document's has its similarity
//! multiplied by [`StoryConfig::same_participants`], and one whose protagonist is a minor figure
//! of the document while the document's is a minor figure of the story (another man arrested,
//! the earlier arrest named in passing) by [`StoryConfig::other_participants`]. A story that
//! contrasts with the document, by the key words (names and figures) of the first sentences,
//! has its similarity multiplied by [`StoryConfig::contrast`]: a key word most of its members
//! give is nowhere in the document, and one the document gives is not in the story ("Colts beat
//! Chiefs 20-13" against a story of "Colts beat Jaguars 31-24"). A story whose members' openings
//! name another day of the week than the document's, and that differs from it by key words,
//! has its similarity multiplied by [`StoryConfig::other_weekday`] ("23 pirates captured on
//! Saturday" against "26 pirates captured on Thursday"). A story whose members' openings name
//! other persons than the document's opening, none of whom it names, and that differs from it by
//! key words, has its similarity multiplied by [`StoryConfig::other_protagonist`] ("Charger
//! Jamal Williams arrested" against "Chargers' Jackson arrested"). These two are tested against
//! a story of one member too, where the first article of a second happening most often meets
//! the first one; so is a story whose members' openings give sums of money all far from the
//! document's ([`StoryConfig::other_amount`]: "a $2.6 million heist" against "85 million
//! euros").
//!
//! A brief (a short text under a headline of its own: wire notices of results and dividends,
//! whose text is a template and whose company is named only in the headline) joins only a story
//! with a member whose headline holds the brief's first headline word and its words that few
//! headlines give ([`StoryConfig::brief_words`]). Vectors are sorted by feature id and summed in
//! that order, so results do not depend on hash-map order.
//!
//! A document that joins one story while it is about as close to another small one
//! ([`StoryConfig::bridge`]) bridges them: the two are merged, unless their members' openings
//! tell them apart (as for a document against a story: other persons, dates far apart, an
//! undone decision...). The first articles of one happening often open stories of their own;
//! a later one that both draw closes the split. Nothing else is ever revised, and a story merged
//! away keeps its id with no members ([`StoryIndex::story_of`] follows the merge).
//!
//! The decision reads each candidate story as a [`Candidate`]: the rules' score (the likeness
//! times the factors that apply, against [`StoryConfig::threshold`]) and the numbers it comes
//! from, with a few more ([`LINK_FEATURE_NAMES`]). [`StoryConfig::link_model`] can put a learned
//! linear scorer over those numbers in the rules' place (`examples/link.rs` trains one on
//! simulated ECB+ arrivals, [`StoryIndex::add_document_with`] lets a caller decide); it is empty
//! by default, as no scorer learned so far beats the rules (ARCHITECTURE.md, Stories).

use std::collections::{BTreeMap, HashMap};

use dossier_core::hash::FastMap;
use dossier_core::{Document, EntityType, TimexType};
use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::xxh3_64;

use crate::participants::{Cast, Participants, Test, Zone};
use crate::text::{fold_into, fold_suffix, has_digit, is_stopword, words};

/// Knobs of the clustering; the defaults were tuned with `dossier eval stories` on ECB+ topics
/// 1–35 (the held-out topics 36–45 were never used).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct StoryConfig {
    /// Minimum cosine between a document and a story for the document to join it.
    pub threshold: f64,
    /// How many times more a word of the lead counts (where an article says what its main event
    /// is; the body also tells what came before).
    pub lead_weight: f32,
    /// How many times a title word counts in all (the text's own copy of the title, when it
    /// holds one near its start, is one of them).
    pub title_weight: f32,
    /// How many times more a word of a person's or an organisation's name (a mention of the
    /// document's entity layer) counts in the lead: two happenings of one kind share their common
    /// words and differ in who took part. Only in the lead, as a follow-up names the actors of
    /// an earlier happening further down (the minister of the talks, named at the end of a report
    /// of an attack); and places are left out, as neighbouring happenings share their country.
    pub name_weight: f32,
    /// Share of the entity cosine in the similarity.
    pub entity_share: f32,
    /// Largest gap in days between a document's date and a story's span.
    pub window_days: i64,
    /// Features kept in a story's centroid.
    pub max_terms: usize,
    /// Strongest features of a document used to find candidate stories.
    pub query_terms: usize,
    /// Most recent stories looked at per feature.
    pub posting_scan: usize,
    /// Stories compared with a document: those found under the most of its strong features.
    pub max_candidates: usize,
    /// IDF is raised to this power: above 1, rare words (names, figures) count more than the
    /// vocabulary of the kind of event, which two different events of one kind share.
    pub idf_power: f32,
    /// How many documents of the built-in background (general news, `resources/background_df.tsv`)
    /// each count as: a small corpus then already knows that "government" is common and a
    /// place or a name is not. 0 turns it off.
    pub background: f32,
    /// A shared entity is an anchor (a sign of the same happening rather than the same kind of
    /// happening) when it is a person, organisation or place named by at most this share of the
    /// documents seen.
    pub anchor_share: f32,
    /// The similarity of a story that shares no anchor with a document that names entities is
    /// multiplied by this; only once the corpus is large enough to tell rare from common (at
    /// least `1 / anchor_share` documents).
    pub unanchored: f64,
    /// The similarity of a story whose span lies more than [`StoryConfig::window_days`] from the
    /// document's date is multiplied by this (0: such a story is never joined).
    pub outside_window: f64,
    /// Date a document without a publication date by the latest full day its text names (off:
    /// on ECB+ articles that name past days, it split more stories than it kept apart).
    pub text_dates: bool,
    /// How many sentences make a document's lead, where it says what its main event is.
    pub lead_sentences: usize,
    /// The similarity of a story whose main event is of another kind than the document's (an
    /// interview against reports of the happenings the interviewee talks about) is multiplied by
    /// this (1: off).
    pub other_event: f64,
    /// A story's main event is also another one when the document's headline or first sentence
    /// says a decision is undone ("Obama overturns Bush rule": a word of [`REVERSAL_WORDS`])
    /// while most of its members' do not, or the other way round: the undoing of a decision is
    /// another happening than the decision, told in the same words.
    pub reversals: bool,
    /// A story tells another kind of happening than the document when the document's headline
    /// or first sentence tells a kind (a word of `resources/happening_kinds.tsv`: a hiring, a
    /// dismissal) that the story's members tell none of, while they tell another kind of its
    /// group ("Rovers hire Ivo Sand as coach" against a story of "Rovers fire coach Ivo Sand"):
    /// its similarity is multiplied by [`StoryConfig::other_kind`], and two stories so apart
    /// are not bridged. A story tells the kinds at least [`StoryConfig::kind_share`] of its
    /// members tell (half of them when two stories are compared).
    pub kinds: bool,
    /// See [`StoryConfig::kinds`] (0: any member).
    pub kind_share: f32,
    /// The similarity of a story whose members' headlines or first sentences count a thing the
    /// document's count too, never by the document's figure ("26 pirates" against a story of
    /// "23 pirates"), is multiplied by this (1: off). Only counts that are no amounts (tolls,
    /// sums, shares: see [`is_amount`]), years or parts of a score, a time or a decimal.
    pub other_count: f64,
    /// A story counts a thing when at least this share of its members count it.
    pub count_share: f32,
    /// The similarity of a story that tells another kind of happening (see
    /// [`StoryConfig::kinds`]) is multiplied by this.
    pub other_kind: f64,
    /// Whether a story that tells another kind of happening loses the shared-protagonist bonus
    /// ([`StoryConfig::same_participants`]): the man fired is the man hired.
    pub kind_no_bonus: bool,
    /// A story's main event is also another one when none of its members' leads names a date
    /// within this many days of a date the document's lead names (dates with a year only, both
    /// sides naming some): the same kind of happening in another year or season. 0: off.
    pub lead_window_days: i64,
    /// The similarity of a story whose main event has other participants than the document's
    /// (see [`crate::participants`]: each side's protagonist a minor figure of the other) is
    /// multiplied by this (1: off). Mild by default: a protagonist is told by mention counts,
    /// and a spokesman or a tagging error is sometimes the most named person of a report.
    pub other_participants: f64,
    /// The kinds of names whose protagonists are compared (persons only by default: two events
    /// of one kind share their organisations and places more often than their persons).
    pub participant_kinds: Vec<EntityType>,
    /// How many mentions (first-sentence ones counting twice) make a document's protagonist.
    pub participant_mentions: f32,
    /// The similarity of a story whose protagonist is the document's is multiplied by this
    /// (1: off): articles about one person's happening that word it differently.
    pub same_participants: f64,
    /// A protagonist holds at least this share of its side's mentions of its kind.
    pub dominant_share: f32,
    /// A protagonist is a minor figure of the other side when its share there is at most this
    /// times the other side's protagonist's.
    pub minor_share: f32,
    /// How many sentences open a document (where its mentions count more).
    pub key_sentences: usize,
    /// A story's main event is also another one when none of its members' leads names a day
    /// of the year within this many days of one the document's lead names, the year left aside
    /// (days, with or without their year; both sides naming some): the same kind of happening
    /// in another season, told even by an article without a date. 0: off.
    pub season_days: i64,
    /// The similarity of a story that contrasts with the document is multiplied by this (1:
    /// off): a key word (a name or a figure of the first sentence) that most of the story's
    /// members give there is nowhere in the document, and one the document gives there is not in
    /// the story ("Colts beat Chiefs 20-13" against a story of "Colts beat Jaguars 31-24").
    pub contrast: f64,
    /// A story's key word is one given in the first sentence of at least this share of its
    /// members.
    pub contrast_share: f32,
    /// Stories with fewer members are not tested for contrast (one article's first sentence
    /// is too little to tell what the story's happening is named by).
    pub contrast_members: usize,
    /// How many words make a contrast, the story's missing from the document and the
    /// document's new to the story counted together (one of each at least): a single one of each
    /// is as often another wording of the same happening.
    pub contrast_words: usize,
    /// A key word of the document is new to a story only when the document gives it at least
    /// this many times: a word given once is as often a detail of the same happening.
    pub contrast_repeats: usize,
    /// A key word of the document is new to a story also when the story's words give it, but
    /// weighing on average less than this per member (a name its members give in passing: the
    /// earlier arrest a report of another one recalls). 0: any weight makes it not new.
    pub contrast_passing: f32,
    /// Whether a figure the document gives can be new to a story: off, as reports of one
    /// happening give other tolls ("killed 14" against "killed more than 20"), which the
    /// conflicts are about.
    pub contrast_new_figures: bool,
    /// Whether a figure the document gives can be new to a story when it is no amount: a
    /// count of what the happening is named by ("captured 23 pirates", a score "20-13", a
    /// version "3.0.1") rather than a toll or a sum that reports of one happening give
    /// differently (a figure next to a word of casualties, "killed 46", "62 people died",
    /// or of money or shares, "$2.6 million", "74 million pounds", "12 percent").
    pub contrast_new_counts: bool,
    /// The similarity of a story whose members name another day of the week for their
    /// happening, and that differs from the document by key words too, is multiplied by this
    /// (1: off): the document's opening names days of the week (a "Saturday", or a date its
    /// time layer resolved), none of which any member's opening names, while at least
    /// [`StoryConfig::weekday_share`] of the story's members name one, and at least
    /// [`StoryConfig::weekday_words`] key words differ (counted as for the contrast: the
    /// story's missing from the document and the document's new to it; "captured 23 pirates on
    /// Saturday", INS Mysore, against "intercepted 26 pirates on Thursday", INS Sukanya).
    /// Stories of fewer than [`StoryConfig::weekday_members`] members are not tested.
    pub other_weekday: f64,
    /// How many sentences open a document where its days of the week are read.
    pub weekday_sentences: usize,
    /// A story names a day of the week when at least this share of its members name it.
    pub weekday_share: f32,
    /// How many key words must differ besides the day of the week.
    pub weekday_words: usize,
    /// Stories with fewer members are not tested for another day of the week.
    pub weekday_members: usize,
    /// The similarity of a story whose members' openings are about other persons than the
    /// document's is multiplied by this (1: off): the document's opening (its first
    /// [`StoryConfig::protagonist_sentences`]) names persons, none of whom any member's opening
    /// names, while at least [`StoryConfig::protagonist_share`] of the members' openings name
    /// persons, none of whom the document's opening names ("Charger Jamal Williams arrested",
    /// whose body names the earlier arrest of Vincent Jackson, against a story whose openings
    /// name Vincent Jackson); and at least [`StoryConfig::protagonist_words`] key words differ
    /// (counted as for the contrast). Unlike the contrast, a story of one member is tested too:
    /// the first article of a second happening meets a story of one article of the first.
    /// Persons meet by the last word of their names ("Jackson", "Vincent Jackson").
    pub other_protagonist: f64,
    /// How many sentences open a document where its persons are read.
    pub protagonist_sentences: usize,
    /// A story names persons in its openings when at least this share of its members do.
    pub protagonist_share: f32,
    /// How many key words must differ besides the persons.
    pub protagonist_words: usize,
    /// The similarity of a story whose members' openings name a person the document names
    /// nowhere, while the document's opening names one that no member's opening names and that
    /// the document gives at least [`StoryConfig::opponent_repeats`] times, is multiplied by this
    /// (1: off): one side of a contest or a deal is another, the other side the same
    /// ("Klitschko stops Thompson" against a story of "Klitschko stops Rahman", a report that
    /// never names Rahman). The story's person is one that at least
    /// [`StoryConfig::protagonist_share`] of its members' openings name (a story of one member
    /// too); at least [`StoryConfig::opponent_words`] key words must differ (counted as for the
    /// contrast). Not when [`StoryConfig::other_protagonist`] applies (all persons other).
    pub other_opponent: f64,
    /// How many key words must differ besides the persons (see [`StoryConfig::other_opponent`]).
    pub opponent_words: usize,
    /// How many times the document must give the person no member's opening names: a person
    /// named once or twice is as often a detail (a spokesman, a teammate) of the same happening.
    pub opponent_repeats: u32,
    /// The similarity of a story whose members' openings give sums of money none of which is
    /// within [`StoryConfig::amount_ratio`] of one the document's opening gives is multiplied by
    /// this (1: off): the document's opening (its first
    /// [`StoryConfig::protagonist_sentences`]) gives sums ("$2.6 million", "85 million euros",
    /// "£1.7m"), and at least [`StoryConfig::amount_share`] of the story's members' openings
    /// give some, all far from the document's ("a $2.6 million jewellery heist" against a story
    /// of "a heist of 85 million euros"): reports of one happening give its sum in other
    /// currencies and roundings, not a tenth of it. Tested against a story of one member too.
    pub other_amount: f64,
    /// How many times larger or smaller than every one of the other side's sums a sum must be
    /// to tell another happening.
    pub amount_ratio: f64,
    /// A story gives sums in its openings when at least this share of its members do.
    pub amount_share: f32,
    /// How many key words must differ besides the sums (counted as for the contrast).
    pub amount_words: usize,
    /// A brief (a text of at most this many words, figures aside, that names no person,
    /// organisation or place, under a headline of its own, as wire notices of results and
    /// dividends are) joins only a story with a member whose headline holds the brief's first
    /// headline word and its rare headline words: the text of such notices is their template,
    /// and who they are about is named in the headline only. 0: off.
    pub brief_words: usize,
    /// A headline word is rare when at most this share of the documents seen give it, or at
    /// most [`StoryConfig::rare_headlines`] headlines do.
    pub rare_share: f32,
    /// A headline word given by at most this many headlines is rare whatever the corpus's size
    /// (in a small corpus [`StoryConfig::rare_share`] of the documents is less than one).
    pub rare_headlines: u32,
    /// A document that joins one story and scores at least this with another candidate story
    /// (and [`StoryConfig::bridge_ratio`] of its score with the one it joins) bridges them: the
    /// two are merged (the smaller into the larger), as the first articles of one happening
    /// often open stories of their own before the story has members enough to draw them. Only
    /// the arriving document's candidates are looked at, never all pairs. 0: off.
    pub bridge: f64,
    /// Two stories are bridged only when the smaller has at most this many members (0: any).
    pub bridge_members: usize,
    /// A document bridges a story only when it scores at least this share of its score with the
    /// story it joins.
    pub bridge_ratio: f64,
    /// Two stories are bridged only when what their members' openings say does not tell them
    /// apart: interviews or undone decisions against reports, dates or days of the year far
    /// apart, other persons, other days of the week (each as for a document against a story).
    pub bridge_checks: bool,
    /// Two stories that both have headlines are bridged only when a headline of each gives a
    /// word few headlines give (see [`StoryConfig::rare_share`]): wire notices of one template
    /// (dividends, results of other companies) are close in their text, and differ in the
    /// headline's company only. In a small corpus no word of three headlines is rare, and
    /// nothing is bridged.
    pub bridge_headlines: bool,
    /// A headline word two stories share that is rare only by [`StoryConfig::rare_headlines`]
    /// (see [`StoryConfig::bridge_headlines`]) must be a word of a name the members' texts give:
    /// in a small corpus a template's words ("SETS", "PAYOUT") are rare too.
    pub bridge_names: bool,
    /// Weights of the learned link scorer over a candidate's [`Candidate::features`] (see
    /// [`LINK_FEATURE_NAMES`]); a document joins the candidate of the highest score
    /// `w · features` when it reaches [`StoryConfig::link_threshold`]. Empty (or of another
    /// length): the rules decide (the likeness times the factors, against
    /// [`StoryConfig::threshold`]).
    pub link_model: Vec<f64>,
    /// Least score of the learned link scorer for a document to join a story.
    pub link_threshold: f64,
    /// Whether the learned link scorer only decides whether a document joins the candidate the
    /// rules score highest (whatever [`StoryConfig::threshold`]), rather than ranking the
    /// candidates itself.
    pub link_join_only: bool,
    /// Whether a story gives no shared-protagonist bonus ([`StoryConfig::same_participants`]) to
    /// a document whose headline is a question or a comment ([`is_opinion`]: "Arson again: a
    /// pattern around the mayor?") while most of its members' are not: a comment on one person's happenings
    /// names that person, whichever happening it is about.
    pub opinion_no_bonus: bool,
    /// The similarity of a story most of whose members' headlines are no questions or comments,
    /// when the document's is one and a key word differs ([`StoryConfig::opinion_words`]), is
    /// multiplied by this (1: off): a comment on one person's happenings shares their words
    /// and names ("Arson again: a pattern around the mayor?" against a story of the fire at
    /// the mayor's church).
    pub other_opinion: f64,
    /// How many key words must differ (see [`StoryConfig::contrast`]) for
    /// [`StoryConfig::opinion_no_bonus`] and [`StoryConfig::other_opinion`] to apply.
    pub opinion_words: usize,
}

impl Default for StoryConfig {
    fn default() -> Self {
        StoryConfig {
            threshold: 0.275,
            title_weight: 1.0,
            lead_weight: 2.0,
            name_weight: 3.0,
            entity_share: 0.1,
            window_days: 60,
            max_terms: 400,
            query_terms: 20,
            posting_scan: 30,
            max_candidates: 40,
            idf_power: 1.0,
            background: 0.1,
            anchor_share: 0.1,
            unanchored: 0.8,
            outside_window: 0.0,
            text_dates: false,
            lead_sentences: 4,
            other_event: 0.7,
            lead_window_days: 60,
            reversals: true,
            kinds: true,
            kind_share: 0.0,
            other_count: 0.7,
            count_share: 0.5,
            other_kind: 0.7,
            kind_no_bonus: true,
            other_participants: 0.85,
            participant_kinds: vec![EntityType::PER],
            participant_mentions: 2.0,
            same_participants: 1.5,
            dominant_share: 0.3,
            minor_share: 0.25,
            key_sentences: 1,
            season_days: 60,
            contrast: 0.7,
            contrast_share: 0.7,
            contrast_members: 2,
            contrast_words: 2,
            contrast_repeats: 2,
            contrast_new_figures: false,
            contrast_passing: 0.1,
            contrast_new_counts: true,
            other_weekday: 0.7,
            weekday_sentences: 3,
            weekday_share: 0.5,
            weekday_words: 2,
            weekday_members: 1,
            other_protagonist: 0.6,
            protagonist_sentences: 2,
            protagonist_share: 0.5,
            protagonist_words: 2,
            other_opponent: 0.6,
            opponent_words: 1,
            opponent_repeats: 4,
            other_amount: 0.7,
            amount_ratio: 5.0,
            amount_share: 0.5,
            amount_words: 0,
            bridge: 0.3,
            bridge_members: 2,
            bridge_ratio: 0.8,
            bridge_checks: true,
            bridge_headlines: true,
            bridge_names: true,
            brief_words: 100,
            rare_share: 0.02,
            rare_headlines: 4,
            link_model: Vec::new(),
            link_threshold: 0.0,
            link_join_only: false,
            opinion_no_bonus: true,
            other_opinion: 0.7,
            opinion_words: 1,
        }
    }
}

/// How many numbers describe a candidate story to the join decision.
pub const LINK_FEATURES: usize = 26;

/// What each of [`Candidate::features`] is.
pub const LINK_FEATURE_NAMES: [&str; LINK_FEATURES] = [
    "bias",
    "ln_likeness",
    "cos_words",
    "cos_entities",
    "with_entities",
    "unanchored",
    "outside_window",
    "interview_mismatch",
    "lead_dates_apart",
    "lead_seasons_apart",
    "same_participants",
    "other_participants",
    "contrast",
    "keys_missing",
    "keys_new",
    "ln_members",
    "gap_months",
    "no_gap",
    "headline_shared",
    "keys_shared",
    "cohesion_words",
    "cohesion_entities",
    "other_weekday",
    "other_protagonist",
    "other_amount",
    "ln_likeness_below_top",
];

/// How close a document is to a story's members on average (`dot`: its dot product with the sum
/// of their unit vectors, of length `norm`), against how close the members are to each other
/// on average (from the length of their sum: `norm² = n + Σ_{i≠j} v_i·v_j`); 1 for a story of
/// one member.
fn cohesion(dot: f32, norm: f32, members: usize) -> f64 {
    if members < 2 {
        return 1.0;
    }
    let n = members as f64;
    let pairs = ((norm as f64).powi(2) - n) / (n * (n - 1.0));
    (dot as f64 / n) / pairs.max(0.05)
}

/// A caller's join decision (see [`StoryIndex::add_document_with`]).
type Chooser<'a> = &'a mut dyn FnMut(&StoryIndex, &[Candidate]) -> Option<u32>;

/// Likeness below which its logarithm is not told apart.
const MIN_LINK_COS: f64 = 0.01;

/// A story an arriving document may join, as the join decision sees it.
#[derive(Clone, Debug, PartialEq)]
pub struct Candidate {
    pub story: u32,
    /// What the rules compute of the document and the story (see [`LINK_FEATURE_NAMES`]): the
    /// likeness (its logarithm, and that of the closest candidate subtracted), its word and
    /// entity cosines, the factors' conditions as 0 or 1, the counts of the contrast, the
    /// story's size, the days between the document and the story's span, the shares of the
    /// document's headline and key words the story gives.
    pub features: [f64; LINK_FEATURES],
    /// The rules' score: the likeness times the factors that apply.
    pub rules: f64,
}

impl Candidate {
    /// The learned link scorer's score: `w · features`.
    pub fn link_score(&self, w: &[f64]) -> f64 {
        w.iter().zip(&self.features).map(|(w, x)| w * x).sum()
    }
}

/// What a document's lead says its main event is.
#[derive(Clone, Debug, Default)]
struct MainEvent {
    /// An interview rather than a report of happenings.
    interview: bool,
    /// Whether its headline is a question or a comment (see [`is_opinion`]).
    opinion: bool,
    /// The dates the lead names, as in `StoryState::lead_dates`.
    dates: Vec<(i64, i64)>,
    /// The days of the year the lead names, as in `StoryState::lead_seasons`.
    seasons: Vec<(i64, i64)>,
    /// Who it is about.
    participants: Participants,
    /// The features of its key words (see [`Anchors::key_words`]), sorted.
    keys: Vec<u32>,
    /// Those of `keys` that are figures, sorted.
    figures: Vec<u32>,
    /// Those of `figures` that are amounts (see [`StoryConfig::contrast_new_counts`]), sorted.
    amounts: Vec<u32>,
    /// How many times the document gives each word feature.
    counts: Counts,
    /// For a brief (see [`StoryConfig::brief_words`]), the feature of its headline's first
    /// word and the features of its headline's rare words, sorted.
    brief: Option<(u32, Vec<u32>)>,
    /// The features of its headline's words, sorted.
    headline: Vec<u32>,
    /// Those of `headline` that are words of the names the document gives, sorted.
    headline_names: Vec<u32>,
    /// The days of the week its opening names, as bits (Monday: 1).
    weekdays: u8,
    /// The features of the last words of the persons its opening names (see
    /// [`StoryConfig::protagonist_sentences`]), sorted.
    persons: Vec<u32>,
    /// The features of the words of its opening, sorted.
    opening: Vec<u32>,
    /// Whether its headline or first sentence says a decision is undone.
    reversal: bool,
    /// The kinds of happening its headline or first sentence tells, as bits (see
    /// [`happening_kinds`]).
    kinds: u32,
    /// What its headline or first sentence counts (see [`counted`]), sorted.
    counted: Vec<(String, u32)>,
    /// The sums of money its opening gives, as base-10 logarithms (see [`money`]), sorted.
    money: Vec<f32>,
}

/// One arriving document, as the clustering needs it.
#[derive(Clone, Debug, Default)]
pub struct StoryInput<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub text: &'a str,
    /// ISO 8601 publication date (`2021-10-11` or longer); `None` when unknown.
    pub date: Option<&'a str>,
    /// Names of the entities the document mentions (canonical names when resolved), repeats allowed.
    pub entities: Vec<&'a str>,
}

/// What a document's layers add to its words: the kind of each entity name and the dates its
/// text names.
#[derive(Clone, Debug, Default)]
pub struct Anchors {
    /// The kind of `StoryInput::entities[i]`, when known.
    pub kinds: Vec<Option<EntityType>>,
    /// Dates the text names, as day numbers: (first day, last day) of the day, month or year
    /// named, resolved against the publication date by the time stage.
    pub dates: Vec<(i64, i64)>,
    /// Whether the document is an interview (its lead says it was given in one, or its text is
    /// laid out as questions and answers): its main event is the interview, not the happenings
    /// the interviewee talks about.
    pub interview: bool,
    /// The calendar dates the lead names, as in `dates`.
    pub lead_dates: Vec<(i64, i64)>,
    /// The days of the year (0 to 364) of the days the lead names, with or without their year
    /// ([`season_day`]), as ranges.
    pub lead_seasons: Vec<(i64, i64)>,
    /// Where each of `StoryInput::entities[i]` stands: in the first sentence or later.
    pub zones: Vec<Zone>,
    /// Where the lead ends in the text (a byte offset; 0 when unknown).
    pub lead_end: usize,
    /// The byte spans of the lead's person and organisation mentions, sorted.
    pub name_spans: Vec<(usize, usize)>,
    /// The byte spans of the first sentence's key words, those that name its happening: the
    /// words of its mentions, and the words holding a digit outside dates (a count, a score).
    pub key_words: Vec<(usize, usize)>,
    /// The days of the week the text's dates fall on, with the sentence naming each (its index
    /// in `doc.sentences`): the weekday a date names ("on Saturday"), else that of a full date
    /// the time layer resolved ("yesterday" of a dated article).
    pub weekdays: Vec<(usize, u8)>,
    /// The byte spans of the last words of the text's person mentions, with the sentence
    /// naming each (its index in `doc.sentences`), sorted.
    pub persons: Vec<(usize, (usize, usize))>,
    /// Where each sentence ends in the text (byte offsets), in order.
    pub sentence_ends: Vec<usize>,
}

impl Anchors {
    /// The kinds of `doc.mentions`, the calendar dates of `doc.timexes`, and whether the lead
    /// (the first `lead_sentences` of `doc.sentences`) makes it an interview.
    pub fn of_document(doc: &Document, lead_sentences: usize, key_sentences: usize) -> Anchors {
        let lead_end = match lead_sentences.checked_sub(1) {
            Some(last) if !doc.sentences.is_empty() => {
                doc.sentences[last.min(doc.sentences.len() - 1)].span.end as usize
            }
            _ => 0,
        };
        let lead = doc.text.get(..lead_end).unwrap_or_default();
        let first_end = match key_sentences.checked_sub(1) {
            Some(last) if !doc.sentences.is_empty() => {
                doc.sentences[last.min(doc.sentences.len() - 1)].span.end
            }
            _ => 0,
        };
        let lead_timexes = || {
            doc.timexes
                .iter()
                .filter(|t| t.kind == TimexType::DATE && (t.span.start as usize) < lead_end)
        };
        let lead_dates = lead_timexes()
            .filter_map(|t| date_range(&t.value))
            .collect();
        let lead_seasons = lead_timexes()
            .filter_map(|t| season_day(&t.value))
            .map(|d| (d, d))
            .collect();
        let mut name_spans: Vec<(usize, usize)> = doc
            .mentions
            .iter()
            .filter(|m| matches!(m.label, EntityType::PER | EntityType::ORG))
            .filter(|m| (m.span.end as usize) <= lead_end)
            .map(|m| (m.span.start as usize, m.span.end as usize))
            .collect();
        name_spans.sort_unstable();
        Anchors {
            persons: persons(doc),
            sentence_ends: doc.sentences.iter().map(|s| s.span.end as usize).collect(),
            weekdays: weekdays(doc),
            key_words: key_words(doc, first_end as usize),
            name_spans,
            lead_end: lead.len(),
            interview: is_interview(lead, &doc.text),
            lead_dates,
            lead_seasons,
            kinds: doc.mentions.iter().map(|m| Some(m.label)).collect(),
            zones: doc
                .mentions
                .iter()
                .map(|m| {
                    if m.span.start < first_end {
                        Zone::First
                    } else {
                        Zone::Later
                    }
                })
                .collect(),
            dates: doc
                .timexes
                .iter()
                .filter(|t| t.kind == TimexType::DATE)
                .filter_map(|t| date_range(&t.value))
                .collect(),
        }
    }
}

/// The last words of a document's person mentions (see [`Anchors::persons`]), sorted.
fn persons(doc: &Document) -> Vec<(usize, (usize, usize))> {
    let mut out = Vec::new();
    for m in doc.mentions.iter().filter(|m| m.label == EntityType::PER) {
        let (a, b) = (m.span.start as usize, m.span.end as usize);
        let Some(said) = doc.text.get(a..b) else {
            continue;
        };
        let Some((x, y)) = words(said)
            .filter(|&(x, y)| said[x..y].chars().any(char::is_alphabetic))
            .last()
        else {
            continue;
        };
        let sentence = doc
            .sentences
            .partition_point(|s| (s.span.end as usize) <= a);
        out.push((sentence, (a + x, a + y)));
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// The days of the week of a document's dates (see [`Anchors::weekdays`]), sorted.
fn weekdays(doc: &Document) -> Vec<(usize, u8)> {
    const NAMES: [&str; 7] = [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ];
    let mut out = Vec::new();
    for t in doc.timexes.iter().filter(|t| t.kind == TimexType::DATE) {
        let (a, b) = (t.span.start as usize, t.span.end as usize);
        let Some(said) = doc.text.get(a..b) else {
            continue;
        };
        let said = said.to_lowercase();
        let named = NAMES.iter().position(|n| said.contains(n));
        // 1970-01-01 was a Thursday
        let resolved = || {
            (t.value.len() == 10)
                .then(|| day_number(&t.value))
                .flatten()
                .map(|z| (z + 3).rem_euclid(7) as usize)
        };
        let Some(day) = named.or_else(resolved) else {
            continue;
        };
        let sentence = doc
            .sentences
            .partition_point(|s| (s.span.end as usize) <= a);
        out.push((sentence, day as u8));
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// The byte spans of the key words of the text before `first_end` (see [`Anchors::key_words`]),
/// sorted; at most `MAX_DOC_KEYS`.
fn key_words(doc: &Document, first_end: usize) -> Vec<(usize, usize)> {
    let Some(first) = doc.text.get(..first_end) else {
        return Vec::new();
    };
    let spans = |it: &mut dyn Iterator<Item = dossier_core::Span>| {
        let mut v: Vec<(usize, usize)> = it
            .map(|s| (s.start as usize, s.end as usize))
            .filter(|s| s.0 < first_end)
            .collect();
        v.sort_unstable();
        v
    };
    let mentions = spans(&mut doc.mentions.iter().map(|m| m.span));
    let dates = spans(
        &mut doc
            .timexes
            .iter()
            .filter(|t| t.kind == TimexType::DATE)
            .map(|t| t.span),
    );
    // spans of one layer do not nest, so the last one starting at or before a word is the
    // only one that can hold it
    let within = |spans: &[(usize, usize)], a: usize, b: usize| {
        let i = spans.partition_point(|s| s.0 <= a);
        i > 0 && spans[i - 1].1 >= b
    };
    words(first)
        .filter(|&(a, b)| {
            within(&mentions, a, b) || (has_digit(&first[a..b]) && !within(&dates, a, b))
        })
        .take(MAX_DOC_KEYS)
        .collect()
}

/// Whether a lead says the article is an interview ("in an interview with", "an exclusive
/// interview", "interview with"), or the text is laid out as questions and answers (at least two
/// lines opening with `Q:` and two with `A:`).
pub fn is_interview(lead: &str, text: &str) -> bool {
    let mut buf = String::new();
    let mut prev = String::new();
    let mut after_interview = false;
    for (a, b) in words(lead) {
        fold_into(&lead[a..b], &mut buf);
        if after_interview && buf == "with" {
            return true;
        }
        after_interview = buf == "interview";
        if after_interview && matches!(prev.as_str(), "an" | "exclusive") {
            return true;
        }
        std::mem::swap(&mut prev, &mut buf);
    }
    let twice = |mark: &str| {
        text.lines()
            .filter(|l| {
                l.trim_start()
                    .strip_prefix(mark)
                    .is_some_and(|r| r.starts_with(':') || r.starts_with('.'))
            })
            .take(2)
            .count()
            == 2
    };
    twice("Q") && twice("A")
}

/// The days a TIMEX3 date value covers: `2021-10-09` one day, `2021-10` a month, `2021` a year;
/// underspecified or non-calendar values (`XXXX-08`, `2021-W41`, `PRESENT_REF`) none.
pub fn date_range(value: &str) -> Option<(i64, i64)> {
    let b = value.as_bytes();
    let digits = |r: std::ops::Range<usize>| -> Option<i64> {
        let s = b.get(r)?;
        s.iter().try_fold(0i64, |acc, &c| {
            c.is_ascii_digit().then(|| acc * 10 + (c - b'0') as i64)
        })
    };
    let y = digits(0..4)?;
    let next = b.get(4).copied();
    if next.is_none() || next.is_some_and(|c| c != b'-') {
        return (next.is_none()).then(|| (civil(y, 1, 1), civil(y, 12, 31)));
    }
    let m = digits(5..7)?;
    if !(1..=12).contains(&m) {
        return None;
    }
    match b.get(7) {
        None => {
            let (ny, nm) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
            Some((civil(y, m, 1), civil(ny, nm, 1) - 1))
        }
        Some(b'-') => {
            let d = digits(8..10)?;
            (1..=31)
                .contains(&d)
                .then(|| (civil(y, m, d), civil(y, m, d)))
        }
        _ => None,
    }
}

/// The day of the year (0 to 364, in a year of 365 days) of a TIMEX3 value naming a day, with
/// or without its year (`2021-10-09`, `XXXX-10-09`); a month, a year or a week none: a lead
/// names its happening's day, and the months and years it names are more often what came
/// before ("since the withdrawal in August").
pub fn season_day(value: &str) -> Option<i64> {
    let b = value.as_bytes();
    let digits = |r: std::ops::Range<usize>| -> Option<i64> {
        let s = b.get(r)?;
        s.iter().try_fold(0i64, |acc, &c| {
            c.is_ascii_digit().then(|| acc * 10 + (c - b'0') as i64)
        })
    };
    let year_ok = b
        .get(..4)
        .is_some_and(|y| y.iter().all(u8::is_ascii_digit) || y == b"XXXX");
    if !year_ok || b.get(4) != Some(&b'-') || b.get(7) != Some(&b'-') {
        return None;
    }
    let (m, d) = (digits(5..7)?, digits(8..10)?);
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    // a year without 29 February
    Some((civil(2001, m, d) - civil(2001, 1, 1)).min(364))
}

/// Days since 1970-01-01 (Howard Hinnant's days_from_civil).
fn civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// A story: articles about one real-world happening.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Story {
    pub id: u32,
    /// The headline of its earliest titled document.
    pub title: String,
    pub documents: Vec<String>,
    /// Earliest and latest document date (ISO day), when dates are known.
    pub start: Option<String>,
    pub end: Option<String>,
    /// Entity name -> number of member documents that mention it.
    pub entities: BTreeMap<String, u32>,
}

impl Story {
    /// Entities by falling document count, then name.
    pub fn top_entities(&self) -> Vec<(&str, u32)> {
        let mut v: Vec<(&str, u32)> = self
            .entities
            .iter()
            .map(|(k, c)| (k.as_str(), *c))
            .collect();
        v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
        v
    }
}

#[derive(Clone, Debug, Serialize, Deserialize)]
struct StoryState {
    story: Story,
    /// Sum of member unit vectors, sorted by feature, pruned.
    centroid: Vec<(u32, f32)>,
    /// Lengths of the word part and of the entity part of the centroid.
    norm: (f32, f32),
    /// Day numbers of `start` and `end`.
    span_days: Option<(i64, i64)>,
    /// Day of the document whose title is the story's title.
    title_day: Option<i64>,
    /// Features under which the story is in `postings`, sorted.
    indexed: Vec<u32>,
    /// Members that are interviews.
    #[serde(default)]
    interviews: u32,
    /// Members whose headline is a question or a comment (see [`is_opinion`]).
    #[serde(default)]
    opinions: u32,
    /// Members whose headline or first sentence says a decision is undone.
    #[serde(default)]
    reversals: u32,
    /// Per kind of happening (see [`happening_kinds`]), how many members' headline or first
    /// sentence tells it.
    #[serde(default)]
    kinds: Vec<u32>,
    /// Per thing the members' headlines or first sentences count (see [`counted`]), how many
    /// members count it and by which figures (at most `MAX_SUMS`).
    #[serde(default)]
    counted: BTreeMap<String, (u32, Vec<u32>)>,
    /// The dates the members' leads name: sorted, overlapping ones joined, at most
    /// `MAX_LEAD_DATES`.
    #[serde(default)]
    lead_dates: Vec<(i64, i64)>,
    /// The days of the year the members' leads name: sorted, overlapping ones joined, at most
    /// `MAX_LEAD_DATES`.
    #[serde(default)]
    lead_seasons: Vec<(i64, i64)>,
    /// Who the members are about.
    #[serde(default)]
    cast: Cast,
    /// Per key word feature, how many members give it in their first sentence; sorted by
    /// feature, at most `MAX_KEYS`.
    #[serde(default)]
    keys: Vec<(u32, f32)>,
    /// The features of the headline words of its latest members (at most `MAX_HEADLINES`),
    /// each sorted.
    #[serde(default)]
    headlines: Vec<Vec<u32>>,
    /// The features of the members' headline words that are words of names their texts give
    /// (see [`StoryConfig::bridge_names`]), sorted, at most `MAX_KEYS`.
    #[serde(default)]
    headline_names: Vec<u32>,
    /// Per day of the week (Monday first), how many members name it in their opening.
    #[serde(default)]
    weekdays: [u32; 7],
    /// Per feature of a person's last word, how many members name the person in their opening;
    /// sorted by feature, at most `MAX_KEYS`.
    #[serde(default)]
    persons: Vec<(u32, f32)>,
    /// How many members name persons in their opening.
    #[serde(default)]
    person_members: u32,
    /// The sums of money the members' openings give, as base-10 logarithms, sorted, at most
    /// `MAX_SUMS`.
    #[serde(default)]
    money: Vec<f32>,
    /// How many members give sums of money in their opening.
    #[serde(default)]
    money_members: u32,
    /// The story it was merged into (it has no members left then).
    #[serde(default)]
    merged_into: Option<u32>,
}

impl StoryState {
    /// A story with no members yet (`merged_into`: none), or one whose members went to another.
    fn empty(id: u32, merged_into: Option<u32>) -> StoryState {
        StoryState {
            story: Story {
                id,
                title: String::new(),
                documents: Vec::new(),
                start: None,
                end: None,
                entities: BTreeMap::new(),
            },
            centroid: Vec::new(),
            norm: (0.0, 0.0),
            span_days: None,
            title_day: None,
            indexed: Vec::new(),
            interviews: 0,
            opinions: 0,
            reversals: 0,
            kinds: Vec::new(),
            counted: BTreeMap::new(),
            lead_dates: Vec::new(),
            lead_seasons: Vec::new(),
            cast: Cast::default(),
            keys: Vec::new(),
            headlines: Vec::new(),
            headline_names: Vec::new(),
            weekdays: [0; 7],
            persons: Vec::new(),
            person_members: 0,
            money: Vec::new(),
            money_members: 0,
            merged_into,
        }
    }
}

/// The incremental clusterer; serialisable as a whole so that a store can keep it between runs.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct StoryIndex {
    config: StoryConfig,
    vocab: Vocab,
    /// The latest lookups in `vocab`, for speed (not saved).
    #[serde(skip)]
    recent_words: WordCache,
    df: Vec<u32>,
    /// Whether a feature is an entity name rather than a word.
    is_entity: Vec<bool>,
    /// Background document frequency of each feature (0 for entities and unknown words).
    #[serde(default)]
    bg_df: Vec<u32>,
    n_docs: u32,
    /// Per feature, how many headlines give it (a template's words recur in headlines: "QTR",
    /// "SETS PAYOUT").
    #[serde(default)]
    headline_df: Vec<u32>,
    stories: Vec<StoryState>,
    /// Per feature, the stories indexed under it, oldest first. A vector by feature rather than
    /// a map: most lists hold one story, and the recent features a document queries lie side by
    /// side. Saved as a map of the lists that are not empty.
    postings: Postings,
    story_of: FastMap<String, u32>,
}

impl StoryIndex {
    pub fn new(config: StoryConfig) -> StoryIndex {
        StoryIndex {
            config,
            ..StoryIndex::default()
        }
    }

    pub fn config(&self) -> &StoryConfig {
        &self.config
    }

    /// The stories, by id; a story merged into another is left out.
    pub fn stories(&self) -> impl Iterator<Item = &Story> {
        self.stories
            .iter()
            .filter(|s| s.merged_into.is_none())
            .map(|s| &s.story)
    }

    pub fn story(&self, id: u32) -> Option<&Story> {
        self.stories.get(id as usize).map(|s| &s.story)
    }

    /// The story a document was put in.
    pub fn story_of(&self, doc: &str) -> Option<u32> {
        self.story_of.get(doc).copied()
    }

    /// Assigns a document to a story (an existing one or a new one) and returns the story id.
    /// A document already added keeps its story.
    pub fn add(&mut self, doc: &StoryInput) -> u32 {
        self.add_anchored(doc, &Anchors::default())
    }

    /// As [`StoryIndex::add`], reading also the document's layers: the kind of each mention
    /// (`doc.mentions[i]` named `input.entities[i]`) and the dates its timexes name.
    pub fn add_document(&mut self, input: &StoryInput, doc: &Document) -> u32 {
        self.add_anchored(
            input,
            &Anchors::of_document(doc, self.config.lead_sentences, self.config.key_sentences),
        )
    }

    /// As [`StoryIndex::add_document`], letting `choose` pick the story the document joins
    /// among its candidates (`None`: a new story); it is given the index, whose
    /// [`StoryIndex::choose`] tells what the configured decision would pick. For training a link
    /// scorer on simulated arrivals.
    pub fn add_document_with(
        &mut self,
        input: &StoryInput,
        doc: &Document,
        choose: &mut dyn FnMut(&StoryIndex, &[Candidate]) -> Option<u32>,
    ) -> u32 {
        let anchors =
            Anchors::of_document(doc, self.config.lead_sentences, self.config.key_sentences);
        self.add_with(input, &anchors, Some(choose))
    }

    fn add_anchored(&mut self, doc: &StoryInput, anchors: &Anchors) -> u32 {
        self.add_with(doc, anchors, None)
    }

    fn add_with(
        &mut self,
        doc: &StoryInput,
        anchors: &Anchors,
        choose: Option<Chooser<'_>>,
    ) -> u32 {
        if let Some(&s) = self.story_of.get(doc.id) {
            return s;
        }
        let (vector, anchor_features, counts) = self.vectorize_counted(doc, anchors);
        // Without a publication date, the latest day the text names dates the document: an
        // article is written after the days it reports.
        let day = doc.date.and_then(day_number).or_else(|| {
            let named = anchors.dates.iter().filter(|d| d.0 == d.1).map(|d| d.0);
            named.max().filter(|_| self.config.text_dates)
        });
        let (keys, figures, amounts) = self.key_features(doc.text, &anchors.key_words, &counts);
        let (headline, first) = self.headline_features(doc.title);
        let brief = first.filter(|_| self.is_brief(doc, anchors)).map(|first| {
            let rare = headline
                .iter()
                .copied()
                .filter(|&f| self.is_rare(f, 1))
                .collect();
            (first, rare)
        });
        for &f in &headline {
            let f = f as usize;
            if self.headline_df.len() <= f {
                self.headline_df.resize(f + 1, 0);
            }
            self.headline_df[f] += 1;
        }
        let headline_names = self.name_words(&headline, &doc.entities);
        let main = MainEvent {
            headline_names,
            keys,
            figures,
            amounts,
            counts,
            brief,
            headline,
            interview: anchors.interview,
            opinion: is_opinion(if doc.title.trim().is_empty() {
                let first = anchors.sentence_ends.first().copied().unwrap_or(0);
                doc.text.get(..first).unwrap_or_default()
            } else {
                doc.title
            }),
            dates: join_ranges(anchors.lead_dates.clone()),
            seasons: join_ranges(anchors.lead_seasons.clone()),
            participants: Participants::of(&doc.entities, &anchors.kinds, &anchors.zones),
            weekdays: anchors
                .weekdays
                .iter()
                .filter(|w| w.0 < self.config.weekday_sentences)
                .fold(0u8, |m, w| m | 1 << w.1),
            persons: self.opening_persons(doc.text, anchors),
            opening: self.opening_words(doc.text, anchors),
            money: money(self.opening_text(doc.text, anchors)),
            reversal: self.config.reversals && {
                let first = anchors.sentence_ends.first().copied().unwrap_or(0);
                is_reversal(doc.title) || is_reversal(doc.text.get(..first).unwrap_or_default())
            },
            counted: if self.config.other_count < 1.0 {
                let first = anchors.sentence_ends.first().copied().unwrap_or(0);
                let mut c = counted(doc.title);
                c.extend(counted(doc.text.get(..first).unwrap_or_default()));
                c.sort_unstable();
                c.dedup();
                c
            } else {
                Vec::new()
            },
            kinds: if self.config.kinds {
                let first = anchors.sentence_ends.first().copied().unwrap_or(0);
                kinds_told(doc.title) | kinds_told(doc.text.get(..first).unwrap_or_default())
            } else {
                0
            },
        };
        let candidates = self.candidates(&vector, &anchor_features, &main, day);
        let best = match choose {
            Some(choose) => choose(self, &candidates),
            None => self.choose(&candidates).map(|b| b.0),
        };
        // the other candidates the document is as close to: stories it bridges
        let mut bridged: Vec<u32> = match best {
            Some(b) if self.config.bridge > 0.0 => {
                let joined = candidates
                    .iter()
                    .find(|c| c.story == b)
                    .map_or(0.0, |c| c.rules);
                candidates
                    .iter()
                    .filter(|c| {
                        c.story != b
                            && c.rules >= self.config.bridge
                            && c.rules >= self.config.bridge_ratio * joined
                    })
                    .map(|c| c.story)
                    .collect()
            }
            _ => Vec::new(),
        };
        bridged.sort_unstable();
        if let Some(b) = best {
            bridged.retain(|&o| self.bridges(b, o));
        }
        let id = match best {
            Some(s) => s,
            None => {
                let id = self.stories.len() as u32;
                self.stories.push(StoryState::empty(id, None));
                id
            }
        };
        self.join(id, doc, &vector, &main, day);
        self.story_of.insert(doc.id.to_string(), id);
        let mut id = id;
        for other in bridged {
            id = self.merge(id, other);
        }
        id
    }

    /// Whether two stories a document is close to are close enough to each other to be merged
    /// (see [`StoryConfig::bridge_members`], [`StoryConfig::bridge_checks`]).
    fn bridges(&self, a: u32, b: u32) -> bool {
        let (x, y) = (&self.stories[a as usize], &self.stories[b as usize]);
        let smaller = x.story.documents.len().min(y.story.documents.len());
        if self.config.bridge_members > 0 && smaller > self.config.bridge_members {
            return false;
        }
        if self.config.bridge_headlines && !x.headlines.is_empty() && !y.headlines.is_empty() {
            let floor = self.config.rare_headlines;
            // a word rare only by the floor (a small corpus) must be a word of a name
            let named = |f: &u32| {
                !self.config.bridge_names
                    || self.is_rare(*f, 1)
                    || x.headline_names.binary_search(f).is_ok()
                    || y.headline_names.binary_search(f).is_ok()
            };
            let shared = x.headlines.iter().flatten().any(|f| {
                self.is_rare(*f, floor)
                    && named(f)
                    && y.headlines.iter().any(|h| h.binary_search(f).is_ok())
            });
            if !shared {
                return false;
            }
        }
        !(self.config.bridge_checks && self.stories_apart(a, b))
    }

    /// Whether what two stories' members' openings say tells them apart (see
    /// [`StoryConfig::bridge_checks`]).
    fn stories_apart(&self, a: u32, b: u32) -> bool {
        let (x, y) = (&self.stories[a as usize], &self.stories[b as usize]);
        let (nx, ny) = (x.story.documents.len(), y.story.documents.len());
        let most = |k: u32, n: usize| 2 * k as usize > n;
        if most(x.interviews, nx) != most(y.interviews, ny)
            || most(x.reversals, nx) != most(y.reversals, ny)
            || kinds_apart(
                self.story_kinds(x, self.config.kind_share.max(0.5)),
                self.story_kinds(y, self.config.kind_share.max(0.5)),
            )
        {
            return true;
        }
        let far = |p: &[(i64, i64)], q: &[(i64, i64)], w: i64, wrap: bool| {
            let shifts: &[i64] = if wrap { &[-365, 0, 365] } else { &[0] };
            w > 0
                && !p.is_empty()
                && !q.is_empty()
                && !p.iter().any(|&(a, b)| {
                    q.iter()
                        .any(|&(c, d)| shifts.iter().any(|k| a <= d + k + w && c + k <= b + w))
                })
        };
        if far(
            &x.lead_dates,
            &y.lead_dates,
            self.config.lead_window_days,
            false,
        ) || far(
            &x.lead_seasons,
            &y.lead_seasons,
            self.config.season_days,
            true,
        ) {
            return true;
        }
        // persons: each side's openings name persons (half its members at least), none of whom
        // the other side's openings name
        let names = |s: &StoryState, n: usize| {
            s.person_members as f32 >= self.config.protagonist_share * n as f32
                && s.person_members > 0
        };
        if names(x, nx)
            && names(y, ny)
            && !x
                .persons
                .iter()
                .any(|(f, _)| y.persons.binary_search_by_key(f, |p| p.0).is_ok())
        {
            return true;
        }
        let days = |s: &StoryState, n: usize| {
            (0..7).fold(0u8, |m, d| {
                let k = s.weekdays[d];
                if k > 0 && k as f32 >= self.config.weekday_share * n as f32 {
                    m | 1 << d
                } else {
                    m
                }
            })
        };
        let (dx, dy) = (days(x, nx), days(y, ny));
        if dx != 0 && dy != 0 && dx & dy == 0 {
            return true;
        }
        // sums of money: each side's openings give some (half its members at least), none
        // near one of the other side's
        let sums = |s: &StoryState, n: usize| {
            s.money_members > 0 && s.money_members as f32 >= self.config.amount_share * n as f32
        };
        let near = self.config.amount_ratio.max(1.0).log10() as f32;
        self.config.other_amount < 1.0
            && sums(x, nx)
            && sums(y, ny)
            && !x
                .money
                .iter()
                .any(|a| y.money.iter().any(|b| (a - b).abs() <= near))
    }

    /// The likeness of two stories' centroids, as a document's with a story: the cosine of their
    /// words, and of their entities with [`StoryConfig::entity_share`] when both name some.
    pub fn story_likeness(&self, a: u32, b: u32) -> f64 {
        let (x, y) = (&self.stories[a as usize], &self.stories[b as usize]);
        let (dw, de) = self.dots(&x.centroid, &y.centroid);
        let cw = if x.norm.0 > 0.0 && y.norm.0 > 0.0 {
            dw / (x.norm.0 * y.norm.0)
        } else {
            0.0
        };
        let cos = if x.norm.1 > 0.0 && y.norm.1 > 0.0 {
            let e = self.config.entity_share;
            (1.0 - e) * cw + e * de / (x.norm.1 * y.norm.1)
        } else {
            cw
        };
        cos as f64
    }

    /// Merges two stories, the smaller into the larger (the older of two of one size), and
    /// returns the one left.
    fn merge(&mut self, a: u32, b: u32) -> u32 {
        let size = |s: u32| self.stories[s as usize].story.documents.len();
        if a == b || size(a) == 0 || size(b) == 0 {
            return a;
        }
        let (into, from) = if size(b) > size(a) || (size(b) == size(a) && b < a) {
            (b, a)
        } else {
            (a, b)
        };
        let cfg_terms = self.config.max_terms;
        let gone = std::mem::replace(
            &mut self.stories[from as usize],
            StoryState::empty(from, Some(into)),
        );
        for d in &gone.story.documents {
            self.story_of.insert(d.clone(), into);
        }
        for &f in &gone.indexed {
            self.postings.remove(f, from);
        }
        let st = &mut self.stories[into as usize];
        st.interviews += gone.interviews;
        st.opinions += gone.opinions;
        st.reversals += gone.reversals;
        add_counts(&mut st.kinds, &gone.kinds);
        for (thing, (n, figures)) in gone.counted {
            let e = st.counted.entry(thing).or_default();
            e.0 += n;
            for f in figures {
                if !e.1.contains(&f) && e.1.len() < MAX_SUMS {
                    e.1.push(f);
                }
            }
        }
        add_ranges(&mut st.lead_dates, &gone.lead_dates);
        add_ranges(&mut st.lead_seasons, &gone.lead_seasons);
        st.cast.merge(&gone.cast);
        for (n, m) in st.weekdays.iter_mut().zip(gone.weekdays) {
            *n += m;
        }
        st.keys = add_sorted(&st.keys, &gone.keys);
        keep_heaviest(&mut st.keys, MAX_KEYS);
        st.persons = add_sorted(&st.persons, &gone.persons);
        keep_heaviest(&mut st.persons, MAX_KEYS);
        st.person_members += gone.person_members;
        add_sums(&mut st.money, &gone.money);
        st.money_members += gone.money_members;
        let mut headlines = gone.headlines;
        headlines.append(&mut st.headlines);
        let extra = headlines.len().saturating_sub(MAX_HEADLINES);
        st.headlines = headlines.split_off(extra);
        add_capped(&mut st.headline_names, &gone.headline_names);
        st.story.documents.extend(gone.story.documents);
        for (e, n) in gone.story.entities {
            *st.story.entities.entry(e).or_default() += n;
        }
        if let Some((c, d)) = gone.span_days {
            let (a, b) = st.span_days.map_or((c, d), |(a, b)| (a.min(c), b.max(d)));
            st.span_days = Some((a, b));
            st.story.start = Some(day_string(a));
            st.story.end = Some(day_string(b));
        }
        let earlier = gone
            .title_day
            .is_some_and(|d| st.title_day.is_none_or(|t| d < t));
        if !gone.story.title.is_empty() && (st.story.title.is_empty() || earlier) {
            st.story.title = gone.story.title;
            st.title_day = gone.title_day;
        }
        st.centroid = add_sorted(&st.centroid, &gone.centroid);
        keep_heaviest(&mut st.centroid, cfg_terms);
        let centroid = std::mem::take(&mut st.centroid);
        let norm = self.norms(&centroid);
        let st = &mut self.stories[into as usize];
        st.centroid = centroid;
        st.norm = norm;
        for f in gone.indexed {
            if let Err(i) = st.indexed.binary_search(&f) {
                st.indexed.insert(i, f);
                self.postings.push(f, into);
            }
        }
        into
    }

    /// The features of the words of a headline (as [`StoryIndex::vectorize_counted`] made
    /// them) that can name who or what it is about: no figures, no months ("4TH QTR JAN 31").
    /// Sorted, at most `MAX_HEADLINE_WORDS`; and the first of them.
    fn headline_features(&self, title: &str) -> (Vec<u32>, Option<u32>) {
        let mut buf = String::new();
        let mut out: Vec<u32> = words(title)
            .filter_map(|(a, b)| {
                fold_into(&title[a..b], &mut buf);
                if buf.len() < 2
                    || is_stopword(&buf)
                    || has_digit(&buf)
                    || dossier_core::calendar::month_of(&buf).is_some()
                {
                    return None;
                }
                self.known(fold_suffix(&buf))
            })
            .collect();
        out.truncate(MAX_HEADLINE_WORDS);
        let first = out.first().copied();
        out.sort_unstable();
        out.dedup();
        (out, first)
    }

    /// Those of `features` (sorted) that are words of the `names`.
    fn name_words(&self, features: &[u32], names: &[&str]) -> Vec<u32> {
        let mut buf = String::new();
        let mut out: Vec<u32> = names
            .iter()
            .flat_map(|n| words(n).map(move |(a, b)| &n[a..b]))
            .filter_map(|w| {
                fold_into(w, &mut buf);
                let f = self.known(fold_suffix(&buf))?;
                features.binary_search(&f).is_ok().then_some(f)
            })
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    /// Whether a document is a brief: a short text that names no person, organisation or place,
    /// under a headline that is not its own first words (see [`StoryConfig::brief_words`]).
    fn is_brief(&self, doc: &StoryInput, anchors: &Anchors) -> bool {
        let n = self.config.brief_words;
        let named = anchors
            .kinds
            .iter()
            .any(|k| matches!(k, Some(EntityType::PER | EntityType::ORG | EntityType::LOC)));
        n > 0
            && !named
            && !doc.title.trim().is_empty()
            && !title_in_text(doc.title.trim(), doc.text)
            && words(doc.text)
                .filter(|&(a, b)| doc.text[a..b].chars().any(char::is_alphabetic))
                .take(n + 1)
                .count()
                <= n
    }

    /// Whether few of the headlines seen give a feature (see [`StoryConfig::rare_share`]);
    /// `floor`: how many headlines may give it whatever the corpus's size.
    fn is_rare(&self, f: u32, floor: u32) -> bool {
        let most = (self.config.rare_share * self.n_docs as f32)
            .max(floor as f32)
            .max(1.0);
        self.headline_df
            .get(f as usize)
            .is_none_or(|&d| d as f32 <= most)
    }

    /// The features of the key words at `spans` of `text` that the document holds (not function
    /// words: `counts` are those of [`StoryIndex::vectorize_counted`]), sorted.
    /// Also gives those of them that are figures, and those of the figures that are amounts
    /// somewhere among `spans` (see [`is_amount`]), each sorted.
    fn key_features(
        &self,
        text: &str,
        spans: &[(usize, usize)],
        counts: &[(u32, u32)],
    ) -> (Vec<u32>, Vec<u32>, Vec<u32>) {
        let mut buf = String::new();
        let mut figures = Vec::new();
        let mut amounts = Vec::new();
        let mut keys: Vec<u32> = spans
            .iter()
            .filter_map(|&(a, b)| {
                fold_into(text.get(a..b)?, &mut buf);
                let f = self.known(fold_suffix(&buf))?;
                counts.binary_search_by_key(&f, |x| x.0).ok()?;
                if has_digit(&buf) {
                    figures.push(f);
                    if is_amount(text, a, b) {
                        amounts.push(f);
                    }
                }
                Some(f)
            })
            .collect();
        for v in [&mut keys, &mut figures, &mut amounts] {
            v.sort_unstable();
            v.dedup();
        }
        (keys, figures, amounts)
    }

    /// Counts a document's features into the document frequencies without clustering it: a
    /// background corpus makes the IDF of the first arrivals meaningful.
    pub fn prime(&mut self, doc: &StoryInput) {
        let _ = self.vectorize(doc, &Anchors::default());
    }

    /// The feature of a word or entity key, made when new.
    fn feature(&mut self, key: &str) -> u32 {
        if let Some(f) = self.recent_words.get(key) {
            return f;
        }
        if let Some(f) = self.vocab.get(key) {
            self.recent_words.put(key, f);
            return f;
        }
        let f = self.df.len() as u32;
        self.vocab.insert(key, f);
        self.recent_words.put(key, f);
        self.df.push(0);
        self.is_entity.push(key.starts_with('@'));
        self.bg_df.push(background().df_of(key));
        f
    }

    /// The feature of a word or entity key, if it has one.
    fn known(&self, key: &str) -> Option<u32> {
        self.recent_words.get(key).or_else(|| self.vocab.get(key))
    }

    /// Lengths of the word part and the entity part of a vector.
    fn norms(&self, v: &[(u32, f32)]) -> (f32, f32) {
        let (mut w, mut e) = (0.0f32, 0.0f32);
        for (f, x) in v {
            if self.is_entity[*f as usize] {
                e += x * x;
            } else {
                w += x * x;
            }
        }
        (w.sqrt(), e.sqrt())
    }

    /// Dot products of the word parts and of the entity parts of two sorted vectors.
    fn dots(&self, a: &[(u32, f32)], b: &[(u32, f32)]) -> (f32, f32) {
        let (mut i, mut j, mut w, mut e) = (0, 0, 0.0, 0.0);
        while i < a.len() && j < b.len() {
            match a[i].0.cmp(&b[j].0) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    if self.is_entity[a[i].0 as usize] {
                        e += a[i].1 * b[j].1;
                    } else {
                        w += a[i].1 * b[j].1;
                    }
                    i += 1;
                    j += 1;
                }
            }
        }
        (w, e)
    }

    /// The unit TF-IDF vector of a document, sorted by feature, and its entity features that can
    /// anchor it (persons, organisations, places; all entities when kinds are unknown), sorted;
    /// updates document frequencies.
    fn vectorize(&mut self, doc: &StoryInput, anchors: &Anchors) -> (Vec<(u32, f32)>, Vec<u32>) {
        let (v, anchor_features, _) = self.vectorize_counted(doc, anchors);
        (v, anchor_features)
    }

    /// As [`StoryIndex::vectorize`], giving also how many times the title and the text hold each
    /// word feature (sorted by feature; the title once when the text holds it).
    fn vectorize_counted(
        &mut self,
        doc: &StoryInput,
        anchors: &Anchors,
    ) -> (Vec<(u32, f32)>, Vec<u32>, Counts) {
        // weight, and times in the text
        let mut tf: FastMap<u32, (f32, u32)> = FastMap::default();
        let mut buf = String::new();
        let title = doc.title.trim();
        let title_in_text = title_in_text(title, doc.text);
        let title_weight = self.config.title_weight - if title_in_text { 1.0 } else { 0.0 };
        let lead = doc.text.get(..anchors.lead_end).unwrap_or_default();
        for (pass, (text, weight, spans)) in [
            (title, title_weight, &[][..]),
            (doc.text, 1.0, &[][..]),
            // the lead is a prefix of the text: the mention spans hold in it
            (lead, self.config.lead_weight, &anchors.name_spans[..]),
        ]
        .into_iter()
        .enumerate()
        {
            if weight <= 0.0 {
                continue;
            }
            for (a, b) in words(text) {
                fold_into(&text[a..b], &mut buf);
                if buf.len() < 2 || is_stopword(&buf) {
                    continue;
                }
                let i = spans.partition_point(|s| s.0 <= a);
                let w = if i > 0 && spans[i - 1].1 >= b {
                    weight * self.config.name_weight
                } else {
                    weight
                };
                let f = self.feature(fold_suffix(&buf));
                let e = tf.entry(f).or_default();
                e.0 += w;
                // the lead is a part of the text, counted already
                e.1 += (pass < 2) as u32;
            }
        }
        let mut key = String::new();
        let mut anchor_features = Vec::new();
        for (i, name) in doc.entities.iter().enumerate() {
            key.clear();
            key.push('@');
            let before = key.len();
            for (a, b) in words(name) {
                if key.len() > before {
                    key.push(' ');
                }
                fold_into(&name[a..b], &mut buf);
                key.push_str(&buf);
            }
            if key.len() > before {
                let f = self.feature(&key.clone());
                tf.entry(f).or_default().0 += 1.0;
                if anchors.kinds.get(i).copied().flatten() != Some(EntityType::MISC) {
                    anchor_features.push(f);
                }
            }
        }
        anchor_features.sort_unstable();
        anchor_features.dedup();
        self.n_docs += 1;
        let mut counts: Vec<(u32, u32)> = tf
            .iter()
            .filter(|x| x.1 .1 > 0)
            .map(|(&f, &(_, n))| (f, n))
            .collect();
        counts.sort_unstable();
        let mut v: Vec<(u32, f32)> = tf.into_iter().map(|(f, (w, _))| (f, w)).collect();
        v.sort_unstable_by_key(|x| x.0);
        if self.bg_df.len() != self.df.len() {
            // state saved before the background existed
            self.bg_df = vec![0; self.df.len()];
            for (k, f) in self.vocab.iter() {
                if let Some(x) = self.bg_df.get_mut(f as usize) {
                    *x = background().df_of(k);
                }
            }
        }
        let beta = self.config.background.max(0.0);
        let n = self.n_docs as f32 + beta * background().documents as f32;
        for (f, w) in v.iter_mut() {
            self.df[*f as usize] += 1;
            let df = self.df[*f as usize] as f32 + beta * self.bg_df[*f as usize] as f32;
            let idf = (((n + 1.0) / (df + 1.0)).ln() + 1.0).powf(self.config.idf_power);
            let tf = if *w >= 1.0 { 1.0 + w.ln() } else { *w };
            *w = tf * idf;
        }
        let (nw, ne) = self.norms(&v);
        for (f, w) in v.iter_mut() {
            let n = if self.is_entity[*f as usize] { ne } else { nw };
            if n > 0.0 {
                *w /= n;
            }
        }
        (v, anchor_features, counts)
    }

    /// Whether a document with these anchor features shares one rare enough with a centroid.
    fn anchored(&self, anchor_features: &[u32], centroid: &[(u32, f32)]) -> bool {
        let most = self.config.anchor_share * self.n_docs as f32;
        anchor_features.iter().any(|f| {
            self.df[*f as usize] as f32 <= most && centroid.binary_search_by_key(f, |x| x.0).is_ok()
        })
    }

    /// The candidate stories of a document (those the inverted index finds that the window and
    /// the brief test allow), each with what the join decision reads of it.
    fn candidates(
        &self,
        vector: &[(u32, f32)],
        anchor_features: &[u32],
        main: &MainEvent,
        day: Option<i64>,
    ) -> Vec<Candidate> {
        let has_entities = vector.iter().any(|(f, _)| self.is_entity[*f as usize]);
        let mut strongest: Vec<&(u32, f32)> = vector.iter().collect();
        strongest.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        let mut hits: Vec<u32> = Vec::new();
        for (f, _) in strongest.into_iter().take(self.config.query_terms) {
            hits.extend(
                self.postings
                    .get(*f)
                    .iter()
                    .rev()
                    .take(self.config.posting_scan),
            );
        }
        // only the stories met under the most of the document's strong features are compared:
        // in a large corpus every common feature leads to many stories, few of them close
        hits.sort_unstable();
        let mut counted: Vec<(u32, u32)> = Vec::new();
        for s in hits {
            match counted.last_mut() {
                Some((last, n)) if *last == s => *n += 1,
                _ => counted.push((s, 1)),
            }
        }
        counted.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(b.0.cmp(&a.0)));
        counted.truncate(self.config.max_candidates.max(1));
        let candidates = counted.into_iter().map(|(s, _)| s);
        let judge_rarity = self.config.anchor_share * self.n_docs as f32 >= 1.0;
        let mut out = Vec::new();
        for s in candidates {
            let st = &self.stories[s as usize];
            let gap = match (day, st.span_days) {
                (Some(d), Some((a, b))) => Some((a - d).max(d - b).max(0)),
                _ => None,
            };
            let far = gap.is_some_and(|g| g > self.config.window_days);
            if far && self.config.outside_window <= 0.0 {
                continue;
            }
            // a brief joins only a story with a member whose headline opens with a word of its
            // own headline (who it is about) and shares its rare words (two when it has two)
            if let Some((first, rare)) = &main.brief {
                let shares = |h: &Vec<u32>| {
                    h.binary_search(first).is_ok()
                        && rare.iter().filter(|f| h.binary_search(f).is_ok()).count()
                            >= rare.len().min(2)
                };
                if !st.headlines.iter().any(shares) {
                    continue;
                }
            }
            let (dw, de) = self.dots(vector, &st.centroid);
            let cw = if st.norm.0 > 0.0 { dw / st.norm.0 } else { 0.0 };
            let e = self.config.entity_share;
            let with_entities = de > 0.0 || (has_entities && st.norm.1 > 0.0);
            let ce = if st.norm.1 > 0.0 { de / st.norm.1 } else { 0.0 };
            let base = if with_entities {
                ((1.0 - e) * cw + e * ce) as f64
            } else {
                cw as f64
            };
            let mut cos = base;
            let unanchored = judge_rarity
                && !anchor_features.is_empty()
                && st.norm.1 > 0.0
                && !self.anchored(anchor_features, &st.centroid);
            if unanchored {
                cos *= self.config.unanchored;
            }
            if far {
                cos *= self.config.outside_window;
            }
            let (interview, years, seasons) = self.other_events(main, st);
            if interview || years || seasons {
                cos *= self.config.other_event;
            }
            let kind = self.config.kinds
                && kinds_apart(main.kinds, self.story_kinds(st, self.config.kind_share));
            if kind {
                cos *= self.config.other_kind;
            }
            let (contrasts, missing, new) = self.contrast_counts(main, st);
            let opinion = {
                let most = 2 * st.opinions as usize > st.story.documents.len();
                main.opinion && !most && missing + new >= self.config.opinion_words
            };
            if opinion {
                cos *= self.config.other_opinion;
            }
            let cast = st
                .cast
                .compare(&main.participants, &self.participant_test());
            // another kind of happening, or a comment, gets no bonus for the same person
            let no_bonus =
                (kind && self.config.kind_no_bonus) || (opinion && self.config.opinion_no_bonus);
            match cast {
                Some(false) => cos *= self.config.other_participants,
                Some(true) if !no_bonus => cos *= self.config.same_participants,
                _ => {}
            }
            if contrasts {
                cos *= self.config.contrast;
            }
            let weekday = self.other_weekday(main, st);
            if missing + new >= self.config.weekday_words
                && weekday
                && st.story.documents.len() >= self.config.weekday_members
            {
                cos *= self.config.other_weekday;
            }
            let protagonist = self.other_protagonist(main, st);
            if protagonist && missing + new >= self.config.protagonist_words {
                cos *= self.config.other_protagonist;
            } else if missing + new >= self.config.opponent_words && self.other_opponent(main, st) {
                cos *= self.config.other_opponent;
            }
            if self.other_count(main, st) {
                cos *= self.config.other_count;
            }
            let amount = self.other_amount(main, st);
            if amount && missing + new >= self.config.amount_words {
                cos *= self.config.other_amount;
            }
            let headline = if main.headline.is_empty() {
                0.0
            } else {
                st.headlines
                    .iter()
                    .map(|h| {
                        main.headline
                            .iter()
                            .filter(|f| h.binary_search(f).is_ok())
                            .count()
                    })
                    .max()
                    .unwrap_or(0) as f64
                    / main.headline.len() as f64
            };
            let keys_shared = if main.keys.is_empty() {
                0.0
            } else {
                main.keys
                    .iter()
                    .filter(|&&f| st.keys.binary_search_by_key(&f, |x| x.0).is_ok())
                    .count() as f64
                    / main.keys.len() as f64
            };
            let flag = |b: bool| if b { 1.0 } else { 0.0 };
            let ln_base = base.max(MIN_LINK_COS).ln();
            let features = [
                1.0,
                ln_base,
                cw as f64,
                ce as f64,
                flag(with_entities),
                flag(unanchored),
                flag(far),
                flag(interview || kind),
                flag(years),
                flag(seasons),
                flag(cast == Some(true)),
                flag(cast == Some(false)),
                flag(contrasts),
                missing.min(5) as f64 / 5.0,
                new.min(5) as f64 / 5.0,
                (1.0 + st.story.documents.len() as f64).ln(),
                gap.map_or(0.0, |g| (g as f64 / 30.0).min(3.0)),
                flag(gap.is_none()),
                headline,
                keys_shared,
                cohesion(dw, st.norm.0, st.story.documents.len()),
                cohesion(de, st.norm.1, st.story.documents.len()),
                flag(weekday),
                flag(protagonist),
                flag(amount),
                // filled in below: how far below the likeness of the closest candidate
                ln_base,
            ];
            out.push(Candidate {
                story: s,
                features,
                rules: cos,
            });
        }
        let top = out
            .iter()
            .map(|c| c.features[1])
            .fold(f64::NEG_INFINITY, f64::max);
        for c in &mut out {
            c.features[LINK_FEATURES - 1] -= top;
        }
        out
    }

    /// The story a document joins among its candidates, by the rules or by the learned link
    /// scorer ([`StoryConfig::link_model`]), with its score.
    pub fn choose(&self, candidates: &[Candidate]) -> Option<(u32, f64)> {
        let w = &self.config.link_model;
        if w.len() == LINK_FEATURES && self.config.link_join_only {
            let mut top: Option<&Candidate> = None;
            for c in candidates {
                if top.is_none_or(|t| c.rules > t.rules) {
                    top = Some(c);
                }
            }
            return top
                .map(|c| (c.story, c.link_score(w)))
                .filter(|x| x.1 >= self.config.link_threshold);
        }
        let mut best: Option<(u32, f64)> = None;
        for c in candidates {
            let (score, threshold) = if w.len() == LINK_FEATURES {
                (c.link_score(w), self.config.link_threshold)
            } else {
                (c.rules, self.config.threshold)
            };
            if score >= threshold && best.is_none_or(|(_, b)| score > b) {
                best = Some((c.story, score));
            }
        }
        best
    }

    /// Whether a story contrasts with a document (see [`StoryConfig::contrast`]), and how many
    /// of its key words the document misses and how many of the document's are new to it.
    fn contrast_counts(&self, main: &MainEvent, st: &StoryState) -> (bool, usize, usize) {
        let members = st.story.documents.len();
        if members == 0 || main.keys.is_empty() {
            return (false, 0, 0);
        }
        let times = |f: u32| {
            main.counts
                .binary_search_by_key(&f, |x| x.0)
                .map_or(0, |i| main.counts[i].1)
        };
        let most = self.config.contrast_share * members as f32;
        let passing = self.config.contrast_passing * members as f32;
        let missing = st
            .keys
            .iter()
            .filter(|&&(f, n)| n >= most && times(f) == 0)
            .count();
        let new = main
            .keys
            .iter()
            .filter(|&&f| {
                (self.config.contrast_new_figures
                    || main.figures.binary_search(&f).is_err()
                    || (self.config.contrast_new_counts && main.amounts.binary_search(&f).is_err()))
                    && times(f) as usize >= self.config.contrast_repeats
                    && st.keys.binary_search_by_key(&f, |x| x.0).is_err()
                    && st
                        .centroid
                        .binary_search_by_key(&f, |x| x.0)
                        .map_or(true, |i| st.centroid[i].1 < passing)
            })
            .count();
        (
            members >= self.config.contrast_members
                && missing > 0
                && new > 0
                && missing + new >= self.config.contrast_words,
            missing,
            new,
        )
    }

    /// Whether a story's members name another day of the week for their happening than the
    /// document does (see [`StoryConfig::other_weekday`]).
    fn other_weekday(&self, main: &MainEvent, st: &StoryState) -> bool {
        let members = st.story.documents.len();
        if main.weekdays == 0 || members == 0 {
            return false;
        }
        let most = self.config.weekday_share * members as f32;
        let named = |d: usize| main.weekdays & (1 << d) != 0;
        (0..7).all(|d| !named(d) || st.weekdays[d] == 0)
            && st.weekdays.iter().any(|&n| n > 0 && n as f32 >= most)
    }

    /// Whether a story's members' openings are about other persons than the document's (see
    /// [`StoryConfig::other_protagonist`]; the key words are not counted here).
    fn other_protagonist(&self, main: &MainEvent, st: &StoryState) -> bool {
        let members = st.story.documents.len();
        if main.persons.is_empty() || members == 0 || st.person_members == 0 {
            return false;
        }
        let most = self.config.protagonist_share * members as f32;
        st.person_members as f32 >= most
            && !main
                .persons
                .iter()
                .any(|f| st.persons.binary_search_by_key(f, |x| x.0).is_ok())
            && !st
                .persons
                .iter()
                .any(|(f, _)| main.opening.binary_search(f).is_ok())
    }

    /// Whether a story's members' openings name a person the document names nowhere, while the
    /// document's opening names one, given often, that no member's opening names (see
    /// [`StoryConfig::other_opponent`]; the key words are not counted here).
    fn other_opponent(&self, main: &MainEvent, st: &StoryState) -> bool {
        let members = st.story.documents.len();
        if main.persons.is_empty() || members == 0 || st.person_members == 0 {
            return false;
        }
        let times = |f: u32| {
            main.counts
                .binary_search_by_key(&f, |x| x.0)
                .map_or(0, |i| main.counts[i].1)
        };
        let most = (self.config.protagonist_share * members as f32).max(1.0);
        main.persons.iter().any(|&f| {
            st.persons.binary_search_by_key(&f, |x| x.0).is_err()
                && times(f) >= self.config.opponent_repeats
        }) && st.persons.iter().any(|&(f, n)| n >= most && times(f) == 0)
    }

    /// The features of the last words of the persons a document's opening names (see
    /// [`StoryConfig::protagonist_sentences`]), sorted.
    fn opening_persons(&self, text: &str, anchors: &Anchors) -> Vec<u32> {
        let n = self.config.protagonist_sentences;
        let mut buf = String::new();
        let mut out: Vec<u32> = anchors
            .persons
            .iter()
            .filter(|p| p.0 < n)
            .filter_map(|&(_, (a, b))| {
                fold_into(text.get(a..b)?, &mut buf);
                if buf.len() < 2 || is_stopword(&buf) {
                    return None;
                }
                self.known(fold_suffix(&buf))
            })
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    /// The features of the words of a document's opening (see
    /// [`StoryConfig::protagonist_sentences`]), sorted.
    fn opening_words(&self, text: &str, anchors: &Anchors) -> Vec<u32> {
        let opening = self.opening_text(text, anchors);
        let mut buf = String::new();
        let mut out: Vec<u32> = words(opening)
            .filter_map(|(a, b)| {
                fold_into(&opening[a..b], &mut buf);
                self.known(fold_suffix(&buf))
            })
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    /// A document's opening (see [`StoryConfig::protagonist_sentences`]).
    fn opening_text<'t>(&self, text: &'t str, anchors: &Anchors) -> &'t str {
        let n = self.config.protagonist_sentences;
        let end = match n.checked_sub(1) {
            Some(last) if !anchors.sentence_ends.is_empty() => {
                anchors.sentence_ends[last.min(anchors.sentence_ends.len() - 1)]
            }
            _ => 0,
        };
        text.get(..end).unwrap_or_default()
    }

    /// The kinds of happening at least `share` of a story's members tell (any member's when
    /// 0), as bits (see [`StoryConfig::kinds`]).
    fn story_kinds(&self, st: &StoryState, share: f32) -> u32 {
        let need = (share * st.story.documents.len() as f32).max(1.0);
        st.kinds
            .iter()
            .enumerate()
            .filter(|(_, &n)| n as f32 >= need)
            .fold(0, |m, (k, _)| m | 1 << k)
    }

    /// Whether a story's members count a thing the document counts, never by its figure (see
    /// [`StoryConfig::other_count`]).
    fn other_count(&self, main: &MainEvent, st: &StoryState) -> bool {
        let need = (self.config.count_share * st.story.documents.len() as f32).max(1.0);
        main.counted.iter().any(|(thing, _)| {
            st.counted.get(thing).is_some_and(|(n, figures)| {
                *n as f32 >= need
                    && !main
                        .counted
                        .iter()
                        .any(|(t, f)| t == thing && figures.contains(f))
            })
        })
    }

    /// Whether a story's members' openings give sums of money far from all those the
    /// document's opening gives (see [`StoryConfig::other_amount`]).
    fn other_amount(&self, main: &MainEvent, st: &StoryState) -> bool {
        let members = st.story.documents.len();
        if main.money.is_empty() || members == 0 || st.money_members == 0 {
            return false;
        }
        let most = self.config.amount_share * members as f32;
        let near = self.config.amount_ratio.max(1.0).log10() as f32;
        st.money_members as f32 >= most
            && !main
                .money
                .iter()
                .any(|a| st.money.iter().any(|b| (a - b).abs() <= near))
    }

    fn participant_test(&self) -> Test<'_> {
        Test {
            kinds: &self.config.participant_kinds,
            mentions: self.config.participant_mentions,
            dominant: self.config.dominant_share,
            minor: self.config.minor_share,
        }
    }

    /// Whether a story's main event is another one than a document's, as their leads tell it:
    /// an interview against reports of what it talks about, leads naming dates far apart, or
    /// days of the year far apart (each told apart).
    fn other_events(&self, main: &MainEvent, st: &StoryState) -> (bool, bool, bool) {
        let members = st.story.documents.len();
        if main.interview != (2 * st.interviews as usize > members)
            || main.reversal != (2 * st.reversals as usize > members)
        {
            return (true, false, false);
        }
        let w = self.config.lead_window_days;
        let years_apart = w > 0
            && !main.dates.is_empty()
            && !st.lead_dates.is_empty()
            && !main
                .dates
                .iter()
                .any(|&(a, b)| st.lead_dates.iter().any(|&(c, d)| a <= d + w && c <= b + w));
        // the season: a day of the year, so that a lead naming "Nov. 19" without its year
        // (an undated article) is still told from a story of July happenings
        let w = self.config.season_days;
        let seasons_apart = w > 0
            && !main.seasons.is_empty()
            && !st.lead_seasons.is_empty()
            && !main.seasons.iter().any(|&(a, b)| {
                st.lead_seasons.iter().any(|&(c, d)| {
                    [-365, 0, 365]
                        .iter()
                        .any(|k| a <= d + k + w && c + k <= b + w)
                })
            });
        (false, years_apart, seasons_apart)
    }

    fn join(
        &mut self,
        s: u32,
        doc: &StoryInput,
        vector: &[(u32, f32)],
        main: &MainEvent,
        day: Option<i64>,
    ) {
        let cfg = &self.config;
        let st = &mut self.stories[s as usize];
        st.interviews += main.interview as u32;
        st.opinions += main.opinion as u32;
        st.reversals += main.reversal as u32;
        let told: Vec<u32> = (0..32).map(|k| main.kinds >> k & 1).collect();
        add_counts(&mut st.kinds, &told);
        let mut last: Option<&str> = None;
        for (thing, f) in &main.counted {
            let e = st.counted.entry(thing.clone()).or_default();
            if last != Some(thing.as_str()) {
                e.0 += 1;
            }
            last = Some(thing.as_str());
            if !e.1.contains(f) && e.1.len() < MAX_SUMS {
                e.1.push(*f);
            }
        }
        add_ranges(&mut st.lead_dates, &main.dates);
        add_ranges(&mut st.lead_seasons, &main.seasons);
        st.cast.add(&main.participants);
        for (d, n) in st.weekdays.iter_mut().enumerate() {
            *n += (main.weekdays >> d & 1) as u32;
        }
        let add: Vec<(u32, f32)> = main.keys.iter().map(|&f| (f, 1.0)).collect();
        st.keys = add_sorted(&st.keys, &add);
        keep_heaviest(&mut st.keys, MAX_KEYS);
        let add: Vec<(u32, f32)> = main.persons.iter().map(|&f| (f, 1.0)).collect();
        st.persons = add_sorted(&st.persons, &add);
        keep_heaviest(&mut st.persons, MAX_KEYS);
        st.person_members += !main.persons.is_empty() as u32;
        add_sums(&mut st.money, &main.money);
        st.money_members += !main.money.is_empty() as u32;
        if !main.headline.is_empty() {
            if st.headlines.len() >= MAX_HEADLINES {
                st.headlines.remove(0);
            }
            st.headlines.push(main.headline.clone());
        }
        add_capped(&mut st.headline_names, &main.headline_names);
        st.story.documents.push(doc.id.to_string());
        let mut seen: Vec<&str> = doc
            .entities
            .iter()
            .map(|e| e.trim())
            .filter(|e| !e.is_empty())
            .collect();
        seen.sort_unstable();
        seen.dedup();
        for e in seen {
            *st.story.entities.entry(e.to_string()).or_default() += 1;
        }
        if let Some(d) = day {
            let (a, b) = st.span_days.map_or((d, d), |(a, b)| (a.min(d), b.max(d)));
            st.span_days = Some((a, b));
            st.story.start = Some(day_string(a));
            st.story.end = Some(day_string(b));
        }
        let title = doc.title.trim();
        let earlier = day.is_some_and(|d| st.title_day.is_none_or(|t| d < t));
        if !title.is_empty() && (st.story.title.is_empty() || earlier) {
            st.story.title = title.to_string();
            st.title_day = day;
        }
        st.centroid = add_sorted(&st.centroid, vector);
        keep_heaviest(&mut st.centroid, cfg.max_terms);
        let st = &mut self.stories[s as usize];
        let centroid = std::mem::take(&mut st.centroid);
        let norm = self.norms(&centroid);
        let st = &mut self.stories[s as usize];
        st.centroid = centroid;
        st.norm = norm;
        let mut strongest: Vec<(u32, f32)> = vector.to_vec();
        strongest.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        for (f, _) in strongest.into_iter().take(cfg.query_terms) {
            if let Err(i) = st.indexed.binary_search(&f) {
                st.indexed.insert(i, f);
                self.postings.push(f, s);
            }
        }
    }
}

/// A direct-mapped cache in front of [`StoryIndex`]'s vocabulary. Most of a document's words
/// are frequent ones, looked up again and again; in a large corpus the vocabulary's table and
/// its key strings spread over far more memory than the processor's caches and address
/// translation hold, so each lookup there costs several misses, and the cost of adding a
/// document grew with the corpus (`dossier bench --growth`). A slot holds a short key inline
/// with its feature; a key's feature never changes, so a hit is always right.
#[derive(Clone, Default)]
struct WordCache(Vec<CachedWord>);

/// Longest key a [`WordCache`] slot holds.
const CACHED_KEY: usize = 27;
/// Slots of a [`WordCache`] (a power of two): 256 KB.
const CACHE_SLOTS: usize = 1 << 13;

#[derive(Clone, Copy)]
struct CachedWord {
    len: u8,
    key: [u8; CACHED_KEY],
    feature: u32,
}

impl WordCache {
    fn slot(key: &str) -> Option<usize> {
        let short = !key.is_empty() && key.len() <= CACHED_KEY;
        short.then(|| xxh3_64(key.as_bytes()) as usize & (CACHE_SLOTS - 1))
    }

    fn get(&self, key: &str) -> Option<u32> {
        let s = self.0.get(Self::slot(key)?)?;
        (s.key[..s.len as usize] == *key.as_bytes()).then_some(s.feature)
    }

    fn put(&mut self, key: &str, feature: u32) {
        let Some(i) = Self::slot(key) else { return };
        if self.0.is_empty() {
            let empty = CachedWord {
                len: 0,
                key: [0; CACHED_KEY],
                feature: 0,
            };
            self.0 = vec![empty; CACHE_SLOTS];
        }
        let s = &mut self.0[i];
        s.len = key.len() as u8;
        s.key[..key.len()].copy_from_slice(key.as_bytes());
        s.feature = feature;
    }
}

impl std::fmt::Debug for WordCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let held = self.0.iter().filter(|s| s.len > 0).count();
        write!(f, "WordCache({held} words)")
    }
}

/// The vocabulary, key -> feature: the keys in one string, in feature order, and an
/// open-addressing table of features by the hash of their key (a word per slot), rather than a
/// map holding a string per key. Saved as the map key -> feature.
#[derive(Clone, Debug, Default)]
struct Vocab {
    /// The keys one after another; a feature's key ends at its `ends` and starts where the
    /// previous one ends.
    text: String,
    ends: Vec<usize>,
    /// Per slot, the upper half of the key's hash and, below it, feature + 1; 0 for none.
    /// Linear probing from the key's hash; a power of two long, at most 7/8 full. The hash half
    /// spares comparing keys in another place of memory at every probe.
    slots: Vec<u64>,
    len: usize,
}

impl Vocab {
    fn key(&self, f: u32) -> Option<&str> {
        let f = f as usize;
        let end = *self.ends.get(f)?;
        let start = if f == 0 { 0 } else { self.ends[f - 1] };
        self.text.get(start..end)
    }

    fn get(&self, key: &str) -> Option<u32> {
        if self.slots.is_empty() {
            return None;
        }
        let mask = self.slots.len() - 1;
        let h = xxh3_64(key.as_bytes());
        let mut i = h as usize & mask;
        loop {
            let slot = self.slots[i];
            if slot == 0 {
                return None;
            }
            let f = (slot as u32).wrapping_sub(1);
            if slot >> 32 == h >> 32 && self.key(f) == Some(key) {
                return Some(f);
            }
            i = (i + 1) & mask;
        }
    }

    /// Gives `key` the feature `f`, numbered after every feature so far (features skipped have
    /// no key); a key already known or a feature already given is left as it is.
    fn insert(&mut self, key: &str, f: u32) {
        if (f as usize) < self.ends.len() || f == u32::MAX || self.get(key).is_some() {
            return;
        }
        while self.ends.len() < f as usize {
            self.ends.push(self.text.len());
        }
        self.text.push_str(key);
        self.ends.push(self.text.len());
        if (self.len + 1) * 8 > self.slots.len() * 7 {
            self.grow();
        }
        self.place(f);
        self.len += 1;
    }

    fn place(&mut self, f: u32) {
        let h = xxh3_64(self.key(f).unwrap_or_default().as_bytes());
        let mask = self.slots.len() - 1;
        let mut i = h as usize & mask;
        while self.slots[i] != 0 {
            i = (i + 1) & mask;
        }
        self.slots[i] = (h >> 32 << 32) | (f as u64 + 1);
    }

    fn grow(&mut self) {
        let old = std::mem::take(&mut self.slots);
        self.slots = vec![0; (old.len() * 2).max(16)];
        for slot in old.into_iter().filter(|&s| s != 0) {
            // the upper half of the hash is kept; the lower half, the table position, is
            // recomputed from the key
            self.place((slot as u32).wrapping_sub(1));
        }
    }

    /// Every (key, feature), in feature order.
    fn iter(&self) -> impl Iterator<Item = (&str, u32)> {
        (0..self.ends.len() as u32)
            .filter_map(|f| Some((self.key(f)?, f)))
            .filter(|&(k, f)| self.get(k) == Some(f))
    }
}

impl Serialize for Vocab {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.iter())
    }
}

impl<'de> Deserialize<'de> for Vocab {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Vocab, D::Error> {
        let map = HashMap::<String, u32>::deserialize(d)?;
        let n = map.len();
        let mut keys: Vec<(u32, String)> = map.into_iter().map(|(k, f)| (f, k)).collect();
        keys.sort_unstable();
        let mut out = Vocab::default();
        // Features are numbered from 0 without gaps; of a saved map that is not, the keys of
        // features beyond the number of keys are left out.
        for (f, k) in keys.into_iter().filter(|&(f, _)| (f as usize) < n) {
            out.insert(&k, f);
        }
        Ok(out)
    }
}

/// Per feature, the stories indexed under it, oldest first: one word per feature, which is the
/// story itself when the list holds one (nearly all do), and only longer lists kept apart.
/// Saved as a map from feature to stories, the lists that are not empty.
#[derive(Clone, Debug, Default)]
struct Postings {
    /// Per feature: [`Postings::NONE`], a story id, or [`Postings::MANY`] with the position of
    /// the feature's list in `many`.
    heads: Vec<u32>,
    many: Vec<Vec<u32>>,
}

impl Postings {
    const NONE: u32 = u32::MAX;
    const MANY: u32 = 1 << 31;

    /// The stories indexed under a feature, oldest first.
    fn get(&self, f: u32) -> &[u32] {
        match self.heads.get(f as usize) {
            None | Some(&Postings::NONE) => &[],
            Some(&h) if h & Postings::MANY != 0 => self
                .many
                .get((h & !Postings::MANY) as usize)
                .map_or(&[], |l| l.as_slice()),
            Some(h) => std::slice::from_ref(h),
        }
    }

    /// Adds a story to the postings of a feature.
    fn push(&mut self, f: u32, story: u32) {
        let f = f as usize;
        if self.heads.len() <= f {
            self.heads.resize(f + 1, Postings::NONE);
        }
        let h = self.heads[f];
        if h != Postings::NONE && h & Postings::MANY != 0 {
            if let Some(list) = self.many.get_mut((h & !Postings::MANY) as usize) {
                list.push(story);
            }
            return;
        }
        if h == Postings::NONE && story < Postings::MANY {
            self.heads[f] = story;
            return;
        }
        let list = if h == Postings::NONE {
            vec![story]
        } else {
            vec![h, story]
        };
        self.heads[f] = Postings::MANY | self.many.len() as u32;
        self.many.push(list);
    }

    /// Takes a story out of the postings of a feature.
    fn remove(&mut self, f: u32, story: u32) {
        let Some(h) = self.heads.get_mut(f as usize) else {
            return;
        };
        if *h != Postings::NONE && *h & Postings::MANY != 0 {
            if let Some(list) = self.many.get_mut((*h & !Postings::MANY) as usize) {
                list.retain(|&s| s != story);
            }
        } else if *h == story {
            *h = Postings::NONE;
        }
    }

    /// Every feature with its stories, the lists that are not empty.
    fn lists(&self) -> impl Iterator<Item = (u32, &[u32])> {
        (0..self.heads.len() as u32)
            .map(|f| (f, self.get(f)))
            .filter(|(_, l)| !l.is_empty())
    }
}

impl Serialize for Postings {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.lists())
    }
}

impl<'de> Deserialize<'de> for Postings {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Postings, D::Error> {
        let map = BTreeMap::<u32, Vec<u32>>::deserialize(d)?;
        let mut out = Postings::default();
        for (f, list) in map {
            for story in list {
                out.push(f, story);
            }
        }
        Ok(out)
    }
}

/// How many times a document gives each word feature, sorted by feature.
type Counts = Vec<(u32, u32)>;

/// Words that make a figure next to them a toll of casualties, which reports of one happening
/// give differently as the count goes on (sorted).
const TOLL_WORDS: &[&str] = &[
    "casualties",
    "dead",
    "death",
    "deaths",
    "die",
    "died",
    "dies",
    "dying",
    "hurt",
    "injured",
    "injures",
    "injuries",
    "injuring",
    "kill",
    "killed",
    "killing",
    "kills",
    "lives",
    "missing",
    "toll",
    "victims",
    "wounded",
    "wounding",
    "wounds",
];

/// Words that make a figure before them a sum or a share, which reports give in other units
/// or roundings (sorted).
const AMOUNT_WORDS: &[&str] = &[
    "bn",
    "billion",
    "billions",
    "cents",
    "dollars",
    "euro",
    "euros",
    "m",
    "million",
    "millions",
    "per",
    "percent",
    "pounds",
    "thousand",
    "thousands",
    "trillion",
    "yen",
];

/// Whether the figure at `a..b` of `text` is an amount rather than a count that names a
/// happening: a toll (a word of casualties among the three words before or after it) or a
/// sum or share (a currency sign before it, a percent sign or a word of money or scale right
/// after it). See [`StoryConfig::contrast_new_counts`].
fn is_amount(text: &str, a: usize, b: usize) -> bool {
    let before = &text[..a];
    let after = &text[b..];
    let sign = before
        .trim_end_matches(|c: char| c == ' ' || c == '.' || c.is_ascii_digit())
        .chars()
        .next_back()
        .is_some_and(|c| matches!(c, '$' | '€' | '£' | '¥'));
    if sign || after.trim_start().starts_with('%') {
        return true;
    }
    let mut buf = String::new();
    let mut near = |s: &str, w: (usize, usize), list: &[&str]| {
        fold_into(&s[w.0..w.1], &mut buf);
        list.binary_search(&buf.as_str()).is_ok()
    };
    // the figure's own other parts ("2.6", "20-13") are skipped
    let next: Vec<(usize, usize)> = words(after)
        .filter(|&(x, y)| !after[x..y].bytes().all(|c| c.is_ascii_digit()))
        .take(3)
        .collect();
    if next.first().is_some_and(|&w| near(after, w, AMOUNT_WORDS)) {
        return true;
    }
    let prev: Vec<(usize, usize)> = words(before).collect();
    next.iter().any(|&w| near(after, w, TOLL_WORDS))
        || prev
            .iter()
            .rev()
            .take(3)
            .any(|&w| near(before, w, TOLL_WORDS))
}

/// Words that say a decision is undone (sorted).
const REVERSAL_WORDS: &[&str] = &[
    "overturn",
    "overturned",
    "overturning",
    "overturns",
    "repeal",
    "repealed",
    "repealing",
    "repeals",
    "rescind",
    "rescinded",
    "rescinding",
    "rescinds",
    "reversal",
    "reverse",
    "reversed",
    "reverses",
    "reversing",
    "revoke",
    "revoked",
    "revokes",
    "revoking",
    "undid",
    "undo",
    "undoes",
    "undoing",
];

/// Words that open a headline of comment rather than report ("Opinion: ...", "Analysis | ...").
const OPINION_LABELS: [&str; 8] = [
    "analysis",
    "column",
    "comment",
    "commentary",
    "editorial",
    "opinion",
    "view",
    "viewpoint",
];

/// Whether a headline is a question or a comment rather than the report of a happening: it ends
/// with a question mark (closing quotation marks aside; not one inside brackets, "Rovers offer
/// (8 years?)"), opens with "Why", or opens with a label of comment followed by a colon, a bar
/// or a dash ("Opinion: ...").
pub fn is_opinion(headline: &str) -> bool {
    let h = headline.trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, '"' | '\'' | '\u{201d}' | '\u{2019}' | '\u{bb}')
    });
    if h.ends_with('?') {
        return true;
    }
    let h = h.trim_start_matches(|c: char| !c.is_alphanumeric());
    let Some((a, b)) = words(h).next() else {
        return false;
    };
    let first = h[a..b].to_lowercase();
    if first == "why" {
        return true;
    }
    let mut rest = &h[b..];
    // "Op-Ed": two words of the tokenizer
    let op_ed = first == "op" && rest.get(..3).is_some_and(|e| e.eq_ignore_ascii_case("-ed"));
    if op_ed {
        rest = &rest[3..];
    }
    (op_ed || OPINION_LABELS.contains(&first.as_str()))
        && rest
            .trim_start()
            .starts_with([':', '|', '-', '\u{2013}', '\u{2014}'])
}

/// Whether a headline or a sentence says a decision is undone ("Obama overturns Bush rule").
fn is_reversal(text: &str) -> bool {
    let mut buf = String::new();
    // the first part of a compound ("reverse-engineered") is none
    words(text).any(|(a, b)| {
        fold_into(&text[a..b], &mut buf);
        !text[b..].starts_with('-') && REVERSAL_WORDS.binary_search(&buf.as_str()).is_ok()
    })
}

/// Per kind of happening (its bit in a mask of kinds), its group (the kinds of a group exclude
/// each other) and the words that tell it, read from `resources/happening_kinds.tsv`.
fn happening_kinds() -> &'static [(u32, u32, Vec<&'static str>)] {
    static KINDS: std::sync::OnceLock<Vec<(u32, u32, Vec<&'static str>)>> =
        std::sync::OnceLock::new();
    KINDS.get_or_init(|| {
        let mut groups: Vec<&str> = Vec::new();
        let mut out = Vec::new();
        for line in include_str!("../resources/happening_kinds.tsv").lines() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let mut cols = line.split('\t');
            let (Some(group), Some(_kind), Some(list)) = (cols.next(), cols.next(), cols.next())
            else {
                continue;
            };
            let g = match groups.iter().position(|&x| x == group) {
                Some(g) => g,
                None => {
                    groups.push(group);
                    groups.len() - 1
                }
            };
            if out.len() < 32 {
                out.push((
                    1u32 << out.len(),
                    g as u32,
                    list.split_whitespace().collect(),
                ));
            }
        }
        out
    })
}

/// The kinds of happening a headline or a sentence tells, as bits (see [`happening_kinds`]).
fn kinds_told(text: &str) -> u32 {
    let mut buf = String::new();
    let mut told = 0;
    for (a, b) in words(text) {
        fold_into(&text[a..b], &mut buf);
        for (bit, _, list) in happening_kinds() {
            if list.contains(&buf.as_str()) {
                told |= bit;
            }
        }
    }
    told
}

/// Whether two masks of kinds tell other happenings: in some group each tells kinds, none of
/// them shared.
fn kinds_apart(a: u32, b: u32) -> bool {
    let kinds = happening_kinds();
    let groups = kinds.iter().map(|k| k.1 + 1).max().unwrap_or(0);
    (0..groups).any(|g| {
        let mask: u32 = kinds.iter().filter(|k| k.1 == g).map(|k| k.0).sum();
        a & mask != 0 && b & mask != 0 && a & b & mask == 0
    })
}

/// Adds counts per index (`add` may be longer).
fn add_counts(to: &mut Vec<u32>, add: &[u32]) {
    let n = add.iter().rposition(|&c| c > 0).map_or(0, |i| i + 1);
    if to.len() < n {
        to.resize(n, 0);
    }
    for (t, a) in to.iter_mut().zip(add) {
        *t += a;
    }
}

/// Number words a count is written in (sorted).
const NUMBER_WORDS: &[(&str, u32)] = &[
    ("eight", 8),
    ("eleven", 11),
    ("five", 5),
    ("four", 4),
    ("nine", 9),
    ("seven", 7),
    ("six", 6),
    ("ten", 10),
    ("three", 3),
    ("twelve", 12),
    ("two", 2),
];

/// What a headline or a sentence counts: for each whole figure or number word that is no
/// amount ([`is_amount`]: a toll, a sum, a share), no year and no part of a score, a time or a
/// decimal ("20-13", "7:42", "5.9", "2,000"), the content words of the next two (folded, a
/// plural ending stripped) with the count: "captured 23 Somali pirates" counts "somali" and
/// "pirat" 23. A participle ends the counted words ("5 arrested": arrests rise within one
/// happening).
fn counted(text: &str) -> Vec<(String, u32)> {
    let ws: Vec<(usize, usize)> = words(text).collect();
    let mut out = Vec::new();
    let mut buf = String::new();
    let joined = |s: &str, before: bool| {
        let s = if before { s.trim_end() } else { s.trim_start() };
        let mut c = if before {
            s.chars().rev().collect::<Vec<char>>()
        } else {
            s.chars().collect()
        };
        c.truncate(3);
        let c: String = c.into_iter().filter(|c| !c.is_whitespace()).collect();
        let mut it = c.chars();
        it.next().is_some_and(|p| ".,:-/–".contains(p))
            && it.next().is_some_and(|d| d.is_ascii_digit())
    };
    for (i, &(a, b)) in ws.iter().enumerate() {
        fold_into(&text[a..b], &mut buf);
        let value = if buf.bytes().all(|c| c.is_ascii_digit()) {
            if joined(&text[..a], true) || joined(&text[b..], false) {
                continue;
            }
            match buf.parse::<u32>() {
                Ok(v) if v > 0 && !(1900..=2100).contains(&v) && v < 100_000 => v,
                _ => continue,
            }
        } else {
            match NUMBER_WORDS.binary_search_by_key(&buf.as_str(), |x| x.0) {
                Ok(k) => NUMBER_WORDS[k].1,
                Err(_) => continue,
            }
        };
        if is_amount(text, a, b) {
            continue;
        }
        for &(x, y) in ws.iter().skip(i + 1).take(2) {
            fold_into(&text[x..y], &mut buf);
            if has_digit(&buf) || buf.ends_with("ed") {
                break;
            }
            if is_stopword(&buf) || NUMBER_WORDS.iter().any(|n| n.0 == buf) {
                continue;
            }
            out.push((fold_suffix(&buf).to_string(), value));
        }
    }
    out
}

/// Whether a text holds its headline near its start (as its first sentence or after a dateline).
fn title_in_text(title: &str, text: &str) -> bool {
    let mut head = (title.len() + 1024).min(text.len());
    while !text.is_char_boundary(head) {
        head -= 1;
    }
    !title.is_empty() && text[..head].contains(title)
}

/// Most words kept of one headline.
const MAX_HEADLINE_WORDS: usize = 16;

/// Most member headlines a story keeps.
const MAX_HEADLINES: usize = 32;

/// Most key words taken from a document's first sentence.
const MAX_DOC_KEYS: usize = 32;

/// Most key words a story keeps the counts of.
const MAX_KEYS: usize = 64;

/// Most sums of money a story keeps of its members' openings.
const MAX_SUMS: usize = 16;

/// Adds the sorted sums `more` to the sorted sums `v`, dropping near repeats (within 1%) and
/// keeping at most `MAX_SUMS` (the smallest and largest kept first).
fn add_sums(v: &mut Vec<f32>, more: &[f32]) {
    v.extend_from_slice(more);
    v.sort_unstable_by(f32::total_cmp);
    v.dedup_by(|a, b| (*a - *b).abs() < 0.005);
    while v.len() > MAX_SUMS {
        // the middle ones say least about how far apart two sides are
        v.remove(v.len() / 2);
    }
}

/// Words of money after a figure or its scale ("85 million euros"; sorted).
const CURRENCY_WORDS: &[&str] = &[
    "dollar", "dollars", "euro", "euros", "pound", "pounds", "rupees", "usd", "yen", "yuan",
];

/// Scales after a figure, in powers of ten ("2.6 million", "1.7m", "2bn"; sorted).
const SCALE_WORDS: &[(&str, i32)] = &[
    ("b", 9),
    ("billion", 9),
    ("bln", 9),
    ("bn", 9),
    ("k", 3),
    ("m", 6),
    ("million", 6),
    ("mln", 6),
    ("mn", 6),
    ("thousand", 3),
    ("trillion", 12),
];

/// The sums of money a text gives, as base-10 logarithms, sorted: a figure after a currency
/// sign ("$2.6 million", "£1.7m", "US$ 35,000") or before a word of money, its scale between
/// ("85 million euros"). Figures of other kinds (counts, tolls, shares) are none.
fn money(text: &str) -> Vec<f32> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut buf = String::new();
    let mut i = 0;
    while i < b.len() {
        let starts = b[i].is_ascii_digit()
            && (i == 0 || !(b[i - 1].is_ascii_alphanumeric() || matches!(b[i - 1], b'.' | b',')));
        if !starts {
            i += 1;
            continue;
        }
        let mut j = i;
        while j < b.len()
            && (b[j].is_ascii_digit()
                || (matches!(b[j], b'.' | b',') && b.get(j + 1).is_some_and(u8::is_ascii_digit)))
        {
            j += 1;
        }
        let figure: String = text[i..j].chars().filter(|&c| c != ',').collect();
        let start = i;
        i = j;
        let Ok(value) = figure.parse::<f64>() else {
            continue;
        };
        let sign = text[..start]
            .trim_end()
            .chars()
            .next_back()
            .is_some_and(|c| matches!(c, '$' | '€' | '£' | '¥'));
        // the scale: letters right after the figure ("1.7m") or the next word
        let after = &text[j..];
        let mut next = words(after).take(2);
        let mut scale = 0;
        let mut currency = false;
        let attached = after.chars().next().is_some_and(char::is_alphabetic);
        if let Some((x, y)) = next.next() {
            fold_into(&after[x..y], &mut buf);
            let adjacent = after[..x].chars().all(|c| c == ' ');
            match SCALE_WORDS.binary_search_by_key(&buf.as_str(), |s| s.0) {
                // a bare letter is a scale only attached to the figure ("1.7m", not "5 m")
                Ok(k) if (attached || buf.len() > 2) && adjacent => {
                    scale = SCALE_WORDS[k].1;
                    if let Some((x, y)) = next.next() {
                        fold_into(&after[x..y], &mut buf);
                        currency = CURRENCY_WORDS.binary_search(&buf.as_str()).is_ok();
                    }
                }
                _ => currency = adjacent && CURRENCY_WORDS.binary_search(&buf.as_str()).is_ok(),
            }
        }
        if (sign || currency) && value > 0.0 {
            out.push((value.log10() + scale as f64) as f32);
        }
    }
    out.sort_unstable_by(f32::total_cmp);
    out
}

/// Most date ranges a story keeps of its members' leads.
const MAX_LEAD_DATES: usize = 16;

/// Adds the sorted features `more` to the sorted set `v`, keeping at most `MAX_KEYS` (the
/// smallest).
fn add_capped(v: &mut Vec<u32>, more: &[u32]) {
    v.extend_from_slice(more);
    v.sort_unstable();
    v.dedup();
    v.truncate(MAX_KEYS);
}

/// Adds day ranges to a story's joined ranges (see [`join_ranges`]).
fn add_ranges(v: &mut Vec<(i64, i64)>, more: &[(i64, i64)]) {
    let mut all = std::mem::take(v);
    all.extend_from_slice(more);
    *v = join_ranges(all);
}

/// Sorts day ranges and joins those that overlap or touch; beyond `MAX_LEAD_DATES`, the closest
/// neighbours are joined, so that the list stays short whatever the story's size.
fn join_ranges(mut v: Vec<(i64, i64)>) -> Vec<(i64, i64)> {
    v.sort_unstable();
    let mut out: Vec<(i64, i64)> = Vec::with_capacity(v.len());
    for (a, b) in v {
        match out.last_mut() {
            Some(last) if a <= last.1 + 1 => last.1 = last.1.max(b),
            _ => out.push((a, b)),
        }
    }
    while out.len() > MAX_LEAD_DATES {
        let i = (1..out.len())
            .min_by_key(|&i| out[i].0 - out[i - 1].1)
            .unwrap_or(1);
        out[i - 1].1 = out[i - 1].1.max(out[i].1);
        out.remove(i);
    }
    out
}

/// Document frequencies of words in general news (see `examples/background.rs`).
struct Background {
    documents: u32,
    df: HashMap<String, u32>,
}

impl Background {
    fn df_of(&self, word: &str) -> u32 {
        if word.starts_with('@') {
            return 0;
        }
        self.df.get(word).copied().unwrap_or(0)
    }
}

fn background() -> &'static Background {
    static B: std::sync::OnceLock<Background> = std::sync::OnceLock::new();
    B.get_or_init(|| {
        let mut documents = 0;
        let mut df = HashMap::new();
        for line in include_str!("../resources/background_df.tsv").lines() {
            let Some((w, n)) = line.split_once('\t') else {
                continue;
            };
            let Ok(n) = n.trim().parse::<u32>() else {
                continue;
            };
            if w == "#documents" {
                documents = n;
            } else {
                df.insert(w.to_string(), n);
            }
        }
        Background { documents, df }
    })
}

/// Keeps the `max` heaviest entries of a list sorted by key (of equal weights, those of smaller
/// key), still sorted by key.
pub(crate) fn keep_heaviest<K: Copy + Ord>(v: &mut Vec<(K, f32)>, max: usize) {
    if v.len() > max {
        v.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        v.truncate(max);
        v.sort_unstable_by_key(|x| x.0);
    }
}

/// Two lists sorted by key, summed into one sorted list.
pub(crate) fn add_sorted<K: Copy + Ord, T: Copy + std::ops::Add<Output = T>>(
    a: &[(K, T)],
    b: &[(K, T)],
) -> Vec<(K, T)> {
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    while i < a.len() || j < b.len() {
        if j == b.len() || (i < a.len() && a[i].0 < b[j].0) {
            out.push(a[i]);
            i += 1;
        } else if i == a.len() || b[j].0 < a[i].0 {
            out.push(b[j]);
            j += 1;
        } else {
            out.push((a[i].0, a[i].1 + b[j].1));
            i += 1;
            j += 1;
        }
    }
    out
}

/// Days since 1970-01-01 of an ISO date's day part (`2021-10-11...`), or `None`.
pub fn day_number(iso: &str) -> Option<i64> {
    let b = iso.trim().as_bytes();
    if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |s: &[u8]| -> Option<i64> {
        s.iter().try_fold(0i64, |acc, &c| {
            c.is_ascii_digit().then(|| acc * 10 + (c - b'0') as i64)
        })
    };
    let (y, m, d) = (num(&b[0..4])?, num(&b[5..7])?, num(&b[8..10])?);
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    Some(civil(y, m, d))
}

/// The ISO day of a day number.
pub fn day_string(z: i64) -> String {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + if m <= 2 { 1 } else { 0 };
    format!("{y:04}-{m:02}-{d:02}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input<'a>(
        id: &'a str,
        title: &'a str,
        text: &'a str,
        date: &'a str,
        ents: &[&'a str],
    ) -> StoryInput<'a> {
        StoryInput {
            id,
            title,
            text,
            date: Some(date),
            entities: ents.to_vec(),
        }
    }

    #[test]
    fn briefs_of_one_template_join_only_by_their_headlines() {
        let notices = [
            (
                "a",
                "NORTHWIND TRADING CO <NWT> QUARTERLY DIVIDEND",
                "2031-03-02",
            ),
            (
                "b",
                "BLUEFIELD MILLS INC <BFM> QUARTERLY DIVIDEND",
                "2031-03-02",
            ),
            ("c", "NORTHWIND TRADING CO <NWT> SETS PAYOUT", "2031-03-03"),
        ];
        let run = |config: StoryConfig| -> Vec<u32> {
            let text = "Qtly div 15 cts vs 15 cts prior\n\nPay April 1\n\nRecord March 15";
            let mut idx = StoryIndex::new(config);
            notices
                .iter()
                .map(|&(id, title, date)| idx.add(&input(id, title, text, date, &[])))
                .collect()
        };
        let s = run(StoryConfig::default());
        assert_ne!(s[0], s[1], "another company's notice is another story");
        assert_eq!(s[0], s[2], "the same company's notices are one");
        // off, the template makes them one story
        let s = run(StoryConfig {
            brief_words: 0,
            ..StoryConfig::default()
        });
        assert_eq!(s[0], s[1]);
    }

    #[test]
    fn headline_words_leave_out_figures_and_months() {
        let mut idx = StoryIndex::new(StoryConfig::default());
        idx.add(&input(
            "a",
            "NORTHWIND TRADING 4TH QTR JAN 31 NET",
            "Shr 16 cts vs 13 cts",
            "2031-03-02",
            &[],
        ));
        let words: Vec<&str> = idx
            .headline_features("NORTHWIND TRADING 4TH QTR JAN 31 NET")
            .0
            .iter()
            .filter_map(|&f| idx.vocab.iter().find(|&(_, v)| v == f).map(|(k, _)| k))
            .collect();
        assert!(
            !words.iter().any(|w| w.chars().any(|c| c.is_ascii_digit())),
            "{words:?}"
        );
        assert!(!words.contains(&"jan"), "{words:?}");
        assert!(words.contains(&"northwind"), "{words:?}");
    }

    #[test]
    fn choose_by_the_rules_or_by_a_link_model() {
        let cand = |story, rules, likeness| {
            let mut features = [0.0; LINK_FEATURES];
            features[0] = 1.0;
            features[1] = likeness;
            Candidate {
                story,
                features,
                rules,
            }
        };
        let cands = [cand(3, 0.3, -1.0), cand(5, 0.5, -2.0)];
        let chosen = |config: StoryConfig, cands: &[Candidate]| {
            StoryIndex::new(config).choose(cands).map(|c| c.0)
        };
        assert_eq!(chosen(StoryConfig::default(), &cands), Some(5));
        assert_eq!(chosen(StoryConfig::default(), &[cand(1, 0.2, 0.0)]), None);
        // scores 0.5 and -0.5
        let mut w = vec![0.0; LINK_FEATURES];
        w[0] = 1.5;
        w[1] = 1.0;
        let learned = StoryConfig {
            link_model: w,
            ..StoryConfig::default()
        };
        assert_eq!(chosen(learned.clone(), &cands), Some(3));
        // deciding only on the rules' first candidate, which scores below 0
        let join_only = StoryConfig {
            link_join_only: true,
            ..learned
        };
        assert_eq!(chosen(join_only, &cands), None);
    }

    #[test]
    fn days_round_trip() {
        for s in ["1970-01-01", "2000-02-29", "2021-10-11", "1999-12-31"] {
            assert_eq!(day_string(day_number(s).unwrap()), s);
        }
        assert_eq!(
            day_number("2021-10-12T08:00:00Z").unwrap() - day_number("2021-10-11").unwrap(),
            1
        );
        assert_eq!(day_number("2021-13-01"), None);
        assert_eq!(day_number("soon"), None);
    }

    #[test]
    fn same_happening_joins_and_other_occasion_does_not() {
        let mut idx = StoryIndex::new(StoryConfig::default());
        let a = idx.add(&input(
            "a",
            "Northland and Southland ministers meet in Portavia over river water",
            "Ministers of Northland and Southland met in Portavia on Monday to discuss sharing the water of the \
             Silver river, the first talks since the drought. The Northland minister Ola Brandt said the talks were frank.",
            "2031-03-02",
            &["Northland", "Southland", "Portavia", "Ola Brandt"],
        ));
        let b = idx.add(&input(
            "b",
            "River water talks in Portavia end without deal",
            "Talks in Portavia between Northland and Southland on the Silver river water ended on Tuesday without \
             a deal, Ola Brandt told reporters, adding that the ministers would meet again.",
            "2031-03-03",
            &["Portavia", "Northland", "Southland", "Ola Brandt"],
        ));
        let c = idx.add(&input(
            "c",
            "Bakers protest flour prices in Eastham",
            "Hundreds of bakers marched through Eastham on Monday against the price of flour, which has doubled \
             since the harvest failed.",
            "2031-03-02",
            &["Eastham"],
        ));
        let d = idx.add(&input(
            "d",
            "Northland and Southland ministers meet again in Portavia over river water",
            "Ministers of Northland and Southland met in Portavia to discuss the water of the Silver river, \
             Ola Brandt said, months after the first talks ended without a deal.",
            "2031-09-20",
            &["Northland", "Southland", "Portavia", "Ola Brandt"],
        ));
        assert_eq!(a, b);
        assert_ne!(a, c);
        assert_ne!(a, d, "months apart must be another story");
        let s = idx.story(a).unwrap();
        assert_eq!(s.documents, ["a", "b"]);
        assert_eq!(s.start.as_deref(), Some("2031-03-02"));
        assert_eq!(s.end.as_deref(), Some("2031-03-03"));
        assert_eq!(s.entities["Ola Brandt"], 2);
        assert!(s
            .title
            .starts_with("Northland and Southland ministers meet"));
        assert_eq!(idx.story_of("d"), Some(d));
        // Re-adding keeps the story.
        assert_eq!(idx.add(&input("b", "", "", "2031-03-03", &[])), a);
    }

    #[test]
    fn a_document_close_to_two_young_stories_bridges_them() {
        let docs = [
            input(
                "a",
                "Warehouse fire in Eastham",
                "A fire destroyed a warehouse in Eastham overnight; firefighters fought the flames \
                 for hours and the roof collapsed.",
                "2031-03-02",
                &["Eastham"],
            ),
            input(
                "b",
                "Eastham depot blaze: owner suspects arson",
                "The owner of the depot gutted by the blaze suspects arson, police said, and \
                 detectives questioned a night guard.",
                "2031-03-02",
                &[],
            ),
            input(
                "c",
                "Eastham warehouse fire: owner suspects arson",
                "The owner of the Eastham warehouse destroyed by fire overnight suspects arson; \
                 firefighters fought the flames of the blaze for hours, police said, and \
                 detectives questioned a night guard of the depot.",
                "2031-03-03",
                &["Eastham"],
            ),
        ];
        // short texts without entity kinds read as briefs, which join by their headlines only;
        // in a corpus of three documents a word of three headlines is rare by the floor
        // (`rare_headlines`), and "Eastham" is a name the texts give
        let config = StoryConfig {
            brief_words: 0,
            ..StoryConfig::default()
        };
        let mut off = StoryIndex::new(StoryConfig {
            bridge: 0.0,
            ..config.clone()
        });
        let ids: Vec<u32> = docs.iter().map(|d| off.add(d)).collect();
        assert_ne!(ids[0], ids[1], "two wordings open two stories");
        assert!(ids[2] == ids[0] || ids[2] == ids[1]);
        assert_eq!(off.stories().count(), 2, "without bridging the split stays");
        let mut idx = StoryIndex::new(config.clone());
        for d in &docs {
            idx.add(d);
        }
        let s = idx.story_of("a").unwrap();
        assert_eq!(idx.story_of("b"), Some(s), "the third article bridges them");
        assert_eq!(idx.story_of("c"), Some(s));
        assert_eq!(idx.stories().count(), 1);
        let st = idx.story(s).unwrap();
        assert_eq!(st.documents.len(), 3);
        assert_eq!(st.start.as_deref(), Some("2031-03-02"));
        assert_eq!(st.end.as_deref(), Some("2031-03-03"));
        assert_eq!(st.entities["Eastham"], 2);
        // the story merged away is empty, and the next document finds the merged one
        let gone = if s == ids[0] { ids[1] } else { ids[0] };
        assert!(idx.story(gone).unwrap().documents.is_empty());
        // two stories whose headlines share no word that few headlines give (wire notices of
        // one template) are not bridged
        let mut other = docs.clone();
        other[1].title = "Depot blaze: owner suspects arson";
        let mut apart = StoryIndex::new(config.clone());
        for d in &other {
            apart.add(d);
        }
        assert_eq!(apart.stories().count(), 2);
        // in so small a corpus a word of three headlines is rare only by the floor: it must be
        // a word of a name the texts give (here none is) unless names are not asked for
        let mut unnamed = docs.clone();
        for d in &mut unnamed {
            if !d.entities.is_empty() {
                d.entities = vec!["Kent Police"];
            }
        }
        let count = |config: StoryConfig| {
            let mut idx = StoryIndex::new(config);
            for d in &unnamed {
                idx.add(d);
            }
            idx.stories().count()
        };
        assert_eq!(count(config.clone()), 2);
        let names_off = StoryConfig {
            bridge_names: false,
            ..config.clone()
        };
        assert_eq!(count(names_off), 1);
        // with no floor, nothing is rare among three headlines, and nothing is bridged
        let mut no_floor = StoryIndex::new(StoryConfig {
            rare_headlines: 0,
            ..config.clone()
        });
        for d in &docs {
            no_floor.add(d);
        }
        assert_eq!(no_floor.stories().count(), 2);
        let d = idx.add(&input(
            "d",
            "Arson suspected in Eastham warehouse fire",
            "Detectives suspect arson in the fire that destroyed the Eastham warehouse; the \
             owner of the depot and a night guard were questioned.",
            "2031-03-04",
            &["Eastham"],
        ));
        assert_eq!(d, s);
    }

    #[test]
    fn date_values() {
        let day = |s| day_number(s).unwrap();
        assert_eq!(
            date_range("2021-10-09"),
            Some((day("2021-10-09"), day("2021-10-09")))
        );
        assert_eq!(
            date_range("2021-02"),
            Some((day("2021-02-01"), day("2021-02-28")))
        );
        assert_eq!(
            date_range("2021-12"),
            Some((day("2021-12-01"), day("2021-12-31")))
        );
        assert_eq!(
            date_range("2021"),
            Some((day("2021-01-01"), day("2021-12-31")))
        );
        for v in [
            "XXXX-08",
            "2021-W41",
            "PRESENT_REF",
            "",
            "2021-13",
            "20",
            "2021-10-4x",
        ] {
            assert_eq!(date_range(v), None, "{v}");
        }
    }

    #[test]
    fn layers_give_kinds_and_dates() {
        let text = "Ola Brandt met Northland officials in Portavia on 2031-03-02.";
        let span = |w: &str| {
            let a = text.find(w).unwrap();
            dossier_core::Span::new(a, a + w.len())
        };
        let doc = Document {
            text: text.to_string(),
            mentions: vec![
                dossier_core::Mention {
                    span: span("Ola Brandt"),
                    label: EntityType::PER,
                    score: 1.0,
                },
                dossier_core::Mention {
                    span: span("Northland"),
                    label: EntityType::MISC,
                    score: 1.0,
                },
            ],
            timexes: vec![dossier_core::Timex {
                span: span("2031-03-02"),
                kind: TimexType::DATE,
                value: "2031-03-02".into(),
                modifier: None,
            }],
            ..Document::default()
        };
        let a = Anchors::of_document(&doc, 3, 1);
        // without a sentence layer there is no first sentence
        assert_eq!(a.zones, [Zone::Later, Zone::Later]);
        assert_eq!(a.kinds, [Some(EntityType::PER), Some(EntityType::MISC)]);
        assert_eq!(
            a.dates,
            [(
                day_number("2031-03-02").unwrap(),
                day_number("2031-03-02").unwrap()
            )]
        );
        let mut idx = StoryIndex::new(StoryConfig::default());
        let input = input(
            "x",
            "Talks",
            text,
            "2031-03-02",
            &["Ola Brandt", "Northland"],
        );
        let s = idx.add_document(&input, &doc);
        assert_eq!(idx.story_of("x"), Some(s));
    }

    /// A document whose sentences end at ". " or a blank line, with the given timexes
    /// (`(words, value)`, found in the text) and no mentions.
    fn layered(text: &str, timexes: &[(&str, &str)]) -> Document {
        let mut sentences = Vec::new();
        let mut start = 0;
        for (i, _) in text.match_indices(". ").chain(text.match_indices("\n\n")) {
            if i + 1 > start {
                sentences.push((start, i + 1));
                start = i + 2;
            }
        }
        sentences.sort_unstable();
        if start < text.len() {
            sentences.push((start, text.len()));
        }
        Document {
            text: text.to_string(),
            sentences: sentences
                .into_iter()
                .map(|(a, b)| dossier_core::Sentence {
                    span: dossier_core::Span::new(a, b),
                    first: 0,
                    last: 0,
                })
                .collect(),
            timexes: timexes
                .iter()
                .map(|(w, v)| {
                    let a = text.find(w).unwrap();
                    dossier_core::Timex {
                        span: dossier_core::Span::new(a, a + w.len()),
                        kind: TimexType::DATE,
                        value: v.to_string(),
                        modifier: None,
                    }
                })
                .collect(),
            ..Document::default()
        }
    }

    fn add_text(idx: &mut StoryIndex, id: &str, text: &str, timexes: &[(&str, &str)]) -> u32 {
        let doc = layered(text, timexes);
        let title = text.split("\n\n").next().unwrap_or("");
        idx.add_document(
            &StoryInput {
                id,
                title,
                text,
                date: None,
                entities: Vec::new(),
            },
            &doc,
        )
    }

    #[test]
    fn interviews_are_told_by_their_lead() {
        for lead in [
            "In an interview with the Daily Courier, the minister said the talks had failed.",
            "The minister gave an exclusive interview on Sunday.",
            "The interview with the minister lasted two hours.",
        ] {
            assert!(is_interview(lead, lead), "{lead}");
        }
        for lead in [
            "A deputy interviewing a woman outside a flat was shot.",
            "Her humour delighted interviewers for decades.",
            "Police will interview witnesses on Monday.",
            "",
        ] {
            assert!(!is_interview(lead, lead), "{lead}");
        }
        let qa = "Minister on the talks\n\nQ: Did the talks fail?\nA: No.\nQ: What next?\nA: More talks.";
        assert!(is_interview("Minister on the talks", qa));
        assert!(!is_interview("", "Q: one question only\nA: and one answer"));
    }

    const TALKS: &str = "Northland and Southland hold river talks in Portavia\n\nMinisters of \
        Northland and Southland held talks in Portavia on the water of the Silver river. The talks \
        in Portavia ended without a deal on the river water, the Northland minister said.";
    const INTERVIEW: &str = "Northland minister calls the Portavia river talks bitter\n\nIn an \
        interview with the Daily Courier, the Northland minister said the talks in Portavia with \
        Southland on the Silver river water were bitter and ended without a deal.";

    #[test]
    fn an_interview_about_talks_is_not_the_talks_story() {
        // another main event is never joined here, so that the test checks what is told apart
        // (the default only lowers the similarity)
        let strict = StoryConfig {
            other_event: 0.0,
            ..StoryConfig::default()
        };
        let mut idx = StoryIndex::new(strict.clone());
        let a = add_text(&mut idx, "a", TALKS, &[]);
        let b = add_text(
            &mut idx,
            "b",
            "River talks in Portavia end without a deal\n\nThe talks between Northland and Southland \
             on the Silver river water in Portavia ended without a deal. Ministers said the river \
             talks would go on.",
            &[],
        );
        let c = add_text(&mut idx, "c", INTERVIEW, &[]);
        assert_eq!(a, b);
        assert_ne!(a, c, "the interview is its own story");
        // Without the rule the interview joins the talks: the rule, not the words, keeps it out.
        let mut off = StoryIndex::new(StoryConfig {
            other_event: 1.0,
            ..strict.clone()
        });
        let a2 = add_text(&mut off, "a", TALKS, &[]);
        let c2 = add_text(&mut off, "c", INTERVIEW, &[]);
        assert_eq!(a2, c2);
    }

    #[test]
    fn leads_naming_dates_years_apart_are_other_events() {
        let quake = |year: &str| {
            format!(
                "Earthquake strikes Gull island\n\nA strong earthquake struck Gull island on \
                 {year}-03-05, destroying houses in three villages. Rescue teams reached the \
                 villages of Gull island after the earthquake, officials said."
            )
        };
        let (t1, t2, t3) = (quake("2005"), quake("2005"), quake("2008"));
        let day = |y: &str| format!("{y}-03-05");
        // another main event is never joined here, so that the test checks what is told apart
        // (the default only lowers the similarity)
        let strict = StoryConfig {
            other_event: 0.0,
            ..StoryConfig::default()
        };
        let mut idx = StoryIndex::new(strict.clone());
        let a = add_text(&mut idx, "a", &t1, &[(&day("2005"), &day("2005"))]);
        let b = add_text(&mut idx, "b", &t2, &[(&day("2005"), &day("2005"))]);
        let c = add_text(&mut idx, "c", &t3, &[(&day("2008"), &day("2008"))]);
        assert_eq!(a, b);
        assert_ne!(a, c, "the same kind of quake three years later");
        // A lead without a dated expression is not told apart by dates.
        let d = add_text(&mut idx, "d", &quake("XXXX"), &[]);
        assert!(d == a || d == c);
        let mut off = StoryIndex::new(StoryConfig {
            lead_window_days: 0,
            ..strict.clone()
        });
        let a = add_text(&mut off, "a", &t1, &[(&day("2005"), &day("2005"))]);
        let c = add_text(&mut off, "c", &t3, &[(&day("2008"), &day("2008"))]);
        assert_eq!(a, c, "the words alone join them");
    }

    #[test]
    fn season_values() {
        let doy = |m, d| civil(2001, m, d) - civil(2001, 1, 1);
        assert_eq!(season_day("2021-10-09"), Some(doy(10, 9)));
        assert_eq!(season_day("XXXX-10-09"), season_day("2021-10-09"));
        assert_eq!(season_day("2021-10-09T14:00"), season_day("2021-10-09"));
        assert_eq!(season_day("XXXX-12-31"), Some(364));
        assert_eq!(season_day("2024-02-29"), Some(doy(3, 1)));
        for v in [
            "2021",
            "XXXX-10",
            "2021-10",
            "XXXX-XX-XX",
            "XXXX-WXX",
            "2021-W41-6",
            "XXXX-13-01",
            "XXXX-10-32",
            "PRESENT_REF",
            "",
            "XXXX-1-1",
            "YYYY-10-09",
        ] {
            assert_eq!(season_day(v), None, "{v}");
        }
    }

    #[test]
    fn leads_naming_days_seasons_apart_are_other_events() {
        let quake = |day: &str| {
            format!(
                "Earthquake strikes Gull island\n\nA strong earthquake struck Gull island on \
                 {day}, destroying houses in three villages. Rescue teams reached the villages \
                 of Gull island after the earthquake, officials said."
            )
        };
        let (t1, t2, t3) = (quake("March 5"), quake("March 7"), quake("September 20"));
        // another main event is never joined here, so that the test checks what is told apart
        // (the default only lowers the similarity)
        let strict = StoryConfig {
            other_event: 0.0,
            ..StoryConfig::default()
        };
        let mut idx = StoryIndex::new(strict.clone());
        // undated articles: their days have no year
        let a = add_text(&mut idx, "a", &t1, &[("March 5", "XXXX-03-05")]);
        let b = add_text(&mut idx, "b", &t2, &[("March 7", "2009-03-07")]);
        let c = add_text(&mut idx, "c", &t3, &[("September 20", "XXXX-09-20")]);
        assert_eq!(a, b, "the same season, a year named or not");
        assert_ne!(a, c, "the same kind of quake in another season");
        // around the turn of the year, days are close
        let mut idx = StoryIndex::new(strict.clone());
        let d = add_text(&mut idx, "d", &t1, &[("March 5", "XXXX-12-30")]);
        let e = add_text(&mut idx, "e", &t1, &[("March 5", "XXXX-01-02")]);
        assert_eq!(d, e);
        let mut off = StoryIndex::new(StoryConfig {
            season_days: 0,
            ..strict
        });
        let a = add_text(&mut off, "a", &t1, &[("March 5", "XXXX-03-05")]);
        let c = add_text(&mut off, "c", &t3, &[("September 20", "XXXX-09-20")]);
        assert_eq!(a, c, "the words alone join them");
    }

    /// The story of each document added in turn: the first paragraph of a text is its title,
    /// the `names` found in it its mentions.
    /// The defaults, but a contrasting story is never joined (rather than only scored lower), so
    /// that a test sees what the contrasts tell apart.
    fn no_contrast() -> StoryConfig {
        StoryConfig {
            contrast: 0.0,
            ..StoryConfig::default()
        }
    }

    fn stories_of(
        docs: &[(&str, String)],
        names: &[(&str, EntityType)],
        config: StoryConfig,
    ) -> Vec<u32> {
        let mut idx = StoryIndex::new(config);
        docs.iter()
            .map(|(id, text)| {
                let (doc, found) = with_mentions(layered(text, &[]), names);
                let title = text.split("\n\n").next().unwrap_or("");
                idx.add_document(
                    &StoryInput {
                        id,
                        title,
                        text,
                        date: None,
                        entities: found.iter().map(String::as_str).collect(),
                    },
                    &doc,
                )
            })
            .collect()
    }

    #[test]
    fn another_protagonist_is_another_story() {
        let arrest = |who: &str, before: &str| {
            format!(
                "Rovers player {who} arrested on suspicion of drink driving\n\nRovers player {who} \
                 was arrested early on Sunday on suspicion of drink driving, the highway patrol \
                 said. {who} was stopped on the coast road and held for six hours. {before}The \
                 Rovers said they knew of the arrest of {who} and would not comment."
            )
        };
        let docs = [
            ("a", arrest("Ivo Sand", "")),
            ("b", arrest("Ivo Sand", "")),
            (
                "c",
                arrest(
                    "Kai Lund",
                    "Teammate Ivo Sand was arrested on the same charge last year. ",
                ),
            ),
        ];
        let names = [("Ivo Sand", EntityType::PER), ("Kai Lund", EntityType::PER)];
        let run = |config: StoryConfig| stories_of(&docs, &names, config);
        // a story with other participants is never joined here, so that the test checks what is
        // told apart (the default only lowers the similarity)
        let strict = StoryConfig {
            other_participants: 0.0,
            ..StoryConfig::default()
        };
        let s = run(strict.clone());
        assert_eq!(s[0], s[1]);
        assert_ne!(s[0], s[2], "another man's arrest");
        // Without the rule the words join them: the rule, not the words, keeps them apart.
        let s = run(StoryConfig {
            other_participants: 1.0,
            ..strict
        });
        assert_eq!(s[0], s[2]);
    }

    #[test]
    fn another_opponent_of_the_same_champion_is_another_story() {
        let fight = |other: &str, more: &str| {
            format!(
                "Ivo Sand stops {other} in six rounds\n\nIvo Sand stopped {other} in the sixth \
                 round on Saturday to keep his heavyweight titles in front of a full arena. {more}\
                 Sand said he had trained for a long fight and was glad it ended early."
            )
        };
        let docs = [
            ("a", fight("Kai Lund", "")),
            // another fight of the champion: Lund is named nowhere, Berg four times
            (
                "c",
                fight(
                    "Tom Berg",
                    "Berg was down twice before the end. Berg said he would fight on, and the \
                     camp of Berg asked for a rematch. ",
                ),
            ),
            // the first fight again, its opening naming the referee too
            (
                "d",
                fight(
                    "Kai Lund",
                    "Referee Jon Holm stopped it as Lund sagged. Holm said Lund was hurt. ",
                ),
            ),
        ];
        let names = [
            ("Ivo Sand", EntityType::PER),
            ("Kai Lund", EntityType::PER),
            ("Tom Berg", EntityType::PER),
            ("Jon Holm", EntityType::PER),
        ];
        let run = |config: StoryConfig| stories_of(&docs, &names, config);
        // the other signals on persons and key words off, and a story of another opponent never
        // joined, so that the test checks what the opponent tells apart
        let strict = StoryConfig {
            other_participants: 1.0,
            same_participants: 1.0,
            contrast: 1.0,
            other_opponent: 0.0,
            ..StoryConfig::default()
        };
        let s = run(strict.clone());
        assert_ne!(
            s[0], s[1],
            "another opponent, against a story of one member"
        );
        assert_eq!(s[0], s[2], "a further person of the same fight");
        // Without the rule the words join them: the champion is the same.
        let s = run(StoryConfig {
            other_opponent: 1.0,
            ..strict.clone()
        });
        assert_eq!(s[0], s[1]);
        // nor when the new person is given fewer times than asked
        let s = run(StoryConfig {
            opponent_repeats: 6,
            ..strict
        });
        assert_eq!(s[0], s[1]);
    }

    #[test]
    fn headlines_of_questions_and_comments() {
        for h in [
            "Arson again\u{2013}A \u{201c} Pattern \u{201d}?",
            "A sanctuary for dissent?",
            "Opinion: the talks have failed",
            "Analysis | What the vote means",
            "Op-Ed: a bad deal",
            "Why the rovers lost",
        ] {
            assert!(is_opinion(h), "{h}");
        }
        for h in [
            "Herald : Rovers Make Offer To Sand (8 Years?)",
            "Fire destroys church in Gullport",
            "Viewers flock to the final",
            "Commentator fired after remarks",
            "",
        ] {
            assert!(!is_opinion(h), "{h}");
        }
    }

    #[test]
    fn a_question_about_a_person_is_not_the_story_of_another_happening_of_that_person() {
        let report = "Fire destroys Gullport Bible Church of Ivo Sand\n\nA fire destroyed the \
            Gullport Bible Church of Ivo Sand on Friday night, fire crews said. Ivo Sand said the \
            church would be rebuilt. Fire crews fought the fire for three hours and police said \
            the fire was arson."
            .to_string();
        let question = "Arson in Northland: an Ivo Sand pattern?\n\nThe library of Tarn burned \
            down on Sunday, weeks after Ivo Sand moved to Tarn. Ivo Sand has drawn trouble before. \
            Critics of Ivo Sand ask whether someone follows him, and the mayor of Tarn wants \
            answers. Tarn lies on the northern coast and has two schools and a harbour."
            .to_string();
        let docs = [
            ("a", report.clone()),
            ("b", report.replace("Friday", "Saturday")),
            ("c", question.clone()),
        ];
        let names = [
            ("Ivo Sand", EntityType::PER),
            ("Gullport Bible Church", EntityType::ORG),
            ("Gullport Library", EntityType::ORG),
        ];
        let run = |config: StoryConfig| stories_of(&docs, &names, config);
        let s = run(StoryConfig::default());
        assert_eq!(s[0], s[1]);
        assert_ne!(
            s[0], s[2],
            "a question about another fire near the same man"
        );
        // Without the rule the shared man joins them.
        let s = run(StoryConfig {
            opinion_no_bonus: false,
            other_opinion: 1.0,
            ..StoryConfig::default()
        });
        assert_eq!(s[0], s[2]);
        // nor when the question's headline is a report's
        let report_of_it = question.replacen("an Ivo Sand pattern?", "another fire", 1);
        let docs = [docs[0].clone(), docs[1].clone(), ("c", report_of_it)];
        let s = stories_of(&docs, &names, StoryConfig::default());
        assert_eq!(s[0], s[2]);
    }

    #[test]
    fn other_persons_in_the_opening_are_another_story_even_for_one_member() {
        let arrest = |who: &str, opening: &str, before: &str| {
            format!(
                "Rovers player arrested on suspicion of drink driving\n\n{opening} was arrested \
                 early on Sunday on suspicion of drink driving, the highway patrol said. He was \
                 stopped on the coast road and held for six hours. {before}The Rovers said they \
                 knew of the arrest of {who} and would not comment on the case of {who}."
            )
        };
        let docs = [
            ("a", arrest("Ivo Sand", "Rovers player Ivo Sand", "")),
            // another man's arrest, naming the first one further down
            (
                "c",
                arrest(
                    "Kai Lund",
                    "Rovers player Kai Lund",
                    "Teammate Ivo Sand was arrested on the same charge last month. ",
                ),
            ),
            // the first arrest told by an opening that names nobody
            ("d", arrest("Ivo Sand", "A Rovers player", "")),
        ];
        let names = [("Ivo Sand", EntityType::PER), ("Kai Lund", EntityType::PER)];
        let run = |config: StoryConfig| stories_of(&docs, &names, config);
        // the other signals on persons off, and a story of other persons never joined, so that
        // the test checks what the opening's persons tell apart
        let strict = StoryConfig {
            other_participants: 1.0,
            same_participants: 1.0,
            contrast: 1.0,
            other_protagonist: 0.0,
            ..StoryConfig::default()
        };
        let c = {
            let (doc, _) = with_mentions(layered(&docs[1].1, &[]), &names);
            let a = Anchors::of_document(&doc, 4, 1);
            let opening: Vec<&str> = a
                .persons
                .iter()
                .filter(|p| p.0 < 2)
                .map(|p| &docs[1].1[p.1 .0..p.1 .1])
                .collect();
            opening
        };
        assert_eq!(c, ["Lund"], "the last word of the opening's person");
        let s = run(strict.clone());
        assert_ne!(
            s[0], s[1],
            "another man's arrest, against a story of one member"
        );
        assert_eq!(s[0], s[2], "an opening naming nobody is not tested");
        // Without the rule the words join them.
        let s = run(StoryConfig {
            other_protagonist: 1.0,
            ..strict.clone()
        });
        assert_eq!(s[0], s[1]);
        // nor when fewer key words differ than asked (Kai and Lund are new to the story)
        let s = run(StoryConfig {
            protagonist_words: 3,
            ..strict
        });
        assert_eq!(s[0], s[1]);
    }

    /// Adds a mention of kind `label` for every occurrence of each of `names` in `doc.text`.
    fn with_mentions(mut doc: Document, names: &[(&str, EntityType)]) -> (Document, Vec<String>) {
        let mut found: Vec<(usize, &str, EntityType)> = names
            .iter()
            .flat_map(|&(n, label)| {
                doc.text
                    .match_indices(n)
                    .map(|(i, _)| (i, n, label))
                    .collect::<Vec<_>>()
            })
            .collect();
        found.sort_unstable_by_key(|x| x.0);
        doc.mentions = found
            .iter()
            .map(|&(i, n, label)| dossier_core::Mention {
                span: dossier_core::Span::new(i, i + n.len()),
                label,
                score: 1.0,
            })
            .collect();
        (doc, found.iter().map(|x| x.1.to_string()).collect())
    }

    #[test]
    fn key_words_are_the_first_sentence_names_and_figures() {
        let text =
            "Rovers beat Lions 31-24 on 2031-03-02 in the 2nd leg\n\nThe Eagles and 12 fans.";
        let (doc, _) = with_mentions(
            layered(text, &[("2031-03-02", "2031-03-02")]),
            &[("Rovers", EntityType::ORG), ("Eagles", EntityType::ORG)],
        );
        let anchors = Anchors::of_document(&doc, 2, 1);
        let keys: Vec<&str> = anchors
            .key_words
            .iter()
            .map(|&(a, b)| &text[a..b])
            .collect();
        // names and figures of the first sentence only; a date is no key word
        assert_eq!(keys, ["Rovers", "31", "24", "2nd"]);
    }

    #[test]
    fn another_toll_of_the_same_attack_is_no_contrast() {
        let report = |toll: &str, more: &str| {
            format!(
                "Bomb at Kunduz market kills {toll}\n\nA bomb at the Kunduz market killed {toll} \
                 people on Friday, {more}. Police in Kunduz said the bomb was left in a cart near \
                 the market gate, and hospitals in Kunduz asked for blood."
            )
        };
        let docs = [
            ("a", report("46", "officials said")),
            ("b", report("46", "the governor said")),
            (
                "c",
                report("62", "doctors said, as 62 families buried their dead"),
            ),
        ];
        let run = |config: StoryConfig| stories_of(&docs, &[("Kunduz", EntityType::LOC)], config);
        let strict = no_contrast();
        let s = run(strict.clone());
        assert_eq!(s[0], s[1]);
        assert_eq!(
            s[0], s[2],
            "a new toll is a conflict within the story, not another story"
        );
        let s = run(StoryConfig {
            contrast_new_figures: true,
            ..strict
        });
        assert_ne!(
            s[0], s[2],
            "counting figures, the new toll would set it apart"
        );
    }

    #[test]
    fn undoing_a_decision_is_another_story_than_the_decision() {
        let report = |verb: &str, who: &str, more: &str| {
            format!(
                "{who} {verb} species protection rule\n\nThe {who} administration {verb} a rule \
                 on Thursday that lets federal agencies decide on their own whether their projects \
                 harm endangered species, {more}. Wildlife groups said the rule on endangered \
                 species would decide the fate of many protected species."
            )
        };
        let docs = [
            ("a", report("issues", "Bush", "officials said")),
            ("b", report("issues", "Bush", "the department said")),
            ("c", report("overturns", "Obama", "officials said")),
            ("d", report("overturns", "Obama", "the department said")),
        ];
        let run = |config: StoryConfig| stories_of(&docs, &[], config);
        // another kind of main event never joined, so that the test checks what is told apart
        let strict = StoryConfig {
            other_event: 0.0,
            ..StoryConfig::default()
        };
        let s = run(strict.clone());
        assert_eq!(s[0], s[1]);
        assert_eq!(s[2], s[3]);
        assert_ne!(
            s[0], s[2],
            "the rule undone is another happening than the rule made"
        );
        let s = run(StoryConfig {
            reversals: false,
            ..strict
        });
        assert_eq!(s[0], s[2], "without the rule the words join them");
        assert!(is_reversal("Obama Overturns Endangered Species Rule"));
        assert!(!is_reversal("Reverse-engineered malware spreads"));
    }

    #[test]
    fn a_hiring_is_another_happening_than_a_dismissal() {
        let report = |head: &str, verb: &str| {
            format!(
                "{head}\n\nThe Rovers {verb} coach Ivo Sand on Saturday, the club said. Sand \
                 coached the Rovers for two seasons in the northern league. The club said the \
                 decision on Sand was taken by the board after the last game of the season. \
                 Sand said he thanked the club and the fans of the Rovers."
            )
        };
        let docs = [
            ("a", report("Rovers fire coach Ivo Sand", "fired")),
            ("b", report("Rovers sack Ivo Sand as coach", "sacked")),
            ("c", report("Rovers hire Ivo Sand as coach", "hired")),
            ("d", report("Rovers appoint Ivo Sand as coach", "appointed")),
        ];
        let names = [("Ivo Sand", EntityType::PER), ("Rovers", EntityType::ORG)];
        let run = |config: StoryConfig| stories_of(&docs, &names, config);
        // texts this close join whatever the factor: a story of another kind is never joined
        let strict = StoryConfig {
            other_kind: 0.0,
            ..StoryConfig::default()
        };
        let s = run(strict.clone());
        assert_eq!(s[0], s[1], "a dismissal told in other words");
        assert_eq!(s[2], s[3], "a hiring told in other words");
        assert_ne!(s[0], s[2], "a hiring is not the dismissal");
        let s = run(StoryConfig {
            kinds: false,
            ..strict
        });
        assert_eq!(s[0], s[2], "without the kinds the words join them");
        assert_eq!(kinds_told("Club fires coach"), 0, "'fires' is no kind");
        assert_ne!(kinds_told("Coach resigns"), kinds_told("Coach appointed"));
    }

    #[test]
    fn another_count_of_one_thing_is_another_happening() {
        let c = counted("Navy captures 26 Somali pirates, 3 boats seized");
        let c: Vec<(&str, u32)> = c.iter().map(|(w, n)| (w.as_str(), *n)).collect();
        assert_eq!(c, [("somali", 26), ("pirat", 26), ("boat", 3)]);
        for none in [
            "Colts beat Chiefs 20-13",
            "Blast kills 46 people",
            "Elections in 2008",
            "5 arrested after riot",
            "A 5.9 quake",
            "$20 million deal",
        ] {
            assert!(counted(none).is_empty(), "{none}");
        }
        assert_eq!(counted("two sailors")[0], ("sailor".to_string(), 2));
        let report = |n: &str| {
            format!(
                "Navy captures {n} pirates in the gulf\n\nThe navy captured {n} pirates who \
                 tried to board a merchant ship in the gulf, a spokesman said. The pirates were \
                 taken to the port. The navy said its ships patrol the gulf."
            )
        };
        let docs = [
            ("a", report("23")),
            ("b", report("23")),
            ("c", report("26")),
            ("d", report("26")),
        ];
        let run = |config: StoryConfig| stories_of(&docs, &[], config);
        let strict = StoryConfig {
            other_count: 0.0,
            ..StoryConfig::default()
        };
        let s = run(strict.clone());
        assert_eq!(s[0], s[1]);
        assert_eq!(s[2], s[3]);
        assert_ne!(s[0], s[2], "26 pirates are not the 23");
        let s = run(StoryConfig {
            other_count: 1.0,
            ..strict
        });
        assert_eq!(s[0], s[2], "without the rule the words join them");
    }

    #[test]
    fn tolls_and_sums_are_amounts_counts_are_not() {
        let amount = |text: &str, figure: &str| {
            let a = text.find(figure).unwrap();
            is_amount(text, a, a + figure.len())
        };
        assert!(amount("A bomb killed 46 people.", "46"));
        assert!(amount("Bomb at market kills 46", "46"));
        assert!(amount("At least 46 people died.", "46"));
        assert!(amount("Robbers took $2.6 million in jewels.", "6"));
        assert!(amount("Gems worth 74 million pounds.", "74"));
        assert!(amount("Shares rose 12% on Monday.", "12"));
        assert!(!amount("The navy captured 23 pirates.", "23"));
        assert!(!amount("Colts beat Chiefs 20-13 on Sunday.", "13"));
        assert!(!amount("Microsoft patches Firefox 3.0.1 flaw.", "3"));
    }

    /// The teams of the cup-final reports of the key-word tests.
    const CUP_TEAMS: [(&str, EntityType); 3] = [
        ("Rovers", EntityType::ORG),
        ("Lions", EntityType::ORG),
        ("Eagles", EntityType::ORG),
    ];

    #[test]
    fn a_key_word_a_story_gives_in_passing_is_still_new_to_it() {
        // a body of many other words, as a news report has, so that a name given once weighs
        // little in its vector
        let body: String = (0..150).map(|i| format!("note{i} ")).collect();
        let game = |rival: &str, score: &str, words: &str, aside: &str| {
            format!(
                "Rovers beat {rival} {score} to reach the cup final\n\nThe Rovers reached the cup \
                 final on Sunday with a win over the {rival}, {words}. The Rovers coach said the \
                 final would be harder than the win over the {rival}. The stadium was full and \
                 the fans sang through the second half. The club will sell more tickets for the \
                 final next week, its chairman said. {aside}The players will rest on Monday and \
                 train again on Tuesday before the final. {body}"
            )
        };
        let aside = "Last season the Rovers lost to the Eagles. ";
        let docs = [
            ("a", game("Lions", "31-24", "scoring twice late", aside)),
            (
                "b",
                game("Lions", "31-24", "their keeper saving a late kick", aside),
            ),
            ("c", game("Eagles", "20-13", "scoring twice late", "")),
        ];
        let run = |config: StoryConfig| stories_of(&docs, &CUP_TEAMS, config);
        let strict = no_contrast();
        let s = run(strict.clone());
        assert_eq!(s[0], s[1]);
        assert_ne!(
            s[0], s[2],
            "the Eagles, named by the story in passing, are new to it"
        );
        // counted as given by the story however lightly, they make no contrast
        let s = run(StoryConfig {
            contrast_passing: 0.0,
            ..strict
        });
        assert_eq!(s[0], s[2]);
    }

    #[test]
    fn sums_of_money_are_read_with_their_scale() {
        let sums = |text: &str| -> Vec<String> {
            money(text)
                .iter()
                .map(|x| format!("{:.2e}", 10f64.powf(*x as f64)))
                .collect()
        };
        assert_eq!(sums("Robbers took $2.6 million in jewels."), ["2.60e6"]);
        assert_eq!(
            sums("Gems worth 74 million pounds (85 million euros)."),
            ["7.40e7", "8.50e7"]
        );
        assert_eq!(
            sums("A £1.7m raid; $184M offer; US$ 35,000 bail."),
            ["3.50e4", "1.70e6", "1.84e8"]
        );
        assert_eq!(sums("A 2bn euro deal."), ["2.00e9"]);
        // counts, tolls, shares, scores and years are no sums
        assert!(
            sums("On Dec. 14, 2008, 26 pirates, 5 m away, 12% up, 20-13, 3 million people.")
                .is_empty()
        );
    }

    #[test]
    fn sums_far_apart_are_other_happenings() {
        let heist = |sum: &str, shop: &str| {
            format!(
                "Jewels stolen in Paris raid\n\nArmed robbers stole jewels worth {sum} from \
                 the {shop} shop in central Paris on Monday. The robbers fled in a car. Police \
                 said the raid on the shop took minutes and nobody was hurt in the raid."
            )
        };
        let docs = [
            ("a", heist("85 million euros", "jewellery")),
            ("b", heist("$108 million", "jewellery")),
            ("c", heist("$2.6 million", "jewellery")),
        ];
        let run = |config: StoryConfig| stories_of(&docs, &[], config);
        // a story of other sums never joined, so that the test checks what the sums tell apart
        let strict = StoryConfig {
            other_amount: 0.0,
            ..StoryConfig::default()
        };
        let s = run(strict.clone());
        assert_eq!(s[0], s[1], "one sum in other currencies");
        assert_ne!(s[0], s[2], "a sum thirty times smaller");
        let s = run(StoryConfig {
            other_amount: 1.0,
            ..strict
        });
        assert_eq!(s[0], s[2], "without the rule the words join them");
    }

    #[test]
    fn another_count_of_one_kind_of_happening_is_another_story() {
        // two raids of one navy, told in the same words but for the count of pirates taken
        let raid = |count: &str, more: &str| {
            format!(
                "Navy captures {count} pirates in the Gulf of Aden\n\nThe navy captured {count} \
                 pirates who tried to board a merchant vessel in the Gulf of Aden, {more}. The \
                 {count} pirates were handed over to the coast guard, the navy said."
            )
        };
        let docs = [
            ("a", raid("23", "a spokesman said")),
            ("b", raid("23", "officials said")),
            ("c", raid("26", "a spokesman said")),
        ];
        let run =
            |config: StoryConfig| stories_of(&docs, &[("Gulf of Aden", EntityType::LOC)], config);
        // a contrasting story is never joined here, so that the test checks what is told apart
        let strict = no_contrast();
        let s = run(strict.clone());
        assert_eq!(s[0], s[1]);
        assert_ne!(s[0], s[2], "another count of pirates taken, another raid");
        let s = run(StoryConfig {
            contrast_new_counts: false,
            ..strict
        });
        assert_eq!(s[0], s[2], "without counts, the words join them");
    }

    #[test]
    fn a_story_named_by_other_key_words_is_another_story() {
        let game = |rival: &str, score: &str, words: &str| {
            format!(
                "Rovers beat {rival} {score} to reach the cup final\n\nThe Rovers reached the cup \
                 final on Sunday with a win over the {rival}, {words}. The Rovers coach said the \
                 final would be harder than the win over the {rival}."
            )
        };
        let docs = [
            (
                "a",
                game("Lions", "31-24", "scoring twice in the last minutes"),
            ),
            (
                "b",
                game("Lions", "31-24", "their keeper saving a late kick"),
            ),
            (
                "c",
                game("Eagles", "20-13", "scoring twice in the last minutes"),
            ),
            // the same game, worded without its score
            (
                "d",
                game("Lions", "again", "their keeper saving a late kick"),
            ),
        ];
        let run = |config: StoryConfig| stories_of(&docs, &CUP_TEAMS, config);
        // a contrasting story is never joined here, so that the test checks what is told apart
        // (the default only lowers the similarity)
        let strict = no_contrast();
        let s = run(strict.clone());
        assert_eq!(s[0], s[1]);
        assert_ne!(s[0], s[2], "another rival, another score");
        assert_eq!(s[0], s[3], "no key word of the story missing");
        // Without the rule the words join them: the rule, not the words, keeps them apart.
        let s = run(StoryConfig {
            contrast: 1.0,
            ..strict.clone()
        });
        assert_eq!(s[0], s[2]);
        // one member's first sentence is too little to tell
        let s = run(StoryConfig {
            contrast_members: 3,
            ..strict.clone()
        });
        assert_eq!(s[0], s[2]);
        // a key word given fewer times than asked is no contrast ("Eagles" is given three times)
        let s = run(StoryConfig {
            contrast_repeats: 4,
            ..strict
        });
        assert_eq!(s[0], s[2]);
    }

    #[test]
    fn another_weekday_and_other_key_words_are_another_story() {
        let raid = |ship: &str, toll: &str, when: &str| {
            format!(
                "{ship} captures {toll} pirates near Aden\n\nThe warship {ship} captured {toll} \
                 pirates {when} after they attacked a merchant vessel in the Gulf of Aden. The \
                 navy said the pirates were handed over to the coast guard."
            )
        };
        let docs = [
            (
                "a",
                raid("INS Mysore", "23", "on Saturday"),
                "Saturday",
                "XXXX-XX-XX",
            ),
            (
                "b",
                raid("INS Mysore", "23", "on Saturday"),
                "Saturday",
                "XXXX-XX-XX",
            ),
            // another raid: its day comes from the date the time layer resolved (a Thursday)
            (
                "c",
                raid("INS Sukanya", "26", "yesterday"),
                "yesterday",
                "2011-11-10",
            ),
            // the same raid told the next day: another weekday, the same key words
            (
                "d",
                raid("INS Mysore", "23", "on Sunday"),
                "Sunday",
                "XXXX-XX-XX",
            ),
        ];
        let names = [
            ("INS Mysore", EntityType::ORG),
            ("INS Sukanya", EntityType::ORG),
        ];
        let run_on = |docs: &[(&str, String, &str, &str)], config: StoryConfig| -> Vec<u32> {
            let mut idx = StoryIndex::new(config);
            docs.iter()
                .map(|(id, text, when, value)| {
                    let (doc, found) = with_mentions(layered(text, &[(when, value)]), &names);
                    let title = text.split("\n\n").next().unwrap_or("");
                    idx.add_document(
                        &StoryInput {
                            id,
                            title,
                            text,
                            date: None,
                            entities: found.iter().map(String::as_str).collect(),
                        },
                        &doc,
                    )
                })
                .collect()
        };
        let run = |config: StoryConfig| run_on(&docs, config);
        let doc = layered(&docs[2].1, &[(docs[2].2, docs[2].3)]);
        let days: Vec<u8> = weekdays(&doc).iter().map(|w| w.1).collect();
        assert_eq!(days, [3], "2011-11-10 was a Thursday");
        // the key-word contrast off, and a story of another weekday never joined, so that the
        // test checks what the weekday tells apart
        let strict = StoryConfig {
            contrast: 1.0,
            other_weekday: 0.0,
            ..StoryConfig::default()
        };
        let s = run(strict.clone());
        assert_eq!(s[0], s[1]);
        assert_ne!(s[0], s[2], "another ship, another toll, another day");
        assert_eq!(s[0], s[3], "another day alone is no other happening");
        // a story of one member is tested too, unless asked otherwise
        let one = [docs[0].clone(), docs[2].clone()];
        let s = run_on(&one, strict.clone());
        assert_ne!(s[0], s[1], "another raid, against a story of one member");
        let s = run_on(
            &one,
            StoryConfig {
                weekday_members: 2,
                ..strict.clone()
            },
        );
        assert_eq!(s[0], s[1]);
        // Without the rule the words join them.
        let s = run(StoryConfig {
            other_weekday: 1.0,
            ..strict
        });
        assert_eq!(s[0], s[2]);
    }

    #[test]
    fn lead_date_ranges_stay_few() {
        assert_eq!(
            join_ranges(vec![(5, 6), (1, 2), (3, 4), (10, 12)]),
            [(1, 6), (10, 12)]
        );
        let many: Vec<(i64, i64)> = (0..100)
            .map(|i| (i * 10 + (i % 7), i * 10 + 1 + (i % 7)))
            .collect();
        let joined = join_ranges(many);
        assert_eq!(joined.len(), MAX_LEAD_DATES);
        assert!(joined.windows(2).all(|w| w[0].1 < w[1].0));
        assert_eq!(joined[0].0, 0);
        assert_eq!(joined.last().unwrap().1, 991 + 1);
        assert!(join_ranges(Vec::new()).is_empty());
    }

    #[test]
    fn a_title_held_by_the_text_counts_once() {
        let mut a = StoryIndex::new(StoryConfig::default());
        let mut b = StoryIndex::new(StoryConfig::default());
        let title = "Bakers protest flour prices";
        let body = "Hundreds of bakers marched against the price of flour.";
        let with = format!("{title}\n\n{body}");
        let (va, _) = a.vectorize(
            &StoryInput {
                id: "x",
                title,
                text: &with,
                ..StoryInput::default()
            },
            &Anchors::default(),
        );
        let (vb, _) = b.vectorize(
            &StoryInput {
                id: "x",
                title,
                text: body,
                ..StoryInput::default()
            },
            &Anchors::default(),
        );
        assert_eq!(va, vb);
    }

    #[test]
    fn lead_words_weigh_more() {
        let mut idx = StoryIndex::new(StoryConfig {
            background: 0.0,
            ..StoryConfig::default()
        });
        let text = "Bakers marched. Millers watched.";
        let anchors = Anchors {
            lead_end: "Bakers marched.".len(),
            ..Anchors::default()
        };
        let (v, _) = idx.vectorize(
            &StoryInput {
                id: "x",
                text,
                ..StoryInput::default()
            },
            &anchors,
        );
        let weight = |w: &str| {
            v.iter()
                .find(|x| x.0 == idx.vocab.get(w).unwrap())
                .unwrap()
                .1
        };
        assert!(weight("baker") > weight("miller"));
        // a lead past the end of the text is no lead, not a panic
        let long = Anchors {
            lead_end: 1000,
            ..Anchors::default()
        };
        let _ = idx.vectorize(
            &StoryInput {
                id: "y",
                text,
                ..StoryInput::default()
            },
            &long,
        );
    }

    #[test]
    fn lead_person_and_organisation_names_weigh_more() {
        let text = "Crowds cheered Brandt in Portavia. Brandt waved. Later Sand came.";
        let lead_end = text.find(" Later").unwrap();
        let at = |w: &str, n: usize| {
            let a = text.match_indices(w).nth(n).unwrap().0;
            dossier_core::Span::new(a, a + w.len())
        };
        let mention = |span, label| dossier_core::Mention {
            span,
            label,
            score: 1.0,
        };
        let sentence = |a: usize, b: usize| dossier_core::Sentence {
            span: dossier_core::Span::new(a, b),
            first: 0,
            last: 0,
        };
        let doc = Document {
            text: text.to_string(),
            sentences: vec![
                sentence(0, 34),
                sentence(35, lead_end),
                sentence(lead_end + 1, text.len()),
            ],
            mentions: vec![
                mention(at("Brandt", 0), EntityType::PER),
                mention(at("Portavia", 0), EntityType::LOC),
                mention(at("Brandt", 1), EntityType::PER),
                mention(at("Sand", 0), EntityType::PER),
            ],
            ..Document::default()
        };
        let anchors = Anchors::of_document(&doc, 2, 1);
        assert_eq!(anchors.lead_end, lead_end);
        // the lead's persons and organisations: not its places, nor names after it
        assert_eq!(
            anchors.name_spans,
            [
                (at("Brandt", 0).start as usize, at("Brandt", 0).end as usize),
                (at("Brandt", 1).start as usize, at("Brandt", 1).end as usize)
            ]
        );
        let weights = |name_weight: f32| {
            let mut idx = StoryIndex::new(StoryConfig {
                background: 0.0,
                name_weight,
                ..StoryConfig::default()
            });
            let (v, _) = idx.vectorize(
                &StoryInput {
                    id: "x",
                    text,
                    ..StoryInput::default()
                },
                &anchors,
            );
            let weight = |w: &str| {
                v.iter()
                    .find(|x| x.0 == idx.vocab.get(w).unwrap())
                    .unwrap()
                    .1
            };
            (
                weight("brandt"),
                weight("portavia"),
                weight("sand"),
                weight("crowd"),
            )
        };
        let (brandt, portavia, ..) = weights(1.0);
        assert!(brandt > portavia, "named twice");
        let (brandt3, portavia3, sand, crowd) = weights(3.0);
        assert!(brandt3 / portavia3 > brandt / portavia);
        assert!(sand < crowd, "a name after the lead is a body word");
        // spans past the end of the text weigh nothing up and do not panic
        let mut idx = StoryIndex::new(StoryConfig::default());
        let far = Anchors {
            name_spans: vec![(1000, 1010)],
            lead_end: 10,
            ..Anchors::default()
        };
        let _ = idx.vectorize(
            &StoryInput {
                id: "y",
                text,
                ..StoryInput::default()
            },
            &far,
        );
    }

    #[test]
    fn the_word_cache_gives_the_vocabulary_features() {
        let mut idx = StoryIndex::new(StoryConfig::default());
        // more keys than slots, so that slots are taken over, and one too long to be cached
        let keys: Vec<String> = (0..3 * CACHE_SLOTS)
            .map(|i| format!("w{i}"))
            .chain(["x".repeat(CACHED_KEY + 1)])
            .collect();
        let first: Vec<u32> = keys.iter().map(|k| idx.feature(k)).collect();
        let again: Vec<u32> = keys.iter().rev().map(|k| idx.feature(k)).collect();
        assert!(first.iter().eq(again.iter().rev()));
        for (k, &f) in keys.iter().zip(&first) {
            assert_eq!((idx.known(k), idx.vocab.get(k).unwrap()), (Some(f), f));
        }
        assert_eq!(idx.known("unseen"), None);
    }

    #[test]
    fn vocabulary_gives_each_key_its_feature_and_is_saved_as_a_map() {
        let mut v = Vocab::default();
        let keys: Vec<String> = (0..3000)
            .map(|i| format!("w{i}"))
            .chain(["".into(), "@Kobe".into()])
            .collect();
        for (f, k) in keys.iter().enumerate() {
            v.insert(k, f as u32);
        }
        v.insert("w7", 3002);
        v.insert("again", 5);
        for (f, k) in keys.iter().enumerate() {
            assert_eq!(v.get(k), Some(f as u32));
        }
        assert_eq!((v.get("again"), v.get("w3000")), (None, None));
        let json = serde_json::to_string(&v).unwrap();
        let map: HashMap<String, u32> = serde_json::from_str(&json).unwrap();
        assert_eq!(map.len(), keys.len());
        let back: Vocab = serde_json::from_str(&json).unwrap();
        assert!(back.iter().eq(v.iter()));
        // a map with a gap and a feature given twice loads what it can
        let odd: Vocab = serde_json::from_str(r#"{"a": 0, "b": 2, "c": 2, "d": 9}"#).unwrap();
        assert_eq!((odd.get("a"), odd.get("d")), (Some(0), None));
        assert_eq!(odd.get("b").or(odd.get("c")), Some(2));
        assert_eq!(odd.iter().count(), 2);
    }

    #[test]
    fn postings_keep_lists_of_one_inline_and_longer_ones_apart() {
        let mut p = Postings::default();
        assert!(p.get(0).is_empty() && p.get(9).is_empty());
        p.push(3, 7);
        p.push(5, 1);
        p.push(5, 2);
        p.push(5, 4);
        assert_eq!(
            (p.get(3), p.get(5), p.get(4)),
            (&[7][..], &[1, 2, 4][..], &[][..])
        );
        assert_eq!(p.many.len(), 1);
        p.remove(3, 8);
        p.remove(5, 2);
        p.remove(40, 1);
        assert_eq!((p.get(3), p.get(5)), (&[7][..], &[1, 4][..]));
        p.remove(3, 7);
        assert!(p.get(3).is_empty());
        p.push(3, 9);
        p.push(5, 6);
        assert_eq!((p.get(3), p.get(5)), (&[9][..], &[1, 4, 6][..]));
        assert_eq!(p.lists().count(), 2);
        // a story id too large to stand inline still gets its list
        p.push(8, u32::MAX);
        assert_eq!(p.get(8), &[u32::MAX][..]);
    }

    #[test]
    fn postings_are_saved_as_a_map_and_read_back() {
        let mut idx = StoryIndex::new(StoryConfig::default());
        let texts = [
            (
                "a",
                "Quake hits Kobe",
                "A strong quake hit Kobe on Tuesday.",
            ),
            ("b", "Floods in Dhaka", "Floods cut roads around Dhaka."),
            (
                "c",
                "Kobe quake toll rises",
                "The toll of the Kobe quake rose.",
            ),
        ];
        for (id, title, text) in texts {
            idx.add(&input(id, title, text, "2024-01-02", &[]));
        }
        let json = serde_json::to_value(&idx).unwrap();
        let saved = json["postings"].as_object().unwrap();
        assert!(!saved.is_empty() && saved.values().all(|l| !l.as_array().unwrap().is_empty()));
        let back: StoryIndex = serde_json::from_value(json.clone()).unwrap();
        let kept = |p: &Postings| -> Vec<(u32, Vec<u32>)> {
            p.lists().map(|(f, l)| (f, l.to_vec())).collect()
        };
        assert_eq!(kept(&back.postings), kept(&idx.postings));
        assert!(back.postings.many.len() < kept(&idx.postings).len());
        assert_eq!(serde_json::to_value(&back).unwrap(), json);
    }

    #[test]
    fn empty_documents_do_not_panic() {
        let mut idx = StoryIndex::new(StoryConfig::default());
        let a = idx.add(&StoryInput {
            id: "x",
            ..Default::default()
        });
        let b = idx.add(&StoryInput {
            id: "y",
            ..Default::default()
        });
        assert_ne!(a, b);
        let json = serde_json::to_string(&idx).unwrap();
        let back: StoryIndex = serde_json::from_str(&json).unwrap();
        assert_eq!(back.stories().count(), 2);
    }
}
