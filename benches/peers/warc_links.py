"""What a data engineer writes instead of `backlinks discover`: read a WARC
with warcio, parse every HTML response with selectolax, resolve every
a[href] and area[href] against the page's <base> (else its URL), and keep the
links whose host is a target or one of its subdomains, with their rel and
anchor text. A peer for benches/discover.sh, not part of the tool.

    python3 warc_links.py WARC TARGET [TARGET...]

Prints one JSON object a line per link (target, source_url, target_url, rel,
anchor_text) and, on standard error, the pages and links.
"""

import json
import sys
from urllib.parse import urljoin, urlsplit

from selectolax.lexbor import LexborHTMLParser
from warcio.archiveiterator import ArchiveIterator


def links(targets, page_url, html):
    tree = LexborHTMLParser(html)
    base = page_url
    base_tag = tree.css_first("base[href]")
    if base_tag is not None:
        base = urljoin(page_url, base_tag.attributes.get("href") or "")
    for anchor in tree.css("a[href], area[href]"):
        href = urljoin(base, (anchor.attributes.get("href") or "").strip())
        parts = urlsplit(href)
        if parts.scheme not in ("http", "https"):
            continue
        host = (parts.hostname or "").rstrip(".")
        for target in targets:
            if host == target or host.endswith("." + target):
                rel = (anchor.attributes.get("rel") or "").replace(",", " ").lower().split()
                text = " ".join(anchor.text(deep=True).split())
                yield {"target": target, "source_url": page_url, "target_url": href, "rel": rel, "anchor_text": text}


def main(path, targets):
    pages = found = 0
    out = sys.stdout
    with open(path, "rb") as archive:
        for record in ArchiveIterator(archive):
            if record.rec_type != "response" or record.http_headers is None:
                continue
            if record.http_headers.get_statuscode() != "200":
                continue
            if "html" not in (record.http_headers.get_header("Content-Type") or ""):
                continue
            url = record.rec_headers.get_header("WARC-Target-URI")
            pages += 1
            for link in links(targets, url, record.content_stream().read()):
                out.write(json.dumps(link) + "\n")
                found += 1
    print(f"{pages} pages, {found} links", file=sys.stderr)


if __name__ == "__main__":
    if len(sys.argv) < 3:
        sys.exit("usage: warc_links.py WARC TARGET [TARGET...]")
    main(sys.argv[1], [target.lower() for target in sys.argv[2:]])
