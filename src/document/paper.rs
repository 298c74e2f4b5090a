//! What every paper is: its metadata, the view its template reads, what it is about — and what a
//! builder is given: the item to build and the numbers of the papers it cites.

use serde::Serialize;

use crate::congress::{Citations, Congress, Conventions, DocNumber, Format, Sequence};
use crate::error::{Error, ErrorKind, Path, Result};
use crate::registry::DocumentKind;
use crate::rules::RuleSet;
use crate::vi::Date;

/// Which part of the congress a paper is about: the congress as a whole, one guest, one round
/// of one election, one step or one track of the personnel procedure. Positions are those of
/// the congress file (`guests[2]` is `Guest { guest: 2 }`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(tag = "of", rename_all = "snake_case")]
#[non_exhaustive]
pub enum About {
    /// The congress as a whole (the programme, the minutes, the summons).
    Congress,
    /// `guests[guest]` (an invitation).
    Guest {
        /// Position in `guests`.
        guest: usize,
    },
    /// `elections[election].rounds[round]` (a ballot, vote-count minutes).
    Round {
        /// Position in `elections`.
        election: usize,
        /// Position in the election's `rounds`.
        round: usize,
    },
    /// `personnel.tracks[track].steps[step]` (a conference's papers).
    Step {
        /// Position in `personnel.tracks`.
        track: usize,
        /// Position in the track's `steps`.
        step: usize,
    },
    /// `personnel.tracks[track]` (the summary of a track).
    Track {
        /// Position in `personnel.tracks`.
        track: usize,
    },
}

impl About {
    /// The part of the record that is this paper's alone: a problem under it concerns this
    /// paper and not its siblings (`guests[2]`; `elections[1]` for each of its rounds;
    /// `personnel.tracks[0]` for each of the track's papers). Empty for the congress.
    pub(crate) fn scope(&self) -> Path {
        let root = Path::root();
        match *self {
            About::Congress => root,
            About::Guest { guest } => root.field("guests").index(guest),
            About::Round { election, .. } => root.field("elections").index(election),
            About::Step { track, .. } | About::Track { track } => {
                root.field("personnel").field("tracks").index(track)
            }
        }
    }

    /// The record's path of this subject (`guests[2]`; empty for the congress).
    pub fn path(&self) -> Path {
        let root = Path::root();
        match *self {
            About::Congress => root,
            About::Guest { guest } => root.field("guests").index(guest),
            About::Round { election, round } => root
                .field("elections")
                .index(election)
                .field("rounds")
                .index(round),
            About::Step { track, step } => root
                .field("personnel")
                .field("tracks")
                .index(track)
                .field("steps")
                .index(step),
            About::Track { track } => root.field("personnel").field("tracks").index(track),
        }
    }
}

/// What a renderer and a pack need to know about a paper besides its content.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PaperMeta {
    /// The kind.
    pub kind: DocumentKind,
    /// Which part of the congress it is about.
    pub about: About,
    /// The title — the file's, the manifest's and the one the paper prints: "Giấy mời — Đồng
    /// chí Đinh Thị Lan Duyên", "Biên bản kiểm phiếu — Ban Chấp hành …".
    pub title: String,
    /// The file's subject line (the congress, or what a personnel paper is for).
    pub subject: String,
    /// The issuing body (the file's author).
    pub author: String,
    /// The date of issue.
    pub date: Date,
    /// The number and symbol without "Số" ("01-GM/ĐU"), if the paper is numbered.
    pub number: Option<String>,
    /// Whom the paper is for, if it is addressed to one person.
    pub recipient: Option<String>,
    /// A safe file name without extension: `giay-moi-01-gm-du-dinh-thi-lan-duyen`.
    pub file_stem: String,
}

