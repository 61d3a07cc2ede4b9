//! The house rules of `src/`, read from the source: the top-level modules form no cycle,
//! nothing below the command line reaches up into `cli/` or `commands/`, and `error.rs`
//! (kinds, hints, exit codes) is a leaf that every module may use.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The modules above the domain: only `lib.rs`, `main.rs` and each other may name them.
const GLUE: [&str; 2] = ["cli", "commands"];

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The top-level module a file belongs to (`None` for the crate root files).
fn module_of(file: &Path) -> Option<String> {
    let first = file.strip_prefix(src()).unwrap().components().next()?;
    let name = first.as_os_str().to_str()?.trim_end_matches(".rs");
    (name != "lib" && name != "main").then(|| name.to_owned())
}

/// The top-level modules a file names as `crate::NAME`, outside comments.
fn crate_references(text: &str, modules: &BTreeSet<String>) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    for line in text.lines() {
        let code = line.split("//").next().unwrap_or("");
        let mut rest = code;
        while let Some(at) = rest.find("crate::") {
            rest = &rest[at + "crate::".len()..];
            if let Some(group) = rest.strip_prefix('{') {
                // `use crate::{a, b::c}`: every name in the group counts.
                let inner = group.split('}').next().unwrap_or("");
                found.extend(inner.split(',').map(|p| leading_ident(p.trim()).to_owned()));
            } else {
                found.insert(leading_ident(rest).to_owned());
            }
        }
    }
    found.retain(|name| modules.contains(name));
    found
}

fn leading_ident(text: &str) -> &str {
    let end = text
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(text.len());
    &text[..end]
}

/// Edges between top-level modules: `a → b` when a file of `a` names `crate::b`.
fn module_graph() -> BTreeMap<String, BTreeSet<String>> {
    let mut files = Vec::new();
    rust_files(&src(), &mut files);
    let modules: BTreeSet<String> = files.iter().filter_map(|f| module_of(f)).collect();
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for file in &files {
        let Some(module) = module_of(file) else {
            continue;
        };
        let text = std::fs::read_to_string(file).unwrap();
        let targets = graph.entry(module.clone()).or_default();
        targets.extend(
            crate_references(&text, &modules)
                .into_iter()
                .filter(|t| *t != module),
        );
    }
    graph
}

/// A cycle through `start`, if there is one, as the path that closes it.
fn cycle_from(graph: &BTreeMap<String, BTreeSet<String>>, start: &str) -> Option<Vec<String>> {
    let mut stack = vec![vec![start.to_owned()]];
    let mut seen = BTreeSet::new();
    while let Some(path) = stack.pop() {
        let last = path.last().unwrap();
        for next in graph.get(last).into_iter().flatten() {
            if next == start {
                let mut closed = path.clone();
                closed.push(next.clone());
                return Some(closed);
            }
            if seen.insert(next.clone()) {
                let mut longer = path.clone();
                longer.push(next.clone());
                stack.push(longer);
            }
        }
    }
    None
}

#[test]
fn the_top_level_modules_form_no_cycle() {
    let graph = module_graph();
    assert!(graph.len() > 10, "the scan found the modules: {graph:?}");
    for module in graph.keys() {
        if let Some(cycle) = cycle_from(&graph, module) {
            panic!("module cycle: {}", cycle.join(" → "));
        }
    }
}

#[test]
fn nothing_below_the_command_line_reaches_up_into_it() {
    for (module, targets) in module_graph() {
        if GLUE.contains(&module.as_str()) {
            continue;
        }
        for glue in GLUE {
            assert!(
                !targets.contains(glue),
                "src/{module} imports crate::{glue}: domain code must not depend on the command line"
            );
        }
    }
}

#[test]
fn error_kinds_are_a_leaf() {
    let graph = module_graph();
    assert_eq!(
        graph.get("error"),
        Some(&BTreeSet::new()),
        "src/error.rs must import nothing of the crate"
    );
    assert!(
        graph.values().filter(|t| t.contains("error")).count() > 10,
        "the domain modules use it"
    );
}

#[test]
fn the_scanner_sees_grouped_and_plain_paths() {
    let modules: BTreeSet<String> = ["a", "b", "c"].map(String::from).into();
    let text = "use crate::a::X;\nuse crate::{b, c::Y};\n// crate::nope\n";
    assert_eq!(crate_references(text, &modules), modules);
}
