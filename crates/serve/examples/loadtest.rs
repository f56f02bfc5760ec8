//! A bounded loopback load test of the API (driven by `scripts/loadtest.sh`).
//!
//! ```text
//! loadtest corpus SAMPLE.jsonl OUT.jsonl N   # N news-like articles made from a JSONL sample
//! loadtest load ADDR R C [PID]               # R requests per page kind over C connections
//! ```
//! `corpus` makes articles from the sample's paragraphs: each keeps the headline and lead of
//! one sample article and adds four to nine paragraphs of others, with a date spread over the
//! sample's year and one of a few outlets; one in twenty is a syndicated copy of an earlier
//! one under another outlet. So texts, names and search hits vary like a news feed's rather
//! than repeating one article, and the store holds copies as a real one does.
//!
//! `load` asks for the top entities' pages (by id and by name), search queries of words common in the corpus,
//! document pages and lists, each kind as its own round, and prints latency percentiles. With
//! the server's PID it also prints the server's CPU time per request of each kind (from
//! `/proc/PID/stat`), which a machine busy with other work does not inflate as it does
//! wall-clock latency.

use std::io::{BufRead, BufWriter, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::Path;
use std::time::{Duration, Instant};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let arg = |i: usize, what: &str| -> String {
        args.get(i).cloned().unwrap_or_else(|| {
            eprintln!("missing {what}; usage: loadtest corpus SAMPLE OUT N | load ADDR R C");
            std::process::exit(2)
        })
    };
    let num = |i: usize, what: &str| -> usize {
        arg(i, what).parse().unwrap_or_else(|_| {
            eprintln!("{what} must be a number");
            std::process::exit(2)
        })
    };
    match args.first().map(String::as_str) {
        Some("corpus") => {
            let n = num(3, "N");
            corpus(Path::new(&arg(1, "SAMPLE")), Path::new(&arg(2, "OUT")), n)
        }
        Some("load") => {
            let addr: SocketAddr = arg(1, "ADDR").parse().unwrap_or_else(|_| {
                eprintln!("ADDR must be HOST:PORT");
                std::process::exit(2)
            });
            if !addr.ip().is_loopback() {
                eprintln!("refusing to load {addr}: only loopback addresses");
                std::process::exit(2)
            }
            let pid = args.get(4).and_then(|p| p.parse().ok());
            load(addr, num(2, "R"), num(3, "C"), pid)
        }
        _ => {
            eprintln!("usage: loadtest corpus SAMPLE OUT N | load ADDR R C");
            std::process::exit(2)
        }
    }
}

/// A small deterministic generator (xorshift64*), so the corpus is the same on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

struct Sample {
    title: String,
    date: String,
    paragraphs: Vec<String>,
}

fn read_sample(path: &Path) -> Vec<Sample> {
    let Ok(f) = std::fs::File::open(path) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for line in std::io::BufReader::new(f).lines().map_while(Result::ok) {
        let Ok(v) = serde_json::from_str::<serde_json::Value>(&line) else {
            continue;
        };
        let text = v["text"].as_str().unwrap_or("");
        // Wire paragraphs start with an indented line; inside one, lines are only wrapped.
        let paragraphs: Vec<String> = text
            .split("\n    ")
            .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|p| p.len() > 20)
            .collect();
        if paragraphs.is_empty() {
            continue;
        }
        out.push(Sample {
            title: v["title"].as_str().unwrap_or("").to_string(),
            date: v["date"].as_str().unwrap_or("1987-01-01").to_string(),
            paragraphs,
        });
    }
    out
}

const OUTLETS: [&str; 6] = [
    "Reuters",
    "Example Wire",
    "Daily Courier",
    "Market Ledger",
    "Evening Post",
    "Trade Bulletin",
];

fn corpus(sample: &Path, out: &Path, n: usize) {
    let base = read_sample(sample);
    if base.is_empty() {
        eprintln!("skipped: {} not found or empty", sample.display());
        std::process::exit(3);
    }
    let year = base[0].date.get(..4).unwrap_or("1987").to_string();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let file = std::fs::File::create(out).unwrap_or_else(|e| {
        eprintln!("{}: {e}", out.display());
        std::process::exit(1)
    });
    let mut w = BufWriter::new(file);
    let mut made: Vec<(String, String)> = Vec::new();
    for k in 0..n {
        let outlet = OUTLETS[rng.below(OUTLETS.len())];
        let day = 1 + rng.below(28);
        let month = 1 + rng.below(12);
        let date = format!(
            "{year}-{month:02}-{day:02}T{:02}:{:02}:00",
            rng.below(24),
            rng.below(60)
        );
        let (title, text) = if k > 20 && rng.below(20) == 0 {
            // A syndicated copy carries its outlet's credit line, so its bytes (and id) differ.
            let (title, text) = &made[rng.below(made.len())];
            (title.clone(), format!("{text}\n\nDistributed by {outlet}."))
        } else {
            let lead = &base[rng.below(base.len())];
            let mut paras: Vec<&str> = lead.paragraphs.iter().take(2).map(String::as_str).collect();
            for _ in 0..4 + rng.below(6) {
                let other = &base[rng.below(base.len())];
                paras.push(&other.paragraphs[rng.below(other.paragraphs.len())]);
            }
            (lead.title.clone(), paras.join("\n\n"))
        };
        let line = serde_json::json!({
            "url": format!("https://example.org/{}/{k}", outlet.to_lowercase().replace(' ', "-")),
            "title": title,
            "date": date,
            "source": outlet,
            "text": text,
        });
        if writeln!(w, "{line}").is_err() {
            eprintln!("{}: write failed", out.display());
            std::process::exit(1);
        }
        made.push((title, text));
    }
    let _ = w.flush();
    eprintln!("wrote {n} articles to {}", out.display());
}

