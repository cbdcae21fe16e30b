//! App-wide stores, provided as contexts (the learner's session), and the loaders pages use
//! on the learner's behalf.

mod course;
mod downloads;
pub mod embed;
pub mod player;
mod progress;
pub mod quiz;
mod session;
mod sync;

pub use course::load_course;
pub use downloads::{provide_downloads, DownloadEntry, DownloadsInjection};
pub use progress::{provide_progress, ProgressInjection};
pub use session::{provide_session, Session, SessionInjection, StoredSessionV1};
pub use sync::{provide_sync, SyncInjection};
