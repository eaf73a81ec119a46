"""BibTeX entries into paper drafts: what a .bib file knows, mapped onto our fields and venues.

pybtex parses the file and decodes LaTeX ({\\"u} -> ü); we pick the venue from data/venues.yaml by its short
name or the words of its full name, and refuse entries that are already in the list, so an import can be
re-run on a growing .bib file without creating duplicates.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pybtex.bibtex.utils import split_name_list
from pybtex.database import BibliographyData, BibliographyDataError, InvalidNameString, Person, parse_string
from pybtex.plugin import find_plugin
from pybtex.richtext import Text
from pybtex.scanner import PybtexSyntaxError

from ..errors import DataError, DataErrors
from ..loader import load_document
from ..models import ARXIV_PATTERN, VENUES, Venue, normalise_title
from ..validate import validate
from .draft import PAPERS_DIR, Draft

_ARXIV_IN_TEXT = re.compile(r"([0-9]{4}\.[0-9]{4,5})(?:v[0-9]+)?")
_STOPWORDS = frozenset(
    {
        "a",
        "an",
        "and",
        "conference",
        "for",
        "in",
        "international",
        "ieee",
        "cvf",
        "of",
        "on",
        "proceedings",
        "the",
    }
)
_YEAR = re.compile(r"[0-9]{4}")
_ID_WORDS = 5
_METHOD_MAX = 30
_ID_MAX = 80


@dataclass(frozen=True)
class Refusal:
    """An entry not imported, and why."""

    key: str
    reason: str


@dataclass(frozen=True)
class Known:
    """What identifies a paper already in the list (id, arXiv id, normalised title), each to where it is."""

    ids: dict[str, str]
    arxiv: dict[str, str]
    titles: dict[str, str]

    def clash(self, draft: Draft) -> str | None:
        """Why `draft` is a paper we already have, or None."""
        if draft.arxiv and draft.arxiv in self.arxiv:
            return f"{self.arxiv[draft.arxiv]} has the same arXiv id {draft.arxiv}"
        title = normalise_title(draft.title)
        if title in self.titles:
            return f"{self.titles[title]} has the same title"
        if draft.id in self.ids:
            return (
                f"{self.ids[draft.id]} has the same id '{draft.id}' (if it is another paper, "
                "start it with `awesome-vos new <another-id>`)"
            )
        return None

    def add(self, draft: Draft, where: str) -> None:
        """Remember `draft`, found at `where`."""
        self.ids[draft.id] = where
        if draft.arxiv:
            self.arxiv[draft.arxiv] = where
        self.titles[normalise_title(draft.title)] = where


def known_papers(root: Path) -> Known:
    """Read data/papers leniently: a file that does not load still reserves its id."""
    known = Known({}, {}, {})
    for path in sorted((root / PAPERS_DIR).glob("*.yaml")):
        name = f"{PAPERS_DIR}/{path.name}"
        known.ids[path.stem] = name
        try:
            data = load_document(path, name).data
        except DataErrors:
            continue
        if not isinstance(data, dict):
            continue
        if isinstance(data.get("arxiv"), str):
            known.arxiv[data["arxiv"]] = name
        if isinstance(data.get("title"), str):
            known.titles[normalise_title(data["title"])] = name
    return known


def read_venues(root: Path) -> list[Venue]:
    """data/venues.yaml, validated; raises DataErrors."""
    document = load_document(root / "data" / "venues.yaml", "data/venues.yaml")
    venues: list[Venue] = validate(document, VENUES)
    return venues


def parse_bibtex(text: str, name: str) -> BibliographyData:
    """Parse BibTeX; syntax errors and repeated keys become DataErrors at their line. Author lists are kept
    as text, to be split entry by entry (`authors`), so that one malformed list refuses its entry only."""
    try:
        return parse_string(text, "bibtex", person_fields=())
    except PybtexSyntaxError as error:
        problem = str(error).split(": ", 1)[-1]
        hint = "check the braces and commas of this entry"
        raise DataErrors([DataError(name, error.lineno or 1, 1, "", f"BibTeX: {problem}", hint)]) from None
    except BibliographyDataError as error:
        raise DataErrors([DataError(name, 1, 1, "", f"BibTeX: {error}", "keep one entry per key")]) from None


@functools.cache
def _plain_text() -> Any:
    """pybtex's plain-text backend, found once: `render_as` looks it up among every installed package's entry
    points on each call (20 ms each, over a minute for 3,000 entries)."""
    return find_plugin("pybtex.backends", "text")()


_LATEX_MARKUP = re.compile(r"[\\{}$~%&#^_`]|--|''|,,")
"""What LaTeX reads as more than its characters (commands, groups, ligatures such as -- and ``); text without
any is its own plain text, and decoding it would cost most of an import."""


def latex_text(value: str) -> str:
    """LaTeX markup to plain text: braces dropped, accents decoded, spaces collapsed."""
    plain = Text.from_latex(value).render(_plain_text()) if _LATEX_MARKUP.search(value) else value
    return " ".join(plain.split())


class Malformed(ValueError):
    """An entry whose fields cannot be read as a paper; the message says which and why."""


def authors(text: str) -> list[str]:
    """The names of a BibTeX author list, in order; raises Malformed for a list BibTeX would misread (a name
    with too many commas, or an empty name around an `and`)."""
    names = []
    for name in split_name_list(text):
        words = name.split()
        if not words or words[0].lower() == "and" or words[-1].lower() == "and":
            raise Malformed(f"author list '{text}' has an empty name around an 'and'")
        try:
            names.append(_person(Person(name)))
        except InvalidNameString:
            raise Malformed(
                f"author '{name}' has too many commas (write 'Last, First' or 'First Last')"
            ) from None
    return names


def slug(text: str) -> str:
    """Lowercase kebab-case ASCII, as ids are."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def _words(text: str) -> set[str]:
    return {word for word in re.findall(r"[a-z0-9]+", text.casefold()) if word not in _STOPWORDS}


