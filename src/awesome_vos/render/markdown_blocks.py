"""Markdown blocks the README needs beyond escaping: reference-style links and pipe-aligned tables.

awesome-lint refuses the same URL as two inline links and tables whose pipes do not line up; both are
properties of the whole document, so they are built here rather than line by line in the template.
"""

from __future__ import annotations

from collections.abc import Sequence

from .text import markdown_url


class References:
    """Links written as `[text][n]`, with one `[n]: url` definition per distinct URL, numbered in order of use."""

    def __init__(self) -> None:
        self._labels: dict[str, str] = {}

    def link(self, text: str, url: str) -> str:
        """A reference link to `url` with already-escaped `text`."""
        label = self._labels.setdefault(url, str(len(self._labels) + 1))
        return f"[{text}][{label}]"

    def definitions(self) -> str:
        """Every definition, one per line, in label order."""
        return "\n".join(f"[{label}]: {markdown_url(url)}" for url, label in self._labels.items())


def _width(text: str) -> int:
    """Width as remark counts it: UTF-16 code units."""
    return len(text.encode("utf-16-le")) // 2


def table(headers: Sequence[str], right: Sequence[bool], rows: Sequence[Sequence[str]]) -> str:
    """A pipe table with every column padded to its widest cell; `right` marks right-aligned columns."""
    widths = [
        max(3, _width(header), *(_width(row[index]) for row in rows)) for index, header in enumerate(headers)
    ]

    def line(cells: Sequence[str]) -> str:
        padded = [
            " " * (width - _width(cell)) + cell if align else cell + " " * (width - _width(cell))
            for cell, width, align in zip(cells, widths, right, strict=True)
        ]
        return "| " + " | ".join(padded) + " |"

    rule = (
        "| "
        + " | ".join(
            "-" * (width - 1) + ":" if align else "-" * width
            for width, align in zip(widths, right, strict=True)
        )
        + " |"
    )
    return "\n".join([line(headers), rule, *(line(row) for row in rows)])
