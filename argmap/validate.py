"""The rules a well-formed debate obeys beyond its schema, reported all at once.

Structural errors (duplicate ids, dangling or misdirected references, circular support,
undercuts with nothing to undercut…) and warnings that help students write a fair map
(one-sided positions, arguments without evidence, unused actors…). Each rule looks at
the elements that are valid on their own, so one broken argument does not hide the
problems of the others.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, Final, TypeVar

from argmap.diagnostics import Diagnostic, Location, closest
from argmap.io.source_map import DataPath, SourceMap, format_path
from argmap.model import ELEMENT_NAMES, Actor, Argument, Position, Source, Stance

T = TypeVar("T")
Indexed = list[tuple[int, T]]

_KIND_PHRASE: Final = {
    "sources": "a source",
    "actors": "an actor",
    "positions": "a position",
    "arguments": "an argument",
}


class _Context:
    """The elements under check, where they are, and a place to put diagnostics."""

    def __init__(
        self,
        elements: Mapping[str, Indexed[Any]],
        source_map: SourceMap | None,
        broken_ids: Iterable[tuple[str, DataPath]],
        file: str,
    ) -> None:
        self.sources: Indexed[Source] = list(elements.get("sources", []))
        self.actors: Indexed[Actor] = list(elements.get("actors", []))
        self.positions: Indexed[Position] = list(elements.get("positions", []))
        self.arguments: Indexed[Argument] = list(elements.get("arguments", []))
        self.source_map = source_map
        self.file = file
        self.broken = list(broken_ids)
        self.broken_ids = {ident for ident, _ in self.broken}
        self.found: list[Diagnostic] = []
        # id -> (list name, index) of its first definition
        self.defined: dict[str, tuple[str, int]] = {}
        self.by_id: dict[str, Any] = {}
        # id -> every kind of element defined with it (more than one for a duplicate id)
        self.kinds: dict[str, set[str]] = {}

    def at(self, path: DataPath, *, key: bool = False) -> Location:
        if self.source_map is None:
            return Location(self.file)
        return self.source_map.key(path) if key else self.source_map.value(path)

    def report(
        self, code: str, path: DataPath, message: str, hint: str | None = None, *, key: bool = False
    ) -> None:
        self.found.append(
            Diagnostic(code, message, self.at(path, key=key), hint, format_path(path))
        )

    def where(self, path: DataPath) -> str:
        loc = self.at(path)
        return f"line {loc.line}:{loc.column}" if loc.line is not None else format_path(path)

    def kind_of(self, ident: str) -> str | None:
        entry = self.defined.get(ident)
        return entry[0] if entry else None

    def ids_of(self, *lists: str) -> list[str]:
        return [i for i, (name, _) in self.defined.items() if name in lists]


def check_elements(
    elements: Mapping[str, Indexed[Any]],
    source_map: SourceMap | None,
    *,
    broken_ids: Iterable[tuple[str, DataPath]] = (),
    file: str = "<debate>",
) -> list[Diagnostic]:
    """Every structural error and authoring warning for these elements."""
    ctx = _Context(elements, source_map, broken_ids, file)
    _ids(ctx)
    _references(ctx)
    _argument_shape(ctx)
    _support_cycles(ctx)
    _part_of_cycles(ctx)
    _co_premises(ctx)
    _positions_argued(ctx)
    _evidence(ctx)
    _unused(ctx)
    _stance_conflicts(ctx)
    _duplicate_texts(ctx)
    return ctx.found


def _all(ctx: _Context) -> Iterator[tuple[str, int, Any]]:
    for name, items in (
        ("sources", ctx.sources),
        ("actors", ctx.actors),
        ("positions", ctx.positions),
        ("arguments", ctx.arguments),
    ):
        for index, element in items:
            yield name, index, element


def _ids(ctx: _Context) -> None:
    order = {name: n for n, name in enumerate(ELEMENT_NAMES)}
    # every id in file order, from valid elements and from those the schema rejected
    entries = [(name, index, element.id, element) for name, index, element in _all(ctx)]
    if ctx.broken:  # interleave them in file order
        entries += [(str(path[0]), int(path[1]), ident, None) for ident, path in ctx.broken]
        entries.sort(key=lambda e: (order[e[0]], e[1]))
    first_seen: dict[str, tuple[str, int]] = {}
    for name, index, ident, element in entries:
        if element is not None:
            ctx.kinds.setdefault(ident, set()).add(name)
            if ident not in ctx.defined:
                ctx.defined[ident] = (name, index)
                ctx.by_id[ident] = element
        first = first_seen.setdefault(ident, (name, index))
        if first == (name, index):
            continue
        ctx.report(
            "E201",
            (name, index, "id"),
            f"duplicate id '{ident}': the {ELEMENT_NAMES[first[0]]} at "
            f"{ctx.where((first[0], first[1], 'id'))} already uses it",
            "ids are unique across sources, actors, positions and arguments; rename one",
        )


def _resolve(
    ctx: _Context, path: DataPath, ident: str, allowed: tuple[str, ...], relation: str
) -> str | None:
    """Check one reference; return the kind it points at when that kind is allowed."""
    kind = ctx.kind_of(ident)
    if kind is None:
        if ident in ctx.broken_ids:
            return None  # defined, but invalid: reported where it is defined
        close = closest(ident, ctx.ids_of(*allowed))
        wanted = " or ".join(ELEMENT_NAMES[a] for a in allowed)
        hint = (
            f"did you mean '{close}'?"
            if close
            else f"no {wanted} has this id; check the spelling or add the {wanted}"
        )
        ctx.report("E202", path, f"{relation} unknown id '{ident}'", hint)
        return None
    if kind not in allowed and ctx.kinds[ident].isdisjoint(allowed):
        wanted = " or ".join(_KIND_PHRASE[a] for a in allowed)
        ctx.report(
            "E203",
            path,
            f"{relation} '{ident}', which is {_KIND_PHRASE[kind]}, not {wanted}",
            _wrong_kind_hint(relation, kind),
        )
        return None
    return kind


def _wrong_kind_hint(relation: str, kind: str) -> str:
    if "undercuts" in relation and kind == "positions":
        return "undercuts dispute an argument's inference; to dispute a position, use 'attacks'"
    if kind == "actors":
        return "actors are named in 'by', not as targets"
    if kind == "sources":
        return "sources are cited in 'evidence', not as targets"
    return "check which id is meant"


def _ref_paths(base: DataPath, field: str, refs: list[str]) -> Iterator[tuple[DataPath, str]]:
    for j, ident in enumerate(refs):
        yield (*base, field, j), ident


_ARGUMENT_REFERENCES: Final = (
    ("supports", ("positions", "arguments")),
    ("attacks", ("positions", "arguments")),
    ("undercuts", ("arguments",)),
    ("linked_with", ("arguments",)),
    ("by", ("actors",)),
)


def _references(ctx: _Context) -> None:
    kind_of = {ident: name for ident, (name, _) in ctx.defined.items()}
    for index, arg in ctx.arguments:
        for field, allowed in _ARGUMENT_REFERENCES:
            refs: list[str] = getattr(arg, field)
            if not refs:
                continue
            if len(refs) > 1 and len(set(refs)) != len(refs):
                _duplicate_refs(ctx, ("arguments", index), field, refs, f"argument '{arg.id}'")
            for j, ident in enumerate(refs):
                if kind_of.get(ident) not in allowed or ident == arg.id:  # the rare case
                    _argument_reference(ctx, index, arg, field, j, allowed)
        for k, item in enumerate(arg.evidence):
            if kind_of.get(item.source) != "sources":
                _resolve(
                    ctx,
                    ("arguments", index, "evidence", k, "source"),
                    item.source,
                    ("sources",),
                    f"evidence #{k + 1} of argument '{arg.id}' cites",
                )
    for index, actor in ctx.actors:
        base = ("actors", index)
        owner = f"actor '{actor.id}'"
        if actor.part_of is not None:
            if actor.part_of == actor.id:
                ctx.report(
                    "E205",
                    (*base, "part_of"),
                    f"{owner} is part of itself",
                    "name the larger body it belongs to, or remove 'part_of'",
                )
            else:
                _resolve(ctx, (*base, "part_of"), actor.part_of, ("actors",), f"{owner} is part of")
        for position in actor.stances:
            _resolve(
                ctx,
                (*base, "stances", position),
                position,
                ("positions",),
                f"{owner} takes a stance on",
            )


def _argument_reference(
    ctx: _Context, index: int, arg: Argument, field: str, j: int, allowed: tuple[str, ...]
) -> None:
    """Report what is wrong with reference ``j`` in ``field`` of an argument."""
    path: DataPath = ("arguments", index, field, j)
    ident = getattr(arg, field)[j]
    owner = f"argument '{arg.id}'"
    if ident == arg.id:
        ctx.report(
            "E205",
            path,
            f"{owner} {_verb(field)} itself",
            "an argument cannot be its own reason, rebuttal or co-premise",
        )
    elif field == "undercuts" and ctx.kinds.get(ident) == {"positions"}:
        ctx.report(
            "E208",
            path,
            f"{owner} undercuts '{ident}', a position, which has no inference to undercut",
            "undercuts dispute an argument's inference; to dispute a position, use 'attacks'",
        )
    else:
        _resolve(ctx, path, ident, allowed, f"{owner} {_verb(field)}")


def _verb(field: str) -> str:
    return {"linked_with": "is linked with", "by": "is advanced by"}.get(field, field)


def _duplicate_refs(ctx: _Context, base: DataPath, field: str, refs: list[str], owner: str) -> None:
    seen: set[str] = set()
    for path, ident in _ref_paths(base, field, refs):
        if ident in seen:
            ctx.report(
                "W308",
                path,
                f"'{ident}' is listed twice in '{field}' of {owner}",
                "remove the repeated id",
            )
        seen.add(ident)


def _argument_shape(ctx: _Context) -> None:
    for index, arg in ctx.arguments:
        if not arg.targets:
            ctx.report(
                "E204",
                ("arguments", index, "id"),
                f"argument '{arg.id}' supports, attacks and undercuts nothing",
                "give it a target: 'supports: <id>', 'attacks: <id>' or 'undercuts: <id>'",
            )
        for j, target in enumerate(arg.undercuts):
            other = ctx.by_id.get(target)
            if isinstance(other, Argument) and target != arg.id and not other.targets:
                ctx.report(
                    "E208",
                    ("arguments", index, "undercuts", j),
                    f"argument '{arg.id}' undercuts '{target}', which has no target and so "
                    "no inference to undercut",
                    f"give '{target}' a target, or use 'attacks' to dispute its claim",
                )


def _strongly_connected(graph: Mapping[str, list[str]]) -> list[list[str]]:
    """Tarjan's algorithm without recursion; components in discovery order."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    components: list[list[str]] = []
    counter = 0
    for root in graph:
        if root in index:
            continue
        work: list[tuple[str, Iterator[str]]] = [(root, iter(graph.get(root, [])))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            advanced = False
            for child in children:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(graph.get(child, []))))
                    advanced = True
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            if advanced:
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component: list[str] = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                components.append(component)
    return components


