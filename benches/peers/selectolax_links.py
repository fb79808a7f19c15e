"""What a user would write instead of backlinks: fetch every page with aiohttp
(32 at once) and list the links to a target with selectolax, keeping each
link's rel and anchor text. A peer for benches/compare.sh, not part of the tool.

    python3 selectolax_links.py TARGET URLS_FILE [CONCURRENCY]

Prints one tab-separated line per link (source, href, rel, anchor text) and,
on stderr, the number of pages and links.
"""

import asyncio
import sys
from urllib.parse import urljoin, urlsplit

import aiohttp
from selectolax.lexbor import LexborHTMLParser


def links_to(target, page_url, html):
    tree = LexborHTMLParser(html)
    base = page_url
    base_tag = tree.css_first("base[href]")
    if base_tag is not None:
        base = urljoin(page_url, base_tag.attributes.get("href") or "")
    found = []
    for anchor in tree.css("a[href]"):
        href = urljoin(base, anchor.attributes.get("href") or "")
        host = (urlsplit(href).hostname or "").lower()
        if host == target or host.endswith("." + target):
            rel = anchor.attributes.get("rel") or ""
            text = " ".join(anchor.text(deep=True).split())
            found.append((page_url, href, rel, text))
    return found


async def main(target, urls_file, concurrency):
    with open(urls_file) as f:
        urls = [line.strip() for line in f if line.strip()]
    limit = asyncio.Semaphore(concurrency)
    connector = aiohttp.TCPConnector(limit=concurrency, limit_per_host=concurrency)
    out = []

    async def one(session, url):
        async with limit:
            try:
                async with session.get(url) as response:
                    body = await response.read()
            except aiohttp.ClientError:
                return
        out.extend(links_to(target, url, body.decode("utf-8", "replace")))

    async with aiohttp.ClientSession(connector=connector) as session:
        await asyncio.gather(*(one(session, url) for url in urls))
    sys.stdout.write("".join("\t".join(link) + "\n" for link in out))
    print(f"{len(urls)} pages, {len(out)} links", file=sys.stderr)


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], sys.argv[2], int(sys.argv[3]) if len(sys.argv) > 3 else 32))
