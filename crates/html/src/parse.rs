//! One streaming pass over the decoded page: an element tree of our own (lol_html builds none),
//! the text blocks with their features and exact source pieces, and what the head declares.

use std::cell::RefCell;
use std::ops::Range;
use std::rc::Rc;

use lol_html::html_content::{Element, TextChunk, TextType};
use lol_html::{DocumentContentHandlers, ElementContentHandlers, HtmlRewriter, Selector, Settings};

use crate::entities;
use crate::HtmlError;

/// Elements nested deeper than this are not given nodes of their own (their text still counts,
/// for the deepest node), so a page of 10,000 nested tables costs no more than a normal one.
const MAX_DEPTH: usize = 256;
/// At most this many nodes; later elements only break blocks.
const MAX_NODES: usize = 1 << 21;

/// Tag and class flags of an element.
pub(crate) mod fl {
    /// Starts and ends a text block.
    pub const BLOCK: u32 = 1;
    /// Content never shown as text: scripts, styles, media, forms' controls, hidden elements.
    pub const SKIP: u32 = 1 << 1;
    /// A structural element that holds chrome: nav, aside, footer, menu, dialog.
    pub const CHROME: u32 = 1 << 2;
    pub const HEADING: u32 = 1 << 3;
    pub const LINK: u32 = 1 << 4;
    pub const PRE: u32 = 1 << 5;
    pub const LIST_ITEM: u32 = 1 << 6;
    pub const PARA: u32 = 1 << 7;
    pub const QUOTE: u32 = 1 << 8;
    /// class, id or role say boilerplate (and nothing says content).
    pub const NEG: u32 = 1 << 9;
    /// class, id or itemprop say content.
    pub const POS: u32 = 1 << 10;
    /// `<header>`: title, byline, date of an article or the site.
    pub const HEADER: u32 = 1 << 11;
    /// `<figure>`, `<figcaption>`: images and their captions.
    pub const FIGURE: u32 = 1 << 12;
    pub const CELL: u32 = 1 << 13;
    pub const LIST: u32 = 1 << 14;
    /// `itemprop="articleBody"` and the like: the page says this is the article.
    pub const ARTICLE_BODY: u32 = 1 << 15;
    pub const ARTICLE: u32 = 1 << 16;
    pub const MAIN: u32 = 1 << 17;
    pub const FORM: u32 = 1 << 18;
    pub const TABLE: u32 = 1 << 19;
    pub const BODY: u32 = 1 << 20;
    pub const ROW: u32 = 1 << 21;
    /// The element has a class, id, role or itemprop: markup we may or may not understand.
    pub const NAMED: u32 = 1 << 22;

    /// Flags a node passes down to its descendants.
    /// (NEG and CHROME are not: whether they hold for the subtree is decided once the whole
    /// page is known.)
    pub const INHERITED: u32 = SKIP
        | HEADING
        | LINK
        | PRE
        | HEADER
        | FIGURE
        | ARTICLE_BODY
        | ARTICLE
        | MAIN
        | FORM
        | CELL
        | LIST_ITEM;
    /// Flags that say "the article is here".
    pub const CONTENT: u32 = POS | ARTICLE | MAIN | ARTICLE_BODY;
}

pub(crate) const NO_NODE: u32 = u32::MAX;

#[derive(Clone, Debug)]
pub(crate) struct Node {
    pub parent: u32,
    /// The element's own flags.
    pub flags: u32,
    /// Own flags plus the inherited flags of all ancestors.
    pub path: u32,
    pub open: bool,
    /// Where the start tag is in the decoded page.
    pub at: u32,
}

/// A run of derived text standing for a run of source (decoded-page) bytes.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Piece {
    pub dst: u32,
    pub dst_len: u32,
    pub src: u32,
    pub src_len: u32,
}

/// A paragraph-level run of text and its features.
#[derive(Clone, Debug)]
pub(crate) struct TextBlock {
    /// The innermost open element when the block's text began.
    pub node: u32,
    /// Flags of the nearest block-level element (its kind) and the path flags of `node`.
    pub kind: u32,
    pub path: u32,
    pub text: Range<usize>,
    pub pieces: Range<usize>,
    pub chars: u32,
    pub link_chars: u32,
    pub words: u32,
    /// Sentence-ending punctuation marks.
    pub stops: u32,
}

