//! The map from a derived text back to the bytes it came from.
//!
//! Cleaning and decoding never edit text in place: they copy runs of the source, replace
//! some runs (an HTML entity, a Windows-1252 byte) and insert a few separators. An
//! [`OffsetMap`] records that as a list of pieces, so any span of the derived text can be
//! shown in the original bytes. A piece whose two sides have the same length is a verbatim
//! copy and maps byte for byte; any other piece is atomic: a span that starts or ends inside
//! it is widened to the whole source run.

use serde::{Deserialize, Serialize};

use crate::Span;

/// One run of derived bytes `[dst, dst + dst_len)` standing for source bytes `[src, src + src_len)`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Piece {
    pub dst: u32,
    pub dst_len: u32,
    pub src: u32,
    pub src_len: u32,
}

impl Piece {
    fn linear(&self) -> bool {
        self.dst_len == self.src_len
    }
    fn dst_end(&self) -> u32 {
        self.dst + self.dst_len
    }
}

/// Maps byte offsets of a derived text (the clean text) to byte offsets of its source.
///
/// Invariants: pieces are sorted, contiguous from 0 on the derived side, never empty on the
/// derived side, and non-decreasing on the source side.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OffsetMap {
    pieces: Vec<Piece>,
}

impl OffsetMap {
    /// The map of a text that is a verbatim copy of its source.
    pub fn identity(len: usize) -> OffsetMap {
        let mut b = OffsetMapBuilder::default();
        b.copy(0, len);
        b.finish()
    }

    pub fn pieces(&self) -> &[Piece] {
        &self.pieces
    }

    /// Length of the derived text this map covers.
    pub fn len(&self) -> usize {
        self.pieces.last().map_or(0, |p| p.dst_end() as usize)
    }

    pub fn is_empty(&self) -> bool {
        self.pieces.is_empty()
    }

    /// Where a span that starts at derived offset `o` starts in the source.
    pub fn start_to_source(&self, o: usize) -> usize {
        let o = o as u32;
        let Some(last) = self.pieces.last() else {
            return 0;
        };
        if o >= last.dst_end() {
            return (last.src + last.src_len) as usize;
        }
        // The piece with dst <= o < dst_end.
        let i = self.pieces.partition_point(|p| p.dst_end() <= o);
        let p = self.pieces[i];
        if p.linear() {
            (p.src + (o - p.dst)) as usize
        } else {
            p.src as usize
        }
    }

    /// Where a span that ends at derived offset `o` ends in the source.
    pub fn end_to_source(&self, o: usize) -> usize {
        let o = o as u32;
        let Some(first) = self.pieces.first() else {
            return 0;
        };
        if o == 0 {
            return first.src as usize;
        }
        // The piece with dst < o <= dst_end.
        let i = self
            .pieces
            .partition_point(|p| p.dst_end() < o)
            .min(self.pieces.len() - 1);
        let p = self.pieces[i];
        if p.linear() {
            (p.src + (o - p.dst).min(p.dst_len)) as usize
        } else {
            (p.src + p.src_len) as usize
        }
    }

    /// The source bytes a derived span came from.
    pub fn to_source(&self, span: Span) -> Span {
        let start = self.start_to_source(span.start as usize);
        let end = self.end_to_source(span.end as usize).max(start);
        Span::new(start, end)
    }

    /// Chains two maps: `self` maps C to B and `inner` maps B to A; the result maps C to A.
    pub fn compose(&self, inner: &OffsetMap) -> OffsetMap {
        let mut b = OffsetMapBuilder::default();
        for p in &self.pieces {
            if p.linear() && !inner.pieces.is_empty() {
                // Split the verbatim run where the inner map changes piece.
                let (lo, hi) = (p.src, p.src + p.src_len);
                let mut i = inner.pieces.partition_point(|q| q.dst_end() <= lo);
                let mut at = lo;
                while at < hi && i < inner.pieces.len() {
                    let q = inner.pieces[i];
                    let seg_end = q.dst_end().min(hi);
                    let n = (seg_end - at) as usize;
                    if q.linear() {
                        b.copy((q.src + (at - q.dst)) as usize, n);
                    } else {
                        b.replace(q.src as usize..(q.src + q.src_len) as usize, n);
                    }
                    at = seg_end;
                    i += 1;
                }
                if at < hi {
                    let end = inner.end_to_source(at as usize);
                    b.replace(end..end, (hi - at) as usize);
                }
            } else {
                let s = inner.start_to_source(p.src as usize);
                let e = inner.end_to_source((p.src + p.src_len) as usize).max(s);
                b.replace(s..e, p.dst_len as usize);
            }
        }
        b.finish()
    }

