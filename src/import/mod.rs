//! Lists from a spreadsheet (feature `import`): people, guests, candidates and delegates read
//! from an `.xlsx`, `.ods` or `.csv` sheet with a header row ("Họ và tên", "Chức vụ", …), and
//! added to a congress file without touching anything else in it.
//!
//! [`read_sheet`] turns the sheet into entries in the congress file's own shape, keeping every
//! good row and reporting every bad one by its row number and column; [`merge()`] adds them to the
//! file's text, keeping the order and content of everything that was there. Both are pure (no
//! I/O) and never panic on user data. `daihoi import` and `POST /api/import` use them.

mod list;
mod merge;
mod read;
mod sheet;

pub use list::{Imported, ImportedEntry, ListKind, SheetProblem};
pub use merge::{merge, Merged};
pub use read::read_sheet;

#[cfg(test)]
mod tests {
    use super::merge::person_key;
    use super::read::{column_letter, parse_date, split_name};
    use super::sheet::{excel_date, parse_csv, Cell};
    use crate::vi::PersonName;

    #[test]
    fn a_full_name_splits_into_family_middle_and_given_name() {
        let n = split_name("Nguyễn Thị Thu Hà").unwrap();
        assert_eq!(
            (n.ho.as_str(), n.dem.as_str(), n.ten.as_str()),
            ("Nguyễn", "Thị Thu", "Hà")
        );
        let n = split_name("Lê Vinh").unwrap();
        assert_eq!(
            (n.ho.as_str(), n.dem.as_str(), n.ten.as_str()),
            ("Lê", "", "Vinh")
        );
        assert!(split_name("Vinh").unwrap_err().contains("one word"));
    }

    #[test]
    fn excel_serials_and_written_dates_become_iso_dates() {
        assert_eq!(excel_date(43_909.0).as_deref(), Some("2020-03-19"));
        assert_eq!(parse_date("12/04/1968").as_deref(), Some("1968-04-12"));
        assert_eq!(parse_date("2/9/1990").as_deref(), Some("1990-09-02"));
        assert_eq!(parse_date("1990-09-02").as_deref(), Some("1990-09-02"));
        assert_eq!(parse_date("31/02/1990"), None);
    }

    #[test]
    fn column_letters_go_past_z() {
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(25), "Z");
        assert_eq!(column_letter(26), "AA");
    }

    #[test]
    fn a_key_is_the_name_without_marks() {
        assert_eq!(
            person_key(&PersonName::new("Đặng", "Văn", "Toàn")),
            "dang-van-toan"
        );
    }

    #[test]
    fn csv_fields_may_be_quoted_with_commas_and_quotes_inside() {
        let rows = parse_csv("Họ và tên,Chức vụ\r\n\"Lê Vinh\",\"Bí thư, \"\"Chủ tịch\"\"\"\n");
        assert_eq!(rows[1][1], Cell::Text("Bí thư, \"Chủ tịch\"".into()));
    }
}
