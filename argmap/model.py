"""The debate model: the file format's contract as pydantic models.

Field names are public interface (debate files, importers and exporters rely on them):
extend with optional fields, never rename. The model holds data only: no I/O, no
colours, no layout. Every model is strict about unknown fields (``extra="forbid"``) and
frozen, so a loaded debate can be shared safely between exporters.
"""

from __future__ import annotations

import datetime as dt
import re
from enum import IntEnum, StrEnum
from typing import Annotated, Any, Final

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    PrivateAttr,
    StringConstraints,
    WithJsonSchema,
)
from pydantic_core import PydanticCustomError

FORMAT_VERSION: Final = 1
SLUG_PATTERN: Final = r"^[a-z0-9][a-z0-9_-]{0,63}$"
_SLUG_RE: Final = re.compile(r"[a-z0-9][a-z0-9_-]{0,63}")


def is_slug(text: str) -> bool:
    """Whether ``text`` is a valid id: the whole of it, so ``"go\\n"`` is not."""
    return _SLUG_RE.fullmatch(text) is not None


class SourceKind(StrEnum):
    """What kind of publication a source is."""

    MEDIA = "media"
    OFFICIAL = "official"
    ACADEMIC = "academic"
    NGO = "ngo"
    COMPANY = "company"
    TESTIMONY = "testimony"
    DATASET = "dataset"
    OTHER = "other"


class Reliability(StrEnum):
    """How reliable a source has proved (the NATO Admiralty code's first letter)."""

    A = "A"
    B = "B"
    C = "C"
    D = "D"
    E = "E"
    F = "F"


class Credibility(IntEnum):
    """How credible the information itself is (the NATO Admiralty code's digit)."""

    CONFIRMED = 1
    PROBABLY_TRUE = 2
    POSSIBLY_TRUE = 3
    DOUBTFUL = 4
    IMPROBABLE = 5
    CANNOT_BE_JUDGED = 6


RELIABILITY: Final = {
    "A": "completely reliable",
    "B": "usually reliable",
    "C": "fairly reliable",
    "D": "not usually reliable",
    "E": "unreliable",
    "F": "reliability cannot be judged",
}
"""What each letter of the Admiralty code says of a source."""
CREDIBILITY: Final = {
    1: "confirmed by other sources",
    2: "probably true",
    3: "possibly true",
    4: "doubtful",
    5: "improbable",
    6: "truth cannot be judged",
}
"""What each digit of the Admiralty code says of the information."""


def grade(reliability: Reliability | None, credibility: Credibility | None) -> str | None:
    """A source's Admiralty grade in words: "B2 (source: usually reliable; information:
    probably true)"; None when it has neither part."""
    if reliability is None and credibility is None:
        return None
    code = f"{reliability.value if reliability else '?'}{int(credibility) if credibility else '?'}"
    said = []
    if reliability is not None:
        said.append(f"source: {RELIABILITY[reliability.value]}")
    if credibility is not None:
        said.append(f"information: {CREDIBILITY[int(credibility)]}")
    return f"{code} ({'; '.join(said)})"


class ActorKind(StrEnum):
    """What kind of party an actor is."""

    GOVERNMENT = "government"
    AGENCY = "agency"
    COMPANY = "company"
    PERSON = "person"
    GROUP = "group"
    NGO = "ngo"
    MEDIA = "media"
    INTERNATIONAL = "international"
    PUBLIC = "public"
    OTHER = "other"


class Level(StrEnum):
    """A coarse rating used for an actor's power and interest (Mendelow's grid)."""

    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


class Stance(StrEnum):
    """An actor's stance on a position."""

    SUPPORTS = "supports"
    OPPOSES = "opposes"
    NEUTRAL = "neutral"
    DIVIDED = "divided"
    UNKNOWN = "unknown"


class Confidence(StrEnum):
    """The author's confidence in the brief's judgement (ICD 203 vocabulary)."""

    HIGH = "high"
    MODERATE = "moderate"
    LOW = "low"


class Standard(StrEnum):
    """How options are judged (Carneades' proof standards): what the strongest argument
    for an option must achieve against the strongest argument against it."""

    PREPONDERANCE = "preponderance"
    CLEAR_AND_CONVINCING = "clear-and-convincing"
    BEYOND_REASONABLE_DOUBT = "beyond-reasonable-doubt"


