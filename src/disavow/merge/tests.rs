//! What gets appended (`merge.rs`): format, coverage and Google's limits.

use super::*;
use crate::model::Flag;
use proptest::prelude::*;

const STAMP: Stamp<'static> = Stamp {
    target: "example.com",
    date: "2026-11-21",
};

/// Each name with the evidence of one toxic link on a link farm.
fn domains(names: &[&str]) -> Proposals {
    let evidence = Evidence::of_link(&[Flag::LinkFarm, Flag::SpamKeywords, Flag::ThinContent]);
    names.iter().map(|n| (n.to_string(), evidence.clone())).collect()
}

const WHY: &str = "# link-farm, spam-keywords: 1 toxic link";

fn plan_for(existing: &str, toxic: &[&str]) -> Plan {
    plan(&Existing::read(existing.as_bytes()), &domains(toxic), STAMP)
}

fn appended(plan: &Plan) -> &str {
    std::str::from_utf8(&plan.append).unwrap()
}

#[test]
fn a_new_file_has_a_header_and_sorted_domain_lines() {
    let plan = plan_for("", &["zeta.xyz", "Alpha.NET", "mid.org"]);
    let v = env!("CARGO_PKG_VERSION");
    let expected = format!(
        "# Disavow file for example.com, written by backlinks {v} on 2026-11-21.\n\
         # Each `domain:` line is a referring domain with at least one link that backlinks\n\
         # judged toxic; the comment above it names the risk flags behind that judgement.\n\
         # The tool proposes, a person decides: review every line, and delete the domains\n\
         # whose links you want to keep, before uploading this file in Google Search Console.\n\
         # Google advises disavowing only clearly manipulative links. An upload replaces the\n\
         # list Google has; later runs keep every line here and add new domains at the end.\n\
         # Added by backlinks {v} on 2026-11-21 for example.com: 3 domains\n\
         {WHY}\n\
         domain:alpha.net\n\
         {WHY}\n\
         domain:mid.org\n\
         {WHY}\n\
         domain:zeta.xyz\n"
    );
    assert_eq!(appended(&plan), expected);
    assert_eq!(plan.added, ["alpha.net", "mid.org", "zeta.xyz"]);
    assert!(plan.warnings.is_empty() && plan.left_out.is_empty());
}

#[test]
fn an_existing_file_gains_a_dated_block_after_a_blank_line() {
    let plan = plan_for("# mine\ndomain:old.net\n", &["new.net"]);
    let v = env!("CARGO_PKG_VERSION");
    assert_eq!(
        appended(&plan),
        format!(
            "\n# Added by backlinks {v} on 2026-11-21 for example.com: 1 domain\n{WHY}\ndomain:new.net\n"
        )
    );
}

#[test]
fn a_last_line_without_a_break_is_ended_first() {
    let plan = plan_for("domain:old.net", &["new.net"]);
    assert!(
        appended(&plan).starts_with("\n\n# Added by"),
        "{:?}",
        appended(&plan)
    );
}

#[test]
fn a_crlf_file_gets_crlf_lines() {
    let plan = plan_for("# mine\r\ndomain:old.net\r\n", &["new.net"]);
    let text = appended(&plan);
    assert!(
        text.starts_with("\r\n# Added by") && text.ends_with("domain:new.net\r\n"),
        "{text:?}"
    );
    assert_eq!(text.matches('\n').count(), text.matches("\r\n").count());
}

#[test]
fn covered_domains_are_not_added_again() {
    let plan = plan_for(
        "domain:Spam.NET\ndomain:blog.other.org\n",
        &["spam.net", "sub.spam.net", "other.org"],
    );
    assert_eq!(
        plan.added,
        ["other.org"],
        "a subdomain line does not cover its parent"
    );
    assert_eq!(plan.already_present, ["spam.net", "sub.spam.net"]);
}

#[test]
fn nothing_new_means_nothing_to_write() {
    let plan = plan_for("domain:spam.net\n", &["spam.net"]);
    assert!(plan.append.is_empty());
    assert_eq!(plan.already_present, ["spam.net"]);
    assert!(plan_for("", &[]).append.is_empty(), "no toxic domain: no file");
}

#[test]
fn a_malformed_line_does_not_count_as_covering() {
    let plan = plan_for(
        "Domain:spam.net\ndomain:https://ham.net/\n",
        &["spam.net", "ham.net"],
    );
    assert_eq!(plan.added, ["ham.net", "spam.net"]);
}

#[test]
fn only_plain_domain_names_become_domain_lines() {
    let plan = plan_for(
        "",
        &[
            "203.0.113.9",
            "[2001:db8::1]",
            "https://x.net/",
            ".lead.net",
            "a b.net",
            "ok.net.",
        ],
    );
    assert_eq!(plan.added, ["ok.net"]);
    assert_eq!(plan.skipped.len(), 5);
    let all = plan.warnings.join("\n");
    assert!(all.contains("`203.0.113.9` is not added: an IP address"), "{all}");
    assert!(
        all.contains("`[2001:db8::1]` is not added: an IP address"),
        "{all}"
    );
    for bad in ["https://x.net/", ".lead.net", "a b.net"] {
        assert!(
            all.contains(&format!("`{bad}` is not added: it is not a domain name")),
            "{bad}: {all}"
        );
    }
    for line in appended(&plan).lines().filter(|l| l.starts_with("domain:")) {
        assert!(
            !line.contains('/') && !line.contains("domain:.") && !line.contains("://"),
            "{line}"
        );
    }
}

