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
from functools import partial
from typing import Final, TypeVar, overload

from argmap.exporters.dot import marks_drawn
from argmap.exporters.options import DiagramOptions, PageNumbers, RankDir
from argmap.exporters.selection import select
from argmap.exporters.style import LOOKS
from argmap.graphviz import side_by_side
from argmap.index import index
from argmap.model import Debate
from argmap.outline import Outline
from argmap.paper import Orientation, PageSetup, Paper, fit

_V = TypeVar("_V")
Measure = Callable[[DiagramOptions], tuple[float, float]]
"""Lays out a page's view and returns the drawing's width and height in points."""

_TURNED: Final = {
    RankDir.TB: RankDir.LR,
    RankDir.LR: RankDir.TB,
    RankDir.BT: RankDir.RL,
    RankDir.RL: RankDir.BT,
}
OTHER_WRAPS: Final = (18, 30)
"""Other widths (in characters) node text may wrap at on paper, when that prints a map
in fewer pages than its own (unless the wrap was asked for)."""
OTHER_WRAPS_UP_TO: Final = 150
"""Maps of up to this many arguments are planned with each wrap (a larger map's plan
costs too many layouts, and saves less of its many pages)."""
JOIN_WINDOW: Final = 4
"""How many of the latest pages a page may join (each try is a layout)."""
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


class _Beyond(Exception):
    """A plan that takes more pages than it may (see :meth:`_Planner.joined`)."""

    def __init__(self, first: Page) -> None:
        super().__init__("more pages than allowed")
        self.first = first


