//! WARC (`.warc`, `.warc.gz`): every `response` record whose HTTP payload is HTML becomes a raw
//! HTML document with the record's target URI and capture date; every other record is skipped
//! with its reason. Records are read one at a time (a `.warc.gz` is a series of gzip members, one
//! per record), so memory stays flat however large the archive. A record too large for one
//! article, a truncated record or a broken gzip stream is an error for that record; what comes
//! before it stands.

use std::io::{BufRead, BufReader, Read};

use crate::{too_big, InputFields, Item, Kind, RawDoc, ReadError, MAX_DOC_BYTES};

/// Longest header line accepted.
const MAX_LINE: usize = 64 << 10;

/// Reads a WARC stream, gzip-compressed or not (told apart by the first bytes).
pub(crate) fn read_reader(name: &str, reader: impl Read, sink: &mut dyn FnMut(Item)) {
    let mut r = BufReader::with_capacity(1 << 16, reader);
    let gz = matches!(r.fill_buf(), Ok(b) if b.starts_with(&[0x1f, 0x8b]));
    if gz {
        let dec = flate2::bufread::MultiGzDecoder::new(r);
        read_records(name, BufReader::with_capacity(1 << 16, dec), sink);
    } else {
        read_records(name, r, sink);
    }
}

/// One WARC record's named header fields.
#[derive(Default)]
struct Header {
    kind: String,
    length: Option<u64>,
    uri: Option<String>,
    date: Option<String>,
    id: Option<String>,
}

fn read_records(name: &str, mut r: impl BufRead, sink: &mut dyn FnMut(Item)) {
    let mut n = 0u64;
    let mut line = Vec::new();
    loop {
        // Find the next version line; blank lines between records are allowed.
        let version = loop {
            match read_line(&mut r, &mut line) {
                Ok(0) => {
                    if n == 0 {
                        sink(Item::Error(ReadError::new(
                            name,
                            None,
                            "empty WARC: no records",
                        )));
                    }
                    return;
                }
                Ok(_) => {
                    let l = trim_eol(&line);
                    if l.is_empty() {
                        continue;
                    }
                    break l.to_vec();
                }
                Err(e) => {
                    return sink(Item::Error(ReadError::new(
                        name,
                        Some(n + 1),
                        format!("read failed: {e}"),
                    )))
                }
            }
        };
        n += 1;
        if !version.starts_with(b"WARC/") {
            let shown = String::from_utf8_lossy(&version[..version.len().min(40)]).into_owned();
            return sink(Item::Error(ReadError::new(
                name,
                Some(n),
                format!(
                    "not a WARC record (starts with {shown:?}); the rest of the file is not read"
                ),
            )));
        }
        let h = match read_header(&mut r, &mut line) {
            Ok(h) => h,
            Err(e) => return sink(Item::Error(ReadError::new(name, Some(n), e))),
        };
        let Some(len) = h.length else {
            return sink(Item::Error(ReadError::new(
                name,
                Some(n),
                "record without Content-Length",
            )));
        };
        if len > MAX_DOC_BYTES as u64 + (64 << 10) {
            let skipped = std::io::copy(&mut (&mut r).take(len), &mut std::io::sink());
            match skipped {
                Ok(got) if got == len => {
                    sink(Item::Error(ReadError::new(name, Some(n), too_big(len))));
                    continue;
                }
                _ => {
                    return sink(Item::Error(ReadError::new(
                        name,
                        Some(n),
                        "truncated record",
                    )))
                }
            }
        }
        let mut block = Vec::with_capacity(len as usize);
        match (&mut r).take(len).read_to_end(&mut block) {
            Ok(got) if got as u64 == len => {}
            Ok(got) => {
                return sink(Item::Error(ReadError::new(
                    name,
                    Some(n),
                    format!("truncated record: {got} of {len} bytes"),
                )))
            }
            Err(e) => {
                return sink(Item::Error(ReadError::new(
                    name,
                    Some(n),
                    format!("read failed: {e}"),
                )))
            }
        }
        sink(record_item(name, n, &h, block));
    }
}

