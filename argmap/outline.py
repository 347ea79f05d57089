"""Outline numbers (``1``, ``1.2``, ``1.2.1``): one numbering that every output shares.

Positions are numbered ``1``, ``2``, … in file order. Each argument is numbered beneath
its *primary parent*, the first element it supports, attacks or undercuts (in that order
of fields, then file order), and siblings are numbered in file order. An argument that
targets several elements keeps one number; the other links are drawn as cross-links.
Arguments whose chain of primary parents never reaches a position (an attack cycle
standing on its own) continue the top-level numbering after the positions.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final

from argmap.errors import ArgmapError
from argmap.model import Argument, Debate


@dataclass(frozen=True)
class Outline:
    """Numbers and the tree they come from."""

    numbers: dict[str, str]
    """Element id → its outline number."""
    parent: dict[str, str | None]
    """Element id → the id of its primary parent (None for a top-level entry)."""
    children: dict[str | None, list[str]]
    """Element id (None for the top) → its children's ids, in number order."""

    def depth(self, ident: str) -> int:
        """1 for a top-level entry, 2 for its children, and so on."""
        return self.numbers[ident].count(".") + 1

    def subtree(self, ident: str) -> list[str]:
        """``ident`` and everything numbered beneath it, in outline order."""
        out: list[str] = []
        stack = [ident]
        while stack:
            node = stack.pop()
            out.append(node)
            stack.extend(reversed(self.children.get(node, [])))
        return out

    def order(self) -> list[str]:
        """Every element in outline order (1, 1.1, 1.1.1, 1.2, 2, …)."""
        out: list[str] = []
        for top in self.children.get(None, []):
            out.extend(self.subtree(top))
        return out


def primary_parent(argument: Argument) -> str | None:
    """The element an argument is numbered beneath: its first target."""
    targets = argument.targets
    return targets[0] if targets else None


MAX_LEVELS: Final = 100
"""The deepest outline argmap numbers: an argument 100 levels beneath its option (its
number alone would be 200 characters). Deeper chains are refused by the checks (E211):
numbers, drawings and briefs grow with the square of the depth."""


class TooDeepError(ArgmapError, ValueError):
    """A debate's outline is deeper than :data:`MAX_LEVELS` (``argmap check`` says where)."""


def parents(position_ids: Iterable[str], arguments: Iterable[Argument]) -> dict[str, str | None]:
    """Element id → its primary parent (None at the top): the tree the outline numbers."""
    arguments = list(arguments)
    positions = list(position_ids)
    known = set(positions) | {a.id for a in arguments}
    parent: dict[str, str | None] = dict.fromkeys(positions)
    for argument in arguments:
        first = primary_parent(argument)
        parent[argument.id] = first if first in known and first != argument.id else None
    # an argument that reaches no position through its parents becomes a top-level entry
    rooted: dict[str, bool] = dict.fromkeys(positions, True)
    for argument in arguments:
        chain: list[str] = []
        node: str | None = argument.id
        while node is not None and node not in rooted and node not in chain:
            chain.append(node)
            node = parent[node]
        reached = node is not None and rooted.get(node, False)
        for member in chain:
            rooted[member] = reached
    for ident, is_rooted in rooted.items():
        if not is_rooted:
            parent[ident] = None
    return parent


def levels(parent: dict[str, str | None]) -> dict[str, int]:
    """Element id → its level in the tree of ``parent`` (1 at the top), without recursion."""
    level: dict[str, int] = {}
    for start in parent:
        chain: list[str] = []
        node: str | None = start
        while node is not None and node not in level:
            chain.append(node)
            node = parent.get(node)
        depth = 0 if node is None else level[node]
        for member in reversed(chain):
            depth += 1
            level[member] = depth
    return level


def outline(debate: Debate) -> Outline:
    """Number every position and argument of a (checked) debate.

    Raises :class:`TooDeepError` for a debate deeper than :data:`MAX_LEVELS`, which
    ``argmap check`` reports (E211) and loading refuses.
    """
    parent = parents([p.id for p in debate.positions], debate.arguments)
    children: dict[str | None, list[str]] = defaultdict(list)
    for position in debate.positions:
        children[None].append(position.id)
    for argument in debate.arguments:
        children[parent[argument.id]].append(argument.id)
    numbers: dict[str, str] = {}
    stack: list[tuple[str, str, int]] = [
        (ident, str(n), 1) for n, ident in reversed(list(enumerate(children[None], 1)))
    ]
    while stack:
        ident, number, depth = stack.pop()
        if depth > MAX_LEVELS:
            raise TooDeepError(
                f"'{ident}' is more than {MAX_LEVELS} levels deep; run 'argmap check' for where"
            )
        numbers[ident] = number
        kids = children.get(ident, [])
        stack.extend(
            (kid, f"{number}.{n}", depth + 1) for n, kid in reversed(list(enumerate(kids, 1)))
        )
    return Outline(numbers, parent, dict(children))


def co_premise_groups(debate: Debate) -> dict[str, tuple[str, ...]]:
    """Argument id → the ids of every argument it is a co-premise with, for any target
    (``linked_with``, taken both ways and transitively), in file order; an argument
    without co-premises is a group of one. An attack on one of them is an attack on all
    the reasons they make together; where a premise takes part in several inferences,
    :func:`relation_groups` has each one's own group."""
    joined = [(a.id, partner) for a in debate.arguments for _, _, partner in a.linked_pairs()]
    return _partition([a.id for a in debate.arguments], joined)


def relation_groups(debate: Debate) -> dict[tuple[str, str], tuple[str, ...]]:
    """(argument id, target id) → the co-premises that hold that target jointly, the
    argument included, in file order (``linked_with`` for that target, taken both ways
    and transitively among the arguments that name the target); a link without
    co-premises is a group of one."""
    relating: dict[str, list[str]] = defaultdict(list)
    for a in debate.arguments:
        for target in dict.fromkeys(a.targets):
            relating[target].append(a.id)
    by_id = {a.id: a for a in debate.arguments}
    groups: dict[tuple[str, str], tuple[str, ...]] = {}
    for target, members in relating.items():
        joined = [(m, partner) for m in members for partner in by_id[m].linked_for(target)]
        for m, group in _partition(members, joined).items():
            groups[(m, target)] = group
    return groups


def _partition(members: list[str], joined: list[tuple[str, str]]) -> dict[str, tuple[str, ...]]:
    """Each member → the members it is joined with, taken both ways and transitively, in
    the order of ``members`` (one tuple per group, shared); pairs naming a non-member
    are ignored."""
    root = {m: m for m in members}
    for one, other in joined:
        if one in root and other in root:
            root[_find(root, one)] = _find(root, other)
    together: dict[str, list[str]] = defaultdict(list)
    for m in members:
        together[_find(root, m)].append(m)
    shared = {head: tuple(group) for head, group in together.items()}
    return {m: shared[_find(root, m)] for m in members}


def _find(root: dict[str, str], x: str) -> str:
    """The representative of ``x``'s set (union-find, with path halving)."""
    while root[x] != x:
        root[x] = root[root[x]]
        x = root[x]
    return x
