//! HTML: the bytes of one web page in, its main text out.
//!
//! Takes the raw bytes of a page (any encoding, any amount of broken markup) and gives the
//! article's main text — headings, paragraphs and list items in reading order, blocks separated by
//! a blank line — with an exact [`OffsetMap`] from every byte of that text back to the original
//! bytes, the [`Block`]s it is made of, and the page's metadata (title, date, author, outlet,
//! canonical URL, language), each with where it was found and how far it is trusted.
//!
//! How: the bytes are decoded once (BOM, then declared charset, then detection) into UTF-8; one
//! streaming `lol_html` pass gives every element and text run with its source byte range; the
//! extractor builds its own element tree and a list of text blocks with their features (tag
//! path, class and id hints, link density, length), picks the subtree that holds the most
//! article-like text net of boilerplate, and drops what is chrome inside it.
//!
//! A bare page — no element with a class, id, role or itemprop and no sectioning element, as when plain text is wrapped in `<p>`s — gives every block that is not a
//! link list, short lines included, and says so ([`Extracted::bare`]): markup cannot tell its
//! headline from its site furniture, only the words can, and that is the text cleaner's job.
//!
//! Does not: run scripts, fetch anything, follow pagination, or split sentences.

mod decode;
mod entities;
mod entities_table;
mod meta;
mod parse;
mod select;

use dossier_core::{Block, Metadata, OffsetMap, Span};

pub use decode::{decode, Decoded};

/// The largest page accepted; offsets are `u32`.
pub const MAX_PAGE_BYTES: usize = u32::MAX as usize;

/// What [`extract`] gives for one page.
#[derive(Clone, Debug, Default)]
pub struct Extracted {
    /// The main text: blocks separated by `"\n\n"`.
    pub text: String,
    /// Offsets of `text` to offsets of the original bytes.
    pub map: OffsetMap,
    /// The blocks of `text`, in order.
    pub blocks: Vec<Block>,
    pub meta: Metadata,
    /// The character encoding the bytes were decoded from (WHATWG name).
    pub encoding: String,
    /// The page has no markup that tells the article from its surroundings (see the crate
    /// doc): every block but link lists is in `text`, and
    /// the caller should apply text-level rules for headline, date line, byline and chrome.
    pub bare: bool,
    /// Short blocks near the top of the article, nearest to its start first, with their source
    /// bytes: where a visible date line ("Published 12 March 2024") or byline is written. Empty
    /// on a bare page, whose lines are all in `text`.
    pub lead: Vec<(String, Span)>,
}

#[derive(Debug, thiserror::Error)]
pub enum HtmlError {
    #[error("page of {0} bytes is larger than the {MAX_PAGE_BYTES}-byte limit")]
    TooLarge(usize),
    #[error("not an HTML page: the bytes look binary ({0})")]
    Binary(&'static str),
    #[error("HTML parser failed: {0}")]
    Parse(String),
}

/// Decodes `bytes`, finds the main text and the metadata.
///
/// `charset_hint` is a declared character set (an HTTP header, a feed's encoding); `url` is where
/// the page was fetched from (used for its date and as a fallback canonical URL).
pub fn extract(
    bytes: &[u8],
    charset_hint: Option<&str>,
    url: Option<&str>,
) -> Result<Extracted, HtmlError> {
    if bytes.len() > MAX_PAGE_BYTES {
        return Err(HtmlError::TooLarge(bytes.len()));
    }
    if let Some(why) = decode::looks_binary(bytes) {
        return Err(HtmlError::Binary(why));
    }
    let decoded = decode::decode(bytes, charset_hint, url);
    let page = parse::parse(&decoded.text)?;
    let chosen = select::select(&page);
    let bare = select::is_bare(&page);
    let lead = if bare {
        Vec::new()
    } else {
        select::lead_blocks(&page, &chosen)
            .into_iter()
            .map(|i| {
                let b = &page.blocks[i];
                let p = &page.pieces[b.pieces.clone()];
                let src = match (p.first(), p.last()) {
                    (Some(f), Some(l)) => {
                        decoded.to_source(f.src as usize..(l.src + l.src_len) as usize)
                    }
                    _ => Span::default(),
                };
                (page.block_text(b).trim().to_string(), src)
            })
            .collect()
    };
    let (text, map, blocks) = select::assemble(&page, &chosen);
    let map = match &decoded.map {
        Some(inner) => map.compose(inner),
        None => map,
    };
    let meta = meta::metadata(&page, &decoded, url);
    Ok(Extracted {
        text,
        map,
        blocks,
        meta,
        encoding: decoded.encoding.name().to_string(),
        bare,
        lead,
    })
}

#[cfg(test)]
mod tests;

/// A line per text block of the page: whether it was kept, how it was classed, its features
/// and its first words. For looking into an extraction that went wrong.
pub fn explain(bytes: &[u8]) -> Result<String, HtmlError> {
    let decoded = decode::decode(bytes, None, None);
    let page = parse::parse(&decoded.text)?;
    Ok(select::explain(&page, &decoded.text))
}
