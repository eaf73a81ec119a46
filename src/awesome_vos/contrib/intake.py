"""`awesome-vos add-result`: a result row written from the text it was read in, so no number is retyped.

The contributor pastes the row (a Markdown or LaTeX table row, an HTML row's cells joined by " | ", a
tab-separated row, or a sentence) and names what each cell or number is; the values are the row's own number
tokens, the pasted text becomes the quote, and the block is appended to the paper's `results:` with the rest
of the file left as it stands. The whole corpus is then checked with the new file before anything is written.
"""

from __future__ import annotations

import datetime
import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..build import load_catalog
from ..quotes import Token, tokens
from .draft import yaml_text

SKIP = frozenset({"-", "_", ""})
"""A column or number named `-` or `_` (or left empty) is not recorded."""
FPS = "fps"
_PIPE = re.compile(r"(?<!\\)\|")
_AMPERSAND = re.compile(r"(?<!\\)&(?![#\w]+;)")
_SPACED_AMPERSAND = re.compile(r"\s&\s")
"""A LaTeX cell separator in a row that does not end with \\ (J&F in a sentence is not one)."""
_LATEX_END = re.compile(r"\s*\\\\\s*(?:\\hline|\\midrule|\\bottomrule)?\s*$")


class IntakeError(Exception):
    """The pasted text cannot give the values asked for; the message says what to change."""


@dataclass(frozen=True)
class Intake:
    """What the contributor gave for one result row."""

    paper: str
    benchmark: str
    url: str
    locator: str
    text: str
    names: tuple[str, ...]
    by_column: bool
    """True: `names` name the row's cells from the left; False: the text's numbers in order."""
    variant: str | None = None
    facts: tuple[tuple[str, str | tuple[str, ...]], ...] = ()
    """Variant fields as (field, value): backbone or backbone_unstated, extra_training_data (ids) or its
    _unstated, inference or its _unstated; written after `variant`, as the catalog requires them."""
    resolution: str | None = None
    hardware: str | None = None
    hardware_unstated: str | None = None
    fps_note: str | None = None
    reported_by: str | None = None
    """The id of the paper whose table printed this re-evaluation of `paper`."""
    accessed: datetime.date | None = None
    fraction: bool = False
    note: str | None = None

    @property
    def path(self) -> str:
        """The paper file, relative to the project root."""
        return f"data/papers/{self.paper}.yaml"


def cells(row: str) -> list[str]:
    """The cells of a table row: Markdown (or joined HTML cells) by `|`; LaTeX (a row ending with \\\\ or
    with ` & ` in it) by `&`; else by tabs."""
    text = row.strip()
    if _PIPE.search(text):
        inner = text[1:] if text.startswith("|") else text
        inner = inner[:-1] if inner.endswith("|") and not inner.endswith("\\|") else inner
        return [cell.strip() for cell in _PIPE.split(inner)]
    if _LATEX_END.search(text) or _SPACED_AMPERSAND.search(text):
        return [cell.strip() for cell in _AMPERSAND.split(_LATEX_END.sub("", text))]
    if "\t" in text:
        return [cell.strip() for cell in text.split("\t")]
    raise IntakeError(
        "cannot tell the cells of the row apart (no |, & or tab); for a sentence, name its numbers in "
        "order with --numbers instead of --columns"
    )


def _printed(token: Token) -> str:
    return f"-{token.text}" if token.negative else token.text


def values(intake: Intake) -> dict[str, str]:
    """Each named metric (and `fps`) to its number exactly as printed in the text."""
    if intake.by_column:
        row = cells(intake.text)
        if len(intake.names) > len(row):
            raise IntakeError(
                f"--columns names {len(intake.names)} columns but the row has {len(row)} cells: {row}"
            )
        found: dict[str, str] = {}
        for position, (name, cell) in enumerate(zip(intake.names, row, strict=False), start=1):
            if name in SKIP:
                continue
            numbers = tokens(cell)
            if not numbers:
                raise IntakeError(f"column {position} ('{name}') holds no number: '{cell}'")
            found[name] = _printed(numbers[0])
        return found
    numbers = tokens(intake.text)
    if len(intake.names) > len(numbers):
        listed = ", ".join(_printed(token) for token in numbers) or "none"
        raise IntakeError(
            f"--numbers names {len(intake.names)} numbers but the text has {len(numbers)}: {listed}"
        )
    return {
        name: _printed(token) for name, token in zip(intake.names, numbers, strict=False) if name not in SKIP
    }


