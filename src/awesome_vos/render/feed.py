"""The Atom feed of papers in the order they joined the list (the `added` field), newest first."""

from __future__ import annotations

import datetime

from feedgen.feed import FeedGenerator

from ..catalog import Catalog
from ..listing import paper_url, venue_label

FEED_SIZE = 50


def _moment(day: datetime.date) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, tzinfo=datetime.UTC)


def atom_feed(catalog: Catalog, site_url: str) -> bytes:
    """The newest papers; timestamps come from the data only, so the feed is deterministic."""
    papers = sorted(catalog.papers.values(), key=lambda paper: (paper.added, paper.id), reverse=True)[
        :FEED_SIZE
    ]
    feed = FeedGenerator()
    feed.id(site_url)
    feed.title("awesome-vos: new papers")
    feed.subtitle("Papers newly added to the video object and instance segmentation list.")
    feed.link(href=site_url, rel="alternate")
    feed.link(href=f"{site_url}feed.xml", rel="self")
    feed.language("en")
    if papers:
        feed.updated(_moment(papers[0].added))
    for paper in reversed(papers):
        entry = feed.add_entry()
        entry.id(f"{site_url}papers/{paper.id}/")
        entry.title(paper.title)
        entry.link(href=f"{site_url}papers/{paper.id}/")
        entry.link(href=paper_url(paper), rel="related")
        entry.summary(f"{venue_label(catalog, paper)}. {paper.description}")
        for author in paper.authors:
            entry.author({"name": author})
        entry.updated(_moment(paper.added))
        entry.published(_moment(paper.added))
    text: bytes = feed.atom_str(pretty=True)
    return text
