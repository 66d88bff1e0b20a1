//! The CSV writer behind the class view's export: RFC 4180 quoting, CRLF
//! line ends and a UTF-8 byte-order mark, so a spreadsheet opens the file
//! with Chinese names intact; and the `data:` URL the download link uses.
//!
//! Cells that a spreadsheet would run as a formula (starting with `=`,
//! `+`, `-`, `@`, a tab or a carriage return) get a leading `'`: a name
//! typed by a learner is data, never a formula. Pure string building.

use crate::quiz::text::percent_encode;

/// The byte-order mark that tells spreadsheets the file is UTF-8.
pub const BOM: &str = "\u{feff}";

/// `rows` as a CSV file, BOM first.
pub fn write(rows: &[Vec<String>]) -> String {
    let mut out = String::from(BOM);
    for row in rows {
        for (i, cell) in row.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            push_cell(&mut out, cell);
        }
        out.push_str("\r\n");
    }
    out
}

fn push_cell(out: &mut String, cell: &str) {
    let formula = cell.starts_with(['=', '+', '-', '@', '\t', '\r'])
        // A negative number is a number, not a formula.
        && !(cell.len() > 1 && cell.starts_with('-') && cell[1..].bytes().all(|b| b.is_ascii_digit()));
    let quote = formula || cell.contains([',', '"', '\n', '\r']);
    if quote {
        out.push('"');
    }
    if formula {
        out.push('\'');
    }
    for c in cell.chars() {
        if c == '"' {
            out.push('"');
        }
        out.push(c);
    }
    if quote {
        out.push('"');
    }
}

/// A `data:` URL holding `csv`, for a download link.
pub fn data_url(csv: &str) -> String {
    format!(
        "data:text/csv;charset=utf-8,{}",
        percent_encode(csv.as_bytes())
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::quiz::text::percent_decode;

    fn row(cells: &[&str]) -> Vec<String> {
        cells.iter().map(|c| c.to_string()).collect()
    }

    #[test]
    fn quotes_only_what_needs_it() {
        let csv = write(&[
            row(&["name", "Q1", "total"]),
            row(&["王小明", "1", "2.5"]),
            row(&["Lee, Ana", "say \"hi\"", "two\nlines"]),
        ]);
        assert_eq!(
            csv,
            "\u{feff}name,Q1,total\r\n王小明,1,2.5\r\n\"Lee, Ana\",\"say \"\"hi\"\"\",\"two\nlines\"\r\n"
        );
        assert!(csv.as_bytes().starts_with(&[0xef, 0xbb, 0xbf]));
    }

    #[test]
    fn formulas_and_markup_stay_text() {
        let csv = write(&[row(&[
            "=HYPERLINK(\"x\")",
            "+1",
            "@SUM(A1)",
            "-7",
            "<img src=x onerror=alert(1)>",
        ])]);
        assert_eq!(
            csv,
            "\u{feff}\"'=HYPERLINK(\"\"x\"\")\",\"'+1\",\"'@SUM(A1)\",-7,<img src=x onerror=alert(1)>\r\n"
        );
    }

    #[test]
    fn the_data_url_carries_the_bytes() {
        let csv = write(&[row(&["名字", "a b"])]);
        let url = data_url(&csv);
        let body = url
            .strip_prefix("data:text/csv;charset=utf-8,")
            .expect("prefix");
        assert!(body.starts_with("%EF%BB%BF"));
        assert_eq!(percent_decode(body).as_deref(), Some(csv.as_str()));
    }
}