    /// Flat little-endian encoding for storage: four `u32` per piece.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.pieces.len() * 16);
        for p in &self.pieces {
            for v in [p.dst, p.dst_len, p.src, p.src_len] {
                out.extend_from_slice(&v.to_le_bytes());
            }
        }
        out
    }

    /// Reads what [`OffsetMap::to_bytes`] wrote; `None` when the bytes are not such a map.
    pub fn from_bytes(bytes: &[u8]) -> Option<OffsetMap> {
        if !bytes.len().is_multiple_of(16) {
            return None;
        }
        let word = |c: &[u8]| u32::from_le_bytes([c[0], c[1], c[2], c[3]]);
        let pieces: Vec<Piece> = bytes
            .chunks_exact(16)
            .map(|c| Piece {
                dst: word(&c[0..4]),
                dst_len: word(&c[4..8]),
                src: word(&c[8..12]),
                src_len: word(&c[12..16]),
            })
            .collect();
        let mut expect = 0;
        for p in &pieces {
            if p.dst != expect || p.dst_len == 0 {
                return None;
            }
            expect = p.dst_end();
        }
        Some(OffsetMap { pieces })
    }
}

/// Builds an [`OffsetMap`] while a derived text is written, one run at a time.
#[derive(Debug, Default)]
pub struct OffsetMapBuilder {
    pieces: Vec<Piece>,
    dst: u32,
}

impl OffsetMapBuilder {
    /// Derived length written so far.
    pub fn len(&self) -> usize {
        self.dst as usize
    }

    pub fn is_empty(&self) -> bool {
        self.dst == 0
    }

    /// `len` bytes copied verbatim from source offset `src`.
    pub fn copy(&mut self, src: usize, len: usize) {
        if len == 0 {
            return;
        }
        let (src, len) = (src as u32, len as u32);
        if let Some(last) = self.pieces.last_mut() {
            if last.linear() && last.src + last.src_len == src {
                last.dst_len += len;
                last.src_len += len;
                self.dst += len;
                return;
            }
        }
        self.push(Piece {
            dst: self.dst,
            dst_len: len,
            src,
            src_len: len,
        });
    }

    /// `dst_len` derived bytes standing for the source bytes `src` (which may be empty, for an
    /// inserted separator, or of another length, for a decoded entity or character).
    pub fn replace(&mut self, src: std::ops::Range<usize>, dst_len: usize) {
        if dst_len == 0 {
            return;
        }
        let p = Piece {
            dst: self.dst,
            dst_len: dst_len as u32,
            src: src.start as u32,
            src_len: (src.end - src.start) as u32,
        };
        if p.linear() {
            self.copy(src.start, dst_len);
        } else {
            self.push(p);
        }
    }

    /// `dst_len` derived bytes with no source of their own, placed at source offset `at`.
    pub fn insert(&mut self, at: usize, dst_len: usize) {
        self.replace(at..at, dst_len);
    }

    fn push(&mut self, p: Piece) {
        self.dst += p.dst_len;
        self.pieces.push(p);
    }