def _has_cycle(graph: Mapping[str, list[str]]) -> bool:
    """Kahn's algorithm: whether peeling off nodes without incoming edges leaves any."""
    incoming: dict[str, int] = dict.fromkeys(graph, 0)
    for children in graph.values():
        for child in children:
            if child in incoming:
                incoming[child] += 1
    ready = [node for node, n in incoming.items() if n == 0]
    removed = 0
    while ready:
        node = ready.pop()
        removed += 1
        for child in graph[node]:
            if child in incoming:
                incoming[child] -= 1
                if incoming[child] == 0:
                    ready.append(child)
    return removed < len(incoming)


def _cycle_through(graph: Mapping[str, list[str]], members: set[str], start: str) -> list[str]:
    """One cycle inside a strongly connected component, from ``start`` back to it."""
    previous: dict[str, str] = {}
    frontier = [start]
    while frontier:
        following: list[str] = []
        for node in frontier:
            for child in graph.get(node, []):
                if child == start:
                    path = [node]
                    while path[-1] != start:
                        path.append(previous[path[-1]])
                    return [*reversed(path), start]
                if child in members and child not in previous:
                    previous[child] = node
                    following.append(child)
        frontier = following
    return [start, start]  # pragma: no cover - a component always has a cycle


def _support_cycles(ctx: _Context) -> None:
    graph = {
        arg.id: [t for t in arg.supports if t != arg.id]
        for _, arg in ctx.arguments
        if arg.supports and ctx.by_id.get(arg.id) is arg
    }
    if not _has_cycle(graph):
        return
    first = {arg.id: (index, arg) for index, arg in ctx.arguments if ctx.by_id.get(arg.id) is arg}
    order = {ident: index for ident, (index, _) in first.items()}
    for component in _strongly_connected(graph):
        if len(component) < 2:
            continue
        start = min(component, key=order.__getitem__)
        cycle = _cycle_through(graph, set(component), start)
        index, arg = first[start]
        j = arg.supports.index(cycle[1])
        ctx.report(
            "E206",
            ("arguments", index, "supports", j),
            "circular reasoning: " + " → ".join(f"'{a}'" for a in cycle) + " support each other",
            "an argument cannot rest on itself through others; remove one 'supports' link",
        )


