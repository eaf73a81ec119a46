"""The `awesome-vos` command: build, check, schema. The only place that prints or exits.

Heavy modules are imported inside the commands so that `--help` stays instant.
"""

from __future__ import annotations

import argparse
import difflib
import json
import sys
from collections.abc import Sequence
from pathlib import Path

EXIT_DATA = 1
EXIT_USAGE = 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="awesome-vos",
        description="Build the awesome-vos list (README.md) and site from the YAML under data/.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    where = argparse.ArgumentParser(add_help=False)
    where.add_argument(
        "--root", type=Path, default=Path("."), help="project folder holding data/ and templates/"
    )
    build = commands.add_parser("build", parents=[where], help="validate the data, write README.md and site/")
    build.add_argument("--no-search", action="store_true", help="skip the search index (faster local builds)")
    commands.add_parser("check", parents=[where], help="validate the data and check README.md is up to date")
    schema = commands.add_parser("schema", help="print the JSON Schema of a kind of data file")
    schema.add_argument(
        "kind", nargs="?", default="paper", choices=["paper", "dataset", "benchmark", "tasks", "venues"]
    )
    return parser


def _usable_root(root: Path) -> str | None:
    if not (root / "data").is_dir():
        return f"no data/ folder under {root}; run inside the project or pass --root"
    if not (root / "templates").is_dir():
        return f"no templates/ folder under {root}; run inside the project or pass --root"
    return None


def _build(root: Path, search: bool) -> int:
    from .build import CHARTS, SITE, load_catalog, render_outputs
    from .output import PostProcess, write_files, write_site
    from .search import SEARCH_FOLDER, index_site

    catalog = load_catalog(root)
    outputs = render_outputs(catalog, root)
    prefix = f"{SITE}/"
    site = {
        name.removeprefix(prefix): content for name, content in outputs.items() if name.startswith(prefix)
    }
    rest = {name: content for name, content in outputs.items() if not name.startswith(prefix)}
    site_report = write_site(root, SITE, site, PostProcess(SEARCH_FOLDER, index_site) if search else None)
    rest_report = write_files(root, rest, managed=(CHARTS,))
    written = len(site_report.written) + len(rest_report.written)
    removed = len(site_report.removed) + len(rest_report.removed)
    unchanged = site_report.unchanged + rest_report.unchanged
    print(
        f"built {len(catalog.papers)} papers, {len(catalog.rows)} results, {len(catalog.benchmarks)} benchmarks: "
        f"{written} files written, {removed} removed, {unchanged} unchanged"
        + ("" if search else " (no search index)")
    )
    return 0


def _check(root: Path) -> int:
    from .build import README, load_catalog, readme_text

    catalog = load_catalog(root)
    expected = readme_text(catalog, root)
    path = root / README
    actual = path.read_text(encoding="utf-8") if path.is_file() else ""
    if actual != expected:
        diff = difflib.unified_diff(
            actual.splitlines(keepends=True),
            expected.splitlines(keepends=True),
            "README.md",
            "README.md (generated)",
        )
        sys.stdout.writelines(diff)
        print(
            f"\n{README} is not what the data generates; run `awesome-vos build` and commit it",
            file=sys.stderr,
        )
        return EXIT_DATA
    print(f"ok: {len(catalog.papers)} papers, {len(catalog.rows)} results valid; {README} is up to date")
    return 0


def _schema(kind: str) -> int:
    from .models import KINDS

    print(json.dumps(KINDS[kind].json_schema(), indent=2, sort_keys=True))
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point; returns the exit code (0 ok, 1 bad data or stale output, 2 bad usage)."""
    arguments = _parser().parse_args(argv)
    if arguments.command == "schema":
        return _schema(arguments.kind)
    problem = _usable_root(arguments.root)
    if problem:
        print(f"awesome-vos: {problem}", file=sys.stderr)
        return EXIT_USAGE
    from .errors import DataErrors
    from .search import SearchIndexError

    try:
        if arguments.command == "build":
            return _build(arguments.root, search=not arguments.no_search)
        return _check(arguments.root)
    except DataErrors as errors:
        print(errors.report(), file=sys.stderr)
        return EXIT_DATA
    except SearchIndexError as error:
        print(f"awesome-vos: {error}; no output was changed", file=sys.stderr)
        return EXIT_DATA


if __name__ == "__main__":
    sys.exit(main())
