//! Which blocks are the article: the subtree with the most article-like text net of
//! boilerplate, then the chrome inside it dropped.

use dossier_core::{Block, BlockKind, OffsetMap, OffsetMapBuilder, Span};

use crate::parse::{fl, Page, TextBlock, NO_NODE};

/// What a block looks like on its own.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Class {
    /// Running text: a weight for the container search.
    Good(f32),
    /// Short or ambiguous: kept only between good blocks.
    Neutral,
    /// A sentence with many links: a cost for the container search, kept between good blocks.
    Linky(f32),
    /// Navigation, link lists, marked boilerplate: a cost for the container search.
    Bad(f32),
}

/// Classes a block on its own features; `marked` says an enclosing element is boilerplate.
pub(crate) fn classify(b: &TextBlock, marked: bool) -> Class {
    let chars = b.chars.max(1) as f32;
    let ld = b.link_chars as f32 / chars;
    if marked {
        return Class::Bad(chars);
    }
    if ld > 0.5 {
        let sentence = b.kind & fl::PARA != 0 && b.words >= 10 && b.stops > 0 && ld <= 0.8;
        return if sentence {
            Class::Linky(chars)
        } else {
            Class::Bad(chars)
        };
    }
    let running = b.words >= 10 && ld <= 0.33 && (b.stops > 0 || b.words >= 25);
    if running && b.kind & fl::HEADING == 0 {
        Class::Good(chars * (1.0 - ld))
    } else {
        Class::Neutral
    }
}

/// The per-page judgement: each block's class, and each node's subtree end.
pub(crate) struct Judged {
    pub classes: Vec<Class>,
    pub end: Vec<u32>,
    pub container: Option<usize>,
}

/// Subtree sums of a per-block weight; nodes are in document order, so children follow parents.
fn subtree_sums(page: &Page, weight: impl Fn(usize) -> f32) -> Vec<f32> {
    let n = page.nodes.len();
    let mut sum = vec![0f32; n];
    for (i, b) in page.blocks.iter().enumerate() {
        if b.node != NO_NODE {
            sum[b.node as usize] += weight(i);
        }
    }
    for i in (0..n).rev() {
        let p = page.nodes[i].parent;
        if p != NO_NODE {
            sum[p as usize] += sum[i];
        }
    }
    sum
}

pub(crate) fn judge(page: &Page) -> Judged {
    let n = page.nodes.len();
    // Which boilerplate marks hold: a mark on an element that wraps most of the page's running
    // text and the element the page calls its content ("page-ad-margins" around the article)
    // is a layout class, not a verdict.
    let intrinsic: Vec<Class> = page.blocks.iter().map(|b| classify(b, false)).collect();
    let g = subtree_sums(page, |i| {
        if let Class::Good(w) = intrinsic[i] {
            w
        } else {
            0.0
        }
    });
    let total: f32 = page
        .blocks
        .iter()
        .zip(&intrinsic)
        .map(|(_, c)| if let Class::Good(w) = c { *w } else { 0.0 })
        .sum();
    let mut has_content = vec![false; n];
    let mut end: Vec<u32> = (1..=n as u32).collect();
    for i in (0..n).rev() {
        let p = page.nodes[i].parent;
        if p != NO_NODE {
            let p = p as usize;
            has_content[p] |= has_content[i]
                || page.nodes[i].flags & fl::CONTENT != 0 && page.nodes[i].flags & fl::NEG == 0;
            end[p] = end[p].max(end[i]);
        }
    }
    let mut marked = vec![false; n];
    for i in 0..n {
        let nd = &page.nodes[i];
        let own =
            nd.flags & (fl::NEG | fl::CHROME) != 0 && !(has_content[i] && g[i] >= 0.5 * total);
        marked[i] = own || nd.parent != NO_NODE && marked[nd.parent as usize];
    }
    let classes: Vec<Class> = page
        .blocks
        .iter()
        .map(|b| classify(b, b.node != NO_NODE && marked[b.node as usize]))
        .collect();
    let good = subtree_sums(page, |i| {
        if let Class::Good(w) = classes[i] {
            w
        } else {
            0.0
        }
    });
    let bad = subtree_sums(page, |i| {
        if let Class::Bad(w) = classes[i] {
            w
        } else {
            0.0
        }
    });
    let mut container = None;
    let mut best = 0f32;
    for i in 0..n {
        let score = good[i] - bad[i];
        if good[i] > 0.0 && score >= best {
            best = score;
            container = Some(i);
        }
    }
    Judged {
        classes,
        end,
        container,
    }
}

