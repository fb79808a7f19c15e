//! Column names of the link exports we read, and of the aggregate exports we
//! refuse. Names compare case-insensitively, ignoring spacing and punctuation,
//! so `Source url`, `SourceURL` and `source_url` are one name.

/// Columns that hold the linking page, most specific first. A generic name such
/// as `URL` loses to any specific one, so a target column is never taken.
const SOURCE_COLUMNS: &[(&str, Rank)] = &[
    ("Linking page", Rank::Specific),       // Google Search Console, Bing
    ("Referring page URL", Rank::Specific), // Ahrefs
    ("Source url", Rank::Specific),         // Semrush, Majestic, Moz (`SourceURL`)
    ("Source Page", Rank::Specific),        // Moz
    ("URL FROM", Rank::Specific),           // Linkody
    ("Source page URL", Rank::Specific),
    ("Referring page", Rank::Specific),
    ("Referring URL", Rank::Specific),
    ("Linking URL", Rank::Specific),
    ("Backlink URL", Rank::Specific),
    ("URL", Rank::Generic),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Rank {
    Specific,
    Generic,
}

/// The column chosen as the source column of an export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SourceColumn {
    pub index: usize,
    /// The header cell as written, for messages.
    pub name: String,
    pub rank: Rank,
}

/// Lowercase letters and digits only: the form in which names compare.
pub(crate) fn normalize(name: &str) -> String {
    name.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The best source column of a header: the most specific name, then the first.
pub(crate) fn find_source_column(header: &[String]) -> Option<SourceColumn> {
    header
        .iter()
        .enumerate()
        .filter_map(|(index, cell)| {
            let normal = normalize(cell);
            SOURCE_COLUMNS
                .iter()
                .find(|(known, _)| normalize(known) == normal)
                .map(|&(_, rank)| SourceColumn {
                    index,
                    name: cell.trim().to_string(),
                    rank,
                })
        })
        .min_by_key(|column| (column.rank, column.index))
}

/// The names we recognise, for the message that refuses an unknown header.
pub(crate) fn known_names() -> String {
    quote_list(SOURCE_COLUMNS.iter().map(|(name, _)| *name))
}

/// `a`, `b`, `c` — the way messages list names.
pub(crate) fn quote_list<S: AsRef<str>>(names: impl IntoIterator<Item = S>) -> String {
    names
        .into_iter()
        .map(|name| format!("`{}`", name.as_ref()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Search Console's aggregate exports ("Top linking sites", ...): counts, not links.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Aggregate {
    LinkingSites,
    LinkedPages,
    LinkingText,
}

impl Aggregate {
    /// Recognises an aggregate export by its columns.
    pub(crate) fn detect(header: &[String]) -> Option<Aggregate> {
        let names: Vec<String> = header.iter().map(|cell| normalize(cell)).collect();
        let has = |candidates: &[&str]| names.iter().any(|n| candidates.contains(&n.as_str()));
        if has(&["toplinkingsites"])
            || (has(&["site", "linkingsite", "domain"]) && has(&["linkingpages", "targetpages"]))
        {
            Some(Aggregate::LinkingSites)
        } else if has(&["toplinkedpages"])
            || (has(&["targetpage", "page", "toplinkedpage"]) && has(&["incominglinks", "linkingsites"]))
        {
            Some(Aggregate::LinkedPages)
        } else if has(&["toplinkingtext", "linkingtext"]) {
            Some(Aggregate::LinkingText)
        } else {
            None
        }
    }

    /// Why the export is refused and what to export instead.
    pub(crate) fn refusal(self) -> String {
        let (name, counts) = match self {
            Aggregate::LinkingSites => ("Top linking sites", "counts per site"),
            Aggregate::LinkedPages => ("Top linked pages", "counts per target page"),
            Aggregate::LinkingText => ("Top linking text", "counts per anchor text"),
        };
        format!(
            "this is Search Console's \"{name}\" export ({counts}, not links): \
             export \"Latest links\" instead (Links → Export external links → Latest links)"
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header(cells: &[&str]) -> Vec<String> {
        cells.iter().map(|c| c.to_string()).collect()
    }

    fn source_of(cells: &[&str]) -> Option<String> {
        find_source_column(&header(cells)).map(|c| c.name)
    }

    #[test]
    fn names_ignore_case_spacing_and_punctuation() {
        assert_eq!(normalize(" Source_URL "), "sourceurl");
        assert_eq!(normalize("SourceURL"), "sourceurl");
        assert_eq!(normalize("URL-from"), "urlfrom");
    }

    #[test]
    fn each_tool_source_column_is_found() {
        for (cells, expected) in [
            (&["Linking page", "Last crawled"][..], "Linking page"),
            (&["Linking page", "Target page"][..], "Linking page"),
            (
                &["Referring page title", "Referring page URL", "Target URL"][..],
                "Referring page URL",
            ),
            (
                &["Page ascore", "Source title", "Source url", "Target url"][..],
                "Source url",
            ),
            (&["Target URL", "SourceURL", "AnchorText"][..], "SourceURL"),
            (
                &["Source Page Title", "Source Page", "Target URL"][..],
                "Source Page",
            ),
            (
                &["URL FROM", "EXPECTED LANDING PAGE URL", "EXPECTED ANCHOR"][..],
                "URL FROM",
            ),
            (&["Title", "URL"][..], "URL"),
        ] {
            assert_eq!(source_of(cells).as_deref(), Some(expected), "{cells:?}");
        }
    }

    #[test]
    fn a_specific_name_beats_a_generic_url_column_wherever_it_sits() {
        assert_eq!(source_of(&["URL", "Source url"]).as_deref(), Some("Source url"));
    }

    #[test]
    fn target_and_near_miss_columns_are_never_taken() {
        assert_eq!(source_of(&["Target URL", "Target page", "Anchor"]), None);
        assert_eq!(source_of(&["Linking pages", "Source Page Title", "URLs"]), None);
    }

    #[test]
    fn the_first_of_two_equal_columns_wins() {
        let column = find_source_column(&header(&["a", "url", "URL"])).unwrap();
        assert_eq!(column.index, 1);
    }

    #[test]
    fn aggregates_are_recognised() {
        let sites = header(&["Site", "Linking pages", "Target pages"]);
        assert_eq!(Aggregate::detect(&sites), Some(Aggregate::LinkingSites));
        let pages = header(&["Target page", "Incoming links", "Linking sites"]);
        assert_eq!(Aggregate::detect(&pages), Some(Aggregate::LinkedPages));
        let top = header(&["Top linked pages", "Incoming links"]);
        assert_eq!(Aggregate::detect(&top), Some(Aggregate::LinkedPages));
        let text = header(&["Top linking text"]);
        assert_eq!(Aggregate::detect(&text), Some(Aggregate::LinkingText));
    }

    #[test]
    fn link_exports_are_not_aggregates() {
        assert_eq!(
            Aggregate::detect(&header(&["Linking page", "Last crawled"])),
            None
        );
        assert_eq!(Aggregate::detect(&header(&["Linking page", "Target page"])), None);
        assert_eq!(Aggregate::detect(&header(&["Site"])), None);
    }

    #[test]
    fn refusal_says_what_to_export_instead() {
        let message = Aggregate::LinkingSites.refusal();
        assert!(message.contains("\"Top linking sites\""), "{message}");
        assert!(message.contains("export \"Latest links\" instead"), "{message}");
    }
}
