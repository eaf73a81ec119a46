"""BibTeX entries for papers.

Written with an escape table rather than pybtex's writer: its per-character LaTeX codec cost a millisecond an
entry (13 s for 10,000 papers), and the fields here are plain text that only needs LaTeX's specials escaped.
"""

from __future__ import annotations

import re

from ..catalog import Catalog
from ..models import Paper

_ESCAPES = str.maketrans(
    {
        "\\": r"\textbackslash{}",
        "{": r"\textbraceleft{}",
        "}": r"\textbraceright{}",
        "%": r"\%",
        "&": r"\&",
        "$": r"\$",
        "#": r"\#",
        "_": r"\_",
        "^": r"\textasciicircum{}",
        "~": r"\textasciitilde{}",
        '"': '{"}',
    }
)
"""LaTeX's special characters as text. Braces become commands, since BibTeX counts even escaped braces."""
_SEPARATOR = re.compile(r",|\band\b", re.IGNORECASE)
"""A name containing these would be split by BibTeX; such a name is kept whole in braces."""


_URL_ESCAPES = str.maketrans({"{": "%7B", "}": "%7D", "\\": "%5C"})
"""A URL is read verbatim by the url package (biblatex, hyperref): escaping its _ or % would break the link.
Links are printable ASCII without spaces (models.Url); only braces, which would unbalance the field, and
backslashes are percent-encoded, which leaves the address the same."""


def _value(text: str) -> str:
    return f'"{text.translate(_ESCAPES)}"'


def _url(url: str) -> str:
    return "{" + url.translate(_URL_ESCAPES) + "}"


def _name(name: str) -> str:
    escaped = name.translate(_ESCAPES)
    return f"{{{escaped}}}" if _SEPARATOR.search(name) else escaped


def bibtex_entry(catalog: Catalog, paper: Paper) -> str:
    """The paper's BibTeX entry keyed by its id; entries joined by newlines make one .bib file."""
    venue = catalog.venues[paper.venue]
    fields = [("author", '"' + " and ".join(_name(name) for name in paper.authors) + '"')]
    fields += [("title", _value(paper.title)), ("year", f'"{paper.year}"')]
    if venue.kind == "journal":
        kind = "article"
        fields.append(("journal", _value(venue.full_name)))
    elif venue.kind == "preprint":
        kind = "misc"
    else:
        kind = "inproceedings"
        fields.append(("booktitle", _value(venue.full_name)))
    if paper.arxiv:
        fields += [("eprint", _value(paper.arxiv)), ("archivePrefix", '"arXiv"')]
    url = paper.links.paper or (f"https://arxiv.org/abs/{paper.arxiv}" if paper.arxiv else None)
    if url:
        fields.append(("url", _url(url)))
    body = ",\n".join(f"    {name} = {value}" for name, value in fields)
    return f"@{kind}{{{paper.id},\n{body}\n}}\n"
