use super::*;
use crate::markup::style::StyleSheet;

fn resolve_str(markup: &str) -> Result<Document> {
    let fonts = FontSet::bundled().unwrap();
    let styles = StyleSheet::default();
    let ctx = ResolveContext {
        styles: &styles,
        fonts: &fonts,
        template: "test",
    };
    resolve(markup, &ctx, Meta::default())
}

#[test]
fn white_space_collapses_like_html() {
    let doc = resolve_str(
        "<document>\n  <p style=\"body\">\n   Kính  gửi:\n  <b>Đồng chí</b>  A <br/>  B  </p></document>",
    )
    .unwrap();
    let Block::Paragraph(p) = &doc.blocks[0] else {
        panic!()
    };
    assert_eq!(p.text(), "Kính gửi: Đồng chí A\nB");
    assert_eq!(p.align, Align::Justify);
    assert_eq!(p.first_line_indent, 36.0);
}

#[test]
fn escaped_user_text_prints_literally() {
    let doc = resolve_str("<document><p>&lt;b&gt;Nguyễn &amp; {{x}}&lt;/b&gt;</p></document>")
        .unwrap();
    assert_eq!(doc.plain_text(), "<b>Nguyễn & {{x}}</b>\n");
}

#[test]
fn rule_width_text_measures_the_heading() {
    let doc = resolve_str(
        "<document><p style=\"heading\">ĐẢNG CỘNG SẢN VIỆT NAM</p><rule width=\"text\"/></document>",
    )
    .unwrap();
    let Block::Rule(rule) = &doc.blocks[1] else {
        panic!()
    };
    // Times New Roman bold 15 pt: the heading is about 200 pt wide.
    assert!(rule.width > 180.0 && rule.width < 230.0, "{}", rule.width);
}

#[test]
fn columns_accept_percent_length_and_star() {
    let doc = resolve_str(
        "<document><table columns=\"10%,20mm,*\"><row><cell/><cell/><cell/></row></table></document>",
    )
    .unwrap();
    let Block::Table(t) = &doc.blocks[0] else {
        panic!()
    };
    let w = doc.page.text_width();
    assert!((t.width() - w).abs() < 0.01);
    assert!((t.columns[0] - w * 0.1).abs() < 0.01);
}

#[test]
fn errors_name_the_line_and_what_was_expected() {
    let err = resolve_str("<document>\n<p>a</p>\n<q>b</q></document>").unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Markup);
    assert_eq!(err.location().unwrap().line, Some(3));
    assert!(err.to_string().contains("unexpected <q>"), "{err}");

    let err = resolve_str("<document><p>a &amp b</p></document>").unwrap_err();
    assert!(err.to_string().contains("invalid markup"), "{err}");

    let err = resolve_str("<document><p style=\"nope\">a</p></document>").unwrap_err();
    assert!(err.to_string().contains("unknown style `nope`"), "{err}");
}

fn first_paragraph(doc: &Document) -> &Paragraph {
    doc.blocks
        .iter()
        .find_map(|b| match b {
            Block::Paragraph(p) => Some(p),
            _ => None,
        })
        .unwrap()
}

#[test]
fn hang_makes_continuation_lines_start_under_the_text_after_it() {
    let doc = resolve_str(
        "<document><p style=\"addressee\"><i>Kính gửi:</i> <hang/>Đồng chí Đinh Thị Lan Duyên, \
         Phó Bí thư Thường trực Quận uỷ Hai Bà Trưng, Trưởng ban Tổ chức</p></document>",
    )
    .unwrap();
    let p = first_paragraph(&doc);
    let fonts = FontSet::bundled().unwrap();
    let label = fonts.face(Face::Italic).measure("Kính gửi:\u{a0}", 14.0);
    assert!((p.indent_left - label).abs() < 0.01, "{}", p.indent_left);
    assert!((p.first_line_indent + label).abs() < 0.01);
    assert_eq!(
        p.align,
        Align::Left,
        "a centred line that wraps hangs from the left"
    );
    let Inline::Text(first) = &p.inlines[0] else {
        panic!()
    };
    assert_eq!(
        first.text, "Kính gửi:\u{a0}",
        "the space before the marker never breaks"
    );

    // A line that fits stays centred.
    let doc = resolve_str(
        "<document><p style=\"addressee\"><i>Kính gửi:</i> <hang/>Đồng chí An</p></document>",
    )
    .unwrap();
    assert_eq!(first_paragraph(&doc).align, Align::Center);

    let err = resolve_str("<document><p>a<br/>b <hang/>c</p></document>").unwrap_err();
    assert!(err.to_string().contains("<hang/>"), "{err}");
}

