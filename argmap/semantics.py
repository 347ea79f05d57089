"""Abstract argumentation: which arguments stand, on plain graphs of names.

- :func:`grounded`: Dung's grounded labelling (in, out, undecided), in linear time.
- :func:`alternatives`: preferred and stable extensions where the grounded view is
  undecided, found per strongly connected component of the undecided part (each solved
  given the labels of the components that attack it), with caps that turn a blow-up into
  a clear message instead of a hang.
- :func:`df_quad`: the DF-QuAD gradual strength over supports and attacks, exact on acyclic
  graphs and a damped iteration with a tolerance and a cap on cyclic ones.

A framework is a set of nodes and, for each node, the nodes that attack it.
"""

from __future__ import annotations

from collections import ChainMap, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Final, cast

from argmap.graph import strongly_connected

MAX_COMPONENT: Final = 12
"""The largest undecided component whose labellings are enumerated (3**12 candidates)."""
MAX_LABELLINGS: Final = 4096
"""The most complete labellings of the undecided part argmap enumerates."""


class Label(StrEnum):
    """An argument's status."""

    IN = "in"
    OUT = "out"
    UNDECIDED = "undecided"


Attackers = Mapping[str, Iterable[str]]


def grounded(nodes: Iterable[str], attackers: Attackers) -> dict[str, Label]:
    """The grounded labelling: in when every attacker is out, out when an attacker is in,
    undecided when neither can be settled (odd and unresolved even cycles)."""
    order = list(dict.fromkeys(nodes))
    members = set(order)
    targets: dict[str, list[str]] = defaultdict(list)
    pending: dict[str, int] = {}
    for node in order:
        live = {a for a in attackers.get(node, ()) if a in members}
        pending[node] = len(live)
        for attacker in live:
            targets[attacker].append(node)
    label: dict[str, Label] = {}
    _settle([n for n in order if pending[n] == 0], label, targets, pending)
    return {n: label.get(n, Label.UNDECIDED) for n in order}


def _settle(
    queue: list[str],
    label: dict[str, Label],
    targets: Mapping[str, list[str]],
    pending: dict[str, int],
) -> None:
    """Label in what nothing undefeated attacks, out what they attack, and so on: the
    grounded propagation from the nodes in ``queue``."""
    while queue:
        node = queue.pop()
        if node in label:
            continue
        label[node] = Label.IN
        for target in targets.get(node, ()):
            if target in label:
                continue
            label[target] = Label.OUT
            for further in targets.get(target, ()):
                pending[further] -= 1
                if pending[further] == 0 and further not in label:
                    queue.append(further)


def grounded_update(
    previous: Mapping[str, Label],
    attackers: Attackers,
    changed: Iterable[str],
    downstream: Mapping[str, Iterable[str]],
) -> dict[str, Label]:
    """The grounded labelling after the attackers of the nodes in ``changed`` changed,
    from the labelling before: only the nodes downstream of them are labelled again.

    A node's grounded label depends only on the labels of its attackers, so nothing
    upstream of a change can move. ``downstream[n]`` must name every node that ``n`` may
    attack (a superset is fine: more is labelled again, nothing goes wrong). The result
    is the labelling :func:`grounded` gives for ``attackers``, in time proportional to
    the part of the graph below the change.
    """
    return {**previous, **grounded_cone(previous, attackers, changed, downstream)}


