//! The JSON API and the layers around it.

use std::cell::RefCell;
use std::collections::HashMap;
use std::path::Path;

use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, Path as UrlPath, Query, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use dossier_core::{Document, Field, Span};
use dossier_store::{Store, StoreError};
use serde::{Deserialize, Serialize};

use crate::facts::{EventItem, FactIndex, NameItem, QuoteItem, RoleItem};
use crate::stories::{StoryLine, StoryView};
use crate::{ui, App};
use dossier_stories::Conflict;

/// Most items one page may hold.
pub const MAX_LIMIT: usize = 200;
const DEFAULT_LIMIT: usize = 50;
/// Deepest offset a page may start at; deeper paging is a sign of a scraper, not a reader.
pub const MAX_OFFSET: usize = 100_000;
/// Longest request target (path and query) accepted.
pub const MAX_URI: usize = 4096;
/// Largest request body accepted (corrections are a few names).
pub const MAX_BODY: usize = 16 * 1024;
/// Longest search query or filter accepted.
const MAX_QUERY: usize = 512;

const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

pub(crate) fn routes(app: App) -> Router {
    Router::new()
        .route("/", get(ui::index))
        .route("/app.js", get(ui::script))
        .route("/style.css", get(ui::style))
        .route("/favicon.ico", get(ui::favicon))
        .route("/api/openapi.json", get(ui::openapi))
        .route("/api/documents", get(documents))
        .route("/api/document/{id}", get(document))
        .route("/api/document/{id}/source", get(source))
        .route("/api/search", get(search))
        .route("/api/entities", get(entities))
        .route("/api/entity/{name}", get(entity))
        .route("/api/quotes", get(quotes))
        .route("/api/events", get(events))
        .route("/api/timeline", get(timeline))
        .route("/api/stories", get(stories))
        .route("/api/story/{id}", get(story))
        .route("/api/conflicts", get(conflicts))
        .route("/api/merge", post(merge))
        .route("/api/split", post(split))
        .route("/api/not-same", post(not_same))
        .fallback(not_found)
        .layer(DefaultBodyLimit::max(MAX_BODY))
        .layer(middleware::from_fn(guard))
        .with_state(app)
}

/// Refuses over-long request targets and adds the headers that keep article text inert in a
/// browser even if a page ever rendered it wrongly.
async fn guard(req: Request, next: Next) -> Response {
    let target = req.uri().path_and_query().map_or(0, |p| p.as_str().len());
    let mut res = if target > MAX_URI {
        ApiError::new(StatusCode::URI_TOO_LONG, "request target too long").into_response()
    } else {
        next.run(req).await
    };
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CSP),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    res
}

/// An error as the API reports it: a status and `{"error": "..."}`.
#[derive(Debug)]
pub(crate) struct ApiError {
    status: StatusCode,
    message: String,
}

impl ApiError {
    fn new(status: StatusCode, message: impl Into<String>) -> ApiError {
        ApiError {
            status,
            message: message.into(),
        }
    }
    fn bad(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::BAD_REQUEST, message)
    }
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> ApiError {
        let status = match e {
            StoreError::NoDoc(_) => StatusCode::NOT_FOUND,
            StoreError::Ambiguous(_) => StatusCode::BAD_REQUEST,
            StoreError::Missing(_) => StatusCode::SERVICE_UNAVAILABLE,
            _ => StatusCode::INTERNAL_SERVER_ERROR,
        };
        ApiError::new(status, e.to_string())
    }
}

impl From<dossier_store::rusqlite::Error> for ApiError {
    fn from(e: dossier_store::rusqlite::Error) -> ApiError {
        StoreError::from(e).into()
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (
            self.status,
            Json(serde_json::json!({ "error": self.message })),
        )
            .into_response()
    }
}

type ApiResult<T> = Result<Json<T>, ApiError>;

async fn not_found() -> ApiError {
    ApiError::new(StatusCode::NOT_FOUND, "no such page")
}

thread_local! {
    /// One read-only connection per worker thread: rusqlite connections are not `Sync`, and
    /// opening one per request would cost more than most queries.
    static STORE: RefCell<Option<Store>> = const { RefCell::new(None) };
}

fn with_store<T>(dir: &Path, f: impl FnOnce(&Store) -> Result<T, ApiError>) -> Result<T, ApiError> {
    STORE.with(|cell| {
        let mut slot = cell.borrow_mut();
        if slot.as_ref().is_none_or(|s| s.dir() != dir) {
            *slot = Some(Store::open_readonly(dir)?);
        }
        match slot.as_ref() {
            Some(store) => f(store),
            None => Err(ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "no store")),
        }
    })
}

