//! The texts of a folder for the speed examples: each `*.txt` in name order, segmented as the
//! stage reads them (by `dossier-segment`, no mentions), and how many rounds to time them.

use dossier_core::Document;
use dossier_quotes::marks;

/// The folder named by the first argument (PolNeAR dev by default), read and segmented.
pub fn read_arg() -> std::io::Result<Vec<Document>> {
    let dir = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "../shared/data/polnear/dev/text".into());
    let mut paths: Vec<_> = std::fs::read_dir(&dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    let mut docs = Vec::with_capacity(paths.len());
    for p in &paths {
        let text = std::fs::read_to_string(p)?;
        let blocks = marks::blocks(&marks::paragraphs(&text));
        let (tokens, sentences) = dossier_segment::segment(&text, &blocks);
        docs.push(Document {
            text,
            blocks,
            tokens,
            sentences,
            ..Document::default()
        });
    }
    Ok(docs)
}

/// `ROUNDS` from the environment, else `default`.
pub fn rounds(default: usize) -> usize {
    std::env::var("ROUNDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}