#[test]
fn a_table_kept_with_previous_takes_two_lines_or_the_last_two_rows_along() {
    let sig = "<table columns=\"party\" keep-with-previous=\"true\"><row><cell/><cell/><cell>\
               <p>T/M ĐẢNG UỶ</p></cell></row></table>";
    // A one-line paragraph is not enough: the one before it is kept too.
    let doc = resolve_str(&format!(
        "<document><p>a</p><p>b</p><p>c</p>{sig}</document>"
    ))
    .unwrap();
    let keeps: Vec<bool> = doc
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Paragraph(p) => Some(p.keep_with_next),
            _ => None,
        })
        .collect();
    assert_eq!(keeps, [false, true, true]);
    // After a table, its last two rows go along (LibreOffice keeps a one-row table of them
    // with what follows only when it has two rows or more).
    let doc = resolve_str(&format!(
        "<document><table columns=\"*\"><row><cell><p>r1</p></cell></row>\
         <row><cell><p>r2</p></cell></row></table>{sig}</document>"
    ))
    .unwrap();
    let Block::Table(t) = &doc.blocks[0] else {
        panic!()
    };
    let kept = |r: usize| match &t.rows[r].cells[0].blocks[0] {
        Block::Paragraph(p) => p.keep_with_next,
        _ => false,
    };
    assert!(kept(0) && kept(1));
    // The party grid: 77 mm, the rest, 86 mm.
    let Block::Table(grid) = &doc.blocks[1] else {
        panic!()
    };
    assert!((grid.columns[0] - mm(77.0)).abs() < 0.01);
    assert!((grid.columns[2] - mm(86.0)).abs() < 0.01);
}

#[test]
fn a_note_kept_with_previous_takes_the_last_rows_of_its_table_along() {
    // The note under a table (its legend) is three lines: the signature after it takes only
    // the note, and without its own keep the table's rows would stay behind on another page.
    let sig = "<table columns=\"party\" keep-with-previous=\"true\"><row><cell/><cell/><cell>\
               <p>T/M BAN THƯỜNG VỤ</p></cell></row></table>";
    let rows = "<row><cell><p>TT</p></cell></row><row><cell><p>r1</p></cell></row>\
                <row><cell><p>r2</p></cell></row><row><cell><p>r3</p></cell></row>";
    let note = "Ghi chú: tỷ lệ tính trên tổng số người được triệu tập của từng bước. ".repeat(6);
    let kept_rows = |keep: &str| {
        let doc = resolve_str(&format!(
            "<document><table columns=\"*\" header-rows=\"1\">{rows}</table>\
             <p{keep}>{note}</p>{sig}</document>"
        ))
        .unwrap();
        let Block::Table(t) = &doc.blocks[0] else {
            panic!()
        };
        let Block::Paragraph(p) = &doc.blocks[1] else {
            panic!()
        };
        assert!(p.keep_with_next, "the note stays with the signature");
        t.rows
            .iter()
            .map(|r| matches!(&r.cells[0].blocks[0], Block::Paragraph(p) if p.keep_with_next))
            .collect::<Vec<_>>()
    };
    assert_eq!(kept_rows(""), [false, false, false, false]);
    assert_eq!(
        kept_rows(" keep-with-previous=\"true\""),
        [false, false, true, true],
        "the last two body rows go with the note"
    );
    let err = resolve_str("<document><p keep-with-previous=\"maybe\">a</p></document>").unwrap_err();
    assert!(err.to_string().contains("keep-with-previous"), "{err}");
}