class _Planner:
    def __init__(
        self,
        debate: Debate,
        options: DiagramOptions,
        setup: PageSetup,
        measure: Measure,
        short: str = "p.",
        stepped: bool = False,
    ) -> None:
        self.measuring = replace(_MEASURING, short=short)
        """Page numbers of the widest kind, named as the document names its pages."""
        self.stepped = stepped
        """The pages are a deck's parts: each caption says its step too."""
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
        self.marks: frozenset[str] = frozenset()
        """Every kind of mark the document's pages draw (the first page's legend)."""

    # -- what fits -----------------------------------------------------------------
    def fits(self, options: DiagramOptions, caption: str, *, first: bool | None = None) -> bool:
        """Whether the view prints readably on one page, with a caption as long as the
        one it will have (and the legend, on the first page: with ``first`` set, of every
        mark the document draws, as it will be printed)."""
        shown = select(self.debate, self.tree, options).shown
        if self.hopeless(shown):
            return False
        legend = options.legend and (not self.pages if first is None else first)
        trial = self.trial(options, caption, legend, every_mark=first is not False)
        width, height = self.measure(trial)
        return readable(width, height, self.setup, self.look.font_size)

    def trial(
        self, options: DiagramOptions, shows: str, legend: bool, *, every_mark: bool
    ) -> DiagramOptions:
        """A page's view as it is measured: with a caption as long as it may be, page
        numbers of the widest kind, the legend if the page has it (of every mark the
        document draws, with ``every_mark``), and a deck's heading in a deck."""
        return replace(
            options,
            caption=self.caption(shows),
            pages=self.measuring,
            legend=legend,  # the legend is on the first page
            legend_marks=self.marks if legend and every_mark else frozenset(),
            visible=frozenset() if self.stepped else None,  # a deck's step: its heading
        )

    def printed(self, setup: PageSetup) -> float:
        """The size body text prints at when the whole view is drawn on one page."""
        trial = replace(self.options, caption=self.lead(), pages=self.measuring)
        width, height = self.measure(trial)
        return printed_size(width, height, setup, self.look.font_size)

    def smallest(self, pages: list[Page]) -> float:
        """The smallest size body text prints at on any of these pages, each measured as
        :meth:`fits` measures it (the legend of every mark on the first)."""
        if len(pages) == 1:  # drawn as it is
            width, height = self.measure(pages[0].options)
            return printed_size(width, height, self.setup, self.look.font_size)
        sizes = []
        for n, page in enumerate(pages):
            legend = page.options.legend and n == 0
            width, height = self.measure(
                self.trial(page.options, page.shows, legend, every_mark=True)
            )
            sizes.append(printed_size(width, height, self.setup, self.look.font_size))
        return min(sizes)

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
        """A page's caption as long as it may be (a slide's with its step: a deck's)."""
        n = WIDEST_PAGE
        words = f"Page {n} of {n}: {shows}; continued from page {n}"
        if self.stepped:
            words += f" (step {n} of {n})"
        return with_lead(self.lead(), words)

    def lead(self) -> str | None:
        """What every page's caption starts with: the drawing's own, and what the view
        leaves out."""
        parts = [part for part in (self.options.caption, self.note) if part]
        return " · ".join(parts) or None

    def pages_planned(self, pack: bool = True, most: int | None = None) -> list[Page]:
        """The pages, packed (unless not asked). The first page's legend explains the
        marks of every page, which are known only once the pages are: a first page too
        full for it is planned again, that legend measured from the start. With ``most``,
        :class:`_Beyond` as soon as packing shows that the plan takes more pages (see
        :meth:`joined`)."""

        def planned() -> list[Page]:
            pages = self.noting_marks(self.plan())
            return self.pack(pages, most) if pack else pages

        try:
            pages = planned()
        except _Beyond as beyond:  # the first page is what it would be: is it planned again?
            first = beyond.first
            if not self.fits(first.options, first.shows, first=True):
                self.pages = []
                return planned()  # more than ``most`` pages again: _Beyond
            raise
        if len(pages) > 1 and not self.fits(pages[0].options, pages[0].shows, first=True):
            self.pages = []
            pages = planned()
        return pages

    def noting_marks(self, pages: list[Page]) -> list[Page]:
        """The pages as they are, with every kind of mark they draw noted (for the first
        page's legend), each drawn as on a page: its markers in its boxes."""
        self.marks = frozenset().union(
            *(marks_drawn(self.debate, replace(p.options, pages=self.measuring)) for p in pages)
        )
        return pages

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

    # -- packing -------------------------------------------------------------------
    def pack(self, pages: list[Page], most: int | None = None) -> list[Page]:
        """The pages with several drawn on one where they fit together: each page in
        reading order joins the earliest of the latest pages it fits on that comes no
        sooner than the page it continues (the marks of every page noted first:
        :meth:`noting_marks`).

        The fewest runs of neighbouring pages (each grown from its start while it fits)
        were also planned until issue 24, and the fewer pages kept: on every plan
        measured (the examples and generated maps of 100 and 1,000 arguments, each wrap
        and orientation: 32 plans) they never took fewer pages than joining did, and
        cost a fifth of the layouts (100 arguments: 1,594 distinct pages laid out with
        them, 1,272 without; 1,000 arguments: 6,490 and 5,061)."""
        if len(pages) < 2:
            return pages
        flat = [_as_branches(page, self.view, self.tree) for page in pages]
        chosen = self.joined(flat, most)
        where = {old: new for new, (_, olds) in enumerate(chosen) for old in olds}
        out = []
        for new, (page, olds) in enumerate(chosen):
            afters = [pages[o].after for o in olds]
            earlier = [where[a] for a in afters if a is not None and where[a] != new]
            out.append(replace(page, after=min(earlier) if earlier else None))
        return out

    def joined(self, flat: list[Page], most: int | None = None) -> list[tuple[Page, list[int]]]:
        """Each page, in reading order, drawn on the earliest of the last few pages it
        fits on that is not before the page it continues (else a page of its own).

        Pages are never taken away, so once there are more than ``most`` the plan has
        more than ``most``, unless it is made again for its first page's legend
        (:meth:`pages_planned`): :class:`_Beyond`, with the first page, once that is
        known. It is when the first page can take no other (more than
        :data:`JOIN_WINDOW` pages), or has taken one (it was measured with the legend,
        as :meth:`pages_planned` measures it, and fitted), or fits with the legend as it
        is (so it will, whatever joins it)."""
        bins: list[tuple[Page, list[int]]] = []
        first_fits: bool | None = None  # the first page alone, with the legend
        where: dict[int, int] = {}
        for n, page in enumerate(flat):
            after = page.after
            lowest = where[after] if after is not None and after in where else 0
            for b in range(max(lowest, len(bins) - JOIN_WINDOW), len(bins)):
                together = self.together(bins[b][0], page, legend=b == 0)
                if together is not None:
                    bins[b] = (together, [*bins[b][1], n])
                    where[n] = b
                    break
            else:
                where[n] = len(bins)
                bins.append((page, [n]))
                if most is None or len(bins) <= most:
                    continue
                first, joined = bins[0]
                if len(bins) <= JOIN_WINDOW and len(joined) == 1:
                    if first_fits is None:
                        first_fits = self.fits(first.options, first.shows, first=True)
                    if not first_fits:  # it may still take a page, or be planned again
                        continue
                raise _Beyond(first)
        return bins

    def together(self, first: Page, second: Page, legend: bool) -> Page | None:
        """One page drawing what two pages draw, if it fits (either way round); with
        ``legend``, the document's legend too."""
        assert first.options.branches is not None
        assert second.options.branches is not None
        merged: dict[str, int | None] = {}
        for root, levels in (*first.options.branches, *second.options.branches):
            if root in merged:
                old = merged[root]
                levels = None if old is None or levels is None else max(old, levels)
            merged[root] = levels
        shows = f"{first.shows}; {second.shows}"
        base = replace(first.options, branches=tuple(merged.items()))
        tries = [replace(base, rankdir=r) for r in (base.rankdir, _TURNED[base.rankdir])]
        if len(merged) == len(first.options.branches) + len(second.options.branches):
            # no branch in common: the second may also go beneath the first
            count = len(first.options.branches)
            rows = (*first.options.rows, count, *(count + r for r in second.options.rows))
            tries.append(replace(base, rows=rows))
        for options in tries:
            if self.fits(options, shows, first=legend):
                return Page(options, None, shows, first.after)
        return None

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
        return replace(
            self.options,
            focus=root,
            depth=depth,
            max_level=None,
            compact_context=True,
            ancestors=not self.stepped,  # a deck's caption says where a slide sits
        )

    def describe(self, ident: str) -> str:
        return describe(self.debate, ident)


