"""What changed between two versions of a debate, as a reader needs it.

Elements are matched by id; an id that disappears while an element of the same kind with
nearly the same text appears is a rename (matched one to one, see
:mod:`argmap.matching`), not a removal and an addition. References are compared through
the renames, so renaming every id of a debate changes nothing else. For each element
that changed, each field that changed is said in words ("now attacks 2 Ban Huawei
instead of supporting it"); then the header, and what the change does to the answer:
the ranking before and after, standings that moved, pivots and cruxes that appeared or
went. The comparison is of content: a file only reformatted, or with other comments,
is the same debate.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Final

from argmap.analysis import Analysis, analyse, crux_summaries, element_names
from argmap.diagnostics import json_text, plural
from argmap.exporters.encode import shorten
from argmap.index import index
from argmap.matching import assign, likeness_table, prepare
from argmap.model import (
    DETAILS,
    ELEMENT_LISTS,
    ELEMENT_MODELS,
    ELEMENT_NAMES,
    Argument,
    Debate,
    Evidence,
)

_FIELD_ORDER: Final = {
    ELEMENT_NAMES[kind]: {name: n for n, name in enumerate(model.model_fields)}
    for kind, model in ELEMENT_MODELS.items()
}
"""Each kind of element's fields, in the model's order (the order ``fields`` names them)."""
RENAME_SIMILARITY: Final = 0.8
"""How alike (0 to 1) the texts of a vanished id and a new one must be to make a rename."""
RELATIONS: Final = ("supports", "attacks", "undercuts")
_VERB_ING: Final = {"supports": "supporting", "attacks": "attacking", "undercuts": "undercutting"}
_VERB: Final = {"supports": "support", "attacks": "attack", "undercuts": "undercut"}
_SHORT: Final = 70


@dataclass(frozen=True)
class Element:
    """An element of one version: its kind (argument, position, actor, source), id and
    name in words."""

    kind: str
    id: str
    name: str


@dataclass(frozen=True)
class FieldChange:
    """One field of an element (or of the header) that changed, and the change in words."""

    field: str
    said: str
    before: str | None = None
    """The old text, for a text rewritten (shown beside the new one)."""
    after: str | None = None
    also: tuple[str, ...] = ()
    """Other fields the same change touches (a support turned into an attack)."""


@dataclass(frozen=True)
class ElementChange:
    """An element found in both versions whose content changed."""

    element: Element
    """As the new version has it."""
    old_id: str
    changes: tuple[FieldChange, ...]

    @property
    def fields(self) -> list[str]:
        """The names of the fields that changed, each once, in the model's order."""
        named = dict.fromkeys(f for c in self.changes for f in (c.field, *c.also))
        order = _FIELD_ORDER.get(self.element.kind, {})
        return sorted(named, key=lambda f: order.get(f, len(order)))


@dataclass(frozen=True)
class Moved:
    """An option whose standing or rank moved, or an argument that now stands or falls."""

    element: Element
    before: str
    after: str


