//! Shared by the live tests: a throwaway `redis-server` on a free 127.0.0.1 port, and
//! the real Better Auth on that Redis (`vectors/redis/ba-redis.mjs`), driven by JSON
//! lines.
#![allow(dead_code)]

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

use serde_json::{json, Value as Json};

/// The secret the harness is started with.
pub const SECRET: &str = "redis-live-test-secret-0123456789-abcdefghijklmnopqrstuvwxyz";

/// Whether to skip: `SESSION_CACHE_SKIP_NODE=1` (no Node or no Redis on this machine).
pub fn skip(name: &str) -> bool {
    if std::env::var_os("SESSION_CACHE_SKIP_NODE").is_some() {
        eprintln!("SESSION_CACHE_SKIP_NODE is set: skipping {name}");
        return true;
    }
    false
}

fn repo() -> PathBuf {
    let mut dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    while !dir.join("vectors").join("redis").is_dir() {
        assert!(
            dir.pop(),
            "the repository's vectors/ directory is not found"
        );
    }
    dir
}

/// A `redis-server` of its own: no persistence, 127.0.0.1 only, killed on drop.
pub struct RedisServer {
    child: Option<Child>,
    pub port: u16,
    pub url: String,
}

impl RedisServer {
    /// Starts one on a free port (`$REDIS_SERVER` or `redis-server`), waiting for PONG.
    pub fn start() -> RedisServer {
        let bin = std::env::var("REDIS_SERVER").unwrap_or_else(|_| "redis-server".into());
        for _ in 0..5 {
            let port = TcpListener::bind("127.0.0.1:0")
                .and_then(|l| l.local_addr())
                .expect("a free port")
                .port();
            let mut child = Command::new(&bin)
                .args(["--port", &port.to_string(), "--bind", "127.0.0.1"])
                .args(["--save", "", "--appendonly", "no", "--daemonize", "no"])
                .stdout(Stdio::null())
                .stderr(Stdio::inherit())
                .spawn()
                .unwrap_or_else(|e| {
                    panic!("cannot run {bin} ({e}): apt-get install -y redis-server")
                });
            let deadline = Instant::now() + Duration::from_secs(10);
            while Instant::now() < deadline {
                if let Ok(Some(_)) = child.try_wait() {
                    break; // the port was taken: try another
                }
                if ping(port) {
                    return RedisServer {
                        child: Some(child),
                        port,
                        url: format!("redis://127.0.0.1:{port}"),
                    };
                }
                std::thread::sleep(Duration::from_millis(20));
            }
            let _ = child.kill();
            let _ = child.wait();
        }
        panic!("redis-server did not start");
    }

    /// Stops it (SIGKILL) and waits until the port refuses connections.
    pub fn stop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    /// A plain connection, for reading and writing keys directly.
    pub fn client(&self) -> redis::Connection {
        redis::Client::open(self.url.as_str())
            .and_then(|c| c.get_connection())
            .expect("a connection to the test Redis")
    }
}

impl Drop for RedisServer {
    fn drop(&mut self) {
        self.stop();
    }
}

fn ping(port: u16) -> bool {
    use std::io::Read;
    let Ok(mut s) = TcpStream::connect(("127.0.0.1", port)) else {
        return false;
    };
    let _ = s.set_read_timeout(Some(Duration::from_millis(500)));
    if s.write_all(b"PING\r\n").is_err() {
        return false;
    }
    let mut buf = [0u8; 7];
    s.read_exact(&mut buf).is_ok() && &buf == b"+PONG\r\n"
}

/// The real Better Auth 1.7.24 with `secondaryStorage` on a Redis.
pub struct Harness {
    child: Child,
    stdin: ChildStdin,
    lines: Receiver<String>,
    /// The `config` of its ready line.
    pub config: Json,
}

impl Harness {
    /// `node vectors/redis/ba-redis.mjs --redis URL --secret SECRET ARGS…`.
    pub fn start(url: &str, args: &[&str]) -> Harness {
        let mut child = Command::new("node")
            .arg("redis/ba-redis.mjs")
            .args(["--redis", url, "--secret", SECRET])
            .args(args)
            .current_dir(repo().join("vectors"))
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("node must be installed (or set SESSION_CACHE_SKIP_NODE=1)");
        let stdin = child.stdin.take().expect("stdin");
        let stdout = child.stdout.take().expect("stdout");
        let (tx, lines) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        let ready: Json = serde_json::from_str(
            &lines
                .recv_timeout(Duration::from_secs(30))
                .expect("the harness is ready (did you run `npm ci` in vectors/?)"),
        )
        .expect("JSON");
        assert_eq!(ready["ready"], true, "{ready}");
        Harness {
            child,
            stdin,
            lines,
            config: ready["config"].clone(),
        }
    }

    /// Runs one command; panics on an error answer.
    pub fn call(&mut self, cmd: Json) -> Json {
        let answer = self.try_call(cmd.clone());
        assert_eq!(answer["ok"], true, "{cmd} → {answer}");
        answer["result"].clone()
    }

    /// Runs one command and returns its whole answer line.
    pub fn try_call(&mut self, cmd: Json) -> Json {
        writeln!(self.stdin, "{cmd}").expect("harness stdin");
        let line = self
            .lines
            .recv_timeout(Duration::from_secs(30))
            .expect("the harness answers");
        serde_json::from_str(&line).expect("JSON")
    }

    /// Signs up `email` (which signs in): the result with `cookieHeader`, `token`, ….
    pub fn sign_up(&mut self, email: &str) -> Json {
        self.call(
            json!({"cmd": "signUp", "email": email, "password": "password1234", "name": "Ada"}),
        )
    }

    /// Signs `email` in again: another session of the same user.
    pub fn sign_in(&mut self, email: &str) -> Json {
        self.call(json!({"cmd": "signIn", "email": email, "password": "password1234"}))
    }
}

impl Drop for Harness {
    fn drop(&mut self) {
        let _ = writeln!(self.stdin, "{}", json!({"cmd": "quit"}));
        let deadline = Instant::now() + Duration::from_secs(2);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The `cookieHeader` of a harness result.
pub fn cookies(result: &Json) -> String {
    result["cookieHeader"]
        .as_str()
        .expect("cookieHeader")
        .to_owned()
}
