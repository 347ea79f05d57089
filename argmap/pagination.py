"""A map over pages of paper: never printed smaller than a readable size, split instead.

:func:`paginate` decides what each page shows. A map whose body text would print below
:attr:`~argmap.paper.PageSetup.min_text` on one page is split: a view of several options
into an overview (the question and the options) and a branch per option; a branch that
is still too large into its top levels and a branch for each part cut off, as deep as
the page allows. Each page draws a view (``focus`` and ``depth``), so the diagram code is
the same on paper as on screen, and every page says what it shows and where the rest is:
the markers of what a page leaves out name the page it continues on, and references to
arguments drawn on another page name that page.

What fits is measured by laying the page out with ``dot`` (the caller's ``measure``), with
page numbers of the widest kind in its words, after a cheap bound has ruled out pages no
scale could make readable: a map of 10,000 arguments is not laid out whole to find that
out.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, replace
from typing import Final, TypeVar

from argmap.exporters.dot import select
from argmap.exporters.options import DiagramOptions, PageNumbers, RankDir
from argmap.exporters.style import LOOKS
from argmap.index import index
from argmap.model import Debate
from argmap.paper import PageSetup, fit

_V = TypeVar("_V")
Measure = Callable[[DiagramOptions], tuple[float, float]]
"""Lays out a page's view and returns the drawing's width and height in points."""

_TURNED: Final = {
    RankDir.TB: RankDir.LR,
    RankDir.LR: RankDir.TB,
    RankDir.BT: RankDir.RL,
    RankDir.RL: RankDir.BT,
}
WIDEST_PAGE: Final = 888
"""The page number pages are measured with: as wide as any a map prints (up to 999)."""


@dataclass(frozen=True)
class Page:
    """One page of a map: the view it draws and what it shows, in words."""

    options: DiagramOptions
    root: str | None
    """The element whose branch the page draws; None for the whole view or the overview."""
    shows: str
    after: int | None
    """The index of the page it continues (None for the first)."""


class _Everywhere(Mapping[str, _V]):
    """The same value for every element: pages of the widest number, for measuring before
    the pages are numbered."""

    def __init__(self, value: _V) -> None:
        self.value = value

    def __getitem__(self, key: str) -> _V:
        return self.value

    def __iter__(self) -> Iterator[str]:
        return iter(())

    def __len__(self) -> int:
        return 0

    def __contains__(self, key: object) -> bool:
        return True


_MEASURING: Final = PageNumbers(
    home=_Everywhere(WIDEST_PAGE),
    beneath=_Everywhere((WIDEST_PAGE, WIDEST_PAGE)),
    this=0,
    of=WIDEST_PAGE,
)


def readable(width: float, height: float, setup: PageSetup, font_size: float) -> bool:
    """Whether a drawing of that size prints body text of ``font_size`` at or above the
    smallest size the page setup allows."""
    return fit(width, height, setup).scale * font_size >= setup.min_text - 1e-9


def printed_size(width: float, height: float, setup: PageSetup, font_size: float) -> float:
    """The size body text of ``font_size`` prints at, the drawing fitted to the page."""
    return fit(width, height, setup).scale * font_size


class _Planner:
    def __init__(
        self, debate: Debate, options: DiagramOptions, setup: PageSetup, measure: Measure
    ) -> None:
        self.debate = debate
        self.options = options
        self.setup = setup
        self.measure = measure
        self.index = index(debate)
        self.tree = self.index.tree
        self.look = LOOKS[options.theme]
        selection = select(debate, self.tree, options)
        self.view = selection.shown
        self.note = selection.note
        """What the reader's own view leaves out, said on every page."""
        self.pages: list[Page] = []

    # -- what fits -----------------------------------------------------------------
    def fits(self, options: DiagramOptions, caption: str) -> bool:
        """Whether the view prints readably on one page, with a caption as long as the
        one it will have."""
        shown = select(self.debate, self.tree, options).shown
        if self.hopeless(shown):
            return False
        trial = replace(
            options,
            caption=self.caption(caption),
            pages=_MEASURING,
            legend=options.legend and not self.pages,  # the legend is on the first page
        )
        width, height = self.measure(trial)
        return readable(width, height, self.setup, self.look.font_size)

    def hopeless(self, shown: set[str]) -> bool:
        """Whether no layout of these nodes could print readably: their boxes alone
        (each at least as wide as a few words and two lines high) cover more than the
        page's area at the smallest scale allowed."""
        size = self.look.font_size
        wrap = self.options.wrap
        area = 0.0
        for ident in shown:
            element = self.index.arguments.get(ident) or self.index.positions.get(ident)
            text = element.text if element is not None else ""
            width = 0.4 * size * min(wrap, max(len(text), 8)) + 17
            height = 2 * size * 1.2 + 8.6
            area += width * height
        short, long_ = _printable(self.setup)
        scale = min(1.0, self.setup.min_text / size)
        return area * scale * scale > short * long_

    def caption(self, shows: str) -> str:
        n = WIDEST_PAGE
        return _caption(self.lead(), f"Page {n} of {n}: {shows}; continued from page {n}")

    def lead(self) -> str | None:
        """What every page's caption starts with: the drawing's own, and what the view
        leaves out."""
        parts = [part for part in (self.options.caption, self.note) if part]
        return " · ".join(parts) or None

    # -- splitting -----------------------------------------------------------------
    def plan(self) -> list[Page]:
        options = self.options
        if self.fits(options, "the whole map"):
            return [Page(options, None, "", None)]
        root = options.focus or options.position
        if root is not None:
            self.branch(root, None)
            return self.pages
        shows = "the question and the options"
        overview = replace(options, max_level=1)
        positions = [p.id for p in self.debate.positions if p.id in self.view]
        for rankdir in (options.rankdir, _TURNED[options.rankdir]):
            # many options side by side may fit one beneath the other
            if self.fits(replace(overview, rankdir=rankdir), shows):
                self.pages.append(Page(replace(overview, rankdir=rankdir), None, shows, None))
                for position in positions:
                    if self.continues(position, {position}):
                        self.branch(position, 0)
                return self.pages
        self.parts(None, positions, overview, "the question and options", None)
        return self.pages

    def parts(
        self,
        root: str | None,
        kids: list[str],
        base: DiagramOptions,
        shows: str,
        after: int | None,
    ) -> None:
        """Pages for a ``root`` with more children than one page holds: each page as
        many of them as fit, in order (either way round), followed by the pages of the
        branches it cuts off."""
        start = part = 0
        while start < len(kids):
            part += 1
            best, chosen = 0, self.part(base, kids[start : start + 1], self.options.rankdir)
            for rankdir in (self.options.rankdir, _TURNED[self.options.rankdir]):
                low, high = best + 1, len(kids) - start
                while low <= high:
                    middle = (low + high) // 2
                    run = kids[start : start + middle]
                    if self.fits(self.part(base, run, rankdir), self.part_words(shows, part, run)):
                        best, chosen, low = middle, self.part(base, run, rankdir), middle + 1
                    else:
                        high = middle - 1
            run = kids[start : start + max(best, 1)]  # one that fits no page: a warning
            self.pages.append(Page(chosen, root, self.part_words(shows, part, run), after))
            here = len(self.pages) - 1
            shown = select(self.debate, self.tree, chosen).shown
            for kid in run:
                if kid in shown and self.continues(kid, shown):
                    self.branch(kid, here)
            start += len(run)

    @staticmethod
    def part(base: DiagramOptions, run: list[str], rankdir: RankDir) -> DiagramOptions:
        return replace(base, children=frozenset(run), rankdir=rankdir)

    def part_words(self, shows: str, part: int, run: list[str]) -> str:
        first, last = self.tree.numbers[run[0]], self.tree.numbers[run[-1]]
        return f"{shows}, part {part}: {first}" + (f" to {last}" if len(run) > 1 else "")

    def continues(self, ident: str, shown: set[str]) -> bool:
        """Whether the view has something beneath ``ident`` that a page showing
        ``shown`` leaves out."""
        return any(
            kid in self.view and kid not in shown for kid in self.tree.children.get(ident, ())
        )

    def limit(self) -> int | None:
        """The deepest outline level the view shows (None: all)."""
        options = self.options
        if options.focus is not None and options.depth is not None:
            return self.tree.depth(options.focus) + options.depth
        return None

    def branch(self, root: str, after: int | None) -> None:
        """The pages of ``root``'s branch: as many levels on the first as fit, then a
        branch of pages for each part cut off, in reading order. A page that fits no
        level in the map's direction is tried turned (a wide fan of arguments reads as
        well top to bottom); one that fits neither way shows one level, and is warned of."""
        base = self.tree.depth(root)
        limit = self.limit()
        deepest = max(self.tree.depth(i) for i in self.tree.subtree(root) if i in self.view)
        if limit is not None:
            deepest = min(deepest, limit)
        shows = self.describe(root)
        levels = deepest - base
        chosen, options = 1, self.view_of(root, None if limit is None and levels <= 1 else 1)
        if levels >= 1:
            for rankdir in (self.options.rankdir, _TURNED[self.options.rankdir]):
                found = self.most_levels(root, levels, limit, shows, rankdir)
                if found is not None:
                    chosen, options = found
                    break
            else:  # not even one level fits: its arguments in parts
                kids = [k for k in self.tree.children.get(root, []) if k in self.view]
                if len(kids) > 1:
                    self.parts(root, kids, self.view_of(root, 1), shows, after)
                    return
        self.pages.append(Page(options, root, shows, after))
        here = len(self.pages) - 1
        if chosen >= levels:
            return
        shown = select(self.debate, self.tree, options).shown
        cut = [i for i in self.tree.subtree(root) if self.tree.depth(i) == base + chosen]
        for ident in cut:
            if ident in shown and self.continues(ident, shown):
                self.branch(ident, here)

    def most_levels(
        self, root: str, levels: int, limit: int | None, shows: str, rankdir: RankDir
    ) -> tuple[int, DiagramOptions] | None:
        """The most levels beneath ``root`` a page drawn in ``rankdir`` fits, and its
        view (all of them first; else a binary search, fewer levels being smaller)."""

        def view(depth: int) -> DiagramOptions:
            whole = depth == levels and limit is None
            return replace(self.view_of(root, None if whole else depth), rankdir=rankdir)

        if self.fits(view(levels), shows):
            return levels, view(levels)
        found = None
        low, high = 1, levels - 1
        while low <= high:
            middle = (low + high) // 2
            if self.fits(view(middle), shows):
                found, low = middle, middle + 1
            else:
                high = middle - 1
        return None if found is None else (found, view(found))

    def view_of(self, root: str, depth: int | None) -> DiagramOptions:
        return replace(self.options, focus=root, depth=depth, max_level=None, compact_context=True)

    def describe(self, ident: str) -> str:
        number = self.tree.numbers[ident]
        position = self.index.positions.get(ident)
        if position is not None:
            return f"option {number}, {position.title or 'untitled'}, and its arguments"
        argument = self.index.arguments[ident]
        name = f"{number} {argument.title}" if argument.title else number
        return f"{name} and what is beneath it"


