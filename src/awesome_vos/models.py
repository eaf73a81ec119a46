"""The schema: one pydantic model per kind of data file; the JSON Schema and field docs come from here.

Models check what a single value can get wrong; everything that needs other files (references, derived
metrics, uniqueness) is checked by the catalog, which knows where each value stood.
"""

from __future__ import annotations

import datetime
import math
import re
import unicodedata
from decimal import Decimal
from typing import Annotated, Any, Literal, TypeVar, cast, dataclass_transform
from urllib.parse import urlsplit

import pydantic.dataclasses
from pydantic import (
    AfterValidator,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainValidator,
    Strict,
    TypeAdapter,
    WithJsonSchema,
)
from pydantic_core import PydanticCustomError

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
METRIC_PATTERN = r"^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$"
ARXIV_PATTERN = r"^[0-9]{4}\.[0-9]{4,5}$"
SPLIT_PATTERN = r"^[a-z0-9_-]+$"
TRAILING_SLASH = r"/$"


_PLAIN_URL = re.compile(r"https?://[A-Za-z0-9.-]+(?::[0-9]+)?(?:[/?#][!-~]*)?")
"""An http(s) URL of printable ASCII without credentials or spaces: accepted without taking it apart."""


_INVISIBLE = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]"
)
"""Characters that show nothing, or reorder what is shown, yet make text differ: control characters (C0 but
the newline, DEL, C1), zero-width characters and marks, bidi embeddings, overrides and isolates. XML (the
feed) cannot hold most C0 characters; the rest can hide a duplicate title or disguise a text."""


def _check_text(value: str) -> str:
    found = _INVISIBLE.search(value)
    if found:
        character = found.group()
        name = unicodedata.name(character, "a control character")
        raise PydanticCustomError(
            "text_invisible",
            "contains U+{code} ({name}) at character {position}, an invisible or control character",
            {"code": f"{ord(character):04X}", "name": name, "position": found.start() + 1},
        )
    return value


def _check_url(value: str) -> str:
    if _PLAIN_URL.fullmatch(value):
        return value
    _check_text(value)
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise PydanticCustomError("url_scheme", "links must start with http:// or https://")
    if parts.username is not None or parts.password is not None:
        raise PydanticCustomError("url_credentials", "links must not carry a user name or password")
    if any(character.isspace() for character in value):
        raise PydanticCustomError("url_space", "links must not contain spaces")
    return value


def _to_number(value: Any) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        raise PydanticCustomError("number_type", "expected a number")
    number = Decimal(value) if isinstance(value, int) else value
    if isinstance(number, float):
        if not math.isfinite(number):
            raise PydanticCustomError("number_finite", "expected a finite number")
        number = Decimal(repr(number))
    if not number.is_finite():
        raise PydanticCustomError("number_finite", "expected a finite number")
    return number


Id = Annotated[str, Strict(), Field(pattern=ID_PATTERN, max_length=80)]
MetricId = Annotated[str, Strict(), Field(pattern=METRIC_PATTERN, max_length=40)]
Text = Annotated[str, Strict(), Field(min_length=1, max_length=2000), AfterValidator(_check_text)]
Reference = Annotated[str, Strict(), Field(min_length=1, max_length=200)]
"""An id from a registry (backbones, hardware, datasets): any text here, so the catalog can answer an alias
such as 'R50' with the id to write ('resnet-50') instead of a pattern error."""
Aliases = Annotated[
    list[Text],
    Field(description="Other spellings sources use ('R50', 'ResNet50'); `check` answers them with the id."),
]
Url = Annotated[
    str, Strict(), Field(max_length=2000), AfterValidator(_check_url), WithJsonSchema({"type": "string"})
]
Number = Annotated[Decimal, BeforeValidator(_to_number), WithJsonSchema({"type": "number"})]


def _check_figure(value: Any) -> int | Decimal | str:
    if isinstance(value, str) and value.strip():
        return value
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        raise PydanticCustomError("figure_type", "expected a number or text")
    number = _to_number(value)
    if number < 0:
        raise PydanticCustomError("figure_negative", "{value} is negative", {"value": format(number, "f")})
    return value if isinstance(value, int) else number