@dataclass(frozen=True)
class Changes:
    """Everything that differs between two versions of a debate."""

    old: str
    """How the old version is named: its file (or "old" for a debate built in code)."""
    new: str
    old_date: dt.date | None = None
    new_date: dt.date | None = None
    new_title: str = ""
    """The new version's title (a page of the changes is headed by it)."""
    added: tuple[Element, ...] = ()
    removed: tuple[Element, ...] = ()
    renamed: tuple[tuple[Element, Element], ...] = ()
    renamed_likeness: Mapping[str, float] = field(default_factory=dict)
    """Old id of each rename → how alike the two texts are (1.0: the same text): a rename
    is inferred from the text, and this says how sure the inference is."""
    changed: tuple[ElementChange, ...] = ()
    header: tuple[FieldChange, ...] = ()
    ranking_before: tuple[str, ...] = ()
    ranking_after: tuple[str, ...] = ()
    ranking_names: Mapping[str, str] = field(default_factory=dict)
    """Option id (of either version) → its name in words."""
    moved: tuple[Moved, ...] = ()
    pivots_appeared: tuple[Element, ...] = ()
    pivots_gone: tuple[Element, ...] = ()
    cruxes_appeared: tuple[str, ...] = ()
    cruxes_gone: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    """What a reader should know about how the changes were found (an approximation)."""

    @property
    def same(self) -> bool:
        """Whether the two versions hold the same debate."""
        return not (self.added or self.removed or self.renamed or self.changed or self.header)

    @property
    def ranking_changed(self) -> bool:
        """Whether the options rank otherwise (renames aside)."""
        return [self.ranking_names.get(i) for i in self.ranking_before] != [
            self.ranking_names.get(i) for i in self.ranking_after
        ] or len(self.ranking_before) != len(self.ranking_after)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready mapping (see ``docs/diff.md`` for its keys)."""
        return {
            "old": self.old,
            "new": self.new,
            "old_date": self.old_date.isoformat() if self.old_date else None,
            "new_date": self.new_date.isoformat() if self.new_date else None,
            "same": self.same,
            "added": [e.id for e in self.added],
            "removed": [e.id for e in self.removed],
            "renamed": {old.id: new.id for old, new in self.renamed},
            "renamed_likeness": {k: round(v, 3) for k, v in self.renamed_likeness.items()},
            "changed": [
                {
                    "id": c.element.id,
                    "kind": c.element.kind,
                    **({"old_id": c.old_id} if c.old_id != c.element.id else {}),
                    "fields": c.fields,
                    "details": [f.said for f in c.changes],
                }
                for c in self.changed
            ],
            "header": [{"field": f.field, "details": f.said} for f in self.header],
            "ranking": {"before": list(self.ranking_before), "after": list(self.ranking_after)},
            "moved": [
                {"id": m.element.id, "kind": m.element.kind, "before": m.before, "after": m.after}
                for m in self.moved
            ],
            "pivots": {
                "appeared": [e.id for e in self.pivots_appeared],
                "gone": [e.id for e in self.pivots_gone],
            },
            "cruxes": {"appeared": list(self.cruxes_appeared), "gone": list(self.cruxes_gone)},
            "notes": list(self.notes),
        }

    def to_json(self) -> str:
        """The changes as JSON."""
        return json_text(self.to_dict())

    def stat(self) -> list[tuple[str, str]]:
        """One line per kind of element that changed (``arguments +2 -1 →1 ~3``), then
        the header and the ranking: what ``git diff --stat`` is to a diff."""
        lines = []
        for kind in ELEMENT_LISTS:
            name = ELEMENT_NAMES[kind]
            counts = [
                ("+", sum(1 for e in self.added if e.kind == name)),
                ("-", sum(1 for e in self.removed if e.kind == name)),
                ("→", sum(1 for _, e in self.renamed if e.kind == name)),
                ("~", sum(1 for c in self.changed if c.element.kind == name)),
            ]
            if any(n for _, n in counts):
                said = " ".join(f"{mark}{n}" for mark, n in counts if n)
                lines.append((kind, said))
        if self.header:
            lines.append(("header", ", ".join(dict.fromkeys(f.field for f in self.header))))
        if self.ranking_changed:
            first = (
                self.ranking_names.get(self.ranking_before[0], "none")
                if self.ranking_before
                else "none"
            )
            now = (
                self.ranking_names.get(self.ranking_after[0], "none")
                if self.ranking_after
                else "none"
            )
            said = f"{first} first → {now} first" if first != now else "the order below the first"
            lines.append(("ranking", said))
        return lines

    def summary(self) -> str:
        """One sentence: how much changed."""
        if self.same:
            return "No change."
        parts = []
        for items, word in (
            (self.added, "added"),
            (self.removed, "removed"),
            (self.renamed, "renamed"),
            (self.changed, "changed"),
        ):
            if items:
                parts.append(f"{len(items)} {word}")
        if self.header:
            parts.append(f"{plural(len(self.header), 'header field')} changed")
        said = ", ".join(parts)
        said = said[0].upper() + said[1:] + "."
        if self.ranking_changed:
            said += " The ranking of the options changed."
        return said

    @property
    def since(self) -> str:
        """The old version as a brief names it: "the version of 2020-01-28" when it has a
        date and the dates differ, else its file."""
        if self.old_date is not None and self.old_date != self.new_date:
            return f"the version of {self.old_date.isoformat()}"
        return self.old


def diff(old: Debate, new: Debate, *, old_name: str = "old", new_name: str = "new") -> Changes:
    """What changed from ``old`` to ``new`` (two checked debates), which ``old_name`` and
    ``new_name`` name to a reader (their files)."""
    if old == new:
        return Changes(old_name, new_name, old.date, new.date, new.title)
    return _Differ(old, new).changes(old_name, new_name)


class _Differ:
    def __init__(self, old: Debate, new: Debate) -> None:
        self.old, self.new = old, new
        self.old_names = _names(old)
        self.new_names = _names(new)
        self.renames: dict[str, str] = {}  # old id → new id, for every element kept
        self.notes: list[str] = []

    def changes(self, old_name: str, new_name: str) -> Changes:
        added: list[Element] = []
        removed: list[Element] = []
        renamed: list[tuple[Element, Element]] = []
        likeness: dict[str, float] = {}
        pairs: list[tuple[str, Any, Any]] = []
        for kind in ELEMENT_LISTS:  # sources and actors first: arguments refer to them
            name = ELEMENT_NAMES[kind]
            olds = {e.id: e for e in getattr(self.old, kind)}
            news = {e.id: e for e in getattr(self.new, kind)}
            gone = [e for i, e in olds.items() if i not in news]
            came = [e for i, e in news.items() if i not in olds]
            for ident in olds.keys() & news.keys():
                self.renames[ident] = ident
            for one, two, alike in self._renames(name, gone, came):
                self.renames[one.id] = two.id
                likeness[one.id] = alike
                renamed.append((self._element(name, one.id, old=True), self._element(name, two.id)))
            kept_old = set(self.renames)
            kept_new = set(self.renames.values())
            removed += [self._element(name, e.id, old=True) for e in gone if e.id not in kept_old]
            added += [self._element(name, e.id) for e in came if e.id not in kept_new]
            pairs += [
                (name, e, news[self.renames[e.id]]) for e in olds.values() if e.id in kept_old
            ]
        changed = []
        for name, one, two in pairs:
            found = tuple(self._fields(name, one, two))
            if found:
                changed.append(ElementChange(self._element(name, two.id), one.id, found))
        header = tuple(self._header())
        return self._consequences(
            Changes(
                old_name,
                new_name,
                self.old.date,
                self.new.date,
                self.new.title,
                added=tuple(added),
                removed=tuple(removed),
                renamed=tuple(renamed),
                renamed_likeness=likeness,
                changed=tuple(changed),
                header=header,
            )
        )

    # -- matching ---------------------------------------------------------------------

    def _element(self, kind: str, ident: str, *, old: bool = False) -> Element:
        names = self.old_names if old else self.new_names
        return Element(kind, ident, names.get(ident, ident))

    def _renames(self, kind: str, gone: list[Any], came: list[Any]) -> list[tuple[Any, Any, float]]:
        """Vanished and new elements of one kind paired as renames, with how alike their
        texts are: the same text first, then nearly the same (one to one, the most alike
        pairs)."""
        if not gone or not came:
            return []
        pairs = []
        by_text: dict[str, list[Any]] = {}
        for e in came:
            by_text.setdefault(_key_text(e), []).append(e)
        rest_gone = []
        for e in gone:  # the same text: paired in file order
            same = by_text.get(_key_text(e))
            if same:
                pairs.append((e, same.pop(0), 1.0))
            else:
                rest_gone.append(e)
        taken = {id(two) for _, two, _ in pairs}
        rest_came = [e for e in came if id(e) not in taken]
        if rest_gone and rest_came:
            scores = likeness_table(
                [prepare(_key_text(e)) for e in rest_gone],
                [prepare(_key_text(e)) for e in rest_came],
            )
            matched, exact = assign(scores, RENAME_SIMILARITY)
            if not exact:
                self.notes.append(
                    f"{len(rest_gone)} vanished and {len(rest_came)} new {kind}s were "
                    "paired as renames best pair first, not by an exact assignment"
                )
            pairs += [(rest_gone[r], rest_came[c], scores[r][c]) for r, c in matched]
        return pairs

    def _map(self, ident: str) -> str:
        """An old id as the new version names the same element (itself if it went)."""
        return self.renames.get(ident, ident)

    def _name_new(self, ident: str) -> str:
        return self.new_names.get(ident, ident)

    def _name_old(self, ident: str) -> str:
        mapped = self.renames.get(ident)
        if mapped is not None:
            return self.new_names.get(mapped, mapped)
        return self.old_names.get(ident, ident)

    # -- fields -----------------------------------------------------------------------

    def _fields(self, kind: str, one: Any, two: Any) -> list[FieldChange]:
        found: list[FieldChange] = []
        for name in type(two).model_fields:
            if name == "id":
                continue
            before, after = getattr(one, name), getattr(two, name)
            if kind == "argument" and name in RELATIONS:
                continue  # said together below
            special = _SPECIAL.get(name)
            if special is not None:
                found += special(self, name, before, after)
            elif before != after:
                found.append(_plain(name, before, after))
        if kind == "argument":
            found = self._relations(one, two) + found
        return found

    def _relations(self, one: Argument, two: Argument) -> list[FieldChange]:
        before = {(self._map(t)): rel for rel in RELATIONS for t in getattr(one, rel)}
        after = {t: rel for rel in RELATIONS for t in getattr(two, rel)}
        found = []
        for target, rel in after.items():
            old_rel = before.get(target)
            if old_rel is not None and old_rel != rel:
                found.append(
                    FieldChange(
                        rel,
                        f"now {_VERB[rel]}s {self._name_new(target)} instead of "
                        f"{_VERB_ING[old_rel]} it",
                        also=(old_rel,),
                    )
                )
        lost_all = [(t, r) for t, r in before.items() if t not in after]
        won_all = [(t, r) for t, r in after.items() if t not in before]
        if len(lost_all) == 1 and len(won_all) == 1 and lost_all[0][1] != won_all[0][1]:
            (was, old_rel), (now, rel) = lost_all[0], won_all[0]
            found.append(
                FieldChange(
                    rel,
                    f"now {rel} {self._name_new(now)} instead of {_VERB_ING[old_rel]} "
                    f"{self._name_old(was)}",
                    also=(old_rel,),
                )
            )
            lost_all = won_all = []
        for rel in RELATIONS:
            lost = [t for t, r in lost_all if r == rel]
            won = [t for t, r in won_all if r == rel]
            if len(lost) == 1 and len(won) == 1:
                found.append(
                    FieldChange(
                        rel,
                        f"now {rel} {self._name_new(won[0])} instead of {self._name_old(lost[0])}",
                    )
                )
                continue
            for t in lost:
                found.append(FieldChange(rel, f"no longer {rel} {self._name_old(t)}"))
            kept = any(r == rel for t, r in before.items() if t in after)
            for t in won:
                also = "also " if kept or lost else ""
                found.append(FieldChange(rel, f"now {also}{rel} {self._name_new(t)}"))
        # the same change said once under each field it touches, in the model's order
        order = {rel: n for n, rel in enumerate(RELATIONS)}
        return sorted(found, key=lambda c: order[c.field])

    def _ids(self, name: str, before: Sequence[str], after: Sequence[str]) -> list[FieldChange]:
        old = [self._map(i) for i in before]
        if old == list(after):
            return []
        lost = [i for i in old if i not in after]
        won = [i for i in after if i not in old]
        what = _ID_FIELDS.get(name, name)
        parts = [f"now {what} {self._name_new(i)}" for i in won]
        parts += [f"no longer {what} {self._name_old(i)}" for i in lost]
        if not parts:
            parts = [f"{name}: the same, in another order"]
        return [FieldChange(name, "; ".join(parts))]

    def _linked(self, name: str, before: Any, after: Any) -> list[FieldChange]:
        def mapped(value: Any) -> Any:
            if isinstance(value, list):
                return sorted(self._map(i) for i in value)
            return {self._map(t): sorted(self._map(i) for i in ids) for t, ids in value.items()}

        if mapped(before) == mapped(after):
            return []
        return [FieldChange(name, "its co-premises changed (linked_with)")]

    def _part_of(self, name: str, before: str | None, after: str | None) -> list[FieldChange]:
        if (self._map(before) if before else None) == after:
            return []
        was = self._name_old(before) if before else "nothing"
        now = self._name_new(after) if after else "nothing"
        return [FieldChange(name, f"now part of {now} (was {was})")]

    def _per_element(
        self, name: str, before: Mapping[str, Any], after: Mapping[str, Any]
    ) -> list[FieldChange]:
        old = {self._map(k): v for k, v in before.items()}
        if old == dict(after):
            return []
        what = "stance on" if name == "stances" else "rates"
        parts = []
        for key in dict.fromkeys([*old, *after]):
            was, now = old.get(key), after.get(key)
            if was == now:
                continue
            shown = self._name_new(key) if key in after else self._name_old(key)
            if was is None:
                parts.append(f"now {what} {shown}: {_value(now)}")
            elif now is None:
                parts.append(f"no longer {what} {shown} (was {_value(was)})")
            else:
                parts.append(f"{what} {shown}: {_value(was)} → {_value(now)}")
        return [FieldChange(name, p) for p in parts]

    def _evidence(
        self, name: str, before: Sequence[Evidence], after: Sequence[Evidence]
    ) -> list[FieldChange]:
        def mapped(items: Sequence[Evidence]) -> list[tuple[str, str | None, str | None]]:
            return [(self._map(e.source), e.quote, e.locator) for e in items]

        old, new = mapped(before), mapped(after)
        if old == new:
            return []
        parts = []
        old_sources = [s for s, _, _ in old]
        new_sources = [s for s, _, _ in new]
        parts += [f"now cites {self._name_new(s)}" for s in new_sources if s not in old_sources]
        parts += [
            f"no longer cites {self._name_old(s)}" for s in old_sources if s not in new_sources
        ]
        if not parts:
            parts = ["its quotations or locators changed"]
        return [FieldChange(name, "; ".join(parts))]

    def _header(self) -> list[FieldChange]:
        found = []
        for name in ("id", "title", "question", "tags", *DETAILS):
            before, after = getattr(self.old, name), getattr(self.new, name)
            if name == "recommends":
                if (self._map(before) if before else None) != after:
                    was = self._name_old(before) if before else "none"
                    now = self._name_new(after) if after else "none"
                    found.append(FieldChange(name, f"recommends {now} (was {was})"))
            elif before != after:
                found.append(_plain(name, before, after))
        return found

    # -- consequences -----------------------------------------------------------------

    def _consequences(self, changes: Changes) -> Changes:
        before, after = analyse(self.old), analyse(self.new)
        back = {new: old for old, new in self.renames.items()}
        moved: list[Moved] = []
        old_positions = {p.id: p for p in before.positions}
        for p in after.positions:
            old_id = back.get(p.id)
            if old_id is None or old_id not in old_positions:
                continue
            was = old_positions[old_id]
            if (was.standing, was.rank) != (p.standing, p.rank):
                moved.append(
                    Moved(
                        Element("position", p.id, self._name_new(p.id)),
                        f"{was.standing} (rank {was.rank})",
                        f"{p.standing} (rank {p.rank})",
                    )
                )
        old_labels = {v.id: v.label for v in before.arguments}
        for v in after.arguments:
            old_id = back.get(v.id)
            if old_id in old_labels and old_labels[old_id] != v.label:
                moved.append(
                    Moved(
                        Element("argument", v.id, self._name_new(v.id)),
                        str(old_labels[old_id]),
                        str(v.label),
                    )
                )
        names = {p.id: self._name_old(p.id) for p in self.old.positions}
        names.update({p.id: self._name_new(p.id) for p in self.new.positions})
        old_pivots = {self._map(p.argument) for p in before.pivots}
        new_pivots = {p.argument for p in after.pivots}
        appeared = [p.argument for p in after.pivots if p.argument not in old_pivots]
        gone = [p.argument for p in before.pivots if self._map(p.argument) not in new_pivots]
        old_cruxes = self._cruxes(before, self._name_old, self._map)
        new_cruxes = self._cruxes(after, self._name_new, lambda i: i)
        return replace(
            changes,
            ranking_before=before.ranking,
            ranking_after=after.ranking,
            ranking_names=names,
            moved=tuple(moved),
            pivots_appeared=tuple(Element("argument", a, self._name_new(a)) for a in appeared),
            pivots_gone=tuple(Element("argument", a, self._name_old(a)) for a in gone),
            cruxes_appeared=tuple(s for k, s in new_cruxes.items() if k not in old_cruxes),
            cruxes_gone=tuple(s for k, s in old_cruxes.items() if k not in new_cruxes),
            notes=tuple(self.notes),
        )

    @staticmethod
    def _cruxes(
        result: Analysis, name: Callable[[str], str], mapped: Callable[[str], str]
    ) -> dict[tuple[frozenset[str], frozenset[str]], str]:
        """Each pair of stakeholders that part ways, with the arguments they part ways on
        (ids as the new version names them) → the brief's sentence for it."""
        firsts = {v.actor: v.first for v in result.stakeholders}
        names = {i: name(i) for c in result.cruxes for i in (c.actor, c.other, *c.arguments)}
        names.update({i: name(i) for i in firsts.values() if i})
        numbers = {a: name(a) for c in result.cruxes for a in c.arguments}
        pairs: dict[frozenset[str], set[str]] = {}
        for c in result.cruxes:
            pairs.setdefault(frozenset((c.actor, c.other)), set()).update(c.arguments)
        summaries = crux_summaries(result.cruxes, names, firsts, numbers)
        found = {}
        # crux_summaries groups the pairs in the order they are first found, as here
        for (pair, arguments), summary in zip(pairs.items(), summaries, strict=True):
            key = (frozenset(mapped(a) for a in pair), frozenset(mapped(a) for a in arguments))
            found[key] = summary.headline
        return found


