//! What the binary's tests share: the binary with no secret in its environment, and a run
//! of it with optional input on stdin.

use std::io::Write;
use std::process::{Command, Output, Stdio};

/// The `session-cache` binary, with none of the secret variables of the calling
/// environment.
pub fn bin() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_session-cache"));
    for var in ["BETTER_AUTH_SECRET", "BETTER_AUTH_SECRETS", "AUTH_SECRET"] {
        cmd.env_remove(var);
    }
    cmd
}

/// Runs `cmd` with `stdin` as its input, to completion.
pub fn run(cmd: &mut Command, stdin: Option<&str>) -> Output {
    cmd.stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("the binary runs");
    if let Some(input) = stdin {
        // A command that fails before reading its input closes the pipe: its exit status
        // and stderr then say why, which the caller checks.
        match child.stdin.take().unwrap().write_all(input.as_bytes()) {
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
            other => other.unwrap(),
        }
    }
    drop(child.stdin.take());
    child.wait_with_output().unwrap()
}

/// Asserts that `out` exited with status 0; otherwise fails showing `what`, its stdout and
/// its stderr.
pub fn assert_success(out: &Output, what: &str) {
    assert_eq!(
        out.status.code(),
        Some(0),
        "{what}: stdout {} / stderr {}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}
