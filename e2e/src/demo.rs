//! The demo courses as the server seeds them, built into the tests (so a test binary built
//! in another checkout still reads this checkout's courses).

use anyhow::{bail, Result};
use serde_json::Value;

/// The manifest of the demo course `course_id`.
pub fn demo_course(course_id: &str) -> Result<Value> {
    let text = match course_id {
        "astronomy-101" => include_str!("../../crates/server/demo/astronomy-101.json"),
        "night-sky-lab" => include_str!("../../crates/server/demo/night-sky-lab.json"),
        other => bail!("{other} is not a demo course"),
    };
    Ok(serde_json::from_str(text)?)
}
