"""One-to-one matching of texts: who in one list is who in the other.

Both ``argmap diff`` (an id renamed while its text stayed nearly the same) and
``argmap grade`` (a student's argument that words a key's argument in its own way) pair
the elements of two lists so that the pairs together are as similar as they can be: an
assignment (Kuhn and Munkres' Hungarian method), not a greedy choice that lets the first
element take the partner a later one needed. Similarities of texts are rapidfuzz's.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from rapidfuzz import fuzz, process
from rapidfuzz.utils import default_process

ASSIGNMENT_LIMIT: Final = 400
"""The most rows and columns an exact assignment is computed for (its time grows with
the cube); larger problems are matched greedily, best pair first, and say so."""


Prepared = tuple[str, str]
"""A text made ready to compare: lower-cased without punctuation, and its words sorted."""


def prepare(text: str) -> Prepared:
    """A text made ready for :func:`likeness_table` (once per text, not once per pair)."""
    plain = default_process(text)
    return plain, " ".join(sorted(plain.split()))


def likeness_table(rows: Sequence[Prepared], columns: Sequence[Prepared]) -> list[list[float]]:
    """How alike each row's text is to each column's, 0 to 1: rapidfuzz's ratio of the
    texts lower-cased and stripped of punctuation, or of their words sorted when the
    words were reordered (its token sort ratio), whichever is higher; two empty texts are
    alike, an empty one and another not at all. Each row is compared with every column
    in one call into rapidfuzz, not once per pair."""
    plain = [c[0] for c in columns]
    tokens = [c[1] for c in columns]
    table = []
    for row in rows:
        if not row[0]:
            table.append([0.0 if c else 1.0 for c in plain])
            continue
        found = [0.0] * len(columns)
        for query, choices in ((row[0], plain), (row[1], tokens)):
            for _, score, n in process.extract(
                query, choices, scorer=fuzz.ratio, processor=None, limit=None
            ):
                found[n] = max(found[n], score / 100.0)
        table.append(found)
    return table


def assign(scores: Sequence[Sequence[float]], minimum: float) -> tuple[list[tuple[int, int]], bool]:
    """The pairs (row, column) that together score the most, each row and each column in
    at most one pair, and no pair scoring under ``minimum``; and whether the answer is
    exact (False: the problem was larger than :data:`ASSIGNMENT_LIMIT` and was matched
    greedily, best pair first)."""
    rows = len(scores)
    cols = len(scores[0]) if rows else 0
    if not rows or not cols:
        return [], True
    if max(rows, cols) > ASSIGNMENT_LIMIT:
        return _greedy(scores, minimum), False
    # a score under the minimum is worth nothing: pairing it is the same as leaving it out
    worth = [[s if s >= minimum else 0.0 for s in row] for row in scores]
    if rows <= cols:
        pairs = _hungarian(worth)
    else:
        flipped = [[worth[r][c] for r in range(rows)] for c in range(cols)]
        pairs = [(r, c) for c, r in _hungarian(flipped)]
    return sorted((r, c) for r, c in pairs if worth[r][c] > 0.0), True


def _hungarian(worth: list[list[float]]) -> list[tuple[int, int]]:
    """The assignment of every row (there are no more rows than columns) to a column of
    its own that maximises the total worth: the Hungarian method with potentials, in
    O(rows² × columns)."""
    n, m = len(worth), len(worth[0])
    inf = float("inf")
    u = [0.0] * (n + 1)
    v = [0.0] * (m + 1)
    owner = [0] * (m + 1)  # the row (counted from 1) each column is given to; 0: none
    way = [0] * (m + 1)
    for i in range(1, n + 1):
        owner[0] = i
        j0 = 0
        least = [inf] * (m + 1)
        used = [False] * (m + 1)
        while True:
            used[j0] = True
            i0 = owner[j0]
            costs = worth[i0 - 1]
            delta = inf
            j1 = 0
            u0 = u[i0]
            for j in range(1, m + 1):
                if not used[j]:
                    cur = -costs[j - 1] - u0 - v[j]
                    if cur < least[j]:
                        least[j] = cur
                        way[j] = j0
                    if least[j] < delta:
                        delta = least[j]
                        j1 = j
            for j in range(m + 1):
                if used[j]:
                    u[owner[j]] += delta
                    v[j] -= delta
                else:
                    least[j] -= delta
            j0 = j1
            if owner[j0] == 0:
                break
        while j0:
            j1 = way[j0]
            owner[j0] = owner[j1]
            j0 = j1
    return [(owner[j] - 1, j - 1) for j in range(1, m + 1) if owner[j]]


def _greedy(scores: Sequence[Sequence[float]], minimum: float) -> list[tuple[int, int]]:
    ranked = sorted(
        (
            (-s, r, c)
            for r, row in enumerate(scores)
            for c, s in enumerate(row)
            if s >= minimum and s > 0.0
        ),
    )
    rows: set[int] = set()
    cols: set[int] = set()
    pairs = []
    for _, r, c in ranked:
        if r not in rows and c not in cols:
            rows.add(r)
            cols.add(c)
            pairs.append((r, c))
    return sorted(pairs)