#[derive(Clone, Debug)]
pub(crate) struct MetaTag {
    /// `name`, `property` or `itemprop`, lower-cased.
    pub key: String,
    pub content: String,
    pub at: Range<usize>,
}

/// What the page declares about itself.
#[derive(Clone, Debug, Default)]
pub(crate) struct Head {
    pub title: Option<(String, Range<usize>)>,
    pub metas: Vec<MetaTag>,
    pub canonical: Option<(String, Range<usize>)>,
    pub lang: Option<String>,
    pub ld_json: Vec<(String, Range<usize>)>,
    /// `<time datetime>` values with their element.
    pub times: Vec<(String, Range<usize>, u32)>,
}

#[derive(Debug, Default)]
pub(crate) struct Page {
    pub nodes: Vec<Node>,
    pub blocks: Vec<TextBlock>,
    /// The text of all blocks, back to back.
    pub buf: String,
    pub pieces: Vec<Piece>,
    pub head: Head,
}

impl Page {
    pub(crate) fn block_text(&self, b: &TextBlock) -> &str {
        &self.buf[b.text.clone()]
    }
}

enum Capture {
    None,
    Title(u32, String, usize, usize),
    LdJson(u32, String, usize, usize),
}

/// The block being written.
struct Cur {
    node: u32,
    kind: u32,
    path: u32,
    text_start: usize,
    piece_start: usize,
    chars: u32,
    link_chars: u32,
    words: u32,
    stops: u32,
    in_word: bool,
    /// A whitespace run not yet written (written as one space before the next text).
    pending_ws: Option<(usize, usize)>,
}

struct State {
    page: Page,
    stack: Vec<u32>,
    /// Elements opened beyond the node limits, so their end tags are not mistaken for others.
    overflow: usize,
    cur: Option<Cur>,
    capture: Capture,
}

/// Parses a decoded page.
pub(crate) fn parse(html: &str) -> Result<Page, HtmlError> {
    let state = Rc::new(RefCell::new(State {
        page: Page::default(),
        stack: Vec::new(),
        overflow: 0,
        cur: None,
        capture: Capture::None,
    }));
    {
        let st_el = state.clone();
        let st_text = state.clone();
        let any: Selector = "*".parse().map_err(|e| HtmlError::Parse(format!("{e}")))?;
        let settings = Settings::new()
            .append_element_content_handler((
                std::borrow::Cow::Owned(any),
                ElementContentHandlers::default().element(move |el: &mut Element| {
                    on_element(&st_el, el);
                    Ok(())
                }),
            ))
            .append_document_content_handler(DocumentContentHandlers::default().text(
                move |t: &mut TextChunk| {
                    st_text.borrow_mut().on_text(t);
                    Ok(())
                },
            ))
            .with_strict(false);
        let mut rw = HtmlRewriter::new(settings, |_: &[u8]| {});
        rw.write(html.as_bytes())
            .map_err(|e| HtmlError::Parse(e.to_string()))?;
        rw.end().map_err(|e| HtmlError::Parse(e.to_string()))?;
    }
    let mut st = match Rc::try_unwrap(state) {
        Ok(cell) => cell.into_inner(),
        Err(_) => return Err(HtmlError::Parse("parser state still shared".into())),
    };
    st.end_block();
    Ok(st.page)
}