    pub fn finish(self) -> OffsetMap {
        OffsetMap {
            pieces: self.pieces,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn identity_maps_each_offset_to_itself() {
        let m = OffsetMap::identity(10);
        assert_eq!(m.to_source(Span::new(2, 7)), Span::new(2, 7));
        assert_eq!(m.to_source(Span::new(0, 10)), Span::new(0, 10));
    }

    #[test]
    fn dropped_lines_and_entities() {
        // Source: "chrome\nA &amp; B\n" ; clean: "A & B"
        let mut b = OffsetMapBuilder::default();
        b.copy(7, 2); // "A "
        b.replace(9..14, 1); // "&amp;" -> "&"
        b.copy(14, 2); // " B"
        let m = b.finish();
        assert_eq!(m.len(), 5);
        assert_eq!(m.to_source(Span::new(0, 1)), Span::new(7, 8));
        assert_eq!(m.to_source(Span::new(2, 3)), Span::new(9, 14));
        assert_eq!(m.to_source(Span::new(4, 5)), Span::new(15, 16));
        assert_eq!(m.to_source(Span::new(0, 5)), Span::new(7, 16));
    }

    #[test]
    fn compose_goes_through_both_maps() {
        // A (source, windows-1252 style): one byte "\xe9" decoded into two bytes "é".
        let mut inner = OffsetMapBuilder::default();
        inner.copy(0, 3); // "caf"
        inner.replace(3..4, 2); // "é"
        inner.copy(4, 6); // " noir\n"
        let inner = inner.finish();
        // Clean text drops the trailing newline and the "caf" part.
        let mut outer = OffsetMapBuilder::default();
        outer.copy(3, 7); // "é noir"
        let outer = outer.finish();
        let m = outer.compose(&inner);
        assert_eq!(m.to_source(Span::new(0, 2)), Span::new(3, 4));
        assert_eq!(m.to_source(Span::new(3, 7)), Span::new(5, 9));
    }

    #[test]
    fn bytes_round_trip() {
        let mut b = OffsetMapBuilder::default();
        b.copy(5, 3);
        b.insert(8, 2);
        b.replace(8..12, 1);
        let m = b.finish();
        assert_eq!(OffsetMap::from_bytes(&m.to_bytes()), Some(m));
        assert_eq!(OffsetMap::from_bytes(&[1, 2, 3]), None);
    }

    /// A random edit script: copy some bytes, skip some, replace some.
    fn script() -> impl Strategy<Value = Vec<(u8, u8)>> {
        proptest::collection::vec((0u8..3, 1u8..8), 0..40)
    }

    fn build(ops: &[(u8, u8)]) -> (OffsetMap, usize) {
        let mut b = OffsetMapBuilder::default();
        let mut src = 0usize;
        for &(op, n) in ops {
            let n = n as usize;
            match op {
                0 => {
                    b.copy(src, n);
                    src += n;
                }
                1 => src += n,
                _ => {
                    b.replace(src..src + n, n / 2 + 1);
                    src += n;
                }
            }
        }
        (b.finish(), src)
    }

    proptest! {
        #[test]
        fn mapping_is_monotone_and_in_bounds(ops in script(), a in 0usize..200, w in 0usize..50) {
            let (m, src_len) = build(&ops);
            let len = m.len();
            let s = a.min(len);
            let e = (s + w).min(len);
            let span = m.to_source(Span::new(s, e));
            prop_assert!(span.start <= span.end);
            prop_assert!(span.end as usize <= src_len);
            if e < len {
                let wider = m.to_source(Span::new(s, e + 1));
                prop_assert!(wider.end >= span.end);
                prop_assert!(wider.start == span.start);
            }
        }

        #[test]
        fn compose_with_identity_is_the_same_map(ops in script()) {
            let (m, src_len) = build(&ops);
            let id = OffsetMap::identity(src_len.max(1));
            let c = m.compose(&id);
            for o in 0..=m.len() {
                prop_assert_eq!(c.start_to_source(o), m.start_to_source(o));
                prop_assert_eq!(c.end_to_source(o), m.end_to_source(o));
            }
        }

        #[test]
        fn stored_bytes_round_trip(ops in script()) {
            let (m, _) = build(&ops);
            prop_assert_eq!(OffsetMap::from_bytes(&m.to_bytes()), Some(m));
        }
    }
}
