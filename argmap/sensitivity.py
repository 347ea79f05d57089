"""What would change the answer: pivotal arguments, and the cruxes between stakeholders.

- A *pivot* is an argument whose removal, or a change of its rating within [0, 1], would
  change which option ranks first; with the rating at which it would (found by
  bisection, between the rating now and the end of the range where the first option
  differs).
- A *crux* between two actors whose weights rank different options first is a smallest
  set of arguments they rate differently such that, given one actor's ratings of just
  those, the other would rank the first actor's option first. Single arguments are tried
  first; when none is enough, the differences are added from the largest down until the
  verdict moves, and then every one that is not needed is taken out again.

Every candidate is evaluated with :func:`argmap.evaluate.rebase`, which recomputes only
what the change can reach, and only the options it can reach are judged again.
"""

from __future__ import annotations

from collections import ChainMap
from collections.abc import Mapping, Sequence
from typing import Final

from pydantic import BaseModel, ConfigDict, Field

from argmap.evaluate import Judgement, State, Structure, judge, rebase
from argmap.model import Standard

BISECTIONS: Final = 30
"""Halvings of the interval that holds a threshold: to within 1e-9 of the rating."""
WORK_LIMIT: Final = 300_000
"""How many strengths and arguments the searches of one analysis may read (about a
second), half for the pivots and half for the cruxes: maps whose shape makes every
change costly (thousands of co-premises in one reason, or 10,000 arguments) are
searched in part, and the result says how far."""


class Budget:
    """Work spent by a search, counted in nodes evaluated again and arguments read (not
    in time, so that the same map always gets the same answer)."""

    def __init__(self, limit: int = WORK_LIMIT) -> None:
        self.limit = limit
        self.spent = 0

    @property
    def exhausted(self) -> bool:
        return self.spent >= self.limit


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Threshold(_Frozen):
    """A rating past which another option ranks first."""

    value: float
    first: str
    """The option that ranks first past it."""


class Pivot(_Frozen):
    """An argument on which the first-ranked option turns."""

    argument: str
    number: str
    weight: float
    """Its rating now."""
    without: str | None
    """The option that would rank first without it (None: the same as now)."""
    below: Threshold | None
    """Rated below ``below.value``, ``below.first`` would rank first."""
    above: Threshold | None
    """Rated above ``above.value``, ``above.first`` would rank first."""

    @property
    def distance(self) -> float:
        """The smallest change of its rating that matters (2 when only removal does)."""
        moves = [abs(t.value - self.weight) for t in (self.below, self.above) if t]
        return min(moves, default=2.0)


class Crux(_Frozen):
    """Arguments on whose ratings two actors part ways."""

    actor: str
    """Whose ratings are applied…"""
    other: str
    """…to whose: with them, ``other`` would rank ``first`` first, as ``actor`` does."""
    arguments: tuple[str, ...]
    ratings: dict[str, tuple[float | None, float | None]]
    """Argument → (``actor``'s rating, ``other``'s rating), each None where that actor
    gave none (its evaluation then keeps the author's: see ``values``)."""
    first: str
    values: dict[str, tuple[float, float]] = Field(default_factory=dict)
    """Argument → the two ratings each evaluation used (the author's where one is None in
    ``ratings``)."""


def _moved(
    values: Mapping[str, object], origin: Mapping[str, object]
) -> Mapping[str, object] | None:
    """The values a state rebased from ``origin`` laid over it (None: it may have moved
    them all)."""
    if values is origin:
        return {}
    return values.maps[0] if isinstance(values, ChainMap) else None


class Ranker:
    """The first-ranked option of states rebased from one ``origin``: only the options
    a change reaches are judged again."""

    def __init__(self, s: Structure, origin: State, standard: Standard, budget: Budget) -> None:
        self.s, self.origin, self.standard, self.budget = s, origin, standard, budget
        self.keys = {p: judge(s, origin, p, standard).key(origin, s.place[p]) for p in s.positions}
        self.top = min(s.positions, key=self.keys.__getitem__) if s.positions else None

    def judge(self, state: State, option: str) -> Judgement:
        return judge(self.s, state, option, self.standard)

    def first(self, state: State) -> str | None:
        if state is self.origin:
            return self.top
        s = self.s
        reached: set[str] = set()
        moved = [
            _moved(state.labels, self.origin.labels),
            _moved(state.strengths, self.origin.strengths),
        ]
        if any(m is None for m in moved):
            reached.update(s.positions)
        else:
            for overlay in moved:
                assert overlay is not None
                for node in overlay:
                    if node in s.position_set:
                        reached.add(node)
                    reached.update(s.options_of.get(node, ()))
        if state.removed is not None:
            reached.update(s.options_of.get(state.removed, ()))
        cost, reads = s.judging_cost, s.strength_reads
        strengths = moved[1]
        self.budget.spent += (
            sum(reads[n] for n in strengths)
            if strengths is not None
            else sum(reads.values()) * state.iterations  # a whole evaluation (cycles)
        ) + sum(cost[p] for p in reached)
        if not reached:
            return self.top
        keys = dict(self.keys)
        for p in reached:
            keys[p] = judge(s, state, p, self.standard).key(state, s.place[p])
        return min(s.positions, key=keys.__getitem__)


