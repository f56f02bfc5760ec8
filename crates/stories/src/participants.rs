//! Who a document's main event is about, and whether a story's is about someone else.
//!
//! Two happenings of one kind (two arrests, two coaches fired, two offers to one player) share
//! their vocabulary, and the later one's articles often name the earlier one's actors too; what
//! tells them apart is who each article is mostly about. A document's protagonist of a kind
//! (person, organisation, place) is the name of that kind it gives most often (a name in the
//! first sentence, the headline or the lead's opening, counts [`FIRST_WEIGHT`] times); each name
//! has a share of the document's mentions of its kind. A story keeps, per kind, the mean share of
//! each of its members' names by the name's head (its last word: "Brandt" of "Ola Brandt");
//! its protagonist is the head with the largest mean share.
//! Key participants are all the names holding a given share on their side (a fight or a meeting
//! has two). A document and a story are about different participants when, for some kind, a key
//! participant of the document is at most a minor figure of the story and one of the story's is
//! at most a minor figure of the document ("Jamal Williams arrested", naming last year's arrest of
//! Vincent Jackson in passing, against a story of "Vincent Jackson arrested"; the champion's
//! fight against another challenger). Only names given in full at least once (two words or more)
//! count, so that a tagger's stray "Chiefs" or "Surgeon" is nobody's protagonist. Names meet by
//! their words ("Mo Cheeks", "Maurice Cheeks"); everything is kept as 64-bit hashes of folded
//! words, bounded per story, so that the test costs the same whatever the story's size.

use dossier_core::EntityType;
use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::xxh3_64;

use crate::text::{fold_into, fold_suffix, is_stopword, words};

/// Most name words a story keeps per kind; beyond, those of least share are dropped.
const MAX_WORDS: usize = 200;
/// How many times a mention in the first sentence counts.
pub const FIRST_WEIGHT: f32 = 2.0;

/// Where a mention stands in its document.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Zone {
    /// The first sentence: the headline when the text opens with it, else the lead's opening.
    First,
    /// Anywhere else.
    #[default]
    Later,
}

const KINDS: usize = 3;

fn kind_index(k: EntityType) -> Option<usize> {
    match k {
        EntityType::PER => Some(0),
        EntityType::ORG => Some(1),
        EntityType::LOC => Some(2),
        EntityType::MISC => None,
    }
}

/// One name of a document (all the mentions whose names share a word): its words and weight.
#[derive(Clone, Debug, Default)]
struct Name {
    words: Vec<u64>,
    weight: f32,
    /// Whether a mention gives it in full (two words or more): a person is named in full at
    /// least once, a tagger's stray "Chiefs" or "Surgeon" seldom.
    full: bool,
    /// The last word of its first full mention: what a story counts it by, so that a first name
    /// alone ("Ola" of "Ola Brandt") is never a participant of its own.
    head: u64,
}

/// A document's names by kind.
#[derive(Clone, Debug, Default)]
pub struct Participants {
    names: [Vec<Name>; KINDS],
    /// Sum of the weights of each kind.
    total: [f32; KINDS],
}

/// The hashes of a name's words that can tell names apart (folded, at least three letters, no
/// function words), sorted and deduplicated.
/// Also gives the hash of the last such word, the name's head ("Brandt" of "Ola Brandt").
fn name_words(name: &str, buf: &mut String) -> (Vec<u64>, Option<u64>) {
    let mut out: Vec<u64> = words(name)
        .filter_map(|(a, b)| {
            fold_into(&name[a..b], buf);
            (buf.chars().count() >= 3 && !is_stopword(buf))
                .then(|| xxh3_64(fold_suffix(buf).as_bytes()))
        })
        .collect();
    let head = out.last().copied();
    out.sort_unstable();
    out.dedup();
    (out, head)
}

fn meets(a: &[u64], b: &[u64]) -> bool {
    a.iter().any(|w| b.binary_search(w).is_ok())
}

