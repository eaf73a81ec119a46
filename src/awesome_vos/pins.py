"""The pinning rule for result sources, in one place: a source either names text that cannot change (a file
at a commit, a numbered arXiv version) or says on which day its page was read (`accessed`).

GitHub file URLs at a branch or tag move (a README's 49.5 became 49.3), so they need a 40-hex commit:
`https://github.com/<owner>/<repo>/blob/<sha>/<path>#L<n>`; arXiv abstracts need their version (`v2`);
any other page needs `accessed`. A GitHub file that cannot be pinned may be dated instead, which the
coverage count (`awesome-vos provenance`) shows apart, so the share of pinned GitHub sources is measured.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal
from urllib.parse import urlsplit

Kind = Literal["github-commit", "github-moving", "arxiv-version", "arxiv-latest", "page"]
PINNED: frozenset[Kind] = frozenset({"github-commit", "arxiv-version"})

_GITHUB = re.compile(
    r"https://github\.com/(?P<owner>[^/]+)/(?P<repo>[^/]+)/(?:blob|raw|tree)/(?P<ref>[^/?#]+)"
    r"(?P<path>/[^?#]*)?"
)
_RAW = re.compile(
    r"https://raw\.githubusercontent\.com/(?P<owner>[^/]+)/(?P<repo>[^/]+)/(?P<ref>[^/?#]+)(?P<path>/[^?#]*)?"
)
_ARXIV = re.compile(
    r"https?://(?:www\.|export\.)?arxiv\.org/(?:abs|pdf|html)/"
    r"(?P<id>\d{4}\.\d{4,5}|[a-z-]+(?:\.[A-Za-z]{2})?/\d{7})(?P<version>v\d+)?(?:\.pdf)?/?(?:[?#].*)?"
)
_SHA = re.compile(r"[0-9a-f]{40}")
_HEX = re.compile(r"[0-9a-fA-F]{7,40}")
RAW_BASE = "https://raw.githubusercontent.com"
"""Where the text of a GitHub file at a commit is served; verify-sources takes another base in its tests."""


@dataclass(frozen=True, slots=True)
class GitHubFile:
    """A file in a GitHub repository at a ref (a commit sha when pinned)."""

    owner: str
    repo: str
    ref: str
    path: str

    def raw(self, base: str = RAW_BASE) -> str:
        """Where its plain text is served."""
        return f"{base.rstrip('/')}/{self.owner}/{self.repo}/{self.ref}{self.path}"


def github_file(url: str) -> GitHubFile | None:
    """The GitHub file a `/blob/`, `/raw/` or raw.githubusercontent.com URL names, if it names one."""
    found = _GITHUB.match(url) or _RAW.match(url)
    if found is None:
        return None
    return GitHubFile(found["owner"], found["repo"], found["ref"], found["path"] or "")


def kind(url: str) -> Kind:
    """What sort of source a URL is, for the rule and for the coverage count."""
    file = github_file(url)
    if file is not None:
        return "github-commit" if _SHA.fullmatch(file.ref) else "github-moving"
    found = _ARXIV.fullmatch(url)
    if found is not None:
        return "arxiv-version" if found["version"] else "arxiv-latest"
    return "page"


def pin_problem(url: str, dated: bool) -> tuple[str, str] | None:
    """(message, hint) when a result source is neither pinned nor dated; None when it is fine."""
    if dated:
        return None
    found = kind(url)
    if found in PINNED:
        return None
    if found == "github-moving":
        file = github_file(url)
        assert file is not None
        if _HEX.fullmatch(file.ref):
            return (
                f"GitHub source names the commit '{file.ref}' by an abbreviation",
                "write the full 40-hex sha of the commit (`git rev-parse <abbreviation>` prints it)",
            )
        return (
            f"GitHub source points at '{file.ref}', which moves, so the quoted text can change under it",
            f"pin it to a commit: https://github.com/{file.owner}/{file.repo}/blob/<40-hex sha>{file.path}#L<n> "
            "(on GitHub, press y on the file for its permalink; n is the line of the quoted row); only if no "
            "commit can be named, add `accessed: YYYY-MM-DD`, the day the page was read",
        )
    if found == "arxiv-latest":
        host = urlsplit(url).netloc
        return (
            "arXiv source names no version, so the paper can change under it",
            f"name the version the numbers were read in, like https://{host}/abs/2310.12982v2 (the abstract "
            "page lists the versions), or add `accessed: YYYY-MM-DD`",
        )
    return (
        "source page is neither pinned nor dated",
        "add `accessed: YYYY-MM-DD`, the day the page was read, under the source",
    )
