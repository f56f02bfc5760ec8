//! Test support: invented wire-style articles run through the real stages, a store holding them,
//! a server on a random loopback port, and a plain HTTP/1.1 client.
#![allow(dead_code)]

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::Path;
use std::time::Duration;

use dossier_core::{Document, Pipeline, Stage};
use dossier_ingest::{InputFields, Kind, RawDoc};
use dossier_store::Store;

/// An article with markup and attribute-breaking quotes in its title and text.
pub const XSS_TEXT: &str = "Analyst Mara Quill said the leaked page held the code <script>document.body.dataset.pwned=\"1\"</script> and nothing else.\n\n\"It ended with \"><img src=x onerror=\"document.body.dataset.pwned='2'\"> and a comment,\" Quill said on Monday.\n";
pub const XSS_TITLE: &str = "<script>alert(\"t\")</script> Code & \"quotes\" in 'leaked' page";

fn text_doc(name: &str, title: &str, date: &str, outlet: &str, text: &str) -> RawDoc {
    RawDoc::new(
        &format!("fixtures/{name}.txt"),
        None,
        "txt",
        Kind::Text,
        text.as_bytes().to_vec(),
        InputFields {
            title: Some(title.to_string()),
            date: Some(date.to_string()),
            outlet: Some(outlet.to_string()),
            ..Default::default()
        },
    )
}

/// Invented articles: two wire stories, one web page, one hostile text.
pub fn raw_fixtures() -> Vec<RawDoc> {
    let html = r#"<!doctype html><html><head><meta charset="utf-8"><title>Marwick warns Ostrand over closed crossings | Daily Courier</title>
<meta property="og:site_name" content="Daily Courier"><meta name="date" content="2024-03-20"></head>
<body><nav><a href="/">Home</a> | <a href="/world">World</a></nav>
<article><h1>Marwick warns Ostrand over closed crossings</h1>
<p>PORT ASTER, March 20 (Daily Courier) - Veloria's Foreign Minister Lena Marwick said on Wednesday that her government would impose new tariffs if the crossings stayed closed.</p>
<p>"Our patience is not unlimited," Marwick told a news conference in Port Aster.</p>
<p>The United Nations urged both governments to keep talking.</p></article>
<footer>Copyright Daily Courier</footer></body></html>"#;
    vec![
        text_doc(
            "border",
            "Veloria and Ostrand agree to reopen border crossings",
            "2024-03-14",
            "Wire One",
            "PORT ASTER, March 14 (Wire One) - Veloria and Ostrand agreed on Thursday to reopen two border crossings closed since January, officials said.\n\n\"We want trade to resume before the harvest,\" Foreign Minister Lena Marwick told reporters in Port Aster.\n\nOstrand's Trade Minister Piet Jorgensen said the agreement would be reviewed in June.\n",
        ),
        RawDoc::new(
            "fixtures/courier.html",
            None,
            "html",
            Kind::Html,
            html.as_bytes().to_vec(),
            InputFields::default(),
        ),
        text_doc(
            "arrests",
            "Ostrand police arrest 12 protesters in Kellby",
            "2024-03-22",
            "Wire Two",
            "KELLBY, March 22 (Wire Two) - Police in Kellby arrested 12 protesters on Friday, the interior ministry said.\n\n\"Order has been restored,\" ministry spokesman Anton Reiss said.\n",
        ),
        text_doc("leak", XSS_TITLE, "2024-03-25", "Wire One", XSS_TEXT),
    ]
}

/// Two outlets' reports of one invented landslide that disagree on the death toll, and a
/// syndicated copy of the first: one story, one copy, one conflict.
pub fn raw_story_fixtures() -> Vec<RawDoc> {
    let first = "VERRIN, June 3 (Wire One) - A landslide in the hill town of Verrin killed 14 people on Monday after days of heavy rain, the regional governor said.\n\nRescue teams searched the mud for survivors on Tuesday and the regional governor said more rain was expected in the Verrin valley.\n\n\"The slope above the school gave way in minutes,\" said Tomas Adler, head of the Verrin rescue service.\n";
    let second = "VERRIN, June 3 (Daily Courier) - The landslide that buried part of the hill town of Verrin killed 31 people, local hospital officials said on Monday, as rescue teams searched the mud after days of heavy rain.\n\nThe regional governor declared three days of mourning in the Verrin valley.\n\n\"We are still finding families under the mud,\" said Tomas Adler, head of the Verrin rescue service.\n";
    vec![
        text_doc(
            "landslide-wire",
            "Landslide kills 14 in Verrin after heavy rain",
            "2024-06-03",
            "Wire One",
            first,
        ),
        text_doc(
            "landslide-courier",
            "Verrin landslide death toll at 31, hospital says",
            "2024-06-03",
            "Daily Courier",
            second,
        ),
        text_doc(
            "landslide-copy",
            "Landslide kills 14 in Verrin after heavy rain",
            "2024-06-03",
            "Evening Post",
            &format!("{first}\nDistributed by Evening Post.\n"),
        ),
    ]
}

/// Cleans a raw document and runs the stages of `dossier ingest`, in its order, through the
/// same `Pipeline` (which marks each layer done, so later stages use it). A document a stage
/// fails on keeps the layers done so far: these tests are about serving layers.
pub fn annotate(raw: RawDoc) -> Document {
    let mut doc = dossier_clean::clean(raw).expect("fixture cleans");
    let stages: Vec<Box<dyn Stage>> = vec![
        Box::new(dossier_segment::Segmenter),
        Box::new(dossier_ner::NerStage::new().expect("embedded NER model")),
        Box::new(dossier_time::TimeStage),
        Box::new(dossier_quotes::QuoteStage::new()),
        Box::new(dossier_stories::ClaimStage),
        Box::new(dossier_events::EventStage::new()),
    ];
    let p = Pipeline::new(dossier_clean::PRODUCES, stages).expect("stages fit together");
    let mut timings = vec![Duration::ZERO; p.stage_names().len()];
    let _ = p.run(&mut doc, &mut timings);
    doc
}