impl App {
    /// Runs a store query on the blocking pool.
    async fn query<T: Send + 'static>(
        &self,
        f: impl FnOnce(&Store) -> Result<T, ApiError> + Send + 'static,
    ) -> Result<T, ApiError> {
        let dir = self.cfg.data.clone();
        tokio::task::spawn_blocking(move || with_store(&dir, f))
            .await
            .map_err(|e| ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))?
    }

    /// Runs `f` over the fact index after it caught up with the store (or, while another
    /// request is catching up, over the index as it stands).
    async fn facts<T: Send + 'static>(
        &self,
        f: impl FnOnce(&Store, &FactIndex) -> Result<T, ApiError> + Send + 'static,
    ) -> Result<T, ApiError> {
        let app = self.clone();
        self.query(move |store| {
            app.catch_up(store)?;
            let idx = app.facts.read().map_err(|_| poisoned())?;
            f(store, &idx)
        })
        .await
    }
}

fn poisoned() -> ApiError {
    ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "index poisoned")
}

impl App {
    /// Brings the fact index up to the store. One request at a time does it, in batches that
    /// are read and decoded outside the index's lock, so readers only ever wait for the
    /// copying of one batch. Until the first full pass is done, every request waits for it;
    /// after that, a request that finds another one catching up reads the index as it stands.
    fn catch_up(&self, store: &Store) -> Result<(), ApiError> {
        use std::sync::atomic::Ordering;
        use std::sync::TryLockError;
        let last = crate::facts::last_n(store)?;
        if self.facts.read().map_err(|_| poisoned())?.seen() >= last {
            self.ready.store(true, Ordering::Release);
            return Ok(());
        }
        let _turn = match self.catching_up.try_lock() {
            Ok(g) => g,
            Err(TryLockError::WouldBlock) if self.ready.load(Ordering::Acquire) => return Ok(()),
            Err(TryLockError::WouldBlock) => self.catching_up.lock().map_err(|_| poisoned())?,
            Err(TryLockError::Poisoned(_)) => return Err(poisoned()),
        };
        let mut added = false;
        loop {
            let seen = self.facts.read().map_err(|_| poisoned())?.seen();
            let (last, docs) = FactIndex::next_batch(seen, store)?;
            if last == seen {
                break;
            }
            self.facts
                .write()
                .map_err(|_| poisoned())?
                .add_batch(last, &docs);
            added = true;
        }
        if added {
            self.facts.write().map_err(|_| poisoned())?.settle();
        }
        self.ready.store(true, Ordering::Release);
        Ok(())
    }
}

pub(crate) fn warm(app: &App) {
    let _ = with_store(&app.cfg.data, |store| app.catch_up(store));
}

#[derive(Debug, Default, Deserialize)]
struct Page {
    limit: Option<usize>,
    offset: Option<usize>,
}

impl Page {
    fn bounds(&self) -> Result<(usize, usize), ApiError> {
        let limit = self.limit.unwrap_or(DEFAULT_LIMIT);
        let offset = self.offset.unwrap_or(0);
        if limit == 0 || limit > MAX_LIMIT {
            return Err(ApiError::bad(format!("limit must be 1 to {MAX_LIMIT}")));
        }
        if offset > MAX_OFFSET {
            return Err(ApiError::bad(format!(
                "offset must be at most {MAX_OFFSET}"
            )));
        }
        Ok((limit, offset))
    }
}

fn short(what: &str, s: &Option<String>) -> Result<(), ApiError> {
    match s {
        Some(s) if s.len() > MAX_QUERY => Err(ApiError::bad(format!(
            "{what} longer than {MAX_QUERY} bytes"
        ))),
        _ => Ok(()),
    }
}

/// A page of a list that the CLI does not print yet, with the size of the whole list.
#[derive(Serialize)]
struct Listing<T> {
    total: usize,
    offset: usize,
    limit: usize,
    items: Vec<T>,
}

async fn documents(
    State(app): State<App>,
    Query(p): Query<Page>,
) -> ApiResult<Vec<dossier_store::DocSummary>> {
    let (limit, offset) = p.bounds()?;
    app.query(move |s| Ok(s.documents(limit, offset)?))
        .await
        .map(Json)
}

/// One document as `dossier show --json` prints it, with every annotation layer.
#[derive(Serialize)]
struct DocView {
    id: String,
    title: Option<String>,
    date: Option<String>,
    outlet: Option<String>,
    author: Option<String>,
    url: Option<String>,
    path: String,
    record: Option<u64>,
    format: String,
    encoding: String,
    meta: dossier_core::Metadata,
    text: String,
    blocks: Vec<dossier_core::Block>,
    sentences: Vec<dossier_core::Sentence>,
    mentions: Vec<dossier_core::Mention>,
    roles: Vec<dossier_core::Role>,
    timexes: Vec<dossier_core::Timex>,
    quotes: Vec<dossier_core::Quote>,
    events: Vec<dossier_core::Event>,
    claims: Vec<dossier_core::Claim>,
    /// Bytes of the original.
    source_length: usize,
}

