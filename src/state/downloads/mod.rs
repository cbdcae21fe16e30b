//! Downloads for offline use, in context: the signed-in learner's downloads by course, and
//! the actions the views offer (download a lesson or a course, pause, resume, cancel,
//! remove). The records live in IndexedDB (`downloads`) and the files in Cache Storage;
//! `runner.rs` fetches them one course at a time. After a reload, a download that was
//! running goes on by itself from its last stored part; a paused one waits for the learner.

mod runner;
mod space;

use super::SessionInjection;
use crate::io::document::now_ms;
use crate::io::idb::{download_key, SharedConnection, StoredDownloadV1, DB_NAME};
use crate::io::media_cache;
use lectern_core::offline::{
    course_files, lesson_files, unreferenced, CourseDownload, DownloadFailure, DownloadState,
};
use lectern_core::{Course, CourseId, LessonId, UserId};
use leptos::logging::warn;
use leptos::prelude::*;
use runner::Runner;
use std::rc::Rc;

/// One course's download as the views show it.
#[derive(Debug, Clone, PartialEq)]
pub struct DownloadEntry {
    pub course_title: String,
    pub download: CourseDownload,
}

/// The downloads, in context. `Copy`, so views capture it freely.
#[derive(Clone, Copy)]
pub struct DownloadsInjection {
    /// The signed-in learner's downloads, in the order they were asked for.
    pub entries: RwSignal<Vec<DownloadEntry>>,
    /// Downloads could not be read from this device (no IndexedDB or Cache Storage).
    pub is_unavailable: RwSignal<bool>,
    shared: StoredValue<Rc<Shared>, LocalStorage>,
}

/// What the actions and the runner share.
struct Shared {
    db: SharedConnection,
    session: SessionInjection,
    entries: RwSignal<Vec<DownloadEntry>>,
    runner: Runner,
}

impl DownloadsInjection {
    pub fn expect() -> DownloadsInjection {
        expect_context::<DownloadsInjection>()
    }

    /// The download of `course_id`, tracked.
    pub fn entry(&self, course_id: &CourseId) -> Option<DownloadEntry> {
        self.entries
            .with(|entries| find(entries, course_id).cloned())
    }

    /// Downloads `lesson_id` of `course`, or every lesson with files when `None`.
    pub fn download(&self, course: &Course, lesson_id: Option<&LessonId>) {
        let lessons = match lesson_id {
            Some(lesson_id) => course
                .modules
                .iter()
                .flat_map(|module| &module.lessons)
                .filter(|lesson| &lesson.lesson_id == lesson_id)
                .map(|lesson| (lesson.lesson_id.clone(), lesson_files(&lesson.content)))
                .collect(),
            None => course_files(course),
        };
        let course_id = course.course_id.clone();
        let title = course.title.clone();
        self.change(&course_id, |entry| {
            let entry = entry.get_or_insert_with(|| DownloadEntry {
                course_title: title,
                download: CourseDownload::new(course_id.clone()),
            });
            entry.download.state = DownloadState::Downloading;
            entry.download.add_lessons(lessons);
            entry.download.finish_if_done();
        });
        let shared = self.shared.get_value();
        let course_id = course.course_id.clone();
        leptos::task::spawn_local(async move { space::check_then_run(shared, course_id).await });
    }

    pub fn pause(&self, course_id: &CourseId) {
        self.set_state(course_id, DownloadState::Paused);
        self.shared.get_value().runner.stop_if_running(course_id);
    }

    /// Goes on from the last stored part.
    pub fn resume(&self, course_id: &CourseId) {
        self.set_state(course_id, DownloadState::Downloading);
        let shared = self.shared.get_value();
        let course_id = course_id.clone();
        leptos::task::spawn_local(async move { space::check_then_run(shared, course_id).await });
    }

    /// Stops the download and removes what it stored (cancel and delete alike).
    pub fn remove(&self, course_id: &CourseId) {
        let shared = self.shared.get_value();
        shared.runner.stop_if_running(course_id);
        let removed = self.take(course_id);
        let Some(removed) = removed else {
            return;
        };
        let files = removed.download.files;
        let course_id = course_id.clone();
        leptos::task::spawn_local(async move {
            shared.save(&course_id).await;
            // Parts of files not finished yet are this download's alone.
            for file in &files {
                let dropped = media_cache::delete_parts(file.url.as_str(), &file.part_starts).await;
                if let Err(err) = dropped {
                    warn!(
                        "downloads: could not drop the parts of {:?}: {err}",
                        file.url
                    );
                }
            }
            shared
                .delete_files(files.into_iter().map(|file| file.url).collect())
                .await;
        });
    }

    /// Removes one lesson's files (those no other kept lesson needs).
    pub fn remove_lesson(&self, course_id: &CourseId, lesson_id: &LessonId) {
        let mut freed = Vec::new();
        let lesson_id = lesson_id.clone();
        self.change(course_id, |entry| {
            if let Some(kept) = entry {
                freed = kept.download.remove_lesson(&lesson_id);
                if kept.download.lessons.is_empty() {
                    *entry = None;
                }
            }
        });
        let shared = self.shared.get_value();
        if self.entry(course_id).is_none() {
            shared.runner.stop_if_running(course_id);
        }
        let course_id = course_id.clone();
        leptos::task::spawn_local(async move {
            shared.save(&course_id).await;
            shared.delete_files(freed).await;
        });
    }

    fn set_state(&self, course_id: &CourseId, state: DownloadState) {
        self.change(course_id, |entry| {
            if let Some(entry) = entry {
                entry.download.state = state;
                entry.download.finish_if_done();
            }
        });
        let shared = self.shared.get_value();
        let course_id = course_id.clone();
        leptos::task::spawn_local(async move { shared.save(&course_id).await });
    }

