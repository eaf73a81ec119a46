"""The built site in Debian's Chromium, served on 127.0.0.1: sorting, filters and URL state, search, BibTeX
copy, no console errors and no serious or critical axe-core violation on any page type."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from awesome_vos.cli import main
from browser import axe_violations, chromium, console_errors, require_browser, serve
from conftest import make_project

PAGE_TYPES = [
    "index.html",
    "benchmarks/index.html",
    "benchmarks/davis-2017-val/index.html",
    "papers/memory-net/index.html",
    "datasets/index.html",
    "datasets/davis-2017/index.html",
    "search/index.html",
]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    require_browser()
    root = make_project(tmp_path_factory.mktemp("browser") / "project")
    assert main(["build", "--root", str(root)]) == 0
    with serve(root / "site") as base:
        yield base


@pytest.fixture(scope="module")
def driver(site: str) -> Iterator[Any]:
    with chromium() as session:
        yield session


def _visible_methods(driver: Any) -> list[str]:
    rows = driver.find_elements("css selector", "#leaderboard tbody tr")
    return [row.find_element("css selector", "td:nth-child(3)").text for row in rows if row.is_displayed()]


def test_leaderboard_sorts_by_click_and_keyboard_and_keeps_state_in_url(site: str, driver: Any) -> None:
    driver.get(site + "benchmarks/davis-2017-val/index.html")
    assert _visible_methods(driver) == ["MemoryNet-L, 480p", "OldNet (tied)", "MemoryNet-S", "OldNet"]
    driver.find_element("css selector", "th[data-key='f'] button").click()
    assert _visible_methods(driver)[:3] == ["MemoryNet-L, 480p", "MemoryNet-S", "OldNet"]
    assert driver.execute_script("return location.search") == "?sort=f&dir=desc"
    header = driver.find_element("css selector", "th[data-key='f']")
    assert header.get_attribute("aria-sort") == "descending"
    button = header.find_element("css selector", "button")
    button.send_keys("\n")  # Enter on a focused button toggles the direction
    assert header.get_attribute("aria-sort") == "ascending"
    assert driver.execute_script("return location.search") == "?sort=f&dir=asc"
    driver.get(site + "benchmarks/davis-2017-val/index.html?sort=f&dir=asc")
    assert _visible_methods(driver)[:3] == ["OldNet", "MemoryNet-S", "MemoryNet-L, 480p"]


def test_leaderboard_filters_and_shared_url(site: str, driver: Any) -> None:
    from selenium.webdriver.support.ui import Select

    driver.get(site + "benchmarks/davis-2017-val/index.html")
    Select(driver.find_element("name", "extra")).select_by_value("no")
    assert _visible_methods(driver) == ["MemoryNet-S"]
    assert driver.execute_script("return location.search") == "?extra=no"
    assert driver.find_element("css selector", "output[name=count]").text == "1 of 4 results shown"
    # the best value is recomputed over the visible rows
    assert driver.find_elements("css selector", "tr:not([hidden]) td.best")
    # extra data filters by registered dataset id, speed by registered hardware id
    driver.get(site + "benchmarks/davis-2017-val/index.html?extra=bl30k")
    assert Select(driver.find_element("name", "extra")).first_selected_option.text == "+BL30K"
    assert _visible_methods(driver) == ["MemoryNet-L, 480p"]
    driver.get(site + "benchmarks/davis-2017-val/index.html?hardware=v100")
    assert Select(driver.find_element("name", "hardware")).first_selected_option.text == "V100"
    assert _visible_methods(driver) == ["MemoryNet-L, 480p"]
    driver.get(site + "benchmarks/davis-2017-val/index.html?family=ResNet&since=2022")
    assert Select(driver.find_element("name", "family")).first_selected_option.text == "ResNet"
    assert _visible_methods(driver) == ["MemoryNet-L, 480p", "MemoryNet-S"]


def _results(driver: Any, site: str) -> list[str]:
    """The result links once the status line counts them, relative to the site."""
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(driver, 10).until(lambda session: "result" in session.find_element("id", "status").text)
    links = driver.find_elements("css selector", "#results li a")
    return [str(link.get_attribute("href")).removeprefix(site) for link in links]


def test_search_ranks_by_field_then_year(site: str, driver: Any) -> None:
    driver.get(site + "search/index.html?q=MemoryNet")
    assert _results(driver, site) == ["papers/memory-net/index.html"]
    assert driver.find_element("id", "status").text == "1 result"
    # titles before authors before descriptions, newest first among equals; case and accents are ignored
    driver.get(site + "search/index.html?q=F%C3%8DXT")
    assert _results(driver, site) == [
        "papers/memory-net/index.html",
        "papers/old-net/index.html",
        "papers/example-benchmark/index.html",
        "datasets/youtube-vos-2018/index.html",
        "datasets/davis-2017/index.html",
    ]
    # every word must begin a word of the record; a paper also matches the benchmarks it has results on
    driver.get(site + "search/index.html?q=fix+meth")
    assert _results(driver, site) == ["papers/memory-net/index.html", "papers/old-net/index.html"]
    driver.get(site + "search/index.html?q=davis")
    assert _results(driver, site) == [
        "datasets/davis-2017/index.html",
        "benchmarks/davis-2017-val/index.html",
        "papers/memory-net/index.html",
        "papers/old-net/index.html",
    ]
    first = driver.find_element("css selector", "#results li")
    assert first.find_element("css selector", ".venue").text == "Dataset · Semi-supervised VOS"
    assert first.find_element("css selector", "p").text == "A fixture dataset with several objects per video."


def test_search_facets_count_matches_and_keep_state_in_url(site: str, driver: Any) -> None:
    from selenium.webdriver.support.ui import Select

    driver.get(site + "search/index.html?q=fixture")
    _results(driver, site)
    kinds = Select(driver.find_element("name", "type"))
    assert [option.text for option in kinds.options] == ["any", "Paper (3)", "Dataset (2)"]
    kinds.select_by_value("Dataset")
    assert driver.execute_script("return location.search") == "?q=fixture&type=Dataset"
    assert _results(driver, site) == [
        "datasets/youtube-vos-2018/index.html",
        "datasets/davis-2017/index.html",
    ]
    assert driver.find_element("id", "status").text == "2 results"
    # the other facets count the matches of the chosen type
    years = Select(driver.find_element("name", "year"))
    assert [option.text for option in years.options] == ["any", "2018 (1)", "2017 (1)"]
    driver.get(site + "search/index.html?venue=ECCV")
    assert _results(driver, site) == ["papers/memory-net/index.html"]
    paper = driver.find_element("css selector", "#results li .venue").text
    assert paper == "Paper · ECCV 2022 · Semi-supervised VOS, Segment anything"


def test_bibtex_copy_button(site: str, driver: Any) -> None:
    driver.execute_cdp_cmd(
        "Browser.grantPermissions",
        {"origin": site.rstrip("/"), "permissions": ["clipboardReadWrite", "clipboardSanitizedWrite"]},
    )
    driver.get(site + "papers/memory-net/index.html")
    button = driver.find_element("css selector", "button.copy")
    assert button.is_displayed()
    button.click()
    copied = driver.execute_async_script(
        "const done = arguments[arguments.length - 1]; navigator.clipboard.readText().then(done, String);"
    )
    expected = driver.find_element("id", "bibtex-memory-net").get_attribute("textContent")
    assert copied == expected
    assert copied.startswith("@inproceedings{memory-net,")


@pytest.mark.parametrize("page", PAGE_TYPES)
def test_page_has_no_console_error_and_no_serious_axe_violation(site: str, driver: Any, page: str) -> None:
    console_errors(driver)
    driver.get(site + page)
    if page.startswith("search"):
        from selenium.webdriver.support.ui import WebDriverWait

        WebDriverWait(driver, 10).until(lambda session: session.find_element("id", "search").is_displayed())
    assert console_errors(driver) == []
    assert axe_violations(driver) == []
    driver.execute_cdp_cmd(
        "Emulation.setEmulatedMedia", {"features": [{"name": "prefers-color-scheme", "value": "dark"}]}
    )
    try:
        assert axe_violations(driver) == []
    finally:
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": []})


def test_no_request_leaves_the_site(site: str, driver: Any) -> None:
    for page in PAGE_TYPES:
        driver.get(site + page)
        entries = driver.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")
        assert all(entry.startswith(site) for entry in entries), entries


def test_axe_reports_a_known_violation(tmp_path: Path) -> None:
    """The accessibility check is not vacuous: a page with an unlabelled image button fails it."""
    require_browser()
    (tmp_path / "bad.html").write_text(
        '<!doctype html><html lang="en"><title>bad</title><main><input type="image" src="x.png"></main></html>'
    )
    with serve(tmp_path) as base, chromium() as session:
        session.get(base + "bad.html")
        assert any(line.startswith("input-image-alt") for line in axe_violations(session))
