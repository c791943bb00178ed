//! `whosaid search`: parse the filters, search, render.

use crate::cli::{KindArg, PlaceInArg, SearchArgs, SortArg};
use crate::error::{Error, Result};
use crate::extract::QuoteKind;
use crate::search::query::parse_user_date;
use crate::search::{render, PlaceIn, SearchRequest, Searcher, SortBy};
use std::io::{IsTerminal, Write};

pub fn run(args: SearchArgs) -> Result<i32> {
    let req = SearchRequest {
        query: args.query.join(" "),
        speaker: args.speaker,
        place: args.place,
        place_in: match args.place_in {
            PlaceInArg::Any => PlaceIn::Any,
            PlaceInArg::Quote => PlaceIn::Quote,
            PlaceInArg::Article => PlaceIn::Article,
        },
        source: args.source,
        since: args
            .since
            .as_deref()
            .map(|d| parse_user_date(d, false))
            .transpose()?,
        until: args
            .until
            .as_deref()
            .map(|d| parse_user_date(d, true))
            .transpose()?,
        kind: args.kind.map(|k| match k {
            KindArg::Direct => QuoteKind::Direct,
            KindArg::Indirect => QuoteKind::Indirect,
            KindArg::Mixed => QuoteKind::Mixed,
        }),
        articles: args.articles,
        limit: args.limit,
        offset: args.offset,
        sort: match args.sort {
            SortArg::Relevance => SortBy::Relevance,
            SortArg::Date => SortBy::Date,
        },
        facet_place: args.facet_place,
        count_by_aggregation: false,
    };
    let searcher = Searcher::open(&args.index.dir)?;
    let results = searcher.search(&req)?;
    let stdout = std::io::stdout();
    let color = stdout.is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let mut out = std::io::BufWriter::new(stdout.lock());
    render::render(&mut out, &results, args.format, color)
        .and_then(|_| out.flush())
        .map_err(|e| Error::io("cannot write the results", e))?;
    Ok(0)
}
