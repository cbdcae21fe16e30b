//! A fresh, empty Chromium profile folder per browser, removed afterwards, so every test
//! starts cold: no cache, no storage, no service worker.

use std::path::PathBuf;
use std::sync::atomic::{AtomicU32, Ordering};

static NEXT_PROFILE: AtomicU32 = AtomicU32::new(0);

pub struct Profile {
    pub path: PathBuf,
}

impl Profile {
    pub fn new() -> std::io::Result<Profile> {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.subsec_nanos())
            .unwrap_or_default();
        let unique = format!(
            "lectern-e2e-{}-{}-{nanos}",
            std::process::id(),
            NEXT_PROFILE.fetch_add(1, Ordering::Relaxed)
        );
        let path = std::env::temp_dir().join(unique);
        std::fs::create_dir_all(&path)?;
        Ok(Profile { path })
    }
}

impl Drop for Profile {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.path);
    }
}