/// Reads header lines up to the blank line.
fn read_header(r: &mut impl BufRead, line: &mut Vec<u8>) -> Result<Header, String> {
    let mut h = Header::default();
    loop {
        match read_line(r, line) {
            Ok(0) => return Err("truncated record header".into()),
            Ok(_) => {}
            Err(e) => return Err(format!("read failed: {e}")),
        }
        let l = trim_eol(line);
        if l.is_empty() {
            return Ok(h);
        }
        let Some(colon) = l.iter().position(|&b| b == b':') else {
            continue;
        };
        let key = String::from_utf8_lossy(&l[..colon])
            .trim()
            .to_ascii_lowercase();
        let value = String::from_utf8_lossy(&l[colon + 1..]).trim().to_string();
        match key.as_str() {
            "warc-type" => h.kind = value.to_ascii_lowercase(),
            "content-length" => h.length = value.parse().ok(),
            "warc-target-uri" => h.uri = Some(value.trim_matches(['<', '>']).to_string()),
            "warc-date" => h.date = Some(value),
            "warc-record-id" => h.id = Some(value),
            _ => {}
        }
    }
}

/// A line with its end, at most MAX_LINE bytes kept; 0 at the end of the input.
fn read_line(r: &mut impl BufRead, buf: &mut Vec<u8>) -> std::io::Result<usize> {
    buf.clear();
    let mut total = 0;
    loop {
        let chunk = match r.fill_buf() {
            Ok(c) => c,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if chunk.is_empty() {
            return Ok(total);
        }
        let (take, done) = match memchr_nl(chunk) {
            Some(i) => (i + 1, true),
            None => (chunk.len(), false),
        };
        if buf.len() < MAX_LINE {
            buf.extend_from_slice(&chunk[..take.min(MAX_LINE - buf.len())]);
        }
        total += take;
        r.consume(take);
        if done {
            return Ok(total);
        }
    }
}

fn memchr_nl(b: &[u8]) -> Option<usize> {
    b.iter().position(|&c| c == b'\n')
}

fn trim_eol(l: &[u8]) -> &[u8] {
    let mut end = l.len();
    while end > 0 && matches!(l[end - 1], b'\n' | b'\r') {
        end -= 1;
    }
    &l[..end]
}

/// The document (or the reason to skip) of one record.
fn record_item(name: &str, n: u64, h: &Header, block: Vec<u8>) -> Item {
    let skip = |reason: String| Item::Skipped {
        path: format!("{name}:{n}"),
        reason,
    };
    if h.kind != "response" {
        let kind = if h.kind.is_empty() {
            "untyped"
        } else {
            &h.kind
        };
        return skip(format!("{kind} record"));
    }
    let mut headers = [httparse::EMPTY_HEADER; 128];
    let mut resp = httparse::Response::new(&mut headers);
    let body_at = match resp.parse(&block) {
        Ok(httparse::Status::Complete(at)) => at,
        Ok(httparse::Status::Partial) => {
            return Item::Error(ReadError::new(name, Some(n), "truncated HTTP headers"))
        }
        Err(e) => return skip(format!("response record without an HTTP response ({e})")),
    };
    let status = resp.code.unwrap_or(0);
    let header = |k: &str| {
        resp.headers
            .iter()
            .find(|h| h.name.eq_ignore_ascii_case(k))
            .map(|h| String::from_utf8_lossy(h.value).trim().to_string())
    };
    let ctype = header("content-type").unwrap_or_default();
    let mime = ctype
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    if !(200..300).contains(&status) {
        return skip(format!("HTTP status {status}"));
    }
    if !(mime == "text/html"
        || mime == "application/xhtml+xml"
        || mime.is_empty() && looks_html(&block[body_at..]))
    {
        return skip(format!(
            "not HTML ({})",
            if mime.is_empty() {
                "no content type"
            } else {
                &mime
            }
        ));
    }
    let charset = ctype.split(';').skip(1).find_map(|p| {
        let (k, v) = p.split_once('=')?;
        k.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| v.trim().trim_matches(['"', '\'']).to_string())
    });
    let mut body = block[body_at..].to_vec();
    if header("transfer-encoding").is_some_and(|t| t.to_ascii_lowercase().contains("chunked")) {
        match dechunk(&body) {
            Some(b) => body = b,
            None => {
                return Item::Error(ReadError::new(name, Some(n), "malformed chunked HTTP body"))
            }
        }
    }
    if let Some(enc) = header("content-encoding").map(|e| e.to_ascii_lowercase()) {
        let decoded = match enc.as_str() {
            "gzip" | "x-gzip" => inflate(flate2::read::MultiGzDecoder::new(&body[..])),
            "deflate" => inflate(flate2::read::ZlibDecoder::new(&body[..])),
            "identity" | "" => Ok(body.clone()),
            other => Err(format!("unsupported Content-Encoding {other}")),
        };
        match decoded {
            Ok(b) => body = b,
            Err(e) => return Item::Error(ReadError::new(name, Some(n), e)),
        }
    }
    if body.iter().all(u8::is_ascii_whitespace) {
        return skip("empty HTML payload".into());
    }
    let mut fields = InputFields {
        url: h.uri.clone(),
        date: h.date.clone(),
        charset,
        ..InputFields::default()
    };
    if let Some(id) = &h.id {
        fields
            .extra
            .insert("warc_record_id".into(), id.clone().into());
    }
    Item::Doc(RawDoc::new(name, Some(n), "warc", Kind::Html, body, fields))
}

