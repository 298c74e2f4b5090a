//! A pack is written whole or not at all (issue 14): a paper that fails late, or a folder in
//! the way of a file, leaves the target exactly as it was and nothing beside it; a new pack
//! replaces the old one whole; and one engine gives the same bytes on 1 thread and on 16.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use common::*;
use daihoi::{Congress, DocumentKind, Engine, Format, PackOutput, MANIFEST};

const BOTH: [Format; 2] = [Format::Docx, Format::Pdf];

/// Everything under `dir`: each path (relative) with its bytes, or `None` for a folder.
fn snapshot(dir: &Path) -> BTreeMap<String, Option<Vec<u8>>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, Option<Vec<u8>>>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let rel = path.strip_prefix(root).unwrap().display().to_string();
            if path.is_dir() {
                out.insert(rel, None);
                walk(root, &path, out);
            } else {
                out.insert(rel, Some(std::fs::read(&path).unwrap()));
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

fn doan_ket() -> Congress {
    let text = std::fs::read_to_string(root().join("examples/data/doan-ket-2020.json")).unwrap();
    daihoi::load_congress(&text).unwrap()
}

/// An engine whose template for the last kind of the pack names a field no paper has: strict
/// mode fails that paper when it is rendered, after every other paper is made.
fn engine_failing_late(templates: &Path) -> (Engine, DocumentKind) {
    let c = sample();
    let last = *DocumentKind::ALL
        .iter()
        .rev()
        .find(|k| !k.papers(&c).unwrap().is_empty())
        .unwrap();
    std::fs::write(
        templates.join(format!("{}.hbs", last.name())),
        "<document>{{no_such_field}}</document>",
    )
    .unwrap();
    let engine = Engine::builder().template_dir(templates).build().unwrap();
    (engine, last)
}

/// A folder holding an older pack and a file of the user's.
fn existing_target(parent: &Path) -> std::path::PathBuf {
    let target = parent.join("pack");
    engine()
        .write_pack(
            &doan_ket(),
            &[Format::Docx],
            &PackOutput::Folder(target.clone()),
            &|_, _| {},
        )
        .unwrap();
    std::fs::write(target.join("notes.txt"), "the user's own file").unwrap();
    target
}

#[test]
fn a_paper_that_fails_late_leaves_the_folder_as_it_was_and_nothing_beside_it() {
    let dir = tempfile::tempdir().unwrap();
    let templates = tempfile::tempdir().unwrap();
    let (engine, _) = engine_failing_late(templates.path());
    let target = existing_target(dir.path());
    let before = snapshot(dir.path());

    let err = engine
        .write_pack(
            &sample(),
            &BOTH,
            &PackOutput::Folder(target.clone()),
            &|_, _| {},
        )
        .unwrap_err();
    assert!(
        format!("{err:#}").contains("no_such_field"),
        "the error says what failed: {err:#}"
    );
    assert_eq!(
        snapshot(dir.path()),
        before,
        "the old pack, the user's file and nothing else"
    );

    // A missing target stays missing, and no folder is made for it.
    let fresh = dir.path().join("new/deeper/pack");
    engine
        .write_pack(&sample(), &BOTH, &PackOutput::Folder(fresh), &|_, _| {})
        .unwrap_err();
    assert_eq!(snapshot(dir.path()), before);
}

#[test]
fn a_paper_that_fails_late_leaves_the_zip_as_it_was_and_nothing_beside_it() {
    let dir = tempfile::tempdir().unwrap();
    let templates = tempfile::tempdir().unwrap();
    let (engine, _) = engine_failing_late(templates.path());
    let zip = dir.path().join("pack.zip");
    std::fs::write(&zip, b"an older archive").unwrap();
    let before = snapshot(dir.path());
    engine
        .write_pack(&sample(), &BOTH, &PackOutput::Zip(zip.clone()), &|_, _| {})
        .unwrap_err();
    assert_eq!(snapshot(dir.path()), before);

    engine
        .write_pack(
            &sample(),
            &BOTH,
            &PackOutput::Zip(dir.path().join("missing/pack.zip")),
            &|_, _| {},
        )
        .unwrap_err();
    assert_eq!(snapshot(dir.path()), before, "no folder made for the zip");
}

#[test]
fn a_folder_in_the_way_of_a_file_fails_before_anything_moves() {
    let dir = tempfile::tempdir().unwrap();
    let target = existing_target(dir.path());
    let pack = engine().pack(&sample(), &BOTH).unwrap();
    // A folder named like the last file of the new pack.
    let last = pack.files().last().unwrap().name.clone();
    std::fs::create_dir(target.join(&last)).unwrap();
    std::fs::write(target.join(&last).join("inside.txt"), "kept").unwrap();
    let before = snapshot(dir.path());

    let err = engine()
        .write_pack(
            &sample(),
            &BOTH,
            &PackOutput::Folder(target.clone()),
            &|_, _| {},
        )
        .unwrap_err();
    let msg = format!("{err:#}");
    assert!(msg.contains(&last) && msg.contains("folder"), "{msg}");
    assert_eq!(snapshot(dir.path()), before);

    // A zip whose name is taken by a folder.
    let err = engine()
        .write_pack(&sample(), &BOTH, &PackOutput::Zip(target), &|_, _| {})
        .unwrap_err();
    assert!(format!("{err:#}").contains("folder"), "{err:#}");
    assert_eq!(snapshot(dir.path()), before);
}

#[test]
fn a_new_pack_replaces_the_old_one_whole_and_keeps_the_users_files() {
    let dir = tempfile::tempdir().unwrap();
    let target = existing_target(dir.path());
    let old: Vec<String> = snapshot(&target).into_keys().collect();

    let written = engine()
        .write_pack(
            &sample(),
            &BOTH,
            &PackOutput::Folder(target.clone()),
            &|_, _| {},
        )
        .unwrap();
    let mut expected: Vec<String> = written
        .manifest
        .files()
        .map(|f| f.file.clone())
        .chain([MANIFEST.to_string(), "notes.txt".to_string()])
        .collect();
    expected.sort();
    let now = snapshot(&target);
    assert_eq!(now.keys().cloned().collect::<Vec<_>>(), expected);
    assert_eq!(
        now["notes.txt"].as_deref(),
        Some(&b"the user's own file"[..])
    );
    assert_eq!(
        now[MANIFEST].as_deref(),
        Some(written.manifest.to_json().as_bytes())
    );
    let gone = old.iter().filter(|n| !now.contains_key(n.as_str())).count();
    assert!(gone > 0, "the old pack had files the new one lacks");
    let pack = engine().pack(&sample(), &BOTH).unwrap();
    for f in pack.files() {
        assert_eq!(now[&f.name].as_deref(), Some(&f.bytes[..]), "{}", f.name);
    }
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        1,
        "nothing beside the pack"
    );
}

