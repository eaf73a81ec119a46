"""The built site in Debian's Chromium, served on 127.0.0.1: sorting, filters and URL state, search, BibTeX
copy, no console errors and no serious or critical axe-core violation on any page type."""

from __future__ import annotations

import csv
import io
import os
import re
import tempfile
import urllib.request
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
    "compare/index.html?m=memory-net,old-net",
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


def _visible_rows(driver: Any) -> list[tuple[str, str]]:
    """(rank, variant) of each shown leaderboard row, in order."""
    rows = driver.find_elements("css selector", "#leaderboard tbody tr")
    return [
        (
            row.find_element("css selector", "td:nth-child(1)").text,
            row.find_element("css selector", "td:nth-child(3)").text,
        )
        for row in rows
        if row.is_displayed()
    ]


def _visible_methods(driver: Any) -> list[str]:
    return [variant for _, variant in _visible_rows(driver)]


def test_leaderboard_shows_one_row_per_method_ranked_among_methods(site: str, driver: Any) -> None:
    driver.get(site + "benchmarks/davis-2017-val/index.html")
    # each method by its best row; tied methods share rank 1
    assert _visible_rows(driver) == [("1", "MemoryNet-L, 480p"), ("1", "OldNet (tied)")]
    assert driver.find_element("css selector", "output[name=count]").text == (
        "2 methods, each by its best of 4 of 4 results"
    )
    assert driver.execute_script("return location.search") == ""
    # columns empty in every shown row are not there: none of the recall and decay metrics has a number
    headers = [
        cell.text
        for cell in driver.find_elements("css selector", "#leaderboard thead th")
        if cell.is_displayed()
    ]
    assert headers == ["#", "Method", "Variant", "Backbone", "Extra data", "J&F", "J", "F", "FPS", "Source"]


def test_variants_expand_in_place_and_the_state_is_in_the_url(site: str, driver: Any) -> None:
    driver.get(site + "benchmarks/davis-2017-val/index.html")
    toggle = driver.find_element("css selector", "tr[data-paper='memory-net'] button.variants")
    assert (toggle.text, toggle.get_attribute("aria-expanded")) == ("+1 variant", "false")
    toggle.click()
    assert _visible_rows(driver) == [("1", "MemoryNet-L, 480p"), ("", "MemoryNet-S"), ("1", "OldNet (tied)")]
    assert toggle.get_attribute("aria-expanded") == "true"
    assert driver.execute_script("return location.search") == "?open=memory-net"
    driver.get(site + "benchmarks/davis-2017-val/index.html?open=memory-net,old-net")
    assert _visible_methods(driver) == ["MemoryNet-L, 480p", "MemoryNet-S", "OldNet (tied)", "OldNet"]
    # "all variants" ranks every row; the switch is in the URL too
    driver.find_element("name", "all").click()
    assert _visible_rows(driver) == [
        ("1", "MemoryNet-L, 480p"),
        ("1", "OldNet (tied)"),
        ("3", "MemoryNet-S"),
        ("4", "OldNet"),
    ]
    assert driver.execute_script("return location.search") == "?all=1"
    assert not driver.find_element("css selector", "button.variants").is_displayed()


def test_leaderboard_sorts_by_click_and_keyboard_and_keeps_state_in_url(site: str, driver: Any) -> None:
    driver.get(site + "benchmarks/davis-2017-val/index.html?all=1")
    assert _visible_methods(driver) == ["MemoryNet-L, 480p", "OldNet (tied)", "MemoryNet-S", "OldNet"]
    driver.find_element("css selector", "th[data-key='f'] button").click()
    assert _visible_methods(driver)[:3] == ["MemoryNet-L, 480p", "MemoryNet-S", "OldNet"]
    assert driver.execute_script("return location.search") == "?all=1&sort=f&dir=desc"
    header = driver.find_element("css selector", "th[data-key='f']")
    assert header.get_attribute("aria-sort") == "descending"
    button = header.find_element("css selector", "button")
    button.send_keys("\n")  # Enter on a focused button toggles the direction
    assert header.get_attribute("aria-sort") == "ascending"
    assert driver.execute_script("return location.search") == "?all=1&sort=f&dir=asc"
    driver.get(site + "benchmarks/davis-2017-val/index.html?all=1&sort=f&dir=asc")
    assert _visible_methods(driver)[:3] == ["OldNet", "MemoryNet-S", "MemoryNet-L, 480p"]