/// True when nothing in the markup tells the article from its surroundings: no element with a
/// class, id, role or itemprop (even one whose words say nothing to us: generated class names
/// are still structure), no sectioning element (nav, header, article, main, aside, footer,
/// form). Such a page is plain text in tags (a scrape saved as HTML, text
/// wrapped in `<p>`s), and the short lines around its prose — headline, date line, byline, site
/// furniture — can only be told apart by the words they hold, which is the text cleaner's job.
pub(crate) fn is_bare(page: &Page) -> bool {
    const MARKUP: u32 = fl::NEG
        | fl::POS
        | fl::CHROME
        | fl::HEADER
        | fl::ARTICLE
        | fl::MAIN
        | fl::ARTICLE_BODY
        | fl::FORM
        | fl::NAMED;
    page.nodes.iter().all(|n| n.flags & MARKUP == 0)
}

/// The indices of the blocks that make the main text, in order. On a bare page (see
/// [`is_bare`]) every block but link lists is kept, short lines included.
pub(crate) fn select(page: &Page) -> Vec<usize> {
    let j = judge(page);
    if is_bare(page) {
        return (0..page.blocks.len())
            .filter(|&i| !matches!(j.classes[i], Class::Bad(_)))
            .collect();
    }
    let inside = |b: &TextBlock| match j.container {
        Some(c) => b.node != NO_NODE && (c as u32) <= b.node && b.node < j.end[c],
        None => true,
    };
    let mut chosen: Vec<usize> = (0..page.blocks.len())
        .filter(|&i| inside(&page.blocks[i]) && !matches!(j.classes[i], Class::Bad(_)))
        .collect();
    if j.container.is_some() {
        // Short blocks before the first and after the last paragraph are the container's chrome,
        // unless they are sentences that run on from it.
        let is_good = |i: usize| matches!(j.classes[i], Class::Good(_));
        let runs_on = |i: usize| {
            let b = &page.blocks[i];
            b.kind & fl::PARA != 0
                && b.stops > 0
                && b.words >= 5
                && matches!(j.classes[i], Class::Neutral)
        };
        let Some(mut first) = chosen.iter().position(|&i| is_good(i)) else {
            return Vec::new();
        };
        let mut last = chosen
            .iter()
            .rposition(|&i| is_good(i))
            .map_or(chosen.len(), |p| p + 1);
        while first > 0 && chosen[first - 1] + 1 == chosen[first] && runs_on(chosen[first - 1]) {
            first -= 1;
        }
        while last < chosen.len() && chosen[last] == chosen[last - 1] + 1 && runs_on(chosen[last]) {
            last += 1;
        }
        chosen = chosen[first..last].to_vec();
    }
    chosen
}

/// Blocks near the top of the article where a visible date line or byline is written, nearest
/// to the article's start first: up to [`LEAD_BEFORE`] short blocks before the first chosen one
/// (trimmed as chrome or marked as meta), then the first short chosen blocks.
pub(crate) fn lead_blocks(page: &Page, chosen: &[usize]) -> Vec<usize> {
    const LEAD_BEFORE: usize = 12;
    const LEAD_WITHIN: usize = 3;
    let Some(&first) = chosen.first() else {
        return Vec::new();
    };
    let short = |i: &usize| page.blocks[*i].words <= 16;
    (first.saturating_sub(LEAD_BEFORE)..first)
        .rev()
        .chain(chosen.iter().copied().take(LEAD_WITHIN))
        .filter(short)
        .collect()
}

