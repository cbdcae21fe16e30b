//! The `progress` store (since schema version 2): one record per learner, course and lesson
//! holding the resume position, the media time really watched and completion. Writes merge
//! with what is already stored inside one transaction, so a second tab or a stale write can
//! never lose watched time or un-complete a lesson.

use super::{operation, IdbError, PlayerDb, PROGRESS, PROGRESS_BY_COURSE};
use indexed_db_futures::object_store::ObjectStore;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::TransactionMode;
use lectern_core::progress::LessonProgress;
use lectern_core::{CourseId, LessonId, UserId};
use serde::de::IgnoredAny;
use serde::{Deserialize, Deserializer, Serialize};

/// The largest whole number a JS number holds exactly (2^53 − 1). serde-wasm-bindgen refuses
/// to write a `u64` above it, so times are stored as numbers clamped to it (about 285,000
/// years of milliseconds).
const MAX_STORED_MS: u64 = (1 << 53) - 1;

/// The key of one lesson's progress: `"user_id/course_id/lesson_id"`. Ids are slugs without
/// `/`, so a key names exactly one learner, course and lesson.
pub fn progress_key(user_id: &UserId, course_id: &CourseId, lesson_id: &LessonId) -> String {
    format!("{user_id}/{course_id}/{lesson_id}")
}

/// The `by_course` index key of one learner's progress through a course:
/// `"user_id/course_id"`.
pub fn course_key(user_id: &UserId, course_id: &CourseId) -> String {
    format!("{user_id}/{course_id}")
}

/// Lesson progress as stored (record format 1, since schema version 2), apart from the
/// domain's [`LessonProgress`]. Times are milliseconds kept as JS numbers.
///
/// Every field reads leniently: a field of the wrong shape (a hand-edited or corrupted
/// record) reads as its default and a malformed watched range is dropped, so one bad record
/// never makes a lesson, or a course outline, unreadable.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoredProgressV1 {
    /// The key: [`progress_key`].
    #[serde(default, deserialize_with = "lenient")]
    pub progress_key: String,
    /// The `by_course` index key: [`course_key`].
    #[serde(default, deserialize_with = "lenient")]
    pub course_key: String,
    #[serde(default, deserialize_with = "lenient")]
    pub user_id: String,
    #[serde(default, deserialize_with = "lenient")]
    pub course_id: String,
    #[serde(default, deserialize_with = "lenient")]
    pub lesson_id: String,
    /// Where to resume.
    #[serde(default, deserialize_with = "lenient")]
    pub position_ms: f64,
    /// When that position was recorded, in milliseconds since the Unix epoch.
    #[serde(default, deserialize_with = "lenient")]
    pub position_at_ms: f64,
    /// The media's length, once known.
    #[serde(default, deserialize_with = "lenient")]
    pub duration_ms: Option<f64>,
    /// The watched ranges as `[start_ms, end_ms]` pairs.
    #[serde(default, deserialize_with = "lenient_ranges")]
    pub watched: Vec<[f64; 2]>,
    #[serde(default, deserialize_with = "lenient")]
    pub is_complete: bool,
    /// When this record was written, in milliseconds since the Unix epoch.
    #[serde(default, deserialize_with = "lenient")]
    pub updated_at_ms: f64,
}

impl StoredProgressV1 {
    /// The record of `progress` for this learner, course and lesson, written at
    /// `updated_at_ms`.
    pub fn from_progress(
        user_id: &UserId,
        course_id: &CourseId,
        lesson_id: &LessonId,
        progress: &LessonProgress,
        updated_at_ms: f64,
    ) -> Self {
        StoredProgressV1 {
            progress_key: progress_key(user_id, course_id, lesson_id),
            course_key: course_key(user_id, course_id),
            user_id: user_id.to_string(),
            course_id: course_id.to_string(),
            lesson_id: lesson_id.to_string(),
            position_ms: ms_to_stored(progress.position_ms),
            position_at_ms: ms_to_stored(progress.position_at_ms),
            duration_ms: progress.duration_ms.map(ms_to_stored),
            watched: progress
                .watched
                .ranges()
                .iter()
                .map(|&(start_ms, end_ms)| [ms_to_stored(start_ms), ms_to_stored(end_ms)])
                .collect(),
            is_complete: progress.is_complete,
            updated_at_ms,
        }
    }

    /// The domain value. Never fails: a time that is not a whole, non-negative number reads
    /// as 0 (a duration as unknown), and a range that is inverted, empty or not made of such
    /// times is dropped; the rest are sorted and merged.
    pub fn to_progress(&self) -> LessonProgress {
        LessonProgress {
            position_ms: ms_from_stored(self.position_ms).unwrap_or(0),
            position_at_ms: ms_from_stored(self.position_at_ms).unwrap_or(0),
            duration_ms: self.duration_ms.and_then(ms_from_stored),
            watched: self
                .watched
                .iter()
                .filter_map(|&[start, end]| Some((ms_from_stored(start)?, ms_from_stored(end)?)))
                .collect(),
            is_complete: self.is_complete,
        }
    }

    /// The lesson this record belongs to, read from its key (the field a lookup uses), if
    /// the key belongs to `course_key`.
    fn lesson_in(&self, course_key: &str) -> Option<LessonId> {
        let lesson_id = self
            .progress_key
            .strip_prefix(course_key)?
            .strip_prefix('/')?;
        LessonId::parse(lesson_id).ok()
    }
}

