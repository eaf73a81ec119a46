"""The link check against a real HTTP server on 127.0.0.1: answers, retries, politeness, exclusions, CLI."""

from __future__ import annotations

import re
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest

from awesome_vos.build import load_catalog
from awesome_vos.contrib.linkcheck import Outcome, Policy, check_urls
from awesome_vos.contrib.links import Exclusion, cited_urls, split_excluded
from conftest import Runner, local_server

FAST = Policy(timeout=0.5, retries=1, backoff=0.01, per_host=2, delay=0.0, workers=8)


class Server:
    """What the handler saw: hits per path, and the most /slow requests it served at once (a /hang request
    left over from another test must not count)."""

    def __init__(self) -> None:
        self.hits: Counter[str] = Counter()
        self.starts: list[float] = []
        self.active = 0
        self.most_active = 0
        self.lock = threading.Lock()
        self.release = threading.Event()
        self.base = ""


def _handler(server: Server) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            with server.lock:
                server.hits[self.path] += 1
                server.starts.append(time.monotonic())
            self.answer()

        def work(self) -> None:
            """A /slow request's work, counted as active only until its answer is sent: once the client has
            the answer it may send its next request before this thread is scheduled again."""
            with server.lock:
                server.active += 1
                server.most_active = max(server.most_active, server.active)
            time.sleep(0.05)
            with server.lock:
                server.active -= 1

        def answer(self) -> None:
            path = self.path
            hop = re.fullmatch(r"/hop/(\d+)", path)
            if path == "/hang":
                server.release.wait(5)
                return
            if hop and int(hop.group(1)) > 0:
                self.send_response(301)
                self.send_header("Location", f"/hop/{int(hop.group(1)) - 1}")
                self.end_headers()
                return
            if path == "/loop":
                self.send_response(301)
                self.send_header("Location", "/loop")
                self.end_headers()
                return
            name = path.rsplit("/", 1)[-1]
            status = {"missing": 404, "limited": 429, "forbidden": 403, "error": 500}.get(name, 200)
            if path.startswith("/slow"):
                self.work()
            self.send_response(status)
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.write(b"ok")

        def log_message(self, format: str, *args: object) -> None:
            """Keep the test output clean."""

    return Handler


@pytest.fixture
def server() -> Iterator[Server]:
    state = Server()
    with local_server(_handler(state)) as state.base:
        yield state
        state.release.set()


def _by_url(outcomes: list[Outcome]) -> dict[str, Outcome]:
    return {outcome.url: outcome for outcome in outcomes}


def test_answers_are_classified(server: Server) -> None:
    paths = ["/fine", "/hop/3", "/missing", "/limited", "/forbidden", "/error", "/loop"]
    outcomes = _by_url(check_urls([server.base + path for path in paths], FAST))
    verdicts = {url.removeprefix(server.base): outcome.verdict for url, outcome in outcomes.items()}
    assert verdicts == {
        "/fine": "ok",
        "/hop/3": "ok",
        "/missing": "broken",
        "/limited": "warning",
        "/forbidden": "warning",
        "/error": "broken",
        "/loop": "broken",
    }
    assert outcomes[server.base + "/hop/3"].final_url == server.base + "/hop/0"
    assert outcomes[server.base + "/missing"].detail == "404 Not Found"
    assert outcomes[server.base + "/limited"].detail == "429 Too Many Requests (2 tries)"


def test_transient_failures_are_retried_and_permanent_ones_are_not(server: Server) -> None:
    check_urls([server.base + path for path in ["/missing", "/forbidden", "/error", "/limited"]], FAST)
    assert server.hits == {"/missing": 1, "/forbidden": 1, "/error": 2, "/limited": 2}


def test_a_server_that_never_answers_times_out(server: Server) -> None:
    started = time.monotonic()
    [outcome] = check_urls([server.base + "/hang"], Policy(timeout=0.2, retries=1, backoff=0.01, delay=0))
    assert outcome.verdict == "broken"
    assert outcome.detail == "timed out after 0.2 s (2 tries)"
    assert time.monotonic() - started < 2


def test_duplicates_are_checked_once(server: Server) -> None:
    outcomes = check_urls([server.base + "/fine"] * 3, FAST)
    assert len(outcomes) == 1
    assert server.hits["/fine"] == 1


def test_each_host_gets_few_requests_at_once_and_a_pause_between_them(server: Server) -> None:
    urls = [f"{server.base}/slow/{number}" for number in range(6)]
    check_urls(urls, Policy(timeout=2, retries=0, per_host=1, delay=0.03, workers=8))
    assert server.most_active == 1
    gaps = [later - earlier for earlier, later in zip(server.starts, server.starts[1:], strict=False)]
    assert min(gaps) >= 0.025


