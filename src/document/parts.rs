//! View pieces every paper shares — the header block, the signature block, a session as
//! announced, a "Căn cứ" reference — and the one place each is built from the record.

use serde::Serialize;

use crate::congress::{
    Congress, DocNumber, ElectionRecord, FirstSession, HeldBy, OrgKind, Participant,
    PersonnelRecord, Proceedings, Reference, ScheduleItem, Session, Signer,
};
use crate::rules::Office;
use crate::vi::{Date, Time};

/// The header block (layout cells 1–4): superior and issuing body on the left with the number,
/// "ĐẢNG CỘNG SẢN VIỆT NAM" and the place and date on the right (`partials/header`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct Header {
    /// A line above the superior body: the organisation over a congress's working body
    /// ("ĐẢNG BỘ PHƯỜNG BẠCH MAI / ĐẠI HỘI ĐẠI BIỂU … / BAN KIỂM PHIẾU").
    pub above: Option<String>,
    /// Cơ quan cấp trên, e.g. "Đảng bộ quận Hai Bà Trưng" (printed upper case).
    pub superior: String,
    /// Cơ quan ban hành, e.g. "Đảng uỷ phường Bạch Mai" (printed upper case, bold).
    pub issuer: String,
    /// The number, if the paper has one.
    pub number: Option<DocNumber>,
    /// Địa danh of the date line.
    pub place: String,
    /// The date of issue.
    pub date: Date,
}

impl Header {
    /// The convening committee's header: "ĐẢNG BỘ QUẬN HAI BÀ TRƯNG / ĐẢNG UỶ PHƯỜNG BẠCH MAI".
    pub fn committee(c: &Congress, number: Option<DocNumber>, date: Date) -> Header {
        Header {
            above: None,
            superior: c.organisation.superior.clone(),
            issuer: c.organisation.committee.clone(),
            number,
            place: c.organisation.place.clone(),
            date,
        }
    }

    /// The congress's own header (programme, minutes): the organisation over the congress line
    /// ("ĐẢNG BỘ PHƯỜNG BẠCH MAI / ĐẠI HỘI ĐẠI BIỂU …", SPEC §3.3).
    pub fn congress(c: &Congress, number: Option<DocNumber>, date: Date) -> Header {
        Header {
            above: None,
            superior: c.organisation.name.clone(),
            issuer: c.congress_line(),
            number,
            place: c.organisation.place.clone(),
            date,
        }
    }

    /// A working body's header: the organisation, the congress, the body ("ĐẢNG BỘ PHƯỜNG
    /// BẠCH MAI / ĐẠI HỘI ĐẠI BIỂU LẦN THỨ XXIV / BAN KIỂM PHIẾU").
    pub fn working_body(c: &Congress, body: &str, number: Option<DocNumber>, date: Date) -> Header {
        Header {
            above: Some(c.organisation.name.clone()),
            superior: c.congress_line(),
            issuer: body.to_string(),
            number,
            place: c.organisation.place.clone(),
            date,
        }
    }
}

/// The signature block: "T/M ĐẢNG UỶ / BÍ THƯ / Lê Thành Vinh" (`partials/signer`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct Signature {
    /// Thẩm quyền ký, e.g. "T/M ĐẢNG UỶ" (slashes, not the state "TM.").
    pub authority: String,
    /// Chức vụ, e.g. "BÍ THƯ" (no body name); may be empty.
    pub title: String,
    /// The signer's full name (no rank before it).
    pub name: String,
}

impl Signature {
    /// A block from its three lines.
    pub fn new(authority: &str, title: &str, name: String) -> Signature {
        Signature {
            authority: authority.to_string(),
            title: title.to_string(),
            name,
        }
    }

    /// The signer's block, as the record gives it ("Q. BÍ THƯ" for an acting head, with the
    /// congress's acting mark).
    pub fn of(c: &Congress, signer: &Signer) -> Signature {
        let title = signer.signing_title(&c.conventions().format.acting_mark);
        Signature::new(&signer.authority, &title, signer.name.full())
    }

    /// The convening committee's block.
    pub fn committee(c: &Congress) -> Signature {
        Signature::of(c, &c.signer)
    }

    /// The standing committee's block on the personnel papers: its signer, or the congress's
    /// signer "T/M BAN THƯỜNG VỤ".
    pub fn standing(c: &Congress, record: &PersonnelRecord) -> Signature {
        match &record.signer {
            Some(s) => Signature::of(c, s),
            None => Signature::new(
                "T/M BAN THƯỜNG VỤ",
                &c.signer.signing_title(&c.conventions().format.acting_mark),
                c.signer.name.full(),
            ),
        }
    }

