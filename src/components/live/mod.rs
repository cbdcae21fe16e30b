//! The live classroom on screen: the room view and its panels. Each panel reads the page's
//! [`crate::state::live::LiveConnection`] from context and sends through it.

mod breakout_planner;
mod breakouts;
mod chat;
mod hands;
mod people;
mod poll;
mod poll_composer;
mod questions;
mod recording_link;
mod recording_status;
mod room_status;
mod room_view;
mod stage;

pub use breakouts::LiveBreakouts;
pub use chat::LiveChat;
pub use hands::LiveHands;
pub use people::LivePeople;
pub use poll::LivePoll;
pub use questions::LiveQuestions;
pub use recording_link::RecordingLink;
pub use recording_status::RecordingStatus;
pub use room_status::LiveRoomStatus;
pub use room_view::LiveRoomView;
pub use stage::LiveStage;