impl Participants {
    /// From the names of a document's mentions (`names[i]` of kind `kinds[i]` in `zones[i]`).
    pub fn of(names: &[&str], kinds: &[Option<EntityType>], zones: &[Zone]) -> Participants {
        let mut buf = String::new();
        let mut p = Participants::default();
        for (i, name) in names.iter().enumerate() {
            let Some(k) = kinds.get(i).copied().flatten().and_then(kind_index) else {
                continue;
            };
            let (w, Some(head)) = name_words(name, &mut buf) else {
                continue;
            };
            let weight = if zones.get(i) == Some(&Zone::First) {
                FIRST_WEIGHT
            } else {
                1.0
            };
            p.total[k] += weight;
            let full = w.len() >= 2;
            match p.names[k].iter_mut().find(|n| meets(&n.words, &w)) {
                Some(n) => {
                    n.weight += weight;
                    if full && !n.full {
                        n.head = head;
                    }
                    n.full |= full;
                    n.words.extend_from_slice(&w);
                    n.words.sort_unstable();
                    n.words.dedup();
                }
                None => p.names[k].push(Name {
                    words: w,
                    weight,
                    full,
                    head,
                }),
            }
        }
        p
    }

    /// The share of the document's mentions of kind `k` that the name holding `word` has.
    fn share_of_word(&self, k: usize, word: u64) -> f32 {
        let total = self.total[k];
        self.names[k]
            .iter()
            .find(|n| n.words.binary_search(&word).is_ok())
            .map_or(0.0, |n| n.weight / total)
    }

    /// The most mentioned name of kind `k` (the earliest among equals).
    fn protagonist(&self, k: usize) -> Option<&Name> {
        self.names[k]
            .iter()
            .rev()
            .max_by(|a, b| a.weight.total_cmp(&b.weight))
    }
}

/// The thresholds of [`Cast::conflicts`].
#[derive(Clone, Copy, Debug)]
pub struct Test<'a> {
    pub kinds: &'a [EntityType],
    pub mentions: f32,
    pub dominant: f32,
    pub minor: f32,
}

/// A story's names: per kind, the summed share of each name head over the members.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Cast {
    members: u32,
    /// Per kind, (head word hash, summed share), sorted by hash.
    words: [Vec<(u64, f32)>; KINDS],
}

impl Cast {
    /// Counts a new member in.
    pub fn add(&mut self, p: &Participants) {
        self.members += 1;
        for k in 0..KINDS {
            if p.total[k] <= 0.0 {
                continue;
            }
            let mut add: Vec<(u64, f32)> = p.names[k]
                .iter()
                .filter(|n| n.full)
                .map(|n| (n.head, n.weight / p.total[k]))
                .collect();
            add.sort_unstable_by_key(|x| x.0);
            add.dedup_by_key(|x| x.0);
            let mut merged = crate::cluster::add_sorted(&self.words[k], &add);
            crate::cluster::keep_heaviest(&mut merged, MAX_WORDS);
            self.words[k] = merged;
        }
    }

    /// Counts the members of another story's cast in (two stories merged).
    pub fn merge(&mut self, other: &Cast) {
        self.members += other.members;
        for k in 0..KINDS {
            let mut merged = crate::cluster::add_sorted(&self.words[k], &other.words[k]);
            crate::cluster::keep_heaviest(&mut merged, MAX_WORDS);
            self.words[k] = merged;
        }
    }

    fn sum_of(&self, k: usize, word: u64) -> f32 {
        self.words[k]
            .binary_search_by_key(&word, |x| x.0)
            .map_or(0.0, |i| self.words[k][i].1)
    }

    /// Whether the document's main event has other participants than the story's: for a kind of
    /// `t.kinds`, both sides have key participants (the document's given in full, at least
    /// `t.mentions` times, first-sentence mentions counted [`FIRST_WEIGHT`] times, and holding at
    /// least `t.dominant` of the document's mentions of its kind; the story's holding at least
    /// `t.dominant` on average), the protagonists differ, and a key participant of each side is
    /// at most a minor figure of the other (a share there at most `t.minor` times that of the
    /// other side's protagonist).
    pub fn conflicts(&self, p: &Participants, t: &Test) -> bool {
        self.compare(p, t) == Some(false)
    }

