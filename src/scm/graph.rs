//! The service dependency graph, held in `petgraph`, and what is derived from it: the start
//! order, each service's dependencies and dependents (direct and transitive), and the graph as
//! DOT or as an indented tree.
//!
//! The graph is built once from the static service table ([`dependency_graph`]); the derived
//! sets are plain bit sets so the SCM's hot path never walks the graph. Ties in the start order
//! are broken by service name, ignoring case, so the order (and every event log that follows
//! from it) is the same on every run and platform.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::OnceLock;

use petgraph::algo::{tarjan_scc, toposort};
use petgraph::dot::{Config, Dot};
use petgraph::graph::{DiGraph, NodeIndex};

use super::builtin::SERVICE_COUNT;
use super::service::{ServiceId, ServiceSet, ServiceSpec};

/// Services and the "depends on" edges between them, with the sets derived from them.
#[derive(Debug)]
pub struct DependencyGraph {
    /// Nodes are services (node index = service index); an edge `a → b` means `a` depends on `b`.
    graph: DiGraph<ServiceId, ()>,
    start_order: Vec<ServiceId>,
    dependencies: [ServiceSet; SERVICE_COUNT],
    all_dependencies: [ServiceSet; SERVICE_COUNT],
    dependents: [ServiceSet; SERVICE_COUNT],
    all_dependents: [ServiceSet; SERVICE_COUNT],
}

/// Why a service table does not make a valid graph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GraphError {
    /// A service names a dependency that is not in the table.
    UnknownDependency {
        /// The service that names it.
        service: &'static str,
        /// The name that matches no service.
        dependency: &'static str,
    },
    /// Services depend on each other in a circle; the names of the services in it.
    Cycle(Vec<&'static str>),
}

impl std::fmt::Display for GraphError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            GraphError::UnknownDependency {
                service,
                dependency,
            } => write!(
                f,
                "service {service} depends on '{dependency}', which is not a known service"
            ),
            GraphError::Cycle(names) => write!(
                f,
                "services depend on each other in a cycle: {}",
                names.join(" -> ")
            ),
        }
    }
}

impl std::error::Error for GraphError {}

/// The dependency graph of the built-in services.
pub fn dependency_graph() -> &'static DependencyGraph {
    static GRAPH: OnceLock<DependencyGraph> = OnceLock::new();
    GRAPH.get_or_init(|| {
        DependencyGraph::build(&super::builtin::SERVICES)
            .expect("the built-in service table is a valid dependency graph")
    })
}

impl DependencyGraph {
    /// Builds the graph of a service table, resolving dependency names ignoring case.
    pub fn build(specs: &'static [ServiceSpec]) -> Result<Self, GraphError> {
        assert!(specs.len() <= SERVICE_COUNT, "more services than ids");
        let mut graph = DiGraph::new();
        let nodes: Vec<NodeIndex> = (0..specs.len())
            .map(|i| graph.add_node(ServiceId(i as u8)))
            .collect();
        for (i, spec) in specs.iter().enumerate() {
            for &dependency in spec.depends_on {
                let j = specs
                    .iter()
                    .position(|s| s.name.eq_ignore_ascii_case(dependency))
                    .ok_or(GraphError::UnknownDependency {
                        service: spec.name,
                        dependency,
                    })?;
                graph.add_edge(nodes[i], nodes[j], ());
            }
        }
        if toposort(&graph, None).is_err() {
            let cycle = tarjan_scc(&graph)
                .into_iter()
                .find(|scc| scc.len() > 1 || graph.contains_edge(scc[0], scc[0]))
                .unwrap_or_default();
            let mut names: Vec<&'static str> =
                cycle.iter().map(|&n| specs[n.index()].name).collect();
            names.sort_unstable_by_key(|n| n.to_ascii_lowercase());
            return Err(GraphError::Cycle(names));
        }

        let mut dependencies = [ServiceSet::EMPTY; SERVICE_COUNT];
        let mut dependents = [ServiceSet::EMPTY; SERVICE_COUNT];
        for edge in graph.raw_edges() {
            let (from, to) = (graph[edge.source()], graph[edge.target()]);
            dependencies[from.index()].insert(to);
            dependents[to.index()].insert(from);
        }
        let start_order = start_order(specs, &dependencies);
        let mut all_dependencies = [ServiceSet::EMPTY; SERVICE_COUNT];
        for &id in &start_order {
            // Dependencies come earlier in the start order, so their closures are complete.
            let mut closure = dependencies[id.index()];
            for d in dependencies[id.index()].iter() {
                closure = closure.union(all_dependencies[d.index()]);
            }
            all_dependencies[id.index()] = closure;
        }
        let mut all_dependents = [ServiceSet::EMPTY; SERVICE_COUNT];
        for &id in start_order.iter().rev() {
            let mut closure = dependents[id.index()];
            for d in dependents[id.index()].iter() {
                closure = closure.union(all_dependents[d.index()]);
            }
            all_dependents[id.index()] = closure;
        }
        Ok(DependencyGraph {
            graph,
            start_order,
            dependencies,
            all_dependencies,
            dependents,
            all_dependents,
        })
    }

