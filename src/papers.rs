//! Where the record meets the papers: the record is validated once, its papers are numbered
//! once, and each problem is routed to the papers it concerns by the structure of its path.

use crate::congress::{
    assign_numbers, Congress, Conventions, DocNumber, NumberSlot, Numbers, Sequence,
};
use crate::document::{self, About, Item, Paper, PaperNumbers};
use crate::error::{Diagnostic, Error, ErrorKind, Path, Result};
use crate::registry::DocumentKind;

impl DocumentKind {
    /// Every paper of this kind that `congress` has, in order (one invitation per guest, one
    /// ballot per election round …), numbered.
    ///
    /// The record is validated first: every problem that concerns these papers fails the call,
    /// each with its path in the congress file.
    pub fn papers(self, congress: &Congress) -> Result<Vec<Paper>> {
        let (numbers, problems) = check(congress);
        let mut out = Vec::new();
        let mut failures: Vec<Diagnostic> = Vec::new();
        for built in KindPapers::new(congress, self, numbers, problems).all() {
            match built {
                Ok(p) => out.push(p),
                Err(f) => {
                    for d in f.error.into_diagnostics() {
                        if !failures.contains(&d) {
                            failures.push(d);
                        }
                    }
                }
            }
        }
        if failures.is_empty() {
            Ok(out)
        } else {
            Err(Error::invalid(self.name(), failures))
        }
    }

    /// The paper of this kind about `about` (`About::Guest { guest: 2 }` for the third
    /// guest's invitation): an error when the congress has no such paper, or when a problem of
    /// the record concerns it (problems of other papers do not).
    pub fn paper(self, congress: &Congress, about: About) -> Result<Paper> {
        let (numbers, problems) = check(congress);
        let papers = KindPapers::new(congress, self, numbers, problems);
        papers
            .items
            .iter()
            .position(|i| i.about == about)
            .map(|j| papers.build(j))
            .ok_or_else(|| {
                Error::new(
                    ErrorKind::InvalidData,
                    format!("the congress has no {} about {}", self.name(), about.path()),
                )
            })?
            .map_err(|f| f.error)
    }
}

/// The number of the `j`-th paper of `kind`, if the kind is numbered.
fn number_of(
    congress: &Congress,
    kind: DocumentKind,
    item: &Item,
    j: usize,
    numbers: &Numbers,
) -> Option<DocNumber> {
    let (sequence, code) = kind.numbered()?;
    let seq = numbers.get((kind.index(), j))?;
    let code = item.type_code.as_deref().unwrap_or(code);
    let body = match item.sequence.unwrap_or(sequence) {
        Sequence::Congress => "ĐH",
        Sequence::Committee | Sequence::NewCommittee => {
            congress.organisation.committee_code.as_str()
        }
    };
    Some(DocNumber::new(seq, code, body))
}

/// Every problem a paper of the congress could be stopped by: the record's own, and pins
/// giving two papers of one sequence the same number. Empty when every paper can be made.
pub fn validate(congress: &Congress) -> Vec<Diagnostic> {
    check(congress).1
}

/// Adds the problems of `extra` that `problems` does not hold yet.
fn add_new(problems: &mut Vec<Diagnostic>, extra: Vec<Diagnostic>) {
    for d in extra {
        if !problems.contains(&d) {
            problems.push(d);
        }
    }
}

/// Numbers every numbered paper and validates the record.
fn check(congress: &Congress) -> (Numbers, Vec<Diagnostic>) {
    let mut slots = Vec::new();
    for (k, kind) in DocumentKind::ALL.iter().enumerate() {
        let builder = document::builder(*kind);
        let Some((sequence, code)) = kind.numbered() else {
            continue;
        };
        for (j, item) in (builder.items)(congress).into_iter().enumerate() {
            slots.push(NumberSlot {
                paper: (k, j),
                sequence: item.sequence.unwrap_or(sequence),
                type_code: item.type_code.unwrap_or_else(|| code.to_string()),
                date: item.date,
                pin: item.pin,
            });
        }
    }
    let (numbers, mut problems) = assign_numbers(
        &congress.numbering,
        congress.invitations.first_number,
        slots,
    );
    let mut all = congress.validate();
    all.append(&mut problems);
    all.extend(attachments(congress));
    (numbers, all)
}

/// What a text of the record says is attached ("(có trích ngang kèm theo)"), by the kind of
/// paper that must be in the pack, dated on or before the paper that cites it.
const ATTACHED: &[(&str, DocumentKind)] = &[
    ("trích ngang", DocumentKind::CandidateList),
    ("bảng tổng hợp", DocumentKind::PersonnelSummary),
    ("danh sách", DocumentKind::ConvenedList),
];

