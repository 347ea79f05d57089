"""A reveal too large for one page or slide: a deck by branch, every step readable.

A reveal draws a view step by step with one layout, so that nothing moves between steps.
When that layout would print below the smallest text allowed (18 pt on a slide, legible
from the back of a classroom; ``--min-text`` on paper), the view is first divided into
parts as :func:`argmap.pagination.paginate` divides a map over pages (an overview of the
question and the options, then each option's branch, split further where needed), and
each part is revealed in its turn, level by level, with its own layout. Every step says
where it sits: "Slide 5 of 14: option 1, Blacklist now, and its arguments (step 2 of 3)".
"""

from __future__ import annotations

from dataclasses import replace
from typing import Final

from argmap.exporters.dot import select
from argmap.exporters.options import DiagramOptions, Reveal
from argmap.index import index
from argmap.model import Debate
from argmap.pagination import Measure, parts
from argmap.paper import PageSetup, Paper

SLIDE_TEXT: Final = 18.0
"""The smallest body text a reveal prints on a slide, in points."""
SLIDE_SMALLEST: Final = 12.0
"""The smallest text of any kind a reveal prints on a slide (names, markers, legend)."""


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
    layout and a caption saying where it sits; None if the whole view prints readably on
    one page or slide (the reveal then goes as asked, ``order`` and all, in one layout)."""
    unit = "slide" if setup.paper is Paper.SLIDE else "page"
    pages = parts(debate, options, setup, measure)
    if len(pages) < 2:
        return None
    tree = index(debate).tree
    planned: list[tuple[DiagramOptions, str, list[frozenset[str]]]] = []
    for page, shows in pages:
        selection = select(debate, tree, page)
        always = frozenset(selection.context)  # the signposts say where the part hangs
        own = selection.shown - selection.context
        depths = sorted({tree.depth(i) for i in own})
        if order is Reveal.OPTIONS and depths == [1]:  # the overview: an option at a time
            groups = [frozenset({p}) for p in tree.children.get(None, []) if p in own]
        else:
            groups = [frozenset(i for i in own if tree.depth(i) == d) for d in depths]
        steps = []
        visible = always
        for group in groups:
            visible |= group
            steps.append(visible)
        planned.append((page, shows, steps))
    total = sum(len(steps) for _, _, steps in planned)
    out = []
    n = 0
    for page, shows, steps in planned:
        for k, visible in enumerate(steps, 1):
            n += 1
            words = f"{unit.capitalize()} {n} of {total}: {shows}"
            if len(steps) > 1:
                words += f" (step {k} of {len(steps)})"
            lead = page.caption
            out.append(
                replace(
                    page,
                    visible=visible,
                    caption=f"{lead} · {words}" if lead else words,
                    caption_size=None,
                )
            )
    return out
