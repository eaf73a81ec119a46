"""`make bench`: time awesome-vos, phase by phase and as whole commands, against Hugo on the same papers.

    python benchmarks/run.py [--sizes 1348,10000,100000] [--results-per-paper 5] [--repeats 3] [--budget 900]

For each size a synthetic corpus (benchmarks/corpus.py) and its Hugo twin (benchmarks/hugo_site.py) are
written under --work, once per generator, data and templates version. The package, templates and data are
copied at the start and used from there (the package on PYTHONPATH), so edits made during a run do not mix. Each measurement is a fresh
process: benchmarks/phases.py for the phases of one build, then `awesome-vos build` (full, then again with
nothing changed), `check`, `build --no-search` when the CLI has it, and `hugo`; Hugo's turn alternates with
ours between repetitions. Wall and CPU time come from wait4(); peak memory is the process tree's summed PSS,
sampled every 0.1 s (benchmarks/memory.py); medians of time over repetitions are reported.
Repetitions beyond the first, and sizes above 10,000 papers, run only while their estimated cost fits in
--budget seconds. Prints a table and the target ratios; writes the numbers to benchmarks/results/latest.json.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

import corpus
import hugo_site
import phases
from memory import TreeMemory

HERE = Path(__file__).resolve().parent
CLI = Path(sys.executable).parent / "awesome-vos"
RESULTS = HERE / "results" / "latest.json"
KEEP = {"data", "templates", corpus.MARKER}
"""Top-level names in a corpus folder that are inputs; everything else is output and is cleared."""
SETTLE = 60
"""Seconds after a mass deletion until ext4 allocates inodes at full speed again (see set_aside)."""
ALWAYS = 10_000
"""Sizes up to this many papers get one repetition whatever the budget: the targets are defined there."""


@dataclass
class Sample:
    """One process: wall and CPU seconds, memory, exit code (None when killed at the timeout)."""

    seconds: float
    cpu: float
    peak_mb: float
    """Peak of the process tree's summed PSS, sampled every 0.1 s (forked workers and children included)."""
    largest_rss_mb: float
    """ru_maxrss from wait4: the largest single process of the tree."""
    exit: int | None
    error: str = ""


@dataclass
class Size:
    """Every sample taken at one corpus size, by measurement name."""

    papers: int
    samples: dict[str, list[Sample]] = field(default_factory=dict)
    phases: list[dict[str, dict[str, float]]] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    """Phase functions (module:name) that the measured code does not have."""
    round_seconds: float = 0.0
    note: str = ""

    def add(self, name: str, sample: Sample) -> None:
        """Record a sample."""
        self.samples.setdefault(name, []).append(sample)

    def seconds(self, name: str) -> float | None:
        """Median wall time of a measurement; None if it never completed."""
        done = [sample.seconds for sample in self.samples.get(name, []) if sample.exit == 0]
        return statistics.median(done) if done else None

    def peak(self, name: str) -> float | None:
        """Largest peak memory (process tree PSS) of a measurement."""
        done = [sample.peak_mb for sample in self.samples.get(name, []) if sample.exit == 0]
        return max(done) if done else None


