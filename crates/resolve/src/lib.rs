//! Resolve: turns name mentions into entities that hold across spellings and documents.
//!
//! Takes documents whose `mentions` (and `roles`) are filled; gives local entity clusters per
//! document ([`local`]), corpus entity ids from an incremental [`Resolver`] with a blocking index
//! over name keys (skeletons, phonetic codes, acronym letters) so a new mention is compared with a
//! few candidates, never with every entity, and user judgements (merge, split, not-same) applied
//! on every run. Forgiving lookup by any spelling. Does not find mentions (that is `ner`) nor
//! store anything (the resolver serialises with serde; `store` persists it).

pub mod coref;
pub mod growth;
pub mod judgements;
pub mod local;
pub mod matcher;
pub mod names;
pub mod places;
pub mod resolver;
pub mod sex;

pub use judgements::{Judgement, Judgements};
pub use local::{local_entities, LocalEntity};
pub use matcher::{is_match, score, THRESHOLD};
pub use names::{Name, NameKind};
pub use resolver::{Entity, EntityId, Resolution, Resolver};
