//! Name-variant matching on labelled name pairs (the nomenklatura `cases.csv` layout:
//! `case_group,schema,name1,name2,is_match,...`): precision, recall and F1 of match decisions,
//! overall, per group and per schema; and an alias-cluster check on a list of variants of one name.

use std::collections::BTreeMap;

use serde::Serialize;

/// A CSV table: header and rows, fields unquoted.
#[derive(Clone, Debug, Default)]
pub struct Table {
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

impl Table {
    pub fn col(&self, name: &str) -> Option<usize> {
        self.header.iter().position(|h| h.trim() == name)
    }
}

/// Parses RFC 4180 CSV (quoted fields, doubled quotes, CRLF or LF, optional BOM).
pub fn parse_csv(text: &str) -> Result<Table, String> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut records: Vec<Vec<String>> = Vec::new();
    let mut rec: Vec<String> = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    let mut line = 1usize;
    let mut any = false;
    while let Some(c) = chars.next() {
        any = true;
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => quoted = false,
                '\n' => {
                    line += 1;
                    field.push(c);
                }
                _ => field.push(c),
            }
            continue;
        }
        match c {
            '"' if field.is_empty() => quoted = true,
            ',' => rec.push(std::mem::take(&mut field)),
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' => {
                rec.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut rec));
                line += 1;
                any = false;
            }
            _ => field.push(c),
        }
    }
    if quoted {
        return Err(format!("line {line}: unterminated quoted field"));
    }
    if any {
        rec.push(field);
        records.push(rec);
    }
    records.retain(|r| !(r.len() == 1 && r[0].trim().is_empty()));
    let mut it = records.into_iter();
    let header: Vec<String> = it
        .next()
        .ok_or("empty file (no header)")?
        .into_iter()
        .map(|h| h.trim().to_string())
        .collect();
    let rows: Vec<Vec<String>> = it.collect();
    for (i, r) in rows.iter().enumerate() {
        if r.len() > header.len() {
            return Err(format!("row {}: more fields than the header has", i + 2));
        }
    }
    Ok(Table { header, rows })
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// The table with extra columns appended, as CSV text.
pub fn write_csv(t: &Table, extra_header: &[&str], extra: &[Vec<String>]) -> String {
    let mut out = String::new();
    let line = |cells: Vec<String>, out: &mut String| {
        out.push_str(
            &cells
                .iter()
                .map(|c| csv_field(c))
                .collect::<Vec<_>>()
                .join(","),
        );
        out.push('\n');
    };
    let mut h = t.header.clone();
    h.extend(extra_header.iter().map(|s| s.to_string()));
    line(h, &mut out);
    for (i, r) in t.rows.iter().enumerate() {
        let mut cells = r.clone();
        cells.resize(t.header.len(), String::new());
        cells.extend(extra.get(i).cloned().unwrap_or_default());
        line(cells, &mut out);
    }
    out
}

/// A boolean as the scorers read it: true/false, 1/0, yes/no, t/f, y/n.
pub fn parse_bool(v: &str) -> Option<bool> {
    match v.trim().to_ascii_lowercase().as_str() {
        "true" | "1" | "yes" | "t" | "y" => Some(true),
        "false" | "0" | "no" | "f" | "n" => Some(false),
        _ => None,
    }
}

/// One labelled pair.
#[derive(Clone, Debug)]
pub struct Pair {
    pub name1: String,
    pub name2: String,
    pub is_match: bool,
    pub group: String,
    pub schema: String,
    /// Strength of the label (STRONG/MEDIUM/WEAK) when the file gives one.
    pub quality: String,
}

/// The pairs of a gold table, in order.
pub fn pairs(t: &Table) -> Result<Vec<Pair>, String> {
    let need = |c: &str| {
        t.col(c)
            .ok_or_else(|| format!("no {c:?} column (header: {})", t.header.join(", ")))
    };
    let (c1, c2, cm) = (need("name1")?, need("name2")?, need("is_match")?);
    let cg = t.col("case_group").or_else(|| t.col("group"));
    let cs = t.col("schema");
    let cq = t.col("quality");
    let get = |r: &Vec<String>, c: usize| r.get(c).cloned().unwrap_or_default();
    t.rows
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let m = get(r, cm);
            Ok(Pair {
                name1: get(r, c1),
                name2: get(r, c2),
                is_match: parse_bool(&m)
                    .ok_or_else(|| format!("row {}: is_match {m:?} is not a boolean", i + 2))?,
                group: cg.map(|c| get(r, c)).unwrap_or_default(),
                schema: cs.map(|c| get(r, c)).unwrap_or_default(),
                quality: cq.map(|c| get(r, c)).unwrap_or_default(),
            })
        })
        .collect()
}

/// Confusion counts and the scores derived from them (positive class = match).
#[derive(Clone, Debug, Default, Serialize)]
pub struct Confusion {
    pub n: usize,
    pub tp: usize,
    pub fp: usize,
    #[serde(rename = "fn")]
    pub fn_: usize,
    pub tn: usize,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    pub accuracy: f64,
}

impl Confusion {
    pub fn of(pairs: impl IntoIterator<Item = (bool, bool)>) -> Confusion {
        let mut c = Confusion::default();
        for (g, p) in pairs {
            match (g, p) {
                (true, true) => c.tp += 1,
                (false, true) => c.fp += 1,
                (true, false) => c.fn_ += 1,
                (false, false) => c.tn += 1,
            }
        }
        let div = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
        c.n = c.tp + c.fp + c.fn_ + c.tn;
        c.precision = div(c.tp, c.tp + c.fp);
        c.recall = div(c.tp, c.tp + c.fn_);
        c.f1 = if c.precision + c.recall > 0.0 {
            2.0 * c.precision * c.recall / (c.precision + c.recall)
        } else {
            0.0
        };
        c.accuracy = div(c.tp + c.tn, c.n);
        c
    }
}

