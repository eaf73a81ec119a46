"""One test per kind of data error a contributor can meet, with the exact message, through the CLI.

Each case edits one file of the fixture corpus; the build must exit 1, print exactly the expected report (no
traceback) and leave every output file as the previous good build wrote it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import Runner, snapshot

MEMORY = "data/papers/memory-net.yaml"
OLD = "data/papers/old-net.yaml"
EXAMPLE = "data/papers/example-benchmark.yaml"
BENCH = "data/benchmarks/davis-2017-val.yaml"

# (case, file, text replaced, replacement, expected report without the count line)
CASES: list[tuple[str, str, str, str, str]] = [
    (
        "yaml-syntax",
        MEMORY,
        'title: "MemoryNet: A Fixture Method with Memory"',
        "title: [unclosed",
        f"{MEMORY}:3:7: YAML syntax error: did not find expected ',' or ']'\n  hint: check indentation, colons and quotes here",
    ),
    (
        "tab-indent",
        MEMORY,
        "  code: https://example.org/memorynet/code",
        "\tcode: https://example.org/memorynet/code",
        f"{MEMORY}:10:1: tab used for indentation\n  hint: indent with spaces only",
    ),
    (
        "duplicate-key",
        OLD,
        "year: 2019",
        "year: 2019\nyear: 2018",
        f"{OLD}:7:1: year: duplicate key 'year' (first at line 6)\n  hint: keep one of them",
    ),
    (
        "unknown-field",
        MEMORY,
        "venue: eccv",
        "venue: eccv\nvenu: eccv",
        f"{MEMORY}:6:1: venu: unknown field 'venu'\n  hint: did you mean 'venue'?",
    ),
    (
        "missing-field",
        OLD,
        "added: 2026-11-23\n",
        "",
        f"{OLD}:1:1: required field 'added' is missing\n  hint: add `added: ...` here",
    ),
    (
        "number-for-text",
        MEMORY,
        'arxiv: "2200.00002"',
        "arxiv: 2200.00002",
        f"{MEMORY}:7:8: arxiv: expected text, got a number\n  hint: put the value in quotes",
    ),
    (
        "bad-arxiv",
        MEMORY,
        'arxiv: "2200.00002"',
        'arxiv: "2200.00002v2"',
        f"{MEMORY}:7:8: arxiv: '2200.00002v2' is not an arXiv id\n  hint: write it like \"2207.07115\": quoted, without a version suffix",
    ),
    (
        "bad-id",
        MEMORY,
        "id: memory-net",
        "id: Memory_Net",
        f"{MEMORY}:1:5: id: 'Memory_Net' is not a valid id\n  hint: use lowercase letters, digits and single hyphens, like 'space-time-memory'",
    ),
    (
        "id-not-file-name",
        MEMORY,
        "id: memory-net",
        "id: memorynet",
        f"{MEMORY}:1:5: id: id does not match the file name\n  hint: rename the file to 'memorynet.yaml' or set `id: memory-net`",
    ),
    (
        "wrong-list",
        MEMORY,
        "authors: [Cy Example]",
        "authors: Cy Example",
        f"{MEMORY}:4:10: authors: expected a list, got text\n  hint: write [a, b] or one '- item' per line",
    ),
    (
        "bad-literal",
        MEMORY,
        "frame_sampling: all-frames",
        "frame_sampling: every",
        f"{MEMORY}:37:21: results[2].frame_sampling: 'every' is not allowed\n  hint: use 'all-frames' or '6fps'",
    ),
    (
        "unknown-venue",
        MEMORY,
        "venue: eccv",
        "venue: ecvv",
        f"{MEMORY}:5:8: venue: unknown venue 'ecvv'\n  hint: did you mean 'eccv'?",
    ),
    (
        "unknown-task",
        OLD,
        "tasks: [semi-supervised-vos]",
        "tasks: [semisupervised-vos]",
        f"{OLD}:7:9: tasks[0]: unknown task 'semisupervised-vos'\n  hint: did you mean 'semi-supervised-vos'?",
    ),
    (
        "unknown-benchmark",
        OLD,
        "benchmark: davis-2017-val\n    metrics: {jf: 86.2}",
        "benchmark: davis17-val\n    metrics: {jf: 86.2}",
        f"{OLD}:18:16: results[1].benchmark: unknown benchmark 'davis17-val'\n  hint: did you mean 'davis-2017-val'?",
    ),
    (
        "unknown-metric",
        OLD,
        "metrics: {jf: 86.2}",
        "metrics: {jf: 86.2, jnf: 1}",
        f"{OLD}:19:25: results[1].metrics.jnf: 'jnf' is not a metric of davis-2017-val\n  hint: did you mean 'jf'?",
    ),
    (
        "unknown-dataset",
        BENCH,
        "dataset: davis-2017",
        "dataset: davis-2071",
        f"{BENCH}:3:10: dataset: unknown dataset 'davis-2071'\n  hint: did you mean 'davis-2017'?",
    ),
    (
        "unknown-paper",
        "data/datasets/davis-2017.yaml",
        "paper: example-benchmark",
        "paper: example",
        "data/datasets/davis-2017.yaml:4:8: paper: unknown paper 'example'\n  hint: add it to data/papers or use one of: example-benchmark, memory-net, old-net",
    ),
    (
        "unknown-primary",
        BENCH,
        "primary: jf",
        "primary: jandf",
        f"{BENCH}:34:10: primary: primary metric 'jandf' is not among the metrics\n  hint: use one of: jf, j, f, j_recall, j_decay, f_recall, f_decay",
    ),
    (
        "derived-disagrees",
        MEMORY,
        "metrics: {jf: 86.2, j: 82.9, f: 89.5}",
        "metrics: {jf: 86.5, j: 82.9, f: 89.5}",
        f"{MEMORY}:19:19: results[0].metrics.jf: jf is 86.5 but the mean of j (82.9) and f (89.5) is 86.2\n"
        "  hint: fix the number; if the source itself prints these values, keep them and add `inconsistent: <what the source prints>` to this result",
    ),
    (
        "needless-inconsistent",
        OLD,
        "metrics: {jf: 80.0, j: 77.0, f: 81.0}",
        "metrics: {jf: 79.0, j: 77.0, f: 81.0}",
        f"{OLD}:16:19: results[0].inconsistent: the numbers agree, so nothing is inconsistent\n  hint: remove `inconsistent:`",
    ),
    (
        "fps-without-hardware",
        MEMORY,
        "    hardware: V100\n",
        "",
        f"{MEMORY}:24:10: results[0].fps: fps is given without the hardware it was measured on\n  hint: add `hardware:` with the GPU the source names",
    ),
    (
        "out-of-range",
        OLD,
        "metrics: {jf: 86.2}",
        "metrics: {jf: 862}",
        f"{OLD}:19:19: results[1].metrics.jf: 862 is out of range for J&F (0 to 100)\n  hint: write the number as printed in the source",
    ),
    (
        "not-finite",
        OLD,
        "metrics: {jf: 86.2}",
        "metrics: {jf: .nan}",
        f"{OLD}:19:19: results[1].metrics.jf: expected a finite number\n  hint: write the number as printed in the source",
    ),
    (
        "metric-as-text",
        OLD,
        "metrics: {jf: 86.2}",
        'metrics: {jf: "86.2"}',
        f"{OLD}:19:19: results[1].metrics.jf: expected a number, got text\n  hint: write the number unquoted, as printed",
    ),
    (
        "duplicate-arxiv",
        MEMORY,
        'arxiv: "2200.00002"',
        'arxiv: "1700.00001"',
        f"{MEMORY}:7:8: arxiv: duplicate arXiv id: also in {EXAMPLE}:6\n  hint: keep one entry",
    ),
    (
        "duplicate-title",
        OLD,
        'title: "OldNet: An Earlier Fixture Method"',
        'title: "memorynet - a fixture method with memory"',
        f"{OLD}:2:8: title: duplicate title: also in {MEMORY}:2\n  hint: keep one entry",
    ),
    (
        "javascript-url",
        MEMORY,
        "project: https://example.org/memorynet/project",
        "project: javascript:alert(1)",
        f"{MEMORY}:11:12: links.project: links must start with http:// or https://\n  hint: use the page's https:// address",
    ),
    (
        "credentials-url",
        MEMORY,
        "project: https://example.org/memorynet/project",
        "project: https://user:secret@example.org/",
        f"{MEMORY}:11:12: links.project: links must not carry a user name or password\n  hint: use the page's https:// address",
    ),
    (
        "future-year",
        OLD,
        "year: 2019",
        "year: 2999",
        f"{OLD}:6:7: year: year 2999 is in the future\n  hint: use the year of publication",
    ),
    (
        "alias",
        OLD,
        "tasks: [semi-supervised-vos]",
        "tasks: &t [semi-supervised-vos]\nextra: *t",
        f"{OLD}:7:8: extra: YAML anchors and aliases are not supported\n  hint: write the value out in full",
    ),
    (
        "date-as-text",
        OLD,
        "added: 2026-11-23",
        'added: "yesterday"',
        f"{OLD}:9:8: added: expected a date, got text\n  hint: write it like 2026-11-24, unquoted",
    ),
]


@pytest.mark.parametrize(("case", "name", "old", "new", "expected"), CASES, ids=[case[0] for case in CASES])
def test_data_error(
    project: Path, cli: Runner, case: str, name: str, old: str, new: str, expected: str
) -> None:
    assert cli("build", "--root", str(project))[0] == 0
    before = snapshot(project)
    path = project / name
    text = path.read_text()
    assert old in text, f"fixture for {case} no longer holds {old!r}"
    path.write_text(text.replace(old, new, 1))
    code, _, err = cli("build", "--root", str(project))
    assert code == 1
    assert "Traceback" not in err
    body, count = err.rstrip("\n").rsplit("\n", 1)
    assert body == expected
    assert count == "1 error in 1 file"
    assert snapshot(project) == before


@pytest.mark.parametrize(
    ("case", "content", "expected"),
    [
        (
            "invalid-utf8",
            b"id: old-net\ntitle: \xff\n",
            "data/papers/old-net.yaml:2:8: invalid UTF-8 byte 0xff\n  hint: save the file as UTF-8",
        ),
        (
            "bom",
            b"\xef\xbb\xbfid: old-net\n",
            "data/papers/old-net.yaml:1:1: file starts with a byte-order mark (BOM)\n  hint: save it as UTF-8 without BOM",
        ),
        (
            "empty",
            b"\n",
            "data/papers/old-net.yaml:1:1: file is empty\n  hint: fill it in from the skeleton in CONTRIBUTING.md",
        ),
        (
            "not-a-mapping",
            b"- just\n- a list\n",
            "data/papers/old-net.yaml:1:1: expected a mapping of fields, got a list\n  hint: write `field: value` lines",
        ),
        (
            "oversized",
            b"id: old-net\n" + b"#" * (1024 * 1024),
            "data/papers/old-net.yaml:1:1: file is 1048588 bytes, over the 1048576 byte limit\n  hint: split it or shorten it",
        ),
    ],
)
def test_unreadable_file(project: Path, cli: Runner, case: str, content: bytes, expected: str) -> None:
    (project / OLD).write_bytes(content)
    code, _, err = cli("build", "--root", str(project))
    assert code == 1
    assert err.rstrip("\n").rsplit("\n", 1)[0] == expected


def test_stray_files_are_reported(project: Path, cli: Runner) -> None:
    (project / "data" / "papers" / "new.yml").write_text("id: new\n")
    (project / "data" / "papers" / "folder").mkdir()
    (project / "data" / "papers" / "link.yaml").symlink_to(project / MEMORY)
    code, _, err = cli("build", "--root", str(project))
    assert code == 1
    assert err == (
        "data/papers/folder:1:1: unexpected directory\n  hint: keep one <id>.yaml file per entry, no folders\n"
        "data/papers/link.yaml:1:1: symbolic links are not allowed in data/\n  hint: replace the link by a file\n"
        "data/papers/new.yml:1:1: unexpected file\n  hint: rename it to .yaml\n"
        "3 errors in 3 files\n"
    )


def test_all_errors_are_reported_together_in_order(project: Path, cli: Runner) -> None:
    memory = project / MEMORY
    memory.write_text(memory.read_text().replace("venue: eccv", "venue: ecvv"))
    old = project / OLD
    old.write_text(
        old.read_text()
        .replace("year: 2019", "year: 2999")
        .replace("tasks: [semi-supervised-vos]", "tasks: [x]")
    )
    code, _, err = cli("build", "--root", str(project))
    assert code == 1
    lines = [line for line in err.splitlines() if not line.startswith("  ")]
    assert lines == [
        f"{MEMORY}:5:8: venue: unknown venue 'ecvv'",
        f"{OLD}:6:7: year: year 2999 is in the future",
        "2 errors in 2 files",
    ]


def test_usage_errors_exit_2(tmp_path: Path, cli: Runner) -> None:
    code, _, err = cli("build", "--root", str(tmp_path))
    assert code == 2
    assert err == f"awesome-vos: no data/ folder under {tmp_path}; run inside the project or pass --root\n"
    assert cli("frobnicate")[0] == 2
