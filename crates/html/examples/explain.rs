//! Prints how each text block of a page was judged: `explain PAGE.html[.gz]`.

use std::io::Read;

fn main() {
    let path = std::env::args()
        .nth(1)
        .expect("usage: explain PAGE.html[.gz]");
    let raw = std::fs::read(&path).expect("readable page");
    let bytes = if path.ends_with(".gz") {
        let mut v = Vec::new();
        flate2::read::MultiGzDecoder::new(&raw[..])
            .read_to_end(&mut v)
            .expect("gzip");
        v
    } else {
        raw
    };
    match dossier_html::explain(&bytes) {
        Ok(s) => print!("{s}"),
        Err(e) => eprintln!("{e}"),
    }
}