_UNSAFE: Final = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
"""Characters no text may hold: C0 controls but tab and line feed, DEL, C1 controls, and
lone surrogates (half a character, which no file can be written with)."""


def _safe(value: str) -> str:
    if not value.isprintable():  # printable text, by far the most common, has none
        found = _UNSAFE.search(value)
        if found is not None:
            code = ord(found.group())
            raise PydanticCustomError(
                "unsafe_character",
                "holds the character {character}, which text may not hold",
                {"character": f"U+{code:04X}", "code": code, "offset": found.start()},
            )
    return value


def _shown(value: object) -> str:
    """A value as an error message quotes it: its repr, in which a lone surrogate is an
    escape (pydantic cannot carry one in an error's context)."""
    return ascii(value) if isinstance(value, str) and not value.isascii() else repr(value)


def slugify(text: str, fallback: str = "x") -> str:
    """The id closest to ``text``: lowercase, runs of other characters as ``-``, at most
    64 characters; ``fallback`` when nothing of ``text`` can make an id."""
    slug = re.sub(r"[^a-z0-9_-]+", "-", text.lower()).strip("-_")[:64]
    return slug if is_slug(slug) else fallback


def _one_or_many(value: Any) -> Any:
    """Let a list field be written as a single item: ``supports: x`` means ``[x]``."""
    if isinstance(value, str):
        return [value]
    return value


def _iso_date(value: Any) -> Any:
    """Accept ISO 8601 calendar dates only (no timestamps, no numbers)."""
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        raise PydanticCustomError("date_format", "expected an ISO date such as 2019-05-22")
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise PydanticCustomError(
            "date_format", "{value} is not an ISO date such as 2019-05-22", {"value": _shown(value)}
        ) from None


_WEB_URL: Final = re.compile(r"\s*(?i:https?)://[^/?#\s]")


def _web_url(value: str) -> str:
    _safe(value)
    if _WEB_URL.match(value) is None:  # an http(s) scheme and a host
        raise PydanticCustomError(
            "url_scheme", "{value} is not an http or https address", {"value": _shown(value)}
        )
    return value


def _format_version(value: Any) -> int:
    text = str(value).strip() if isinstance(value, str | int) and value is not True else None
    if text != str(FORMAT_VERSION):
        raise PydanticCustomError(
            "format_version",
            "unsupported format version {value}: this argmap reads version {supported}",
            {"value": _shown(value), "supported": FORMAT_VERSION},
        )
    return FORMAT_VERSION


_SAFE: Final = "[^\\x00-\\x08\\x0B-\\x1F\\x7F-\\x9F]"
TEXT_PATTERN: Final = f"^{_SAFE}*[\\S&&{_SAFE}]{_SAFE}*$"
"""Text with something visible in it and no control character but tab and line feed,
checked by pydantic-core's regular expressions (no Python call per string). A lone
surrogate fails it as ``string_unicode``. The error translator says which rule broke."""

Text = Annotated[str, StringConstraints(pattern=TEXT_PATTERN), WithJsonSchema({"type": "string"})]
"""Plain text with Markdown, never empty."""
Id = Annotated[str, StringConstraints(pattern=SLUG_PATTERN)]
"""A slug naming an element; unique across the whole file."""
Ref = Annotated[str, StringConstraints(pattern=TEXT_PATTERN), WithJsonSchema({"type": "string"})]
"""An id of another element; resolved by the validator, not by the model."""
Refs = Annotated[list[Ref], BeforeValidator(_one_or_many, json_schema_input_type=str | list[str])]
"""One id or a list of ids."""
LinkedWith = Annotated[
    list[Ref] | dict[Ref, Refs],
    BeforeValidator(
        _one_or_many, json_schema_input_type=str | list[str] | dict[str, str | list[str]]
    ),
]
Tags = Annotated[list[Text], BeforeValidator(_one_or_many, json_schema_input_type=str | list[str])]
Date = Annotated[
    dt.date,
    BeforeValidator(_iso_date, json_schema_input_type=dt.date),
    PlainSerializer(lambda d: d.isoformat(), return_type=str, when_used="json"),
]
Url = Annotated[str, AfterValidator(_web_url)]
Weight = Annotated[float, Field(ge=0.0, le=1.0, allow_inf_nan=False)]
TextList = Annotated[
    list[Text], BeforeValidator(_one_or_many, json_schema_input_type=str | list[str])
]
"""A list of texts, which may be written as one text when there is one."""


