//! The JSON API and the layers around it.

use std::cell::RefCell;
use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, Mutex};

use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, Path as UrlPath, Query, Request, State};
use axum::http::HeaderName;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use dossier_core::{Document, EntityType, Field, Span};
use dossier_corpus::{
    select_events, select_quotes, timeline_fact, CorpusError, EventQuery, FactIx, MergeWithin,
    QuoteQuery, StoryLine, TimelineQuery,
};
use dossier_events::export;
use dossier_events::record::EventRecord;
use dossier_store::{Store, StoreError, SEARCH_DEPTH};
use serde::{Deserialize, Serialize};

use crate::snapshot::Snapshot;
use crate::{ui, App};

/// Most items one page may hold (the CLI lists 1000 quotes or events by default).
pub const MAX_LIMIT: usize = 1000;
/// The response header that tells how long the whole list of a page is.
pub const TOTAL_HEADER: &str = "x-total-count";
/// Set to `1` on a search answer when more documents match than `X-Total-Count` says.
pub const CAPPED_HEADER: &str = "x-total-count-capped";
/// On a search answer: how many matching documents were ranked to choose the hits.
pub const RANKED_HEADER: &str = "x-search-ranked";
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
        .route("/api/entity/{arg}", get(entity))
        .route("/api/quotes", get(quotes))
        .route("/api/events", get(events))
        .route("/api/timeline", get(timeline))
        .route("/api/stories", get(stories))
        .route("/api/story/{id}", get(story))
        .route("/api/conflicts", get(conflicts))
        .route("/api/export", get(export))
        .route("/api/status", get(status))
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
    /// One read-only store handle per worker thread: a SQLite connection is not `Sync`, and
    /// opening one per request would cost more than most queries.
    static STORE: RefCell<Option<(String, Store)>> = const { RefCell::new(None) };
}

fn with_store<T>(spec: &str, f: impl FnOnce(&Store) -> Result<T, ApiError>) -> Result<T, ApiError> {
    STORE.with(|cell| {
        let mut slot = cell.borrow_mut();
        if slot.as_ref().is_none_or(|(s, _)| s != spec) {
            *slot = Some((spec.to_string(), Store::open_spec_readonly(spec)?));
        }
        match slot.as_ref() {
            Some((_, store)) => f(store),
            None => Err(ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "no store")),
        }
    })
}

fn joined<T>(r: Result<Result<T, ApiError>, tokio::task::JoinError>) -> Result<T, ApiError> {
    r.map_err(|e| ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))?
}

impl App {
    /// Runs a store query on the blocking pool.
    async fn query<T: Send + 'static>(
        &self,
        f: impl FnOnce(&Store) -> Result<T, ApiError> + Send + 'static,
    ) -> Result<T, ApiError> {
        let spec = self.cfg.store.clone();
        joined(tokio::task::spawn_blocking(move || with_store(&spec, f)).await)
    }

    /// Runs `f` over the current snapshot on the blocking pool.
    async fn snap<T: Send + 'static>(
        &self,
        f: impl FnOnce(&Snapshot) -> Result<T, ApiError> + Send + 'static,
    ) -> Result<T, ApiError> {
        let snap = self
            .current
            .get()
            .map_err(|e| ApiError::new(StatusCode::SERVICE_UNAVAILABLE, e))?;
        joined(tokio::task::spawn_blocking(move || f(&snap)).await)
    }

    /// The full id of the document a prefix names (as the CLI's `--doc`).
    async fn doc_id(&self, prefix: Option<String>) -> Result<Option<String>, ApiError> {
        match prefix.filter(|p| !p.is_empty()) {
            None => Ok(None),
            Some(p) => {
                if p.len() > 64 {
                    return Err(ApiError::bad("document id too long"));
                }
                Ok(Some(self.query(move |s| Ok(s.resolve_id(&p)?.0)).await?))
            }
        }
    }
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

/// A filter as given, empty meaning absent (an HTML form sends empty fields).
fn given(s: Option<String>) -> Option<String> {
    s.map(|s| s.trim().to_string()).filter(|s| !s.is_empty())
}

/// One page of a list: the JSON array the CLI prints for the same page, with the length of the
/// whole list in `X-Total-Count`.
struct Paged(Vec<u8>, usize);

