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

from collections import defaultdict
from collections.abc import Mapping
from typing import Final

from pydantic import BaseModel, ConfigDict

from argmap._gc import collector_paused
from argmap.diagnostics import closest
from argmap.errors import UsageError
from argmap.evaluate import (
    ALPHA,
    BETA,
    DEFAULT_WEIGHT,
    GAMMA,
    STANDARD_NAMES,
    Judgement,
    Standing,
    State,
    Structure,
    evaluate,
    ranking,
    rebase,
    structure,
)
from argmap.index import Index, index
from argmap.model import Actor, Debate, Stance, Standard
from argmap.semantics import Label, alternatives
from argmap.sensitivity import WORK_LIMIT, Budget, Crux, Pivot, cruxes, pivots

__all__ = [
    "DEFAULT_WEIGHT",
    "Analysis",
    "Crux",
    "Pivot",
    "PositionResult",
    "Standing",
    "analyse",
    "rates_nothing",
]

AGREEMENT_FOR_COALITION: Final = 0.75
SENSITIVITY_LIMIT_CYCLIC: Final = 300
"""With cycles every candidate change is a whole evaluation: pivots and cruxes are searched
only in debates up to this many arguments (a note says so past it)."""


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
    """Ids of the objections that stand and defeat it (not those its rating outweighs)."""
    rank: int = 0
    """1 for the option best supported (see :func:`argmap.evaluate.ranking`)."""
    standing: Standing = Standing.UNARGUED
    meets_standard: bool = False
    """Whether it meets the debate's ``standard`` (preponderance unless it says)."""
    standing_reason: str = ""
    """The standing in words, with the arguments that decide it."""


class StanceConflict(_Frozen):
    """An option whose place in an actor's own weighing goes against the actor's stance
    on it: first though it opposes it, or last though it supports it."""

    option: str
    stance: Stance
    rank: int


class StakeholderView(_Frozen):
    """The verdict on each option when the map is weighed as one actor weighs it."""

    actor: str
    name: str
    positions: dict[str, tuple[Label, float]]
    first: str | None = None
    """The option this actor's weights rank first."""
    ranking: tuple[str, ...] = ()
    """Option ids as this actor's weights rank them, the first first."""
    rated: int = 0
    """How many of the map's arguments this actor rates; the others keep the author's
    ratings."""
    arguments: int = 0
    """How many arguments the map has."""
    stance_conflicts: tuple[StanceConflict, ...] = ()
    """Options its weights rank first though it opposes them, or last though it supports
    them."""


class RecommendationCheck(_Frozen):
    """The author's recommended option (``recommends``) beside the computed ranking."""

    option: str
    rank: int
    agrees: bool
    """Whether the recommended option ranks first."""
    argument: str | None
    """The argument that makes the difference, when it does not."""
    note: str
    """In words, for the brief: said next to the recommendation, never instead of it."""


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
    standard: Standard = Standard.PREPONDERANCE
    ranking: tuple[str, ...] = ()
    """Option ids, the best supported first."""
    pivots: tuple[Pivot, ...] = ()
    cruxes: tuple[Crux, ...] = ()
    recommendation: RecommendationCheck | None = None


def _reason(
    ident: str,
    label: Label,
    fw: State,
    numbers: Mapping[str, str],
    undercutters: Mapping[str, set[str]],
) -> str:
    labels = fw.labels
    attacked = fw.attackers.get(ident)
    if not attacked and label is Label.IN and not fw.failed.get(ident):
        return "in: not attacked"  # most arguments: said without sorting nothing

    def name(x: str) -> str:
        return numbers.get(x, x)

    attackers = sorted(attacked or (), key=lambda x: numbers.get(x, x))
    failed = sorted(fw.failed.get(ident, ()), key=lambda x: numbers.get(x, x))
    if label is Label.OUT:
        winners = [a for a in attackers if labels[a] is Label.IN]
        cuts = [a for a in winners if a in undercutters.get(ident, ())]
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


