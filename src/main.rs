//! The `whosaid` binary: parse the command line, run the command, exit with its status.

use clap::Parser;
use whosaid::cli::{Cli, Command};

/// mimalloc instead of the system allocator: extraction allocates many small, short-lived
/// strings on several threads, and glibc's per-thread arenas let the peak memory of a long
/// `whosaid index` run creep up.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Index(a) => whosaid::commands::index::run(a),
        Command::Search(a) => whosaid::commands::search::run(a),
        Command::Extract(a) => whosaid::commands::extract::run(a),
    };
    match result {
        Ok(code) => std::process::exit(code),
        Err(e) => {
            eprintln!("whosaid: error: {e}");
            std::process::exit(e.exit_code());
        }
    }
}