def describe(debate: Debate, ident: str) -> str:
    """What a page or slide drawing an element's branch shows, in words ("option 1,
    Blacklist now, and its arguments"; "1.3 Spying risk and what is beneath it")."""
    idx = index(debate)
    number = idx.tree.numbers[ident]
    position = idx.positions.get(ident)
    if position is not None:
        return f"option {number}, {position.title or 'untitled'}, and its arguments"
    argument = idx.arguments[ident]
    name = f"{number} {argument.title}" if argument.title else number
    return f"{name} and what is beneath it"


def _printable(setup: PageSetup) -> tuple[float, float]:
    from argmap.paper import SIZES

    short, long_ = SIZES[setup.paper]
    return short - 2 * setup.edge, long_ - 2 * setup.edge


@overload
def paginate(
    debate: Debate, options: DiagramOptions, setup: PageSetup, measure: Measure
) -> list[DiagramOptions]: ...


@overload
def paginate(
    debate: Debate, options: DiagramOptions, setup: PageSetup, measure: Measure, most: int
) -> list[DiagramOptions] | None: ...


def paginate(
    debate: Debate,
    options: DiagramOptions,
    setup: PageSetup,
    measure: Measure,
    most: int | None = None,
) -> list[DiagramOptions] | None:
    """The views a map is printed as, one per page, each with its caption and the page
    numbers of the others (a single page if the whole map prints readably). Unless the
    setup says (portrait, landscape, or ``auto``: each page its own), every page has the
    orientation that prints the map in fewer pages, portrait on a tie (in each page's
    ``orientation``). With ``setup.max_pages``, a map that needs more pages at
    ``min_text`` is planned with the largest smaller text that fits that many (to a tenth
    of a point, and no smaller than :data:`SMALLEST_TEXT`).

    With ``most``: None if the plan takes more than ``most`` pages, planned only as far
    as it takes to know (a brief's map tries fewer levels when more pages are needed);
    the pages are otherwise the ones planned without it."""
    fewest = _fewest(debate, options, setup, measure, most=most)
    if fewest is None:
        return None
    pages, planner, chosen = fewest
    wanted = setup.max_pages
    if wanted is not None and len(pages) > wanted:
        pages, planner, chosen = _within(debate, options, setup, measure, wanted)
    numbered = number(debate, pages, planner.lead(), planner.marks)
    if setup.orientation is not None:
        return numbered
    return [replace(page, orientation=chosen) for page in numbered]


