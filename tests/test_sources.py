"""`awesome-vos verify-sources` against a real HTTP server on 127.0.0.1 serving fixture pages: a GitHub file at
a commit (fetched through --raw-base), an HTML page, a changed file, a redirect, a 404 and a page too slow."""

from __future__ import annotations

import re
import threading
from collections import Counter
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest
import yaml

from awesome_vos.contrib.linkcheck import Outcome
from awesome_vos.contrib.sources import Cited, verdicts
from conftest import FIXTURES, REPO, Runner, local_server

PAGES = FIXTURES / "sources"
SHA = "0123456789abcdef0123456789abcdef01234567"
MEMORY = "data/papers/memory-net.yaml"
OLD = "data/papers/old-net.yaml"
TIMEOUT = "0.3"


class Server:
    """The fixture pages on a local port, and the paths asked for."""

    def __init__(self) -> None:
        self.hits: Counter[str] = Counter()
        self.release = threading.Event()
        self.base = ""


def _handler(server: Server) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            server.hits[self.path] += 1
            if self.path == "/slow":
                server.release.wait(5)
                return
            if self.path == "/moved":
                self.send_response(301)
                self.send_header("Location", "/results.html")
                self.end_headers()
                return
            name = re.sub(r"^/example/memorynet/[^/]+/", "", self.path).lstrip("/")
            page = PAGES / name
            if "/" in name or not page.is_file():
                self.send_error(404)
                return
            body = page.read_bytes()
            self.send_response(200)
            kind = "text/html; charset=utf-8" if name.endswith(".html") else "text/plain; charset=utf-8"
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            """Keep the test output clean."""

    return Handler


@pytest.fixture
def server() -> Iterator[Server]:
    state = Server()
    with local_server(_handler(state)) as state.base:
        yield state
        state.release.set()


def _cite(project: Path, urls: dict[tuple[str, str], str]) -> None:
    """Point the source with the given (file, locator) at a URL."""
    for (name, locator), url in urls.items():
        path = project / name
        text = path.read_text()
        old = f'locator: "{locator}"'
        start = text.index("url: ", text.rindex("source: {", 0, text.index(old)))
        end = text.index(", ", start)
        path.write_text(text[:start] + f'url: "{url}"' + text[end:])


def _verify(cli: Runner, project: Path, server: Server, *extra: str) -> tuple[int, str, str]:
    return cli(
        "verify-sources",
        "--root",
        str(project),
        "--raw-base",
        server.base,
        "--timeout",
        TIMEOUT,
        "--retries",
        "0",
        "--delay",
        "0",
        *extra,
    )


L = (MEMORY, "Table 1, row 'MemoryNet-L'")
S = (MEMORY, "Table 1, row 'MemoryNet-S'")
YT = (MEMORY, "Table 2")
OLD_ROW = (OLD, "README, results table")
TIED = (OLD, "README, second table")


def test_every_quote_found(project: Path, cli: Runner, server: Server, tmp_path: Path) -> None:
    github = f"https://github.com/example/memorynet/blob/{SHA}"
    page = f"{server.base}/results.html"
    _cite(
        project,
        {
            L: f"{github}/README.md#L7",
            S: f"{github}/paper.tex#L5",
            YT: page,
            OLD_ROW: page,
            TIED: "https://github.com/example/memorynet/blob/main/tied.md#L5",
        },
    )
    markdown = tmp_path / "sources.md"
    code, out, err = _verify(cli, project, server, "--markdown", str(markdown))
    assert (code, err) == (0, "")
    first = (
        "Checked 5 quoted sources on 4 pages: 5 found, 0 changed, 0 moved, 0 dead, 0 blocked, 0 unverifiable."
    )
    assert out == first + "\n"
    assert markdown.read_text() == first + "\n"
    # GitHub files are read as plain text from the raw base at their commit (or branch), each page once
    assert server.hits == {
        f"/example/memorynet/{SHA}/README.md": 1,
        f"/example/memorynet/{SHA}/paper.tex": 1,
        "/example/memorynet/main/tied.md": 1,
        "/results.html": 1,
    }


def test_drift_and_dead_sources_are_reported(
    project: Path, cli: Runner, server: Server, tmp_path: Path
) -> None:
    github = f"https://github.com/example/memorynet/blob/{SHA}"
    _cite(
        project,
        {
            L: f"{github}/CHANGED.md#L7",
            S: f"{server.base}/slow",
            YT: f"{server.base}/moved",
            OLD_ROW: f"{server.base}/gone",
            TIED: f"{server.base}/results.html",
        },
    )
    markdown = tmp_path / "sources.md"
    code, out, err = _verify(cli, project, server, "--markdown", str(markdown))
    assert (code, err) == (1, "")
    report = markdown.read_text()
    assert report.splitlines()[0] == (
        "Checked 5 quoted sources on 5 pages: 1 found, 1 changed, 1 moved, 2 dead, 0 blocked, 0 unverifiable."
    )
    assert (
        f"| `{MEMORY}: results[0]` | <{github}/CHANGED.md#L7> | the page answers but no longer shows the "
        "quote | \\| MemoryNet-L \\| R50 \\| 480p \\| **86.2** \\| 82.9 \\| 89.5 \\| 22.6 \\| |"
    ) in report
    assert (
        f"| `{MEMORY}: results[2]` | <{server.base}/moved> | redirects to {server.base}/results.html; the quote "
        "is there |"
    ) in report
    assert f"| `{OLD}: results[0]` | <{server.base}/gone> | 404 Not Found | OldNet &amp;amp; 80.0" in report
    assert f"| `{MEMORY}: results[1]` | <{server.base}/slow> | timed out after 0.3 s |" in report
    sections = [line for line in report.splitlines() if line.startswith("### ")]
    assert sections == [
        "### Changed: the page no longer shows the quote",
        "### Moved: the URL redirects; cite the new one",
        "### Dead: no answer",
    ]
    assert out.splitlines()[-1] == report.splitlines()[0]
    assert f"changed: {github}/CHANGED.md#L7: the page answers but no longer shows the quote" in out


def test_a_table_of_an_arxiv_paper_is_not_called_changed() -> None:
    """An arXiv abstract page holds abstract sentences, not the paper's tables: a quote not on it is listed
    as unverifiable, never as drift; an abstract sentence is found."""
    url = "https://arxiv.org/abs/2200.00002v2"
    page = b"<html><body><blockquote>We reach 86.2 J&amp;F on DAVIS 2017.</blockquote></body></html>"
    answer = Outcome(url, "ok", "200 OK", body=page, content_type="text/html")
    table = Cited("data/papers/x.yaml: results[0]", url, url, r"Ours & 86.2 \\", "arxiv-version", False)
    sentence = Cited(
        "data/papers/x.yaml: results[1]", url, url, "We reach 86.2 J&F on DAVIS 2017.", "arxiv-version", False
    )
    checks = verdicts([table, sentence], [answer])
    assert [check.verdict for check in checks] == ["unverifiable", "found"]


def test_weekly_workflow_runs_the_command_it_documents(cli: Runner) -> None:
    workflow = yaml.safe_load((REPO / ".github" / "workflows" / "sources.yml").read_text())
    [step] = [step for step in workflow["jobs"]["sources"]["steps"] if step.get("id") == "check"]
    command = step["run"].split()
    assert command[:2] == ["awesome-vos", "verify-sources"]
    code, out, _ = cli(*command[1:2], "--help")
    assert code == 0
    assert all(option in out for option in command[2:] if option.startswith("--"))
    assert step["continue-on-error"] is True
    assert workflow[True]["schedule"]  # YAML 1.1 reads the key `on` as true
