//! Event records written out for other tools: JSON Lines and CSV (one event per line), and the
//! actor–actor event network as GraphML (for Gephi, yEd, networkx).

use std::collections::HashMap;
use std::io::{self, Write};

use crate::record::EventRecord;

/// One JSON object per line, in the record's field order.
pub fn write_jsonl(w: &mut dyn Write, records: &[EventRecord]) -> io::Result<()> {
    for r in records {
        serde_json::to_writer(&mut *w, r)?;
        w.write_all(b"\n")?;
    }
    Ok(())
}

const CSV_HEADER: [&str; 20] = [
    "id",
    "doc",
    "type",
    "mode",
    "source",
    "source_id",
    "target",
    "target_id",
    "date",
    "date_from",
    "location",
    "negated",
    "modality",
    "reported_by",
    "counts",
    "outcome",
    "start",
    "end",
    "sentence",
    "evidence",
];

/// RFC 4180 CSV with a header; `evidence` lists every report as `doc@start-end`, `;`-separated;
/// `counts` as `killed>=46;wounded=3`.
pub fn write_csv(w: &mut dyn Write, records: &[EventRecord]) -> io::Result<()> {
    write_row(w, CSV_HEADER.iter().copied())?;
    for r in records {
        let evidence = r
            .evidence
            .iter()
            .map(|e| format!("{}@{}-{}", e.doc, e.span.start, e.span.end))
            .collect::<Vec<_>>()
            .join(";");
        let (start, end) = (r.span.start.to_string(), r.span.end.to_string());
        let counts = r
            .counts
            .iter()
            .map(|c| {
                if c.high >= f64::MAX / 2.0 {
                    format!("{}>={}", c.measure, c.low)
                } else if c.low == c.high {
                    format!("{}={}", c.measure, c.low)
                } else {
                    format!("{}={}-{}", c.measure, c.low, c.high)
                }
            })
            .collect::<Vec<_>>()
            .join(";");
        let fields = [
            r.id.as_str(),
            &r.doc,
            &r.kind,
            r.mode.as_deref().unwrap_or(""),
            r.source.as_ref().map_or("", |a| &a.text),
            r.source.as_ref().map_or("", |a| &a.id),
            r.target.as_ref().map_or("", |a| &a.text),
            r.target.as_ref().map_or("", |a| &a.id),
            r.date.as_deref().unwrap_or(""),
            r.date_from,
            r.location.as_deref().unwrap_or(""),
            if r.negated { "true" } else { "false" },
            &r.modality,
            r.reported_by.as_ref().map_or("", |a| &a.text),
            &counts,
            r.outcome.as_deref().unwrap_or(""),
            &start,
            &end,
            &r.sentence,
            &evidence,
        ];
        write_row(w, fields.into_iter())?;
    }
    Ok(())
}

fn write_row<'a>(w: &mut dyn Write, fields: impl Iterator<Item = &'a str>) -> io::Result<()> {
    for (i, f) in fields.enumerate() {
        if i > 0 {
            w.write_all(b",")?;
        }
        if f.contains([',', '"', '\n', '\r']) {
            w.write_all(b"\"")?;
            w.write_all(f.replace('"', "\"\"").as_bytes())?;
            w.write_all(b"\"")?;
        } else {
            w.write_all(f.as_bytes())?;
        }
    }
    w.write_all(b"\r\n")
}

/// An actor of the network.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    pub id: String,
    pub name: String,
    pub kind: Option<String>,
    /// Events in which the actor is source or target.
    pub events: usize,
}

