//! BILOU labels and constrained Viterbi decoding.

use dossier_core::EntityType;

/// O, then B, I, L, U for each of PER, ORG, LOC, MISC.
pub const N_LABELS: usize = 17;

pub const LABEL_NAMES: [&str; N_LABELS] = [
    "O", "B-PER", "I-PER", "L-PER", "U-PER", "B-ORG", "I-ORG", "L-ORG", "U-ORG", "B-LOC", "I-LOC",
    "L-LOC", "U-LOC", "B-MISC", "I-MISC", "L-MISC", "U-MISC",
];

/// Position inside a name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pos {
    O,
    B,
    I,
    L,
    U,
}

pub fn label(pos: Pos, ty: usize) -> usize {
    match pos {
        Pos::O => 0,
        Pos::B => 1 + 4 * ty,
        Pos::I => 2 + 4 * ty,
        Pos::L => 3 + 4 * ty,
        Pos::U => 4 + 4 * ty,
    }
}

pub fn pos_of(l: usize) -> Pos {
    if l == 0 {
        return Pos::O;
    }
    match (l - 1) % 4 {
        0 => Pos::B,
        1 => Pos::I,
        2 => Pos::L,
        _ => Pos::U,
    }
}

/// Entity type index (0..4) of a non-O label.
pub fn type_of(l: usize) -> usize {
    (l.max(1) - 1) / 4
}

pub fn entity_type(ty: usize) -> EntityType {
    EntityType::ALL[ty.min(3)]
}

/// The type index (0..4) of a CoNLL type name; other names have none.
pub fn type_index(name: &str) -> Option<usize> {
    match name {
        "PER" => Some(0),
        "ORG" => Some(1),
        "LOC" => Some(2),
        "MISC" => Some(3),
        _ => None,
    }
}

/// May label `b` follow label `a`?
pub fn allowed(a: usize, b: usize) -> bool {
    match pos_of(a) {
        Pos::O | Pos::L | Pos::U => matches!(pos_of(b), Pos::O | Pos::B | Pos::U),
        Pos::B | Pos::I => matches!(pos_of(b), Pos::I | Pos::L) && type_of(a) == type_of(b),
    }
}

pub fn allowed_start(b: usize) -> bool {
    matches!(pos_of(b), Pos::O | Pos::B | Pos::U)
}

pub fn allowed_end(a: usize) -> bool {
    matches!(pos_of(a), Pos::O | Pos::L | Pos::U)
}

/// Name spans `(first, end, type)` of a label sequence (ill-formed runs are closed where they break).
pub fn spans(labels: &[usize]) -> Vec<(usize, usize, usize)> {
    let mut out = Vec::new();
    let mut open: Option<(usize, usize)> = None;
    for (i, &l) in labels.iter().enumerate() {
        let (p, ty) = (pos_of(l), type_of(l));
        if let Some((s, t)) = open {
            if matches!(p, Pos::I | Pos::L) && t == ty {
                if p == Pos::L {
                    out.push((s, i + 1, t));
                    open = None;
                }
                continue;
            }
            out.push((s, i, t));
            open = None;
        }
        match p {
            Pos::B | Pos::I => open = Some((i, ty)),
            Pos::L | Pos::U => out.push((i, i + 1, ty)),
            Pos::O => {}
        }
    }
    if let Some((s, t)) = open {
        out.push((s, labels.len(), t));
    }
    out
}

/// BILOU labels of name spans over `n` tokens.
pub fn labels_of_spans(n: usize, spans: &[(usize, usize, usize)]) -> Vec<usize> {
    let mut out = vec![0; n];
    for &(s, e, ty) in spans {
        if e <= s || e > n {
            continue;
        }
        if e - s == 1 {
            out[s] = label(Pos::U, ty);
        } else {
            out[s] = label(Pos::B, ty);
            for o in &mut out[s + 1..e - 1] {
                *o = label(Pos::I, ty);
            }
            out[e - 1] = label(Pos::L, ty);
        }
    }
    out
}

/// Transition scores: `trans[a * N + b]`, plus start and end scores.
#[derive(Clone, Debug)]
pub struct Transitions {
    pub trans: [f32; N_LABELS * N_LABELS],
    pub start: [f32; N_LABELS],
    pub end: [f32; N_LABELS],
}

impl Default for Transitions {
    fn default() -> Self {
        Transitions {
            trans: [0.0; N_LABELS * N_LABELS],
            start: [0.0; N_LABELS],
            end: [0.0; N_LABELS],
        }
    }
}

/// Reusable buffers for decoding.
#[derive(Default)]
pub struct Viterbi {
    delta: Vec<f32>,
    back: Vec<u8>,
    beta: Vec<f32>,
}

const NEG: f32 = f32::NEG_INFINITY;

