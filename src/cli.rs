//! The command line: clap definitions only. Each command's work is in [`crate::commands`].

use crate::search::render::Format;
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

const AFTER_HELP: &str = "\
Exit status: 0 success; 1 fatal error; 2 invalid command line; 3 finished, but some files or
records were skipped (each named on stderr); 4 the index is being written by another whosaid.";

/// Index a news archive and search its quotes by speaker and place.
#[derive(Debug, Parser)]
#[command(name = "whosaid", version, about, after_help = AFTER_HELP)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

/// Where the index lives: shared by every command.
#[derive(Debug, Args, Clone)]
pub struct IndexDir {
    /// Index folder.
    #[arg(
        long = "index",
        env = "WHOSAID_INDEX",
        default_value = "whosaid-index",
        value_name = "DIR"
    )]
    pub dir: PathBuf,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Read an archive, extract quotes, speakers and places, and write them to the index.
    #[command(after_help = "\
Examples:
  whosaid index examples/archive
  whosaid index --index /data/news-index ~/archives/2020 ~/archives/2021.jsonl.gz
  whosaid index --rebuild --field text=story dump.jsonl

Formats: .txt (first line + blank line = title), .json (object, array, news-API envelope),
.jsonl/.ndjson, .csv/.tsv, HTML, WARC, Reuters SGML, Chronicling America OCR pages;
gzip/zstd/bzip2/xz recognised by content. See the README for how each field is found.
Re-running on the same archive adds only new or changed articles.

Exit status: 0 everything read; 3 some files or records skipped (named on stderr);
1 fatal error; 4 the index is being written by another whosaid process.")]
    Index(IndexArgs),
    /// Search the quotes (or articles) of an index, with filters and facet counts.
    #[command(after_help = "\
Examples:
  whosaid search --speaker Aliyev --place Armenia
  whosaid search '\"armed drones\"' --format json
  whosaid search --place France --facet-place France       # regions and cities inside France
  whosaid search drones --kind direct --since 2020-01 --until 2020-12 --sort date
  whosaid search --articles 'title:karabakh' --format csv

QUERY uses Tantivy syntax over the quote text: words (all required), \"phrases\", OR, -word,
field:value (fields: quote, title, text, speaker, source). It may be empty: filters only.
--speaker matches the canonical name case-insensitively, a surname alone included.
--place matches a place and everything inside it: --place Texas finds Houston.")]
    Search(SearchArgs),
    /// Extract quotes and places and print one JSON line per article (no index).
    #[command(after_help = "\
Examples:
  whosaid extract ../shared/fixtures/seed/aliyev-trt-interview.txt
  whosaid extract ../shared/eval/quotes/polnear.dev.jsonl > pred.jsonl
  whosaid extract --with-text page.html

Offsets are Unicode code points into the article text (see schema/extract.schema.json).")]
    Extract(ExtractArgs),
}

#[derive(Debug, Args)]
pub struct ReadArgs {
    /// Source (publisher) of articles that name none; by default the name of the folder
    /// given on the command line (or of a file's folder).
    #[arg(long = "source", value_name = "NAME")]
    pub source: Option<String>,
    /// Map a field name of your JSON to one of whosaid's (text, title, date, url, source,
    /// author, id), e.g. `--field text=story`. Repeatable.
    #[arg(long = "field", value_name = "OURS=THEIRS", value_parser = parse_field_map)]
    pub field_map: Vec<(String, String)>,
}

fn parse_field_map(s: &str) -> Result<(String, String), String> {
    let (ours, theirs) = s
        .split_once('=')
        .ok_or_else(|| format!("`{s}` is not OURS=THEIRS"))?;
    let ours = ours.trim();
    const KNOWN: &[&str] = &["text", "title", "date", "url", "source", "author", "id"];
    if !KNOWN.contains(&ours) {
        return Err(format!(
            "unknown field `{ours}`; one of {}",
            KNOWN.join(", ")
        ));
    }
    Ok((ours.to_string(), theirs.trim().to_string()))
}