/// The clean text of the chosen blocks, its map to the decoded page, and the block spans.
pub(crate) fn assemble(page: &Page, chosen: &[usize]) -> (String, OffsetMap, Vec<Block>) {
    let mut text = String::new();
    let mut map = OffsetMapBuilder::default();
    let mut blocks = Vec::with_capacity(chosen.len());
    let mut prev_end = 0usize;
    for &i in chosen {
        let b = &page.blocks[i];
        let body = page.block_text(b);
        // Blocks are written without outer whitespace, except inside <pre>.
        let lead = body.len() - body.trim_start().len();
        let keep = lead..body.trim_end().len().max(lead);
        if keep.is_empty() {
            continue;
        }
        let pieces = &page.pieces[b.pieces.clone()];
        if !text.is_empty() {
            text.push_str("\n\n");
            let next_src = pieces.first().map_or(prev_end, |p| p.src as usize);
            map.insert(prev_end.min(next_src), 2);
        }
        let start = text.len();
        text.push_str(&body[keep.clone()]);
        let base = b.text.start as u32;
        for p in pieces {
            // The part of this piece inside `keep`, in block offsets.
            let (d0, d1) = ((p.dst - base) as usize, (p.dst - base + p.dst_len) as usize);
            let (lo, hi) = (d0.max(keep.start), d1.min(keep.end));
            if lo >= hi {
                continue;
            }
            let (src, src_len) = (p.src as usize, p.src_len as usize);
            if p.dst_len == p.src_len {
                map.copy(src + (lo - d0), hi - lo);
                prev_end = src + (hi - d0);
            } else {
                map.replace(src..src + src_len, hi - lo);
                prev_end = src + src_len;
            }
        }
        blocks.push(Block {
            span: Span::new(start, text.len()),
            kind: kind_of(b),
        });
    }
    (text, map.finish(), blocks)
}

fn kind_of(b: &TextBlock) -> BlockKind {
    if b.kind & fl::HEADING != 0 {
        BlockKind::Heading
    } else if b.kind & fl::LIST_ITEM != 0 {
        BlockKind::ListItem
    } else if b.kind & fl::QUOTE != 0 {
        BlockKind::Quote
    } else {
        BlockKind::Paragraph
    }
}

/// With `html`, each block also shows the start tags of its element path that carry flags.
pub(crate) fn explain(page: &Page, html: &str) -> String {
    use std::fmt::Write;
    let chosen = select(page);
    let j = judge(page);
    let mut out = String::new();
    for (i, b) in page.blocks.iter().enumerate() {
        let text: String = page.block_text(b).chars().take(90).collect();
        let mark = if chosen.contains(&i) { '+' } else { ' ' };
        let _ = writeln!(
            out,
            "{mark}{i:4} {:?} node={} kind={:#x} path={:#x} chars={} links={} words={} stops={} | {}",
            j.classes[i],
            b.node,
            b.kind,
            b.path,
            b.chars,
            b.link_chars,
            b.words,
            b.stops,
            text.replace('\n', " ")
        );
        let mut n = b.node;
        let mut chain = Vec::new();
        while n != NO_NODE && chain.len() < 40 {
            let nd = &page.nodes[n as usize];
            if nd.flags & (fl::NEG | fl::POS | fl::CHROME | fl::ARTICLE_BODY | fl::SKIP) != 0 {
                let tag = html.get(nd.at as usize..).unwrap_or("");
                let end = tag.find('>').map_or(tag.len(), |e| e + 1).min(120);
                chain.push(format!("{:#x}:{}", nd.flags, tag.get(..end).unwrap_or("")));
            }
            n = nd.parent;
        }
        if !chain.is_empty() {
            let _ = writeln!(out, "        {}", chain.join(" < "));
        }
    }
    out
}
