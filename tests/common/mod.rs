//! Helpers shared by the integration tests: run the real binary, read JSON, find `../shared`.
#![allow(dead_code)]

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_whosaid"))
}

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `../shared`, or None after printing why the test is skipped.
pub fn shared(test: &str) -> Option<PathBuf> {
    let p = repo().join("../shared");
    if p.join("eval").is_dir() {
        Some(p)
    } else {
        println!(
            "SKIPPED {test}: ../shared is not beside the repository (it holds the evaluation data)"
        );
        None
    }
}

/// Runs whosaid with these arguments; returns the output.
pub fn run(args: &[&str]) -> Output {
    match bin().args(args).output() {
        Ok(o) => o,
        Err(e) => panic!("cannot run whosaid {args:?}: {e}"),
    }
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Runs whosaid and parses its stdout as one JSON value, failing with stderr on error.
pub fn run_json(args: &[&str]) -> Value {
    let o = run(args);
    assert!(
        o.status.success(),
        "whosaid {args:?} failed: {}",
        stderr(&o)
    );
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("not JSON ({e}): {}", stdout(&o)))
}

/// Parses JSON lines.
pub fn jsonl(s: &str) -> Vec<Value> {
    s.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("bad JSON line ({e}): {l}")))
        .collect()
}

pub fn tmp() -> tempfile::TempDir {
    tempfile::tempdir().expect("cannot create a temporary folder")
}

/// Indexes `paths` into `index`; returns the output.
pub fn index(index: &Path, paths: &[&Path]) -> Output {
    let mut cmd = bin();
    cmd.arg("index").arg("--index").arg(index).arg("--quiet");
    for p in paths {
        cmd.arg(p);
    }
    cmd.output().expect("cannot run whosaid index")
}

/// Searches `index` with extra arguments, `--format json`; returns the parsed result.
pub fn search(index: &Path, args: &[&str]) -> Value {
    let idx = index.to_string_lossy().into_owned();
    let mut all = vec!["search", "--index", idx.as_str(), "--format", "json"];
    all.extend_from_slice(args);
    run_json(&all)
}

/// A small JSON Schema checker: type, enum, required, properties, additionalProperties=false,
/// items, $ref (local), oneOf. Returns the problems found.
pub fn validate(value: &Value, schema: &Value, root: &Value, at: &str, errs: &mut Vec<String>) {
    if let Some(r) = schema.get("$ref").and_then(Value::as_str) {
        let name = r.trim_start_matches("#/$defs/");
        let target = &root["$defs"][name];
        assert!(!target.is_null(), "schema $ref {r} not found");
        return validate(value, target, root, at, errs);
    }
    if let Some(alts) = schema.get("oneOf").and_then(Value::as_array) {
        let ok = alts.iter().filter(|s| {
            let mut e = Vec::new();
            validate(value, s, root, at, &mut e);
            e.is_empty()
        });
        if ok.count() != 1 {
            errs.push(format!("{at}: matches not exactly one of oneOf"));
        }
        return;
    }
    if let Some(en) = schema.get("enum").and_then(Value::as_array) {
        if !en.contains(value) {
            errs.push(format!("{at}: {value} not in {en:?}"));
        }
    }
    if let Some(t) = schema.get("type") {
        let types: Vec<&str> = match t {
            Value::String(s) => vec![s.as_str()],
            Value::Array(a) => a.iter().filter_map(Value::as_str).collect(),
            _ => vec![],
        };
        let ok = types.iter().any(|t| match *t {
            "string" => value.is_string(),
            "integer" => value.is_u64() || value.is_i64(),
            "number" => value.is_number(),
            "object" => value.is_object(),
            "array" => value.is_array(),
            "boolean" => value.is_boolean(),
            "null" => value.is_null(),
            _ => false,
        });
        if !ok {
            errs.push(format!("{at}: {value} is not {types:?}"));
            return;
        }
    }
    if let Some(obj) = value.as_object() {
        let props = schema.get("properties").and_then(Value::as_object);
        for req in schema
            .get("required")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            if let Some(k) = req.as_str() {
                if !obj.contains_key(k) {
                    errs.push(format!("{at}: missing required key `{k}`"));
                }
            }
        }
        for (k, v) in obj {
            match props.and_then(|p| p.get(k)) {
                Some(s) => validate(v, s, root, &format!("{at}.{k}"), errs),
                None if schema.get("additionalProperties") == Some(&Value::Bool(false)) => {
                    errs.push(format!("{at}: key `{k}` is not in the schema"))
                }
                None => {}
            }
        }
    }
    if let (Some(arr), Some(items)) = (value.as_array(), schema.get("items")) {
        for (i, v) in arr.iter().enumerate() {
            validate(v, items, root, &format!("{at}[{i}]"), errs);
        }
    }
}

pub fn read_schema(name: &str) -> Value {
    let p = repo().join("schema").join(name);
    let s =
        std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("cannot read {}: {e}", p.display()));
    serde_json::from_str(&s).unwrap_or_else(|e| panic!("{} is not JSON: {e}", p.display()))
}

/// Waits for `child`, killing it and failing the test after `timeout`; the panic message
/// names `what` and carries its stderr (read from `stderr_file`).
pub fn wait_or_kill(
    child: &mut std::process::Child,
    timeout: std::time::Duration,
    what: &str,
    stderr_file: &Path,
) -> std::process::ExitStatus {
    let start = std::time::Instant::now();
    loop {
        if let Some(st) = child.try_wait().expect("wait") {
            return st;
        }
        if start.elapsed() > timeout {
            let _ = child.kill();
            let _ = child.wait();
            let err = std::fs::read(stderr_file).unwrap_or_default();
            panic!(
                "{what}: still running after {timeout:?}, killed; stderr:\n{}",
                String::from_utf8_lossy(&err)
            );
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}