def analyse(debate: Debate, perspective: str | None = None, *, search: bool = True) -> Analysis:
    """Evaluate a (checked) debate; ``perspective`` is an actor id whose weights to use.

    Each stakeholder with ``weights`` gets the verdict on every option as it weighs the
    map: the same structure evaluated with its base scores, not a second analysis.

    ``search=False`` leaves out what would change the answer (``pivots``, ``cruxes`` and
    the argument that separates the ranking from the author's recommendation): the
    evaluation alone, for callers that only need the verdicts.
    """
    with collector_paused():
        return _analyse(debate, perspective, search)


def _analyse(debate: Debate, perspective: str | None, search: bool) -> Analysis:
    idx = index(debate)
    actors = idx.actors
    if perspective is not None and perspective not in actors:
        close = closest(perspective, list(actors))
        hint = f"; did you mean '{close}'?" if close else ""
        raise UsageError(f"--as {perspective!r}: the debate has no such actor{hint}")
    unrated = rates_nothing(debate, perspective)
    notes = [f"{unrated}: these are the author's ratings"] if unrated else []
    tree = idx.tree
    numbers = tree.numbers
    s = structure(debate)
    standard = debate.standard or Standard.PREPONDERANCE
    author = evaluate(s, {})
    state = rebase(s, author, actors[perspective].weights) if perspective else author
    labels = state.labels
    alts = alternatives(s.nodes, state.attackers, labels)
    verdicts = tuple(
        Verdict(
            id=n,
            number=numbers[n],
            kind="argument",
            label=labels[n],
            strength=round(state.strengths[n], 6),
            reason=_reason(n, labels[n], state, numbers, s.undercutters),
        )
        for n in tree.order()
        if n in idx.arguments
    )
    order, judged = ranking(s, state, standard)
    rank = {p: i for i, p in enumerate(order, 1)}
    positions = tuple(
        _position(
            p.id,
            p.title or p.text,
            idx,
            state,
            numbers,
            judged[p.id],
            rank[p.id],
            standard,
            s.undercutters,
        )
        for p in debate.positions
    )
    weighted = [a for a in debate.actors if a.weights and perspective is None]
    states = {a.id: rebase(s, author, a.weights).flat() for a in weighted}
    stakeholders = tuple(_stakeholder(a, debate, s, states[a.id], standard) for a in weighted)
    searched = search and (s.acyclic or len(s.arguments) <= SENSITIVITY_LIMIT_CYCLIC)
    if search and not searched:
        notes.append(
            f"supports and attacks form a cycle and the map has {len(s.arguments):,} "
            f"arguments (more than {SENSITIVITY_LIMIT_CYCLIC}): what would change the answer "
            "(pivots, cruxes) is not computed"
        )
    if searched and not s.acyclic:
        notes.append(
            "supports and attacks form a cycle: pivots are found by changing ratings only "
            "(taking an argument out is not evaluated where strengths are approximate)"
        )
    budget = Budget(WORK_LIMIT // 2)  # half for the pivots, half for the cruxes
    found_pivots, examined = pivots(s, state, standard, numbers, budget) if searched else ((), 0)
    budget = Budget(WORK_LIMIT // 2)
    if examined < len(s.arguments) and searched:
        notes.append(
            f"what would change the answer was searched for {examined:,} of "
            f"{len(s.arguments):,} arguments (in outline order): the map's shape makes each "
            "change costly to evaluate, and the search stops at a fixed amount of work"
        )
    pairs = sum(1 for i, a in enumerate(weighted) for _ in weighted[i + 1 :])
    found_cruxes = (
        cruxes(s, states, {a.id: a.weights for a in weighted}, standard, numbers, budget)
        if searched
        else ()
    )
    if budget.exhausted and pairs:
        notes.append(
            "the cruxes between stakeholders may be incomplete: the search stopped at a "
            "fixed amount of work"
        )
    agreement, coalitions = _coalitions(debate)
    return Analysis(
        perspective=perspective,
        perspective_name=actors[perspective].name if perspective else None,
        notes=tuple(notes),
        arguments=verdicts,
        positions=positions,
        preferred=tuple(tuple(sorted(x, key=lambda x: numbers[x])) for x in alts.preferred),
        stable=tuple(tuple(sorted(x, key=lambda x: numbers[x])) for x in alts.stable),
        alternatives_note=alts.too_large,
        converged=state.converged,
        iterations=state.iterations,
        stakeholders=stakeholders,
        agreement=agreement,
        coalitions=coalitions,
        statistics=_statistics(debate, idx),
        standard=standard,
        ranking=tuple(order),
        pivots=found_pivots,
        cruxes=found_cruxes,
        recommendation=_recommendation(debate, order, judged, found_pivots, element_names(debate)),
    )


def _stakeholder(
    actor: Actor, debate: Debate, s: Structure, state: State, standard: Standard
) -> StakeholderView:
    """How ``actor`` weighs the map: each option's verdict, its ranking, how much of the
    map it rates, and where that ranking goes against its own stances."""
    order = tuple(ranking(s, state, standard)[0]) if debate.positions else ()
    conflicts = []
    for place, option in enumerate(order, 1):
        stance = actor.stances.get(option)
        opposed_first = place == 1 and stance is Stance.OPPOSES
        supported_last = place == len(order) > 1 and stance is Stance.SUPPORTS
        if opposed_first or supported_last:
            conflicts.append(StanceConflict(option=option, stance=stance, rank=place))
    return StakeholderView(
        actor=actor.id,
        name=actor.name,
        positions={
            p.id: (state.labels[p.id], round(state.strengths[p.id], 6)) for p in debate.positions
        },
        first=order[0] if order else None,
        ranking=order,
        rated=len(set(actor.weights).intersection(s.arguments)),
        arguments=len(debate.arguments),
        stance_conflicts=tuple(conflicts),
    )


def _position(
    ident: str,
    title: str,
    idx: Index,
    state: State,
    numbers: Mapping[str, str],
    judged: Judgement,
    rank: int,
    standard: Standard,
    undercutters: Mapping[str, set[str]],
) -> PositionResult:
    labels, strength = state.labels, state.strengths
    pros = idx.supporters.get(ident, [])
    cons = idx.attackers.get(ident, [])

    def strongest(ids: list[str]) -> str | None:
        return max(
            ids, key=lambda x: (strength[x], -int(numbers[x].replace(".", "") or 0)), default=None
        )

    defeats = state.attackers.get(ident, set())
    return PositionResult(
        id=ident,
        number=numbers[ident],
        title=title,
        label=labels[ident],
        strength=round(strength[ident], 6),
        reason=_reason(ident, labels[ident], state, numbers, undercutters),
        strongest_for=strongest(pros),
        strongest_against=strongest(cons),
        unanswered=tuple(c for c in cons if labels[c] is Label.IN and c in defeats),
        rank=rank,
        standing=judged.standing,
        meets_standard=judged.meets,
        standing_reason=standing_reason(judged, bool(cons), numbers, standard),
    )


def standing_reason(
    judged: Judgement, objected: bool, numbers: Mapping[str, str], standard: Standard
) -> str:
    """An option's standing in words, naming the arguments that decide it."""

    def name(ident: str | None, weight: float) -> str:
        return f"{numbers.get(ident or '', ident)} ({weight:.2f})"

    pro = name(judged.best_for, judged.for_weight) if judged.best_for else None
    con = name(judged.best_against, judged.against_weight) if judged.best_against else None
    standing = judged.standing
    if standing is Standing.UNARGUED:
        text = "no argument for or against it yet: a gap in the map, not a strength"
    elif standing is Standing.UNSUPPORTED:
        text = "no argument for it stands, and no objection does"
    elif standing is Standing.HOLDS:
        text = f"{pro} stands for it and " + (
            "every objection is answered" if objected else "nothing is argued against it"
        )
    elif standing is Standing.CONTESTED:
        text = f"the objection {con} stands, but {pro} for it weighs as much or more"
    else:
        text = f"the objection {con} stands and " + (
            f"weighs more than {pro} for it" if pro else "no argument for it stands"
        )
    if standing is not Standing.UNARGUED and not judged.meets:
        text += "; it does not meet the standard"
    return text


def requirement(standard: Standard) -> str:
    """What ``standard`` asks of an option, in words."""
    name = STANDARD_NAMES[standard]
    asks = (
        "the strongest argument for an option that stands must weigh more than the "
        "strongest against it"
    )
    if standard is not Standard.PREPONDERANCE:
        asks += f", more than {ALPHA:g}, and by more than {BETA:g}"
    if standard is Standard.BEYOND_REASONABLE_DOUBT:
        asks += f"; no objection that stands may weigh {GAMMA:g} or more"
    return f"{name}: {asks}"


def _recommendation(
    debate: Debate,
    order: list[str],
    judged: Mapping[str, Judgement],
    found: tuple[Pivot, ...],
    names: Mapping[str, str],
) -> RecommendationCheck | None:
    """The author's recommended option beside the ranking, and what makes the difference."""
    option = debate.recommends
    if option is None or option not in judged or not order:
        return None
    rank = order.index(option) + 1
    if rank == 1:
        return RecommendationCheck(
            option=option,
            rank=1,
            agrees=True,
            argument=None,
            note=f"The computed ranking agrees: {names[option]} ranks first.",
        )
    top = order[0]
    note = (
        f"The computed ranking differs: {names[top]} ranks first and the recommended "
        f"{names[option]} ranks {_ordinal(rank)}."
    )
    for pivot in found:  # the smallest change that puts the recommended option first
        change = pivot_phrase(pivot, names, option)
        if change:
            return RecommendationCheck(
                option=option,
                rank=rank,
                agrees=False,
                argument=pivot.argument,
                note=f"{note} {change[0].upper()}{change[1:]}.",
            )
    deciding = judged[option].best_against or judged[top].best_for
    if deciding is not None:
        role = "against it" if deciding == judged[option].best_against else f"for {names[top]}"
        note += (
            f" No single argument's rating changes that; the strongest argument {role} "
            f"is {names[deciding]}."
        )
    return RecommendationCheck(option=option, rank=rank, agrees=False, argument=deciding, note=note)


def pivot_phrase(pivot: Pivot, names: Mapping[str, str], option: str | None = None) -> str | None:
    """The smallest change of ``pivot`` that changes the first option (to ``option``,
    when given), in words (``names``: see :func:`element_names`); None when none does."""
    name = names.get(pivot.argument, pivot.argument)
    moves = sorted(
        (t for t in (pivot.below, pivot.above) if t and option in (None, t.first)),
        key=lambda t: abs(t.value - pivot.weight),
    )
    if moves:
        t = moves[0]
        side = "below" if t is pivot.below else "above"
        return (
            f"if {name} were rated {side} {t.value:.2f} (now {pivot.weight:.2f}), "
            f"{names.get(t.first, t.first)} would rank first"
        )
    if pivot.without and option in (None, pivot.without):
        return f"without {name}, {names.get(pivot.without, pivot.without)} would rank first"
    return None


def element_names(debate: Debate, *, full: bool = False) -> dict[str, str]:
    """How the words about pivots and cruxes name each element: "option 2 (Magnitsky
    sanctions)", "3.1 Harms the trade talks"; actors by name. A long text without a
    title is shortened at a word boundary, unless ``full``."""
    from argmap.exporters.encode import shorten  # the short titles every report uses

    def short(text: str) -> str:
        return text if full else shorten(text)

    numbers = index(debate).tree.numbers
    names = {p.id: f"option {numbers[p.id]} ({short(p.title or p.text)})" for p in debate.positions}
    names.update({a.id: f"{numbers[a.id]} {short(a.title or a.text)}" for a in debate.arguments})
    names.update({a.id: a.name for a in debate.actors})
    return names


class CruxSummary(_Frozen):
    """Where two stakeholders part ways, for a reader: one short sentence, then what
    each one's ratings would do and the ratings themselves."""

    headline: str
    details: tuple[str, ...]


def crux_summaries(
    cruxes: tuple[Crux, ...],
    names: Mapping[str, str],
    firsts: Mapping[str, str | None],
    numbers: Mapping[str, str],
) -> list[CruxSummary]:
    """The cruxes, each pair of stakeholders once (in the order found): "A puts option 1
    first and B option 2: they part ways on 2.3 and 3.1.", then, for each direction
    found, which of one's ratings would turn the other's first option, and each
    argument's two ratings, a rating not given said as such ("not rated: the author's
    0.50"). ``firsts``: each stakeholder's first option; ``numbers``: each argument's
    outline number."""
    pairs: dict[frozenset[str], list[Crux]] = {}
    for crux in cruxes:
        pairs.setdefault(frozenset((crux.actor, crux.other)), []).append(crux)
    summaries = []
    for found in pairs.values():
        one, two = found[0].actor, found[0].other

        def name(x: str | None) -> str:
            return names.get(x, x) if x else "none"

        arguments = list(dict.fromkeys(a for c in found for a in c.arguments))
        listed = _listed([name(a) for a in arguments])
        headline = (
            f"{name(one)} {_verb(name(one), 'puts', 'put')} {name(firsts.get(one))} first and "
            f"{name(two)} {name(firsts.get(two))}: they part ways on {listed}."
        )
        details = []
        for actor, other in ((one, two), (two, one)):
            sets = [c.arguments for c in found if c.actor == actor]
            if not sets:
                continue
            ways = ", or ".join(f"of {_listed([numbers.get(a, a) for a in ids])}" for ids in sets)
            rating = "ratings" if any(len(ids) > 1 for ids in sets) else "rating"
            details.append(
                f"With {_owner(name(actor))} {rating} {ways}, {name(other)} would put "
                f"{name(firsts.get(actor))} first."
            )
        for argument in arguments:
            crux = next(c for c in found if argument in c.arguments)
            (mine, theirs), (used_mine, used_theirs) = crux.ratings[argument], crux.values[argument]
            details.append(
                f"{name(argument)}: {name(crux.actor)} {_rating(mine, used_mine)}, "
                f"{name(crux.other)} {_rating(theirs, used_theirs)}."
            )
        summaries.append(CruxSummary(headline=headline, details=tuple(details)))
    return summaries


def _rating(given: float | None, used: float) -> str:
    """A stakeholder's rating of an argument, or that it gave none."""
    return f"{given:.2f}" if given is not None else f"not rated (the author's {used:.2f})"


def _listed(items: list[str]) -> str:
    """ "a", "a and b", "a, b and c"."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def stakeholder_notes(view: StakeholderView, names: Mapping[str, str]) -> list[str]:
    """What a reader must know of one stakeholder's verdicts, as one note: how much of
    the map it rates, and where its weighing goes against its own stances, in plain
    words ("… would put option 1 (Ban) first, although it opposes it")."""
    rate = _verb(view.name, "rates", "rate")
    said = f"{view.name} {rate} {view.rated} of {view.arguments} arguments"
    said += "; the others keep the author's ratings." if view.rated < view.arguments else "."
    if view.stance_conflicts:
        turns = []
        for conflict in view.stance_conflicts:
            option = names.get(conflict.option, conflict.option)
            place = "first" if conflict.rank == 1 else "last"
            verb = "opposes" if conflict.stance is Stance.OPPOSES else "supports"
            turns.append(f"{option} {place}, although {_it(view.name)} {verb} it")
        said += (
            f" By {_its(view.name)} weights alone, {_it(view.name)} would put "
            f"{', and '.join(turns)}."
        )
    return [said]


def _plural(name: str) -> bool:
    """Whether a stakeholder's name reads as plural ("UK mobile operators")."""
    last = name.rsplit(" ", 1)[-1]
    return last.endswith("s") and not last.endswith(("ss", "us", "is"))


def _verb(name: str, singular: str, plural: str) -> str:
    return plural if _plural(name) else singular


def _it(name: str) -> str:
    return "they" if _plural(name) else "it"


def _its(name: str) -> str:
    return "their" if _plural(name) else "its"


def _owner(name: str) -> str:
    """``name``'s, or ``name``' when it ends in s (the operators')."""
    return f"{name}'" if name.endswith("s") else f"{name}'s"


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


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