def block(intake: Intake, found: dict[str, str], indent: str) -> list[str]:
    """The result as YAML lines, as a list item indented by `indent`."""
    metrics = ", ".join(f"{name}: {value}" for name, value in found.items() if name != FPS)
    lines = [f"- benchmark: {intake.benchmark}", f"  metrics: {{{metrics}}}"]
    if intake.fraction:
        lines.append("  scale: fraction")
    if intake.variant is not None:
        lines.append(f"  variant: {yaml_text(intake.variant)}")
    lines += _optional(*intake.facts, ("resolution", intake.resolution))
    if FPS in found:
        lines.append(f"  fps: {found[FPS]}")
    lines += _optional(
        ("hardware", intake.hardware),
        ("hardware_unstated", intake.hardware_unstated),
        ("fps_note", intake.fps_note),
        ("reported_by", intake.reported_by),
    )
    lines += ["  source:", f"    url: {yaml_text(intake.url)}", f"    locator: {yaml_text(intake.locator)}"]
    if intake.accessed is not None:
        lines.append(f"    accessed: {intake.accessed.isoformat()}")
    lines.append(f"    quote: {yaml_text(intake.text.strip())}")
    lines += _optional(("note", intake.note))
    return [indent + line for line in lines]


def _optional(*fields: tuple[str, str | tuple[str, ...] | None]) -> list[str]:
    """`  field: value` lines for the fields given (a tuple as a flow list of ids), in the order a result lists
    them."""
    return [
        f"  {field}: " + (f"[{', '.join(value)}]" if isinstance(value, tuple) else yaml_text(value))
        for field, value in fields
        if value is not None
    ]


def appended(text: str, intake: Intake, found: dict[str, str]) -> str:
    """The paper file's text with the result added at the end of its `results:` list, the rest unchanged."""
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    if not isinstance(root, yaml.MappingNode):
        raise IntakeError(f"{intake.path} is not a mapping of fields")
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    results = [(key, value) for key, value in root.value if key.value == "results"]
    if not results:
        return "".join([*lines, "results:\n", *_lines(block(intake, found, "  "))])
    key, value = results[0]
    if isinstance(value, yaml.SequenceNode) and value.value and not value.flow_style:
        end = value.end_mark.line + (value.end_mark.column > 0)
        while end > 0 and (not lines[end - 1].strip() or lines[end - 1].lstrip().startswith("#")):
            end -= 1
        return "".join(
            lines[:end] + _lines(block(intake, found, " " * value.start_mark.column)) + lines[end:]
        )
    if (isinstance(value, yaml.SequenceNode) and not value.value) or value.tag.endswith(":null"):
        at = key.start_mark.line
        head = " " * key.start_mark.column + "results:\n"
        indent = " " * (key.start_mark.column + 2)
        return "".join([*lines[:at], head, *_lines(block(intake, found, indent)), *lines[at + 1 :]])
    raise IntakeError(
        f"{intake.path} writes `results:` as a flow list [...]; write one `- benchmark:` block per result, "
        "then run add-result again"
    )


def _lines(items: list[str]) -> list[str]:
    return [item + "\n" for item in items]


def check_with(root: Path, name: str, text: str) -> None:
    """Load and check the whole corpus as it would be with `text` at `name`; raises DataErrors.

    The corpus is copied aside, so the project is not touched until the row is known to pass."""
    with tempfile.TemporaryDirectory(prefix="awesome-vos-add-") as scratch:
        copy = Path(scratch)
        shutil.copytree(root / "data", copy / "data", symlinks=True)
        (copy / name).write_text(text, encoding="utf-8")
        load_catalog(copy)


def names(spec: str) -> tuple[str, ...]:
    """`jf,j,f` or `_,_,jf,j,f` as a tuple of names (blank, `-` and `_` skip)."""
    return tuple(part.strip() for part in spec.split(","))


def add_result(root: Path, intake: Intake) -> tuple[str, dict[str, str]]:
    """Append the result to its paper file once the corpus passes with it; the new text and the values."""
    path = root / intake.path
    found = values(intake)
    if not any(name != FPS for name in found):
        raise IntakeError("no metric named: give at least one metric id in --columns or --numbers")
    text = appended(path.read_text(encoding="utf-8"), intake, found)
    check_with(root, intake.path, text)
    path.write_text(text, encoding="utf-8")
    return text, found


def summary(found: dict[str, str]) -> str:
    """'jf 86.2, j 82.9, f 89.5' for the message after writing."""
    return ", ".join(f"{name} {value}" for name, value in found.items())
