"""An equivalent Hugo site for a corpus: each paper file becomes a content page whose front matter is the
paper's YAML as it is (plus a `benchmarks` taxonomy list), with the layouts under benchmarks/hugo/.

Hugo then renders a page per paper (its results table, derived metrics computed in the template), a list
page per task and a ranked leaderboard page per benchmark (both taxonomy term pages), plus the home page.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import yaml

HUGO = Path(__file__).resolve().parent / "hugo"
STAMP = ".corpus"
_BENCHMARK = re.compile(r"""^\s*- benchmark:\s*["']?([a-z0-9-]+)["']?\s*$""", re.MULTILINE)


def _content(corpus: Path, site: Path) -> None:
    papers = site / "content" / "papers"
    shutil.rmtree(papers, ignore_errors=True)
    papers.mkdir(parents=True)
    for path in sorted((corpus / "data" / "papers").glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        benchmarks = ", ".join(sorted(set(_BENCHMARK.findall(text))))
        (papers / f"{path.stem}.md").write_text(
            f"---\n{text}benchmarks: [{benchmarks}]\n---\n", encoding="utf-8"
        )


def write_hugo_site(corpus: Path, site: Path, stamp: str) -> None:
    """Make `site` the Hugo version of `corpus`; content is rewritten only when `stamp` (the corpus) changed.

    Configuration, layouts, data (tasks and venues as maps by id) and the style sheet are copied every time,
    since they are small.
    """
    site.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(HUGO / "config.toml", site / "config.toml")
    for folder in ("layouts", "data", "static"):
        shutil.rmtree(site / folder, ignore_errors=True)
    shutil.copytree(HUGO / "layouts", site / "layouts")
    data = corpus / "data"
    shutil.copytree(data / "benchmarks", site / "data" / "benchmarks")
    for source, target in (("tasks.yaml", "task.json"), ("venues.yaml", "venue.json")):
        entries = yaml.safe_load((data / source).read_text(encoding="utf-8"))
        (site / "data" / target).write_text(
            json.dumps({entry["id"]: entry for entry in entries}), encoding="utf-8"
        )
    (site / "static" / "static").mkdir(parents=True)
    shutil.copyfile(
        corpus / "templates" / "site" / "static" / "style.css", site / "static" / "static" / "style.css"
    )
    if (site / STAMP).is_file() and (site / STAMP).read_text() == stamp:
        return
    _content(corpus, site)
    (site / STAMP).write_text(stamp)
