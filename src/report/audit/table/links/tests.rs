use super::*;
use crate::model::Flag;
use crate::report::table::MIN_WIDTH;
use crate::report::RenderOptions;
use crate::sample::audit::{report, results};

fn style(width: usize) -> Style {
    Style::new(RenderOptions {
        width,
        color: false,
        csv_bom: false,
    })
}

fn drawn(links: &[Link], width: usize) -> String {
    let links: Vec<&Link> = links.iter().collect();
    table(&links, style(width), "example.com")
}

#[test]
fn every_line_fits_and_each_link_is_one_row() {
    let mut links = report(&results()).links;
    links[0].source_url = format!("https://blog.example.org/{}/the-end", "a".repeat(300));
    links[1].anchor_text = "word ".repeat(80);
    for width in [MIN_WIDTH, 50, 80, 100, 160] {
        let out = drawn(&links, width);
        for line in out.lines() {
            assert!(line.chars().count() <= width, "{width}: {line:?}\n{out}");
        }
        // Borders, header, separator, two rows, the flags (wrapped when narrow).
        let header = out.lines().position(|l| l.contains('╞')).unwrap();
        let flag_lines = out
            .lines()
            .filter(|l| l.starts_with('│') && !l.contains('┆'))
            .count();
        assert!(flag_lines >= 1, "{out}");
        assert_eq!(out.lines().count(), header + 1 + 2 + flag_lines + 1, "{out}");
    }
}

#[test]
fn a_long_source_keeps_its_host_and_the_end_of_its_path_without_the_scheme() {
    let mut links = report(&results()).links;
    links[0].source_url = format!("http://blog.example.org/{}/the-end", "a".repeat(300));
    let out = drawn(&links, 100);
    assert!(out.contains("blog.example.org/…"), "{out}");
    assert!(
        out.contains("aaa/the-end │") || out.contains("aaa/the-end ┆"),
        "{out}"
    );
    assert!(!out.contains("http://"), "{out}");
    assert!(!out.contains("https://"), "{out}");
}

#[test]
fn flags_are_shown_in_full_under_their_link() {
    let mut links = report(&results()).links;
    links[1].flags = Flag::ALL.to_vec();
    for width in [MIN_WIDTH, 80] {
        let out = drawn(&links, width);
        let lines: Vec<&str> = out.lines().collect();
        let row = lines.iter().position(|l| l.contains("60 toxic")).unwrap();
        assert!(lines[row + 1].contains("↳ "), "{out}");
        let below: String = lines[row + 1..lines.len() - 1].join(" ");
        for flag in Flag::ALL {
            assert!(below.contains(flag.as_str()), "{flag} missing at {width}:\n{out}");
        }
        assert!(!out.contains("…,") && !below.contains('…'), "no flag cut:\n{out}");
    }
}

#[test]
fn a_link_without_flags_has_no_flags_line() {
    let links = report(&results()).links;
    let out = drawn(&links, 100);
    let lines: Vec<&str> = out.lines().collect();
    let clean = lines.iter().position(|l| l.contains("Example")).unwrap();
    assert!(lines[clean + 1].contains("60 toxic"), "{out}");
    assert_eq!(out.matches("↳ ").count(), 1, "{out}");
}

#[test]
fn huge_anchors_and_urls_are_cut_to_their_columns_keeping_both_ends() {
    // A 10 MB anchor or URL handed whole to the table's layout (more than
    // linear in a cell's length) would make this test hang rather than fail.
    for size in [200 << 10, 10 << 20] {
        let mut links = report(&results()).links;
        links[0].target_url = format!("https://example.com/{}/the-end", "t".repeat(size));
        links[0].anchor_text = format!("start {}", "a".repeat(size));
        links[1].source_url = format!("https://blog.example.org/{}/last", "s".repeat(size));
        for width in [MIN_WIDTH, 120] {
            let out = drawn(&links, width);
            for line in out.lines() {
                assert!(line.chars().count() <= width, "{width}: {line:?}");
            }
        }
        let out = drawn(&links, 120);
        assert!(out.contains("blog.example.org/…"), "{out}");
        assert!(out.contains("s/last"), "{out}");
        assert!(out.contains("t/the-end"), "{out}");
        assert!(out.contains("start"), "{out}");
    }
}

#[test]
fn a_target_on_the_audited_host_shows_its_path_alone() {
    assert_eq!(
        target_label("https://example.com/shop?a=1", "example.com"),
        "/shop?a=1"
    );
    assert_eq!(target_label("https://example.com/", "example.com"), "/");
    assert_eq!(
        target_label("https://www.example.com/x", "example.com"),
        "www.example.com/x"
    );
    assert_eq!(
        target_label("https://example.community/x", "example.com"),
        "example.community/x"
    );
}
