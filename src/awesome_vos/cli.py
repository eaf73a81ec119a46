"""The `awesome-vos` command: build, check, schema, contributor tools. The only place that prints or exits.

Heavy modules are imported inside the commands so that `--help` stays instant.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import difflib
import os
import sys
import traceback
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .catalog import Catalog
    from .contrib.linkcheck import Policy

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
    check = commands.add_parser(
        "check", parents=[where], help="validate the data (what a pull request needs)"
    )
    check.add_argument(
        "--fresh",
        action="store_true",
        help="also require the committed README.md and charts/ to be what the data generates (main branch)",
    )
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
    _add_result_parser(commands, where)
    share = commands.add_parser(
        "provenance", parents=[where], help="count sources pinned to a commit or version, or dated"
    )
    share.add_argument(
        "--min-pinned", type=float, default=0.0, help="fail below this % of GitHub sources pinned"
    )
    polite = argparse.ArgumentParser(add_help=False)
    polite.add_argument("--timeout", type=float, default=15.0, help="seconds per request (default 15)")
    polite.add_argument(
        "--retries", type=int, default=2, help="retries after a timeout, 5xx or 429 (default 2)"
    )
    polite.add_argument("--per-host", type=int, default=2, help="requests at once to one host (default 2)")
    polite.add_argument(
        "--delay", type=float, default=1.0, help="seconds between requests to one host (default 1)"
    )
    polite.add_argument("--workers", type=int, default=16, help="requests at once in all (default 16)")
    polite.add_argument("--markdown", type=Path, help="also write the report as Markdown to this file")
    commands.add_parser("links", parents=[where, polite], help="check every URL in the data (network)")
    verify = commands.add_parser(
        "verify-sources",
        parents=[where, polite],
        help="fetch every quoted source and check its quote is still there (network)",
    )
    verify.add_argument(
        "--raw-base",
        default=None,
        help="where GitHub files at a commit are fetched (default https://raw.githubusercontent.com)",
    )


def _day(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date; write it like 2026-12-02") from None


def _add_result_parser(
    commands: argparse._SubParsersAction[argparse.ArgumentParser], where: argparse.ArgumentParser
) -> None:
    add = commands.add_parser(
        "add-result",
        parents=[where],
        help="append a result to a paper file from the row or sentence its numbers were read in",
        description="Numbers are read from the pasted text, never retyped; the text becomes the quote.",
    )
    add.add_argument("paper", help="the paper's id (data/papers/<id>.yaml must exist)")
    add.add_argument("--benchmark", required=True, help="a benchmark id from data/benchmarks/")
    add.add_argument(
        "--url",
        required=True,
        help="the source, pinned: https://github.com/<owner>/<repo>/blob/<40-hex sha>/<path>#L<n> or "
        "https://arxiv.org/abs/<id>v<k>; any other page needs --accessed",
    )
    add.add_argument("--locator", required=True, help="where on the page: 'Table 3', 'README, DAVIS table'")
    add.add_argument(
        "--row", required=True, help="the table row or sentence exactly as printed ('-' reads it from stdin)"
    )
    names = add.add_mutually_exclusive_group(required=True)
    names.add_argument(
        "--columns",
        help="what each cell of a table row is, from the left: a metric id, fps, or _ (or -) to skip: "
        "_,_,jf,j,f (a list starting with - needs --columns=-,-,jf,j,f)",
    )
    names.add_argument(
        "--numbers", help="what each number of a sentence is, in order: a metric id, fps, or _ to skip"
    )
    add.add_argument("--variant", help="the row label as the source names it")
    add.add_argument("--backbone", help="id from data/backbones.yaml (e.g. resnet-50)")
    add.add_argument("--backbone-unstated", metavar="WHY", help="instead of --backbone: why it is not known")
    add.add_argument(
        "--extra-data",
        metavar="IDS",
        help="dataset ids trained on beyond the usual sets (coco,bl30k) or 'none'",
    )
    add.add_argument(
        "--extra-data-unstated", metavar="WHY", help="instead of --extra-data: why it is not known"
    )
    add.add_argument(
        "--inference", choices=("online", "semi-online", "offline"), help="as the source states it"
    )
    add.add_argument(
        "--inference-unstated", metavar="WHY", help="instead of --inference: why it is not known"
    )
    add.add_argument("--resolution", help="input size as the source prints it ('480p', 'short side 600')")
    add.add_argument("--hardware", help="id from data/hardware.yaml of the GPU behind fps (e.g. v100)")
    add.add_argument("--hardware-unstated", metavar="WHY", help="with fps when the source names no GPU: why")
    add.add_argument("--fps-note", help="how fps was measured (AMP, batch size, what is excluded)")
    add.add_argument(
        "--reported-by",
        metavar="PAPER",
        help="id of the paper whose table printed this row, when it re-evaluates the method of PAPER",
    )
    add.add_argument("--note", help="anything a reader needs to compare the row (how a split was inferred)")
    add.add_argument("--accessed", type=_day, help="the day a page that can change was read (YYYY-MM-DD)")
    add.add_argument(
        "--scale", choices=("percent", "fraction"), default="percent", help="fraction when 0.713 means 71.3"
    )


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


@contextlib.contextmanager
def _guarded(root: Path, exclusive: bool) -> Iterator[None]:
    """The outputs checked for links and wrong kinds, then the project's lock held (a second build or check
    waits): what build and check both start with."""
    from .lock import project_lock
    from .output import check_places
    from .places import FILES, FOLDERS

    check_places(root, FILES, FOLDERS)
    with project_lock(root, exclusive=exclusive, on_wait=_waiting):
        yield


def _build(root: Path, search: bool, force: bool) -> int:
    from .buildstate import inputs_fingerprint, up_to_date

    with _guarded(root, exclusive=True):
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


def _check(root: Path, fresh: bool) -> int:
    """Validate the data; with `fresh`, also compare README.md and charts/ with what the data generates.

    Pull requests leave README.md and charts/ to the main branch's CI, so only a maintainer asks for `fresh`.
    """
    from .buildstate import unchanged_since_build

    with _guarded(root, exclusive=False):
        if unchanged_since_build(root):
            print(
                "ok: nothing changed since the last successful build, which validated the data and wrote README.md"
            )
            return 0
        from .build import load_catalog  # only past the fast path: it pulls in the whole pipeline

        catalog = load_catalog(root)
        if fresh:
            stale = _stale_outputs(catalog, root)
            if stale:
                print(f"{stale}; run `awesome-vos build` and commit it", file=sys.stderr)
                return EXIT_DATA
        outputs = "; README.md and charts/ are up to date" if fresh else ""
        print(f"ok: {len(catalog.papers)} papers, {len(catalog.rows)} results valid{outputs}")
        return 0


def _stale_outputs(catalog: Catalog, root: Path) -> str:
    """What differs between the committed README.md and charts/ and what `catalog` generates ('' if nothing);
    README.md's unified diff goes to stdout."""
    from .build import CHARTS, README, chart_files, readme_text

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
        return f"{README} is not what the data generates"
    folder = root / CHARTS
    present = sorted(f"{CHARTS}/{path.name}" for path in folder.iterdir()) if folder.is_dir() else []
    wanted = chart_files(catalog)
    if present != wanted:
        missing, extra = sorted(set(wanted) - set(present)), sorted(set(present) - set(wanted))
        return (
            f"{CHARTS}/ is not what the data generates (missing: {', '.join(missing) or 'none'}; "
            f"extra: {', '.join(extra) or 'none'})"
        )
    return ""


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


