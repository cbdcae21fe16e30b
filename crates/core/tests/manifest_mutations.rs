//! Property test: random mutations of a valid manifest never panic, and either validate
//! into a course or come back with at least one well-formed problem.
#![allow(clippy::unwrap_used)] // test helpers outside #[test] fns

use lectern_core::course::validate_manifest;
use proptest::prelude::*;
use serde_json::{json, Value};

fn sample() -> Value {
    serde_json::from_str(include_str!("fixtures/course.json")).unwrap()
}

/// Replacement values that exercise every type confusion.
fn any_leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        any::<f64>().prop_map(|n| json!(n)),
        "\\PC{0,40}".prop_map(Value::String),
        Just(json!([])),
        Just(json!({})),
        Just(json!("javascript:alert(1)")),
        Just(json!("2026-12-02T15:00:00Z")),
        Just(json!("text")),
    ]
}

/// Every path in the tree, as a list of steps.
fn paths(value: &Value, prefix: Vec<Step>, out: &mut Vec<Vec<Step>>) {
    out.push(prefix.clone());
    match value {
        Value::Object(map) => map.iter().for_each(|(k, v)| {
            let mut next = prefix.clone();
            next.push(Step::Key(k.clone()));
            paths(v, next, out);
        }),
        Value::Array(items) => items.iter().enumerate().for_each(|(i, v)| {
            let mut next = prefix.clone();
            next.push(Step::Index(i));
            paths(v, next, out);
        }),
        _ => {}
    }
}

#[derive(Clone, Debug)]
enum Step {
    Key(String),
    Index(usize),
}

fn at<'v>(value: &'v mut Value, path: &[Step]) -> Option<&'v mut Value> {
    path.iter().try_fold(value, |v, step| match step {
        Step::Key(k) => v.get_mut(k.as_str()),
        Step::Index(i) => v.get_mut(*i),
    })
}

#[derive(Clone, Debug)]
enum Mutation {
    Replace(usize, Value),
    Remove(usize),
    Duplicate(usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), any_leaf()).prop_map(|(p, v)| Mutation::Replace(p, v)),
        any::<usize>().prop_map(Mutation::Remove),
        any::<usize>().prop_map(Mutation::Duplicate),
    ]
}

fn apply(manifest: &mut Value, mutation: &Mutation) {
    let mut all = Vec::new();
    paths(manifest, Vec::new(), &mut all);
    let pick = |n: usize| all[n % all.len()].clone();
    match mutation {
        Mutation::Replace(n, leaf) => {
            if let Some(target) = at(manifest, &pick(*n)) {
                *target = leaf.clone();
            }
        }
        Mutation::Remove(n) | Mutation::Duplicate(n) => {
            let path = pick(*n);
            let Some((last, parent_path)) = path.split_last() else {
                return;
            };
            let duplicate = matches!(mutation, Mutation::Duplicate(_));
            match (at(manifest, parent_path), last) {
                (Some(Value::Object(map)), Step::Key(k)) if !duplicate => {
                    map.remove(k);
                }
                (Some(Value::Array(items)), Step::Index(i)) if *i < items.len() => {
                    if duplicate {
                        let copy = items[*i].clone();
                        items.push(copy);
                    } else {
                        items.remove(*i);
                    }
                }
                _ => {}
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]
    #[test]
    fn mutations_never_panic_and_always_explain(mutations in proptest::collection::vec(mutation(), 1..6)) {
        let mut manifest = sample();
        for m in &mutations {
            apply(&mut manifest, m);
        }
        match validate_manifest(&manifest) {
            Ok(course) => {
                // Whatever validated must serialise and validate again to the same course.
                let canonical = serde_json::to_value(&course).unwrap();
                prop_assert_eq!(validate_manifest(&canonical).unwrap(), course);
            }
            Err(problems) => {
                prop_assert!(!problems.problems().is_empty());
                for problem in problems.problems() {
                    prop_assert!(problem.path.starts_with('$'));
                    prop_assert!(!problem.message.is_empty());
                }
            }
        }
    }
}