fn value(f: &Option<Field<String>>) -> Option<String> {
    f.as_ref().map(|f| f.value.clone())
}

impl From<Document> for DocView {
    fn from(d: Document) -> DocView {
        let m = &d.meta;
        DocView {
            id: d.id.0.clone(),
            title: value(&m.title),
            date: value(&m.date),
            outlet: value(&m.outlet),
            author: value(&m.author),
            url: value(&m.url),
            source_length: d.source.len(),
            path: d.origin.path,
            record: d.origin.record,
            format: d.origin.format,
            encoding: d.origin.encoding,
            meta: d.meta,
            text: d.text,
            blocks: d.blocks,
            sentences: d.sentences,
            mentions: d.mentions,
            roles: d.roles,
            timexes: d.timexes,
            quotes: d.quotes,
            events: d.events,
            claims: d.claims,
        }
    }
}

fn load(s: &Store, id: &str) -> Result<Document, ApiError> {
    if id.len() > 64 {
        return Err(ApiError::bad("document id too long"));
    }
    Ok(s.load(&s.resolve_id(id)?)?)
}

async fn document(State(app): State<App>, UrlPath(id): UrlPath<String>) -> ApiResult<DocView> {
    app.query(move |s| Ok(load(s, &id)?.into())).await.map(Json)
}

#[derive(Debug, Default, Deserialize)]
struct SourceQuery {
    /// A span of the clean text to find in the source.
    start: Option<usize>,
    end: Option<usize>,
}

/// The original of a document, cut around the source span of a clean-text span so a page can
/// highlight it without doing byte arithmetic on text it cannot decode.
#[derive(Serialize)]
struct SourceView {
    id: String,
    format: String,
    encoding: String,
    length: usize,
    /// The clean-text span asked for and its text.
    clean: Option<Span>,
    clean_text: String,
    /// The span of the original it maps to.
    source: Option<Span>,
    before: String,
    source_text: String,
    after: String,
}

async fn source(
    State(app): State<App>,
    UrlPath(id): UrlPath<String>,
    Query(q): Query<SourceQuery>,
) -> ApiResult<SourceView> {
    app.query(move |s| {
        let d = load(s, &id)?;
        let lossy = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
        let clean = match (q.start, q.end) {
            (Some(a), Some(b)) => {
                if a > b || b > d.text.len() || d.text.get(a..b).is_none() {
                    return Err(ApiError::bad(format!(
                        "span {a}..{b} is not inside the clean text ({} bytes) on character boundaries",
                        d.text.len()
                    )));
                }
                Some(Span::new(a, b))
            }
            (None, None) => None,
            _ => return Err(ApiError::bad("give both start and end")),
        };
        let src = clean.map(|c| d.map.to_source(c));
        let (before, mid, after) = match src {
            Some(s) if s.end as usize <= d.source.len() && s.start <= s.end => (
                lossy(&d.source[..s.start as usize]),
                lossy(&d.source[s.range()]),
                lossy(&d.source[s.end as usize..]),
            ),
            _ => (lossy(&d.source), String::new(), String::new()),
        };
        Ok(SourceView {
            id: d.id.0.clone(),
            format: d.origin.format.clone(),
            encoding: d.origin.encoding.clone(),
            length: d.source.len(),
            clean,
            clean_text: clean.map(|c| d.span_text(c).to_string()).unwrap_or_default(),
            source: src,
            before,
            source_text: mid,
            after,
        })
    })
    .await
    .map(Json)
}

#[derive(Debug, Default, Deserialize)]
struct SearchQuery {
    q: Option<String>,
    #[serde(default)]
    raw: bool,
    limit: Option<usize>,
    offset: Option<usize>,
}

async fn search(
    State(app): State<App>,
    Query(q): Query<SearchQuery>,
) -> ApiResult<Vec<dossier_store::Hit>> {
    let (limit, offset) = Page {
        limit: q.limit,
        offset: q.offset,
    }
    .bounds()?;
    short("q", &q.q)?;
    if offset > 1000 {
        return Err(ApiError::bad("search pages stop at offset 1000"));
    }
    let text = q.q.unwrap_or_default();
    let raw = q.raw;
    app.query(move |s| {
        let hits = ranked_search(s, &text, raw, limit + offset).map_err(|e| match e {
            // A raw FTS5 query can be malformed; that is the caller's mistake.
            StoreError::Sql(e) if raw => ApiError::bad(format!("bad query: {e}")),
            e => e.into(),
        })?;
        Ok(hits.into_iter().skip(offset).collect())
    })
    .await
    .map(Json)
}

