//! Trains a learned link scorer (`StoryConfig::link_model`) on simulated arrivals of the
//! documents `dossier eval stories --dump FILE` wrote (with their gold story), and measures what
//! the join decision could gain.
//!
//! The documents of one half (`--half odd|even|all` topics) arrive in `--orders` shuffled orders
//! (seeds 1001 on, not those `orders` scores with). At each arrival every candidate story the
//! inverted index finds is a training example, labelled by whether the story's most common gold
//! story is the document's. A document's candidates form one group: the scorer is a conditional
//! logit over "join candidate i" (score `w · features`) and "open a new story" (score 0), trained
//! to give the right options (the candidates of the document's gold story, or a new story when
//! none is) the most probability, with an L2 penalty; with `--join-only`, a logistic regression
//! on the rules' first candidate only (join it or open a new story). The first round follows the
//! rules' decisions; each further round (`--rounds`) follows the scorer learned so far (its
//! mistakes then make the stories the next arrivals meet), and the groups of all rounds are
//! pooled. `--search SWEEPS` then moves each weight in turn while the mean B-cubed F1 over the
//! training orders rises (`--init rules` starts from the rules written as weights).
//!
//!     cargo run --release -p dossier-stories --example link -- dump.jsonl --half odd --orders 8 --rounds 3
//!
//! prints the weights as a `StoryConfig` override to score with the `orders` example on the
//! other half. `--veto T,...` scores the rules' choices vetoed where the learned scorer gives
//! them less than T, on both halves; `--oracle top|any` scores (on the `orders` seeds) a
//! decision by the gold stories: joining the rules' first candidate only when it is right, or
//! the right candidate the rules score highest; `--diagnose` prints the wrong decisions with
//! their candidates' features. Session 11's figures are in ARCHITECTURE.md (Stories): no
//! learned scorer beat the rules.

#[path = "shared/dump.rs"]
mod dump;
#[allow(dead_code)]
#[path = "shared/ecb.rs"]
mod ecb;
#[path = "shared/shuffle.rs"]
mod shuffle;
use ecb::{load, scores, topic, Doc};
use shuffle::shuffled;

use std::collections::HashMap;

use dossier_stories::{Candidate, StoryConfig, StoryIndex, LINK_FEATURES, LINK_FEATURE_NAMES};

/// One arrival: its candidates' features and whether each is right.
struct Group {
    features: Vec<[f64; LINK_FEATURES]>,
    right: Vec<bool>,
    /// The rules' scores.
    rules: Vec<f64>,
}

/// Share of the groups whose decision (the highest score if it reaches `t`, else a new story;
/// with `join_only`, the rules' first candidate if its score reaches `t`) is right, by `score`.
fn accuracy(
    groups: &[Group],
    score: &dyn Fn(&Group, usize) -> f64,
    t: f64,
    join_only: bool,
) -> f64 {
    let ok = groups
        .iter()
        .filter(|g| {
            let best = if join_only {
                top(&g.rules).filter(|&i| score(g, i) >= t)
            } else {
                (0..g.right.len())
                    .map(|i| (i, score(g, i)))
                    .filter(|x| x.1 >= t)
                    .max_by(|a, b| a.1.total_cmp(&b.1))
                    .map(|x| x.0)
            };
            match best {
                Some(i) => g.right[i],
                None => !g.right.iter().any(|&r| r),
            }
        })
        .count();
    ok as f64 / groups.len().max(1) as f64
}

/// What the command line asks for besides the data.
#[derive(Default)]
struct Opts {
    /// Learn only whether a document joins the rules' first candidate (a logistic regression
    /// on that candidate), rather than which candidate it joins.
    join_only: bool,
    /// Decide by the gold stories instead: `top` joins the rules' first candidate only when it
    /// is right, `any` the right candidate the rules score highest.
    oracle: Option<String>,
    /// Print the wrong decisions with their candidates' features.
    diagnose: bool,
    /// Weigh a group by the size of its largest candidate story to this power.
    weight_power: f64,
    /// Join the candidate the rules choose unless the learned scorer gives it less than this.
    veto: Option<(Vec<f64>, f64)>,
}

