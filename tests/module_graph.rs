//! No import circles between the crate's top-level modules.
//!
//! A module that reaches back into a module that depends on it makes both hard to change (the
//! first read of the codebase found 18 files in one circle through `config` and `rules`). This
//! test reads every `crate::NAME` path in `src/` (outside `#[cfg(test)]` modules and comments),
//! builds the graph of top-level modules and fails with the circle it finds. It runs in CI with
//! the other tests and needs no tool beyond the standard library.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Top-level module → the top-level modules its code names.
type Graph = BTreeMap<String, BTreeSet<String>>;

/// The code of a file without line comments and without its `#[cfg(test)]` module (by the
/// crate's convention, the last item of a file).
fn code_of(text: &str) -> String {
    let mut out = String::new();
    let mut lines = text.lines().peekable();
    while let Some(line) = lines.next() {
        if line.trim() == "#[cfg(test)]"
            && lines
                .peek()
                .is_some_and(|next| next.trim_start().starts_with("mod "))
        {
            break;
        }
        let code = line.split("//").next().unwrap_or("");
        out.push_str(code);
        out.push('\n');
    }
    out
}

/// The first path segment after every `crate::` (and each item of a `crate::{a, b::c}` group).
fn named_modules(code: &str) -> BTreeSet<String> {
    let word = |s: &str| -> String {
        s.chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect()
    };
    let mut out = BTreeSet::new();
    for (at, _) in code.match_indices("crate::") {
        let rest = &code[at + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let inner = group.split('}').next().unwrap_or("");
            for item in inner.split(',') {
                let name = word(item.trim());
                if !name.is_empty() {
                    out.insert(name);
                }
            }
        } else {
            let name = word(rest);
            if !name.is_empty() {
                out.insert(name);
            }
        }
    }
    out
}

fn graph() -> Graph {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let files = common::files_with_extension(&src, "rs");
    let mut graph = Graph::new();
    for file in files {
        let Ok(relative) = file.strip_prefix(&src) else {
            continue;
        };
        let Some(first) = relative.components().next() else {
            continue;
        };
        let top = first.as_os_str().to_string_lossy();
        let top = top.strip_suffix(".rs").unwrap_or(&top).to_string();
        if top == "lib" || top == "main" {
            continue;
        }
        let text = std::fs::read_to_string(&file).expect("source file is readable");
        let edges = graph.entry(top.clone()).or_default();
        for name in named_modules(&code_of(&text)) {
            if name != top {
                edges.insert(name);
            }
        }
    }
    graph
}

/// A circle in the graph, as the modules along it, if there is one (depth-first search).
fn find_circle(graph: &Graph) -> Option<Vec<String>> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        Open,
        Done,
    }
    fn visit(
        graph: &Graph,
        node: &str,
        marks: &mut BTreeMap<String, Mark>,
        path: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        match marks.get(node) {
            Some(Mark::Done) => return None,
            Some(Mark::Open) => {
                let start = path.iter().position(|n| n == node).unwrap_or(0);
                let mut circle = path[start..].to_vec();
                circle.push(node.to_string());
                return Some(circle);
            }
            None => {}
        }
        marks.insert(node.to_string(), Mark::Open);
        path.push(node.to_string());
        for next in graph.get(node).into_iter().flatten() {
            if let Some(circle) = visit(graph, next, marks, path) {
                return Some(circle);
            }
        }
        path.pop();
        marks.insert(node.to_string(), Mark::Done);
        None
    }
    let mut marks = BTreeMap::new();
    graph
        .keys()
        .find_map(|node| visit(graph, node, &mut marks, &mut Vec::new()))
}

#[test]
fn top_level_modules_import_no_circle() {
    let graph = graph();
    assert!(graph.len() > 10, "the source tree was found: {graph:?}");
    if let Some(circle) = find_circle(&graph) {
        panic!("import circle: {}", circle.join(" → "));
    }
}

#[test]
fn model_depends_on_nothing_else_in_the_crate() {
    let graph = graph();
    assert_eq!(graph.get("model"), Some(&BTreeSet::new()), "{graph:?}");
}

#[test]
fn the_circle_finder_finds_circles() {
    let edges = |list: &[(&str, &str)]| {
        let mut graph = Graph::new();
        for (from, to) in list {
            graph
                .entry(from.to_string())
                .or_default()
                .insert(to.to_string());
        }
        graph
    };
    assert_eq!(find_circle(&edges(&[("a", "b"), ("b", "c")])), None);
    assert_eq!(
        find_circle(&edges(&[("a", "b"), ("b", "c"), ("c", "a")])),
        Some(vec!["a".into(), "b".into(), "c".into(), "a".into()])
    );
    assert_eq!(
        named_modules(&code_of(
            "use crate::{model::x, parse};\n// crate::report\nfn f() { crate::rules::find(); }\n#[cfg(test)]\nmod tests { use crate::cli; }\n"
        )),
        ["model", "parse", "rules"]
            .into_iter()
            .map(String::from)
            .collect()
    );
}
