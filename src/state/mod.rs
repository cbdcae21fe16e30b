//! App-wide stores, provided as contexts (the learner's session), and the loaders pages use
//! on the learner's behalf.

mod course;
mod session;

pub use course::load_course;
pub use session::{provide_session, Session, SessionInjection, StoredSessionV1};
