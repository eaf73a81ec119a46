"""The evidence check (issue #14) through the CLI: every printed number occurs in its quote, sources are
pinned or dated; one test per error a contributor can meet, with the exact report."""

from __future__ import annotations

import csv
import json
from decimal import Decimal
from pathlib import Path

import pytest

from awesome_vos.pins import github_file, kind, pin_problem
from awesome_vos.quotes import Printed, tokens
from conftest import Runner

MEMORY = "data/papers/memory-net.yaml"
OLD = "data/papers/old-net.yaml"
ROW = "| MemoryNet-L | R50 | 480p | **86.2** | 82.9 | 89.5 | 22.6 |"
LISTED = "50, 480, 86.2, 82.9, 89.5, 22.6"
SHA = "0123456789abcdef0123456789abcdef01234567"
L_URL = 'url: "https://example.org/memorynet/results", locator: "Table 1, row \'MemoryNet-L\'", accessed: 2026-11-24'
"""MemoryNet-L's DAVIS source up to its quote: a dated page, replaced by undated URLs of each kind."""
L_UNDATED = "locator: \"Table 1, row 'MemoryNet-L'\""
S_QUOTE = r"quote: 'MemoryNet-S & ResNet-18 & \textbf{80.0} & 86.1$^\dagger$ \\'"
COPY = "copy the value from the quote as printed, or quote the row or sentence it was read in"

# (case, file, text replaced, replacement, expected report without the count line)
CASES: list[tuple[str, str, str, str, str]] = [
    (
        "value-not-in-quote",
        MEMORY,
        "metrics: {jf: 86.2, j: 82.9",
        "metrics: {jf: 86.3, j: 82.9",
        f"{MEMORY}:19:19: results[0].metrics.jf: value 86.3 of metric 'jf' does not occur in the quote: "
        f"'{ROW}'\n  hint: the quote's numbers are {LISTED}; {COPY}",
    ),
    (
        "other-decimals",
        MEMORY,
        "**86.2**",
        "**86.20**",
        f"{MEMORY}:19:19: results[0].metrics.jf: value 86.2 of metric 'jf' does not occur in the quote: "
        f"'{ROW.replace('86.2', '86.20')}'\n"
        "  hint: the quote prints 86.20: write the value with the decimals printed (86.20)",
    ),
    (
        "fps-not-in-quote",
        MEMORY,
        "| 22.6 |",
        "| 22.5 |",
        f"{MEMORY}:24:10: results[0].fps: fps 22.6 does not occur in the quote: "
        f"'{ROW.replace('22.6', '22.5')}'\n  hint: the quote's numbers are {LISTED.replace('22.6', '22.5')}; "
        f"{COPY}",
    ),
    (
        "fraction-in-quote",
        MEMORY,
        S_QUOTE,
        "quote: 'MemoryNet-S & 0.800 & 86.1'",
        f"{MEMORY}:28:18: results[1].metrics.j: value 80.0 of metric 'j' does not occur in the quote: "
        "'MemoryNet-S & 0.800 & 86.1'\n"
        "  hint: the quote prints 0.800: store it as printed and add `scale: fraction`",
    ),
    (
        "quote-without-numbers",
        MEMORY,
        S_QUOTE,
        "quote: 'see the table'",
        f"{MEMORY}:28:18: results[1].metrics.j: value 80.0 of metric 'j' does not occur in the quote: "
        "'see the table'\n  hint: the quote holds no numbers: quote the row or sentence the value was read in\n"
        f"{MEMORY}:28:27: results[1].metrics.f: value 86.1 of metric 'f' does not occur in the quote: "
        "'see the table'\n  hint: the quote holds no numbers: quote the row or sentence the value was read in",
    ),
    (
        "github-branch",
        MEMORY,
        L_URL,
        f'url: "https://github.com/example/memorynet/blob/main/README.md#L12", {L_UNDATED}',
        f"{MEMORY}:26:19: results[0].source.url: GitHub source points at 'main', which moves, so the quoted "
        "text can change under it\n  hint: pin it to a commit: "
        "https://github.com/example/memorynet/blob/<40-hex sha>/README.md#L<n> (on GitHub, press y on the "
        "file for its permalink; n is the line of the quoted row); only if no commit can be named, add "
        "`accessed: YYYY-MM-DD`, the day the page was read",
    ),
    (
        "github-short-sha",
        MEMORY,
        L_URL,
        f'url: "https://github.com/example/memorynet/blob/0123456/README.md#L12", {L_UNDATED}',
        f"{MEMORY}:26:19: results[0].source.url: GitHub source names the commit '0123456' by an "
        "abbreviation\n  hint: write the full 40-hex sha of the commit (`git rev-parse <abbreviation>` "
        "prints it)",
    ),
    (
        "arxiv-without-version",
        MEMORY,
        L_URL,
        f'url: "https://arxiv.org/abs/2200.00002", {L_UNDATED}',
        f"{MEMORY}:26:19: results[0].source.url: arXiv source names no version, so the paper can change "
        "under it\n  hint: name the version the numbers were read in, like "
        "https://arxiv.org/abs/2310.12982v2 (the abstract page lists the versions), or add "
        "`accessed: YYYY-MM-DD`",
    ),
    (
        "page-without-date",
        MEMORY,
        L_URL,
        f'url: "https://example.org/memorynet/results", {L_UNDATED}',
        f"{MEMORY}:26:19: results[0].source.url: source page is neither pinned nor dated\n"
        "  hint: add `accessed: YYYY-MM-DD`, the day the page was read, under the source",
    ),
    (
        "accessed-in-future",
        MEMORY,
        L_URL,
        L_URL.replace("2026-11-24", "2999-01-01"),
        f"{MEMORY}:26:109: results[0].source.accessed: 2999-01-01 is in the future\n"
        "  hint: use the day the page was read",
    ),
    (
        "quote-with-line-break",
        MEMORY,
        '22.6 |"}',
        '22.6 |\\n"}',
        f"{MEMORY}:26:128: results[0].source.quote: the quote starts or ends with spaces or a line break\n"
        "  hint: trim it; for a quote over several lines write `quote: |-` so no final line break is kept",
    ),
]