fn on_element(state: &Rc<RefCell<State>>, el: &mut Element) {
    let name = el.tag_name();
    let mut flags = tag_flags(&name);
    let loc = el.source_location().bytes();
    let mut st = state.borrow_mut();
    let parent_path = st
        .stack
        .last()
        .map_or(0, |&n| st.page.nodes[n as usize].path);
    let skipping = parent_path & fl::SKIP != 0;

    let mut hint = String::new();
    for a in el.attributes() {
        let an = a.name();
        if matches!(an.as_str(), "class" | "id" | "role" | "itemprop") {
            flags |= fl::NAMED;
        }
        match an.as_str() {
            "class" | "id" | "role" => {
                hint.push(' ');
                hint.push_str(&a.value());
            }
            "itemprop" => {
                let v = a.value().to_ascii_lowercase();
                if v == "articlebody" || v == "text" && name != "meta" {
                    flags |= fl::ARTICLE_BODY;
                }
            }
            "hidden" => flags |= fl::SKIP,
            "aria-hidden"
                if a.value().trim().eq_ignore_ascii_case("true")
                    && name != "body"
                    && name != "html" =>
            {
                flags |= fl::SKIP
            }
            "style" => {
                let v = a.value().to_ascii_lowercase().replace(' ', "");
                if v.contains("display:none") || v.contains("visibility:hidden") {
                    flags |= fl::SKIP;
                }
            }
            _ => {}
        }
    }
    if !hint.is_empty() && !skipping {
        flags |= class_hint(&hint);
    }
    if matches!(name.as_str(), "html" | "body" | "main" | "article")
        || flags & fl::ARTICLE_BODY != 0
    {
        flags &= !fl::NEG;
    }
    // Boilerplate inside a paragraph (a hover card, a screen-reader note, a credit) is dropped
    // with its text; a link keeps its words, which belong to the sentence around it.
    if flags & (fl::NEG | fl::BLOCK) == fl::NEG && name != "a" {
        flags |= fl::SKIP;
    }

    if !skipping {
        head_info(&mut st, el, &name, &loc);
    }

    if name == "br" {
        st.line_break(loc.start);
    }
    if flags & fl::BLOCK != 0 {
        st.end_block();
    }
    st.implicit_close(flags);

    let is_ld = name == "script"
        && el
            .get_attribute("type")
            .is_some_and(|t| t.to_ascii_lowercase().contains("ld+json"));
    let Some(handlers) = el.end_tag_handlers() else {
        return;
    };
    if st.stack.len() >= MAX_DEPTH || st.page.nodes.len() >= MAX_NODES {
        st.overflow += 1;
        let s = state.clone();
        handlers.push(Box::new(move |_end| {
            let mut st = s.borrow_mut();
            st.overflow = st.overflow.saturating_sub(1);
            if flags & fl::BLOCK != 0 {
                st.end_block();
            }
            Ok(())
        }));
        return;
    }
    let id = st.page.nodes.len() as u32;
    let parent = st.stack.last().copied().unwrap_or(NO_NODE);
    let path = (parent_path & fl::INHERITED) | flags;
    st.page.nodes.push(Node {
        parent,
        flags,
        path,
        open: true,
        at: loc.start as u32,
    });
    st.stack.push(id);
    match name.as_str() {
        "title" if !skipping && st.page.head.title.is_none() => {
            st.capture = Capture::Title(id, String::new(), loc.end, loc.end)
        }
        "script" if is_ld => st.capture = Capture::LdJson(id, String::new(), loc.end, loc.end),
        _ => {}
    }
    let s = state.clone();
    handlers.push(Box::new(move |end| {
        s.borrow_mut()
            .close(id, end.source_location().bytes().start);
        Ok(())
    }));
}