/// `Store::search` with the same answer, asked so that FTS5 orders by its own rank and
/// builds snippets only for the rows returned: with `ORDER BY bm25(...)`, SQLite reads the
/// text of every matching document to make a snippet before sorting, which for a common word
/// is most of the corpus. A PostgreSQL store answers through `Store::search`.
fn ranked_search(
    s: &Store,
    query: &str,
    raw: bool,
    limit: usize,
) -> Result<Vec<dossier_store::Hit>, StoreError> {
    if s.is_postgres() {
        return s.search(query, raw, limit);
    }
    let q = if raw {
        query.to_string()
    } else {
        // Each word a quoted FTS5 string, as the store does, so punctuation is never syntax.
        query
            .split_whitespace()
            .map(|w| format!("\"{}\"", w.replace('"', "\"\"")))
            .collect::<Vec<_>>()
            .join(" ")
    };
    if q.is_empty() {
        return Ok(Vec::new());
    }
    let mut st = s.conn().prepare_cached(
        "SELECT d.id, d.title, d.date, d.outlet, f.snip, f.score FROM
           (SELECT rowid AS r, snippet(doc_fts, 1, '[', ']', '…', 24) AS snip, rank AS score
            FROM doc_fts WHERE doc_fts MATCH ?1 AND rank MATCH 'bm25(2.0, 1.0)'
            ORDER BY rank LIMIT ?2) f
         JOIN documents d ON d.n = f.r ORDER BY f.score",
    )?;
    let hits = st.query_map(dossier_store::rusqlite::params![q, limit as i64], |r| {
        Ok(dossier_store::Hit {
            id: r.get(0)?,
            title: r.get(1)?,
            date: r.get(2)?,
            outlet: r.get(3)?,
            snippet: r.get(4)?,
            rank: r.get(5)?,
        })
    })?;
    Ok(hits.collect::<Result<_, _>>()?)
}

#[derive(Debug, Default, Deserialize)]
struct EntitiesQuery {
    /// Names containing this (any case).
    q: Option<String>,
    #[serde(rename = "type")]
    label: Option<String>,
    limit: Option<usize>,
    offset: Option<usize>,
}

async fn entities(
    State(app): State<App>,
    Query(q): Query<EntitiesQuery>,
) -> ApiResult<Listing<NameItem>> {
    let (limit, offset) = Page {
        limit: q.limit,
        offset: q.offset,
    }
    .bounds()?;
    short("q", &q.q)?;
    let needle = q.q.map(|s| s.to_lowercase()).filter(|s| !s.is_empty());
    let label = match q.label.as_deref() {
        None | Some("") => None,
        Some(l) => Some(
            dossier_core::EntityType::parse(l)
                .ok_or_else(|| ApiError::bad("type is PER, ORG, LOC or MISC"))?
                .as_str(),
        ),
    };
    app.facts(move |_, idx| {
        let mut total = 0;
        let mut items = Vec::new();
        for n in idx.names(label, needle.as_deref()) {
            if total >= offset && items.len() < limit {
                items.push(n.item());
            }
            total += 1;
        }
        Ok(Listing {
            total,
            offset,
            limit,
            items,
        })
    })
    .await
    .map(Json)
}

#[derive(Clone, Serialize)]
struct EntityDoc {
    id: String,
    title: Option<String>,
    date: Option<String>,
    outlet: Option<String>,
    mentions: usize,
    /// The first mention of the name in the document.
    first: Span,
}

#[derive(Clone, Serialize)]
struct CoName {
    name: String,
    label: String,
    documents: usize,
}

/// How many items each list of an entity page holds at most, and how many there are.
#[derive(Serialize)]
struct EntityTotals {
    documents: usize,
    quotes_by: usize,
    quotes_about: usize,
    events_as_source: usize,
    events_as_target: usize,
    roles: usize,
}

/// What the store knows about one name. `resolved` is false while entities are names as
/// written. Each list is the first page (by date) of a longer one whose size is in `totals`;
/// `/api/quotes?speaker=` and `/api/events?actor=` page through the rest.
#[derive(Serialize)]
struct EntityView {
    name: String,
    resolved: bool,
    label: &'static str,
    mentions: usize,
    labels: Vec<(String, usize)>,
    aliases: Vec<String>,
    roles: Vec<RoleItem>,
    quotes_by: Vec<QuoteItem>,
    /// Names mentioned in its quotes, with how many quotes mention each.
    quote_topics: Vec<(String, usize)>,
    quotes_about: Vec<QuoteItem>,
    events_as_source: Vec<EventItem>,
    events_as_target: Vec<EventItem>,
    cooccurring: Vec<CoName>,
    documents: Vec<EntityDoc>,
    totals: EntityTotals,
}