@pytest.mark.parametrize(("case", "name", "old", "new", "expected"), CASES, ids=[case[0] for case in CASES])
def test_evidence_error(
    project: Path, cli: Runner, case: str, name: str, old: str, new: str, expected: str
) -> None:
    path = project / name
    text = path.read_text()
    assert old in text, f"fixture for {case} no longer holds {old!r}"
    path.write_text(text.replace(old, new, 1))
    code, _, err = cli("check", "--root", str(project))
    assert code == 1
    assert "Traceback" not in err
    body, count = err.rstrip("\n").rsplit("\n", 1)
    assert body == expected
    errors = sum(not line.startswith("  hint: ") for line in expected.splitlines())
    assert count == f"{errors} error{'s' if errors > 1 else ''} in 1 file"


def test_missing_quote_is_an_error(project: Path, cli: Runner) -> None:
    """Every result shows where its numbers were read."""
    path = project / OLD
    path.write_text(
        path.read_text().replace(', accessed: 2026-11-23, quote: "OldNet (tied) | 86.2 &amp; more"', "")
    )
    code, _, err = cli("check", "--root", str(project))
    assert code == 1
    assert err == (
        f"{OLD}:23:13: results[1].source: required field 'quote' is missing\n  hint: add `quote: ...` here: the "
        "table row or sentence the numbers were read in, exactly as printed (`awesome-vos add-result` writes it "
        "from the pasted row).\n1 error in 1 file\n"
    )


def test_every_error_of_a_result_is_reported(project: Path, cli: Runner) -> None:
    path = project / MEMORY
    edited = path.read_text().replace(
        L_URL, f'url: "https://github.com/o/r/blob/v1.0/README.md", {L_UNDATED}'
    )
    path.write_text(edited.replace(ROW, "| MemoryNet-L |"))
    code, _, err = cli("check", "--root", str(project))
    assert code == 1
    fields = [line.split(": ")[1] for line in err.splitlines() if line.startswith(MEMORY)]
    assert fields == [
        "results[0].metrics.jf",
        "results[0].metrics.j",
        "results[0].metrics.f",
        "results[0].fps",
        "results[0].source.url",
    ]


@pytest.mark.parametrize(
    ("quote", "value"),
    [
        (r"Ours & R50 & \textbf{86.2} & 82.9 \\", "86.2"),
        (r"Ours & 86.2$^\dagger$ & 82.9\% \\", "82.9"),
        ("| Ours | **86.2** | <u>82.9</u> |", "86.2"),
        ("Ours | 86.20 | 82.9", "86.20"),
        ("runs at 24.5fps on a V100", "24.5"),
        ("AP drops by &minus;1.2 points", "-1.2"),
        ("AP drops by \u22121.2 points", "-1.2"),
        ("a change of $-1.2$", "-1.2"),
        ("frames 3-5", "5"),
        ("a gain of 1.2", "1.2"),
        ("J&amp;F 86&#46;2", "86.2"),
        ("scores .713 on the val split", "0.713"),
        ("the 480p model", "480"),
    ],
)
def test_numbers_occur_as_printed(quote: str, value: str) -> None:
    assert Printed.of(quote).has(Decimal(value))


@pytest.mark.parametrize(
    ("quote", "value"),
    [
        ("Ours | 86.20 | 82.9", "86.2"),
        ("Ours | 86.2 | 82.9", "86.20"),
        ("Ours | 186.2", "86.2"),
        ("Ours | 86.25", "86.2"),
        ("version 2.1.3", "1.3"),
        ("a gain of 1.2", "-1.2"),
        ("frames 3-5", "-5"),
        ("a R-50 backbone", "-50"),
    ],
)
def test_other_numbers_do_not_match(quote: str, value: str) -> None:
    assert not Printed.of(quote).has(Decimal(value))