/// Reads `<meta>`, `<link rel=canonical>`, `<html lang>` and `<time datetime>`.
fn head_info(st: &mut State, el: &Element, name: &str, loc: &Range<usize>) {
    match name {
        "meta" => {
            let key = el
                .get_attribute("property")
                .or_else(|| el.get_attribute("name"))
                .or_else(|| el.get_attribute("itemprop"));
            if let (Some(key), Some(content)) = (key, el.get_attribute("content")) {
                let key = key.trim().to_ascii_lowercase();
                let content = entities::decode_all(content.trim());
                if !key.is_empty() && !content.is_empty() && st.page.head.metas.len() < 1000 {
                    st.page.head.metas.push(MetaTag {
                        key,
                        content,
                        at: loc.clone(),
                    });
                }
            }
        }
        "link" => {
            let rel = el
                .get_attribute("rel")
                .unwrap_or_default()
                .to_ascii_lowercase();
            if rel.split_ascii_whitespace().any(|r| r == "canonical")
                && st.page.head.canonical.is_none()
            {
                if let Some(href) = el.get_attribute("href") {
                    st.page.head.canonical = Some((entities::decode_all(href.trim()), loc.clone()));
                }
            }
        }
        "html" => {
            if let Some(lang) = el
                .get_attribute("lang")
                .or_else(|| el.get_attribute("xml:lang"))
            {
                st.page.head.lang = Some(lang.trim().to_string());
            }
        }
        _ => {}
    }
    if let Some(dt) = el.get_attribute("datetime") {
        let node = st.page.nodes.len() as u32;
        if st.page.head.times.len() < 200 {
            st.page
                .head
                .times
                .push((entities::decode_all(dt.trim()), loc.clone(), node));
        }
    } else if let (Some(prop), Some(content)) =
        (el.get_attribute("itemprop"), el.get_attribute("content"))
    {
        if name != "meta" && st.page.head.metas.len() < 1000 {
            let key = prop.trim().to_ascii_lowercase();
            st.page.head.metas.push(MetaTag {
                key,
                content: entities::decode_all(content.trim()),
                at: loc.clone(),
            });
        }
    }
}

impl State {
    fn top_path(&self) -> u32 {
        self.stack
            .last()
            .map_or(0, |&n| self.page.nodes[n as usize].path)
    }

    fn on_text(&mut self, t: &TextChunk) {
        let s = t.as_str();
        if s.is_empty() {
            return;
        }
        let loc = t.source_location().bytes();
        match t.text_type() {
            TextType::Data => {}
            TextType::RCData => {
                if let Capture::Title(_, buf, start, end) = &mut self.capture {
                    if buf.is_empty() {
                        *start = loc.start;
                    }
                    buf.push_str(s);
                    *end = loc.end;
                }
                return;
            }
            TextType::ScriptData | TextType::RawText => {
                if let Capture::LdJson(_, buf, start, end) = &mut self.capture {
                    if buf.is_empty() {
                        *start = loc.start;
                    }
                    if buf.len() < (4 << 20) {
                        buf.push_str(s);
                    }
                    *end = loc.end;
                }
                return;
            }
            _ => return,
        }
        if self.top_path() & fl::SKIP != 0 {
            return;
        }
        self.text(s, loc.start);
    }

    /// Writes a Data text run whose first byte is at `base`: whitespace collapsed, references
    /// decoded, each piece tied to its source bytes.
    fn text(&mut self, s: &str, base: usize) {
        let b = s.as_bytes();
        let pre = self.top_path() & fl::PRE != 0;
        let mut run = 0;
        let mut i = 0;
        while i < b.len() {
            let c = b[i];
            let ws_len = if pre { 0 } else { ws_at(b, i) };
            if ws_len > 0 {
                self.run(&s[run..i], base + run);
                let mut j = i;
                loop {
                    let n = ws_at(b, j);
                    if n == 0 {
                        break;
                    }
                    j += n;
                }
                self.space(base + i, base + j);
                i = j;
                run = i;
            } else if c == b'&' {
                match entities::decode(&b[i..]) {
                    Some((e, n)) => {
                        self.run(&s[run..i], base + run);
                        if e.is_space() && !pre {
                            self.space(base + i, base + i + n);
                        } else if !e.is_invisible() {
                            let mut tmp = String::new();
                            e.write(&mut tmp);
                            self.emit(&tmp, base + i, n);
                        }
                        i += n;
                        run = i;
                    }
                    None => i += 1,
                }
            } else if c >= 0x80 && invisible_at(b, i) > 0 {
                self.run(&s[run..i], base + run);
                i += invisible_at(b, i);
                run = i;
            } else {
                i += 1;
            }
        }
        self.run(&s[run..], base + run);
    }

    /// A verbatim run of text.
    fn run(&mut self, s: &str, src: usize) {
        if !s.is_empty() {
            self.emit(s, src, s.len());
        }
    }

