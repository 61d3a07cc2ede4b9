//! The committed completion scripts and man pages must match what the current clap
//! definition generates, so packagers never ship stale ones.

use std::collections::BTreeMap;
use std::path::Path;

use crate::common::{self, Sandbox};

const REGENERATE: &str = "regenerate with: cargo run -q -- completions --out-dir completions && cargo run -q -- man --out-dir man";

fn files(dir: &Path) -> BTreeMap<String, String> {
    std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}; {REGENERATE}", dir.display()))
        .map(|entry| {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read_to_string(&path).unwrap())
        })
        .collect()
}

fn assert_matches_committed(kind: &str) {
    let sb = Sandbox::new();
    let fresh = sb.path().join(kind);
    sb.cmd()
        .args([kind, "--out-dir"])
        .arg(&fresh)
        .assert()
        .success();
    let committed = Path::new(env!("CARGO_MANIFEST_DIR")).join(kind);
    let (fresh, committed) = (files(&fresh), files(&committed));
    assert_eq!(
        fresh.keys().collect::<Vec<_>>(),
        committed.keys().collect::<Vec<_>>(),
        "{kind}/ has other files than the CLI generates; {REGENERATE}"
    );
    for (name, text) in &fresh {
        assert!(
            text == &committed[name],
            "{kind}/{name} is stale; {REGENERATE}"
        );
    }
}

#[test]
fn committed_completions_match_the_cli() {
    assert_matches_committed("completions");
}

#[test]
fn committed_man_pages_match_the_cli() {
    assert_matches_committed("man");
}

#[test]
fn completions_are_printed_for_each_shell() {
    let sb = Sandbox::new();
    for (shell, marker) in [
        ("bash", "complete -F"),
        ("zsh", "#compdef mailconn"),
        ("fish", "complete -c mailconn"),
        ("powershell", "Register-ArgumentCompleter"),
        ("elvish", "edit:completion"),
    ] {
        let out = sb.cmd().args(["completions", shell]).output().unwrap();
        assert!(out.status.success());
        let text = common::stdout(&out);
        assert!(text.contains(marker), "{shell} completions lack {marker:?}");
        assert!(
            text.contains("profile"),
            "{shell} completions do not know the profile command"
        );
    }
}