def pivots(
    s: Structure, state: State, standard: Standard, numbers: Mapping[str, str], budget: Budget
) -> tuple[tuple[Pivot, ...], int]:
    """Every argument on which the first-ranked option turns, the smallest change first,
    and how many arguments were examined (all of them, unless ``budget`` ran out)."""
    if len(s.positions) < 2:
        return (), len(s.arguments)
    ranker = Ranker(s, state, standard, budget)
    top = ranker.top
    found: list[Pivot] = []
    examined = 0
    for argument in sorted(s.arguments, key=lambda a: _outline_key(numbers.get(a, ""))):
        if budget.exhausted:
            break
        examined += 1
        # removal is evaluated where strengths are exact (no cycle of supports and attacks)
        without = ranker.first(rebase(s, state, {}, removed=argument)) if s.acyclic else top
        weight = state.base[argument]
        below = above = None
        for end in (0.0, 1.0):
            if end == weight or budget.exhausted:
                continue
            moved = ranker.first(rebase(s, state, {argument: end}))
            if moved != top:
                threshold = _bisect(ranker, argument, changed=end, same=weight)
                if end < weight:
                    below = threshold
                else:
                    above = threshold
        if without != top or below or above:
            found.append(
                Pivot(
                    argument=argument,
                    number=numbers.get(argument, argument),
                    weight=weight,
                    without=without if without != top else None,
                    below=below,
                    above=above,
                )
            )
    ordered = sorted(found, key=lambda p: (round(p.distance, 9), _outline_key(p.number)))
    return tuple(ordered), examined


def _bisect(ranker: Ranker, argument: str, *, changed: float, same: float) -> Threshold:
    """The rating between ``same`` (first option as now) and ``changed`` (another first)
    where the first option changes, and the option that is first past it."""
    s, origin, top = ranker.s, ranker.origin, ranker.top
    for _ in range(BISECTIONS):
        if ranker.budget.exhausted:  # a wider bracket, still on the side that changes
            break
        middle = (changed + same) / 2
        if ranker.first(rebase(s, origin, {argument: middle})) != top:
            changed = middle
        else:
            same = middle
    first = ranker.first(rebase(s, origin, {argument: changed}))
    assert first is not None
    return Threshold(value=round(changed, 6), first=first)


def _outline_key(number: str) -> tuple[int, ...]:
    return tuple(int(part) for part in number.split(".") if part.isdigit())


def cruxes(
    s: Structure,
    states: Mapping[str, State],
    weights: Mapping[str, Mapping[str, float]],
    standard: Standard,
    numbers: Mapping[str, str],
    budget: Budget,
) -> tuple[Crux, ...]:
    """For every pair of actors (``states``: each one's evaluation, in file order) whose
    first-ranked options differ, the smallest sets of differently rated arguments that
    account for it, in both directions (as far as ``budget`` goes)."""
    rankers = {actor: Ranker(s, state, standard, budget) for actor, state in states.items()}
    actors = list(states)
    found: list[Crux] = []
    for i, one in enumerate(actors):
        for two in actors[i + 1 :]:
            if rankers[one].top == rankers[two].top or budget.exhausted:
                continue
            rated = dict.fromkeys(
                sorted(
                    {*weights[one], *weights[two]}, key=lambda a: _outline_key(numbers.get(a, ""))
                )
            )
            differ = [
                a
                for a in rated
                if a in states[one].base and states[one].base[a] != states[two].base[a]
            ]
            for actor, other in ((one, two), (two, one)):
                given = (weights[actor], weights[other])
                found.extend(
                    _cruxes(s, rankers[actor], rankers[other], differ, (actor, other), given)
                )
    return tuple(found)


def _cruxes(
    s: Structure,
    mine: Ranker,
    theirs: Ranker,
    differ: Sequence[str],
    pair: tuple[str, str],
    given: tuple[Mapping[str, float], Mapping[str, float]],
) -> list[Crux]:
    """The smallest sets of ``actor``'s ratings that make ``other`` rank ``actor``'s
    first option first (``pair`` is (actor, other), ``given`` their own ratings)."""
    actor, other = pair
    goal = mine.top
    assert goal is not None
    rating = mine.origin.base
    origin = theirs.origin

    def reaches(ids: Sequence[str]) -> bool:
        return theirs.first(rebase(s, origin, {a: rating[a] for a in ids})) == goal

    def gap(a: str) -> float:
        return abs(rating[a] - origin.base[a])

    # one rating can only make ``goal`` first by moving ``goal`` or the option now first
    relevant = {goal, theirs.top}
    singles = [a for a in differ if relevant & s.reach(a) and reaches((a,))]
    if singles:
        sets: list[tuple[str, ...]] = [(a,) for a in sorted(singles, key=lambda a: -gap(a))]
    else:
        chosen: list[str] = []
        for a in sorted(differ, key=lambda a: (not relevant & s.reach(a), -gap(a))):
            chosen.append(a)
            if reaches(chosen):
                break
        else:
            return []  # no set of these ratings moves it (cannot happen: all of them do)
        pruned = True
        while pruned:  # take out every difference that is not needed, until each one is
            pruned = False
            for a in reversed(list(chosen)):
                rest = [b for b in chosen if b != a]
                if rest and reaches(rest):
                    chosen, pruned = rest, True
        sets = [tuple(chosen)]
    return [
        Crux(
            actor=actor,
            other=other,
            arguments=ids,
            ratings={a: (given[0].get(a), given[1].get(a)) for a in ids},
            values={a: (rating[a], origin.base[a]) for a in ids},
            first=goal,
        )
        for ids in sets
    ]