    /// Every service, dependencies before the services that need them, ties by name.
    pub fn start_order(&self) -> &[ServiceId] {
        &self.start_order
    }

    /// The services `id` depends on directly.
    pub fn dependencies(&self, id: ServiceId) -> ServiceSet {
        self.dependencies[id.index()]
    }

    /// The services `id` depends on, directly or through others.
    pub fn all_dependencies(&self, id: ServiceId) -> ServiceSet {
        self.all_dependencies[id.index()]
    }

    /// The services that depend on `id` directly.
    pub fn dependents(&self, id: ServiceId) -> ServiceSet {
        self.dependents[id.index()]
    }

    /// The services that depend on `id`, directly or through others.
    pub fn all_dependents(&self, id: ServiceId) -> ServiceSet {
        self.all_dependents[id.index()]
    }

    /// The underlying `petgraph` graph (edge `a → b`: `a` depends on `b`).
    pub fn petgraph(&self) -> &DiGraph<ServiceId, ()> {
        &self.graph
    }

    /// The graph in Graphviz DOT: one node per service, labelled with its service and display
    /// names, and an edge from each service to each service it depends on.
    pub fn to_dot(&self) -> String {
        let dot = Dot::with_attr_getters(
            &self.graph,
            &[Config::EdgeNoLabel, Config::NodeNoLabel],
            &|_, _| String::new(),
            &|_, (_, id)| format!("label = \"{}\\n{}\"", id.name(), id.display_name()),
        );
        format!("{dot:?}")
    }

    /// The graph as an indented tree: each service that depends on nothing, and under it the
    /// services that depend on it, recursively.
    pub fn to_text(&self) -> String {
        let mut out = String::from(
            "Each service is followed, indented, by the services that depend on it.\n\n",
        );
        for &id in &self.start_order {
            if self.dependencies(id).is_empty() {
                self.write_tree(&mut out, id, 0);
            }
        }
        out
    }

    fn write_tree(&self, out: &mut String, id: ServiceId, depth: usize) {
        let _ = writeln!(
            out,
            "{:indent$}{} ({})",
            "",
            id.name(),
            id.display_name(),
            indent = depth * 4
        );
        for &child in &self.start_order {
            if self.dependents(id).contains(child) {
                self.write_tree(out, child, depth + 1);
            }
        }
    }
}

