"""Hostile text in every free-text field must stay inert: in the site (checked in Chromium) and the README."""

from __future__ import annotations

import html.parser
import itertools
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import markdown
import pytest
import yaml

from awesome_vos.cli import main
from browser import chromium, console_errors, require_browser, serve
from conftest import make_project

PAYLOADS = [
    "<script>window.__xss=1</script>",
    '<img src=x onerror="window.__xss=2">',
    '"><svg onload=window.__xss=3>',
    "' onmouseover='window.__xss=4' x='",
    "[click](javascript:window.__xss=5)",
    '<a href="javascript:window.__xss=6">link</a>',
    "<iframe src=javascript:window.__xss=7></iframe>",
    "| broken | table |\n\n<style>body{display:none}</style>",
    "</textarea><script>window.__xss=8</script>",
    "![x](https://example.org/x.png)<details open ontoggle=window.__xss=9>",
]
FREE_TEXT = {
    "title",
    "method",
    "description",
    "variant",
    "backbone_unstated",
    "extra_training_data_unstated",
    "inference_unstated",
    "hardware_unstated",
    "family",
    "locator",
    "quote",
    "note",
    "inconsistent",
    "resolution",
    "fps_note",
    "license",
    "protocol",
    "name",
    "full_name",
    "label",
}


def _poison(value: Any, payloads: Iterator[str]) -> Any:
    """Replace every free-text field (and author names) by the next payload, keeping the rest valid."""
    if isinstance(value, dict):
        result = {}
        for key, item in value.items():
            if key in FREE_TEXT and isinstance(item, str):
                result[key] = f"{item} {next(payloads)}"
            elif key == "authors":
                result[key] = [f"{author} {next(payloads)}" for author in item]
            else:
                result[key] = _poison(item, payloads)
        return result
    if isinstance(value, list):
        return [_poison(item, payloads) for item in value]
    return value


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make_project(tmp_path_factory.mktemp("xss") / "project")
    payloads = itertools.cycle(PAYLOADS)
    for path in sorted((root / "data").rglob("*.yaml")):
        if path.name == "site.yaml":
            continue
        data = yaml.safe_load(path.read_text())
        path.write_text(yaml.safe_dump(_poison(data, payloads), allow_unicode=True, sort_keys=False))
    assert main(["build", "--root", str(root)]) == 0
    return root


class _Elements(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.handlers: list[str] = []
        self.scripts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        for name, value in attrs:
            if name.startswith("on") or (value or "").strip().lower().startswith("javascript:"):
                self.handlers.append(f"{tag} {name}={value}")
            if tag == "script" and name == "src":
                self.scripts.append(value or "")


def test_readme_payloads_form_no_html(hostile: Path) -> None:
    rendered = markdown.markdown((hostile / "README.md").read_text(), extensions=["tables"])
    parser = _Elements()
    parser.feed(rendered)
    assert {"script", "svg", "iframe", "style", "details", "textarea"}.isdisjoint(parser.tags)
    assert parser.handlers == []
    # the only images are the badge and the charts, never a payload's
    images = [line for line in (hostile / "README.md").read_text().splitlines() if line.startswith("![")]
    assert all(line.startswith("![DAVIS 2017 val") for line in images)


def test_site_markup_has_no_injected_elements(hostile: Path) -> None:
    pages = sorted((hostile / "site").rglob("*.html"))
    assert len(pages) > 10
    for page in pages:
        parser = _Elements()
        parser.feed(page.read_text())
        assert parser.handlers == [], page
        assert {"iframe", "svg", "style", "textarea"}.isdisjoint(parser.tags), page
        assert all(source.endswith(".js") and "://" not in source for source in parser.scripts), page


def test_no_payload_runs_in_chromium(hostile: Path) -> None:
    require_browser()
    from selenium.webdriver.support.ui import WebDriverWait

    pages = sorted(
        path.relative_to(hostile / "site").as_posix() for path in (hostile / "site").rglob("*.html")
    )
    # search results show every record's text, set by the script
    pages += [f"search/index.html?type={kind}" for kind in ("Paper", "Dataset", "Benchmark")]
    with serve(hostile / "site") as base, chromium() as driver:
        for page in pages:
            driver.get(base + page)
            if "?" in page:
                WebDriverWait(driver, 10).until(
                    lambda session: session.find_elements("css selector", "#results li a")
                )
            for element in driver.find_elements("css selector", "a, span, td, abbr")[:200]:
                driver.execute_script(
                    "arguments[0].dispatchEvent(new MouseEvent('mouseover', {bubbles: true}))", element
                )
            assert driver.execute_script("return window.__xss === undefined"), page
            assert not [line for line in console_errors(driver) if "Content Security Policy" not in line], (
                page
            )
