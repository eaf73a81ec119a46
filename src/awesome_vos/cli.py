"""The `awesome-vos` command: build, check, schema, contributor tools. The only place that prints or exits.

Heavy modules are imported inside the commands so that `--help` stays instant.
"""

from __future__ import annotations

import argparse
import difflib
import os
import sys
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path

EXIT_DATA = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130


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
    build.add_argument(
        "--force", action="store_true", help="rebuild even when no input changed since the last build"
    )
    commands.add_parser("check", parents=[where], help="validate the data and check README.md is up to date")
    schema = commands.add_parser("schema", help="print the JSON Schema of a kind of data file")
    schema.add_argument("kind", nargs="?", default="paper", help="paper (default), dataset, benchmark, ...")
    schema.add_argument("--write", action="store_true", help="write every kind's schema under schemas/")
    schema.add_argument("--root", type=Path, default=Path("."), help="project folder for --write")
    _contributor_parsers(commands, where)
    return parser


def _contributor_parsers(
    commands: argparse._SubParsersAction[argparse.ArgumentParser], where: argparse.ArgumentParser
) -> None:
    diff = commands.add_parser(
        "diff", parents=[where], help="summarise (Markdown) what the data changes against a git ref"
    )
    diff.add_argument("ref", help="git ref to compare with, e.g. origin/main")
    new = commands.add_parser("new", parents=[where], help="start data/papers/<id>.yaml from the skeleton")
    new.add_argument("id", help="the paper's id: lowercase kebab-case, usually the method name")
    bib = commands.add_parser("import-bibtex", parents=[where], help="start paper files from BibTeX entries")
    bib.add_argument("file", type=Path, help="a .bib file")
    links = commands.add_parser("links", parents=[where], help="check every URL in the data (network)")
    links.add_argument("--timeout", type=float, default=15.0, help="seconds per request (default 15)")
    links.add_argument(
        "--retries", type=int, default=2, help="retries after a timeout, 5xx or 429 (default 2)"
    )
    links.add_argument("--per-host", type=int, default=2, help="requests at once to one host (default 2)")
    links.add_argument(
        "--delay", type=float, default=1.0, help="seconds between requests to one host (default 1)"
    )
    links.add_argument("--workers", type=int, default=16, help="requests at once in all (default 16)")
    links.add_argument("--markdown", type=Path, help="also write the report as Markdown to this file")


def _usable_root(root: Path) -> str | None:
    if not (root / "data").is_dir():
        return f"no data/ folder under {root}; run inside the project or pass --root"
    if not (root / "templates").is_dir():
        return f"no templates/ folder under {root}; run inside the project or pass --root"
    return None


def _waiting() -> None:
    print(
        "awesome-vos: another build or check of this project is running; waiting for it to finish",
        file=sys.stderr,
    )


def _build(root: Path, search: bool, force: bool) -> int:
    from .buildstate import inputs_fingerprint, up_to_date
    from .lock import project_lock
    from .output import check_places
    from .places import FILES, FOLDERS

    check_places(root, FILES, FOLDERS)
    with project_lock(root, exclusive=True, on_wait=_waiting):
        inputs = inputs_fingerprint(root, search)
        if not force and up_to_date(root, inputs):
            print("README.md, charts/ and site/ are up to date (no input changed); --force rebuilds anyway")
            return 0
        return _full_build(root, inputs, search, force)


def _full_build(root: Path, inputs: str, search: bool, force: bool) -> int:
    from .build import CHARTS, SITE, load_catalog, render_outputs
    from .buildstate import record
    from .output import OutputError, SiteWriter, prepare_files, publish

    catalog = load_catalog(root)
    writer = SiteWriter(root, SITE)
    try:
        rest, staged = render_outputs(catalog, root, writer.put, search, redraw=force)
        prepared = prepare_files(root, rest, managed=(CHARTS,))
    except BaseException:
        writer.abort()
        raise
    try:
        report = publish(writer, staged, prepared)
        record(root, inputs)
    except OSError as error:
        raise OutputError(
            f"{_os_problem(error, root)} while putting the outputs in place; run the build again"
        ) from None
    except KeyboardInterrupt:
        print(
            "awesome-vos: interrupted after the outputs were put in place; run the build again",
            file=sys.stderr,
        )
        return EXIT_INTERRUPTED
    print(
        f"built {len(catalog.papers)} papers, {len(catalog.rows)} results, {len(catalog.benchmarks)} benchmarks: "
        f"{len(report.written)} files written, {len(report.removed)} removed, {report.unchanged} unchanged"
        + ("" if search else " (no search index)")
    )
    return 0


