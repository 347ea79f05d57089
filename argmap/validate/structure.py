"""Structural errors: ids, references and the shape of the argument graph."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Final

from argmap.diagnostics import closest
from argmap.graph import cycle_through, has_cycle, strongly_connected
from argmap.io.source_map import DataPath
from argmap.model import ELEMENT_NAMES, Argument
from argmap.outline import MAX_LEVELS, levels, parents
from argmap.validate.context import Context

_KIND_PHRASE: Final = {
    "sources": "a source",
    "actors": "an actor",
    "positions": "a position",
    "arguments": "an argument",
}


def ids(ctx: Context) -> None:
    order = {name: n for n, name in enumerate(ELEMENT_NAMES)}
    # every id in file order, from valid elements and from those the schema rejected
    entries = [(name, index, element.id, element) for name, index, element in ctx.elements()]
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
    ctx: Context, path: DataPath, ident: str, allowed: tuple[str, ...], relation: str
) -> str | None:
    """Check one reference; return the kind it points at when that kind is allowed."""
    kind = ctx.kind_of(ident)
    if kind is None:
        if ident in ctx.broken_ids:
            return None  # defined, but invalid: reported where it is defined
        close = ctx.suggest(ident, *allowed)
        wanted = " or ".join(ELEMENT_NAMES[a] for a in allowed)
        parts = [p.strip() for p in ident.split(",")]
        by_title = ctx.titled(ident, *allowed)
        if by_title is not None:  # named by its title: say the id
            named = ELEMENT_NAMES[ctx.kind_of(by_title) or allowed[0]]
            hint = (
                f"did you mean '{by_title}'? '{ident}' is the title of the {named} "
                f"'{by_title}': name it by its id"
            )
        elif len(parts) > 1 and all(ctx.kind_of(p) in allowed for p in parts):
            hint = f"write a list: [{', '.join(parts)}]"  # 'by: a, b' is one text in YAML
        elif close:
            hint = f"did you mean '{close}'?"
        else:
            hint = f"no {wanted} has this id; check the spelling or add the {wanted}"
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


def references(ctx: Context) -> None:
    kind_of = {ident: name for ident, (name, _) in ctx.defined.items()}
    for index, arg in ctx.arguments:
        for field, allowed in _ARGUMENT_REFERENCES:
            if field == "linked_with":
                _co_premise_references(ctx, index, arg, kind_of)
                continue
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
        for argument in actor.weights:
            _resolve(ctx, (*base, "weights", argument), argument, ("arguments",), f"{owner} weighs")
        for position in actor.stances:
            _resolve(
                ctx,
                (*base, "stances", position),
                position,
                ("positions",),
                f"{owner} takes a stance on",
            )


def _co_premise_references(
    ctx: Context, index: int, arg: Argument, kind_of: dict[str, str]
) -> None:
    """The ids in ``linked_with``: arguments, once each; a mapping's keys, targets of
    this argument."""
    base: DataPath = ("arguments", index)
    if isinstance(arg.linked_with, dict):
        for target, partners in arg.linked_with.items():
            if target not in arg.targets:
                ctx.report(
                    "E209",
                    (*base, "linked_with", target),
                    f"argument '{arg.id}' names co-premises for '{target}', which it does not "
                    "support, attack or undercut",
                    f"a key of 'linked_with' is one of its targets: {_describe_targets(arg)}",
                )
            if len(partners) > 1 and len(set(partners)) != len(partners):
                _duplicate_refs(
                    ctx, (*base, "linked_with"), target, partners, f"argument '{arg.id}'"
                )
    elif len(arg.linked_with) > 1 and len(set(arg.linked_with)) != len(arg.linked_with):
        _duplicate_refs(ctx, base, "linked_with", arg.linked_with, f"argument '{arg.id}'")
    for where, _target, ident in arg.linked_pairs():
        if kind_of.get(ident) != "arguments" or ident == arg.id:
            _argument_reference(ctx, index, arg, "linked_with", 0, ("arguments",), (where, ident))


def _argument_reference(
    ctx: Context,
    index: int,
    arg: Argument,
    field: str,
    j: int,
    allowed: tuple[str, ...],
    at: tuple[tuple[str | int, ...], str] | None = None,
) -> None:
    """Report what is wrong with reference ``j`` in ``field`` of an argument (or, for a
    co-premise, the one ``at`` a place in the field)."""
    if at is None:
        path: DataPath = ("arguments", index, field, j)
        ident = getattr(arg, field)[j]
    else:
        path, ident = ("arguments", index, field, *at[0]), at[1]
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


def _duplicate_refs(ctx: Context, base: DataPath, field: str, refs: list[str], owner: str) -> None:
    """One W308 per repeated id, at its second listing, with how often it is listed."""
    count: dict[str, int] = {}
    second: dict[str, DataPath] = {}
    for path, ident in _ref_paths(base, field, refs):
        count[ident] = count.get(ident, 0) + 1
        if count[ident] == 2:
            second[ident] = path
    for ident, path in second.items():
        times = "twice" if count[ident] == 2 else f"{count[ident]:,} times"
        ctx.report(
            "W308",
            path,
            f"'{ident}' is listed {times} in '{field}' of {owner}",
            "remove the repeated id" if count[ident] == 2 else "keep it once",
        )


def argument_shape(ctx: Context) -> None:
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


def support_cycles(ctx: Context) -> None:
    graph = {
        arg.id: [t for t in arg.supports if t != arg.id]
        for _, arg in ctx.arguments
        if arg.supports and ctx.by_id.get(arg.id) is arg
    }
    if not has_cycle(graph):
        return
    first = {arg.id: (index, arg) for index, arg in ctx.arguments if ctx.by_id.get(arg.id) is arg}
    order = {ident: index for ident, (index, _) in first.items()}
    for component in strongly_connected(graph):
        if len(component) < 2:
            continue
        start = min(component, key=order.__getitem__)
        cycle = cycle_through(graph, set(component), start)
        index, arg = first[start]
        j = arg.supports.index(cycle[1])
        ctx.report(
            "E206",
            ("arguments", index, "supports", j),
            "circular reasoning: " + " → ".join(f"'{a}'" for a in cycle) + " support each other",
            "an argument cannot rest on itself through others; remove one 'supports' link",
        )


def outline_depth(ctx: Context) -> None:
    """Arguments deeper than the outline numbers (E211): the first one, and how many more."""
    arguments = [arg for _, arg in ctx.arguments if ctx.by_id.get(arg.id) is arg]
    parent = parents([p.id for _, p in ctx.positions if ctx.by_id.get(p.id) is p], arguments)
    level = levels(parent)
    too_deep = [(index, arg) for index, arg in ctx.arguments if level.get(arg.id, 0) > MAX_LEVELS]
    if not too_deep:
        return
    index, arg = too_deep[0]
    more = f"; {len(too_deep) - 1} more lie deeper still" if len(too_deep) > 1 else ""
    ctx.report(
        "E211",
        ("arguments", index, "id"),
        f"argument '{arg.id}' is at level {level[arg.id]} of the outline, deeper than the "
        f"{MAX_LEVELS} levels argmap numbers and draws{more}",
        "a chain this long reads as a dialogue, not a map: let later replies answer an "
        "earlier argument, or split the debate",
    )


def part_of_cycles(ctx: Context) -> None:
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


def co_premises(ctx: Context) -> None:
    for index, arg in ctx.arguments:
        if not arg.linked_with:
            continue
        mine = _target_set(arg)
        for where, target, partner_id in arg.linked_pairs():
            partner = ctx.by_id.get(partner_id)
            if not isinstance(partner, Argument) or partner_id == arg.id:
                continue
            if target is not None:  # co-premises for one target: both must have it
                if target in arg.targets and target not in partner.targets:
                    ctx.report(
                        "E209",
                        ("arguments", index, "linked_with", *where),
                        f"co-premises '{arg.id}' and '{partner_id}' for '{target}': "
                        f"'{partner_id}' {_describe_targets(partner)}",
                        f"co-premises hold their target jointly: '{partner_id}' must name "
                        f"'{target}' too",
                    )
                continue
            theirs = _target_set(partner)
            if not mine <= theirs:  # each of my targets is held jointly with the partner
                ctx.report(
                    "E209",
                    ("arguments", index, "linked_with", *where),
                    f"co-premises '{arg.id}' and '{partner_id}' have different targets: "
                    f"'{arg.id}' {_describe_targets(arg)}; '{partner_id}' "
                    f"{_describe_targets(partner)}",
                    "co-premises support or attack their target jointly: give both the same "
                    "supports/attacks/undercuts, or name the co-premises per target "
                    "(linked_with: {target: [ids]})",
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


def assessments(ctx: Context) -> None:
    criteria = ctx.criteria
    for index, position in ctx.positions:
        for criterion in position.assessment:
            if criterion in criteria:
                continue
            close = closest(criterion, criteria)
            hint = (
                f"did you mean '{close}'?"
                if close
                else "add it to the debate's 'criteria', or assess one of: " + ", ".join(criteria)
                if criteria
                else "list the criteria under the debate's 'criteria' first"
            )
            ctx.report(
                "E210",
                ("positions", index, "assessment", criterion),
                f"position '{position.id}' assesses '{criterion}', which is not one of the "
                "debate's criteria",
                hint,
                key=True,
            )


def recommends(ctx: Context) -> None:
    """``recommends`` names one of the positions."""
    option = ctx.header.get("recommends")
    if isinstance(option, str):
        _resolve(ctx, ("recommends",), option, ("positions",), "the debate recommends")
