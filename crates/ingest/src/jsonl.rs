//! JSONL: one article per line, with `text` or `html` and optional `url`, `title`, `date`,
//! `source`, `author`. Unknown fields are kept. A bad line is reported with its number and the
//! good lines go on.

use std::io::{BufRead, BufReader, Read};

use serde_json::Value;

use crate::{too_big, InputFields, Item, Kind, RawDoc, ReadError, MAX_DOC_BYTES};

/// Reads lines with a cap, so a 200 MB line costs a bounded buffer and one error.
pub(crate) fn read_reader(name: &str, reader: impl Read, sink: &mut dyn FnMut(Item)) {
    let mut r = BufReader::with_capacity(1 << 16, reader);
    let mut line = Vec::new();
    let mut n = 0u64;
    let mut any = false;
    loop {
        n += 1;
        line.clear();
        let (len, overflow) = match read_line_capped(&mut r, &mut line) {
            Ok(x) => x,
            Err(e) => {
                sink(Item::Error(ReadError::new(
                    name,
                    Some(n),
                    format!("read failed: {e}"),
                )));
                return;
            }
        };
        if len == 0 {
            break;
        }
        any = true;
        if overflow {
            sink(Item::Error(ReadError::new(
                name,
                Some(n),
                too_big(len as u64),
            )));
            continue;
        }
        if line.iter().all(|b| b.is_ascii_whitespace()) {
            continue;
        }
        sink(parse_line(name, n, &line));
    }
    if !any {
        sink(Item::Error(ReadError::new(
            name,
            None,
            "empty input: no lines",
        )));
    }
}

/// Reads one line into `buf` (without its newline) keeping at most MAX_DOC_BYTES; returns the
/// line's full length and whether it was cut.
fn read_line_capped(r: &mut impl BufRead, buf: &mut Vec<u8>) -> std::io::Result<(usize, bool)> {
    let mut total = 0;
    loop {
        let chunk = match r.fill_buf() {
            Ok(c) => c,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if chunk.is_empty() {
            return Ok((total, total > MAX_DOC_BYTES));
        }
        let (take, done) = match memchr_newline(chunk) {
            Some(i) => (i + 1, true),
            None => (chunk.len(), false),
        };
        let keep = take - usize::from(done);
        if buf.len() + keep <= MAX_DOC_BYTES {
            buf.extend_from_slice(&chunk[..keep]);
        }
        total += take;
        r.consume(take);
        if done {
            return Ok((total, total > MAX_DOC_BYTES + 1));
        }
    }
}

fn memchr_newline(b: &[u8]) -> Option<usize> {
    b.iter().position(|&c| c == b'\n')
}

fn parse_line(name: &str, n: u64, line: &[u8]) -> Item {
    let err = |m: String| Item::Error(ReadError::new(name, Some(n), m));
    let value: Value = match serde_json::from_slice(line) {
        Ok(v) => v,
        Err(e) => return err(format!("not valid JSON ({e})")),
    };
    let Value::Object(mut obj) = value else {
        return err("a JSON line must be an object with a \"text\" or \"html\" field".into());
    };
    let (kind, body) = match (obj.remove("text"), obj.remove("html")) {
        (_, Some(Value::String(h))) if !h.trim().is_empty() => (Kind::Html, h),
        (Some(Value::String(t)), _) if !t.trim().is_empty() => (Kind::Text, t),
        _ => return err("no non-empty \"text\" or \"html\" string field".into()),
    };
    let fields = InputFields {
        title: take(&mut obj, "title"),
        date: take(&mut obj, "date"),
        outlet: take(&mut obj, "source").or_else(|| take(&mut obj, "outlet")),
        author: take(&mut obj, "author"),
        url: take(&mut obj, "url"),
        charset: take(&mut obj, "charset"),
        extra: serde_json::Map::new(),
    };
    let mut fields = fields;
    fields.extra = obj;
    if body.len() > MAX_DOC_BYTES {
        return err(too_big(body.len() as u64));
    }
    let format = "jsonl";
    Item::Doc(RawDoc::new(
        name,
        Some(n),
        format,
        kind,
        body.into_bytes(),
        fields,
    ))
}

/// Takes a known string field out of the object; other values stay in `extra` as given.
fn take(obj: &mut serde_json::Map<String, Value>, key: &str) -> Option<String> {
    match obj.get(key) {
        Some(Value::String(s)) => {
            let s = s.trim().to_string();
            obj.remove(key);
            (!s.is_empty()).then_some(s)
        }
        Some(Value::Null) => {
            obj.remove(key);
            None
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn collect(input: &str) -> Vec<Item> {
        let mut out = Vec::new();
        read_reader("t.jsonl", input.as_bytes(), &mut |i| out.push(i));
        out
    }

    #[test]
    fn good_lines_survive_a_bad_one() {
        let items = collect("{\"text\":\"One.\",\"title\":\"A\",\"lang\":\"en\"}\n{oops\n{\"html\":\"<p>Two</p>\"}\n");
        assert_eq!(items.len(), 3);
        match &items[0] {
            Item::Doc(d) => {
                assert_eq!(d.fields.title.as_deref(), Some("A"));
                assert_eq!(
                    d.fields.extra.get("lang"),
                    Some(&Value::String("en".into()))
                );
                assert_eq!(d.record, Some(1));
                assert_eq!(d.kind, Kind::Text);
            }
            other => panic!("{other:?}"),
        }
        match &items[1] {
            Item::Error(e) => {
                assert_eq!(e.record, Some(2));
                assert!(
                    e.to_string().starts_with("t.jsonl:2: not valid JSON"),
                    "{e}"
                );
            }
            other => panic!("{other:?}"),
        }
        assert!(matches!(&items[2], Item::Doc(d) if d.kind == Kind::Html));
    }

    #[test]
    fn lines_without_text_are_errors() {
        let items = collect("{\"title\":\"x\"}\n[1,2]\n");
        assert!(items.iter().all(|i| matches!(i, Item::Error(_))));
    }
}
