"""The evaluation core: a debate's framework, evaluated from one perspective, and the
options judged and ranked.

:mod:`argmap.analysis` explains the result in words; :mod:`argmap.sensitivity` asks what
would change it. Both start from a :class:`State` (one perspective's base scores,
defeats, grounded labels and DF-QuAD strengths) and derive others from it with
:func:`rebase`, which evaluates again only what a change can reach: the labels
downstream of the attacks whose outcome moved, the strengths the changed arguments bear
on. A rebased state lays its few new values over the state it came from.

How options are judged follows Carneades' proof standards (Gordon, Prakken and Walton,
"The Carneades model of argument and burden of proof", 2007): an argument for or against
an option is *applicable* when it stands (grounded label in); its weight is its DF-QuAD
strength; a standard compares the strongest applicable argument for the option with the
strongest against it.
"""

from __future__ import annotations

from collections import ChainMap, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Final, TypeVar, cast

from argmap.index import index
from argmap.model import Debate, Standard
from argmap.semantics import (
    Label,
    StrengthGraph,
    df_quad,
    df_quad_cone,
    grounded,
    grounded_cone,
    prepare_strengths,
)

DEFAULT_WEIGHT: Final = 0.5
ALPHA: Final = 0.4
"""Clear and convincing: the strongest argument for must weigh more than this…"""
BETA: Final = 0.3
"""…and more than the strongest against by this much (Carneades' defaults)."""
GAMMA: Final = 0.2
"""Beyond reasonable doubt: also, the strongest argument against weighs less than this."""


class Standing(StrEnum):
    """Where an option stands, in words a director uses."""

    HOLDS = "holds"
    """A reason for it stands and no objection does."""
    CONTESTED = "contested"
    """An objection stands, but the strongest reason for it weighs at least as much."""
    OUTWEIGHED = "outweighed"
    """An objection stands and weighs more than every reason for it."""
    UNSUPPORTED = "unsupported"
    """Nothing stands for it or against it: every argument either way is defeated."""
    UNARGUED = "unargued"
    """No argument for or against it yet: a gap in the map, not a strength."""


STANDARD_NAMES: Final = {
    Standard.PREPONDERANCE: "preponderance of the arguments",
    Standard.CLEAR_AND_CONVINCING: "clear and convincing",
    Standard.BEYOND_REASONABLE_DOUBT: "beyond reasonable doubt",
}

_NONE: Final[frozenset[str]] = frozenset()
T = TypeVar("T")
_LABEL_ORDER: Final = {Label.IN: 0, Label.UNDECIDED: 1, Label.OUT: 2}


class Structure:
    """What the evaluation needs that no weight changes: made once per debate and shared
    by every perspective (the author's and each stakeholder's)."""

    def __init__(self, debate: Debate) -> None:
        idx = index(debate)
        self.positions = [p.id for p in debate.positions]
        self.arguments = [a.id for a in debate.arguments]
        self.nodes = self.positions + self.arguments
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
        self.targets: dict[str, list[str]] = defaultdict(list)
        """Node → the targets of every attack and undercut it makes."""
        for attacker, target in (*self.attacks, *self.undercuts):
            self.targets[attacker].append(target)
        self.options_of: dict[str, set[str]] = defaultdict(set)
        """Argument → the options it is a direct reason for or against."""
        position_set = set(self.positions)
        for p in self.positions:
            for group in self.supporters.get(p, ()):
                for member in group:
                    self.options_of[member].add(p)
            for attacker in self.attacks_into.get(p, ()):
                self.options_of[attacker].add(p)
        self.position_set = position_set
        self._reach: dict[str, frozenset[str]] = {}
        self._loops = False
        self.judging_cost = {
            p: 1
            + sum(len(g) for g in self.supporters.get(p, ()))
            + len(self.attacks_into.get(p, ()))
            for p in self.positions
        }
        """Option → how many arguments judging it reads."""
        self.place = {p: i for i, p in enumerate(self.positions)}
        attack_lists = {n: sorted(self.all_attackers.get(n, ())) for n in self.nodes}
        support_lists = {n: self.supporters.get(n, []) for n in self.nodes}
        self.strength_graph: StrengthGraph = prepare_strengths(
            self.nodes, attack_lists, support_lists
        )
        graph = self.strength_graph
        self.strength_reads = {
            n: 1 + len(graph.attack_of[n]) + sum(len(g) for g in graph.support_of[n])
            for n in self.nodes
        }
        """Node → how many strengths evaluating its own reads."""

    def reach(self, node: str) -> frozenset[str]:
        """The options whose judgement a change of ``node`` (its rating, or its removal)
        can move: those its strength or label flows into, through supports, attacks and
        the co-premises of what it attacks. Memoised; iterative, so depth costs no stack."""
        memo = self._reach
        if node in memo:
            return memo[node]
        if self._loops:
            return frozenset(self.positions)
        bears_on = self.strength_graph.bears_on
        on_stack: set[str] = set()
        stack = [node]
        while stack:
            current = stack[-1]
            if current in memo:
                stack.pop()
                continue
            nexts = [*bears_on.get(current, ()), *self.downstream.get(current, ())]
            if any(n in on_stack for n in nexts):  # a loop: every option, to be safe
                self._loops = True
                return frozenset(self.positions)
            pending = [n for n in nexts if n not in memo and n not in on_stack]
            if pending and current not in on_stack:
                on_stack.add(current)
                stack.extend(pending)
                continue
            stack.pop()
            on_stack.discard(current)
            found = {current} & self.position_set
            found.update(self.options_of.get(current, ()))
            for n in nexts:
                found.update(memo[n])
            memo[current] = frozenset(found)
        return memo[node]

    @property
    def acyclic(self) -> bool:
        """Whether supports and attacks form no cycle (strengths are then exact, and a
        change is evaluated again only where it reaches)."""
        return self.strength_graph.order is not None