/// Every file of a pack written to a fresh folder and a zip by `engine` on a pool of `threads`.
fn pack_on(threads: usize, c: &Congress) -> (BTreeMap<String, Option<Vec<u8>>>, Vec<u8>) {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    pool.install(|| {
        let folder = dir.path().join("pack");
        let zip = dir.path().join("pack.zip");
        engine()
            .write_pack(c, &BOTH, &PackOutput::Folder(folder.clone()), &|_, _| {})
            .unwrap();
        engine()
            .write_pack(c, &BOTH, &PackOutput::Zip(zip.clone()), &|_, _| {})
            .unwrap();
        (snapshot(&folder), std::fs::read(zip).unwrap())
    })
}

#[test]
fn one_thread_and_sixteen_write_the_same_pack_byte_for_byte() {
    for c in [sample(), doan_ket()] {
        let (one, one_zip) = pack_on(1, &c);
        let (sixteen, sixteen_zip) = pack_on(16, &c);
        assert!(
            one.keys().any(|n| n.ends_with(".docx")) && one.keys().any(|n| n.ends_with(".pdf"))
        );
        assert_eq!(
            one.keys().collect::<Vec<_>>(),
            sixteen.keys().collect::<Vec<_>>()
        );
        for (name, bytes) in &one {
            assert!(
                bytes == &sixteen[name],
                "{name} differs between 1 and 16 threads"
            );
        }
        assert_eq!(one[MANIFEST], sixteen[MANIFEST]);
        assert!(one_zip == sixteen_zip, "the zips differ");
    }
}

#[test]
fn sixteen_threads_rendering_different_papers_at_once_get_the_bytes_of_one() {
    let c = sample();
    let papers: Vec<daihoi::Paper> = DocumentKind::ALL
        .iter()
        .flat_map(|k| k.papers(&c).unwrap())
        .collect();
    let alone: Vec<Vec<Vec<u8>>> = papers
        .iter()
        .map(|p| {
            BOTH.iter()
                .map(|f| engine().render(p, *f).unwrap().bytes)
                .collect()
        })
        .collect();
    let together: Vec<Vec<Vec<u8>>> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..16)
            .map(|t| {
                let papers = &papers;
                s.spawn(move || {
                    // Threads t and t + 8 render the same papers, at the same time.
                    (0..papers.len())
                        .filter(|i| i % 8 == t % 8)
                        .map(|i| {
                            let bytes: Vec<Vec<u8>> = BOTH
                                .iter()
                                .map(|f| engine().render(&papers[i], *f).unwrap().bytes)
                                .collect();
                            (i, bytes)
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        let mut first: Vec<Option<Vec<Vec<u8>>>> = vec![None; papers.len()];
        for h in handles {
            for (i, bytes) in h.join().unwrap() {
                match &first[i] {
                    Some(seen) => assert!(seen == &bytes, "paper {i} differs between threads"),
                    None => first[i] = Some(bytes),
                }
            }
        }
        first.into_iter().map(Option::unwrap).collect()
    });
    for (i, (a, b)) in alone.iter().zip(&together).enumerate() {
        assert!(a == b, "paper {i} differs between one thread and sixteen");
    }
}
