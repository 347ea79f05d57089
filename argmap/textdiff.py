"""A unified diff of two texts in time that grows with their length, not its square.

``argmap fmt --check`` shows how a file differs from its canonical form. Python's
``difflib`` compares every line with every other where the texts differ much, which
took 25 s for a 10,000-argument file never formatted. This diff anchors on the lines
that occur once in each text (patience diff, as ``git diff --patience`` does), keeps the
anchors that stand in the same order (a longest increasing subsequence), grows each
anchor into the run of equal lines around it, and compares only the gaps between: with
``difflib`` when a gap is small, as one replaced block when it is not. The output is a
unified diff that ``patch`` applies; where a large gap was shown as one block, the
caller is told, so it can say so.
"""

from __future__ import annotations

import bisect
import difflib
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Final

from argmap._gc import collector_paused

SMALL_GAP: Final = 400_000
"""The largest gap (lines of one side times lines of the other) ``difflib`` compares."""


@dataclass
class Diff:
    """A unified diff, and how many of its blocks were shown whole rather than compared."""

    text: str
    coarse: int = 0


def unified(
    one: Sequence[str], two: Sequence[str], from_name: str, to_name: str, n: int = 3
) -> Diff:
    """The unified diff of two lists of lines (each with its line ending), with ``n``
    lines of context."""
    with collector_paused():  # a line's tuples by the hundred thousand, none in a cycle
        finder = _Matcher(one, two)
        blocks = finder.blocks()
        return Diff("".join(_format(one, two, blocks, from_name, to_name, n)), finder.coarse)


class _Matcher:
    def __init__(self, one: Sequence[str], two: Sequence[str]) -> None:
        self.one, self.two = one, two
        self.coarse = 0

    def blocks(self) -> list[tuple[int, int, int]]:
        """Runs of equal lines, (start in one, start in two, length), in order, ending
        with the (len, len, 0) sentinel difflib's blocks end with."""
        found: list[tuple[int, int, int]] = []
        stack = [(0, len(self.one), 0, len(self.two))]
        while stack:
            lo1, hi1, lo2, hi2 = stack.pop()
            found += self._region(lo1, hi1, lo2, hi2, stack)
        found.sort()
        merged: list[tuple[int, int, int]] = []
        for i, j, k in found:
            if merged and merged[-1][0] + merged[-1][2] == i and merged[-1][1] + merged[-1][2] == j:
                merged[-1] = (merged[-1][0], merged[-1][1], merged[-1][2] + k)
            elif k:
                merged.append((i, j, k))
        merged.append((len(self.one), len(self.two), 0))
        return merged

    def _region(
        self, lo1: int, hi1: int, lo2: int, hi2: int, stack: list[tuple[int, int, int, int]]
    ) -> list[tuple[int, int, int]]:
        one, two = self.one, self.two
        found = []
        start = 0  # equal lines at the start of the region
        while lo1 + start < hi1 and lo2 + start < hi2 and one[lo1 + start] == two[lo2 + start]:
            start += 1
        if start:
            found.append((lo1, lo2, start))
        lo1, lo2 = lo1 + start, lo2 + start
        end = 0
        while hi1 - end > lo1 and hi2 - end > lo2 and one[hi1 - end - 1] == two[hi2 - end - 1]:
            end += 1
        if end:
            found.append((hi1 - end, hi2 - end, end))
        hi1, hi2 = hi1 - end, hi2 - end
        if lo1 == hi1 or lo2 == hi2:
            return found
        anchors = _anchors(one, two, lo1, hi1, lo2, hi2)
        if not anchors:
            if (hi1 - lo1) * (hi2 - lo2) <= SMALL_GAP:
                matcher = difflib.SequenceMatcher(None, one[lo1:hi1], two[lo2:hi2], autojunk=False)
                found += [(lo1 + i, lo2 + j, k) for i, j, k in matcher.get_matching_blocks() if k]
            else:
                self.coarse += 1
            return found
        # the gaps between anchors are compared again, each on its own
        previous = (lo1, lo2)
        for i, j in anchors:
            found.append((i, j, 1))
            stack.append((previous[0], i, previous[1], j))
            previous = (i + 1, j + 1)
        stack.append((previous[0], hi1, previous[1], hi2))
        return found


