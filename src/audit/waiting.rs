//! A page's links as they wait for the profile pass. An audit of 100,000 pages
//! holds every link until the last page is in (flags such as `sitewide` need the
//! whole profile); as [`Link`]s that is eight allocations and about 450 bytes a
//! link, scattered between the fetchers' short-lived buffers. Packed, a page's
//! links are its three shared strings, one text buffer and two small arrays.

use crate::model::{AnchorKind, Flag, Link, LinkType, Placement};

/// The links of one page, packed; [`WaitingPage::unpack`] gives them back equal.
pub enum WaitingPage {
    Packed(Packed),
    /// Links that do not share their page's strings (none the extractor makes):
    /// kept as they came rather than packed wrongly.
    Loose(Vec<Link>),
}

pub struct Packed {
    source_url: Box<str>,
    source_host: Box<str>,
    source_domain: Box<str>,
    /// Each link's target, anchor text and rel tokens, one after the other.
    text: Box<str>,
    /// Where each of those strings ends in `text`.
    ends: Box<[u32]>,
    flags: Box<[Flag]>,
    links: Box<[Fixed]>,
}

/// The fields of a link that are not text.
struct Fixed {
    rel_tokens: u16,
    flag_count: u16,
    anchor_kind: AnchorKind,
    link_type: LinkType,
    placement: Placement,
    passes_equity: bool,
    hidden: bool,
    toxicity: u8,
    toxic: bool,
    weak: bool,
    rendered_only: bool,
}

impl WaitingPage {
    pub fn pack(links: Vec<Link>) -> WaitingPage {
        match Packed::new(&links) {
            Some(packed) => WaitingPage::Packed(packed),
            None => WaitingPage::Loose(links),
        }
    }

    pub fn len(&self) -> usize {
        match self {
            WaitingPage::Packed(packed) => packed.links.len(),
            WaitingPage::Loose(links) => links.len(),
        }
    }

    pub fn unpack(self) -> Vec<Link> {
        match self {
            WaitingPage::Packed(packed) => packed.unpack(),
            WaitingPage::Loose(links) => links,
        }
    }
}

impl Packed {
    /// None when the links do not all come from one page, or a count would not
    /// fit its field.
    fn new(links: &[Link]) -> Option<Packed> {
        let first = links.first()?;
        let same_page = |l: &Link| {
            l.source_url == first.source_url
                && l.source_host == first.source_host
                && l.source_domain == first.source_domain
        };
        if !links.iter().all(same_page) {
            return None;
        }
        let mut text = String::new();
        let mut ends = Vec::new();
        let mut flags = Vec::new();
        let mut fixed = Vec::with_capacity(links.len());
        for link in links {
            let pieces = [&link.target_url, &link.anchor_text].into_iter().chain(&link.rel);
            for piece in pieces {
                text.push_str(piece);
                ends.push(u32::try_from(text.len()).ok()?);
            }
            flags.extend_from_slice(&link.flags);
            fixed.push(Fixed {
                rel_tokens: u16::try_from(link.rel.len()).ok()?,
                flag_count: u16::try_from(link.flags.len()).ok()?,
                anchor_kind: link.anchor_kind,
                link_type: link.link_type,
                placement: link.placement,
                passes_equity: link.passes_equity,
                hidden: link.hidden,
                toxicity: link.toxicity,
                toxic: link.toxic,
                weak: link.weak,
                rendered_only: link.rendered_only,
            });
        }
        Some(Packed {
            source_url: first.source_url.as_str().into(),
            source_host: first.source_host.as_str().into(),
            source_domain: first.source_domain.as_str().into(),
            text: text.into(),
            ends: ends.into(),
            flags: flags.into(),
            links: fixed.into(),
        })
    }

    fn unpack(self) -> Vec<Link> {
        let mut start = 0;
        let mut ends = self.ends.iter();
        let mut next = || {
            let end = ends.next().map_or(start, |&end| end as usize);
            let piece = self.text[start..end].to_string();
            start = end;
            piece
        };
        let mut flags = self.flags.iter().copied();
        self.links
            .iter()
            .map(|fixed| Link {
                source_url: self.source_url.to_string(),
                source_host: self.source_host.to_string(),
                source_domain: self.source_domain.to_string(),
                target_url: next(),
                anchor_text: next(),
                rel: (0..fixed.rel_tokens).map(|_| next()).collect(),
                anchor_kind: fixed.anchor_kind,
                link_type: fixed.link_type,
                passes_equity: fixed.passes_equity,
                placement: fixed.placement,
                hidden: fixed.hidden,
                flags: flags.by_ref().take(usize::from(fixed.flag_count)).collect(),
                toxicity: fixed.toxicity,
                toxic: fixed.toxic,
                weak: fixed.weak,
                target_status: None,
                target_final_url: None,
                target_http_status: None,
                rendered_only: fixed.rendered_only,
            })
            .collect()
    }
}

#[cfg(test)]
mod tests;
