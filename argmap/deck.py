"""A reveal too large for one page or slide: a deck by branch, every step readable.

A reveal draws a view step by step with one layout, so that nothing moves between steps.
When that layout would print below the smallest text allowed (18 pt on a slide, legible
from the back of a classroom; ``--min-text`` on paper), the view is first divided into
parts as :func:`argmap.pagination.paginate` divides a map over pages (an overview of the
question and the options, then each option's branch, split further where needed), and
each part is revealed in its turn, level by level, with its own layout. Every step says
where it sits: "Slide 5 of 14: option 1, Blacklist now, and its arguments (step 2 of 3)",
and the markers of what a slide leaves out name the slide it is on. The legend, which
would take much of a slide, is a slide of its own, the first, with the question.
"""

from __future__ import annotations

from collections import ChainMap
from collections.abc import Iterator, Mapping
from dataclasses import replace
from typing import Final

from argmap.exporters.options import DiagramOptions, PageNumbers, Reveal
from argmap.exporters.selection import select
from argmap.index import index
from argmap.model import Debate
from argmap.pagination import Measure, Page, describe, parts, with_lead
from argmap.paper import PageSetup, Paper

SLIDE_TEXT: Final = 18.0
"""The smallest body text a reveal prints on a slide, in points."""
SLIDE_SMALLEST: Final = 12.0
"""The smallest text of any kind a reveal prints on a slide (names, markers, legend):
the themes' small text is three quarters of their body text, so body text at
:data:`SLIDE_TEXT` keeps it above this."""


def reveal_setup(setup: PageSetup) -> PageSetup:
    """The page setup a reveal is planned with: on a slide, body text of
    :data:`SLIDE_TEXT` points at least (more if ``--min-text`` asks); on paper, as given."""
    if setup.paper is Paper.SLIDE:
        return replace(setup, min_text=max(setup.min_text, SLIDE_TEXT), max_pages=None)
    return replace(setup, max_pages=None)


def deck(
    debate: Debate,
    options: DiagramOptions,
    order: Reveal,
    setup: PageSetup,
    measure: Measure,
) -> list[DiagramOptions] | None:
    """The steps of a reveal divided into parts, each revealed level by level with its own
    layout and a caption saying where it sits (with ``order`` options, the overview, or a
    view that fits one slide whole, shows one option more at each step). On paper, None
    if the whole view prints at ``min_text`` on one page: the reveal then goes as it
    always has, in one layout with its legend."""
    slide = setup.paper is Paper.SLIDE
    unit, short = ("Slide", "slide") if slide else ("Page", "p.")
    pages, lead, marks = parts(debate, replace(options, legend=False), setup, measure, short)
    whole = len(pages) == 1
    if whole and not slide:
        return None
    tree = index(debate).tree
    steps_of: list[list[frozenset[str]]] = []
    for page in pages:
        selection = select(debate, tree, page.options)
        own = selection.shown - selection.context
        depths = sorted({tree.depth(i) for i in own})
        groups: list[set[str]]
        if order is Reveal.OPTIONS and (whole or depths == [1]):  # an option at a time
            groups = [
                {i for i in tree.subtree(p) if i in own}
                for p in tree.children.get(None, [])
                if p in own
            ]
        else:
            groups = [{i for i in own if tree.depth(i) == d} for d in depths]
        visible = frozenset(selection.context)  # the signposts: where the part hangs
        steps = []
        for group in groups:
            visible |= group
            steps.append(visible)
        steps_of.append(steps)
    titled = options.legend  # a first slide: the question, and what the marks mean
    firsts = []
    total = 1 if titled else 0
    for steps in steps_of:
        firsts.append(total + 1)
        total += len(steps)
    views = _numbered(debate, pages, steps_of, firsts, total, short)
    if whole:
        pages = [replace(pages[0], shows=_whole(debate, options))]
    out = []
    if titled:
        words = f"{unit} 1 of {total}: the question, and what the marks on the {unit.lower()}s mean"
        out.append(
            replace(
                options,
                max_level=0,
                visible=frozenset(),
                legend_marks=marks,
                caption=with_lead(lead, words),
                orientation=pages[0].options.orientation,
            )
        )
    for page, view, steps, first in zip(pages, views, steps_of, firsts, strict=True):
        for k, visible in enumerate(steps):
            words = f"{unit} {first + k} of {total}: {page.shows}"
            if page.after is not None:
                words += f"; continued from {unit.lower()} {firsts[page.after]}"
            if len(steps) > 1:
                words += f" (step {k + 1} of {len(steps)})"
            out.append(
                replace(
                    view,
                    visible=visible,
                    caption=with_lead(lead, words),
                )
            )
    return out


def _whole(debate: Debate, options: DiagramOptions) -> str:
    """What a view drawn whole on one slide shows, in words."""
    root = options.position or options.focus
    return "the map" if root is None else describe(debate, root)


def _numbered(
    debate: Debate,
    pages: list[Page],
    steps_of: list[list[frozenset[str]]],
    firsts: list[int],
    total: int,
    short: str,
) -> list[DiagramOptions]:
    """Each part's view with the slides its markers and references name: an element's
    slide is the first on which it shows, in the last part that draws it in full; what
    lies beneath an element, the slides on which its children first show. Within a
    part, its own elements need no slide (every step of a part has one layout, so its
    labels may not change from step to step)."""
    tree = index(debate).tree
    home: dict[str, int] = {}
    beneath: dict[str, tuple[int, ...]] = {}
    owns: list[set[str]] = []
    for page, steps, first in zip(pages, steps_of, firsts, strict=True):
        context = select(debate, tree, page.options).context
        own: set[str] = set()
        before: frozenset[str] = frozenset()
        for k, visible in enumerate(steps):
            for ident in visible - before - context:
                home[ident] = first + k
                own.add(ident)
                parent = tree.parent.get(ident)
                if parent is not None and first + k not in beneath.get(parent, ()):
                    beneath[parent] = (*beneath.get(parent, ()), first + k)
            before = visible
        owns.append(own)
    views = []
    for page, own, steps, first in zip(pages, owns, steps_of, firsts, strict=True):
        mine = ChainMap(dict.fromkeys(own, first), home)
        elsewhere = _Elsewhere(beneath, range(first, first + len(steps)))
        numbers = PageNumbers(home=mine, beneath=elsewhere, this=first, of=total, short=short)
        views.append(replace(page.options, pages=numbers, legend=False))
    return views


class _Elsewhere(Mapping[str, tuple[int, ...]]):
    """The slides beneath each element, but for a part's own (a part's markers count what
    it leaves out, which is on other slides)."""

    def __init__(self, beneath: dict[str, tuple[int, ...]], own: range) -> None:
        self.beneath = beneath
        self.own = own

    def __getitem__(self, key: str) -> tuple[int, ...]:
        return tuple(n for n in self.beneath[key] if n not in self.own)

    def __iter__(self) -> Iterator[str]:
        return iter(self.beneath)

    def __len__(self) -> int:
        return len(self.beneath)