def _anchors(
    one: Sequence[str], two: Sequence[str], lo1: int, hi1: int, lo2: int, hi2: int
) -> list[tuple[int, int]]:
    """Lines that occur once in each side of the region, paired, keeping the largest set
    that stands in the same order on both sides."""
    counts_one = Counter(one[lo1:hi1])
    counts_two = Counter(two[lo2:hi2])
    where_two = {line: j for j, line in enumerate(two[lo2:hi2], lo2) if counts_two[line] == 1}
    pairs = [
        (i, where_two[line])
        for i, line in enumerate(one[lo1:hi1], lo1)
        if counts_one[line] == 1 and line in where_two
    ]
    return _increasing(pairs)


def _increasing(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The longest run of ``pairs`` (in order of their first item) whose second items
    increase: patience sorting, O(n log n)."""
    tails: list[int] = []  # the second item ending the best run of each length
    ends: list[int] = []  # the index in pairs of that item
    back = [-1] * len(pairs)
    for n, (_, j) in enumerate(pairs):
        k = bisect.bisect_left(tails, j)
        if k == len(tails):
            tails.append(j)
            ends.append(n)
        else:
            tails[k] = j
            ends[k] = n
        back[n] = ends[k - 1] if k else -1
    chain = []
    n = ends[-1] if ends else -1
    while n != -1:
        chain.append(pairs[n])
        n = back[n]
    return chain[::-1]


def _format(
    one: Sequence[str],
    two: Sequence[str],
    blocks: list[tuple[int, int, int]],
    from_name: str,
    to_name: str,
    n: int,
) -> Iterator[str]:
    first = True
    for group in _groups(_opcodes(blocks), n):
        if first:
            yield f"--- {from_name}\n"
            yield f"+++ {to_name}\n"
            first = False
        i1, i2, j1, j2 = group[0][1], group[-1][2], group[0][3], group[-1][4]
        yield f"@@ -{_range(i1, i2)} +{_range(j1, j2)} @@\n"
        for tag, a1, a2, b1, b2 in group:
            if tag == "equal":
                yield from (_line(" ", line) for line in one[a1:a2])
                continue
            if tag in ("replace", "delete"):
                yield from (_line("-", line) for line in one[a1:a2])
            if tag in ("replace", "insert"):
                yield from (_line("+", line) for line in two[b1:b2])


def _line(mark: str, line: str) -> str:
    """A line of a hunk; a last line without its line ending says so, as diff does."""
    if line.endswith("\n"):
        return mark + line
    return f"{mark}{line}\n\\ No newline at end of file\n"


Opcode = tuple[str, int, int, int, int]


def _opcodes(blocks: list[tuple[int, int, int]]) -> list[Opcode]:
    """What turns one side into the other between the equal runs: equal, replace,
    delete and insert, with their ranges on each side."""
    codes: list[Opcode] = []
    i = j = 0
    for start_one, start_two, size in blocks:
        if i < start_one and j < start_two:
            codes.append(("replace", i, start_one, j, start_two))
        elif i < start_one:
            codes.append(("delete", i, start_one, j, start_two))
        elif j < start_two:
            codes.append(("insert", i, start_one, j, start_two))
        i, j = start_one + size, start_two + size
        if size:
            codes.append(("equal", start_one, i, start_two, j))
    return codes


def _groups(codes: list[Opcode], n: int) -> Iterator[list[Opcode]]:
    """The changes in hunks, each with up to ``n`` equal lines around it; changes closer
    than twice that share a hunk."""
    if not codes:
        return
    if codes[0][0] == "equal":
        tag, i1, i2, j1, j2 = codes[0]
        codes[0] = (tag, max(i1, i2 - n), i2, max(j1, j2 - n), j2)
    if codes[-1][0] == "equal":
        tag, i1, i2, j1, j2 = codes[-1]
        codes[-1] = (tag, i1, min(i2, i1 + n), j1, min(j2, j1 + n))
    group: list[Opcode] = []
    for tag, i1, i2, j1, j2 in codes:
        if tag == "equal" and i2 - i1 > 2 * n:
            group.append((tag, i1, min(i2, i1 + n), j1, min(j2, j1 + n)))
            yield group
            group = []
            i1, j1 = max(i1, i2 - n), max(j1, j2 - n)
        group.append((tag, i1, i2, j1, j2))
    if group and not (len(group) == 1 and group[0][0] == "equal"):
        yield group


def _range(start: int, stop: int) -> str:
    """A hunk's range as unified diffs write it (difflib's rule)."""
    beginning = start + 1
    length = stop - start
    if length == 1:
        return str(beginning)
    if not length:
        beginning -= 1
    return f"{beginning},{length}"
