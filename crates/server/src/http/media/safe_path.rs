//! From the (already percent-decoded) path after `/media/` to a file inside the media root:
//! first a purely textual check that lets through only plain, visible path segments, then a
//! canonical path on disk that must still lie under the canonical root, so neither `..` nor a
//! symbolic link can reach outside it.

use std::io;
use std::path::{Component, Path, PathBuf};

/// Why a media path is refused. Every case answers 404, exactly like a missing file.
#[derive(Debug, thiserror::Error)]
pub(crate) enum MediaPathError {
    #[error("segment {0:?} is not a plain, visible file or directory name")]
    UnsafeSegment(String),
    #[error("the path resolves outside the media directory")]
    OutsideRoot,
    #[error("not a regular file")]
    NotAFile,
    #[error(transparent)]
    Io(#[from] io::Error),
}

/// The relative path that `requested` names, if every `/`-separated segment is a plain name:
/// not empty, `.` or `..`, not hidden (leading `.`), without backslashes, NUL or anything the
/// platform reads as a root or drive prefix.
pub(crate) fn relative_path(requested: &str) -> Result<PathBuf, MediaPathError> {
    let mut relative = PathBuf::new();
    for segment in requested.split('/') {
        let is_plain = !segment.is_empty()
            && !segment.starts_with('.')
            && !segment.contains(['\\', '\0'])
            && matches!(
                Path::new(segment)
                    .components()
                    .collect::<Vec<_>>()
                    .as_slice(),
                [Component::Normal(_)]
            );
        if !is_plain {
            return Err(MediaPathError::UnsafeSegment(segment.to_owned()));
        }
        relative.push(segment);
    }
    Ok(relative)
}

/// The canonical path of what `relative` names under `root` (the caller checks that it is a
/// regular file, on the handle it opens). Both are
/// canonicalised on every request, so a root created (or moved) after start-up works, and a
/// symbolic link is followed only while it stays inside the root.
pub(crate) async fn resolve(root: &Path, relative: &Path) -> Result<PathBuf, MediaPathError> {
    let root = tokio::fs::canonicalize(root).await?;
    let file = tokio::fs::canonicalize(root.join(relative)).await?;
    if !file.starts_with(&root) {
        return Err(MediaPathError::OutsideRoot);
    }
    Ok(file)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_nested_names_pass() {
        assert_eq!(
            relative_path("astronomy-101/tour-of-the-sky.webm").ok(),
            Some(PathBuf::from("astronomy-101").join("tour-of-the-sky.webm"))
        );
        assert_eq!(
            relative_path("a b/ünïcode.vtt").ok(),
            Some(PathBuf::from("a b/ünïcode.vtt"))
        );
    }

    #[test]
    fn traversal_hidden_and_odd_segments_are_refused() {
        for requested in [
            "",
            "..",
            "../Cargo.toml",
            "a/../../x",
            "a/./b",
            "/etc/passwd",
            "a//b",
            "a/",
            ".env",
            "course/.git/config",
            "..\\secret",
            "a\\b",
            "a\0b",
        ] {
            assert!(
                matches!(
                    relative_path(requested),
                    Err(MediaPathError::UnsafeSegment(_))
                ),
                "{requested:?}"
            );
        }
    }

    #[cfg(unix)]
    #[tokio::test]
    async fn symbolic_links_may_not_leave_the_root() {
        let scratch = tempfile::tempdir().unwrap();
        let root = scratch.path().join("media");
        std::fs::create_dir_all(root.join("course")).unwrap();
        std::fs::write(scratch.path().join("secret.txt"), "secret").unwrap();
        std::fs::write(root.join("course/inside.txt"), "inside").unwrap();
        std::os::unix::fs::symlink(scratch.path().join("secret.txt"), root.join("out.txt"))
            .unwrap();
        std::os::unix::fs::symlink(root.join("course/inside.txt"), root.join("alias.txt")).unwrap();

        let inside = resolve(&root, Path::new("course/inside.txt"))
            .await
            .unwrap();
        assert!(inside.ends_with("course/inside.txt"));
        let alias = resolve(&root, Path::new("alias.txt")).await.unwrap();
        assert_eq!(alias, inside);
        assert!(matches!(
            resolve(&root, Path::new("out.txt")).await,
            Err(MediaPathError::OutsideRoot)
        ));
        assert!(matches!(
            resolve(&root, Path::new("missing.webm")).await,
            Err(MediaPathError::Io(_))
        ));
        assert!(matches!(
            resolve(&scratch.path().join("no-root"), Path::new("x")).await,
            Err(MediaPathError::Io(_))
        ));
    }
}
