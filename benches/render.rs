//! Rendering speed: one invitation in each format, and a batch of 1 000 invitations in both.
//!
//! `cargo bench --bench render`. Targets (2-core machine, release, issue 14): invitation DOCX
//! ≤ 0.3 ms, PDF ≤ 0.45 ms; 1 000 invitations in both formats ≤ 3 s wall. Also the vote-count
//! minutes of a 60-candidate election in both formats, the whole pack of the Bạch Mai sample
//! (every document, DOCX + PDF, manifest; target ≤ 40 ms; and each format alone), a fresh
//! engine rendering the summons (the in-process part of `daihoi render summons`, whose target
//! is ≤ 8 ms whole), and the pack of a congress of 1 000 guests streamed to a zip (`cargo bench
//! --bench render -- "1000 guests"`).

use criterion::{criterion_group, criterion_main, Criterion};
use daihoi::{About, DocumentKind, Engine, Format};

fn sample() -> daihoi::Congress {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/data/bach-mai-2020.json"
    ))
    .expect("sample data");
    daihoi::load_congress(&text).expect("sample parses")
}

fn invitation(c: &mut Criterion) {
    let engine = Engine::new().expect("engine");
    let congress = sample();
    let inv = DocumentKind::Invitation
        .paper(&congress, About::Guest { guest: 0 })
        .expect("a guest");
    c.bench_function("invitation/docx", |b| {
        b.iter(|| engine.render(&inv, Format::Docx).expect("docx"))
    });
    c.bench_function("invitation/pdf", |b| {
        b.iter(|| engine.render(&inv, Format::Pdf).expect("pdf"))
    });
    c.bench_function("invitation/tree", |b| {
        b.iter(|| engine.render_tree(&inv).expect("tree"))
    });
}

fn batch(c: &mut Criterion) {
    let engine = Engine::new().expect("engine");
    let mut congress = sample();
    let guests = congress.guests.clone();
    congress.guests = (0..1000)
        .map(|i| guests[i % guests.len()].clone())
        .collect();
    let mut group = c.benchmark_group("batch");
    group.sample_size(10);
    group.bench_function("1000 invitations docx+pdf", |b| {
        b.iter(|| {
            let items = engine
                .render_kind(
                    &congress,
                    DocumentKind::Invitation,
                    &[Format::Docx, Format::Pdf],
                )
                .expect("batch");
            assert!(items.iter().all(|i| i.result.is_ok()));
            items
        })
    });
    group.finish();
}

/// The vote-count minutes of a delegates' election with 60 candidates for 40 seats.
fn minutes_60(c: &mut Criterion) {
    use daihoi::rules::Candidate;
    use daihoi::vi::PersonName;
    let engine = Engine::new().expect("engine");
    let mut congress = sample();
    let given = [
        "An", "Bình", "Cường", "Dung", "Hà", "Hải", "Lan", "Minh", "Nam", "Tâm",
    ];
    let family = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ"];
    let e = &mut congress.elections[1];
    e.seats = 40;
    e.rounds.truncate(1);
    e.list_votes.truncate(1);
    let r = &mut e.rounds[0];
    r.candidates = (0..60)
        .map(|i| Candidate {
            name: PersonName::new(family[i % 6], "Xuân", given[i / 6]),
            votes: 100 - i as u32,
            floor_nominee: None,
        })
        .collect();
    r.ballots.valid = r.ballots.returned;
    r.ballots.invalid.clear();
    let m = DocumentKind::VoteCountMinutes
        .paper(
            &congress,
            About::Round {
                election: 1,
                round: 0,
            },
        )
        .expect("minutes");
    c.bench_function("minutes-60/docx", |b| {
        b.iter(|| engine.render(&m, Format::Docx).expect("docx"))
    });
    c.bench_function("minutes-60/pdf", |b| {
        b.iter(|| engine.render(&m, Format::Pdf).expect("pdf"))
    });
}

/// Every document of the Bạch Mai congress in both formats, with the manifest and the zip.
fn pack(c: &mut Criterion) {
    let engine = Engine::new().expect("engine");
    let congress = sample();
    let mut group = c.benchmark_group("pack");
    group.sample_size(10);
    group.bench_function("bach-mai docx+pdf", |b| {
        b.iter(|| {
            let pack = engine
                .pack(&congress, &[Format::Docx, Format::Pdf])
                .expect("pack");
            (pack.manifest_json(), pack)
        })
    });
    // Each format alone: what each backend adds to the part they share (the papers' data,
    // templates, markup and its checks).
    for (name, format) in [
        ("bach-mai docx", Format::Docx),
        ("bach-mai pdf", Format::Pdf),
    ] {
        group.bench_function(name, |b| {
            b.iter(|| {
                let pack = engine.pack(&congress, &[format]).expect("pack");
                (pack.manifest_json(), pack)
            })
        });
    }
    group.bench_function("bach-mai docx+pdf+zip", |b| {
        b.iter(|| {
            engine
                .pack(&congress, &[Format::Docx, Format::Pdf])
                .expect("pack")
                .to_zip()
                .expect("zip")
        })
    });
    group.finish();
}

/// The pack of a congress of 1 000 guests (as `scripts/big-congress.py 1000` makes it: the
/// sample's guests repeated under other given names, as ordinary guests), streamed to a zip file: 1 086 documents,
/// the script and the minutes naming every guest. The 10 000-guest figures of the README are
/// from the command line; this is their in-process part at a tenth of the size.
fn big_pack(c: &mut Criterion) {
    let engine = Engine::new().expect("engine");
    let mut congress = sample();
    let given = [
        "An", "Bình", "Cường", "Dung", "Giang", "Hà", "Hải", "Hoa", "Khánh", "Lan", "Linh", "Minh",
        "Nam", "Ngọc", "Phương", "Quang", "Sơn", "Tâm", "Thảo", "Vinh",
    ];
    let base = congress.guests.clone();
    congress.guests = (0..1000)
        .map(|i| {
            let mut g = base[i % base.len()].clone();
            if i >= base.len() {
                g.name.ten = given[(i / base.len()) % given.len()].to_string();
                g.directs = false;
            }
            g
        })
        .collect();
    let dir = tempfile::tempdir().expect("temp dir");
    let out = daihoi::PackOutput::Zip(dir.path().join("pack.zip"));
    let mut group = c.benchmark_group("pack");
    group.sample_size(10);
    group.bench_function("1000 guests docx+pdf to a zip", |b| {
        b.iter(|| {
            engine
                .write_pack(&congress, &[Format::Docx, Format::Pdf], &out, &|_, _| {})
                .expect("pack")
        })
    });
    group.finish();
}

/// A fresh engine rendering the summons in both formats: what `daihoi render summons` pays
/// besides starting and reading the congress (fonts parsed, the summons' templates compiled).
fn startup(c: &mut Criterion) {
    let congress = sample();
    let summons = DocumentKind::Summons
        .paper(&congress, About::Congress)
        .expect("summons");
    c.bench_function("startup/engine + summons docx+pdf", |b| {
        b.iter(|| {
            let engine = Engine::new().expect("engine");
            engine
                .render_formats(&summons, &[Format::Docx, Format::Pdf])
                .expect("summons")
        })
    });
}

criterion_group!(benches, invitation, startup, minutes_60, batch, pack, big_pack);
criterion_main!(benches);
