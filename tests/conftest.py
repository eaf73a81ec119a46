"""Shared fixtures: a throw-away project built from a fixture corpus and the real templates."""

from __future__ import annotations

import contextlib
import shutil
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from awesome_vos.cli import main

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def make_project(destination: Path, corpus: str = "basic") -> Path:
    """A project folder with the fixture corpus's data/ and the repository's templates/."""
    shutil.copytree(FIXTURES / corpus / "data", destination / "data")
    shutil.copytree(REPO / "templates", destination / "templates")
    return destination


def snapshot(root: Path) -> dict[str, bytes]:
    """Every output file (README.md and site/) with its bytes."""
    files = {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in (root / "site").rglob("*")
        if path.is_file()
    }
    readme = root / "README.md"
    if readme.exists():
        files["README.md"] = readme.read_bytes()
    return files


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return make_project(tmp_path / "project")


Runner = Callable[..., tuple[int, str, str]]


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Runner:
    """Run the CLI in-process; returns (exit code, stdout, stderr)."""

    def run(*arguments: str) -> tuple[int, str, str]:
        try:
            code = main(list(arguments))
        except SystemExit as exit_:
            code = int(exit_.code or 0)
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return run


@contextlib.contextmanager
def local_server(handler: Callable[..., BaseHTTPRequestHandler]) -> Iterator[str]:
    """A threaded HTTP server on 127.0.0.1 (a free port) for as long as the block runs; yields its base URL.
    Tests of network commands use it instead of the internet."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, args=(0.01,), daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()