/// Kahn's algorithm, taking among the ready services the one whose name sorts first.
fn start_order(specs: &[ServiceSpec], dependencies: &[ServiceSet]) -> Vec<ServiceId> {
    let mut order = Vec::with_capacity(specs.len());
    let mut ready: BTreeMap<String, ServiceId> = BTreeMap::new();
    let mut waiting: Vec<ServiceId> = (0..specs.len()).map(|i| ServiceId(i as u8)).collect();
    let mut done = ServiceSet::EMPTY;
    while !waiting.is_empty() || !ready.is_empty() {
        waiting.retain(|&id| {
            let deps = dependencies[id.index()];
            let is_ready = deps.iter().all(|d| done.contains(d));
            if is_ready {
                ready.insert(specs[id.index()].name.to_ascii_lowercase(), id);
            }
            !is_ready
        });
        let Some((_, next)) = ready.pop_first() else {
            break; // unreachable for an acyclic graph
        };
        done.insert(next);
        order.push(next);
    }
    order
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dependencies_come_first_in_the_start_order() {
        let g = dependency_graph();
        let order = g.start_order();
        assert_eq!(order.len(), SERVICE_COUNT);
        for (i, &id) in order.iter().enumerate() {
            for d in g.all_dependencies(id).iter() {
                let j = order.iter().position(|&x| x == d).unwrap();
                assert!(j < i, "{d} must start before {id}");
            }
        }
    }

    #[test]
    fn update_services_depend_on_rpcss() {
        let g = dependency_graph();
        for id in [ServiceId::WUAUSERV, ServiceId::USOSVC, ServiceId::BITS] {
            assert!(g.dependencies(id).contains(ServiceId::RPCSS), "{id}");
        }
        assert!(
            g.all_dependents(ServiceId::RPCSS)
                .contains(ServiceId::APPIDSVC)
        );
        assert!(
            g.dependents(ServiceId::CRYPTSVC)
                .contains(ServiceId::APPIDSVC)
        );
        assert!(g.dependencies(ServiceId::TRUSTED_INSTALLER).is_empty());
    }

    #[test]
    fn dot_names_the_edges() {
        let dot = dependency_graph().to_dot();
        assert!(dot.starts_with("digraph {"));
        assert!(dot.contains("label = \"wuauserv\\nWindows Update\""));
        let node = |id: ServiceId| id.index();
        let edge = format!(
            "{} -> {}",
            node(ServiceId::WUAUSERV),
            node(ServiceId::RPCSS)
        );
        assert!(dot.contains(&edge), "{dot}");
    }

    #[test]
    fn text_tree_indents_dependents() {
        let text = dependency_graph().to_text();
        assert!(text.contains("\nRpcSs (Remote Procedure Call (RPC))\n"));
        assert!(text.contains("\n    wuauserv (Windows Update)\n"));
        assert!(text.contains("\n        AppIDSvc (Application Identity)\n"));
    }

    fn spec(name: &'static str, depends_on: &'static [&'static str]) -> ServiceSpec {
        ServiceSpec {
            name,
            display_name: name,
            description: "",
            default_start: super::super::StartType::Manual,
            kind: super::super::ServiceKind::OwnProcess,
            binary_path: "",
            load_order_group: "",
            account: "LocalSystem",
            depends_on,
            stoppable: true,
            shutdown: super::super::ShutdownControl::Shutdown,
            protected: false,
            stops_when_idle: false,
        }
    }

    #[test]
    fn a_cycle_is_reported_by_name() {
        let table: &'static [ServiceSpec] = Box::leak(Box::new([
            spec("a", &["b"]),
            spec("b", &["c"]),
            spec("c", &["a"]),
            spec("d", &[]),
        ]));
        let err = DependencyGraph::build(table).unwrap_err();
        assert_eq!(err, GraphError::Cycle(vec!["a", "b", "c"]));
        assert_eq!(
            err.to_string(),
            "services depend on each other in a cycle: a -> b -> c"
        );
    }

    #[test]
    fn an_unknown_dependency_is_reported() {
        let table: &'static [ServiceSpec] = Box::leak(Box::new([spec("a", &["nope"])]));
        let err = DependencyGraph::build(table).unwrap_err();
        assert_eq!(
            err.to_string(),
            "service a depends on 'nope', which is not a known service"
        );
    }
}
