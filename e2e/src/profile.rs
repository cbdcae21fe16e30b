//! A fresh, empty Chromium profile folder per browser, removed when the browser is done
//! with it, so every test starts cold: no cache, no storage, no service worker. The folder
//! outlives a killed Chromium, so the browser can be started again in it, and it tells
//! which processes are the Chromium using it.

use anyhow::{bail, Result};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

static NEXT_PROFILE: AtomicU32 = AtomicU32::new(0);

/// How long killed processes get to disappear.
const PATIENCE_TO_DIE: Duration = Duration::from_secs(10);

/// One throwaway `--user-data-dir`, deleted on drop.
pub struct Profile {
    path: PathBuf,
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

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The Chromium flag that puts a browser in this folder.
    pub fn user_data_dir_arg(&self) -> String {
        format!("--user-data-dir={}", self.path.display())
    }

    /// The processor time, in seconds, that every Chromium process using this folder has
    /// spent so far (user and system, from `/proc/<pid>/stat`). Processes that ended are
    /// not counted, so take differences over a window in which none ends.
    pub fn cpu_seconds(&self) -> f64 {
        let processes = running_processes();
        let ticks: u64 = processes_using(&processes, &self.user_data_dir_arg())
            .into_iter()
            .filter_map(|pid| std::fs::read_to_string(format!("/proc/{pid}/stat")).ok())
            .filter_map(|stat| cpu_ticks(&stat))
            .sum();
        ticks as f64 / clock_ticks_per_second()
    }

    /// Kills every Chromium process using this folder with SIGKILL, as a crash or a power
    /// cut would, and waits until they are gone. Nothing is flushed or closed first.
    pub async fn kill_chromium(&self) -> Result<()> {
        let processes = running_processes();
        let pids = processes_using(&processes, &self.user_data_dir_arg());
        if pids.is_empty() {
            bail!("no Chromium process uses {}", self.path.display());
        }
        // Its exit status says whether every pid was still there; whether all are gone
        // is checked below either way.
        std::process::Command::new("kill")
            .arg("-9")
            .args(pids.iter().map(u32::to_string))
            .status()?;
        let deadline = tokio::time::Instant::now() + PATIENCE_TO_DIE;
        loop {
            let alive = pids
                .iter()
                .copied()
                .filter(|&pid| is_alive(pid))
                .collect::<Vec<_>>();
            if alive.is_empty() {
                return Ok(());
            }
            if tokio::time::Instant::now() > deadline {
                bail!("Chromium processes {alive:?} outlived SIGKILL by {PATIENCE_TO_DIE:?}");
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }
}

impl Drop for Profile {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.path);
    }
}

/// A process as `/proc` shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Process {
    pid: u32,
    parent_pid: u32,
    /// Arguments separated by NUL, or by spaces for processes that rewrote their title
    /// (Chromium's zygote children do).
    command_line: String,
}

/// Every process readable in `/proc` right now.
fn running_processes() -> Vec<Process> {
    let Ok(entries) = std::fs::read_dir("/proc") else {
        return Vec::new();
    };
    entries
        .filter_map(|entry| entry.ok()?.file_name().to_str()?.parse::<u32>().ok())
        .filter_map(|pid| {
            let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
            let command_line = std::fs::read(format!("/proc/{pid}/cmdline")).ok()?;
            Some(Process {
                pid,
                parent_pid: parent_pid(&stat)?,
                command_line: String::from_utf8_lossy(&command_line).into_owned(),
            })
        })
        .collect()
}

/// The processes whose command line has `arg` as a whole argument, and their descendants.
fn processes_using(processes: &[Process], arg: &str) -> Vec<u32> {
    let mut pids = processes
        .iter()
        .filter(|process| has_arg(&process.command_line, arg))
        .map(|process| process.pid)
        .collect::<Vec<_>>();
    let mut index = 0;
    while let Some(&pid) = pids.get(index) {
        for child in processes.iter().filter(|process| process.parent_pid == pid) {
            if !pids.contains(&child.pid) {
                pids.push(child.pid);
            }
        }
        index += 1;
    }
    pids
}

/// Whether `arg` appears whole: followed by the end, a NUL or a space, so that
/// `--user-data-dir=/tmp/a-1` does not match `--user-data-dir=/tmp/a-12`.
fn has_arg(command_line: &str, arg: &str) -> bool {
    command_line.match_indices(arg).any(|(start, _)| {
        let is_start_of_arg = command_line[..start]
            .chars()
            .next_back()
            .is_none_or(|before| before == '\0' || before == ' ');
        let is_end_of_arg = command_line[start + arg.len()..]
            .chars()
            .next()
            .is_none_or(|after| after == '\0' || after == ' ');
        is_start_of_arg && is_end_of_arg
    })
}

