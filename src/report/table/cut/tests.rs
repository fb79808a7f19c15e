use super::*;

#[test]
fn a_long_url_keeps_its_host_and_the_end_of_its_path() {
    let url = "blog.example.org/2023/05/a-very-long-article-title-about-garden-tools";
    assert_eq!(cut_middle(url, 30), "blog.example.org/…garden-tools");
    assert_eq!(display_width(&cut_middle(url, 30)), 30);
    assert_eq!(cut_middle(url, url.len()), url, "fits: unchanged");
}

#[test]
fn a_long_host_keeps_its_start_and_the_path_its_end() {
    let url = "a-very-long-subdomain.of-a-very-long-domain.example/page";
    assert_eq!(cut_middle(url, 21), "a-very-lon…ample/page");
    assert_eq!(cut_middle(url, 1), "…");
    assert_eq!(cut_middle(url, 0), "");
    assert_eq!(cut_middle("ab", 2), "ab");
}

#[test]
fn wide_characters_count_two_columns() {
    assert_eq!(display_width("園芸"), 4);
    assert_eq!(fit("園芸の道具", 5), "園芸…");
    assert_eq!(display_width(&fit("園芸の道具", 6)), 5, "no half a character");
    let cut = cut_middle("例え.jp/園芸の道具と庭の手入れ", 16);
    assert!(display_width(&cut) <= 16, "{cut}");
    assert!(cut.starts_with("例え.jp/…"), "{cut}");
    assert!(cut.ends_with("手入れ"), "{cut}");
}

#[test]
fn text_is_cut_at_its_end() {
    assert_eq!(fit("garden tools", 8), "garden …");
    assert_eq!(fit("garden", 6), "garden");
    assert_eq!(fit("garden", 0), "");
    assert_eq!(fit("garden", 1), "…");
}

#[test]
fn each_line_of_a_cell_is_cut_alone() {
    assert_eq!(fit_lines("type a → b\nanchor long text", 8), "type a …\nanchor …");
}

#[test]
fn ten_megabytes_are_cut_without_reading_them_all() {
    // Both ends survive; a cut that copied or measured the whole text per
    // character would make this test hang rather than pass.
    let url = format!("host.example/{}/the-end", "a".repeat(10 << 20));
    let cut = cut_middle(&url, 60);
    assert_eq!(display_width(&cut), 60);
    assert!(cut.starts_with("host.example/…"), "{cut}");
    assert!(cut.ends_with("aaa/the-end"), "{cut}");
    let text = "word ".repeat(2 << 20);
    assert_eq!(display_width(&fit(&text, 200)), 200);
}