class _Model(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        str_strip_whitespace=False,
        use_enum_values=False,
        validate_default=False,
    )


class Source(_Model):
    """A publication, statement or data set that evidence is taken from."""

    id: Id
    title: Text
    publisher: Text | None = None
    author: Text | None = None
    date: Date | None = None
    url: Url | None = None
    kind: SourceKind = SourceKind.OTHER
    file: Text | None = None
    """A local copy of the source (text, Markdown, HTML or PDF), relative to the debate's
    folder: every quote citing the source is checked against it."""
    reliability: Reliability | None = None
    credibility: Credibility | None = None


class Actor(_Model):
    """A party to the debate: a government, agency, company, person, group…"""

    id: Id
    name: Text
    kind: ActorKind = ActorKind.OTHER
    description: Text | None = None
    part_of: Ref | None = None
    power: Level | None = None
    interest: Level | None = None
    stances: dict[Ref, Stance] = Field(default_factory=dict)
    weights: dict[Ref, Weight] = Field(default_factory=dict)
    """How strongly this actor rates arguments (argument id → 0…1): its perspective."""


class Position(_Model):
    """A policy option answering the debate's question (the status quo included)."""

    id: Id
    text: Text
    title: Text | None = None
    status_quo: bool = False
    tags: Tags = Field(default_factory=list)
    scheme: Text | None = None
    """How the arguments that support it lead to it, together: the name of an inference
    rule or argumentation scheme (Argdown's inference rules, AIF's schemes)."""
    assessment: dict[Text, Text] = Field(default_factory=dict)
    """The author's short judgement of this option on each of the debate's criteria."""
    risks: TextList = Field(default_factory=list)
    """What could go wrong if this option is chosen (the brief lists them with it)."""
    next_steps: TextList = Field(default_factory=list)
    """What would have to happen next if this option is chosen."""


class KeyJudgement(_Model):
    """One of the author's key judgements, with how confident the author is in it."""

    text: Text
    confidence: Confidence | None = None


class Evidence(_Model):
    """A short quotation from a source that backs an argument."""

    source: Ref
    quote: Text | None = None
    locator: Text | None = None


class Argument(_Model):
    """A reason for or against a position or another argument.

    ``supports`` and ``attacks`` target positions or arguments (an attack on an argument
    rebuts its claim); ``undercuts`` targets an argument's inference, the link from it to
    its targets; ``linked_with`` names co-premises that support the same targets jointly.
    """

    id: Id
    text: Text
    title: Text | None = None
    supports: Refs = Field(default_factory=list)
    attacks: Refs = Field(default_factory=list)
    undercuts: Refs = Field(default_factory=list)
    by: Refs = Field(default_factory=list)
    linked_with: LinkedWith = Field(default_factory=list)
    """Co-premises: a list (jointly with these for every target), or a mapping from a
    target to the co-premises this argument holds it with (when a premise takes part in
    several inferences, each with co-premises of its own)."""
    weight: Weight | None = None
    tags: Tags = Field(default_factory=list)
    scheme: Text | None = None
    """How the arguments that support it lead to it, together: the name of an inference
    rule or argumentation scheme (Argdown's inference rules, AIF's schemes)."""
    evidence: list[Evidence] = Field(default_factory=list)

    @property
    def targets(self) -> tuple[str, ...]:
        """Every id this argument supports, attacks or undercuts, in file order."""
        return (*self.supports, *self.attacks, *self.undercuts)

    def linked_for(self, target: str) -> list[str]:
        """The co-premises this argument holds ``target`` with."""
        linked = self.linked_with
        return list(linked) if isinstance(linked, list) else list(linked.get(target, ()))

    def linked_pairs(self) -> list[tuple[tuple[str | int, ...], str | None, str]]:
        """Each co-premise ``linked_with`` names: where in the field it is, the target it
        is named for (None: every target) and its id."""
        linked = self.linked_with
        if isinstance(linked, list):
            return [((j,), None, partner) for j, partner in enumerate(linked)]
        return [
            ((target, j), target, partner)
            for target, partners in linked.items()
            for j, partner in enumerate(partners)
        ]