impl PaperMeta {
    /// Metadata of a paper of `kind` titled `title`; the file name follows from the kind's
    /// title, the number and the recipient (or `stem`, when given, for papers that carry no
    /// number and must still be told apart).
    pub(crate) fn new(
        kind: DocumentKind,
        about: About,
        title: String,
        subject: String,
        author: &str,
        date: Date,
        number: Option<&DocNumber>,
    ) -> PaperMeta {
        let number = number.map(DocNumber::symbol);
        let mut stem = String::from(kind.title());
        if let Some(n) = &number {
            stem.push(' ');
            stem.push_str(n);
        }
        PaperMeta {
            kind,
            about,
            title,
            subject,
            author: author.to_string(),
            date,
            file_stem: safe_file_stem(&stem),
            number,
            recipient: None,
        }
    }

    /// Names the recipient, who also ends the file name.
    pub(crate) fn for_recipient(mut self, recipient: String) -> PaperMeta {
        self.file_stem = safe_file_stem(&format!("{} {recipient}", self.file_stem));
        self.recipient = Some(recipient);
        self
    }

    /// Replaces the file name (for papers without a number that must be told apart).
    pub(crate) fn with_stem(mut self, stem: &str) -> PaperMeta {
        self.file_stem = safe_file_stem(stem);
        self
    }

    /// Creation time, RFC 3339, from the paper's date (never the clock).
    pub fn created(&self) -> String {
        format!("{}T00:00:00Z", self.date)
    }

    /// A stable identifier: the same paper gets the same id.
    pub fn id(&self) -> String {
        let source = format!(
            "{}|{}|{}|{}",
            self.kind.name(),
            self.number.as_deref().unwrap_or(""),
            self.date,
            self.title
        );
        format!("{:016x}", fnv1a(source.as_bytes()))
    }

    /// "invitation for Đinh Thị Lan Duyên" / "programme": how errors name the paper.
    pub fn label(&self) -> String {
        match &self.recipient {
            Some(r) => format!("{} for {r}", self.kind.name()),
            None => self.kind.name().to_string(),
        }
    }
}

/// The numbers of the congress's papers, for a paper that cites another ("theo Biên bản kiểm
/// phiếu số 02-BB/ĐH").
pub(crate) struct PaperNumbers<'a> {
    lookup: &'a dyn Fn(DocumentKind, About) -> Option<DocNumber>,
}

impl<'a> PaperNumbers<'a> {
    /// Numbers looked up with `lookup`.
    pub fn new(lookup: &'a dyn Fn(DocumentKind, About) -> Option<DocNumber>) -> Self {
        PaperNumbers { lookup }
    }

    /// The number of the paper of `kind` about `about`, if it is numbered.
    pub fn of(&self, kind: DocumentKind, about: About) -> Option<DocNumber> {
        (self.lookup)(kind, about)
    }
}

