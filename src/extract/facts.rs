//! Page facts for a page that links to the target: the facts walk, then the
//! counts and verdicts that need the whole page.

use super::resolve::Base;
use super::walk::Walked;
use super::{external, spam, sponsored, ExtractOptions, PageFacts};
use crate::target::registrable_domain;
use url::Url;

/// What the page-level facts are computed from.
pub(crate) struct PageInput<'a> {
    pub page_url: &'a Url,
    pub title: Option<&'a str>,
    pub canonical: Option<String>,
    /// Every a[href]/area[href] value, and the URL they resolve against.
    pub hrefs: Vec<&'a str>,
    pub base: &'a Base<'a>,
}

/// Assembles the facts of a page from its walk.
pub(crate) fn page_facts(input: PageInput<'_>, walked: &mut Walked, options: &ExtractOptions) -> PageFacts {
    // A saved page's URL is a file: its stated URL says which site it is.
    let site_url = Some(input.page_url.clone())
        .filter(|url| matches!(url.scheme(), "http" | "https"))
        .or_else(|| input.canonical.as_deref().and_then(|c| Url::parse(c).ok()));
    let own_domain = site_url.as_ref().and_then(Url::host_str).map(registrable_domain);
    let (external_links, external_domains) = external::count(input.hrefs, input.base, own_domain.as_deref());
    PageFacts {
        words: walked.words,
        text_chars: walked.text_chars,
        link_text_chars: walked.link_text_chars,
        max_block_link_density: walked.max_block_link_density,
        external_links,
        external_domains,
        spam_terms: spam::find(
            input.title,
            site_url.as_ref(),
            &walked.text,
            &options.extra_spam_terms,
        ),
        sponsored_disclosure: sponsored::discloses(input.title, &walked.disclosure),
        tracking_ids: std::mem::take(&mut walked.tracking_ids).into_iter().collect(),
        frames: walked.frames,
        canonical: input.canonical,
    }
}

#[cfg(test)]
mod tests;
