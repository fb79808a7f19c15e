use super::*;
use crate::sample::audit::{report, results};

fn filter(words: &[Only]) -> Filter {
    Filter::new(words).unwrap()
}

#[test]
fn no_condition_keeps_everything() {
    let report = report(&results());
    let all = Filter::default();
    assert!(all.is_empty());
    assert_eq!(all.apply(&report), report);
}

#[test]
fn link_conditions_must_all_hold_and_drop_the_sources_without_a_backlink() {
    let report = report(&results());
    let toxic = filter(&[Only::Toxic]).apply(&report);
    assert_eq!(toxic.links.len(), 1);
    assert!(toxic.links[0].toxic);
    let statuses: Vec<SourceStatus> = toxic.sources.iter().map(|s| s.status).collect();
    assert_eq!(statuses, [SourceStatus::Ok], "the page with backlinks only");
    assert_eq!(
        toxic.summary, report.summary,
        "the summary stays the whole audit's"
    );

    let both = filter(&[Only::Toxic, Only::Dofollow]).apply(&report);
    assert!(both.links.is_empty(), "the toxic link is nofollow");
    let no_equity = filter(&[Only::NoEquity, Only::Toxic]).apply(&report);
    assert_eq!(no_equity.links.len(), 1);
    assert_eq!(filter(&[Only::Dofollow]).apply(&report).links.len(), 1);
}

#[test]
fn source_conditions_keep_sources_without_a_backlink_and_no_link() {
    let report = report(&results());
    let status = |only: &[Only]| -> Vec<SourceStatus> {
        let kept = filter(only).apply(&report);
        assert!(kept.links.is_empty(), "{only:?}");
        kept.sources.iter().map(|s| s.status).collect()
    };
    assert_eq!(
        status(&[Only::Missing]),
        [SourceStatus::NoLink, SourceStatus::HttpError]
    );
    assert_eq!(status(&[Only::NoLink]), [SourceStatus::NoLink]);
    assert_eq!(status(&[Only::Unchecked]), [SourceStatus::HttpError]);
    assert_eq!(
        status(&[Only::Missing, Only::Unchecked]),
        [SourceStatus::HttpError]
    );
}

#[test]
fn links_and_sources_named_together_keep_both_kinds() {
    let report = report(&results());
    let kept = filter(&[Only::Unchecked, Only::Toxic]).apply(&report);
    assert_eq!(kept.links.len(), 1);
    assert_eq!(kept.sources.len(), 2, "the page with links, and the 404");
}

#[test]
fn conditions_no_row_can_meet_are_refused() {
    let err = Filter::new(&[Only::Dofollow, Only::Nofollow]).unwrap_err();
    assert!(err.contains("--only dofollow,nofollow keeps no link"), "{err}");
    let err = Filter::new(&[Only::Unchecked, Only::NoLink]).unwrap_err();
    assert!(err.contains("`missing` keeps both"), "{err}");
    assert!(
        Filter::new(&[Only::Dofollow, Only::NoEquity]).is_ok(),
        "a dofollow link on a nofollow page"
    );
}

#[test]
fn conditions_are_said_once_in_a_stable_order() {
    let only = filter(&[Only::Missing, Only::Toxic, Only::Missing]);
    assert_eq!(only.words(), ["toxic", "missing"]);
    assert_eq!(only.flag(), "--only toxic,missing");
}

#[test]
fn every_word_reads_back_and_lost_equity_is_no_equity() {
    for only in Only::value_variants() {
        assert_eq!(Only::parse(only.as_str()), Ok(*only));
    }
    assert_eq!(Only::parse(" Lost-Equity "), Ok(Only::NoEquity));
    let err = Only::parse("weakish").unwrap_err();
    assert!(err.contains("no-equity, missing, no-link, unchecked"), "{err}");
}

#[test]
fn a_limit_of_zero_is_every_link() {
    assert_eq!(Limit::from_flag(0), Limit::All);
    assert_eq!(Limit::from_flag(7), Limit::First(7));
}

#[test]
fn weak_keeps_the_weak_links_only() {
    let mut report = report(&results());
    assert!(filter(&[Only::Weak]).apply(&report).links.is_empty());
    report.links[0].weak = true;
    let weak = filter(&[Only::Weak]).apply(&report);
    assert_eq!(weak.links.len(), 1);
    assert_eq!(weak.links[0], report.links[0]);
}
