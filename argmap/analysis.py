"""What stands, and for whom: a debate evaluated, explained in words.

The debate becomes an abstract framework over its positions and arguments:

- ``attacks`` are rebuttals; one succeeds unless its target is rated strictly higher
  than its attacker (the author's ``weight``, or a stakeholder's ``weights``);
- ``undercuts`` always succeed, and defeat the undercut argument *as an argument*: the
  outputs say "its relevance is contested", not "its claim is false";
- co-premises (``linked_with``) are one reason: an attack on one of them is an attack on
  all of them. Labels are per argument, so a premise that takes part in several
  inferences (``linked_with`` per target) counts every attack on any of its co-premises;
  DF-QuAD strengths weigh each inference with its own co-premises.

Every argument and position gets a grounded label (in, out, undecided) with a one-line
reason, a DF-QuAD strength in [0, 1] (supports and attacks, bases from the weights,
default 0.5), and where the grounded view is undecided the preferred and stable
alternatives. :func:`analyse` returns plain frozen models.
"""

from __future__ import annotations

from collections import ChainMap, defaultdict
from collections.abc import Mapping
from typing import Final

from pydantic import BaseModel, ConfigDict

from argmap._gc import collector_paused
from argmap.diagnostics import closest
from argmap.errors import UsageError
from argmap.index import Index, index
from argmap.model import Debate, Stance
from argmap.semantics import (
    Label,
    Strengths,
    alternatives,
    df_quad,
    df_quad_update,
    grounded,
    grounded_update,
    prepare_strengths,
)

DEFAULT_WEIGHT: Final = 0.5
AGREEMENT_FOR_COALITION: Final = 0.75


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Verdict(_Frozen):
    """An argument's or position's status, strength and the reason, in words."""

    id: str
    number: str
    kind: str
    label: Label
    strength: float
    reason: str


class PositionResult(_Frozen):
    """Where an option stands, and what weighs most for and against it."""

    id: str
    number: str
    title: str
    label: Label
    strength: float
    reason: str
    strongest_for: str | None
    strongest_against: str | None
    unanswered: tuple[str, ...]
    """Ids of the arguments against it that stand (label in)."""


class StakeholderView(_Frozen):
    """The verdict on each option when the map is weighed as one actor weighs it."""

    actor: str
    name: str
    positions: dict[str, tuple[Label, float]]


class Statistics(_Frozen):
    """Counts that tell how complete and balanced a map is."""

    positions: int
    arguments: int
    depth: int
    balance: dict[str, tuple[int, int]]
    """Position id → (arguments for, arguments against), direct ones."""
    evidence_coverage: float
    """Share of arguments that cite evidence."""
    participation: dict[str, int]
    """Actor id → how many arguments it advances."""


class Analysis(_Frozen):
    """The whole evaluation of a debate from one perspective."""

    perspective: str | None
    perspective_name: str | None = None
    """The name of the actor whose weights are used (None: the author's)."""
    notes: tuple[str, ...] = ()
    """What a reader of the result should know about how it was made."""
    arguments: tuple[Verdict, ...]
    positions: tuple[PositionResult, ...]
    preferred: tuple[tuple[str, ...], ...]
    stable: tuple[tuple[str, ...], ...]
    alternatives_note: str | None
    converged: bool
    iterations: int
    stakeholders: tuple[StakeholderView, ...]
    agreement: dict[str, dict[str, float]]
    """Actor → actor → the share of the options both take a stance on that they take the
    same way; pairs with no option in common are left out (there is nothing to compare)."""
    coalitions: tuple[tuple[str, ...], ...]
    statistics: Statistics