#[test]
fn orientation_turns_the_page_and_auto_turns_it_only_for_a_table_that_does_not_fit() {
    let doc = resolve_str("<document orientation=\"landscape\"><p>a</p></document>").unwrap();
    assert!(doc.page.is_landscape());
    assert!((doc.page.width - mm(297.0)).abs() < 0.01);
    let narrow = |word: &str| {
        format!(
            "<document orientation=\"auto\"><table columns=\"10%,*\"><row><cell><p>{word}</p>\
             </cell><cell/></row></table></document>"
        )
    };
    assert!(!resolve_str(&narrow("45")).unwrap().page.is_landscape());
    let wide = resolve_str(&narrow("45&#160;(100,00%)")).unwrap();
    assert!(wide.page.is_landscape(), "10% of portrait is too narrow");
    let err = resolve_str("<document orientation=\"sideways\"/>").unwrap_err();
    assert!(err.to_string().contains("orientation"), "{err}");
}

#[test]
fn a_line_separator_in_the_data_is_a_line_break_and_names_stay_together_in_upper_case() {
    let doc = resolve_str(
        "<document><p case=\"upper\" keep-names=\"true\">Chi bộ Trường THPT Đoàn Kết\u{2028}Hai Bà Trưng</p></document>",
    )
    .unwrap();
    let p = first_paragraph(&doc);
    assert_eq!(
        p.inlines,
        vec![
            Inline::Text(TextRun {
                text: "CHI BỘ TRƯỜNG\u{a0}THPT ĐOÀN\u{a0}KẾT".into(),
                style: RunStyle::regular(14.0)
            }),
            Inline::Break,
            Inline::Text(TextRun {
                text: "HAI\u{a0}BÀ\u{a0}TRƯNG".into(),
                style: RunStyle::regular(14.0)
            }),
        ]
    );
    let err = resolve_str("<document><p case=\"title\">a</p></document>").unwrap_err();
    assert!(err.to_string().contains("case must be"), "{err}");
}

#[test]
fn a_name_widens_its_column_from_room_nobody_needs_and_prose_keeps_its_share() {
    // A programme's grid (issue 9): a narrow column of figures with room to spare, a column of
    // prose, a column whose name is wider than drawn, and an empty column to sign in.
    let prose = "Báo cáo tổng kết nhiệm kỳ 2015 – 2020; phương hướng, nhiệm vụ nhiệm kỳ 2020 – 2025 của Chi bộ";
    let doc = resolve_str(&format!(
        "<document><table columns=\"25%,25%,20%,30%\" borders=\"true\" header-rows=\"1\">\
         <row><cell><p>Giờ</p></cell><cell><p>Nội dung</p></cell><cell><p>Người</p></cell><cell><p>Ký</p></cell></row>\
         <row><cell><p>7h15’</p></cell><cell><p>{prose}</p></cell>\
         <cell><p>Đồng chí Nguyễn Thị Minh Nguyệt</p></cell><cell><p/></cell></row>\
         </table></document>"
    ))
    .unwrap();
    let Block::Table(t) = &doc.blocks[0] else {
        panic!()
    };
    let w = doc.page.text_width();
    // The name's column is widened; the figures' column gave what it did not need …
    assert!(t.columns[2] > w * 0.2 + 1.0, "{:?}", t.columns);
    assert!(t.columns[0] < w * 0.25 - 1.0, "{:?}", t.columns);
    // … the prose kept (and took) room, and the empty column kept its room to sign.
    assert!(t.columns[1] >= w * 0.25 - 0.01, "{:?}", t.columns);
    assert!((t.columns[3] - w * 0.3).abs() < 0.01, "{:?}", t.columns);
    assert!((t.width() - w).abs() < 0.05);
}