pub fn fixture_docs() -> Vec<Document> {
    raw_fixtures().into_iter().map(annotate).collect()
}

pub fn story_docs() -> Vec<Document> {
    raw_story_fixtures().into_iter().map(annotate).collect()
}

/// A store in `dir` holding the fixtures.
pub fn fixture_store(dir: &Path) -> Vec<Document> {
    let docs = fixture_docs();
    let mut store = Store::open(dir).expect("store opens");
    store.write_batch(&docs, "test").expect("fixtures written");
    docs
}

/// Serves `cfg` on 127.0.0.1 with a random port from a thread of its own.
pub fn spawn(cfg: dossier_serve::Config) -> SocketAddr {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .expect("runtime");
        rt.block_on(async move {
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
                .await
                .expect("bind");
            tx.send(listener.local_addr().expect("addr")).expect("send");
            axum::serve(listener, dossier_serve::router(cfg))
                .await
                .expect("serve");
        });
    });
    rx.recv_timeout(Duration::from_secs(10))
        .expect("server started")
}

pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Reply {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&self.body)))
    }
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// One HTTP/1.1 request on a fresh connection.
pub fn request(
    addr: SocketAddr,
    method: &str,
    target: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> Reply {
    let mut s = TcpStream::connect(addr).expect("connect");
    s.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
    let mut head = format!("{method} {target} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n");
    for (k, v) in headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    if !body.is_empty() || method == "POST" {
        head.push_str(&format!("Content-Length: {}\r\n", body.len()));
    }
    head.push_str("\r\n");
    s.write_all(head.as_bytes()).expect("write head");
    // The server may answer (413) before reading a big body and close; that is not our error.
    let _ = s.write_all(body);
    let mut raw = Vec::new();
    let _ = s.read_to_end(&mut raw);
    parse(&raw)
}

pub fn get(addr: SocketAddr, target: &str) -> Reply {
    request(addr, "GET", target, &[], b"")
}

fn parse(raw: &[u8]) -> Reply {
    let end = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .unwrap_or_else(|| panic!("no HTTP head in {:?}", String::from_utf8_lossy(raw)));
    let head = String::from_utf8_lossy(&raw[..end]).into_owned();
    let mut lines = head.split("\r\n");
    let status: u16 = lines
        .next()
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|c| c.parse().ok())
        .expect("status line");
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .collect();
    let mut body = raw[end + 4..].to_vec();
    let chunked = headers
        .iter()
        .any(|(k, v)| k.eq_ignore_ascii_case("transfer-encoding") && v.contains("chunked"));
    if chunked {
        body = dechunk(&body);
    }
    Reply {
        status,
        headers,
        body,
    }
}

fn dechunk(mut b: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(i) = b.windows(2).position(|w| w == b"\r\n") {
        let size = usize::from_str_radix(String::from_utf8_lossy(&b[..i]).trim(), 16).unwrap_or(0);
        if size == 0 {
            break;
        }
        let start = i + 2;
        out.extend_from_slice(&b[start..(start + size).min(b.len())]);
        b = &b[(start + size + 2).min(b.len())..];
    }
    out
}

impl Reply {
    /// The length of the whole list a page belongs to.
    pub fn total(&self) -> usize {
        self.header("x-total-count")
            .and_then(|v| v.parse().ok())
            .unwrap_or_else(|| panic!("no X-Total-Count on {}", self.text()))
    }
}

/// A server over the embedded store in `dir`.
pub fn serve(dir: &Path, token: Option<&str>) -> SocketAddr {
    let mut cfg = dossier_serve::Config::dir(dir);
    cfg.token = token.map(str::to_string);
    spawn(cfg)
}

/// What the CLI's `quotes`, `events` and `timeline` read: the records of every stored document,
/// in ingest order, through the corpus.
pub struct Gathered {
    pub corpus: dossier_corpus::Corpus,
    pub quotes: Vec<dossier_corpus::QuoteRecord>,
    pub reports: Vec<dossier_events::record::EventRecord>,
}

pub fn gather(store: &Store, data: &Path) -> Gathered {
    let j = dossier_corpus::read_judgements(data).unwrap();
    let corpus = dossier_corpus::Corpus::open(store, j).unwrap();
    let (mut quotes, mut reports) = (Vec::new(), Vec::new());
    for id in store.ids().unwrap() {
        let d = store.load(&id).unwrap();
        quotes.extend(dossier_corpus::quotes_of(Some(&corpus), &d));
        reports.extend(corpus.event_reports(&d));
    }
    Gathered {
        corpus,
        quotes,
        reports,
    }
}

pub fn json_of<T: serde::Serialize + ?Sized>(v: &T) -> serde_json::Value {
    serde_json::to_value(v).unwrap()
}

/// Waits (up to a minute) until the server's snapshot holds `docs` documents.
pub fn wait_for_documents(addr: SocketAddr, docs: usize) {
    for _ in 0..600 {
        let r = get(addr, "/api/status");
        if r.status == 200 && r.json()["documents"].as_u64() == Some(docs as u64) {
            return;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    panic!(
        "the server never loaded {docs} documents: {}",
        get(addr, "/api/status").text()
    );
}