fn get(addr: SocketAddr, target: &str) -> Result<(u16, Vec<u8>), String> {
    get_within(addr, target, Duration::from_secs(60))
}

fn get_within(addr: SocketAddr, target: &str, wait: Duration) -> Result<(u16, Vec<u8>), String> {
    let mut s =
        TcpStream::connect_timeout(&addr, Duration::from_secs(10)).map_err(|e| e.to_string())?;
    s.set_read_timeout(Some(wait)).map_err(|e| e.to_string())?;
    // HTTP/1.0: the server closes after the answer and never chunks it.
    write!(s, "GET {target} HTTP/1.0\r\nHost: loadtest\r\n\r\n").map_err(|e| e.to_string())?;
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).map_err(|e| e.to_string())?;
    let status = raw
        .get(9..12)
        .and_then(|c| std::str::from_utf8(c).ok())
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    let body = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .map(|i| raw[i + 4..].to_vec())
        .unwrap_or_default();
    Ok((status, body))
}

fn json(addr: SocketAddr, target: &str) -> serde_json::Value {
    json_within(addr, target, Duration::from_secs(60))
}

fn json_within(addr: SocketAddr, target: &str, wait: Duration) -> serde_json::Value {
    match get_within(addr, target, wait) {
        Ok((200, body)) => serde_json::from_slice(&body).unwrap_or_default(),
        Ok((status, body)) => {
            eprintln!("{target}: HTTP {status} {}", String::from_utf8_lossy(&body));
            std::process::exit(1)
        }
        Err(e) => {
            eprintln!("{target}: {e}");
            std::process::exit(1)
        }
    }
}