/// Every "… kèm theo" of the record that cites a paper the pack does not hold, or holds with a
/// later date: each an error naming the text and the paper.
fn attachments(congress: &Congress) -> Vec<Diagnostic> {
    // (path of the citing text, its text, the date of the paper it is in, the track it is of)
    let mut cites: Vec<(Path, &str, crate::vi::Date, Option<usize>)> = Vec::new();
    cites.push((
        Path::from("summons.composition"),
        &congress.summons.composition,
        congress.summons.date,
        None,
    ));
    if let Some(record) = &congress.personnel {
        for (t, track) in record.tracks.iter().enumerate() {
            for (s, step) in track.steps.iter().enumerate() {
                for (k, text) in step.proceedings.iter().enumerate() {
                    let path = Path::root()
                        .field("personnel")
                        .field("tracks")
                        .index(t)
                        .field("steps")
                        .index(s)
                        .field("proceedings")
                        .index(k);
                    cites.push((path, text, step.date, Some(t)));
                }
            }
        }
    }
    let mut out = Vec::new();
    for (path, text, date, track) in cites {
        let lower = text.to_lowercase();
        if !lower.contains("kèm theo") {
            continue;
        }
        let Some((what, kind)) = ATTACHED.iter().find(|(w, _)| lower.contains(w)) else {
            continue;
        };
        let items = (document::builder(*kind).items)(congress);
        // A paper of the same track (or of the congress as a whole), dated on or before.
        let fits = |i: &&Item| {
            let same = match (i.about, track) {
                (About::Track { track: a }, Some(t)) | (About::Step { track: a, .. }, Some(t)) => {
                    a == t
                }
                (About::Congress, _) => true,
                (_, None) => true,
                _ => false,
            };
            same && i.date <= date
        };
        if items.iter().any(|i| fits(&i)) {
            continue;
        }
        let later = items.iter().map(|i| i.date).min();
        let why = match later {
            Some(d) => format!(
                "the pack's {} is dated {d}, after this paper ({date})",
                kind.name()
            ),
            None => format!("the pack has no {}", kind.name()),
        };
        out.push(Diagnostic::new(
            path,
            format!(
                "says a {what} is attached (\"kèm theo\"), but {why}; give the record what \
                 makes it, or remove the words"
            ),
        ));
    }
    out
}

/// Whether a problem at `path` is in a part of the record that only some kinds read.
fn sectional(path: &Path) -> bool {
    let Some(head) = path.head() else {
        return false;
    };
    DocumentKind::ALL.iter().any(|k| k.reads().contains(&head))
}

/// Whether a problem at `path` stops the paper of `kind` about `about`.
fn concerns(kind: DocumentKind, about: &About, path: &Path) -> bool {
    if !sectional(path) {
        // The organisation, the sessions, the signer …: every paper reads them.
        return true;
    }
    if !path.head().is_some_and(|h| kind.reads().contains(&h)) {
        return false;
    }
    // A problem of one guest, one election or one track stops only the papers about it.
    let scope = about.scope();
    let family = scope.parent();
    let in_family = path.starts_with(&family) && path.segments().len() > family.segments().len();
    scope.is_empty() || !in_family || path.starts_with(&scope)
}

/// A paper that could not be made: how to name it, and why.
#[derive(Debug)]
pub(crate) struct Failed {
    /// Whom it is for, or its title ("Đinh Thị Lan Duyên").
    pub recipient: String,
    /// The file name it would have had.
    pub file_stem: String,
    /// Why it was not made (every problem that concerns it).
    pub error: Error,
}

/// The papers of one kind, each built only when asked for: a batch of ten thousand invitations
/// holds one item (a few words) per guest, not ten thousand papers.
pub(crate) struct KindPapers<'c> {
    congress: &'c Congress,
    kind: DocumentKind,
    numbers: Numbers,
    problems: Vec<Diagnostic>,
    items: Vec<Item>,
    conventions: Conventions,
}

impl<'c> KindPapers<'c> {
    fn new(
        congress: &'c Congress,
        kind: DocumentKind,
        numbers: Numbers,
        problems: Vec<Diagnostic>,
    ) -> Self {
        KindPapers {
            congress,
            kind,
            numbers,
            problems,
            items: (document::builder(kind).items)(congress),
            conventions: congress.conventions_for_papers(),
        }
    }

    /// How many papers of the kind the congress has.
    pub(crate) fn len(&self) -> usize {
        self.items.len()
    }

    /// Builds the `j`-th paper, numbered; it fails with every problem that concerns it.
    pub(crate) fn build(&self, j: usize) -> std::result::Result<Paper, Failed> {
        let (congress, numbers) = (self.congress, &self.numbers);
        let lookup = |kind: DocumentKind, about: About| {
            let items = (document::builder(kind).items)(congress);
            let j = items.iter().position(|i| i.about == about)?;
            number_of(congress, kind, &items[j], j, numbers)
        };
        let register = PaperNumbers::new(&lookup);
        build_item(
            congress,
            self.kind,
            j,
            self.items[j].clone(),
            (numbers, &self.conventions),
            &self.problems,
            &register,
        )
    }

    /// Every paper, built one after the other.
    fn all(&self) -> impl Iterator<Item = std::result::Result<Paper, Failed>> + '_ {
        (0..self.len()).map(|j| self.build(j))
    }
}