#[test]
fn toxic_links_on_saved_pages_have_no_domain_to_add() {
    let plan = plan_for("", &[""]);
    assert!(plan.append.is_empty());
    assert_eq!(plan.skipped, [""]);
    assert!(plan.warnings[0].contains("saved pages"), "{:?}", plan.warnings);
}

#[test]
fn unicode_domains_are_written_in_punycode() {
    assert_eq!(plan_for("", &["bücher.de"]).added, ["xn--bcher-kva.de"]);
}

/// `n` lines of one byte plus its break.
fn lines(n: usize) -> String {
    "#\n".repeat(n)
}

#[test]
fn every_domain_line_follows_the_comment_that_says_why() {
    let mut toxic = domains(&["farm.net"]);
    toxic.insert(
        "Blog.NET".into(),
        Evidence::of_link(&[Flag::HiddenLink, Flag::ExactMatchAnchor]),
    );
    toxic.insert("blog.net".into(), Evidence::of_link(&[Flag::HiddenLink]));
    let plan = plan(&Existing::read(b""), &toxic, STAMP);
    let text = appended(&plan);
    assert!(
        text.ends_with(
            "# hidden-link, exact-match-anchor: 2 toxic links\ndomain:blog.net\n\
             # link-farm, spam-keywords: 1 toxic link\ndomain:farm.net\n"
        ),
        "two spellings of one host are one entry with both links: {text}"
    );
    for line in text.lines() {
        assert!(line.starts_with('#') || line.starts_with("domain:"), "{line}");
    }
}

#[test]
fn a_comment_and_its_domain_are_never_split_by_the_line_limit() {
    // A blank line and the block comment leave room for one line only.
    let plan = plan_for(&lines(MAX_LINES - 3), &["a.net"]);
    assert!(plan.append.is_empty(), "{:?}", appended(&plan));
    assert_eq!(plan.left_out, ["a.net"]);
}

#[test]
fn the_line_limit_is_never_passed() {
    // A blank line and the block comment take two lines; one entry (its
    // comment and its domain) fits.
    let existing = lines(MAX_LINES - 4);
    let plan = plan_for(&existing, &["a.net", "b.net", "c.net"]);
    assert_eq!(plan.added, ["a.net"]);
    assert_eq!(plan.left_out, ["b.net", "c.net"]);
    let whole = format!("{existing}{}", appended(&plan));
    assert_eq!(Existing::read(whole.as_bytes()).lines, MAX_LINES);
    let all = plan.warnings.join("\n");
    assert!(
        all.contains("2 domains left out") && all.contains("100000 lines") && all.contains("b.net, c.net"),
        "{all}"
    );

    let full = plan_for(&lines(MAX_LINES - 2), &["a.net"]);
    assert!(full.append.is_empty(), "a block with no domain is not written");
    assert_eq!(full.left_out, ["a.net"]);
}

#[test]
fn the_size_limit_is_never_passed() {
    // Fill the file to just under the limit with one long comment line.
    let block = format!(
        "# Added by backlinks {} on 2026-11-21 for example.com: 2 domains\n",
        env!("CARGO_PKG_VERSION")
    );
    let one = format!("{WHY}\ndomain:a.net\n").len();
    let room = 1 + block.len() + one; // blank line, block, one entry
    let existing = format!("#{}\n", "x".repeat(MAX_BYTES - room - 2));
    let plan = plan_for(&existing, &["a.net", "b.net"]);
    assert_eq!(plan.added, ["a.net"]);
    assert_eq!(plan.left_out, ["b.net"]);
    assert!(existing.len() + plan.append.len() <= MAX_BYTES);
    assert!(
        plan.warnings.join(" ").contains("2000000 bytes"),
        "{:?}",
        plan.warnings
    );
}

#[test]
fn a_file_already_over_the_limits_is_reported_and_not_grown() {
    let plan = plan_for(&lines(MAX_LINES + 1), &["a.net"]);
    assert!(plan.append.is_empty());
    assert!(
        plan.warnings[0].contains("over Google's limits"),
        "{:?}",
        plan.warnings
    );
}

#[test]
fn the_sample_of_names_is_short() {
    let names: Vec<String> = (0..8).map(|i| format!("d{i}.net")).collect();
    assert_eq!(
        sample(&names),
        "d0.net, d1.net, d2.net, d3.net, d4.net and 3 more"
    );
    assert_eq!(sample(&names[..2]), "d0.net, d1.net");
}

proptest! {
    /// Whatever the file holds, what is added is covered afterwards, and a second
    /// run adds nothing: updates never pile up duplicates.
    #[test]
    fn a_second_run_adds_nothing(
        existing in proptest::collection::vec(
            prop_oneof![
                "[a-z]{1,6}\\.(net|org)".prop_map(|d| format!("domain:{d}")),
                "[A-Za-z:./ ]{0,20}",
                "https://[a-z]{1,6}\\.net/[a-z]{0,4}",
                Just("#".to_string()),
            ],
            0..12,
        ),
        toxic in proptest::collection::btree_set("[a-z]{1,6}\\.(net|org)|[0-9.]{1,9}", 0..10),
    ) {
        let names: Vec<&str> = toxic.iter().map(String::as_str).collect();
        let toxic = domains(&names);
        let before = existing.join("\n");
        let first = plan(&Existing::read(before.as_bytes()), &toxic, STAMP);
        let after = format!("{before}{}", String::from_utf8(first.append.clone()).unwrap());
        let merged = Existing::read(after.as_bytes());
        for domain in first.added.iter().chain(&first.already_present) {
            prop_assert!(merged.covering(domain).is_some(), "{domain} not covered in {after:?}");
        }
        let second = plan(&merged, &toxic, STAMP);
        prop_assert!(second.append.is_empty(), "second run adds {:?}", second.added);
    }
}
