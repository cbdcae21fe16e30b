//! The only code that touches the world outside the app: the LMS over HTTP, IndexedDB,
//! localStorage, the document itself and the live room's media (WebRTC). Every failure here
//! becomes a typed error that keeps its cause as text (browser errors are not `Send`, so
//! they are turned into strings at this edge).

pub mod assignments_api;
pub mod attempt_store;
pub mod class_recorder;
pub mod course_source;
pub mod discussions_api;
pub mod document;
pub mod download;
pub mod embed_channel;
pub mod event_recorder;
pub mod events_api;
pub mod file_save;
pub mod http;
pub mod idb;
pub mod inbox_api;
pub mod intl;
pub mod live_api;
pub mod live_socket;
pub mod local_db;
pub mod media;
pub mod media_cache;
pub mod media_fetch;
pub mod memory_db;
pub mod progress_store;
pub mod quiz_api;
pub mod random;
pub mod recording_upload;
pub mod rtc;
pub mod scroll;
pub mod server_clock;
pub mod service_worker;
pub mod storage;
pub mod storage_space;
pub mod sync_driver;
pub mod timer;
pub mod upload;
pub mod web_lock;