/// Simulates the arrival of `docs` in `order` under `config`, collecting one group per arrival
/// with candidates and the story of each document; gives how many arrivals the decision got
/// right.
fn simulate(
    docs: &[&Doc],
    order: &[usize],
    config: &StoryConfig,
    opts: &Opts,
    out: &mut Vec<Group>,
    pred: &mut [u32],
) -> usize {
    let mut index = StoryIndex::new(config.clone());
    // gold story counts per predicted story
    let mut members: HashMap<u32, HashMap<&str, usize>> = HashMap::new();
    let mut right_choices = 0;
    for &i in order {
        let d = docs[i];
        let gold = d.gold.as_str();
        let majority = |s: u32| -> Option<&str> {
            members.get(&s).and_then(|m| {
                m.iter()
                    .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
                    .map(|(g, _)| *g)
            })
        };
        let mut choose = |index: &StoryIndex, cands: &[Candidate]| {
            let right: Vec<bool> = cands
                .iter()
                .map(|c| majority(c.story) == Some(gold))
                .collect();
            let mut pick = index.choose(cands).map(|b| b.0);
            match opts.oracle.as_deref() {
                Some("top") => {
                    pick = top(&cands.iter().map(|c| c.rules).collect::<Vec<_>>())
                        .filter(|&i| right[i])
                        .map(|i| cands[i].story)
                }
                Some("any") => {
                    let scores: Vec<f64> = cands
                        .iter()
                        .zip(&right)
                        .map(|(c, &r)| if r { c.rules } else { f64::NEG_INFINITY })
                        .collect();
                    pick = top(&scores).filter(|&i| right[i]).map(|i| cands[i].story)
                }
                _ => {}
            }
            if let Some((w, t)) = &opts.veto {
                pick = pick.filter(|&s| {
                    cands
                        .iter()
                        .find(|c| c.story == s)
                        .is_some_and(|c| c.link_score(w) >= *t)
                });
            }
            let ok = match pick {
                Some(s) => cands.iter().zip(&right).any(|(c, &r)| c.story == s && r),
                None => !right.iter().any(|&r| r),
            };
            right_choices += ok as usize;
            if !ok && opts.diagnose {
                let show = |c: &Candidate| {
                    let f: Vec<String> = c.features.iter().map(|x| format!("{x:.2}")).collect();
                    let members = index.story(c.story).map_or(&[][..], |s| &s.documents[..]);
                    format!(
                        "story {} ({}, {:?}) rules {:.3} [{}] {}",
                        c.story,
                        members.len(),
                        majority(c.story),
                        c.rules,
                        f.join(" "),
                        members[..members.len().min(4)].join(",")
                    )
                };
                eprintln!(
                    "WRONG {gold} {} {:?}: {}",
                    d.id,
                    pick,
                    d.title.as_deref().unwrap_or("")
                );
                for (c, r) in cands.iter().zip(&right) {
                    eprintln!("   {} {}", if *r { "+" } else { "-" }, show(c));
                }
            }
            if !cands.is_empty() {
                out.push(Group {
                    features: cands.iter().map(|c| c.features).collect(),
                    right,
                    rules: cands.iter().map(|c| c.rules).collect(),
                });
            }
            pick
        };
        let s = index.add_document_with(&d.input(), &d.doc, &mut choose);
        pred[i] = s;
        *members.entry(s).or_default().entry(gold).or_default() += 1;
    }
    right_choices
}

/// The index of the first highest score.
fn top(scores: &[f64]) -> Option<usize> {
    let mut best: Option<usize> = None;
    for (i, &s) in scores.iter().enumerate() {
        if best.is_none_or(|b| s > scores[b]) {
            best = Some(i);
        }
    }
    best
}