def structure(debate: Debate) -> Structure:
    """The debate's evaluation structure, made once and kept in its index."""
    kept = index(debate).extra.get("analysis")
    if not isinstance(kept, Structure):
        kept = index(debate).extra["analysis"] = Structure(debate)
    return kept


@dataclass(frozen=True)
class State:
    """The debate evaluated from one perspective."""

    base: Mapping[str, float]
    """Every node's base score (its rating: the author's, or an actor's)."""
    attackers: Mapping[str, set[str]]
    """Node → the attacks and undercuts on it that succeed (defeats)."""
    failed: Mapping[str, set[str]]
    """Node → the attacks on it that its higher rating stops."""
    labels: Mapping[str, Label]
    strengths: Mapping[str, float]
    converged: bool = True
    iterations: int = 1
    removed: str | None = None
    """An argument taken out of the debate (a question :mod:`sensitivity` asks)."""

    def flat(self) -> State:
        """The same state with its layers copied into plain mappings: faster to read
        when many states are derived from it."""
        return State(
            dict(self.base),
            dict(self.attackers),
            dict(self.failed),
            dict(self.labels),
            dict(self.strengths),
            self.converged,
            self.iterations,
            self.removed,
        )


def evaluate(s: Structure, weights: Mapping[str, float]) -> State:
    """The whole evaluation with ``weights`` laid over the author's ratings."""
    base = {n: weights.get(n, w) for n, w in s.authored.items()} if weights else s.authored
    attackers: dict[str, set[str]] = defaultdict(set)
    failed: dict[str, set[str]] = defaultdict(set)
    for attacker, target in s.attacks:
        if base[target] > base[attacker]:
            failed[target].add(attacker)
        else:
            attackers[target].add(attacker)
    for attacker, target in s.undercuts:
        attackers[target].add(attacker)
    for group in s.shared:
        joint = set().union(*(attackers[m] for m in group))
        for member in group:
            attackers[member] |= joint
    labels = grounded(s.nodes, attackers)
    strengths = df_quad(base, s.strength_graph)
    return State(
        base, attackers, failed, labels, strengths.values, strengths.converged, strengths.iterations
    )


def over(top: dict[str, T], under: Mapping[str, T]) -> Mapping[str, T]:
    """``top``'s values laid over ``under``'s, neither copied (a :class:`ChainMap`)."""
    return ChainMap(top, cast("dict[str, T]", under))


def _defeats(s: Structure, base: Mapping[str, float], target: str, removed: str | None) -> set[str]:
    """The defeats of ``target``'s co-premise group (an attack on one member is an
    attack on the reason) under ``base``, ``removed`` attacking nothing."""
    found: set[str] = set()
    for member in s.groups.get(target, (target,)):
        found.update(a for a in s.attacks_into.get(member, ()) if not base[member] > base[a])
        found.update(s.undercutters.get(member, ()))
    if removed is not None:
        found.discard(removed)
    return found


