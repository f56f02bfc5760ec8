//! A bounded loopback load test of the API.
//!
//! ```text
//! loadtest build DIR N      # a store of N documents: the Reuters sample annotated, then copies
//! loadtest serve DIR ADDR   # the server alone (to read its memory from /proc)
//! loadtest load ADDR R C    # R requests per page kind over C connections; latency percentiles
//! ```
//! Copies differ from their original in a trailing source byte only, so ids differ and search
//! results hold many equal documents; the store is as large as a corpus of N articles.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use dossier_core::{Document, Stage};
use dossier_store::Store;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("build") => build(Path::new(&args[1]), args[2].parse().expect("N")),
        Some("serve") => {
            let cfg = dossier_serve::Config {
                data: PathBuf::from(&args[1]),
                token: None,
            };
            dossier_serve::run(args[2].parse().expect("ADDR"), cfg, |a| {
                eprintln!("serving {a}")
            })
            .expect("serve");
        }
        Some("load") => load(
            args[1].parse().expect("ADDR"),
            args[2].parse().expect("R"),
            args[3].parse().expect("C"),
        ),
        _ => eprintln!("usage: loadtest build DIR N | serve DIR ADDR | load ADDR R C"),
    }
}

fn annotate(raw: dossier_ingest::RawDoc) -> Option<Document> {
    let mut doc = dossier_clean::clean(raw).ok()?;
    let mut stages: Vec<Box<dyn Stage>> = vec![Box::new(dossier_segment::Segmenter)];
    if let Ok(ner) = dossier_ner::NerStage::new() {
        stages.push(Box::new(ner));
    }
    stages.push(Box::new(dossier_time::TimeStage));
    stages.push(Box::new(dossier_quotes::QuoteStage::new()));
    stages.push(Box::new(dossier_events::EventStage::new()));
    for s in &stages {
        let _ = s.run(&mut doc);
    }
    Some(doc)
}

fn build(dir: &Path, n: usize) {
    let sample = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data/news-reuters21578/reuters21578_sample200.jsonl");
    let mut raws = Vec::new();
    dossier_ingest::read_file(&sample, &mut |item| {
        if let dossier_ingest::Item::Doc(d) = item {
            raws.push(d)
        }
    });
    let t = Instant::now();
    let base: Vec<Document> = raws.into_iter().filter_map(annotate).collect();
    if base.is_empty() {
        eprintln!("skipped: {} not found or empty", sample.display());
        return;
    }
    eprintln!("annotated {} articles in {:.1?}", base.len(), t.elapsed());
    let mut store = Store::open(dir).expect("store");
    let mut written = store.count().expect("count");
    let mut k = 0usize;
    while written < n {
        let batch: Vec<Document> = (0..500.min(n - written))
            .map(|i| {
                let mut d = base[(k + i) % base.len()].clone();
                if k + i >= base.len() {
                    d.source
                        .extend_from_slice(format!("\n{}", k + i).as_bytes());
                    d.id = dossier_core::DocId::of_bytes(&d.source);
                }
                d
            })
            .collect();
        k += batch.len();
        written += store
            .write_batch(&batch, "loadtest")
            .expect("write")
            .iter()
            .filter(|f| **f)
            .count();
    }
    eprintln!("store holds {written} documents");
}

fn get(addr: SocketAddr, target: &str) -> (u16, Vec<u8>) {
    let mut s = TcpStream::connect(addr).expect("connect");
    s.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
    // HTTP/1.0: the server closes after the answer and never chunks it.
    write!(s, "GET {target} HTTP/1.0\r\nHost: x\r\n\r\n").unwrap();
    let mut raw = Vec::new();
    let _ = s.read_to_end(&mut raw);
    let status = std::str::from_utf8(&raw[9..12.min(raw.len())])
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    let body = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .map(|i| raw[i + 4..].to_vec())
        .unwrap_or_default();
    (status, body)
}

