"""BibTeX entries for papers, written by pybtex so that escaping is right."""

from __future__ import annotations

from pybtex.database import BibliographyData, Entry, Person
from pybtex.database.output.bibtex import Writer

from ..catalog import Catalog
from ..models import Paper


def _entry(catalog: Catalog, paper: Paper) -> Entry:
    venue = catalog.venues[paper.venue]
    fields = {"title": paper.title, "year": str(paper.year)}
    if venue.kind == "journal":
        kind, fields["journal"] = "article", venue.full_name
    elif venue.kind == "preprint":
        kind = "misc"
    else:
        kind, fields["booktitle"] = "inproceedings", venue.full_name
    if paper.arxiv:
        fields["eprint"], fields["archivePrefix"] = paper.arxiv, "arXiv"
    url = paper.links.paper or (f"https://arxiv.org/abs/{paper.arxiv}" if paper.arxiv else None)
    if url:
        fields["url"] = url
    return Entry(kind, fields=fields, persons={"author": [Person(name) for name in paper.authors]})


_WRITER = Writer()
"""One writer for every entry: BibliographyData.to_string looks the plugin up again on each call."""


def bibtex_entry(catalog: Catalog, paper: Paper) -> str:
    """The paper's BibTeX entry keyed by its id; entries joined by newlines make one .bib file."""
    text: str = _WRITER.to_string(BibliographyData({paper.id: _entry(catalog, paper)}))
    return text