/// Builds the `j`-th paper of `kind` from its item, numbered; it fails with every problem of
/// `problems` that concerns it.
fn build_item(
    congress: &Congress,
    kind: DocumentKind,
    j: usize,
    mut item: Item,
    (numbers, conventions): (&Numbers, &Conventions),
    problems: &[Diagnostic],
    register: &PaperNumbers,
) -> std::result::Result<Paper, Failed> {
    item.number = number_of(congress, kind, &item, j, numbers);
    let mine: Vec<Diagnostic> = problems
        .iter()
        .filter(|d| concerns(kind, &item.about, &d.path))
        .cloned()
        .collect();
    let built = (document::builder(kind).build)(congress, &item, register)
        .map(|p| p.following(conventions.clone()));
    // A paper with problems is still named as it would have been, when it can be.
    let (label, recipient, file_stem) = match &built {
        Ok(p) => {
            let m = p.meta();
            let who = m.recipient.clone().unwrap_or_else(|| m.title.clone());
            (m.label(), who, m.file_stem.clone())
        }
        Err(_) => (
            format!("{} of {}", kind.name(), item.about.path()),
            kind.title().to_string(),
            document::safe_file_stem(&format!("{} {}", kind.title(), j + 1)),
        ),
    };
    let error = match built {
        Ok(paper) if mine.is_empty() => return Ok(paper),
        Err(e) if mine.is_empty() => e.with_document(label),
        _ => Error::invalid(&label, mine),
    };
    Err(Failed {
        error,
        recipient,
        file_stem,
    })
}

/// The papers of `kind`, each to be built (or stopped by the problems that concern it: the
/// record's own and `extra` ones) when asked for; problems that concern every paper of the kind (the organisation, the
/// sessions) fail the call.
pub(crate) fn batch(
    congress: &Congress,
    kind: DocumentKind,
    extra: Vec<Diagnostic>,
) -> Result<KindPapers<'_>> {
    let (numbers, mut problems) = check(congress);
    add_new(&mut problems, extra);
    let papers = KindPapers::new(congress, kind, numbers, problems);
    let items = &papers.items;
    let general: Vec<Diagnostic> = papers
        .problems
        .iter()
        .filter(|d| {
            !sectional(&d.path)
                || (!items.is_empty() && items.iter().all(|i| concerns(kind, &i.about, &d.path)))
        })
        .cloned()
        .collect();
    if !general.is_empty() {
        return Err(Error::problems(general));
    }
    Ok(papers)
}

/// Every paper of the congress, in the order of the congress, before any is built: the record
/// validated and every paper numbered, so that each can be built on its own (in any thread, in
/// any order) and only while it is needed.
pub(crate) struct Plan<'c> {
    congress: &'c Congress,
    numbers: Numbers,
    /// Each kind's items, in the order of [`DocumentKind::ALL`].
    items: Vec<(DocumentKind, Vec<Item>)>,
    /// Where each paper is: (position in `items`, position in the kind's items).
    order: Vec<(usize, usize)>,
    /// The texts and format every paper follows.
    conventions: Conventions,
}

impl<'c> Plan<'c> {
    /// The plan of every paper of `congress`; all or nothing: any problem (the record's own or
    /// `extra`) fails the call, with every problem listed.
    pub fn new(congress: &'c Congress, extra: Vec<Diagnostic>) -> Result<Plan<'c>> {
        let (numbers, mut problems) = check(congress);
        add_new(&mut problems, extra);
        if !problems.is_empty() {
            return Err(Error::problems(problems));
        }
        let items: Vec<(DocumentKind, Vec<Item>)> = DocumentKind::ALL
            .iter()
            .map(|k| (*k, (document::builder(*k).items)(congress)))
            .collect();
        let order = items
            .iter()
            .enumerate()
            .flat_map(|(k, (_, list))| (0..list.len()).map(move |j| (k, j)))
            .collect();
        Ok(Plan {
            congress,
            numbers,
            items,
            order,
            conventions: congress.conventions_for_papers(),
        })
    }

    /// How many papers.
    pub fn len(&self) -> usize {
        self.order.len()
    }

    /// How many guests the congress invites.
    pub fn guests(&self) -> usize {
        self.congress.guests.len()
    }

    /// Whether the `i`-th paper is the one paper of its kind and reads the guests (the
    /// script, the congress minutes): it names every guest, so it grows with their number.
    pub fn names_every_guest(&self, i: usize) -> bool {
        let (k, _) = self.order[i];
        let (kind, list) = &self.items[k];
        list.len() == 1 && kind.reads().contains(&"guests")
    }

    /// Builds the `i`-th paper.
    pub fn build(&self, i: usize) -> Result<Paper> {
        let (k, j) = self.order[i];
        let (kind, list) = &self.items[k];
        let lookup = |kind: DocumentKind, about: About| {
            let list = &self.items.iter().find(|(k, _)| *k == kind)?.1;
            let j = list.iter().position(|i| i.about == about)?;
            number_of(self.congress, kind, &list[j], j, &self.numbers)
        };
        let register = PaperNumbers::new(&lookup);
        build_item(
            self.congress,
            *kind,
            j,
            list[j].clone(),
            (&self.numbers, &self.conventions),
            &[],
            &register,
        )
        .map_err(|f| f.error)
    }
}