/// Mean negative log-likelihood of the groups and its gradient, plus the L2 penalty.
fn loss(groups: &[Group], w: &[f64], l2: f64, opts: &Opts) -> (f64, Vec<f64>) {
    let mut grad = vec![0.0; LINK_FEATURES];
    let mut total = 0.0;
    let mut n = 0.0;
    for g in groups {
        if opts.join_only {
            // the rules' first candidate: join it or not
            let Some(i) = top(&g.rules) else { continue };
            let x = &g.features[i];
            let s: f64 = w.iter().zip(x).map(|(w, x)| w * x).sum();
            let p = 1.0 / (1.0 + (-s).exp());
            let y = if g.right[i] { 1.0 } else { 0.0 };
            total -= y * p.max(1e-12).ln() + (1.0 - y) * (1.0 - p).max(1e-12).ln();
            n += 1.0;
            for k in 0..LINK_FEATURES {
                grad[k] += (p - y) * x[k];
            }
            continue;
        }
        // a decision about a larger story weighs more in B-cubed
        let members = g
            .features
            .iter()
            .map(|x| x[15].exp() - 1.0)
            .fold(1.0f64, f64::max);
        let weight = members.powf(opts.weight_power);
        n += weight;
        let scores: Vec<f64> = g
            .features
            .iter()
            .map(|x| w.iter().zip(x).map(|(w, x)| w * x).sum())
            .collect();
        // the new story scores 0
        let m = scores.iter().copied().fold(0.0f64, f64::max);
        let z_new = (-m).exp();
        let exps: Vec<f64> = scores.iter().map(|s| (s - m).exp()).collect();
        let z: f64 = z_new + exps.iter().sum::<f64>();
        let any_right = g.right.iter().any(|&r| r);
        let z_right: f64 = if any_right {
            exps.iter()
                .zip(&g.right)
                .filter(|x| *x.1)
                .map(|x| x.0)
                .sum()
        } else {
            z_new
        };
        total += weight * (z.ln() - z_right.ln());
        for (i, x) in g.features.iter().enumerate() {
            let p = exps[i] / z;
            let q = if g.right[i] { exps[i] / z_right } else { 0.0 };
            for k in 0..LINK_FEATURES {
                grad[k] += weight * (p - q) * x[k];
            }
        }
    }
    let n = if n > 0.0 { n } else { 1.0 };
    for (k, g) in grad.iter_mut().enumerate() {
        *g = *g / n + if k > 0 { l2 * w[k] } else { 0.0 };
    }
    let penalty: f64 = w.iter().skip(1).map(|w| w * w).sum::<f64>() * l2 / 2.0;
    (total / n + penalty, grad)
}

/// Adam on the full batch, from `w`.
fn train(groups: &[Group], mut w: Vec<f64>, l2: f64, steps: usize, opts: &Opts) -> (Vec<f64>, f64) {
    let (mut m, mut v) = (vec![0.0; LINK_FEATURES], vec![0.0; LINK_FEATURES]);
    let (b1, b2, lr) = (0.9f64, 0.999f64, 0.05);
    let mut last = 0.0;
    for t in 1..=steps {
        let (l, g) = loss(groups, &w, l2, opts);
        last = l;
        for k in 0..LINK_FEATURES {
            m[k] = b1 * m[k] + (1.0 - b1) * g[k];
            v[k] = b2 * v[k] + (1.0 - b2) * g[k] * g[k];
            let mh = m[k] / (1.0 - b1.powi(t as i32));
            let vh = v[k] / (1.0 - b2.powi(t as i32));
            w[k] -= lr * mh / (vh.sqrt() + 1e-8);
        }
    }
    (w, last)
}

/// The rules as a link scorer: the logarithm of the likeness times the factors, against that of
/// the threshold (exact but for a document whose lead names both other dates and other days of
/// the year, which the rules count once).
fn rules_point(c: &StoryConfig) -> Vec<f64> {
    let mut w = vec![0.0; LINK_FEATURES];
    let mut set = |name: &str, x: f64| {
        let k = LINK_FEATURE_NAMES.iter().position(|n| *n == name).unwrap();
        w[k] = x;
    };
    set("bias", -c.threshold.ln());
    set("ln_likeness", 1.0);
    set("unanchored", c.unanchored.ln());
    for n in [
        "interview_mismatch",
        "lead_dates_apart",
        "lead_seasons_apart",
    ] {
        set(n, c.other_event.ln());
    }
    set("same_participants", c.same_participants.ln());
    set("other_participants", c.other_participants.ln());
    set("contrast", c.contrast.ln());
    w
}