Figure = Annotated[
    int | Decimal | str,
    PlainValidator(_check_figure),
    WithJsonSchema({"anyOf": [{"type": "number", "minimum": 0}, {"type": "string", "minLength": 1}]}),
]


_CONFIG = ConfigDict(extra="forbid")
"""Strictness is set on each field type (Strict()): pydantic's strict dataclasses accept only instances."""
Model = TypeVar("Model")


@dataclass_transform(kw_only_default=True, frozen_default=True, field_specifiers=(Field,))
def model(cls: type[Model]) -> type[Model]:
    """A data model: strict and closed (a wrong type or an unknown field is an error, never coerced or
    ignored), frozen, and slotted: a pydantic dataclass with __slots__ holds a corpus in a third of the memory
    of BaseModel instances (no per-instance __dict__ and fields-set)."""
    made = pydantic.dataclasses.dataclass(frozen=True, slots=True, kw_only=True, config=_CONFIG)(cls)
    return cast(type[Model], made)


_ADAPTERS: dict[type[Any], TypeAdapter[Any]] = {}


def dump(value: Any, **options: Any) -> Any:
    """A model as plain data (pydantic's dump_python; options such as mode, include, exclude, exclude_none)."""
    kind = type(value)
    if kind not in _ADAPTERS:
        _ADAPTERS[kind] = TypeAdapter(kind)
    return _ADAPTERS[kind].dump_python(value, **options)


def _check_past(day: datetime.date) -> datetime.date:
    if day > datetime.date.today():
        raise PydanticCustomError("future_date", "{day} is in the future", {"day": day.isoformat()})
    return day


def _check_quote(quote: str) -> str:
    if quote != quote.strip():
        raise PydanticCustomError("quote_space", "the quote starts or ends with spaces or a line break")
    return quote


Day = Annotated[datetime.date, Strict(), AfterValidator(_check_past)]
Quote = Annotated[str, Strict(), Field(min_length=1, max_length=2000), AfterValidator(_check_quote)]


@model
class Source:
    """Where a fact was read: the URL and where on that page (table, section, row)."""

    url: Url
    locator: Text = Field(description="Where on the page: 'Table 3', 'README, DAVIS 2017 val table'.")
    accessed: Day | None = Field(
        default=None,
        description="The day a page that can change was read (2026-12-02); pinned URLs need none.",
    )


@model
class ResultSource(Source):
    """Where a result's numbers were read, with the text they were read in, so a program can check them.

    The URL is pinned (GitHub `/blob/<40-hex sha>/path#L<n>`, arXiv `abs/<id>v<k>`), else `accessed` dates
    the read; every number of the result (metrics and fps) must occur in the quote as printed: a Markdown or
    LaTeX table row as it stands, an HTML row's cells joined by " | ", or a sentence (two excerpts on two lines)."""

    quote: Quote = Field(
        description="The table row or sentence the numbers were read in, exactly as printed "
        "(`awesome-vos add-result` writes it from the pasted row)."
    )


@model
class Task:
    """A section of the list."""

    id: Id
    name: Text
    short: Text = Field(description="Short name for tables and badges, e.g. 'Semi-supervised VOS'.")
    description: Text = Field(description="Two sentences in our own words (Markdown).")
    inference_required: Annotated[bool, Strict()] = Field(
        default=False,
        description="Results on this task's benchmarks must give `inference` (or `inference_unstated`): "
        "online and offline methods are not comparable.",
    )


@model
class Venue:
    """Where papers appear."""

    id: Id
    name: Text = Field(description="Short name as printed in the list, e.g. 'CVPR'.")
    full_name: Text
    kind: Literal["conference", "journal", "preprint", "workshop"]


@model
class Evaluation:
    """Official evaluation code and server."""

    code: Url | None = None
    server: Url | None = None


@model
class Split:
    """One split of a dataset."""

    id: Annotated[str, Strict(), Field(pattern=SPLIT_PATTERN)]
    videos: Annotated[int, Strict(), Field(ge=0)] | None = None
    expressions: Annotated[int, Strict(), Field(ge=0)] | None = Field(
        default=None, description="Referring datasets."
    )
    note: Text | None = None


