//! Chương trình đại hội — the programme (SPEC §4.4): the agenda of each session as a table of
//! time, content, who introduces and who performs, made from the congress's agenda.

use serde::Serialize;

use super::paper::{About, Item, Paper, PaperMeta, PaperNumbers};
use super::parts::{
    committee_office, convening_cell_body, office_line, Header, SessionTime, Signature,
};
use crate::congress::{AgendaItem, Congress, HeldBy, Participant, Proceedings, StepKind};
use crate::error::Result;
use crate::registry::DocumentKind;
use crate::rules::CongressKind;
use crate::vi::{Date, Time};

/// One row of the programme.
#[derive(Debug, Serialize)]
struct ProgrammeItem {
    /// When it starts, if the agenda says.
    time: Option<Time>,
    /// Nội dung.
    content: String,
    /// Người giới thiệu — may be empty.
    presenter: String,
    /// Người thực hiện — may be empty.
    performer: String,
}

/// The programme of one session.
#[derive(Debug, Serialize)]
struct ProgrammeSession {
    /// "Phiên trù bị", "Phiên chính thức", or empty when the congress has one session.
    label: String,
    date: Date,
    start: Time,
    end: Option<Time>,
    items: Vec<ProgrammeItem>,
}

/// The programme's view (`templates/programme.hbs`).
#[derive(Debug, Serialize)]
struct Programme {
    /// The organisation over the congress, "Số 01-CTr/ĐH".
    header: Header,
    /// The congress's full name (the summary under the title).
    congress: String,
    venue: String,
    sessions: Vec<ProgrammeSession>,
    /// T/M ĐOÀN CHỦ TỊCH (or the chair of a small congress).
    signature: Signature,
    /// The agenda gives times: the "Thời gian" column is printed.
    has_times: bool,
}

/// The programme, when the congress records its proceedings.
pub(crate) fn items(c: &Congress) -> Vec<Item> {
    match &c.proceedings {
        Some(p) => vec![Item::new(About::Congress, c.first_day()).pin(
            p.programme_number,
            crate::error::Path::from("proceedings.programme_number"),
        )],
        None => Vec::new(),
    }
}

pub(crate) fn build(congress: &Congress, item: &Item, _: &PaperNumbers) -> Result<Paper> {
    let number = item.number.clone();
    {
        let p = congress.proceedings()?;
        let mut sessions = Vec::new();
        for agenda in congress.agenda() {
            let Some(s) = congress.sessions.iter().find(|s| s.kind == agenda.session) else {
                continue;
            };
            let items: Vec<ProgrammeItem> = agenda
                .items
                .iter()
                .map(|item| programme_item(congress, p, item))
                .collect();
            // The range in the heading covers every item.
            let start = s.announced_from(agenda.items.iter().filter_map(|i| i.time));
            sessions.push(ProgrammeSession {
                label: SessionTime::label(congress, s),
                date: s.date,
                start,
                end: s.end,
                items,
            });
        }
        let header = Header::congress(congress, number, congress.first_day());
        let meta = PaperMeta::new(
            DocumentKind::Programme,
            item.about,
            format!("Chương trình {}", congress.name()),
            congress.name(),
            &header.issuer,
            header.date,
            header.number.as_ref(),
        );
        let has_times = sessions
            .iter()
            .flat_map(|s: &ProgrammeSession| &s.items)
            .any(|i| i.time.is_some());
        Ok(Paper::new(
            meta,
            Programme {
                header,
                congress: congress.name(),
                venue: congress.venue.clone(),
                sessions,
                signature: Signature::presidium(p),
                has_times,
            },
        ))
    }
}

/// "Đồng chí Lê Thành Vinh".
fn comrade(p: &Participant) -> String {
    format!("Đồng chí {}", p.name.full())
}

/// "Đoàn Chủ tịch" or, for one person, "Chủ tịch Đại hội".
fn presidium_name(p: &Proceedings) -> &'static str {
    if p.presidium.len() > 1 {
        "Đoàn Chủ tịch"
    } else {
        "Chủ tịch Đại hội"
    }
}

/// What the congress adopts with `rules_vote`: its programme, its standing orders (Nội quy)
/// and, when it elects, its election rules — the papers it has. The programme, the script and
/// the minutes say the same words.
pub(crate) fn rules_adopted(c: &Congress) -> &'static str {
    if c.elections.is_empty() {
        "chương trình và nội quy của Đại hội"
    } else {
        "chương trình, nội quy và quy chế bầu cử của Đại hội"
    }
}

fn programme_item(congress: &Congress, p: &Proceedings, item: &AgendaItem) -> ProgrammeItem {
    let (content, presenter, performer) = default_item(congress, p, item);
    ProgrammeItem {
        time: item.time,
        content: item.content.clone().unwrap_or(content),
        presenter: item.presenter.clone().unwrap_or(presenter),
        performer: item.performer.clone().unwrap_or(performer),
    }
}

