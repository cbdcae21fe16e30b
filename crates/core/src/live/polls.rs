//! Polls: the instructor asks, learners vote, the instructor watches the tally live, and
//! everyone sees the results once the poll closes. Closed polls are kept, with every vote,
//! for the server to archive beside the recording.
//!
//! The rules:
//! - one poll is open at a time (a second is refused until the first closes), so the
//!   learners' view never has to choose between polls;
//! - 2 to 10 options, each non-blank; the question is non-blank;
//! - a learner's vote while the poll is open replaces their earlier vote (they may change
//!   their mind until it closes); a single choice poll takes exactly one option, a multiple
//!   choice poll one or more, each at most once;
//! - the tally counts every voter's current vote exactly.

use super::ids::PollId;
use super::refusal::{LiveRefusal, TextField};
use crate::ids::UserId;
use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

/// Fewest options a poll has.
pub const MIN_POLL_OPTIONS: usize = 2;
/// Most options a poll has.
pub const MAX_POLL_OPTIONS: usize = 10;
/// Most polls one session holds.
pub const MAX_POLLS: usize = 200;

/// How many options a voter picks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PollKind {
    /// Exactly one.
    Single,
    /// One or more.
    Multiple,
}

impl PollKind {
    /// What a vote must pick, in words.
    pub fn choices_wanted(self) -> &'static str {
        match self {
            PollKind::Single => "exactly one option",
            PollKind::Multiple => "one option or more",
        }
    }
}

impl fmt::Display for PollKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            PollKind::Single => "single",
            PollKind::Multiple => "multiple",
        })
    }
}

/// A poll with its votes: the record the server archives.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Poll {
    pub poll_id: PollId,
    pub question: String,
    pub kind: PollKind,
    pub options: Vec<String>,
    pub opened_at: Timestamp,
    pub closed_at: Option<Timestamp>,
    /// Each voter's current vote: option indexes, ascending.
    pub votes: BTreeMap<UserId, Vec<usize>>,
}

/// How many voters chose each option.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PollTally {
    /// Per option, in the poll's order.
    pub counts: Vec<usize>,
    /// How many learners voted.
    pub voters: usize,
}

/// A poll as a participant sees it: the tally only for the instructor while it is open.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PollView {
    pub poll_id: PollId,
    pub question: String,
    pub kind: PollKind,
    pub options: Vec<String>,
    pub opened_at: Timestamp,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tally: Option<PollTally>,
}

/// A closed poll's results, for everyone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PollResults {
    pub poll_id: PollId,
    pub question: String,
    pub kind: PollKind,
    pub options: Vec<String>,
    pub opened_at: Timestamp,
    pub closed_at: Timestamp,
    pub tally: PollTally,
}

impl Poll {
    pub fn tally(&self) -> PollTally {
        let mut counts = vec![0; self.options.len()];
        for choice in self.votes.values() {
            for &index in choice {
                if let Some(count) = counts.get_mut(index) {
                    *count += 1;
                }
            }
        }
        PollTally {
            counts,
            voters: self.votes.len(),
        }
    }

    /// The poll without its votes; with the tally when `with_tally` (the instructor).
    pub fn view(&self, with_tally: bool) -> PollView {
        PollView {
            poll_id: self.poll_id,
            question: self.question.clone(),
            kind: self.kind,
            options: self.options.clone(),
            opened_at: self.opened_at,
            tally: with_tally.then(|| self.tally()),
        }
    }

    /// The results, once the poll is closed.
    pub fn results(&self) -> Option<PollResults> {
        Some(PollResults {
            poll_id: self.poll_id,
            question: self.question.clone(),
            kind: self.kind,
            options: self.options.clone(),
            opened_at: self.opened_at,
            closed_at: self.closed_at?,
            tally: self.tally(),
        })
    }
}

/// The room's polls: at most one open, and the closed ones in order.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct Polls {
    open: Option<Poll>,
    closed: Vec<Poll>,
}

impl Polls {
    /// Polls holding `closed`, numbered 1, 2, 3… (checked by the caller), none open.
    pub(crate) fn restored(closed: Vec<Poll>) -> Polls {
        Polls { open: None, closed }
    }

    pub(crate) fn open_poll(&self) -> Option<&Poll> {
        self.open.as_ref()
    }

    pub(crate) fn closed_polls(&self) -> &[Poll] {
        &self.closed
    }