def _part_of_cycles(ctx: _Context) -> None:
    parent = {a.id: a.part_of for _, a in ctx.actors if a.part_of and a.part_of != a.id}
    order = {a.id: index for index, a in ctx.actors}
    reported: set[str] = set()
    for start in parent:
        path: list[str] = []
        node: str | None = start
        while node is not None and node not in path and node not in reported:
            path.append(node)
            node = parent.get(node)
        if node is None or node in reported or node != start:
            continue
        cycle = path
        reported.update(cycle)
        first = min(cycle, key=order.__getitem__)
        ring = cycle[cycle.index(first) :] + cycle[: cycle.index(first)] + [first]
        ctx.report(
            "E207",
            ("actors", order[first], "part_of"),
            "actors are part of each other in a circle: " + " → ".join(f"'{a}'" for a in ring),
            "'part_of' names the larger body; one of these must be the top",
        )


def _co_premises(ctx: _Context) -> None:
    for index, arg in ctx.arguments:
        if not arg.linked_with:
            continue
        mine = _target_set(arg)
        for j, partner_id in enumerate(arg.linked_with):
            partner = ctx.by_id.get(partner_id)
            if not isinstance(partner, Argument) or partner_id == arg.id:
                continue
            theirs = _target_set(partner)
            if mine != theirs:
                ctx.report(
                    "E209",
                    ("arguments", index, "linked_with", j),
                    f"co-premises '{arg.id}' and '{partner_id}' have different targets: "
                    f"'{arg.id}' {_describe_targets(arg)}; '{partner_id}' "
                    f"{_describe_targets(partner)}",
                    "co-premises support or attack their target jointly: give both the same "
                    "supports/attacks/undercuts",
                )


