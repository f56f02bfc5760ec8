//! Tags stdin and prints the expressions found, one line of input at a time:
//! `cargo run -p dossier-time --example timex -- 2021-10-11 < lines.txt` (the argument is the
//! anchor date; without it relative expressions stay unresolved). With `--doc` the whole input
//! is one document, anchored on the given date or else as the stage does without metadata (on
//! the latest full date it states).

use std::io::{BufRead, Read};

fn show(text: &str, dct: Option<jiff::civil::Date>) -> String {
    dossier_time::find_timexes(text, dct)
        .iter()
        .map(|t| {
            let m = t
                .modifier
                .as_deref()
                .map_or(String::new(), |m| format!(" {m}"));
            format!("[{}] {:?} {}{m}", t.span.text(text), t.kind, t.value)
        })
        .collect::<Vec<_>>()
        .join("  ")
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let doc = args.iter().any(|a| a == "--doc");
    let dct = args.iter().find_map(|a| dossier_time::parse_iso_date(a));
    if doc {
        let mut text = String::new();
        if std::io::stdin().read_to_string(&mut text).is_err() {
            eprintln!("stdin is not UTF-8 text");
            return;
        }
        let anchor = dct.or_else(|| dossier_time::anchor_from_text(&text));
        println!("anchor {anchor:?}");
        for t in dossier_time::find_timexes(&text, anchor) {
            println!("{:?}\t{:?}\t{}", t.span.text(&text), t.kind, t.value);
        }
        return;
    }
    for line in std::io::stdin().lock().lines().map_while(Result::ok) {
        println!("{line}\n    {}", show(&line, dct));
    }
}
