//! TEMPORARY: phase timings on the bench corpus (deleted before hand-off).
use super::*;
use std::time::Instant;

#[test]
#[ignore]
fn phases() {
    let dir = std::path::Path::new("/tmp/bench-corpus");
    let list = std::fs::read_to_string(dir.join("pages.txt")).unwrap();
    let target = Target::parse("github.com").unwrap();
    let mut docs = Vec::new();
    for rel in list.lines().filter(|l| !l.is_empty()) {
        let body = std::fs::read(dir.join(rel)).unwrap();
        let html = decode::decode_html(&body, Some("text/html"));
        let url = Url::parse(&format!("http://127.0.0.1:18080/{rel}")).unwrap();
        let document = Html::parse_document(&html);
        docs.push((html, url, document));
    }
    let mut judged = Vec::new();
    let t = Instant::now();
    for (i, (html, url, document)) in docs.iter().enumerate() {
        let scan = scan::PageScan::of(document);
        let resolver = resolve::Resolver::new(url, scan.base_href, &target);
        let _ = scan.canonical.resolve(html, url);
        let ids: Vec<_> = scan
            .anchors
            .iter()
            .filter(|(_, h)| resolver.resolve(h).is_some())
            .map(|(e, _)| e.id())
            .collect();
        if !ids.is_empty() {
            judged.push((i, ids));
        }
    }
    eprintln!("scan all: {:?}, judged {}", t.elapsed(), judged.len());
    for _ in 0..3 {
        let t = Instant::now();
        let mut walks = Vec::new();
        for (i, ids) in &judged {
            walks.push(walk::walk(&docs[*i].2, ids));
        }
        let walk_time = t.elapsed();
        let t = Instant::now();
        let mut n = 0;
        for ((i, _), w) in judged.iter().zip(&walks) {
            n += spam::find(None, Some(&docs[*i].1), &w.text, &[]).len();
        }
        let spam_time = t.elapsed();
        let t = Instant::now();
        for (i, _) in &judged {
            let scan = scan::PageScan::of(&docs[*i].2);
            let resolver = resolve::Resolver::new(&docs[*i].1, scan.base_href, &target);
            n += external::count(
                scan.anchors.iter().map(|(_, h)| *h),
                resolver.base(),
                Some("127.0.0.1"),
            )
            .0;
        }
        let ext_time = t.elapsed();
        let t = Instant::now();
        for (i, _) in &judged {
            let _ = walk::walk(&docs[*i].2, &[]).words;
        }
        let walk2 = t.elapsed();
        let t = Instant::now();
        for (i, _) in &judged {
            let mut c = 0usize;
            for node in docs[*i].2.tree.root().descendants() {
                c += usize::from(node.value().is_element());
            }
            n += c;
        }
        let trav = t.elapsed();
        let t = Instant::now();
        for (i, _) in &judged {
            let mut c = 0usize;
            for edge in docs[*i].2.tree.root().traverse() {
                match edge {
                    ego_tree::iter::Edge::Open(node) => match node.value() {
                        scraper::Node::Element(e) => c += e.name().len(),
                        scraper::Node::Text(t) => c += t.len(),
                        _ => {}
                    },
                    ego_tree::iter::Edge::Close(node) => c += usize::from(node.value().is_element()),
                }
            }
            n += c;
        }
        let trav2 = t.elapsed();
        let t = Instant::now();
        for (i, _) in &judged {
            let mut stats = words::TextStats::default();
            for node in docs[*i].2.tree.root().descendants() {
                if let scraper::Node::Text(t) = node.value() { stats.add(t); }
            }
            n += stats.words;
        }
        let textonly = t.elapsed();
        eprintln!("traverse edges {trav2:?}, text stats only {textonly:?}");
        let text_bytes: usize = walks.iter().map(|w| w.text.len()).sum();
        eprintln!("walk {walk_time:?} (again {walk2:?}), spam {spam_time:?} over {text_bytes} bytes, scan+external {ext_time:?}, bare traversal {trav:?} [{n}]");
    }
}
