"""BibTeX entries read back by pybtex (the parser `import-bibtex` uses) give the paper's own text."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest
from pybtex.database import parse_string

from awesome_vos.build import load_catalog
from awesome_vos.render.bibtex import bibtex_entry

FIXTURE = Path(__file__).parent / "fixtures" / "basic"

TITLES = [
    'Tracking 100% of "Objects" & Masks for $5 #1',
    r"A {Braced} Title with back\slash, under_score, caret^ and tilde~",
    "Ünïcode \u2013 Title: Segment Anything in Videos",
]
AUTHORS = [["Ada Example"], ["Piotr Van Gool", "Smith, Jr., John", "Ben Anderson"], ["Zoë Ångström"]]


@pytest.mark.parametrize(("title", "authors"), list(zip(TITLES, AUTHORS, strict=True)))
def test_entries_parse_back_to_the_same_text(title: str, authors: list[str]) -> None:
    catalog = load_catalog(FIXTURE)
    paper = dataclasses.replace(next(iter(catalog.papers.values())), title=title, authors=authors)
    parsed = parse_string(bibtex_entry(catalog, paper), "bibtex").entries[paper.id]
    assert _plain(parsed.fields["title"]) == title
    people = parsed.persons["author"]
    assert [_plain(str(person)) for person in people] == [_as_bibtex_reads(name) for name in authors]


LATEX = {
    r"\textbackslash{}": "\\",
    r"\textbraceleft{}": "{",
    r"\textbraceright{}": "}",
    r"\textasciicircum{}": "^",
    r"\textasciitilde{}": "~",
    '{"}': '"',
    **{f"\\{character}": character for character in "%&$#_"},
}
"""What standard LaTeX prints for each command, to read an entry's text back."""


def _plain(text: str) -> str:
    pattern = "|".join(re.escape(command) for command in LATEX)
    return re.sub(pattern, lambda match: LATEX[match.group(0)], text).removeprefix("{").removesuffix("}")


def _as_bibtex_reads(name: str) -> str:
    """BibTeX's reading of a name written first-name first (the last word is the surname); {kept whole}."""
    if "," in name:
        return name
    first, _, last = name.rpartition(" ")
    return f"{last}, {first}" if first else last


def test_every_fixture_paper_has_a_parseable_entry() -> None:
    catalog = load_catalog(FIXTURE)
    text = "\n".join(bibtex_entry(catalog, paper) for paper in catalog.papers.values())
    assert sorted(parse_string(text, "bibtex").entries) == sorted(catalog.papers)