/// Percent-encodes everything but unreserved characters.
fn enc(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// CPU seconds (user and system) a process has used, from `/proc/PID/stat`.
fn cpu_seconds(pid: Option<u32>) -> Option<f64> {
    let stat = std::fs::read_to_string(format!("/proc/{}/stat", pid?)).ok()?;
    // Fields after the command name, which is in parentheses and may hold spaces.
    let rest = &stat[stat.rfind(')')? + 2..];
    let f: Vec<&str> = rest.split_whitespace().collect();
    let ticks: f64 = f.get(11)?.parse::<f64>().ok()? + f.get(12)?.parse::<f64>().ok()?;
    // USER_HZ is 100 on Linux.
    Some(ticks / 100.0)
}

fn load(addr: SocketAddr, per_kind: usize, conns: usize, pid: Option<u32>) {
    let conns = conns.clamp(1, 64);
    let t = Instant::now();
    // The server reads the corpus before it listens; this only reports what it holds.
    let status = json_within(addr, "/api/status", Duration::from_secs(900));
    println!(
        "server holds {} documents, {} entities, {} quotes, {} events, {} stories ({:.1?} to ask)",
        status["documents"],
        status["entities"],
        status["quotes"],
        status["events"],
        status["stories"],
        t.elapsed()
    );
    println!(
        "server read its corpus in (s): {} (events are merged after it listens); memory after each part (MB): {}",
        status["load_seconds"], status["load_rss_mb"]
    );
    let top: Vec<serde_json::Value> = json(addr, "/api/entities?limit=100")
        .as_array()
        .cloned()
        .unwrap_or_default();
    let names: Vec<String> = top
        .iter()
        .filter_map(|n| n["id"].as_u64().map(|id| id.to_string()))
        .collect();
    let n_docs = json(addr, "/api/documents?limit=1&offset=0")
        .as_array()
        .map_or(0, Vec::len);
    let ids: Vec<String> = (0..50)
        .flat_map(|i| {
            json(
                addr,
                &format!("/api/documents?limit=2&offset={}", (i * 397) % 20_000),
            )
            .as_array()
            .cloned()
            .unwrap_or_default()
        })
        .filter_map(|d| d["id"].as_str().map(str::to_string))
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
        "said",
        "company",
        "mln dlrs",
    ];
    let kinds: Vec<(&str, Vec<String>)> = vec![
        (
            "entity",
            names.iter().map(|id| format!("/api/entity/{id}")).collect(),
        ),
        (
            "entity-by-name",
            top.iter()
                .filter_map(|n| n["name"].as_str())
                .map(|n| format!("/api/entity/{}", enc(n)))
                .collect(),
        ),
        (
            "search",
            words
                .iter()
                .map(|w| format!("/api/search?q={}&limit=20", enc(w)))
                .collect(),
        ),
        (
            // Every request a query the server has not answered yet (another page start), so
            // none is served from its cache of recent searches: the cost of ranking.
            "search-new",
            (0..per_kind.div_ceil(words.len()).max(1))
                .flat_map(|k| {
                    words.iter().map(move |w| {
                        format!("/api/search?q={}&limit=20&offset={}", enc(w), 100 + k)
                    })
                })
                .collect(),
        ),
        (
            "search-p3",
            words
                .iter()
                .map(|w| format!("/api/search?q={}&limit=20&offset=40", enc(w)))
                .collect(),
        ),
        (
            "document",
            ids.iter().map(|i| format!("/api/document/{i}")).collect(),
        ),
        (
            "entities",
            vec![
                "/api/entities?limit=50".into(),
                "/api/entities?sort=documents&limit=50".into(),
                "/api/entities?type=PER&limit=50&offset=50".into(),
            ],
        ),
        (
            "quotes",
            names
                .iter()
                .take(20)
                .map(|id| format!("/api/quotes?speaker=e{id}&limit=50"))
                .collect(),
        ),
        (
            "events",
            names
                .iter()
                .take(20)
                .map(|id| format!("/api/events?actor=e{id}&limit=50"))
                .collect(),
        ),
        (
            "stories",
            (0..10)
                .map(|i| format!("/api/stories?limit=50&offset={}", i * 50))
                .collect(),
        ),
        (
            "documents",
            (0..20)
                .map(|i| format!("/api/documents?limit=50&offset={}", i * 900))
                .collect(),
        ),
    ];
    println!(
        "{} entity pages (top entities), {} search queries, {} document ids; {per_kind} requests per kind over {conns} connections{}",
        names.len(),
        words.len(),
        ids.len(),
        if n_docs == 0 { " (empty store)" } else { "" }
    );
    for (kind, targets) in kinds {
        if targets.is_empty() {
            continue;
        }
        let t = Instant::now();
        let cpu0 = cpu_seconds(pid);
        let per_conn = per_kind.div_ceil(conns);
        let results: Vec<(Duration, usize)> = std::thread::scope(|s| {
            let hs: Vec<_> = (0..conns)
                .map(|c| {
                    let targets = &targets;
                    s.spawn(move || {
                        (0..per_conn)
                            .map(|i| {
                                let target = &targets[(i * conns + c) % targets.len()];
                                let t = Instant::now();
                                match get(addr, target) {
                                    Ok((200, body)) => (t.elapsed(), body.len()),
                                    Ok((status, _)) => {
                                        eprintln!("{target}: HTTP {status}");
                                        std::process::exit(1)
                                    }
                                    Err(e) => {
                                        eprintln!("{target}: {e}");
                                        std::process::exit(1)
                                    }
                                }
                            })
                            .collect::<Vec<_>>()
                    })
                })
                .collect();
            hs.into_iter()
                .flat_map(|h| h.join().unwrap_or_default())
                .collect()
        });
        let cpu = cpu_seconds(pid)
            .zip(cpu0)
            .map(|(b, a)| {
                format!(
                    "  {:>6.2} ms CPU/request",
                    (b - a) * 1000.0 / results.len() as f64
                )
            })
            .unwrap_or_default();
        let mut lat: Vec<Duration> = results.iter().map(|r| r.0).collect();
        let bytes: usize = results.iter().map(|r| r.1).sum();
        lat.sort();
        let p = |q: f64| lat[((lat.len() as f64 * q).ceil() as usize).clamp(1, lat.len()) - 1];
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        println!(
            "{kind:<10} n={:<5} p50={:>7.2}ms p95={:>7.2}ms p99={:>7.2}ms max={:>7.2}ms  {:>5.0} req/s  {:>6.1} KB/answer{cpu}",
            lat.len(),
            ms(p(0.5)),
            ms(p(0.95)),
            ms(p(0.99)),
            ms(lat[lat.len() - 1]),
            lat.len() as f64 / t.elapsed().as_secs_f64(),
            bytes as f64 / lat.len() as f64 / 1024.0
        );
    }
    let status = json(addr, "/api/status");
    println!(
        "after the run: {} merged events, corpus read in (s): {}",
        status["events"], status["load_seconds"]
    );
}
