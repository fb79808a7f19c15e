use super::*;
use crate::model::{
    Authority, DomainsSummary, LinkType, ReferringPage, TargetDomains, Tool, DOMAINS_SCHEMA_VERSION,
};

fn graph_row(domain: &str, links_to: &[&str], rank: Option<u64>) -> ReferringDomain {
    ReferringDomain {
        domain: domain.into(),
        links_to: links_to.iter().map(|t| t.to_string()).collect(),
        authority: rank.map(|r| Authority {
            harmonic_rank: r,
            harmonic_value: 34626736.0,
            pagerank_rank: r + 1,
            pagerank_value: 0.005384977821460953,
        }),
        hosts: Some(12),
        pages: Vec::new(),
    }
}

fn page(source: &str, anchor: &str) -> ReferringPage {
    ReferringPage {
        target: "a.com".into(),
        source_url: source.into(),
        target_url: "https://a.com/".into(),
        anchor_text: anchor.into(),
        link_type: LinkType::Nofollow,
    }
}

fn report(targets: &[&str], domains: Vec<ReferringDomain>) -> DomainsReport {
    DomainsReport {
        schema_version: DOMAINS_SCHEMA_VERSION,
        tool: Tool::current(),
        started_at: "2024-01-01T00:00:00Z".into(),
        finished_at: "2024-01-01T00:00:01Z".into(),
        summary: DomainsSummary {
            basis: Basis::Graph,
            input: "cc-main-domain".into(),
            targets: targets
                .iter()
                .map(|t| TargetDomains {
                    target: t.to_string(),
                    referring_domains: 7,
                })
                .collect(),
            excluded: vec!["me.com".into()],
            min_shared: targets.len().min(2) as u64,
            matched: domains.len() as u64 + 1,
            listed: domains.len() as u64,
        },
        domains,
    }
}

fn rendered(report: &DomainsReport, format: Format) -> String {
    let mut out = Vec::new();
    render(report, format, RenderOptions::default(), &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

#[test]
fn csv_has_a_row_per_graph_domain_and_a_row_per_page() {
    let mut discovered = graph_row("blog.test", &["a.com"], None);
    discovered.hosts = None;
    discovered.pages = vec![
        page("https://blog.test/1", "A"),
        page("https://blog.test/2", "=HYPERLINK(\"x\")"),
    ];
    let text = rendered(
        &report(
            &["a.com", "b.com"],
            vec![graph_row("bbc.co.uk", &["a.com", "b.com"], Some(3)), discovered],
        ),
        Format::Csv,
    );
    assert_eq!(
        text,
        "source_url,domain,links_to,shared,harmonic_rank,harmonic_value,pagerank_rank,pagerank_value,hosts,target,target_url,anchor_text,link_type\n\
         https://bbc.co.uk/,bbc.co.uk,a.com b.com,2,3,34626736,4,0.005384977821460953,12,,,,\n\
         https://blog.test/1,blog.test,a.com,1,,,,,,a.com,https://a.com/,A,nofollow\n\
         https://blog.test/2,blog.test,a.com,1,,,,,,a.com,https://a.com/,\"'=HYPERLINK(\"\"x\"\")\",nofollow\n"
    );
}

#[test]
fn markdown_names_the_question_and_lists_the_domains() {
    let text = rendered(
        &report(
            &["a.com", "b.com"],
            vec![graph_row("bbc.co.uk", &["a.com", "b.com"], Some(3))],
        ),
        Format::Markdown,
    );
    assert_eq!(
        text,
        "## Link intersect: domains linking to at least 2 of a.com, b.com, not to me.com\n\n\
         - **Source**: web graph cc-main-domain\n\
         - **Target**: a.com: 7 referring domains\n\
         - **Target**: b.com: 7 referring domains\n\
         - **Domains found**: 2 (the best 1 listed)\n\
         \n### Domains (1)\n\n\
         | Domain | Links to | Harmonic rank | PageRank rank | Hosts | Pages | A linking page |\n\
         | --- | --- | ---: | ---: | ---: | ---: | --- |\n\
         | bbc.co.uk | a.com, b.com | 3 | 4 | 12 | 0 |  |\n"
    );
}

#[test]
fn json_lines_give_a_line_per_domain_then_the_summary() {
    let text = rendered(
        &report(&["a.com"], vec![graph_row("x.org", &["a.com"], None)]),
        Format::Jsonl,
    );
    let lines: Vec<serde_json::Value> = text.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["type"], "domain");
    assert_eq!(lines[0]["domain"], "x.org");
    assert_eq!(lines[0]["authority"], serde_json::Value::Null);
    assert_eq!(lines[1]["type"], "summary");
    assert_eq!(lines[1]["schema_version"], 1);
    assert_eq!(lines[1]["summary"]["basis"], "graph");
}

#[test]
fn the_table_shows_ranks_and_hosts_and_strips_controls() {
    let text = rendered(
        &report(
            &["a.com"],
            vec![
                graph_row("bbc.co.uk", &["a.com"], Some(1)),
                graph_row("evil\u{1b}[31m.test", &["a.com"], None),
            ],
        ),
        Format::Table,
    );
    assert!(
        text.starts_with("Referring domains of a.com, not to me.com\n"),
        "{text}"
    );
    assert!(text.contains("│ bbc.co.uk"), "{text}");
    assert!(text.contains("Harmonic rank"), "{text}");
    assert!(!text.contains('\u{1b}'), "{text}");
    assert!(!text.contains("Links to"), "one target: no column for it\n{text}");
}

#[test]
fn an_empty_answer_says_so() {
    let empty = report(&["a.com"], Vec::new());
    assert!(rendered(&empty, Format::Table).contains("No domain qualifies."));
    assert!(rendered(&empty, Format::Markdown).contains("No domain qualifies."));
    assert_eq!(rendered(&empty, Format::Csv).lines().count(), 1);
}