def test_leaderboard_filters_and_shared_url(site: str, driver: Any) -> None:
    from selenium.webdriver.support.ui import Select

    driver.get(site + "benchmarks/davis-2017-val/index.html")
    Select(driver.find_element("name", "extra")).select_by_value("no")
    # the method's best row under the filter, ranked among what is shown
    assert _visible_rows(driver) == [("1", "MemoryNet-S")]
    assert driver.execute_script("return location.search") == "?extra=no"
    assert driver.find_element("css selector", "output[name=count]").text == (
        "1 method, each by its best of 1 of 4 results"
    )
    # the best value is recomputed over the visible rows
    assert driver.find_elements("css selector", "tr:not([hidden]) td.best")
    # a column empty in every shown row is hidden
    assert not driver.find_element("css selector", "th[data-key='fps']").is_displayed()
    # extra data filters by registered dataset id, speed by registered hardware id
    driver.get(site + "benchmarks/davis-2017-val/index.html?extra=bl30k")
    assert Select(driver.find_element("name", "extra")).first_selected_option.text == "+BL30K"
    assert _visible_methods(driver) == ["MemoryNet-L, 480p"]
    driver.get(site + "benchmarks/davis-2017-val/index.html?hardware=v100")
    assert Select(driver.find_element("name", "hardware")).first_selected_option.text == "V100"
    assert _visible_methods(driver) == ["MemoryNet-L, 480p"]
    driver.get(site + "benchmarks/davis-2017-val/index.html?family=ResNet&since=2022&all=1")
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


def _downloads(driver: Any, folder: Path, box: str, kinds: list[str]) -> dict[str, str]:
    """Click each download button of `box` and return the files it saved, by extension."""
    from selenium.webdriver.support.ui import WebDriverWait

    folder = Path(tempfile.mkdtemp(dir=folder, prefix="downloads-"))
    driver.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(folder)})
    files: dict[str, str] = {}
    for kind in kinds:
        driver.find_element("css selector", f"#{box} button[data-export='{kind}']").click()
        # Chromium may show the file under its final name before its bytes are in: wait for them
        WebDriverWait(driver, 10).until(
            lambda _, kind=kind: any(path.stat().st_size > 0 for path in folder.glob(f"*.{kind}"))
        )
        (path,) = folder.glob(f"*.{kind}")
        files[kind] = path.read_text()
        path.unlink()
    return files