def _target_set(arg: Argument) -> frozenset[tuple[str, str]]:
    return frozenset(
        (field, t) for field in ("supports", "attacks", "undercuts") for t in getattr(arg, field)
    )


def _describe_targets(arg: Argument) -> str:
    parts = [
        f"{field} {', '.join(repr(t) for t in getattr(arg, field))}"
        for field in ("supports", "attacks", "undercuts")
        if getattr(arg, field)
    ]
    return "; ".join(parts) if parts else "has no target"


def _positions_argued(ctx: _Context) -> None:
    pro: dict[str, int] = defaultdict(int)
    con: dict[str, int] = defaultdict(int)
    for _, arg in ctx.arguments:
        for t in arg.supports:
            pro[t] += 1
        for t in arg.attacks:
            con[t] += 1
    for index, position in ctx.positions:
        path: DataPath = ("positions", index, "id")
        name = f"position '{position.id}'"
        if not pro[position.id] and not con[position.id]:
            ctx.report(
                "W301",
                path,
                f"{name} has no argument for or against it",
                "add an argument with 'supports' or 'attacks' naming it, or remove it",
            )
        elif not con[position.id]:
            ctx.report(
                "W302",
                path,
                f"{name} has arguments for it but none against it",
                "a fair map weighs both sides: add the strongest objection, even one you "
                "then rebut",
            )
        elif not pro[position.id]:
            ctx.report(
                "W302",
                path,
                f"{name} has arguments against it but none for it",
                "a fair map weighs both sides: add the best case its supporters make",
            )


