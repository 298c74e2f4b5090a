//! The layers of the crate, checked by reading its sources: the record knows no paper, no
//! template and no backend; the rules and the language know no record; and no module — folder
//! or file — imports one that imports it back.
//!
//! A module's imports are the `crate::…`, `super::…` and `self::…` paths in its code (outside
//! its tests) and the `use child::…` of a module with children, each resolved to the deepest
//! module it names. A method defined in another file's `impl` block is not a path and is not
//! seen: such blocks live beside what they need (see `document::script`).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

type Module = Vec<String>;

/// Every module of `src/` (as its path of names) with its source.
fn modules() -> BTreeMap<Module, String> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut out = BTreeMap::new();
    let mut stack = vec![src.clone()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            if path.extension() != Some(std::ffi::OsStr::new("rs")) {
                continue;
            }
            let rel = path.strip_prefix(&src).unwrap();
            let mut names: Module = rel
                .iter()
                .map(|p| p.to_string_lossy().trim_end_matches(".rs").to_string())
                .collect();
            if names.first().is_some_and(|n| n == "bin") {
                continue;
            }
            if names.last().is_some_and(|n| n == "mod" || n == "lib") {
                names.pop();
            }
            let text = std::fs::read_to_string(&path).unwrap();
            // Test modules may use anything; comments and docs import nothing.
            let code: String = text
                .split("#[cfg(test)]")
                .next()
                .unwrap_or("")
                .lines()
                .filter(|l| !l.trim_start().starts_with("//"))
                .collect::<Vec<_>>()
                .join("\n");
            out.insert(names, code);
        }
    }
    out
}

fn ident(s: &str) -> String {
    s.chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect()
}

/// The deepest known module that `base` followed by the names of `rest` (`a::b::Item`) names.
fn resolve(mods: &BTreeMap<Module, String>, base: &[String], rest: &str) -> Module {
    let mut m: Module = base.to_vec();
    let mut best = m.clone();
    for part in rest.split("::") {
        let name = ident(part.trim_start_matches('{'));
        if name.is_empty() {
            break;
        }
        m.push(name);
        if mods.contains_key(&m) {
            best = m.clone();
        } else {
            break;
        }
    }
    best
}

/// The modules each module imports.
fn imports() -> BTreeMap<Module, BTreeSet<Module>> {
    let mods = modules();
    let mut out: BTreeMap<Module, BTreeSet<Module>> = BTreeMap::new();
    for (m, code) in &mods {
        let parent: Module = m[..m.len().saturating_sub(1)].to_vec();
        let mut found = BTreeSet::new();
        for part in code.split("crate::").skip(1) {
            found.insert(resolve(&mods, &[], part));
        }
        for part in code.split("super::").skip(1) {
            // `super::super::x` goes up twice.
            let mut base = parent.clone();
            let mut rest = part;
            while let Some(r) = rest.strip_prefix("super::") {
                base.pop();
                rest = r;
            }
            if let Some(list) = rest.strip_prefix('{') {
                let list = list.split('}').next().unwrap_or("");
                for item in list.split(',') {
                    found.insert(resolve(&mods, &base, item.trim()));
                }
            } else {
                found.insert(resolve(&mods, &base, rest));
            }
        }
        for line in code.lines() {
            let line = line.trim_start();
            let rest = line
                .strip_prefix("pub use ")
                .or_else(|| line.strip_prefix("pub(crate) use "))
                .or_else(|| line.strip_prefix("use "))
                .map(|r| r.trim_start_matches("self::"));
            if let Some(rest) = rest {
                let child = resolve(&mods, m, rest);
                if child.len() > m.len() {
                    found.insert(child);
                }
            }
        }
        found.remove(m);
        found.retain(|d| !d.is_empty());
        out.insert(m.clone(), found);
    }
    out
}

fn top(m: &Module) -> &str {
    m.first().map(String::as_str).unwrap_or("")
}

#[test]
fn the_record_knows_no_paper_template_or_backend() {
    let deps = imports();
    let uses = |folder: &str| -> BTreeSet<String> {
        deps.iter()
            .filter(|(m, _)| top(m) == folder)
            .flat_map(|(_, d)| d.iter().map(|x| top(x).to_string()))
            .filter(|x| x != folder)
            .collect()
    };
    let record = uses("congress");
    for forbidden in [
        "document", "registry", "papers", "template", "markup", "layout", "docx", "pdf", "engine",
        "pack",
    ] {
        assert!(
            !record.contains(forbidden),
            "congress imports {forbidden}: {record:?}"
        );
    }
    for pure in ["rules", "vi"] {
        let used = uses(pure);
        assert!(
            used.iter().all(|m| m == "error" || m == "vi"),
            "{pure} imports {used:?}"
        );
    }
    assert!(uses("error").is_empty(), "error is the ground floor");
    assert!(
        !uses("registry").contains("document"),
        "the registry knows no paper"
    );
}

#[test]
fn no_module_imports_one_that_imports_it_back() {
    let deps = imports();
    fn visit(
        m: &Module,
        deps: &BTreeMap<Module, BTreeSet<Module>>,
        path: &mut Vec<Module>,
        done: &mut BTreeSet<Module>,
    ) {
        if done.contains(m) {
            return;
        }
        if let Some(i) = path.iter().position(|x| x == m) {
            let cycle: Vec<String> = path[i..].iter().map(|x| x.join("::")).collect();
            panic!("import loop: {} → {}", cycle.join(" → "), m.join("::"));
        }
        path.push(m.clone());
        for d in deps.get(m).into_iter().flatten() {
            visit(d, deps, path, done);
        }
        path.pop();
        done.insert(m.clone());
    }
    let mut done = BTreeSet::new();
    // The crate root re-exports every layer; nothing imports it.
    for m in deps.keys().filter(|m| !m.is_empty()) {
        visit(m, &deps, &mut Vec::new(), &mut done);
    }
    // Folders too: no folder imports one that imports it back.
    let mut folders: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (m, d) in &deps {
        for x in d {
            if top(m) != top(x) && !m.is_empty() {
                folders
                    .entry(top(m).to_string())
                    .or_default()
                    .insert(top(x).to_string());
            }
        }
    }
    for (a, bs) in &folders {
        for b in bs {
            assert!(
                !folders.get(b).is_some_and(|x| x.contains(a)),
                "{a} and {b} import each other"
            );
        }
    }
}
