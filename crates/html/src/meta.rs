//! Metadata from what a page declares: JSON-LD, OpenGraph and Twitter cards, `article:*` and
//! other `<meta>` tags, `<time datetime>`, `<title>`, `<link rel=canonical>`, `<html lang>` and
//! the URL. Every value records where it came from and a confidence that follows that order of
//! trust.

use dossier_core::{Field, Metadata};
use serde_json::Value;

use crate::parse::Page;
use crate::Decoded;

/// Candidate values for one field: (value, origin, confidence, decoded-page range).
type Cands = Vec<(String, String, f32, Option<std::ops::Range<usize>>)>;

pub(crate) fn metadata(page: &Page, decoded: &Decoded, url: Option<&str>) -> Metadata {
    let head = &page.head;
    let (mut title, mut date, mut author, mut outlet, mut canon, mut lang): (
        Cands,
        Cands,
        Cands,
        Cands,
        Cands,
        Cands,
    ) = Default::default();

    for (json, at) in &head.ld_json {
        let Ok(v) = serde_json::from_str::<Value>(json.trim()) else {
            continue;
        };
        let mut objs = Vec::new();
        collect_objects(&v, &mut objs, 0);
        objs.sort_by_key(|o| !is_article(o));
        for o in objs.iter().take(8) {
            let art = is_article(o);
            let (tc, dc) = if art { (0.9, 0.95) } else { (0.6, 0.7) };
            if let Some(h) =
                str_of(o.get("headline")).or_else(|| art.then(|| str_of(o.get("name"))).flatten())
            {
                title.push((h, "html:json-ld:headline".into(), tc, Some(at.clone())));
            }
            if let Some(d) = str_of(o.get("datePublished")).and_then(|d| iso_date(&d)) {
                date.push((d, "html:json-ld:datePublished".into(), dc, Some(at.clone())));
            }
            if let Some(a) = names_of(o.get("author")) {
                author.push((a, "html:json-ld:author".into(), tc, Some(at.clone())));
            }
            if let Some(p) = o
                .get("publisher")
                .and_then(|p| str_of(p.get("name")).or_else(|| str_of(Some(p))))
            {
                outlet.push((p, "html:json-ld:publisher".into(), tc, Some(at.clone())));
            }
            if let Some(l) = str_of(o.get("inLanguage")) {
                lang.push((l, "html:json-ld:inLanguage".into(), 0.8, Some(at.clone())));
            }
        }
    }

    for m in &head.metas {
        let at = Some(m.at.clone());
        let origin = || format!("html:meta:{}", m.key);
        let v = m.content.clone();
        match m.key.as_str() {
            "og:title" => title.push((v, origin(), 0.85, at)),
            "twitter:title" => title.push((v, origin(), 0.8, at)),
            "headline" => title.push((v, origin(), 0.8, at)),
            "article:published_time"
            | "og:article:published_time"
            | "article:published"
            | "datepublished" => {
                if let Some(d) = iso_date(&v) {
                    date.push((d, origin(), 0.9, at));
                }
            }
            "pubdate"
            | "publishdate"
            | "publish-date"
            | "publish_date"
            | "date"
            | "dc.date"
            | "dc.date.issued"
            | "dcterms.date"
            | "dcterms.created"
            | "article.published"
            | "parsely-pub-date"
            | "sailthru.date"
            | "cxenseparse:recs:publishtime"
            | "datecreated"
            | "og:published_time"
            | "published_time" => {
                if let Some(d) = iso_date(&v) {
                    date.push((d, origin(), 0.8, at));
                }
            }
            "author" | "article:author" | "parsely-author" | "sailthru.author" | "dc.creator"
            | "byl"
                if !v.starts_with("http") =>
            {
                let v = v
                    .trim_start_matches("By ")
                    .trim_start_matches("by ")
                    .to_string();
                author.push((v, origin(), 0.75, at));
            }
            "og:site_name" => outlet.push((v, origin(), 0.85, at)),
            "application-name" | "twitter:site" => outlet.push((v, origin(), 0.5, at)),
            "og:url" => canon.push((v, origin(), 0.8, at)),
            "og:locale" | "content-language" | "language" | "dc.language" => {
                lang.push((v.replace('_', "-"), origin(), 0.7, at))
            }
            _ => {}
        }
    }

    if let Some((d, at, _)) = head
        .times
        .iter()
        .find_map(|(v, at, n)| iso_date(v).map(|d| (d, at, n)))
    {
        date.push((d, "html:time".into(), 0.7, Some(at.clone())));
    }
    if let Some(d) = url.and_then(url_date) {
        date.push((d, "url".into(), 0.6, None));
    }
    if let Some((t, at)) = &head.title {
        let site = outlet.first().map(|o| o.0.clone());
        let t = strip_site_name(t, site.as_deref());
        if !t.is_empty() {
            title.push((t, "html:title".into(), 0.7, Some(at.clone())));
        }
    }
    if let Some((c, at)) = &head.canonical {
        canon.push((
            c.clone(),
            "html:link:canonical".into(),
            0.9,
            Some(at.clone()),
        ));
    }
    if let Some(u) = url {
        canon.push((u.to_string(), "input:url".into(), 0.6, None));
    }
    if let Some(l) = &head.lang {
        lang.push((l.clone(), "html:lang".into(), 0.8, None));
    }

    let field = |c: Cands| -> Option<Field<String>> {
        let best = c
            .into_iter()
            .filter(|c| !c.0.trim().is_empty())
            .max_by(|a, b| a.2.partial_cmp(&b.2).unwrap_or(std::cmp::Ordering::Equal))?;
        let value = collapse_ws(&best.0);
        let f = Field::new(value, best.1, best.2);
        Some(match best.3 {
            Some(r) => f.at(decoded.to_source(r)),
            None => f,
        })
    };
    Metadata {
        title: field(title),
        date: field(date),
        outlet: field(outlet),
        author: field(author),
        url: field(canon),
        language: field(lang),
        extra: Default::default(),
    }
}