/// Mean B-cubed F1 of the clustering of `docs` over the training orders.
fn mean_b3(docs: &[&Doc], gold: &[usize], config: &StoryConfig, orders: u64) -> f64 {
    let mut sum = 0.0;
    for seed in 1..=orders {
        let order = shuffled(docs.len(), 1000 + seed);
        let mut index = StoryIndex::new(config.clone());
        let mut pred = vec![0; docs.len()];
        for &i in &order {
            pred[i] = index.add_document(&docs[i].input(), &docs[i].doc);
        }
        sum += scores(gold, &pred).2;
    }
    sum / orders.max(1) as f64
}

/// Coordinate ascent of the mean B-cubed F1 over the training orders, from `w`: each weight in
/// turn moves by each step (up and down) while that raises the mean.
fn search(
    docs: &[&Doc],
    gold: &[usize],
    base: &StoryConfig,
    mut w: Vec<f64>,
    orders: u64,
    sweeps: usize,
) -> Vec<f64> {
    let eval = |w: &[f64]| {
        let config = StoryConfig {
            link_model: w.to_vec(),
            ..base.clone()
        };
        mean_b3(docs, gold, &config, orders)
    };
    let mut best = eval(&w);
    eprintln!("search: start {best:.4}");
    for sweep in 0..sweeps {
        let step = [0.4, 0.2, 0.1][sweep.min(2)];
        for k in 0..LINK_FEATURES {
            for dir in [1.0, -1.0] {
                loop {
                    let mut t = w.clone();
                    t[k] += dir * step;
                    let f = eval(&t);
                    if f > best + 1e-4 {
                        best = f;
                        w = t;
                        eprintln!("  {} {:+.2} -> {best:.4}", LINK_FEATURE_NAMES[k], w[k]);
                    } else {
                        break;
                    }
                }
            }
        }
        eprintln!("search: sweep {sweep} {best:.4}");
    }
    w
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let usage = "usage: link DUMP.jsonl [--half all|odd|even] [--orders N] [--rounds R] [--l2 X] \
        [--steps N] [--base CONFIG_JSON] [--init zero|rules] [--search SWEEPS] [--join-only] \
        [--oracle top|any] [--diagnose] [--weight-power P]";
    let path = args.next().ok_or(usage)?;
    let (mut half, mut orders, mut rounds, mut l2, mut steps) =
        ("all".to_string(), 8u64, 3usize, 1e-3f64, 1500usize);
    let mut base = "{}".to_string();
    let (mut sweeps, mut init) = (0usize, "zero".to_string());
    let mut opts = Opts::default();
    let mut vetoes: Vec<f64> = Vec::new();
    while let Some(a) = args.next() {
        let mut val = || args.next().ok_or(usage);
        match a.as_str() {
            "--half" => half = val()?,
            "--orders" => orders = val()?.parse()?,
            "--rounds" => rounds = val()?.parse()?,
            "--l2" => l2 = val()?.parse()?,
            "--steps" => steps = val()?.parse()?,
            "--base" => base = val()?,
            "--search" => sweeps = val()?.parse()?,
            "--init" => init = val()?,
            "--join-only" => opts.join_only = true,
            "--oracle" => opts.oracle = Some(val()?),
            "--diagnose" => opts.diagnose = true,
            "--weight-power" => opts.weight_power = val()?.parse()?,
            "--veto" => {
                vetoes = val()?
                    .split(',')
                    .map(|x| x.trim().parse())
                    .collect::<Result<_, _>>()?
            }
            _ => return Err(usage.into()),
        }
    }
    let all = load(&path)?;
    let (docs, gold) = ecb::half(&all, &half);
    let mut config: StoryConfig = serde_json::from_str(&base)?;
    if opts.oracle.is_some() {
        // the B-cubed F1 of an oracle decision over the candidates, on the scoring orders
        let mut sum = 0.0;
        for seed in 1..=orders {
            let order = shuffled(docs.len(), seed);
            let mut pred = vec![0; docs.len()];
            simulate(&docs, &order, &config, &opts, &mut Vec::new(), &mut pred);
            sum += scores(&gold, &pred).2;
        }
        println!("oracle B3 {:.4}", sum / orders as f64);
        return Ok(());
    }
    config.link_join_only |= opts.join_only;
    config.link_model.clear();
    let mut groups = Vec::new();
    let mut w = if init == "rules" {
        rules_point(&config)
    } else {
        vec![0.0; LINK_FEATURES]
    };
    for round in 0..rounds {
        let mut right = 0;
        let mut arrivals = 0;
        for seed in 1..=orders {
            let order = shuffled(docs.len(), 1000 + seed);
            let mut pred = vec![0; docs.len()];
            right += simulate(&docs, &order, &config, &opts, &mut groups, &mut pred);
            arrivals += docs.len();
        }
        let (nw, l) = train(&groups, w, l2, steps, &opts);
        w = nw;
        eprintln!(
            "round {round}: decisions right {:.4} ({} groups pooled), loss {l:.4}",
            right as f64 / arrivals as f64,
            groups.len()
        );
        let rules_t = config.threshold;
        eprintln!(
            "  offline decisions right: rules {:.4}, learned {:.4}",
            accuracy(&groups, &|g, i| g.rules[i], rules_t, false),
            accuracy(
                &groups,
                &|g, i| g.features[i].iter().zip(&w).map(|(x, w)| x * w).sum(),
                config.link_threshold,
                opts.join_only
            )
        );
        config.link_model = w.clone();
    }
    if sweeps > 0 {
        let rules = StoryConfig {
            link_model: Vec::new(),
            ..config.clone()
        };
        eprintln!("rules: {:.4}", mean_b3(&docs, &gold, &rules, orders));
        w = search(&docs, &gold, &config, w, orders, sweeps);
    }
    // the rules' choices, each vetoed when the learned scorer gives it less than t: on both
    // halves (the one not trained on is held out), over the scoring orders
    for &t in &vetoes {
        for h in ["odd", "even"] {
            let part: Vec<&Doc> = all
                .iter()
                .filter(|d| topic(&d.gold).is_multiple_of(2) == (h == "even"))
                .collect();
            let mut ids: HashMap<&str, usize> = HashMap::new();
            let gold: Vec<usize> = part
                .iter()
                .map(|d| {
                    let n = ids.len();
                    *ids.entry(d.gold.as_str()).or_insert(n)
                })
                .collect();
            let rules = StoryConfig {
                link_model: Vec::new(),
                ..config.clone()
            };
            let veto = Opts {
                veto: Some((w.clone(), t)),
                ..Opts::default()
            };
            let mut sum = 0.0;
            for seed in 1..=16 {
                let order = shuffled(part.len(), seed);
                let mut pred = vec![0; part.len()];
                simulate(&part, &order, &rules, &veto, &mut Vec::new(), &mut pred);
                sum += scores(&gold, &pred).2;
            }
            eprintln!("veto {t}: {h} 16 orders B3 {:.4}", sum / 16.0);
        }
    }
    for (name, x) in LINK_FEATURE_NAMES.iter().zip(&w) {
        eprintln!("{name:>24} {x:+.4}");
    }
    let rounded: Vec<f64> = w.iter().map(|x| (x * 1e4).round() / 1e4).collect();
    if config.link_join_only {
        println!(
            "{{\"link_join_only\":true,\"link_model\":{}}}",
            serde_json::to_string(&rounded)?
        );
    } else {
        println!("{{\"link_model\":{}}}", serde_json::to_string(&rounded)?);
    }
    Ok(())
}
