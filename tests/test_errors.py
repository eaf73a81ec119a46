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
YTVOS = "data/benchmarks/youtube-vos-2018-val.yaml"
DATASET = "data/datasets/davis-2017.yaml"
TASKS = "data/tasks.yaml"
VENUES = "data/venues.yaml"
SITE = "data/site.yaml"
BACKBONES = "data/backbones.yaml"

# (case, file, text replaced, replacement, expected report without the count line)
CASES: list[tuple[str, str, str, str, str]] = [
    (
        "backbone-alias",
        MEMORY,
        "backbone: resnet-50",
        "backbone: R50",
        f"{MEMORY}:21:15: results[0].backbone: unknown backbone 'R50'\n  hint: did you mean 'resnet-50'?",
    ),
    (
        "backbone-unregistered",
        MEMORY,
        "backbone: resnet-50",
        "backbone: EfficientNet-B9",
        f"{MEMORY}:21:15: results[0].backbone: unknown backbone 'EfficientNet-B9'\n"
        "  hint: add it to data/backbones.yaml or use one of: resnet-18, resnet-50, swin-l",
    ),
    (
        "backbone-missing",
        MEMORY,
        "    backbone: resnet-18\n",
        "",
        f"{MEMORY}:27:5: results[1]: `backbone` is missing\n"
        "  hint: add `backbone: <id from data/backbones.yaml>`, or `backbone_unstated: <why>` when the source does not say",
    ),
    (
        "backbone-and-unstated",
        MEMORY,
        "    backbone: resnet-18\n",
        "    backbone: resnet-18\n    backbone_unstated: not in the table\n",
        f"{MEMORY}:31:24: results[1].backbone_unstated: `backbone_unstated` is set although `backbone` is given\n"
        "  hint: remove `backbone_unstated`",
    ),
    (
        "extra-data-missing",
        MEMORY,
        "    extra_training_data: []\n",
        "",
        f"{MEMORY}:27:5: results[1]: `extra_training_data` is missing\n"
        "  hint: add `extra_training_data: [<dataset ids>]` ([] for none), or `extra_training_data_unstated: <why>` "
        "when the source does not say",
    ),
    (
        "extra-data-unknown-dataset",
        MEMORY,
        "extra_training_data: [bl30k]",
        "extra_training_data: [BL-30K]",
        f"{MEMORY}:22:27: results[0].extra_training_data[0]: unknown dataset 'BL-30K'\n  hint: did you mean 'bl30k'?",
    ),
    (
        "inference-missing",
        YTVOS,
        "task: semi-supervised-vos",
        "task: video-instance-segmentation",
        f"{MEMORY}:33:5: results[2]: `inference` is missing\n"
        "  hint: add `inference: online`, `semi-online` or `offline`, or `inference_unstated: <why>` when the source "
        "does not say",
    ),
    (
        "hardware-alias",
        MEMORY,
        "hardware: v100",
        "hardware: Tesla V100",
        f"{MEMORY}:25:15: results[0].hardware: unknown hardware 'Tesla V100'\n  hint: did you mean 'v100'?",
    ),
    (
        "hardware-unstated-without-fps",
        OLD,
        "    variant: OldNet (tied)\n",
        "    variant: OldNet (tied)\n    hardware_unstated: not printed\n",
        f"{OLD}:23:24: results[1].hardware_unstated: hardware_unstated is given without fps\n"
        "  hint: add `fps:` or remove `hardware_unstated:`",
    ),
    (
        "reported-by-unknown",
        OLD,
        "    variant: OldNet (tied)\n",
        "    variant: OldNet (tied)\n    reported_by: memorynet\n",
        f"{OLD}:23:18: results[1].reported_by: unknown paper 'memorynet'\n  hint: did you mean 'memory-net'?",
    ),
    (
        "reported-by-itself",
        OLD,
        "    variant: OldNet (tied)\n",
        "    variant: OldNet (tied)\n    reported_by: old-net\n",
        f"{OLD}:23:18: results[1].reported_by: reported_by names this paper itself\n"
        "  hint: remove it: reported_by is for numbers read in another paper's table",
    ),
    (
        "alias-clash",
        BACKBONES,
        "family: Swin}",
        "family: Swin, aliases: [R18]}",
        f"{BACKBONES}:3:54: [2].aliases[0]: this spelling is also one of 'resnet-18', so an alias would be ambiguous\n"
        "  hint: keep each spelling on one entry",
    ),
    (
        "duplicate-backbone-id",
        BACKBONES,
        "id: swin-l",
        "id: resnet-18",
        f"{BACKBONES}:3:8: [2].id: duplicate backbone id: also in {BACKBONES}:1\n  hint: keep one entry",
    ),
    (
        "backbone-fact-without-source",
        BACKBONES,
        "family: Swin}",
        "family: Swin, parameters: 197M}",
        f"{BACKBONES}:3:56: [2].parameters: backbone 'swin-l' states facts without `sources`\n"
        "  hint: add `sources:` with the official page where you read them, or remove the fact",
    ),
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
        f"{OLD}:1:1: required field 'added' is missing\n  hint: add `added: ...` here: when the paper joined the list (feeds order by it).",
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
        f"{OLD}:20:16: results[1].benchmark: unknown benchmark 'davis17-val'\n  hint: did you mean 'davis-2017-val'?",
    ),
    (
        "unknown-metric",
        OLD,
        "metrics: {jf: 86.2}",
        "metrics: {jf: 86.2, jnf: 1}",
        f"{OLD}:21:25: results[1].metrics.jnf: 'jnf' is not a metric of davis-2017-val\n  hint: did you mean 'jf'?",
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
        "    hardware: v100\n",
        "",
        f"{MEMORY}:18:5: results[0]: `hardware` is missing\n  hint: add `hardware: <id from data/hardware.yaml>` for the GPU behind `fps`, or `hardware_unstated: <why>` when the source names none",
    ),
    (
        "out-of-range",
        OLD,
        "metrics: {jf: 86.2}",
        "metrics: {jf: 862}",
        f"{OLD}:21:19: results[1].metrics.jf: 862 is out of range for J&F (0 to 100)\n  hint: write the number as printed in the source",
    ),
    (
        "not-finite",
        OLD,
        "metrics: {jf: 86.2}",
        "metrics: {jf: .nan}",
        f"{OLD}:21:19: results[1].metrics.jf: expected a finite number\n  hint: write the number as printed in the source",
    ),
    (
        "metric-as-text",
        OLD,
        "metrics: {jf: 86.2}",
        'metrics: {jf: "86.2"}',
        f"{OLD}:21:19: results[1].metrics.jf: expected a number, got text\n  hint: write the number unquoted, as printed",
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
    (
        "file-url",
        MEMORY,
        "project: https://example.org/memorynet/project",
        "project: file:///etc/passwd",
        "data/papers/memory-net.yaml:11:12: links.project: links must start with http:// or https://\n  hint: use the page's https:// address",
    ),
    (
        "data-url",
        MEMORY,
        "project: https://example.org/memorynet/project",
        "project: data:text/html,<script>alert(1)</script>",
        "data/papers/memory-net.yaml:11:12: links.project: links must start with http:// or https://\n  hint: use the page's https:// address",
    ),
    (
        "url-with-space",
        MEMORY,
        "project: https://example.org/memorynet/project",
        'project: "https://example.org/a b"',
        "data/papers/memory-net.yaml:11:12: links.project: links must not contain spaces\n  hint: use the page's https:// address",
    ),
    (
        "source-url-bad",
        OLD,
        'url: "https://example.org/oldnet/readme", locator: "README, second table"',
        'url: "ftp://example.org/x", locator: "README, second table"',
        "data/papers/old-net.yaml:23:19: results[1].source.url: links must start with http:// or https://\n  hint: use the page's https:// address",
    ),
    (
        "empty-locator",
        OLD,
        'locator: "README, second table"',
        'locator: ""',
        "data/papers/old-net.yaml:23:65: results[1].source.locator: must not be empty\n  hint: fill it in or remove the field",
    ),
    (
        "missing-source",
        OLD,
        '    source: {url: "https://example.org/oldnet/readme", locator: "README, second table", accessed: 2026-11-23, quote: "OldNet (tied) | 86.2 &amp; more"}\n',
        "",
        "data/papers/old-net.yaml:20:5: results[1]: required field 'source' is missing\n  hint: add `source: ...` here",
    ),
    (
        "empty-authors",
        MEMORY,
        "authors: [Cy Example]",
        "authors: []",
        "data/papers/memory-net.yaml:4:10: authors: must not be empty\n  hint: fill it in or remove the field",
    ),
    (
        "empty-tasks",
        MEMORY,
        "tasks: [semi-supervised-vos, segment-anything]",
        "tasks: []",
        "data/papers/memory-net.yaml:12:8: tasks: must not be empty\n  hint: fill it in or remove the field",
    ),
    (
        "year-as-text",
        OLD,
        "year: 2019",
        'year: "2019"',
        "data/papers/old-net.yaml:6:7: year: expected a whole number, got text\n  hint: write digits only, like 2022",
    ),
    (
        "year-too-old",
        OLD,
        "year: 2019",
        "year: 1889",
        "data/papers/old-net.yaml:6:7: year: 1889 is out of range: input should be greater than or equal to 1990\n  hint: use the year of publication",
    ),
    (
        "bool-for-text",
        OLD,
        "method: OldNet",
        "method: yes",
        "data/papers/old-net.yaml:3:9: method: expected text, got true/false\n  hint: put the value in quotes",
    ),
    (
        "null-title",
        OLD,
        'title: "OldNet: An Earlier Fixture Method"',
        "title:",
        "data/papers/old-net.yaml:2:7: title: expected text, got nothing (null)\n  hint: put the value in quotes",
    ),
    (
        "path-traversal-id",
        OLD,
        "id: old-net",
        "id: ../../etc/passwd",
        "data/papers/old-net.yaml:1:5: id: '../../etc/passwd' is not a valid id\n  hint: use lowercase letters, digits and single hyphens, like 'space-time-memory'",
    ),
    (
        "id-with-slash",
        OLD,
        "id: old-net",
        "id: old/net",
        "data/papers/old-net.yaml:1:5: id: 'old/net' is not a valid id\n  hint: use lowercase letters, digits and single hyphens, like 'space-time-memory'",
    ),
    (
        "uppercase-id",
        OLD,
        "id: old-net",
        "id: Old-Net",
        "data/papers/old-net.yaml:1:5: id: 'Old-Net' is not a valid id\n  hint: use lowercase letters, digits and single hyphens, like 'space-time-memory'",
    ),
    (
        "negative-fps",
        MEMORY,
        "fps: 22.6",
        "fps: -3",
        "data/papers/memory-net.yaml:24:10: results[0].fps: -3 is out of range: input should be greater than 0\n  hint: use the value as printed in the source",
    ),
    (
        "zero-fps",
        MEMORY,
        "fps: 22.6",
        "fps: 0",
        "data/papers/memory-net.yaml:24:10: results[0].fps: 0 is out of range: input should be greater than 0\n  hint: use the value as printed in the source",
    ),
    (
        "infinite-fps",
        MEMORY,
        "fps: 22.6",
        "fps: .inf",
        "data/papers/memory-net.yaml:24:10: results[0].fps: expected a finite number\n  hint: write the number as printed in the source",
    ),
    (
        "hardware-without-fps",
        OLD,
        "    variant: OldNet (tied)\n",
        "    variant: OldNet (tied)\n    hardware: v100\n",
        "data/papers/old-net.yaml:23:15: results[1].hardware: hardware is given without fps\n  hint: add `fps:` or remove `hardware:`",
    ),
    (
        "bad-scale",
        OLD,
        "    variant: OldNet (tied)\n",
        "    variant: OldNet (tied)\n    scale: permille\n",
        "data/papers/old-net.yaml:23:12: results[1].scale: 'permille' is not allowed\n  hint: use 'percent' or 'fraction'",
    ),
    (
        "fractions-without-scale",
        MEMORY,
        "metrics: {j: 80.0, f: 86.1}",
        "metrics: {j: 0.800, f: 0.861}",
        "data/papers/memory-net.yaml:28:14: results[1].metrics: every number is below 1, which looks like fractions rather than percentages\n  hint: if the source prints 0.713 for 71.3, add `scale: fraction` to this result",
    ),
    (
        "negative-metric",
        OLD,
        "metrics: {jf: 86.2}",
        "metrics: {jf: -1.5}",
        "data/papers/old-net.yaml:21:19: results[1].metrics.jf: -1.5 is out of range for J&F (0 to 100)\n  hint: write the number as printed in the source",
    ),
    (
        "metrics-not-mapping",
        OLD,
        "metrics: {jf: 86.2}",
        "metrics: [86.2]",
        "data/papers/old-net.yaml:21:14: results[1].metrics: expected a mapping of fields, got a list\n  hint: write `field: value` lines",
    ),
    (
        "empty-metrics",
        OLD,
        "metrics: {jf: 86.2}",
        "metrics: {}",
        "data/papers/old-net.yaml:21:14: results[1].metrics: must not be empty\n  hint: fill it in or remove the field",
    ),
    (
        "bad-metric-key",
        OLD,
        "metrics: {jf: 86.2}",
        "metrics: {J&F: 86.2}",
        "data/papers/old-net.yaml:21:15: results[1].metrics.J&F: 'J&F' is not a valid metric id\n  hint: use lowercase snake case, like 'j_seen'",
    ),
    (
        "g-disagrees",
        MEMORY,
        "metrics: {g: 85.7,",
        "metrics: {g: 87.7,",
        "data/papers/memory-net.yaml:34:18: results[2].metrics.g: g is 87.7 but the mean of j_seen (84.6), f_seen (89.3), j_unseen (80.2) and f_unseen (88.7) is 85.7\n  hint: fix the number; if the source itself prints these values, keep them and add `inconsistent: <what the source prints>` to this result",
    ),
    (
        "duplicate-row",
        OLD,
        '    variant: OldNet (tied)\n    source: {url: "https://example.org/oldnet/readme", locator: "README, second table", accessed: 2026-11-23, quote: "OldNet (tied) | 86.2 &amp; more"}\n    backbone_unstated: the README does not name it\n    extra_training_data_unstated: the README does not say\n',
        '    variant: OldNet (tied)\n    source: {url: "https://example.org/oldnet/readme", locator: "README, second table", accessed: 2026-11-23, quote: "OldNet (tied) | 86.2 &amp; more"}\n    backbone_unstated: the README does not name it\n    extra_training_data_unstated: the README does not say\n  - benchmark: davis-2017-val\n    metrics: {jf: 86.2}\n    variant: OldNet (tied)\n    source: {url: "https://example.org/oldnet/readme", locator: "README, second table", accessed: 2026-11-23, quote: "OldNet (tied) | 86.2 &amp; more"}\n    backbone_unstated: the README does not name it\n    extra_training_data_unstated: the README does not say\n',
        "data/papers/old-net.yaml:26:5: results[2]: duplicate result row (same benchmark, variant, source and numbers): also in data/papers/old-net.yaml:20\n  hint: keep one entry",
    ),
    (
        "unknown-result-field",
        OLD,
        "    variant: OldNet (tied)\n",
        "    variant: OldNet (tied)\n    backbon: R50\n",
        "data/papers/old-net.yaml:23:5: results[1].backbon: unknown field 'backbon'\n  hint: did you mean 'backbone'?",
    ),
    (
        "unknown-link-kind",
        MEMORY,
        "  code: https://example.org/memorynet/code",
        "  slides: https://example.org/memorynet/code",
        "data/papers/memory-net.yaml:10:3: links.slides: unknown field 'slides'\n  hint: allowed fields: paper, pdf, code, project",
    ),
    (
        "bad-frame-sampling",
        MEMORY,
        "frame_sampling: all-frames",
        "frame_sampling: 30fps",
        "data/papers/memory-net.yaml:37:21: results[2].frame_sampling: '30fps' is not allowed\n  hint: use 'all-frames' or '6fps'",
    ),
    (
        "bad-inference",
        OLD,
        "    variant: OldNet (tied)\n",
        "    variant: OldNet (tied)\n    inference: realtime\n",
        "data/papers/old-net.yaml:23:16: results[1].inference: 'realtime' is not allowed\n  hint: use 'online', 'semi-online' or 'offline'",
    ),
    (
        "tta-as-text",
        OLD,
        "    variant: OldNet (tied)\n",
        "    variant: OldNet (tied)\n    tta: maybe\n",
        "data/papers/old-net.yaml:23:10: results[1].tta: expected true or false, got text\n  hint: write true or false",
    ),
    (
        "extra-data-not-list",
        MEMORY,
        "extra_training_data: [bl30k]",
        "extra_training_data: bl30k",
        "data/papers/memory-net.yaml:22:26: results[0].extra_training_data: expected a list, got text\n  hint: write [a, b] or one '- item' per line",
    ),
    (
        "python-tag",
        OLD,
        "method: OldNet",
        "method: !!python/object/apply:os.system [echo hi]",
        "data/papers/old-net.yaml:3:9: method: unsupported YAML tag 'tag:yaml.org,2002:python/object/apply:os.system'\n  hint: remove the tag; write plain values",
    ),
    (
        "custom-tag",
        OLD,
        "method: OldNet",
        "method: !secret OldNet",
        "data/papers/old-net.yaml:3:9: method: unsupported YAML tag '!secret'\n  hint: remove the tag; write plain values",
    ),
    (
        "merge-key",
        OLD,
        "venue: arxiv",
        "<<: {venue: arxiv}",
        "data/papers/old-net.yaml:5:1: merge keys (<<) are not supported\n  hint: write the fields out in full",
    ),
    (
        "deep-nesting",
        OLD,
        "venue: arxiv",
        "venue: arxiv\nnote: [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]",
        "data/papers/old-net.yaml:6:39: note[0]: nested deeper than 32 levels\n  hint: data files are shallow; flatten it",
    ),
    (
        "alias-bomb",
        OLD,
        "venue: arxiv",
        "venue: arxiv\na: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]",
        "data/papers/old-net.yaml:6:4: b[0]: YAML anchors and aliases are not supported\n  hint: write the value out in full",
    ),
    (
        "two-documents",
        OLD,
        "venue: arxiv",
        "venue: arxiv\n---\nid: other",
        "data/papers/old-net.yaml:6:1: YAML syntax error: but found another document\n  hint: check indentation, colons and quotes here",
    ),
    (
        "dataset-unknown-task",
        DATASET,
        "tasks: [semi-supervised-vos]",
        "tasks: [vos]",
        "data/datasets/davis-2017.yaml:12:9: tasks[0]: unknown task 'vos'\n  hint: add it to data/tasks or use one of: interactive-vos, open-vocabulary-vis, referring-vos, segment-anything, semi-supervised-vos, unsupervised-vos, video-instance-segmentation, video-panoptic-segmentation",
    ),
    (
        "dataset-negative-figure",
        DATASET,
        "figures: {videos: 150}",
        "figures: {videos: -150}",
        "data/datasets/davis-2017.yaml:8:19: figures.videos: -150 is negative\n  hint: write the figure as the source states it",
    ),
    (
        "dataset-bad-split-id",
        DATASET,
        "  - {id: val, videos: 30}",
        "  - {id: Val Set, videos: 30}",
        "data/datasets/davis-2017.yaml:11:10: splits[1].id: 'Val Set' is not a valid split id\n  hint: use lowercase letters, digits, '-' or '_', like 'test-dev'",
    ),
    (
        "dataset-credentials-homepage",
        DATASET,
        "homepage: https://example.org/davis",
        "homepage: https://admin:pw@example.org/davis",
        "data/datasets/davis-2017.yaml:5:11: homepage: links must not carry a user name or password\n  hint: use the page's https:// address",
    ),
    (
        "dataset-no-sources",
        DATASET,
        "sources:\n  - {url: https://example.org/davis, locator: fixture}\n",
        "sources: []\n",
        "data/datasets/davis-2017.yaml:13:10: sources: must not be empty\n  hint: fill it in or remove the field",
    ),
    (
        "benchmark-duplicate-metric",
        BENCH,
        "  - id: j_recall\n",
        "  - id: j_decay\n",
        "data/benchmarks/davis-2017-val.yaml:21:9: metrics[4].id: duplicate metric id: also in data/benchmarks/davis-2017-val.yaml:18\n  hint: keep one entry",
    ),
    (
        "benchmark-derived-unknown-part",
        YTVOS,
        "derived: {mean: [j_seen, f_seen, j_unseen, f_unseen]}",
        "derived: {mean: [j_seen, f_seen, j_unseen, fscore]}",
        "data/benchmarks/youtube-vos-2018-val.yaml:11:48: metrics[0].derived.mean[3]: 'fscore' is not a printed (non-derived) metric of this benchmark\n  hint: use: j_seen, f_seen, j_unseen, f_unseen",
    ),
    (
        "benchmark-derived-one-part",
        BENCH,
        "derived: {mean: [j, f]}",
        "derived: {mean: [j]}",
        "data/benchmarks/davis-2017-val.yaml:11:21: metrics[0].derived.mean: needs at least 2 items\n  hint: list 2 or more",
    ),
    (
        "benchmark-unknown-task",
        BENCH,
        "task: semi-supervised-vos",
        "task: semi-vos",
        "data/benchmarks/davis-2017-val.yaml:5:7: task: unknown task 'semi-vos'\n  hint: add it to data/tasks or use one of: interactive-vos, open-vocabulary-vis, referring-vos, segment-anything, semi-supervised-vos, unsupervised-vos, video-instance-segmentation, video-panoptic-segmentation",
    ),
    (
        "benchmark-decimals-range",
        BENCH,
        "    label: J\n",
        "    label: J\n    decimals: 9\n",
        "data/benchmarks/davis-2017-val.yaml:14:15: metrics[1].decimals: 9 is out of range: input should be less than or equal to 4\n  hint: use the value as printed in the source",
    ),
    (
        "duplicate-task-id",
        TASKS,
        "- id: unsupervised-vos",
        "- id: semi-supervised-vos",
        "data/tasks.yaml:8:7: [1].id: duplicate task id: also in data/tasks.yaml:2\n  hint: keep one entry",
    ),
    (
        "task-missing-short",
        TASKS,
        "  short: Interactive VOS\n",
        "",
        "data/tasks.yaml:14:3: [2]: required field 'short' is missing\n  hint: add `short: ...` here: short name for tables and badges, e.g. 'Semi-supervised VOS'.",
    ),
    (
        "duplicate-venue-id",
        VENUES,
        "- {id: iccv,",
        "- {id: cvpr,",
        "data/venues.yaml:3:8: [1].id: duplicate venue id: also in data/venues.yaml:2\n  hint: keep one entry",
    ),
    (
        "bad-venue-kind",
        VENUES,
        "full_name: European Conference on Computer Vision, kind: conference",
        "full_name: European Conference on Computer Vision, kind: symposium",
        "data/venues.yaml:4:83: [2].kind: 'symposium' is not allowed\n  hint: use 'conference', 'journal', 'preprint' or 'workshop'",
    ),
    (
        "site-url-no-slash",
        SITE,
        "url: https://awesome-vos.github.io/awesome-vos/",
        "url: https://awesome-vos.github.io/awesome-vos",
        "data/site.yaml:3:6: url: 'https://awesome-vos.github.io/awesome-vos' must end with /\n  hint: add the final slash",
    ),
    (
        "site-unknown-field",
        SITE,
        "title: Awesome Video Object Segmentation",
        "title: Awesome Video Object Segmentation\ntheme: dark",
        "data/site.yaml:3:1: theme: unknown field 'theme'\n  hint: allowed fields: url, flagship, title, repository",
    ),
    (
        "site-unknown-flagship",
        SITE,
        "flagship: [davis-2017-val]",
        "flagship: [davis-2017-vall]",
        "data/site.yaml:5:12: flagship[0]: unknown benchmark 'davis-2017-vall'\n  hint: did you mean 'davis-2017-val'?",
    ),
    (
        "site-duplicate-flagship",
        SITE,
        "flagship: [davis-2017-val]",
        "flagship: [davis-2017-val, davis-2017-val]",
        "data/site.yaml:5:28: flagship[1]: duplicate flagship benchmark: also in data/site.yaml:5\n  hint: keep one entry",
    ),
    (
        "future-added-date-type",
        OLD,
        "added: 2026-11-23",
        "added: 2026-11-23 10:00:00",
        "data/papers/old-net.yaml:9:8: added: expected a date, got a date and time\n  hint: write it like 2026-11-24, unquoted",
    ),
    (
        "figure-wrong-type",
        DATASET,
        "figures: {videos: 150}",
        "figures: {videos: [150]}",
        "data/datasets/davis-2017.yaml:8:19: figures.videos: expected a number or text, got a list\n  hint: write 2883, 1.59 or '131k'",
    ),
]


