//! Tags each line of stdin and prints the expressions found:
//! `cargo run -p dossier-time --example timex -- 2021-10-11 < lines.txt` (the argument is the
//! anchor date; without it relative expressions stay unresolved).

use std::io::BufRead;

fn main() {
    let dct = std::env::args()
        .nth(1)
        .and_then(|a| dossier_time::parse_iso_date(&a));
    for line in std::io::stdin().lock().lines().map_while(Result::ok) {
        let found: Vec<String> = dossier_time::find_timexes(&line, dct)
            .iter()
            .map(|t| {
                let m = t
                    .modifier
                    .as_deref()
                    .map_or(String::new(), |m| format!(" {m}"));
                format!("[{}] {:?} {}{m}", t.span.text(&line), t.kind, t.value)
            })
            .collect();
        println!("{line}\n    {}", found.join("  "));
    }
}