@model
class Dataset:
    """A dataset, with its figures as read at its official source."""

    id: Id
    name: Text
    year: Annotated[int, Strict(), Field(ge=1990, le=2100)]
    paper: Id | None = Field(default=None, description="Id of the paper that introduced it.")
    homepage: Url
    description: Text
    aliases: Aliases = Field(default_factory=list)
    license: Text | None = None
    figures: dict[MetricId, Figure] = Field(
        default_factory=dict, description="Size figures as the source states them: 2883, 1.59 or '131k'."
    )
    splits: list[Split] = Field(default_factory=list)
    tasks: list[Id] = Field(
        default_factory=list,
        description="Tasks it is benchmarked for; [] for a dataset used only for training (COCO, BL30K).",
    )
    evaluation: Evaluation | None = None
    sources: Annotated[list[Source], Field(min_length=1)]


@model
class Derivation:
    """How a metric follows from others: the mean of the listed metric ids."""

    mean: Annotated[list[MetricId], Field(min_length=2)]


@model
class Metric:
    """A column of a leaderboard."""

    id: MetricId
    label: Text = Field(description="As printed in tables: 'J&F', 'J_s', 'AP50'.")
    description: Text
    higher_is_better: Annotated[bool, Strict()] = True
    decimals: Annotated[int, Strict(), Field(ge=0, le=4)] = Field(
        default=1, description="Decimals used when this metric is computed rather than printed by the source."
    )
    minimum: Number = Decimal(0)
    maximum: Number | None = Decimal(100)
    derived: Derivation | None = None


@model
class Benchmark:
    """A dataset split under one protocol: what a leaderboard ranks."""

    id: Id
    name: Text
    dataset: Id
    split: Annotated[str, Strict(), Field(pattern=SPLIT_PATTERN)]
    task: Id
    protocol: Text
    metrics: Annotated[list[Metric], Field(min_length=1)]
    primary: MetricId
    featured: Annotated[bool, Strict()] = Field(
        default=False, description="Show this benchmark's charts in the README."
    )
    evaluation: Evaluation | None = None
    sources: Annotated[list[Source], Field(min_length=1)]


@model
class Links:
    """Links of a paper; all http(s)."""

    paper: Url | None = None
    pdf: Url | None = None
    code: Url | None = None
    project: Url | None = None


@model
class Result:
    """One row of a leaderboard: scores with the variant that produced them and where they were read."""

    benchmark: Id
    metrics: Annotated[dict[MetricId, Number], Field(min_length=1)] = Field(
        description="Metric ids of the benchmark to numbers, exactly as printed in the source."
    )
    scale: Literal["percent", "fraction"] = Field(
        default="percent", description="`fraction` when the source prints 0.713 for 71.3 (shown as 71.3)."
    )
    variant: Text | None = Field(
        default=None, description="Row label as the source names it, with details such as '200 queries'."
    )
    backbone: Reference | None = Field(
        default=None,
        description="Id from data/backbones.yaml ('resnet-50', 'swin-l'); write the input size in `resolution` "
        "and other details (queries, heads) in `variant`.",
    )
    backbone_unstated: Text | None = Field(
        default=None,
        description="Required without `backbone`: why it is not known ('the table does not say').",
    )
    extra_training_data: list[Reference] | None = Field(
        default=None,
        description="Dataset ids (data/datasets) trained on beyond the benchmark's usual sets and image "
        "pretraining, e.g. [coco] or [bl30k]; [] when the source states there is none.",
    )
    extra_training_data_unstated: Text | None = Field(
        default=None, description="Required without `extra_training_data`: why it is not known."
    )
    resolution: Text | None = None
    frame_sampling: Literal["all-frames", "6fps"] | None = None
    inference: Literal["online", "semi-online", "offline"] | None = Field(
        default=None,
        description="How frames are processed; required on tasks with `inference_required` (VIS, VPS, "
        "referring VOS).",
    )
    inference_unstated: Text | None = Field(
        default=None, description="Where `inference` is required but the source does not say: why."
    )
    tta: Annotated[bool, Strict()] | None = Field(
        default=None, description="Multi-scale or test-time augmentation."
    )
    fps: Annotated[Number, Field(gt=0)] | None = None
    hardware: Reference | None = Field(
        default=None, description="Id from data/hardware.yaml of the GPU behind `fps` ('v100', 'a100')."
    )
    hardware_unstated: Text | None = Field(
        default=None,
        description="With `fps` when the source names no GPU: why. The FPS is shown, never ranked or charted.",
    )
    fps_note: Text | None = Field(
        default=None, description="How `fps` was measured: AMP, batch, what is excluded."
    )
    reported_by: Id | None = Field(
        default=None,
        description="Id of the paper (data/papers) whose table these numbers come from, when another paper "
        "or repository re-evaluated this method; the row is shown as 'as reported by' it.",
    )
    source: ResultSource
    inconsistent: Text | None = Field(
        default=None,
        description="Set when the source itself prints derived metrics that disagree with their parts: why.",
    )
    note: Text | None = None