/// `utime + stime` from `/proc/<pid>/stat` (fields 14 and 15, after the name).
fn cpu_ticks(stat: &str) -> Option<u64> {
    let after_name = &stat[stat.rfind(')')? + 1..];
    let fields: Vec<&str> = after_name.split_whitespace().collect();
    // After the name: state (3), ppid (4), … utime (14), stime (15).
    let user = fields.get(11)?.parse::<u64>().ok()?;
    let system = fields.get(12)?.parse::<u64>().ok()?;
    Some(user + system)
}

/// The kernel's clock ticks per second (`getconf CLK_TCK`), 100 if it cannot be asked.
fn clock_ticks_per_second() -> f64 {
    std::process::Command::new("getconf")
        .arg("CLK_TCK")
        .output()
        .ok()
        .and_then(|output| String::from_utf8(output.stdout).ok())
        .and_then(|text| text.trim().parse::<f64>().ok())
        .filter(|ticks| *ticks > 0.0)
        .unwrap_or(100.0)
}

/// The parent's pid from `/proc/<pid>/stat`: `pid (name) state ppid ...`, where the name
/// may hold spaces and parentheses.
fn parent_pid(stat: &str) -> Option<u32> {
    let (_, after_name) = stat.rsplit_once(')')?;
    after_name.split_whitespace().nth(1)?.parse().ok()
}

/// Whether a process still runs; a zombie waiting for its parent has died.
fn is_alive(pid: u32) -> bool {
    let Ok(stat) = std::fs::read_to_string(format!("/proc/{pid}/stat")) else {
        return false;
    };
    let state = stat
        .rsplit_once(')')
        .and_then(|(_, after_name)| after_name.split_whitespace().next());
    !matches!(state, Some("Z" | "X"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn process(pid: u32, parent_pid: u32, command_line: &str) -> Process {
        Process {
            pid,
            parent_pid,
            command_line: command_line.into(),
        }
    }

    #[test]
    fn reads_user_and_system_ticks_after_a_name_with_spaces_and_parentheses() {
        let stat = "4242 (chromium (renderer) x) S 1 4242 4242 0 -1 4194560 100 0 0 0 \
                    250 75 0 0 20 0 12 0 9000 100000 2000";
        assert_eq!(cpu_ticks(stat), Some(325));
        assert_eq!(cpu_ticks("4242 (cut short) S 1"), None);
    }

    #[test]
    fn finds_the_browser_its_zygote_children_and_their_children() {
        let flag = "--user-data-dir=/tmp/lectern-e2e-7-1-5";
        let processes = [
            process(10, 1, "chromedriver\0--port=9515\0"),
            process(
                20,
                10,
                &format!("/usr/lib/chromium/chromium\0--headless=new\0{flag}\0"),
            ),
            process(
                21,
                20,
                &format!("/usr/lib/chromium/chromium --type=zygote {flag} --no-sandbox"),
            ),
            process(22, 21, "/usr/lib/chromium/chromium --type=renderer"),
            process(
                30,
                10,
                "/usr/lib/chromium/chromium\0--user-data-dir=/tmp/lectern-e2e-7-1-55\0",
            ),
            process(
                31,
                30,
                &format!("/usr/lib/chromium/chromium --type=zygote {flag}5"),
            ),
        ];

        let mut pids = processes_using(&processes, flag);
        pids.sort();

        assert_eq!(pids, [20, 21, 22]);
    }

    #[test]
    fn an_argument_matches_only_whole() {
        let flag = "--user-data-dir=/tmp/p-1";
        assert!(has_arg(&format!("chromium\0{flag}"), flag));
        assert!(has_arg(&format!("chromium {flag} --lang=en"), flag));
        assert!(!has_arg("chromium\0--user-data-dir=/tmp/p-12\0", flag));
        assert!(!has_arg("chromium\0x--user-data-dir=/tmp/p-1\0", flag));
    }

    #[test]
    fn reads_the_parent_from_stat_even_with_odd_names() {
        assert_eq!(parent_pid("42 (chromium) S 7 42 42 0 -1"), Some(7));
        assert_eq!(parent_pid("42 (a (b) c) R 99 1 1"), Some(99));
        assert_eq!(parent_pid("garbage"), None);
    }

    #[test]
    fn this_process_is_alive_and_a_free_pid_is_not() {
        assert!(is_alive(std::process::id()));
        assert!(!is_alive(u32::MAX));
    }
}