class _Structure:
    """What the evaluation needs that no weight changes: made once per debate and shared
    by every perspective (the author's and each stakeholder's)."""

    def __init__(self, debate: Debate) -> None:
        idx = index(debate)
        self.nodes = [p.id for p in debate.positions] + [a.id for a in debate.arguments]
        self.authored = {
            **{p.id: DEFAULT_WEIGHT for p in debate.positions},
            **{
                a.id: a.weight if a.weight is not None else DEFAULT_WEIGHT for a in debate.arguments
            },
        }
        self.attacks = [(a.id, t) for a in debate.arguments for t in dict.fromkeys(a.attacks)]
        self.undercuts = [(a.id, t) for a in debate.arguments for t in dict.fromkeys(a.undercuts)]
        self.all_attackers: dict[str, set[str]] = defaultdict(set)
        self.undercutters: dict[str, set[str]] = defaultdict(set)
        for attacker, target in self.attacks:
            self.all_attackers[target].add(attacker)
        for attacker, target in self.undercuts:
            self.all_attackers[target].add(attacker)
            self.undercutters[target].add(attacker)
        groups = idx.groups
        self.supporters: dict[str, list[tuple[str, ...]]] = defaultdict(list)
        joined: set[tuple[str, str]] = set()
        for a in debate.arguments:
            for target in a.supports:
                group = idx.group(a.id, target)  # the co-premises of this very inference
                if (target, group[0]) not in joined:  # a group is named by its first member
                    joined.add((target, group[0]))
                    self.supporters[target].append(group)
        self.shared = [
            g
            for g in {groups[a.id][0]: groups[a.id] for a in debate.arguments}.values()
            if len(g) > 1
        ]
        """Co-premise groups: an attack on one member is an attack on the reason."""
        self.groups = groups
        self.downstream: dict[str, set[str]] = defaultdict(set)
        """Node → every node it may defeat, co-premises of its targets included."""
        for attacker, target in (*self.attacks, *self.undercuts):
            self.downstream[attacker].update(groups.get(target, (target,)))
        self.attacks_into: dict[str, list[str]] = defaultdict(list)
        self.incident: dict[str, list[str]] = defaultdict(list)
        """Node → the targets of the attacks it makes or receives (whose outcome its weight
        can change)."""
        for attacker, target in self.attacks:
            self.attacks_into[target].append(attacker)
            self.incident[attacker].append(target)
            self.incident[target].append(target)
        attack_lists = {n: sorted(self.all_attackers.get(n, ())) for n in self.nodes}
        support_lists = {n: self.supporters.get(n, []) for n in self.nodes}
        self.strength_graph = prepare_strengths(self.nodes, attack_lists, support_lists)


class _Framework:
    """The debate as attacks and supports between its elements, from one perspective."""

    def __init__(self, structure: _Structure, weights: Mapping[str, float]) -> None:
        self.structure = structure
        self.nodes = structure.nodes
        self.base = (
            {n: weights.get(n, w) for n, w in structure.authored.items()}
            if weights
            else structure.authored
        )
        self.all_attackers = structure.all_attackers
        self.undercutters = structure.undercutters
        self.supporters = structure.supporters
        self.attackers: dict[str, set[str]] = defaultdict(set)  # defeats that succeed
        self.failed: dict[str, set[str]] = defaultdict(set)  # attacks that preference stops
        base = self.base
        for attacker, target in structure.attacks:
            if base[target] > base[attacker]:
                self.failed[target].add(attacker)
            else:
                self.attackers[target].add(attacker)
        for attacker, target in structure.undercuts:
            self.attackers[target].add(attacker)
        for group in structure.shared:
            shared = set().union(*(self.attackers[m] for m in group))
            for member in group:
                self.attackers[member] |= shared


def _structure(debate: Debate) -> _Structure:
    """The debate's evaluation structure, made once and kept in its index."""
    kept = index(debate).extra.get("analysis")
    if not isinstance(kept, _Structure):
        kept = index(debate).extra["analysis"] = _Structure(debate)
    return kept


def _reason(
    ident: str, label: Label, fw: _Framework, labels: dict[str, Label], numbers: dict[str, str]
) -> str:
    attacked = fw.attackers.get(ident)
    if not attacked and label is Label.IN and not fw.failed.get(ident):
        return "in: not attacked"  # most arguments: said without sorting nothing

    def name(x: str) -> str:
        return numbers.get(x, x)

    attackers = sorted(attacked or (), key=lambda x: numbers.get(x, x))
    failed = sorted(fw.failed.get(ident, ()), key=lambda x: numbers.get(x, x))
    if label is Label.OUT:
        winners = [a for a in attackers if labels[a] is Label.IN]
        cuts = [a for a in winners if a in fw.undercutters.get(ident, ())]
        if cuts:
            return f"out: its relevance is contested by {', '.join(map(name, cuts))}, which stands"
        return f"out: attacked by {', '.join(map(name, winners))}, which " + (
            "stands" if len(winners) == 1 else "stand"
        )
    if label is Label.IN:
        parts = []
        if attackers:
            parts.append(f"every attack on it is defeated ({', '.join(map(name, attackers))} out)")
        if failed:
            rated = ", ".join(f"{name(a)} ({fw.base[a]:g})" for a in failed)
            parts.append(f"it is rated higher ({fw.base[ident]:g}) than its attacker {rated}")
        return "in: " + ("; ".join(parts) if parts else "not attacked")
    open_ = [a for a in attackers if labels[a] is Label.UNDECIDED]
    return (
        f"undecided: attacked by {', '.join(map(name, open_))}, in a cycle of attacks "
        "that the grounded view leaves open"
    )


