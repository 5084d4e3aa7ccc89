//! `session-cache session`: the offline session check on a Cookie header.

use std::process::ExitCode;

use clap::Args;

/// Arguments of `session-cache session`.
#[derive(Args)]
pub(crate) struct SessionArgs {
    #[command(flatten)]
    keys: crate::KeyArgs,
    /// The request's Cookie header.
    #[arg(long = "cookie-header", value_name = "HEADER")]
    cookie_header: String,
}

/// Runs the check.
pub(crate) fn run(args: SessionArgs) -> ExitCode {
    let _ = (&args.keys, &args.cookie_header);
    eprintln!("session-cache: the session command is not built yet");
    ExitCode::from(2)
}
