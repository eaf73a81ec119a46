"""The generated README.md passes awesome-lint, the linter every list in sindresorhus/awesome must pass.

awesome-lint runs from the repository's node_modules (`npm ci`, as the Makefile does), on the README the data
generates, in a scratch git repository beside CONTRIBUTING.md and CODE_OF_CONDUCT.md as it would see them in
a clone. Its GitHub API lookups are switched off (fetch fails at once), so the test never leaves the machine.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest
import yaml

from awesome_vos.build import load_catalog, readme_text
from conftest import REPO

NODE = shutil.which("node")
AWESOME_LINT = REPO / "node_modules" / ".bin" / "awesome-lint"
OFFLINE = "--import=data:text/javascript,globalThis.fetch=()=>Promise.reject(Error('offline-in-tests'))"

pytestmark = pytest.mark.skipif(NODE is None, reason="node is not installed")


def _git(folder: Path, *arguments: str) -> None:
    subprocess.run(["git", *arguments], cwd=folder, check=True, capture_output=True)


def _scratch_clone(folder: Path) -> Path:
    """README.md as generated, with the files awesome-lint looks for and a GitHub remote, in a new repo."""
    folder.mkdir()
    readme = folder / "README.md"
    readme.write_text(readme_text(load_catalog(REPO), REPO), encoding="utf-8")
    for name in ("CONTRIBUTING.md", "CODE_OF_CONDUCT.md", "LICENSE"):
        shutil.copy(REPO / name, folder / name)
    repository = yaml.safe_load((REPO / "data" / "site.yaml").read_text(encoding="utf-8"))["repository"]
    _git(folder, "init", "--quiet", "--initial-branch=main")
    _git(folder, "remote", "add", "origin", f"{repository}.git")
    _git(folder, "config", "branch.main.remote", "origin")
    return readme


def test_generated_readme_passes_awesome_lint(tmp_path: Path) -> None:
    if not AWESOME_LINT.exists():
        pytest.fail("awesome-lint is not installed: run `npm ci --no-audit --no-fund` (make test does)")
    readme = _scratch_clone(tmp_path / "awesome-vos")
    environment = {
        **os.environ,
        "NODE_OPTIONS": OFFLINE,
        "NO_COLOR": "1",
        "npm_config_update_notifier": "false",
    }
    environment.pop("github_token", None)
    done = subprocess.run(
        ["npx", "--no-install", "awesome-lint", str(readme)],
        cwd=REPO,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    output = done.stdout + done.stderr
    errors = Counter(re.findall(r"✖ .*?(remark-lint:[\w-]+)", output))
    first = "\n".join(line for line in output.splitlines() if "✖ " in line)[:4000]
    assert done.returncode == 0, f"awesome-lint errors by rule: {dict(errors)}\n{first}"