fn ms_to_stored(ms: u64) -> f64 {
    ms.min(MAX_STORED_MS) as f64
}

/// `None` unless `stored` is a finite, non-negative number; fractions are dropped.
fn ms_from_stored(stored: f64) -> Option<u64> {
    // `as` saturates, and the bound keeps the result inside what was ever stored.
    (stored.is_finite() && stored >= 0.0).then(|| (stored as u64).min(MAX_STORED_MS))
}

/// A stored value of the expected shape, or anything else.
#[derive(Deserialize)]
#[serde(untagged)]
enum Shaped<T> {
    Expected(T),
    Other(IgnoredAny),
}

/// Reads a `T`, or its default when the stored value has another shape.
pub(super) fn lenient<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de> + Default,
{
    Ok(match Shaped::<T>::deserialize(deserializer)? {
        Shaped::Expected(value) => value,
        Shaped::Other(_) => T::default(),
    })
}

/// Reads a list of `[start, end]` pairs, dropping every element that is not a pair of
/// numbers (and reading anything but a list as empty).
fn lenient_ranges<'de, D>(deserializer: D) -> Result<Vec<[f64; 2]>, D::Error>
where
    D: Deserializer<'de>,
{
    let ranges: Vec<Shaped<[f64; 2]>> = lenient(deserializer)?;
    Ok(ranges
        .into_iter()
        .filter_map(|range| match range {
            Shaped::Expected(pair) => Some(pair),
            Shaped::Other(_) => None,
        })
        .collect())
}

impl PlayerDb {
    /// The saved progress of one learner in one lesson, if there is any.
    pub async fn progress(
        &self,
        user_id: &UserId,
        course_id: &CourseId,
        lesson_id: &LessonId,
    ) -> Result<Option<LessonProgress>, IdbError> {
        let tx = self.db.transaction(PROGRESS).build().map_err(operation)?;
        let store = tx.object_store(PROGRESS).map_err(operation)?;
        let stored: Option<StoredProgressV1> = store
            .get(progress_key(user_id, course_id, lesson_id))
            .serde()
            .map_err(operation)?
            .await
            .map_err(operation)?;
        Ok(stored.map(|record| record.to_progress()))
    }

    /// Every saved lesson of one learner in one course, in lesson id order, read in one
    /// request through the `by_course` index. Other learners' records are never returned.
    pub async fn course_progress(
        &self,
        user_id: &UserId,
        course_id: &CourseId,
    ) -> Result<Vec<(LessonId, LessonProgress)>, IdbError> {
        let course_key = course_key(user_id, course_id);
        let records: Vec<StoredProgressV1> = self
            .records_by_index(PROGRESS, PROGRESS_BY_COURSE, &course_key)
            .await?;
        let mut lessons = Vec::new();
        for record in records {
            // A record whose key does not match its index entry was not written by us.
            if let Some(lesson_id) = record.lesson_in(&course_key) {
                lessons.push((lesson_id, record.to_progress()));
            }
        }
        Ok(lessons)
    }

    /// Saves `progress` merged with what is already stored, in one read-write transaction,
    /// and returns the merged value. Merging (see [`LessonProgress::merge`]) keeps the later
    /// position, the union of watched time and completion once reached, so two tabs or a
    /// stale write never lose watched time or un-complete a lesson.
    pub async fn save_progress(
        &self,
        user_id: &UserId,
        course_id: &CourseId,
        lesson_id: &LessonId,
        progress: &LessonProgress,
        now_ms: f64,
    ) -> Result<LessonProgress, IdbError> {
        let tx = self
            .db
            .transaction(PROGRESS)
            .with_mode(TransactionMode::Readwrite)
            .build()
            .map_err(operation)?;
        let store = tx.object_store(PROGRESS).map_err(operation)?;
        let merged = merge_and_put(&store, user_id, course_id, lesson_id, progress, now_ms).await?;
        tx.commit().await.map_err(operation)?;
        Ok(merged)
    }
}

/// Reads the stored progress of one lesson from `store`, merges `progress` into it and
/// writes the result, inside the caller's read-write transaction; returns the merged value.
pub(super) async fn merge_and_put(
    store: &ObjectStore<'_>,
    user_id: &UserId,
    course_id: &CourseId,
    lesson_id: &LessonId,
    progress: &LessonProgress,
    now_ms: f64,
) -> Result<LessonProgress, IdbError> {
    merge_and_put_reporting(store, user_id, course_id, lesson_id, progress, now_ms)
        .await
        .map(|(_, merged)| merged)
}

/// [`merge_and_put`], also returning what was stored before.
pub(super) async fn merge_and_put_reporting(
    store: &ObjectStore<'_>,
    user_id: &UserId,
    course_id: &CourseId,
    lesson_id: &LessonId,
    progress: &LessonProgress,
    now_ms: f64,
) -> Result<(Option<LessonProgress>, LessonProgress), IdbError> {
    let stored: Option<StoredProgressV1> = store
        .get(progress_key(user_id, course_id, lesson_id))
        .serde()
        .map_err(operation)?
        .await
        .map_err(operation)?;
    let before = stored.map(|record| record.to_progress());
    let merged = match &before {
        Some(known) => known.merge(progress),
        None => progress.clone(),
    };
    let record = StoredProgressV1::from_progress(user_id, course_id, lesson_id, &merged, now_ms);
    store
        .put(&record)
        .serde()
        .map_err(operation)?
        .await
        .map_err(operation)?;
    Ok((before, merged))
}