def rebase(
    s: Structure, state: State, changes: Mapping[str, float], removed: str | None = None
) -> State:
    """``state`` with the ratings in ``changes`` (node → base score), and ``removed``
    taken out of the debate: evaluated again only where that can reach. An attack's
    outcome can only move where a rebased node is its attacker or its target, labels only
    downstream of such a move, strengths only where a rebased node bears."""
    changed = [n for n, w in changes.items() if n in state.base and w != state.base[n]]
    if not changed and removed is None:
        return state
    base = over(dict(changes), state.base) if changed else state.base
    touched: set[str] = set()
    for node in changed:
        for target in s.incident.get(node, ()):
            touched.update(s.groups.get(target, (target,)))
    if removed is not None:
        for target in s.targets.get(removed, ()):
            touched.update(s.groups.get(target, (target,)))
    attackers: dict[str, set[str]] = {}
    failed: dict[str, set[str]] = {}
    for target in touched:
        attackers[target] = _defeats(s, base, target, removed)
        failed[target] = {
            a for a in s.attacks_into.get(target, ()) if base[target] > base[a] and a != removed
        }
    moved = [t for t, found in attackers.items() if found != state.attackers.get(t, _NONE)]
    layered = over(attackers, state.attackers)
    labels: Mapping[str, Label] = state.labels
    cone = grounded_cone(state.labels, layered, moved, s.downstream)
    if cone:
        labels = over(cone, state.labels)
    if s.acyclic and state.converged:
        values = df_quad_cone(base, s.strength_graph, state.strengths, changed, removed)
        strengths: Mapping[str, float] = (
            over(values, state.strengths) if values else state.strengths
        )
        converged, iterations = True, 1
    else:  # with cycles, everything again
        if removed is not None:
            raise ValueError("removal is evaluated on acyclic maps only")
        full = df_quad(base, s.strength_graph)
        strengths, converged, iterations = full.values, full.converged, full.iterations
    return State(
        base,
        layered,
        over(failed, state.failed),
        labels,
        strengths,
        converged,
        iterations,
        removed,
    )


@dataclass(frozen=True)
class Judgement:
    """An option judged: its standing, whether it meets the debate's standard, and the
    strongest applicable arguments either way."""

    option: str
    standing: Standing
    meets: bool
    best_for: str | None
    """The strongest applicable argument for it (a co-premise group: its first member)."""
    for_weight: float
    best_against: str | None
    against_weight: float

    def key(self, state: State, place: int) -> tuple[int, float, int, int]:
        """Its place in the ranking: meeting the standard first, then the stronger, then
        the better label, then the earlier in the file."""
        return (
            0 if self.meets else 1,
            -round(state.strengths[self.option], 9),
            _LABEL_ORDER[state.labels[self.option]],
            place,
        )


def judge(s: Structure, state: State, option: str, standard: Standard) -> Judgement:
    """How ``option`` stands in ``state`` under ``standard``."""
    labels, strengths, removed = state.labels, state.strengths, state.removed
    best_for, for_weight = None, 0.0
    groups = s.supporters.get(option, ())
    for group in groups:
        if all(labels[m] is Label.IN and m != removed for m in group):
            weight = min(strengths[m] for m in group)
            if best_for is None or weight > for_weight:
                best_for, for_weight = group[0], weight
    best_against, against_weight = None, 0.0
    objections = s.attacks_into.get(option, ())
    for attacker in objections:
        if labels[attacker] is Label.IN and attacker != removed:
            weight = strengths[attacker]
            if best_against is None or weight > against_weight:
                best_against, against_weight = attacker, weight
    if not groups and not objections:
        standing = Standing.UNARGUED
    elif best_against is not None:
        outweighed = best_for is None or against_weight > for_weight
        standing = Standing.OUTWEIGHED if outweighed else Standing.CONTESTED
    else:
        standing = Standing.HOLDS if best_for is not None else Standing.UNSUPPORTED
    return Judgement(
        option,
        standing,
        meets(standard, best_for is not None, for_weight, against_weight),
        best_for,
        for_weight,
        best_against,
        against_weight,
    )


def meets(standard: Standard, some_for: bool, pro: float, con: float) -> bool:
    """Carneades' proof standards over the strongest applicable arguments for (``pro``)
    and against (``con``, 0 when none applies)."""
    preponderance = some_for and pro > con
    if standard is Standard.PREPONDERANCE:
        return preponderance
    clear = preponderance and pro > ALPHA and pro - con > BETA
    if standard is Standard.CLEAR_AND_CONVINCING:
        return clear
    return clear and con < GAMMA


def ranking(
    s: Structure, state: State, standard: Standard
) -> tuple[list[str], dict[str, Judgement]]:
    """The options best supported first, and each one's judgement."""
    judged = {p: judge(s, state, p, standard) for p in s.positions}
    order = sorted(s.positions, key=lambda p: judged[p].key(state, s.place[p]))
    return order, judged