#[derive(Debug, Args)]
pub struct IndexArgs {
    #[command(flatten)]
    pub index: IndexDir,
    /// Files and folders to index.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Delete the index first and start afresh.
    #[arg(long)]
    pub rebuild: bool,
    /// Memory budget of the index writer, in MB. Peak memory of a large run is about
    /// 200 MB (gazetteer, lexicons, queues) plus 2.5 × this budget: Tantivy's own accounting
    /// of its indexing buffers undercounts them.
    #[arg(long, default_value_t = 128, value_name = "MB")]
    pub memory_mb: usize,
    /// Extraction threads (default: the number of cores).
    #[arg(long, value_name = "N")]
    pub threads: Option<usize>,
    /// Commit at least this often, in seconds (an interrupted run keeps what was committed).
    #[arg(long, default_value_t = 30.0, value_name = "SECS")]
    pub commit_every: f64,
    /// Prefix every article id with this, for archives whose ids clash with another's
    /// (two dumps of the same wire, say). `{root}` stands for the name of the folder given,
    /// so `--id-prefix '{root}/' dump-a dump-b` keeps both dumps apart.
    #[arg(long, value_name = "PREFIX")]
    pub id_prefix: Option<String>,
    /// No progress bar and no summary.
    #[arg(long, short)]
    pub quiet: bool,
    /// List each file as it is read.
    #[arg(long, short)]
    pub verbose: bool,
    #[command(flatten)]
    pub read: ReadArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum KindArg {
    Direct,
    Indirect,
    Mixed,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SortArg {
    Relevance,
    Date,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PlaceInArg {
    Any,
    Quote,
    Article,
}

#[derive(Debug, Args)]
pub struct SearchArgs {
    #[command(flatten)]
    pub index: IndexDir,
    /// Query over the quote text (Tantivy syntax); empty means "everything".
    /// (Several words are joined with spaces: `whosaid search drones OR grain`.)
    #[arg(value_name = "QUERY")]
    pub query: Vec<String>,
    /// Speaker name, or part of it (a surname).
    #[arg(long)]
    pub speaker: Option<String>,
    /// Place name: matches the place and every place inside it.
    #[arg(long)]
    pub place: Option<String>,
    /// Where --place must be named: in the quote, in its article, or either.
    #[arg(long, value_enum, default_value_t = PlaceInArg::Any)]
    pub place_in: PlaceInArg,
    /// Publisher or site.
    #[arg(long)]
    pub source: Option<String>,
    /// From this date on (YYYY, YYYY-MM, YYYY-MM-DD or RFC 3339).
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    /// Up to the end of this date (YYYY, YYYY-MM, YYYY-MM-DD or RFC 3339).
    #[arg(long, value_name = "DATE")]
    pub until: Option<String>,
    /// Quote kind.
    #[arg(long, value_enum)]
    pub kind: Option<KindArg>,
    /// Search articles instead of quotes (QUERY then covers title and body).
    #[arg(long)]
    pub articles: bool,
    /// Hits to show.
    #[arg(long, short = 'n', default_value_t = 10)]
    pub limit: usize,
    /// Hits to skip (for paging).
    #[arg(long, default_value_t = 0)]
    pub offset: usize,
    /// Order of hits. With no query words there is no relevance: newest first.
    #[arg(long, value_enum, default_value_t = SortArg::Relevance)]
    pub sort: SortArg,
    #[arg(long, short = 'f', value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Drill the place facet down into a place: `France` lists the regions of France,
    /// `France/Île-de-France` its cities.
    #[arg(long, value_name = "PATH")]
    pub facet_place: Option<String>,
}

#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// Files and folders to read.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Include each article's text (`"text"`) in the output.
    #[arg(long)]
    pub with_text: bool,
    /// Extraction threads (default: the number of cores).
    #[arg(long, value_name = "N")]
    pub threads: Option<usize>,
    #[command(flatten)]
    pub read: ReadArgs,
}