    /// `Some(false)` when [`Cast::conflicts`], `Some(true)` when for a kind of `t.kinds` both
    /// sides have a protagonist and it is the same name, `None` otherwise.
    pub fn compare(&self, p: &Participants, t: &Test) -> Option<bool> {
        if self.members == 0 {
            return None;
        }
        let members = self.members as f32;
        let mut same = false;
        for k in t.kinds.iter().filter_map(|&k| kind_index(k)) {
            let Some(pd) = p.protagonist(k).filter(|n| {
                n.full && n.weight >= t.mentions && n.weight >= t.dominant * p.total[k]
            }) else {
                continue;
            };
            let Some(&(top, top_sum)) = self.words[k]
                .iter()
                .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)))
            else {
                continue;
            };
            if top_sum < t.dominant * members {
                continue;
            }
            // the same protagonist, unless another key participant differs (the champion's
            // fight against another challenger)
            same |= pd.words.binary_search(&top).is_ok();
            let share = pd.weight / p.total[k];
            // every name holding `dominant` of its side is a key participant: a fight or a
            // meeting has two
            let new_to_story = p.names[k].iter().any(|n| {
                n.full
                    && n.weight >= t.mentions
                    && n.weight >= t.dominant * p.total[k]
                    && n.words
                        .iter()
                        .map(|&w| self.sum_of(k, w))
                        .fold(0.0f32, f32::max)
                        <= t.minor * top_sum
            });
            let new_to_document = self.words[k].iter().any(|&(w, sum)| {
                sum >= t.dominant * members && p.share_of_word(k, w) <= t.minor * share
            });
            if new_to_story && new_to_document {
                return Some(false);
            }
        }
        same.then_some(true)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use EntityType::*;
    use Zone::*;

    fn doc(names: &[(&str, EntityType, Zone)]) -> Participants {
        let n: Vec<&str> = names.iter().map(|x| x.0).collect();
        let k: Vec<Option<EntityType>> = names.iter().map(|x| Some(x.1)).collect();
        let z: Vec<Zone> = names.iter().map(|x| x.2).collect();
        Participants::of(&n, &k, &z)
    }

    fn test(kinds: &[EntityType]) -> Test<'_> {
        Test {
            kinds,
            mentions: 3.0,
            dominant: 0.3,
            minor: 0.34,
        }
    }

    #[test]
    fn another_protagonist_conflicts_and_another_spelling_does_not() {
        let mut cast = Cast::default();
        for _ in 0..3 {
            cast.add(&doc(&[
                ("Ola Brandt", PER, First),
                ("Brandt", PER, Later),
                ("Brandt", PER, Later),
                ("Kai Lund", PER, Later),
                ("Portavia Rovers", ORG, First),
            ]));
        }
        let kinds = [PER, ORG];
        // another man is the protagonist; Brandt is named once, in passing
        let other = doc(&[
            ("Ivo Sand", PER, First),
            ("Sand", PER, Later),
            ("Ivo Sand", PER, Later),
            ("Ola Brandt", PER, Later),
            ("Portavia Rovers", ORG, Later),
        ]);
        assert!(cast.conflicts(&other, &test(&kinds)));
        // Brandt as much as Sand: the same happening told with another voice
        let both = doc(&[
            ("Ivo Sand", PER, First),
            ("Sand", PER, Later),
            ("Brandt", PER, First),
            ("Brandt", PER, Later),
        ]);
        assert!(!cast.conflicts(&both, &test(&kinds)));
        // a short form of the same name
        let short = doc(&[("Brandt", PER, First), ("Brandt", PER, Later)]);
        assert!(!cast.conflicts(&short, &test(&kinds)));
        // a protagonist named too rarely to tell
        let rare = doc(&[("Ivo Sand", PER, Later), ("Portavia", LOC, First)]);
        assert!(!cast.conflicts(&rare, &test(&kinds)));
        // kinds not asked about
        assert!(!cast.conflicts(&other, &test(&[LOC])));
        assert!(!Cast::default().conflicts(&other, &test(&kinds)));
    }

    #[test]
    fn another_opponent_conflicts() {
        let fight = |opponent: &'static str| {
            doc(&[
                ("Ola Brandt", PER, First),
                (opponent, PER, First),
                ("Brandt", PER, Later),
                (opponent, PER, Later),
            ])
        };
        let mut cast = Cast::default();
        cast.add(&fight("Ivo Sand"));
        cast.add(&fight("Ivo Sand"));
        assert!(cast.conflicts(&fight("Kai Lund"), &test(&[PER])));
        assert!(!cast.conflicts(&fight("Ivo Sand"), &test(&[PER])));
        // one word names nobody's protagonist
        let stray = doc(&[
            ("Rovers", PER, First),
            ("Rovers", PER, Later),
            ("Rovers", PER, Later),
        ]);
        assert_eq!(cast.compare(&stray, &test(&[PER])), None);
    }

    #[test]
    fn a_story_keeps_bounded_counts() {
        let mut cast = Cast::default();
        for i in 0..1000 {
            let name = format!("Name{i} Other{i}");
            cast.add(&doc(&[(&name, PER, First)]));
        }
        assert!(cast.words[0].len() <= MAX_WORDS);
        assert!(cast.words[0].windows(2).all(|w| w[0].0 < w[1].0));
    }
}