def measure(command: Sequence[str], cwd: Path, timeout: float) -> tuple[Sample, str]:
    """Run `command`; its sample and standard output. The whole process group is killed at `timeout`."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, stdout=out, stderr=err, start_new_session=True)
        killer = threading.Timer(timeout, os.killpg, (process.pid, signal.SIGKILL))
        killer.start()
        with TreeMemory(process.pid) as memory:
            _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - started
        killer.cancel()
        timed_out = elapsed >= timeout
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        error = err.read().decode(errors="replace").strip()[-2000:]
        code = None if timed_out else process.returncode
        if timed_out:
            error = f"killed after {timeout:.0f} s"
        cpu = usage.ru_utime + usage.ru_stime
        sample = Sample(elapsed, cpu, memory.peak_mb, usage.ru_maxrss / 1024, code, error)
        return sample, out.read().decode(errors="replace")


def set_aside(path: Path, trash: Path) -> None:
    """Move an output out of the way, to be deleted when the run ends.

    Deleting a tree of 10,000 files just before a timed command made that command slow and its time erratic
    (system time went from 2 s to 12 s): for about a minute ext4 skips the freed inodes, one by one, each
    time it allocates a new one (recently_deleted() in its inode allocator). A rename frees nothing.
    """
    trash.mkdir(parents=True, exist_ok=True)
    path.rename(trash / f"{len(list(trash.iterdir()))}-{path.name}")


def clear_outputs(folder: Path, trash: Path) -> None:
    """Set aside what a build wrote, so the next build is a full one."""
    for path in folder.iterdir():
        if path.name not in KEEP:
            set_aside(path, trash)


def has_no_search() -> bool:
    """Whether `awesome-vos build --help` lists --no-search."""
    finished = subprocess.run([str(CLI), "build", "--help"], capture_output=True, text=True, check=False)
    return "--no-search" in finished.stdout


class Bench:
    """Runs the measurements and keeps the clock for the budget."""

    def __init__(self, arguments: argparse.Namespace) -> None:
        self.arguments = arguments
        self.work: Path = arguments.work
        self.deadline = time.monotonic() + arguments.budget if arguments.budget > 0 else float("inf")
        self.code = self.work / "code"
        self.trash = self.work / "trash"
        shutil.rmtree(self.code, ignore_errors=True)
        for name in ("src/awesome_vos", "templates", "data"):
            shutil.copytree(
                corpus.REPO / name, self.code / name, ignore=shutil.ignore_patterns("__pycache__")
            )
        os.environ["PYTHONPATH"] = str(self.code / "src")
        self.no_search = has_no_search()
        self.hugo = shutil.which("hugo")

    def remaining(self) -> float:
        """Seconds left in the budget."""
        return self.deadline - time.monotonic()

    def prepare(self, papers: int) -> Path:
        """The corpus and Hugo site for `papers`, regenerated only when stale; returns the corpus folder."""
        folder = self.work / f"{papers}x{self.arguments.results_per_paper}"
        stamp = corpus.fingerprint(papers, self.arguments.results_per_paper, self.arguments.seed, self.code)
        marker = folder / "corpus" / corpus.MARKER
        if not marker.is_file() or marker.read_text().strip() != stamp:
            started = time.perf_counter()
            corpus.write_corpus(
                folder / "corpus", papers, self.arguments.results_per_paper, self.arguments.seed, self.code
            )
            print(f"  generated {papers:,} papers in {time.perf_counter() - started:.1f} s", flush=True)
        if self.hugo:
            hugo_site.write_hugo_site(folder / "corpus", folder / "hugo", stamp)
        return folder / "corpus"

    def take(self, size: Size, name: str, command: list[str], folder: Path) -> str:
        """Measure one process into `size` under `name`; returns its standard output."""
        sample, output = measure(command, folder, self.arguments.timeout)
        size.add(name, sample)
        status = "" if sample.exit == 0 else f" FAILED: {sample.error or f'exit {sample.exit}'}"
        print(f"    {name}: {sample.seconds:.2f} s, {sample.peak_mb:.0f} MB{status}", flush=True)
        return output

    def ours(self, size: Size, folder: Path) -> None:
        """Phases, full build, no-change rebuild, check (nothing changed since the build, then with a comment
        added to one paper, which makes it check everything), then a full --no-search build."""
        clear_outputs(folder, self.trash)
        output = self.take(size, "phases", [sys.executable, str(HERE / "phases.py"), str(folder)], folder)
        if size.samples["phases"][-1].exit == 0:
            report = json.loads(output.splitlines()[-1])
            size.phases.append(report["phases"])
            size.missing = report["missing"]
        clear_outputs(folder, self.trash)
        self.take(size, "build", [str(CLI), "build"], folder)
        self.take(size, "rebuild, nothing changed", [str(CLI), "build"], folder)
        self.take(size, "check", [str(CLI), "check"], folder)
        paper = min((folder / "data" / "papers").glob("*.yaml"))
        original = paper.read_bytes()
        paper.write_bytes(original + b"# edited\n")
        try:
            self.take(size, "check, one paper edited", [str(CLI), "check"], folder)
        finally:
            paper.write_bytes(original)
        if self.no_search:
            clear_outputs(folder, self.trash)
            self.take(size, "build --no-search", [str(CLI), "build", "--no-search"], folder)

    def theirs(self, size: Size, folder: Path) -> None:
        """One Hugo build of the twin site into an empty folder."""
        if self.hugo:
            site, out = folder.parent / "hugo", folder.parent / "hugo-out"
            if out.exists():
                set_aside(out, self.trash)
            self.take(size, "hugo", [self.hugo, "--quiet", "-s", str(site), "-d", str(out)], folder)

    def round(self, size: Size, folder: Path, repetition: int) -> None:
        """One repetition of every measurement at one size; Hugo goes first on odd repetitions."""
        started = time.monotonic()
        order = [self.ours, self.theirs] if repetition % 2 == 0 else [self.theirs, self.ours]
        for step in order:
            step(size, folder)
        size.round_seconds = max(size.round_seconds, time.monotonic() - started)
        print(
            f"  {size.papers:,} papers, repetition {repetition + 1}: {time.monotonic() - started:.1f} s",
            flush=True,
        )

    def help_sample(self) -> list[Sample]:
        """`awesome-vos --help`, ten times."""
        return [measure([str(CLI), "--help"], self.work, self.arguments.timeout)[0] for _ in range(10)]

    def run(self) -> tuple[list[Size], list[Sample]]:
        """First one repetition at each size (larger ones only if they fit), then more while they fit."""
        self.work.mkdir(parents=True, exist_ok=True)
        if self.trash.exists():
            shutil.rmtree(self.trash)
            print(
                f"  removed the outputs an earlier run left; waiting {SETTLE} s for the file system",
                flush=True,
            )
            os.sync()
            time.sleep(SETTLE)
        try:
            return self.sizes()
        finally:
            shutil.rmtree(self.trash, ignore_errors=True)

    def sizes(self) -> tuple[list[Size], list[Sample]]:
        """Every round that fits, and the --help samples."""
        sizes: list[Size] = []
        folders: dict[int, Path] = {}
        for papers in self.arguments.sizes:
            size = Size(papers)
            sizes.append(size)
            measured = [item for item in sizes if item.round_seconds]
            estimate = measured[-1].round_seconds * papers / measured[-1].papers if measured else 0.0
            if papers > ALWAYS and estimate > self.remaining():
                size.note = f"skipped: one repetition estimated at {estimate:.0f} s, {max(self.remaining(), 0):.0f} s of budget left"
                print(f"  {papers:,} papers {size.note}", flush=True)
                continue
            print(f"{papers:,} papers", flush=True)
            folders[papers] = self.prepare(papers)
            self.round(size, folders[papers], 0)
        for repetition in range(1, self.arguments.repeats):
            for size in sizes:
                if size.papers in folders and size.round_seconds < self.remaining():
                    self.round(size, folders[size.papers], repetition)
        return sizes, self.help_sample()


@dataclass(frozen=True)
class Target:
    """A target from the issue: a measured value against its limit."""

    name: str
    value: float | None
    limit: float
    unit: str
    note: str = ""

    @property
    def verdict(self) -> str:
        """PASS, FAIL, or n/a when the inputs were not measured (a timeout counts as FAIL)."""
        if self.value is None:
            return "FAIL" if "killed" in self.note else "n/a"
        return "PASS" if self.value <= self.limit else "FAIL"


def _problem(size: Size | None, name: str) -> str:
    if size is None or name not in size.samples:
        return "not measured" + (f" ({size.note})" if size and size.note else "")
    failed = [sample for sample in size.samples[name] if sample.exit != 0]
    return f"{name}: {failed[0].error or f'exit {failed[0].exit}'}" if failed else ""


def _ratio(top: float | None, bottom: float | None) -> float | None:
    return top / bottom if top is not None and bottom else None


def targets(sizes: list[Size], help_samples: list[Sample], no_search: bool) -> list[Target]:
    """The issue's targets, each from one run's numbers."""
    at = {size.papers: size for size in sizes}
    small, medium, large = at.get(1348), at.get(10_000), at.get(100_000)
    fast = "build --no-search" if no_search else "build"
    fast_note = "" if no_search else "the CLI has no --no-search; measured `build`"

    def get(size: Size | None, name: str) -> float | None:
        return size.seconds(name) if size else None

    def notes(*pairs: tuple[Size | None, str]) -> str:
        problems = [problem for size, name in pairs if (problem := _problem(size, name))]
        return "; ".join(dict.fromkeys(problems))

    result = [
        Target(
            f"{fast} / hugo, 10,000 papers",
            _ratio(get(medium, fast), get(medium, "hugo")),
            1.0,
            "x",
            "; ".join(filter(None, [fast_note, notes((medium, fast), (medium, "hugo"))])),
        ),
        Target(
            f"peak memory of {fast}, 10,000 papers",
            medium.peak(fast) if medium else None,
            300,
            "MB",
            notes((medium, fast)),
        ),
        Target(
            "build / hugo, 10,000 papers",
            _ratio(get(medium, "build"), get(medium, "hugo")),
            1.5,
            "x",
            notes((medium, "build"), (medium, "hugo")),
        ),
        Target("check, 1,348 papers", get(small, "check"), 0.5, "s", notes((small, "check"))),
        Target(
            "build 100,000 / build 10,000 papers",
            _ratio(get(large, "build"), get(medium, "build")),
            12,
            "x",
            notes((large, "build"), (medium, "build")),
        ),
    ]
    for size in (size for size in sizes if size.samples):
        result.append(
            Target(
                f"rebuild with nothing changed / build, {size.papers:,} papers",
                _ratio(size.seconds("rebuild, nothing changed"), size.seconds("build")),
                0.2,
                "x",
                notes((size, "rebuild, nothing changed"), (size, "build")),
            )
        )
    done = [sample.seconds * 1000 for sample in help_samples if sample.exit == 0]
    result.append(Target("awesome-vos --help", statistics.median(done) if done else None, 150, "ms"))
    return result


COMMANDS = (
    "build",
    "build --no-search",
    "rebuild, nothing changed",
    "check",
    "check, one paper edited",
    "hugo",
)


def _number(value: float | None, unit: str = "s") -> str:
    if value is None:
        return "-"
    if unit == "MB":
        return f"{value:.0f}"
    return f"{value:.3f}" if value < 1 else f"{value:.2f}" if value < 100 else f"{value:.0f}"


def phase_medians(size: Size) -> dict[str, tuple[float, float]]:
    """Median seconds and largest peak MB of each phase over the repetitions."""
    found = {}
    for name in phases.NAMES:
        runs = [run[name] for run in size.phases if name in run]
        if runs:
            found[name] = (
                statistics.median(run["seconds"] for run in runs),
                max(run["peak_mb"] for run in runs),
            )
    return found


def table(sizes: list[Size]) -> str:
    """Phases and commands by size: median seconds and peak MB."""
    shown = [size for size in sizes if size.samples]
    header = f"{'':30}" + "".join(f"{f'{size.papers:,} papers':>22}" for size in shown)
    units = f"{'':30}" + "".join(f"{'s':>12}{'peak MB':>10}" for _ in shown)
    lines = [header, units]
    medians = [phase_medians(size) for size in shown]
    for name in phases.NAMES:
        if any(name in found for found in medians):
            cells = "".join(
                f"{_number(found[name][0]) if name in found else '-':>12}{_number(found[name][1], 'MB') if name in found else '-':>10}"
                for found in medians
            )
            lines.append(f"{'  ' + name:30}{cells}")
    for name in COMMANDS:
        if any(name in size.samples for size in shown):
            cells = "".join(
                f"{_number(size.seconds(name)):>12}{_number(size.peak(name), 'MB'):>10}" for size in shown
            )
            lines.append(f"{name:30}{cells}")
    for name in ("build", "hugo"):
        if any(name in size.samples for size in shown):
            cells = "".join(
                f"{_number(statistics.median(s.cpu for s in size.samples[name]) if size.samples.get(name) else None):>12}{'':10}"
                for size in shown
            )
            lines.append(f"{name + ', CPU s (user+sys)':30}{cells}")
    return "\n".join(lines)


def _tree_hash(code: Path) -> str:
    """Identifies the code, templates and data measured (the copy taken at the start)."""
    digest = hashlib.sha256()
    for path in sorted(code.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(path.relative_to(code).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def _environment(hugo: str | None, tree: str) -> dict[str, str]:
    def output(command: list[str], cwd: Path = HERE) -> str:
        try:
            return subprocess.run(
                command, cwd=cwd, capture_output=True, text=True, check=False
            ).stdout.strip()
        except OSError:
            return ""

    return {
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpus": str(os.cpu_count()),
        "hugo": output([hugo, "version"]) if hugo else "not installed",
        "commit": output(["git", "rev-parse", "HEAD"]),
        "src, templates and data sha256": tree,
        "load average at the end": " ".join(f"{value:.2f}" for value in os.getloadavg()),
    }


def main(argv: Sequence[str] | None = None) -> int:
    """Command line."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--sizes", default="1348,10000,100000", help="paper counts, comma-separated")
    parser.add_argument("--results-per-paper", type=int, default=5)
    parser.add_argument("--repeats", type=int, default=3, help="repetitions per measurement (median)")
    parser.add_argument("--budget", type=float, default=900, help="seconds for the whole run; 0 for no limit")
    parser.add_argument("--timeout", type=float, default=900, help="seconds before one process is killed")
    parser.add_argument("--seed", type=int, default=1348)
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "awesome-vos-bench")
    parser.add_argument("--out", type=Path, default=RESULTS, help="JSON results file")
    arguments = parser.parse_args(argv)
    arguments.sizes = sorted(int(item.replace("_", "")) for item in arguments.sizes.split(","))
    bench = Bench(arguments)
    if not bench.hugo:
        print("hugo is not installed (apt-get install hugo): the Hugo comparison is skipped", file=sys.stderr)
    if not bench.no_search:
        print("`awesome-vos build --help` lists no --no-search: `build` is measured instead", file=sys.stderr)
    load = os.getloadavg()[0]
    if load > 0.5:
        print(f"load average is {load:.2f}: other processes will disturb the timings", file=sys.stderr)
    started, tree = time.monotonic(), _tree_hash(bench.code)
    sizes, help_samples = bench.run()
    found = targets(sizes, help_samples, bench.no_search)
    print()
    print(table(sizes))
    print(f"{'awesome-vos --help':30}{_number(found[-1].value / 1000 if found[-1].value else None):>12}")
    print()
    for target in found:
        shown = "-" if target.value is None else f"{target.value:.2f} {target.unit}"
        print(
            f"{target.verdict:5} {target.name:58} {shown:>12}  (limit {target.limit:g} {target.unit}){'  ' + target.note if target.note else ''}"
        )
    for size in sizes:
        if size.note:
            print(f"{size.papers:,} papers {size.note}")
    print(f"\nwhole run: {time.monotonic() - started:.0f} s")
    report = {
        "environment": _environment(bench.hugo, tree),
        "settings": {key: str(value) for key, value in vars(arguments).items()},
        "sizes": [
            {
                "papers": size.papers,
                "note": size.note,
                "phase functions not found": size.missing,
                "phases": {
                    name: {"seconds": s, "peak_mb": m} for name, (s, m) in phase_medians(size).items()
                },
                "commands": {
                    name: {
                        "seconds": size.seconds(name),
                        "peak_mb": size.peak(name),
                        "samples": [asdict(sample) for sample in samples],
                    }
                    for name, samples in size.samples.items()
                },
            }
            for size in sizes
        ],
        "help_ms": [sample.seconds * 1000 for sample in help_samples],
        "targets": [{**asdict(target), "verdict": target.verdict} for target in found],
    }
    arguments.out.parent.mkdir(parents=True, exist_ok=True)
    arguments.out.write_text(json.dumps(report, indent=1) + "\n")
    print(f"results: {arguments.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