_ID_FIELDS: Final = {"by": "advanced by"}


def _alike(likeness: float) -> str:
    """How a rename was found, in words."""
    if likeness >= 1.0:
        return "the same text"
    return f"its text {likeness:.0%} alike (a rename inferred from the text)"


def _names(debate: Debate) -> dict[str, str]:
    """Every element's name in words: the analysis's names, and sources' titles."""
    names = element_names(debate)
    names.update({s.id: _brief(s.title) for s in debate.sources})
    return names


def changed_span(before: str, after: str, context: int = 3) -> tuple[str, str]:
    """The part of two versions of a text that differs, with ``context`` words either
    side and "…" where words are left out: what a reader needs to see the change in a
    long text."""
    one, two = before.split(), after.split()
    start = 0
    while start < min(len(one), len(two)) and one[start] == two[start]:
        start += 1
    end = 0
    while end < min(len(one), len(two)) - start and one[-1 - end] == two[-1 - end]:
        end += 1
    lo = max(0, start - context)

    def cut(words: list[str]) -> str:
        hi = len(words) - max(0, end - context)
        middle = " ".join(words[lo:hi])
        if len(middle) > 160:
            middle = middle[:159].rstrip() + "…"
        return ("…" if lo else "") + middle + ("…" if hi < len(words) else "")

    return cut(one), cut(two)