/// How many items each fact list of an entity page holds at most.
const ENTITY_SECTION: usize = 25;
/// How many documents an entity page lists at most.
const ENTITY_DOCS: usize = 100;
/// Documents (the earliest) whose names are counted for co-occurrence.
const COOCCUR_DOCS: usize = 1000;
/// Quotes whose mentioned names are counted for the topics of a speaker.
const TOPIC_QUOTES: usize = 2000;

/// The `n` keys counted most, most first, ties by name.
fn top_counts<'a>(
    counts: HashMap<u32, usize>,
    n: usize,
    name: impl Fn(u32) -> &'a str,
) -> Vec<(&'a str, usize)> {
    let mut v: Vec<(u32, usize)> = counts.into_iter().collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| name(a.0).cmp(name(b.0))));
    v.truncate(n);
    v.into_iter().map(|(k, c)| (name(k), c)).collect()
}

async fn entity(State(app): State<App>, UrlPath(name): UrlPath<String>) -> ApiResult<EntityView> {
    if name.len() > MAX_QUERY || name.trim().is_empty() {
        return Err(ApiError::bad("name must be 1 to 512 bytes"));
    }
    app.facts(move |_, idx| {
        let e = idx.lookup(name.trim()).ok_or_else(|| {
            ApiError::new(
                StatusCode::NOT_FOUND,
                format!("no name {name:?} in the store"),
            )
        })?;
        let labels = dossier_core::EntityType::ALL
            .iter()
            .zip(e.labels)
            .filter(|(_, n)| *n > 0)
            .map(|(l, n)| (l.as_str().to_string(), n))
            .collect::<Vec<_>>();
        let mut labels = labels;
        labels.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        let quotes = |ids: &[u32]| -> Vec<QuoteItem> {
            ids.iter()
                .take(ENTITY_SECTION)
                .map(|&i| idx.quotes[i as usize].clone())
                .collect()
        };
        let events = |ids: &[u32]| -> Vec<EventItem> {
            ids.iter()
                .take(ENTITY_SECTION)
                .map(|&i| idx.events[i as usize].clone())
                .collect()
        };
        let mut co: HashMap<u32, usize> = HashMap::new();
        for nd in e.docs.iter().take(COOCCUR_DOCS) {
            for &n in &idx.doc(nd.doc).names {
                if idx.name(n).name != e.name {
                    *co.entry(n).or_default() += 1;
                }
            }
        }
        let cooccurring = top_counts(co, 20, |n| idx.name(n).name.as_str())
            .into_iter()
            .map(|(name, documents)| CoName {
                label: idx.lookup(name).map_or("MISC", |n| n.label()).to_string(),
                name: name.to_string(),
                documents,
            })
            .collect();
        let mut topics: HashMap<String, usize> = HashMap::new();
        for &q in e.quotes_by.iter().take(TOPIC_QUOTES) {
            for a in &idx.quotes[q as usize].about {
                *topics.entry(a.clone()).or_default() += 1;
            }
        }
        let mut quote_topics: Vec<(String, usize)> = topics.into_iter().collect();
        quote_topics.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        quote_topics.truncate(30);
        let documents = e
            .docs
            .iter()
            .take(ENTITY_DOCS)
            .map(|nd| {
                let d = idx.doc(nd.doc);
                EntityDoc {
                    id: d.id.clone(),
                    title: d.title.clone(),
                    date: d.date.clone(),
                    outlet: d.outlet.clone(),
                    mentions: nd.mentions as usize,
                    first: nd.first,
                }
            })
            .collect();
        Ok(EntityView {
            name: e.name.clone(),
            resolved: false,
            label: e.label(),
            mentions: e.mentions,
            labels,
            aliases: Vec::new(),
            roles: e.roles.iter().take(ENTITY_SECTION).cloned().collect(),
            quotes_by: quotes(&e.quotes_by),
            quote_topics,
            quotes_about: quotes(&e.quotes_about),
            events_as_source: events(&e.events_as_source),
            events_as_target: events(&e.events_as_target),
            cooccurring,
            documents,
            totals: EntityTotals {
                documents: e.docs.len(),
                quotes_by: e.quotes_by.len(),
                quotes_about: e.quotes_about.len(),
                events_as_source: e.events_as_source.len(),
                events_as_target: e.events_as_target.len(),
                roles: e.roles.len(),
            },
        })
    })
    .await
    .map(Json)
}

#[derive(Debug, Default, Deserialize)]
struct FactQuery {
    /// Speaker (quotes) or actor (events) containing this, any case.
    speaker: Option<String>,
    actor: Option<String>,
    /// Text containing this, any case.
    q: Option<String>,
    /// Inclusive ISO date bounds, compared as prefixes (`2021`, `2021-10`, `2021-10-11`).
    from: Option<String>,
    to: Option<String>,
    /// Only this document.
    doc: Option<String>,
    /// Event type (PLOVER).
    #[serde(rename = "type")]
    kind: Option<String>,
    /// Quotes that mention a name containing this, any case.
    about: Option<String>,
    limit: Option<usize>,
    offset: Option<usize>,
}

