#!/usr/bin/env python3
"""Write the pull request comment that pr-comment.yml posts: pr-comment/summary.md and pr-comment/number.

Runs in pr.yml after the tests, whether they passed or not, on the pull request's checkout (read-only token).
When they failed it puts first what went wrong (the data errors exactly as `awesome-vos check` prints them,
else a pointer to the run log) and the commands that show the same on the contributor's machine; then, if the
data loads, what the change does to the list (`awesome-vos diff`). Only the standard library is used, so the
report is written even when setting up .venv is what failed.

Usage: .ci/pr_report.py --base origin/main --number 12 --outcome failure [--out pr-comment]
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CLI = ROOT / ".venv" / "bin" / "awesome-vos"

LOCAL = """To see the same on your machine (Python 3.11; `make test` also needs Node.js with npm):

```sh
make build                    # sets up .venv on first use, validates the data, writes README.md and site/
.venv/bin/awesome-vos check   # the data only: every error with file, line, field and a hint
make test                     # everything this check runs
```

Commit only your files under `data/`: README.md and `charts/` are regenerated on the main branch after the merge.
"""


def _run(*arguments: str) -> subprocess.CompletedProcess[str]:
    """The CLI on this checkout, without GitHub annotations (the tests' own check already made them)."""
    environment = {name: value for name, value in os.environ.items() if name != "GITHUB_ACTIONS"}
    return subprocess.run(
        [str(CLI), *arguments], cwd=ROOT, env=environment, capture_output=True, text=True, check=False
    )


def _fenced(text: str) -> str:
    """`text` in a code block whose fence is longer than any run of backticks in it."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}text\n{text.rstrip()}\n{fence}\n"


def _run_log() -> str:
    """A link to this run's log, when GitHub's environment names it."""
    parts = [os.environ.get(name, "") for name in ("GITHUB_SERVER_URL", "GITHUB_REPOSITORY", "GITHUB_RUN_ID")]
    return f"[the run log]({parts[0]}/{parts[1]}/actions/runs/{parts[2]})" if all(parts) else "the run log"


def _failure(check: subprocess.CompletedProcess[str] | None) -> str:
    """What failed, and how to see it locally; `check` is the data check's run (None without .venv)."""
    head = "### The checks failed\n\n"
    if check is None:
        return f"{head}The run stopped before it could check the data: see {_run_log()}.\n\n{LOCAL}"
    if check.returncode != 0:
        return (
            f"{head}`awesome-vos check` found problems in the data; each one is also marked on its line under "
            f"*Files changed*.\n\n{_fenced(check.stderr)}\nFix them and push again. {LOCAL}"
        )
    return (
        f"{head}The data is valid, but another step failed (the tests, the linters or the site build): "
        f"see {_run_log()}.\n\n{LOCAL}"
    )


def _changes(base: str) -> str:
    """`awesome-vos diff` against the base branch, or why it could not run."""
    diff = _run("diff", base)
    if diff.returncode == 0:
        return diff.stdout
    return f"### Data changes against `{base}`\n\nThe comparison failed:\n\n{_fenced(diff.stderr)}"


def main() -> int:
    """Write the comment's files; exit 0 whatever the pull request holds, so the comment is always posted."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", required=True, help="the git ref to compare with, e.g. origin/main")
    parser.add_argument("--number", required=True, type=int, help="the pull request's number")
    parser.add_argument("--outcome", required=True, help="the tests' outcome: success, failure, ...")
    parser.add_argument(
        "--out", type=Path, default=ROOT / "pr-comment", help="folder for the comment's files"
    )
    arguments = parser.parse_args()
    check = _run("check") if CLI.exists() else None
    parts = [] if arguments.outcome == "success" else [_failure(check)]
    if check is not None and check.returncode == 0:
        parts.append(_changes(arguments.base))
    arguments.out.mkdir(parents=True, exist_ok=True)
    (arguments.out / "summary.md").write_text("\n".join(part for part in parts if part), encoding="utf-8")
    (arguments.out / "number").write_text(f"{arguments.number}\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
