"""Find and read every data file under data/, validating each into its model.

The result keeps each model with the Document it came from, so later checks can point at lines.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Generic, TypeVar

from pydantic import TypeAdapter

from .errors import DataError, DataErrors
from .loader import Document, Shared, read_document
from .models import (
    BACKBONES,
    HARDWARE,
    TASKS,
    VENUES,
    Backbone,
    Benchmark,
    Dataset,
    Hardware,
    Paper,
    Site,
    Task,
    Venue,
)
from .parallel import fork_map
from .validate import validate

T = TypeVar("T")

PAPERS: TypeAdapter[Paper] = TypeAdapter(Paper)
DATASETS: TypeAdapter[Dataset] = TypeAdapter(Dataset)
BENCHMARKS: TypeAdapter[Benchmark] = TypeAdapter(Benchmark)
SITE: TypeAdapter[Site] = TypeAdapter(Site)
PARALLEL_FILES = 2000
"""From this many files of one kind, a forked worker parses half of them: parsing is most of the reading,
and sending values back costs a tenth of parsing them. Validation stays here, where the models are used."""


@dataclass(frozen=True, slots=True)
class Located(Generic[T]):
    """A validated value and the document it was read from."""

    value: T
    document: Document


@dataclass(frozen=True)
class Corpus:
    """Everything under data/, validated one file at a time but not yet cross-checked."""

    site: Located[Site]
    tasks: Located[list[Task]]
    venues: Located[list[Venue]]
    backbones: Located[list[Backbone]]
    hardware: Located[list[Hardware]]
    papers: list[Located[Paper]]
    datasets: list[Located[Dataset]]
    benchmarks: list[Located[Benchmark]]
    errors: tuple[DataError, ...] = ()
    unreadable: frozenset[str] = frozenset()
    """Ids (file stems) of entries that failed to validate: references to them are not reported again."""


class _Reader:
    """Collects errors across files so that one run reports them all."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.errors: list[DataError] = []
        self.unreadable: set[str] = set()
        self.shared = Shared()

    def name(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix()

    def refuse(self, path: Path, message: str, hint: str) -> None:
        self.errors.append(DataError(self.name(path), 1, 1, "", message, hint))

    def parse(self, path: Path) -> Document | list[DataError]:
        """The file's values, or what is wrong with it (a list, which pickles: this may run in a worker)."""
        try:
            return read_document(path, self.name(path), self.shared)
        except DataErrors as exc:
            return exc.errors

    def validated(self, parsed: Document | list[DataError], adapter: TypeAdapter[T]) -> Located[T] | None:
        if isinstance(parsed, list):
            self.errors.extend(parsed)
            return None
        try:
            return Located(validate(parsed, adapter), parsed.without_data())
        except DataErrors as exc:
            self.errors.extend(exc.errors)
            return None

    def read(self, path: Path, adapter: TypeAdapter[T]) -> Located[T] | None:
        return self.validated(self.parse(path), adapter)

    def read_file(self, path: Path, adapter: TypeAdapter[T]) -> Located[T] | None:
        if path.is_symlink() or not path.is_file():
            self.refuse(path, "file is missing or not a regular file", "restore it from the repository")
            return None
        return self.read(path, adapter)

    def files(self, directory: Path) -> Iterator[Path]:
        """The YAML files of a data directory in name order; anything else there is reported."""
        if directory.is_symlink() or not directory.is_dir():
            self.refuse(directory, "directory is missing", "create it (it may be empty)")
            return
        try:
            listed = sorted(directory.iterdir())
        except OSError as error:
            self.refuse(directory, f"cannot list the directory: {error.strerror}", "check its permissions")
            return
        for path in listed:
            if path.is_symlink():
                self.refuse(path, "symbolic links are not allowed in data/", "replace the link by a file")
            elif path.is_dir():
                self.refuse(path, "unexpected directory", "keep one <id>.yaml file per entry, no folders")
            elif not path.is_file():
                self.refuse(
                    path, "not a regular file (a FIFO, socket or device)", "replace it by a plain .yaml file"
                )
            elif path.suffix != ".yaml":
                hint = "rename it to .yaml" if path.suffix == ".yml" else "only <id>.yaml files belong here"
                self.refuse(path, "unexpected file", hint)
            else:
                yield path

    def entries(self, directory: Path, adapter: TypeAdapter[T]) -> list[Located[T]]:
        """Validated entries whose `id` matches their file name."""
        found: list[Located[T]] = []
        paths = list(self.files(directory))
        for path, parsed in zip(paths, fork_map(self.parse, paths, minimum=PARALLEL_FILES), strict=True):
            located = self.validated(parsed, adapter)
            if located is None:
                self.unreadable.add(path.stem)
                continue
            identifier = getattr(located.value, "id", path.stem)
            if identifier != path.stem:
                hint = f"rename the file to '{identifier}.yaml' or set `id: {path.stem}`"
                self.errors.append(located.document.error(("id",), "id does not match the file name", hint))
                self.unreadable.add(path.stem)
                continue
            found.append(located)
        return found


def read_corpus(root: Path) -> Corpus:
    """Read and validate every data file under `root`/data.

    Errors in single entries are kept in the Corpus so the catalog can add its own before reporting; only
    an unreadable site, tasks, venues, backbones or hardware file (which every check needs) raise DataErrors
    here.
    """
    data = root / "data"
    reader = _Reader(root)
    site = reader.read_file(data / "site.yaml", SITE)
    tasks = reader.read_file(data / "tasks.yaml", TASKS)
    venues = reader.read_file(data / "venues.yaml", VENUES)
    backbones = reader.read_file(data / "backbones.yaml", BACKBONES)
    hardware = reader.read_file(data / "hardware.yaml", HARDWARE)
    papers = reader.entries(data / "papers", PAPERS)
    datasets = reader.entries(data / "datasets", DATASETS)
    benchmarks = reader.entries(data / "benchmarks", BENCHMARKS)
    if site is None or tasks is None or venues is None or backbones is None or hardware is None:
        raise DataErrors(reader.errors)
    return Corpus(
        site,
        tasks,
        venues,
        backbones,
        hardware,
        papers,
        datasets,
        benchmarks,
        tuple(reader.errors),
        frozenset(reader.unreadable),
    )
