//! JSON Lines: one compact object a line, `"type"` first. Sources are written
//! (and flushed) as results arrive, so `tail -f` follows the audit and a crash
//! keeps what was written. Links follow once every page is in, because some of
//! their flags (`sitewide`, `frequent-anchor`, `shared-ip`, `shared-tracking-id`)
//! need the whole profile; the summary comes last, with `only` naming the
//! `--only` conditions the lines before it were filtered with.

use super::{Filter, ReportWriter};
use crate::model::{
    AuditReport, Link, SourceRecord, SourceResult, Summary, TargetInfo, Tool, SCHEMA_VERSION,
};
use crate::report::json::push_line;
use serde::Serialize;
use std::io::{self, Write};

/// One line; serde writes the tag first, then the fields in model order.
#[derive(Serialize)]
#[serde(tag = "type", rename_all = "lowercase")]
enum Line<'a> {
    Source(&'a SourceRecord),
    Link(&'a Link),
    Summary {
        schema_version: u32,
        tool: &'a Tool,
        target: &'a TargetInfo,
        started_at: &'a str,
        finished_at: &'a str,
        partial: bool,
        only: Vec<&'static str>,
        summary: &'a Summary,
    },
}

/// Links are written in chunks of about this size.
const FLUSH_BYTES: usize = 64 * 1024;

pub(super) struct JsonlWriter {
    out: Box<dyn Write + Send>,
    /// Reused between results: one write per result, not one per token.
    buffer: Vec<u8>,
    only: Filter,
}

impl JsonlWriter {
    pub(super) fn new(out: Box<dyn Write + Send>, only: Filter) -> Self {
        JsonlWriter {
            out,
            buffer: Vec::new(),
            only,
        }
    }

    fn push(&mut self, line: &Line<'_>) -> io::Result<()> {
        push_line(&mut self.buffer, line)
    }

    fn write_out(&mut self) -> io::Result<()> {
        let written = self.out.write_all(&self.buffer).and_then(|()| self.out.flush());
        self.buffer.clear();
        written
    }
}

impl ReportWriter for JsonlWriter {
    fn on_result(&mut self, result: &SourceResult) -> io::Result<()> {
        if !self.only.keeps_source(&result.source) {
            return Ok(());
        }
        self.push(&Line::Source(&result.source))?;
        self.write_out()
    }

    /// Uses the report's links, summary, target and tool: its sources are empty
    /// when JSON Lines is the only report (they were streamed).
    fn finish(&mut self, report: &AuditReport) -> io::Result<()> {
        let kept: Vec<&Link> = report.links.iter().filter(|l| self.only.keeps_link(l)).collect();
        for link in kept {
            self.push(&Line::Link(link))?;
            if self.buffer.len() >= FLUSH_BYTES {
                self.write_out()?;
            }
        }
        self.push(&Line::Summary {
            schema_version: SCHEMA_VERSION,
            tool: &report.tool,
            target: &report.target,
            started_at: &report.started_at,
            finished_at: &report.finished_at,
            partial: report.partial,
            only: self.only.words(),
            summary: &report.summary,
        })?;
        self.write_out()
    }
}

#[cfg(test)]
mod tests {
    use crate::report::audit::tests::{render, render_with};
    use crate::report::{Format, RenderOptions};
    use crate::sample;

    const EXPECTED: &str = "{\"type\":\"source\",\"url\":\"https://blog.example.org/post/1\",\"input\":\"sources.txt:1\",\
        \"final_url\":\"https://blog.example.org/post/1\",\"status\":\"ok\",\"http_status\":200,\
        \"error\":null,\"redirects\":[],\"truncated\":false,\"page_nofollow\":false,\
        \"page_noindex\":false,\"title\":\"Garden, tools & \\\"more\\\"\",\"ip\":\"127.0.0.1\",\
        \"links\":2,\"rendered\":false,\"render_note\":null}\n\
        {\"type\":\"source\",\"url\":\"https://news.example.net/a\",\"input\":\"sources.txt:2\",\
        \"final_url\":\"https://news.example.net/a\",\"status\":\"no-link\",\"http_status\":200,\
        \"error\":null,\"redirects\":[],\"truncated\":false,\"page_nofollow\":false,\
        \"page_noindex\":false,\"title\":null,\"ip\":\"127.0.0.2\",\"links\":0,\"rendered\":false,\"render_note\":null}\n\
        {\"type\":\"source\",\"url\":\"https://gone.test.org/x\",\"input\":\"sources.txt:3\",\
        \"final_url\":\"https://gone.test.org/x\",\"status\":\"http-error\",\"http_status\":404,\
        \"error\":\"HTTP 404 Not Found\",\"redirects\":[\"http://gone.test.org/x\"],\
        \"truncated\":false,\"page_nofollow\":false,\"page_noindex\":false,\"title\":null,\
        \"ip\":null,\"links\":0,\"rendered\":false,\"render_note\":null}\n\
        {\"type\":\"link\",\"source_url\":\"https://blog.example.org/post/1\",\
        \"source_host\":\"blog.example.org\",\"source_domain\":\"example.org\",\
        \"target_url\":\"https://example.com/\",\"anchor_text\":\"Example\",\"anchor_kind\":\"branded\",\
        \"rel\":[],\"link_type\":\"dofollow\",\"passes_equity\":true,\"placement\":\"content\",\
        \"hidden\":false,\"flags\":[],\"toxicity\":0,\"toxic\":false,\"weak\":false,\"target_status\":null,\"target_final_url\":null,\"target_http_status\":null,\"rendered_only\":false}\n\
        {\"type\":\"link\",\"source_url\":\"https://blog.example.org/post/1\",\
        \"source_host\":\"blog.example.org\",\"source_domain\":\"example.org\",\
        \"target_url\":\"https://example.com/shop?a=1|2\",\"anchor_text\":\"=best garden tools\",\
        \"anchor_kind\":\"exact\",\"rel\":[\"nofollow\",\"noopener\"],\"link_type\":\"nofollow\",\
        \"passes_equity\":false,\"placement\":\"footer\",\"hidden\":true,\"flags\":[\"hidden-link\",\
        \"exact-match-anchor\"],\"toxicity\":60,\"toxic\":true,\"weak\":false,\"target_status\":null,\"target_final_url\":null,\"target_http_status\":null,\"rendered_only\":false}\n\
        {\"type\":\"summary\",\"schema_version\":1,\"tool\":{\"name\":\"backlinks\",\
        \"version\":\"0.1.0\"},\"target\":{\"input\":\"example.com\",\"host\":\"example.com\",\
        \"path_prefix\":\"/\"},\"started_at\":\"2025-01-02T03:04:05Z\",\"finished_at\":\"2025-01-02T03:04:09Z\",\
        \"partial\":false,\"only\":[],\"summary\":{\"sources\":{\"total\":3,\"by_status\":{\"ok\":1,\
        \"no-link\":1,\"http-error\":1,\"blocked\":0,\"unreachable\":0,\"robots-blocked\":0,\
        \"not-html\":0,\"invalid\":0,\"internal\":0}},\"backlinks\":2,\"referring_pages\":1,\
        \"referring_domains\":1,\"link_types\":{\"dofollow\":1,\"nofollow\":1,\
        \"ugc\":0,\"sponsored\":0},\"passes_equity\":1,\"toxic\":1,\"weak\":0,\"risk\":\"high\",\"anchors\":{\"unique\":2,\
        \"diversity\":1.0,\"exact_share\":0.5,\"keywords_given\":true,\"over_optimized\":true,\"kinds\":{\"image\":0,\
        \"empty\":0,\"url\":0,\"branded\":1,\"exact\":1,\"partial\":0,\"generic\":0,\
        \"other\":0},\"top\":[{\"text\":\"=best garden tools\",\"count\":1,\"share\":0.5},\
        {\"text\":\"example\",\"count\":1,\"share\":0.5}]},\"top_domains\":[{\"domain\":\"example.org\",\
        \"links\":2}],\"broken_targets\":null}}\n";

    #[test]
    fn streams_sources_then_links_then_the_summary() {
        assert_eq!(render(Format::Jsonl), EXPECTED);
    }

    #[test]
    fn lines_follow_arrival_order() {
        let mut results = sample::audit::results();
        results.reverse();
        let options = RenderOptions {
            width: 80,
            color: false,
            csv_bom: false,
        };
        let out = render_with(Format::Jsonl, options, &results, &sample::audit::empty_report());
        let urls: Vec<&str> = out
            .lines()
            .filter(|l| l.starts_with(r#"{"type":"source""#))
            .map(|l| l.split('"').nth(7).unwrap())
            .collect();
        assert_eq!(
            urls,
            [
                "https://gone.test.org/x",
                "https://news.example.net/a",
                "https://blog.example.org/post/1"
            ]
        );
    }
}
