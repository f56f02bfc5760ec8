//! `dossier bench`: the report's shape and counts (never its timings, which depend on the
//! machine).

mod common;

use common::{dossier, json, repo, stderr};

/// The stage names of one pass of the report, in order.
fn stage_names(pass: &serde_json::Value) -> Vec<&str> {
    pass["stages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect()
}

#[test]
fn bench_reports_every_stage_of_both_passes() {
    let tmp = tempfile::tempdir().unwrap();
    let out = dossier(tmp.path())
        .args(["--json", "bench"])
        .arg(repo().join("demo"))
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let v = json(&out);
    let pipeline = &v["pipeline"];
    assert_eq!(pipeline["failed"], 0, "{v}");
    assert!(pipeline["documents"].as_u64().unwrap() >= 5, "{v}");
    assert!(pipeline["tokens"].as_u64().unwrap() > 500, "{v}");
    let stages = stage_names(pipeline);
    for stage in ["read", "clean", "segment", "quotes"] {
        assert!(stages.contains(&stage), "{stage} not in {stages:?}");
    }
    // the second pass writes into a throw-away store and adds its two stages
    let stored = &v["with_store"];
    assert_eq!(stored["documents"], pipeline["documents"], "{v}");
    let stored_stages = stage_names(stored);
    assert!(
        stored_stages.ends_with(&["store", "corpus"]),
        "{stored_stages:?}"
    );
    // the data directory given is left alone
    assert!(!tmp.path().join("dossier.db").exists());
}

#[test]
fn bench_growth_gives_the_cost_curve_of_each_corpus_layer() {
    let tmp = tempfile::tempdir().unwrap();
    let out = dossier(tmp.path())
        .args(["--json", "bench", "--growth", "1500"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let v = json(&out);
    for layer in ["resolver", "stories", "copies"] {
        let points = v["growth"][layer].as_array().unwrap();
        let sizes: Vec<u64> = points
            .iter()
            .map(|p| p["documents"].as_u64().unwrap())
            .collect();
        assert_eq!(sizes, [1000, 1500], "{layer}: {v}");
        for p in points {
            assert!(p["cpu_us_per_doc"].as_f64().unwrap() >= 0.0, "{layer}: {p}");
        }
    }
    // synthetic stories hold about five articles each
    let stories = v["growth"]["stories"][1]["items"].as_u64().unwrap();
    assert!(
        (150..=750).contains(&stories),
        "{stories} stories for 1500 documents"
    );
}

#[test]
fn bench_without_paths_or_growth_is_a_usage_error() {
    let tmp = tempfile::tempdir().unwrap();
    let out = dossier(tmp.path()).arg("bench").output().unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("PATHS"), "{}", stderr(&out));
}