def _brief(text: str) -> str:
    """A text as a line of the diff quotes it: on one line, shortened at a word."""
    return shorten(" ".join(text.split()), _SHORT)


def _key_text(element: Any) -> str:
    """What an element says: an argument's or option's text, an actor's name, a
    source's title."""
    for name in ("text", "name", "title"):
        value = getattr(element, name, None)
        if isinstance(value, str):
            return value
    return ""


def _value(value: Any) -> str:
    if value is None:
        return "none"
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return "yes" if value else "no"
    if hasattr(value, "value"):  # an enumeration
        return str(value.value)
    if isinstance(value, list | tuple):
        return ", ".join(_value(v) for v in value) or "none"
    if isinstance(value, dict):
        return "; ".join(f"{k}: {_value(v)}" for k, v in value.items()) or "none"
    return str(value)


def _item(value: Any) -> str:
    """An item of a list field as a reader knows it: a text, or a model's text."""
    text = getattr(value, "text", None)
    return text if isinstance(text, str) else _value(value)


def _plain(name: str, before: Any, after: Any) -> FieldChange:
    """A field's change in words: ``weight 0.4 → 0.6``; a text said rewritten, with both
    versions kept for the reader; a list by the items it lost and gained."""
    if isinstance(before, list) and isinstance(after, list) and before and after:
        old, new = [_item(v) for v in before], [_item(v) for v in after]
        parts = [f"now “{_brief(v)}”" for v in new if v not in old]
        parts += [f"no longer “{_brief(v)}”" for v in old if v not in new]
        if not parts:
            parts = ["the same items, in another order"]
        return FieldChange(name, f"{name}: {'; '.join(parts)}")
    if isinstance(before, str) and isinstance(after, str) and (len(before) > 40 or len(after) > 40):
        was, now = changed_span(before, after)
        return FieldChange(name, f"{name} rewritten", was, now)
    if before is None or before == []:
        return FieldChange(name, f"{name} set: {_brief(_value(after))}")
    if after is None or after == []:
        return FieldChange(name, f"{name} removed (was {_brief(_value(before))})")
    return FieldChange(name, f"{name} {_brief(_value(before))} → {_brief(_value(after))}")