@model
class Backbone:
    """An encoder results name as their backbone; tables print `name`, filters group by `family`."""

    id: Id
    name: Text = Field(description="As printed in tables: 'ResNet-50', 'Swin-L', 'Hiera-B+'.")
    family: Text = Field(description="Group for the leaderboard filter: 'ResNet', 'Swin', 'ViT', 'Hiera' ...")
    parameters: Text | None = Field(
        default=None,
        description="Parameter count as an official source states it ('25.6M'); needs `sources`.",
    )
    pretraining: Text | None = Field(
        default=None, description="Default pretraining as an official source states it; needs `sources`."
    )
    aliases: Aliases = Field(default_factory=list)
    sources: list[Source] = Field(
        default_factory=list, description="Where `parameters` and `pretraining` were read."
    )


@model
class Hardware:
    """A device FPS is measured on; speed charts compare rows on the same id only."""

    id: Id
    name: Text = Field(description="As printed in tables: 'V100', 'RTX 3090'.")
    aliases: Aliases = Field(default_factory=list)


def _check_year(year: int) -> int:
    if year > datetime.date.today().year + 1:
        raise PydanticCustomError("future_year", "year {year} is in the future", {"year": year})
    return year


@model
class Paper:
    """A paper and its results; the file name is its id."""

    id: Id
    title: Text
    method: Text | None = Field(default=None, description="Short method name used in tables.")
    authors: Annotated[list[Text], Field(min_length=1)]
    venue: Id
    year: Annotated[int, Strict(), Field(ge=1990), AfterValidator(_check_year)]
    arxiv: Annotated[str, Strict(), Field(pattern=ARXIV_PATTERN)] | None = None
    links: Links = Links()
    tasks: Annotated[list[Id], Field(min_length=1)]
    description: Text = Field(description="One line in our own words.")
    added: Annotated[datetime.date, Strict()] = Field(
        description="When the paper joined the list (feeds order by it)."
    )
    sources: Annotated[list[Source], Field(min_length=1)] = Field(
        description="Where title, authors, venue and year were read."
    )
    results: list[Result] = Field(default_factory=list)

    @property
    def name(self) -> str:
        """The method name, else the title: what tables show."""
        return self.method or self.title


@model
class Site:
    """Where the list is published: feeds and absolute links need it."""

    title: Text
    url: Annotated[Url, Field(pattern=TRAILING_SLASH)] = Field(
        description="Public address of the site, ending in /."
    )
    repository: Url
    flagship: list[Id] = Field(
        default_factory=list,
        description="Benchmark ids the README leads with, in order, each with its table; the rest get a line.",
    )


TASKS = TypeAdapter(list[Task])
VENUES = TypeAdapter(list[Venue])
BACKBONES = TypeAdapter(list[Backbone])
HARDWARE = TypeAdapter(list[Hardware])

KINDS: dict[str, TypeAdapter[Any]] = {
    "paper": TypeAdapter(Paper),
    "dataset": TypeAdapter(Dataset),
    "benchmark": TypeAdapter(Benchmark),
    "tasks": TASKS,
    "venues": VENUES,
    "backbones": BACKBONES,
    "hardware": HARDWARE,
    "site": TypeAdapter(Site),
}


