//! Resolution time per document as a synthetic corpus grows (see `dossier_resolve::growth`);
//! `dossier eval coref --growth N` prints the same.
//!
//!     cargo run --release -p dossier-resolve --example growth -- 100000

fn main() {
    let total: usize = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(100_000);
    println!("documents\tentities\twall_us_per_doc\tcpu_us_per_doc");
    for p in dossier_resolve::growth::resolver_growth(total) {
        println!(
            "{}\t{}\t{:.1}\t{:.1}",
            p.documents, p.items, p.wall_us_per_doc, p.cpu_us_per_doc
        );
    }
}
