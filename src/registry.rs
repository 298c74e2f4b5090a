//! The one table of document kinds. Each line names a kind, its machine name (also its
//! template's), its Vietnamese title, the module that builds its papers, how its papers are
//! numbered and which parts of the record it reads. [`DocumentKind`], the CLI's list, the
//! built-in templates and the numbering all come from this table, so a kind cannot be
//! half-registered: a kind without a template or a builder does not compile.
//!
//! Here the record meets the papers: the record is validated once, its papers are numbered
//! once, and each problem is routed to the papers it concerns by the structure of its path.

use serde::Serialize;

use crate::congress::{assign_numbers, Congress, DocNumber, NumberSlot, Numbers, Sequence};
use crate::document::{self, About, Paper};
use crate::error::{Diagnostic, Error, ErrorKind, Path, Result};
use crate::vi::Date;

/// How a kind's papers are numbered: in which sequence, under which type code.
type Numbered = Option<(Sequence, &'static str)>;

macro_rules! kinds {
    ($( $(#[$doc:meta])* $variant:ident = $name:literal, $title:literal, $($module:ident)::+,
        $numbered:expr, $reads:expr; )*) => {
        /// Every kind of paper the library renders, in the order of the congress.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum DocumentKind {
            $( $(#[$doc])* $variant, )*
        }

        impl DocumentKind {
            /// Every kind, in the order of the congress (the order of a pack).
            pub const ALL: &'static [DocumentKind] = &[ $( DocumentKind::$variant, )* ];

            /// The machine name, also the template's name: `invitation`.
            pub fn name(self) -> &'static str {
                match self { $( DocumentKind::$variant => $name, )* }
            }

            /// The Vietnamese name of the kind: "Giấy mời".
            pub fn title(self) -> &'static str {
                match self { $( DocumentKind::$variant => $title, )* }
            }

            fn entry(self) -> Entry {
                match self {
                    $( DocumentKind::$variant => Entry {
                        numbered: $numbered,
                        reads: $reads,
                        items: document::$($module)::+::items,
                        build: document::$($module)::+::build,
                    }, )*
                }
            }
        }

        /// The built-in templates of the kinds: (name, source).
        pub(crate) const TEMPLATES: &[(&str, &str)] = &[
            $( ($name, include_str!(concat!("../templates/", $name, ".hbs"))), )*
        ];
    };
}

kinds! {
    /// Giấy mời — the invitation of one guest (GM, the committee's sequence).
    Invitation = "invitation", "Giấy mời", invitation,
        Some((Sequence::Committee, "GM")), &["guests"];
    /// Thông báo triệu tập — the summons of members or delegates (TB, the committee's).
    Summons = "summons", "Thông báo triệu tập", summons,
        Some((Sequence::Committee, "TB")), &[];
    /// Danh sách đại biểu được triệu tập (a cell: danh sách đảng viên) — the people convened.
    ConvenedList = "convened-list", "Danh sách triệu tập", convened_list,
        None, &["convened", "proceedings"];
    /// Danh sách trích ngang — the candidate summary list.
    CandidateList = "candidate-list", "Danh sách trích ngang", candidate_list,
        None, &["candidates", "personnel"];
    /// Giấy triệu tập hội nghị — the summons to a conference of the personnel procedure (TB).
    ConferenceSummons = "conference-summons", "Giấy triệu tập hội nghị",
        personnel::conference_summons, Some((Sequence::Committee, "TB")), &["candidates", "personnel"];
    /// Phiếu giới thiệu nhân sự — the introduction ballot of a personnel step.
    IntroductionBallot = "introduction-ballot", "Phiếu giới thiệu nhân sự",
        personnel::introduction_ballot, None, &["candidates", "personnel"];
    /// Biên bản kiểm phiếu giới thiệu — the tally minutes of an introduction ballot (BB).
    IntroductionTallyMinutes = "introduction-tally-minutes", "Biên bản kiểm phiếu giới thiệu",
        personnel::tally_minutes, Some((Sequence::Committee, "BB")), &["candidates", "personnel"];
    /// Biên bản hội nghị — the minutes of a personnel conference (BB).
    ConferenceMinutes = "conference-minutes", "Biên bản hội nghị",
        personnel::conference_minutes, Some((Sequence::Committee, "BB")), &["candidates", "personnel"];
    /// Bảng tổng hợp kết quả giới thiệu qua các bước — the personnel summary of a track.
    PersonnelSummary = "personnel-summary", "Bảng tổng hợp kết quả giới thiệu",
        personnel::summary, None, &["candidates", "personnel"];
    /// Chương trình đại hội — the programme (CTr, the congress's sequence).
    Programme = "programme", "Chương trình đại hội", programme,
        Some((Sequence::Congress, "CTr")), &["guests", "elections", "proceedings"];
    /// Kịch bản điều hành đại hội — the presidium's script (internal, no number).
    Script = "script", "Kịch bản điều hành đại hội", script,
        None, &["guests", "elections", "proceedings"];
    /// Phiếu bầu cử — the ballot of one election round.
    Ballot = "ballot", "Phiếu bầu cử", ballot, None, &["elections"];
    /// Biên bản kiểm phiếu — the vote-count minutes of one election round (BB, the congress's).
    VoteCountMinutes = "vote-count-minutes", "Biên bản kiểm phiếu", vote_count_minutes,
        Some((Sequence::Congress, "BB")), &["elections"];
    /// Biên bản đại hội — the congress minutes (BB, the congress's sequence).
    CongressMinutes = "congress-minutes", "Biên bản đại hội", congress_minutes,
        Some((Sequence::Congress, "BB")), &["guests", "elections", "proceedings"];
}

impl DocumentKind {
    /// The type code of its number ("GM", "BB"), if its papers are numbered.
    pub fn type_code(self) -> Option<&'static str> {
        self.entry().numbered.map(|(_, code)| code)
    }

    /// Looks a kind up by machine name.
    pub fn from_name(name: &str) -> Option<DocumentKind> {
        DocumentKind::ALL.iter().copied().find(|k| k.name() == name)
    }

    fn index(self) -> usize {
        DocumentKind::ALL
            .iter()
            .position(|k| *k == self)
            .unwrap_or(usize::MAX)
    }

    /// Every paper of this kind that `congress` has, in order (one invitation per guest, one
    /// ballot per election round …), numbered.
    ///
    /// The record is validated first: every problem that concerns these papers fails the call,
    /// each with its path in the congress file.
    pub fn papers(self, congress: &Congress) -> Result<Vec<Paper>> {
        let (numbers, problems) = check(congress);
        let mut out = Vec::new();
        let mut failures: Vec<Diagnostic> = Vec::new();
        for built in build_kind(congress, self, &numbers, &problems) {
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
        build_kind(congress, self, &numbers, &problems)
            .into_iter()
            .find(|p| match p {
                Ok(p) => p.meta().about == about,
                Err(f) => f.about == about,
            })
            .ok_or_else(|| {
                Error::new(
                    ErrorKind::InvalidData,
                    format!("the congress has no {} about {}", self.name(), about.path()),
                )
            })?
            .map_err(|f| f.error)
    }
}

impl std::fmt::Display for DocumentKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

impl Serialize for DocumentKind {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_str(self.name())
    }
}

