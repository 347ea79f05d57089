"""What stands, and for whom: a debate evaluated, explained in words.

The debate becomes an abstract framework over its positions and arguments:

- ``attacks`` are rebuttals; one succeeds unless its target is rated strictly higher
  than its attacker (the author's ``weight``, or a stakeholder's ``weights``);
- ``undercuts`` always succeed, and defeat the undercut argument *as an argument*: the
  outputs say "its relevance is contested", not "its claim is false";
- co-premises (``linked_with``) are one reason: an attack on one of them is an attack on
  all of them.

Every argument and position gets a grounded label (in, out, undecided) with a one-line
reason, a DF-QuAD strength in [0, 1] (supports and attacks, bases from the weights,
default 0.5), and where the grounded view is undecided the preferred and stable
alternatives. :func:`analyse` returns plain frozen models.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Final

from pydantic import BaseModel, ConfigDict

from argmap.errors import UsageError
from argmap.model import Debate, Stance
from argmap.outline import co_premise_groups, outline
from argmap.semantics import Label, alternatives, df_quad, grounded

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
    arguments: tuple[Verdict, ...]
    positions: tuple[PositionResult, ...]
    preferred: tuple[tuple[str, ...], ...]
    stable: tuple[tuple[str, ...], ...]
    alternatives_note: str | None
    converged: bool
    iterations: int
    stakeholders: tuple[StakeholderView, ...]
    agreement: dict[str, dict[str, float | None]]
    coalitions: tuple[tuple[str, ...], ...]
    statistics: Statistics


class _Framework:
    """The debate as attacks and supports between its elements, from one perspective."""

    def __init__(self, debate: Debate, weights: dict[str, float]) -> None:
        self.nodes = [p.id for p in debate.positions] + [a.id for a in debate.arguments]
        self.base = {
            **{p.id: DEFAULT_WEIGHT for p in debate.positions},
            **{
                a.id: weights.get(a.id, a.weight if a.weight is not None else DEFAULT_WEIGHT)
                for a in debate.arguments
            },
        }
        self.attackers: dict[str, set[str]] = defaultdict(set)  # defeats that succeed
        self.all_attackers: dict[str, set[str]] = defaultdict(set)
        self.undercutters: dict[str, set[str]] = defaultdict(set)
        self.failed: dict[str, set[str]] = defaultdict(set)  # attacks that preference stops
        self.supporters: dict[str, list[tuple[str, ...]]] = defaultdict(list)
        groups = co_premise_groups(debate)
        joined: set[tuple[str, str]] = set()
        for a in debate.arguments:
            for target in a.attacks:
                self.all_attackers[target].add(a.id)
                if self.base[target] > self.base[a.id]:
                    self.failed[target].add(a.id)
                else:
                    self.attackers[target].add(a.id)
            for target in a.undercuts:
                self.all_attackers[target].add(a.id)
                self.attackers[target].add(a.id)
                self.undercutters[target].add(a.id)
            for target in a.supports:
                group = groups[a.id]
                if (target, group[0]) not in joined:  # a group is named by its first member
                    joined.add((target, group[0]))
                    self.supporters[target].append(group)
        shared_groups = {groups[a.id][0]: groups[a.id] for a in debate.arguments}
        for group in shared_groups.values():  # an attack on one co-premise attacks the reason
            if len(group) > 1:
                shared = set().union(*(self.attackers[m] for m in group))
                for member in group:
                    self.attackers[member] |= shared


def _reason(
    ident: str, label: Label, fw: _Framework, labels: dict[str, Label], numbers: dict[str, str]
) -> str:
    def name(x: str) -> str:
        return numbers.get(x, x)

    attackers = sorted(fw.attackers.get(ident, ()), key=lambda x: numbers.get(x, x))
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


def analyse(debate: Debate, perspective: str | None = None) -> Analysis:
    """Evaluate a (checked) debate; ``perspective`` is an actor id whose weights to use."""
    actors = {a.id: a for a in debate.actors}
    if perspective is not None and perspective not in actors:
        raise UsageError(f"--as {perspective!r}: the debate has no such actor")
    weights = dict(actors[perspective].weights) if perspective else {}
    tree = outline(debate)
    numbers = tree.numbers
    fw = _Framework(debate, weights)
    labels = grounded(fw.nodes, fw.attackers)
    alts = alternatives(fw.nodes, fw.attackers)
    strengths = df_quad(
        fw.base,
        {n: sorted(fw.all_attackers.get(n, ())) for n in fw.nodes},
        {n: fw.supporters.get(n, []) for n in fw.nodes},
    )
    kinds = {p.id: "position" for p in debate.positions} | {
        a.id: "argument" for a in debate.arguments
    }
    verdicts = tuple(
        Verdict(
            id=n,
            number=numbers[n],
            kind=kinds[n],
            label=labels[n],
            strength=round(strengths.values[n], 6),
            reason=_reason(n, labels[n], fw, labels, numbers),
        )
        for n in tree.order()
        if kinds[n] == "argument"
    )
    positions = tuple(
        _position(p.id, p.title or p.text, debate, fw, labels, strengths.values, numbers)
        for p in debate.positions
    )
    stakeholders = tuple(
        StakeholderView(
            actor=a.id,
            name=a.name,
            positions={
                p.id: (pr.label, pr.strength)
                for p, pr in zip(debate.positions, analyse(debate, a.id).positions, strict=True)
            },
        )
        for a in debate.actors
        if a.weights and perspective is None
    )
    agreement, coalitions = _coalitions(debate)
    return Analysis(
        perspective=perspective,
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
        statistics=_statistics(debate, tree.numbers),
    )


def _position(
    ident: str,
    title: str,
    debate: Debate,
    fw: _Framework,
    labels: dict[str, Label],
    strength: dict[str, float],
    numbers: dict[str, str],
) -> PositionResult:
    pros = [a.id for a in debate.arguments if ident in a.supports]
    cons = [a.id for a in debate.arguments if ident in a.attacks]

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
) -> tuple[dict[str, dict[str, float | None]], tuple[tuple[str, ...], ...]]:
    """Pairwise agreement of stances (share of commonly held positions taken the same
    way), and the groups it links at :data:`AGREEMENT_FOR_COALITION` or more."""
    stance = {
        a.id: {p: _SIGN[s] for p, s in a.stances.items() if s in _SIGN} for a in debate.actors
    }
    ids = [a.id for a in debate.actors]
    agreement: dict[str, dict[str, float | None]] = {i: {} for i in ids}
    for i in ids:
        for j in ids:
            common = stance[i].keys() & stance[j].keys()
            agreement[i][j] = (
                round(sum(stance[i][p] == stance[j][p] for p in common) / len(common), 6)
                if common
                else None
            )
    root = {i: i for i in ids}

    def find(x: str) -> str:
        while root[x] != x:
            x = root[x]
        return x

    for i in ids:
        for j in ids:
            value = agreement[i][j]
            if i < j and value is not None and value >= AGREEMENT_FOR_COALITION:
                root[find(i)] = find(j)
    groups: dict[str, list[str]] = defaultdict(list)
    for i in ids:
        if stance[i]:
            groups[find(i)].append(i)
    return agreement, tuple(tuple(g) for g in groups.values() if len(g) > 1)


def _statistics(debate: Debate, numbers: dict[str, str]) -> Statistics:
    balance = {
        p.id: (
            sum(1 for a in debate.arguments if p.id in a.supports),
            sum(1 for a in debate.arguments if p.id in a.attacks),
        )
        for p in debate.positions
    }
    participation = {a.id: sum(1 for x in debate.arguments if a.id in x.by) for a in debate.actors}
    n = len(debate.arguments)
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
