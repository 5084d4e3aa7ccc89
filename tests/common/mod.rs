//! Shared by the live interop tests: run a Node script of `vectors/` on JSON input.

use std::io::Write;
use std::process::{Command, Stdio};

use serde_json::Value as Json;

/// Runs `node <script>` in `vectors/` with `input` on stdin and returns the last JSON
/// line it prints. Panics, naming the fix, when Node or the npm packages are missing.
pub fn run_node(script: &str, input: &Json) -> Json {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/vectors");
    let mut child = Command::new("node")
        .arg(script)
        .current_dir(dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("node must be installed (or set SESSION_CACHE_SKIP_NODE=1)");
    let input = input.to_string();
    let mut stdin = child.stdin.take().expect("stdin");
    // Write from another thread: a large input must not block on a full stdout pipe.
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let out = child.wait_with_output().expect("node ran");
    writer.join().expect("writer").expect("stdin written");
    assert!(
        out.status.success(),
        "{script} failed (did you run `npm ci` in vectors/?)"
    );
    let text = String::from_utf8(out.stdout).expect("UTF-8 output");
    let line = text
        .lines()
        .rev()
        .find(|l| l.starts_with('{'))
        .expect("a JSON line");
    serde_json::from_str(line).expect("JSON output")
}