def _evidence(ctx: _Context) -> None:
    for index, arg in ctx.arguments:
        if not arg.evidence:
            ctx.report(
                "W303",
                ("arguments", index, "id"),
                f"argument '{arg.id}' cites no evidence",
                "add 'evidence:' with a source id and a short quote",
            )


def _unused(ctx: _Context) -> None:
    advancing = {actor for _, arg in ctx.arguments for actor in arg.by}
    parents = {a.part_of for _, a in ctx.actors if a.part_of}
    for index, actor in ctx.actors:
        if actor.id not in advancing and actor.id not in parents and not actor.stances:
            ctx.report(
                "W304",
                ("actors", index, "id"),
                f"actor '{actor.id}' advances no argument, takes no stance and has no members",
                "name it in an argument's 'by', give it 'stances', or remove it",
            )
    cited = {item.source for _, arg in ctx.arguments for item in arg.evidence}
    for index, source in ctx.sources:
        if source.id not in cited:
            ctx.report(
                "W305",
                ("sources", index, "id"),
                f"source '{source.id}' is cited by no evidence",
                "quote it in an argument's 'evidence', or remove it",
            )


def _stance_conflicts(ctx: _Context) -> None:
    # actor -> (positions it supports, positions it opposes), for actors with stances
    sides = {
        a.id: (
            {p for p, s in a.stances.items() if s is Stance.SUPPORTS},
            {p for p, s in a.stances.items() if s is Stance.OPPOSES},
        )
        for _, a in ctx.actors
        if a.stances
    }
    for index, arg in ctx.arguments:
        if not arg.by or not (arg.attacks or arg.supports):
            continue
        for j, actor_id in enumerate(arg.by):
            side = sides.get(actor_id)
            if side is None:
                continue
            supported, opposed = side
            conflicts = [("supports", "attacks", t) for t in arg.attacks if t in supported]
            conflicts += [("opposes", "supports", t) for t in arg.supports if t in opposed]
            for stance, field, target in conflicts:
                ctx.report(
                    "W306",
                    ("arguments", index, "by", j),
                    f"actor '{actor_id}' {stance} position '{target}' but advances "
                    f"argument '{arg.id}', which {field} it",
                    "check the actor's stance, or who advances this argument",
                )


def _duplicate_texts(ctx: _Context) -> None:
    seen: dict[str, tuple[int, str]] = {}
    for index, arg in ctx.arguments:
        key = " ".join(arg.text.casefold().split())
        if key in seen:
            first_index, first_id = seen[key]
            ctx.report(
                "W307",
                ("arguments", index, "text"),
                f"argument '{arg.id}' has the same text as argument '{first_id}' at "
                f"{ctx.where(('arguments', first_index, 'text'))}",
                "reuse one argument: list several targets in its 'supports' or 'attacks'",
            )
        else:
            seen[key] = (index, arg.id)
