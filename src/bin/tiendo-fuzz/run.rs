//! Run the real binary on one input: under an address-space limit (a file that makes tiendo
//! allocate without bound fails fast instead of exhausting the machine), with a timeout, and
//! with its peak resident memory from wait4(2). Hand-written because std's `Child` gives
//! neither the rusage nor a timed wait. Also used by the integration tests
//! (tests/it/robustness.rs includes this file).

use std::io::Read;
use std::os::unix::process::CommandExt;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// How a run ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Ending {
    Exit(i32),
    Signal(i32),
    Timeout,
}

#[derive(Clone, Debug)]
pub struct Outcome {
    pub ending: Ending,
    /// Peak resident memory of the child, KB.
    pub peak_rss_kb: u64,
    #[allow(dead_code)] // read by the integration tests, which include this file
    pub stdout: String,
    pub stderr: String,
}

/// Run `exe args…` with at most `address_space` bytes of virtual memory, killed after
/// `timeout`.
pub fn run(exe: &str, args: &[String], address_space: u64, timeout: Duration) -> Outcome {
    let mut command = Command::new(exe);
    command
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    // SAFETY: setrlimit is async-signal-safe and touches only the child being started.
    unsafe {
        command.pre_exec(move || {
            let limit = libc::rlimit {
                rlim_cur: address_space,
                rlim_max: address_space,
            };
            if libc::setrlimit(libc::RLIMIT_AS, &limit) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    #[allow(clippy::zombie_processes)] // reaped by wait4 below, which std's wait cannot replace
    let mut child = match command.spawn() {
        Ok(child) => child,
        Err(e) => {
            return Outcome {
                ending: Ending::Exit(-1),
                peak_rss_kb: 0,
                stdout: String::new(),
                stderr: format!("spawn {exe}: {e}"),
            };
        }
    };
    // The pipes are drained on threads so a chatty child cannot block on a full pipe.
    let drain = |pipe: Option<Box<dyn Read + Send>>| {
        std::thread::spawn(move || {
            let mut text = Vec::new();
            if let Some(mut pipe) = pipe {
                let _ = pipe.read_to_end(&mut text);
            }
            String::from_utf8_lossy(&text).into_owned()
        })
    };
    let out = drain(
        child
            .stdout
            .take()
            .map(|p| Box::new(p) as Box<dyn Read + Send>),
    );
    let err = drain(
        child
            .stderr
            .take()
            .map(|p| Box::new(p) as Box<dyn Read + Send>),
    );
    let pid = child.id() as libc::pid_t;
    let started = Instant::now();
    let mut timed_out = false;
    let (status, usage) = loop {
        let mut status = 0;
        // SAFETY: rusage is plain data; wait4 fills it for our own child.
        let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
        let r = unsafe { libc::wait4(pid, &mut status, libc::WNOHANG, &mut usage) };
        if r == pid {
            break (status, usage);
        }
        if r < 0 {
            break (status, usage);
        }
        if !timed_out && started.elapsed() > timeout {
            timed_out = true;
            // SAFETY: our own child, not yet reaped.
            unsafe { libc::kill(pid, libc::SIGKILL) };
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    let ending = if timed_out {
        Ending::Timeout
    } else if libc::WIFEXITED(status) {
        Ending::Exit(libc::WEXITSTATUS(status))
    } else {
        Ending::Signal(libc::WTERMSIG(status))
    };
    Outcome {
        ending,
        peak_rss_kb: usage.ru_maxrss as u64,
        stdout: out.join().unwrap_or_default(),
        stderr: err.join().unwrap_or_default(),
    }
}