    fn space(&mut self, from: usize, to: usize) {
        // Whitespace right after a `<br>` line break is the line's indentation, not a space.
        let after_break = self.page.buf.ends_with('\n');
        if let Some(cur) = &mut self.cur {
            if cur.text_start < self.page.buf.len() && !after_break {
                cur.pending_ws = Some(match cur.pending_ws {
                    Some((f, _)) => (f, to),
                    None => (from, to),
                });
            }
            cur.in_word = false;
        }
    }

    /// Writes `s`, which stands for `src_len` source bytes at `src`.
    fn emit(&mut self, s: &str, src: usize, src_len: usize) {
        if self.cur.is_none() {
            self.start_block();
        }
        let link = self.top_path() & fl::LINK != 0;
        let Some(cur) = self.cur.as_mut() else { return };
        if let Some((f, t)) = cur.pending_ws.take() {
            let page = &mut self.page;
            page.buf.push(' ');
            push_piece(&mut page.pieces, page.buf.len() - 1, 1, f, t - f);
        }
        let page = &mut self.page;
        let dst = page.buf.len();
        page.buf.push_str(s);
        push_piece(&mut page.pieces, dst, s.len(), src, src_len);
        let mut chars = 0u32;
        for ch in s.chars() {
            if ch.is_whitespace() {
                cur.in_word = false;
                continue;
            }
            chars += 1;
            if ch.is_alphanumeric() {
                if !cur.in_word {
                    cur.words += 1;
                    cur.in_word = true;
                }
            } else {
                cur.in_word = false;
                if matches!(ch, '.' | '!' | '?' | '。' | '！' | '？' | '…') {
                    cur.stops += 1;
                }
            }
        }
        cur.chars += chars;
        if link {
            cur.link_chars += chars;
        }
    }

    fn start_block(&mut self) {
        let node = self.stack.last().copied().unwrap_or(NO_NODE);
        let path = self.top_path();
        // The kind is that of the nearest block-level element.
        let kind = self
            .stack
            .iter()
            .rev()
            .take(16)
            .map(|&n| self.page.nodes[n as usize].flags)
            .find(|f| f & fl::BLOCK != 0)
            .unwrap_or(0);
        self.cur = Some(Cur {
            node,
            kind,
            path,
            text_start: self.page.buf.len(),
            piece_start: self.page.pieces.len(),
            chars: 0,
            link_chars: 0,
            words: 0,
            stops: 0,
            in_word: false,
            pending_ws: None,
        });
    }

    fn end_block(&mut self) {
        let Some(cur) = self.cur.take() else { return };
        let page = &mut self.page;
        if cur.chars == 0 {
            page.buf.truncate(cur.text_start);
            page.pieces.truncate(cur.piece_start);
            return;
        }
        page.blocks.push(TextBlock {
            node: cur.node,
            kind: cur.kind,
            path: cur.path,
            text: cur.text_start..page.buf.len(),
            pieces: cur.piece_start..page.pieces.len(),
            chars: cur.chars,
            link_chars: cur.link_chars,
            words: cur.words,
            stops: cur.stops,
        });
    }

    /// `<br>`: a new line inside the block; a second `<br>` with nothing between the two makes a
    /// blank line, as between paragraphs of plain text. (The block is not split: on a page with
    /// markup, `<br><br>` inside one element is seldom a change of subject.)
    fn line_break(&mut self, at: usize) {
        if let Some(cur) = &mut self.cur {
            if cur.text_start < self.page.buf.len() {
                cur.pending_ws = None;
                cur.in_word = false;
                let page = &mut self.page;
                if !page.buf.ends_with("\n\n") {
                    page.buf.push('\n');
                    push_piece(&mut page.pieces, page.buf.len() - 1, 1, at, 0);
                }
            }
        }
    }

