"""Fetching feeds and article pages over http(s), politely: what a site's operator sees.

    with Fetcher(settings) as fetcher:
        page = fetcher.get("https://example.org/news/1")             # Fetched, or raises FetchError
        feed = fetcher.get(url, etag=kept_etag, last_modified=kept)  # .not_modified on a 304
        for request, result in fetcher.get_many(urls):               # concurrent, as they complete
            ...

Nothing is fetched at import or when a Fetcher is made: only a `get` touches the network, and
only http and https URLs are fetched.

What a site's operator sees in the logs:

- **Who**: `User-Agent: newsfuse/<version> (+<contact>)`, the contact being the
  `user_agent_contact` setting (an e-mail address or URL) when set; robots.txt groups are
  matched on the product token `newsfuse`.
- **robots.txt first**: one `GET /robots.txt` per origin (scheme, host, port) before anything
  else there, kept 24 h. Its rules (RFC 9309: our group, else `*`; the longest matching
  Allow/Disallow wins) are checked for every URL and every redirect hop; a disallowed URL is
  never requested. A robots.txt answered 4xx means no rules; answered 5xx or 429, or not answered,
  means nothing on that origin is fetched for now (asked again after 5 minutes; an origin that
  cannot be reached at all fails fast with that problem, e.g. "host not found", until then).
- **Pace**: at most `fetch_host_concurrency` (2) requests in flight per origin, their starts at
  least `fetch_host_interval` (1 s) apart, or the robots.txt `Crawl-delay` when larger (honoured
  up to `fetch_max_wait`); at most `fetch_concurrency` (16) requests in flight over all origins.
  Redirect hops, retries and robots.txt itself all go through the same pacing.
- **Retries**: a 429, 500, 502, 503 or 504, or a connection broken before the answer was complete,
  is retried up to `fetch_retries` (2) times: after the server's `Retry-After` (seconds or an
  HTTP date) when it sends one, else after 1 s, 2 s, 4 s... During the wait no other request goes
  to that origin. A Retry-After longer than `fetch_max_wait` gives the fetch up, and the other
  requests to that origin fail at once until it has passed. Timeouts are not retried: a server
  that hangs costs one `fetch_timeout`, not (retries + 1) of them; nor are a refused connection,
  an unknown host, a TLS failure or a malformed answer (they do not mend within seconds).
- **Conditional requests**: `If-None-Match` / `If-Modified-Since` from the validators the caller
  kept, so an unchanged feed costs one request answered 304 with no body.
- **Limits**: `fetch_timeout` for each connect, read and write and twice that for a whole
  response (a server dripping bytes is cut off); `fetch_max_mb` on the body as received and as
  decoded from gzip/deflate/br (a Content-Length over it is refused before reading; an endless
  body or a decompression bomb is cut at the limit); `fetch_max_redirects` hops, loops refused.
- **Connections**: one HTTP/1.1 client per Fetcher, connections kept alive between requests;
  cookies a site sets live as long as the Fetcher (some sites' redirects need them), never on disk.

A long watch keeps one Fetcher: robots.txt, the per-origin clocks and any Retry-After live in it
(a new Fetcher per poll would read every robots.txt again).

Every failure is a `FetchError` of one line, `"<url>: <problem>"`, the problem naming the
setting when one applies ("server does not answer (no response in 20 s; setting fetch_timeout)").
"""

from newsfuse.fetch.client import Fetcher, user_agent
from newsfuse.fetch.result import Fetched, FetchError, FetchRequest, is_url

__all__ = ["FetchError", "FetchRequest", "Fetched", "Fetcher", "is_url", "user_agent"]