_SPECIAL: Final[dict[str, Callable[..., list[FieldChange]]]] = {
    "by": _Differ._ids,
    "linked_with": _Differ._linked,
    "part_of": _Differ._part_of,
    "stances": _Differ._per_element,
    "weights": _Differ._per_element,
    "evidence": _Differ._evidence,
}
"""Fields that hold ids, compared through the renames."""


_PAINT: Final = {"+": "\x1b[32m", "-": "\x1b[31m", "→": "\x1b[36m", "~": "\x1b[33m"}
_BOLD: Final = "\x1b[1m"
_RESET: Final = "\x1b[0m"


def format_text(changes: Changes, *, color: bool = False, details: bool = True) -> str:
    """The changes for a terminal: a summary per kind (as ``git diff --stat``), then each
    change in words. Text from the debates is made terminal-safe; ``color`` adds ANSI
    colours (argmap's own escapes, around text already made safe)."""
    from argmap.diagnostics import terminal_safe as safe

    def paint(mark: str, text: str) -> str:
        return f"{_PAINT[mark]}{text}{_RESET}" if color else text

    def bold(text: str) -> str:
        return f"{_BOLD}{text}{_RESET}" if color else text

    lines = [bold(f"argmap diff {safe(changes.old)} {safe(changes.new)}")]
    if changes.same:
        return "\n".join([*lines, "No change: the two files hold the same debate."]) + "\n"
    width = max(len(k) for k, _ in changes.stat())
    for kind, said in changes.stat():
        marks = " ".join(paint(p[0], p) if p[0] in _PAINT else p for p in said.split(" "))
        lines.append(
            f" {kind:<{width}}  {marks if kind not in ('header', 'ranking') else safe(said)}"
        )
    lines.append(changes.summary())
    if not details:
        return "\n".join(lines) + "\n"

    def element(e: Element) -> str:
        return f"{e.kind} {safe(e.id)} ({safe(e.name)})"

    def section(title: str, body: list[str]) -> None:
        if body:
            lines.extend(["", bold(title), *body])

    section("Added", [paint("+", "+ ") + element(e) for e in changes.added])
    section("Removed", [paint("-", "- ") + element(e) for e in changes.removed])
    section(
        "Renamed",
        [
            paint("→", "→ ")
            + f"{one.kind} {safe(one.id)} → {safe(two.id)} ({safe(two.name)}): "
            + _alike(changes.renamed_likeness.get(one.id, 1.0))
            for one, two in changes.renamed
        ],
    )
    body = []
    for c in changes.changed:
        body.append(paint("~", "~ ") + element(c.element))
        for f in c.changes:
            body.append(f"    {safe(f.said)}")
            if f.before is not None and f.after is not None:
                body.append("      " + paint("-", f"was: {safe(f.before)}"))
                body.append("      " + paint("+", f"now: {safe(f.after)}"))
    section("Changed", body)
    header = []
    for f in changes.header:
        header.append(paint("~", "~ ") + safe(f.said))
        if f.before is not None and f.after is not None:
            header.append("    " + paint("-", f"was: {safe(f.before)}"))
            header.append("    " + paint("+", f"now: {safe(f.after)}"))
    section("Header", header)
    names = changes.ranking_names

    def ranked(ids: tuple[str, ...]) -> str:
        return "; ".join(f"{n}. {safe(names.get(i, i))}" for n, i in enumerate(ids, 1)) or "none"

    after = [
        f"Ranking before: {ranked(changes.ranking_before)}",
        f"Ranking after:  {ranked(changes.ranking_after)}"
        + ("" if changes.ranking_changed else " (unchanged)"),
    ]
    after += [
        f"{m.element.kind.capitalize()} {safe(m.element.name)}: {m.before} → {m.after}"
        for m in changes.moved
    ]
    after += [f"Pivot appeared: {safe(e.name)}" for e in changes.pivots_appeared]
    after += [f"Pivot gone: {safe(e.name)}" for e in changes.pivots_gone]
    after += [f"Crux appeared: {safe(s)}" for s in changes.cruxes_appeared]
    after += [f"Crux gone: {safe(s)}" for s in changes.cruxes_gone]
    section("What it does to the answer (computed by argmap)", after)
    section("Notes", [f"note: {safe(n)}" for n in changes.notes])
    return "\n".join(lines) + "\n"