/// What the registry knows of a kind besides its names.
struct Entry {
    numbered: Numbered,
    /// The top-level fields of the record whose problems concern only the kinds that read
    /// them (every other field concerns every kind).
    reads: &'static [&'static str],
    items: fn(&Congress) -> Vec<Item>,
    build: fn(&Congress, &Item, &PaperNumbers) -> Result<Paper>,
}

/// The numbers of the congress's papers, for a paper that cites another ("theo Biên bản kiểm
/// phiếu số 02-BB/ĐH").
pub(crate) struct PaperNumbers<'a> {
    congress: &'a Congress,
    numbers: &'a Numbers,
}

impl PaperNumbers<'_> {
    /// The number of the paper of `kind` about `about`, if it is numbered.
    pub fn of(&self, kind: DocumentKind, about: About) -> Option<DocNumber> {
        let entry = kind.entry();
        let items = (entry.items)(self.congress);
        let j = items.iter().position(|i| i.about == about)?;
        number_of(self.congress, kind, &items[j], j, self.numbers)
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
    let (sequence, code) = kind.entry().numbered?;
    let seq = numbers.get((kind.index(), j))?;
    let code = item.type_code.as_deref().unwrap_or(code);
    let body = match sequence {
        Sequence::Congress => "ĐH",
        Sequence::Committee => congress.organisation.committee_code.as_str(),
    };
    Some(DocNumber::new(seq, code, body))
}

/// One paper a congress has, before it is built: what it is about, its date, and the number
/// pinned in the data (with the field that pins it).
#[derive(Debug, Clone)]
pub(crate) struct Item {
    /// What the paper is about.
    pub about: About,
    /// The paper's date (numbered papers are numbered in date order).
    pub date: Date,
    /// A number pinned in the data, and its field.
    pub pin: Option<(u32, Path)>,
    /// A type code replacing the kind's (the summons' `type_code`).
    pub type_code: Option<String>,
    /// The paper's number, once the registry has numbered it.
    pub number: Option<DocNumber>,
}

impl Item {
    /// A paper about `about`, dated `date`.
    pub fn new(about: About, date: Date) -> Item {
        Item {
            about,
            date,
            pin: None,
            type_code: None,
            number: None,
        }
    }

    /// Pins the number given at `path`, if any.
    pub fn pin(mut self, pin: Option<u32>, path: Path) -> Item {
        self.pin = pin.map(|n| (n, path));
        self
    }

    /// Replaces the kind's type code.
    pub fn type_code(mut self, code: &str) -> Item {
        self.type_code = Some(code.to_string());
        self
    }