    /// The end tag of node `id`: closes it and whatever was left open inside it.
    fn close(&mut self, id: u32, at: usize) {
        if self.overflow > 0 || !self.page.nodes[id as usize].open {
            return;
        }
        let flags = self.page.nodes[id as usize].flags;
        if flags & fl::BLOCK != 0 {
            self.end_block();
        }
        while let Some(n) = self.stack.pop() {
            self.page.nodes[n as usize].open = false;
            if self.page.nodes[n as usize].flags & fl::BLOCK != 0 && n != id {
                self.end_block();
            }
            if n == id {
                break;
            }
        }
        let cap = std::mem::replace(&mut self.capture, Capture::None);
        match cap {
            Capture::Title(n, s, start, _) if n == id => {
                let t = entities::decode_all(&s);
                self.page.head.title = Some((t, start..at));
            }
            Capture::LdJson(n, s, start, _) if n == id => {
                if self.page.head.ld_json.len() < 50 {
                    self.page.head.ld_json.push((s, start..at));
                }
            }
            other => self.capture = other,
        }
    }

    /// HTML's implied end tags: a new `<p>` (or any block) closes an open paragraph, a new `<li>`
    /// the previous item, a new cell or row the previous one.
    fn implicit_close(&mut self, flags: u32) {
        let (target, stop) = if flags & fl::LIST_ITEM != 0 {
            (fl::LIST_ITEM, fl::LIST | fl::TABLE)
        } else if flags & fl::CELL != 0 {
            (fl::CELL, fl::ROW | fl::TABLE)
        } else if flags & fl::ROW != 0 {
            (fl::ROW, fl::TABLE)
        } else if flags & fl::BLOCK != 0 {
            (fl::PARA, fl::BLOCK)
        } else {
            return;
        };
        let mut hit = None;
        for (k, &n) in self.stack.iter().enumerate().rev().take(64) {
            let f = self.page.nodes[n as usize].flags;
            if f & target != 0 {
                hit = Some(k);
                break;
            }
            if f & stop != 0 {
                break;
            }
        }
        if let Some(k) = hit {
            self.end_block();
            for n in self.stack.drain(k..) {
                self.page.nodes[n as usize].open = false;
            }
        }
    }
}

fn push_piece(pieces: &mut Vec<Piece>, dst: usize, dst_len: usize, src: usize, src_len: usize) {
    if dst_len == 0 {
        return;
    }
    let (dst, dst_len, src, src_len) = (dst as u32, dst_len as u32, src as u32, src_len as u32);
    if let Some(last) = pieces.last_mut() {
        let linear = dst_len == src_len && last.dst_len == last.src_len;
        if linear && last.dst + last.dst_len == dst && last.src + last.src_len == src {
            last.dst_len += dst_len;
            last.src_len += src_len;
            return;
        }
    }
    pieces.push(Piece {
        dst,
        dst_len,
        src,
        src_len,
    });
}

/// Length of the whitespace character at `i` (ASCII whitespace or no-break space), else 0.
fn ws_at(b: &[u8], i: usize) -> usize {
    match b.get(i) {
        Some(b' ' | b'\t' | b'\n' | b'\r' | 0x0c) => 1,
        Some(0xC2) if b.get(i + 1) == Some(&0xA0) => 2,
        Some(0xE2)
            if b.get(i + 1) == Some(&0x80) && matches!(b.get(i + 2), Some(0x80..=0x8A | 0xAF)) =>
        {
            3
        }
        Some(0xE3) if b.get(i + 1) == Some(&0x80) && b.get(i + 2) == Some(&0x80) => 3,
        _ => 0,
    }
}

/// Length of an invisible character at `i` (zero-width space, soft hyphen, BOM), else 0.
fn invisible_at(b: &[u8], i: usize) -> usize {
    let n = match b[i] {
        0xC2 => 2,
        0xE2 | 0xEF => 3,
        _ => return 0,
    };
    let Some(s) = b.get(i..i + n).and_then(|s| std::str::from_utf8(s).ok()) else {
        return 0;
    };
    if s.chars().next().is_some_and(entities::is_invisible) {
        n
    } else {
        0
    }
}