    /// Opens a new poll, if its text is valid and no other is open.
    pub(crate) fn create(
        &mut self,
        question: String,
        kind: PollKind,
        options: Vec<String>,
        now: Timestamp,
    ) -> Result<&Poll, LiveRefusal> {
        if let Some(open) = &self.open {
            return Err(LiveRefusal::PollAlreadyOpen(open.poll_id));
        }
        if self.closed.len() >= MAX_POLLS {
            return Err(LiveRefusal::RoomFull("polls"));
        }
        TextField::PollQuestion.check(&question)?;
        if !(MIN_POLL_OPTIONS..=MAX_POLL_OPTIONS).contains(&options.len()) {
            return Err(LiveRefusal::PollOptionCount(options.len()));
        }
        for option in &options {
            TextField::PollOption.check(option)?;
        }
        let number = u32::try_from(self.closed.len() + 1).unwrap_or(u32::MAX);
        Ok(self.open.insert(Poll {
            poll_id: PollId(number),
            question,
            kind,
            options,
            opened_at: now,
            closed_at: None,
            votes: BTreeMap::new(),
        }))
    }

    /// Records (or replaces) `voter`'s vote in the open poll `poll_id`; returns the vote
    /// as stored (indexes ascending).
    pub(crate) fn vote(
        &mut self,
        poll_id: PollId,
        voter: &UserId,
        choice: &[usize],
    ) -> Result<Vec<usize>, LiveRefusal> {
        let Some(poll) = self.open.as_mut().filter(|poll| poll.poll_id == poll_id) else {
            return Err(LiveRefusal::PollNotOpen(poll_id));
        };
        let mut chosen = BTreeSet::new();
        for &index in choice {
            if index >= poll.options.len() {
                return Err(LiveRefusal::NoSuchOption(index));
            }
            if !chosen.insert(index) {
                return Err(LiveRefusal::OptionTwice(index));
            }
        }
        let is_allowed = match poll.kind {
            PollKind::Single => chosen.len() == 1,
            PollKind::Multiple => !chosen.is_empty(),
        };
        if !is_allowed {
            return Err(LiveRefusal::ChoiceCount {
                kind: poll.kind,
                chosen: chosen.len(),
            });
        }
        let vote: Vec<usize> = chosen.into_iter().collect();
        poll.votes.insert(voter.clone(), vote.clone());
        Ok(vote)
    }

    /// Closes the open poll `poll_id` and archives it.
    pub(crate) fn close(&mut self, poll_id: PollId, now: Timestamp) -> Result<&Poll, LiveRefusal> {
        if self
            .open
            .as_ref()
            .is_none_or(|poll| poll.poll_id != poll_id)
        {
            return Err(LiveRefusal::PollNotOpen(poll_id));
        }
        self.close_open(now)
            .ok_or(LiveRefusal::PollNotOpen(poll_id))
    }