fn paged<T: Serialize>(
    all: impl IntoIterator<Item = T>,
    total: usize,
    limit: usize,
    offset: usize,
) -> Result<Paged, ApiError> {
    let items: Vec<T> = all.into_iter().skip(offset).take(limit).collect();
    Ok(Paged(to_json(&items)?, total))
}

fn to_json<T: Serialize + ?Sized>(v: &T) -> Result<Vec<u8>, ApiError> {
    serde_json::to_vec(v)
        .map_err(|e| ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))
}

impl IntoResponse for Paged {
    fn into_response(self) -> Response {
        (
            [
                (
                    header::CONTENT_TYPE,
                    HeaderValue::from_static("application/json"),
                ),
                (
                    HeaderName::from_static(TOTAL_HEADER),
                    HeaderValue::from(self.1),
                ),
            ],
            self.0,
        )
            .into_response()
    }
}

/// A JSON value serialised on the blocking pool.
struct RawJson(Vec<u8>);

impl IntoResponse for RawJson {
    fn into_response(self) -> Response {
        ([(header::CONTENT_TYPE, "application/json")], self.0).into_response()
    }
}

async fn documents(State(app): State<App>, Query(p): Query<Page>) -> Result<Paged, ApiError> {
    let (limit, offset) = p.bounds()?;
    app.query(move |s| {
        let docs = s.documents(limit, offset)?;
        let total = s.count()?;
        Ok(Paged(to_json(&docs)?, total))
    })
    .await
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

/// `dossier search --json` for one page of hits, with the number of matching documents in
/// `X-Total-Count` (a lower bound when `X-Total-Count-Capped: 1`) and the number of them
/// ranked to choose the hits in `X-Search-Ranked` (see `Store::search_found`).
async fn search(
    State(app): State<App>,
    Query(q): Query<SearchQuery>,
) -> Result<SearchAnswer, ApiError> {
    let (limit, offset) = Page {
        limit: q.limit,
        offset: q.offset,
    }
    .bounds()?;
    short("q", &q.q)?;
    if offset > 1000 {
        return Err(ApiError::bad("search pages stop at offset 1000"));
    }
    let key = SearchKey {
        text: q.q.unwrap_or_default(),
        raw: q.raw,
        limit,
        offset,
    };
    let cache = app.searches.clone();
    app.query(move |s| {
        let seq = s.last_seq()?;
        if let Some(hit) = cache.get(&key, seq) {
            return Ok(hit);
        }
        let found = s
            .search_found(&key.text, key.raw, limit, offset, SEARCH_DEPTH)
            .map_err(|e| match e {
                // A raw query can be malformed; that is the caller's mistake.
                StoreError::Sql(_) | StoreError::Pg(_) if key.raw => {
                    ApiError::bad(format!("bad query: {e}"))
                }
                e => e.into(),
            })?;
        let answer = SearchAnswer {
            body: Arc::new(to_json(&found.hits)?),
            total: found.total,
            capped: found.capped,
            ranked: found.ranked,
        };
        cache.put(key, seq, answer.clone());
        Ok(answer)
    })
    .await
}

/// A search page as served: the hits' JSON and what the headers say about the whole result.
#[derive(Clone)]
pub(crate) struct SearchAnswer {
    body: Arc<Vec<u8>>,
    total: usize,
    capped: bool,
    ranked: usize,
}

impl IntoResponse for SearchAnswer {
    fn into_response(self) -> Response {
        let mut res = Paged(self.body.to_vec(), self.total).into_response();
        let h = res.headers_mut();
        h.insert(
            HeaderName::from_static(RANKED_HEADER),
            HeaderValue::from(self.ranked),
        );
        if self.capped {
            h.insert(
                HeaderName::from_static(CAPPED_HEADER),
                HeaderValue::from_static("1"),
            );
        }
        res
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub(crate) struct SearchKey {
    text: String,
    raw: bool,
    limit: usize,
    offset: usize,
}

/// Answers to recent searches, each valid while no document was added: the instant search
/// box and paging ask the same queries again and again.
#[derive(Clone, Default)]
pub(crate) struct SearchCache(Arc<Mutex<HashMap<SearchKey, (i64, SearchAnswer)>>>);

/// Searches remembered; past this the cache starts afresh (a bound, not an eviction policy).
const SEARCHES_KEPT: usize = 1024;

impl SearchCache {
    /// The answer to `key` made when the last document's sequence number was `seq`.
    fn get(&self, key: &SearchKey, seq: i64) -> Option<SearchAnswer> {
        let map = self.0.lock().ok()?;
        map.get(key)
            .filter(|(s, _)| *s == seq)
            .map(|(_, a)| a.clone())
    }

    fn put(&self, key: SearchKey, seq: i64, answer: SearchAnswer) {
        if let Ok(mut map) = self.0.lock() {
            if map.len() >= SEARCHES_KEPT {
                map.clear();
            }
            map.insert(key, (seq, answer));
        }
    }
}

#[derive(Debug, Default, Deserialize)]
struct EntitiesQuery {
    #[serde(rename = "type")]
    kind: Option<String>,
    /// `mentions` (default) or `documents`.
    sort: Option<String>,
    limit: Option<usize>,
    offset: Option<usize>,
}

/// `dossier entities --json [--type T] [--sort S]`, a page at a time.
async fn entities(
    State(app): State<App>,
    Query(q): Query<EntitiesQuery>,
) -> Result<Paged, ApiError> {
    let (limit, offset) = Page {
        limit: q.limit,
        offset: q.offset,
    }
    .bounds()?;
    let kind = match given(q.kind) {
        None => None,
        Some(t) => Some(
            EntityType::parse(&t).ok_or_else(|| ApiError::bad("type is PER, ORG, LOC or MISC"))?,
        ),
    };
    let by_documents = match given(q.sort).as_deref() {
        None | Some("mentions") => false,
        Some("documents") => true,
        Some(_) => return Err(ApiError::bad("sort is mentions or documents")),
    };
    app.snap(move |s| {
        let ranked = if by_documents {
            &s.by_documents
        } else {
            &s.by_mentions
        };
        let rows = s.corpus.entity_rows_in(ranked, kind, limit, offset);
        Ok(Paged(to_json(&rows)?, s.corpus.count_entities(kind)))
    })
    .await
}

/// `dossier entity ARG --json`: by id (`42`), else by any name of the entity.
async fn entity(
    State(app): State<App>,
    UrlPath(arg): UrlPath<String>,
) -> Result<RawJson, ApiError> {
    let arg = arg.trim().to_string();
    if arg.is_empty() || arg.len() > MAX_QUERY {
        return Err(ApiError::bad(
            "give an entity id or a name of 1 to 512 bytes",
        ));
    }
    app.snap(move |s| {
        let page = s.corpus.entity_page_for(&arg).ok_or_else(|| {
            ApiError::new(StatusCode::NOT_FOUND, format!("no entity matches {arg:?}"))
        })?;
        Ok(RawJson(to_json(&page)?))
    })
    .await
}

#[derive(Debug, Default, Deserialize)]
struct QuotesQuery {
    speaker: Option<String>,
    about: Option<String>,
    doc: Option<String>,
    limit: Option<usize>,
    offset: Option<usize>,
}

/// `dossier quotes --json [--speaker S] [--about A] [--doc D]`, a page at a time.
async fn quotes(State(app): State<App>, Query(q): Query<QuotesQuery>) -> Result<Paged, ApiError> {
    let (limit, offset) = Page {
        limit: q.limit,
        offset: q.offset,
    }
    .bounds()?;
    for (what, v) in [("speaker", &q.speaker), ("about", &q.about)] {
        short(what, v)?;
    }
    let doc = app.doc_id(given(q.doc)).await?;
    let query = QuoteQuery {
        speaker: given(q.speaker),
        about: given(q.about),
        doc,
    };
    app.snap(move |s| {
        let found = select_quotes(&s.corpus, &s.quotes, &query);
        paged(found.iter(), found.len(), limit, offset)
    })
    .await
}

#[derive(Debug, Default, Deserialize)]
struct EventsQuery {
    actor: Option<String>,
    #[serde(rename = "type")]
    kind: Option<String>,
    from: Option<String>,
    to: Option<String>,
    doc: Option<String>,
    /// Every report as its own record (`--reports`).
    #[serde(default)]
    reports: bool,
    limit: Option<usize>,
    offset: Option<usize>,
}

/// `dossier events --json [--actor A] [--type T] [--from F] [--to T] [--doc D] [--reports]`.
async fn events(State(app): State<App>, Query(q): Query<EventsQuery>) -> Result<Paged, ApiError> {
    let (limit, offset) = Page {
        limit: q.limit,
        offset: q.offset,
    }
    .bounds()?;
    for (what, v) in [
        ("actor", &q.actor),
        ("type", &q.kind),
        ("from", &q.from),
        ("to", &q.to),
    ] {
        short(what, v)?;
    }
    let doc = app.doc_id(given(q.doc)).await?;
    let query = EventQuery {
        actor: given(q.actor),
        kind: given(q.kind),
        from: given(q.from),
        to: given(q.to),
    };
    let within = if q.reports {
        MergeWithin::Nothing
    } else {
        MergeWithin::Story
    };
    app.snap(move |s| {
        // The CLI merges the reports it read: those of one document when it is given one.
        let merged;
        let all: &[EventRecord] = match (&doc, within) {
            (Some(d), _) => {
                merged = s.corpus.merge_events(s.reports_of(d).to_vec(), within);
                &merged
            }
            (None, MergeWithin::Nothing) => &s.reports,
            (None, _) => s.events(),
        };
        let found = select_events(&s.corpus, all, &query);
        paged(found.iter(), found.len(), limit, offset)
    })
    .await
}

#[derive(Debug, Default, Deserialize)]
struct TimelineParams {
    entity: Option<String>,
    from: Option<String>,
    to: Option<String>,
    limit: Option<usize>,
    offset: Option<usize>,
}

/// `dossier timeline --json [--entity E] [--from F] [--to T]`, a page at a time.
async fn timeline(
    State(app): State<App>,
    Query(q): Query<TimelineParams>,
) -> Result<Paged, ApiError> {
    let (limit, offset) = Page {
        limit: q.limit,
        offset: q.offset,
    }
    .bounds()?;
    for (what, v) in [("entity", &q.entity), ("from", &q.from), ("to", &q.to)] {
        short(what, v)?;
    }
    let query = TimelineQuery {
        entity: given(q.entity),
        from: given(q.from),
        to: given(q.to),
    };
    app.snap(move |s| {
        let filtered;
        let all: &[FactIx] = if query.entity.is_none() && query.from.is_none() && query.to.is_none()
        {
            &s.timeline
        } else {
            filtered = dossier_corpus::timeline(&s.corpus, &s.quotes, &s.reports, &query);
            &filtered
        };
        let facts = all
            .iter()
            .map(|&ix| timeline_fact(&s.quotes, &s.reports, ix));
        paged(facts, all.len(), limit, offset)
    })
    .await
}

#[derive(Debug, Default, Deserialize)]
struct StoriesQuery {
    #[serde(default)]
    no_copies: bool,
    min_docs: Option<usize>,
    limit: Option<usize>,
    offset: Option<usize>,
}

/// `dossier stories --json [--no-copies] [--min-docs N]`, a page at a time.
async fn stories(State(app): State<App>, Query(q): Query<StoriesQuery>) -> Result<Paged, ApiError> {
    let (limit, offset) = Page {
        limit: q.limit,
        offset: q.offset,
    }
    .bounds()?;
    let min_docs = q.min_docs.unwrap_or(1);
    app.snap(move |s| {
        let lines = if q.no_copies {
            &s.stories_no_copies
        } else {
            &s.stories
        };
        let kept: Vec<&StoryLine> = lines
            .iter()
            .filter(|l| l.documents.len() >= min_docs)
            .collect();
        paged(kept.iter(), kept.len(), limit, offset)
    })
    .await
}

fn no_story(e: CorpusError) -> ApiError {
    match e {
        CorpusError::NoStory(_) => ApiError::new(StatusCode::NOT_FOUND, e.to_string()),
        e => ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()),
    }
}

/// `dossier story ID --json`.
async fn story(State(app): State<App>, UrlPath(id): UrlPath<String>) -> Result<RawJson, ApiError> {
    if id.len() > 32 {
        return Err(ApiError::bad("story id too long"));
    }
    app.snap(move |s| {
        Ok(RawJson(to_json(
            &s.corpus
                .story_page(&id, |d| Ok(s.facts_of(d)))
                .map_err(no_story)?,
        )?))
    })
    .await
}

#[derive(Debug, Default, Deserialize)]
struct ConflictsQuery {
    story: Option<String>,
    limit: Option<usize>,
    offset: Option<usize>,
}

/// `dossier conflicts --json [--story ID]`, a page at a time.
async fn conflicts(
    State(app): State<App>,
    Query(q): Query<ConflictsQuery>,
) -> Result<Paged, ApiError> {
    let (limit, offset) = Page {
        limit: q.limit,
        offset: q.offset,
    }
    .bounds()?;
    short("story", &q.story)?;
    let story = given(q.story);
    app.snap(move |s| match &story {
        Some(id) => {
            let found = s.corpus.conflicts(Some(id)).map_err(no_story)?;
            let n = found.len();
            paged(found, n, limit, offset)
        }
        None => paged(s.conflicts.iter(), s.conflicts.len(), limit, offset),
    })
    .await
}

#[derive(Debug, Default, Deserialize)]
struct ExportQuery {
    format: Option<String>,
    merge_within: Option<String>,
}

/// `dossier export --format F [--merge-within W]`: the whole export as a download.
async fn export(
    State(app): State<App>,
    Query(q): Query<ExportQuery>,
) -> Result<Response, ApiError> {
    let format = given(q.format).unwrap_or_else(|| "jsonl".into());
    let (kind, ext) = match format.as_str() {
        "jsonl" => ("application/x-ndjson", "jsonl"),
        "csv" => ("text/csv; charset=utf-8", "csv"),
        "graphml" => ("application/xml", "graphml"),
        _ => return Err(ApiError::bad("format is jsonl, csv or graphml")),
    };
    let within = match given(q.merge_within).as_deref() {
        None | Some("story") => MergeWithin::Story,
        Some("doc") => MergeWithin::Doc,
        Some("none") => MergeWithin::Nothing,
        Some(_) => return Err(ApiError::bad("merge_within is story, doc or none")),
    };
    let body = app
        .snap(move |s| {
            let merged;
            let all: &[EventRecord] = match within {
                MergeWithin::Story => s.events(),
                MergeWithin::Nothing => &s.reports,
                MergeWithin::Doc => {
                    merged = s.corpus.merge_events(s.reports.clone(), within);
                    &merged
                }
            };
            let mut out = Vec::new();
            let written = match ext {
                "jsonl" => export::write_jsonl(&mut out, all),
                "csv" => export::write_csv(&mut out, all),
                _ => export::write_graphml(&mut out, all),
            };
            written.map_err(|e| ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))?;
            Ok(out)
        })
        .await?;
    let disposition = format!("attachment; filename=\"dossier-events.{ext}\"");
    Ok((
        [
            (header::CONTENT_TYPE, kind.to_string()),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        body,
    )
        .into_response())
}

/// What the server has loaded: for a page that shows it, and for tests that wait for a reload.
#[derive(Serialize)]
struct Status {
    store: String,
    documents: usize,
    generation: u64,
    entities: usize,
    quotes: usize,
    /// Merged events; null while they are still being merged after a start.
    events: Option<usize>,
    stories: usize,
    writable: bool,
    /// Seconds each part of reading the corpus took, at the last (re)load.
    load_seconds: serde_json::Map<String, serde_json::Value>,
    /// The server's resident memory (MB) after each part of reading the corpus.
    load_rss_mb: serde_json::Map<String, serde_json::Value>,
}

async fn status(State(app): State<App>) -> Result<RawJson, ApiError> {
    let store = dossier_store::redact(&app.cfg.store);
    let writable = app.cfg.token.is_some();
    app.snap(move |s| {
        Ok(RawJson(to_json(&Status {
            store,
            documents: s.corpus.len(),
            generation: s.generation,
            entities: s.by_mentions.len(),
            quotes: s.quotes.len(),
            events: s.events_done().map(|e| e.0),
            stories: s.stories.len(),
            writable,
            load_seconds: s
                .timings
                .iter()
                .map(|&(k, secs, _)| (k, secs))
                .chain(s.events_done().map(|e| ("events", e.1)))
                .map(|(k, v)| {
                    (
                        k.to_string(),
                        serde_json::json!((v * 1000.0).round() / 1000.0),
                    )
                })
                .collect(),
            load_rss_mb: s
                .timings
                .iter()
                .filter_map(|&(k, _, mb)| Some((k.to_string(), serde_json::json!(mb?))))
                .collect(),
        })?))
    })
    .await
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
    let path = dossier_corpus::judgements_path(dir);
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
