"""Escaping for the places our text lands: Markdown inline text, table cells, link targets, HTML."""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal
from urllib.parse import quote

import markdown
import nh3
from markupsafe import Markup

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|#!~])")
_ENTITY = re.compile(r"&(?=#?\w+;)")
_SPACE = re.compile(r"\s+")
_ALLOWED_TAGS = {"p", "a", "em", "strong", "code", "ul", "ol", "li", "br"}


def markdown_text(value: object) -> str:
    """Text that Markdown shows literally, on one line: no tag, link, emphasis or table break can form."""
    flat = _SPACE.sub(" ", str(value)).strip()
    return _ENTITY.sub("&amp;", _MARKDOWN_SPECIAL.sub(r"\\\1", flat))


def markdown_url(url: str) -> str:
    """A link target that cannot end the `( )` around it early."""
    return quote(url, safe=":/?#@!$&'*+,;=%-._~")


def figure(value: int | Decimal | str) -> str:
    """A dataset figure: whole numbers with thousands separators, anything else as stated."""
    if isinstance(value, int):
        return f"{value:,}"
    return format(value, "f") if isinstance(value, Decimal) else value


def slug(text: str) -> str:
    """GitHub's heading anchor: lowercase, punctuation dropped, spaces to hyphens."""
    text = unicodedata.normalize("NFKC", text).lower()
    text = re.sub(r"[^\w\- ]", "", text)
    return text.replace(" ", "-")


def markup(text: str) -> Markup:
    """Markdown from the data as HTML, cleaned by an allow-list so no script or handler survives."""
    html = markdown.markdown(text, output_format="html")
    return Markup(
        nh3.clean(
            html,
            tags=_ALLOWED_TAGS,
            attributes={"a": {"href", "title"}},
            url_schemes={"http", "https"},
            link_rel="noopener noreferrer",
        )
    )