/// The typography of a text is kept per thread by its text and the paragraph's flags: the same
/// words in an upper-cased, a centred and a plain paragraph each get their own, whichever
/// came first.
#[test]
fn the_same_text_in_another_kind_of_paragraph_is_typeset_anew() {
    let text = |markup: &str| {
        let doc = resolve_str(markup).unwrap();
        let Block::Paragraph(p) = &doc.blocks[0] else {
            panic!()
        };
        p.inlines
            .iter()
            .map(|i| match i {
                Inline::Text(run) => run.text.as_str(),
                Inline::Break => "\n",
            })
            .collect::<String>()
            .replace('\u{a0}', "~")
    };
    let plain = "<document><p>Đảng bộ phường Bạch Mai nhiệm kỳ 2020 – 2025</p></document>";
    let upper =
        "<document><p case=\"upper\">Đảng bộ phường Bạch Mai nhiệm kỳ 2020 – 2025</p></document>";
    let centred =
        "<document><p align=\"center\">Đảng bộ phường Bạch Mai nhiệm kỳ 2020 – 2025</p></document>";
    let expected = [
        "ĐẢNG BỘ PHƯỜNG BẠCH~MAI NHIỆM~KỲ 2020~–~2025",
        "Đảng bộ phường Bạch~Mai nhiệm~kỳ 2020~–~2025",
        // Centred, "nhiệm kỳ" goes with the years.
        "Đảng bộ phường Bạch~Mai nhiệm~kỳ~2020~–~2025",
    ];
    let markups = [upper, plain, centred];
    for order in [[0, 1, 2], [2, 1, 0], [1, 2, 0]] {
        for i in order {
            assert_eq!(text(markups[i]), expected[i]);
        }
    }
}

/// The runs' text with no-break spaces shown as `~`.
fn shown(p: &Paragraph) -> String {
    p.inlines
        .iter()
        .map(|i| match i {
            Inline::Text(run) => run.text.replace('\u{a0}', "~"),
            Inline::Break => "\n".to_string(),
        })
        .collect()
}

#[test]
fn a_title_that_wraps_keeps_its_last_word_with_the_one_before() {
    let long = "Kết quả giới thiệu nhân sự tái cử tham gia Ban Chấp hành Đảng bộ phường Bạch Mai \
                nhiệm kỳ 2020 – 2025 qua các <b>bước</b>";
    let doc = resolve_str(&format!("<document><p style=\"summary\">{long}</p></document>")).unwrap();
    assert!(shown(first_paragraph(&doc)).ends_with(" qua các~bước"), "{}", shown(first_paragraph(&doc)));
    // One line: nothing to keep.
    let doc = resolve_str("<document><p style=\"summary\">qua các bước</p></document>").unwrap();
    assert_eq!(shown(first_paragraph(&doc)), "qua các bước");
    // Ending with words already kept together: "… XXIV, / nhiệm kỳ 2020 – 2025" stays possible.
    let doc = resolve_str(
        "<document><p style=\"summary\">Đại hội đại biểu Đảng bộ phường Bạch Mai lần thứ XXIV, \
         nhiệm kỳ 2020 – 2025 và những điều khác nữa cho dài dòng</p></document>",
    )
    .unwrap();
    assert!(shown(first_paragraph(&doc)).ends_with("cho dài~dòng"));
    let doc = resolve_str(
        "<document><p style=\"summary\">Đại hội đại biểu Đảng bộ phường Bạch Mai lần thứ XXIV \
         của những người rất xa xôi, nhiệm kỳ 2020 – 2025</p></document>",
    )
    .unwrap();
    assert!(
        shown(first_paragraph(&doc)).ends_with("xa xôi, nhiệm~kỳ~2020~–~2025"),
        "{}",
        shown(first_paragraph(&doc))
    );
    // Not in a table's cell (a wider unit would widen its column), nor in a left-aligned paragraph.
    let doc = resolve_str(&format!(
        "<document><table columns=\"40mm,*\"><row><cell><p style=\"summary\">{long}</p></cell>\
         <cell/></row></table><p>{long}</p></document>"
    ))
    .unwrap();
    let Block::Table(t) = &doc.blocks[0] else { panic!() };
    let Block::Paragraph(cell) = &t.rows[0].cells[0].blocks[0] else { panic!() };
    assert!(shown(cell).ends_with(" qua các bước"), "{}", shown(cell));
    let Block::Paragraph(plain) = &doc.blocks[1] else { panic!() };
    assert!(shown(plain).ends_with(" các bước"), "{}", shown(plain));
}