def _check(root: Path) -> int:
    from .lock import project_lock
    from .output import check_places
    from .places import FILES, FOLDERS

    check_places(root, FILES, FOLDERS)
    with project_lock(root, exclusive=False, on_wait=_waiting):
        return _check_outputs(root)


def _check_outputs(root: Path) -> int:
    from .buildstate import unchanged_since_build

    if unchanged_since_build(root):
        print(
            "ok: nothing changed since the last successful build, which validated the data and wrote README.md"
        )
        return 0
    from .build import CHARTS, README, chart_files, load_catalog, readme_text

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
    folder = root / CHARTS
    present = sorted(f"{CHARTS}/{path.name}" for path in folder.iterdir()) if folder.is_dir() else []
    wanted = chart_files(catalog)
    if present != wanted:
        missing, extra = sorted(set(wanted) - set(present)), sorted(set(present) - set(wanted))
        print(
            f"{CHARTS}/ is not what the data generates (missing: {', '.join(missing) or 'none'}; "
            f"extra: {', '.join(extra) or 'none'}); run `awesome-vos build` and commit it",
            file=sys.stderr,
        )
        return EXIT_DATA
    print(f"ok: {len(catalog.papers)} papers, {len(catalog.rows)} results valid; {README} is up to date")
    return 0


def _schema(kind: str, write: bool, root: Path) -> int:
    from .contrib.schemas import schema_files, schema_text
    from .models import KINDS

    if write:
        for name, text in schema_files().items():
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            (root / name).write_text(text, encoding="utf-8")
            print(f"wrote {name}")
        return 0
    if kind not in KINDS:
        print(f"awesome-vos: unknown kind '{kind}'; use one of: {', '.join(sorted(KINDS))}", file=sys.stderr)
        return EXIT_USAGE
    sys.stdout.write(schema_text(kind))
    return 0


def _diff(root: Path, ref: str) -> int:
    from .build import load_catalog
    from .contrib.changes import compare
    from .contrib.diffreport import summary
    from .contrib.gitref import GitError, data_at
    from .errors import DataErrors

    try:
        with data_at(root, ref) as old_root:
            before = load_catalog(old_root)
    except GitError as error:
        print(f"awesome-vos: {error}", file=sys.stderr)
        return EXIT_USAGE
    except DataErrors as errors:
        print(f"the data at {ref} does not load:\n{errors.report()}", file=sys.stderr)
        return EXIT_DATA
    sys.stdout.write(summary(compare(before, load_catalog(root)), ref))
    return 0


def _fill_in(required: list[str], optional: list[str]) -> None:
    if required:
        print(f"  fill in: {', '.join(required)}")
    if optional:
        print(f"  fill in or remove: {', '.join(optional)}")


def _new(root: Path, identifier: str) -> int:
    from .contrib.draft import Draft, id_problem, write_drafts

    problem = id_problem(identifier)
    if problem:
        print(f"awesome-vos: {problem}", file=sys.stderr)
        return EXIT_USAGE
    draft = Draft(identifier)
    write_drafts(root, [draft], skeleton=True)
    print(f"wrote {draft.path}")
    _fill_in(*draft.placeholders(skeleton=True))
    print("then run `awesome-vos check`; it points at every field still empty")
    return 0


def _import_bibtex(root: Path, file: Path) -> int:
    from .contrib.bibimport import import_entries, known_papers, parse_bibtex, read_venues
    from .contrib.draft import write_drafts

    try:
        text = file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        print(f"awesome-vos: cannot read {file}: {error}", file=sys.stderr)
        return EXIT_USAGE
    drafts, refusals = import_entries(parse_bibtex(text, str(file)), read_venues(root), known_papers(root))
    write_drafts(root, drafts, skeleton=False)
    for draft in drafts:
        print(f"wrote {draft.path}")
        _fill_in(*draft.placeholders(skeleton=False))
    for refusal in refusals:
        print(f"skipped {refusal.key}: {refusal.reason}", file=sys.stderr)
    if drafts:
        print("then run `awesome-vos check`; it points at every field still empty")
    return EXIT_DATA if refusals else 0