impl Viterbi {
    /// The best allowed label sequence for `emit` (n × N scores); writes it to `out`.
    // Index loops read the lattice as written in the papers: label a to label b at step i.
    #[allow(clippy::needless_range_loop)]
    pub fn decode(&mut self, emit: &[f32], t: &Transitions, out: &mut Vec<usize>) {
        let n = emit.len() / N_LABELS;
        out.clear();
        if n == 0 {
            return;
        }
        self.delta.clear();
        self.delta.resize(n * N_LABELS, NEG);
        self.back.clear();
        self.back.resize(n * N_LABELS, 0);
        for b in 0..N_LABELS {
            if allowed_start(b) {
                self.delta[b] = t.start[b] + emit[b];
            }
        }
        for i in 1..n {
            let (prev, cur) = self.delta.split_at_mut(i * N_LABELS);
            let prev = &prev[(i - 1) * N_LABELS..];
            for b in 0..N_LABELS {
                let (mut best, mut arg) = (NEG, 0u8);
                for &a in PREDECESSORS[b].iter().take(N_PRED[b]) {
                    let a = a as usize;
                    let s = prev[a] + t.trans[a * N_LABELS + b];
                    if s > best {
                        best = s;
                        arg = a as u8;
                    }
                }
                cur[b] = best + emit[i * N_LABELS + b];
                self.back[i * N_LABELS + b] = arg;
            }
        }
        let last = &self.delta[(n - 1) * N_LABELS..];
        let (mut best, mut arg) = (NEG, 0usize);
        for a in 0..N_LABELS {
            if allowed_end(a) && last[a] != NEG && last[a] + t.end[a] > best {
                best = last[a] + t.end[a];
                arg = a;
            }
        }
        out.resize(n, 0);
        out[n - 1] = arg;
        for i in (1..n).rev() {
            out[i - 1] = self.back[i * N_LABELS + out[i]] as usize;
        }
    }

    /// After [`Viterbi::decode`]: for each token, the margin between the best path and the best
    /// path that gives the token another label (larger is surer).
    #[allow(clippy::needless_range_loop)]
    pub fn margins(&mut self, emit: &[f32], t: &Transitions, path: &[usize], out: &mut Vec<f32>) {
        let n = path.len();
        out.clear();
        if n == 0 {
            return;
        }
        // beta[i][a]: best score of tokens after i given label a at i.
        self.beta.clear();
        self.beta.resize(n * N_LABELS, NEG);
        for a in 0..N_LABELS {
            if allowed_end(a) {
                self.beta[(n - 1) * N_LABELS + a] = t.end[a];
            }
        }
        for i in (0..n - 1).rev() {
            for a in 0..N_LABELS {
                let mut best = NEG;
                for b in 0..N_LABELS {
                    let nb = self.beta[(i + 1) * N_LABELS + b];
                    if nb == NEG || !ALLOWED[a][b] {
                        continue;
                    }
                    best = best.max(t.trans[a * N_LABELS + b] + emit[(i + 1) * N_LABELS + b] + nb);
                }
                self.beta[i * N_LABELS + a] = best;
            }
        }
        for i in 0..n {
            let (mut chosen, mut other) = (NEG, NEG);
            for a in 0..N_LABELS {
                let s = self.delta[i * N_LABELS + a] + self.beta[i * N_LABELS + a];
                if a == path[i] {
                    chosen = s;
                } else {
                    other = other.max(s);
                }
            }
            out.push(if other == NEG {
                f32::INFINITY
            } else {
                chosen - other
            });
        }
    }
}

static ALLOWED: [[bool; N_LABELS]; N_LABELS] = {
    let mut m = [[false; N_LABELS]; N_LABELS];
    let mut a = 0;
    while a < N_LABELS {
        let mut b = 0;
        while b < N_LABELS {
            let pa = if a == 0 { 0 } else { (a - 1) % 4 + 1 };
            let pb = if b == 0 { 0 } else { (b - 1) % 4 + 1 };
            let same = a > 0 && b > 0 && (a - 1) / 4 == (b - 1) / 4;
            // pos codes: 0=O 1=B 2=I 3=L 4=U
            m[a][b] = match pa {
                0 | 3 | 4 => pb == 0 || pb == 1 || pb == 4,
                _ => (pb == 2 || pb == 3) && same,
            };
            b += 1;
        }
        a += 1;
    }
    m
};

/// For each label, the labels that may precede it (the first `N_PRED[b]` entries).
static PREDECESSORS: [[u8; N_LABELS]; N_LABELS] = {
    let mut m = [[0u8; N_LABELS]; N_LABELS];
    let mut b = 0;
    while b < N_LABELS {
        let (mut a, mut k) = (0, 0);
        while a < N_LABELS {
            if ALLOWED[a][b] {
                m[b][k] = a as u8;
                k += 1;
            }
            a += 1;
        }
        b += 1;
    }
    m
};

static N_PRED: [usize; N_LABELS] = {
    let mut n = [0usize; N_LABELS];
    let mut b = 0;
    while b < N_LABELS {
        let mut a = 0;
        while a < N_LABELS {
            if ALLOWED[a][b] {
                n[b] += 1;
            }
            a += 1;
        }
        b += 1;
    }
    n
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allowed_table_matches_rules() {
        for a in 0..N_LABELS {
            for b in 0..N_LABELS {
                assert_eq!(
                    ALLOWED[a][b],
                    allowed(a, b),
                    "{} -> {}",
                    LABEL_NAMES[a],
                    LABEL_NAMES[b]
                );
            }
        }
    }

    #[test]
    fn spans_round_trip() {
        let s = vec![(0, 2, 0), (2, 3, 2), (5, 8, 1)];
        let l = labels_of_spans(9, &s);
        assert_eq!(spans(&l), s);
    }

    #[test]
    fn viterbi_respects_constraints() {
        // Emissions prefer I-PER at token 0, which may not start a sentence.
        let mut emit = vec![0.0f32; 2 * N_LABELS];
        emit[label(Pos::I, 0)] = 5.0;
        emit[N_LABELS + label(Pos::L, 0)] = 5.0;
        emit[label(Pos::B, 0)] = 1.0;
        let mut v = Viterbi::default();
        let mut out = Vec::new();
        v.decode(&emit, &Transitions::default(), &mut out);
        assert_eq!(out, vec![label(Pos::B, 0), label(Pos::L, 0)]);
        let mut m = Vec::new();
        v.margins(&emit, &Transitions::default(), &out, &mut m);
        assert!(m.iter().all(|&x| x > 0.0));
    }
}