def grounded_cone(
    previous: Mapping[str, Label],
    attackers: Attackers,
    changed: Iterable[str],
    downstream: Mapping[str, Iterable[str]],
) -> dict[str, Label]:
    """The labels :func:`grounded_update` gives the nodes downstream of ``changed`` (the
    only ones that can move), without copying the rest: for a caller that lays them
    over ``previous``."""
    cone: set[str] = set()
    stack = [n for n in changed if n in previous]
    while stack:
        node = stack.pop()
        if node in cone:
            continue
        cone.add(node)
        stack.extend(t for t in downstream.get(node, ()) if t in previous and t not in cone)
    if not cone:
        return {}
    pending: dict[str, int] = {}
    targets: dict[str, list[str]] = defaultdict(list)
    label: dict[str, Label] = {}
    for node in cone:
        count = 0
        for attacker in set(attackers.get(node, ())):
            if attacker in cone:
                count += 1
                targets[attacker].append(node)
            elif attacker not in previous:
                continue
            elif previous[attacker] is Label.IN:
                label[node] = Label.OUT  # beaten from outside the change
            elif previous[attacker] is Label.UNDECIDED:
                count += 1  # an open attacker outside: never settled from here
        pending[node] = count
    queue = [n for n in cone if pending[n] == 0 and n not in label]
    beaten = [n for n, lab in label.items() if lab is Label.OUT]
    for node in beaten:  # what an outside winner beats frees what it attacked
        for further in targets[node]:
            pending[further] -= 1
            if pending[further] == 0 and further not in label:
                queue.append(further)
    _settle(queue, label, targets, pending)
    return {node: label.get(node, Label.UNDECIDED) for node in cone}


@dataclass(frozen=True)
class Alternatives:
    """Preferred and stable extensions (as sets of accepted nodes), or why not."""

    preferred: tuple[frozenset[str], ...]
    stable: tuple[frozenset[str], ...]
    too_large: str | None = None
    """Set when the undecided part was too large to enumerate; the lists are then empty."""


def alternatives(
    nodes: Iterable[str], attackers: Attackers, ground: Mapping[str, Label] | None = None
) -> Alternatives:
    """Preferred and stable extensions, extending the grounded labelling (``ground``, if
    the caller has it already)."""
    order = list(dict.fromkeys(nodes))
    members = set(order)
    attacks = {n: [a for a in dict.fromkeys(attackers.get(n, ())) if a in members] for n in order}
    base = dict(ground) if ground is not None else grounded(order, attacks)
    accepted = frozenset(n for n, lab in base.items() if lab is Label.IN)
    open_nodes = [n for n in order if base[n] is Label.UNDECIDED]
    if not open_nodes:
        return Alternatives((accepted,), (accepted,))
    targets: dict[str, list[str]] = defaultdict(list)
    for node in open_nodes:
        for attacker in attacks[node]:
            if attacker in base and base[attacker] is Label.UNDECIDED:
                targets[attacker].append(node)
    graph = {n: targets[n] for n in open_nodes}
    components = list(reversed(strongly_connected(graph)))  # attackers before targets
    largest = max(len(c) for c in components)
    if largest > MAX_COMPONENT:
        return Alternatives((), (), _too_large(largest, "arguments in one cycle"))
    labellings: list[dict[str, Label]] = [dict(base)]
    for component in components:
        extended: list[dict[str, Label]] = []
        for labelling in labellings:
            extended.extend(_component_labellings(component, attacks, labelling))
            if len(extended) > MAX_LABELLINGS:
                return Alternatives((), (), _too_large(len(extended), "ways to settle the cycles"))
        labellings = extended
    ins = [frozenset(n for n, lab in lab_.items() if lab is Label.IN) for lab_ in labellings]
    unique = sorted(set(ins), key=lambda s: (len(s), sorted(s)))
    preferred = tuple(s for s in unique if not any(s < other for other in unique))
    stable = tuple(
        frozenset(n for n, lab in lab_.items() if lab is Label.IN)
        for lab_ in labellings
        if Label.UNDECIDED not in lab_.values()
    )
    return Alternatives(preferred, tuple(sorted(set(stable), key=sorted)))


def _too_large(size: int, what: str) -> str:
    return (
        f"the undecided part has {size:,} {what}, more than argmap enumerates "
        f"(at most {MAX_COMPONENT} arguments per cycle, {MAX_LABELLINGS:,} settlements); "
        "the grounded verdict stands, and the alternatives are not listed"
    )