SMALLEST_TEXT: Final = 4.0
"""The smallest text ``--pages`` may bring a map down to (as ``--min-text`` allows)."""


def _within(
    debate: Debate, options: DiagramOptions, setup: PageSetup, measure: Measure, wanted: int
) -> tuple[list[Page], _Planner, Orientation | None]:
    """The plan with the largest text, at most ``setup.min_text``, that prints in
    ``wanted`` pages or fewer: a binary search on the smallest text allowed, down to the
    size the whole map prints at on one page (which always fits). If even that is below
    :data:`SMALLEST_TEXT`, the plan at that size, whatever its pages."""
    whole = _Planner(debate, options, setup, measure)
    one_page = max(whole.printed(replace(setup, orientation=turn)) for turn in _turns(setup))
    low = max(SMALLEST_TEXT, one_page - 0.01)
    found = _whole(_fewest(debate, options, replace(setup, min_text=low), measure))
    if len(found[0]) > wanted:  # not even at the smallest text allowed
        return found
    high = setup.min_text
    while high - low > 0.1:
        middle = round((low + high) / 2, 2)
        trial = _whole(_fewest(debate, options, replace(setup, min_text=middle), measure))
        if len(trial[0]) <= wanted:
            low, found = middle, trial
        else:
            high = middle
    return found


def _turns(setup: PageSetup) -> list[Orientation]:
    if setup.orientation is not None:
        return [setup.orientation]
    if setup.paper is Paper.SLIDE:  # a slide is landscape unless asked
        return [Orientation.LANDSCAPE]
    return [Orientation.PORTRAIT, Orientation.LANDSCAPE]


def parts(
    debate: Debate, options: DiagramOptions, setup: PageSetup, measure: Measure, short: str
) -> tuple[list[Page], str | None, frozenset[str]]:
    """The parts a reveal too large for one page is divided into, as :func:`paginate`
    divides a map but never two on one page (each is revealed in its turn), each with
    the orientation chosen; what every part's caption starts with; and the marks the
    parts draw (the first part's legend). ``short`` names a page beside its number."""
    pages, planner, chosen = _whole(
        _fewest(debate, options, setup, measure, pack=False, short=short, stepped=True)
    )
    if setup.orientation is None:
        pages = [replace(p, options=replace(p.options, orientation=chosen)) for p in pages]
    return pages, planner.lead(), planner.marks


_Plan = tuple[list[Page], _Planner, Orientation | None]
"""A plan: its pages, the planner that made them, and their orientation."""


def _fewest(
    debate: Debate,
    options: DiagramOptions,
    setup: PageSetup,
    measure: Measure,
    *,
    pack: bool = True,
    short: str = "p.",
    stepped: bool = False,
    most: int | None = None,
) -> _Plan | None:
    """The plan in fewest pages over the orientations and wraps a map may take (the
    plans made side by side, a thread each up to :data:`~argmap.graphviz.PARALLEL`: each
    waits on ``dot`` most of its time). With ``most``, None if that plan takes more than
    ``most`` pages: a plan stopped for taking more (:class:`_Beyond`) would not have been
    the fewest, or the fewest takes more too."""
    wraps = [options.wrap]
    if not options.fixed_wrap and len(debate.arguments) <= OTHER_WRAPS_UP_TO:
        wraps += [w for w in OTHER_WRAPS if w != options.wrap]
    planners = [
        _Planner(
            debate,
            replace(options, wrap=wrap),
            replace(setup, orientation=orientation),
            measure,
            short,
            stepped,
        )
        for wrap in wraps
        for orientation in _turns(setup)
    ]
    plans = side_by_side([partial(_bounded, planner, pack, most) for planner in planners])
    best: _Plan | None = None
    smallest: float | None = None  # the best plan's smallest text, once a tie asks
    for planner, pages in zip(planners, plans, strict=True):
        if pages is None:  # stopped: more than ``most`` pages
            continue
        orientation = planner.setup.orientation
        if best is None or len(pages) < len(best[0]):
            best, smallest = (pages, planner, orientation), None
        elif len(pages) == len(best[0]):  # as many pages: the larger text
            if smallest is None:
                smallest = best[1].smallest(best[0])
            size = planner.smallest(pages)
            if size > smallest + 0.05:
                best, smallest = (pages, planner, orientation), size
    if best is None or (most is not None and len(best[0]) > most):
        return None
    return best