def _progress(done: int, total: int) -> None:
    width = 30
    filled = width * done // total
    sys.stdout.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} links")
    sys.stdout.write("\n" if done == total else "")
    sys.stdout.flush()


def _links(arguments: argparse.Namespace) -> int:
    from .build import load_catalog
    from .contrib.linkcheck import Policy, check_urls
    from .contrib.links import cited_urls, read_exclusions, report, split_excluded

    places = cited_urls(load_catalog(arguments.root))
    to_check, skipped = split_excluded(places, read_exclusions(arguments.root))
    policy = Policy(
        timeout=arguments.timeout,
        retries=arguments.retries,
        per_host=arguments.per_host,
        delay=arguments.delay,
        workers=arguments.workers,
    )
    outcomes = check_urls(to_check, policy, _progress if sys.stdout.isatty() else None)
    for outcome in outcomes:
        if outcome.verdict != "ok":
            print(f"{outcome.verdict}: {outcome.url}: {outcome.detail} ({'; '.join(places[outcome.url])})")
    text = report(outcomes, places, len(skipped))
    if arguments.markdown:
        arguments.markdown.write_text(text, encoding="utf-8")
    print(text.splitlines()[0])
    return EXIT_DATA if any(outcome.verdict == "broken" for outcome in outcomes) else 0


_CONTRIBUTOR_COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "diff": lambda arguments: _diff(arguments.root, arguments.ref),
    "new": lambda arguments: _new(arguments.root, arguments.id),
    "import-bibtex": lambda arguments: _import_bibtex(arguments.root, arguments.file),
    "links": _links,
}


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point; returns the exit code (0 ok, 1 bad data, stale or unwritable output, 2 bad usage, 130
    interrupted)."""
    try:
        return _run(argv)
    except KeyboardInterrupt:
        print("awesome-vos: interrupted; no output was changed", file=sys.stderr)
        return EXIT_INTERRUPTED


def _run(argv: Sequence[str] | None) -> int:
    arguments = _parser().parse_args(argv)
    if arguments.command == "schema":
        return _schema(arguments.kind, arguments.write, arguments.root)
    problem = _usable_root(arguments.root)
    if problem:
        print(f"awesome-vos: {problem}", file=sys.stderr)
        return EXIT_USAGE
    import jinja2

    from .errors import DataErrors
    from .output import OutputError

    try:
        if arguments.command == "build":
            return _build(arguments.root, search=not arguments.no_search, force=arguments.force)
        if arguments.command in _CONTRIBUTOR_COMMANDS:
            return _CONTRIBUTOR_COMMANDS[arguments.command](arguments)
        return _check(arguments.root)
    except DataErrors as errors:
        print(errors.report(), file=sys.stderr)
        return EXIT_DATA
    except jinja2.TemplateError as error:
        place = _template_place(error, arguments.root)
        print(f"awesome-vos: {place}{error.message}; no output was changed", file=sys.stderr)
        return EXIT_DATA
    except OutputError as error:
        print(f"awesome-vos: {error}", file=sys.stderr)
        return EXIT_DATA
    except OSError as error:
        print(f"awesome-vos: {_os_problem(error, arguments.root)}; no output was changed", file=sys.stderr)
        return EXIT_DATA


def _os_problem(error: OSError, root: Path) -> str:
    """'site/x.html: No space left on device': the file (relative to the project when inside it) and why."""
    reason = error.strerror or str(error)
    if not error.filename:
        return reason
    path = Path(os.fsdecode(error.filename))
    inside = path.resolve().is_relative_to(root.resolve()) if path.is_absolute() else False
    shown = path.resolve().relative_to(root.resolve()).as_posix() if inside else str(path)
    return f"cannot write or read {shown}: {reason}"


def _template_place(error: BaseException, root: Path) -> str:
    """'templates/x.j2:12: ' for the innermost template frame of a template error, else ''."""
    name = getattr(error, "filename", None)
    line = getattr(error, "lineno", None)
    for frame in traceback.extract_tb(error.__traceback__):
        if frame.filename.endswith(".j2"):
            name, line = frame.filename, frame.lineno
    if not name:
        return ""
    path = Path(name).resolve()
    shown = path.relative_to(root.resolve()).as_posix() if path.is_relative_to(root.resolve()) else name
    return f"{shown}:{line}: "


if __name__ == "__main__":
    sys.exit(main())
