use super::*;
use crate::offline::parse_content_range;
use proptest::prelude::*;

fn url(raw: &str) -> MediaUrl {
    MediaUrl::parse(raw).unwrap()
}

fn lesson(raw: &str) -> LessonId {
    LessonId::parse(raw).unwrap()
}

fn files(urls: &[&str]) -> LessonFiles {
    LessonFiles {
        downloadable: urls.iter().map(|raw| url(raw)).collect(),
        elsewhere: Vec::new(),
    }
}

/// A server holding `body`, answering a range request as RFC 9110 says.
fn answer(body: &[u8], range: ByteRange) -> (ContentRange, Vec<u8>) {
    let end = range.end_inclusive.min(body.len() as u64 - 1);
    let header = format!("bytes {}-{}/{}", range.start, end, body.len());
    let part = body[range.start as usize..=end as usize].to_vec();
    (parse_content_range(&header).unwrap(), part)
}

#[test]
fn a_file_comes_in_ranges_and_the_last_one_is_short() {
    let body = vec![7u8; (CHUNK_BYTES * 2 + 10) as usize];
    let mut file = FileDownload::new(url("/media/a.mp4"));
    let mut ranges = Vec::new();
    while let Some(range) = file.next_range() {
        ranges.push(range.header_value());
        let (content_range, part) = answer(&body, range);
        file.accept_part(content_range, part.len() as u64).unwrap();
    }
    assert_eq!(
        ranges,
        [
            format!("bytes=0-{}", CHUNK_BYTES - 1),
            format!("bytes={}-{}", CHUNK_BYTES, 2 * CHUNK_BYTES - 1),
            format!("bytes={}-{}", 2 * CHUNK_BYTES, 2 * CHUNK_BYTES + 9),
        ]
    );
    assert!(file.is_fetched());
    assert!(!file.is_complete(), "not yet joined");
    assert_eq!(file.size_bytes, Some(body.len() as u64));
    assert_eq!(file.part_starts, [0, CHUNK_BYTES, 2 * CHUNK_BYTES]);
    file.mark_assembled();
    assert!(file.is_complete());
}

#[test]
fn a_small_file_is_one_request() {
    let body = b"WEBVTT\n".to_vec();
    let mut file = FileDownload::new(url("/media/a.vtt"));
    let (content_range, part) = answer(&body, file.next_range().unwrap());
    file.accept_part(content_range, part.len() as u64).unwrap();
    assert!(file.is_fetched());
    assert_eq!(file.next_range(), None);
}

#[test]
fn answers_that_do_not_fit_are_refused_and_change_nothing() {
    let mut file = FileDownload::new(url("/media/a.mp4"));
    file.size_bytes = Some(100);
    file.fetched_bytes = 40;
    let before = file.clone();
    let at = |raw: &str| parse_content_range(raw).unwrap();
    assert_eq!(
        file.accept_part(at("bytes 0-9/100"), 10),
        Err(ChunkError::NotWhereItStopped {
            expected: 40,
            got: 0
        })
    );
    assert_eq!(
        file.accept_part(at("bytes 40-49/100"), 9),
        Err(ChunkError::LengthMismatch { said: 10, got: 9 })
    );
    assert_eq!(
        file.accept_part(at("bytes 40-49/120"), 10),
        Err(ChunkError::FileChanged { was: 100, now: 120 })
    );
    assert_eq!(file, before);
    file.restart();
    assert_eq!(file.fetched_bytes, 0);
    assert!(file.part_starts.is_empty());
    assert_eq!(file.next_range().map(|range| range.start), Some(0));
}

#[test]
fn a_server_without_ranges_sends_the_whole_file() {
    let mut file = FileDownload::new(url("/media/a.mp4"));
    file.accept_whole(1234);
    assert!(file.is_complete());
}

