"""Markdown blocks the README needs beyond escaping: reference-style links and pipe tables.

awesome-lint refuses the same URL as two inline links, so links are references defined once at the end of the
document; that is a property of the whole document, so it is built here rather than line by line in the
template.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .text import markdown_url

_BLANKS = re.compile(r"[\t\n\r ]+")


class References:
    """Links written as `[text][label]` with labels made from ids (`[cutie]`, `[cutie-code]`), not numbers in
    order of use: adding a paper then changes only the lines about it, so pull requests merge cleanly.

    Each label has one `[label]: url` definition, listed in label order. Two URLs that want the same label
    (paper `a`'s code and a paper whose id is `a-code`) cannot share it: the later one gets `label--2`, a
    spelling ids cannot take.
    """

    def __init__(self) -> None:
        self._urls: dict[str, str] = {}

    def link(self, text: str, url: str, label: str) -> str:
        """A reference link to `url` with already-escaped `text`, under `label` (lowercase, from ids)."""
        taken, number = label, 1
        while self._urls.setdefault(taken, url) != url:
            number += 1
            taken = f"{label}--{number}"
        if _identifier(text) == _identifier(taken):  # remark wants `[Cutie][]`, not `[Cutie][cutie]`
            return f"[{text}][]"
        return f"[{text}][{taken}]"

    def definitions(self) -> str:
        """Every definition, one per line, sorted by label."""
        return "\n".join(f"[{label}]: {markdown_url(url)}" for label, url in sorted(self._urls.items()))


def _identifier(text: str) -> str:
    """A link label as remark matches it: runs of spaces, tabs and line breaks as one space, case folded."""
    return _BLANKS.sub(" ", text).strip(" ").casefold()


def table(headers: Sequence[str], right: Sequence[bool], rows: Sequence[Sequence[str]]) -> str:
    """A pipe table, one row per line, its cells not padded to a common width: a row's line then changes only
    when the row does, so one new paper changes a line or two of a table instead of every line of it. (The
    README turns off awesome-lint's pipe-alignment rule around its tables for this.) `right` marks the
    right-aligned columns."""

    def line(cells: Sequence[str]) -> str:
        return "| " + " | ".join(cells) + " |"

    return "\n".join([line(headers), line(["--:" if align else "---" for align in right]), *map(line, rows)])
