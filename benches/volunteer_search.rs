//! The register at 1,000,000 volunteers and 5,000,000 service records (example data, made
//! once into `target/bench-data/`): a search keystroke to its first page and count, and a page
//! of the sorted list near the start and deep in it.
// Tests read and damage the file directly, beside the store.
#![allow(clippy::disallowed_types)]
#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};
use volunteer_ledger::domain::hours::Tenths;
use volunteer_ledger::store::Store;
use volunteer_ledger::store::activities::Activity;
use volunteer_ledger::store::register::{RegisterFilter, RegisterQuery, SortKey};

#[path = "common/mod.rs"]
mod common;
use common::million as database;

fn bench(c: &mut Criterion) {
    let store = Store::open(&database()).unwrap();
    let mut group = c.benchmark_group("register_1m");
    for query in ["zs", "wangf", "王芳", "5678", "SF00123"] {
        group.bench_function(format!("search {query}: count + first page"), |b| {
            b.iter(|| {
                let n = store.volunteer_search_count(query).unwrap();
                let page = store.volunteer_search_page(query, 0, 100).unwrap();
                assert!(n as usize >= page.len());
            })
        });
    }
    group.bench_function("sorted list: first page", |b| {
        b.iter(|| assert_eq!(store.volunteer_page(false, 0, 100).unwrap().len(), 100))
    });
    group.bench_function("sorted list: page at 500,000", |b| {
        b.iter(|| {
            assert_eq!(
                store.volunteer_page(false, 500_000, 100).unwrap().len(),
                100
            )
        })
    });
    group.finish();

    // Every sortable column, ascending and descending, near the start and deep in the list.
    let mut group = c.benchmark_group("register_1m_sorted");
    group.sample_size(20);
    group.measurement_time(std::time::Duration::from_secs(2));
    for (name, sort) in [
        ("number", SortKey::Number),
        ("name", SortKey::Name),
        ("gender", SortKey::Gender),
        ("id", SortKey::IdNumber),
        ("mobile", SortKey::Mobile),
        ("political", SortKey::Political),
        ("community", SortKey::Community),
        ("status", SortKey::Status),
        ("hours", SortKey::Hours),
    ] {
        for descending in [false, true] {
            for offset in [0, 500_000] {
                let q = RegisterQuery {
                    sort,
                    descending,
                    ..Default::default()
                };
                let dir = if descending { "desc" } else { "asc" };
                group.bench_function(format!("{name} {dir} page at {offset}"), |b| {
                    b.iter(|| assert_eq!(store.register_page(&q, offset, 100).unwrap().len(), 100))
                });
            }
        }
    }
    group.finish();

    // Each filter: the count and the first page, as the register shows them.
    let mut group = c.benchmark_group("register_1m_filtered");
    group.sample_size(10);
    let community = store.community_choices().unwrap()[0].id.clone();
    let team = store.team_choices().unwrap()[0].id.clone();
    let filters = [
        (
            "community",
            RegisterFilter {
                community_id: Some(community),
                ..Default::default()
            },
        ),
        (
            "team",
            RegisterFilter {
                team_id: Some(team),
                ..Default::default()
            },
        ),
        (
            "political",
            RegisterFilter {
                political_status: Some("中共党员".into()),
                ..Default::default()
            },
        ),
        (
            "kind",
            RegisterFilter {
                kind: Some("学生".into()),
                ..Default::default()
            },
        ),
        (
            "star",
            RegisterFilter {
                star: Some(0),
                ..Default::default()
            },
        ),
        (
            "status",
            RegisterFilter {
                status: Some("暂停".into()),
                ..Default::default()
            },
        ),
    ];
    for (name, filter) in filters {
        let q = RegisterQuery {
            filter,
            sort: SortKey::Name,
            ..Default::default()
        };
        // What the window does when a filter changes: count, then the ordered keys once and a
        // page of them, or (a filter keeping nearly everyone) a page straight from the index.
        let count = store.register_count(&q).unwrap();
        let listed = q.needs_key_list(count);
        let how = if listed { "keys" } else { "index pages" };
        group.bench_function(
            format!("{name} ({count}, {how}): count + first page by name"),
            |b| {
                b.iter(|| {
                    let n = store.register_count(&q).unwrap();
                    let page = if listed {
                        let keys = store.register_keys(&q).unwrap();
                        store.register_rows(&keys[..keys.len().min(100)]).unwrap()
                    } else {
                        store.register_page(&q, 0, 100).unwrap()
                    };
                    assert_eq!(page.len() as u64, n.min(100));
                })
            },
        );
        let mid = count as usize / 2;
        let keys = if listed {
            store.register_keys(&q).unwrap()
        } else {
            Vec::new()
        };
        group.bench_function(format!("{name}: a page in the middle"), |b| {
            b.iter(|| {
                let page = if listed {
                    store
                        .register_rows(&keys[mid..(mid + 100).min(keys.len())])
                        .unwrap()
                } else {
                    store.register_page(&q, mid, 100).unwrap()
                };
                assert!(!page.is_empty());
            })
        });
    }
    group.finish();
}

