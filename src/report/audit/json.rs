//! JSON: the whole audit as one pretty-printed document (schema version 1).
//! Key order is the model's field order, so the output is deterministic;
//! `only` (after `partial`) names the `--only` conditions the `sources` and
//! `links` were filtered with (none: everything), never the summary.

use super::Filter;
use crate::model::{AuditReport, Link, SourceRecord, Summary, TargetInfo, Tool};
use crate::report::json::write_pretty;
use serde::Serialize;
use std::io::{self, BufWriter, Write};

/// The audit as written: the model's fields in its order, `only` added.
#[derive(Serialize)]
struct Document<'a> {
    schema_version: u32,
    tool: &'a Tool,
    target: &'a TargetInfo,
    started_at: &'a str,
    finished_at: &'a str,
    partial: bool,
    only: Vec<&'static str>,
    summary: &'a Summary,
    sources: Vec<&'a SourceRecord>,
    links: Vec<&'a Link>,
}

pub(super) fn write(report: &AuditReport, only: &Filter, out: &mut dyn Write) -> io::Result<()> {
    let document = Document {
        schema_version: report.schema_version,
        tool: &report.tool,
        target: &report.target,
        started_at: &report.started_at,
        finished_at: &report.finished_at,
        partial: report.partial,
        only: only.words(),
        summary: &report.summary,
        sources: report.sources.iter().filter(|s| only.keeps_source(s)).collect(),
        links: report.links.iter().filter(|l| only.keeps_link(l)).collect(),
    };
    // Standard output is line buffered: one write per line would be slow.
    let mut out = BufWriter::new(out);
    write_pretty(&mut out, &document)?;
    out.flush()
}

#[cfg(test)]
mod tests {
    use crate::report::audit::tests::render;
    use crate::report::Format;

    const EXPECTED: &str = r#"{
  "schema_version": 1,
  "tool": {
    "name": "backlinks",
    "version": "0.1.0"
  },
  "target": {
    "input": "example.com",
    "host": "example.com",
    "path_prefix": "/"
  },
  "started_at": "2025-01-02T03:04:05Z",
  "finished_at": "2025-01-02T03:04:09Z",
  "partial": false,
  "only": [],
  "summary": {
    "sources": {
      "total": 3,
      "by_status": {
        "ok": 1,
        "no-link": 1,
        "http-error": 1,
        "blocked": 0,
        "unreachable": 0,
        "robots-blocked": 0,
        "not-html": 0,
        "invalid": 0,
        "internal": 0
      }
    },
    "backlinks": 2,
    "referring_pages": 1,
    "referring_domains": 1,
    "link_types": {
      "dofollow": 1,
      "nofollow": 1,
      "ugc": 0,
      "sponsored": 0
    },
    "passes_equity": 1,
    "toxic": 1,
    "weak": 0,
    "risk": "high",
    "anchors": {
      "unique": 2,
      "diversity": 1.0,
      "exact_share": 0.5,
      "keywords_given": true,
      "over_optimized": true,
      "kinds": {
        "image": 0,
        "empty": 0,
        "url": 0,
        "branded": 1,
        "exact": 1,
        "partial": 0,
        "generic": 0,
        "other": 0
      },
      "top": [
        {
          "text": "=best garden tools",
          "count": 1,
          "share": 0.5
        },
        {
          "text": "example",
          "count": 1,
          "share": 0.5
        }
      ]
    },
    "top_domains": [
      {
        "domain": "example.org",
        "links": 2
      }
    ],
    "broken_targets": null
  },
  "sources": [
    {
      "url": "https://blog.example.org/post/1",
      "input": "sources.txt:1",
      "final_url": "https://blog.example.org/post/1",
      "status": "ok",
      "http_status": 200,
      "error": null,
      "redirects": [],
      "truncated": false,
      "page_nofollow": false,
      "page_noindex": false,
      "title": "Garden, tools & \"more\"",
      "ip": "127.0.0.1",
      "links": 2,
      "rendered": false,
      "render_note": null
    },
    {
      "url": "https://news.example.net/a",
      "input": "sources.txt:2",
      "final_url": "https://news.example.net/a",
      "status": "no-link",
      "http_status": 200,
      "error": null,
      "redirects": [],
      "truncated": false,
      "page_nofollow": false,
      "page_noindex": false,
      "title": null,
      "ip": "127.0.0.2",
      "links": 0,
      "rendered": false,
      "render_note": null
    },
    {
      "url": "https://gone.test.org/x",
      "input": "sources.txt:3",
      "final_url": "https://gone.test.org/x",
      "status": "http-error",
      "http_status": 404,
      "error": "HTTP 404 Not Found",
      "redirects": [
        "http://gone.test.org/x"
      ],
      "truncated": false,
      "page_nofollow": false,
      "page_noindex": false,
      "title": null,
      "ip": null,
      "links": 0,
      "rendered": false,
      "render_note": null
    }
  ],
  "links": [
    {
      "source_url": "https://blog.example.org/post/1",
      "source_host": "blog.example.org",
      "source_domain": "example.org",
      "target_url": "https://example.com/",
      "anchor_text": "Example",
      "anchor_kind": "branded",
      "rel": [],
      "link_type": "dofollow",
      "passes_equity": true,
      "placement": "content",
      "hidden": false,
      "flags": [],
      "toxicity": 0,
      "toxic": false,
      "weak": false,
      "target_status": null,
      "target_final_url": null,
      "target_http_status": null,
      "rendered_only": false
    },
    {
      "source_url": "https://blog.example.org/post/1",
      "source_host": "blog.example.org",
      "source_domain": "example.org",
      "target_url": "https://example.com/shop?a=1|2",
      "anchor_text": "=best garden tools",
      "anchor_kind": "exact",
      "rel": [
        "nofollow",
        "noopener"
      ],
      "link_type": "nofollow",
      "passes_equity": false,
      "placement": "footer",
      "hidden": true,
      "flags": [
        "hidden-link",
        "exact-match-anchor"
      ],
      "toxicity": 60,
      "toxic": true,
      "weak": false,
      "target_status": null,
      "target_final_url": null,
      "target_http_status": null,
      "rendered_only": false
    }
  ]
}
"#;

    #[test]
    fn writes_the_whole_audit_pretty_printed() {
        assert_eq!(render(Format::Json), EXPECTED);
    }
}