fn collect_objects<'a>(
    v: &'a Value,
    out: &mut Vec<&'a serde_json::Map<String, Value>>,
    depth: usize,
) {
    if depth > 4 || out.len() > 64 {
        return;
    }
    match v {
        Value::Array(a) => a.iter().for_each(|x| collect_objects(x, out, depth + 1)),
        Value::Object(o) => {
            out.push(o);
            if let Some(g) = o.get("@graph") {
                collect_objects(g, out, depth + 1);
            }
            if let Some(m) = o.get("mainEntity") {
                collect_objects(m, out, depth + 1);
            }
        }
        _ => {}
    }
}

fn is_article(o: &serde_json::Map<String, Value>) -> bool {
    let t = |s: &str| {
        s.contains("Article") || s.contains("Posting") || s == "ReportageNews" || s == "Report"
    };
    match o.get("@type") {
        Some(Value::String(s)) => t(s),
        Some(Value::Array(a)) => a.iter().any(|x| x.as_str().is_some_and(t)),
        _ => false,
    }
}

fn str_of(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) if !s.trim().is_empty() => Some(crate::entities::decode_all(s.trim())),
        Value::Array(a) => a.iter().find_map(|x| str_of(Some(x))),
        _ => None,
    }
}

/// Author names: a string, an object with `name`, or a list of either.
fn names_of(v: Option<&Value>) -> Option<String> {
    let mut names = Vec::new();
    let mut push = |x: &Value| {
        let n = match x {
            Value::String(s) => Some(s.trim().to_string()),
            Value::Object(o) => str_of(o.get("name")),
            _ => None,
        };
        if let Some(n) = n.filter(|n| !n.is_empty() && !n.starts_with("http")) {
            if !names.contains(&n) {
                names.push(n);
            }
        }
    };
    match v? {
        Value::Array(a) => a.iter().take(20).for_each(&mut push),
        x => push(x),
    }
    (!names.is_empty()).then(|| names.join(", "))
}

/// An ISO 8601 date (and time, when given) from the common machine-readable forms.
pub(crate) fn iso_date(s: &str) -> Option<String> {
    let s = s.trim();
    let b = s.as_bytes();
    let digits = |r: std::ops::Range<usize>| {
        b.get(r.clone())
            .is_some_and(|x| x.iter().all(u8::is_ascii_digit))
    };
    let num = |r: std::ops::Range<usize>| s[r].parse::<u32>().ok();
    if !digits(0..4) {
        return None;
    }
    let year = num(0..4)?;
    let (month, day, rest) = if matches!(b.get(4), Some(b'-' | b'/' | b'.'))
        && digits(5..7)
        && b.get(7) == b.get(4)
        && digits(8..10)
    {
        (num(5..7)?, num(8..10)?, &s[10..])
    } else if digits(4..8) && !digits(8..9) {
        (num(4..6)?, num(6..8)?, &s[8..])
    } else {
        return None;
    };
    if !(1800..=2200).contains(&year) || !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return None;
    }
    let date = format!("{year:04}-{month:02}-{day:02}");
    let rb = rest.as_bytes();
    // Keep a time of day when one follows in ISO form.
    if matches!(rb.first(), Some(b'T' | b' '))
        && rb.len() >= 6
        && rb[1..3].iter().all(u8::is_ascii_digit)
        && rb[3] == b':'
    {
        let end = rest[1..]
            .find(|c: char| !(c.is_ascii_digit() || matches!(c, ':' | '.' | '+' | '-' | 'Z')))
            .map_or(rest.len(), |p| p + 1);
        return Some(format!("{date}T{}", &rest[1..end]));
    }
    Some(date)
}