fn json(addr: SocketAddr, target: &str) -> serde_json::Value {
    let (status, body) = get(addr, target);
    assert_eq!(status, 200, "{target}");
    serde_json::from_slice(&body).expect("json")
}

fn load(addr: SocketAddr, per_kind: usize, conns: usize) {
    let t = Instant::now();
    let total = json(addr, "/api/quotes?limit=1")["total"].clone();
    eprintln!(
        "fact index ready ({total} quotes) after {:.1?}",
        t.elapsed()
    );
    let n_docs = 20_000usize;
    let names: Vec<String> = json(addr, "/api/entities?limit=100")["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["name"].as_str().unwrap().to_string())
        .collect();
    let ids: Vec<String> = (0..50)
        .flat_map(|i| {
            json(
                addr,
                &format!(
                    "/api/documents?limit=2&offset={}",
                    (i * 397) % n_docs.max(1)
                ),
            )
            .as_array()
            .cloned()
            .unwrap_or_default()
        })
        .map(|d| d["id"].as_str().unwrap().to_string())
        .collect();
    let words = [
        "oil",
        "bank",
        "trade",
        "shares",
        "dollar",
        "profit",
        "tariff",
        "wheat",
        "interest rates",
        "japan",
        "stake",
        "dividend",
        "opec",
        "merger",
        "loss",
        "exports",
        "federal reserve",
    ];
    let enc = |s: &str| {
        s.replace('%', "%25")
            .replace(' ', "%20")
            .replace('&', "%26")
            .replace('#', "%23")
            .replace('/', "%2F")
            .replace('?', "%3F")
    };
    let kinds: Vec<(&str, Vec<String>)> = vec![
        (
            "search",
            words
                .iter()
                .map(|w| format!("/api/search?q={}&limit=20", enc(w)))
                .collect(),
        ),
        (
            "document",
            ids.iter().map(|i| format!("/api/document/{i}")).collect(),
        ),
        (
            "entity",
            names
                .iter()
                .map(|n| format!("/api/entity/{}", enc(n)))
                .collect(),
        ),
        (
            "entities",
            vec![
                "/api/entities?limit=50".into(),
                "/api/entities?q=ba&limit=50".into(),
            ],
        ),
        (
            "quotes",
            names
                .iter()
                .take(20)
                .map(|n| format!("/api/quotes?speaker={}&limit=50", enc(n)))
                .collect(),
        ),
        (
            "documents",
            (0..20)
                .map(|i| format!("/api/documents?limit=50&offset={}", i * 900))
                .collect(),
        ),
    ];
    for (kind, targets) in kinds {
        if targets.is_empty() {
            continue;
        }
        let t = Instant::now();
        let lat: Vec<Duration> = std::thread::scope(|s| {
            let hs: Vec<_> = (0..conns)
                .map(|c| {
                    let targets = &targets;
                    s.spawn(move || {
                        (0..per_kind / conns)
                            .map(|i| {
                                let target = &targets[(i * conns + c) % targets.len()];
                                let t = Instant::now();
                                let (status, _) = get(addr, target);
                                assert_eq!(status, 200, "{target}");
                                t.elapsed()
                            })
                            .collect::<Vec<_>>()
                    })
                })
                .collect();
            hs.into_iter().flat_map(|h| h.join().unwrap()).collect()
        });
        let mut lat = lat;
        lat.sort();
        let p = |q: f64| lat[((lat.len() as f64 * q).ceil() as usize).clamp(1, lat.len()) - 1];
        println!(
            "{kind:<10} n={:<5} p50={:>7.2?} p90={:>7.2?} p99={:>7.2?} max={:>7.2?}  ({:.0} req/s)",
            lat.len(),
            p(0.5),
            p(0.9),
            p(0.99),
            lat[lat.len() - 1],
            lat.len() as f64 / t.elapsed().as_secs_f64()
        );
    }
}
