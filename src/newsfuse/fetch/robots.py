"""robots.txt as RFC 9309 reads it: the group for our product token (else `*`), longest match wins.

`urllib.robotparser` takes the first matching rule in file order, so the common
`Disallow: /` + `Allow: /news/` denies /news/; it ignores `*` and `$` in paths and does not merge
two groups naming the same agent. This parser follows the RFC for those cases:

- groups start at one or more `User-agent` lines; all groups naming our token (case-insensitive,
  `newsfuse/1.0` counts) are merged, else all `*` groups; no group for us means everything is allowed;
- a rule's path may use `*` (any characters) and a final `$` (end of URL); the longest matching
  rule wins, `Allow` on a tie; paths are compared with percent-encoding normalised;
- `/robots.txt` itself is always allowed; `Crawl-delay` of our group is kept (not in the RFC, but
  widely used, and honoured by the fetcher as a larger per-host interval);
- only the first 500 KiB are parsed (the RFC's minimum).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from urllib.parse import quote

__all__ = ["PARSE_LIMIT", "Robots", "parse_robots"]

PARSE_LIMIT = 500 * 1024
_AGENT_KEYS = {"user-agent", "useragent", "user agent"}
_UNRESERVED = set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
_ESCAPE = re.compile(r"%([0-9A-Fa-f]{2})")


@dataclass(frozen=True)
class _Rule:
    allow: bool
    pattern: str  # normalised
    regex: re.Pattern[str] | None  # when the pattern has `*` or a final `$`

    def matches(self, target: str) -> bool:
        if self.regex is not None:
            return self.regex.match(target) is not None
        return target.startswith(self.pattern)


@dataclass(frozen=True)
class Robots:
    """The rules that apply to us on one origin. `unavailable` says why everything is denied when
    robots.txt could not be read (a 5xx or no answer: RFC 9309 asks to assume complete disallow);
    `unreachable` when that was the network (the reason is then the site's problem as a whole)."""

    rules: tuple[_Rule, ...] = ()
    crawl_delay: float | None = None
    unavailable: str | None = None
    unreachable: bool = False

    @classmethod
    def allow_all(cls) -> Robots:
        return cls()

    @classmethod
    def deny_all(cls, reason: str, *, unreachable: bool = False) -> Robots:
        return cls(unavailable=reason, unreachable=unreachable)

    def allowed(self, path: str) -> bool:
        """Whether a URL's path (with its query string) may be fetched."""
        if path.split("?", 1)[0] == "/robots.txt":
            return True
        if self.unavailable is not None:
            return False
        target = _normalise(path or "/")
        best: _Rule | None = None
        for rule in self.rules:
            if not rule.matches(target):
                continue
            if (
                best is None
                or len(rule.pattern) > len(best.pattern)
                or (len(rule.pattern) == len(best.pattern) and rule.allow)
            ):
                best = rule
        return best is None or best.allow


def parse_robots(data: bytes | str, token: str = "newsfuse") -> Robots:
    """The rules of a robots.txt body for the product token `token`."""
    text = data[:PARSE_LIMIT].decode("utf-8", "replace") if isinstance(data, bytes) else data[:PARSE_LIMIT]
    text = text.lstrip("\ufeff")
    token = token.lower()
    groups: list[tuple[list[str], list[tuple[str, str]]]] = []
    agents: list[str] = []
    lines: list[tuple[str, str]] = []
    for raw in re.split(r"\r\n|\r|\n", text):
        line = raw.split("#", 1)[0]
        key, sep, value = line.partition(":")
        if not sep:
            continue
        key, value = key.strip().lower(), value.strip()
        if key in _AGENT_KEYS:
            if lines:  # a user-agent line after rules starts a new group
                groups.append((agents, lines))
                agents, lines = [], []
            agents.append(value)
        elif agents and key in ("allow", "disallow", "crawl-delay"):
            lines.append((key, value))
    if agents:
        groups.append((agents, lines))

    ours = [body for names, body in groups if any(_product(name) == token for name in names)]
    if not ours:
        ours = [body for names, body in groups if any(name.strip() == "*" for name in names)]
    rules: list[_Rule] = []
    delay: float | None = None
    for body in ours:
        for key, value in body:
            if key == "crawl-delay":
                seconds = _seconds(value)
                if seconds is not None and delay is None:
                    delay = seconds
            elif value:  # an empty Disallow (or Allow) matches nothing
                rules.append(_rule(key == "allow", value))
    return Robots(tuple(rules), delay)


def _product(name: str) -> str:
    """`newsfuse/1.0 (+x)` -> `newsfuse`."""
    word = name.strip().split(None, 1)[0] if name.strip() else ""
    return word.split("/", 1)[0].lower()


def _seconds(value: str) -> float | None:
    try:
        seconds = float(value)
    except ValueError:
        return None
    return seconds if math.isfinite(seconds) and seconds >= 0 else None


def _rule(allow: bool, path: str) -> _Rule:
    if not path.startswith(("/", "*")):
        path = "/" + path
    pattern = _normalise(path)
    regex = None
    if "*" in pattern or pattern.endswith("$"):
        anchored = pattern.endswith("$")
        body = pattern[:-1] if anchored else pattern
        source = ".*".join(re.escape(piece) for piece in body.split("*"))
        regex = re.compile(source + (r"\Z" if anchored else ""), re.DOTALL)
    return _Rule(allow, pattern, regex)


def _normalise(path: str) -> str:
    """Percent-encoding made comparable: non-ASCII as UTF-8 escapes, escapes upper-case, escaped
    unreserved characters decoded (`%7E` -> `~`)."""
    path = quote(path, safe="".join(chr(c) for c in range(0x21, 0x7F)))

    def fix(match: re.Match[str]) -> str:
        char = chr(int(match.group(1), 16))
        return char if char in _UNRESERVED else "%" + match.group(1).upper()

    return _ESCAPE.sub(fix, path)