def _facts(arguments: argparse.Namespace) -> tuple[tuple[str, str | tuple[str, ...]], ...]:
    """The variant fields given on the command line, in the order a result lists them."""
    from .contrib.intake import names

    extra: tuple[str, ...] | None = None
    if arguments.extra_data is not None:
        extra = () if arguments.extra_data == "none" else names(arguments.extra_data)
    given: list[tuple[str, str | tuple[str, ...] | None]] = [
        ("backbone", arguments.backbone),
        ("backbone_unstated", arguments.backbone_unstated),
        ("extra_training_data", extra),
        ("extra_training_data_unstated", arguments.extra_data_unstated),
        ("inference", arguments.inference),
        ("inference_unstated", arguments.inference_unstated),
    ]
    return tuple((field, value) for field, value in given if value is not None)


def _add_result(arguments: argparse.Namespace) -> int:
    from .contrib.draft import id_problem
    from .contrib.intake import Intake, IntakeError, add_result, names, summary
    from .errors import DataErrors

    problem = id_problem(arguments.paper)
    if problem or not (arguments.root / "data" / "papers" / f"{arguments.paper}.yaml").is_file():
        missing = f"no data/papers/{arguments.paper}.yaml; start it with `awesome-vos new {arguments.paper}`"
        print(f"awesome-vos: {problem or missing}", file=sys.stderr)
        return EXIT_USAGE
    intake = Intake(
        paper=arguments.paper,
        benchmark=arguments.benchmark,
        url=arguments.url,
        locator=arguments.locator,
        text=sys.stdin.read() if arguments.row == "-" else arguments.row,
        names=names(arguments.columns if arguments.columns is not None else arguments.numbers),
        by_column=arguments.columns is not None,
        variant=arguments.variant,
        facts=_facts(arguments),
        resolution=arguments.resolution,
        hardware=arguments.hardware,
        hardware_unstated=arguments.hardware_unstated,
        fps_note=arguments.fps_note,
        reported_by=arguments.reported_by,
        accessed=arguments.accessed,
        fraction=arguments.scale == "fraction",
        note=arguments.note,
    )
    try:
        _, found = add_result(arguments.root, intake)
    except IntakeError as error:
        print(f"awesome-vos add-result: {error}; nothing was written", file=sys.stderr)
        return EXIT_DATA
    except DataErrors as errors:
        print(
            f"awesome-vos add-result: the row does not pass the checks, so nothing was written (lines are "
            f"those of {intake.path} with the row appended):\n{errors.report()}",
            file=sys.stderr,
        )
        return EXIT_DATA
    print(f"added to {intake.path}: {intake.benchmark}: {summary(found)}")
    print("then run `awesome-vos build` to see it ranked")
    return 0