impl FactQuery {
    fn check(&self) -> Result<(usize, usize), ApiError> {
        for (what, s) in [
            ("speaker", &self.speaker),
            ("actor", &self.actor),
            ("q", &self.q),
            ("from", &self.from),
            ("to", &self.to),
            ("doc", &self.doc),
            ("type", &self.kind),
            ("about", &self.about),
        ] {
            short(what, s)?;
        }
        Page {
            limit: self.limit,
            offset: self.offset,
        }
        .bounds()
    }

    fn date_ok(&self, date: Option<&str>) -> bool {
        let after = self.from.as_deref().filter(|f| !f.is_empty());
        let before = self.to.as_deref().filter(|t| !t.is_empty());
        if after.is_none() && before.is_none() {
            return true;
        }
        let Some(d) = date else { return false };
        after.is_none_or(|f| d >= f) && before.is_none_or(|t| d <= t || d.starts_with(t))
    }
}

fn lower(s: &Option<String>) -> Option<String> {
    s.as_ref()
        .map(|s| s.trim().to_lowercase())
        .filter(|s| !s.is_empty())
}

/// A [`FactQuery`] with its needles lower-cased once, not once per fact.
struct Filter<'a> {
    f: &'a FactQuery,
    speaker: Option<String>,
    actor: Option<String>,
    text: Option<String>,
    about: Option<String>,
}