def _printable(setup: PageSetup) -> tuple[float, float]:
    from argmap.paper import MARGINS, SIZES

    short, long_ = SIZES[setup.paper]
    margin = MARGINS[setup.paper]
    return short - 2 * margin, long_ - 2 * margin


def paginate(
    debate: Debate, options: DiagramOptions, setup: PageSetup, measure: Measure
) -> list[DiagramOptions]:
    """The views a map is printed as, one per page, each with its caption and the page
    numbers of the others; a single page if the whole map prints readably."""
    planner = _Planner(debate, options, setup, measure)
    return number(debate, planner.plan(), planner.lead())


def _caption(lead: str | None, words: str) -> str:
    return f"{lead} · {words}" if lead else words


def number(debate: Debate, pages: list[Page], lead: str | None) -> list[DiagramOptions]:
    """Each page's final view: its caption ("Page 2 of 5: …; continued from page 1") and
    where every element and every continuation is."""
    if len(pages) == 1:
        return [pages[0].options]
    tree = index(debate).tree
    home: dict[str, int] = {}
    beneath: dict[str, tuple[int, ...]] = {}
    for n, page in enumerate(pages, 1):
        shown = select(debate, tree, page.options).shown
        if page.root is None:
            owned: list[str] | set[str] = shown
        else:
            owned = [i for i in tree.subtree(page.root) if i in shown]
            beneath[page.root] = (*beneath.get(page.root, ()), n)  # its parts, in order
        for ident in owned:
            home[ident] = n  # the deepest page that draws it wins: pages run depth first
    for root, numbers in beneath.items():  # a branch's own (first) page is where it is
        home[root] = numbers[0]
    total = len(pages)
    out = []
    for n, page in enumerate(pages, 1):
        words = f"Page {n} of {total}: {page.shows}"
        if page.after is not None:
            words += f"; continued from page {page.after + 1}"
        out.append(
            replace(
                page.options,
                caption=_caption(lead, words),
                pages=PageNumbers(home=home, beneath=beneath, this=n, of=total),
                legend=page.options.legend and n == 1,
            )
        )
    return out