def test_tokens_keep_order_and_sign() -> None:
    found = tokens(r"Ours & \textbf{86.20} & -1.5 & 24.5fps \\")
    assert [(token.text, token.negative) for token in found] == [
        ("86.20", False),
        ("1.5", True),
        ("24.5", False),
    ]
    assert [token.value for token in found] == [Decimal("86.20"), Decimal("-1.5"), Decimal("24.5")]


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (f"https://github.com/o/r/blob/{SHA}/README.md#L57", "github-commit"),
        (f"https://github.com/o/r/blob/{SHA}/docs/MODEL_ZOO.md#L3-L9", "github-commit"),
        (f"https://raw.githubusercontent.com/o/r/{SHA}/README.md", "github-commit"),
        ("https://github.com/o/r/blob/main/README.md", "github-moving"),
        ("https://github.com/o/r/blob/v1.2/README.md#L4", "github-moving"),
        (f"https://github.com/o/r/blob/{SHA.upper()}/README.md", "github-moving"),
        ("https://arxiv.org/abs/2310.12982v2", "arxiv-version"),
        ("https://arxiv.org/pdf/2310.12982v1.pdf", "arxiv-version"),
        ("https://arxiv.org/abs/2310.12982", "arxiv-latest"),
        ("https://arxiv.org/pdf/2310.12982", "arxiv-latest"),
        ("https://github.com/o/r", "page"),
        ("https://openaccess.thecvf.com/content/x.html", "page"),
    ],
)
def test_source_kinds(url: str, expected: str) -> None:
    assert kind(url) == expected
    assert (pin_problem(url, dated=False) is None) == (expected in ("github-commit", "arxiv-version"))
    assert pin_problem(url, dated=True) is None


def test_raw_url_of_a_pinned_file() -> None:
    file = github_file(f"https://github.com/o/r/blob/{SHA}/docs/ZOO.md#L3")
    assert file is not None
    assert file.raw() == f"https://raw.githubusercontent.com/o/r/{SHA}/docs/ZOO.md"
    assert file.raw("http://127.0.0.1:8000/") == f"http://127.0.0.1:8000/o/r/{SHA}/docs/ZOO.md"


def test_site_api_and_csv_carry_the_quote(project: Path, cli: Runner) -> None:
    assert cli("build", "--no-search", "--root", str(project))[0] == 0
    site = project / "site"
    results = json.loads((site / "api" / "results.json").read_text())
    sources = {(item["benchmark"], item["variant"]): item["source"] for item in results}
    assert sources["davis-2017-val", "MemoryNet-L"]["quote"] == ROW
    assert sources["davis-2017-val", "MemoryNet-L"]["accessed"] == "2026-11-24"
    assert sources["davis-2017-val", "OldNet (tied)"] == {
        "url": "https://example.org/oldnet/readme",
        "locator": "README, second table",
        "accessed": "2026-11-23",
        "quote": "OldNet (tied) | 86.2 &amp; more",
    }
    with (site / "benchmarks" / "davis-2017-val" / "leaderboard.csv").open(newline="") as handle:
        rows = {row["variant"]: row for row in csv.DictReader(handle)}
    assert rows["MemoryNet-L, 480p"]["source_quote"] == ROW
    assert rows["OldNet (tied)"]["source_quote"] == "OldNet (tied) | 86.2 &amp; more"
    page = (site / "papers" / "memory-net" / "index.html").read_text()
    assert (
        f'<summary>quote</summary><blockquote cite="https://example.org/memorynet/results">{ROW}</blockquote>'
        in page
    )
    assert "MemoryNet-S &amp; ResNet-18 &amp; \\textbf{80.0}" in page
    board = (site / "benchmarks" / "davis-2017-val" / "index.html").read_text()
    assert f'title="Table 1, row &#39;MemoryNet-L&#39;: {ROW}">source</a>' in board


def test_provenance_counts_and_enforces_shares(project: Path, cli: Runner) -> None:
    path = project / MEMORY
    moving = 'url: "https://github.com/o/r/blob/main/README.md", locator: "Table 2", accessed: 2026-11-24'
    pinned = f'url: "https://github.com/o/r/blob/{SHA}/README.md#L3", {L_UNDATED}'
    text = path.read_text().replace(L_URL, pinned)
    path.write_text(
        text.replace(
            'url: "https://example.org/memorynet/results", locator: "Table 2", accessed: 2026-11-24', moving
        )
    )
    code, out, err = cli("provenance", "--root", str(project), "--min-pinned", "50")
    assert (code, err) == (0, "")
    assert out == (
        "- results: 5, each with the quote its numbers were read in\n"
        "- GitHub file sources pinned to a commit: 1 of 2 (50.0%; unpinned but dated: 1)\n"
        "- arXiv sources naming their version: 0 of 0 (unversioned but dated: 0)\n"
        "- other pages dated: 3 of 3\n"
    )
    code, _, err = cli("provenance", "--root", str(project), "--min-pinned", "95")
    assert code == 1
    assert err == "awesome-vos provenance: 50.0% of GitHub sources pinned, below the required 95%\n"