def _provenance(arguments: argparse.Namespace) -> int:
    from .build import load_catalog
    from .contrib.coverage import coverage, report

    found = coverage(load_catalog(arguments.root))
    sys.stdout.write(report(found))
    if found.pinned_share < arguments.min_pinned:
        print(
            f"awesome-vos provenance: {found.pinned_share:.1f}% of GitHub sources pinned, "
            f"below the required {arguments.min_pinned:g}%",
            file=sys.stderr,
        )
        return EXIT_DATA
    return 0


def _progress(done: int, total: int) -> None:
    width = 30
    filled = width * done // total
    sys.stdout.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} links")
    sys.stdout.write("\n" if done == total else "")
    sys.stdout.flush()


def _links(arguments: argparse.Namespace) -> int:
    from .build import load_catalog
    from .contrib.linkcheck import check_urls
    from .contrib.links import cited_urls, read_exclusions, report, split_excluded

    places = cited_urls(load_catalog(arguments.root))
    to_check, skipped = split_excluded(places, read_exclusions(arguments.root))
    outcomes = check_urls(to_check, _policy(arguments), _progress if sys.stdout.isatty() else None)
    for outcome in outcomes:
        if outcome.verdict != "ok":
            print(f"{outcome.verdict}: {outcome.url}: {outcome.detail} ({'; '.join(places[outcome.url])})")
    text = report(outcomes, places, len(skipped))
    return _reported(arguments, text, any(outcome.verdict == "broken" for outcome in outcomes))


def _policy(arguments: argparse.Namespace, read: int = 0) -> Policy:
    from .contrib.linkcheck import Policy

    return Policy(
        timeout=arguments.timeout,
        retries=arguments.retries,
        per_host=arguments.per_host,
        delay=arguments.delay,
        workers=arguments.workers,
        read=read,
    )


def _reported(arguments: argparse.Namespace, text: str, failed: bool) -> int:
    """Write the Markdown report if asked, print its first line; exit 1 when something needs a fix."""
    if arguments.markdown:
        arguments.markdown.write_text(text, encoding="utf-8")
    print(text.splitlines()[0])
    return EXIT_DATA if failed else 0


def _verify_sources(arguments: argparse.Namespace) -> int:
    from .build import load_catalog
    from .contrib.linkcheck import check_urls
    from .contrib.sources import FAILING, MAX_BYTES, cited_sources, report, verdicts
    from .pins import RAW_BASE

    cited = cited_sources(load_catalog(arguments.root), arguments.raw_base or RAW_BASE)
    fetched = sorted({item.fetch for item in cited})
    outcomes = check_urls(fetched, _policy(arguments, MAX_BYTES), _progress if sys.stdout.isatty() else None)
    checks = verdicts(cited, outcomes)
    for check in checks:
        if check.verdict != "found":
            print(f"{check.verdict}: {check.cited.url}: {check.detail} ({check.cited.place})")
    text = report(checks)
    return _reported(arguments, text, any(check.verdict in FAILING for check in checks))


_CONTRIBUTOR_COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "diff": lambda arguments: _diff(arguments.root, arguments.ref),
    "new": lambda arguments: _new(arguments.root, arguments.id),
    "import-bibtex": lambda arguments: _import_bibtex(arguments.root, arguments.file),
    "links": _links,
    "verify-sources": _verify_sources,
    "add-result": _add_result,
    "provenance": _provenance,
}


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point; returns the exit code (0 ok, 1 bad data, stale or unwritable output, 2 bad usage, 130
    interrupted)."""
    try:
        return _run(argv)
    except KeyboardInterrupt:
        from .output import remove_created_staging

        remove_created_staging()
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
        return _check(arguments.root, arguments.fresh)
    except DataErrors as errors:
        print(errors.report(), file=sys.stderr)
        if os.environ.get("GITHUB_ACTIONS") == "true":  # set on GitHub's runners: mark the lines of the diff
            from .workflow_commands import error_commands

            workspace = Path(os.environ.get("GITHUB_WORKSPACE") or ".")
            sys.stdout.write(error_commands(errors.errors, arguments.root, workspace))
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
