"""Facts derived from a debate once, and shared by everything that reads it.

Outline numbers, co-premise groups, the DOT names of nodes, elements by id, and the
reverse links (who supports, attacks and undercuts each element; which arguments each
actor advances) are computed the first time a consumer asks for them, and kept with the
debate, so a view, a split into 200 maps, a brief and an analysis of the same debate
share one copy. Every fact is computed in time linear in the debate.

A debate is immutable, so what is derived from it stays true. The index is kept on the
debate object and checked against the identity of its element lists: a copy made with
other elements (``model_copy(update=…)``) gets an index of its own.
"""

from __future__ import annotations

import weakref
from collections import defaultdict
from functools import cached_property

from argmap.model import Actor, Argument, Debate, Position
from argmap.outline import Outline, co_premise_groups, outline, relation_groups


class Index:
    """What is derived from one debate; each part computed on first use.

    The debate keeps its index, and the index refers to its debate weakly: with a strong
    reference each way, a debate no longer used (the version an editor replaced) would be
    freed only by a full pass of the cycle collector over every object of the process,
    not at once by reference counting."""

    def __init__(self, debate: Debate) -> None:
        self._debate = weakref.ref(debate)
        self.extra: dict[str, object] = {}
        """Structures a consumer derives once per debate (the evaluation's, say)."""

    @property
    def debate(self) -> Debate:
        debate = self._debate()
        if debate is None:  # pragma: no cover - an index is asked only beside its debate
            raise RuntimeError("the debate this index was made from is no longer there")
        return debate

    @cached_property
    def tree(self) -> Outline:
        """The outline: numbers, primary parents and children."""
        return outline(self.debate)

    @cached_property
    def subtree_sizes(self) -> dict[str, int]:
        """Element id → how many elements its branch of the outline holds, itself included."""
        tree = self.tree
        sizes: dict[str, int] = {}
        for ident in reversed(tree.order()):  # children before their parents
            sizes[ident] = 1 + sum(sizes[kid] for kid in tree.children.get(ident, []))
        return sizes

    @cached_property
    def groups(self) -> dict[str, tuple[str, ...]]:
        """Argument id → its co-premise group (one tuple per group, shared)."""
        return co_premise_groups(self.debate)

    @cached_property
    def relation_groups(self) -> dict[tuple[str, str], tuple[str, ...]]:
        """(argument id, target id) → the co-premises that hold that target jointly."""
        return relation_groups(self.debate)

    def group(self, argument: str, target: str) -> tuple[str, ...]:
        """The co-premises with which ``argument`` holds ``target`` (itself included)."""
        return self.relation_groups.get((argument, target), (argument,))

    @cached_property
    def names(self) -> dict[str, str]:
        """The synthetic DOT node name of every position and argument (``p1``, ``a3`` …)."""
        names = {p.id: f"p{n}" for n, p in enumerate(self.debate.positions, 1)}
        names.update({a.id: f"a{n}" for n, a in enumerate(self.debate.arguments, 1)})
        return names

    @cached_property
    def by_name(self) -> dict[str, str]:
        """DOT node name → the id of the element it draws."""
        return {name: ident for ident, name in self.names.items()}

    @cached_property
    def file_order(self) -> dict[str, int]:
        """Element id → its place in the file (positions first, then arguments)."""
        order = {p.id: n for n, p in enumerate(self.debate.positions)}
        start = len(order)
        order.update({a.id: start + n for n, a in enumerate(self.debate.arguments)})
        return order

    @cached_property
    def positions(self) -> dict[str, Position]:
        """Positions by id."""
        return {p.id: p for p in self.debate.positions}

    @cached_property
    def arguments(self) -> dict[str, Argument]:
        """Arguments by id."""
        return {a.id: a for a in self.debate.arguments}

    @cached_property
    def actors(self) -> dict[str, Actor]:
        """Actors by id."""
        return {a.id: a for a in self.debate.actors}

    @cached_property
    def supporters(self) -> dict[str, list[str]]:
        """Element id → the arguments that support it, in file order."""
        return self._reverse("supports")

    @cached_property
    def attackers(self) -> dict[str, list[str]]:
        """Element id → the arguments that attack it, in file order."""
        return self._reverse("attacks")

    @cached_property
    def undercutters(self) -> dict[str, list[str]]:
        """Argument id → the arguments that undercut its inference, in file order."""
        return self._reverse("undercuts")

    @cached_property
    def advanced_by(self) -> dict[str, list[str]]:
        """Actor id → the arguments it advances, in file order."""
        found: dict[str, list[str]] = defaultdict(list)
        for a in self.debate.arguments:
            for actor in dict.fromkeys(a.by):
                found[actor].append(a.id)
        return dict(found)

    def _reverse(self, field: str) -> dict[str, list[str]]:
        found: dict[str, list[str]] = defaultdict(list)
        for a in self.debate.arguments:
            for target in dict.fromkeys(getattr(a, field)):
                found[target].append(a.id)
        return dict(found)


def index(debate: Debate) -> Index:
    """The debate's index, made on first use and kept with the debate."""
    key = (id(debate.positions), id(debate.arguments), id(debate.actors), id(debate.sources))
    kept = debate._index
    if isinstance(kept, tuple) and kept[0] == key:
        found: Index = kept[1]
        return found
    made = Index(debate)
    debate._index = (key, made)
    return made