    /// The first session's block: "T/M ĐOÀN CHỦ TỊCH HỘI NGHỊ" and its head, or "CHỦ TỊCH HỘI
    /// NGHỊ" when one person chairs (QĐ 29-QĐ/TW mục 15.1; T/M for a collective body, 36-HD
    /// point 1.7). Before a presidium is recorded, the convener.
    pub fn session_presidium(fs: &FirstSession) -> Signature {
        let authority = if fs.presidium.len() > 1 {
            "T/M ĐOÀN CHỦ TỊCH HỘI NGHỊ"
        } else {
            "CHỦ TỊCH HỘI NGHỊ"
        };
        let head = fs.presidium.first().unwrap_or(&fs.chair);
        Signature::new(authority, "", head.name.full())
    }

    /// The presidium's block: "T/M ĐOÀN CHỦ TỊCH" and its head, or "CHỦ TỊCH ĐẠI HỘI" when one
    /// person chairs (as the script calls them: a cell's congress has no presidium).
    pub fn presidium(p: &Proceedings) -> Signature {
        let authority = if p.presidium.len() > 1 {
            "T/M ĐOÀN CHỦ TỊCH"
        } else {
            "CHỦ TỊCH ĐẠI HỘI"
        };
        Signature::new(authority, "", first_name(&p.presidium))
    }

    /// The new committee's block on its papers to the superior: the committee's authority
    /// ("T/M ĐẢNG UỶ", "T/M CHI BỘ"), "BÍ THƯ" and the secretary elected; `None` until a
    /// secretary is elected.
    pub fn new_committee(c: &Congress) -> Option<Signature> {
        let secretary = c.secretary_name()?;
        Some(Signature::new(
            &c.signer.authority,
            "BÍ THƯ",
            secretary.full(),
        ))
    }

    /// The clerk's block: "THƯ KÝ" and the head of the secretariat.
    pub fn secretariat(p: &Proceedings) -> Signature {
        Signature::new("THƯ KÝ", "", first_name(&p.secretariat))
    }
}

fn first_name(list: &[Participant]) -> String {
    list.first().map(|x| x.name.full()).unwrap_or_default()
}

/// Someone named with their position (`{{name}}, {{title}}`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct Person {
    /// Full name.
    pub name: String,
    /// Position; may be empty.
    pub title: String,
}

impl From<&Participant> for Person {
    fn from(p: &Participant) -> Person {
        Person {
            name: p.name.full(),
            title: p.title.clone(),
        }
    }
}

impl From<&crate::congress::Guest> for Person {
    fn from(g: &crate::congress::Guest) -> Person {
        Person {
            name: g.name.full(),
            title: g.title.clone(),
        }
    }
}

/// A session as announced in invitations and summons.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct SessionTime {
    /// "Phiên trù bị", "Phiên chính thức", or empty for a single session.
    pub label: String,
    /// The day.
    pub date: Date,
    /// Start time.
    pub start: Time,
    /// Where the announced range begins: `start`, or the first item of `schedule` when it
    /// comes before (see `Session::announced_from`).
    pub from: Time,
    /// End time, if given.
    pub end: Option<Time>,
    /// "½ ngày", "cả ngày" — said before the date, if given.
    pub duration: Option<String>,
    /// The schedule of the session, if announced.
    pub schedule: Vec<ScheduleItem>,
}

impl SessionTime {
    /// "Phiên trù bị" / "Phiên chính thức" when the congress has more than one session, else
    /// empty.
    pub fn label(c: &Congress, s: &Session) -> String {
        if c.sessions.len() > 1 {
            s.kind.label().to_string()
        } else {
            String::new()
        }
    }

    /// Session `s` of `c`, labelled when the congress has more than one.
    pub fn of(c: &Congress, s: &Session) -> SessionTime {
        SessionTime {
            label: SessionTime::label(c, s),
            date: s.date,
            start: s.start,
            from: s.announced_from(s.schedule.iter().map(|i| i.start)),
            end: s.end,
            duration: s.duration.clone(),
            schedule: s.schedule.clone(),
        }
    }
}

/// A reference cited as the basis: "Căn cứ Kế hoạch số 01-KH/ĐU ngày 05/01/2020 …"
/// (`partials/basis`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct Basis {
    /// "Kế hoạch", "Chỉ thị" …
    pub kind: String,
    /// "01-KH/ĐU".
    pub symbol: String,
    /// Its date.
    pub date: Date,
    /// What follows the date; may be empty.
    pub about: String,
}