@pytest.mark.parametrize(("case", "name", "old", "new", "expected"), CASES, ids=[case[0] for case in CASES])
def test_data_error(
    project: Path, cli: Runner, case: str, name: str, old: str, new: str, expected: str
) -> None:
    assert cli("build", "--no-search", "--root", str(project))[0] == 0
    before = snapshot(project)
    path = project / name
    text = path.read_text()
    assert old in text, f"fixture for {case} no longer holds {old!r}"
    path.write_text(text.replace(old, new, 1))
    code, _, err = cli("build", "--no-search", "--root", str(project))
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
    code, _, err = cli("build", "--no-search", "--root", str(project))
    assert code == 1
    assert err.rstrip("\n").rsplit("\n", 1)[0] == expected


def test_stray_files_are_reported(project: Path, cli: Runner) -> None:
    (project / "data" / "papers" / "new.yml").write_text("id: new\n")
    (project / "data" / "papers" / "folder").mkdir()
    (project / "data" / "papers" / "link.yaml").symlink_to(project / MEMORY)
    code, _, err = cli("build", "--no-search", "--root", str(project))
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
    code, _, err = cli("build", "--no-search", "--root", str(project))
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


def test_broken_template_is_reported_without_traceback(project: Path, cli: Runner) -> None:
    assert cli("build", "--no-search", "--root", str(project))[0] == 0
    before = snapshot(project)
    template = project / "templates" / "README.md.j2"
    template.write_text(
        template.read_text().replace("{% for dataset in datasets %}", "{% for dataset in datasetz %}")
    )
    code, _, err = cli("build", "--no-search", "--root", str(project))
    assert code == 1
    assert err == "awesome-vos: templates/README.md.j2:46: 'datasetz' is undefined; no output was changed\n"
    assert snapshot(project) == before
