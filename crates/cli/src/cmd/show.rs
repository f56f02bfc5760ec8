//! `dossier show`: one document's metadata and clean text, its original bytes, or one span of
//! it shown in both views.

use std::io::{IsTerminal, Write};

use dossier_core::{Document, Field, Span};
use serde::Serialize;

use super::{print_json, CmdResult};
use crate::Global;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Document id (a unique prefix is enough).
    pub doc: String,
    /// Print the original bytes instead of the clean text (with --sentence or --span: the
    /// original with that passage highlighted).
    #[arg(long)]
    pub source: bool,
    /// Show sentence N (0-based) in the clean text and in the source.
    #[arg(long, conflicts_with = "span")]
    pub sentence: Option<usize>,
    /// Show a byte span START..END of the clean text in the clean text and in the source.
    #[arg(long, value_parser = parse_span)]
    pub span: Option<Span>,
}

fn parse_span(s: &str) -> Result<Span, String> {
    let (a, b) = s.split_once("..").ok_or("expected START..END")?;
    let (a, b): (usize, usize) = (
        a.trim().parse().map_err(|_| "bad START")?,
        b.trim().parse().map_err(|_| "bad END")?,
    );
    if a > b {
        return Err("START is after END".into());
    }
    Ok(Span::new(a, b))
}

#[derive(Serialize)]
struct Passage<'a> {
    clean: Span,
    clean_text: &'a str,
    source: Span,
    source_text: String,
}

#[derive(Serialize)]
struct Shown<'a> {
    id: &'a str,
    title: Option<&'a str>,
    date: Option<&'a str>,
    outlet: Option<&'a str>,
    author: Option<&'a str>,
    url: Option<&'a str>,
    path: &'a str,
    record: Option<u64>,
    format: &'a str,
    encoding: &'a str,
    meta: &'a dossier_core::Metadata,
    text: &'a str,
    blocks: &'a [dossier_core::Block],
    sentences: &'a [dossier_core::Sentence],
    #[serde(skip_serializing_if = "Option::is_none")]
    passage: Option<Passage<'a>>,
}

pub fn run(g: &Global, a: Args) -> CmdResult {
    let store = g.open_store_readonly()?;
    let id = store.resolve_id(&a.doc)?;
    let doc = store.load(&id)?;
    let span = match (a.sentence, a.span) {
        (Some(n), _) => Some(doc.sentences.get(n).map(|s| s.span).ok_or_else(|| {
            anyhow::anyhow!(
                "document has {} sentences; no sentence {n}",
                doc.sentences.len()
            )
        })?),
        (_, Some(s)) => {
            if s.end as usize > doc.text.len() || doc.text.get(s.range()).is_none() {
                anyhow::bail!(
                    "span {s} is not inside the clean text ({} bytes) on character boundaries",
                    doc.text.len()
                );
            }
            Some(s)
        }
        _ => None,
    };
    let passage = span.map(|s| {
        let src = doc.map.to_source(s);
        Passage {
            clean: s,
            clean_text: doc.span_text(s),
            source: src,
            source_text: String::from_utf8_lossy(&doc.source[src.range()]).into_owned(),
        }
    });
    if g.json {
        let m = &doc.meta;
        return print_json(&Shown {
            id: id.as_str(),
            title: value(&m.title),
            date: value(&m.date),
            outlet: value(&m.outlet),
            author: value(&m.author),
            url: value(&m.url),
            path: &doc.origin.path,
            record: doc.origin.record,
            format: &doc.origin.format,
            encoding: &doc.origin.encoding,
            meta: m,
            text: if a.source { "" } else { &doc.text },
            blocks: &doc.blocks,
            sentences: &doc.sentences,
            passage,
        });
    }
    let mut out = std::io::stdout().lock();
    match (a.source, passage) {
        (true, None) => out.write_all(&doc.source)?,
        (true, Some(p)) => write_highlighted(&mut out, &doc.source, p.source)?,
        (false, Some(p)) => {
            writeln!(out, "clean  {}: {}", p.clean, p.clean_text)?;
            writeln!(out, "source {}: {}", p.source, p.source_text)?;
        }
        (false, None) => write_doc(&mut out, &doc)?,
    }
    Ok(std::process::ExitCode::SUCCESS)
}

fn value(f: &Option<Field<String>>) -> Option<&str> {
    f.as_ref().map(|f| f.value.as_str())
}

fn write_doc(out: &mut impl Write, doc: &Document) -> std::io::Result<()> {
    let m = &doc.meta;
    let line =
        |out: &mut dyn Write, name: &str, f: &Option<Field<String>>| -> std::io::Result<()> {
            match f {
                Some(f) => writeln!(
                    out,
                    "{name:<8} {}  ({}, {:.2})",
                    f.value, f.origin, f.confidence
                ),
                None => writeln!(out, "{name:<8} -"),
            }
        };
    writeln!(out, "{:<8} {}", "id", doc.id)?;
    line(out, "title", &m.title)?;
    line(out, "date", &m.date)?;
    line(out, "outlet", &m.outlet)?;
    line(out, "author", &m.author)?;
    line(out, "url", &m.url)?;
    let rec = doc
        .origin
        .record
        .map(|r| format!(":{r}"))
        .unwrap_or_default();
    writeln!(
        out,
        "{:<8} {}{rec} ({}, {})",
        "from", doc.origin.path, doc.origin.format, doc.origin.encoding
    )?;
    writeln!(out)?;
    writeln!(out, "{}", doc.text)
}

/// The source with the passage marked: reverse video on a terminal, «…» otherwise.
fn write_highlighted(out: &mut impl Write, source: &[u8], s: Span) -> std::io::Result<()> {
    let (open, close): (&[u8], &[u8]) = if std::io::stdout().is_terminal() {
        (b"\x1b[7m", b"\x1b[0m")
    } else {
        ("«".as_bytes(), "»".as_bytes())
    };
    out.write_all(&source[..s.start as usize])?;
    out.write_all(open)?;
    out.write_all(&source[s.range()])?;
    out.write_all(close)?;
    out.write_all(&source[s.end as usize..])
}