/// All events of one type from one actor to another.
#[derive(Clone, Debug, PartialEq)]
pub struct Edge {
    pub source: String,
    pub target: String,
    pub kind: String,
    /// Events (after merging reports of one event).
    pub count: usize,
    /// Sentences reporting them.
    pub reports: usize,
    pub first: Option<String>,
    pub last: Option<String>,
    pub events: Vec<String>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Network {
    pub nodes: Vec<Node>,
    pub edges: Vec<Edge>,
}

/// Whether a record is an edge of the network: both actors known and distinct, not negated, and
/// not a hypothesis or a condition ("if X attacks ...").
pub fn in_network(r: &EventRecord) -> bool {
    !r.negated
        && !matches!(r.modality.as_str(), "hypothetical" | "condition")
        && matches!((&r.source, &r.target), (Some(s), Some(t)) if s.id != t.id && !s.id.is_empty() && !t.id.is_empty())
}

/// The actor–actor network of the records that qualify ([`in_network`]); nodes and edges in
/// order of first appearance.
pub fn network(records: &[EventRecord]) -> Network {
    let mut net = Network::default();
    let mut node_at: HashMap<&str, usize> = HashMap::new();
    let mut edge_at: HashMap<(&str, &str, &str), usize> = HashMap::new();
    for r in records.iter().filter(|r| in_network(r)) {
        let (Some(s), Some(t)) = (&r.source, &r.target) else {
            continue;
        };
        for a in [s, t] {
            let i = *node_at.entry(&a.id).or_insert_with(|| {
                net.nodes.push(Node {
                    id: a.id.clone(),
                    name: a.name.clone(),
                    kind: None,
                    events: 0,
                });
                net.nodes.len() - 1
            });
            let n = &mut net.nodes[i];
            n.events += 1;
            n.kind = n.kind.take().or_else(|| a.kind.clone());
        }
        let i = *edge_at.entry((&s.id, &t.id, &r.kind)).or_insert_with(|| {
            net.edges.push(Edge {
                source: s.id.clone(),
                target: t.id.clone(),
                kind: r.kind.clone(),
                count: 0,
                reports: 0,
                first: None,
                last: None,
                events: Vec::new(),
            });
            net.edges.len() - 1
        });
        let e = &mut net.edges[i];
        e.count += 1;
        e.reports += r.evidence.len().max(1);
        e.events.push(r.id.clone());
        if let Some(d) = &r.date {
            if e.first.as_ref().is_none_or(|f| d < f) {
                e.first = Some(d.clone());
            }
            if e.last.as_ref().is_none_or(|l| d > l) {
                e.last = Some(d.clone());
            }
        }
    }
    net
}

/// Text for an XML attribute or element: markup characters escaped, characters XML 1.0 forbids
/// (control characters other than tab and line breaks) dropped.
pub fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

/// Attribute declarations: (id, for, name, type). `label` and `weight` are the names Gephi takes
/// for a node's label and an edge's weight.
const KEYS: [(&str, &str, &str, &str); 10] = [
    ("label", "node", "label", "string"),
    ("ntype", "node", "type", "string"),
    ("nevents", "node", "events", "int"),
    ("etype", "edge", "type", "string"),
    ("weight", "edge", "weight", "double"),
    ("count", "edge", "count", "int"),
    ("reports", "edge", "reports", "int"),
    ("first", "edge", "first", "string"),
    ("last", "edge", "last", "string"),
    ("events", "edge", "events", "string"),
];

/// The network of `records` as a directed GraphML graph: nodes are actors (`label`, `type`,
/// `events`), edges are (source, target, type) with `count`, `weight` (= count), `reports`,
/// `first` and `last` date and the `events` ids, space-separated.
pub fn write_graphml(w: &mut dyn Write, records: &[EventRecord]) -> io::Result<()> {
    let net = network(records);
    writeln!(w, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        w,
        r#"<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">"#
    )?;
    for (id, on, name, ty) in KEYS {
        writeln!(
            w,
            r#"  <key id="{id}" for="{on}" attr.name="{name}" attr.type="{ty}"/>"#
        )?;
    }
    writeln!(w, r#"  <graph id="events" edgedefault="directed">"#)?;
    for n in &net.nodes {
        writeln!(w, r#"    <node id="{}">"#, xml_escape(&n.id))?;
        data(w, "label", &n.name)?;
        if let Some(k) = &n.kind {
            data(w, "ntype", k)?;
        }
        data(w, "nevents", &n.events.to_string())?;
        writeln!(w, "    </node>")?;
    }
    for (i, e) in net.edges.iter().enumerate() {
        writeln!(
            w,
            r#"    <edge id="e{i}" source="{}" target="{}">"#,
            xml_escape(&e.source),
            xml_escape(&e.target)
        )?;
        data(w, "etype", &e.kind)?;
        data(w, "weight", &e.count.to_string())?;
        data(w, "count", &e.count.to_string())?;
        data(w, "reports", &e.reports.to_string())?;
        if let Some(f) = &e.first {
            data(w, "first", f)?;
        }
        if let Some(l) = &e.last {
            data(w, "last", l)?;
        }
        data(w, "events", &e.events.join(" "))?;
        writeln!(w, "    </edge>")?;
    }
    writeln!(w, "  </graph>")?;
    writeln!(w, "</graphml>")
}

fn data(w: &mut dyn Write, key: &str, value: &str) -> io::Result<()> {
    writeln!(w, r#"      <data key="{key}">{}</data>"#, xml_escape(value))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::{ActorRef, Evidence};
    use dossier_core::Span;

    fn actor(t: &str) -> ActorRef {
        ActorRef {
            id: crate::record::text_key(t),
            name: t.into(),
            kind: Some("ORG".into()),
            text: t.into(),
        }
    }

    fn rec(id: &str, kind: &str, s: &str, t: &str, date: &str, sentence: &str) -> EventRecord {
        EventRecord {
            id: id.into(),
            doc: "doc1".into(),
            kind: kind.into(),
            mode: None,
            source: Some(actor(s)),
            target: Some(actor(t)),
            source_group: None,
            target_group: None,
            date: Some(date.into()),
            date_from: "timex",
            location: None,
            negated: false,
            modality: "asserted".into(),
            reported_by: None,
            counts: Vec::new(),
            outcome: None,
            sentence: sentence.into(),
            span: Span::new(3, 9),
            evidence: vec![Evidence {
                doc: "doc1".into(),
                span: Span::new(3, 9),
                sentence: sentence.into(),
            }],
        }
    }

    fn sample() -> Vec<EventRecord> {
        let mut neg = rec("x:e3", "AGREE", "A", "B", "2021-01-01", "A did not agree.");
        neg.negated = true;
        vec![
            rec(
                "x:e0",
                "ASSAULT",
                "Rebels <R&D>",
                "Army \"North\"",
                "2021-10-09",
                "x",
            ),
            rec(
                "x:e1",
                "ASSAULT",
                "rebels <r&d>",
                "Army \"North\"",
                "2021-10-02",
                "y",
            ),
            rec(
                "x:e2",
                "CONSULT",
                "Army \"North\"",
                "Rebels <R&D>",
                "2021-10-05",
                "z\u{1}",
            ),
            neg,
        ]
    }

    #[test]
    fn network_groups_by_actor_pair_and_type() {
        let net = network(&sample());
        assert_eq!(net.nodes.len(), 2);
        assert_eq!(net.edges.len(), 2);
        let e = &net.edges[0];
        assert_eq!((e.kind.as_str(), e.count, e.reports), ("ASSAULT", 2, 2));
        assert_eq!(e.first.as_deref(), Some("2021-10-02"));
        assert_eq!(e.last.as_deref(), Some("2021-10-09"));
        assert_eq!(e.events, ["x:e0", "x:e1"]);
        assert_eq!(net.nodes[0].events, 3);
    }

    #[test]
    fn graphml_is_well_formed_and_declares_its_keys() {
        let mut buf = Vec::new();
        write_graphml(&mut buf, &sample()).unwrap();
        let text = String::from_utf8(buf).unwrap();
        let mut reader = quick_xml::Reader::from_str(&text);
        let (mut keys, mut used, mut nodes, mut sources) = (vec![], vec![], 0, vec![]);
        loop {
            let ev = reader.read_event().expect("well-formed XML");
            let e = match ev {
                quick_xml::events::Event::Eof => break,
                quick_xml::events::Event::Start(e) | quick_xml::events::Event::Empty(e) => e,
                _ => continue,
            };
            let attr = |name: &str| {
                e.try_get_attribute(name).unwrap().map(|a| {
                    a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                        .unwrap()
                        .into_owned()
                })
            };
            let tag: &str = e.name().into_inner();
            match tag {
                "key" => keys.push(attr("id").unwrap()),
                "data" => used.push(attr("key").unwrap()),
                "node" => nodes += 1,
                "edge" => sources.push(attr("source").unwrap()),
                _ => {}
            }
        }
        assert_eq!(nodes, 2);
        assert_eq!(sources, ["rebels <r&d>", "army \"north\""]);
        assert!(
            used.iter().all(|k| keys.contains(k)),
            "{used:?} vs {keys:?}"
        );
        assert!(!text.contains('\u{1}'));
    }

    #[test]
    fn csv_quotes_fields_and_jsonl_has_one_line_per_event() {
        let mut recs = sample();
        recs[0].sentence = "He said, \"no\"\nthen left".into();
        let mut buf = Vec::new();
        write_csv(&mut buf, &recs).unwrap();
        let text = String::from_utf8(buf).unwrap();
        assert!(text.starts_with("id,doc,type,mode,source,"));
        assert!(text.contains("\"He said, \"\"no\"\"\nthen left\""));
        assert!(text.contains("doc1@3-9"));
        let mut buf = Vec::new();
        write_jsonl(&mut buf, &recs).unwrap();
        let text = String::from_utf8(buf).unwrap();
        assert_eq!(text.lines().count(), recs.len());
        let first: serde_json::Value = serde_json::from_str(text.lines().next().unwrap()).unwrap();
        assert_eq!(first["type"], "ASSAULT");
        assert_eq!(first["source"]["id"], "rebels <r&d>");
        assert_eq!(first["span"]["start"], 3);
        assert_eq!(first["evidence"][0]["doc"], "doc1");
    }
}