impl Basis {
    /// The bases of a paper of the personnel work — a step's summons, the Đề án nhân sự: the
    /// documents the personnel record cites ("Chỉ thị số 35-CT/TW …"), then the congress's own.
    pub fn of_personnel(c: &Congress) -> Vec<Basis> {
        let own = c.personnel.as_ref().map_or(&[][..], |p| p.bases.as_slice());
        Basis::all(own.iter().chain(&c.bases))
    }

    /// The bases of a list of references, in order.
    pub fn all<'a>(refs: impl IntoIterator<Item = &'a Reference>) -> Vec<Basis> {
        refs.into_iter()
            .map(|r| Basis {
                kind: r.kind.clone(),
                symbol: r.number.symbol(),
                date: r.date,
                about: r.about.trim().to_string(),
            })
            .collect()
    }
}

/// Whether a round of a cell's bí thư election is the third without one elected, after which
/// the superior committee designates one (SPEC §2.2 "Cells"; §4.1): no further round.
pub(crate) fn designation_due(
    c: &Congress,
    e: &crate::rules::Election,
    elected_none: bool,
) -> bool {
    e.office == Office::Secretary
        && e.round >= 3
        && elected_none
        && c.organisation.kind != crate::congress::OrgKind::GrassrootsPartyOrg
}

/// What an election elects, as papers name it: "Ban Chấp hành Đảng bộ phường Bạch Mai, nhiệm
/// kỳ 2020 – 2025"; the offices the committee elects under the committee's name ("Ban Thường
/// vụ Đảng uỷ phường Bạch Mai, …"); delegates as the office says ("đại biểu dự Đại hội …").
pub(crate) fn office_line(c: &Congress, office: &Office) -> String {
    office_line_of(c, office, None)
}

/// The same, naming the new committee by its khoá where the congress's ordinal is known, as
/// the papers after the elections do: "Ban Chấp hành Đảng bộ phường Bạch Mai khoá XXIV, nhiệm
/// kỳ 2020 – 2025", "Bí thư Đảng uỷ phường Bạch Mai khoá XXIV, nhiệm kỳ 2020 – 2025".
pub(crate) fn new_office_line(c: &Congress, office: &Office) -> String {
    office_line_of(c, office, new_khoa(c).as_deref())
}

/// The new committee's khoá: the congress's ordinal in Roman numerals ("XXIV": the congress
/// "lần thứ XXIV" elects the committee "khoá XXIV"; the outgoing one is "khoá XXIII").
pub(crate) fn new_khoa(c: &Congress) -> Option<String> {
    c.ordinal.and_then(|n| crate::vi::roman(u32::from(n)))
}

fn office_line_of(c: &Congress, office: &Office, khoa: Option<&str>) -> String {
    let body = match office {
        Office::Delegates { .. } => return office.label(),
        Office::ExecutiveCommittee | Office::CellCommittee => &c.organisation.name,
        _ => &c.organisation.committee,
    };
    match khoa {
        Some(k) => format!("{} {body} khoá {k}, {}", office.label(), c.term_text()),
        None => format!("{} {body}, {}", office.label(), c.term_text()),
    }
}

/// The meeting that holds an election, as its papers name it: the congress, or the first
/// session of the committee the congress elected.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct Meeting {
    /// "Đại hội" / "Hội nghị".
    pub noun: &'static str,
    /// Its full name: the congress's, or "Hội nghị lần thứ nhất Ban Chấp hành Đảng bộ phường
    /// Bạch Mai, nhiệm kỳ 2020 – 2025".
    pub name: String,
    /// Who votes: "đại biểu chính thức", "đảng viên chính thức", "uỷ viên Ban Chấp hành".
    pub voters: String,
    /// Held by the new committee at its first session.
    pub first_session: bool,
}

impl Meeting {
    /// The meeting of `e`.
    pub fn of(c: &Congress, e: &ElectionRecord) -> Meeting {
        match e.held_by {
            HeldBy::Congress => Meeting {
                noun: "Đại hội",
                name: c.name(),
                voters: c.kind.voters_label().to_string(),
                first_session: false,
            },
            HeldBy::NewCommittee => Meeting::first_session(c),
        }
    }

    /// The first session of the new committee.
    pub fn first_session(c: &Congress) -> Meeting {
        let office = committee_office(c);
        Meeting {
            noun: "Hội nghị",
            name: format!("Hội nghị lần thứ nhất {}", office_line(c, &office)),
            voters: format!("uỷ viên {}", office.label()),
            first_session: true,
        }
    }
}

