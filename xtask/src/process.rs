//! Child processes for the tasks: run a command and fail loudly, and background services
//! (the server, chromedriver) that are killed when their guard drops.

use anyhow::{bail, Context, Result};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// Runs `command` to completion, echoing it first; a non-zero exit is an error.
pub fn run(command: &mut Command) -> Result<()> {
    eprintln!("xtask: $ {}", describe(command));
    let status = command
        .status()
        .with_context(|| format!("could not start {}", describe(command)))?;
    if !status.success() {
        bail!("{} failed with {status}", describe(command));
    }
    Ok(())
}

/// Runs `command` and returns its stdout, or `None` if it cannot run or fails.
pub fn output_of(command: &mut Command) -> Option<String> {
    let output = command.stderr(Stdio::null()).output().ok()?;
    output
        .status
        .success()
        .then(|| String::from_utf8_lossy(&output.stdout).into_owned())
}

pub fn describe(command: &Command) -> String {
    let args: Vec<String> = command
        .get_args()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    format!(
        "{} {}",
        command.get_program().to_string_lossy(),
        args.join(" ")
    )
}

/// A free TCP port on loopback.
pub fn free_port() -> Result<u16> {
    let listener = TcpListener::bind("127.0.0.1:0").context("no free port on 127.0.0.1")?;
    Ok(listener.local_addr()?.port())
}

/// A background process, killed when dropped.
pub struct Service {
    name: String,
    child: Child,
}

impl Service {
    /// Starts `command` and waits until it accepts TCP connections on `port`.
    pub fn start(name: &str, command: &mut Command, port: u16, log: &Path) -> Result<Service> {
        let log_file = std::fs::File::create(log)
            .with_context(|| format!("cannot create {}", log.display()))?;
        let child = command
            .stdout(log_file.try_clone()?)
            .stderr(log_file)
            .stdin(Stdio::null())
            .spawn()
            .with_context(|| format!("could not start {name}: {}", describe(command)))?;
        let mut service = Service {
            name: name.to_owned(),
            child,
        };
        let deadline = Instant::now() + Duration::from_secs(60);
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            if let Some(status) = service.child.try_wait()? {
                let logged = std::fs::read_to_string(log).unwrap_or_default();
                bail!("{name} exited with {status} before listening:\n{logged}");
            }
            if Instant::now() > deadline {
                bail!(
                    "{name} did not listen on port {port} within 60 s (log: {})",
                    log.display()
                );
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        eprintln!("xtask: {name} is up on 127.0.0.1:{port}");
        Ok(service)
    }
}

impl Drop for Service {
    fn drop(&mut self) {
        if self.child.kill().is_ok() {
            let _ = self.child.wait();
            eprintln!("xtask: stopped {}", self.name);
        }
    }
}
