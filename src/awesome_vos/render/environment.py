"""The Jinja environment shared by every renderer: templates from the project, strict and escaped."""

from __future__ import annotations

from pathlib import Path

import jinja2

from .text import figure, markdown_text, markdown_url, markup, slug


def environment(templates: Path) -> jinja2.Environment:
    """Autoescape for HTML templates; undefined names fail loudly; filters for Markdown and HTML text."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates)),
        autoescape=jinja2.select_autoescape(enabled_extensions=("html", "html.j2"), default_for_string=False),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["md"] = markdown_text
    env.filters["md_url"] = markdown_url
    env.filters["slug"] = slug
    env.filters["figure"] = figure
    env.filters["markup"] = markup
    return env