class Debate(_Model):
    """A policy debate: a question, its positions, the arguments and who holds them."""

    argmap: Annotated[
        int,
        BeforeValidator(_format_version),
        Field(json_schema_extra={"const": FORMAT_VERSION}, description="Format version: 1."),
    ]
    id: Id
    title: Text
    question: Text
    date: Date | None = None
    context: Text | None = None
    tags: Tags = Field(default_factory=list)
    bottom_line: Text | None = None
    background: Text | None = None
    recommendation: Text | None = None
    decision: Text | None = None
    """What is asked of the reader: the decision the brief prepares."""
    deadline: Date | None = None
    """When the decision is due."""
    key_judgements: list[KeyJudgement] = Field(default_factory=list)
    assumptions: TextList = Field(default_factory=list)
    """What the analysis takes for granted; if one fails, the answer may change."""
    author: Text | None = None
    """Who prepared the brief (a person or an office)."""
    prepared: Date | None = None
    """When the brief was prepared."""
    handling: Text | None = None
    """A free handling marking shown on the brief, such as "internal"."""
    recommends: Ref | None = None
    """The option the recommendation favours (a position id), so that the brief can set
    the computed ranking beside it."""
    standard: Standard | None = None
    """How options are judged; None: preponderance of the arguments."""
    criteria: Annotated[
        list[Text], BeforeValidator(_one_or_many, json_schema_input_type=str | list[str])
    ] = Field(default_factory=list)
    confidence: Confidence | None = None
    sources: list[Source] = Field(default_factory=list)
    actors: list[Actor] = Field(default_factory=list)
    positions: list[Position] = Field(default_factory=list)
    arguments: list[Argument] = Field(default_factory=list)

    _origin: object = PrivateAttr(default=None)
    """Where the debate was read from (a SourceMap), set by the loader; None if built in code."""
    _input: object = PrivateAttr(default=None)
    """The file it was read from (an ``InputFile``), which no output may replace."""
    _quotes: object = PrivateAttr(default=None)
    """Its quotations checked against the sources' files (an ``argmap.quotes.Verification``),
    when it was checked or loaded."""
    _index: object = PrivateAttr(default=None)
    """What is derived from it, computed once (see :mod:`argmap.index`)."""

    def __eq__(self, other: object) -> bool:
        """Debates are equal when their content is; where they were read from does not count."""
        if not isinstance(other, Debate):
            return NotImplemented
        return self.__dict__ == other.__dict__

    __hash__ = None  # type: ignore[assignment]  # lists inside: a debate is not hashable

    def _repr_svg_(self) -> str:
        """The map, for Jupyter: drawn by Graphviz, as ``argmap render`` draws it; a
        debate that cannot be drawn (it has errors, or ``dot`` is missing) shows why."""
        from argmap.api import check
        from argmap.diagrams import draw
        from argmap.errors import ArgmapError

        report = check(self)
        if report.failed():
            first = report.errors[0].format()
            why = f"{len(report.errors)} error(s) in the debate, the first: {first}"
        else:
            try:
                return draw(self, "svg").decode("utf-8")
            except ArgmapError as exc:
                why = str(exc)
        from html import escape

        said = escape(f"argmap cannot draw this debate: {why}")
        return (
            '<svg xmlns="http://www.w3.org/2000/svg" width="720" height="40" role="img">'
            f'<text x="4" y="24" font-family="sans-serif" font-size="13">{said}</text></svg>'
        )


ELEMENT_LISTS: Final = ("sources", "actors", "positions", "arguments")
"""The debate's lists of elements that carry ids, in file order."""
DETAILS: Final = tuple(
    f
    for f in Debate.model_fields
    if f not in ("argmap", "id", "title", "question", "tags", *ELEMENT_LISTS)
)
"""The debate's own fields beyond its id, title, question and tags (date, context,
bottom line, decision, …), in model order: what the formats that carry a debate's header
carry, and what the others count as lost."""
ELEMENT_MODELS: Final[dict[str, type[_Model]]] = {
    "sources": Source,
    "actors": Actor,
    "positions": Position,
    "arguments": Argument,
}
"""The model of each list's elements."""
ELEMENT_NAMES: Final = {
    "sources": "source",
    "actors": "actor",
    "positions": "position",
    "arguments": "argument",
}