/// A date written in a URL's path: `/2019/11/19/`, `/2019-11-19-`, `/20191119`.
pub(crate) fn url_date(url: &str) -> Option<String> {
    let path = url.split_once("://").map_or(url, |(_, r)| r);
    let path = path.find('/').map_or("", |i| &path[i..]);
    let path = path.split(['?', '#']).next().unwrap_or("");
    let b = path.as_bytes();
    for i in 0..b.len().saturating_sub(4) {
        if i > 0 && b[i - 1].is_ascii_digit() {
            continue;
        }
        if !(b[i..i + 4].iter().all(u8::is_ascii_digit) && matches!(&b[i..i + 2], b"19" | b"20")) {
            continue;
        }
        let rest = &path[i + 4..];
        let mut parts = rest.splitn(3, ['/', '-', '_']).skip(1);
        let (Some(m), Some(d)) = (parts.next(), parts.next()) else {
            continue;
        };
        let d: String = d.chars().take_while(char::is_ascii_digit).collect();
        let (Ok(m), Ok(dd)) = (m.parse::<u32>(), d.parse::<u32>()) else {
            continue;
        };
        if m.to_string().len() <= 2
            && d.len() <= 2
            && (1..=12).contains(&m)
            && (1..=31).contains(&dd)
        {
            return Some(format!("{}-{m:02}-{dd:02}", &path[i..i + 4]));
        }
    }
    None
}

/// A `<title>` without the site's name: "Story headline | Site" gives "Story headline".
fn strip_site_name(title: &str, site: Option<&str>) -> String {
    let title = collapse_ws(title);
    const SEPS: [&str; 6] = [" | ", " - ", " — ", " – ", " :: ", " · "];
    for sep in SEPS {
        if !title.contains(sep) {
            continue;
        }
        let parts: Vec<&str> = title.split(sep).map(str::trim).collect();
        if let Some(site) = site {
            let kept: Vec<&str> = parts
                .iter()
                .copied()
                .filter(|p| !p.eq_ignore_ascii_case(site.trim()))
                .collect();
            if kept.len() < parts.len() && !kept.is_empty() {
                return kept.join(sep);
            }
        }
        // Without a known site name, drop short trailing or leading segments.
        let longest = parts.iter().copied().max_by_key(|p| p.len()).unwrap_or("");
        if parts
            .iter()
            .filter(|p| **p != longest)
            .all(|p| p.split_whitespace().count() <= 4)
        {
            return longest.to_string();
        }
    }
    title
}

fn collapse_ws(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert_eq!(
            iso_date("2019-11-19T08:30:00Z").as_deref(),
            Some("2019-11-19T08:30:00Z")
        );
        assert_eq!(iso_date("2019-11-19").as_deref(), Some("2019-11-19"));
        assert_eq!(iso_date("20191119").as_deref(), Some("2019-11-19"));
        assert_eq!(iso_date("Nov 19, 2019"), None);
        assert_eq!(iso_date("2019-13-01"), None);
        assert_eq!(
            url_date("https://x.com/2019/11/19/some-story").as_deref(),
            Some("2019-11-19")
        );
        assert_eq!(
            url_date("https://x.com/story/2019-11-19/x").as_deref(),
            Some("2019-11-19")
        );
        assert_eq!(url_date("https://x.com/a/30279001.html"), None);
    }

    #[test]
    fn titles() {
        assert_eq!(
            strip_site_name("Big news today | The Daily", Some("The Daily")),
            "Big news today"
        );
        assert_eq!(
            strip_site_name("Big news about many things - Daily", None),
            "Big news about many things"
        );
        assert_eq!(strip_site_name("Plain title", None), "Plain title");
    }
}