#[test]
fn lessons_share_files_and_progress_counts_each_once() {
    let mut download = CourseDownload::new(CourseId::parse("c").unwrap());
    download.add_lessons([
        (lesson("one"), files(&["/media/a.mp4", "/media/a.vtt"])),
        (lesson("two"), files(&["/media/b.mp4", "/media/a.vtt"])),
    ]);
    download.add_lessons([(lesson("one"), files(&["/media/a.mp4"]))]);
    assert_eq!(download.lessons.len(), 2);
    assert_eq!(download.files.len(), 3);
    let progress = download.progress();
    assert_eq!((progress.files_done, progress.files_total), (0, 3));
    assert_eq!(progress.bytes_total, None);
    for file in &mut download.files {
        file.accept_whole(10);
    }
    download.finish_if_done();
    assert_eq!(download.state, DownloadState::Complete);
    assert_eq!(download.progress().bytes_total, Some(30));
    assert!(download.is_lesson_ready(&lesson("two")));

    let freed = download.remove_lesson(&lesson("one"));
    assert_eq!(freed, [url("/media/a.mp4")]);
    assert_eq!(download.files.len(), 2);
    assert!(!download.has_lesson(&lesson("one")));
}

#[test]
fn a_new_lesson_reopens_a_finished_download_but_not_a_paused_one() {
    let mut download = CourseDownload::new(CourseId::parse("c").unwrap());
    download.add_lessons([(lesson("one"), files(&["/media/a.mp4"]))]);
    download.files[0].accept_whole(5);
    download.finish_if_done();
    download.add_lessons([(lesson("two"), files(&["/media/b.mp4"]))]);
    assert_eq!(download.state, DownloadState::Downloading);
    assert!(!download.is_lesson_ready(&lesson("two")));
    assert!(download.is_lesson_ready(&lesson("one")));
    download.state = DownloadState::Paused;
    download.add_lessons([(lesson("three"), files(&["/media/c.mp4"]))]);
    assert_eq!(download.state, DownloadState::Paused);
}

#[test]
fn files_another_course_needs_stay() {
    let mut other = CourseDownload::new(CourseId::parse("other").unwrap());
    other.add_lessons([(lesson("x"), files(&["/media/shared.mp4"]))]);
    let kept = unreferenced(
        vec![url("/media/shared.mp4"), url("/media/mine.mp4")],
        &[other],
    );
    assert_eq!(kept, [url("/media/mine.mp4")]);
}

proptest! {
    /// Whatever the sizes and wherever the download is interrupted (the stored record is
    /// all that survives), the bytes stored are exactly the file's, and after every
    /// interruption the next request starts where the stored record stopped.
    #[test]
    fn interrupted_downloads_store_each_file_exactly(
        sizes in prop::collection::vec(1usize..(3 * CHUNK_BYTES as usize), 1..4),
        interruptions in prop::collection::vec(0usize..12, 0..6),
        whole_answers in prop::collection::vec(any::<bool>(), 12),
    ) {
        let bodies: Vec<Vec<u8>> = sizes
            .iter()
            .enumerate()
            .map(|(index, size)| (0..*size).map(|at| (at * 31 + index) as u8).collect())
            .collect();
        let urls: Vec<String> = (0..bodies.len()).map(|index| format!("/media/f{index}.mp4")).collect();
        let url_refs: Vec<&str> = urls.iter().map(String::as_str).collect();
        let mut stored = CourseDownload::new(CourseId::parse("c").unwrap());
        stored.add_lessons([(lesson("l"), files(&url_refs))]);
        let mut kept: Vec<Vec<u8>> = vec![Vec::new(); bodies.len()];
        let mut step = 0usize;
        loop {
            // A restart: only `stored` survives; parts beyond it are written again.
            let mut download = stored.clone();
            let mut steps_this_run = 0usize;
            let stop_after = interruptions.get(step % interruptions.len().max(1)).copied();
            while let Some(file) = download.next_file() {
                let index = urls.iter().position(|raw| raw == file.url.as_str()).unwrap();
                if file.is_fetched() {
                    file.mark_assembled();
                    stored = download.clone();
                    continue;
                }
                let range = file.next_range().unwrap();
                prop_assert_eq!(range.start, kept[index].len() as u64);
                let body = &bodies[index];
                if range.start == 0 && whole_answers[step % whole_answers.len()] {
                    file.accept_whole(body.len() as u64);
                    kept[index] = body.clone();
                } else {
                    let (content_range, part) = answer(body, range);
                    file.accept_part(content_range, part.len() as u64).unwrap();
                    kept[index].extend_from_slice(&part);
                }
                stored = download.clone();
                step += 1;
                steps_this_run += 1;
                if stop_after == Some(steps_this_run) {
                    break;
                }
            }
            if download.is_every_file_complete() {
                download.finish_if_done();
                prop_assert_eq!(&download.state, &DownloadState::Complete);
                break;
            }
        }
        prop_assert_eq!(kept, bodies);
    }
}
