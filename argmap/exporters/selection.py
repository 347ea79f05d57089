"""What a view of a map shows: the elements drawn and what is left out beneath them.

A view is a :class:`~argmap.exporters.options.DiagramOptions`: the whole map, a
position's branch, a focus and its depth, the branches of a page, an actor's or a tag's
arguments, the first levels. :func:`select` is the one place that decides, for the DOT
writer, the page planner and the deck alike.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from argmap.exporters.options import DiagramOptions
from argmap.index import index
from argmap.model import Debate
from argmap.outline import Outline


@dataclass
class Selection:
    shown: set[str]
    hidden_beneath: dict[str, int] = field(default_factory=dict)
    note: str | None = None
    whole: bool = False
    """Everything is shown."""
    context: set[str] = field(default_factory=set)
    """With ``compact_context``: the focus's ancestors, drawn as one-line signposts."""


def select(debate: Debate, tree: Outline, options: DiagramOptions) -> Selection:
    """Which positions and arguments to draw, and how many are left out beneath each.

    Each constraint narrows the set it is given, starting from the smallest (a position's
    branch, a focus), so a view costs what it shows, not what the debate holds.
    """
    idx = index(debate)
    total = len(tree.numbers)
    shown: set[str] | None = None  # None: everything
    reasons: list[str] = []
    if options.position is not None:
        shown = set(tree.subtree(options.position))
        reasons.append(f"position {tree.numbers[options.position]}")
    context: set[str] = set()
    if options.focus is not None:
        base = tree.depth(options.focus)
        limit = None if options.depth is None else base + options.depth
        keep = {i for i in tree.subtree(options.focus) if limit is None or tree.depth(i) <= limit}
        above = ancestors(tree, options.focus) if options.ancestors else set()
        keep |= above
        shown = keep if shown is None else shown & keep
        if options.compact_context:
            context = above & shown
        reasons.append(f"focus on {tree.numbers[options.focus]}")
    if options.branches is not None:
        keep, above = set(), set()
        for root, levels in options.branches:
            limit = None if levels is None else tree.depth(root) + levels
            keep |= {i for i in tree.subtree(root) if limit is None or tree.depth(i) <= limit}
            if options.ancestors:
                above |= ancestors(tree, root)
        above -= keep
        shown = (keep | above) if shown is None else shown & (keep | above)
        if options.compact_context:
            context = above & shown
    if options.children is not None:
        pool: set[str] = set(tree.numbers) if shown is None else shown
        for kid in tree.children.get(options.focus, []):
            if kid not in options.children:
                pool -= set(tree.subtree(kid))
        shown = pool
    if options.actor is not None:
        mine = set(idx.advanced_by.get(options.actor, ()))
        keep = mine | {x for i in mine for x in ancestors(tree, i)}
        shown = keep if shown is None else shown & keep
        reasons.append(f"arguments by {options.actor}")
    if options.tag is not None:
        tagged = {a.id for a in debate.arguments if options.tag in a.tags}
        tagged |= {p.id for p in debate.positions if options.tag in p.tags}
        keep = tagged | {x for i in tagged for x in ancestors(tree, i)}
        shown = keep if shown is None else shown & keep
        reasons.append(f"tag {options.tag}")
    if options.max_level is not None:
        level = options.max_level
        shown = {i for i in (tree.numbers if shown is None else shown) if tree.depth(i) <= level}
    if shown is None or len(shown) == total:  # the whole map: nothing hidden anywhere
        return Selection(set(tree.numbers) if shown is None else shown, whole=True)
    hidden_beneath: dict[str, int] = {}
    sizes = idx.subtree_sizes
    for ident in shown:
        if ident in context:  # a signpost: its other branches are on their own pages
            continue
        count = sum(sizes[kid] for kid in tree.children.get(ident, []) if kid not in shown)
        if count:
            hidden_beneath[ident] = count
    n_args = sum(1 for i in shown if i in idx.arguments)
    note = None
    if n_args < len(debate.arguments) and options.max_level is None:
        note = (
            f"Showing {n_args} of {len(debate.arguments)} arguments ({', '.join(reasons)})"
            if reasons
            else None
        )
    return Selection(shown, hidden_beneath, note, context=context)


def ancestors(tree: Outline, ident: str) -> set[str]:
    out: set[str] = set()
    node = tree.parent.get(ident)
    while node is not None and node not in out:
        out.add(node)
        node = tree.parent.get(node)
    return out