    /// The error of a builder handed an item it did not list (a bug, reported, not a panic).
    pub fn unexpected(&self) -> Error {
        Error::new(
            ErrorKind::InvalidData,
            format!("no such paper: {}", self.about.path()),
        )
    }
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
        let entry = kind.entry();
        let Some((sequence, code)) = entry.numbered else {
            continue;
        };
        for (j, item) in (entry.items)(congress).into_iter().enumerate() {
            slots.push(NumberSlot {
                paper: (k, j),
                sequence,
                type_code: item.type_code.unwrap_or_else(|| code.to_string()),
                date: item.date,
                pin: item.pin,
            });
        }
    }
    let (numbers, mut problems) = assign_numbers(congress, slots);
    let mut all = congress.validate();
    all.append(&mut problems);
    (numbers, all)
}

/// Whether a problem at `path` is in a part of the record that only some kinds read.
fn sectional(path: &Path) -> bool {
    let Some(head) = path.head() else {
        return false;
    };
    DocumentKind::ALL
        .iter()
        .any(|k| k.entry().reads.contains(&head))
}

/// Whether a problem at `path` stops the paper of `kind` about `about`.
fn concerns(kind: DocumentKind, about: &About, path: &Path) -> bool {
    if !sectional(path) {
        // The organisation, the sessions, the signer …: every paper reads them.
        return true;
    }
    if !path.head().is_some_and(|h| kind.entry().reads.contains(&h)) {
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
    /// What it would have been about.
    pub about: About,
    /// Whom it is for, or its title ("Đinh Thị Lan Duyên").
    pub recipient: String,
    /// The file name it would have had.
    pub file_stem: String,
    /// Why it was not made (every problem that concerns it).
    pub error: Error,
}

/// Builds every paper of `kind`; a paper that a problem concerns fails with every one of them.
fn build_kind(
    congress: &Congress,
    kind: DocumentKind,
    numbers: &Numbers,
    problems: &[Diagnostic],
) -> Vec<std::result::Result<Paper, Failed>> {
    let entry = kind.entry();
    let register = PaperNumbers { congress, numbers };
    (entry.items)(congress)
        .into_iter()
        .enumerate()
        .map(|(j, mut item)| {
            item.number = number_of(congress, kind, &item, j, numbers);
            let mine: Vec<Diagnostic> = problems
                .iter()
                .filter(|d| concerns(kind, &item.about, &d.path))
                .cloned()
                .collect();
            let built = (entry.build)(congress, &item, &register);
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
            match built {
                Ok(paper) if mine.is_empty() => Ok(paper),
                Ok(_) => Err(Failed {
                    about: item.about,
                    error: Error::invalid(&label, mine),
                    recipient: recipient.clone(),
                    file_stem: file_stem.clone(),
                }),
                Err(e) if mine.is_empty() => Err(Failed {
                    about: item.about,
                    error: e.with_document(label.clone()),
                    recipient: recipient.clone(),
                    file_stem: file_stem.clone(),
                }),
                Err(_) => Err(Failed {
                    about: item.about,
                    error: Error::invalid(&label, mine),
                    recipient: recipient.clone(),
                    file_stem: file_stem.clone(),
                }),
            }
        })
        .collect()
}

/// The papers of `kind`, each built or stopped by the problems that concern it (the record's
/// own and `extra` ones); problems that concern every paper of the kind (the organisation, the
/// sessions) fail the call.
pub(crate) fn batch(
    congress: &Congress,
    kind: DocumentKind,
    extra: Vec<Diagnostic>,
) -> Result<Vec<std::result::Result<Paper, Failed>>> {
    let (numbers, mut problems) = check(congress);
    add_new(&mut problems, extra);
    let items = (kind.entry().items)(congress);
    let general: Vec<Diagnostic> = problems
        .iter()
        .filter(|d| {
            !sectional(&d.path)
                || (!items.is_empty() && items.iter().all(|i| concerns(kind, &i.about, &d.path)))
        })
        .cloned()
        .collect();
    if !general.is_empty() {
        return Err(Error::invalid("congress", general));
    }
    Ok(build_kind(congress, kind, &numbers, &problems))
}

/// Every paper of the congress, in the order of the congress; all or nothing: any problem (the
/// record's own or `extra`) fails the call, with every problem listed.
pub(crate) fn every_paper(congress: &Congress, extra: Vec<Diagnostic>) -> Result<Vec<Paper>> {
    let (numbers, mut problems) = check(congress);
    add_new(&mut problems, extra);
    if !problems.is_empty() {
        return Err(Error::invalid("congress", problems));
    }
    let mut out = Vec::new();
    for kind in DocumentKind::ALL {
        for paper in build_kind(congress, *kind, &numbers, &[]) {
            out.push(paper.map_err(|f| f.error)?);
        }
    }
    Ok(out)
}