def match_venue(text: str, venues: Iterable[Venue]) -> str:
    """The venue id a booktitle or journal names, or "" when none or several fit equally well.

    A venue's short name as a whole word ("... (CVPR)") decides; otherwise the venue whose full name's
    significant words all appear and are the most numerous ("Advances in Neural Information Processing
    Systems" -> neurips). A workshop is never taken for its conference.
    """
    by_id = {venue.id: venue for venue in venues}
    named = [key for key, venue in by_id.items() if re.search(rf"(?<!\w){re.escape(venue.name)}(?!\w)", text)]
    if len(named) == 1:
        winner = named[0]
    else:
        words = _words(text)
        scores = {
            key: len(_words(venue.full_name))
            for key, venue in by_id.items()
            if _words(venue.full_name) <= words
        }
        best = max(scores.values(), default=0)
        winners = [key for key, score in scores.items() if score == best]
        if len(winners) != 1:
            return ""
        winner = winners[0]
    workshop = re.search(r"workshop", text, re.IGNORECASE) is not None
    return winner if (by_id[winner].kind == "workshop") == workshop else ""


def _field(entry: Any, name: str) -> str:
    return latex_text(entry.fields.get(name, ""))


def _arxiv(entry: Any) -> str | None:
    for name in ("eprint", "journal", "url", "note"):
        found = _ARXIV_IN_TEXT.search(entry.fields.get(name, ""))
        if found and re.fullmatch(ARXIV_PATTERN, found.group(1)):
            return found.group(1)
    return None


def _person(person: Person) -> str:
    parts = [*person.first_names, *person.middle_names, *person.prelast_names, *person.last_names]
    name = " ".join(latex_text(part) for part in parts)
    return ", ".join([name, *(latex_text(part) for part in person.lineage_names)])


def to_draft(entry: Any, venues: list[Venue]) -> Draft:
    """One entry as a draft; an id from the method name before a colon, else the title's first words."""
    title = _field(entry, "title")
    head, colon, _ = title.partition(":")
    method = head.strip() if colon and len(head.strip()) <= _METHOD_MAX else None
    identifier = (slug(method) if method else "") or "-".join(slug(title).split("-")[:_ID_WORDS])
    identifier = identifier[:_ID_MAX].rstrip("-")
    arxiv = _arxiv(entry)
    where = _field(entry, "booktitle") or _field(entry, "journal")
    venue = match_venue(where, venues) if where else ""
    if not venue and arxiv and entry.type.lower() in ("misc", "article", "unpublished"):
        venue = next((item.id for item in venues if item.kind == "preprint"), "")
    year = _field(entry, "year")
    if year and not _YEAR.fullmatch(year):
        raise Malformed(f"year '{year}' is not four digits 0-9")
    links = {}
    doi = _field(entry, "doi")
    url = entry.fields.get("url", "").strip()
    if url.startswith(("https://", "http://")):
        links["paper"] = url
    elif doi:
        links["paper"] = f"https://doi.org/{doi}"
    elif arxiv:
        links["paper"] = f"https://arxiv.org/abs/{arxiv}"
    return Draft(
        id=identifier,
        title=title,
        method=method,
        authors=authors(entry.fields.get("author", "")),
        venue=venue,
        year=int(year) if year else None,
        arxiv=arxiv,
        links=links,
    )


def import_entries(
    bibliography: BibliographyData, venues: list[Venue], known: Known
) -> tuple[list[Draft], list[Refusal]]:
    """Drafts for the new entries in file order, and a refusal for each duplicate or untitled one.

    Each draft is added to `known`, so an entry repeated within the file is refused too.
    """
    drafts: list[Draft] = []
    refusals: list[Refusal] = []
    for key, entry in bibliography.entries.items():
        try:
            draft = to_draft(entry, venues)
        except Malformed as problem:
            refusals.append(Refusal(key, f"{problem}; fix the entry"))
            continue
        if not draft.id:
            refusals.append(Refusal(key, "its title gives no id; start it with `awesome-vos new <id>`"))
            continue
        clash = known.clash(draft)
        if clash:
            refusals.append(Refusal(key, f"duplicate: {clash}"))
            continue
        drafts.append(draft)
        known.add(draft, f"entry '{key}'")
    return drafts, refusals
