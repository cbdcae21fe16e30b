//! Where a course comes from: the network first, and the manifest cached in IndexedDB when
//! the server cannot be reached. A successful fetch refreshes the cache; a course the
//! learner can no longer see is removed from it. Without IndexedDB the player still works,
//! only without the offline copy.

use super::document::now_ms;
use super::http::{self, CourseManifest, HttpError};
use super::idb::{IdbError, PlayerDb, StoredManifestV1};
use lectern_core::{parse_manifest, Course, CourseId, ManifestProblems};
use leptos::logging::warn;

/// Where the course on screen came from.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum CourseOrigin {
    Network,
    /// The copy saved on this device, fetched at this time (ms since the epoch).
    Cache {
        fetched_at_ms: f64,
    },
}

/// A course ready to show.
#[derive(Debug, Clone, PartialEq)]
pub struct LoadedCourse {
    pub course: Course,
    pub origin: CourseOrigin,
}

/// Why the cached copy could not be used.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
enum CacheError {
    #[error(transparent)]
    Idb(#[from] IdbError),
    #[error("the cached manifest is no longer valid: {0}")]
    Invalid(ManifestProblems),
}

/// What to do with the cache after a network answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CachePlan {
    /// Store the fresh manifest.
    Refresh,
    /// The server is out of reach: read the saved copy instead.
    FallBack,
    /// The course is gone for this learner: forget the saved copy.
    Forget,
    /// Leave the cache alone.
    Keep,
}

/// The cache's part in answering `result`.
pub fn cache_plan<T>(result: &Result<T, HttpError>) -> CachePlan {
    match result {
        Ok(_) => CachePlan::Refresh,
        Err(HttpError::Unreachable(_)) => CachePlan::FallBack,
        Err(HttpError::NotFound) => CachePlan::Forget,
        Err(_) => CachePlan::Keep,
    }
}

/// Loads `course_id` network-first, falling back to the saved copy when offline.
pub async fn load_course(token: &str, course_id: &CourseId) -> Result<LoadedCourse, HttpError> {
    let fetched = http::fetch_course(token, course_id).await;
    match (cache_plan(&fetched), fetched) {
        (_, Ok(manifest)) if manifest.offline_copy_fetched_at_ms.is_some() => {
            // Offline, the service worker's kept copy; this device's own copy comes first.
            let kept_by_worker = LoadedCourse {
                origin: CourseOrigin::Cache {
                    fetched_at_ms: manifest.offline_copy_fetched_at_ms.unwrap_or_default(),
                },
                course: manifest.course,
            };
            match saved(course_id).await {
                Ok(Some(loaded)) => Ok(loaded),
                Ok(None) => Ok(kept_by_worker),
                Err(cache_error) => {
                    warn!("no offline copy of course {course_id} on this device: {cache_error}");
                    Ok(kept_by_worker)
                }
            }
        }
        (_, Ok(manifest)) => {
            if let Err(err) = save(course_id, &manifest).await {
                warn!("could not save course {course_id} for offline use: {err}");
            }
            Ok(LoadedCourse {
                course: manifest.course,
                origin: CourseOrigin::Network,
            })
        }
        (CachePlan::FallBack, Err(network_error)) => match saved(course_id).await {
            Ok(Some(loaded)) => Ok(loaded),
            Ok(None) => Err(network_error),
            Err(cache_error) => {
                warn!("no offline copy of course {course_id}: {cache_error}");
                Err(network_error)
            }
        },
        (CachePlan::Forget, Err(network_error)) => {
            if let Err(err) = forget(course_id).await {
                warn!("could not remove course {course_id} from this device: {err}");
            }
            Err(network_error)
        }
        (_, Err(network_error)) => Err(network_error),
    }
}

async fn save(course_id: &CourseId, manifest: &CourseManifest) -> Result<(), IdbError> {
    let record = StoredManifestV1 {
        course_id: course_id.to_string(),
        manifest_json: manifest.json.clone(),
        fetched_at_ms: now_ms(),
    };
    PlayerDb::open().await?.put_manifest(&record).await
}

async fn saved(course_id: &CourseId) -> Result<Option<LoadedCourse>, CacheError> {
    let Some(record) = PlayerDb::open().await?.manifest(course_id.as_str()).await? else {
        return Ok(None);
    };
    let course = parse_manifest(&record.manifest_json).map_err(CacheError::Invalid)?;
    Ok(Some(LoadedCourse {
        course,
        origin: CourseOrigin::Cache {
            fetched_at_ms: record.fetched_at_ms,
        },
    }))
}

async fn forget(course_id: &CourseId) -> Result<(), IdbError> {
    PlayerDb::open()
        .await?
        .delete_manifest(course_id.as_str())
        .await
}

/// The copy of `course_id` kept on this device, if there is a readable one.
pub async fn device_copy(course_id: CourseId) -> Option<Course> {
    match saved(&course_id).await {
        Ok(loaded) => loaded.map(|loaded| loaded.course),
        Err(err) => {
            warn!("no readable copy of course {course_id} on this device: {err}");
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test(unsupported = test)]
    fn only_an_unreachable_server_falls_back_to_the_cache() {
        assert_eq!(cache_plan::<()>(&Ok(())), CachePlan::Refresh);
        assert_eq!(
            cache_plan::<()>(&Err(HttpError::Unreachable("offline".into()))),
            CachePlan::FallBack
        );
        assert_eq!(
            cache_plan::<()>(&Err(HttpError::NotFound)),
            CachePlan::Forget
        );
        assert_eq!(
            cache_plan::<()>(&Err(HttpError::SignedOut)),
            CachePlan::Keep
        );
        assert_eq!(
            cache_plan::<()>(&Err(HttpError::UnexpectedStatus(500))),
            CachePlan::Keep
        );
    }
}