/// An activity with 300 participants at 5,000,000 service records: opening it for the form and
/// saving an edit of everyone's hours (the volunteers' totals follow by trigger).
fn activity(c: &mut Criterion) {
    let mut store = Store::open(&database()).unwrap();
    const TITLE: &str = "基准测试：300人的活动";
    let existing: Option<String> = {
        use rusqlite::OptionalExtension;
        let conn = rusqlite::Connection::open(store.path()).unwrap();
        conn.query_row("SELECT id FROM activities WHERE title = ?1", [TITLE], |r| {
            r.get(0)
        })
        .optional()
        .unwrap()
    };
    let people: Vec<String> = store
        .register_page(&RegisterQuery::default(), 0, 300)
        .unwrap()
        .into_iter()
        .map(|r| r.id)
        .collect();
    let mut a = match existing {
        Some(id) => store.get::<Activity>(&id).unwrap(),
        None => Activity {
            title: TITLE.into(),
            category: "文明交通".into(),
            date: NaiveDate::from_ymd_opt(2026, 11, 14).unwrap(),
            start_time: "09:00".into(),
            end_time: "11:30".into(),
            status: "已完成".into(),
            ..Default::default()
        },
    };
    let hours = |t: i64| -> Vec<(String, Tenths)> {
        people.iter().map(|p| (p.clone(), Tenths(t))).collect()
    };
    store.save_activity(&mut a, &hours(25)).unwrap();
    let id = a.meta.id.clone();
    let mut group = c.benchmark_group("activity_300_of_5m");
    group.bench_function("open: activity + participants", |b| {
        b.iter(|| {
            let _: Activity = store.get(&id).unwrap();
            assert_eq!(store.activity_participants(&id).unwrap().len(), 300);
        })
    });
    let mut t = 20;
    group.bench_function("save: everyone's hours changed", |b| {
        b.iter(|| {
            t = if t == 20 { 30 } else { 20 };
            store.save_activity(&mut a, &hours(t)).unwrap();
        })
    });
    group.bench_function("first page of the activity list", |b| {
        b.iter(|| {
            let filter = volunteer_ledger::store::activities::ActivityFilter::default();
            assert_eq!(store.activity_page(&filter, 0, 100).unwrap().len(), 100)
        })
    });
    for (name, column) in [("by title", 1), ("by place", 3)] {
        group.bench_function(
            format!("first page of the activity list sorted {name}"),
            |b| {
                b.iter(|| {
                    let filter = volunteer_ledger::store::activities::ActivityFilter {
                        sort: Some((column, false)),
                        ..Default::default()
                    };
                    assert_eq!(store.activity_page(&filter, 0, 100).unwrap().len(), 100)
                })
            },
        );
    }
    group.finish();
}

criterion_group!(benches, bench, activity);
criterion_main!(benches);