impl<'a> Filter<'a> {
    fn new(f: &'a FactQuery) -> Filter<'a> {
        Filter {
            f,
            speaker: lower(&f.speaker),
            actor: lower(&f.actor).or_else(|| lower(&f.speaker)),
            text: lower(&f.q),
            about: lower(&f.about),
        }
    }

    fn quote(&self, q: &QuoteItem) -> bool {
        self.speaker
            .as_deref()
            .is_none_or(|s| q.speaker_key.contains(s))
            && self.text.as_deref().is_none_or(|t| q.text_key.contains(t))
            && self
                .about
                .as_deref()
                .is_none_or(|a| q.about.iter().any(|n| n.to_lowercase().contains(a)))
            && self
                .f
                .doc
                .as_deref()
                .is_none_or(|d| q.origin.doc.starts_with(d))
            && self.f.date_ok(q.origin.date.as_deref())
    }

    fn event(&self, e: &EventItem) -> bool {
        self.actor
            .as_deref()
            .is_none_or(|a| e.actors_key.contains(a))
            && self
                .text
                .as_deref()
                .is_none_or(|t| e.sentence_key.contains(t))
            && self
                .f
                .kind
                .as_deref()
                .filter(|k| !k.is_empty())
                .is_none_or(|k| e.kind.eq_ignore_ascii_case(k))
            && self
                .f
                .doc
                .as_deref()
                .is_none_or(|d| e.origin.doc.starts_with(d))
            && self.f.date_ok(event_date(e))
    }
}

/// The date an event happened when the text says so precisely enough, else the article's date.
fn event_date(e: &EventItem) -> Option<&str> {
    match e.when.as_deref() {
        Some(w) if w.len() >= 4 && w.as_bytes()[..4].iter().all(u8::is_ascii_digit) => Some(w),
        _ => e.origin.date.as_deref(),
    }
}

/// One page of the items that pass `keep`, and how many pass.
fn page_where<'a, T: Clone + 'a>(
    all: impl Iterator<Item = &'a T>,
    keep: impl Fn(&T) -> bool,
    limit: usize,
    offset: usize,
) -> Listing<T> {
    let mut total = 0;
    let mut items = Vec::new();
    for t in all.filter(|t| keep(t)) {
        if total >= offset && items.len() < limit {
            items.push(t.clone());
        }
        total += 1;
    }
    Listing {
        total,
        offset,
        limit,
        items,
    }
}

async fn quotes(
    State(app): State<App>,
    Query(f): Query<FactQuery>,
) -> ApiResult<Listing<QuoteItem>> {
    let (limit, offset) = f.check()?;
    app.facts(move |_, idx| {
        let keep = Filter::new(&f);
        Ok(page_where(
            idx.quotes.iter(),
            |q| keep.quote(q),
            limit,
            offset,
        ))
    })
    .await
    .map(Json)
}

async fn events(
    State(app): State<App>,
    Query(f): Query<FactQuery>,
) -> ApiResult<Listing<EventItem>> {
    let (limit, offset) = f.check()?;
    app.facts(move |_, idx| {
        let keep = Filter::new(&f);
        Ok(page_where(
            idx.events.iter(),
            |e| keep.event(e),
            limit,
            offset,
        ))
    })
    .await
    .map(Json)
}
/// One dated fact on the timeline.
#[derive(Clone, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
enum TimelineItem {
    Event {
        date: Option<String>,
        event: EventItem,
    },
    Quote {
        date: Option<String>,
        quote: QuoteItem,
    },
}

async fn timeline(
    State(app): State<App>,
    Query(f): Query<FactQuery>,
) -> ApiResult<Listing<TimelineItem>> {
    let (limit, offset) = f.check()?;
    app.facts(move |_, idx| {
        let mut all: Vec<(Option<&str>, bool, usize)> = Vec::new();
        let mut keep = Filter::new(&f);
        for (i, e) in idx.events.iter().enumerate() {
            if keep.event(e) {
                all.push((event_date(e), true, i));
            }
        }
        // Quotes of the actor asked for count as its facts too.
        keep.speaker = keep.speaker.take().or_else(|| lower(&f.actor));
        if f.kind.as_deref().is_none_or(str::is_empty) {
            for (i, q) in idx.quotes.iter().enumerate() {
                if keep.quote(q) {
                    all.push((q.origin.date.as_deref(), false, i));
                }
            }
        }
        // Undated facts last; stable within a date so pages do not shuffle.
        all.sort_by(|a, b| match (a.0, b.0) {
            (Some(x), Some(y)) => x.cmp(y),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => std::cmp::Ordering::Equal,
        });
        let total = all.len();
        let items = all
            .into_iter()
            .skip(offset)
            .take(limit)
            .map(|(date, is_event, i)| {
                let date = date.map(str::to_string);
                if is_event {
                    TimelineItem::Event {
                        date,
                        event: idx.events[i].clone(),
                    }
                } else {
                    TimelineItem::Quote {
                        date,
                        quote: idx.quotes[i].clone(),
                    }
                }
            })
            .collect();
        Ok(Listing {
            total,
            offset,
            limit,
            items,
        })
    })
    .await
    .map(Json)
}

#[derive(Debug, Default, Deserialize)]
struct StoriesQuery {
    /// Leave out documents that are copies of an earlier document.
    #[serde(default)]
    no_copies: bool,
    /// Only stories with at least this many documents (copies excepted with `no_copies`).
    min_docs: Option<usize>,
    limit: Option<usize>,
    offset: Option<usize>,
}

/// Stories as `dossier stories --json` lists them, a page at a time.
async fn stories(
    State(app): State<App>,
    Query(q): Query<StoriesQuery>,
) -> ApiResult<Listing<StoryLine>> {
    let (limit, offset) = Page {
        limit: q.limit,
        offset: q.offset,
    }
    .bounds()?;
    let min_docs = q.min_docs.unwrap_or(1);
    app.facts(move |_, idx| {
        let st = &idx.stories;
        let mut total = 0;
        let mut items = Vec::new();
        for s in st.stories() {
            let size = if q.no_copies {
                st.originals(s)
            } else {
                s.documents.len()
            };
            if size < min_docs {
                continue;
            }
            if total >= offset && items.len() < limit {
                items.push(st.line(s, q.no_copies));
            }
            total += 1;
        }
        Ok(Listing {
            total,
            offset,
            limit,
            items,
        })
    })
    .await
    .map(Json)
}

fn story_id(id: &str) -> Result<u32, ApiError> {
    id.trim_start_matches(['s', 'S'])
        .parse()
        .map_err(|_| ApiError::bad(format!("not a story id: {id:?}")))
}

/// One story as `dossier story ID --json` prints it.
async fn story(State(app): State<App>, UrlPath(id): UrlPath<String>) -> ApiResult<StoryView> {
    let n = story_id(&id)?;
    app.facts(move |_, idx| {
        let s = idx
            .stories
            .story(n)
            .ok_or_else(|| ApiError::new(StatusCode::NOT_FOUND, format!("no story {n}")))?;
        Ok(idx.stories.view(s))
    })
    .await
    .map(Json)
}

#[derive(Debug, Default, Deserialize)]
struct ConflictsQuery {
    /// Only this story.
    story: Option<String>,
    limit: Option<usize>,
    offset: Option<usize>,
}

/// Conflicting figures as `dossier conflicts --json` lists them, a page at a time.
async fn conflicts(
    State(app): State<App>,
    Query(q): Query<ConflictsQuery>,
) -> ApiResult<Listing<Conflict>> {
    let (limit, offset) = Page {
        limit: q.limit,
        offset: q.offset,
    }
    .bounds()?;
    let story = q.story.as_deref().map(story_id).transpose()?;
    app.facts(move |_, idx| {
        let st = &idx.stories;
        let all: Vec<&Conflict> = match story {
            Some(s) => st.conflicts_of(s).iter().collect(),
            None => st.all_conflicts(),
        };
        Ok(page_where(all.into_iter(), |_| true, limit, offset))
    })
    .await
    .map(Json)
}

/// Checks the bearer token of a correction. No token configured means the server is read-only.
fn authorise(app: &App, headers: &HeaderMap) -> Result<(), ApiError> {
    let Some(token) = app.cfg.token.as_deref() else {
        return Err(ApiError::new(
            StatusCode::FORBIDDEN,
            "read-only server: start `dossier serve` with --token (or DOSSIER_TOKEN) to allow corrections",
        ));
    };
    let given = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .unwrap_or("");
    // Compare every byte so the time taken does not tell how much of a guess was right.
    let same = given.len() == token.len()
        && given
            .bytes()
            .zip(token.bytes())
            .fold(0u8, |acc, (a, b)| acc | (a ^ b))
            == 0;
    if same {
        Ok(())
    } else {
        Err(ApiError::new(
            StatusCode::UNAUTHORIZED,
            "missing or wrong bearer token",
        ))
    }
}

/// The judgements file of the data directory, shared with `dossier merge|split|not-same`.
const JUDGEMENTS_FILE: &str = "judgements.tsv";
/// The resolved-entities cache the CLI keeps next to the store; stale after a judgement.
const ENTITIES_CACHE: &str = "entities.json";

/// Serialises judgement writes of this server (the CLI writes the same file the same way).
static JUDGE_LOCK: std::sync::Mutex<()> = std::sync::Mutex::new(());

#[derive(Deserialize)]
struct Pair {
    a: String,
    b: String,
}

#[derive(Deserialize)]
struct SplitBody {
    entity: String,
    alias: String,
}

/// Appends a judgement as `dossier merge|split|not-same --json` does and answers the same JSON.
fn record(dir: &Path, j: dossier_resolve::Judgement) -> Result<serde_json::Value, ApiError> {
    let _guard = JUDGE_LOCK
        .lock()
        .map_err(|_| ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "lock poisoned"))?;
    let path = dir.join(JUDGEMENTS_FILE);
    let io = |e: std::io::Error| {
        ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            format!("{}: {e}", path.display()),
        )
    };
    let mut all = match std::fs::read_to_string(&path) {
        Ok(text) => dossier_resolve::Judgements::parse(&text).map_err(|e| {
            ApiError::new(
                StatusCode::INTERNAL_SERVER_ERROR,
                format!("{}: {e}", path.display()),
            )
        })?,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Default::default(),
        Err(e) => return Err(io(e)),
    };
    let line = j.to_string();
    let added = all.add(j);
    if added {
        let text = format!(
            "# dossier judgements: VERB<TAB>NAME<TAB>NAME, applied on every resolution\n{all}"
        );
        std::fs::write(&path, text).map_err(io)?;
        let _ = std::fs::remove_file(dir.join(ENTITIES_CACHE));
    }
    Ok(serde_json::json!({ "judgement": line, "added": added, "file": path }))
}