def _whole(plan: _Plan | None) -> _Plan:
    """A plan made with no bound on its pages: :func:`_fewest` then always finds one."""
    assert plan is not None
    return plan


def _bounded(planner: _Planner, pack: bool, most: int | None) -> list[Page] | None:
    """The planner's pages, or None once they are known to be more than ``most``."""
    try:
        return planner.pages_planned(pack, most)
    except _Beyond:
        return None


def _as_branches(page: Page, view: set[str], tree: Outline) -> Page:
    """A page's view as the branches it draws (see ``DiagramOptions.branches``), so that
    it can share a page with others: the overview is each option alone, a branch its
    root and the levels drawn, a part its root alone and the children drawn."""
    options = page.options
    if options.branches is not None:
        return page
    if options.children is not None:
        kids = [k for k in tree.children.get(options.focus, []) if k in options.children]
        heads = [(options.focus, 0)] if options.focus is not None else []
        branches: tuple[tuple[str, int | None], ...] = (*heads, *((k, 0) for k in kids))
    elif options.focus is not None:
        branches = ((options.focus, options.depth),)
    else:  # the overview: the options alone
        branches = tuple((p, 0) for p in tree.children.get(None, []) if p in view)
    flat = replace(
        options,
        focus=None,
        depth=None,
        max_level=None,
        children=None,
        branches=branches,
        compact_context=True,
    )
    return replace(page, options=flat)


def with_lead(lead: str | None, words: str) -> str:
    """A caption's words after what every caption of the document starts with."""
    return f"{lead} · {words}" if lead else words


def number(
    debate: Debate, pages: list[Page], lead: str | None, marks: frozenset[str]
) -> list[DiagramOptions]:
    """Each page's final view: its caption ("Page 2 of 5: …; continued from page 1") and
    where every element and every continuation is: an element's page is the last that
    draws it in full (pages run depth first: its own branch after any overview), and
    what lies beneath an element is on the pages that draw its children in full. The
    first page's legend explains ``marks``, every kind of mark the pages draw."""
    if len(pages) == 1 and pages[0].options.branches is None:  # the whole view
        return [pages[0].options]
    tree = index(debate).tree
    home: dict[str, int] = {}
    beneath: dict[str, tuple[int, ...]] = {}
    for n, page in enumerate(pages, 1):
        selection = select(debate, tree, page.options)
        for ident in selection.shown - selection.context:
            home[ident] = n
            parent = tree.parent.get(ident)
            if parent is not None and n not in beneath.get(parent, ()):
                beneath[parent] = (*beneath.get(parent, ()), n)
    total = len(pages)
    out = []
    for n, page in enumerate(pages, 1):
        words = f"Page {n} of {total}: {page.shows}"
        if page.after is not None:
            words += f"; continued from page {page.after + 1}"
        # pages packed into one are drawn as they were measured, a page's way
        legend = page.options.legend and n == 1
        out.append(
            replace(
                page.options,
                caption=with_lead(lead, words) if total > 1 else lead,
                pages=PageNumbers(home=home, beneath=beneath, this=n, of=total),
                legend=legend,
                legend_marks=marks if legend else frozenset(),
            )
        )
    return out
