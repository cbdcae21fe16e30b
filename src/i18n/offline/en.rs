//! Offline use in English.

use super::OfflineMsg;

pub(super) fn text(msg: OfflineMsg) -> &'static str {
    match msg {
        OfflineMsg::DownloadCourse => "Download course for offline use",
        OfflineMsg::DownloadLesson => "Download for offline use",
        OfflineMsg::Downloading => "Downloading for offline use…",
        OfflineMsg::Paused => "Download paused",
        OfflineMsg::AvailableOffline => "Available offline",
        OfflineMsg::LessonAvailableOffline => "This lesson is available offline",
        OfflineMsg::BytesOf => "{done} of {total}",
        OfflineMsg::FilesOf => "{done} of {total} files",
        OfflineMsg::DownloadProgress => "Download progress",
        OfflineMsg::Pause => "Pause download",
        OfflineMsg::Resume => "Resume download",
        OfflineMsg::Cancel => "Cancel download",
        OfflineMsg::Remove => "Remove from this device",
        OfflineMsg::RemoveLesson => "Remove this lesson from this device",
        OfflineMsg::TryAgain => "Try again",
        OfflineMsg::FailedNoSpace => "There is not enough space on this device: the download needs {needed}, and {free} is free. Remove other downloads or free some space, then try again.",
        OfflineMsg::FailedStorageFull => "This device ran out of space, so the download stopped. Your progress is safe. Free some space, then try again.",
        OfflineMsg::FailedOffline => "The download stopped because the network is gone. It goes on by itself when you are back online.",
        OfflineMsg::FailedServer => "The server did not send a file (status {status}). Try again later.",
        OfflineMsg::FailedBadAnswer => "The server's answers did not match the file. Try again later.",
        OfflineMsg::FailedStorage => "This device could not store a file of the download. Try again.",
        OfflineMsg::DownloadsTitle => "Downloads",
        OfflineMsg::DownloadsIntro => "Courses and lessons kept on this device, to use without a network.",
        OfflineMsg::DownloadsEmpty => "Nothing is downloaded yet. Use “Download for offline use” on a course or a lesson.",
        OfflineMsg::DownloadsUnavailable => "This browser cannot keep downloads here (it may be a private window).",
        OfflineMsg::SpaceUsed => "Lectern uses {used} on this device; {free} more is available.",
        OfflineMsg::SpaceUnknown => "This browser does not say how much space is left.",
        OfflineMsg::Persisted => "The browser keeps these downloads even when space runs low.",
        OfflineMsg::NotPersisted => "The browser may clear these downloads if the device runs low on space.",
        OfflineMsg::CourseSize => "Size: {size}",
        OfflineMsg::LessonsKept => "Lessons kept: {count}",
        OfflineMsg::DownloadsLink => "Downloads",
        OfflineMsg::UpdateReady => "A new version of Lectern is available.",
        OfflineMsg::UpdateReload => "Reload to update",
    }
}