/// Who convenes a members' congress and reports to it on the members attending (QĐ 29-QĐ/TW
/// mục 12.2: "cấp ủy triệu tập đại hội báo cáo với đại hội tình hình đảng viên tham dự"): the
/// outgoing chi uỷ of a cell that elects one, else the cell, through its bí thư. The signer is
/// the record's (`signer`, the outgoing bí thư).
pub(crate) fn convening_cell_body(c: &Congress) -> &'static str {
    if c.elections
        .iter()
        .any(|e| e.office == Office::CellCommittee)
    {
        "Chi uỷ"
    } else {
        "Chi bộ"
    }
}

/// The office of the committee the congress elects: its Ban Chấp hành, or a cell's chi uỷ.
pub(crate) fn committee_office(c: &Congress) -> Office {
    c.committee_election()
        .and_then(|i| c.elections.get(i))
        .map(|e| e.office.clone())
        .unwrap_or(match c.organisation.kind {
            OrgKind::GrassrootsPartyOrg => Office::ExecutiveCommittee,
            _ => Office::CellCommittee,
        })
}

/// The last "Nơi nhận" item: the office's file, or a cell's ("Lưu Chi bộ").
pub(crate) fn filed(c: &Congress) -> String {
    match c.organisation.kind {
        OrgKind::GrassrootsPartyOrg => "Lưu VP".to_string(),
        _ => "Lưu Chi bộ".to_string(),
    }
}

/// The items of a kind made once per election round.
pub(crate) fn round_items(c: &Congress) -> Vec<crate::document::paper::Item> {
    let mut out = Vec::new();
    for (i, e) in c.elections.iter().enumerate() {
        for (r, round) in e.rounds.iter().enumerate() {
            let path = crate::error::Path::root()
                .field("elections")
                .index(i)
                .field("rounds")
                .index(r)
                .field("minutes_number");
            let item = crate::document::paper::Item::new(
                crate::document::paper::About::Round {
                    election: i,
                    round: r,
                },
                e.date,
            )
            .pin(round.minutes_number, path);
            // The first session is held during the congress: its counts are numbered in the
            // congress's sequence (SPEC §3.4), not the new committee's, whose term begins the
            // day after the closing.
            out.push(item);
        }
    }
    out
}

/// Who reports to a members' congress on the members attending, for the convening chi uỷ
/// (Quy định 29-QĐ/TW mục 12.2): its bí thư, `signer`, named with their post as the presidium
/// lists it when they sit in it, else as the record gives it ([`post_of`]).
pub(crate) fn members_reporter(c: &Congress) -> Person {
    let name = &c.signer.name;
    let listed = c
        .proceedings
        .as_ref()
        .and_then(|p| p.presidium.iter().find(|x| x.name == *name));
    match listed {
        Some(x) => Person::from(x),
        None => Person {
            name: name.full(),
            title: post_of(c, name),
        },
    }
}

/// The post of `name` as the record gives it: its profile, else the list of the convened.
pub(crate) fn post_of(c: &Congress, name: &crate::vi::PersonName) -> String {
    if let Some(p) = c.candidates.iter().find(|p| &p.name == name) {
        return p.position.clone();
    }
    match c.convened.iter().find(|x| &x.name == name) {
        Some(x) if !x.title.is_empty() => x.title.clone(),
        Some(x) => x.unit.clone(),
        None => String::new(),
    }
}

/// Who a show of hands counts, as the papers say it: "đảng viên chính thức có mặt" when
/// probationary members are present (they do not vote, so "24/24" needs saying of whom), else
/// `otherwise` ("đại biểu", "đồng chí").
pub(crate) fn voting(a: &crate::congress::Attendance, otherwise: &'static str) -> &'static str {
    if a.probationary_present() > 0 {
        "đảng viên chính thức có mặt"
    } else {
        otherwise
    }
}

/// One group left out of the base of a count ("2 đại biểu chính thức vắng mặt có lý do chính
/// đáng được cấp uỷ đồng ý"), as the vote-count minutes and the script announce it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct ExclusionLine {
    pub label: String,
    pub count: u32,
}

impl ExclusionLine {
    /// The exclusions from the base of `e`, in the record's order.
    pub fn all(e: &crate::rules::Election) -> Vec<ExclusionLine> {
        e.denominator
            .exclusions
            .iter()
            .map(|x| ExclusionLine {
                label: x.kind.label_for(e.kind),
                count: x.count,
            })
            .collect()
    }
}

/// Full years of age on `day`.
pub(crate) fn age_on(birth: Date, day: Date) -> i32 {
    let mut age = day.year - birth.year;
    if (day.month, day.day) < (birth.month, birth.day) {
        age -= 1;
    }
    age
}