fn looks_html(b: &[u8]) -> bool {
    let head: Vec<u8> = b.iter().take(512).map(u8::to_ascii_lowercase).collect();
    memfind(&head, b"<html") || memfind(&head, b"<!doctype html")
}

fn memfind(h: &[u8], n: &[u8]) -> bool {
    h.windows(n.len()).any(|w| w == n)
}

/// Decompresses with the one-article cap.
fn inflate(r: impl Read) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    r.take(MAX_DOC_BYTES as u64 + 1)
        .read_to_end(&mut out)
        .map_err(|e| format!("bad compressed body: {e}"))?;
    if out.len() > MAX_DOC_BYTES {
        return Err(too_big(out.len() as u64));
    }
    Ok(out)
}

/// Undoes HTTP chunked transfer coding; `None` when the framing is broken.
fn dechunk(mut b: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(b.len());
    loop {
        let nl = memchr_nl(b)?;
        let size_line = std::str::from_utf8(&b[..nl]).ok()?.trim();
        let size = usize::from_str_radix(size_line.split(';').next()?.trim(), 16).ok()?;
        b = &b[nl + 1..];
        if size == 0 {
            return Some(out);
        }
        out.extend_from_slice(b.get(..size)?);
        b = b.get(size..)?;
        b = b
            .strip_prefix(b"\r\n")
            .or_else(|| b.strip_prefix(b"\n"))
            .unwrap_or(b);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn record(kind: &str, uri: &str, block: &[u8]) -> Vec<u8> {
        let mut r = format!(
            "WARC/1.1\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2024-11-18T09:30:00Z\r\n\
             WARC-Record-ID: <urn:uuid:{kind}-{}>\r\nContent-Length: {}\r\n\r\n",
            block.len(),
            block.len()
        )
        .into_bytes();
        r.extend_from_slice(block);
        r.extend_from_slice(b"\r\n\r\n");
        r
    }

    fn http(ctype: &str, extra: &str, body: &[u8]) -> Vec<u8> {
        let mut b = format!("HTTP/1.1 200 OK\r\nContent-Type: {ctype}\r\n{extra}\r\n").into_bytes();
        b.extend_from_slice(body);
        b
    }

    fn archive() -> Vec<u8> {
        records().concat()
    }

    fn records() -> Vec<Vec<u8>> {
        let page = b"<html><body><p>The harbour authority said the pier would stay closed.</p></body></html>";
        let mut w = vec![record("warcinfo", "", b"software: test\r\n")];
        w.push(record(
            "request",
            "https://news.example/a",
            b"GET /a HTTP/1.1\r\nHost: news.example\r\n\r\n",
        ));
        w.push(record(
            "response",
            "https://news.example/a",
            &http("text/html; charset=iso-8859-1", "", page),
        ));
        w.push(record(
            "response",
            "https://news.example/logo.png",
            &http("image/png", "", b"\x89PNG...."),
        ));
        let chunked =
            b"1b\r\n<html><body><p>Chunked page\r\n14\r\n with more text.</p>\r\n0\r\n\r\n";
        w.push(record(
            "response",
            "https://news.example/b",
            &http("text/html", "Transfer-Encoding: chunked\r\n", chunked),
        ));
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(b"<html><body><p>Compressed page.</p></body></html>")
            .unwrap();
        w.push(record(
            "response",
            "https://news.example/c",
            &http(
                "text/html",
                "Content-Encoding: gzip\r\n",
                &gz.finish().unwrap(),
            ),
        ));
        w
    }

    fn collect(bytes: &[u8]) -> Vec<Item> {
        let mut out = Vec::new();
        read_reader("t.warc", bytes, &mut |i| out.push(i));
        out
    }

    #[test]
    fn html_responses_become_documents_and_the_rest_is_skipped() {
        let items = collect(&archive());
        let docs: Vec<&RawDoc> = items
            .iter()
            .filter_map(|i| if let Item::Doc(d) = i { Some(d) } else { None })
            .collect();
        let skipped = items
            .iter()
            .filter(|i| matches!(i, Item::Skipped { .. }))
            .count();
        assert_eq!((docs.len(), skipped), (3, 3), "{items:?}");
        assert_eq!(
            docs[0].fields.url.as_deref(),
            Some("https://news.example/a")
        );
        assert_eq!(docs[0].fields.date.as_deref(), Some("2024-11-18T09:30:00Z"));
        assert_eq!(docs[0].fields.charset.as_deref(), Some("iso-8859-1"));
        assert_eq!(docs[0].record, Some(3));
        assert!(docs[0].bytes.starts_with(b"<html>"));
        assert_eq!(
            docs[1].bytes,
            b"<html><body><p>Chunked page with more text.</p>"
        );
        assert_eq!(
            docs[2].bytes,
            b"<html><body><p>Compressed page.</p></body></html>"
        );
    }

    #[test]
    fn gzip_members_per_record() {
        let mut gz = Vec::new();
        // One member per record, as WARC writers do.
        for rec in records() {
            let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
            e.write_all(&rec).unwrap();
            gz.extend(e.finish().unwrap());
        }
        let items = collect(&gz);
        assert_eq!(
            items.iter().filter(|i| matches!(i, Item::Doc(_))).count(),
            3
        );
    }

    #[test]
    fn truncation_is_an_error_after_the_good_records() {
        let a = archive();
        let cut = &a[..a.len() - 40];
        let items = collect(cut);
        assert!(
            matches!(items.last(), Some(Item::Error(e)) if e.message.contains("truncated")),
            "{items:?}"
        );
        assert_eq!(
            items.iter().filter(|i| matches!(i, Item::Doc(_))).count(),
            2
        );
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        e.write_all(&a).unwrap();
        let gz = e.finish().unwrap();
        let items = collect(&gz[..gz.len() - 30]);
        assert!(matches!(items.last(), Some(Item::Error(_))), "{items:?}");
    }

    #[test]
    fn not_a_warc() {
        let items = collect(b"<html>hello</html>");
        assert!(matches!(&items[..], [Item::Error(e)] if e.message.contains("not a WARC")));
        assert!(matches!(&collect(b"")[..], [Item::Error(_)]));
    }

    proptest::proptest! {
        #[test]
        fn arbitrary_bytes_never_panic(cut in 0usize..2000, noise in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..64)) {
            let mut a = archive();
            a.truncate(cut.min(a.len()));
            a.extend(noise);
            let _ = collect(&a);
        }
    }
}
