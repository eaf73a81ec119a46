"""The search index: Pagefind (a Rust binary shipped on PyPI as pagefind[bin]) indexes the built pages."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

SEARCH_FOLDER = "pagefind"


class SearchIndexError(Exception):
    """Pagefind failed; the message carries its output."""


def index_site(directory: Path) -> None:
    """Write the Pagefind bundle into `directory`/pagefind, indexing pages marked data-pagefind-body."""
    command = [
        sys.executable,
        "-m",
        "pagefind",
        "--site",
        str(directory),
        "--output-subdir",
        "pagefind",
        "--silent",
    ]
    finished = subprocess.run(command, capture_output=True, text=True, check=False)
    if finished.returncode != 0:
        raise SearchIndexError(
            f"pagefind failed ({finished.returncode}): {finished.stderr.strip() or finished.stdout.strip()}"
        )
