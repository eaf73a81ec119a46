"""The pipeline in one place: load and check the data, then render every output in memory."""

from __future__ import annotations

from pathlib import Path

from .catalog import Catalog, build_catalog
from .corpus import read_corpus
from .render.api import api_files
from .render.environment import environment
from .render.readme import render_readme
from .render.site import site_pages

README = "README.md"
SITE = "site"


def load_catalog(root: Path) -> Catalog:
    """Read, validate and cross-check the data under `root`; raises DataErrors."""
    return build_catalog(read_corpus(root))


def readme_text(catalog: Catalog, root: Path) -> str:
    """README.md as the data generates it."""
    return render_readme(catalog, environment(root / "templates"))


def render_outputs(catalog: Catalog, root: Path) -> dict[str, bytes]:
    """README.md and every site file, keyed by path relative to `root`; nothing is written here."""
    env = environment(root / "templates")
    outputs = {README: render_readme(catalog, env).encode()}
    site = {**site_pages(catalog, env), **api_files(catalog)}
    static = root / "templates" / "site" / "static"
    for path in sorted(static.rglob("*")):
        if path.is_file():
            site[f"static/{path.relative_to(static).as_posix()}"] = path.read_bytes()
    outputs.update({f"{SITE}/{name}": content for name, content in sorted(site.items())})
    return outputs
