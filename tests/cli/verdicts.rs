//! Verdicts a person can sign: the realistic pages of `fixtures/verdicts/`,
//! audited as saved pages with `--keyword` and `--disavow`. Innocent pages
//! (small blogs, short `http://` pages on long hyphenated names, hobby forums,
//! local directories, author bios) are never toxic nor proposed; spam pages
//! (link farms, spun articles, hidden links, unmarked paid posts, private
//! networks, forum signatures) are, for risk flags the disavow file names.

use crate::run::{fixture, Audit, Report};
use serde_json::Value;
use std::fs;

/// Every page of `fixtures/verdicts/{set}/`, by file name.
fn pages(set: &str) -> Vec<(String, std::path::PathBuf)> {
    let mut pages: Vec<_> = fs::read_dir(fixture(&format!("verdicts/{set}")))
        .expect("fixture folder")
        .map(|entry| {
            let path = entry.expect("entry").path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            (name, path)
        })
        .collect();
    pages.sort();
    pages
}

/// The audit of one set, as JSON, and the disavow file it left (if any).
fn audit(set: &str) -> (Vec<(String, std::path::PathBuf)>, Report, Option<String>) {
    let pages = pages(set);
    // Outside the audit's scratch folder, which goes with the audit.
    let kept = tempfile::tempdir().expect("temporary directory");
    let disavow = kept.path().join("disavow.txt");
    let report = Audit::new("example.com")
        .sources(pages.iter().map(|(_, path)| path.clone()))
        .args(["--keyword", "garden tools", "--disavow"])
        .source(&disavow)
        .json();
    let written = fs::read_to_string(disavow).ok();
    (pages, report, written)
}

fn links_of<'r>(report: &'r Report, page: &str) -> Vec<&'r Value> {
    report
        .links()
        .iter()
        .filter(|l| l["source_url"].as_str().unwrap_or_default().ends_with(page))
        .collect()
}

fn words(link: &Value) -> Vec<&str> {
    let flags = link["flags"].as_array().expect("flags");
    flags.iter().map(|f| f.as_str().expect("word")).collect()
}

/// Each fixture says what it models and where it was saved from.
#[test]
fn every_page_says_what_it_models_and_its_url() {
    for set in ["innocent", "spam"] {
        let pages = pages(set);
        assert!(pages.len() >= 6, "{set}: {} pages", pages.len());
        for (name, path) in pages {
            let html = fs::read_to_string(path).expect("page");
            assert!(html.contains("<!-- Models: "), "{set}/{name}");
            assert!(
                html.contains("<link rel=\"canonical\" href=\"http"),
                "{set}/{name}"
            );
        }
    }
}

#[test]
fn innocent_pages_are_never_toxic_nor_proposed_for_disavow() {
    let (pages, report, disavow) = audit("innocent");
    for (page, _) in &pages {
        let links = links_of(&report, page);
        assert!(!links.is_empty(), "{page} links to the site");
        for link in links {
            assert_eq!(link["toxic"], false, "{page}: {link:#}");
            assert!(link["toxicity"].as_u64().unwrap() < 50, "{page}: {link:#}");
        }
    }
    assert_eq!(report.summary()["toxic"], 0);
    assert_eq!(report.summary()["risk"], "low");
    assert_eq!(disavow, None, "no file is written without a toxic link");
}

/// The case: worth less, and said so, but no risk.
#[test]
fn the_small_http_blog_on_a_long_hyphenated_name_is_weak_not_toxic() {
    let (_, report, _) = audit("innocent");
    let diary = links_of(&report, "allotment-diary.html");
    assert_eq!(diary.len(), 1);
    let link = diary[0];
    assert_eq!(link["source_domain"], "anna-allotment-diary-blog.co.uk");
    assert_eq!(link["anchor_kind"], "branded");
    assert_eq!(link["toxicity"], 0, "no risk flag: {link:#}");
    assert_eq!(link["weak"], true, "{link:#}");
    for weakness in ["thin-content", "hyphenated-domain", "long-domain", "non-https"] {
        assert!(words(link).contains(&weakness), "{weakness}: {link:#}");
    }
    // Each innocent page with a single risk flag stays under the line.
    let bio = links_of(&report, "author-bio.html")[0];
    assert_eq!(words(bio), ["comment-or-forum"]);
    let blog = links_of(&report, "personal-blog.html")[0];
    assert_eq!(words(blog), ["exact-match-anchor"]);
    assert!(report.summary()["weak"].as_u64().unwrap() >= 3);
}

#[test]
fn spam_pages_are_toxic_and_proposed_with_the_flags_behind_them() {
    let (pages, report, disavow) = audit("spam");
    let disavow = disavow.expect("a disavow file");
    let lines: Vec<&str> = disavow.lines().collect();
    for (page, _) in &pages {
        let links = links_of(&report, page);
        let toxic: Vec<&&Value> = links.iter().filter(|l| l["toxic"] == true).collect();
        assert!(!toxic.is_empty(), "{page} has a toxic link: {links:#?}");
        let domain = toxic[0]["source_domain"].as_str().unwrap();
        let at = lines
            .iter()
            .position(|l| *l == format!("domain:{domain}"))
            .unwrap_or_else(|| panic!("{domain} ({page}) not proposed:\n{disavow}"));
        // The comment above names the risk flags, and only risk flags.
        let why = lines[at - 1];
        assert!(why.starts_with("# ") && why.contains(" toxic link"), "{why}");
        for link in toxic {
            let first = words(link)[0];
            assert!(why.contains(first), "{first} missing from {why}");
        }
        for weakness in ["thin-content", "non-https", "link-density", "hyphenated-domain"] {
            assert!(!why.contains(weakness), "{weakness} in {why}");
        }
    }
    let expected = [
        ("link-farm-directory.html", "link-farm"),
        ("link-farm-directory.html", "spam-keywords"),
        ("spun-article.html", "frequent-anchor"),
        ("spun-article.html", "keyword-stuffed-anchor"),
        ("hacked-bakery.html", "hidden-link"),
        ("paid-post.html", "unmarked-sponsored"),
        ("network-site-a.html", "shared-tracking-id"),
        ("network-site-b.html", "shared-tracking-id"),
        ("forum-signature.html", "comment-or-forum"),
    ];
    for (page, flag) in expected {
        let raised = links_of(&report, page).iter().any(|l| words(l).contains(&flag));
        assert!(raised, "{page} should raise {flag}");
    }
    // Google's format: every line a comment or a `domain:` line.
    for line in &lines {
        assert!(line.starts_with('#') || line.starts_with("domain:"), "{line}");
    }
    assert_eq!(
        lines.iter().filter(|l| l.starts_with("domain:")).count(),
        pages.len(),
        "one domain per spam page:\n{disavow}"
    );
}
