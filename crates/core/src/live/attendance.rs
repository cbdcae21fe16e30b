//! Attendance: when each user was in the room, as intervals, for the server to persist. A
//! user who leaves and comes back has several intervals. A dropped connection closes the
//! interval at the moment it dropped; if the user is back within the reconnect grace
//! period, the interval is reopened, as if they had never gone (a flaky network does not
//! cut one stay into many). Open intervals close when the session ends. Times are as they
//! happened, waiting before the start included; the server clips to the session if it
//! wants only the live part.

use super::participants::LiveRole;
use crate::ids::UserId;
use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One stay in the room.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttendanceInterval {
    pub joined_at: Timestamp,
    /// None while the user is still there.
    pub left_at: Option<Timestamp>,
}

/// Every stay of one user.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttendanceRecord {
    pub user_id: UserId,
    pub role: LiveRole,
    /// Oldest first; only the last may be open.
    pub intervals: Vec<AttendanceInterval>,
}

/// The records, by user.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct Attendance {
    records: BTreeMap<UserId, AttendanceRecord>,
}

impl Attendance {
    pub(crate) fn records(&self) -> impl Iterator<Item = &AttendanceRecord> {
        self.records.values()
    }

    /// `user_id` came in at `now`. With `is_continuing` (a reconnect within the grace
    /// period, or a new connection replacing a live one) their last interval goes on.
    pub(crate) fn arrived(
        &mut self,
        user_id: &UserId,
        role: LiveRole,
        is_continuing: bool,
        now: Timestamp,
    ) {
        let record = self
            .records
            .entry(user_id.clone())
            .or_insert_with(|| AttendanceRecord {
                user_id: user_id.clone(),
                role,
                intervals: Vec::new(),
            });
        match record.intervals.last_mut() {
            Some(last) if is_continuing => last.left_at = None,
            Some(last) if last.left_at.is_none() => {}
            _ => record.intervals.push(AttendanceInterval {
                joined_at: now,
                left_at: None,
            }),
        }
    }

    /// `user_id` went at `at` (left, or their connection dropped).
    pub(crate) fn departed(&mut self, user_id: &UserId, at: Timestamp) {
        let open = self
            .records
            .get_mut(user_id)
            .and_then(|record| record.intervals.last_mut())
            .filter(|last| last.left_at.is_none());
        if let Some(last) = open {
            last.left_at = Some(at.max(last.joined_at));
        }
    }

    /// Closes every open interval at `at` (the session ended).
    pub(crate) fn close_all(&mut self, at: Timestamp) {
        let users: Vec<UserId> = self.records.keys().cloned().collect();
        for user_id in users {
            self.departed(&user_id, at);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(second: i64) -> Timestamp {
        Timestamp::from_second(1_800_000_000 + second).unwrap()
    }

    fn intervals(attendance: &Attendance) -> Vec<(Timestamp, Option<Timestamp>)> {
        let record = attendance.records().next().unwrap();
        record
            .intervals
            .iter()
            .map(|interval| (interval.joined_at, interval.left_at))
            .collect()
    }

    #[test]
    fn each_stay_is_an_interval() {
        let ada = UserId::parse("ada").unwrap();
        let mut attendance = Attendance::default();
        attendance.arrived(&ada, LiveRole::Learner, false, at(0));
        attendance.departed(&ada, at(10));
        attendance.arrived(&ada, LiveRole::Learner, false, at(100));
        assert_eq!(
            intervals(&attendance),
            [(at(0), Some(at(10))), (at(100), None)]
        );
        attendance.close_all(at(200));
        assert_eq!(intervals(&attendance)[1], (at(100), Some(at(200))));
    }

    #[test]
    fn a_reconnect_in_time_continues_the_stay() {
        let ada = UserId::parse("ada").unwrap();
        let mut attendance = Attendance::default();
        attendance.arrived(&ada, LiveRole::Learner, false, at(0));
        attendance.departed(&ada, at(10));
        attendance.arrived(&ada, LiveRole::Learner, true, at(20));
        // A second connection replacing a live one continues it too.
        attendance.arrived(&ada, LiveRole::Learner, true, at(30));
        assert_eq!(intervals(&attendance), [(at(0), None)]);
    }
}