def rates_nothing(debate: Debate, perspective: str | None) -> str | None:
    """ "NAME (id) rates no argument ('weights')" when the actor ``perspective`` has no
    weights, so that a view of the debate as it weighs it is the author's; else None."""
    actor = index(debate).actors.get(perspective) if perspective is not None else None
    if actor is None or actor.weights:
        return None
    return f"{actor.name} ({actor.id}) rates no argument ('weights')"


def analyse(debate: Debate, perspective: str | None = None) -> Analysis:
    """Evaluate a (checked) debate; ``perspective`` is an actor id whose weights to use.

    Each stakeholder with ``weights`` gets the verdict on every option as it weighs the
    map: the same structure evaluated with its base scores, not a second analysis.
    """
    with collector_paused():
        return _analyse(debate, perspective)


def _analyse(debate: Debate, perspective: str | None) -> Analysis:
    idx = index(debate)
    actors = idx.actors
    if perspective is not None and perspective not in actors:
        close = closest(perspective, list(actors))
        hint = f"; did you mean '{close}'?" if close else ""
        raise UsageError(f"--as {perspective!r}: the debate has no such actor{hint}")
    weights = dict(actors[perspective].weights) if perspective else {}
    unrated = rates_nothing(debate, perspective)
    notes = (f"{unrated}: these are the author's ratings",) if unrated else ()
    tree = idx.tree
    numbers = tree.numbers
    structure = _structure(debate)
    fw = _Framework(structure, weights)
    labels = grounded(fw.nodes, fw.attackers)
    alts = alternatives(fw.nodes, fw.attackers, labels)
    strengths = df_quad(fw.base, structure.strength_graph)
    verdicts = tuple(
        Verdict(
            id=n,
            number=numbers[n],
            kind="argument",
            label=labels[n],
            strength=round(strengths.values[n], 6),
            reason=_reason(n, labels[n], fw, labels, numbers),
        )
        for n in tree.order()
        if n in idx.arguments
    )
    positions = tuple(
        _position(p.id, p.title or p.text, idx, fw, labels, strengths.values, numbers)
        for p in debate.positions
    )
    stakeholders = tuple(
        StakeholderView(
            actor=a.id,
            name=a.name,
            positions=_verdicts(debate, structure, a.weights, (fw, labels, strengths)),
        )
        for a in debate.actors
        if a.weights and perspective is None
    )
    agreement, coalitions = _coalitions(debate)
    return Analysis(
        perspective=perspective,
        perspective_name=actors[perspective].name if perspective else None,
        notes=notes,
        arguments=verdicts,
        positions=positions,
        preferred=tuple(tuple(sorted(s, key=lambda x: numbers[x])) for s in alts.preferred),
        stable=tuple(tuple(sorted(s, key=lambda x: numbers[x])) for s in alts.stable),
        alternatives_note=alts.too_large,
        converged=strengths.converged,
        iterations=strengths.iterations,
        stakeholders=stakeholders,
        agreement=agreement,
        coalitions=coalitions,
        statistics=_statistics(debate, idx),
    )


_NONE: Final[frozenset[str]] = frozenset()