/// Scores of a run over the pairs.
#[derive(Clone, Debug, Serialize)]
pub struct Report {
    #[serde(flatten)]
    pub all: Confusion,
    pub by_group: BTreeMap<String, Confusion>,
    pub by_schema: BTreeMap<String, Confusion>,
    /// By label strength; empty when the file has no `quality` column.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub by_quality: BTreeMap<String, Confusion>,
}

/// Scores decisions `pred[i]` against `gold[i]`.
pub fn score(gold: &[Pair], pred: &[bool]) -> Report {
    let mut groups: BTreeMap<String, Vec<(bool, bool)>> = BTreeMap::new();
    let mut schemas: BTreeMap<String, Vec<(bool, bool)>> = BTreeMap::new();
    let mut qualities: BTreeMap<String, Vec<(bool, bool)>> = BTreeMap::new();
    for (g, &p) in gold.iter().zip(pred) {
        if !g.quality.is_empty() {
            qualities
                .entry(g.quality.clone())
                .or_default()
                .push((g.is_match, p));
        }
        groups
            .entry(g.group.clone())
            .or_default()
            .push((g.is_match, p));
        schemas
            .entry(g.schema.clone())
            .or_default()
            .push((g.is_match, p));
    }
    Report {
        all: Confusion::of(gold.iter().zip(pred).map(|(g, &p)| (g.is_match, p))),
        by_group: groups
            .into_iter()
            .map(|(k, v)| (k, Confusion::of(v)))
            .collect(),
        by_schema: schemas
            .into_iter()
            .map(|(k, v)| (k, Confusion::of(v)))
            .collect(),
        by_quality: qualities
            .into_iter()
            .map(|(k, v)| (k, Confusion::of(v)))
            .collect(),
    }
}

/// How well a matcher holds the variants of one name together.
#[derive(Clone, Debug, Serialize)]
pub struct ClusterReport {
    pub variants: usize,
    /// Fraction of all variant pairs judged the same.
    pub pairwise_recall: f64,
    /// Fraction of the variants in the largest group that single-link matching forms.
    pub largest_cluster_recall: f64,
    /// Number of groups single-link matching forms (1 is perfect).
    pub clusters: usize,
    /// The variants outside the largest group.
    pub outside: Vec<String>,
}

/// Checks an alias list (one variant per line) with a pairwise decision function.
pub fn alias_cluster(variants: &[String], same: impl Fn(usize, usize) -> bool) -> ClusterReport {
    let n = variants.len();
    let mut parent: Vec<usize> = (0..n).collect();
    fn find(p: &mut [usize], mut x: usize) -> usize {
        while p[x] != x {
            p[x] = p[p[x]];
            x = p[x];
        }
        x
    }
    let mut hits = 0usize;
    for i in 0..n {
        for j in i + 1..n {
            if same(i, j) {
                hits += 1;
                let (a, b) = (find(&mut parent, i), find(&mut parent, j));
                parent[a] = b;
            }
        }
    }
    let mut sizes: BTreeMap<usize, usize> = BTreeMap::new();
    for i in 0..n {
        *sizes.entry(find(&mut parent, i)).or_default() += 1;
    }
    let (big, size) = sizes
        .iter()
        .max_by_key(|(k, v)| (**v, std::cmp::Reverse(**k)))
        .map(|(k, v)| (*k, *v))
        .unwrap_or((0, 0));
    let pairs = n * n.saturating_sub(1) / 2;
    ClusterReport {
        variants: n,
        pairwise_recall: if pairs == 0 {
            0.0
        } else {
            hits as f64 / pairs as f64
        },
        largest_cluster_recall: if n == 0 { 0.0 } else { size as f64 / n as f64 },
        clusters: sizes.len(),
        outside: (0..n)
            .filter(|&i| find(&mut parent, i) != big)
            .map(|i| variants[i].clone())
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_round_trip_with_quotes() {
        let t = parse_csv("a,b,is_match\r\n\"x, y\",\"say \"\"hi\"\"\",true\n").unwrap();
        assert_eq!(t.rows[0], vec!["x, y", "say \"hi\"", "true"]);
        let out = write_csv(&t, &["score"], &[vec!["0.5".into()]]);
        assert_eq!(
            out,
            "a,b,is_match,score\n\"x, y\",\"say \"\"hi\"\"\",true,0.5\n"
        );
        assert!(parse_csv("a\n\"open").is_err());
        assert!(parse_csv("").is_err());
    }

    #[test]
    fn confusion_scores() {
        let c = Confusion::of([(true, true), (true, false), (false, true), (false, false)]);
        assert_eq!((c.tp, c.fp, c.fn_, c.tn), (1, 1, 1, 1));
        assert!((c.f1 - 0.5).abs() < 1e-12);
    }

    #[test]
    fn cluster_of_variants() {
        let v: Vec<String> = ["a", "a2", "b"].iter().map(|s| s.to_string()).collect();
        let r = alias_cluster(&v, |i, j| v[i].starts_with('a') && v[j].starts_with('a'));
        assert_eq!(r.clusters, 2);
        assert_eq!(r.outside, vec!["b"]);
    }
}