_LOOK_ALIKES = {
    "A": ("CYRILLIC CAPITAL LETTER A", "GREEK CAPITAL LETTER ALPHA"),
    "B": ("CYRILLIC CAPITAL LETTER VE", "GREEK CAPITAL LETTER BETA"),
    "C": ("CYRILLIC CAPITAL LETTER ES",),
    "E": ("CYRILLIC CAPITAL LETTER IE", "GREEK CAPITAL LETTER EPSILON"),
    "H": ("CYRILLIC CAPITAL LETTER EN", "GREEK CAPITAL LETTER ETA"),
    "I": ("CYRILLIC CAPITAL LETTER BYELORUSSIAN-UKRAINIAN I", "GREEK CAPITAL LETTER IOTA"),
    "J": ("CYRILLIC CAPITAL LETTER JE",),
    "K": ("CYRILLIC CAPITAL LETTER KA", "GREEK CAPITAL LETTER KAPPA"),
    "M": ("CYRILLIC CAPITAL LETTER EM", "GREEK CAPITAL LETTER MU"),
    "N": ("GREEK CAPITAL LETTER NU",),
    "O": ("CYRILLIC CAPITAL LETTER O", "GREEK CAPITAL LETTER OMICRON"),
    "P": ("CYRILLIC CAPITAL LETTER ER", "GREEK CAPITAL LETTER RHO"),
    "S": ("CYRILLIC CAPITAL LETTER DZE",),
    "T": ("CYRILLIC CAPITAL LETTER TE", "GREEK CAPITAL LETTER TAU"),
    "X": ("CYRILLIC CAPITAL LETTER HA", "GREEK CAPITAL LETTER CHI"),
    "Y": ("CYRILLIC CAPITAL LETTER U", "GREEK CAPITAL LETTER UPSILON"),
    "Z": ("GREEK CAPITAL LETTER ZETA",),
    "a": ("CYRILLIC SMALL LETTER A",),
    "c": ("CYRILLIC SMALL LETTER ES",),
    "d": ("CYRILLIC SMALL LETTER KOMI DE",),
    "e": ("CYRILLIC SMALL LETTER IE",),
    "h": ("CYRILLIC SMALL LETTER SHHA",),
    "i": ("CYRILLIC SMALL LETTER BYELORUSSIAN-UKRAINIAN I", "GREEK SMALL LETTER IOTA"),
    "j": ("CYRILLIC SMALL LETTER JE",),
    "k": ("GREEK SMALL LETTER KAPPA",),
    "l": ("CYRILLIC SMALL LETTER PALOCHKA",),
    "o": ("CYRILLIC SMALL LETTER O", "GREEK SMALL LETTER OMICRON"),
    "p": ("CYRILLIC SMALL LETTER ER",),
    "q": ("CYRILLIC SMALL LETTER QA",),
    "s": ("CYRILLIC SMALL LETTER DZE",),
    "u": ("GREEK SMALL LETTER UPSILON",),
    "v": ("GREEK SMALL LETTER NU",),
    "w": ("CYRILLIC SMALL LETTER WE",),
    "x": ("CYRILLIC SMALL LETTER HA",),
    "y": ("CYRILLIC SMALL LETTER U",),
}
"""A narrow table of Unicode's confusables (UTS #39): the Cyrillic and Greek letters drawn like Latin ones, by
their Unicode names, so that a title retyped with one of them is still the same title. A table rather than a
library: the confusable packages on PyPI either only detect mixed scripts or map whole scripts, while these
letters are the ones that pass for Latin in titles."""
_CONFUSABLES = str.maketrans(
    {unicodedata.lookup(name): latin for latin, names in _LOOK_ALIKES.items() for name in names}
)
_NOT_LETTERS = re.compile(r"[\W_]+")


def normalise_title(title: str) -> str:
    """Titles that differ only in case, spacing, punctuation, Unicode form (NFKC: full-width letters,
    ligatures) or Latin look-alike letters are the same paper; letters of every script count, so different
    non-Latin titles stay different."""
    text = unicodedata.normalize("NFKC", title).translate(_CONFUSABLES).casefold()
    return _NOT_LETTERS.sub("", unicodedata.normalize("NFKC", text))