def _verdicts(
    debate: Debate,
    structure: _Structure,
    weights: Mapping[str, float],
    author: tuple[_Framework, dict[str, Label], Strengths],
) -> dict[str, tuple[Label, float]]:
    """Each option's label and strength when the map is weighed with ``weights``: the
    author's evaluation, taken again only where the weights change something. An attack
    can only change its outcome where a rebased argument is its attacker or its target;
    labels move only downstream of such a change, strengths only downstream of a
    rebased argument."""
    before, labels_before, strengths_before = author
    authored = before.base
    rebased = [n for n, w in weights.items() if n in authored and w != authored[n]]
    base = ChainMap(dict(weights), authored)
    touched: set[str] = set()
    for node in rebased:
        for target in structure.incident.get(node, ()):
            touched.update(structure.groups.get(target, (target,)))
    attackers: dict[str, set[str]] = {}
    for target in touched:
        group = structure.groups.get(target, (target,))
        found: set[str] = set()
        for member in group:  # an attack on one co-premise is an attack on the reason
            found.update(
                a for a in structure.attacks_into.get(member, ()) if not base[member] > base[a]
            )
            found.update(structure.undercutters.get(member, ()))
        attackers[target] = found
    moved = [t for t, found in attackers.items() if found != before.attackers.get(t, _NONE)]
    layered: ChainMap[str, set[str]] = ChainMap(attackers, before.attackers)
    labels = grounded_update(labels_before, layered, moved, structure.downstream)
    values = df_quad_update(base, structure.strength_graph, strengths_before, rebased).values
    return {p.id: (labels[p.id], round(values[p.id], 6)) for p in debate.positions}


def _position(
    ident: str,
    title: str,
    idx: Index,
    fw: _Framework,
    labels: dict[str, Label],
    strength: dict[str, float],
    numbers: dict[str, str],
) -> PositionResult:
    pros = idx.supporters.get(ident, [])
    cons = idx.attackers.get(ident, [])

    def strongest(ids: list[str]) -> str | None:
        return max(
            ids, key=lambda x: (strength[x], -int(numbers[x].replace(".", "") or 0)), default=None
        )

    return PositionResult(
        id=ident,
        number=numbers[ident],
        title=title,
        label=labels[ident],
        strength=round(strength[ident], 6),
        reason=_reason(ident, labels[ident], fw, labels, numbers),
        strongest_for=strongest(pros),
        strongest_against=strongest(cons),
        unanswered=tuple(c for c in cons if labels[c] is Label.IN),
    )


_SIGN: Final = {Stance.SUPPORTS: 1, Stance.OPPOSES: -1, Stance.NEUTRAL: 0}


def _coalitions(
    debate: Debate,
) -> tuple[dict[str, dict[str, float]], tuple[tuple[str, ...], ...]]:
    """Pairwise agreement of stances (share of commonly held positions taken the same
    way), and the groups it links at :data:`AGREEMENT_FOR_COALITION` or more."""
    stance = {
        a.id: {p: _SIGN[s] for p, s in a.stances.items() if s in _SIGN} for a in debate.actors
    }
    ids = [a.id for a in debate.actors]
    # only actors with a stance on one position share anything: count pairs per position
    holders: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for i in ids:
        for position, sign in stance[i].items():
            holders[position].append((i, sign))
    common: dict[tuple[str, str], int] = defaultdict(int)
    same: dict[tuple[str, str], int] = defaultdict(int)
    for members in holders.values():
        for i, sign_i in members:
            for j, sign_j in members:
                common[(i, j)] += 1
                if sign_i == sign_j:
                    same[(i, j)] += 1
    agreement: dict[str, dict[str, float]] = {i: {} for i in ids}
    for (i, j), n in common.items():
        agreement[i][j] = round(same[(i, j)] / n, 6)
    place = {i: n for n, i in enumerate(ids)}  # each row in file order, as the actors are
    for i, row in agreement.items():
        agreement[i] = dict(sorted(row.items(), key=lambda kv: place[kv[0]]))
    root = {i: i for i in ids}

    def find(x: str) -> str:
        while root[x] != x:
            x = root[x]
        return x

    for i, j in common:
        if i < j and agreement[i][j] >= AGREEMENT_FOR_COALITION:
            root[find(i)] = find(j)
    groups: dict[str, list[str]] = defaultdict(list)
    for i in ids:
        if stance[i]:
            groups[find(i)].append(i)
    return agreement, tuple(tuple(g) for g in groups.values() if len(g) > 1)


def _statistics(debate: Debate, idx: Index) -> Statistics:
    balance = {
        p.id: (len(idx.supporters.get(p.id, ())), len(idx.attackers.get(p.id, ())))
        for p in debate.positions
    }
    participation = {a.id: len(idx.advanced_by.get(a.id, ())) for a in debate.actors}
    n = len(debate.arguments)
    numbers = idx.tree.numbers
    return Statistics(
        positions=len(debate.positions),
        arguments=n,
        depth=max((numbers[i].count(".") + 1 for i in numbers), default=0),
        balance=balance,
        evidence_coverage=round(sum(1 for a in debate.arguments if a.evidence) / n, 6)
        if n
        else 0.0,
        participation=participation,
    )