/// Flags of a tag name.
fn tag_flags(name: &str) -> u32 {
    use fl::*;
    match name {
        "p" => BLOCK | PARA,
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => BLOCK | HEADING,
        "li" => BLOCK | LIST_ITEM,
        "dt" | "dd" => BLOCK | LIST_ITEM,
        "ul" | "ol" | "dl" | "menu" => BLOCK | LIST,
        "blockquote" => BLOCK | QUOTE,
        "pre" => BLOCK | PRE,
        "td" | "th" => BLOCK | CELL,
        "table" => BLOCK | TABLE,
        "tbody" | "thead" | "tfoot" | "caption" => BLOCK | TABLE,
        "tr" => BLOCK | ROW,
        "nav" | "aside" | "footer" | "dialog" => BLOCK | CHROME,
        "header" => BLOCK | HEADER,
        "figure" | "figcaption" => BLOCK | FIGURE,
        "article" => BLOCK | ARTICLE,
        "main" => BLOCK | MAIN,
        "body" => BLOCK | BODY,
        "form" => BLOCK | FORM,
        "a" => LINK,
        "div" | "section" | "address" | "center" | "details" | "dir" | "fieldset" | "hgroup"
        | "html" | "legend" | "summary" | "hr" | "option" | "optgroup" | "noscript" => BLOCK,
        "script" | "style" | "template" | "svg" | "math" | "iframe" | "object" | "embed"
        | "canvas" | "video" | "audio" | "select" | "textarea" | "button" | "title" | "input"
        | "map" | "noembed" | "noframes" | "picture" | "source" | "xmp" => BLOCK | SKIP,
        _ => 0,
    }
}

/// Words in class, id and role values that mark boilerplate.
const NEG_WORDS: &[&str] = &[
    "ad",
    "ads",
    "adv",
    "advert",
    "advertisement",
    "adslot",
    "aside",
    "banner",
    "bio",
    "breadcrumb",
    "breadcrumbs",
    "byline",
    "caption",
    "comment",
    "comments",
    "complementary",
    "contentinfo",
    "cookie",
    "cookies",
    "credit",
    "credits",
    "dateline",
    "footer",
    "header",
    "jump",
    "login",
    "masthead",
    "menu",
    "meta",
    "modal",
    "more",
    "nav",
    "navbar",
    "navigation",
    "newsletter",
    "outbrain",
    "overlay",
    "pagination",
    "popup",
    "print",
    "promo",
    "rail",
    "recirc",
    "related",
    "share",
    "sharing",
    "sidebar",
    "signup",
    "skip",
    "social",
    "sponsor",
    "sponsored",
    "subscribe",
    "subscription",
    "tag",
    "tags",
    "taboola",
    "timestamp",
    "toolbar",
    "tools",
    "trending",
    "widget",
    "consent",
    "author",
    "authors",
    "sr",
    "visually",
    "screen",
];
/// Fragments that mark boilerplate wherever they appear in a class or id.
const NEG_PARTS: &[&str] = &[
    "comment",
    "sidebar",
    "related",
    "share",
    "social",
    "newsletter",
    "subscri",
    "cookie",
    "breadcrumb",
    "footer",
    "promo",
    "sponsor",
    "advert",
    "recommend",
    "trending",
    "popular",
    "outbrain",
    "taboola",
    "widget",
    "navbar",
    "navigation",
    "masthead",
    "byline",
    "disqus",
    "pagination",
    "consent",
    "signup",
    "caption",
    "readmore",
    "read-more",
    "morestories",
    "more-stories",
    "rollover",
    "tooltip",
    "popover",
    "hovercard",
];
/// Fragments that mark the article's content.
const POS_PARTS: &[&str] = &[
    "article", "content", "entry", "main", "post", "text", "story", "body", "blog",
];

/// NEG or POS from class, id and role values.
fn class_hint(s: &str) -> u32 {
    let lower = s.to_ascii_lowercase();
    let mut neg = false;
    for tok in lower
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|t| !t.is_empty())
    {
        if NEG_WORDS.contains(&tok) {
            neg = true;
        }
    }
    if !neg {
        neg = NEG_PARTS.iter().any(|p| lower.contains(p));
    }
    // "related-content", "comment-body", "ad-incontent": the boilerplate word is the qualifier.
    // (A layout wrapper around the article that happens to carry such a word is let off later,
    // once it is known to hold the article.)
    if neg {
        fl::NEG
    } else if POS_PARTS.iter().any(|p| lower.contains(p)) {
        fl::POS
    } else {
        0
    }
}
