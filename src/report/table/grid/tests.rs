use super::*;
use crate::report::RenderOptions;

fn style(width: usize) -> Style {
    Style::new(RenderOptions {
        width,
        color: false,
        csv_bom: false,
    })
}

fn drawn(grid: Grid) -> String {
    grid.table().trim_fmt()
}

fn assert_fits(out: &str, width: usize) {
    for line in out.lines() {
        assert!(
            display_width(line) <= width,
            "wider than {width}: {line:?}\n{out}"
        );
    }
}

#[test]
fn fit_columns_take_what_they_need_and_shared_ones_the_rest() {
    let fills = [Fill::Fit, Fill::Share(2), Fill::Share(1), Fill::Fit];
    assert_eq!(widths(60, &[5, 100, 100, 8], &fills), [5, 31, 16, 8]);
    // A shared column that needs little leaves the rest to the other.
    assert_eq!(widths(60, &[5, 100, 4, 8], &fills), [5, 43, 4, 8]);
    // A fit column takes at most a third of the room.
    assert_eq!(widths(30, &[100, 100, 100, 1], &fills)[0], 10);
}

#[test]
fn the_rest_is_shared_by_need_and_never_below_one_column() {
    let weights = [5, 3, 3];
    assert_eq!(share(30, &[5, 5, 5], &weights), [5, 5, 5]);
    assert_eq!(share(30, &[100, 2, 100], &weights), [17, 2, 11]);
    let widths = share(2, &[100, 100, 100], &weights);
    assert!(widths.iter().all(|&w| w >= 1), "{widths:?}");
}

#[test]
fn fit_columns_that_cannot_all_fit_shrink_together() {
    let fills = [Fill::Fit; 5];
    let out = widths(20, &[6, 6, 6, 6, 6], &fills);
    assert!(out.iter().sum::<usize>() <= 20, "{out:?}");
    assert!(out.iter().all(|&w| w >= 1), "{out:?}");
}

#[test]
fn a_url_is_cut_in_the_middle_and_text_at_its_end_after_two_lines() {
    let mut grid = Grid::new(style(60), &[Column::url("Source", 1), Column::text("Title", 1)]);
    let url = format!("blog.example.org/{}/the-end", "a".repeat(500));
    grid.row(vec![Item::from(url), Item::from("word ".repeat(100))]);
    let out = drawn(grid);
    assert_fits(&out, 60);
    assert!(out.contains("blog.example.org/…"), "{out}");
    assert!(out.contains("a/the-end"), "{out}");
    assert!(out.contains('…'), "{out}");
    // Borders, header, separator, one row of two lines at most.
    assert!(out.lines().count() <= 6, "{out}");
}

#[test]
fn ten_megabyte_cells_are_laid_out_as_short_ones() {
    // comfy-table lays out a cell in more than linear time: a 10 MB cell
    // handed over whole would make this test hang rather than fail.
    let huge = format!("host.example/{}/the-end", "é".repeat(5 << 20));
    let words = "mot ".repeat(5 << 20);
    for width in [40, 100] {
        let mut grid = Grid::new(
            style(width),
            &[
                Column::fit("N").right(),
                Column::url("Source", 2),
                Column::text("Anchor", 1),
            ],
        );
        grid.row(vec![
            Item::from("1"),
            Item::from(huge.as_str()),
            Item::from(words.as_str()),
        ]);
        grid.row(vec![
            Item::from("2"),
            Item::from(words.as_str()),
            Item::from(huge.as_str()),
        ]);
        let out = drawn(grid);
        assert_fits(&out, width);
        // Both ends of the URL, and the start of the text.
        assert!(out.contains("host.exam"), "{out}");
        assert!(out.contains("é/the-end"), "{out}");
        assert!(out.contains("mot mot"), "{out}");
    }
}

#[test]
fn wide_characters_are_measured_by_their_columns() {
    let mut grid = Grid::new(style(40), &[Column::text("Anchor", 1), Column::fit("Links")]);
    grid.row(vec![Item::from("園芸".repeat(50)), Item::from("3")]);
    let out = drawn(grid);
    assert_fits(&out, 40);
    assert!(out.contains("園芸"), "{out}");
}

#[test]
fn a_table_without_headers_has_no_header_row() {
    let mut grid = Grid::new(style(40), &[Column::fit(""), Column::text("", 1)]);
    grid.row(vec![Item::from("Sources"), Item::from("3")]);
    let out = drawn(grid);
    assert!(!out.contains('╞'), "{out}");
    assert!(out.contains("Sources"), "{out}");
}
