//! What the fact-listing commands share: walking the stored documents. The records themselves
//! (quotes, events) live in `dossier-corpus`, so the CLI and the HTTP API print the same JSON.

use dossier_core::Document;
use dossier_store::Store;

/// Every stored document, or the one an id prefix names, one at a time.
pub fn for_each_doc(
    store: &Store,
    only: Option<&str>,
    mut f: impl FnMut(&Document),
) -> anyhow::Result<()> {
    let ids = match only {
        Some(prefix) => vec![store.resolve_id(prefix)?],
        None => store.ids()?,
    };
    for id in ids {
        f(&store.load(&id)?);
    }
    Ok(())
}
