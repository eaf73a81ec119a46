"""Whether each quoted source still shows its quote: the engine behind `awesome-vos verify-sources`.

A GitHub file is fetched as plain text at its ref, the pinned commit (raw.githubusercontent.com, or the base
given for tests); any other source is fetched as cited, an HTML page compared by its text content. Each
line of a quote must appear in the text, whitespace and table pipes aside (an HTML row is quoted as its cells
joined by " | "). Requests go through linkcheck.py, with its politeness and retries.
"""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Literal

from ..catalog import Catalog
from ..pins import RAW_BASE, Kind, github_file, kind
from ..provenance import shown
from .linkcheck import Outcome

Verdict = Literal["found", "changed", "moved", "dead", "blocked", "unverifiable"]
FAILING: frozenset[Verdict] = frozenset({"changed", "moved", "dead"})
"""What the weekly issue lists as needing a fix; `blocked` and `unverifiable` are listed as warnings."""
MAX_BYTES = 8 * 1024 * 1024
"""Most of a page read: README files and result pages are far smaller."""


@dataclass(frozen=True, slots=True)
class Cited:
    """One result's quoted source: where it is cited, the URL cited and what is fetched to check it."""

    place: str
    url: str
    fetch: str
    quote: str
    kind: Kind
    plain: bool
    """A GitHub file, read as plain text at its ref (a commit when pinned, else the branch as it is now)."""


@dataclass(frozen=True, slots=True)
class Check:
    """What became of one cited source."""

    cited: Cited
    verdict: Verdict
    detail: str


def cited_sources(catalog: Catalog, raw_base: str = RAW_BASE) -> list[Cited]:
    """Every result's source with its quote."""
    cited: list[Cited] = []
    for row in catalog.rows:
        source = row.result.source
        file = github_file(source.url)
        fetch = source.url.split("#", 1)[0] if file is None else file.raw(raw_base)
        place = f"data/papers/{row.paper.id}.yaml: results[{row.index}]"
        cited.append(Cited(place, source.url, fetch, source.quote, kind(source.url), file is not None))
    return cited


_HIDDEN = frozenset({"script", "style", "template"})


class _TextOf(HTMLParser):
    """The text a reader sees: script and style dropped, every tag a word break."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _HIDDEN:
            self.hidden += 1
        self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN and self.hidden:
            self.hidden -= 1
        self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


def _comparable(text: str) -> str:
    """Text with table pipes and runs of whitespace made single spaces, for finding a quote in a page."""
    return " ".join(text.replace("|", " ").split())


def page_text(outcome: Outcome, plain: bool) -> str:
    """The comparable text of an answer; `plain` files (GitHub files) are compared as they stand."""
    body = outcome.body or b""
    _, _, charset = outcome.content_type.partition("charset=")
    try:
        text = body.decode(charset.split(";")[0].strip() or "utf-8", errors="replace")
    except LookupError:
        text = body.decode("utf-8", errors="replace")
    if not plain and "html" in outcome.content_type.lower():
        parser = _TextOf()
        parser.feed(text)
        parser.close()
        text = "".join(parser.parts)
    return _comparable(text)


def _has(page: str, quote: str, plain: bool) -> bool:
    lines = [line for line in quote.splitlines() if line.strip()]
    return all(_comparable(line if plain else html.unescape(line)) in page for line in lines)


def verdicts(cited: Iterable[Cited], outcomes: Iterable[Outcome]) -> list[Check]:
    """Each cited source's verdict from the answer to its fetch URL; sorted by place."""
    answers = {outcome.url: outcome for outcome in outcomes}
    pages: dict[str, str] = {}
    checks: list[Check] = []
    for item in cited:
        outcome = answers[item.fetch]
        if outcome.verdict == "broken":
            checks.append(Check(item, "dead", outcome.detail))
            continue
        if outcome.verdict == "warning":
            checks.append(Check(item, "blocked", f"{outcome.detail}; check by hand"))
            continue
        if item.fetch not in pages:
            pages[item.fetch] = page_text(outcome, item.plain)
        found = _has(pages[item.fetch], item.quote, item.plain)
        if outcome.final_url is not None:
            where = "the quote is there" if found else "the quote is not there"
            checks.append(Check(item, "moved", f"redirects to {outcome.final_url}; {where}"))
        elif found:
            checks.append(Check(item, "found", outcome.detail))
        elif item.kind.startswith("arxiv"):
            detail = "not on the abstract page; a table of the paper cannot be compared automatically"
            checks.append(Check(item, "unverifiable", detail))
        else:
            checks.append(Check(item, "changed", "the page answers but no longer shows the quote"))
    return sorted(checks, key=lambda check: check.cited.place)


def _cell(text: str) -> str:
    """Text safe in a Markdown table cell of a GitHub issue."""
    return html.escape(text, quote=False).replace("|", "\\|").replace("\n", " ")


_SECTIONS: tuple[tuple[Verdict, str], ...] = (
    ("changed", "Changed: the page no longer shows the quote"),
    ("moved", "Moved: the URL redirects; cite the new one"),
    ("dead", "Dead: no answer"),
    ("blocked", "Blocked (refused robots or rate-limited; check by hand)"),
    ("unverifiable", "Not verifiable automatically (the quote is in the paper, not on its page)"),
)


def report(checks: list[Check]) -> str:
    """Markdown for the weekly issue: a count line, then one table per verdict that needs a look."""
    counts = Counter(check.verdict for check in checks)
    summary = ", ".join(f"{counts[verdict]} {verdict}" for verdict in ("found", *(v for v, _ in _SECTIONS)))
    pages = len({check.cited.fetch for check in checks})
    lines = [
        f"Checked {len(checks)} quoted sources on {pages} pages: {summary}.",
        "",
    ]
    for verdict, title in _SECTIONS:
        items = [check for check in checks if check.verdict == verdict]
        if not items:
            continue
        lines += [f"### {title}", "", "| Result | Source | Answer | Quote |", "| --- | --- | --- | --- |"]
        lines += [
            f"| `{check.cited.place}` | <{check.cited.url}> | {_cell(check.detail)} | "
            f"{_cell(shown(check.cited.quote))} |"
            for check in items
        ]
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"
