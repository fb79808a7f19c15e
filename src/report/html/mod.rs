//! Reports as one self-contained HTML file (SPEC section 12): inline CSS and
//! SVG, nothing fetched from any other file or host (its
//! Content-Security-Policy tells the browser so too), readable and printable
//! without JavaScript; a few lines of inline script, allowed by their hash
//! alone, sort the tables. Every text is escaped here, once, on its way in:
//! a page's anchor text or title cannot become markup or script.

mod chart;

pub(crate) use chart::{bars, columns, lines, Bar};

use super::sanitize::terminal_safe;
use crate::model::Tool;
use std::fmt::Write;

const STYLE: &str = include_str!("style.css");
const SORT_SCRIPT: &str = include_str!("sort.js");
/// `sha256-` of `sort.js`, base64: the one script the policy lets run. The
/// browser test fails (a policy violation on the console, tables that do not
/// sort) when the script changes and this does not:
/// `python3 -c "import hashlib,base64,sys; print(base64.b64encode(hashlib.sha256(open(sys.argv[1],'rb').read()).digest()).decode())" src/report/html/sort.js`
const SORT_SCRIPT_SHA256: &str = "ATB0le2BhmgEjEx1lPQCe8P5T7wMYH2umYuTU05UxnY=";

/// Text for HTML, as element content or a quoted attribute value: control
/// characters and escape sequences removed as on a terminal, then `& < > " '`
/// written as references.
pub(crate) fn escape(raw: &str) -> String {
    let clean = terminal_safe(raw);
    let mut out = String::with_capacity(clean.len());
    for c in clean.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A report page being written, top to bottom.
pub(crate) struct Page {
    out: String,
}

impl Page {
    /// The page's head, its title as the first heading, and `meta` (what was
    /// audited, when) under it.
    pub fn new(title: &str, meta: &str) -> Page {
        let title = escape(title);
        let mut out = String::with_capacity(64 * 1024);
        let _ = write!(
            out,
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
             <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; \
             style-src 'unsafe-inline'; img-src data:; script-src 'sha256-{SORT_SCRIPT_SHA256}'\">\n\
             <meta name=\"referrer\" content=\"no-referrer\">\n\
             <title>{title}</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n\
             <header><h1>{title}</h1><p class=\"meta\">{meta}</p></header>\n<main>\n",
            meta = escape(meta),
        );
        Page { out }
    }

    /// A warning box: a partial audit, a filtered view.
    pub fn notice(&mut self, text: &str) {
        let _ = writeln!(self.out, "<p class=\"notice\" role=\"note\">{}</p>", escape(text));
    }

    pub fn heading(&mut self, text: &str) {
        let _ = writeln!(self.out, "<h2>{}</h2>", escape(text));
    }

    pub fn paragraph(&mut self, text: &str) {
        let _ = writeln!(self.out, "<p>{}</p>", escape(text));
    }

    /// Summary figures as labelled cards.
    pub fn facts<L: AsRef<str>, V: AsRef<str>>(&mut self, facts: &[(L, V)]) {
        self.out.push_str("<dl class=\"facts\">\n");
        for (label, value) in facts {
            let _ = writeln!(
                self.out,
                "<div><dt>{}</dt><dd>{}</dd></div>",
                escape(label.as_ref()),
                escape(value.as_ref())
            );
        }
        self.out.push_str("</dl>\n");
    }

    /// Charts made by [`bars`], [`columns`] or [`lines`], side by side.
    pub fn charts(&mut self, charts: &[String]) {
        if charts.is_empty() {
            return;
        }
        self.out.push_str("<div class=\"charts\">\n");
        for chart in charts {
            self.out.push_str(chart);
            self.out.push('\n');
        }
        self.out.push_str("</div>\n");
    }

    pub fn table(&mut self, table: &Table) {
        let _ = write!(
            self.out,
            "<table class=\"sortable\"><caption>{}</caption>\n<thead><tr>",
            escape(&table.caption)
        );
        for column in &table.columns {
            let class = if column.numeric { " class=\"num\"" } else { "" };
            let _ = write!(self.out, "<th scope=\"col\"{class}>{}</th>", escape(column.title));
        }
        self.out.push_str("</tr></thead>\n<tbody>\n");
        for row in &table.rows {
            self.out.push_str("<tr>");
            for (cell, column) in row.iter().zip(&table.columns) {
                cell.write(&mut self.out, column.numeric);
            }
            self.out.push_str("</tr>\n");
        }
        self.out.push_str("</tbody></table>\n");
    }

    /// The footer (which tool wrote it), the sorting script, the end.
    pub fn finish(mut self, tool: &Tool) -> String {
        let _ = write!(
            self.out,
            "</main>\n<footer>Written by {} {}. Tables sort when a column heading is clicked.</footer>\n\
             <script>{SORT_SCRIPT}</script>\n</body>\n</html>\n",
            escape(&tool.name),
            escape(&tool.version)
        );
        self.out
    }
}

/// A table of the report: a caption, typed columns, rows of cells.
pub(crate) struct Table {
    pub caption: String,
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<Cell>>,
}

impl Table {
    pub fn new(caption: impl Into<String>, columns: &[(&'static str, bool)]) -> Table {
        Table {
            caption: caption.into(),
            columns: columns
                .iter()
                .map(|&(title, numeric)| Column { title, numeric })
                .collect(),
            rows: Vec::new(),
        }
    }
}

pub(crate) struct Column {
    pub title: &'static str,
    /// Right-aligned, sorted by value.
    pub numeric: bool,
}

/// One cell: its text, and a link when it is a URL.
pub(crate) struct Cell {
    text: String,
    link: bool,
    warn: bool,
}

impl Cell {
    pub fn text(text: impl Into<String>) -> Cell {
        Cell {
            text: text.into(),
            link: false,
            warn: false,
        }
    }

    /// A URL, shown as a link when it is http(s) (never `javascript:` or
    /// `data:`), opened without a referrer.
    pub fn url(url: impl Into<String>) -> Cell {
        let text = url.into();
        let link = text.starts_with("https://") || text.starts_with("http://");
        Cell {
            text,
            link,
            warn: false,
        }
    }

    /// Shown in the warning colour.
    pub fn warn(mut self, warn: bool) -> Cell {
        self.warn = warn;
        self
    }

    fn write(&self, out: &mut String, numeric: bool) {
        let text = escape(&self.text);
        let mut classes = Vec::new();
        if numeric {
            classes.push("num");
        }
        if self.warn {
            classes.push("toxic");
        }
        let class = if classes.is_empty() {
            String::new()
        } else {
            format!(" class=\"{}\"", classes.join(" "))
        };
        if self.link {
            let _ = write!(
                out,
                "<td{class}><a href=\"{text}\" rel=\"nofollow noopener noreferrer\">{text}</a></td>"
            );
        } else {
            let _ = write!(out, "<td{class}>{text}</td>");
        }
    }
}

#[cfg(test)]
mod tests;