def _component_labellings(
    component: list[str], attacks: Mapping[str, list[str]], fixed: dict[str, Label]
) -> list[dict[str, Label]]:
    """Every complete labelling of one component, given the labels of all its attackers
    outside it: a search that labels one node at a time and checks each node as soon as
    it and its attackers have labels, so it abandons a dead end early (a cycle of 12 has
    3**12 candidates but only a few labellings)."""
    position = {node: i for i, node in enumerate(component)}
    checks: list[list[str]] = [[] for _ in component]  # nodes checkable once i is labelled
    for node in component:
        inside = [position[a] for a in attacks[node] if a in position]
        checks[max([position[node], *inside])].append(node)
    out: list[dict[str, Label]] = []
    trial = dict(fixed)
    choices = (Label.IN, Label.OUT, Label.UNDECIDED)

    def label(i: int) -> None:
        if i == len(component):
            out.append(dict(trial))
            return
        for choice in choices:
            trial[component[i]] = choice
            if all(_legal(node, attacks[node], trial) for node in checks[i]):
                label(i + 1)
        del trial[component[i]]

    label(0)  # as deep as the component is large: at most MAX_COMPONENT
    return out


def _legal(node: str, attackers: list[str], labels: Mapping[str, Label]) -> bool:
    """Whether ``node``'s label is the one a complete labelling requires."""
    some_in = any(labels[a] is Label.IN for a in attackers)
    all_out = all(labels[a] is Label.OUT for a in attackers)
    label = labels[node]
    if label is Label.IN:
        return all_out
    if label is Label.OUT:
        return some_in
    return not some_in and not all_out


@dataclass(frozen=True)
class Strengths:
    """DF-QuAD strengths and whether the computation settled."""

    values: dict[str, float]
    converged: bool
    iterations: int


def _aggregate(values: Iterable[float]) -> float:
    product = 1.0
    for v in values:
        product *= 1.0 - v
    return 1.0 - product


def _combine(base: float, attack: float, support: float) -> float:
    if attack >= support:
        return base - base * (attack - support)
    return base + (1.0 - base) * (support - attack)


@dataclass(frozen=True)
class StrengthGraph:
    """What DF-QuAD needs that no base score changes: who bears on whom, and the order to
    evaluate in. Made once per debate; each perspective only brings its base scores."""

    nodes: tuple[str, ...]
    attack_of: dict[str, list[str]]
    support_of: dict[str, list[list[str]]]
    order: tuple[str, ...] | None
    """Every node after everything that bears on it, or None when the graph has cycles."""
    bears_on: dict[str, list[str]]
    """Node → the nodes it attacks or supports (whose strength it enters)."""
    place: dict[str, int]
    """Node → its place in ``order`` (empty when the graph has cycles)."""


def prepare_strengths(
    nodes: Iterable[str],
    attackers: Mapping[str, Iterable[str]],
    supporters: Mapping[str, Iterable[Iterable[str]]],
) -> StrengthGraph:
    """The graph DF-QuAD evaluates: ``supporters[n]`` lists groups, a group of several
    nodes being one reason made of co-premises, as strong as its weakest member."""
    members = tuple(dict.fromkeys(nodes))
    known = set(members)
    attack_of = {n: [a for a in attackers.get(n, ()) if a in known] for n in members}
    support_of: dict[str, list[list[str]]] = {}
    for n in members:
        groups = [[m for m in group if m in known] for group in supporters.get(n, ())]
        support_of[n] = [g for g in groups if g]
    bears_on: dict[str, list[str]] = defaultdict(list)
    waiting: dict[str, int] = {}
    for node in members:
        sources = dict.fromkeys([*attack_of[node], *(m for g in support_of[node] for m in g)])
        waiting[node] = len(sources)
        for source in sources:
            bears_on[source].append(node)
    # Kahn: each node after everything that bears on it; a cycle leaves nodes waiting
    ready = [n for n in members if waiting[n] == 0]
    order: list[str] = []
    while ready:
        node = ready.pop()
        order.append(node)
        for target in bears_on.get(node, ()):
            waiting[target] -= 1
            if waiting[target] == 0:
                ready.append(target)
    acyclic = len(order) == len(members)
    return StrengthGraph(
        members,
        attack_of,
        support_of,
        tuple(order) if acyclic else None,
        dict(bears_on),
        {n: i for i, n in enumerate(order)} if acyclic else {},
    )


