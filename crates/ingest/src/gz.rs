//! gzip-compressed inputs: `x.jsonl.gz` streams line by line, `x.txt.gz` or `x.html.gz` is one
//! document. A truncated member keeps what was read before the damage and reports the rest.

use std::io::Read;

use flate2::read::MultiGzDecoder;

use crate::{jsonl, read_bytes, too_big, Format, Item, ReadError, MAX_DOC_BYTES};

pub(crate) fn read_reader(name: &str, bytes: &[u8], sink: &mut dyn FnMut(Item)) {
    read_decoder(name, None, bytes, sink)
}

pub(crate) fn read_decoder(
    name: &str,
    inner: Option<Format>,
    reader: impl Read,
    sink: &mut dyn FnMut(Item),
) {
    let mut dec = MultiGzDecoder::new(reader);
    if inner == Some(Format::Jsonl) {
        return jsonl::read_reader(name, GzErrors(dec), sink);
    }
    let mut bytes = Vec::new();
    if let Err(e) = (&mut dec)
        .take(MAX_DOC_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
    {
        return sink(Item::Error(ReadError::new(name, None, gz_message(&e))));
    }
    if bytes.len() > MAX_DOC_BYTES {
        return sink(Item::Error(ReadError::new(
            name,
            None,
            too_big(bytes.len() as u64),
        )));
    }
    let format = match inner {
        Some(f) if f != Format::Gzip => f,
        _ => Format::sniff(&bytes),
    };
    if format == Format::Gzip {
        return sink(Item::Error(ReadError::new(
            name,
            None,
            "gzip inside gzip is not read",
        )));
    }
    read_bytes(name, format, bytes, sink)
}

fn gz_message(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::UnexpectedEof => {
            "truncated gzip: the file ends in the middle of compressed data".into()
        }
        _ => format!("corrupt gzip: {e}"),
    }
}

/// Rewords decompression errors so the JSONL reader's message says what went wrong.
struct GzErrors<R>(R);

impl<R: Read> Read for GzErrors<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        self.0
            .read(buf)
            .map_err(|e| std::io::Error::new(e.kind(), gz_message(&e)))
    }
}