def format_html(changes: Changes, title: str | None = None) -> str:
    """The changes as one self-contained page, headed by ``title`` (the new version's
    title unless given)."""
    from itertools import zip_longest

    from argmap import __version__
    from argmap.exporters.page import page

    names = changes.ranking_names
    ranking = [
        (n, names.get(one, one) if one else "—", names.get(two, two) if two else "—")
        for n, (one, two) in enumerate(
            zip_longest(changes.ranking_before, changes.ranking_after), 1
        )
    ]
    alike = {old: _alike(v) for old, v in changes.renamed_likeness.items()}
    return page(
        "diff.html.j2",
        c=changes,
        title=changes.new_title if title is None else title,
        ranking=ranking,
        alike=alike,
        generator=f"argmap {__version__}",
    )


def textconv(debate: Debate) -> str:
    """The debate as lines made for a line diff (git's ``textconv``): the header, then
    each element as ``kind id`` and one ``field: value`` line per field it sets, every
    text on one line, elements in outline order. Reflowed text, moved elements and
    comments leave it unchanged; what changes is the content. (Outline numbers are
    left out: one argument added would renumber all that follow it.)"""
    from argmap.diagnostics import terminal_safe

    lines = [f"debate {debate.id}"]

    def put(prefix: str, model: Any, skip: tuple[str, ...] = ()) -> None:
        for name, value in model:
            if name in skip or value is None or value == [] or value == {}:
                continue
            if name in ("status_quo",) and value is False:
                continue
            if name == "kind" and value is not None and value.value == "other":
                continue
            if name == "evidence":
                for e in value:
                    parts = [
                        e.source,
                        *(f"“{x}”" for x in (e.quote,) if x),
                        *(x for x in (e.locator,) if x),
                    ]
                    lines.append(
                        f"{prefix}evidence: {' — '.join(' '.join(p.split()) for p in parts)}"
                    )
                continue
            if name == "key_judgements":
                for k in value:
                    said = f" ({k.confidence.value} confidence)" if k.confidence else ""
                    lines.append(f"{prefix}key judgement: {' '.join(k.text.split())}{said}")
                continue
            if isinstance(value, dict):
                for key, item in value.items():
                    lines.append(f"{prefix}{name}[{key}]: {' '.join(_value(item).split())}")
                continue
            if isinstance(value, list) and name not in (
                "supports",
                "attacks",
                "undercuts",
                "by",
                "tags",
            ):
                for item in value:
                    lines.append(f"{prefix}{name}: {' '.join(_value(item).split())}")
                continue
            lines.append(f"{prefix}{name}: {' '.join(_value(value).split())}")

    put("", debate, skip=("argmap", "id", *ELEMENT_LISTS))
    numbers = index(debate).tree.numbers
    for kind in ("positions", "arguments"):
        items = sorted(
            getattr(debate, kind), key=lambda e: [int(n) for n in numbers[e.id].split(".")]
        )
        for e in items:
            lines.extend(["", f"{ELEMENT_NAMES[kind]} {e.id}"])
            put("  ", e, skip=("id",))
    for kind in ("actors", "sources"):
        for e in sorted(getattr(debate, kind), key=lambda e: e.id):
            lines.extend(["", f"{ELEMENT_NAMES[kind]} {e.id}"])
            put("  ", e, skip=("id",))
    return "".join(terminal_safe(line) + "\n" for line in lines)
