//! The profile-wide pass: flags that need every link and page of the audit
//! (sitewide, frequent-anchor, shared-ip, shared-tracking-id), run once all
//! results are in, then every link re-scored.

use super::flags::{self, network, repeated, Flag};
use super::scoring::AnalysisConfig;
use super::signals::PageSignals;
use crate::model::Link;

/// Adds sitewide, frequent-anchor, shared-ip, shared-tracking-id, then re-scores
/// every link (flags heaviest first, toxicity, toxic). Links and pages are
/// matched by source URL. Running it twice changes nothing more.
pub fn apply_profile_flags(links: &mut [Link], pages: &[PageSignals], config: &AnalysisConfig) {
    let scoring = &config.scoring;
    let thresholds = &scoring.thresholds;
    for i in repeated::sitewide(links, thresholds) {
        flags::add(&mut links[i].flags, Flag::Sitewide);
    }
    for i in repeated::frequent_anchor(links, thresholds) {
        flags::add(&mut links[i].flags, Flag::FrequentAnchor);
    }
    let shared_ip = network::shared_ip(pages, thresholds);
    let shared_tracking_id = network::shared_tracking_id(pages, thresholds);
    for link in links.iter_mut() {
        if shared_ip.contains(link.source_url.as_str()) {
            flags::add(&mut link.flags, Flag::SharedIp);
        }
        if shared_tracking_id.contains(link.source_url.as_str()) {
            flags::add(&mut link.flags, Flag::SharedTrackingId);
        }
        scoring.score(link);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyze::tests::link;
    use crate::model::{AnchorKind, Placement};

    fn footer_link(domain: &str, page: usize, anchor: &str, kind: AnchorKind) -> Link {
        Link {
            source_url: format!("https://{domain}/{page}"),
            source_host: domain.into(),
            source_domain: domain.into(),
            anchor_kind: kind,
            placement: Placement::Footer,
            ..link(anchor)
        }
    }

    fn signals(links: &[Link], ip: &str, id: &str) -> Vec<PageSignals> {
        links
            .iter()
            .map(|l| PageSignals {
                source_url: l.source_url.clone(),
                domain: l.source_domain.clone(),
                ip: Some(ip.into()),
                tracking_ids: vec![id.into()],
            })
            .collect()
    }

    #[test]
    fn profile_flags_are_added_and_links_rescored() {
        // A private network: four sites on one server and one analytics account,
        // each with a footer link using the money keyword on three pages.
        let mut links: Vec<Link> = ["a.test", "b.test", "c.test", "d.test"]
            .iter()
            .flat_map(|d| (0..3).map(move |p| footer_link(d, p, "Garden tools", AnchorKind::Exact)))
            .collect();
        links[0].flags = vec![Flag::ExactMatchAnchor];
        let pages = signals(&links, "198.51.100.7", "UA-42-1");
        let config = AnalysisConfig::default();
        apply_profile_flags(&mut links, &pages, &config);
        assert_eq!(
            links[0].flags,
            [
                Flag::ExactMatchAnchor,
                Flag::FrequentAnchor,
                Flag::SharedTrackingId,
                Flag::Sitewide,
                Flag::SharedIp
            ]
        );
        assert_eq!(links[0].toxicity, config.scoring.toxicity(&links[0].flags));
        assert!(links[0].toxic);
        let again = links.clone();
        apply_profile_flags(&mut links, &pages, &config);
        assert_eq!(links, again, "a second pass adds nothing");
    }

    #[test]
    fn a_varied_profile_gets_no_profile_flag() {
        let mut links: Vec<Link> = (0..12)
            .map(|i| {
                footer_link(
                    &format!("d{i}.test"),
                    0,
                    &format!("Example {i}"),
                    AnchorKind::Branded,
                )
            })
            .collect();
        let pages: Vec<PageSignals> = links
            .iter()
            .enumerate()
            .map(|(i, l)| PageSignals {
                source_url: l.source_url.clone(),
                domain: l.source_domain.clone(),
                ip: Some(format!("198.51.{i}.7")),
                tracking_ids: vec![format!("UA-{i}-1")],
            })
            .collect();
        apply_profile_flags(&mut links, &pages, &AnalysisConfig::default());
        assert!(
            links.iter().all(|l| l.flags.is_empty() && l.toxicity == 0),
            "{links:#?}"
        );
    }
}
