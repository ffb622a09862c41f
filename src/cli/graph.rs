//! `wusim graph`: the service dependency graph as a tree or as DOT.

use std::io::Write;

use wusim::scm::dependency_graph;

use super::{CliResult, GraphFormat, Outcome};

/// Prints the dependency graph of the built-in services.
pub(crate) fn graph(out: &mut impl Write, format: GraphFormat) -> CliResult {
    let graph = dependency_graph();
    match format {
        GraphFormat::Text => write!(out, "{}", graph.to_text())?,
        GraphFormat::Dot => writeln!(out, "{}", graph.to_dot().trim_end())?,
    }
    Ok(Outcome::Done)
}