def _compile(folder: Path, name: str, tex: str, bib: str) -> str:
    """The .tex inside a minimal document with the .bib as its bibliography, through pdflatex and bibtex;
    returns the .bbl (the typeset bibliography)."""
    import shutil
    import subprocess

    if shutil.which("pdflatex") is None or shutil.which("bibtex") is None:
        message = "Debian texlive-latex-base/texlive-latex-recommended not installed"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    (folder / f"{name}.tex").write_text(tex)
    (folder / f"{name}.bib").write_text(bib)
    document = (
        "\\documentclass{article}\\usepackage[T1]{fontenc}\\usepackage{booktabs}\\begin{document}"
        f"\\input{{{name}.tex}}\\bibliographystyle{{plain}}\\bibliography{{{name}}}\\end{{document}}\n"
    )
    (folder / "main.tex").write_text(document)
    latex = ["pdflatex", "-interaction=nonstopmode", "-halt-on-error", "main.tex"]
    for command in (latex, ["bibtex", "main"], latex, latex):
        done = subprocess.run(command, cwd=folder, capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stdout[-3000:]
    log = (folder / "main.log").read_text(errors="replace")
    assert "undefined" not in log, log[-3000:]
    return (folder / "main.bbl").read_text()


def _bib_keys(bib: str) -> list[str]:
    return re.findall(r"^@\w+\{([^,]+),", bib, flags=re.MULTILINE)


def test_leaderboard_downloads_latex_bibtex_and_csv_that_compile(
    site: str, driver: Any, tmp_path: Path
) -> None:
    driver.get(site + "benchmarks/davis-2017-val/index.html")
    files = _downloads(driver, tmp_path, "exports", ["tex", "bib", "csv"])
    tex = files["tex"]
    assert "\\toprule" in tex and "\\bottomrule" in tex
    assert "MemoryNet~\\cite{memory-net} & MemoryNet-L, 480p & ResNet-50 & BL30K & \\textbf{86.2}" in tex
    assert "OldNet~\\cite{old-net}" in tex
    # exactly the cited papers, with the keys of awesome-vos.bib
    assert _bib_keys(files["bib"]) == ["memory-net", "old-net"]
    with urllib.request.urlopen(site + "awesome-vos.bib") as response:
        full = response.read().decode()
    assert all(entry.strip() in full for entry in files["bib"].split("\n\n"))
    rows = list(csv.reader(io.StringIO(files["csv"])))
    assert rows[0] == [
        "paper",
        "method",
        "Variant",
        "Backbone",
        "Extra data",
        "J&F",
        "J",
        "F",
        "FPS",
        "source",
    ]
    assert [row[:2] + row[5:6] for row in rows[1:]] == [
        ["memory-net", "MemoryNet", "86.2"],
        ["old-net", "OldNet", "86.2"],
    ]
    bbl = _compile(tmp_path, "davis-2017-val", tex, files["bib"])
    assert "\\bibitem{memory-net}" in bbl and "\\bibitem{old-net}" in bbl
    # a filtered view downloads only what it shows
    driver.get(site + "benchmarks/davis-2017-val/index.html?extra=no")
    files = _downloads(driver, tmp_path, "exports", ["tex", "bib"])
    assert _bib_keys(files["bib"]) == ["memory-net"]
    assert "MemoryNet-S" in files["tex"] and "OldNet" not in files["tex"]


def test_compare_page_search_as_you_type_shareable_url_and_downloads(
    site: str, driver: Any, tmp_path: Path
) -> None:
    from selenium.webdriver.support.ui import WebDriverWait

    driver.get(site + "papers/memory-net/index.html")
    driver.find_element("link text", "Compare MemoryNet with other methods").click()
    WebDriverWait(driver, 10).until(lambda session: session.find_element("id", "compare").is_displayed())
    assert [item.text for item in driver.find_elements("css selector", "#chosen li")] == [
        "MemoryNet \N{MULTIPLICATION SIGN}"
    ]
    field = driver.find_element("id", "method")
    field.send_keys("old")
    assert [item.text for item in driver.find_elements("css selector", "#suggestions button")] == [
        "OldNet old-net"
    ]
    field.send_keys("\n")
    assert (
        driver.execute_script("return location.search") == "?m=memory-net%2Cold-net&task=semi-supervised-vos"
    )
    table = driver.find_element("id", "comparison")
    cells = [
        [cell.text for cell in row.find_elements("css selector", "th, td")]
        for row in table.find_elements("css selector", "tr")
    ]
    assert cells == [
        ["Benchmark", "MemoryNet", "OldNet"],
        [
            "DAVIS 2017 val J&F",
            "86.2\nMemoryNet-L; ResNet-50; extra data: BL30K",
            "86.2\nOldNet (tied); extra data: ?",
        ],
        ["YouTube-VOS 2018 val G", "85.7\nMemoryNet-L; ResNet-50; extra data: ?", ""],
    ]
    files = _downloads(driver, tmp_path, "compare-exports", ["tex", "bib", "csv"])
    assert "MemoryNet~\\cite{memory-net} & \\textbf{86.2} & \\textbf{85.7} \\\\" in files["tex"]
    assert _bib_keys(files["bib"]) == ["memory-net", "old-net"]
    assert len(list(csv.reader(io.StringIO(files["csv"])))) == 4
    _compile(tmp_path, "comparison", files["tex"], files["bib"])
    # the shared URL opens the same comparison; removing a method updates it
    driver.get(site + "compare/index.html?m=old-net,memory-net")
    WebDriverWait(driver, 10).until(lambda session: session.find_element("id", "compare").is_displayed())
    assert [item.text for item in driver.find_elements("css selector", "#chosen li")] == [
        "OldNet \N{MULTIPLICATION SIGN}",
        "MemoryNet \N{MULTIPLICATION SIGN}",
    ]
    driver.find_element("css selector", "#chosen button[aria-label='Remove OldNet']").click()
    assert driver.execute_script("return location.search") == "?m=memory-net&task=semi-supervised-vos"
    # the task's methods x benchmarks matrix: best primary score of each method on each benchmark
    matrix = driver.find_element("id", "matrix")
    rows = [
        [cell.text for cell in row.find_elements("css selector", "th, td")]
        for row in matrix.find_elements("css selector", "tr")
    ]
    assert rows == [
        ["Method", "DAVIS 2017 val J&F", "YouTube-VOS 2018 val G"],
        ["MemoryNet", "86.2", "85.7"],
        ["OldNet", "86.2", ""],
    ]
    files = _downloads(driver, tmp_path, "matrix-exports", ["tex", "bib"])
    _compile(tmp_path, "matrix", files["tex"], files["bib"])


@pytest.fixture(scope="module")
def narrow(site: str) -> Iterator[Any]:
    with chromium(390, 844) as session:
        # a phone's viewport: without this, a page wider than the window would widen the layout viewport
        metrics = {"width": 390, "height": 844, "deviceScaleFactor": 1, "mobile": True}
        session.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", metrics)
        yield session


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("page", PAGE_TYPES)
def test_page_has_no_console_error_and_no_serious_axe_violation(
    site: str, driver: Any, narrow: Any, page: str, width: int
) -> None:
    session = driver if width == 1280 else narrow
    console_errors(session)
    session.get(site + page)
    if page.startswith(("search", "compare")):
        from selenium.webdriver.support.ui import WebDriverWait

        form = "search" if page.startswith("search") else "compare"
        WebDriverWait(session, 10).until(lambda current: current.find_element("id", form).is_displayed())
    assert console_errors(session) == []
    # nothing but a table's own scroll box is wider than the window
    assert session.execute_script("return document.documentElement.scrollWidth") <= width
    assert axe_violations(session) == []
    session.execute_cdp_cmd(
        "Emulation.setEmulatedMedia", {"features": [{"name": "prefers-color-scheme", "value": "dark"}]}
    )
    try:
        assert axe_violations(session) == []
    finally:
        session.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": []})


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


REEVALUATED = (
    "https://github.com/example/memorynet/blob/0123456789abcdef0123456789abcdef01234567/README.md#L20"
)


def test_compare_page_prefers_own_rows_and_keeps_printed_decimals(tmp_path: Path) -> None:
    """OldNet's own 86.2 beats MemoryNet's higher re-evaluation of it; a re-evaluation is used where OldNet has
    no own row, labelled with who reported it, and its 81.0 keeps its decimal."""
    from selenium.webdriver.support.ui import WebDriverWait

    require_browser()
    root = make_project(tmp_path / "project")
    for benchmark, row, columns in [
        ("davis-2017-val", "| OldNet | 95.0 | 93.0 | 97.0 |", "_,jf,j,f"),
        ("youtube-vos-2018-val", "| OldNet | 81.0 |", "_,g"),
    ]:
        arguments = ["add-result", "old-net", "--root", str(root), "--benchmark", benchmark, "--url"]
        arguments += [REEVALUATED, "--locator", "README, comparison", "--row", row, "--columns", columns]
        arguments += ["--backbone-unstated", "not named", "--extra-data-unstated", "not named"]
        assert main([*arguments, "--reported-by", "memory-net"]) == 0
    assert main(["build", "--no-search", "--root", str(root)]) == 0
    with serve(root / "site") as base, chromium() as driver:
        driver.get(base + "compare/index.html?m=old-net")
        WebDriverWait(driver, 10).until(lambda session: session.find_element("id", "compare").is_displayed())
        table = driver.find_element("id", "comparison")
        cells = [
            [cell.text for cell in row.find_elements("css selector", "th, td")]
            for row in table.find_elements("css selector", "tr")
        ]
        assert cells == [
            ["Benchmark", "OldNet"],
            ["DAVIS 2017 val J&F", "86.2\nOldNet (tied); extra data: ?"],
            ["YouTube-VOS 2018 val G", "81.0\nextra data: ?; as reported by MemoryNet"],
        ]
        assert console_errors(driver) == []
