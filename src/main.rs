//! The `whosaid` binary: parse the command line, run the command, exit with its status.

use clap::Parser;
use whosaid::cli::{Cli, Command};

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
