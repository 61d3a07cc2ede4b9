//! The README's reference tables are part of the contract: they must list exactly the exit
//! codes and environment variables the code knows.

use mailconn::error::ErrorKind;
use mailconn::settings::env;

fn readme() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap()
}

/// The table rows of the README section that starts with `heading`.
fn table_rows(readme: &str, heading: &str) -> Vec<Vec<String>> {
    let section = readme
        .split(heading)
        .nth(1)
        .unwrap_or_else(|| panic!("README has no {heading:?} section"));
    let section = section.split("\n## ").next().unwrap();
    section
        .lines()
        .filter(|l| l.starts_with('|') && !l.starts_with("|---") && !l.starts_with("| ---"))
        .skip(1) // header row
        .map(|l| {
            l.trim_matches('|')
                .split(" | ")
                .map(|c| c.trim().to_owned())
                .collect()
        })
        .collect()
}

#[test]
fn the_exit_code_table_matches_the_code() {
    let rows = table_rows(&readme(), "## Exit codes");
    let expected: Vec<Vec<String>> = ErrorKind::ALL
        .iter()
        .map(|k| vec![k.exit_code().to_string(), k.describe().to_owned()])
        .collect();
    let mut with_success = vec![vec!["0".to_owned(), "success".to_owned()]];
    with_success.extend(expected);
    assert_eq!(
        rows, with_success,
        "README 'Exit codes' table differs from src/error.rs"
    );
}

#[test]
fn the_environment_table_lists_every_variable() {
    let rows = table_rows(&readme(), "## Environment variables");
    let documented: Vec<String> = rows
        .iter()
        .map(|r| r[0].trim_matches('`').to_owned())
        .collect();
    let declared: Vec<String> = env::ALL.iter().map(|v| v.name.to_owned()).collect();
    assert_eq!(
        documented, declared,
        "README 'Environment variables' table differs from src/settings/env.rs"
    );
    for (row, var) in rows.iter().zip(env::ALL) {
        assert_eq!(
            row[1], var.help,
            "README description of {} differs from src/settings/env.rs",
            var.name
        );
    }
}

#[test]
fn the_example_config_is_valid() {
    let readme = readme();
    let example = readme
        .split("```toml\n")
        .nth(1)
        .and_then(|rest| rest.split("```").next())
        .expect("README has a TOML example");
    let file = mailconn::settings::file::ConfigFile::parse(
        std::path::Path::new("README.md"),
        example.to_owned(),
    )
    .expect("the README example parses");
    for (name, profile) in &file.profiles {
        assert!(
            profile.is_ok(),
            "README example profile {name} is invalid: {profile:?}"
        );
    }
    assert_eq!(file.profiles.len(), 2);
}

#[cfg(feature = "emulator")]
#[test]
fn the_example_tenant_file_starts_the_emulator() {
    let readme = readme();
    let block = readme
        .split("  ```toml\n")
        .nth(1)
        .and_then(|rest| rest.split("  ```").next())
        .expect("README has an indented TOML tenant example");
    let text: String = block
        .lines()
        .map(|l| format!("{}\n", l.strip_prefix("  ").unwrap_or(l)))
        .collect();
    let emulator = crate::common::emulator::Emulator::with_tenant(&text);
    assert_eq!(emulator.ready["tenant_domain"], "fabrikam.test");
}
