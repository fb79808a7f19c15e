"""Pack pages served on loopback into a WARC 1.1 file as Common Crawl writes
them: a gzip member per record, a warcinfo record first, then for each page a
request record and a response record holding the HTTP answer as it came (status
line and real headers, body as sent). For benches/discover.sh, not part of the tool.

    python3 pack_warc.py URLS_FILE OUT.warc.gz

Fetches the URLs one at a time over one kept-alive connection per host, writes
OUT.warc.gz (through a temporary file, renamed when complete) and prints, on
standard output, the pages packed and the bytes of HTML they hold.
"""

import http.client
import io
import os
import sys
from datetime import datetime, timezone
from urllib.parse import urlsplit

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

USER_AGENT = "CCBot/2.0 (https://commoncrawl.org/faq/)"


def fetch(connections, url):
    """Status line, headers (in order, as received) and body of a GET."""
    parts = urlsplit(url)
    connection = connections.get(parts.netloc)
    if connection is None:
        connection = connections[parts.netloc] = http.client.HTTPConnection(parts.netloc, timeout=30)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    request_headers = [("Host", parts.netloc), ("User-Agent", USER_AGENT), ("Accept", "text/html,*/*;q=0.8")]
    connection.request("GET", path, headers=dict(request_headers))
    response = connection.getresponse()
    body = response.read()
    status_line = f"{response.status} {response.reason}"
    return path, request_headers, status_line, response.getheaders(), body


def main(urls_file, out_path):
    with open(urls_file, encoding="utf-8") as file:
        urls = [line.strip() for line in file if line.strip()]
    connections = {}
    pages = html_bytes = 0
    partial = out_path + ".partial"
    with open(partial, "wb") as out:
        writer = WARCWriter(out, gzip=True, warc_version="1.1")
        info = {
            "software": "benches/peers/pack_warc.py (warcio)",
            "format": "WARC File Format 1.1",
            "isPartOf": "backlinks-bench",
        }
        writer.write_record(writer.create_warcinfo_record(os.path.basename(out_path), info))
        for url in urls:
            path, request_headers, status_line, headers, body = fetch(connections, url)
            date = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
            request = writer.create_warc_record(
                url,
                "request",
                payload=io.BytesIO(b""),
                http_headers=StatusAndHeaders(f"GET {path} HTTP/1.1", request_headers, is_http_request=True),
                warc_headers_dict={"WARC-Date": date},
            )
            response = writer.create_warc_record(
                url,
                "response",
                payload=io.BytesIO(body),
                length=None,
                http_headers=StatusAndHeaders(status_line, headers, protocol="HTTP/1.1"),
                warc_headers_dict={"WARC-Date": date},
            )
            request.rec_headers.add_header("WARC-Concurrent-To", response.rec_headers.get_header("WARC-Record-ID"))
            writer.write_record(request)
            writer.write_record(response)
            pages += 1
            html_bytes += len(body)
    os.replace(partial, out_path)
    print(pages, html_bytes)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: pack_warc.py URLS_FILE OUT.warc.gz")
    main(sys.argv[1], sys.argv[2])