/// The standard wording of a step, who introduces it and who performs it.
fn default_item(
    congress: &Congress,
    p: &Proceedings,
    item: &AgendaItem,
) -> (String, String, String) {
    let host = comrade(&p.host);
    let presidium = presidium_name(p).to_string();
    let head = p.presidium.first().map(comrade).unwrap_or_default();
    let delegates = congress.kind == CongressKind::Delegates;
    match item.step {
        StepKind::Reception => {
            let mut s = String::from("Đón tiếp đại biểu");
            if !p.health_measures.is_empty() {
                s.push_str("; ");
                s.push_str(&p.health_measures.join(", "));
                s.push_str(" cho đại biểu");
            }
            (s, String::new(), "Ban Tổ chức".into())
        }
        StepKind::AttendanceCheck => (
            format!(
                "Kiểm tra số lượng {}, ổn định tổ chức",
                if delegates {
                    "đại biểu"
                } else {
                    "đảng viên"
                }
            ),
            String::new(),
            host,
        ),
        StepKind::FlagSalute => (
            "Chào cờ (hát Quốc ca, Quốc tế ca)".into(),
            host,
            "Ban Tổ chức".into(),
        ),
        StepKind::WorkingBodies => {
            let s = if delegates {
                "Bầu Đoàn Chủ tịch, Đoàn Thư ký, Ban Thẩm tra tư cách đại biểu"
            } else if p.presidium.len() > 1 || p.secretariat.len() > 1 {
                "Bầu Đoàn Chủ tịch, Đoàn Thư ký Đại hội"
            } else {
                "Bầu Chủ tịch, Thư ký Đại hội"
            };
            (s.into(), host, "Đại hội biểu quyết".into())
        }
        StepKind::Rules => (
            format!("Thông qua {}", rules_adopted(congress)),
            presidium,
            "Đại hội biểu quyết".into(),
        ),
        // The presidium runs the congress from its election on: the script has its head open
        // and close the congress without the host's introduction, and the programme says so.
        StepKind::Opening => (
            "Diễn văn khai mạc Đại hội; tuyên bố lý do, giới thiệu đại biểu".into(),
            presidium,
            head,
        ),
        StepKind::Credentials => {
            let vote = if p.credentials.is_some() {
                "; Đại hội biểu quyết thông qua Báo cáo"
            } else {
                ""
            };
            if delegates {
                (
                    format!("Báo cáo thẩm tra tư cách đại biểu{vote}"),
                    presidium,
                    p.credentials_committee
                        .first()
                        .map(comrade)
                        .unwrap_or_default(),
                )
            } else {
                (
                    format!("Báo cáo tình hình đảng viên dự Đại hội{vote}"),
                    presidium,
                    // The convening chi uỷ reports (QĐ 29-QĐ/TW mục 12.2), as a cell's
                    // programme has it: "Chi ủy đương nhiệm" (giamcanlamdep.com.vn, SPEC §4.4).
                    format!(
                        "{} (đồng chí {})",
                        convening_cell_body(congress),
                        congress.signer.name.full()
                    ),
                )
            }
        }
        StepKind::Report => {
            let r = item.index.and_then(|i| p.reports.get(i));
            (
                r.map(|r| r.title.clone()).unwrap_or_default(),
                presidium,
                r.map(|r| comrade(&r.presenter)).unwrap_or_default(),
            )
        }
        StepKind::Discussion => (
            "Thảo luận, tham luận về các văn kiện trình Đại hội".into(),
            presidium,
            if delegates {
                "Đại biểu dự Đại hội".into()
            } else {
                "Đảng viên dự Đại hội".into()
            },
        ),
        StepKind::SuperiorRemarks => {
            let who = p
                .superior_remarks
                .iter()
                .filter_map(|s| p.speaker(&congress.guests, s))
                .map(|x| comrade(&x))
                .collect::<Vec<_>>()
                .join("; ");
            let by = congress
                .organisation
                .superior_committee
                .clone()
                .unwrap_or_else(|| "cấp uỷ cấp trên".into());
            (
                format!("Phát biểu chỉ đạo của đồng chí lãnh đạo {by}"),
                presidium,
                who,
            )
        }
        StepKind::Election => {
            let e = item.index.and_then(|i| congress.elections.get(i));
            let office = e
                .map(|e| office_line(congress, &e.office))
                .unwrap_or_default();
            let seats = if e.is_some_and(|e| e.office.is_body()) {
                "biểu quyết số lượng; "
            } else {
                ""
            };
            (
                format!(
                    "Bầu {office}: {seats}ứng cử, đề cử; biểu quyết danh sách bầu cử; bỏ \
                     phiếu, kiểm phiếu, công bố kết quả"
                ),
                presidium.clone(),
                format!("{presidium}; Ban kiểm phiếu"),
            )
        }
        StepKind::FirstSession => {
            let committee = office_line(congress, &committee_office(congress));
            let offices: Vec<String> = congress
                .elections
                .iter()
                .filter(|e| e.held_by == HeldBy::NewCommittee)
                .map(|e| e.office.label())
                .collect();
            let chair = p
                .first_session
                .as_ref()
                .map(|f| comrade(&f.chair))
                .unwrap_or_default();
            (
                format!(
                    "Hội nghị lần thứ nhất {committee}: bầu {}",
                    offices.join(", ")
                ),
                presidium,
                chair,
            )
        }
        StepKind::Presentation => {
            let label = committee_office(congress).label();
            let secretary = congress
                .elected_secretary()
                .map(|s| format!("Đồng chí {}", s.name.full()))
                .unwrap_or_default();
            (
                format!(
                    "{label} khoá mới ra mắt Đại hội; công bố kết quả Hội nghị lần thứ nhất; \
                     đồng chí Bí thư phát biểu nhận nhiệm vụ"
                ),
                presidium,
                secretary,
            )
        }
        StepKind::Break => ("Nghỉ giải lao".into(), String::new(), String::new()),
        StepKind::Lunch => ("Nghỉ trưa".into(), String::new(), String::new()),
        StepKind::Resolution => (
            "Thông qua Nghị quyết Đại hội".into(),
            presidium,
            p.resolution
                .reader
                .as_ref()
                .or(p.secretariat.first())
                .map(comrade)
                .unwrap_or_default(),
        ),
        StepKind::Closing => ("Bế mạc Đại hội; chào cờ".into(), presidium, head),
        StepKind::Other => (String::new(), String::new(), String::new()),
    }
}