/// How the papers of one kind are made: which the congress has, and each one from its item.
pub(crate) struct Builder {
    /// Every paper of the kind the congress has, before it is built.
    pub items: fn(&Congress) -> Vec<Item>,
    /// One paper from its item (numbered by then).
    pub build: fn(&Congress, &Item, &PaperNumbers) -> Result<Paper>,
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
    /// A sequence replacing the kind's (the vote-count minutes of the new committee's first
    /// session are numbered in its sequence, not the congress's).
    pub sequence: Option<Sequence>,
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
            sequence: None,
            number: None,
        }
    }

    /// Pins the number given at `path`, if any.
    pub fn pin(mut self, pin: Option<u32>, path: Path) -> Item {
        self.pin = pin.map(|n| (n, path));
        self
    }

    /// Replaces the kind's sequence.
    pub fn sequence(mut self, sequence: Sequence) -> Item {
        self.sequence = Some(sequence);
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

/// The data a template reads: a typed view, serialized when the paper is rendered.
pub(crate) trait View: Send + Sync + std::fmt::Debug {
    /// The view as the template's context.
    fn context(&self) -> serde_json::Result<serde_json::Value>;
}

impl<T: Serialize + Send + Sync + std::fmt::Debug> View for T {
    fn context(&self) -> serde_json::Result<serde_json::Value> {
        serde_json::to_value(self)
    }
}

/// One paper of a congress, ready to render: its metadata and the view its template reads.
///
/// Get papers from a congress with [`DocumentKind::papers`] or [`DocumentKind::paper`]; render
/// them with [`Engine::render`](crate::Engine::render).
#[derive(Debug)]
pub struct Paper {
    meta: PaperMeta,
    view: Box<dyn View>,
    conventions: Conventions,
}

impl Paper {
    /// A paper from its metadata and view.
    pub(crate) fn new(meta: PaperMeta, view: impl View + 'static) -> Paper {
        Paper {
            meta,
            view: Box::new(view),
            conventions: Conventions {
                cite: Citations::of(RuleSet::default()),
                format: Format::defaults(RuleSet::default()),
                own_phrases: Vec::new(),
            },
        }
    }

    /// The paper following `conventions` (its congress's texts and format), which its
    /// template reads at the root (`@root.cite`, `@root.format`).
    pub(crate) fn following(mut self, conventions: Conventions) -> Paper {
        // The title the file, the manifest and the service show follows the spelling too.
        self.meta.title = conventions.spell(&self.meta.title, str::to_string);
        self.meta.subject = conventions.spell(&self.meta.subject, str::to_string);
        self.conventions = conventions;
        self
    }

    /// The texts and format it follows.
    pub(crate) fn conventions(&self) -> &Conventions {
        &self.conventions
    }

    /// Its metadata.
    pub fn meta(&self) -> &PaperMeta {
        &self.meta
    }

    /// Its kind.
    pub fn kind(&self) -> DocumentKind {
        self.meta.kind
    }

    /// The template's context.
    pub(crate) fn context(&self) -> Result<serde_json::Value> {
        let fail = |e: serde_json::Error| {
            Error::new(ErrorKind::Json, "cannot serialise the paper's view")
                .with_source(e)
                .with_document(self.meta.label())
        };
        let mut value = self.view.context().map_err(fail)?;
        if let serde_json::Value::Object(map) = &mut value {
            map.insert(
                "cite".to_string(),
                serde_json::to_value(self.conventions.cite.as_of(self.meta.date)).map_err(fail)?,
            );
            map.insert(
                "format".to_string(),
                serde_json::to_value(&self.conventions.format).map_err(fail)?,
            );
        }
        Ok(value)
    }
}

fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= *b as u64;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// A file name from any text: Vietnamese letters folded to ASCII, lower case, words joined
/// with '-', at most 100 characters; never empty, never a path.
pub(crate) fn safe_file_stem(text: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let mut out = String::new();
    let mut dash = false;
    for c in text.nfd() {
        let c = match c {
            'đ' | 'Đ' => 'd',
            c if unicode_normalization::char::is_combining_mark(c) => continue,
            c => c,
        };
        if c.is_ascii_alphanumeric() {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.push(c.to_ascii_lowercase());
        } else {
            dash = true;
        }
        if out.len() >= 100 {
            break;
        }
    }
    if out.is_empty() {
        out.push_str("document");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_stems_are_safe_ascii() {
        assert_eq!(
            safe_file_stem("Giấy mời 01-GM/ĐU Đinh Thị Lan Duyên"),
            "giay-moi-01-gm-du-dinh-thi-lan-duyen"
        );
        assert_eq!(safe_file_stem("../../etc/passwd"), "etc-passwd");
        assert_eq!(safe_file_stem("中文"), "document");
        assert!(safe_file_stem(&"Nguyễn ".repeat(100)).len() <= 100);
    }

    #[test]
    fn abouts_name_their_place_in_the_file() {
        assert_eq!(About::Guest { guest: 2 }.path(), "guests[2]");
        assert_eq!(
            About::Round {
                election: 1,
                round: 0
            }
            .path(),
            "elections[1].rounds[0]"
        );
    }
}