fn name(s: String) -> Result<String, ApiError> {
    let t = s.trim();
    if t.is_empty() || t.len() > MAX_QUERY {
        return Err(ApiError::bad("names must be 1 to 512 bytes"));
    }
    Ok(t.to_string())
}

/// Checks the token, then reads the body as `T` and records the judgement it makes.
async fn correction<T: serde::de::DeserializeOwned>(
    app: &App,
    headers: &HeaderMap,
    body: &Bytes,
    make: impl FnOnce(T) -> Result<dossier_resolve::Judgement, ApiError>,
) -> ApiResult<serde_json::Value> {
    authorise(app, headers)?;
    let parsed: T =
        serde_json::from_slice(body).map_err(|e| ApiError::bad(format!("body: {e}")))?;
    let j = make(parsed)?;
    let dir = app.cfg.data.clone();
    tokio::task::spawn_blocking(move || record(&dir, j))
        .await
        .map_err(|e| ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))?
        .map(Json)
}

async fn merge(
    State(app): State<App>,
    headers: HeaderMap,
    body: Bytes,
) -> ApiResult<serde_json::Value> {
    correction(&app, &headers, &body, |p: Pair| {
        Ok(dossier_resolve::Judgement::Merge(name(p.a)?, name(p.b)?))
    })
    .await
}

async fn split(
    State(app): State<App>,
    headers: HeaderMap,
    body: Bytes,
) -> ApiResult<serde_json::Value> {
    correction(&app, &headers, &body, |p: SplitBody| {
        Ok(dossier_resolve::Judgement::Split(
            name(p.entity)?,
            name(p.alias)?,
        ))
    })
    .await
}

async fn not_same(
    State(app): State<App>,
    headers: HeaderMap,
    body: Bytes,
) -> ApiResult<serde_json::Value> {
    correction(&app, &headers, &body, |p: Pair| {
        Ok(dossier_resolve::Judgement::NotSame(name(p.a)?, name(p.b)?))
    })
    .await
}