def df_quad_update(
    base: Mapping[str, float], graph: StrengthGraph, previous: Strengths, changed: Iterable[str]
) -> Strengths:
    """DF-QuAD strengths after the base scores of ``changed`` moved, from the strengths
    before: on an acyclic graph only the nodes they bear on, directly or through others,
    are evaluated again (exactly as :func:`df_quad` would); with cycles, all of them."""
    if graph.order is None or not previous.converged:
        return df_quad(base, graph)
    cone = df_quad_cone(base, graph, previous.values, changed)
    if not cone:
        return previous
    return Strengths({**previous.values, **cone}, True, 1)


def df_quad_cone(
    base: Mapping[str, float],
    graph: StrengthGraph,
    previous: Mapping[str, float],
    changed: Iterable[str],
    removed: str | None = None,
) -> dict[str, float]:
    """The strengths :func:`df_quad_update` gives the nodes that ``changed`` bear on, on
    an acyclic graph, without copying the rest. ``removed`` is a node taken out of the
    debate: it enters no other node's strength (it counts as 0, and a group of
    co-premises it belongs to as 0: the reason fails without it)."""
    assert graph.order is not None, "an acyclic strength graph"
    cone: set[str] = set()
    stack = [n for n in changed if n in previous]
    if removed is not None:
        stack.append(removed)
    while stack:
        node = stack.pop()
        if node not in cone:
            cone.add(node)
            stack.extend(graph.bears_on.get(node, ()))
    sigma: dict[str, float] = {}
    value = ChainMap(sigma, cast("dict[str, float]", previous))
    attack_of, support_of = graph.attack_of, graph.support_of
    for node in sorted(cone, key=graph.place.__getitem__):
        if node == removed:
            sigma[node] = 0.0
            continue
        attack = _aggregate(value[a] for a in attack_of[node])
        support = _aggregate(min(value[m] for m in g) for g in support_of[node])
        sigma[node] = _combine(base[node], attack, support)
    return sigma


def df_quad(
    base: Mapping[str, float],
    attackers: Mapping[str, Iterable[str]] | StrengthGraph,
    supporters: Mapping[str, Iterable[Iterable[str]]] | None = None,
    *,
    tolerance: float = 1e-9,
    max_iterations: int = 1000,
    damping: float = 0.5,
) -> Strengths:
    """DF-QuAD strength of every node from its base score, its attackers and supporters
    (or a :class:`StrengthGraph` prepared once for many base scores).

    ``supporters[n]`` lists groups: a group of several nodes is one reason made of
    co-premises, as strong as its weakest member. On an acyclic graph the result is exact
    (nodes are evaluated after everything that bears on them); with cycles a damped
    iteration runs until no value moves by more than ``tolerance``, or reports that it
    did not converge.
    """
    if isinstance(attackers, StrengthGraph):
        graph = attackers
    else:
        graph = prepare_strengths(base, attackers, supporters or {})
    attack_of, support_of = graph.attack_of, graph.support_of

    def update(n: str, sigma: Mapping[str, float]) -> float:
        attack = _aggregate(sigma[a] for a in attack_of[n])
        support = _aggregate(min(sigma[m] for m in group) for group in support_of[n])
        return _combine(base[n], attack, support)

    nodes = graph.nodes
    if graph.order is not None:
        sigma: dict[str, float] = {}
        for node in graph.order:
            sigma[node] = update(node, sigma)
        return Strengths({n: sigma[n] for n in nodes}, True, 1)
    sigma = {n: base[n] for n in nodes}
    for iteration in range(1, max_iterations + 1):
        new = {n: sigma[n] + damping * (update(n, sigma) - sigma[n]) for n in nodes}
        moved = max(abs(new[n] - sigma[n]) for n in nodes)
        sigma = new
        if moved <= tolerance:
            return Strengths(sigma, True, iteration)
    return Strengths(sigma, False, max_iterations)