def test_hosts_are_checked_side_by_side(server: Server) -> None:
    other = server.base.replace("127.0.0.1", "localhost")
    urls = [f"{base}/slow/{number}" for base in (server.base, other) for number in range(3)]
    check_urls(urls, Policy(timeout=2, retries=0, per_host=1, delay=0, workers=8))
    assert server.most_active == 2


def test_progress_is_reported_for_every_url(server: Server) -> None:
    seen: list[tuple[int, int]] = []
    check_urls([server.base + "/a", server.base + "/b"], FAST, lambda done, total: seen.append((done, total)))
    assert seen == [(1, 2), (2, 2)]


def test_cited_urls_name_every_place(project: Path) -> None:
    places = cited_urls(load_catalog(project))
    assert places["https://example.org/memorynet/results"] == [
        "data/papers/memory-net.yaml: results[0].source",
        "data/papers/memory-net.yaml: results[1].source",
        "data/papers/memory-net.yaml: results[2].source",
    ]
    assert places["https://arxiv.org/abs/2200.00002"] == ["data/papers/memory-net.yaml: arxiv"]
    assert "data/datasets/davis-2017.yaml: homepage" in places["https://example.org/davis"]


def test_exclusions_match_exact_urls_and_prefixes() -> None:
    exclusions = [
        Exclusion(url="https://a.example/x", reason="blocks robots"),
        Exclusion(prefix="https://b.example/", reason="rate limit"),
    ]
    urls = ["https://a.example/x", "https://a.example/y", "https://b.example/z"]
    to_check, skipped = split_excluded(urls, exclusions)
    assert to_check == ["https://a.example/y"]
    assert {url: item.reason for url, item in skipped.items()} == {
        "https://a.example/x": "blocks robots",
        "https://b.example/z": "rate limit",
    }


def _local_project(project: Path, base: str) -> None:
    """Point every URL of the fixture data at the test server; arXiv pages are excluded in links.yaml."""
    for path in (project / "data").rglob("*.yaml"):
        text = re.sub(r"https?://", f"{base}/", path.read_text())
        path.write_text(text)
    (project / "links.yaml").write_text(
        "exclude:\n  - prefix: https://arxiv.org/\n    reason: arXiv pages are not served by the test server\n"
    )


FLAGS = ("--timeout", "0.5", "--retries", "0", "--delay", "0")


def test_cli_passes_when_every_link_answers(project: Path, server: Server, cli: Runner) -> None:
    _local_project(project, server.base)
    code, out, err = cli("links", "--root", str(project), *FLAGS)
    assert (code, err) == (0, "")
    assert out.splitlines()[-1] == "Checked 17 links: 0 broken, 0 warnings, 2 skipped by links.yaml."
    assert not any(path.startswith("/arxiv.org") for path in server.hits)


def test_cli_fails_on_broken_links_and_writes_the_report(
    project: Path, server: Server, cli: Runner, tmp_path: Path
) -> None:
    _local_project(project, server.base)
    paper = project / "data/papers/memory-net.yaml"
    paper.write_text(
        paper.read_text().replace("/memorynet/code", "/missing").replace("/memorynet/project", "/limited")
    )
    report = tmp_path / "report.md"
    code, out, _ = cli("links", "--root", str(project), *FLAGS, "--markdown", str(report))
    assert code == 1
    missing = f"{server.base}/example.org/missing"
    assert f"broken: {missing}: 404 Not Found (data/papers/memory-net.yaml: links.code)" in out.splitlines()
    text = report.read_text()
    assert text.startswith("Checked 17 links: 1 broken, 1 warnings, 2 skipped by links.yaml.\n")
    assert f"| <{missing}> | 404 Not Found | `data/papers/memory-net.yaml: links.code` |" in text
    assert "### Warnings" in text


def test_cli_reports_a_bad_exclusion_file(project: Path, cli: Runner) -> None:
    (project / "links.yaml").write_text("exclude:\n  - url: https://example.org/x\n")
    code, _, err = cli("links", "--root", str(project))
    assert code == 1
    assert err.startswith("links.yaml:2:5: exclude[0]: required field 'reason' is missing")


def test_cli_draws_a_progress_bar_only_on_a_terminal(
    project: Path, server: Server, cli: Runner, monkeypatch: pytest.MonkeyPatch
) -> None:
    _local_project(project, server.base)
    _, plain, _ = cli("links", "--root", str(project), *FLAGS)
    assert "\r[" not in plain
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    _, drawn, _ = cli("links", "--root", str(project), *FLAGS)
    assert f"\r[{'#' * 30}] 17/17 links\n" in drawn
