//! One line of the file `dossier eval stories --dump` writes, read back.

use dossier_core::{Document, Field};
use serde_json::Value;

/// A layer of the line (empty when absent or unreadable).
pub fn layer<T: serde::de::DeserializeOwned>(v: &Value, key: &str) -> Vec<T> {
    v.get(key)
        .cloned()
        .and_then(|x| serde_json::from_value(x).ok())
        .unwrap_or_default()
}

/// A string field of the line.
pub fn string(v: &Value, key: &str) -> Option<String> {
    v.get(key).and_then(Value::as_str).map(str::to_string)
}

/// The document with the layers the clustering reads, and its title.
pub fn document(v: &Value) -> Document {
    let mut doc = Document {
        text: string(v, "text").unwrap_or_default(),
        sentences: layer(v, "sentences"),
        mentions: layer(v, "mentions"),
        timexes: layer(v, "timexes"),
        events: layer(v, "events"),
        quotes: layer(v, "quotes"),
        claims: layer(v, "claims"),
        ..Document::default()
    };
    if let Some(t) = string(v, "title") {
        doc.meta.title = Some(Field::new(t, "input:title", 1.0));
    }
    doc
}