    /// Closes whichever poll is open (the session ended).
    pub(crate) fn close_open(&mut self, now: Timestamp) -> Option<&Poll> {
        let mut poll = self.open.take()?;
        poll.closed_at = Some(now);
        self.closed.push(poll);
        self.closed.last()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(raw: &str) -> Timestamp {
        raw.parse().unwrap()
    }

    fn user(name: &str) -> UserId {
        UserId::parse(name).unwrap()
    }

    fn options(texts: &[&str]) -> Vec<String> {
        texts.iter().map(|text| (*text).to_owned()).collect()
    }

    fn open_poll(kind: PollKind) -> Polls {
        let mut polls = Polls::default();
        polls
            .create(
                "Which planet?".into(),
                kind,
                options(&["Mars", "Venus", "Jupiter"]),
                at("2026-01-01T10:00:00Z"),
            )
            .unwrap();
        polls
    }

    #[test]
    fn a_poll_needs_two_to_ten_non_blank_options_and_a_question() {
        let now = at("2026-01-01T10:00:00Z");
        let mut polls = Polls::default();
        let one = polls.create("Q?".into(), PollKind::Single, options(&["a"]), now);
        assert_eq!(one.err(), Some(LiveRefusal::PollOptionCount(1)));
        let eleven = vec!["x".to_owned(); 11];
        let many = polls.create("Q?".into(), PollKind::Single, eleven, now);
        assert_eq!(many.err(), Some(LiveRefusal::PollOptionCount(11)));
        let blank = polls.create("Q?".into(), PollKind::Single, options(&["a", " "]), now);
        assert_eq!(
            blank.err(),
            Some(LiveRefusal::BlankText(TextField::PollOption))
        );
        let no_question = polls.create(" ".into(), PollKind::Single, options(&["a", "b"]), now);
        assert_eq!(
            no_question.err(),
            Some(LiveRefusal::BlankText(TextField::PollQuestion))
        );
        assert_eq!(polls, Polls::default());
    }

    #[test]
    fn one_poll_is_open_at_a_time() {
        let mut polls = open_poll(PollKind::Single);
        let now = at("2026-01-01T10:01:00Z");
        let second = polls.create("Again?".into(), PollKind::Single, options(&["a", "b"]), now);
        assert_eq!(second.err(), Some(LiveRefusal::PollAlreadyOpen(PollId(1))));
        polls.close(PollId(1), now).unwrap();
        let third = polls.create("Again?".into(), PollKind::Single, options(&["a", "b"]), now);
        assert_eq!(third.map(|poll| poll.poll_id), Ok(PollId(2)));
    }

    #[test]
    fn single_choice_takes_exactly_one_option_and_a_revote_replaces() {
        let mut polls = open_poll(PollKind::Single);
        let ada = user("ada");
        assert_eq!(
            polls.vote(PollId(1), &ada, &[0, 1]),
            Err(LiveRefusal::ChoiceCount {
                kind: PollKind::Single,
                chosen: 2
            })
        );
        assert_eq!(
            polls.vote(PollId(1), &ada, &[]),
            Err(LiveRefusal::ChoiceCount {
                kind: PollKind::Single,
                chosen: 0
            })
        );
        assert_eq!(
            polls.vote(PollId(1), &ada, &[3]),
            Err(LiveRefusal::NoSuchOption(3))
        );
        assert_eq!(polls.vote(PollId(1), &ada, &[0]), Ok(vec![0]));
        assert_eq!(polls.vote(PollId(1), &ada, &[2]), Ok(vec![2]));
        let tally = polls.open_poll().unwrap().tally();
        assert_eq!(tally.counts, [0, 0, 1]);
        assert_eq!(tally.voters, 1);
    }

    #[test]
    fn multiple_choice_takes_each_option_once_and_tallies_exactly() {
        let mut polls = open_poll(PollKind::Multiple);
        assert_eq!(
            polls.vote(PollId(1), &user("ada"), &[1, 1]),
            Err(LiveRefusal::OptionTwice(1))
        );
        assert_eq!(polls.vote(PollId(1), &user("ada"), &[2, 0]), Ok(vec![0, 2]));
        assert_eq!(
            polls.vote(PollId(1), &user("bob"), &[0, 1, 2]),
            Ok(vec![0, 1, 2])
        );
        assert_eq!(polls.vote(PollId(1), &user("cy"), &[1]), Ok(vec![1]));
        let tally = polls.open_poll().unwrap().tally();
        assert_eq!(tally.counts, [2, 2, 2]);
        assert_eq!(tally.voters, 3);
    }

    #[test]
    fn closed_polls_take_no_votes_and_keep_their_results() {
        let mut polls = open_poll(PollKind::Single);
        polls.vote(PollId(1), &user("ada"), &[1]).unwrap();
        let closed_at = at("2026-01-01T10:05:00Z");
        let results = polls
            .close(PollId(1), closed_at)
            .unwrap()
            .results()
            .unwrap();
        assert_eq!(results.tally.counts, [0, 1, 0]);
        assert_eq!(results.closed_at, closed_at);
        assert_eq!(
            polls.vote(PollId(1), &user("bob"), &[0]),
            Err(LiveRefusal::PollNotOpen(PollId(1)))
        );
        assert_eq!(
            polls.close(PollId(1), closed_at).err(),
            Some(LiveRefusal::PollNotOpen(PollId(1)))
        );
        assert_eq!(polls.closed_polls().len(), 1);
        assert!(polls.closed_polls()[0].votes.contains_key(&user("ada")));
    }

    #[test]
    fn the_tally_is_hidden_from_a_view_without_it() {
        let polls = open_poll(PollKind::Single);
        let poll = polls.open_poll().unwrap();
        assert_eq!(poll.view(false).tally, None);
        assert!(poll.view(true).tally.is_some());
        assert_eq!(poll.results(), None);
    }
}