    fn take(&self, course_id: &CourseId) -> Option<DownloadEntry> {
        let mut taken = None;
        self.change(course_id, |entry| taken = entry.take());
        taken
    }

    fn change(&self, course_id: &CourseId, edit: impl FnOnce(&mut Option<DownloadEntry>)) {
        self.shared.get_value().change(course_id, edit);
    }
}

fn find<'a>(entries: &'a [DownloadEntry], course_id: &CourseId) -> Option<&'a DownloadEntry> {
    entries
        .iter()
        .find(|entry| &entry.download.course_id == course_id)
}

impl Shared {
    /// Edits the entry of `course_id` (`None` when there is none; set `None` to drop it).
    fn change(&self, course_id: &CourseId, edit: impl FnOnce(&mut Option<DownloadEntry>)) {
        self.entries.update(|entries| {
            let at = entries
                .iter()
                .position(|entry| &entry.download.course_id == course_id);
            let mut entry = at.map(|at| entries.remove(at));
            edit(&mut entry);
            if let Some(entry) = entry {
                entries.insert(at.unwrap_or(entries.len()), entry);
            }
        });
    }

    fn entry_untracked(&self, course_id: &CourseId) -> Option<DownloadEntry> {
        self.entries
            .with_untracked(|entries| find(entries, course_id).cloned())
    }

    /// Writes the entry of `course_id` as it is when the write starts (or deletes its
    /// record if it is gone), so the last write always holds the latest state.
    async fn save(&self, course_id: &CourseId) {
        let Some(user_id) = self.session.user_id_untracked() else {
            return;
        };
        let key = download_key(&user_id, course_id);
        let db = match self.db.get().await {
            Ok(db) => db,
            Err(err) => {
                warn!("downloads: could not open the database: {err}");
                return;
            }
        };
        let written = match self.entry_untracked(course_id) {
            Some(entry) => {
                let record =
                    StoredDownloadV1::new(&user_id, &entry.course_title, &entry.download, now_ms());
                db.put_download(&record).await
            }
            None => db.delete_download(&key).await,
        };
        if let Err(err) = written {
            warn!("downloads: could not store the download of {course_id}: {err}");
            self.db.forget(&db);
        }
    }

    /// Deletes `freed` files from Cache Storage unless another download on this device
    /// (of any learner) still needs them.
    async fn delete_files(&self, freed: Vec<lectern_core::course::MediaUrl>) {
        let others: Vec<CourseDownload> = match self.db.get().await {
            Ok(db) => match db.downloads().await {
                Ok(records) => records
                    .iter()
                    .filter_map(|record| record.download().ok())
                    .collect(),
                Err(err) => {
                    warn!("downloads: kept the files, the index could not be read: {err}");
                    return;
                }
            },
            Err(err) => {
                warn!("downloads: kept the files, the database could not be opened: {err}");
                return;
            }
        };
        for url in unreferenced(freed, &others) {
            if let Err(err) = media_cache::delete_file(url.as_str()).await {
                warn!("downloads: could not delete {url:?}: {err}");
            }
        }
    }

    fn fail(&self, course_id: &CourseId, failure: DownloadFailure) {
        self.change(course_id, |entry| {
            if let Some(entry) = entry {
                entry.download.state = DownloadState::Failed(failure);
            }
        });
    }
}

/// Provides the downloads and loads the signed-in learner's.
pub fn provide_downloads() {
    let session = SessionInjection::expect();
    let entries = RwSignal::new(Vec::new());
    let is_unavailable = RwSignal::new(false);
    let shared = Rc::new(Shared {
        db: SharedConnection::new(DB_NAME),
        session,
        entries,
        runner: Runner::default(),
    });
    let loader = shared.clone();
    Effect::new(move || {
        let user_id = session.user_id();
        let loader = loader.clone();
        leptos::task::spawn_local(async move {
            load(&loader, user_id, is_unavailable).await;
        });
    });
    let waker = shared.clone();
    // App-wide: the network coming back restarts downloads that stopped for it.
    let _ = window_event_listener_untyped("online", move |_| {
        let course_ids: Vec<CourseId> = waker.entries.with_untracked(|entries| {
            entries
                .iter()
                .filter(|entry| {
                    entry.download.state == DownloadState::Failed(DownloadFailure::Offline)
                })
                .map(|entry| entry.download.course_id.clone())
                .collect()
        });
        for course_id in course_ids {
            waker.change(&course_id, |entry| {
                if let Some(entry) = entry {
                    entry.download.state = DownloadState::Downloading;
                }
            });
        }
        runner::run_pending(waker.clone());
    });
    provide_context(DownloadsInjection {
        entries,
        is_unavailable,
        shared: StoredValue::new_local(shared),
    });
}

async fn load(shared: &Rc<Shared>, user_id: Option<UserId>, is_unavailable: RwSignal<bool>) {
    let Some(user_id) = user_id else {
        shared.entries.set(Vec::new());
        return;
    };
    let records = match shared.db.get().await {
        Ok(db) => db.downloads().await,
        Err(err) => Err(err),
    };
    let records = match records {
        Ok(records) => records,
        Err(err) => {
            warn!("downloads: could not read the download index: {err}");
            is_unavailable.set(true);
            return;
        }
    };
    let mut loaded = Vec::new();
    for record in records
        .into_iter()
        .filter(|record| record.user_id == user_id.as_str())
    {
        match record.download() {
            Ok(download) => loaded.push(DownloadEntry {
                course_title: record.course_title,
                download,
            }),
            Err(err) => warn!("downloads: skipped an unreadable record: {err}"),
        }
    }
    shared.entries.set(loaded);
    runner::run_pending(shared.clone());
}
