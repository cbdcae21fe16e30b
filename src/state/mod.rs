//! App-wide stores, provided as contexts (the learner's session), and the loaders pages use
//! on the learner's behalf.

pub mod assignment;
mod course;
pub mod discussion;
mod downloads;
pub mod embed;
pub mod gradebook_sort;
mod inbox;
pub mod live;
pub mod player;
mod progress;
pub mod quiz;
mod session;
mod sync;

pub use course::load_course;
pub use discussion::{provide_discussions, DiscussionInjection};
pub use downloads::{provide_downloads, DownloadEntry, DownloadsInjection};
pub use inbox::{provide_inbox, InboxInjection};
pub use progress::{provide_progress, ProgressInjection};
pub use session::{provide_session, Session, SessionInjection, StoredSessionV1};
pub use sync::{provide_sync, SyncInjection};
